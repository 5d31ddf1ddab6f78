"""TF 1.14's graphs and values for numerical/scientific TF1 programs (helper psci): the
gradients of Cholesky, Qr, Svd, SelfAdjointEigV2 and MatrixSquareRoot (TF's names: eye
of the shape's slices, the operators' mul/add/sub, linalg.adjoint's scope), shapes TF's
refiner infers (overlap_and_add's paddings, reduction gradients' DynamicStitch and
BroadcastGradientArgs), concat's conversion order, Categorical's log_prob (its
event[..., newaxis]) ahead of graph-seeded samples, MatrixTriangularSolve's pivot errors;
contrib.integrate.odeint, contrib.distributions.percentile and auto_correlation,
contrib.bayesflow.monte_carlo.

Each case returns {"ops": [(name, type, output shapes)] of the ops it builds (after its
inputs), "vals": values run} (or its own fields); values invariant under SVD/eigenvector
signs only (LAPACK's and Eigen's signs differ). Python 3.7 compatible; imports nothing but
NumPy at module level.
"""
from __future__ import absolute_import

import numpy as np

_R = np.random.RandomState(3)
_A = _R.rand(4, 4)
SPD = _A.dot(_A.T) + 4 * np.eye(4)
B = _R.rand(4, 2)
W42 = _R.rand(4, 2)
W44 = _R.rand(4, 4)
FRAMES = _R.randn(2, 5, 32).astype(np.float32)
SIGNAL = _R.randn(2, 100).astype(np.float32)


def _ops(g, n0):
    return [(op.name, op.type, [str(o.shape) for o in op.outputs])
            for op in g.get_operations()[n0:]]


def _grad_case(tf, build):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(SPD, name="a")
        b = tf.constant(B, name="b")
        n0 = len(g.get_operations())
        out = build(tf, a, b)
        grads = [x for x in tf.gradients(out, [a, b]) if x is not None]
        with tf.Session() as s:
            vals = s.run([out] + grads)
        return {"ops": _ops(g, n0), "vals": vals}


def _chol(tf, a, b):
    return tf.reduce_sum(tf.cholesky(a) * W44)


def _gp_nll(tf, a, b):
    L = tf.cholesky(a)
    alpha = tf.cholesky_solve(L, b)
    v = tf.matrix_triangular_solve(L, b, lower=True)
    return (0.5 * tf.reduce_sum(b * alpha) + tf.reduce_sum(tf.log(tf.matrix_diag_part(L)))
            + tf.reduce_sum(tf.square(v)))


def _qr(tf, a, b):
    q, r = tf.qr(b)
    return tf.reduce_sum(r * W42[:2]) + tf.reduce_sum(q * W42)


def _svd_wide(tf, a, b):
    s, u, v = tf.svd(b)
    return tf.reduce_sum(s) + tf.reduce_sum(tf.square(u) * W42) + tf.reduce_sum(tf.square(v))


def _svd_square(tf, a, b):
    s, u, v = tf.svd(a)
    return tf.reduce_sum(s * W44[0]) + tf.reduce_sum(tf.square(u) * W44)


def _svd_full(tf, a, b):
    s, u, v = tf.svd(tf.transpose(b)[:, :3], full_matrices=True)
    return tf.reduce_sum(s) + tf.reduce_sum(tf.square(v) * W44[:3, :3])


def _eig(tf, a, b):
    e, v = tf.self_adjoint_eig(a)
    return tf.reduce_sum(e * W44[0]) + tf.reduce_sum(tf.square(v) * W44)


def _eigvals(tf, a, b):
    return tf.reduce_sum(tf.self_adjoint_eigvals(a) * W44[1])


def _sqrtm(tf, a, b):
    return tf.reduce_sum(tf.linalg.sqrtm(a) * W44)


def _concat_packs(tf, a, b):
    """concat of a tensor, packed lists and constant lists: TF converts them in order."""
    n = tf.shape(b)[0]
    v = tf.concat([tf.shape(a)[:1], [n], [1], [n], [2]], 0)
    return tf.reduce_sum(tf.reshape(b, v[3:5]) * tf.cast(tf.reduce_sum(v), tf.float64))


def _batch_einsum(tf, a, b):
    """bij,bjk->bik: BatchMatMulV2's gradient sums over BroadcastGradientArgs of the shapes'
    batch slices (TF's refiner evaluates them: the Sums keep their static shapes)."""
    return tf.reduce_sum(tf.einsum("bij,bjk->bik", tf.stack([a, 2 * a]), tf.stack([b, b])))


def _norm_axes(tf, a, b):
    return tf.reduce_sum(tf.sin(tf.norm(b, axis=0)) + tf.reduce_sum(a, axis=[-1], keepdims=True))


def _overlap_and_add(tf):
    g = tf.Graph()
    with g.as_default():
        sig = tf.constant(FRAMES)
        n0 = len(g.get_operations())
        o = tf.signal.overlap_and_add(sig, 12)
        st = tf.signal.stft(tf.constant(SIGNAL), 32, 16)
        inv = tf.signal.inverse_stft(st, 32, 16)
        with tf.Session() as s:
            vals = s.run([o, inv])
        return {"ops": _ops(g, n0), "vals": vals}


def _categorical_then_seeded(tf):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(42)
        c = tf.distributions.Categorical(logits=[0.1, 0.5, -1.0])
        n0 = len(g.get_operations())
        s = c.sample(3, seed=7)
        lp = c.log_prob(s)
        n = tf.distributions.Normal(loc=[0., 1.], scale=[1., 2.]).sample()
        with tf.Session() as sess:
            vals = sess.run([s, lp, n])
        return {"ops": _ops(g, n0), "vals": vals}


GRAD_CASES = {"cholesky": _chol, "gp_nll": _gp_nll, "qr": _qr, "svd_wide": _svd_wide,
              "svd_square": _svd_square, "svd_full": _svd_full, "eig": _eig,
              "eigvals": _eigvals, "norm_axes": _norm_axes, "sqrtm": _sqrtm,
              "concat_packs": _concat_packs, "batch_einsum": _batch_einsum}


def cases(tf):
    out = {k: _grad_case(tf, f) for k, f in GRAD_CASES.items()}
    out["overlap_and_add"] = _overlap_and_add(tf)
    out["categorical_then_seeded"] = _categorical_then_seeded(tf)
    out["odeint"] = _odeint(tf)
    out["percentile"] = _percentile(tf)
    out["auto_correlation"] = _auto_correlation(tf)
    out["trisolve_errors"] = _trisolve_errors(tf)
    out["monte_carlo"] = _monte_carlo(tf)
    return out


def _odeint(tf):
    """tf.contrib.integrate.odeint (dopri5): a damped pendulum in float64 and a decaying
    oscillation in complex128, its full_output, options, and its argument errors."""
    out = {}
    g = tf.Graph()
    with g.as_default():
        def pendulum(y, t):
            return tf.stack([y[1], -0.1 * y[1] - tf.sin(y[0])])
        t = tf.cast(tf.linspace(0., 2., 5), tf.float64)
        y = tf.contrib.integrate.odeint(pendulum, tf.constant([1.0, 0.0], tf.float64), t)
        y2, info = tf.contrib.integrate.odeint(
            lambda y, t: -y * tf.cast(t, y.dtype), tf.constant([1.0, 2.0], tf.float32), [0., 0.5, 1.5],
            rtol=1e-4, atol=1e-6, method="dopri5", options={"first_step": 0.1},
            full_output=True, name="decay")
        y3 = tf.contrib.integrate.odeint(
            lambda y, t: (-0.5 + 2j) * y, tf.constant([1 + 0j], tf.complex128),
            tf.constant([0., 1., 2.], tf.float64))
        out["names"] = [y.name, str(y.shape), y2.name, sorted(info), str(y3.shape)]
        with tf.Session() as s:
            out["vals"] = s.run([y, y2, info, y3])
        for kw in ({"method": "rk4"}, {"options": {"safety": 0.5}}):
            try:
                tf.contrib.integrate.odeint(lambda y, t: y, tf.constant([1.0]), [0., 1.], **kw)
            except ValueError as e:
                out[sorted(kw)[0]] = str(e)
        try:
            tf.contrib.integrate.odeint(lambda y, t: y, tf.constant([1]), [0., 1.])
        except TypeError as e:
            out["int_y0"] = str(e)
    return out


def _percentile(tf):
    """tf.contrib.distributions.percentile: interpolations, axes, keep_dims, the ops (TopKV2
    of k = shape(y)[-1], shapes the refiner infers) and the argument errors."""
    out = {}
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(FRAMES[0, :4, :5].astype(np.float64).reshape(4, 5))
        n0 = len(g.get_operations())
        P = tf.contrib.distributions.percentile
        outs = [P(x, 50.), P(x, 30, axis=1), P(x, 75., axis=[0, 1], interpolation="lower",
                                                 keep_dims=True),
                P(x, 10., interpolation="higher", keep_dims=True), P(x, 90., axis=-1)]
        out["ops"] = _ops(g, n0)
        out["ints"] = P(tf.constant([3, 1, 2, 5]), 50, validate_args=True)
        with tf.Session() as s:
            out["vals"] = s.run(outs + [out.pop("ints")])
        for i, bad in enumerate([{"q": [1., 2.]}, {"q": 50., "interpolation": "linear"},
                                 {"q": 50., "axis": 3}, {"q": 50., "axis": -4},
                                 {"q": 50., "axis": tf.placeholder(tf.int32, [])},
                                 {"q": 50., "axis": 0.5}]):
            try:
                P(x, **bad)
            except (ValueError, TypeError) as e:
                # (the allowed set's order is the process's string hashing)
                out["error_%d" % i] = [type(e).__name__, str(e).split(" {")[0]]
    return out


def _auto_correlation(tf):
    """tf.contrib.distributions.auto_correlation: axes, max_lags (static and a tensor),
    center/normalize off, complex input, the ops (shapes the refiner infers from the float
    padding arithmetic) and the int-input error."""
    out = {}
    g = tf.Graph()
    with g.as_default():
        r = np.random.RandomState(0)
        x = tf.constant(r.randn(2, 7))
        x32 = tf.constant(r.randn(10).astype(np.float32))
        xc = tf.constant((r.randn(6) + 1j * r.randn(6)).astype(np.complex128))
        n0 = len(g.get_operations())
        A = tf.contrib.distributions.auto_correlation
        outs = [A(x), A(x, axis=0), A(x32, max_lags=3),
                A(x, max_lags=20, center=False, normalize=False), A(xc),
                A(x, axis=-2, max_lags=tf.constant(1))]
        out["ops"] = _ops(g, n0)
        out["names"] = [(o.name, str(o.shape)) for o in outs]
        with tf.Session() as s:
            out["vals"] = s.run(outs)
        try:
            A(tf.constant([1, 2, 3]))
        except TypeError as e:
            out["int_error"] = str(e)
    return out


def _trisolve_errors(tf):
    """MatrixTriangularSolve's pivot check: a zero, denormal or leading NaN diagonal entry
    of the triangle read (lower/upper, adjoint, batched) is TF's InvalidArgumentError; a
    NaN after a nonzero pivot is not checked (Eigen's minCoeff); empty inputs solve."""
    from goldenio import GoldenError
    nan = float("nan")
    mats = [([[0., 0.], [1., 1.]], True, False), ([[1., 0.], [1., 0.]], True, False),
            ([[1., 5.], [0., 0.]], False, False), ([[1., 5.], [0., 0.]], False, True),
            ([[1e-320, 0.], [1., 1.]], True, False), ([[nan, 0.], [1., 1.]], True, False),
            ([[1., 0.], [1., nan]], True, False), ([[2., 7.], [0., 3.]], True, False)]
    out = []
    g = tf.Graph()
    with g.as_default(), tf.Session() as s:
        for m, lower, adjoint in mats:
            try:
                out.append(s.run(tf.matrix_triangular_solve(
                    tf.constant(m, tf.float64), tf.constant([[1.], [2.]], tf.float64),
                    lower=lower, adjoint=adjoint)))
            except tf.errors.OpError as e:
                out.append(GoldenError.of(e, e.message.split("\n")[0]))
        batch = tf.constant([[[1., 0.], [1., 1.]], [[0., 0.], [1., 1.]]], tf.float32)
        try:
            out.append(s.run(tf.matrix_triangular_solve(batch, tf.ones([2, 2, 1]))))
        except tf.errors.OpError as e:
            out.append(GoldenError.of(e, e.message.split("\n")[0]))
        out.append(s.run(tf.matrix_triangular_solve(tf.zeros([0, 0], tf.float64),
                                                    tf.zeros([0, 1], tf.float64))))
    return out


def _monte_carlo(tf):
    """tf.contrib.bayesflow.monte_carlo: expectation (reparameterized, score-function with
    its gradient, keep_dims), the importance samplers (seeded n, given z), their errors."""
    out = {}
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        tfd = tf.contrib.distributions
        mc = tf.contrib.bayesflow.monte_carlo
        loc = tf.Variable(0.5, dtype=tf.float64, name="loc")
        q = tfd.Normal(loc=loc, scale=tf.constant(1.0, tf.float64))
        p = tfd.Normal(loc=tf.constant(1.0, tf.float64), scale=tf.constant(2.0, tf.float64))
        s = q.sample(200, seed=3)
        n0 = len(g.get_operations())
        e1 = mc.expectation(lambda x: x ** 2, s)
        e2 = mc.expectation(lambda x: x ** 2, s, log_prob=q.log_prob,
                            use_reparametrization=False)
        e3 = mc.expectation(lambda x: tf.stack([x, x ** 2], -1), s, keep_dims=True)
        grads = tf.gradients(e1, loc) + tf.gradients(e2, loc)
        i1 = mc.expectation_importance_sampler(lambda z: z - 0.3, p.log_prob, q, n=100,
                                               seed=4)
        i2 = mc.expectation_importance_sampler_logspace(lambda z: -tf.square(z), p.log_prob,
                                                        q, z=s)
        out["ops"] = _ops(g, n0)
        with tf.Session() as sess:
            sess.run(loc.initializer)
            out["vals"] = sess.run([e1, e2, e3] + grads + [i1, i2])
        errors = []
        for call in (lambda: mc.expectation_importance_sampler(lambda z: z, p.log_prob, q),
                     lambda: mc.expectation_importance_sampler(lambda z: z, p.log_prob, q,
                                                               n=3, z=s),
                     lambda: mc.expectation(3, s),
                     lambda: mc.expectation(lambda x: x, s, use_reparametrization=False)):
            try:
                call()
            except ValueError as e:
                errors.append(str(e)[:60])
        out["errors"] = errors
    return out
