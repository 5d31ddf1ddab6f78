"""Floating-point sums in the order TF 1.14's CPU kernels add (Eigen's reducers).

TF reshapes a reduction as its `ReductionHelper` does (dims of size 1 dropped, adjacent
reduced / kept dims merged) and hands Eigen one of these:

- everything reduced (`[r]`): Eigen's `FullReducer` on the thread pool. With one thread it
  is one `InnerMostDimReducer` over all values; with `t` threads (Eigen's cost model picks
  `t <= intra_op_parallelism_threads`) blocks of `floor(float(n) / t)` values are reduced
  each by its own `InnerMostDimReducer`, the remainder too, and the block results are added
  to the remainder's in order.
- `[k, r]` (and every case TF transposes so that the reduced dims come last): one
  `InnerMostDimReducer` per output, over the row starting at flat index `row * r`.
- `[r, k]`, `[k, r, k]`, `[r, k, r]`: Eigen adds the reduced values of each output one after
  the other, in memory order, starting from 0.

`InnerMostDimReducer` (vectorized, with the tree Eigen's TensorReduction.h has): above
`P * 1024` values (P = values in one AVX packet: 8 float32 / float16, 4 float64) it splits
at the packet boundary nearest the middle (`P * divup(first + divup(num, 2), P)`, an
absolute index) and adds `0 + left + right`. A leaf adds its whole packets lane by lane
into a packet of zeros, the values left over one by one into a scalar 0, and returns
`scalar + predux(packet)`; predux halves the packet (`p[:P/2] + p[P/2:]`) until one lane
is left. float16 packets add in half precision (each lane rounded), their predux runs in
float32 and is rounded to half. Complex numbers add their real and imaginary parts
independently, as Eigen's complex packets do (4 complex64 / 2 complex128 per packet).

Here the leaves that have as many values and the same alignment are gathered as one
contiguous [packet, leaf, lane] block and added by `np.add.reduce` over axis 0, which
NumPy does one row at a time (its pairwise summation only runs along the innermost axis;
tests/test_reduce_order.py checks this against an explicit loop). complex128 (2 values a
packet) follows the same rules but was not checked against TF.
"""
from __future__ import annotations

import os

import numpy as np
from numpy.lib.stride_tricks import as_strided

from .complex_arith import _complex_mul, complex_mul_scalar, complex_realdiv

_LEAF = 1024
LEAF = _LEAF   # values in the packets of one leaf of Eigen's tree: LEAF * P
# Eigen's cost model (TensorCostModel.h): cycles to start a thread, per thread.
_STARTUP = 100000.0
_PER_THREAD = 100000.0


def packet_size(dtype) -> int:
    """Values per AVX packet for the types Eigen vectorizes in TF 1.14's build (complex:
    complex values a packet)."""
    return {"e": 8, "f": 8, "d": 4, "F": 4, "D": 2}[np.dtype(dtype).char]


def handles(dtype) -> bool:
    """True for the dtypes whose sums follow Eigen's order here (floats and complex)."""
    return np.dtype(dtype) in (np.float16, np.float32, np.float64, np.complex64,
                               np.complex128)


def cpu_threads() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        os.cpu_count() or 1


def _divup(a, b):
    return (a + b - 1) // b


def _predux(p, dtype):
    """Eigen's predux of packets `p` [..., P] (float16 in float32, rounded to half)."""
    if dtype == np.float16:
        p = p.astype(np.float32)
    while p.shape[-1] > 1:
        h = p.shape[-1] // 2
        p = p[..., :h] + p[..., h:]
    return p[..., 0].astype(dtype, copy=False)


def _lanes(block):
    """Packets [c, m, P] added one after the other from 0: the lanes [m, P]."""
    if block.dtype == np.float16:
        # NumPy may add float16 reductions in float32: add the packets explicitly.
        lanes = np.zeros(block.shape[1:], block.dtype)
        for j in range(block.shape[0]):
            lanes += block[j]
        return lanes
    # A contiguous [c, m*P]: NumPy adds row after row (pairwise summation only runs
    # along the innermost axis).
    return np.add.reduce(np.ascontiguousarray(block), axis=0)


def _leaf_values(flat, leaves, step, g, P):
    """{(first, num): [g] sums} of the leaves (no tree) of the g reductions at
    first + m*step, m < g. Leaves with as many values and the same alignment are added
    together, their packets gathered as [packet, leaf, lane]."""
    dt = flat.dtype
    it = dt.itemsize
    groups = {}
    for f, num in leaves:
        groups.setdefault((f % P, num), []).append(f)
    out = {}
    for (r, num), fs in groups.items():
        c = num // P
        G = len(fs)
        acc = np.zeros((G, g), dt)
        for k in range(c * P, num):
            for i, f in enumerate(fs):
                acc[i] += as_strided(flat[f + k:], shape=(g,), strides=(step * it,))
        if c:
            if G == 1:
                block = as_strided(flat[fs[0]:], shape=(c, g, P),
                                   strides=(P * it, step * it, it))
            else:   # G > 1: the starts of the g trees agree modulo P (step % P == 0)
                packets = flat[r:r + (flat.size - r) // P * P].reshape(-1, P)
                rows = ((np.asarray(fs) - r) // P)[:, None] + np.arange(g) * (step // P)
                block = np.take(packets, rows.reshape(-1)[None, :] + np.arange(c)[:, None],
                                axis=0)
            acc = acc + _predux(_lanes(block), dt).reshape(G, g)
        else:
            acc = acc + dt.type(0)
        for i, f in enumerate(fs):
            out[f, num] = acc[i]
    return out


def _collect(first, num, P, leaves):
    """The leaves of Eigen's tree over [first, first + num), in order."""
    if num > P * _LEAF:
        split = P * _divup(first + _divup(num, 2), P)
        nl = min(split - first, num)
        _collect(first, nl, P, leaves)
        if nl < num:
            _collect(split, num - nl, P, leaves)
    else:
        leaves.append((first, num))
    return leaves


def tree_leaves(first, num, P):
    """The (first, num) leaves of Eigen's InnerMostDimReducer tree over the `num` values
    from flat index `first`, in order (one leaf up to P * 1024 values)."""
    return _collect(first, num, P, [])


def _combine(first, num, P, vals, dt):
    """Eigen's tree: 0 + left (+ right), down to the leaves' sums `vals`."""
    if num > P * _LEAF:
        split = P * _divup(first + _divup(num, 2), P)
        nl = min(split - first, num)
        acc = dt.type(0) + _combine(first, nl, P, vals, dt)
        if nl < num:
            acc = acc + _combine(split, num - nl, P, vals, dt)
        return acc
    return vals[first, num]


def _tree(flat, first, num, step, g, P):
    """InnerMostDimReducer (with Eigen's tree) for the g reductions of `num` values at
    flat index first + m*step, m < g; all those starts must agree modulo P."""
    vals = _leaf_values(flat, _collect(first, num, P, []), step, g, P)
    return _combine(first, num, P, vals, flat.dtype)


def _rows_real(flat, rows, n, P):
    """InnerMostDimReducer of each of `rows` rows of n values (row i at i*n)."""
    base, row_step = 0, n
    out = np.empty(rows, flat.dtype)
    if rows == 0:
        return out
    # Eigen's split depends on the row's start modulo P: rows r0, r0 + q, ... agree.
    q = int(P // np.gcd(row_step, P)) if n > P * _LEAF else 1
    for r0 in range(min(q, rows)):
        g = _divup(rows - r0, q)
        out[r0::q] = _tree(flat, base + r0 * row_step, n, row_step * q, g, P)
    return out


def row_sums(x2d):
    """Per-row sums of a 2-D array [rows, n] in Eigen's inner-most order."""
    x2d = np.ascontiguousarray(x2d)
    rows, n = x2d.shape
    P = packet_size(x2d.dtype)
    if x2d.dtype.kind == "c":
        return _complex(_rows_real(np.ascontiguousarray(x2d.real).reshape(-1), rows, n, P),
                        _rows_real(np.ascontiguousarray(x2d.imag).reshape(-1), rows, n, P),
                        x2d.dtype)
    return _rows_real(x2d.reshape(-1), rows, n, P)


def leaf_sums(values, starts, counts):
    """The sums of the groups values[starts[i]:starts[i] + counts[i]] (float32 or float64,
    each at most one leaf of Eigen's tree: counts <= P * LEAF), each as one
    InnerMostDimReducer from its own start: its whole packets added lane by lane into a packet
    of zeros, the rest one by one into a scalar 0, then scalar + predux(packet). All groups
    go together, packet by packet (a group without packet j adds 0, which changes nothing)."""
    P = packet_size(values.dtype)
    starts, counts = np.asarray(starts), np.asarray(counts)
    whole = counts // P
    acc = np.zeros((starts.size, P), values.dtype)
    lane = np.arange(P)
    zero = values.dtype.type(0)
    for j in range(int(whole.max(initial=0))):
        pos = np.minimum(starts[:, None] + j * P + lane, values.size - 1)
        acc += np.where((j < whole)[:, None], values[pos], zero)
    tail = np.zeros(starts.size, values.dtype)
    for t in range(int((counts - whole * P).max(initial=0))):
        has = t < counts - whole * P
        tail += np.where(has, values[np.minimum(starts + whole * P + t, values.size - 1)], zero)
    return tail + _predux(acc, values.dtype)



def group_sums(values, starts, counts, intra_threads=None):
    """The sums of the consecutive groups values[starts[i]:starts[i] + counts[i]], each as
    TF's sparse reductions add one group (`v.sum()`: Eigen's FullReducer on the session's
    pool); groups of at most one leaf of Eigen's tree (one thread) are added together."""
    starts, counts = np.asarray(starts), np.asarray(counts)
    out = np.zeros(starts.size, values.dtype)
    leaf = counts <= LEAF * packet_size(values.dtype)
    if values.dtype in (np.float32, np.float64):
        out[leaf] = leaf_sums(values, starts[leaf], counts[leaf])
    else:
        for n in np.unique(counts[leaf]):
            pick = leaf & (counts == n)
            out[pick] = row_sums(values[starts[pick][:, None] + np.arange(n)])
    for i in np.flatnonzero(~leaf):
        out[i] = full_sum(values[starts[i]:starts[i] + counts[i]], intra_threads)
    return out

def _complex(re, im, dtype):
    out = np.empty(re.shape, dtype)
    out.real = re
    out.imag = im
    return out


def _cost_per_coeff(dtype, P):
    """Eigen's cost of one value of a vectorized sum, in device cycles: the load of the
    value (11/64 cycles a byte) and the reducer's functor cost (Eigen's default 10) shared
    by the packet's lanes."""
    return 1.0 / 64 * 11 * dtype.itemsize + 10.0 / P


def full_threads(n, dtype, intra_threads):
    """The threads Eigen's FullReducer splits n values over (TensorCostModel)."""
    dtype = np.dtype(dtype)
    cost = n * _cost_per_coeff(dtype, packet_size(dtype))
    t = (cost - _STARTUP) / _PER_THREAD + 0.9
    return min(intra_threads, max(1, int(min(t, 2 ** 31 - 1))))


def full_sum(x, intra_threads=None):
    """The sum of all of x as Eigen's FullReducer on a pool of `intra_threads`."""
    flat = np.ascontiguousarray(x).reshape(-1)
    if intra_threads is None or intra_threads <= 0:
        intra_threads = cpu_threads()
    t = full_threads(flat.size, flat.dtype, intra_threads)
    P = packet_size(flat.dtype)
    if flat.dtype.kind == "c":
        re = _full_real(np.ascontiguousarray(flat.real), t, P)
        im = _full_real(np.ascontiguousarray(flat.imag), t, P)
        return _complex(np.asarray(re), np.asarray(im), flat.dtype)[()]
    return _full_real(flat, t, P)


def _full_real(flat, t, P):
    n = flat.size
    dt = flat.dtype
    if n == 0:
        return dt.type(0)
    if t == 1:
        return _tree(flat, 0, n, 0, 1, P)[0]
    bs = int(np.floor(np.float32(n) / np.float32(t)))
    nb = n // bs
    if nb * bs < n:
        fin = _tree(flat, nb * bs, n - nb * bs, 0, 1, P)[0]
    else:
        fin = dt.type(0)
    shards = np.empty(nb, dt)
    q = P // np.gcd(bs, P)
    for i0 in range(min(q, nb)):
        g = _divup(nb - i0, q)
        shards[i0::q] = _tree(flat, i0 * bs, bs, bs * q, g, P)
    for s in shards:
        fin = dt.type(fin + s)
    return fin


def _simplify(shape, axes):
    """TF's ReductionHelper: (merged dims, whether the first is reduced). Dims of size 1
    join their neighbour; adjacent dims both reduced or both kept merge."""
    bitmap = [i in axes for i in range(len(shape))]
    i = 0
    while i < len(shape) and shape[i] == 1:
        i += 1
    if i == len(shape):
        return [1], True
    dims, first = [shape[i]], bitmap[i]
    for j in range(i + 1, len(shape)):
        if shape[j] == 1:
            bitmap[j] = bitmap[j - 1]
        if bitmap[j] != bitmap[j - 1]:
            dims.append(shape[j])
        else:
            dims[-1] *= shape[j]
    return dims, first


def _sequential(x2d):
    """Each column of x2d added top to bottom from 0 (Eigen's generic reducer)."""
    return np.add.reduce(x2d, axis=0) + x2d.dtype.type(0)


def reduce_sum(x, axes, intra_threads=None):
    """sum(x, axes) (axes: non-negative, distinct) in TF 1.14's order, in x's dtype and the
    shape NumPy gives without keepdims. Float and complex types only."""
    x = np.asarray(x)
    if not x.flags.c_contiguous:   # (np.ascontiguousarray makes a 0-d array 1-d)
        x = x.copy()
    axes = tuple(sorted(axes))
    out_shape = tuple(d for i, d in enumerate(x.shape) if i not in axes)
    if x.size == 0:
        return np.zeros(out_shape, x.dtype)
    dims, red = _simplify(x.shape, axes)
    if x.size == 1 or (len(dims) == 1 and not red):
        # TF's reduction kernels copy the input when its simplified shape reduces nothing
        # (a scalar, only dims of size 1, no reduced dim of size > 1): -0.0 stays -0.0
        return x.reshape(out_shape).copy()
    if len(dims) == 1 and red:
        return np.asarray(full_sum(x, intra_threads), x.dtype).reshape(out_shape)
    if len(dims) == 2 and red:
        out = _sequential(x.reshape(dims))
    elif len(dims) == 2:
        out = row_sums(x.reshape(dims))
    elif len(dims) == 3 and red:   # Eigen loops over the last reduced dim outermost
        out = _sequential(x.reshape(dims).transpose(2, 0, 1).reshape(-1, dims[1]))
    elif len(dims) == 3:
        out = np.add.reduce(x.reshape(dims), axis=1) + x.dtype.type(0)
    else:
        # TF moves the reduced dims last and reduces the rows of [kept, reduced].
        kept = [i for i in range(len(dims)) if (i % 2 == 0) != red]
        gone = [i for i in range(len(dims)) if (i % 2 == 0) == red]
        t = x.reshape(dims).transpose(kept + gone)
        k = int(np.prod([dims[i] for i in kept]))
        out = row_sums(t.reshape(k, -1))
    return np.asarray(out, x.dtype).reshape(out_shape)


def mean_divide(s, n):
    """TF's Mean: the sum divided by the count converted to the sum's type."""
    s = np.asarray(s)
    if s.dtype.kind == "c":
        # Sum / Scalar(n): Eigen's complex pdiv on whole packets, std::complex's division
        # on the tail (complex_arith.complex_realdiv)
        m = complex_realdiv(s, np.asarray(n, s.dtype))
    else:
        m = np.asarray(s / s.dtype.type(n), s.dtype)
    return m[()] if m.ndim == 0 else m


def last_axis_sums(x, keepdims=True):
    """Sums over the last axis of x, each row by its own InnerMostDimReducer, as TF's
    softmax and cross-entropy kernels reduce their [batch, classes] matrices (NumPy's
    sum for types Eigen's order is not kept for here)."""
    x = np.asarray(x)
    if not handles(x.dtype) or x.ndim == 0:
        return np.sum(x, axis=-1, keepdims=keepdims, dtype=x.dtype)
    n = x.shape[-1]
    s = row_sums(x.reshape(-1, n)) if x.size else np.zeros(x.shape[:-1], x.dtype)
    return s.reshape(x.shape[:-1] + ((1,) if keepdims else ()))


def l2_loss(t, intra_threads=None):
    """TF's L2Loss: `(t.square() * 0.5).sum()`, a full reduction on the intra-op pool
    (the square and the product add 2 compute cycles a value to Eigen's cost)."""
    t = np.asarray(t)
    if not handles(t.dtype) or t.dtype.kind == "c":
        return np.asarray(np.sum(np.square(t), dtype=t.dtype) / 2, dtype=t.dtype)
    v = np.multiply(np.square(t), t.dtype.type(0.5)).reshape(-1)
    if intra_threads is None or intra_threads <= 0:
        intra_threads = cpu_threads()
    P = packet_size(v.dtype)
    cost = v.size * (_cost_per_coeff(v.dtype, P) + 2.0 / P)
    threads = min(intra_threads, max(1, int(min((cost - _STARTUP) / _PER_THREAD + 0.9,
                                                2 ** 31 - 1))))
    return np.asarray(_full_real(v, threads, P), t.dtype)




def _row_products(x2d, P):
    """Each row's product as Eigen's InnerMostDimReducer with ProdReducer: the packets
    multiplied into a packet of ones, the last n % P values into a scalar one, then the
    scalar times predux_mul of the packet (halves multiplied lane by lane)."""
    rows, n = x2d.shape
    c = n // P
    with np.errstate(all="ignore"):
        acc = np.ones((rows, P), x2d.dtype)
        for j in range(c):
            acc = _complex_mul(acc, x2d[:, j * P:(j + 1) * P])
        while acc.shape[1] > 1:
            h = acc.shape[1] // 2
            acc = _complex_mul(acc[:, :h], acc[:, h:])
        s = np.ones(rows, x2d.dtype)
        for j in range(c * P, n):
            s = complex_mul_scalar(s, x2d[:, j])
        return complex_mul_scalar(s, acc[:, 0])


def complex_prod(x, axes, intra_threads=None):
    """prod(x, axes) of a complex x in TF 1.14's order where it is modelled here (the rows
    of a [kept, reduced] matrix, or a full reduction Eigen runs on one thread, each with at
    most one leaf of values); None elsewhere (NumPy's product then)."""
    x = np.ascontiguousarray(x)
    axes = tuple(sorted(axes))
    if x.size <= 1:
        return None
    dims, red = _simplify(x.shape, axes)
    P = packet_size(x.dtype)
    out_shape = tuple(d for i, d in enumerate(x.shape) if i not in axes)
    if len(dims) == 1 and red:
        # one thread: Eigen's cost for the product (MulCost 6 for complex) under a
        # thread's startup cost
        if x.size * (11.0 / 64 * x.dtype.itemsize + 6.0 / P) >= _STARTUP or \
                x.size > P * _LEAF:
            return None
        return _row_products(x.reshape(1, -1), P).reshape(out_shape)
    if len(dims) == 2 and not red and dims[1] <= P * _LEAF:
        return _row_products(x.reshape(dims), P).reshape(out_shape)
    return None
