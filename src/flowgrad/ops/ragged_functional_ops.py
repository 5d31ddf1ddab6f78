"""tf.ragged.map_flat_values (TF 1.14): an op applied to the flat values of its ragged
arguments, the result given their (checked identical) row partitions."""
from __future__ import annotations

from ..engine.framework.graph import get_default_graph
from .ragged_tensor import RaggedTensor, convert_to_tensor_or_ragged_tensor, is_ragged
from .ragged_util import assert_splits_match

__all__ = ["map_flat_values"]


def map_flat_values(op, *args, **kwargs):
    """`op(*args, **kwargs)` with each RaggedTensor argument replaced by its flat_values;
    the result is a RaggedTensor with the arguments' nested row splits."""
    nested_splits_lists = []
    inner_args = _replace_ragged(args, nested_splits_lists)
    inner_kwargs = _replace_ragged(kwargs, nested_splits_lists)
    if not nested_splits_lists:
        return op(*args, **kwargs)
    if len({splits[0].dtype for splits in nested_splits_lists}) > 1:
        raise ValueError("Input RaggedTensors have mismatched row_splits dtypes; use "
                         "RaggedTensor.with_row_splits_dtype() to convert them to compatible "
                         "dtypes.")
    with get_default_graph().control_dependencies(assert_splits_match(nested_splits_lists)):
        return RaggedTensor.from_nested_row_splits(op(*inner_args, **inner_kwargs),
                                                   nested_splits_lists[0], validate=False)


def _replace_ragged(value, nested_splits_lists):
    if is_ragged(value):
        value = convert_to_tensor_or_ragged_tensor(value)
        nested_splits_lists.append(value.nested_row_splits)
        return value.flat_values
    if isinstance(value, list):
        return [_replace_ragged(v, nested_splits_lists) for v in value]
    if isinstance(value, tuple):
        return tuple(_replace_ragged(v, nested_splits_lists) for v in value)
    if isinstance(value, dict):
        return {k: _replace_ragged(v, nested_splits_lists) for k, v in value.items()}
    return value
