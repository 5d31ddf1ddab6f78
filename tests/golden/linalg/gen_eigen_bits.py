"""TF 1.14's CPU linear algebra bits (Eigen 3.3.90's order of operations): MatrixDeterminant
and LogMatrixDeterminant (PartialPivLU of a column-major copy, Eigen's log-sum redux, the
determinant as sign * exp(log|det|)), MatrixInverse and MatrixSolve (PartialPivLU of the
matrix or its adjoint, then its triangular solves), Cholesky (unblocked LLT below 32 rows),
MatrixTriangularSolve (Eigen's panel-by-panel solver with GEBP between panels),
SelfAdjointEigV2 (Eigen's SelfAdjointEigenSolver: values and vectors), and one gradient per
op. flowgrad follows them in engine/ops/eigen_lu.py, eigen_eig.py and linalg_decomp.py.

Values are hex strings of the IEEE bit patterns (`bits`), so a one-ulp difference shows.
Inputs come from `inputs(n, dtype)` (elementwise NumPy only: the same bits under any NumPy).
Read by tests/test_linalg_eigen_bits.py.
"""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits

SIZES = [1, 2, 3, 5, 8, 9, 13, 16, 17, 24, 33]
GRAD_SIZES = [3, 9, 17]
BIG_SIZES = [40, 64, 100, 128]   # determinants, solves, Cholesky and a triangular solve
DIGEST_FROM = 100   # larger outputs are kept as the md5 of their bits
DTYPES = ["float32", "float64"]


def inputs(n, dtype):
    """(a, spd, b): a general [batch, n, n] matrix, a symmetric diagonally dominant one, and
    a [batch, n, 2] right-hand side (batch 2 up to 16 rows, then 1)."""
    batch = 2 if n <= 16 else 1
    rs = np.random.RandomState(1000 + n)
    a = rs.randn(batch, n, n) + np.eye(n) * 0.5
    r = rs.randn(batch, n, n)
    spd = (r + np.swapaxes(r, 1, 2)) * 0.5 + np.eye(n) * (n + 1.0)
    b = rs.randn(batch, n, 2)
    return a.astype(dtype), spd.astype(dtype), b.astype(dtype)


def _ops(tf, n, dtype):
    a_np, spd_np, b_np = inputs(n, dtype)
    a, spd, b = tf.constant(a_np), tf.constant(spd_np), tf.constant(b_np)
    sign, logabs = tf.linalg.slogdet(a)
    if n in BIG_SIZES:
        ops = {"det": tf.matrix_determinant(a), "slogdet_log": logabs,
               "solve": tf.matrix_solve(a, b),
               "trisolve/lower": tf.matrix_triangular_solve(spd, b, lower=True),
               "trisolve/upper_adjoint": tf.matrix_triangular_solve(spd, b, lower=False,
                                                                    adjoint=True)}
        ops["cholesky"] = tf.cholesky(spd)
        return ops
    ops = {"det": tf.matrix_determinant(a), "slogdet_sign": sign, "slogdet_log": logabs,
           "inv": tf.matrix_inverse(a), "inv_adjoint": tf.matrix_inverse(a, adjoint=True),
           "solve": tf.matrix_solve(a, b), "solve_adjoint": tf.matrix_solve(a, b, adjoint=True)}
    ops["cholesky"] = tf.cholesky(spd)
    e, v = tf.self_adjoint_eig(spd)
    ops["eig/values"], ops["eig/vectors"] = e, v
    ops["eigvals"] = tf.self_adjoint_eigvals(spd)
    for lower in (True, False):
        for adjoint in (False, True):
            ops["trisolve/%s%s" % ("lower" if lower else "upper",
                                   "_adjoint" if adjoint else "")] = \
                tf.matrix_triangular_solve(spd, b, lower=lower, adjoint=adjoint)
    if n in GRAD_SIZES:
        ops["grad/det"] = tf.gradients(tf.matrix_determinant(a), a)[0]
        ops["grad/slogdet"] = tf.gradients(tf.linalg.slogdet(a)[1], a)[0]
        ops["grad/inv"] = tf.gradients(tf.reduce_sum(tf.matrix_inverse(a) * a), a)[0]
        ops["grad/solve"] = tf.gradients(tf.reduce_sum(tf.matrix_solve(a, b) * b), [a, b])
        ops["grad/cholesky"] = tf.gradients(tf.reduce_sum(tf.cholesky(spd) * spd), spd)[0]
        ops["grad/eig"] = tf.gradients(tf.reduce_sum(e) + tf.reduce_sum(v * spd), spd)[0]
        ops["grad/trisolve"] = tf.gradients(
            tf.reduce_sum(tf.matrix_triangular_solve(spd, b) * b), [spd, b])
    return ops


def _lin32(tf):
    """pprobe5's lin32.py matrices (float32 4x4, RandomState(132)); the Gram matrix and
    its factor are built elementwise here."""
    rs = np.random.RandomState(132)
    w = (rs.randn(5, 4) * 0.5 + np.eye(5, 4)).astype(np.float32)
    a = (rs.randn(4, 4) * 0.3 + np.eye(4) * 2).astype(np.float32)
    g = (w[:, :, None] * w[:, None, :]).sum(axis=0, dtype=np.float64)
    g = (g + 0.1 * np.eye(4)).astype(np.float32)
    ones = tf.ones([4, 1])
    chol = tf.cholesky(g)
    return {"lin32/det": tf.matrix_determinant(a), "lin32/inv": tf.matrix_inverse(a),
            "lin32/solve": tf.matrix_solve(a, ones), "lin32/chol": chol,
            "lin32/trisolve": tf.matrix_triangular_solve(chol, tf.ones([4, 2]), lower=True),
            "lin32/slogdet": tf.linalg.slogdet(a)[1], "lin32/eigvals": tf.self_adjoint_eigvals(g)}


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        fetch = {}
        for dtype in DTYPES:
            for n in SIZES + BIG_SIZES:
                for name, t in _ops(tf, n, dtype).items():
                    fetch["%s/%d/%s" % (dtype, n, name)] = t
        fetch.update(_lin32(tf))
        keys = sorted(fetch)
        with tf.Session() as sess:
            vals = sess.run([fetch[k] for k in keys])
    for k, v in zip(keys, vals):
        out[k] = [bits(x) for x in v] if isinstance(v, list) else bits(v)
        if k.endswith("cholesky") and int(k.split("/")[1]) >= DIGEST_FROM:
            out[k] = digest(v)
    return out


def digest(x):
    """{"dtype", "shape", "md5"} of a large value's bits."""
    import hashlib
    x = np.ascontiguousarray(x)
    return {"dtype": x.dtype.name, "shape": list(x.shape),
            "md5": hashlib.md5(x.tobytes()).hexdigest()}
