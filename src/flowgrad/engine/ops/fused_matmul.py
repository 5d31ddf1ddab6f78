"""float32 MatMul fused with its BiasAdd (Grappler's _FusedMatMul) with one output column,
in the order TF 1.14's CPU kernel adds.

TF 1.14's remapper (on by default) turns a float32 MatMul read only by a BiasAdd into
_FusedMatMul: Eigen's tensor contraction with the bias added by its output kernel. A
product with one output column (n == 1, m > 1), which the plain MatMul hands to Eigen's
matrix-vector kernel (linalg.py), then goes through the contraction, whose kernel in TF's
wheel is MKL-DNN's sgemm (eigen_contraction_kernel.h). That sgemm is JIT-compiled for the
machine it runs on: with FMA, each output adds its products one after the other, every
multiply-add rounded once. How the depth is cut:

- Eigen's blocking (computeProductBlockingSizes for float, mr 16, nr 4, L1 32 KiB: kc is
  k below max(m, k) = 48, else at most 400; on more than one thread at most 320), which
  TF refines for MKL-DNN into ceil(k / kc) slices of equal depth rounded up to 8;
- each slice is one sgemm call, which cuts its depth into blocks of 384 (between 384 and
  768: two halves, the first rounded up), each summed from 0 and added to the result;
- when Eigen shards the depth over threads (eigen_half_mm's cost model with float's
  sizes: a small output, a large k), each shard is a contraction of its own (blocked as
  on more than one thread) into a zeroed buffer, the buffers added in order.

The bias is then added to each sum. Checked bit for bit against TF 1.14 on this machine
(an AVX-512 EPYC, intra-op pool of 2) for m from 2 to 3000 and k from 2 to 1400.
"""
from __future__ import annotations

import numpy as np

from . import eigen_half_mm as _eh

__all__ = ["column_product", "contraction", "fma_matmul"]

_BK = 384           # MKL-DNN's depth block (jit_avx512_common_gemm_f32, avx512_core)
_MAX_KC = 400       # Eigen's float kc for a 32 KiB L1: ((32768 - 16*4*4) // (16*4 + 4*4)) & ~7


def _fma(acc, a, b):
    """float32 acc + a * b rounded once (a fused multiply-add): the exact product and sum
    in float64 rounded to odd, then to float32 (53 bits > 24 + 1, so no double rounding)."""
    p = a.astype(np.float64) * b.astype(np.float64)   # exact: 24 + 24 bits
    x = acc.astype(np.float64)
    s = x + p
    t = s - x
    err = (x - (s - t)) + (p - t)                        # Knuth's TwoSum: s + err exact
    odd = (s.view(np.int64) & 1) == 1
    s = np.where((err != 0) & ~odd, np.nextafter(s, np.where(err > 0, np.inf, -np.inf)), s)
    return s.astype(np.float32)


_LOW = (1 << 29) - 1    # the float64 significand bits a float32 drops
_HALF = 1 << 28         # a float32 midpoint: of those, only the top one set


def _fma_run(x, y, start, stop):
    """x[:, start:stop] @ y[start:stop] by one fused multiply-add after the other, from 0."""
    return fma_matmul(x[:, start:stop], y[start:stop])


def fma_matmul(x, y):
    """float32 x [m, k] @ y [k, n], each output adding its k products by one fused
    multiply-add after the other from 0 (MKL-DNN's sgemm within one depth block).
    Each float64 sum rounds to float32 directly unless it lands on a float32 midpoint
    (where float64's own rounding may have made the tie): those few go through _fma."""
    acc = np.zeros((x.shape[0], y.shape[1]), np.float64)
    for i in range(x.shape[1]):
        p = x[:, i, None].astype(np.float64) * y[None, i, :].astype(np.float64)
        s = acc + p
        r = s.astype(np.float32)
        tie = (s.view(np.int64) & _LOW) == _HALF
        if tie.any():
            r[tie] = _fma(acc[tie].astype(np.float32), p[tie], np.ones(1))
        acc = r.astype(np.float64)
    return acc.astype(np.float32)


def _eigen_kc(m, k, threads):
    """Eigen's depth block for float (see the module docstring)."""
    if threads > 1:
        return min(k, 320)
    if max(m, k) < 48 or k <= _MAX_KC:
        return k
    if k % _MAX_KC == 0:
        return _MAX_KC
    return _MAX_KC - 8 * ((_MAX_KC - 1 - k % _MAX_KC) // (8 * (k // _MAX_KC + 1)))


def _sgemm_blocks(k):
    """MKL-DNN's depth blocks of one sgemm call of depth k."""
    sizes = []
    while k:
        s = _BK if k >= 2 * _BK else ((k + 1) // 2 if k > _BK else k)
        sizes.append(s)
        k -= s
    return sizes


def contraction(x, y, threads):
    """One contraction of x [m, k] and y [k, 1]: TF's slices, MKL-DNN's blocks."""
    m, k = x.shape
    kc = _eigen_kc(m, k, threads)
    slices = max(1, -(-k // kc))
    kc = min(k, -(-(k // slices) // 8) * 8)
    out = None
    start = 0
    for s0 in range(0, k, kc):
        for size in _sgemm_blocks(min(kc, k - s0)):
            acc = _fma_run(x, y, start, start + size)
            out = acc if out is None else out + acc
            start += size
    return out


def column_product(x, y, pool):
    """x [m, k] @ y [k, 1] (float32, m > 1, k > 0, transposes already applied) as TF 1.14's
    _FusedMatMul sums it on an intra-op pool of `pool` threads, before the bias."""
    m, k = x.shape
    t = _eh._threads(1, m, k, pool)
    tk = _eh._threads_by_k(1, m, k, pool)
    if not _eh._by_k(1, m, k, t, tk):
        return contraction(x, y, t)
    size = min(k, max(96, (-(-k // tk) + 7) // 8 * 8))
    out = None
    for k0 in range(0, k, size):
        part = contraction(x[:, k0:k0 + size], y[k0:k0 + size], 2)
        out = part if out is None else out + part
    return out
