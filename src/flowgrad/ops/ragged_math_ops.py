"""TF 1.14's ragged math: tf.ragged.range (RaggedRange), the ragged reductions that
tf.reduce_sum/prod/min/max/mean/any/all dispatch to (unsorted segment ops over the
values), the ragged unsorted_segment_* ops and tf.ragged.boolean_mask."""
from __future__ import annotations

import builtins

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.static_value import constant_value
from ..engine.framework.graph import Tensor, get_default_graph, name_scope
from ..engine.ops import ragged as _gen
from ..engine.ops import segment_reduce as _segment
from . import array_ops, check_ops, math_ops
from .ragged_functional_ops import map_flat_values
from .ragged_tensor import (RaggedTensor, convert_to_tensor_or_ragged_tensor, is_ragged,
                            match_row_splits_dtypes)
from .ragged_util import (assert_splits_match, get_positive_axis, lengths_to_splits,
                          row_splits_to_segment_ids)

__all__ = ["range", "reduce_sum", "reduce_prod", "reduce_min", "reduce_max", "reduce_mean",
           "reduce_any", "reduce_all", "segment_sum", "segment_prod", "segment_min",
           "segment_max", "segment_mean", "segment_sqrt_n", "boolean_mask"]

_RANGE_DTYPES = [_dt.int32, _dt.int64, _dt.float32, _dt.float64]


def range(starts, limits=None, deltas=1, dtype=None, name=None,  # noqa: A001 - TF's name
          row_splits_dtype=_dt.int64):
    """A RaggedTensor whose row i is range(starts[i], limits[i], deltas[i])."""
    row_splits_dtype = _dt.as_dtype(row_splits_dtype)
    if limits is None:
        starts, limits = 0, starts
    with name_scope(name, "RaggedRange", [starts, limits, deltas]) as scope:
        starts = convert_to_tensor(starts, dtype=dtype, name="starts")
        limits = convert_to_tensor(limits, dtype=dtype, name="limits")
        deltas = convert_to_tensor(deltas, dtype=dtype, name="deltas")
        if dtype is None:
            tensors = [starts, limits, deltas]
            assert all(t.dtype in _RANGE_DTYPES for t in tensors)
            widest = builtins.max([t.dtype for t in tensors], key=_RANGE_DTYPES.index)
            starts, limits, deltas = [math_ops.cast(t, widest) for t in tensors]
        splits, values = _gen.ragged_range(starts, limits, deltas, Tsplits=row_splits_dtype,
                                           name=scope)
        return RaggedTensor.from_row_splits(values, splits, validate=False)


# -- segment ops --------------------------------------------------------------------------
def _segment_aggregate(unsorted_segment_op, data, segment_ids, num_segments, name=None):
    if not (is_ragged(data) or is_ragged(segment_ids)):
        return unsorted_segment_op(data, segment_ids, num_segments, name)
    with name_scope(name, "RaggedSegment", [data, segment_ids, num_segments]) as name:
        data = convert_to_tensor_or_ragged_tensor(data, name="data")
        segment_ids = convert_to_tensor_or_ragged_tensor(segment_ids, name="segment_ids")
        data, segment_ids = match_row_splits_dtypes(data, segment_ids)
        if segment_ids.dtype not in (_dt.int32, _dt.int64):
            raise ValueError("segment_ids must have dtype int32 or int64.")
        if is_ragged(segment_ids):
            if not is_ragged(data):
                raise ValueError("segment_ids.shape must be a prefix of data.shape, but "
                                 "segment_ids is ragged and data is not.")
            check = check_ops.assert_equal(segment_ids.row_splits, data.row_splits,
                                           message="segment_ids.shape must be a prefix of "
                                                   "data.shape")
            with get_default_graph().control_dependencies([check]):
                return _segment_aggregate(unsorted_segment_op, data.values,
                                          segment_ids.values, num_segments, name)
        data_row_lengths = data.row_splits[1:] - data.row_splits[:-1]
        output_row_lengths = math_ops.maximum(
            _segment.unsorted_segment_max(data_row_lengths, segment_ids, num_segments), 0)
        output_splits = array_ops.concat([array_ops.zeros([1], output_row_lengths.dtype),
                                          math_ops.cumsum(output_row_lengths)], axis=0)
        out_row_start = array_ops.gather(output_splits, segment_ids)
        out_row_limit = out_row_start + data_row_lengths
        out_val_index = range(out_row_start, out_row_limit).values
        output_values = _segment_aggregate(unsorted_segment_op, data.values, out_val_index,
                                           output_splits[-1])
        return RaggedTensor.from_row_splits(output_values, output_splits, validate=False)


def segment_sum(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_sum of a RaggedTensor."""
    return _segment_aggregate(math_ops.unsorted_segment_sum, data, segment_ids, num_segments,
                              name or "RaggedSegmentSum")


def segment_prod(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_prod of a RaggedTensor."""
    return _segment_aggregate(_segment.unsorted_segment_prod, data, segment_ids,
                              num_segments, name or "RaggedSegmentProd")


def segment_min(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_min of a RaggedTensor."""
    return _segment_aggregate(_segment.unsorted_segment_min, data, segment_ids, num_segments,
                              name or "RaggedSegmentMin")


def segment_max(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_max of a RaggedTensor."""
    return _segment_aggregate(_segment.unsorted_segment_max, data, segment_ids, num_segments,
                              name or "RaggedSegmentMax")


def _segment_ratio(data, segment_ids, num_segments, name, scope, transform):
    with name_scope(name, scope, [data, segment_ids, num_segments]):
        total = segment_sum(data, segment_ids, num_segments)
        ones = RaggedTensor.from_nested_row_splits(array_ops.ones_like(data.flat_values),
                                                   data.nested_row_splits, validate=False)
        count = segment_sum(ones, segment_ids, num_segments)
        if is_ragged(total):
            return total.with_flat_values(total.flat_values / transform(count.flat_values))
        return total / transform(count)


def segment_mean(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_mean of a RaggedTensor."""
    return _segment_ratio(data, segment_ids, num_segments, name, "RaggedSegmentMean",
                          lambda c: c)


def segment_sqrt_n(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_sqrt_n of a RaggedTensor."""
    return _segment_ratio(data, segment_ids, num_segments, name, "RaggedSegmentSqrtN",
                          math_ops.sqrt)


# -- reductions ---------------------------------------------------------------------------
def _reduce_aggregate(reduce_op, unsorted_segment_op, rt_input, axis, keepdims, name=None):
    if not is_ragged(rt_input):
        return reduce_op(rt_input, axis, name=name)
    if keepdims:
        raise ValueError("keepdims=True is not supported for RaggedTensors.")
    if isinstance(axis, Tensor):
        axis = constant_value(axis)
        if axis is None:
            raise ValueError("axis must be known at graph construction time.")
        if isinstance(axis, np.ndarray):
            axis = axis.tolist()
    if axis is None:
        return reduce_op(rt_input.flat_values, None, name=name)
    with name_scope(name, "RaggedReduce", [rt_input, axis]):
        if isinstance(axis, (tuple, list)):
            if not axis:
                return rt_input
            if len(axis) == 1:
                axis = axis[0]
            else:
                axis = sorted(get_positive_axis(a, rt_input.shape.ndims) for a in axis)
                inner = _reduce_aggregate(reduce_op, unsorted_segment_op, rt_input, axis[-1],
                                          keepdims)
                return _reduce_aggregate(reduce_op, unsorted_segment_op, inner, axis[:-1],
                                         keepdims)
        rt_input = convert_to_tensor_or_ragged_tensor(rt_input, name="rt_input")
        axis = get_positive_axis(axis, rt_input.shape.ndims)
        if axis == 0:
            row_lengths = rt_input.row_splits[1:] - rt_input.row_splits[:-1]
            num_segments = math_ops.maximum(math_ops.reduce_max(row_lengths), 0)
            segment_ids = range(row_lengths).values
            return _segment_aggregate(unsorted_segment_op, rt_input.values, segment_ids,
                                      num_segments)
        if axis == 1:
            num_segments = array_ops.shape(rt_input.row_splits)[0] - 1
            segment_ids = row_splits_to_segment_ids(rt_input.row_splits)
            return _segment_aggregate(unsorted_segment_op, rt_input.values, segment_ids,
                                      num_segments)
        return rt_input.with_values(_reduce_aggregate(reduce_op, unsorted_segment_op,
                                                      rt_input.values, axis - 1, keepdims))


def reduce_sum(input_tensor, axis=None, keepdims=None, name=None):
    """Sums a RaggedTensor along `axis` (rows' missing values count as 0)."""
    return _reduce_aggregate(math_ops.reduce_sum, math_ops.unsorted_segment_sum,
                             input_tensor, axis, keepdims, name or "RaggedReduceSum")


def reduce_prod(input_tensor, axis=None, keepdims=None, name=None):
    """Multiplies a RaggedTensor's values along `axis`."""
    return _reduce_aggregate(math_ops.reduce_prod, _segment.unsorted_segment_prod,
                             input_tensor, axis, keepdims, name or "RaggedReduceProd")


def reduce_min(input_tensor, axis=None, keepdims=None, name=None):
    """The minimum of a RaggedTensor's values along `axis` (dtype.max for empty rows)."""
    return _reduce_aggregate(math_ops.reduce_min, _segment.unsorted_segment_min,
                             input_tensor, axis, keepdims, name or "RaggedReduceMin")


def reduce_max(input_tensor, axis=None, keepdims=None, name=None):
    """The maximum of a RaggedTensor's values along `axis` (dtype.min for empty rows)."""
    return _reduce_aggregate(math_ops.reduce_max, _segment.unsorted_segment_max,
                             input_tensor, axis, keepdims, name or "RaggedReduceMax")


def reduce_mean(input_tensor, axis=None, keepdims=None, name=None):
    """The mean of a RaggedTensor's values along `axis` (NaN for empty rows)."""
    with name_scope(name, "RaggedReduceMean", [input_tensor, axis]):
        total = reduce_sum(input_tensor, axis, keepdims)
        if is_ragged(input_tensor):
            ones = RaggedTensor.from_nested_row_splits(
                array_ops.ones_like(input_tensor.flat_values), input_tensor.nested_row_splits,
                validate=False)
        else:
            ones = array_ops.ones_like(input_tensor)
        count = reduce_sum(ones, axis, keepdims)
        if is_ragged(total):
            return RaggedTensor.from_nested_row_splits(total.flat_values / count.flat_values,
                                                       total.nested_row_splits,
                                                       validate=False)
        return total / count


def _cast(input_tensor, dtype):
    return map_flat_values(math_ops.cast, input_tensor, dtype)


def reduce_all(input_tensor, axis=None, keepdims=None, name=None):
    """Logical and of a RaggedTensor's values along `axis`."""
    with name_scope(name, "RaggedReduceAll", [input_tensor, axis]):
        return _cast(reduce_prod(_cast(input_tensor, _dt.int32), axis, keepdims), _dt.bool_)


def reduce_any(input_tensor, axis=None, keepdims=None, name=None):
    """Logical or of a RaggedTensor's values along `axis`."""
    with name_scope(name, "RaggedReduceAny", [input_tensor, axis]):
        return _cast(reduce_sum(_cast(input_tensor, _dt.int32), axis, keepdims), _dt.bool_)


# -- boolean_mask -------------------------------------------------------------------------
def boolean_mask(data, mask, name=None):
    """The entries of `data` (ragged or not) where `mask` is True, keeping the row
    structure of the dimensions the mask covers."""
    with name_scope(name, "RaggedMask", [data, mask]):
        data = convert_to_tensor_or_ragged_tensor(data, name="data")
        mask = convert_to_tensor_or_ragged_tensor(mask, _dt.bool_, name="mask")
        splits_dtype, (data, mask) = match_row_splits_dtypes(data, mask, return_dtype=True)
        if mask.shape.ndims is None:
            raise ValueError("mask.shape.ndims must be known statically.")
        if mask.shape.ndims == 0:
            raise ValueError("mask cannot be scalar.")
        if is_ragged(mask):
            if not is_ragged(data):
                data = RaggedTensor.from_tensor(data, ragged_rank=mask.ragged_rank,
                                                row_splits_dtype=mask.row_splits.dtype)
            splits_list = [mask.nested_row_splits, data.nested_row_splits[:mask.ragged_rank]]
            with get_default_graph().control_dependencies(assert_splits_match(splits_list)):
                splits = []
                while is_ragged(mask):
                    if mask.shape.ndims > 2:
                        splits.append(mask.row_splits)
                    else:
                        int_mask = map_flat_values(math_ops.cast, mask, dtype=splits_dtype)
                        masked_row_lengths = reduce_sum(int_mask, axis=1)
                        splits.append(lengths_to_splits(masked_row_lengths))
                    mask = mask.values
                    data = data.values
                masked_values = boolean_mask(data, mask)
                return RaggedTensor.from_nested_row_splits(masked_values, splits,
                                                           validate=False)
        if is_ragged(data) and mask.shape.ndims == 1:
            lengths = data.row_lengths()
            masked_lengths = array_ops.boolean_mask(lengths, mask)
            masked_splits = lengths_to_splits(masked_lengths)
            segment_ids = row_splits_to_segment_ids(data.row_splits)
            segment_mask = array_ops.gather(mask, segment_ids)
            masked_values = boolean_mask(data.values, segment_mask)
            return RaggedTensor.from_row_splits(masked_values, masked_splits, validate=False)
        if is_ragged(data):
            mask = RaggedTensor.from_tensor(
                mask, ragged_rank=min(data.ragged_rank, mask.shape.ndims - 1),
                row_splits_dtype=data.row_splits.dtype)
            return boolean_mask(data, mask)
        masked_values = array_ops.boolean_mask(data, mask)
        if mask.shape.ndims >= 2:
            masked_lengths = math_ops.count_nonzero(mask, axis=-1, dtype=splits_dtype)
            flattened = array_ops.reshape(masked_lengths, [-1])
            masked_values = RaggedTensor.from_row_lengths(masked_values, flattened,
                                                          validate=False)
            if mask.shape.ndims > 2:
                mask_shape = array_ops.shape(mask, out_type=splits_dtype)
                split_size = math_ops.cumprod(mask_shape) + 1
                for dim in builtins.range(mask.shape.ndims - 3, -1, -1):
                    elt_size = mask_shape[dim + 1]
                    masked_splits = array_ops.range(split_size[dim]) * elt_size
                    masked_values = RaggedTensor.from_row_splits(masked_values, masked_splits,
                                                                 validate=False)
        return masked_values
