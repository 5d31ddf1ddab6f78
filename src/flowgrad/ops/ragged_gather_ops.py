"""tf.gather of RaggedTensors (TF 1.14's ragged_gather_ops.gather, op RaggedGather): rows
of ragged `params` picked by (possibly ragged) `indices`, along axis 0; and tf.gather_nd
(ragged_gather_ops.gather_nd), which flattens index tuples into ragged gathers."""
from __future__ import annotations

from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import name_scope
from ..engine.ops import ragged as _gen
from . import array_ops
from .ragged_array_ops import tile
from .ragged_string_ops import _expand_dims
from .ragged_tensor import (RaggedTensor, convert_to_tensor_or_ragged_tensor, is_ragged,
                            match_row_splits_dtypes)

__all__ = ["gather", "gather_nd"]


def gather(params, indices, validate_indices=None, axis=0, batch_dims=0, name=None):
    """The rows `indices` of `params` (a RaggedTensor when either is ragged)."""
    del validate_indices
    if not isinstance(axis, int) or axis != 0:
        raise ValueError("axis != 0 is not supported for ragged gather yet.")
    if not isinstance(batch_dims, int) or batch_dims != 0:
        raise ValueError("batch_dims != 0 is not supported for ragged gather yet.")
    with name_scope(name, "RaggedGather", [params, indices]):
        params = convert_to_tensor_or_ragged_tensor(params, name="params")
        indices = convert_to_tensor_or_ragged_tensor(indices, name="indices")
        params, indices = match_row_splits_dtypes(params, indices)
        if is_ragged(indices):
            return indices.with_values(gather(params, indices.values))
        if not is_ragged(params):
            return array_ops.gather(params, indices)
        indices = convert_to_tensor(indices)
        if indices.shape.ndims is None:
            raise ValueError("indices.shape.ndims must be known statically")
        splits, values = _gen.ragged_gather(
            params.nested_row_splits, params.flat_values, indices,
            OUTPUT_RAGGED_RANK=indices.shape.ndims + len(params.nested_row_splits) - 1)
        return RaggedTensor.from_nested_row_splits(values, splits, validate=False)


def gather_nd(params, indices, batch_dims=0, name=None):
    """The slices of `params` at the index tuples in the last dimension of `indices`."""
    if not isinstance(batch_dims, int) or batch_dims != 0:
        raise ValueError("batch_dims != 0 is not supported for ragged gather yet.")
    if not (is_ragged(params) or is_ragged(indices)):
        return array_ops.gather_nd(params, indices, name)
    with name_scope(name, "RaggedGatherNd", [params, indices]):
        params = convert_to_tensor_or_ragged_tensor(params, name="params")
        indices = convert_to_tensor_or_ragged_tensor(indices, name="indices")
        params, indices = match_row_splits_dtypes(params, indices)
        ndims = indices.shape.ndims
        if ndims is None:
            raise ValueError("indices.rank be statically known.")
        if ndims == 0:
            raise ValueError("indices.rank must be at least 1.")
        if is_ragged(indices) and ndims == indices.ragged_rank + 1:
            raise ValueError("The innermost dimension of indices may not be ragged")
        index_size = indices.shape.dims[-1].value
        if index_size is None:
            raise ValueError("indices.shape[-1] must be statically known.")
        if ndims > 2:   # gathers by the flat index tuples, in indices' own shape
            dense = not is_ragged(indices)
            if dense:
                indices = RaggedTensor.from_tensor(indices, ragged_rank=ndims - 2,
                                                   row_splits_dtype=params.row_splits.dtype)
            result = indices.with_flat_values(gather_nd(params, indices.flat_values))
            if dense and is_ragged(result) and result.ragged_rank == ndims - 2:
                result = result.to_tensor()
            return result
        if index_size == 0:   # the empty index tuple selects all of params
            return _tile_all(params, indices, ndims)
        if index_size == 1:
            return gather(params, array_ops.reshape(indices, [-1]))
        return _gather_flattened(params, indices, index_size)


def _tile_all(params, indices, ndims):
    params_ndims = params.ragged_rank + array_ops.rank(params.flat_values)
    for _ in range(ndims - 1):
        params = _expand_dims(params, axis=0)
    multiples = array_ops.concat([array_ops.shape(indices)[:-1],
                                  array_ops.ones([params_ndims], _dt.int32)], axis=0)
    return tile(params, multiples)


def _gather_flattened(params, indices, index_size):
    # each index tuple becomes an index into the values of params' first two dimensions,
    # then of each further ragged dimension
    indices = array_ops.cast(indices, params.row_splits.dtype)
    flat_tuples = array_ops.gather(params.row_splits, indices[..., 0])
    flat_tuples += indices[..., 1]
    flat_params = params.values
    for dim in range(2, index_size):
        if not is_ragged(flat_params):
            flat_tuples = array_ops.expand_dims(flat_tuples, axis=1)
            flat_tuples = array_ops.concat([flat_tuples, indices[..., dim:]], axis=1)
            return array_ops.gather_nd(flat_params, flat_tuples)
        flat_tuples = array_ops.gather(flat_params.row_starts(), flat_tuples)
        flat_tuples += indices[..., dim]
        flat_params = flat_params.values
    return gather(flat_params, flat_tuples)
