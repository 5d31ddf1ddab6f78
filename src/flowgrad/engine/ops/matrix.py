"""Matrix ops: QR decomposition, band part, triangular solve (Qr, MatrixBandPart, ...).

Each works on the last two dimensions (leading dimensions are a batch), in
float32/float64. The gradients are TF 1.14's and are built from these same
ops and matmul, so they can be differentiated again.
"""
from __future__ import annotations

__all__ = ["qr", "matrix_band_part", "matrix_triangular_solve"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework.grad_state import wants_grad
from ..framework.graph import Tensor
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import TensorLike
from ._base import apply, check_dtype, to_tensor
from .elementwise import add, negative, subtract
from .linalg import matmul, matrix_transpose

_TYPES = (_dt.float32, _dt.float64)


def _matrix_dims(op_name, t, arg="input"):
    dims = t.shape.as_tuple()
    if dims is not None and len(dims) < 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {len(dims)} for "
                         f"'{op_name}' ({arg} shape {t.shape})")
    return dims


# -- MatrixBandPart ------------------------------------------------------------------------------
def _band_infer(inputs, attrs):
    x, lo, hi = inputs
    _matrix_dims("MatrixBandPart", x)
    for t, n in ((lo, "num_lower"), (hi, "num_upper")):
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"{n} must be a scalar, got shape {t.shape}")
    return [(x.dtype.base_dtype, x.shape)]


def _band_mask(m, n, lo, hi):
    i = np.arange(m)[:, None]
    j = np.arange(n)[None, :]
    return ((lo < 0) | (i - j <= lo)) & ((hi < 0) | (j - i <= hi))


def _band_kernel(x, lo, hi):
    x = np.asarray(x)
    mask = _band_mask(x.shape[-2], x.shape[-1], int(lo), int(hi))
    return np.where(mask, x, np.zeros((), x.dtype))


def _band_grad(op, grad):
    """Band part is linear: the gradient is the same band of the incoming gradient."""
    _, lo, hi = op.inputs
    return [apply("MatrixBandPart", [grad, lo, hi]), None, None]


register_op("MatrixBandPart", infer=_band_infer, kernel=_band_kernel, grad=_band_grad)


def matrix_band_part(input: TensorLike, num_lower: TensorLike,  # noqa: A002 - TF's name
                     num_upper: TensorLike, name: str | None = None) -> Tensor:
    """Each innermost matrix, zero outside the band of `num_lower` diagonals below the main one
    and `num_upper` above it (a negative count keeps that whole triangle).

    >>> tf.Session().run(tf.linalg.band_part(tf.ones([3, 3]), -1, 0))
    array([[1., 0., 0.], [1., 1., 0.], [1., 1., 1.]], dtype=float32)
    """
    x = to_tensor(input, name="input")
    lo = to_tensor(num_lower, dtype=_dt.int64, name="num_lower")
    hi = to_tensor(num_upper, dtype=_dt.int64, name="num_upper")
    return apply("MatrixBandPart", [x, lo, hi], None, name or "MatrixBandPart")


# -- MatrixTriangularSolve -------------------------------------------------------------------------
def _trisolve_infer(inputs, attrs):
    a, b = inputs
    for t, n in ((a, "matrix"), (b, "rhs")):
        check_dtype("MatrixTriangularSolve", t, _TYPES, n)
    if a.dtype.base_dtype is not b.dtype.base_dtype:
        raise TypeError(f"Input 'rhs' of 'MatrixTriangularSolve' Op has type {b.dtype.name} "
                        f"that does not match type {a.dtype.name} of argument 'matrix'.")
    ad = _matrix_dims("MatrixTriangularSolve", a, "matrix")
    bd = _matrix_dims("MatrixTriangularSolve", b, "rhs")
    if ad is not None and ad[-1] is not None and ad[-2] is not None and ad[-1] != ad[-2]:
        raise ValueError(f"Dimensions must be equal, but are {ad[-2]} and {ad[-1]} for the "
                         "square matrix of 'MatrixTriangularSolve'")
    if ad is not None and bd is not None and ad[-1] is not None and bd[-2] is not None \
            and ad[-1] != bd[-2]:
        raise ValueError(f"Dimensions must be equal, but are {ad[-1]} and {bd[-2]} for "
                         "'MatrixTriangularSolve' (matrix and rhs rows)")
    return [(b.dtype.base_dtype, b.shape)]


def _trisolve_kernel(a, b, lower=True, adjoint=False):
    a = np.asarray(a)
    tri = np.tril(a) if lower else np.triu(a)
    if adjoint:
        tri = np.swapaxes(tri, -1, -2).conj()
    return np.linalg.solve(tri, b).astype(np.asarray(b).dtype, copy=False)


def _trisolve_grad(op, grad):
    """TF's rule: db = solve(A^H, grad); dA = -db c^H (or -c db^H), kept triangular."""
    a = op.inputs[0]
    c = op.outputs[0]
    lower, adj = op.get_attr("lower"), op.get_attr("adjoint")
    grad_b = matrix_triangular_solve(a, grad, lower=lower, adjoint=not adj)
    if not wants_grad(0):
        return [None, grad_b]
    if adj:
        grad_a = negative(matmul(c, grad_b, adjoint_b=True))
    else:
        grad_a = negative(matmul(grad_b, c, adjoint_b=True))
    grad_a = matrix_band_part(grad_a, -1, 0) if lower else matrix_band_part(grad_a, 0, -1)
    return [grad_a, grad_b]


register_op("MatrixTriangularSolve", infer=_trisolve_infer, kernel=_trisolve_kernel,
            grad=_trisolve_grad)


def matrix_triangular_solve(matrix: TensorLike, rhs: TensorLike, lower: bool = True,
                            adjoint: bool = False, name: str | None = None) -> Tensor:
    """x with `matrix @ x = rhs` ([..., M, M] and [..., M, K]) reading only the lower (or upper)
    triangle of `matrix`, or its adjoint with `adjoint`.

    >>> tf.Session().run(tf.matrix_triangular_solve([[2., 0.], [1., 1.]], [[2.], [3.]]))
    array([[1.], [2.]], dtype=float32)
    """
    a = to_tensor(matrix, name="matrix")
    b = to_tensor(rhs, name="rhs")
    return apply("MatrixTriangularSolve", [a, b], {"lower": bool(lower),
                                                   "adjoint": bool(adjoint)},
                 name or "MatrixTriangularSolve")


# -- Qr ------------------------------------------------------------------------------------------
def _qr_infer(inputs, attrs):
    x = inputs[0]
    check_dtype("Qr", x, _TYPES, "input")
    dims = _matrix_dims("Qr", x)
    if dims is None:
        return [(x.dtype.base_dtype, TensorShape(None))] * 2
    *batch, m, n = dims
    full = attrs.get("full_matrices", False)
    k = None if m is None or n is None else min(m, n)
    qcols = m if full else k
    rrows = m if full else k
    return [(x.dtype.base_dtype, TensorShape(batch + [m, qcols])),
            (x.dtype.base_dtype, TensorShape(batch + [rrows, n]))]


def _qr_kernel(x, full_matrices=False):
    q, r = np.linalg.qr(np.asarray(x), mode="complete" if full_matrices else "reduced")
    return q, r


def _qr_grad(op, dq, dr):
    """TF 1.14's QR gradient (reduced QR with rows >= cols)."""
    a = op.inputs[0]
    q, r = op.outputs
    dims = a.shape.as_tuple()
    if op.get_attr("full_matrices") or dims is None or None in dims[-2:] or \
            dims[-2] < dims[-1]:
        raise NotImplementedError("QrGrad not implemented when ncols > nrows or full_matrices "
                                  "is true and ncols != nrows, or the matrix size is unknown")

    def solve_right(x, rr):
        # x @ inv(rr)^T for upper-triangular rr (TF's _TriangularSolve)
        return matrix_transpose(matrix_triangular_solve(rr, matrix_transpose(x), lower=False,
                                                        adjoint=False))
    qdq = matmul(q, dq, adjoint_a=True)
    qdq_ = subtract(qdq, matrix_transpose(qdq))
    rdr = matmul(r, dr, adjoint_b=True)
    rdr_ = subtract(rdr, matrix_transpose(rdr))
    tril = matrix_band_part(add(qdq_, rdr_), -1, 0)
    grad_a = matmul(q, add(dr, solve_right(tril, r)))
    grad_b = solve_right(subtract(dq, matmul(q, qdq)), r)
    return [add(grad_a, grad_b)]


register_op("Qr", infer=_qr_infer, kernel=_qr_kernel, grad=_qr_grad)


def qr(input: TensorLike, full_matrices: bool = False,  # noqa: A002 - TF's name
       name: str | None = None) -> tuple:
    """(q, r) with input = q @ r for each innermost [M, N] float matrix.

    q is [..., M, K] and r [..., K, N] with K = min(M, N), or K = M with
    `full_matrices`.
    """
    x = to_tensor(input, name="input")
    return apply("Qr", [x], {"full_matrices": bool(full_matrices)}, name or "Qr")

