"""Keras noise layers: GaussianNoise, GaussianDropout, AlphaDropout
(TF 1.14 keras/layers/noise.py). All are the identity outside training."""
import numpy as np

from ...ops import array_ops, comparison_ops, math_ops
from .. import backend as K
from ..engine.base_layer import Layer

__all__ = ["GaussianNoise", "GaussianDropout", "AlphaDropout"]


class _NoiseLayer(Layer):
    def compute_output_shape(self, input_shape):
        return input_shape


class GaussianNoise(_NoiseLayer):
    """Adds N(0, stddev) noise while training."""

    def __init__(self, stddev, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.stddev = stddev

    def call(self, inputs, training=None):
        def noised():
            return inputs + K.random_normal(shape=array_ops.shape(inputs), mean=0.,
                                            stddev=self.stddev)
        return K.in_train_phase(noised, inputs, training=training)

    def get_config(self):
        return dict(list(super().get_config().items()) + [("stddev", self.stddev)])


class GaussianDropout(_NoiseLayer):
    """Multiplies by N(1, rate / (1 - rate)) noise while training."""

    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.rate = rate

    def call(self, inputs, training=None):
        if 0 < self.rate < 1:
            def noised():
                stddev = np.sqrt(self.rate / (1.0 - self.rate))
                return inputs * K.random_normal(shape=array_ops.shape(inputs), mean=1.0,
                                                stddev=stddev)
            return K.in_train_phase(noised, inputs, training=training)
        return inputs

    def get_config(self):
        return dict(list(super().get_config().items()) + [("rate", self.rate)])


class AlphaDropout(_NoiseLayer):
    """Dropout that keeps SELU's self-normalization (mean and variance) while training."""

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self.supports_masking = True

    def _get_noise_shape(self, inputs):
        return self.noise_shape if self.noise_shape else array_ops.shape(inputs)

    def call(self, inputs, training=None):
        if 0. < self.rate < 1.:
            noise_shape = self._get_noise_shape(inputs)

            def dropped_inputs(inputs=inputs, rate=self.rate, seed=self.seed):
                alpha = 1.6732632423543772848170429916717
                scale = 1.0507009873554804934193349852946
                alpha_p = -alpha * scale
                kept_idx = comparison_ops.greater_equal(K.random_uniform(noise_shape, seed=seed),
                                                  rate)
                kept_idx = math_ops.cast(kept_idx, K.floatx())
                a = ((1 - rate) * (1 + rate * alpha_p ** 2)) ** -0.5
                b = -a * alpha_p * rate
                x = inputs * kept_idx + alpha_p * (1 - kept_idx)
                return a * x + b
            return K.in_train_phase(dropped_inputs, inputs, training=training)
        return inputs

    def get_config(self):
        return dict(list(super().get_config().items()) + [("rate", self.rate)])
