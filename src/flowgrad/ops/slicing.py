"""Python indexing of tensors (`Tensor.__getitem__`) and TF's `strided_slice`.

`x[1:, ..., None, ::-1, 2]` becomes one StridedSlice op (engine/ops/indexing.py
holds the op and `strided_slice`); a bool index selects with `boolean_mask`,
as in TF 1.14.
"""
from __future__ import annotations

__all__ = ["strided_slice"]


import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor, _graph_of
from ..engine.ops._array_util import _MASKS
from ..engine.ops._base import apply
from ..engine.ops.cast import cast
from ..engine.framework.graph import name_scope
from ..engine.ops._base import to_tensor
from ..engine.ops.construction import ones_like
from ..engine.ops.indexing import strided_slice as _strided_slice
from .array_ops import boolean_mask, stack
from ..engine.framework import graph_records as _records


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """A strided slice of `input_` (TF's encoding of Python slicing), built as TF 1.14's
    tf.strided_slice: default strides `ones_like(begin)`, then one StridedSlice op
    (named "StridedSlice" unless `name`) converting its inputs in its scope.

    Bit i of a mask says what entry i is: begin_mask/end_mask: slice from/to the edge;
    ellipsis_mask: `...`; new_axis_mask: tf.newaxis; shrink_axis_mask: an integer index
    (the dimension is removed). `var` is ignored (TF uses it for sliced assignment).

    >>> tf.Session().run(tf.strided_slice(tf.range(10), [1], [8], [3]))
    array([1, 4, 7], dtype=int32)
    """
    if strides is None:
        strides = ones_like(begin)
    with name_scope(name, "StridedSlice", [input_, begin, end, strides]) as scope:
        x = to_tensor(input_, name="input")
        # as TF's op_def_library: begin fixes the Index type, end and strides convert to it
        b = begin if isinstance(begin, Tensor) else to_tensor(begin, name="begin")
        index = b.dtype.base_dtype if _is_int_tensor(b) else None
        e, s = (t if isinstance(t, Tensor) else to_tensor(t, dtype=index, name=n)
                for t, n in ((end, "end"), (strides, "strides")))
        return _strided_slice(x, b, e, s, begin_mask=begin_mask, end_mask=end_mask,
                              ellipsis_mask=ellipsis_mask, new_axis_mask=new_axis_mask,
                              shrink_axis_mask=shrink_axis_mask, name=scope)


def _variable_value(s):
    """A variable used as an index or slice bound stands for its value (as in TF, where its
    ref dtype int32_ref/int64_ref is a valid index dtype)."""
    if isinstance(s, slice):
        return slice(*(_variable_value(p) for p in (s.start, s.stop, s.step)))
    if not isinstance(s, Tensor) and hasattr(s, "_as_graph_element") and hasattr(s, "value"):
        return s.value()
    return s


def _is_int(x):
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def _is_int_tensor(x):
    return isinstance(x, Tensor) and x.dtype.base_dtype in (_dt.int32, _dt.int64)


_BAD_INDEX = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
              "tf.int32/tf.int64 tensors are valid indices, got {!r}")


class _SlicedVariable(Tensor):
    """A strided slice of a variable's value: `assign(value)` writes the slice (op
    StridedSliceAssign, named `<slice scope>_assign` as TF names it)."""

    __slots__ = ()

    def assign(self, val, name=None):
        var, scope, packed, masks = _SLICED[self]
        return var._strided_slice_assign(*packed, val, name or scope + "_assign", masks)


_SLICED = _records.GraphRecords("_SLICED")


def getitem(tensor: Tensor, slice_spec: object, var=None) -> Tensor:
    """`tensor[...]`: ints, slices (negative steps too), Ellipsis, tf.newaxis, int tensors.

    Builds one StridedSlice in a `strided_slice` name scope, as TF 1.14 does
    (constants `stack`, `stack_1`, `stack_2`; a tensor index `t` adds `t + 1`).

    A bool index (Python bool, bool array or bool tensor) selects with
    `boolean_mask`, as in TF 1.14.

    Raises:
      TypeError: an index of another type (float, string, float or rank-1 tensor).
      ValueError: statically out of bounds, zero step, or too many indices.
    """
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
        s = _variable_value(s)
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
    g = _graph_of([tensor])   # a function graph slicing an outer tensor: made (captured) there
    with g.as_default(), g.name_scope("strided_slice") as scope:
        if begin:
            packed = [stack(v, name="stack") for v in (begin, end, strides)]
        else:        # TF's one empty int32 constant for begin, end and strides
            packed = [constant([], dtype=_dt.int32)] * 3
        if any(p.dtype.base_dtype is _dt.int64 for p in packed):
            packed = [cast(p, _dt.int64) for p in packed]
        masks = dict(zip(_MASKS, (bm, em, elm, nm, sm)))
        out = apply("StridedSlice", [tensor] + packed, masks, scope)
    if var is not None:   # TF's _SliceHelperVar: the slice can be assigned to
        out.__class__ = _SlicedVariable
        _SLICED[out] = (var, scope, packed, masks)
    return out
