"""Incomplete gamma and beta functions and exponentially scaled Bessel functions:
Igamma, Igammac, IgammaGradA, Betainc, BesselI0e, BesselI1e, with TF 1.14's gradients
(math_grad.py). Kernels are vectorized NumPy in float64 (series and Lentz continued
fractions as Numerical Recipes / Cephes; Bessel functions by their power series up to
|x| = 30 and the asymptotic series beyond), accurate to ~1e-14 relative where the value
is not itself tiny; float32 Igamma/Igammac/Betainc are TF's float32 algorithms (eigen_igamma,
eigen_betainc).
TF's NaN domain: a <= 0, b <= 0, x < 0 (and x > 1 for betainc).
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import control_dependencies, name_scope
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, same_type_inputs
from . import eigen_betainc as _eigen_betainc
from . import eigen_igamma as _eigen_igamma
from . import eigen_math as _eigen_math
from .construction import zeros_like
from .elementwise import (_py_op, abs as _abs, add, binop, broadcast_args, exp, greater, log,
                          multiply, negative, reciprocal, reshape_sum, sign, subtract,
                          unop)
from .prims import select
from .special import _digamma_kernel, _lgamma_kernel, lgamma

__all__ = ["igamma", "igammac", "igamma_grad_a", "betainc", "bessel_i0e", "bessel_i1e"]

_F32_64 = (_dt.float32, _dt.float64)
_EPS = 1e-16
_TINY = 1e-300
_MAX_ITER = 5000


def _f64(*xs):
    return np.broadcast_arrays(*(np.asarray(x, dtype=np.float64) for x in xs))


def _log_prefix(a, x):
    """log(x^a e^-x / Gamma(a + 1))."""
    with np.errstate(all="ignore"):
        return a * np.log(x) - x - _lgamma_kernel(a + 1)


def _p_series(a, x):
    """P(a, x) = x^a e^-x / Gamma(a + 1) * sum_n x^n / ((a + 1) ... (a + n))."""
    term = np.ones_like(a)
    total = np.ones_like(a)
    for n in range(1, _MAX_ITER):
        term = term * x / (a + n)
        total = total + term
        if not np.any(term > _EPS * total):
            break
    return np.exp(_log_prefix(a, x)) * total


def _q_fraction(a, x):
    """Q(a, x) by the continued fraction of Numerical Recipes' gcf (modified Lentz)."""
    b = x + 1 - a
    c = np.full_like(a, 1 / _TINY)
    d = 1 / np.where(np.abs(b) < _TINY, _TINY, b)
    h = d.copy()
    for i in range(1, _MAX_ITER):
        an = -i * (i - a)
        b = b + 2
        d = an * d + b
        d = 1 / np.where(np.abs(d) < _TINY, _TINY, d)
        c = b + an / c
        c = np.where(np.abs(c) < _TINY, _TINY, c)
        delta = d * c
        h = h * delta
        if not np.any(np.abs(delta - 1) > _EPS):
            break
    with np.errstate(all="ignore"):
        return np.exp(a * np.log(x) - x - _lgamma_kernel(a)) * h


def _igamma_parts(a, x):
    """(P, Q) with TF's domain: NaN for a <= 0 or x < 0 (or either NaN)."""
    a, x = _f64(a, x)
    p = np.zeros(a.shape)
    q = np.ones(a.shape)
    bad = ~((a > 0) & (x >= 0))
    pos = ~bad & (x > 0)
    small = pos & (x < a + 1)
    large = pos & ~small & np.isfinite(x)
    if small.any():
        p[small] = _p_series(a[small], x[small])
        q[small] = 1 - p[small]
    if large.any():
        q[large] = _q_fraction(a[large], x[large])
        p[large] = 1 - q[large]
    inf = pos & np.isinf(x)
    p[inf], q[inf] = 1.0, 0.0
    p[bad], q[bad] = np.nan, np.nan
    return p, q


def _float32_exact(a, x):
    """Both float32 and at most EXACT_MAX values: eigen_igamma gives TF's bits."""
    return (np.result_type(a, x) == np.float32
            and np.broadcast(a, x).size <= _eigen_math.EXACT_MAX)


def _igamma_kernel(a, x):
    if _float32_exact(a, x):
        return _eigen_igamma.igamma(a, x)
    with np.errstate(all="ignore"):
        return _igamma_parts(a, x)[0].astype(np.result_type(a, x), copy=False)


def _igammac_kernel(a, x):
    if _float32_exact(a, x):
        return _eigen_igamma.igammac(a, x)
    with np.errstate(all="ignore"):
        return _igamma_parts(a, x)[1].astype(np.result_type(a, x), copy=False)


def _igamma_grad_a_kernel(a, x):
    """d P(a, x) / da = log(x) P - x^a e^-x sum_n x^n psi(a + n + 1) / Gamma(a + n + 1)."""
    dt = np.result_type(a, x)
    a, x = _f64(a, x)
    out = np.full(a.shape, np.nan)
    ok = (a > 0) & (x > 0) & np.isfinite(x)
    out[(a > 0) & (x == 0)] = 0.0
    out[(a > 0) & np.isposinf(x)] = 0.0
    if ok.any():
        aa, xx = a[ok], x[ok]
        psi = _digamma_kernel(aa + 1)
        term = np.ones_like(aa)
        total = np.ones_like(aa)
        wsum = psi.copy()
        for n in range(1, 20 * _MAX_ITER):
            term = term * xx / (aa + n)
            psi = psi + 1 / (aa + n)
            total = total + term
            wsum = wsum + term * psi
            if not np.any(term * np.maximum(1, np.abs(psi)) > _EPS * total):
                break
        pref = np.exp(_log_prefix(aa, xx))
        out[ok] = np.log(xx) * pref * total - pref * wsum
    return out.astype(dt, copy=False)


def _betacf(a, b, x):
    """The continued fraction of the incomplete beta function (Numerical Recipes betacf)."""
    qab, qap, qam = a + b, a + 1, a - 1
    c = np.ones_like(a)
    d = 1 - qab * x / qap
    d = 1 / np.where(np.abs(d) < _TINY, _TINY, d)
    h = d.copy()
    for m in range(1, _MAX_ITER):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / np.where(np.abs(d) < _TINY, _TINY, d)
        c = 1 + aa / c
        c = np.where(np.abs(c) < _TINY, _TINY, c)
        h = h * d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / np.where(np.abs(d) < _TINY, _TINY, d)
        c = 1 + aa / c
        c = np.where(np.abs(c) < _TINY, _TINY, c)
        delta = d * c
        h = h * delta
        if not np.any(np.abs(delta - 1) > _EPS):
            break
    return h


def _betainc_kernel(a, b, x):
    dt = np.result_type(a, b, x)
    if dt == np.float32 and np.broadcast(a, b, x).size <= _eigen_math.EXACT_MAX:
        return _eigen_betainc.betainc(a, b, x)
    a, b, x = _f64(a, b, x)
    out = np.full(a.shape, np.nan)
    ok = (a > 0) & (b > 0) & (x >= 0) & (x <= 1)
    out[ok & (x == 0)] = 0.0
    out[ok & (x == 1)] = 1.0
    inner = ok & (x > 0) & (x < 1)
    if inner.any():
        aa, bb, xx = a[inner], b[inner], x[inner]
        flip = xx > (aa + 1) / (aa + bb + 2)
        a2, b2, x2 = np.where(flip, bb, aa), np.where(flip, aa, bb), np.where(flip, 1 - xx, xx)
        log_bt = (_lgamma_kernel(a2 + b2) - _lgamma_kernel(a2) - _lgamma_kernel(b2)
                  + a2 * np.log(x2) + b2 * np.log1p(-x2))
        val = np.exp(log_bt) * _betacf(a2, b2, x2) / a2
        out[inner] = np.where(flip, 1 - val, val)
    return out.astype(dt, copy=False)


# -- Bessel I0e, I1e ------------------------------------------------------------------------------
_BIG = 30.0


def _bessel_series(x, order):
    """I_order(x) e^-|x| by the power series sum (x/2)^(2k+order) / (k! (k+order)!)."""
    h = x / 2
    term = np.ones_like(x) if order == 0 else h.copy()
    total = term.copy()
    h2 = h * h
    for k in range(1, 200):
        term = term * h2 / (k * (k + order))
        total = total + term
        if not np.any(np.abs(term) > _EPS * np.abs(total)):
            break
    return total * np.exp(-np.abs(x))


def _bessel_asymptotic(x, order):
    """I_order(|x|) e^-|x| ~ 1/sqrt(2 pi |x|) sum_k (-1)^k prod_j (4 nu^2 - (2j-1)^2) /
    (k! (8|x|)^k), for |x| >= 30."""
    ax = np.abs(x)
    mu = 4.0 * order * order
    term = np.ones_like(ax)
    total = np.ones_like(ax)
    for k in range(1, 40):
        term = -term * (mu - (2 * k - 1) ** 2) / (k * 8 * ax)
        total = total + term
    return total / np.sqrt(2 * np.pi * ax)


def _bessel_kernel(order):
    def kernel(x):
        xd = np.asarray(x, dtype=np.float64)
        out = np.empty(xd.shape)
        small = np.abs(xd) < _BIG
        out[small] = _bessel_series(xd[small], order)
        big = ~small
        vals = _bessel_asymptotic(xd[big], order)
        out[big] = vals if order == 0 else np.copysign(vals, xd[big])
        out[np.isnan(xd)] = np.nan
        return out.astype(np.asarray(x).dtype, copy=False)
    return kernel


# -- gradients (TF 1.14's math_grad.py) ----------------------------------------------------
def _igamma_grad(op, grad):
    """dP/da = IgammaGradA(a, x); dP/dx = exp(-x + (a - 1) log x - lgamma(a))."""
    a, x = op.inputs
    sa, sx, ra, rx = broadcast_args(a, x)
    with control_dependencies([grad.op]):  # TF: an IndexedSlices gradient counts as its op
        partial_a = igamma_grad_a(a, x)
        partial_x = exp(subtract(add(negative(x), multiply(_py_op(subtract, "sub", a, 1),
                                                           log(x), name="mul"), name="add"),
                                 lgamma(a), name="sub"))
        return [reshape_sum(multiply(partial_a, grad, name="mul"), ra, sa),
                reshape_sum(multiply(partial_x, grad, name="mul"), rx, sx)]


def _igammac_grad(op, grad):
    """The negated gradients of Igamma."""
    ga, gx = _igamma_grad(op, grad)
    return [negative(ga), negative(gx)]


def _betainc_grad(op, grad):
    """d I_x(a, b)/dx = x^(a-1) (1-x)^(b-1) / B(a, b); None for a and b (as TF 1.14)."""
    a, b, x = op.inputs
    sa, sx, _, rx = broadcast_args(a, x)
    log_beta = subtract(add(lgamma(a), lgamma(b), name="add"),
                        lgamma(add(a, b, name="add")), name="sub")
    b_minus = _py_op(subtract, "sub", b, 1)   # TF's (b - 1) * log(1 - x): b - 1 first
    partial_x = exp(subtract(add(multiply(b_minus, log(_py_op(subtract, "sub", 1, x)),
                                          name="mul"),
                                 multiply(_py_op(subtract, "sub", a, 1), log(x),
                                          name="mul"), name="add"),
                             log_beta, name="sub"))
    return [None, None, reshape_sum(multiply(partial_x, grad, name="mul"), rx, sx)]


def _bessel_i0e_grad(g, x, y):
    """d i0e(x) = i1e(x) - sign(x) i0e(x)."""
    with control_dependencies([g.op]):
        partial = subtract(bessel_i1e(x), multiply(sign(x), y, name="mul"), name="sub")
        return multiply(g, partial, name="mul")


def _bessel_i1e_grad(g, x, y):
    """d i1e(x) = i0e(x) - i1e(x) (sign(x) + 1/x), 0.5 at x = 0."""
    with control_dependencies([g.op]):
        eps = float(np.finfo(x.dtype.as_numpy_dtype).eps)
        zeros = zeros_like(x)
        not_tiny = greater(_abs(x), eps)   # TF's `abs(x) > eps`: Greater/y
        safe_x = select(not_tiny, x, _py_op(add, "add", eps, zeros))
        dy_dx = subtract(bessel_i0e(safe_x),
                         multiply(y, add(sign(safe_x), reciprocal(safe_x), name="add"),
                                  name="mul"), name="sub")
        return multiply(g, select(not_tiny, dy_dx, _py_op(add, "add", 0.5, zeros)),
                        name="mul")


_igamma = binop("igamma", "Igamma", _igamma_kernel, _F32_64, _igamma_grad, "",
                arg_names=["a", "x"])
_igammac = binop("igammac", "Igammac", _igammac_kernel, _F32_64, _igammac_grad, "",
                 arg_names=["a", "x"])
def _igamma_grad_a_quiet(a, x):
    with np.errstate(all="ignore"):
        return _igamma_grad_a_kernel(a, x)


# TF 1.14 registers no gradient for IgammaGradA: a second derivative in `a` raises LookupError
_igamma_grad_a = binop("igamma_grad_a", "IgammaGradA", _igamma_grad_a_quiet, _F32_64,
                       no_gradient_registered, "", arg_names=["a", "x"])
bessel_i0e = unop("bessel_i0e", "BesselI0e", _bessel_kernel(0), _F32_64, _bessel_i0e_grad,
                  "I0(x) e^-|x|, the exponentially scaled modified Bessel function of order 0")
bessel_i1e = unop("bessel_i1e", "BesselI1e", _bessel_kernel(1), _F32_64, _bessel_i1e_grad,
                  "I1(x) e^-|x|, the exponentially scaled modified Bessel function of order 1")


def igamma(a, x, name=None):
    """The regularized lower incomplete gamma function P(a, x) (op `Igamma`)."""
    return _igamma(a, x, name)


def igammac(a, x, name=None):
    """The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x)."""
    return _igammac(a, x, name)


def igamma_grad_a(a, x, name=None):
    """d P(a, x) / da (op `IgammaGradA`, used by Igamma's gradient)."""
    return _igamma_grad_a(a, x, name)


# -- Betainc: a, b, x of one shape, or scalars ---------------------------------------------------
def _merge(shapes):
    out = None
    for s in shapes:
        if s.ndims == 0:
            continue
        if out is None or out.ndims is None:
            out = s if out is None or s.ndims is not None else out
            continue
        if s.ndims is None:
            continue
        if s.ndims != out.ndims:
            raise ValueError(f"Shapes must be equal rank, but are {out.ndims} and {s.ndims}")
        dims = []
        for i, (p, q) in enumerate(zip(out.as_list(), s.as_list())):
            if p is not None and q is not None and p != q:
                show = " and ".join("[" + ",".join("?" if d is None else str(d)
                                                   for d in t.as_list()) + "]"
                                    for t in (out, s))
                raise ValueError(f"Dimension {i} in both shapes must be equal, but are {p} and "
                                 f"{q}. Shapes are {show}.")
            dims.append(p if p is not None else q)
        out = TensorShape(dims)
    return out if out is not None else TensorShape([])


def _betainc_infer(inputs, attrs):
    return [(inputs[0].dtype.base_dtype, _merge([t.shape for t in inputs]))]


def _betainc_kernel_checked(a, b, x):
    shapes = {np.shape(v) for v in (a, b, x) if np.ndim(v)}
    if len(shapes) > 1:
        raise errors.InvalidArgumentError(None, None, "Shapes of a, b and x are inconsistent: "
                                          + " vs. ".join(str(list(s)) for s in
                                                         (np.shape(a), np.shape(b),
                                                          np.shape(x))))
    with np.errstate(all="ignore"):
        return _betainc_kernel(a, b, x)


register_op("Betainc", infer=_betainc_infer, kernel=_betainc_kernel_checked,
            grad=_betainc_grad)


def betainc(a, b, x, name=None):
    """The regularized incomplete beta function I_x(a, b) (op `Betainc`); a, b and x have
    one shape or are scalars."""
    with name_scope(name, "Betainc", [a, b, x]) as scope:
        ts = same_type_inputs("Betainc", [a, b, x], ["a", "b", "x"], allowed=_F32_64)
        return apply("Betainc", ts, None, scope)
