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
from .ops.matrix_ops import diag as tensor_diag, diag_part as tensor_diag_part
from .ops.matrix_ops import matrix_diag as diag, matrix_diag_part as diag_part
from .ops.matrix_ops import matrix_set_diag as set_diag, matrix_determinant as det
from .ops.matrix_ops import matrix_inverse as inv, log_matrix_determinant as slogdet
from .ops.math_extras import trace
from .ops.linalg_impl import (cholesky, cholesky_solve, cross, logdet, logm, lu,
                              tridiagonal_matmul, tridiagonal_solve, svd)
from .ops.linalg_impl import matrix_solve as solve, matrix_solve_ls as lstsq
from .ops.linalg_impl import self_adjoint_eig as eigh, self_adjoint_eigvals as eigvalsh
from .ops.linalg_impl import matrix_square_root as sqrtm, matrix_exponential as expm
from .linear_operator import (LinearOperatorCirculant, LinearOperatorCirculant2D,  # noqa: I001
                              LinearOperatorCirculant3D, LinearOperatorToeplitz)
from .linear_operator import (LinearOperatorBlockDiag, LinearOperatorHouseholder,  # noqa: I001
                              LinearOperatorKronecker, LinearOperatorLowRankUpdate,
                              LinearOperatorZeros)
from .linear_operator import (LinearOperator, LinearOperatorAdjoint, LinearOperatorComposition,
                              LinearOperatorDiag, LinearOperatorFullMatrix,
                              LinearOperatorIdentity, LinearOperatorInversion,
                              LinearOperatorLowerTriangular, LinearOperatorScaledIdentity)
