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
from ..engine.framework.graph import Graph, Tensor, get_default_session
from ..engine.framework.indexed_slices import IndexedSlices, IndexedSlicesValue
from ..engine.runtime.session import Session
from ..ops.array_ops import identity, placeholder
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
    """Theoretical and numerical Jacobians of `y` w.r.t. `x` (TF 1.x's gradient_checker).

    As TF's: each x gets its own fed dy (a Const "Const" and its "Identity") and its own
    tf.gradients call, all built before `init_targets` run; an x without `x_init_value`
    gets NumPy's global random_sample, x after x; a complex x or y counts its real and
    imaginary parts as separate rows / columns. Runs in the default session (one of its
    own when there is none).

    Returns:
      (theoretical, numerical), each of shape (x.size, y.size); for a list of xs, a list
      of such pairs.
    """
    extra_feed_dict = extra_feed_dict or {}
    many = isinstance(x, list)
    xs = x if many else [x]
    shapes = x_shape if many else [x_shape]
    inits = (x_init_value if many else [x_init_value]) if x_init_value is not None \
        else [None] * len(xs)
    graph = y.graph
    sess, own = _session(graph)
    try:
        pairs = [_dx_and_dy(xi, y, y_shape) for xi in xs]
        for t in init_targets or ():
            sess.run(t)
        out = [_compute_gradient(sess, xi, shp, dx, y, y_shape, dy, init, delta,
                                 extra_feed_dict)
               for xi, shp, (dx, dy), init in zip(xs, shapes, pairs, inits)]
    finally:
        if own:
            sess.close()
    return out if many else out[0]


def _dx_and_dy(x, y, y_shape):
    """TF's _compute_dx_and_dy: dx = gradients(y, x, Identity(dy)), dy the fed Const."""
    with x.graph.as_default():
        dy = constant(1.0, shape=y_shape, dtype=y.dtype)
        grads = gradients(y, x, identity(dy))
    return grads[0], dy


def _compute_gradient(sess, x, x_shape, dx, y, y_shape, dy, x_init_value, delta, feed):
    t = x.dtype.base_dtype
    if x_init_value is not None:
        if list(x_shape) != list(x_init_value.shape):
            raise AssertionError(f"x_shape = {x_shape}, init_data shape = "
                                 f"{list(x_init_value.shape)}")
        x_data = x_init_value
    else:
        x_data = np.random.random_sample(x_shape).astype(t.as_numpy_dtype)
        if t.is_complex:
            x_data.imag = np.random.random_sample(x_shape)
    return (_theoretical(sess, x, x_shape, x_data, dy, y_shape, dx, feed),
            _numeric(sess, x, x_shape, x_data, y, y_shape, delta, feed))


def _theoretical(sess, x, x_shape, x_data, dy, dy_shape, dx, feed):
    """TF's _compute_theoretical_jacobian: one run of dx per element of dy."""
    if x.dtype.is_complex:
        x_shape = tuple(x_shape) + (2,)
    x_size = int(np.prod(x_shape))
    x_val_size = int(np.prod(x_shape[1:]))
    dy_size = int(np.prod(dy_shape)) * (2 if dy.dtype.is_complex else 1)
    jacobian = np.zeros((x_size, dy_size), dtype=x.dtype.real_dtype.as_numpy_dtype)
    dy_data = np.zeros(dy_shape, dtype=dy.dtype.base_dtype.as_numpy_dtype)
    dy_flat = dy_data.ravel().view(dy.dtype.real_dtype.as_numpy_dtype)
    run_feed = {**feed, x: x_data, dy: dy_data}
    for col in range(dy_size):
        dy_flat[col] = 1
        if isinstance(dx, IndexedSlices):
            idx, vals = sess.run([dx.indices, dx.values], run_feed)
            for i, v in zip(idx, vals):
                jacobian[i * x_val_size:(i + 1) * x_val_size, col] += v.flat
        else:
            if not isinstance(dx, Tensor):   # an x that y does not depend on
                raise AssertionError(f"dx = {dx}")
            jacobian[:, col] = np.asarray(sess.run(dx, run_feed)).ravel().view(jacobian.dtype)
        dy_flat[col] = 0
    if not dy_size:
        backprop = np.asarray(sess.run(dx, run_feed))
        if backprop.shape != x_data.shape:
            raise ValueError(f"Empty gradient has wrong shape: expected {x_data.shape}, "
                             f"got {backprop.shape}")
        if np.any(backprop):
            raise ValueError("Empty tensor with nonzero gradients")
    return jacobian


def _numeric(sess, x, x_shape, x_data, y, y_shape, delta, feed):
    """TF's _compute_numeric_jacobian: central differences, divided in y's dtype."""
    x_size = int(np.prod(x_shape)) * (2 if x.dtype.is_complex else 1)
    y_size = int(np.prod(y_shape)) * (2 if y.dtype.is_complex else 1)
    x_dtype = x.dtype.real_dtype.as_numpy_dtype
    y_dtype = y.dtype.real_dtype.as_numpy_dtype
    x_data = np.asarray(x_data, dtype=x.dtype.base_dtype.as_numpy_dtype)
    scale = np.asarray(2 * delta, dtype=y_dtype)[()]
    jacobian = np.zeros((x_size, y_size), dtype=x_dtype)
    for row in range(x_size):
        x_pos = x_data.copy()
        x_neg = x_data.copy()
        x_pos.ravel().view(x_dtype)[row] += delta
        y_pos = np.asarray(sess.run(y, {**feed, x: x_pos}))
        x_neg.ravel().view(x_dtype)[row] -= delta
        y_neg = np.asarray(sess.run(y, {**feed, x: x_neg}))
        jacobian[row, :] = ((y_pos - y_neg) / scale).ravel().view(y_dtype)
    return jacobian


def compute_gradient_error(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3,
                           init_targets=None, extra_feed_dict=None):
    """The largest absolute difference between theoretical and numerical Jacobians
    (a NumPy scalar of the Jacobians' dtype, 0 when they are empty, as TF's)."""
    grad = compute_gradient(x, x_shape, y, y_shape, x_init_value, delta, init_targets,
                            extra_feed_dict)
    if isinstance(grad, tuple):
        grad = [grad]
    error = 0
    for j_t, j_n in grad:
        if j_t.size or j_n.size:
            # (TF's np.maximum(0, ...) is float64 under its NumPy's value-based casting)
            error = np.maximum(np.float64(error), np.fabs(j_t - j_n).max())
    return error


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
