"""tf.layers convolutions (TF 1.14 layers/convolutional.py): the Keras layers with
variables from get_variable, and their functional forms."""
from ..keras import layers as keras_layers
from ..ops import init_ops
from . import base

__all__ = ["Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D",
           "Conv2DTranspose", "Conv3DTranspose", "conv1d", "conv2d", "conv3d",
           "separable_conv1d", "separable_conv2d", "conv2d_transpose", "conv3d_transpose",
           "Convolution1D", "Convolution2D", "Convolution3D", "SeparableConvolution2D",
           "Convolution2DTranspose", "Convolution3DTranspose", "convolution1d",
           "convolution2d", "convolution3d", "separable_convolution2d",
           "convolution2d_transpose", "convolution3d_transpose"]

_ZEROS = init_ops.zeros_initializer()


def _conv_class(keras_cls, rank, doc):
    class Conv(keras_cls, base.Layer):
        def __init__(self, filters, kernel_size, strides=(1,) * rank, padding="valid",
                     data_format="channels_last", dilation_rate=(1,) * rank, activation=None,
                     use_bias=True, kernel_initializer=None, bias_initializer=_ZEROS,
                     kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                     **kwargs):
            keras_cls.__init__(
                self, filters=filters, kernel_size=kernel_size, strides=strides,
                padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                trainable=trainable, name=name, **kwargs)
    Conv.__name__ = Conv.__qualname__ = keras_cls.__name__
    Conv.__doc__ = doc
    return Conv


Conv1D = _conv_class(keras_layers.Conv1D, 1, "1-D convolution layer (kernel, bias variables).")
Conv2D = _conv_class(keras_layers.Conv2D, 2, "2-D convolution layer (kernel, bias variables).")
Conv3D = _conv_class(keras_layers.Conv3D, 3, "3-D convolution layer (kernel, bias variables).")
Conv1D.__init__.__defaults__ = (1, "valid", "channels_last", 1, None, True, None, _ZEROS, None,
                                None, None, None, None, True, None)


def _conv_fn(cls, inputs, filters, kernel_size, strides, padding, data_format, dilation_rate,
             activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
             bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint,
             trainable, name, reuse):
    layer = cls(filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                use_bias=use_bias, kernel_initializer=kernel_initializer,
                bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                trainable=trainable, name=name, _reuse=reuse, _scope=name)
    return layer.apply(inputs)


def conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
           dilation_rate=1, activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=_ZEROS, kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
           trainable=True, name=None, reuse=None):
    """1-D convolution over [batch, steps, channels] with variables in scope `name`."""
    return _conv_fn(Conv1D, inputs, filters, kernel_size, strides, padding, data_format,
                    dilation_rate, activation, use_bias, kernel_initializer, bias_initializer,
                    kernel_regularizer, bias_regularizer, activity_regularizer,
                    kernel_constraint, bias_constraint, trainable, name, reuse)


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1), activation=None, use_bias=True,
           kernel_initializer=None, bias_initializer=_ZEROS, kernel_regularizer=None,
           bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
           bias_constraint=None, trainable=True, name=None, reuse=None):
    """2-D convolution with variables `<name>/kernel`, `<name>/bias` (default conv2d, ...).

    >>> x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    >>> tf.layers.conv2d(x, 4, 3, padding="same").shape.as_list()
    [None, 8, 8, 4]
    """
    return _conv_fn(Conv2D, inputs, filters, kernel_size, strides, padding, data_format,
                    dilation_rate, activation, use_bias, kernel_initializer, bias_initializer,
                    kernel_regularizer, bias_regularizer, activity_regularizer,
                    kernel_constraint, bias_constraint, trainable, name, reuse)


def conv3d(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1, 1), activation=None,
           use_bias=True, kernel_initializer=None, bias_initializer=_ZEROS,
           kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
           kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
           reuse=None):
    """3-D convolution with variables in scope `name`."""
    return _conv_fn(Conv3D, inputs, filters, kernel_size, strides, padding, data_format,
                    dilation_rate, activation, use_bias, kernel_initializer, bias_initializer,
                    kernel_regularizer, bias_regularizer, activity_regularizer,
                    kernel_constraint, bias_constraint, trainable, name, reuse)


def _separable_class(keras_cls, rank):
    class SeparableConv(keras_cls, base.Layer):
        def __init__(self, filters, kernel_size, strides=(1,) * rank, padding="valid",
                     data_format="channels_last", dilation_rate=(1,) * rank,
                     depth_multiplier=1, activation=None, use_bias=True,
                     depthwise_initializer=None, pointwise_initializer=None,
                     bias_initializer=_ZEROS, depthwise_regularizer=None,
                     pointwise_regularizer=None, bias_regularizer=None,
                     activity_regularizer=None, depthwise_constraint=None,
                     pointwise_constraint=None, bias_constraint=None, trainable=True, name=None,
                     **kwargs):
            keras_cls.__init__(
                self, filters=filters, kernel_size=kernel_size, strides=strides,
                padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                depth_multiplier=depth_multiplier, activation=activation, use_bias=use_bias,
                depthwise_initializer=depthwise_initializer,
                pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
                depthwise_regularizer=depthwise_regularizer,
                pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
                activity_regularizer=activity_regularizer,
                depthwise_constraint=depthwise_constraint,
                pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
                trainable=trainable, name=name, **kwargs)
    SeparableConv.__name__ = SeparableConv.__qualname__ = keras_cls.__name__
    SeparableConv.__doc__ = "Depthwise-separable %d-D convolution layer." % rank
    return SeparableConv


SeparableConv1D = _separable_class(keras_layers.SeparableConv1D, 1)
SeparableConv2D = _separable_class(keras_layers.SeparableConv2D, 2)
SeparableConv1D.__init__.__defaults__ = (1, "valid", "channels_last", 1, 1, None, True, None,
                                         None, _ZEROS, None, None, None, None, None, None, None,
                                         True, None)


def _separable_fn(cls, inputs, filters, kernel_size, strides, padding, data_format,
                  dilation_rate, depth_multiplier, activation, use_bias, depthwise_initializer,
                  pointwise_initializer, bias_initializer, depthwise_regularizer,
                  pointwise_regularizer, bias_regularizer, activity_regularizer,
                  depthwise_constraint, pointwise_constraint, bias_constraint, trainable, name,
                  reuse):
    layer = cls(filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                data_format=data_format, dilation_rate=dilation_rate,
                depth_multiplier=depth_multiplier, activation=activation, use_bias=use_bias,
                depthwise_initializer=depthwise_initializer,
                pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
                depthwise_regularizer=depthwise_regularizer,
                pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
                activity_regularizer=activity_regularizer,
                depthwise_constraint=depthwise_constraint,
                pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
                trainable=trainable, name=name, _reuse=reuse, _scope=name)
    return layer.apply(inputs)


def separable_conv1d(inputs, filters, kernel_size, strides=1, padding="valid",
                     data_format="channels_last", dilation_rate=1, depth_multiplier=1,
                     activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=_ZEROS,
                     depthwise_regularizer=None, pointwise_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, pointwise_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    """Depthwise-separable 1-D convolution."""
    return _separable_fn(SeparableConv1D, inputs, filters, kernel_size, strides, padding,
                         data_format, dilation_rate, depth_multiplier, activation, use_bias,
                         depthwise_initializer, pointwise_initializer, bias_initializer,
                         depthwise_regularizer, pointwise_regularizer, bias_regularizer,
                         activity_regularizer, depthwise_constraint, pointwise_constraint,
                         bias_constraint, trainable, name, reuse)


def separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                     activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=_ZEROS,
                     depthwise_regularizer=None, pointwise_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, pointwise_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    """Depthwise-separable 2-D convolution."""
    return _separable_fn(SeparableConv2D, inputs, filters, kernel_size, strides, padding,
                         data_format, dilation_rate, depth_multiplier, activation, use_bias,
                         depthwise_initializer, pointwise_initializer, bias_initializer,
                         depthwise_regularizer, pointwise_regularizer, bias_regularizer,
                         activity_regularizer, depthwise_constraint, pointwise_constraint,
                         bias_constraint, trainable, name, reuse)


class Conv2DTranspose(keras_layers.Conv2DTranspose, base.Layer):
    """Transposed 2-D convolution layer."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=_ZEROS, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         trainable=trainable, name=name, **kwargs)


def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", activation=None, use_bias=True,
                     kernel_initializer=None, bias_initializer=_ZEROS, kernel_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    """Transposed 2-D convolution (a "deconvolution")."""
    layer = Conv2DTranspose(
        filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
        data_format=data_format, activation=activation, use_bias=use_bias,
        kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
        kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
        bias_constraint=bias_constraint, trainable=trainable, name=name, _reuse=reuse,
        _scope=name)
    return layer.apply(inputs)


class Conv3DTranspose(keras_layers.Conv3DTranspose, base.Layer):
    """Transposed 3-D convolution layer."""

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 data_format="channels_last", activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=_ZEROS, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         trainable=trainable, name=name, **kwargs)


def conv3d_transpose(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                     data_format="channels_last", activation=None, use_bias=True,
                     kernel_initializer=None, bias_initializer=_ZEROS, kernel_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    """Transposed 3-D convolution (a "deconvolution")."""
    layer = Conv3DTranspose(
        filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
        data_format=data_format, activation=activation, use_bias=use_bias,
        kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
        kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
        bias_constraint=bias_constraint, trainable=trainable, name=name, _reuse=reuse,
        _scope=name)
    return layer.apply(inputs)


Convolution1D, Convolution2D, Convolution3D = Conv1D, Conv2D, Conv3D
SeparableConvolution2D = SeparableConv2D
Convolution2DTranspose = Deconvolution2D = Conv2DTranspose
Convolution3DTranspose = Deconvolution3D = Conv3DTranspose
convolution1d, convolution2d, convolution3d = conv1d, conv2d, conv3d
separable_convolution2d = separable_conv2d
convolution2d_transpose = deconvolution2d = conv2d_transpose
convolution3d_transpose = deconvolution3d = conv3d_transpose
