"""TF 1.14's Svd bits where its Eigen::BDCSVD falls back to JacobiSVD (fewer than 16
columns): square matrices (no preconditioner) and non-square ones (ColPivHouseholderQR
of the matrix, or of its adjoint when it is wide), thin and full U/V, singular values
only, float32 and float64, and the gradient (TF's _SvdGrad over the thin decomposition).
flowgrad follows them in engine/ops/eigen_svd.py.

Values are hex strings of the IEEE bit patterns (gen_eigen_bits.bits). Inputs are built
elementwise (the same bits under any NumPy). Read by tests/test_linalg_eigen_svd.py.
"""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits

SHAPES = [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (8, 8), (9, 9), (12, 12), (15, 15),
          (5, 3), (3, 5), (9, 4), (4, 9), (16, 6), (6, 15), (33, 15), (64, 8), (2, 1),
          (1, 3), (130, 7)]
GRAD_SHAPES = [(3, 3), (8, 8), (5, 4), (4, 5), (15, 15)]
DTYPES = ["float32", "float64"]


def inputs(m, n, dtype):
    """A [2, m, n] batch: a random matrix and one with a repeated column and a zero row
    (rank-deficient: zero singular values, the sort's early stop)."""
    rs = np.random.RandomState(2000 + 100 * m + n)
    a = rs.randn(2, m, n)
    if n > 1:
        a[1, :, n - 1] = a[1, :, 0]
    if m > 2:
        a[1, 1, :] = 0.0
    return a.astype(dtype)


def _ops(tf, m, n, dtype):
    a = tf.constant(inputs(m, n, dtype))
    s, u, v = tf.linalg.svd(a)
    fs, fu, fv = tf.linalg.svd(a, full_matrices=True)
    ops = {"s": s, "u": u, "v": v, "full_s": fs, "full_u": fu, "full_v": fv,
           "s_only": tf.linalg.svd(a, compute_uv=False),
           "v1_s": tf.svd(a, compute_uv=False)}
    if (m, n) in GRAD_SHAPES:
        # random (not rank-deficient) matrices only: the gradient divides by s_i^2 - s_j^2
        g = tf.constant(inputs(m, n, dtype)[:1])
        gs, gu, gv = tf.linalg.svd(g)
        w = tf.constant(np.linspace(-1.0, 1.0, m * min(m, n)).reshape(m, min(m, n))
                        .astype(dtype))
        ops["grad"] = tf.gradients(tf.reduce_sum(gs) + tf.reduce_sum(gu * w)
                                   + tf.reduce_sum(gv[..., :1]), g)[0]
        ops["grad_s_only"] = tf.gradients(tf.reduce_sum(tf.linalg.svd(g, compute_uv=False)),
                                          g)[0]
    return ops


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        fetch = {}
        for dtype in DTYPES:
            for m, n in SHAPES:
                for name, t in _ops(tf, m, n, dtype).items():
                    fetch["%s/%dx%d/%s" % (dtype, m, n, name)] = t
        keys = sorted(fetch)
        with tf.Session() as sess:
            vals = sess.run([fetch[k] for k in keys])
    for k, v in zip(keys, vals):
        out[k] = bits(v)
    return out
