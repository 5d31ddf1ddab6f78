"""A division of a value read through an unfed tf.placeholder_with_default by a constant:
Grappler never folds the PlaceholderWithDefault and strength-reduces the division to a
multiplication by the float32 reciprocal (TF 1.14: `placeholder_with_default(c) / 255.`
prints c * float32(1/255), 0.012941177003085613 for 3.3, where c / 255 is
0.012941176071763039; the mu-law decode of pprobe46's wavenet_mulaw_queues). flowgrad folds
the PlaceholderWithDefault exactly, and folded the division with it."""
import numpy as np

import flowgrad as tf

C = np.array([22.41, 3.3, 7.7], np.float32)


def _graph():
    x = tf.placeholder_with_default(tf.constant(C), [3])
    y = x / 255.
    return x, y, tf.identity(y) + 0.


def test_division_of_an_unfed_default_multiplies_by_the_reciprocal():
    want = C * np.float32(1 / 255)
    assert not np.array_equal(want, C / np.float32(255))   # (the values tell them apart)
    with tf.Graph().as_default(), tf.Session() as sess:
        _, y, z = _graph()
        for _ in range(2):   # the first run's plan and the optimized second
            got_y, got_z = sess.run([y, z])
            assert np.array_equal(got_y, want) and np.array_equal(got_z, want)


def test_fed_default_divides_the_same_way():
    with tf.Graph().as_default(), tf.Session() as sess:
        x, y, _ = _graph()
        got = sess.run(y, {x: C[::-1].copy()})
        assert np.array_equal(got, C[::-1] * np.float32(1 / 255))
