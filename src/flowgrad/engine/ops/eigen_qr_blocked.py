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
- The three products are product_triangular_matrix_matrix, call by call as Eigen makes
  them: tmp = UnitUpper(V^T) mat (column-major tmp), tmp = T tmp (forward) or T^T tmp
  (backward) on the left, then mat -= UnitLower(V) tmp: on the left for the column-major
  reduced Q, and for a row-major mat (the factorization, full Q) the transposed problem
  mat^T -= tmp^T UnitUpper(V^T), the triangle on the right. Each runs Eigen's loops: depth
  blocks of kc (the left upper kernel aligns a block with the end of the triangle, the
  lower and right kernels walk the depth from its end), micro panels of 2 max(mr, nr)
  (32 float, 16 double; on the left cut to kc and mc) whose zero-padded triangle and
  rectangle are one GEBP call each, and the dense rest by row blocks of mc; each call
  adds alpha times its sums to the result.
- kc and mc are computeProductBlockingSizes' on one thread with KcFactor 4 (_blocking):
  the L1 bound on kc (96 float, 80 double), nc's bound, and the row block mc from 1/3 of
  L1 (problems of at most 1 KiB), of L2 (up to 32 KiB, at most 576 rows) or of 1.5 MB,
  with the caches the oracle's Eigen reads from cpuid here (L1 32 KiB, L2 1 MiB, an L3).
  The products' sizes for the blocking are the striped ones (a row-major destination
  swaps rows and columns).
- Q (HouseholderSequence::applyThisOnTheLeft): by blocks of (L + 1) / 2 reflectors when
  L < 96, else 48, from the last; the full Q's evalTo is blocked only for L > 48, each
  block touching the columns from its first row on (inputIsIdentity).

GEBP orders are eigen_gebp's (_gebp for float, _gebp64 for double). Checked against the
oracle, Q and R bit for bit, full and reduced, both dtypes, in some 530 cases from 1 to
4608 rows or columns (tall, wide, square, every square size 48 to 99, 1024 x 1024,
4608 x 512, 40 x 3000; golden initializers/orthogonal_blocked holds a part of them).
"""
from __future__ import annotations

import numpy as np

from . import eigen_gebp as _g
from .host_cpu import eigen_caches

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


_L1, _L2 = eigen_caches()[:2]   # the host's caches as Eigen reads them (host_cpu)
_ACTUAL_L2 = 1572864        # Eigen's fixed "actual_l2" (1.5 MB)


def _blocking(m, n, k, dt, kc_factor=4):
    """(kc, mc) of Eigen's computeProductBlockingSizes on one thread for the triangular
    products (KcFactor 4; a GEMM's blocking space has 1): m the rows (mc), n the columns,
    k the depth."""
    if max(k, m, n) < 48:
        return k, m
    mr, nr = _mr(dt), 4
    sz = 4 if dt == np.float32 else 8
    k_sub = mr * nr * sz
    max_kc = max(((_L1 - k_sub) // (kc_factor * (mr * sz + nr * sz))) & ~7, 1)
    old_k = k
    if k > max_kc:
        k = max_kc if k % max_kc == 0 else max_kc - 8 * ((max_kc - 1 - k % max_kc)
                                                         // (8 * (k // max_kc + 1)))
    remaining_l1 = _L1 - k_sub - m * k * sz
    if remaining_l1 >= nr * sz * k:
        max_nc = remaining_l1 // (k * sz)
    else:
        max_nc = (3 * _ACTUAL_L2) // (2 * 2 * max_kc * sz)
    nc = min(_ACTUAL_L2 // (2 * k * sz), max_nc) & ~(nr - 1)
    if n > nc or old_k != k:
        return k, m
    problem = k * n * sz
    lm, max_mc = _ACTUAL_L2, m
    if problem <= 1024:
        lm = _L1
    elif problem <= 32768:
        lm, max_mc = _L2, min(576, m)
    mc = min(lm // (3 * k * sz), max_mc)
    if mc > mr:
        mc -= mc % mr
    elif mc == 0:
        return k, m
    if m % mc:
        mc -= mr * ((mc - m % mc) // (mr * (m // mc + 1)))
    return k, mc


def _gemv_cols(res, lhs, v, alpha):
    """res + (lhs @ v) alpha: Eigen's column-major GEMV (products in order, blocks of 16
    columns from 128 on, each block's sum times alpha added in turn). Sums in order are
    cumulative sums (accumulate adds one by one)."""
    c = lhs.shape[1]
    p = lhs * v
    if c < 128:
        return res + np.cumsum(p, axis=1)[:, -1] * alpha
    whole = c // 16 * 16
    sums = np.cumsum(p[:, :whole].reshape(p.shape[0], -1, 16), axis=2)[:, :, -1]
    if whole < c:
        sums = np.concatenate([sums, np.cumsum(p[:, whole:], axis=1)[:, -1:]], axis=1)
    terms = np.concatenate([res[:, None], sums * alpha], axis=1)
    return np.cumsum(terms, axis=1)[:, -1]


def _upper_times(z, T):
    """z^T T for the upper triangular T [rt, rt], in the order of the factor's loop (j from
    rt - 1 down: res[j] = z_j T[j, j], then z_j T[j, j+1:] added to the entries after j):
    entry j is z_j T[j, j] + z_{j-1} T[j-1, j] + ... + z_0 T[0, j] summed in that order,
    one row of terms per entry (padded with -0, the additive identity)."""
    rt = z.shape[0]
    j = np.arange(rt)[:, None]
    src = j - np.arange(rt)[None, :]
    ok = src >= 0
    sc = np.where(ok, src, 0)
    terms = np.where(ok, z[sc] * T[sc, j], z.dtype.type(-0.0))
    return np.add.accumulate(terms, axis=1)[:, -1]


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
            T[i, i + 1:] = _upper_times(res, T[i + 1:, i + 1:])
        T[i, i] = h[i]
    return T


def _trmm_left(L, B, lower, unit, res, alpha, blocking):
    """Column-major res += alpha Tri(L [rows, depth]) @ B, call by call, in place:
    product_triangular_matrix_matrix with the triangular factor on the left."""
    dt = L.dtype.type
    _rows, _depth = L.shape
    diag = min(_rows, _depth)
    rows = _rows if lower else diag
    depth = diag if lower else _depth
    kc, mc = blocking
    mc = min(rows, mc)
    pw = min(2 * _mr(dt), kc, mc)
    k2 = depth if lower else 0
    while (k2 > 0) if lower else (k2 < depth):
        akc = min(k2 if lower else depth - k2, kc)
        ak2 = k2 - akc if lower else k2
        if not lower and k2 < rows < k2 + akc:
            akc = rows - k2
            k2 = k2 + akc - kc
        Bk = B[ak2:ak2 + akc]
        if lower or ak2 < rows:
            for k1 in range(0, akc, pw):
                w = min(akc - k1, pw)
                lt = akc - k1 - w if lower else k1
                sb = ak2 + k1
                x = L[sb:sb + w, sb:sb + w]
                x = np.tril(x) if lower else np.triu(x)
                if unit:
                    x[np.arange(w), np.arange(w)] = 1
                res[sb:sb + w] += alpha * _gebp_cm(x, Bk[k1:k1 + w])
                if lt > 0:
                    st = sb + w if lower else ak2
                    res[st:st + lt] += alpha * _gebp_cm(L[st:st + lt, sb:sb + w], Bk[k1:k1 + w])
        start, end = (k2, rows) if lower else (0, min(ak2, rows))
        for i2 in range(start, end, mc):
            am = min(i2 + mc, end) - i2
            res[i2:i2 + am] += alpha * _gebp_cm(L[i2:i2 + am, ak2:ak2 + akc], Bk)
        k2 = k2 - kc if lower else k2 + kc
    return res


def _trmm_right_upper(A, U, res, alpha, blocking):
    """Column-major res += alpha A [rows, depth] @ UnitUpper(U [depth, cols]), call by
    call, in place: product_triangular_matrix_matrix with the triangle on the right."""
    dt = A.dtype.type
    rows = A.shape[0]
    cols = U.shape[1]
    depth = min(cols, A.shape[1])
    kc, mc = blocking
    mc = min(rows, mc)
    spw = 2 * _mr(dt)
    k2 = depth
    while k2 > 0:
        akc = min(k2, kc)
        ak2 = k2 - akc
        rs = cols - k2
        for i2 in range(0, rows, mc):
            am = min(mc, rows - i2)
            Ab = A[i2:i2 + am, ak2:ak2 + akc]
            for j2 in range(0, akc, spw):
                w = min(akc - j2, spw)
                pl = j2 + w
                c0 = ak2 + j2
                y = U[ak2:ak2 + pl, c0:c0 + w].copy()
                for t in range(w):
                    y[j2 + t, t] = 1
                    y[j2 + t + 1:, t] = 0
                res[i2:i2 + am, c0:c0 + w] += alpha * _gebp_cm(Ab[:, :pl], y)
            if rs > 0:
                res[i2:i2 + am, k2:] += alpha * _gebp_cm(Ab, U[ak2:ak2 + akc, k2:])
        k2 -= kc
    return res


def apply_block(mat, V, h, forward, col_major, tri_factor=None):
    """apply_block_householder_on_the_left on mat [rows, c] in place (V [rows, nb] holds
    the essential parts below its diagonal); `col_major`: mat is a column-major matrix;
    `tri_factor`: T's maker (default _tri_factor, for V in a row-major matrix)."""
    dt = V.dtype.type
    rows, nb = V.shape
    c = mat.shape[1]
    T = (tri_factor or _tri_factor)(V, h)
    Vt = np.ascontiguousarray(V.T)
    # tmp = V^* mat: UnitUpper(V^T [nb, rows]) on the left, tmp column-major
    tmp = _trmm_left(Vt, mat, False, True, np.zeros((nb, c), V.dtype), 1,
                     _blocking(min(nb, rows), c, rows, dt))
    bl = _blocking(nb, c, nb, dt)
    if forward:
        tmp = _trmm_left(T, tmp, False, False, np.zeros((nb, c), V.dtype), 1, bl)
    else:
        tmp = _trmm_left(np.ascontiguousarray(T.T), tmp, True, False,
                         np.zeros((nb, c), V.dtype), 1, bl)
    # mat -= UnitLower(V) tmp
    if col_major:
        _trmm_left(V, tmp, True, True, mat, -1, _blocking(rows, c, min(nb, rows), dt))
    else:
        # row-major destination: the transposed problem mat^T -= tmp^T UnitUpper(V^T)
        resT = np.array(mat.T)
        _trmm_right_upper(np.ascontiguousarray(tmp.T), Vt, resT, -1,
                          _blocking(c, rows, min(nb, rows), dt))
        mat[...] = resT.T


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
