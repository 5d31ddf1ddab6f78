"""TF 1.14's Svd bits above 100 rows or columns (Eigen's BDCSVD: engine/ops/eigen_bdcsvd.py,
which gen_bdcsvd.py checks up to 100): square, tall and wide matrices up to 400 x 400,
float32 and float64, thin (and for the tall and wide ones full) U/V and singular values
only, on a random matrix and a rank-deficient one (repeated columns, a zero row: deflation).
The singular values are kept as IEEE bit patterns, U and V (up to 160,000 entries each) as
the SHA-256 of their bytes.

Made on the machine that records its CPU vendor ("vendor"): the float32 blocked products
read Eigen's cache sizes (engine/ops/host_cpu.py); tests/test_linalg_bdcsvd_big.py runs
flowgrad with FLOWGRAD_CPU set to it.
"""
from __future__ import absolute_import

import hashlib

import numpy as np

from goldenio import hex_bits as bits
from goldenio import host_vendor

# (m, n, dtypes, full U/V too)
SHAPES = [(101, 101, ("float32", "float64"), False),
          (128, 128, ("float32", "float64"), False),
          (200, 64, ("float32", "float64"), True),
          (64, 300, ("float32", "float64"), True),
          (130, 40, ("float32", "float64"), True),
          (256, 256, ("float32", "float64"), False),
          (400, 400, ("float32",), False)]


def inputs(m, n, dtype):
    rs = np.random.RandomState(3 * m + n)
    a = rs.randn(2, m, n)
    a[1, :, n - 1] = a[1, :, 0]
    a[1, 1, :] = 0.0
    a[1, :, 3] = a[1, :, 2]
    return a.astype(dtype)


def digest(x):
    x = np.ascontiguousarray(x)
    return {"dtype": x.dtype.name, "shape": list(x.shape),
            "sha256": hashlib.sha256(x.tobytes()).hexdigest()}


def cases(tf):
    out = {"vendor": host_vendor()}
    for m, n, dtypes, full in SHAPES:
        for dtype in dtypes:
            a = tf.constant(inputs(m, n, dtype))
            s, u, v = tf.linalg.svd(a)
            ops = {"s": s, "u": u, "v": v, "s_only": tf.linalg.svd(a, compute_uv=False)}
            if full:
                ops["full_s"], ops["full_u"], ops["full_v"] = tf.linalg.svd(
                    a, full_matrices=True)
            with tf.Session() as sess:
                vals = sess.run(ops)
            for key, val in vals.items():
                enc = digest(val) if key[-1] in "uv" else bits(val)
                out["%s/%dx%d/%s" % (dtype, m, n, key)] = enc
    # an empty batch of matrices with 16 columns and more: empty outputs
    for shape in ([0, 20, 20], [2, 0, 30, 17], [0, 16, 40]):
        a = tf.zeros(shape)
        ops = {"thin": tf.linalg.svd(a), "full": tf.linalg.svd(a, full_matrices=True),
               "s_only": tf.linalg.svd(a, compute_uv=False)}
        with tf.Session() as sess:
            vals = sess.run(ops)
        out["empty/%s" % "x".join(map(str, shape))] = {
            k: [list(np.shape(x)) for x in (v if isinstance(v, (list, tuple)) else [v])]
            for k, v in vals.items()}
    return out
