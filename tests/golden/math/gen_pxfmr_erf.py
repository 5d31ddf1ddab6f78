"""TF 1.14's float32 Erf and Erfc: libm's erff / erfcf of each value (Eigen has no packet
erf), denormals read as zero. Cases: the ops on `values()` fed through a placeholder, and
BERT's gelu (x * 0.5 * (1 + erf(x / sqrt(2)))) with its gradient. Read by
tests/test_pxfmr_erf.py.
"""
from __future__ import absolute_import

import numpy as np


def values():
    rs = np.random.RandomState(5)
    special = [0.0, -0.0, 1e-30, -1e-40, 3.9, 4.1, 9.5, -9.5, np.inf, -np.inf, np.nan]
    return np.concatenate([rs.randn(3000) * 2, rs.randn(200) * 0.01,
                           special]).astype(np.float32)


def cases(tf):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None])
        erf, erfc = tf.erf(x), tf.math.erfc(x)
        h = tf.reshape(x[:3000], [30, 100])
        gelu = h * 0.5 * (1.0 + tf.erf(h / tf.sqrt(2.0)))
        grad = tf.gradients(tf.reduce_sum(gelu * h), h)[0]
        with tf.Session() as sess:
            out = sess.run({"erf": erf, "erfc": erfc, "gelu": gelu, "gelu_grad": grad},
                           {x: values()})
    return out
