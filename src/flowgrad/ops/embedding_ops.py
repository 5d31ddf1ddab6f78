"""TF 1.14's safe_embedding_lookup_sparse (tensorflow/python/ops/embedding_ops.py), composed
as TF composes it: the ids reshaped to 2-D, invalid ids (< 0) and, unless combining by
"sum", non-positive weights pruned, empty rows filled, embedding_lookup_sparse, empty rows
zeroed, the result reshaped back. (embedding_lookup and embedding_lookup_sparse are in
nn_ops.py and sparse_ops.py.)"""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.ops.comparison import greater, greater_equal, logical_and
from ..engine.framework.tensor_shape import Dimension, TensorShape, dimension_value
from . import array_ops, math_ops
from .sparse_ops import embedding_lookup_sparse, sparse_fill_empty_rows, sparse_reshape, \
    sparse_retain
from .sparse_tensor import SparseTensor

__all__ = ["safe_embedding_lookup_sparse"]


def _is_variable(w):
    return hasattr(w, "_as_graph_element") and hasattr(w, "initializer")


def _prune_invalid_ids(sparse_ids, sparse_weights):
    is_id_valid = greater_equal(sparse_ids.values, 0)
    if sparse_weights is not None:
        is_id_valid = logical_and(
            is_id_valid, array_ops.ones_like(sparse_weights.values, dtype=_dt.bool_))
    sparse_ids = sparse_retain(sparse_ids, is_id_valid)
    if sparse_weights is not None:
        sparse_weights = sparse_retain(sparse_weights, is_id_valid)
    return sparse_ids, sparse_weights


def _prune_invalid_weights(sparse_ids, sparse_weights):
    if sparse_weights is not None:
        is_weights_valid = greater(sparse_weights.values, 0)
        sparse_ids = sparse_retain(sparse_ids, is_weights_valid)
        sparse_weights = sparse_retain(sparse_weights, is_weights_valid)
    return sparse_ids, sparse_weights


def safe_embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights=None,
                                 combiner="mean", default_id=None, name=None,
                                 partition_strategy="div", max_norm=None):
    """Embeddings of the ids of each row of `sparse_ids` (any rank >= 2), combined per row;
    invalid ids are dropped and empty rows give zeros (or `default_id`'s embedding)."""
    if embedding_weights is None:
        raise ValueError(f"Missing embedding_weights {embedding_weights}.")
    if type(embedding_weights).__name__ == "PartitionedVariable":
        embedding_weights = list(embedding_weights)
    if not isinstance(embedding_weights, list):
        embedding_weights = [embedding_weights]
    if len(embedding_weights) < 1:
        raise ValueError(f"Missing embedding_weights {embedding_weights}.")
    dtype = sparse_weights.dtype if sparse_weights is not None else None
    embedding_weights = [
        w if (type(w).__name__ == "ResourceVariable" and dtype in (None, w.dtype))
        else convert_to_tensor(w, dtype=dtype) for w in embedding_weights]
    with name_scope(name, "embedding_lookup",
                    embedding_weights + [sparse_ids, sparse_weights]) as scope:
        original_shape = sparse_ids.dense_shape
        original_rank_dim = dimension_value(sparse_ids.dense_shape.get_shape()[0])
        original_rank = (array_ops.size(original_shape) if original_rank_dim is None
                         else original_rank_dim)
        sparse_ids = sparse_reshape(sparse_ids, [
            math_ops.reduce_prod(array_ops.slice(original_shape, [0], [original_rank - 1])),
            array_ops.gather(original_shape, original_rank - 1)])
        if sparse_weights is not None:
            sparse_weights = SparseTensor(sparse_ids.indices, sparse_weights.values,
                                          sparse_ids.dense_shape)
        sparse_ids, sparse_weights = _prune_invalid_ids(sparse_ids, sparse_weights)
        if combiner != "sum":
            sparse_ids, sparse_weights = _prune_invalid_weights(sparse_ids, sparse_weights)
        sparse_ids, is_row_empty = sparse_fill_empty_rows(sparse_ids, default_id or 0)
        if sparse_weights is not None:
            sparse_weights, _ = sparse_fill_empty_rows(sparse_weights, 1.0)
        result = embedding_lookup_sparse(
            embedding_weights, sparse_ids, sparse_weights, combiner=combiner,
            partition_strategy=partition_strategy,
            name=None if default_id is None else scope, max_norm=max_norm)
        if default_id is None:
            is_row_empty = array_ops.tile(
                array_ops.reshape(is_row_empty, [-1, 1]),
                array_ops.stack([1, array_ops.shape(result)[1]]))
            result = array_ops.where(is_row_empty, array_ops.zeros_like(result), result,
                                     name=scope)
        final_result = array_ops.reshape(result, array_ops.concat([
            array_ops.slice(math_ops.cast(original_shape, _dt.int32), [0],
                            [original_rank - 1]),
            array_ops.slice(array_ops.shape(result), [1], [-1])], 0))
        final_result.set_shape(
            TensorShape(None if original_rank_dim is None else
                        [None] * (Dimension(original_rank_dim) - 1).value)
            .concatenate(result.get_shape()[1:]))
        return final_result
