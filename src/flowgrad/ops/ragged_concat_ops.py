"""tf.concat and tf.stack of RaggedTensors (TF 1.14's ragged_concat_ops, under
`RaggedConcat`): along axis 0, axis 1 (rows of the concatenation gathered, op
RaggedGather), and deeper axes through the shared row partitions."""
from __future__ import annotations

from ..engine.framework.graph import get_default_graph, name_scope
from ..engine.framework.tensor_shape import TensorShape
from . import array_ops, check_ops
from .ragged_gather_ops import gather
from .ragged_string_ops import _expand_dims
from .ragged_tensor import RaggedTensor, convert_to_tensor_or_ragged_tensor, is_ragged
from .ragged_tensor import match_row_splits_dtypes
from .ragged_util import assert_splits_match, get_positive_axis, lengths_to_splits

__all__ = ["concat", "stack"]


def concat(values, axis, name=None):
    """The RaggedTensors (or Tensors) `values` joined along `axis`."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    with name_scope(name, "RaggedConcat", values):
        return _stack_concat(values, axis, stack_values=False)


def stack(values, axis=0, name=None):
    """The RaggedTensors (or Tensors) `values` stacked along a new `axis`."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    with name_scope(name, "RaggedConcat", values):
        return _stack_concat(values, axis, stack_values=True)


def _stack_concat(rt_inputs, axis, stack_values):
    if not rt_inputs:
        raise ValueError("rt_inputs may not be empty.")
    rt_inputs = [convert_to_tensor_or_ragged_tensor(rt, name="rt_input") for rt in rt_inputs]
    splits_dtype, rt_inputs = match_row_splits_dtypes(*rt_inputs, return_dtype=True)
    rt_inputs = list(rt_inputs)
    if len(rt_inputs) == 1:
        return _expand_dims(rt_inputs[0], axis=axis) if stack_values else rt_inputs[0]
    ndims = None
    for rt in rt_inputs:
        if ndims is None:
            ndims = rt.shape.ndims
        else:
            rt.shape.assert_has_rank(ndims)
    out_ndims = ndims if (ndims is None or not stack_values) else ndims + 1
    axis = get_positive_axis(axis, out_ndims)
    if all(not is_ragged(rt) for rt in rt_inputs):
        if ndims is not None and (axis == out_ndims - 1 or axis == ndims - 1):
            return array_ops.stack(rt_inputs, axis) if stack_values else \
                array_ops.concat(rt_inputs, axis)
    for i, rt in enumerate(rt_inputs):
        if not is_ragged(rt):
            rt_inputs[i] = RaggedTensor.from_tensor(rt, ragged_rank=1,
                                                    row_splits_dtype=splits_dtype)
    ragged_rank = max(max(rt.ragged_rank for rt in rt_inputs), 1)
    rt_inputs = [_increase_ragged_rank_to(rt, ragged_rank, splits_dtype) for rt in rt_inputs]
    if axis == 0:
        return _axis_0(rt_inputs, stack_values)
    if axis == 1:
        return _axis_1(rt_inputs, stack_values)
    values = [rt.values for rt in rt_inputs]
    splits = [[rt.row_splits] for rt in rt_inputs]
    with get_default_graph().control_dependencies(assert_splits_match(splits)):
        return RaggedTensor.from_row_splits(_stack_concat(values, axis - 1, stack_values),
                                            splits[0][0], validate=False)


def _axis_0(rt_inputs, stack_values):
    flat = array_ops.concat([rt.flat_values for rt in rt_inputs], axis=0)
    nested = [rt.nested_row_splits for rt in rt_inputs]
    splits = [_concat_splits([ns[dim] for ns in nested])
              for dim in range(rt_inputs[0].ragged_rank)]
    if stack_values:
        lengths = array_ops.stack([rt.nrows() for rt in rt_inputs])
        splits.insert(0, lengths_to_splits(lengths))
    return RaggedTensor.from_nested_row_splits(flat, splits, validate=False)


def _axis_1(rt_inputs, stack_values):
    num_inputs = len(rt_inputs)
    rt_nrows = rt_inputs[0].nrows()
    msg = "Input tensors have incompatible shapes."
    checks = [check_ops.assert_equal(rt.nrows(), rt_nrows, message=msg)
              for rt in rt_inputs[1:]]
    with get_default_graph().control_dependencies(checks):
        concatenated = _axis_0(rt_inputs, stack_values=False)
        row_indices = array_ops.range(rt_nrows * num_inputs)
        row_index_matrix = array_ops.reshape(row_indices, [num_inputs, -1])
        transposed = array_ops.transpose(row_index_matrix)
        row_permutation = array_ops.reshape(transposed, [-1])
        permuted = gather(concatenated, row_permutation)
        if stack_values:
            splits = array_ops.range(0, rt_nrows * num_inputs + 1, num_inputs)
            _copy_row_shape(rt_inputs, splits)
            return RaggedTensor.from_row_splits(permuted, splits, validate=False)
        splits = permuted.row_splits[::num_inputs]
        _copy_row_shape(rt_inputs, splits)
        return RaggedTensor.from_row_splits(permuted.values, splits, validate=False)


def _copy_row_shape(rt_inputs, splits):
    for rt in rt_inputs:     # TF sets each static row count (+ 1) it knows
        rows = rt.shape.dims[0].value
        if rows is not None:
            splits.set_shape(TensorShape([rows + 1]))


def _increase_ragged_rank_to(rt, ragged_rank, splits_dtype):
    if ragged_rank > 0:
        if not is_ragged(rt):
            rt = RaggedTensor.from_tensor(rt, row_splits_dtype=splits_dtype)
        if rt.ragged_rank < ragged_rank:
            rt = rt.with_values(_increase_ragged_rank_to(rt.values, ragged_rank - 1,
                                                         splits_dtype))
    return rt


def _concat_splits(splits_list):
    pieces = [splits_list[0]]
    offset = splits_list[0][-1]
    for splits in splits_list[1:]:
        pieces.append(splits[1:] + offset)
        offset += splits[-1]
    return array_ops.concat(pieces, axis=0)
