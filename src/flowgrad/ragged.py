"""tf.ragged (TF 1.14), the parts that need no tf.RaggedTensor: RaggedTensorValue (the
NumPy value of a ragged tensor), constant_value (a nested Python list as one), and the
row-partition conversions row_splits_to_segment_ids / segment_ids_to_row_splits.

tf.RaggedTensor itself, and tf.ragged.constant, placeholder, range, boolean_mask and
map_flat_values (which make or take one), are not in flowgrad yet.
"""
from __future__ import annotations

import numpy as np

from .engine.framework import dtypes as _dt
from .engine.framework.constant_op import convert_to_tensor
from .engine.framework.graph import Tensor, name_scope
from .ops import array_ops, math_ops

__all__ = ["RaggedTensorValue", "constant_value", "row_splits_to_segment_ids",
           "segment_ids_to_row_splits"]


class RaggedTensorValue:
    """Represents the value of a `RaggedTensor`: `values` (a NumPy array or another
    RaggedTensorValue) partitioned into rows by `row_splits` (a 1-D int32/int64 array)."""

    def __init__(self, values, row_splits):
        if not (isinstance(row_splits, (np.ndarray, np.generic)) and
                row_splits.dtype in (np.int64, np.int32) and row_splits.ndim == 1):
            raise TypeError("row_splits must be a 1D int32 or int64 numpy array")
        if not isinstance(values, (np.ndarray, np.generic, RaggedTensorValue)):
            raise TypeError("values must be a numpy array or a RaggedTensorValue")
        if isinstance(values, RaggedTensorValue) and \
                row_splits.dtype != values.row_splits.dtype:
            raise ValueError("row_splits and values.row_splits must have the same dtype")
        self._values = values
        self._row_splits = row_splits

    @property
    def row_splits(self):
        """The split indices for the ragged tensor value."""
        return self._row_splits

    @property
    def values(self):
        """The concatenated values for all rows in this tensor."""
        return self._values

    @property
    def dtype(self):
        """The numpy dtype of values in this tensor."""
        return self._values.dtype

    @property
    def flat_values(self):
        """The innermost `values` array for this ragged tensor value."""
        v = self._values
        while isinstance(v, RaggedTensorValue):
            v = v.values
        return v

    @property
    def nested_row_splits(self):
        """The row_splits for all ragged dimensions in this ragged tensor value."""
        splits, v = [self._row_splits], self._values
        while isinstance(v, RaggedTensorValue):
            splits.append(v.row_splits)
            v = v.values
        return tuple(splits)

    @property
    def ragged_rank(self):
        """The number of ragged dimensions in this ragged tensor value."""
        v = self._values
        return v.ragged_rank + 1 if isinstance(v, RaggedTensorValue) else 1

    @property
    def shape(self):
        """A tuple indicating the shape of this RaggedTensorValue."""
        return (self._row_splits.shape[0] - 1, None) + tuple(self._values.shape[1:])

    def to_list(self):
        """This value as a nested Python list."""
        v = self._values
        items = v.to_list() if isinstance(v, RaggedTensorValue) else v.tolist()
        s = self._row_splits.tolist()
        return [items[a:b] for a, b in zip(s[:-1], s[1:])]

    def __str__(self):
        return "<tf.RaggedTensorValue %s>" % self.to_list()

    def __repr__(self):
        return "tf.RaggedTensorValue(values=%r, row_splits=%r)" % (self._values,
                                                                   self._row_splits)


def _nested(x):
    return isinstance(x, (list, tuple)) or np.ndim(x) != 0


def _depths(pylist):
    """(depth of the scalars in `pylist`, or None when it holds none; its deepest list
    nesting); ValueError when scalars sit at different depths."""
    if not _nested(pylist):
        return 0, 0
    scalar, deepest = None, 1
    for child in pylist:
        d, m = _depths(child)
        if d is not None:
            if scalar is not None and scalar != d + 1:
                raise ValueError("all scalar values must have the same nesting depth")
            scalar = d + 1
        deepest = max(deepest, m + 1)
    return scalar, deepest


def _inner_shape_of(pylist, ragged_rank):
    """The shape of the inner values below `ragged_rank` ragged dimensions, from the
    first of them, checked against all others."""
    flat = pylist
    for dim in range(ragged_rank):
        if not all(_nested(v) for v in flat):
            raise ValueError(f"pylist has scalar values depth {dim + 1}, but "
                             f"ragged_rank={ragged_rank} requires scalar value depth greater "
                             f"than {ragged_rank}")
        flat = [x for v in flat for x in v]

    def shape_of(item):
        if not _nested(item):
            return ()
        return (len(item),) + shape_of(item[0]) if len(item) else (0,)

    def check(item, shape):
        if _nested(item) != bool(shape) or (shape and shape[0] != len(item)):
            raise ValueError("inner values have inconsistent shape")
        for child in (item if shape else ()):
            check(child, shape[1:])
    shape = shape_of(flat)
    check(flat, shape)
    return shape[1:]


def constant_value(pylist, dtype=None, ragged_rank=None, inner_shape=None,
                   row_splits_dtype="int64"):
    """A `RaggedTensorValue` (or a NumPy array when nothing is ragged) from a nested
    Python list; all scalars must sit at the same depth."""
    if isinstance(pylist, RaggedTensorValue):
        raise TypeError("pylist may not be a RaggedTensor or RaggedTensorValue.")
    if isinstance(dtype, _dt.DType):
        dtype = dtype.as_numpy_dtype
    splits_type = _dt.as_dtype(row_splits_dtype).as_numpy_dtype

    def inner(values, shape):
        return np.reshape(np.array(values, dtype=dtype), shape)

    if not _nested(pylist):
        if ragged_rank is not None and ragged_rank != 0:
            raise ValueError("Invalid pylist=%r: incompatible with ragged_rank=%d" %
                             (pylist, ragged_rank))
        if inner_shape:
            raise ValueError("Invalid pylist=%r: incompatible with dim(inner_shape)=%d" %
                             (pylist, len(inner_shape)))
        return inner(pylist, ())
    if ragged_rank is not None and ragged_rank < 0:
        raise ValueError("Invalid ragged_rank=%r: must be nonnegative" % ragged_rank)
    scalar, deepest = _depths(pylist)
    if scalar is not None and deepest > scalar:
        raise ValueError("Invalid pylist=%r: empty list nesting is greater than scalar value "
                         "nesting" % (pylist,))
    if inner_shape is not None and ragged_rank is not None:
        want = ragged_rank + len(inner_shape) + 1
        if (scalar is not None and want != scalar) or (scalar is None and want < deepest):
            raise ValueError("Invalid pylist=%r: incompatible with ragged_rank=%d and "
                             "dim(inner_shape)=%d" % (pylist, ragged_rank, len(inner_shape)))
    if ragged_rank == 0 or (ragged_rank is None and (
            deepest < 2 or (inner_shape is not None and deepest - len(inner_shape) < 2))):
        return inner(pylist, inner_shape)
    if inner_shape is None:
        inner_shape = () if ragged_rank is None else _inner_shape_of(pylist, ragged_rank)
    if ragged_rank is None:
        ragged_rank = max(1, (deepest if scalar is None else scalar - len(inner_shape)) - 1)
    nested, values = [], pylist
    for _ in range(ragged_rank):
        splits = [0]
        flat = []
        for row in values:
            splits.append(splits[-1] + len(row))
            flat.extend(row)
        nested.append(splits)
        values = flat
    out = inner(values, (len(values),) + tuple(inner_shape))
    for splits in reversed(nested):
        out = RaggedTensorValue(out, np.array(splits, dtype=splits_type))
    return out


def row_splits_to_segment_ids(splits, name=None, out_type=None):
    """The segment id of each value of a ragged dimension partitioned by `splits`:
    splits [0, 2, 2, 5] -> [0, 0, 2, 2, 2] (values computed as TF's; TF builds them with
    other ops)."""
    with name_scope(name, "RaggedSplitsToSegmentIds", [splits]):
        splits = convert_to_tensor(splits, name="splits", preferred_dtype=_dt.int64)
        if splits.dtype not in (_dt.int32, _dt.int64):
            raise ValueError("splits must have dtype int32 or int64")
        splits.shape.assert_has_rank(1)
        if splits.shape.dims[0].value == 0:
            raise ValueError("Invalid row_splits: []")
        out_type = splits.dtype if out_type is None else _dt.as_dtype(out_type)
        # a mark where each row after the first starts; their running sum is the row id
        inner = splits[1:-1]
        total = splits[-1]
        marks = math_ops.unsorted_segment_sum(array_ops.ones_like(inner), inner, total + 1)
        ids = math_ops.cumsum(marks)[:total]
        return math_ops.cast(ids, out_type)


def segment_ids_to_row_splits(segment_ids, num_segments=None, out_type=None, name=None):
    """The row splits of sorted `segment_ids`: [0, 0, 2] -> [0, 2, 2, 3]; `num_segments`
    rows when given (else max(segment_ids) + 1)."""
    if out_type is None:     # as TF: the dtype of a tensor given, else int64
        out_type = segment_ids.dtype if isinstance(segment_ids, Tensor) else \
            num_segments.dtype if isinstance(num_segments, Tensor) else _dt.int64
    else:
        out_type = _dt.as_dtype(out_type)
    with name_scope(name, "SegmentIdsToRaggedSplits", [segment_ids]):
        segment_ids = convert_to_tensor(segment_ids, name="segment_ids",
                                        preferred_dtype=_dt.int64)
        if segment_ids.dtype not in (_dt.int32, _dt.int64):
            raise ValueError("segment_ids must have dtype int32 or int64")
        segment_ids.shape.assert_has_rank(1)
        ids = math_ops.cast(segment_ids, _dt.int64)
        if num_segments is None:
            n = math_ops.maximum(math_ops.reduce_max(ids) + 1, 0)
        else:
            n = math_ops.cast(convert_to_tensor(num_segments, name="num_segments",
                                                preferred_dtype=_dt.int64), _dt.int64)
        counts = math_ops.unsorted_segment_sum(array_ops.ones_like(ids), ids, n)
        splits = array_ops.concat([array_ops.zeros([1], _dt.int64), math_ops.cumsum(counts)],
                                  axis=0)
        return math_ops.cast(splits, out_type)
