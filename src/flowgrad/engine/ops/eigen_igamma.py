"""TF 1.14's float32 Igamma and Igammac, bit for bit.

TF's kernels run Eigen's igamma_impl / igammac_impl (unsupported/Eigen/src/SpecialFunctions,
Cephes' igam/igamc) value by value in float32: the power series when x <= 1 or x <= a,
else the continued fraction, each stopped at Cephes' float tolerance (eps / 2), then scaled
by expf(a logf(x) - x - lgammaf(a or a + 1)). A float64 evaluation rounded once differs in
the last bits for about half the values (more where 1 - P cancels). The loops here run on
the whole array at once, each value leaving when its own test stops it.
"""
import numpy as np

from . import eigen_math as _eigen_math

_F = np.float32
_ONE, _TWO, _ZERO = _F(1), _F(2), _F(0)
_MACHEP = _F(np.finfo(np.float32).eps / 2)   # cephes_helper<float>::machep
_BIG = _ONE / _MACHEP
_BIGINV = _MACHEP
_ITERATIONS = 2000                             # igamma_num_iterations<float, VALUE>


def _scale(a, x, lg_arg):
    """expf(a logf(x) - x - lgammaf(lg_arg)): the series' and fraction's common factor."""
    logax = a * _eigen_math.libm_log(x) - x - _eigen_math.lgammaf(lg_arg)
    return _eigen_math.libm_exp(logax)


def _series_loop(a, x, iterations, derivative):
    """igamma_series_impl<float, mode>'s loop: ans = sum_n x^n / ((a+1)...(a+n)) and, with
    `derivative`, dans = d ans / da; stopped when the term (VALUE) or its a-derivative
    (SAMPLE_DERIVATIVE) is at most eps/2 of the sum. Returns (ans, dans or None)."""
    r, c, ans = a.copy(), np.ones_like(a), np.ones_like(a)
    dc, dans = (np.zeros_like(a), np.zeros_like(a)) if derivative else (None, None)
    live = np.arange(a.size)
    for _ in range(iterations):
        if live.size == 0:
            break
        r[live] += _ONE
        rl, xl, cl = r[live], x[live], c[live]
        term = xl / rl
        if derivative:
            dcl = term * dc[live] + (-xl / (rl * rl)) * cl
            dc[live] = dcl
            dans[live] += dcl
            stop = np.abs(dcl) <= _MACHEP * np.abs(dans[live])
        c[live] = cl * term
        ans[live] += c[live]
        if not derivative:
            stop = c[live] <= _MACHEP * ans[live]
        live = live[~stop]
    return ans, dans


def _series(a, x):
    """igamma_series_impl<float, VALUE>: P(a, x) by the series."""
    ans, _ = _series_loop(a, x, _ITERATIONS, False)
    return _eigen_math.flush(ans * _scale(a, x, a + _ONE))   # FTZ, as TF's threads


def _fraction_loop(a, x, iterations, derivative):
    """igammac_cf_impl<float, mode>'s loop: Cephes' continued fraction for Q(a, x) and, with
    `derivative`, its a-derivative; stopped when the value moves by at most eps/2 of itself
    (VALUE) or the derivative by at most eps/2 (SAMPLE_DERIVATIVE); values at x = inf are
    left out. Returns (ans, dans or None)."""
    y = _ONE - a
    z = x + y + _ONE
    c = np.zeros_like(a)
    pkm2, qkm2 = np.ones_like(a), x.copy()
    pkm1, qkm1 = x + _ONE, z * x
    ans = pkm1 / qkm1
    dans = None
    if derivative:
        dpkm2, dqkm2, dpkm1, dqkm1 = (np.zeros_like(a), np.zeros_like(a), np.zeros_like(a), -x)
        dans = (dpkm1 - ans * dqkm1) / qkm1
    live = np.flatnonzero(~np.isinf(x))
    for _ in range(iterations):
        if live.size == 0:
            break
        c[live] += _ONE
        y[live] += _ONE
        z[live] += _TWO
        cl, zl = c[live], z[live]
        yc = y[live] * cl
        p1, p2, q1, q2 = pkm1[live], pkm2[live], qkm1[live], qkm2[live]
        pk = p1 * zl - p2 * yc
        qk = q1 * zl - q2 * yc
        nonzero = qk != _ZERO
        safe_qk = np.where(nonzero, qk, _ONE)
        prev = ans[live]
        new = np.where(nonzero, pk / safe_qk, prev)
        ans[live] = new
        # (rescaled by 1/BIG when pk grows past BIG; times 1 is exact)
        s = np.where(np.abs(pk) > _BIG, _BIGINV, _ONE)
        if derivative:
            dp1, dp2, dq1, dq2 = dpkm1[live], dpkm2[live], dqkm1[live], dqkm2[live]
            dpk = dp1 * zl - p1 - dp2 * yc + p2 * cl
            dqk = dq1 * zl - q1 - dq2 * yc + q2 * cl
            prev_d = dans[live]
            new_d = np.where(nonzero, (dpk - new * dqk) / safe_qk, prev_d)
            dans[live] = new_d
            done = nonzero & (np.abs(new_d - prev_d) <= _MACHEP)
            dpkm2[live], dpkm1[live], dqkm2[live], dqkm1[live] = (dp1 * s, dpk * s, dq1 * s,
                                                                  dqk * s)
        else:
            done = nonzero & (np.abs(prev - new) <= _MACHEP * np.abs(new))
        pkm2[live], pkm1[live], qkm2[live], qkm1[live] = p1 * s, pk * s, q1 * s, qk * s
        live = live[~done]
    return ans, dans


def _fraction(a, x):
    """igammac_cf_impl<float, VALUE>: Q(a, x) by the continued fraction (0 at x = inf)."""
    ans, _ = _fraction_loop(a, x, _ITERATIONS, False)
    out = _eigen_math.flush(ans * _scale(a, x, a))
    out[np.isinf(x)] = _ZERO
    return out


def _split(a, x):
    a, x = np.broadcast_arrays(np.asarray(a, _F), np.asarray(x, _F))
    shape = a.shape
    a, x = _eigen_math.flush(a.reshape(-1)), _eigen_math.flush(x.reshape(-1))   # DAZ
    bad = (x < _ZERO) | (a <= _ZERO) | np.isnan(a) | np.isnan(x)
    return shape, a, x, bad


def _run(fn, a, x, which):
    out = np.full(a.shape, np.nan, _F)
    if which.any():
        out[which] = fn(a[which], x[which])
    return out


def igamma(a, x):
    """TF 1.14's float32 Igamma P(a, x): 0 at x = 0, NaN for x < 0, a <= 0 or NaN,
    1 - Q by the fraction where x > 1 and x > a, else the series."""
    shape, a, x, bad = _split(a, x)
    with np.errstate(all="ignore"):
        frac = ~bad & (x > _ONE) & (x > a)
        out = _run(_series, a, x, ~bad & ~frac)
        out[frac] = _ONE - _run(_fraction, a, x, frac)[frac]
        out[bad] = np.nan
        out[x == _ZERO] = _ZERO
    return out.reshape(shape)


def igammac(a, x):
    """TF 1.14's float32 Igammac Q(a, x): NaN for x < 0, a <= 0 or NaN, 1 - P by the
    series where x < 1 or x < a, else the fraction."""
    shape, a, x, bad = _split(a, x)
    with np.errstate(all="ignore"):
        ser = ~bad & ((x < _ONE) | (x < a))
        out = _run(_fraction, a, x, ~bad & ~ser)
        out[ser] = _ONE - _run(_series, a, x, ser)[ser]
        out[bad] = np.nan
    return out.reshape(shape)


# -- RandomGammaGrad: Eigen's gamma_sample_der_alpha (the same loops, SAMPLE_DERIVATIVE) --
_DER_ITERATIONS = 200                           # igamma_num_iterations<float, SAMPLE_...>


def _series_der(a, x):
    """igamma_series_impl<float, SAMPLE_DERIVATIVE>: -(dP/da) / (dP/dx) through the series."""
    ans, dans = _series_loop(a, x, _DER_ITERATIONS, True)
    dlogax = _eigen_math.libm_log(x) - _eigen_math.digamma(a + _ONE)
    return -(dans + ans * dlogax) * x / a


def _fraction_der(a, x):
    """igammac_cf_impl<float, SAMPLE_DERIVATIVE>: the same through the fraction (0 at
    x = inf)."""
    ans, dans = _fraction_loop(a, x, _DER_ITERATIONS, True)
    dlogax = _eigen_math.libm_log(x) - _eigen_math.digamma(a)
    out = -(dans + ans * dlogax) * x
    out[np.isinf(x)] = _ZERO
    return out


def gamma_sample_der_alpha(a, x):
    """TF 1.14's float32 RandomGammaGrad(alpha, sample): d sample / d alpha at a fixed
    Gamma CDF value (Eigen's gamma_sample_der_alpha_impl): 0 at x = 0, NaN for x < 0,
    a <= 0 or NaN, minus the fraction's value where x > 1 and x > a, else the series'."""
    shape, a, x, bad = _split(a, x)
    with np.errstate(all="ignore"):
        frac = ~bad & (x > _ONE) & (x > a)
        out = _run(_series_der, a, x, ~bad & ~frac)
        out[frac] = -_run(_fraction_der, a, x, frac)[frac]
        out[bad] = np.nan
        out[x == _ZERO] = _ZERO
    return _eigen_math.flush(out).reshape(shape)
