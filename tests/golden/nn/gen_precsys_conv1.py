"""TF 1.14's Conv2D with one output channel (a GAT head's attention scores from
tf.layers.conv1d(h, 1, 1), a one-map CNN output) runs the contraction's fused
multiply-adds over each output's patch, as a MatMul fused with its BiasAdd; NumPy's
matrix-vector product rounds otherwise. Read by tests/test_precsys_conv1.py.
"""
from __future__ import absolute_import

import numpy as np

SHAPES = [(1, 7, 1, 4, 1, 1, 1, "VALID"), (2, 9, 9, 3, 3, 3, 1, "SAME"),
          (2, 12, 12, 64, 3, 3, 1, "SAME"), (3, 10, 10, 5, 1, 1, 1, "VALID")]


def gat_head(tf):
    """One GAT attention head (Velickovic et al.'s TF1 code) on seeded features."""
    rng = np.random.RandomState(11)
    with tf.Graph().as_default():
        x = tf.constant(rng.rand(7, 5).astype(np.float32))
        w = tf.get_variable("W1", [5, 4], initializer=tf.glorot_uniform_initializer(seed=1))
        seq = tf.expand_dims(tf.matmul(x, w), 0)
        f1 = tf.layers.conv1d(seq, 1, 1,
                              kernel_initializer=tf.glorot_uniform_initializer(seed=3))
        f2 = tf.layers.conv1d(seq, 1, 1,
                              kernel_initializer=tf.glorot_uniform_initializer(seed=4))
        logits = f1 + tf.transpose(f2, [0, 2, 1])
        coefs = tf.nn.softmax(tf.nn.leaky_relu(logits, alpha=0.2))
        out = tf.squeeze(tf.matmul(coefs, seq), 0)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run([f1, f2, coefs, out])


def one_channel_conv(tf):
    rng = np.random.RandomState(4)
    out = []
    for n, h, w, c, kh, kw, s, pad in SHAPES:
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [None, h, w, c])
            f = tf.placeholder(tf.float32, [kh, kw, c, 1])
            b = tf.placeholder(tf.float32, [1])
            y = tf.nn.conv2d(x, f, [1, s, s, 1], pad)
            yb = tf.nn.bias_add(tf.nn.conv2d(x * 1.0, f, [1, s, s, 1], pad), b)
            feed = {x: rng.randn(n, h, w, c).astype(np.float32),
                    f: rng.randn(kh, kw, c, 1).astype(np.float32), b: [0.5]}
            with tf.Session() as sess:
                out.append(sess.run([y, yb], feed))
    return out


def cases(tf):
    return {"gat_head": gat_head(tf), "one_channel_conv": one_channel_conv(tf)}
