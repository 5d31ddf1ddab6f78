"""MatrixSolve, MatrixInverse, MatrixDeterminant, LogMatrixDeterminant and
MatrixTriangularSolve in the order TF 1.14's CPU kernels compute them (float32, float64).

The algorithms are Eigen's (the Eigen 3.3.90 snapshot TF 1.14 ships, built for AVX without
FMA; Eigen is MPL2-licensed: this re-expresses the arithmetic order of LU/PartialPivLU.h,
Core/products/TriangularSolverMatrix.h, GeneralBlockPanelKernel.h and Core/Redux.h in
NumPy, no code copied), vectorized over the batch.

PartialPivLU: up to 16 rows unblocked: at step k the first largest |a[i, k]| (i >= k) is the
pivot, the rows are swapped, the column below the pivot is divided by it, and the trailing
block loses the outer product (each product rounded, then subtracted). Above, blocked_lu:
panels of 8 columns (16 from 128 rows, 32 from 256, a wide panel blocked again by 8),
A12 := L11^-1 A12 (Eigen's on-the-left solver for a column-major matrix,
`_substitute_left`; the transposed on-the-right one for a row-major matrix, `_substitute`),
and A22 -= A21 A12 through GEBP (`_gebp_sub`). MatrixSolve/MatrixInverse
factor the matrix (its adjoint with `adjoint=True`) and solve (the inverse solves for the
identity); LogMatrixDeterminant factors a column-major copy (TF's SLogDet), whose GEMM
runs untransposed.

The triangular solves (LU's and MatrixTriangularSolve's) run on a row-major right-hand side,
so Eigen transposes them into its on-the-right solver: depth blocks of kc unknowns, panels of
SmallPanelWidth = max(mr, nr) unknowns (mr is two packets without FMA: 16 floats, 8
doubles); within a panel each unknown is `x[j] -= T[j, k] x[k]` for the panel's solved k in
increasing order, then `x[j] *= 1 / T[j, j]` (a reciprocal, not a division); GEBP takes the
solved unknowns out of the next panel and, after a depth block, out of all the rest.

Complex MatrixSolve/MatrixInverse up to 16 rows: the unblocked LU of the row-major matrix
(the strided column divided by libgcc's complex division, hypot pivots), then the same
on-the-right solves with SmallPanelWidth 4 (complex mr = one packet, nr = 4): Eigen's complex
GEBP (four real sums) between panels, std::complex products within, 1 / T[j, j] by libgcc's
division (`_substitute_complex`).

MatrixDeterminant is TF's sign * exp(log|det|) of SLogDet, whose log|det| sums log|u_ii| as
Eigen's redux does: float32 in packets of 8 (Eigen's plog) with libm's logf on the tail,
float64 value by value (libm's log: Eigen 3.3.90 has no packet log for double).

Checked against TF 1.14 at 1-20, 24, 31-33, 40, 48, 63, 64, 72, 100, 127-129, 200 and 256
rows (`_TRI_MAX`, `_LU_MAX`, `_DET_MAX`), determinants also at 201-767 (float64) and 300-1000
(float32) rows; larger matrices keep LAPACK's answers.
"""
from __future__ import annotations

import numpy as np

from . import eigen_cgemm as _cgemm
from . import eigen_math as _em
from .complex_arith import _complex_mul, _lanes, _packet_div, complex_div
from .host_cpu import eigen_caches

__all__ = ["N_MAX", "factor", "handles", "handles_factor", "solve", "triangular_solve",
           "handles_triangular", "slogdet"]

N_MAX = 16   # Eigen's unblocked LU
_TYPES = (np.float32, np.float64)
_PANEL = {np.dtype(np.float32): 16, np.dtype(np.float64): 8}
_PACKETS = {np.dtype(np.float32): 8, np.dtype(np.float64): 4}   # AVX
# sizes checked against TF 1.14 (1-20, 24, 31-33, 40, 48, 63, 64, 72, 100, 127-129, 200, 256)
_TRI_MAX = 256    # triangular solves (depth blocks of kc included)
_LU_MAX = 256     # solves and inverses (row-major LU)
# column-major LU (determinants): also 129-767 (float64) and 300-1000 (float32) rows
_DET_MAX = {np.dtype(np.float32): 1000, np.dtype(np.float64): 767}


def handles_factor(a) -> bool:
    """Whether `slogdet` reproduces TF's bits for these matrices (complex: Eigen's
    unblocked LU, up to 16 rows)."""
    if a.dtype in (np.complex64, np.complex128):
        return a.ndim >= 2 and 0 < a.shape[-1] <= N_MAX
    return a.dtype in _TYPES and a.ndim >= 2 and 0 < a.shape[-1] <= _DET_MAX[a.dtype]


def handles(a) -> bool:
    """Whether `solve` reproduces TF's bits for these matrices [..., n, n] (complex: Eigen's
    unblocked LU, up to 16 rows)."""
    if a.dtype in (np.complex64, np.complex128):
        return a.ndim >= 2 and 0 < a.shape[-1] <= N_MAX
    return a.dtype in _TYPES and a.ndim >= 2 and 0 < a.shape[-1] <= _LU_MAX


def handles_triangular(a) -> bool:
    """Whether `triangular_solve` reproduces TF's bits for these matrices [..., n, n]."""
    return a.dtype in _TYPES and a.ndim >= 2 and 0 < a.shape[-1] <= _TRI_MAX


def _unblocked(lu, trans, swaps):
    """Eigen's unblocked_lu in place on lu [B, r, c] (r >= c): transpositions into trans
    [B, c], swap counts added to swaps [B]."""
    rows_n, n = lu.shape[1], lu.shape[2]
    rows = np.arange(lu.shape[0])
    for k in range(n):
        # Eigen's maxCoeff: the first largest |a|; a NaN only wins in first place
        c = np.abs(lu[:, k:, k])
        p = k + np.where(np.isnan(c[:, 0]), 0,
                         np.argmax(np.where(np.isnan(c), -1, c), axis=1))
        nonzero = lu[rows, p, k] != 0          # a zero column: no swap, no division
        trans[:, k] = p
        swap = nonzero & (p != k)
        if swap.any():
            r, pk = rows[swap], p[swap]
            lu[r, k], lu[r, pk] = lu[r, pk].copy(), lu[r, k].copy()
            swaps += swap
        lu[nonzero, k + 1:, k] = lu[nonzero, k + 1:, k] / lu[nonzero, k:k + 1, k]
        if k < rows_n - 1:
            lu[:, k + 1:, k + 1:] -= lu[:, k + 1:, k, None] * lu[:, k, None, k + 1:]


def _unblocked_complex_cm(lu, swaps):
    """Eigen's unblocked_lu in place on column-major complex matrices lu [B, n, n]: the
    pivot is the first largest std::abs (hypot); the column below it is divided by it as
    Eigen's vectorized assignment does: packets (`_packet_div`) from the first element
    aligned to 32 bytes (the matrix data being aligned), libgcc's division before and
    after; then the outer product is subtracted (each product rounded)."""
    n = lu.shape[-1]
    rows = np.arange(lu.shape[0])
    lanes = _lanes(lu.dtype)
    for k in range(n):
        c = _em.complex_abs(lu[:, k:, k])
        p = k + np.where(np.isnan(c[:, 0]), 0,
                         np.argmax(np.where(np.isnan(c), -1, c), axis=1))
        nonzero = c[rows, p - k] != 0
        swap = nonzero & (p != k)
        if swap.any():
            r, pk = rows[swap], p[swap]
            lu[r, k], lu[r, pk] = lu[r, pk].copy(), lu[r, k].copy()
            swaps += swap
        if k == n - 1:
            break
        col = lu[:, k + 1:, k]
        piv = np.broadcast_to(lu[:, k, k, None], col.shape)
        first = min((-(k * n + k + 1)) % lanes, n - k - 1)   # k*n + i: i's place in memory
        end = first + (n - k - 1 - first) // lanes * lanes
        out = complex_div(col, piv)
        out[:, first:end] = _packet_div(col[:, first:end], piv[:, first:end])
        lu[nonzero, k + 1:, k] = out[nonzero]
        lu[:, k + 1:, k + 1:] -= _complex_mul(lu[:, k + 1:, k, None], lu[:, k, None, k + 1:])


def _unblocked_complex_rm(lu, trans):
    """Eigen's unblocked_lu in place on row-major complex matrices lu [B, n, n]: the pivot
    is the first largest std::abs (hypot); the column below it, strided, is divided by
    libgcc's complex division; then the outer product is subtracted (each product
    rounded)."""
    n = lu.shape[-1]
    rows = np.arange(lu.shape[0])
    for k in range(n):
        c = _em.complex_abs(lu[:, k:, k])
        p = k + np.where(np.isnan(c[:, 0]), 0,
                         np.argmax(np.where(np.isnan(c), -1, c), axis=1))
        nonzero = c[rows, p - k] != 0
        trans[:, k] = p
        swap = nonzero & (p != k)
        if swap.any():
            r, pk = rows[swap], p[swap]
            lu[r, k], lu[r, pk] = lu[r, pk].copy(), lu[r, k].copy()
        if k == n - 1:
            break
        lu[nonzero, k + 1:, k] = complex_div(lu[nonzero, k + 1:, k], lu[nonzero, k:k + 1, k])
        lu[:, k + 1:, k + 1:] -= _complex_mul(lu[:, k + 1:, k, None], lu[:, k, None, k + 1:])


def _blocked(lu, trans, swaps, max_block, col_major):
    """Eigen's blocked_lu in place on lu [B, r, c] (r >= c, a view into the matrix)."""
    n = lu.shape[2]
    if n <= N_MAX:
        _unblocked(lu, trans, swaps)
        return
    rows = np.arange(lu.shape[0])[:, None]
    bsize = min(max(n // 8 // 16 * 16, 8), max_block)
    for k in range(0, n, bsize):
        bs = min(n - k, bsize)
        _blocked(lu[:, k:, k:k + bs], trans[:, k:k + bs], swaps, 16, col_major)
        trans[:, k:k + bs] += k
        for i in range(k, k + bs):
            piv = trans[:, i, None]
            for cols in (slice(0, k), slice(k + bs, n)):
                if cols.start < cols.stop:
                    ri, rp = lu[rows, i, cols], lu[rows, piv, cols]
                    lu[rows, i, cols], lu[rows, piv, cols] = rp, ri
        t = lu.shape[1] - k - bs
        tsize = n - k - bs
        if t and tsize:
            a12 = lu[:, k:k + bs, k + bs:]            # a view: solved in place
            if col_major:
                _substitute_left(lu[:, k:k + bs, k:k + bs], a12)
            else:
                _substitute(lu[:, k:k + bs, k:k + bs], a12, lower=True, unit=True)
            a21 = lu[:, k + bs:, k:k + bs]
            a22 = lu[:, k + bs:, k + bs:]
            if bs + t + tsize < 20:    # Eigen's lazy product: each entry summed in order
                acc = a21[:, :, 0, None] * a12[:, None, 0, :]
                for j in range(1, bs):
                    acc = acc + a21[:, :, j, None] * a12[:, None, j, :]
                a22[...] = a22 - acc
            elif col_major:
                a22[...] = _gebp_sub(a22, a21, a12)
            else:                      # row-major GEMM: GEBP on the transposed product
                a22[...] = np.swapaxes(_gebp_sub(
                    np.swapaxes(a22, 1, 2), np.swapaxes(a12, 1, 2),
                    np.swapaxes(a21, 1, 2)), 1, 2)


def factor(a, col_major=False):
    """Eigen's PartialPivLU of each matrix [..., n, n]: (lu [B, n, n], the row
    transpositions [B, n], the number of swaps [B]). Up to 16 rows unblocked; above, Eigen's
    blocked_lu: panels of 8 (16 from 128 rows, 32 from 256, ...; a panel wider than 16 is
    itself blocked by 8) factored unblocked, their swaps applied to both sides,
    A12 := L11^-1 A12 (on the left for a `col_major` matrix, on the right of the
    transposed problem for a row-major one), then A22 -= A21 A12 (GEBP on the transposed
    product for a row-major matrix, as it is for a `col_major` one; in order for a product
    whose sizes add up to less than 20)."""
    n = a.shape[-1]
    lu = np.array(a).reshape(-1, n, n)
    trans = np.empty((lu.shape[0], n), np.intp)
    swaps = np.zeros(lu.shape[0], np.intp)
    with np.errstate(all="ignore"):
        _blocked(lu, trans, swaps, 256, col_major)
    return lu, trans, swaps


def _invertible(lu):
    """TF's check: Eigen's minCoeff of |diag| (a NaN only counts where it comes first)
    must be above zero."""
    n = lu.shape[-1]
    with np.errstate(all="ignore"):
        least = np.abs(lu[:, 0, 0])
        for i in range(1, n):
            d = np.abs(lu[:, i, i])
            least = np.where(d < least, d, least)
        return bool(np.all(least > 0))


def _gebp_sub(res, a, b):
    """res - a @ b ([B, m, w], [B, m, d], [B, d, w]) as Eigen's GEBP kernel sums each entry
    (AVX without FMA: mr = 2 packets, nr = 4, depth peeled by 8): rows in whole pairs of
    packets sum in order; the rows of the single, half and quarter packet passes split even
    and odd depths over the peeled depth for columns in groups of 4; the last rows (fewer
    than a half packet) go through the swapped kernel for groups of 4 columns (packets
    along the depth); other columns sum in order."""
    m, d = a.shape[1], a.shape[2]
    w = b.shape[2]
    pk = _PACKETS[a.dtype]
    prod = a[:, :, :, None] * b[:, None, :, :]          # [B, m, d, w], each rounded
    seq = prod[:, :, 0].copy()
    for k in range(1, d):
        seq = seq + prod[:, :, k]
    peeled_mc2 = m // (2 * pk) * (2 * pk)
    peeled_half = peeled_mc2 + (m - peeled_mc2) // pk * pk
    peeled_half += (m - peeled_half) // (pk // 2) * (pk // 2)
    cols4 = w // 4 * 4
    out = seq
    if cols4 and peeled_half > peeled_mc2:
        part = prod[:, peeled_mc2:peeled_half, :, :cols4]
        peeled_kc = d // 8 * 8
        even = np.zeros_like(part[:, :, 0])
        odd = np.zeros_like(even)
        for k in range(0, peeled_kc, 2):
            even = even + part[:, :, k]
            odd = odd + part[:, :, k + 1]
        acc = even + odd
        for k in range(peeled_kc, d):
            acc = acc + part[:, :, k]
        out = out.copy()
        out[:, peeled_mc2:peeled_half, :cols4] = acc
    if cols4 and m > peeled_half:
        rows = slice(peeled_half, m)
        c = np.zeros((4,) + seq[:, rows].shape, seq.dtype)
        if pk == 4:     # doubles: four accumulators by depth mod 4, then the tail
            end4 = d // 4 * 4
            for k in range(end4):
                c[k % 4] = c[k % 4] + prod[:, rows, k]
            acc = (c[0] + c[1]) + (c[2] + c[3])
            for k in range(end4, d):
                acc = acc + prod[:, rows, k]
        else:           # floats: packets of 2 depths x 4 columns, halves added at the end
            c = np.zeros((2, 4) + seq[:, rows].shape, seq.dtype)
            end4 = d // 8 * 8
            for k in range(end4):
                c[k % 2, (k % 8) // 2] = c[k % 2, (k % 8) // 2] + prod[:, rows, k]
            half = [(c[h, 0] + c[h, 1]) + (c[h, 2] + c[h, 3]) for h in (0, 1)]
            for k in range(end4, d // 2 * 2):
                half[k % 2] = half[k % 2] + prod[:, rows, k]
            acc = half[0] + half[1]
            if d % 2:
                acc = acc + prod[:, rows, d - 1]
        if out is seq:
            out = out.copy()
        out[:, rows, :cols4] = acc[:, :, :cols4]
    return res - out


def _depth_block(n, dtype):
    """Eigen's kc for a triangular solve of n unknowns (computeProductBlockingSizes with
    KcFactor 4 and the host's L1, host_cpu: at most 96 floats, 80 doubles for 32 KiB; a
    longer depth is cut into near-equal blocks that are multiples of 8)."""
    size = np.dtype(dtype).itemsize
    mr = 2 * _PACKETS[np.dtype(dtype)]
    max_kc = ((eigen_caches()[0] - mr * 4 * size) // (4 * (mr * size + 4 * size))) & ~7
    if n <= max_kc:
        return n
    if n % max_kc == 0:
        return max_kc
    return max_kc - 8 * ((max_kc - 1 - n % max_kc) // (8 * (n // max_kc + 1)))


def _substitute(t, x, lower, unit):
    """x := T^-1 x in place for triangular T [B, n, n] (its `lower` or upper part, a unit
    diagonal with `unit`), x [B, n, m], in the order of Eigen's on-the-right solver on the
    transposed problem: blocks of kc unknowns (`_depth_block`), in each panels of
    SmallPanelWidth unknowns (from the block's start going forward, aligned to its start
    going backward), each first reduced through GEBP by the block's solved unknowns, then
    solved value by value; after a block, GEBP takes its unknowns out of all the unsolved
    ones."""
    n = t.shape[-1]
    width = _PANEL[t.dtype]
    kc = _depth_block(n, t.dtype)
    one = t.dtype.type(1)
    xt = np.swapaxes(x, 1, 2)       # [B, m, n] view: the transposed problem
    if lower:
        blocks = [(k2, min(k2 + kc, n)) for k2 in range(0, n, kc)]
    else:
        blocks = [(max(k2 - kc, 0), k2) for k2 in range(n, 0, -kc)]
    for b0, b1 in blocks:
        size = b1 - b0
        if lower:
            panels = [(b0 + p, min(b0 + p + width, b1)) for p in range(0, size, width)]
        else:
            first = size - (size % width or width)
            panels = [(b0 + p, min(b0 + p + width, b1)) for p in range(first, -1, -width)]
        for lo, hi in panels:
            done = slice(b0, lo) if lower else slice(hi, b1)
            if done.start < done.stop:
                xt[:, :, lo:hi] = _gebp_sub(xt[:, :, lo:hi], xt[:, :, done],
                                            np.swapaxes(t[:, lo:hi, done], 1, 2))
            order = range(lo, hi) if lower else range(hi - 1, lo - 1, -1)
            for j in order:
                inner = range(lo, j) if lower else range(j + 1, hi)
                for k in inner:
                    x[:, j] -= x[:, k] * t[:, j, k, None]
                if not unit:
                    x[:, j] *= (one / t[:, j, j])[:, None]
        rest = slice(b1, n) if lower else slice(0, b0)
        if rest.start < rest.stop:
            xt[:, :, rest] = _gebp_sub(xt[:, :, rest], xt[:, :, b0:b1],
                                       np.swapaxes(t[:, rest, b0:b1], 1, 2))


def _substitute_left(t, x):
    """x := L^-1 x in place for the unit lower triangle of t [B, n, n] and x [B, n, m], in
    the order of Eigen's on-the-left solver on column-major matrices (the column-major LU's
    A12 solve): panels of SmallPanelWidth unknowns going forward, each solved value by
    value, then GEBP takes the panel's unknowns out of the block's later ones at once (a
    block is the whole system: the LU's panels are narrower than kc)."""
    n = t.shape[-1]
    width = _PANEL[t.dtype]
    if n > _depth_block(n, t.dtype):
        raise NotImplementedError("Eigen's depth-blocked on-the-left solve")
    for lo in range(0, n, width):
        hi = min(lo + width, n)
        for j in range(lo + 1, hi):
            for k in range(lo, j):
                x[:, j] -= x[:, k] * t[:, j, k, None]
        if hi < n:
            x[:, hi:] = _gebp_sub(x[:, hi:], t[:, hi:, lo:hi], x[:, lo:hi])


def _cgebp_sub(c, t, y, kinds):
    """c - t @ y for complex c [B, w, m], t [B, w, d], y [B, d, m] as the triangular
    solver's call of Eigen's complex GEBP (eigen_cgemm describes the kernel): four real
    sums per entry in order (even and odd depths apart over whole blocks of 8 when the
    panel has 4 unknowns), then re = S_rr - S_ii, im = S_ir + S_ri times alpha = -1 (a
    complex product). A complex64 right-hand side of odd width has its last column
    (kinds == 2) through the swapped kernel (4 lanes by depth mod 4) for a panel of 4, or
    else std::complex products added one by one, times alpha."""
    d = t.shape[2]
    tr, ti, yr, yi = t.real[..., None], t.imag[..., None], y.real[:, None], y.imag[:, None]
    p = np.moveaxis(np.stack([tr * yr, ti * yi, ti * yr, tr * yi]), 3, 0)  # [d, 4, B, w, m]

    def seq(ks, acc=None):
        for k in ks:
            acc = p[k] if acc is None else acc + p[k]
        return acc

    def alpha(re, im):
        m1 = re.dtype.type(-1)
        return re * m1 - im * 0, re * 0 + im * m1

    grouped = t.shape[1] == 4
    whole = d & ~7 if grouped else 0
    s = seq(range(whole, d), seq(range(0, whole, 2)) + seq(range(1, whole, 2)) if whole else None)
    re, im = alpha(s[0] - s[1], s[2] + s[3])
    last = kinds == 2
    if last.any() and grouped:
        end4 = d & ~3
        lane = [seq(range(j, end4, 4)) for j in range(4)]
        s = seq(range(end4, d), (lane[0] + lane[1]) + (lane[2] + lane[3]) if end4 else None)
        r2, i2 = alpha(s[0] - s[1], s[2] + s[3])
        re, im = np.where(last, r2, re), np.where(last, i2, im)
    elif last.any():
        acc = np.zeros(c.shape, c.dtype)
        for k in range(d):
            acc = acc + _complex_mul(t[:, :, k, None], y[:, None, k])
        acc = _complex_mul(np.array(-1, c.dtype), acc)
        re, im = np.where(last, acc.real, re), np.where(last, acc.imag, im)
    out = np.empty(c.shape, c.dtype)
    out.real, out.imag = c.real + re, c.imag + im
    return out


def _substitute_complex(t, x, lower, unit):
    """`_substitute` for complex matrices of at most 16 rows (one depth block): panels of
    SmallPanelWidth = 4 unknowns; Eigen's complex GEBP (`_cgebp_sub`) takes the block's
    solved unknowns out of a panel; within it x[j] -= x[k] T[j, k] (std::complex products)
    and x[j] *= 1 / T[j, j] (libgcc's division of 1)."""
    n, m = t.shape[-1], x.shape[-1]
    width = 4
    kinds = _cgemm._col_kinds(m, m, _cgemm._sizes(t.dtype)[0])
    one = np.ones((), t.dtype)
    if lower:
        panels = [(p, min(p + width, n)) for p in range(0, n, width)]
    else:
        first = n - (n % width or width)
        panels = [(p, min(p + width, n)) for p in range(first, -1, -width)]
    for lo, hi in panels:
        done = slice(0, lo) if lower else slice(hi, n)
        if done.start < done.stop:
            x[:, lo:hi] = _cgebp_sub(x[:, lo:hi], t[:, lo:hi, done], x[:, done], kinds)
        order = range(lo, hi) if lower else range(hi - 1, lo - 1, -1)
        for j in order:
            inner = range(lo, j) if lower else range(j + 1, hi)
            for k in inner:
                x[:, j] -= _complex_mul(x[:, k], t[:, j, k, None])
            if not unit:
                x[:, j] = _complex_mul(x[:, j], complex_div(one, t[:, j, j])[:, None])


def solve(a, b):
    """TF's solution of a x = b ([..., n, n], [..., n, m]); None when a pivot is exactly
    zero (TF's 'not invertible')."""
    batch = a.shape[:-2]
    n, m = a.shape[-1], b.shape[-1]
    if a.dtype in (np.complex64, np.complex128):
        lu = np.array(a).reshape(-1, n, n)
        trans = np.empty((lu.shape[0], n), np.intp)
        with np.errstate(all="ignore"):
            _unblocked_complex_rm(lu, trans)
        sub = _substitute_complex
    else:
        lu, trans, _ = factor(a)
        sub = _substitute
    if not _invertible(lu):
        return None
    x = np.array(b, a.dtype).reshape(-1, n, m)
    rows = np.arange(x.shape[0])
    with np.errstate(all="ignore"):
        for k in range(n):                  # dst = P rhs: the transpositions in turn
            p = trans[:, k]
            x[rows, k], x[rows, p] = x[rows, p].copy(), x[rows, k].copy()
        sub(lu, x, lower=True, unit=True)
        sub(lu, x, lower=False, unit=False)
    return x.reshape(batch + (n, m))


def triangular_solve(t, b, lower):
    """MatrixTriangularSolve's Eigen solve of the `lower` (or upper) triangle of t
    [..., n, n] (adjoints already taken) with b [..., n, m]."""
    n, m = t.shape[-1], b.shape[-1]
    shape = np.broadcast_shapes(t.shape[:-2], b.shape[:-2])
    tt = np.broadcast_to(t, shape + (n, n)).reshape(-1, n, n)
    x = np.array(np.broadcast_to(b, shape + (n, m)), t.dtype).reshape(-1, n, m)
    with np.errstate(all="ignore"):
        _substitute(tt, x, lower=lower, unit=False)
    return x.reshape(shape + (n, m))


def _diag(lu):
    return np.diagonal(lu, axis1=-2, axis2=-1)


def _log_sum_f32(d):
    """Eigen's redux sum of log(d) [B, n] (an aligned float32 array): packets of 8 through
    plog, two accumulators over pairs of packets, predux, then logf on the tail in order."""
    n = d.shape[1]
    packet = 8
    size = (n // packet) * packet
    if not size:
        logs = _em.libm_log(d)
        out = logs[:, 0]
        for i in range(1, n):
            out = out + logs[:, i]
        return out
    logs = _em._plog(np.ascontiguousarray(d[:, :size]).reshape(-1)).reshape(-1, size)
    acc0 = logs[:, :packet]
    size2 = (n // (2 * packet)) * (2 * packet)
    if size > packet:
        acc1 = logs[:, packet:2 * packet]
        for i in range(2 * packet, size2, 2 * packet):
            acc0 = acc0 + logs[:, i:i + packet]
            acc1 = acc1 + logs[:, i + packet:i + 2 * packet]
        acc0 = acc0 + acc1
        if size > size2:
            acc0 = acc0 + logs[:, size2:size2 + packet]
    # predux of 8: the two halves added, then SSE's (p0 + p2) + (p1 + p3)
    h = acc0[:, :4] + acc0[:, 4:]
    out = (h[:, 0] + h[:, 2]) + (h[:, 1] + h[:, 3])
    if size < n:
        tail = _em.libm_log(d[:, size:])
        for i in range(n - size):
            out = out + tail[:, i]
    return out


def _slogdet_complex(a):
    """TF's SLogDet of complex matrices [..., n, n] (n <= 16): Eigen's unblocked LU of the
    column-major copy; log|det| sums the logs of the hypot |u_ii| as the real case does;
    the sign is +-1 times the product in order of u_ii / |u_ii| (each part divided)."""
    n = a.shape[-1]
    lu = np.array(a).reshape(-1, n, n)
    swaps = np.zeros(lu.shape[0], np.intp)
    with np.errstate(all="ignore"):
        _unblocked_complex_cm(lu, swaps)
        d = _diag(lu)
        ad = _em.complex_abs(d)
        if ad.dtype == np.float32:
            logabs = _log_sum_f32(ad)
        else:
            logs = _em.libm_log64(ad)
            logabs = logs[:, 0]
            for i in range(1, n):
                logabs = logabs + logs[:, i]
        unit = np.empty(d.shape, d.dtype)
        unit.real, unit.imag = d.real / ad, d.imag / ad
        prod = unit[:, 0]
        for i in range(1, n):
            prod = _complex_mul(prod, unit[:, i])
        sign = np.where(swaps % 2 == 1, -prod, prod)
        bad = ~np.isfinite(logabs)
        sign = np.where(bad, 0, sign).astype(a.dtype)
        logabs = np.where(bad, np.where(logabs > 0, np.inf, -np.inf), logabs)
    return sign.reshape(a.shape[:-2]), logabs.astype(a.dtype).reshape(a.shape[:-2])


def slogdet(a):
    """TF's SLogDet of each matrix [..., n, n]: (sign, log|det|), from the LU of a
    column-major copy."""
    if a.dtype in (np.complex64, np.complex128):
        return _slogdet_complex(a)
    dt = a.dtype.type
    lu, _, swaps = factor(a, col_major=True)
    d = _diag(lu)
    with np.errstate(all="ignore"):
        ad = np.abs(d)
        if dt is np.float32:
            logabs = _log_sum_f32(ad)
        else:
            logs = _em.libm_log64(ad)
            logabs = logs[:, 0]
            for i in range(1, d.shape[1]):
                logabs = logabs + logs[:, i]
        logabs = np.asarray(logabs, dt)
        unit = d / ad
        sign = np.where(swaps % 2 == 1, dt(-1), dt(1))
        for i in range(d.shape[1]):
            sign = sign * unit[:, i]
        bad = ~np.isfinite(logabs)
        sign = np.where(bad, dt(0), sign).astype(dt)
        logabs = np.where(bad, np.where(logabs > 0, dt(np.inf), dt(-np.inf)), logabs)
    return sign.reshape(a.shape[:-2]), logabs.astype(dt).reshape(a.shape[:-2])
