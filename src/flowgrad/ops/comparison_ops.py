"""Comparisons and logical ops (TF's names): primitives from engine/ops/comparison.py,
and `logical_xor`, composed as TF 1.14 composes it."""
from __future__ import annotations

__all__ = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
           "logical_and", "logical_or", "logical_not", "logical_xor"]

from typing import Any

from ..engine.framework.graph import Tensor
from ..engine.ops.comparison import (equal, greater, greater_equal, less,  # noqa: F401
                                     less_equal, logical_and, logical_not, logical_or,
                                     not_equal)


def logical_xor(x: Any, y: Any, name: str = "LogicalXor") -> Tensor:
    """Elementwise XOR: (x | y) & ~(x & y), composed as TF 1.14 composes it.

    >>> print(tf.Session().run(tf.logical_xor([True, True], [True, False])))
    [False  True]
    """
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)), name=name)
