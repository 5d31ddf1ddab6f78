"""tf.gradients semantics against goldens from TF 1.14 (tests/golden/gradients/)."""
import json
import os

import numpy as np
import pytest

import flowgrad as tf
import gradient_cases

with open(os.path.join(os.path.dirname(__file__), "golden", "gradients", "gradients.json")) as f:
    GOLDEN = json.load(f)


def _compare(got, want, where):
    if want is None:
        assert got is None, f"{where}: expected None, got {got}"
        return
    if isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{where}: {got} vs {want}"
        for i, (g, w) in enumerate(zip(got, want)):
            _compare(g, w, f"{where}[{i}]")
        return
    assert got is not None, f"{where}: expected {want}, got None"
    assert got["dtype"] == want["dtype"], f"{where}: dtype {got['dtype']} vs {want['dtype']}"
    assert got["shape"] == want["shape"], f"{where}: shape {got['shape']} vs {want['shape']}"
    np.testing.assert_allclose(np.asarray(got["value"], dtype=np.float64),
                               np.asarray(want["value"], dtype=np.float64),
                               rtol=1e-6, atol=1e-6, err_msg=where)


@pytest.mark.parametrize("case", gradient_cases.CASES, ids=lambda c: c.__name__)
def test_matches_tf114(case):
    got = gradient_cases.run_case(tf, case)
    want = GOLDEN[case.__name__]
    assert sorted(got) == sorted(want)
    for k in want:
        _compare(got[k], want[k], f"{case.__name__}.{k}")
