"""Shape-manipulating, constant-like and indexing ops: one block per op.

Each public function has TF 1.14's name, signature, op type and op names
(constants an op needs are created inside its name scope, as TF's wrappers
do: `ExpandDims/dim`, `concat/axis`, ...). Static shape inference follows
TF's shape functions, unknown dimensions included.
"""
from __future__ import annotations

__all__ = [
    "identity", "identity_n", "stop_gradient", "shape", "shape_n", "size", "rank", "reshape",
    "fill", "zeros_like", "ones_like", "zeros", "ones", "broadcast_to", "range", "linspace",
    "lin_space", "eye", "where", "placeholder", "placeholder_with_default", "transpose",
    "invert_permutation", "expand_dims", "squeeze", "concat", "stack", "unstack", "split",
    "slice", "gather", "gather_nd", "scatter_nd", "tile", "pad", "reverse", "reverse_v2",
    "one_hot", "boolean_mask", "unique", "sequence_mask", "sort", "argsort",
]

import builtins
import contextlib

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor, _graph_of
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops._base import apply, apply_op, const_value, to_tensor, unary_same
from ..engine.framework.grad_state import wants_grad
from ..engine.framework.indexed_slices import IndexedSlices


# -- helpers -----------------------------------------------------------------------------------
@contextlib.contextmanager
def _scope(name, default, values=()):
    """TF's `ops.name_scope(name, default, values)` in the values' graph; yields 'scope/'."""
    g = _graph_of([v for v in values if isinstance(v, Tensor)])
    with g.as_default(), g.name_scope(name or default) as s:
        yield s


def _int_tensor(v, name, dtype=_dt.int32):
    """`v` as an int tensor: Tensors pass through, Python/NumPy values become a Const."""
    if isinstance(v, Tensor) or hasattr(v, "_as_graph_element"):
        return to_tensor(v)
    arr = np.asarray(v)
    if arr.dtype.kind not in "iu":
        if arr.size == 0:
            arr = arr.astype(dtype.as_numpy_dtype)
        else:
            raise TypeError(f"Expected int32, got {v!r} of type '{type(v).__name__}' instead.")
    if arr.dtype == np.int64 and dtype is _dt.int32 and not (
            arr.size == 0 or (arr.min() >= -2**31 and arr.max() < 2**31)):
        dtype = _dt.int64
    return constant(arr.astype(dtype.as_numpy_dtype), dtype=dtype, name=name)


def _static_int(t):
    """The int value of a scalar/vector tensor known at build time, else None."""
    v = folded_value(t)
    if v is None:
        return None
    v = np.asarray(v)
    return int(v) if v.ndim == 0 else [int(i) for i in v.reshape(-1)]


def _dims(t):
    return t.shape.as_tuple()


def _unknown_dims_from(vec):
    """Shape of rank len(vec) with unknown dims, or unknown rank (for a shape tensor `vec`)."""
    n = vec.shape.as_tuple()
    return TensorShape(None if not n or n[0] is None else [None] * n[0])


def _fmt_shape(dims):
    if dims is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in dims) + "]"


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _static_or_shape(x):
    """The fully known shape of `x` as a list, or a Shape tensor."""
    xs = x.shape
    return xs.as_list() if xs.is_fully_defined() else apply("Shape", [x], {"out_type": _dt.int32})


# -- autopacking: lists holding Tensors convert by stacking (TF's Pack) --------------------
def _is_tensor_like(v):
    return isinstance(v, (Tensor, IndexedSlices)) or hasattr(v, "_as_graph_element")


def _has_tensor(v):
    if _is_tensor_like(v):
        return True
    if isinstance(v, (list, tuple)):
        return builtins.any(_has_tensor(e) for e in v)
    return False


def _as_int_input(v, name, dtype=_dt.int32):
    """An int input of an op: Tensors pass, lists holding Tensors are packed (TF's
    autopacking, named after the input), other values become a Const named `name`."""
    if isinstance(v, Tensor):
        return v
    if _has_tensor(v):
        return _autopack(list(v), dtype, name)
    return _int_tensor(v, name, dtype)


def _autopack(values, dtype, name):
    with _scope(None, name, [e for e in values if _is_tensor_like(e)]) as scope:
        inner = None
        values = [to_tensor(e) if _is_tensor_like(e) else e for e in values]
        for e in values:
            if isinstance(e, Tensor):
                inner = e.dtype.base_dtype
                break
        dtype = _dt.as_dtype(dtype).base_dtype if dtype is not None else inner
        elems = []
        for i, e in enumerate(values):
            if isinstance(e, Tensor):
                if dtype is not None and e.dtype.base_dtype is not dtype:
                    raise TypeError(f"Cannot convert a list containing a tensor of dtype "
                                    f"{e.dtype.base_dtype} to {dtype} (Tensor is: {e!r})")
                elems.append(e)
            elif isinstance(e, (list, tuple)):
                elems.append(_autopack(e, dtype, str(i)))
            else:
                elems.append(constant(e, dtype=dtype, name=str(i)))
        return apply("Pack", elems, {"axis": 0, "N": len(elems)}, scope)


# -- Identity / IdentityN / StopGradient -------------------------------------------------------
def _identity_kernel(x):
    return x


register_op("Identity", infer=unary_same, kernel=_identity_kernel,
            grad=lambda op, grad: [grad], aliases_input=True)


def identity(input, name=None):  # noqa: A002 - TF's name
    """Returns a tensor with the same value as `input` (reading a variable's value).

    Args:
      input: a Tensor (or Variable).
      name: op name (default "Identity").
    Returns:
      A Tensor with the same shape, dtype and value.

    >>> tf.identity(tf.constant([1, 2]))  # doctest: +SKIP
    """
    x = to_tensor(input)
    return apply("Identity", [x], None, name or "Identity")


def _identity_n_infer(inputs, attrs):
    return [(t.dtype.base_dtype, t.shape) for t in inputs]


def _identity_n_kernel(*xs, **_):
    # Outputs past the first are copied: the runtime only tracks aliasing of output 0.
    if len(xs) == 1:
        return xs[0]
    return (xs[0],) + tuple(np.array(x, copy=True) for x in xs[1:])


register_op("IdentityN", infer=_identity_n_infer, kernel=_identity_n_kernel,
            grad=lambda op, *grads: list(grads), aliases_input=True)


def identity_n(input, name=None):  # noqa: A002
    """Returns a list of tensors with the same values as the list `input` (one IdentityN op).

    Args:
      input: a list of Tensors.
      name: op name (default "IdentityN").
    Returns:
      A list of Tensors.

    >>> a, b = tf.identity_n([tf.constant(1.0), tf.constant([2, 3])])  # doctest: +SKIP
    """
    xs = [to_tensor(t) for t in input]
    op = apply_op("IdentityN", xs, {"T": [t.dtype.base_dtype for t in xs]}, name or "IdentityN")
    return list(op.outputs)


register_op("StopGradient", infer=unary_same, kernel=_identity_kernel, grad=None,
            aliases_input=True)


def stop_gradient(input, name=None):  # noqa: A002
    """The value of `input`, treated as a constant by `tf.gradients` (its gradient is None).

    Args:
      input: a Tensor.
      name: op name (default "StopGradient").
    Returns:
      A Tensor with the same value.

    >>> x = tf.constant(2.0); tf.gradients(tf.stop_gradient(x) * x, x)  # [2.0] when run
    """
    x = to_tensor(input)
    return apply("StopGradient", [x], None, name or "StopGradient")


# -- Shape / ShapeN / Size / Rank ------------------------------------------------------------
def _shape_infer(inputs, attrs):
    r = inputs[0].shape.ndims
    return [(attrs.get("out_type", _dt.int32), TensorShape([r]))]


def _shape_kernel(x, out_type=_dt.int32):
    return np.array(np.shape(x), dtype=out_type.as_numpy_dtype)


register_op("Shape", infer=_shape_infer, kernel=_shape_kernel, grad=None)


def _check_out_type(out_type):
    out_type = _dt.as_dtype(out_type).base_dtype
    if out_type not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'out_type' has DataType {out_type.name} "
                        "not in list of allowed values: int32, int64")
    return out_type


def shape(input, name=None, out_type=_dt.int32):  # noqa: A002
    """The shape of `input` as a 1-D int tensor (a Const when the static shape is known).

    Args:
      input: a Tensor.
      name: op name (default "Shape").
      out_type: int32 (default) or int64.
    Returns:
      A 1-D Tensor of `out_type`.

    >>> tf.shape(tf.zeros([2, 3]))  # [2, 3] when run
    """
    x = to_tensor(input)
    out_type = _check_out_type(out_type)
    if x.shape.is_fully_defined():
        return constant(np.array(x.shape.as_list(), dtype=out_type.as_numpy_dtype),
                        dtype=out_type, name=name or "Shape")
    return apply("Shape", [x], {"out_type": out_type}, name or "Shape")


def _shape_n_infer(inputs, attrs):
    return [(attrs["out_type"], TensorShape([t.shape.ndims])) for t in inputs]


def _shape_n_kernel(*xs, out_type=_dt.int32, **_):
    out = tuple(np.array(np.shape(x), dtype=out_type.as_numpy_dtype) for x in xs)
    return out if len(out) > 1 else out[0]


register_op("ShapeN", infer=_shape_n_infer, kernel=_shape_n_kernel, grad=None)


def shape_n(input, out_type=_dt.int32, name=None):  # noqa: A002
    """The shapes of a list of tensors, from one ShapeN op.

    Args:
      input: a list of Tensors.
      out_type: int32 (default) or int64.
      name: op name (default "ShapeN").
    Returns:
      A list of 1-D Tensors.

    >>> s1, s2 = tf.shape_n([tf.zeros([2]), tf.zeros([3, 4])])  # doctest: +SKIP
    """
    xs = [to_tensor(t) for t in input]
    out_type = _check_out_type(out_type)
    op = apply_op("ShapeN", xs, {"out_type": out_type, "N": len(xs)}, name or "ShapeN")
    return list(op.outputs)


register_op("Size", infer=lambda ins, a: [(a["out_type"], TensorShape(()))],
            kernel=lambda x, out_type=_dt.int32, **_: np.array(np.size(x),
                                                                dtype=out_type.as_numpy_dtype),
            grad=None)


def size(input, name=None, out_type=_dt.int32):  # noqa: A002
    """The number of elements of `input` (a Const when the static shape is known).

    Args:
      input: a Tensor.
      name: op name (default "Size").
      out_type: int32 (default) or int64.
    Returns:
      A scalar Tensor of `out_type`.

    >>> tf.size(tf.zeros([2, 3]))  # 6 when run
    """
    x = to_tensor(input)
    out_type = _check_out_type(out_type)
    dims = x.shape.as_tuple()
    if x.shape.is_fully_defined():
        return constant(np.array(x.shape.num_elements(), dtype=out_type.as_numpy_dtype),
                        dtype=out_type, name=name or "Size")
    if dims is not None and 0 in dims:
        return constant(np.array(0, dtype=out_type.as_numpy_dtype), dtype=out_type,
                        name=name or "Size")
    return apply("Size", [x], {"out_type": out_type}, name or "Size")


register_op("Rank", infer=lambda ins, a: [(_dt.int32, TensorShape(()))],
            kernel=lambda x: np.array(np.ndim(x), dtype=np.int32), grad=None)


def rank(input, name=None):  # noqa: A002
    """The number of dimensions of `input` (a Const when the static rank is known).

    Args:
      input: a Tensor.
      name: op name (default "Rank").
    Returns:
      A scalar int32 Tensor.

    >>> tf.rank(tf.zeros([2, 3]))  # 2 when run
    """
    x = to_tensor(input)
    if x.shape.ndims is not None:
        return constant(np.int32(x.shape.ndims), dtype=_dt.int32, name=name or "Rank")
    return apply("Rank", [x], None, name or "Rank")


def folded_value(t):
    """The value of `t` if build-time constant: Const, Shape of a known shape, and Cast
    and Pack (axis 0) of such, as TF's `constant_value`; else None."""
    v = const_value(t)
    if v is not None:
        return v
    op = t.op
    if op.type == "Cast":
        v = folded_value(op.inputs[0])
        return None if v is None else np.asarray(v).astype(t.dtype.as_numpy_dtype)
    if op.type == "Pack" and op.get_attr("axis") == 0:
        vals = [folded_value(e) for e in op.inputs]
        if builtins.any(v is None for v in vals):
            return None
        return np.stack([np.asarray(v) for v in vals]).astype(t.dtype.as_numpy_dtype)
    return None


def shape_value(t):
    """TF's `constant_value_as_shape`: a shape tensor's dims as int-or-None, or None.

    Understands Const, Shape, Cast, Pack of scalars and ConcatV2 of such, so that
    `tf.reshape(x, [tf.shape(x)[0], 3])` keeps the known 3.
    """
    op = t.op
    n = t.shape.as_tuple()
    if op.type == "Const":
        v = np.asarray(op.get_attr("value"))
        return [int(d) if d >= 0 else -1 for d in v.reshape(-1)]
    if op.type == "Shape":
        return None if op.inputs[0].shape.ndims is None else list(op.inputs[0].shape.as_tuple())
    if op.type == "Cast":
        return shape_value(op.inputs[0])
    if op.type == "Pack" and op.get_attr("axis") == 0:
        out = []
        for e in op.inputs:
            v = const_value(e)
            out.append(None if v is None else int(v))
        return out
    if op.type == "ConcatV2":
        out = []
        for e in op.inputs[:-1]:
            v = shape_value(e)
            if v is None:
                return None
            out += v
        return out
    if op.type == "StridedSlice" and op.inputs[0].op.type == "Shape":
        dims = op.inputs[0].op.inputs[0].shape.as_tuple()
        b, e, s = (const_value(i) for i in op.inputs[1:])
        if dims is not None and b is not None and e is not None and s is not None:
            from .slicing import _np_index
            if op.get_attr("shrink_axis_mask") == 0:
                idx = _np_index(b, e, s, op._attrs)
                return list(np.array(dims, dtype=object)[idx])
    if n is not None and len(n) == 1 and n[0] is not None:
        return [None] * n[0]
    return None


# -- Reshape -----------------------------------------------------------------------------------
def _reshape_infer(inputs, attrs):
    x, s = inputs
    if s.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {s.shape.ndims}")
    sv = shape_value(s)
    if sv is None:
        return [(x.dtype.base_dtype, _unknown_dims_from(s))]
    if builtins.sum(1 for d in sv if d == -1) > 1:
        # TF leaves this to run time ("Only one input size may be -1").
        return [(x.dtype.base_dtype, TensorShape([None if d == -1 else d for d in sv]))]
    n = x.shape.num_elements()
    known = [d for d in sv if d != -1]
    if None in known:
        if -1 in sv:
            sv = [None if d == -1 else d for d in sv]
        return [(x.dtype.base_dtype, TensorShape(sv))]
    prod = int(np.prod(known)) if known else 1
    if -1 in sv:
        if n is not None:
            if prod == 0 or n % prod:
                if not (prod == 0 and n == 0):
                    raise ValueError(f"Dimension size must be evenly divisible by {prod} but "
                                     f"is {n}")
            sv = [(n // prod if prod else 0) if d == -1 else d for d in sv]
        else:
            sv = [None if d == -1 else d for d in sv]
    elif n is not None and n != prod:
        raise ValueError(f"Cannot reshape a tensor with {n} elements to shape "
                         f"{_fmt_shape(sv)} ({prod} elements)")
    return [(x.dtype.base_dtype, TensorShape(sv))]


def _reshape_kernel(x, s):
    x = np.asarray(x)
    s = [int(d) for d in s]
    n = x.size
    known = [d for d in s if d != -1]
    prod = int(np.prod(known)) if known else 1
    if s.count(-1) > 1:
        raise _invalid(f"Only one input size may be -1, not both {s.index(-1)} and "
                       f"{len(s) - 1 - s[::-1].index(-1)}")
    if -1 in s:
        if (prod == 0 and n != 0) or (prod and n % prod):
            raise _invalid(f"Input to reshape is a tensor with {n} values, but the requested "
                           f"shape requires a multiple of {prod}")
    elif n != prod:
        raise _invalid(f"Input to reshape is a tensor with {n} values, but the requested "
                       f"shape has {prod}")
    return np.reshape(x, s)


def _reshape_grad(op, grad):
    """Reshape back to the input's shape."""
    x = op.inputs[0]
    return [reshape(grad, _static_or_shape(x)), None]


register_op("Reshape", infer=_reshape_infer, kernel=_reshape_kernel, grad=_reshape_grad,
            aliases_input=True)


def reshape(tensor, shape, name=None):  # noqa: A002
    """Gives `tensor` a new shape with the same number of elements (-1 infers one dim).

    Args:
      tensor: a Tensor.
      shape: a list of ints (one may be -1) or a 1-D int32/int64 Tensor.
      name: op name (default "Reshape").
    Returns:
      A Tensor with the values of `tensor` in the new shape.
    Raises:
      ValueError: the element counts are statically incompatible.
      tf.errors.InvalidArgumentError: at run time, for the same reason.

    >>> tf.reshape(tf.range(6), [2, -1])  # [[0, 1, 2], [3, 4, 5]] when run
    """
    x = to_tensor(tensor)
    with _scope(name, "Reshape", [x]) as scope:
        shape = _as_int_input(shape, "shape")
        return apply("Reshape", [x, shape], None, scope)


# -- Fill / ZerosLike / OnesLike / zeros / ones ------------------------------------------------
def _fill_infer(inputs, attrs):
    dims, value = inputs
    if value.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {value.shape.ndims}")
    if dims.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {dims.shape.ndims}")
    dv = shape_value(dims)
    if dv is None:
        return [(value.dtype.base_dtype, _unknown_dims_from(dims))]
    if builtins.any(d is not None and d < 0 for d in dv):
        raise ValueError(f"Fill dimensions must be >= 0, got {dv}")
    return [(value.dtype.base_dtype, TensorShape(dv))]


def _fill_kernel(dims, value):
    dims = tuple(int(d) for d in dims)
    if builtins.any(d < 0 for d in dims):
        raise _invalid(f"dims must be non-negative, got {list(dims)}")
    return np.full(dims, value, dtype=np.asarray(value).dtype)


def _fill_grad(op, grad):
    """d fill(dims, v) / dv = sum(grad)."""
    from .math_ops import reduce_sum
    return [None, reduce_sum(grad)]


register_op("Fill", infer=_fill_infer, kernel=_fill_kernel, grad=_fill_grad)


def fill(dims, value, name=None):
    """A tensor of shape `dims` filled with the scalar `value`.

    Args:
      dims: a list of ints or a 1-D int32/int64 Tensor.
      value: a scalar (its dtype is the result's).
      name: op name (default "Fill").
    Returns:
      A Tensor.

    >>> tf.fill([2, 3], 9)  # [[9, 9, 9], [9, 9, 9]] when run
    """
    vals = [v for v in (dims, value) if isinstance(v, Tensor)]
    with _scope(name, "Fill", vals) as scope:
        dims = _as_int_input(dims, "dims")
        value = to_tensor(value, name="value")
        return apply("Fill", [dims, value], None, scope)


def _like_kernel(v):
    def k(x):
        return np.full(np.shape(x), v, dtype=np.asarray(x).dtype)
    return k


register_op("ZerosLike", infer=unary_same, kernel=_like_kernel(0), grad=lambda op, g: [None])
register_op("OnesLike", infer=unary_same, kernel=_like_kernel(1), grad=lambda op, g: [None])


def zeros_like(tensor, dtype=None, name=None, optimize=True):
    """A tensor of zeros with the shape (and by default dtype) of `tensor`.

    As TF 1.14: with `optimize` and a fully known shape this is a constant
    (`zeros`), otherwise a ZerosLike op (or zeros of the runtime shape when
    `dtype` differs).

    Args:
      tensor: a Tensor.
      dtype: optional result dtype.
      name: op name (default "zeros_like").
      optimize: allow the constant when the static shape is known.
    Returns:
      A Tensor of zeros.

    >>> tf.zeros_like(tf.constant([1, 2]))  # [0, 0] when run
    """
    x = to_tensor(tensor)
    with _scope(name, "zeros_like", [x]) as scope:
        dt = _dt.as_dtype(dtype).base_dtype if dtype is not None else x.dtype.base_dtype
        if optimize and x.shape.is_fully_defined():
            return zeros(x.shape.as_list(), dtype=dt, name=scope)
        if dt is not x.dtype.base_dtype:
            return zeros(_shape_internal(x, optimize), dtype=dt, name=scope)
        return apply("ZerosLike", [x], None, scope)


def ones_like(tensor, dtype=None, name=None, optimize=True):
    """A tensor of ones with the shape (and by default dtype) of `tensor`.

    As TF 1.14: `ones` of the (static or runtime) shape, in scope "ones_like".

    Args:
      tensor: a Tensor.
      dtype: optional result dtype.
      name: op name (default "ones_like").
      optimize: use the static shape when it is fully known.
    Returns:
      A Tensor of ones.

    >>> tf.ones_like(tf.constant([1, 2]))  # [1, 1] when run
    """
    x = to_tensor(tensor)
    with _scope(name, "ones_like", [x]) as scope:
        dt = _dt.as_dtype(dtype).base_dtype if dtype is not None else x.dtype.base_dtype
        ret = ones(_shape_internal(x, optimize), dtype=dt, name=scope)
        ret.set_shape(x.shape)
        return ret


def _shape_internal(x, optimize):
    if optimize and x.shape.is_fully_defined():
        return constant(np.array(x.shape.as_list(), dtype=np.int32), name="Shape")
    return apply("Shape", [x], {"out_type": _dt.int32}, "Shape")


_SMALL_CONST = 1000  # TF 1.14 writes a Const below this many elements, a Fill above


def _filled(shape_, dtype, value, default):
    dtype = _dt.as_dtype(dtype).base_dtype
    if dtype is _dt.bool_:
        value = bool(value)
    with _scope(None, default, [shape_] if isinstance(shape_, Tensor) else []) as scope:
        if isinstance(shape_, Tensor) or _has_tensor(shape_):
            dims = _as_int_input(shape_, "shape")
            return apply("Fill", [dims, constant(value, dtype=dtype, name="Const")], None, scope)
        dims = [int(d) for d in as_shape(shape_).as_list()]
        if int(np.prod(dims)) < _SMALL_CONST:
            return constant(np.full(dims, value, dtype=dtype.as_numpy_dtype), dtype=dtype,
                            name=scope)
        return apply("Fill", [constant(np.array(dims, dtype=np.int32), name="shape_as_tensor"),
                              constant(value, dtype=dtype, name="Const")], None, scope)


def zeros(shape, dtype=_dt.float32, name=None):  # noqa: A002
    """A tensor of zeros of `shape` (a list, TensorShape or 1-D int tensor).

    >>> tf.zeros([2, 3], tf.int32)  # doctest: +SKIP
    """
    return _filled(shape, dtype, 0, name or "zeros")


def ones(shape, dtype=_dt.float32, name=None):  # noqa: A002
    """A tensor of ones of `shape` (a list, TensorShape or 1-D int tensor).

    >>> tf.ones([2], tf.float64)  # doctest: +SKIP
    """
    return _filled(shape, dtype, 1, name or "ones")


# -- BroadcastTo / BroadcastGradientArgs ----------------------------------------------------
def _broadcast_to_infer(inputs, attrs):
    x, s = inputs
    sv = shape_value(s)
    if sv is None:
        return [(x.dtype.base_dtype, _unknown_dims_from(s))]
    xs = x.shape.as_tuple()
    if xs is not None:
        if len(xs) > len(sv):
            raise ValueError(f"Rank of input ({len(xs)}) must be no greater than rank of "
                             f"output shape ({len(sv)}).")
        pad = (1,) * (len(sv) - len(xs)) + tuple(xs)
        for a, b in zip(pad, sv):
            if a is not None and b is not None and a != 1 and a != b:
                raise ValueError(f"Incompatible shapes: {_fmt_shape(xs)} vs. "
                                 f"{_fmt_shape(sv)}")
    return [(x.dtype.base_dtype, TensorShape(sv))]


def _broadcast_to_kernel(x, s):
    try:
        return np.broadcast_to(x, tuple(int(d) for d in s))
    except ValueError:
        raise _invalid(f"Incompatible shapes: {_fmt_shape(np.shape(x))} vs. "
                       f"{_fmt_shape([int(d) for d in s])}") from None


def _broadcast_to_grad(op, grad):
    """Sum the gradient back over the broadcast axes."""
    from ..engine.ops._grad_util import sum_to
    return [sum_to(grad, op.inputs[0]), None]


register_op("BroadcastTo", infer=_broadcast_to_infer, kernel=_broadcast_to_kernel,
            grad=_broadcast_to_grad, aliases_input=True)


def broadcast_to(input, shape, name=None):  # noqa: A002
    """Broadcasts `input` to `shape` with NumPy's rules.

    Args:
      input: a Tensor.
      shape: a list of ints or a 1-D int tensor.
      name: op name (default "BroadcastTo").
    Returns:
      A Tensor of shape `shape`.
    Raises:
      ValueError: the shapes are statically incompatible.

    >>> tf.broadcast_to([1, 2], [2, 2])  # [[1, 2], [1, 2]] when run
    """
    x = to_tensor(input)
    with _scope(name, "BroadcastTo", [x]) as scope:
        shape = _as_int_input(shape, "shape")
        return apply("BroadcastTo", [x, shape], None, scope)


def _bga_infer(inputs, attrs):
    return [(inputs[0].dtype.base_dtype, TensorShape([None])),
            (inputs[0].dtype.base_dtype, TensorShape([None]))]


def _bga_kernel(s0, s1):
    s0 = np.asarray(s0)
    s1 = np.asarray(s1)
    n = builtins.max(len(s0), len(s1))
    a = np.concatenate([np.ones(n - len(s0), s0.dtype), s0])
    b = np.concatenate([np.ones(n - len(s1), s1.dtype), s1])
    bad = (a != b) & (a != 1) & (b != 1)
    if bad.any():
        raise _invalid(f"Incompatible shapes: {_fmt_shape(list(s0))} vs. {_fmt_shape(list(s1))}")
    r0 = np.nonzero((a == 1) & ((b != 1) | (a == b)))[0]
    r1 = np.nonzero((b == 1) & ((a != 1) | (a == b)))[0]
    return r0.astype(s0.dtype), r1.astype(s0.dtype)


register_op("BroadcastGradientArgs", infer=_bga_infer, kernel=_bga_kernel, grad=None)


# -- Range / LinSpace / eye ---------------------------------------------------------------------
def _range_infer(inputs, attrs):
    for t, n in zip(inputs, ("start", "limit", "delta")):
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    s, l_, d = (folded_value(t) for t in inputs)
    dt = inputs[0].dtype.base_dtype
    if s is None or l_ is None or d is None:
        return [(dt, TensorShape([None]))]
    if d == 0:
        raise ValueError("Requires delta != 0: 0")
    if (d > 0 and l_ < s) or (d < 0 and s < l_):
        raise ValueError(f"Requires start <= limit when delta > 0: {s}/{l_}" if d > 0 else
                         f"Requires start >= limit when delta < 0: {s}/{l_}")
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


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001
    """Like Python's range, as a 1-D tensor (int32 for ints, float32 for floats).

    Args:
      start, limit, delta: scalars or scalar tensors (`range(n)` counts from 0).
      dtype: optional result dtype; else the widest of the arguments'.
      name: op name (default "range").
    Returns:
      A 1-D Tensor.

    >>> tf.range(3, 18, 3)  # [3, 6, 9, 12, 15] when run
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
            ts = [t if t.dtype.base_dtype is widest else cast(t, widest) for t in ts]
        return apply("Range", ts, {"Tidx": ts[0].dtype.base_dtype}, scope)


def cast(x, dtype):
    from .math_ops import cast as _cast
    return _cast(x, dtype)


def _linspace_infer(inputs, attrs):
    start, stop, num = inputs
    for t in inputs:
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    if start.dtype.base_dtype not in (_dt.float32, _dt.float64):
        raise TypeError(f"Value passed to parameter 'start' has DataType {start.dtype.name} not "
                        "in list of allowed values: float32, float64")
    if stop.dtype.base_dtype is not start.dtype.base_dtype:
        raise TypeError(f"Input 'stop' of 'LinSpace' Op has type {stop.dtype.name} that does "
                        f"not match type {start.dtype.name} of argument 'start'.")
    n = const_value(num)
    if n is not None and int(n) <= 0:
        raise ValueError(f"Requires num > 0: {int(n)}")
    return [(start.dtype.base_dtype, TensorShape([None if n is None else int(n)]))]


def _linspace_kernel(start, stop, num):
    if num <= 0:
        raise _invalid(f"Requires num > 0: {num}")
    return np.linspace(start, stop, int(num), dtype=np.asarray(start).dtype)


register_op("LinSpace", infer=_linspace_infer, kernel=_linspace_kernel, grad=None)


def lin_space(start, stop, num, name=None):
    """`num` evenly spaced values from `start` to `stop` inclusive (op LinSpace).

    Args:
      start, stop: float32/float64 scalars.
      num: int32/int64 scalar > 0.
      name: op name (default "LinSpace").
    Returns:
      A 1-D Tensor of start's dtype.

    >>> tf.lin_space(10.0, 12.0, 3)  # [10., 11., 12.] when run
    """
    vals = [v for v in (start, stop, num) if isinstance(v, Tensor)]
    with _scope(name, "LinSpace", vals) as scope:
        start = to_tensor(start, name="start")
        stop = to_tensor(stop, dtype=start.dtype.base_dtype, name="stop") if not isinstance(
            stop, Tensor) else stop
        num = to_tensor(num, dtype=_dt.int32, name="num") if not isinstance(num, Tensor) \
            else num
        return apply("LinSpace", [start, stop, num], None, scope)


linspace = lin_space


def eye(num_rows, num_columns=None, batch_shape=None, dtype=_dt.float32, name=None):
    """An identity matrix (or a batch of them) of shape batch_shape + [rows, cols].

    Args:
      num_rows: int or scalar int tensor.
      num_columns: int or scalar int tensor (default num_rows).
      batch_shape: optional list of ints.
      dtype: element type.
      name: op name (default "eye").
    Returns:
      A Tensor.

    >>> tf.eye(2, 3)  # [[1., 0., 0.], [0., 1., 0.]] when run
    """
    dtype = _dt.as_dtype(dtype).base_dtype
    cols = num_rows if num_columns is None else num_columns
    batch = [] if batch_shape is None else [int(d) for d in batch_shape]
    if not isinstance(num_rows, Tensor) and not isinstance(cols, Tensor):
        m = np.eye(int(num_rows), int(cols), dtype=dtype.as_numpy_dtype)
        return constant(np.broadcast_to(m, batch + list(m.shape)).copy(), dtype=dtype,
                        name=name or "eye")
    from .comparison_ops import equal
    with _scope(name, "eye", []) as scope:
        rows_r = expand_dims(range(num_rows), 1)
        cols_r = range(cols)
        m = cast(equal(rows_r, cols_r), dtype)
        if batch:
            m = broadcast_to(m, to_tensor(batch + [shape(m)[0], shape(m)[1]], dtype=_dt.int32))
        return identity(m, name=scope)


# -- Select (where with three arguments) / Where (with one) -----------------------------------
def _select_infer(inputs, attrs):
    c, x, y = inputs
    if c.dtype.base_dtype is not _dt.bool_:
        raise TypeError(f"Input 'condition' of 'Select' Op has type {c.dtype.name} that does "
                        "not match expected type of bool.")
    if x.dtype.base_dtype is not y.dtype.base_dtype:
        raise TypeError(f"Input 'e' of 'Select' Op has type {y.dtype.name} that does not match "
                        f"type {x.dtype.name} of argument 't'.")
    if not x.shape.is_compatible_with(y.shape):
        raise ValueError(f"Shapes must be equal rank, but are {x.shape.ndims} and "
                         f"{y.shape.ndims}" if x.shape.ndims != y.shape.ndims else
                         f"Dimensions must be equal: {_fmt_shape(_dims(x))} vs. "
                         f"{_fmt_shape(_dims(y))}")
    shp = x.shape.merge_with(y.shape)
    cs = c.shape
    if cs.ndims is not None and shp.ndims is not None and cs.ndims != 0:
        if cs.ndims == 1 and shp.ndims >= 1:
            if not TensorShape([cs.as_tuple()[0]]).is_compatible_with(
                    TensorShape([shp.as_tuple()[0]])):
                raise ValueError(f"Dimensions must be equal, but are {cs.as_tuple()[0]} and "
                                 f"{shp.as_tuple()[0]}")
        elif cs.ndims != shp.ndims:
            raise ValueError(f"Shape must be rank {shp.ndims} but is rank {cs.ndims}")
        elif not cs.is_compatible_with(shp):
            raise ValueError(f"Dimensions must be equal: {_fmt_shape(cs.as_tuple())} vs. "
                             f"{_fmt_shape(shp.as_tuple())}")
    return [(x.dtype.base_dtype, shp)]


def _select_kernel(c, x, y):
    c = np.asarray(c)
    x = np.asarray(x)
    if c.ndim == 1 and x.ndim > 1:
        c = c.reshape((-1,) + (1,) * (x.ndim - 1))
    return np.where(c, x, y)


def _select_grad(op, grad):
    """Route the gradient to the branch each element came from; zeros elsewhere."""
    c = op.inputs[0]
    z = zeros_like(grad)
    return [None, where(c, grad, z) if wants_grad(1) else None,
            where(c, z, grad) if wants_grad(2) else None]


register_op("Select", infer=_select_infer, kernel=_select_kernel, grad=_select_grad)


def _where_infer(inputs, attrs):
    r = inputs[0].shape.ndims
    return [(_dt.int64, TensorShape([None, r]))]


def _where_kernel(x):
    return np.argwhere(x).astype(np.int64)


register_op("Where", infer=_where_infer, kernel=_where_kernel, grad=None)


def where(condition, x=None, y=None, name=None):
    """With x and y: elementwise select; with neither: coordinates of True elements.

    Args:
      condition: a bool Tensor.
      x, y: Tensors of one shape and dtype (condition is the same shape, or a
        vector selecting rows).
      name: op name ("Select" or "Where").
    Returns:
      The selected Tensor, or an int64 [num_true, rank(condition)] Tensor.
    Raises:
      ValueError: only one of x and y given, or incompatible shapes.

    >>> tf.where([True, False, True])  # [[0], [2]] when run
    """
    if x is None and y is None:
        with _scope(name, "Where", [condition]) as scope:
            from ..engine.framework.constant_op import convert_to_tensor
            c = convert_to_tensor(condition, preferred_dtype=_dt.bool_, name="condition") \
                if not isinstance(condition, Tensor) else condition
            return apply("Where", [c], None, scope)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    c = to_tensor(condition, dtype=_dt.bool_) if not isinstance(condition, Tensor) else condition
    from ..engine.ops._base import same_type_inputs
    x, y = same_type_inputs("Select", [x, y], ["t", "e"])
    return apply("Select", [c, x, y], None, name or "Select")


# -- Placeholder ------------------------------------------------------------------------------
def _placeholder_infer(inputs, attrs):
    return [(attrs["dtype"], TensorShape(attrs["shape"]))]


def _placeholder_bind(node, ctx):
    t = node.op._outputs[0]
    shp = "unknown" if t.shape.ndims is None else \
        "[" + ",".join("?" if d is None else str(d) for d in t.shape.as_tuple()) + "]"
    dt = {"float32": "float", "float64": "double"}.get(t.dtype.name, t.dtype.name)

    def missing():
        raise errors.InvalidArgumentError(
            None, node.op, f"You must feed a value for placeholder tensor '{node.name}' with "
            f"dtype {dt} and shape {shp}\n\t [[node {node.name}]]")
    return missing


register_op("Placeholder", infer=_placeholder_infer, bind=_placeholder_bind, grad=None,
            stateful=True)


def placeholder(dtype, shape=None, name=None):
    """A tensor that must be fed at `run` (InvalidArgumentError naming it otherwise).

    >>> p = tf.placeholder(tf.float32, shape=[None, 3])
    """
    shape = as_shape(shape) if shape is not None else TensorShape(None)
    return apply("Placeholder", [], {"dtype": _dt.as_dtype(dtype).base_dtype,
                                     "shape": shape.as_tuple()}, name or "Placeholder")


def _pwd_infer(inputs, attrs):
    x = inputs[0]
    shape = TensorShape(attrs["shape"])
    if not shape.is_compatible_with(x.shape):
        raise ValueError(f"Shapes {shape} and {x.shape} are incompatible")
    return [(x.dtype.base_dtype, shape)]


register_op("PlaceholderWithDefault", infer=_pwd_infer, kernel=lambda x, **_: x,
            grad=lambda op, grad: [grad], aliases_input=True)


def placeholder_with_default(input, shape, name=None):  # noqa: A002
    """Passes `input` through unless this tensor is fed."""
    x = to_tensor(input)
    return apply("PlaceholderWithDefault", [x], {"shape": as_shape(shape).as_tuple()},
                 name or "PlaceholderWithDefault")


# -- Transpose / ConjugateTranspose / InvertPermutation ----------------------------------------
def _transpose_infer(inputs, attrs):
    x, perm = inputs
    xs = _dims(x)
    pn = perm.shape.as_tuple()
    if pn is not None and len(pn) != 1:
        raise ValueError(f"Shape must be rank 1 but is rank {len(pn)}")
    if xs is not None and pn is not None and pn[0] is not None and pn[0] != len(xs):
        raise ValueError(f"Dimension must be {len(xs)} but is {pn[0]}")
    pv = _static_int(perm)
    if pv is None:
        r = len(xs) if xs is not None else (pn[0] if pn is not None else None)
        return [(x.dtype.base_dtype, TensorShape(None if r is None else [None] * r))]
    if builtins.any(not 0 <= p_ < len(pv) for p_ in pv) or len(set(pv)) != len(pv):
        # Not a permutation: TF reports it when the op runs.
        return [(x.dtype.base_dtype, TensorShape([None] * len(pv)))]
    if xs is None:
        return [(x.dtype.base_dtype, TensorShape([None] * len(pv)))]
    return [(x.dtype.base_dtype, TensorShape([xs[p] for p in pv]))]


def _transpose_kernel(x, perm):
    x = np.asarray(x)
    if len(perm) != x.ndim:
        raise _invalid(f"transpose expects a vector of size {x.ndim}. But input(1) is a vector "
                       f"of size {len(perm)}")
    seen = set(int(p_) for p_ in perm)
    for i in builtins.range(x.ndim):
        if i not in seen:
            raise _invalid(f"{i} is missing from {{{','.join(str(int(p_)) for p_ in perm)}}}.")
    return np.transpose(x, perm)


def _inverse_perm(perm):
    pv = _static_int(perm)
    if pv is not None:
        return constant(np.argsort(np.array(pv, dtype=np.int64)).astype(np.int32))
    return invert_permutation(perm)


def _transpose_grad(op, grad):
    """Transpose back with the inverse permutation."""
    return [transpose(grad, _inverse_perm(op.inputs[1])), None]


def _conj_transpose_grad(op, grad):
    """Conjugate-transpose back with the inverse permutation."""
    return [transpose(grad, _inverse_perm(op.inputs[1]), conjugate=True), None]


register_op("Transpose", infer=_transpose_infer, kernel=_transpose_kernel, grad=_transpose_grad,
            aliases_input=True)
register_op("ConjugateTranspose", infer=_transpose_infer,
            kernel=lambda x, perm: np.conj(_transpose_kernel(x, perm)),
            grad=_conj_transpose_grad)


def transpose(a, perm=None, name="transpose", conjugate=False):
    """Permutes the dimensions of `a` (default: reverses them).

    Args:
      a: a Tensor.
      perm: a permutation of the dimensions (list or 1-D int tensor).
      name: op name (default "transpose").
      conjugate: for complex `a`, also conjugate (ConjugateTranspose).
    Returns:
      The transposed Tensor.
    Raises:
      ValueError: `perm` is not a permutation of range(rank(a)).

    >>> tf.transpose(tf.zeros([2, 3])).shape  # (3, 2)
    """
    with _scope(name, "transpose", [a]) as scope:
        a = to_tensor(a, name="a")
        op_type = "ConjugateTranspose" if conjugate and a.dtype.is_complex else "Transpose"
        if perm is None:
            r = a.shape.ndims
            if r is None:
                rk = rank(a)
                last = rk - 1
                with _scope(None, "Range", [rk]) as rs:
                    steps = apply("Range", [constant(0, name="start"), rk,
                                            constant(1, name="delta")], {"Tidx": _dt.int32}, rs)
                perm = last - steps
            else:
                perm = constant(np.arange(r - 1, -1, -1, dtype=np.int32), name="perm")
        elif not isinstance(perm, Tensor):
            perm = _as_int_input(perm, "perm")
        return apply(op_type, [a, perm], None, scope)


def _invert_permutation_kernel(x):
    x = np.asarray(x)
    n = x.size
    if np.any((x < 0) | (x >= n)) or np.unique(x).size != n:
        raise _invalid(f"{_fmt_shape(list(x))} is not a permutation of 0..{n - 1}")
    out = np.empty_like(x)
    out[x] = np.arange(n, dtype=x.dtype)
    return out


register_op("InvertPermutation", infer=unary_same, kernel=_invert_permutation_kernel,
            grad=None)


def invert_permutation(x, name=None):
    """The inverse of the permutation `x` (1-D int32/int64): y[x[i]] = i.

    >>> tf.invert_permutation([3, 4, 0, 2, 1])  # [2, 4, 3, 0, 1] when run
    """
    with _scope(name, "InvertPermutation", [x] if isinstance(x, Tensor) else []) as scope:
        x = x if isinstance(x, Tensor) else to_tensor(x, name="x")
        if x.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'x' has DataType {x.dtype.name} not in "
                            "list of allowed values: int32, int64")
        return apply("InvertPermutation", [x], None, scope)


# -- ExpandDims / Squeeze ----------------------------------------------------------------------
def _expand_dims_infer(inputs, attrs):
    x, dim = inputs
    xs = _dims(x)
    dv = _static_int(dim)
    if isinstance(dv, list):
        if len(dv) != 1:
            raise ValueError("'dim' input must be a tensor with a single value")
        dv = dv[0]
    if dv is None or xs is None:
        return [(x.dtype.base_dtype, TensorShape(None if xs is None else [None] * (len(xs) + 1)))]
    r = len(xs)
    if not -1 - r <= dv <= r:
        raise ValueError(f"Tried to expand dim index {dv} for tensor with {r} dimensions.")
    d = dv if dv >= 0 else dv + r + 1
    return [(x.dtype.base_dtype, TensorShape(list(xs[:d]) + [1] + list(xs[d:])))]


def _expand_dims_kernel(x, dim):
    x = np.asarray(x)
    d = int(np.asarray(dim).reshape(-1)[0])
    if not -1 - x.ndim <= d <= x.ndim:
        raise _invalid(f"Tried to expand dim index {d} for tensor with {x.ndim} dimensions.")
    return np.expand_dims(x, d)


register_op("ExpandDims", infer=_expand_dims_infer, kernel=_expand_dims_kernel,
            grad=lambda op, grad: [reshape(grad, _static_or_shape(op.inputs[0])), None],
            aliases_input=True)


def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002
    """Inserts a dimension of size 1 at `axis` (`dim` is TF 1.x's deprecated spelling).

    Args:
      input: a Tensor.
      axis: an int in [-rank-1, rank].
      name: op name (default "ExpandDims").
      dim: deprecated alias of axis.
    Returns:
      A Tensor with one more dimension.
    Raises:
      ValueError: both or neither of axis and dim, or axis out of range.

    >>> tf.expand_dims(tf.zeros([2, 3]), 1).shape  # (2, 1, 3)
    """
    if axis is not None and dim is not None:
        raise ValueError("Cannot specify both 'axis' and 'dim'")
    if axis is None:
        axis = dim
    if axis is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    x = to_tensor(input)
    r = x.shape.ndims
    if r is not None and not isinstance(axis, Tensor) and not -1 - r <= int(axis) <= r:
        raise ValueError(f"dim {int(axis)} not in the interval [{-1 - r}, {r}].")
    with _scope(name, "ExpandDims", [x]) as scope:
        axis = axis if isinstance(axis, Tensor) else _int_tensor(axis, "dim")
        return apply("ExpandDims", [x, axis], None, scope)


def _squeeze_infer(inputs, attrs):
    x = inputs[0]
    xs = _dims(x)
    axes = attrs["squeeze_dims"]
    if xs is None:
        return [(x.dtype.base_dtype, TensorShape(None))]
    r = len(xs)
    norm = set()
    for a in axes:
        if not -r <= a < r:
            raise ValueError(f"Tried to squeeze dim index {a} for tensor with {r} dimensions.")
        norm.add(a % r)
    out = []
    for i, d in enumerate(xs):
        if axes:
            if i in norm:
                if d is not None and d != 1:
                    raise ValueError(f"Can not squeeze dim[{i}], expected a dimension of 1, "
                                     f"got {d}")
                continue
        else:
            if d is None:
                return [(x.dtype.base_dtype, TensorShape(None))]
            if d == 1:
                continue
        out.append(d)
    return [(x.dtype.base_dtype, TensorShape(out))]


def _squeeze_kernel(x, squeeze_dims=(), **_):
    x = np.asarray(x)
    if not squeeze_dims:
        return np.squeeze(x)
    axes = tuple(a % x.ndim for a in squeeze_dims)
    for a in axes:
        if x.shape[a] != 1:
            raise _invalid(f"Can not squeeze dim[{a}], expected a dimension of 1, got "
                           f"{x.shape[a]}")
    return np.squeeze(x, axis=axes)


register_op("Squeeze", infer=_squeeze_infer, kernel=_squeeze_kernel,
            grad=lambda op, grad: [reshape(grad, _static_or_shape(op.inputs[0]))],
            aliases_input=True)


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    """Removes dimensions of size 1 (all of them, or those in `axis`).

    Args:
      input: a Tensor.
      axis: an int or list of ints (`squeeze_dims` is TF 1.x's deprecated spelling).
      name: op name (default "Squeeze").
    Returns:
      A Tensor.
    Raises:
      ValueError: a listed dimension is not 1, or both axis and squeeze_dims given.

    >>> tf.squeeze(tf.zeros([1, 2, 1, 3]), [2]).shape  # (1, 2, 3)
    """
    if axis is not None and squeeze_dims is not None:
        raise ValueError("Cannot specify both 'axis' and 'squeeze_dims'")
    if axis is None:
        axis = squeeze_dims
    if np.isscalar(axis) and axis is not None:
        axis = [axis]
    axis = [int(a) for a in axis] if axis is not None else []
    x = to_tensor(input)
    return apply("Squeeze", [x], {"squeeze_dims": axis}, name or "Squeeze")


# -- ConcatV2 / ConcatOffset ------------------------------------------------------------------
def _concat_infer(inputs, attrs):
    values, axis_t = inputs[:-1], inputs[-1]
    if axis_t.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {axis_t.shape.ndims}")
    dt = values[0].dtype.base_dtype
    for i, v in enumerate(values[1:], 1):
        if v.dtype.base_dtype is not dt:
            raise TypeError(f"Tensors in list passed to 'values' of 'ConcatV2' Op have types "
                            f"[{', '.join(t.dtype.base_dtype.name for t in values)}] that don't "
                            "all match.")
    axis = _static_int(axis_t)
    ranks = [v.shape.ndims for v in values]
    known = [r for r in ranks if r is not None]
    for r in known:
        if r != known[0]:
            raise ValueError(f"Shape must be rank {known[0]} but is rank {r}")
    if not known:
        return [(dt, TensorShape(None))]
    r = known[0]
    if r == 0:
        raise ValueError("Can't concatenate scalars (use tf.stack instead)")
    if axis is None:
        return [(dt, TensorShape([None] * r))]  # as TF: any dim may be the axis
    if not -r <= axis < r:
        need = axis + 1 if axis >= 0 else -axis
        raise ValueError(f"Shape must be at least rank {need} but is rank {r}")
    ax = axis % r
    out = [None] * r
    total = 0
    merged = None
    for v in values:
        vs = v.shape.as_tuple()
        if vs is None:
            total = None
            continue
        total = None if total is None or vs[ax] is None else total + vs[ax]
        rest = list(vs[:ax]) + list(vs[ax + 1:])
        if merged is not None:
            for i, (a, b) in enumerate(zip(merged, rest)):
                if a is not None and b is not None and a != b:
                    raise ValueError(f"Dimension {i} in both shapes must be equal, but are {a} "
                                     f"and {b}. Shapes are {_fmt_shape(merged)} and "
                                     f"{_fmt_shape(rest)}.")
            merged = [a if a is not None else b for a, b in zip(merged, rest)]
        else:
            merged = rest
    for i, d in enumerate(merged):
        out[i if i < ax else i + 1] = d
    out[ax] = total
    return [(dt, TensorShape(out))]


def _concat_kernel(*args, **_):
    values, axis = args[:-1], int(args[-1])
    r = np.ndim(values[0])
    if not -r <= axis < r:
        raise _invalid(f"ConcatOp : Expected concatenating dimensions in the range [{-r}, {r}), "
                       f"but got {axis}")
    ax = axis % r
    s0 = np.shape(values[0])
    for i, v in enumerate(values[1:], 1):
        sv = np.shape(v)
        if len(sv) != r:
            raise _invalid(f"ConcatOp : Ranks of all input tensors should match: shape[0] = "
                           f"{_fmt_shape(s0)} vs. shape[{i}] = {_fmt_shape(sv)}")
        if s0[:ax] + s0[ax + 1:] != sv[:ax] + sv[ax + 1:]:
            raise _invalid(f"ConcatOp : Dimensions of inputs should match: shape[0] = "
                           f"{_fmt_shape(s0)} vs. shape[{i}] = {_fmt_shape(sv)}")
    return np.concatenate(values, axis=ax)


def _concat_grad(op, grad):
    """Slices of the gradient, one per input, at the input's offset along the axis."""
    values, axis_t = op.inputs[:-1], op.inputs[-1]
    n = len(values)
    axis = _static_int(axis_t)
    r = values[0].shape.ndims
    if isinstance(grad, IndexedSlices):
        return _concat_grad_sparse(values, axis, r, grad) + [None]
    sizes = None
    if axis is not None and r is not None:
        ax = axis % r
        sizes = [v.shape.as_tuple()[ax] if v.shape.ndims is not None else None for v in values]
        if None in sizes:
            sizes = None
    if sizes is not None:
        if n == 1:
            return [grad, None]
        parts = split(grad, sizes, axis=ax)
        return [p if wants_grad(i) else None for i, p in enumerate(parts)] + [None]
    shapes = shape_n(values)
    offsets = apply_op("ConcatOffset", [axis_t] + shapes, {"N": n}).outputs
    return [slice(grad, offsets[i], shapes[i]) if wants_grad(i) else None
            for i in builtins.range(n)] + [None]


def _concat_grad_sparse(values, axis, r, grad):
    """TF's rule for an IndexedSlices gradient: IndexedSlices per input. Along axis 0 each
    input keeps the rows in its range (re-based); along another axis every input keeps all
    rows with its columns of the values."""
    from .comparison_ops import greater_equal, less, logical_and
    if axis is None:
        raise ValueError("Can only compute IndexedSlices gradient with statically-known "
                         "concat_dim")
    if axis < 0:
        if r is None:
            raise ValueError("Can only compute IndexedSlices gradient with negative concat_dim "
                             "when first value rank is statically-known.")
        axis %= r
    sizes = [shape(v) for v in values]
    out = []
    if axis > 0:
        rk = r if r is not None else None
        if rk is None:
            raise ValueError("flowgrad: an IndexedSlices gradient through concat along a "
                             "non-zero axis needs inputs of known rank")
        mask = constant(np.eye(rk, dtype=np.int32)[axis])
        begin = constant(np.zeros(rk, dtype=np.int32))
        for s in sizes:
            new_values = slice(grad.values, begin, concat([constant([-1], dtype=_dt.int32),
                                                           slice(s, [1], [-1])], 0))
            out.append(IndexedSlices(new_values, grad.indices, s))
            begin = begin + s * mask
        return out
    idx_dt = grad.indices.dtype.base_dtype
    start = constant(0, dtype=idx_dt)
    for s in sizes:
        size0 = gather(s, 0)
        if size0.dtype.base_dtype is not idx_dt:
            size0 = cast(size0, idx_dt)
        end = start + size0
        sel = squeeze(where(logical_and(greater_equal(grad.indices, start),
                                        less(grad.indices, end))), axis=[1])
        new_indices = gather(grad.indices, sel) - start
        new_values = gather(grad.values, sel)
        out.append(IndexedSlices(new_values, new_indices, s))
        start = end
    return out


register_op("ConcatV2", infer=_concat_infer, kernel=_concat_kernel, grad=_concat_grad)


def _concat_offset_kernel(axis, *shapes, **_):
    shapes = np.stack([np.asarray(s) for s in shapes])
    ax = int(axis) % shapes.shape[1]
    sizes = shapes[:, ax]
    out = np.zeros_like(shapes)
    out[:, ax] = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    res = tuple(out)
    return res if len(res) > 1 else res[0]


register_op("ConcatOffset",
            infer=lambda ins, a: [(t.dtype.base_dtype, t.shape) for t in ins[1:]],
            kernel=_concat_offset_kernel, grad=None)


def concat(values, axis, name="concat"):
    """Concatenates tensors along `axis` (negative counts from the end).

    Args:
      values: a list of Tensors of one dtype and rank, equal outside `axis`.
      axis: an int or scalar int32 tensor.
      name: op name (default "concat").
    Returns:
      A Tensor.
    Raises:
      ValueError: ranks or dimensions outside `axis` differ, or axis out of range.

    >>> tf.concat([[[1, 2]], [[3, 4]]], 0)  # [[1, 2], [3, 4]] when run
    """
    if not isinstance(values, (list, tuple)):
        values = [values]
    if len(values) == 1:
        with _scope(name, "concat", [v for v in values if isinstance(v, Tensor)]) as scope:
            ax = axis if isinstance(axis, Tensor) else to_tensor(axis, dtype=_dt.int32,
                                                                   name="concat_dim")
            if ax.shape.ndims not in (None, 0):
                raise ValueError(f"Shapes {ax.shape} and () are incompatible")
            return identity(values[0], name=scope)
    tensors = [v for v in values if isinstance(v, Tensor)]
    with _scope(name, "concat", tensors) as scope:
        from ..engine.ops._base import same_type_inputs
        values = [_autopack(list(v), None, f"values_{i}") if isinstance(v, (list, tuple)) and
                  _has_tensor(v) else v for i, v in enumerate(values)]
        try:
            vals = same_type_inputs("ConcatV2", list(values),
                                    [f"values_{i}" for i in builtins.range(len(values))])
        except TypeError:
            vals = [to_tensor(v) for v in values]
        ax = axis if isinstance(axis, Tensor) else _int_tensor(axis, "axis")
        return apply("ConcatV2", vals + [ax], {"N": len(vals)}, scope)


# -- Pack / Unpack (stack / unstack) ------------------------------------------------------------
def _pack_infer(inputs, attrs):
    dt = inputs[0].dtype.base_dtype
    for v in inputs[1:]:
        if v.dtype.base_dtype is not dt:
            raise TypeError(f"Tensors in list passed to 'values' of 'Pack' Op have types "
                            f"[{', '.join(t.dtype.base_dtype.name for t in inputs)}] that don't "
                            "all match.")
    merged = inputs[0].shape
    for i, v in enumerate(inputs[1:], 1):
        if merged.ndims is not None and v.shape.ndims is not None and \
                merged.ndims != v.shape.ndims:
            raise ValueError(f"Shapes must be equal rank, but are {merged.ndims} and "
                             f"{v.shape.ndims}\n\tFrom merging shape 0 with other shapes.")
        if not merged.is_compatible_with(v.shape):
            a_, b_ = merged.as_tuple(), v.shape.as_tuple()
            i = next(j for j, (p_, q_) in enumerate(zip(a_, b_))
                     if p_ is not None and q_ is not None and p_ != q_)
            raise ValueError(f"Dimension {i} in both shapes must be equal, but are {a_[i]} and "
                             f"{b_[i]}. Shapes are {_fmt_shape(a_)} and {_fmt_shape(b_)}.\n"
                             "\tFrom merging shape 0 with other shapes.")
        merged = merged.merge_with(v.shape)
    axis = attrs["axis"]
    if merged.ndims is None:
        return [(dt, TensorShape(None))]
    r = merged.ndims + 1
    if not -r <= axis < r:
        raise ValueError(f"Invalid axis: {axis}; must be in [{-r},{r})")
    ax = axis % r
    dims = list(merged.as_tuple())
    return [(dt, TensorShape(dims[:ax] + [len(inputs)] + dims[ax:]))]


def _pack_kernel(*xs, axis=0, **_):
    s0 = np.shape(xs[0])
    for i, x in enumerate(xs[1:], 1):
        if np.shape(x) != s0:
            raise _invalid(f"Shapes of all inputs must match: values[0].shape = {_fmt_shape(s0)}"
                           f" != values[{i}].shape = {_fmt_shape(np.shape(x))}")
    return np.stack(xs, axis=axis)


def _pack_grad(op, grad):
    """Unstack the gradient along the packing axis."""
    return unstack(grad, num=len(op.inputs), axis=op.get_attr("axis"))


register_op("Pack", infer=_pack_infer, kernel=_pack_kernel, grad=_pack_grad)


def stack(values, axis=0, name="stack"):
    """Stacks rank-R tensors into one rank-(R+1) tensor along a new `axis`.

    Args:
      values: a list of Tensors (or values) of one shape and dtype.
      axis: where the new dimension goes, in [-(R+1), R+1).
      name: op name (default "stack").
    Returns:
      A Tensor (a Const when all values are Python/NumPy constants and axis is 0).
    Raises:
      ValueError: shapes differ, or axis out of range.

    >>> tf.stack([tf.zeros([2]), tf.ones([2])], axis=1).shape  # (2, 2)
    """
    if axis == 0 and not _has_tensor(values) and not builtins.any(
            hasattr(v, "_as_graph_element") for v in values):
        try:
            return constant(values, name=name)
        except (TypeError, ValueError):
            pass
    if axis == 0:
        return _autopack(list(values), None, name)
    tensors = [v for v in values if isinstance(v, Tensor)]
    first = values[0] if isinstance(values[0], Tensor) else to_tensor(values[0])
    if first.shape.ndims is not None:
        r = first.shape.ndims + 1
        if axis < -r or axis >= r:
            raise ValueError(f"axis = {axis} not in [{-r}, {r})")
    with _scope(name, "stack", tensors) as scope:
        from ..engine.ops._base import same_type_inputs
        vals = same_type_inputs("Pack", list(values),
                                [f"values_{i}" for i in builtins.range(len(values))])
        return apply("Pack", vals, {"axis": axis, "N": len(vals)}, scope)


def _unpack_infer(inputs, attrs):
    x = inputs[0]
    xs = _dims(x)
    num, axis = attrs["num"], attrs["axis"]
    if xs is None:
        return [(x.dtype.base_dtype, TensorShape(None))] * num
    r = len(xs)
    if not -r <= axis < r:
        raise ValueError(f"Invalid axis: {axis}; must be in [{-r},{r})")
    ax = axis % r
    if xs[ax] is not None and xs[ax] != num:
        raise ValueError(f"Dimension must be {num} but is {xs[ax]}")
    out = TensorShape(list(xs[:ax]) + list(xs[ax + 1:]))
    return [(x.dtype.base_dtype, out)] * num


def _unpack_kernel(x, num=None, axis=0, **_):
    x = np.asarray(x)
    if x.shape[axis] != num:
        raise _invalid(f"Input shape axis {axis % x.ndim} must equal {num}, got shape "
                       f"{_fmt_shape(x.shape)}")
    # Copies: the runtime tracks view aliasing for output 0 only.
    moved = np.moveaxis(x, axis, 0)
    out = tuple(np.array(p) for p in moved)
    return out if num != 1 else out[0]


def _unpack_grad(op, *grads):
    """Stack the output gradients back along the axis."""
    return [stack(list(grads), axis=op.get_attr("axis"))]


register_op("Unpack", infer=_unpack_infer, kernel=_unpack_kernel, grad=_unpack_grad)


def unstack(value, num=None, axis=0, name="unstack"):
    """Splits `value` along `axis` into a list of rank-(R-1) tensors.

    Args:
      value: a Tensor of rank R > 0.
      num: the length of `axis` (inferred from the static shape when None).
      axis: the dimension to unstack, in [-R, R).
      name: op name (default "unstack").
    Returns:
      A list of `num` Tensors.
    Raises:
      ValueError: num is None and cannot be inferred, or axis out of range.

    >>> a, b = tf.unstack(tf.zeros([2, 3]))  # two tensors of shape (3,)
    """
    x = to_tensor(value)
    if num is None:
        xs = _dims(x)
        if xs is None:
            raise ValueError(f"Cannot infer num from shape {x.shape}")
        r = len(xs)
        if not -r <= axis < r:
            raise ValueError(f"axis = {axis} not in [{-r}, {r})")
        num = xs[axis]
        if num is None:
            raise ValueError(f"Cannot infer num from shape {x.shape}")
    op = apply_op("Unpack", [x], {"num": num, "axis": axis}, name or "unstack")
    return list(op.outputs)


# -- Split / SplitV ---------------------------------------------------------------------------
def _split_infer(inputs, attrs):
    axis_t, x = inputs
    n = attrs["num_split"]
    xs = _dims(x)
    axis = _static_int(axis_t)
    dt = x.dtype.base_dtype
    if xs is None:
        return [(dt, TensorShape(None))] * n
    if axis is None:
        return [(dt, TensorShape([None] * len(xs)))] * n
    r = len(xs)
    if not -r <= axis < r:
        raise ValueError(f"Dimension size must be in [{-r}, {r}), but is {axis}" if r else
                         "Split dimension must be less than input rank")
    ax = axis % r
    d = xs[ax]
    if d is not None and d % n:
        raise ValueError(f"Dimension size must be evenly divisible by {n} but is {d}\n"
                         "\tNumber of ways to split should evenly divide the split dimension")
    out = list(xs)
    out[ax] = None if d is None else d // n
    return [(dt, TensorShape(out))] * n


def _split_kernel(axis, x, num_split=1, **_):
    x = np.asarray(x)
    ax = int(axis) % x.ndim
    if x.shape[ax] % num_split:
        raise _invalid(f"Number of ways to split should evenly divide the split dimension, but "
                       f"got split_dim {ax} (size = {x.shape[ax]}) and num_split {num_split}")
    out = tuple(np.array(p) for p in np.split(x, num_split, axis=ax))
    return out if num_split > 1 else out[0]


def _split_grad(op, *grads):
    """Concatenate the output gradients."""
    return [None, concat(list(grads), op.inputs[0])]


register_op("Split", infer=_split_infer, kernel=_split_kernel, grad=_split_grad)


def _splitv_infer(inputs, attrs):
    x, sizes_t, axis_t = inputs
    n = attrs["num_split"]
    xs = _dims(x)
    dt = x.dtype.base_dtype
    axis = _static_int(axis_t)
    sizes = _static_int(sizes_t)
    if xs is None:
        return [(dt, TensorShape(None))] * n
    if axis is None:
        return [(dt, TensorShape([None] * len(xs)))] * n
    r = len(xs)
    if not -r <= axis < r:
        raise ValueError(f"Dimension size must be in [{-r}, {r}), but is {axis}")
    ax = axis % r
    if sizes is None:
        return [(dt, TensorShape([None if i == ax else d for i, d in enumerate(xs)]))] * n
    if len(sizes) != n:
        raise ValueError(f"Determined shape must either match input shape along split_dim "
                         f"exactly if fully specified, or be less than the size of the input "
                         f"along split_dim if not fully specified.  Got: {sizes}")
    d = xs[ax]
    if sizes.count(-1) > 1:
        raise ValueError("Only one dimensions can have a value of -1. Second one found at "
                         f"dimension {len(sizes) - 1 - sizes[::-1].index(-1)}")
    known = builtins.sum(s for s in sizes if s != -1)
    if d is not None:
        if (-1 not in sizes and known != d) or (-1 in sizes and known > d):
            raise ValueError(f"can't split axis of size {d} into pieces of size "
                             f"{_fmt_shape(sizes)}")
        sizes = [d - known if s == -1 else s for s in sizes]
    outs = []
    for s in sizes:
        o = list(xs)
        o[ax] = None if s == -1 else s
        outs.append((dt, TensorShape(o)))
    return outs


def _splitv_kernel(x, sizes, axis, num_split=1, **_):
    x = np.asarray(x)
    ax = int(axis) % x.ndim
    sizes = [int(s) for s in sizes]
    d = x.shape[ax]
    known = builtins.sum(s for s in sizes if s != -1)
    if (-1 not in sizes and known != d) or (-1 in sizes and known > d):
        raise _invalid("Determined shape must either match input shape along split_dim exactly "
                       "if fully specified, or be less than the size of the input along "
                       f"split_dim if not fully specified.  Got: {known}")
    sizes = [d - known if s == -1 else s for s in sizes]
    cuts = np.cumsum(sizes)[:-1]
    out = tuple(np.array(p) for p in np.split(x, cuts, axis=ax))
    return out if num_split > 1 else out[0]


def _splitv_grad(op, *grads):
    """Concatenate the output gradients."""
    return [concat(list(grads), op.inputs[2]), None, None]


register_op("SplitV", infer=_splitv_infer, kernel=_splitv_kernel, grad=_splitv_grad)


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """Splits `value` along `axis` into equal parts or parts of given sizes.

    Args:
      value: a Tensor.
      num_or_size_splits: an int (equal parts: op Split) or a list/1-D tensor of
        sizes, one of which may be -1 (op SplitV).
      axis: the dimension to split.
      num: the number of outputs when it can't be read from size_splits.
      name: op name (default "split").
    Returns:
      A list of Tensors.
    Raises:
      ValueError: the sizes don't fit the dimension, or num can't be inferred.

    >>> a, b = tf.split(tf.zeros([4, 6]), [2, -1], axis=1)  # shapes (4, 2), (4, 4)
    """
    x = to_tensor(value)
    is_int = isinstance(num_or_size_splits, (int, np.integer)) and not isinstance(
        num_or_size_splits, bool)
    if not isinstance(num_or_size_splits, Tensor):
        size_splits = _as_int_input(num_or_size_splits, "Const")
    else:
        size_splits = num_or_size_splits
    if is_int:
        with _scope(name, "split", [x]) as scope:
            ax = axis if isinstance(axis, Tensor) else _int_tensor(axis, "split_dim")
            n = int(num_or_size_splits)
            if n < 1:
                raise ValueError(f"Value for attr 'num_split' of {n} must be at least minimum 1")
            op = apply_op("Split", [ax, x], {"num_split": n}, scope)
            return list(op.outputs)
    if num is None:
        ss = size_splits.shape.as_tuple()
        if ss:
            num = ss[0]
        if num is None:
            raise ValueError(f"Cannot infer num from shape {num_or_size_splits}")
    with _scope(name, "split", [x]) as scope:
        ax = axis if isinstance(axis, Tensor) else _int_tensor(axis, "split_dim")
        op = apply_op("SplitV", [x, size_splits, ax], {"num_split": num}, scope)
        return list(op.outputs)


# -- Slice -------------------------------------------------------------------------------------
def _slice_infer(inputs, attrs):
    x, begin_t, size_t = inputs
    xs = _dims(x)
    dt = x.dtype.base_dtype
    for t in (begin_t, size_t):
        if t.shape.ndims not in (None, 1):
            raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    b, s = _static_int(begin_t), _static_int(size_t)
    n = begin_t.shape.as_tuple()
    r = len(xs) if xs is not None else (n[0] if n is not None else None)
    for v in (b, s):
        if v is not None and r is not None and len(v) != r:
            raise ValueError(f"Shape must be rank {r} but is rank {len(v)}" if xs is None else
                             f"Dimension must be {r} but is {len(v)}")
    if s is None:
        return [(dt, TensorShape(None if r is None else [None] * r))]
    if r is None:
        return [(dt, TensorShape([None if d == -1 else d for d in s]))]
    # Bounds are checked when the op runs, as TF does.
    out = []
    for i in builtins.range(r):
        d = None if xs is None else xs[i]
        bi = None if b is None else b[i]
        if s[i] == -1:
            out.append(None if d is None or bi is None else builtins.max(d - bi, 0))
        elif s[i] < -1:
            raise ValueError(f"Expected size[{i}] in [-1, ...], but got {s[i]}")
        else:
            out.append(s[i])
    return [(dt, TensorShape(out))]


def _slice_kernel(x, begin, size):
    x = np.asarray(x)
    idx = []
    for i, (b, s) in enumerate(zip(begin, size)):
        b, s = int(b), int(s)
        d = x.shape[i]
        if s == -1:
            s = d - b
        if not (0 <= b <= d and 0 <= s and b + s <= d):
            raise _invalid(f"Expected begin[{i}] in [0, {d}], but got {b}" if not 0 <= b <= d
                           else f"Expected size[{i}] in [0, {d - b}], but got {s}")
        idx.append(builtins.slice(b, b + s))
    if len(idx) != x.ndim:
        raise _invalid(f"Expected begin and size arguments to be 1-D tensors of size {x.ndim}, "
                       f"but got shapes [{len(begin)}] and [{len(size)}] instead.")
    return x[tuple(idx)]


def _slice_grad(op, grad):
    """Pad the gradient with zeros back to the input's shape."""
    x, begin, _ = op.inputs
    xs = _dims(x)
    b = _static_int(begin)
    ys = _dims(op.outputs[0])
    if xs is not None and None not in xs and b is not None and ys is not None and None not in ys:
        pads = np.array([[bi, d - bi - s] for bi, d, s in zip(b, xs, ys)], dtype=np.int32)
        return [pad(grad, constant(pads)), None, None]
    from .math_ops import subtract
    x_shape = shape(x, out_type=begin.dtype.base_dtype)
    after = subtract(subtract(x_shape, shape(op.outputs[0], out_type=begin.dtype.base_dtype)),
                     begin)
    pads = stack([begin, after], axis=1)
    return [pad(grad, pads), None, None]


register_op("Slice", infer=_slice_infer, kernel=_slice_kernel, grad=_slice_grad,
            aliases_input=True)


def slice(input_, begin, size, name=None):  # noqa: A001 - TF's name
    """Extracts a slice of `size` starting at `begin` (size -1: to the end of the dim).

    Args:
      input_: a Tensor.
      begin: a list or 1-D int tensor, one entry per dimension.
      size: a list or 1-D int tensor; -1 takes all remaining elements.
      name: op name (default "Slice").
    Returns:
      A Tensor.
    Raises:
      ValueError: statically out of range.
      tf.errors.InvalidArgumentError: out of range at run time.

    >>> tf.slice(tf.reshape(tf.range(6), [2, 3]), [0, 1], [-1, 2])  # [[1, 2], [4, 5]]
    """
    x = to_tensor(input_)
    with _scope(name, "Slice", [x]) as scope:
        b = _as_int_input(begin, "begin")
        s = _as_int_input(size, "size", b.dtype.base_dtype)
        return apply("Slice", [x, b, s], None, scope)


# -- Tile ----------------------------------------------------------------------------------
def _tile_infer(inputs, attrs):
    x, m_t = inputs
    xs = _dims(x)
    if m_t.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {m_t.shape.ndims}")
    m = _static_int(m_t)
    mn = m_t.shape.as_tuple()
    if xs is not None and mn is not None and mn[0] is not None and mn[0] != len(xs):
        raise ValueError(f"Shape must be rank {len(xs)} but is rank {mn[0]}")
    if m is None:
        r = len(xs) if xs is not None else (mn[0] if mn is not None else None)
        return [(x.dtype.base_dtype, TensorShape(None if r is None else [None] * r))]
    if builtins.any(v < 0 for v in m):
        raise ValueError(f"Expected multiples[i] >= 0, but got {m}")
    if xs is None:
        return [(x.dtype.base_dtype, TensorShape([None] * len(m)))]
    return [(x.dtype.base_dtype, TensorShape([None if d is None else d * k
                                              for d, k in zip(xs, m)]))]


def _tile_kernel(x, multiples):
    x = np.asarray(x)
    m = tuple(int(k) for k in multiples)
    if len(m) != x.ndim:
        raise _invalid(f"Expected multiples argument to be a vector of length {x.ndim} but got "
                       f"length {len(m)}")
    if builtins.any(k < 0 for k in m):
        raise _invalid(f"Expected multiples[i] >= 0, but got {list(m)}")
    return np.tile(x, m) if x.ndim else x.copy()


def _tile_grad(op, grad):
    """Reshape to [m0, d0, m1, d1, ...] and sum over the multiples' axes."""
    from .math_ops import reduce_sum
    x, m_t = op.inputs
    xs = _dims(x)
    m = _static_int(m_t)
    if xs is not None and None not in xs and m is not None:
        split_shape = [v for pair in zip(m, xs) for v in pair]
        axes = list(builtins.range(0, 2 * len(xs), 2))
        if not axes:
            return [grad, None]
        return [reduce_sum(reshape(grad, split_shape), axes), None]
    x_shape = shape(x, out_type=m_t.dtype.base_dtype)
    split_shape = reshape(transpose(stack([m_t, x_shape])), [-1])
    axes = range(0, size(split_shape), 2)
    out = reduce_sum(reshape(grad, split_shape), axes)
    return [out, None]


register_op("Tile", infer=_tile_infer, kernel=_tile_kernel, grad=_tile_grad)


def tile(input, multiples, name=None):  # noqa: A002
    """Repeats `input` multiples[i] times along dimension i.

    Args:
      input: a Tensor of rank R.
      multiples: R non-negative ints (list or 1-D int tensor).
      name: op name (default "Tile").
    Returns:
      A Tensor of shape input.shape * multiples.

    >>> tf.tile([[1, 2]], [2, 2])  # [[1, 2, 1, 2], [1, 2, 1, 2]] when run
    """
    x = to_tensor(input)
    with _scope(name, "Tile", [x]) as scope:
        m = _as_int_input(multiples, "multiples")
        return apply("Tile", [x, m], None, scope)


# -- Pad / PadV2 / MirrorPad / MirrorPadGrad ----------------------------------------------------
def _pad_infer_common(x, p_t, mode=None):
    xs = _dims(x)
    ps = p_t.shape.as_tuple()
    if ps is not None:
        if len(ps) != 2:
            raise ValueError(f"Shape must be rank 2 but is rank {len(ps)}")
        if ps[1] is not None and ps[1] != 2:
            raise ValueError(f"Dimension 1 in both shapes must be equal, but are {ps[1]} and 2.")
        if xs is not None and ps[0] is not None and ps[0] != len(xs):
            raise ValueError(f"Shape must be rank {ps[0]} but is rank {len(xs)}")
    pv = const_value(p_t)
    r = len(xs) if xs is not None else (ps[0] if ps is not None else None)
    if pv is None:
        return TensorShape(None if r is None else [None] * r)
    pv = np.asarray(pv).reshape(-1, 2)
    if np.any(pv < 0):
        raise ValueError(f"Paddings must be non-negative: {int(pv.min())}")
    if xs is None:
        return TensorShape([None] * len(pv))
    out = []
    for i, (d, (a, b)) in enumerate(zip(xs, pv)):
        out.append(None if d is None else d + int(a) + int(b))
    return TensorShape(out)


def _pad_infer(inputs, attrs):
    x, p = inputs[0], inputs[1]
    if len(inputs) == 3:
        c = inputs[2]
        if c.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {c.shape.ndims}")
        if c.dtype.base_dtype is not x.dtype.base_dtype:
            raise TypeError(f"Input 'constant_values' of 'PadV2' Op has type {c.dtype.name} "
                            f"that does not match type {x.dtype.name} of argument 'input'.")
    return [(x.dtype.base_dtype, _pad_infer_common(x, p))]


def _check_paddings(x, paddings):
    p = np.asarray(paddings).reshape(-1, 2) if np.size(paddings) else np.zeros((0, 2), np.int64)
    if p.shape[0] != np.ndim(x):
        raise _invalid(f"The first dimension of paddings must be the rank of inputs"
                       f"{_fmt_shape(list(np.shape(paddings)))} {_fmt_shape(np.shape(x))}")
    if np.any(p < 0):
        raise _invalid(f"Paddings must be non-negative: {int(p.min())} {int(p.max())}")
    return [(int(a), int(b)) for a, b in p]


def _pad_kernel(x, paddings, constant_values=0):
    x = np.asarray(x)
    p = _check_paddings(x, paddings)
    if x.ndim == 0:
        return x.copy()
    out = np.full(tuple(d + a + b for d, (a, b) in zip(x.shape, p)), constant_values,
                  dtype=x.dtype)
    out[tuple(builtins.slice(a, a + d) for d, (a, _) in zip(x.shape, p))] = x
    return out


def _pad_grad(op, grad):
    """Slice the gradient back out of the padding."""
    x, p = op.inputs[0], op.inputs[1]
    xs = _dims(x)
    pv = const_value(p)
    if xs is not None and None not in xs and pv is not None:
        begin = np.asarray(pv).reshape(-1, 2)[:, 0].astype(np.int32)
        gx = slice(grad, constant(begin), constant(np.array(xs, dtype=np.int32)))
    else:
        begin = reshape(slice(p, [0, 0], stack([rank(x), 1])), [-1])
        gx = slice(grad, begin, shape(x, out_type=p.dtype.base_dtype))
    return [gx, None] + ([None] if len(op.inputs) == 3 else [])


register_op("Pad", infer=_pad_infer, kernel=_pad_kernel, grad=_pad_grad)
register_op("PadV2", infer=_pad_infer, kernel=_pad_kernel, grad=_pad_grad)


def _mirror_pad_infer(inputs, attrs):
    x, p = inputs
    return [(x.dtype.base_dtype, _pad_infer_common(x, p, attrs["mode"]))]


def _mirror_pad_kernel(x, paddings, mode="REFLECT", **_):
    x = np.asarray(x)
    p = _check_paddings(x, paddings)
    off = 0 if mode == "SYMMETRIC" else 1
    for i, (d, (a, b)) in enumerate(zip(x.shape, p)):
        if a > d - off or b > d - off:
            raise _invalid(f"paddings must be less than the dimension size: {a}, {b} not less "
                           f"than {d}" if off else
                           f"paddings must be no greater than the dimension size: {a}, {b} "
                           f"greater than {d}")
    return np.pad(x, p, mode="symmetric" if mode == "SYMMETRIC" else "reflect")


def _mirror_pad_grad_kernel(g, paddings, mode="REFLECT", **_):
    g = np.asarray(g)
    p = [(int(a), int(b)) for a, b in np.asarray(paddings).reshape(-1, 2)]
    off = 0 if mode == "SYMMETRIC" else 1
    out = g
    for ax, (a, b) in enumerate(p):
        n = out.shape[ax] - a - b

        def sl(lo, hi, step=None, _ax=ax):
            idx = [builtins.slice(None)] * out.ndim
            idx[_ax] = builtins.slice(lo, hi, step)
            return tuple(idx)
        res = np.array(out[sl(a, a + n)], copy=True)
        if a:
            res[sl(off, off + a)] += out[sl(0, a)][sl(None, None, -1)]
        if b:
            res[sl(n - off - b, n - off)] += out[sl(a + n, a + n + b)][sl(None, None, -1)]
        out = res
    return out if out is not g else g.copy()


def _mirror_pad_grad(op, grad):
    """Fold the mirrored borders back onto the input (MirrorPadGrad)."""
    return [apply("MirrorPadGrad", [to_tensor(grad), op.inputs[1]],
                  {"mode": op.get_attr("mode")}), None]


def _mirror_pad_grad_infer(inputs, attrs):
    g, p = inputs
    gs = _dims(g)
    pv = const_value(p)
    if gs is None or pv is None:
        return [(g.dtype.base_dtype, TensorShape(None if gs is None else [None] * len(gs)))]
    pv = np.asarray(pv).reshape(-1, 2)
    return [(g.dtype.base_dtype, TensorShape([None if d is None else d - int(a) - int(b)
                                              for d, (a, b) in zip(gs, pv)]))]


def _mirror_pad_grad_grad(op, grad):
    """MirrorPadGrad is linear; its adjoint is MirrorPad."""
    return [apply("MirrorPad", [to_tensor(grad), op.inputs[1]], {"mode": op.get_attr("mode")}),
            None]


register_op("MirrorPad", infer=_mirror_pad_infer, kernel=_mirror_pad_kernel,
            grad=_mirror_pad_grad)
register_op("MirrorPadGrad", infer=_mirror_pad_grad_infer, kernel=_mirror_pad_grad_kernel,
            grad=_mirror_pad_grad_grad)


def pad(tensor, paddings, mode="CONSTANT", name=None, constant_values=0):  # noqa: A002
    """Pads `tensor` with paddings[i] = [before, after] along each dimension i.

    Args:
      tensor: a Tensor of rank R.
      paddings: an [R, 2] int list or tensor.
      mode: "CONSTANT" (ops Pad/PadV2), "REFLECT" or "SYMMETRIC" (op MirrorPad),
        case-insensitive.
      name: op name.
      constant_values: the fill value for CONSTANT mode (same dtype as tensor).
    Returns:
      A Tensor.
    Raises:
      ValueError: bad paddings shape or mode.

    >>> tf.pad([[1, 2]], [[1, 0], [0, 1]])  # [[0, 0, 0], [1, 2, 0]] when run
    """
    mode = mode.upper()
    x = to_tensor(tensor)

    def _paddings():
        if isinstance(paddings, Tensor):
            return paddings
        if _has_tensor(paddings):
            return _as_int_input(paddings, "paddings")
        return _int_tensor(np.asarray(paddings).reshape(-1, 2) if np.size(paddings) else
                           np.zeros((0, 2), np.int32), "paddings")
    if mode == "CONSTANT":
        if not isinstance(constant_values, Tensor) and np.all(np.asarray(constant_values) == 0):
            with _scope(name, "Pad", [x]) as scope:
                return apply("Pad", [x, _paddings()], None, scope)
        with _scope(name, "PadV2", [x]) as scope:
            p = _paddings()
            c = to_tensor(constant_values, dtype=x.dtype.base_dtype, name="constant_values") \
                if not isinstance(constant_values, Tensor) else constant_values
            return apply("PadV2", [x, p, c], None, scope)
    if mode not in ("REFLECT", "SYMMETRIC"):
        raise ValueError(f"Unknown padding mode: {mode}")
    with _scope(name, "MirrorPad", [x]) as scope:
        return apply("MirrorPad", [x, _paddings()], {"mode": mode}, scope)


# -- ReverseV2 ---------------------------------------------------------------------------------
def _reverse_infer(inputs, attrs):
    x, axis_t = inputs
    xs = _dims(x)
    if axis_t.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {axis_t.shape.ndims}")
    av = _static_int(axis_t)
    if av is not None and xs is not None:
        r = len(xs)
        seen = set()
        for a in av:
            if not -r <= a < r:
                raise ValueError(f"'axis'[{av.index(a)}] = {a} is out of valid range [0, {r - 1}")
            if a % r in seen:
                raise ValueError(f"axis {a % r} specified more than once.")
            seen.add(a % r)
    return [(x.dtype.base_dtype, x.shape)]


def _reverse_kernel(x, axis):
    x = np.asarray(x)
    axes = [int(a) for a in np.asarray(axis).reshape(-1)]
    for i, a in enumerate(axes):
        if not -x.ndim <= a < x.ndim:
            raise _invalid(f"'axis'[{i}] = {a} is out of valid range [0, {x.ndim - 1}")
    if not axes:
        return x
    return np.flip(x, axis=tuple(a % x.ndim for a in axes))


register_op("ReverseV2", infer=_reverse_infer, kernel=_reverse_kernel,
            grad=lambda op, grad: [reverse(grad, op.inputs[1]), None], aliases_input=True)


def reverse(tensor, axis, name=None):
    """Reverses `tensor` along the dimensions in `axis` (op ReverseV2).

    Args:
      tensor: a Tensor.
      axis: a list or 1-D int tensor of distinct dimensions.
      name: op name (default "ReverseV2").
    Returns:
      A Tensor of the same shape.

    >>> tf.reverse([[1, 2], [3, 4]], [1])  # [[2, 1], [4, 3]] when run
    """
    x = to_tensor(tensor)
    with _scope(name, "ReverseV2", [x]) as scope:
        a = axis if isinstance(axis, Tensor) else _int_tensor(np.asarray(axis).reshape(-1)
                                                              if np.size(axis) else
                                                              np.zeros(0, np.int32), "axis")
        return apply("ReverseV2", [x, a], None, scope)


reverse_v2 = reverse


# -- GatherV2 ----------------------------------------------------------------------------------
def _index_dtype_check(t, op_type, arg="indices"):
    if t.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter '{arg}' has DataType {t.dtype.name} not in "
                        "list of allowed values: int32, int64")


def _gather_infer(inputs, attrs):
    params, indices, axis_t = inputs
    _index_dtype_check(indices, "GatherV2")
    ps, is_ = _dims(params), _dims(indices)
    axis = _static_int(axis_t)
    dt = params.dtype.base_dtype
    if axis is None or ps is None or is_ is None:
        return [(dt, TensorShape(None))]
    r = len(ps)
    need = axis + 1 if axis >= 0 else -axis
    if r < need:
        raise ValueError(f"Shape must be at least rank {need} but is rank {r}")
    ax = axis % r
    return [(dt, TensorShape(list(ps[:ax]) + list(is_) + list(ps[ax + 1:])))]


def _bad_index_message(indices, bad, bound, what="indices"):
    pos = np.argwhere(bad)[0]
    where_ = ",".join(str(int(p)) for p in pos)
    return f"{what}[{where_}] = {int(indices[tuple(pos)])} is not in [0, {bound})"


def _gather_kernel(params, indices, axis, batch_dims=0, **_):
    params = np.asarray(params)
    indices = np.asarray(indices)
    ax = int(axis)
    if not -params.ndim <= ax < params.ndim:
        raise _invalid(f"Expected axis in the range [{-params.ndim}, {params.ndim}), but got "
                       f"{ax}")
    ax %= params.ndim
    n = params.shape[ax]
    bad = (indices < 0) | (indices >= n)
    if bad.any():
        raise _invalid(_bad_index_message(indices, bad, n))
    return np.take(params, indices, axis=ax)


def _gather_grad(op, grad):
    """axis 0: IndexedSlices(grad rows, flat indices, shape(params)); else a segment sum."""
    from .sparse_ops import unsorted_segment_sum
    params, indices, axis_t = op.inputs
    ps, is_ = _dims(params), _dims(indices)
    axis = _static_int(axis_t)
    static = ps is not None and None not in ps
    params_shape = constant(np.array(ps, dtype=np.int32)) if static else shape(params)
    n_idx = None if is_ is None or None in is_ else int(np.prod(is_, dtype=np.int64))
    if axis == 0:
        if static and n_idx is not None:
            values = reshape(grad, [n_idx] + list(ps[1:]))
            flat = reshape(indices, [n_idx])
        else:
            size_v = expand_dims(size(indices), 0)
            tail = params_shape[1:]
            values = reshape(grad, concat([size_v, tail], 0))
            flat = reshape(indices, size_v)
        return [IndexedSlices(values, flat, params_shape), None, None]
    if axis is None or ps is None:
        return [_gather_grad_dynamic(params, indices, axis_t, grad), None, None]
    r = len(ps)
    ax = axis % r
    if static and n_idx is not None:
        values = reshape(grad, list(ps[:ax]) + [n_idx] + list(ps[ax + 1:]))
        flat = reshape(indices, [n_idx])
        num = constant(np.int32(ps[ax]))
    else:
        size_v = expand_dims(size(indices), 0)
        values = reshape(grad, concat([params_shape[:ax], size_v, params_shape[ax + 1:]], 0))
        flat = reshape(indices, size_v)
        num = params_shape[ax]
    perm = [ax] + list(builtins.range(ax)) + list(builtins.range(ax + 1, r))
    summed = unsorted_segment_sum(transpose(values, perm), flat, num)
    inv = list(np.argsort(perm))
    return [transpose(summed, inv), None, None]


def _gather_grad_dynamic(params, indices, axis_t, grad):
    """The axis != 0 gradient with the axis or the params' rank known only at run time."""
    from .sparse_ops import unsorted_segment_sum
    from .comparison_ops import less
    r = rank(params)
    ax = cast(axis_t, _dt.int32)
    ax = ax + r * cast(less(ax, constant(0, dtype=_dt.int32)), _dt.int32)
    params_shape = shape(params)
    outer = slice(params_shape, [0], expand_dims(ax, 0))
    inner = slice(params_shape, expand_dims(ax + 1, 0), [-1])
    size_v = expand_dims(size(indices), 0)
    values = reshape(grad, concat([outer, size_v, inner], 0))
    one = constant(1, dtype=_dt.int32)
    perm = concat([expand_dims(ax, 0), range(0, ax), range(ax + one, r)], 0)
    summed = unsorted_segment_sum(transpose(values, perm), reshape(indices, size_v),
                                  reshape(slice(params_shape, expand_dims(ax, 0), [1]), []))
    inv = concat([range(1, ax + one), constant([0], dtype=_dt.int32), range(ax + one, r)], 0)
    return transpose(summed, inv)


register_op("GatherV2", infer=_gather_infer, kernel=_gather_kernel, grad=_gather_grad)


def gather(params, indices, validate_indices=None, name=None, axis=None, batch_dims=0):
    """Gathers slices of `params` along `axis` at `indices` (op GatherV2).

    Args:
      params: a Tensor of rank >= axis + 1.
      indices: an int32/int64 Tensor of indices into dimension `axis`.
      validate_indices: ignored, as in TF.
      name: op name (default "GatherV2").
      axis: the dimension to gather from (default 0).
      batch_dims: must be 0 (TF 1.14's gather has no batch dims).
    Returns:
      A Tensor of shape params.shape[:axis] + indices.shape + params.shape[axis+1:].
      Its gradient w.r.t. params is a tf.IndexedSlices for axis 0.
    Raises:
      tf.errors.InvalidArgumentError: an index is out of range at run time.

    >>> tf.gather([10, 20, 30], [2, 0])  # [30, 10] when run
    """
    if batch_dims != 0:
        raise NotImplementedError("flowgrad: gather with batch_dims != 0 is not implemented "
                                  "(TF 1.14 does not have it either)")
    if axis is None:
        axis = 0
    p = params if isinstance(params, Tensor) else to_tensor(params, name="params")
    with _scope(name, "GatherV2", [p]) as scope:
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        a = axis if isinstance(axis, Tensor) else to_tensor(axis, dtype=_dt.int32, name="axis")
        return apply("GatherV2", [p, i, a], {"batch_dims": 0}, scope)


# -- GatherNd / ScatterNd ----------------------------------------------------------------------
def _gather_nd_infer(inputs, attrs):
    params, indices = inputs
    _index_dtype_check(indices, "GatherNd")
    ps, is_ = _dims(params), _dims(indices)
    dt = params.dtype.base_dtype
    if is_ is not None and len(is_) == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    if is_ is None or is_[-1] is None or ps is None:
        return [(dt, TensorShape(None))]
    k = is_[-1]
    if k > len(ps):
        raise ValueError(f"indices.shape[-1] must be <= params.rank, but saw indices shape: "
                         f"{_fmt_shape(is_)} and params shape: {_fmt_shape(ps)}")
    return [(dt, TensorShape(list(is_[:-1]) + list(ps[k:])))]


def _nd_index(indices, shape_, what):
    """The tuple index of `indices` (..., k) into `shape_`, validated."""
    k = indices.shape[-1]
    bounds = np.array(shape_[:k], dtype=np.int64)
    bad = ((indices < 0) | (indices >= bounds)).any(axis=-1) if k else np.zeros(
        indices.shape[:-1], bool)
    if bad.any():
        pos = np.argwhere(bad)[0]
        where_ = ",".join(str(int(p)) for p in pos)
        vals = ", ".join(str(int(v)) for v in indices[tuple(pos)])
        raise _invalid(f"indices[{where_}] = [{vals}] does not index into {what} "
                       f"{_fmt_shape(shape_)}")
    return tuple(np.moveaxis(indices, -1, 0))


def _gather_nd_kernel(params, indices):
    params = np.asarray(params)
    indices = np.asarray(indices)
    if indices.shape[-1] == 0:
        return np.array(np.broadcast_to(params, indices.shape[:-1] + params.shape))
    return params[_nd_index(indices, params.shape, "param shape")]


def _gather_nd_grad(op, grad):
    """The gradient scatters back: scatter_nd(indices, grad, shape(params))."""
    params, indices = op.inputs
    ps = _dims(params)
    shp = constant(np.array(ps, dtype=indices.dtype.as_numpy_dtype)) if ps is not None and \
        None not in ps else shape(params, out_type=indices.dtype.base_dtype)
    return [scatter_nd(indices, grad, shp), None]


register_op("GatherNd", infer=_gather_nd_infer, kernel=_gather_nd_kernel, grad=_gather_nd_grad)


def gather_nd(params, indices, name=None, batch_dims=0):
    """Gathers slices of `params` addressed by the last dimension of `indices`.

    Args:
      params: a Tensor.
      indices: an int32/int64 Tensor of shape [..., k], k <= rank(params).
      name: op name (default "GatherNd").
      batch_dims: must be 0.
    Returns:
      A Tensor of shape indices.shape[:-1] + params.shape[k:].
    Raises:
      ValueError: k > rank(params).
      tf.errors.InvalidArgumentError: an index is out of range at run time.

    >>> tf.gather_nd([[1, 2], [3, 4]], [[1, 0], [0, 1]])  # [3, 2] when run
    """
    if batch_dims != 0:
        raise NotImplementedError("flowgrad: gather_nd with batch_dims != 0 is not implemented")
    p = params if isinstance(params, Tensor) else to_tensor(params, name="params")
    with _scope(name, "GatherNd", [p]) as scope:
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        return apply("GatherNd", [p, i], None, scope)


def _scatter_nd_infer(inputs, attrs):
    indices, updates, shape_t = inputs
    _index_dtype_check(indices, "ScatterNd")
    if shape_t.dtype.base_dtype is not indices.dtype.base_dtype:
        raise TypeError(f"Input 'shape' of 'ScatterNd' Op has type {shape_t.dtype.name} that "
                        f"does not match type {indices.dtype.name} of argument 'indices'.")
    dt = updates.dtype.base_dtype
    sv = shape_value(shape_t)
    is_, us = _dims(indices), _dims(updates)
    if sv is not None and is_ is not None and us is not None and is_[-1] is not None:
        k = is_[-1]
        outer = len(is_) - 1
        if k > len(sv):
            raise ValueError(f"The last dimension of indices ({k}) must be <= the rank of shape "
                             f"({len(sv)})")
        _check_prefix(f"The outer {outer} dimensions of indices.shape={_fmt_shape(is_)} must "
                      f"match the outer {outer} dimensions of updates.shape={_fmt_shape(us)}",
                      list(is_[:-1]), list(us[:outer]), len(us) >= outer)
        inner_out, inner_up = list(sv[k:]), list(us[outer:])
        _check_prefix(f"The inner {len(sv) - k} dimensions of output.shape={_fmt_shape(sv)} "
                      f"must match the inner {len(us) - outer} dimensions of updates.shape="
                      f"{_fmt_shape(us)}", inner_out, inner_up, True)
    return [(dt, TensorShape(None) if sv is None else TensorShape(sv))]


def _check_prefix(head, a, b, rank_ok):
    """TF's Merge check between two dim lists, with its message after `head`."""
    if not rank_ok or len(a) != len(b):
        raise ValueError(f"{head}: Shapes must be equal rank, but are {len(a)} and {len(b)}")
    for i, (x, y) in enumerate(zip(a, b)):
        if x is not None and y is not None and x != y:
            raise ValueError(f"{head}: Dimension {i} in both shapes must be equal, but are {x} "
                             f"and {y}. Shapes are {_fmt_shape(a)} and {_fmt_shape(b)}.")


def _scatter_nd_kernel(indices, updates, shape_):
    indices = np.asarray(indices)
    updates = np.asarray(updates)
    shp = tuple(int(d) for d in shape_)
    out = np.zeros(shp, dtype=updates.dtype)
    if indices.shape[-1] == 0:
        out += np.sum(updates.reshape((-1,) + shp), axis=0, dtype=updates.dtype)
        return out
    idx = _nd_index(indices, shp, "shape")
    np.add.at(out, idx, updates)
    return out


def _scatter_nd_grad(op, grad):
    """d/dupdates = gather_nd(grad, indices)."""
    indices = op.inputs[0]
    return [None, gather_nd(grad, indices) if wants_grad(1) else None, None]


register_op("ScatterNd", infer=_scatter_nd_infer, kernel=_scatter_nd_kernel,
            grad=_scatter_nd_grad)


def scatter_nd(indices, updates, shape, name=None):  # noqa: A002
    """Scatters `updates` into zeros of `shape` at `indices` (repeated indices add up).

    Args:
      indices: an int32/int64 Tensor of shape [..., k].
      updates: a Tensor of shape indices.shape[:-1] + shape[k:].
      shape: the output shape (list or 1-D tensor of indices' dtype).
      name: op name (default "ScatterNd").
    Returns:
      A Tensor of `shape` and updates' dtype.

    >>> tf.scatter_nd([[1], [3]], [9, 10], [4])  # [0, 9, 0, 10] when run
    """
    with _scope(name, "ScatterNd", [t for t in (indices, updates) if isinstance(t, Tensor)]) \
            as scope:
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        u = updates if isinstance(updates, Tensor) else to_tensor(updates, name="updates")
        s = _as_int_input(shape, "shape", i.dtype.base_dtype)
        return apply("ScatterNd", [i, u, s], None, scope)


# -- OneHot ------------------------------------------------------------------------------------
def _one_hot_infer(inputs, attrs):
    indices, depth_t, on, off = inputs
    if indices.dtype.base_dtype not in (_dt.uint8, _dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'indices' has DataType "
                        f"{indices.dtype.name} not in list of allowed values: uint8, int32, "
                        "int64")
    if on.dtype.base_dtype is not off.dtype.base_dtype:
        raise TypeError(f"Input 'off_value' of 'OneHot' Op has type {off.dtype.name} that does "
                        f"not match type {on.dtype.name} of argument 'on_value'.")
    axis = attrs["axis"]
    is_ = _dims(indices)
    depth = _static_int(depth_t)
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be non-negative, got: {depth}")
    dt = on.dtype.base_dtype
    if is_ is None:
        return [(dt, TensorShape(None))]
    r = len(is_)
    if axis != -1 and not 0 <= axis <= r:
        return [(dt, TensorShape(None))]  # TF reports a bad axis when the op runs
    ax = r if axis == -1 else axis
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


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """One-hot encoding: on_value where the index matches, off_value elsewhere.

    Args:
      indices: an int Tensor (out-of-range indices give an all-off row).
      depth: the size of the one-hot dimension.
      on_value, off_value: scalars (default 1 and 0).
      axis: where the new dimension goes (default -1: last).
      dtype: the result dtype (default: on/off_value's, else float32).
      name: op name (default "one_hot").
    Returns:
      A Tensor.
    Raises:
      TypeError: on_value, off_value and dtype disagree.

    >>> tf.one_hot([0, 2], 3)  # [[1., 0., 0.], [0., 0., 1.]] when run
    """
    vals = [v for v in (indices, depth, on_value, off_value) if isinstance(v, Tensor)]
    with _scope(name, "one_hot", vals) as scope:
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
        on = on_value if isinstance(on_value, Tensor) else to_tensor(
            1 if on_value is None else on_value, dtype=dtype if on_value is None else on_dtype,
            name="on_value")
        off = off_value if isinstance(off_value, Tensor) else to_tensor(
            0 if off_value is None else off_value,
            dtype=dtype if off_value is None else off_dtype, name="off_value")
        if on.dtype.base_dtype is not off.dtype.base_dtype:
            raise TypeError(f"dtype <dtype: '{on.dtype.base_dtype.name}'> of on_value does not "
                            f"match dtype <dtype: '{off.dtype.base_dtype.name}'> of off_value")
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        d = depth if isinstance(depth, Tensor) else to_tensor(depth, dtype=_dt.int32,
                                                              name="depth")
        return apply("OneHot", [i, d, on, off], {"axis": -1 if axis is None else int(axis)},
                     scope)


def _value_dtype(v):
    if v is None:
        return None
    if isinstance(v, Tensor):
        return v.dtype.base_dtype
    from ..engine.framework.constant_op import _infer_dtype
    return _infer_dtype(v)


# -- boolean_mask (composite, as TF) ----------------------------------------------------------
def boolean_mask(tensor, mask, name="boolean_mask", axis=None):
    """The elements (or slices) of `tensor` where `mask` is True.

    `mask` covers dimensions axis .. axis+rank(mask)-1 of `tensor`; those are
    flattened and the True positions gathered (so the gradient w.r.t. tensor is
    dense, through gather's IndexedSlices and a reshape).

    Args:
      tensor: a Tensor.
      mask: a bool Tensor of known rank >= 1.
      name: name scope (default "boolean_mask").
      axis: the first dimension the mask covers (default 0).
    Returns:
      A Tensor of rank rank(tensor) - rank(mask) + 1.
    Raises:
      ValueError: mask is a scalar, has unknown rank, or its shape does not fit.

    >>> tf.boolean_mask([1, 2, 3], [True, False, True])  # [1, 3] when run
    """
    with _scope(name, "boolean_mask", [t for t in (tensor, mask) if isinstance(t, Tensor)]):
        tensor = tensor if isinstance(tensor, Tensor) else to_tensor(tensor, name="tensor")
        mask = mask if isinstance(mask, Tensor) else to_tensor(mask, name="mask")
        ms = mask.shape
        nm = ms.ndims
        ts = tensor.shape
        if nm == 0:
            raise ValueError("mask cannot be scalar.")
        if nm is None:
            raise ValueError("Number of mask dimensions must be specified, even if some "
                             "dimensions are None.  E.g. shape=[None] is ok, but shape=None is "
                             "not.")
        axis = 0 if axis is None else axis
        covered = ts[axis:axis + nm]
        if not covered.is_compatible_with(ms):
            raise ValueError(f"Shapes {covered} and {ms} are incompatible")
        dims_covered = shape(tensor)[axis:axis + nm]
        with _scope(None, "Prod", [dims_covered]) as ps:
            leading = apply("Prod", [dims_covered, constant(np.array([0], np.int32),
                                                            name="reduction_indices")],
                            {"keep_dims": False}, ps)
        flat_shape = concat([shape(tensor)[:axis], [leading], shape(tensor)[axis + nm:]], 0)
        flat = reshape(tensor, flat_shape)
        td = ts.as_tuple()
        if td is not None:
            cd = covered.as_tuple()
            first = None if cd is None or None in cd else int(np.prod(cd, dtype=np.int64))
            flat.set_shape(list(td[:axis]) + [first] + list(td[axis + nm:]))
        m = reshape(mask, [-1])
        indices = squeeze(where(m), axis=[1])
        return gather(flat, indices, axis=axis)


# -- Unique --------------------------------------------------------------------------------------
def _unique_infer(inputs, attrs):
    x = inputs[0]
    if x.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {x.shape.ndims}")
    return [(x.dtype.base_dtype, TensorShape([None])),
            (attrs["out_idx"], x.shape if x.shape.ndims is not None else TensorShape([None]))]


def _unique_kernel(x, out_idx=_dt.int32, **_):
    x = np.asarray(x)
    if x.ndim != 1:
        raise _invalid("unique expects a 1D vector.")
    u, first, inv = np.unique(x, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    ranks = np.empty_like(order)
    ranks[order] = np.arange(order.size)
    return u[order], ranks[inv.reshape(-1)].astype(out_idx.as_numpy_dtype)


register_op("Unique", infer=_unique_infer, kernel=_unique_kernel, grad=None)


def unique(x, out_idx=_dt.int32, name=None):
    """The unique elements of 1-D `x` in order of first occurrence, and each element's index.

    Args:
      x: a 1-D Tensor.
      out_idx: int32 (default) or int64, the dtype of `idx`.
      name: op name (default "Unique").
    Returns:
      A pair (y, idx) with x == gather(y, idx).

    >>> y, idx = tf.unique([1, 1, 2, 4, 4, 4, 7, 8, 8])  # y [1 2 4 7 8], idx [0 0 1 2 2 2 3 4 4]
    """
    with _scope(name, "Unique", [x] if isinstance(x, Tensor) else []) as scope:
        xt = x if isinstance(x, Tensor) else to_tensor(x, name="x")
        op = apply_op("Unique", [xt], {"out_idx": _check_out_type(out_idx)}, scope)
    return _UniqueResult(*op.outputs)


def _unique_result():
    from collections import namedtuple
    return namedtuple("Unique", ["y", "idx"])


_UniqueResult = _unique_result()


# -- sequence_mask (composite, as TF) ---------------------------------------------------------
def sequence_mask(lengths, maxlen=None, dtype=_dt.bool_, name=None):
    """mask[i, ..., j] = j < lengths[i, ...], for j in range(maxlen).

    Args:
      lengths: an int Tensor.
      maxlen: scalar; default max(lengths).
      dtype: the result dtype (default bool).
      name: name scope (default "SequenceMask").
    Returns:
      A Tensor of shape lengths.shape + [maxlen].
    Raises:
      ValueError: maxlen is not a scalar.

    >>> tf.sequence_mask([1, 3], 4)  # [[T, F, F, F], [T, T, T, F]] when run
    """
    from .comparison_ops import less
    vals = [v for v in (lengths, maxlen) if isinstance(v, Tensor)]
    with _scope(name, "SequenceMask", vals):
        lengths = to_tensor(lengths)
        if maxlen is None:
            r = lengths.shape.ndims
            axes = constant(np.arange(r, dtype=np.int32)) if r is not None else \
                range(0, rank(lengths))
            mx = apply("Max", [lengths, axes], {"keep_dims": False}, "Max")
            maxlen = apply("Maximum", [constant(0, dtype=mx.dtype.base_dtype), mx], None,
                           "Maximum")
        else:
            maxlen = to_tensor(maxlen)
        if maxlen.shape.ndims not in (None, 0):
            raise ValueError("maxlen must be scalar for sequence_mask")
        mdt = maxlen.dtype.base_dtype
        row = apply("Range", [constant(0, dtype=mdt), maxlen, constant(1, dtype=mdt)],
                    {"Tidx": mdt}, "Range")
        lx = expand_dims(lengths, -1)
        # gen_math_ops.cast: a Cast op even when the dtype is unchanged, as TF
        matrix = apply("Cast", [lx], {"DstT": mdt, "SrcT": lx.dtype.base_dtype}, "Cast")
        result = less(row, matrix)
        lv = folded_value(lengths)
        if lv is not None and maxlen.op.type == "Maximum":
            # TF's shape inference evaluates max(lengths) when lengths is constant.
            result.set_shape(list(np.shape(lv)) + [int(builtins.max(0, np.max(lv, initial=0)))])
        dtype = _dt.as_dtype(dtype).base_dtype if dtype is not None else None
        if dtype is None or dtype is _dt.bool_:
            return result
        return cast(result, dtype)


# -- sort / argsort (composites over TopKV2, as TF) --------------------------------------------
_DIRECTIONS = ("ASCENDING", "DESCENDING")


def _sort_or_argsort(values, axis, direction, return_argsort):
    if direction not in _DIRECTIONS:
        raise ValueError(f"{direction} should be one of ASCENDING, DESCENDING")
    axis_t = to_tensor(axis, name="axis") if not isinstance(axis, Tensor) else axis
    axis_static = const_value(axis_t)
    if axis_t.shape.ndims not in (None, 0) or axis_static is None:
        raise ValueError("axis must be a constant scalar")
    axis_static = int(axis_static)
    values = to_tensor(values, name="values") if not isinstance(values, Tensor) else values
    if direction == "ASCENDING":
        from .math_ops import negative
        out = _descending_sort(negative(values), axis_static, return_argsort)
        return out if return_argsort else negative(out)
    return _descending_sort(values, axis_static, return_argsort)


def _descending_sort(values, axis, return_argsort):
    static_rank = values.shape.ndims
    k = shape(values)[axis]
    rank(values)  # TF 1.14 builds it (unused)
    if axis == -1 or (static_rank is not None and axis + 1 == static_rank):
        top_in, transposition = values, None
    else:
        if static_rank is None:
            raise NotImplementedError("flowgrad: sort along a non-last axis of a tensor of "
                                      "unknown rank is not implemented")
        if axis < 0:
            axis += static_rank
        perm = np.r_[np.arange(axis), [static_rank - 1], np.arange(axis + 1, static_rank - 1),
                     [axis]].astype(np.int32)
        transposition = constant(perm, name="transposition")
        top_in = transpose(values, transposition)
    op = apply_op("TopKV2", [top_in, k], {"sorted": True}, "TopKV2")
    out = op.outputs[1] if return_argsort else op.outputs[0]
    if values.shape.is_fully_defined():
        # TF's shape inference folds k = shape(values)[axis] when the shape is known.
        out.set_shape(top_in.shape)
    if transposition is not None:
        out = transpose(out, transposition)
    return out


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """`values` sorted along `axis` (TF 1.14's tf.sort, built on TopKV2).

    Args:
      values: a real Tensor.
      axis: a constant int (default -1).
      direction: "ASCENDING" or "DESCENDING".
      name: name scope (default "sort").
    Returns:
      A Tensor of the same shape.
    Raises:
      ValueError: bad direction, or axis not a constant scalar.

    >>> tf.sort([3, 1, 2])  # [1, 2, 3] when run
    """
    with _scope(name, "sort", [values] if isinstance(values, Tensor) else []):
        return _sort_or_argsort(values, axis, direction, return_argsort=False)


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """The int32 indices that sort `values` along `axis` (ties keep their order).

    Args:
      values: a real Tensor.
      axis: a constant int (default -1).
      direction: "ASCENDING" or "DESCENDING".
      stable: accepted; the order of ties is always stable.
      name: name scope (default "argsort").
    Returns:
      An int32 Tensor of the same shape.

    >>> tf.argsort([3, 1, 2])  # [1, 2, 0] when run
    """
    with _scope(name, "argsort", [values] if isinstance(values, Tensor) else []):
        return _sort_or_argsort(values, axis, direction, return_argsort=True)
