"""`GatherTree` (TF 1.14's contrib/seq2seq beam_search_ops): the full beams of a beam
search, traced back from the last step through the parent ids."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, to_tensor
from ._array_util import _scope

__all__ = ["gather_tree"]


def _shape_str(shapes):
    return ", ".join("?" if s.ndims is None else
                     "[" + ",".join("?" if d is None else str(d) for d in s.as_list()) + "]"
                     for s in shapes)


def _gather_tree_infer(inputs, attrs):
    step_ids, parent_ids, max_len, end_token = inputs
    for name, t in zip(("step_ids", "parent_ids", "max_sequence_lengths", "end_token"),
                       inputs):
        if t.dtype.base_dtype is not _dt.int32:
            raise TypeError(f"Value passed to parameter '{name}' has DataType "
                            f"{t.dtype.base_dtype.name} not in list of allowed values: int32")
    for t, rank in ((step_ids, 3), (parent_ids, 3), (max_len, 1), (end_token, 0)):
        if t.shape.ndims is not None and t.shape.ndims != rank:
            raise ValueError(f"Shape must be rank {rank} but is rank {t.shape.ndims}")
    out = step_ids.shape
    if out.ndims is not None and parent_ids.shape.ndims is not None:
        a, b = out.as_list(), parent_ids.shape.as_list()
        for i, (x, y) in enumerate(zip(a, b)):
            if x is not None and y is not None and x != y:
                raise ValueError(f"Dimension {i} in both shapes must be equal, but are {x} "
                                 f"and {y}. Shapes are {_shape_str([out])} and "
                                 f"{_shape_str([parent_ids.shape])}.")
        out = out.merge_with(parent_ids.shape)
    if out.ndims is not None and max_len.shape.ndims is not None:
        x, y = out.as_list()[1], max_len.shape.as_list()[0]
        if x is not None and y is not None and x != y:
            raise ValueError(f"Dimensions must be equal, but are {x} and {y}")
    return [(_dt.int32, TensorShape(out))]


def _gather_tree_kernel(step_ids, parent_ids, max_sequence_lengths, end_token, **_):
    step_ids = np.asarray(step_ids)
    parent_ids = np.asarray(parent_ids)
    lengths = np.asarray(max_sequence_lengths).reshape(-1)
    end = int(end_token)
    max_time, batch, beam_width = step_ids.shape
    if parent_ids.shape != step_ids.shape:
        raise errors.InvalidArgumentError(
            None, None, "step_ids.shape must match parent_ids.shape.  but shapes are: "
            f"{list(step_ids.shape)} and {list(parent_ids.shape)}")
    if lengths.size != batch:
        raise errors.InvalidArgumentError(
            None, None, "batch size dimensions step_ids.shape[1] and "
            "max_sequence_lengths.shape[0] must match.  but shapes are: "
            f"{list(step_ids.shape)} and {list(np.shape(max_sequence_lengths))}")
    beams = np.full(step_ids.shape, end, np.int32)
    for b in range(batch):
        n = min(max_time, int(lengths[b]))
        if n <= 0:
            continue
        for k in range(beam_width):
            beams[n - 1, b, k] = step_ids[n - 1, b, k]
            parent = int(parent_ids[n - 1, b, k])
            for level in range(n - 2, -1, -1):
                # TF 1.14 accepts parent == beam_width and then reads past the beam axis
                # (undefined); flowgrad rejects it with TF's message
                if parent < 0 or parent >= beam_width:
                    raise errors.InvalidArgumentError(
                        None, None, f"Saw invalid parent id {parent} at (batch, time, beam) "
                        f"== ({b}, {level}, {k})")
                beams[level, b, k] = step_ids[level, b, parent]
                parent = int(parent_ids[level, b, parent])
            done = False
            for t in range(n):
                if done:
                    beams[t, b, k] = end
                elif beams[t, b, k] == end:
                    done = True
    return beams


register_op("GatherTree", infer=_gather_tree_infer, kernel=_gather_tree_kernel, grad=None)


def gather_tree(step_ids, parent_ids, max_sequence_lengths, end_token, name=None):
    """The op `GatherTree`: int32 [max_time, batch, beam] beams traced back from
    parent_ids, end_token after each beam's first end_token."""
    with _scope(name, "GatherTree", []) as scope:
        return apply("GatherTree",
                     [to_tensor(step_ids, name="step_ids"),
                      to_tensor(parent_ids, name="parent_ids"),
                      to_tensor(max_sequence_lengths, name="max_sequence_lengths"),
                      to_tensor(end_token, name="end_token")], {}, scope)
