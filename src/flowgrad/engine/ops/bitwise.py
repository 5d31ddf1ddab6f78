"""TF 1.14's bitwise ops on integers: BitwiseAnd/Or/Xor, Invert, LeftShift, RightShift.

Binary ops broadcast. As TF's kernels, a shift amount is clamped to [0, bits - 1]; a left
shift wraps (two's complement), a right shift of a signed value is arithmetic. None is
differentiable (TF registers them NotDifferentiable).
"""
from __future__ import annotations

__all__ = ["bitwise_and", "bitwise_or", "bitwise_xor", "invert", "left_shift", "right_shift"]

import numpy as np

from ._base import INTS
from .elementwise import binop, unop


def _clamped(x, y):
    bits = np.dtype(x.dtype).itemsize * 8
    return np.clip(y, 0, bits - 1).astype(x.dtype)


def _left_shift(x, y):
    x, y = np.asarray(x), np.asarray(y)
    with np.errstate(over="ignore"):
        return np.left_shift(x, _clamped(x, y)).astype(x.dtype)


def _right_shift(x, y):
    x, y = np.asarray(x), np.asarray(y)
    return np.right_shift(x, _clamped(x, y)).astype(x.dtype)


bitwise_and = binop("bitwise_and", "BitwiseAnd", np.bitwise_and, INTS, None,
                    "Elementwise x & y of integers")
bitwise_or = binop("bitwise_or", "BitwiseOr", np.bitwise_or, INTS, None,
                   "Elementwise x | y of integers")
bitwise_xor = binop("bitwise_xor", "BitwiseXor", np.bitwise_xor, INTS, None,
                    "Elementwise x ^ y of integers")
left_shift = binop("left_shift", "LeftShift", _left_shift, INTS, None,
                   "Elementwise x << y (y clamped to [0, bits - 1]; wraps)")
right_shift = binop("right_shift", "RightShift", _right_shift, INTS, None,
                    "Elementwise x >> y (y clamped to [0, bits - 1]; arithmetic for signed)")
invert = unop("invert", "Invert", np.invert, INTS, None, "Elementwise ~x of integers")
