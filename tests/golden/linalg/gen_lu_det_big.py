"""TF 1.14's MatrixDeterminant and LogMatrixDeterminant bits above 128 rows, where Eigen's
PartialPivLU of the column-major copy (TF's SLogDet) works in panels of 16 to 64 columns:
each panel's A12 solve runs Eigen's on-the-left triangular solver (panels of 8 doubles /
16 floats, GEBP taking each solved panel out of the later rows at once; engine/ops/
eigen_lu.py `_substitute_left`). float64 from 129 to 767 rows, float32 from 300 to 1000,
two random matrices each, scaled so that log|det| stays near 0 (their signs: LAPACK's too).

Made on the machine that records its CPU vendor ("vendor"): Eigen's blocking reads the
cache sizes (engine/ops/host_cpu.py); tests/test_linalg_lu_det_big.py runs flowgrad with
FLOWGRAD_CPU set to it. Values are hex strings of the IEEE bit patterns.
"""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits
from goldenio import host_vendor

SIZES = {"float64": [129, 201, 256, 300, 520, 767], "float32": [300, 520, 1000]}


def inputs(n, dtype):
    """Two n x n matrices of N(0, e / n) entries, built elementwise."""
    rs = np.random.RandomState(4000 + n)
    return (rs.randn(2, n, n) * (np.exp(0.5) / np.sqrt(n))).astype(dtype)


def cases(tf):
    out = {"vendor": host_vendor()}
    for dtype, sizes in sorted(SIZES.items()):
        for n in sizes:
            a = tf.constant(inputs(n, dtype))
            ops = {"det": tf.linalg.det(a), "logabs": tf.linalg.slogdet(a)[1]}
            with tf.Session() as sess:
                vals = sess.run(ops)
            for k, v in vals.items():
                out["%s/%d/%s" % (dtype, n, k)] = bits(v)
    return out
