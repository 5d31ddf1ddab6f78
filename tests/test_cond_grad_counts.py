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


def test_output_without_gradient_makes_no_zeros():
    # TF 1.14 differentiates only the cond outputs with a gradient: the unused [1024] output
    # gets no zeros (flowgrad made a Fill there, a 1000-element zeros, under Merge_grad);
    # TF's ops of this gradient, from its oracle: 35, none of them under Merge_grad but the
    # Switch cond_grad (the Keras BatchNormalization of 1024+ channels, ResNet50's stage 4)
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [2, 1024])
        p = tf.placeholder(tf.bool, [])
        a, _ = tf.cond(p, lambda: (x * 2.0, tf.reduce_sum(x, 0)),
                       lambda: (x * 3.0, tf.reduce_max(x, 0)))
        n = len(g.get_operations())
        gx, = tf.gradients(a, [x])
        new = [o.name for o in g.get_operations()[n:]]
        assert len(new) == 35
        assert [m for m in new if "Merge_grad" in m] == ["gradients/cond/Merge_grad/cond_grad"]
        with tf.Session() as s:
            got = s.run(gx, {x: np.ones((2, 1024), np.float32), p: False})
        np.testing.assert_array_equal(got, np.full((2, 1024), 3.0, np.float32))
