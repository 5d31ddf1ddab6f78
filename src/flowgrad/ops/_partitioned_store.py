"""The variable store's partitioned path (TF 1.14's `_VariableStore._get_partitioned_variable`,
`_call_partitioner`, `_iter_slices`): parts `name/part_<i>` made by `_get_single_variable`
(their initializer ops under `name/part_<i>/Initializer`, the initializer told the part's
place through a `_PartitionInfo`), each given its SaveSliceInfo, wrapped in a
PartitionedVariable that the store keeps under `name`."""
from __future__ import annotations

import collections.abc as _abc

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.tensor_shape import as_shape
from . import array_ops
from .partitioned_variables import PartitionedVariable, SaveSliceInfo, _PartitionInfo

__all__ = []


def _call_partitioner(partitioner, shape, dtype):
    if not shape.is_fully_defined():
        raise ValueError("Shape of a new partitioned variable must be fully defined, but "
                         "instead was %s." % (shape,))
    if shape.ndims < 1:
        raise ValueError("A partitioned Variable must have rank at least 1, shape: %s" % shape)
    slicing = partitioner(shape=shape, dtype=dtype)
    if not isinstance(slicing, _abc.Sequence):
        raise ValueError("Partitioner must return a sequence, but saw: %s" % slicing)
    if len(slicing) != shape.ndims:
        raise ValueError("Partitioner returned a partition list that does not match the "
                         "Variable's rank: %s vs. %s" % (slicing, shape))
    if any(p < 1 for p in slicing):
        raise ValueError("Partitioner returned zero partitions for some axes: %s" % slicing)
    if sum(p > 1 for p in slicing) > 1:
        raise ValueError("Can only slice a variable along one dimension: shape: %s, "
                         "partitioning: %s" % (shape, slicing))
    return slicing


def _slice_dim_and_num_slices(slicing):
    for dim, num in enumerate(slicing):
        if num > 1:
            return dim, num
    return 0, 1


def _iter_slices(full_shape, num_slices, slice_dim):
    excess = full_shape[slice_dim] % num_slices
    offset = [0] * len(full_shape)
    least = full_shape[slice_dim] // num_slices
    for i in range(num_slices):
        shape = full_shape[:]
        shape[slice_dim] = least + bool(i < excess)
        yield offset[:], shape
        offset[slice_dim] += shape[slice_dim]


def get_partitioned(store, name, partitioner, shape=None, dtype=_dt.float32, initializer=None,
                    regularizer=None, reuse=None, trainable=None, collections=None,
                    caching_device=None, validate_shape=True, use_resource=None,
                    constraint=None, synchronization=None, aggregation=None):
    """`store`'s PartitionedVariable `name`, created (parts and all) or reused."""
    dtype = _dt.as_dtype(dtype if dtype is not None else _dt.float32)
    from_tensor = initializer is not None and isinstance(initializer, Tensor)
    if name in store._vars:
        raise ValueError("A partitioner was provided, but an unpartitioned version of the "
                         "variable was found: %s.  Perhaps a variable of the same name was "
                         "already created without partitioning?" % name)
    shape = as_shape(shape)
    if from_tensor:
        shape = shape.merge_with(initializer.get_shape())
    partitions = None
    if not reuse or partitioner:
        partitions = _call_partitioner(partitioner, shape, dtype)
    if name in store._partitioned_vars:
        if reuse is False:
            raise ValueError("Partitioned variable with name %s already exists. Did you mean "
                             "to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?" % name)
        found = store._partitioned_vars[name]
        if not shape.is_compatible_with(found.get_shape()):
            raise ValueError("Trying to reuse partitioned variable %s, but specified shape %s "
                             "and found shape %s." % (name, shape, found.get_shape()))
        if not dtype.is_compatible_with(found.dtype):
            raise ValueError("Trying to reuse partitioned variable %s, but specified dtype %s "
                             "and found dtype %s." % (name, dtype.name, found.dtype.name))
        if partitions is not None and list(found._get_partitions()) != list(partitions):
            raise ValueError("Trying to reuse partitioned variable %s, but specified "
                             "partitions %s and found partitions %s." % (
                                 name, partitions, found._get_partitions()))
        return found
    if reuse is True:
        raise ValueError("PartitionedVariable %s does not exist, or was not created with "
                         "tf.get_variable(). Did you mean to set reuse=False or "
                         "reuse=tf.AUTO_REUSE in VarScope?" % name)
    slice_dim, num_slices = _slice_dim_and_num_slices(partitions)
    if "%s/part_0" % name in store._vars:
        if "%s/part_%d" % (name, num_slices - 1) not in store._vars:
            raise ValueError("Partitioner returned a different partitioning than what was "
                             "already found.  Partitioner returned %d shards, and shard "
                             "%s/part_0 was found, but %s/part_%d was not."
                             % (num_slices, name, name, num_slices - 1))
        if "%s/part_%d" % (name, num_slices) in store._vars:
            raise ValueError("Partitioner returned a different partitioning than what was "
                             "already found.  Partitioner returned %d shards, and shard "
                             "%s/part_0 was found, but so was the extra shard %s/part_%d."
                             % (num_slices, name, name, num_slices))
    parts = []
    full = shape.as_list()
    for i, (offset, part_shape) in enumerate(_iter_slices(full, num_slices, slice_dim)):
        info = _PartitionInfo(full_shape=full, var_offset=offset)
        part_name = "%s/part_%d" % (name, i)
        with name_scope(part_name + "/PartitionedInitializer"):
            if initializer is None:
                init = store._default_initializer(name, dtype)
                init_shape = part_shape
            elif callable(initializer):
                init, init_shape = initializer, part_shape
            elif isinstance(initializer, Tensor):
                init = array_ops.slice(initializer, offset, part_shape)
                dtype = init.dtype.base_dtype
                init_shape = None
            else:
                init = convert_to_tensor(initializer, dtype=dtype)
                init = array_ops.slice(init, offset, part_shape)
                init_shape = None
        with name_scope(None):
            var = store._get_single_variable(
                part_name, shape=init_shape, dtype=dtype, initializer=init,
                partition_info=info, regularizer=regularizer, reuse=reuse,
                trainable=trainable, collections=collections, caching_device=caching_device,
                validate_shape=validate_shape, use_resource=use_resource,
                constraint=constraint, synchronization=synchronization,
                aggregation=aggregation)
        var._set_save_slice_info(SaveSliceInfo(name, full, offset, part_shape))
        parts.append(var)
    pv = PartitionedVariable(name=name, shape=shape, dtype=dtype, variable_list=parts,
                             partitions=partitions)
    store._partitioned_vars[name] = pv
    return pv
