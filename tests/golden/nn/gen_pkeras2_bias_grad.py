"""TF 1.14's BiasAddGrad bit for bit: each channel's values added one after the other
(NCHW: the spatial index outer, the batch inner), a single channel too (where NumPy's
sum is pairwise), float16 accumulated in float32. Read by tests/test_pkeras2_bias_grad.py."""
from __future__ import absolute_import

import numpy as np

SHAPES = [("NHWC", (10, 1), "float32"), ("NHWC", (37, 1), "float32"),
          ("NHWC", (2000, 1), "float32"), ("NHWC", (50, 5), "float32"),
          ("NHWC", (4, 3, 5, 2), "float32"), ("NCHW", (3, 4, 5), "float32"),
          ("NCHW", (1, 2, 33), "float32"), ("NCHW", (5, 2, 7), "float32"),
          ("NCHW", (2, 3, 4, 21), "float32"), ("NHWC", (300, 2), "float16"),
          ("NHWC", (40, 3), "float64")]


def value(i):
    fmt, shape, dtype = SHAPES[i]
    rng = np.random.RandomState(100 + i)
    return (rng.standard_normal(shape) * 10).astype(dtype)


def cases(tf):
    out = {}
    for i, (fmt, shape, dtype) in enumerate(SHAPES):
        with tf.Graph().as_default():
            p = tf.placeholder(dtype, [None] * len(shape))
            g = tf.raw_ops.BiasAddGrad(out_backprop=p, data_format=fmt)
            with tf.Session() as sess:
                out["%d/%s/%s" % (i, fmt, "x".join(map(str, shape)))] = sess.run(
                    g, {p: value(i)})
    return out
