"""Primitive builders for gradient rules that would otherwise import a family above their own.

The op families import each other downward only, in this order (a family may
import those before it):

    cast, comparison -> shape -> construction -> elementwise -> scans -> reductions
    -> special -> joining -> indexing -> segment -> linalg -> matrix
    -> the nn families (activations, bias_add, losses, normalization, pooling, top_k, ...)

A few gradient rules need an op of a family above their own (Fill's gradient a
Sum; the elementwise and reduction rules a Select; concat's a GatherV2 and a
Where; gather's an UnsortedSegmentSum). They build it here, as JAX's rules call
`lax.select`: each builder creates exactly the op(s), with the same names, that
the public wrapper creates for the arguments the rules pass, so gradient graphs
are the ones the wrappers would build. This module imports only framework/ and
the ops' shared helpers.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.constant_op import constant
from ..framework.graph import Tensor
from ._array_util import _scope
from ._base import NUMBERS, apply, check_dtype, to_tensor


def select(condition: Tensor, x: Tensor, y: Tensor) -> Tensor:
    """indexing.where(condition, x, y) for tensors of one dtype: a Select op."""
    return apply("Select", [condition, x, y], None, "Select")


def where(condition: Tensor) -> Tensor:
    """indexing.where(condition): the coordinates of True (a Where op)."""
    with _scope(None, "Where", [condition]) as scope:
        return apply("Where", [condition], None, scope)


def gather(params: Tensor, indices) -> Tensor:
    """indexing.gather(params, indices) along axis 0: a GatherV2 op."""
    with _scope(None, "GatherV2", [params]) as scope:
        i = indices if isinstance(indices, Tensor) else to_tensor(indices, name="indices")
        a = to_tensor(0, dtype=_dt.int32, name="axis")
        return apply("GatherV2", [params, i, a], {"batch_dims": 0}, scope)


def unsorted_segment_sum(data: Tensor, segment_ids: Tensor, num_segments) -> Tensor:
    """segment.unsorted_segment_sum(data, segment_ids, num_segments)."""
    with _scope(None, "UnsortedSegmentSum", [data]) as scope:
        check_dtype("UnsortedSegmentSum", data, NUMBERS, "data")
        n = num_segments if isinstance(num_segments, Tensor) else to_tensor(
            num_segments, dtype=_dt.int32, name="num_segments")
        return apply("UnsortedSegmentSum", [data, segment_ids, n], None, scope)


def reduce_sum(x: Tensor) -> Tensor:
    """reductions.reduce_sum(x): the sum over all axes (a Sum op, keep_dims False)."""
    check_dtype("Sum", x, NUMBERS, "input")
    r = x.shape.ndims
    if r is not None:
        axes = constant(np.arange(r, dtype=np.int32))
    else:  # shape.rank and construction.range, as _reduction_axes builds them
        rk = apply("Rank", [x], None, "Rank")
        with _scope("range", "Range", [rk]) as scope:
            axes = apply("Range", [to_tensor(0, name="start"), rk, to_tensor(1, name="delta")],
                         {"Tidx": _dt.int32}, scope)
    out = apply("Sum", [x, axes], {"keep_dims": False}, "Sum")
    if out.shape.ndims is None:
        out.set_shape([])
    return out


def tile(x: Tensor, multiples: Tensor) -> Tensor:
    """joining.tile(x, multiples) for a multiples tensor: a Tile op."""
    with _scope(None, "Tile", [x]) as scope:
        return apply("Tile", [x, multiples], None, scope)
