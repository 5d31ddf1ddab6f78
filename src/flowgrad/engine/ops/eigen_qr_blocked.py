"""Eigen's blocked HouseholderQR as TF 1.14's Qr kernel runs it (float32, float64), read
from the Eigen headers TF 1.14 ships (tensorflow/include/Eigen/src): used by eigen_qr
from min(m, n) = 48 on and for m < n.

- Factorization (householder_qr_inplace_blocked, block 48): each block of columns is
  factored unblocked within its columns, then apply_block_householder_on_the_left updates
  the columns right of it (backward: T^T).
- make_block_householder_triangular_factor (T row-major), i from the last down: the row
  -h_i v^T UnitLower(V[i+1:, i+1:]) is the column-major trmv (panels of 8: axpys with
  alpha v[i] premultiplied, the unit diagonal, then the column-major GEMV for the panels
  after, sums in order then res + c alpha; alpha = -h_i), then the explicit loop j from
  the last down: z = T(i, j); T(i, j) = z T(j, j); T(i, j+1:) += z T(j, j+1:).
- The products V^T mat and T^T tmp (T tmp) land in a column-major tmp: Eigen's
  triangular-on-the-left trmm, panels of min(2 max(mr, nr), kc, mc) (32 float, 16 double,
  cut by Eigen's mc), each panel's zero-padded micro triangle and its rectangle one GEBP
  call each (sums added to the result call by call), the trapezoid's rest by row blocks of
  mc. mat -= V tmp: a row-major destination (the factorization, full Q) takes the
  triangular-on-the-right kernel of the transposed problem (panels of max(mr, nr): 16
  float, 8 double); the column-major reduced Q the left kernel with alpha -1.
- Q (HouseholderSequence::applyThisOnTheLeft): by blocks of (L + 1) / 2 reflectors when
  L < 96, else 48, from the last; the full Q's evalTo is blocked only for L > 48, each
  block touching the columns from its first row on (inputIsIdentity).

GEBP orders are eigen_gebp's (_gebp for float, _gebp64 for double). Checked against the
oracle for m, n <= 96 (golden initializers/orthogonal_blocked); eigen_qr.handles keeps
the shapes that were checked.
"""
from __future__ import annotations

import numpy as np

from . import eigen_gebp as _g

__all__ = ["apply_block", "householder_q"]


def _gebp(x, y):
    """x [r, k] @ y [k, c] as one Eigen GEBP call (Eigen's columns: the rows r)."""
    k = x.shape[1]
    if x.dtype == np.float32:
        if k == 0:
            return np.zeros((x.shape[0], y.shape[1]), x.dtype)
        return _g._gebp(x, y, 0, k)
    m4 = x.shape[0] // 4 * 4
    rows = None if m4 == 0 else (True if m4 == x.shape[0] else np.arange(m4))
    return _g._gebp64(x, y, 0, k, rows, _g._kinds64(y.shape[1], y.shape[1]))


def _gebp_cm(lhs, rhs):
    """Column-major res [R, N] = lhs [R, D] @ rhs [D, N] as one GEBP call (Eigen's rows: R)."""
    return _gebp(np.ascontiguousarray(rhs.T), np.ascontiguousarray(lhs.T)).T


def _mr(dt):
    return 16 if dt == np.float32 else 8


def _mc(m, dt):
    """Eigen's mc for m rows on one thread (computeProductBlockingSizes at these sizes)."""
    mr = _mr(dt)
    if m <= mr:
        return m
    mc = m - m % mr
    if m % mc == 0:
        return mc
    return mc - mr * ((mc - m % mc) // (mr * (m // mc + 1)))


def _left_panel(dt, rows, depth):
    return min(2 * _mr(dt), depth, _mc(rows, dt))


def _gemv_cols(res, lhs, v, alpha):
    """res + (lhs @ v) alpha: Eigen's column-major GEMV (products in order, blocks of 16
    columns from 128 on, each block's sum times alpha added)."""
    c = lhs.shape[1]
    block = c if c < 128 else 16
    for c0 in range(0, c, block):
        p = lhs[:, c0:c0 + block] * v[c0:c0 + block]
        acc = p[:, 0].copy()
        for t in range(1, p.shape[1]):
            acc = acc + p[:, t]
        res = res + acc * alpha
    return res


def _tri_factor(V, h):
    """make_block_householder_triangular_factor: T [nb, nb] for V [rows, nb], h [nb]."""
    rows, nb = V.shape
    dt = V.dtype.type
    T = np.zeros((nb, nb), V.dtype)
    for i in range(nb - 1, -1, -1):
        rt = nb - i - 1
        rs = rows - i - 1
        if rt > 0:
            alpha = dt(-h[i])
            v = V[i + 1:, i]
            lhs = V[i + 1:, i + 1:].T            # [rt, rs]: unit upper, column-major
            res = np.zeros(rt, V.dtype)
            for pi in range(0, rt, 8):
                w = min(8, rt - pi)
                for k in range(w):
                    ii = pi + k
                    av = alpha * v[ii]
                    if k:
                        res[pi:ii] = res[pi:ii] + av * lhs[pi:ii, ii]
                    res[ii] = res[ii] + av
                if pi:
                    res[:pi] = _gemv_cols(res[:pi], lhs[:pi, pi:pi + w], v[pi:pi + w], alpha)
            if rs > rt:
                res = _gemv_cols(res, lhs[:, rt:rs], v[rt:rs], alpha)
            for j in range(rt - 1, -1, -1):
                z = res[j]
                res[j] = z * T[i + 1 + j, i + 1 + j]
                if j + 1 < rt:
                    res[j + 1:] = res[j + 1:] + z * T[i + 1 + j, i + 2 + j:]
            T[i, i + 1:] = res
        T[i, i] = h[i]
    return T


def _left_upper(L, B, unit):
    """Column-major Upper(L [R, D], D >= R) @ B: the left trmm kernel's calls."""
    R, D = L.shape
    dt = L.dtype.type
    w0 = _left_panel(dt, R, D)
    res = np.zeros((R, B.shape[1]), L.dtype)
    for k1 in range(0, R, w0):
        w = min(w0, R - k1)
        x = np.triu(L[k1:k1 + w, k1:k1 + w])
        if unit:
            x[np.arange(w), np.arange(w)] = 1
        res[k1:k1 + w] = res[k1:k1 + w] + _gebp_cm(x, B[k1:k1 + w])
        if k1:
            res[:k1] = res[:k1] + _gebp_cm(L[:k1, k1:k1 + w], B[k1:k1 + w])
    if D > R:
        mc = _mc(R, dt)
        for i2 in range(0, R, mc):
            res[i2:i2 + mc] = res[i2:i2 + mc] + _gebp_cm(L[i2:i2 + mc, R:], B[R:])
    return res


def _left_lower(L, B, unit, res, sign):
    """Column-major res + sign Lower(L [R, D], R >= D) @ B, call by call, in place."""
    R, D = L.shape
    dt = L.dtype.type
    w0 = _left_panel(dt, R, D)
    for k1 in range(0, D, w0):
        w = min(w0, D - k1)
        x = np.tril(L[k1:k1 + w, k1:k1 + w])
        if unit:
            x[np.arange(w), np.arange(w)] = 1
        res[k1:k1 + w] = res[k1:k1 + w] + sign * _gebp_cm(x, B[k1:k1 + w])
        if k1 + w < D:
            res[k1 + w:D] = res[k1 + w:D] + sign * _gebp_cm(L[k1 + w:D, k1:k1 + w],
                                                            B[k1:k1 + w])
    if R > D:
        mc = _mc(R, dt)
        for i2 in range(D, R, mc):
            res[i2:i2 + mc] = res[i2:i2 + mc] + sign * _gebp_cm(L[i2:i2 + mc], B)
    return res


def _right_lower(A, B):
    """UnitLower(A [R, D], R >= D) @ B for a row-major destination: the right trmm kernel
    of the transposed problem (one call per output row)."""
    R, D = A.shape
    w0 = 16 if A.dtype == np.float32 else 8
    out = np.zeros((R, B.shape[1]), A.dtype)
    for j2 in range(0, D, w0):
        w = min(w0, D - j2)
        x = A[j2:j2 + w, :j2 + w].copy()
        for t in range(w):
            x[t, j2 + t + 1:] = 0
            x[t, j2 + t] = 1
        out[j2:j2 + w] = _gebp(x, B[:j2 + w])
    if R > D:
        out[D:] = _gebp(A[D:], B)
    return out


def apply_block(mat, V, h, forward, col_major):
    """apply_block_householder_on_the_left on mat [rows, c] in place (V [rows, nb] holds
    the essential parts below its diagonal); `col_major`: mat is a column-major matrix."""
    T = _tri_factor(V, h)
    tmp = _left_upper(V.T, mat, True)
    if forward:
        tmp = _left_upper(T, tmp, False)
    else:
        tmp = _left_upper_t(T, tmp)
    if col_major:
        _left_lower(V, tmp, True, mat, -1)
    else:
        mat -= _right_lower(V, tmp)


def _left_upper_t(T, B):
    """Column-major Lower(T^T) @ B (square): the left trmm kernel's calls."""
    L = np.ascontiguousarray(T.T)
    R = L.shape[0]
    w0 = _left_panel(L.dtype.type, R, R)
    res = np.zeros((R, B.shape[1]), L.dtype)
    for k1 in range(0, R, w0):
        w = min(w0, R - k1)
        x = np.tril(L[k1:k1 + w, k1:k1 + w])
        res[k1:k1 + w] = res[k1:k1 + w] + _gebp_cm(x, B[k1:k1 + w])
        if k1 + w < R:
            res[k1 + w:] = res[k1 + w:] + _gebp_cm(L[k1 + w:, k1:k1 + w], B[k1:k1 + w])
    return res


def householder_q(a, h, full):
    """householderQ() (full) or householderQ() * Identity(m, L) of the factored a [m, n]
    with coefficients h [L], blocked; None where Eigen applies the reflectors one by one."""
    m = a.shape[0]
    L = h.shape[0]
    if full:
        if L <= 48:
            return None
        dst = np.eye(m, dtype=a.dtype)
    else:
        dst = np.eye(m, L, dtype=a.dtype)
    if L < 48 or dst.shape[1] < 2:
        return None
    size = (L + 1) // 2 if L < 96 else 48
    for i in range(0, L, size):
        end = L - i
        k = max(0, end - size)
        V = np.ascontiguousarray(a[k:, k:end])
        sub = dst[k:, k:] if full else dst[k:]
        apply_block(sub, V, h[k:end], True, not full)
    return dst
