"""tf.RaggedTensor (TF 1.14, graph mode): `values` (a Tensor or another RaggedTensor)
partitioned into rows by a 1-D int32/int64 `row_splits`. Every factory and accessor builds
the ops TF 1.14 builds, under its scope names (validate=True adds TF's assertions);
`Session.run` of a RaggedTensor gives a RaggedTensorValue, and a ragged placeholder is fed
with one."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.static_value import constant_value
from ..engine.framework.graph import Tensor, get_default_graph, get_default_session, name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import ragged as _gen
from ..engine.ops.comparison import equal, logical_and, logical_not, not_equal
from . import array_ops, check_ops, control_flow_ops, math_ops
from .logging_ops import Assert
from .ragged_tensor_value import RaggedTensorValue
from .ragged_util import get_positive_axis, row_splits_to_segment_ids
from .sparse_tensor import SparseTensor

__all__ = ["RaggedTensor", "is_ragged", "convert_to_tensor_or_ragged_tensor",
           "match_row_splits_dtypes"]


def _check_validate(validate):
    if not isinstance(validate, bool):
        raise TypeError("validate must have type bool")


def _nrows(tensor, out_type=_dt.int32):
    if isinstance(tensor, RaggedTensor):
        return tensor.nrows(out_type=out_type)
    return array_ops.shape(tensor, out_type=out_type)[0]


def _assert_monotonic_increasing(tensor, message=None):
    return check_ops.assert_non_negative(tensor[1:] - tensor[:-1], message=message)


def _assert_zero(tensor, message=None):
    return check_ops.assert_equal(tensor, constant(0, dtype=tensor.dtype), message=message)


def _with_checks(checks, values, partition):
    if not isinstance(values, RaggedTensor):
        checks.append(check_ops.assert_rank_at_least(values, 1))
    return control_flow_ops.with_dependencies(checks, partition)


class RaggedTensor:
    """A tensor with one or more ragged dimensions (TF 1.14's tf.RaggedTensor)."""

    def __init__(self, values, row_splits, cached_row_lengths=None, cached_value_rowids=None,
                 cached_nrows=None, internal=False):
        if not internal:
            raise ValueError("RaggedTensor constructor is private; please use one of the "
                             "factory methods instead (e.g., RaggedTensor.from_row_lengths())")
        if not isinstance(row_splits, Tensor):
            raise TypeError("Row-partitioning argument must be a Tensor, got %r" % row_splits)
        if not isinstance(values, (RaggedTensor, Tensor)):
            raise TypeError("values must be a Tensor or RaggedTensor, got %r" % values)
        if row_splits.dtype not in (_dt.int32, _dt.int64):
            raise ValueError("Row-partitioning argument must be int32 or int64")
        row_splits.shape.assert_has_rank(1)
        values.shape.with_rank_at_least(1)
        if isinstance(values, RaggedTensor):
            assert row_splits.dtype == values.row_splits.dtype
        for tensor in (cached_row_lengths, cached_value_rowids, cached_nrows):
            if tensor is not None:
                if not isinstance(tensor, Tensor):
                    raise TypeError("Cached value must be a Tensor or None.")
                if tensor.dtype not in (_dt.int32, _dt.int64):
                    raise TypeError("Cached value must be int32 or int64.")
        self._values = values
        self._row_splits = row_splits
        self._cached_row_lengths = cached_row_lengths
        self._cached_value_rowids = cached_value_rowids
        self._cached_nrows = cached_nrows

    # -- factories -------------------------------------------------------------------------
    @classmethod
    def _convert_values_and_row_partition(cls, values, partition, name):
        if isinstance(values, RaggedTensor):
            if isinstance(partition, Tensor):
                if partition.dtype not in (_dt.int32, _dt.int64):
                    raise ValueError("%s must have dtype int32 or int64" % name)
                if values.row_splits.dtype != partition.dtype:
                    raise ValueError("dtype mismatch: %s (%s) vs values.row_splits (%s)" %
                                     (name, partition.dtype, values.row_splits.dtype))
            else:
                partition = convert_to_tensor(partition, values.row_splits.dtype, name=name)
        else:
            values = convert_to_tensor(values, name="values")
            partition = convert_to_tensor(partition, preferred_dtype=_dt.int64, name=name)
            if partition.dtype not in (_dt.int32, _dt.int64):
                raise ValueError("%s must have dtype int32 or int64" % name)
        return values, partition

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        """Rows from the row index of each value (`value_rowids`, sorted) and `nrows`."""
        _check_validate(validate)
        with name_scope(name, "RaggedFromValueRowIds", [values, value_rowids, nrows]):
            values, value_rowids = cls._convert_values_and_row_partition(
                values, value_rowids, "value_rowids")
            if nrows is None:
                const_rowids = constant_value(value_rowids)
                if const_rowids is None:
                    nrows = array_ops.concat([value_rowids[-1:], [-1]], axis=0)[0] + 1
                    const_nrows = None
                else:
                    const_nrows = const_rowids[-1] + 1 if const_rowids.size > 0 else 0
                    nrows = convert_to_tensor(const_nrows, value_rowids.dtype, name="nrows")
            else:
                nrows = convert_to_tensor(nrows, value_rowids.dtype, "nrows")
                const_nrows = constant_value(nrows)
                if const_nrows is not None:
                    if const_nrows < 0:
                        raise ValueError("Expected nrows >= 0; got %d" % const_nrows)
                    const_rowids = constant_value(value_rowids)
                    if const_rowids is not None and const_rowids.size > 0:
                        if not const_nrows >= const_rowids[-1] + 1:
                            raise ValueError(
                                "Expected nrows >= value_rowids[-1] + 1; got nrows=%d, "
                                "value_rowids[-1]=%d" % (const_nrows, const_rowids[-1]))
            value_rowids.shape.assert_has_rank(1)
            nrows.shape.assert_has_rank(0)
            values.shape[:1].assert_is_compatible_with(value_rowids.shape)
            if validate:
                msg = "Arguments to from_value_rowids do not form a valid RaggedTensor"
                nvals1 = _nrows(values)
                nvals2 = _nrows(value_rowids)
                checks = [
                    check_ops.assert_rank(value_rowids, 1, message=msg),
                    check_ops.assert_rank(nrows, 0, message=msg),
                    check_ops.assert_equal(nvals1, nvals2, message=msg),
                    check_ops.assert_non_negative(value_rowids[:1], message=msg),
                    _assert_monotonic_increasing(value_rowids, message=msg),
                    check_ops.assert_less(value_rowids[-1:], nrows, message=msg),
                ]
                value_rowids = _with_checks(checks, values, value_rowids)
            rowids32 = math_ops.cast(value_rowids, _dt.int32)
            nrows32 = math_ops.cast(nrows, _dt.int32)
            row_lengths = math_ops.bincount(rowids32, minlength=nrows32, maxlength=nrows32,
                                            dtype=value_rowids.dtype)
            row_splits = array_ops.concat([[0], math_ops.cumsum(row_lengths)], axis=0)
            if const_nrows is not None:
                row_lengths.set_shape([int(const_nrows)])
                row_splits.set_shape([int(const_nrows) + 1])
            return cls(values, row_splits, cached_row_lengths=row_lengths,
                       cached_value_rowids=value_rowids, cached_nrows=nrows, internal=True)

    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        """Row i is values[row_splits[i]:row_splits[i + 1]]."""
        _check_validate(validate)
        if isinstance(row_splits, (list, tuple)) and not row_splits:
            raise ValueError("row_splits tensor may not be empty.")
        with name_scope(name, "RaggedFromRowSplits", [values, row_splits]):
            values, row_splits = cls._convert_values_and_row_partition(
                values, row_splits, "row_splits")
            row_splits.shape.assert_has_rank(1)
            if validate:
                msg = "Arguments to from_row_splits do not form a valid RaggedTensor"
                nvals = _nrows(values, row_splits.dtype)
                checks = [
                    check_ops.assert_rank(row_splits, 1, message=msg),
                    _assert_zero(row_splits[0], message=msg),
                    _assert_monotonic_increasing(row_splits, message=msg),
                    check_ops.assert_equal(row_splits[-1], nvals, message=msg),
                ]
                row_splits = _with_checks(checks, values, row_splits)
            return cls(values=values, row_splits=row_splits, internal=True)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        """Row i holds the next row_lengths[i] values."""
        _check_validate(validate)
        with name_scope(name, "RaggedFromRowLengths", [values, row_lengths]):
            values, row_lengths = cls._convert_values_and_row_partition(
                values, row_lengths, "row_lengths")
            row_lengths.shape.assert_has_rank(1)
            if validate:
                msg = "Arguments to from_row_lengths do not form a valid RaggedTensor"
                nvals1 = math_ops.reduce_sum(row_lengths)
                nvals2 = _nrows(values, row_lengths.dtype)
                checks = [
                    check_ops.assert_rank(row_lengths, 1, message=msg),
                    check_ops.assert_non_negative(row_lengths, message=msg),
                    check_ops.assert_equal(nvals1, nvals2, message=msg),
                ]
                row_lengths = _with_checks(checks, values, row_lengths)
            row_limits = math_ops.cumsum(row_lengths)
            row_splits = array_ops.concat([[0], row_limits], axis=0)
            return cls(values=values, row_splits=row_splits, cached_row_lengths=row_lengths,
                       internal=True)

    @classmethod
    def from_row_starts(cls, values, row_starts, name=None, validate=True):
        """Row i is values[row_starts[i]:row_starts[i + 1]] (the last runs to the end)."""
        _check_validate(validate)
        with name_scope(name, "RaggedFromRowStarts", [values, row_starts]):
            values, row_starts = cls._convert_values_and_row_partition(
                values, row_starts, "row_starts")
            row_starts.shape.assert_has_rank(1)
            nvals = _nrows(values, row_starts.dtype)
            if validate:
                msg = "Arguments to from_row_starts do not form a valid RaggedTensor"
                checks = [
                    check_ops.assert_rank(row_starts, 1, message=msg),
                    _assert_zero(row_starts[:1], message=msg),
                    _assert_monotonic_increasing(row_starts, message=msg),
                    check_ops.assert_less_equal(row_starts[-1:], nvals, message=msg),
                ]
                row_starts = _with_checks(checks, values, row_starts)
            row_splits = array_ops.concat([row_starts, [nvals]], axis=0)
            return cls(values=values, row_splits=row_splits, internal=True)

    @classmethod
    def from_row_limits(cls, values, row_limits, name=None, validate=True):
        """Row i is values[row_limits[i - 1]:row_limits[i]] (the first starts at 0)."""
        _check_validate(validate)
        with name_scope(name, "RaggedFromRowLimits", [values, row_limits]):
            values, row_limits = cls._convert_values_and_row_partition(
                values, row_limits, "row_limits")
            row_limits.shape.assert_has_rank(1)
            if validate:
                msg = "Arguments to from_row_limits do not form a valid RaggedTensor"
                nvals = _nrows(values, row_limits.dtype)
                checks = [
                    check_ops.assert_rank(row_limits, 1, message=msg),
                    check_ops.assert_non_negative(row_limits[:1], message=msg),
                    _assert_monotonic_increasing(row_limits, message=msg),
                    check_ops.assert_equal(row_limits[-1:], nvals, message=msg),
                ]
                row_limits = _with_checks(checks, values, row_limits)
            zero = array_ops.zeros([1], row_limits.dtype)
            row_splits = array_ops.concat([zero, row_limits], axis=0)
            return cls(values=values, row_splits=row_splits, internal=True)

    @classmethod
    def from_nested_value_rowids(cls, flat_values, nested_value_rowids, nested_nrows=None,
                                 name=None, validate=True):
        """from_value_rowids applied once per ragged dimension, innermost first."""
        _check_validate(validate)
        if isinstance(nested_value_rowids, Tensor):
            raise TypeError("nested_value_rowids must be a list of Tensors")
        if nested_nrows is None:
            nested_nrows = [None] * len(nested_value_rowids)
        else:
            if isinstance(nested_nrows, Tensor):
                raise TypeError("nested_nrows must be a list of Tensors")
            if len(nested_nrows) != len(nested_value_rowids):
                raise ValueError("nested_nrows must have the same length as "
                                 "nested_value_rowids")
        with name_scope(name, "RaggedFromNestedValueRowIds",
                        [flat_values] + list(nested_value_rowids) + list(nested_nrows)):
            result = flat_values
            for rowids, nrows in reversed(list(zip(nested_value_rowids, nested_nrows))):
                result = cls.from_value_rowids(result, rowids, nrows, validate=validate)
            return result

    @classmethod
    def from_nested_row_splits(cls, flat_values, nested_row_splits, name=None,
                               validate=True):
        """from_row_splits applied once per ragged dimension, innermost first."""
        _check_validate(validate)
        if isinstance(nested_row_splits, Tensor):
            raise TypeError("nested_row_splits must be a list of Tensors")
        with name_scope(name, "RaggedFromNestedRowSplits",
                        [flat_values] + list(nested_row_splits)):
            result = flat_values
            for splits in reversed(nested_row_splits):
                result = cls.from_row_splits(result, splits, validate=validate)
            return result

    @classmethod
    def from_nested_row_lengths(cls, flat_values, nested_row_lengths, name=None,
                                validate=True):
        """from_row_lengths applied once per ragged dimension, innermost first."""
        _check_validate(validate)
        if isinstance(nested_row_lengths, Tensor):
            raise TypeError("nested_row_lengths must be a list of Tensors")
        with name_scope(name, "RaggedFromNestedRowlengths",
                        [flat_values] + list(nested_row_lengths)):
            result = flat_values
            for lengths in reversed(nested_row_lengths):
                result = cls.from_row_lengths(result, lengths, validate=validate)
            return result

    # -- accessors -------------------------------------------------------------------------
    dtype = property(lambda self: self._values.dtype)
    values = property(lambda self: self._values)
    row_splits = property(lambda self: self._row_splits)
    graph = property(lambda self: self._row_splits.graph)

    @property
    def shape(self):
        """The static shape: [nrows, None, *values.shape[1:]]."""
        d = self._row_splits.shape.dims[0].value
        nrows = None if d is None else d - 1
        return TensorShape([nrows, None]).concatenate(self._values.shape[1:])

    def get_shape(self):
        return self.shape

    @property
    def ragged_rank(self):
        v = self._values
        return v.ragged_rank + 1 if isinstance(v, RaggedTensor) else 1

    @property
    def flat_values(self):
        v = self._values
        while isinstance(v, RaggedTensor):
            v = v.values
        return v

    @property
    def nested_row_splits(self):
        splits, v = [self._row_splits], self._values
        while isinstance(v, RaggedTensor):
            splits.append(v.row_splits)
            v = v.values
        return tuple(splits)

    def value_rowids(self, name=None):
        """The row index of each value."""
        if self._cached_value_rowids is not None:
            return self._cached_value_rowids
        with name_scope(name, "RaggedValueRowIds", [self]):
            return row_splits_to_segment_ids(self._row_splits)

    def nrows(self, out_type=None, name=None):
        """The number of rows (a scalar of `out_type`, default the row splits' dtype)."""
        out_type = self._row_splits.dtype if out_type is None else _dt.as_dtype(out_type)
        if self._cached_nrows is not None:
            return math_ops.cast(self._cached_nrows, out_type)
        with name_scope(name, "RaggedNRows", [self]):
            return array_ops.shape(self._row_splits, out_type=out_type)[0] - 1

    def row_starts(self, name=None):
        with name_scope(name, "RaggedRowStarts", [self]):
            return self._row_splits[:-1]

    def row_limits(self, name=None):
        with name_scope(name, "RaggedRowLimits", [self]):
            return self._row_splits[1:]

    def row_lengths(self, axis=1, name=None):
        """The length of each row (along `axis`, a RaggedTensor for axis > 1)."""
        if self._cached_row_lengths is not None:
            return self._cached_row_lengths
        with name_scope(name, "RaggedRowLengths", [self]):
            axis = get_positive_axis(axis, self.shape.ndims)
            if axis == 0:
                return self.nrows()
            if axis == 1:
                splits = self._row_splits
                return splits[1:] - splits[:-1]
            if isinstance(self._values, RaggedTensor):
                return self.with_values(self._values.row_lengths(axis - 1))
            shape = array_ops.shape(self._values, out_type=self._row_splits.dtype)
            return self.with_values(array_ops.ones(shape[:axis - 1], self._row_splits.dtype) *
                                    shape[axis - 1])

    def nested_row_lengths(self, name=None):
        with name_scope(name, "RaggedNestedRowLengths", [self]):
            lengths, rt = [], self
            while isinstance(rt, RaggedTensor):
                lengths.append(rt.row_lengths())
                rt = rt.values
            return tuple(lengths)

    def bounding_shape(self, axis=None, name=None, out_type=None):
        """The smallest dense shape that holds this tensor (or its `axis` entries)."""
        out_type = self._row_splits.dtype if out_type is None else _dt.as_dtype(out_type)
        with name_scope(name, "RaggedBoundingBox", [self, axis]):
            nested_splits = self.nested_row_splits
            if isinstance(axis, int):
                if axis == 0:
                    return array_ops.shape(nested_splits[0], out_type=out_type)[0] - 1
                if axis == 1:
                    return math_ops.maximum(math_ops.reduce_max(self.row_lengths()), 0)
            splits_shape = array_ops.shape(self._row_splits, out_type=out_type)
            flat_values_shape = array_ops.shape(self.flat_values, out_type=out_type)
            ragged_dimensions = array_ops.stack([splits_shape[0] - 1] + [
                math_ops.maximum(math_ops.reduce_max(s[1:] - s[:-1]), 0)
                for s in nested_splits])
            inner_dimensions = flat_values_shape[1:]
            bbox = array_ops.concat([ragged_dimensions, inner_dimensions], axis=0)
            return bbox if axis is None else array_ops.gather(bbox, axis)

    def with_values(self, new_values):
        """This tensor's row partition over `new_values` (same number of rows)."""
        new_values.shape.with_rank_at_least(1)
        self._values.shape[:1].assert_is_compatible_with(new_values.shape[:1])
        if isinstance(new_values, RaggedTensor) and \
                self._row_splits.dtype != new_values.row_splits.dtype:
            raise ValueError("self and new_values have mismatched row_splits dtypes; use "
                             "RaggedTensor.with_row_splits_dtype() to convert them to "
                             "compatible dtypes.")
        return RaggedTensor(new_values, self._row_splits, self._cached_row_lengths,
                            self._cached_value_rowids, self._cached_nrows, internal=True)

    def with_flat_values(self, new_values):
        """This tensor's nested row partitions over `new_values`."""
        if isinstance(self._values, Tensor):
            return self.with_values(new_values)
        return self.with_values(self._values.with_flat_values(new_values))

    def with_row_splits_dtype(self, dtype):
        """This tensor with int32 or int64 row partitions."""
        dtype = _dt.as_dtype(dtype)
        if dtype not in (_dt.int32, _dt.int64):
            raise ValueError("dtype must be int32 or int64")
        if self._row_splits.dtype == dtype:
            return self
        row_splits = math_ops.cast(self._row_splits, dtype)
        values = self._values
        if isinstance(values, RaggedTensor):
            values = values.with_row_splits_dtype(dtype)
        lengths, rowids = self._cached_row_lengths, self._cached_value_rowids
        if lengths is not None:
            lengths = math_ops.cast(lengths, dtype)
        if rowids is not None:
            rowids = math_ops.cast(rowids, dtype)
        return RaggedTensor(values, row_splits, lengths, rowids, self._cached_nrows,
                            internal=True)

    # -- dense and sparse conversions --------------------------------------------------------
    @classmethod
    def from_tensor(cls, tensor, lengths=None, padding=None, ragged_rank=1, name=None,
                    row_splits_dtype=_dt.int64):
        """A RaggedTensor of `tensor`'s rows, cut at `lengths` or before trailing `padding`."""
        row_splits_dtype = _dt.as_dtype(row_splits_dtype)
        if lengths is not None and padding is not None:
            raise ValueError("Specify lengths or padding, but not both")
        if not isinstance(ragged_rank, int):
            raise TypeError("ragged_rank expected int, got %r" % ragged_rank)
        if ragged_rank <= 0:
            raise ValueError("ragged_rank must be greater than 0; got %s" % ragged_rank)
        with name_scope(name, "RaggedFromTensor", [tensor, lengths, padding]):
            tensor = convert_to_tensor(tensor, name="tensor")
            tensor.shape.with_rank_at_least(ragged_rank + 1)
            input_shape = array_ops.shape(tensor, out_type=row_splits_dtype)
            ncols = input_shape[1]
            if ragged_rank > 1:
                new_shape = array_ops.concat([constant([-1], row_splits_dtype),
                                              input_shape[ragged_rank:]], axis=0)
                flattened = array_ops.reshape(tensor, new_shape)
                values = cls.from_tensor(flattened, lengths, padding,
                                         row_splits_dtype=row_splits_dtype)
                dim_size = math_ops.cumprod(input_shape)
                new_splits = [array_ops.range(0, dim_size[dim - 1] + 1) * input_shape[dim]
                              for dim in range(1, ragged_rank)]
                return cls.from_nested_row_splits(values, new_splits, validate=False)
            if padding is not None:
                lengths = _lengths_before_padding(tensor, padding, ncols, row_splits_dtype)
            if lengths is not None:
                if isinstance(lengths, (list, tuple)) and len(lengths) and \
                        not isinstance(lengths[0], (int, float)):
                    raise NotImplementedError("RaggedTensor.from_tensor(lengths=<a list of "
                                              "nested row lengths>)")
                lengths = _int_tensor(lengths, "lengths", row_splits_dtype)
                lengths.shape.assert_has_rank(1)
                lengths = math_ops.minimum(lengths, ncols)
                lengths = math_ops.maximum(lengths, 0)
                limits = math_ops.cumsum(lengths)
                splits = array_ops.concat([array_ops.zeros([1], row_splits_dtype), limits],
                                          axis=0)
                mask = array_ops.sequence_mask(lengths, maxlen=ncols)
                values = array_ops.boolean_mask(tensor, mask)
                return cls.from_row_splits(values, splits, validate=False)
            nrows = input_shape[0]
            nvals = nrows * ncols
            splits = array_ops.range(nrows + 1) * ncols
            values_shape = array_ops.concat([[nvals], input_shape[2:]], axis=0)
            values = array_ops.reshape(tensor, values_shape)
            return cls.from_row_splits(values, splits, validate=False)

    def to_tensor(self, default_value=None, name=None):
        """A dense tensor of the bounding shape, `default_value` (0) where rows are short."""
        with name_scope(name, "RaggedToTensor", [self, default_value]):
            if default_value is not None:
                default_value = convert_to_tensor(default_value, name="default_value",
                                                  dtype=self.dtype)
            values = self._values
            if isinstance(values, RaggedTensor):
                values = values.to_tensor(default_value)
            if default_value is not None:
                if values.shape.ndims is not None:
                    default_value.shape.with_rank_at_most(values.shape.ndims - 1)
                if values.shape.ndims is None or default_value.shape.ndims is None or \
                        values.shape.ndims != default_value.shape.ndims + 1:
                    value_shape = array_ops.shape(values)[1:]
                    default_value = array_ops.broadcast_to(default_value, value_shape)
                default_value.shape.assert_is_compatible_with(values.shape[1:])
            row_lengths = [self._row_splits[1:] - self._row_splits[:-1]]
            nrows = array_ops.shape(self._row_splits, out_type=self._row_splits.dtype)[0] - 1
            ncols = math_ops.maximum(math_ops.reduce_max(row_lengths), 0)
            values_shape = array_ops.shape(values, out_type=self._row_splits.dtype)
            value_shape = values_shape[1:]
            nvals = values_shape[0]
            if default_value is None:
                default_value = array_ops.zeros(value_shape, dtype=values.dtype)
            default_value.shape.assert_is_compatible_with(values.shape[1:])
            default_value.set_shape(values.shape[1:])
            starts = array_ops.expand_dims(self._row_splits[:-1], 1)
            limits = array_ops.expand_dims(self._row_splits[1:], 1)
            columns = array_ops.expand_dims(array_ops.range(0, ncols), 0)
            values_and_default = array_ops.concat([values, array_ops.stack([default_value])],
                                                  axis=0)
            nondefault_index = starts + columns
            has_value = nondefault_index < limits
            default_index = array_ops.fill(array_ops.stack([nrows, ncols]), nvals)
            indices = array_ops.where(has_value, nondefault_index, default_index)
            return array_ops.gather(values_and_default, indices)

    @classmethod
    def from_sparse(cls, st_input, name=None, row_splits_dtype=_dt.int64):
        """The rows of a 2-D, right-ragged SparseTensor."""
        row_splits_dtype = _dt.as_dtype(row_splits_dtype)
        if not isinstance(st_input, SparseTensor):
            raise TypeError("Expected SparseTensor, got %s" % type(st_input).__name__)
        with name_scope(name, "RaggedFromSparse", [st_input]):
            rank_shape = st_input.dense_shape.shape
            from_shape = rank_shape.dims[0].value if rank_shape.ndims is not None else None
            ishape = st_input.indices.shape
            from_indices = ishape.dims[1].value if ishape.ndims is not None else None
            if from_shape != 2 and from_indices != 2:
                raise ValueError("rank(st_input) must be 2")
            graph = get_default_graph()
            with graph.control_dependencies(_assert_ragged_right(st_input.indices)):
                segment_ids = math_ops.cast(st_input.indices[:, 0], row_splits_dtype)
                num_segments = math_ops.cast(st_input.dense_shape[0], row_splits_dtype)
                return cls.from_value_rowids(st_input.values, segment_ids, num_segments,
                                             validate=False)

    def to_sparse(self, name=None):
        """A SparseTensor with this tensor's values at their (row, column, ...) indices."""
        with name_scope(name, "RaggedToSparse", [self]):
            indices, values, dense_shape = _gen.ragged_tensor_to_sparse(
                self.nested_row_splits, self.flat_values, name=name)
            return SparseTensor(indices, values, dense_shape)

    @classmethod
    def _from_variant(cls, variant, dtype, output_ragged_rank, input_ragged_rank=None,
                      name=None):
        """The RaggedTensor a (batch of) boxed RaggedTensor(s) holds (RaggedFromVariant)."""
        variant = convert_to_tensor(variant, name="variant", dtype=_dt.variant)
        if variant.shape.ndims is not None and input_ragged_rank is not None and \
                output_ragged_rank != input_ragged_rank + variant.shape.ndims:
            raise ValueError(
                "output_ragged_rank must be equal to input_ragged_rank +variant.shape.ndims, "
                "found variant.shape.ndims: %d, input_ragged_rank: %d, output_ragged_rank: %d"
                % (variant.shape.ndims, input_ragged_rank, output_ragged_rank))
        input_ragged_rank = -1 if input_ragged_rank is None else input_ragged_rank
        with name_scope(name, "RaggedFromVariant", [variant]):
            splits, values = _gen.ragged_tensor_from_variant(
                variant, input_ragged_rank, output_ragged_rank, dtype, _dt.int64, name)
            return cls.from_nested_row_splits(values, splits, validate=False)

    def _to_variant(self, batched_input=False, name=None):
        """This tensor boxed in a scalar variant (a vector of its rows when batched)."""
        with name_scope(name, "RaggedToVariant", [self]):
            return _gen.ragged_tensor_to_variant(self.nested_row_splits, self.flat_values,
                                                 batched_input, name)

    # -- Python protocol ---------------------------------------------------------------------
    def __repr__(self):
        return "tf.RaggedTensor(values=%s, row_splits=%s)" % (self._values, self._row_splits)

    __str__ = __repr__

    def to_list(self):
        raise ValueError("RaggedTensor.to_list() is only supported in eager mode; in graph "
                         "mode, evaluate the RaggedTensor first and then use "
                         "RaggedTensorValue.to_list().")

    def _as_graph_element(self):
        return self.flat_values

    def _to_components(self):
        return (self.flat_values,) + self.nested_row_splits

    @classmethod
    def _from_components(cls, components, metadata=None):
        return cls.from_nested_row_splits(components[0], components[1:], validate=False)

    def _fetch_components(self):
        return list(self.nested_row_splits) + [self.flat_values], _value_from_components

    def _feed_components(self):
        return list(self.nested_row_splits) + [self.flat_values]

    def _feed_values(self, value):
        """The component values of a fed RaggedTensorValue, in _feed_components' order."""
        if not isinstance(value, RaggedTensorValue):
            raise TypeError("The value of a RaggedTensor feed must be a RaggedTensorValue, "
                            "got %r" % (value,))
        return list(value.nested_row_splits) + [value.flat_values]

    def eval(self, feed_dict=None, session=None):
        session = session or get_default_session()
        return session.run(self, feed_dict)

    def consumers(self):
        out = []
        for t in (self.flat_values,) + self.nested_row_splits:
            out.extend(t.consumers())
        return out


def _value_from_components(components):
    components = list(components)
    value = components.pop()
    while components:
        value = RaggedTensorValue(value, components.pop())
    return value


def _int_tensor(tensor, name, dtype):
    tensor = convert_to_tensor(tensor, name=name, preferred_dtype=dtype)
    if not tensor.dtype.is_integer:
        raise TypeError("%s must be an integer tensor; dtype=%s" % (name, tensor.dtype))
    return math_ops.cast(tensor, dtype)


def _lengths_before_padding(tensor, padding, ncols, row_splits_dtype):
    """Each row's length up to its last value that is not `padding` (TF's from_tensor)."""
    padding = convert_to_tensor(padding, name="padding", dtype=tensor.dtype)
    padding.shape.assert_is_compatible_with(tensor.shape[2:])
    has_default_value = equal(padding, tensor)
    tensor_rank = array_ops.rank(tensor)
    reduce_axis = array_ops.range(2, tensor_rank)
    has_default = control_flow_ops.cond(
        tensor_rank > 2, lambda: math_ops.reduce_all(has_default_value, axis=reduce_axis),
        lambda: has_default_value)
    has_default.set_shape(TensorShape([None, None]))
    has_default.set_shape(tensor.shape[:2])
    has_nondefault = math_ops.cast(logical_not(has_default), row_splits_dtype)
    length_for_nondefault = has_nondefault * array_ops.expand_dims(
        array_ops.range(1, ncols + 1), 0)
    return math_ops.reduce_max(length_for_nondefault, axis=1)


def _assert_ragged_right(indices):
    """TF's check that a SparseTensor's indices fill each row from its start."""
    prefix = indices[:, :-1]
    suffix = indices[:, -1]
    changed = math_ops.reduce_any(not_equal(prefix[1:], prefix[:-1]), axis=1)
    ok = array_ops.where(changed, equal(suffix[1:], 0),
                         equal(suffix[1:], suffix[:-1] + 1))
    ragged_right = logical_and(math_ops.reduce_all(equal(suffix[:1], 0)),
                                        math_ops.reduce_all(ok))
    message = ["SparseTensor is not right-ragged", "SparseTensor.indices =", indices]
    return [Assert(ragged_right, message)]


def is_ragged(value):
    """Whether `value` is a RaggedTensor or a RaggedTensorValue."""
    return isinstance(value, (RaggedTensor, RaggedTensorValue))


def match_row_splits_dtypes(*tensors, **kwargs):
    """The tensors, checked to share one row-splits dtype (TF's auto-cast is off)."""
    return_dtype = kwargs.pop("return_dtype", False)
    if kwargs:
        raise ValueError("Unexpected keyword args %r" % kwargs)
    dtypes = {t.row_splits.dtype for t in tensors if isinstance(t, RaggedTensor)}
    if len(dtypes) > 1:
        raise ValueError("Input RaggedTensors have mismatched row_splits dtypes; use "
                         "RaggedTensor.with_row_splits_dtype() to convert them to compatible "
                         "dtypes.")
    dtype = dtypes.pop() if dtypes else _dt.int64
    return (dtype, tensors) if return_dtype else tensors


def convert_to_tensor_or_ragged_tensor(value, dtype=None, preferred_dtype=None, name=None):
    """`value` as a RaggedTensor (a RaggedTensorValue becomes constants) or a Tensor."""
    if isinstance(value, RaggedTensor):
        if dtype and not _dt.as_dtype(dtype).is_compatible_with(value.dtype):
            raise ValueError("Tensor conversion requested dtype %s for RaggedTensor with "
                             "dtype %s: %r" % (_dt.as_dtype(dtype).name, value.dtype.name,
                                               value))
        return value
    if isinstance(value, RaggedTensorValue):
        with name_scope(name, "ConvertToTensorOrRaggedTensor", []):
            flat_values = convert_to_tensor(value.flat_values, dtype=dtype,
                                            preferred_dtype=preferred_dtype,
                                            name="flat_values")
            return RaggedTensor.from_nested_row_splits(
                flat_values, [np.asarray(s) for s in value.nested_row_splits], validate=False)
    return convert_to_tensor(value, dtype=dtype, preferred_dtype=preferred_dtype, name=name)
