"""float16 unary ops on every finite half value to TF 1.14's bits
(tests/golden/math/gen_half_unary_bits.py). TF's Eigen::half runs each op on float(x) and
rounds to half; the transcendental ones call libm's float function
(engine/ops/eigen_math.half_libm)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("math", "half_unary_bits")
WANT = goldens.load("math", "half_unary_bits")

# ops whose float16 bits still differ from TF 1.14's on some values (count of the 63,490),
# at every position (pf16u, pf16u2, 2026-12-07, the oracle): TF's half Asin is
# atan(x / sqrt(1 - x*x)) in float (libm's atanf: matches every |x| >= 2**-13; libm's asinf
# is one float ulp off at -0.13647, TF's half there -0.13696), except that its results
# below 2**-13 are x rounded half to even to the 2**-23 grid (asin(3 * 2**-24) = 4 * 2**-24,
# asin(5 * 2**-24) = 4 * 2**-24), as if formed near 1 in float: no float formula tried gives
# it (atan / atan2 of x / sqrt(1 - x*x) or sqrt((1-x)(1+x)), 2 atan(x / (1 + sqrt(1 - x*x))),
# pi/2 - 2 atan(sqrt((1-x)/(1+x))), glibc's casinf, float64 asin). Asinh, Atanh, Acos, Sinh,
# Cosh, Acosh, Rint and Digamma: eigen_math.half_asinh, half_atanh, half_acos, half_sinh,
# half_cosh, half_acosh, half_rint and the float algorithm
# (tests/test_half_packet_lanes.py for the position rules).
_DIFFERS = {
    "math.asin": "2048 values (tiny inputs)",
}


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


def test_every_op_has_a_golden(got):
    assert sorted(got) == sorted(WANT) and len(WANT) == len(GEN.OPS)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=_DIFFERS[n]))
    if n in _DIFFERS else n for n in sorted(GEN.OPS)])
def test_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]


def test_the_half_table_is_libm_then_half():
    from flowgrad.engine.ops import eigen_math
    x = np.array([300.0, 0.07330322265625, 9.359375], np.float16)
    # TF 1.14: sin(300) = -1 (sinf gives -0.99975586, just past the half midpoint)
    assert eigen_math.half_libm("sin", x[:1]).tolist() == [-1.0]
    assert eigen_math.half_libm("cos", x[1:2]).tolist() == [0.99755859375]
    assert eigen_math.half_libm("atan", x[2:]).tolist() == [1.4638671875]


def test_half_grad_kernels_round_their_packet_tail_as_tf():
    # Eigen's Packet8h: TF 1.14's SqrtGrad / SigmoidGrad run dy * (0.5 / y) and
    # dy * (y * (1 - y)) on whole packets of 8 halves, the scalar functors' 0.5 * dy / y and
    # (dy * y) * (1 - y) on the last size % 8 (TF's bits for these 13 values)
    rs = np.random.RandomState(65)
    y = rs.uniform(0.1, 0.9, size=(13,)).astype(np.float16)
    dy = rs.normal(size=(13,)).astype(np.float16)
    g = tf.Graph()
    with g.as_default(), tf.Session() as sess:
        got = sess.run([tf.raw_ops.SqrtGrad(y=y, dy=dy), tf.raw_ops.SigmoidGrad(y=y, dy=dy)])
    assert got[0].view(np.uint16).tolist() == [
        48604, 18816, 16116, 16192, 12578, 46388, 44358, 47457, 11530, 48828, 49296, 45803,
        16347]
    assert got[1].view(np.uint16).tolist() == [
        45348, 13522, 13326, 12547, 9814, 42701, 42560, 45634, 9511, 45667, 46135, 43771,
        12361]


def test_half_special_values_and_nan_signs_as_tf():
    # TF 1.14's bits (the oracle, 2026-12-07): Sinh / Cosh of a NaN are +0 / -0 (Eigen's
    # pexp), Acosh is +NaN from -1 down and -NaN between -1 and 1, Cosh(10.97) 29008
    x = np.array([np.nan, -np.nan, np.inf, -np.inf, -1, -2, 0.5, 300, -65504, 1, 10.96875,
                  -4.47e-6, 3 * 2**-24], np.float16)
    with tf.Graph().as_default(), tf.Session() as sess:
        p = tf.placeholder(tf.float16, [None])
        got = sess.run([tf.math.sinh(p), tf.math.cosh(p), tf.math.acosh(p), tf.math.acos(p)],
                       {p: x})
    assert [g.view(np.uint16).tolist() for g in got] == [
        [0, 0, 31744, 64512, 48307, 49985, 14379, 31744, 64512, 15539, 30485, 32842, 2],
        [32768, 32768, 31744, 31744, 15916, 17286, 15491, 31744, 31744, 15916, 30485, 15360,
         15360],
        [32256, 65024, 31744, 32256, 32256, 32256, 65024, 18022, 32256, 0, 16940, 65024,
         65024],
        [32256, 65024, 65024, 65024, 16968, 65024, 15408, 65024, 65024, 0, 65024, 15945,
         15944]]
