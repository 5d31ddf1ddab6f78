"""Comparisons and logical ops (bool results, never differentiated)."""
from __future__ import annotations

__all__ = ["logical_not", "logical_xor", "greater", "greater_equal", "less", "less_equal", "equal", "not_equal", "logical_and", "logical_or"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import register_op
from ._base import (REAL_NUMBERS, apply, binary_compare, same_type_inputs, to_tensor,
                    unary_same)


def _compare(op_type, kernel, allowed=REAL_NUMBERS):
    register_op(op_type, infer=binary_compare, kernel=kernel, grad=None, elementwise=True)

    def fn(x, y, name=None):
        x, y = same_type_inputs(op_type, [x, y], allowed=allowed)
        return apply(op_type, [x, y], None, name)
    fn.__doc__ = f"Elementwise {op_type} with broadcasting; returns bool."
    return fn


greater = _compare("Greater", np.greater)
greater_equal = _compare("GreaterEqual", np.greater_equal)
less = _compare("Less", np.less)
less_equal = _compare("LessEqual", np.less_equal)
equal = _compare("Equal", np.equal, None)
not_equal = _compare("NotEqual", np.not_equal, None)
logical_and = _compare("LogicalAnd", np.logical_and, (_dt.bool_,))
logical_or = _compare("LogicalOr", np.logical_or, (_dt.bool_,))

register_op("LogicalNot", infer=unary_same, kernel=np.logical_not, grad=None, elementwise=True)


def logical_not(x, name=None):
    """Elementwise NOT of a bool tensor."""
    x = to_tensor(x, dtype=_dt.bool_)
    return apply("LogicalNot", [x], None, name)


def logical_xor(x, y, name="LogicalXor"):
    """(x | y) & ~(x & y), composed as TF composes it."""
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)), name=name)
