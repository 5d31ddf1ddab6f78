"""float32 Softmax, LogSoftmax and the softmax cross-entropies (values and gradients)
against TF 1.14 bit for bit: Eigen's exp and log where TF's kernels use them (float64 to
1e-15); above eigen_math.EXACT_MAX values NumPy's exp and log, within a few ulp."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops.eigen_math import EXACT_MAX
from goldens import generator, load

GOLD = load("nn", "pr_softmax_bits")["softmax_bits"]
GOT = {}


def _got():
    if not GOT:
        GOT.update(generator("nn", "pr_softmax_bits").softmax_bits(tf))
    return GOT


def _size(key):
    """The logits' size of a case named <dtype>_<rows>x<cols> (0 for the small named ones:
    extreme logits, rank 3)."""
    if "_" not in key:
        return 0
    rows, cols = key.split("_")[1].split("x")
    return int(rows) * int(cols)


def test_exact_sizes_are_checked_bit_for_bit():
    assert sum(_size(k) <= EXACT_MAX for k in GOLD if k.startswith("float32")) >= 15
    assert any(8192 <= _size(k) <= EXACT_MAX for k in GOLD if k.startswith("float32"))


@pytest.mark.parametrize("key", sorted(GOLD))
def test_bits(key):
    got = _got()[key]
    for i, (g, w) in enumerate(zip(got, GOLD[key])):
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        if g.dtype == np.float64:   # TF's double exp is Eigen's pexp: not emulated
            np.testing.assert_allclose(g, w, rtol=1e-15, atol=1e-15)
        elif _size(key) > EXACT_MAX:   # NumPy's kernels
            np.testing.assert_allclose(g, w, rtol=2e-6, atol=1e-6)
        else:
            np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
