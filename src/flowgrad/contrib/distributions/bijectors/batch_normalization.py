"""tf.contrib.distributions.bijectors.BatchNormalization (TF 1.14's batch_normalization.py):
inverse is a tf.layers BatchNormalization layer's normalization (its batch statistics with
training, its moving ones without); forward undoes it with the moving statistics."""
from __future__ import annotations

import numpy as np

from ....engine.framework.graph import name_scope
from ....layers import normalization
from ....ops import array_ops, math_ops, nn_ops
from .bijector import Bijector

__all__ = ["BatchNormalization"]


def _undo_batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """x * sqrt(variance + eps) / scale + mean - offset * sqrt(variance + eps) / scale."""
    with name_scope(name, "undo_batchnorm", [x, mean, variance, scale, offset]):
        rescale = math_ops.sqrt(variance + variance_epsilon)
        if scale is not None:
            rescale /= scale
        return x * rescale + (mean - offset * rescale if offset is not None else mean)


def _gamma_constraint(x):
    return nn_ops.relu(x) + 1e-6


class BatchNormalization(Bijector):
    """Y = de-normalize(X) with the layer's moving mean and variance, beta and gamma;
    X = the layer's batch normalization of Y (`training` picks batch or moving
    statistics). The default layer keeps gamma positive (relu(gamma) + 1e-6)."""

    def __init__(self, batchnorm_layer=None, training=True, validate_args=False,
                 name="batch_normalization"):
        self.batchnorm = batchnorm_layer or normalization.BatchNormalization(
            gamma_constraint=_gamma_constraint)
        self._validate_bn_layer(self.batchnorm)
        self._training = training
        if isinstance(self.batchnorm.axis, int):
            forward_min_event_ndims = 1
        else:
            forward_min_event_ndims = len(self.batchnorm.axis)
        super().__init__(forward_min_event_ndims=forward_min_event_ndims,
                         validate_args=validate_args, name=name)

    def _validate_bn_layer(self, layer):
        if not isinstance(layer, normalization.BatchNormalization):
            raise ValueError(
                "batchnorm_layer must be an instance of BatchNormalization layer.")
        if layer.renorm:
            raise ValueError("BatchNorm Bijector does not support renormalization.")
        if layer.virtual_batch_size:
            raise ValueError("BatchNorm Bijector does not support virtual batch sizes.")

    def _get_broadcast_fn(self, x):
        if not x.shape.is_fully_defined():
            raise ValueError("Input must have shape known at graph construction.")
        input_shape = np.int32(x.shape.as_list())
        ndims = len(input_shape)
        reduction_axes = [i for i in range(ndims) if i not in self.batchnorm.axis]
        broadcast_shape = [1] * ndims
        broadcast_shape[self.batchnorm.axis[0]] = input_shape[self.batchnorm.axis[0]]

        def _broadcast(v):
            if (v is not None and len(v.get_shape()) != ndims and
                    reduction_axes != list(range(ndims - 1))):
                return array_ops.reshape(v, broadcast_shape)
            return v
        return _broadcast

    def _normalize(self, y):
        return self.batchnorm.apply(y, training=self._training)

    def _de_normalize(self, x):
        if not self.batchnorm.built:
            self.batchnorm.build(x.get_shape())
        broadcast_fn = self._get_broadcast_fn(x)
        mean = broadcast_fn(self.batchnorm.moving_mean)
        variance = broadcast_fn(self.batchnorm.moving_variance)
        beta = broadcast_fn(self.batchnorm.beta) if self.batchnorm.center else None
        gamma = broadcast_fn(self.batchnorm.gamma) if self.batchnorm.scale else None
        return _undo_batch_normalization(x, mean, variance, beta, gamma,
                                         self.batchnorm.epsilon)

    def _forward(self, x):
        return self._de_normalize(x)

    def _inverse(self, y):
        return self._normalize(y)

    def _forward_log_det_jacobian(self, x):
        return -self._inverse_log_det_jacobian(x, use_saved_statistics=True)

    def _inverse_log_det_jacobian(self, y, use_saved_statistics=False):
        if not y.shape.is_fully_defined():
            raise ValueError("Input must have shape known at graph construction.")
        input_shape = np.int32(y.shape.as_list())
        if not self.batchnorm.built:
            self.batchnorm.build(input_shape)
        event_dims = self.batchnorm.axis
        reduction_axes = [i for i in range(len(input_shape)) if i not in event_dims]
        if use_saved_statistics or not self._training:
            log_variance = math_ops.log(self.batchnorm.moving_variance +
                                        self.batchnorm.epsilon)
        else:
            _, v = nn_ops.moments(y, axes=reduction_axes, keepdims=True)
            log_variance = math_ops.log(v + self.batchnorm.epsilon)
        log_total_gamma = math_ops.reduce_sum(math_ops.log(self.batchnorm.gamma))
        log_total_variance = math_ops.reduce_sum(log_variance)
        return log_total_gamma - 0.5 * log_total_variance
