"""Numerical gradient checking.

- `compute_gradient` / `compute_gradient_error`: TF 1.x's gradient_checker
  API (full theoretical and numerical Jacobians; fine for small tensors).
- `check_grads(f, args, order=2)`: the checker the test suite uses for every
  op. It compares backprop against central differences along random
  directions, to first and (by differentiating the gradient graph) second
  order, which scales to any tensor size.
"""
from __future__ import annotations

import numpy as np

from ..engine.autodiff.gradients import gradients
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Graph, get_default_session
from ..engine.framework.indexed_slices import IndexedSlices, IndexedSlicesValue
from ..engine.runtime.session import Session
from ..ops.array_ops import placeholder
from ..ops.math_ops import add_n, multiply, reduce_sum


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _session(graph=None):
    s = get_default_session()
    if s is not None and (graph is None or s.graph is graph):
        return s, False
    return Session(graph=graph), True


def _dense(v):
    if isinstance(v, IndexedSlicesValue):
        out = np.zeros(v.dense_shape, dtype=v.values.dtype)
        np.add.at(out, v.indices, v.values)
        return out
    return v


def compute_gradient(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None,
                     extra_feed_dict=None):
    """Theoretical and numerical Jacobians of `y` w.r.t. `x` (TF 1.x signature).

    Returns:
      (theoretical, numerical), each of shape (x.size, y.size); for lists of
      xs, a list of such pairs.
    """
    xs, shapes = _as_list(x), _as_list(x_shape) if isinstance(x, (list, tuple)) else [x_shape]
    inits = (_as_list(x_init_value) if isinstance(x, (list, tuple)) else [x_init_value]) \
        if x_init_value is not None else [None] * len(xs)
    graph = y.graph
    sess, own = _session(graph)
    try:
        if init_targets:
            for t in init_targets:
                sess.run(t)
        feed = dict(extra_feed_dict or {})
        values = []
        for xt, shp, init in zip(xs, shapes, inits):
            dt = xt.dtype.base_dtype.as_numpy_dtype
            if init is None:   # NumPy's global generator, x after x, as TF's
                init = np.random.random_sample(shp).astype(dt)
            values.append(np.asarray(init, dtype=dt).reshape(shp))
        y_size = int(np.prod(y_shape))
        y_dt = y.dtype.base_dtype.as_numpy_dtype
        with graph.as_default():
            dy = placeholder(y.dtype.base_dtype, shape=y_shape, name="compute_gradient_dy")
            grads = gradients(y, xs, grad_ys=dy)
        out = []
        for k, (xt, xv) in enumerate(zip(xs, values)):
            base = {**feed, xt: xv}   # TF feeds the x being checked only
            jt = np.zeros((xv.size, y_size), dtype=xv.dtype)
            if grads[k] is not None:
                for j in range(y_size):
                    e = np.zeros(y_size, dtype=y.dtype.base_dtype.as_numpy_dtype)
                    e[j] = 1
                    g = _dense(sess.run(grads[k], {**base, dy: e.reshape(y_shape)}))
                    jt[:, j] = np.asarray(g).ravel()
            jn = np.zeros((xv.size, y_size), dtype=xv.dtype)
            for i in range(xv.size):
                xp = xv.copy().ravel()
                xm = xv.copy().ravel()
                xp[i] += delta
                xm[i] -= delta
                yp = sess.run(y, {**base, xt: xp.reshape(xv.shape)})
                ym = sess.run(y, {**base, xt: xm.reshape(xv.shape)})
                # in y's dtype, as TF: (y+ - y-) / (2 delta)
                jn[i, :] = ((np.asarray(yp, y_dt) - np.asarray(ym, y_dt))
                            / np.asarray(2 * delta, y_dt)[()]).ravel()
            out.append((jt, jn))
    finally:
        if own:
            sess.close()
    return out if isinstance(x, (list, tuple)) else out[0]


def compute_gradient_error(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3,
                           init_targets=None, extra_feed_dict=None):
    """The largest absolute difference between theoretical and numerical Jacobians."""
    res = compute_gradient(x, x_shape, y, y_shape, x_init_value, delta, init_targets,
                           extra_feed_dict)
    if not isinstance(res, list):
        res = [res]
    err = 0.0
    for jt, jn in res:
        if jt.size:
            err = max(err, float(np.max(np.abs(jt - jn))))
    return err


def check_grads(f, args, order=2, eps=1e-6, rtol=1e-5, atol=1e-6, seed=0, dtype=np.float64,
                wrt=None):
    """Checks the gradients of `f` at `args` numerically, to `order` (1 or 2).

    `f` takes flowgrad tensors (placeholders fed with `args`) and returns a
    tensor or list of tensors. Along a random direction v, the directional
    derivative of a random projection L = <u, f(x)> from central differences
    must match <dL/dx, v> from `tf.gradients`; for order 2 the same is checked
    for L2 = <w, dL/dx>, whose gradient goes through the gradient graph.
    `wrt` lists the argument positions to differentiate (default: all float ones).

    Raises AssertionError with both values when they disagree.
    """
    rng = np.random.RandomState(seed)
    args = [np.asarray(a) for a in args]
    wrt = [i for i, a in enumerate(args) if a.dtype.kind == "f"] if wrt is None else list(wrt)
    g = Graph()
    with g.as_default():
        phs = [placeholder(a.dtype, shape=a.shape) for a in args]
        ys = _as_list(f(*phs))
        ys = [y for y in ys if y is not None and (y.dtype.is_floating or y.dtype.is_complex)]
        shapes = [y.shape.as_list() if y.shape.is_fully_defined() else None for y in ys]
        if None in shapes:  # static shape not fully known: use the runtime shape
            with Session(graph=g) as probe:
                vals = probe.run(ys, dict(zip(phs, args)))
            shapes = [list(np.shape(v)) for v in vals]
        terms = []
        for y, shape in zip(ys, shapes):
            u = rng.standard_normal(shape).astype(y.dtype.base_dtype.as_numpy_dtype)
            terms.append(reduce_sum(multiply(y, constant(u))))
        if not terms:
            raise ValueError("check_grads: f has no floating-point output")
        loss = add_n(terms) if len(terms) > 1 else terms[0]
        xs = [phs[i] for i in wrt]
        grads = gradients(loss, xs)
        levels = [(loss, grads)]
        if order >= 2:
            t2 = []
            for gr, x in zip(grads, xs):
                if gr is None:
                    continue
                w = rng.standard_normal(x.shape.as_list()).astype(args[wrt[0]].dtype)
                t2.append(reduce_sum(multiply(_dense_t(gr), constant(w.astype(
                    x.dtype.base_dtype.as_numpy_dtype)))))
            if t2:
                l2 = add_n(t2) if len(t2) > 1 else t2[0]
                levels.append((l2, gradients(l2, xs)))
    vs = [rng.standard_normal(args[i].shape).astype(args[i].dtype) for i in wrt]
    with Session(graph=g) as sess:
        base = {p: a for p, a in zip(phs, args)}
        for level, (objective, gr) in enumerate(levels, 1):
            fetch = [x for x in gr if x is not None]
            vals = sess.run(fetch, base) if fetch else []
            it = iter(vals)
            analytic = 0.0
            for x, v in zip(gr, vs):
                if x is not None:
                    analytic += float(np.sum(_dense(next(it)) * v))

            def at(s):
                feed = dict(base)
                for i, v in zip(wrt, vs):
                    feed[phs[i]] = (args[i] + s * v).astype(args[i].dtype)
                return float(sess.run(objective, feed))
            numeric = (at(eps) - at(-eps)) / (2 * eps)
            if not np.isclose(analytic, numeric, rtol=rtol, atol=atol):
                raise AssertionError(
                    f"order-{level} gradient mismatch: backprop {analytic!r} vs numerical "
                    f"{numeric!r} (eps={eps})")


def _dense_t(g):
    return convert_to_tensor(g) if isinstance(g, IndexedSlices) else g
