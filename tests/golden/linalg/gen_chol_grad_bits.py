"""TF 1.14's CholeskyGrad bits (the raw op, float32) from 8 to 129 rows: TF's blocked
algorithm (blocks of 32 from the bottom right) with Eigen's on-the-left triangular solve,
its products (evaluated into a column-major temporary, then subtracted: GEBP, or a
matrix-vector product for one column) and the unblocked update. flowgrad follows them in
engine/ops/linalg_decomp.py (`_cholesky_grad_matrix`).

Values are hex strings of the IEEE bit patterns (gen_eigen_svd.bits). Inputs are built
elementwise (the same bits under any NumPy). Read by tests/test_linalg_eigen_svd.py.
"""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits

SIZES = [8, 32, 33, 40, 64, 65, 70, 96, 97, 128]
NUMPY_FROM = 1301   # flowgrad's NumPy path (linalg_decomp.EIGEN_CHOL_GRAD): within tolerance


def inputs(n):
    """(l, grad): a lower-triangular factor with a positive diagonal (its upper part
    random too: the op reads only the lower triangle) and a random gradient, float32."""
    rs = np.random.RandomState(3000 + n)
    l = rs.randn(n, n) * 0.3
    l[np.arange(n), np.arange(n)] = np.abs(l[np.arange(n), np.arange(n)]) + 1.0
    g = rs.randn(n, n)
    return l.astype(np.float32), g.astype(np.float32)


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        fetch = {}
        for n in SIZES:
            l, g = inputs(n)
            fetch["float32/%d" % n] = tf.raw_ops.CholeskyGrad(l=tf.constant(l),
                                                              grad=tf.constant(g))
        keys = sorted(fetch)
        with tf.Session() as sess:
            vals = sess.run([fetch[k] for k in keys])
    for k, v in zip(keys, vals):
        out[k] = bits(v)
    return out
