"""TF 1.14's complex64/complex128 Cholesky bits below 32 rows: Eigen's unblocked LLT
(engine/ops/linalg_decomp.py `_llt_unblocked_complex`): the squared norm of the row summed
in order, the row-major complex GEMV's packets (4 complex64 / 2 complex128 lanes) against
the conjugated row, and each part divided by the real pivot. Batches of three Hermitian
positive definite matrices. Values are hex strings of the IEEE bit patterns.

No cache size enters these kernels; the generator still records its host's vendor
("vendor": an Intel Xeon made it).
"""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits
from goldenio import host_vendor

SIZES = [3, 4, 5, 8, 9, 16, 17, 24, 31]
DTYPES = ["complex64", "complex128"]


def inputs(n, dtype):
    """a a^H + n I for a random complex a [3, n, n], built in float64 then rounded."""
    rs = np.random.RandomState(6000 + n)
    a = rs.randn(3, n, n) + 1j * rs.randn(3, n, n)
    h = np.einsum("bij,bkj->bik", a, np.conj(a)) + n * np.eye(n)
    return h.astype(dtype)


def cases(tf):
    out = {"vendor": host_vendor()}
    for dtype in DTYPES:
        for n in SIZES:
            with tf.Session() as sess:
                v = sess.run(tf.linalg.cholesky(tf.constant(inputs(n, dtype))))
            out["%s/%d" % (dtype, n)] = bits(v)
    return out
