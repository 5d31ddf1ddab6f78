"""LRN and LRNGrad as TF 1.14's CPU kernels, bit for bit, and float32 Pow as libm's powf
(goldens: tests/golden/nn/gen_pcnn_lrn.py)."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_math
from goldens import generator, load

GEN = generator("nn", "pcnn_lrn")
GOLD = load("nn", "pcnn_lrn")


@pytest.mark.parametrize("i", range(len(GEN.LRN)), ids=[c[0] for c in GEN.LRN])
def test_lrn_and_lrn_grad_bits(i):
    tf.reset_default_graph()
    got = GEN.lrn_case(tf, i, GEN.LRN[i])
    want = GOLD["lrn/" + GEN.LRN[i][0]]
    np.testing.assert_array_equal(got["y"], want["y"])
    np.testing.assert_array_equal(got["dx"], want["dx"])
    assert got["grad_op"] == want["grad_op"] == ["gradients/LRN_grad/LRNGrad", "LRNGrad"]
    assert got["grad_inputs"] == want["grad_inputs"]
    assert got["grad_attrs"] == want["grad_attrs"]


def test_lrn_grad_has_no_gradient():
    tf.reset_default_graph()
    err = GEN.second_order(tf)
    want = GOLD["second_order"]
    assert isinstance(err, LookupError)
    assert str(err) == want.message


def test_pow_float32_is_powf():
    tf.reset_default_graph()
    got = GEN.pow_case(tf)
    np.testing.assert_array_equal(got, GOLD["pow"])
    # the first pairs are those where powf is not the float64 power rounded once
    x, e = np.float32(GEN.POW_X), np.float32(GEN.POW_E)
    rounded = np.power(x.astype(np.float64), e.astype(np.float64)).astype(np.float32)
    assert (rounded != GOLD["pow"][:len(x)]).all()


def test_powf_special_values():
    x = np.float32([0.0, -0.0, np.inf, np.nan, 1e-40, -1.0, -8.0, 2.0, 0.5])
    e = np.float32([-1.0, -1.0, 0.5, 2.0, 2.0, np.inf, 1 / 3, 200.0, 200.0])
    got = eigen_math.powf(x, e)
    # 1e-40 is read as 0 (DAZ); 0.5 ** 200 is below the normals: flushed (FTZ)
    want = np.float32([np.inf, -np.inf, np.inf, np.nan, 0.0, 1.0, np.nan, np.inf, 0.0])
    np.testing.assert_array_equal(got, want)
    assert eigen_math.powf(np.float32(2), np.float32([1, 2, 3])).tolist() == [2, 4, 8]
