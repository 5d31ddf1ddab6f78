"""TF 1.14 goldens for tf.contrib.solvers: conjugate_gradient (with and without a
preconditioner, an initial guess, tol and max_iter), cgls, lanczos_bidiag (full
reorthogonalization or none, a given or seeded random starting vector), bidiag_matmul and the
util operators and norms on seeded random float32 and float64 matrices of several sizes: the
values, every graph's ops and GraphDef nodes, and TF's errors; and the GraphDef of a
TensorArray read in a loop in a cond in a loop and in a loop in a cond (lanczos_bidiag's
reorthogonalization). float32 MatMul and Sqrt bits
depend on the CPU: made on the host the case "host" names. Output: solvers.json, read by
tests/test_contrib_solvers.py.
"""
import math

import numpy as np

from goldenio import host_vendor


def spd(n, seed, dtype):
    """a a' + n I, each entry a correctly rounded sum (a BLAS product's bits vary)."""
    rng = np.random.RandomState(seed)
    a = rng.standard_normal((n, n))
    gram = np.array([[math.fsum(a[i] * a[j]) for j in range(n)] for i in range(n)])
    return (gram + n * np.eye(n)).astype(dtype), rng.standard_normal(n).astype(dtype)


def rect(m, n, seed, dtype):
    rng = np.random.RandomState(seed)
    return rng.standard_normal((m, n)).astype(dtype), rng.standard_normal(m).astype(dtype)


def _ops(tf):
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()]


def _nodes(tf):
    return [[n.name, n.op, list(n.input)] for n in tf.get_default_graph().as_graph_def().node]


def _run(tf, fetches):
    with tf.Session() as s:
        return s.run(fetches)


def _graph(tf, build):
    with tf.Graph().as_default():
        out = build()
        return {"ops": _ops(tf), "nodes": _nodes(tf), "values": _run(tf, out)}


def _state(st):
    return {"i": st.i, "x": st.x, "r": st.r, "p": st.p, "gamma": st.gamma}


def _cg(tf, n, seed, dtype, precond=None, x0=False, **kw):
    def build():
        S = tf.contrib.solvers
        a, b = spd(n, seed, dtype)
        op = S.util.create_operator(tf.constant(a))
        pre = None
        if precond == "identity":
            pre = S.util.identity_operator(tf.constant(a))
        elif precond == "jacobi":
            pre = S.util.create_operator(tf.constant(np.diag(1 / np.diag(a)).astype(dtype)))
        x = tf.constant(np.ones(n, dtype)) if x0 else None
        return _state(S.linear_equations.conjugate_gradient(op, tf.constant(b), pre, x, **kw))
    return _graph(tf, build)


def _cgls(tf, m, n, seed, dtype, **kw):
    def build():
        S = tf.contrib.solvers
        a, b = rect(m, n, seed, dtype)
        return _state(S.least_squares.cgls(S.util.create_operator(tf.constant(a)),
                                           tf.constant(b), **kw))
    return _graph(tf, build)


def _lanczos(tf, m, n, k, seed, dtype, orthogonalize=True, start=True):
    def build():
        S = tf.contrib.solvers
        a, b = rect(m, n, seed, dtype)
        if not start:
            tf.set_random_seed(3)
        ls = S.lanczos.lanczos_bidiag(S.util.create_operator(tf.constant(a)), k,
                                      orthogonalize=orthogonalize,
                                      starting_vector=tf.constant(b) if start else None)
        ab = S.lanczos.bidiag_matmul(ls.u, ls.alpha, ls.beta)
        abt = S.lanczos.bidiag_matmul(ls.v, ls.alpha, ls.beta, adjoint_b=True)
        return {"u": ls.u, "v": ls.v, "alpha": ls.alpha, "beta": ls.beta, "ub": ab, "vbt": abt}
    return _graph(tf, build)


def _util(tf):
    def build():
        U = tf.contrib.solvers.util
        a, b = rect(3, 3, 4, np.float32)
        v = tf.constant(b)
        p = tf.placeholder(tf.float64, [None, 3])
        op = U.create_operator(tf.constant(a))
        ident = U.identity_operator(tf.constant(a))
        dyn = U.create_operator(p)
        c = tf.constant(np.array([1 + 2j, 3 - 1j]))
        meta = [type(op).__name__, list(op._fields), op.shape, op.dtype.name, ident.shape,
                dyn.shape.name, type(ident).__name__]
        vals = {"dot": U.dot(v, v * 2), "dot_complex": U.dot(c, c), "l2norm": U.l2norm(v),
                "l2norm_squared": U.l2norm_squared(v), "normalized": U.l2normalize(v),
                "apply": op.apply(v[:, None]), "apply_adjoint": op.apply_adjoint(v[:, None])}
        return {"meta": tf.constant(str(meta)), "vals": vals,
                "ident_is_v": tf.constant(ident.apply(v) is v and ident.apply_adjoint(v) is v)}
    return _graph(tf, build)


def _handle_in_cond_in_loop(tf):
    """lanczos_bidiag's pattern: a TensorArray from outside read in a loop in a tf.cond in
    a loop (TF: the outer loop's Enter of its handle, the cond's Switch, the inner Enter)."""
    def build():
        ta = tf.TensorArray(tf.float32, size=3, clear_after_read=False).unstack([1., 2., 3.])

        def inner(i, x):
            return tf.while_loop(lambda j, y: j < i,
                                 lambda j, y: (j + 1, y + ta.read(j)), [0, x])[1]
        return tf.while_loop(lambda i, x: i < 3, lambda i, x: (
            i + 1, tf.cond(i > 0, lambda: inner(i, x), lambda: x)), [0, 0.0])
    return _graph(tf, build)


def _handle_in_loop_in_cond(tf):
    """A TensorArray from outside read (twice) in a loop in a tf.cond: its handle switched
    into the cond before the loop's Enter, in TF's order of reads."""
    def build():
        ta = tf.TensorArray(tf.float32, size=3, clear_after_read=False).unstack([1., 2., 3.])
        p = tf.placeholder_with_default(True, [])

        def inner():
            return tf.while_loop(lambda j, y: j < 3, lambda j, y: (
                j + 1, y + ta.read(j) * ta.read(2 - j)), [0, 0.0])[1]
        return tf.cond(p, inner, lambda: tf.constant(1.0))
    return _graph(tf, build)


def _dynamic(tf, dtype):
    """Operators of a matrix of unknown shape (their shape a Shape tensor): cg, cgls,
    lanczos_bidiag with a seeded random start, twice in one graph (scopes _1)."""
    def build():
        S = tf.contrib.solvers
        tf.set_random_seed(5)
        a, b = spd(5, 13, dtype)
        m = tf.placeholder_with_default(a, [None, None])
        op = S.util.create_operator(m)
        rhs = tf.placeholder_with_default(b, [None])
        out = {"cg": _state(S.linear_equations.conjugate_gradient(op, rhs)),
               "cg2": _state(S.linear_equations.conjugate_gradient(
                   op, rhs, S.util.identity_operator(m), rhs, tol=1e-3)),
               "cgls": _state(S.least_squares.cgls(op, rhs, max_iter=4))}
        ls = S.lanczos.lanczos_bidiag(op, 3)
        out["lanczos"] = {"u": ls.u, "v": ls.v, "alpha": ls.alpha, "beta": ls.beta}
        return out
    return _graph(tf, build)


def _error(tf, build):
    with tf.Graph().as_default():
        try:
            build(tf.contrib.solvers)
        except Exception as e:   # noqa: BLE001 (the golden records TF's error)
            return [type(e).__name__, str(e).split("\n")[0]]
        return ["no error", ""]


def _errors(tf):
    a32, b32 = spd(4, 1, np.float32)
    a64, b64 = spd(4, 1, np.float64)
    return {
        "cg_rhs_dtype": _error(tf, lambda S: S.linear_equations.conjugate_gradient(
            S.util.create_operator(tf.constant(a32)), tf.constant(b64))),
        "cg_rhs_length": _error(tf, lambda S: S.linear_equations.conjugate_gradient(
            S.util.create_operator(tf.constant(a64)), tf.constant(b64[:3]))),
        "cgls_rhs_length": _error(tf, lambda S: S.least_squares.cgls(
            S.util.create_operator(tf.constant(a64)), tf.constant(b64[:3]))),
        "lanczos_start_length": _error(tf, lambda S: S.lanczos.lanczos_bidiag(
            S.util.create_operator(tf.constant(a64)), 2, starting_vector=tf.constant(b64[:3]))),
        "cg_int_matrix": _error(tf, lambda S: S.linear_equations.conjugate_gradient(
            S.util.create_operator(tf.constant([[2, 0], [0, 2]])), tf.constant([1, 1]))),
    }


def cases(tf):
    f32, f64 = np.float32, np.float64
    return {
        "host": host_vendor(),
        "cg_1_f64": _cg(tf, 1, 0, f64),
        "cg_4_f32": _cg(tf, 4, 1, f32),
        "cg_4_f64": _cg(tf, 4, 1, f64),
        "cg_10_f32": _cg(tf, 10, 2, f32),
        "cg_10_f64": _cg(tf, 10, 2, f64),
        "cg_30_f64_tol": _cg(tf, 30, 3, f64, tol=1e-8, max_iter=50),
        "cg_30_f32_max_iter": _cg(tf, 30, 3, f32, max_iter=5),
        "cg_10_f32_identity": _cg(tf, 10, 4, f32, precond="identity"),
        "cg_10_f64_jacobi": _cg(tf, 10, 4, f64, precond="jacobi"),
        "cg_12_f32_jacobi_x0": _cg(tf, 12, 5, f32, precond="jacobi", x0=True, tol=1e-6),
        "cg_8_f64_x0": _cg(tf, 8, 6, f64, x0=True, name="my_cg"),
        "cgls_6x4_f64": _cgls(tf, 6, 4, 7, f64),
        "cgls_6x4_f32": _cgls(tf, 6, 4, 7, f32),
        "cgls_20x10_f32": _cgls(tf, 20, 10, 8, f32, tol=1e-4),
        "cgls_5x9_f64": _cgls(tf, 5, 9, 9, f64, max_iter=3, name="lsq"),
        "lanczos_6x4_k3_f64": _lanczos(tf, 6, 4, 3, 10, f64),
        "lanczos_6x4_k3_f32": _lanczos(tf, 6, 4, 3, 10, f32),
        "lanczos_8x8_k5_f32_plain": _lanczos(tf, 8, 8, 5, 11, f32, orthogonalize=False),
        "lanczos_10x6_k4_f64_random": _lanczos(tf, 10, 6, 4, 12, f64, start=False),
        "dynamic_f64": _dynamic(tf, f64),
        "dynamic_f32": _dynamic(tf, f32),
        "util": _util(tf),
        "handle_in_cond_in_loop": _handle_in_cond_in_loop(tf),
        "handle_in_loop_in_cond": _handle_in_loop_in_cond(tf),
        "errors": _errors(tf),
    }
