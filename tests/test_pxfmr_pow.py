"""Pow by a constant 0.5 / -0.5 / -1 runs as Grappler's Sqrt / Rsqrt / Reciprocal, with
TF 1.14's float32 bits (tests/golden/math/gen_pxfmr_pow.py): a hand-written layer norm's
`(variance + epsilon) ** .5` prints TF's digits from the first run on."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_math

import goldens

GOLDEN = goldens.load("math", "pxfmr_pow")
GEN = goldens.generator("math", "pxfmr_pow")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got = goldens.flowgrad_cases("math", "pxfmr_pow", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)


def test_rewrite_changes_values_against_powf():
    # the golden tells the two apart: powf's square roots miss some of TF's bits
    x = GEN.base()
    on, off = GOLDEN["powers"], GOLDEN["powers_arithmetic_off"]
    assert not np.array_equal(on[0], off[0]) and not np.array_equal(on[1], off[1])
    # glibc's powf, which flowgrad's Pow follows (NumPy 1.x's float32 power differs)
    np.testing.assert_array_equal(off[0], eigen_math.powf(x, np.float32(0.5)))


def test_every_run_gives_the_same_bits():
    # a value-changing rewrite applies to the interpreted first run and the compiled ones
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 7, 5])
        y = GEN._layer_norm(tf, x)
        with tf.Session() as sess:
            runs = [sess.run(y, {x: GEN.base()}) for _ in range(3)]
    for r in runs:
        np.testing.assert_array_equal(r, GOLDEN["layer_norm"][0])
