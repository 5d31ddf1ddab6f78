"""tf.ragged (TF 1.14): the factories (constant, constant_value, placeholder, range),
RaggedTensorValue, map_flat_values, boolean_mask and the row-partition conversions
row_splits_to_segment_ids / segment_ids_to_row_splits. tf.RaggedTensor itself is
ops/ragged_tensor.py."""
from __future__ import annotations

from .engine.framework import dtypes as _dt
from .engine.framework.static_value import constant_value as _static_value
from .engine.framework.graph import Tensor, name_scope
from .engine.framework.tensor_shape import TensorShape
from .ops import array_ops, math_ops
from .ops.ragged_factory_ops import constant, constant_value, placeholder
from .ops.ragged_functional_ops import map_flat_values
from .ops.ragged_math_ops import boolean_mask, range  # noqa: A004 - TF's name
from .ops.ragged_tensor_value import RaggedTensorValue
from .ops.ragged_util import convert_to_int_tensor, row_splits_to_segment_ids

__all__ = ["RaggedTensorValue", "boolean_mask", "constant", "constant_value",
           "map_flat_values", "placeholder", "range", "row_splits_to_segment_ids",
           "segment_ids_to_row_splits"]


def segment_ids_to_row_splits(segment_ids, num_segments=None, out_type=None, name=None):
    """The row splits of sorted `segment_ids`: [0, 0, 2] -> [0, 2, 2, 3]; `num_segments`
    rows when given (else max(segment_ids) + 1)."""
    if out_type is None:     # as TF: the dtype of a tensor given, else int64
        out_type = segment_ids.dtype if isinstance(segment_ids, Tensor) else \
            num_segments.dtype if isinstance(num_segments, Tensor) else _dt.int64
    else:
        out_type = _dt.as_dtype(out_type)
    with name_scope(name, "SegmentIdsToRaggedSplits", [segment_ids]):
        segment_ids = convert_to_int_tensor(segment_ids, "segment_ids", dtype=_dt.int32)
        segment_ids.shape.assert_has_rank(1)
        if num_segments is not None:
            num_segments = convert_to_int_tensor(num_segments, "num_segments",
                                                 dtype=_dt.int32)
            num_segments.shape.assert_has_rank(0)
        row_lengths = math_ops.bincount(segment_ids, minlength=num_segments,
                                        maxlength=num_segments, dtype=out_type)
        splits = array_ops.concat([[0], math_ops.cumsum(row_lengths)], axis=0)
        if num_segments is not None:
            n = _static_value(num_segments)   # TF's tensor_util.constant_value
            if n is not None:
                splits.set_shape(TensorShape([int(n) + 1]))
        return splits
