"""TF 1.14's Zeta bits: Eigen's zeta_impl run in float32 (and float64: "zeta/float64") (libm's powf, at
most 9 direct terms, the Euler-Maclaurin tail whose running factor overflows float32 for
large x: inf * 0 = NaN where the value underflows; fuzz seed 820681's zeta(60, 60.5)).
Cases: zeta on `values()` fed through placeholders, the fuzz case, and the gradient in q.
Read by tests/test_pfuzz2_zeta.py.
"""
from __future__ import absolute_import

import numpy as np


def values():
    r = np.random.RandomState(11)
    n = 1500
    x = np.concatenate([r.uniform(1, 5, n), r.uniform(1, 100, n), np.round(r.uniform(1, 12, n)),
                        [1, 0.5, 2, 2, 3, np.nan, 2, np.inf, 2, 40, 1.0000001]])
    q = np.concatenate([r.uniform(0.01, 5, n), r.uniform(0.1, 120, n), r.uniform(-6, 6, n),
                        [2, 2, -3, -2.5, -2.5, 1, np.nan, 2, np.inf, 1e-3, 1e-30]])
    return x.astype(np.float32), q.astype(np.float32)


def cases(tf):
    x, q = values()
    with tf.Graph().as_default():
        px, pq = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
        z = tf.math.zeta(px, pq)
        fuzz = tf.math.zeta(tf.constant([30.0, 60.0, 100.0]), tf.constant([30.5, 60.5, 100.5]))
        gq = tf.placeholder(tf.float32, [8])
        grad = tf.gradients(tf.math.zeta(tf.constant(np.linspace(1.5, 30, 8), tf.float32), gq),
                            gq)[0]
        dx, dq = tf.placeholder(tf.float64), tf.placeholder(tf.float64)
        z64 = tf.math.zeta(dx, dq)
        with tf.Session() as sess:
            return sess.run({"zeta": z, "fuzz_820681": fuzz, "grad_q": grad, "zeta/float64": z64},
                            {px: x, pq: q, gq: np.linspace(0.25, 9, 8).astype(np.float32),
                             dx: x.astype(np.float64) * 1.001,
                             dq: q.astype(np.float64) * 0.999})
