"""float32 Softmax, LogSoftmax, SoftmaxCrossEntropyWithLogits and
SparseSoftmaxCrossEntropyWithLogits (and their gradients) against TF 1.14 bit for bit: the
exp inside the class reductions by Eigen's pexp on whole packets and libm's expf on the
rest, log(sum) by Eigen's plog (dense) or libm's logf (sparse); above
eigen_math.EXACT_MAX logits NumPy's exp and log (within a few ulp)."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops.eigen_math import EXACT_MAX
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
    rows, classes = map(int, key.split("x"))
    for name, g, w in zip(names, _got()[key], GOLD["kernels"][key]):
        assert g.dtype == w.dtype == np.float32 and g.shape == w.shape, (key, name)
        if rows * classes > EXACT_MAX:
            np.testing.assert_allclose(g, w, rtol=2e-6, atol=1e-6, err_msg="%s %s" % (key, name))
        else:
            np.testing.assert_array_equal(g, w, err_msg="%s %s" % (key, name))


def test_segmentation_loss_bits():
    for i, (g, w) in enumerate(zip(GEN.segmentation(tf), GOLD["segmentation"])):
        np.testing.assert_array_equal(np.asarray(g), np.asarray(w), err_msg=str(i))
