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
# Left: bfloat16 Reciprocal of zeros
# and denormals (TF: NaN, not inf: XLA_CPU's approximate reciprocal, host-dependent).
BFLOAT16_LEFT = {"reciprocal_bfloat16"}
NAMES = [pytest.param(k, marks=pytest.mark.xfail(strict=True, reason="bfloat16 zeros"))
         if k in BFLOAT16_LEFT else k for k in GOLD if k not in ("vendor", "signed_zeros")]

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
    for run in range(2):   # the first run's plan, then the optimized one
        w, h = want[run], np.asarray(have[run])
        assert h.shape == w.shape, run
        bad = np.flatnonzero((h != w).reshape(len(h), -1).any(1)) % x.size
        assert not bad.size, (run, [(hex(x[i]), hex(y[i])) for i in bad[:6]])


@pytest.mark.parametrize("key", ["round_float32", "round_float64", "relu_float32",
                                 "relu_float64"])
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
