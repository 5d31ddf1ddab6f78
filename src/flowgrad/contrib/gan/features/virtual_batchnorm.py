"""TF-GAN's virtual batch normalization (TF 1.14 contrib/gan/python/features/python/
virtual_batchnorm_impl.py; Salimans et al., https://arxiv.org/abs/1606.03498): normalize each
example with statistics of a fixed reference batch plus that example, weighted 1/(n+1). The
reference mean and mean square are computed once, at construction."""
from __future__ import annotations

from ....engine.framework import dtypes
from ....engine.framework import graph as _g
from ....engine.framework.static_value import constant_value
from ....engine.framework.tensor_shape import TensorShape
from ....ops import array_ops, init_ops, math_ops, nn_ops, variable_scope

__all__ = ["VBN"]


def _static_or_dynamic_batch_size(tensor, batch_axis):
    batch_size = array_ops.shape(tensor)[batch_axis]
    return constant_value(batch_size) or batch_size


def _statistics(x, axes):
    """Mean and mean square of `x` over `axes` (tf.nn.moments' shifted mean)."""
    y = math_ops.cast(x, dtypes.float32) if x.dtype == dtypes.float16 else x
    shift = array_ops.stop_gradient(math_ops.reduce_mean(y, axes, keepdims=True))
    mean = math_ops.reduce_mean(y - shift, axes, keepdims=True) + shift
    mean_squared = math_ops.reduce_mean(math_ops.square(y), axes, keepdims=True)
    mean = array_ops.squeeze(mean, axes)
    mean_squared = array_ops.squeeze(mean_squared, axes)
    if x.dtype == dtypes.float16:
        return math_ops.cast(mean, dtypes.float16), math_ops.cast(mean_squared, dtypes.float16)
    return mean, mean_squared


def _validate_init_input_and_get_axis(reference_batch, axis):
    if reference_batch.shape.ndims is None:
        raise ValueError("`reference_batch` has unknown dimensions.")
    ndims = reference_batch.shape.ndims
    used_axis = ndims + axis if axis < 0 else axis
    if used_axis < 0 or used_axis >= ndims:
        raise ValueError("Value of `axis` argument " + str(used_axis)
                         + " is out of range for input with rank " + str(ndims))
    return used_axis


def _validate_call_input(tensor_list, batch_dim):
    """The shapes agree except along `batch_dim`."""
    def _get_shape(tensor):
        shape = tensor.shape.as_list()
        del shape[batch_dim]
        return shape

    base_shape = TensorShape(_get_shape(tensor_list[0]))
    for tensor in tensor_list:
        base_shape.assert_is_compatible_with(_get_shape(tensor))


class VBN:
    """Virtual batch normalization against `reference_batch` (arguments as
    tf.layers.batch_normalization's; `beta` and `gamma` are shared by all calls)."""

    def __init__(self, reference_batch, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=init_ops.zeros_initializer(),
                 gamma_initializer=init_ops.ones_initializer(), beta_regularizer=None,
                 gamma_regularizer=None, trainable=True, name=None, batch_axis=0):
        axis = _validate_init_input_and_get_axis(reference_batch, axis)
        self._epsilon = epsilon
        self._beta = 0
        self._gamma = 1
        self._batch_axis = _validate_init_input_and_get_axis(reference_batch, batch_axis)
        if axis == self._batch_axis:
            raise ValueError("`axis` and `batch_axis` cannot be the same.")

        with variable_scope.variable_scope(name, "VBN", values=[reference_batch]) as self._vs:
            self._reference_batch = reference_batch
            input_shape = reference_batch.shape
            ndims = input_shape.ndims
            reduction_axes = [i for i in range(ndims) if i != axis]
            self._broadcast_shape = [1] * ndims
            self._broadcast_shape[axis] = input_shape.dims[axis]
            self._example_reduction_axes = [i for i in range(ndims)
                                            if i not in (axis, self._batch_axis)]
            params_shape = reference_batch.shape[axis]
            self._needs_broadcasting = (
                sorted(self._example_reduction_axes) != list(range(ndims))[:-2])
            self._ref_mean, self._ref_mean_squares = _statistics(reference_batch,
                                                                 reduction_axes)
            self._ref_variance = self._ref_mean_squares - math_ops.square(self._ref_mean)
            ref_batch_size = _static_or_dynamic_batch_size(reference_batch, self._batch_axis)
            self._example_weight = 1. / (math_ops.cast(ref_batch_size, dtypes.float32) + 1.)
            self._ref_weight = 1. - self._example_weight
            if center:
                self._beta = variable_scope.get_variable(
                    name="beta", shape=(params_shape,), initializer=beta_initializer,
                    regularizer=beta_regularizer, trainable=trainable)
            if scale:
                self._gamma = variable_scope.get_variable(
                    name="gamma", shape=(params_shape,), initializer=gamma_initializer,
                    regularizer=gamma_regularizer, trainable=trainable)

    def _virtual_statistics(self, inputs, reduction_axes):
        cur_mean, cur_mean_sq = _statistics(inputs, reduction_axes)
        vb_mean = self._example_weight * cur_mean + self._ref_weight * self._ref_mean
        vb_mean_sq = (self._example_weight * cur_mean_sq
                      + self._ref_weight * self._ref_mean_squares)
        return vb_mean, vb_mean_sq

    def _broadcast(self, v, broadcast_shape=None):
        b_shape = broadcast_shape or self._broadcast_shape
        if self._needs_broadcasting and v is not None:
            return array_ops.reshape(v, b_shape)
        return v

    def reference_batch_normalization(self):
        """The reference batch, batch normalized."""
        with _g.name_scope(self._vs.name):
            return nn_ops.batch_normalization(
                self._reference_batch, self._broadcast(self._ref_mean),
                self._broadcast(self._ref_variance), self._broadcast(self._beta),
                self._broadcast(self._gamma), self._epsilon)

    def __call__(self, inputs):
        """`inputs` virtually batch normalized."""
        _validate_call_input([inputs, self._reference_batch], self._batch_axis)
        with _g.name_scope(self._vs.name, values=[inputs, self._reference_batch]):
            vb_mean, vb_mean_sq = self._virtual_statistics(inputs, self._example_reduction_axes)
            vb_variance = vb_mean_sq - math_ops.square(vb_mean)
            b_shape = self._broadcast_shape[:]
            b_shape[self._batch_axis] = _static_or_dynamic_batch_size(inputs, self._batch_axis)
            return nn_ops.batch_normalization(
                inputs, self._broadcast(vb_mean, b_shape),
                self._broadcast(vb_variance, b_shape),
                self._broadcast(self._beta, self._broadcast_shape),
                self._broadcast(self._gamma, self._broadcast_shape), self._epsilon)
