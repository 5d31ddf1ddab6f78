"""TF 1.14's CholeskyGrad bits (the raw op) from 129 to 801 rows, float32 and float64:
TF's blocked algorithm (blocks of 32 from the bottom right) with Eigen's products as it
evaluates them: GEBP blocked by the host's L1 (depth blocks of kc, row blocks of mc) and,
for one column, the column-major GEMV (blocks of 16 columns from a depth of 128), the
case of a one-row top block (129, 161, ... rows). flowgrad follows them in
engine/ops/linalg_decomp.py (`_cholesky_grad_matrix`).

Made on the machine that records its CPU vendor ("vendor"): kc and mc follow Eigen's
cache sizes (engine/ops/host_cpu.py); tests/test_linalg_chol_grad_big.py runs flowgrad
with FLOWGRAD_CPU set to it. Each case keeps the SHA-256 of the whole result's bytes and,
as hex strings of the IEEE bit patterns, rows ROWS (the first, the third, the middle and
the last: the top rows take every block's products); inputs are built elementwise
(gen_chol_grad_bits.inputs' recipe).
"""
from __future__ import absolute_import

import hashlib

import numpy as np

from goldenio import hex_bits as bits
from goldenio import host_vendor

SIZES = [129, 161, 200, 257, 385, 513, 600, 801]
DTYPES = ["float32", "float64"]


def rows(n):
    return [0, 2, n // 2, n - 1]


def summary(v):
    """(SHA-256 of the result's bytes, the bits of its rows(n))."""
    v = np.ascontiguousarray(v)
    return hashlib.sha256(v.tobytes()).hexdigest(), bits(v[rows(v.shape[0])])


def inputs(n, dtype):
    """(l, grad): a lower-triangular factor with a positive diagonal (its upper part random
    too: the op reads only the lower triangle) and a random gradient."""
    rs = np.random.RandomState(5000 + n)
    low = rs.randn(n, n) * 0.3
    low[np.arange(n), np.arange(n)] = np.abs(low[np.arange(n), np.arange(n)]) + 1.0
    g = rs.randn(n, n)
    return low.astype(dtype), g.astype(dtype)


def cases(tf):
    out = {"vendor": host_vendor()}
    for dtype in DTYPES:
        for n in SIZES:
            low, g = inputs(n, dtype)
            with tf.Session() as sess:
                v = sess.run(tf.raw_ops.CholeskyGrad(l=tf.constant(low), grad=tf.constant(g)))
            out["%s/%d/sha256" % (dtype, n)], out["%s/%d/rows" % (dtype, n)] = summary(v)
    return out
