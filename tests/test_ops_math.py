"""Elementwise math, reductions, scans, clipping and norms: forward tables against NumPy,
numerical gradient checks to second order, and TF 1.14 goldens for the edge cases."""
import builtins
import math

import numpy as np
import pytest

import flowgrad as tf
import goldens
from optest import (BINARY_SHAPES, FLOAT_DTYPES, GRAD_BINARY_SHAPES, GRAD_UNARY_SHAPES,
                    UNARY_SHAPES, assert_forward, check_grads, run, sample)

INT_DTYPES = [np.int32, np.int64]
_erf_scalar = np.vectorize(math.erf, otypes=[np.float64])


def _ints(shape, dtype, low=-5, high=6, seed=0):
    return np.round(sample(shape, np.float64, low, high, seed)).astype(dtype)


def _values(shape, dtype, domain, seed=0):
    if np.dtype(dtype).kind in "iu":
        return _ints(shape, dtype, int(domain[0]), int(domain[1]) + 1, seed)
    return sample(shape, dtype, domain[0], domain[1], seed)


def _with_sign(shape, dtype, low, high, seed=0):
    """Magnitudes in [low, high) with random signs (keeps away from 0)."""
    mag = sample(shape, np.float64, low, high, seed)
    signs = np.where(sample(shape, np.float64, -1, 1, seed + 1) < 0, -1.0, 1.0)
    return (mag * signs).astype(dtype)


def _as(dtype_of, fn):
    """A NumPy reference that keeps the input's dtype (as TF kernels do)."""
    def ref(*xs):
        return np.asarray(fn(*xs)).astype(np.asarray(xs[0]).dtype)
    return ref


def _sigmoid_ref(x):
    return 1 / (1 + np.exp(-x.astype(np.float64)))


def _sign_ref(x):
    return np.sign(x)


# =========================================================================================
# Unary table: (name, fn, NumPy reference, domain, dtypes, differentiable)
# =========================================================================================
UNARY = [
    ("negative", tf.negative, np.negative, (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("abs", tf.abs, np.abs, (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("sign", tf.sign, _sign_ref, (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("reciprocal", tf.reciprocal, np.reciprocal, (0.5, 2), FLOAT_DTYPES, True),
    ("square", tf.square, np.square, (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("sqrt", tf.sqrt, np.sqrt, (0.2, 3), FLOAT_DTYPES, True),
    ("rsqrt", tf.rsqrt, lambda x: 1 / np.sqrt(x), (0.2, 3), FLOAT_DTYPES, True),
    ("exp", tf.exp, np.exp, (-2, 2), FLOAT_DTYPES, True),
    ("expm1", tf.expm1, np.expm1, (-2, 2), FLOAT_DTYPES, True),
    ("log", tf.log, np.log, (0.2, 3), FLOAT_DTYPES, True),
    ("log1p", tf.log1p, np.log1p, (-0.8, 3), FLOAT_DTYPES, True),
    ("sin", tf.sin, np.sin, (-3, 3), FLOAT_DTYPES, True),
    ("cos", tf.cos, np.cos, (-3, 3), FLOAT_DTYPES, True),
    ("tan", tf.tan, np.tan, (-1.2, 1.2), FLOAT_DTYPES, True),
    ("asin", tf.asin, np.arcsin, (-0.9, 0.9), FLOAT_DTYPES, True),
    ("acos", tf.acos, np.arccos, (-0.9, 0.9), FLOAT_DTYPES, True),
    ("atan", tf.atan, np.arctan, (-3, 3), FLOAT_DTYPES, True),
    ("sinh", tf.sinh, np.sinh, (-2, 2), FLOAT_DTYPES, True),
    ("cosh", tf.cosh, np.cosh, (-2, 2), FLOAT_DTYPES, True),
    ("tanh", tf.tanh, np.tanh, (-2, 2), FLOAT_DTYPES, True),
    ("asinh", tf.asinh, np.arcsinh, (-2, 2), FLOAT_DTYPES, True),
    ("acosh", tf.acosh, np.arccosh, (1.2, 3), FLOAT_DTYPES, True),
    ("atanh", tf.atanh, np.arctanh, (-0.8, 0.8), FLOAT_DTYPES, True),
    ("sigmoid", tf.sigmoid, _sigmoid_ref, (-5, 5), FLOAT_DTYPES, True),
    ("lgamma", tf.lgamma, np.vectorize(math.lgamma, otypes=[np.float64]), (0.2, 6),
     FLOAT_DTYPES, True),
    ("digamma", tf.digamma, None, (0.2, 6), FLOAT_DTYPES, True),
    ("erf", tf.erf, _erf_scalar, (-3, 3), FLOAT_DTYPES, True),
    ("erfc", tf.erfc, np.vectorize(math.erfc, otypes=[np.float64]), (-3, 3), FLOAT_DTYPES,
     True),
    ("floor", tf.floor, np.floor, (-3, 3), FLOAT_DTYPES, False),
    ("ceil", tf.ceil, np.ceil, (-3, 3), FLOAT_DTYPES, False),
    ("round", tf.round, np.round, (-3, 3), FLOAT_DTYPES + INT_DTYPES, False),
    ("rint", tf.rint, np.rint, (-3, 3), FLOAT_DTYPES, False),
    ("is_nan", tf.is_nan, np.isnan, (-3, 3), FLOAT_DTYPES, False),
    ("is_inf", tf.is_inf, np.isinf, (-3, 3), FLOAT_DTYPES, False),
    ("is_finite", tf.is_finite, np.isfinite, (-3, 3), FLOAT_DTYPES, False),
    ("conj", tf.conj, np.conj, (-3, 3), FLOAT_DTYPES, True),
    ("identity_cast", lambda x: tf.cast(tf.cast(x, tf.float64), x.dtype), lambda x: x,
     (-3, 3), FLOAT_DTYPES, True),
]


def _unary_ref(ref):
    def f(x):
        out = np.asarray(ref(x))
        return out if out.dtype == bool else out.astype(x.dtype)
    return f


def _table_params(table, shapes, dtypes_at):
    """(row, shape, dtype) for every row, shape and dtype the row's op takes."""
    return [pytest.param(row, shape, dt, id=f"{row[0]}-{shape}-{np.dtype(dt).name}")
            for row in table for shape in shapes for dt in row[dtypes_at]]


@pytest.mark.parametrize("row,shape,dtype", _table_params(UNARY, UNARY_SHAPES, 4))
def test_unary_forward(row, shape, dtype):
    name, fn, ref, domain, dtypes, _ = row
    if ref is None:  # no NumPy reference: checked by goldens and identities instead
        return
    x = _values(shape, dtype, domain)
    assert_forward(fn, _unary_ref(ref), x)


@pytest.mark.parametrize("shape", GRAD_UNARY_SHAPES, ids=str)
@pytest.mark.parametrize("row", [r for r in UNARY if r[5]], ids=[r[0] for r in UNARY if r[5]])
def test_unary_grad(row, shape):
    name, fn, _, domain, _, _ = row
    if name in ("abs", "sign"):
        x = _with_sign(shape, np.float64, 0.2, 2)  # away from the kink at 0
    else:
        x = sample(shape, np.float64, *domain)
    check_grads(fn, [x], order=2)


@pytest.mark.parametrize("row", [r for r in UNARY if not r[5]], ids=[r[0] for r in UNARY
                                                                       if not r[5]])
def test_unary_not_differentiable(row):
    """Floor, Ceil, Round, Rint and the predicates give None gradients, as TF."""
    x = tf.constant([0.3, 1.7])
    y = row[1](x)
    if y.dtype == tf.bool:
        y = tf.cast(y, tf.float32)
    assert tf.gradients(y, x) == [None]


# (TF 1.14's Reciprocal op def allows int32: it fails at run, tests/test_wrapper_errors.py)
@pytest.mark.parametrize("row", [r for r in UNARY if np.int32 not in r[4]
                                 and r[0] not in ("conj", "identity_cast", "reciprocal")],
                         ids=[r[0] for r in UNARY if np.int32 not in r[4]
                              and r[0] not in ("conj", "identity_cast", "reciprocal")])
def test_unary_rejects_int(row):
    g = tf.get_default_graph()
    x = tf.constant([1, 2])
    n = len(g.get_operations())
    with pytest.raises(TypeError, match="int32 not in list of allowed values"):
        row[1](x)
    assert len(g.get_operations()) == n


# Op types registered as not differentiable (TF's NotDifferentiable or a rule returning None).
NOT_DIFFERENTIABLE = ["ArgMax", "ArgMin", "Equal", "NotEqual", "Less", "LessEqual", "Greater",
                      "GreaterEqual", "LogicalAnd", "LogicalOr", "LogicalNot", "IsNan", "IsInf",
                      "IsFinite", "Floor", "Ceil", "Round", "Rint", "Any", "All",
                      "NextAfter", "EuclideanNorm", "Bincount"]


@pytest.mark.parametrize("op_type", NOT_DIFFERENTIABLE)
def test_not_differentiable_registry(op_type):
    from flowgrad.engine.framework.registry import GRADIENTS
    assert op_type in GRADIENTS and GRADIENTS[op_type] is None


def test_floordiv_truncatediv_grads_are_none_and_sign_grad_is_zero():
    """TF registers FloorDiv/TruncateDiv rules returning None, and Sign's returning zeros."""
    x = tf.constant([1.5, -2.5])
    y = tf.constant([2.0, 2.0])
    assert tf.gradients(tf.floordiv(x, y), [x, y]) == [None, None]
    assert tf.gradients(tf.truncatediv(x, y), [x, y]) == [None, None]
    g = tf.gradients(tf.sign(x), x)[0]
    assert g is not None
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(g), [0.0, 0.0])


def test_erf_accuracy_float64():
    """erf matches math.erf to 1e-15 (absolute) over the whole line, incl. tiny and huge x."""
    x = np.concatenate([np.linspace(-8, 8, 20001), np.geomspace(1e-300, 1e-3, 200),
                        -np.geomspace(1e-300, 1e-3, 200), [0.0, -0.0, 5.9999, 6.0, 6.0001, 1e300]])
    got = np.asarray(_run_const(tf.erf, x))
    want = _erf_scalar(x)
    np.testing.assert_allclose(got, want, rtol=1e-14, atol=1e-15)
    tiny = np.geomspace(1e-300, 1e-3, 200)
    np.testing.assert_allclose(np.asarray(_run_const(tf.erf, tiny)), _erf_scalar(tiny),
                               rtol=1e-14)
    specials = np.asarray(_run_const(tf.erf, np.array([np.inf, -np.inf, np.nan])))
    assert specials[0] == 1 and specials[1] == -1 and np.isnan(specials[2])


def test_gamma_family_identities():
    x = np.linspace(0.05, 30, 600)
    lg, dg, dg1, tg, z2 = _run_const(
        lambda t: [tf.lgamma(t), tf.digamma(t), tf.digamma(t + 1.0),
                   tf.polygamma(tf.constant(1.0, tf.float64), t),
                   tf.zeta(tf.constant(2.0, tf.float64), t)], x)
    np.testing.assert_allclose(lg, [math.lgamma(v) for v in x], rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(dg1 - dg, 1 / x, rtol=1e-12)  # psi(x+1) = psi(x) + 1/x
    np.testing.assert_allclose(tg, z2, rtol=1e-13)  # trigamma = zeta(2, x)
    h = 1e-4  # psi is the derivative of lgamma (central differences, error ~h^2)
    num = (np.array([math.lgamma(v + h) for v in x]) - np.array([math.lgamma(v - h)
                                                                 for v in x])) / (2 * h)
    np.testing.assert_allclose(dg[x > 0.3], num[x > 0.3], rtol=1e-6, atol=1e-6)
    check_grads(lambda t: tf.zeta(tf.constant(3.0, tf.float64), t), [np.array([0.7, 2.5])])
    check_grads(lambda t: tf.polygamma(tf.constant(2.0, tf.float64), t), [np.array([0.7, 2.5])])


def test_erfc_relative_accuracy_in_the_tail():
    x = np.linspace(-8, 26, 40001)
    got = np.asarray(_run_const(tf.erfc, x))
    want = np.array([math.erfc(v) for v in x])
    np.testing.assert_allclose(got, want, rtol=2e-13, atol=0)
    ends = np.asarray(_run_const(tf.erfc, np.array([np.inf, -np.inf, np.nan])))
    assert ends[0] == 0 and ends[1] == 2 and np.isnan(ends[2])


def test_sigmoid_is_stable():
    x = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    got = _run_const(tf.sigmoid, x)
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got[1], np.exp(-50.0), rtol=1e-12)


def _run_const(fn, *arrays):
    with tf.Graph().as_default():
        out = fn(*[tf.constant(a) for a in arrays])
        with tf.Session() as sess:
            return sess.run(out)


# =========================================================================================
# Binary table: (name, fn, NumPy reference, x domain, y domain, dtypes, differentiable)
# =========================================================================================
def _floordiv_ref(x, y):
    return np.floor_divide(x, y)


def _truediv_ref(x, y):
    if x.dtype.kind in "iu":
        return np.true_divide(x.astype(np.float64), y.astype(np.float64))
    return np.true_divide(x, y)


def _div_ref(x, y):
    return np.floor_divide(x, y) if x.dtype.kind in "iu" else np.true_divide(x, y)


BINARY = [
    ("add", tf.add, np.add, (-2, 2), (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("subtract", tf.subtract, np.subtract, (-2, 2), (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("multiply", tf.multiply, np.multiply, (-2, 2), (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("truediv", tf.truediv, _truediv_ref, (-2, 2), (1, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("divide", tf.divide, _truediv_ref, (-2, 2), (0.5, 2), FLOAT_DTYPES, True),
    ("div", tf.div, _div_ref, (-5, 5), (1, 3), FLOAT_DTYPES + INT_DTYPES, True),
    ("realdiv", tf.realdiv, np.true_divide, (-2, 2), (0.5, 2), FLOAT_DTYPES, True),
    ("floordiv", tf.floordiv, _floordiv_ref, (-5, 5), (1, 3), FLOAT_DTYPES + INT_DTYPES, False),
    ("floormod", tf.floormod, np.mod, (-5, 5), (1, 3), FLOAT_DTYPES + INT_DTYPES, True),
    ("pow", tf.pow, np.power, (0.5, 2), (-2, 2), FLOAT_DTYPES, True),
    ("pow_int", tf.pow, np.power, (-3, 3), (0, 3), INT_DTYPES, False),
    ("maximum", tf.maximum, np.maximum, (-2, 2), (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("minimum", tf.minimum, np.minimum, (-2, 2), (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("squared_difference", tf.squared_difference, lambda x, y: (x - y) * (x - y), (-2, 2),
     (-2, 2), FLOAT_DTYPES + INT_DTYPES, True),
    ("div_no_nan", tf.div_no_nan, np.true_divide, (-2, 2), (0.5, 2), FLOAT_DTYPES, True),
    ("atan2", tf.atan2, np.arctan2, (-2, 2), (0.3, 2), FLOAT_DTYPES, True),
    ("xlogy", tf.math.xlogy, lambda x, y: x * np.log(y), (-2, 2), (0.5, 2), FLOAT_DTYPES, True),
    ("xdivy", tf.math.xdivy, np.true_divide, (-2, 2), (0.5, 2), FLOAT_DTYPES, True),
    ("multiply_no_nan", tf.math.multiply_no_nan, np.multiply, (-2, 2), (-2, 2), FLOAT_DTYPES,
     True),
]


@pytest.mark.parametrize("row,shapes,dtype", _table_params(BINARY, BINARY_SHAPES, 5))
def test_binary_forward(row, shapes, dtype):
    name, fn, ref, dx, dy, dtypes, _ = row
    x = _values(shapes[0], dtype, dx, seed=1)
    y = _values(shapes[1], dtype, dy, seed=2)

    def r(a, b):
        out = np.asarray(ref(a, b))
        if name not in ("truediv", "divide") or dtype not in INT_DTYPES:
            out = out.astype(dtype)
        return out
    assert_forward(fn, r, x, y, rtol=2e-5 if dtype == np.float32 else None)


@pytest.mark.parametrize("shapes", GRAD_BINARY_SHAPES, ids=str)
@pytest.mark.parametrize("row", [r for r in BINARY if r[6]], ids=[r[0] for r in BINARY if r[6]])
def test_binary_grad(row, shapes):
    name, fn, _, dx, dy, _, _ = row
    x = sample(shapes[0], np.float64, *dx, seed=3)
    y = sample(shapes[1], np.float64, *dy, seed=4)
    if name in ("floormod", "div"):
        x = x + 0.37  # keep x/y away from the integers where floor jumps
    if name == "atan2" and shapes[0] != shapes[1]:
        # TF 1.14's Atan2 rule does not sum a broadcast gradient back: its shape check fails
        with pytest.raises(ValueError, match="Incompatible shapes between op input and "
                                             "calculated input gradient.  Forward operation: "
                                             "Atan2"):
            check_grads(fn, [x, y], order=1)
        return
    check_grads(fn, [x, y], order=2)


def test_binary_dtype_mismatch_names_both_and_leaves_graph_unchanged():
    g = tf.Graph()
    with g.as_default():
        x = tf.constant([1.0])
        y = tf.constant([1])
        n = len(g.get_operations())
        for fn, op in [(tf.add, "Add"), (tf.subtract, "Sub"), (tf.multiply, "Mul"),
                       (tf.maximum, "Maximum"), (tf.pow, "Pow"), (tf.floormod, "FloorMod"),
                       (tf.squared_difference, "SquaredDifference")]:
            with pytest.raises(TypeError, match=f"'{op}'.*int32.*float32"):
                fn(x, y)
        with pytest.raises(ValueError, match="Dimensions must be equal"):
            tf.add(tf.zeros([2]), tf.zeros([3]))
        assert len(g.get_operations()) == n + 2  # only the two zeros constants


def test_python_operators():
    x = np.array([7.0, -7.0])
    y = np.array([2.0, 2.0])
    out = _run_const(lambda a, b: [a + b, a - b, a * b, a / b, a // b, a % b, a ** b, -a,
                                   abs(a), 2.0 - a, 1.0 / a], x, y)
    np.testing.assert_allclose(out[4], [3.0, -4.0])
    np.testing.assert_allclose(out[5], [1.0, 1.0])
    np.testing.assert_allclose(out[6], [49.0, 49.0])
    np.testing.assert_allclose(out[9], [-5.0, 9.0])
    np.testing.assert_allclose(out[10], [1 / 7, -1 / 7])


def test_divide_python_numbers_stays_python():
    assert tf.divide(1, 2) == 0.5


def test_scalar_mul_and_accumulate_n():
    out = _run_const(lambda a: [tf.scalar_mul(2.0, a), tf.accumulate_n([a, a, a]),
                                tf.add_n([a, a])], np.array([1.0, 2.0], np.float32))
    np.testing.assert_allclose(out[0], [2, 4])
    np.testing.assert_allclose(out[1], [3, 6])
    np.testing.assert_allclose(out[2], [2, 4])
    with pytest.raises(ValueError):
        tf.scalar_mul(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0]))
    with pytest.raises(ValueError):
        tf.accumulate_n([])
    check_grads(lambda a, b: tf.accumulate_n([a, b, a * b]), [np.ones(3), np.arange(3.0)])


# =========================================================================================
# Reductions: (name, fn, NumPy reference, dtypes, differentiable)
# =========================================================================================
def _np_reduce(fn, empty=None):
    def ref(x, axis, keepdims):
        ax = None if axis is None else tuple(np.atleast_1d(axis) % max(x.ndim, 1)) \
            if x.ndim else None
        if x.size == 0 and empty is not None:
            return fn(x, axis=ax, keepdims=keepdims, initial=empty(x.dtype))
        return fn(x, axis=ax, keepdims=keepdims)
    return ref


def _lowest(dt):
    return -np.inf if dt.kind == "f" else np.iinfo(dt).min


def _highest(dt):
    return np.inf if dt.kind == "f" else np.iinfo(dt).max


def _mean_ref(x, axis, keepdims):
    ax = None if axis is None or x.ndim == 0 else tuple(np.atleast_1d(axis) % x.ndim)
    s = np.sum(x, axis=ax, keepdims=keepdims, dtype=np.float64)
    n = x.size // max(np.size(s), 1) if x.size else 0
    if x.dtype.kind in "iu":
        return np.trunc(s / n).astype(x.dtype) if n else np.zeros_like(s, dtype=x.dtype)
    with np.errstate(all="ignore"):
        return s / n


def _lse_ref(x, axis, keepdims):
    ax = None if axis is None or x.ndim == 0 else tuple(np.atleast_1d(axis) % x.ndim)
    m = np.max(x, axis=ax, keepdims=True, initial=-np.inf)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(all="ignore"):
        out = np.log(np.sum(np.exp(x - m), axis=ax, keepdims=True)) + m
    return out if keepdims else np.squeeze(out, axis=ax) if ax is not None else out.reshape(())


REDUCTIONS = [
    ("sum", tf.reduce_sum, _np_reduce(np.sum), FLOAT_DTYPES + INT_DTYPES, True),
    ("mean", tf.reduce_mean, _mean_ref, FLOAT_DTYPES + INT_DTYPES, True),
    ("max", tf.reduce_max, _np_reduce(np.max, _lowest), FLOAT_DTYPES + INT_DTYPES, True),
    ("min", tf.reduce_min, _np_reduce(np.min, _highest), FLOAT_DTYPES + INT_DTYPES, True),
    ("prod", tf.reduce_prod, _np_reduce(np.prod), FLOAT_DTYPES + INT_DTYPES, True),
    ("logsumexp", tf.reduce_logsumexp, _lse_ref, FLOAT_DTYPES, True),
]


def _axis_options(rank):
    opts = [None]
    if rank >= 1:
        opts += [0, -1]
    if rank >= 2:
        opts += [[0, -1], [1]]
    if rank >= 3:
        opts += [[0, 2], [2, 0, 1]]
    return opts


def _reduction_params():
    for shape in UNARY_SHAPES:
        for axis in _axis_options(len(shape)):
            for keep in (False, True):
                yield shape, axis, keep


def _reduction_dtype_params():
    """Every shape/axis/keepdims for floats; the integer dtypes on a subset."""
    for shape, axis, keep in _reduction_params():
        for dt in FLOAT_DTYPES + INT_DTYPES:
            if dt in INT_DTYPES and axis not in (None, -1):
                continue
            yield pytest.param(shape, axis, keep, dt,
                               id=f"{shape}-{axis}-{keep}-{np.dtype(dt).name}")


@pytest.mark.parametrize("shape,axis,keep,dtype", list(_reduction_dtype_params()))
@pytest.mark.parametrize("row", REDUCTIONS, ids=[r[0] for r in REDUCTIONS])
def test_reduction_forward(row, shape, axis, keep, dtype):
    name, fn, ref, dtypes, _ = row
    if dtype not in dtypes:
        with pytest.raises(TypeError, match="not in list of allowed values"):
            fn(tf.constant(_values(shape, dtype, (-2, 2))), axis=axis)
        return
    x = _values(shape, dtype, (-2, 2) if name != "prod" else (0.5, 1.5))

    def r(a):
        return np.asarray(ref(a, axis, keep)).astype(dtype)
    assert_forward(lambda t: fn(t, axis=axis, keepdims=keep), r, x,
                   rtol=2e-5 if dtype == np.float32 else 1e-11)


@pytest.mark.parametrize("shape,axis,keep", [p for p in _reduction_params()
                                             if 0 not in p[0]], ids=str)
@pytest.mark.parametrize("row", REDUCTIONS, ids=[r[0] for r in REDUCTIONS])
def test_reduction_grad(row, shape, axis, keep):
    name, fn, _, _, _ = row
    x = sample(shape, np.float64, 0.5, 1.5) if name == "prod" else sample(shape, np.float64)
    check_grads(lambda t: fn(t, axis=axis, keepdims=keep), [x], order=2)


@pytest.mark.parametrize("fn,ref", [(tf.reduce_any, np.any), (tf.reduce_all, np.all)])
@pytest.mark.parametrize("shape,axis,keep", list(_reduction_params()), ids=str)
def test_logical_reduction_forward(fn, ref, shape, axis, keep):
    x = sample(shape, np.float64, -1, 1) > 0

    def r(a):
        ax = None if axis is None or a.ndim == 0 else tuple(np.atleast_1d(axis) % a.ndim)
        return ref(a, axis=ax, keepdims=keep)
    assert_forward(lambda t: fn(t, axis=axis, keepdims=keep), r, x)


def test_reduction_dynamic_shapes_and_axes():
    """Unknown shapes and a fed axis still reduce and differentiate."""
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [None, None])
        ax = tf.placeholder(tf.int32, [])
        outs = [tf.reduce_sum(x, ax), tf.reduce_mean(x, ax), tf.reduce_max(x, ax),
                tf.reduce_mean(x), tf.reduce_logsumexp(x, 1)]
        assert outs[3].shape.as_list() == []
        grads = [tf.gradients(o, x)[0] for o in outs]
        v = np.array([[1.0, 5.0, 2.0], [4.0, 3.0, 0.0]])
        with tf.Session() as sess:
            res = sess.run(outs + grads, {x: v, ax: 1})
    np.testing.assert_allclose(res[0], v.sum(1))
    np.testing.assert_allclose(res[1], v.mean(1))
    np.testing.assert_allclose(res[2], v.max(1))
    np.testing.assert_allclose(res[5], np.ones_like(v))
    np.testing.assert_allclose(res[6], np.full_like(v, 1 / 3))
    np.testing.assert_allclose(res[7], [[0, 1, 0], [1, 0, 0]])
    np.testing.assert_allclose(res[8], np.full_like(v, 1 / 6))
    e = np.exp(v - v.max(1, keepdims=True))
    np.testing.assert_allclose(res[9], e / e.sum(1, keepdims=True))


def test_prod_grad_with_runtime_axes_is_exact_with_zeros():
    v = np.array([[0.0, 3.0, 2.0], [0.0, 0.0, 2.0], [1.0, 2.0, 3.0]])
    want = {1: [[6, 0, 0], [0, 0, 0], [6, 3, 2]], 0: [[0, 0, 6], [0, 6, 6], [0, 0, 4]]}
    for axis, expected in want.items():
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float64, [3, 3])
            ax = tf.placeholder(tf.int32, [])
            g = tf.gradients(tf.reduce_prod(x, ax), x)[0]
            with tf.Session() as sess:
                np.testing.assert_allclose(sess.run(g, {x: v, ax: axis}), expected)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64)  # unknown rank: axes are a Range at run time
        g = tf.gradients(tf.reduce_prod(x), x)[0]
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(g, {x: v[2]}), [6, 3, 2])
    check_grads(lambda t, a: tf.reshape(tf.reduce_prod(t, a), [2]),
                [sample((2, 3), np.float64, 0.5, 1.5), np.int32(1)])


def test_reduction_argument_errors():
    x = tf.zeros([2, 3])
    with pytest.raises(ValueError, match="reduction_indices"):
        tf.reduce_sum(x, axis=0, reduction_indices=0)
    with pytest.raises(ValueError, match="keep_dims"):
        tf.reduce_sum(x, keepdims=True, keep_dims=True)
    with pytest.raises(ValueError, match="Invalid reduction dimension -3"):
        tf.reduce_max(x, -3)


# =========================================================================================
# argmax / argmin and scans
# =========================================================================================
ARG_SHAPES = [((3,), 0), ((2, 3), 1), ((2, 3), -2), ((1, 4, 1), 1), ((2, 0, 3), 2)]


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + INT_DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("shape,axis", ARG_SHAPES, ids=str)
@pytest.mark.parametrize("fn,ref", [(tf.argmax, np.argmax), (tf.argmin, np.argmin)],
                         ids=["argmax", "argmin"])
def test_arg_forward(fn, ref, shape, axis, dtype):
    x = _values(shape, dtype, (-3, 3))
    assert_forward(lambda t: fn(t, axis), lambda a: ref(a, axis).astype(np.int64), x)
    assert_forward(lambda t: fn(t, axis, output_type=tf.int32),
                   lambda a: ref(a, axis).astype(np.int32), x)


def test_arg_empty_axis_fails_at_run():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Reduction axis 0 is empty"):
        _run_const(tf.argmax, np.zeros((0, 2)))
    with pytest.raises(ValueError, match="range"):
        tf.argmax(tf.zeros([2, 3]), 2)
    assert tf.argmax(tf.zeros([2, 3]), 1).shape.as_list() == [2]


def _scan_ref(fn, identity):
    def ref(x, axis, exclusive, reverse):
        ax = axis % x.ndim
        if reverse:
            x = np.flip(x, ax)
        out = fn(x, axis=ax, dtype=x.dtype)
        if exclusive:
            first = np.full_like(np.take(x, [0], axis=ax) if x.shape[ax] else
                                 np.take(out, [], axis=ax), identity)
            out = np.concatenate([first, np.take(out, np.arange(x.shape[ax] - 1), axis=ax)],
                                 axis=ax)[tuple(slice(0, n) for n in x.shape)]
        return np.flip(out, ax) if reverse else out
    return ref


SCANS = [("cumsum", tf.cumsum, _scan_ref(np.cumsum, 0)),
         ("cumprod", tf.cumprod, _scan_ref(np.cumprod, 1))]
SCAN_PARAMS = [(shape, axis, exc, rev) for shape in [(3,), (2, 3), (1, 4, 1), (2, 0, 3)]
               for axis in (0, -1) for exc in (False, True) for rev in (False, True)]


@pytest.mark.parametrize("shape,axis,exclusive,reverse,dtype", [
    pytest.param(*p, dt, id=f"{p}-{np.dtype(dt).name}") for p in SCAN_PARAMS
    for dt in FLOAT_DTYPES + INT_DTYPES if dt in FLOAT_DTYPES or p[1] == -1])
@pytest.mark.parametrize("row", SCANS, ids=[r[0] for r in SCANS])
def test_scan_forward(row, shape, axis, exclusive, reverse, dtype):
    _, fn, ref = row
    x = _values(shape, dtype, (0.5, 1.5) if dtype in FLOAT_DTYPES else (-3, 3))
    assert_forward(lambda t: fn(t, axis, exclusive=exclusive, reverse=reverse),
                   lambda a: ref(a, axis, exclusive, reverse), x)


@pytest.mark.parametrize("shape,axis,exclusive,reverse",
                         [p for p in SCAN_PARAMS if 0 not in p[0]], ids=str)
@pytest.mark.parametrize("row", SCANS, ids=[r[0] for r in SCANS])
def test_scan_grad(row, shape, axis, exclusive, reverse):
    _, fn, _ = row
    x = sample(shape, np.float64, 0.5, 1.5)
    check_grads(lambda t: fn(t, axis, exclusive=exclusive, reverse=reverse), [x], order=2)


def test_scan_of_scalar_is_an_error():
    # as TF 1.14: accepted at build time, the kernel rejects it (tests/golden/math9 too)
    y = tf.cumsum(tf.constant(1.0))
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"ScanOp: Expected scan axis in the range \[0, 0\), but got 0"):
        tf.Session().run(y)


# =========================================================================================
# Clipping and norms
# =========================================================================================
def test_clip_forward_and_grads():
    x = sample((3, 4), np.float64, -3, 3)
    assert_forward(lambda t: tf.clip_by_value(t, -1.0, 1.0), lambda a: np.clip(a, -1, 1), x)
    check_grads(lambda t: tf.clip_by_value(t, -1.0, 1.0), [x])
    check_grads(lambda t, lo: tf.clip_by_value(t, lo, 2.5), [x, np.full(4, -0.5)])
    n = np.sqrt((x * x).sum())
    assert_forward(lambda t: tf.clip_by_norm(t, 2.0), lambda a: a * 2.0 / max(n, 2.0), x)
    rows = np.sqrt((x * x).sum(1, keepdims=True))
    assert_forward(lambda t: tf.clip_by_norm(t, 2.0, axes=[1]),
                   lambda a: a * 2.0 / np.maximum(rows, 2.0), x)
    check_grads(lambda t: tf.clip_by_norm(t, 2.0), [x])
    check_grads(lambda t: tf.clip_by_norm(t, 2.0, axes=[1]), [x])
    with pytest.raises(ValueError):
        tf.clip_by_value(tf.zeros([2]), tf.zeros([3, 2]), 1.0)


def test_global_norm_forward_and_grads():
    a = sample((3,), np.float64)
    b = sample((2, 2), np.float64, seed=5)
    n = np.sqrt((a * a).sum() + (b * b).sum())
    assert_forward(lambda s, t: tf.global_norm([s, t]), lambda s, t: n, a, b)
    check_grads(lambda s, t: tf.global_norm([s, None, t]), [a, b])
    check_grads(lambda s, t: tf.clip_by_global_norm([s, t], 1.0)[0], [a, b])
    out = _run_const(lambda s, t: tf.clip_by_global_norm([s, t], 1.0), a, b)
    np.testing.assert_allclose(out[0][0], a / n)
    np.testing.assert_allclose(out[1], n)


NORMS = [("euclidean", None), ("euclidean", 1), (1, None), (1, 0), (np.inf, -1), (3, 1),
         (2, None), ("fro", (0, 1)), ("euclidean", [1, 0]), (1, (0, 1)), (np.inf, (0, 1)),
         (np.inf, None), (0.5, 0)]


def _norm_ref(x, ord, axis, keep):
    if isinstance(axis, (tuple, list)):
        ax = tuple(axis)
        o = "fro" if ord == "euclidean" else ord
        return np.linalg.norm(x, ord=o, axis=ax, keepdims=keep)
    if axis is None:
        v = x.ravel()
        o = None if ord == "euclidean" else ord
        r = np.linalg.norm(v, ord=o)
        return np.full([1] * x.ndim, r) if keep else r
    o = None if ord == "euclidean" else ord
    return np.linalg.norm(x, ord=o, axis=axis, keepdims=keep)


@pytest.mark.parametrize("keep", [False, True])
@pytest.mark.parametrize("ord,axis", NORMS, ids=str)
def test_norm_forward_and_grads(ord, axis, keep):
    x = _with_sign((3, 4), np.float64, 0.3, 2)
    assert_forward(lambda t: tf.norm(t, ord=ord, axis=axis, keepdims=keep),
                   lambda a: _norm_ref(a, ord, axis, keep), x, rtol=1e-10, atol=1e-10)
    check_grads(lambda t: tf.norm(t, ord=ord, axis=axis, keepdims=keep), [x])


def test_norm_argument_errors():
    x = tf.zeros([2, 2])
    with pytest.raises(ValueError, match="'ord' must be a supported matrix norm"):
        tf.norm(x, ord=3, axis=[0, 1])
    with pytest.raises(ValueError, match="'axis' must be None"):
        tf.norm(x, axis=[0, 0])


def test_variance_std_count_polyval():
    x = sample((3, 4), np.float64)
    for axis, keep in [(None, False), (1, False), (0, True), ([0, 1], False)]:
        ax = tuple(np.atleast_1d(axis)) if axis is not None else None
        assert_forward(lambda t: tf.math.reduce_variance(t, axis, keep),
                       lambda a: np.var(a, axis=ax, keepdims=keep), x)
        assert_forward(lambda t: tf.math.reduce_std(t, axis, keep),
                       lambda a: np.std(a, axis=ax, keepdims=keep), x)
        check_grads(lambda t: tf.math.reduce_std(t, axis, keep), [x])
    # TF 1.14 takes integers (integer means: [1, 4] gives 2; its check came later)
    assert run(tf.math.reduce_variance, np.array([1, 4], np.int32)) == 2
    ints = np.array([[0, 1, 2], [0, 0, 3]], np.int32)
    assert_forward(lambda t: tf.count_nonzero(t, axis=1), lambda a: np.count_nonzero(a, 1), ints)
    assert_forward(lambda t: tf.count_nonzero(t, dtype=tf.int32),
                   lambda a: np.int32(np.count_nonzero(a)), ints)
    assert_forward(lambda t: tf.math.polyval([2.0, t, 1.0], t),
                   lambda a: 2 * a * a + a * a + 1, np.array([1.0, 2.0], np.float32))
    check_grads(lambda t, c: tf.math.polyval([c, 0.5, t], t), [x, np.float64(0.7)])
    with pytest.raises(ValueError, match="list"):
        tf.math.polyval((1.0,), 1.0)


def test_log_sigmoid_stable_and_differentiable():
    x = np.array([-800.0, -30.0, 0.0, 2.0, 800.0])
    got = _run_const(tf.log_sigmoid, x)
    want = -np.logaddexp(0.0, -x)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    check_grads(tf.log_sigmoid, [sample((2, 3), np.float64, -4, 4)])
    assert tf.log_sigmoid(tf.constant(1.0)).op.name == "LogSigmoid"


def test_namespaces():
    assert tf.math.log is tf.log and tf.math.reduce_sum is tf.reduce_sum
    assert tf.math.divide_no_nan is tf.div_no_nan and tf.math.floormod is tf.mod
    assert tf.linalg.matmul is tf.matmul and tf.linalg.einsum is tf.einsum
    assert tf.linalg.norm is tf.norm and tf.math.equal is tf.equal
    assert tf.math.softmax is tf.nn.softmax and tf.math.log_sigmoid is tf.log_sigmoid


# =========================================================================================
# Golden edge cases recorded from TF 1.14 (tests/golden/math: gen_math.py, math.json)
# =========================================================================================
CASES = goldens.generator("math", "math").CASES
_GOLDEN = goldens.load("math", "math")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_tf114(case):
    """The same code gives TF 1.14's values, dtypes, gradients and errors."""
    expected = _GOLDEN[case["name"]]
    with tf.Graph().as_default():
        if "error" in case:
            err = getattr(tf.errors, case["error"], None) or getattr(builtins, case["error"])
            with pytest.raises(err) as info:
                fetches = case["fn"](tf)
                with tf.Session() as sess:
                    sess.run(fetches)
            for m in case["match"]:
                assert m in str(info.value), (m, str(info.value))
            return
        fetches = case["fn"](tf)
        if case.get("static"):
            got = [[t.name, t.op.type, t.dtype.base_dtype.name,
                    None if t.shape.ndims is None else t.shape.as_list()] for t in fetches]
            for g, w in zip(got, expected["static"]):
                assert g == w
            assert len(got) == len(expected["static"])
            return
        with tf.Session() as sess:
            if case.get("init"):
                sess.run(tf.global_variables_initializer())
            real = [f for f in fetches if f is not None]
            vals = iter(sess.run(real))
            got = [None if f is None else np.asarray(next(vals)) for f in fetches]
    want = expected["outputs"]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        if w is None:
            assert g is None, f"output {i}: expected None, got {g!r}"
            continue
        assert g is not None, f"output {i}: expected {w!r}, got None"
        assert g.shape == w.shape, (i, g.shape, w.shape)
        if w.dtype == object:
            assert g.dtype.kind in "OSU" and list(g.ravel()) == list(w.ravel()), (i, g, w)
            continue
        assert g.dtype == w.dtype, (i, g.dtype, w.dtype)
        if w.dtype.kind in "fc":
            tol = 2e-6 if w.dtype in (np.float32, np.complex64) else 1e-12
            np.testing.assert_allclose(g, w, rtol=tol, atol=tol, err_msg=f"output {i}")
        else:
            np.testing.assert_array_equal(g, w, err_msg=f"output {i}")


# =========================================================================================
# Comparisons and logic: (name, fn, NumPy reference, dtypes)
# =========================================================================================
COMPARISONS = [
    ("equal", tf.equal, np.equal, FLOAT_DTYPES + INT_DTYPES + [np.bool_]),
    ("not_equal", tf.not_equal, np.not_equal, FLOAT_DTYPES + INT_DTYPES + [np.bool_]),
    ("less", tf.less, np.less, FLOAT_DTYPES + INT_DTYPES),
    ("less_equal", tf.less_equal, np.less_equal, FLOAT_DTYPES + INT_DTYPES),
    ("greater", tf.greater, np.greater, FLOAT_DTYPES + INT_DTYPES),
    ("greater_equal", tf.greater_equal, np.greater_equal, FLOAT_DTYPES + INT_DTYPES),
    ("logical_and", tf.logical_and, np.logical_and, [np.bool_]),
    ("logical_or", tf.logical_or, np.logical_or, [np.bool_]),
    ("logical_xor", tf.logical_xor, np.logical_xor, [np.bool_]),
]


def _compare_values(shape, dtype, seed):
    if dtype == np.bool_:
        return sample(shape, np.float64, -1, 1, seed) > 0
    return _ints(shape, dtype, -2, 3, seed)  # small ints: many ties, also as floats


@pytest.mark.parametrize("row,shapes,dtype", _table_params(COMPARISONS, BINARY_SHAPES, 3))
def test_comparison_forward(row, shapes, dtype):
    _, fn, ref, _ = row
    x = _compare_values(shapes[0], dtype, 1)
    y = _compare_values(shapes[1], dtype, 2)
    assert_forward(fn, ref, x, y)


@pytest.mark.parametrize("shape", UNARY_SHAPES, ids=str)
def test_logical_not_forward(shape):
    assert_forward(tf.logical_not, np.logical_not, _compare_values(shape, np.bool_, 3))


def test_comparisons_have_no_gradient():
    x = tf.constant([1.0, 2.0])
    for fn in (tf.equal, tf.not_equal, tf.less, tf.less_equal, tf.greater, tf.greater_equal):
        y = tf.cast(fn(x, 1.5), tf.float32)
        assert tf.gradients(y, x) == [None]


# =========================================================================================
# The op tables: every row registers an elementwise op and a wrapper named as TF's
# =========================================================================================
def _table_wrappers():
    import inspect

    from flowgrad.engine.ops import comparison, elementwise, reductions, special
    out = []
    for mod in (elementwise, special, comparison, reductions):
        for name, f in vars(mod).items():
            if inspect.isfunction(f) and not name.startswith("_") and f.__module__ == mod.__name__ \
                    and f.__name__ == name and "(op `" in (f.__doc__ or ""):
                out.append((mod.__name__.rsplit(".", 1)[-1], name, f))
    return out


_WRAPPERS = _table_wrappers()


def test_table_wrappers_found():
    assert len(_WRAPPERS) > 60


@pytest.mark.parametrize("module,name,fn", _WRAPPERS, ids=[n for _, n, _ in _WRAPPERS])
def test_table_wrapper_names_its_op(module, name, fn):
    """A wrapper is exported under its TF name, names its op, and its op is registered."""
    import inspect

    from flowgrad.engine.framework.registry import OPS
    op_type = fn.__doc__.split("(op `")[1].split("`")[0]
    od = OPS[op_type]
    params = list(inspect.signature(fn).parameters)
    assert params[-1] == "name" or "name" in params
    assert inspect.signature(fn).return_annotation == "Tensor"
    if module in ("elementwise", "special", "comparison"):
        assert od.props.get("elementwise") is True
    surface = tf.math if hasattr(tf.math, name) else tf
    if hasattr(surface, name):     # the public op, or TF's ragged dispatch of it
        public = getattr(surface, name)
        assert public is fn or getattr(public, "__wrapped__", None) is fn


def test_integer_division_by_zero_classes_as_tf():
    # TF 1.14 (oracle): Div / FloorDiv / FloorMod / Mod raise "Integer division by zero";
    # TruncateDiv / TruncateMod set the same flag, which BinaryOp reports as an InternalError
    a = tf.placeholder(tf.int32, [2])
    b = tf.placeholder(tf.int64, [2])
    feeds = {a: [1, 0], b: [1, 0]}
    with tf.Session() as s:
        for f in (tf.truncatediv, tf.truncatemod):
            for x in (a, b):
                with pytest.raises(tf.errors.InternalError, match=r"^Unexpected error in binary "
                                   r"operator \(only integer div and mod should have errors\)"):
                    s.run(f(x, x[::-1]), feeds)
        for f in (tf.floordiv, tf.floormod, tf.div, tf.mod):
            with pytest.raises(tf.errors.InvalidArgumentError, match="^Integer division by zero"):
                s.run(f(a, a[::-1]), feeds)
