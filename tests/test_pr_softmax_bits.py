"""float32 Softmax, LogSoftmax and the softmax cross-entropies (values and gradients)
against TF 1.14 bit for bit: Eigen's exp and log where TF's kernels use them (float64 to
1e-15)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "pr_softmax_bits")["softmax_bits"]
GOT = {}


def _got():
    if not GOT:
        GOT.update(generator("nn", "pr_softmax_bits").softmax_bits(tf))
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
