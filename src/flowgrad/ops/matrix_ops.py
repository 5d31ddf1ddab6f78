"""TF 1.14's matrix ops (engine/ops/matrix.py): qr, band part, triangular solve, diagonals
(diag, diag_part, matrix_diag, matrix_diag_part, matrix_set_diag), determinants and inverse.

`log_matrix_determinant` is reachable as tf.linalg.slogdet only, as in TF 1.14.
"""
from __future__ import annotations

__all__ = ["qr", "matrix_band_part", "matrix_triangular_solve", "diag", "diag_part",
           "matrix_diag", "matrix_diag_part", "matrix_set_diag", "matrix_determinant",
           "matrix_inverse"]

from ..engine.ops.matrix import (diag, diag_part, log_matrix_determinant,  # noqa: F401
                                 matrix_band_part, matrix_determinant, matrix_diag,
                                 matrix_diag_part, matrix_inverse, matrix_set_diag,
                                 matrix_triangular_solve, qr)
