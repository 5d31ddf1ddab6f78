"""Sparse ops: segment reductions (`tf.unsorted_segment_sum`, `tf.segment_sum/mean/max`),
the IndexedSlices <-> dense conversions (engine/ops/segment.py), and the functions of
tf.SparseTensor (TF 1.14's sparse_ops.py: sparse_tensor_to_dense, sparse_to_dense,
sparse_reorder, sparse_reduce_sum, sparse_tensor_dense_matmul) over the primitive ops of
engine/ops/sparse.py."""
from __future__ import annotations

import collections.abc
import numbers

import numpy as np

from ..engine.autodiff.gradients import dense_to_indexed_slices  # noqa: F401
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.static_value import constant_value
from ..engine.framework.graph import Operation, colocate_with, name_scope
from ..engine.ops import hashing as _hashing
from ..engine.ops import sparse as _gen
from ..engine.ops import sparse_structure as _st
from ..engine.ops import sparse_serialize as _sparse_serialize  # noqa: F401 - registers ops
from ..engine.ops import sparse_tensors_map as _sparse_tensors_map  # noqa: F401 - its ops
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.ops.indexing import setdiff1d as _setdiff1d
from ..engine.ops.indexing import sparse_tensor_dense_add as _sparse_tensor_dense_add
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
from . import array_ops, check_ops, math_ops, nn_ops
from .control_flow_ops import with_dependencies
from .array_ops_extra import dimension_at_index
from .sparse_tensor import SparseTensor, SparseTensorValue
from ..engine.framework.graph import Tensor
from ..engine.ops.construction import placeholder

__all__ = ["unsorted_segment_sum", "segment_sum", "segment_mean", "segment_max",
           "sparse_tensor_to_dense", "sparse_to_dense", "sparse_reorder", "sparse_reduce_sum",
           "sparse_tensor_dense_matmul", "sparse_placeholder", "sparse_segment_sum",
           "sparse_segment_mean", "sparse_segment_sqrt_n", "sparse_retain", "sparse_transpose",
           "sparse_concat", "sparse_add", "sparse_reshape", "sparse_slice", "sparse_split",
           "sparse_reduce_max", "sparse_reduce_max_sparse", "sparse_reduce_sum_sparse",
           "sparse_fill_empty_rows", "sparse_merge", "sparse_to_indicator", "sparse_maximum",
           "sparse_minimum", "sparse_softmax", "sparse_reset_shape", "sparse_mask"]


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
        # (a mask of unknown rank merges as an unknown dimension: Kipf's GCN sparse_dropout)
        sp_input.values.get_shape().dims[0].merge_with(dimension_at_index(retain_shape, 0))
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
            # (its length is known where the shape refiner evaluates that Size: a constant
            # dense_shape's, not a fed one's, whatever its static shape)
            perm = (rank - 1) - _range(0, rank, 1)
        indices = sp_input.indices
        transposed_indices = array_ops.transpose(
            array_ops.gather(array_ops.transpose(indices), perm))
        perm_ = constant_value(convert_to_tensor(perm))
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


# -- TF 1.14's SparseTensor restructuring functions (engine/ops/sparse_structure.py) ----------
def _convert_to_sparse_tensors(sp_inputs):
    if isinstance(sp_inputs, list):
        return [_convert_to_sparse_tensor(sp) for sp in sp_inputs]
    if isinstance(sp_inputs, tuple):
        return (_convert_to_sparse_tensor(sp) for sp in sp_inputs)
    raise TypeError("Inputs must be a list or tuple.")


def sparse_concat(axis, sp_inputs, name=None, expand_nonconcat_dim=False, concat_dim=None,
                  expand_nonconcat_dims=None):
    """The SparseTensors `sp_inputs` joined along `axis` (op `SparseConcat`; entries in
    row-major order). With `expand_nonconcat_dim` the other dimensions grow to the largest
    input's."""
    if expand_nonconcat_dims is not None and expand_nonconcat_dim:
        raise ValueError("Cannot specify both 'expand_nonconcat_dims' and "
                         "'expand_nonconcat_dim'")
    if expand_nonconcat_dims is not None:
        expand_nonconcat_dim = expand_nonconcat_dims
    axis = _deprecated_arg("axis", axis, "concat_dim", concat_dim)
    sp_inputs = _convert_to_sparse_tensors(sp_inputs)
    if len(sp_inputs) == 1:
        return sp_inputs[0]
    inds = [sp.indices for sp in sp_inputs]
    vals = [sp.values for sp in sp_inputs]
    shapes = [sp.dense_shape for sp in sp_inputs]
    if expand_nonconcat_dim:
        max_shape = math_ops.reduce_max(
            array_ops.concat([array_ops.reshape(s, [1, -1]) for s in shapes], 0), 0)
        shapes = [array_ops.concat([
            max_shape[:axis], s[-1:] if axis == -1 else s[axis:axis + 1],
            [] if axis == -1 else max_shape[axis + 1:]], 0) for s in shapes]
    out_ind, out_val, out_shape = _st.sparse_concat(inds, vals, shapes, axis, name=name)
    shapes_value = [constant_value(s) for s in shapes]
    if shapes_value and all(s is not None for s in shapes_value):
        dim = sum(s[axis] for s in shapes_value)
        out_shape = np.array(shapes_value[0], copy=True)
        out_shape[axis] = dim
        out_shape = convert_to_tensor(out_shape)
    return SparseTensor(out_ind, out_val, out_shape)


def sparse_add(a, b, threshold=None, thresh=None):
    """a + b where at least one is a SparseTensor: a SparseTensor (op `SparseAdd`; summed
    entries of magnitude below `threshold` are dropped) when both are, else a dense tensor
    (op `SparseTensorDenseAdd`). Differentiable w.r.t. both values."""
    threshold = _deprecated_arg("threshold", threshold, "thresh", thresh)
    if threshold is None:
        threshold = 0
    classes = (SparseTensor, SparseTensorValue)
    if not any(isinstance(x, classes) for x in (a, b)):
        raise TypeError("At least one input should be SparseTensor; do you mean to use "
                        "tf.add()?")
    if all(isinstance(x, classes) for x in (a, b)):
        a = _convert_to_sparse_tensor(a)
        b = _convert_to_sparse_tensor(b)
        threshold = convert_to_tensor(threshold, dtype=a.values.dtype.real_dtype.base_dtype,
                                      name="threshold")
        out_ind, out_val, out_shape = _st.sparse_add(a.indices, a.values, a.dense_shape,
                                                     b.indices, b.values, b.dense_shape,
                                                     threshold)
        a.get_shape().assert_is_compatible_with(b.get_shape())
        static = a.get_shape().merge_with(b.get_shape())
        if static.is_fully_defined():
            out_shape = static.as_list()
        return SparseTensor(out_ind, out_val, out_shape)
    if isinstance(b, classes):
        a, b = b, a
    return _sparse_tensor_dense_add(a.indices, a.values, a.dense_shape, b)


def sparse_reshape(sp_input, shape, name=None):
    """`sp_input` under a new dense `shape` (op `SparseReshape`; one dimension may be -1)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    shape = math_ops.cast(shape, dtype=_dt.int64)
    with name_scope(name, "SparseReshape", [sp_input]) as scope:
        ind, new_shape = _st.sparse_reshape(sp_input.indices, sp_input.dense_shape, shape,
                                            name=scope)
        const = constant_value(shape)
        if const is not None and sp_input.get_shape().is_fully_defined():
            const = np.array(const, copy=True)
            num_implied = int(sum(d == -1 for d in const))
            if num_implied > 1:
                raise ValueError("At most one dimension can be inferred (-1). Found: %s"
                                 % const)
            original = list(const)
            in_size = int(np.prod(sp_input.get_shape().as_list()))
            if num_implied:
                idx = original.index(-1)
                rest = original[:idx] + original[idx + 1:]
                const[idx] = in_size // int(np.prod(rest))
            size_ = int(np.prod(const))
            if size_ != in_size:
                raise ValueError("Cannot reshape a tensor with %d elements to shape %s "
                                 "(%d elements)." % (in_size, [int(d) for d in original], size_))
            new_shape = const
        return SparseTensor(ind, array_ops.identity(sp_input.values), new_shape)


def sparse_slice(sp_input, start, size, name=None):
    """The entries of `sp_input` inside the box [start, start + size), shifted to start
    (op `SparseSlice`; differentiable w.r.t. the values)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    start = convert_to_tensor(start, _dt.int64)
    size = convert_to_tensor(size, _dt.int64)
    with name_scope(name, "SparseSlice", [sp_input]) as scope:
        ind, val, shp = _st.sparse_slice(sp_input.indices, sp_input.values,
                                         sp_input.dense_shape, start, size, name=scope)
        return SparseTensor(ind, val, shp)


class KeywordRequired:
    """TF's marker that makes sparse_split's arguments keyword-only."""

    def __repr__(self):
        return "KeywordRequired()"


def sparse_split(keyword_required=KeywordRequired(), sp_input=None, num_split=None, axis=None,
                 name=None, split_dim=None):
    """`sp_input` split into `num_split` SparseTensors along `axis` (op `SparseSplit`; the
    first shape[axis] % num_split pieces are one longer)."""
    if not isinstance(keyword_required, KeywordRequired):
        raise ValueError("Keyword arguments are required for this function.")
    if sp_input is None:
        raise ValueError("sp_input is required")
    if num_split is None:
        raise ValueError("num_split is required")
    if axis is None:
        raise ValueError("axis is required")
    axis = _deprecated_arg("axis", axis, "split_dim", split_dim)
    sp_input = _convert_to_sparse_tensor(sp_input)
    inds, vals, shapes = _st.sparse_split(axis, sp_input.indices, sp_input.values,
                                          sp_input.dense_shape, num_split, name=name)
    return [SparseTensor(i, v, s) for i, v, s in zip(inds, vals, shapes)]


def sparse_reduce_max(sp_input, axis=None, keepdims=None, reduction_axes=None,
                      keep_dims=None):
    """The maximum of the entries of `sp_input` over `axis` (all when None) as a dense
    tensor (op `SparseReduceMax`; implicit zeros are ignored, a group without entries
    gives 0)."""
    keepdims = _deprecated_arg("keepdims", keepdims, "keep_dims", keep_dims)
    if keepdims is None:
        keepdims = False
    axis = _deprecated_arg("axis", axis, "reduction_axes", reduction_axes)
    return _st.sparse_reduce_max(sp_input.indices, sp_input.values, sp_input.dense_shape,
                                 _reduction_dims(sp_input, axis), keepdims)


def _reduce_sparse(op_type, sp_input, axis, keepdims, reduction_axes, keep_dims):
    keepdims = _deprecated_arg("keepdims", keepdims, "keep_dims", keep_dims)
    if keepdims is None:
        keepdims = False
    axis = _deprecated_arg("axis", axis, "reduction_axes", reduction_axes)
    ind, val, shp = _st.sparse_reduce_sparse(op_type, sp_input.indices, sp_input.values,
                                             sp_input.dense_shape,
                                             _reduction_dims(sp_input, axis), keepdims)
    return SparseTensor(ind, val, shp)


def sparse_reduce_max_sparse(sp_input, axis=None, keepdims=None, reduction_axes=None,
                             keep_dims=None):
    """sparse_reduce_max as a SparseTensor of the groups that have entries (op
    `SparseReduceMaxSparse`)."""
    return _reduce_sparse("SparseReduceMaxSparse", sp_input, axis, keepdims, reduction_axes,
                          keep_dims)


def sparse_reduce_sum_sparse(sp_input, axis=None, keepdims=None, reduction_axes=None,
                             keep_dims=None):
    """sparse_reduce_sum as a SparseTensor of the groups that have entries (op
    `SparseReduceSumSparse`)."""
    return _reduce_sparse("SparseReduceSumSparse", sp_input, axis, keepdims, reduction_axes,
                          keep_dims)


def sparse_fill_empty_rows(sp_input, default_value, name=None):
    """(`sp_input` with an entry [r, 0, ...] = default_value for every empty row r, the bool
    vector of the empty rows) (op `SparseFillEmptyRows`; differentiable w.r.t. the values
    and the default)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    with name_scope(name, "SparseFillEmptyRows", [sp_input]):
        default_value = convert_to_tensor(default_value, dtype=sp_input.values.dtype)
        ind, val, empty, _ = _st.sparse_fill_empty_rows(sp_input.indices, sp_input.values,
                                                        sp_input.dense_shape, default_value)
        return SparseTensor(ind, val, sp_input.dense_shape), empty


def sparse_merge(sp_ids, sp_values, vocab_size, name=None, already_sorted=False):
    """A SparseTensor whose last index is taken from the ids `sp_ids` (one SparseTensor,
    or a list for several new dimensions of sizes `vocab_size`), with `sp_values`' values."""
    if isinstance(sp_ids, (SparseTensor, SparseTensorValue)):
        sp_ids = [sp_ids]
        if not (isinstance(vocab_size, Tensor) or isinstance(vocab_size, numbers.Integral)):
            raise TypeError("vocab_size has to be a Tensor or Python int. Found %s"
                            % type(vocab_size))
        vocab_size = [vocab_size]
    else:
        if not isinstance(sp_ids, collections.abc.Iterable):
            raise TypeError("sp_ids has to be a SparseTensor or list thereof. Found %s"
                            % type(sp_ids))
        if not isinstance(vocab_size, collections.abc.Iterable):
            raise TypeError("vocab_size has to be a list of Tensors or Python ints. Found %s"
                            % type(vocab_size))
        for dim in vocab_size:
            if not (isinstance(dim, Tensor) or isinstance(dim, numbers.Integral)):
                raise TypeError("vocab_size has to be a list of Tensors or Python ints. "
                                "Found %s" % type(dim))
    if len(sp_ids) != len(vocab_size):
        raise ValueError("sp_ids and vocab_size have to have equal lengths.")
    with name_scope(name, "SparseMerge", [sp_ids, sp_values]):
        sp_ids = [_convert_to_sparse_tensor(s) for s in sp_ids]
        sp_values = _convert_to_sparse_tensor(sp_values)
        ids = []
        for s in sp_ids:
            ids_dim = s.values
            if s.dtype != _dt.int64:
                ids_dim = math_ops.cast(ids_dim, _dt.int64)
            ids += [array_ops.expand_dims(ids_dim, axis=1)]
        vocab_size = [math_ops.cast(x, _dt.int64) for x in vocab_size]
        preserved = sp_ids[0].indices[:, :-1]
        new_indices = array_ops.concat([preserved] + ids, 1)
        new_shape = array_ops.concat([sp_ids[0].dense_shape[:-1], vocab_size], 0)
        result = SparseTensor(new_indices, sp_values.values, new_shape)
        if already_sorted:
            return result
        sorted_result = sparse_reorder(result)
        return SparseTensor(sorted_result.indices, sorted_result.values, new_shape)


def sparse_to_indicator(sp_input, vocab_size, name=None):
    """A dense bool tensor [..., vocab_size]: True at the ids of each row of the int
    SparseTensor `sp_input`."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    with name_scope(name, "SparseToIndicator", [sp_input]) as scope:
        num_entries = array_ops.shape(sp_input.indices)[0]
        new_values = array_ops.fill(array_ops.expand_dims(num_entries, 0), True)
        sp_values = SparseTensor(sp_input.indices, new_values, sp_input.dense_shape)
        sp_new = sparse_merge(sp_input, sp_values, vocab_size, scope)
        return sparse_tensor_to_dense(sp_new, default_value=False, validate_indices=False,
                                      name=scope)


def _min_max(op_type, sp_a, sp_b, name):
    with name_scope(name, op_type, [sp_a.indices, sp_a.values, sp_b.indices,
                                    sp_b.values]) as scope:
        ind, val = _st.sparse_sparse_min_max(op_type, sp_a.indices, sp_a.values,
                                             sp_a.dense_shape, sp_b.indices, sp_b.values,
                                             sp_b.dense_shape, name=scope)
    return SparseTensor(ind, val, sp_a.dense_shape)


def sparse_maximum(sp_a, sp_b, name=None):
    """The elementwise maximum of two SparseTensors of one shape over the union of their
    entries, a missing entry counting as 0 (op `SparseSparseMaximum`)."""
    return _min_max("SparseSparseMaximum", sp_a, sp_b, name)


def sparse_minimum(sp_a, sp_b, name=None):
    """The elementwise minimum (op `SparseSparseMinimum`); see sparse_maximum."""
    return _min_max("SparseSparseMinimum", sp_a, sp_b, name)


def sparse_softmax(sp_input, name=None):
    """The softmax of the entries of each innermost row of `sp_input` (rank >= 2), missing
    entries excluded (op `SparseSoftmax`; differentiable)."""
    with name_scope(name, "SparseSoftmax", [sp_input.indices, sp_input.values]):
        out = _st.sparse_softmax(sp_input.indices, sp_input.values, sp_input.dense_shape)
        return SparseTensor(sp_input.indices, out, sp_input.dense_shape)


def sparse_reset_shape(sp_input, new_shape=None):
    """`sp_input` with dense shape `new_shape` (no smaller than the old one), or the
    tightest shape holding its indices when None."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    in_indices = array_ops.identity(sp_input.indices)
    in_values = array_ops.identity(sp_input.values)
    in_shape = array_ops.identity(sp_input.dense_shape)
    if new_shape is None:
        low = math_ops.reduce_max(in_indices, axis=0)
        out_shape = math_ops.maximum(constant(0, dtype=_dt.int64),
                                     math_ops.add(low, array_ops.ones_like(in_shape)))
    else:
        out_shape = convert_to_tensor(new_shape)
        out_shape.get_shape().assert_has_rank(1)
        out_shape = math_ops.cast(out_shape, _dt.int64)
        if out_shape.get_shape().ndims is not None:
            out_shape.get_shape().dims[0].merge_with(in_shape.get_shape().dims[0])
        const = constant_value(out_shape)
        if const is not None and sp_input.get_shape().is_fully_defined():
            in_const = np.array(sp_input.get_shape().as_list())
            if not np.all(in_const <= const):
                raise ValueError(  # TF 1.14 swaps the two shapes in its message
                    "Requested new_shape should have dimension sizes >= sp_input.shape."
                    "  Found new_shape (%s), sp_input.shape (%s)." % (in_const, const))
            out_shape = const
        else:   # checked when run, as TF: the ranks equal, then no dimension shrinks
            out_shape = with_dependencies(
                [check_ops.assert_equal(array_ops.shape(in_shape), array_ops.shape(out_shape))],
                out_shape)
            out_shape = with_dependencies([check_ops.assert_less_equal(in_shape, out_shape)],
                                          out_shape)
    return SparseTensor(in_indices, in_values, out_shape)


def sparse_expand_dims(sp_input, axis=None, name=None):
    """`sp_input` with a new dimension of size 1 at `axis` (default -1: last)."""
    rank = sp_input.dense_shape.get_shape()[0]
    axis = -1 if axis is None else axis
    with name_scope(name, "expand_dims", [sp_input]):
        if isinstance(axis, numbers.Integral):
            axis = convert_to_tensor(axis, name="axis", dtype=_dt.int32)
        elif not isinstance(axis, Tensor):
            raise TypeError("axis must be an integer value in range [-rank(sp_input) - 1, "
                            "rank(sp_input)]")
        axis = array_ops.where(axis >= 0, axis, axis + rank + 1)
        column_size = array_ops.shape(sp_input.indices)[0]
        new_index = array_ops.zeros([column_size, 1], dtype=_dt.int64)
        before = array_ops.slice(sp_input.indices, [0, 0], [-1, axis])
        after = array_ops.slice(sp_input.indices, [0, axis], [-1, -1])
        indices = array_ops.concat([before, new_index, after], axis=1)
        shape_before = array_ops.slice(sp_input.dense_shape, [0], [axis])
        shape_after = array_ops.slice(sp_input.dense_shape, [axis], [-1])
        new_shape = convert_to_tensor([1], name="new_shape", dtype=_dt.int64)
        shape = array_ops.concat([shape_before, new_shape, shape_after], axis=0)
        return SparseTensor(indices=indices, values=sp_input.values, dense_shape=shape)


def _make_int64_tensor(value, name):
    if isinstance(value, numbers.Integral):
        return convert_to_tensor(value, name=name, dtype=_dt.int64)
    if not isinstance(value, Tensor):
        raise TypeError("{} must be an integer value".format(name))
    if value.dtype == _dt.int64:
        return value
    return math_ops.cast(value, _dt.int64)


def sparse_eye(num_rows, num_columns=None, dtype=_dt.float32, name=None):
    """A SparseTensor [num_rows, num_columns] with ones on the diagonal."""
    with name_scope(name, "eye", [num_rows, num_columns]):
        num_rows = _make_int64_tensor(num_rows, "num_rows")
        num_columns = num_rows if num_columns is None else _make_int64_tensor(
            num_columns, "num_columns")
        diag_size = math_ops.minimum(num_rows, num_columns)
        diag_range = _range(0, diag_size, 1, dtype=_dt.int64)
        # as TF: ones() of the scalar size (reshaped in its scope); the dense shape a
        # list that the SparseTensor packs
        return SparseTensor(indices=array_ops.stack([diag_range, diag_range], axis=1),
                            values=array_ops.ones(diag_size, dtype=dtype),
                            dense_shape=[num_rows, num_columns])


def sparse_mask(a, mask_indices, name=None):
    """The IndexedSlices `a` without the slices whose indices are in `mask_indices` (TF's
    array_ops.sparse_mask: ListDiff of the indices, then a gather of the values)."""
    with name_scope(name, "sparse_mask", [a, mask_indices]) as scope:
        out_indices, to_gather = _setdiff1d(a.indices, mask_indices)
        out_values = array_ops.gather(a.values, to_gather, name=scope)
        return IndexedSlices(out_values, out_indices, a.dense_shape)


# -- crosses (issue 16: feature columns) -------------------------------------------------
_DEFAULT_HASH_KEY = 0xDECAFCAFFE


def _sparse_cross_internal(inputs, hashed_output=False, num_buckets=0, hash_key=None,
                           name=None):
    if not isinstance(inputs, list):
        raise TypeError("Inputs must be a list")
    if not all(isinstance(i, (SparseTensor, Tensor)) for i in inputs):
        raise TypeError("All inputs must be SparseTensors")
    sparse_inputs = [i for i in inputs if isinstance(i, SparseTensor)]
    dense_inputs = [i for i in inputs if not isinstance(i, SparseTensor)]
    indices = [sp.indices for sp in sparse_inputs]
    values = [sp.values for sp in sparse_inputs]
    shapes = [sp.dense_shape for sp in sparse_inputs]
    out_type = _dt.int64 if hashed_output else _dt.string
    internal_type = _dt.string
    for i in range(len(values)):
        if values[i].dtype != _dt.string:
            values[i] = math_ops.cast(values[i], _dt.int64)
            internal_type = _dt.int64
    for i in range(len(dense_inputs)):
        if dense_inputs[i].dtype != _dt.string:
            dense_inputs[i] = math_ops.cast(dense_inputs[i], _dt.int64)
            internal_type = _dt.int64
    ind, val, shp = _hashing.sparse_cross(indices, values, shapes, dense_inputs, hashed_output,
                                          num_buckets, hash_key or _DEFAULT_HASH_KEY, out_type,
                                          internal_type, name=name)
    return SparseTensor(ind, val, shp)


def sparse_cross(inputs, name=None):
    """The string crosses ("a_X_b") of the rows of sparse and dense 2-D `inputs`."""
    return _sparse_cross_internal(inputs=inputs, hashed_output=False, name=name)


def sparse_cross_hashed(inputs, num_buckets=0, hash_key=None, name=None):
    """The hashed crosses (TF's FingerprintCat64 chain % num_buckets) of `inputs`' rows."""
    return _sparse_cross_internal(inputs=inputs, hashed_output=True, num_buckets=num_buckets,
                                  hash_key=hash_key, name=name)


# -- the packing ops: a SparseTensor as a [3] (or per row [N, 3]) string or variant tensor ---
def _out_type(out_type):
    t = _dt.as_dtype(out_type)
    if t not in (_dt.string, _dt.variant):
        raise TypeError(f"Value passed to parameter 'out_type' has DataType {t.name} not in "
                        "list of allowed values: string, variant")
    return t


def serialize_sparse(sp_input, name=None, out_type=_dt.string):
    """A SparseTensor as a [3] tensor: its indices, values and dense_shape, each a
    serialized TensorProto (out_type tf.string) or boxed (tf.variant)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    return _apply("SerializeSparse", [sp_input.indices, sp_input.values, sp_input.dense_shape],
                  {"T": sp_input.values.dtype.base_dtype, "out_type": _out_type(out_type)},
                  name or "SerializeSparse")


def serialize_many_sparse(sp_input, name=None, out_type=_dt.string):
    """A SparseTensor of rank R >= 2 as an [N, 3] tensor: row n holds the rank R-1
    SparseTensor of its first-dimension entry n (as serialize_sparse)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    return _apply("SerializeManySparse",
                  [sp_input.indices, sp_input.values, sp_input.dense_shape],
                  {"T": sp_input.values.dtype.base_dtype, "out_type": _out_type(out_type)},
                  name or "SerializeManySparse")


def deserialize_many_sparse(serialized_sparse, dtype, rank=None, name=None):
    """The SparseTensor of an [N, 3] string tensor of serialized SparseTensors of equal
    rank: their rows stacked, its shape the largest of theirs with N in front."""
    serialized_sparse = convert_to_tensor(serialized_sparse, dtype=_dt.string)
    ind, val, shp = _apply("DeserializeManySparse", [serialized_sparse],
                           {"dtype": _dt.as_dtype(dtype)}, name or "DeserializeManySparse")
    ind.set_shape([None, rank])
    shp.set_shape([rank])
    return SparseTensor(ind, val, shp)


__all__ += ["serialize_sparse", "serialize_many_sparse", "deserialize_many_sparse"]


# -- TF 1.14's SparseTensorsMap helpers (engine/ops/sparse_tensors_map.py) ---------------------
def _shape(sp_input):
    """TF's array_ops.shape of a SparseTensor: its dense_shape cast to int32 ("Shape/Cast")."""
    with name_scope(None, "Shape", [sp_input.dense_shape]):
        return math_ops.cast(sp_input.dense_shape, _dt.int32)


def _map_attrs(sp_input, container, shared_name):
    return {"T": sp_input.values.dtype.base_dtype, "container": container or "",
            "shared_name": shared_name or ""}


def _add_sparse_to_tensors_map(sp_input, container=None, shared_name=None, name=None):
    """The int64 handle of `sp_input` stored in a SparseTensorsMap (shared_name defaults
    to the op's name)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    return _apply("AddSparseToTensorsMap",
                  [sp_input.indices, sp_input.values, sp_input.dense_shape],
                  _map_attrs(sp_input, container, shared_name), name or "AddSparseToTensorsMap")


def _add_many_sparse_to_tensors_map(sp_input, container=None, shared_name=None, name=None):
    """One handle per minibatch row of the rank > 1 `sp_input` (indices in order)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    return _apply("AddManySparseToTensorsMap",
                  [sp_input.indices, sp_input.values, sp_input.dense_shape],
                  _map_attrs(sp_input, container, shared_name),
                  name or "AddManySparseToTensorsMap")


def _take_many_sparse_from_tensors_map(sparse_map_op, sparse_handles, rank=None, name=None):
    """The SparseTensors of `sparse_handles` taken out of `sparse_map_op`'s map, stacked
    along a new first dimension (the op colocated with `sparse_map_op`, as TF)."""
    if not isinstance(sparse_map_op, Operation):
        raise TypeError("sparse_map_op be an Operation")
    if sparse_map_op.type not in ("AddSparseToTensorsMap", "AddManySparseToTensorsMap"):
        raise TypeError("sparse_map_op must be one of AddSparseToTensorsMap or "
                        "AddSparseToTensorsMap. Instead, found `%s`." % sparse_map_op.type)
    with colocate_with(sparse_map_op):
        shared_name = sparse_map_op.get_attr("shared_name") or sparse_map_op.name
        ind, val, shp = _apply("TakeManySparseFromTensorsMap", [sparse_handles], {
            "dtype": sparse_map_op.get_attr("T"),
            "container": sparse_map_op.get_attr("container"), "shared_name": shared_name},
            name or "TakeManySparseFromTensorsMap")
    ind.set_shape([None, rank])
    shp.set_shape([rank])
    return SparseTensor(ind, val, shp)
