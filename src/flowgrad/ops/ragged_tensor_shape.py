"""TF 1.14's ragged_tensor_shape: RaggedTensorDynamicShape (a ragged tensor's dimension
sizes: a scalar per uniform dimension, a vector of row lengths per ragged one, then the
inner dense sizes), broadcast_dynamic_shape and broadcast_to, which the binary ragged
dispatch (tf.add of two RaggedTensors, or of a RaggedTensor and a Tensor of its rank)
builds: each dimension's broadcast is checked by a tf.Assert ("Unable to broadcast:
dimension size mismatch in dimension") that fails at run time."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import get_default_graph, name_scope
from ..engine.framework.static_value import constant_value
from . import array_ops, comparison_ops, math_ops
from .logging_ops import Assert
from .ragged_array_ops import tile as _ragged_tile
from .ragged_tensor import RaggedTensor, convert_to_tensor_or_ragged_tensor, is_ragged
from .ragged_util import convert_to_int_tensor, lengths_to_splits, repeat_ranges

__all__ = ["RaggedTensorDynamicShape", "broadcast_dynamic_shape", "broadcast_to"]


class RaggedTensorDynamicShape(object):
    """The dimension sizes of a (ragged) tensor: `partitioned_dim_sizes` (a scalar for
    the outermost and each uniform partitioned dimension, a vector of row lengths for each
    ragged one) and `inner_dim_sizes` (a vector: the flat values' inner sizes)."""

    def __init__(self, partitioned_dim_sizes, inner_dim_sizes, dim_size_dtype=None):
        assert isinstance(partitioned_dim_sizes, (list, tuple))
        with name_scope(None, "RaggedTensorDynamicShape",
                        (partitioned_dim_sizes, inner_dim_sizes)):
            partitioned = tuple(
                convert_to_tensor(size, name="partitioned_dimension_size_%d" % i)
                for (i, size) in enumerate(partitioned_dim_sizes))
            inner = convert_to_tensor(inner_dim_sizes, name="inner_dim_sizes")
            if partitioned:
                for axis, size in enumerate(partitioned):
                    if size.shape.ndims is None:
                        raise ValueError("rank of partitioned_dim_sizes[%d] is unknown" % axis)
                    size.shape.with_rank_at_most(1)
                if partitioned[0].shape.ndims == 1:
                    raise ValueError("outermost partitioned dimension must be uniform")
                if partitioned[-1].shape.ndims == 0:
                    raise ValueError("innermost partitioned dimension must be ragged")
            inner.shape.assert_has_rank(1)
            if dim_size_dtype is None:
                dtypes = {p.dtype for p in partitioned if p.shape.ndims == 1}
                if not dtypes:
                    dim_size_dtype = _dt.int64
                elif len(dtypes) == 1:
                    dim_size_dtype = dtypes.pop()
                else:
                    raise ValueError("partitioned_dim_sizes must have matching dtypes")
            self._partitioned_dim_sizes = tuple(math_ops.cast(p, dim_size_dtype)
                                                for p in partitioned)
            self._inner_dim_sizes = math_ops.cast(inner, dim_size_dtype)

    def __repr__(self):
        return ("RaggedTensorDynamicShape(partitioned_dim_sizes=%r, inner_dim_sizes=%r)"
                % (self._partitioned_dim_sizes, self._inner_dim_sizes))

    @classmethod
    def from_tensor(cls, rt_input, dim_size_dtype=None):
        """The dynamic shape of a Tensor or RaggedTensor."""
        with name_scope(None, "RaggedTensorDynamicShapeFromTensor", [rt_input]):
            rt_input = convert_to_tensor_or_ragged_tensor(rt_input)
            if not is_ragged(rt_input):
                return cls([], array_ops.shape(rt_input))
            sizes = (rt_input.nrows(),) + rt_input.nested_row_lengths()
            return RaggedTensorDynamicShape(sizes, array_ops.shape(rt_input.flat_values)[1:],
                                            dim_size_dtype=dim_size_dtype)

    def dimension_size(self, axis):
        """The size of dimension `axis`: a scalar, or a vector for a ragged one."""
        if not isinstance(axis, int):
            raise TypeError("axis must be an integer")
        n = len(self._partitioned_dim_sizes)
        if axis < n:
            return self._partitioned_dim_sizes[axis]
        return self._inner_dim_sizes[axis - n]

    def is_ragged(self, axis):
        """Whether dimension `axis` is ragged."""
        if not isinstance(axis, int):
            raise TypeError("axis must be an integer")
        rank = self.rank
        if axis < 0:
            raise ValueError("Negative axis values are not supported")
        if rank is not None and axis >= rank:
            raise ValueError("Expected axis=%s < rank=%s" % (axis, rank))
        return (0 < axis < len(self._partitioned_dim_sizes) and
                self._partitioned_dim_sizes[axis].shape.ndims == 1)

    @property
    def rank(self):
        inner = self._inner_dim_sizes.shape.dims[0].value
        return None if inner is None else len(self._partitioned_dim_sizes) + inner

    @property
    def partitioned_dim_sizes(self):
        return self._partitioned_dim_sizes

    @property
    def inner_dim_sizes(self):
        return self._inner_dim_sizes

    @property
    def num_partitioned_dimensions(self):
        return len(self._partitioned_dim_sizes)

    @property
    def num_inner_dimensions(self):
        return self._inner_dim_sizes.shape.dims[0].value

    @property
    def dim_size_dtype(self):
        return self._inner_dim_sizes.dtype

    def broadcast_to_rank(self, rank):
        """This shape with size-1 dimensions added in front up to `rank`."""
        if self.rank is None:
            raise ValueError("Unable to broadcast: self.rank is unknown")
        dims_to_add = rank - self.rank
        if dims_to_add < 0:
            raise ValueError("Unable to broadcast: rank=%d must be greater than self.rank=%d."
                             % (rank, self.rank))
        if dims_to_add == 0:
            return self
        if self._partitioned_dim_sizes:
            return RaggedTensorDynamicShape((1,) * dims_to_add + self._partitioned_dim_sizes,
                                            self._inner_dim_sizes)
        inner = array_ops.concat([array_ops.ones([dims_to_add], self.dim_size_dtype),
                                  self.inner_dim_sizes], axis=0)
        return RaggedTensorDynamicShape([], inner)

    def broadcast_dimension(self, axis, lengths):
        """This shape with dimension `axis` broadcast to `lengths` (a scalar size or a
        vector of row lengths), behind an Assert that they are compatible."""
        lengths = convert_to_int_tensor(lengths, name="lengths", dtype=self.dim_size_dtype)
        if lengths.shape.ndims is None:
            raise ValueError("lengths must have a known rank.")
        if lengths.shape.ndims > 1:
            raise ValueError("lengths must be a scalar or vector")
        scalar = lengths.shape.ndims == 0
        equal = comparison_ops.equal
        if self.is_ragged(axis):
            condition = equal(lengths, 1) if scalar else \
                math_ops.reduce_all(equal(lengths, self.dimension_size(axis)))
        else:
            size = self.dimension_size(axis)
            condition = (equal(lengths, 1) | equal(size, 1) | equal(size, lengths)) \
                if scalar else equal(size, 1)
        check = Assert(condition, data=[
            "Unable to broadcast: dimension size mismatch in dimension", axis, "lengths=",
            lengths, "dim_size=", self.dimension_size(axis)], summarize=10)
        with get_default_graph().control_dependencies([check]):
            if axis < self.num_partitioned_dimensions:
                if self.is_ragged(axis):
                    return RaggedTensorDynamicShape(self._partitioned_dim_sizes,
                                                    array_ops.identity(self.inner_dim_sizes))
                return self._broadcast_uniform_partitioned_dimension(axis, lengths)
            if scalar:
                return self._broadcast_inner_dimension_to_uniform(axis, lengths)
            if axis == 0:
                raise ValueError("Unable to broadcast: outermost dimension must be uniform.")
            return self._broadcast_inner_dimension_to_ragged(axis, lengths)

    def num_slices_in_dimension(self, axis):
        """The number of slices in dimension `axis` (1 for axis < 0)."""
        if axis < 0:
            return constant(1, dtype=self.dim_size_dtype)
        if self.is_ragged(axis):
            return math_ops.reduce_sum(self._partitioned_dim_sizes[axis])
        return self.dimension_size(axis) * self.num_slices_in_dimension(axis - 1)

    def _broadcast_uniform_partitioned_dimension(self, axis, lengths):
        size = self.dimension_size(axis)
        sizes = list(self._partitioned_dim_sizes[:axis])
        if lengths.shape.ndims == 0:
            lengths = array_ops.where(comparison_ops.equal(size, 1), lengths, size)
            repeats = array_ops.where(comparison_ops.equal(size, 1), lengths, 1)
            splits = array_ops.stack([0, self.num_slices_in_dimension(axis)])
        else:
            splits = array_ops.range(array_ops.size(lengths, out_type=self.dim_size_dtype) + 1)
            repeats = lengths
        sizes.append(lengths)
        for dim_size in self._partitioned_dim_sizes[axis + 1:]:
            if dim_size.shape.ndims == 0:
                sizes.append(dim_size)
                splits *= dim_size
            else:
                sizes.append(repeat_ranges(dim_size, splits, repeats))
                splits = array_ops.gather(lengths_to_splits(dim_size), splits)
        return RaggedTensorDynamicShape(sizes, self._inner_dim_sizes)

    def _broadcast_inner_dimension_to_uniform(self, axis, length):
        size = self.dimension_size(axis)
        i = axis - self.num_partitioned_dimensions
        inner = array_ops.concat([
            self._inner_dim_sizes[:i],
            [array_ops.where(comparison_ops.equal(size, 1), length, size)],
            self._inner_dim_sizes[i + 1:]], axis=0)
        return RaggedTensorDynamicShape(self._partitioned_dim_sizes, inner)

    def _broadcast_inner_dimension_to_ragged(self, axis, lengths):
        i = axis - self.num_partitioned_dimensions
        sizes = self._partitioned_dim_sizes + \
            tuple(self._inner_dim_sizes[j] for j in range(i)) + (lengths,)
        return RaggedTensorDynamicShape(sizes, self._inner_dim_sizes[i + 1:])

    def with_dim_size_dtype(self, dtype):
        """This shape with its sizes cast to int32 or int64."""
        if dtype not in (_dt.int32, _dt.int64):
            raise ValueError("dtype must be int32 or int64")
        if self.dim_size_dtype == dtype:
            return self
        return RaggedTensorDynamicShape(
            [math_ops.cast(p, dtype) for p in self._partitioned_dim_sizes],
            math_ops.cast(self._inner_dim_sizes, dtype))


def broadcast_dynamic_shape(shape_x, shape_y):
    """The shape both shapes broadcast to (each dimension checked by an Assert)."""
    if not isinstance(shape_x, RaggedTensorDynamicShape):
        raise TypeError("shape_x must be a RaggedTensorDynamicShape")
    if not isinstance(shape_y, RaggedTensorDynamicShape):
        raise TypeError("shape_y must be a RaggedTensorDynamicShape")
    if shape_x.rank is None or shape_y.rank is None:
        raise ValueError("Unable to broadcast: unknown rank")
    rank = max(shape_x.rank, shape_y.rank)
    shape_x = shape_x.broadcast_to_rank(rank)
    shape_y = shape_y.broadcast_to_rank(rank)
    for axis in range(rank):
        shape_x = shape_x.broadcast_dimension(axis, shape_y.dimension_size(axis))
        shape_y = shape_y.broadcast_dimension(axis, shape_x.dimension_size(axis))
    return shape_x


def broadcast_to(rt_input, shape, broadcast_inner_dimensions=True):
    """`rt_input` (a Tensor or RaggedTensor) broadcast to the RaggedTensorDynamicShape
    `shape` (its inner dense dimensions too when `broadcast_inner_dimensions`)."""
    if not isinstance(shape, RaggedTensorDynamicShape):
        raise TypeError("shape must be a RaggedTensorDynamicShape")
    rt_input = convert_to_tensor_or_ragged_tensor(rt_input)
    if shape.num_partitioned_dimensions == 0:
        if isinstance(rt_input, RaggedTensor):
            raise ValueError("Incompatible with shape: ragged rank mismatch")
        if broadcast_inner_dimensions:
            return array_ops.broadcast_to(rt_input, shape.inner_dim_sizes)
        return rt_input
    return _broadcast_to_ragged_shape(rt_input, shape, broadcast_inner_dimensions)


def _broadcast_to_ragged_shape(rt_input, dst_shape, broadcast_inner_dimensions):
    if isinstance(rt_input, RaggedTensor) and \
            rt_input.row_splits.dtype != dst_shape.dim_size_dtype:
        raise ValueError("rt_input and dst_shape have different row_split dtypes; use "
                         "RaggedTensor.with_row_splits_dtype() or "
                         "RaggedTensorDynamicShape.with_dim_size_dtype() to convert to a "
                         "compatible dtype.")
    if rt_input.shape.ndims is None or dst_shape.rank is None:
        raise ValueError("Unable to broadcast: unknown rank")
    if rt_input.shape.ndims > dst_shape.rank:
        raise ValueError("Incompatible with shape: rank mismatch")
    if isinstance(rt_input, RaggedTensor) and \
            rt_input.ragged_rank >= dst_shape.num_partitioned_dimensions:
        raise ValueError("Incompatible with shape: ragged rank mismatch")
    dtype = dst_shape.dim_size_dtype
    src_shape = RaggedTensorDynamicShape.from_tensor(rt_input).broadcast_to_rank(
        dst_shape.rank)
    if dst_shape.rank > rt_input.shape.ndims:     # add outer size-1 dimensions
        if rt_input.shape.ndims < dst_shape.num_inner_dimensions + 1:
            rt_input = array_ops.reshape(
                rt_input, array_ops.concat([[-1], dst_shape.inner_dim_sizes], axis=0))
        for _ in range(dst_shape.rank - rt_input.shape.ndims):
            nrows = rt_input.nrows() if is_ragged(rt_input) else \
                array_ops.shape(rt_input, out_type=dtype)[0]
            rt_input = RaggedTensor.from_row_lengths(rt_input, [nrows], validate=False)
    if is_ragged(rt_input):     # the same ragged rank as dst_shape
        diff = rt_input.flat_values.shape.ndims - 1 - dst_shape.num_inner_dimensions
        if diff > 0:
            rt_input = rt_input.with_flat_values(RaggedTensor.from_tensor(
                rt_input.flat_values, ragged_rank=diff, row_splits_dtype=dtype))
    else:
        rt_input = RaggedTensor.from_tensor(
            rt_input, ragged_rank=dst_shape.num_partitioned_dimensions - 1,
            row_splits_dtype=dtype)
    multiples = [1] * dst_shape.rank    # tile the uniform dimensions of size 1
    for axis in range(dst_shape.num_partitioned_dimensions):
        if not src_shape.is_ragged(axis) and not dst_shape.is_ragged(axis):
            src_size = src_shape.dimension_size(axis)
            dst_size = dst_shape.dimension_size(axis)
            src_const, dst_const = constant_value(src_size), constant_value(dst_size)
            if (src_const is None or src_const == 1) and \
                    (dst_const is None or dst_const != 1):
                multiples[axis] = array_ops.where(comparison_ops.equal(src_size, 1),
                                                  dst_size, 1)
    if not all(isinstance(v, int) and v == 1 for v in multiples):
        rt_input = _ragged_tile(rt_input, array_ops.stack(multiples, axis=0))
    if broadcast_inner_dimensions:
        rt_input = rt_input.with_flat_values(array_ops.reshape(
            rt_input.flat_values,
            array_ops.concat([[-1], dst_shape.inner_dim_sizes], axis=0)))
    for axis in range(dst_shape.num_partitioned_dimensions):   # uniform -> ragged
        if not src_shape.is_ragged(axis) and dst_shape.is_ragged(axis):
            rt_input = _ragged_tile_axis(rt_input, axis, dst_shape.dimension_size(axis),
                                         dtype)
    return rt_input


def _ragged_tile_axis(rt_input, axis, repeats, row_splits_dtype):
    """`rt_input` with each slice of dimension `axis` repeated `repeats[i]` times."""
    assert axis > 0    # (the outermost dimension is never ragged)
    if not is_ragged(rt_input):
        rt_input = RaggedTensor.from_tensor(rt_input, ragged_rank=1,
                                            row_splits_dtype=row_splits_dtype)
    if axis > 1:
        return rt_input.with_values(
            _ragged_tile_axis(rt_input.values, axis - 1, repeats, row_splits_dtype))
    src_splits = rt_input.nested_row_splits
    src_lengths = rt_input.nested_row_lengths()
    splits = src_splits[0]
    dst_lengths = [repeats]
    for i in range(1, len(src_lengths)):
        dst_lengths.append(repeat_ranges(src_lengths[i], splits, repeats))
        splits = array_ops.gather(src_splits[i], splits)
    values = repeat_ranges(rt_input.flat_values, splits, repeats)
    return RaggedTensor.from_nested_row_lengths(values, dst_lengths, validate=False)
