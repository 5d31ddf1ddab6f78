"""tf.data against TF 1.14 goldens (tests/golden/data/gen_pipelines.py): element values
and order (seeded shuffles included), end of sequence, iterator kinds and errors."""
import numpy as np
import pytest

import flowgrad as tf
import os  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "data"))
from gen_pipelines import PROGRAMS  # noqa: E402
from goldens import load

GOLD = load("data", "pipelines")


def _same(a, b):
    if isinstance(b, dict):
        assert isinstance(a, dict) and sorted(a) == sorted(b)
        for k in b:
            _same(a[k], b[k])
    elif isinstance(b, (list, tuple)):
        assert isinstance(a, (list, tuple)) and len(a) == len(b), (a, b)
        for x, y in zip(a, b):
            _same(x, y)
    elif isinstance(b, str):
        assert a == b
    else:
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype, (a.dtype, b.dtype)
        assert a.shape == b.shape, (a, b)
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_pipeline_matches_tf(name):
    _same(PROGRAMS[name](tf), GOLD[name])


def test_tutorial_script_runs_unchanged(capsys):
    from flowgrad.cli import run_script
    script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                          "examples", "tf1_scripts", "data_pipeline.py")
    assert run_script(script, []) == 0
    assert capsys.readouterr().out == load("data", "tutorial")["data_pipeline"]
