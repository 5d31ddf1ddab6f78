"""Keras BatchNormalization (TF 1.14 keras/layers/normalization.py, the V1 behaviour).

Training normalizes with the batch's moments and updates the moving statistics
(`moving -= (moving - batch) * (1 - momentum)`, ops kept in `layer.updates`; tf.layers
also puts them in UPDATE_OPS); inference uses the moving statistics. 4-D inputs
normalized over axis 1 or 3 use the FusedBatchNorm op, as TF chooses.
"""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import colocate_with, name_scope
from ...engine.framework.tensor_shape import TensorShape, dimension_value
from ...ops import array_ops, math_ops, state_ops
from ... import nn
from .. import backend
from ..engine import base_layer_utils as blu
from ..engine.base_layer import Layer
from ..engine.base_layer_utils import VariableAggregation, VariableSynchronization
from ..engine.input_spec import InputSpec
from ..utils import constant_value, smart_cond
from .core import _merge_config

__all__ = ["BatchNormalization", "LayerNormalization"]


class BatchNormalization(Layer):
    """Normalizes the inputs over all axes but `axis`, then scales by gamma and shifts by
    beta.

    Args:
      axis: the features axis (or list of axes), -1 by default.
      momentum: of the moving averages.
      epsilon: added to the variance.
      center, scale: whether to learn beta / gamma.
      renorm, virtual_batch_size, adjustment: not implemented (NotImplementedError).
      fused: None or True picks FusedBatchNorm for 4-D inputs over axis 1 or 3.
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, fused=None, trainable=True, virtual_batch_size=None,
                 adjustment=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        if isinstance(axis, list):
            self.axis = axis[:]
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError("axis must be int or list, type given: %s" % type(axis))
        for arg, value, default in (("renorm", renorm, False),
                                    ("virtual_batch_size", virtual_batch_size, None),
                                    ("adjustment", adjustment, None)):
            if value != default:
                raise NotImplementedError("flowgrad's BatchNormalization does not implement "
                                          "the argument %s" % arg)
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = blu.get_initializer(beta_initializer)
        self.gamma_initializer = blu.get_initializer(gamma_initializer)
        self.moving_mean_initializer = blu.get_initializer(moving_mean_initializer)
        self.moving_variance_initializer = blu.get_initializer(moving_variance_initializer)
        self.beta_regularizer = blu.get_regularizer(beta_regularizer)
        self.gamma_regularizer = blu.get_regularizer(gamma_regularizer)
        self.beta_constraint = blu.get_constraint(beta_constraint)
        self.gamma_constraint = blu.get_constraint(gamma_constraint)
        self.renorm = renorm
        self.virtual_batch_size = virtual_batch_size
        self.adjustment = adjustment
        if fused is None:
            fused = True
        self.supports_masking = True
        self.fused = fused
        self._bessels_correction_test_only = True
        self.trainable = trainable

    def _fused_can_be_used(self):
        axis = [self.axis] if isinstance(self.axis, int) else self.axis
        return len(axis) == 1 and axis[0] in (-3, -1, 1, 3)

    @property
    def _param_dtype(self):
        if self.dtype in ("float16", "bfloat16"):
            return _dt.float32
        return self.dtype or _dt.float32

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        if not input_shape.ndims:
            raise ValueError("Input has undefined rank:", input_shape)
        ndims = input_shape.ndims
        if isinstance(self.axis, int):
            self.axis = [self.axis]
        self.axis = [x + ndims if x < 0 else x for x in self.axis]
        for x in self.axis:
            if x < 0 or x >= ndims:
                raise ValueError("Invalid axis: %d" % x)
        if len(self.axis) != len(set(self.axis)):
            raise ValueError("Duplicate axis: %s" % self.axis)
        if self.fused in (None, True):
            self.fused = ndims == 4 and self._fused_can_be_used()
        if self.fused:
            if self.axis == [1]:
                self._data_format = "NCHW"
            elif self.axis == [3]:
                self._data_format = "NHWC"
            else:
                raise ValueError("Unsupported axis, fused batch norm only supports axis == [1] "
                                 "or axis == [3]")
        axis_to_dim = {x: dimension_value(input_shape[x]) for x in self.axis}
        for x in axis_to_dim:
            if axis_to_dim[x] is None:
                raise ValueError("Input has undefined `axis` dimension. Input shape: ",
                                 input_shape)
        self.input_spec = InputSpec(ndim=ndims, axes=axis_to_dim)
        if len(axis_to_dim) == 1:
            param_shape = (list(axis_to_dim.values())[0],)
        else:
            param_shape = [axis_to_dim[i] if i in axis_to_dim else 1 for i in range(ndims)]
        if self.scale:
            self.gamma = self.add_weight(name="gamma", shape=param_shape,
                                         dtype=self._param_dtype,
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint, trainable=True,
                                         experimental_autocast=False)
        else:
            self.gamma = None
            if self.fused:
                self._gamma_const = constant(1.0, dtype=self._param_dtype, shape=param_shape)
        if self.center:
            self.beta = self.add_weight(name="beta", shape=param_shape,
                                        dtype=self._param_dtype,
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint, trainable=True,
                                        experimental_autocast=False)
        else:
            self.beta = None
            if self.fused:
                self._beta_const = constant(0.0, dtype=self._param_dtype, shape=param_shape)
        scope = getattr(self, "_scope", None)
        partitioner = scope.partitioner if scope else None
        if partitioner:
            scope.set_partitioner(None)
        try:
            self.moving_mean = self.add_weight(
                name="moving_mean", shape=param_shape, dtype=self._param_dtype,
                initializer=self.moving_mean_initializer,
                synchronization=VariableSynchronization.ON_READ, trainable=False,
                aggregation=VariableAggregation.MEAN, experimental_autocast=False)
            self.moving_variance = self.add_weight(
                name="moving_variance", shape=param_shape, dtype=self._param_dtype,
                initializer=self.moving_variance_initializer,
                synchronization=VariableSynchronization.ON_READ, trainable=False,
                aggregation=VariableAggregation.MEAN, experimental_autocast=False)
        finally:
            if partitioner:
                scope.set_partitioner(partitioner)
        self.built = True

    def _assign_moving_average(self, variable, value, momentum):
        with name_scope("AssignMovingAvg") as scope:
            with colocate_with(variable.op if hasattr(variable, "op") else variable):
                decay = convert_to_tensor(1.0 - momentum, name="decay")
                if decay.dtype != variable.dtype.base_dtype:
                    decay = math_ops.cast(decay, variable.dtype.base_dtype)
                update_delta = (variable - math_ops.cast(value, variable.dtype)) * decay
                return state_ops.assign_sub(variable, update_delta, name=scope)

    def _fused_batch_norm(self, inputs, training):
        beta = self.beta if self.center else self._beta_const
        gamma = self.gamma if self.scale else self._gamma_const

        def _training():
            return nn.fused_batch_norm(inputs, gamma, beta, epsilon=self.epsilon,
                                       data_format=self._data_format)

        def _inference():
            return nn.fused_batch_norm(inputs, gamma, beta, mean=self.moving_mean,
                                       variance=self.moving_variance, epsilon=self.epsilon,
                                       is_training=False, data_format=self._data_format)

        output, mean, variance = smart_cond(training, _training, _inference)
        training_value = constant_value(training)
        if training_value is None:
            momentum = smart_cond(training, lambda: self.momentum, lambda: 1.0)
        else:
            momentum = convert_to_tensor(self.momentum)
        if training_value or training_value is None:
            self.add_update(lambda: self._assign_moving_average(self.moving_mean, mean,
                                                                momentum), inputs=True)
            self.add_update(lambda: self._assign_moving_average(self.moving_variance, variance,
                                                                momentum), inputs=True)
        return output

    def _get_training_value(self, training=None):
        if training is None:
            training = backend.learning_phase()
        return training

    def call(self, inputs, training=None):
        training = self._get_training_value(training)
        if self.fused:
            return self._fused_batch_norm(inputs, training=training)
        input_shape = inputs.shape
        ndims = input_shape.ndims
        reduction_axes = [i for i in range(ndims) if i not in self.axis]
        broadcast_shape = [1] * ndims
        broadcast_shape[self.axis[0]] = dimension_value(input_shape[self.axis[0]])

        def _broadcast(v):
            if (v is not None and v.shape.ndims != ndims
                    and reduction_axes != list(range(ndims - 1))):
                return array_ops.reshape(v, broadcast_shape)
            return v

        scale, offset = _broadcast(self.gamma), _broadcast(self.beta)
        training_value = constant_value(training)
        if training_value is not False:
            keep_dims = len(self.axis) > 1
            mean, variance = nn.moments(math_ops.cast(inputs, self._param_dtype),
                                        reduction_axes, keep_dims=keep_dims)
            moving_mean, moving_variance = self.moving_mean, self.moving_variance
            mean = smart_cond(training, lambda: mean,
                              lambda: convert_to_tensor(moving_mean))
            variance = smart_cond(training, lambda: variance,
                                  lambda: convert_to_tensor(moving_variance))
            new_mean, new_variance = mean, variance

            def _do_update(var, value):
                return self._assign_moving_average(var, value, self.momentum)

            def mean_update():
                return smart_cond(training, lambda: _do_update(self.moving_mean, new_mean),
                                  lambda: self.moving_mean)

            def variance_update():
                return smart_cond(training,
                                  lambda: _do_update(self.moving_variance, new_variance),
                                  lambda: self.moving_variance)
            self.add_update(mean_update, inputs=True)
            self.add_update(variance_update, inputs=True)
        else:
            mean, variance = self.moving_mean, self.moving_variance
        mean = math_ops.cast(mean, inputs.dtype)
        variance = math_ops.cast(variance, inputs.dtype)
        if offset is not None:
            offset = math_ops.cast(offset, inputs.dtype)
        if scale is not None:
            scale = math_ops.cast(scale, inputs.dtype)
        outputs = nn.batch_normalization(inputs, _broadcast(mean), _broadcast(variance),
                                         offset, scale, self.epsilon)
        outputs.set_shape(input_shape)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return _merge_config(super().get_config(), {
            "axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon,
            "center": self.center, "scale": self.scale,
            "beta_initializer": self.beta_initializer,
            "gamma_initializer": self.gamma_initializer,
            "moving_mean_initializer": self.moving_mean_initializer,
            "moving_variance_initializer": self.moving_variance_initializer,
            "beta_regularizer": self.beta_regularizer,
            "gamma_regularizer": self.gamma_regularizer,
            "beta_constraint": self.beta_constraint, "gamma_constraint": self.gamma_constraint})


class LayerNormalization(Layer):
    """Normalizes each example over `axis` (default the last): (x - mean) / sqrt(var +
    epsilon) * gamma + beta, with gamma and beta shaped like the normalized dims."""

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(name=name, trainable=trainable, **kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = axis[:]   # a tuple stays one (TF 1.14: a negative entry then fails)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise ValueError("Expected an int or a list/tuple of ints for the argument "
                             "'axis', but received instead: %s" % axis)
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = blu.get_initializer(beta_initializer)
        self.gamma_initializer = blu.get_initializer(gamma_initializer)
        self.beta_regularizer = blu.get_regularizer(beta_regularizer)
        self.gamma_regularizer = blu.get_regularizer(gamma_regularizer)
        self.beta_constraint = blu.get_constraint(beta_constraint)
        self.gamma_constraint = blu.get_constraint(gamma_constraint)
        self.supports_masking = True

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        if input_shape.ndims is None:
            raise ValueError("Input shape %s has undefined rank." % input_shape)
        ndims = input_shape.ndims
        if isinstance(self.axis, int):
            self.axis = [self.axis]
        for idx, x in enumerate(self.axis):
            if x < 0:
                self.axis[idx] = ndims + x
        for x in self.axis:
            if x < 0 or x >= ndims:
                raise ValueError("Invalid axis: %d" % x)
        if len(self.axis) != len(set(self.axis)):
            raise ValueError("Duplicate axis: {}".format(tuple(self.axis)))
        param_shape = [input_shape.as_list()[dim] for dim in self.axis]
        self.gamma = self.add_weight(
            name="gamma", shape=param_shape, initializer=self.gamma_initializer,
            regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
            trainable=True, experimental_autocast=False) if self.scale else None
        self.beta = self.add_weight(
            name="beta", shape=param_shape, initializer=self.beta_initializer,
            regularizer=self.beta_regularizer, constraint=self.beta_constraint,
            trainable=True, experimental_autocast=False) if self.center else None

    def call(self, inputs):
        input_shape = inputs.shape
        ndims = input_shape.ndims
        mean, variance = nn.moments(inputs, self.axis, keep_dims=True)
        broadcast_shape = [1] * ndims
        for dim in self.axis:
            broadcast_shape[dim] = input_shape.as_list()[dim]

        def _broadcast(v):
            if v is not None and len(v.shape) != ndims and self.axis != [ndims - 1]:
                return array_ops.reshape(v, broadcast_shape)
            return v
        scale, offset = _broadcast(self.gamma), _broadcast(self.beta)
        outputs = nn.batch_normalization(inputs, mean, variance, offset=offset, scale=scale,
                                         variance_epsilon=self.epsilon)
        outputs.set_shape(input_shape)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return _merge_config(super().get_config(), {
            "axis": self.axis, "epsilon": self.epsilon, "center": self.center,
            "scale": self.scale, "beta_initializer": self.beta_initializer,
            "gamma_initializer": self.gamma_initializer,
            "beta_regularizer": self.beta_regularizer,
            "gamma_regularizer": self.gamma_regularizer,
            "beta_constraint": self.beta_constraint, "gamma_constraint": self.gamma_constraint})
