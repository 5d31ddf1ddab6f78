"""contrib.layers' embedding_lookup_sparse_with_distributed_aggregation (TF 1.14
contrib/layers/python/layers/embedding_ops.py): tf.nn.embedding_lookup_sparse whose
weighting and per-row sums happen on each shard before the shards' partial sums are
combined (unsorted_segment_sum)."""
from __future__ import annotations

from ... import logging
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.ops.array_extra import dynamic_partition
from ...engine.ops.construction import range as _range
from ...engine.ops.indexing import setdiff1d, unique
from ...engine.ops.segment import segment_sum, unsorted_segment_sum
from ...ops import array_ops, math_ops
from ...ops.math_ops import clip_by_norm
from ...ops.sparse_ops import sparse_segment_sum
from ...ops.sparse_tensor import SparseTensor
from ...ops.variables import is_resource_variable

__all__ = ["embedding_lookup_sparse_with_distributed_aggregation"]


def _params_list(params):
    if hasattr(params, "_get_variable_list"):
        return list(params._get_variable_list())
    return list(params) if isinstance(params, list) else [params]


def _gather(params, ids, name=None):
    if is_resource_variable(params):
        return params.sparse_read(ids, name=name)
    return array_ops.gather(params, ids, name=name)


def _bcast_weights(weights, like):
    """weights reshaped to [n, 1, ..., 1] against `like` (TF's bcast_weights_shape)."""
    if weights.dtype != like.dtype:
        weights = math_ops.cast(weights, like.dtype)
    ones = array_ops.fill(array_ops.expand_dims(array_ops.rank(like) - 1, 0), 1)
    shape = array_ops.concat([array_ops.shape(weights), ones], 0)
    orig = weights.get_shape()
    weights = array_ops.reshape(weights, shape)
    if like.get_shape().ndims is not None:
        weights.set_shape(orig.concatenate([1] * (like.get_shape().ndims - 1)))
    return weights


def _lookup_with_distributed_aggregation(params, ids, partition_strategy="mod", name=None,
                                         max_norm=None, weights=None, idx=None,
                                         segment_ids=None):
    if params is None or params == []:
        raise ValueError("Need at least one param")
    params = _params_list(params)

    def maybe_normalize(x):
        if max_norm is not None:
            ndims = x.get_shape().ndims
            if ndims is None:
                ndims = array_ops.size(array_ops.shape(x))
            return clip_by_norm(x, max_norm, axes=list(range(1, ndims)))
        return x

    with name_scope(name, "embedding_lookup_with_distributed_aggregation",
                    params + [ids]) as name:
        n = len(params)
        if not any(is_resource_variable(p) for p in params):
            params = [convert_to_tensor(p, name="params_%d" % i) for i, p in enumerate(params)]
        if n == 1:
            ret = maybe_normalize(_gather(params[0], ids))
            if weights is not None:
                ret *= _bcast_weights(weights, ret)
                return segment_sum(ret, segment_ids, name=name)
            return sparse_segment_sum(ret, idx, segment_ids, name=name)
        ids = convert_to_tensor(ids, name="ids")
        flat_ids = array_ops.reshape(ids, [-1])
        original_indices = _range(array_ops.size(flat_ids))
        if partition_strategy == "mod":
            p_assignments = flat_ids % n
            new_ids = flat_ids // n
        elif partition_strategy == "div":
            dim_0 = params[0].get_shape().dims[0]
            for p in params[1:]:
                dim_0 += p.get_shape().dims[0]
            if dim_0.value:
                total = constant(dim_0.value, flat_ids.dtype)
            else:
                sizes = [p.get_shape().dims[0].value if p.get_shape().dims[0].value is not None
                         else array_ops.shape(p)[0] for p in params]
                total = math_ops.reduce_sum(math_ops.cast(array_ops.stack(sizes),
                                                          flat_ids.dtype))
            per = total // n
            extras = total % n
            p_assignments = math_ops.maximum(flat_ids // (per + 1),
                                             (flat_ids - extras) // per)
            first = math_ops.cast(p_assignments < extras, flat_ids.dtype)
            new_ids = (first * (flat_ids % (per + 1)) +
                       (1 - first) * ((flat_ids - extras) % per))
        else:
            raise ValueError("Unrecognized partition strategy: " + partition_strategy)
        p_assignments = math_ops.cast(p_assignments, _dt.int32)
        gather_ids = dynamic_partition(new_ids, p_assignments, n)
        pindices = dynamic_partition(original_indices, p_assignments, n)
        results = [_gather(params[p], gather_ids[p]) for p in range(n)]
        if weights is not None:
            p_weights = [array_ops.gather(weights, pindices[p]) for p in range(n)]
        element_shape = params[0].get_shape()[1:]
        for p in params[1:]:
            element_shape = element_shape.merge_with(p.get_shape()[1:])
        if element_shape.is_fully_defined():
            for p in range(n):
                results[p] = array_ops.reshape(results[p], array_ops.concat(
                    [array_ops.shape(pindices[p]), element_shape.as_list()], 0))
        else:
            params_shape = array_ops.shape(params[0])
            for p in range(n):
                results[p] = array_ops.reshape(results[p], array_ops.concat(
                    [array_ops.shape(pindices[p]), array_ops.slice(params_shape, [1], [-1])],
                    0))
        results = [maybe_normalize(r) for r in results]
        if weights is not None:
            for p in range(n):
                results[p] *= _bcast_weights(p_weights[p], results[p])
        segments = []
        for p in range(n):
            if weights is not None:
                p_segment_ids = array_ops.gather(segment_ids, pindices[p])
                unique_ids, unique_idx = unique(p_segment_ids)
                segments.append(unique_ids)
                results[p] = segment_sum(results[p], unique_idx)
            else:
                _, exclude_idx = setdiff1d(idx, pindices[p])
                all_idx = _range(array_ops.shape(idx)[0])
                _, include_idx = setdiff1d(all_idx, exclude_idx)
                p_segment_ids = array_ops.gather(segment_ids, include_idx)
                p_idx = array_ops.gather(idx, include_idx)
                unique_ids, unique_idx = unique(p_segment_ids)
                _, unique_p_idx_idx = unique(p_idx)
                segments.append(unique_ids)
                results[p] = sparse_segment_sum(results[p], unique_p_idx_idx, unique_idx)
        concat_ids = array_ops.concat(segments, 0)
        concat_results = array_ops.concat(results, 0)
        return unsorted_segment_sum(concat_results, concat_ids,
                                    math_ops.reduce_max(concat_ids) + 1, name=name)


def embedding_lookup_sparse_with_distributed_aggregation(params, sp_ids, sp_weights,
                                                         partition_strategy="mod", name=None,
                                                         combiner=None, max_norm=None):
    """Per row of `sp_ids`, the combined ("mean", "sqrtn", "sum") embeddings of its ids,
    the weighted per-row sums done shard by shard."""
    if combiner is None:
        logging.warn("The default value of combiner will change from \"mean\" to \"sqrtn\" "
                     "after 2016/11/01.")
        combiner = "mean"
    if combiner not in ("mean", "sqrtn", "sum"):
        raise ValueError("combiner must be one of 'mean', 'sqrtn' or 'sum'")
    params = _params_list(params)
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
        ids = sp_ids.values
        idx = None
        if ignore_weights:
            ids, idx = unique(ids)
        weights = None if ignore_weights else sp_weights.values
        embeddings = _lookup_with_distributed_aggregation(
            params, ids, partition_strategy=partition_strategy, max_norm=max_norm,
            weights=weights, idx=idx, segment_ids=segment_ids)
        if ignore_weights:
            weights = array_ops.fill([array_ops.shape(segment_ids)[0]], 1)
        weights = _bcast_weights(weights, embeddings)
        if combiner == "mean":
            embeddings = math_ops.div(embeddings, segment_sum(weights, segment_ids))
        elif combiner == "sqrtn":
            weight_sum = segment_sum(math_ops.pow(weights, 2), segment_ids)
            embeddings = math_ops.div(embeddings, math_ops.sqrt(weight_sum))
        return embeddings
