"""float32 BatchMatMul with a vector side (m or n of 1), as capsule networks' prediction
vectors u_hat = W x ([..., 5, 4] times [..., 4, 1]) and their agreement u_hat^T v
([..., 1, 5] times [..., 5, 1]) use it: TF 1.14 runs these sequentially, even for one
matrix, and Eigen falls back to its matrix-vector product (ops/eigen_bmm.py).

Cases "bmm/m,k,n/adj_x,adj_y/batch": tf.matmul of the [batch, ...] float32 operands
`operands` makes; "capsule": three routing iterations' u_hat, v and lengths.
Read by tests/test_presearch_bmm.py.
"""
from __future__ import absolute_import

import numpy as np

SHAPES = [(5, 4, 1), (1, 4, 5), (9, 8, 1), (1, 8, 9), (16, 8, 1), (30, 20, 1), (1, 20, 30),
          (9, 12, 1), (1, 12, 9), (17, 21, 1), (1, 21, 17), (7, 130, 1), (1, 130, 7),
          (3, 300, 1), (1, 300, 3), (1, 9, 1), (1, 18, 1), (1, 45, 1), (1, 200, 1)]


def operands(m, k, n, adj_x, adj_y, batch):
    rs = np.random.RandomState(m * 1000 + k * 10 + n + adj_x * 7 + adj_y * 3)
    a = rs.randn(batch, k, m) if adj_x else rs.randn(batch, m, k)
    b = rs.randn(batch, n, k) if adj_y else rs.randn(batch, k, n)
    return a.astype(np.float32), b.astype(np.float32)


def squash(tf, s, axis=-2):
    sq = tf.reduce_sum(tf.square(s), axis=axis, keepdims=True)
    return sq / (1. + sq) * s / tf.sqrt(sq + 1e-7)


def capsule(tf):
    """Dynamic routing between 6 input capsules (4-D) and 3 output capsules (5-D)."""
    rs = np.random.RandomState(0)
    x = tf.placeholder(tf.float32, [None, 6, 1, 4, 1])
    w = tf.Variable((rs.randn(1, 6, 3, 5, 4) * 0.1).astype(np.float32))
    u_hat = tf.matmul(tf.tile(w, [tf.shape(x)[0], 1, 1, 1, 1]), tf.tile(x, [1, 1, 3, 1, 1]))
    b = tf.zeros([tf.shape(x)[0], 6, 3, 1, 1])
    for r in range(3):
        c = tf.nn.softmax(b, axis=2)
        v = squash(tf, tf.reduce_sum(c * u_hat, axis=1, keepdims=True))
        if r < 2:
            b = b + tf.matmul(u_hat, tf.tile(v, [1, 6, 1, 1, 1]), transpose_a=True)
    lengths = tf.norm(v, axis=-2)
    # without the arithmetic optimizer: its MinimizeBroadcasts stage reorders squash's
    # products (sq / (1 + sq) * s * rsqrt -> s * (rsqrt * sq / (1 + sq))); flowgrad does not
    off = tf.ConfigProto()
    off.graph_options.rewrite_options.arithmetic_optimization = 2   # RewriterConfig.OFF
    with tf.Session(config=off) as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([u_hat, v, lengths], {x: rs.randn(2, 6, 1, 4, 1).astype(np.float32)})


def cases(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for (m, k, n) in SHAPES:
            for adj_x in (False, True):
                for adj_y in (False, True):
                    for batch in (5, 1):
                        a, b = operands(m, k, n, adj_x, adj_y, batch)
                        out["bmm/%d,%d,%d/%d,%d/%d" % (m, k, n, adj_x, adj_y, batch)] = \
                            sess.run(tf.matmul(a, b, adjoint_a=adj_x, adjoint_b=adj_y))
    with tf.Graph().as_default():
        out["capsule"] = capsule(tf)
    return out
