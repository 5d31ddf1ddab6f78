"""Sparse ops: the kernels behind tf.SparseTensor's functions (TF 1.14's op types,
attrs and gradients).

- `SparseToDense`: scatters values (or one value) at indices into a dense tensor
  filled with a default (validate_indices: indices sorted, unique, in bounds).
- `SparseTensorDenseMatMul`: a rank-2 SparseTensor times a dense matrix
  (adjoint_a/adjoint_b); gradients w.r.t. the values and the dense matrix.
- `SparseReduceSum`: the sum of a SparseTensor over axes, as a dense tensor.
- `SparseReorder`: a SparseTensor's entries sorted into row-major order.
- `SparseDenseCwiseMul/Div`: a SparseTensor's values times (over) a dense
  tensor broadcast to its shape (`sp * dense`, `sp / dense`).
- `SparseSegmentSum/Mean/SqrtN` (+ the Mean/SqrtN gradient ops): rows picked by indices,
  reduced over sorted segment ids (what embedding_lookup_sparse combines with).
- `CTCGreedyDecoder`: best-path CTC decoding, whose labels come out as a SparseTensor.

A SparseTensor is passed to these ops as its three components (indices int64
[N, rank], values [N], dense_shape int64 [rank]); the public wrappers taking
SparseTensors are in flowgrad/ops/sparse_ops.py.
"""
from __future__ import annotations

__all__ = ["sparse_to_dense", "sparse_tensor_dense_mat_mul", "sparse_reduce_sum",
           "sparse_reorder", "sparse_dense_cwise_mul", "sparse_dense_cwise_div",
           "sparse_segment_sum", "sparse_segment_mean",
           "sparse_segment_sqrt_n", "ctc_greedy_decoder"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import constant
from ..framework.grad_state import wants_grad
from ..framework.registry import register_op
from ..framework.static_value import constant_value_as_shape
from ..framework.graph import Tensor
from ..framework.tensor_shape import TensorShape
from ._array_util import _scope, refined_scalar, shape_value, whole_value
from ._base import (NUMBERS, apply, apply_op, check_dtype, const_value, to_tensor,
                    typed_input)
from . import eigen_sum as _eigen_sum
from .cast import cast
from .construction import range as _range
from .construction import ones, zeros_like
from .elementwise import floordiv, multiply, negative, square, subtract, truediv
from .indexing import gather, gather_nd, sparse_tensor_dense_add
from .joining import concat
from .joining import slice as _slice
from .reductions import reduce_sum, tf_reduced_shape
from .segment import unsorted_segment_sum
from .shape import (expand_dims, identity, invert_permutation, reshape, shape, size,
                    transpose)

_INDEX = (_dt.int32, _dt.int64)


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _fmt(idx):
    return "[" + ",".join(str(int(i)) for i in idx) + "]"


# -- SparseToDense ----------------------------------------------------------------------------
def _std_infer(inputs, attrs):
    ind, oshape, vals, default = inputs
    check_dtype("SparseToDense", ind, _INDEX, "sparse_indices")
    if oshape.dtype.base_dtype is not ind.dtype.base_dtype:
        raise TypeError(f"Input 'output_shape' of 'SparseToDense' Op has type "
                        f"{oshape.dtype.name} that does not match type {ind.dtype.name} of "
                        f"argument 'sparse_indices'.")
    if default.dtype.base_dtype is not vals.dtype.base_dtype:
        raise TypeError(f"Input 'default_value' of 'SparseToDense' Op has type "
                        f"{default.dtype.name} that does not match type {vals.dtype.name} of "
                        f"argument 'sparse_values'.")
    if ind.shape.ndims is not None and ind.shape.ndims > 2:
        raise ValueError(f"Shape must be at most rank 2 but is rank {ind.shape.ndims}")
    if oshape.shape.ndims is not None and oshape.shape.ndims > 1:
        raise ValueError(f"Shape must be at most rank 1 but is rank {oshape.shape.ndims}")
    if default.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {default.shape.ndims}")
    v = const_value(oshape)
    if v is not None:
        out = TensorShape([int(d) if d >= 0 else None for d in np.reshape(v, -1)])
    elif oshape.shape.ndims == 1 and oshape.shape.as_list()[0] is not None:
        # TF's MakeShapeFromShapeTensor: the dims its shape refiner evaluates
        sv = shape_value(oshape)
        out = TensorShape([d if d is not None and d >= 0 else None for d in sv]
                          if sv is not None and len(sv) == oshape.shape.as_list()[0]
                          else [None] * oshape.shape.as_list()[0])
    else:
        out = TensorShape(None)
    return [(vals.dtype.base_dtype, out)]


def _std_kernel(sparse_indices, output_shape, sparse_values, default_value,
                validate_indices=True, **_):
    ind = np.asarray(sparse_indices)
    oshape = tuple(int(d) for d in np.reshape(output_shape, -1))
    rank = len(oshape)
    if ind.ndim > 2:
        raise _invalid(f"sparse_indices should be a scalar, vector, or matrix, got shape "
                       f"{list(ind.shape)}")
    num = 1 if ind.ndim == 0 else ind.shape[0]
    if ind.ndim != 2:   # (a [0, rank] matrix stays as it is: reshape(0, -1) cannot say)
        ind = ind.reshape(num, -1) if ind.ndim == 0 else ind.reshape(num, 1)
    if ind.shape[1] != rank and not (num == 0 and ind.size == 0):
        raise _invalid(f"sparse_indices[0].shape[0] = {ind.shape[1]} must match the length of "
                       f"output_shape = {rank}" if ind.ndim == 2 else "bad indices")
    vals = np.asarray(sparse_values)
    if vals.ndim > 1 or (vals.ndim == 1 and vals.shape[0] != num):
        raise _invalid(f"sparse_values has incorrect shape {list(vals.shape)}, should be [] "
                       f"or [{num}]")
    # the first bad row, checked as TF checks each row in turn (bounds, then repeats and
    # order against the row before), all rows at once
    oob = np.any((ind < 0) | (ind >= np.asarray(oshape, np.int64)), axis=1) if num else \
        np.zeros(0, bool)
    repeated = np.zeros(num, bool)
    backwards = np.zeros(num, bool)
    if validate_indices and num > 1:
        diff = ind[1:].astype(np.int64) - ind[:-1].astype(np.int64)
        nz = diff != 0
        moved = nz.any(axis=1)
        lead = diff[np.arange(num - 1), np.argmax(nz, axis=1)]
        repeated[1:] = ~moved
        backwards[1:] = moved & (lead < 0)
    bad = np.nonzero(oob | repeated | backwards)[0]
    if bad.size:
        i = int(bad[0])
        row = ind[i]
        if oob[i] and not validate_indices:   # (the kernel's ToDense refuses it)
            raise _invalid(f"Indices are not valid (out of bounds).  Shape: {_fmt(oshape)}")
        if oob[i]:
            raise _invalid(f"indices[{i}] = {_fmt(row)} is out of bounds: need 0 <= index < "
                           f"{_fmt(oshape)}")
        if repeated[i]:
            raise _invalid(f"indices[{i}] = {_fmt(row)} is repeated")
        raise _invalid(f"indices[{i}] = {_fmt(row)} is out of order")
    out = np.full(oshape, np.asarray(default_value), dtype=vals.dtype)
    if num:
        out[tuple(ind.T)] = vals
    return out


def _std_grad(op, grad):
    """TF's: the values get gather_nd(grad, indices); the default the rest of the sum."""
    sparse_indices, output_shape = op._inputs[0], op._inputs[1]
    values_grad = gather_nd(grad, sparse_indices)
    default_grad = subtract(reduce_sum(grad), reduce_sum(values_grad), name="sub")   # `-`
    return [zeros_like(sparse_indices), zeros_like(output_shape), values_grad, default_grad]


register_op("SparseToDense", infer=_std_infer, kernel=_std_kernel, grad=_std_grad)


def sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value,
                    validate_indices=True, name=None):
    """The op `SparseToDense` (TF's gen_sparse_ops.sparse_to_dense)."""
    with _scope(name, "SparseToDense", []) as scope:
        ind = to_tensor(sparse_indices, name="sparse_indices")
        oshape = to_tensor(output_shape, dtype=ind.dtype.base_dtype, name="output_shape")
        vals = to_tensor(sparse_values, name="sparse_values")
        default = to_tensor(default_value, dtype=vals.dtype.base_dtype, name="default_value")
        return apply("SparseToDense", [ind, oshape, vals, default],
                     {"validate_indices": bool(validate_indices)}, scope)


# -- SparseTensorDenseMatMul ------------------------------------------------------------------
def _stdmm_infer(inputs, attrs):
    ind, vals, ashape, b = inputs
    check_dtype("SparseTensorDenseMatMul", ind, _INDEX, "a_indices")
    if vals.dtype.base_dtype is not b.dtype.base_dtype:
        raise TypeError(f"Input 'b' of 'SparseTensorDenseMatMul' Op has type {b.dtype.name} "
                        f"that does not match type {vals.dtype.name} of argument 'a_values'.")
    # TF's MakeShapeFromShapeTensor: a_shape read partially (-1 is unknown), then rank 2
    a = shape_value(ashape)
    if a is not None and len(a) != 2:
        raise ValueError(f"Shape must be rank 2 but is rank {len(a)}")
    if b.shape.ndims not in (None, 2):
        raise ValueError(f"Shape must be rank 2 but is rank {b.shape.ndims}")
    adj_a, adj_b = attrs.get("adjoint_a", False), attrs.get("adjoint_b", False)
    bs = b.shape.as_list() if b.shape.ndims is not None else [None, None]
    inner_b, n = (bs[1], bs[0]) if adj_b else (bs[0], bs[1])
    m = None
    if a is not None:
        a = [None if d is None or d < 0 else int(d) for d in a]
        m, inner_a = (a[1], a[0]) if adj_a else (a[0], a[1])
        if inner_a is not None and inner_b is not None and inner_a != inner_b:
            raise ValueError(f"Dimensions must be equal, but are {inner_a} and {inner_b}")
    return [(vals.dtype.base_dtype, TensorShape([m, n]))]


def _stdmm_kernel(a_indices, a_values, a_shape, b, adjoint_a=False, adjoint_b=False, **_):
    ind = np.asarray(a_indices).reshape(-1, 2)
    vals = np.asarray(a_values)
    b = np.asarray(b)
    if b.ndim != 2:
        raise _invalid("Tensor 'b' is not a matrix")
    ashape = [int(d) for d in np.reshape(a_shape, -1)]
    if len(ashape) != 2:
        raise _invalid("Tensor 'a_shape' is not a vector of length 2")
    lhs, rhs = (1, 0) if adjoint_a else (0, 1)
    m_out, inner = ashape[lhs], ashape[rhs]
    bm = b.conj().T if adjoint_b else b
    if bm.shape[0] != inner:
        raise _invalid(f"Cannot multiply A and B because inner dimension does not match: "
                       f"{inner} vs. {bm.shape[0]}.  Did you forget a transpose?  Dimensions "
                       f"of A: [{ashape[0]}, {ashape[1]}).  Dimensions of B: "
                       f"[{','.join(str(d) for d in b.shape)}]")
    for i in range(ind.shape[0]):
        mm, kk = int(ind[i, lhs]), int(ind[i, rhs])
        if not 0 <= mm < m_out:
            raise _invalid(f"m ({mm}) from index[{i},{lhs}] out of bounds (>={m_out})")
        if not 0 <= kk < inner:
            raise _invalid(f"k ({kk}) from index[{i},{rhs}] out of bounds (>={inner})")
    out = np.zeros((m_out, bm.shape[1]), dtype=b.dtype)
    if ind.shape[0]:
        v = vals.conj() if adjoint_a else vals
        np.add.at(out, ind[:, lhs], v[:, None] * bm[ind[:, rhs]])
    return out


def _stdmm_grad(op, grad):
    """TF's: b's gradient is A^T (or A) times grad; the values' the row products."""
    a_indices, a_values, a_shape, b = op._inputs
    adj_a, adj_b = op._get_attr("adjoint_a"), op._get_attr("adjoint_b")
    if a_values.dtype.base_dtype in (_dt.complex64, _dt.complex128):
        raise NotImplementedError("SparseTensorDenseMatMul op does not support complex "
                                  "gradients.")
    b_grad = None
    if wants_grad(3):
        b_grad = sparse_tensor_dense_mat_mul(a_indices, a_values, a_shape, grad,
                                             adjoint_a=not adj_a)
        if adj_b:
            b_grad = transpose(b_grad)
    values_grad = None
    if wants_grad(1):
        # Tensor.__getitem__: TF's strided_slice and its stack names
        rows, cols = a_indices[:, 0], a_indices[:, 1]
        parts_a = gather(grad, cols if adj_a else rows)
        parts_b = gather(transpose(b) if adj_b else b, rows if adj_a else cols)
        values_grad = reduce_sum(multiply(parts_a, parts_b, name="mul"), axis=1)   # TF's `*`
    return [None, values_grad, None, b_grad]


register_op("SparseTensorDenseMatMul", infer=_stdmm_infer, kernel=_stdmm_kernel,
            grad=_stdmm_grad)


def sparse_tensor_dense_mat_mul(a_indices, a_values, a_shape, b, adjoint_a=False,
                                adjoint_b=False, name=None):
    """The op `SparseTensorDenseMatMul` (TF's gen_sparse_ops wrapper)."""
    with _scope(name, "SparseTensorDenseMatMul", []) as scope:
        vals = to_tensor(a_values, name="a_values")
        return apply("SparseTensorDenseMatMul",
                     [to_tensor(a_indices, name="a_indices"), vals,
                      to_tensor(a_shape, dtype=_dt.int64, name="a_shape"),
                      # (a Tensor of another dtype: the op's TypeError, as TF's)
                      b if isinstance(b, Tensor) else
                      to_tensor(b, dtype=vals.dtype.base_dtype, name="b")],
                     {"adjoint_a": bool(adjoint_a), "adjoint_b": bool(adjoint_b)}, scope)


# -- SparseReduceSum --------------------------------------------------------------------------
def _srs_infer(inputs, attrs):
    ind, vals, sshape, axes = inputs
    if ind.dtype.base_dtype is not _dt.int64:
        raise TypeError(f"Input 'input_indices' of 'SparseReduceSum' Op has type "
                        f"{ind.dtype.name} that does not match expected type of int64.")
    check_dtype("SparseReduceSum", vals, NUMBERS, "T")
    s, a = (whole_value(t) for t in (sshape, axes))   # (TF's input_tensor: evaluated whole)
    if s is None or a is None or not np.size(s):
        return [(vals.dtype.base_dtype, TensorShape(None))]
    s = [int(d) for d in np.reshape(s, -1)]
    rank = len(s)
    # TF's SparseReduceShapeFn takes each axis as (axis + rank) % rank in C++ (an axis out
    # of range reduces another dim, or none: the kernel reports it at run time)
    norm = {int(np.fmod(int(x) + rank, rank)) for x in np.reshape(a, -1)}
    keep = attrs.get("keep_dims", False)
    out = [1 if i in norm else d for i, d in enumerate(s)] if keep else \
        [d for i, d in enumerate(s) if i not in norm]
    return [(vals.dtype.base_dtype, TensorShape(out))]


def _densify(ind, vals, shp):
    out = np.zeros(shp, dtype=vals.dtype)
    if ind.shape[0]:
        np.add.at(out, tuple(ind.T), vals)
    return out


def _srs_kernel(input_indices, input_values, input_shape, reduction_axes, keep_dims=False,
                intra_threads=None, **_):
    """TF's SparseReduceOp: the entries sorted by the kept axes then the reduced ones, each
    group of equal kept coordinates summed by Eigen's full reduction (`v.sum()` on the
    session's pool: eigen_sum.full_sum), written to its output position (others 0)."""
    shp = tuple(int(d) for d in np.reshape(input_shape, -1))
    rank = len(shp)
    axes = []
    for x in np.reshape(reduction_axes, -1):
        if not -rank <= int(x) < rank:
            raise _invalid(f"Invalid reduction dimension {int(x)}, for input with {rank} "
                           "dimensions.")
        axes.append(int(x) % rank)
    ind = np.asarray(input_indices).reshape(-1, rank)
    vals = np.asarray(input_values)
    reduced = sorted(set(axes))
    if not _eigen_sum.handles(vals.dtype):
        return np.sum(_densify(ind, vals, shp), axis=tuple(reduced), keepdims=bool(keep_dims),
                      dtype=vals.dtype)
    kept = [d for d in range(rank) if d not in reduced]
    out_shape = [1 if d in reduced else shp[d] for d in range(rank)] if keep_dims else \
        [shp[d] for d in kept]
    out = np.zeros(int(np.prod([shp[d] for d in kept], dtype=np.int64)), vals.dtype)
    if not ind.shape[0]:
        return out.reshape(out_shape)
    perm = kept + reduced
    if ((ind >= 0) & (ind < np.array(shp, np.int64))).all():
        key = np.ravel_multi_index(tuple(ind[:, perm].T), [shp[d] for d in perm]) if rank \
            else np.zeros(ind.shape[0], np.int64)
        if (key[1:] < key[:-1]).any():   # (canonical input is sorted already)
            order = np.argsort(key)   # (TF sorts with std::sort: duplicates in any order)
            ind, vals = ind[order], vals[order]
    else:   # (TF 1.14 checks no index against the shape: its Reorder compares coordinates)
        order = np.lexsort(ind[:, perm].T[::-1])
        ind, vals = ind[order], vals[order]
    if not kept:
        out[0] = _eigen_sum.full_sum(vals, intra_threads)
        return out.reshape(out_shape)
    coords = ind[:, kept]
    starts = np.flatnonzero(np.r_[True, (coords[1:] != coords[:-1]).any(axis=1)])
    counts = np.diff(np.r_[starts, coords.shape[0]])
    # TF's CoordinatesToFlatIndex: the kept coordinates times the kept dims' strides
    strides = np.cumprod([1] + [shp[d] for d in kept[:0:-1]], dtype=np.int64)[::-1]
    flat = coords[starts] @ strides
    bad = (flat < 0) | (flat >= out.size)
    if bad.any():   # (TF 1.14 writes out of its buffer there; later TFs raise this)
        raise errors.InternalError(None, None, f"Obtained a write index of {flat[bad][0]} "
                                   f"which is outside of bounds of [0, {out.size})")
    out[flat] = _eigen_sum.group_sums(vals, starts, counts, intra_threads)
    return out.reshape(out_shape)


def _srs_grad(op, out_grad):
    """TF's: the gradient reshaped to kept dims, gathered at indices // scale."""
    sp_indices, _, sp_shape, axes = op._inputs
    kept = tf_reduced_shape(sp_shape, axes)   # TF's math_ops.reduced_shape
    g = reshape(out_grad, kept)
    scale = floordiv(sp_shape, cast(kept, _dt.int64))
    return [None, gather_nd(g, floordiv(sp_indices, scale)), None, None]


register_op("SparseReduceSum", infer=_srs_infer, kernel=_srs_kernel, grad=_srs_grad,
            intra_op_threads=True)


def sparse_reduce_sum(input_indices, input_values, input_shape, reduction_axes,
                      keep_dims=False, name=None):
    """The op `SparseReduceSum` (TF's gen_sparse_ops wrapper)."""
    with _scope(name, "SparseReduceSum", []) as scope:
        return apply("SparseReduceSum",
                     [to_tensor(input_indices, name="input_indices"),
                      to_tensor(input_values, name="input_values"),
                      to_tensor(input_shape, dtype=_dt.int64, name="input_shape"),
                      to_tensor(reduction_axes, dtype=_dt.int32, name="reduction_axes")],
                     {"keep_dims": bool(keep_dims)}, scope)


# -- SparseReorder ----------------------------------------------------------------------------
def _sro_infer(inputs, attrs):
    ind, vals, sshape = inputs
    if ind.dtype.base_dtype is not _dt.int64:
        raise TypeError(f"Input 'input_indices' of 'SparseReorder' Op has type "
                        f"{ind.dtype.name} that does not match expected type of int64.")
    if ind.shape.ndims not in (None, 2):
        raise ValueError(f"Shape must be rank 2 but is rank {ind.shape.ndims}")
    if vals.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {vals.shape.ndims}")
    return [(_dt.int64, ind.shape), (vals.dtype.base_dtype, vals.shape)]


def _dbg(shape):
    """TensorShape::DebugString: [2,3]."""
    return "[" + ",".join(str(d) for d in shape) + "]"


def _sro_kernel(input_indices, input_values, input_shape, **_):
    ind = np.asarray(input_indices)
    vals = np.asarray(input_values)
    rank = int(np.size(input_shape))
    if ind.ndim != 2:
        raise _invalid(f"Input indices should be a matrix but received shape {_dbg(ind.shape)}")
    if vals.ndim != 1:
        raise _invalid(f"Input values should be a vector but received shape {_dbg(vals.shape)}")
    # then TF's SparseTensor::Create
    if vals.shape[0] != ind.shape[0]:
        raise _invalid(f"indices and values rows (indexing dimension) must match. (indices = "
                       f"{ind.shape[0]}, values = {vals.shape[0]})")
    if ind.shape[1] != rank:
        raise _invalid("Order length must be SparseTensor rank.")
    order = np.lexsort(ind.T[::-1]) if ind.shape[0] and rank else np.arange(ind.shape[0])
    return ind[order], vals[order]


def _sro_grad(op, _unused_indices_grad, values_grad):
    """TF's: reorder the entry numbers the same way, invert that permutation, gather."""
    input_indices, _, input_shape = op._inputs
    n = shape(input_indices)[0]   # Tensor.__getitem__: TF's strided_slice names
    entries = _range(n)
    with _scope(None, "SparseTensor"):   # TF's SparseTensor(input_indices, entries, shape)
        pass
    _, ordered = sparse_reorder(input_indices, entries, input_shape)
    # TF's sparse_ops.sparse_reorder gives its result the static dense shape when it is
    # known (a Const in a SparseTensor scope), else an Identity of the shape
    dims = constant_value_as_shape(input_shape)
    if dims.is_fully_defined():
        with _scope(None, "SparseTensor"):
            constant(np.array(dims.as_list(), np.int64), name="dense_shape")
    else:
        identity(input_shape)
    return [None, gather(values_grad, invert_permutation(ordered)), None]


register_op("SparseReorder", infer=_sro_infer, kernel=_sro_kernel, grad=_sro_grad)


def sparse_reorder(input_indices, input_values, input_shape, name=None):
    """The op `SparseReorder`: (output_indices, output_values)."""
    with _scope(name, "SparseReorder", []) as scope:
        op = apply_op("SparseReorder",
                      [to_tensor(input_indices, name="input_indices"),
                       to_tensor(input_values, name="input_values"),
                       to_tensor(input_shape, dtype=_dt.int64, name="input_shape")],
                      {}, scope)
        return op.outputs[0], op.outputs[1]


# -- SparseDenseCwiseMul / Div (a SparseTensor's values op a broadcast dense) ------------------
def _cwise_infer(op_type):
    def infer(inputs, attrs):
        ind, vals, sshape, dense = inputs
        if ind.dtype.base_dtype is not _dt.int64:
            raise TypeError(f"Input 'sp_indices' of '{op_type}' Op has type {ind.dtype.name} "
                            "that does not match expected type of int64.")
        if dense.dtype.base_dtype is not vals.dtype.base_dtype:
            raise TypeError(f"Input 'dense' of '{op_type}' Op has type {dense.dtype.name} "
                            f"that does not match type {vals.dtype.name} of argument "
                            "'sp_values'.")
        check_dtype(op_type, vals, NUMBERS, "T")
        n = ind.shape.as_list()[0] if ind.shape.ndims == 2 else None
        return [(vals.dtype.base_dtype, TensorShape([n]))]
    return infer


def _dense_at(indices, sp_shape, dense):
    """dense broadcast to sp_shape (NumPy's rules, the dense side only), read at indices."""
    shp = [int(d) for d in np.reshape(sp_shape, -1)]
    dense = np.asarray(dense)
    if dense.ndim > len(shp) or any(
            d not in (1, s) for d, s in zip(dense.shape[::-1], shp[::-1])):
        raise _invalid(f"SparseDenseBinaryOpShared broadcasts dense to sparse only; got "
                       f"incompatible shapes: [{','.join(map(str, shp))}] vs. "
                       f"[{','.join(map(str, dense.shape))}]")
    ind = np.asarray(indices).reshape(-1, len(shp))[:, len(shp) - dense.ndim:]
    ind = np.where(np.asarray(dense.shape)[None, :] == 1, 0, ind)
    return dense[tuple(ind.T)]


def _cwise_kernel(fn):
    def kernel(sp_indices, sp_values, sp_shape, dense, **_):
        vals = np.asarray(sp_values)
        return np.asarray(fn(vals, _dense_at(sp_indices, sp_shape, dense))).astype(
            vals.dtype, copy=False)
    return kernel


def _cwise_div(x, y):
    if x.dtype.kind in "iu":
        if np.any(y == 0):
            raise _invalid("Integer division by zero")
        q = np.abs(x) // np.abs(y)  # C's truncating division, as TF's kernel
        return np.where((x < 0) != (y < 0), -q, q)
    return np.true_divide(x, y)


def _cwise_grad(is_mul):
    def grad_fn(op, grad):
        """TF's: the values get grad * y (or / y); the dense side a SparseTensorDenseAdd of
        the per-entry gradients at the broadcast-scaled indices onto zeros_like(y)."""
        x_indices, x_values, x_shape, y = op._inputs
        y_shape = cast(shape(y), _dt.int64)
        # (TF's Python operators: sub, mul)
        added = expand_dims(subtract(size(x_shape), size(y_shape), name="sub"), 0)
        aug = concat([ones(added, _dt.int64), y_shape], 0)
        scaled = floordiv(x_indices, floordiv(x_shape, aug))
        scaled = _slice(scaled, concat([[0], added], 0), [-1, -1])
        dense_vals = gather_nd(y, scaled)
        if is_mul:
            dx = multiply(grad, dense_vals, name="mul")
            dy_val = multiply(grad, x_values, name="mul")
        else:
            dx = truediv(grad, dense_vals)
            dy_val = multiply(grad, truediv(negative(x_values), square(dense_vals)),
                              name="mul")
        dy = sparse_tensor_dense_add(scaled, dy_val, y_shape, zeros_like(y))
        return [None, dx, None, dy]
    return grad_fn


register_op("SparseDenseCwiseMul", infer=_cwise_infer("SparseDenseCwiseMul"),
            kernel=_cwise_kernel(np.multiply), grad=_cwise_grad(True))
register_op("SparseDenseCwiseDiv", infer=_cwise_infer("SparseDenseCwiseDiv"),
            kernel=_cwise_kernel(_cwise_div), grad=_cwise_grad(False))


def _cwise_wrapper(op_type):
    def wrapper(sp_indices, sp_values, sp_shape, dense, name=None):
        with _scope(name, op_type, []) as scope:
            vals = to_tensor(sp_values, name="sp_values")
            return apply(op_type, [to_tensor(sp_indices, name="sp_indices"), vals,
                                   to_tensor(sp_shape, dtype=_dt.int64, name="sp_shape"),
                                   to_tensor(dense, dtype=vals.dtype.base_dtype,
                                             name="dense")], {}, scope)
    wrapper.__name__ = {"SparseDenseCwiseMul": "sparse_dense_cwise_mul",
                        "SparseDenseCwiseDiv": "sparse_dense_cwise_div"}[op_type]
    wrapper.__doc__ = f"The op `{op_type}`: the SparseTensor's values op the dense tensor " \
        "broadcast to its shape, read at its indices (the new values)."
    return wrapper


sparse_dense_cwise_mul = _cwise_wrapper("SparseDenseCwiseMul")
sparse_dense_cwise_div = _cwise_wrapper("SparseDenseCwiseDiv")


# -- SparseSegmentSum / Mean / SqrtN (rows of data picked by indices, reduced by segment) ------
def _ssr_infer(op_type):
    with_num = op_type.endswith("WithNumSegments")

    def infer(inputs, attrs):
        data, ind, seg = inputs[:3]
        if op_type.startswith(("SparseSegmentMean", "SparseSegmentSqrtN")):
            check_dtype(op_type, data, (_dt.float32, _dt.float64), "data")
        check_dtype(op_type, ind, _INDEX, "indices")
        if with_num:
            check_dtype(op_type, inputs[3], _INDEX, "num_segments")
        if seg.dtype.base_dtype is not _dt.int32:
            raise TypeError(f"Input 'segment_ids' of '{op_type}' Op has type {seg.dtype.name} "
                            "that does not match expected type of int32.")
        for t in (ind, seg):
            if t.shape.ndims not in (None, 1):
                raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
        a, b = ind.shape.as_tuple(), seg.shape.as_tuple()
        if a is not None and b is not None and None not in (a[0], b[0]) and a[0] != b[0]:
            raise ValueError(f"Dimension 0 in both shapes must be equal, but are {a[0]} and "
                             f"{b[0]}. Shapes are [{a[0]}] and [{b[0]}].")
        if data.shape.ndims == 0:
            raise ValueError("Shape must be at least rank 1 but is rank 0")
        rows = None
        if with_num:
            num = inputs[3]
            if num.shape.ndims not in (None, 0):
                raise ValueError(f"Shape must be rank 0 but is rank {num.shape.ndims}")
            n = const_value(num)
            if n is None:   # TF's input_tensor: evaluated whole
                n = refined_scalar(num, partial=False)
            if n is not None:
                rows = int(n)
                if rows < 0:
                    raise ValueError("Cannot specify a negative value for num_segments")
        tail = data.shape.as_list()[1:] if data.shape.ndims is not None else None
        return [(data.dtype.base_dtype,
                 TensorShape(None) if tail is None else TensorShape([rows] + tail))]
    return infer


def _ssr_check(data, indices, segment_ids):
    ind, seg = np.asarray(indices).reshape(-1), np.asarray(segment_ids).reshape(-1)
    if ind.size != seg.size:
        raise _invalid("segment_ids and indices should have same size.")
    n = np.shape(data)[0]
    bad = (ind < 0) | (ind >= n)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _invalid(f"Bad: indices[{i}] == {int(ind[i])} out of range [0, {n})")
    if seg.size and (np.any(np.diff(seg) < 0) or seg[0] < 0):
        raise _invalid("segment ids are not increasing")
    return ind, seg


def _ssr_check_num(data, indices, segment_ids, num_segments, op_type):
    """TF 1.14's checks of a *WithNumSegments kernel, in its order: (indices, segment ids,
    output rows)."""
    ind, seg = np.asarray(indices).reshape(-1), np.asarray(segment_ids).reshape(-1)
    if ind.dtype != np.int32:   # TF 1.14 registers these kernels for int32 indices only
        raise _invalid(f"No OpKernel was registered to support Op '{op_type}' with these "
                       f"attrs: [T=DT_{_dt.as_dtype(data.dtype).name.upper()}, Tidx=DT_INT64, "
                       f"Tnumsegments=DT_{_dt.as_dtype(np.asarray(num_segments).dtype).name.upper()}]")
    if ind.size != seg.size:
        raise _invalid("segment_ids and indices should have same size.")
    n = int(num_segments)
    last = int(seg[-1]) + 1 if seg.size else 0
    if n < 0:
        raise _invalid("segment ids must be >= 0")
    if last > n:
        raise _invalid("segment ids must be < num_segments")
    rows = np.shape(data)[0]
    if seg.size:
        if np.any(np.diff(seg) < 0):
            raise _invalid("segment ids are not increasing")
        if seg[0] < 0:
            raise _invalid(f"Segment id {int(seg[0])} out of range [0, {n}), possibly "
                           "because 'segment_ids' input is not sorted.")
    bad = (ind < 0) | (ind >= rows)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _invalid(f"Bad: indices[{i}] == {int(ind[i])} out of range [0, {rows})")
    return ind, seg, n


def _ssr_sum(rows, seg, n, kind, rnd=None):
    """TF 1.14's SparseSegmentReductionOpBase::Reduce on `rows` (data[indices]), bit for
    bit: per segment of `num` rows, a first chunk of num % 8 rows (8 when that is 0, 9
    when 1) summed left to right, divided by num (Mean) or sqrt(num) (SqrtN) when num < 10;
    then each next chunk of 8 summed left to right and added; for num >= 10 the division
    comes last. A lone row is copied; a segment without rows is zeros. `rnd`: applied to each
    sum, quotient and divisor (bfloat16's rounding: TF's Eigen expressions on bfloat16)."""
    if rnd is None:
        def rnd(v):
            return v
    out = np.zeros((n,) + rows.shape[1:], rows.dtype)
    if not seg.size:
        return out
    counts = np.bincount(seg, minlength=n)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    num = counts[seg]                      # each row's segment size
    pos = np.arange(seg.size) - starts[seg]
    r = num % 8
    first = np.where(r == 0, 8, np.where(r == 1, 9, r))
    first = np.minimum(first, num)
    chunk = np.where(pos < first, 0, (pos - first) // 8 + 1)
    within = np.where(pos < first, pos, (pos - first) % 8)
    n_chunks = int(chunk.max()) + 1
    acc = np.zeros((n * n_chunks,) + rows.shape[1:], rows.dtype)
    cid = seg * n_chunks + chunk
    for k in range(int(within.max()) + 1):   # chunk sums, left to right
        sel = within == k
        if k == 0:
            acc[cid[sel]] = rows[sel]
        else:
            acc[cid[sel]] = rnd(acc[cid[sel]] + rows[sel])
    acc = acc.reshape((n, n_chunks) + rows.shape[1:])
    bshape = (n,) + (1,) * (rows.ndim - 1)
    small = (counts > 1) & (counts < 10)
    if kind is not None and small.any():   # the first chunk divided (num < 10)
        m = counts.astype(rows.dtype) if kind == "mean" else \
            np.sqrt(counts.astype(np.float64)).astype(rows.dtype)
        acc[:, 0] = np.where(small.reshape(bshape), rnd(acc[:, 0] / rnd(m).reshape(bshape)),
                             acc[:, 0])
    out[...] = acc[:, 0]
    r = counts % 8
    head = np.minimum(np.where(r == 0, 8, np.where(r == 1, 9, r)), counts)
    seg_chunks = np.where(counts > 0, 1 + (counts - head + 7) // 8, 0)
    for j in range(1, n_chunks):   # out += each next chunk's sum
        has = seg_chunks > j
        out[has] = rnd(out[has] + acc[has, j])
    big = counts >= 10
    if kind is not None and big.any():
        d = counts.astype(rows.dtype) if kind == "mean" else \
            np.sqrt(counts.astype(np.float64)).astype(rows.dtype)
        out[big] = rnd(out[big] / rnd(d[big]).reshape((-1,) + (1,) * (rows.ndim - 1)))
    return out


def _ssr_kernel(kind, op_type=None, rnd=None):
    """The kernel of SparseSegment{Sum,Mean,SqrtN}[WithNumSegments] (`rnd`: _ssr_sum's)."""
    def kernel(data, indices, segment_ids, num_segments=None, **_):
        data = np.asarray(data)
        if num_segments is None:
            ind, seg = _ssr_check(data, indices, segment_ids)
            n = int(seg[-1]) + 1 if seg.size else 0
        else:
            ind, seg, n = _ssr_check_num(data, indices, segment_ids, num_segments, op_type)
        return _ssr_sum(data[ind], seg, n, kind, rnd)
    return kernel


def _ssr_grad_kernel(kind):
    """TF's SparseSegmentGradOpBase: output[indices[i]] = / += grad[segment_ids[i]] * scale,
    in input order, scale = 1 / num (Mean) or 1 / sqrt(num) (SqrtN) computed in float64 and
    rounded to the gradient's dtype (a product, not a quotient)."""
    def kernel(grad, indices, segment_ids, output_dim0, **_):
        grad = np.asarray(grad)
        ind = np.asarray(indices).reshape(-1)
        seg = np.asarray(segment_ids).reshape(-1)
        dim0 = int(output_dim0)
        out = np.zeros((dim0,) + grad.shape[1:], grad.dtype)
        if seg.size:
            bad = (ind < 0) | (ind >= dim0)
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise _invalid(f"Index {int(ind[i])} out of range [0, {dim0}).")
            counts = np.maximum(np.bincount(seg, minlength=grad.shape[0]), 1).astype(np.float64)
            scale = (1.0 / (counts if kind == "mean" else np.sqrt(counts))).astype(grad.dtype)
            rows = grad[seg] * scale[seg].reshape((-1,) + (1,) * (grad.ndim - 1))
            uniq, first = np.unique(ind, return_index=True)
            out[uniq] = rows[first]   # an index's first row is assigned, later ones added
            rest = np.ones(ind.size, bool)
            rest[first] = False
            np.add.at(out, ind[rest], rows[rest])
        return out
    return kernel


def _ssr_grad_infer(inputs, attrs):
    grad = inputs[0]
    tail = grad.shape.as_list()[1:] if grad.shape.ndims is not None else None
    d0 = whole_value(inputs[3])   # TF's input_tensor: output_dim0 evaluated whole
    d0 = None if d0 is None else int(d0)
    return [(grad.dtype.base_dtype,
             TensorShape(None) if tail is None else TensorShape([d0] + tail))]


def _dim0(t):
    return shape(t)[0]   # Tensor.__getitem__: TF's strided_slice and its stack names


def _sss_grad(op, grad):
    """TF's: unsorted_segment_sum(gather(grad, segment_ids), indices, rows of data)."""
    data, indices, segment_ids = op._inputs[:3]
    rows = _dim0(data)   # TF builds the row count first
    return [unsorted_segment_sum(gather(grad, segment_ids), indices, rows)] + \
        [None] * (len(op._inputs) - 1)


def _ssr_scaled_grad(grad_op):
    def grad_fn(op, grad):
        data, indices, segment_ids = op._inputs[:3]
        return [apply(grad_op, [grad, indices, segment_ids, _dim0(data)], {}, None)] + \
            [None] * (len(op._inputs) - 1)
    return grad_fn


register_op("SparseSegmentSum", infer=_ssr_infer("SparseSegmentSum"),
            kernel=_ssr_kernel(None), grad=_sss_grad)
register_op("SparseSegmentMean", infer=_ssr_infer("SparseSegmentMean"),
            kernel=_ssr_kernel("mean"), grad=_ssr_scaled_grad("SparseSegmentMeanGrad"))
register_op("SparseSegmentSqrtN", infer=_ssr_infer("SparseSegmentSqrtN"),
            kernel=_ssr_kernel("sqrtn"), grad=_ssr_scaled_grad("SparseSegmentSqrtNGrad"))
# TF's *WithNumSegments forms: num_segments output rows (missing and trailing ids zero)
register_op("SparseSegmentSumWithNumSegments",
            infer=_ssr_infer("SparseSegmentSumWithNumSegments"),
            kernel=_ssr_kernel(None, "SparseSegmentSumWithNumSegments"), grad=_sss_grad)
register_op("SparseSegmentMeanWithNumSegments",
            infer=_ssr_infer("SparseSegmentMeanWithNumSegments"),
            kernel=_ssr_kernel("mean", "SparseSegmentMeanWithNumSegments"),
            grad=_ssr_scaled_grad("SparseSegmentMeanGrad"))
register_op("SparseSegmentSqrtNWithNumSegments",
            infer=_ssr_infer("SparseSegmentSqrtNWithNumSegments"),
            kernel=_ssr_kernel("sqrtn", "SparseSegmentSqrtNWithNumSegments"),
            grad=_ssr_scaled_grad("SparseSegmentSqrtNGrad"))


def _no_gradient(op, grad):
    """TF 1.14 registers no gradient for the segment gradient ops: its lookup fails."""
    raise LookupError(f"No gradient defined for operation '{op.name}' (op type: {op.type})")


register_op("SparseSegmentMeanGrad", infer=_ssr_grad_infer,
            kernel=_ssr_grad_kernel("mean"), grad=_no_gradient)
register_op("SparseSegmentSqrtNGrad", infer=_ssr_grad_infer, kernel=_ssr_grad_kernel("sqrtn"),
            grad=_no_gradient)


def _ssr_wrapper(op_type, pyname):
    def wrapper(data, indices, segment_ids, name=None, num_segments=None):
        if num_segments is not None:   # TF's *WithNumSegments op
            with _scope(name, op_type + "WithNumSegments", []) as scope:
                return apply(op_type + "WithNumSegments",
                             [to_tensor(data, name="data"), to_tensor(indices, name="indices"),
                              to_tensor(segment_ids, name="segment_ids"),
                              to_tensor(num_segments, name="num_segments")], {}, scope)
        with _scope(name, op_type, []) as scope:
            return apply(op_type, [to_tensor(data, name="data"),
                                   to_tensor(indices, name="indices"),
                                   to_tensor(segment_ids, name="segment_ids")], {}, scope)
    wrapper.__name__ = pyname
    wrapper.__doc__ = (f"The op `{op_type}`: rows `data[indices]` reduced over sorted "
                       "`segment_ids` (output rows: the last segment id + 1, or `num_segments` "
                       f"through the op `{op_type}WithNumSegments`).")
    return wrapper


sparse_segment_sum = _ssr_wrapper("SparseSegmentSum", "sparse_segment_sum")
sparse_segment_mean = _ssr_wrapper("SparseSegmentMean", "sparse_segment_mean")
sparse_segment_sqrt_n = _ssr_wrapper("SparseSegmentSqrtN", "sparse_segment_sqrt_n")


# -- CTCGreedyDecoder (its decoded labels are a SparseTensor's components) ---------------------
def _ctc_greedy_infer(inputs, attrs):
    x, seq_len = inputs
    if x.dtype.base_dtype is not _dt.float32:  # TF 1.14's kernel is float32 only
        raise TypeError(f"Input 'inputs' of 'CTCGreedyDecoder' Op has type {x.dtype.name} "
                        "that does not match expected type of float32.")
    if seq_len.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'sequence_length' of 'CTCGreedyDecoder' Op has type "
                        f"{seq_len.dtype.name} that does not match expected type of int32.")
    if x.shape.ndims not in (None, 3):
        raise ValueError(f"Shape must be rank 3 but is rank {x.shape.ndims}")
    if seq_len.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {seq_len.shape.ndims}")
    b = x.shape.as_list()[1] if x.shape.ndims == 3 else None
    s = seq_len.shape.as_list()[0] if seq_len.shape.ndims == 1 else None
    if b is not None and s is not None and b != s:
        raise ValueError(f"Dimensions must be equal, but are {b} and {s}")
    return [(_dt.int64, TensorShape([None, 2])), (_dt.int64, TensorShape([None])),
            (_dt.int64, TensorShape([2])), (x.dtype.base_dtype, TensorShape([b or s, 1]))]


def _ctc_greedy_kernel(inputs, sequence_length, merge_repeated=True, **_):
    x = np.asarray(inputs)
    seq = np.asarray(sequence_length).reshape(-1)
    max_time, batch, num_classes = x.shape
    if seq.size != batch:
        raise errors.FailedPreconditionError(
            None, None, f"len(sequence_length) != batch_size.  len(sequence_length):  "
            f"{seq.size} batch_size: {batch}")
    for b in range(batch):
        if seq[b] > max_time:
            raise errors.FailedPreconditionError(
                None, None, f"sequence_length({b}) <= {max_time}")
    blank = num_classes - 1
    best = np.argmax(x, axis=2) if x.size else np.zeros((max_time, batch), np.int64)
    log_prob = np.zeros((batch, 1), x.dtype)
    rows, cols, vals = [], [], []
    width = 0
    for b in range(batch):
        n = int(seq[b])
        labels, prev = [], -1
        for t in range(n):
            c = int(best[t, b])
            log_prob[b, 0] -= x[t, b, c]
            if c != blank and not (merge_repeated and c == prev):
                labels.append(c)
            prev = c
        rows += [b] * len(labels)
        cols += range(len(labels))
        vals += labels
        width = max(width, len(labels))
    ind = np.stack([np.asarray(rows, np.int64), np.asarray(cols, np.int64)], axis=1) \
        if rows else np.zeros((0, 2), np.int64)
    return (ind, np.asarray(vals, np.int64), np.asarray([batch, width], np.int64), log_prob)


register_op("CTCGreedyDecoder", infer=_ctc_greedy_infer, kernel=_ctc_greedy_kernel, grad=None)


def ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True, name=None):
    """The op `CTCGreedyDecoder`: (decoded indices, values, dense_shape, log_probability)."""
    with _scope(name, "CTCGreedyDecoder", []) as scope:
        op = apply_op("CTCGreedyDecoder",
                      [typed_input(inputs, _dt.float32, "CTCGreedyDecoder", "inputs"),
                       typed_input(sequence_length, _dt.int32, "CTCGreedyDecoder",
                                   "sequence_length")],
                      {"merge_repeated": bool(merge_repeated)}, scope)
        return tuple(op.outputs)
