"""TF 1.14's set ops over the last dimension: SetSize and the Dense/Sparse set operations
(intersection, union, a-b, b-a). A set is one group of the last dimension: a row of a dense
tensor (its values, duplicates merged) or the values of a sparse tensor sharing all but the
last index. Results are sparse (indices, values, dense_shape): each group's result sorted
ascending, the last dense dimension the largest result. None is differentiable.
"""
from __future__ import annotations

__all__ = ["set_size", "set_operation"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import _invalid, _scope
from ._base import apply, apply_op

SET_TYPES = (_dt.int8, _dt.int16, _dt.int32, _dt.int64, _dt.uint8, _dt.uint16, _dt.string)
_OPS = ("a-b", "b-a", "intersection", "union")


def _tf_dims(dims):
    return "[" + ",".join(str(int(d)) for d in dims) + "]"


def _dense_groups(x):
    x = np.asarray(x)
    if x.ndim < 2:
        raise _invalid(f"Invalid rank {x.ndim}.")
    groups = {}
    for g in np.ndindex(*x.shape[:-1]):
        groups[g] = set(x[g].tolist())
    return list(x.shape[:-1]), groups


def _sparse_groups(indices, values, shape):
    ind, vals, shp = np.asarray(indices), np.asarray(values), [int(d) for d in shape]
    if len(shp) < 2:
        raise _invalid(f"Invalid rank {len(shp)}.")
    if ind.ndim != 2 or ind.shape[1] != len(shp):
        raise _invalid(f"Expected indices of rank {len(shp)}, got shape "
                       f"{_tf_dims(ind.shape)}.")
    for i in range(1, ind.shape[0]):   # TF's SparseTensor::ValidateIndices: row-major order
        if tuple(ind[i]) <= tuple(ind[i - 1]):
            what = "is repeated" if tuple(ind[i]) == tuple(ind[i - 1]) else "is out of order"
            raise _invalid(f"indices[{i}] = {_tf_dims(ind[i])} {what}")
    for i in range(ind.shape[0]):
        if any(not 0 <= int(a) < b for a, b in zip(ind[i], shp)):
            raise _invalid(f"indices[{i}] = {_tf_dims(ind[i])} is out of bounds: need 0 <= "
                           f"index < {_tf_dims(shp)}")
    groups = {}
    for i in range(ind.shape[0]):
        groups.setdefault(tuple(int(a) for a in ind[i, :-1]), set()).add(vals[i].item()
                                                                          if vals.dtype.kind != "O"
                                                                          else vals[i])
    return shp[:-1], groups


def _combine(op, a, b):
    if op == "a-b":
        return a - b
    if op == "b-a":
        return b - a
    if op == "intersection":
        return a & b
    return a | b


def _result(op, ga, gb, dtype):
    (shape_a, a), (shape_b, b) = ga, gb
    if shape_a != shape_b:
        raise _invalid(f"Mismatched shapes {_tf_dims(shape_a)} vs {_tf_dims(shape_b)}")
    ind, vals, width = [], [], 0
    for g in sorted(set(a) | set(b)):
        res = sorted(_combine(op, a.get(g, set()), b.get(g, set())))
        width = max(width, len(res))
        for j, v in enumerate(res):
            ind.append(list(g) + [j])
            vals.append(v)
    rank = len(shape_a) + 1
    out_ind = np.array(ind, dtype=np.int64).reshape(-1, rank)
    out_vals = np.array(vals, dtype=dtype) if vals else np.zeros([0], dtype)
    return out_ind, out_vals, np.array(shape_a + [width], dtype=np.int64)


def _check_op(attrs):
    if attrs["set_operation"] not in _OPS:
        raise ValueError(f"Invalid set_operation {attrs['set_operation']}.")


def _out_types(dtype, rank):
    return [(_dt.int64, TensorShape([None, rank])), (dtype, TensorShape([None])),
            (_dt.int64, TensorShape([rank]))]


def _merge_groups(a, b):
    if a is None or b is None:
        return
    if len(a) != len(b):
        raise ValueError(f"Shapes must be equal rank, but are {len(a)} and {len(b)}")
    for i, (x, y) in enumerate(zip(a, b)):
        if x is not None and y is not None and x != y:
            raise ValueError(f"Dimension {i} in both shapes must be equal, but are {x} and {y}. "
                             f"Shapes are {_tf_dims(a)} and {_tf_dims(b)}.")


def _dense_rank(t):
    r = t.shape.ndims
    if r is not None and r < 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {r}")
    return r


def _dd_infer(inputs, attrs):
    _check_op(attrs)
    a, b = inputs
    ra, rb = _dense_rank(a), _dense_rank(b)
    if ra is not None and rb is not None:
        _merge_groups(a.shape.as_tuple()[:-1], b.shape.as_tuple()[:-1])
    return _out_types(a.dtype.base_dtype, ra if ra is not None else rb)


def _dd_kernel(set1, set2, set_operation, **_):
    a, b = np.asarray(set1), np.asarray(set2)
    return _result(set_operation, _dense_groups(a), _dense_groups(b), a.dtype)


def _ds_infer(inputs, attrs):
    _check_op(attrs)
    a = inputs[0]
    return _out_types(a.dtype.base_dtype, _dense_rank(a))


def _ds_kernel(set1, ind2, val2, shape2, set_operation, **_):
    a = np.asarray(set1)
    return _result(set_operation, _dense_groups(a), _sparse_groups(ind2, val2, shape2),
                   a.dtype)


def _ss_infer(inputs, attrs):
    _check_op(attrs)
    r = inputs[2].shape.as_tuple()
    return _out_types(inputs[1].dtype.base_dtype, None if r is None else r[0])


def _ss_kernel(ind1, val1, shape1, ind2, val2, shape2, set_operation, **_):
    return _result(set_operation, _sparse_groups(ind1, val1, shape1),
                   _sparse_groups(ind2, val2, shape2), np.asarray(val1).dtype)


def _size_infer(inputs, attrs):
    return [(_dt.int32, TensorShape(None))]   # TF 1.14's SetSize: unknown shape


def _size_kernel(set_indices, set_values, set_shape, **_):
    shape, groups = _sparse_groups(set_indices, set_values, set_shape)
    out = np.zeros(shape, dtype=np.int32)
    for g, s in groups.items():
        out[g] = len(s)
    return out


register_op("DenseToDenseSetOperation", infer=_dd_infer, kernel=_dd_kernel, grad=None)
register_op("DenseToSparseSetOperation", infer=_ds_infer, kernel=_ds_kernel, grad=None)
register_op("SparseToSparseSetOperation", infer=_ss_infer, kernel=_ss_kernel, grad=None)
register_op("SetSize", infer=_size_infer, kernel=_size_kernel, grad=None)


def set_size(indices, values, dense_shape, validate_indices=True, name=None):
    """The op SetSize: the number of distinct values of each set (int32)."""
    with _scope(name, "SetSize", [indices]) as scope:
        return apply("SetSize", [indices, values, dense_shape],
                     {"validate_indices": bool(validate_indices)}, scope)


def set_operation(op_type, inputs, set_operation, validate_indices=True, name=None):
    """The op `op_type` (Dense/Sparse set operation): (indices, values, dense_shape)."""
    with _scope(name, op_type, inputs) as scope:
        op = apply_op(op_type, list(inputs), {"set_operation": set_operation,
                                              "validate_indices": bool(validate_indices)},
                      scope)
    return tuple(op.outputs)
