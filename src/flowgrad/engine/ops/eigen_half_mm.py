"""float16 MatMul and BatchMatMul in the order TF 1.14's CPU kernels add (Eigen's tensor
contraction, its matrix product).

TF 1.14's wheel (AVX, no FMA, no native half arithmetic) computes Eigen::half in float:
every product and every sum is rounded back to half, so the result depends on the order
of the additions (NumPy's float16 matmul keeps its sums in float32, and differs in most
outputs once k > 2). NumPy's float16 `*` and `+` of two arrays round the same way; its
float16 reductions do not (they may add in float32), so every sum here is a loop of `+`.

The contraction works on the transposed problem (Eigen is column-major: its rows are
the output's columns). Which kernel runs:

- m == 1: Eigen's matrix-vector product (evalGemv), whatever the transposes: each output
  adds its products one by one, in blocks of 16 k (each block summed from 0, then added to
  the result) when k >= 128.
- otherwise the GEBP kernel (mr = 16, nr = 4), n == 1 included: output columns in whole
  blocks of 16 add their products one by one; the next 8 columns (one packet), for output
  rows in groups of 4, add the products of even and odd k (over the whole blocks of 8 k)
  into two accumulators, add these, then the last k % 8 products one by one; every other
  output one by one. The depth is cut into blocks, each summed from 0 and added to the
  result in turn.

How the contraction splits the work (TensorContractionThreadPool.h) depends on the
intra-op pool: Eigen's cost model picks the threads (`_threads`). On one thread the depth
blocks are Eigen's kc for the host's L1 (`_kc`: at most 816 for half with 32 KiB, 1224
with 48 KiB; host_cpu) when max(m, k, n) >= 48. On more, they are 320 deep, and the
output's columns are cut into panels (`_panel`, mc for that many threads: half the columns
rounded up to 16 or 4, capped by the host's L2), each run through the kernel on its own.
When Eigen shards the depth instead (`_by_k`: small outputs, a large k), each shard of
ceil(k / threads) (a multiple of 8, at least 96) is a product of its own into a zeroed
buffer, the buffers added in order.

BatchMatMul (`batch_matmul`) runs a single matrix with m, n > 1 as MatMul; otherwise each
matrix goes to Eigen's matrix product on one thread: k + m + n < 20 the lazy product (each
output adds its products one by one; with y adjointed and x not, the vectorized redux:
two packet accumulators, the lanes added in float), n == 1 with x row-major an 8-lane
accumulator (lanes added in float, then the rest one by one), m == 1 with y adjointed the
same on y's rows, other vectors one by one in blocks of 16 k, the rest as MatMul on one
thread. A single large matrix's threads come from a cost model whose input costs differ
from MatMul's (Eigen chips the batch): not reproduced.

Checked bit for bit against TF 1.14 (sessions of two intra-op threads, inputs fed) for m,
n up to 1024 and k up to 5000, every transpose. A product that Grappler folds (constant
inputs) runs outside the session's pool; its bits can differ.
"""
from __future__ import annotations

import numpy as np

from .host_cpu import eigen_caches

__all__ = ["batch_matmul", "matmul"]

_L1, _L2 = eigen_caches()[:2]   # Eigen's L1 and L2 as it reads them on the host (host_cpu)
_MR, _NR = 16, 4       # gebp_traits<half, half> with Packet8h, no FMA
# Eigen's cost model (TensorCostModel.h)
_LOAD = _STORE = 11.0 / 64
_STARTUP = _PER_THREAD = 100000.0


def _products(a, b, ks):
    """The products a[:, i] b[i, :] for i in ks, one at a time (never all held)."""
    return (a[:, i:i + 1] * b[i:i + 1, :] for i in ks)


def _seq(products, acc=None):
    """acc + p0 + p1 + ... one after the other, each sum rounded to half."""
    for p in products:
        acc = p.copy() if acc is None else acc + p
    return acc


def _split2(a, b, k0, k1):
    """Two accumulators (even / odd k) over the whole blocks of 8, then the rest in order."""
    whole = k0 + ((k1 - k0) & ~7)
    if whole == k0:
        return _seq(_products(a, b, range(k0, k1)))
    acc = _seq(_products(a, b, range(k0, whole, 2))) + \
        _seq(_products(a, b, range(k0 + 1, whole, 2)))
    return _seq(_products(a, b, range(whole, k1)), acc)


def _gebp(a, b, k0, k1):
    """The GEBP kernel's sums for the depth [k0, k1) (see the module docstring)."""
    m, n = a.shape[0], b.shape[1]
    out = _seq(_products(a, b, range(k0, k1)))
    p2 = n // 16 * 16
    p1 = p2 + (n - p2) // 8 * 8
    g4 = m // 4 * 4
    if g4 and p1 > p2:
        out[:g4, p2:p1] = _split2(a[:g4], b[:, p2:p1], k0, k1)
    return out


def _kc(m, k, n):
    """Eigen's single-threaded depth block (computeProductBlockingSizes, half)."""
    if max(m, k, n) < 48:
        return k
    max_kc = ((_L1 - _MR * _NR * 2) // (_MR * 2 + _NR * 2)) & ~7
    if k <= max_kc:
        return k
    if k % max_kc == 0:
        return max_kc
    return max_kc - 8 * ((max_kc - 1 - k % max_kc) // (8 * (k // max_kc + 1)))


def _shard_by_col(M, N, t):
    """Eigen's shardByCol(m, n, num_threads) on the column-major sizes."""
    if M // t >= _NR and (N // t < _NR or (
            N // t < 4 * _NR and N % (t * _NR) != 0 and
            (M % (t * _NR) == 0 or M // N >= 6))):
        return False
    return not (N // t < 16 * _NR and M > N * 32)


def _thread_block(x, step, t=2):
    """min(x, ceil(x / t) rounded up to a multiple of step): a block for t threads."""
    per = -(-x // t)
    return min(x, per + step - 1 - (per + step - 1) % step)


def _panel(M, N, K, t):
    """The rows (output columns) of one GEBP call on t threads: Eigen's mc for t threads,
    for the side it shards (computeProductBlockingSizes, num_threads > 1)."""
    if _shard_by_col(M, N, t):
        return _thread_block(M, _MR, t)
    kc = 320 if K > 320 else K
    n_cache = (_L2 - _L1) // (_NR * 2 * kc)
    if n_cache <= -(-M // t):
        return n_cache - n_cache % _NR
    return _thread_block(M, _NR, t)


def _threads(M, N, K, pool, rhs_cost=0.0, rhs_loads=True):
    """Threads Eigen's contraction picks (TensorContractionThreadPool.h) for the column-major
    M x K times K x N: its blocking for two threads, the kernel's cost per output (compute,
    store, the sharded side's loads), the cost model's startup and per-thread cycles.
    `rhs_cost`: the compute cost of each of Eigen's right-hand side's (TF's left operand's)
    values; `rhs_loads`: whether its cost counts a load (a volume patch's does not)."""
    if pool < 2 or N == 1:
        return 1
    by_col = _shard_by_col(M, N, 2)
    bk = 320 if K > 320 else K
    if by_col:
        bm, bn = _thread_block(M, _MR), _thread_block(N, _NR)
    else:
        bm, bn = _thread_block(M, _NR), _thread_block(N, _MR)
    bw = 4.0 if bk == 1 else (2.0 if bm < _NR or bn < _MR else 1.0)
    if by_col:
        loads = 2.0 * bk / M if rhs_loads else 0.0
    else:
        loads = 2.0 * bk / N
    per_coeff = bk * bw / 8 + 2 * _STORE + loads * _LOAD + rhs_cost * bk / M
    t = (M * N * per_coeff - _STARTUP) / _PER_THREAD + 0.9
    return min(pool, max(1, int(min(t, 2 ** 31 - 1))))


def _threads_by_k(M, N, K, pool, rhs_cost=0.0, rhs_loads=True):
    """Eigen's numThreadsInnerDim: the threads for sharding the depth (even counts)."""
    bw = 4.0 if K == 1 else (2.0 if M < _NR or N < _MR else 1.0)   # computeBandwidth(true)
    rhs = (2.0 * _LOAD if rhs_loads else 0.0) + rhs_cost
    total = K * (bw * M * N / 8 + 2 * _STORE + rhs * N)
    reduction = M * N * (2 * _LOAD + _STORE + 1.0 / 8)
    best, threads = total, 1
    for nt in range(2, pool + 1, 2):
        cost = total / nt + 100000 + nt * (reduction + 3000)
        if cost < best:
            best, threads = cost, nt
    return threads


def _by_k(M, N, K, t, tk):
    """Eigen's shardByInnerDim (its L3 check left out: outputs of 16 MiB and more)."""
    if N == 1 or tk < 2 or tk < t or K // tk < 2 * _NR:
        return False
    return max(M, N) // t < _NR or (K // tk > 8 * _NR and (min(M, N) < 2 * _NR or tk > t))


def _gemv_cols(a, b):
    """m == 1: products one by one, in blocks of 16 k from k = 128 on."""
    k = a.shape[1]
    step = k if k < 128 else 16
    out = None
    for k0 in range(0, k, step):
        part = _seq(_products(a, b, range(k0, min(k, k0 + step))))
        out = part if out is None else out + part
    return out


def matmul(a, b, transpose_a=False, transpose_b=False, pool=1, rhs_cost=0.0, rhs_loads=True):
    """TF 1.14's float16 MatMul of 2-D a and b on an intra-op pool of `pool` threads.
    `rhs_cost`, `rhs_loads`: the left operand's cost in Eigen's cost model where it is an
    expression (Conv3D's volume patches: fused_matmul.VOLUME_PATCH_COST, no load)."""
    x = a.T if transpose_a else a
    y = b.T if transpose_b else b
    m, k = x.shape
    n = y.shape[1]
    if not (m and n):
        return np.zeros((m, n), np.float16)
    if not k:
        return np.zeros((m, n), np.float16)
    if m == 1:
        return _gemv_cols(x, y)
    t = _threads(n, m, k, pool, rhs_cost, rhs_loads)
    tk = _threads_by_k(n, m, k, pool, rhs_cost, rhs_loads)
    if _by_k(n, m, k, t, tk):
        # evalShardedByInnerDim: depth shards of ceil(k / tk) (a multiple of 8, at least
        # 96), each a product (depth blocks of at most 320) into a zeroed buffer, the
        # buffers added in order
        size = min(k, max(96, (-(-k // tk) + 7) // 8 * 8))
        out = None
        for k0 in range(0, k, size):
            part = _depth_blocks(x[:, k0:k0 + size], y[k0:k0 + size], 320)
            out = part if out is None else out + part
        return out
    if t == 1:
        return _depth_blocks(x, y, _kc(n, k, m))
    # Eigen's blocking for more than one thread: depth blocks of 320, column panels
    bm = _panel(n, m, k, t)
    kc = 320 if k > 320 else k
    return np.concatenate([_depth_blocks(x, y[:, c:c + bm], kc) for c in range(0, n, bm)],
                          axis=1)


def _depth_blocks(x, y, kc):
    """The GEBP sums of each depth block of kc, added to the result in turn."""
    k = x.shape[1]
    out = None
    for k0 in range(0, k, kc):
        part = _gebp(x, y, k0, min(k, k0 + kc))
        out = part if out is None else out + part
    return out


# -- BatchMatMul -------------------------------------------------------------------------
def _predux(lanes):
    """A packet of halves reduced by halves in float, rounded to half."""
    lanes = lanes.astype(np.float32)
    while lanes.shape[-1] > 1:
        h = lanes.shape[-1] // 2
        lanes = lanes[..., :h] + lanes[..., h:]
    return lanes[..., 0].astype(np.float16)


def _gemv_rows(a, b):
    """Row-major a [r, k] times b [k, 1]: an 8-lane accumulator over the whole packets of
    8 products, its lanes added in float, then the products left one by one."""
    k = a.shape[1]
    p = a * b[:, 0]
    whole = k // 8 * 8
    out = _predux(_seq(p[:, i:i + 8] for i in range(0, whole, 8))) if whole else \
        np.zeros(a.shape[0], np.float16)
    return _seq((p[:, i] for i in range(whole, k)), out)[:, None]


def _dot_redux(a, b):
    """The lazy product with b transposed and a not: Eigen's vectorized redux of each dot
    product (two packet accumulators over pairs of packets, added, then the odd packet;
    the lanes added in float; the products left one by one)."""
    k = a.shape[1]
    p = a[:, None, :] * b.T[None, :, :]                     # [m, n, k]
    whole, pairs = k // 8 * 8, k // 16 * 16
    acc = p[..., 0:8]
    if whole > 8:
        acc = _seq(p[..., i:i + 8] for i in range(0, pairs, 16)) + \
            _seq(p[..., i + 8:i + 16] for i in range(0, pairs, 16))
        if whole > pairs:
            acc = acc + p[..., pairs:pairs + 8]
    return _seq((p[..., i] for i in range(whole, k)), _predux(acc))


def _bmm_one(x, y, adj_x, adj_y, pool, single):
    """One matrix of TF's BatchMatMul: Eigen's matrix product when m or n is 1, or when the
    batch has more than one matrix and the sizes are tiny (the lazy product below
    k + m + n = 20), else the contraction as MatMul (a single matrix: on the pool)."""
    m, k = x.shape
    n = y.shape[1]
    if m > 1 and n > 1 and single:
        return matmul(x, y, pool=pool)
    if k + m + n < 20:
        if adj_y and not adj_x and k >= 8:
            return _dot_redux(x, y)
        return _seq(_products(x, y, range(k)))
    if n == 1:
        return _gemv_cols(y.T, x.T).T if adj_x else _gemv_rows(x, y)
    if m == 1:
        return _gemv_rows(y.T, x.T).T if adj_y else _gemv_cols(x, y)
    return matmul(x, y, pool=pool)


def batch_matmul(x, y, adj_x=False, adj_y=False, pool=1):
    """TF 1.14's float16 BatchMatMul of x [..., m, k] and y [..., k, n] (already adjointed
    where the flags say, batch dims broadcast): each matrix on its own, a single matrix on
    the pool (the contraction), more one thread each (TF's sequential kernel)."""
    shape = np.broadcast_shapes(x.shape[:-2], y.shape[:-2])
    m, k, n = x.shape[-2], x.shape[-1], y.shape[-1]
    xs = np.broadcast_to(x, shape + (m, k)).reshape(-1, m, k)
    ys = np.broadcast_to(y, shape + (k, n)).reshape(-1, k, n)
    if not (m and n):
        return np.zeros(shape + (m, n), np.float16)
    if not k:
        return np.zeros(shape + (m, n), np.float16)
    single = len(xs) == 1
    return np.stack([_bmm_one(a, b, adj_x, adj_y, pool if single else 1, single)
                     for a, b in zip(xs, ys)]).reshape(shape + (m, n))
