"""TF 1.14's complex arithmetic on CPU, value for value: Eigen's AVX packet products and
divisions (no fused multiply-add) and libgcc's std::complex operator* / operator/ (Smith's
division, C99 Annex G recovery) on the scalar tail, every float operation flushed (TF's
threads run with FTZ and DAZ). Used by eigen_math's complex kernels and eigen_sum's Mean
and Prod."""
from __future__ import annotations

import numpy as np


def complex_div(p, q):
    """p / q as libgcc's __divdc3 / __divsc3 (Smith's algorithm) for finite values."""
    p, q = np.broadcast_arrays(np.asarray(p), np.asarray(q))
    ar, ai, br, bi = _fz(p.real), _fz(p.imag), _fz(q.real), _fz(q.imag)
    f = _fz
    with np.errstate(all="ignore"):
        sw = np.abs(br) < np.abs(bi)
        ratio = f(np.where(sw, br / bi, bi / br))
        denom = f(np.where(sw, f(br * ratio) + bi, f(bi * ratio) + br))
        out = np.empty(p.shape, np.result_type(p, q))
        out.real = f(f(np.where(sw, f(ar * ratio) + ai, f(ai * ratio) + ar)) / denom)
        out.imag = f(f(np.where(sw, f(ai * ratio) - ar, ai - f(ar * ratio))) / denom)
        both_nan = np.isnan(out.real) & np.isnan(out.imag)
        if both_nan.any():
            _divc3_recover(out, ar, ai, br, bi, both_nan)
    return out


def _divc3_recover(out, a, b, c, d, nan):
    """libgcc's __divdc3 recovery where both parts came out NaN (C99 Annex G): a zero
    divisor gives signed infinities, an infinite dividend by a finite divisor infinities,
    a finite dividend by an infinite divisor zeros."""
    inf = out.real.dtype.type(np.inf)
    fin_ab, fin_cd = np.isfinite(a) & np.isfinite(b), np.isfinite(c) & np.isfinite(d)
    zero = nan & (c == 0) & (d == 0) & ~(np.isnan(a) & np.isnan(b))
    big = nan & ~zero & (np.isinf(a) | np.isinf(b)) & fin_cd
    small = nan & ~zero & ~big & (np.isinf(c) | np.isinf(d)) & fin_ab
    s = np.copysign(inf, c)
    x, y = np.where(zero, s * a, out.real), np.where(zero, s * b, out.imag)
    a1 = np.copysign(np.isinf(a).astype(a.dtype), a)
    b1 = np.copysign(np.isinf(b).astype(b.dtype), b)
    x = np.where(big, inf * (a1 * c + b1 * d), x)
    y = np.where(big, inf * (b1 * c - a1 * d), y)
    c1 = np.copysign(np.isinf(c).astype(c.dtype), c)
    d1 = np.copysign(np.isinf(d).astype(d.dtype), d)
    zt = out.real.dtype.type(0)
    out.real = np.where(small, zt * (a * c1 + b * d1), x)
    out.imag = np.where(small, zt * (b * c1 - a * d1), y)


def _fz(x):
    """x with values below the smallest normal as signed zeros: TF's threads run with FTZ
    and DAZ, so each float32 / float64 operation of a complex kernel flushes."""
    x = np.asarray(x)
    small = np.abs(x) < np.finfo(x.dtype).tiny
    if small.any():
        x = np.where(small, np.copysign(x.dtype.type(0), x), x)
    return x


def _complex_mul(p, q):
    """p * q, each real product and sum rounded and flushed (no FMA): Eigen's pmul and
    libgcc's __mulsc3 / __muldc3 on finite values."""
    out = np.empty(np.broadcast(p, q).shape, np.result_type(p, q))
    pr, pi, qr, qi = _fz(p.real), _fz(p.imag), _fz(q.real), _fz(q.imag)
    out.real = _fz(_fz(pr * qr) - _fz(pi * qi))
    out.imag = _fz(_fz(pr * qi) + _fz(pi * qr))
    return out


def _lanes(dtype):
    """Complex values per AVX packet: 4 complex64, 2 complex128."""
    return 4 if dtype == np.complex64 else 2


def complex_mul_scalar(p, q):
    """std::complex's operator* (libgcc's __mulsc3 / __muldc3): the products without FMA,
    then C99 Annex G's recovery where both parts came out NaN (an infinite factor gives
    infinities)."""
    with np.errstate(all="ignore"):
        out = _complex_mul(p, q)
        nan = np.isnan(out.real) & np.isnan(out.imag)
        if not nan.any():
            return out
        p, q = np.broadcast_arrays(p, q)
        a, b, c, d = p.real.copy(), p.imag.copy(), q.real.copy(), q.imag.copy()
        t = a.dtype.type

        def unit(v):
            return np.copysign(np.isinf(v).astype(v.dtype), v)

        def nan0(v, m):
            return np.where(m & np.isnan(v), np.copysign(t(0), v), v)
        inf_p = nan & (np.isinf(a) | np.isinf(b))
        a, b = np.where(inf_p, unit(a), a), np.where(inf_p, unit(b), b)
        c, d = nan0(c, inf_p), nan0(d, inf_p)
        inf_q = nan & (np.isinf(c) | np.isinf(d))
        c, d = np.where(inf_q, unit(c), c), np.where(inf_q, unit(d), d)
        a, b = nan0(a, inf_q), nan0(b, inf_q)
        pr, pi, qr, qi = p.real, p.imag, q.real, q.imag
        over = nan & ~inf_p & ~inf_q & (np.isinf(pr * qr) | np.isinf(pi * qi) |
                                        np.isinf(pr * qi) | np.isinf(pi * qr))
        a, b, c, d = nan0(a, over), nan0(b, over), nan0(c, over), nan0(d, over)
        redo = inf_p | inf_q | over
        out.real = np.where(redo, t(np.inf) * (a * c - b * d), out.real)
        out.imag = np.where(redo, t(np.inf) * (a * d + b * c), out.imag)
        return out


def _packet_div(p, q):
    """Eigen's pdiv for complex packets: p * conj(q) / (qr^2 + qi^2)."""
    f = _fz
    qr, qi, pr, pi = f(q.real), f(q.imag), f(p.real), f(p.imag)
    d = f(f(qr * qr) + f(qi * qi))
    out = np.empty(p.shape, p.dtype)
    out.real = f(f(f(pr * qr) + f(pi * qi)) / d)
    out.imag = f(f(f(pi * qr) - f(pr * qi)) / d)
    return out


def _split_div(p, q, on_zero=None):
    """p / q over the broadcast, flattened: whole packets by `_packet_div`, the last
    size % lanes values by libgcc's Smith division. `on_zero`: (mask of x, y, packet
    value, tail value) as Xdivy / DivNoNan select."""
    p, q = np.asarray(p), np.asarray(q)
    dt = np.result_type(p, q)
    p, q = np.broadcast_arrays(p.astype(dt, copy=False), q.astype(dt, copy=False))
    shape = p.shape
    p, q = p.reshape(-1), q.reshape(-1)
    n = p.size
    body = n - n % _lanes(dt)
    out = np.empty(n, dt)
    with np.errstate(all="ignore"):
        out[:body] = _packet_div(p[:body], q[:body])
        out[body:] = complex_div(p[body:], q[body:])
    if on_zero is not None:
        mask, packet_val, tail_val = on_zero(p, q)
        out[:body] = np.where(mask[:body], packet_val[:body], out[:body])
        out[body:] = np.where(mask[body:], tail_val[body:], out[body:])
    return out.reshape(shape)


def complex_realdiv(p, q):
    """TF 1.14's complex RealDiv / Div."""
    return _split_div(p, q)


def _split_apply(packet, tail, *args):
    """packet(*args) on whole complex packets of the broadcast, flattened args, tail(*args)
    on the last size % lanes values (TF's Eigen packet functor, then its scalar one)."""
    dt = np.result_type(*args)
    arrs = np.broadcast_arrays(*[np.asarray(a).astype(dt, copy=False) for a in args])
    shape = arrs[0].shape
    flat = [a.reshape(-1) for a in arrs]
    n = flat[0].size
    body = n - n % _lanes(dt)
    out = np.empty(n, dt)
    with np.errstate(all="ignore"):
        out[:body] = packet(*[a[:body] for a in flat])
        out[body:] = tail(*[a[body:] for a in flat])
    return out.reshape(shape)


def cgemv_rows_conj(m, v):
    """Eigen's row-major complex GEMV m [B, r, k] . conj(v) [B, k] (AVX: packets of 4
    complex64 / 2 complex128, each lane's products a * conj(b) added from 0, predux by
    halves, then the tail in order)."""
    k = v.shape[1]
    pk = 4 if v.dtype == np.complex64 else 2
    whole = k // pk * pk
    ar, ai, br, bi = m.real, m.imag, v.real[:, None, :], v.imag[:, None, :]
    p = np.empty(m.shape, m.dtype)    # a * conj(b), each part rounded (no fused products)
    p.real, p.imag = ar * br + ai * bi, ai * br - ar * bi
    if whole:
        lanes = p[:, :, :pk]
        for j in range(pk, whole, pk):
            lanes = lanes + p[:, :, j:j + pk]
        while lanes.shape[2] > 1:
            h = lanes.shape[2] // 2
            lanes = lanes[:, :, :h] + lanes[:, :, h:]
        res = lanes[:, :, 0]
    else:
        res = np.zeros(m.shape[:2], m.dtype)
    for j in range(whole, k):
        res = res + p[:, :, j]
    return res
