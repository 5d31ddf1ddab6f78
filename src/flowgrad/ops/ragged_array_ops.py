"""TF 1.14's ragged tf.tile (ragged_array_ops.tile, which tf.tile dispatches to for a
RaggedTensor): each dimension's rows repeated, the ragged ones' lengths multiplied."""
from __future__ import annotations

from ..engine.framework.graph import name_scope
from ..engine.framework.static_value import constant_value
from . import array_ops
from .ragged_tensor import RaggedTensor, convert_to_tensor_or_ragged_tensor, is_ragged
from .ragged_util import convert_to_int_tensor, lengths_to_splits, repeat_ranges

__all__ = ["tile"]


def tile(input, multiples, name=None):  # noqa: A002 - TF's name
    """A RaggedTensor tiling `input` (rows of a ragged dimension grow `multiples[axis]`
    times): tile([[1, 2], [3]], [3, 2]) is [[1, 2, 1, 2], [3, 3]] three times."""
    with name_scope(name, "RaggedTile", [input, multiples]):
        input = convert_to_tensor_or_ragged_tensor(input, name="input")
        if not is_ragged(input):
            return array_ops.tile(input, multiples, name)
        multiples = convert_to_int_tensor(multiples, name="multiples",
                                          dtype=input.row_splits.dtype)
        multiples.shape.assert_has_rank(1)
        # (a constant 1 skips that dimension's repeat_ranges, as TF's)
        const = constant_value(multiples)
        return RaggedTensor.from_nested_row_splits(_tiled_values(input, multiples, const),
                                                   _tiled_splits(input, multiples, const),
                                                   validate=False)


def _tiled_values(rt, multiples, const):
    """The tiled tensor's flat_values: the value ids repeated innermost dimension first."""
    nested = rt.nested_row_splits
    ids = array_ops.range(nested[-1][-1])
    prev = None
    for axis in range(rt.ragged_rank, 0, -1):
        splits = nested[axis - 1]
        if prev is not None:
            splits = array_ops.gather(prev * multiples[axis + 1], splits)
        if const is None or const[axis] != 1:
            ids = repeat_ranges(ids, splits, multiples[axis])
        prev = splits
    values = array_ops.gather(rt.flat_values, ids)
    inner = array_ops.concat([multiples[:1], multiples[rt.ragged_rank + 1:]], axis=0)
    return array_ops.tile(values, inner)


def _tiled_splits(rt, multiples, const):
    """The tiled tensor's nested row splits, one per ragged dimension."""
    ragged_rank = rt.ragged_rank
    nested = rt.nested_row_splits
    projected = [{i: nested[i]} for i in range(ragged_rank)]
    for src in range(ragged_rank):
        for dst in range(src + 1, ragged_rank - 1):
            projected[src][dst] = array_ops.gather(nested[dst], projected[src][dst - 1])
    out = []
    for axis in range(ragged_rank):
        lengths = (nested[axis][1:] - nested[axis][:-1]) * multiples[axis + 1]
        repeats = 1
        for d in range(axis - 1, -1, -1):
            if const is None or const[d + 1] != 1:
                lengths = repeat_ranges(lengths, projected[d][axis - 1] * repeats,
                                        multiples[d + 1])
            repeats *= multiples[d + 1]
        out.append(lengths_to_splits(array_ops.tile(lengths, multiples[:1])))
    return out
