"""Matrix decompositions and functions: Cholesky, SelfAdjointEigV2, Svd, Lu,
MatrixSquareRoot, MatrixLogarithm (op types as TF 1.14).

Each works on the last two dimensions (leading dimensions are a batch). Cholesky is
Eigen's LLT in TF 1.14's order for float32/float64 up to 256 rows (`_llt_unblocked`,
`_llt_blocked`), SelfAdjointEigV2 Eigen's SelfAdjointEigenSolver up to 64 rows
(eigen_eig.py), Svd Eigen's JacobiSVD where TF's BDCSVD falls back to it (fewer than 16
columns, eigen_svd.py) and BDCSVD's divide and conquer from 16 columns up to 400 rows and
columns (eigen_bdcsvd.py; larger matrices are LAPACK's, not TF's bits); the other
kernels are NumPy's LAPACK routines, Lu is a partial-pivoting elimination, the
matrix functions go through an eigendecomposition. The gradients are TF
1.14's (linalg_grad.py), built from ops so they differentiate again; Lu and
MatrixLogarithm have none in TF 1.14: tf.gradients raises LookupError, as TF.
"""
from __future__ import annotations

__all__ = ["cholesky", "self_adjoint_eig", "self_adjoint_eigvals", "svd", "lu",
           "matrix_square_root", "matrix_logarithm"]

import functools
from collections import namedtuple

import numpy as np

from ..framework import dtypes as _dt
from ..framework.graph import Tensor
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_bmm as _eigen_bmm
from .complex_arith import cgemv_rows_conj
from . import eigen_eig as _eigen_eig
from . import eigen_lu as _eigen_lu
from . import eigen_qr_blocked as _eigen_qr_blocked
from . import eigen_bdcsvd as _eigen_bdcsvd
from . import eigen_svd as _eigen_svd
from ._array_util import TensorLike, _invalid, _scope, no_dtype_kernel
from ._base import apply, apply_generated, check_dtype, to_tensor
from .construction import zeros_like
from .fft import real_part
from .elementwise import add, multiply, rbinary, reciprocal, square, subtract
from .joining import concat, tile
from .joining import slice as _slice
from .reductions import reduce_prod
from .linalg import matmul, matrix_transpose
from .matrix import (_cpu_kernel, _merge_dim, matrix_band_part, matrix_diag, matrix_diag_part,
                     eye, matrix_set_diag, matrix_triangular_solve)
from .shape import expand_dims, reshape, shape, size

_TYPES = (_dt.float64, _dt.float32, _dt.float16, _dt.complex64, _dt.complex128)
_HALF = (_dt.float16,)


def _rank2(op_type, t):
    dims = t.shape.as_tuple()
    if dims is not None and len(dims) < 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {len(dims)}")
    return dims


def _square_dims(op_type, t):
    """(batch dims, n) of a batch of square matrices, or None for unknown rank."""
    dims = _rank2(op_type, t)
    if dims is None:
        return None
    try:
        n = _merge_dim(dims[-2], dims[-1])
    except ValueError:
        raise ValueError(f"Dimensions must be equal, but are {dims[-2]} and {dims[-1]}") \
            from None
    return list(dims[:-2]), n


def _up(a):
    """float16 is computed in float32 (LAPACK has no half precision)."""
    return a.astype(np.float32) if a.dtype == np.float16 else a


def _check_square(x):
    x = np.asarray(x)
    if x.ndim < 2:
        raise _invalid(f"Input tensor 0 must have rank >= 2, got {x.ndim}")
    if x.shape[-1] != x.shape[-2]:
        raise _invalid("Input matrix must be square.")
    return x


# -- Cholesky ----------------------------------------------------------------------------------
def _square_same_infer(op_type, allowed):
    def infer(inputs, attrs):
        x = inputs[0]
        check_dtype(op_type, x, allowed, "input")
        r = _square_dims(op_type, x)
        return [(x.dtype.base_dtype, TensorShape(None if r is None else r[0] + [r[1], r[1]]))]
    return infer


# matrices below this size are decomposed as TF's Eigen LLT does (Eigen's unblocked bound)
_LLT_UNBLOCKED_MAX = 31
# the blocked LLT is checked against TF 1.14 up to here (32, 33, 40, 48, 63, 64, 72, 100,
# 127-129, 200, 256 rows); LAPACK above
_LLT_BLOCKED_MAX = 256
_PACKET = {np.dtype(np.float32): 8, np.dtype(np.float64): 4}   # AVX


def _predux(p):
    """Eigen's predux of AVX packets [B, P]: the two halves added, then SSE's
    (p0 + p2) + (p1 + p3) for floats, p0 + p1 for doubles."""
    h = p[:, :p.shape[1] // 2] + p[:, p.shape[1] // 2:]
    if h.shape[1] == 4:
        return (h[:, 0] + h[:, 2]) + (h[:, 1] + h[:, 3])
    return h[:, 0] + h[:, 1]


def _squared_norm(v):
    """Eigen's redux of v*v over rows [B, k]: packets from the first value (the abs2
    expression has no direct access, so Eigen does not look for an aligned start), two
    accumulators over pairs of packets, predux, then the tail in order; rows shorter than a
    packet are summed in order."""
    k = v.shape[1]
    pk = _PACKET[v.dtype]
    sq = v * v
    aligned = k // pk * pk
    if not aligned:
        res = sq[:, 0]
        for j in range(1, k):
            res = res + sq[:, j]
        return res
    aligned2 = k // (2 * pk) * (2 * pk)
    p0 = sq[:, :pk]
    if aligned > pk:
        p1 = sq[:, pk:2 * pk]
        for j in range(2 * pk, aligned2, 2 * pk):
            p0 = p0 + sq[:, j:j + pk]
            p1 = p1 + sq[:, j + pk:j + 2 * pk]
        p0 = p0 + p1
        if aligned > aligned2:
            p0 = p0 + sq[:, aligned2:aligned2 + pk]
    res = _predux(p0)
    for j in range(aligned, k):
        res = res + sq[:, j]
    return res


def _gemv_rows(m, v):
    """Eigen's row-major GEMV dot products m [B, r, k] . v [B, k]: packets from the row start
    (c + a*b per lane), predux, then the tail in order."""
    k = v.shape[1]
    pk = _PACKET[v.dtype]
    body = k // pk * pk
    if body:
        c = m[:, :, 0:pk] * v[:, None, 0:pk]
        for j in range(pk, body, pk):
            c = c + m[:, :, j:j + pk] * v[:, None, j:j + pk]
        b, r = c.shape[:2]
        res = _predux(c.reshape(b * r, pk)).reshape(b, r)
    else:
        res = m[:, :, 0] * v[:, None, 0]
        body = 1
    for j in range(body, k):
        res = res + m[:, :, j] * v[:, None, j]
    return res


def _sum_abs2(row):
    """sum |row_j|^2 over the last axis in order (complex packets have no abs2)."""
    sq = row.real * row.real + row.imag * row.imag
    acc = sq[:, 0]
    for j in range(1, sq.shape[1]):
        acc = acc + sq[:, j]
    return acc


def _llt_unblocked(a):
    """Eigen's llt_inplace<Scalar, Lower>::unblocked, as TF 1.14 runs it (Eigen 3.3.90, MPL2;
    its arithmetic order re-expressed in NumPy) on matrices [..., n, n] of fewer than 32
    rows, a batch at once: l_kk = sqrt(a_kk - |l_k,:k|^2), then l_ik = (a_ik - l_i,:k .
    conj(l_k,:k)) / l_kk (the row-major GEMV's dot products). float32/float64: Eigen's
    vectorized squaredNorm of the row-major row; complex64/complex128: re(a_kk) less the
    squared moduli summed in order, the complex GEMV, each part divided by the real l_kk.
    A pivot <= 0 fails, a NaN does not."""
    n = a.shape[-1]
    src = a.reshape(-1, n, n)
    low = np.zeros_like(src)
    cplx = np.iscomplexobj(src)
    for k in range(n):
        pivot = (src[:, k, k].real if cplx else src[:, k, k]).copy()
        if k:
            pivot = pivot - (_sum_abs2 if cplx else _squared_norm)(low[:, k, :k])
        if np.any(pivot <= 0):
            raise _invalid("Cholesky decomposition was not successful. The input might not "
                           "be valid.")
        d = np.sqrt(pivot)
        low[:, k, k] = d
        if k < n - 1:
            col = src[:, k + 1:, k]
            if k:
                col = col - (cgemv_rows_conj if cplx else _gemv_rows)(low[:, k + 1:, :k],
                                                                      low[:, k, :k])
            if cplx:
                low[:, k + 1:, k].real = col.real / d[:, None]
                low[:, k + 1:, k].imag = col.imag / d[:, None]
            else:
                low[:, k + 1:, k] = col / d[:, None]
    return low.reshape(a.shape)


def _llt_blocked(a):
    """Eigen's llt_inplace<Scalar, Lower>::blocked from 32 rows (blocks of 8, 16 from 128, 32
    at 256): each diagonal block unblocked, then A21 := A21 L11^-T as Eigen's on-the-left
    solver (panels of 16 floats / 8 doubles: in a panel x_j = (a_j - sum_k x_k l_jk) *
    (1 / l_jj), the sum over the panel's earlier unknowns taken first, in order; GEBP takes
    each solved panel out of the rows below), then the rank update
    A22 -= A21 A21^T as Eigen's triangular GEBP blocks (16 float / 8 double columns) on the
    transposed, upper view of the row-major matrix."""
    n = a.shape[-1]
    m = np.array(a).reshape(-1, n, n)
    bsize = min(max(n // 8 // 16 * 16, 8), 128)
    width = 16 if m.dtype == np.float32 else 8
    for k in range(0, n, bsize):
        bs = min(bsize, n - k)
        m[:, k:k + bs, k:k + bs] = _llt_unblocked(m[:, k:k + bs, k:k + bs])
        rs = n - k - bs
        if not rs:
            break
        l11 = m[:, k:k + bs, k:k + bs]
        a21 = m[:, k + bs:, k:k + bs]
        other = np.swapaxes(a21, 1, 2)      # [B, bs, rs] view: Eigen's on-the-left problem
        one = m.dtype.type(1)
        for p0 in range(0, bs, width):      # panels; GEBP updates the rows below each
            p1 = min(p0 + width, bs)
            for j in range(p0, p1):
                acc = np.zeros_like(other[:, j])
                for i in range(p0, j):
                    acc = acc + l11[:, j, i, None] * other[:, i]
                other[:, j] = (other[:, j] - acc) * (one / l11[:, j, j])[:, None]
            if p1 < bs:
                other[:, p1:] = _eigen_lu._gebp_sub(other[:, p1:], l11[:, p1:, p0:p1],
                                                    other[:, p0:p1])
        a22t = np.swapaxes(m[:, k + bs:, k + bs:], 1, 2)    # res' = A22^T, upper part
        for j in range(0, rs, width):
            w = min(width, rs - j)
            vt = np.swapaxes(a21[:, j:j + w], 1, 2)
            if j:
                a22t[:, :j, j:j + w] = _eigen_lu._gebp_sub(a22t[:, :j, j:j + w],
                                                           a21[:, :j], vt)
            diag = _eigen_lu._gebp_sub(a22t[:, j:j + w, j:j + w], a21[:, j:j + w], vt)
            upper = np.triu(np.ones((w, w), bool))
            a22t[:, j:j + w, j:j + w] = np.where(upper, diag, a22t[:, j:j + w, j:j + w])
    return np.tril(m).reshape(a.shape)


def _cholesky_kernel(x):
    a = _check_square(x)
    if a.shape[-1] == 0:
        return a.copy()
    if a.dtype in (np.float32, np.float64, np.complex64, np.complex128) and \
            a.shape[-1] <= _LLT_UNBLOCKED_MAX:
        with np.errstate(invalid="ignore"):
            return _llt_unblocked(a)
    if a.dtype in (np.float32, np.float64) and a.shape[-1] <= _LLT_BLOCKED_MAX:
        with np.errstate(invalid="ignore"):
            return _llt_blocked(a)
    try:
        out = np.linalg.cholesky(_up(a))
    except np.linalg.LinAlgError:
        raise _invalid("Cholesky decomposition was not successful. The input might not be "
                       "valid.") from None
    return out.astype(a.dtype, copy=False)


def _cholesky_grad(op, grad):
    """TF 1.14: l^-H ((l^H grad) * (tril(ones) - eye/2)) l^-1, symmetrized; TF's ops and
    names (eye of shape(l)'s slices, the operators' mul/add, linalg.adjoint's scope)."""
    l_ = op.outputs[0]
    num_rows = shape(l_)[-1]
    batch_shape = shape(l_)[:-2]
    l_inverse = matrix_triangular_solve(l_, eye(num_rows, batch_shape=batch_shape,
                                                dtype=l_.dtype))
    middle = matmul(l_, grad, adjoint_a=True)
    middle = matrix_set_diag(middle, rbinary(multiply, 0.5, matrix_diag_part(middle), "mul"))
    middle = matrix_band_part(middle, -1, 0)
    grad_a = matmul(matmul(l_inverse, middle, adjoint_a=True), l_inverse)
    grad_a = add(grad_a, _adjoint(grad_a), name="add")
    return [multiply(grad_a, 0.5, name="mul")]


def _adjoint(x):
    """TF's linalg.adjoint: matrix_transpose(conjugate=True) in an 'adjoint' scope."""
    with _scope(None, "adjoint", [x]):
        return matrix_transpose(x, conjugate=True)


register_op("Cholesky", infer=_square_same_infer("Cholesky", _TYPES), kernel=_cholesky_kernel,
            grad=_cholesky_grad)


# -- CholeskyGrad (the raw op; TF 1.14's Cholesky gradient is built from other ops) ---------
# rows up to which CholeskyGrad follows Eigen's order: TF's bits to 801 rows (float32 and
# float64, linalg/chol_grad_big), Eigen's compiled headers' to 1300
EIGEN_CHOL_GRAD = 1300

def _cholesky_grad_unblocked(low, g):
    """TF's CholeskyGradUnblocked on one diagonal block, in place on g (k from the last
    row up). Eigen's products here run over strided columns: the dot product and the
    vector-matrix product are sums in order (TF's bits on 8x8 to 32x32 probes)."""
    for k in range(low.shape[0] - 1, -1, -1):
        d = low[k, k]
        c, c_bar = low[k + 1:, k], g[k + 1:, k]
        if c.size:
            acc = c[0] * c_bar[0]
            for i in range(1, c.size):
                acc = acc + c[i] * c_bar[i]
            g[k, k] -= acc / d
        g[k:, k] /= d
        if k:
            acc = g[k, k] * low[k, :k]
            for j in range(k + 1, low.shape[0]):
                acc = acc + g[j, k] * low[j, :k]
            g[k, :k] -= acc
        g[k + 1:, :k] -= np.outer(g[k + 1:, k], low[k, :k])
        g[k, k] /= 2


def _solve_upper_left(u, x):
    """x := U^-1 x in place (U [bs, bs] upper, x [bs, c]) as Eigen's on-the-left solver with
    a column-major triangle: panels of 16 floats / 8 doubles from the bottom; in a panel
    x_i *= 1 / u_ii, then x_i's multiples are taken out of the panel's rows above, in
    turn; GEBP takes each solved panel out of all the rows above it."""
    bs = u.shape[0]
    width = _eigen_lu._PANEL[u.dtype]
    one = u.dtype.type(1)
    for hi in range(bs, 0, -width):
        lo = max(hi - width, 0)
        for i in range(hi - 1, lo - 1, -1):
            x[i] *= one / u[i, i]
            for r in range(lo, i):
                x[r] -= x[i] * u[r, i]
        if lo:
            x[:lo] = _eigen_lu._gebp_sub(x[None, :lo], u[None, :lo, lo:hi], x[None, lo:hi])[0]


def _eigen_product_sub(res, a, b, row_major=False):
    """res - a @ b as Eigen's `res -= a * b` (which evaluates the product into a
    column-major temporary first): for one column a matrix-vector product (the row-major
    kernel's packets when a is `row_major`, else the column-major kernel's products in
    order, in blocks of 16 from a depth of 128: a's stride is below 4000 rows), else GEBP
    with a's rows as its rows, blocked as Eigen's GEMM blocks it on the host's caches (rows
    by mc, the depth by kc: each block's sums added to the temporary in turn)."""
    if res.shape[1] == 1 and row_major:
        return res - _gemv_rows(a[None], b[None, :, 0])[0][:, None]
    if res.shape[1] == 1:
        return res - _eigen_bmm._gemv_cols(a[None], b[None, :, 0])[0][:, None]
    (m, d), w = a.shape, res.shape[1]
    kc, mc = _eigen_qr_blocked._blocking(m, w, d, a.dtype, kc_factor=1)
    prod = np.zeros_like(res)
    for i in range(0, m, mc):     # GEBP on rows of mc, each adding its depth blocks of kc
        for k in range(0, d, kc):
            prod[i:i + mc] -= _eigen_lu._gebp_sub(np.zeros((1, min(mc, m - i), w), res.dtype),
                                                  a[None, i:i + mc, k:k + kc],
                                                  b[None, k:k + kc])[0]
    return res - prod


def _cholesky_grad_matrix(l_full, grad):
    """TF's blocked CholeskyGrad (blocks of 32 from the bottom right): only the lower
    triangles of l and grad are read; the result is symmetrized. Up to EIGEN_CHOL_GRAD rows
    the solve and the products follow Eigen's order of operations (TF's bits, float32 and
    float64); larger matrices use NumPy's (within about 2e-7 / 5e-16 relative of TF)."""
    low = np.tril(l_full)
    out = np.tril(grad)
    n = low.shape[0]
    eigen = n <= EIGEN_CHOL_GRAD and low.dtype in (np.float32, np.float64)
    for end in range(n, 0, -32):
        begin = max(0, end - 32)
        d, r = low[begin:end, begin:end], low[begin:end, :begin]
        c, b = low[end:, begin:end], low[end:, :begin]
        if eigen:
            if n > end:   # C_bar = (D^H's upper triangle)^-1 C_bar^H, transposed back
                x = out[end:, begin:end].T.copy()
                _solve_upper_left(np.ascontiguousarray(d.T), x)
                out[end:, begin:end] = x.T
                c_bar = out[end:, begin:end]
                zeros = np.zeros((end - begin, end - begin), low.dtype)
                prod = -_eigen_product_sub(zeros, c_bar.T, c)
                out[begin:end, begin:end] -= np.tril(prod)
            # B_bar and R_bar's C_bar terms (empty up to 64 rows)
            if n > end and begin:
                out[end:, :begin] = _eigen_product_sub(out[end:, :begin], c_bar, r, True)
                out[begin:end, :begin] = _eigen_product_sub(out[begin:end, :begin], c_bar.T, b)
            d_bar = out[begin:end, begin:end]
            _cholesky_grad_unblocked(d, d_bar)
            if begin:
                out[begin:end, :begin] = _eigen_product_sub(out[begin:end, :begin],
                                                            d_bar + d_bar.T, r)
            continue
        if n > end:   # C_bar = C_bar D^-1 (D^H's upper triangle solved)
            out[end:, begin:end] = np.linalg.solve(d.T, out[end:, begin:end].T).T
        c_bar = out[end:, begin:end]
        out[begin:end, begin:end] -= np.tril(c_bar.T @ c)
        out[end:, :begin] -= c_bar @ r
        out[begin:end, :begin] -= c_bar.T @ b
        d_bar = out[begin:end, begin:end]
        _cholesky_grad_unblocked(d, d_bar)
        out[begin:end, :begin] -= (d_bar + d_bar.T) @ r
    return (out + out.T) * out.dtype.type(0.5)


def _cholesky_grad_kernel(low, grad):
    """TF's LinearAlgebraOp checks, then each matrix of the batch."""
    low, grad = np.asarray(low), np.asarray(grad)
    for i, t in enumerate((low, grad)):
        if t.ndim < 2:
            raise _invalid(f"Input tensor {i} must have rank >= 2, got {t.ndim}")
        if i and t.shape[:-2] != low.shape[:-2]:
            raise _invalid("All input tensors must have the same outer dimensions.")
    if low.shape[-2:] != grad.shape[-2:]:
        raise _invalid("Inputs (L and grad) must have the same shape.")
    if low.shape[-1] != low.shape[-2]:
        raise _invalid("Inputs must be a square matrices.")
    out = np.empty(grad.shape, grad.dtype)
    if out.size:
        n = low.shape[-1]
        ls, gs, os_ = low.reshape(-1, n, n), grad.reshape(-1, n, n), out.reshape(-1, n, n)
        for j in range(ls.shape[0]):
            os_[j] = _cholesky_grad_matrix(ls[j], gs[j])
    return out


def _cholesky_grad_bind(op_type):
    def bind(node, ctx):
        t = node.op._inputs[0].dtype.base_dtype
        if t not in (_dt.float32, _dt.float64):   # (half: allowed by the op, no kernel)
            err = no_dtype_kernel(node.op, "T", t, ("DT_DOUBLE", "DT_FLOAT"))

            def fail(*_):
                raise err
            return fail
        return _cholesky_grad_kernel
    return bind


register_op("CholeskyGrad", infer=_square_same_infer("CholeskyGrad", (
    _dt.float16, _dt.float32, _dt.float64)), bind=_cholesky_grad_bind("CholeskyGrad"),
            grad=no_gradient_registered)
# -- MatrixExponential (removed at version 27: tf.linalg.expm builds it from other ops) -----
EIGEN_EXPM = 64   # rows up to which MatrixExponential follows Eigen's order (checked)

_PADE = {
    3: (120., 60., 12., 1.),
    5: (30240., 15120., 3360., 420., 30., 1.),
    7: (17297280., 8648640., 1995840., 277200., 25200., 1512., 56., 1.),
    9: (17643225600., 8821612800., 2075673600., 302702400., 30270240., 2162160., 110880.,
        3960., 90., 1.),
    13: (64764752532480000., 32382376266240000., 7771770303897600., 1187353796428800.,
         129060195264000., 10559470521600., 670442572800., 33522128640., 1323241920.,
         40840800., 960960., 16380., 182., 1.),
}
# Eigen's degree thresholds on the 1-norm, then the norm scaled to by squarings
_EXPM_STEPS = {np.float32: ((0.4258730016922831, 3), (1.880152677804762, 5),
                            (3.925724783138660, 7)),
               np.float64: ((1.495585217958292e-2, 3), (2.539398330063230e-1, 5),
                            (9.504178996162932e-1, 7), (2.097847961257068, 9),
                            (5.371920351148152, 13))}


def _expm_matrix(a):
    """Eigen's MatrixExponential (unsupported/MatrixFunctions) for a real matrix: the Pade
    approximant (degree by the 1-norm), scaling by 2^-s and s squarings, (V-U)^-1 (V+U)
    solved by partial-pivot LU. float32/float64 up to EIGEN_EXPM rows in TF's bits: the
    products as Eigen's (`_eigen_matmul`), the sums from the highest power down, the LU
    solve of eigen_lu, the squarings into a column-major temporary."""
    rt = np.float32 if a.dtype in (np.float32, np.complex64) else np.float64
    steps = _EXPM_STEPS[rt]
    norm = rt(np.abs(a).sum(axis=0).max()) if a.size else rt(0)
    s = 0
    for limit, m in steps[:-1]:
        if norm < rt(limit):
            break
    else:
        m = steps[-1][1]
        s = max(0, int(np.frexp(norm / rt(steps[-1][0]))[1]))
        a = np.ldexp(a.real, -s) + 1j * np.ldexp(a.imag, -s) if a.dtype.kind == "c" \
            else np.ldexp(a, -s).astype(a.dtype)
    b = [rt(c) for c in _PADE[m]]
    eye_ = np.eye(a.shape[0], dtype=a.dtype)
    eigen = a.dtype in (np.float32, np.float64) and a.shape[0] <= EIGEN_EXPM
    mm = _eigen_matmul if eigen else np.matmul
    a2 = mm(a, a)
    if m == 13:
        a4 = mm(a2, a2)
        a6 = mm(a4, a2)
        tmp = mm(a6, b[13] * a6 + b[11] * a4 + b[9] * a2)
        tmp += b[7] * a6 + b[5] * a4 + b[3] * a2 + b[1] * eye_
        u = mm(a, tmp)
        v = mm(a6, b[12] * a6 + b[10] * a4 + b[8] * a2)
        v += b[6] * a6 + b[4] * a4 + b[2] * a2 + b[0] * eye_
    else:
        powers = [eye_, a2]
        while len(powers) < (m + 1) // 2:
            powers.append(mm(powers[-1], a2))
        # Eigen's sums run from the highest power down
        odd = [b[2 * i + 1] * p for i, p in enumerate(powers)][::-1]
        even = [b[2 * i] * p for i, p in enumerate(powers)][::-1]
        u = mm(a, functools.reduce(np.add, odd))
        v = functools.reduce(np.add, even)
    if eigen:
        out = _eigen_lu.solve((v - u)[None], (u + v)[None])
        if out is None:
            out = np.linalg.solve(v - u, u + v)
        else:
            out = out[0]
    else:
        out = np.linalg.solve(v - u, u + v)
    for _ in range(s):   # result *= result: a column-major temporary (aliasing)
        out = _eigen_matmul(out, out, True) if eigen else out @ out
    return out.astype(a.dtype, copy=False)


def _eigen_matmul(x, y, col_major=False):
    """x @ y as Eigen's product of row-major matrices into a new row-major one (or into a
    `col_major` temporary): the lazy coefficient-based product (each entry summed in order)
    when the sizes add up to less than 20, else GEBP (on the transposed problem for a
    row-major result)."""
    k = x.shape[1]
    if y.shape[0] + x.shape[0] + y.shape[1] < 20:
        acc = x[:, :1] * y[:1, :]
        for j in range(1, k):
            acc = acc + x[:, j:j + 1] * y[j:j + 1, :]
        return acc
    if col_major:
        zeros = np.zeros((1, x.shape[0], y.shape[1]), x.dtype)
        return -_eigen_lu._gebp_sub(zeros, x[None], y[None])[0]
    zeros = np.zeros((1, y.shape[1], x.shape[0]), x.dtype)
    return (-_eigen_lu._gebp_sub(zeros, y.T[None], x.T[None])[0]).T


def _expm_kernel(x):
    a = _check_square(x)
    out = np.empty_like(a)
    if out.size:
        n = a.shape[-1]
        flat, dst = a.reshape(-1, n, n), out.reshape(-1, n, n)
        for j in range(flat.shape[0]):
            m = flat[j]
            if m.dtype.kind == "c":   # (Eigen's Schur-Parlett path: computed here in double)
                dst[j] = _expm_matrix(m.astype(np.complex128))
            else:
                dst[j] = _expm_matrix(m)
    return out


def _expm_bind(node, ctx):
    t = node.op._inputs[0].dtype.base_dtype
    if t is _dt.float16:   # (allowed by the op, no kernel)
        err = no_dtype_kernel(node.op, "T", t, ("DT_COMPLEX128", "DT_COMPLEX64", "DT_DOUBLE",
                                                "DT_FLOAT"))

        def fail(*_):
            raise err
        return fail
    return _expm_kernel


register_op("MatrixExponential", infer=_square_same_infer("MatrixExponential", _TYPES),
            bind=_expm_bind, grad=no_gradient_registered)


# (removed at version 13; TF's shape function for it is unknown)
register_op("BatchCholeskyGrad",
            infer=lambda inputs, attrs: [(inputs[0].dtype.base_dtype, TensorShape(None))],
            bind=_cholesky_grad_bind("BatchCholeskyGrad"), grad=no_gradient_registered)


def cholesky(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002 - TF's name
    """The lower-triangular Cholesky factors L (input = L L^H) of a batch of Hermitian
    positive-definite matrices; only the lower triangle of `input` is read (op Cholesky).

    >>> tf.Session().run(tf.cholesky([[4., 2.], [2., 2.]]))[1]
    array([1., 1.], dtype=float32)
    """
    return apply_generated("Cholesky", [("input", input)], None, name)


# -- SelfAdjointEigV2 ---------------------------------------------------------------------------
def _eig_infer(inputs, attrs):
    x = inputs[0]
    check_dtype("SelfAdjointEigV2", x, _TYPES, "input")
    dt = x.dtype.base_dtype
    r = _square_dims("SelfAdjointEigV2", x)
    if r is None:
        e = v = TensorShape(None)
    else:
        e = TensorShape(r[0] + [r[1]])
        v = TensorShape(r[0] + [r[1], r[1]])
    if not attrs.get("compute_v", True):
        v = TensorShape([0])
    return [(dt, e), (dt, v)]


def _eig_kernel(x, compute_v=True):
    a = _check_square(x)
    dt = a.dtype
    n = a.shape[-1]
    if n == 0:
        e = np.zeros(a.shape[:-1], dt)
        return e, (a.copy() if compute_v else np.zeros((0,), dt))
    if _eigen_eig.handles(a):   # Eigen's SelfAdjointEigenSolver order (eigen_eig.py)
        out = _eigen_eig.eigh(a, compute_v)
        if out is None:
            raise _invalid("Self-adjoint eigen decomposition was not successful. The input "
                           "might not be valid.")
        return out[0], (out[1] if compute_v else np.zeros((0,), dt))
    if compute_v:
        e, v = np.linalg.eigh(_up(a), UPLO="L")
        return e.astype(dt), v.astype(dt, copy=False)
    return np.linalg.eigvalsh(_up(a), UPLO="L").astype(dt), np.zeros((0,), dt)


def _eig_grad(op, grad_e, grad_v):
    """TF 1.14's _SelfAdjointEigV2Grad (its operators' names)."""
    e = op.outputs[0]
    if op._get_attr("compute_v"):
        v = op.outputs[1]
        f = matrix_set_diag(reciprocal(subtract(expand_dims(e, -2), expand_dims(e, -1),
                                                name="sub")), zeros_like(e))
        inner = add(matrix_diag(grad_e),
                    multiply(f, matmul(v, grad_v, adjoint_a=True), name="mul"), name="add")
        grad_a = matmul(v, matmul(inner, v, adjoint_b=True))
    else:
        _, v = self_adjoint_eig(op._inputs[0])
        grad_a = matmul(v, matmul(matrix_diag(grad_e), v, adjoint_b=True))
    grad_a = matrix_band_part(add(grad_a, _adjoint(grad_a), name="add"), -1, 0)
    grad_a = matrix_set_diag(grad_a, rbinary(multiply, 0.5, matrix_diag_part(grad_a), "mul"))
    return [grad_a]


register_op("SelfAdjointEigV2", infer=_eig_infer, kernel=_eig_kernel, grad=_eig_grad)


# -- SelfAdjointEig / BatchSelfAdjointEig (TF's first form, removed at GraphDef version 11):
# one [..., N+1, N] output, the eigenvalues in row 0 and the eigenvectors (columns) below,
# from V2's solver; TF 1.14 registers no gradient for either
def _eig_v1_infer(op_type, types, batch):
    def infer(inputs, attrs):
        x = inputs[0]
        check_dtype(op_type, x, types, "T")
        if not batch and x.shape.ndims not in (None, 2):
            raise ValueError(f"Shape must be rank 2 but is rank {x.shape.ndims}")
        r = None if batch else _square_dims(op_type, x)   # TF: the batch form's is unknown
        if r is None:
            return [(x.dtype.base_dtype, TensorShape(None))]
        n = r[1]
        return [(x.dtype.base_dtype, TensorShape(r[0] + [None if n is None else n + 1, n]))]
    return infer


def _eig_v1_kernel(x):
    e, v = _eig_kernel(x)
    return np.concatenate([e[..., None, :], v], axis=-2)


for _op_type, _types, _batch in (
        ("SelfAdjointEig", (_dt.float64, _dt.float32, _dt.float16), False),
        ("BatchSelfAdjointEig", (_dt.float64, _dt.float32), True)):
    register_op(_op_type, infer=_eig_v1_infer(_op_type, _types, _batch), kernel=_eig_v1_kernel,
                grad=no_gradient_registered)
del _op_type, _types, _batch


def self_adjoint_eig(tensor: TensorLike, name: str | None = None) -> tuple:
    """(e, v): the eigenvalues (ascending) and eigenvectors (columns) of a batch of
    self-adjoint matrices, reading the lower triangle (op SelfAdjointEigV2; tf.linalg.eigh)."""
    e, v = apply_generated("SelfAdjointEigV2", [("input", tensor)], {"compute_v": True}, name)
    return e, v


def self_adjoint_eigvals(tensor: TensorLike, name: str | None = None) -> Tensor:
    """The eigenvalues (ascending) of a batch of self-adjoint matrices
    (op SelfAdjointEigV2 with compute_v=False; tf.linalg.eigvalsh)."""
    e, _ = apply_generated("SelfAdjointEigV2", [("input", tensor)], {"compute_v": False},
                           name)
    return e


# -- Svd ----------------------------------------------------------------------------------------
def _svd_infer(inputs, attrs):
    x = inputs[0]
    check_dtype("Svd", x, _TYPES, "input")
    dt = x.dtype.base_dtype
    dims = _rank2("Svd", x)
    compute_uv = attrs.get("compute_uv", True)
    full = attrs.get("full_matrices", False)
    if dims is None:
        s = u = v = TensorShape(None)
    else:
        *batch, m, n = dims
        p = None if m is None or n is None else min(m, n)
        s = TensorShape(batch + [p])
        u = TensorShape(batch + [m, m if full else p])
        v = TensorShape(batch + [n, n if full else p])
    if not compute_uv:
        u = v = TensorShape([0])
    return [(dt, s), (dt, u), (dt, v)]


def _svd_kernel(x, compute_uv=True, full_matrices=False):
    a = np.asarray(x)
    if a.ndim < 2:
        raise _invalid(f"Input tensor 0 must have rank >= 2, got {a.ndim}")
    dt = a.dtype
    m, n = a.shape[-2:]
    p = min(m, n)
    empty = np.zeros((0,), dt)
    if p == 0:
        s = np.zeros(a.shape[:-2] + (0,), dt)
        if not compute_uv:
            return s, empty, empty
        ku, kv = (m, n) if full_matrices else (0, 0)
        u = np.broadcast_to(np.eye(m, ku, dtype=dt), a.shape[:-2] + (m, ku)).copy()
        v = np.broadcast_to(np.eye(n, kv, dtype=dt), a.shape[:-2] + (n, kv)).copy()
        return s, u, v
    if _eigen_svd.handles(dt, m, n) or _eigen_bdcsvd.handles(dt, m, n):
        if _eigen_svd.handles(dt, m, n):
            s, u, v = _eigen_svd.jacobi_svd(a, compute_uv, full_matrices)
        else:
            s, u, v = _eigen_bdcsvd.bdcsvd(a, compute_uv, full_matrices)
        if not compute_uv:
            return s, empty, empty
        return s, u, v
    if not compute_uv:
        return np.linalg.svd(_up(a), compute_uv=False).astype(dt), empty, empty
    u, s, vh = np.linalg.svd(_up(a), full_matrices=full_matrices)
    v = np.conj(np.swapaxes(vh, -1, -2))
    return s.astype(dt), u.astype(dt, copy=False), v.astype(dt, copy=False)


def _svd_grad(op, grad_s, grad_u, grad_v):
    """TF 1.14's _SvdGrad."""
    a = op._inputs[0]
    a_shape = a.shape.with_rank_at_least(2)
    grad_s_mat = matrix_diag(grad_s)
    if not op._get_attr("compute_uv"):
        _, u, v = apply("Svd", [a], {"compute_uv": True, "full_matrices": False}, "Svd")
        grad_a = matmul(u, matmul(grad_s_mat, v, adjoint_b=True))
        grad_a.set_shape(a_shape)
        return [grad_a]
    full_matrices = op._get_attr("full_matrices")
    grad_u, grad_v = to_tensor(grad_u), to_tensor(grad_v)  # sliced below
    if a.dtype.is_complex:
        raise NotImplementedError("SVD gradient is not implemented for complex types and "
                                  "compute_uv=True.")
    dims = a_shape.as_tuple()
    m, n = dims[-2], dims[-1]
    if m is None or n is None:
        raise NotImplementedError("SVD gradient has not been implemented for input with "
                                  "unknown inner matrix shape.")
    s, u, v = op.outputs
    use_adjoint = False
    if m > n:
        use_adjoint = True
        m, n = n, m
        u, v = v, u
        grad_u, grad_v = grad_v, grad_u
    if full_matrices and abs(m - n) > 1:
        raise NotImplementedError("svd gradient is not implemented for abs(m - n) > 1 when "
                                  "full_matrices is True")
    s_mat = matrix_diag(s)
    s2 = square(s)
    # TF adds eye before the reciprocal (the diagonal is then overwritten with zeros)
    s_shape = shape(s)
    eye_ = eye(s_shape[-1], batch_shape=s_shape[:-1], dtype=s.dtype)
    f = matrix_set_diag(reciprocal(add(subtract(expand_dims(s2, -2), expand_dims(s2, -1),
                                                name="sub"), eye_, name="add")),
                        zeros_like(s))
    s_inv_mat = matrix_diag(reciprocal(s))
    v1 = v[..., :, :m]
    grad_v1 = grad_v[..., :, :m]
    u_gu = matmul(u, grad_u, adjoint_a=True)
    v_gv = matmul(v1, grad_v1, adjoint_a=True)
    f_u = multiply(f, u_gu, name="mul")
    f_v = multiply(f, v_gv, name="mul")
    term1_nouv = add(add(grad_s_mat, matmul(add(f_u, _adjoint(f_u), name="add"), s_mat),
                         name="add"),
                     matmul(s_mat, add(f_v, _adjoint(f_v), name="add")), name="add")
    term1 = matmul(u, matmul(term1_nouv, v1, adjoint_b=True))
    if m == n:
        grad_a = term1
    else:
        gv1t = matrix_transpose(grad_v1)
        gv1t_v1 = matmul(gv1t, v1)
        term2_nous = subtract(gv1t, matmul(gv1t_v1, v1, adjoint_b=True), name="sub")
        if full_matrices:
            v2 = v[..., :, m:n]
            grad_v2 = grad_v[..., :, m:n]
            v1t_gv2 = matmul(v1, grad_v2, adjoint_a=True)
            term2_nous = subtract(term2_nous, matmul(v1t_gv2, v2, adjoint_b=True), name="sub")
        u_s_inv = matmul(u, s_inv_mat)
        grad_a = add(term1, matmul(u_s_inv, term2_nous), name="add")
    if use_adjoint:
        grad_a = matrix_transpose(grad_a)
    grad_a.set_shape(a_shape)
    return [grad_a]


register_op("Svd", infer=_svd_infer, kernel=_svd_kernel, grad=_svd_grad)


def svd(tensor: TensorLike, full_matrices: bool = False, compute_uv: bool = True,
        name: str | None = None):
    """The singular value decomposition tensor = u diag(s) v^H of a batch of matrices:
    (s, u, v), or s alone without `compute_uv` (op Svd; tf.linalg.svd).

    s is [..., P] (P = min(M, N), descending); u is [..., M, P] and v [..., N, P], or
    [..., M, M] and [..., N, N] with `full_matrices`.
    """
    s, u, v = apply_generated("Svd", [("input", tensor)], {
        "compute_uv": bool(compute_uv), "full_matrices": bool(full_matrices)}, name)
    if s.op._inputs[0].dtype.is_complex:
        s = real_part(s)  # as TF: tf.real(s), float singular values
    return (s, u, v) if compute_uv else s


# -- Lu -----------------------------------------------------------------------------------------
def _lu_infer(inputs, attrs):
    x = inputs[0]
    check_dtype("Lu", x, _TYPES, "input")
    idx = attrs.get("output_idx_type", _dt.int32)
    r = _square_dims("Lu", x)
    if r is None:
        return [(x.dtype.base_dtype, TensorShape(None)), (idx, TensorShape(None))]
    return [(x.dtype.base_dtype, TensorShape(r[0] + [r[1], r[1]])),
            (idx, TensorShape(r[0] + [r[1]]))]


def _lu_kernel(x, output_idx_type=_dt.int32):
    a = _check_square(x)
    dt = a.dtype
    n = a.shape[-1]
    batch = a.shape[:-2]
    lu_ = a.reshape((-1, n, n)).copy()
    perm = np.tile(np.arange(n), (lu_.shape[0], 1))
    rows = np.arange(lu_.shape[0])
    for k in range(n):
        piv = k + np.argmax(np.abs(lu_[:, k:, k]), axis=1)
        if np.any(lu_[rows, piv, k] == 0):
            raise _invalid("Input is not invertible.")
        swap = piv != k
        if swap.any():
            r = rows[swap]
            tmp = lu_[r, k, :].copy()
            lu_[r, k, :] = lu_[r, piv[swap], :]
            lu_[r, piv[swap], :] = tmp
            tp = perm[r, k].copy()
            perm[r, k] = perm[r, piv[swap]]
            perm[r, piv[swap]] = tp
        lu_[:, k + 1:, k] /= lu_[:, k:k + 1, k]
        lu_[:, k + 1:, k + 1:] -= lu_[:, k + 1:, k:k + 1] * lu_[:, k:k + 1, k + 1:]
    idx = _dt.as_dtype(output_idx_type).as_numpy_dtype
    return lu_.reshape(a.shape).astype(dt, copy=False), perm.reshape(batch + (n,)).astype(idx)


# no gradient (tf.gradients raises LookupError), as TF 1.14
register_op("Lu", infer=_lu_infer, kernel=_lu_kernel, bind=_cpu_kernel(_lu_kernel, _HALF),
            grad=no_gradient_registered)

_LuOutput = namedtuple("Lu", ["lu", "p"])


def lu(input: TensorLike, output_idx_type=_dt.int32,  # noqa: A002 - TF's name
       name: str | None = None) -> tuple:
    """(lu, p): the LU decomposition with partial pivoting of a batch of square matrices:
    input[..., p, :] = L U with L unit lower triangular and U upper triangular, both packed
    in `lu` (op Lu; no gradient, as TF 1.14)."""
    idx = _dt.as_dtype(output_idx_type).base_dtype
    if idx not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'output_idx_type' has DataType {idx.name} "
                        "not in list of allowed values: int32, int64")
    out = apply("Lu", [to_tensor(input, name="input")], {"output_idx_type": idx}, name or "Lu")
    return _LuOutput(*out)


# -- MatrixSquareRoot / MatrixLogarithm --------------------------------------------------------
def _eig_function(a, fn, real_out):
    """fn applied to a batch of diagonalizable matrices through eig: V fn(D) V^-1."""
    w, v = np.linalg.eig(a)
    fw = fn(w)
    out = np.matmul(v * fw[..., None, :], np.linalg.inv(v))
    if real_out:
        bad = np.any(np.abs(out.imag) > 1e-6 * (1 + np.abs(out.real)), axis=(-1, -2))
        out = out.real.copy()
        out[bad] = np.nan
    return out


def _sqrtm_kernel(x):
    a = _check_square(x)
    dt = a.dtype
    if a.shape[-1] == 0:
        return a.copy()
    with np.errstate(all="ignore"):
        if dt.kind == "c":
            out = _eig_function(a.astype(np.complex128), np.sqrt, False)
        else:
            w = np.linalg.eigvals(a.astype(np.float64))
            # a real square root exists only without eigenvalues on the closed negative axis
            bad = np.any((np.abs(w.imag) <= 1e-12) & (w.real <= 0), axis=-1)
            out = _eig_function(a.astype(np.float64), np.sqrt, True)
            out[bad] = np.nan
    return out.astype(dt)


def _sqrtm_grad(op, grad):
    """TF 1.14: solve the Sylvester equation R dR + dR R = dA through Kronecker products."""
    sqrtm = op.outputs[0]
    shp = shape(sqrtm)
    order = shp[-1]
    matrix_count = reduce_prod(shp[0:-2])
    # an identity matrix for each matrix of the batch, as TF tiles it
    eye_flat = reshape(eye(order, dtype=sqrtm.dtype), [-1])
    eye_batch = reshape(tile(eye_flat, [matrix_count]), shp)

    def kron(b1, b2):
        b1_shape = shape(b1)
        b2_shape = shape(b2)
        b1_order = b1_shape[-1]
        b2_order = b2_shape[-1]
        slice_size = [subtract(size(b1_shape), 2)]
        batch = _slice(b1_shape, [0], slice_size)
        b1_shape_r = concat([batch, [b1_order], [1], [b1_order], [1]], 0)
        b2_shape_r = concat([batch, [1], [b2_order], [1], [b2_order]], 0)
        b1r = reshape(b1, b1_shape_r)
        b2r = reshape(b2, b2_shape_r)
        prod = multiply(b1_order, b2_order, name="mul")
        kprod_shape = concat([batch, [prod], [prod]], 0)
        return reshape(multiply(b1r, b2r, name="mul"), kprod_shape)

    sqrtm_transpose = matrix_transpose(sqrtm)
    k1 = kron(eye_batch, sqrtm_transpose)
    k2 = kron(sqrtm, eye_batch)
    ksum = add(k1, k2)
    slice_size = [subtract(size(shp), 2)]
    batch = _slice(shp, [0], slice_size)
    shape_vec_da = concat([batch, [multiply(order, order, name="mul")], [1]], 0)
    vec_da = reshape(matrix_transpose(grad), shape_vec_da)
    # MatrixSolve is registered by linalg_solve.py (which imports this module)
    vec_dsqrtm = apply("MatrixSolve", [ksum, vec_da], {"adjoint": False}, "MatrixSolve")
    return [matrix_transpose(reshape(vec_dsqrtm, shp))]


register_op("MatrixSquareRoot", infer=_square_same_infer("MatrixSquareRoot", _TYPES),
            kernel=_sqrtm_kernel, bind=_cpu_kernel(_sqrtm_kernel, _HALF), grad=_sqrtm_grad)


def matrix_square_root(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """The principal square roots of a batch of square matrices (op MatrixSquareRoot;
    tf.linalg.sqrtm). A real matrix with an eigenvalue on the closed negative real axis
    has no real principal root: NaN, as TF."""
    return apply("MatrixSquareRoot", [to_tensor(input, name="input")], None,
                 name or "MatrixSquareRoot")


_LOGM_TYPES = (_dt.complex64, _dt.complex128)


def _logm_kernel(x):
    a = _check_square(x)
    if a.shape[-1] == 0:
        return a.copy()
    with np.errstate(all="ignore"):
        out = _eig_function(a.astype(np.complex128), np.log, False)
    return out.astype(a.dtype)


register_op("MatrixLogarithm", infer=_square_same_infer("MatrixLogarithm", _LOGM_TYPES),
            kernel=_logm_kernel, grad=no_gradient_registered)  # LookupError, as TF 1.14


def matrix_logarithm(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """The principal logarithms of a batch of complex square matrices (op MatrixLogarithm;
    tf.linalg.logm; no gradient, as TF 1.14)."""
    return apply("MatrixLogarithm", [to_tensor(input, name="input")], None,
                 name or "MatrixLogarithm")
