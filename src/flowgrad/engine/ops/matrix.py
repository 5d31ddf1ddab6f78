"""Matrix ops: QR, band part, triangular solve, diagonals, determinants, inverse.

Op types as TF 1.14: Qr, MatrixBandPart, MatrixTriangularSolve, Diag, DiagPart,
MatrixDiag, MatrixDiagPart, MatrixSetDiag, MatrixDeterminant, LogMatrixDeterminant,
MatrixInverse.

Each works on the last two dimensions (leading dimensions are a batch), in
float32/float64. The gradients are TF 1.14's and are built from these same
ops and matmul, so they can be differentiated again.
"""
from __future__ import annotations

__all__ = ["qr", "matrix_band_part", "matrix_triangular_solve", "diag", "diag_part",
           "matrix_diag", "matrix_diag_part", "matrix_set_diag", "matrix_determinant",
           "log_matrix_determinant", "matrix_inverse", "eye"]

import builtins
import functools
from builtins import range as builtins_range
from collections import namedtuple

import numpy as np

from ..framework import dtypes as _dt
from ..framework.grad_state import wants_grad
from ..framework.graph import Tensor
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_lu as _eigen_lu
from . import eigen_math as _eigen_math
from . import eigen_qr as _eigen_qr
from . import eigen_qr_complex as _eigen_qr_complex
from ._array_util import (DTypeLike, TensorLike, _invalid, _scope, check_not_float,
                          merge_shapes)
from ._base import apply, apply_generated, check_dtype, to_tensor
from .construction import ones, zeros, zeros_like
from .elementwise import add, minimum, negative, subtract
from .joining import concat, slice
from .linalg import matmul, matrix_transpose
from .reductions import reduce_min
from .shape import rank, reshape, shape

_TYPES = (_dt.float32, _dt.float64)


def _matrix_dims(op_name, t, arg="input"):
    dims = (t if isinstance(t, TensorShape) else t.shape).as_tuple()
    if dims is not None and len(dims) < 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {len(dims)}")
    return dims


# -- MatrixBandPart ------------------------------------------------------------------------------
def _band_infer(inputs, attrs):
    x, lo, hi = inputs   # TF 1.14: UnchangedShape, the kernel checks the ranks
    return [(x.dtype.base_dtype, x.shape)]


def _band_mask(m, n, lo, hi):
    i = np.arange(m)[:, None]
    j = np.arange(n)[None, :]
    return ((lo < 0) | (i - j <= lo)) & ((hi < 0) | (j - i <= hi))


def _band_kernel(x, lo, hi):
    x = np.asarray(x)
    if x.ndim < 2:
        raise _invalid(f"input must be at least 2-dim, received shape: {_tf_shape(x)}")
    for v, n in ((lo, "num_lower"), (hi, "num_upper")):
        if np.ndim(v) != 0:
            raise _invalid(f"{n} must be scalar, got shape {_tf_shape(np.asarray(v))}")
    for v, n, what, size in ((lo, "num_lower", "rows", x.shape[-2]),
                             (hi, "num_upper", "columns", x.shape[-1])):
        if int(v) > size:
            raise _invalid(f"{n} must be negative or less or equal to number of {what} "
                           f"({size}) got: {int(v)}")
    mask = _band_mask(x.shape[-2], x.shape[-1], int(lo), int(hi))
    return np.where(mask, x, np.zeros((), x.dtype))


def _band_grad(op, grad):
    """Band part is linear: the gradient is the same band of the incoming gradient."""
    _, lo, hi = op._inputs
    return [apply("MatrixBandPart", [grad, lo, hi]), None, None]


register_op("MatrixBandPart", infer=_band_infer, kernel=_band_kernel, grad=_band_grad)


def matrix_band_part(input: TensorLike, num_lower: TensorLike,  # noqa: A002 - TF's name
                     num_upper: TensorLike, name: str | None = None) -> Tensor:
    """Each innermost matrix, zero outside the band of `num_lower` diagonals below the main one
    and `num_upper` above it (a negative count keeps that whole triangle).

    >>> tf.Session().run(tf.linalg.band_part(tf.ones([3, 3]), -1, 0))
    array([[1., 0., 0.], [1., 1., 0.], [1., 1., 1.]], dtype=float32)
    """
    # TF's generated wrapper converts Python inputs inside the op's scope
    with _scope(name, "MatrixBandPart", []) as scope:
        x = to_tensor(input, name="input")
        # Tindex (int64 by default) is set by num_lower, then binds num_upper
        if not isinstance(num_lower, Tensor):
            check_not_float(num_lower, "MatrixBandPart", "num_lower", _dt.int64, fixed=False)
        lo = num_lower if isinstance(num_lower, Tensor) else \
            to_tensor(num_lower, dtype=_dt.int64, name="num_lower")
        dt = lo.dtype.base_dtype
        if dt not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'num_lower' has DataType {dt.name} not "
                            "in list of allowed values: int32, int64")
        if isinstance(num_upper, Tensor):
            if num_upper.dtype.base_dtype is not dt:
                raise TypeError(f"Input 'num_upper' of 'MatrixBandPart' Op has type "
                                f"{num_upper.dtype.base_dtype.name} that does not match type "
                                f"{dt.name} of argument 'num_lower'.")
            hi = num_upper
        else:
            check_not_float(num_upper, "MatrixBandPart", "num_upper", dt)
            hi = to_tensor(num_upper, dtype=dt, name="num_upper")
        return apply("MatrixBandPart", [x, lo, hi], None, scope)


# -- MatrixTriangularSolve -------------------------------------------------------------------------
_TRISOLVE_TYPES = (_dt.float64, _dt.float32, _dt.float16, _dt.complex64, _dt.complex128)


def _trisolve_infer(inputs, attrs):
    a, b = inputs
    for t, n in ((a, "matrix"), (b, "rhs")):
        check_dtype("MatrixTriangularSolve", t, _TRISOLVE_TYPES, n)
    if a.dtype.base_dtype is not b.dtype.base_dtype:
        raise TypeError(f"Input 'rhs' of 'MatrixTriangularSolve' Op has type {b.dtype.name} "
                        f"that does not match type {a.dtype.name} of argument 'matrix'.")
    return [(b.dtype.base_dtype, matrix_solve_shape(a.shape, b.shape, square=True))]


def matrix_solve_shape(a, b, square):
    """TF 1.14's MatrixSolveShapeFn (MatrixSolve, MatrixTriangularSolve: `square`;
    MatrixSolveLs): lhs (a batch of square matrices) and rhs of rank >= 2, their batch
    shapes merged (no broadcasting), lhs's and rhs's rows merged (and lhs's columns), the
    result batch + [n, rhs's columns]; TF's Merge errors."""
    a_dims = _matrix_dims("", a)
    if square and a_dims is not None:
        _merge_dim(a_dims[-2], a_dims[-1])
    b_dims = _matrix_dims("", b)
    batch = merge_shapes(TensorShape(None if a_dims is None else a_dims[:-2]),
                         TensorShape(None if b_dims is None else b_dims[:-2]))
    m = _merge_dim(None if a_dims is None else a_dims[-2],
                   None if b_dims is None else b_dims[-2])
    n = None if a_dims is None else a_dims[-1]
    if square:
        n = _merge_dim(m, n)
    return batch.concatenate([n, None if b_dims is None else b_dims[-1]])


def _trisolve_kernel(a, b, lower=True, adjoint=False):
    a = np.asarray(a)
    b = np.asarray(b)
    # TF 1.14's LinearAlgebraOp checks, in its order and words
    if a.ndim < 2:
        raise _invalid(f"Input tensor 0 must have rank >= 2, got {a.ndim}")
    if b.ndim != a.ndim:
        raise _invalid("All input tensors must have the same rank.")
    if a.shape[:-2] != b.shape[:-2]:
        raise _invalid("All input tensors must have the same outer dimensions.")
    if a.shape[-1] != a.shape[-2]:
        raise _invalid("First input (lhs) must be a square matrix.")
    if a.shape[-1] != b.shape[-2]:
        raise _invalid("Input matrix and rhs are incompatible.")
    if a.shape[-1] and b.shape[-1]:
        _check_pivots(a)
    tri = np.tril(a) if lower else np.triu(a)
    if adjoint:
        tri = np.swapaxes(tri, -1, -2).conj()
    out_dt = b.dtype
    if tri.dtype == np.float16:  # computed in float32
        tri, b = tri.astype(np.float32), b.astype(np.float32)
    if tri.dtype == b.dtype and _eigen_lu.handles_triangular(tri):   # Eigen's order
        return _eigen_lu.triangular_solve(tri, b, lower != adjoint).astype(out_dt, copy=False)
    return _substitute(tri, b, lower != adjoint).astype(out_dt, copy=False)


def _substitute(tri, b, lower):
    """Forward (lower) or back substitution as Eigen's triangular solve: each row's
    x_i = (b_i - sum_j t_ij x_j) * (1 / t_ii), so a NaN or inf reaches only the rows after
    it (LU's solve would spread it to all)."""
    n = tri.shape[-1]
    x = np.zeros(np.broadcast_shapes(tri.shape[:-2], b.shape[:-2]) + b.shape[-2:],
                 dtype=np.result_type(tri, b))
    with np.errstate(all="ignore"):
        for i in (builtins_range(n) if lower else builtins_range(n - 1, -1, -1)):
            done = builtins_range(0, i) if lower else builtins_range(i + 1, n)
            rhs = b[..., i, :]
            if len(done):
                sl = builtins.slice(done.start, done.stop)
                rhs = rhs - np.matmul(tri[..., i:i + 1, sl], x[..., sl, :])[..., 0, :]
            x[..., i, :] = rhs * (1 / tri[..., i, i])[..., None]
    return x


def _check_pivots(a):
    """TF's kernel: each matrix's smallest |diagonal| entry (Eigen's minCoeff, a NaN first
    wins, a later one loses) must be > 0, denormals read as 0 (TF's threads run with DAZ)."""
    d = np.abs(np.diagonal(a, axis1=-2, axis2=-1)).reshape(-1, a.shape[-1])
    tiny = np.finfo(d.dtype if d.dtype.kind == "f" else np.float64).tiny
    nan_rows = np.isnan(d).any(axis=-1)
    if not (d[~nan_rows].min(axis=-1, initial=np.inf) >= tiny).all():
        raise _invalid("Input matrix is not invertible.")
    for row in d[nan_rows]:
        m = row[0]
        for v in row[1:]:
            m = v if v < m else m
        if not m >= tiny:
            raise _invalid("Input matrix is not invertible.")


def _trisolve_grad(op, grad):
    """TF's rule: db = solve(A^H, grad); dA = -db c^H (or -c db^H), kept triangular."""
    a = op._inputs[0]
    c = op.outputs[0]
    lower, adj = op._get_attr("lower"), op._get_attr("adjoint")
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
_QR_TYPES = _TYPES + (_dt.complex64, _dt.complex128)


def _qr_infer(inputs, attrs):
    x = inputs[0]
    check_dtype("Qr", x, _QR_TYPES, "input")
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
    x = np.asarray(x)
    if _eigen_qr.handles(x, full_matrices):     # TF: Eigen's HouseholderQR
        return _eigen_qr.qr(x, full_matrices)
    if _eigen_qr_complex.handles(x, full_matrices):
        return _eigen_qr_complex.qr(x, full_matrices)
    return _numpy_qr(x, full_matrices)


def _numpy_qr(x, full_matrices=False):
    q, r = np.linalg.qr(np.asarray(x), mode="complete" if full_matrices else "reduced")
    return q, r


# The stateful random ops whose numbers come from the seed pair (seed, seed2); both 0 is
# TF's "no graph seed and no op seed": fresh numbers in every session (philox.Stream).
_RANDOM_TYPES = frozenset(("RandomStandardNormal", "TruncatedNormal", "RandomUniform",
                           "RandomUniformInt", "RandomShuffle", "Multinomial", "RandomGamma",
                           "RandomPoissonV2", "RandomPoisson"))
_ANCESTRY_LIMIT = 32


def _reads_unseeded_random(op):
    """Whether the data inputs of `op` (up to _ANCESTRY_LIMIT ops back) reach an unseeded
    random op, so that TF's values there change from one session to the next."""
    seen, todo = set(), [t.op for t in op._inputs]
    while todo:
        o = todo.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        if len(seen) > _ANCESTRY_LIMIT:
            return False
        if o.type in _RANDOM_TYPES and not o._attrs.get("seed") and not o._attrs.get("seed2"):
            return True
        todo.extend(t.op for t in o.inputs)
    return False


def _qr_bind(node, ctx):
    """Eigen's bits (eigen_qr) where TF's are reproducible; NumPy's LAPACK QR (faster, as
    orthogonal) for the QR of an unseeded random matrix (an unseeded
    orthogonal_initializer or Keras Orthogonal), whose TF values no run can reproduce."""
    if node.op is not None and _reads_unseeded_random(node.op):
        kernel = _numpy_qr
    else:
        kernel = _qr_kernel
    return functools.partial(kernel, **node.attrs) if node.attrs else kernel


_qr_bind.pure = True


def _qr_grad(op, dq, dr):
    """TF 1.14's QR gradient: real dtypes, r square (rows >= cols, reduced or square)."""
    q, r = op.outputs
    if q.dtype.is_complex:
        raise NotImplementedError("QrGrad not implemented for dtype: "
                                  f"<dtype: '{q.dtype.name}'>")
    dims = r.shape.as_tuple()
    if dims is None or None in dims[-2:]:
        raise NotImplementedError("QrGrad not implemented with dynamic shapes.")
    if dims[-2] != dims[-1]:
        raise NotImplementedError("QrGrad not implemented when ncols > nrows or full_matrices "
                                  "is true and ncols != nrows.")

    def solve_right(x, rr):
        # x @ inv(rr)^T for upper-triangular rr (TF's _TriangularSolve)
        return _adjoint(matrix_triangular_solve(rr, _adjoint(x), lower=False, adjoint=False))
    qdq = matmul(q, dq, adjoint_a=True)
    qdq_ = subtract(qdq, _adjoint(qdq), name="sub")
    rdr = matmul(r, dr, adjoint_b=True)
    rdr_ = subtract(rdr, _adjoint(rdr), name="sub")
    tril = matrix_band_part(add(qdq_, rdr_, name="add"), -1, 0)
    grad_a = matmul(q, add(dr, solve_right(tril, r), name="add"))
    grad_b = solve_right(subtract(dq, matmul(q, qdq), name="sub"), r)
    return [add(grad_a, grad_b, name="add")]


def _adjoint(x):
    """TF's linalg.adjoint: matrix_transpose(conjugate=True) in an 'adjoint' scope."""
    with _scope(None, "adjoint", [x]):
        return matrix_transpose(x, conjugate=True)


register_op("Qr", infer=_qr_infer, kernel=_qr_kernel, bind=_qr_bind, grad=_qr_grad)


def qr(input: TensorLike, full_matrices: bool = False,  # noqa: A002 - TF's name
       name: str | None = None) -> tuple:
    """(q, r) with input = q @ r for each innermost [M, N] float or complex matrix.

    q is [..., M, K] and r [..., K, N] with K = min(M, N), or K = M with
    `full_matrices`.
    """
    return _QrOutput(*apply_generated("Qr", [("input", input)],
                                      {"full_matrices": bool(full_matrices)}, name))



# -- Diag / DiagPart (tensor diagonals) -------------------------------------------------------
_DIAG_TYPES = (_dt.bfloat16, _dt.float16, _dt.float32, _dt.float64, _dt.int32, _dt.int64,
               _dt.complex64, _dt.complex128)


def _tf_shape(a):
    return "[" + ",".join(str(d) for d in np.shape(a)) + "]"


def _cpu_kernel(kernel, missing):
    """A `bind` giving `kernel` (with the node's attrs), or, for an input dtype in `missing`
    (types TF 1.14's shape function accepts but no CPU kernel is registered for), a kernel
    raising TF's "No OpKernel was registered" error. The dtype is checked once, at bind time."""
    def bind(node, ctx):
        dt = node.op._inputs[0].dtype.base_dtype
        if dt in missing:
            tf_name = {"float16": "HALF", "float32": "FLOAT", "float64": "DOUBLE"}.get(
                dt.name, dt.name.upper())
            attrs = [f"T=DT_{tf_name}"] + [f"{k}={str(v).lower() if isinstance(v, bool) else v}"
                                            for k, v in sorted(node.attrs.items())]
            msg = (f"No OpKernel was registered to support Op '{node.op.type}' used by node "
                   f"{node.name} with these attrs: [{', '.join(attrs)}]")

            def run(*args):
                raise _invalid(msg)
            return run
        return functools.partial(kernel, **node.attrs) if node.attrs else kernel
    bind.pure = True
    return bind


def _at_least(op_type, t, n):
    r = t.shape.ndims
    if r is not None and r < n:
        raise ValueError(f"Shape must be at least rank {n} but is rank {r}")


def _merge_dim(a, b):
    """TF's Merge of two dimensions (None = unknown)."""
    if a is not None and b is not None and a != b:
        raise ValueError(f"Dimensions must be equal, but are {a} and {b}")
    return a if a is not None else b


def _diag_infer(inputs, attrs):
    x = inputs[0]
    check_dtype("Diag", x, _DIAG_TYPES, "diagonal")
    _at_least("Diag", x, 1)
    dims = x.shape.as_tuple()
    return [(x.dtype.base_dtype, TensorShape(None if dims is None else list(dims) * 2))]


def _diag_kernel(x):
    x = np.asarray(x)
    if x.ndim < 1:
        raise _invalid(f"Input must be at least rank 1, got {x.ndim}")
    n = x.size
    out = np.zeros((n, n), dtype=x.dtype)
    out[np.arange(n), np.arange(n)] = x.reshape(-1)
    return out.reshape(x.shape * 2)


def _diag_part_infer(inputs, attrs):
    x = inputs[0]
    check_dtype("DiagPart", x, _DIAG_TYPES, "input")
    dims = x.shape.as_tuple()
    if dims is None:
        return [(x.dtype.base_dtype, TensorShape(None))]
    if len(dims) % 2 or not dims:
        raise ValueError(f"Input must have even and non-zero rank, input rank is {len(dims)}")
    k = len(dims) // 2
    return [(x.dtype.base_dtype, TensorShape([_merge_dim(dims[i], dims[i + k])
                                              for i in builtins_range(k)]))]


def _diag_part_kernel(x):
    x = np.asarray(x)
    if x.ndim % 2:
        raise _invalid("The rank of the tensor should be                                  "
                       f"        even and positive, got shape {_tf_shape(x)}")
    k = x.ndim // 2
    for i in builtins_range(k):
        if x.shape[i] != x.shape[i + k]:
            raise _invalid(f"Invalid shape {_tf_shape(x)}: dimensions {i} and {i + k} do not "
                           "match.")
    n = int(np.prod(x.shape[:k], dtype=np.int64))
    return x.reshape(n, n)[np.arange(n), np.arange(n)].reshape(x.shape[:k])


register_op("Diag", infer=_diag_infer, kernel=_diag_kernel,
            grad=lambda op, grad: [diag_part(grad)])
register_op("DiagPart", infer=_diag_part_infer, kernel=_diag_part_kernel,
            grad=lambda op, grad: [diag(grad)])


def diag(diagonal: TensorLike, name: str | None = None) -> Tensor:
    """The tensor of rank 2k with `diagonal` (rank k) on its diagonal:
    out[i1..ik, i1..ik] = diagonal[i1..ik], zeros elsewhere (op Diag).

    >>> tf.Session().run(tf.diag([1, 2]))
    array([[1, 0], [0, 2]], dtype=int32)
    """
    return apply_generated("Diag", [("diagonal", diagonal)], None, name)


def diag_part(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002 - TF's name
    """The diagonal of a tensor of rank 2k: out[i1..ik] = input[i1..ik, i1..ik] (op DiagPart).

    >>> tf.Session().run(tf.diag_part([[1, 2], [3, 4]]))
    array([1, 4], dtype=int32)
    """
    return apply_generated("DiagPart", [("input", input)], None, name)


# -- MatrixDiag / MatrixDiagPart / MatrixSetDiag (batched diagonals) -------------------------
def _min_dim(a, b):
    """TF's InferenceContext::Min: 0 if either is 0, unknown if either is unknown."""
    if a == 0 or b == 0:
        return 0
    return None if a is None or b is None else min(a, b)


def _matrix_diag_infer(inputs, attrs):
    x = inputs[0]
    _at_least("MatrixDiag", x, 1)
    dims = x.shape.as_tuple()
    return [(x.dtype.base_dtype, TensorShape(None if dims is None else
                                             list(dims) + [dims[-1]]))]


def _matrix_diag_kernel(x):
    x = np.asarray(x)
    if x.ndim < 1:
        raise _invalid(f"input must be at least 1-dim, received shape: {_tf_shape(x)}")
    n = x.shape[-1]
    out = np.zeros(x.shape + (n,), dtype=x.dtype)
    i = np.arange(n)
    out[..., i, i] = x
    return out


def _matrix_diag_part_infer(inputs, attrs):
    x = inputs[0]
    _at_least("MatrixDiagPart", x, 2)
    dims = x.shape.as_tuple()
    if dims is None:
        return [(x.dtype.base_dtype, TensorShape(None))]
    return [(x.dtype.base_dtype, TensorShape(list(dims[:-2]) + [_min_dim(*dims[-2:])]))]


def _matrix_diag_part_kernel(x):
    x = np.asarray(x)
    if x.ndim < 2:
        raise _invalid(f"input must be at least 2-dim, received shape: {_tf_shape(x)}")
    return np.diagonal(x, axis1=-2, axis2=-1).copy()


def _matrix_set_diag_infer(inputs, attrs):
    x, d = inputs
    if x.dtype.base_dtype is not d.dtype.base_dtype:
        raise TypeError(f"Input 'diagonal' of 'MatrixSetDiag' Op has type {d.dtype.name} that "
                        f"does not match type {x.dtype.name} of argument 'input'.")
    _at_least("MatrixSetDiag", x, 2)
    _at_least("MatrixSetDiag", d, 1)
    xd, dd = x.shape.as_tuple(), d.shape.as_tuple()
    if xd is not None and dd is not None and len(dd) != len(xd) - 1:
        raise ValueError(f"Shape must be rank {len(xd) - 1} but is rank {len(dd)}")
    if xd is not None and dd is not None:
        _merge_dim(_min_dim(*xd[-2:]), dd[-1])
    if dd is not None and not x.shape.is_fully_defined():
        # TF infers the batch dims of the input from the diagonal's.
        if xd is None:
            return [(x.dtype.base_dtype, TensorShape(list(dd[:-1]) + [None, None]))]
        out = [_merge_dim(a, b) for a, b in zip(xd[:-2], dd[:-1])] + list(xd[-2:])
        return [(x.dtype.base_dtype, TensorShape(out))]
    return [(x.dtype.base_dtype, x.shape)]


def _matrix_set_diag_kernel(x, d):
    x = np.asarray(x)
    d = np.asarray(d)
    if x.ndim < 2:
        raise _invalid(f"input must be at least 2-dim, received shape: {_tf_shape(x)}")
    k = min(x.shape[-2:])
    if d.shape != x.shape[:-2] + (k,):
        raise _invalid("must have diagonal.shape == input.shape[:-2] + min(input.shape[-2:]), "
                       f"but received input shape: {_tf_shape(x)} and diagonal shape: "
                       f"{_tf_shape(d)}")
    out = x.copy()
    i = np.arange(k)
    out[..., i, i] = d
    return out


def _matrix_diag_part_grad(op, grad):
    """TF 1.14: matrix_diag(grad) for known square matrices, else set_diag(zeros_like(x), grad)."""
    ms = op._inputs[0].shape[-2:]
    if ms.is_fully_defined() and ms.as_tuple()[0] == ms.as_tuple()[1]:
        return [matrix_diag(grad)]
    return [matrix_set_diag(zeros_like(op._inputs[0]), grad)]


def _matrix_set_diag_grad(op, grad):
    """TF 1.14's _MatrixSetDiagGrad: grad with a zero diagonal, and grad's diagonal."""
    input_shape = op._inputs[0].shape.merge_with(grad.shape)
    diag_shape = op._inputs[1].shape
    batch_shape = input_shape[:-2].merge_with(diag_shape[:-1])
    matrix_shape = input_shape[-2:]
    if batch_shape.is_fully_defined() and matrix_shape.is_fully_defined():
        diag_shape = batch_shape.as_list() + [min(matrix_shape.as_list())]
    else:
        grad_shape = shape(grad)
        grad_rank = rank(grad)
        batch = slice(grad_shape, [0], [grad_rank - 2])
        mshape = slice(grad_shape, [grad_rank - 2], [2])
        min_dim = reduce_min(mshape)
        diag_shape = concat([batch, [min_dim]], 0)
    grad_input = matrix_set_diag(grad, zeros(diag_shape, dtype=grad.dtype))
    grad_diag = matrix_diag_part(grad)
    return [grad_input, grad_diag]


register_op("MatrixDiag", infer=_matrix_diag_infer, kernel=_matrix_diag_kernel,
            bind=_cpu_kernel(_matrix_diag_kernel, (_dt.string,)),
            grad=lambda op, grad: [matrix_diag_part(grad)])
register_op("MatrixDiagPart", infer=_matrix_diag_part_infer, kernel=_matrix_diag_part_kernel,
            bind=_cpu_kernel(_matrix_diag_part_kernel, (_dt.string,)),
            grad=_matrix_diag_part_grad)
register_op("MatrixSetDiag", infer=_matrix_set_diag_infer, kernel=_matrix_set_diag_kernel,
            bind=_cpu_kernel(_matrix_set_diag_kernel, (_dt.string,)),
            grad=_matrix_set_diag_grad)


def matrix_diag(diagonal: TensorLike, name: str | None = None) -> Tensor:
    """Batched diagonal matrices: [..., N] -> [..., N, N] with `diagonal` on the main
    diagonal (op MatrixDiag; tf.linalg.diag).

    >>> tf.Session().run(tf.matrix_diag([1, 2]))
    array([[1, 0], [0, 2]], dtype=int32)
    """
    return apply_generated("MatrixDiag", [("diagonal", diagonal)], None, name)


def matrix_diag_part(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """The main diagonals of a batch of matrices: [..., M, N] -> [..., min(M, N)]
    (op MatrixDiagPart; tf.linalg.diag_part).

    >>> tf.Session().run(tf.matrix_diag_part([[1, 2, 3], [4, 5, 6]]))
    array([1, 5], dtype=int32)
    """
    return apply("MatrixDiagPart", [to_tensor(input, name="input")], None,
                 name or "MatrixDiagPart")


def matrix_set_diag(input: TensorLike, diagonal: TensorLike,  # noqa: A002 - TF's name
                    name: str | None = None) -> Tensor:
    """`input` ([..., M, N]) with its main diagonals replaced by `diagonal` ([..., min(M, N)])
    (op MatrixSetDiag; tf.linalg.set_diag).

    >>> tf.Session().run(tf.matrix_set_diag([[1, 2], [3, 4]], [0, 0]))
    array([[0, 2], [3, 0]], dtype=int32)
    """
    x = to_tensor(input, name="input")
    d = to_tensor(diagonal, name="diagonal")
    return apply("MatrixSetDiag", [x, d], None, name or "MatrixSetDiag")


# -- MatrixDeterminant / LogMatrixDeterminant / MatrixInverse ---------------------------------
_DET_TYPES = (_dt.float16, _dt.float32, _dt.float64, _dt.complex64, _dt.complex128)
_INV_TYPES = (_dt.float64, _dt.float32, _dt.float16, _dt.complex64, _dt.complex128)


def _square_infer(op_type, x, allowed, rows_first=False):
    check_dtype(op_type, x, allowed, "input")
    _at_least(op_type, x, 2)
    dims = x.shape.as_tuple()
    if dims is None:
        return None
    # TF merges (cols, rows) for the determinants and (rows, cols) for the inverse.
    n = _merge_dim(dims[-2], dims[-1]) if rows_first else _merge_dim(dims[-1], dims[-2])
    return list(dims[:-2]), n


def _square_check(x):
    x = np.asarray(x)
    if x.ndim < 2:
        raise _invalid(f"Input tensor 0 must have rank >= 2, got {x.ndim}")
    if x.shape[-1] != x.shape[-2]:
        raise _invalid("Input matrix must be square.")
    return x


def _det_infer(inputs, attrs):
    x = inputs[0]
    r = _square_infer("MatrixDeterminant", x, _DET_TYPES)
    return [(x.dtype.base_dtype, TensorShape(None if r is None else r[0]))]


def _det_kernel(x):
    """TF 1.14's DeterminantOp: sign * exp(log|det|) of its SLogDet (so a determinant whose
    log overflows is NaN, as TF's 0 * inf)."""
    dt = np.asarray(x).dtype
    a = _square_check(x)
    if a.shape[-1] == 0:
        return np.ones(a.shape[:-2], dt)
    sign, logabs = _logdet_kernel(a)
    with np.errstate(all="ignore"):
        if logabs.real.dtype == np.float32:
            mag = _eigen_math.libm_exp(logabs.real)
        elif logabs.real.dtype == np.float64:
            mag = _eigen_math.libm_exp64(logabs.real)
        else:
            mag = np.exp(logabs)
        if sign.dtype.kind == "c":   # std::complex times its real exp: each part
            out = np.empty(sign.shape, sign.dtype)
            out.real, out.imag = sign.real * mag, sign.imag * mag
            return out
        return np.asarray(sign * mag).astype(dt, copy=False)


def _logdet_infer(inputs, attrs):
    x = inputs[0]
    r = _square_infer("LogMatrixDeterminant", x, _DET_TYPES)
    s = TensorShape(None if r is None else r[0])
    return [(x.dtype.base_dtype, s), (x.dtype.base_dtype, s)]


def _logdet_kernel(x):
    """TF 1.14's SLogDet: Eigen's PartialPivLU of a column-major copy, the logs of |u_ii|
    summed as Eigen's redux (eigen_lu.py; up to 1000 float32 / 767 float64 / 16 complex
    rows, LAPACK's LU above); a log that is not finite gives sign 0 and log|det| +-inf."""
    dt = np.asarray(x).dtype
    a = _square_check(x)
    if a.shape[-1] == 0:
        return np.ones(a.shape[:-2], dt), np.zeros(a.shape[:-2], dt)
    if _eigen_lu.handles_factor(a):
        return _eigen_lu.slogdet(a)
    sign, logabs = np.linalg.slogdet(a)
    sign = np.asarray(sign).astype(dt, copy=False)
    logabs = np.asarray(logabs)
    with np.errstate(all="ignore"):
        bad = ~np.isfinite(logabs)
        sign = np.where(bad, 0, sign).astype(dt)
        logabs = np.where(bad, np.where(logabs > 0, np.inf, -np.inf), logabs)
    return sign, np.asarray(logabs).astype(dt, copy=False)


def _inverse_infer(inputs, attrs):
    x = inputs[0]
    r = _square_infer("MatrixInverse", x, _INV_TYPES, rows_first=True)
    return [(x.dtype.base_dtype, TensorShape(None if r is None else r[0] + [r[1], r[1]]))]


def _inverse_kernel(x, adjoint=False):
    dt = np.asarray(x).dtype
    a = _square_check(x)
    if adjoint:
        a = np.swapaxes(a, -1, -2).conj()
    if a.shape[-1] == 0:
        return np.zeros(a.shape, dt)
    if _eigen_lu.handles(a):   # TF: PartialPivLU (of the adjoint) solving for the identity
        inv = _eigen_lu.solve(a, np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape))
        if inv is None:
            raise _invalid("Input is not invertible.")
        return inv
    try:
        inv = np.linalg.inv(a)
    except np.linalg.LinAlgError:
        raise _invalid("Input is not invertible.") from None
    return inv.astype(dt, copy=False)


def _det_grad(op, grad):
    """TF 1.14: reshape(grad * det, shape(det) + [1, 1]) * inverse(a, adjoint=True)."""
    a, c = op._inputs[0], op.outputs[0]
    a_adj_inv = matrix_inverse(a, adjoint=True)
    multipliers = reshape(grad * c, concat([shape(c), [1, 1]], 0))
    return [multipliers * a_adj_inv]


def _logdet_grad(op, _, grad_b):
    """TF 1.14: reshape(grad_logabsdet, shape + [1, 1]) * inverse(a, adjoint=True)."""
    a, c = op._inputs[0], op.outputs[1]
    a_adj_inv = matrix_inverse(a, adjoint=True)
    multipliers = reshape(grad_b, concat([shape(c), [1, 1]], 0))
    return [multipliers * a_adj_inv]


def _inverse_grad(op, grad):
    """Y = inv(A): dA = -Y^H G Y^H; adjoint=True, Y = inv(A^H): dA = -Y G^H Y.

    NOTE: TF 1.14 returns -Y^H G Y^H for adjoint=True as well, the transpose of the true
    gradient (later TF fixed it); flowgrad gives the true gradient, as later TF does.
    """
    ainv = op.outputs[0]
    adj = bool(op._get_attr("adjoint"))
    return [negative(matmul(ainv, matmul(grad, ainv, adjoint_a=adj, adjoint_b=not adj),
                            adjoint_a=not adj))]


register_op("MatrixDeterminant", infer=_det_infer, kernel=_det_kernel,
            bind=_cpu_kernel(_det_kernel, (_dt.float16,)), grad=_det_grad)
register_op("LogMatrixDeterminant", infer=_logdet_infer, kernel=_logdet_kernel,
            bind=_cpu_kernel(_logdet_kernel, (_dt.float16,)),
            grad=_logdet_grad)
register_op("MatrixInverse", infer=_inverse_infer, kernel=_inverse_kernel,
            bind=_cpu_kernel(_inverse_kernel, (_dt.float16,)), grad=_inverse_grad)


def matrix_determinant(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """The determinants of a batch of square matrices [..., M, M] -> [...]
    (op MatrixDeterminant; tf.linalg.det).

    >>> tf.Session().run(tf.matrix_determinant([[1., 2.], [3., 4.]]))
    -2.0
    """
    return apply("MatrixDeterminant", [to_tensor(input, name="input")], None,
                 name or "MatrixDeterminant")


_QrOutput = namedtuple("Qr", ["q", "r"])
_LogMatrixDeterminantOutput = namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])


def log_matrix_determinant(input: TensorLike,  # noqa: A002 - TF's name
                           name: str | None = None) -> tuple:
    """(sign, log|det|) of a batch of square matrices (op LogMatrixDeterminant;
    tf.linalg.slogdet). A singular matrix gives sign 0 and log|det| -inf."""
    sign, log_abs = apply("LogMatrixDeterminant", [to_tensor(input, name="input")], None,
                          name or "LogMatrixDeterminant")
    return _LogMatrixDeterminantOutput(sign, log_abs)


def matrix_inverse(input: TensorLike, adjoint: bool = False,  # noqa: A002 - TF's name
                   name: str | None = None) -> Tensor:
    """The inverses (of the adjoints, with `adjoint`) of a batch of square matrices
    (op MatrixInverse; tf.linalg.inv). A singular matrix raises InvalidArgumentError."""
    return apply_generated("MatrixInverse", [("input", input)], {"adjoint": bool(adjoint)},
                           name)


# -- eye (composite, as TF's linalg_ops_impl.eye) -------------------------------------------
def eye(num_rows: int | Tensor, num_columns: int | Tensor | None = None,
        batch_shape: list | None = None, dtype: DTypeLike = _dt.float32,
        name: str | None = None) -> Tensor:
    """An identity matrix (or a batch of them) of shape batch_shape + [rows, cols], built as
    TF builds it: `eye/ones` and MatrixDiag (square), or zeros and MatrixSetDiag.

    Raises:
      TypeError: num_rows / num_columns are neither Python ints nor Tensors.

    >>> tf.Session().run(tf.eye(2, 3))
    array([[1., 0., 0.], [0., 1., 0.]], dtype=float32)
    """
    with _scope(name, "eye", [num_rows, num_columns, batch_shape]):
        is_square = num_columns is None
        batch_shape = [] if batch_shape is None else batch_shape
        num_columns = num_rows if num_columns is None else num_columns
        if isinstance(num_rows, Tensor) or isinstance(num_columns, Tensor):
            diag_size = minimum(num_rows, num_columns)
        else:
            if (not isinstance(num_rows, (int, np.integer))
                    or not isinstance(num_columns, (int, np.integer))):
                raise TypeError("num_rows and num_columns must be positive integer values.")
            is_square = num_rows == num_columns
            diag_size = int(np.minimum(num_rows, num_columns))
        if isinstance(batch_shape, Tensor) or isinstance(diag_size, Tensor):
            batch_shape = to_tensor(batch_shape, name="shape", dtype=_dt.int32)
            diag_shape = concat((batch_shape, [diag_size]), axis=0)
            if not is_square:
                shape_ = concat((batch_shape, [num_rows, num_columns]), axis=0)
        else:
            batch_shape = list(batch_shape)
            diag_shape = batch_shape + [diag_size]
            if not is_square:
                shape_ = batch_shape + [num_rows, num_columns]
        diag_ones = ones(diag_shape, dtype=dtype)
        if is_square:
            return matrix_diag(diag_ones)
        return matrix_set_diag(zeros(shape_, dtype=dtype), diag_ones)
