"""tf.linalg: the linear-algebra namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
from .ops.linalg_ops import einsum, matmul, tensordot
from .ops.math_ops import global_norm, norm
