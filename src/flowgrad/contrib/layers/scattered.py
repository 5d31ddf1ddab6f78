"""contrib.layers' scattered_embedding_lookup and scattered_embedding_lookup_sparse (TF
1.14 contrib/layers/python/layers/embedding_ops.py): "feature hashing" embeddings, each
of the `dimension` components of a value's embedding a hashed entry of a 1-D parameter
vector (SparseFeatureCross of the component index and the value)."""
from __future__ import annotations

from ... import logging
from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import name_scope
from ...engine.ops.construction import range as _range
from ...engine.ops.indexing import unique
from ...ops import array_ops, math_ops, sparse_ops
from ...ops.nn_ops import embedding_lookup
from ...ops.sparse_tensor import SparseTensor
from .sparse_feature_cross import sparse_feature_cross

__all__ = ["scattered_embedding_lookup", "scattered_embedding_lookup_sparse"]


def _param_list(params):
    if hasattr(params, "_get_variable_list"):
        return list(params._get_variable_list())
    return list(params) if isinstance(params, list) else [params]


def scattered_embedding_lookup(params, values, dimension, name=None, hash_key=None):
    """The `dimension`-wide embeddings of `values` ([..., dimension]) hashed into the 1-D
    `params` (a list of "div"-partitioned shards)."""
    if dimension is None:
        raise ValueError("You must specify dimension.")
    params = _param_list(params)
    with name_scope(name, "scattered_embedding_lookup", params + [dimension, values]):
        values_shape = array_ops.shape(values)
        values = array_ops.reshape(values, [-1, 1])
        if dimension <= 0:
            raise ValueError("Dimension must be >0. Given is %d" % dimension)
        candidates = array_ops.tile(array_ops.expand_dims(_range(0, dimension), 0),
                                    array_ops.shape(values))
        sizes = []
        for p in params:
            shape = p.get_shape()
            shape.assert_has_rank(1)
            shape.assert_is_fully_defined()
            sizes.append(int(shape[0]))
        num_params = sum(sizes)
        for p, size in enumerate(sizes):
            expected = (num_params - p - 1) // len(params) + 1
            if size != expected:
                raise ValueError("Tensor %d in params has size %d, expected %d." %
                                 (p, size, expected))
        ids = sparse_feature_cross([candidates, values], hashed_output=True,
                                   num_buckets=num_params, hash_key=hash_key)
        ids = sparse_ops.sparse_tensor_to_dense(ids)
        result = embedding_lookup(params, ids, partition_strategy="div")
        return array_ops.reshape(result, array_ops.concat([values_shape, [dimension]], 0))


def scattered_embedding_lookup_sparse(params, sparse_values, dimension, combiner=None,
                                      default_value=None, name=None, hash_key=None):
    """The combined scattered embeddings of each row of `sparse_values`."""
    if combiner is None:
        logging.warn("The default value of combiner will change from \"mean\" to \"sqrtn\" "
                     "after 2016/11/01.")
        combiner = "mean"
    params = _param_list(params)
    if not isinstance(sparse_values, SparseTensor):
        raise TypeError("sparse_values must be SparseTensor")
    with name_scope(name, "scattered_embedding_lookup_sparse",
                    params + [sparse_values]) as scope:
        if default_value is None:
            default_value = "6ZxWzWOHxZ" if sparse_values.dtype == _dt.string else 1288896567
        sparse_values, _ = sparse_ops.sparse_fill_empty_rows(sparse_values, default_value)
        segment_ids = sparse_values.indices[:, 0]
        if segment_ids.dtype != _dt.int32:
            segment_ids = math_ops.cast(segment_ids, _dt.int32)
        values, idx = unique(sparse_values.values)
        embeddings = scattered_embedding_lookup(params, values, dimension, hash_key=hash_key)
        if combiner == "sum":
            return sparse_ops.sparse_segment_sum(embeddings, idx, segment_ids, name=scope)
        if combiner == "mean":
            return sparse_ops.sparse_segment_mean(embeddings, idx, segment_ids, name=scope)
        if combiner == "sqrtn":
            return sparse_ops.sparse_segment_sqrt_n(embeddings, idx, segment_ids, name=scope)
        raise ValueError("Combiner must be one of 'mean', 'sqrtn' or 'sum'.")
