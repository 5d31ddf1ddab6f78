"""Elementwise arithmetic, reductions and AddN: one block per op."""
from __future__ import annotations

__all__ = ["add", "subtract", "multiply", "truediv", "negative", "pow", "square", "tanh", "cast", "to_float", "to_double", "to_int32", "to_int64", "reduce_sum", "add_n", "log", "reciprocal", "sub", "mul", "neg"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import (FLOAT_COMPLEX, NUMBERS, apply, binary_broadcast, check_dtype,
                    const_value, same_type_inputs, to_tensor, unary_same)
from ._grad_util import sum_to
from ..autodiff.gradients import wants_grad


def _binary(op_type, x, y, name, allowed=NUMBERS):
    x, y = same_type_inputs(op_type, [x, y], allowed=allowed)
    return apply(op_type, [x, y], None, name)


def _unary(op_type, x, name, allowed=NUMBERS):
    x = to_tensor(x, name="x")
    check_dtype(op_type, x, allowed)
    return apply(op_type, [x], None, name)


# -- Add -------------------------------------------------------------------------------------
def _add_grad(op, grad):
    """d(x+y) = dx + dy, each summed back to its input's shape."""
    x, y = op.inputs
    return [sum_to(grad, x) if wants_grad(0) else None,
            sum_to(grad, y) if wants_grad(1) else None]


register_op("Add", infer=binary_broadcast, kernel=np.add, grad=_add_grad, elementwise=True,
            inplace_ok=True)
register_op("AddV2", infer=binary_broadcast, kernel=np.add, grad=_add_grad, elementwise=True,
            inplace_ok=True)


def add(x, y, name=None):
    """x + y elementwise, with broadcasting.

    >>> tf.add(1.0, 2.0)  # doctest: +SKIP
    """
    return _binary("Add", x, y, name, NUMBERS + (_dt.string,))


# -- Sub -------------------------------------------------------------------------------------
def _sub_grad(op, grad):
    """d(x-y) = dx - dy."""
    x, y = op.inputs
    return [sum_to(grad, x) if wants_grad(0) else None,
            sum_to(negative(grad), y) if wants_grad(1) else None]


register_op("Sub", infer=binary_broadcast, kernel=np.subtract, grad=_sub_grad, elementwise=True,
            inplace_ok=True)


def subtract(x, y, name=None):
    """x - y elementwise, with broadcasting."""
    return _binary("Sub", x, y, name)


sub = subtract


# -- Mul -------------------------------------------------------------------------------------
def _mul_grad(op, grad):
    """d(x*y) = y dx + x dy."""
    x, y = op.inputs
    return [sum_to(multiply(grad, y), x) if wants_grad(0) else None,
            sum_to(multiply(x, grad), y) if wants_grad(1) else None]


register_op("Mul", infer=binary_broadcast, kernel=np.multiply, grad=_mul_grad, elementwise=True,
            inplace_ok=True)


def multiply(x, y, name=None):
    """x * y elementwise, with broadcasting."""
    return _binary("Mul", x, y, name)


mul = multiply


# -- RealDiv -----------------------------------------------------------------------------------
def _realdiv_grad(op, grad):
    """d(x/y) = dx / y - x / y^2 dy."""
    x, y = op.inputs
    return [sum_to(realdiv(grad, y), x) if wants_grad(0) else None,
            sum_to(multiply(grad, realdiv(realdiv(negative(x), y), y)), y)
            if wants_grad(1) else None]


register_op("RealDiv", infer=binary_broadcast, kernel=np.true_divide, grad=_realdiv_grad,
            elementwise=True, inplace_ok=True)


def realdiv(x, y, name=None):
    return _binary("RealDiv", x, y, name, FLOAT_COMPLEX)


def truediv(x, y, name=None):
    """x / y; integer inputs are cast to float first (int32 -> float64), as in TF."""
    x, y = same_type_inputs("truediv", [x, y])
    dt = x.dtype.base_dtype
    if dt in (_dt.int8, _dt.int16, _dt.uint8, _dt.uint16):
        x, y = cast(x, _dt.float32), cast(y, _dt.float32)
    elif dt in (_dt.int32, _dt.int64):
        x, y = cast(x, _dt.float64), cast(y, _dt.float64)
    return apply("RealDiv", [x, y], None, name or "truediv")


# -- Neg -------------------------------------------------------------------------------------
register_op("Neg", infer=unary_same, kernel=np.negative,
            grad=lambda op, grad: [negative(grad)], elementwise=True, inplace_ok=True)


def negative(x, name=None):
    """-x elementwise."""
    return _unary("Neg", x, name)


neg = negative


# -- Pow -------------------------------------------------------------------------------------
def _pow_kernel(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) < 0):
        raise ValueError("Integers to negative integer powers are not allowed")
    return np.power(x, y)


def _pow_grad(op, grad):
    """d(x^y) = y x^(y-1) dx + log(x) x^y dy (log taken as 0 where x <= 0, as TF)."""
    x, y = op.inputs
    z = op.outputs[0]
    gx = sum_to(multiply(grad, multiply(y, pow(x, subtract(y, _one_like(y))))), x) \
        if wants_grad(0) else None
    if not wants_grad(1) or not x.dtype.is_floating and not x.dtype.is_complex:
        return [gx, None]
    from .array_ops import where, zeros_like
    from .comparison_ops import greater
    safe_x = where(greater(x, zeros_like(x)), x, _ones(x))
    log_x = where(greater(x, zeros_like(x)), log(safe_x), zeros_like(x))
    gy = sum_to(multiply(grad, multiply(z, log_x)), y)
    return [gx, gy]


def _one_like(t):
    from ..framework.constant_op import constant
    return constant(1, dtype=t.dtype.base_dtype)


def _ones(t):
    from .array_ops import ones_like
    return ones_like(t)


register_op("Pow", infer=binary_broadcast, kernel=_pow_kernel, grad=_pow_grad, elementwise=True)


def pow(x, y, name=None):  # noqa: A001 - TF's name
    """x ** y elementwise."""
    return _binary("Pow", x, y, name)


# -- Square ------------------------------------------------------------------------------------
def _square_grad(op, grad):
    """d(x^2) = 2 x dx."""
    x = op.inputs[0]
    from ..framework.constant_op import constant
    return [multiply(grad, multiply(x, constant(2, dtype=x.dtype.base_dtype)))]


register_op("Square", infer=unary_same, kernel=np.square, grad=_square_grad, elementwise=True,
            inplace_ok=True)


def square(x, name=None):
    return _unary("Square", x, name)


# -- Tanh ------------------------------------------------------------------------------------
register_op("Tanh", infer=unary_same, kernel=np.tanh,
            grad=lambda op, grad: [tanh_grad(op.outputs[0], grad)], elementwise=True,
            inplace_ok=True)


def tanh(x, name=None):
    return _unary("Tanh", x, name, FLOAT_COMPLEX)


def _tanh_grad_kernel(y, dy):
    return dy * (1 - y * y)


def _tanh_grad_grad(op, grad):
    """TanhGrad(y, dy) = dy (1 - y^2): d/dy = -2 y dy grad, d/ddy = (1 - y^2) grad."""
    y, dy = op.inputs
    from ..framework.constant_op import constant
    m2 = constant(-2, dtype=y.dtype.base_dtype)
    return [multiply(multiply(grad, dy), multiply(m2, y)), tanh_grad(y, grad)]


register_op("TanhGrad", infer=unary_same, kernel=_tanh_grad_kernel, grad=_tanh_grad_grad,
            elementwise=True)


def tanh_grad(y, dy, name=None):
    return apply("TanhGrad", [y, dy], None, name)


# -- Cast ------------------------------------------------------------------------------------
def _cast_infer(inputs, attrs):
    return [(attrs["DstT"], inputs[0].shape)]


def _cast_kernel(x, DstT, **_):  # noqa: N803 - TF's attr name
    return np.asarray(x).astype(DstT.as_numpy_dtype)


def _cast_grad(op, grad):
    """Cast is differentiable between float/complex types only."""
    src = op.inputs[0].dtype.base_dtype
    dst = op.outputs[0].dtype.base_dtype
    if (src.is_floating or src.is_complex) and (dst.is_floating or dst.is_complex):
        return [cast(grad, src)]
    return [None]


register_op("Cast", infer=_cast_infer, kernel=_cast_kernel, grad=_cast_grad, elementwise=True)


def cast(x, dtype, name=None):
    """Casts `x` to `dtype` (a no-op returning `x` when the dtype is already right)."""
    dtype = _dt.as_dtype(dtype).base_dtype
    x = to_tensor(x, name="x")
    if x.dtype.base_dtype is dtype:
        return x
    return apply("Cast", [x], {"DstT": dtype, "SrcT": x.dtype.base_dtype}, name or "Cast")


def to_float(x, name="ToFloat"):
    return cast(x, _dt.float32, name)


def to_double(x, name="ToDouble"):
    return cast(x, _dt.float64, name)


def to_int32(x, name="ToInt32"):
    return cast(x, _dt.int32, name)


def to_int64(x, name="ToInt64"):
    return cast(x, _dt.int64, name)


# -- Sum -------------------------------------------------------------------------------------
def _reduce_infer(inputs, attrs):
    x, axes = inputs
    return [(x.dtype.base_dtype, reduced_shape(x, axes, attrs.get("keep_dims", False)))]


def reduced_shape(x, axes_t, keep_dims):
    xs = x.shape.as_tuple()
    axes = const_value(axes_t)
    if axes is None:
        if keep_dims and xs is not None:
            return TensorShape([None] * len(xs))
        return TensorShape(None)
    if xs is None:
        return TensorShape(None) if not keep_dims else TensorShape(None)
    rank = len(xs)
    axes = np.asarray(axes).reshape(-1)
    for a in axes:
        if not -rank <= a < max(rank, 1) and not (rank == 0 and a in (0, -1)):
            raise ValueError(f"Invalid reduction dimension {int(a)} for input with {rank} "
                             "dimensions.")
    norm = {int(a) % rank for a in axes} if rank else set()
    if keep_dims:
        return TensorShape([1 if i in norm else d for i, d in enumerate(xs)])
    return TensorShape([d for i, d in enumerate(xs) if i not in norm])


def _sum_kernel(x, axes, keep_dims=False, **_):
    return np.sum(x, axis=_axis(axes), keepdims=keep_dims, dtype=x.dtype)


def _axis(axes):
    a = np.asarray(axes)
    return int(a) if a.ndim == 0 else tuple(int(i) for i in a)


def _sum_grad(op, grad):
    """d(sum x) broadcasts the gradient back over the reduced axes."""
    from .array_ops import broadcast_to, reshape, shape
    x, axes = op.inputs
    xs = x.shape.as_tuple()
    kept = op.get_attr("keep_dims")
    gshape = grad.shape.as_tuple()
    if xs is not None and None not in xs:
        if not kept:
            ax = const_value(axes)
            if ax is not None:
                norm = {int(a) % len(xs) for a in np.asarray(ax).reshape(-1)} if xs else set()
                kshape = [1 if i in norm else d for i, d in enumerate(xs)]
                if list(gshape or ()) != kshape:
                    grad = reshape(grad, kshape)
            else:
                grad = reshape(grad, _kept_shape_dynamic(x, axes))
        if grad.shape.as_tuple() == xs:
            return [grad, None]
        return [broadcast_to(grad, list(xs)), None]
    if not kept:
        grad = reshape(grad, _kept_shape_dynamic(x, axes))
    return [broadcast_to(grad, shape(x)), None]


def _kept_shape_dynamic(x, axes):
    return apply("ReducedShape", [apply("Shape", [x], {"out_type": _dt.int32}), axes])


def _reduced_shape_kernel(shape, axes):
    shape = np.array(shape, copy=True)
    if shape.size:
        shape[np.asarray(axes).reshape(-1) % shape.size] = 1
    return shape


register_op("ReducedShape", infer=lambda ins, a: [(_dt.int32, ins[0].shape)],
            kernel=_reduced_shape_kernel, grad=None)
register_op("Sum", infer=_reduce_infer, kernel=_sum_kernel, grad=_sum_grad)


def _reduction_axes(x, axis):
    from ..framework.constant_op import constant
    if axis is None:
        r = x.shape.ndims
        if r is not None:
            return constant(np.arange(r, dtype=np.int32))
        from .array_ops import range as _range, rank
        return _range(0, rank(x))
    if isinstance(axis, (list, tuple)) or np.ndim(axis) > 0:
        return constant(np.asarray(axis, dtype=np.int32))
    if isinstance(axis, (int, np.integer)):
        return constant(np.int32(axis))
    return to_tensor(axis)


def _keep(keepdims, keep_dims):
    if keepdims is not None and keep_dims is not None:
        raise ValueError("Cannot specify both 'keepdims' and 'keep_dims'")
    return bool(keepdims if keepdims is not None else keep_dims)


def _axis_arg(axis, reduction_indices):
    if axis is not None and reduction_indices is not None:
        raise ValueError("Can not specify both 'axis' and 'reduction_indices'.")
    return axis if axis is not None else reduction_indices


def reduce_sum(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    """Sum over `axis` (all axes when None); TF 1.x spellings accepted."""
    x = to_tensor(input_tensor, name="input_tensor")
    axes = _reduction_axes(x, _axis_arg(axis, reduction_indices))
    return apply("Sum", [x, axes], {"keep_dims": _keep(keepdims, keep_dims)}, name or "Sum")


# -- AddN -------------------------------------------------------------------------------------
def _addn_infer(inputs, attrs):
    if not inputs:
        raise ValueError("AddN needs at least one input")
    dt = inputs[0].dtype.base_dtype
    shape = inputs[0].shape
    for i, t in enumerate(inputs[1:], 1):
        if t.dtype.base_dtype is not dt:
            raise TypeError(f"Input {i} of 'AddN' has type {t.dtype.name} that does not match "
                            f"type {dt.name} of input 0.")
        if not shape.is_compatible_with(t.shape):
            raise ValueError(f"Shapes must be equal for AddN, got {shape} and {t.shape}")
        shape = shape.merge_with(t.shape)
    return [(dt, shape)]


def _addn_kernel(*xs):
    if len(xs) == 1:
        return xs[0]
    out = np.add(xs[0], xs[1])
    for x in xs[2:]:
        if type(out) is np.ndarray:
            np.add(out, x, out=out)
        else:
            out = out + x
    return out


register_op("AddN", infer=_addn_infer, kernel=_addn_kernel,
            grad=lambda op, grad: [grad] * len(op.inputs))


def add_n(inputs, name=None):
    """Sums a list of tensors of one shape and dtype."""
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("inputs must be a list of at least one Tensor/IndexedSlices with the "
                         "same dtype and shape")
    inputs = [to_tensor(t) for t in inputs]
    if len(inputs) == 1:
        from .array_ops import identity
        return identity(inputs[0], name=name) if name else inputs[0]
    return apply("AddN", inputs, None, name)


# -- Log -------------------------------------------------------------------------------------
register_op("Log", infer=unary_same, kernel=np.log,
            grad=lambda op, grad: [multiply(grad, reciprocal(op.inputs[0]))], elementwise=True,
            inplace_ok=True)


def log(x, name=None):
    """Natural logarithm elementwise."""
    return _unary("Log", x, name, FLOAT_COMPLEX)


def _reciprocal_grad(op, grad):
    """d(1/x) = -1/x^2 = -y^2."""
    y = op.outputs[0]
    return [apply("ReciprocalGrad", [y, grad])]


register_op("Reciprocal", infer=unary_same, kernel=np.reciprocal, grad=_reciprocal_grad,
            elementwise=True, inplace_ok=True)


def _reciprocal_grad_grad(op, grad):
    """ReciprocalGrad(y, dy) = -dy y^2: d/dy = -2 dy y grad, d/ddy = -y^2 grad."""
    y, dy = op.inputs
    from ..framework.constant_op import constant
    m2 = constant(-2, dtype=y.dtype.base_dtype)
    return [multiply(grad, multiply(m2, multiply(dy, y))), apply("ReciprocalGrad", [y, grad])]


register_op("ReciprocalGrad", infer=unary_same, kernel=lambda y, dy: -dy * y * y,
            grad=_reciprocal_grad_grad, elementwise=True)


def reciprocal(x, name=None):
    """1 / x elementwise."""
    return _unary("Reciprocal", x, name, FLOAT_COMPLEX)
