"""Helpers of tf.contrib.model_pruning (TF 1.14 model_pruning/python/pruning_utils.py):
the mask and threshold variables, block expansion and pooling, mask assignment."""
import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import dimension_value
from ...ops import array_ops, control_flow_ops, init_ops, state_ops
from ...ops import conv_ops
from ...ops import variable_scope as vs


def weight_mask_variable(var, scope):
    """A non-trainable `mask` variable in `scope`, var's shape and dtype, all ones."""
    with vs.variable_scope(scope):
        return vs.get_variable("mask", var.get_shape(), initializer=init_ops.ones_initializer(),
                               trainable=False, dtype=var.dtype)


def weight_threshold_variable(var, scope):
    """A non-trainable scalar `threshold` variable in `scope`, var's dtype, zero."""
    with vs.variable_scope(scope):
        return vs.get_variable("threshold", [], initializer=init_ops.zeros_initializer(),
                               trainable=False, dtype=var.dtype)


def kronecker_product(mat1, mat2):
    """The Kronecker product of two matrices (m1 x n1, m2 x n2 -> m1*m2 x n1*n2)."""
    m1, n1 = mat1.get_shape().as_list()
    mat1_rsh = array_ops.reshape(mat1, [m1, 1, n1, 1])
    m2, n2 = mat2.get_shape().as_list()
    mat2_rsh = array_ops.reshape(mat2, [1, m2, 1, n2])
    return array_ops.reshape(mat1_rsh * mat2_rsh, [m1 * m2, n1 * n2])


def _replicate_rows(tensor, multiple):
    """Each row of a 2-D tensor `multiple` times in a row (a ScatterNd of the tiled rows)."""
    rows, cols = tensor.shape.as_list()
    indices = np.zeros(shape=[rows * multiple, 1], dtype=np.int32)
    for k in range(multiple):
        indices[k * rows:(k + 1) * rows, 0] = np.arange(rows) * multiple + k
    return array_ops.scatter_nd(constant(indices), array_ops.tile(tensor, [multiple, 1]),
                                [rows * multiple, cols])


def expand_tensor(tensor, block_dims):
    """A 2-D tensor with each value repeated over a block_dims block (its Kronecker product
    with ones(block_dims))."""
    if tensor.get_shape().ndims != 2:
        raise ValueError("Input tensor must be rank 2")
    if len(block_dims) != 2:
        raise ValueError("block_dims must have 2 elements")
    block_height, block_width = block_dims
    expanded = tensor
    if block_height > 1:
        expanded = _replicate_rows(tensor, block_height)
    if block_width > 1:
        expanded = array_ops.transpose(
            _replicate_rows(array_ops.transpose(expanded), block_width))
    return expanded


def factorized_pool(input_tensor, window_shape, pooling_type, strides, padding, name=None):
    """m x n pooling of a rank-2 tensor as a 1 x m then a 1 x n pooling (TF's TPU path)."""
    if input_tensor.get_shape().ndims != 2:
        raise ValueError("factorized_pool() accepts tensors of rank 2 only")
    height, width = input_tensor.get_shape()
    with name_scope(name, "factorized_pool"):
        aligned = array_ops.reshape(input_tensor, [1, 1, height, width],
                                    name=input_tensor.op.name + "_aligned")
        height_pooling = conv_ops.pool(aligned, window_shape=[1, window_shape[0]],
                                       pooling_type=pooling_type, strides=[1, strides[0]],
                                       padding=padding)
        swapped = array_ops.transpose(height_pooling, perm=[0, 1, 3, 2])
        width_pooling = conv_ops.pool(swapped, window_shape=[1, window_shape[1]],
                                      pooling_type=pooling_type, strides=[1, strides[1]],
                                      padding=padding)
    return array_ops.squeeze(array_ops.transpose(width_pooling, perm=[0, 1, 3, 2]),
                             axis=[0, 1])


def determine_partitioned_axis(partitioned_variable):
    """The one axis along which a PartitionedVariable is split."""
    axis = 0
    full_shape = partitioned_variable.get_shape()
    for partition in partitioned_variable:
        smaller = np.less(partition.get_shape().as_list(), full_shape.as_list())
        if np.count_nonzero(smaller) != 1:
            raise ValueError("Number of partitioned axes %s not equal to 1"
                             % np.count_nonzero(smaller))
        axis = np.where(smaller)[0][0]
    return axis


def variable_assign(var, new_value):
    """Assign op `<var>_assign`."""
    return state_ops.assign(var, new_value, name=var.op.name + "_assign")


def partitioned_variable_assign(partitioned_var, new_value):
    """An op grouping one assign per slice of `partitioned_var` (new_value split as it is)."""
    axis = 0 if len(partitioned_var) == 1 else determine_partitioned_axis(partitioned_var)
    sizes = np.array([dimension_value(p.get_shape()[axis]) for p in partitioned_var])
    values = array_ops.split(new_value, convert_to_tensor(sizes, dtype=_dt.int32), axis=axis)
    ops = [variable_assign(p, values[i]) for i, p in enumerate(partitioned_var)]
    return control_flow_ops.group(*ops, name=partitioned_var.name + "_group_assign")
