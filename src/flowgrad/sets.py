"""tf.sets: TF 1.14's set operations over the last dimension of dense or sparse tensors
(engine/ops/sets.py); results are SparseTensors, set sizes an int32 tensor.

>>> import flowgrad as tf
>>> r = tf.sets.intersection(tf.constant([[1, 2, 3], [4, 5, 6]]),
...                          tf.constant([[3, 1, 9], [7, 7, 7]]))
>>> tf.Session().run(r.values)
array([1, 3], dtype=int32)
"""
from __future__ import annotations

__all__ = ["set_size", "set_intersection", "set_union", "set_difference", "size",
           "intersection", "union", "difference"]

from .engine.framework.graph import Tensor
from .engine.ops._base import to_tensor
from .engine.ops.sets import SET_TYPES
from .engine.ops.sets import set_operation as _set_operation_op
from .engine.ops.sets import set_size as _set_size_op
from .ops.sparse_tensor import SparseTensor, SparseTensorValue


def _convert(value, name):
    """TF's convert_to_tensor_or_sparse_tensor."""
    if isinstance(value, SparseTensorValue):
        value = SparseTensor.from_value(value)
    if isinstance(value, SparseTensor):
        return value
    return to_tensor(value, name=name)


def set_size(a: object, validate_indices: bool = True) -> Tensor:
    """The number of distinct values along the last dimension of SparseTensor `a` (int32)."""
    a = _convert(a, "a")
    if not isinstance(a, SparseTensor):
        raise TypeError(f"Expected `SparseTensor`, got {a}.")
    if a.values.dtype.base_dtype not in SET_TYPES:
        raise TypeError(f"Invalid dtype {a.values.dtype}.")
    return _set_size_op(a.indices, a.values, a.dense_shape, validate_indices)


def _both(a, b):
    a = _convert(a, "a")
    if a.dtype.base_dtype not in SET_TYPES:
        raise TypeError(f"'a' invalid dtype {a.dtype}.")
    b = _convert(b, "b")
    if b.dtype.base_dtype is not a.dtype.base_dtype:
        raise TypeError(f"Types don't match, {a.dtype} vs {b.dtype}.")
    if isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        return b, a, True
    return a, b, False


def _set_operation(a, b, set_operation, validate_indices):
    if isinstance(a, SparseTensor):
        if not isinstance(b, SparseTensor):
            raise ValueError("Sparse,Dense is not supported, but Dense,Sparse is. Please flip "
                             "the order of your inputs.")
        parts = _set_operation_op("SparseToSparseSetOperation",
                                  [a.indices, a.values, a.dense_shape, b.indices, b.values,
                                   b.dense_shape], set_operation, validate_indices)
    elif isinstance(b, SparseTensor):
        parts = _set_operation_op("DenseToSparseSetOperation",
                                  [a, b.indices, b.values, b.dense_shape], set_operation,
                                  validate_indices)
    else:
        parts = _set_operation_op("DenseToDenseSetOperation", [a, b], set_operation,
                                  validate_indices)
    return SparseTensor(*parts)


def set_intersection(a: object, b: object, validate_indices: bool = True) -> SparseTensor:
    """The intersection of the sets along the last dimension of `a` and `b`."""
    a, b, _ = _both(a, b)
    return _set_operation(a, b, "intersection", validate_indices)


def set_difference(a: object, b: object, aminusb: bool = True,
                   validate_indices: bool = True) -> SparseTensor:
    """a - b (or b - a) of the sets along the last dimension."""
    a, b, flipped = _both(a, b)
    if flipped:
        aminusb = not aminusb
    return _set_operation(a, b, "a-b" if aminusb else "b-a", validate_indices)


def set_union(a: object, b: object, validate_indices: bool = True) -> SparseTensor:
    """The union of the sets along the last dimension of `a` and `b`."""
    a, b, _ = _both(a, b)
    return _set_operation(a, b, "union", validate_indices)


size = set_size
intersection = set_intersection
difference = set_difference
union = set_union
