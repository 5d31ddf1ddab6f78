"""The one place where reverse broadcasting lives: summing a gradient to a shape."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.constant_op import constant
from ..framework.graph import Tensor
from ._base import apply


def reduction_axes_for(gshape: tuple | None, xshape: tuple | None) -> list[int] | None:
    """Axes to sum a gradient of static shape `gshape` over to get `xshape` (None: unknown)."""
    if gshape is None or xshape is None or None in gshape or None in xshape:
        return None
    lead = len(gshape) - len(xshape)
    if lead < 0:
        return None
    axes = list(range(lead))
    axes += [lead + i for i, d in enumerate(xshape) if d == 1 and gshape[lead + i] != 1]
    return axes


def sum_to(grad: Tensor | None, x: Tensor) -> Tensor | None:
    """Sums `grad` (broadcast result) back to the shape of tensor `x`.

    With static shapes this is nothing (equal shapes) or one Sum (+ Reshape);
    otherwise it uses BroadcastGradientArgs on the runtime shapes, as TF does.
    """
    if grad is None:
        return None
    gs = grad.shape.as_tuple()
    xs = x.shape.as_tuple()
    if gs is not None and gs == xs and None not in gs:
        return grad
    axes = reduction_axes_for(gs, xs)
    if axes is not None:
        if not axes:
            return grad
        r = apply("Sum", [grad, _axes_const(axes)], {"keep_dims": False})
        if xs is not None and None not in xs and r.shape.as_tuple() != xs:
            r = apply("Reshape", [r, _shape_const(xs)])
        elif r.shape.as_tuple() != xs:
            r = apply("Reshape", [r, apply("Shape", [x], {"out_type": _int32()})])
        return r
    sx = apply("Shape", [x], {"out_type": _int32()})
    sg = apply("Shape", [grad], {"out_type": _int32()})
    rx, _ = apply("BroadcastGradientArgs", [sx, sg])
    r = apply("Sum", [grad, rx], {"keep_dims": False})
    return apply("Reshape", [r, sx])


def _int32():
    return dtypes.int32


def _axes_const(axes):
    return constant(np.array(axes, dtype=np.int32))


def _shape_const(shape):
    return constant(np.array(shape, dtype=np.int32))
