"""The gradient of a tf.cond / tf.case advances the graph's op counter as TF 1.14's
Switch/Merge gradients do (a Switch per output gradient, a Merge and the dead branch's
zeros per captured input, the AddN of a capture's two branch terms, gated tuples under an
optimizer), so graph-seeded random ops made after it print TF's numbers
(tests/golden/opcounts/gen_cond_grad_counts.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "cond_grad_counts")
WANT = goldens.load("opcounts", "cond_grad_counts")


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS])
def test_op_counter_and_seeded_numbers_after_cond_gradient_equal_tf(name):
    before, after, numbers = GEN.run_case(tf, dict(GEN.CALLS)[name])
    assert before == WANT[name]["before"]
    assert after == WANT[name]["after"]
    np.testing.assert_array_equal(numbers, WANT[name]["random"])


def test_gradient_values_unchanged_by_pruned_outputs():
    # an unused output of a cond gets no gradient term, a capture no branch reaches none
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2])
        w = tf.placeholder(tf.float32, [2])
        a, _ = tf.cond(tf.reduce_sum(x) > 1.0, lambda: (x * w, x + w), lambda: (w, x))
        gx, gw = tf.gradients(a, [x, w])
        p = tf.placeholder(tf.float32, [])
        y = tf.cond(p > 0.0, lambda: x * 2.0, lambda: x * 3.0)
        assert tf.gradients(y, p) == [None]
        with tf.Session() as s:
            feed = {x: [1.0, 2.0], w: [3.0, 4.0]}
            np.testing.assert_array_equal(s.run(gx, feed), [3.0, 4.0])
            np.testing.assert_array_equal(s.run(gw, feed), [1.0, 2.0])
            feed = {x: [0.1, 0.2], w: [3.0, 4.0]}
            np.testing.assert_array_equal(s.run(gx, feed), [0.0, 0.0])
            np.testing.assert_array_equal(s.run(gw, feed), [1.0, 1.0])
