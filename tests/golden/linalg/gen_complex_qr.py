"""TF 1.14's complex64/complex128 Qr bits, reduced and full, where Eigen's HouseholderQR
runs unblocked: rows >= columns, fewer than 48 columns, up to 2100 rows (a full Q of
2100 complex128 rows: GEMV blocks of 4 rows)
(engine/ops/eigen_qr_complex.py). Batches of two random complex matrices, and two
matrices whose reflectors have tau = 0 (SPECIAL). Values are hex
strings of the IEEE bit patterns of q and r; for q or r of more than 1024 values, the
SHA-256 of the bits and the bits of the last matrix's last row.

No cache size enters these kernels; the generator still records its host's vendor
("vendor": an Intel Xeon made it).
"""
from __future__ import absolute_import

import hashlib

import numpy as np

from goldenio import hex_bits as bits
from goldenio import host_vendor

SHAPES = [(1, 1), (2, 2), (3, 2), (4, 4), (5, 1), (7, 7), (8, 3), (9, 9), (16, 16),
          (17, 5), (31, 31), (40, 20), (47, 47), (64, 20), (129, 3), (200, 30), (256, 47),
          (2100, 3)]
DTYPES = ["complex64", "complex128"]


def inputs(m, n, dtype):
    """A random complex [2, m, n], drawn in float64 then rounded."""
    rs = np.random.RandomState(7000 + 300 * m + n)
    return (rs.randn(2, m, n) + 1j * rs.randn(2, m, n)).astype(dtype)


SPECIAL = {   # reflectors with tau = 0: a zero column, a real pivot over a zero tail
    "zero_col": [[0, 1 + 1j, 2], [0, 3, 1j], [0, 1, 1]],
    "real_pivot": [[2, 1j], [0, 1 - 1j], [0, 3], [0, 1 + 2j]],
}


def summary(v):
    """The bits of v, or past 1024 values their SHA-256 and the bits of the last row."""
    v = np.ascontiguousarray(v)
    if v.size <= 1024:
        return bits(v)
    return [hashlib.sha256(v.tobytes()).hexdigest(), bits(v[-1, -1])]


def cases(tf):
    out = {"vendor": host_vendor()}
    for dtype in DTYPES:
        for m, n in SHAPES:
            for full in (False, True):
                with tf.Session() as sess:
                    q, r = sess.run(tf.linalg.qr(tf.constant(inputs(m, n, dtype)),
                                                 full_matrices=full))
                key = "%s/%dx%d/%s" % (dtype, m, n, "full" if full else "reduced")
                out[key + "/q"] = summary(q)
                out[key + "/r"] = summary(r)
        for name in sorted(SPECIAL):
            for full in (False, True):
                with tf.Session() as sess:
                    q, r = sess.run(tf.linalg.qr(tf.constant(np.array(SPECIAL[name], dtype)),
                                                 full_matrices=full))
                key = "%s/%s/%s" % (dtype, name, "full" if full else "reduced")
                out[key + "/q"] = summary(q)
                out[key + "/r"] = summary(r)
    return out
