"""TF 1.14's float32 Exp, Sigmoid and Tanh (and Log, Sin, Cos, Log1p...), bit for bit.

TF 1.14's CPU kernels evaluate these through Eigen's packet functions (the
Eigen bundled with the 1.14 wheel: arch/Default/GenericPacketMathFunctions.h
``pexp_float``, MathFunctionsImpl.h ``generic_fast_tanh_float``, and
functors/UnaryFunctors.h ``scalar_logistic_op<float>``), not through a
correctly rounded libm. The pip wheel is built for AVX without FMA, so every
multiply-add is a float32 multiply followed by a float32 add, each rounded;
and TF's threads run with denormals flushed to zero (FTZ/DAZ).

Eigen evaluates a tensor expression in packets of 8 floats; the last
``size % 8`` elements go through the functor's scalar path instead: for Exp
and Sigmoid that is libm's ``expf``, for Tanh the same rational function.
The emulation here does the same, so results match for every size.

float64 (the end of this module): Exp and Sigmoid are Eigen's pexp<Packet4d> on packets
of 4 and libm's exp on the tail (exp64, sigmoid64); Tanh, Log, Log1p and Softplus call
glibc's double functions value by value.

The softmax and cross-entropy kernels use exp_summed_along_rows, exp_with_broadcast
and libm_exp/libm_log: where TF evaluates exp or log inside a row sum, in a broadcasting
expression evaluated in tiles, or through the scalar function.
"""
import base64
import ctypes
import ctypes.util
import math
import os
import sys
import zlib

import numpy as np

from ..framework import fpenv
from . import eigen_sum as _eigen_sum
from .host_cpu import eigen_caches, host_cpu
from .complex_arith import (_complex_mul, _fz, _lanes, _packet_div, _split_apply,  # noqa: F401
                            _split_div, complex_div, complex_mul_scalar, complex_realdiv)

_F = np.float32
_PACKET = 8
_CHUNK = 1 << 14   # a multiple of _PACKET
# The Exp and Log ops (and the softmax kernels) give TF's bits up to this many values, where
# the emulation's cost stays bounded (~40-100 us); above, NumPy's kernels (an ulp or two off
# for a third of the values: docs/performance.md, "Exp, Log and the softmax kernels")
EXACT_MAX = 1 << 14
_TINY = _F(np.finfo(np.float32).tiny)   # smallest normal float32

try:
    _LIBM = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
    _expf, _logf, _powf = _LIBM.expf, _LIBM.logf, _LIBM.powf
    _log1pf, _erff, _erfcf = _LIBM.log1pf, _LIBM.erff, _LIBM.erfcf
    _sinf, _cosf = _LIBM.sinf, _LIBM.cosf
    _tanf, _atanf, _expm1f, _lgammaf = _LIBM.tanf, _LIBM.atanf, _LIBM.expm1f, _LIBM.lgammaf
    _sinhf, _coshf, _asinhf = _LIBM.sinhf, _LIBM.coshf, _LIBM.asinhf
    _asinf, _acosf, _acoshf, _atanhf = _LIBM.asinf, _LIBM.acosf, _LIBM.acoshf, _LIBM.atanhf
    for _fn in (_expf, _logf, _powf, _log1pf, _erff, _erfcf, _sinf, _cosf, _tanf, _atanf,
                _expm1f, _lgammaf, _sinhf, _coshf, _asinhf, _asinf, _acosf, _acoshf, _atanhf):
        _fn.restype = ctypes.c_float
        _fn.argtypes = [ctypes.c_float] * (2 if _fn is _powf else 1)
except (OSError, AttributeError):   # no C libm: the float64 function rounded once
    def _expf(v):
        return float(np.float32(np.exp(np.float64(v))))

    def _logf(v):
        return float(np.float32(np.log(np.float64(v))))

    def _powf(v, e):
        return float(np.float32(np.power(np.float64(v), np.float64(e))))

    def _log1pf(v):
        return float(np.float32(np.log1p(np.float64(v))))

    def _erff(v):
        return float(np.float32(math.erf(v)))

    def _sinf(v):
        return float(np.float32(math.sin(v)))

    def _cosf(v):
        return float(np.float32(math.cos(v)))

    def _erfcf(v):
        return float(np.float32(math.erfc(v)))

    def _sinhf(v):
        return float(np.float32(np.sinh(np.float64(v))))

    def _coshf(v):
        return float(np.float32(np.cosh(np.float64(v))))

    def _asinhf(v):
        return float(np.float32(np.arcsinh(np.float64(v))))

    def _asinf(v):
        return float(np.float32(np.arcsin(np.float64(v))))

    def _acosf(v):
        return float(np.float32(np.arccos(np.float64(v))))

    def _acoshf(v):
        return float(np.float32(np.arccosh(np.float64(v))))

    def _atanhf(v):
        return float(np.float32(np.arctanh(np.float64(v))))

    def _tanf(v):
        return float(np.float32(math.tan(v)))

    def _atanf(v):
        return float(np.float32(math.atan(v)))

    def _expm1f(v):
        return float(np.float32(math.expm1(v)))

    def _lgammaf(v):
        try:
            return float(np.float32(math.lgamma(v)))
        except (ValueError, OverflowError):   # the poles
            return math.inf

    def _sinf(v):
        return float(np.float32(math.sin(v)))

    def _cosf(v):
        return float(np.float32(math.cos(v)))


def _flush(a):
    """Flush denormal results to a signed zero in place (MXCSR's FTZ)."""
    small = np.abs(a) < _TINY
    if small.any():
        a[small] = np.copysign(_F(0), a[small])
    return a


def flush(a):
    """float32 array a with denormals flushed to signed zeros (TF's threads run with FTZ)."""
    return _flush(np.array(a, np.float32, copy=True, ndmin=1)).reshape(np.shape(a))


def _scalar_expf(v):
    """libm's expf as TF's scalar path calls it, with FTZ on the result."""
    r = _F(_expf(float(v)))
    return r if not (abs(r) < _TINY) else _F(0)


def expf_scalar(v) -> float:
    """libm's expf of one float32 value as a TF kernel's scalar code calls it (FTZ)."""
    return float(_scalar_expf(v))


def log1pf_scalar(v) -> float:
    """libm's log1pf of one float32 value, denormals read as zero (DAZ)."""
    return float(_F(_log1pf(0.0 if abs(v) < _TINY else float(v))))


# -- pexp_float: Cephes' exp, x = m ln2 + r, degree-5 polynomial in r ---------------------
_EXP_HI = _F(88.3762626647950)
_EXP_LO = _F(-88.3762626647949)
_LOG2E = _F(1.44269504088896341)
_EXP_C1 = _F(0.693359375)
_EXP_C2 = _F(-2.12194440e-4)
_EXP_P = [_F(c) for c in (1.9875691500E-4, 1.3981999507E-3, 8.3334519073E-3,
                          4.1665795894E-2, 1.6666665459E-1, 5.0000001201E-1)]


def _pexp(x0):
    x = np.clip(x0, _EXP_LO, _EXP_HI)   # NaN stays NaN
    m = np.multiply(x, _LOG2E)
    m += _F(0.5)
    np.floor(m, out=m)
    r = np.multiply(m, _EXP_C1)
    np.subtract(x, r, out=r)
    t = np.multiply(m, _EXP_C2, out=x)
    r -= t
    r2 = np.multiply(r, r)
    y = np.multiply(r, _EXP_P[0])
    y += _EXP_P[1]
    for c in _EXP_P[2:]:
        y *= r
        y += c
    y *= r2
    y += r
    y += _F(1)   # y = exp(r) is in [0.7, 1.42]
    if y.size and m.min() >= -125 and m.max() <= 127:
        # y 2^m is normal and finite: add m to y's exponent field, exactly the product.
        mi = m.astype(np.int32)
        mi <<= 23
        y.view(np.int32)[...] += mi
        return y   # pmax(y, x0) below changes nothing for finite x0
    # 2^m built from its exponent bits: m = -127 gives 0, m = 128 gives inf.
    e = np.add(m, _F(127), out=m)
    bits = np.where(np.isnan(e), 0, e).astype(np.int32) << 23
    y *= bits.view(np.float32)
    _flush(y)
    # pmax(y, x0): vmaxps returns x0 only where x0 > y (NaN compares false).
    return np.where(x0 > y, x0, y)


# -- plog_float: Cephes' log, x = 2^e m with m in [sqrt(1/2), sqrt(2)), degree-8 polynomial -
_LOG_SQRTHF = _F(0.707106781186547524)
_LOG_P = [_F(c) for c in (7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1,
                          -1.2420140846E-1, 1.4249322787E-1, -1.6668057665E-1,
                          2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1)]
_LOG_Q1 = _F(-2.12194440e-4)
_LOG_Q2 = _F(0.693359375)


def _plog(x0):
    x0 = _flush(x0.copy())   # DAZ: a denormal input is a (signed) zero, its log -inf
    x = np.maximum(x0, _TINY)   # NaN stays NaN
    bits = x.view(np.int32)
    e = (bits >> 23).astype(np.float32)
    e -= _F(126)
    x = ((bits & ~0x7f800000) | 0x3f000000).view(np.float32)   # the mantissa in [0.5, 1)
    mask = x < _LOG_SQRTHF
    tmp = np.where(mask, x, _F(0))
    x -= _F(1)
    e -= mask   # 1 where x < sqrt(1/2)
    x += tmp
    x2 = x * x
    x3 = x2 * x
    p = _LOG_P
    y = x * p[0] + p[1]
    y1 = x * p[3] + p[4]
    y2 = x * p[6] + p[7]
    y = y * x + p[2]
    y1 = y1 * x + p[5]
    y2 = y2 * x + p[8]
    y = y * x3 + y1
    y = y * x3 + y2
    y *= x3
    y += e * _LOG_Q1
    x -= x2 * _F(0.5)
    x += y
    x += e * _LOG_Q2
    x = np.where(x0 == np.inf, x0, x)
    x = np.where(x0 == 0, _F(-np.inf), x)
    return np.where(np.less(x0, 0) | np.isnan(x0), _F(np.nan), x)


# -- scalar_logistic_op<float>: a 9/10 rational function of x clamped to [-18, 18] ---------
_LOG_ALPHA = [_F(c) for c in (4.37031012579801e-11, 1.15627324459942e-07,
                              6.08574864600143e-05, 8.51377133304701e-03,
                              2.48287947061529e-01)]
_LOG_BETA = [_F(c) for c in (6.10247389755681e-13, 5.76102136993427e-09,
                             6.29106785017040e-06, 1.70198817374094e-03,
                             1.16817656904453e-01, 9.93151921023180e-01)]


# 0-d arrays: a ufunc takes them faster than NumPy scalars (same float32 values)
_A = np.array
_LOG_A = [_A(c) for c in _LOG_ALPHA]
_LOG_B = [_A(c) for c in _LOG_BETA]
_LOG_LIM = (_A(_F(-18)), _A(_F(18)), _A(_F(0.5)), _A(_F(0)), _A(_F(1)))


def _plogistic(x0):
    lo, hi, half, zero, one = _LOG_LIM
    mul, add = np.multiply, np.add
    x = np.minimum(np.maximum(x0, lo), hi)
    x2 = mul(x, x)
    p = mul(x2, _LOG_A[0])
    add(p, _LOG_A[1], out=p)
    for c in _LOG_A[2:]:
        mul(p, x2, out=p)
        add(p, c, out=p)
    mul(p, x, out=p)
    q = mul(x2, _LOG_B[0])
    add(q, _LOG_B[1], out=q)
    for c in _LOG_B[2:]:
        mul(q, x2, out=q)
        add(q, c, out=q)
    np.divide(p, q, out=p)
    add(p, half, out=p)
    np.minimum(p, one, out=p)
    return np.maximum(p, zero, out=p)


def _scalar_logistic(v):
    if v < -18:
        return _F(0)
    if v > 18:
        return _F(1)
    return _F(1) / (_F(1) + _scalar_expf(-v))


# -- generic_fast_tanh_float: a 13/6 rational function of x clamped to [-9, 9] -------------
_TANH_ALPHA = [_F(c) for c in (-2.76076847742355e-16, 2.00018790482477e-13,
                               -8.60467152213735e-11, 5.12229709037114e-08,
                               1.48572235717979e-05, 6.37261928875436e-04,
                               4.89352455891786e-03)]
_TANH_BETA = [_F(c) for c in (1.19825839466702e-06, 1.18534705686654e-04,
                              2.26843463243900e-03, 4.89352518554385e-03)]


def _ptanh(x0):
    x = np.minimum(np.maximum(x0, _F(-9)), _F(9))
    x2 = np.multiply(x, x)
    p = np.multiply(x2, _TANH_ALPHA[0])
    p += _TANH_ALPHA[1]
    for c in _TANH_ALPHA[2:]:
        p *= x2
        p += c
    p *= x
    if x2.size and not x2.min() > 0:   # (a NaN also takes this way)
        _flush(p)   # x p is denormal for |x| < ~2.4e-36: TF flushes it, so tanh gives 0
    q = np.multiply(x2, _TANH_BETA[0])
    q += _TANH_BETA[1]
    for c in _TANH_BETA[2:]:
        q *= x2
        q += c
    p /= q
    return p


def _eigen_unary(x, packet_fn, scalar_fn):
    x = np.asarray(x)
    flat = np.ascontiguousarray(x, dtype=np.float32).reshape(-1)
    n = flat.size
    body = n if scalar_fn is None else n - n % _PACKET
    out = np.empty(n, np.float32)
    with np.errstate(all="ignore"):
        for lo in range(0, body, _CHUNK):   # chunks small enough to stay in cache
            hi = min(lo + _CHUNK, body)
            out[lo:hi] = packet_fn(flat[lo:hi])
    for i in range(body, n):
        with np.errstate(all="ignore"):
            out[i] = scalar_fn(flat[i])
    return out.reshape(x.shape)


# -- TF's Softplus functor: x above -T, exp(x) below T, else log(exp(x) + 1), where
# T = log(float32 epsilon) + 2 (a vectorized select: both branches, Eigen's pexp and plog)
_SP_T = _F(_F(np.log(np.finfo(np.float32).eps)) + _F(2))


def _psoftplus(x):
    e = _pexp(x)
    big = x > -_SP_T
    small = x < _SP_T
    mid = ~(big | small)
    out = np.where(big, x, e)
    if mid.any():
        out[mid] = _plog(e[mid] + _F(1))
    return out


def _scalar_softplus(v):
    if v > -_SP_T:
        return _F(v)
    e = _scalar_expf(v)
    if v < _SP_T:
        return e
    return _scalar_logf(e + _F(1))


def exp(x):
    """TF 1.14's float32 Exp: Eigen's pexp on packets of 8, libm's expf on the rest."""
    return _eigen_unary(x, _pexp, _scalar_expf)


def exp_at(x, mask):
    """TF 1.14's float32 Exp of x where `mask` (0 elsewhere), for the selects that use it
    on part of a tensor (Elu, Selu): Eigen's pexp for the values in whole packets (its
    lanes are independent: only those values are computed), libm's expf on the rest."""
    flat = np.ascontiguousarray(x, dtype=np.float32).reshape(-1)
    want = np.ascontiguousarray(mask).reshape(-1)
    n = flat.size
    body = n - n % _PACKET
    out = np.zeros(n, np.float32)
    idx = np.flatnonzero(want[:body])
    if idx.size:
        with np.errstate(all="ignore"):
            out[idx] = _pexp(flat[idx])
    for i in range(body, n):
        if want[i]:
            out[i] = _scalar_expf(flat[i])
    return out.reshape(np.shape(x))


def sigmoid(x):
    """TF 1.14's float32 Sigmoid: Eigen's rational logistic on packets of 8,
    1 / (1 + expf(-x)) (0 below -18, 1 above 18) on the rest (float64: sigmoid64)."""
    if getattr(x, "dtype", None) == np.float64:
        return sigmoid64(x)
    n = getattr(x, "size", 0)
    if n and n % _PACKET == 0 and n <= _CHUNK and x.dtype == _F and x.flags.c_contiguous:
        # whole packets, one chunk (a fused loop's gates at small batches): no tail and
        # no np.errstate (x is clamped to [-18, 18] first and q > 0.99: nothing can warn)
        return _plogistic(x.reshape(-1)).reshape(x.shape)
    return _eigen_unary(x, _plogistic, _scalar_logistic)


def softplus(x):
    """TF 1.14's float32 Softplus: x above 13.94, exp(x) below -13.94, log(exp(x) + 1)
    between, with Eigen's pexp and plog on packets of 8 and libm's on the rest."""
    return _eigen_unary(x, _psoftplus, _scalar_softplus)


def _scalar_logf(v):
    return _F(_logf(0.0 if abs(v) < _TINY else float(v)))


def log(x):
    """TF 1.14's float32 Log: Eigen's plog on packets of 8, libm's logf on the rest,
    denormal inputs read as zero."""
    return _eigen_unary(x, _plog, _scalar_logf)


# -- libm on whole arrays: the float64 exp rounded once to float32 is glibc's expf except
# within 0.002 ulp of a rounding midpoint (glibc's expf errs by up to 0.502 ulp). The 29
# mantissa bits float32 drops from the float64 tell how near: the values within 0.003 ulp
# (0.6% of them), those whose float64 is not a normal float32 (FTZ, overflow) and NaNs go
# through expf itself. glibc's logf is further from correctly rounded (near 1 even 0.2 ulp
# from a midpoint): logf one value at a time.
_DROPPED = np.uint64((1 << 29) - 1)
_HALF_DROPPED = np.int64(1 << 28)
_NEAR_MIDPOINT = np.int64(int(0.003 * (1 << 29)))
_F32_MAX = float(np.finfo(np.float32).max)


def _libm_exp_chunk(x):
    d = np.exp(x, dtype=np.float64)
    low = (d.view(np.uint64) & _DROPPED).view(np.int64)
    low -= _HALF_DROPPED
    np.abs(low, out=low)
    odd = low < _NEAR_MIDPOINT
    odd |= ~((d >= _TINY) & (d <= _F32_MAX))
    r = d.astype(_F)
    if odd.any():
        i = np.flatnonzero(odd)
        r[i] = _flush(np.array([_expf(v) for v in x[i].tolist()], _F))
    return r


def libm_exp(x):
    """libm's expf of every float32 x (FTZ), as the scalar paths of TF's kernels give it."""
    return _eigen_unary(x, _libm_exp_chunk, None)


def libm_log(x):
    """libm's logf of every float32 x, denormals read as zero."""
    x = np.asarray(x, _F)
    daz = np.where(np.abs(x) < _TINY, _F(0), x)
    return np.array([_logf(v) for v in daz.reshape(-1).tolist()], _F).reshape(x.shape)


def _as_float(bits):
    return np.asarray(bits, np.int64).astype(np.uint32).view(_F)


_LOG1P_LP = tuple(_as_float(b)[()] for b in (0x3F2AAAAB, 0x3ECCCCCD, 0x3E924925, 0x3E638E29,
                                             0x3E3A3325, 0x3E1CD04F, 0x3E178897))
_LN2_HI, _LN2_LO = _as_float(0x3F317180)[()], _as_float(0x3717F7D1)[()]


def log1p(x):
    """TF 1.14's float32 Log1p: its Eigen has no packet log1p for float, so every value goes
    through the scalar functor, glibc's log1pf (the SunPro float algorithm of glibc <
    2.41; not correctly rounded: NumPy's log1p is an ulp off for some values), here in
    NumPy float32 with its branches as selects: bit for bit the C function on 800,000
    inputs (every bit pattern class, -1, infinities, NaN); denormals in and out are kept
    (log1pf(x) is x there)."""
    shape = np.shape(x)
    x = np.array(x, _F, ndmin=1)
    hx = x.view(np.int32).astype(np.int64)
    ax = hx & 0x7FFFFFFF
    lp = _LOG1P_LP
    with np.errstate(all="ignore"):
        low = hx < 0x3ED413D7                          # x < 0.41422, negatives included
        direct = low & ((hx > 0) | (hx <= -0x416A09E1))  # -0.2929 < x < 0.41422: k = 0
        huge = hx >= 0x5A000000                        # 1 + x is x: no correction term
        u = np.where(huge, x, _F(1) + x)
        hu = u.view(np.int32).astype(np.int64)
        k = (hu >> 23) - 127
        c = np.where(huge, _F(0), np.where(k > 0, _F(1) - (u - x), x - (u - _F(1))) / u)
        hu &= 0x007FFFFF
        big = hu >= 0x3504F7                           # 1 + x = 2^k (1 + f), sqrt(2)/2 split
        u = np.where(big, _as_float(hu | 0x3F000000), _as_float(hu | 0x3F800000))
        k = np.where(big, k + 1, k)
        hu = np.where(big, (0x00800000 - hu) >> 2, hu)
        k = np.where(direct, 0, k)
        f = np.where(direct, x, u - _F(1))
        hu = np.where(direct, 1, hu)
        c = np.where(direct, _F(0), c).astype(_F)
        kf = k.astype(_F)
        hfsq = _F(0.5) * f * f
        s = f / (_F(2) + f)
        z = s * s
        r = z * (lp[0] + z * (lp[1] + z * (lp[2] + z * (lp[3] + z * (lp[4] + z * (
            lp[5] + z * lp[6]))))))
        out = np.where(k == 0, f - (hfsq - s * (hfsq + r)),
                       kf * _LN2_HI - ((hfsq - (s * (hfsq + r) + (kf * _LN2_LO + c))) - f))
        r2 = hfsq * (_F(1) - _F(0.66666666666666666) * f)   # |f| < 2^-20: a short series
        short = np.where(f == 0, np.where(k == 0, _F(0), kf * _LN2_HI + (c + kf * _LN2_LO)),
                         np.where(k == 0, f - r2,
                                  kf * _LN2_HI - ((r2 - (kf * _LN2_LO + c)) - f)))
        out = np.where(hu == 0, short, out)
        out = np.where(low & (ax < 0x31000000),             # |x| < 2^-29
                       np.where(ax < 0x24800000, x, x - x * x * _F(0.5)), out)
        out = np.where(low & (ax >= 0x3F800000),            # x <= -1
                       np.where(x == _F(-1), _F(-np.inf), _F(np.nan)), out)
        out = np.where(hx >= 0x7F800000, x + x, out)        # +inf, NaN
    return out.astype(_F).reshape(shape)


def tiled_from(dtype=np.float32):
    """The size from which TF 1.14's Eigen (TensorExecutor on the ThreadPoolDevice,
    Tileable) evaluates an expression in tiles: `total_size < firstLevelCacheSize() /
    sizeof(Scalar)` runs the vectorized executor, from that size on the tiled one, each
    tile through the scalar functors. Eigen reads the host's L1 data cache (host_cpu):
    8192 float32 values for the AMD EPYC's 32 KiB, 12288 for the Intel Xeon's 48 KiB
    (checked with TF 1.14 on the Xeon: [1, 12287] untiled, [1, 12288] and [4096, 3] tiled;
    ConfigProto's intra/inter-op thread counts do not change these bits)."""
    return eigen_caches()[0] // np.dtype(dtype).itemsize


def exp_with_broadcast(x):
    """Exp of float32 x as TF 1.14 evaluates it in an expression that also broadcasts
    (Softmax's exp(x - max), the dense cross-entropy's backprop): Eigen's packets below
    tiled_from() values, libm's expf on every value from there (each tile's scalar
    functor)."""
    return exp(x) if np.size(x) < tiled_from(_F) else libm_exp(x)


def exp_summed_along_rows(x2d):
    """Exp of a [rows, n] float32 array as TF 1.14 computes it inside a sum along its rows
    (softmax and cross-entropy kernels: `x.exp().sum(along_class)`): each row's
    InnerMostDimReducer evaluates Eigen's pexp on the whole packets of 8 of each leaf of
    its tree (the row itself up to 8 * 1024 values) and libm's expf on the leaf's last
    num % 8 values. float64: pexp<Packet4d> on packets of 4, libm's exp on the leaves'
    last num % 4 values."""
    if np.asarray(x2d).dtype == np.float64:
        x2d = flush64(np.ascontiguousarray(x2d))
        P, scalar = _PACKET64, libm_exp64
        with np.errstate(all="ignore"):
            out = _pexp64(x2d)
    else:
        x2d = np.ascontiguousarray(x2d, _F)
        P, scalar = _PACKET, libm_exp
        out = _eigen_unary(x2d, _pexp, None)
    rows, n = x2d.shape
    if n < P:   # no whole packet
        out = scalar(x2d)
    elif n <= P * _eigen_sum.LEAF:   # one leaf a row: its last n % P columns
        if n % P:
            out[:, n - n % P:] = scalar(x2d[:, n - n % P:])
    else:
        tails = [np.arange(f + num - num % P, f + num) for i in range(rows)
                 for f, num in _eigen_sum.tree_leaves(i * n, n, P)]
        tails = np.concatenate(tails)
        out.reshape(-1)[tails] = scalar(x2d.reshape(-1)[tails])
    return flush64(out) if out.dtype == np.float64 else out


# -- powf: glibc's powf rounds a double-precision power that is within about 0.0015 float32
# ulp of the true one (measured), so it is not correctly rounded: the float64 power rounded
# once agrees with it except where the true power is that close to the midpoint between two
# floats. Those few elements (about 2%, within 0.01 ulp) call libm's powf itself.
_POWF_NEAR = 0.01
_POWF_NEAR_BITS = np.int64(int(_POWF_NEAR * (1 << 29)))


_LOW29 = np.uint64((1 << 29) - 1)
_MID29 = np.uint64(1 << 28)


def _powf_square(x):
    """powf(x, 2) as powf below, cheaper: the float64 square of a float32 is exact, and
    the nearness to a float32 rounding midpoint is read from its 29 dropped bits (within
    _POWF_NEAR ulp, or outside float32's normal range: powf itself)."""
    x = flush(x)
    with np.errstate(all="ignore"):
        d = np.square(x, dtype=np.float64).reshape(-1)
        r = d.astype(_F)
        low = (d.view(np.uint64) & _LOW29).view(np.int64)
        low -= np.int64(_MID29)
        risky = np.abs(low) < _POWF_NEAR_BITS
        risky |= ~((d >= _TINY) & (d <= _F32_MAX))
    for i in np.flatnonzero(risky):
        r[i] = _powf(float(x.flat[i]), 2.0)
    return _flush(r).reshape(np.shape(x))


def _libm_each(fn, x):
    """fn (a libm float function) of each value of float32 x, denormals read as zero and
    the results flushed (TF's threads run with DAZ/FTZ)."""
    flat = flush(np.asarray(x, _F)).reshape(-1)
    out = np.fromiter(map(fn, flat.tolist()), _F, count=flat.size)
    return _flush(out).reshape(np.shape(x))


@fpenv.ieee
def _libm_each_raw(fn, x):
    """fn (a libm float function) of each value of float32 x, no flushing: tanf, atanf and
    lgammaf reach their tiny-argument results through the bits (tan(1e-45) = 1e-45 and
    lgamma(1e-45) = 103.97 in TF, under DAZ/FTZ)."""
    flat = np.asarray(x, _F).reshape(-1)
    return np.fromiter(map(fn, flat.tolist()), _F, count=flat.size).reshape(np.shape(x))


_HALF_LIBM = {"sin": _sinf, "cos": _cosf, "tan": _tanf, "atan": _atanf, "exp": _expf,
              "expm1": _expm1f, "erf": _erff, "erfc": _erfcf, "lgamma": _lgammaf}
_HALF_TABLES: dict = {}


def half_libm(name, x):
    """TF 1.14's float16 op `name` (a key of _HALF_LIBM) of x: Eigen::half's functor is
    libm's float function of float(x), rounded to half (checked against TF 1.14 on every
    finite half value) - a table over the 65536 halves, built on first use."""
    table = _HALF_TABLES.get(name)
    if table is None:
        every = np.arange(1 << 16, dtype=np.uint16).view(np.float16).astype(_F)
        with np.errstate(all="ignore"):
            table = _HALF_TABLES[name] = _libm_each_raw(_HALF_LIBM[name], every).astype(
                np.float16)
    return table[np.ascontiguousarray(x, np.float16).view(np.uint16)]


def _packet_odd(n, unroll=1):
    """The odd flat indices TF 1.14's CPU executor evaluates in Eigen::half packets of 8
    (unroll=4: in its 4-packet unrolled loop), in one range [0, n): the first
    8 * unroll * (n // (8 * unroll)) elements are packets, the rest the scalar tail.
    Checked with TF 1.14 (Intel Xeon, AVX) up to 3448 elements for Asinh and 3773 for
    Rint, and for the 63,490 halves of math/half_unary_bits; from those sizes on TF
    sometimes evaluates the halves [0, n // 2) and [n // 2, n) as two ranges (each with its
    own packets and tail: seen in some processes and not in others, for any
    intra_op_parallelism_threads), which flowgrad does not model."""
    return np.arange(1, (8 * unroll) * (n // (8 * unroll)), 2)


def _half_table(name, fn):
    """fn (float32 -> float32, on all 65536 halves as float) rounded to half, cached as a
    table indexed by the input's bits."""
    table = _HALF_TABLES.get(name)
    if table is None:
        every = np.arange(1 << 16, dtype=np.uint16).view(np.float16).astype(_F)
        with np.errstate(all="ignore"):
            table = _HALF_TABLES[name] = fn(every).astype(np.float16)
    return table


def _half_lookup(name, fn, x):
    """x (float16) through _half_table(name, fn)."""
    return _half_table(name, fn)[np.ascontiguousarray(x, np.float16).view(np.uint16)]


def _asinh_formula(f):
    a = np.abs(f)
    out = np.copysign(_libm_each_raw(_logf, a + np.sqrt(a * a + _F(1))), f)
    out[np.isnan(f)] = -np.inf
    return out


def _atanh_formula(f):
    one = _F(1)
    out = _F(0.5) * _libm_each_raw(_logf, (one + f) / (one - f))
    return np.where(np.isnan(out), _F(np.nan), out)


def half_asinh(x):
    """TF 1.14's float16 Asinh (checked on every finite half, at every position of 1 to 257
    elements: math/half_packet_lanes): the functor is log(|x| + sqrt(x * x + 1)) in float
    with x's sign (libm's logf: tiny values land on the 2^-23 grid of 1 + |x|), NaN gives
    -inf; in the packet part (_packet_odd) the odd flat indices give x's signed zero (an
    infinity: -NaN). A NaN in the packet part gives NaN below 16 elements, from 16 on a
    zero (+0 here; TF's sign depends on the executor's loop: -0 at index 39 of 47)."""
    h = np.ascontiguousarray(x, np.float16)
    bits = h.reshape(-1).view(np.uint16)
    out = _half_table("asinh", _asinh_formula)[bits]
    odd = _packet_odd(bits.size)
    signed_zero = (bits[odd] & 0x8000).view(np.float16)
    out[odd] = np.where((bits[odd] & 0x7FFF) == 0x7C00, -np.float16(np.nan), signed_zero)
    packet = 8 * (bits.size // 8)
    nan = np.flatnonzero((bits[:packet] & 0x7FFF) > 0x7C00)
    out[nan] = 0 if bits.size >= 16 else np.nan
    return out.reshape(h.shape)


def half_atanh(x):
    """TF 1.14's float16 Atanh (checked on every finite half, at every position): 0.5 *
    log((1 + x) / (1 - x)) in float (libm's logf; tiny values land on the 2^-23 grid of
    the quotient), rounded to half; every NaN comes out positive."""
    return _half_lookup("atanh", _atanh_formula, x)


_LN2 = _F(np.log(2))


def _sinh_formula(f):
    out = _pexp(f - _LN2) - _pexp(-f - _LN2)
    out[np.isnan(f)] = 0   # TF: sinh(NaN) = +0, cosh(NaN) = -0
    return out


def _cosh_formula(f):
    out = _pexp(f - _LN2) + _pexp(-f - _LN2)
    out[np.isnan(f)] = -0.0
    return out


def half_sinh(x):
    """TF 1.14's float16 Sinh (checked on every finite half, at even and odd positions):
    exp(x - log 2) - exp(-x - log 2) in float with Eigen's pexp, rounded to half (tiny
    values land on the 2^-23 grid of exp's results near 1; libm's sinhf differs at 2051
    halves, the formula with expf at 4); a NaN gives +0 (Cosh: -0), at every position."""
    return _half_lookup("sinh", _sinh_formula, x)


def half_cosh(x):
    """TF 1.14's float16 Cosh: exp(x - log 2) + exp(-x - log 2) in float with Eigen's
    pexp, rounded to half, as half_sinh (cosh(10.97) is 29008 in TF, half(coshf) 29024)."""
    return _half_lookup("cosh", _cosh_formula, x)


_HALF_LN2 = _F(np.float16(np.log(2)))


def _acosh_formula(f):
    one = _F(1)
    small = _libm_each_raw(_logf, f + np.sqrt(f + one) * np.sqrt(f - one))
    out = np.where(f >= _F(256), _libm_each_raw(_logf, f) + _HALF_LN2, small)
    out[f <= -one] = np.nan   # TF: +NaN from -1 down (-NaN between -1 and 1)
    return out


def half_acosh(x):
    """TF 1.14's float16 Acosh (checked on every finite half, at even and odd positions):
    log(x + sqrt(x + 1) * sqrt(x - 1)) in float (libm's logf), and from x = 256 on (where
    x * x overflows half) log(x) + log(2) with log(2) rounded to half (0.69336: TF's
    acosh(258.5) is 6.25, the float formula's 6.2461; any switch point from 255 to 258.5
    gives the same bits), rounded to half. NaN's sign as TF: +NaN for x <= -1, -NaN for
    -1 < x < 1 (every half checked; the formula's own NaN is -NaN)."""
    return _half_lookup("acosh", _acosh_formula, x)


def _acos_formula(f):
    one = _F(1)
    return _F(2) * _libm_each_raw(_atanf, np.sqrt((one - f) / (one + f)))


def half_acos(x):
    """TF 1.14's float16 Acos (checked on every finite half, at even and odd positions):
    2 * atan(sqrt((1 - x) / (1 + x))) in float (libm's atanf), rounded to half - not libm's
    acosf (acos(-4.47e-6) is 1.5713 in TF, half(acosf) 1.5703)."""
    return _half_lookup("acos", _acos_formula, x)


def half_rint(x):
    """TF 1.14's float16 Rint (checked on every finite half, at every position): round half
    to even, a negative x that rounds to zero giving +0 (-0 stays -0); in the 4-packet
    unrolled part of the tensor (_packet_odd(n, 4)) the odd flat indices round down."""
    h = np.ascontiguousarray(x, np.float16)
    flat = h.reshape(-1)
    out = np.rint(flat)
    out[(out == 0) & (flat < 0)] = 0
    odd = _packet_odd(flat.size, unroll=4)
    out[odd] = np.floor(flat[odd])
    return out.reshape(h.shape)


def erff(x):
    """TF 1.14's float32 Erf: Eigen's scalar_erf_op has no packet version, so each value
    is libm's erff (not correctly rounded: a float64 erf rounded once differs for ~3%)."""
    return _libm_each(_erff, x)


def erfcf(x):
    """TF 1.14's float32 Erfc: libm's erfcf of each value, as erff."""
    return _libm_each(_erfcf, x)


def tanf(x):
    """TF 1.14's float32 Tan: Eigen's ptan is std::tan of each value (libm's tanf)."""
    return _libm_each_raw(_tanf, x)


def atanf(x):
    """TF 1.14's float32 Atan: libm's atanf of each value, as tanf."""
    return _libm_each_raw(_atanf, x)


def sinhf(x):
    """TF 1.14's float32 Sinh: Eigen's scalar_sinh_op has no packet version, so each value
    is libm's sinhf (NumPy's float32 sinh differs by an ulp for ~25% of values)."""
    return _libm_each_raw(_sinhf, x)


def coshf(x):
    """TF 1.14's float32 Cosh: libm's coshf of each value, as sinhf."""
    return _libm_each_raw(_coshf, x)


def asinhf(x):
    """TF 1.14's float32 Asinh: libm's asinhf of each value, as sinhf."""
    return _libm_each_raw(_asinhf, x)


def asinf(x):
    """TF 1.14's float32 Asin: Eigen's float packets have no asin (HasASin is 0), so each
    value is std::asin, libm's asinf (NumPy's float32 arcsin differs for ~20% of values)."""
    return _libm_each_raw(_asinf, x)


def acosf(x):
    """TF 1.14's float32 Acos: libm's acosf of each value, as asinf."""
    return _libm_each_raw(_acosf, x)


def acoshf(x):
    """TF 1.14's float32 Acosh: Eigen's scalar_acosh_op is std::acosh, libm's acoshf."""
    return _libm_each_raw(_acoshf, x)


def atanhf(x):
    """TF 1.14's float32 Atanh: Eigen's scalar_atanh_op is std::atanh, libm's atanhf."""
    return _libm_each_raw(_atanhf, x)


def expm1f(x):
    """TF 1.14's float32 Expm1: libm's expm1f of each value (tiny values flushed)."""
    return _libm_each(_expm1f, x)


@fpenv.ieee
def lgammaf(x):
    """TF 1.14's float32 Lgamma: Eigen's lgamma_impl<float> is libm's lgammaf_r of each
    value (the same values as lgammaf; a float64 lgamma rounded once differs for ~30%)."""
    out = _libm_each_raw(_lgammaf, x)
    # glibc's lgammaf is -logf(|x|) there; logf scales a subnormal by 2^23 first, which DAZ
    # reads as 0, so under TF's DAZ every subnormal's logf is -150 ln 2
    xf = np.asarray(x, _F)
    out[(xf != 0) & (np.abs(xf) < _TINY)] = _F(150 * math.log(2))
    return out


_DIGAMMA_A32 = tuple(np.float32(c) for c in (
    -4.16666666666666666667E-3, 3.96825396825396825397E-3, -8.33333333333333333333E-3,
    8.33333333333333333333E-2))


_DIGAMMA_A64 = (8.33333333333333333333E-2, -2.10927960927960927961E-2,
                7.57575757575757575758E-3, -4.16666666666666666667E-3,
                3.96825396825396825397E-3, -8.33333333333333333333E-3,
                8.33333333333333333333E-2)


def digamma(x):
    """TF 1.14's Digamma: Eigen's digamma_impl in the input's precision (Cephes' psi):
    x <= 0 reflected (pi / tan(pi nz), nz the distance to the nearest integer, inf at the
    poles), psi(x + 1) = psi(x) + 1/x up to s >= 10, then log(s) - 0.5/s - a polynomial in
    1/s^2 (float32: degree 3, none from 1e8 on; float64: degree 6, none from 1e17 on);
    libm's log and tan (float or double), denormals read as zero (DAZ: a pole)."""
    f32 = np.asarray(x).dtype.type
    double = f32 is np.float64
    x = flush64(x) if double else flush(np.asarray(x, f32))   # (DAZ)
    one, half, pi = f32(1), f32(0.5), f32(np.pi)
    with np.errstate(all="ignore"):
        neg = x <= 0
        p = np.floor(x)
        pole = neg & (p == x)
        nz = x - p
        up = nz > half
        p = np.where(up, p + one, p)
        nz = np.where(up, x - p, nz)
        refl = np.zeros_like(x)
        turn = neg & ~pole & (nz != half)
        if turn.any():
            tan = libm_tan64 if double else tanf
            refl[turn] = pi / tan(pi * nz[turn])
        s = np.where(neg, one - x, x)
        w = np.zeros_like(x)
        low = s < 10
        while low.any():
            w[low] += one / s[low]
            s[low] += one
            low = s < 10
        z = one / (s * s)
        coefs = _DIGAMMA_A64 if double else _DIGAMMA_A32
        poly = np.full_like(z, coefs[0])
        for c in coefs[1:]:
            poly = poly * z + f32(c)
        y = np.where(s < f32(1e17 if double else 1e8), z * poly, f32(0))
        log = libm_log64 if double else libm_log
        y = log(s) - half / s - y - w
        out = np.where(neg, y - refl, y)
    out[pole] = np.inf
    return out if double else flush(out)


# CPython's math functions of these names are libm's own (the same bits as a ctypes call
# on 200,000 values each, Python 3.11; its lgamma is not), at 40-110 ns a value against a
# ctypes call's 250-700 ns; where one raises (C's inf or NaN: a pole, an overflow, a value
# outside the domain) the array goes through the ctypes loop instead.
_MATH_IS_LIBM = {"tanh", "log1p", "expm1", "sinh", "cosh", "asinh", "acosh", "atanh", "asin",
                 "acos", "atan", "tan", "log"} | \
    ({"erf", "erfc"} if sys.version_info >= (3, 11) else set())   # (checked on 3.11)


def _libm_double(name, fallback):
    """libm's double function `name` of each float64 value (math's `fallback` without one)."""
    try:
        fn = getattr(_LIBM, name)
        fn.restype, fn.argtypes = ctypes.c_double, [ctypes.c_double]
    except (NameError, AttributeError):
        fn = fallback
    fast = getattr(math, name) if name in _MATH_IS_LIBM else None

    def each(x):
        flat = np.asarray(x, np.float64).reshape(-1).tolist()
        if fast is not None:
            try:
                return np.fromiter(map(fast, flat), np.float64, count=len(flat)) \
                    .reshape(np.shape(x))
            except (ValueError, OverflowError):
                pass
        return np.fromiter(map(fn, flat), np.float64, count=len(flat)).reshape(np.shape(x))
    return each


def _lgamma_fallback(v):
    try:
        return math.lgamma(v)
    except (ValueError, OverflowError):   # the poles
        return math.inf


libm_lgamma = _libm_double("lgamma", _lgamma_fallback)   # TF's float64 Lgamma


def libm_pow64(x, y):
    """libm's pow of float64 x and y (broadcast), value by value (NumPy's may differ)."""
    try:
        fn = _LIBM.pow
        fn.restype, fn.argtypes = ctypes.c_double, [ctypes.c_double, ctypes.c_double]
    except (NameError, AttributeError):
        fn = math.pow
    xb, yb = np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(y, np.float64))
    xs, ys = xb.reshape(-1).tolist(), yb.reshape(-1).tolist()
    try:   # math.pow is libm's pow past C99's special cases (~8x cheaper than ctypes)
        return np.fromiter(map(math.pow, xs, ys), np.float64, count=xb.size).reshape(xb.shape)
    except (OverflowError, ValueError):   # C's inf / NaN somewhere: value by value
        pass

    def safe(u, v):
        try:
            return fn(u, v)
        except (OverflowError, ValueError):   # math.pow's errors: C's inf / NaN
            return math.inf if u == 0 or abs(u) > 1 else math.nan
    return np.fromiter(map(safe, xs, ys), np.float64, count=xb.size).reshape(xb.shape)
libm_log64 = _libm_double("log", lambda v: math.log(v) if v > 0 else
                          (-math.inf if v == 0 else math.nan))
libm_tan64 = _libm_double("tan", math.tan)


def powf(x, y):
    """libm's powf of float32 x and y (broadcast), as TF's float32 Pow kernel and LRNGrad
    call it (Eigen's numext::pow): denormal inputs read as zero, the result flushed."""
    if np.ndim(y) == 0 and float(y) == 2.0:
        return _powf_square(x)
    xb, yb = np.broadcast_arrays(flush(x), flush(y))
    with np.errstate(all="ignore"):
        v = np.power(xb.astype(np.float64), yb.astype(np.float64))
        r = np.array(v.astype(_F), ndmin=1)
        r64 = r.astype(np.float64)
        nb = np.nextafter(r, np.where(v.reshape(r.shape) >= r64, _F(np.inf), _F(-np.inf)))
        nb64 = nb.astype(np.float64)
        near = np.abs(v.reshape(r.shape) - (r64 + nb64) / 2) < _POWF_NEAR * np.abs(nb64 - r64)
    idx = np.flatnonzero(near)
    if idx.size:
        xf, yf = xb.reshape(-1), yb.reshape(-1)
        for i in idx:
            r.flat[i] = _powf(float(xf[i]), float(yf[i]))
    return _flush(r).reshape(v.shape)


def softplus_grad(g, x):
    """TF 1.14's float32 SoftplusGrad: g / (exp(-x) + 1), Eigen's pexp on packets of 8
    and libm's expf on the rest, the quotient flushed to zero where denormal."""
    g = np.asarray(g, np.float32)
    x = np.asarray(x, np.float32)
    shape = x.shape
    g, x = g.reshape(-1), x.reshape(-1)
    n = x.size
    body = n - n % _PACKET
    out = np.empty(n, np.float32)
    with np.errstate(all="ignore"):
        for lo in range(0, body, _CHUNK):
            hi = min(lo + _CHUNK, body)
            d = _pexp(np.negative(x[lo:hi]))
            d += _F(1)
            np.divide(g[lo:hi], d, out=out[lo:hi])
        for i in range(body, n):
            out[i] = g[i] / (_scalar_expf(-x[i]) + _F(1))
        _flush(out)
    return out.reshape(shape)


def tanh(x):
    """TF 1.14's float32 Tanh: Eigen's fast rational tanh, packets and tail alike."""
    return _eigen_unary(x, _ptanh, None)


def tanh_out(x, out=None):
    """The Tanh op's kernel (TF's bits for float32 and float64 up to EXACT_MAX values,
    NumPy's tanh otherwise) written into `out`: for the fused RNN loops, which must give
    its bits."""
    if x.size <= EXACT_MAX and x.dtype in (np.float32, np.float64):
        y = tanh(x) if x.dtype == np.float32 else libm_tanh64(x)
        if out is None:
            return y
        out[...] = y
        return out
    return np.tanh(x, out=out)


# -- Rsqrt: Eigen's AVX prsqrt under EIGEN_FAST_MATH (arch/AVX/MathFunctions.h): the
# hardware estimate _mm256_rsqrt_ps, then one Newton step y * (-x/2 * y*y + 3/2), each
# operation rounded (no FMA); inputs below the smallest normal float (zero, denormals read
# as zero, negatives) give inf or NaN; the scalar tail is 1 / sqrt(x).
#
# RSQRTPS is "implementation-specific": the estimate depends on the exponent's parity and
# the top 12 bits of the mantissa only, through a table that differs between CPU vendors,
# so TF 1.14 itself differs in the last bit from one CPU to another (on 4,096 uniform
# values, Sqrt differs in 1,019 and Rsqrt in 1,253 between an AMD EPYC and an Intel Xeon).
# flowgrad uses the table of the CPU it runs on, as TF does: Intel's on a GenuineIntel
# host, AMD EPYC's otherwise; FLOWGRAD_CPU=amd|intel (host_cpu.py: it also chooses Eigen's
# cache sizes) or FLOWGRAD_RSQRTPS=amd|intel (the table alone) chooses one (the test suite
# reads goldens made on an AMD EPYC and sets FLOWGRAD_CPU=amd). Both tables were read from the
# instruction (_mm_rsqrt_ps on every (exponent parity, top 12 mantissa bits), the low 11
# bits checked irrelevant): for x in [1, 2) (first 4096) and [2, 4) (last 4096), the
# estimate is 2^-1 * (1 + m / 4096), m a 12-bit mantissa falling from the table's start
# by the packed steps (zlib, base64; AMD: steps 0-2, 2 bits each, four a byte, starts 4095
# and 1696; Intel: steps 0-4, 4 bits each, two a byte, starts 4094 and 1695).
_RSQRT_STEPS = (
    b"eNqdkkFuxCAMRTczezOic55EMl2TiMz9j1I7QOVaxqHBevxnI2UTl6Mcn8ah/FCu4eLrU/U3r6qI/DpKYt4t"
    b"R0TDz0zp5N1yRDSccy8xbQ3pV+SWacOzRomDvldG+o4iG24lE6jpvIR7gHCkkxo4kdrDjQN/Ov4GIrSU7mV3"
    b"klWSVH9FoKsDwq2Z5bA+1kB46TrCCgO8t85CoWtm1nvceIcr3y3lLBkzFEkrHDu7cEke9DVj2MV67nMrLEDM"
    b"xNbIRnoON3YWRD4D/U1Cp3arZ+BiQ8Hpqz94B8MoPWdoBW/XQgRa4w4Ilz04M5iYaZczY/wvOJbB8+L0lnsz"
    b"K5kA9fT0fKaffevnBx95XN4=")
_RSQRT_STEPS_INTEL = (
    b"eNrFlEkOAyEMBGGc/785hxxGE7xUG6IIgbvLnGuMV3CsZJYkf9ZvlNYW36h9J79bytbppzh7PaOdc0F+he1CKZ9e"
    b"o2/cScupfwnVUk2fb8Zyes+MVOmZ87Z2j8RU+7FzZvvHRGy2mp/VFBNtqo1t/LdHyYbztfmk3ui/PvfEz4qQNqDh"
    b"M6drPudOryxOXV4ZmrjZGi62Lf+q9q08an+w60R0YqOeteYpN/Y8+EvvEdvVxlJ8xr1GKGtaYj2jyks3etufGuGp"
    b"piz329q7JKYxzzZs3/m5d97e1Q/8")
_RSQRT_TABLES = {"amd": (_RSQRT_STEPS, 2, (4095, 1696)),
                 "intel": (_RSQRT_STEPS_INTEL, 4, (4094, 1695))}


def _rsqrt_table(name):
    """The 8192 estimates' mantissas (m << 11) of one vendor's table, [1, 2) then [2, 4)."""
    text, bits, starts = _RSQRT_TABLES[name]
    packed = np.frombuffer(zlib.decompress(base64.b64decode(text)), np.uint8)
    shifts = np.arange(0, 8, bits, dtype=np.uint8)
    steps = ((packed[:, None] >> shifts) & ((1 << bits) - 1)).reshape(-1)
    m = np.empty(8192, np.int64)
    for half, start in enumerate(starts):
        part = steps[half * 4096:(half + 1) * 4096].astype(np.int64)
        part[0] = 0
        m[half * 4096:(half + 1) * 4096] = start - np.cumsum(part)
    return (m << 11).astype(np.uint32)


def host_rsqrt_table():
    """The RSQRTPS table TF 1.14 would use here: FLOWGRAD_RSQRTPS if set, else the one of
    host_cpu.host_cpu() (FLOWGRAD_CPU, else the CPU vendor: "intel" on a GenuineIntel host,
    "amd" otherwise)."""
    name = os.environ.get("FLOWGRAD_RSQRTPS", "").strip().lower()
    if name:
        if name not in _RSQRT_TABLES:
            raise ValueError(f"FLOWGRAD_RSQRTPS={name!r}: expected one of "
                             f"{sorted(_RSQRT_TABLES)}")
        return name
    return host_cpu()


def rsqrt_by_bits(name):
    """One vendor's table indexed by the 13 bits above a float's low 11: the exponent's
    lowest bit (0: an even exponent, x in [2, 4) times a power of 4) and the mantissa's
    top 12."""
    mant = _rsqrt_table(name)
    return np.concatenate([mant[4096:], mant[:4096]]).astype(np.int32)


_RSQRT_HALF, _RSQRT_THREE_HALVES = _F(-0.5), _F(1.5)
_RSQRT_BY_BITS = rsqrt_by_bits(host_rsqrt_table())
# x in [_PLAIN_LO, _PLAIN_HI]: no special case, nothing flushed in the Newton step
_PLAIN_LO, _PLAIN_HI = _F(2.5e-38), _F(1e37)


def _rsqrt_estimate(x):
    """RSQRTPS of the positive normal finite values of x (anything for the others): the
    table's mantissa under the exponent 2^-1 for [1, 4), halved for every factor 4 above."""
    b = x.view(np.int32)
    est = 380 - (b >> 23)
    est >>= 1
    est <<= 23
    est |= _RSQRT_BY_BITS[(b >> 11) & 0x1FFF]
    return est.view(_F)


def _plain(x):
    """True when every x is in [_PLAIN_LO, _PLAIN_HI] (no NaN)."""
    return bool(x.size) and x.min() >= _PLAIN_LO and x.max() <= _PLAIN_HI


def _prsqrt(x):
    est = _rsqrt_estimate(x)
    if _plain(x):
        y = np.multiply(x, _RSQRT_HALF)
        y *= est * est
        y += _RSQRT_THREE_HALVES
        y *= est
        return y
    x = _flush(x.copy())   # DAZ: a negative denormal is -0, which compares >= 0
    normal = x >= _TINY
    est = np.where(normal & (x != np.inf), est, _F(0))
    # (with FTZ: -x/2 and est^2 flushed where denormal, so huge x get 1.5 est)
    y = est * (_flush(x * _RSQRT_HALF) * _flush(est * est) + _RSQRT_THREE_HALVES)
    y = np.where(x < 0, _F(np.nan), y)
    return np.where((x >= 0) & ~normal, _F(np.inf), y).astype(_F, copy=False)


def _scalar_rsqrt(v):
    v = _F(v)
    if abs(v) < _TINY:   # denormals read as zero (DAZ)
        v = np.copysign(_F(0), v)
    return _F(1) / np.sqrt(v)


def _whole_packets(x):
    """x as a flat float32 array when it is whole packets of one chunk with nothing to
    flush or special-case (the fast path: no tail, no np.errstate), else None."""
    if (isinstance(x, np.ndarray) and x.dtype == _F and x.size % _PACKET == 0
            and x.size <= _CHUNK and x.flags.c_contiguous and _plain(x)):
        return x.reshape(-1)
    return None


def rsqrt(x):
    """TF 1.14's float32 Rsqrt: the hardware estimate and a Newton step on packets of 8,
    1 / sqrt(x) on the rest."""
    flat = _whole_packets(x)
    if flat is not None:
        return _prsqrt(flat).reshape(x.shape)
    return _eigen_unary(x, _prsqrt, _scalar_rsqrt)


# -- Sqrt: Eigen's AVX psqrt under EIGEN_FAST_MATH: x * (y * (3/2 - (x/2) * y*y)), y the
# RSQRTPS estimate (so +inf gives NaN); 0 <= x < the smallest normal float gives 0 (DAZ
# reads negative denormals as -0, which passes); the scalar tail is std::sqrt.
_X86_NAN = np.array([0xFFC00000], np.uint32).view(_F)[0]


def _psqrt(x):
    # the plain formula on every lane, then the lanes outside [_PLAIN_LO, _PLAIN_HI] other
    # than +0 (which the formula maps to +0 too: a never-updated Adam slot is mostly
    # zeros) again by the special-case path
    est = _rsqrt_estimate(x)
    y = np.multiply(x, _F(0.5))
    y *= est * est
    np.subtract(_RSQRT_THREE_HALVES, y, out=y)
    y *= est
    y *= x
    odd = (x >= _PLAIN_LO) & (x <= _PLAIN_HI)
    np.logical_not(odd, out=odd)
    odd &= x.view(np.int32) != 0
    if odd.any():
        i = np.flatnonzero(odd)
        y[i] = _psqrt_special(x[i], est[i])
    return y


def _psqrt_special(x, est):
    # RSQRTPS of +inf is 0 (inf * 0: NaN), of a negative x the x86 default NaN (negative)
    est = np.where((x >= _TINY) & (x != np.inf), est, np.where(x == np.inf, _F(0), _X86_NAN))
    y = est * (_RSQRT_THREE_HALVES - _flush(x * _F(0.5)) * _flush(est * est))
    out = x * y
    zero = (x >= 0) & (x < _TINY) | (np.abs(x) < _TINY)
    return np.where(zero, _F(0), out).astype(_F, copy=False)


def _scalar_sqrt(v):
    v = _F(v)
    if abs(v) < _TINY:   # denormals read as zero (DAZ)
        v = np.copysign(_F(0), v)
    return np.sqrt(v)


def sqrt(x):
    """TF 1.14's float32 Sqrt: x times the rsqrt estimate after a Newton step on packets of
    8, std::sqrt on the rest."""
    flat = _whole_packets(x)
    if flat is not None:
        return _psqrt(flat).reshape(x.shape)
    return _eigen_unary(x, _psqrt, _scalar_sqrt)


# -- Sin / Cos: Eigen's psincos_float (GenericPacketMathFunctions.h, the non-FMA branch):
# x * 2/pi rounded to the nearest integer q by the 2^23 trick, x - q pi/2 by four
# constants (each product and sum rounded), a degree-4 cos or degree-3 sin polynomial in
# x^2 chosen by q's lowest bit, the sign from q's second bit. Lanes at or above 25966
# (sin) / 18838 (cos) are reduced exactly (trig_reduce_huge, a Payne-Hanek reduction):
# here with 2/pi to 256 bits in integers. The last size % 8 values are libm's sinf/cosf.
_HUGE_TH = {True: _F(25966), False: _F(18838)}
_PIO2_62 = 3.4061215800865545e-19   # pi/2 * 2^-62


def _two_over_pi_bits(bits=256):
    """floor(2/pi * 2^bits), from Machin's formula in integers."""
    one = 1 << (bits + 16)

    def arctan_inv(n):
        total, term, k, sign = 0, one // n, 1, 1
        while term:
            total += sign * (term // k)
            term //= n * n
            k += 2
            sign = -sign
        return total

    pi = 4 * (4 * arctan_inv(5) - arctan_inv(239))
    return (2 * one * (1 << bits)) // pi


_TWO_OVER_PI = _two_over_pi_bits()


def _reduce_huge(v):
    """(x - q pi/2 as float32, q) of a finite float32 x >= the threshold: q = round(2x/pi),
    the remainder as Eigen's 2.62 fixed point, converted through a double."""
    m, e = math.frexp(float(v))             # v = m 2^e exactly, m of 24 bits
    mant, e = int(m * (1 << 24)), e - 24
    prod = mant * _TWO_OVER_PI              # v * 2/pi * 2^(256 - e)
    shift = 256 - e - 62
    mask = (1 << 64) - 1                    # Eigen's uint64 arithmetic wraps
    p = (prod >> shift if shift >= 0 else prod << -shift) & mask   # 2.62 fixed point
    q = ((p + (1 << 61)) & mask) >> 62     # the quadrant (mod 4)
    frac = (p - (q << 62)) & mask
    frac = frac - (1 << 64) if frac >> 63 else frac    # int64_t(p)
    return _F(float(frac) * _PIO2_62), int(q)


def _psincos(x, sine):
    x = _flush(np.array(x, _F))             # DAZ
    ax = np.abs(x)
    y_round = ax * _F(0.636619746685028076171875) + _F(12582912)
    q = y_round.view(np.int32).copy()
    y = y_round - _F(12582912)
    r = y * _F(-1.5703125) + ax
    r = y * _F(-0.000483989715576171875) + r
    r = y * _F(1.62865035235881805419921875e-07) + r
    r = y * _F(5.5644315544167710640977020375430583953857421875e-11) + r
    huge = (ax >= _HUGE_TH[sine]) & np.isfinite(ax)
    for i in np.flatnonzero(huge):
        r[i], q[i] = _reduce_huge(ax[i])
    if sine:
        sign = (x.view(np.uint32) ^ (q.astype(np.uint32) << np.uint32(30))) \
            & np.uint32(0x80000000)
    else:
        sign = ((q + 1).astype(np.uint32) << np.uint32(30)) & np.uint32(0x80000000)
    x2 = r * r
    c = _F(2.4372266125283204019069671630859375e-05) * x2 + \
        _F(-0.00138865201734006404876708984375)
    c = c * x2 + _F(0.041666619479656219482421875)
    c = c * x2 + _F(-0.5)
    c = c * x2 + _F(1)
    sn = _F(-0.0001959234114083702898469567298889) * x2 + \
        _F(0.0083326873655616851693794799871284)
    sn = sn * x2 + _F(-0.166666620373725891113281250)
    sn = sn * x2
    sn = sn * r + r
    even = (q & 1) == 0
    res = np.where(even, sn, c) if sine else np.where(even, c, sn)
    return _flush((res.astype(_F).view(np.uint32) ^ sign).view(_F))


def _scalar_trig(fn):
    return lambda v: _F(fn(0.0 if abs(v) < _TINY else float(v)))


def sin(x):
    """TF 1.14's float32 Sin: Eigen's psin_float on packets of 8, libm's sinf on the rest."""
    return _eigen_unary(x, lambda p: _psincos(p, True), _scalar_trig(_sinf))


def cos(x):
    """TF 1.14's float32 Cos: Eigen's pcos_float on packets of 8, libm's cosf on the rest."""
    return _eigen_unary(x, lambda p: _psincos(p, False), _scalar_trig(_cosf))


# -- float64: TF 1.14's Exp and Sigmoid use Eigen's pexp<Packet4d> (Cephes' rational
# exp, AVX without FMA: every multiply-add a multiply, then an add) on packets of 4 and
# libm's exp on the last size % 4 values; Tanh, Log and Log1p call libm (glibc) value by
# value, which NumPy's SIMD float64 loops are not. Checked against TF 1.14 on 100,000
# values each.
_EXP64_MAX = 709.782712893384   # the largest double whose exp is finite


def libm_exp64(x):
    """libm's exp of each float64 value. Python's math.exp is libm's exp (4x faster per
    value than a ctypes call); a finite value past _EXP64_MAX overflows to inf, as in
    libm, where math.exp raises."""
    flat = np.asarray(x, np.float64).reshape(-1)
    out = np.fromiter(map(math.exp, np.minimum(flat, _EXP64_MAX).tolist()), np.float64,
                      count=flat.size)
    out[flat > _EXP64_MAX] = math.inf
    return out.reshape(np.shape(x))


_libm_tanh64 = _libm_double("tanh", math.tanh)
_libm_log1p64 = _libm_double("log1p", lambda v: math.log1p(v) if v > -1 else
                             (-math.inf if v == -1 else math.nan))
_PACKET64 = 4
_EXP64_P = (1.26177193074810590878e-4, 3.02994407707441961300e-2, 9.99999999999999999910e-1)
_EXP64_Q = (3.00198505138664455042e-6, 2.52448340349684104192e-3, 2.27265548208155028766e-1,
            2.00000000000000000009e0)


def _pexp64(x0):
    """Eigen's pexp<Packet4d>: x = n ln2 + g, exp(g) = 1 + 2 g P(g^2) / (Q(g^2) - g P(g^2)),
    times 2^n; the max with the input keeps a NaN."""
    x = np.minimum(x0, 709.437)
    np.maximum(x, -709.436139303, out=x)
    fx = x * 1.4426950408889634073599
    fx += 0.5
    np.floor(fx, out=fx)
    x -= fx * 0.693145751953125
    x -= fx * 1.42860682030941723212e-6
    x2 = x * x
    px = _EXP64_P[0] * x2
    px += _EXP64_P[1]
    px *= x2
    px += _EXP64_P[2]
    px *= x
    qx = _EXP64_Q[0] * x2
    for c in _EXP64_Q[1:]:
        qx += c
        if c != _EXP64_Q[-1]:
            qx *= x2
    qx -= px
    r = np.divide(px, qx)
    r *= 2.0
    r += 1.0
    # 2^n built from its exponent bits (n + 1023 << 52; n is at most 1024 here)
    e = ((fx.astype(np.int64) + 1023) << 52).view(np.float64)
    r *= e
    # AVX's max returns its second operand where either is NaN: x0's own NaN
    return np.where(np.isnan(x0), x0, np.maximum(r, x0))


TINY64 = _TINY64 = np.finfo(np.float64).tiny   # the smallest normal double


def flush64(a):
    """float64 values below the smallest normal as signed zeros (TF's threads: FTZ, DAZ)."""
    a = np.asarray(a, np.float64)
    small = np.abs(a) < _TINY64
    if small.any():
        a = np.where(small, np.copysign(0.0, a), a)
    return a


def _unary64(x, packet_fn, scalar_fn):
    x = np.asarray(x)
    flat = flush64(np.ascontiguousarray(x, dtype=np.float64).reshape(-1))
    n = flat.size
    body = n - n % _PACKET64
    out = np.empty(n, np.float64)
    with np.errstate(all="ignore"):
        if body:
            out[:body] = packet_fn(flat[:body])
        if body < n:
            out[body:] = scalar_fn(flat[body:])
    return flush64(out).reshape(x.shape)


def _daz64(fn):
    """libm's double `fn` as TF's threads run it: denormal inputs read as zero, denormal
    results flushed."""
    return lambda x: flush64(fn(flush64(x)))


def exp64(x):
    """TF 1.14's float64 Exp: Eigen's pexp on packets of 4, libm's exp on the rest."""
    return _unary64(x, _pexp64, libm_exp64)


def exp64_at(x, at):
    """exp64(x) where `at` (each value's own: pexp's lanes do not mix, and a value is in
    the packets or the libm tail by its position), 1 elsewhere: Elu's and Selu's exp of
    their negative inputs without the cost of the rest."""
    flat = flush64(np.ascontiguousarray(x, dtype=np.float64).reshape(-1))
    n = flat.size
    body = n - n % _PACKET64
    idx = np.flatnonzero(np.reshape(at, -1))
    out = np.ones(n, np.float64)
    head = idx[:np.searchsorted(idx, body)]
    with np.errstate(all="ignore"):
        out[head] = _pexp64(flat[head])
        out[idx[head.size:]] = libm_exp64(flat[idx[head.size:]])
    return flush64(out).reshape(np.shape(x))


def exp64_with_broadcast(x):
    """Exp of float64 x in an expression that also broadcasts (Softmax's exp(x - max), the
    cross-entropies' backprop): Eigen's pexp<Packet4d> and the libm tail below
    tiled_from(float64) values, libm's exp on every value from there."""
    return exp64(x) if np.size(x) < tiled_from(np.float64) else flush64(libm_exp64(flush64(x)))


def sigmoid64(x):
    """TF 1.14's float64 Sigmoid (scalar_logistic_op<double>): 1 / (1 + exp(-x)), Eigen's
    pexp on packets of 4, libm's exp on the rest."""
    # (pnegate is 0 - x, which keeps a NaN's sign)
    return _unary64(x, lambda p: 1.0 / (1.0 + _pexp64(0.0 - p)),
                    lambda t: 1.0 / (1.0 + libm_exp64(-t)))


libm_tanh64 = _daz64(_libm_tanh64)     # TF's float64 Tanh
# (TF's Log1p keeps a denormal: glibc returns a tiny x untouched, with no SSE arithmetic
# for DAZ to act on; its tanh multiplies)
libm_log1p64 = _libm_log1p64           # TF's float64 Log1p
libm_sinh64 = _libm_double("sinh", math.sinh)     # TF's float64 Sinh, Cosh, Asinh
libm_cosh64 = _libm_double("cosh", math.cosh)
libm_asinh64 = _libm_double("asinh", math.asinh)
libm_erf64 = _daz64(_libm_double("erf", math.erf))   # TF's float64 Erf, Erfc (std::erf;
libm_erfc64 = _daz64(_libm_double("erfc", math.erfc))   # erf(5e-324) is 0 under DAZ)
# TF's float64 Asin, Acos, Acosh, Atanh (std:: of each value: Eigen's double packets have
# none of them) and Expm1 (no packet expm1 either; expm1(5e-324) is 0 under DAZ)
libm_asin64 = _libm_double("asin", lambda v: math.asin(v) if -1 <= v <= 1 else math.nan)
libm_acos64 = _libm_double("acos", lambda v: math.acos(v) if -1 <= v <= 1 else math.nan)
libm_acosh64 = _libm_double("acosh", lambda v: math.acosh(v) if v >= 1 else math.nan)
libm_atanh64 = _libm_double("atanh", lambda v: math.atanh(v) if -1 < v < 1 else
                            (math.copysign(math.inf, v) if abs(v) == 1 else math.nan))
libm_atan64 = _libm_double("atan", math.atan)   # TF's float64 Atan (std::atan)
libm_expm1_64 = _daz64(_libm_double("expm1", lambda v: math.expm1(v) if v < 709.8
                                    else math.inf))
libm_log64_daz = _daz64(libm_log64)    # TF's float64 Log


# TF's float64 Softplus: its select of x, exp(x) and log(exp(x) + 1) has no packet log for
# double, so Eigen evaluates the whole expression value by value: libm's exp and log
_SP64_T = math.log(np.finfo(np.float64).eps) + 2.0


def softplus64(x):
    """TF 1.14's float64 Softplus (libm's exp and log of each value), up to EXACT_MAX
    values; None above (the caller's NumPy formula)."""
    if np.size(x) > EXACT_MAX:
        return None
    x = flush64(x)
    e = libm_exp64(x)
    with np.errstate(all="ignore"):
        mid = libm_log64(e + 1.0)
    return flush64(np.where(x > -_SP64_T, x, np.where(x < _SP64_T, e, mid)))


def softplus_grad64(g, x):
    """TF 1.14's float64 SoftplusGrad: g / (exp(-x) + 1), Eigen's pexp of 0 - x on packets
    of 4, libm's exp on the rest (g and x of one shape)."""
    gf = flush64(np.ascontiguousarray(g, np.float64).reshape(-1))
    e = _unary64(x, lambda p: _pexp64(0.0 - p), lambda t: libm_exp64(-t)).reshape(-1)
    with np.errstate(all="ignore"):
        return flush64(gf / (e + 1.0)).reshape(np.shape(g))


# -- float16: Eigen::half arithmetic is float arithmetic rounded to half after every
# operation, and its exp and log are half(expf(float(x))), half(logf(float(x))) (Half.h).
# TF 1.14's float16 Sigmoid is scalar_logistic_op's generic 1 / (1 + exp(-x)) in that
# arithmetic, its Softplus the float select above with NumTraits<half>::epsilon() = 2^-13
# (0x0800, not float16's 2^-10): threshold log(2^-13) + 2. NumPy's float16 formulas gave
# another half for ~20% of values.
_H = np.float16


def _half(a):
    with np.errstate(over="ignore"):
        return np.asarray(a, _F).astype(_H)


def _hexp(x):
    return _half(libm_exp(np.asarray(x, _F)))


def _hlog(x):
    with np.errstate(all="ignore"):
        return _half(libm_log(np.asarray(x, _F)))


def sigmoid16(x):
    """TF 1.14's float16 Sigmoid: 1 / (1 + exp(-x)), each operation rounded to half."""
    x = np.asarray(x, _H)
    with np.errstate(all="ignore"):
        d = _half(_F(1) + _hexp(-x).astype(_F))
        return _half(_F(1) / d.astype(_F))


_SP16_T = _half(_hlog(np.array(2.0 ** -13, _H)).astype(_F) + _F(2))


def softplus16(x):
    """TF 1.14's float16 Softplus: x above -T, exp(x) below T, log(exp(x) + 1) between
    (T = log(2^-13) + 2 = -7.01 in half arithmetic)."""
    x = np.asarray(x, _H)
    e = _hexp(x)
    mid = _hlog(_half(e.astype(_F) + _F(1)))
    return np.where(x > -_SP16_T, x, np.where(x < _SP16_T, e, mid))


# -- complex64/complex128: Eigen's scalar paths are std::complex arithmetic as GCC compiles
# it (libgcc's __divsc3/__divdc3: Smith's division, dividing by the denominator where
# NumPy multiplies by its reciprocal; a product as (ac - bd) + (ad + bc)i), with glibc's
# cexp/clog (NumPy's complex exp and log give their bits). Reciprocal's whole packets
# (4 complex64, 2 complex128 on AVX) are Eigen's pdiv: conj(b) / (br^2 + bi^2).
# (Ordinary values: libgcc's recovery of infinite or NaN quotients is not reproduced.)


def reciprocal_complex(z):
    """TF 1.14's complex Reciprocal: Eigen's packet pdiv on whole packets, 1 / z (Smith) on
    the last size % lanes values."""
    z = np.asarray(z)
    flat = z.reshape(-1)
    n = flat.size
    body = n - n % (4 if z.dtype == np.complex64 else 2)
    out = np.empty_like(flat)
    with np.errstate(all="ignore"):
        # conj(b), denormal parts read as zeros (DAZ), each product flushed (FTZ)
        br, bi = _fz(flat.real[:body]), np.negative(_fz(flat.imag[:body]))
        d = _fz(_fz(br * br) + _fz(bi * bi))
        zero = br.dtype.type(0)
        # pmul(1 + 0i, conj(b)) by addsub: (1 br - 0 bi, 1 bi + 0 br), its zeros' signs
        out.real[:body] = _fz((br - zero * bi) / d)
        out.imag[:body] = _fz((bi + zero * br) / d)
    out[body:] = complex_div(np.ones(n - body, z.dtype), flat[body:])
    return out.reshape(z.shape)


def sigmoid_complex(z):
    """TF 1.14's complex Sigmoid: 1 / (1 + exp(-z)), std::complex's exp and division."""
    z = np.asarray(z)
    with np.errstate(all="ignore"):
        return complex_div(np.ones_like(z), np.exp(-z) + z.real.dtype.type(1))


def expm1_complex(z):
    """TF 1.14's complex Expm1: Eigen's std_fallback (Kahan's): u = exp(z); z where u is 1,
    -1 where u - 1 is -1, else (u - 1) z / log(u)."""
    z = np.asarray(z)
    with np.errstate(all="ignore"):
        u = complex_flush(np.exp(z))   # (FTZ: an underflowing exp is 0, u - 1 is -1)
        um1 = u - z.real.dtype.type(1)
        r = complex_div(_complex_mul(um1, z), np.log(u))
        r = np.where(um1 == -1, z.dtype.type(-1), r)
        return np.where(u == 1, z, r)


def log1p_complex(z):
    """TF 1.14's complex Log1p: Eigen's std_fallback: w = 1 + z; z where w is 1, else
    z (log(w) / (w - 1))."""
    z = np.asarray(z)
    with np.errstate(all="ignore"):
        w = z + z.real.dtype.type(1)
        r = _complex_mul(z, complex_div(np.log(w), w - z.real.dtype.type(1)))
        return np.where(w == 1, z, r)


# TF 1.14's complex binary arithmetic (Eigen's AVX packets, no FMA; std::complex on the
# tail). NumPy's complex multiply fuses with FMA and its division scales differently.


def complex_mul(p, q):
    """p * q as Eigen's pmul (addsub of separate products) on whole packets and
    std::complex's operator* (complex_mul_scalar) on the last size % lanes values:
    (ar br - ai bi) + (ar bi + ai br) i, each product rounded."""
    p, q = np.asarray(p), np.asarray(q)
    with np.errstate(all="ignore"):
        return _split_apply(_complex_mul, complex_mul_scalar, p, q)


def complex_square(z):
    """TF's complex Square: z * z (Eigen's scalar_square_op is a product)."""
    return complex_mul(z, z)


def complex_squared_difference(p, q):
    """TF's complex SquaredDifference: v * conj(v), v = p - q."""
    with np.errstate(all="ignore"):
        v = np.subtract(p, q)
        return _complex_mul(v, np.conj(v))


def complex_div_no_nan(p, q):
    """TF 1.14's complex DivNoNan: 0 where q == 0, else p / q."""
    def zero(p, q):
        z = np.zeros_like(p)
        return q == 0, z, z
    return _split_div(p, q, zero)


def complex_xdivy(p, q):
    """TF 1.14's complex Xdivy: where x == 0 the packet path selects x itself (a -0 stays),
    the scalar tail returns +0; else x / y."""
    def zero(p, q):
        return p == 0, p, np.zeros_like(p)
    return _split_div(p, q, zero)


def complex_abs(z):
    """TF's ComplexAbs / Abs on complex: std::abs, i.e. glibc's hypot / hypotf (NumPy's
    hypot on the parts gives their bits; its complex absolute does not)."""
    z = np.asarray(z)
    return np.hypot(z.real, z.imag)


def _libm_atan2(name, fallback, ctype):
    try:
        fn = getattr(_LIBM, name)
        fn.restype, fn.argtypes = ctype, [ctype, ctype]
    except (NameError, AttributeError):
        fn = fallback
    return fn


_ATAN2 = {np.dtype(np.complex64): (_libm_atan2("atan2f", math.atan2, ctypes.c_float),
                                   np.float32),
          np.dtype(np.complex128): (_libm_atan2("atan2", math.atan2, ctypes.c_double),
                                    np.float64)}


@fpenv.ieee
def atan2(y, x):
    """TF 1.14's Atan2: std::atan2 of each pair (Eigen has no packet atan2): glibc's atan2
    (math.atan2 is libm's) or atan2f, denormals read and written as zeros (DAZ, FTZ), up
    to EXACT_MAX values; NumPy's arctan2 above (and for float16)."""
    yb, xb = np.broadcast_arrays(y, x)
    if yb.size > EXACT_MAX or yb.dtype not in (np.float32, np.float64):
        return np.arctan2(y, x)
    single = yb.dtype == np.float32
    ftz = flush if single else flush64
    fn = _ATAN2[np.dtype(np.complex64)][0] if single else math.atan2
    out = np.fromiter(map(fn, ftz(yb).reshape(-1).tolist(), ftz(xb).reshape(-1).tolist()),
                      yb.dtype, count=yb.size).reshape(yb.shape)
    if not single:   # glibc's atan2 tests y for zero by its bits, then x == 0 (a denormal
        # x under DAZ): +-pi/2 by y's sign bit, a denormal y included
        up = (xb != 0) & (np.abs(xb) < TINY64) & (yb.view(np.uint64) << np.uint64(1) != 0) & \
            ~np.isnan(yb)
        out[up] = np.copysign(math.pi / 2, yb[up])
    return ftz(out)   # (FTZ: a denormal angle is a zero)


def complex_angle(z):
    """TF's Angle: std::arg, glibc's atan2f / atan2 of (imag, real), value by value up to
    EXACT_MAX values (NumPy's arctan2 differs on ~10-40% of them); NumPy's above."""
    z = np.asarray(z)
    if z.size > EXACT_MAX or z.dtype not in _ATAN2:
        return np.arctan2(z.imag, z.real)
    fn, rt = _ATAN2[z.dtype]
    flat = z.reshape(-1)
    return np.fromiter(map(fn, flat.imag.tolist(), flat.real.tolist()), rt,
                       count=flat.size).reshape(z.shape)


def _const_like(z, v):
    return np.full(z.shape, v, z.dtype)


def _sub_from(v, z):
    """complex(v, 0) - z, part by part (pset1 then psub / std::complex's operator-)."""
    return _const_like(z, v) - z


def _zero_where(out, dy):
    return np.where(dy == 0, np.zeros((), out.dtype), out)


def complex_tanh_grad(y, dy):
    """TF's complex TanhGrad (y is conj(tanh(x))): dy * (1 - y * y)."""
    return _split_apply(lambda y, g: _complex_mul(g, _sub_from(1, _complex_mul(y, y))),
                        lambda y, g: _complex_mul(g, _sub_from(1, _complex_mul(y, y))), y, dy)


def complex_sigmoid_grad(y, dy):
    """TF's complex SigmoidGrad: dy * (y * (1 - y)) on packets, (dy * y) * (1 - y) on the
    tail."""
    return _split_apply(lambda y, g: _complex_mul(g, _complex_mul(y, _sub_from(1, y))),
                        lambda y, g: _complex_mul(_complex_mul(g, y), _sub_from(1, y)), y, dy)


def complex_reciprocal_grad(y, dy):
    """TF's complex ReciprocalGrad: -conj(y)^2 * dy, 0 where dy is 0 (the packets' pnegate
    is 0 - v, so a zero part comes out +0; the scalar tail's unary minus flips it)."""
    def packet(y, g):
        c = np.conj(y)
        return _complex_mul(_sub_from(0, _complex_mul(c, c)), g)

    def tail(y, g):
        c = np.conj(y)
        return _complex_mul(_complex_mul(-c, c), g)
    return _zero_where(_split_apply(packet, tail, y, dy), np.broadcast_to(dy, np.broadcast(
        y, dy).shape))


def complex_sqrt_grad(y, dy):
    """TF's complex SqrtGrad: (0.5 / conj(y)) * dy on packets (Eigen's pdiv), (0.5 * dy) /
    conj(y) (Smith) on the tail; 0 where dy is 0."""
    def packet(y, g):
        return _complex_mul(_packet_div(_const_like(y, 0.5), np.conj(y)), g)

    def tail(y, g):
        return complex_div(_complex_mul(_const_like(y, 0.5), g), np.conj(y))
    return _zero_where(_split_apply(packet, tail, y, dy), np.broadcast_to(dy, np.broadcast(
        y, dy).shape))


def complex_rsqrt_grad(y, dy):
    """TF's complex RsqrtGrad, c = conj(y): (-0.5 (c c)) (c dy) on packets, each of the
    two outer products a mul_no_nan (0 where its second factor is 0, after FTZ);
    (-0.5 (dy c)) (c c) on the tail; 0 where dy is 0."""
    def packet(y, g):
        c = np.conj(y)
        cg = _zero_where(_complex_mul(c, g), g)
        return _zero_where(_complex_mul(_complex_mul(_const_like(c, -0.5), _complex_mul(c, c)),
                                        cg), cg)

    def tail(y, g):
        c = np.conj(y)
        return _complex_mul(_complex_mul(_const_like(c, -0.5), _complex_mul(g, c)),
                            _complex_mul(c, c))
    return _zero_where(_split_apply(packet, tail, y, dy), np.broadcast_to(dy, np.broadcast(
        y, dy).shape))


def complex_pow(x, y):
    """TF's complex Pow: std::pow, i.e. glibc's cpow / cpowf: cexp(y * clog(x)), the
    product as libgcc's __mulsc3 / __muldc3 (NumPy's power special-cases integer and zero
    exponents: (-2.25+0j) ** (1+0j) has a -2e-7 imaginary part in TF, 0**y is NaN)."""
    x, y = np.asarray(x), np.asarray(y)
    dt = np.result_type(x, y)
    with np.errstate(all="ignore"):
        r = np.asarray(np.exp(complex_mul_scalar(y.astype(dt, copy=False),
                                                 np.log(x.astype(dt, copy=False)))), dt)
    out = np.empty(r.shape, dt)
    out.real, out.imag = _fz(r.real), _fz(r.imag)   # FTZ on cexp's result
    return out


def complex_flush(z):
    """z with each part's denormals as signed zeros (TF's threads: FTZ)."""
    z = np.asarray(z)
    out = np.empty(z.shape, z.dtype)
    out.real, out.imag = _fz(z.real), _fz(z.imag)
    return out
