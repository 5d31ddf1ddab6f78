"""GAN-style TF1 programs against TF 1.14 (tests/golden/nn/gen_pgan_gan.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from goldenio import GoldenError  # tests/golden, on the path goldens.py sets

GOLD = load("nn", "pgan_gan")
GEN = generator("nn", "pgan_gan")


@pytest.mark.parametrize("key", sorted(GOLD["grad_grad_ops"]))
def test_grad_grad_ops(key):
    got = GEN.grad_grad_ops(tf)[key]
    want = GOLD["grad_grad_ops"][key]
    assert got["ops1"] == want["ops1"]
    assert got["ops2"] == want["ops2"]
    for g, w in zip(got["values"], want["values"]):
        np.testing.assert_array_equal(g, w)


def test_stop_gradient_ops():
    assert GEN.stop_gradient_ops(tf) == GOLD["stop_gradient_ops"]


def test_shape_messages():
    assert GEN.shape_messages(tf) == GOLD["shape_messages"]


def _same_outcomes(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if isinstance(w, str):
            assert g == w
        else:
            assert GoldenError.of(g) == w


@pytest.mark.parametrize("case", ["cross_entropy_labels", "reflected_operators",
                                  "dimension_conversions"])
def test_conversions(case, recwarn):
    got, want = getattr(GEN, case)(tf), GOLD[case]
    _same_outcomes(got["outcomes"], want["outcomes"])
    assert got["ops"] == want["ops"]
    if "big" in want:
        np.testing.assert_array_equal(got["big"], want["big"])
        assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


_KERNELS = {"SigmoidGrad": "sigmoid_grad", "TanhGrad": "tanh_grad",
            "ReciprocalGrad": "reciprocal_grad", "RsqrtGrad": "rsqrt_grad",
            "SqrtGrad": "sqrt_grad"}


@pytest.mark.parametrize("key", sorted(GOLD["grad_kernels"]))
def test_grad_kernel_bits(key):
    from flowgrad.engine.ops import elementwise
    name, dtype, n = key.split("_")
    y, dy, pos = GEN.grad_kernel_inputs(int(n), np.dtype(dtype).type)
    fn = getattr(elementwise, _KERNELS[name])
    y = pos if name in ("RsqrtGrad", "SqrtGrad") else y
    with tf.Graph().as_default(), tf.Session() as sess:
        got = sess.run(fn(tf.constant(y), tf.constant(dy)))
    want = GOLD["grad_kernels"][key]
    if name == "SigmoidGrad":
        # flowgrad's SigmoidGrad keeps the packet formula on the last size % packet values
        # too (TF's scalar tail rounds (dy y)(1 - y)): the fused LSTM/GRU loops form
        # y (1 - y) for all steps at once and must give the plain loop's bits
        body = got.size - got.size % (8 if got.dtype == np.float32 else 4)
        np.testing.assert_array_equal(got.reshape(-1)[:body], want.reshape(-1)[:body])
        np.testing.assert_allclose(got, want, rtol=4 * np.finfo(got.dtype).eps)
        return
    np.testing.assert_array_equal(got, want)


# Tanh, Exp, Log and Sqrt run NumPy's kernels, not Eigen's (docs/performance.md): last bits
_ROUNDED = {"tanh", "exp", "log", "sqrt"}


@pytest.mark.parametrize("name", GEN.SECOND_ORDER)
def test_second_order(name):
    got, want = GEN.second_order(tf)[name], GOLD["second_order"][name]
    assert got["ops"] == want["ops"]
    if name in _ROUNDED:
        np.testing.assert_allclose(got["value"], want["value"], rtol=1e-5)
    else:
        np.testing.assert_array_equal(got["value"], want["value"])


def test_mean_grad_shapes():
    assert GEN.mean_grad_shapes(tf) == GOLD["mean_grad_shapes"]
