"""Eigen's own float32 matrix product, in the order its GEBP kernel adds (AVX, no FMA):
the contraction of tf.contrib.rnn's fused cell kernels (TensorBlasGemm in LSTMBlockCell,
whose library is built without the MKL-DNN contraction kernel that TF's MatMul uses,
fused_matmul.py). Every product and sum is rounded to float32 (a multiply, then an add).

Eigen is column-major: its rows are the output's columns (n), its columns the output's
rows (m). With float's mr = 16 (two packets of 8), nr = 4, for one depth block:

- output columns in whole blocks of 16: each output adds its products one by one;
- the next 8 columns (one packet), then the next 4 (a half packet): for the output rows
  in groups of 4, the products of even and odd k over the whole blocks of 8 k go to two
  accumulators, which are added, then the last k % 8 products one by one; the other rows
  one by one;
- each last column (fewer than 4 left), for rows in groups of 4, is the "swapped" kernel:
  eight lanes, lane j adding the products of k = j mod 8 over the whole blocks of 8 k, the
  lanes added as ((0 + 2) + (4 + 6)) and ((1 + 3) + (5 + 7)), the rest of the pairs of k
  to the even and odd lanes, the two added, then a last odd k; other rows one by one.

The depth is cut into blocks (Eigen's kc for float on one thread: all k when max(m, k, n)
< 48 or k <= 400, else blocks as fused_matmul._eigen_kc; 320 on more threads), each summed
from 0 and added to the result in turn. Threads and depth shards are Eigen's cost model's
(fused_matmul._plan); on more than one thread the output's columns are cut into panels
(eigen_half_mm._panel with float's sizes), each a kernel call of its own. One output row
(m == 1) is Eigen's matrix-vector product (fused_matmul.gemv).

Checked bit for bit against TF 1.14's LSTMBlockCell (golden rnn/block_cells_bits)."""
from __future__ import annotations

import numpy as np

from . import eigen_half_mm as _eh
from . import fused_matmul as _fm

__all__ = ["product"]

_MR, _NR = 16, 4
_L1, _L2 = 32768, 1 << 20


def _seq(x, y, ks, acc=None):
    """acc + x[:, k] y[k] for k in ks, one after the other (float32 each)."""
    for k in ks:
        p = x[:, k:k + 1] * y[k:k + 1, :]
        acc = p if acc is None else acc + p
    return acc


def _split2(x, y, k0, k1):
    whole = k0 + ((k1 - k0) & ~7)
    if whole == k0:
        return _seq(x, y, range(k0, k1))
    acc = _seq(x, y, range(k0, whole, 2)) + _seq(x, y, range(k0 + 1, whole, 2))
    return _seq(x, y, range(whole, k1), acc)


def _swapped(x, y, k0, k1):
    end8 = k0 + ((k1 - k0) & ~7)
    end2 = k0 + ((k1 - k0) & ~1)
    if end8 > k0:
        lane = [_seq(x, y, range(k0 + j, end8, 8)) for j in range(8)]
        even = (lane[0] + lane[2]) + (lane[4] + lane[6])
        odd = (lane[1] + lane[3]) + (lane[5] + lane[7])
    else:
        even = odd = np.zeros((x.shape[0], y.shape[1]), np.float32)
    even = _seq(x, y, range(end8, end2, 2), even)
    odd = _seq(x, y, range(end8 + 1, end2, 2), odd)
    return _seq(x, y, range(end2, k1), even + odd)


def _gebp(x, y, k0, k1):
    """One kernel call's sums over the depth [k0, k1) (see the module docstring)."""
    m, n = x.shape[0], y.shape[1]
    out = _seq(x, y, range(k0, k1))
    m4 = m // 4 * 4
    if not m4:
        return out
    n16 = n // 16 * 16
    n8 = n16 + (n - n16) // 8 * 8
    n4 = n8 + (n - n8) // 4 * 4
    xm = x[:m4]
    for lo, hi in ((n16, n8), (n8, n4)):
        if hi > lo:
            out[:m4, lo:hi] = _split2(xm, y[:, lo:hi], k0, k1)
    if n > n4:
        out[:m4, n4:] = _swapped(xm, y[:, n4:], k0, k1)
    return out


def _depth_blocks(x, y, kc):
    k = x.shape[1]
    out = None
    for k0 in range(0, k, kc):
        part = _gebp(x, y, k0, min(k, k0 + kc))
        out = part if out is None else out + part
    return out


def _kc(m, k, n):
    """Eigen's single-threaded depth block for float (computeProductBlockingSizes)."""
    if max(m, k, n) < 48:
        return k
    return _fm._eigen_kc(0, k, 1)


def _panel(M, N, K, t):
    """Eigen's rows (output columns) per kernel call on t threads (float's sizes)."""
    if _eh._shard_by_col(M, N, t):
        return _eh._thread_block(M, _MR, t)
    kc = 320 if K > 320 else K
    n_cache = (_L2 - _L1) // (_NR * 4 * kc)
    if n_cache <= -(-M // t):
        return n_cache - n_cache % _NR
    return _eh._thread_block(M, _NR, t)


def product(x, y, pool):
    """x [m, k] @ y [k, n] (float32, transposes applied) as Eigen's contraction sums it on
    an intra-op pool of `pool` threads."""
    x = np.asarray(x, np.float32)
    y = np.asarray(y, np.float32)
    m, k = x.shape
    n = y.shape[1]
    if not (m and n and k):
        return np.zeros((m, n), np.float32)
    if m == 1:
        return _fm.gemv(y, x[0], n).reshape(1, n)
    t, shard = _fm._plan(m, n, k, pool)
    if shard is not None:
        out = None
        for k0 in range(0, k, shard):
            part = _depth_blocks(x[:, k0:k0 + shard], y[k0:k0 + shard], 320)
            out = part if out is None else out + part
        return out
    if t == 1:
        return _depth_blocks(x, y, _kc(m, k, n))
    bm = _panel(n, m, k, t)
    kc = 320 if k > 320 else k
    return np.concatenate([_depth_blocks(x, y[:, c:c + bm], kc) for c in range(0, n, bm)],
                          axis=1)
