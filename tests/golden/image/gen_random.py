# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""Seeded tf.image random distortions under TF 1.14: the numbers a seeded program prints.

Each case builds its graph with a graph-level seed (and op seeds where named), runs the
fetches twice in one Session (the stream advances) and once in a second Session.
tests/test_image.py runs the same functions with flowgrad.
"""
import numpy as np


def _img(shape, dtype="float32", seed=0):
    r = np.random.RandomState(seed)
    if dtype == "uint8":
        return r.randint(0, 256, size=shape).astype(np.uint8)
    return r.uniform(0, 1, size=shape).astype(dtype)


def flips_op_seed(tf):
    x = tf.constant(_img((4, 5, 3)))
    b = tf.constant(_img((6, 2, 3, 1)))
    return [tf.image.random_flip_left_right(x, seed=7), tf.image.random_flip_up_down(x, seed=8),
            tf.image.random_flip_left_right(b, seed=9), tf.image.random_flip_up_down(b, seed=10)]


def colour_op_seed(tf):
    x = tf.constant(_img((3, 4, 3)))
    return [tf.image.random_brightness(x, 0.3, seed=1), tf.image.random_contrast(x, 0.2, 1.8, seed=2),
            tf.image.random_saturation(x, 0.2, 1.8, seed=3), tf.image.random_hue(x, 0.4, seed=4)]


def crop_op_seed(tf):
    x = tf.constant(_img((6, 7, 3)))
    return [tf.image.random_crop(x, [3, 4, 3], seed=5), tf.image.random_crop(x, [6, 2, 1], seed=6)]


def uint8_op_seed(tf):
    x = tf.constant(_img((3, 4, 3), "uint8"))
    return [tf.image.random_brightness(x, 0.3, seed=11), tf.image.random_contrast(x, 0.2, 1.8, seed=12),
            tf.image.random_flip_left_right(x, seed=13)]


def graph_seed_only(tf):
    # seed2 is the op count at creation: this needs TF's op counts before each random op
    x = tf.constant(_img((3, 4, 3)))
    return [tf.image.random_brightness(x, 0.3), tf.image.random_contrast(x, 0.2, 1.8),
            tf.image.random_saturation(x, 0.2, 1.8), tf.image.random_hue(x, 0.4)]


def graph_seed_only_flips(tf):
    x = tf.constant(_img((4, 5, 3)))
    return [tf.image.random_flip_left_right(x), tf.image.random_crop(x, [2, 2, 3]),
            tf.image.random_flip_up_down(tf.constant(_img((5, 2, 2, 1))))]


CASES = {f.__name__: f for f in (flips_op_seed, colour_op_seed, crop_op_seed, uint8_op_seed,
                                 graph_seed_only, graph_seed_only_flips)}


def run(tf, fn, graph_seed=1234):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(graph_seed)
        fetches = fn(tf)
        with tf.Session() as sess:
            first, second = sess.run(fetches), sess.run(fetches)
        with tf.Session() as sess:
            again = sess.run(fetches)
    return [[np.asarray(v) for v in r] for r in (first, second, again)]


def cases(tf):
    return {name: run(tf, fn) for name, fn in sorted(CASES.items())}
