"""Svd in the order TF 1.14's CPU kernel computes it (float32 and float64) from 16
columns on, where TF's Eigen::BDCSVD (Eigen 3.3.90, tensorflow/include/Eigen/src/SVD,
built for AVX without FMA; Eigen is MPL2, nothing is copied) divides and conquers.

TF's SvdOp runs BDCSVD on each row-major matrix. Read from BDCSVD.h and
UpperBidiagonalization.h:

1. scale = max |a| (1 for a zero matrix); the column-major copy a / scale, or its
   transpose when the matrix is wide;
2. upper bidiagonalization (block 32): the unblocked loop when the block has fewer than
   48 columns or is the last (left reflector: the column's tail squaredNorm as Eigen's
   packet redux, applied by the row-major GEMV; right reflector: the row's tail summed in
   order, applied by the column-major GEMV and the outer product), else the blocked
   helper (X and Y built from column- and row-major GEMVs in Eigen's order, the trailing
   matrix updated by two GEBP products of depth <= 32);
3. divide and conquer on the lower bidiagonal [n + 1, n] (one matrix at a time: the
   control flow is per matrix): leaves below 16 columns are JacobiSVD<MatrixXr> of the
   (n + 1) x n block (eigen_svd with the column-major ColPivHouseholderQR below: packet
   norms, row-major GEMV), then r0, the rotation (c0, s0), deflation (4.3 and 4.4
   rotations, the merge permutation), the secular equation (computeSingVals' rational
   interpolation and bisection, perturbCol0, computeSingVecs with packet normalize), the
   one-pass sort and reversal, and structured_update as GEBP products (split in two from
   101 rows on); without compute_uv only U's first and last rows are carried;
4. the singular values |m_computed(i, i)| times scale, zero from the first below
   FLT/DBL_MIN;
5. U and V (row-major, like TF's matrix): identity with the naive block, then the
   bidiagonalization's reflectors from the last (one by one below 48, else
   apply_block_householder_on_the_left by blocks: eigen_qr_blocked, with the triangular
   factor of a column-major V for U's reflectors).

Checked bit for bit against the oracle (golden linalg/bdcsvd, made on an Intel Xeon; the
blocked reflector products read the host's caches): 16 x 16 to 100 x 100, tall and wide,
random, rank-deficient, zero and integer matrices, and 1062 random shapes up to 100 x 100
against the compiled headers; golden linalg/bdcsvd_big from 101 x 101 to 400 x 400 (tall,
wide, rank-deficient), and 520 x 48 and 48 x 700 against the oracle by hand. The
computeSingVals lanes of a batch's merges at one node run together; the rest of the
divide and conquer is per matrix in Python (about 0.1 s for 100 x 100 float32 with U and
V, where LAPACK takes 1.4 ms; 1.5 s at 400 x 400); larger matrices keep LAPACK's (not
TF's bits).
"""
from __future__ import annotations

import numpy as np

from . import eigen_eig as _eig
from . import eigen_qr as _eqr
from . import eigen_qr_blocked as _eqb
from . import eigen_svd as _esvd

__all__ = ["handles", "bdcsvd"]

#: The largest side routed here: checked against the oracle up to 400 x 400 (and 520 x 48,
#: 48 x 700 by hand; goldens linalg/bdcsvd, linalg/bdcsvd_big). Above it LAPACK's (not
#: TF's bits): a 400 x 400 float32 Svd with U and V takes about 1.5 s here.
MAX_SIDE = 400


def handles(dtype, m, n):
    """Whether bdcsvd reproduces TF's bits for [m, n] matrices of `dtype` (16 columns or
    more, up to the sizes checked)."""
    return (np.dtype(dtype) in (np.float32, np.float64) and n >= _esvd.ALGOSWAP
            and max(m, n) <= MAX_SIDE)


def _house(vec, contiguous):
    """makeHouseholderInPlace of vec [B, r]: (essential [B, r-1], tau [B], beta [B])."""
    dt = vec.dtype.type
    tol = np.finfo(dt).tiny
    c0 = vec[:, 0].copy()
    tail = vec[:, 1:]
    if tail.shape[1] == 0:
        sq = np.zeros_like(c0)
    elif contiguous:
        sq = _eig._redux_sum(tail * tail)
    else:
        sq = _eig._seq((tail * tail)[:, 1:], tail[:, 0] * tail[:, 0])
    small = sq <= tol
    with np.errstate(all="ignore"):
        beta = np.sqrt(c0 * c0 + sq)
        beta = np.where(c0 >= 0, -beta, beta)
        ess = tail / (c0 - beta)[:, None]
        tau = (beta - c0) / beta
    tau = np.where(small, dt(0), tau)
    beta = np.where(small, c0, beta)
    ess = np.where(small[:, None], dt(0), ess)
    return ess, tau, beta


def _apply_left_cm(block, ess, tau):
    """applyHouseholderOnTheLeft on a column-major block [B, r, c] in place."""
    _eqr._apply_left(block, ess, tau, gemv=_eqr._gemv_packets)


def _apply_right_cm(block, ess, tau):
    """applyHouseholderOnTheRight on a column-major block [B, r, c] in place."""
    if block.shape[2] == 1:
        block *= (1 - tau)[:, None, None]
        return
    if block.shape[1] == 0:
        return
    live = tau != 0
    right = block[:, :, 1:]
    tmp = _eqr._gemv(ess, np.swapaxes(right, 1, 2))
    tmp = tmp + block[:, :, 0]
    lt = tau[:, None] * tmp
    col0 = block[:, :, 0] - lt
    newr = right - ess[:, None, :] * lt[:, :, None]
    block[live, :, 0] = col0[live]
    block[live, :, 1:] = newr[live]


def bidiag_unblocked(a):
    """upperbidiagonalization_inplace_unblocked on a [B, rows, cols] (copy): (house, d, e)."""
    a = a.copy()
    nb, rows, cols = a.shape
    d = np.zeros((nb, cols), a.dtype)
    e = np.zeros((nb, max(cols - 1, 0)), a.dtype)
    for k in range(cols):
        ess, tau, beta = _house(a[:, k:, k], True)
        a[:, k + 1:, k] = ess
        a[:, k, k] = tau
        d[:, k] = beta
        _apply_left_cm(a[:, k:, k + 1:], ess, tau)
        if k == cols - 1:
            break
        ess, tau, beta = _house(a[:, k, k + 1:], False)
        a[:, k, k + 2:] = ess
        a[:, k, k + 1] = tau
        e[:, k] = beta
        _apply_right_cm(a[:, k + 1:, k + 1:], ess, tau)
    return a, d, e



def _cm_gemv(res, lhs, v, alpha):
    """res + alpha (lhs @ v), Eigen's column-major GEMV, batched: lhs [B, r, c], v [B, c]
    (each row's products summed as _gemv_cols does; all the batch's rows in one call, the
    products taken first and multiplied by ones there, which leaves them exact)."""
    dt = lhs.dtype.type
    nb, r, c = lhs.shape
    if c == 0:
        return res + dt(alpha) * np.zeros_like(res)
    if r == 0:
        return res.copy()
    p = (lhs * v[:, None, :]).reshape(nb * r, c)
    out = _eqb._gemv_cols(res.reshape(nb * r), p, np.ones(c, lhs.dtype), dt(alpha))
    return out.astype(lhs.dtype).reshape(nb, r)


def _rm_gemv(lhs_cm, v):
    """lhs_cm^T v, Eigen's row-major GEMV (dot per column of a column-major lhs [B, r, c],
    v [B, r]) -> [B, c]."""
    if lhs_cm.shape[2] == 0:
        return np.zeros((lhs_cm.shape[0], 0), lhs_cm.dtype)
    if lhs_cm.shape[1] == 0:
        return np.zeros((lhs_cm.shape[0], lhs_cm.shape[2]), lhs_cm.dtype)
    return _eqr._gemv_packets(v, lhs_cm)


def _blocked_helper(A, d, e, bs, X, Y):
    """upperbidiagonalization_blocked_helper on A [B, brows, bcols] (a view, in place)."""
    dt = A.dtype.type
    nb, brows, bcols = A.shape
    tau_u_prev = np.zeros(nb, A.dtype)
    one = dt(1)
    for k in range(bs):
        rr, rc = brows - k, bcols - k - 1
        X_k1 = X[:, k:k + rr, :k]
        V_k1 = A[:, k:k + rr, :k]
        v = A[:, k:, k].copy()
        v = _cm_gemv(v, V_k1, Y[:, k, :k], -1)
        if k:
            v = _cm_gemv(v, X_k1, A[:, :k, k], -1)
        ess, tau_v, beta = _house(v, True)
        A[:, k + 1:, k] = ess
        d[:, k] = beta
        if k + 1 < bcols:
            Y_k = Y[:, k + 1:k + 1 + rc, :k + 1]
            U_k1 = A[:, :k, k + 1:k + 1 + rc]
            A[:, k, k] = one
            vk = A[:, k:, k].copy()
            y = _rm_gemv(A[:, k:, k + 1:k + 1 + rc], vk)
            tmp = _rm_gemv(V_k1, vk)
            y = _cm_gemv(y, Y_k[:, :, :k], tmp, -1)
            tmp = _rm_gemv(X_k1, vk)
            y = y - _rm_gemv(U_k1, tmp) if k else y
            y = y * tau_v[:, None]
            Y[:, k + 1:k + 1 + rc, k] = y
            Y[:, :k, k] = tmp
            u = A[:, k, k + 1:].copy()
            u = _cm_gemv(u, Y_k, A[:, k, :k + 1], -1)
            if k:
                u = u - _rm_gemv(U_k1, X[:, k, :k])
            ess, tau_u, beta = _house(u, False)
            A[:, k, k + 2:] = ess
            e[:, k] = beta
            A[:, k, k + 1] = one
            uk = A[:, k, k + 1:].copy()
            x = _cm_gemv(np.zeros((nb, rr - 1), A.dtype), A[:, k + 1:, k + 1:], uk, 1)
            tmp0 = _cm_gemv(np.zeros((nb, k), A.dtype), U_k1, uk, 1)
            x = _cm_gemv(x, X_k1[:, 1:], tmp0, -1)
            tmp1 = _rm_gemv(Y_k, uk)
            x = _cm_gemv(x, A[:, k + 1:, :k + 1], tmp1, -1)
            x = x * tau_u[:, None]
            X[:, k + 1:k + rr, k] = x
            X[:, :k + 1, k] = tmp1
            if k > 0:
                A[:, k - 1, k] = tau_u_prev
            tau_u_prev = tau_u
        else:
            A[:, k - 1, k] = tau_u_prev
        A[:, k, k] = tau_v
    if bs < bcols:
        A[:, bs - 1, bs] = tau_u_prev
    if bcols > bs and brows > bs:
        A11 = A[:, bs:, bs:]
        A10 = A[:, bs:, :bs]
        A01 = A[:, :bs, bs:]
        tmp = A01[:, bs - 1, 0].copy()
        A01[:, bs - 1, 0] = one
        for b in range(nb):
            A11[b] = A11[b] - _eqb._gebp_cm(A10[b], Y[b, bs:bcols, :bs].T)
            A11[b] = A11[b] - _eqb._gebp_cm(X[b, bs:brows, :bs], A01[b])
        A01[:, bs - 1, 0] = tmp


def bidiag(a):
    """upperbidiagonalization_inplace_blocked (block 32) of a [B, rows, cols]."""
    a = a.copy()
    nb, rows, cols = a.shape
    size = min(rows, cols)
    d = np.zeros((nb, cols), a.dtype)
    e = np.zeros((nb, max(cols - 1, 0)), a.dtype)
    X = np.zeros((nb, rows, 32), a.dtype)
    Y = np.zeros((nb, cols, 32), a.dtype)
    bsz = min(32, size)
    for k in range(0, size, bsz):
        bs = min(size - k, bsz)
        brows, bcols = rows - k, cols - k
        if k + bs == cols or bcols < 48:
            h, dd, ee = bidiag_unblocked(a[:, k:, k:])
            a[:, k:, k:] = h
            d[:, k:] = dd
            e[:, k:] = ee
            break
        X[:] = 0
        Y[:] = 0
        _blocked_helper(a[:, k:, k:], d[:, k:], e[:, k:], bs, X[:, :brows, :bs], Y[:, :bcols, :bs])
    return a, d, e




def _norm_cm(cols):
    """norm() of contiguous columns [B, r, c] (Eigen's packet redux)."""
    nb, r, c = cols.shape
    if r == 0:
        return np.zeros((nb, c), cols.dtype)
    sq = np.ascontiguousarray(np.swapaxes(cols * cols, 1, 2)).reshape(nb * c, r)
    return np.sqrt(_eig._redux_sum(sq)).reshape(nb, c)


def _colpiv_qr_cm(a):
    """ColPivHouseholderQR of a column-major a [B, r, c] (r > c): R, full Q, P."""
    dt = a.dtype.type
    a = a.copy()
    nb, rows, cols = a.shape
    eps = dt(np.finfo(dt).eps)
    down_thr = np.sqrt(eps)
    direct = _norm_cm(a)
    updated = direct.copy()
    taus = np.zeros((nb, cols), dt)
    perm = np.broadcast_to(np.arange(cols), (nb, cols)).copy()
    rix = np.arange(nb)
    for k in range(cols):
        big = np.argmax(updated[:, k:], axis=1) + k
        sw = big != k
        if sw.any():
            b = rix[sw]
            j = big[sw]
            for arr in (direct, updated, perm):
                x, y = arr[b, k].copy(), arr[b, j].copy()
                arr[b, k], arr[b, j] = y, x
            x, y = a[b, :, k].copy(), a[b, :, j].copy()
            a[b, :, k], a[b, :, j] = y, x
        ess, tau, beta = _house(a[:, k:, k], True)
        a[:, k + 1:, k] = ess
        a[:, k, k] = beta
        taus[:, k] = tau
        _apply_left_cm(a[:, k:, k + 1:], ess, tau)
        _esvd._downdate_norms(a, k, updated, direct, down_thr, _norm_cm)
    r = np.triu(a[:, :cols, :cols])
    p = np.zeros((nb, cols, cols), dt)
    p[rix[:, None], perm, np.arange(cols)[None, :]] = 1
    q = np.broadcast_to(np.eye(rows, dtype=dt), (nb, rows, rows)).copy()
    with np.errstate(all="ignore"):
        for k in range(cols - 1, -1, -1):
            _apply_left_cm(q[:, k:, k:], a[:, k + 1:, k], taus[:, k])
    return r, q, p


def _leaf(a):
    """JacobiSVD<MatrixXr>(a, ComputeFullU | ComputeFullV) of a column-major a [1, n+1, n]."""
    return _esvd.jacobi_svd(a, True, True, qr=lambda x, cu, full: _colpiv_qr_cm(x))


# -- divide and conquer ------------------------------------------------------------------------
def _rot_cols(M, p, q, c, s):
    """M's columns p, q by the transposed JacobiRotation (c, -s): x' = c x + s y,
    y' = -s x + c y; skipped for (1, 0)."""
    if c == 1 and s == 0:
        return
    x = M[:, p].copy()
    y = M[:, q].copy()
    M[:, p] = c * x + s * y
    M[:, q] = -s * x + c * y


def _hypot(x, y):
    x, y = abs(x), abs(y)
    p = max(x, y)
    if p == 0:
        return p
    qp = min(y, x) / p
    return p * np.sqrt(type(p)(1) + qp * qp)


class _BDC:
    def __init__(self, computed, comp_u, comp_v, leaves):
        self.c = computed
        self.leaves = leaves
        self.dt = computed.dtype.type
        n = computed.shape[1]
        self.comp_u, self.comp_v = comp_u, comp_v
        self.U = np.zeros((n + 1, n + 1) if comp_u else (2, n + 1), computed.dtype)
        self.V = np.zeros((n, n), computed.dtype) if comp_v else None
        self.tiny = self.dt(np.finfo(self.dt).tiny)
        self.eps = self.dt(np.finfo(self.dt).eps)

    def divide(self, firstCol, lastCol, firstRowW, firstColW, shift):
        dt, C, U, V = self.dt, self.c, self.U, self.V
        n = lastCol - firstCol + 1
        k = n // 2
        if n < 16:
            s, u, v = self.leaves[firstCol]
            if self.comp_u:
                U[firstCol:firstCol + n + 1, firstCol:firstCol + n + 1] = u[0]
            else:
                U[0, firstCol:firstCol + n + 1] = u[0, 0]
                U[1, firstCol:firstCol + n + 1] = u[0, n]
            if self.comp_v:
                V[firstRowW:firstRowW + n, firstColW:firstColW + n] = v[0]
            C[firstCol + shift:firstCol + shift + n + 1, firstCol + shift:firstCol + shift + n] = 0
            for i in range(n):
                C[firstCol + shift + i, firstCol + shift + i] = s[0, i]
            return
        alphaK = C[firstCol + k, firstCol + k]
        betaK = C[firstCol + k + 1, firstCol + k]
        yield from self.divide(k + 1 + firstCol, lastCol, k + 1 + firstRowW, k + 1 + firstColW,
                               shift)
        yield from self.divide(firstCol, k - 1 + firstCol, firstRowW, firstColW + 1, shift + 1)
        if self.comp_u:
            lam = U[firstCol + k, firstCol + k]
            phi = U[firstCol + k + 1, lastCol + 1]
            lv = U[firstCol + k, firstCol:firstCol + k].copy()
            f = U[firstCol + k + 1, firstCol + k + 1:firstCol + n].copy()
        else:
            lam = U[1, firstCol + k]
            phi = U[0, lastCol + 1]
            lv = U[1, firstCol:firstCol + k].copy()
            f = U[0, firstCol + k + 1:firstCol + n].copy()
        a1 = abs(alphaK * lam)
        b1 = abs(betaK * phi)
        r0 = np.sqrt(a1 * a1 + b1 * b1)
        if self.comp_v:
            V[firstRowW + k, firstColW] = 1
        if r0 < self.tiny:
            c0, s0 = dt(1), dt(0)
        else:
            c0 = alphaK * lam / r0
            s0 = betaK * phi / r0
        if self.comp_u:
            q1 = U[firstCol:firstCol + k + 1, firstCol + k].copy()
            for i in range(firstCol + k - 1, firstCol - 1, -1):
                U[firstCol:firstCol + k + 1, i + 1] = U[firstCol:firstCol + k + 1, i]
            U[firstCol:firstCol + k + 1, firstCol] = q1 * c0
            U[firstCol:firstCol + k + 1, lastCol + 1] = q1 * (-s0)
            low = slice(firstCol + k + 1, firstCol + n + 1)
            U[low, firstCol] = U[low, lastCol + 1] * s0
            U[low, lastCol + 1] *= c0
        else:
            q1 = U[0, firstCol + k]
            for i in range(firstCol + k - 1, firstCol - 1, -1):
                U[0, i + 1] = U[0, i]
            U[0, firstCol] = q1 * c0
            U[0, lastCol + 1] = q1 * (-s0)
            U[1, firstCol] = U[1, lastCol + 1] * s0
            U[1, lastCol + 1] *= c0
            U[1, firstCol + 1:firstCol + 1 + k] = 0
            U[0, firstCol + k + 1:firstCol + n] = 0
        fs = firstCol + shift
        C[fs, fs] = r0
        C[fs + 1:fs + 1 + k, fs] = alphaK * lv
        C[fs + k + 1:fs + n, fs] = betaK * f
        self.deflation(firstCol, lastCol, k, firstRowW, firstColW, shift)
        Uo, sv, Vo = yield from self.svd_of_m(fs, n)
        if self.comp_u:
            blk = slice(firstCol, firstCol + n + 1)
            self.structured_update(U[blk, blk], Uo, (n + 2) // 2)
        else:
            cols = slice(firstCol, firstCol + n + 1)
            U[:, cols] = _eqb._gebp_cm(U[:, cols].copy(), Uo)
        if self.comp_v:
            self.structured_update(V[firstRowW:firstRowW + n, firstColW:firstColW + n], Vo,
                                   (n + 1) // 2)
        C[fs:fs + n, fs:fs + n] = 0
        for i in range(n):
            C[fs + i, fs + i] = sv[i]

    def structured_update(self, A, B, n1):
        n = A.shape[0]
        if n > 100:
            c1 = [j for j in range(n) if (A[:n1, j] != 0).any()]
            c2 = [j for j in range(n) if (A[n1:, j] != 0).any()]
            A1 = A[:n1, c1].copy()
            B1 = B[c1].copy()
            A2 = A[n1:, c2].copy()
            B2 = B[c2].copy()
            A[:n1] = _eqb._gebp_cm(A1, B1)
            A[n1:] = _eqb._gebp_cm(A2, B2)
        else:
            A[...] = _eqb._gebp_cm(A.copy(), B)

    def deflation43(self, firstCol, shift, i, size):
        C, U = self.c, self.U
        start = firstCol + shift
        c = C[start, start]
        s = C[start + i, start]
        r = _hypot(c, s)
        if r == 0:
            C[start + i, start + i] = 0
            return
        C[start, start] = r
        C[start + i, start] = 0
        C[start + i, start + i] = 0
        cc, ss = c / r, -(-s / r)
        if self.comp_u:
            _rot_cols(U[firstCol:firstCol + size + 1], firstCol, firstCol + i, cc, ss)
        else:
            _rot_cols(U, firstCol, firstCol + i, cc, ss)

    def deflation44(self, firstColu, firstColm, firstRowW, firstColW, i, j, size):
        C, U, V = self.c, self.U, self.V
        c = C[firstColm + i, firstColm]
        s = C[firstColm + j, firstColm]
        r = np.sqrt(c * c + s * s)
        if r == 0:
            C[firstColm + i, firstColm + i] = C[firstColm + j, firstColm + j]
            return
        c = c / r
        s = s / r
        C[firstColm + i, firstColm] = r
        C[firstColm + j, firstColm + j] = C[firstColm + i, firstColm + i]
        C[firstColm + j, firstColm] = 0
        ss = -(-s)
        if self.comp_u:
            _rot_cols(U[firstColu:firstColu + size + 1], firstColu + i, firstColu + j, c, ss)
        else:
            _rot_cols(U, firstColu + i, firstColu + j, c, ss)
        if self.comp_v:
            _rot_cols(V[firstRowW:firstRowW + size], firstColW + i, firstColW + j, c, ss)

    def deflation(self, firstCol, lastCol, k, firstRowW, firstColW, shift):
        C, U, V, dt = self.c, self.U, self.V, self.dt
        length = lastCol + 1 - firstCol
        fs = firstCol + shift
        idx = np.arange(fs, fs + length)

        def diag(i):
            return C[fs + i, fs + i]

        def setdiag(i, x):
            C[fs + i, fs + i] = x
        col0 = C[fs:fs + length, fs]   # view
        tz = self.tiny
        maxDiag = np.abs(C[idx, idx][1:] if length > 1 else C[idx, idx]).max()
        eps_strict = max(tz, self.eps * maxDiag)
        eps_coarse = dt(8) * self.eps * max(np.abs(col0).max(), maxDiag)
        if diag(0) < eps_coarse:
            setdiag(0, eps_coarse)
        for i in range(1, length):
            if abs(col0[i]) < eps_strict:
                col0[i] = 0
        for i in range(1, length):
            if diag(i) < eps_coarse:
                self.deflation43(firstCol, shift, i, length)
        total = bool((col0[1:] < tz).all())
        perm = [0] * length
        perm[0] = 0
        p = 1
        for i in range(1, length):
            if abs(diag(i)) < tz:
                perm[p] = i
                p += 1
        i, j = 1, k + 1
        while p < length:
            if i > k:
                perm[p] = j
                j += 1
            elif j >= length:
                perm[p] = i
                i += 1
            elif diag(i) < diag(j):
                perm[p] = j
                j += 1
            else:
                perm[p] = i
                i += 1
            p += 1
        if total:
            for i in range(1, length):
                pi = perm[i]
                if abs(diag(pi)) < tz or diag(0) < diag(pi):
                    perm[i - 1] = perm[i]
                else:
                    perm[i - 1] = 0
                    break
        realInd = list(range(length))
        realCol = list(range(length))
        for i in range(0 if total else 1, length):
            pi = perm[length - (i + 1 if total else i)]
            J = realCol[pi]
            di, dj = diag(i), diag(J)
            setdiag(i, dj)
            setdiag(J, di)
            if i != 0 and J != 0:
                col0[i], col0[J] = col0[J], col0[i]
            if self.comp_u:
                seg = slice(firstCol, firstCol + length + 1)
            else:
                seg = slice(0, 2)
            a_, b_ = U[seg, firstCol + i].copy(), U[seg, firstCol + J].copy()
            U[seg, firstCol + i], U[seg, firstCol + J] = b_, a_
            if self.comp_v:
                seg = slice(firstRowW, firstRowW + length)
                a_, b_ = V[seg, firstColW + i].copy(), V[seg, firstColW + J].copy()
                V[seg, firstColW + i], V[seg, firstColW + J] = b_, a_
            realI = realInd[i]
            realCol[realI] = J
            realCol[pi] = i
            realInd[J] = realI
            realInd[i] = pi
        i = length - 1
        while i > 0 and (abs(diag(i)) < tz or abs(col0[i]) < tz):
            i -= 1
        while i > 1:
            if (diag(i) - diag(i - 1)) < self.eps * maxDiag:
                self.deflation44(firstCol, firstCol + shift, firstRowW, firstColW, i - 1, i, length)
            i -= 1

    def svd_of_m(self, firstCol, n):
        C = self.c
        col0 = C[firstCol:firstCol + n, firstCol].copy()
        diag = C[np.arange(firstCol, firstCol + n), np.arange(firstCol, firstCol + n)].copy()
        diag[0] = 0
        actual_n = n
        while actual_n > 1 and diag[actual_n - 1] == 0:
            actual_n -= 1
        perm = [k for k in range(actual_n) if abs(col0[k]) > self.tiny]
        pm = np.zeros(n, bool)
        pm[perm] = True
        sing, shifts, mus = yield col0, diag, pm
        zhat = self.perturb(col0, diag, perm, sing, shifts, mus)
        Uo, Vo = self.sing_vecs(zhat, diag, perm, sing, shifts, mus, n)
        for i in range(actual_n - 1):
            if sing[i] > sing[i + 1]:
                sing[i], sing[i + 1] = sing[i + 1], sing[i]
                Uo[:, [i, i + 1]] = Uo[:, [i + 1, i]]
                if self.comp_v:
                    Vo[:, [i, i + 1]] = Vo[:, [i + 1, i]]
        sing[:actual_n] = sing[:actual_n][::-1].copy()
        Uo[:, :actual_n] = Uo[:, :actual_n][:, ::-1].copy()
        if self.comp_v:
            Vo[:, :actual_n] = Vo[:, :actual_n][:, ::-1].copy()
        return Uo, sing, Vo

    def perturb(self, col0, diag, perm, sing, shifts, mus):
        """perturbCol0: zhat[k] for every k with col0[k] != 0 at once (each k's product
        is taken over perm in order, as Eigen's loop; only the k's differ per lane)."""
        n = col0.shape[0]
        m = len(perm)
        zhat = np.zeros(n, self.dt)
        ks = np.flatnonzero(col0 != 0)
        if m == 0 or ks.size == 0:
            return zhat
        last = perm[m - 1]
        dk = diag[ks]
        prod = (sing[last] + dk) * (mus[last] + (shifts[last] - dk))
        for pos in range(m):
            i = perm[pos]
            j = np.where(i < ks, i, perm[pos - 1])
            f = (((sing[j] + dk) / (diag[i] + dk))
                 * ((mus[j] + (shifts[j] - dk)) / (diag[i] - dk)))
            prod = np.where(ks != i, prod * f, prod)
        tmp = np.sqrt(prod)
        zhat[ks] = np.where(col0[ks] > 0, tmp, -tmp)
        return zhat

    def sing_vecs(self, zhat, diag, perm, sing, shifts, mus, n):
        """computeSingVecs: every column k with zhat[k] != 0 at once (the entries are
        independent; each column's normalize is its own packet redux)."""
        dt = self.dt
        Uo = np.zeros((n + 1, n + 1), dt)
        Vo = np.zeros((n, n), dt) if self.comp_v else None
        ks = np.flatnonzero(zhat[:n] == 0)
        Uo[ks, ks] = 1
        if self.comp_v:
            Vo[ks, ks] = 1
        ks = np.flatnonzero(zhat[:n] != 0)
        p = np.asarray(perm, np.intp)
        if ks.size:
            den = ((diag[p][:, None] - shifts[ks][None]) - mus[ks][None])
            Uo[np.ix_(p, ks)] = zhat[p][:, None] / den / (diag[p][:, None] + sing[ks][None])
            Uo[n, ks] = 0
            _normalize_cols(Uo, ks)
            if self.comp_v:
                q = p[1:]
                Vo[np.ix_(q, ks)] = ((diag[q] * zhat[q])[:, None] / den[1:]
                                     / (diag[q][:, None] + sing[ks][None]))
                Vo[0, ks] = -1
                _normalize_cols(Vo, ks)
        Uo[:, n] = 0
        Uo[n, n] = 1
        return Uo, Vo


def _normalize_cols(M, ks):
    """normalize() of M's columns ks in place (each a packet redux; a zero column stays)."""
    cols = M[:, ks]
    z = _eig._redux_sum(np.ascontiguousarray((cols * cols).T))
    M[:, ks] = np.where(z > 0, cols / np.sqrt(z), cols)


def _secular(mu, col0, diag, pm, shift):
    """secularEq per lane (rows of col0, diag and the perm mask pm [L, n]; mu, shift
    [L]): 1 + the terms over perm, summed in order (accumulate is sequential; the +0
    of an index outside perm leaves a partial sum, never -0 from 1 on, unchanged)."""
    d = diag
    sh = shift[:, None]
    terms = np.empty((mu.shape[0], col0.shape[1] + 1), col0.dtype)
    terms[:, 0] = 1
    mu = mu[:, None]
    terms[:, 1:] = np.where(pm, (col0 / ((d - sh) - mu)) * (col0 / ((d + sh) + mu)), 0)
    return np.add.accumulate(terms, axis=1)[:, -1]


def _sing_vals(col0, diag, pm, eps, tiny):
    """computeSingVals for M merges at once (col0, diag, the perm mask pm: [M, n]): each
    (merge, k) is its own lane (a lane reads only its merge's col0, diag and perm); the
    rational interpolation and the bisection loop run per lane, masked."""
    M, n = col0.shape
    dt = col0.dtype.type
    sing = np.zeros((M, n), dt)
    shifts = np.zeros((M, n), dt)
    mus = np.zeros((M, n), dt)
    nzc = col0 != 0
    pos = np.arange(n)
    # actual_n: one past the last nonzero col0 (1 at least)
    actual_n = np.maximum(np.where(nzc, pos + 1, 0).max(axis=1), 1)
    two = dt(2)
    triv = ~nzc | (actual_n == 1)[:, None]
    tv = diag.copy()
    tv[:, 0] = col0[:, 0]
    sing[triv], shifts[triv] = tv[triv], tv[triv]
    r, ks = np.nonzero(~triv)
    if ks.size == 0:
        return sing, shifts, mus
    c0, dg, pmr = col0[r], diag[r], pm[r]
    an = actual_n[r]
    last = ks == an - 1
    idx = np.where(nzc, pos, n)
    suf = np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1]
    nxt = np.full((M, n), n - 1)
    nxt[:, :-1] = np.minimum(suf[:, 1:], n - 1)
    left = diag[r, ks]
    rlast = diag[np.arange(M), actual_n - 1] + np.sqrt(_eig._redux_sum(col0 * col0))
    right = np.where(last, rlast[r], diag[r, nxt[r, ks]])
    width = right - left
    mid = left + width / two

    def sec(mu, g, sh):
        return _secular(mu, c0[g], dg[g], pmr[g], sh)
    allg = np.arange(ks.size)
    fMid = sec(mid, allg, np.zeros_like(mid))
    shift = np.where(last | (fMid > 0), left, right)
    midShifted = width / two
    midShifted = np.where(shift == right, -midShifted, midShifted)
    fMidShifted = sec(midShifted, allg, shift)
    shift = np.where(~last & (fMidShifted > 0), left, shift)
    isl = shift == left
    muPrev = np.where(isl, width * dt(0.1), -width * dt(0.1))
    muCur = np.where(isl & last, width, np.where(isl, width * dt(0.5), -width * dt(0.5)))
    fPrev = sec(muPrev, allg, shift)
    fCur = sec(muCur, allg, shift)
    sw = np.abs(fPrev) < np.abs(fCur)
    fPrev, fCur = np.where(sw, fCur, fPrev), np.where(sw, fPrev, fCur)
    muPrev, muCur = np.where(sw, muCur, muPrev), np.where(sw, muPrev, muCur)
    useBis = fPrev * fCur > 0
    while True:
        amc, amp = np.abs(muCur), np.abs(muPrev)
        go = ((fCur != 0) & (np.abs(muCur - muPrev) > dt(8) * eps * np.where(amp > amc, amp, amc))
              & (np.abs(fCur - fPrev) > eps) & ~useBis)
        if not go.any():
            break
        g = np.flatnonzero(go)
        a = (fCur[g] - fPrev[g]) / (dt(1) / muCur[g] - dt(1) / muPrev[g])
        b = fCur[g] - a / muCur[g]
        muZero = -a / b
        fZero = sec(muZero, g, shift[g])
        muPrev[g], fPrev[g], muCur[g], fCur[g] = muCur[g], fCur[g], muZero, fZero
        sl, wg = isl[g], width[g]
        bis = ((sl & ((muZero < 0) | (muZero > wg)))
               | (~sl & ((muZero < -wg) | (muZero > 0)))
               | (np.abs(fZero) > np.abs(fPrev[g])))
        useBis[g] = useBis[g] | bis
    g = np.flatnonzero(useBis)
    if g.size:
        big = np.sqrt(np.finfo(dt).max).astype(dt)
        sl, wg, kg, rg = isl[g], width[g], ks[g], r[g]
        lo = two * np.abs(col0[rg, kg]) / big
        lo = np.where(lo > tiny, lo, tiny)
        nx = np.abs(col0[rg, np.minimum(kg + 1, n - 1)]) / big
        nx = np.where(kg + 1 < n, -np.where(nx > tiny, nx, tiny), -tiny)
        leftS = np.where(sl, lo, -wg * dt(0.51))
        rightS = np.where(sl, np.where(last[g], right[g], wg * dt(0.51)), nx)
        sg = shift[g]
        fLeft = sec(leftS, g, sg)
        neg = fLeft < 0
        while True:
            al, ar = np.abs(leftS), np.abs(rightS)
            go = neg & (rightS - leftS > two * eps * np.where(ar > al, ar, al))
            if not go.any():
                break
            h = np.flatnonzero(go)
            midS = (leftS[h] + rightS[h]) / two
            fm = sec(midS, g[h], sg[h])
            cross = fLeft[h] * fm < 0
            rightS[h] = np.where(cross, midS, rightS[h])
            leftS[h] = np.where(cross, leftS[h], midS)
            fLeft[h] = np.where(cross, fLeft[h], fm)
        half = wg * dt(0.5)
        muCur[g] = np.where(neg, (leftS + rightS) / two, np.where(sl, half, -half))
    sing[r, ks] = shift + muCur
    shifts[r, ks] = shift
    mus[r, ks] = muCur
    return sing, shifts, mus


def _leaf_blocks(first, last):
    """(firstCol, n) of divide's JacobiSVD leaves under divide(first, last)."""
    n = last - first + 1
    if n < 16:
        return [(first, n)]
    k = n // 2
    return _leaf_blocks(k + 1 + first, last) + _leaf_blocks(first, k - 1 + first)


def dc(d, e, comp_u, comp_v):
    """divide(0, n-1, 0, 0, 0) on m_computed built from the bidiagonals (d, e) [B, n],
    [B, n-1]: one _BDC per matrix. A leaf reads a block of the bidiagonal that nothing
    before it writes, so the leaves of one size run as one JacobiSVD batch first."""
    nb, n = d.shape
    C = np.zeros((nb, n + 1, n), d.dtype)
    C[:, np.arange(n), np.arange(n)] = d
    C[:, np.arange(1, n), np.arange(n - 1)] = e
    leaves = [{} for _ in range(nb)]
    blocks = _leaf_blocks(0, n - 1)
    for size in sorted({w for _, w in blocks}):
        firsts = [f for f, w in blocks if w == size]
        batch = np.concatenate([C[:, f:f + size + 1, f:f + size] for f in firsts])
        s, u, v = _leaf(batch)
        for i, f in enumerate(firsts):
            for b in range(nb):
                j = i * nb + b
                leaves[b][f] = (s[j:j + 1], u[j:j + 1], v[j:j + 1])
    out = [_BDC(C[b], comp_u, comp_v, leaves[b]) for b in range(nb)]
    _run_lockstep([st.divide(0, n - 1, 0, 0, 0) for st in out])
    return out


def _run_lockstep(gens):
    """Drive the matrices' divide generators together: each stops at the same merge
    (the recursion depends on n only) to ask for computeSingVals (col0, diag, perm mask),
    and the merges of one size are answered by one lane-batched _sing_vals."""
    reqs = []
    for g in gens:
        try:
            reqs.append((g, next(g)))
        except StopIteration:
            pass
    while reqs:
        todo, reqs = reqs, []
        for size in sorted({q[0].shape[0] for _, q in todo}):
            grp = [(g, q) for g, q in todo if q[0].shape[0] == size]
            col0, diag, pm = (np.stack([q[i] for _, q in grp]) for i in range(3))
            dt = col0.dtype.type
            res = _sing_vals(col0, diag, pm, dt(np.finfo(dt).eps), dt(np.finfo(dt).tiny))
            for b, (g, _) in enumerate(grp):
                try:
                    reqs.append((g, g.send(tuple(x[b] for x in res))))
                except StopIteration:
                    pass


# -- U and V --------------------------------------------------------------------------------------
def _apply_seq(dst, vecs_cols, taus, shift, vec_cm=False):
    """HouseholderSequence::applyThisOnTheLeft(dst) on a batch (dst column-major [B, r, c],
    in place): reflector i has essential vecs_cols[:, i + shift + 1:, i] and coefficient
    taus[:, i]; one by one (the whole batch at once) below 48 reflectors, else by blocks
    (per matrix)."""
    L = taus.shape[1]
    if L >= 48 and dst.shape[2] > 1:
        bsz = (L + 1) // 2 if L < 96 else 48
        for b in range(dst.shape[0]):
            for i in range(0, L, bsz):
                end = L - i
                k = max(0, end - bsz)
                start = k + shift
                V = np.ascontiguousarray(vecs_cols[b, start:, k:end])
                sub = dst[b, start:]
                tmp = np.array(sub)
                _eqb.apply_block(tmp, V, taus[b, k:end], True, False,
                                 _tri_factor_cm if vec_cm else None)
                sub[...] = tmp
        return
    for k in range(L - 1, -1, -1):
        _eqr._apply_left(dst[:, k + shift:], vecs_cols[:, k + shift + 1:, k], taus[:, k])


def bdcsvd(a, compute_uv=True, full_matrices=False):
    """(s, u, v) of a batch [..., m, n] (n >= 16) in TF 1.14's BDCSVD bits (u and v None
    without compute_uv). IEEE arithmetic throughout: the secular equation's divisions by
    zero and overflows are Eigen's too."""
    with np.errstate(all="ignore"):
        return _bdcsvd(np.asarray(a), compute_uv, full_matrices)


def _bdcsvd(a, compute_uv, full_matrices):
    lead = a.shape[:-2]
    a = a.reshape((-1,) + a.shape[-2:])
    dt = a.dtype.type
    nb, m, n = a.shape
    trans = n > m
    N = min(m, n)
    if nb == 0:     # an empty batch: TF's empty outputs
        ku, kv = (m, n) if full_matrices else (N, N)
        return (np.zeros(lead + (N,), a.dtype), np.zeros(lead + (m, ku), a.dtype) if compute_uv
                else None, np.zeros(lead + (n, kv), a.dtype) if compute_uv else None)
    scale = np.abs(a).max(axis=(1, 2))
    scale = np.where(scale == 0, dt(1), scale).astype(a.dtype)
    copy = (np.swapaxes(a, 1, 2) if trans else a) / scale[:, None, None]
    house, d, e = bidiag(copy)
    S = np.zeros((nb, N), a.dtype)
    Us, Vs = [], []
    tiny = np.finfo(dt).tiny
    sts = dc(d, e, compute_uv, compute_uv)
    for b, st in enumerate(sts):
        for i in range(N):
            av = abs(st.c[i, i])
            S[b, i] = av * scale[b]
            if av < tiny:
                S[b, i + 1:] = 0
                break
    if compute_uv:
        R, Cc = house.shape[1:]
        hu_taus = house[:, np.arange(Cc), np.arange(Cc)]
        hv_taus = house[:, np.arange(Cc - 1), np.arange(1, Cc)]
        hv_vecs = np.ascontiguousarray(np.swapaxes(house, 1, 2))   # column i: row i
        nu = np.stack([st.V[:N, :N] for st in sts])
        nv = np.stack([st.U[:N, :N] for st in sts])
        # non-transposed: U from householderU and naiveV, V from householderV and naiveU
        for which in ("u", "v"):
            use_hu = (which == "u") != trans
            size = R if use_hu else Cc
            width = N if not full_matrices else size
            dst = np.broadcast_to(np.eye(size, width, dtype=a.dtype), (nb, size, width)).copy()
            dst[:, :N, :N] = (nu if which == "u" else nv) if not trans else (
                nv if which == "u" else nu)
            if use_hu:
                _apply_seq(dst, house, hu_taus, 0, True)
            else:
                _apply_seq(dst, hv_vecs, hv_taus, 1)
            (Us if which == "u" else Vs).append(dst)
    S = S.reshape(lead + (N,))
    if not compute_uv:
        return S, None, None
    U, V = Us[0], Vs[0]
    return S, U.reshape(lead + U.shape[1:]), V.reshape(lead + V.shape[1:])


def _tri_factor_cm(V, h):
    """make_block_householder_triangular_factor for V a block of a column-major matrix:
    the row -h_i v^T UnitLower(V[i+1:, i+1:]) is the row-major trmv (panels of 8: per row
    the redux of the products right of the diagonal within the panel, alpha times it
    added, then alpha v_i; the row-major GEMV for the columns after the panel). Each
    row's chain is its own: the in-panel reduxes of one length run together."""
    rows, nb = V.shape
    dt = V.dtype.type
    T = np.zeros((nb, nb), V.dtype)
    for i in range(nb - 1, -1, -1):
        rt = nb - i - 1
        rs = rows - i - 1
        if rt > 0:
            alpha = dt(-h[i])
            v = V[i + 1:, i]
            lhs = V[i + 1:, i + 1:].T            # [rt, rs]: unit upper, row-major
            res = np.zeros(rt, V.dtype)
            ii = np.arange(rt)
            r = np.minimum(ii // 8 * 8 + 8, rt) - ii - 1     # in-panel entries right of ii
            for ln in range(1, min(8, rt)):
                rws = ii[r == ln]
                if rws.size:
                    cols = rws[:, None] + 1 + np.arange(ln)[None, :]
                    sm = _eig._redux_sum(lhs[rws[:, None], cols] * v[cols])
                    res[rws] = res[rws] + alpha * sm
            res = res + alpha * v[:rt]
            for pi in range(0, rt, 8):
                w = min(8, rt - pi)
                if rs - pi - w > 0:
                    s = pi + w
                    panel = np.ascontiguousarray(lhs[pi:pi + w, s:].T)[None]
                    dots = _eqr._gemv_packets(v[None, s:], panel)[0]
                    res[pi:pi + w] = res[pi:pi + w] + alpha * dots
            T[i, i + 1:] = _eqb._upper_times(res, T[i + 1:, i + 1:])
        T[i, i] = h[i]
    return T
