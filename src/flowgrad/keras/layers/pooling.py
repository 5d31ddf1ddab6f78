"""Keras pooling layers (TF 1.14 keras/layers/pooling.py): Max/AveragePooling1D/2D/3D and
GlobalMax/GlobalAveragePooling1D/2D."""

from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, math_ops
from ... import nn
from .. import backend
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec
from ..utils import (conv_output_length, convert_data_format, normalize_data_format,
                     normalize_padding, normalize_tuple)
from ._config import _merge_config

__all__ = ["MaxPooling1D", "AveragePooling1D", "MaxPooling2D", "AveragePooling2D",
           "MaxPooling3D", "AveragePooling3D", "GlobalMaxPooling1D", "GlobalAveragePooling1D",
           "GlobalMaxPooling2D", "GlobalAveragePooling2D", "MaxPool1D", "MaxPool2D", "MaxPool3D",
           "AvgPool1D", "AvgPool2D", "AvgPool3D", "GlobalMaxPool1D", "GlobalAvgPool1D",
           "GlobalMaxPool2D", "GlobalAvgPool2D", "GlobalMaxPooling3D",
           "GlobalAveragePooling3D", "GlobalMaxPool3D", "GlobalAvgPool3D"]


def _pool2d_nhwc(x, pool_size, strides, padding, data_format, pool_mode):
    """keras.backend.pool2d on CPU: channels_first is transposed to NHWC and back (after
    the ops of TF's GPU query, backend._initialize_variables_ops)."""
    if data_format == "channels_first":
        backend._initialize_variables_ops()
        x = array_ops.transpose(x, (0, 2, 3, 1))
    fn = nn.max_pool if pool_mode == "max" else nn.avg_pool
    x = fn(x, (1,) + tuple(pool_size) + (1,), (1,) + tuple(strides) + (1,),
           padding=padding.upper())
    if data_format == "channels_first":
        x = array_ops.transpose(x, (0, 3, 1, 2))
    return x


class _Pooling(Layer):
    rank = 2

    def __init__(self, pool_function, pool_size, strides, padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        if strides is None:
            strides = pool_size
        self.pool_function = pool_function
        self.pool_size = normalize_tuple(pool_size, self.rank, "pool_size")
        self.strides = normalize_tuple(strides, self.rank, "strides")
        self.padding = normalize_padding(padding)
        self.data_format = normalize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        first = self.data_format == "channels_first"
        space = input_shape[2:] if first else input_shape[1:-1]
        new = [conv_output_length(space[i], self.pool_size[i], self.padding, self.strides[i])
               for i in range(self.rank)]
        if first:
            return TensorShape([input_shape[0], input_shape[1]] + new)
        return TensorShape([input_shape[0]] + new + [input_shape[-1]])

    def get_config(self):
        return _merge_config(super().get_config(), {
            "pool_size": self.pool_size, "padding": self.padding, "strides": self.strides,
            "data_format": self.data_format})


class Pooling1D(_Pooling):
    rank = 1

    def get_config(self):   # TF 1.14's Pooling1D lists strides first
        config = {"strides": self.strides, "pool_size": self.pool_size,
                  "padding": self.padding, "data_format": self.data_format}
        return _merge_config(Layer.get_config(self), config)

    def call(self, inputs):
        pad_axis = 2 if self.data_format == "channels_last" else 3
        inputs = array_ops.expand_dims(inputs, pad_axis)
        outputs = self.pool_function(inputs, self.pool_size + (1,), strides=self.strides + (1,),
                                     padding=self.padding, data_format=self.data_format)
        return array_ops.squeeze(outputs, pad_axis)


class Pooling2D(_Pooling):
    rank = 2

    def call(self, inputs):
        if self.data_format == "channels_last":
            pool_shape = (1,) + self.pool_size + (1,)
            strides = (1,) + self.strides + (1,)
        else:
            pool_shape = (1, 1) + self.pool_size
            strides = (1, 1) + self.strides
        return self.pool_function(inputs, ksize=pool_shape, strides=strides,
                                  padding=self.padding.upper(),
                                  data_format=convert_data_format(self.data_format, 4))


class Pooling3D(_Pooling):
    rank = 3

    def call(self, inputs):
        pool_shape = (1,) + self.pool_size + (1,)
        strides = (1,) + self.strides + (1,)
        if self.data_format == "channels_first":
            inputs = array_ops.transpose(inputs, (0, 2, 3, 4, 1))
        outputs = self.pool_function(inputs, ksize=pool_shape, strides=strides,
                                     padding=self.padding.upper())
        if self.data_format == "channels_first":
            outputs = array_ops.transpose(outputs, (0, 4, 1, 2, 3))
        return outputs


def _pool1d_fn(mode):
    def fn(x, pool_size, strides, padding, data_format):
        return _pool2d_nhwc(x, pool_size, strides, padding, data_format, mode)
    return fn


class MaxPooling1D(Pooling1D):
    """Max pooling over the steps of [batch, steps, features]."""

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format="channels_last",
                 **kwargs):
        super().__init__(_pool1d_fn("max"), pool_size=pool_size, strides=strides,
                         padding=padding, data_format=data_format, **kwargs)


class AveragePooling1D(Pooling1D):
    """Average pooling over the steps of [batch, steps, features]."""

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format="channels_last",
                 **kwargs):
        super().__init__(_pool1d_fn("avg"), pool_size=pool_size, strides=strides,
                         padding=padding, data_format=data_format, **kwargs)


class MaxPooling2D(Pooling2D):
    """Max pooling over images."""

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(nn.max_pool, pool_size=pool_size, strides=strides, padding=padding,
                         data_format=data_format, **kwargs)


class AveragePooling2D(Pooling2D):
    """Average pooling over images."""

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(nn.avg_pool, pool_size=pool_size, strides=strides, padding=padding,
                         data_format=data_format, **kwargs)


class MaxPooling3D(Pooling3D):
    """Max pooling over volumes."""

    def __init__(self, pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(nn.max_pool3d, pool_size=pool_size, strides=strides, padding=padding,
                         data_format=data_format, **kwargs)


class AveragePooling3D(Pooling3D):
    """Average pooling over volumes."""

    def __init__(self, pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(nn.avg_pool3d, pool_size=pool_size, strides=strides, padding=padding,
                         data_format=data_format, **kwargs)


class _GlobalPooling(Layer):
    rank = 2

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _axes(self):
        if self.data_format == "channels_last":
            return list(range(1, self.rank + 1))
        return list(range(2, self.rank + 2))

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        if self.data_format == "channels_last":
            return TensorShape([input_shape[0], input_shape[-1]])
        return TensorShape([input_shape[0], input_shape[1]])

    def get_config(self):
        return _merge_config(super().get_config(), {"data_format": self.data_format})


class GlobalAveragePooling1D(_GlobalPooling):
    """The mean over steps: [batch, steps, features] -> [batch, features]."""
    rank = 1

    def __init__(self, data_format="channels_last", **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        steps_axis = 1 if self.data_format == "channels_last" else 2
        if mask is not None:
            mask = math_ops.cast(mask, inputs.dtype)
            mask = array_ops.reshape(mask, [-1, inputs.shape.as_list()[steps_axis], 1])
            inputs *= mask
            return (math_ops.reduce_sum(inputs, axis=steps_axis)
                    / math_ops.reduce_sum(mask, axis=steps_axis))
        return math_ops.reduce_mean(inputs, axis=steps_axis)

    def compute_mask(self, inputs, mask=None):
        return None


class GlobalMaxPooling1D(_GlobalPooling):
    """The max over steps."""
    rank = 1

    def __init__(self, data_format="channels_last", **kwargs):
        super().__init__(data_format=data_format, **kwargs)

    def call(self, inputs):
        return math_ops.reduce_max(inputs, axis=1 if self.data_format == "channels_last" else 2)


class GlobalAveragePooling2D(_GlobalPooling):
    """The mean over rows and columns."""

    def call(self, inputs):
        return math_ops.reduce_mean(inputs, axis=self._axes())


class GlobalMaxPooling2D(_GlobalPooling):
    """The max over rows and columns."""

    def call(self, inputs):
        return math_ops.reduce_max(inputs, axis=self._axes())


class GlobalAveragePooling3D(_GlobalPooling):
    """The mean over the three spatial axes."""
    rank = 3

    def call(self, inputs):
        return math_ops.reduce_mean(inputs, axis=self._axes())


class GlobalMaxPooling3D(_GlobalPooling):
    """The max over the three spatial axes."""
    rank = 3

    def call(self, inputs):
        return math_ops.reduce_max(inputs, axis=self._axes())


MaxPool1D, AvgPool1D = MaxPooling1D, AveragePooling1D
MaxPool2D, AvgPool2D = MaxPooling2D, AveragePooling2D
MaxPool3D, AvgPool3D = MaxPooling3D, AveragePooling3D
GlobalMaxPool1D, GlobalAvgPool1D = GlobalMaxPooling1D, GlobalAveragePooling1D
GlobalMaxPool2D, GlobalAvgPool2D = GlobalMaxPooling2D, GlobalAveragePooling2D
GlobalMaxPool3D, GlobalAvgPool3D = GlobalMaxPooling3D, GlobalAveragePooling3D
