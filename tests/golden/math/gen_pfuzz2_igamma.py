"""TF 1.14's float32 Igamma and Igammac bits: Eigen's igamma_series_impl / igammac_cf_impl
in float32 (relative errors up to ~1e-5 against the true value, which flowgrad's float64
series rounded once gave), with libm's logf, lgammaf and expf, and IgammaGradA (their
DERIVATIVE mode, with Eigen's float32 digamma). Cases: both on `values()` through
placeholders, and the gradients in x and a. Read by tests/test_pfuzz2_igamma.py.
"""
from __future__ import absolute_import

import numpy as np


def values():
    r = np.random.RandomState(13)
    n = 1500
    a = np.concatenate([r.uniform(0.01, 20, n), r.uniform(0.01, 3, n), r.uniform(50, 500, 300),
                        [0, -1, np.nan, 1, 2, 1, 3, 0.5, np.inf, 1, -1, np.nan, 19.3, 2.0]])
    x = np.concatenate([r.uniform(0, 30, n), r.uniform(0, 3, n), r.uniform(40, 600, 300),
                        [1, 1, 1, np.nan, 0, np.inf, -1, 1e-30, 2, 1e-40, 0, 0, 0.0631, 1.0]])
    return a.astype(np.float32), x.astype(np.float32)


def cases(tf):
    a, x = values()
    with tf.Graph().as_default():
        pa, px = tf.placeholder(tf.float32, [None]), tf.placeholder(tf.float32, [None])
        p, q = tf.math.igamma(pa, px), tf.math.igammac(pa, px)
        grad = tf.gradients(p[:100], px)[0][:100]
        grad_a = tf.gradients(p, pa)[0]          # IgammaGradA (Eigen's DERIVATIVE mode)
        with tf.Session() as sess:
            return sess.run({"igamma": p, "igammac": q, "igamma_grad_x": grad,
                             "igamma_grad_a": grad_a}, {pa: a, px: x})
