"""Scans: running sums and products along an axis (Cumsum, Cumprod)."""
from __future__ import annotations

from typing import Any

import numpy as np

from ..framework import dtypes as _dt
from ..framework.errors import InvalidArgumentError
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from ._array_util import check_not_float
from ._base import NUMBERS, apply, check_dtype, to_tensor
from .elementwise import multiply, realdiv

_I32_64 = (_dt.int32, _dt.int64)


def _scan_infer(inputs, attrs):
    x, axis = inputs
    if axis.dtype.base_dtype not in _I32_64:
        raise TypeError(f"Value passed to parameter 'axis' has DataType "
                        f"{axis.dtype.base_dtype.name} not in list of allowed values: int32, "
                        "int64")
    # TF 1.14's shape function does not check the axis (a scalar or an axis out of range
    # fails at run time, in the kernel)
    return [(x.dtype.base_dtype, x.shape)]


def _bad_scan_axis(ax, nd):
    # TF's kernel reports a negative axis after adding the rank
    return InvalidArgumentError(None, None, f"ScanOp: Expected scan axis in the range "
                                            f"[{-nd}, {nd}), but got {ax + nd if ax < 0 else ax}")


def _scan_kernel(fn, identity):
    def kernel(x, axis, exclusive=False, reverse=False, **_):
        ax = int(axis)
        if not -x.ndim <= ax < x.ndim:
            raise _bad_scan_axis(ax, x.ndim)
        ax %= x.ndim
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
    return [cumsum(grad, op._inputs[1], exclusive=op._get_attr("exclusive"),
                   reverse=not op._get_attr("reverse")), None]


register_op("Cumsum", infer=_scan_infer, kernel=_scan_kernel(np.cumsum, 0), grad=_cumsum_grad)


def _scan(op_type, x, axis, exclusive, reverse, name):
    with name_scope(name, op_type, [x]) as scope:
        x = to_tensor(x, name="x")
        check_dtype(op_type, x, NUMBERS)
        if not isinstance(axis, Tensor):
            check_not_float(axis, op_type, "axis", fixed=False)
        axis = axis if isinstance(axis, Tensor) else to_tensor(axis, dtype=_dt.int32,
                                                               name="axis")
        return apply(op_type, [x, axis], {"exclusive": bool(exclusive),
                                          "reverse": bool(reverse)}, scope)


def cumsum(x: Any, axis: Any = 0, exclusive: bool = False, reverse: bool = False,
           name: str | None = None) -> Tensor:
    """Running sum along `axis` (op `Cumsum`); `exclusive` leaves out each element itself,
    `reverse` scans from the end.

    >>> print(tf.Session().run(tf.cumsum([1, 2, 3], exclusive=True, reverse=True)))
    [5 3 0]
    """
    return _scan("Cumsum", x, axis, exclusive, reverse, name)


def _cumprod_grad(op, grad):
    """As TF: cumsum(prod * grad, reverse flipped) / x (undefined where x == 0, as TF)."""
    x, axis = op._inputs
    exclusive = op._get_attr("exclusive")
    reverse = op._get_attr("reverse")
    prod = cumprod(x, axis, exclusive=exclusive, reverse=reverse)
    out = cumsum(multiply(prod, grad, name="mul"), axis, exclusive=exclusive,
                 reverse=not reverse)
    return [realdiv(out, x, name="truediv"), None]


register_op("Cumprod", infer=_scan_infer, kernel=_scan_kernel(np.cumprod, 1),
            grad=_cumprod_grad)


def cumprod(x: Any, axis: Any = 0, exclusive: bool = False, reverse: bool = False,
            name: str | None = None) -> Tensor:
    """Running product along `axis` (op `Cumprod`); the first exclusive output is 1.

    >>> print(tf.Session().run(tf.cumprod([1, 2, 3], exclusive=True)))
    [1 1 2]
    """
    return _scan("Cumprod", x, axis, exclusive, reverse, name)
