"""Complex numbers: Complex, Real, Imag, Angle and ComplexAbs, with TF 1.14's wrappers
(math_ops.complex/real/imag/angle/abs) and gradients (math_grad.py).

A real input to real/imag/angle builds no op, as TF 1.14: real(x) is x, imag(x) and angle(x)
are zeros_like(x) (TF 1.14's angle of a negative real number is 0, not pi).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..framework import dtypes as _dt
from ..framework.constant_op import constant
from ..framework.graph import Tensor, control_dependencies, name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_math as _eigen_math
from ._base import COMPLEX, apply, broadcast_dims, to_tensor
from .construction import zeros_like
from .elementwise import abs as _real_abs
from .elementwise import both, div_no_nan, multiply, negative, reciprocal

__all__ = ["complex", "real", "imag", "angle", "abs"]

_TOUT = {_dt.float32: _dt.complex64, _dt.float64: _dt.complex128}


def _complex_infer(inputs, attrs):
    x, y = inputs
    return [(attrs["Tout"], TensorShape(broadcast_dims(x.shape.as_tuple(),
                                                         y.shape.as_tuple())))]


def _complex_kernel(re, im, Tout=None, **_):
    out = np.empty(np.broadcast(re, im).shape, dtype=Tout.as_numpy_dtype)
    out.real = re
    out.imag = im
    return out


def _part_infer(inputs, attrs):
    return [(attrs["Tout"], inputs[0].shape)]


def _part_kernel(fn):
    def kernel(x, Tout=None, **_):
        return np.asarray(fn(x), dtype=Tout.as_numpy_dtype)
    return kernel


def _complex_grad(op, grad):
    """d/dre complex(re, im) = real(g), d/dim = imag(g), each summed to its input's shape."""
    return both(lambda g, x, y: real(g), lambda g, x, y: imag(g))(op, grad)


def _real_grad(op, grad):
    """d real(z) = complex(g, 0)."""
    zero = constant(0, dtype=grad.dtype)
    return [complex(grad, zero)]


def _imag_grad(op, grad):
    """d imag(z) = complex(0, g)."""
    zero = constant(0, dtype=grad.dtype)
    return [complex(zero, grad)]


def _angle_grad(op, grad):
    """d angle(z) = -complex(g, 0) / complex(imag(z), real(z))."""
    x = op._inputs[0]
    with control_dependencies([grad.op]):  # TF: an IndexedSlices gradient counts as its op
        re = real(x)
        im = imag(x)
        z = reciprocal(complex(im, re))
        zero = constant(0, dtype=grad.dtype)
        complex_grad = complex(grad, zero)
        return [multiply(negative(complex_grad), z, name="mul")]


def _complex_abs_grad(op, grad):
    """d |z| = complex(g, 0) * z / complex(|z|, 0) (0 where |z| is 0)."""
    y = op.outputs[0]
    num = multiply(complex(grad, zeros_like(grad)), op._inputs[0], name="mul")
    return [div_no_nan(num, complex(y, zeros_like(y)))]


register_op("Complex", infer=_complex_infer, kernel=_complex_kernel, grad=_complex_grad)
register_op("Real", infer=_part_infer, kernel=_part_kernel(np.real), grad=_real_grad)
register_op("Imag", infer=_part_infer, kernel=_part_kernel(np.imag), grad=_imag_grad)
register_op("Angle", infer=_part_infer, kernel=_part_kernel(_eigen_math.complex_angle),
            grad=_angle_grad)
register_op("ComplexAbs", infer=_part_infer, kernel=_part_kernel(_eigen_math.complex_abs),
            grad=_complex_abs_grad)


def complex(real: Any, imag: Any, name: str | None = None) -> Tensor:  # noqa: A001
    """real + 1j * imag: complex64 from two float32 tensors, complex128 from float64 ones.

    >>> print(tf.Session().run(tf.complex([1.0, 2.0], [3.0, 4.0])))
    [1.+3.j 2.+4.j]
    """
    real = to_tensor(real, name="real")
    imag = to_tensor(imag, name="imag")
    with name_scope(name, "Complex", [real, imag]) as scope:
        rt, it = real.dtype.base_dtype, imag.dtype.base_dtype
        if rt is not it or rt not in _TOUT:
            raise TypeError(f"real and imag have incorrect types: {rt.name} {it.name}")
        return apply("Complex", [real, imag], {"T": rt, "Tout": _TOUT[rt]}, scope)


def _part(op_type, input, name, real_input):
    with name_scope(name, op_type, [input]) as scope:
        x = to_tensor(input, name="input")
        if x.dtype.base_dtype in COMPLEX:
            return apply(op_type, [x], {"T": x.dtype.base_dtype,
                                        "Tout": x.dtype.base_dtype.real_dtype}, scope)
        return real_input(x)


def real(input: Any, name: str | None = None) -> Tensor:  # noqa: A002 - TF's name
    """The real part of a complex tensor (op `Real`); a real tensor is returned as it is.

    As TF 1.14, `input` must have a dtype (a Python list raises AttributeError)."""
    with name_scope(name, "Real", [input]) as scope:
        if input.dtype.is_complex:
            x = to_tensor(input, name="input")
            return apply("Real", [x], {"T": x.dtype.base_dtype,
                                       "Tout": x.dtype.base_dtype.real_dtype}, scope)
        return input


def imag(input: Any, name: str | None = None) -> Tensor:  # noqa: A002
    """The imaginary part of a complex tensor (op `Imag`); zeros for a real tensor."""
    return _part("Imag", input, name, zeros_like)


def angle(input: Any, name: str | None = None) -> Tensor:  # noqa: A002
    """The argument atan2(imag, real) of a complex tensor (op `Angle`); zeros for a real
    tensor, as TF 1.14 (whatever its sign)."""
    return _part("Angle", input, name, zeros_like)


def abs(x: Any, name: str | None = None) -> Tensor:  # noqa: A001 - TF's name
    """|x|: op `Abs` for real x, `ComplexAbs` (a real result) for complex x."""
    if isinstance(x, Tensor) and x.dtype.base_dtype not in COMPLEX:
        return _real_abs(x, name)
    with name_scope(name, "Abs", [x]) as scope:
        x = to_tensor(x, name="x")
        if x.dtype.base_dtype in COMPLEX:
            return apply("ComplexAbs", [x], {"T": x.dtype.base_dtype,
                                             "Tout": x.dtype.base_dtype.real_dtype}, scope)
        return _real_abs(x, scope)
