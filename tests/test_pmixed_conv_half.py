"""float16 conv nets as TF 1.14, bit for bit (tests/golden/nn/gen_pmixed_conv_half.py):
Conv2DBackpropFilter's and Conv2DBackpropInput's half contractions, a loss-scaled float16
training run."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("nn", "pmixed_conv_half")
GOLD = load("nn", "pmixed_conv_half")


def _same(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes(), np.flatnonzero(got != want)[:10]


@pytest.fixture(scope="module")
def filter_grads():
    return GEN.filter_grads(tf)


@pytest.mark.parametrize("case", sorted(GOLD["filter_grads"]))
def test_half_conv_grad_bits(filter_grads, case):
    for got, want in zip(filter_grads[case], GOLD["filter_grads"][case]):
        _same(got, want)


@pytest.mark.parametrize("case", sorted(GOLD["avg_pools"]))
def test_half_avg_pool_bits(case):
    _same(GEN.avg_pools(tf)[case], GOLD["avg_pools"][case])


def test_loss_scaled_half_training():
    got, want = GEN.loss_scaled_training(tf), GOLD["training"]
    assert got["grads"] == want["grads"] and got["variables"] == want["variables"]
    for (loss, scale), (wl, ws) in zip(got["steps"], want["steps"]):
        _same(loss, wl)
        _same(scale, ws)
    _same(got["w"], want["w"])
    _same(got["bn"], want["bn"])


def test_half_1x1_conv_is_tfs_half_matmul():
    # TF 1.14's Conv2D runs a 1x1 filter of stride 1 as a MatMul (MatMulConvFunctor):
    # Eigen's half contraction, each product and sum rounded (TF's bits for this graph)
    rs = np.random.RandomState(11)
    x = rs.normal(size=(1, 2, 3, 6)).astype(np.float16)
    w = rs.normal(scale=0.5, size=(1, 1, 6, 2)).astype(np.float16)
    with tf.Graph().as_default(), tf.Session() as sess:
        got = sess.run(tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME"))
    assert got.view(np.uint16).ravel().tolist() == [
        14802, 15569, 47732, 43222, 14271, 15669, 15313, 48587, 45281, 11372, 14152, 46715]
