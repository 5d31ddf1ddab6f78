"""Eigen's TensorFFT, which TF 1.14's CPU FFT kernels (FFT*, IFFT*, RFFT*, IRFFT*) use,
re-done in NumPy so that flowgrad's transforms give TF's bits.

The algorithm is that of unsupported/Eigen/CXX11/src/Tensor/TensorFFT.h of the Eigen
shipped with TF 1.14 (Eigen is licensed under the Mozilla Public License 2.0; this module
is a NumPy re-implementation of its arithmetic, not a copy of its code):
- each transformed axis in turn, one line at a time;
- a power-of-two length: bit-reversal scramble, then radix-2 butterflies (hard-coded
  butterflies of 2, 4 and 8 points; merges of larger halves with twiddles advanced by a
  product recurrence from a table of sines);
- any other length: Bluestein's algorithm, padded to a power of two >= 2n - 1, with the
  chirp exp(i pi j^2 / n) computed in double (libm cos/sin) and rounded to the scalar;
- the inverse transform multiplies each output by the complex (1 / n, 0).

All arithmetic is done in the scalar type (float32 for complex64, float64 for
complex128), with real and imaginary parts held apart, so that each complex product is
(ar br - ai bi, ar bi + ai br) rounded as std::complex does. The work is vectorized over
the lines and over the butterflies of one stage.
"""
from __future__ import annotations

__all__ = ["fft_axes", "rfft_nd", "irfft_nd"]

import math
from functools import lru_cache

import numpy as np

# TensorFFT's tables: -2 sin(pi / 2^i)^2 and -sin(2 pi / 2^i), as decimal doubles
_SIN_PI_DIV_N = (
    0.0, -2.0, -0.999999999999999, -0.292893218813453, -0.0761204674887130,
    -0.0192147195967696, -0.00481527332780311, -0.00120454379482761,
    -3.01181303795779e-04, -7.52981608554592e-05, -1.88247173988574e-05,
    -4.70619042382852e-06, -1.17654829809007e-06, -2.94137117780840e-07,
    -7.35342821488550e-08, -1.83835707061916e-08, -4.59589268710903e-09,
    -1.14897317243732e-09, -2.87243293150586e-10, -7.18108232902250e-11,
    -1.79527058227174e-11, -4.48817645568941e-12, -1.12204411392298e-12,
    -2.80511028480785e-13, -7.01277571201985e-14, -1.75319392800498e-14,
    -4.38298482001247e-15, -1.09574620500312e-15, -2.73936551250781e-16,
    -6.84841378126949e-17, -1.71210344531737e-17, -4.28025861329343e-18)
_MINUS_SIN_2PI_DIV_N = (
    0.0, 0.0, -1.00000000000000e+00, -7.07106781186547e-01, -3.82683432365090e-01,
    -1.95090322016128e-01, -9.80171403295606e-02, -4.90676743274180e-02,
    -2.45412285229123e-02, -1.22715382857199e-02, -6.13588464915448e-03,
    -3.06795676296598e-03, -1.53398018628477e-03, -7.66990318742704e-04,
    -3.83495187571396e-04, -1.91747597310703e-04, -9.58737990959773e-05,
    -4.79368996030669e-05, -2.39684498084182e-05, -1.19842249050697e-05,
    -5.99211245264243e-06, -2.99605622633466e-06, -1.49802811316901e-06,
    -7.49014056584716e-07, -3.74507028292384e-07, -1.87253514146195e-07,
    -9.36267570730981e-08, -4.68133785365491e-08, -2.34066892682746e-08,
    -1.17033446341373e-08, -5.85167231706864e-09, -2.92583615853432e-09)
_SQRT2DIV2 = 0.7071067811865476
_PI_LD = np.longdouble("3.141592653589793238462643383279502884197169399375105820974944592307816406")


def _mul(a, b):
    """std::complex product of (re, im) pairs."""
    re = a[0] * b[0]
    t = a[1] * b[1]
    re -= t
    im = np.multiply(a[0], b[1])
    np.multiply(a[1], b[0], out=t)
    im += t
    return re, im


def _smul(a, b):
    """_mul of scalars."""
    return a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]


def _add(a, b):
    return a[0] + b[0], a[1] + b[1]


def _sub(a, b):
    return a[0] - b[0], a[1] - b[1]


def _const(re, im, rt):
    return rt(re), rt(im)


@lru_cache(maxsize=None)
def _scramble_perm(n):
    """The permutation made by TensorFFT's scramble_FFT (a bit reversal)."""
    p = list(range(n))
    j = 1
    for i in range(1, n):
        if j > i:
            p[j - 1], p[i - 1] = p[i - 1], p[j - 1]
        m = n >> 1
        while m >= 2 and j > m:
            j -= m
            m >>= 1
        j += m
    return np.array(p, np.intp)


def _log2(m):
    k = 0
    while m > 1:
        m >>= 1
        k += 1
    return k


@lru_cache(maxsize=None)
def _merge_twiddles(s, rt_name, forward):
    """The factors butterfly_1D_merge applies to the upper half of a block of s points:
    w (advanced by wp_one^4 every 4 points), then (re, im) arrays of wp_one, wp_one^2,
    wp_one^3 (applied after w to points 1, 2, 3 of each group of 4)."""
    rt = np.dtype(rt_name).type
    lg = _log2(s)
    wtemp = rt(_SIN_PI_DIV_N[lg])
    wpi = rt(_MINUS_SIN_2PI_DIV_N[lg]) if forward else -rt(_MINUS_SIN_2PI_DIV_N[lg])
    one = (rt(wtemp + rt(1)), rt(wpi + rt(0)))
    p2 = _smul(one, one)
    p3 = _smul(p2, one)
    p4 = _smul(p3, one)
    n2 = s // 2
    wr = np.empty(n2 // 4, rt)
    wi = np.empty(n2 // 4, rt)
    w = (rt(1), rt(0))
    for k in range(n2 // 4):
        wr[k], wi[k] = w
        w = _smul(w, p4)
    return ((np.repeat(wr, 4), np.repeat(wi, 4)),
            (np.array([one[0], p2[0], p3[0]]), np.array([one[1], p2[1], p3[1]])))


def _bf2(d):
    a, b = (d[0][..., 0], d[1][..., 0]), (d[0][..., 1], d[1][..., 1])
    return [_add(a, b), _sub(a, b)]


def _bf4(x, forward, rt):
    """butterfly_4 on the 4 columns x[0..3] (each a (re, im) pair)."""
    j = _const(0.0, -1.0 if forward else 1.0, rt)
    t0 = _add(x[0], x[1])
    t1 = _sub(x[0], x[1])
    t2 = _add(x[2], x[3])
    t3 = _mul(j, _sub(x[2], x[3]))
    return [_add(t0, t2), _add(t1, t3), _sub(t0, t2), _sub(t1, t3)]


def _bf8(x, forward, rt):
    """butterfly_8 on the 8 columns x[0..7]."""
    sg = -1.0 if forward else 1.0
    j = _const(0.0, sg, rt)
    t = [None] * 8
    t[0] = _add(x[0], x[1])
    t[1] = _sub(x[0], x[1])
    t[2] = _add(x[2], x[3])
    t[3] = _mul(_sub(x[2], x[3]), j)
    t[4] = _add(x[4], x[5])
    t[5] = _sub(x[4], x[5])
    t[6] = _add(x[6], x[7])
    t[7] = _mul(_sub(x[6], x[7]), j)
    u = [None] * 8
    u[0] = _add(t[0], t[2])
    u[1] = _add(t[1], t[3])
    u[2] = _sub(t[0], t[2])
    u[3] = _sub(t[1], t[3])
    u[4] = _add(t[4], t[6])
    u[5] = _mul(_add(t[5], t[7]), _const(_SQRT2DIV2, sg * _SQRT2DIV2, rt))
    u[6] = _mul(_sub(t[4], t[6]), j)
    u[7] = _mul(_sub(t[5], t[7]), _const(-_SQRT2DIV2, sg * _SQRT2DIV2, rt))
    return [_add(u[0], u[4]), _add(u[1], u[5]), _add(u[2], u[6]), _add(u[3], u[7]),
            _sub(u[0], u[4]), _sub(u[1], u[5]), _sub(u[2], u[6]), _sub(u[3], u[7])]


def _cooley_tukey(re, im, forward):
    """scramble_FFT then compute_1D_Butterfly on the rows of re/im (length a power of
    two); returns new (re, im)."""
    n = re.shape[-1]
    if n == 1:
        return re.copy(), im.copy()
    rt = re.dtype.type
    perm = _scramble_perm(n)
    re = re[:, perm]
    im = im[:, perm]
    rows = re.shape[0]
    if n == 2:
        return (np.stack([re[:, 0] + re[:, 1], re[:, 0] - re[:, 1]], -1),
                np.stack([im[:, 0] + im[:, 1], im[:, 0] - im[:, 1]], -1))
    base = 4 if n == 4 else 8
    # the base butterflies' columns, each contiguous
    r3 = np.ascontiguousarray(re.reshape(-1, base).T)
    i3 = np.ascontiguousarray(im.reshape(-1, base).T)
    cols = [(r3[c], i3[c]) for c in range(base)]
    out = _bf4(cols, forward, rt) if base == 4 else _bf8(cols, forward, rt)
    re = np.stack([o[0] for o in out], -1).reshape(rows, n)
    im = np.stack([o[1] for o in out], -1).reshape(rows, n)
    s = 16
    out_r = np.empty_like(re)
    out_i = np.empty_like(im)
    while s <= n:
        (wr, wi), (pr, pi) = _merge_twiddles(s, re.dtype.name, forward)
        n2 = s // 2
        r3 = re.reshape(rows, n // s, s)
        i3 = im.reshape(rows, n // s, s)
        tr, ti = _mul((r3[..., n2:], i3[..., n2:]), (wr, wi))
        # points 1, 2, 3 of each group of 4 are multiplied again by wp_one^1, ^2, ^3
        t4r = tr.reshape(rows, n // s, n2 // 4, 4)
        t4i = ti.reshape(rows, n // s, n2 // 4, 4)
        t4r[..., 1:], t4i[..., 1:] = _mul((t4r[..., 1:], t4i[..., 1:]), (pr, pi))
        o3r = out_r.reshape(rows, n // s, s)
        o3i = out_i.reshape(rows, n // s, s)
        np.add(r3[..., :n2], tr, out=o3r[..., :n2])
        np.subtract(r3[..., :n2], tr, out=o3r[..., n2:])
        np.add(i3[..., :n2], ti, out=o3i[..., :n2])
        np.subtract(i3[..., :n2], ti, out=o3i[..., n2:])
        re, out_r = out_r, re
        im, out_i = out_i, im
        s *= 2
    return re, im


@lru_cache(maxsize=None)
def _chirp(n, rt_name):
    """pos_j_base_powered: exp(i pi j^2 / n) for j = 0..n, computed in double, rounded to
    the scalar type."""
    rt = np.dtype(rt_name)
    # EIGEN_PI is a long double literal: the argument is computed in x87 extended
    # precision, then rounded to double
    j = np.arange(n + 1).astype(np.longdouble)
    args = (((_PI_LD * j) * j) / np.longdouble(n)).astype(np.float64).tolist()
    return (np.array([math.cos(a) for a in args]).astype(rt),
            np.array([math.sin(a) for a in args]).astype(rt))


@lru_cache(maxsize=None)
def _bluestein_kernel(n, rt_name, forward):
    """The transformed chirp b of processDataLineBluestein (it does not depend on the
    data), and the padded length m."""
    m = 2
    while m < 2 * n - 1:
        m *= 2
    pr, pi = _chirp(n, rt_name)
    if not forward:
        pi = -pi
    br = np.zeros(m, pr.dtype)
    bi = np.zeros(m, pr.dtype)
    br[:n], bi[:n] = pr[:n], pi[:n]
    idx = m - np.arange(m - n, m)
    br[m - n:], bi[m - n:] = pr[idx], pi[idx]
    br, bi = _cooley_tukey(br[None], bi[None], True)
    return br[0], bi[0], m


def _bluestein(re, im, forward):
    n = re.shape[-1]
    rows = re.shape[0]
    pr, pi = _chirp(n, re.dtype.name)
    pr, pi = pr[:n], pi[:n]
    c = (pr, -pi) if forward else (pr, pi)
    br, bi, m = _bluestein_kernel(n, re.dtype.name, forward)
    ar = np.zeros((rows, m), re.dtype)
    ai = np.zeros((rows, m), re.dtype)
    ar[:, :n], ai[:, :n] = _mul((re, im), c)
    ar, ai = _cooley_tukey(ar, ai, True)
    ar, ai = _mul((ar, ai), (br, bi))
    ar, ai = _cooley_tukey(ar, ai, False)
    fm = re.dtype.type(m)
    ar = ar[:, :n] / fm
    ai = ai[:, :n] / fm
    return _mul((ar, ai), c)


def _line_fft(re, im, forward):
    """One TensorFFT line transform of the rows of re/im (2-D arrays)."""
    n = re.shape[-1]
    if n & (n - 1) == 0:
        re, im = _cooley_tukey(re, im, forward)
    else:
        re, im = _bluestein(re, im, forward)
    if not forward:
        re, im = _mul((re, im), _const(1.0 / n, 0.0, re.dtype.type))
    return re, im


def _axis_fft(re, im, axis, forward):
    n = re.shape[axis]
    if re.size == 0 or n == 0:
        return re, im
    r = np.moveaxis(re, axis, -1)
    i = np.moveaxis(im, axis, -1)
    shp = r.shape
    r2, i2 = _line_fft(np.ascontiguousarray(r).reshape(-1, n),
                       np.ascontiguousarray(i).reshape(-1, n), forward)
    return (np.moveaxis(r2.reshape(shp), -1, axis), np.moveaxis(i2.reshape(shp), -1, axis))


def _split(x):
    x = np.asarray(x)
    rt = np.float32 if x.dtype == np.complex64 else np.float64
    return np.ascontiguousarray(x.real, rt), np.ascontiguousarray(x.imag, rt)


def _join(re, im):
    out = np.empty(re.shape, np.complex64 if re.dtype == np.float32 else np.complex128)
    out.real = re
    out.imag = im
    return out


def fft_axes(x, k, forward):
    """Eigen's x.fft<BothParts, FFT_FORWARD or FFT_REVERSE>(axes) over the innermost k
    axes (transformed outermost first, as TF's axes 1..k), x complex64 or complex128."""
    re, im = _split(x)
    for ax in range(-k, 0):
        re, im = _axis_fft(re, im, ax, forward)
    return _join(re, im)


def rfft_nd(x, k):
    """TF 1.14's real forward FFT: the full complex FFT of (x, 0) over the innermost k
    axes, sliced to the non-negative frequencies of the innermost one."""
    x = np.asarray(x)
    re = np.ascontiguousarray(x)
    im = np.zeros_like(re)
    for ax in range(-k, 0):
        re, im = _axis_fft(re, im, ax, True)
    h = x.shape[-1] // 2 + 1
    return _join(re[..., :h], im[..., :h])


def irfft_nd(x, n):
    """TF 1.14's real inverse FFT: x (the innermost axes already fft_length on all but
    the last, which is fft_length[-1] // 2 + 1) inverse transformed over the outer fft
    axes, its spectrum completed with the reversed conjugate, then inverse transformed on
    the innermost axis, keeping the real part."""
    k = len(n)
    re, im = _split(x)
    for ax in range(-k, -1):
        re, im = _axis_fft(re, im, ax, False)
    h = re.shape[-1]
    nl = n[-1]
    neg = nl - h
    fr = np.zeros(re.shape[:-1] + (nl,), re.dtype)
    fi = np.zeros(re.shape[:-1] + (nl,), re.dtype)
    fr[..., :h], fi[..., :h] = re, im
    if neg > 0:
        fr[..., h:] = re[..., neg:0:-1]
        fi[..., h:] = -im[..., neg:0:-1]
    fr, fi = _axis_fft(fr, fi, -1, False)
    return fr
