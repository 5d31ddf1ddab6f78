"""float32 BatchMatMul in the order TF 1.14's CPU kernel adds (Eigen's matrix product).

TF's BatchMatMul hands a batch of more than one small product (m * k * n at most
128 * 128 * 256 = 2**22, and m, k, n all above 1) to `SequentialMatMulKernel` (larger
products, and a batch of one, go to the tensor contraction that MatMul uses, one matrix
after the other: linalg._bmm_kernel gives those to fused_matmul.product): each matrix is
`z = x * y` on row-major Eigen maps, which Eigen (AVX without FMA, as TF 1.14's wheel is
built: a multiply-add is a multiply, then an add) computes one of two ways:

- k + m + n < 20: the coefficient-based lazy product. Each output adds its k products one
  after the other, except when the rhs is adjointed and the lhs not (both operands of the
  dot product contiguous): then Eigen's vectorized redux adds whole packets of 8 products
  (two packet accumulators when there are two or more packets, added together, then the
  odd packet), reduces the packet by halves and adds the products left over one by one.
- otherwise the GEBP kernel on the transposed problem (rows = the output's columns,
  columns = its rows), with mr = 16 rows (no FMA) and nr = 4 columns:
  * output columns in whole blocks of 16: each output adds its products one by one;
  * the next 8 output columns (one packet), then 4 (a half packet), for output rows in
    groups of 4: the products of even and odd k (in the whole blocks of 8 k) are added
    into two accumulators, these are added, then the last k % 8 products one by one; other
    output rows one by one;
  * the last n % 4 output columns, for output rows in groups of 4 ("remaining rows, one
    at a time", swapped): four 8-lane accumulators each take two k of every 8 (lanes
    0-3 the even k, 4-7 the odd), are added as (C0 + C1) + (C2 + C3), take the pairs of k
    left, then the two halves are added and an odd last k added; other rows one by one.
  When max(m, k, n) >= 48 and k is over Eigen's kc for the host's L1 (400
  for 32 KiB, 608 for 48 KiB: host_cpu), the depth
  is cut into blocks (`_kc`), each computed as above and added to the result in turn.
- otherwise, when m or n is 1 (Eigen falls back to a matrix-vector product; TF runs such
  a product sequentially even when the batch is a single matrix): with the matrix row-major
  (n = 1 and x not adjointed, or m = 1 and y adjointed), each output adds its products in
  one 8-lane accumulator over the whole packets of 8, reduces it by halves and adds the
  rest one by one; with it column-major, each output adds its products one by one, in
  blocks of 16 k (each block summed from 0, then added to the result) when k >= 128;
  when both are 1 (m = n = 1), Eigen's dot product: the vectorized redux above if x is
  not adjointed and y is, else one by one.

Sums here are NumPy's `np.add.reduce` over a leading axis, which adds row by row in order
(vectorized over the batch and the outputs, in chunks of `_CHUNK` products). The emulation
costs from about as much as np.matmul (16 x [64, 500] x [500, 64]) to 15-40 times it
(64 x [128, 64] x [64, 128]: 80 ms against 5 ms; 64 x [32, 64] x [64, 32]: 5 ms against
0.15 ms, on 2 loaded cores), for every batch size: TF's bits at any size.
"""
from __future__ import annotations

import numpy as np

from . import eigen_gebp as _eigen_gebp
from .eigen_sum import _predux

__all__ = ["handles", "batch_matmul"]

_OUTER_MAX = 128 * 128 * 256  # TF: larger matrices go to the (parallel) tensor contraction
_CHUNK = 1 << 22            # products held at once


def handles(a, b, m, k, n, batch) -> bool:
    """Whether TF runs this BatchMatMul (float32 or float64, m x k times k x n, `batch`
    matrices) with the sequential Eigen product that `batch_matmul` reproduces."""
    vector = m == 1 or n == 1
    return (a.dtype == b.dtype and a.dtype in (np.float32, np.float64) and (batch > 1 or vector)
            and k > 1 and (vector or m * k * n <= _OUTER_MAX))


def _kc(m, k, n):
    """Eigen's depth block (computeProductBlockingSizes, float32, mr 16, nr 4, the host's L1:
    host_cpu)."""
    if max(m, k, n) < 48:
        return k
    max_kc = ((_eigen_gebp._L1 - 16 * 4 * 4) // (16 * 4 + 4 * 4)) & ~7
    if k <= max_kc:
        return k
    if k % max_kc == 0:
        return max_kc
    return max_kc - 8 * ((max_kc - 1 - k % max_kc) // (8 * (k // max_kc + 1)))


def _products(a, b, ks):
    """[len(ks), batch, m', n'] products a[..., :, i] * b[..., i, :] for i in ks."""
    return a[:, :, ks].transpose(2, 0, 1)[..., None] * b[:, ks, :].transpose(1, 0, 2)[:, :, None, :]


def _sum(p):
    """p[0] + p[1] + ... in order (NumPy's reduction adds a single column pairwise)."""
    if p[0].size == 1:
        return np.cumsum(p, axis=0)[-1]
    return np.add.reduce(p, axis=0)


def _dot_redux(a, b):
    """Lazy product, rhs adjointed: Eigen's vectorized redux of each dot product (packets
    of P = 8 floats or 4 doubles)."""
    k = a.shape[-1]
    P = 8 if a.dtype == np.float32 else 4
    p = a[:, :, None, :] * np.swapaxes(b, -1, -2)[:, None, :, :]   # [batch, m, n, k]
    whole, pairs = k // P * P, k // (2 * P) * 2 * P
    acc = p[..., 0:P]
    if whole > P:
        acc = _sum(np.stack([p[..., i:i + P] for i in range(0, pairs, 2 * P)])) + \
            _sum(np.stack([p[..., i + P:i + 2 * P] for i in range(0, pairs, 2 * P)]))
        if whole > pairs:
            acc = acc + p[..., pairs:pairs + P]
    res = _predux(acc, a.dtype)
    for i in range(whole, k):
        res = res + p[..., i]
    return res


def _split2(a, b, k0, k1):
    """Two accumulators (even / odd k) over the whole blocks of 8, then the rest in order."""
    whole = k0 + ((k1 - k0) & ~7)
    if whole == k0:
        return _sum(_products(a, b, np.arange(k0, k1)))
    acc = _sum(_products(a, b, np.arange(k0, whole, 2))) + \
        _sum(_products(a, b, np.arange(k0 + 1, whole, 2)))
    if whole < k1:
        acc = _sum(np.concatenate([acc[None], _products(a, b, np.arange(whole, k1))]))
    return acc


def _swapped(a, b, k0, k1):
    """The remaining-rows path: 4 accumulators of lanes (k, k + 1) over blocks of 8 k."""
    d = k1 - k0
    end4, end2 = k0 + d // 8 * 8, k0 + d // 2 * 2
    lanes = []
    for lane in (0, 1):
        if end4 > k0:
            acc = [_sum(_products(a, b, np.arange(k0 + 2 * c + lane, end4, 8)))
                   for c in range(4)]
            acc = (acc[0] + acc[1]) + (acc[2] + acc[3])
        else:
            acc = np.zeros(a.shape[:2] + (b.shape[2],), np.float32)
        rest = np.arange(end4 + lane, end2, 2)
        if len(rest):
            acc = _sum(np.concatenate([acc[None], _products(a, b, rest)]))
        lanes.append(acc)
    res = lanes[0] + lanes[1]
    if end2 < k1:
        res = res + _products(a, b, [k1 - 1])[0]
    return res


def _gebp(a, b, k0, k1):
    """The GEBP kernel's result for depth [k0, k1) (see the module docstring)."""
    m, n = a.shape[1], b.shape[2]
    out = _sum(_products(a, b, np.arange(k0, k1)))
    p2 = n // 16 * 16
    ph = p2 + (n - p2) // 8 * 8
    ph = ph + (n - ph) // 4 * 4
    g4 = m // 4 * 4
    if g4 and ph > p2:
        out[:, :g4, p2:ph] = _split2(a[:, :g4], b[:, :, p2:ph], k0, k1)
    if g4 and n > ph:
        out[:, :g4, ph:] = _swapped(a[:, :g4], b[:, :, ph:], k0, k1)
    return out


def _gemv_rows(a, v):
    """Row-major matrix a [batch, r, k] times vectors v [batch, k]: one P-lane accumulator
    (8 floats, 4 doubles) over the whole packets, reduced by halves, then the products
    left one by one."""
    p = a * v[:, None, :]
    k = p.shape[-1]
    P = 8 if p.dtype == np.float32 else 4
    whole = k // P * P
    if whole:
        lanes = p[..., :whole].reshape(p.shape[:-1] + (whole // P, P))
        res = _predux(_sum(np.ascontiguousarray(np.moveaxis(lanes, -2, 0))), p.dtype)
    else:
        res = np.zeros(p.shape[:-1], p.dtype)
    for i in range(whole, k):
        res = res + p[..., i]
    return res


def _gemv_cols(a, v):
    """Column-major matrix a [batch, r, k] times vectors v [batch, k]: products one by one,
    in blocks of 16 columns (each summed from 0, then added) from k = 128 on."""
    p = np.ascontiguousarray(np.moveaxis(a * v[:, None, :], -1, 0))
    k = p.shape[0]
    step = k if k < 128 else 16
    res = _sum(p[:step])
    for k0 in range(step, k, step):
        res = res + _sum(p[k0:k0 + step])
    return res


def _vector(a, b, adj_x, adj_y):
    """The product when m or n is 1 and k + m + n >= 20 (see the module docstring)."""
    if b.shape[2] == 1:
        gemv = _gemv_cols if adj_x else _gemv_rows
        return gemv(a, b[:, :, 0])[:, :, None]
    gemv = _gemv_rows if adj_y else _gemv_cols
    return gemv(np.swapaxes(b, 1, 2), a[:, 0, :])[:, None, :]


def _one_chunk(a, b, lazy_redux, adj_x, adj_y):
    m, k = a.shape[1:]
    n = b.shape[2]
    if k + m + n < 20:
        if lazy_redux and k >= (8 if a.dtype == np.float32 else 4):   # one packet
            return _dot_redux(a, b)
        return _sum(_products(a, b, np.arange(k)))
    if m == 1 or n == 1:
        return _vector(a, b, adj_x, adj_y)
    if a.dtype == np.float64:   # Eigen's double GEBP on one thread
        return np.stack([_eigen_gebp.product64(x, y, 1) for x, y in zip(a, b)])
    kc = _kc(m, k, n)
    out = None
    for k0 in range(0, k, kc):
        part = _gebp(a, b, k0, min(k, k0 + kc))
        out = part if out is None else out + part
    return out


def batch_matmul(a, b, adj_x=False, adj_y=False):
    """TF 1.14's float32 or float64 BatchMatMul of a [..., m, k] and b [..., k, n] (both already
    adjointed where the flags say, batch dims broadcast) when `handles` says so."""
    batch_shape = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    m, k, n = a.shape[-2], a.shape[-1], b.shape[-1]
    a = np.broadcast_to(a, batch_shape + (m, k)).reshape(-1, m, k)
    b = np.broadcast_to(b, batch_shape + (k, n)).reshape(-1, k, n)
    lazy_redux = k + m + n < 20 and adj_y and not adj_x
    step = max(1, _CHUNK // (m * n * k))
    parts = [_one_chunk(a[i:i + step], b[i:i + step], lazy_redux, adj_x, adj_y)
             for i in range(0, a.shape[0], step)]
    out = parts[0] if len(parts) == 1 else np.concatenate(parts)
    return out.reshape(batch_shape + (m, n))
