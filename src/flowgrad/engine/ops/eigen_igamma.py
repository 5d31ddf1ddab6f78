"""TF 1.14's float32 and float64 Igamma and Igammac, bit for bit.

TF's kernels run Eigen's igamma_impl / igammac_impl (unsupported/Eigen/src/SpecialFunctions,
Cephes' igam/igamc) value by value in the input's precision: the power series when x <= 1
or x <= a, else the continued fraction, each stopped at Cephes' tolerance (cephes_helper:
float's eps / 2 = 2^-24, double's 2^-53, the fraction rescaled past 1 / eps or 2^52), then
scaled by exp(a log(x) - x - lgamma(a or a + 1)) in libm's float or double functions. A
float64 evaluation of float32 values, rounded once, differs in the last bits for about half
the values (more where 1 - P cancels). The loops here run on the whole array at once, each
value leaving when its own test stops it.
"""
import types

import numpy as np

from . import eigen_math as _eigen_math

_F = np.float32


def _kind(dtype, machep, log, exp, lgamma, flush, der_iterations):
    """Eigen's cephes_helper<T> constants and the libm functions of one precision."""
    t = np.dtype(dtype).type
    return types.SimpleNamespace(
        t=t, one=t(1), two=t(2), zero=t(0), machep=t(machep), big=t(1) / t(machep),
        biginv=t(machep), log=log, exp=exp, lgamma=lgamma, flush=flush,
        der_iterations=der_iterations)


# float: machep 2^-24, big its inverse; double: machep 2^-53, big 2^52, biginv 2^-52
_K32 = _kind(np.float32, 2.0 ** -24, _eigen_math.libm_log, _eigen_math.libm_exp,
             _eigen_math.lgammaf, _eigen_math.flush, 200)
_K64 = _kind(np.float64, 2.0 ** -53, _eigen_math.libm_log64, _eigen_math.libm_exp64,
             _eigen_math.libm_lgamma, _eigen_math.flush64, 500)
_K64.big, _K64.biginv = 2.0 ** 52, 2.0 ** -52
_ITERATIONS = 2000                             # igamma_num_iterations<T, VALUE>


def _scale(a, x, lg_arg, k=_K32):
    """exp(a log(x) - x - lgamma(lg_arg)) in libm's float or double functions: the
    series' and fraction's common factor."""
    logax = a * k.log(x) - x - k.lgamma(lg_arg)
    return k.exp(logax)


def _series_loop(a, x, iterations, derivative, k=_K32):
    """igamma_series_impl<float, mode>'s loop: ans = sum_n x^n / ((a+1)...(a+n)) and, with
    `derivative`, dans = d ans / da; stopped when the term (VALUE) or its a-derivative
    (SAMPLE_DERIVATIVE) is at most eps/2 of the sum. Returns (ans, dans or None)."""
    r, c, ans = a.copy(), np.ones_like(a), np.ones_like(a)
    dc, dans = (np.zeros_like(a), np.zeros_like(a)) if derivative else (None, None)
    live = np.arange(a.size)
    for _ in range(iterations):
        if live.size == 0:
            break
        r[live] += k.one
        rl, xl, cl = r[live], x[live], c[live]
        term = xl / rl
        if derivative:
            dcl = term * dc[live] + (-xl / (rl * rl)) * cl
            dc[live] = dcl
            dans[live] += dcl
            stop = np.abs(dcl) <= k.machep * np.abs(dans[live])
        c[live] = cl * term
        ans[live] += c[live]
        if not derivative:
            stop = c[live] <= k.machep * ans[live]
        live = live[~stop]
    return ans, dans


def _series(a, x, k=_K32):
    """igamma_series_impl<T, VALUE>: P(a, x) by the series."""
    ans, _ = _series_loop(a, x, _ITERATIONS, False, k)
    return k.flush(ans * _scale(a, x, a + k.one, k))   # FTZ, as TF's threads


def _fraction_loop(a, x, iterations, derivative, k=_K32):
    """igammac_cf_impl<float, mode>'s loop: Cephes' continued fraction for Q(a, x) and, with
    `derivative`, its a-derivative; stopped when the value moves by at most eps/2 of itself
    (VALUE) or the derivative by at most eps/2 (SAMPLE_DERIVATIVE); values at x = inf are
    left out. Returns (ans, dans or None)."""
    y = k.one - a
    z = x + y + k.one
    c = np.zeros_like(a)
    pkm2, qkm2 = np.ones_like(a), x.copy()
    pkm1, qkm1 = x + k.one, z * x
    ans = pkm1 / qkm1
    dans = None
    if derivative:
        dpkm2, dqkm2, dpkm1, dqkm1 = (np.zeros_like(a), np.zeros_like(a), np.zeros_like(a), -x)
        dans = (dpkm1 - ans * dqkm1) / qkm1
    live = np.flatnonzero(~np.isinf(x))
    for _ in range(iterations):
        if live.size == 0:
            break
        c[live] += k.one
        y[live] += k.one
        z[live] += k.two
        cl, zl = c[live], z[live]
        yc = y[live] * cl
        p1, p2, q1, q2 = pkm1[live], pkm2[live], qkm1[live], qkm2[live]
        pk = p1 * zl - p2 * yc
        qk = q1 * zl - q2 * yc
        nonzero = qk != k.zero
        safe_qk = np.where(nonzero, qk, k.one)
        prev = ans[live]
        new = np.where(nonzero, pk / safe_qk, prev)
        ans[live] = new
        # (rescaled by 1/BIG when pk grows past BIG; times 1 is exact)
        s = np.where(np.abs(pk) > k.big, k.biginv, k.one)
        if derivative:
            dp1, dp2, dq1, dq2 = dpkm1[live], dpkm2[live], dqkm1[live], dqkm2[live]
            dpk = dp1 * zl - p1 - dp2 * yc + p2 * cl
            dqk = dq1 * zl - q1 - dq2 * yc + q2 * cl
            prev_d = dans[live]
            new_d = np.where(nonzero, (dpk - new * dqk) / safe_qk, prev_d)
            dans[live] = new_d
            done = nonzero & (np.abs(new_d - prev_d) <= k.machep)
            dpkm2[live], dpkm1[live], dqkm2[live], dqkm1[live] = (dp1 * s, dpk * s, dq1 * s,
                                                                  dqk * s)
        else:
            done = nonzero & (np.abs(prev - new) <= k.machep * np.abs(new))
        pkm2[live], pkm1[live], qkm2[live], qkm1[live] = p1 * s, pk * s, q1 * s, qk * s
        live = live[~done]
    return ans, dans


def _fraction(a, x, k=_K32):
    """igammac_cf_impl<T, VALUE>: Q(a, x) by the continued fraction (0 at x = inf)."""
    ans, _ = _fraction_loop(a, x, _ITERATIONS, False, k)
    out = k.flush(ans * _scale(a, x, a, k))
    out[np.isinf(x)] = k.zero
    return out


def _split(a, x):
    k = _K64 if np.result_type(a, x) == np.float64 else _K32
    a, x = np.broadcast_arrays(np.asarray(a, k.t), np.asarray(x, k.t))
    shape = a.shape
    a, x = k.flush(a.reshape(-1)), k.flush(x.reshape(-1))   # DAZ
    bad = (x < k.zero) | (a <= k.zero) | np.isnan(a) | np.isnan(x)
    return shape, a, x, bad, k


def _run(fn, a, x, which, k):
    out = np.full(a.shape, np.nan, k.t)
    if which.any():
        out[which] = fn(a[which], x[which], k)
    return out


def igamma(a, x):
    """TF 1.14's float32 Igamma P(a, x): 0 at x = 0, NaN for x < 0, a <= 0 or NaN,
    1 - Q by the fraction where x > 1 and x > a, else the series."""
    shape, a, x, bad, k = _split(a, x)
    with np.errstate(all="ignore"):
        frac = ~bad & (x > k.one) & (x > a)
        out = _run(_series, a, x, ~bad & ~frac, k)
        out[frac] = k.one - _run(_fraction, a, x, frac, k)[frac]
        out[bad] = np.nan
        out[x == k.zero] = k.zero
    return out.reshape(shape)


def igammac(a, x):
    """TF 1.14's float32 Igammac Q(a, x): NaN for x < 0, a <= 0 or NaN, 1 - P by the
    series where x < 1 or x < a, else the fraction."""
    shape, a, x, bad, k = _split(a, x)
    with np.errstate(all="ignore"):
        ser = ~bad & ((x < k.one) | (x < a))
        out = _run(_fraction, a, x, ~bad & ~ser, k)
        out[ser] = k.one - _run(_series, a, x, ser, k)[ser]
        out[bad] = np.nan
    return out.reshape(shape)


# -- RandomGammaGrad: Eigen's gamma_sample_der_alpha (the same loops, SAMPLE_DERIVATIVE) --
def _series_der(a, x, k=_K32):
    """igamma_series_impl<float, SAMPLE_DERIVATIVE>: -(dP/da) / (dP/dx) through the series."""
    ans, dans = _series_loop(a, x, k.der_iterations, True, k)
    dlogax = k.log(x) - _eigen_math.digamma(a + k.one)
    return -(dans + ans * dlogax) * x / a


def _fraction_der(a, x, k=_K32):
    """igammac_cf_impl<float, SAMPLE_DERIVATIVE>: the same through the fraction (0 at
    x = inf)."""
    ans, dans = _fraction_loop(a, x, k.der_iterations, True, k)
    dlogax = k.log(x) - _eigen_math.digamma(a)
    out = -(dans + ans * dlogax) * x
    out[np.isinf(x)] = k.zero
    return out


def gamma_sample_der_alpha(a, x):
    """TF 1.14's float32 RandomGammaGrad(alpha, sample): d sample / d alpha at a fixed
    Gamma CDF value (Eigen's gamma_sample_der_alpha_impl): 0 at x = 0, NaN for x < 0,
    a <= 0 or NaN, minus the fraction's value where x > 1 and x > a, else the series'."""
    shape, a, x, bad, k = _split(a, x)
    with np.errstate(all="ignore"):
        frac = ~bad & (x > k.one) & (x > a)
        out = _run(_series_der, a, x, ~bad & ~frac, k)
        out[frac] = -_run(_fraction_der, a, x, frac, k)[frac]
        out[bad] = np.nan
        out[x == k.zero] = k.zero
    return k.flush(out).reshape(shape)
