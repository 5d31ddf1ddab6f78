"""TF 1.14's public Defun (tensorflow.python.framework.function) and
tf.contrib.layers.scale_gradient against TF 1.14's answers (tests/golden/framework/
gen_pdefun.py): ops, values, gradients, function libraries, errors."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("framework", "pdefun")
GEN = generator("framework", "pdefun")


def _same(got, want, path=""):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), path
        for k in want:
            _same(got[k], want[k], f"{path}/{k}")
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), (path, got, want)
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{path}[{i}]")
    elif isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
        np.testing.assert_array_equal(np.asarray(got), want, err_msg=path)
    else:
        assert got == want, (path, got, want)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_case(case):
    _same(getattr(GEN, "case_" + case)(tf), GOLD[case])
