"""SelfAdjointEigV2 in the order TF 1.14's CPU kernel computes it (float32, float64).

TF runs Eigen's SelfAdjointEigenSolver (the Eigen 3.3.90 snapshot TF 1.14 ships, built for
AVX without FMA; Eigen is MPL2-licensed: this re-expresses the arithmetic order of
Eigenvalues/SelfAdjointEigenSolver.h, Tridiagonalization.h, Householder/, Jacobi/ and the
selfadjoint matrix-vector kernel in NumPy, no code copied) on a column-major copy of the
lower triangle, one matrix at a time (here steps 1-3 run on the whole batch at once):

1. scale by the largest |a_ij| (the lower triangle divided by it);
2. Householder tridiagonalization: per column the reflector (tail squaredNorm as Eigen's
   redux, beta = -sign(c0) sqrt(c0^2 + |tail|^2), essential = tail / (c0 - beta),
   tau = (beta - c0) / beta), w = tau A v by the selfadjoint GEMV kernel (columns in pairs
   below the last 8, packets from the aligned start of the result), w += (tau * -0.5 *
   w.v) v, then A -= v w^T + w v^T on the lower triangle;
3. Q from the reflectors in place (each applied from the left: tmp = ess^T B by the
   row-major GEMV, tmp += row 0, row 0 -= tau tmp, B -= (tau ess) tmp^T);
4. implicit symmetric QR steps with Wilkinson shifts and Givens rotations (applied to Q's
   columns), a subdiagonal entry below 2 eps (|d_i| + |d_i+1|) set to zero;
5. selection sort of the eigenvalues (the columns swapped with them), times the scale.

Checked against TF 1.14 at 1-20, 24, 31-33, 40, 48, 63, 64 rows (values and vectors).
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["handles", "eigh"]

N_MAX = 64
_PACKETS = {np.dtype(np.float32): 8, np.dtype(np.float64): 4}   # AVX


def handles(a) -> bool:
    """Whether `eigh` reproduces TF's bits for these matrices [..., n, n]."""
    return a.dtype in (np.float32, np.float64) and a.ndim >= 2 and 0 < a.shape[-1] <= N_MAX


def _predux(p):
    h = p[..., :p.shape[-1] // 2] + p[..., p.shape[-1] // 2:]
    if h.shape[-1] == 4:
        return (h[..., 0] + h[..., 2]) + (h[..., 1] + h[..., 3])
    return h[..., 0] + h[..., 1]


def _seq(values, start):
    """start + v0 + v1 + ... in order, per matrix: values [B, k], start [B] (NumPy's
    accumulate is sequential)."""
    k = values.shape[1]
    if not k:
        return start
    if k <= 8:
        acc = start + values[:, 0]
        for j in range(1, k):
            acc = acc + values[:, j]
        return acc
    both = np.empty((values.shape[0], k + 1), values.dtype)
    both[:, 0] = start
    both[:, 1:] = values
    return np.add.accumulate(both, axis=1)[:, -1]


def _redux_sum(v):
    """Eigen's vectorized redux sum of contiguous vectors v [B, k] (packets from their
    start)."""
    k = v.shape[1]
    pk = _PACKETS[v.dtype]
    aligned = k // pk * pk
    if not aligned:
        return _seq(v[:, 1:], v[:, 0])
    aligned2 = k // (2 * pk) * (2 * pk)
    p0 = v[:, :pk]
    if aligned > pk:
        p1 = v[:, pk:2 * pk]
        for j in range(2 * pk, aligned2, 2 * pk):
            p0 = p0 + v[:, j:j + pk]
            p1 = p1 + v[:, j + pk:j + 2 * pk]
        p0 = p0 + p1
        if aligned > aligned2:
            p0 = p0 + v[:, aligned2:aligned2 + pk]
    return _seq(v[:, aligned:], _predux(p0))


def _lanes(prods, pk):
    """Lane-wise sums of packets of products [B, m * pk], each lane in order from zero."""
    return np.add.accumulate(prods.reshape(prods.shape[0], -1, pk), axis=1)[:, -1]


def _symv(a, rhs, alpha, off):
    """Eigen's selfadjoint_matrix_vector_product for column-major lower matrices
    a [B, s, s]: a zero result `off` values past an aligned address, += alpha a rhs
    (rhs [B, s], alpha [B])."""
    nb, size = a.shape[0], a.shape[1]
    pk = _PACKETS[a.dtype]
    res = np.zeros((nb, size), a.dtype)
    bound = max(0, size - 8) & ~1
    zero = np.zeros(nb, a.dtype)
    for j in range(0, bound, 2):
        a0, a1 = a[:, :, j], a[:, :, j + 1]
        t0, t1 = alpha * rhs[:, j], alpha * rhs[:, j + 1]
        start = j + 2
        astart = start + min((-(off + start)) % pk, size - start)
        aend = astart + (size - astart) // pk * pk
        res[:, j] += a0[:, j] * t0
        res[:, j + 1] += a1[:, j + 1] * t1
        res[:, j + 1] += a0[:, j + 1] * t0
        t2 = a0[:, j + 1] * rhs[:, j + 1]
        for scal in (slice(start, astart), slice(aend, size)):
            res[:, scal] += a0[:, scal] * t0[:, None] + a1[:, scal] * t1[:, None]
        t2 = _seq(a0[:, start:astart] * rhs[:, start:astart], t2)
        t3 = _seq(a1[:, start:astart] * rhs[:, start:astart], zero)
        body = slice(astart, aend)
        if aend > astart:
            res[:, body] = a0[:, body] * t0[:, None] + (a1[:, body] * t1[:, None]
                                                       + res[:, body])
            p2 = _lanes(a0[:, body] * rhs[:, body], pk)
            p3 = _lanes(a1[:, body] * rhs[:, body], pk)
        else:
            p2 = p3 = np.zeros((nb, pk), a.dtype)
        t2 = _seq(a0[:, aend:] * rhs[:, aend:], t2)
        t3 = _seq(a1[:, aend:] * rhs[:, aend:], t3)
        res[:, j] += alpha * (t2 + _predux(p2))
        res[:, j + 1] += alpha * (t3 + _predux(p3))
    for j in range(bound, size):
        a0 = a[:, :, j]
        t1 = alpha * rhs[:, j]
        res[:, j] += a0[:, j] * t1
        res[:, j + 1:] += a0[:, j + 1:] * t1[:, None]
        res[:, j] += alpha * _seq(a0[:, j + 1:] * rhs[:, j + 1:], zero)
    return res


def _tridiagonalize(mat):
    """Eigen's tridiagonalization_inplace on column-major lower matrices [B, n, n] (in
    place): (diag, subdiag, hcoeffs), each with the batch first."""
    dt = mat.dtype.type
    nb, n = mat.shape[0], mat.shape[1]
    tiny = dt(np.finfo(mat.dtype).tiny)
    hc = np.zeros((nb, n - 1), mat.dtype)
    for i in range(n - 1):
        rs = n - i - 1
        col = mat[:, i + 1:, i]
        tail_sq = np.zeros(nb, mat.dtype) if rs == 1 else _redux_sum(col[:, 1:] * col[:, 1:])
        c0 = col[:, 0].copy()
        small = tail_sq <= tiny
        beta = np.sqrt(c0 * c0 + tail_sq)
        beta = np.where(c0 >= 0, -beta, beta)
        col[:, 1:] = np.where(small[:, None], dt(0), col[:, 1:] / (c0 - beta)[:, None])
        h = np.where(small, dt(0), (beta - c0) / beta)
        beta = np.where(small, c0, beta)
        mat[:, i + 1, i] = 1
        v = mat[:, i + 1:, i].copy()
        w = _symv(mat[:, i + 1:, i + 1:], v, h, i)
        w = w + ((h * dt(-0.5)) * _redux_sum(w * v))[:, None] * v
        a = mat[:, i + 1:, i + 1:]
        for c in range(rs):
            a[:, c:, c] = a[:, c:, c] + ((-v[:, c:c + 1]) * w[:, c:]
                                         + (-w[:, c:c + 1]) * v[:, c:])
        mat[:, i + 1, i] = beta
        hc[:, i] = h
    k = np.arange(n)
    return mat[:, k, k].copy(), mat[:, k[1:], k[:-1]].copy(), hc


def _gemv_rows(m, v):
    """m [B, r, k] . v [B, k] as Eigen's row-major GEMV: packets from the start, predux,
    tail."""
    k = v.shape[1]
    pk = _PACKETS[v.dtype]
    body = k // pk * pk
    if body:
        c = m[:, :, 0:pk] * v[:, None, 0:pk]
        for j in range(pk, body, pk):
            c = c + m[:, :, j:j + pk] * v[:, None, j:j + pk]
        res = _predux(c)
    else:
        res = np.zeros(m.shape[:2], v.dtype)
    for j in range(body, k):
        res = res + m[:, :, j] * v[:, j:j + 1]
    return res


def _extract_q(mat, hc):
    """HouseholderSequence(mat, hc).setShift(1) evaluated in place (Eigen's evalTo), for
    a batch [B, n, n]."""
    dt = mat.dtype.type
    n = mat.shape[1]
    for i in range(n):
        mat[:, i, i] = 1
        mat[:, i, i + 1:] = 0
    for k in range(n - 2, -1, -1):
        corner = mat[:, k + 1:, k + 1:]
        tau = hc[:, k]
        if n - k - 1 == 1:
            corner[:, 0, 0] = corner[:, 0, 0] * (dt(1) - tau)
        else:
            live = tau != 0
            if live.any():
                ess = mat[:, k + 2:, k]
                bottom = corner[:, 1:, :]
                tmp = _gemv_rows(np.swapaxes(bottom, 1, 2), ess) + corner[:, 0, :]
                row0 = corner[:, 0, :] - tau[:, None] * tmp
                nb_ = bottom - (tau[:, None] * ess)[:, :, None] * tmp[:, None, :]
                corner[live, 0, :] = row0[live]
                corner[live, 1:, :] = nb_[live]
        mat[:, k + 1:, k] = 0
    return mat


def _givens(p, q, dt):
    sqrt = math.sqrt if dt is float else np.sqrt
    one, zero = dt(1), dt(0)
    if q == 0:
        return (-one if p < 0 else one), zero
    if p == 0:
        return zero, (one if q < 0 else -one)
    if abs(p) > abs(q):
        t = q / p
        u = sqrt(one + t * t)
        if p < 0:
            u = -u
        c = one / u
        return c, -t * c
    t = p / q
    u = sqrt(one + t * t)
    if q < 0:
        u = -u
    s = -one / u
    return -t * s, s


def _hypot(x, y, dt):
    sqrt = math.sqrt if dt is float else np.sqrt
    x, y = abs(x), abs(y)
    p = max(x, y)
    if p == 0:
        return dt(0)
    qp = min(y, x) / p
    return p * sqrt(dt(1) + qp * qp)


def _tridiagonal_qr(diag, sub, q):
    """Eigen's computeFromTridiagonal_impl (in place); False when it does not converge.
    float64 runs on Python floats (the same IEEE double operations, faster than NumPy
    scalars); float32 on NumPy's float32 scalars."""
    out_d, out_s = diag, sub
    dt = diag.dtype.type
    n = diag.shape[0]
    end, start, it = n - 1, 0, 0
    tiny = dt(np.finfo(diag.dtype).tiny)
    precision = dt(2) * dt(np.finfo(diag.dtype).eps)
    if dt is np.float64:
        dt, tiny, precision = float, float(tiny), float(precision)
        diag, sub = diag.tolist(), sub.tolist()
    half, one = dt(0.5), dt(1)
    while end > 0:
        for i in range(start, end):
            if abs(sub[i]) <= (abs(diag[i]) + abs(diag[i + 1])) * precision \
                    or abs(sub[i]) <= tiny:
                sub[i] = 0
        while end > 0 and sub[end - 1] == 0:
            end -= 1
        if end <= 0:
            break
        it += 1
        if it > 30 * n:
            return False
        start = end - 1
        while start > 0 and sub[start - 1] != 0:
            start -= 1
        td = (diag[end - 1] - diag[end]) * half
        e = sub[end - 1]
        mu = diag[end]
        if td == 0:
            mu = mu - abs(e)
        else:
            e2 = e * e
            h = _hypot(td, e, dt)
            if e2 == 0:
                mu = mu - (e / (td + (one if td > 0 else -one))) * (e / h)
            else:
                mu = mu - e2 / (td + (h if td > 0 else -h))
        x = diag[start] - mu
        z = sub[start]
        for k in range(start, end):
            c, s = _givens(x, z, dt)
            sdk = s * diag[k] + c * sub[k]
            dkp1 = s * sub[k] + c * diag[k + 1]
            diag[k] = c * (c * diag[k] - s * sub[k]) - s * (c * sub[k] - s * diag[k + 1])
            diag[k + 1] = s * sdk + c * dkp1
            sub[k] = c * sdk - s * dkp1
            if k > start:
                sub[k - 1] = c * sub[k - 1] - s * z
            x = sub[k]
            if k < end - 1:
                z = -s * sub[k + 1]
                sub[k + 1] = c * sub[k + 1]
            if q is not None and not (c == 1 and s == 0):
                xk, yk = q[:, k].copy(), q[:, k + 1].copy()
                q[:, k] = c * xk - s * yk
                q[:, k + 1] = s * xk + c * yk
    out_d[:], out_s[:] = diag, sub
    return True


def _sort(diag, q):
    """Selection sort of one matrix's eigenvalues (first minimum), swapping Q's columns."""
    n = diag.shape[0]
    for i in range(n - 1):
        k = int(np.argmin(diag[i:]))
        if k > 0:
            diag[i], diag[k + i] = diag[k + i], diag[i]
            if q is not None:
                q[:, [i, k + i]] = q[:, [k + i, i]]


def eigh(a, compute_v=True):
    """TF's (eigenvalues [..., n], eigenvectors [..., n, n] or None) of the self-adjoint
    matrices a [..., n, n] (their lower triangles); None when one does not converge.
    The scaling, tridiagonalization and Q run on the whole batch at once; the QR
    iteration, whose steps depend on each matrix, runs one matrix at a time."""
    n = a.shape[-1]
    dt = a.dtype.type
    flat = np.asarray(a).reshape(-1, n, n)
    nb = flat.shape[0]
    if n == 1:
        vals = flat[:, 0, :].copy()
        vecs = np.ones(flat.shape, a.dtype) if compute_v else None
    else:
        with np.errstate(all="ignore"):
            mat = np.tril(flat)
            scale = np.abs(mat).max(axis=(1, 2))
            scale = np.where(scale == 0, dt(1), scale).astype(a.dtype)
            mat = np.tril(mat / scale[:, None, None])
            diag, sub, hc = _tridiagonalize(mat)
            vecs = _extract_q(mat, hc) if compute_v else None
            for b in range(nb):
                q = vecs[b] if compute_v else None
                if not _tridiagonal_qr(diag[b], sub[b], q):
                    return None
                _sort(diag[b], q)
            vals = diag * scale[:, None]
    return (vals.reshape(a.shape[:-1]),
            None if vecs is None else vecs.reshape(a.shape))
