"""Keras convolution layers (TF 1.14 keras/layers/convolutional.py): Conv1D/2D/3D,
Conv2DTranspose, Conv3DTranspose, SeparableConv1D/2D, DepthwiseConv2D, and the
shape-only layers ZeroPadding1D/2D/3D, Cropping1D/2D/3D, UpSampling1D/2D/3D."""
import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.tensor_shape import TensorShape, dimension_value
from ...ops import array_ops, conv_ops, space_ops
from ... import image, nn
from .. import activations
from ..engine import base_layer_utils as blu
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec
from ..utils import (conv_output_length, convert_data_format, deconv_output_length,
                     normalize_data_format, normalize_padding, normalize_tuple)
from ._config import _merge_config

__all__ = ["Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "Conv3DTranspose",
           "SeparableConv1D", "SeparableConv2D", "DepthwiseConv2D", "ZeroPadding1D",
           "ZeroPadding2D", "Cropping2D", "UpSampling1D", "UpSampling2D", "ZeroPadding3D",
           "Cropping1D", "Cropping3D", "UpSampling3D"]


def conv_bias_add(outputs, bias, data_format, rank, filters):
    """outputs + bias over the channel axis, as TF 1.14's keras Conv.call adds it (rank 1
    channels_first: a reshaped bias added; else BiasAdd NCHW / NHWC)."""
    if data_format == "channels_first":
        if rank == 1:
            return outputs + array_ops.reshape(bias, (1, filters, 1))
        return nn.bias_add(outputs, bias, data_format="NCHW")
    return nn.bias_add(outputs, bias, data_format="NHWC")


class Conv(Layer):
    """The N-D convolution layer: activation(conv(inputs, kernel) + bias)."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=blu.get_regularizer(activity_regularizer),
                         **kwargs)
        self.rank = rank
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = normalize_tuple(strides, rank, "strides")
        self.padding = normalize_padding(padding)
        if self.padding == "causal" and not isinstance(self, (Conv1D, SeparableConv1D)):
            raise ValueError("Causal padding is only supported for `Conv1D`and "
                             "``SeparableConv1D`.")
        self.data_format = normalize_data_format(data_format)
        self.dilation_rate = normalize_tuple(dilation_rate, rank, "dilation_rate")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = blu.get_initializer(kernel_initializer)
        self.bias_initializer = blu.get_initializer(bias_initializer)
        self.kernel_regularizer = blu.get_regularizer(kernel_regularizer)
        self.bias_regularizer = blu.get_regularizer(bias_regularizer)
        self.kernel_constraint = blu.get_constraint(kernel_constraint)
        self.bias_constraint = blu.get_constraint(bias_constraint)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _channel_axis(self):
        return 1 if self.data_format == "channels_first" else -1

    def _input_dim(self, input_shape):
        input_shape = TensorShape(input_shape)
        channel_axis = self._channel_axis()
        if dimension_value(input_shape[channel_axis]) is None:
            raise ValueError("The channel dimension of the inputs should be defined. "
                             "Found `None`.")
        return int(input_shape[channel_axis])

    def _add_bias(self, shape):
        if self.use_bias:
            return self.add_weight(name="bias", shape=shape, initializer=self.bias_initializer,
                                   regularizer=self.bias_regularizer,
                                   constraint=self.bias_constraint, trainable=True,
                                   dtype=self.dtype)
        return None

    def build(self, input_shape):
        input_dim = self._input_dim(input_shape)
        self.kernel = self.add_weight(name="kernel",
                                      shape=self.kernel_size + (input_dim, self.filters),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True,
                                      dtype=self.dtype)
        self.bias = self._add_bias((self.filters,))
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={self._channel_axis(): input_dim})
        # TF's nn_ops.Convolution, made here, checks strides against dilation_rate (its
        # ValueError after the weights exist) and converts the dilation rate to a constant
        conv_ops._strides_and_dilation_rate(self.rank, self.strides, self.dilation_rate)
        self._dilation_rate_const = convert_to_tensor(list(self.dilation_rate), _dt.int32,
                                                      name="dilation_rate")
        # ... and with a rate above 1 its _WithSpaceToBatch the base paddings (for SAME
        # after the filter shape constant)
        self._s2b_base = None
        if any(r != 1 for r in self.dilation_rate) and type(self).call in _S2B_CALLS:
            kshape = self.kernel_size + (input_dim, self.filters)
            op_padding = "VALID" if self.padding == "causal" else self.padding.upper()
            if op_padding == "SAME":
                convert_to_tensor(np.array(kshape, np.int32), name="filter_shape")
            self._s2b_base = conv_ops.space_to_batch_base_paddings(op_padding, kshape,
                                                                   self.dilation_rate)
        self.built = True

    def _convolution_op(self, inputs, kernel):
        op_padding = "VALID" if self.padding == "causal" else self.padding.upper()
        fmt = convert_data_format(self.data_format, self.rank + 2)
        dims = inputs.shape.as_tuple()
        spatial_dims = list(range(2, self.rank + 2) if fmt.startswith("NC")
                            else range(1, self.rank + 1))
        if self._s2b_base is not None and all(s == 1 for s in self.strides):
            # TF's with_space_to_batch: the VALID undilated convolution of the batched input
            def op(y):
                return self._plain_convolution(y, kernel, "VALID", fmt, (1,) * self.rank)
            if dims is not None and all(dims[i] is not None for i in spatial_dims):
                return conv_ops.space_to_batch_call(inputs, op, self._s2b_base,
                                                    self.dilation_rate, spatial_dims)
            # (spatial dims known only at run time: TF's paddings computed by ops)
            return space_ops.space_to_batch_run(inputs, op, self._s2b_base,
                                                self._dilation_rate_const, spatial_dims)
        return self._plain_convolution(inputs, kernel, op_padding, fmt, self.dilation_rate)

    def _plain_convolution(self, inputs, kernel, op_padding, fmt, dilation_rate):
        if self.rank == 1:
            return conv_ops.conv1d(inputs, kernel, stride=self.strides[0], padding=op_padding,
                                   data_format=fmt, dilations=dilation_rate[0])
        cidx = 1 if fmt.startswith("NC") else self.rank + 1
        strides = [1] * (self.rank + 2)
        dilations = [1] * (self.rank + 2)
        spatial = [i for i in range(1, self.rank + 2) if i != cidx]
        for i, axis in enumerate(spatial):
            strides[axis] = self.strides[i]
            dilations[axis] = dilation_rate[i]
        conv = nn.conv2d if self.rank == 2 else nn.conv3d
        return conv(inputs, kernel, strides, op_padding, data_format=fmt, dilations=dilations)

    def call(self, inputs):
        outputs = self._convolution_op(inputs, self.kernel)
        if self.use_bias:
            outputs = conv_bias_add(outputs, self.bias, self.data_format, self.rank,
                                    self.filters)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        last = self.data_format == "channels_last"
        space = input_shape[1:-1] if last else input_shape[2:]
        new_space = [conv_output_length(space[i], self.kernel_size[i], padding=self.padding,
                                        stride=self.strides[i], dilation=self.dilation_rate[i])
                     for i in range(len(space))]
        if last:
            return TensorShape([input_shape[0]] + new_space + [self.filters])
        return TensorShape([input_shape[0], self.filters] + new_space)

    def get_config(self):
        return _merge_config(super().get_config(), {
            "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
            "kernel_initializer": self.kernel_initializer,
            "bias_initializer": self.bias_initializer,
            "kernel_regularizer": self.kernel_regularizer,
            "bias_regularizer": self.bias_regularizer,
            "activity_regularizer": self.activity_regularizer,
            "kernel_constraint": self.kernel_constraint,
            "bias_constraint": self.bias_constraint})

    def _compute_causal_padding(self):
        left_pad = self.dilation_rate[0] * (self.kernel_size[0] - 1)
        if self.data_format == "channels_last":
            return [[0, 0], [left_pad, 0], [0, 0]]
        return [[0, 0], [0, 0], [left_pad, 0]]


def _conv_init(cls, rank):
    # one tuple for both defaults, as TF's literal (1, 1) defaults are one constant: a
    # config holds it twice (to_yaml writes an anchor)
    ones = (1,) * rank

    def __init__(self, filters, kernel_size, strides=ones, padding="valid",
                 data_format=None, dilation_rate=ones, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        Conv.__init__(self, rank=rank, filters=filters, kernel_size=kernel_size,
                      strides=strides, padding=padding, data_format=data_format,
                      dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                      kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                      kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                      activity_regularizer=activity_regularizer,
                      kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                      **kwargs)
    cls.__init__ = __init__
    return cls


class Conv1D(Conv):
    """1-D convolution over [batch, steps, channels] (padding may be 'causal')."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(rank=1, filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)

    def call(self, inputs):
        if self.padding == "causal":
            inputs = array_ops.pad(inputs, self._compute_causal_padding())
        return super().call(inputs)


_S2B_CALLS = (Conv.call, Conv1D.call)


class Conv2D(Conv):
    """2-D convolution over images [batch, h, w, c] (or channels_first)."""


_conv_init(Conv2D, 2)


class Conv3D(Conv):
    """3-D convolution over volumes [batch, d, h, w, c] (or channels_first)."""


_conv_init(Conv3D, 3)


class Conv2DTranspose(Conv2D):
    """The transpose of a 2-D convolution (kernel [kh, kw, filters, in_channels])."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 output_padding=None, data_format=None, dilation_rate=(1, 1), activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)
        self.output_padding = output_padding
        if self.output_padding is not None:
            self.output_padding = normalize_tuple(self.output_padding, 2, "output_padding")
            for stride, out_pad in zip(self.strides, self.output_padding):
                if out_pad >= stride:
                    raise ValueError("Stride " + str(self.strides) + " must be greater than "
                                     "output padding " + str(self.output_padding))

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        if input_shape.ndims != 4:
            raise ValueError("Inputs should have rank 4. Received input shape: " +
                             str(input_shape))
        input_dim = self._input_dim(input_shape)
        self.input_spec = InputSpec(ndim=4, axes={self._channel_axis(): input_dim})
        self.kernel = self.add_weight(name="kernel",
                                      shape=self.kernel_size + (self.filters, input_dim),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True,
                                      dtype=self.dtype)
        self.bias = self._add_bias((self.filters,))
        self.built = True

    def call(self, inputs):
        inputs_shape = array_ops.shape(inputs)
        batch_size = inputs_shape[0]
        h_axis, w_axis = (2, 3) if self.data_format == "channels_first" else (1, 2)
        height, width = inputs_shape[h_axis], inputs_shape[w_axis]
        out_pad_h, out_pad_w = self.output_padding or (None, None)
        out_height = deconv_output_length(height, self.kernel_size[0], padding=self.padding,
                                          output_padding=out_pad_h, stride=self.strides[0],
                                          dilation=self.dilation_rate[0])
        out_width = deconv_output_length(width, self.kernel_size[1], padding=self.padding,
                                         output_padding=out_pad_w, stride=self.strides[1],
                                         dilation=self.dilation_rate[1])
        if self.data_format == "channels_first":
            output_shape = (batch_size, self.filters, out_height, out_width)
        else:
            output_shape = (batch_size, out_height, out_width, self.filters)
        output_shape_tensor = array_ops.stack(output_shape)
        x = inputs
        if self.data_format != "channels_first":
            output_shape_tensor[0]  # noqa: B018 - TF's `output_shape[0] is None` makes a slice
        else:
            # keras' backend transposes to NHWC on CPU (no NCHW kernels there)
            x = array_ops.transpose(x, (0, 2, 3, 1))
            s = output_shape_tensor
            output_shape_tensor = array_ops.stack([s[0], s[2], s[3], s[1]])
        if tuple(self.dilation_rate) == (1, 1):
            outputs = nn.conv2d_transpose(x, self.kernel, output_shape_tensor,
                                          (1,) + tuple(self.strides) + (1,),
                                          padding=self.padding.upper(), data_format="NHWC")
        else:
            # TF 1.14's backend: atrous_conv2d_transpose at the one rate (an assert for
            # unequal rates; the strides are not passed on)
            if self.dilation_rate[0] != self.dilation_rate[1]:
                raise AssertionError()
            outputs = nn.atrous_conv2d_transpose(x, self.kernel, output_shape_tensor,
                                                 rate=self.dilation_rate[0],
                                                 padding=self.padding.upper())
        if self.data_format == "channels_first":
            outputs = array_ops.transpose(outputs, (0, 3, 1, 2))
        outputs.set_shape(self.compute_output_shape(inputs.shape))
        if self.use_bias:
            outputs = nn.bias_add(outputs, self.bias,
                                  data_format=convert_data_format(self.data_format, ndim=4))
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        output_shape = list(TensorShape(input_shape).as_list())
        if self.data_format == "channels_first":
            c_axis, h_axis, w_axis = 1, 2, 3
        else:
            c_axis, h_axis, w_axis = 3, 1, 2
        out_pad_h, out_pad_w = self.output_padding or (None, None)
        output_shape[c_axis] = self.filters
        output_shape[h_axis] = deconv_output_length(
            output_shape[h_axis], self.kernel_size[0], padding=self.padding,
            output_padding=out_pad_h, stride=self.strides[0], dilation=self.dilation_rate[0])
        output_shape[w_axis] = deconv_output_length(
            output_shape[w_axis], self.kernel_size[1], padding=self.padding,
            output_padding=out_pad_w, stride=self.strides[1], dilation=self.dilation_rate[1])
        return TensorShape(output_shape)

    def get_config(self):
        config = super().get_config()
        config["output_padding"] = self.output_padding
        return config


class Conv3DTranspose(Conv3D):
    """The transpose of a 3-D convolution (kernel [kd, kh, kw, filters, in_channels])."""

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 output_padding=None, data_format=None, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)
        self.output_padding = output_padding
        if self.output_padding is not None:
            self.output_padding = normalize_tuple(self.output_padding, 3, "output_padding")
            for stride, out_pad in zip(self.strides, self.output_padding):
                if out_pad >= stride:
                    raise ValueError("Stride " + str(self.strides) + " must be greater than "
                                     "output padding " + str(self.output_padding))

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        if input_shape.ndims != 5:
            raise ValueError("Inputs should have rank 5, received input shape: " +
                             str(input_shape))
        input_dim = self._input_dim(input_shape)
        self.input_spec = InputSpec(ndim=5, axes={self._channel_axis(): input_dim})
        self.kernel = self.add_weight(name="kernel",
                                      shape=self.kernel_size + (self.filters, input_dim),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True,
                                      dtype=self.dtype)
        self.bias = self._add_bias((self.filters,))
        self.built = True

    def call(self, inputs):
        inputs_shape = array_ops.shape(inputs)
        batch_size = inputs_shape[0]
        axes = (2, 3, 4) if self.data_format == "channels_first" else (1, 2, 3)
        sizes = [inputs_shape[a] for a in axes]
        pads = self.output_padding or (None, None, None)
        out = [deconv_output_length(sizes[i], self.kernel_size[i], padding=self.padding,
                                    output_padding=pads[i], stride=self.strides[i])
               for i in range(3)]
        if self.data_format == "channels_first":
            output_shape = (batch_size, self.filters) + tuple(out)
            strides = (1, 1) + tuple(self.strides)
        else:
            output_shape = (batch_size,) + tuple(out) + (self.filters,)
            strides = (1,) + tuple(self.strides) + (1,)
        output_shape_tensor = array_ops.stack(output_shape)
        outputs = conv_ops.conv3d_transpose(
            inputs, self.kernel, output_shape_tensor, strides,
            data_format=convert_data_format(self.data_format, ndim=5),
            padding=self.padding.upper())
        outputs.set_shape(self.compute_output_shape(inputs.shape))
        if self.use_bias:
            outputs = nn.bias_add(outputs, self.bias,
                                  data_format=convert_data_format(self.data_format, ndim=4))
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        output_shape = list(TensorShape(input_shape).as_list())
        if self.data_format == "channels_first":
            c_axis, axes = 1, (2, 3, 4)
        else:
            c_axis, axes = 4, (1, 2, 3)
        pads = self.output_padding or (None, None, None)
        output_shape[c_axis] = self.filters
        for i, a in enumerate(axes):
            output_shape[a] = deconv_output_length(
                output_shape[a], self.kernel_size[i], padding=self.padding,
                output_padding=pads[i], stride=self.strides[i])
        return TensorShape(output_shape)

    def get_config(self):
        config = super().get_config()
        config.pop("dilation_rate")
        config["output_padding"] = self.output_padding
        return config


def _separable_conv2d(x, depthwise, pointwise, strides, padding, rate, data_format):
    """TF 1.14's nn.separable_conv2d with its ops: the depthwise filter's Shape and the
    dilation_rate constant, DepthwiseConv2dNative "depthwise", then the 1x1 Conv2D."""
    return nn.separable_conv2d(x, depthwise, pointwise, strides=strides, padding=padding,
                               rate=rate, data_format=data_format)


class SeparableConv(Conv):
    """A depthwise convolution followed by a pointwise (1x1) one."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(rank=rank, filters=filters, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         bias_constraint=bias_constraint, trainable=trainable, name=name,
                         **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = blu.get_initializer(depthwise_initializer)
        self.pointwise_initializer = blu.get_initializer(pointwise_initializer)
        self.depthwise_regularizer = blu.get_regularizer(depthwise_regularizer)
        self.pointwise_regularizer = blu.get_regularizer(pointwise_regularizer)
        self.depthwise_constraint = blu.get_constraint(depthwise_constraint)
        self.pointwise_constraint = blu.get_constraint(pointwise_constraint)

    def build(self, input_shape):
        input_dim = self._input_dim(input_shape)
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={self._channel_axis(): input_dim})
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + (input_dim, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel",
            shape=(1,) * self.rank + (self.depth_multiplier * input_dim, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        self.bias = self._add_bias((self.filters,))
        self.built = True

    def get_config(self):
        return _merge_config(super().get_config(), {
            "depth_multiplier": self.depth_multiplier,
            "depthwise_initializer": self.depthwise_initializer,
            "pointwise_initializer": self.pointwise_initializer,
            "depthwise_regularizer": self.depthwise_regularizer,
            "pointwise_regularizer": self.pointwise_regularizer,
            "depthwise_constraint": self.depthwise_constraint,
            "pointwise_constraint": self.pointwise_constraint})

    def _separable(self, inputs, depthwise, pointwise, strides, padding, rate):
        fmt = convert_data_format(self.data_format, ndim=4)
        outputs = _separable_conv2d(inputs, depthwise, pointwise, strides, padding, rate, fmt)
        if self.use_bias:
            outputs = nn.bias_add(outputs, self.bias, data_format=fmt)
        return outputs


class SeparableConv1D(SeparableConv):
    """Depthwise-separable 1-D convolution."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(1, filters, kernel_size, strides, padding, data_format, dilation_rate,
                         depth_multiplier, activation, use_bias, depthwise_initializer,
                         pointwise_initializer, bias_initializer, depthwise_regularizer,
                         pointwise_regularizer, bias_regularizer, activity_regularizer,
                         depthwise_constraint, pointwise_constraint, bias_constraint, **kwargs)

    def call(self, inputs):
        if self.padding == "causal":
            inputs = array_ops.pad(inputs, self._compute_causal_padding())
        if self.data_format == "channels_last":
            strides = (1,) + self.strides * 2 + (1,)
            spatial_start_dim = 1
        else:
            strides = (1, 1) + self.strides * 2
            spatial_start_dim = 2
        inputs = array_ops.expand_dims(inputs, spatial_start_dim)
        depthwise_kernel = array_ops.expand_dims(self.depthwise_kernel, 0)
        pointwise_kernel = array_ops.expand_dims(self.pointwise_kernel, 0)
        op_padding = "valid" if self.padding == "causal" else self.padding
        outputs = self._separable(inputs, depthwise_kernel, pointwise_kernel, strides,
                                  op_padding.upper(), (1,) + self.dilation_rate)
        outputs = array_ops.squeeze(outputs, [spatial_start_dim])
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


class SeparableConv2D(SeparableConv):
    """Depthwise-separable 2-D convolution."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(2, filters, kernel_size, strides, padding, data_format, dilation_rate,
                         depth_multiplier, activation, use_bias, depthwise_initializer,
                         pointwise_initializer, bias_initializer, depthwise_regularizer,
                         pointwise_regularizer, bias_regularizer, activity_regularizer,
                         depthwise_constraint, pointwise_constraint, bias_constraint, **kwargs)

    def call(self, inputs):
        if self.data_format == "channels_last":
            strides = (1,) + self.strides + (1,)
        else:
            strides = (1, 1) + self.strides
        outputs = self._separable(inputs, self.depthwise_kernel, self.pointwise_kernel, strides,
                                  self.padding.upper(), self.dilation_rate)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


class DepthwiseConv2D(Conv2D):
    """A depthwise 2-D convolution (each input channel convolved with depth_multiplier
    filters of its own)."""

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 data_format=None, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(filters=None, kernel_size=kernel_size, strides=strides,
                         padding=padding, data_format=data_format, activation=activation,
                         use_bias=use_bias, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         bias_constraint=bias_constraint, **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = blu.get_initializer(depthwise_initializer)
        self.depthwise_regularizer = blu.get_regularizer(depthwise_regularizer)
        self.depthwise_constraint = blu.get_constraint(depthwise_constraint)
        self.bias_initializer = blu.get_initializer(bias_initializer)

    def get_config(self):
        # TF 1.14: Conv2D's config without its kernel's keys and filters, then the
        # depthwise kernel's
        config = super().get_config()
        for key in ("filters", "kernel_initializer", "kernel_regularizer", "kernel_constraint"):
            config.pop(key)
        return _merge_config(config, {
            "depth_multiplier": self.depth_multiplier,
            "depthwise_initializer": self.depthwise_initializer,
            "depthwise_regularizer": self.depthwise_regularizer,
            "depthwise_constraint": self.depthwise_constraint})

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        if input_shape.ndims is None or input_shape.ndims < 4:
            raise ValueError("Inputs to `DepthwiseConv2D` should have rank 4. Received input "
                             "shape:", str(input_shape))
        channel_axis = 1 if self.data_format == "channels_first" else 3
        if dimension_value(input_shape[channel_axis]) is None:
            raise ValueError("The channel dimension of the inputs to `DepthwiseConv2D` should "
                             "be defined. Found `None`.")
        input_dim = int(input_shape[channel_axis])
        self.depthwise_kernel = self.add_weight(
            shape=(self.kernel_size[0], self.kernel_size[1], input_dim, self.depth_multiplier),
            initializer=self.depthwise_initializer, name="depthwise_kernel",
            regularizer=self.depthwise_regularizer, constraint=self.depthwise_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(input_dim * self.depth_multiplier,),
                                        initializer=self.bias_initializer, name="bias",
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(ndim=4, axes={channel_axis: input_dim})
        self.built = True

    def call(self, inputs):
        x = inputs
        if self.data_format == "channels_first":
            x = array_ops.transpose(x, (0, 2, 3, 1))
        outputs = nn.depthwise_conv2d(x, self.depthwise_kernel,
                                      strides=(1,) + self.strides + (1,),
                                      padding=self.padding.upper(), rate=self.dilation_rate,
                                      data_format="NHWC")
        if self.data_format == "channels_first":
            outputs = array_ops.transpose(outputs, (0, 3, 1, 2))
        if self.use_bias:
            if self.data_format == "channels_first":
                outputs = outputs + array_ops.reshape(self.bias, (1, -1, 1, 1))
            else:
                outputs = nn.bias_add(outputs, self.bias, data_format="NHWC")
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        first = self.data_format == "channels_first"
        rows = input_shape[2] if first else input_shape[1]
        cols = input_shape[3] if first else input_shape[2]
        channels = input_shape[1 if first else 3]
        out_filters = None if channels is None else channels * self.depth_multiplier
        rows = conv_output_length(rows, self.kernel_size[0], self.padding, self.strides[0])
        cols = conv_output_length(cols, self.kernel_size[1], self.padding, self.strides[1])
        if first:
            return TensorShape([input_shape[0], out_filters, rows, cols])
        return TensorShape([input_shape[0], rows, cols, out_filters])


class ZeroPadding1D(Layer):
    """Pads the steps axis of [batch, steps, features] with zeros."""

    def __init__(self, padding=1, **kwargs):
        super().__init__(**kwargs)
        self.padding = normalize_tuple(padding, 2, "padding")
        self.input_spec = InputSpec(ndim=3)

    def get_config(self):
        return _merge_config(super().get_config(), {"padding": self.padding})

    def call(self, inputs):
        return array_ops.pad(inputs, [[0, 0], list(self.padding), [0, 0]])


class ZeroPadding2D(Layer):
    """Pads the rows and columns of an image batch with zeros."""

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        if isinstance(padding, int):
            self.padding = ((padding, padding), (padding, padding))
        elif len(padding) == 2 and isinstance(padding[0], int):
            self.padding = ((padding[0], padding[0]), (padding[1], padding[1]))
        else:
            self.padding = (normalize_tuple(padding[0], 2, "1st entry of padding"),
                            normalize_tuple(padding[1], 2, "2nd entry of padding"))
        self.input_spec = InputSpec(ndim=4)

    def get_config(self):
        return _merge_config(super().get_config(), {"padding": self.padding,
                                                    "data_format": self.data_format})

    def call(self, inputs):
        rows, cols = list(self.padding[0]), list(self.padding[1])
        if self.data_format == "channels_first":
            pattern = [[0, 0], [0, 0], rows, cols]
        else:
            pattern = [[0, 0], rows, cols, [0, 0]]
        return array_ops.pad(inputs, pattern)


class Cropping2D(Layer):
    """Crops rows and columns of an image batch."""

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        if isinstance(cropping, int):
            self.cropping = ((cropping, cropping), (cropping, cropping))
        elif len(cropping) == 2 and isinstance(cropping[0], int):
            self.cropping = ((cropping[0], cropping[0]), (cropping[1], cropping[1]))
        else:
            self.cropping = (normalize_tuple(cropping[0], 2, "1st entry of cropping"),
                             normalize_tuple(cropping[1], 2, "2nd entry of cropping"))
        self.input_spec = InputSpec(ndim=4)

    def get_config(self):
        return _merge_config(super().get_config(), {"cropping": self.cropping,
                                                    "data_format": self.data_format})

    def call(self, inputs):
        (t, b), (left, r) = self.cropping
        rows = slice(t, -b if b else None)
        cols = slice(left, -r if r else None)
        if self.data_format == "channels_first":
            return inputs[:, :, rows, cols]
        return inputs[:, rows, cols, :]


class UpSampling1D(Layer):
    """Repeats each step `size` times."""

    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        self.size = int(size)
        self.input_spec = InputSpec(ndim=3)

    def get_config(self):
        return _merge_config(super().get_config(), {"size": self.size})

    def call(self, inputs):
        splits = array_ops.split(inputs, inputs.shape.as_list()[1], 1)
        return array_ops.concat([s for s in splits for _ in range(self.size)], 1)


class UpSampling2D(Layer):
    """Repeats rows and columns (nearest neighbour) or resizes bilinearly."""

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.size = normalize_tuple(size, 2, "size")
        if interpolation not in {"nearest", "bilinear"}:
            raise ValueError("`interpolation` argument should be one of `\"nearest\"` or "
                             "`\"bilinear\"`.")
        self.interpolation = interpolation
        self.input_spec = InputSpec(ndim=4)

    def get_config(self):
        # (TF 1.14 leaves `interpolation` out: a reloaded layer is 'nearest')
        return _merge_config(super().get_config(), {"size": self.size,
                                                    "data_format": self.data_format})

    def call(self, inputs):
        # keras.backend.resize_images' ops: Shape, strided_slice, Const, mul, [transpose]
        x = inputs
        rows = 2 if self.data_format == "channels_first" else 1
        h, w = x.shape.as_list()[rows:rows + 2]
        new_shape = array_ops.shape(x)[rows:rows + 2]
        new_shape *= constant(np.array([self.size[0], self.size[1]], dtype="int32"))
        if self.data_format == "channels_first":
            x = array_ops.transpose(x, (0, 2, 3, 1))
        if self.interpolation == "nearest":
            x = image.resize_nearest_neighbor(x, new_shape)
        else:
            x = image.resize_bilinear(x, new_shape)
        x.set_shape((None, h * self.size[0] if h else None, w * self.size[1] if w else None,
                     None))
        if self.data_format == "channels_first":
            x = array_ops.transpose(x, (0, 3, 1, 2))
        return x


def _pairs(value, name, n):
    """((a, a), ...) from an int, (a, b, ...) (symmetric) or ((a1, a2), ...)."""
    if isinstance(value, int):
        return ((value, value),) * n
    if len(value) != n:
        raise ValueError("`%s` should have %d elements. Found: %s" % (name, n, value))
    if all(isinstance(v, int) for v in value):
        return tuple((v, v) for v in value)
    ordinal = ["1st", "2nd", "3rd"]
    return tuple(normalize_tuple(v, 2, "%s entry of %s" % (ordinal[i], name))
                 for i, v in enumerate(value))


def _crop_slice(pair):
    return slice(pair[0], -pair[1] if pair[1] else None)


def _spatial_shape(layer, input_shape, first, fn):
    dims = TensorShape(input_shape).as_list()
    for i, arg in enumerate(fn):
        axis = first + i
        if dims[axis] is not None:
            dims[axis] = arg(dims[axis])
    return TensorShape(dims)


def _first(layer):
    return 2 if layer.data_format == "channels_first" else 1


class ZeroPadding3D(Layer):
    """Pads the three spatial axes of a volume batch with zeros."""

    def __init__(self, padding=(1, 1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.padding = _pairs(padding, "padding", 3)
        self.input_spec = InputSpec(ndim=5)

    def call(self, inputs):
        spatial = [list(p) for p in self.padding]
        if self.data_format == "channels_first":
            pattern = [[0, 0], [0, 0]] + spatial
        else:
            pattern = [[0, 0]] + spatial + [[0, 0]]
        return array_ops.pad(inputs, pattern)

    def compute_output_shape(self, input_shape):
        return _spatial_shape(self, input_shape, _first(self),
                              [lambda d, p=p: d + p[0] + p[1] for p in self.padding])

    def get_config(self):
        return _merge_config(super().get_config(), {"padding": self.padding,
                                                    "data_format": self.data_format})


class Cropping1D(Layer):
    """Crops the steps axis of [batch, steps, features]."""

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(**kwargs)
        self.cropping = normalize_tuple(cropping, 2, "cropping")
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return inputs[:, _crop_slice(self.cropping), :]

    def compute_output_shape(self, input_shape):
        c = self.cropping
        return _spatial_shape(self, input_shape, 1, [lambda d: d - c[0] - c[1]])

    def get_config(self):
        return _merge_config(super().get_config(), {"cropping": self.cropping})


class Cropping3D(Layer):
    """Crops the three spatial axes of a volume batch."""

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.cropping = _pairs(cropping, "cropping", 3)
        self.input_spec = InputSpec(ndim=5)

    def call(self, inputs):
        d, h, w = (_crop_slice(p) for p in self.cropping)
        if self.data_format == "channels_first":
            return inputs[:, :, d, h, w]
        return inputs[:, d, h, w, :]

    def compute_output_shape(self, input_shape):
        return _spatial_shape(self, input_shape, _first(self),
                              [lambda d, p=p: d - p[0] - p[1] for p in self.cropping])

    def get_config(self):
        return _merge_config(super().get_config(), {"cropping": self.cropping,
                                                    "data_format": self.data_format})


def _repeat_elements(x, rep, axis):
    splits = array_ops.split(x, x.shape.as_list()[axis], axis)
    return array_ops.concat([s for s in splits for _ in range(rep)], axis)


class UpSampling3D(Layer):
    """Repeats each voxel `size` times along the three spatial axes."""

    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.size = normalize_tuple(size, 3, "size")
        self.input_spec = InputSpec(ndim=5)

    def call(self, inputs):
        first = 2 if self.data_format == "channels_first" else 1
        x = inputs
        for i, rep in enumerate(self.size):
            x = _repeat_elements(x, rep, first + i)
        return x

    def compute_output_shape(self, input_shape):
        return _spatial_shape(self, input_shape, _first(self),
                              [lambda d, r=r: d * r for r in self.size])

    def get_config(self):
        return _merge_config(super().get_config(), {"size": self.size,
                                                    "data_format": self.data_format})
