"""TF 1.14's float32 tensor contraction on the CPU, in the order its kernel adds: MatMul
(two or more output rows and columns), a MatMul fused with its BiasAdd (Grappler's
_FusedMatMul, one output column included) and Conv2DBackpropInput's columns.

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
  sizes, reading the blocks TF refines for MKL-DNN: _mkldnn_blocking; a small output, a
  large k), each shard is a contraction of its own (blocked as on more than one thread)
  into a zeroed buffer, the buffers added in order (golden nn/conv_shard_inner, Intel).

Conv2DBackpropInput of a batch below its use_parallel_contraction threshold calls the
sgemm itself, one image per call on one thread: its depth blocks alone (sgemm; golden
nn/conv_backprop_parallel, Intel).

The bias is then added to each sum. Checked bit for bit against TF 1.14 on this machine
(an AVX-512 EPYC, intra-op pool of 2) for m from 2 to 3000 and k from 2 to 1400.

With more than one output column the threads are Eigen's for the whole output (its cost
model, eigen_half_mm's with float's 4-byte loads and stores: eigen_threads), and each
block is NumPy's GEMM with x in column-major order: OpenBLAS's kernels then add each
output's products one after the other too, as MKL-DNN's (with a row-major x, small
products take kernels that add otherwise: 30% of products of sizes 2-80 differed from
TF's bits). Checked against TF 1.14 for 380 products, sizes 2
to 700, every transpose (golden math/contraction_bits). That holds for OpenBLAS's AVX-512
kernels (SkylakeX; Cooperlake in the newest NumPy wheels); its AVX2 kernels (Haswell, Zen)
and OpenBLAS 0.3.23's Cooperlake ones (NumPy 1.25 on a Zen 4 EPYC) add otherwise for some
shapes (147 and 3 of 504 checked), where the last bits then differ from TF's
(tests/goldens.py, SGEMM_SEQUENTIAL).

Conv2D and Conv3D (SpatialConvolution, CuboidConvolution) contract an image- or
volume-patch input whose coefficients cost Eigen's cost model more (patch_product): other
threads and depth shards than a MatMul of the same sizes (checked for 189 random Conv2Ds
and 80 Conv3Ds, 148 filter gradients). One output row goes to Eigen's gemv (gemv).
"""
from __future__ import annotations

import functools

import numpy as np

from ..framework import threads as _threads
from . import eigen_half_mm as _eh
from .host_cpu import eigen_caches

__all__ = ["column_product", "contraction", "depth_runs", "fma_matmul", "gemv", "one_gemm",
           "patch_product", "product", "sgemm"]

_BK = 384           # MKL-DNN's depth block (jit_avx512_common_gemm_f32, avx512_core)
# Eigen's float kc for the host's L1 (host_cpu): ((l1 - 16*4*4) // (16*4 + 4*4)) & ~7, 400 for
# a 32 KiB L1 (AMD EPYC), 608 for 48 KiB (Intel Xeon)
_MAX_KC = ((eigen_caches()[0] - 16 * 4 * 4) // (16 * 4 + 4 * 4)) & ~7


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


def _gemm_run(x, y, start, stop):
    """x[:, start:stop] @ y[start:stop] (more than one column) summed from 0 by one
    multiply-add after the other: NumPy's GEMM on a column-major x (its column slices
    are column-major views), kept whole."""
    return _threads.matmul(np.asfortranarray(x[:, start:stop]), y[start:stop], rows=False)


@functools.lru_cache(maxsize=4096)
def _slice_depth(m, n, k, threads):
    """The depth of TF's slices of one contraction (the last may be shorter)."""
    kc = _eigen_kc(max(m, n), k, threads)
    slices = max(1, -(-k // kc))
    return min(k, -(-(k // slices) // 8) * 8)


def contraction(x, y, threads, shape=None):
    """One contraction of x [m, k] and y [k, n]: TF's slices, MKL-DNN's blocks (decided on
    `shape`, the (m, n) of the op whose rows or columns these are, if given)."""
    m, k = x.shape
    return _sum_runs(x, y, _contraction_runs(*(shape or (m, y.shape[1])), k, threads))


def sgemm(x, y):
    """x [m, k] @ y [k, n] (float32, k > 0) by one call of MKL-DNN's sgemm of its own, on
    one thread (TF 1.14's Conv2DCustomBackpropInputMatMulFunctor<float>): its depth blocks
    alone (_sgemm_blocks), without Eigen's slices or shards. Each row's sums depend on its
    own values only: the rows of several such calls may go in one."""
    if y.shape[1] > 1:
        x = np.asfortranarray(x)   # (as product(): each block a column-major view)
    runs, start = [], 0
    for size in _sgemm_blocks(x.shape[1]):
        runs.append((start, start + size))
        start += size
    return _sum_runs(x, y, runs)


def _sum_runs(x, y, runs):
    """The sums of x [m, k] @ y [k, n] over each depth run [a, b) (from 0, one multiply-add
    after the other), added in turn."""
    run = _fma_run if y.shape[1] == 1 else _gemm_run
    out = None
    for a, b in runs:
        acc = run(x, y, a, b)
        if out is None:
            out = acc
        else:
            np.add(out, acc, out=out)
    return out


def column_product(x, y, pool):
    """x [m, k] @ y [k, 1] (float32, m > 1, k > 0, transposes already applied) as TF 1.14's
    _FusedMatMul sums it on an intra-op pool of `pool` threads, before the bias."""
    return product(x, y, pool)


_MR_F32 = 16   # gebp_traits<float, float>'s mr under AVX without FMA (TF 1.14's wheel): 2 packets


# Eigen's compute cost of one coefficient of an image patch (TensorImagePatchOp's
# costPerCoeff beyond the input's load: 3 int64 divisions at 24 cycles and 14
# multiplications, over a packet of 8 floats), which Conv2D's contraction adds for every
# patch value it reads; a volume patch's (TensorVolumePatchOp, Conv3D: 10 divisions, 21
# multiplications, 8 additions) replaces the load
PATCH_COST = (3 * 24 + 14) / 8
VOLUME_PATCH_COST = (10 * 24 + 21 + 8) / 8
_F32 = 4.0   # sizeof(float): the bytes each loaded or stored coefficient costs


def eigen_threads(M, N, K, pool, mr, size, packet, rhs_cost=0.0, rhs_loads=True,
                  mkldnn=False):
    """Threads Eigen's contraction picks (eigen_half_mm._threads' model) for a scalar of
    `size` bytes in packets of `packet`, GEBP's mr `mr` (nr 4): M the output's columns, N
    its rows; `rhs_cost`: the compute cost of one of the right-hand side's coefficients
    (Eigen's right side: TF's left operand), and `rhs_loads`: whether its cost counts a
    load (contractionCost drops the memory cost of the side it does not shard);
    `mkldnn`: the cost model reads the blocking for two threads as TF 1.14 refines it for
    MKL-DNN's sgemm (float32: _mkldnn_blocking), else Eigen's."""
    if pool < 2 or N == 1:
        return 1
    by_col = _eh._shard_by_col(M, N, 2)
    bk = 320 if K > 320 else K
    if by_col:
        bm, bn = _eh._thread_block(M, mr), _eh._thread_block(N, _eh._NR)
    else:
        bm, bn = _eh._thread_block(M, _eh._NR), _eh._thread_block(N, mr)
    if mkldnn:
        bm, bn, bk = _mkldnn_blocking(M, N, K, bm, bn)
    bw = 4.0 if bk == 1 else (2.0 if bm < _eh._NR or bn < mr else 1.0)
    if by_col:
        loads = size * bk / M if rhs_loads else 0.0
    else:
        loads = size * bk / N
    per_coeff = bk * bw / packet + size * _eh._STORE + loads * _eh._LOAD + rhs_cost * bk / M
    t = (M * N * per_coeff - _eh._STARTUP) / _eh._PER_THREAD + 0.9
    return min(pool, max(1, int(min(t, 2 ** 31 - 1))))


def _mkldnn_blocking(M, N, K, bm, bn):
    """TF 1.14's TensorContractionBlocking<float> for MKL-DNN (eigen_contraction_kernel.h)
    of Eigen's blocks bm, bn for two threads: bm scaled by 1.5 and rounded up to 48, bn
    rounded up to 24 (capped by M, N), the depth cut into equal slices of at most 320
    rounded up to 8 (as product() adds them: e.g. 280 for K = 1120, where Eigen's is 320).
    The cost model sees these blocks: a lower cost per output than Eigen's, so fewer
    threads (then the depth sharded: shardByInnerDim), and no low bandwidth for N of 16
    to 24 sharded by column."""
    bm = min(M, -(-int(bm * 1.5) // 48) * 48)
    bn = min(N, -(-bn // 24) * 24)
    return bm, bn, _slice_depth(M, N, K, 2)


def eigen_threads_by_k(M, N, K, pool, mr, size, packet, rhs_cost=0.0, rhs_loads=True):
    """Eigen's numThreadsInnerDim (sizes as eigen_threads; M: the output's columns, N: its
    rows, as Eigen's column-major view of TF's row-major product). Its bandwidth is
    computeBandwidth(shard_by_col=true, M, N, K): 2 when N < nr or M < mr."""
    bw = 4.0 if K == 1 else (2.0 if N < _eh._NR or M < mr else 1.0)
    rhs = (size * _eh._LOAD if rhs_loads else 0.0) + rhs_cost
    total = K * (bw * M * N / packet + size * _eh._STORE + rhs * N)
    reduction = M * N * (2 * _eh._LOAD + _eh._STORE + 1.0 / packet)
    best, threads = total, 1
    for nt in range(2, pool + 1, 2):
        cost = total / nt + 100000 + nt * (reduction + 3000)
        if cost < best:
            best, threads = cost, nt
    return threads


@functools.lru_cache(maxsize=4096)
def _plan(m, n, k, pool, rhs_cost=0.0, rhs_loads=True, mkldnn=True):
    """(Eigen's threads, the depth of its shards or None when the depth is not sharded);
    `mkldnn`: TF's contraction with MKL-DNN's sgemm (its blocking), else Eigen's GEBP's
    (eigen_gebp.product: tf.contrib.rnn's kernels)."""
    t = eigen_threads(n, m, k, pool, _MR_F32, _F32, 8, rhs_cost, rhs_loads, mkldnn)
    tk = eigen_threads_by_k(n, m, k, pool, _MR_F32, _F32, 8, rhs_cost, rhs_loads)
    if not _eh._by_k(n, m, k, t, tk):
        return t, None
    return t, min(k, max(96, (-(-k // tk) + 7) // 8 * 8))


@functools.lru_cache(maxsize=4096)
def _one_run(m, n, k, threads):
    """Is a contraction on `threads` threads one slice and one sgemm block?"""
    return _slice_depth(m, n, k, threads) == k and len(_sgemm_blocks(k)) == 1


def one_gemm(m, n, k, pool):
    """Does product() add all k products of each output in one run (no shard, one slice,
    one sgemm block), which is NumPy's GEMM of a column-major left operand?"""
    t, shard = _plan(m, n, k, pool)
    return shard is None and _slice_depth(m, n, k, t) == k and len(_sgemm_blocks(k)) == 1


def gemv(w, v, lhs_stride):
    """Eigen's column-major matrix-vector product as a contraction with one output column
    runs it (evalGemv, AVX without FMA): w [k, m] (k the contracted dimension) times v [k];
    each output adds its products one after the other, in blocks of k (all k below 128,
    else 16, or 4 where the left-hand side's stride is 32000 bytes or more) whose sums are
    added to the result in turn. `lhs_stride`: that stride, in floats (the output count for
    a filter [k, m] read whole, 1 for one read transposed)."""
    k = w.shape[0]
    block = k if k < 128 else (16 if lhs_stride * w.itemsize < 32000 else 4)
    prod = np.multiply(w, v[:, None], order="C")   # (a transposed view's would be F)
    out = None
    for j0 in range(0, k, block):
        part = prod[j0:j0 + block]
        # in order: NumPy adds the rows of a C-ordered array one after the other, but a
        # single column pairwise
        acc = np.cumsum(part, axis=0)[-1] if part.shape[1] == 1 else \
            np.add.reduce(part, axis=0)
        out = acc if out is None else out + acc
    return out


def gemv_rows(w, vs, lhs_stride):
    """gemv(w, v, lhs_stride) of each row v of vs [r, k], at once: [r, m]."""
    k = w.shape[0]
    block = k if k < 128 else (16 if lhs_stride * w.itemsize < 32000 else 4)
    prod = np.multiply(w[None], vs[:, :, None], order="C")
    out = None
    for j0 in range(0, k, block):
        part = prod[:, j0:j0 + block]
        # (each row's block added term after term, as gemv's)
        acc = np.cumsum(part, axis=1)[:, -1] if part.shape[2] == 1 else \
            np.add.reduce(part, axis=1)
        out = acc if out is None else out + acc
    return out


def patch_product(cols, f, pool, volume=False):
    """Conv2D's patches cols [m, k] @ its filter f [k, n] (float32, m > 1, k > 0) as TF
    1.14's SpatialConvolution sums them: product()'s slices, with Eigen's threads and
    depth shards decided on the image-patch input's cost (PATCH_COST per value read);
    `volume`: Conv3D's (CuboidConvolution, VOLUME_PATCH_COST)."""
    if volume:
        return product(cols, f, pool, rhs_cost=VOLUME_PATCH_COST, rhs_loads=False)
    return product(cols, f, pool, rhs_cost=PATCH_COST)


def _contraction_runs(m, n, k, threads, start=0):
    """The depth runs [a, b) contraction() sums from 0 and adds in turn."""
    kc = _slice_depth(m, n, k, threads)
    runs = []
    for s0 in range(0, k, kc):
        for size in _sgemm_blocks(min(kc, k - s0)):
            runs.append((start, start + size))
            start += size
    return runs


def depth_runs(m, n, k, pool, rhs_cost=0.0, rhs_loads=True):
    """How product() cuts the depth of an (m, k) @ (k, n) contraction: a list of shards
    (their sums added in turn), each a list of runs [a, b) (each summed from 0 by one
    multiply-add after the other, the runs' sums added in turn). For callers whose
    operands are mostly zeros (Conv3D's filter gradient): zero products add nothing, so
    each run may be summed over its nonzero terms alone."""
    t, size = _plan(m, n, k, pool, rhs_cost, rhs_loads)
    if size is None:
        if n > 1 and m * n * k < _threads._MIN_SPLIT and _one_run(m, n, k, t):
            return [[(0, k)]]
        return [_contraction_runs(m, n, k, t)]
    return [_contraction_runs(m, n, min(size, k - k0), 2, k0) for k0 in range(0, k, size)]


def product(x, y, pool, shape=None, rhs_cost=0.0, rhs_loads=True):
    """x [m, k] @ y [k, n] (float32, m > 1, k > 0, transposes already applied) as TF 1.14's
    contraction sums it on an intra-op pool of `pool` threads (Eigen's threads, and its
    sharding of the depth: each shard a contraction of its own, added in order). `shape`:
    the (m, n) that decides the blocking, where x's rows or y's columns are part of an op's
    (the fused loops' stacked steps); `rhs_cost`, `rhs_loads`: the compute cost of each of
    x's values in Eigen's cost model and whether it loads (patch_product)."""
    m, k = x.shape
    n = y.shape[1]
    if not (m and n and k):
        return np.matmul(x, y)   # nothing to add
    mn = shape or (m, n)
    t, size = _plan(*mn, k, pool, rhs_cost, rhs_loads)
    if n > 1:
        x = np.asfortranarray(x)   # once: every depth slice is then a column-major view
        if size is None and m * n * k < _threads._MIN_SPLIT and _one_run(*mn, k, t):
            return np.matmul(x, y)   # one run of multiply-adds, small: no split to weigh
    if size is None:
        return contraction(x, y, t, mn)
    out = None
    for k0 in range(0, k, size):
        part = contraction(x[:, k0:k0 + size], y[k0:k0 + size], 2, mn)
        out = part if out is None else out + part
    return out
