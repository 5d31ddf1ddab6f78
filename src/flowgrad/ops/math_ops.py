"""Elementwise arithmetic, unary math, reductions, scans and clipping: one block per op.

Every op is one `register_op` block (infer, kernel, grad) next to its public
function, with TF 1.14's name, signature, dtype rules and gradient.
Composite functions (truediv, div, reduce_logsumexp, clip_by_*, norm, ...)
are built from these primitives as TF 1.14 builds them.
"""
from __future__ import annotations

__all__ = [
    # binary arithmetic
    "add", "subtract", "multiply", "scalar_mul", "divide", "truediv", "div", "realdiv",
    "floordiv", "floor_div", "floormod", "mod", "truncatediv", "truncatemod", "pow", "maximum",
    "minimum", "squared_difference", "div_no_nan", "atan2",
    # unary
    "negative", "abs", "sign", "reciprocal", "square", "sqrt", "rsqrt", "exp", "expm1",
    "log", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
    "sigmoid", "erf", "erfc", "floor", "ceil", "round", "rint", "is_nan", "is_inf",
    "is_finite", "conj", "asinh", "acosh", "atanh", "log_sigmoid", "lgamma", "digamma",
    "polygamma", "zeta",
    # casts
    "cast", "to_float", "to_double", "to_int32", "to_int64",
    # reductions and scans
    "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_any",
    "reduce_all", "reduce_logsumexp", "count_nonzero", "argmax", "argmin", "cumsum", "cumprod",
    "bincount", "is_non_decreasing", "is_strictly_increasing",
    # sums of lists, clipping, norms
    "add_n", "accumulate_n", "clip_by_value", "clip_by_norm", "clip_by_global_norm",
    "global_norm", "norm",
]
# Only under tf.math in TF 1.14 (see flowgrad/math.py): xlogy, xdivy, multiply_no_nan,
# polyval, reduce_variance, reduce_std, reduce_euclidean_norm, lbeta, nextafter.
# Old aliases kept for callers: sub, mul, neg.

import builtins
import math as _math

import numpy as np

from ..engine.framework.grad_state import wants_grad
from ..engine.framework import dtypes as _dt
from ..engine.framework import errors as _errors
from ..engine.framework.constant_op import constant
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import (COMPLEX, FLOAT_COMPLEX, FLOATS, NUMBERS, REAL_NUMBERS, apply,
                    binary_broadcast, check_dtype, const_value, same_type_inputs, to_tensor,
                    unary_same)
from ..engine.ops._grad_util import sum_to

_I32_64 = (_dt.int32, _dt.int64)
# Maximum, Minimum, FloorMod, SquaredDifference and friends: TF's narrower type lists.
_MINMAX_TYPES = FLOATS + _I32_64
_FLOORMOD_TYPES = FLOATS + _I32_64
_SQDIFF_TYPES = FLOATS + _I32_64 + COMPLEX
_ABS_TYPES = FLOATS + (_dt.int8, _dt.int16, _dt.int32, _dt.int64)


def _binary(op_type, x, y, name, allowed=NUMBERS):
    x, y = same_type_inputs(op_type, [x, y], allowed=allowed)
    return apply(op_type, [x, y], None, name)


def _unary(op_type, x, name, allowed=NUMBERS):
    x = to_tensor(x, name="x")
    check_dtype(op_type, x, allowed)
    return apply(op_type, [x], None, name)


def _scalar(value, like):
    """A scalar constant of `like`'s dtype (gradient rules use it)."""
    return constant(value, dtype=like.dtype.base_dtype)


def _both(op, grad, gx, gy):
    """Sums the per-input gradients `gx(grad)`, `gy(grad)` back to the input shapes."""
    x, y = op.inputs
    return [sum_to(gx(), x) if wants_grad(0) else None,
            sum_to(gy(), y) if wants_grad(1) else None]


def _check_int_divisor(x, y):
    if x.dtype.kind in "iu" and not np.all(y):
        raise _errors.InvalidArgumentError(None, None, "Integer division by zero")


# =========================================================================================
# Binary arithmetic
# =========================================================================================

# -- Add -------------------------------------------------------------------------------------
def _add_grad(op, grad):
    """d(x+y) = dx + dy, each summed back to its input's shape."""
    return _both(op, grad, lambda: grad, lambda: grad)


register_op("Add", infer=binary_broadcast, kernel=np.add, grad=_add_grad, elementwise=True,
            inplace_ok=True)
register_op("AddV2", infer=binary_broadcast, kernel=np.add, grad=_add_grad, elementwise=True,
            inplace_ok=True)


def add(x, y, name=None):
    """Returns x + y elementwise, with broadcasting (TF op `Add`).

    Args:
      x: a Tensor of a numeric or string type.
      y: a Tensor of the same dtype as `x`.
      name: optional op name.
    Returns:
      A Tensor of `x`'s dtype and the broadcast shape.
    Raises:
      TypeError: the dtypes differ or are not allowed.
      ValueError: the shapes do not broadcast.

    >>> tf.add(tf.constant([1.0, 2.0]), 1.0)  # -> [2., 3.]  # doctest: +SKIP
    """
    return _binary("Add", x, y, name, NUMBERS + (_dt.string,))


# -- Sub -------------------------------------------------------------------------------------
def _sub_grad(op, grad):
    """d(x-y) = dx - dy."""
    return _both(op, grad, lambda: grad, lambda: negative(grad))


register_op("Sub", infer=binary_broadcast, kernel=np.subtract, grad=_sub_grad, elementwise=True,
            inplace_ok=True)


def subtract(x, y, name=None):
    """Returns x - y elementwise, with broadcasting (TF op `Sub`).

    Args/Returns/Raises: as `add` (no strings).

    >>> tf.subtract(3.0, 1.0)  # -> 2.0  # doctest: +SKIP
    """
    return _binary("Sub", x, y, name)


sub = subtract


# -- Mul -------------------------------------------------------------------------------------
def _mul_grad(op, grad):
    """d(x*y) = y dx + x dy (conjugated for complex, as TF)."""
    x, y = conj(op.inputs[0]), conj(op.inputs[1])
    return _both(op, grad, lambda: multiply(grad, y), lambda: multiply(x, grad))


register_op("Mul", infer=binary_broadcast, kernel=np.multiply, grad=_mul_grad, elementwise=True,
            inplace_ok=True)


def multiply(x, y, name=None):
    """Returns x * y elementwise, with broadcasting (TF op `Mul`).

    Args/Returns/Raises: as `add` (no strings).

    >>> tf.multiply(2.0, 3.0)  # -> 6.0  # doctest: +SKIP
    """
    return _binary("Mul", x, y, name)


mul = multiply


def scalar_mul(scalar, x, name=None):
    """Multiplies a scalar by a tensor (TF's `scalar_mul`).

    Raises:
      ValueError: `scalar` is not a 0-d value.

    >>> tf.scalar_mul(2.0, tf.ones([2]))  # -> [2., 2.]  # doctest: +SKIP
    """
    scalar = to_tensor(scalar, dtype=x.dtype.base_dtype if isinstance(x, Tensor) else None,
                       name="scalar")
    if scalar.shape.ndims not in (None, 0):
        raise ValueError(f"Only scalar multiply works, got shape {scalar.shape}")
    return multiply(scalar, x, name=name)


# -- RealDiv -----------------------------------------------------------------------------------
def _realdiv_grad(op, grad):
    """d(x/y) = dx / y - x / y^2 dy (conjugated for complex, as TF)."""
    x, y = conj(op.inputs[0]), conj(op.inputs[1])
    return _both(op, grad, lambda: realdiv(grad, y),
                 lambda: multiply(grad, realdiv(realdiv(negative(x), y), y)))


register_op("RealDiv", infer=binary_broadcast, kernel=np.true_divide, grad=_realdiv_grad,
            elementwise=True, inplace_ok=True)


def realdiv(x, y, name=None):
    """Returns x / y for real (float) or complex tensors (TF op `RealDiv`).

    >>> tf.realdiv(1.0, 4.0)  # -> 0.25  # doctest: +SKIP
    """
    return _binary("RealDiv", x, y, name, FLOAT_COMPLEX)


# Integer dtypes truediv casts to before dividing, as TF's _TRUEDIV_TABLE.
_TRUEDIV_TABLE = {_dt.uint8: _dt.float32, _dt.int8: _dt.float32, _dt.uint16: _dt.float32,
                  _dt.int16: _dt.float32, _dt.int32: _dt.float64, _dt.int64: _dt.float64}


def truediv(x, y, name=None):
    """Divides x / y with Python 3 semantics: integers are cast to float first.

    int8/int16/uint8/uint16 become float32, int32/int64 become float64 (as TF).

    Args:
      x, y: Tensors of one real or complex dtype.
    Returns:
      A float or complex Tensor (op `RealDiv`, named `truediv` by default).
    Raises:
      TypeError: the dtypes of x and y differ.

    >>> tf.truediv(tf.constant(7), tf.constant(2))  # -> 3.5 (float64)  # doctest: +SKIP
    """
    with name_scope(name, "truediv", [x, y]) as scope:
        x = to_tensor(x, name="x")
        y = to_tensor(y, name="y")
        if x.dtype.base_dtype is not y.dtype.base_dtype:
            raise TypeError(f"x and y must have the same dtype, got {x.dtype!r} != {y.dtype!r}")
        dt = x.dtype.base_dtype
        if dt not in NUMBERS:
            raise TypeError(f"Invalid dtype {dt!r} in __truediv__")
        target = _TRUEDIV_TABLE.get(dt)
        if target is not None:
            x, y = cast(x, target), cast(y, target)
        return apply("RealDiv", [x, y], None, scope)


def divide(x, y, name=None):
    """Computes Python-style division of x by y (`x / y`; Python numbers stay Python).

    >>> tf.divide(tf.constant(1.0), 4.0)  # -> 0.25  # doctest: +SKIP
    """
    if name is not None:
        if not isinstance(x, Tensor) and not hasattr(x, "_as_graph_element"):
            x = to_tensor(x, name="x")
        return truediv(x, y, name=name)
    return x / y


def div(x, y, name=None):
    """Python 2 style division: floor division for integers, real division for floats.

    Args:
      x, y: Tensors of one real dtype.
    Returns:
      A Tensor of that dtype (op `FloorDiv` or `RealDiv`, named `div`).
    Raises:
      TypeError: the dtypes differ.

    >>> tf.div(tf.constant(-7), 2)  # -> -4  # doctest: +SKIP
    """
    with name_scope(name, "div", [x, y]) as scope:
        x = to_tensor(x, name="x")
        y = to_tensor(y, name="y", dtype=x.dtype.base_dtype)
        dt = x.dtype.base_dtype
        if dt.is_floating or dt.is_complex:
            return apply("RealDiv", [x, y], None, scope)
        return apply("FloorDiv", [x, y], None, scope)


# -- FloorDiv ------------------------------------------------------------------------------------
def _floordiv_kernel(x, y):
    _check_int_divisor(x, y)
    if x.dtype.kind == "f":
        # TF computes floor(x / y): 1.0 // 0.1 is 10 (Python's divmod rule gives 9).
        return np.floor(np.true_divide(x, y))
    return np.floor_divide(x, y)


register_op("FloorDiv", infer=binary_broadcast, kernel=_floordiv_kernel,
            grad=lambda op, grad: [None, None], elementwise=True)


def floordiv(x, y, name=None):
    """Divides x / y elementwise, rounding toward the most negative integer.

    For floats this is floor(x / y). Integer division by zero raises
    InvalidArgumentError at run time, as TF.

    >>> tf.floordiv(tf.constant([7, -7]), 2)  # -> [3, -4]  # doctest: +SKIP
    """
    with name_scope(name, "floordiv", [x, y]) as scope:
        return _binary("FloorDiv", x, y, scope)


floor_div = floordiv


# -- FloorMod ------------------------------------------------------------------------------------
def _floormod_kernel(x, y):
    _check_int_divisor(x, y)
    return np.mod(x, y)


def _floormod_grad(op, grad):
    """d mod(x, y) = dx - floor(x / y) dy."""
    x, y = op.inputs
    return _both(op, grad, lambda: grad,
                 lambda: multiply(grad, negative(apply("FloorDiv", [x, y]))))


register_op("FloorMod", infer=binary_broadcast, kernel=_floormod_kernel, grad=_floormod_grad,
            elementwise=True)


def floormod(x, y, name=None):
    """Remainder of floor division: x - floor(x / y) * y, with the sign of y.

    >>> tf.floormod(tf.constant([7, -7]), 2)  # -> [1, 1]  # doctest: +SKIP
    """
    return _binary("FloorMod", x, y, name, _FLOORMOD_TYPES)


mod = floormod


# -- TruncateDiv / TruncateMod ---------------------------------------------------------------
def _truncatediv_kernel(x, y):
    _check_int_divisor(x, y)
    if x.dtype.kind in "iu":
        q = np.floor_divide(x, y)
        # Floor and truncation differ when the signs differ and the division is inexact.
        fix = (np.not_equal(np.multiply(q, y), x)) & (np.less(x, 0) != np.less(y, 0))
        return np.add(q, fix.astype(q.dtype))
    # TF 1.14's TruncateDiv kernel on floats is a plain division (no truncation).
    return np.true_divide(x, y)


register_op("TruncateDiv", infer=binary_broadcast, kernel=_truncatediv_kernel,
            grad=lambda op, grad: [None, None], elementwise=True)


def truncatediv(x, y, name=None):
    """Divides x / y elementwise, rounding integers toward zero (C semantics).

    For floats TF 1.14 returns the plain quotient x / y, and so does this.

    >>> tf.truncatediv(tf.constant(-7), 2)  # -> -3  # doctest: +SKIP
    """
    return _binary("TruncateDiv", x, y, name)


def _truncatemod_kernel(x, y):
    _check_int_divisor(x, y)
    return np.fmod(x, y)


register_op("TruncateMod", infer=binary_broadcast, kernel=_truncatemod_kernel, grad=None,
            elementwise=True)


def truncatemod(x, y, name=None):
    """Remainder of truncating division (C's fmod): the sign of x.

    >>> tf.truncatemod(tf.constant(-7), 2)  # -> -1  # doctest: +SKIP
    """
    return _binary("TruncateMod", x, y, name, _FLOORMOD_TYPES)


# -- Pow -------------------------------------------------------------------------------------
def _pow_kernel(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) < 0):
        raise _errors.InvalidArgumentError(
            None, None, "Integers to negative integer powers are not allowed")
    return np.power(x, y)


def _pow_grad(op, grad):
    """d(x^y) = y x^(y-1) dx + x^y log(x) dy, with log(x) taken as 0 where x <= 0 (as TF)."""
    x, y = conj(op.inputs[0]), conj(op.inputs[1])
    z = conj(op.outputs[0])
    gx = sum_to(multiply(multiply(grad, y), pow(x, subtract(y, _scalar(1, y)))), op.inputs[0]) \
        if wants_grad(0) else None
    if not wants_grad(1):
        return [gx, None]
    from .array_ops import ones_like, where, zeros_like
    from .comparison_ops import greater, not_equal
    zero = zeros_like(x)
    mask = not_equal(x, zero) if x.dtype.is_complex else greater(x, zero)
    safe_x = where(mask, x, ones_like(x))
    log_x = where(mask, log(safe_x), zero)
    return [gx, sum_to(multiply(multiply(grad, z), log_x), op.inputs[1])]


register_op("Pow", infer=binary_broadcast, kernel=_pow_kernel, grad=_pow_grad, elementwise=True)


def pow(x, y, name=None):  # noqa: A001 - TF's name
    """Computes x ** y elementwise (op `Pow`).

    Integer bases with negative integer exponents fail at run time.

    >>> tf.pow(tf.constant([2.0, 3.0]), 2.0)  # -> [4., 9.]  # doctest: +SKIP
    """
    with name_scope(name, "Pow", [x]) as scope:
        return _binary("Pow", x, y, scope)


# -- Maximum / Minimum ------------------------------------------------------------------------
def _max_min_grad(selector):
    def rule(op, grad):
        """Gradient goes to x where selector(x, y) holds (ties go to x, as TF), else to y."""
        from .array_ops import where, zeros_like
        x, y = op.inputs
        xmask = selector(x, y)
        zeros = zeros_like(grad)
        return _both(op, grad, lambda: where(xmask, grad, zeros),
                     lambda: where(xmask, zeros, grad))
    return rule


def _ge(x, y):
    from .comparison_ops import greater_equal
    return greater_equal(x, y)


def _le(x, y):
    from .comparison_ops import less_equal
    return less_equal(x, y)


register_op("Maximum", infer=binary_broadcast, kernel=np.maximum, grad=_max_min_grad(_ge),
            elementwise=True, inplace_ok=True)


def maximum(x, y, name=None):
    """Returns max(x, y) elementwise, with broadcasting (op `Maximum`).

    The gradient of a tie goes to x, as TF.

    >>> tf.maximum(tf.constant([1.0, 5.0]), 3.0)  # -> [3., 5.]  # doctest: +SKIP
    """
    return _binary("Maximum", x, y, name, _MINMAX_TYPES)


register_op("Minimum", infer=binary_broadcast, kernel=np.minimum, grad=_max_min_grad(_le),
            elementwise=True, inplace_ok=True)


def minimum(x, y, name=None):
    """Returns min(x, y) elementwise, with broadcasting (op `Minimum`).

    The gradient of a tie goes to x, as TF.

    >>> tf.minimum(tf.constant([1.0, 5.0]), 3.0)  # -> [1., 3.]  # doctest: +SKIP
    """
    return _binary("Minimum", x, y, name, _MINMAX_TYPES)


# -- SquaredDifference ----------------------------------------------------------------------------
def _sqdiff_kernel(x, y):
    d = np.subtract(x, y)
    return np.multiply(d, np.conj(d)) if d.dtype.kind == "c" else np.multiply(d, d)


def _sqdiff_grad(op, grad):
    """d (x-y)^2 = 2 (x-y) (dx - dy)."""
    x, y = op.inputs
    g = multiply(multiply(_scalar(2, grad), grad), subtract(x, y))
    return _both(op, grad, lambda: g, lambda: negative(g))


register_op("SquaredDifference", infer=binary_broadcast, kernel=_sqdiff_kernel,
            grad=_sqdiff_grad, elementwise=True)


def squared_difference(x, y, name=None):
    """Returns (x - y)(x - y) elementwise, with broadcasting.

    >>> tf.squared_difference(3.0, 1.0)  # -> 4.0  # doctest: +SKIP
    """
    return _binary("SquaredDifference", x, y, name, _SQDIFF_TYPES)


# -- DivNoNan ---------------------------------------------------------------------------------
def _div_no_nan_kernel(x, y):
    safe = np.where(y == 0, np.ones((), y.dtype), y)
    return np.where(y == 0, np.zeros((), x.dtype), np.true_divide(x, safe))


def _div_no_nan_grad(op, grad):
    """d(x/y) as RealDiv's, with 0 wherever y == 0 (as TF)."""
    x, y = op.inputs
    return _both(op, grad, lambda: div_no_nan(grad, y),
                 lambda: multiply(grad, div_no_nan(div_no_nan(negative(x), y), y)))


register_op("DivNoNan", infer=binary_broadcast, kernel=_div_no_nan_kernel,
            grad=_div_no_nan_grad, elementwise=True)


def div_no_nan(x, y, name=None):
    """Returns x / y, or 0 where y is 0 (op `DivNoNan`; float types).

    >>> tf.div_no_nan(1.0, 0.0)  # -> 0.0  # doctest: +SKIP
    """
    with name_scope(name, "div_no_nan", [x, y]) as scope:
        return _binary("DivNoNan", x, y, scope, FLOAT_COMPLEX)


# -- Xlogy / Xdivy / MulNoNan ----------------------------------------------------------------
def _xlogy_kernel(x, y):
    return np.where(x == 0, np.zeros((), x.dtype), np.multiply(x, np.log(y)))


def _xlogy_grad(op, grad):
    """d x log(y) = log(y) dx (0 where x == 0) + x / y dy (0 where x == 0)."""
    from .comparison_ops import not_equal
    x, y = op.inputs
    not_zero_x = cast(not_equal(x, _scalar(0, x)), x.dtype.base_dtype)
    return _both(op, grad, lambda: multiply(xlogy(not_zero_x, y), grad),
                 lambda: multiply(xdivy(x, y), grad))


register_op("Xlogy", infer=binary_broadcast, kernel=_xlogy_kernel, grad=_xlogy_grad,
            elementwise=True)


def xlogy(x, y, name=None):
    """Returns x * log(y), and 0 where x == 0 (even if y is 0) (op `Xlogy`).

    >>> tf.math.xlogy(0.0, 0.0)  # -> 0.0  # doctest: +SKIP
    """
    return _binary("Xlogy", x, y, name, FLOAT_COMPLEX)


def _xdivy_kernel(x, y):
    return np.where(x == 0, np.zeros((), x.dtype), np.true_divide(x, y))


def _xdivy_grad(op, grad):
    """d x/y = 1/y dx (0 where x == 0) - x / y^2 dy."""
    from .comparison_ops import not_equal
    x, y = op.inputs
    not_zero_x = cast(not_equal(x, _scalar(0, x)), x.dtype.base_dtype)
    return _both(op, grad, lambda: multiply(xdivy(not_zero_x, y), grad),
                 lambda: multiply(xdivy(negative(x), square(y)), grad))


register_op("Xdivy", infer=binary_broadcast, kernel=_xdivy_kernel, grad=_xdivy_grad,
            elementwise=True)


def xdivy(x, y, name=None):
    """Returns x / y, and 0 where x == 0 (even if y is 0) (op `Xdivy`).

    >>> tf.math.xdivy(0.0, 0.0)  # -> 0.0  # doctest: +SKIP
    """
    return _binary("Xdivy", x, y, name, FLOAT_COMPLEX)


def _mul_no_nan_kernel(x, y):
    return np.where(y == 0, np.zeros((), x.dtype), np.multiply(x, y))


def _mul_no_nan_grad(op, grad):
    """d x*y = y dx + x dy, each product taken as 0 where its second factor is 0."""
    x, y = op.inputs
    return _both(op, grad, lambda: multiply_no_nan(grad, y), lambda: multiply_no_nan(x, grad))


register_op("MulNoNan", infer=binary_broadcast, kernel=_mul_no_nan_kernel,
            grad=_mul_no_nan_grad, elementwise=True)


def multiply_no_nan(x, y, name=None):
    """Returns x * y, and 0 where y == 0 even if x is NaN or inf (op `MulNoNan`).

    >>> tf.math.multiply_no_nan(float("inf"), 0.0)  # -> 0.0  # doctest: +SKIP
    """
    with name_scope(name, "multiply_no_nan", [x, y]) as scope:
        return _binary("MulNoNan", x, y, scope, FLOAT_COMPLEX)


# -- Atan2 ------------------------------------------------------------------------------------
def _atan2_grad(op, grad):
    """d atan2(y, x) = (x dy - y dx) / (x^2 + y^2); inputs are (y, x)."""
    y, x = op.inputs
    grad_inv = realdiv(grad, add(square(x), square(y)))
    return _both(op, grad, lambda: multiply(x, grad_inv),
                 lambda: multiply(negative(y), grad_inv))


register_op("Atan2", infer=binary_broadcast, kernel=np.arctan2, grad=_atan2_grad,
            elementwise=True, inplace_ok=True)


def atan2(y, x, name=None):
    """Elementwise arctangent of y / x, using the signs of both for the quadrant.

    >>> tf.atan2(1.0, -1.0)  # -> 2.356...  # doctest: +SKIP
    """
    y, x = same_type_inputs("Atan2", [y, x], ["y", "x"], allowed=FLOATS)
    return apply("Atan2", [y, x], None, name)


# =========================================================================================
# Unary math
# =========================================================================================

# -- Neg -------------------------------------------------------------------------------------
register_op("Neg", infer=unary_same, kernel=np.negative,
            grad=lambda op, grad: [negative(grad)], elementwise=True, inplace_ok=True)


def negative(x, name=None):
    """Returns -x elementwise (op `Neg`).

    >>> tf.negative(tf.constant([1, -2]))  # -> [-1, 2]  # doctest: +SKIP
    """
    return _unary("Neg", x, name)


neg = negative


# -- Abs -------------------------------------------------------------------------------------
register_op("Abs", infer=unary_same, kernel=np.abs,
            grad=lambda op, grad: [multiply(grad, sign(op.inputs[0]))], elementwise=True,
            inplace_ok=True)


def abs(x, name=None):  # noqa: A001 - TF's name
    """Returns |x| elementwise for real tensors (op `Abs`); its gradient at 0 is 0.

    >>> tf.abs(tf.constant([-1.5, 2.0]))  # -> [1.5, 2.]  # doctest: +SKIP
    """
    return _unary("Abs", x, name, _ABS_TYPES)


# -- Sign ------------------------------------------------------------------------------------
def _sign_kernel(x):
    if x.dtype.kind == "f":
        # (x > 0) - (x < 0), as Eigen: sign(nan) is 0 in TF.
        return np.subtract(np.greater(x, 0), np.less(x, 0), dtype=x.dtype)
    return np.sign(x)


def _sign_grad(op, grad):
    """Sign is piecewise constant: TF returns zeros (not None)."""
    from .array_ops import zeros_like
    return [zeros_like(op.inputs[0])]


register_op("Sign", infer=unary_same, kernel=_sign_kernel, grad=_sign_grad, elementwise=True)


def sign(x, name=None):
    """Returns -1, 0 or 1 by the sign of x elementwise (0 for NaN, as TF).

    >>> tf.sign(tf.constant([-3.0, 0.0, 2.0]))  # -> [-1., 0., 1.]  # doctest: +SKIP
    """
    return _unary("Sign", x, name, NUMBERS)


# -- Reciprocal ------------------------------------------------------------------------------
def _reciprocal_grad(op, grad):
    """d(1/x) = -1/x^2 = -y^2."""
    return [apply("ReciprocalGrad", [op.outputs[0], grad])]


register_op("Reciprocal", infer=unary_same, kernel=np.reciprocal, grad=_reciprocal_grad,
            elementwise=True, inplace_ok=True)


def reciprocal(x, name=None):
    """Returns 1 / x elementwise (op `Reciprocal`).

    >>> tf.reciprocal(tf.constant(4.0))  # -> 0.25  # doctest: +SKIP
    """
    return _unary("Reciprocal", x, name, FLOAT_COMPLEX)


def _reciprocal_grad_grad(op, grad):
    """ReciprocalGrad(y, dy) = -dy y^2: d/dy = -2 dy y grad, d/ddy = -y^2 grad."""
    y, dy = op.inputs
    return [multiply(grad, multiply(_scalar(-2, y), multiply(dy, y))),
            apply("ReciprocalGrad", [y, grad])]


register_op("ReciprocalGrad", infer=unary_same, kernel=lambda y, dy: -dy * y * y,
            grad=_reciprocal_grad_grad, elementwise=True)


# -- Square ------------------------------------------------------------------------------------
def _square_grad(op, grad):
    """d(x^2) = 2 x dx (conjugated for complex, as TF)."""
    x = conj(op.inputs[0])
    return [multiply(grad, multiply(x, _scalar(2, x)))]


register_op("Square", infer=unary_same, kernel=np.square, grad=_square_grad, elementwise=True,
            inplace_ok=True)


def square(x, name=None):
    """Returns x * x elementwise (op `Square`).

    >>> tf.square(tf.constant([2, -3]))  # -> [4, 9]  # doctest: +SKIP
    """
    return _unary("Square", x, name)


# -- Sqrt / SqrtGrad -------------------------------------------------------------------------
register_op("Sqrt", infer=unary_same, kernel=np.sqrt,
            grad=lambda op, grad: [apply("SqrtGrad", [op.outputs[0], grad])],
            elementwise=True, inplace_ok=True)


def sqrt(x, name=None):
    """Returns sqrt(x) elementwise (op `Sqrt`); its gradient at 0 is inf, as TF.

    >>> tf.sqrt(tf.constant([4.0, 9.0]))  # -> [2., 3.]  # doctest: +SKIP
    """
    return _unary("Sqrt", x, name, FLOAT_COMPLEX)


def _sqrt_grad_grad(op, grad):
    """SqrtGrad(y, dy) = 0.5 dy / y = z: d/dy = -grad z / y, d/ddy = 0.5 grad / y."""
    y = op.inputs[0]
    z = op.outputs[0]
    ga = realdiv(grad, y)
    return [negative(multiply(ga, z)), multiply(_scalar(0.5, ga), ga)]


register_op("SqrtGrad", infer=unary_same, kernel=lambda y, dy: dy * 0.5 / y,
            grad=_sqrt_grad_grad, elementwise=True)


# -- Rsqrt / RsqrtGrad -----------------------------------------------------------------------
def _rsqrt_kernel(x):
    return np.reciprocal(np.sqrt(x))


register_op("Rsqrt", infer=unary_same, kernel=_rsqrt_kernel,
            grad=lambda op, grad: [apply("RsqrtGrad", [op.outputs[0], grad])],
            elementwise=True)


def rsqrt(x, name=None):
    """Returns 1 / sqrt(x) elementwise (op `Rsqrt`).

    >>> tf.rsqrt(tf.constant(4.0))  # -> 0.5  # doctest: +SKIP
    """
    return _unary("Rsqrt", x, name, FLOAT_COMPLEX)


def _rsqrt_grad_grad(op, grad):
    """RsqrtGrad(y, dy) = -0.5 dy y^3: d/dy = -1.5 grad dy y^2, d/ddy = RsqrtGrad(y, grad)."""
    y, dy = op.inputs
    return [multiply(multiply(multiply(_scalar(-1.5, y), grad), dy), square(y)),
            apply("RsqrtGrad", [y, grad])]


register_op("RsqrtGrad", infer=unary_same, kernel=lambda y, dy: dy * (-0.5) * (y * y * y),
            grad=_rsqrt_grad_grad, elementwise=True)


# -- Exp / Expm1 / Log / Log1p ----------------------------------------------------------------
register_op("Exp", infer=unary_same, kernel=np.exp,
            grad=lambda op, grad: [multiply(grad, conj(op.outputs[0]))], elementwise=True,
            inplace_ok=True)


def exp(x, name=None):
    """Returns e^x elementwise (op `Exp`).

    >>> tf.exp(tf.constant(0.0))  # -> 1.0  # doctest: +SKIP
    """
    return _unary("Exp", x, name, FLOAT_COMPLEX)


register_op("Expm1", infer=unary_same, kernel=np.expm1,
            grad=lambda op, grad: [multiply(grad, exp(op.inputs[0]))], elementwise=True,
            inplace_ok=True)


def expm1(x, name=None):
    """Returns e^x - 1 elementwise, accurate near 0 (op `Expm1`).

    >>> tf.expm1(tf.constant(1e-10))  # -> 1e-10  # doctest: +SKIP
    """
    return _unary("Expm1", x, name, FLOAT_COMPLEX)


register_op("Log", infer=unary_same, kernel=np.log,
            grad=lambda op, grad: [multiply(grad, reciprocal(conj(op.inputs[0])))],
            elementwise=True,
            inplace_ok=True)


def log(x, name=None):
    """Natural logarithm elementwise (op `Log`).

    >>> tf.log(tf.constant(1.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Log", x, name, FLOAT_COMPLEX)


register_op("Log1p", infer=unary_same, kernel=np.log1p,
            grad=lambda op, grad: [multiply(grad, reciprocal(
                add(_scalar(1, op.inputs[0]), op.inputs[0])))],
            elementwise=True, inplace_ok=True)


def log1p(x, name=None):
    """Returns log(1 + x) elementwise, accurate near 0 (op `Log1p`).

    >>> tf.log1p(tf.constant(0.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Log1p", x, name, FLOAT_COMPLEX)


# -- Trigonometric and hyperbolic ------------------------------------------------------------
register_op("Sin", infer=unary_same, kernel=np.sin,
            grad=lambda op, grad: [multiply(grad, cos(conj(op.inputs[0])))], elementwise=True,
            inplace_ok=True)


def sin(x, name=None):
    """Sine elementwise (op `Sin`).

    >>> tf.sin(tf.constant(0.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Sin", x, name, FLOAT_COMPLEX)


register_op("Cos", infer=unary_same, kernel=np.cos,
            grad=lambda op, grad: [negative(multiply(grad, sin(conj(op.inputs[0]))))],
            elementwise=True, inplace_ok=True)


def cos(x, name=None):
    """Cosine elementwise (op `Cos`).

    >>> tf.cos(tf.constant(0.0))  # -> 1.0  # doctest: +SKIP
    """
    return _unary("Cos", x, name, FLOAT_COMPLEX)


register_op("Tan", infer=unary_same, kernel=np.tan,
            grad=lambda op, grad: [multiply(grad, square(reciprocal(cos(op.inputs[0]))))],
            elementwise=True, inplace_ok=True)


def tan(x, name=None):
    """Tangent elementwise (op `Tan`); d tan = sec^2.

    >>> tf.tan(tf.constant(0.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Tan", x, name, FLOAT_COMPLEX)


def _asin_grad(op, grad):
    """d asin(x) = 1 / sqrt(1 - x^2)."""
    x = op.inputs[0]
    return [multiply(grad, reciprocal(sqrt(subtract(_scalar(1, x), square(x)))))]


register_op("Asin", infer=unary_same, kernel=np.arcsin, grad=_asin_grad, elementwise=True,
            inplace_ok=True)


def asin(x, name=None):
    """Arcsine elementwise (op `Asin`); NaN outside [-1, 1].

    >>> tf.asin(tf.constant(1.0))  # -> 1.5707964  # doctest: +SKIP
    """
    return _unary("Asin", x, name, FLOAT_COMPLEX)


def _acos_grad(op, grad):
    """d acos(x) = -1 / sqrt(1 - x^2)."""
    x = op.inputs[0]
    return [negative(multiply(grad, reciprocal(sqrt(subtract(_scalar(1, x), square(x))))))]


register_op("Acos", infer=unary_same, kernel=np.arccos, grad=_acos_grad, elementwise=True,
            inplace_ok=True)


def acos(x, name=None):
    """Arccosine elementwise (op `Acos`); NaN outside [-1, 1].

    >>> tf.acos(tf.constant(1.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Acos", x, name, FLOAT_COMPLEX)


def _atan_grad(op, grad):
    """d atan(x) = 1 / (1 + x^2)."""
    x = op.inputs[0]
    return [multiply(grad, reciprocal(add(_scalar(1, x), square(x))))]


register_op("Atan", infer=unary_same, kernel=np.arctan, grad=_atan_grad, elementwise=True,
            inplace_ok=True)


def atan(x, name=None):
    """Arctangent elementwise (op `Atan`).

    >>> tf.atan(tf.constant(0.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Atan", x, name, FLOAT_COMPLEX)


register_op("Sinh", infer=unary_same, kernel=np.sinh,
            grad=lambda op, grad: [multiply(grad, cosh(op.inputs[0]))], elementwise=True,
            inplace_ok=True)


def sinh(x, name=None):
    """Hyperbolic sine elementwise (op `Sinh`).

    >>> tf.sinh(tf.constant(0.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Sinh", x, name, FLOAT_COMPLEX)


register_op("Cosh", infer=unary_same, kernel=np.cosh,
            grad=lambda op, grad: [multiply(grad, sinh(op.inputs[0]))], elementwise=True,
            inplace_ok=True)


def cosh(x, name=None):
    """Hyperbolic cosine elementwise (op `Cosh`).

    >>> tf.cosh(tf.constant(0.0))  # -> 1.0  # doctest: +SKIP
    """
    return _unary("Cosh", x, name, FLOAT_COMPLEX)


# -- Asinh / Acosh / Atanh -------------------------------------------------------------------
register_op("Asinh", infer=unary_same, kernel=np.arcsinh,
            grad=lambda op, grad: [realdiv(grad, cosh(op.outputs[0]))], elementwise=True,
            inplace_ok=True)


def asinh(x, name=None):
    """Inverse hyperbolic sine elementwise (op `Asinh`); d asinh = 1 / cosh(asinh x).

    >>> tf.asinh(tf.constant(0.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Asinh", x, name, FLOAT_COMPLEX)


register_op("Acosh", infer=unary_same, kernel=np.arccosh,
            grad=lambda op, grad: [realdiv(grad, sinh(op.outputs[0]))], elementwise=True,
            inplace_ok=True)


def acosh(x, name=None):
    """Inverse hyperbolic cosine elementwise (op `Acosh`); NaN below 1.

    >>> tf.acosh(tf.constant(1.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Acosh", x, name, FLOAT_COMPLEX)


def _atanh_grad(op, grad):
    """d atanh(x) = 1 / (1 - x^2)."""
    x = op.inputs[0]
    return [multiply(grad, reciprocal(subtract(_scalar(1, x), square(x))))]


register_op("Atanh", infer=unary_same, kernel=np.arctanh, grad=_atanh_grad, elementwise=True,
            inplace_ok=True)


def atanh(x, name=None):
    """Inverse hyperbolic tangent elementwise (op `Atanh`); +-inf at +-1.

    >>> tf.atanh(tf.constant(0.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Atanh", x, name, FLOAT_COMPLEX)


def log_sigmoid(x, name=None):
    """log(sigmoid(x)) = -softplus(-x), stable for large |x| (as TF 1.14 composes it).

    >>> tf.log_sigmoid(tf.constant(-100.0))  # -> -100.0  # doctest: +SKIP
    """
    from .nn_ops import softplus
    with name_scope(name, "LogSigmoid", [x]) as scope:
        x = to_tensor(x, name="x")
        return apply("Neg", [softplus(negative(x))], None, scope)


def polyval(coeffs, x, name=None):
    """Evaluates the polynomial coeffs[0] x^(n-1) + ... + coeffs[n-1] by Horner's rule.

    Args:
      coeffs: a list of Tensors (or numbers) broadcastable with x.
      x: a Tensor.
    Returns:
      A Tensor (zeros like x for an empty list).
    Raises:
      ValueError: coeffs is not a list.

    >>> tf.math.polyval([2.0, 0.0, 1.0], tf.constant(3.0))  # -> 19.0  # doctest: +SKIP
    """
    if not isinstance(coeffs, list):
        raise ValueError(f"Argument coeffs must be list type found {type(coeffs)}.")
    with name_scope(name, "polyval", [c for c in coeffs if isinstance(c, Tensor)] + [x]):
        x = to_tensor(x, name="x")
        if not coeffs:
            from .array_ops import zeros_like
            return zeros_like(x)
        coeffs = [to_tensor(c, name=f"coeff_{i}", dtype=None if isinstance(c, Tensor)
                            else x.dtype.base_dtype) for i, c in enumerate(coeffs)]
        p = coeffs[0]
        for c in coeffs[1:]:
            p = add(c, multiply(p, x))
        return p


# -- Lgamma / Digamma / Polygamma / Zeta --------------------------------------------------------
# Lanczos approximation (g = 7, n = 9): relative error ~1e-15 for x >= 0.5.
_LANCZOS = (0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7)


def _abs_sinpi(x):
    """|sin(pi x)| with the argument reduced first (exact zeros at the integers)."""
    return np.abs(np.sin(np.pi * (x - np.round(x))))


def _lgamma_kernel(x):
    xd = np.asarray(x, dtype=np.float64)
    refl = xd < 0.5
    z = np.where(refl, -xd, xd - 1)  # Lanczos works on z = x' - 1 with x' = 1 - x if reflected
    series = np.full_like(z, _LANCZOS[0])
    for k in builtins.range(1, 9):
        series += _LANCZOS[k] / (z + k)
    t = z + 7.5
    out = 0.5 * np.log(2 * np.pi) + (z + 0.5) * np.log(t) - t + np.log(series)
    out = np.where(refl, np.log(np.pi / _abs_sinpi(xd)) - out, out)
    out = np.where(np.isinf(xd), np.inf, out)
    return out.astype(x.dtype, copy=False)


register_op("Lgamma", infer=unary_same, kernel=_lgamma_kernel,
            grad=lambda op, grad: [multiply(grad, digamma(op.inputs[0]))], elementwise=True)


def lgamma(x, name=None):
    """log|Gamma(x)| elementwise (op `Lgamma`); +inf at 0 and the negative integers.

    >>> tf.lgamma(tf.constant(5.0))  # -> log(24) = 3.1780539  # doctest: +SKIP
    """
    return _unary("Lgamma", x, name, FLOATS)


# Bernoulli numbers B2, B4, ..., B16 for the asymptotic series of digamma and zeta.
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510)
_SHIFT = 10  # recurrence steps before the asymptotic series (argument >= 10.5)


def _digamma_kernel(x):
    xd = np.asarray(x, dtype=np.float64)
    refl = xd < 0.5
    y = np.where(refl, 1 - xd, xd)
    acc = np.zeros_like(y)
    for k in builtins.range(_SHIFT):
        acc -= 1 / (y + k)
    y = y + _SHIFT
    inv2 = 1 / (y * y)
    tail = np.zeros_like(y)
    for j in builtins.range(len(_BERNOULLI), 0, -1):
        tail = (tail + _BERNOULLI[j - 1] / (2 * j)) * inv2
    out = acc + np.log(y) - 0.5 / y - tail
    with np.errstate(all="ignore"):
        reflected = out - np.pi / np.tan(np.pi * (xd - np.round(xd)))
    out = np.where(refl, reflected, out)
    out = np.where(refl & (xd == np.round(xd)), np.nan, out)
    out = np.where(xd == np.inf, np.inf, out)
    return out.astype(x.dtype, copy=False)


register_op("Digamma", infer=unary_same, kernel=_digamma_kernel,
            grad=lambda op, grad: [multiply(grad, polygamma(_scalar(1, op.inputs[0]),
                                                            op.inputs[0]))],
            elementwise=True)


def digamma(x, name=None):
    """Psi, the derivative of lgamma, elementwise (op `Digamma`); NaN at the poles.

    >>> tf.digamma(tf.constant(1.0))  # -> -0.5772157 (minus Euler's constant)  # doctest: +SKIP
    """
    return _unary("Digamma", x, name, FLOATS)


def _zeta_kernel(x, q):
    """Hurwitz zeta sum_k (q + k)^-x by Euler-Maclaurin; NaN for x < 1 or q <= 0 (inf at poles)."""
    s = np.asarray(x, dtype=np.float64)
    qd = np.asarray(q, dtype=np.float64)
    s, qd = np.broadcast_arrays(s, qd)
    with np.errstate(all="ignore"):
        acc = np.zeros(s.shape)
        for k in builtins.range(_SHIFT):
            acc += (qd + k) ** -s
        a = qd + _SHIFT
        acc += a ** (1 - s) / (s - 1) + 0.5 * a ** -s
        # sum_j B2j / (2j)! * s (s+1) ... (s+2j-2) * a^(-s-2j+1)
        term = s * a ** (-s - 1)
        fact = 2.0
        for j in builtins.range(1, len(_BERNOULLI) + 1):
            acc += _BERNOULLI[j - 1] / fact * term
            term = term * (s + 2 * j - 1) * (s + 2 * j) / (a * a)
            fact *= (2 * j + 1) * (2 * j + 2)
    out = np.where(s == 1, np.inf, acc)
    out = np.where((s < 1) | ((qd <= 0) & (qd != np.round(qd))), np.nan, out)
    out = np.where((qd <= 0) & (qd == np.round(qd)) & (s >= 1), np.inf, out)
    return out.astype(np.result_type(x), copy=False)


def _zeta_grad(op, grad):
    """d zeta(x, q)/dq = -x zeta(x + 1, q); no gradient for x (as TF)."""
    x, q = op.inputs
    gq = multiply(grad, negative(multiply(x, zeta(add(x, _scalar(1, x)), q))))
    return [None, sum_to(gq, q) if wants_grad(1) else None]


register_op("Zeta", infer=binary_broadcast, kernel=_zeta_kernel, grad=_zeta_grad,
            elementwise=True)


def zeta(x, q, name=None):
    """Hurwitz zeta function sum_k (q + k)^-x, elementwise with broadcasting (op `Zeta`).

    >>> tf.zeta(2.0, 1.0)  # -> pi^2 / 6  # doctest: +SKIP
    """
    return _binary("Zeta", x, q, name, (_dt.float32, _dt.float64))


def _polygamma_kernel(a, x):
    n = np.asarray(a, dtype=np.float64)
    sign_fact = np.where(np.mod(n, 2) == 0, -1.0, 1.0) * np.vectorize(
        lambda v: _math.gamma(v + 1) if v >= 0 and v == int(v) else np.nan,
        otypes=[np.float64])(n)
    out = np.where(n == 0, _digamma_kernel(np.asarray(x, np.float64) + 0 * n),
                   sign_fact * _zeta_kernel(n + 1, np.asarray(x, np.float64)))
    return out.astype(np.result_type(x), copy=False)


def _polygamma_grad(op, grad):
    """d polygamma(a, x)/dx = polygamma(a + 1, x); no gradient for the order a (as TF)."""
    a, x = op.inputs
    gx = multiply(grad, polygamma(add(a, _scalar(1, a)), x))
    return [None, sum_to(gx, x) if wants_grad(1) else None]


register_op("Polygamma", infer=binary_broadcast, kernel=_polygamma_kernel,
            grad=_polygamma_grad, elementwise=True)


def polygamma(a, x, name=None):
    """The a-th derivative of digamma at x (a a non-negative integer value; op `Polygamma`).

    >>> tf.polygamma(1.0, 1.0)  # -> pi^2 / 6  # doctest: +SKIP
    """
    return _binary("Polygamma", a, x, name, (_dt.float32, _dt.float64))


def lbeta(x, name=None):
    """log|Beta(x)| over the last axis: sum(lgamma(x)) - lgamma(sum(x)).

    >>> tf.math.lbeta(tf.constant([1.0, 1.0]))  # -> 0.0  # doctest: +SKIP
    """
    with name_scope(name, "lbeta", [x]):
        x = to_tensor(x, name="x")
        log_prod_gamma_x = reduce_sum(lgamma(x), axis=[-1])
        log_gamma_sum_x = lgamma(reduce_sum(x, axis=[-1]))
        return subtract(log_prod_gamma_x, log_gamma_sum_x)


# -- NextAfter ----------------------------------------------------------------------------------
register_op("NextAfter", infer=binary_broadcast, kernel=np.nextafter, grad=None,
            elementwise=True)


def nextafter(x1, x2, name=None):
    """The next representable value after x1 in the direction of x2 (op `NextAfter`).

    >>> tf.math.nextafter(1.0, 2.0)  # -> 1.0000001  # doctest: +SKIP
    """
    return _binary("NextAfter", x1, x2, name, (_dt.float32, _dt.float64))


# -- Tanh / TanhGrad -------------------------------------------------------------------------
register_op("Tanh", infer=unary_same, kernel=np.tanh,
            grad=lambda op, grad: [tanh_grad(op.outputs[0], grad)], elementwise=True,
            inplace_ok=True)


def tanh(x, name=None):
    """Hyperbolic tangent elementwise (op `Tanh`).

    >>> tf.tanh(tf.constant(0.0))  # -> 0.0  # doctest: +SKIP
    """
    return _unary("Tanh", x, name, FLOAT_COMPLEX)


def _tanh_grad_kernel(y, dy):
    return dy * (1 - y * y)


def _tanh_grad_grad(op, grad):
    """TanhGrad(y, dy) = dy (1 - y^2): d/dy = -2 y dy grad, d/ddy = (1 - y^2) grad."""
    y, dy = op.inputs
    return [multiply(multiply(grad, dy), multiply(_scalar(-2, y), y)), tanh_grad(y, grad)]


register_op("TanhGrad", infer=unary_same, kernel=_tanh_grad_kernel, grad=_tanh_grad_grad,
            elementwise=True)


def tanh_grad(y, dy, name=None):
    """dy * (1 - y^2): the backprop of Tanh given its output y."""
    return apply("TanhGrad", [y, dy], None, name)


# -- Sigmoid / SigmoidGrad -------------------------------------------------------------------
def _sigmoid_kernel(x):
    if x.dtype.kind == "c":
        return 1 / (1 + np.exp(-x))
    # exp(-|x|) never overflows; both branches are accurate in their half.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


register_op("Sigmoid", infer=unary_same, kernel=_sigmoid_kernel,
            grad=lambda op, grad: [apply("SigmoidGrad", [op.outputs[0], grad])],
            elementwise=True)


def sigmoid(x, name=None):
    """Returns 1 / (1 + exp(-x)) elementwise (op `Sigmoid`), stable for large |x|.

    >>> tf.sigmoid(tf.constant(0.0))  # -> 0.5  # doctest: +SKIP
    """
    with name_scope(name, "Sigmoid", [x]) as scope:
        return _unary("Sigmoid", x, scope, FLOAT_COMPLEX)


def _sigmoid_grad_grad(op, grad):
    """SigmoidGrad(y, dy) = dy y (1 - y): d/dy = grad dy (1 - 2y), d/ddy = SigmoidGrad(y, grad)."""
    y, dy = op.inputs
    gb = multiply(grad, dy)
    return [subtract(gb, multiply(multiply(_scalar(2, gb), gb), y)),
            apply("SigmoidGrad", [y, grad])]


register_op("SigmoidGrad", infer=unary_same, kernel=lambda y, dy: dy * (y * (1 - y)),
            grad=_sigmoid_grad_grad, elementwise=True)


# -- Erf -------------------------------------------------------------------------------------
def _erf_fit(f, lo, hi, deg):
    """Polynomial (highest power first) in t = (v - lo) * scale - 1 interpolating f on [lo, hi].

    Fitted once, at import, at Chebyshev points from Python's math.erf/erfc.
    """
    from numpy.polynomial import chebyshev
    cheb = chebyshev.chebinterpolate(lambda t: f(lo + (t + 1) * ((hi - lo) / 2)), deg)
    return chebyshev.cheb2poly(cheb)[::-1].copy(), lo, 2 / (hi - lo)


def _erf_pieces():
    scalar_erf = np.vectorize(_math.erf, otypes=[np.float64])
    scalar_erfc = np.vectorize(_math.erfc, otypes=[np.float64])
    # |x| < 1: erf(x) = x * A(x^2) (full relative accuracy for tiny x).
    small = _erf_fit(lambda u: scalar_erf(np.sqrt(u)) / np.sqrt(u), 0.0, 1.0, 10)
    # 1 <= |x| < 6: erf(x) = 1 - exp(-x^2) / x * B(1/x), with B(s) = erfcx(1/s) / s smooth.
    large = _erf_fit(lambda s: scalar_erfc(1 / s) * np.exp(1 / (s * s)) / s, 1 / 6, 1.0, 20)
    return small, large


_ERF_SMALL, _ERF_LARGE = _erf_pieces()


def _erfc_tail_piece():
    """B(s) = erfcx(1/s) / s on [0, 1/6] (|x| >= 6), for erfc's relative accuracy far out.

    Nodes with 1/s <= 25 use math.erfc; beyond, the asymptotic series (exact there).
    """
    def b(s):
        out = np.empty_like(s)
        for i, v in enumerate(s):
            x = 1 / v
            if x <= 25:
                out[i] = _math.erfc(x) * _math.exp(x * x) * x
            else:
                t = v * v
                term = acc = 1.0
                for k in builtins.range(1, 12):
                    term *= -(2 * k - 1) / 2 * t
                    acc += term
                out[i] = acc / _math.sqrt(_math.pi)
        return out
    return _erf_fit(b, 0.0, 1 / 6, 16)


_ERFC_TAIL = _erfc_tail_piece()


def _horner(poly, v, lo, scale):
    t = v - lo
    t *= scale
    t -= 1
    out = np.full_like(t, poly[0])
    for c in poly[1:]:
        out *= t
        out += c
    return out


def _erf_kernel(x):
    """Vectorized erf to ~1e-15 (float64 inside); beyond |x| = 6 it is +-1 (erfc(6) ~ 2e-17)."""
    xd = np.asarray(x, dtype=np.float64)
    ax = np.abs(xd)
    out = np.empty_like(xd)
    small = ax < 1
    xs = xd[small]
    out[small] = xs * _horner(_ERF_SMALL[0], xs * xs, _ERF_SMALL[1], _ERF_SMALL[2])
    big = ~small  # also NaN, which stays NaN below
    xb = ax[big]
    with np.errstate(all="ignore"):
        inv = 1 / xb
        g = _horner(_ERF_LARGE[0], inv, _ERF_LARGE[1], _ERF_LARGE[2])
        g *= inv
        g *= np.exp(-xb * xb)
    r = 1 - g
    r[xb >= 6] = 1.0
    out[big] = np.copysign(r, xd[big])
    return out.astype(x.dtype, copy=False)


def _erfc_kernel(x):
    """Vectorized erfc, relatively accurate in the far tail (~1e-13), float64 inside."""
    xd = np.asarray(x, dtype=np.float64)
    ax = np.abs(xd)
    out = np.empty_like(xd)
    small = ax < 1
    xs = xd[small]
    out[small] = 1 - xs * _horner(_ERF_SMALL[0], xs * xs, _ERF_SMALL[1], _ERF_SMALL[2])
    big = ~small
    xb = ax[big]
    with np.errstate(all="ignore"):
        inv = 1 / xb
        mid = xb < 6
        g = np.where(mid, _horner(_ERF_LARGE[0], inv, _ERF_LARGE[1], _ERF_LARGE[2]),
                     _horner(_ERFC_TAIL[0], inv, _ERFC_TAIL[1], _ERFC_TAIL[2]))
        g *= inv
        g *= np.exp(-xb * xb)
    g = np.where(np.isinf(xb), 0.0, g)
    out[big] = np.where(xd[big] < 0, 2 - g, g)
    return out.astype(x.dtype, copy=False)


def _erfc_grad(op, grad):
    """d erfc(x) = -2/sqrt(pi) exp(-x^2)."""
    x = op.inputs[0]
    return [multiply(multiply(grad, _scalar(-2 / np.sqrt(np.pi), x)), exp(negative(square(x))))]


register_op("Erfc", infer=unary_same, kernel=_erfc_kernel, grad=_erfc_grad, elementwise=True)


def erfc(x, name=None):
    """Complementary error function 1 - erf(x), accurate in the tails (op `Erfc`).

    >>> tf.erfc(tf.constant(10.0, tf.float64))  # -> 2.088e-45  # doctest: +SKIP
    """
    return _unary("Erfc", x, name, FLOATS)


def _erf_grad(op, grad):
    """d erf(x) = 2/sqrt(pi) exp(-x^2)."""
    x = op.inputs[0]
    return [multiply(multiply(grad, _scalar(2 / np.sqrt(np.pi), x)), exp(negative(square(x))))]


register_op("Erf", infer=unary_same, kernel=_erf_kernel, grad=_erf_grad, elementwise=True)


def erf(x, name=None):
    """Gauss error function elementwise (op `Erf`), accurate to double precision.

    >>> tf.erf(tf.constant(0.5))  # -> 0.5204999  # doctest: +SKIP
    """
    return _unary("Erf", x, name, FLOATS)


# -- Floor / Ceil / Round / Rint (piecewise constant: no gradient, as TF) ---------------------
register_op("Floor", infer=unary_same, kernel=np.floor, grad=None, elementwise=True,
            inplace_ok=True)


def floor(x, name=None):
    """Largest integer not greater than x, elementwise (op `Floor`; floats).

    >>> tf.floor(tf.constant(-1.5))  # -> -2.0  # doctest: +SKIP
    """
    return _unary("Floor", x, name, FLOATS)


register_op("Ceil", infer=unary_same, kernel=np.ceil, grad=None, elementwise=True,
            inplace_ok=True)


def ceil(x, name=None):
    """Smallest integer not less than x, elementwise (op `Ceil`; floats).

    >>> tf.ceil(tf.constant(-1.5))  # -> -1.0  # doctest: +SKIP
    """
    return _unary("Ceil", x, name, FLOATS)


def _round_kernel(x):
    # Half to even; "+ 0" turns -0.0 into 0.0 as TF's floor-based rounding gives.
    return np.add(np.round(x), 0, dtype=x.dtype)


register_op("Round", infer=unary_same, kernel=_round_kernel, grad=None, elementwise=True)


def round(x, name=None):  # noqa: A001 - TF's name
    """Rounds half to even (banker's rounding), elementwise; integers pass through.

    >>> tf.round(tf.constant([0.5, 1.5, 2.5]))  # -> [0., 2., 2.]  # doctest: +SKIP
    """
    x = to_tensor(x, name="x")
    if x.dtype.is_integer:
        return x
    check_dtype("Round", x, FLOAT_COMPLEX)
    return apply("Round", [x], None, name)


register_op("Rint", infer=unary_same, kernel=np.rint, grad=None, elementwise=True,
            inplace_ok=True)


def rint(x, name=None):
    """Rounds to the nearest integer, half to even (op `Rint`; floats).

    >>> tf.rint(tf.constant(-1.5))  # -> -2.0  # doctest: +SKIP
    """
    return _unary("Rint", x, name, FLOATS)


# -- IsNan / IsInf / IsFinite ----------------------------------------------------------------
def _bool_out(inputs, attrs):
    return [(_dt.bool_, inputs[0].shape)]


register_op("IsNan", infer=_bool_out, kernel=np.isnan, grad=None, elementwise=True)
register_op("IsInf", infer=_bool_out, kernel=np.isinf, grad=None, elementwise=True)
register_op("IsFinite", infer=_bool_out, kernel=np.isfinite, grad=None, elementwise=True)


def is_nan(x, name=None):
    """Returns which elements of x are NaN (bool; op `IsNan`).

    >>> tf.is_nan(tf.constant([1.0, float("nan")]))  # -> [False, True]  # doctest: +SKIP
    """
    return _unary("IsNan", x, name, FLOATS)


def is_inf(x, name=None):
    """Returns which elements of x are +-inf (bool; op `IsInf`).

    >>> tf.is_inf(tf.constant([1.0, float("inf")]))  # -> [False, True]  # doctest: +SKIP
    """
    return _unary("IsInf", x, name, FLOATS)


def is_finite(x, name=None):
    """Returns which elements of x are finite (bool; op `IsFinite`).

    >>> tf.is_finite(tf.constant([1.0, float("inf")]))  # -> [True, False]  # doctest: +SKIP
    """
    return _unary("IsFinite", x, name, FLOATS)


# -- Conj ------------------------------------------------------------------------------------
register_op("Conj", infer=unary_same, kernel=np.conj,
            grad=lambda op, grad: [conj(grad)], elementwise=True)


def conj(x, name=None):
    """Complex conjugate; real tensors are returned unchanged (as TF).

    Raises:
      TypeError: x is not numeric.

    >>> tf.conj(tf.constant(1 + 2j))  # -> (1-2j)  # doctest: +SKIP
    """
    x = to_tensor(x, name="x")
    if x.dtype.base_dtype in COMPLEX:
        return apply("Conj", [x], None, name or "Conj")
    if x.dtype.base_dtype in REAL_NUMBERS:
        return x
    raise TypeError(f"Expected numeric or variant tensor, got dtype {x.dtype.base_dtype!r}")


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
    """Casts `x` to `dtype` (returns `x` itself when the dtype is already right).

    Float to int truncates toward zero, as TF.

    >>> tf.cast(tf.constant([1.7, -1.7]), tf.int32)  # -> [1, -1]  # doctest: +SKIP
    """
    dtype = _dt.as_dtype(dtype).base_dtype
    x = to_tensor(x, name="x")
    if x.dtype.base_dtype is dtype:
        return x
    return apply("Cast", [x], {"DstT": dtype, "SrcT": x.dtype.base_dtype}, name or "Cast")


def to_float(x, name="ToFloat"):
    """Casts to float32 (deprecated TF 1.x helper)."""
    return cast(x, _dt.float32, name)


def to_double(x, name="ToDouble"):
    """Casts to float64 (deprecated TF 1.x helper)."""
    return cast(x, _dt.float64, name)


def to_int32(x, name="ToInt32"):
    """Casts to int32 (deprecated TF 1.x helper)."""
    return cast(x, _dt.int32, name)


def to_int64(x, name="ToInt64"):
    """Casts to int64 (deprecated TF 1.x helper)."""
    return cast(x, _dt.int64, name)


# =========================================================================================
# Reductions
# =========================================================================================
def _reduce_infer(inputs, attrs):
    x, axes = inputs
    if axes.dtype.base_dtype not in _I32_64:
        raise TypeError(f"Value passed to parameter 'reduction_indices' has DataType "
                        f"{axes.dtype.base_dtype.name} not in list of allowed values: int32, "
                        "int64")
    return [(x.dtype.base_dtype, reduced_shape(x, axes, attrs.get("keep_dims", False)))]


def reduced_shape(x, axes_t, keep_dims):
    """Static output shape of reducing tensor `x` over the axes tensor `axes_t`."""
    xs = x.shape.as_tuple()
    axes = const_value(axes_t)
    if axes is None:
        if keep_dims and xs is not None:
            return TensorShape([None] * len(xs))
        return TensorShape(None)
    if xs is None:
        return TensorShape(None)
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


def _axis(axes, x=None):
    """The reduction axes for NumPy; a scalar input has none to reduce."""
    if x is not None and np.ndim(x) == 0:
        return ()
    a = np.asarray(axes)
    return int(a) if a.ndim == 0 else tuple(int(i) for i in a)


def _norm_axes(x, axes):
    """Axes as a tuple of non-negative ints for array `x` (a scalar takes none)."""
    nd = np.ndim(x)
    if nd == 0:
        return ()
    return tuple(builtins.sorted({int(a) % nd for a in np.asarray(axes).reshape(-1)}))


def _reduction_axes(x, axis):
    """The axes argument as an int32 tensor (all axes when None)."""
    if axis is None:
        r = x.shape.ndims
        if r is not None:
            return constant(np.arange(r, dtype=np.int32))
        from .array_ops import range as _range, rank
        return _range(0, rank(x))
    if isinstance(axis, Tensor):
        return axis
    if isinstance(axis, (list, tuple)) or np.ndim(axis) > 0:
        return constant(np.asarray(axis, dtype=np.int32).reshape(-1))
    return to_tensor(axis, dtype=_dt.int32) if isinstance(axis, (int, np.integer)) \
        else to_tensor(axis)


def _keep(keepdims, keep_dims):
    if keepdims is not None and keep_dims is not None:
        raise ValueError("Cannot specify both 'keepdims' and 'keep_dims'")
    return bool(keepdims if keepdims is not None else keep_dims)


def _axis_arg(axis, reduction_indices):
    if axis is not None and reduction_indices is not None:
        raise ValueError("Can not specify both 'axis' and 'reduction_indices'.")
    return axis if axis is not None else reduction_indices


def _reduce(op_type, input_tensor, axis, keepdims, name, reduction_indices, keep_dims,
            allowed):
    """Builds a reduction op as TF's reduce_* wrappers do."""
    keep = _keep(keepdims, keep_dims)
    axis = _axis_arg(axis, reduction_indices)
    x = to_tensor(input_tensor, name="input_tensor")
    if allowed == (_dt.bool_,) and x.dtype.base_dtype is not _dt.bool_:
        raise TypeError(f"Input 'input' of '{op_type}' Op has type {x.dtype.base_dtype.name} "
                        "that does not match expected type of bool.")
    check_dtype(op_type, x, allowed, "input")
    out = apply(op_type, [x, _reduction_axes(x, axis)], {"keep_dims": keep}, name or op_type)
    if axis is None and not keep and out.shape.ndims is None:
        out.set_shape([])  # TF's _may_reduce_to_scalar
    return out


def _kept_shape(op):
    """The reduced op's output shape with reduced dims kept as 1: a list or a Tensor."""
    x, axes = op.inputs
    xs = x.shape.as_tuple()
    ax = const_value(axes)
    if xs is not None and None not in xs and ax is not None:
        norm = {int(a) % len(xs) for a in np.asarray(ax).reshape(-1)} if xs else set()
        return [1 if i in norm else d for i, d in enumerate(xs)]
    return apply("ReducedShape", [apply("Shape", [x], {"out_type": _dt.int32}), axes])


def _to_kept(t, op):
    """Reshapes a reduced op's output (or its gradient) to the kept-dims shape."""
    from .array_ops import reshape
    if op.get_attr("keep_dims"):
        return t
    kshape = _kept_shape(op)
    if isinstance(kshape, list) and t.shape.as_tuple() == tuple(kshape):
        return t
    return reshape(t, kshape)


def _broadcast_to_input(t, x):
    from .array_ops import broadcast_to, shape
    xs = x.shape.as_tuple()
    if xs is not None and None not in xs:
        if t.shape.as_tuple() == xs:
            return t
        return broadcast_to(t, list(xs))
    return broadcast_to(t, shape(x))


# -- ReducedShape (shape arithmetic for dynamic reduction gradients) -------------------------
def _reduced_shape_kernel(shape, axes):
    shape = np.array(shape, copy=True)
    if shape.size:
        shape[np.asarray(axes).reshape(-1) % shape.size] = 1
    return shape


register_op("ReducedShape", infer=lambda ins, a: [(_dt.int32, ins[0].shape)],
            kernel=_reduced_shape_kernel, grad=None)


# -- Sum -------------------------------------------------------------------------------------
def _sum_kernel(x, axes, keep_dims=False, **_):
    return np.sum(x, axis=_axis(axes, x), keepdims=keep_dims, dtype=x.dtype)


def _sum_grad(op, grad):
    """d(sum x) broadcasts the gradient back over the reduced axes."""
    return [_broadcast_to_input(_to_kept(grad, op), op.inputs[0]), None]


register_op("Sum", infer=_reduce_infer, kernel=_sum_kernel, grad=_sum_grad)


def reduce_sum(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    """Sum over `axis` (all axes when None); TF 1.x spellings accepted (op `Sum`).

    Args:
      input_tensor: a numeric Tensor.
      axis: an int, list of ints or int Tensor in [-rank, rank); None reduces all.
      keepdims: keep reduced dims with size 1.
      name: optional op name.
      reduction_indices, keep_dims: TF 1.x aliases of axis and keepdims.
    Returns:
      The reduced Tensor, of the input's dtype.
    Raises:
      ValueError: an axis is out of range, or both spellings are given.

    >>> tf.reduce_sum(tf.constant([[1, 2], [3, 4]]), axis=0)  # -> [4, 6]  # doctest: +SKIP
    """
    return _reduce("Sum", input_tensor, axis, keepdims, name, reduction_indices, keep_dims,
                   NUMBERS)


# -- Mean ------------------------------------------------------------------------------------
def _mean_kernel(x, axes, keep_dims=False, **_):
    ax = _axis(axes, x)
    s = np.sum(x, axis=ax, keepdims=keep_dims, dtype=x.dtype)
    n = x.size // builtins.max(np.size(s), 1) if x.size else \
        int(np.prod([x.shape[a] for a in _norm_axes(x, axes)]))
    if x.dtype.kind in "iu":
        # Integer mean truncates toward zero, as C integer division (0 for empty input).
        if n == 0:
            return np.zeros_like(s)
        q = np.floor_divide(np.abs(s), n)
        return np.where(s < 0, -q, q).astype(x.dtype, copy=False)
    return np.true_divide(s, n).astype(x.dtype, copy=False)


def _mean_grad(op, grad):
    """d(mean x) = the sum's gradient divided by the number of reduced elements."""
    x = op.inputs[0]
    sum_grad = _sum_grad(op, grad)[0]
    xs, ys = x.shape.as_tuple(), op.outputs[0].shape.as_tuple()
    if xs is not None and ys is not None and None not in xs and None not in ys:
        factor = int(np.prod(xs)) // builtins.max(int(np.prod(ys)), 1)
        return [truediv(sum_grad, _scalar(factor, sum_grad)), None]
    from .array_ops import shape
    n_in = reduce_prod(shape(x))
    n_out = maximum(reduce_prod(shape(op.outputs[0])), constant(1, dtype=_dt.int32))
    factor = cast(floordiv(n_in, n_out), sum_grad.dtype.base_dtype)
    return [truediv(sum_grad, factor), None]


register_op("Mean", infer=_reduce_infer, kernel=_mean_kernel, grad=_mean_grad)


def reduce_mean(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                keep_dims=None):
    """Mean over `axis` (op `Mean`); integer means truncate toward zero, as TF.

    Args/Returns/Raises: as `reduce_sum`.

    >>> tf.reduce_mean(tf.constant([1.0, 2.0]))  # -> 1.5  # doctest: +SKIP
    """
    return _reduce("Mean", input_tensor, axis, keepdims, name, reduction_indices, keep_dims,
                   NUMBERS)


# -- Max / Min -------------------------------------------------------------------------------
def _extreme_kernel(ufunc, empty_value):
    """Max/Min as TF's reducers: NaN is skipped (all NaN or empty gives -inf/+inf)."""
    def kernel(x, axes, keep_dims=False, **_):
        ax = _axis(axes, x)
        if ax == ():
            return np.copy(x)
        return ufunc.reduce(x, axis=ax, keepdims=keep_dims, initial=empty_value(x.dtype))
    return kernel


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _highest(dtype):
    return np.inf if dtype.kind == "f" else np.iinfo(dtype).max


def _min_or_max_grad(op, grad):
    """The gradient goes to the elements equal to the result, split evenly among ties (TF)."""
    x, axes = op.inputs
    y = _to_kept(op.outputs[0], op)
    grad = _to_kept(grad, op)
    from .comparison_ops import equal
    indicators = cast(equal(y, x), grad.dtype.base_dtype)
    num_selected = _to_kept(reduce_sum(indicators, axes, keepdims=op.get_attr("keep_dims")), op)
    return [multiply(realdiv(indicators, num_selected), grad), None]


register_op("Max", infer=_reduce_infer, kernel=_extreme_kernel(np.fmax, _lowest),
            grad=_min_or_max_grad)


def reduce_max(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    """Maximum over `axis` (op `Max`); NaN is skipped and empty input gives -inf (or the
    lowest int), as TF's CPU reducer.

    The gradient is split evenly among tied maxima, as TF.
    Args/Returns/Raises: as `reduce_sum`.

    >>> tf.reduce_max(tf.constant([[1, 5], [3, 2]]), axis=1)  # -> [5, 3]  # doctest: +SKIP
    """
    return _reduce("Max", input_tensor, axis, keepdims, name, reduction_indices, keep_dims,
                   REAL_NUMBERS)


register_op("Min", infer=_reduce_infer, kernel=_extreme_kernel(np.fmin, _highest),
            grad=_min_or_max_grad)


def reduce_min(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    """Minimum over `axis` (op `Min`); NaN is skipped and empty input gives +inf (or the
    highest int), as TF's CPU reducer.

    The gradient is split evenly among tied minima, as TF.
    Args/Returns/Raises: as `reduce_sum`.

    >>> tf.reduce_min(tf.constant([[1, 5], [3, 2]]), axis=1)  # -> [1, 2]  # doctest: +SKIP
    """
    return _reduce("Min", input_tensor, axis, keepdims, name, reduction_indices, keep_dims,
                   REAL_NUMBERS)


# -- Prod ------------------------------------------------------------------------------------
def _prod_kernel(x, axes, keep_dims=False, **_):
    return np.prod(x, axis=_axis(axes, x), keepdims=keep_dims, dtype=x.dtype)


def _prod_others(x, axis):
    """Product of the other elements along `axis`, without dividing (safe with zeros)."""
    left = cumprod(x, axis, exclusive=True)
    right = cumprod(x, axis, exclusive=True, reverse=True)
    return multiply(left, right)


def _prod_grad(op, grad):
    """d(prod x)/dx_i = product of the other reduced elements (exclusive cumprods, as TF).

    Over axes a1..ak the product of the others factors into
    others_ak(x) * others_a(k-1)(prod_ak x) * ..., each a pair of exclusive cumprods.
    """
    x, axes = op.inputs
    ax = const_value(axes)
    rank = x.shape.ndims
    if ax is None or rank is None:
        return [_prod_grad_dynamic(op, grad), None]
    norm = builtins.sorted({int(a) % rank for a in np.asarray(ax).reshape(-1)}) if rank else []
    g = _broadcast_to_input(_to_kept(grad, op), x)
    if not norm:
        return [g, None]
    factor = None
    partial = x
    for a in reversed(norm):
        term = _prod_others(partial, a)
        factor = term if factor is None else multiply(factor, term)
        partial = reduce_prod(partial, a, keepdims=True)
    if x.dtype.is_complex:
        factor = conj(factor)
    return [multiply(g, factor), None]


def _prod_grad_dynamic(op, grad):
    """Prod's gradient for axes known only at run time, exact with zeros.

    Per reduced group: no zero -> prod / x; one zero -> the product of the non-zero
    elements at the zero, 0 elsewhere; two or more zeros -> 0.
    """
    from .array_ops import broadcast_to, ones_like, shape, where, zeros_like
    from .comparison_ops import equal, logical_and, logical_not, not_equal
    x, axes = op.inputs
    nz = not_equal(x, _scalar(0, x))
    x_safe = where(nz, x, ones_like(x))
    full = shape(x)
    p_nz = broadcast_to(reduce_prod(x_safe, axes, keepdims=True), full)
    n_zero = broadcast_to(reduce_sum(cast(logical_not(nz), x.dtype.base_dtype), axes,
                                     keepdims=True), full)
    zero = zeros_like(x)
    one_zero_here = logical_and(equal(n_zero, _scalar(1, x)), logical_not(nz))
    others = where(equal(n_zero, zero), realdiv(p_nz, x_safe),
                   where(one_zero_here, p_nz, zero))
    if x.dtype.is_complex:
        others = conj(others)
    return multiply(_broadcast_to_input(_to_kept(grad, op), x), others)


register_op("Prod", infer=_reduce_infer, kernel=_prod_kernel, grad=_prod_grad)


def reduce_prod(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                keep_dims=None):
    """Product over `axis` (op `Prod`); 1 for empty input. The gradient is exact with zeros.

    Args/Returns/Raises: as `reduce_sum`.

    >>> tf.reduce_prod(tf.constant([[1, 2], [3, 4]]), axis=1)  # -> [2, 12]  # doctest: +SKIP
    """
    return _reduce("Prod", input_tensor, axis, keepdims, name, reduction_indices, keep_dims,
                   NUMBERS)


# -- Any / All -------------------------------------------------------------------------------
def _logical_reduce_kernel(fn):
    def kernel(x, axes, keep_dims=False, **_):
        return fn(x, axis=_axis(axes, x), keepdims=keep_dims)
    return kernel


register_op("Any", infer=_reduce_infer, kernel=_logical_reduce_kernel(np.any), grad=None)


def reduce_any(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    """Logical OR over `axis` of a bool tensor (op `Any`); False for empty input.

    Args/Returns/Raises: as `reduce_sum`; TypeError for non-bool input.

    >>> tf.reduce_any(tf.constant([False, True]))  # -> True  # doctest: +SKIP
    """
    return _reduce("Any", input_tensor, axis, keepdims, name, reduction_indices, keep_dims,
                   (_dt.bool_,))


register_op("All", infer=_reduce_infer, kernel=_logical_reduce_kernel(np.all), grad=None)


def reduce_all(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    """Logical AND over `axis` of a bool tensor (op `All`); True for empty input.

    Args/Returns/Raises: as `reduce_sum`; TypeError for non-bool input.

    >>> tf.reduce_all(tf.constant([False, True]))  # -> False  # doctest: +SKIP
    """
    return _reduce("All", input_tensor, axis, keepdims, name, reduction_indices, keep_dims,
                   (_dt.bool_,))


# -- reduce_logsumexp (composite, as TF) -------------------------------------------------------
def reduce_logsumexp(input_tensor, axis=None, keepdims=None, name=None,
                     reduction_indices=None, keep_dims=None):
    """log(sum(exp(x))) over `axis`, computed stably by shifting by the (finite) max.

    Args/Returns/Raises: as `reduce_sum` (float input).

    >>> tf.reduce_logsumexp(tf.constant([1000.0, 1000.0]))  # -> 1000.6931  # doctest: +SKIP
    """
    from .array_ops import where, zeros_like, reshape, shape
    keep = _keep(keepdims, keep_dims)
    axis = _axis_arg(axis, reduction_indices)
    with name_scope(name, "ReduceLogSumExp", [input_tensor]):
        x = to_tensor(input_tensor, name="input_tensor")
        raw_max = reduce_max(x, axis, keepdims=True)
        my_max = _stop_gradient(where(is_finite(raw_max), raw_max, zeros_like(raw_max)))
        result = log(reduce_sum(exp(subtract(x, my_max)), axis, keepdims=keep))
        if not keep:
            rs = result.shape.as_tuple()
            my_max = reshape(my_max, list(rs) if rs is not None and None not in rs
                             else shape(result))
        result = add(result, my_max)
        if axis is None and not keep and result.shape.ndims is None:
            result.set_shape([])
        return result


def _stop_gradient(t):
    """StopGradient when array_ops provides it; the math is unchanged without it."""
    from . import array_ops
    sg = getattr(array_ops, "stop_gradient", None)
    return sg(t) if sg is not None else t


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """Variance over `axis`: mean((x - mean(x))^2) (float or complex input).

    Raises:
      TypeError: the input is an integer tensor (as TF).

    >>> tf.math.reduce_variance(tf.constant([1.0, 3.0]))  # -> 1.0  # doctest: +SKIP
    """
    with name_scope(name, "reduce_variance"):
        means = reduce_mean(input_tensor, axis=axis, keepdims=True)
        if means.dtype.is_integer:
            raise TypeError("Input must be either real or complex")
        squared_deviations = square(subtract(to_tensor(input_tensor), means))
        return reduce_mean(squared_deviations, axis=axis, keepdims=keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """Standard deviation over `axis`: sqrt(reduce_variance).

    >>> tf.math.reduce_std(tf.constant([1.0, 3.0]))  # -> 1.0  # doctest: +SKIP
    """
    with name_scope(name, "reduce_std"):
        variance = reduce_variance(input_tensor, axis=axis, keepdims=keepdims)
        return sqrt(variance)


def _euclidean_norm_kernel(x, axes, keep_dims=False, **_):
    ax = _axis(axes, x)
    if x.dtype.kind == "c":
        sq = np.sum((x * np.conj(x)).real, axis=ax, keepdims=keep_dims)
        return np.sqrt(sq).astype(x.dtype)
    s = np.sum(np.multiply(x, x, dtype=np.float64 if x.dtype.kind in "iu" else x.dtype),
               axis=ax, keepdims=keep_dims)
    return np.sqrt(s).astype(x.dtype, copy=False)


# TF 1.14 registers no gradient for EuclideanNorm (NotDifferentiable).
register_op("EuclideanNorm", infer=_reduce_infer, kernel=_euclidean_norm_kernel, grad=None)


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    """sqrt(sum(x^2)) over `axis` (op `EuclideanNorm`); not differentiable in TF 1.14.

    >>> tf.math.reduce_euclidean_norm(tf.constant([3.0, 4.0]))  # -> 5.0  # doctest: +SKIP
    """
    return _reduce("EuclideanNorm", input_tensor, axis, keepdims, name, None, None, NUMBERS)


# -- Bincount ---------------------------------------------------------------------------------
def _bincount_infer(inputs, attrs):
    arr, size, weights = inputs
    if arr.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'arr' of 'Bincount' Op has type {arr.dtype.base_dtype.name} "
                        "that does not match expected type of int32.")
    n = const_value(size)
    return [(weights.dtype.base_dtype, TensorShape([None if n is None else int(n)]))]


def _bincount_kernel(arr, size, weights):
    n = int(size)
    if n < 0:
        raise _errors.InvalidArgumentError(None, None, f"size ({n}) must be non-negative")
    flat = np.asarray(arr).reshape(-1)
    if flat.size and flat.min() < 0:
        raise _errors.InvalidArgumentError(
            None, None, f"Input arr must be non-negative, got {int(flat.min())}")
    keep = flat < n
    w = np.asarray(weights)
    if w.size:
        counts = np.bincount(flat[keep], weights=w.reshape(-1)[keep], minlength=n)
    else:
        counts = np.bincount(flat[keep], minlength=n)
    return counts[:n].astype(w.dtype, copy=False)


register_op("Bincount", infer=_bincount_infer, kernel=_bincount_kernel, grad=None)


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=_dt.int32):
    """Counts the occurrences of each value in an int32 array (weighted if asked).

    The output length is max(arr) + 1 (0 for empty input), raised to `minlength`
    and capped at `maxlength`; values at or beyond it are ignored.

    Raises:
      InvalidArgumentError: at run time, for negative values.

    >>> tf.bincount(tf.constant([1, 1, 3]))  # -> [0, 2, 0, 1]  # doctest: +SKIP
    """
    arr = to_tensor(arr, dtype=_dt.int32, name="arr")
    from .array_ops import shape
    from .comparison_ops import greater
    nonempty = greater(reduce_prod(shape(arr)), constant(0, dtype=_dt.int32))
    output_size = multiply(cast(nonempty, _dt.int32),
                           add(reduce_max(arr), constant(1, dtype=_dt.int32)))
    if minlength is not None:
        output_size = maximum(to_tensor(minlength, dtype=_dt.int32, name="minlength"),
                              output_size)
    if maxlength is not None:
        output_size = minimum(to_tensor(maxlength, dtype=_dt.int32, name="maxlength"),
                              output_size)
    if weights is not None:
        weights = to_tensor(weights, name="weights")
        from .sparse_ops import unsorted_segment_sum
        return unsorted_segment_sum(weights, arr, output_size)
    weights = constant(np.zeros(0, dtype=_dt.as_dtype(dtype).as_numpy_dtype))
    return apply("Bincount", [arr, output_size, weights], None, "Bincount")


def _monotonic_diff(x):
    from .array_ops import reshape
    x = reshape(to_tensor(x, name="x"), [-1])
    if x.dtype.base_dtype not in REAL_NUMBERS:
        raise TypeError(f"Expected x to be numeric, instead found: {x}")
    return subtract(x[1:], x[:-1])


def is_non_decreasing(x, name=None):
    """True if x (flattened) never decreases; True for fewer than 2 elements.

    >>> tf.is_non_decreasing([1, 1, 2])  # -> True  # doctest: +SKIP
    """
    from .comparison_ops import less_equal
    with name_scope(name, "is_non_decreasing", [x]):
        diff = _monotonic_diff(x)
        return reduce_all(less_equal(constant(0, dtype=diff.dtype.base_dtype), diff))


def is_strictly_increasing(x, name=None):
    """True if x (flattened) always increases; True for fewer than 2 elements.

    >>> tf.is_strictly_increasing([1, 1, 2])  # -> False  # doctest: +SKIP
    """
    from .comparison_ops import less
    with name_scope(name, "is_strictly_increasing", [x]):
        diff = _monotonic_diff(x)
        return reduce_all(less(constant(0, dtype=diff.dtype.base_dtype), diff))


def count_nonzero(input_tensor, axis=None, keepdims=None, dtype=_dt.int64, name=None,
                  reduction_indices=None, keep_dims=None):
    """Counts the non-zero elements over `axis` (as `dtype`, int64 by default).

    >>> tf.count_nonzero(tf.constant([0, 1, 2]))  # -> 2  # doctest: +SKIP
    """
    from .comparison_ops import not_equal
    keep = _keep(keepdims, keep_dims)
    axis = _axis_arg(axis, reduction_indices)
    with name_scope(name, "count_nonzero", [input_tensor]):
        x = to_tensor(input_tensor, name="input")
        zero = constant("" if x.dtype.base_dtype is _dt.string else 0,
                        dtype=x.dtype.base_dtype)
        return cast(reduce_sum(cast(not_equal(x, zero), _dt.int64), axis=axis, keepdims=keep),
                    dtype=dtype)


# -- ArgMax / ArgMin ---------------------------------------------------------------------------
def _arg_infer(inputs, attrs):
    x, dim = inputs
    out_type = attrs["output_type"]
    if out_type not in _I32_64:
        raise TypeError(f"Value passed to parameter 'output_type' has DataType {out_type.name} "
                        "not in list of allowed values: int32, int64")
    xs = x.shape.as_tuple()
    d = const_value(dim)
    if xs is None:
        return [(out_type, TensorShape(None))]
    if d is None:
        return [(out_type, TensorShape([None] * builtins.max(len(xs) - 1, 0)))]
    d = int(np.asarray(d).reshape(-1)[0]) if np.ndim(d) else int(d)
    rank = len(xs)
    if not -rank <= d < rank:
        raise ValueError(f"Expected dimension in the range [{-rank}, {rank}), but got {d}")
    d %= rank
    return [(out_type, TensorShape(xs[:d] + xs[d + 1:]))]


def _arg_kernel(fn, nan_as):
    def kernel(x, dim, output_type, **_):
        d = int(dim)
        if x.shape[d] == 0:
            raise _errors.InvalidArgumentError(
                None, None, f"Reduction axis {d} is empty in shape {list(x.shape)}")
        if x.dtype.kind == "f":
            nans = np.isnan(x)
            if nans.any():
                # TF's reducer never selects NaN (it compares with >/<): treat it as -inf/+inf.
                x = np.where(nans, nan_as, x)
        return fn(x, axis=d).astype(output_type.as_numpy_dtype, copy=False)
    return kernel


register_op("ArgMax", infer=_arg_infer, kernel=_arg_kernel(np.argmax, -np.inf), grad=None)
register_op("ArgMin", infer=_arg_infer, kernel=_arg_kernel(np.argmin, np.inf), grad=None)


def _arg(op_type, input, axis, name, dimension, output_type):  # noqa: A002
    if axis is not None and dimension is not None:
        raise ValueError("Cannot specify both 'axis' and 'dimension'")
    axis = axis if axis is not None else dimension
    if axis is None:
        axis = 0
    x = to_tensor(input, name="input")
    check_dtype(op_type, x, NUMBERS, "input")
    dim = axis if isinstance(axis, Tensor) else to_tensor(axis, dtype=_dt.int32,
                                                          name="dimension")
    return apply(op_type, [x, dim], {"output_type": _dt.as_dtype(output_type).base_dtype},
                 name or op_type)


def argmax(input, axis=None, name=None, dimension=None, output_type=_dt.int64):  # noqa: A002
    """Index of the largest value along `axis` (0 when None); the first among ties.

    Args:
      input: a numeric Tensor.
      axis: the axis (TF 1.x alias: `dimension`).
      output_type: int32 or int64 (the default).
    Returns:
      An integer Tensor with `axis` removed.
    Raises:
      ValueError: the axis is out of range.

    >>> tf.argmax(tf.constant([[1, 3], [4, 2]]), axis=1)  # -> [1, 0]  # doctest: +SKIP
    """
    return _arg("ArgMax", input, axis, name, dimension, output_type)


def argmin(input, axis=None, name=None, dimension=None, output_type=_dt.int64):  # noqa: A002
    """Index of the smallest value along `axis` (0 when None); the first among ties.

    Args/Returns/Raises: as `argmax`.

    >>> tf.argmin(tf.constant([[1, 3], [4, 2]]), axis=1)  # -> [0, 1]  # doctest: +SKIP
    """
    return _arg("ArgMin", input, axis, name, dimension, output_type)


# -- Cumsum / Cumprod --------------------------------------------------------------------------
def _scan_infer(inputs, attrs):
    x, axis = inputs
    if axis.dtype.base_dtype not in _I32_64:
        raise TypeError(f"Value passed to parameter 'axis' has DataType "
                        f"{axis.dtype.base_dtype.name} not in list of allowed values: int32, "
                        "int64")
    rank = x.shape.ndims
    a = const_value(axis)
    if rank is not None:
        if rank == 0:
            raise ValueError("Scan of a scalar is not supported: the input must have rank >= 1")
        if a is not None and not -rank <= int(a) < rank:
            raise ValueError(f"axis must be in the range [{-rank}, {rank}), got {int(a)}")
    return [(x.dtype.base_dtype, x.shape)]


def _scan_kernel(fn, identity):
    def kernel(x, axis, exclusive=False, reverse=False, **_):
        ax = int(axis) % x.ndim
        if reverse:
            x = np.flip(x, ax)
        if exclusive:
            out = np.empty_like(x)
            head = [slice(None)] * x.ndim
            head[ax] = slice(0, 1)
            out[tuple(head)] = identity
            dst = [slice(None)] * x.ndim
            dst[ax] = slice(1, None)
            src = [slice(None)] * x.ndim
            src[ax] = slice(0, -1)
            fn(x[tuple(src)], axis=ax, dtype=x.dtype, out=out[tuple(dst)])
        else:
            out = fn(x, axis=ax, dtype=x.dtype)
        return np.flip(out, ax) if reverse else out
    return kernel


def _cumsum_grad(op, grad):
    """The adjoint of a running sum is the running sum in the other direction."""
    return [cumsum(grad, op.inputs[1], exclusive=op.get_attr("exclusive"),
                   reverse=not op.get_attr("reverse")), None]


register_op("Cumsum", infer=_scan_infer, kernel=_scan_kernel(np.cumsum, 0), grad=_cumsum_grad)


def _scan(op_type, x, axis, exclusive, reverse, name):
    with name_scope(name, op_type, [x]) as scope:
        x = to_tensor(x, name="x")
        check_dtype(op_type, x, NUMBERS)
        axis = axis if isinstance(axis, Tensor) else to_tensor(axis, dtype=_dt.int32,
                                                               name="axis")
        return apply(op_type, [x, axis], {"exclusive": bool(exclusive),
                                          "reverse": bool(reverse)}, scope)


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """Running sum along `axis` (op `Cumsum`).

    Args:
      x: a numeric Tensor of rank >= 1.
      axis: the axis to scan (an int or int Tensor).
      exclusive: leave out each element itself (the first output is 0).
      reverse: scan from the end.
    Returns:
      A Tensor of x's shape and dtype.

    >>> tf.cumsum([1, 2, 3], exclusive=True, reverse=True)  # -> [5, 3, 0]  # doctest: +SKIP
    """
    return _scan("Cumsum", x, axis, exclusive, reverse, name)


def _cumprod_grad(op, grad):
    """As TF: cumsum(prod * grad, reverse flipped) / x (undefined where x == 0, as TF)."""
    x, axis = op.inputs
    exclusive = op.get_attr("exclusive")
    reverse = op.get_attr("reverse")
    prod = cumprod(x, axis, exclusive=exclusive, reverse=reverse)
    out = cumsum(multiply(prod, grad), axis, exclusive=exclusive, reverse=not reverse)
    return [realdiv(out, x), None]


register_op("Cumprod", infer=_scan_infer, kernel=_scan_kernel(np.cumprod, 1),
            grad=_cumprod_grad)


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    """Running product along `axis` (op `Cumprod`).

    Args/Returns: as `cumsum` (the first exclusive output is 1).

    >>> tf.cumprod([1, 2, 3], exclusive=True)  # -> [1, 1, 2]  # doctest: +SKIP
    """
    return _scan("Cumprod", x, axis, exclusive, reverse, name)


# =========================================================================================
# Sums of lists
# =========================================================================================
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


def _addn_kernel(*xs, **_):
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
    """Sums a list of tensors of one shape and dtype (op `AddN`).

    Raises:
      ValueError: `inputs` is empty or not a list, or the shapes differ.
      TypeError: the dtypes differ.

    >>> tf.add_n([tf.ones([2]), tf.ones([2])])  # -> [2., 2.]  # doctest: +SKIP
    """
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("inputs must be a list of at least one Tensor/IndexedSlices with the "
                         "same dtype and shape")
    inputs = [to_tensor(t) for t in inputs]
    if len(inputs) == 1:
        from .array_ops import identity
        return identity(inputs[0], name=name) if name else inputs[0]
    return apply("AddN", inputs, None, name)


def _accumulate_infer(inputs, attrs):
    out = _addn_infer(inputs, attrs)
    shape = TensorShape(attrs.get("shape"))
    if not shape.is_compatible_with(out[0][1]):
        raise ValueError(f"Shape {shape} is not compatible with the inputs' shape {out[0][1]}")
    return [(out[0][0], out[0][1].merge_with(shape))]


register_op("AccumulateNV2", infer=_accumulate_infer, kernel=_addn_kernel,
            grad=lambda op, grad: [grad] * len(op.inputs))


def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None):
    """Sums a list of tensors like add_n (op `AccumulateNV2`).

    Args:
      inputs: a non-empty list of Tensors of one shape and dtype.
      shape: the expected shape of the inputs (optional).
      tensor_dtype: the expected dtype of the inputs (optional).
    Raises:
      ValueError: inputs is empty or shapes do not match.
      TypeError: dtypes do not match.

    >>> tf.accumulate_n([tf.ones([2]), tf.ones([2]), tf.ones([2])])  # doctest: +SKIP
    """
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("inputs must be a list of at least one Tensor with the same dtype "
                         "and shape")
    inputs = [to_tensor(t) for t in inputs]
    if tensor_dtype is not None:
        want = _dt.as_dtype(tensor_dtype).base_dtype
        for t in inputs:
            if t.dtype.base_dtype is not want:
                raise TypeError(f"tensor_dtype is {want.name}, but input is of type "
                                f"{t.dtype.base_dtype.name}")
    from ..engine.framework.tensor_shape import as_shape
    shape = as_shape(shape) if shape is not None else TensorShape(None)
    for t in inputs:
        if not shape.is_compatible_with(t.shape):
            raise ValueError(f"Input tensor {t} not compatible with shape {shape}")
        shape = shape.merge_with(t.shape)
    if len(inputs) == 1:
        if name is None:
            return inputs[0]
        from .array_ops import identity
        return identity(inputs[0], name=name)
    return apply("AccumulateNV2", inputs, {"shape": shape.as_tuple()}, name or "AccumulateNV2")


# =========================================================================================
# Clipping and norms (composites, as TF 1.14 composes them)
# =========================================================================================
def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """Clips values to [clip_value_min, clip_value_max] (Minimum then Maximum).

    At the bounds the gradient flows to `t`, as TF.

    Args:
      t: a Tensor.
      clip_value_min, clip_value_max: scalars or tensors broadcastable to t.
    Returns:
      A Tensor of t's shape.
    Raises:
      ValueError: the bounds would broadcast t to a bigger shape.

    >>> tf.clip_by_value(tf.constant([-2.0, 0.5, 3.0]), -1.0, 1.0)  # doctest: +SKIP
    """
    with name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as scope:
        values = to_tensor(t, name="t")
        t_min = minimum(values, clip_value_max)
        _ = values.shape.merge_with(t_min.shape)
        t_max = maximum(t_min, clip_value_min, name=scope)
        _ = values.shape.merge_with(t_max.shape)
        return t_max


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """Scales t so that its L2 norm over `axes` is at most clip_norm.

    Returns t * clip_norm / max(l2norm(t), clip_norm); a zero t stays zero with a
    finite gradient (TF's two-where trick).

    >>> tf.clip_by_norm(tf.constant([3.0, 4.0]), 1.0)  # -> [0.6, 0.8]  # doctest: +SKIP
    """
    from .array_ops import identity, ones_like, where
    from .comparison_ops import greater
    with name_scope(name, "clip_by_norm", [t, clip_norm]) as scope:
        values = to_tensor(t, name="t")
        l2sum = reduce_sum(multiply(values, values), axes, keepdims=True)
        pred = greater(l2sum, _scalar(0, l2sum))
        l2sum_safe = where(pred, l2sum, ones_like(l2sum))
        l2norm = where(pred, sqrt(l2sum_safe), l2sum)
        intermediate = multiply(values, clip_norm)
        _ = values.shape.merge_with(intermediate.shape)
        return identity(truediv(intermediate, maximum(l2norm, clip_norm)), name=scope)


def global_norm(t_list, name=None):
    """sqrt(sum of squares of all the tensors in t_list); None entries are skipped.

    Raises:
      TypeError: t_list is not a sequence.

    >>> tf.global_norm([tf.constant([3.0]), tf.constant([4.0])])  # -> 5.0  # doctest: +SKIP
    """
    if isinstance(t_list, (str, bytes)) or not isinstance(t_list, (list, tuple)):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    with name_scope(name, "global_norm", [t for t in t_list if t is not None]) as scope:
        values = [to_tensor(t.values if isinstance(t, IndexedSlices) else t, name=f"t_{i}")
                  for i, t in enumerate(t_list) if t is not None]
        half_squares = [multiply(reduce_sum(square(v)), _scalar(0.5, v)) for v in values]
        half_squared_norm = add_n(half_squares) if len(half_squares) > 1 else half_squares[0]
        _ = scope
        return sqrt(multiply(half_squared_norm, _scalar(2.0, half_squared_norm)),
                    name="global_norm")


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """Scales all tensors by clip_norm / max(global_norm, clip_norm).

    Returns:
      (list of clipped tensors, the global norm). A non-finite norm makes every
      value NaN, as TF.
    Raises:
      TypeError: t_list is not a sequence.

    >>> clipped, n = tf.clip_by_global_norm([tf.constant([3.0, 4.0])], 1.0)  # doctest: +SKIP
    """
    if isinstance(t_list, (str, bytes)) or not isinstance(t_list, (list, tuple)):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    from .array_ops import identity
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    with name_scope(name, "clip_by_global_norm",
                    [t for t in t_list if t is not None] + [clip_norm]) as scope:
        clip_norm = to_tensor(clip_norm, dtype=use_norm.dtype.base_dtype
                              if not isinstance(clip_norm, Tensor) else None)
        scale_for_finite = multiply(clip_norm, minimum(
            realdiv(_scalar(1.0, use_norm), use_norm), realdiv(_scalar(1.0, use_norm),
                                                                clip_norm)))
        # Adding (norm - norm) makes the scale NaN when the norm is inf or NaN.
        scale = add(scale_for_finite, subtract(use_norm, use_norm))
        base = scope[:-1]
        clipped = []
        for i, t in enumerate(t_list):
            if t is None:
                clipped.append(None)
                continue
            v = t.values if isinstance(t, IndexedSlices) else to_tensor(t, name=f"t_{i}")
            c = identity(multiply(v, scale), name=f"{base.rsplit('/', 1)[-1]}/_{i}")
            clipped.append(IndexedSlices(c, t.indices, t.dense_shape)
                           if isinstance(t, IndexedSlices) else c)
    return clipped, use_norm


_MATRIX_NORMS = ["euclidean", "fro", 1, 2, np.inf]
_VECTOR_NORMS = ["euclidean", 1, 2, np.inf]


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None,  # noqa: A002
         keep_dims=None):
    """Vector or matrix norm of `tensor` (TF 1.14's `tf.norm`).

    Args:
      tensor: a float Tensor.
      ord: 'euclidean' (or 2, 'fro' for matrices), 1, np.inf, or any p > 0 for vectors.
      axis: None (the whole tensor as one vector), an int (vector norms), or a
        pair of ints (matrix norms).
      keepdims: keep the reduced dims with size 1 (TF 1.x alias: keep_dims).
    Returns:
      The norm, with the reduced axes removed unless keepdims.
    Raises:
      ValueError: ord or axis is not supported.
      NotImplementedError: the matrix 2-norm (it needs an SVD, not provided).

    >>> tf.norm(tf.constant([3.0, 4.0]))  # -> 5.0  # doctest: +SKIP
    """
    keep = _keep(keepdims, keep_dims)
    is_matrix_norm = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix_norm:
        axis = tuple(axis)
        if (not isinstance(axis[0], int) or not isinstance(axis[1], int)
                or axis[0] == axis[1]):
            raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique "
                             f"integers, got {axis}")
        if ord not in _MATRIX_NORMS:
            raise ValueError(f"'ord' must be a supported matrix norm in {_MATRIX_NORMS}, got "
                             f"{ord}")
    else:
        if not (isinstance(axis, int) or axis is None):
            raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique "
                             f"integers, got {axis}")
        if ord not in _VECTOR_NORMS and (isinstance(ord, str) or not np.isreal(ord)
                                          or ord <= 0):
            raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
        if axis is not None:
            axis = (axis,)
    with name_scope(name, "norm", [tensor]):
        x = to_tensor(tensor)
        axes = None if axis is None else list(axis)
        if ord in ("fro", "euclidean") or (not isinstance(ord, str) and ord == 2):
            if is_matrix_norm and not isinstance(ord, str):
                raise NotImplementedError("The matrix 2-norm needs an SVD, which flowgrad "
                                          "does not provide")
            result = sqrt(reduce_sum(multiply(x, conj(x)), axes, keepdims=True))
        else:
            result = abs(x)
            if ord == 1:
                result = reduce_sum(result, None if axis is None else axis[0], keepdims=True)
                if is_matrix_norm:
                    result = reduce_max(result, axis[-1], keepdims=True)
            elif ord == np.inf:
                if is_matrix_norm:
                    result = reduce_sum(result, axis[1], keepdims=True)
                result = reduce_max(result, None if axis is None else axis[0], keepdims=True)
            else:
                p = _scalar(ord, result)
                result = pow(reduce_sum(pow(result, p), axes, keepdims=True),
                             _scalar(1.0 / ord, result))
        if not keep:
            from .array_ops import squeeze
            result = squeeze(result, axes)
        return result
