"""TF 1.14's float32 Betainc, bit for bit.

TF's kernel runs Eigen's betainc_impl<float> (unsupported/Eigen/src/SpecialFunctions,
Cephes' incbetf) value by value in float32: for a <= 1 the value at a + 1 plus a power
term; else, with a and b swapped when x > a / (a + b), the power series (incbps) where
b > 10 and |b x / a| < 0.3, or one of the two continued fractions (incbeta_cfe), scaled by
expf of logf/log1pf/lgammaf terms. The loops run on the whole array at once, each value
leaving when its own test stops it.
"""
import numpy as np

from . import eigen_math as _eigen_math

_F = np.float32
_ZERO, _ONE, _TWO = _F(0), _F(1), _F(2)
_MACHEP = _F(np.finfo(np.float32).eps / 2)   # cephes_helper<float>
_BIG = _ONE / _MACHEP
_BIGINV = _MACHEP
_CFE_ITERATIONS = 100

_log, _exp, _lgamma = _eigen_math.libm_log, _eigen_math.libm_exp, _eigen_math.lgammaf


def _cfe(a, b, x, small):
    """incbeta_cfe<float>: `small` picks the first expansion, else the second in
    x / (1 - x); returns the last quotient that passed the test, or after 100 rounds the
    last one computed (0 if no qk was nonzero)."""
    x = np.where(small, x, x / (_ONE - x))
    k1, k3, k4 = a.copy(), a.copy(), a + _ONE
    k2 = np.where(small, a + b, b - _ONE)
    k5 = np.ones_like(a)
    k6 = np.where(small, b - _ONE, a + b)
    k7, k8 = a + _ONE, a + _TWO
    upd = np.where(small, _ONE, -_ONE)
    pkm2, qkm2 = np.zeros_like(a), np.ones_like(a)
    pkm1, qkm1, ans = np.ones_like(a), np.ones_like(a), np.ones_like(a)
    live = np.arange(a.size)
    for _ in range(_CFE_ITERATIONS):
        if live.size == 0:
            break
        xl = x[live]
        xk = -(xl * k1[live] * k2[live]) / (k3[live] * k4[live])
        pk = pkm1[live] + pkm2[live] * xk
        qk = qkm1[live] + qkm2[live] * xk
        p2, q2 = pkm1[live], qkm1[live]
        xk = (xl * k5[live] * k6[live]) / (k7[live] * k8[live])
        p1, q1 = pk, qk
        pk = p1 + p2 * xk
        qk = q1 + q2 * xk
        nonzero = qk != _ZERO
        r = pk / np.where(nonzero, qk, _ONE)
        done = nonzero & (np.abs(ans[live] - r) < np.abs(r) * _MACHEP)
        ans[live] = np.where(nonzero, r, ans[live])
        k1[live] += _ONE
        k2[live] += upd[live]
        k3[live] += _TWO
        k4[live] += _TWO
        k5[live] += _ONE
        k6[live] -= upd[live]
        k7[live] += _TWO
        k8[live] += _TWO
        down = (np.abs(qk) + np.abs(pk)) > _BIG
        p2, p1, q2, q1 = [np.where(down, v * _BIGINV, v) for v in (p1, pk, q1, qk)]
        up = (np.abs(qk) < _BIGINV) | (np.abs(pk) < _BIGINV)
        p2, p1, q2, q1 = [np.where(up, v * _BIG, v) for v in (p2, p1, q2, q1)]
        pkm2[live], pkm1[live], qkm2[live], qkm1[live] = p2, p1, q2, q1
        live = live[~done]
    return ans


def _incbps(a, b, x):
    """betainc_helper<float>::incbps: the power series for small b x / a."""
    y = a * _log(x) + (b - _ONE) * _eigen_math.log1p(-x) - _log(a)
    y -= _lgamma(a) + _lgamma(b)
    y += _lgamma(a + b)
    t = x / (_ONE - x)
    s, u = np.zeros_like(a), np.ones_like(a)
    a, b = a.copy(), b.copy()
    live = np.arange(a.size)
    while live.size:
        b[live] -= _ONE
        live = live[b[live] != _ZERO]
        a[live] += _ONE
        u[live] *= t[live] * b[live] / a[live]
        s[live] += u[live]
        live = live[np.abs(u[live]) > _MACHEP]
    return _exp(y) * (_ONE + s)


def _incbsa(aa, bb, xx):
    """betainc_helper<float>::incbsa: the swap, then incbps or a continued fraction."""
    onemx = _ONE - xx
    rev = xx > aa / (aa + bb)
    a, b = np.where(rev, bb, aa), np.where(rev, aa, bb)
    t, x = np.where(rev, xx, onemx), np.where(rev, onemx, xx)
    out = np.empty_like(a)
    ps = (b > _F(10)) & (np.abs(b * x / a) < _F(0.3))
    if ps.any():
        out[ps] = _incbps(a[ps], b[ps], x[ps])
    cf = ~ps
    if cf.any():
        a, b, t, x = a[cf], b[cf], t[cf], x[cf]
        small = x * (a + b - _TWO) / (a - _ONE) < _ONE
        ans = _cfe(a, b, x, small)
        t = np.where(small, b, b - _ONE) * _log(t)
        t += a * _log(x) + _lgamma(a + b) - _lgamma(a) - _lgamma(b)
        t += _log(ans / a)
        out[cf] = _exp(t)
    return np.where(rev, _ONE - out, out)


def betainc(a, b, x):
    """TF 1.14's float32 Betainc I_x(a, b): NaN for a <= 0, b <= 0 or x outside [0, 1],
    0 at x = 0, 1 at x = 1 (inputs read with DAZ, results flushed)."""
    a, b, x = np.broadcast_arrays(*(np.asarray(v, _F) for v in (a, b, x)))
    shape = a.shape
    a, b, x = (_eigen_math.flush(v.reshape(-1)) for v in (a, b, x))
    out = np.full(a.shape, np.nan, _F)
    with np.errstate(all="ignore"):
        ok = ~(a <= _ZERO) & ~(b <= _ZERO)
        edge = (x <= _ZERO) | (x >= _ONE)
        out[ok & edge & (x == _ZERO)] = _ZERO
        out[ok & edge & (x == _ONE)] = _ONE
        inner = ok & ~edge
        low = inner & (a <= _ONE)
        if low.any():
            al, bl, xl = a[low], b[low], x[low]
            t = (al * _log(xl) + bl * _eigen_math.log1p(-xl) + _lgamma(al + bl)
                 - _lgamma(al + _ONE) - _lgamma(bl))
            out[low] = _incbsa(al + _ONE, bl, xl) + _exp(t)
        high = inner & ~(a <= _ONE)
        if high.any():
            out[high] = _incbsa(a[high], b[high], x[high])
    return _eigen_math.flush(out).reshape(shape)
