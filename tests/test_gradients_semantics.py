"""tf.gradients semantics against goldens from TF 1.14 (tests/golden/gradients/)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gradient_cases = goldens.generator("gradients", "gradients")
GOLDEN = goldens.load("gradients", "gradients")


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
    assert got.dtype == want.dtype, f"{where}: dtype {got.dtype} vs {want.dtype}"
    assert got.shape == want.shape, f"{where}: shape {got.shape} vs {want.shape}"
    np.testing.assert_allclose(np.asarray(got, dtype=np.float64),
                               np.asarray(want, dtype=np.float64),
                               rtol=1e-6, atol=1e-6, err_msg=where)


@pytest.mark.parametrize("case", gradient_cases.CASES, ids=lambda c: c.__name__)
def test_matches_tf114(case):
    got = gradient_cases.run_case(tf, case)
    want = GOLDEN[case.__name__]
    assert sorted(got) == sorted(want)
    for k in want:
        _compare(got[k], want[k], f"{case.__name__}.{k}")
