"""TF 1.14's Svd bits from 16 columns on, where its CPU kernel runs Eigen's BDCSVD (divide
and conquer over a blocked bidiagonalization; engine/ops/eigen_bdcsvd.py): square, tall
and wide matrices, float32 and float64, thin and full U/V and singular values only,
each on a batch of three (a random matrix, a rank-deficient one with repeated columns
and a zero row, and a zero matrix or one of small integers: deflation).

Made on the machine that records its CPU vendor ("vendor"): the float32 blocked products
read Eigen's cache sizes (engine/ops/host_cpu.py); tests/test_linalg_bdcsvd.py runs
flowgrad with FLOWGRAD_CPU set to it. Values are hex strings of the IEEE bit patterns.
"""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits
from goldenio import host_vendor

SHAPES = [(16, 16), (20, 16), (16, 40), (50, 50), (64, 33), (100, 100), (17, 17),
          (16, 17), (33, 16), (49, 49), (60, 97)]
DTYPES = ["float32", "float64"]


def inputs(m, n, dtype):
    rs = np.random.RandomState(7 * m + n)
    a = rs.randn(3, m, n)
    a[1, :, n - 1] = a[1, :, 0]
    a[1, 1, :] = 0.0
    a[1, :, 3] = a[1, :, 2]
    a[2] = 0.0 if m < 40 else np.round(a[2])
    return a.astype(dtype)


def cases(tf):
    out = {"vendor": host_vendor()}
    for dtype in DTYPES:
        for m, n in SHAPES:
            a = tf.constant(inputs(m, n, dtype))
            s, u, v = tf.linalg.svd(a)
            fs, fu, fv = tf.linalg.svd(a, full_matrices=True)
            ops = {"s": s, "u": u, "v": v, "full_s": fs, "full_u": fu, "full_v": fv,
                   "s_only": tf.linalg.svd(a, compute_uv=False)}
            with tf.Session() as sess:
                vals = sess.run(ops)
            for key, val in vals.items():
                out["%s/%dx%d/%s" % (dtype, m, n, key)] = bits(val)
    return out
