"""TF 1.14's MatrixSolveLs bits with fast=False (tf.matrix_solve_ls / tf.linalg.lstsq):
its CPU kernel solves by Eigen's CompleteOrthogonalDecomposition (ColPivHouseholderQR,
Q^H b, the triangular solve, Z^H for a rank below the columns, the column permutation).
Tall, square and wide matrices, one and three right-hand sides, float32 and float64, each
in a batch with a rank-deficient matrix (a repeated column and a zero column: the
minimum-norm solution). flowgrad follows them in engine/ops/eigen_cod.py.

Values are hex strings of the IEEE bit patterns. Inputs are built elementwise (the same
bits under any NumPy). Read by tests/test_linalg_solve_ls_cod.py."""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits, host_vendor

SHAPES = [(2, 1, 1), (5, 3, 1), (24, 5, 3), (40, 8, 1), (64, 12, 2), (130, 6, 1),
          (100, 50, 1), (3, 3, 1), (6, 6, 2), (2, 4, 1), (3, 6, 2), (5, 7, 1)]
DTYPES = ["float32", "float64"]


def inputs(m, n, k, dtype):
    """a [2, m, n] (the second with column n-1 = column 0 and column 1 zero where n > 2)
    and b [2, m, k]."""
    rs = np.random.RandomState(2400 + 100 * m + 10 * n + k)
    a = rs.randn(2, m, n)
    if n > 2:
        a[1, :, n - 1] = a[1, :, 0]
        a[1, :, 1] = 0.0
    b = rs.randn(2, m, k)
    return a.astype(dtype), b.astype(dtype)


def cases(tf):
    out = {"host": host_vendor()}
    with tf.Graph().as_default():
        fetch = {}
        for dtype in DTYPES:
            for m, n, k in SHAPES:
                a, b = inputs(m, n, k, dtype)
                key = "%s/%dx%dx%d" % (dtype, m, n, k)
                fetch[key] = tf.matrix_solve_ls(tf.constant(a), tf.constant(b), fast=False)
        with tf.Session() as sess:
            got = sess.run(fetch)
    for key in sorted(got):
        out[key] = bits(got[key])
    return out
