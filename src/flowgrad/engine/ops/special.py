"""Special functions: log-gamma, digamma, polygamma, Hurwitz zeta, erf and erfc.

Their kernels are vectorized NumPy approximations (float64 inside, to ~1e-15); up to
eigen_math.EXACT_MAX values Lgamma, Digamma and Zeta (float32 and float64) and float32
Erf and Erfc give TF 1.14's own bits (libm's lgammaf / lgamma / erff / erfcf per value,
Eigen's digamma and zeta steps). Each op is one row of the
elementwise table.
"""
from __future__ import annotations

import builtins
import math as _math

from typing import Any

import numpy as np
from numpy.polynomial import chebyshev

from ..framework import dtypes as _dt
from ..framework.graph import Tensor
from ..framework.graph import control_dependencies as _control_dependencies
from ._base import FLOATS
from . import eigen_math as _eigen_math
from . import eigen_zeta as _eigen_zeta
from .elementwise import (_half_libm, _pmul, _py_op, add, binop, broadcast_args, exp, multiply,
                          negative, reshape_sum, scalar, square, unop)

_F32_64 = (_dt.float32, _dt.float64)

# Lanczos approximation (g = 7, n = 9): relative error ~1e-15 for x >= 0.5.
_LANCZOS = (0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7)


def _abs_sinpi(x):
    """|sin(pi x)| with the argument reduced first (exact zeros at the integers)."""
    return np.abs(np.sin(np.pi * (x - np.round(x))))


def _lgamma_op_kernel(x):
    """The Lgamma op: TF's bits up to EXACT_MAX values (libm's lgammaf / lgamma of each
    value, as Eigen's lgamma_impl calls them), the Lanczos series above."""
    if np.size(x) <= _eigen_math.EXACT_MAX:
        if np.result_type(x) == np.float32:
            return _eigen_math.lgammaf(x)
        if np.result_type(x) == np.float64:
            out = _eigen_math.libm_lgamma(x)
            # glibc's lgamma of a tiny x is -log|x|, and its log scales a subnormal by 2^52
            # first: under TF's DAZ that product is 0, the bits left read as 2^-1075
            out[(x != 0) & (np.abs(x) < _eigen_math.TINY64)] = 1075 * _math.log(2)
            return out
    return _lgamma_kernel(x)


def _lgamma_kernel(x):
    """log|Gamma(x)| by Lanczos, float64 inside; float32 up to EXACT_MAX values: libm's
    lgammaf, as TF (eigen_math.lgammaf)."""
    if x.dtype == np.float32 and x.size <= _eigen_math.EXACT_MAX:
        return _eigen_math.lgammaf(x)
    xd = np.asarray(x, dtype=np.float64)
    refl = xd < 0.5
    z = np.where(refl, -xd, xd - 1)  # Lanczos works on z = x' - 1 with x' = 1 - x if reflected
    series = np.full_like(z, _LANCZOS[0])
    for k in builtins.range(1, 9):
        series += _LANCZOS[k] / (z + k)
    t = z + 7.5
    out = 0.5 * np.log(2 * np.pi) + (z + 0.5) * np.log(t) - t + np.log(series)
    out = np.where(refl, np.log(np.pi / _abs_sinpi(xd)) - out, out)
    out = np.where(np.isinf(xd), np.inf, out)
    # exact zeros at 1 and 2, as the C library's lgamma (the series is off by ~1e-15 there;
    # |lgamma(x)|'s gradient at those points reads the sign of exactly 0)
    out = np.where((xd == 1) | (xd == 2), 0.0, out)
    return out.astype(x.dtype, copy=False)


# Bernoulli numbers B2, B4, ..., B16 for the asymptotic series of digamma and zeta.
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510)
_SHIFT = 10  # recurrence steps before the asymptotic series (argument >= 10.5)


def _digamma_op_kernel(x):
    """The Digamma op: Eigen's steps (TF's bits) up to EXACT_MAX values, the series above."""
    if np.result_type(x) in (np.float32, np.float64) and np.size(x) <= _eigen_math.EXACT_MAX:
        return _eigen_math.digamma(x)
    if np.result_type(x) == np.float16:   # Eigen::half: the float algorithm, then half
        return _eigen_math.digamma(np.asarray(x, np.float32)).astype(np.float16)
    return _digamma_kernel(x)


def _digamma_kernel(x):
    """Psi by recurrence and the asymptotic series, float64 inside; float32 up to EXACT_MAX
    values: Eigen's float32 algorithm, as TF (eigen_math.digamma)."""
    if x.dtype == np.float32 and x.size <= _eigen_math.EXACT_MAX:
        return _eigen_math.digamma(x)
    xd = np.asarray(x, dtype=np.float64)
    refl = xd < 0.5
    y = np.where(refl, 1 - xd, xd)
    acc = np.zeros_like(y)
    for k in builtins.range(_SHIFT):
        acc -= 1 / (y + k)
    y = y + _SHIFT
    inv2 = 1 / (y * y)
    tail = np.zeros_like(y)
    for j in builtins.range(len(_BERNOULLI), 0, -1):
        tail = (tail + _BERNOULLI[j - 1] / (2 * j)) * inv2
    out = acc + np.log(y) - 0.5 / y - tail
    with np.errstate(all="ignore"):
        reflected = out - np.pi / np.tan(np.pi * (xd - np.round(xd)))
    out = np.where(refl, reflected, out)
    out = np.where(refl & (xd == np.round(xd)), np.inf, out)  # the poles: +inf, as Eigen
    out = np.where(xd == np.inf, np.inf, out)
    return out.astype(x.dtype, copy=False)


def _float32_exact2(x, y):
    return np.result_type(x, y) == np.float32 and np.broadcast(x, y).size <= \
        _eigen_math.EXACT_MAX


def _zeta_kernel(x, q):
    """Hurwitz zeta sum_k (q + k)^-x by Euler-Maclaurin, as Eigen: NaN for x < 1, and for
    q < 0 unless x is an integer (then the sum runs as for q > 0); inf at the poles.
    float32 and float64 up to EXACT_MAX values: Eigen's steps themselves (eigen_zeta)."""
    dt = np.result_type(x, q)
    if (dt == np.float32 or dt == np.float64 and not np.any(np.asarray(q) < -1000)) and \
            max(np.size(x), np.size(q)) <= _eigen_math.EXACT_MAX:
        return _eigen_zeta.zeta(x, q)   # (one term at a time up to q + n > 9)
    s = np.asarray(x, dtype=np.float64)
    qd = np.asarray(q, dtype=np.float64)
    s, qd = np.broadcast_arrays(s, qd)
    with np.errstate(all="ignore"):
        acc = np.zeros(s.shape)
        # direct terms until q + k >= 10 (at least _SHIFT of them), then the asymptotic tail
        steps = np.full(s.shape, _SHIFT)
        neg = (qd < 0) & np.isfinite(qd)
        if neg.any():
            steps[neg] = np.maximum(_SHIFT, np.ceil(_SHIFT - qd[neg])).astype(steps.dtype)
        for k in builtins.range(int(steps.max(initial=_SHIFT))):
            term = (qd + k) ** -s
            acc += term if k < _SHIFT else np.where(k < steps, term, 0.0)
        a = qd + steps
        acc += a ** (1 - s) / (s - 1) + 0.5 * a ** -s
        # sum_j B2j / (2j)! * s (s+1) ... (s+2j-2) * a^(-s-2j+1)
        term = s * a ** (-s - 1)
        fact = 2.0
        for j in builtins.range(1, len(_BERNOULLI) + 1):
            acc += _BERNOULLI[j - 1] / fact * term
            term = term * (s + 2 * j - 1) * (s + 2 * j) / (a * a)
            fact *= (2 * j + 1) * (2 * j + 2)
    out = np.where(s == 1, np.inf, acc)
    out = np.where((s < 1) | ((qd <= 0) & (qd != np.round(qd)) & (s != np.round(s))), np.nan,
                   out)
    out = np.where((qd <= 0) & (qd == np.round(qd)) & (s >= 1), np.inf, out)
    return out.astype(np.result_type(x), copy=False)


def _polygamma_kernel(a, x):
    if _float32_exact2(a, x) or (np.result_type(a, x) == np.float64 and not np.any(
            np.asarray(x) < -1000) and np.broadcast(a, x).size <= _eigen_math.EXACT_MAX):
        return _eigen_zeta.polygamma(a, x)   # TF's bits (eigen_zeta; zeta's q limit)
    n = np.asarray(a, dtype=np.float64)
    sign_fact = np.where(np.mod(n, 2) == 0, -1.0, 1.0) * np.vectorize(
        lambda v: _math.gamma(v + 1) if v >= 0 and v == int(v) else np.nan,
        otypes=[np.float64])(n)
    out = np.where(n == 0, _digamma_kernel(np.asarray(x, np.float64) + 0 * n),
                   sign_fact * _zeta_kernel(n + 1, np.asarray(x, np.float64)))
    return out.astype(np.result_type(x), copy=False)


def _erf_fit(f, lo, hi, deg):
    """Polynomial (highest power first) in t = (v - lo) * scale - 1 interpolating f on [lo, hi].

    Fitted once, at import, at Chebyshev points from Python's math.erf/erfc.
    """
    cheb = chebyshev.chebinterpolate(lambda t: f(lo + (t + 1) * ((hi - lo) / 2)), deg)
    return chebyshev.cheb2poly(cheb)[::-1].copy(), lo, 2 / (hi - lo)


def _erf_pieces():
    scalar_erf = np.vectorize(_math.erf, otypes=[np.float64])
    scalar_erfc = np.vectorize(_math.erfc, otypes=[np.float64])
    # |x| < 1: erf(x) = x * A(x^2) (full relative accuracy for tiny x).
    small = _erf_fit(lambda u: scalar_erf(np.sqrt(u)) / np.sqrt(u), 0.0, 1.0, 10)
    # 1 <= |x| < 6: erf(x) = 1 - exp(-x^2) / x * B(1/x), with B(s) = erfcx(1/s) / s smooth.
    large = _erf_fit(lambda s: scalar_erfc(1 / s) * np.exp(1 / (s * s)) / s, 1 / 6, 1.0, 20)
    return small, large


_ERF_SMALL, _ERF_LARGE = _erf_pieces()


def _erfc_tail_piece():
    """B(s) = erfcx(1/s) / s on [0, 1/6] (|x| >= 6), for erfc's relative accuracy far out.

    Nodes with 1/s <= 25 use math.erfc; beyond, the asymptotic series (exact there).
    """
    def b(s):
        out = np.empty_like(s)
        for i, v in enumerate(s):
            x = 1 / v
            if x <= 25:
                out[i] = _math.erfc(x) * _math.exp(x * x) * x
            else:
                t = v * v
                term = acc = 1.0
                for k in builtins.range(1, 12):
                    term *= -(2 * k - 1) / 2 * t
                    acc += term
                out[i] = acc / _math.sqrt(_math.pi)
        return out
    return _erf_fit(b, 0.0, 1 / 6, 16)


_ERFC_TAIL = _erfc_tail_piece()


def _horner(poly, v, lo, scale):
    t = v - lo
    t *= scale
    t -= 1
    out = np.full_like(t, poly[0])
    for c in poly[1:]:
        out *= t
        out += c
    return out


def _erf_kernel(x):
    """Vectorized erf to ~1e-15 (float64 inside); beyond |x| = 6 it is +-1 (erfc(6) ~ 2e-17).
    float32 up to EXACT_MAX values: libm's erff, as TF (eigen_math.erff)."""
    if x.dtype == np.float32 and x.size <= _eigen_math.EXACT_MAX:
        return _eigen_math.erff(x)
    if x.dtype == np.float64 and x.size <= _eigen_math.EXACT_MAX:
        return _eigen_math.libm_erf64(x)   # float64: libm's erf of each value, as TF
    xd = np.asarray(x, dtype=np.float64)
    ax = np.abs(xd)
    out = np.empty_like(xd)
    small = ax < 1
    xs = xd[small]
    out[small] = xs * _horner(_ERF_SMALL[0], xs * xs, _ERF_SMALL[1], _ERF_SMALL[2])
    big = ~small  # also NaN, which stays NaN below
    xb = ax[big]
    with np.errstate(all="ignore"):
        inv = 1 / xb
        g = _horner(_ERF_LARGE[0], inv, _ERF_LARGE[1], _ERF_LARGE[2])
        g *= inv
        g *= np.exp(-xb * xb)
    r = 1 - g
    r[xb >= 6] = 1.0
    out[big] = np.copysign(r, xd[big])
    return out.astype(x.dtype, copy=False)


def _erfc_kernel(x):
    """Vectorized erfc, relatively accurate in the far tail (~1e-13), float64 inside.
    float32 up to EXACT_MAX values: libm's erfcf, as TF (eigen_math.erfcf)."""
    if x.dtype == np.float32 and x.size <= _eigen_math.EXACT_MAX:
        return _eigen_math.erfcf(x)
    if x.dtype == np.float64 and x.size <= _eigen_math.EXACT_MAX:
        return _eigen_math.libm_erfc64(x)   # float64: libm's erfc of each value, as TF
    xd = np.asarray(x, dtype=np.float64)
    ax = np.abs(xd)
    out = np.empty_like(xd)
    small = ax < 1
    xs = xd[small]
    out[small] = 1 - xs * _horner(_ERF_SMALL[0], xs * xs, _ERF_SMALL[1], _ERF_SMALL[2])
    big = ~small
    xb = ax[big]
    with np.errstate(all="ignore"):
        inv = 1 / xb
        mid = xb < 6
        g = np.where(mid, _horner(_ERF_LARGE[0], inv, _ERF_LARGE[1], _ERF_LARGE[2]),
                     _horner(_ERFC_TAIL[0], inv, _ERFC_TAIL[1], _ERFC_TAIL[2]))
        g *= inv
        g *= np.exp(-xb * xb)
    g = np.where(np.isinf(xb), 0.0, g)
    out[big] = np.where(xd[big] < 0, 2 - g, g)
    return out.astype(x.dtype, copy=False)


def _zeta_grad(op, grad):
    """d zeta(x, q)/dq = -x zeta(x + 1, q); no gradient for x. TF 1.14's ops: the
    broadcast shapes, then under a control dependency on grad Neg, add, Zeta, mul, mul_1,
    summed and reshaped."""
    x, q = op._inputs
    sx, sq, _, rq = broadcast_args(x, q)
    with _control_dependencies([grad]):
        partial_q = _pmul(negative(x), zeta(_py_op(add, "add", x, 1), q))
        return [None, reshape_sum(_pmul(partial_q, grad), rq, sq)]


def _polygamma_grad(op, grad):
    """d polygamma(a, x)/dx = polygamma(a + 1, x); no gradient for the order a. TF 1.14's
    ops: the broadcast shapes, then under a control dependency on grad add, Polygamma,
    mul, summed and reshaped."""
    a, x = op._inputs
    sa, sx, _, rx = broadcast_args(a, x)
    with _control_dependencies([grad]):
        partial_x = polygamma(_py_op(add, "add", a, 1), x)
        return [None, reshape_sum(_pmul(partial_x, grad), rx, sx)]


def _grad_times(g, partial):
    """TF's `grad * partial` (`mul`), the partial built under a control dependency on
    grad (Lgamma, Digamma)."""
    with _control_dependencies([g]):
        return multiply(g, partial(), name="mul")


def _erf_grad(g, x, c):
    """TF's `grad * c * exp(-square(x))` (mul, mul_1), the constant built before, the rest
    under a control dependency on grad (Erf, Erfc)."""
    k = scalar(c, x)
    with _control_dependencies([g]):
        return multiply(multiply(g, k, name="mul"), _exp_neg_sq(x), name="mul")


def _exp_neg_sq(x):
    return exp(negative(square(x)))


# wrapper, op type, kernel, dtypes, d(g, x, y) or rule, docstring
lgamma = unop("lgamma", "Lgamma", _half_libm("lgamma", _lgamma_op_kernel), FLOATS,
              lambda g, x, y: _grad_times(g, lambda: digamma(x)),
              "log|Gamma(x)| (+inf at 0 and the negative integers)")
digamma = unop("digamma", "Digamma", _digamma_op_kernel, FLOATS,
               lambda g, x, y: _grad_times(g, lambda: polygamma(scalar(1, x), x)),
               "Psi, the derivative of lgamma (+inf at the poles, as TF)")
_zeta = binop("zeta", "Zeta", _zeta_kernel, _F32_64, _zeta_grad, "")
_polygamma = binop("polygamma", "Polygamma", _polygamma_kernel, _F32_64, _polygamma_grad, "")
erf = unop("erf", "Erf", _half_libm("erf", _erf_kernel), FLOATS,
           lambda g, x, y: _erf_grad(g, x, 2 / np.sqrt(np.pi)),
           "Gauss error function, accurate to double precision")
erfc = unop("erfc", "Erfc", _half_libm("erfc", _erfc_kernel), FLOATS,
            lambda g, x, y: _erf_grad(g, x, -2 / np.sqrt(np.pi)),
            "Complementary error function 1 - erf(x), accurate in the tails")


def zeta(x: Any, q: Any, name: str | None = None) -> Tensor:
    """Hurwitz zeta function sum_k (q + k)^-x, with broadcasting (op `Zeta`)."""
    return _zeta(x, q, name)


def polygamma(a: Any, x: Any, name: str | None = None) -> Tensor:
    """The a-th derivative of digamma at x, with broadcasting (op `Polygamma`)."""
    return _polygamma(a, x, name)
