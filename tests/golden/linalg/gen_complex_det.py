"""TF 1.14's complex64/complex128 MatrixDeterminant and LogMatrixDeterminant bits up to
16 rows (Eigen's unblocked PartialPivLU of the column-major copy; engine/ops/eigen_lu.py
`_slogdet_complex`): hypot pivots, the column divided by Eigen's packet division from its
first 32-byte aligned element and libgcc's elsewhere, the rank-one updates, the logs of
|u_ii| summed as the real case, the sign's product in order, and sign * exp(log|det|).
Batches of three: two random matrices and one with a zero column (sign 0). log|det| is
checked through the determinant (LAPACK often gives its bits too).
Values are hex strings of the IEEE bit patterns. No cache size enters; the generator still
records its host's vendor ("vendor": an Intel Xeon made it).
"""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits
from goldenio import host_vendor

SIZES = [2, 3, 4, 5, 7, 8, 9, 13, 16]
DTYPES = ["complex64", "complex128"]


def inputs(n, dtype):
    rs = np.random.RandomState(7000 + n)
    a = rs.randn(3, n, n) + 1j * rs.randn(3, n, n)
    a[2, :, n // 2] = 0
    return a.astype(dtype)


def cases(tf):
    out = {"vendor": host_vendor()}
    for dtype in DTYPES:
        for n in SIZES:
            a = tf.constant(inputs(n, dtype))
            sign = tf.linalg.slogdet(a)[0]
            with tf.Session() as sess:
                vals = sess.run({"det": tf.linalg.det(a), "sign": sign})
            for k, v in vals.items():
                out["%s/%d/%s" % (dtype, n, k)] = bits(v)
    return out
