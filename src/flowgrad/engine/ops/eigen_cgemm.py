"""complex64 / complex128 matrix products in the order TF 1.14's CPU kernels add (Eigen, AVX
without FMA): MatMul's tensor contraction and matrix-vector kernels, and BatchMatMul's
contraction (one matrix, or products too large for its sequential kernel).

Eigen's complex GEBP (gebp_traits<complex, complex>) keeps, for each output, four real
sums over k: x_re*y_re, x_im*y_im, x_im*y_re and x_re*y_im (its DoublePacket: the lhs
packet times the broadcast real part, then the imaginary part), and only at the end forms
re = S_rr - S_ii, im = S_ir + S_ri, multiplied by alpha = 1 as a complex number (re*1 - im*0,
re*0 + im*1: an infinite part makes the other NaN) and added to the zeroed output. Its
rows are the output's columns (mr: one packet, 4 complex64 or 2 complex128; nr = 4):

- output columns in whole packets, then one half packet (2 complex64, 1 complex128), for
  output rows in groups of 4: even and odd k over the whole blocks of 8 k in two
  accumulators, added, then the last k % 8 one by one; the other rows one by one;
- the last column of a complex64 kernel call of odd width, rows in groups of 4 (the
  "swapped" kernel): four accumulators by k mod 4 over whole blocks of 4 k, added as
  (0 + 1) + (2 + 3), then the rest; other rows: std::complex products, each rounded
  (re = xr*yr - xi*yi, im = xr*yi + xi*yr, C99's recovery where both are NaN), added one
  by one.

Depth blocks, threads, column and row panels and depth shards follow Eigen's blocking and
cost model (fused_matmul.eigen_threads, eigen_half_mm._shard_by_col / _by_k) with the
complex sizes; the caches are the host's as Eigen reads them (CPUID; host_cpu.eigen_caches):
on the Intel Xeon the golden comes from, L1 48 KiB, L2 2 MiB (max kc 760 for complex64, 504
for complex128 on one thread; 320 on more).

MatMul with one output column, or one output row and a transposed b, is Eigen's gemv
(ExplicitVectorMatrixOptimization): row-major, one accumulator of P lanes (4 complex64, 2
complex128) over whole packets, reduced by halves, then the rest one by one; column-major
(a transposed, or m = 1 through the contraction's evalGemv), products one by one, in
blocks of 16 k (each summed, then added) from k = 128 on. Below Eigen's coefficient-based
threshold (rows + k + 1 < 20) a row-major product adds one by one, except with b transposed
and a not, where it is Eigen's vectorized redux (two packet accumulators). Checked bit for
bit against TF 1.14 (golden math/complex_matmul_bits).
"""
from __future__ import annotations

import functools

import numpy as np

from . import eigen_half_mm as _eh
from . import fused_matmul as _fm
from .complex_arith import complex_mul_scalar
from .host_cpu import eigen_caches

__all__ = ["product", "matmul", "handles"]

_L1C, _L2C = eigen_caches()[:2]   # Eigen's L1 and L2 on the host (host_cpu)
_NR = 4
_CHUNK = 1 << 18              # real products held at once


def _sizes(dt):
    """(packet = mr in complex values, bytes per value) of Eigen's complex packet."""
    return (4, 8) if dt == np.complex64 else (2, 16)


def handles(a, b) -> bool:
    """Whether these MatMul operands are a complex product this module reproduces."""
    return a.dtype == b.dtype and a.dtype in (np.complex64, np.complex128) and \
        a.ndim == b.ndim == 2 and a.size and b.size


# -- the four real sums ----------------------------------------------------------------------
def _seq(x, y, k0, k1, step=1, acc=None):
    """acc + [x_re y_re, x_im y_im, x_im y_re, x_re y_im] for k in range(k0, k1, step), one k
    after the other ([4, m, n]; NumPy's add.reduce over the leading axis adds in order)."""
    ks = range(k0, k1, step)
    m, n = x.shape[0], y.shape[1]
    per = max(1, _CHUNK // (4 * m * n))
    for c0 in range(0, len(ks), per):
        sub = ks[c0:c0 + per]
        lead = 0 if acc is None else 1
        buf = np.empty((len(sub) + lead, 4, m, n), x.real.dtype)
        if lead:
            buf[0] = acc
        xs = x[:, sub.start:sub.stop:sub.step].T[:, :, None]
        ys = y[sub.start:sub.stop:sub.step][:, None, :]
        p = buf[lead:]
        np.multiply(xs.real, ys.real, out=p[:, 0])
        np.multiply(xs.imag, ys.imag, out=p[:, 1])
        np.multiply(xs.imag, ys.real, out=p[:, 2])
        np.multiply(xs.real, ys.imag, out=p[:, 3])
        acc = np.add.reduce(buf, axis=0) if len(buf) > 1 else buf[0].copy()
    return acc


def _split2(x, y, k0, k1):
    whole = k0 + ((k1 - k0) & ~7)
    if whole == k0:
        return _seq(x, y, k0, k1)
    acc = _seq(x, y, k0, whole, 2) + _seq(x, y, k0 + 1, whole, 2)
    return _seq(x, y, whole, k1, 1, acc) if k1 > whole else acc


def _swapped(x, y, k0, k1):
    end4 = k0 + ((k1 - k0) & ~3)
    if end4 == k0:
        return _seq(x, y, k0, k1)
    lane = [_seq(x, y, k0 + j, end4, 4) for j in range(4)]
    acc = (lane[0] + lane[1]) + (lane[2] + lane[3])
    return _seq(x, y, end4, k1, 1, acc) if k1 > end4 else acc


def _combine(s):
    """A packet kernel's sums as (re, im), times alpha = 1 (Eigen's complex pmadd)."""
    re, im = s[0] - s[1], s[2] + s[3]
    one, zero = re.dtype.type(1), re.dtype.type(0)
    return re * one - im * zero, re * zero + im * one


def _cmul(xr, xi, yr, yi):
    return xr * yr - xi * yi, xr * yi + xi * yr


def _scalar(x, y, k0, k1):
    """std::complex products added one by one from 0, times alpha (a complex product)."""
    re = np.zeros((x.shape[0], y.shape[1]), x.real.dtype)
    im = re.copy()
    for k in range(k0, k1):
        p = complex_mul_scalar(x[:, k:k + 1], y[k:k + 1])
        re, im = re + p.real, im + p.imag
    out = complex_mul_scalar(np.ones(1, x.dtype), _complex(re, im))   # std::complex's alpha *
    return out.real, out.imag


def _out_zero(z):
    """0 + z (the zeroed output a kernel adds to: -0 parts become +0)."""
    return z.dtype.type(0) + z


# -- the GEBP kernel calls ---------------------------------------------------------------
def _col_kinds(n, bm, packet):
    """Each output column's kernel when the columns are cut into calls of bm: 1 for the
    whole packets and the half packet, 2 for the last column of an odd call (complex64)."""
    kind = np.ones(n, np.int8)
    if packet == 4:
        for c in range(0, n, bm):
            w = min(bm, n - c)
            if w % 2:
                kind[c + w - 1] = 2
    return kind


def _grouped_rows(m, bn):
    """The output rows that a kernel call (rows cut into calls of bn) takes in groups of 4."""
    r = np.arange(m)
    start = r - r % bn
    return (r - start) < (np.minimum(bn, m - start) // _NR * _NR)


def _gebp(x, y, k0, k1, grouped, kinds):
    """(re, im) of the kernel calls over depth [k0, k1) (see the module docstring)."""
    m, n = x.shape[0], y.shape[1]
    re = np.empty((m, n), x.real.dtype)
    im = np.empty_like(re)
    for kind in (1, 2):
        cols = np.flatnonzero(kinds == kind)
        if not cols.size:
            continue
        yc = y[:, cols]
        for rows, fn in ((np.flatnonzero(grouped), _split2 if kind == 1 else _swapped),
                         (np.flatnonzero(~grouped), None)):
            if not rows.size:
                continue
            xr = x[rows]
            if fn is None:
                r_, i_ = _combine(_seq(xr, yc, k0, k1)) if kind == 1 else _scalar(xr, yc, k0, k1)
            else:
                r_, i_ = _combine(fn(xr, yc, k0, k1))
            re[np.ix_(rows, cols)] = r_
            im[np.ix_(rows, cols)] = i_
    return re, im


def _kc1(m, k, n, max_kc):
    """Eigen's depth block on one thread (computeProductBlockingSizes)."""
    if max(m, k, n) < 48 or k <= max_kc:
        return k
    if k % max_kc == 0:
        return max_kc
    return max_kc - 8 * ((max_kc - 1 - k % max_kc) // (8 * (k // max_kc + 1)))


@functools.lru_cache(maxsize=4096)
def _plan(m, n, k, pool, packet, size):
    """(depth shards, depth block, output columns per call, output rows per call) of
    Eigen's complex contraction of (m, k) @ (k, n) on `pool` threads."""
    t = _fm.eigen_threads(n, m, k, pool, packet, float(size), packet)
    tk = _fm.eigen_threads_by_k(n, m, k, pool, packet, float(size), packet)
    if _eh._by_k(n, m, k, t, tk):
        s = min(k, max(12 * packet, (-(-k // tk) + 7) // 8 * 8))
        return tuple((a, min(k, a + s)) for a in range(0, k, s)), min(320, s), n, m
    if t == 1:
        max_kc = ((_L1C - packet * _NR * size) // ((packet + _NR) * size)) & ~7
        return ((0, k),), _kc1(m, k, n, max_kc), n, m
    kc = min(320, k)
    if _eh._shard_by_col(n, m, t):
        return ((0, k),), kc, _eh._thread_block(n, packet, t), m
    # sharded by rows: Eigen blocks with the operands swapped (TensorContractionBlocking)
    n_cache = (_L2C - _L1C) // (_NR * size * kc)
    bm = n_cache - n_cache % _NR if n_cache <= -(-n // t) else _eh._thread_block(n, _NR, t)
    return ((0, k),), kc, bm, _eh._thread_block(m, packet, t)


def product(x, y, pool):
    """x [m, k] @ y [k, n] (complex, transposes applied, m and n above 1) as Eigen's tensor
    contraction sums it on an intra-op pool of `pool` threads."""
    m, k = x.shape
    n = y.shape[1]
    packet, size = _sizes(x.dtype)
    shards, kc, bm, bn = _plan(m, n, k, pool, packet, size)
    kinds = _col_kinds(n, bm, packet)
    grouped = _grouped_rows(m, bn)
    re = np.zeros((m, n), x.real.dtype)
    im = np.zeros_like(re)
    for a, b in shards:
        sre = sim = None
        for k0 in range(a, b, kc):
            r_, i_ = _gebp(x, y, k0, min(b, k0 + kc), grouped, kinds)
            sre, sim = (r_, i_) if sre is None else (sre + r_, sim + i_)
        re, im = re + sre, im + sim
    return _complex(re, im)


def _complex(re, im):
    out = np.empty(re.shape, np.complex64 if re.dtype == np.float32 else np.complex128)
    out.real, out.imag = re, im
    return out


# -- matrix-vector products ----------------------------------------------------------------
def _gemv_rows(a, v):
    """Row-major a [r, k] times v [k]: P lanes over the whole packets, reduced by halves,
    the rest one by one; then times alpha, added to 0."""
    r, k = a.shape
    packet = _sizes(a.dtype)[0]
    whole = k // packet * packet
    p = _cmul(a.real, a.imag, v.real, v.imag)
    if whole:
        lanes = [np.add.reduce(np.ascontiguousarray(np.moveaxis(
            q[:, :whole].reshape(r, whole // packet, packet), 1, 0)), axis=0) if whole > packet
            else q[:, :packet].copy() for q in p]
        while lanes[0].shape[1] > 1:
            h = lanes[0].shape[1] // 2
            lanes = [q[:, :h] + q[:, h:] for q in lanes]
        re, im = lanes[0][:, 0], lanes[1][:, 0]
    else:
        re = im = np.zeros(r, a.real.dtype)
    for i in range(whole, k):
        re, im = re + p[0][:, i], im + p[1][:, i]
    return _alpha(re, im)


def _alpha(re, im, scalar=True):
    """0 + alpha * (re, im): std::complex's product (C99's recovery: an infinite part
    stays infinite), or (`scalar` False) Eigen's packet product."""
    if scalar:
        one = _complex(np.ones(1, re.dtype), np.zeros(1, re.dtype))
        return _out_zero(complex_mul_scalar(one, _complex(re, im)))
    one, zero = re.dtype.type(1), re.dtype.type(0)
    return _complex(zero + (re * one - im * zero), zero + (re * zero + im * one))


def _gemv_cols(a, v):
    """Column-major: products one by one, in blocks of 16 k (each summed from its first,
    then added) from k = 128 on; times alpha, added to 0."""
    k = a.shape[1]
    pr, pi = _cmul(a.real, a.imag, v.real, v.imag)
    step = k if k < 128 else 16
    re = im = None
    for k0 in range(0, k, step):
        br = np.add.reduce(np.ascontiguousarray(pr[:, k0:k0 + step].T), axis=0) if step > 1 \
            else pr[:, k0]
        bi = np.add.reduce(np.ascontiguousarray(pi[:, k0:k0 + step].T), axis=0) if step > 1 \
            else pi[:, k0]
        re, im = (br, bi) if re is None else (re + br, im + bi)
    return _alpha(re, im, scalar=False)


def _lazy_rows(a, v):
    """Eigen's coefficient-based product, each output its products (std::complex's) one by
    one."""
    p = complex_mul_scalar(a, v[None])
    pr, pi = p.real, p.imag
    re, im = pr[:, 0], pi[:, 0]
    for i in range(1, a.shape[1]):
        re, im = re + pr[:, i], im + pi[:, i]
    return _complex(re, im)


def _redux(a, v):
    """Eigen's vectorized redux of each row's products: two packet accumulators over
    pairs of packets, added, an odd packet, reduced by halves, then the rest."""
    k = a.shape[1]
    packet = _sizes(a.dtype)[0]
    if k < packet:
        return _lazy_rows(a, v)
    pr, pi = _cmul(a.real, a.imag, v.real, v.imag)
    whole, pairs = k // packet * packet, k // (2 * packet) * 2 * packet
    out = []
    for q in (pr, pi):
        acc = q[:, :packet]
        if whole > packet:
            acc0, acc1 = q[:, :packet], q[:, packet:2 * packet]
            for i in range(2 * packet, pairs, 2 * packet):
                acc0, acc1 = acc0 + q[:, i:i + packet], acc1 + q[:, i + packet:i + 2 * packet]
            acc = acc0 + acc1
            if whole > pairs:
                acc = acc + q[:, pairs:pairs + packet]
        while acc.shape[1] > 1:
            h = acc.shape[1] // 2
            acc = acc[:, :h] + acc[:, h:]
        res = acc[:, 0]
        for i in range(whole, k):
            res = res + q[:, i]
        out.append(res)
    return _complex(*out)


def matmul(a, b, transpose_a, transpose_b, pool):
    """TF 1.14's complex MatMul (`handles` true), or None where its order is not modelled
    here (one output: m = n = 1)."""
    with np.errstate(all="ignore"):   # (infinities and NaNs are TF's answers)
        return _matmul(a, b, transpose_a, transpose_b, pool)


def _matmul(a, b, transpose_a, transpose_b, pool):
    x = a.T if transpose_a else a
    y = b.T if transpose_b else b
    m, k = x.shape
    n = y.shape[1]
    if m > 1 and n > 1:
        return product(x, y, pool)
    if m == 1 and n == 1:
        return None
    if n == 1:
        if transpose_a:
            return _gemv_cols(x, y[:, 0]).reshape(m, 1)
        mat, vec, rows = x, y[:, 0], m
    elif not transpose_b:   # the contraction's evalGemv: column-major
        return _gemv_cols(y.T, x[0]).reshape(1, n)
    else:
        mat, vec, rows = b, x[0], n
    if rows + k + 1 < 20:
        lazy = _redux if transpose_b and not transpose_a else _lazy_rows
        return lazy(mat, vec).reshape(m, n)
    return _gemv_rows(mat, vec).reshape(m, n)


# -- BatchMatMul ------------------------------------------------------------------------------
def _lazy(x, y, redux):
    """Eigen's coefficient-based product of small matrices: each output's products one by
    one, or (`redux`: y adjointed and x not) the vectorized redux."""
    m, n = x.shape[0], y.shape[1]
    out = np.empty((m, n), x.dtype)
    fn = _redux if redux else _lazy_rows
    for j in range(n):
        out[:, j] = fn(x, np.ascontiguousarray(y[:, j]))
    return out


def batch_matmul(a, b, adj_x, adj_y, pool):
    """TF 1.14's complex BatchMatMul of a [..., m, k] and b [..., k, n] (as given: the
    adjoints not applied), or None where its order is not modelled here (a matrix-vector
    product in the sequential kernel). Larger products, and a batch of one, are the tensor
    contraction of one matrix after the other, whose adjoints conjugate y (adj_x != adj_y)
    and then the result (adj_x); smaller ones Eigen's matrix product, whose GEBP is the
    contraction's on one thread and whose coefficient-based product (k + m + n < 20) adds
    as MatMul's."""
    xt = np.swapaxes(a, -1, -2) if adj_x else a
    yt = np.swapaxes(b, -1, -2) if adj_y else b
    m, k, n = xt.shape[-2], xt.shape[-1], yt.shape[-1]
    if m == 1 or n == 1 or not (a.size and b.size) or k != yt.shape[-2]:
        return None
    try:
        batch_shape = np.broadcast_shapes(xt.shape[:-2], yt.shape[:-2])
    except ValueError:   # (the caller's NumPy error, mapped to TF's)
        return None
    batch = int(np.prod(batch_shape))
    xs = np.broadcast_to(xt, batch_shape + (m, k)).reshape(-1, m, k)
    ys = np.broadcast_to(yt, batch_shape + (k, n)).reshape(-1, k, n)
    if batch == 1 or m * k * n > 128 * 128 * 256 or k == 1:
        if adj_x != adj_y:
            ys = np.conj(ys)
        out = np.stack([product(xs[i], ys[i], pool) for i in range(batch)])
        if adj_x:
            out = np.conj(out)
    else:
        if adj_x:
            xs = np.conj(xs)
        if adj_y:
            ys = np.conj(ys)
        if k + m + n < 20:
            out = np.stack([_lazy(xs[i], ys[i], adj_y and not adj_x) for i in range(batch)])
        else:
            out = np.stack([product(xs[i], ys[i], 1) for i in range(batch)])
    return out.reshape(batch_shape + (m, n))
