"""Shape-manipulating and indexing ops: one block per op."""
from __future__ import annotations

__all__ = ["identity", "shape", "reshape", "fill", "zeros_like", "ones_like", "zeros", "ones", "broadcast_to", "rank", "range", "where", "placeholder", "placeholder_with_default"]

import builtins

import numpy as np

from ..framework import dtypes as _dt
from ..framework.constant_op import constant
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape, as_shape
from ._base import apply, const_value, to_tensor, unary_same


# -- Identity ----------------------------------------------------------------------------------
def _identity_kernel(x):
    return x


register_op("Identity", infer=unary_same, kernel=_identity_kernel,
            grad=lambda op, grad: [grad], aliases_input=True)


def _identity_infer_base(inputs, attrs):
    x = inputs[0]
    return [(x.dtype.base_dtype, x.shape)]


def identity(input, name=None):  # noqa: A002 - TF's name
    """Returns a tensor with the same value as `input` (reading a variable's value)."""
    x = to_tensor(input)
    return apply("Identity", [x], None, name or "Identity")


# -- Shape -----------------------------------------------------------------------------------
def _shape_infer(inputs, attrs):
    r = inputs[0].shape.ndims
    return [(attrs.get("out_type", _dt.int32), TensorShape([r]))]


def _shape_kernel(x, out_type=_dt.int32):
    return np.array(np.shape(x), dtype=out_type.as_numpy_dtype)


register_op("Shape", infer=_shape_infer, kernel=_shape_kernel, grad=None)


def shape(input, name=None, out_type=_dt.int32):  # noqa: A002
    """The runtime shape of `input` as a 1-D int tensor."""
    x = to_tensor(input)
    return apply("Shape", [x], {"out_type": _dt.as_dtype(out_type)}, name or "Shape")


# -- Reshape -----------------------------------------------------------------------------------
def _reshape_infer(inputs, attrs):
    x, s = inputs
    sv = const_value(s)
    if sv is None:
        n = s.shape.as_tuple()
        return [(x.dtype.base_dtype, TensorShape(None if not n or n[0] is None
                                                 else [None] * n[0]))]
    sv = [int(d) for d in np.asarray(sv).reshape(-1)]
    if builtins.sum(1 for d in sv if d == -1) > 1:
        raise ValueError(f"Cannot infer shape: more than one -1 in {sv}")
    n = x.shape.num_elements()
    if -1 in sv:
        known = int(np.prod([d for d in sv if d != -1])) if len(sv) > 1 else 1
        if n is not None:
            if known == 0 or n % known:
                if not (known == 0 and n == 0):
                    raise ValueError(f"Cannot reshape a tensor with {n} elements to shape "
                                     f"{sv} ({known} elements)")
            sv = [(n // known if known else 0) if d == -1 else d for d in sv]
        else:
            sv = [None if d == -1 else d for d in sv]
    elif n is not None and n != int(np.prod(sv)):
        raise ValueError(f"Cannot reshape a tensor with {n} elements to shape {sv} "
                         f"({int(np.prod(sv))} elements)")
    return [(x.dtype.base_dtype, TensorShape(sv))]


def _reshape_kernel(x, s):
    return np.reshape(x, s)


def _reshape_grad(op, grad):
    """Reshape back to the input's shape."""
    x = op.inputs[0]
    xs = x.shape.as_tuple()
    if xs is not None and None not in xs:
        return [reshape(grad, list(xs)), None]
    return [reshape(grad, shape(x)), None]


register_op("Reshape", infer=_reshape_infer, kernel=_reshape_kernel, grad=_reshape_grad,
            aliases_input=True)


def reshape(tensor, shape, name=None):  # noqa: A002
    """Gives `tensor` a new shape with the same number of elements (-1 infers one dim)."""
    x = to_tensor(tensor)
    if not hasattr(shape, "op"):
        shape = constant(np.asarray(shape, dtype=np.int32).reshape(-1)
                         if np.ndim(shape) <= 1 else shape, dtype=_dt.int32)
    return apply("Reshape", [x, shape], None, name or "Reshape")


# -- Fill / ZerosLike / OnesLike -------------------------------------------------------------
def _fill_infer(inputs, attrs):
    dims, value = inputs
    dv = const_value(dims)
    if value.shape.ndims not in (None, 0):
        raise ValueError(f"value must be a scalar, got shape {value.shape}")
    if dv is None:
        n = dims.shape.as_tuple()
        return [(value.dtype.base_dtype, TensorShape(None if not n or n[0] is None
                                                     else [None] * n[0]))]
    return [(value.dtype.base_dtype, TensorShape([int(d) for d in np.asarray(dv).reshape(-1)]))]


def _fill_kernel(dims, value):
    return np.full(tuple(int(d) for d in dims), value, dtype=np.asarray(value).dtype)


register_op("Fill", infer=_fill_infer, kernel=_fill_kernel,
            grad=lambda op, grad: [None, _reduce_all(grad)])


def _reduce_all(grad):
    from .math_ops import reduce_sum
    return reduce_sum(grad)


def fill(dims, value, name=None):
    value = to_tensor(value)
    dims = to_tensor(dims, dtype=_dt.int32) if not hasattr(dims, "op") else dims
    return apply("Fill", [dims, value], None, name or "Fill")


def _like_kernel(v):
    def k(x):
        return np.full(np.shape(x), v, dtype=np.asarray(x).dtype)
    return k


register_op("ZerosLike", infer=unary_same, kernel=_like_kernel(0), grad=lambda op, g: [None])
register_op("OnesLike", infer=unary_same, kernel=_like_kernel(1), grad=lambda op, g: [None])


def zeros_like(tensor, dtype=None, name=None, optimize=True):
    x = to_tensor(tensor)
    if dtype is not None and _dt.as_dtype(dtype).base_dtype is not x.dtype.base_dtype:
        return zeros(shape(x), dtype=dtype, name=name)
    return apply("ZerosLike", [x], None, name or "zeros_like")


def ones_like(tensor, dtype=None, name=None, optimize=True):
    x = to_tensor(tensor)
    if dtype is not None and _dt.as_dtype(dtype).base_dtype is not x.dtype.base_dtype:
        return ones(shape(x), dtype=dtype, name=name)
    return apply("OnesLike", [x], None, name or "ones_like")


def _filled(shape_, dtype, value, name):
    dtype = _dt.as_dtype(dtype).base_dtype
    if hasattr(shape_, "op"):
        return fill(shape_, constant(value, dtype=dtype), name=name)
    dims = [int(d) for d in as_shape(shape_).as_list()]
    if builtins.sum(dims) < 1000 if dims else True:
        return constant(np.full(dims, value, dtype=dtype.as_numpy_dtype), dtype=dtype, name=name)
    return fill(constant(np.array(dims, dtype=np.int32)), constant(value, dtype=dtype), name=name)


def zeros(shape, dtype=_dt.float32, name=None):  # noqa: A002
    return _filled(shape, dtype, 0, name or "zeros")


def ones(shape, dtype=_dt.float32, name=None):  # noqa: A002
    return _filled(shape, dtype, 1, name or "ones")


# -- BroadcastTo / BroadcastGradientArgs ----------------------------------------------------
def _broadcast_to_infer(inputs, attrs):
    x, s = inputs
    sv = const_value(s)
    if sv is None:
        n = s.shape.as_tuple()
        return [(x.dtype.base_dtype, TensorShape(None if not n or n[0] is None
                                                 else [None] * n[0]))]
    from ._base import broadcast_dims
    target = tuple(int(d) for d in np.asarray(sv).reshape(-1))
    out = broadcast_dims(x.shape.as_tuple(), target)
    if out is not None and tuple(out) != target:
        raise ValueError(f"Unable to broadcast tensor of shape {x.shape} to shape {list(target)}")
    return [(x.dtype.base_dtype, TensorShape(target))]


def _broadcast_to_kernel(x, s):
    return np.broadcast_to(x, tuple(int(d) for d in s))


def _broadcast_to_grad(op, grad):
    """Sum the gradient back over the broadcast axes."""
    from ._grad_util import sum_to
    return [sum_to(grad, op.inputs[0]), None]


register_op("BroadcastTo", infer=_broadcast_to_infer, kernel=_broadcast_to_kernel,
            grad=_broadcast_to_grad, aliases_input=True)


def broadcast_to(input, shape, name=None):  # noqa: A002
    x = to_tensor(input)
    if not hasattr(shape, "op"):
        shape = constant(np.asarray(shape, dtype=np.int32))
    return apply("BroadcastTo", [x, shape], None, name or "BroadcastTo")


def _bga_infer(inputs, attrs):
    return [(inputs[0].dtype.base_dtype, TensorShape([None])),
            (inputs[0].dtype.base_dtype, TensorShape([None]))]


def _bga_kernel(s0, s1):
    s0, s1 = list(s0), list(s1)
    n = builtins.max(len(s0), len(s1))
    a = [1] * (n - len(s0)) + s0
    b = [1] * (n - len(s1)) + s1
    r0, r1 = [], []
    for i, (x, y) in enumerate(zip(a, b)):
        if x == 1 and y != 1:
            r0.append(i)
        elif y == 1 and x != 1:
            r1.append(i)
        elif x == 1 and y == 1:
            r0.append(i)
            r1.append(i)
        elif x != y:
            raise ValueError(f"Incompatible shapes: {s0} vs. {s1}")
    return np.array(r0, dtype=np.int32), np.array(r1, dtype=np.int32)


register_op("BroadcastGradientArgs", infer=_bga_infer, kernel=_bga_kernel, grad=None)


# -- Rank / Size / Range ----------------------------------------------------------------------
register_op("Rank", infer=lambda ins, a: [(_dt.int32, TensorShape(()))],
            kernel=lambda x: np.int32(np.ndim(x)), grad=None)


def rank(input, name=None):  # noqa: A002
    x = to_tensor(input)
    return apply("Rank", [x], None, name or "Rank")


def _range_infer(inputs, attrs):
    s, l_, d = (const_value(t) for t in inputs)
    dt = inputs[0].dtype.base_dtype
    if s is None or l_ is None or d is None:
        return [(dt, TensorShape([None]))]
    if d == 0:
        raise ValueError("Requires delta != 0")
    n = builtins.max(0, int(np.ceil((l_ - s) / d)))
    return [(dt, TensorShape([n]))]


register_op("Range", infer=_range_infer,
            kernel=lambda s, l_, d: np.arange(s, l_, d, dtype=np.asarray(s).dtype), grad=None)


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001
    """Like Python's range, as a 1-D tensor (int32 for ints, float32 for floats)."""
    if limit is None:
        start, limit = 0, start
    vals = [start, limit, delta]
    ts = [v for v in vals if hasattr(v, "op")]
    if dtype is None:
        kinds = [t.dtype.base_dtype for t in ts]
        if kinds:
            dtype = builtins.max(kinds, key=lambda d: [_dt.int32, _dt.int64, _dt.float32,
                                                       _dt.float64].index(d))
        else:
            dtype = _dt.float32 if any(isinstance(v, float) for v in vals) else _dt.int32
    dtype = _dt.as_dtype(dtype)
    s, l_, d = [v if hasattr(v, "op") and v.dtype.base_dtype is dtype else
                (cast(v, dtype) if hasattr(v, "op") else constant(v, dtype=dtype))
                for v in vals]
    return apply("Range", [s, l_, d], None, name)


def cast(x, dtype):
    from .math_ops import cast as _cast
    return _cast(x, dtype)


# -- Select (where with three arguments) ----------------------------------------------------
def _select_infer(inputs, attrs):
    c, x, y = inputs
    if c.dtype.base_dtype is not _dt.bool_:
        raise TypeError(f"Input 'condition' of 'Select' Op has type {c.dtype.name} that does "
                        "not match expected type of bool.")
    if x.dtype.base_dtype is not y.dtype.base_dtype:
        raise TypeError(f"Input 'e' of 'Select' Op has type {y.dtype.name} that does not match "
                        f"type {x.dtype.name} of argument 't'.")
    if not x.shape.is_compatible_with(y.shape):
        raise ValueError(f"Shapes must be equal rank, but are {x.shape} and {y.shape}")
    shp = x.shape.merge_with(y.shape)
    cs = c.shape
    if cs.ndims is not None and shp.ndims is not None and cs.ndims not in (1, shp.ndims) \
            and cs.ndims != 0:
        raise ValueError(f"Shape must be rank {shp.ndims} or 1 but is rank {cs.ndims}")
    return [(x.dtype.base_dtype, shp)]


def _select_kernel(c, x, y):
    c = np.asarray(c)
    x = np.asarray(x)
    if c.ndim == 1 and x.ndim > 1:
        c = c.reshape((-1,) + (1,) * (x.ndim - 1))
    return np.where(c, x, y)


def _select_grad(op, grad):
    """Route the gradient to the branch each element came from; zeros elsewhere."""
    c, x, y = op.inputs
    z = zeros_like(grad)
    return [None, where(c, grad, z), where(c, z, grad)]


register_op("Select", infer=_select_infer, kernel=_select_kernel, grad=_select_grad)


def where(condition, x=None, y=None, name=None):
    """With x and y: elementwise select; with neither: coordinates of True elements."""
    c = to_tensor(condition, dtype=_dt.bool_)
    if x is None and y is None:
        return apply("Where", [c], None, name or "Where")
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    from ._base import same_type_inputs
    x, y = same_type_inputs("Select", [x, y], ["t", "e"])
    return apply("Select", [c, x, y], None, name or "Select")


# -- Placeholder ------------------------------------------------------------------------------
def _placeholder_infer(inputs, attrs):
    return [(attrs["dtype"], TensorShape(attrs["shape"]))]


def _placeholder_bind(node, ctx):
    from ..framework import errors
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
    from ..framework.tensor_shape import as_shape as _as_shape
    shape = _as_shape(shape) if shape is not None else TensorShape(None)
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
    from ..framework.tensor_shape import as_shape as _as_shape
    x = to_tensor(input)
    return apply("PlaceholderWithDefault", [x], {"shape": _as_shape(shape).as_tuple()},
                 name or "PlaceholderWithDefault")
