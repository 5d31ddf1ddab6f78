"""TF 1.14's tensor_util.constant_value (tf.get_static_value): the value of a tensor
known when the graph is built, evaluated in Python from the ops that make it (no session);
with `partial`, a packed vector's unknown components are None. Also used by wrappers that
restore static shapes as TF's Python does (tf.pad)."""
from __future__ import annotations

import numpy as np

from .constant_op import const_value
from .engine_view import engine_side
from .graph import Tensor
from .tensor_shape import Dimension, TensorShape, unknown_shape


def _constant_value(tensor, partial):
    """TF 1.14's _ConstantValue: Const, Shape/Size/Rank of known shapes, Range, Cast,
    ConcatV2, Pack (axis 0; with `partial`, unknown components as None), Fill of a known
    shape, Equal/NotEqual of known values."""
    op = tensor.op
    kind = op.type
    if kind == "Const":
        return np.array(const_value(tensor))
    if kind == "Range":
        start, limit, delta = (constant_value(x) for x in op._inputs)
        if start is None or limit is None or delta is None:
            return None
        return np.arange(start, limit, delta, dtype=tensor.dtype.as_numpy_dtype)
    if kind == "Cast":
        v = constant_value(op._inputs[0])
        return None if v is None else v.astype(tensor.dtype.as_numpy_dtype)
    if kind in ("Equal", "NotEqual"):
        a = constant_value(op._inputs[0])
        if a is None:
            return None
        b = constant_value(op._inputs[1])
        if b is None:
            return None
        return np.equal(a, b) if kind == "Equal" else np.not_equal(a, b)
    if kind == "Shape":
        s = op._inputs[0].shape
        if s.is_fully_defined():
            return np.array(s.as_list(), dtype=tensor.dtype.as_numpy_dtype)
        return None
    if kind == "Size":
        s = op._inputs[0].shape
        return np.prod(s.as_list(), dtype=np.int32) if s.is_fully_defined() else None
    if kind == "Rank":
        n = op._inputs[0].shape.ndims
        return None if n is None else np.array(n, dtype=np.int32)
    if kind == "ConcatV2":
        dim = constant_value(op._inputs[-1])
        if dim is None:
            return None
        values = []
        for x in op._inputs[:-1]:
            v = constant_value(x)
            if v is None:
                return None
            values.append(v)
        return np.concatenate(values, axis=dim)
    if kind == "Pack":
        if not op._inputs or op._get_attr("axis") != 0:
            return None
        values = []
        for x in op._inputs:
            v = constant_value(x, partial)
            if v is None and not partial:
                return None
            values.append(v)
        return np.array(values)
    if kind == "Fill":
        fill = constant_value(op._inputs[1])
        if tensor.shape.is_fully_defined() and fill is not None:
            return np.full(tensor.shape.as_list(), fill, dtype=fill.dtype)
        return None
    return None


@engine_side
def constant_value(tensor, partial=False):
    """The value of `tensor` when it is known at graph-build time, else None (a value that
    is not a Tensor passes through), as TF 1.14's tensor_util.constant_value; with
    `partial`, a packed vector whose components are partly known is an object array with
    None for the unknown ones."""
    if not isinstance(tensor, Tensor):    # as TF: anything else is its own value
        return tensor
    v = _constant_value(tensor, partial)
    if v is None:
        return None
    tensor.graph.prevent_feeding(tensor)   # as TF: a value folded in cannot be fed
    return v




@engine_side
def constant_value_as_shape(tensor):
    """TF 1.14's tensor_util.constant_value_as_shape: what is known of a rank-0/1 shape
    tensor at build time, as a TensorShape (Shape: its input's shape; Pack: each known
    component; ConcatV2: the parts' shapes joined; StridedSlice of one plain slice: that
    slice of its input's; else `constant_value`, -1 read as unknown). A scalar must be a
    known -1 (an unknown shape), else ValueError as TF."""
    if tensor.shape.ndims == 0:
        value = constant_value(tensor)
        if value is None:
            raise ValueError("Received a scalar with unknown value as shape; require a "
                             "statically known scalar with value '-1' to describe an "
                             "unknown shape.")
        if value != -1:
            raise ValueError(f"Received a scalar value '{value}' as shape; require a "
                             "statically known scalar with value '-1' to describe an "
                             "unknown shape.")
        return unknown_shape()
    shape = tensor.shape.with_rank(1)
    op = tensor.op
    if shape == [0]:
        return TensorShape([])
    if op.type == "Shape":
        return op._inputs[0].shape
    if op.type == "Pack":
        dims = []
        for x in op._inputs:
            v = constant_value(x)
            dims.append(Dimension(None if v is None or v < 0 else int(v)))
        return TensorShape(dims)
    if op.type == "ConcatV2":
        ret = TensorShape([])
        for x in op._inputs[:-1]:
            ret = ret.concatenate(constant_value_as_shape(x))
        return ret
    if op.type == "StridedSlice":
        begin, end, strides = (constant_value(x) for x in op._inputs[1:4])
        masks = [op._get_attr(m) for m in ("begin_mask", "end_mask", "ellipsis_mask",
                                          "new_axis_mask", "shrink_axis_mask")]
        if begin is not None and end is not None and strides is not None \
                and masks[0] in (0, 1) and masks[1] in (0, 1) and not any(masks[2:]):
            prev = constant_value_as_shape(op._inputs[0])
            try:
                return TensorShape(prev[None if masks[0] else int(begin[0]):
                                        None if masks[1] else int(end[0]):int(strides[0])])
            except (ValueError, TypeError):   # as TF: slicing an unknown shape
                pass
    ret = unknown_shape(shape.dims[0].value)
    value = constant_value(tensor)
    if value is not None:
        ret = ret.merge_with(TensorShape([int(d) if d >= 0 else None for d in value]))
    return ret
