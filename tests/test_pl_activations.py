"""float32 Elu and Selu (exp(x) - 1 by Eigen's pexp and libm's expf tail) and their
gradients against TF 1.14 bit for bit (float64 to 1e-15)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "pl_activations")["activations"]
GOT = {}


def _got():
    if not GOT:
        GOT.update(generator("nn", "pl_activations").activations(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_bits(key):
    got = _got()[key]
    for i, (g, w) in enumerate(zip(got, GOLD[key])):
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        if g.dtype == np.float64:   # TF's double exp is Eigen's pexp: not emulated
            np.testing.assert_allclose(g, w, rtol=1e-15, atol=1e-15)
        else:
            np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
