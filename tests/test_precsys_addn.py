"""AddN sums its inputs in TF 1.14's order (tests/golden/math/gen_precsys_addn.py):
Grappler's arithmetic optimizer sorts them by name, so a binary classifier's
sigmoid_cross_entropy_with_logits gradient and a wide & deep model trained on it print
TF's last bits; with arithmetic_optimization off, tf.gradients' order."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("math", "precsys_addn")
GEN = goldens.generator("math", "precsys_addn")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got = goldens.flowgrad_cases("math", "precsys_addn", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)


def test_golden_tells_the_orders_apart():
    # the sorted and the listed order round differently on these inputs
    assert not np.array_equal(GOLDEN["sigmoid_xent_grad"],
                              GOLDEN["sigmoid_xent_grad_arithmetic_off"])
    on, off = GOLDEN["named_sums"], GOLDEN["named_sums_arithmetic_off"]
    assert any(not np.array_equal(a, b) for a, b in zip(on, off))


def test_every_run_gives_the_same_bits():
    # a value-changing rewrite applies to the interpreted first run and the compiled ones
    runs = [GEN.sigmoid_xent_grad(tf) for _ in range(2)]
    with tf.Graph().as_default():
        xv, yv = GEN._logits()
        x = tf.placeholder(tf.float32, [None, 1])
        y = tf.placeholder(tf.float32, [None, 1])
        g = tf.gradients(tf.reduce_mean(
            tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=x)), x)[0]
        with tf.Session() as sess:
            runs += [sess.run(g, {x: xv, y: yv}) for _ in range(3)]
    for r in runs:
        assert r.tobytes() == GOLDEN["sigmoid_xent_grad"].tobytes()


def test_golden_tells_fused_from_plain_matmul():
    # one output column: the fused contraction and the plain MatMul's gemv differ
    on, off = GOLDEN["fused_column"], GOLDEN["fused_column_remapping_off"]
    assert any(not np.array_equal(a[0], b[0]) for a, b in zip(on, off))
