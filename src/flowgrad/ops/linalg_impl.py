"""TF 1.14's linear-algebra functions beyond the matrix products: cholesky, cholesky_solve,
matrix_solve, matrix_solve_ls (lstsq), self_adjoint_eig (eigh), svd, logdet, sqrtm, logm,
lu, cross, tridiagonal_matmul and tridiagonal_solve.

The ops and their gradients are in engine/ops/linalg_decomp.py and linalg_solve.py; the
compositions here build the ops TF 1.14's Python builds (tensorflow/python/ops/linalg_ops.py
and linalg/linalg_impl.py), with its names.
"""
from __future__ import annotations

__all__ = ["cholesky", "cholesky_solve", "matrix_solve", "matrix_solve_ls",
           "self_adjoint_eig", "self_adjoint_eigvals", "svd", "cross",
           "matrix_square_root", "matrix_exponential", "logdet", "logm", "lu",
           "tridiagonal_matmul", "tridiagonal_solve"]

import numpy as np

from . import array_ops, math_ops
from .control_flow_ops import cond, while_loop
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from ..engine.ops.linalg_decomp import (cholesky, lu, matrix_logarithm,  # noqa: F401
                                        matrix_square_root, self_adjoint_eig,
                                        self_adjoint_eigvals, svd)
from ..engine.ops.linalg_solve import (cholesky_solve, cross, matrix_solve,  # noqa: F401
                                       matrix_solve_ls_op, regularized_gramian_cholesky,
                                       tridiagonal_mat_mul, tridiagonal_solve_op)
from ..engine.ops.elementwise import conj, log
from ..engine.ops.fft import complex_abs, real_part
from ..engine.ops.indexing import gather_nd
from ..engine.ops.joining import pad, stack
from ..engine.ops.linalg import matmul, matrix_transpose
from ..engine.ops.matrix import matrix_diag, matrix_diag_part
from ..engine.ops.reductions import reduce_sum
from ..engine.ops.shape import expand_dims, squeeze, transpose

logm = matrix_logarithm


def matrix_solve_ls(matrix, rhs, l2_regularizer=0.0, fast=True, name=None):
    """The least-squares solutions of matrix @ x = rhs ([..., M, N], [..., M, K] -> [..., N, K])
    with an optional L2 penalty (tf.linalg.lstsq).

    With `fast` (and a matrix small enough, as TF decides) it builds TF's Cholesky solve of
    the normal equations: MatMul, Cholesky, MatMul and cholesky_solve under
    `matrix_solve_ls`; otherwise the MatrixSolveLs op.
    """
    matrix = convert_to_tensor(matrix, name="matrix")
    if matrix.dtype.base_dtype is _dt.complex128 and \
            (isinstance(l2_regularizer, Tensor) or l2_regularizer != 0):
        raise NotImplementedError("matrix_solve_ls is currently disabled for complex128 and "
                                  "l2_regularizer != 0 due to poor accuracy.")
    tshape = matrix.shape
    if _use_composite(fast, tshape, matrix.dtype):
        with name_scope(name, "matrix_solve_ls", [matrix, rhs, l2_regularizer]):
            rhs = convert_to_tensor(rhs, name="rhs")

            def over():
                chol = regularized_gramian_cholesky(matrix, l2_regularizer, first_kind=True)
                return cholesky_solve(chol, matmul(matrix, rhs, adjoint_a=True))

            def under():
                chol = regularized_gramian_cholesky(matrix, l2_regularizer, first_kind=False)
                return matmul(matrix, cholesky_solve(chol, rhs), adjoint_a=True)
            ms = tshape[-2:] if tshape.ndims is not None else None
            if ms is not None and ms.is_fully_defined():
                m, n = ms.as_tuple()
                return over() if m >= n else under()
            dims = array_ops.shape(matrix)[-2:]
            return cond(dims[-2] >= dims[-1], over, under)
    rhs = convert_to_tensor(rhs, name="rhs")
    return matrix_solve_ls_op(matrix, rhs, l2_regularizer, fast=fast, name=name)


def _use_composite(fast, tshape, dtype):
    """TF's _use_composite_impl: the Cholesky composition unless fast is False or the
    matrix is large and batch-bound."""
    if fast is False:
        return False
    if not tshape.is_fully_defined():
        return True
    dims = tshape.as_tuple()
    batch = int(np.prod(dims[:-2], dtype=np.int64))
    tensor_size = int(np.prod(dims, dtype=np.int64)) * dtype.size
    return not (tensor_size > 256000 and batch > min(dims[-2:]))


def logdet(matrix, name=None):
    """log(det(matrix)) of Hermitian positive-definite matrices through their Cholesky
    factors: 2 * sum(log(diag(chol))) under the scope `logdet` (tf.linalg.logdet)."""
    with name_scope(name, "logdet", [matrix]):
        matrix = convert_to_tensor(matrix, name="matrix")
        chol = cholesky(matrix)
        d = matrix_diag_part(chol)
        if d.dtype.is_complex:
            d = real_part(d)
        return 2.0 * reduce_sum(log(d), axis=[-1])  # TF's `*`: op mul


def tridiagonal_matmul(diagonals, rhs, diagonals_format="compact", name=None):
    """The product of tridiagonal matrices and rhs ([..., M, N]); `diagonals` as in
    tridiagonal_solve ('compact' [..., 3, M], 'sequence' of three [..., M], or 'matrix')."""
    if diagonals_format == "compact":
        diagonals = convert_to_tensor(diagonals, name="diagonals")
        superdiag = diagonals[..., 0, :]
        maindiag = diagonals[..., 1, :]
        subdiag = diagonals[..., 2, :]
    elif diagonals_format == "sequence":
        superdiag, maindiag, subdiag = diagonals
    elif diagonals_format == "matrix":
        diagonals = convert_to_tensor(diagonals, name="diagonals")
        m1 = diagonals.shape.as_tuple()[-1] if diagonals.shape.ndims else None
        m2 = diagonals.shape.as_tuple()[-2] if diagonals.shape.ndims else None
        if not m1 or not m2:
            raise ValueError("The size of the matrix needs to be known for "
                             'diagonals_format="matrix"')
        if m1 != m2:
            raise ValueError("Expected last two dimensions of diagonals to be same, got "
                             f"{m1} and {m2}")
        maindiag = matrix_diag_part(diagonals)
        diagonals = transpose(diagonals)
        dummy = [0, 0]
        sup_idx = [[i + 1, i] for i in range(0, m1 - 1)] + [dummy]
        sub_idx = [dummy] + [[i - 1, i] for i in range(1, m1)]
        superdiag = transpose(gather_nd(diagonals, sup_idx))
        subdiag = transpose(gather_nd(diagonals, sub_idx))
    else:
        raise ValueError(f"Unrecognized diagonals_format: {diagonals_format}")
    superdiag = expand_dims(superdiag, -2)
    maindiag = expand_dims(maindiag, -2)
    subdiag = expand_dims(subdiag, -2)
    rhs = convert_to_tensor(rhs, name="rhs")
    return tridiagonal_mat_mul(superdiag, maindiag, subdiag, rhs, name)


def tridiagonal_solve(diagonals, rhs, diagonals_format="compact", transpose_rhs=False,
                      conjugate_rhs=False, name=None, partial_pivoting=True):
    """x with A x = rhs for tridiagonal A given by its diagonals ('compact': [..., 3, M] as
    (super, main, sub), the superdiagonal's last and the subdiagonal's first entries
    ignored; 'sequence': three [..., M] or [..., M-1] tensors; 'matrix': [..., M, M])."""
    if diagonals_format == "compact":
        return _tri_compact(convert_to_tensor(diagonals, name="diagonals"), rhs, transpose_rhs,
                            conjugate_rhs, partial_pivoting, name)
    if diagonals_format == "sequence":
        if not isinstance(diagonals, (tuple, list)) or len(diagonals) != 3:
            raise ValueError("Expected diagonals to be a sequence of length 3.")
        superdiag, maindiag, subdiag = (convert_to_tensor(d) for d in diagonals)
        if not subdiag.shape[:-1].is_compatible_with(maindiag.shape[:-1]) or \
                not superdiag.shape[:-1].is_compatible_with(maindiag.shape[:-1]):
            raise ValueError("Tensors representing the three diagonals must have the same "
                             "shape,except for the last dimension, got "
                             f"{subdiag.shape}, {maindiag.shape}, {superdiag.shape}")
        m = maindiag.shape.as_tuple()[-1]

        def pad_if_necessary(t, what, last):
            n = t.shape.as_tuple()[-1]
            if not n or n == m:
                return t
            if n == m - 1:
                return pad(t, [[0, 0] for _ in range(t.shape.ndims - 1)] + [last])
            raise ValueError(f"Expected {what} to be have length {m} or {m - 1}, got {n}.")
        subdiag = pad_if_necessary(subdiag, "subdiagonal", [1, 0])
        superdiag = pad_if_necessary(superdiag, "superdiagonal", [0, 1])
        diags = stack((superdiag, maindiag, subdiag), axis=-2)
        return _tri_compact(diags, rhs, transpose_rhs, conjugate_rhs, partial_pivoting, name)
    if diagonals_format == "matrix":
        diagonals = convert_to_tensor(diagonals, name="diagonals")
        dims = diagonals.shape.as_tuple() or (None, None)
        m1, m2 = dims[-1], dims[-2]
        if m1 and m2 and m1 != m2:
            raise ValueError("Expected last two dimensions of diagonals to be same, got "
                             f"{m1} and {m2}")
        m = m1 or m2
        if not m:
            raise ValueError("The size of the matrix needs to be known for "
                             'diagonals_format="matrix"')
        dummy = [0, 0]
        idx = ([[[1, 0], [0, 0], dummy]] +
               [[[i + 1, i], [i, i], [i - 1, i]] for i in range(1, m - 1)] +
               [[dummy, [m - 1, m - 1], [m - 2, m - 1]]])
        diags = transpose(gather_nd(transpose(diagonals), idx))
        return _tri_compact(diags, rhs, transpose_rhs, conjugate_rhs, partial_pivoting, name)
    raise ValueError(f"Unrecognized diagonals_format: {diagonals_format}")


def _tri_compact(diagonals, rhs, transpose_rhs, conjugate_rhs, partial_pivoting, name):
    rhs = convert_to_tensor(rhs, name="rhs")
    dr, rr = diagonals.shape.ndims, rhs.shape.ndims
    if dr < 2:
        raise ValueError(f"Expected diagonals to have rank at least 2, got {dr}")
    if rr != dr and rr != dr - 1:
        raise ValueError(f"Expected the rank of rhs to be {dr - 1} or {dr}, got {rr}")
    dd = diagonals.shape.as_tuple()
    if dd[-2] and dd[-2] != 3:
        raise ValueError(f"Expected 3 diagonals got {dd[-2]}")
    if not diagonals.shape[:-2].is_compatible_with(rhs.shape[:dr - 2]):
        raise ValueError(f"Batch shapes {diagonals.shape[:-2]} and {rhs.shape[:dr - 2]} are "
                         "incompatible")

    def check_rows():
        rd = rhs.shape.as_tuple()
        if dd[-1] and rd[-2] and dd[-1] != rd[-2]:
            raise ValueError("Expected number of left-hand sided and right-hand sides to be "
                             f"equal, got {dd[-1]} and {rd[-2]}")
    if rr == dr - 1:
        if conjugate_rhs:
            rhs = conj(rhs)
        rhs = expand_dims(rhs, -1)
        check_rows()
        return squeeze(tridiagonal_solve_op(diagonals, rhs, partial_pivoting, name), -1)
    if transpose_rhs:
        rhs = matrix_transpose(rhs, conjugate=conjugate_rhs)
    elif conjugate_rhs:
        rhs = conj(rhs)
    check_rows()
    result = tridiagonal_solve_op(diagonals, rhs, partial_pivoting, name)
    return matrix_transpose(result) if transpose_rhs else result


# -- expm: TF 1.14's Pade approximation with scaling and squaring (linalg_impl.py) ---------
_PADE = {
    3: [120.0, 60.0, 12.0],
    5: [30240.0, 15120.0, 3360.0, 420.0, 30.0],
    7: [17297280.0, 8648640.0, 1995840.0, 277200.0, 25200.0, 1512.0, 56.0],
    9: [17643225600.0, 8821612800.0, 2075673600.0, 302702400.0, 30270240.0, 2162160.0,
        110880.0, 3960.0, 90.0],
    13: [64764752532480000.0, 32382376266240000.0, 7771770303897600.0, 1187353796428800.0,
         129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0,
         40840800.0, 960960.0, 16380.0, 182.0],
}


def _eye_like_tf(matrix):
    """TF's linalg_ops.eye(shape(m)[-2], batch_shape=shape(m)[:-2], dtype=m.dtype): ones of
    the batch's diagonal shape on a MatrixDiag, under the scope `eye`."""
    num_rows = array_ops.shape(matrix)[-2]
    batch_shape = array_ops.shape(matrix)[:-2]
    with name_scope(None, "eye", [num_rows, batch_shape]):
        diag_size = math_ops.minimum(num_rows, num_rows)
        diag_shape = array_ops.concat((batch_shape, [diag_size]), axis=0)
        return matrix_diag(array_ops.ones(diag_shape, dtype=matrix.dtype))


def _pade(matrix, order):
    b = [constant(x, matrix.dtype) for x in _PADE[order]]
    ident = _eye_like_tf(matrix)
    m2 = matmul(matrix, matrix)
    if order == 3:
        return matmul(matrix, m2 + b[1] * ident), b[2] * m2 + b[0] * ident
    m4 = matmul(m2, m2)
    if order == 5:
        return (matmul(matrix, m4 + b[3] * m2 + b[1] * ident),
                b[4] * m4 + b[2] * m2 + b[0] * ident)
    m6 = matmul(m4, m2)
    if order == 7:
        return (matmul(matrix, m6 + b[5] * m4 + b[3] * m2 + b[1] * ident),
                b[6] * m6 + b[4] * m4 + b[2] * m2 + b[0] * ident)
    if order == 9:
        m8 = matmul(m6, m2)
        return (matmul(matrix, m8 + b[7] * m6 + b[5] * m4 + b[3] * m2 + b[1] * ident),
                b[8] * m8 + b[6] * m6 + b[4] * m4 + b[2] * m2 + b[0] * ident)
    tmp_u = (matmul(m6, m6 + b[11] * m4 + b[9] * m2) + b[7] * m6 + b[5] * m4 + b[3] * m2
             + b[1] * ident)
    tmp_v = b[12] * m6 + b[10] * m4 + b[8] * m2
    return (matmul(matrix, tmp_u),
            matmul(m6, tmp_v) + b[6] * m6 + b[4] * m4 + b[2] * m2 + b[0] * ident)


def matrix_exponential(input, name=None):  # noqa: A002 - TF's name
    """The matrix exponentials of a batch of square matrices (tf.linalg.expm), as TF 1.14
    computes them: a Pade approximant of order 3-7 (float32, complex64) or 3-13 (float64,
    complex128) chosen by the 1-norm, with scaling and squaring in a while_loop."""
    with name_scope(name, "matrix_exponential", [input]):
        matrix = convert_to_tensor(input, name="input")
        dims = matrix.shape.as_tuple()
        if dims is not None and len(dims) >= 2 and tuple(dims[-2:]) == (0, 0):
            return matrix
        batch_shape = matrix.shape[:-2]
        if not batch_shape.is_fully_defined():
            batch_shape = array_ops.shape(matrix)[:-2]
        matrix = array_ops.reshape(
            matrix, array_ops.concat(([-1], array_ops.shape(matrix)[-2:]), axis=0))
        absolute = complex_abs(matrix) if matrix.dtype.is_complex else math_ops.abs(matrix)
        l1_norm = math_ops.reduce_max(math_ops.reduce_sum(
            absolute, axis=array_ops.size(array_ops.shape(matrix)) - 2), axis=-1)

        def const(x):
            return constant(x, l1_norm.dtype)

        def nest_where(vals, cases):
            if len(vals) == 1:
                return array_ops.where(math_ops.less(l1_norm, const(vals[0])), cases[0],
                                       cases[1])
            return array_ops.where(math_ops.less(l1_norm, const(vals[0])), cases[0],
                                   nest_where(vals[1:], cases[1:]))

        def pades(maxnorm, orders):
            squarings = math_ops.maximum(math_ops.floor(
                math_ops.log(l1_norm / const(maxnorm)) / math_ops.log(const(2.0))), 0)
            out = [_pade(matrix, k) for k in orders[:-1]]
            div = math_ops.pow(constant(2.0, dtype=matrix.dtype),
                               math_ops.cast(squarings, matrix.dtype))
            return squarings, out + [_pade(matrix / div[..., None, None], orders[-1])]

        dt = matrix.dtype.base_dtype
        if dt in (_dt.float16, _dt.float32, _dt.complex64):
            squarings, uv = pades(3.925724783138660, (3, 5, 7))
            conds = (4.258730016922831e-001, 1.880152677804762e+000)
        elif dt in (_dt.float64, _dt.complex128):
            squarings, uv = pades(5.371920351148152, (3, 5, 7, 9, 13))
            conds = (1.495585217958292e-002, 2.539398330063230e-001, 9.504178996162932e-001,
                     2.097847961257068e+000)
        else:
            raise ValueError(f"tf.linalg.expm does not support matrices of type {dt}")
        u = nest_where(conds, [p[0] for p in uv])
        v = nest_where(conds, [p[1] for p in uv])
        numer = u + v
        denom = -u + v
        result = matrix_solve(denom, numer)
        max_squarings = math_ops.reduce_max(squarings)
        i = const(0.0)

        def body(i, r):
            return i + 1, array_ops.where(math_ops.less(i, squarings), matmul(r, r), r)
        _, result = while_loop(lambda i, r: math_ops.less(i, max_squarings), body, [i, result])
        if not matrix.shape.is_fully_defined():
            return array_ops.reshape(result, array_ops.concat(
                (batch_shape, array_ops.shape(result)[-2:]), axis=0))
        return array_ops.reshape(result, batch_shape.concatenate(result.shape[-2:]).as_list())
