"""TF 1.14's answers for the Python-level linear-algebra and tf.signal functions
(tf.linalg.cholesky_solve, lstsq, logdet, tridiagonal_*, svd, lu, ...; tf.signal.frame,
overlap_and_add, windows, stft, inverse_stft, mel matrix, MFCCs, dct/idct).

Each case builds a graph with `BUILDERS[name](tf)` (a dict of named tensors), runs it,
and records the values, the gradients of the float outputs with respect to the inputs
(fixed grad_ys), the graph's op names and types in creation order, or the error raised.
The same module builds the cases under flowgrad (tests/test_linalg_signal_c1.py).
Python 3.7 compatible (the oracle imports it); imports nothing but NumPy at module level.
"""
from __future__ import absolute_import

import numpy as np

_R = np.random.RandomState(7)
A33 = _R.uniform(-1, 1, (2, 3, 3))
SPD = np.matmul(A33, np.swapaxes(A33, -1, -2)) + 3 * np.eye(3)
B32 = _R.uniform(-1, 1, (2, 3, 2))
A43 = _R.uniform(-1, 1, (4, 3))
B42 = _R.uniform(-1, 1, (4, 2))
A24 = _R.uniform(-1, 1, (2, 4))
B22 = _R.uniform(-1, 1, (2, 2))
DIAGS = _R.uniform(-1, 1, (3, 5)) * np.array([[0.5], [3.0], [0.5]])
TRI = (np.diag(DIAGS[1]) + np.diag(DIAGS[0, :-1], 1) + np.diag(DIAGS[2, 1:], -1))
RHS = _R.uniform(-1, 1, (5, 2))
SIG = _R.uniform(-1, 1, (2, 37)).astype(np.float32)
SPEC = _R.uniform(0.5, 2, (3, 7)).astype(np.float32)
CSPD = (SPD + 0.3j * (A33 - np.swapaxes(A33, -1, -2))).astype(np.complex128)


def _c(tf, v, name=None):
    return tf.constant(v, name=name)


def _linalg(tf):
    L = tf.linalg
    b = {}
    b["cholesky_solve"] = lambda: {"x": [_c(tf, np.linalg.cholesky(SPD)), _c(tf, B32)],
                                   "y": lambda x: L.cholesky_solve(*x)}
    b["cholesky_solve_tf"] = lambda: {"x": [_c(tf, np.linalg.cholesky(SPD)), _c(tf, B32)],
                                      "y": lambda x: tf.cholesky_solve(*x, name="cs")}
    b["lstsq_over"] = lambda: {"x": [_c(tf, A43), _c(tf, B42)],
                               "y": lambda x: L.lstsq(*x)}
    b["lstsq_under"] = lambda: {"x": [_c(tf, A24), _c(tf, B22)],
                                "y": lambda x: tf.matrix_solve_ls(*x)}
    b["lstsq_l2"] = lambda: {"x": [_c(tf, A43), _c(tf, B42)],
                             "y": lambda x: L.lstsq(x[0], x[1], l2_regularizer=0.5)}
    b["lstsq_slow"] = lambda: {"x": [_c(tf, A43), _c(tf, B42)],
                               "y": lambda x: L.lstsq(x[0], x[1], fast=False), "nograd": True}
    b["lstsq_slow_l2"] = lambda: {"x": [_c(tf, A43), _c(tf, B42)],
                                  "y": lambda x: L.lstsq(x[0], x[1], l2_regularizer=0.5,
                                                         fast=False), "nograd": True}
    b["lstsq_c128_l2"] = lambda: {"x": [_c(tf, A43.astype(np.complex128)),
                                        _c(tf, B42.astype(np.complex128))],
                                  "y": lambda x: L.lstsq(x[0], x[1], l2_regularizer=0.5)}
    b["logdet"] = lambda: {"x": [_c(tf, SPD)], "y": lambda x: L.logdet(x[0])}
    b["logdet_complex"] = lambda: {"x": [_c(tf, CSPD)], "y": lambda x: L.logdet(x[0]),
                                   "nograd": True}
    b["trace"] = lambda: {"x": [_c(tf, SPD)], "y": lambda x: L.trace(x[0])}
    b["solve"] = lambda: {"x": [_c(tf, SPD), _c(tf, B32)],
                          "y": lambda x: tf.matrix_solve(x[0], x[1], adjoint=True)}
    b["eigvalsh"] = lambda: {"x": [_c(tf, SPD)], "y": lambda x: tf.self_adjoint_eigvals(x[0])}
    b["svd_vals"] = lambda: {"x": [_c(tf, A43)], "y": lambda x: tf.svd(x[0], compute_uv=False)}
    b["svd_full"] = lambda: {"x": [_c(tf, A43)], "nograd": True,
                             "y": lambda x: _svd_full(tf, x[0])}
    b["svd_complex"] = lambda: {"x": [_c(tf, CSPD)], "nograd": True,
                                "y": lambda x: tf.svd(x[0], compute_uv=False)}
    b["sqrtm"] = lambda: {"x": [_c(tf, SPD)], "y": lambda x: tf.matrix_square_root(x[0])}
    b["lu"] = lambda: {"x": [_c(tf, A33)], "nograd": True,
                       "y": lambda x: list(L.lu(x[0], output_idx_type=tf.int64))}
    b["cross"] = lambda: {"x": [_c(tf, A33), _c(tf, B32[..., :1] + A33)],
                          "y": lambda x: tf.cross(x[0], x[1])}
    b["tri_compact"] = lambda: {"x": [_c(tf, DIAGS), _c(tf, RHS)],
                                "y": lambda x: L.tridiagonal_solve(x[0], x[1])}
    b["tri_vector_rhs"] = lambda: {"x": [_c(tf, DIAGS), _c(tf, RHS[:, 0])],
                                   "y": lambda x: L.tridiagonal_solve(x[0], x[1])}
    b["tri_transpose"] = lambda: {"x": [_c(tf, DIAGS), _c(tf, RHS.T.copy())],
                                  "y": lambda x: L.tridiagonal_solve(x[0], x[1],
                                                                     transpose_rhs=True)}
    b["tri_sequence"] = lambda: {
        "x": [_c(tf, DIAGS[0, :-1]), _c(tf, DIAGS[1]), _c(tf, DIAGS[2, 1:]), _c(tf, RHS)],
        "y": lambda x: L.tridiagonal_solve(x[:3], x[3], diagonals_format="sequence")}
    b["tri_matrix"] = lambda: {"x": [_c(tf, TRI), _c(tf, RHS)],
                               "y": lambda x: L.tridiagonal_solve(x[0], x[1],
                                                                  diagonals_format="matrix")}
    b["tri_nopivot"] = lambda: {"x": [_c(tf, DIAGS), _c(tf, RHS)],
                                "y": lambda x: L.tridiagonal_solve(x[0], x[1],
                                                                   partial_pivoting=False)}
    b["trimm_compact"] = lambda: {"x": [_c(tf, DIAGS), _c(tf, RHS)],
                                  "y": lambda x: L.tridiagonal_matmul(x[0], x[1])}
    b["trimm_matrix"] = lambda: {"x": [_c(tf, TRI), _c(tf, RHS)],
                                 "y": lambda x: L.tridiagonal_matmul(
                                     x[0], x[1], diagonals_format="matrix")}
    b["trimm_sequence"] = lambda: {
        "x": [_c(tf, DIAGS[0]), _c(tf, DIAGS[1]), _c(tf, DIAGS[2]), _c(tf, RHS)],
        "y": lambda x: L.tridiagonal_matmul(x[:3], x[3], diagonals_format="sequence")}
    for scale in (0.01, 0.3, 1.5, 6.0):
        for dt in (np.float32, np.float64, np.complex128):
            key = "expm_%s_%s" % (np.dtype(dt).name, scale)
            val = (A33 * scale + (0.5j * scale * B32[..., :1] if dt == np.complex128 else 0))
            b[key] = (lambda v: lambda: {"x": [_c(tf, v)], "y": lambda x: L.expm(x[0]),
                                         "nograd": v.dtype.kind == "c"})(val.astype(dt))
    b["grad_lu"] = lambda: {"x": [_c(tf, A33)], "y": lambda x: list(L.lu(x[0]))}
    b["grad_logm"] = lambda: {"x": [_c(tf, CSPD)], "y": lambda x: _real_part(tf, L.logm(x[0]))}
    b["half"] = lambda: {"x": [_c(tf, SPD.astype(np.float16))], "nograd": True,
                         "y": lambda x: [tf.cholesky(x[0]), L.svd(x[0], compute_uv=False),
                                         L.triangular_solve(x[0], x[0])]}
    # errors
    b["err_cholesky"] = lambda: {"x": [_c(tf, -SPD)], "y": lambda x: tf.cholesky(x[0]),
                                 "nograd": True}
    b["err_solve"] = lambda: {"x": [_c(tf, np.ones((3, 3))), _c(tf, RHS[:3])],
                              "y": lambda x: tf.matrix_solve(x[0], x[1]), "nograd": True}
    b["err_lu"] = lambda: {"x": [_c(tf, np.zeros((3, 3)))], "y": lambda x: L.lu(x[0])[0],
                           "nograd": True}
    b["err_cross_shape"] = lambda: {"x": [_c(tf, A24), _c(tf, A24)],
                                    "y": lambda x: tf.cross(x[0], x[1]), "nograd": True}
    b["err_cholesky_shape"] = lambda: {"x": [_c(tf, A43)], "y": lambda x: tf.cholesky(x[0]),
                                       "nograd": True}
    return b


def _real_part(tf, z):
    """Re z, built from ops both TF 1.14 and flowgrad have (Cast to float64)."""
    return tf.cast(z, tf.float64)


def _svd_full(tf, a):
    s, u, v = tf.svd(a, full_matrices=True)
    # columns are defined up to sign: u u^T, v v^T and u[:, :3] diag(s) v^T are not
    return [s, tf.matmul(u, u, transpose_b=True), tf.matmul(v, v, transpose_b=True),
            tf.matmul(u[:, :3] * s, v, transpose_b=True)]


def _signal(tf, ):
    S = tf.signal
    b = {}
    b["frame"] = lambda: {"x": [_c(tf, SIG)], "y": lambda x: S.frame(x[0], 8, 3)}
    b["frame_pad"] = lambda: {"x": [_c(tf, SIG)],
                              "y": lambda x: S.frame(x[0], 8, 4, pad_end=True, pad_value=0.5)}
    b["frame_axis0"] = lambda: {"x": [_c(tf, SIG.T.copy())],
                                "y": lambda x: S.frame(x[0], 6, 6, axis=0)}
    b["overlap_and_add"] = lambda: {"x": [_c(tf, SPEC)],
                                    "y": lambda x: S.overlap_and_add(x[0], 3)}
    b["overlap_and_add_fast"] = lambda: {"x": [_c(tf, SPEC)],
                                         "y": lambda x: S.overlap_and_add(x[0], 7)}
    b["hann"] = lambda: {"x": [], "y": lambda x: [S.hann_window(8), S.hann_window(7, False),
                                                  S.hann_window(1),
                                                  S.hann_window(5, dtype=tf.float64)]}
    b["hamming"] = lambda: {"x": [], "y": lambda x: [S.hamming_window(8),
                                                     S.hamming_window(6, periodic=False)]}
    b["stft"] = lambda: {"x": [_c(tf, SIG)], "y": lambda x: S.stft(x[0], 10, 4)}
    b["stft_pad"] = lambda: {"x": [_c(tf, SIG)],
                             "y": lambda x: S.stft(x[0], 8, 5, fft_length=16, pad_end=True,
                                                   window_fn=S.hamming_window)}
    b["inverse_stft"] = lambda: {
        "x": [_c(tf, SIG)],
        "y": lambda x: S.inverse_stft(S.stft(x[0], 8, 2), 8, 2,
                                      window_fn=S.inverse_stft_window_fn(2))}
    b["inverse_stft_crop"] = lambda: {
        "x": [_c(tf, SIG)],
        "y": lambda x: S.inverse_stft(S.stft(x[0], 10, 4, fft_length=8), 10, 4,
                                      fft_length=8)}
    b["mel"] = lambda: {"x": [], "y": lambda x: S.linear_to_mel_weight_matrix(
        10, 33, 16000, 20.0, 7600.0)}
    b["mel_default"] = lambda: {"x": [], "y": lambda x: S.linear_to_mel_weight_matrix()}
    b["mfcc"] = lambda: {"x": [_c(tf, SPEC)],
                         "y": lambda x: S.mfccs_from_log_mel_spectrograms(x[0])}
    b["dct2"] = lambda: {"x": [_c(tf, SPEC)], "y": lambda x: [S.dct(x[0]),
                                                             S.dct(x[0], norm="ortho")]}
    b["dct1"] = lambda: {"x": [_c(tf, SPEC)], "y": lambda x: S.dct(x[0], type=1)}
    b["dct3"] = lambda: {"x": [_c(tf, SPEC)], "y": lambda x: [S.dct(x[0], type=3),
                                                             S.dct(x[0], 3, norm="ortho")]}
    b["idct"] = lambda: {"x": [_c(tf, SPEC)], "y": lambda x: [S.idct(x[0]),
                                                             S.idct(x[0], norm="ortho")]}
    b["spectral_rfft"] = lambda: {"x": [_c(tf, SIG)],
                                  "y": lambda x: tf.spectral.irfft(tf.spectral.rfft(x[0]))}
    b["err_dct_type"] = lambda: {"x": [_c(tf, SPEC)], "y": lambda x: S.dct(x[0], type=4),
                                 "nograd": True}
    b["err_dct_n"] = lambda: {"x": [_c(tf, SPEC)], "y": lambda x: S.dct(x[0], n=3),
                              "nograd": True}
    b["err_mel"] = lambda: {"x": [], "y": lambda x: S.linear_to_mel_weight_matrix(
        upper_edge_hertz=5000.0)}
    return b


def builders(tf):
    b = _linalg(tf)
    b.update(_signal(tf))
    return b


def _error(e):
    return {"__error__": type(e).__name__, "message": str(e).split("\n")[0]}


def run_case(tf, build):
    """{"out": values, "grads": [...], "ops": [[name, type], ...]} or an error entry."""
    g = tf.Graph()
    res = {}
    with g.as_default():
        try:
            spec = build()
            xs = spec["x"]
            ys = spec["y"](xs)
            ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
        except (ValueError, TypeError, NotImplementedError) as e:
            return {"build_error": _error(e)}
        res["ops"] = [[op.name, op.type] for op in g.get_operations()]
        with tf.Session(graph=g) as sess:
            try:
                res["out"] = sess.run(ys)
            except tf.errors.OpError as e:
                res["run_error"] = _error(e)
                return res
            fys = [(y, v) for y, v in zip(ys, res["out"]) if y.dtype.is_floating]
            if xs and fys and not spec.get("nograd"):
                rng = np.random.RandomState(3)
                gys = [tf.constant(rng.uniform(-1, 1, np.shape(v)).astype(
                    y.dtype.as_numpy_dtype)) for y, v in fys]
                fys = [y for y, _ in fys]
                try:
                    gr = tf.gradients(fys, xs, grad_ys=gys)
                except (ValueError, TypeError, NotImplementedError, LookupError) as e:
                    res["grad_error"] = _error(e)
                    return res
                res["grads"] = sess.run([t for t in gr if t is not None])
    return res


def cases(tf):
    return dict((name, run_case(tf, build)) for name, build in sorted(builders(tf).items()))
