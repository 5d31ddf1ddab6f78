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

Checked bit for bit against TF 1.14's LSTMBlockCell (golden rnn/block_cells_bits).

float64 (`product64`): TF 1.14's float64 MatMul itself is Eigen's contraction with this
kernel for double (mr 8 = two packets of 4, nr 4): whole blocks of 8 output columns add
one by one; the next 4 (a packet) and 2 (a half packet), rows in groups of 4, split even
and odd k over whole blocks of 8 k; the last column, rows in groups of 4, adds four lanes
by k mod 4 over whole blocks of 4 k as (0 + 1) + (2 + 3), then the rest; other outputs one
by one. Depth blocks of kc (336 on one thread, or the blocking rule; 320 on more), the
threads, column panels and depth shards from Eigen's cost model with double's sizes (a
depth shard at least 12 packets: 48). Checked against TF 1.14 for 600 products, sizes 1 to
1000 and k to 20000, every transpose, pools of 1 and 2 threads, 112 float64 Conv2Ds (whose
image patches cost more: PATCH_COST64), 40 Conv2D gradients and 30 Conv3Ds
(VOLUME_PATCH_COST64) (golden math/matmul64_bits, rnn/loop_grads64)."""
from __future__ import annotations

import functools

import numpy as np

from . import eigen_half_mm as _eh
from . import fused_matmul as _fm
from .host_cpu import eigen_caches

__all__ = ["product"]

_MR, _NR = 16, 4
_L1, _L2 = eigen_caches()[:2]   # Eigen's L1 and L2 on the host (host_cpu)


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
    t, shard = _fm._plan(m, n, k, pool, mkldnn=False)   # Eigen's own blocking
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



# -- float64 ------------------------------------------------------------------------------
# gebp_traits<double, double> under AVX without FMA: packets of 4, mr = 8 (two packets),
# nr = 4; Eigen's kc for the host's L1: ((l1 - 8*4*8) // (8*8 + 4*8)) & ~7 (336 for 32 KiB,
# 504 for 48 KiB)
_MR64 = 8
_MAX_KC64 = ((_L1 - 8 * 4 * 8) // (8 * 8 + 4 * 8)) & ~7
_F64 = 8.0            # sizeof(double)
# an image patch's compute cost per value (fused_matmul.PATCH_COST) over packets of 4
PATCH_COST64 = (3 * 24 + 14) / 4
VOLUME_PATCH_COST64 = (10 * 24 + 21 + 8) / 4   # a volume patch's (fused_matmul's)
_CHUNK64 = 1 << 18    # products held at once (2 MiB: the fastest of 2^14 to 2^20)


def _seq64(x, y, k0, k1, step=1, acc=None):
    """acc + x[:, k] y[k] for k in range(k0, k1, step), one after the other: NumPy's
    add.reduce over the leading axis of C-ordered [k, m, n] products adds row by row in
    order (but a single value's axis pairwise: then a loop)."""
    ks = range(k0, k1, step)
    m, n = x.shape[0], y.shape[1]
    if m * n == 1:
        for kk in ks:
            p = x[:, kk:kk + 1] * y[kk:kk + 1, :]
            acc = p if acc is None else acc + p
        return acc
    per = max(1, _CHUNK64 // (m * n))
    for c0 in range(0, len(ks), per):
        sub = ks[c0:c0 + per]
        lead = 0 if acc is None else 1
        buf = np.empty((len(sub) + lead, m, n))
        if lead:
            buf[0] = acc
        np.multiply(x[:, sub.start:sub.stop:sub.step].T[:, :, None],
                    y[sub.start:sub.stop:sub.step][:, None, :], out=buf[lead:])
        acc = np.add.reduce(buf, axis=0)
    return acc


def _split2_64(x, y, k0, k1):
    """A packet (or half packet) of output columns, rows in groups of 4: the products of
    even and odd k over the whole blocks of 8 k in two accumulators, added, then the rest
    one by one."""
    whole = k0 + ((k1 - k0) & ~7)
    if whole == k0:
        return _seq64(x, y, k0, k1)
    acc = _seq64(x, y, k0, whole, 2) + _seq64(x, y, k0 + 1, whole, 2)
    return _seq64(x, y, whole, k1, 1, acc) if k1 > whole else acc


def _swapped64(x, y, k0, k1):
    """The last output column of a kernel call, rows in groups of 4 (the swapped kernel,
    one k per step): four lanes by k mod 4 over the whole blocks of 4 k, added as
    (0 + 1) + (2 + 3), then the rest one by one."""
    end4 = k0 + ((k1 - k0) & ~3)
    if end4 == k0:
        return _seq64(x, y, k0, k1)
    lane = [_seq64(x, y, k0 + j, end4, 4) for j in range(4)]
    acc = (lane[0] + lane[1]) + (lane[2] + lane[3])
    return _seq64(x, y, end4, k1, 1, acc) if k1 > end4 else acc


def _kinds64(n, bm):
    """Each output column's kernel (0: one by one, 1: _split2_64, 2: _swapped64) when the
    columns are cut into kernel calls of bm: in each, whole blocks of 8 columns (two
    packets), then a packet of 4, a half packet of 2, the last column."""
    kind = np.zeros(n, np.int8)
    for c in range(0, n, bm):
        w = min(bm, n - c)
        n8 = w // 8 * 8
        n4 = n8 + (w - n8) // 4 * 4
        n2 = n4 + (w - n4) // 2 * 2
        kind[c + n8:c + n2] = 1
        kind[c + n2:c + w] = 2
    return kind


def _gebp64(x, y, k0, k1, rows, kinds):
    """The kernel calls' sums over the depth [k0, k1): `rows` selects the output rows in
    groups of 4 (the others add one by one), `kinds` each column's kernel."""
    out = _seq64(x, y, k0, k1)
    if rows is None:
        return out
    xr = x if rows is True else x[rows]
    for kind, fn in ((1, _split2_64), (2, _swapped64)):
        cols = np.flatnonzero(kinds == kind)
        if not cols.size:
            continue
        part = fn(xr, y[:, cols], k0, k1)
        if rows is True:
            out[:, cols] = part
        else:
            out[np.ix_(rows, cols)] = part
    return out


def _depth_blocks64(x, y, k0, k1, kc, rows, kinds):
    out = None
    for a in range(k0, k1, kc):
        part = _gebp64(x, y, a, min(k1, a + kc), rows, kinds)
        out = part if out is None else out + part
    return out


def _kc64(m, k, n):
    """Eigen's single-threaded depth block for double (computeProductBlockingSizes)."""
    if max(m, k, n) < 48 or k <= _MAX_KC64:
        return k
    if k % _MAX_KC64 == 0:
        return _MAX_KC64
    return _MAX_KC64 - 8 * ((_MAX_KC64 - 1 - k % _MAX_KC64) // (8 * (k // _MAX_KC64 + 1)))


def _panel64(M, N, K, t):
    """Eigen's rows (output columns) per kernel call on t threads (double's sizes)."""
    if _eh._shard_by_col(M, N, t):
        return _eh._thread_block(M, _MR64, t)
    kc = 320 if K > 320 else K
    n_cache = (_L2 - _L1) // (_NR * 8 * kc)
    if n_cache <= -(-M // t):
        return n_cache - n_cache % _NR
    return _eh._thread_block(M, _NR, t)


@functools.lru_cache(maxsize=4096)
def plan64(m, n, k, pool, rhs_cost=0.0, rhs_loads=True):
    """How Eigen's double contraction of (m, k) @ (k, n) on `pool` threads cuts its work:
    (the depth shards [a, b), each summed into a buffer of its own, the buffers added in
    order; the depth block within a shard; the output columns per kernel call)."""
    # (Eigen's cost model with double's sizes, mr and packets of 4)
    t = _fm.eigen_threads(n, m, k, pool, _MR64, _F64, 4, rhs_cost, rhs_loads)
    tk = _fm.eigen_threads_by_k(n, m, k, pool, _MR64, _F64, 4, rhs_cost, rhs_loads)
    if _eh._by_k(n, m, k, t, tk):
        # evalShardedByInnerDim: ceil(k / tk) rounded up to 8, at least 12 packets (48)
        size = min(k, max(12 * 4, (-(-k // tk) + 7) // 8 * 8))
        return tuple((a, min(k, a + size)) for a in range(0, k, size)), min(320, size), n
    if t == 1:
        return ((0, k),), _kc64(m, k, n), n
    return ((0, k),), min(320, k), _panel64(n, m, k, t)


def product64(x, y, pool, shape=None, col0=0, rhs_cost=0.0, rhs_loads=True, row0=0):
    """x [m, k] @ y [k, n] (float64, transposes applied) as TF 1.14's MatMul sums it on an
    intra-op pool of `pool` threads: Eigen's tensor contraction with its own double GEBP
    kernel (AVX without FMA, mr 8, nr 4). For a product with more than one output row and
    column. `shape`: the (rows, columns) of the op whose product this is part of, where a
    fused loop stacks its steps' rows (row r is the op's row r % rows) or takes the op's
    columns col0 to col0 + n. `rhs_cost`: the compute cost of each of x's values in
    Eigen's cost model (Conv2D's image patches: PATCH_COST64; Conv3D's volume patches:
    VOLUME_PATCH_COST64, without a load: `rhs_loads` False). `row0`: the op's row of x's
    first row, where x is a run of the op's rows (one image of a batch)."""
    m, k = x.shape
    n = y.shape[1]
    if not (m and n and k):
        return np.zeros((m, n), np.float64)
    mo, no = shape or (m, n)
    shards, kc, bm = plan64(mo, no, k, pool, rhs_cost, rhs_loads)
    kinds = _kinds64(no, bm)[col0:col0 + n]
    g4 = mo // 4 * 4
    if g4 == mo:
        rows = True
    elif g4 == 0:
        rows = None
    else:
        rows = (np.arange(m) + row0) % mo < g4
    out = None
    for a, b in shards:
        part = _depth_blocks64(x, y, a, b, kc, rows, kinds)
        out = part if out is None else out + part
    return out
