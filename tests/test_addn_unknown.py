"""The AddN kernel's buffer forwarding with unknown static shapes
(tests/golden/math/gen_addn_unknown.py): a reduction over BroadcastGradientArgs of one
shape twice reduces nothing at run time and hands its input's buffer on, so the two
gradients of `q * q` are one buffer held twice (optimize/addn_order.py's _Buffers)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("math", "addn_unknown")
GEN = goldens.generator("math", "addn_unknown")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got = goldens.flowgrad_cases("math", "addn_unknown", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)


@pytest.mark.parametrize("mode", ["arithmetic_off", "meta_off"])
def test_golden_tells_the_swap_from_the_listed_order(mode):
    """tf.gradients lists `mul_1_grad/Reshape, mul_1_grad/Reshape_1, Mul_grad/Reshape`
    (q, q, -0.7); TF sums the last first: the first two are one buffer."""
    with tf.Graph().as_default(), tf.Session() as sess:
        q = sess.run(tf.tanh(GEN._values(3, (GEN.N,))))   # (Eigen's tanh)
    c = np.float32(-0.7)
    want = GOLDEN["square_minus_" + mode][0]
    assert np.array_equal((c + q) + q, want)
    assert not np.array_equal((q + q) + c, want)
