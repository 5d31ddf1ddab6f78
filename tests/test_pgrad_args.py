"""tf.gradients' arguments, colocation and tf.test.compute_gradient against TF 1.14
(tests/golden/gradients/gen_pgrad_args.py): the same ops, names, devices, errors and
values."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("gradients", "pgrad_args")
GOLDEN = goldens.load("gradients", "pgrad_args")


def _compare(got, want, where):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), f"{where}: {got} vs {want}"
        for k in want:
            _compare(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), \
            f"{where}: {got!r} vs {want!r}"
        for i, (a, b) in enumerate(zip(got, want)):
            _compare(a, b, f"{where}[{i}]")
    elif isinstance(want, np.ndarray):
        got = np.asarray(got)
        assert got.dtype == want.dtype and got.shape == want.shape, f"{where}: {got} vs {want}"
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7, err_msg=where)
    elif isinstance(want, float):
        assert got == pytest.approx(want, rel=1e-6, abs=1e-9), f"{where}: {got} vs {want}"
    else:
        assert got == want, f"{where}: {got!r} vs {want!r}"


@pytest.mark.parametrize("case", GEN.CASES, ids=lambda c: c.__name__)
def test_matches_tf114(case):
    state = np.random.get_state()
    try:
        got = case(tf)
    finally:
        np.random.set_state(state)
    _compare(got, GOLDEN[case.__name__], case.__name__)
