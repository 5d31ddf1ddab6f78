"""TopKV2 (the k largest entries of the last dimension) and InTopKV2."""
from __future__ import annotations

from collections import namedtuple
from functools import partial

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import const_value, constant
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import check_not_float, refined_scalar
from ._base import REAL_NUMBERS, apply, check_dtype, to_tensor
from ._nn_util import TensorLike, graph_values
from .cast import cast
from .construction import zeros
from .construction import range as _range
from .elementwise import _py_op, add, multiply, subtract
from .indexing import gather, scatter_nd
from .joining import stack
from .reductions import reduce_prod
from .shape import expand_dims, reshape, shape, size


def _top_k_infer(inputs, attrs):
    x, k = inputs
    if x.shape.ndims is not None and x.shape.ndims < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {x.shape.ndims}")
    if k.shape.ndims is not None and k.shape.ndims != 0:
        raise ValueError(f"Shape must be rank 0 but is rank {k.shape.ndims}")
    kv = const_value(k)
    if kv is None:   # TF's refiner evaluates k's subgraph (top_k(y, k=shape(y)[-1]))
        kv = refined_scalar(k, partial=False)
    dims = x.shape.as_tuple()
    if kv is not None:
        kv = int(kv)
        if kv < 0:
            raise ValueError("Dimension size, given by scalar input 1, must be non-negative "
                             f"but is {kv}")
        if dims is not None and dims[-1] is not None and dims[-1] < kv:
            raise ValueError(f"input must have last dimension >= k = {kv} but is {dims[-1]}")
    out = None if dims is None else list(dims[:-1]) + [kv]
    return [(x.dtype.base_dtype, TensorShape(out)), (_dt.int32, TensorShape(out))]


# inputs up to which sorted=False gives TF's heap order (a Python heap: ~10 ms at this
# size); larger ones get the sorted order (the same entries, in another order)
UNSORTED_EXACT_MAX = 1 << 14
# entries in the rows with NaN up to which TF's NaN orders are simulated (~0.25 s at this
# size); larger ones keep the stable order (NaN last), as before
NAN_EXACT_MAX = 1 << 16


def _top_k_kernel(x, k, sorted=True, **_):
    k = int(k)
    if k < 0:
        raise errors.InvalidArgumentError(None, None, f"Need k >= 0, got {k}")
    if x.shape[-1] < k:
        raise errors.InvalidArgumentError(
            None, None, f"input must have at least k columns. Had {x.shape[-1]}, needed {k}")
    # Stable sort of -x: larger values first, equal values by lower index (TF's order).
    key = -x if x.dtype.kind != "u" else np.iinfo(x.dtype).max - x
    n = x.shape[-1]
    nan_rows = None
    if x.dtype.kind == "f" and 0 < k and x.size:
        nan_rows = np.isnan(x.reshape(-1, n)).any(axis=1)
        nan_rows = nan_rows if nan_rows.any() else None
    if not sorted and 1 < k < n and 0 < x.size <= UNSORTED_EXACT_MAX:
        # TF's kernel keeps the heap order of its TopN filter (k == 1 and k == n sort)
        order = np.array([_heap_order(r, k) for r in x.reshape(-1, n)], dtype=np.int64)
        order = order.reshape(x.shape[:-1] + (k,))
        return np.take_along_axis(x, order, axis=-1), order.astype(np.int32)
    if 0 < k and 8 * k <= n and x.dtype.kind == "f" and x.size and nan_rows is None:
        order = _top_k_partial(key, k)
    else:
        order = np.argsort(key, axis=-1, kind="stable")[..., :k]
    values = np.take_along_axis(x, order, axis=-1)
    if nan_rows is not None and int(nan_rows.sum()) * n <= NAN_EXACT_MAX:
        order = np.ascontiguousarray(order)   # (written through the 2-D views below)
        _nan_rows_as_tf(x.reshape(-1, n), k, nan_rows, values.reshape(-1, k),
                        order.reshape(-1, k))
    return values, order.astype(np.int32)


def _nan_rows_as_tf(x, k, nan_rows, values, order):
    """Overwrites (in place) the rows of `values` / `order` whose input has a NaN with TF
    1.14's results: its three algorithms order NaN differently. k == 1: Eigen's max
    (NaN skipped), then the first index of it (a row of NaN: -inf, and TF's index is
    uninitialised memory; 0 here). k == n: libstdc++'s std::sort under `x[b] < x[a]`,
    then each run of equal values by index. Otherwise gtl::TopN's heap, sort_heap'd."""
    for r in np.flatnonzero(nan_rows):
        row, vals = x[r], x[r].tolist()
        if k == 1:
            if np.isnan(row).all():
                values[r], order[r] = -np.inf, 0
            else:
                order[r] = np.nanargmax(row)
                values[r] = row[order[r]]
            continue
        if k == len(vals):
            idx = _std_sort(list(range(k)), lambda a, b: vals[b] < vals[a])
            if idx is None:   # TF's sort reads outside the row (undefined): keep ours
                continue
            idx = _tie_runs_sorted(idx, vals)
        else:
            idx = _heap_order(row, k)
            for m in range(k, 1, -1):   # TopN::Extract's sort_heap
                _pop(partial(_better, vals), idx, m)
        order[r] = idx
        values[r] = row[idx]


def _tie_runs_sorted(idx, vals):
    """TF's pass after std::sort: each run of adjacent equal values (NaN equals nothing)
    sorted by index."""
    out, i = [], 0
    while i < len(idx):
        j = i + 1
        while j < len(idx) and vals[idx[i]] == vals[idx[j]]:
            j += 1
        out += sorted(idx[i:j])
        i = j
    return out


def _std_sort(a, comp):
    """libstdc++'s std::sort (introsort: median-of-three quicksort over runs > 16, heap
    sort past 2 * log2(n) levels, then insertion sort) of the list `a` under `comp`,
    step for step, so an inconsistent `comp` (NaN) orders as TF does. None where its
    unguarded loops would run outside `a`."""
    n = len(a)
    try:
        _introsort(a, 0, n, 2 * (n.bit_length() - 1), comp)
        if n > 16:
            _insertion_sort(a, 0, 16, comp)
            for i in range(16, n):
                _linear_insert(a, i, comp)
        else:
            _insertion_sort(a, 0, n, comp)
    except IndexError:
        return None
    return a


def _introsort(a, lo, hi, depth, comp):
    while hi - lo > 16:
        if depth == 0:   # std::partial_sort(lo, hi, hi): make_heap, then sort_heap
            sub = a[lo:hi]
            for parent in range((len(sub) - 2) // 2, -1, -1):
                _adjust(comp, sub, parent, len(sub), sub[parent])
            for m in range(len(sub), 1, -1):
                _pop(comp, sub, m)
            a[lo:hi] = sub
            return
        depth -= 1
        _median_to_first(a, lo, lo + 1, lo + (hi - lo) // 2, hi - 1, comp)
        cut = _unguarded_partition(a, lo + 1, hi, lo, comp)
        _introsort(a, cut, hi, depth, comp)
        hi = cut


def _median_to_first(a, result, i, j, m, comp):
    if comp(a[i], a[j]):
        pick = j if comp(a[j], a[m]) else (m if comp(a[i], a[m]) else i)
    else:
        pick = i if comp(a[i], a[m]) else (m if comp(a[j], a[m]) else j)
    a[result], a[pick] = a[pick], a[result]


def _unguarded_partition(a, first, last, pivot, comp):
    n = len(a)
    while True:
        while comp(a[first], a[pivot]):
            first += 1
            if first >= n:
                raise IndexError(first)
        last -= 1
        while comp(a[pivot], a[last]):
            last -= 1
            if last < 0:
                raise IndexError(last)
        if first >= last:
            return first
        a[first], a[last] = a[last], a[first]
        first += 1


def _insertion_sort(a, first, last, comp):
    for i in range(first + 1, last):
        v = a[i]
        if comp(v, a[first]):
            a[first + 1:i + 1] = a[first:i]
            a[first] = v
        else:
            _linear_insert(a, i, comp)


def _linear_insert(a, i, comp):
    v, j = a[i], i - 1
    while comp(v, a[j]):
        a[j + 1] = a[j]
        j -= 1
        if j < 0:
            raise IndexError(j)
    a[j + 1] = v


def _better(vals, a, b):
    """TF's stable comparison: the larger value, then the lower index."""
    va, vb = vals[a], vals[b]
    if vb < va:
        return True
    if vb > va:
        return False
    return a < b


def _sift_up(comp, h, hole, top, v):
    """libstdc++'s __push_heap (the worst element at the front)."""
    parent = (hole - 1) // 2
    while hole > top and comp(h[parent], v):
        h[hole] = h[parent]
        hole, parent = parent, (parent - 1) // 2
    h[hole] = v


def _adjust(comp, h, hole, n, v):
    """libstdc++'s __adjust_heap: the hole moved down to a leaf, then v sifted up."""
    top, child = hole, hole
    while child < (n - 1) // 2:
        child = 2 * (child + 1)
        if comp(h[child], h[child - 1]):
            child -= 1
        h[hole] = h[child]
        hole = child
    if n % 2 == 0 and child == (n - 2) // 2:
        child = 2 * (child + 1)
        h[hole] = h[child - 1]
        hole = child - 1
    _sift_up(comp, h, hole, top, v)


def _pop(comp, h, n):
    """pop_heap over h[:n]: the front (the worst) goes to slot n - 1."""
    v = h[n - 1]
    h[n - 1] = h[0]
    _adjust(comp, h, 0, n - 1, v)


def _heap_order(row, k):
    """The indices TF 1.14's TopKV2 gives one row with sorted=False (1 < k < n): the first
    k slots of gtl::TopN's vector after pushing 0 .. n-1 under TF's stable comparison,
    kept as libstdc++'s heap (make_heap, push_heap, pop_heap) once k + 1 are in."""
    vals = row.tolist()
    comp = partial(_better, vals)
    h = list(range(k + 1))   # pushed unordered until the (k + 1)-th element
    for parent in range((k - 1) // 2, -1, -1):
        _adjust(comp, h, parent, k + 1, h[parent])
    _pop(comp, h, k + 1)
    # a later element enters only when strictly larger than the front (the worst kept,
    # whose index is lower); the front only gets better, so a long row skips the others
    # in bulk: the candidates beat the first front, searched in growing windows
    if len(vals) - k <= 64:
        for c in range(k + 1, len(vals)):
            if vals[c] > vals[h[0]]:
                h[k] = c
                _sift_up(comp, h, k, 0, c)
                _pop(comp, h, k + 1)
        return h[:k]
    cand = np.flatnonzero(row[k + 1:] > row[h[0]]) + (k + 1)
    cval = row[cand]
    p, m = 0, len(cand)
    while p < m:
        front, w = vals[h[0]], 16
        while p < m:
            hit = np.flatnonzero(cval[p:p + w] > front)
            if hit.size:
                break
            p, w = p + w, w * 2
        else:
            break
        p += int(hit[0])
        c = int(cand[p])
        h[k] = c
        _sift_up(comp, h, k, 0, c)
        _pop(comp, h, k + 1)
        p += 1
    return h[:k]


def _top_k_partial(key, k):
    """The first k of the stable argsort of `key` (no NaN), without sorting all of it: the
    k-th smallest key per row bounds the candidates (every entry <= it, in index order:
    a stable radix sort of the mask), and only the candidates are sorted, stably, so ties
    keep the lower index first, as the full sort."""
    kth = np.partition(key, k - 1, axis=-1)[..., k - 1:k]
    mask = key <= kth
    counts = mask.sum(axis=-1)
    m = int(counts.max())
    if m == k and int(counts.min()) == k:
        # no tie at the k-th value: exactly k candidates a row, which nonzero lists in
        # index order (row-major), as the stable sort of the mask would
        cand = np.nonzero(mask.reshape(-1, mask.shape[-1]))[1].reshape(mask.shape[:-1] + (k,))
    else:
        cand = np.argsort(~mask, axis=-1, kind="stable")[..., :m]
    sub = np.take_along_axis(key, cand, axis=-1)
    pick = np.argsort(sub, axis=-1, kind="stable")[..., :k]
    return np.take_along_axis(cand, pick, axis=-1)


def _top_k_grad(op, grad, _grad_indices):
    """TF 1.14's _TopKGrad, op for op: the values' gradient scattered (ScatterNd) to the
    flat positions of the selected entries (row offsets from a Range over the flattened
    outer dimension), reshaped to the input's shape; zeros([], int32) for k."""
    in_shape = shape(op._inputs[0])
    ind_shape = shape(op.outputs[1])
    ind_lastdim = gather(cast(ind_shape, _dt.int64), _py_op(subtract, "sub", size(ind_shape), 1))
    ind_2d = reshape(op.outputs[1], stack([-1, ind_lastdim]))
    in_lastdim = gather(cast(in_shape, _dt.int64), _py_op(subtract, "sub", size(in_shape), 1))
    outerdim = shape(ind_2d)[0]
    offsets = _range(0, _py_op(multiply, "mul", cast(outerdim, _dt.int64), in_lastdim),
                     in_lastdim)
    ind = reshape(_py_op(add, "add", ind_2d, cast(expand_dims(offsets, -1), _dt.int32)), [-1])
    return [reshape(scatter_nd(expand_dims(ind, -1), reshape(grad, [-1]),
                               [reduce_prod(in_shape)]), in_shape),
            zeros([], dtype=_dt.int32)]


register_op("TopKV2", infer=_top_k_infer, kernel=_top_k_kernel, grad=_top_k_grad)


# TopK: TF's first form (k an attr; removed at GraphDef version 7, so in old GraphDefs only)
def _top_k_v1_infer(inputs, attrs):
    x, k = inputs[0], int(attrs["k"])
    dims = x.shape.as_tuple()
    if dims is not None and len(dims) < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {len(dims)}")
    if dims is not None and dims[-1] is not None and dims[-1] < k:
        raise ValueError(f"input must have last dimension >= k = {k} but is {dims[-1]}")
    out = None if dims is None else list(dims[:-1]) + [k]
    return [(x.dtype.base_dtype, TensorShape(out)), (_dt.int32, TensorShape(out))]


register_op("TopK", infer=_top_k_v1_infer,
            kernel=lambda x, k, sorted=True, **_: _top_k_kernel(x, k, sorted),
            grad=_top_k_grad)   # (as TF 1.14: two gradients for one input, which fails)


# TF's gen_nn_ops result type: a namedtuple named after the op, fields its outputs
TopKResult = namedtuple("TopKV2", ["values", "indices"])


def top_k(input: TensorLike, k: int | Tensor = 1, sorted: bool = True,
          name: str | None = None) -> TopKResult:
    """The k largest entries of the last dimension and their int32 indices (ties: lower
    index first).

    >>> values, indices = tf.nn.top_k([1.0, 3.0, 2.0], k=2)
    >>> with tf.Session() as sess:
    ...     print(sess.run(indices))
    [1 2]
    """
    # TF converts the inputs inside the op's own scope: TopKV2/input, TopKV2/k
    with name_scope(name, "TopKV2", graph_values(input, k)) as scope:
        x = to_tensor(input, name="input")
        check_dtype("TopKV2", x, REAL_NUMBERS, "input")
        if not hasattr(k, "op"):
            check_not_float(k, "TopKV2", "k")
        kt = k if hasattr(k, "op") else constant(int(k), dtype=_dt.int32, name="k")
        values, indices = apply("TopKV2", [x, kt], {"sorted": bool(sorted)}, scope)
    return TopKResult(values, indices)


def _in_top_k_infer(inputs, attrs):
    p, t = inputs[0], inputs[1]
    if p.shape.ndims is not None and p.shape.ndims != 2:
        raise ValueError(f"Shape must be rank 2 but is rank {p.shape.ndims}")
    if t.shape.ndims is not None and t.shape.ndims != 1:
        raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    pd = p.shape.as_tuple() or (None, None)
    td = t.shape.as_tuple() or (None,)
    if pd[0] is not None and td[0] is not None and pd[0] != td[0]:
        raise ValueError(f"Dimensions must be equal, but are {pd[0]} and {td[0]}")
    return [(_dt.bool_, TensorShape([pd[0] if pd[0] is not None else td[0]]))]


def _in_top_k_kernel(p, t, k):
    n, c = p.shape
    # TF 1.14 answers False (no error) for a target outside [0, num_classes), and when
    # the target's or any prediction in the row is not finite.
    ok = (t >= 0) & (t < c)
    target = p[np.arange(n), np.where(ok, t, 0)] if c else np.zeros(n, p.dtype)
    ahead = np.sum(p > target[:, None], axis=1)
    return ok & np.isfinite(target) & np.all(np.isfinite(p), axis=1) & (ahead < int(k))


register_op("InTopKV2", infer=_in_top_k_infer, kernel=_in_top_k_kernel, grad=None)
# InTopK: TF's first form, k an attr
register_op("InTopK", infer=_in_top_k_infer, kernel=lambda p, t, k, **_: _in_top_k_kernel(
    p, t, k), grad=None)


def in_top_k(predictions: TensorLike, targets: TensorLike, k: int | Tensor,
             name: str | None = None) -> Tensor:
    """Whether each target's prediction is among the k largest of its row (ties count in;
    False where the target's prediction is not finite).

    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.nn.in_top_k([[0.1, 0.9]], [1], 1)))
    [ True]
    """
    with name_scope(name, "in_top_k", graph_values(predictions, targets, k)):
        # TF converts the inputs inside the op's own scope: in_top_k/InTopKV2/k
        with name_scope(None, "InTopKV2") as scope:
            p = to_tensor(predictions, name="predictions")
            if p.dtype.base_dtype is not _dt.float32:   # a fixed float32 input
                raise TypeError(f"Input 'predictions' of 'InTopKV2' Op has type "
                                f"{p.dtype.base_dtype.name} that does not match expected "
                                "type of float32.")
            t = to_tensor(targets, name="targets")
            check_dtype("InTopKV2", t, (_dt.int32, _dt.int64), "targets")
            kt = k if hasattr(k, "op") else constant(int(k), dtype=t.dtype.base_dtype,
                                                     name="k")
            return apply("InTopKV2", [p, t, kt], None, scope)
