"""tf.gather of RaggedTensors (TF 1.14's ragged_gather_ops.gather, op RaggedGather): rows
of ragged `params` picked by (possibly ragged) `indices`, along axis 0."""
from __future__ import annotations

from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.ops import ragged as _gen
from . import array_ops
from .ragged_tensor import (RaggedTensor, convert_to_tensor_or_ragged_tensor, is_ragged,
                            match_row_splits_dtypes)

__all__ = ["gather"]


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
