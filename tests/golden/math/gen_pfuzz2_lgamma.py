"""TF 1.14's float32 Lgamma and Digamma bits: Eigen has no packet version of either, so
Lgamma is libm's lgammaf of each value and Digamma Eigen's digamma_impl<float> in float32
(reflection through tanf, the recurrence up to 10, logf and a short polynomial). Cases: both
on `values()` through a placeholder, and the gradient of lgamma (digamma). Read by
tests/test_pfuzz2_lgamma.py.
"""
from __future__ import absolute_import

import numpy as np


def values():
    r = np.random.RandomState(12)
    special = [0.0, -0.0, 1.0, 2.0, -1.0, -2.5, 0.5, np.inf, -np.inf, np.nan, 1e-30, 3e38,
               -1e-30, 1e8, 2e8, 9.999999, 10.0]
    return np.concatenate([r.uniform(-10, 10, 3000), r.uniform(0, 3, 2000),
                           r.uniform(-40, 40, 1000), np.round(r.uniform(-10, 10, 100)) + 0.5,
                           r.uniform(30, 1e6, 500), special]).astype(np.float32)


def cases(tf):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None])
        lg = tf.lgamma(x)
        grad = tf.gradients(lg, x, grad_ys=tf.ones_like(x) * 0.75)[0]
        with tf.Session() as sess:
            return sess.run({"lgamma": lg, "digamma": tf.digamma(x), "lgamma_grad": grad},
                            {x: values()})
