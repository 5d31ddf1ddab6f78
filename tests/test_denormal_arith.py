"""TF 1.14 computes with denormals flushed (FTZ) and read as zero (DAZ) in its kernels'
threads; flowgrad sets the same bits around each Session.run (engine/framework/fpenv.py):
golden math/denormal_arith, bit for bit, run on the host vendor that made it. Outside a
run, NumPy keeps IEEE denormals."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.framework import fpenv

GEN = goldens.generator("math", "denormal_arith")
GOLD = goldens.load("math", "denormal_arith")
# Left (signed zeros, not FTZ/DAZ): TF's Maximum / Minimum / Relu return x on a tie of
# +0 and -0 (Eigen's pmax is maxps(y, x)), NumPy's SIMD loops return y; Eigen's GEMM adds
# its product to a zeroed output (a -0.0 product comes out +0.0); bfloat16's Neg, Sign and
# Reciprocal of zeros.
SIGNED_ZEROS = {"maximum_float32", "maximum_float64", "maximum_bfloat16", "minimum_float32",
                "minimum_float64", "minimum_bfloat16", "relu_float32", "relu_float64",
                "relu_bfloat16", "matmul_float16", "matmul_bfloat16", "matmul_float32",
                "matmul_float64", "negative_bfloat16", "sign_bfloat16", "reciprocal_bfloat16"}
NAMES = [pytest.param(k, marks=pytest.mark.xfail(strict=True, reason="signed zeros"))
         if k in SIGNED_ZEROS else k for k in GOLD if k not in ("vendor", "signed_zeros")]

pytestmark = pytest.mark.skipif(not fpenv.AVAILABLE, reason="no FTZ/DAZ on this platform")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases_on("math", "denormal_arith", GOLD["vendor"])


def test_cases_are_the_golden_s(got):
    assert sorted(got) == sorted(GOLD)


@pytest.mark.parametrize("name", NAMES)
def test_op_on_denormals_is_tf(got, name):
    want, have = GOLD[name], got[name]
    if isinstance(want, str):   # TF has no kernel for the dtype
        assert isinstance(have, str) and have.split(":")[0] == want.split(":")[0], have
        return
    x, y = GEN.pairs(name.rsplit("_", 1)[1])
    bad = np.flatnonzero(np.asarray(have).ravel() != want.ravel()) % x.size
    assert not bad.size, [(hex(x[i]), hex(y[i])) for i in bad[:6]]


@pytest.mark.parametrize("key", ["round_float32", "round_float64", pytest.param(
    "relu_float32", marks=pytest.mark.xfail(strict=True, reason="signed zeros"))])
def test_signed_zeros_are_tf(got, key):
    assert np.array_equal(got["signed_zeros"][key], GOLD["signed_zeros"][key]), key


def test_numpy_outside_a_run_keeps_denormals():
    x = tf.placeholder(tf.float32, [None])
    d = np.array([1e-40, -1e-40], np.float32)
    with tf.Session() as sess:
        assert not sess.run(x * 1.0, {x: d}).any()
        assert (d * np.float32(1.0) == d).all()
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(tf.debugging.check_numerics(x / 0.0, "inf"), {x: np.ones(1, np.float32)})
        assert (d * np.float32(1.0) == d).all()   # after a failed run too
