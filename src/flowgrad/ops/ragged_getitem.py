"""RaggedTensor.__getitem__ (TF 1.14's ragged_getitem; importing this module sets it, as
flowgrad/ops/ragged_dispatch does): int and scalar-Tensor row keys,
row slices, slices of the inner dimensions, Ellipsis and tf.newaxis, under
`RaggedGetItem`. Indexing an inner ragged dimension is TF's ValueError."""
from __future__ import annotations

from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from . import array_ops, control_flow_ops, math_ops
from .ragged_gather_ops import gather as ragged_gather
from .ragged_math_ops import range as ragged_range
from .ragged_tensor import RaggedTensor

__all__ = ["ragged_tensor_getitem"]


def ragged_tensor_getitem(self, key):
    """The piece of `self` that `key` selects (a Tensor when no ragged dimension is left)."""
    scope_tensors = [self] + list(_tensors_in_key_list(key))
    key = list(key) if isinstance(key, (list, tuple)) else [key]
    with name_scope(None, "RaggedGetItem", scope_tensors):
        return _getitem(self, key)


def _getitem(rt_input, key_list):
    if not key_list:
        return rt_input
    row_key, inner_keys = key_list[0], key_list[1:]
    if row_key is Ellipsis:
        return _getitem(rt_input, _expand_ellipsis(key_list, rt_input.shape.ndims))
    if row_key is None:
        inner_rt = _getitem(rt_input, inner_keys)
        nsplits = array_ops.shape(inner_rt.row_splits, out_type=inner_rt.row_splits.dtype)[0]
        return RaggedTensor.from_row_splits(inner_rt, array_ops.stack([0, nsplits - 1]),
                                            validate=False)
    if isinstance(row_key, slice):
        return _inner_dimensions(_slice_rows(rt_input, row_key), inner_keys)
    starts = rt_input.row_splits[:-1]
    limits = rt_input.row_splits[1:]
    row = rt_input.values[starts[row_key]:limits[row_key]]
    return row.__getitem__(inner_keys) if isinstance(row, RaggedTensor) else \
        row.__getitem__(tuple(inner_keys))


def _slice_rows(rt_input, row_key):
    if row_key.start is None and row_key.stop is None and row_key.step is None:
        return rt_input
    new_starts = rt_input.row_splits[:-1][row_key]
    new_limits = rt_input.row_splits[1:][row_key]
    zero_pad = array_ops.zeros([1], rt_input.row_splits.dtype)
    if row_key.step is None or row_key.step == 1:
        new_splits = array_ops.concat(
            [zero_pad[array_ops.size(new_starts):], new_starts[:1], new_limits], axis=0)
        values_start = new_splits[0]
        values_limit = new_splits[-1]
        return RaggedTensor.from_row_splits(rt_input.values[values_start:values_limit],
                                            new_splits - values_start, validate=False)
    return _from_value_ranges(new_starts, new_limits, 1, rt_input.values)


def _inner_dimensions(rt_input, key_list):
    if not key_list:
        return rt_input
    if isinstance(rt_input, Tensor):
        return rt_input.__getitem__(tuple([slice(None, None, None)] + key_list))
    column_key = key_list[0]
    if column_key is Ellipsis:
        return _inner_dimensions(rt_input, _expand_ellipsis(key_list,
                                                            rt_input.values.shape.ndims))
    if column_key is None:
        inner_rt = _inner_dimensions(rt_input, key_list[1:])
        nsplits = array_ops.shape(inner_rt.row_splits, out_type=inner_rt.row_splits.dtype)[0]
        return RaggedTensor.from_row_splits(inner_rt, math_ops.range(nsplits),
                                            validate=False)
    if not isinstance(column_key, slice):
        raise ValueError("Cannot index into an inner ragged dimension.")
    if column_key.start is None and column_key.stop is None and column_key.step is None:
        return rt_input.with_values(_inner_dimensions(rt_input.values, key_list[1:]))
    starts, limits = rt_input.row_splits[:-1], rt_input.row_splits[1:]
    if column_key.start is not None and column_key.start != 0:
        starts = _add_offset_to_ranges(column_key.start, rt_input.row_splits[:-1],
                                       rt_input.row_splits[1:])
    if column_key.stop is not None and column_key.stop != 0:
        limits = _add_offset_to_ranges(column_key.stop, rt_input.row_splits[:-1],
                                       rt_input.row_splits[1:])
    inner_rt = _from_value_ranges(starts, limits, column_key.step, rt_input.values)
    return inner_rt.with_values(_inner_dimensions(inner_rt.values, key_list[1:]))


def _expand_ellipsis(key_list, num_remaining_dims):
    if num_remaining_dims is None:
        raise ValueError("Ellipsis not supported for unknown shape RaggedTensors")
    num_indices = sum(1 for idx in key_list if idx is not None)
    if num_indices > num_remaining_dims + 1:
        raise IndexError("Too many indices for RaggedTensor")
    if num_indices == num_remaining_dims + 1:
        return key_list[1:]
    return [slice(None, None, None)] + key_list


def _tensors_in_key_list(key_list):
    if isinstance(key_list, Tensor):
        yield key_list
    if isinstance(key_list, (list, tuple)):
        for v in key_list:
            yield from _tensors_in_key_list(v)
    if isinstance(key_list, slice):
        for part in (key_list.start, key_list.stop, key_list.step):
            yield from _tensors_in_key_list(part)


def _from_value_ranges(starts, limits, step, values):
    """The values at range(starts[i], limits[i], step) for each row i."""
    step = convert_to_tensor(1 if step is None else step, name="step")
    if not step.dtype.is_integer:
        raise TypeError("slice strides must be integers or None")
    step = math_ops.cast(step, starts.dtype)
    value_indices = ragged_range(starts, limits, step, row_splits_dtype=starts.dtype)
    if isinstance(values, RaggedTensor):
        return value_indices.with_values(ragged_gather(values, value_indices.values))
    return value_indices.with_values(array_ops.gather(values, value_indices.values))


def _add_offset_to_ranges(offset, starts, limits):
    def positive(offset):
        return math_ops.minimum(starts + offset, limits)

    def negative(offset):
        return math_ops.maximum(limits + offset, starts)
    if isinstance(offset, Tensor):
        offset = math_ops.cast(offset, starts.dtype)
        return control_flow_ops.cond(offset >= 0, lambda: positive(offset),
                                     lambda: negative(offset))
    if isinstance(offset, int):
        return positive(offset) if offset > 0 else negative(offset)
    raise TypeError("slice offsets must be integers or None")


RaggedTensor.__getitem__ = ragged_tensor_getitem     # as TF's ragged_operators sets it
