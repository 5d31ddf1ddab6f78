"""tf.test.compute_gradient / compute_gradient_error against TF 1.14
(tests/golden/gradients/gen_pdbg_gradcheck.py): the same random x values, Jacobians and
errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("gradients", "pdbg_gradcheck")
GOLDEN = goldens.load("gradients", "pdbg_gradcheck")


@pytest.fixture(scope="module")
def ours():
    state = np.random.get_state()
    try:
        return GEN.cases(tf)
    finally:
        np.random.set_state(state)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_gradient_check_like_tf114(ours, key):
    want, got = GOLDEN[key], ours[key]
    if key.endswith("error"):
        assert got == pytest.approx(want, rel=1e-6, abs=1e-12)
        return
    if key == "f32":
        assert got[0] == want[0]
        want, got = want[1:], got[1:]
    np.testing.assert_allclose(np.asarray(got, np.float64), np.asarray(want, np.float64),
                               rtol=1e-6, atol=1e-7)
