"""TF 1.14's float32 BatchMatMul bits: a batch of small products goes to Eigen's matrix
product (lazy coefficient-based below k + m + n = 20, the GEBP kernel above it, depth
blocks above k = 400), whose order of additions flowgrad follows (ops/eigen_bmm.py).

Cases "bmm/m,k,n/adj_x,adj_y": tf.matmul of the [3, ...] float32 operands `operands`
makes; "attention/...": a scaled dot-product attention (transpose_b=True, as BERT and
GPT-2 write it) and its gradients. Read by tests/test_pxfmr_bmm.py.
"""
from __future__ import absolute_import

import numpy as np

SHAPES = [(5, 4, 5), (10, 8, 6), (20, 16, 20), (32, 24, 48), (3, 100, 7), (4, 8, 4),
          (4, 13, 4), (3, 16, 2), (2, 9, 3), (7, 17, 9), (12, 11, 13), (33, 21, 31),
          (5, 300, 6), (9, 600, 5), (6, 40, 7), (13, 27, 5), (2, 24, 3), (8, 3, 8)]


def operands(m, k, n, adj_x, adj_y, batch=3):
    rs = np.random.RandomState(m * 10007 + k * 101 + n * 7 + 2 * adj_x + adj_y)
    a = rs.randn(batch, k, m) if adj_x else rs.randn(batch, m, k)
    b = rs.randn(batch, n, k) if adj_y else rs.randn(batch, k, n)
    return a.astype(np.float32), b.astype(np.float32)


def attention(tf, seq, heads, width):
    """Scaled dot-product attention over [2, heads, seq, width] q, k, v with a causal mask:
    the context and the gradients of its weighted sum w.r.t. q, k, v."""
    rs = np.random.RandomState(seq * 31 + width)
    q, k, v = [tf.constant(rs.randn(2, heads, seq, width).astype(np.float32))
               for _ in range(3)]
    w = tf.matmul(q, k, transpose_b=True) * (1.0 / np.sqrt(width))
    mask = tf.matrix_band_part(tf.ones([seq, seq]), -1, 0)
    w = w * mask - 1e10 * (1.0 - mask)
    ctx = tf.matmul(tf.nn.softmax(w), v)
    loss = tf.reduce_sum(ctx * tf.constant(rs.randn(2, heads, seq, width).astype(np.float32)))
    return [ctx] + tf.gradients(loss, [q, k, v])


def cases(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for (m, k, n) in SHAPES:
            for adj_x in (False, True):
                for adj_y in (False, True):
                    a, b = operands(m, k, n, adj_x, adj_y)
                    out["bmm/%d,%d,%d/%d,%d" % (m, k, n, adj_x, adj_y)] = sess.run(
                        tf.matmul(a, b, adjoint_a=adj_x, adjoint_b=adj_y))
    for seq, heads, width in [(4, 2, 4), (5, 2, 8), (12, 3, 16)]:
        with tf.Graph().as_default(), tf.Session() as sess:
            out["attention/%d,%d,%d" % (seq, heads, width)] = sess.run(
                attention(tf, seq, heads, width))
    return out
