"""tf.contrib.stateless: TF 1.14's stateless random ops (ops/stateless_random_ops.py): the
numbers are a function of `shape` and the two-int `seed` only."""
from ..ops.random_ops import (stateless_multinomial, stateless_random_normal,
                              stateless_random_uniform, stateless_truncated_normal)

__all__ = ["stateless_multinomial", "stateless_random_normal", "stateless_random_uniform",
           "stateless_truncated_normal"]
