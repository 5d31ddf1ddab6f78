"""tf.layers pooling (TF 1.14 layers/pooling.py): classes and functions."""
from ..keras import layers as keras_layers
from . import base

__all__ = ["AveragePooling1D", "MaxPooling1D", "AveragePooling2D", "MaxPooling2D",
           "AveragePooling3D", "MaxPooling3D", "average_pooling1d", "max_pooling1d",
           "average_pooling2d", "max_pooling2d", "average_pooling3d", "max_pooling3d"]


def _pool_class(keras_cls):
    class Pool(keras_cls, base.Layer):
        def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                     name=None, **kwargs):
            if strides is None:
                raise ValueError("Argument `strides` must not be None.")
            keras_cls.__init__(self, pool_size=pool_size, strides=strides, padding=padding,
                               data_format=data_format, name=name, **kwargs)
    Pool.__name__ = Pool.__qualname__ = keras_cls.__name__
    Pool.__doc__ = keras_cls.__doc__
    return Pool


AveragePooling1D = _pool_class(keras_layers.AveragePooling1D)
MaxPooling1D = _pool_class(keras_layers.MaxPooling1D)
AveragePooling2D = _pool_class(keras_layers.AveragePooling2D)
MaxPooling2D = _pool_class(keras_layers.MaxPooling2D)
AveragePooling3D = _pool_class(keras_layers.AveragePooling3D)
MaxPooling3D = _pool_class(keras_layers.MaxPooling3D)


def average_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                      name=None):
    """Average pooling over [batch, steps, channels]."""
    return AveragePooling1D(pool_size=pool_size, strides=strides, padding=padding,
                            data_format=data_format, name=name).apply(inputs)


def max_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
    """Max pooling over [batch, steps, channels]."""
    return MaxPooling1D(pool_size=pool_size, strides=strides, padding=padding,
                        data_format=data_format, name=name).apply(inputs)


def average_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                      name=None):
    """Average pooling over images."""
    return AveragePooling2D(pool_size=pool_size, strides=strides, padding=padding,
                            data_format=data_format, name=name).apply(inputs)


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
    """Max pooling over images (op `max_pooling2d/MaxPool`)."""
    return MaxPooling2D(pool_size=pool_size, strides=strides, padding=padding,
                        data_format=data_format, name=name).apply(inputs)


def average_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                      name=None):
    """Average pooling over volumes."""
    return AveragePooling3D(pool_size=pool_size, strides=strides, padding=padding,
                            data_format=data_format, name=name).apply(inputs)


def max_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
    """Max pooling over volumes."""
    return MaxPooling3D(pool_size=pool_size, strides=strides, padding=padding,
                        data_format=data_format, name=name).apply(inputs)


AvgPool2D, MaxPool2D = AveragePooling2D, MaxPooling2D
max_pool2d, avg_pool2d = max_pooling2d, average_pooling2d
