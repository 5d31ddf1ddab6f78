"""Partitioned variables (TF 1.14's `PartitionedVariable`, `Variable.SaveSliceInfo`,
partitioned_variables.py): a variable split along one axis into `name/part_0`,
`name/part_1`, ... Each part carries a SaveSliceInfo, so tf.train.Saver writes all parts
under the one checkpoint key `name` as slices (TF's "full shape" + "offset,length:..."
spec); read as a Tensor the parts are concatenated (`name/ConcatPartitions/concat`, then
the Identity `name`; one part: the Identity alone).

>>> with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(2)):
...     w = tf.get_variable("w", [5, 3])
>>> [v.op.name for v in w]
['emb/w/part_0', 'emb/w/part_1']
>>> w.name
'emb/w'
"""
from __future__ import annotations

import collections.abc as _abc
import math

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor, register_tensor_conversion_function
from ..engine.framework.graph import get_default_graph, name_scope
from ..engine.framework.meta_graph import strip_name_scope
from ..engine.framework.tensor_shape import TensorShape, dimension_value
from . import array_ops

__all__ = ["PartitionedVariable", "fixed_size_partitioner", "min_max_variable_partitioner",
           "variable_axis_size_partitioner"]


class SaveSliceInfo:
    """Where a variable sits in the full variable it is a slice of (TF's
    `Variable.SaveSliceInfo`): the full name and shape, its offset and shape."""

    def __init__(self, full_name=None, full_shape=None, var_offset=None, var_shape=None,
                 save_slice_info_def=None, import_scope=None):
        if save_slice_info_def is not None:   # TF's SaveSliceInfoDef proto, or its dict
            d = save_slice_info_def
            get = d.__getitem__ if isinstance(d, dict) else lambda k: getattr(d, k)
            full_name = get("full_name")
            if import_scope:
                full_name = import_scope + "/" + full_name
            full_shape, var_offset, var_shape = (list(get("full_shape")), list(get("var_offset")),
                                                 list(get("var_shape")))
        self.full_name = full_name
        self.full_shape = full_shape
        self.var_offset = var_offset
        self.var_shape = var_shape

    @property
    def spec(self):
        """The shape_and_slice string SaveV2/RestoreV2 take: "4 3 0,2:0,3"."""
        full = " ".join("%d" % d for d in self.full_shape) + " "
        return full + ":".join("%d,%d" % (o, s) for o, s in zip(self.var_offset,
                                                                    self.var_shape))

    def to_proto(self, export_scope=None):
        """TF's SaveSliceInfoDef proto (None when the full variable lies outside
        `export_scope`)."""
        d = self._to_proto_dict(export_scope)
        if d is None:
            return None
        from ..engine.framework.proto import pb  # lazy: protobuf classes load on first use
        return pb().variable_pb2.SaveSliceInfoDef(**d)

    def _to_proto_dict(self, export_scope=None):
        if export_scope is None or self.full_name.startswith(export_scope):
            return {"full_name": strip_name_scope(self.full_name, export_scope),
                    "full_shape": [int(x) for x in self.full_shape],
                    "var_offset": [int(x) for x in self.var_offset],
                    "var_shape": [int(x) for x in self.var_shape]}
        return None


class _PartitionInfo:
    """What a partitioned variable's initializer is told about the part it makes."""

    def __init__(self, full_shape, var_offset):
        for what, v in (("full_shape", full_shape), ("var_offset", var_offset)):
            if not isinstance(v, _abc.Sequence) or isinstance(v, str):
                raise TypeError("`%s` must be a sequence (like tuple or list) instead of %s"
                                % (what, type(v).__name__))
        if len(var_offset) != len(full_shape):
            raise ValueError("Expected equal length, but `var_offset` is of length {} while "
                             "full_shape is of length {}.".format(len(var_offset),
                                                                  len(full_shape)))
        for offset, shape in zip(var_offset, full_shape):
            if offset < 0 or offset >= shape:
                raise ValueError("Expected 0 <= offset < shape but found offset={}, shape={} "
                                 "for var_offset={}, full_shape={}".format(
                                     offset, shape, var_offset, full_shape))
        self._full_shape = full_shape
        self._var_offset = var_offset

    @property
    def full_shape(self):
        return self._full_shape

    @property
    def var_offset(self):
        return self._var_offset

    def single_offset(self, shape):
        dim = self.single_slice_dim(shape)
        return 0 if dim is None else self.var_offset[dim]

    def single_slice_dim(self, shape):
        if not isinstance(shape, _abc.Sequence) or isinstance(shape, str):
            raise TypeError("`shape` must be a sequence (like tuple or list) instead of "
                            + type(shape).__name__)
        if len(shape) != len(self.full_shape):
            raise ValueError("Expected equal length, but received shape={} of length {} "
                             "while self.full_shape={} is of length {}.".format(
                                 shape, len(shape), self.full_shape, len(self.full_shape)))
        for i in range(len(shape)):
            if self.var_offset[i] + shape[i] > self.full_shape[i]:
                raise ValueError("With self.var_offset={}, a partition of shape={} would "
                                 "exceed self.full_shape={} in dimension {}.".format(
                                     self.var_offset, shape, self.full_shape, i))
        dim = None
        for i in range(len(shape)):
            if shape[i] == self.full_shape[i]:
                continue
            if dim is not None:
                raise ValueError("Cannot use single_slice_dim() with shape={} and "
                                 "self.full_shape={} since slice dim could be either dimension "
                                 "{} or {}.".format(shape, self.full_shape, i, dim))
            dim = i
        return dim


class PartitionedVariable:
    """The parts of one variable split along one axis, in offset order."""

    def __init__(self, name, shape, dtype, variable_list, partitions):
        if not isinstance(variable_list, (list, tuple)):
            raise TypeError("variable_list is not a list or tuple: %s" % variable_list)
        if not isinstance(partitions, (list, tuple)):
            raise TypeError("partitions is not a list or tuple: %s" % partitions)
        if not all(p >= 1 for p in partitions):
            raise ValueError("partition values must be positive: %s" % partitions)
        if not variable_list:
            raise ValueError("variable_list may not be empty")
        for v in variable_list:
            if not all(x._get_save_slice_info() is not None for x in variable_list):
                raise ValueError("All variables must have a save_slice_info available: %s"
                                 % [x.name for x in variable_list])
            if len(shape) != len(partitions):
                raise ValueError("len(shape) != len(partitions): %s vs. %s"
                                 % (shape, partitions))
            if v._get_save_slice_info().full_shape != list(shape):
                raise ValueError("All variables' full shapes must match shape: %s; but full "
                                 "shapes were: %s" % (shape,
                                                      str([v._get_save_slice_info().full_shape])))
        self._variable_list = sorted(variable_list,
                                     key=lambda v: v._get_save_slice_info().var_offset)
        self._name = name
        self._shape = shape
        self._dtype = dtype
        self._partitions = partitions
        self._as_tensor = None

    def __iter__(self):
        return iter(self._variable_list)

    def __len__(self):
        axes = self._partition_axes()
        if len(axes) > 1:
            raise ValueError("Cannot get a length for %d > 1 partition axes" % len(axes))
        return len(self._variable_list)

    def _partition_axes(self):
        if all(p == 1 for p in self._partitions):
            return [0]
        return [i for i, p in enumerate(self._partitions) if p > 1]

    def _concat(self):
        """The full value: `name` (Identity) of `name/ConcatPartitions/concat`."""
        if len(self._variable_list) == 1:
            with name_scope(None):
                # as TF: the part is read inside the Identity's scope ('<name>/ReadVariableOp')
                with name_scope(self._name + "/"):
                    value = convert_to_tensor(self._variable_list[0])
                return array_ops.identity(value, name=self._name)
        axes = self._partition_axes()
        if len(axes) > 1:
            raise NotImplementedError(
                "Cannot concatenate along more than one dimension: %s.  Multi-axis partition "
                "concat is not supported" % str(axes))
        with name_scope(self._name + "/ConcatPartitions/"):
            concatenated = array_ops.concat(self._variable_list, axes[0])
        with name_scope(None):
            return array_ops.identity(concatenated, name=self._name)

    def as_tensor(self):
        """The concatenated value, outside the current control dependencies."""
        with get_default_graph().control_dependencies(None):
            return self._concat()

    @staticmethod
    def _TensorConversionFunction(v, dtype=None, name=None, as_ref=False):  # noqa: N802
        if dtype is not None and not _dt.as_dtype(dtype).is_compatible_with(v.dtype):
            raise ValueError("Incompatible type conversion requested to type '%s' for "
                             "variable of type '%s'" % (_dt.as_dtype(dtype).name,
                                                        v.dtype.name))
        if as_ref:
            raise NotImplementedError(
                "PartitionedVariable doesn't support being used as a reference.")
        return v.as_tensor()

    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self.get_shape()

    @property
    def _distribute_strategy(self):
        return None

    def get_shape(self):
        return self._shape

    def _get_variable_list(self):
        return self._variable_list

    def _get_partitions(self):
        return self._partitions

    def _apply_assign_fn(self, assign_fn, value):
        axes = self._partition_axes()
        if len(axes) > 1:
            raise NotImplementedError(
                "Cannot do assign action along more than one dimension: %s.  Multi-axis "
                "partition assign action is not supported " % str(axes))
        if isinstance(value, list):
            if len(value) != len(self._variable_list):
                raise ValueError("%d values for %d partitions"
                                 % (len(value), len(self._variable_list)))
            values = value
        elif isinstance(value, PartitionedVariable):
            values = list(value)
        else:
            sizes = [dimension_value(v.shape[axes[0]]) for v in self._variable_list]
            values = array_ops.split(value, sizes, axis=axes[0])
        return [assign_fn(v, values[i]) for i, v in enumerate(self._variable_list)]

    def _assign(self, method, value, use_locking, name, read_value):
        out = self._apply_assign_fn(
            lambda var, r: getattr(var, method)(r, use_locking=use_locking, name=name,
                                                read_value=read_value), value)
        return out if read_value else [a.op if hasattr(a, "op") and not hasattr(a, "type")
                                       else a for a in out]

    def assign(self, value, use_locking=False, name=None, read_value=True):
        return self._assign("assign", value, use_locking, name, read_value)

    def assign_add(self, value, use_locking=False, name=None, read_value=True):
        return self._assign("assign_add", value, use_locking, name, read_value)

    def assign_sub(self, value, use_locking=False, name=None, read_value=True):
        return self._assign("assign_sub", value, use_locking, name, read_value)


register_tensor_conversion_function(PartitionedVariable,
                                    PartitionedVariable._TensorConversionFunction)


# -- partitioners -------------------------------------------------------------------------
def variable_axis_size_partitioner(max_shard_bytes, axis=0, bytes_per_string_element=16,
                                   max_shards=None):
    """A partitioner giving shards of at most `max_shard_bytes` along `axis`."""
    if max_shard_bytes < 1 or bytes_per_string_element < 1:
        raise ValueError("Both max_shard_bytes and bytes_per_string_element must be positive.")
    if max_shards and max_shards < 1:
        raise ValueError("max_shards must be positive.")

    def _partitioner(shape, dtype):
        if not isinstance(shape, TensorShape):
            raise ValueError("shape is not a TensorShape: %s" % shape)
        if not shape.is_fully_defined():
            raise ValueError("shape is not fully defined: %s" % shape)
        if not isinstance(dtype, _dt.DType):
            raise ValueError("dtype is not a DType: %s" % dtype)
        size = (bytes_per_string_element if dtype.base_dtype == _dt.string else dtype.size)
        partitions = [1] * shape.ndims
        dim = dimension_value(shape.dims[axis])
        bytes_per_slice = 1.0 * (shape.num_elements() / dim) * size
        slices_per_shard = max(1, math.floor(max_shard_bytes / bytes_per_slice))
        shards = int(math.ceil(1.0 * dim / slices_per_shard))
        if max_shards:
            shards = min(max_shards, shards)
        partitions[axis] = shards
        return partitions
    return _partitioner


def min_max_variable_partitioner(max_partitions=1, axis=0, min_slice_size=256 << 10,
                                 bytes_per_string_element=16):
    """A partitioner giving slices of at least `min_slice_size` bytes, at most
    `max_partitions` of them, along `axis`."""

    def _partitioner(shape, dtype):
        if axis >= len(shape):
            raise ValueError("Can not partition variable along axis %d when shape is only %s"
                             % (axis, shape))
        dtype = _dt.as_dtype(dtype)
        size = (bytes_per_string_element if dtype.base_dtype == _dt.string else dtype.size)
        partitions = shape.num_elements() * size / min_slice_size
        out = [1] * len(shape)
        out[axis] = max(1, min(dimension_value(shape.dims[axis]), max_partitions,
                               int(math.ceil(partitions))))
        return out
    return _partitioner


def fixed_size_partitioner(num_shards, axis=0):
    """A partitioner giving `num_shards` shards (at most the axis' size) along `axis`."""

    def _partitioner(shape, **unused_args):
        out = [1] * len(shape)
        out[axis] = min(num_shards, dimension_value(shape.dims[axis]))
        return out
    return _partitioner
