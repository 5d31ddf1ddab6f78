"""`1.0 / tf.sqrt(v)` runs as TF 1.14 runs it: Grappler's constant folding makes a division
of ones by a y of the output's shape a Reciprocal(y), so the arithmetic optimizer's
SqrtDivToRsqrtMul leaves it 1 / Sqrt(v); with y of a shape Grappler does not know (a
fed placeholder), a numerator of ones that broadcasts y, `2.0 / sqrt` or `x / sqrt` it
is a Mul by Rsqrt(v) (golden math/div_ones_sqrt, made on the host it records)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.ops import eigen_math

GEN = goldens.generator("math", "div_ones_sqrt")
GOLD = goldens.load("math", "div_ones_sqrt")


@pytest.fixture(scope="module")
def got():
    # float32 Sqrt / Rsqrt bits: the RSQRTPS table of the golden's vendor
    table = eigen_math._RSQRT_BY_BITS
    eigen_math._RSQRT_BY_BITS = eigen_math.rsqrt_by_bits(GOLD["vendor"])
    try:
        with tf.Graph().as_default():
            out, feed = GEN.build(tf)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                return sess.run(out, feed)
    finally:
        eigen_math._RSQRT_BY_BITS = table


@pytest.mark.parametrize("case", sorted(k for k in GOLD if k != "vendor"))
def test_bits_match_tf114(got, case):
    want = np.asarray(GOLD[case])
    assert got[case].dtype == want.dtype
    assert np.array_equal(got[case], want)
