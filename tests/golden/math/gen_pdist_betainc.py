"""TF 1.14's float32 Betainc, bit for bit, on fed inputs: a grid of special points
(0, denormals, 1, inf, NaN, negatives, x at and beyond [0, 1]) and seeded triples reaching
every branch (a <= 1, the swap, the power series for b > 10, both continued fractions).
Read by tests/test_pdist_betainc.py; importable under Python 3.7 (the oracle)."""
from __future__ import absolute_import

import numpy as np


def inputs():
    ab = np.array([0.0, 1e-40, 0.3, 1.0, 2.5, 12.0, 300.0, np.inf, -1.0, np.nan], np.float32)
    xs = np.array([0.0, 1e-40, 1e-6, 0.3, 0.5, 0.9, 0.999, 1.0, 1.5, -0.1, np.nan], np.float32)
    ga, gb, gx = [v.ravel() for v in np.meshgrid(ab, ab, xs)]
    rng = np.random.RandomState(77)
    n = 1500
    parts = [(ga, gb, gx),
             (rng.uniform(0, 1, n), rng.uniform(0, 5, n), rng.uniform(0, 1, n)),
             (np.exp(rng.uniform(-3, 5, n)), np.exp(rng.uniform(-3, 5, n)), rng.uniform(0, 1, n)),
             (rng.uniform(1, 4, n), rng.uniform(10, 200, n), rng.uniform(0, 0.02, n))]
    return tuple(np.concatenate([p[i] for p in parts]).astype(np.float32) for i in range(3))


def cases(tf):
    a, b, x = (tf.placeholder(tf.float32, [None]) for _ in range(3))
    va, vb, vx = inputs()
    out = tf.math.betainc(a, b, x)
    with tf.Session() as sess:
        return {"betainc": sess.run(out, {a: va, b: vb, x: vx}),
                "betainc/n3": sess.run(out, {a: va[-3:], b: vb[-3:], x: vx[-3:]})}
