"""tf.linalg: the linear-algebra namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
from .ops.array_ops import eye
from .ops.linalg_ops import adjoint, einsum, matmul, matrix_transpose, matvec, tensordot
from .ops.linalg_ops import matrix_transpose as transpose
from .ops.math_ops import global_norm, norm
from .ops.nn_ops import l2_normalize
from .ops.matrix_ops import matrix_band_part as band_part
from .ops.matrix_ops import matrix_triangular_solve as triangular_solve
from .ops.matrix_ops import qr
