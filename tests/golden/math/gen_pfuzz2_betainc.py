"""TF 1.14's float32 Betainc bits: Eigen's betainc_impl<float> (Cephes' incbetf: the
power series for small b x / a, else the continued fraction, in float32, with libm's logf,
log1pf, lgammaf and expf). Cases: betainc on `values()` through placeholders (256 values,
flowgrad's limit for the value-by-value emulation) and the gradient in x. Read by
tests/test_pfuzz2_betainc.py.
"""
from __future__ import absolute_import

import numpy as np


def values():
    r = np.random.RandomState(14)
    n = 80
    a = np.concatenate([r.uniform(0.05, 20, n), r.uniform(0.05, 1, n), r.uniform(0.5, 60, n),
                        [0, 1, 2, 2, 2, 2, 0.5, 30, 3, 1, 5, 0.3, 12, 40, 2, 7]])
    b = np.concatenate([r.uniform(0.05, 20, n), r.uniform(0.05, 30, n), r.uniform(10, 60, n),
                        [1, 0, 2, 2, 2, 2, 0.5, 0.5, 40, 1, 5, 0.7, 11, 60, 15, 1.5]])
    x = np.concatenate([r.uniform(0, 1, n), r.uniform(0, 1, n), r.uniform(0, 0.1, n),
                        [0.5, 0.5, 0, 1, 1.5, -0.5, 1e-30, 0.999, 0.01, 0.5, 0.5, 0.2, 0.45,
                         0.001, 0.99, 0.3]])
    return a.astype(np.float32), b.astype(np.float32), x.astype(np.float32)


def cases(tf):
    a, b, x = values()
    with tf.Graph().as_default():
        p = [tf.placeholder(tf.float32, [None]) for _ in range(3)]
        y = tf.math.betainc(*p)
        grad = tf.gradients(y, p[2])[0]
        with tf.Session() as sess:
            return sess.run({"betainc": y, "betainc_grad_x": grad}, dict(zip(p, (a, b, x))))
