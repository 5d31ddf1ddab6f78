"""Keras activation layers: LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax, ReLU
(TF 1.14 keras/layers/advanced_activations.py)."""
from ...engine.framework.tensor_shape import TensorShape
from ...ops import math_ops
from .. import backend as K
from ..engine import base_layer_utils as blu
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec
from ._config import _merge_config

__all__ = ["LeakyReLU", "PReLU", "ELU", "ThresholdedReLU", "Softmax", "ReLU"]


class _ElementwiseLayer(Layer):
    def compute_output_shape(self, input_shape):
        return input_shape


class LeakyReLU(_ElementwiseLayer):
    """max(x, alpha * x) (alpha defaults to 0.3)."""

    def __init__(self, alpha=0.3, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha = K.cast_to_floatx(alpha)

    def call(self, inputs):
        return K.relu(inputs, alpha=self.alpha)

    def get_config(self):
        return _merge_config(super().get_config(), {"alpha": float(self.alpha)})


class PReLU(_ElementwiseLayer):
    """Leaky ReLU whose slope `alpha` is a learned weight (one per element of an example,
    shared along `shared_axes`)."""

    def __init__(self, alpha_initializer="zeros", alpha_regularizer=None,
                 alpha_constraint=None, shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = blu.get_initializer(alpha_initializer)
        self.alpha_regularizer = blu.get_regularizer(alpha_regularizer)
        self.alpha_constraint = blu.get_constraint(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        elif not isinstance(shared_axes, (list, tuple)):
            self.shared_axes = [shared_axes]
        else:
            self.shared_axes = list(shared_axes)

    def build(self, input_shape):
        input_shape = tuple(TensorShape(input_shape).as_list())
        param_shape = list(input_shape[1:])
        if self.shared_axes is not None:
            for i in self.shared_axes:
                param_shape[i - 1] = 1
        self.alpha = self.add_weight(shape=param_shape, name="alpha",
                                     initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer,
                                     constraint=self.alpha_constraint)
        axes = {}
        if self.shared_axes:
            for i in range(1, len(input_shape)):
                if i not in self.shared_axes:
                    axes[i] = input_shape[i]
        self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)
        self.built = True

    def call(self, inputs):
        pos = K.relu(inputs)
        neg = -self.alpha * K.relu(-inputs)
        return pos + neg

    def get_config(self):
        return _merge_config(super().get_config(), {
            "alpha_initializer": self.alpha_initializer,
            "alpha_regularizer": self.alpha_regularizer,
            "alpha_constraint": self.alpha_constraint, "shared_axes": self.shared_axes})


class ELU(_ElementwiseLayer):
    """x for x > 0, alpha * (exp(x) - 1) otherwise."""

    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha = K.cast_to_floatx(alpha)

    def call(self, inputs):
        return K.elu(inputs, self.alpha)

    def get_config(self):
        return _merge_config(super().get_config(), {"alpha": float(self.alpha)})


class ThresholdedReLU(_ElementwiseLayer):
    """x where x > theta, 0 elsewhere."""

    def __init__(self, theta=1.0, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.theta = K.cast_to_floatx(theta)

    def call(self, inputs):
        return inputs * math_ops.cast(math_ops.greater(inputs, self.theta), K.floatx())

    def get_config(self):
        return _merge_config(super().get_config(), {"theta": float(self.theta)})


class Softmax(_ElementwiseLayer):
    """nn.softmax over `axis`."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.axis = axis

    def call(self, inputs):
        return K.softmax(inputs, axis=self.axis)

    def get_config(self):
        return _merge_config(super().get_config(), {"axis": self.axis})


class ReLU(_ElementwiseLayer):
    """min(max(x, threshold) ..., max_value), with slope negative_slope below threshold."""

    def __init__(self, max_value=None, negative_slope=0, threshold=0, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0.:
            raise ValueError("max_value of Relu layer cannot be negative value: "
                             + str(max_value))
        if negative_slope < 0.:
            raise ValueError("negative_slope of Relu layer cannot be negative value: "
                             + str(negative_slope))
        self.support_masking = True  # (sic) TF 1.14 misspells it, so ReLU rejects masks
        if max_value is not None:
            max_value = K.cast_to_floatx(max_value)
        self.max_value = max_value
        self.negative_slope = K.cast_to_floatx(negative_slope)
        self.threshold = K.cast_to_floatx(threshold)

    def call(self, inputs):
        return K.relu(inputs, alpha=self.negative_slope, max_value=self.max_value,
                      threshold=self.threshold)

    def get_config(self):
        return _merge_config(super().get_config(), {
            "max_value": self.max_value, "negative_slope": self.negative_slope,
            "threshold": self.threshold})
