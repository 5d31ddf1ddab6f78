"""Incomplete gamma and beta functions and exponentially scaled Bessel functions:
Igamma, Igammac, IgammaGradA, Betainc, BesselI0e, BesselI1e, with TF 1.14's gradients
(math_grad.py). Kernels are vectorized NumPy in float64 (series and Lentz continued
fractions as Numerical Recipes / Cephes), accurate to ~1e-14 relative where the value
is not itself tiny; the Bessel functions as Eigen's Cephes Chebyshev series in the input's
precision; float32 Igamma/Igammac/Betainc are TF's float32 algorithms (eigen_igamma,
eigen_betainc), float32 IgammaGradA Eigen's float32 series and continued fractions (TF's
bits). TF's NaN domain: a <= 0, b <= 0, x < 0 (and x > 1 for betainc).
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


# -- float32 Igamma / Igammac as TF 1.14 computes them: Eigen's igamma_series_impl and
# igammac_cf_impl (VALUE mode) step by step in float32, each element leaving its loop when
# Eigen's test stops it (at most 2000 steps), then x^a e^-x / Gamma(.) from libm's logf,
# lgammaf and expf; denormals flushed (TF's threads run with FTZ/DAZ).
_MACHEP32 = np.float32(np.finfo(np.float32).eps / 2)
_BIG32 = np.float32(1 / _MACHEP32)


def _run_while(state, step, live, steps=2000):
    """Applies `step(state, idx) -> done` to the live elements until each is done (at most
    `steps`: Eigen's igamma_num_iterations, 2000 for values, 200 for float32 derivatives)."""
    idx = np.flatnonzero(live)
    for _ in range(steps):
        if not idx.size:
            break
        idx = idx[~step(state, idx)]


def _prefix_der_f32(a, x, ga):
    """(ax, dax/da) in float32: ax = expf(a logf(x) - x - lgammaf(ga)), dax/da = ax (logf(x)
    - digamma(ga)), as Eigen's DERIVATIVE mode forms them."""
    em = _eigen_math
    lx = em.libm_log(x)
    ax = em.libm_exp(a * lx - x - em.lgammaf(ga))
    return ax, em.flush(ax * (lx - em.digamma(ga)))


def _series_der_f32(a, x):
    """d P / da by Eigen's igamma_series_impl<float, DERIVATIVE> (200 steps at most)."""
    f, fl = np.float32, _eigen_math.flush
    st = {"r": a.copy(), "c": np.ones_like(a), "ans": np.ones_like(a),
          "dc": np.zeros_like(a), "dans": np.zeros_like(a)}

    def step(s, i):
        s["r"][i] += f(1)
        r, xi = s["r"][i], x[i]
        term, dterm = xi / r, -xi / (r * r)
        s["dc"][i] = fl(term * s["dc"][i] + fl(dterm * s["c"][i]))
        s["dans"][i] += s["dc"][i]
        s["c"][i] = fl(s["c"][i] * term)
        s["ans"][i] += s["c"][i]
        return np.abs(s["dc"][i]) <= _MACHEP32 * np.abs(s["dans"][i])
    _run_while(st, step, np.ones(a.shape, bool), 200)
    ax, dax = _prefix_der_f32(a, x, a + f(1))
    return fl(fl(st["ans"] * dax) + fl(st["dans"] * ax))


def _cf_der_f32(a, x):
    """d Q / da by Eigen's igammac_cf_impl<float, DERIVATIVE> (200 steps at most; 0 at
    x = inf)."""
    f, fl = np.float32, _eigen_math.flush
    y = f(1) - a
    z = x + y + f(1)
    st = {"c": np.zeros_like(a), "y": y, "z": z, "pkm2": np.ones_like(a), "qkm2": x.copy(),
          "pkm1": x + f(1), "qkm1": z * x, "dpkm2": np.zeros_like(a),
          "dqkm2": np.zeros_like(a), "dpkm1": np.zeros_like(a), "dqkm1": -x}
    st["ans"] = st["pkm1"] / st["qkm1"]
    st["dans"] = (st["dpkm1"] - st["ans"] * st["dqkm1"]) / st["qkm1"]
    keys = ("pkm2", "pkm1", "qkm2", "qkm1", "dpkm2", "dpkm1", "dqkm2", "dqkm1")

    def step(s, i):
        s["c"][i] += f(1)
        s["y"][i] += f(1)
        s["z"][i] += f(2)
        c, zz = s["c"][i], s["z"][i]
        yc = s["y"][i] * c
        pkm2, pkm1, qkm2, qkm1 = (s[k][i] for k in keys[:4])
        pk = pkm1 * zz - pkm2 * yc
        qk = qkm1 * zz - qkm2 * yc
        dpk = s["dpkm1"][i] * zz - pkm1 - s["dpkm2"][i] * yc + pkm2 * c
        dqk = s["dqkm1"][i] * zz - qkm1 - s["dqkm2"][i] * yc + qkm2 * c
        done = np.zeros(i.shape, bool)
        nz = qk != 0
        j = i[nz]
        s["ans"][j] = pk[nz] / qk[nz]
        prev = s["dans"][j]
        s["dans"][j] = (dpk[nz] - s["ans"][j] * dqk[nz]) / qk[nz]
        done[nz] = np.abs(s["dans"][j] - prev) <= _MACHEP32
        go, keep = i[~done], ~done
        s["pkm2"][go], s["pkm1"][go] = s["pkm1"][go], pk[keep]
        s["qkm2"][go], s["qkm1"][go] = s["qkm1"][go], qk[keep]
        s["dpkm2"][go], s["dpkm1"][go] = s["dpkm1"][go], dpk[keep]
        s["dqkm2"][go], s["dqkm1"][go] = s["dqkm1"][go], dqk[keep]
        big = go[np.abs(pk[keep]) > _BIG32]
        for k in keys:
            s[k][big] *= _MACHEP32
        return done
    _run_while(st, step, ~np.isinf(x), 200)
    ax, dax = _prefix_der_f32(a, x, a)
    out = fl(fl(st["ans"] * dax) + fl(st["dans"] * ax))
    out[np.isinf(x)] = 0
    return out


def _igamma_grad_a_f32(a, x):
    """TF 1.14's float32 IgammaGradA: Eigen's igamma_generic_impl<float, DERIVATIVE>."""
    f = np.float32
    a, x = (_eigen_math.flush(v) for v in np.broadcast_arrays(np.asarray(a, f), np.asarray(x, f)))
    a, x = a.copy(), x.copy()
    out = np.full(a.shape, np.nan, f)
    ok = (x >= 0) & (a > 0)
    by_cf = ok & (x > 1) & (x > a)
    by_series = ok & ~by_cf & (x != 0)
    with np.errstate(all="ignore"):
        if by_cf.any():
            out[by_cf] = -_cf_der_f32(a[by_cf], x[by_cf])
        if by_series.any():
            out[by_series] = _series_der_f32(a[by_series], x[by_series])
    out[x == 0] = 0
    return out


def _exact(a, x):
    """float32 or float64 and at most EXACT_MAX values: eigen_igamma's loops in that
    precision with libm's functions (Eigen's igamma_impl<T>) give TF's bits."""
    return (np.result_type(a, x) in (np.float32, np.float64)
            and np.broadcast(a, x).size <= _eigen_math.EXACT_MAX)


def _igamma_kernel(a, x):
    if _exact(a, x):
        return _eigen_igamma.igamma(a, x)
    with np.errstate(all="ignore"):
        return _igamma_parts(a, x)[0].astype(np.result_type(a, x), copy=False)


def _igammac_kernel(a, x):
    if _exact(a, x):
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


# -- float32 Betainc as TF 1.14 computes it: Eigen's betainc_impl<float> (Cephes' incbetf)
# value by value in float32 scalars, with libm's logf, log1pf, lgammaf and expf.
_F = np.float32


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
# Eigen's i0e_impl / i1e_impl (TF 1.14's BesselI0e / BesselI1e kernels, scalar path on the CPU):
# Cephes' Chebyshev series on |x| <= 8 (in y = |x|/2 - 2) and on |x| > 8 (in 32/|x| - 2, divided
# by sqrt(|x|)), evaluated in the input's own precision: float32 with Cephes' float tables
# (i0ef.c, i1ef.c), float64 with the double ones (i0e.c, i1e.c). Coefficients: zero order last.
_I0E_A64 = (
    -4.41534164647933937950E-18, 3.33079451882223809783E-17, -2.43127984654795469359E-16,
    1.71539128555513303061E-15, -1.16853328779934516808E-14, 7.67618549860493561688E-14,
    -4.85644678311192946090E-13, 2.95505266312963983461E-12, -1.72682629144155570723E-11,
    9.67580903537323691224E-11, -5.18979560163526290666E-10, 2.65982372468238665035E-9,
    -1.30002500998624804212E-8, 6.04699502254191894932E-8, -2.67079385394061173391E-7,
    1.11738753912010371815E-6, -4.41673835845875056359E-6, 1.64484480707288970893E-5,
    -5.75419501008210370398E-5, 1.88502885095841655729E-4, -5.76375574538582365885E-4,
    1.63947561694133579842E-3, -4.32430999505057594430E-3, 1.05464603945949983183E-2,
    -2.37374148058994688156E-2, 4.93052842396707084878E-2, -9.49010970480476444210E-2,
    1.71620901522208775349E-1, -3.04682672343198398683E-1, 6.76795274409476084995E-1)
_I0E_B64 = (
    -7.23318048787475395456E-18, -4.83050448594418207126E-18, 4.46562142029675999901E-17,
    3.46122286769746109310E-17, -2.82762398051658348494E-16, -3.42548561967721913462E-16,
    1.77256013305652638360E-15, 3.81168066935262242075E-15, -9.55484669882830764870E-15,
    -4.15056934728722208663E-14, 1.54008621752140982691E-14, 3.85277838274214270114E-13,
    7.18012445138366623367E-13, -1.79417853150680611778E-12, -1.32158118404477131188E-11,
    -3.14991652796324136454E-11, 1.18891471078464383424E-11, 4.94060238822496958910E-10,
    3.39623202570838634515E-9, 2.26666899049817806459E-8, 2.04891858946906374183E-7,
    2.89137052083475648297E-6, 6.88975834691682398426E-5, 3.36911647825569408990E-3,
    8.04490411014108831608E-1)
_I1E_A64 = (
    2.77791411276104639959E-18, -2.11142121435816608115E-17, 1.55363195773620046921E-16,
    -1.10559694773538630805E-15, 7.60068429473540693410E-15, -5.04218550472791168711E-14,
    3.22379336594557470981E-13, -1.98397439776494371520E-12, 1.17361862988909016308E-11,
    -6.66348972350202774223E-11, 3.62559028155211703701E-10, -1.88724975172282928790E-9,
    9.38153738649577178388E-9, -4.44505912879632808065E-8, 2.00329475355213526229E-7,
    -8.56872026469545474066E-7, 3.47025130813767847674E-6, -1.32731636560394358279E-5,
    4.78156510755005422638E-5, -1.61760815825896745588E-4, 5.12285956168575772895E-4,
    -1.51357245063125314899E-3, 4.15642294431288815669E-3, -1.05640848946261981558E-2,
    2.47264490306265168283E-2, -5.29459812080949914269E-2, 1.02643658689847095384E-1,
    -1.76416518357834055153E-1, 2.52587186443633654823E-1)
_I1E_B64 = (
    7.51729631084210481353E-18, 4.41434832307170791151E-18, -4.65030536848935832153E-17,
    -3.20952592199342395980E-17, 2.96262899764595013876E-16, 3.30820231092092828324E-16,
    -1.88035477551078244854E-15, -3.81440307243700780478E-15, 1.04202769841288027642E-14,
    4.27244001671195135429E-14, -2.10154184277266431302E-14, -4.08355111109219731823E-13,
    -7.19855177624590851209E-13, 2.03562854414708950722E-12, 1.41258074366137813316E-11,
    3.25260358301548823856E-11, -1.89749581235054123450E-11, -5.58974346219658380687E-10,
    -3.83538038596423702205E-9, -2.63146884688951950684E-8, -2.51223623787020892529E-7,
    -3.88256480887769039346E-6, -1.10588938762623716291E-4, -9.76109749136146840777E-3,
    7.78576235018280120474E-1)
# Cephes' float tables (i0ef.c, i1ef.c) are the double tables' last 18 / 7 and 17 / 7 terms.
_BESSEL_TABLES = {
    (0, np.float64): (_I0E_A64, _I0E_B64),
    (1, np.float64): (_I1E_A64, _I1E_B64),
    (0, np.float32): (_I0E_A64[-18:], _I0E_B64[-7:]),
    (1, np.float32): (_I1E_A64[-17:], _I1E_B64[-7:]),
}


def _chbevl(x, coef):
    """Cephes' chbevl in x's precision: b0 = x b1 - b2 + c_i over the table, 0.5 (b0 - b2)."""
    ft = x.dtype.type
    b0, b1, b2 = np.full_like(x, coef[0]), np.zeros_like(x), np.zeros_like(x)
    for c in coef[1:]:
        b2 = b1
        b1 = b0
        b0 = x * b1 - b2 + ft(c)
    return ft(0.5) * (b0 - b2)


def _flush_denormals(a):
    """a with denormals replaced by zeros of their sign (TF's threads run with FTZ/DAZ)."""
    return np.where(np.abs(a) < np.finfo(a.dtype).tiny, np.copysign(0, a).astype(a.dtype), a)


def _bessel_kernel(order):
    def kernel(x):
        x = np.asarray(x)
        if x.dtype == np.float16:   # Eigen's half i0e / i1e: the float32 one, rounded
            return kernel(x.astype(np.float32)).astype(np.float16)
        x = _flush_denormals(x)                           # DAZ: a denormal input reads as 0
        ft = x.dtype.type
        a_tab, b_tab = _BESSEL_TABLES[order, ft]
        z = np.abs(x)
        out = np.empty_like(x)
        small = z <= 8                                    # NaN takes the large branch
        zs, zb = z[small], z[~small]
        out[small] = _chbevl(ft(0.5) * zs - ft(2), a_tab)
        if order == 1:
            out[small] *= zs
            out = _flush_denormals(out)                   # FTZ on i1e's product with |x|
        with np.errstate(divide="ignore", invalid="ignore"):
            out[~small] = _chbevl(ft(32) / zb - ft(2), b_tab) / np.sqrt(zb)
        return np.where(x < 0, -out, out) if order == 1 else out
    return kernel


# -- gradients (TF 1.14's math_grad.py) ----------------------------------------------------
def _igamma_grad(op, grad):
    """dP/da = IgammaGradA(a, x); dP/dx = exp(-x + (a - 1) log x - lgamma(a))."""
    a, x = op._inputs
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
    a, b, x = op._inputs
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
    if np.result_type(a, x) == np.float32 and np.size(a) + np.size(x) <= _eigen_math.EXACT_MAX:
        return _igamma_grad_a_f32(a, x)
    with np.errstate(all="ignore"):
        return _igamma_grad_a_kernel(a, x)


# TF 1.14 registers no gradient for IgammaGradA: a second derivative in `a` raises LookupError
_igamma_grad_a = binop("igamma_grad_a", "IgammaGradA", _igamma_grad_a_quiet, _F32_64,
                       no_gradient_registered, "", arg_names=["a", "x"])
# TF 1.14 registers CPU kernels for half, float and double (its op also lists bfloat16)
_BESSEL_TYPES = (_dt.float16, _dt.float32, _dt.float64)
bessel_i0e = unop("bessel_i0e", "BesselI0e", _bessel_kernel(0), _BESSEL_TYPES, _bessel_i0e_grad,
                  "I0(x) e^-|x|, the exponentially scaled modified Bessel function of order 0")
bessel_i1e = unop("bessel_i1e", "BesselI1e", _bessel_kernel(1), _BESSEL_TYPES, _bessel_i1e_grad,
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
