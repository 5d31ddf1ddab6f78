"""TF 1.14's Conv2DBackpropInput on the CPU (conv2d_transpose, and conv2d's gradient with
respect to its input) makes every tap's columns in ONE contraction, out_backprop @
filter^T with KH*KW*C output columns, then adds them into the input (Col2im). A GEMM per
tap of C columns adds its products in another order when C is small (a DCGAN generator's
one-map or RGB output). Read by
tests/test_conv_transpose_cols.py.
"""
from __future__ import absolute_import

import numpy as np

# (batch, in h/w, out_backprop depth, filter size, stride, padding); each for C channels
SHAPES = [(3, 14, 8, 2, 2, "VALID"), (2, 7, 16, 4, 2, "SAME"), (2, 6, 64, 3, 1, "SAME"),
          (2, 5, 128, 5, 2, "SAME"), (2, 5, 32, 3, 2, "VALID"), (1, 6, 300, 4, 2, "SAME"),
          (2, 5, 8, 1, 1, "VALID")]
CHANNELS = (1, 2, 3, 8)


def transpose_cases(tf):
    rng = np.random.RandomState(7)
    out = {}
    for c in CHANNELS:
        for n, h, o, k, s, pad in SHAPES:
            oh = (h - 1) * s + k if pad == "VALID" else h * s
            with tf.Graph().as_default():
                x = tf.constant(rng.randn(n, h, h, o).astype(np.float32))
                f = tf.constant(rng.randn(k, k, c, o).astype(np.float32))
                y = tf.nn.conv2d_transpose(x, f, [n, oh, oh, c], [1, s, s, 1], pad)
                with tf.Session() as sess:
                    out["c%d_%dx%d_o%d_k%d_s%d_%s" % (c, h, h, o, k, s, pad)] = sess.run(y)
    return out


def cases(tf):
    return transpose_cases(tf)
