"""Small helpers the nn op families share (activations, losses, normalization, conv, pool)."""
from __future__ import annotations

from typing import Any, Sequence, Union

import numpy as np

from ..framework.constant_op import constant
from ..framework.graph import Tensor
from .shape import shape

# What a binder accepts where TF takes a tensor: a Tensor, or anything
# convert_to_tensor takes (Python numbers, lists, NumPy arrays).
TensorLike = Union[Tensor, Any]
# strides, dilations, ksize: one int, or a list in TF's accepted lengths
IntOrInts = Union[int, Sequence[int]]


def scalar(value, like):
    """A scalar constant of `like`'s dtype."""
    return constant(value, dtype=like.dtype.base_dtype)


def is_zero(t):
    """True for a gradient known to be zero (None, ZerosLike/Zeros, an all-zero Const)."""
    return t is None or t.op.type in ("ZerosLike", "Zeros") or (
        t.op.type == "Const" and not np.any(t.op._get_attr("value")))


def shape_of(t):
    """A 1-D int32 tensor with `t`'s shape (a constant when static)."""
    return shape(t)  # TF's array_ops.shape: a Const named Shape when static


def graph_values(*ts):
    """The arguments that are graph elements (for name_scope's `values`)."""
    return [t for t in ts if hasattr(t, "op")]
