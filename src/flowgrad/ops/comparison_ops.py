"""Comparisons and logical ops: bool results, never differentiated (TF's NotDifferentiable).

One `register_op` block per op next to its public function, with TF 1.14's
names, dtype lists and error messages.
"""
from __future__ import annotations

__all__ = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
           "logical_and", "logical_or", "logical_not", "logical_xor"]

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import Tensor
from ..engine.framework.registry import register_op
from ..engine.ops._base import (ALL, REAL_NUMBERS, apply, binary_compare, same_type_inputs,
                               to_tensor, unary_same)


def _compare(op_type, x, y, name, allowed):
    x, y = same_type_inputs(op_type, [x, y], allowed=allowed)
    return apply(op_type, [x, y], None, name)


def _bool_inputs(op_type, values, arg_names):
    """Converts to bool tensors; a non-bool tensor raises TF's TypeError."""
    out = []
    for v, n in zip(values, arg_names):
        t = v if isinstance(v, Tensor) else to_tensor(v, dtype=_dt.bool_, name=n) \
            if not hasattr(v, "_as_graph_element") else to_tensor(v)
        if t.dtype.base_dtype is not _dt.bool_:
            raise TypeError(f"Input '{n}' of '{op_type}' Op has type {t.dtype.base_dtype.name} "
                            "that does not match expected type of bool.")
        out.append(t)
    return out


# -- Equal / NotEqual ----------------------------------------------------------------------------
register_op("Equal", infer=binary_compare, kernel=np.equal, grad=None, elementwise=True)


def equal(x, y, name=None):
    """Returns x == y elementwise, with broadcasting (bool; any dtype incl. strings).

    Raises:
      TypeError: the dtypes differ.

    >>> tf.equal(tf.constant([1, 2]), 2)  # -> [False, True]  # doctest: +SKIP
    """
    return _compare("Equal", x, y, name, ALL)


register_op("NotEqual", infer=binary_compare, kernel=np.not_equal, grad=None, elementwise=True)


def not_equal(x, y, name=None):
    """Returns x != y elementwise, with broadcasting (bool; any dtype incl. strings).

    >>> tf.not_equal(tf.constant([1, 2]), 2)  # -> [True, False]  # doctest: +SKIP
    """
    return _compare("NotEqual", x, y, name, ALL)


# -- Less / LessEqual / Greater / GreaterEqual -------------------------------------------------
register_op("Less", infer=binary_compare, kernel=np.less, grad=None, elementwise=True)


def less(x, y, name=None):
    """Returns x < y elementwise, with broadcasting (real numbers only).

    >>> tf.less(tf.constant([1.0, 3.0]), 2.0)  # -> [True, False]  # doctest: +SKIP
    """
    return _compare("Less", x, y, name, REAL_NUMBERS)


register_op("LessEqual", infer=binary_compare, kernel=np.less_equal, grad=None,
            elementwise=True)


def less_equal(x, y, name=None):
    """Returns x <= y elementwise, with broadcasting (real numbers only).

    >>> tf.less_equal(tf.constant([1.0, 3.0]), 1.0)  # -> [True, False]  # doctest: +SKIP
    """
    return _compare("LessEqual", x, y, name, REAL_NUMBERS)


register_op("Greater", infer=binary_compare, kernel=np.greater, grad=None, elementwise=True)


def greater(x, y, name=None):
    """Returns x > y elementwise, with broadcasting (real numbers only).

    >>> tf.greater(tf.constant([1.0, 3.0]), 2.0)  # -> [False, True]  # doctest: +SKIP
    """
    return _compare("Greater", x, y, name, REAL_NUMBERS)


register_op("GreaterEqual", infer=binary_compare, kernel=np.greater_equal, grad=None,
            elementwise=True)


def greater_equal(x, y, name=None):
    """Returns x >= y elementwise, with broadcasting (real numbers only).

    >>> tf.greater_equal(tf.constant([1.0, 3.0]), 3.0)  # -> [False, True]  # doctest: +SKIP
    """
    return _compare("GreaterEqual", x, y, name, REAL_NUMBERS)


# -- LogicalAnd / LogicalOr / LogicalNot / logical_xor -------------------------------------------
register_op("LogicalAnd", infer=binary_compare, kernel=np.logical_and, grad=None,
            elementwise=True)


def logical_and(x, y, name=None):
    """Elementwise AND of two bool tensors, with broadcasting.

    Raises:
      TypeError: an input is not bool.

    >>> tf.logical_and(tf.constant([True, True]), [True, False])  # doctest: +SKIP
    """
    x, y = _bool_inputs("LogicalAnd", [x, y], ["x", "y"])
    return apply("LogicalAnd", [x, y], None, name)


register_op("LogicalOr", infer=binary_compare, kernel=np.logical_or, grad=None,
            elementwise=True)


def logical_or(x, y, name=None):
    """Elementwise OR of two bool tensors, with broadcasting.

    Raises:
      TypeError: an input is not bool.

    >>> tf.logical_or(tf.constant([False, False]), [True, False])  # doctest: +SKIP
    """
    x, y = _bool_inputs("LogicalOr", [x, y], ["x", "y"])
    return apply("LogicalOr", [x, y], None, name)


register_op("LogicalNot", infer=unary_same, kernel=np.logical_not, grad=None, elementwise=True)


def logical_not(x, name=None):
    """Elementwise NOT of a bool tensor.

    Raises:
      TypeError: x is not bool.

    >>> tf.logical_not(tf.constant([True, False]))  # -> [False, True]  # doctest: +SKIP
    """
    (x,) = _bool_inputs("LogicalNot", [x], ["x"])
    return apply("LogicalNot", [x], None, name)


def logical_xor(x, y, name="LogicalXor"):
    """Elementwise XOR: (x | y) & ~(x & y), composed as TF 1.14 composes it.

    >>> tf.logical_xor(tf.constant([True, True]), [True, False])  # doctest: +SKIP
    """
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)), name=name)

