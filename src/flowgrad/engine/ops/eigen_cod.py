"""MatrixSolveLs with fast=False in the order TF 1.14's CPU kernel computes it (float32,
float64): `matrix.completeOrthogonalDecomposition().solve(rhs)` on row-major Eigen
matrices (Eigen is MPL2; this re-expresses CompleteOrthogonalDecomposition.h's arithmetic
order in NumPy, no code copied):

1. ColPivHouseholderQR of the matrix (eigen_svd.colpiv_factor); its rank counts the
   diagonal entries above max|R_kk| * eps * min(m, n) among the first m_nonzero_pivots;
2. for a rank r below the columns n, reflectors from the right (k = r-1 .. 0) that zero
   row k's entries past column r (column k's head swapped with column r-1's around it);
3. solve: rhs by the first r reflectors of Q (k = 0 .. r-1), the upper r x r triangle
   solved as MatrixTriangularSolve solves (eigen_lu.triangular_solve), rows r.. zeroed
   and Z^H applied (rows k and r-1 swapped around each), then the column permutation.

Checked against TF 1.14 (tests/golden/seeded: pprobe24's lstsq_complete_orthogonal.py:
full-rank tall float32 / float64 batched, a rank-deficient tall float32;
tests/golden/linalg/gen_solve_ls_cod.py; seeded sweeps of 150 shapes up to 400 x 60).
Matrices whose Z reflectors are 4 or more entries long (Eigen's vectorized row reductions)
and ranks of 48 or more with several right-hand sides (the blocked Householder
application) keep NumPy's pseudo-inverse.
"""
from __future__ import annotations

import numpy as np

from . import eigen_lu as _eigen_lu
from . import eigen_qr as _eqr
from .eigen_svd import colpiv_factor

__all__ = ["solve"]

#: HouseholderSequence's BlockSize: from this many reflectors on a rhs of several columns
#: Eigen applies Q^H in blocks (apply_block_householder_on_the_left), not modelled here.
_BLOCK = 48


def _rank(qr, nonzero):
    """ColPivHouseholderQR::rank() of each packed factor."""
    nb, m, n = qr.shape
    diag = np.abs(np.diagonal(qr[:, :min(m, n), :min(m, n)], axis1=1, axis2=2))
    dt = qr.dtype.type
    thr = diag.max(axis=1) * (dt(np.finfo(dt).eps) * dt(min(m, n)))
    return [int(np.count_nonzero(diag[i, :nonzero[i]] > thr[i])) for i in range(nb)]


def _apply_right(block, ess, tau):
    """applyHouseholderOnTheRight on block [rows, cols] in place (a row-major GEMV of
    fewer than 4 columns: each row's products summed in order)."""
    if block.shape[1] == 1:
        block *= 1 - tau
        return
    if tau == 0:
        return
    right = block[:, 1:]
    tmp = np.zeros(block.shape[0], block.dtype)
    for j in range(right.shape[1]):
        tmp = tmp + right[:, j] * ess[j]
    tmp = tmp + block[:, 0]
    block[:, 0] = block[:, 0] - tau * tmp
    block[:, 1:] = right - (tau * tmp)[:, None] * ess[None, :]


def _one(qr, tau_h, perm, rank, b):
    """x for one packed factor qr [m, n] and rhs b [m, k]."""
    m, n = qr.shape
    dt = qr.dtype.type
    x = np.zeros((n, b.shape[1]), qr.dtype)
    if rank == 0:
        return x
    qr = qr.copy()
    z_tau = np.zeros(rank, qr.dtype)
    tiny = np.finfo(dt).tiny
    if rank < n:
        for k in range(rank - 1, -1, -1):
            if k != rank - 1:
                qr[:k + 1, [k, rank - 1]] = qr[:k + 1, [rank - 1, k]]
            row = qr[k:k + 1, rank - 1:].T.copy()[None]      # [1, n-r+1, 1]
            taus = np.zeros((1, 1), qr.dtype)
            _eqr._factor_columns(row, taus, 0, 1, tiny, dt)
            qr[k, rank - 1:] = row[0, :, 0]
            z_tau[k] = taus[0, 0]
            if k > 0:
                _apply_right(qr[:k, rank - 1:], qr[k, rank:], z_tau[k])
            if k != rank - 1:
                qr[:k + 1, [k, rank - 1]] = qr[:k + 1, [rank - 1, k]]
    c = b.astype(qr.dtype, copy=True)[None]
    for k in range(rank):
        _eqr._apply_left(c[:, k:, :], qr[None, k + 1:, k], tau_h[None, k])
    x[:rank] = _eigen_lu.triangular_solve(np.triu(qr[:rank, :rank]), c[0, :rank],
                                          lower=False)
    if rank < n:
        for k in range(rank):
            if k != rank - 1:
                x[[k, rank - 1]] = x[[rank - 1, k]]
            _eqr._apply_left(x[None, rank - 1:], qr[None, k, rank:], z_tau[None, k])
            if k != rank - 1:
                x[[k, rank - 1]] = x[[rank - 1, k]]
    out = np.empty_like(x)
    out[perm] = x
    return out


def solve(a, b):
    """The minimum-norm least-squares solutions of a [B, m, n] x = b [B, m, k] as TF's
    kernel computes them, or None where a matrix's rank leaves Z reflectors this model
    does not cover."""
    qr, taus, perm, nonzero = colpiv_factor(a)
    ranks = _rank(qr, nonzero)
    n = a.shape[2]
    if any(n - r >= 4 and r > 0 for r in ranks):
        return None
    if b.shape[2] > 1 and max(ranks) >= _BLOCK:
        return None
    with np.errstate(all="ignore"):
        return np.stack([_one(qr[i], taus[i], perm[i], ranks[i], b[i])
                         for i in range(a.shape[0])])
