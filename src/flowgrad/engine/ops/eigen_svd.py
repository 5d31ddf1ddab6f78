"""Svd in the order TF 1.14's CPU kernel computes it (float32 and float64), for the
matrices where TF's Eigen::BDCSVD falls back to JacobiSVD.

TF 1.14's SvdOp runs `Eigen::BDCSVD<Matrix>` (Matrix row-major) on each matrix; BDCSVD
hands a matrix with fewer than 16 columns (its `algoswap`) to
`JacobiSVD<Matrix>` (ColPivHouseholderQRPreconditioner) and copies its singular values,
U and V. This module follows that JacobiSVD (Eigen is MPL2, nothing is copied):

- scale = max |a| (1 when the matrix is zero); a square matrix: W = a / scale,
  U = V = identity; a tall one: ColPivHouseholderQR of a / scale (column norms summed in
  order, the largest first, eigen_qr's reflectors, LAPACK's norm downdate with a direct
  recomputation below sqrt(eps)), W = R's square, U = Q (full: evaluated; thin: applied
  to the identity), V = the column permutation; a wide one: the same on its transpose,
  W = R^T, V = Q, U = the permutation;
- sweeps over p = 1..n-1, q = 0..p-1 while some pair is rotated: a pair is rotated when
  |W[p,q]| or |W[q,p]| exceeds max(FLT/DBL_MIN, 2 eps * maxDiagEntry);
- `real_2x2_jacobi_svd`: rot1 from t = m00 + m11, d = m10 - m01 (u = t/d,
  s = 1/sqrt(1+u^2), c = u/sqrt(1+u^2)), applied to the 2x2 block, then `makeJacobi`
  on the result gives j_right, and j_left = rot1 * j_right^T;
- W's rows p, q by j_left and its columns p, q by j_right^T (c x + s y, -s x + c y, each
  product rounded, which the packet path also does: no FMA), U's columns by j_left, V's
  by j_right^T; a rotation (1, 0) is skipped, as Eigen does;
- |diagonal| as the singular values (U's column negated for a negative entry), times
  scale, then a selection sort (first maximum) that swaps U's and V's columns too.

The batch is vectorized: each pair's rotation is computed for every matrix at once and
applied where that matrix's pair is above its threshold.
"""
from __future__ import annotations

import numpy as np

from . import eigen_qr as _eqr

__all__ = ["handles", "jacobi_svd"]

#: BDCSVD's algoswap: below this many columns TF's Svd is JacobiSVD's.
ALGOSWAP = 16


#: The most rows checked against the oracle (1 to 15 columns: 1-64, 80, 100, 127, 128,
#: 200, 513, 700, 1000 and 1024 rows, float32 and float64, thin and full U/V).
MAX_ROWS = 1024


def handles(dtype, m, n):
    """Whether jacobi_svd reproduces TF's bits for [m, n] matrices of `dtype`."""
    return (np.dtype(dtype) in (np.float32, np.float64) and 0 < n < ALGOSWAP
            and 0 < m <= MAX_ROWS)


def _norm(cols):
    """Eigen's norm() of strided columns [B, r, c]: squares summed in order, sqrt."""
    if cols.shape[1] == 0:
        return np.zeros((cols.shape[0], cols.shape[2]), cols.dtype)
    return np.sqrt(np.cumsum(cols * cols, axis=1)[:, -1])



def _downdate_norms(a, k, updated, direct, down_thr, norm):
    """ColPivHouseholderQR's column norms after step k, as Eigen updates them: each
    remaining column's norm downdated by its entry in row k (LAPACK Working Note 176),
    recomputed by `norm` from rows k+1.. where the downdate lost too much (t2 <= down_thr);
    `updated`/`direct` [batch, cols] in place."""
    dt = a.dtype.type
    for j in range(k + 1, a.shape[2]):
        un = updated[:, j]
        nz = un != 0
        with np.errstate(all="ignore"):
            t = np.abs(a[:, k, j]) / un
            t = (dt(1) + t) * (dt(1) - t)
            t = np.where(t < 0, dt(0), t)
            ratio = un / direct[:, j]
            t2 = t * (ratio * ratio)
        redo = nz & (t2 <= down_thr)
        keep = nz & ~redo
        if redo.any():
            fresh = norm(a[:, k + 1:, j:j + 1])[:, 0]
            direct[:, j] = np.where(redo, fresh, direct[:, j])
            updated[:, j] = np.where(redo, fresh, updated[:, j])
        with np.errstate(all="ignore"):
            updated[:, j] = np.where(keep, un * np.sqrt(t), updated[:, j])

def colpiv_factor(a):
    """Eigen's ColPivHouseholderQR::computeInPlace on a [B, r, c] (row-major): the packed
    factors (R on and above the diagonal, the reflectors' essential parts below), the taus
    [B, min(r, c)], the column permutation [B, c] (a[:, :, perm] = Q R) and Eigen's
    m_nonzero_pivots [B] (the first step whose largest remaining column norm squared fell
    below (max column norm * eps)^2 / r * (r - k))."""
    dt = a.dtype.type
    a = a.copy()
    nb, rows, cols = a.shape
    size = min(rows, cols)
    tiny = np.finfo(dt).tiny
    eps = dt(np.finfo(dt).eps)
    down_thr = np.sqrt(eps)
    direct = _norm(a)
    updated = direct.copy()
    with np.errstate(all="ignore"):
        helper = np.square(updated.max(axis=1) * eps) / dt(rows)
    nonzero = np.full(nb, size)
    taus = np.zeros((nb, size), dt)
    perm = np.broadcast_to(np.arange(cols), (nb, cols)).copy()
    rix = np.arange(nb)
    for k in range(size):
        big = np.argmax(updated[:, k:], axis=1) + k
        with np.errstate(all="ignore"):
            low = np.square(updated[rix, big]) < helper * dt(rows - k)
        nonzero = np.where((nonzero == size) & low, k, nonzero)
        sw = big != k
        if sw.any():
            b = rix[sw]
            j = big[sw]
            for arr in (direct, updated, perm):
                x, y = arr[b, k].copy(), arr[b, j].copy()
                arr[b, k], arr[b, j] = y, x
            x, y = a[b, :, k].copy(), a[b, :, j].copy()
            a[b, :, k], a[b, :, j] = y, x
        _eqr._factor_columns(a, taus, k, k + 1, tiny, dt)
        _eqr._apply_left(a[:, k:, k + 1:], a[:, k + 1:, k], taus[:, k])
        _downdate_norms(a, k, updated, direct, down_thr, _norm)
    return a, taus, perm, nonzero


def _colpiv_qr(a, compute_q, full):
    """Eigen's ColPivHouseholderQR of a [B, r, c] (r > c, row-major): the upper triangle
    R [B, c, c], Q ([B, r, r] with full, else [B, r, c]; None without compute_q) and the
    permutation matrix P [B, c, c] (a P = Q R)."""
    dt = a.dtype.type
    nb, rows, cols = a.shape
    a, taus, perm, _ = colpiv_factor(a)
    rix = np.arange(nb)
    r = np.triu(a[:, :cols, :cols])
    p = np.zeros((nb, cols, cols), dt)
    p[rix[:, None], perm, np.arange(cols)[None, :]] = 1
    q = None
    if compute_q:
        width = rows if full else cols
        q = np.zeros((nb, rows, width), dt)
        q[:, np.arange(cols if not full else rows), np.arange(width)] = 1
        with np.errstate(all="ignore"):
            for k in range(cols - 1, -1, -1):
                _eqr._apply_left(q[:, k:, :], a[:, k + 1:, k], taus[:, k])
    return r, q, p


def _rotate(x, y, c, s, mask):
    """apply_rotation_in_the_plane on x, y ([B, k]) with (c, s) ([B]) where mask."""
    c = c[:, None]
    s = s[:, None]
    nx = c * x + s * y
    ny = -s * x + c * y
    keep = ~mask | ((c[:, 0] == 1) & (s[:, 0] == 0))
    if not keep.any():
        return nx, ny
    keep = keep[:, None]
    return np.where(keep, x, nx), np.where(keep, y, ny)


def jacobi_svd(a, compute_uv=True, full_matrices=False, qr=_colpiv_qr):
    """(s, u, v) of a batch [..., m, n] of float32/float64 matrices, in TF's bits (u and
    v None without compute_uv). `qr` is the preconditioner's ColPivHouseholderQR (the
    row-major one; eigen_bdcsvd passes its column-major one)."""
    a = np.asarray(a)
    dt = a.dtype.type
    shape = a.shape
    m, n = shape[-2:]
    k = min(m, n)
    a = a.reshape((-1, m, n))
    nb = a.shape[0]
    one, zero = dt(1), dt(0)
    tiny = dt(np.finfo(dt).tiny)
    precision = dt(2) * dt(np.finfo(dt).eps)
    scale = np.abs(a).max(axis=(1, 2))
    scale = np.where(scale == 0, one, scale).astype(dt)
    scaled = a / scale[:, None, None]
    u = v = None
    if m == n:
        w = scaled
        if compute_uv:
            u = np.broadcast_to(np.eye(n, dtype=dt), (nb, n, n)).copy()
            v = u.copy()
    else:
        with np.errstate(all="ignore"):
            if m > n:
                r, u, v = qr(scaled, compute_uv, full_matrices)
                w = r
            else:
                r, v, u = qr(np.ascontiguousarray(np.swapaxes(scaled, 1, 2)),
                                     compute_uv, full_matrices)
                w = np.ascontiguousarray(np.swapaxes(r, 1, 2))
        w = w.copy()
    n = k
    maxdiag = np.abs(np.diagonal(w, axis1=1, axis2=2)).max(axis=1)
    rows = np.arange(nb)
    finished = False
    with np.errstate(all="ignore"):   # the 2x2 steps divide by zero where masked off
        while not finished:
            finished = True
            for p in range(1, n):
                for q in range(p):
                    thr = np.maximum(tiny, precision * maxdiag)
                    mask = (np.abs(w[:, p, q]) > thr) | (np.abs(w[:, q, p]) > thr)
                    if not mask.any():
                        continue
                    finished = False
                    m00, m01 = w[:, p, p], w[:, p, q]
                    m10, m11 = w[:, q, p], w[:, q, q]
                    t = m00 + m11
                    d = m10 - m01
                    small = np.abs(d) < tiny
                    uu = t / d
                    tmp = np.sqrt(one + uu * uu)
                    s1 = np.where(small, zero, one / tmp)
                    c1 = np.where(small, one, uu / tmp)
                    # rot1 on the 2x2 block's rows (only row 0's (0,0), (0,1) and row 1's
                    # (1,1) are read by makeJacobi)
                    x00 = c1 * m00 + s1 * m10
                    x01 = c1 * m01 + s1 * m11
                    x11 = -s1 * m01 + c1 * m11
                    ident1 = (c1 == 1) & (s1 == 0)
                    x00 = np.where(ident1, m00, x00)
                    x01 = np.where(ident1, m01, x01)
                    x11 = np.where(ident1, m11, x11)
                    deno = dt(2) * np.abs(x01)
                    nojac = deno < tiny
                    tau = (x00 - x11) / deno
                    ww = np.sqrt(tau * tau + one)
                    tt = np.where(tau > 0, one / (tau + ww), one / (tau - ww))
                    sign_t = np.where(tt > 0, one, -one)
                    nn = one / np.sqrt(tt * tt + one)
                    sr = (-sign_t) * (x01 / np.abs(x01)) * np.abs(tt) * nn
                    cr = np.where(nojac, one, nn)
                    sr = np.where(nojac, zero, sr)
                    # j_left = rot1 * j_right^T, j_right^T = (cr, -sr)
                    srt = -sr
                    cl = c1 * cr - s1 * srt
                    sl = c1 * srt + s1 * cr
                    wp, wq = _rotate(w[:, p, :], w[:, q, :], cl, sl, mask)
                    w[:, p, :], w[:, q, :] = wp, wq
                    if compute_uv:
                        up, uq = _rotate(u[:, :, p], u[:, :, q], cl, sl, mask)
                        u[:, :, p], u[:, :, q] = up, uq
                    wp, wq = _rotate(w[:, :, p], w[:, :, q], cr, srt, mask)
                    w[:, :, p], w[:, :, q] = wp, wq
                    if compute_uv:
                        vp, vq = _rotate(v[:, :, p], v[:, :, q], cr, srt, mask)
                        v[:, :, p], v[:, :, q] = vp, vq
                    md = np.maximum(maxdiag, np.maximum(np.abs(w[:, p, p]), np.abs(w[:, q, q])))
                    maxdiag = np.where(mask, md, maxdiag)
    diag = np.diagonal(w, axis1=1, axis2=2).copy()
    sv = np.abs(diag)
    if compute_uv:
        u[:, :, :n] = np.where((diag < 0)[:, None, :], -u[:, :, :n], u[:, :, :n])
    sv = sv * scale[:, None]
    # selection sort, first maximum; stops at a zero maximum
    active = np.ones(nb, bool)
    for i in range(n):
        tail = sv[:, i:]
        pos = np.argmax(tail, axis=1)
        mx = tail[rows, pos]
        active &= mx != 0
        sw = active & (pos > 0)
        if not sw.any():
            continue
        j = pos + i
        b = rows[sw]
        jb = j[sw]
        si, sj = sv[b, i].copy(), sv[b, jb].copy()
        sv[b, i], sv[b, jb] = sj, si
        if compute_uv:
            ci, cj = u[b, :, i].copy(), u[b, :, jb].copy()
            u[b, :, i], u[b, :, jb] = cj, ci
            ci, cj = v[b, :, i].copy(), v[b, :, jb].copy()
            v[b, :, i], v[b, :, jb] = cj, ci
    sv = sv.reshape(shape[:-2] + (k,))
    if not compute_uv:
        return sv, None, None
    return (sv, u.reshape(shape[:-2] + u.shape[1:]), v.reshape(shape[:-2] + v.shape[1:]))
