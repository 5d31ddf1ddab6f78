"""float32 MatrixSolve / MatrixInverse in the order TF 1.14's CPU kernels compute them.

Both run Eigen's PartialPivLU on a row-major copy of each matrix and solve with it
(`lu.solve(rhs)`; the inverse solves for the identity). For n <= 16 Eigen factors
unblocked: at step k the first largest |a[i, k]| (i >= k) is the pivot, the rows are
swapped, the column below the pivot is divided by it, and the trailing block loses the
outer product (each product rounded, then subtracted). The solve permutes the right-hand
side, then (the row-major rhs makes Eigen transpose the triangular solves) takes each row
of the unit-lower forward substitution as `x[j] -= L[j, k] x[k]` for k = 0, 1, ...; the
upper backward one as `x[j] -= U[j, k] x[k]` for k = j + 1, ..., then multiplies by
1 / U[j, j] (a reciprocal, not a division). LAPACK's solve rounds differently; larger
matrices (Eigen's blocked LU and panels) keep NumPy's.
"""
from __future__ import annotations

import numpy as np

__all__ = ["N_MAX", "handles", "solve"]

N_MAX = 16   # Eigen's unblocked LU and single-panel triangular solves
_F = np.float32


def handles(a) -> bool:
    """Whether `solve` reproduces TF's bits for these float32 matrices [..., n, n]."""
    return a.dtype == _F and a.ndim >= 2 and 0 < a.shape[-1] <= N_MAX


def solve(a, b):
    """TF's float32 solution of a x = b ([..., n, n], [..., n, m]); None when a pivot is
    exactly zero (TF's 'not invertible')."""
    batch = a.shape[:-2]
    n, m = a.shape[-1], b.shape[-1]
    lu = np.array(a, _F).reshape(-1, n, n)
    x = np.array(b, _F).reshape(-1, n, m)
    rows = np.arange(lu.shape[0])
    with np.errstate(all="ignore"):
        for k in range(n):
            # Eigen's maxCoeff: the first largest |a|; a NaN only wins in first place
            c = np.abs(lu[:, k:, k])
            p = k + np.where(np.isnan(c[:, 0]), 0,
                             np.argmax(np.where(np.isnan(c), -1, c), axis=1))
            nonzero = lu[rows, p, k] != 0          # a zero column: no swap, no division
            swap = nonzero & (p != k)
            if swap.any():
                r, pk = rows[swap], p[swap]
                lu[r, k], lu[r, pk] = lu[r, pk].copy(), lu[r, k].copy()
                x[r, k], x[r, pk] = x[r, pk].copy(), x[r, k].copy()
            lu[nonzero, k + 1:, k] = lu[nonzero, k + 1:, k] / lu[nonzero, k:k + 1, k]
            if k < n - 1:
                lu[:, k + 1:, k + 1:] -= lu[:, k + 1:, k, None] * lu[:, k, None, k + 1:]
        # TF's check: Eigen's minCoeff of |diag| (a NaN only counts where it comes first)
        # must be above zero
        least = np.abs(lu[:, 0, 0])
        for i in range(1, n):
            d = np.abs(lu[:, i, i])
            least = np.where(d < least, d, least)
        if not np.all(least > 0):
            return None
        for j in range(n):                  # unit lower: forward
            for k in range(j):
                x[:, j] -= x[:, k] * lu[:, j, k, None]
        for j in range(n - 1, -1, -1):      # upper: backward, then times 1 / U[j, j]
            for k in range(j + 1, n):
                x[:, j] -= x[:, k] * lu[:, j, k, None]
            x[:, j] *= (_F(1) / lu[:, j, j])[:, None]
    return x.reshape(batch + (n, m))
