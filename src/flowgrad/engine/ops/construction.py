"""Construction ops: tensors made from a shape or a few scalars.

Fill, ZerosLike/OnesLike, Range, LinSpace, OneHot, Placeholder and
PlaceholderWithDefault, with TF 1.14's wrappers: `zeros`/`ones` write a Const
below 1000 elements and a Fill above, `zeros_like` is a Const when the shape is
known, `range` casts its arguments to the widest of their dtypes.
"""
from __future__ import annotations

import builtins

import math

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import _infer_dtype, constant
from ..framework.graph import Tensor, get_default_graph
from ..framework.registry import no_gradient_registered, register_op
from ..framework.shape_reads import summarize_value
from ..framework.tensor_shape import TensorShape, as_shape
from ._array_util import (DTypeLike, IntsLike, ShapeLike, TensorLike, _as_int_input, _dims,
                          check_not_float,
                          _has_tensor, _invalid, _refined_int, _scope, _unknown_dims_from,
                          folded_value, refined_number, refined_scalar, shape_value,
                          whole_value)
from . import prims
from ._base import apply, to_tensor, unary_same
from .cast import cast as _cast


# -- Fill / ZerosLike / OnesLike / zeros / ones ------------------------------------------------
def _fill_infer(inputs, attrs):
    dims, value = inputs
    if value.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {value.shape.ndims}")
    if dims.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {dims.shape.ndims}")
    # TF checks the values input_tensor knows (the dims' constant subgraph evaluated whole)
    # before reading them as a shape
    v = whole_value(dims)
    if v is not None and np.size(v) and np.min(v) < 0:
        raise ValueError("Fill dimensions must be >= 0")
    dv = shape_value(dims)
    if dv is None:
        return [(value.dtype.base_dtype, _unknown_dims_from(dims))]
    return [(value.dtype.base_dtype, TensorShape([d if d is None or d >= 0 else None
                                                  for d in dv]))]


def _fill_kernel(dims, value):
    dims = tuple(int(d) for d in dims)
    for d in dims:
        if d < 0:
            raise _invalid(f"Dimension {d} must be >= 0")
    return np.full(dims, value, dtype=np.asarray(value).dtype)


def _fill_grad(op, grad):
    """d fill(dims, v) / dv = sum(grad)."""
    return [None, prims.reduce_sum(grad)]


register_op("Fill", infer=_fill_infer, kernel=_fill_kernel, grad=_fill_grad)


def fill(dims: IntsLike, value: TensorLike, name: str | None = None) -> Tensor:
    """A tensor of shape `dims` filled with the scalar `value` (of value's dtype).

    >>> tf.Session().run(tf.fill([2, 3], 9))
    array([[9, 9, 9], [9, 9, 9]], dtype=int32)
    """
    vals = [v for v in (dims, value) if isinstance(v, Tensor)]
    with _scope(name, "Fill", vals) as scope:
        dims = _as_int_input(dims, "dims", op="Fill")
        value = to_tensor(value, name="value")
        return apply("Fill", [dims, value], None, scope)


def _like_kernel(v):
    def k(x):
        x = np.asarray(x)
        if x.dtype == object:  # strings: TF's ZerosLike gives b"" (OnesLike has no string kernel)
            return np.full(x.shape, b"" if v == 0 else v, dtype=object)
        return np.full(x.shape, v, dtype=x.dtype)
    return k


# One row per op: (op type, fill value). No gradient flows back to the input.
for _op_type, _value in (("ZerosLike", 0), ("OnesLike", 1)):
    register_op(_op_type, infer=unary_same, kernel=_like_kernel(_value),
                grad=lambda op, g: [None])


def zeros_like(tensor: TensorLike, dtype: DTypeLike | None = None, name: str | None = None,
               optimize: bool = True) -> Tensor:
    """Zeros with the shape (and by default dtype) of `tensor`.

    As TF 1.14: with `optimize` and a fully known shape this is a constant
    (`zeros`), otherwise a ZerosLike op (or zeros of the runtime shape when
    `dtype` differs).

    >>> tf.Session().run(tf.zeros_like(tf.constant([1, 2])))
    array([0, 0], dtype=int32)
    """
    with _scope(name, "zeros_like", [tensor]) as scope:
        x = to_tensor(tensor, name="tensor")  # inside the scope, as TF (zeros_like/tensor)
        dt = _dt.as_dtype(dtype).base_dtype if dtype is not None else x.dtype.base_dtype
        if optimize and x.shape.is_fully_defined():
            return zeros(x.shape.as_list(), dtype=dt, name=scope)
        if dt is not x.dtype.base_dtype:
            return zeros(_shape_internal(x, optimize), dtype=dt, name=scope)
        return apply("ZerosLike", [x], None, scope)


def ones_like(tensor: TensorLike, dtype: DTypeLike | None = None, name: str | None = None,
              optimize: bool = True) -> Tensor:
    """Ones with the shape (and by default dtype) of `tensor`: `ones` of its shape, as TF 1.14.

    >>> tf.Session().run(tf.ones_like(tf.constant([1, 2])))
    array([1, 1], dtype=int32)
    """
    with _scope(name, "ones_like", [tensor]) as scope:
        x = to_tensor(tensor, name="tensor")  # inside the scope, as TF (ones_like/tensor)
        dt = _dt.as_dtype(dtype).base_dtype if dtype is not None else x.dtype.base_dtype
        ret = ones(_shape_internal(x, optimize), dtype=dt, name=scope)
        ret.set_shape(x.shape)
        return ret


def _shape_internal(x, optimize):
    if optimize and x.shape.is_fully_defined():
        return constant(np.array(x.shape.as_list(), dtype=np.int32), name="Shape")
    return apply("Shape", [x], {"out_type": _dt.int32}, "Shape")


_SMALL_CONST = 1000  # TF 1.14 writes a Const below this many elements, a Fill above


def _small_probe(dims):
    """TF 1.14's _constant_if_small on a list holding tensors: `np.prod(shape) < 1000`
    builds a Mul per further element and a Less before failing (a tensor is no Python
    bool); the ops stay in the graph, so later op names and graph-level seeds count them."""
    prod = dims[0]
    for d in dims[1:]:
        prod = prod * d
    if isinstance(prod, Tensor):
        prod < 1000     # noqa: B015 - built for TF's op count, never run


def _filled(shape_, dtype, value, default):
    dtype = _dt.as_dtype(dtype).base_dtype
    if dtype is _dt.bool_:
        value = bool(value)
    elif dtype is _dt.string:
        if value != 0:  # TF 1.14: ones(..., tf.string) fails converting 1 to a string
            raise TypeError(f"Expected string, got {value!r} of type 'int' instead.")
        value = b""  # zeros(..., tf.string) is b"" (TF's zeros picks "" for strings)
    with _scope(None, default, [shape_] if isinstance(shape_, Tensor) else []) as scope:
        if isinstance(shape_, Tensor) or _has_tensor(shape_):
            if not isinstance(shape_, Tensor) and isinstance(shape_, (list, tuple)):
                _small_probe(list(shape_))
                dims = _as_int_input(shape_, "packed")
            else:
                dims = _as_int_input(shape_, "shape")
            if dims.shape.ndims == 0:       # TF: reshape(shape, [-1]), "ensure it's a vector"
                with _scope(None, "Reshape", [dims]) as rs:
                    dims = apply("Reshape", [dims, constant(np.array([-1], np.int32),
                                                            name="shape")], None, rs)
            return apply("Fill", [dims, constant(value, dtype=dtype, name="Const")], None, scope)
        if isinstance(shape_, (list, tuple)) and builtins.any(
                isinstance(d, (int, np.integer)) and d < 0 for d in shape_):
            # TF: no constant of a negative size; the shape converted as it is, then Fill
            # (whose shape refiner names the negative dim)
            dims = constant(np.array(shape_, np.int32), name="Const")
            return apply("Fill", [dims, constant(value, dtype=dtype, name="Const")], None,
                         scope)
        if (isinstance(shape_, TensorShape) and not shape_.is_fully_defined()) or (
                isinstance(shape_, (list, tuple)) and builtins.any(d is None for d in shape_)):
            # TF: no size to compute, so the shape converts to an int32 tensor, which fails
            # as the conversion does (a partially known TensorShape, a None element)
            to_tensor(shape_, dtype=_dt.int32)
        dims = [int(d) for d in as_shape(shape_).as_list()]
        # TF's _constant_if_small fails on a scalar shape (`zeros(3)`): then a Fill.
        # math.prod is exact (np.prod wraps around at 2**63).
        if math.prod(dims) < _SMALL_CONST and not isinstance(shape_, (int, np.integer)):
            # TF: constant(value, shape=...), a proto of the one value (float_val: 0.0)
            return constant(np.asarray(value, dtype=dtype.as_numpy_dtype), dtype=dtype,
                            shape=dims, name=scope)
        # int64 where a dimension needs it (TF's TensorShape -> tensor conversion)
        idt = np.int64 if any(d >= 2**31 for d in dims) else np.int32
        return apply("Fill", [constant(np.array(dims, dtype=idt), name="shape_as_tensor"),
                              constant(value, dtype=dtype, name="Const")], None, scope)


def zeros(shape: IntsLike | ShapeLike, dtype: DTypeLike = _dt.float32,  # noqa: A002
          name: str | None = None) -> Tensor:
    """Zeros of `shape` (a list, TensorShape or 1-D int tensor).

    >>> tf.Session().run(tf.zeros([2, 3], tf.int32))
    array([[0, 0, 0], [0, 0, 0]], dtype=int32)
    """
    return _filled(shape, dtype, 0, name or "zeros")


def ones(shape: IntsLike | ShapeLike, dtype: DTypeLike = _dt.float32,  # noqa: A002
         name: str | None = None) -> Tensor:
    """Ones of `shape` (a list, TensorShape or 1-D int tensor).

    >>> tf.Session().run(tf.ones([2], tf.float64))
    array([1., 1.])
    """
    return _filled(shape, dtype, 1, name or "ones")


# -- Range / LinSpace ---------------------------------------------------------------------------
def _range_infer(inputs, attrs):
    for t, n in zip(inputs, ("start", "limit", "delta")):
        if t.shape.ndims not in (None, 0):   # TF_RETURN_WITH_CONTEXT_IF_ERROR's line
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}\n\t for '{n}'")
    if inputs[0].dtype.base_dtype.is_integer:   # as TF's shape refiner: small int arithmetic
        s, l_, d = (refined_scalar(t, partial=False) for t in inputs)
    else:
        # and small float arithmetic (auto_correlation's range(0., max_lags + 1.))
        s, l_, d = (folded_value(t) for t in inputs)
        s, l_, d = (v if v is not None else refined_number(t) for v, t in zip((s, l_, d), inputs))
    dt = inputs[0].dtype.base_dtype
    if s is None or l_ is None or d is None:
        return [(dt, TensorShape([None]))]
    if d == 0:
        raise ValueError("Requires delta != 0")
    if (d > 0 and l_ < s) or (d < 0 and s < l_):
        sl = f"{summarize_value(s)}/{summarize_value(l_)}"   # TF prints them as its tensors
        raise ValueError(f"Requires start <= limit when delta > 0: {sl}" if d > 0 else
                         f"Requires start >= limit when delta < 0: {sl}")
    if dt.is_integer:
        n = int((abs(int(l_) - int(s)) + abs(int(d)) - 1) // abs(int(d)))
    else:
        n = int(np.ceil(abs((float(l_) - float(s)) / float(d))))
    return [(dt, TensorShape([n]))]


def _range_kernel(s, l_, d, **_):
    if d == 0:
        raise _invalid(f"Requires delta != 0: {d}")
    if (d > 0 and l_ < s) or (d < 0 and s < l_):
        raise _invalid(f"Requires start <= limit when delta > 0: {s}/{l_}" if d > 0 else
                       f"Requires start >= limit when delta < 0: {s}/{l_}")
    return np.arange(s, l_, d, dtype=np.asarray(s).dtype)


register_op("Range", infer=_range_infer, kernel=_range_kernel, grad=None)

_RANGE_ORDER = [_dt.int32, _dt.int64, _dt.float32, _dt.float64]


def range(start: TensorLike, limit: TensorLike | None = None,  # noqa: A001 - TF's name
          delta: TensorLike = 1, dtype: DTypeLike | None = None, name: str = "range") -> Tensor:
    """Like Python's range, as a 1-D tensor of the widest argument dtype (or `dtype`).

    >>> tf.Session().run(tf.range(3, 18, 3))
    array([ 3,  6,  9, 12, 15], dtype=int32)
    """
    if limit is None:
        start, limit = 0, start
    with _scope(name, "Range", [v for v in (start, limit, delta) if isinstance(v, Tensor)]) \
            as scope:
        ts = [to_tensor(v, dtype=dtype, name=n) for v, n in
              zip((start, limit, delta), ("start", "limit", "delta"))]
        if dtype is None:
            kinds = [t.dtype.base_dtype for t in ts]
            widest = builtins.max(kinds, key=lambda d: _RANGE_ORDER.index(d)
                                  if d in _RANGE_ORDER else -1)
            ts = [t if t.dtype.base_dtype is widest else _cast(t, widest) for t in ts]
        return apply("Range", ts, {"Tidx": ts[0].dtype.base_dtype}, scope)


def _linspace_infer(inputs, attrs):
    start, stop, num = inputs
    for t in inputs:
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    if start.dtype.base_dtype not in (_dt.float32, _dt.float64):
        raise TypeError(f"Value passed to parameter 'start' has DataType {start.dtype.name} not "
                        "in list of allowed values: bfloat16, float32, float64")
    if stop.dtype.base_dtype is not start.dtype.base_dtype:
        raise TypeError(f"Input 'stop' of 'LinSpace' Op has type {stop.dtype.name} that does "
                        f"not match type {start.dtype.name} of argument 'start'.")
    # TF's input_tensor: num's constant subgraph evaluated whole (spatial_softmax's height
    # of a known shape; not a dim of a partly known one)
    n = whole_value(num)
    if n is not None and np.ndim(n) == 0 and int(n) <= 0:
        raise ValueError(f"Requires num > 0: {int(n)}")
    n = None if n is None or np.ndim(n) != 0 else int(n)
    return [(start.dtype.base_dtype, TensorShape([None if n is None else int(n)]))]


def _linspace_kernel(start, stop, num):
    """TF 1.14's LinSpaceOp in the values' dtype: step = (stop - start) / (num - 1), value
    i = start + step * i, the last one stop (np.linspace rounds otherwise, and its
    rounding changed between NumPy releases)."""
    if num <= 0:
        raise _invalid(f"Requires num > 0: {num}")
    start, stop, num = np.asarray(start), np.asarray(stop, start.dtype), int(num)
    if num == 1:
        return start.reshape(1).copy()
    t = start.dtype.type
    step = (stop - start) / t(num - 1)
    out = start + step * np.arange(num, dtype=start.dtype)
    out[-1] = stop
    return out


register_op("LinSpace", infer=_linspace_infer, kernel=_linspace_kernel, grad=None)


def lin_space(start: TensorLike, stop: TensorLike, num: TensorLike,
              name: str | None = None) -> Tensor:
    """`num` evenly spaced float values from `start` to `stop` inclusive (op LinSpace).

    >>> tf.Session().run(tf.lin_space(10.0, 12.0, 3))
    array([10., 11., 12.], dtype=float32)
    """
    vals = [v for v in (start, stop, num) if isinstance(v, Tensor)]
    with _scope(name, "LinSpace", vals) as scope:
        start = to_tensor(start, name="start")
        stop = to_tensor(stop, dtype=start.dtype.base_dtype, name="stop") if not isinstance(
            stop, Tensor) else stop
        if not isinstance(num, Tensor):
            try:   # Tidx prefers int32; another value keeps its own type (then refused)
                num = to_tensor(num, dtype=_dt.int32, name="num")
            except (TypeError, ValueError):
                num = to_tensor(num, name="num")
        if num.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'num' has DataType "
                            f"{num.dtype.base_dtype.name} not in list of allowed values: "
                            "int32, int64")
        return apply("LinSpace", [start, stop, num], None, scope)


linspace = lin_space


# -- Placeholder / PlaceholderWithDefault ------------------------------------------------------
def _placeholder_v2_infer(inputs, attrs):
    return [(attrs["dtype"], TensorShape(attrs["shape"]))]


def _placeholder_infer(inputs, attrs):
    # TF's Placeholder shape fn: GraphDefs of producer <= 21 could not tell a scalar shape
    # attr from an unknown one, so where the graph's producer is that old (importing a
    # GraphDef without versions lowers it) a scalar placeholder's shape is unknown
    if attrs["shape"] == () and get_default_graph().graph_def_versions.producer <= 21:
        return [(attrs["dtype"], TensorShape(None))]
    return _placeholder_v2_infer(inputs, attrs)


def _placeholder_bind(node, ctx):
    t = node.op._outputs[0]
    # TF names the shape only when the rank is known and not 0 (PlaceholderOp's dims() > 0)
    shp = "" if not t.shape.ndims else " and shape [" + ",".join(
        "?" if d is None else str(d) for d in t.shape.as_tuple()) + "]"
    dt = {"float32": "float", "float64": "double"}.get(t.dtype.name, t.dtype.name)

    def missing():
        raise errors.InvalidArgumentError(
            None, node.op, f"You must feed a value for placeholder tensor '{node.name}' with "
            f"dtype {dt}{shp}\n\t [[node {node.name}]]")
    return missing


register_op("Placeholder", infer=_placeholder_infer, bind=_placeholder_bind, grad=None,
            stateful=True)
# PlaceholderV2 (removed at GraphDef version 23; its shape attr required): ExplicitShape
register_op("PlaceholderV2", infer=_placeholder_v2_infer, bind=_placeholder_bind, grad=None,
            stateful=True)


# Empty: a tensor of `dtype` and the shape input's shape. TF leaves its memory unwritten
# unless init=True (then zeros); flowgrad gives zeros either way. Stateful; no gradient.
def _empty_infer(inputs, attrs):
    t = inputs[0]
    if t.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    sv = shape_value(t)
    sv = None if sv is None else [None if d is None or d < 0 else int(d) for d in sv]
    return [(_dt.as_dtype(attrs["dtype"]), TensorShape(sv))]


def _empty_kernel(shape, dtype, init=False):
    dims = tuple(int(d) for d in np.asarray(shape).reshape(-1))
    dt = _dt.as_dtype(dtype)
    return np.full(dims, b"", object) if dt == _dt.string else np.zeros(dims, dt.as_numpy_dtype)


register_op("Empty", infer=_empty_infer, kernel=_empty_kernel, grad=no_gradient_registered,
            stateful=True)


def placeholder(dtype: DTypeLike, shape: ShapeLike = None,  # noqa: A002
                name: str | None = None) -> Tensor:
    """A tensor that must be fed at `run` (InvalidArgumentError naming it otherwise).

    >>> p = tf.placeholder(tf.float32, shape=[None, 3])
    >>> tf.Session().run(2 * p, {p: [[1, 2, 3]]})
    array([[2., 4., 6.]], dtype=float32)
    """
    try:   # the generated wrapper's _execute.make_type
        dtype = _dt.as_dtype(dtype).base_dtype
    except TypeError:
        raise TypeError(f"Expected DataType for argument 'dtype' not {dtype!r}.") from None
    shape = as_shape(shape) if shape is not None else TensorShape(None)
    return apply("Placeholder", [], {"dtype": dtype,
                                     "shape": shape.as_tuple()}, name or "Placeholder")


def _pwd_infer(inputs, attrs):
    x = inputs[0]
    shape = TensorShape(attrs["shape"])
    if not shape.is_compatible_with(x.shape):
        raise ValueError(f"Shapes {shape} and {x.shape} are incompatible")
    return [(x.dtype.base_dtype, shape)]


register_op("PlaceholderWithDefault", infer=_pwd_infer, kernel=lambda x, **_: x,
            grad=lambda op, grad: [grad], aliases_input=True)


def placeholder_with_default(input: TensorLike, shape: ShapeLike,  # noqa: A002
                             name: str | None = None) -> Tensor:
    """Passes `input` through unless this tensor is fed."""
    if isinstance(input, Tensor):
        return apply("PlaceholderWithDefault", [input], {"shape": as_shape(shape).as_tuple()},
                     name or "PlaceholderWithDefault")
    with _scope(name, "PlaceholderWithDefault", []) as sc:   # TF: its input is ".../input"
        x = to_tensor(input, name="input")
        return apply("PlaceholderWithDefault", [x], {"shape": as_shape(shape).as_tuple()}, sc)


# -- OneHot ------------------------------------------------------------------------------------
def _check_one_hot_indices(indices):
    if indices.dtype.base_dtype not in (_dt.uint8, _dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'indices' has DataType "
                        f"{indices.dtype.name} not in list of allowed values: uint8, int32, "
                        "int64")


def _one_hot_infer(inputs, attrs):
    indices, depth_t, on, off = inputs
    _check_one_hot_indices(indices)
    if on.dtype.base_dtype is not off.dtype.base_dtype:
        raise TypeError(f"Input 'off_value' of 'OneHot' Op has type {off.dtype.name} that does "
                        f"not match type {on.dtype.name} of argument 'on_value'.")
    axis = attrs["axis"]
    is_ = _dims(indices)
    if is_ is not None and axis < -1:
        raise ValueError("axis must be >= -1")
    depth = _refined_int(depth_t)
    if depth is not None and depth < 0:
        raise ValueError(f"Dimension size, given by scalar input 1, must be non-negative but "
                         f"is {depth}")
    dt = on.dtype.base_dtype
    if is_ is None:
        return [(dt, TensorShape(None))]
    r = len(is_)
    ax = (axis + r + 1) % (r + 1)   # TF's depth_index (a bad axis is the kernel's error)
    return [(dt, TensorShape(list(is_[:ax]) + [depth] + list(is_[ax:])))]


def _one_hot_kernel(indices, depth, on_value, off_value, axis=-1, **_):
    indices = np.asarray(indices)
    depth = int(depth)
    if depth < 0:
        raise _invalid(f"depth must be non-negative, got: {depth}")
    if axis != -1 and not 0 <= axis <= indices.ndim:
        raise _invalid(f"Expected axis to be -1 or between [0, {indices.ndim + 1}).  But "
                       f"received: {axis}")
    hot = indices[..., None] == np.arange(depth, dtype=indices.dtype)
    out = np.where(hot, on_value, off_value).astype(np.asarray(on_value).dtype, copy=False)
    if axis != -1 and axis != indices.ndim:
        out = np.moveaxis(out, -1, axis)
    return out


register_op("OneHot", infer=_one_hot_infer, kernel=_one_hot_kernel,
            grad=lambda op, grad: [None, None, None, None])


def one_hot(indices: TensorLike, depth: TensorLike, on_value: TensorLike | None = None,
            off_value: TensorLike | None = None, axis: int | None = None,
            dtype: DTypeLike | None = None, name: str | None = None) -> Tensor:
    """One-hot encoding: on_value (default 1) where the index matches, off_value (0) elsewhere.

    The new dimension goes at `axis` (default last); the dtype is `dtype`, else
    on/off_value's, else float32 (TypeError if they disagree). Out-of-range
    indices give an all-off row.

    >>> tf.Session().run(tf.one_hot([0, 2], 3))
    array([[1., 0., 0.], [0., 0., 1.]], dtype=float32)
    """
    vals = [v for v in (indices, depth, on_value, off_value) if isinstance(v, Tensor)]
    with _scope(name, "one_hot", vals) as scope:
        for v in (on_value, off_value):   # TF converts given values once for their dtype
            if v is not None and not isinstance(v, Tensor):
                to_tensor(v)
        on_dtype = _value_dtype(on_value)
        off_dtype = _value_dtype(off_value)
        if dtype is not None:
            dtype = _dt.as_dtype(dtype).base_dtype
        if on_value is not None or off_value is not None:
            if dtype is not None:
                if on_value is not None and on_dtype is not dtype and isinstance(on_value,
                                                                                 Tensor):
                    raise TypeError(f"dtype {on_dtype} of on_value does not match dtype "
                                    f"parameter {dtype}")
                if off_value is not None and off_dtype is not dtype and isinstance(off_value,
                                                                                   Tensor):
                    raise TypeError(f"dtype {off_dtype} of off_value does not match dtype "
                                    f"parameter {dtype}")
                on_dtype = dtype if on_value is not None else on_dtype
                off_dtype = dtype if off_value is not None else off_dtype
            else:
                dtype = on_dtype if on_value is not None else off_dtype
        elif dtype is None:
            dtype = _dt.float32
        # TF's order: the defaults (on_value, off_value), then the op's inputs
        on = to_tensor(1, dtype=dtype, name="on_value") if on_value is None else on_value
        off = to_tensor(0, dtype=dtype, name="off_value") if off_value is None else off_value
        on_t = on.dtype.base_dtype if isinstance(on, Tensor) else on_dtype
        off_t = off.dtype.base_dtype if isinstance(off, Tensor) else off_dtype
        if on_t is not off_t:
            raise TypeError(f"dtype <dtype: '{on_t.name}'> of on_value does not "
                            f"match dtype <dtype: '{off_t.name}'> of off_value")
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        _check_one_hot_indices(i)   # TF's op layer: before it converts depth
        if not isinstance(depth, Tensor):
            check_not_float(depth, "OneHot", "depth")
        d = depth if isinstance(depth, Tensor) else to_tensor(depth, dtype=_dt.int32,
                                                              name="depth")
        if not isinstance(on, Tensor):
            on = to_tensor(on, dtype=on_dtype, name="on_value")
        if not isinstance(off, Tensor):
            off = to_tensor(off, dtype=off_dtype, name="off_value")
        return apply("OneHot", [i, d, on, off], {"axis": -1 if axis is None else int(axis)},
                     scope)


def _value_dtype(v):
    if v is None:
        return None
    if isinstance(v, Tensor):
        return v.dtype.base_dtype
    return _infer_dtype(v)
