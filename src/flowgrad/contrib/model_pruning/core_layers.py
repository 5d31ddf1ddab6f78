"""Masked layer classes (TF 1.14 contrib/model_pruning/python/layers/core_layers.py): a
convolution and a fully connected layer whose kernel is used as `mask * kernel`."""
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import add_to_collection
from ...engine.framework.tensor_shape import TensorShape, dimension_value
from ...keras.engine.input_spec import InputSpec
from ...keras.layers import convolutional as keras_conv
from ...keras.layers import core as keras_core
from ...keras.utils import (convert_data_format, normalize_data_format,
                            normalize_padding, normalize_tuple)
from ...layers import base
from ...ops import array_ops, conv_ops, init_ops, math_ops, nn_ops
from ...ops.linalg_ops import matmul, tensordot

MASK_COLLECTION = "masks"
THRESHOLD_COLLECTION = "thresholds"
MASKED_WEIGHT_COLLECTION = "masked_weights"
WEIGHT_COLLECTION = "kernel"
# the masked weight's name: the op `<scope>/weights/masked_weight`
MASKED_WEIGHT_NAME = "weights/masked_weight"


def _mask_kernel(layer):
    """The layer's masked_kernel (mask * kernel), with the four joining the pruning
    collections, as TF does in build."""
    layer.masked_kernel = math_ops.multiply(layer.mask, layer.kernel, MASKED_WEIGHT_NAME)
    add_to_collection(MASK_COLLECTION, layer.mask)
    add_to_collection(MASKED_WEIGHT_COLLECTION, layer.masked_kernel)
    add_to_collection(THRESHOLD_COLLECTION, layer.threshold)
    add_to_collection(WEIGHT_COLLECTION, layer.kernel)


def _threshold(layer):
    return layer.add_variable(name="threshold", shape=[],
                              initializer=init_ops.zeros_initializer(), trainable=False,
                              dtype=layer.dtype)


class _MaskedConv(base.Layer):
    """N-D convolution layer whose kernel is masked (variables mask, kernel, threshold,
    bias in that order)."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = normalize_tuple(strides, rank, "strides")
        self.padding = normalize_padding(padding)
        self.data_format = normalize_data_format(data_format)
        self.dilation_rate = normalize_tuple(dilation_rate, rank, "dilation_rate")
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        channel_axis = 1 if self.data_format == "channels_first" else -1
        input_dim = dimension_value(input_shape[channel_axis])
        if input_dim is None:
            raise ValueError("The channel dimension of the inputs "
                             "should be defined. Found `None`.")
        kernel_shape = self.kernel_size + (input_dim, self.filters)
        self.mask = self.add_variable(name="mask", shape=kernel_shape,
                                      initializer=init_ops.ones_initializer(),
                                      trainable=False, dtype=self.dtype)
        self.kernel = self.add_variable(name="kernel", shape=kernel_shape,
                                        initializer=self.kernel_initializer,
                                        regularizer=self.kernel_regularizer, trainable=True,
                                        dtype=self.dtype)
        self.threshold = _threshold(self)
        _mask_kernel(self)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_variable(name="bias", shape=(self.filters,),
                                          initializer=self.bias_initializer,
                                          regularizer=self.bias_regularizer, trainable=True,
                                          dtype=self.dtype)
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={channel_axis: input_dim})
        self.built = True

    def call(self, inputs):
        outputs = conv_ops.convolution(
            input=inputs, filter=self.masked_kernel, dilation_rate=self.dilation_rate,
            strides=self.strides, padding=self.padding.upper(),
            data_format=convert_data_format(self.data_format, self.rank + 2))
        if self.bias is not None:
            if self.data_format == "channels_first" and self.rank == 3:
                # (as TF's masked layer: 5-D NCDHW through a 4-D NCHW BiasAdd)
                shape = outputs.shape.as_list()
                outputs_4d = array_ops.reshape(
                    outputs, [shape[0], shape[1], shape[2] * shape[3], shape[4]])
                outputs_4d = nn_ops.bias_add(outputs_4d, self.bias, data_format="NCHW")
                outputs = array_ops.reshape(outputs_4d, shape)
            else:
                outputs = keras_conv.conv_bias_add(outputs, self.bias, self.data_format,
                                                   self.rank, self.filters)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    # the keras Conv's (it reads the same attributes)
    compute_output_shape = keras_conv.Conv.compute_output_shape


class MaskedConv2D(_MaskedConv):
    """2-D convolution layer with a masked kernel."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), activation=None,
                 use_bias=True, kernel_initializer=None,
                 bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(rank=2, filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, trainable=trainable,
                         name=name, **kwargs)


class MaskedFullyConnected(base.Layer):
    """Fully connected layer with a masked kernel (variables kernel, mask, threshold, bias
    in that order); inputs of rank > 2 go through tensordot."""

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.units = units
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        last_dim = dimension_value(input_shape[-1])
        if last_dim is None:
            raise ValueError("The last dimension of the inputs to `Dense` "
                             "should be defined. Found `None`.")
        self.input_spec = InputSpec(min_ndim=2, axes={-1: last_dim})
        self.kernel = self.add_variable("kernel", shape=[last_dim, self.units],
                                        initializer=self.kernel_initializer,
                                        regularizer=self.kernel_regularizer, dtype=self.dtype,
                                        trainable=True)
        self.mask = self.add_variable(name="mask", shape=[last_dim, self.units],
                                      initializer=init_ops.ones_initializer(),
                                      trainable=False, dtype=self.dtype)
        self.threshold = _threshold(self)
        _mask_kernel(self)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_variable("bias", shape=[self.units],
                                          initializer=self.bias_initializer,
                                          regularizer=self.bias_regularizer, dtype=self.dtype,
                                          trainable=True)
        self.built = True

    def call(self, inputs):
        inputs = convert_to_tensor(inputs, dtype=self.dtype)
        shape = inputs.get_shape().as_list()
        output_shape = shape[:-1] + [self.units]
        if len(output_shape) > 2:
            outputs = tensordot(inputs, self.masked_kernel, [[len(shape) - 1], [0]])
            outputs.set_shape(output_shape)
        else:
            outputs = matmul(inputs, self.masked_kernel)
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    # the keras Dense's (it reads only self.units)
    compute_output_shape = keras_core.Dense.compute_output_shape
