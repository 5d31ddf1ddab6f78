"""Small TF 1.14 functions built from existing ops, as TF builds them: tf.trace,
tf.matrix_transpose (engine/ops/linalg.py's), tf.saturate_cast, tf.to_complex64/128,
tf.to_bfloat16, tf.arg_max/arg_min (the generated ops' wrappers), tf.initialize_variables,
tf.convert_to_tensor_or_indexed_slices."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.ops.cast import cast
from ..engine.ops.complex_ops import abs as _abs
from ..engine.ops.elementwise import exp as _exp
from ..engine.ops.elementwise import multiply as _multiply
from ..engine.ops.elementwise import maximum, minimum
from ..engine.ops.linalg import matrix_transpose
from ..engine.ops.reductions import argmax, argmin, reduce_sum
from ..engine.ops.special_incomplete import bessel_i0e, bessel_i1e, betainc, igamma, igammac
from .matrix_ops import matrix_diag_part
from .variables import variables_initializer

__all__ = ["arg_max", "arg_min", "convert_to_tensor_or_indexed_slices", "initialize_variables",
           "matrix_transpose", "saturate_cast", "to_bfloat16", "to_complex128", "to_complex64",
           "trace", "igamma", "igammac", "betainc"]


def trace(x, name=None):
    """The sum of the main diagonal of each innermost matrix of `x`."""
    with name_scope(name, "Trace", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return reduce_sum(matrix_diag_part(x), [-1], name=scope)


def saturate_cast(value, dtype, name=None):
    """`value` cast to `dtype`, clamped first to `dtype`'s range where it is narrower."""
    with name_scope(name, "saturate_cast", [value]) as scope:
        value = convert_to_tensor(value, name="value")
        dtype = _dt.as_dtype(dtype).base_dtype
        src = value.dtype.base_dtype
        if src.min < dtype.min:
            value = maximum(value, convert_to_tensor(dtype.min, dtype=src, name="min"))
        if src.max > dtype.max:
            value = minimum(value, convert_to_tensor(dtype.max, dtype=src, name="max"))
        return cast(value, dtype, name=scope)


def to_complex64(x, name="ToComplex64"):
    """Casts to complex64 (deprecated TF 1.x helper)."""
    return cast(x, _dt.complex64, name)


def to_complex128(x, name="ToComplex128"):
    """Casts to complex128 (deprecated TF 1.x helper)."""
    return cast(x, _dt.complex128, name)


def to_bfloat16(x, name="ToBFloat16"):
    """Casts to bfloat16 (deprecated TF 1.x helper)."""
    return cast(x, _dt.bfloat16, name)


def arg_max(input, dimension, output_type=_dt.int64, name=None):  # noqa: A002 - TF's name
    """The generated ArgMax wrapper (tf.arg_max): index of the largest value along
    `dimension`."""
    return argmax(input, dimension=dimension, output_type=output_type, name=name)


def arg_min(input, dimension, output_type=_dt.int64, name=None):  # noqa: A002 - TF's name
    """The generated ArgMin wrapper (tf.arg_min): index of the smallest value along
    `dimension`."""
    return argmin(input, dimension=dimension, output_type=output_type, name=name)


def initialize_variables(var_list, name="init"):
    """Deprecated TF 1.x name of tf.variables_initializer."""
    return variables_initializer(var_list, name=name)


def convert_to_tensor_or_indexed_slices(value, dtype=None, name=None):
    """An IndexedSlices passes (checked against `dtype`); anything else is converted."""
    if isinstance(value, IndexedSlices):
        if dtype and not _dt.as_dtype(dtype).is_compatible_with(value.dtype):
            raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                             % (_dt.as_dtype(dtype).name, value.dtype.name, str(value)))
        return value
    return convert_to_tensor(value, dtype=dtype, name=name)


# -- c3: incomplete gamma/beta and Bessel functions (engine/ops/special_incomplete.py) ------

def bessel_i0(x, name=None):
    """The modified Bessel function of order 0: exp(|x|) * bessel_i0e(x), as TF 1.14 builds
    it."""
    with name_scope(name, "bessel_i0", [x]):
        return _multiply(_exp(_abs(x)), bessel_i0e(x), name="mul")


def bessel_i1(x, name=None):
    """The modified Bessel function of order 1: exp(|x|) * bessel_i1e(x)."""
    with name_scope(name, "bessel_i1", [x]):
        return _multiply(_exp(_abs(x)), bessel_i1e(x), name="mul")
