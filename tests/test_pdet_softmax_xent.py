"""float32 Softmax, LogSoftmax, SoftmaxCrossEntropyWithLogits and
SparseSoftmaxCrossEntropyWithLogits (and their gradients) against TF 1.14 bit for bit: the
exp inside the class reductions by Eigen's pexp on whole packets and libm's expf on the
rest, log(sum) by Eigen's plog (dense) or libm's logf (sparse)."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_math, eigen_sum
from goldens import generator, load

GEN = generator("nn", "pdet_softmax_xent")
GOLD = load("nn", "pdet_softmax_xent")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.kernels(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD["kernels"]))
def test_kernels_bits(key):
    names = ["softmax", "log_softmax", "sparse", "dense", "grad"]
    for name, g, w in zip(names, _got()[key], GOLD["kernels"][key]):
        assert g.dtype == w.dtype == np.float32 and g.shape == w.shape, (key, name)
        np.testing.assert_array_equal(g, w, err_msg="%s %s" % (key, name))


def test_segmentation_loss_bits():
    for i, (g, w) in enumerate(zip(GEN.segmentation(tf), GOLD["segmentation"])):
        np.testing.assert_array_equal(np.asarray(g), np.asarray(w), err_msg=str(i))


def test_row_scalar_mask():
    # rows of 21: 16 by packets, 5 one by one; 3 classes: all one by one
    m = eigen_sum.row_scalar_mask(4, 21)
    assert m.shape == (4, 21) and not m[:, :16].any() and m[:, 16:].all()
    assert eigen_sum.row_scalar_mask(2, 3).all()
    # above 1024 packets Eigen's tree splits each row at a packet boundary of the whole
    # buffer: the leftovers depend on where the row starts
    big = eigen_sum.row_scalar_mask(2, 9001)
    assert big[0].sum() != big[1].sum() or (big[0] != big[1]).any()


def test_scalar_exp_log_agree_with_libm():
    x = np.random.RandomState(0).randn(20000).astype(np.float32) * 10
    want = np.array([eigen_math._scalar_expf(v) for v in x], np.float32)
    np.testing.assert_array_equal(eigen_math.scalar_exp(x), want)
    y = np.abs(x) + np.float32(1e-3)
    want = np.array([eigen_math._scalar_logf(v) for v in y], np.float32)
    np.testing.assert_array_equal(eigen_math.scalar_log(y), want)
