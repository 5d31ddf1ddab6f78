"""Qr in the order TF 1.14's CPU kernel computes it (float32 and float64).

TF's QrOp runs Eigen's HouseholderQR on a row-major copy of each [m, n] matrix and
returns `householderQ() * Identity(m, k)` (k = min(m, n), or m with full_matrices) and the
upper triangle of matrixQR(). For min(m, n) < 48 Eigen factors unblocked and applies
the reflectors one by one:

- column k's reflector: the tail's squared norm summed in order (a strided column, so no
  packets), beta = -sign(c0) sqrt(c0^2 + norm), essential = tail / (c0 - beta),
  tau = (beta - c0) / beta (a tail of norm 0 gives tau = 0, beta = c0);
- applying (essential, tau) to a block [c0 row; bottom]: tmp = essential^T bottom (the
  column-major GEMV: products summed in order, in blocks of 16 rows from 128 rows on),
  tmp += row 0, row 0 -= tau tmp, bottom -= (tau essential[i]) tmp (the outer product
  scales each row by one rounded factor); a block of one row is scaled by (1 - tau);
- Q: the identity [m, k] gets the reflectors from the last to the first, each on rows
  k.. of every column. The full Q (householderQ() evaluated) is row-major like the
  factorization; the reduced one (a product with the identity) is a column-major matrix,
  whose tmp is the row-major GEMV: 8 (float) or 4 (double) packet lanes over the rows,
  reduced by halves, then the rows left over one by one.

From min(m, n) = 48 on, and on the columns right of the first m when m < n, Eigen
blocks the factorization and the reflectors' application: eigen_qr_blocked. LAPACK
(NumPy's qr) rounds differently; matrices above CHECKED rows or columns keep NumPy's.
"""
from __future__ import annotations

import numpy as np

from . import eigen_qr_blocked as _blocked
from .eigen_bmm import _sum

__all__ = ["BLOCK", "handles", "qr"]

BLOCK = 48   # Eigen's block size: from min(m, n) = 48 on, factorization and Q are blocked
CHECKED = 4608  # checked against TF 1.14 up to this many rows or columns
MAX_WORK = 4608 * 512 * 512   # rows x Q's or R's widest x min(m, n): the largest checked


def handles(x, full_matrices: bool) -> bool:
    """Whether `qr` reproduces TF's bits for these matrices [..., m, n]: float32 and
    float64 up to CHECKED rows and columns and MAX_WORK (checked against the oracle, full
    and reduced, in some 530 cases from 1 x 1 to 1024 x 1024, 4608 x 512 and 40 x 3000).
    Larger matrices keep NumPy's: not checked, and the model's cost grows with them
    (about 1 s for 512 x 512 float32, 13 s for 4608 x 512)."""
    if x.dtype not in (np.float32, np.float64) or x.ndim < 2:
        return False
    m, n = x.shape[-2:]
    k = min(m, n)
    if not (0 < m <= CHECKED and 0 < n <= CHECKED):
        return False
    return m * max(n, m if full_matrices else k) * k <= MAX_WORK


def _gemv(ess, bottom):
    """ess^T bottom: [b, r] x [b, r, c] -> [b, c], summed over r in order (blocks of 16
    rows, each summed from its first product, from 128 rows on)."""
    r = ess.shape[1]
    step = r if r < 128 else 16
    p = np.ascontiguousarray(np.moveaxis(ess[:, :, None] * bottom, 1, 0))   # [r, b, c]
    out = None
    for r0 in range(0, r, step):
        part = _sum(p[r0:r0 + step])
        out = part if out is None else out + part
    return out


def _gemv_packets(ess, bottom):
    """ess^T bottom as the row-major GEMV (bottom column-major): for each column, one
    accumulator of whole packets (8 floats, 4 doubles) reduced by halves, then the
    products left one by one."""
    lanes = 8 if bottom.dtype == np.float32 else 4
    r = ess.shape[1]
    whole = r // lanes * lanes
    p = ess[:, :, None] * bottom                       # [b, r, c]
    if whole:
        acc = p[:, 0:lanes]
        for i in range(lanes, whole, lanes):
            acc = acc + p[:, i:i + lanes]
        while acc.shape[1] > 1:
            h = acc.shape[1] // 2
            acc = acc[:, :h] + acc[:, h:]
        out = acc[:, 0]
    else:
        out = np.zeros((p.shape[0], p.shape[2]), p.dtype)
    for i in range(whole, r):
        out = out + p[:, i]
    return out


def _apply_left(block, ess, tau, gemv=_gemv):
    """Eigen's applyHouseholderOnTheLeft on `block` [b, rows, cols] in place."""
    if block.shape[1] == 1:
        block *= (1 - tau)[:, None, None]
        return
    if block.shape[2] == 0:
        return
    live = tau != 0
    tmp = gemv(ess, block[:, 1:])
    tmp = tmp + block[:, 0]
    row0 = block[:, 0] - tau[:, None] * tmp
    bottom = block[:, 1:] - (tau[:, None] * ess)[:, :, None] * tmp[:, None, :]
    block[live, 0] = row0[live]
    block[live, 1:] = bottom[live]


def _factor_columns(a, taus, k0, k1, tiny, dt):
    """Eigen's unblocked factorization of columns k0..k1 of a [b, m, n] in place, the
    reflectors applied within those columns only."""
    for k in range(k0, k1):
        col = a[:, k:, k]
        c0 = col[:, 0].copy()
        norm = np.zeros_like(c0)
        if col.shape[1] > 1:          # the tail's squares summed in order (accumulate)
            norm = np.cumsum(col[:, 1:] * col[:, 1:], axis=1)[:, -1]
        small = norm <= tiny
        beta = np.sqrt(c0 * c0 + norm)
        beta = np.where(c0 >= 0, -beta, beta)
        ess = col[:, 1:] / (c0 - beta)[:, None]
        tau = (beta - c0) / beta
        tau = np.where(small, dt(0), tau)
        beta = np.where(small, c0, beta)
        ess[small] = 0
        a[:, k + 1:, k] = ess
        a[:, k, k] = beta
        taus[:, k] = tau
        _apply_left(a[:, k:, k + 1:k1], ess, tau)


def qr(x, full_matrices: bool = False):
    """(q, r) of each matrix in x [..., m, n] as TF's Qr kernel computes them."""
    dt = x.dtype.type
    batch = x.shape[:-2]
    m, n = x.shape[-2:]
    size = min(m, n)
    a = np.array(x, dt).reshape((-1, m, n))
    taus = np.zeros((a.shape[0], size), dt)
    tiny = np.finfo(dt).tiny
    with np.errstate(all="ignore"):
        for k0 in range(0, size, BLOCK):
            k1 = min(size, k0 + BLOCK)
            _factor_columns(a, taus, k0, k1, tiny, dt)
            if k1 < n:              # the columns right of the block: blocked update
                for b in range(a.shape[0]):
                    _blocked.apply_block(a[b, k0:, k1:], np.ascontiguousarray(a[b, k0:, k0:k1]),
                                         taus[b, k0:k1], False, False)
        cols = m if full_matrices else size
        blocked = [_blocked.householder_q(a[b], taus[b], full_matrices)
                   for b in range(a.shape[0])]
        q = np.zeros((a.shape[0], m, cols), dt)
        q[:, np.arange(min(m, cols)), np.arange(min(m, cols))] = 1
        # householderQ() evaluated (full) writes a row-major result; times the identity
        # [m, k] (reduced) it is a column-major one: GEMV over packets
        gemv = _gemv if full_matrices else _gemv_packets
        if blocked and blocked[0] is not None:
            q = np.stack(blocked)
        else:
            for k in range(size - 1, -1, -1):
                _apply_left(q[:, k:, :], a[:, k + 1:, k], taus[:, k], gemv)
    rows = m if full_matrices else size
    r = np.triu(a[:, :rows, :])
    return q.reshape(batch + (m, cols)), r.reshape(batch + (rows, n))
