"""Sparse ops: segment reductions (`tf.unsorted_segment_sum`, `tf.segment_sum/mean/max`),
the IndexedSlices <-> dense conversions (engine/ops/segment.py), and the functions of
tf.SparseTensor (TF 1.14's sparse_ops.py: sparse_tensor_to_dense, sparse_to_dense,
sparse_reorder, sparse_reduce_sum, sparse_tensor_dense_matmul) over the primitive ops of
engine/ops/sparse.py."""
from __future__ import annotations

import numpy as np

from ..engine.autodiff.gradients import dense_to_indexed_slices  # noqa: F401
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import const_value, constant, convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.ops import sparse as _gen
from ..engine.ops._base import apply as _apply
from ..engine.ops.construction import range as _range
from ..engine.ops.sparse import (  # noqa: F401
    sparse_segment_mean,
    sparse_segment_sqrt_n,
    sparse_segment_sum,
)
from ..engine.ops.segment import (  # noqa: F401
    LARGE_SPARSE_NUM_ELEMENTS,
    densify_indexed_slices,
    indexed_slices_to_tensor,
    segment_max,
    segment_mean,
    segment_sum,
    unsorted_segment_sum,
)
from ..engine.ops.shape import identity, size
from .. import logging as _logging
from . import array_ops, math_ops, nn_ops
from .sparse_tensor import SparseTensor, SparseTensorValue
from ..engine.framework.graph import Tensor
from ..engine.ops.construction import placeholder

__all__ = ["unsorted_segment_sum", "segment_sum", "segment_mean", "segment_max",
           "sparse_tensor_to_dense", "sparse_to_dense", "sparse_reorder", "sparse_reduce_sum",
           "sparse_tensor_dense_matmul", "sparse_placeholder", "sparse_segment_sum",
           "sparse_segment_mean", "sparse_segment_sqrt_n", "sparse_retain", "sparse_transpose"]


def _convert_to_sparse_tensor(sp_input):
    """A SparseTensor from a SparseTensor or SparseTensorValue (TypeError otherwise)."""
    if isinstance(sp_input, SparseTensorValue):
        return SparseTensor.from_value(sp_input)
    if not isinstance(sp_input, SparseTensor):
        raise TypeError("Input must be a SparseTensor.")
    return sp_input


def _deprecated_arg(name, value, old_name, old_value):
    if value is not None and old_value is not None:
        raise ValueError(f"Cannot specify both '{name}' and '{old_name}'.")
    return value if value is not None else old_value


def sparse_tensor_to_dense(sp_input, default_value=0, validate_indices=True, name=None):
    """The dense tensor of `sp_input`, `default_value` where it has no entry (op
    `SparseToDense`; with `validate_indices` its indices must be sorted row-major and
    unique).

    >>> sp = tf.SparseTensor([[0, 1], [1, 0]], [5, 6], [2, 3])
    >>> tf.Session().run(tf.sparse_tensor_to_dense(sp))
    array([[0, 5, 0],
           [6, 0, 0]], dtype=int32)
    """
    sp_input = _convert_to_sparse_tensor(sp_input)
    return _gen.sparse_to_dense(sp_input.indices, sp_input.dense_shape, sp_input.values,
                                default_value=default_value,
                                validate_indices=validate_indices, name=name)


def sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value=0,
                    validate_indices=True, name=None):
    """A dense tensor of `output_shape` holding `sparse_values` at `sparse_indices`
    (scalar, vector or [N, rank] matrix) and `default_value` elsewhere (op
    `SparseToDense`)."""
    return _gen.sparse_to_dense(sparse_indices, output_shape, sparse_values,
                                default_value=default_value,
                                validate_indices=validate_indices, name=name)


def sparse_reorder(sp_input, name=None):
    """`sp_input` with its entries in row-major order (op `SparseReorder`)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    ind, val = _gen.sparse_reorder(sp_input.indices, sp_input.values, sp_input.dense_shape,
                                   name=name)
    if sp_input.get_shape().is_fully_defined():
        dense_shape = sp_input.get_shape().as_list()
    else:
        dense_shape = identity(sp_input.dense_shape)
    return SparseTensor(ind, val, dense_shape)


def _reduction_dims(sp_input, axis):
    """TF's math_ops._ReductionDims for a SparseTensor: all axes when `axis` is None."""
    if axis is not None:
        return axis
    r = sp_input.dense_shape.shape.as_list()[0] if \
        sp_input.dense_shape.shape.ndims == 1 else None
    if r is not None:
        return constant(np.arange(r, dtype=np.int32))
    return _range(0, size(sp_input.dense_shape), 1)


def sparse_reduce_sum(sp_input, axis=None, keepdims=None, reduction_axes=None,
                      keep_dims=None):
    """The sum of `sp_input` over `axis` (all axes when None), as a dense tensor (op
    `SparseReduceSum`).

    >>> sp = tf.SparseTensor([[0, 1], [1, 0], [1, 2]], [1., 2., 3.], [2, 3])
    >>> tf.Session().run(tf.sparse_reduce_sum(sp, axis=1))
    array([1., 5.], dtype=float32)
    """
    keepdims = _deprecated_arg("keepdims", keepdims, "keep_dims", keep_dims)
    axis = _deprecated_arg("axis", axis, "reduction_axes", reduction_axes)
    if keepdims is None:
        keepdims = False
    sp_input = _convert_to_sparse_tensor(sp_input)
    return _gen.sparse_reduce_sum(sp_input.indices, sp_input.values, sp_input.dense_shape,
                                  _reduction_dims(sp_input, axis), keepdims)


def sparse_tensor_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """The rank-2 SparseTensor `sp_a` times the dense matrix `b` (op
    `SparseTensorDenseMatMul`; `adjoint_a`/`adjoint_b` take conjugate transposes).
    Differentiable w.r.t. `sp_a.values` and `b`."""
    sp_a = _convert_to_sparse_tensor(sp_a)
    with name_scope(name, "SparseTensorDenseMatMul", [sp_a.indices, sp_a.values, b]):
        b = convert_to_tensor(b, name="b")
        return _gen.sparse_tensor_dense_mat_mul(sp_a.indices, sp_a.values, sp_a.dense_shape,
                                                b, adjoint_a=adjoint_a, adjoint_b=adjoint_b)


def sparse_placeholder(dtype, shape=None, name=None):
    """A SparseTensor of placeholders (values [None] of `dtype`, indices [None, rank]
    int64, and dense_shape: `shape` as a constant when fully known, else an int64
    placeholder of its rank), fed with a SparseTensorValue or an (indices, values,
    dense_shape) tuple."""
    shape_name = (name + "/shape") if name is not None else None
    rank = None
    if shape is not None:
        rank = shape.get_shape()[0] if isinstance(shape, Tensor) else len(shape)
        if not isinstance(shape, Tensor) and None in shape:
            shape = None
        else:
            shape = convert_to_tensor(shape, dtype=_dt.int64, name=shape_name)
    if shape is None:
        shape = placeholder(_dt.int64, shape=[rank], name=shape_name)
    return SparseTensor(
        values=placeholder(dtype, shape=[None],
                           name=(name + "/values") if name is not None else None),
        indices=placeholder(_dt.int64, shape=[None, rank],
                            name=(name + "/indices") if name is not None else None),
        dense_shape=shape)


def embedding_lookup_sparse(params, sp_ids, sp_weights, partition_strategy="mod", name=None,
                            combiner=None, max_norm=None):
    """Combines the embeddings of each row of the SparseTensor `sp_ids` (weighted by
    `sp_weights`' values, or not when None): "sum", "mean" (the default) or "sqrtn".
    Composed as TF 1.14 composes it: Unique ids, one embedding_lookup, then
    SparseSegmentSum/Mean/SqrtN (unweighted) or Mul + SegmentSum (weighted)."""
    if combiner is None:
        _logging.warning('The default value of combiner will change from "mean" to "sqrtn" '
                     'after 2016/11/01.')
        combiner = "mean"
    if combiner not in ("mean", "sqrtn", "sum"):
        raise ValueError("combiner must be one of 'mean', 'sqrtn' or 'sum'")
    if type(params).__name__ == "PartitionedVariable":
        params = list(params)
    if not isinstance(params, list):
        params = [params]
    if not isinstance(sp_ids, SparseTensor):
        raise TypeError("sp_ids must be SparseTensor")
    ignore_weights = sp_weights is None
    if not ignore_weights:
        if not isinstance(sp_weights, SparseTensor):
            raise TypeError("sp_weights must be either None or SparseTensor")
        sp_ids.values.get_shape().assert_is_compatible_with(sp_weights.values.get_shape())
        sp_ids.indices.get_shape().assert_is_compatible_with(sp_weights.indices.get_shape())
        sp_ids.dense_shape.get_shape().assert_is_compatible_with(
            sp_weights.dense_shape.get_shape())
    with name_scope(name, "embedding_lookup_sparse", params + [sp_ids]) as name:
        segment_ids = sp_ids.indices[:, 0]
        if segment_ids.dtype != _dt.int32:
            segment_ids = math_ops.cast(segment_ids, _dt.int32)
        ids, idx = array_ops.unique(sp_ids.values)
        embeddings = nn_ops.embedding_lookup(params, ids,
                                             partition_strategy=partition_strategy,
                                             max_norm=max_norm)
        if embeddings.dtype in (_dt.float16, _dt.bfloat16):
            embeddings = math_ops.cast(embeddings, _dt.float32)
        if ignore_weights:
            fn = {"sum": sparse_segment_sum, "mean": sparse_segment_mean,
                  "sqrtn": sparse_segment_sqrt_n}[combiner]
            return fn(embeddings, idx, segment_ids, name=name)
        weights = sp_weights.values
        if weights.dtype != embeddings.dtype:
            weights = math_ops.cast(weights, embeddings.dtype)
        embeddings = array_ops.gather(embeddings, idx)
        ones = array_ops.fill(array_ops.expand_dims(array_ops.rank(embeddings) - 1, 0), 1)
        bcast_weights_shape = array_ops.concat([array_ops.shape(weights), ones], 0)
        orig_weights_shape = weights.get_shape()
        weights = array_ops.reshape(weights, bcast_weights_shape)
        if embeddings.get_shape().ndims is not None:
            weights.set_shape(orig_weights_shape.concatenate(
                [1 for _ in range(embeddings.get_shape().ndims - 1)]))
        embeddings *= weights
        if combiner == "sum":
            return segment_sum(embeddings, segment_ids, name=name)
        if combiner == "mean":
            embeddings = segment_sum(embeddings, segment_ids)
            weight_sum = segment_sum(weights, segment_ids)
            return math_ops.div(embeddings, weight_sum, name=name)
        embeddings = segment_sum(embeddings, segment_ids)
        weights_squared = math_ops.pow(weights, 2)
        weight_sum = segment_sum(weights_squared, segment_ids)
        weight_sum_sqrt = math_ops.sqrt(weight_sum)
        return math_ops.div(embeddings, weight_sum_sqrt, name=name)


def sparse_retain(sp_input, to_retain):
    """The entries of `sp_input` where the bool vector `to_retain` is True (same shape)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    to_retain = convert_to_tensor(to_retain)
    retain_shape = to_retain.get_shape()
    retain_shape.assert_has_rank(1)
    if sp_input.values.get_shape().dims is not None:
        sp_input.values.get_shape().dims[0].merge_with(retain_shape.dims[0])
    where_true = array_ops.reshape(array_ops.where(to_retain), [-1])
    new_indices = array_ops.gather(sp_input.indices, where_true)
    new_values = array_ops.gather(sp_input.values, where_true)
    return SparseTensor(new_indices, new_values, identity(sp_input.dense_shape))


def sparse_transpose(sp_input, perm=None, name=None):
    """`sp_input` with its dimensions permuted by `perm` (reversed when None), reordered
    into row-major order (TF's composition: Transpose/GatherV2 of the indices, then
    SparseReorder)."""
    with name_scope(name, "SparseTranspose", [sp_input]):
        if perm is None:
            # TF's rank(SparseTensor): a Size op on dense_shape, never folded
            rank = _apply("Size", [sp_input.dense_shape], {"out_type": _dt.int32}, "Rank")
            perm = (rank - 1) - _range(0, rank, 1)
            # TF's shape inference evaluates the Size of a known-shape dense_shape
            perm.set_shape(sp_input.dense_shape.get_shape())
        indices = sp_input.indices
        transposed_indices = array_ops.transpose(
            array_ops.gather(array_ops.transpose(indices), perm))
        perm_ = const_value(convert_to_tensor(perm))
        if perm_ is not None and sp_input.get_shape().is_fully_defined():
            old_shape_ = sp_input.get_shape().as_list()
            transposed_dense_shape = list(old_shape_)
            for i, p in enumerate(perm_):
                transposed_dense_shape[i] = old_shape_[p]
        else:
            transposed_dense_shape = array_ops.gather(sp_input.dense_shape, perm)
        transposed_st = SparseTensor(transposed_indices, sp_input.values,
                                     transposed_dense_shape)
        return sparse_reorder(transposed_st)
