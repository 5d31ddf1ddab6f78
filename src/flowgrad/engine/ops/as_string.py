"""AsString: each element of a number or bool tensor as a string (TF 1.14's defaults:
integers in decimal, bools "true"/"false", floats as printf's "%f")."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.graph import Tensor
from ..framework.registry import register_op
from ._base import apply, to_tensor

__all__ = ["as_string"]

_ALLOWED = ("int8", "int16", "int32", "int64", "uint8", "float32", "float64", "bool",
            "complex64")


def _infer(inputs, attrs):
    return [(_dt.string, inputs[0].shape)]


def _format(v):
    if isinstance(v, (bool, np.bool_)):
        return b"true" if v else b"false"
    if isinstance(v, (float, np.floating)):
        return ("%f" % v).encode()
    return str(int(v)).encode()


def _kernel(input, **_):  # noqa: A002 - TF's argument name
    arr = np.asarray(input)
    out = np.empty(arr.shape, dtype=object)
    flat = out.reshape(-1)
    for i, v in enumerate(arr.reshape(-1).tolist()):
        flat[i] = _format(v)
    return out


register_op("AsString", infer=_infer, kernel=_kernel, grad=None)


def as_string(input, precision=-1, scientific=False, shortest=False, width=-1,  # noqa: A002
              fill="", name=None) -> Tensor:
    """Converts each entry of `input` to a string tensor (op `AsString`)."""
    for arg, value, default in (("precision", precision, -1), ("scientific", scientific, False),
                                ("shortest", shortest, False), ("width", width, -1),
                                ("fill", fill, "")):
        if value != default:
            raise NotImplementedError("as_string: %s=%r is not implemented by flowgrad"
                                      % (arg, value))
    x = to_tensor(input)
    if x.dtype.base_dtype.name not in _ALLOWED:
        raise TypeError("Value passed to parameter 'input' has DataType %s not in list of "
                        "allowed values: %s" % (x.dtype.base_dtype.name, ", ".join(_ALLOWED)))
    if x.dtype.base_dtype.name == "complex64":
        raise NotImplementedError("as_string: complex input is not implemented by flowgrad")
    return apply("AsString", [x], {"T": x.dtype.base_dtype, "precision": -1,
                                   "scientific": False, "shortest": False, "width": -1,
                                   "fill": ""}, name or "AsString")
