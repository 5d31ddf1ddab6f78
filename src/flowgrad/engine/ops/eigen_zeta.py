"""TF 1.14's Zeta and Polygamma (float32 and float64), bit for bit.

TF's kernels run Eigen's zeta_impl / polygamma_impl (unsupported/Eigen/src/SpecialFunctions,
Cephes' zeta) value by value in the input's precision: direct terms (q + k)^-x (libm's
powf / pow), then the Euler-Maclaurin tail with Cephes' 12 coefficients, each loop stopped
at the tolerance (eps / 2), denormals flushed at every step; polygamma(n, x) =
(-1)^(n+1) expf(lgammaf(n + 1)) zeta(n + 1, x), and digamma at n = 0. Digamma's gradient
(polygamma(1, x)) goes through these, so the entropy and KL gradients of Gamma, Beta and
Dirichlet do. The loops run on the whole array at once.
"""
import numpy as np

from . import eigen_math as _eigen_math

_F = np.float32
# Eigen's zeta_impl (Cephes' zeta.c): the Euler-Maclaurin coefficients (2j)! / B_2j
_ZETA_A = (12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9,
           7.47242496e10, -2.950130727918164224e12, 1.1646782814350067249e14,
           -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18)


def _ftz(a):
    """a with denormals as zeros of their sign (TF's threads flush float and double)."""
    return np.where(np.abs(a) < np.finfo(a.dtype).tiny, np.copysign(0, a).astype(a.dtype), a)


def zeta(x, q):
    """TF 1.14's Zeta: Eigen's zeta_impl step by step in the input's precision (libm's powf
    / pow, denormals flushed): s = q^-x plus terms (a + 1)^-x (float32: 9 at most; float64:
    at least 9 and until a > 9), stopping once a term is below machep of the sum, then the
    Euler-Maclaurin tail with w = a, whose running factor a (x + k) overflows float32 for
    large x (then inf * 0: NaN, as TF)."""
    ft = np.result_type(x, q).type
    double = ft is np.float64
    fl = _ftz
    power = _eigen_math.libm_pow64 if double else _eigen_math.powf
    x, q = (fl(v) for v in np.broadcast_arrays(np.asarray(x, ft), np.asarray(q, ft)))
    machep = ft(np.finfo(ft).eps / 2)
    live = np.ones(x.shape, bool)
    with np.errstate(all="ignore"):
        s = fl(power(q, -x))
        a, b, out = q.copy(), np.zeros_like(x), np.empty_like(x)

        def finish(done):
            nonlocal live
            done &= live
            out[done] = s[done]
            live = live & ~done

        n = 0
        go = live.copy()
        while go.any():
            a[go] += ft(1)
            b[go] = fl(power(a[go], -x[go]))
            s[go] = fl(s[go] + b[go])
            finish(go & (np.abs(fl(b / s)) < machep))
            n += 1
            go = live & ((n < 9) | (a <= 9)) if double else live & (n < 9)
        w = a
        s = fl(s + fl(fl(b * w) / (x - ft(1))))
        s = fl(s - fl(ft(0.5) * b))
        a, k = np.ones_like(x), np.zeros_like(x)
        for coef in _ZETA_A:
            a = fl(a * (x + k))
            b = fl(b / w)
            t = fl(fl(a * b) / ft(coef))
            s = fl(s + t)
            finish(np.abs(fl(t / s)) < machep)
            k = k + ft(1)
            a = fl(a * (x + k))
            b = fl(b / w)
            k = k + ft(1)
        finish(np.ones(x.shape, bool))
        pole = (q <= 0) & (q == np.floor(q))
        out[(q <= 0) & ~pole & (x != np.floor(x))] = np.nan
        out[pole] = np.inf
        out[x < 1] = np.nan
        out[x == 1] = np.inf
    return out


def polygamma(n, x):
    """TF 1.14's float32 or float64 Polygamma(n, x): NaN for a non-integer n, digamma at
    n = 0, else pow(-1, n + 1) exp(lgamma(n + 1)) zeta(n + 1, x) (Eigen's polygamma_impl
    over libm's float or double functions)."""
    ft = np.float64 if np.result_type(n, x) == np.float64 else _F
    if ft is np.float64:
        flush, exp, lgamma, power = (_eigen_math.flush64, _eigen_math.libm_exp64,
                                     _eigen_math.libm_lgamma, _eigen_math.libm_pow64)
    else:
        flush, exp, lgamma, power = (_eigen_math.flush, _eigen_math.libm_exp,
                                     _eigen_math.lgammaf, _eigen_math.powf)
    n, x = np.broadcast_arrays(np.asarray(n, ft), np.asarray(x, ft))
    shape = n.shape
    n, x = flush(n.reshape(-1)), flush(x.reshape(-1))
    out = np.full(n.shape, np.nan, ft)
    with np.errstate(all="ignore"):
        whole = ~(np.floor(n) != n)
        dig = whole & (n == 0)
        if dig.any():
            out[dig] = _eigen_math.digamma(x[dig])
        rest = whole & ~dig
        if rest.any():
            nplus = n[rest] + ft(1)
            fact = exp(lgamma(nplus))
            sign = power(np.full_like(nplus, -1), nplus)
            out[rest] = sign * fact * zeta(nplus, x[rest])
    return flush(out).reshape(shape)
