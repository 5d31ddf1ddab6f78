"""TF 1.14's float32 Igamma and Igammac, bit for bit, on fed inputs: a grid of special
points (0, denormals, 1, a = x, inf, NaN, negatives) and seeded pairs over several scales.
Read by tests/test_pdist_igamma.py; importable under Python 3.7 (the oracle)."""
from __future__ import absolute_import

import numpy as np


def inputs():
    pts = np.array([0.0, 1e-40, 1e-30, 1e-6, 0.1, 0.5, 1.0, 1.5, 2.0, 7.0, 30.0, 100.0,
                    1e4, 1e7, np.inf, -1.0, np.nan], np.float32)
    ga, gx = np.meshgrid(pts, pts)
    rng = np.random.RandomState(2024)
    parts_a = [ga.ravel(), rng.uniform(0, 3, 2000), np.exp(rng.uniform(-5, 6, 2000)),
               rng.uniform(50, 500, 500)]
    parts_x = [gx.ravel(), rng.uniform(0, 6, 2000), np.exp(rng.uniform(-6, 6, 2000)),
               rng.uniform(40, 600, 500)]
    return (np.concatenate(parts_a).astype(np.float32),
            np.concatenate(parts_x).astype(np.float32))


def cases(tf):
    a = tf.placeholder(tf.float32, [None])
    x = tf.placeholder(tf.float32, [None])
    va, vx = inputs()
    with tf.Session() as sess:
        p, q = sess.run([tf.math.igamma(a, x), tf.math.igammac(a, x)], {a: va, x: vx})
        sp, sq = sess.run([tf.math.igamma(a, x), tf.math.igammac(a, x)],
                          {a: va[:5], x: vx[-5:]})
    return {"igamma": p, "igammac": q, "igamma/n5": sp, "igammac/n5": sq}
