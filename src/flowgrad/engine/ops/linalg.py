"""Matrix products: MatMul, SparseMatMul, BatchMatMulV2; matmul, einsum,
matrix_transpose, adjoint.

`matmul` builds `MatMul` for two matrices and `BatchMatMulV2` (batch dims
broadcast) when either input has rank > 2 or unknown rank, as TF 1.14 does.
`einsum` builds the ops TF 1.14's einsum builds (TF 1.14 has no Einsum op):
operands contracted pairwise by Transpose, Reshape and MatMul (or Mul), then Sum
and Transpose, with TF's names and count; gradients come from those ops.
"""
from __future__ import annotations

__all__ = ["adjoint", "einsum", "matmul", "matrix_transpose"]

import re
from typing import Any
import string

import numpy as np

from ..framework.grad_state import wants_grad
from ..framework import gemm as _gemm
from ..framework import threads
from ..framework import dtypes as _dt
from ..framework import errors as _errors
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_bmm as _eigen_bmm
from . import eigen_cgemm as _eigen_cgemm
from . import eigen_gebp as _eigen_gebp
from . import eigen_half_mm as _eigen_half_mm
from . import eigen_sum as _eigen_sum
from . import fused_matmul as _fused_matmul
from ._array_util import merge_shapes
from ._base import COMPLEX, FLOATS, apply, broadcast_dims, check_dtype, to_tensor
from .cast import cast
from .construction import range as _range
from .elementwise import conj, multiply
from .reductions import reduce_sum
from .joining import concat
from .shape import expand_dims, rank, reshape, shape, transpose

_MATMUL_TYPES = FLOATS + (_dt.int32, _dt.int64) + COMPLEX


def _dims(t):
    return t.shape.as_tuple()


def _check_inner(k1, k2):
    if k1 is not None and k2 is not None and k1 != k2:
        raise ValueError(f"Dimensions must be equal, but are {k1} and {k2}")


# -- MatMul ------------------------------------------------------------------------------------
def _matmul_infer(inputs, attrs):
    a, b = inputs
    sa, sb = _dims(a), _dims(b)
    for s in (sa, sb):
        if s is not None and len(s) != 2:
            raise ValueError(f"Shape must be rank 2 but is rank {len(s)}")
    sa = sa if sa is not None else (None, None)
    sb = sb if sb is not None else (None, None)
    m, ka = (sa[1], sa[0]) if attrs.get("transpose_a") else sa
    kb, n = (sb[1], sb[0]) if attrs.get("transpose_b") else sb
    _check_inner(ka, kb)
    return [(a.dtype.base_dtype, TensorShape([m, n]))]


def _gemv_rows(rows, v):
    """Eigen's row-major matrix times vector (general_matrix_vector_product, AVX without
    FMA): each row's products added packet by packet into P lanes (P = 8 float32, 4
    float64), the lanes reduced by halving (predux), then the last k % P products added
    one by one."""
    P = _eigen_sum.packet_size(rows.dtype)
    m, k = rows.shape
    body = k - k % P
    if body:
        prod = np.multiply(rows[:, :body], v[:body], order="C")
        # one packet after the other (NumPy adds a non-innermost axis row by row)
        out = _eigen_sum._predux(np.add.reduce(prod.reshape(m, body // P, P), axis=1),
                                 rows.dtype)
    else:
        out = np.zeros(m, rows.dtype)
    for j in range(body, k):
        out = out + rows[:, j] * v[j]
    return out


def _gemv_cols(cols, v):
    """Eigen's column-major matrix times vector (the transpose of a row-major [k, m]
    `cols`): fused_matmul.gemv, its block rule read on m outputs."""
    return _fused_matmul.gemv(cols, v, cols.shape[1])


def _one_row(v, b, transpose_b):
    """One output row (float32 or float64): with b transposed, TF's ExplicitVectorMatrixOptimization
    (Eigen's row-major gemv over b's rows); else the contraction, which hands it to
    Eigen's column-major gemv (the transpose of b [k, n])."""
    if transpose_b:
        return _gemv_rows(b, v).reshape(1, -1)
    return _gemv_cols(b, v).reshape(1, -1)


def loop_product(x, y, shape=None, col0=0):
    """The plain graph's MatMul x @ y (2-D, transposes applied) for the fused loops, whose
    products give its bits: float32 with more than one output row and column is TF's
    contraction (fused_matmul.product), decided on `shape`, the plain op's (rows, columns)
    where a fused loop stacks the steps' rows or splits the columns; float64 is Eigen's
    double GEBP (eigen_gebp.product64), where `col0` is the op's column of y's first
    (its kernels depend on where a column falls); one output row is Eigen's gemv; else
    NumPy's GEMM."""
    dt = x.dtype
    if dt in (np.float32, np.float64) and y.dtype == dt and x.size and y.size:
        m, n = shape or (x.shape[0], y.shape[1])
        if m > 1 and n > 1:
            if dt == np.float64:
                return _eigen_gebp.product64(x, y, _eigen_sum.cpu_threads(), (m, n), col0)
            return _fused_matmul.product(x, y, _eigen_sum.cpu_threads(), (m, n))
        if m == 1:
            # one row per op (a loop may stack its steps' rows): y transposed (a view
            # whose rows are adjacent, as the loops pass W^T) is the op's transpose_b
            tb = y.shape[0] > 1 and y.strides[0] < y.strides[1]
            yy = y.T if tb else y
            return np.concatenate([_one_row(row, yy, tb) for row in x])
    return threads.matmul(x, y)


def loop_accumulate(out, a, b):
    """out += a @ b with the bits of the plain graph's MatMul then Add (a loop gradient's
    running sum): one BLAS call with beta 1 (gemm.accumulate) where the product is one run
    of multiply-adds (float32, a column-major a), else the product, then the add."""
    if a.dtype == np.float64 and b.dtype == np.float64 and a.size and b.size and \
            (a.shape[0] > 1 or b.shape[1] > 1):
        # (Eigen's double kernels never add a product's terms as one BLAS run)
        return np.add(out, loop_product(a, b), out=out)
    if a.dtype == np.float32 and b.dtype == np.float32 and \
            (b.shape[1] > 1 or a.shape[0] == 1) and a.size and b.size:
        if a.shape[0] == 1 or not (a.flags.f_contiguous and _fused_matmul.one_gemm(
                a.shape[0], b.shape[1], a.shape[1], _eigen_sum.cpu_threads())):
            # (one row: Eigen's gemv, as the kernel)
            return np.add(out, loop_product(a, b), out=out)
    return _gemm.accumulate(out, a, b)


def one_column_product_bt(a, b):
    """TF's MatMul(a_i, b, transpose_b=True) for each matrix a_i of a [..., m, k] when it is
    one output column (b is [1, k]: Eigen's gemv, for one output row too, as
    _matmul_kernel's), else None: for the fused loops, whose backward products are these
    MatMuls."""
    if (b.shape[0] != 1 or a.dtype not in (np.float32, np.float64) or not a.size):
        return None
    flat = a.reshape(-1, a.shape[-1])
    return _gemv_rows(flat, b.reshape(-1).astype(a.dtype, copy=False)).reshape(
        a.shape[:-1] + (1,))


def _matmul_kernel(a, b, transpose_a=False, transpose_b=False, intra_threads=None,
                   fused_bias_add=False, **_):
    """The product as TF's kernels give it. Eigen's contraction and matrix-vector kernels
    add each block's product to a zeroed output (res += alpha * acc), so a -0.0 product (a
    -0.0 entry, or a negative one flushed by the run's FTZ) comes out +0.0: "+ 0" does the
    same (golden math/denormal_arith)."""
    out = _matmul_product(a, b, transpose_a, transpose_b, intra_threads, fused_bias_add)
    if out.dtype.kind == "f":
        np.add(out, 0, out=out)
    return out


def _matmul_product(a, b, transpose_a, transpose_b, intra_threads, fused_bias_add):
    if a.dtype == np.float16 and b.dtype == np.float16:
        # Eigen::half rounds every product and sum to half: TF's kernel order, which
        # depends on the threads of the session's intra-op pool (else the schedulable CPUs)
        return _eigen_half_mm.matmul(a, b, transpose_a, transpose_b,
                                     pool=intra_threads or _eigen_sum.cpu_threads())
    # TF 1.14's MatMul hands a product with one output column (rows of a, or its columns
    # when transposed) to Eigen's matrix-vector kernels (ExplicitVectorMatrixOptimization);
    # the others go to the tensor contraction, and so does a float32 MatMul that Grappler
    # fuses with its BiasAdd (fused_matmul.py).
    if a.dtype in (np.float32, np.float64) and a.size and b.size and a.ndim == b.ndim == 2 and \
            (a.shape[0] if transpose_a else a.shape[1]) == \
            (b.shape[1] if transpose_b else b.shape[0]):   # (else NumPy's error, mapped)
        m = a.shape[1] if transpose_a else a.shape[0]
        n = b.shape[0] if transpose_b else b.shape[1]
        if n == 1 and m != 1:
            if fused_bias_add and a.dtype == np.float32 and b.dtype == np.float32:
                # Grappler's _FusedMatMul (the plan's `fused_bias_add`, remap_matmul.py):
                # the contraction, MKL-DNN's sgemm
                return _fused_matmul.column_product(
                    a.T if transpose_a else a, b.T if transpose_b else b,
                    intra_threads or _eigen_sum.cpu_threads())
            if transpose_a:
                return _gemv_cols(a, b.reshape(-1)).reshape(m, 1)
            return _gemv_rows(a, b.reshape(-1)).reshape(m, 1)
        if a.dtype == np.float32 and b.dtype == np.float32 and (n > 1 or m == 1):
            if m > 1:
                # the contraction, in MKL-DNN's order of additions (fused_matmul.product)
                return _fused_matmul.product(a.T if transpose_a else a,
                                             b.T if transpose_b else b,
                                             intra_threads or _eigen_sum.cpu_threads())
            return _one_row(a.reshape(-1), b, transpose_b)
        if a.dtype == np.float64 and b.dtype == np.float64:   # (n == 1 with m == 1 too)
            if m > 1:
                # Eigen's contraction with its own double GEBP kernel (eigen_gebp.product64)
                return _eigen_gebp.product64(a.T if transpose_a else a,
                                             b.T if transpose_b else b,
                                             intra_threads or _eigen_sum.cpu_threads())
            return _one_row(a.reshape(-1), b, transpose_b)
    if _eigen_cgemm.handles(a, b) and (a.shape[0] if transpose_a else a.shape[1]) == \
            (b.shape[1] if transpose_b else b.shape[0]):
        # complex: Eigen's contraction and gemv in their order of additions (eigen_cgemm);
        # None for one output (m = n = 1), not modelled
        out = _eigen_cgemm.matmul(a, b, transpose_a, transpose_b,
                                  intra_threads or _eigen_sum.cpu_threads())
        if out is not None:
            return out
    # threads.matmul is np.matmul, split over the intra-op pool on a loaded machine
    return threads.matmul(a.T if transpose_a else a, b.T if transpose_b else b)


def _matmul_grad(op, grad):
    """dA = G B^T, dB = A^T G, with the transposes TF uses for each flag combination."""
    a, b = conj(op._inputs[0]), conj(op._inputs[1])
    t_a = op._get_attr("transpose_a")
    t_b = op._get_attr("transpose_b")
    if not t_a and not t_b:
        ga = wants_grad(0) and _mm(grad, b, transpose_b=True)
        gb = wants_grad(1) and _mm(a, grad, transpose_a=True)
    elif not t_a and t_b:
        ga = wants_grad(0) and _mm(grad, b)
        gb = wants_grad(1) and _mm(grad, a, transpose_a=True)
    elif t_a and not t_b:
        ga = wants_grad(0) and _mm(b, grad, transpose_b=True)
        gb = wants_grad(1) and _mm(a, grad)
    else:
        ga = wants_grad(0) and _mm(b, grad, transpose_a=True, transpose_b=True)
        gb = wants_grad(1) and _mm(grad, a, transpose_a=True, transpose_b=True)
    return [ga if ga is not False else None, gb if gb is not False else None]


def _mm(a, b, transpose_a=False, transpose_b=False):
    return apply("MatMul", [a, b], {"transpose_a": transpose_a, "transpose_b": transpose_b})


register_op("MatMul", infer=_matmul_infer, kernel=_matmul_kernel, grad=_matmul_grad,
            intra_op_threads=True)


# -- SparseMatMul (matmul with a_is_sparse/b_is_sparse on float32/bfloat16) --------------------
def _sparse_matmul_infer(inputs, attrs):
    (_, shape), = _matmul_infer(inputs, attrs)
    return [(_dt.float32, shape)]


def _sparse_matmul_kernel(a, b, transpose_a=False, transpose_b=False, **_):
    out = np.matmul(a.T if transpose_a else a, b.T if transpose_b else b)
    return out.astype(np.float32, copy=False)


def _sparse_matmul_grad(op, grad):
    """As MatMul's (the sparsity flags are hints only); each gradient in its input's dtype."""
    grads = _matmul_grad(op, grad)
    return [None if g is None else cast(g, t.dtype.base_dtype) for g, t in zip(grads, op._inputs)]


register_op("SparseMatMul", infer=_sparse_matmul_infer, kernel=_sparse_matmul_kernel,
            grad=_sparse_matmul_grad)


# -- BatchMatMulV2 ---------------------------------------------------------------------------
def _bmm_dims(a, b):
    """Both operands' dims (None: unknown rank), each known rank at least 2 (TF's
    WithRankAtLeast in both batch products' shape functions)."""
    sa, sb = _dims(a), _dims(b)
    for s in (sa, sb):
        if s is not None and len(s) < 2:
            raise ValueError(f"Shape must be at least rank 2 but is rank {len(s)}")
    return sa, sb


def _bmm_infer(inputs, attrs):
    a, b = inputs
    sa, sb = _bmm_dims(a, b)
    if sa is None or sb is None:
        return [(a.dtype.base_dtype, TensorShape(None))]
    m, ka = (sa[-1], sa[-2]) if attrs.get("adj_x") else sa[-2:]
    kb, n = (sb[-1], sb[-2]) if attrs.get("adj_y") else sb[-2:]
    _check_inner(ka, kb)
    batch = broadcast_dims(sa[:-2], sb[:-2])
    return [(a.dtype.base_dtype, TensorShape(list(batch) + [m, n]))]


def _adjoint(x):
    x = np.swapaxes(x, -1, -2)
    return np.conj(x) if x.dtype.kind == "c" else x


def _bmm_kernel(a, b, adj_x=False, adj_y=False, intra_threads=None, **_):
    if a.dtype == b.dtype and a.dtype.kind == "c" and a.ndim >= 2 and b.ndim >= 2:
        # Eigen's complex contraction or matrix product in its order of additions (None:
        # a matrix-vector product, not modelled)
        out = _eigen_cgemm.batch_matmul(a, b, adj_x, adj_y,
                                        intra_threads or _eigen_sum.cpu_threads())
        if out is not None:
            return out
    x, y = (_adjoint(a) if adj_x else a), (_adjoint(b) if adj_y else b)
    if x.dtype == np.float16 and y.dtype == np.float16 and x.ndim >= 2 and y.ndim >= 2:
        # Eigen::half rounds every product and sum to half (eigen_half_mm)
        return _eigen_half_mm.batch_matmul(x, y, adj_x, adj_y,
                                           pool=intra_threads or _eigen_sum.cpu_threads())
    if x.ndim == 2 and y.ndim == 2 and x.size and y.size and x.shape[1] == y.shape[0]:
        # one product (tf.matmul of operands of unknown rank): TF makes it a batch of one.
        # With m, k and n above 1, its tensor contraction (fused_matmul.product, float64:
        # eigen_gebp.product64); with m or n of 1, Eigen's sequential product (eigen_bmm:
        # its matrix-vector kernels, which depend on the adjoints)
        m, k, n = x.shape[0], x.shape[1], y.shape[1]
        if _eigen_bmm.handles(x, y, m, k, n, 1):
            return _eigen_bmm.batch_matmul(x[None], y[None], adj_x, adj_y)[0]
        if min(m, k, n) > 1 and x.dtype == y.dtype == np.float32:
            return _fused_matmul.product(x, y, intra_threads or _eigen_sum.cpu_threads())
        if min(m, k, n) > 1 and x.dtype == y.dtype == np.float64:
            return _eigen_gebp.product64(x, y, intra_threads or _eigen_sum.cpu_threads())
    if x.ndim >= 2 and y.ndim >= 2 and max(x.ndim, y.ndim) >= 3 and x.size and y.size:
        batch_shape = np.broadcast_shapes(x.shape[:-2], y.shape[:-2])
        batch = int(np.prod(batch_shape))
        m, k, n = x.shape[-2], x.shape[-1], y.shape[-1]
        # a batch of small float32 products: Eigen's order of additions (eigen_bmm.py)
        if _eigen_bmm.handles(x, y, m, k, n, batch):
            return _eigen_bmm.batch_matmul(x, y, adj_x, adj_y)
        if x.dtype == y.dtype and x.dtype in (np.float32, np.float64) and min(m, k, n) > 1:
            # one matrix, or products above 2**22 multiply-adds: TF's ParallelMatMulKernel,
            # the tensor contraction (as MatMul) of one matrix after the other
            pool = intra_threads or _eigen_sum.cpu_threads()
            xs = np.broadcast_to(x, batch_shape + (m, k)).reshape(-1, m, k)
            ys = np.broadcast_to(y, batch_shape + (k, n)).reshape(-1, k, n)
            one = _fused_matmul.product if x.dtype == np.float32 else _eigen_gebp.product64
            out = np.stack([one(xs[i], ys[i], pool) for i in range(batch)])
            return out.reshape(batch_shape + (m, n))
    return np.matmul(x, y)


def _bmm_grad(op, grad):
    """As MatMul's with adjoints; batch dims that were broadcast are summed back."""
    x, y = op._inputs
    adj_x = op._get_attr("adj_x")
    adj_y = op._get_attr("adj_y")
    if not adj_x:
        if not adj_y:
            gx = wants_grad(0) and _bmm(grad, y, False, True)
            gy = wants_grad(1) and _bmm(x, grad, True, False)
        else:
            gx = wants_grad(0) and _bmm(grad, y, False, False)
            gy = wants_grad(1) and _bmm(grad, x, True, False)
    else:
        if not adj_y:
            gx = wants_grad(0) and _bmm(y, grad, False, True)
            gy = wants_grad(1) and _bmm(x, grad, False, False)
        else:
            gx = wants_grad(0) and _bmm(y, grad, True, True)
            gy = wants_grad(1) and _bmm(grad, x, True, True)
    gx = None if gx is False else gx
    gy = None if gy is False else gy
    xs, ys = x.shape, y.shape
    if xs.is_fully_defined() and ys.is_fully_defined() and xs == ys:
        return [gx, gy]
    # TF 1.14's ops: the batch dims' shapes, BroadcastGradientArgs, Sum + Reshape per side
    sx, sy = shape(x), shape(y)
    rx, ry = apply("BroadcastGradientArgs", [sx[:-2], sy[:-2]])
    if gx is not None:
        gx = reshape(reduce_sum(gx, rx), sx)
    if gy is not None:
        gy = reshape(reduce_sum(gy, ry), sy)
    return [gx, gy]


def _bmm(a, b, adj_a, adj_b):
    return apply("BatchMatMulV2", [a, b], {"adj_x": adj_a, "adj_y": adj_b}, "MatMul")


register_op("BatchMatMulV2", infer=_bmm_infer, kernel=_bmm_kernel, grad=_bmm_grad,
            intra_op_threads=True)


# -- BatchMatMul (TF's first batch product: batch dims equal, no broadcasting) ------------------
def _bmm_v1_infer(inputs, attrs):
    """TF's BatchMatMulShapeFn: ranks at least 2, the batch dims merged, the inner dims."""
    a, b = inputs
    sa, sb = _bmm_dims(a, b)
    if sa is None and sb is None:
        return [(a.dtype.base_dtype, TensorShape(None))]
    m = None if sa is None else (sa[-1] if attrs.get("adj_x") else sa[-2])
    n = None if sb is None else (sb[-2] if attrs.get("adj_y") else sb[-1])
    batch = merge_shapes(TensorShape(None if sa is None else sa[:-2]),
                         TensorShape(None if sb is None else sb[:-2]))
    if sa is not None and sb is not None:
        _check_inner(sa[-2] if attrs.get("adj_x") else sa[-1],
                     sb[-1] if attrs.get("adj_y") else sb[-2])
    if batch.ndims is None:
        return [(a.dtype.base_dtype, TensorShape(None))]
    return [(a.dtype.base_dtype, TensorShape(list(batch.as_tuple()) + [m, n]))]


def _bmm_v1_kernel(a, b, adj_x=False, adj_y=False, intra_threads=None, **_):
    """BatchMatMulV2's kernel after TF 1.14's BatchMatMulOp checks (equal ranks and batch)."""
    if a.ndim != b.ndim:
        raise _errors.InvalidArgumentError(
            None, None, f"In[0] and In[1] has different ndims: {_fmt(a.shape)} vs. "
            f"{_fmt(b.shape)}")
    for i in range(a.ndim - 2):
        if a.shape[i] != b.shape[i]:
            raise _errors.InvalidArgumentError(
                None, None, f"In[0].dim({i}) and In[1].dim({i}) must be the same: "
                f"{_fmt(a.shape)} vs {_fmt(b.shape)}")
    return _bmm_kernel(a, b, adj_x, adj_y, intra_threads)


def _fmt(s):
    return "[" + ",".join(str(d) for d in s) + "]"


def _bmm_v1_grad(op, grad):
    """TF 1.14's _BatchMatMul: math_ops.matmul with adjoints (BatchMatMulV2 above rank 2)."""
    x, y = op._inputs
    adj_x, adj_y = op._get_attr("adj_x"), op._get_attr("adj_y")
    if not adj_x:
        if not adj_y:
            return [matmul(grad, y, adjoint_b=True), matmul(x, grad, adjoint_a=True)]
        return [matmul(grad, y), matmul(grad, x, adjoint_a=True)]
    if not adj_y:
        return [matmul(y, grad, adjoint_b=True), matmul(x, grad)]
    return [matmul(y, grad, adjoint_a=True, adjoint_b=True),
            matmul(grad, x, adjoint_a=True, adjoint_b=True)]


register_op("BatchMatMul", infer=_bmm_v1_infer, kernel=_bmm_v1_kernel, grad=_bmm_v1_grad,
            intra_op_threads=True)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, name=None):
    """Matrix product a @ b, optionally transposing or adjoining either input.

    Two matrices give a `MatMul` op; inputs of rank > 2 (or unknown rank) give
    `BatchMatMulV2`, whose batch dimensions broadcast, as TF 1.14.
    `a_is_sparse`/`b_is_sparse` are hints: on float32/bfloat16 matrices they give a
    `SparseMatMul` op (float32 result), as TF 1.14; the values are the same.

    Args:
      a, b: Tensors of one dtype among float16/32/64, bfloat16, int32, int64, complex.
      transpose_a, transpose_b: transpose the last two dims first.
      adjoint_a, adjoint_b: conjugate-transpose the last two dims first.
      name: optional op name.
    Returns:
      A Tensor of the inputs' dtype.
    Raises:
      ValueError: both transpose_x and adjoint_x are set, ranks are wrong, or the
        inner dimensions differ.
      TypeError: the dtypes differ or are not allowed.

    >>> tf.matmul(tf.ones([2, 3]), tf.ones([3, 4])).shape
    TensorShape([Dimension(2), Dimension(4)])
    """
    with name_scope(name, "MatMul", [a, b]) as scope:
        if transpose_a and adjoint_a:
            raise ValueError("Only one of transpose_a and adjoint_a can be True.")
        if transpose_b and adjoint_b:
            raise ValueError("Only one of transpose_b and adjoint_b can be True.")
        # TF converts a and b each on its own (`matmul(float_t, [[1]])` raises); the op
        # made (MatMul, BatchMatMulV2) checks their types
        a, b = to_tensor(a, name="a"), to_tensor(b, name="b")
        ra, rb = a.shape.ndims, b.shape.ndims
        batch = ra is None or ra > 2 or rb is None or rb > 2
        if batch and not a_is_sparse and not b_is_sparse:
            if transpose_a:
                a, adjoint_a = conj(a), True
            if transpose_b:
                b, adjoint_b = conj(b), True
            return apply("BatchMatMulV2", [a, b], {"adj_x": bool(adjoint_a),
                                                   "adj_y": bool(adjoint_b)}, scope)
        if adjoint_a:
            a, transpose_a = conj(a), True
        if adjoint_b:
            b, transpose_b = conj(b), True
        if (a_is_sparse or b_is_sparse) and a.dtype.base_dtype in (_dt.float32, _dt.bfloat16):
            # TF 1.14 routes sparse hints on float32/bfloat16 to SparseMatMul (float32 out).
            return apply("SparseMatMul", [a, b], {
                "transpose_a": bool(transpose_a), "transpose_b": bool(transpose_b),
                "a_is_sparse": bool(a_is_sparse), "b_is_sparse": bool(b_is_sparse)}, scope)
        return apply("MatMul", [a, b], {"transpose_a": bool(transpose_a),
                                        "transpose_b": bool(transpose_b)}, scope)


def sparse_matmul(a: Any, b: Any, transpose_a: bool = False,
                  transpose_b: bool = False, a_is_sparse: bool = False,
                  b_is_sparse: bool = False, name: str | None = None) -> Any:
    """a @ b as one SparseMatMul op (float32/bfloat16 inputs, float32 result; the sparsity
    flags are hints), TF 1.14's `tf.sparse_matmul`."""
    a = to_tensor(a, name="a")
    b = to_tensor(b, name="b")
    for arg, t in (("a", a), ("b", b)):
        check_dtype("SparseMatMul", t, (_dt.float32, _dt.bfloat16), arg)
    return apply("SparseMatMul", [a, b], {
        "transpose_a": bool(transpose_a), "transpose_b": bool(transpose_b),
        "a_is_sparse": bool(a_is_sparse), "b_is_sparse": bool(b_is_sparse)},
        name or "SparseMatMul")


# -- einsum (TF 1.14 has no Einsum op: its einsum builds Transpose/Reshape/MatMul/Mul/Sum) ----
def _resolve_equation(equation, input_shapes):
    """Splits an einsum equation and resolves '...' and a missing output, as TF 1.14."""
    equation = equation.replace(" ", "")
    match = re.match(r"^([a-zA-Z,.]+)(->[a-zA-Z.]*)?$", equation)
    if not match:
        raise ValueError(f"Indices have incorrect format: {equation}")
    labels = match.group(1).split(",")
    out = match.group(2)[2:] if match.group(2) else None
    if len(input_shapes) != len(labels):
        raise ValueError(f"Got {len(input_shapes)} arguments for equation \"{equation}\", "
                         f"expecting {len(labels)}")
    ellipsis_axes = ""
    if "..." in equation:
        unused = "".join(c for c in string.ascii_letters if c not in "".join(labels))
        for i, ax in enumerate(labels):
            if "..." in ax:
                parts = ax.split("...")
                if len(parts) != 2:
                    raise ValueError("Unable to resolve ellipsis. Excess number found.")
                if input_shapes[i].ndims is None:
                    raise ValueError("Unable to statically infer ellipsis axes.")
                n = input_shapes[i].ndims - len("".join(parts))
                if n < 0:
                    raise ValueError("Ellipses lengths do not match.")
                if len(unused) < n:
                    raise ValueError("Unable to resolve ellipsis, too many distinct labels.")
                replace = unused[-n:] if n > 0 else ""
                labels[i] = ax.replace("...", replace)
                if len(replace) > len(ellipsis_axes):
                    ellipsis_axes = replace
        if any("." in ax for ax in labels):
            raise ValueError('period "." found outside of ellipsis')
        if out is not None:
            out = out.replace("...", ellipsis_axes)
            if "." in out:
                raise ValueError('period "." found outside of ellipsis')
    if out is None:
        axis_labels = set("".join(labels)) - set(ellipsis_axes)
        counts = {c: 0 for c in axis_labels}
        for ax in labels:
            for c in ax:
                if c not in ellipsis_axes:
                    counts[c] += 1
        out = ellipsis_axes + "".join(sorted(c for c in axis_labels if counts[c] == 1))
    # (an output label repeated or absent from the inputs is TF's "Invalid equation", raised
    # by einsum after it has built the products and sums)
    return labels, out


def _einsum_transpose(t, perm):
    """TF 1.14's _transpose_if_necessary: under Python 3 its `perm != range(n)` test is
    always true, so a Transpose is built even for the identity permutation."""
    return transpose(t, perm=list(perm))


def _einsum_reshape(t, new_shape):
    """TF 1.14's _reshape_if_necessary (a dim that is a Tensor never matches)."""
    new_shape = [-1 if d is None else d for d in new_shape]
    cur = list(t.shape.as_tuple()) if t.shape.ndims is not None else None
    if cur is not None and len(cur) == len(new_shape) and all(
            not isinstance(d1, Tensor) and (d1 == -1 or d0 == d1)
            for d0, d1 in zip(cur, new_shape)):
        return t
    return reshape(t, new_shape)


def _einsum_shape(t):
    """TF 1.14's _get_shape: static dims, unknown ones sliced from one Shape op."""
    dims = list(t.shape.as_tuple())
    unknown = [i for i, d in enumerate(dims) if d is None]
    if unknown:
        st = shape(t)
        for i in unknown:
            dims[i] = st[i]   # Tensor.__getitem__: TF's strided_slice and its names
    return dims


def _einsum_size(dims):
    result = 1
    for d in dims:
        result *= d
    return result


def _einsum_reduction(t0, l0, t1, l1, summed):
    """Two operands contracted over `summed` (TF 1.14's _einsum_reduction): transposed to
    (preserved, broadcast, summed) / (preserved, summed, broadcast), then a Mul of
    expanded operands when nothing is summed, else Reshape, MatMul, Reshape."""
    for t, lab in ((t0, l0), (t1, l1)):
        if t.shape.ndims is None:   # (TF takes len() of the operand's static shape)
            raise ValueError("Cannot take the length of shape with unknown rank.")
        if len(lab) != t.shape.ndims:
            which = "t0" if t is t0 else "t1"
            raise ValueError(f"Tensor {which} of rank {t.shape.ndims} does not match einsum "
                             f"reduction of length {len(lab)}")
    preserved = (set(l0) & set(l1)) - summed
    bcast = [set(l0) - preserved - summed, set(l1) - preserved - summed]

    def key(i, a):
        if a in preserved:
            return (-1, a)
        if (i == 0 and a in bcast[0]) or (i == 1 and a in summed):
            return (0, a)
        return (1, a)

    sorted_axes = [sorted(lab, key=lambda a, i=i: key(i, a)) for i, lab in enumerate((l0, l1))]
    t0 = _einsum_transpose(t0, [l0.find(a) for a in sorted_axes[0]])
    t1 = _einsum_transpose(t1, [l1.find(a) for a in sorted_axes[1]])
    np_ = len(preserved)
    if not summed:
        for _ in bcast[1]:
            t0 = expand_dims(t0, -1)
        for _ in bcast[0]:
            t1 = expand_dims(t1, np_)
        return multiply(t0, t1), "".join(sorted_axes[0] + sorted_axes[1][np_:])
    s0 = _einsum_shape(t0)
    ns = len(summed)
    n_b0 = _einsum_size(s0[np_:-ns])
    n_sum = _einsum_size(s0[-ns:])
    t0 = _einsum_reshape(t0, s0[:np_] + [n_b0, n_sum])
    s1 = _einsum_shape(t1)
    n_b1 = _einsum_size(s1[np_ + ns:])
    t1 = _einsum_reshape(t1, s1[:np_] + [n_sum, n_b1])
    product = matmul(t0, t1)
    product = _einsum_reshape(product, s0[:np_ + len(bcast[0])] +
                              s1[len(s1) - len(bcast[1]):])
    axes = sorted_axes[0][:np_ + len(bcast[0])] + \
        sorted_axes[1][len(sorted_axes[1]) - len(bcast[1]):]
    return product, "".join(axes)


def _einsum_exponential(labels, out, inputs):
    """TF 1.14's fallback when a label is summed over more than two operands: every
    operand transposed and reshaped onto all labels, multiplied, summed."""
    labels = list(labels)
    idx_all = set("".join(labels) + out)
    order = {}
    for a in sorted(idx_all):
        if a not in out:
            order[a] = len(order)
    for a in out:
        order[a] = len(order)
    for i, (t, lab) in enumerate(zip(inputs, labels)):
        if t.shape.ndims != len(lab):
            raise ValueError(f"Input {i} with axes {lab} has incorrect number of dimensions "
                             f"(expected {len(lab)}, got {t.shape.ndims})")
        srt = sorted(lab, key=order.get)
        if list(lab) != srt:
            inputs[i] = transpose(t, [lab.find(a) for a in srt])
            labels[i] = srt
    shapes = [[d if d else -1 for d in t.shape.as_tuple()] for t in inputs]
    reduction = []
    for j, a in enumerate(sorted(idx_all, key=order.get)):
        dims = []
        for i, lab in enumerate(labels):
            if a not in lab:
                shapes[i].insert(j, 1)
            elif shapes[i][j] > 1:
                dims.append(shapes[i][j])
        if len(set(dims)) > 1:
            raise ValueError(f"Dimension mismatch on axis: {a}")
        if a not in out:
            reduction.append(j)
    expanded = [reshape(t, s) for t, s in zip(inputs, shapes)]
    product = 1
    for t in expanded:
        product *= t
    return reduce_sum(product, reduction)


def einsum(equation, *inputs, **kwargs):
    """Tensor contraction over subscripts, e.g. 'ij,jk->ik', built as TF 1.14 builds it.

    '...' is resolved from the inputs' static ranks; a missing '->' output lists
    the subscripts used once, alphabetically. Operands are contracted left to right:
    each pair is transposed, reshaped and multiplied (MatMul / BatchMatMulV2, or Mul
    when nothing is summed), the result summed over what remains and transposed to
    the output's order, as TF 1.14's ops (names and count); a label summed over more
    than two operands takes TF's broadcasting fallback, 'ii' alone is a trace. A
    subscript may not repeat within one input otherwise (as TF 1.14).

    Args:
      equation: the subscripts, e.g. 'bij,bjk->bik'.
      *inputs: the Tensors (or Variables: TF 1.14 takes no NumPy or Python values).
      name: optional name (keyword only).
    Returns:
      A Tensor.
    Raises:
      ValueError: the equation is malformed or does not match the inputs.
      TypeError: unknown keyword arguments, or the dtypes differ.
      AttributeError: an input is not a Tensor (as TF 1.14).

    >>> tf.einsum('ij,jk->ik', tf.ones([2, 3]), tf.ones([3, 4])).shape
    TensorShape([Dimension(2), Dimension(4)])
    """
    name = kwargs.pop("name", None)
    if kwargs:
        raise TypeError("invalid keyword arguments for this function: " +
                        ", ".join(sorted(kwargs)))
    with name_scope(name, "einsum", [equation, inputs]) as scope:
        inputs = list(inputs)
        # as TF 1.14: Tensors (or Variables) only, a NumPy or Python value is an
        # AttributeError; dtypes meet first in the MatMul / Mul that joins them
        shapes = [x.get_shape() for x in inputs]
        inputs = [to_tensor(x) for x in inputs]
        labels, out = _resolve_equation(equation, shapes)
        eq = equation.replace(" ", "")
        for a in set("".join(labels) + out):
            for lab in labels:
                if (len(labels) == 1 and lab.count(a) == 2 and lab == lab[::-1]
                        and "->" not in eq):
                    with name_scope(None, "Trace", [inputs[0]]) as tscope:
                        diag = apply("MatrixDiagPart", [inputs[0]], {})
                        return reduce_sum(diag, [-1], name=tscope)
                if lab.count(a) > 1:
                    raise ValueError("Subscript not supported: an axis appears more than "
                                     f"once: {lab}")
        for a in set("".join(labels) + out):
            if sum(1 for lab in labels if a in lab) > 2 and a not in out:
                return _einsum_exponential(labels, out, inputs)
        temp, temp_labels = inputs[0], labels[0]
        for i in range(len(inputs) - 1):
            summed = set(temp_labels) & set(labels[i + 1]) - set(out)
            temp, temp_labels = _einsum_reduction(temp, temp_labels, inputs[i + 1],
                                                  labels[i + 1], summed)
        if set(temp_labels) - set(out):
            axis = [i for i, a in enumerate(temp_labels) if a not in out]
            temp = reduce_sum(temp, axis=axis)
            temp_labels = "".join(a for a in temp_labels if a in out)
        if sorted(temp_labels) != sorted(out):
            raise ValueError(f"Invalid equation: {equation}")
        del scope
        return _einsum_transpose(temp, [temp_labels.index(a) for a in out])


# -- tf.linalg helpers composed from matmul and array ops (exported under tf.linalg only) -------
def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """Transposes the last two dimensions of `a` (conjugating if asked).

    Raises:
      ValueError: `a` has known rank below 2.

    >>> tf.linalg.matrix_transpose(tf.zeros([5, 2, 3])).shape
    TensorShape([Dimension(5), Dimension(3), Dimension(2)])
    """
    with name_scope(name, "matrix_transpose", [a]):
        a = to_tensor(a, name="a")
        ndims = a.shape.ndims
        if ndims is not None:
            if ndims < 2:
                raise ValueError("Argument 'a' should be a (batch) matrix, with rank >= 2.  "
                                 f"Found: {a.shape}")
            perm = list(range(ndims - 2)) + [ndims - 1, ndims - 2]
        else:
            r = rank(a)   # (TF: Python's `-`, a raw Range, the list packed by concat)
            perm = concat([_range(0, r - 2, 1, name="Range"), [r - 1, r - 2]], 0)
        return transpose(a, perm=perm, conjugate=conjugate)


def adjoint(matrix, name=None):
    """Conjugate transpose of the last two dimensions.

    >>> tf.linalg.adjoint(tf.constant([[1 + 1j, 2]])).shape
    TensorShape([Dimension(2), Dimension(1)])
    """
    with name_scope(name, "adjoint", [matrix]):
        matrix = to_tensor(matrix, name="matrix")
        return matrix_transpose(matrix, conjugate=True)


