"""TF 1.14's Lgamma and Digamma bits: Eigen has no packet version of either, so Lgamma is
libm's lgammaf / lgamma of each value and Digamma Eigen's digamma_impl in the input's
precision (reflection through tan, the recurrence up to 10, log and a short polynomial). Cases: both
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
    out = {}
    for dt, suffix in (("float32", ""), ("float64", "/float64")):
        with tf.Graph().as_default():
            x = tf.placeholder(dt, [None])
            lg = tf.lgamma(x)
            grad = tf.gradients(lg, x, grad_ys=tf.ones_like(x) * 0.75)[0]
            fetch = {"lgamma": lg, "digamma": tf.digamma(x), "lgamma_grad": grad}
            with tf.Session() as sess:
                got = sess.run(fetch, {x: values().astype(dt)})
        out.update((k + suffix, v) for k, v in got.items())
    return out
