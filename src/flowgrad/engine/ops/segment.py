"""Segment reductions and the IndexedSlices <-> dense conversions autodiff uses.

- `unsorted_segment_sum`: the op TF densifies IndexedSlices with (and the
  gradient of gather along a non-zero axis).
- `segment_sum/mean/max`: sorted-segment reductions.
- `densify_indexed_slices`: what TF does when an IndexedSlices meets an op
  that needs a Tensor (registered as its tensor conversion). The reverse,
  `dense_to_indexed_slices`, is in engine/autodiff/gradients.py, where dense
  and sparse gradient contributions are aggregated.
"""
from __future__ import annotations

__all__ = ["unsorted_segment_sum", "segment_sum", "segment_mean", "segment_max",
           "densify_indexed_slices", "indexed_slices_to_tensor"]

import contextlib
import warnings

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import constant, register_tensor_conversion_function
from ..framework.graph import Tensor, _graph_of
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import NUMBERS, REAL_NUMBERS, apply, check_dtype, const_value, to_tensor
from ._array_util import check_not_float, refined_scalar
from .cast import cast
from .comparison import equal, greater_equal
from .construction import fill, ones_like, zeros_like
from .elementwise import maximum, truediv
from .indexing import gather, where
from .joining import concat
from .shape import expand_dims, rank, shape
from ..framework.grad_state import wants_grad

# TF's threshold (ops.py _LARGE_SPARSE_NUM_ELEMENTS) above which densifying warns.
LARGE_SPARSE_NUM_ELEMENTS = 100000000


@contextlib.contextmanager
def _scope(name, default, values=()):
    """TF's `ops.name_scope(name, default, values)` in the values' graph; yields 'scope/'."""
    g = _graph_of([v for v in values if isinstance(v, Tensor)])
    with g.as_default(), g.name_scope(name or default) as s:
        yield s


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _check_ids(ids):
    if ids.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'segment_ids' has DataType {ids.dtype.name} "
                        "not in list of allowed values: int32, int64")


def _segment_tail(data, ids, op_type):
    """data.shape[ids.rank:] after checking that ids.shape is a prefix of data.shape."""
    ds, is_ = data.shape.as_tuple(), ids.shape.as_tuple()
    if ds is None or is_ is None:
        return None
    if len(is_) > len(ds) or not TensorShape(ds[:len(is_)]).is_compatible_with(TensorShape(is_)):
        if op_type == "UnsortedSegmentSum":
            raise ValueError(f"Shapes must be equal rank, but are {len(ds[:len(is_)])} and "
                             f"{len(is_)}" if len(is_) > len(ds) else
                             f"Dimensions must be equal, but are "
                             f"{_first_mismatch(ds, is_)}")
        raise ValueError(f"Shape must be rank 1 but is rank {len(is_)}" if len(is_) != 1 else
                         f"Dimension 0 in both shapes must be equal, but are {ds[0]} and "
                         f"{is_[0]}")
    return list(ds[len(is_):])


def _first_mismatch(ds, is_):
    for a, b in zip(ds, is_):
        if a is not None and b is not None and a != b:
            return f"{a} and {b}"
    return ""


# -- UnsortedSegmentSum -----------------------------------------------------------------------
def _uss_infer(inputs, attrs):
    data, ids, num = inputs
    _check_ids(ids)
    if num.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {num.shape.ndims}")
    tail = _segment_tail(data, ids, "UnsortedSegmentSum")
    n = const_value(num)
    if n is None:      # as TF's shape refiner: `tf.shape(x)[0] - 1` is known
        n = refined_scalar(num, partial=False)
    if n is not None and int(n) < 0:
        raise ValueError("Dimension size, given by scalar input 2, must be non-negative but "
                         f"is {int(n)}")
    if tail is None:
        return [(data.dtype.base_dtype, TensorShape(None))]
    return [(data.dtype.base_dtype, TensorShape([None if n is None else int(n)] + tail))]


def _unsorted_rows(data, segment_ids, num_segments):
    """TF's checks of an unsorted segment op's inputs; (rows of data as [k, width], their
    ids, n, data's trailing shape), negative ids (which TF drops) left out."""
    data = np.asarray(data)
    ids = np.asarray(segment_ids)
    n = int(num_segments)
    if n < 0:
        raise _invalid(f"Input num_segments == {n} must not be negative.")
    if data.shape[:ids.ndim] != ids.shape:
        raise _invalid(f"data.shape = {list(data.shape)} does not start with segment_ids.shape "
                       f"= {list(ids.shape)}")
    tail = data.shape[ids.ndim:]
    flat_ids = ids.reshape(-1)
    bad = flat_ids >= n
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _invalid(f"segment_ids[{i}] = {int(flat_ids[i])} is out of range [0, {n})")
    keep = flat_ids >= 0  # TF drops negative ids
    rows = data.reshape((flat_ids.size, -1)) if flat_ids.size else \
        np.zeros((0, int(np.prod(tail, dtype=np.int64))), data.dtype)
    if not keep.all():
        rows, flat_ids = rows[keep], flat_ids[keep]
    return rows, flat_ids, n, tail


def _uss_kernel(data, segment_ids, num_segments):
    rows, flat_ids, n, tail = _unsorted_rows(data, segment_ids, num_segments)
    return _sum_rows(rows, flat_ids, n).reshape((n,) + tail)


def _sum_rows(rows, ids, n, copy_first=False, step=None, init=0):
    """out[ids[i]] += rows[i] for i in input order, as TF's kernels add them (a float sum
    in another order, NumPy's pairwise reduceat or bincount's float64, can differ in the
    last bit). UnsortedSegmentSum adds every row to zeros (a lone -0.0 row gives +0.0);
    SegmentSum (`copy_first`) copies a segment's first row and adds the others to it.
    `step(acc, rows)`: the addition itself (bfloat16's, rounded), done pass by pass, from
    `init` (1 and a rounded product: bfloat16's UnsortedSegmentProd)."""
    width = rows.shape[1]
    out = np.full((n, width), init, dtype=rows.dtype)
    if not ids.size or not width:
        return out
    if width == 1 and not copy_first and step is None:
        np.add.at(out, ids, rows)   # one row at a time, in input order
        return out
    order = np.argsort(ids, kind="stable")
    sid = ids[order]
    starts = np.flatnonzero(np.r_[True, sid[1:] != sid[:-1]])
    counts = np.diff(np.r_[starts, sid.size])
    seg = sid[starts]
    if copy_first:
        out[seg] = rows[order[starts]]
    elif step is None:
        out[seg] += rows[order[starts]]
    else:
        out[seg] = step(out[seg], rows[order[starts]])
    if counts.max() == 1:
        return out
    if step is None and (width == 1 or counts.max() > _ROW_PASSES):
        rest = np.ones(ids.size, bool)
        rest[order[starts]] = False
        np.add.at(out, ids[rest], rows[rest])   # one row at a time, in input order
        return out
    # few repeats (an embedding's gradient rows): the k-th row of each segment added in
    # pass k, in input order as TF's kernel adds them; np.add.at costs more on wide rows
    for k in range(1, int(counts.max())):
        s = np.flatnonzero(counts > k)
        if step is None:
            out[seg[s]] += rows[order[starts[s] + k]]
        else:
            out[seg[s]] = step(out[seg[s]], rows[order[starts[s] + k]])
    return out


_ROW_PASSES = 16   # most repeats of one id for which _sum_rows adds pass by pass


def _gather_drop_negatives(params, ids, zero_clipped=None, is_positive=None):
    """TF's _GatherDropNegatives: (gathered rows, 0 for negative ids; clipped ids; mask)."""
    if zero_clipped is None:
        zero_clipped = maximum(ids, zeros_like(ids))
    gathered = gather(params, zero_clipped)
    if is_positive is None:
        is_positive = greater_equal(ids, 0)
        for _ in range(gathered.shape.ndims - is_positive.shape.ndims):
            is_positive = expand_dims(is_positive, -1)
        is_positive = is_positive & ones_like(gathered, dtype=_dt.bool_)
    return where(is_positive, gathered, zeros_like(gathered)), zero_clipped, is_positive


def _uss_grad(op, grad):
    """d/ddata = gather(grad, segment_ids), zero where the id is negative."""
    if not wants_grad(0):
        return [None, None, None]
    return [_gather_drop_negatives(grad, op._inputs[1])[0], None, None]


register_op("UnsortedSegmentSum", infer=_uss_infer, kernel=_uss_kernel, grad=_uss_grad)


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    """output[j] = sum of data[i...] over i with segment_ids[i...] == j (any id order).

    Negative ids are dropped, as in TF.

    Args:
      data: a numeric Tensor.
      segment_ids: an int32/int64 Tensor whose shape is a prefix of data's.
      num_segments: a scalar int; the first dimension of the result.
      name: op name (default "UnsortedSegmentSum").
    Returns:
      A Tensor of shape [num_segments] + data.shape[rank(segment_ids):].
    Raises:
      tf.errors.InvalidArgumentError: an id >= num_segments at run time.

    >>> tf.Session().run(tf.unsorted_segment_sum([1., 2., 3.], [1, 0, 1], 2))
    array([2., 4.], dtype=float32)
    """
    with _scope(name, "UnsortedSegmentSum", [data]) as scope:   # TF converts data in it
        d = data if isinstance(data, Tensor) else to_tensor(data, name="data")
        check_dtype("UnsortedSegmentSum", d, NUMBERS, "data")
        ids = segment_ids if isinstance(segment_ids, Tensor) else to_tensor(
            segment_ids, name="segment_ids")
        _check_ids(ids)   # TF's op layer: before it converts num_segments
        if not isinstance(num_segments, Tensor):
            check_not_float(num_segments, "UnsortedSegmentSum", "num_segments", fixed=False)
        n = num_segments if isinstance(num_segments, Tensor) else to_tensor(
            num_segments, dtype=_dt.int32, name="num_segments")
        return apply("UnsortedSegmentSum", [d, ids, n], None, scope)


# -- SegmentSum / SegmentMean / SegmentMax (sorted ids) ----------------------------------------
def _segment_infer(inputs, attrs):
    data, ids = inputs
    _check_ids(ids)
    if ids.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {ids.shape.ndims}")
    ds = data.shape.as_tuple()
    if ds is None:
        return [(data.dtype.base_dtype, TensorShape(None))]
    if not ds:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    # TF 1.14's shape function leaves the sizes of data and ids unchecked: the kernel
    # rejects a mismatch ("segment_ids should be the same size as dimension 0 of input.")
    return [(data.dtype.base_dtype, TensorShape([None] + list(ds[1:])))]


def _segment_prepare(data, ids):
    data = np.asarray(data)
    ids = np.asarray(ids)
    if ids.shape[0] != data.shape[0]:
        raise _invalid("segment_ids should be the same size as dimension 0 of input.")
    if ids.size:
        if ids[0] < 0:
            raise _invalid(f"Segment id {int(ids[0])} out of range [0, {int(ids[-1]) + 1}), "
                           "possibly because 'segment_ids' input is not sorted.")
        down = np.flatnonzero(ids[1:] < ids[:-1])
        if down.size:
            raise _invalid("segment ids are not increasing")
    n = int(ids[-1]) + 1 if ids.size else 0
    rows = data.reshape(data.shape[0], int(np.prod(data.shape[1:], dtype=np.int64)))
    return data, ids, n, rows


def _segment_sum_kernel(data, segment_ids):
    data, ids, n, rows = _segment_prepare(data, segment_ids)
    return _sum_rows(rows, ids, n, copy_first=True).reshape((n,) + data.shape[1:])


def _segment_counts(ids, n):
    return np.bincount(ids, minlength=n)


def _segment_mean_kernel(data, segment_ids):
    data, ids, n, rows = _segment_prepare(data, segment_ids)
    s = _sum_rows(rows, ids, n, copy_first=True)
    c = np.maximum(_segment_counts(ids, n), 1).astype(data.dtype)[:, None]
    return (s / c).astype(data.dtype).reshape((n,) + data.shape[1:])


def _segment_max_kernel(data, segment_ids):
    data, ids, n, rows = _segment_prepare(data, segment_ids)
    out = np.zeros((n, rows.shape[1]), dtype=data.dtype)  # empty segments are 0, as TF
    if ids.size and rows.shape[1]:
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        out[ids[starts]] = np.maximum.reduceat(rows, starts, axis=0)
    return out.reshape((n,) + data.shape[1:])


def _segment_sum_grad(op, grad):
    """d/ddata = gather(grad, segment_ids)."""
    return [gather(grad, op._inputs[1]), None]


def _segment_mean_grad(op, grad):
    """TF's: gather(grad / segment_sum(ones), segment_ids), the ones shaped
    concat([shape(ids), fill([rank(data) - 1], 1)])."""
    data, ids = op._inputs
    input_rank = rank(data)
    ones_shape = concat([shape(ids), fill(expand_dims(input_rank - 1, 0), 1)], 0)
    ones = fill(ones_shape, constant(1, dtype=grad.dtype.base_dtype))
    return [gather(truediv(grad, segment_sum(ones, ids)), ids), None]


def _segment_max_grad(op, grad):
    """Gradient to the elements equal to their segment's max, split among ties."""
    data, ids = op._inputs
    y = op.outputs[0]
    zeros = zeros_like(data)   # (TF makes it first)
    gathered = gather(y, ids)
    is_sel = equal(data, gathered)
    num_sel = segment_sum(cast(is_sel, grad.dtype.base_dtype), ids)
    weighted = truediv(grad, num_sel)
    g = gather(weighted, ids)
    return [where(is_sel, g, zeros), None]


register_op("SegmentSum", infer=_segment_infer, kernel=_segment_sum_kernel,
            grad=_segment_sum_grad)
register_op("SegmentMean", infer=_segment_infer, kernel=_segment_mean_kernel,
            grad=_segment_mean_grad)
register_op("SegmentMax", infer=_segment_infer, kernel=_segment_max_kernel,
            grad=_segment_max_grad)


def _segment(op_type, data, segment_ids, name, allowed):
    with _scope(name, op_type, [data]) as scope:   # TF converts data in it: SegmentSum/data
        d = data if isinstance(data, Tensor) else to_tensor(data, name="data")
        check_dtype(op_type, d, allowed, "data")
        ids = segment_ids if isinstance(segment_ids, Tensor) else to_tensor(
            segment_ids, name="segment_ids")
        return apply(op_type, [d, ids], None, scope)


def segment_sum(data, segment_ids, name=None):
    """output[j] = sum of data[i] with segment_ids[i] == j; ids sorted, starting >= 0.

    Args:
      data: a numeric Tensor.
      segment_ids: a sorted 1-D int32/int64 Tensor of size data.shape[0].
      name: op name (default "SegmentSum").
    Returns:
      A Tensor of shape [segment_ids[-1] + 1] + data.shape[1:] (empty segments are 0).
    Raises:
      tf.errors.InvalidArgumentError: ids not sorted or negative.

    >>> tf.Session().run(tf.segment_sum([1, 2, 3, 4], [0, 0, 1, 1]))
    array([3, 7], dtype=int32)
    """
    return _segment("SegmentSum", data, segment_ids, name, NUMBERS)


def segment_mean(data, segment_ids, name=None):
    """output[j] = mean of data[i] with segment_ids[i] == j (empty segments are 0).

    >>> tf.Session().run(tf.segment_mean([1., 2., 3., 5.], [0, 0, 1, 1]))
    array([1.5, 4. ], dtype=float32)
    """
    return _segment("SegmentMean", data, segment_ids, name, NUMBERS)


def segment_max(data, segment_ids, name=None):
    """output[j] = max of data[i] with segment_ids[i] == j (empty segments: lowest value).

    >>> tf.Session().run(tf.segment_max([1, 5, 3, 2], [0, 0, 1, 1]))
    array([5, 3], dtype=int32)
    """
    return _segment("SegmentMax", data, segment_ids, name, REAL_NUMBERS)


# -- IndexedSlices <-> dense (used by autodiff) -----------------------------------------------
def _static_dense_shape(dense_shape):
    """The dense shape as ints if known at build time (Const, Shape, or Cast of those)."""
    if dense_shape is None:
        return None
    t = dense_shape
    while t.op.type == "Cast":
        t = t.op._inputs[0]
    v = const_value(t)
    return None if v is None else [int(d) for d in np.asarray(v).reshape(-1)]


def densify_indexed_slices(value, name=None):
    """An IndexedSlices as a dense Tensor: unsorted_segment_sum over dense_shape[0].

    Repeated indices add up. As TF, warns (UserWarning) when the dense result
    has 100M elements or more, or an unknown shape.

    Args:
      value: a tf.IndexedSlices with a dense_shape.
      name: op name (default "UnsortedSegmentSum").
    Returns:
      A Tensor.
    Raises:
      ValueError: value has no dense_shape.
    """
    if value.dense_shape is None:
        raise ValueError(f"Tensor conversion requested for IndexedSlices without dense_shape: "
                         f"{value!s}")
    shape_v = _static_dense_shape(value.dense_shape)
    if shape_v is not None:
        n = int(np.prod(shape_v, dtype=np.int64))
        if n >= LARGE_SPARSE_NUM_ELEMENTS:
            warnings.warn(f"Converting sparse IndexedSlices to a dense Tensor with {n} elements. "
                          "This may consume a large amount of memory.", stacklevel=3)
        if isinstance(value.dense_shape, Tensor):
            # TF 1.14 slices it even when it is known; its shape inference evaluates the
            # slice of the constant, so the result's first dimension is static
            out = unsorted_segment_sum(value.values, value.indices, value.dense_shape[0],
                                       name=name)
            out.set_shape(TensorShape([int(shape_v[0])]).concatenate(value.values.shape[1:]))
            return out
        else:
            num = constant(np.int32(shape_v[0]) if value.dense_shape.dtype is _dt.int32 else
                           np.int64(shape_v[0]))
    else:
        warnings.warn("Converting sparse IndexedSlices to a dense Tensor of unknown shape. "
                      "This may consume a large amount of memory.", stacklevel=3)
        num = value.dense_shape[0]
    return unsorted_segment_sum(value.values, value.indices, num, name=name)


def indexed_slices_to_tensor(value, dtype=None, name=None, as_ref=False):
    """Densifies: unsorted_segment_sum(values, indices, dense_shape[0])."""
    if dtype is not None and not dtype.is_compatible_with(value.dtype):
        raise ValueError(f"Tensor conversion requested dtype {dtype.name} for IndexedSlices "
                         f"with dtype {value.dtype.name}")
    if value.dense_shape is None:
        raise ValueError(f"Tensor conversion requested for IndexedSlices without dense_shape: "
                         f"{value!s}")
    return densify_indexed_slices(value, name)


register_tensor_conversion_function(IndexedSlices, indexed_slices_to_tensor)
