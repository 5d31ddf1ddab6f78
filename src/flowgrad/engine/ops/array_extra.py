"""More of TF 1.14's array ops: SelectV2, Roll, EnsureShape, Bitcast, UnravelIndex,
LowerBound/UpperBound, HistogramFixedWidth, BroadcastArgs, ParallelConcat,
UniqueWithCounts and DynamicPartition.

Each op is one block (shape rule, kernel, gradient as TF 1.14 registers it) and
the gen_*_ops wrapper TF's Python calls; the composites built on them
(searchsorted, histogram_fixed_width_bins, ...) are in ops/array_ops_extra.py.
"""
from __future__ import annotations

__all__ = ["where_v2", "roll", "ensure_shape", "bitcast", "unravel_index", "lower_bound",
           "upper_bound", "histogram_fixed_width", "broadcast_args", "parallel_concat",
           "unique_with_counts", "dynamic_partition", "guarantee_const"]

from collections import namedtuple

import numpy as np

from ..framework import dtypes as _dt
from ..framework.graph import Tensor
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape, as_shape
from ._array_util import (DTypeLike, TensorLike, _check_out_type, _fmt_shape, _invalid, _scope,
                          _unique_slices,
                          merge_shapes, refined_scalar)
from ._base import (apply, apply_op, broadcast_dims, check_dtype,
                    const_value, same_type_inputs, to_tensor)
from .construction import range as _range
from .construction import zeros
from .elementwise import negative
from .reductions import dynamic_stitch, reduce_prod, reduce_sum
from .shape import reshape, shape


def _tf_dims(dims):
    return "[" + ",".join(str(d) for d in dims) + "]"


def _tf_scalar(a):
    """A value as TF's Tensor::SummarizeValue prints it (1.0 as 1, 0.5 as 0.5)."""
    return f"{a:g}" if isinstance(a, np.floating) else str(a)


def _int_dtype_check(t, arg):
    if t.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter '{arg}' has DataType "
                        f"{t.dtype.base_dtype.name} not in list of allowed values: int32, int64")


# -- SelectV2 (where_v2: broadcasting select) ---------------------------------------------------
def _select_v2_infer(inputs, attrs):
    c, x, y = inputs
    if c.dtype.base_dtype is not _dt.bool_:
        raise TypeError(f"Input 'condition' of 'SelectV2' Op has type {c.dtype.name} that does "
                        "not match expected type of bool.")
    if x.dtype.base_dtype is not y.dtype.base_dtype:
        raise TypeError(f"Input 'e' of 'SelectV2' Op has type {y.dtype.name} that does not "
                        f"match type {x.dtype.name} of argument 't'.")
    xy = broadcast_dims(x.shape.as_tuple(), y.shape.as_tuple())
    out = broadcast_dims(c.shape.as_tuple(), xy)
    return [(x.dtype.base_dtype, TensorShape(out))]


def _select_v2_kernel(c, x, y):
    c, x, y = np.asarray(c), np.asarray(x), np.asarray(y)
    try:
        return np.where(c, x, y)
    except ValueError:
        raise _invalid(f"condition {_tf_dims(c.shape)}, then {_tf_dims(x.shape)}, and else "
                       f"{_tf_dims(y.shape)} must be broadcastable") from None


def _select_v2_grad(op, grad):
    """TF's _SelectGradV2: the gradient goes to the branch taken, summed over broadcasting."""
    c, x, y = op._inputs
    zero = zeros([], dtype=grad.dtype.base_dtype)
    gx = where_v2(c, grad, zero)
    x_shape = shape(x)
    out_shape = shape(op.outputs[0])
    red_x, _ = apply("BroadcastGradientArgs", [x_shape, out_shape])
    gx = reshape(reduce_sum(gx, red_x, keepdims=True), x_shape)
    gy = where_v2(c, zero, grad)
    y_shape = shape(y)
    red_y, _ = apply("BroadcastGradientArgs", [y_shape, out_shape])
    gy = reshape(reduce_sum(gy, red_y, keepdims=True), y_shape)
    return [None, gx, gy]


register_op("SelectV2", infer=_select_v2_infer, kernel=_select_v2_kernel, grad=_select_v2_grad)


def where_v2(condition: TensorLike, x: TensorLike | None = None, y: TensorLike | None = None,
             name: str | None = None) -> Tensor:
    """With x and y: elements of x where condition, else of y, all three broadcasting (op
    SelectV2); with neither: the coordinates of True (op Where).

    >>> tf.Session().run(tf.where_v2([[True], [False]], [1, 2], 0))
    array([[1, 2],
           [0, 0]], dtype=int32)
    """
    if x is None and y is None:
        with _scope(name, "Where", [condition]) as scope:
            c = condition if isinstance(condition, Tensor) else to_tensor(
                condition, dtype=_dt.bool_, name="condition")
            return apply("Where", [c], None, scope)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    with _scope(name, "SelectV2", [condition, x, y]) as scope:
        c = condition if isinstance(condition, Tensor) else to_tensor(
            condition, dtype=_dt.bool_, name="condition")
        x, y = same_type_inputs("SelectV2", [x, y], ["t", "e"])
        return apply("SelectV2", [c, x, y], None, scope)


# -- Roll ------------------------------------------------------------------------------------
def _roll_infer(inputs, attrs):
    x, shift, axis = inputs
    _int_dtype_check(shift, "shift")
    _int_dtype_check(axis, "axis")
    for t in (shift, axis):
        if t.shape.ndims is not None and t.shape.ndims > 1:
            raise ValueError(f"Shape must be at most rank 1 but is rank {t.shape.ndims}")
    if shift.shape.ndims == 1 and axis.shape.ndims == 1:
        merge_shapes(shift.shape, axis.shape)
    return [(x.dtype.base_dtype, x.shape)]


def _roll_kernel(x, shift, axis, **_):
    x = np.asarray(x)
    shift, axis = np.asarray(shift), np.asarray(axis)
    if x.ndim < 1:
        raise _invalid("input must be 1-D or higher")
    if shift.shape != axis.shape:
        raise _invalid("shift and axis must have the same size")
    shifts = {}
    for s, a in zip(shift.reshape(-1), axis.reshape(-1)):
        a = int(a)
        ax = a + x.ndim if a < 0 else a
        if not 0 <= ax < x.ndim:
            raise _invalid(f"axis {a} is out of range")
        shifts[ax] = shifts.get(ax, 0) + int(s)
    if not shifts:
        return x.copy()
    return np.roll(x, list(shifts.values()), list(shifts.keys()))


def _roll_grad(op, grad):
    """The roll reversed: roll(grad, -shift, axis)."""
    return [roll(grad, negative(op._inputs[1]), op._inputs[2]), None, None]


register_op("Roll", infer=_roll_infer, kernel=_roll_kernel, grad=_roll_grad)


def roll(input: TensorLike, shift: TensorLike, axis: TensorLike) -> Tensor:  # noqa: A002
    """Rolls the elements of `input` by `shift` places along `axis` (op Roll).

    >>> tf.Session().run(tf.roll([0, 1, 2, 3, 4], 2, 0))
    array([3, 4, 0, 1, 2], dtype=int32)
    """
    with _scope(None, "Roll", [input]) as scope:
        x = input if isinstance(input, Tensor) else to_tensor(input, name="input")
        s = shift if isinstance(shift, Tensor) else to_tensor(shift, name="shift")
        a = axis if isinstance(axis, Tensor) else to_tensor(axis, name="axis")
        return apply("Roll", [x, s, a], None, scope)


# -- EnsureShape -----------------------------------------------------------------------------
def _ensure_shape_infer(inputs, attrs):
    x = inputs[0]
    want = as_shape(attrs["shape"])
    if want.ndims is not None and x.shape.ndims is not None and want.ndims != x.shape.ndims:
        raise ValueError(f"Shape must be rank {want.ndims} but is rank {x.shape.ndims}")
    return [(x.dtype.base_dtype, merge_shapes(want, x.shape))]


def _ensure_shape_bind(node, ctx):
    op = node.op
    tensor = op._inputs[0].op.name if op is not None else node.name
    want = as_shape(node.attrs["shape"])

    def run(x):
        x = np.asarray(x)
        if not TensorShape(x.shape).is_compatible_with(want):
            raise _invalid(f"Shape of tensor {tensor} {_tf_dims(x.shape)} is not compatible "
                           f"with expected shape {_fmt_shape(want.as_tuple())}.")
        return x
    return run


register_op("EnsureShape", infer=_ensure_shape_infer, bind=_ensure_shape_bind,
            grad=lambda op, grad: [grad], aliases_input=True)


def ensure_shape(x: TensorLike, shape: object, name: str | None = None) -> Tensor:
    """`x` with its static shape merged with `shape`; checks at run time that it holds.

    >>> tf.ensure_shape(tf.placeholder(tf.float32, [None, 3]), [4, None]).shape.as_list()
    [4, 3]
    """
    x = x if isinstance(x, Tensor) else to_tensor(x)
    with _scope(name, "EnsureShape", [x]) as scope:
        return apply("EnsureShape", [x], {"shape": as_shape(shape)}, scope)


# -- Bitcast ---------------------------------------------------------------------------------
_BITCAST_TYPES = (_dt.bfloat16, _dt.float16, _dt.float32, _dt.float64, _dt.int64, _dt.int32,
                  _dt.uint8, _dt.uint16, _dt.uint32, _dt.uint64, _dt.int8, _dt.int16,
                  _dt.complex64, _dt.complex128, _dt.qint8, _dt.quint8, _dt.qint16, _dt.quint16,
                  _dt.qint32)


def _bitcast_infer(inputs, attrs):
    x = inputs[0]
    to = attrs["type"]
    a, b = x.dtype.base_dtype.size, to.size
    dims = x.shape.as_tuple()
    if dims is None or a == b:
        return [(to, x.shape if dims is not None else TensorShape(None))]
    if a > b:
        return [(to, TensorShape(list(dims) + [a // b]))]
    if not dims:
        raise ValueError("Cannot bitcast due to shape. Input must have rank >= 1.")
    if dims[-1] is not None and dims[-1] != b // a:
        raise ValueError(f"Cannot bitcast due to shape. {dims[-1]} does not match {b // a}")
    return [(to, TensorShape(list(dims[:-1])))]


def _bitcast_kernel(x, type=None, T=None, **_):  # noqa: A002, N803 - TF's attr names
    x = np.array(x, order="C")
    if T is _dt.bfloat16:   # its 2 bytes are the high half of the float32 kept for it
        x = (x.view(np.uint32) >> np.uint32(16)).astype(np.uint16)
    to = np.uint16 if type is _dt.bfloat16 else type.as_numpy_dtype
    a, b = x.dtype.itemsize, np.dtype(to).itemsize
    if a > b:
        y = x.reshape(x.shape + (1,)).view(to).reshape(x.shape + (a // b,))
    elif a < b:
        if x.ndim == 0 or x.shape[-1] * a != b:
            # TF's message names the types by their DataType enum numbers
            raise _invalid(f"Cannot bitcast from {T.as_datatype_enum} to "
                           f"{type.as_datatype_enum}")
        y = x.view(to).reshape(x.shape[:-1])
    else:
        y = x.view(to)
    return (y.astype(np.uint32) << np.uint32(16)).view(np.float32) if type is _dt.bfloat16 else y


register_op("Bitcast", infer=_bitcast_infer, kernel=_bitcast_kernel, grad=no_gradient_registered)


def bitcast(input: TensorLike, type: DTypeLike, name: str | None = None) -> Tensor:  # noqa: A002
    """Reinterprets the bytes of `input` as `type` (no copy of values, as C's memcpy).

    A larger input type adds a last dimension; a smaller one consumes it.

    >>> tf.Session().run(tf.bitcast(tf.constant(1.0), tf.int32))
    1065353216
    """
    to = _dt.as_dtype(type).base_dtype
    with _scope(name, "Bitcast", [input]) as scope:
        x = input if isinstance(input, Tensor) else to_tensor(input, name="input")
        names = ", ".join(d.name for d in _BITCAST_TYPES)
        for what, dt in (("input", x.dtype.base_dtype), ("type", to)):
            if dt not in _BITCAST_TYPES:
                raise TypeError(f"Value passed to parameter '{what}' has DataType {dt.name} not "
                                f"in list of allowed values: {names}")
        return apply("Bitcast", [x], {"T": x.dtype.base_dtype, "type": to}, scope)


# -- UnravelIndex ----------------------------------------------------------------------------
def _unravel_infer(inputs, attrs):
    idx, dims = inputs
    _int_dtype_check(idx, "Tidx")
    if dims.dtype.base_dtype is not idx.dtype.base_dtype:
        raise TypeError(f"Input 'dims' of 'UnravelIndex' Op has type {dims.dtype.name} that "
                        f"does not match type {idx.dtype.name} of argument 'indices'.")
    r = idx.shape.ndims  # TF's shape function leaves a rank > 1 to the kernel
    if dims.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {dims.shape.ndims}")
    n = dims.shape.as_tuple()[0] if dims.shape.ndims == 1 else None
    if r == 0:
        return [(idx.dtype.base_dtype, TensorShape([n]))]
    if r == 1:
        return [(idx.dtype.base_dtype, TensorShape([n, idx.shape.as_tuple()[0]]))]
    return [(idx.dtype.base_dtype, TensorShape(None))]


def _unravel_kernel(indices, dims, **_):
    idx, dims = np.asarray(indices), np.asarray(dims)
    if idx.ndim > 1:
        raise _invalid(f'The indices can only be scalar or vector, got "{_tf_dims(idx.shape)}"')
    if dims.ndim != 1:
        raise _invalid(f'The indices can only be 1-D, got "{_tf_dims(dims.shape)}"')
    strides = np.ones(dims.size, dtype=idx.dtype)
    if dims.size > 1:
        strides[:-1] = np.cumprod(dims[::-1])[:-1][::-1]
    # C's integer division and remainder (truncation toward zero), as TF's Eigen kernel.
    q = _trunc_div(np.expand_dims(idx, 0) if idx.ndim else idx,
                   strides.reshape((-1,) + (1,) * idx.ndim))
    d = dims.reshape((-1,) + (1,) * idx.ndim)
    return (q - _trunc_div(q, d) * d).astype(idx.dtype)


def _trunc_div(a, b):
    q = np.floor_divide(a, b)
    return q + (((a - q * b) != 0) & ((a < 0) != (b < 0)))


register_op("UnravelIndex", infer=_unravel_infer, kernel=_unravel_kernel,
            grad=no_gradient_registered)


def unravel_index(indices: TensorLike, dims: TensorLike, name: str | None = None) -> Tensor:
    """The coordinates in an array of shape `dims` of flat `indices` (op UnravelIndex).

    >>> tf.Session().run(tf.unravel_index([5, 1], [2, 3]))
    array([[1, 0],
           [2, 1]], dtype=int32)
    """
    with _scope(name, "UnravelIndex", [indices, dims]) as scope:
        i, d = same_type_inputs("UnravelIndex", [indices, dims], ["indices", "dims"])
        return apply("UnravelIndex", [i, d], None, scope)


# -- LowerBound / UpperBound -----------------------------------------------------------------
def _bound_infer(inputs, attrs):
    s, v = inputs
    for t in (s, v):
        if t.shape.ndims not in (None, 2):
            raise ValueError(f"Shape must be rank 2 but is rank {t.shape.ndims}")
    if s.dtype.base_dtype is not v.dtype.base_dtype:
        raise TypeError(f"Input 'values' has type {v.dtype.name} that does not match type "
                        f"{s.dtype.name} of argument 'sorted_inputs'.")
    return [(attrs["out_type"], v.shape)]


def _bound_kernel(side):
    def kernel(sorted_inputs, values, out_type=_dt.int32, **_):
        s, v = np.asarray(sorted_inputs), np.asarray(values)
        if s.shape[0] != v.shape[0]:
            raise _invalid("Leading dim_size of both tensors must match.")
        out = np.empty(v.shape, dtype=out_type.as_numpy_dtype)
        for r in range(s.shape[0]):
            out[r] = np.searchsorted(s[r], v[r], side=side)
        return out
    return kernel


register_op("LowerBound", infer=_bound_infer, kernel=_bound_kernel("left"),
            grad=no_gradient_registered)
register_op("UpperBound", infer=_bound_infer, kernel=_bound_kernel("right"),
            grad=no_gradient_registered)


def _bound(op_type, sorted_inputs, values, out_type, name):
    out_type = _check_out_type(out_type)
    with _scope(name, op_type, [sorted_inputs, values]) as scope:
        s, v = same_type_inputs(op_type, [sorted_inputs, values], ["sorted_inputs", "values"])
        return apply(op_type, [s, v], {"out_type": out_type}, scope)


def lower_bound(sorted_inputs, values, out_type=_dt.int32, name=None) -> Tensor:
    """Per row: the first index where each value could be inserted keeping order."""
    return _bound("LowerBound", sorted_inputs, values, out_type, name)


def upper_bound(sorted_inputs, values, out_type=_dt.int32, name=None) -> Tensor:
    """Per row: the last index where each value could be inserted keeping order."""
    return _bound("UpperBound", sorted_inputs, values, out_type, name)


# -- HistogramFixedWidth ---------------------------------------------------------------------
_HIST_TYPES = (_dt.int32, _dt.int64, _dt.float32, _dt.float64)


def _hist_infer(inputs, attrs):
    values, vr, nbins = inputs
    if vr.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {vr.shape.ndims}")
    if nbins.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {nbins.shape.ndims}")
    n = const_value(nbins)
    if n is None:   # TF's input_tensor: evaluated whole
        n = refined_scalar(nbins, partial=False)
    if n is not None and int(n) <= 0:
        raise ValueError(f"Requires nbins > 0: {int(n)}")
    return [(attrs["dtype"], TensorShape([None if n is None else int(n)]))]


def _hist_kernel(values, value_range, nbins, dtype=_dt.int32, **_):
    v, vr, n = np.asarray(values), np.asarray(value_range), int(nbins)
    if n <= 0:
        raise _invalid(f"nbins should be a positive number, but got '{n}'")
    lo, hi = vr[0], vr[1]
    if not lo < hi:
        raise _invalid("value_range should satisfy value_range[0] < value_range[1], but got "
                       f"'[{', '.join(_tf_scalar(a) for a in vr.reshape(-1))}]'")
    step = (np.float64(hi) - np.float64(lo)) / np.float64(n)
    # TF's functor: (max(v, lo) - lo) / step in double, capped at nbins - 1, then truncated
    pos = (np.maximum(v, lo) - lo).astype(np.float64) / step
    idx = np.minimum(pos, np.float64(n - 1)).astype(np.int64).reshape(-1)
    return np.bincount(idx, minlength=n).astype(dtype.as_numpy_dtype)


register_op("HistogramFixedWidth", infer=_hist_infer, kernel=_hist_kernel,
            grad=no_gradient_registered)


def histogram_fixed_width(values: TensorLike, value_range: TensorLike, nbins: TensorLike = 100,
                          dtype: DTypeLike = _dt.int32, name: str | None = None) -> Tensor:
    """Counts of `values` in `nbins` equal bins over value_range (values outside land in the
    first or last bin).

    >>> tf.Session().run(tf.histogram_fixed_width([-1., 0., 1.5, 2., 5., 15.], [0., 5.], 5))
    array([2, 1, 1, 0, 2], dtype=int32)
    """
    dtype = _dt.as_dtype(dtype).base_dtype
    if dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'dtype' has DataType {dtype.name} not in "
                        "list of allowed values: int32, int64")
    with _scope(name, "histogram_fixed_width", [values, value_range, nbins]) as scope:
        v = values if isinstance(values, Tensor) else to_tensor(values, name="values")
        check_dtype("HistogramFixedWidth", v, _HIST_TYPES, "values")
        vr = value_range if isinstance(value_range, Tensor) else to_tensor(
            value_range, dtype=v.dtype.base_dtype, name="value_range")
        n = nbins if isinstance(nbins, Tensor) else to_tensor(nbins, dtype=_dt.int32,
                                                             name="nbins")
        return apply("HistogramFixedWidth", [v, vr, n], {"dtype": dtype}, scope)


# -- BroadcastArgs ---------------------------------------------------------------------------
def _broadcast_args_infer(inputs, attrs):
    s0, s1 = inputs
    _int_dtype_check(s0, "T")
    if s1.dtype.base_dtype is not s0.dtype.base_dtype:
        raise TypeError(f"Input 's1' of 'BroadcastArgs' Op has type {s1.dtype.name} that does "
                        f"not match type {s0.dtype.name} of argument 's0'.")
    for t in (s0, s1):
        if t.shape.ndims not in (None, 1):
            raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    a, b = s0.shape.as_tuple(), s1.shape.as_tuple()
    n = None if a is None or b is None or None in a + b else max(a[0], b[0])
    return [(s0.dtype.base_dtype, TensorShape([n]))]


def _broadcast_args_kernel(s0, s1, **_):
    a, b = [int(d) for d in np.asarray(s0)], [int(d) for d in np.asarray(s1)]
    try:
        out = np.broadcast_shapes(tuple(a), tuple(b)) if hasattr(np, "broadcast_shapes") \
            else np.broadcast(np.empty(a, np.int8), np.empty(b, np.int8)).shape
    except ValueError:
        raise _invalid(f"Incompatible shapes: {_tf_dims(a)} vs. {_tf_dims(b)}") from None
    return np.asarray(out, dtype=np.asarray(s0).dtype)


register_op("BroadcastArgs", infer=_broadcast_args_infer, kernel=_broadcast_args_kernel,
            grad=no_gradient_registered)


def broadcast_args(s0: TensorLike, s1: TensorLike, name: str | None = None) -> Tensor:
    """The broadcast shape of two shape vectors (op BroadcastArgs)."""
    with _scope(name, "BroadcastArgs", [s0, s1]) as scope:
        a, b = same_type_inputs("BroadcastArgs", [s0, s1], ["s0", "s1"])
        return apply("BroadcastArgs", [a, b], None, scope)


# -- ParallelConcat --------------------------------------------------------------------------
def _parallel_concat_infer(inputs, attrs):
    want = as_shape(attrs["shape"])
    if not want.is_fully_defined():  # TF's shape function, before anything else
        raise ValueError("shape attr must be fully defined.")
    dt = inputs[0].dtype.base_dtype   # one dtype: input_types checked it
    for t in inputs:
        if t.shape.ndims is not None and t.shape.ndims >= 1 and t.shape.as_tuple()[0] not in (
                None, 1):
            raise ValueError(f"Dimension 0 in both shapes must be equal, but are "
                             f"{t.shape.as_tuple()[0]} and 1.")
    return [(dt, want)]


def _parallel_concat_kernel(*values, shape=None, **_):
    out = np.concatenate([np.asarray(v) for v in values], axis=0)
    shape = as_shape(shape)
    if not TensorShape(out.shape).is_compatible_with(shape):
        raise _invalid(f"output shape {_tf_dims(out.shape)} does not match shape "
                       f"{_fmt_shape(shape.as_tuple())}")
    return out


register_op("ParallelConcat", infer=_parallel_concat_infer, kernel=_parallel_concat_kernel,
            grad=no_gradient_registered)


def parallel_concat(values, shape, name=None) -> Tensor:
    """Concatenates rank-R tensors of first dimension 1 along it (op ParallelConcat)."""
    with _scope(name, "ParallelConcat", values) as scope:
        vals = [v if isinstance(v, Tensor) else to_tensor(v) for v in values]
        return apply("ParallelConcat", vals, {"N": len(vals), "shape": as_shape(shape)}, scope)


# -- UniqueWithCounts ------------------------------------------------------------------------
def _uwc_infer(inputs, attrs):
    x = inputs[0]
    if x.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {x.shape.ndims}")
    out_idx = attrs["out_idx"]
    return [(x.dtype.base_dtype, TensorShape([None])),
            (out_idx, x.shape if x.shape.ndims is not None else TensorShape([None])),
            (out_idx, TensorShape([None]))]


def _uwc_kernel(x, out_idx=_dt.int32, **_):
    x = np.asarray(x)
    if x.ndim != 1:
        raise _invalid("unique expects a 1D vector.")
    it = out_idx.as_numpy_dtype
    if x.dtype.kind in "fc" and np.isnan(x).any():   # each NaN is its own value in TF
        first, ranks, counts = _unique_slices(x.reshape(1, -1, 1))
        return x[first], ranks.astype(it), counts.astype(it)
    _, first, inv, counts = np.unique(x, return_index=True, return_inverse=True,
                                      return_counts=True)
    order = np.argsort(first, kind="stable")
    ranks = np.empty_like(order)
    ranks[order] = np.arange(order.size)
    return x[first[order]], ranks[inv.reshape(-1)].astype(it), counts[order].astype(it)


register_op("UniqueWithCounts", infer=_uwc_infer, kernel=_uwc_kernel,
            grad=no_gradient_registered)

_UniqueWithCounts = namedtuple("UniqueWithCounts", ["y", "idx", "count"])


def unique_with_counts(x: TensorLike, out_idx: DTypeLike = _dt.int32,
                       name: str | None = None) -> tuple:
    """(y, idx, count): the unique elements of 1-D `x` in order of first occurrence,
    x == y[idx], and how often each occurs.

    >>> tf.Session().run(tf.unique_with_counts([1, 1, 2, 4, 4, 4]).count)
    array([2, 1, 3], dtype=int32)
    """
    with _scope(name, "UniqueWithCounts", [x]) as scope:
        xt = x if isinstance(x, Tensor) else to_tensor(x, name="x")
        op = apply_op("UniqueWithCounts", [xt], {"out_idx": _check_out_type(out_idx)}, scope)
    return _UniqueWithCounts(*op.outputs)


# -- DynamicPartition ------------------------------------------------------------------------
def _dp_infer(inputs, attrs):
    data, parts = inputs
    if parts.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'partitions' of 'DynamicPartition' Op has type "
                        f"{parts.dtype.name} that does not match expected type of int32.")
    n = attrs["num_partitions"]
    ds, ps = data.shape.as_tuple(), parts.shape.as_tuple()
    if ds is None or ps is None:
        return [(data.dtype.base_dtype, TensorShape(None))] * n
    if len(ps) > len(ds):
        raise ValueError(f"Shape must be at least rank {len(ps)} but is rank {len(ds)}")
    for a, b in zip(ds, ps):
        if a is not None and b is not None and a != b:
            raise ValueError(f"Dimensions must be equal, but are {a} and {b}")
    return [(data.dtype.base_dtype, TensorShape([None] + list(ds[len(ps):])))] * n


def _dp_kernel(data, partitions, num_partitions=1, **_):
    data, p = np.asarray(data), np.asarray(partitions)
    if data.shape[:p.ndim] != p.shape:
        raise _invalid(f"data.shape must start with partitions.shape, got data.shape = "
                       f"{_tf_dims(data.shape)}, partitions.shape = {_tf_dims(p.shape)}")
    flat = p.reshape(-1)
    bad = np.flatnonzero((flat < 0) | (flat >= num_partitions))
    if bad.size:
        pos = np.unravel_index(int(bad[0]), p.shape) if p.ndim else ()
        raise _invalid(f"partitions[{','.join(str(int(i)) for i in pos)}] = "
                       f"{int(flat[bad[0]])} is not in [0, {num_partitions})")
    rows = data.reshape((flat.size,) + data.shape[p.ndim:])
    return tuple(rows[flat == k] for k in range(num_partitions))


def _dp_grad(op, *grads):
    """Stitch the partitions' gradients back in data's order (TF's _DynamicPartitionGrads)."""
    data, indices = op._inputs
    n = op._get_attr("num_partitions")
    prefix_shape = shape(indices)
    original = reshape(_range(reduce_prod(prefix_shape)), prefix_shape)
    parts = dynamic_partition(original, indices, n)
    reconstructed = dynamic_stitch(parts, list(grads))
    return [reshape(reconstructed, shape(data)), None]


register_op("DynamicPartition", infer=_dp_infer, kernel=_dp_kernel, grad=_dp_grad)


def dynamic_partition(data: TensorLike, partitions: TensorLike, num_partitions: int,
                      name: str | None = None) -> list:
    """Splits `data` into `num_partitions` tensors by the int32 `partitions` (a prefix of
    data's shape): outputs[k] holds the slices whose partition is k, in order.

    >>> a, b = tf.dynamic_partition([10, 20, 30, 40], [0, 1, 1, 0], 2)
    >>> tf.Session().run(b)
    array([20, 30], dtype=int32)
    """
    # TF's _MakeInt: anything int() takes but a string (2.0 from `n / 2` is 2)
    try:
        if isinstance(num_partitions, (str, bytes)):
            raise TypeError
        num_partitions = int(num_partitions)
    except (TypeError, ValueError):
        raise TypeError(f"Expected int for argument 'num_partitions' not {num_partitions!r}."
                        ) from None
    if num_partitions < 1:
        raise ValueError(f"Attr 'num_partitions' of 'DynamicPartition' Op passed {num_partitions}"
                         " less than minimum 1.")
    with _scope(name, "DynamicPartition", [data, partitions]) as scope:
        d = data if isinstance(data, Tensor) else to_tensor(data, name="data")
        p = partitions if isinstance(partitions, Tensor) else to_tensor(
            partitions, dtype=_dt.int32, name="partitions")
        op = apply_op("DynamicPartition", [d, p], {"num_partitions": int(num_partitions)},
                      scope)
    return list(op.outputs)


# -- GuaranteeConst --------------------------------------------------------------------------
# The input, promised constant for the runtime's lifetime (TF may fold it); TF 1.14
# registers no gradient for it.
register_op("GuaranteeConst", infer=lambda inputs, attrs: [(inputs[0].dtype.base_dtype,
                                                            inputs[0].shape)],
            kernel=lambda x, **_: x, grad=no_gradient_registered, aliases_input=True)


def guarantee_const(input, name=None):  # noqa: A002 - TF's argument name
    """Returns `input`, promising the runtime that it is constant (GuaranteeConst)."""
    with _scope(name, "GuaranteeConst", [input]) as scope:   # TF's op_def_library scope
        x = to_tensor(input, name="input")
        return apply("GuaranteeConst", [x], {"T": x.dtype.base_dtype}, scope)



# -- DataFormatDimMap / DataFormatVecPermute: Grappler's layout ops (TF registers no gradient) --
def _format_perm(op_type, src, dst, check=True):
    """Where each of src's dimensions is in dst. TF 1.14 checks the lengths (VecPermute
    none); formats that are not one permutation of 4 letters read memory TF never wrote."""
    if check and len(src) != 4:
        raise _invalid(f"Source format must of length 4, received src_format = {src}")
    if check and len(dst) != 4:
        raise _invalid(f"Destination format must of length 4, received dst_format = {dst}")
    if len(src) != 4 or sorted(src) != sorted(dst) or len(set(src)) != 4:
        raise NotImplementedError(f"tf.raw_ops.{op_type} with src_format={src!r} and "
                                  f"dst_format={dst!r} (TF 1.14 leaves its output undefined)")
    return [dst.index(c) for c in src]


def _dim_map_kernel(x, src_format="NHWC", dst_format="NCHW", **_):
    """A dimension index of src_format (-4..3) as the same dimension's index in dst_format."""
    perm = np.asarray(_format_perm("DataFormatDimMap", src_format, dst_format), x.dtype)
    return perm[np.mod(x, 4)]


def _vec_permute_kernel(x, src_format="NHWC", dst_format="NCHW", **_):
    """A shape vector (4,) or a per-dimension pair list (4, 2) reordered from src to dst."""
    s = np.shape(x)
    if len(s) not in (1, 2):
        raise _invalid(f"input must be a vector or 2D tensor, but got shape {_fmt_shape(s)}")
    if len(s) == 1 and s[0] != 4:
        raise _invalid(f"1D input must be of size 4, but got shape {_fmt_shape(s)}")
    if len(s) == 2 and s[0] != 4:
        raise _invalid(f"First dimension of 2D input must be of size 4, but got shape "
                       f"{_fmt_shape(s)}")
    if len(s) == 2 and s[1] != 2:
        raise _invalid(f"Second dimension of 2D input must be of size 2, but got shape "
                       f"{_fmt_shape(s)}")
    perm = _format_perm("DataFormatVecPermute", src_format, dst_format, check=False)
    out = np.empty_like(x)
    out[perm] = x
    return out


def _format_infer(op_type, checks_lengths):
    """The input's dtype and shape; formats whose output TF leaves undefined are refused
    when the op is built (lengths TF's kernel checks stay its run-time error)."""
    def infer(inputs, attrs):
        src, dst = attrs.get("src_format", "NHWC"), attrs.get("dst_format", "NCHW")
        if not checks_lengths or (len(src) == 4 and len(dst) == 4):
            _format_perm(op_type, src, dst, check=False)
        return [(inputs[0].dtype.base_dtype, inputs[0].shape)]
    return infer


register_op("DataFormatDimMap", infer=_format_infer("DataFormatDimMap", True),
            kernel=_dim_map_kernel, grad=no_gradient_registered)
register_op("DataFormatVecPermute", infer=_format_infer("DataFormatVecPermute", False),
            kernel=_vec_permute_kernel, grad=no_gradient_registered)


# -- PopulationCount, CompareAndBitpack: bit counting and packing (TF registers no gradient) --
def _popcount_kernel(x, **_):
    """The set bits of each element's two's-complement bytes (uint8)."""
    bits = np.unpackbits(np.ascontiguousarray(x).view(np.uint8).reshape(np.shape(x) + (-1,)),
                         axis=-1)
    return bits.sum(axis=-1, dtype=np.uint8)


register_op("PopulationCount", infer=lambda inputs, attrs: [(_dt.uint8, inputs[0].shape)],
            kernel=_popcount_kernel, grad=None)


def _bitpack_infer(inputs, attrs):
    x = inputs[0]
    dims = x.shape.as_tuple()
    if dims is None:
        return [(_dt.uint8, TensorShape(None))]
    if len(dims) < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {len(dims)}")
    if dims[-1] is not None and dims[-1] % 8:
        raise ValueError(f"Dimension size must be evenly divisible by 8 but is {dims[-1]}")
    last = None if dims[-1] is None else dims[-1] // 8
    return [(_dt.uint8, TensorShape(list(dims[:-1]) + [last]))]


def _bitpack_kernel(x, threshold, **_):
    """Bit j (most significant first) of output byte k: x[..., 8k + j] > threshold; a bool
    input is packed as it is (TF's bool kernel ignores the threshold)."""
    if np.shape(x)[-1] % 8:
        raise _invalid(f"Inner dimension of input should be divisible by 8, but saw shape: "
                       f"{_fmt_shape(np.shape(x))}")
    bits = x if x.dtype == np.bool_ else x > threshold
    return np.packbits(bits, axis=-1)


register_op("CompareAndBitpack", infer=_bitpack_infer, kernel=_bitpack_kernel,
            grad=no_gradient_registered)


# -- InplaceUpdate / InplaceAdd / InplaceSub: rows i of x set to, plus or minus v (TF's kernel
# writes into x's buffer; flowgrad into a copy) ------------------------------------------------
def _inplace_kernel(combine):
    def kernel(x, i, v, **_):
        i = np.asarray(i).reshape(-1)
        if np.shape(v)[:1] != i.shape:
            raise _invalid(f"i and x shape doesn't match at index 0: {_fmt_shape(i.shape)} vs. "
                           f"{_fmt_shape(np.shape(v))}")
        if np.shape(v)[1:] != np.shape(x)[1:]:
            k = next(d for d in range(1, np.ndim(x) + 1)
                     if d >= np.ndim(v) or np.shape(v)[d] != np.shape(x)[d])
            raise _invalid(f"x and v shape doesn't match at index {k} : "
                           f"{_fmt_shape(np.shape(x))} vs. {_fmt_shape(np.shape(v))}")
        y = np.array(x, copy=True)
        n = max(np.shape(x)[0], 1)
        for row, val in zip(i, v):   # in order: repeated rows accumulate (the last one set)
            row = (int(row) % n + n) % n   # TF's kernel guards the index range so
            y[row] = combine(y[row], val)
        return y
    return kernel


for _type, _combine in (("InplaceUpdate", lambda old, new: new), ("InplaceAdd", np.add),
                        ("InplaceSub", np.subtract)):
    register_op(_type, infer=lambda inputs, attrs: [(inputs[0].dtype.base_dtype,
                                                     inputs[0].shape)],
                kernel=_inplace_kernel(_combine), grad=no_gradient_registered)
del _type, _combine
