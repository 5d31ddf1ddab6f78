"""More of TF 1.14's top-level array and math functions: the gen-op wrappers of
engine/ops/array_extra.py and segment_reduce.py under TF's names, and TF's Python
composites built on them (searchsorted, histogram_fixed_width_bins,
broadcast_dynamic_shape / broadcast_static_shape, clip_by_average_norm,
dimension_at_index, parallel_stack), each building the ops TF 1.14 builds.
"""
from __future__ import annotations

__all__ = [
    "dynamic_partition", "dynamic_stitch", "unsorted_segment_max", "unsorted_segment_min",
    "unsorted_segment_prod", "unsorted_segment_mean", "unsorted_segment_sqrt_n", "segment_min",
    "segment_prod", "unique_with_counts", "where_v2", "roll", "ensure_shape", "bitcast",
    "unravel_index", "searchsorted", "histogram_fixed_width", "histogram_fixed_width_bins",
    "broadcast_dynamic_shape", "broadcast_static_shape", "clip_by_average_norm",
    "dimension_at_index", "parallel_stack",
]

import itertools

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.tensor_shape import Dimension, TensorShape
from ..engine.ops._array_util import TensorLike, _scope
from ..engine.ops._base import to_tensor
from ..engine.ops.array_extra import (bitcast, broadcast_args, dynamic_partition, ensure_shape,
                                      histogram_fixed_width, lower_bound, parallel_concat, roll,
                                      unique_with_counts, unravel_index, upper_bound, where_v2)
from ..engine.ops.cast import cast
from ..engine.ops.construction import range as _range
from ..engine.ops.elementwise import floor, minimum, rsqrt, truediv
from ..engine.ops.reductions import dynamic_stitch, reduce_sum
from ..engine.ops.segment_reduce import (segment_min, segment_prod, unsorted_segment_max,
                                         unsorted_segment_mean, unsorted_segment_min,
                                         unsorted_segment_prod, unsorted_segment_sqrt_n)
from ..engine.ops.shape import expand_dims, identity, rank, reshape, shape, size
from .math_ops import clip_by_value


def searchsorted(sorted_sequence: TensorLike, values: TensorLike, side: str = "left",
                 out_type: _dt.DType = _dt.int32, name: str | None = None) -> Tensor:
    """Per innermost row: where each of `values` would go in `sorted_sequence` (op
    LowerBound for side "left", UpperBound for "right").

    >>> tf.Session().run(tf.searchsorted([1., 2., 3.], [2., 0.5], side="right"))
    array([2, 0], dtype=int32)
    """
    sequence_size = _shape_internal(sorted_sequence)[-1]
    values_size = _shape_internal(values)[-1]
    s2 = reshape(sorted_sequence, [-1, sequence_size])
    v2 = reshape(values, [-1, values_size])
    if side not in ("left", "right"):   # checked after the reshapes are built, as in TF
        raise ValueError(f"side must be either 'right' or 'left'.  Saw: {side}.")
    bound = upper_bound if side == "right" else lower_bound
    output = bound(s2, v2, out_type, name)
    return reshape(output, _shape_internal(values))


def _shape_internal(x):
    """TF's array_ops.shape_internal: a Python value is converted inside the Shape scope."""
    if isinstance(x, Tensor):
        return shape(x)
    with _scope(None, "Shape", []) as scope:
        return shape(to_tensor(x), name=scope)


def histogram_fixed_width_bins(values: TensorLike, value_range: TensorLike,
                               nbins: TensorLike = 100, dtype: _dt.DType = _dt.int32,
                               name: str | None = None) -> Tensor:
    """The bin index (int32) of each of `values` among `nbins` equal bins over value_range;
    values outside go to the first or last bin. As TF 1.14, `dtype` is not used.

    >>> tf.Session().run(tf.histogram_fixed_width_bins([-1., 1.5, 5., 15.], [0., 5.], 5))
    array([0, 1, 4, 4], dtype=int32)
    """
    with _scope(name, "histogram_fixed_width_bins", [values, value_range, nbins]):
        values = to_tensor(values, name="values")
        shp = shape(values)
        values = reshape(values, [-1])
        value_range = to_tensor(value_range, name="value_range")
        nbins = to_tensor(nbins, dtype=_dt.int32, name="nbins")
        nbins_float = cast(nbins, values.dtype)
        scaled = truediv(values - value_range[0], value_range[1] - value_range[0],
                         name="scaled_values")
        indices = floor(nbins_float * scaled, name="indices")
        indices = cast(clip_by_value(indices, 0, nbins_float - 1), _dt.int32)
        return reshape(indices, shp)


def broadcast_dynamic_shape(shape_x: TensorLike, shape_y: TensorLike) -> Tensor:
    """The broadcast shape of two 1-D int shape tensors (op BroadcastArgs).

    >>> tf.Session().run(tf.broadcast_dynamic_shape([2, 1], [3]))
    array([2, 3], dtype=int32)
    """
    return broadcast_args(shape_x, shape_y)


def broadcast_static_shape(shape_x: TensorShape, shape_y: TensorShape) -> TensorShape:
    """The broadcast TensorShape of two TensorShapes (unknown if a rank is unknown).

    >>> tf.broadcast_static_shape(tf.TensorShape([2, 1]), tf.TensorShape([3]))
    TensorShape([Dimension(2), Dimension(3)])
    """
    if shape_x.ndims is None or shape_y.ndims is None:
        return TensorShape(None)
    dims = _broadcast_dims(shape_x, shape_y)
    if dims is None:
        raise ValueError(f"Incompatible shapes for broadcasting: {shape_x} and {shape_y}")
    return TensorShape(dims)


def _broadcast_dims(shape_x, shape_y):
    """TF's common_shapes._broadcast_shape_helper: the broadcast dims, or None."""
    pairs = reversed(list(itertools.zip_longest(reversed(shape_x.as_tuple()),
                                                reversed(shape_y.as_tuple()), fillvalue=1)))
    out = []
    for x, y in pairs:
        if x is None or y is None:
            out.append(x if x is not None and x > 1 else y if y is not None and y > 1 else None)
        elif x == 1:
            out.append(y)
        elif y == 1 or x == y:
            out.append(x)
        else:
            return None
    return out


def clip_by_average_norm(t: TensorLike, clip_norm: TensorLike,
                         name: str | None = None) -> Tensor:
    """t * clip_norm / max(l2norm(t) / size(t), clip_norm): clips by the L2 norm per element.

    >>> tf.Session().run(tf.clip_by_average_norm([[3., 4.]], 1.0))
    array([[1.2, 1.6]], dtype=float32)
    """
    with name_scope(name, "clip_by_average_norm", [t, clip_norm]) as scope:
        t = to_tensor(t, name="t")
        n_element = cast(size(t), _dt.float32)
        l2norm_inv = rsqrt(reduce_sum(t * t, _range(rank(t))))
        tclip = identity(t * clip_norm * minimum(l2norm_inv * n_element,
                                                 constant(1.0) / clip_norm), name=scope)
    return tclip


def dimension_at_index(shape: TensorShape, index: int) -> Dimension:  # noqa: A002
    """The Dimension at `index` of a TensorShape (Dimension(None) when the rank is unknown).

    >>> tf.dimension_at_index(tf.TensorShape([4, 3]), 1)
    Dimension(3)
    """
    if not isinstance(shape, TensorShape):
        raise AssertionError("shape must be a TensorShape")
    if shape.ndims is None:
        return Dimension(None)
    return shape.dims[index]


def parallel_stack(values: list, name: str = "parallel_stack") -> Tensor:
    """Stacks same-shaped tensors along a new first axis (ops ExpandDims + ParallelConcat).

    >>> tf.Session().run(tf.parallel_stack([[1, 2], [3, 4]]))
    array([[1, 2],
           [3, 4]], dtype=int32)
    """
    with name_scope(name):
        value_t = to_tensor(values[0])
        out_shape = TensorShape([len(values)]).concatenate(value_t.shape)
        return parallel_concat([expand_dims(v, 0) for v in values], shape=out_shape)
