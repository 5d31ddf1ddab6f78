"""TF 1.14's ragged_util helpers (built from ordinary ops, under TF's scope names):
convert_to_int_tensor, get_positive_axis, repeat (Repeat/SequenceMask/Tile/boolean_mask)
and row_splits_to_segment_ids (RaggedSplitsToSegmentIds), which RaggedTensor.value_rowids
and the ragged reductions build."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.ops import ragged as _gen
from . import array_ops, check_ops, math_ops

__all__ = ["assert_splits_match", "convert_to_int_tensor", "get_positive_axis", "lengths_to_splits",
           "repeat", "repeat_ranges", "row_splits_to_segment_ids"]


def convert_to_int_tensor(tensor, name, dtype=_dt.int32):
    """`tensor` as an integer tensor of `dtype` (cast when it is another integer type)."""
    tensor = convert_to_tensor(tensor, name=name, preferred_dtype=dtype)
    if tensor.dtype.is_integer:
        tensor = math_ops.cast(tensor, dtype)
    else:
        raise TypeError("%s must be an integer tensor; dtype=%s" % (name, tensor.dtype))
    return tensor


def get_positive_axis(axis, ndims):
    """`axis` as a nonnegative int, checked against `ndims` when that is known."""
    if not isinstance(axis, int):
        raise TypeError("axis must be an int; got %s" % type(axis).__name__)
    if ndims is not None:
        if 0 <= axis < ndims:
            return axis
        if -ndims <= axis < 0:
            return axis + ndims
        raise ValueError("axis=%s out of bounds: expected %s<=axis<%s" % (axis, -ndims, ndims))
    if axis < 0:
        raise ValueError("axis may only be negative if ndims is statically known.")
    return axis


def _tile_one_dimension(data, axis, multiple):
    multiples = [1] * data.shape.ndims
    multiples[axis] = multiple
    return array_ops.tile(data, multiples)


def repeat(data, repeats, axis, name=None):
    """Repeats each slice of `data` along `axis` `repeats` times (TF's Repeat scope)."""
    if not isinstance(axis, int):
        raise TypeError("axis must be an int; got %s" % type(axis).__name__)
    with name_scope(name, "Repeat", [data, repeats]):
        data = convert_to_tensor(data, name="data")
        repeats = convert_to_int_tensor(repeats, name="repeats")
        repeats.shape.with_rank_at_most(1)
        if data.shape.ndims == 0:
            data = array_ops.stack([data])
        data_shape = array_ops.shape(data)
        axis = get_positive_axis(axis, data.shape.ndims)
        if repeats.shape.ndims == 1:
            data.shape.dims[axis].assert_is_compatible_with(repeats.shape[0])
        if repeats.shape.ndims == 0:
            expanded = array_ops.expand_dims(data, axis + 1)
            tiled = _tile_one_dimension(expanded, axis + 1, repeats)
            result_shape = array_ops.concat([data_shape[:axis], [-1], data_shape[axis + 1:]],
                                            axis=0)
            return array_ops.reshape(tiled, result_shape)
        if repeats.shape.ndims != axis + 1:
            repeats_shape = array_ops.shape(repeats)
            repeats_ndims = array_ops.rank(repeats)
            broadcast_shape = array_ops.concat(
                [data_shape[:axis + 1 - repeats_ndims], repeats_shape], axis=0)
            repeats = array_ops.broadcast_to(repeats, broadcast_shape)
            repeats.set_shape([None] * (axis + 1))
        max_repeat = math_ops.maximum(0, math_ops.reduce_max(repeats))
        mask = array_ops.sequence_mask(repeats, max_repeat)
        expanded = array_ops.expand_dims(data, axis + 1)
        tiled = _tile_one_dimension(expanded, axis + 1, max_repeat)
        masked = array_ops.boolean_mask(tiled, mask)
        if axis == 0:
            result = masked
        else:
            result_shape = array_ops.concat([data_shape[:axis], [-1], data_shape[axis + 1:]],
                                            axis=0)
            result = array_ops.reshape(masked, result_shape)
        if data.shape.ndims is not None:
            new_size = 0 if repeats.shape.dims[0].value == 0 else None
            result.set_shape(data.shape[:axis].concatenate([new_size]).concatenate(
                data.shape[axis + 1:]))
        return result


def repeat_ranges(params, splits, repeats):
    """Each range `params[splits[i]:splits[i + 1]]` repeated `repeats` (or `repeats[i]`)
    times: repeat_ranges(['a', 'b', 'c'], [0, 2, 3], 3) is a, b, a, b, a, b, c, c, c."""
    if repeats.shape.ndims != 0:
        starts = repeat(splits[:-1], repeats, axis=0)
        limits = repeat(splits[1:], repeats, axis=0)
    else:   # (TF's shortcut: one repeat, then two slices of it)
        repeated = repeat(splits, repeats, axis=0)
        n_splits = array_ops.shape(repeated, out_type=repeats.dtype)[0]
        starts = repeated[:n_splits - repeats]
        limits = repeated[repeats:]
    one = array_ops.ones((), starts.dtype)
    return array_ops.gather(params, _gen.ragged_range(starts, limits, one)[1])


def row_splits_to_segment_ids(splits, name=None, out_type=None):
    """The segment id of each value of a ragged dimension partitioned by `splits`:
    splits [0, 2, 2, 5] -> [0, 0, 2, 2, 2]."""
    with name_scope(name, "RaggedSplitsToSegmentIds", [splits]):
        splits = convert_to_tensor(splits, name="splits", preferred_dtype=_dt.int64)
        if splits.dtype not in (_dt.int32, _dt.int64):
            raise ValueError("splits must have dtype int32 or int64")
        splits.shape.assert_has_rank(1)
        if splits.shape.dims[0].value == 0:
            raise ValueError("Invalid row_splits: []")
        out_type = splits.dtype if out_type is None else _dt.as_dtype(out_type)
        row_lengths = splits[1:] - splits[:-1]
        nrows = array_ops.shape(splits, out_type=out_type)[-1] - 1
        indices = array_ops.range(nrows)
        return repeat(indices, repeats=row_lengths, axis=0)


def assert_splits_match(nested_splits_lists):
    """Assertions that the nested row splits lists are identical (ValueError when their
    lengths already differ)."""
    error_msg = "Inputs must have identical ragged splits"
    for splits_list in nested_splits_lists:
        if len(splits_list) != len(nested_splits_lists[0]):
            raise ValueError(error_msg)
    return [check_ops.assert_equal(s1, s2, message=error_msg)
            for splits_list in nested_splits_lists[1:]
            for (s1, s2) in zip(nested_splits_lists[0], splits_list)]


def lengths_to_splits(lengths):
    """The row splits of row `lengths`."""
    return array_ops.concat([[0], math_ops.cumsum(lengths)], axis=-1)
