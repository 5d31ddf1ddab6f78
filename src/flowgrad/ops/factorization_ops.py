"""tf.contrib.factorization's WALS kernels (TF 1.14 contrib/factorization/kernels/
wals_solver_ops.cc and masked_matmul_ops.cc): WALSComputePartialLhsAndRhs and MaskedMatmul,
with their Python wrappers (TF's gen_factorization_ops). Both ops' outputs have unknown
shapes, as TF's registrations give them.

WALSComputePartialLhsAndRhs groups the entries by their input index (a stable sort, so each
row keeps the entries' order). For each row its rhs adds, entry after entry,
`(value * (w0 + weight)) * factor` (float32); its lhs is the lower triangle of the sum of
`f f^T` for f = factor * sqrtf(weight), the entries batched by 128 into rank-k updates
(Eigen's selfadjointView<Lower>().rankUpdate, a triangular GEMM: the rows cut in panels of mc
(a multiple of 4), each panel's part left of the diagonal one GEBP call, its diagonal in
blocks of 16, each block and the rows below it one call; engine/ops/eigen_lu._gebp_sub models
the kernel's order of sums), the batches added in turn, then mirrored to the upper triangle.

MaskedMatmul's entries are Eigen's dot products of a row of a and a row of b (transposed b),
each a vectorized redux (clustering_ops._redux_rows).
"""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops.eigen_lu import _gebp_sub
from ..engine.ops.eigen_qr_blocked import _blocking
from ..engine.ops.image_boxes import gen_op
from .clustering_ops import _arg, _check_types, _redux_rows

__all__ = ["wals_compute_partial_lhs_and_rhs", "masked_matmul"]

_BATCH = 128            # kMaxBatchSize: rank-one updates batched into one rank-k update
_DIAG = 16              # tribb_kernel's BlockSize for float (lcm of mr 16 and nr 4)


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


# -- WALSComputePartialLhsAndRhs ------------------------------------------------------------

def _rank_update_mc(size, depth):
    """mc of Eigen's blocking for a rank-`depth` update of a size x size float matrix (a
    GEMM's blocking space, KcFactor 1), rounded down to a multiple of nr (4) as
    general_matrix_matrix_triangular_product does."""
    mc = min(_blocking(size, size, depth, np.float32, kc_factor=1)[1], size)
    return mc // 4 * 4 if mc > 4 else mc


def _gebp_add(res, rows, cols):
    """res + rows @ cols^T ([B, r, c] += [B, r, d] [B, c, d]^T) as one GEBP call sums it."""
    zero = np.zeros(res.shape, np.float32)
    return res - _gebp_sub(zero, rows, np.swapaxes(cols, 1, 2))


def _rank_update(lhs, f):
    """The lower triangle of lhs [B, K, K] (column-major: lhs[:, i, j] is Eigen's (i, j))
    plus f f^T for f [B, K, d], as Eigen's triangular GEMM adds it (module docstring)."""
    size, depth = f.shape[1], f.shape[2]
    mc = _rank_update_mc(size, depth)
    for i2 in range(0, size, mc):
        am = min(mc, size - i2)
        if i2:
            lhs[:, i2:i2 + am, :i2] = _gebp_add(lhs[:, i2:i2 + am, :i2], f[:, i2:i2 + am],
                                                f[:, :i2])
        for j in range(0, am, _DIAG):
            bs = min(_DIAG, am - j)
            lo = i2 + j
            block = _gebp_add(np.zeros((f.shape[0], bs, bs), np.float32), f[:, lo:lo + bs],
                              f[:, lo:lo + bs])
            low = np.tril(np.ones((bs, bs), bool))
            diag = lhs[:, lo:lo + bs, lo:lo + bs]
            lhs[:, lo:lo + bs, lo:lo + bs] = np.where(low, diag + block, diag)
            below = slice(lo + bs, i2 + am)
            if lo + bs < i2 + am:
                lhs[:, below, lo:lo + bs] = _gebp_add(lhs[:, below, lo:lo + bs], f[:, below],
                                                      f[:, lo:lo + bs])
    return lhs


def _check_wals_inputs(factors, factor_weights, unobserved_weights, input_weights,
                       input_indices, input_values, entry_weights, input_block_size,
                       input_is_transpose):
    checks = [(factors.ndim == 2, "Input factors should be a matrix."),
              (factor_weights.ndim == 1, "Input factor_weights should be a vector."),
              (unobserved_weights.ndim == 0, "Input unobserved_weights should be a scalar."),
              (input_weights.ndim == 1, "Input input_weights should be a vector."),
              (input_indices.ndim == 2, "Input input_indices should be a matrix.")]
    for ok, msg in checks:
        if not ok:
            raise _invalid(msg)
    if input_indices.shape[1] != 2:
        raise _invalid("Input input_indices should have shape (?, 2).")
    if input_values.ndim != 1:
        raise _invalid("Input input_values should be a vector")
    if entry_weights.ndim != 1:
        raise _invalid("Input entry_weights should be a vector")
    if input_indices.shape[0] != input_values.shape[0]:
        raise _invalid("Input input_values' length should match the first dimension of "
                       "Input input_indices ")
    if input_block_size.ndim != 0:
        raise _invalid("Input input_block_size should be a scalar.")
    if input_is_transpose.ndim != 0:
        raise _invalid("Input input_is_transpose should be a scalar.")
    by_input = (input_weights.shape[0] > 0 and factor_weights.shape[0] == factors.shape[0]
                and entry_weights.shape[0] == 0)
    by_entry = (input_weights.shape[0] == 0 and factor_weights.shape[0] == 0
                and entry_weights.shape[0] == input_indices.shape[0])
    if not (by_input or by_entry):
        raise _invalid("To specify the weights for observed entries, either (1) entry_weights "
                       "must be set or (2) input_weights and factor_weights must be set, but "
                       "not both.")


def _wals_kernel(factors, factor_weights, unobserved_weights, input_weights, input_indices,
                 input_values, entry_weights, input_block_size, input_is_transpose):
    args = [np.asarray(a) for a in (factors, factor_weights, unobserved_weights, input_weights,
                                    input_indices, input_values, entry_weights,
                                    input_block_size, input_is_transpose)]
    _check_wals_inputs(*args)
    factors, factor_weights, w0, input_weights, indices, values, entry_weights = \
        [a.astype(np.float32, copy=False) if a.dtype != np.int64 else a for a in args[:7]]
    block, transpose = int(args[7]), bool(args[8])
    dim = factors.shape[1]
    lhs = np.zeros((block, dim, dim), np.float32)
    rhs = np.zeros((block, dim), np.float32)
    nnz = indices.shape[0]
    if not nnz:
        return lhs, rhs
    rows = indices[:, 1] if transpose else indices[:, 0]
    fidx = indices[:, 0] if transpose else indices[:, 1]
    if entry_weights.shape[0]:
        weight = entry_weights
    else:
        weight = (input_weights[rows] * factor_weights[fidx]).astype(np.float32)
    scale = (values * (w0 + weight).astype(np.float32)).astype(np.float32)
    root = np.sqrt(weight).astype(np.float32)
    order = np.argsort(rows, kind="stable")
    uniq, start, count = np.unique(rows[order], return_index=True, return_counts=True)
    # rows with the same number of entries are summed together: [R, n] entry positions
    for n in np.unique(count):
        sel = count == n
        pos = order[start[sel][:, None] + np.arange(n)[None, :]]
        out = uniq[sel]
        f = factors[fidx[pos]]                                  # [R, n, K]
        acc = np.zeros((out.size, dim), np.float32)
        for p in range(n):
            acc = acc + scale[pos[:, p], None] * f[:, p]
        rhs[out] = acc
        scaled = np.swapaxes(f * root[pos][:, :, None], 1, 2)  # [R, K, n]
        tri = np.zeros((out.size, dim, dim), np.float32)
        for b in range(0, n, _BATCH):
            tri = _rank_update(tri, np.ascontiguousarray(scaled[:, :, b:b + _BATCH]))
        low = np.tril(np.ones((dim, dim), bool))
        tri = np.where(low, tri, np.swapaxes(tri, 1, 2))
        # the kernel's lhs_mat is column-major over the row-major output: (i, j) -> [j, i]
        lhs[out] = np.swapaxes(tri, 1, 2)
    return lhs, rhs


def _wals_infer(inputs, attrs):
    _check_types("WALSComputePartialLhsAndRhs", inputs, [
        ("factors", _dt.float32), ("factor_weights", _dt.float32),
        ("unobserved_weights", _dt.float32), ("input_weights", _dt.float32),
        ("input_indices", _dt.int64), ("input_values", _dt.float32),
        ("entry_weights", _dt.float32), ("input_block_size", _dt.int64),
        ("input_is_transpose", _dt.bool_)])
    return [(_dt.float32, TensorShape(None)), (_dt.float32, TensorShape(None))]


register_op("WALSComputePartialLhsAndRhs", infer=_wals_infer, kernel=_wals_kernel, grad=None)


def wals_compute_partial_lhs_and_rhs(factors, factor_weights, unobserved_weights,
                                     input_weights, input_indices, input_values, entry_weights,
                                     input_block_size, input_is_transpose, name=None):
    """The partial lhs [block, K, K] and rhs [block, K] of WALS's normal equations for the
    rows (columns when input_is_transpose) of a sparse block of the input."""
    f32, i64 = _dt.float32, _dt.int64
    return tuple(gen_op("WALSComputePartialLhsAndRhs", [
        _arg(factors, "factors", f32), _arg(factor_weights, "factor_weights", f32),
        _arg(unobserved_weights, "unobserved_weights", f32),
        _arg(input_weights, "input_weights", f32), _arg(input_indices, "input_indices", i64),
        _arg(input_values, "input_values", f32), _arg(entry_weights, "entry_weights", f32),
        _arg(input_block_size, "input_block_size", i64),
        _arg(input_is_transpose, "input_is_transpose", _dt.bool_)], {}, name=name))


# -- MaskedMatmul ---------------------------------------------------------------------------

def _masked_matmul_kernel(a, b, mask_indices, transpose_a, transpose_b):
    a, b, mask = np.asarray(a), np.asarray(b), np.asarray(mask_indices)
    transpose_a, transpose_b = np.asarray(transpose_a), np.asarray(transpose_b)
    for x, what in ((a, "a"), (b, "b"), (mask, "mask_indices")):
        if x.ndim != 2:
            raise _invalid(f"Input {what} should be a matrix.")
    for x, what in ((transpose_a, "transpose_a"), (transpose_b, "transpose_b")):
        if x.ndim != 0:
            raise _invalid(f"Input {what} should be a scalar.")
    sa, sb = a.shape, b.shape
    a = a.T if bool(transpose_a) else a
    b = b if bool(transpose_b) else b.T          # rows of b are the product's columns
    if a.shape[1] != b.shape[1]:
        raise _invalid(f"Matrix shapes are incompatible: a has shape [{sa[0]},{sa[1]}], "
                       f"while b has shape [{sb[0]},{sb[1]}].")
    if mask.shape[1] != 2:
        raise _invalid("mask_indices should be a matrix of shape [nnz 2], where nnz is the "
                       "number of non-zero elements.")
    i, j = mask[:, 0], mask[:, 1]
    if ((i < 0) | (i >= a.shape[0])).any() or ((j < 0) | (j >= b.shape[0])).any():
        raise _invalid("MaskedMatmul: a mask index is out of bounds")
    prod = (a[i].astype(np.float32) * b[j].astype(np.float32)).astype(np.float32)
    return _redux_rows(prod).astype(np.float32)


def _masked_matmul_infer(inputs, attrs):
    _check_types("MaskedMatmul", inputs, [
        ("a", _dt.float32), ("b", _dt.float32), ("mask_indices", _dt.int64),
        ("transpose_a", _dt.bool_), ("transpose_b", _dt.bool_)])
    return [(_dt.float32, TensorShape(None))]


register_op("MaskedMatmul", infer=_masked_matmul_infer, kernel=_masked_matmul_kernel, grad=None)


def masked_matmul(a, b, mask_indices, transpose_a, transpose_b, name=None):
    """The entries (a b)[mask_indices[i, 0], mask_indices[i, 1]] of a product (a, b
    optionally transposed), float32 [nnz]."""
    return gen_op("MaskedMatmul", [
        _arg(a, "a", _dt.float32), _arg(b, "b", _dt.float32),
        _arg(mask_indices, "mask_indices", _dt.int64),
        _arg(transpose_a, "transpose_a", _dt.bool_),
        _arg(transpose_b, "transpose_b", _dt.bool_)], {}, name=name)
