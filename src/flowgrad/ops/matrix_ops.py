"""TF 1.14's matrix ops: qr, matrix_band_part, matrix_triangular_solve (engine/ops/matrix.py)."""
from __future__ import annotations

__all__ = ["qr", "matrix_band_part", "matrix_triangular_solve"]

from ..engine.ops.matrix import matrix_band_part, matrix_triangular_solve, qr
