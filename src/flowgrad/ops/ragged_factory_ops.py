"""tf.ragged's factories (TF 1.14): constant (RaggedConstant: a Const per row partition
and one of the values), constant_value (the same nested list as a RaggedTensorValue) and
placeholder (RaggedPlaceholder)."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant as _constant
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from . import array_ops
from .ragged_tensor import RaggedTensor, is_ragged
from .ragged_tensor_value import RaggedTensorValue

__all__ = ["constant", "constant_value", "placeholder"]


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


def constant(pylist, dtype=None, ragged_rank=None, inner_shape=None, name=None,
             row_splits_dtype=_dt.int64):
    """A constant RaggedTensor from a nested Python list (a Tensor when nothing is
    ragged); all scalars must sit at the same depth."""
    def ragged(values, row_splits):
        row_splits = _constant(row_splits, dtype=row_splits_dtype)
        return RaggedTensor.from_row_splits(values, row_splits, validate=False)

    def inner(values, dtype, shape, name=None):
        return _constant(values, dtype=dtype, shape=shape, name=name or "Const")

    with name_scope(name, "RaggedConstant"):
        return _constant_value(ragged, inner, pylist, dtype, ragged_rank, inner_shape)


def constant_value(pylist, dtype=None, ragged_rank=None, inner_shape=None,
                   row_splits_dtype="int64"):
    """A `RaggedTensorValue` (or a NumPy array when nothing is ragged) from a nested
    Python list; all scalars must sit at the same depth."""
    splits_type = _dt.as_dtype(row_splits_dtype).as_numpy_dtype
    if isinstance(dtype, _dt.DType):
        dtype = dtype.as_numpy_dtype

    def ragged(values, row_splits):
        return RaggedTensorValue(values, np.array(row_splits, dtype=splits_type))

    def inner(values, dtype, shape, name=None):
        return np.reshape(np.array(values, dtype=dtype), shape)

    return _constant_value(ragged, inner, pylist, dtype, ragged_rank, inner_shape)


def _constant_value(ragged, inner, pylist, dtype, ragged_rank, inner_shape):
    if is_ragged(pylist):
        raise TypeError("pylist may not be a RaggedTensor or RaggedTensorValue.")
    if not _nested(pylist):
        if ragged_rank is not None and ragged_rank != 0:
            raise ValueError("Invalid pylist=%r: incompatible with ragged_rank=%d" %
                             (pylist, ragged_rank))
        if inner_shape:
            raise ValueError("Invalid pylist=%r: incompatible with dim(inner_shape)=%d" %
                             (pylist, len(inner_shape)))
        return inner(pylist, dtype, ())
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
        return inner(pylist, dtype, inner_shape)
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
    out = inner(values, dtype, (len(values),) + tuple(inner_shape), name="values")
    for splits in reversed(nested):
        out = ragged(out, splits)
    return out


def placeholder(dtype, ragged_rank, value_shape=None, name=None):
    """A RaggedTensor of placeholders (flat_values, row_splits_0, ...), fed with a
    RaggedTensorValue."""
    if ragged_rank == 0:
        return array_ops.placeholder(dtype, value_shape, name)
    with name_scope(name, "RaggedPlaceholder", []):
        flat_shape = TensorShape([None]).concatenate(value_shape)
        result = array_ops.placeholder(dtype, flat_shape, "flat_values")
        for i in reversed(range(ragged_rank)):
            row_splits = array_ops.placeholder(_dt.int64, [None], "row_splits_%d" % i)
            result = RaggedTensor(result, row_splits, internal=True)
        return result
