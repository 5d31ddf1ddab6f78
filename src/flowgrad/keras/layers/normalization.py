"""Keras BatchNormalization (TF 1.14 keras/layers/normalization.py, the V1 behaviour).

Training normalizes with the batch's moments and updates the moving statistics
(`moving -= (moving - batch) * (1 - momentum)`, ops kept in `layer.updates`; tf.layers
also puts them in UPDATE_OPS); inference uses the moving statistics. 4-D inputs
normalized over axis 1 or 3 use the FusedBatchNorm op, as TF chooses. Batch
renormalization (renorm: r and d corrections from the renorm moving mean and stddev and
their weights, clipped by renorm_clipping), ghost batches (virtual_batch_size: the batch
reshaped to [virtual_batch_size, -1, ...], the moving statistics updated with the mean of
the ghost batches' moments) and `adjustment` build TF 1.14's ops and never fuse.
"""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import colocate_with, control_dependencies, name_scope
from ...engine.framework.tensor_shape import TensorShape, dimension_value
from ...ops import array_ops, math_ops, state_ops
from ... import nn
from .. import backend
from ..engine import base_layer_utils as blu
from ..engine.base_layer import Layer
from ..engine.base_layer_utils import VariableAggregation, VariableSynchronization
from ..engine.input_spec import InputSpec
from ..utils import constant_value, smart_cond
from ._config import _merge_config

__all__ = ["BatchNormalization", "LayerNormalization"]


class BatchNormalization(Layer):
    """Normalizes the inputs over all axes but `axis`, then scales by gamma and shifts by
    beta.

    Args:
      axis: the features axis (or list of axes), -1 by default.
      momentum: of the moving averages.
      epsilon: added to the variance.
      center, scale: whether to learn beta / gamma.
      renorm, renorm_clipping, renorm_momentum: batch renormalization (TF's).
      virtual_batch_size: ghost batch normalization over sub-batches of this size.
      adjustment: a function of the input's shape giving (scale, bias) applied in training.
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
        if renorm:
            renorm_clipping = renorm_clipping or {}
            keys = ["rmax", "rmin", "dmax"]
            if set(renorm_clipping) - set(keys):
                raise ValueError("renorm_clipping %s contains keys not in %s"
                                 % (renorm_clipping, keys))
            self.renorm_clipping = renorm_clipping
            self.renorm_momentum = renorm_momentum

    def _fused_can_be_used(self):
        if self.renorm or self.virtual_batch_size is not None or self.adjustment is not None:
            return False
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
        if self.virtual_batch_size is not None:
            if self.virtual_batch_size <= 0:
                raise ValueError("virtual_batch_size must be a positive integer that divides "
                                 "the true batch size of the input Tensor")
            if 0 in self.axis:
                raise ValueError("When using virtual_batch_size, the batch dimension must be "
                                 "0 and thus axis cannot include 0")
            if self.adjustment is not None:
                raise ValueError("When using virtual_batch_size, adjustment cannot be "
                                 "specified")
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
        if len(axis_to_dim) == 1 and self.virtual_batch_size is None:
            param_shape = (list(axis_to_dim.values())[0],)
        else:
            param_shape = [axis_to_dim[i] if i in axis_to_dim else 1 for i in range(ndims)]
            if self.virtual_batch_size is not None:   # the ghost batches' extra dimension
                param_shape.insert(1, 1)
                for i, x in enumerate(self.axis):
                    self.axis[i] = x + 1
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
            if self.renorm:
                # the renorm moving mean and stddev and their weights, zero-initialized
                # (their ratio is the unbiased average), colocated as TF's
                with colocate_with(self.moving_mean.op):
                    self.renorm_mean = self._renorm_variable("renorm_mean", param_shape)
                    self.renorm_mean_weight = self._renorm_variable("renorm_mean_weight", ())
                with colocate_with(self.moving_variance.op):
                    self.renorm_stddev = self._renorm_variable("renorm_stddev", param_shape)
                    self.renorm_stddev_weight = self._renorm_variable(
                        "renorm_stddev_weight", ())
        finally:
            if partitioner:
                scope.set_partitioner(partitioner)
        self.built = True

    def _renorm_variable(self, name, shape):
        return self.add_weight(name=name, shape=shape, dtype=self._param_dtype,
                               initializer=blu.get_initializer("zeros"),
                               synchronization=VariableSynchronization.ON_READ,
                               trainable=False, aggregation=VariableAggregation.MEAN,
                               experimental_autocast=False)

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

    def _renorm_correction_and_moments(self, mean, variance, training):
        """TF's batch renorm: the (r, d) corrections, and the updated renorm moving mean
        and the variance its stddev gives (the values the moving averages move to)."""
        stddev = math_ops.sqrt(variance + self.epsilon)
        mixed_renorm_mean = self.renorm_mean + (1. - self.renorm_mean_weight) * mean
        mixed_renorm_stddev = self.renorm_stddev + (1. - self.renorm_stddev_weight) * stddev
        r = stddev / mixed_renorm_stddev
        d = (mean - mixed_renorm_mean) / mixed_renorm_stddev
        with control_dependencies([r, d]):   # the corrections read the pre-update values
            mean = array_ops.identity(mean)
            stddev = array_ops.identity(stddev)
        rmin, rmax, dmax = [self.renorm_clipping.get(k) for k in ("rmin", "rmax", "dmax")]
        if rmin is not None:
            r = math_ops.maximum(r, rmin)
        if rmax is not None:
            r = math_ops.minimum(r, rmax)
        if dmax is not None:
            d = math_ops.maximum(d, -dmax)
            d = math_ops.minimum(d, dmax)
        r = smart_cond(training, lambda: r, lambda: array_ops.ones_like(r))
        d = smart_cond(training, lambda: d, lambda: array_ops.zeros_like(d))

        def _update_renorm_variable(var, weight, value):
            value = array_ops.identity(value)

            def _do_update():
                with control_dependencies([value]):
                    weight_value = constant(1., dtype=weight.dtype)
                new_var = self._assign_moving_average(var, value, self.renorm_momentum)
                new_weight = self._assign_moving_average(weight, weight_value,
                                                         self.renorm_momentum)
                return new_var / new_weight
            return smart_cond(training, _do_update, lambda: array_ops.identity(var))
        new_mean = _update_renorm_variable(self.renorm_mean, self.renorm_mean_weight, mean)
        new_stddev = _update_renorm_variable(self.renorm_stddev, self.renorm_stddev_weight,
                                             stddev)
        new_variance = math_ops.square(new_stddev) - self.epsilon
        return r, d, new_mean, new_variance

    def _get_training_value(self, training=None):
        if training is None:
            training = backend.learning_phase()
        return training

    def call(self, inputs, training=None):
        training = self._get_training_value(training)
        undo_virtual = None
        if self.virtual_batch_size is not None:   # ghost batches: [virtual, -1, ...]
            original_shape = [-1] + inputs.shape.as_list()[1:]
            inputs = array_ops.reshape(inputs, [self.virtual_batch_size, -1] +
                                       original_shape[1:])

            def undo_virtual(outputs):
                return array_ops.reshape(outputs, original_shape)
        if self.fused:
            return self._fused_batch_norm(inputs, training=training)
        input_shape = inputs.shape
        ndims = input_shape.ndims
        reduction_axes = [i for i in range(ndims) if i not in self.axis]
        if self.virtual_batch_size is not None:
            del reduction_axes[1]   # not along the ghost batches
        broadcast_shape = [1] * ndims
        broadcast_shape[self.axis[0]] = dimension_value(input_shape[self.axis[0]])

        def _broadcast(v):
            if (v is not None and v.shape.ndims != ndims
                    and reduction_axes != list(range(ndims - 1))):
                return array_ops.reshape(v, broadcast_shape)
            return v

        scale, offset = _broadcast(self.gamma), _broadcast(self.beta)

        def _compose_transforms(scale, offset, then_scale, then_offset):
            if then_scale is not None:
                scale *= then_scale
                offset *= then_scale
            if then_offset is not None:
                offset += then_offset
            return scale, offset
        training_value = constant_value(training)
        if training_value is not False:
            if self.adjustment:
                adj_scale, adj_bias = self.adjustment(array_ops.shape(inputs))
                adj_scale = smart_cond(training, lambda: adj_scale,
                                       lambda: array_ops.ones_like(adj_scale))
                adj_bias = smart_cond(training, lambda: adj_bias,
                                      lambda: array_ops.zeros_like(adj_bias))
                scale, offset = _compose_transforms(adj_scale, adj_bias, scale, offset)
            keep_dims = self.virtual_batch_size is not None or len(self.axis) > 1
            mean, variance = nn.moments(math_ops.cast(inputs, self._param_dtype),
                                        reduction_axes, keep_dims=keep_dims)
            moving_mean, moving_variance = self.moving_mean, self.moving_variance
            mean = smart_cond(training, lambda: mean,
                              lambda: convert_to_tensor(moving_mean))
            variance = smart_cond(training, lambda: variance,
                                  lambda: convert_to_tensor(moving_variance))
            if self.virtual_batch_size is not None:   # one update from the ghost batches
                new_mean = math_ops.reduce_mean(mean, axis=1, keepdims=True)
                new_variance = math_ops.reduce_mean(variance, axis=1, keepdims=True)
            else:
                new_mean, new_variance = mean, variance
            if self.renorm:
                r, d, new_mean, new_variance = self._renorm_correction_and_moments(
                    new_mean, new_variance, training)
                r = _broadcast(array_ops.stop_gradient(r, name="renorm_r"))
                d = _broadcast(array_ops.stop_gradient(d, name="renorm_d"))
                scale, offset = _compose_transforms(r, d, scale, offset)

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
        if undo_virtual is not None:
            outputs = undo_virtual(outputs)
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
