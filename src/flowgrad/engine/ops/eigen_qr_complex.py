"""Qr of complex64 / complex128 matrices in the order TF 1.14's CPU kernel computes them.

TF's QrOp runs Eigen's HouseholderQR on a row-major copy; below Eigen's block size (48)
and with rows >= columns the factorization is unblocked (eigen_qr describes the real
case). The complex steps, each product formed part by part (no fused multiply-add):

- column k's reflector (makeHouseholder): the tail's |c|^2 = re^2 + im^2 summed in order
  (a strided column), beta = -sign(re c0) sqrt(|c0|^2 + norm), essential = tail / (c0 -
  beta) (libgcc's complex division, the column being strided), tau = conj((beta - c0) /
  beta) (each part divided by the real beta); a tail of norm 0 with a real c0 gives tau = 0;
- applying (essential, tau) to a block: tmp = essential^H bottom, tmp += row 0, row 0 -=
  tau tmp, bottom -= (tau essential[i]) tmp; a one-row block is multiplied by (1 - tau);
- Q = householderQ(), whose coefficients are the conjugated taus: the identity [m, k]
  gets the reflectors from the last to the first (the full Q only on its bottom-right
  corner from column k: a one-row block's (1 - tau) product can make a -0 elsewhere).
  tmp is the column-major GEMV (in order, blocks of 16 rows from 128, 4 for rows of
  32000 bytes) on the row-major factorization and full Q, the row-major GEMV (packets of
  4 complex64 / 2 complex128 reduced by halves, then the tail) on the column-major
  reduced Q.
"""
from __future__ import annotations

import numpy as np

from .complex_arith import _complex_mul, cgemv_rows_conj, complex_div

__all__ = ["handles", "qr"]

BLOCK = 48        # Eigen blocks from min(m, n) = 48 on, and right of the first m columns
MAX_ROWS = 2100   # checked against TF 1.14 up to this many rows
MAX_WORK = 600 * 600 * 40   # rows x Q's columns x n: about the largest checked


def handles(x, full_matrices: bool) -> bool:
    """Whether `qr` reproduces TF's bits: complex, rows >= columns, fewer than BLOCK
    columns, at most MAX_ROWS rows and MAX_WORK (the unblocked factorization and Q)."""
    if x.dtype not in (np.complex64, np.complex128) or x.ndim < 2:
        return False
    m, n = x.shape[-2:]
    return 0 < n <= m <= MAX_ROWS and n < BLOCK and \
        m * (m if full_matrices else n) * n <= MAX_WORK


def _conj_mul(e, b):
    """conj(e) * b, each part rounded."""
    out = np.empty(np.broadcast(e, b).shape, b.dtype)
    out.real = e.real * b.real + e.imag * b.imag
    out.imag = e.real * b.imag - e.imag * b.real
    return out


def _gemv_cols(ess, bottom):
    """ess^H bottom [b, r] x [b, r, c] -> [b, c]: products added in order, in blocks of
    16 rows (each summed from its first product) from 128 rows on, of 4 rows where a row
    of the matrix takes 32000 bytes or more (Eigen's GEMV block_cols)."""
    r = ess.shape[1]
    step = r if r < 128 else (16 if bottom.strides[1] < 32000 else 4)
    p = _conj_mul(ess[:, :, None], bottom)
    out = None
    for r0 in range(0, r, step):
        part = p[:, r0]
        for i in range(r0 + 1, min(r, r0 + step)):
            part = part + p[:, i]
        out = part if out is None else out + part
    return out


def _gemv_packets(ess, bottom):
    """ess^H bottom as the row-major GEMV over bottom's columns."""
    return cgemv_rows_conj(np.swapaxes(bottom, 1, 2), ess)


def _apply_left(block, ess, tau, gemv):
    """Eigen's applyHouseholderOnTheLeft on `block` [b, rows, cols] in place."""
    if block.shape[2] == 0:
        return
    if block.shape[1] == 1:
        block[:, 0] = _complex_mul(block[:, 0], (1 - tau)[:, None])
        return
    live = tau != 0
    tmp = gemv(ess, block[:, 1:]) + block[:, 0]
    row0 = block[:, 0] - _complex_mul(tau[:, None], tmp)
    factor = _complex_mul(tau[:, None], ess)
    bottom = block[:, 1:] - _complex_mul(factor[:, :, None], tmp[:, None, :])
    block[live, 0] = row0[live]
    block[live, 1:] = bottom[live]


def qr(x, full_matrices: bool = False):
    """(q, r) of each matrix in x [..., m, n] (handles(x)) as TF's Qr kernel computes them."""
    rt = x.real.dtype.type
    batch = x.shape[:-2]
    m, n = x.shape[-2:]
    a = np.array(x).reshape((-1, m, n))
    taus = np.zeros((a.shape[0], n), x.dtype)
    tiny = np.finfo(rt).tiny
    with np.errstate(all="ignore"):
        for k in range(n):
            col = a[:, k:, k]
            c0 = col[:, 0].copy()
            norm = np.zeros(c0.shape, rt)
            if col.shape[1] > 1:
                sq = col[:, 1:].real * col[:, 1:].real + col[:, 1:].imag * col[:, 1:].imag
                norm = np.cumsum(sq, axis=1)[:, -1]
            small = (norm <= tiny) & (c0.imag * c0.imag <= tiny)
            beta = np.sqrt((c0.real * c0.real + c0.imag * c0.imag) + norm)
            beta = np.where(c0.real >= 0, -beta, beta)
            ess = complex_div(col[:, 1:], (c0 - beta)[:, None])
            tau = np.empty_like(c0)
            tau.real = (beta - c0.real) / beta
            tau.imag = c0.imag / beta          # conj of (-c0.imag / beta)
            tau[small] = 0
            beta = np.where(small, c0.real, beta)
            ess[small] = 0
            a[:, k + 1:, k] = ess
            a[:, k, k] = beta
            taus[:, k] = tau
            _apply_left(a[:, k:, k + 1:], ess, tau, _gemv_cols)
        cols = m if full_matrices else n
        q = np.zeros((a.shape[0], m, cols), x.dtype)
        q[:, np.arange(cols), np.arange(cols)] = 1
        gemv = _gemv_cols if full_matrices else _gemv_packets
        for k in range(n - 1, -1, -1):     # full: evalTo's bottom-right corner
            _apply_left(q[:, k:, k if full_matrices else 0:], a[:, k + 1:, k],
                        np.conj(taus[:, k]), gemv)
    rows = m if full_matrices else n
    r = np.triu(a[:, :rows, :])
    return q.reshape(batch + (m, cols)), r.reshape(batch + (rows, n))
