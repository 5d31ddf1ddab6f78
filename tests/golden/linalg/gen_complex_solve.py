"""TF 1.14's complex64/complex128 MatrixInverse and MatrixSolve bits up to 16 rows, adjoint
both ways: Eigen's unblocked PartialPivLU of the row-major matrix (libgcc's complex
division of the strided column), then the two triangular solves as Eigen's on-the-right
solver on the transposed problem (panels of 4 unknowns, the complex GEBP between them)
(engine/ops/eigen_lu.py `solve`). Batches of two random complex matrices; right-hand
sides of 1, 2, 5 and 9 columns. Values are hex strings of the IEEE bit patterns.

No cache size enters these kernels at these sizes; the generator still records its
host's vendor ("vendor": an Intel Xeon made it).
"""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits
from goldenio import host_vendor

SIZES = [2, 3, 4, 5, 7, 8, 9, 12, 13, 16]
RHS = [1, 2, 5, 9]
DTYPES = ["complex64", "complex128"]


def inputs(n, m, dtype):
    """(a [2, n, n], b [2, n, m]) random complex, drawn in float64 then rounded."""
    rs = np.random.RandomState(8000 + 40 * n + m)
    a = rs.randn(2, n, n) + 1j * rs.randn(2, n, n)
    b = rs.randn(2, n, m) + 1j * rs.randn(2, n, m)
    return a.astype(dtype), b.astype(dtype)


def cases(tf):
    out = {"vendor": host_vendor()}
    for dtype in DTYPES:
        for n in SIZES:
            for adjoint in (False, True):
                adj = "adjoint" if adjoint else "plain"
                a, _ = inputs(n, 1, dtype)
                with tf.Session() as sess:
                    v = sess.run(tf.linalg.inv(tf.constant(a), adjoint=adjoint))
                out["%s/inverse/%d/%s" % (dtype, n, adj)] = bits(v)
                for m in RHS:
                    a, b = inputs(n, m, dtype)
                    with tf.Session() as sess:
                        v = sess.run(tf.linalg.solve(tf.constant(a), tf.constant(b),
                                                     adjoint=adjoint))
                    out["%s/solve/%d/%d/%s" % (dtype, n, m, adj)] = bits(v)
    return out
