"""tf.contrib.factorization's kernels (TF 1.14 core/kernels/clustering_ops.cc): NearestNeighbors,
KmeansPlusPlusInitialization and KMC2ChainInitialization, with their Python wrappers
(TF's gen_clustering_ops).

The two sampling ops draw from TF's SimplePhilox over PhiloxRandom(seed) (key = the int64 seed,
counter 0, the four words of each call used in order): Uniform64 by rejection as
ExactUniformInt does, RandFloat from 23 mantissa bits. Distances are computed in float32 in the
kernels' order of operations: NearestNeighbors' dot products as Eigen's GEMM sums them per
shard of the points (AVX without FMA, as TF 1.14's pip build), its norms as Eigen's vectorized
reductions; KmeansPlusPlusInitialization's matrix-vector products are summed in order and may
round differently in the last bit.
"""
from __future__ import annotations

import math
import os

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.registry import register_op
from ..engine.framework.graph import Tensor
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import philox as _philox
from ..engine.ops.image_boxes import gen_op

__all__ = ["nearest_neighbors", "kmeans_plus_plus_initialization", "kmc2_chain_initialization"]

_CENTERS_BLOCK = 1024      # kNearestNeighborsCentersMaxBlockSize
_U64 = (1 << 64) - 1


class _SimplePhilox:
    """TF's SimplePhilox(PhiloxRandom(seed)): a stream of uint32 words."""

    _CHUNK = 64

    def __init__(self, seed):
        self._key = int(seed) & _U64
        self._counter = 0
        self._buf = np.empty(0, np.uint32)
        self._pos = 0

    def rand32(self):
        if self._pos == self._buf.size:
            self._buf = _philox.philox_blocks(self._key, self._counter, self._CHUNK).reshape(-1)
            self._counter += self._CHUNK
            self._pos = 0
        w = int(self._buf[self._pos])
        self._pos += 1
        return w

    def rand64(self):
        lo = self.rand32()
        hi = self.rand32()
        return lo | hi << 32

    def uniform64(self, n):
        """ExactUniformInt<uint64>(n, Rand64)."""
        rem = (_U64 % n + 1) % n
        while True:
            bits = self.rand64()
            if bits >= rem:
                return bits % n

    def rand_float(self):
        """Uint32ToFloat: a float32 in [0, 1) from the low 23 bits."""
        w = np.array([(self.rand32() & 0x7FFFFF) | 0x3F800000], np.uint32)
        return w.view(np.float32)[0] - np.float32(1)


def _matrix(x, what):
    if x.ndim != 2:
        raise errors.InvalidArgumentError(None, None, f"Input {what} should be a matrix.")


def _scalar(x, what):
    if x.ndim != 0:
        raise errors.InvalidArgumentError(None, None, f"Input {what} should be a scalar.")


def _arg(value, arg, dtype):
    """gen_op's argument: a Tensor as it is (its dtype is checked against the op's), any
    other value converted to the op's dtype."""
    if isinstance(value, Tensor) or hasattr(value, "_as_graph_element"):
        return (value, arg)
    return (value, arg, dtype)


def _check_types(op_type, inputs, expected):
    """TF's op-def check: TypeError naming the input whose dtype differs."""
    for t, (arg, dtype) in zip(inputs, expected):
        if t.dtype.base_dtype is not dtype:
            raise TypeError(f"Input '{arg}' of '{op_type}' Op has type {t.dtype.base_dtype.name} "
                            f"that does not match expected type of {dtype.name}.")


def _seq_dot(a, b):
    """a [n, d] times b [m, d] transposed, each entry summed over d in order, in float32."""
    out = np.zeros((a.shape[0], b.shape[0]), np.float32)
    for j in range(a.shape[1]):
        out += a[:, j:j + 1] * b[None, :, j]
    return out


def _gebp_dot(points, centers):
    """points [n, d] times centers [m, d] transposed as TF 1.14's Eigen GEMM (AVX, no FMA)
    sums each entry: it computes centers * points^T, the centers the packed lhs rows. Rows
    in panels of 16 (two packets) add the d products in order; the next rows, in a packet
    of 8 and then a half packet of 4, add the even and the odd products of each full block
    of 8 into two accumulators, sum those and add the rest in order; the last rows (one at
    a time) hold (k, k+1) pairs in four accumulators per block of 8 (summed (C0+C1)+(C2+C3)),
    then add the even to the odd half and the odd last product. Points past the last panel
    of 4 columns add in order."""
    n, d = points.shape
    m = centers.shape[0]
    out = _seq_dot(points, centers)
    mc2, mc1 = m // 16 * 16, m // 8 * 8
    mch = mc1 + 4 if m - mc1 >= 4 else mc1
    cols4 = n // 4 * 4
    peeled = d // 8 * 8
    a = points[:cols4]

    def prod(k, rows):
        return a[:, k:k + 1] * centers[None, rows, k]

    if peeled and mch > mc2:
        rows = slice(mc2, mch)
        even, odd = prod(0, rows), prod(1, rows)
        for k in range(2, peeled, 2):
            even += prod(k, rows)
            odd += prod(k + 1, rows)
        even += odd
        for k in range(peeled, d):
            even += prod(k, rows)
        out[:cols4, rows] = even
    if m > mch and d:
        rows = slice(mch, m)
        zero = np.zeros((cols4, m - mch), np.float32)
        acc = [[zero.copy(), zero.copy()] for _ in range(4)]   # (even, odd) lanes, C0..C3
        for k in range(0, peeled, 8):
            for j in range(4):
                acc[j][0] += prod(k + 2 * j, rows)
                acc[j][1] += prod(k + 2 * j + 1, rows)
        c0 = [(acc[0][i] + acc[1][i]) + (acc[2][i] + acc[3][i]) for i in (0, 1)]
        for k in range(peeled, d // 2 * 2, 2):
            c0[0] += prod(k, rows)
            c0[1] += prod(k + 1, rows)
        s = c0[0] + c0[1]
        if d % 2:
            s += prod(d - 1, rows)
        out[:cols4, rows] = s
    return out


def _point_shards(n, m, d):
    """NearestNeighborsOp's shards of the points (start, limit): units of work that fit
    kDefaultL3CachePerCpu (1 MiB) per schedulable CPU, at least 16 rows, a multiple of the
    device's worker threads. TF 1.14's sessions shard as with one worker thread (checked
    with the oracle on a 2-CPU machine: 18 to 4000 points, bit for bit only so)."""
    threads = 1
    per_row = (min(_CENTERS_BLOCK, m) + d) * 4
    budget = (_cpu_count() << 20) - min(m, (threads + 2) * _CENTERS_BLOCK) * d * 4
    rows = max(16, budget // threads // per_row)
    units = -(-n // rows)
    units += -units % threads
    return [(n * u // units, n * (u + 1) // units) for u in range(units)]


def _inner_product(points, centers):
    """FindKNearestCentersOneBlock's `points * centers.transpose()` for one shard: Eigen's
    GEMM, or below 20 rows + columns + depth its coefficient-based product (each entry a
    vectorized redux of the two rows' products)."""
    n, d = points.shape
    if n + d + centers.shape[0] < 20:
        return _redux_rows((points[:, None, :] * centers[None, :, :]).astype(np.float32))
    return _gebp_dot(points, centers)


def _cpu_count():
    """port::NumSchedulableCPUs, also the size of TF's default intra-op pool."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        os.cpu_count() or 1


def _redux_rows(v):
    """Each row of v [..., d] (float32) summed as Eigen's vectorized redux does (AVX: 8
    lanes, two packet accumulators, lanes reduced pairwise, the tail added one by one)."""
    d = v.shape[-1]
    w = 8
    full, full2 = d // w * w, d // (2 * w) * (2 * w)
    if full == 0:
        s = np.zeros(v.shape[:-1], np.float32)
        for j in range(d):
            s += v[..., j]
        return s
    acc = v[..., :w].copy()
    if full > w:
        acc1 = v[..., w:2 * w].copy()
        for j in range(2 * w, full2, 2 * w):
            acc += v[..., j:j + w]
            acc1 += v[..., j + w:j + 2 * w]
        acc += acc1
        if full > full2:
            acc += v[..., full2:full2 + w]
    while acc.shape[-1] > 1:
        h = acc.shape[-1] // 2
        acc = acc[..., :h] + acc[..., h:]
    s = acc[..., 0]
    for j in range(full, d):
        s = s + v[..., j]
    return s


def _half_squared_norm(x):
    """0.5 * each row's squared norm (Eigen's rowwise().squaredNorm())."""
    return np.float32(0.5) * _redux_rows((x * x).astype(np.float32))


# -- NearestNeighbors -------------------------------------------------------------------------

def _nearest_one_block(k, points, p_half, centers, c_half, shards):
    """FindKNearestCentersOneBlock: indices [n, k] int64 and distances [n, k] float32, the
    inner products per shard (start, limit) of the points."""
    inner = np.empty((points.shape[0], centers.shape[0]), np.float32)
    for a, b in shards:
        inner[a:b] = _inner_product(points[a:b], centers)
    partial = (c_half[None, :] - inner).astype(np.float32)
    n, m = partial.shape
    if k == 1:
        idx = np.argmin(partial, axis=1) if m else np.zeros(n, np.int64)
        best = partial[np.arange(n), idx]
        dist = (np.float32(2) * (p_half + best).astype(np.float32)).astype(np.float32)
        return idx.astype(np.int64)[:, None], dist[:, None]
    # gtl::TopN with std::less<pair<float, int64>>: the k smallest (distance, index) pairs
    order = np.lexsort((np.broadcast_to(np.arange(m), (n, m)), partial), axis=1)[:, :k]
    best = np.take_along_axis(partial, order, axis=1)
    dist = (np.float32(2) * (p_half[:, None] + best).astype(np.float32)).astype(np.float32)
    return order.astype(np.int64), dist


def _nearest_neighbors_kernel(points, centers, k):
    points, centers, k = np.asarray(points), np.asarray(centers), np.asarray(k)
    _matrix(points, "points")
    _matrix(centers, "centers")
    _scalar(k, "k")
    n, dims = points.shape
    m, cdims = centers.shape
    if n <= 0:
        raise errors.InvalidArgumentError(None, None, "Expected points.rows() > 0.")
    if dims != cdims:
        raise errors.InvalidArgumentError(
            None, None, f"Expected point_dimensions == center_dimensions: {dims} vs {cdims}.")
    k = int(min(m, int(k)))
    if k <= 0:
        return np.zeros((n, max(k, 0)), np.int64), np.zeros((n, max(k, 0)), np.float32)
    points = points.astype(np.float32, copy=False)
    centers = centers.astype(np.float32, copy=False)
    p_half = _half_squared_norm(points)
    c_half = _half_squared_norm(centers)
    shards = _point_shards(n, m, dims)
    if m <= _CENTERS_BLOCK:
        return _nearest_one_block(k, points, p_half, centers, c_half, shards)
    # FindKNearestCentersBlockwise: blocks of 1024 centers, merged (earlier wins ties)
    out_k = min(k, _CENTERS_BLOCK)
    idx, dist = _nearest_one_block(out_k, points, p_half, centers[:_CENTERS_BLOCK],
                                   c_half[:_CENTERS_BLOCK], shards)
    for start in range(_CENTERS_BLOCK, m, _CENTERS_BLOCK):
        size = min(_CENTERS_BLOCK, m - start)
        block_k = min(k, size)
        bidx, bdist = _nearest_one_block(block_k, points, p_half, centers[start:start + size],
                                         c_half[start:start + size], shards)
        bidx = bidx + start
        if k == 1:
            better = bdist[:, 0] < dist[:, 0]
            idx[better, 0] = bidx[better, 0]
            dist[better, 0] = bdist[better, 0]
        else:
            all_d = np.concatenate([dist, bdist], axis=1)
            all_i = np.concatenate([idx, bidx], axis=1)
            order = np.argsort(all_d, axis=1, kind="stable")[:, :k]
            idx = np.take_along_axis(all_i, order, axis=1)
            dist = np.take_along_axis(all_d, order, axis=1)
    return idx, dist


def _nearest_neighbors_infer(inputs, attrs):
    _check_types("NearestNeighbors", inputs,
                 [("points", _dt.float32), ("centers", _dt.float32), ("k", _dt.int64)])
    return [(_dt.int64, TensorShape(None)), (_dt.float32, TensorShape(None))]


register_op("NearestNeighbors", infer=_nearest_neighbors_infer, kernel=_nearest_neighbors_kernel,
            grad=None)


def nearest_neighbors(points, centers, k, name=None):
    """Selects the k nearest centers for each point: (nearest_center_indices int64 [n, k],
    nearest_center_distances float32 [n, k], squared euclidean)."""
    return tuple(gen_op("NearestNeighbors", [_arg(points, "points", _dt.float32),
                                             _arg(centers, "centers", _dt.float32),
                                             _arg(k, "k", _dt.int64)], {}, name=name))


# -- KmeansPlusPlusInitialization ---------------------------------------------------------------

def _kmeans_plus_plus_kernel(points, num_to_sample, seed, num_retries_per_sample):
    points = np.asarray(points)
    num_to_sample, seed = np.asarray(num_to_sample), np.asarray(seed)
    num_retries_per_sample = np.asarray(num_retries_per_sample)
    _matrix(points, "points")
    _scalar(num_to_sample, "num_to_sample")
    _scalar(seed, "seed")
    _scalar(num_retries_per_sample, "num_retries_per_sample")
    num_points, dims = points.shape
    num_to_sample = int(num_to_sample)
    retries = int(num_retries_per_sample)
    if retries < 0:
        retries = 2 + int(math.log(num_to_sample)) if num_to_sample > 0 else 2
    if num_points <= 0:
        raise errors.InvalidArgumentError(None, None, "Expected points.rows() > 0.")
    if num_to_sample <= 0:
        raise errors.InvalidArgumentError(None, None, "Expected num_to_sample > 0.")
    if num_to_sample > num_points:
        raise errors.InvalidArgumentError(
            None, None, f"Expected num_to_sample <= points.rows(). {num_to_sample} vs "
            f"{num_points}.")
    points = points.astype(np.float32, copy=False)
    half = _half_squared_norm(points)
    rng = _SimplePhilox(int(seed))
    sampled = np.empty((num_to_sample, dims), np.float32)
    chosen = set()
    min_d = np.full(num_points, np.inf, np.float32)
    cumsum = np.zeros(num_points, np.float32)

    def distances_to(i):
        i = min(i, num_points - 1)
        return ((half - _seq_dot(points, points[i:i + 1])[:, 0]).astype(np.float32)
                + half[i]).astype(np.float32)

    def draw():
        if not chosen:
            return rng.uniform64(num_points)
        while True:
            v = np.float32(rng.rand_float() * cumsum[-1])
            index = int(np.searchsorted(cumsum, v, side="right"))
            if index not in chosen:
                return index

    for i in range(num_to_sample):
        if i > 0:
            cumsum = np.cumsum(min_d, dtype=np.float32)
        if retries == 0:
            nxt = draw()
            min_d = np.minimum(min_d, distances_to(nxt))
        else:
            best_potential, best_index, best_d = np.float32(np.inf), 0, None
            for _ in range(1 + retries):
                index = draw()
                new_d = np.minimum(min_d, distances_to(index))
                potential = np.sum(new_d, dtype=np.float32)
                if potential < best_potential:
                    best_potential, best_index, best_d = potential, index, new_d
            if best_d is not None:
                min_d = best_d
            nxt = best_index
        nxt = min(nxt, num_points - 1)
        sampled[i] = points[nxt]
        chosen.add(nxt)
    return sampled


def _unknown_float(inputs, attrs):
    _check_types("KmeansPlusPlusInitialization", inputs,
                 [("points", _dt.float32), ("num_to_sample", _dt.int64), ("seed", _dt.int64),
                  ("num_retries_per_sample", _dt.int64)])
    return [(_dt.float32, TensorShape(None))]


register_op("KmeansPlusPlusInitialization", infer=_unknown_float,
            kernel=_kmeans_plus_plus_kernel, grad=None)


def kmeans_plus_plus_initialization(points, num_to_sample, seed, num_retries_per_sample,
                                    name=None):
    """Selects num_to_sample rows of points by the k-means++ criterion (float32 samples)."""
    return gen_op("KmeansPlusPlusInitialization",
                  [_arg(points, "points", _dt.float32),
                   _arg(num_to_sample, "num_to_sample", _dt.int64),
                   _arg(seed, "seed", _dt.int64),
                   _arg(num_retries_per_sample, "num_retries_per_sample", _dt.int64)], {},
                  name=name)


# -- KMC2ChainInitialization --------------------------------------------------------------------

def _kmc2_kernel(distances, seed):
    distances, seed = np.asarray(distances), np.asarray(seed)
    if distances.ndim != 1:
        raise errors.InvalidArgumentError(None, None, "Input distances should be a vector.")
    _scalar(seed, "seed")
    n = distances.shape[0]
    if n <= 0:
        raise errors.InvalidArgumentError(None, None, "Expected distances_tensor.size() > 0.")
    distances = distances.astype(np.float32, copy=False)
    rng = _SimplePhilox(int(seed))
    selected = 0
    selected_d = distances[0]
    for i in range(1, n):
        cand = distances[i]
        if cand > np.float32(rng.rand_float() * selected_d):
            selected, selected_d = i, cand
    return np.array(selected, np.int64)


def _kmc2_infer(inputs, attrs):
    _check_types("KMC2ChainInitialization", inputs,
                 [("distances", _dt.float32), ("seed", _dt.int64)])
    return [(_dt.int64, TensorShape([]))]


register_op("KMC2ChainInitialization", infer=_kmc2_infer, kernel=_kmc2_kernel, grad=None)


def kmc2_chain_initialization(distances, seed, name=None):
    """The index of the point one k-MC^2 Markov chain over `distances` selects (int64)."""
    return gen_op("KMC2ChainInitialization", [_arg(distances, "distances", _dt.float32),
                                              _arg(seed, "seed", _dt.int64)], {}, name=name)
