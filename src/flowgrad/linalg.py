"""tf.linalg: the linear-algebra namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
from .ops.linalg_ops import adjoint, einsum, matmul, matrix_transpose, matvec, tensordot
from .ops.math_ops import global_norm, norm
