"""StridedSlice (Tensor.__getitem__) and its gradient, StridedSliceGrad."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.constant_op import constant
from ..framework.graph import Tensor
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, const_value, to_tensor

_MASKS = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")


def _np_index(begin, end, strides, attrs):
    """Rebuilds the NumPy index that TF's (begin, end, strides, masks) encode."""
    bm, em, elm, nm, sm = (attrs.get(m, 0) for m in _MASKS)
    idx = []
    for i in range(len(strides)):
        bit = 1 << i
        if elm & bit:
            idx.append(Ellipsis)
        elif nm & bit:
            idx.append(None)
        elif sm & bit:
            idx.append(int(begin[i]))
        else:
            b = None if bm & bit else int(begin[i])
            e = None if em & bit else int(end[i])
            idx.append(slice(b, e, int(strides[i])))
    return tuple(idx)


def _static_result_shape(dims, index):
    """Result dims of `index` on a shape with unknown (None) dims, via zero-size probes."""
    probes = []
    for fill in (1000003, 1000033):
        shape = [fill if d is None else d for d in dims]
        dummy = np.lib.stride_tricks.as_strided(np.zeros(1, np.int8), shape=shape,
                                                strides=[0] * len(shape))
        probes.append(dummy[index].shape)
    return [a if a == b else None for a, b in zip(*probes)]


def _strided_slice_infer(inputs, attrs):
    x, b, e, s = inputs
    bv, ev, sv = const_value(b), const_value(e), const_value(s)
    if sv is not None and np.any(np.asarray(sv) == 0):
        raise ValueError("strides must be non-zero")
    dims = x.shape.as_tuple()
    if dims is None or bv is None or ev is None or sv is None:
        return [(x.dtype.base_dtype, TensorShape(None))]
    index = _np_index(bv, ev, sv, attrs)
    try:
        out = _static_result_shape(dims, index)
    except IndexError as err:
        raise ValueError(f"slice index out of bounds: {err}") from None
    return [(x.dtype.base_dtype, TensorShape(out))]


def _strided_slice_kernel(x, begin, end, strides, **attrs):
    r = np.asarray(x)[_np_index(begin, end, strides, attrs)]
    return r


def _strided_slice_grad(op, grad):
    """Scatter the gradient into zeros shaped like the input."""
    x, b, e, s = op.inputs
    xs = x.shape.as_tuple()
    if xs is not None and None not in xs:
        shp = constant(np.array(xs, dtype=np.int32))
    else:
        from .array_ops import shape
        shp = shape(x)
    attrs = {m: op.get_attr(m) for m in _MASKS}
    return [apply("StridedSliceGrad", [shp, b, e, s, grad], attrs), None, None, None]


register_op("StridedSlice", infer=_strided_slice_infer, kernel=_strided_slice_kernel,
            grad=_strided_slice_grad, aliases_input=True)


def _ssg_infer(inputs, attrs):
    shp, b, e, s, dy = inputs
    sv = const_value(shp)
    if sv is None:
        return [(dy.dtype.base_dtype, TensorShape(None))]
    return [(dy.dtype.base_dtype, TensorShape([int(d) for d in sv]))]


def _ssg_kernel(shape, begin, end, strides, dy, **attrs):
    out = np.zeros(tuple(int(d) for d in shape), dtype=np.asarray(dy).dtype)
    out[_np_index(begin, end, strides, attrs)] = dy
    return out


def _ssg_grad(op, grad):
    """The gradient of a scatter-into-zeros is the same slice of the incoming gradient."""
    shp, b, e, s, dy = op.inputs
    attrs = {m: op.get_attr(m) for m in _MASKS}
    return [None, None, None, None, apply("StridedSlice", [grad, b, e, s], attrs)]


register_op("StridedSliceGrad", infer=_ssg_infer, kernel=_ssg_kernel, grad=_ssg_grad)


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    x = to_tensor(input_)
    if strides is None:
        strides = [1] * len(begin)
    b, e, s = (t if isinstance(t, Tensor) else constant(np.asarray(t, dtype=np.int32))
               for t in (begin, end, strides))
    attrs = dict(zip(_MASKS, (begin_mask, end_mask, ellipsis_mask, new_axis_mask,
                              shrink_axis_mask)))
    return apply("StridedSlice", [x, b, e, s], attrs, name or "strided_slice")


def _is_int(x):
    return isinstance(x, (int, np.integer)) and not isinstance(x, bool)


def getitem(tensor, slice_spec):
    """`tensor[...]` with ints, slices (negative steps too), Ellipsis and tf.newaxis."""
    if not isinstance(slice_spec, (list, tuple)) or isinstance(slice_spec, Tensor):
        slice_spec = [slice_spec]
    begin, end, strides = [], [], []
    bm = em = elm = nm = sm = 0
    dynamic = False
    for i, s in enumerate(slice_spec):
        bit = 1 << i
        if isinstance(s, slice):
            for part in (s.start, s.stop, s.step):
                if part is not None and not _is_int(part) and not isinstance(part, Tensor):
                    raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis "
                                    "(`None`) and scalar tf.int32/tf.int64 tensors are valid "
                                    f"indices, got {s!r}")
            step = 1 if s.step is None else s.step
            if _is_int(step) and step == 0:
                raise ValueError("slice step cannot be zero")
            begin.append(0 if s.start is None else s.start)
            end.append(0 if s.stop is None else s.stop)
            strides.append(step)
            if s.start is None:
                bm |= bit
            if s.stop is None:
                em |= bit
        elif s is Ellipsis:
            begin.append(0)
            end.append(0)
            strides.append(1)
            elm |= bit
        elif s is None:
            begin.append(0)
            end.append(0)
            strides.append(1)
            nm |= bit
        elif _is_int(s) or (isinstance(s, Tensor) and s.dtype.base_dtype in (_dt.int32,
                                                                            _dt.int64)):
            begin.append(s)
            end.append(s + 1 if _is_int(s) else s + 1)
            strides.append(1)
            sm |= bit
        else:
            raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) "
                            "and scalar tf.int32/tf.int64 tensors are valid indices, got "
                            f"{s!r}")
        dynamic = dynamic or any(isinstance(v, Tensor) for v in (begin[-1], end[-1], strides[-1]))
    g = tensor.graph
    with g.name_scope("strided_slice") as scope:
        if dynamic:
            from .array_ops import stack
            b, e, st = (stack([v if isinstance(v, Tensor) else constant(np.int32(v))
                               for v in vs], name="stack") for vs in (begin, end, strides))
        else:
            b, e, st = (constant(np.array(v, dtype=np.int32), name="stack")
                        for v in (begin, end, strides))
        return strided_slice(tensor, b, e, st, bm, em, elm, nm, sm, name=scope)
