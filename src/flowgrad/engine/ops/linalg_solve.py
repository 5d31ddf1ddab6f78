"""Linear solvers and products: MatrixSolve, MatrixSolveLs, TridiagonalSolve,
TridiagonalMatMul, Cross (op types as TF 1.14), with TF 1.14's gradients built
from ops. `cholesky_solve` and `regularized_gramian_cholesky` are TF's Python
compositions (two MatrixTriangularSolves; MatMul + Cholesky), used by the
gradient of MatrixSolveLs and by tf.linalg's lstsq.
"""
from __future__ import annotations

__all__ = ["matrix_solve", "matrix_solve_ls_op", "cholesky_solve",
           "regularized_gramian_cholesky", "cross", "tridiagonal_solve_op",
           "tridiagonal_mat_mul"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from . import eigen_cod as _eigen_cod
from . import eigen_lu as _eigen_lu
from ._array_util import TensorLike, _invalid, merge_shapes
from ._base import apply, check_dtype, same_type_inputs, to_tensor
from .cast import cast
from .construction import zeros
from .elementwise import _py_op, add, conj, multiply, negative, subtract
from .joining import concat, pad, stack
from .linalg import matmul, matrix_transpose
from .linalg_decomp import _TYPES, _HALF, _rank2, cholesky
from .matrix import (_cpu_kernel, _merge_dim, eye, matrix_solve_shape,
                     matrix_triangular_solve)
from .reductions import reduce_sum
from .shape import expand_dims, rank, shape

# -- MatrixSolve --------------------------------------------------------------------------------


def _pair_dtype(op_type, a, b, names=("matrix", "rhs")):
    check_dtype(op_type, a, _TYPES, names[0])
    if a.dtype.base_dtype is not b.dtype.base_dtype:
        raise TypeError(f"Input '{names[1]}' of '{op_type}' Op has type {b.dtype.name} that "
                        f"does not match type {a.dtype.name} of argument '{names[0]}'.")


def _solve_infer(inputs, attrs):
    a, b = inputs
    _pair_dtype("MatrixSolve", a, b)
    return [(b.dtype.base_dtype, matrix_solve_shape(a.shape, b.shape, square=True))]


def _solver_checks(a, b, square=True):
    if a.ndim < 2:
        raise _invalid(f"Input tensor 0 must have rank >= 2, got {a.ndim}")
    if b.ndim != a.ndim:
        raise _invalid("All input tensors must have the same rank.")
    if a.shape[:-2] != b.shape[:-2]:
        raise _invalid("All input tensors must have the same outer dimensions.")
    if square and a.shape[-1] != a.shape[-2]:
        raise _invalid("Input matrix must be square.")
    if a.shape[-2] != b.shape[-2]:
        raise _invalid("Input matrix and RHS are incompatible." if square else
                       "Input matrix and RHS must have the same number of rows.")


def _solve_kernel(a, b, adjoint=False):
    a = np.asarray(a)
    b = np.asarray(b)
    _solver_checks(a, b)
    if a.shape[-1] == 0 or b.shape[-1] == 0:
        return np.zeros(b.shape, b.dtype)
    if adjoint:   # TF factors the adjoint
        a = np.conj(np.swapaxes(a, -1, -2))
    if b.dtype == a.dtype and _eigen_lu.handles(a):
        out = _eigen_lu.solve(a, b)   # Eigen's PartialPivLU order (eigen_lu.py)
        if out is None:
            raise _invalid("Input matrix is not invertible.")
        return out
    # TF's LU check: an exactly zero pivot
    try:
        out = np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        raise _invalid("Input matrix is not invertible.") from None
    return out.astype(b.dtype, copy=False)


def _solve_grad(op, grad):
    """TF 1.14: db = solve(A^H, grad); dA = -db c^H (-c db^H with adjoint)."""
    a = op._inputs[0]
    adj = op._get_attr("adjoint")
    c = op.outputs[0]
    grad_b = matrix_solve(a, grad, adjoint=not adj)
    if adj:
        grad_a = negative(matmul(c, grad_b, adjoint_b=True))
    else:
        grad_a = negative(matmul(grad_b, c, adjoint_b=True))
    return [grad_a, grad_b]


register_op("MatrixSolve", infer=_solve_infer, kernel=_solve_kernel,
            bind=_cpu_kernel(_solve_kernel, _HALF), grad=_solve_grad)


def matrix_solve(matrix: TensorLike, rhs: TensorLike, adjoint: bool = False,
                 name: str | None = None) -> Tensor:
    """x with matrix @ x = rhs (or adjoint(matrix) @ x = rhs) for a batch of square
    systems (op MatrixSolve; tf.linalg.solve). A singular matrix raises
    InvalidArgumentError."""
    a = to_tensor(matrix, name="matrix")
    b = to_tensor(rhs, dtype=a.dtype.base_dtype if not isinstance(rhs, Tensor) else None,
                  name="rhs")
    return apply("MatrixSolve", [a, b], {"adjoint": bool(adjoint)}, name or "MatrixSolve")


# -- cholesky_solve and the regularized Gramian ---------------------------------------------------
def cholesky_solve(chol: TensorLike, rhs: TensorLike, name: str | None = None) -> Tensor:
    """x with A x = rhs given chol = cholesky(A) (its lower triangle): two
    MatrixTriangularSolves under the scope `cholesky_solve`, as TF 1.14."""
    with name_scope(name, "cholesky_solve", [chol, rhs]):
        y = matrix_triangular_solve(chol, rhs, adjoint=False, lower=True)
        return matrix_triangular_solve(chol, y, adjoint=True, lower=True)


def regularized_gramian_cholesky(matrix: Tensor, l2_regularizer, first_kind: bool) -> Tensor:
    """TF's _RegularizedGramianCholesky: cholesky(A^H A + l2 I) (first kind) or
    cholesky(A A^H + l2 I)."""
    gramian = matmul(matrix, matrix, adjoint_a=first_kind, adjoint_b=not first_kind)
    if isinstance(l2_regularizer, Tensor) or l2_regularizer != 0:
        # TF: eye(shape(matrix)[-1 or -2], batch_shape=shape(matrix)[:-2]) with the static
        # shape set, then `gramian += l2_regularizer * identity` (ops mul/x, mul, add)
        matrix_shape = shape(matrix)
        batch_shape = matrix_shape[:-2]
        small_dim = matrix_shape[-1] if first_kind else matrix_shape[-2]
        identity = eye(small_dim, batch_shape=batch_shape, dtype=matrix.dtype.base_dtype)
        static = matrix.shape[-1 if first_kind else -2]
        identity.set_shape(matrix.shape[:-2].concatenate([static, static]))
        gramian = _py_op(add, "add", gramian, _py_op(multiply, "mul", l2_regularizer, identity))
    return cholesky(gramian)


# -- MatrixSolveLs ------------------------------------------------------------------------------
def _solve_ls_infer(inputs, attrs):
    a, b, l2 = inputs
    _pair_dtype("MatrixSolveLs", a, b)
    if l2.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {l2.shape.ndims}")
    return [(b.dtype.base_dtype, matrix_solve_shape(a.shape, b.shape, square=False))]


def _solve_ls_kernel(a, b, l2, fast=True):
    a = np.asarray(a)
    b = np.asarray(b)
    _solver_checks(a, b, square=False)
    dt = b.dtype
    m, n = a.shape[-2:]
    if m == 0 or n == 0 or b.shape[-1] == 0:
        return np.zeros(a.shape[:-2] + (n, b.shape[-1]), dt)
    lam = float(l2)
    ah = np.conj(np.swapaxes(a, -1, -2))
    if fast:
        try:
            if m >= n:
                g = ah @ a + lam * np.eye(n)
                c = np.linalg.cholesky(g)
                out = _chol_solve(c, ah @ b)
            else:
                g = a @ ah + lam * np.eye(m)
                c = np.linalg.cholesky(g)
                out = ah @ _chol_solve(c, b)
        except np.linalg.LinAlgError:
            raise _invalid("Input matrix was rank deficient or ill-conditioned.") from None
        return out.astype(dt, copy=False)
    # the complete orthogonal decomposition: the minimum-norm least-squares solution
    # (l2_regularizer is ignored without fast, as TF ignores it)
    if a.dtype == dt and dt in (np.float32, np.float64):
        batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
        flat = [np.broadcast_to(x, batch + x.shape[-2:]).reshape((-1,) + x.shape[-2:])
                for x in (a, b)]
        out = _eigen_cod.solve(*flat)     # Eigen's order (eigen_cod.py), None beyond it
        if out is not None:
            return out.reshape(batch + out.shape[-2:])
    out = np.linalg.pinv(a) @ b
    return out.astype(dt, copy=False)


def _chol_solve(c, b):
    y = np.linalg.solve(c, b)
    return np.linalg.solve(np.conj(np.swapaxes(c, -1, -2)), y)


def _solve_ls_grad(op, grad):
    """TF 1.14's _MatrixSolveLsGrad (fast=True only)."""
    a, b = op._inputs[0], op._inputs[1]
    l2 = cast(op._inputs[2], a.dtype.base_dtype)
    if op._get_attr("fast") is False:
        raise ValueError("Gradient not defined for fast=False")
    dims = a.shape[-2:].as_tuple() if a.shape.ndims is not None else (None, None)
    if None in dims:
        raise NotImplementedError("the MatrixSolveLs gradient for an unknown matrix shape "
                                  "(TF builds a cond) is not implemented")
    if dims[0] >= dims[1]:
        x = op.outputs[0]
        chol = regularized_gramian_cholesky(a, l2, first_kind=True)
        z = cholesky_solve(chol, grad)
        xzt = matmul(x, z, adjoint_b=True)
        zx_sym = add(xzt, matrix_transpose(xzt))
        grad_a = add(negative(matmul(a, zx_sym)), matmul(b, z, adjoint_b=True))
        return [grad_a, matmul(a, z), None]
    chol = regularized_gramian_cholesky(a, l2, first_kind=False)
    grad_b = cholesky_solve(chol, matmul(a, grad))
    tmp = cholesky_solve(chol, b)
    a1 = matmul(tmp, a, adjoint_a=True)
    a1 = negative(matmul(grad_b, a1))
    a2 = subtract(grad, matmul(a, grad_b, adjoint_a=True))
    a2 = matmul(tmp, a2, adjoint_b=True)
    return [add(a1, a2), grad_b, None]


register_op("MatrixSolveLs", infer=_solve_ls_infer, kernel=_solve_ls_kernel,
            bind=_cpu_kernel(_solve_ls_kernel, _HALF), grad=_solve_ls_grad)


def matrix_solve_ls_op(matrix: Tensor, rhs: Tensor, l2_regularizer, fast: bool = True,
                       name: str | None = None) -> Tensor:
    """The MatrixSolveLs op itself (l2_regularizer a float64 scalar)."""
    with name_scope(name, "MatrixSolveLs", []) as scope:
        if isinstance(l2_regularizer, Tensor) and \
                l2_regularizer.dtype.base_dtype is not _dt.float64:   # (op_def_library's)
            raise TypeError("Input 'l2_regularizer' of 'MatrixSolveLs' Op has type "
                            f"{l2_regularizer.dtype.base_dtype.name} that does not match "
                            "expected type of float64.")
        l2 = to_tensor(l2_regularizer, dtype=_dt.float64, name="l2_regularizer")
        return apply("MatrixSolveLs", [matrix, rhs, l2], {"fast": bool(fast)}, scope)


# -- Cross --------------------------------------------------------------------------------------
_CROSS_TYPES = (_dt.float32, _dt.float64, _dt.int32, _dt.uint8, _dt.int16, _dt.int8,
                _dt.int64, _dt.bfloat16, _dt.uint16, _dt.float16, _dt.uint32, _dt.uint64)


def _cross_infer(inputs, attrs):
    a, b = inputs
    sa, sb = a.shape, b.shape
    for t in (sa, sb):   # TF: both of rank >= 1, merged, the last dim 3
        if t.ndims == 0:
            raise ValueError("Shape must be at least rank 1 but is rank 0")
    s = merge_shapes(sa, sb)
    if s.ndims is not None:
        last = s.as_tuple()[-1]
        if last is not None and last != 3:
            raise ValueError(f"Dimension must be 3 but is {last}")
    return [(a.dtype.base_dtype, s)]


def _fmt(s):
    return "[" + ",".join("?" if d is None else str(d) for d in s.as_tuple()) + "]"


def cross_checks(a, b):
    """TF's Cross kernel checks of its inputs (NumPy arrays)."""
    if a.shape != b.shape:
        raise _invalid("Both inputs must be of same shape: "
                       f"{list(a.shape)} vs. {list(b.shape)}")
    if a.ndim < 1:
        raise _invalid("Input must be at least 1D[]")
    if a.shape[-1] != 3:
        raise _invalid(f"Dimension 0 in both shapes must be equal to 3: {list(a.shape)}")


def _cross_kernel(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    cross_checks(a, b)
    return np.cross(a, b).astype(a.dtype, copy=False)


register_op("Cross", infer=_cross_infer, kernel=_cross_kernel,
            grad=lambda op, grad: [cross(op._inputs[1], grad), cross(grad, op._inputs[0])])


def cross(a: TensorLike, b: TensorLike, name: str | None = None) -> Tensor:
    """The cross products of the 3-vectors along the last dimension (op Cross)."""
    x, y = same_type_inputs("Cross", [a, b], ["a", "b"], allowed=_CROSS_TYPES)
    return apply("Cross", [x, y], None, name or "Cross")


# -- TridiagonalSolve / TridiagonalMatMul -------------------------------------------------------
_TRI_TYPES = (_dt.float64, _dt.float32, _dt.complex64, _dt.complex128)


def _tri_solve_infer(inputs, attrs):
    d, b = inputs
    _pair_dtype("TridiagonalSolve", d, b, ("diagonals", "rhs"))
    check_dtype("TridiagonalSolve", d, _TRI_TYPES, "diagonals")
    dd = _rank2("TridiagonalSolve", d)
    bd = _rank2("TridiagonalSolve", b)
    if dd is not None and dd[-2] is not None and dd[-2] != 3:
        raise ValueError(f"Dimension must be 3 but is {dd[-2]} for 'TridiagonalSolve'")
    if dd is not None and bd is not None:
        _merge_dim(dd[-1], bd[-2])
    return [(b.dtype.base_dtype, b.shape)]


def _tri_solve_kernel(d, b, partial_pivoting=True):
    d = np.asarray(d)
    b = np.asarray(b)
    if d.ndim < 2 or b.ndim != d.ndim or d.shape[:-2] != b.shape[:-2]:
        raise _invalid("Expected diagonals and rhs to have the same batch shape, got "
                       f"{list(d.shape)} and {list(b.shape)}")
    if d.shape[-2] != 3:
        raise _invalid(f"Expected 3 diagonals got {d.shape[-2]}")
    m = d.shape[-1]
    if b.shape[-2] != m:
        raise _invalid(f"Expected {m} rows in rhs, got {b.shape[-2]}")
    if m == 0 or b.shape[-1] == 0:
        return np.zeros(b.shape, b.dtype)
    full = np.zeros(d.shape[:-2] + (m, m), d.dtype)
    i = np.arange(m)
    full[..., i, i] = d[..., 1, :]
    full[..., i[:-1], i[1:]] = d[..., 0, :-1]
    full[..., i[1:], i[:-1]] = d[..., 2, 1:]
    if not partial_pivoting:
        # the Thomas algorithm: a zero pivot is an error
        return _thomas(d, b)
    try:
        out = np.linalg.solve(full, b)
    except np.linalg.LinAlgError:
        raise _invalid("The matrix is not invertible: one of the diagonal elements "
                       "of U is zero.") from None
    return out.astype(b.dtype, copy=False)


def _thomas(d, b):
    sup, main, sub = d[..., 0, :], d[..., 1, :], d[..., 2, :]
    m = main.shape[-1]
    c = np.zeros_like(main)
    x = np.array(b, dtype=b.dtype, copy=True)
    denom = main[..., 0].copy()
    if np.any(denom == 0):
        raise _invalid("The matrix is not invertible: one of the diagonal elements of U is "
                       "zero.")
    c[..., 0] = sup[..., 0] / denom
    x[..., 0, :] /= denom[..., None]
    for k in range(1, m):
        denom = main[..., k] - sub[..., k] * c[..., k - 1]
        if np.any(denom == 0):
            raise _invalid("The matrix is not invertible: one of the diagonal elements of U "
                           "is zero.")
        c[..., k] = sup[..., k] / denom
        x[..., k, :] = (x[..., k, :] - sub[..., k, None] * x[..., k - 1, :]) / denom[..., None]
    for k in range(m - 2, -1, -1):
        x[..., k, :] -= c[..., k, None] * x[..., k + 1, :]
    return x


def _transpose_tridiagonal(diags):
    """TF's _TransposeTridiagonalMatrix (static shapes: concat with zeros)."""
    diag = diags[..., 1, :]
    if diags.shape.is_fully_defined():
        zs = zeros(list(diags.shape.as_tuple()[:-2]) + [1], dtype=diags.dtype)
        superdiag = concat((diags[..., 2, 1:], zs), axis=-1)
        subdiag = concat((zs, diags[..., 0, :-1]), axis=-1)
    else:
        zs = zeros(stack([subtract(rank(diags), 2), 2]), dtype=_dt.int32)
        superdiag = pad(diags[..., 2, 1:], concat((zs, [[0, 1]]), axis=0))
        subdiag = pad(diags[..., 0, :-1], concat((zs, [[1, 0]]), axis=0))
    return stack([superdiag, diag, subdiag], axis=-2)


def _matmul_three_diagonals(x, y_tr):
    """TF's _MatmulExtractingThreeDiagonals: the three diagonals of x @ y_tr^T."""
    diag = reduce_sum(multiply(x, y_tr), axis=-1)
    if y_tr.shape.is_fully_defined():
        zs = zeros(list(x.shape.as_tuple()[:-2]) + [1, x.shape.as_tuple()[-1]], dtype=x.dtype)
        superdiag = reduce_sum(multiply(x, concat((y_tr[..., 1:, :], zs), axis=-2)), axis=-1)
        subdiag = reduce_sum(multiply(x, concat((zs, y_tr[..., :-1, :]), axis=-2)), axis=-1)
    else:
        zs = zeros(stack([subtract(rank(y_tr), 2), 2]), dtype=_dt.int32)
        superdiag = reduce_sum(multiply(x, pad(y_tr[..., 1:, :],
                                               concat((zs, [[0, 1], [0, 0]]), axis=0))),
                               axis=-1)
        subdiag = reduce_sum(multiply(x, pad(y_tr[..., :-1, :],
                                             concat((zs, [[1, 0], [0, 0]]), axis=0))),
                             axis=-1)
    return stack([superdiag, diag, subdiag], axis=-2)


def _tri_solve_grad(op, grad):
    """TF 1.14's _TridiagonalSolveGrad."""
    diags = op._inputs[0]
    x = op.outputs[0]
    grad_rhs = tridiagonal_solve_op(_transpose_tridiagonal(diags), grad,
                                    op._get_attr("partial_pivoting"))
    grad_diags = negative(_matmul_three_diagonals(grad_rhs, x))
    return [grad_diags, grad_rhs]


register_op("TridiagonalSolve", infer=_tri_solve_infer, kernel=_tri_solve_kernel,
            grad=_tri_solve_grad)


def tridiagonal_solve_op(diagonals: Tensor, rhs: Tensor, partial_pivoting: bool = True,
                         name: str | None = None) -> Tensor:
    """The TridiagonalSolve op: diagonals [..., 3, M] (super, main, sub), rhs [..., M, K]."""
    return apply("TridiagonalSolve", [diagonals, rhs],
                 {"partial_pivoting": bool(partial_pivoting)}, name or "TridiagonalSolve")


def _tri_mm_infer(inputs, attrs):
    sup, main, sub, b = inputs
    for t, n in ((main, "maindiag"), (sub, "subdiag"), (b, "rhs")):
        _pair_dtype("TridiagonalMatMul", sup, t, ("superdiag", n))
    check_dtype("TridiagonalMatMul", sup, _TRI_TYPES, "superdiag")
    bd = _rank2("TridiagonalMatMul", b)
    for t in (sup, main, sub):
        td = _rank2("TridiagonalMatMul", t)
        if td is not None and td[-2] is not None and td[-2] != 1:
            raise ValueError(f"Dimension must be 1 but is {td[-2]} for 'TridiagonalMatMul'")
        if td is not None and bd is not None:
            _merge_dim(td[-1], bd[-2])
    return [(b.dtype.base_dtype, b.shape)]


def _tri_mm_kernel(sup, main, sub, b):
    b = np.asarray(b)
    sup, main, sub = (np.asarray(t)[..., 0, :] for t in (sup, main, sub))
    m = b.shape[-2]
    for t in (sup, main, sub):
        if t.shape[-1] != m:
            raise _invalid(f"Expected diagonals of length {m}, got {t.shape[-1]}")
    out = main[..., :, None] * b
    if m > 1:
        out[..., :-1, :] += sup[..., :-1, None] * b[..., 1:, :]
        out[..., 1:, :] += sub[..., 1:, None] * b[..., :-1, :]
    return out.astype(b.dtype, copy=False)


def _shift(x, left):
    """TF's _LeftShift / _RightShift on the next-to-last dimension (zero filled)."""
    zs = zeros(stack([subtract(rank(x), 2), 2]), dtype=_dt.int32)
    if left:
        return pad(x[..., 1:, :], concat([zs, [[0, 1], [0, 0]]], axis=0))
    return pad(x[..., :-1, :], concat([zs, [[1, 0], [0, 0]]], axis=0))


def _tri_mm_grad(op, grad):
    """TF 1.14's _TridiagonalMatMulGrad."""
    sup_c = matrix_transpose(op._inputs[0], conjugate=True)
    main_c = matrix_transpose(op._inputs[1], conjugate=True)
    sub_c = matrix_transpose(op._inputs[2], conjugate=True)
    rhs_c = conj(op._inputs[3])
    sup_g = reduce_sum(multiply(_shift(rhs_c, True), grad), axis=-1)
    main_g = reduce_sum(multiply(rhs_c, grad), axis=-1)
    sub_g = reduce_sum(multiply(_shift(rhs_c, False), grad), axis=-1)
    rhs_g = add(add(_shift(multiply(sup_c, grad), False), multiply(main_c, grad)),
                _shift(multiply(sub_c, grad), True))
    return [expand_dims(sup_g, -2), expand_dims(main_g, -2), expand_dims(sub_g, -2), rhs_g]


register_op("TridiagonalMatMul", infer=_tri_mm_infer, kernel=_tri_mm_kernel,
            grad=_tri_mm_grad)


def tridiagonal_mat_mul(superdiag: Tensor, maindiag: Tensor, subdiag: Tensor, rhs: Tensor,
                        name: str | None = None) -> Tensor:
    """The TridiagonalMatMul op: the diagonals [..., 1, M] each times rhs [..., M, N]."""
    return apply("TridiagonalMatMul", [superdiag, maindiag, subdiag, rhs], None,
                 name or "TridiagonalMatMul")
