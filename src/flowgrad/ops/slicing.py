"""StridedSlice (Tensor.__getitem__), its gradient StridedSliceGrad, and `getitem`.

TF encodes `x[1:, ..., None, ::-1, 2]` as begin/end/strides vectors plus five
bit masks. `_canonical` follows TF's ValidateStridedSliceOp: it expands the
ellipsis, checks ranks and bounds (raising TF's messages), and gives both the
static result shape (unknown input dims stay unknown, except shrunk ones) and
the NumPy index the kernel applies.
"""
from __future__ import annotations

__all__ = ["strided_slice"]

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import apply, const_value, to_tensor

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


def _canonical(dims, begin, end, strides, attrs):
    """TF's strided-slice validation on static `dims` (ints or None).

    `begin`/`end` may be None (not known statically): sliced dims are then
    unknown and shrink indices unchecked. Returns the result dims (None where
    unknown). Raises ValueError with TF's
    messages for a zero stride, too many indices, or an out-of-bounds shrink index.
    """
    bm, em, elm, nm, sm = (attrs.get(m, 0) for m in _MASKS)
    n = len(strides)
    for i in range(n):
        if int(strides[i]) == 0:
            raise ValueError(f"strides[{i}] must be non-zero")
    if elm & (elm - 1):
        raise ValueError("Multiple ellipses in slice spec not allowed")
    rank = len(dims)
    # Expand the sparse spec over the input's dims: each entry says what it does.
    has_ellipsis = bool(elm)
    spec = []
    for i in range(n):
        bit = 1 << i
        if elm & bit:
            after = sum(1 for j in range(i + 1, n) if not (nm >> j) & 1)
            fill = rank - len([s for s in spec if s[0] != "new"]) - after
            spec.extend([("full", None, None, 1)] * max(fill, 0))
        elif nm & bit:
            spec.append(("new",))
        elif sm & bit:
            spec.append(("shrink", None if begin is None else int(begin[i])))
        elif (begin is None or end is None) and not (bm & em & bit):
            spec.append(("unknown",))
        else:
            spec.append(("slice", None if bm & bit else int(begin[i]),
                         None if em & bit else int(end[i]), int(strides[i])))
            # (with both masks set, begin/end are ignored: the size is known without them)
    used = len([s for s in spec if s[0] != "new"])
    if used > rank:
        raise ValueError(f"Index out of range using input dim {rank}; input has only {rank} "
                         "dims")
    if not has_ellipsis:
        spec.extend([("full", None, None, 1)] * (rank - used))
    out = []
    d = 0
    for s in spec:
        kind = s[0]
        if kind == "new":
            out.append(1)
            continue
        size = dims[d]
        if kind == "shrink":
            if size is not None and s[1] is not None:
                idx = s[1] + size if s[1] < 0 else s[1]
                if not 0 <= idx < size:
                    raise ValueError(f"slice index {idx} of dimension {d} out of bounds.")
        elif kind == "full":
            out.append(size)
        elif kind == "unknown":
            out.append(None)
        else:
            out.append(None if size is None else len(range(size)[slice(s[1], s[2], s[3])]))
        d += 1
    return out


def _strided_slice_infer(inputs, attrs):
    x, b, e, s = inputs
    for t, name in ((b, "begin"), (e, "end"), (s, "strides")):
        if t.shape.ndims not in (None, 1):
            raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    if not (b.dtype.base_dtype is e.dtype.base_dtype is s.dtype.base_dtype):
        raise TypeError(f"Input 'end' of 'StridedSlice' Op has type {e.dtype.name} that does "
                        f"not match type {b.dtype.name} of argument 'begin'.")
    from .array_ops import folded_value
    bv, ev, sv = folded_value(b), folded_value(e), folded_value(s)
    if sv is not None:
        for i, st in enumerate(np.asarray(sv).reshape(-1)):
            if st == 0:
                raise ValueError(f"strides[{i}] must be non-zero")
    dims = x.shape.as_tuple()
    if dims is None or sv is None:
        return [(x.dtype.base_dtype, TensorShape(None))]
    # Unknown begin/end (tensor indices) still fix the rank; those dims are unknown.
    return [(x.dtype.base_dtype, TensorShape(_canonical(dims, bv, ev, sv, attrs)))]


def _strided_slice_kernel(x, begin, end, strides, **attrs):
    x = np.asarray(x)
    try:
        return x[_np_index(begin, end, strides, attrs)]
    except IndexError:
        try:
            _canonical(x.shape, begin, end, strides, attrs)
        except ValueError as e:
            raise errors.InvalidArgumentError(None, None, str(e)) from None
        raise


def _strided_slice_grad(op, grad):
    """Scatter the gradient into zeros shaped like the input."""
    x, b, e, s = op.inputs
    xs = x.shape.as_tuple()
    if xs is not None and None not in xs:
        shp = constant(np.array(xs, dtype=b.dtype.as_numpy_dtype))
    else:
        shp = apply("Shape", [x], {"out_type": b.dtype.base_dtype})
    attrs = {m: op.get_attr(m) for m in _MASKS}
    # An IndexedSlices gradient (from a gather downstream) is densified, as TF does.
    return [apply("StridedSliceGrad", [shp, b, e, s, to_tensor(grad)], attrs), None, None, None]


register_op("StridedSlice", infer=_strided_slice_infer, kernel=_strided_slice_kernel,
            grad=_strided_slice_grad, aliases_input=True)


def _ssg_infer(inputs, attrs):
    shp, b, e, s, dy = inputs
    sv = const_value(shp)
    if sv is None:
        n = shp.shape.as_tuple()
        return [(dy.dtype.base_dtype, TensorShape(None if not n or n[0] is None
                                                  else [None] * n[0]))]
    return [(dy.dtype.base_dtype, TensorShape([int(d) for d in np.asarray(sv).reshape(-1)]))]


def _ssg_kernel(shape, begin, end, strides, dy, **attrs):
    out = np.zeros(tuple(int(d) for d in shape), dtype=np.asarray(dy).dtype)
    out[_np_index(begin, end, strides, attrs)] = dy
    return out


def _ssg_grad(op, grad):
    """The gradient of a scatter-into-zeros is the same slice of the incoming gradient."""
    shp, b, e, s, dy = op.inputs
    attrs = {m: op.get_attr(m) for m in _MASKS}
    return [None, None, None, None, apply("StridedSlice", [to_tensor(grad), b, e, s], attrs)]


register_op("StridedSliceGrad", infer=_ssg_infer, kernel=_ssg_kernel, grad=_ssg_grad)


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """Extracts a strided slice of `input_` (TF's encoding of Python slicing).

    Args:
      input_: a Tensor.
      begin, end, strides: lists or 1-D int32/int64 tensors of one length.
      begin_mask, end_mask: bit i set: ignore begin[i]/end[i] (slice to the edge).
      ellipsis_mask: bit i set: entry i is `...`.
      new_axis_mask: bit i set: entry i is tf.newaxis.
      shrink_axis_mask: bit i set: entry i is an integer index (dimension removed).
      var: ignored (TF uses it for sliced assignment).
      name: op name (default "strided_slice").
    Returns:
      A Tensor.
    Raises:
      ValueError: a zero stride, too many indices, or an index out of bounds.

    >>> tf.strided_slice(tf.range(10), [1], [8], [3])  # [1, 4, 7] when run
    """
    x = to_tensor(input_)
    if strides is None:
        strides = [1] * len(begin)
    b, e, s = (t if isinstance(t, Tensor) else constant(np.asarray(t, dtype=np.int32))
               for t in (begin, end, strides))
    attrs = dict(zip(_MASKS, (begin_mask, end_mask, ellipsis_mask, new_axis_mask,
                              shrink_axis_mask)))
    return apply("StridedSlice", [x, b, e, s], attrs, name or "strided_slice")


def _is_int(x):
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def _is_int_tensor(x):
    return isinstance(x, Tensor) and x.dtype.base_dtype in (_dt.int32, _dt.int64)


_BAD_INDEX = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
              "tf.int32/tf.int64 tensors are valid indices, got {!r}")


def getitem(tensor, slice_spec):
    """`tensor[...]`: ints, slices (negative steps too), Ellipsis, tf.newaxis, int tensors.

    Builds one StridedSlice in a `strided_slice` name scope, as TF 1.14 does
    (constants `stack`, `stack_1`, `stack_2`; a tensor index `t` adds `t + 1`).

    A bool index (Python bool, bool array or bool tensor) selects with
    `boolean_mask`, as in TF 1.14.

    Raises:
      TypeError: an index of another type (float, string, float or rank-1 tensor).
      ValueError: statically out of bounds, zero step, or too many indices.
    """
    from .array_ops import boolean_mask, stack
    if isinstance(slice_spec, (bool, np.bool_)) or (
            isinstance(slice_spec, Tensor) and slice_spec.dtype.base_dtype is _dt.bool_) or (
            isinstance(slice_spec, np.ndarray) and slice_spec.dtype == np.bool_):
        # TF 1.14 indexes with a bool mask through boolean_mask.
        return boolean_mask(tensor=tensor, mask=slice_spec)
    if not isinstance(slice_spec, (list, tuple)) or isinstance(slice_spec, Tensor):
        slice_spec = [slice_spec]
    begin, end, strides = [], [], []
    bm = em = elm = nm = sm = 0
    for i, s in enumerate(slice_spec):
        bit = 1 << i
        if isinstance(s, slice):
            for part in (s.start, s.stop, s.step):
                if part is not None and not _is_int(part) and not _is_int_tensor(part):
                    raise TypeError(_BAD_INDEX.format(part))
            begin.append(0 if s.start is None else s.start)
            end.append(0 if s.stop is None else s.stop)
            strides.append(1 if s.step is None else s.step)
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
        elif _is_int(s):
            begin.append(int(s))
            end.append(int(s) + 1)
            strides.append(1)
            sm |= bit
        elif _is_int_tensor(s):
            if s.shape.ndims not in (None, 0):
                raise TypeError(_BAD_INDEX.format(s))
            begin.append(s)
            end.append(s + 1)
            strides.append(1)
            sm |= bit
        else:
            raise TypeError(_BAD_INDEX.format(s))
    g = tensor.graph
    with g.as_default(), g.name_scope("strided_slice") as scope:
        packed = [stack(v, name="stack") for v in (begin, end, strides)]
        if any(p.dtype.base_dtype is _dt.int64 for p in packed):
            from .math_ops import cast
            packed = [cast(p, _dt.int64) for p in packed]
        return apply("StridedSlice", [tensor] + packed,
                     dict(zip(_MASKS, (bm, em, elm, nm, sm))), scope)
