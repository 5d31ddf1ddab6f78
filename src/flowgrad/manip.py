"""tf.manip: TF 1.14's tensor-manipulation namespace (roll, and re-exports of array ops)."""
# ruff: noqa: F401
from .ops.array_ops import (batch_to_space_nd, gather_nd, reshape, reverse, scatter_nd,
                            space_to_batch_nd, tile)
from .ops.array_ops_extra import roll
