"""Keras locally-connected layers (TF 1.14 keras/layers/local.py): LocallyConnected1D and
LocallyConnected2D, convolutions whose weights are not shared between output positions.

TF 1.14 has two implementations, both here with TF's variable shapes and values:
`implementation=1` slices each output position's window and multiplies the stacked
windows by a kernel [output positions, window size * channels, filters] (valid padding
only); `implementation=2` multiplies the flattened input by a dense kernel masked to
the connected (input, output) position pairs, shaped (inputs..., outputs...) as TF's
(any padding). Other values raise TF's ValueError when the layer is built.
"""
import itertools

import numpy as np

from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, math_ops
from ...ops.linalg_ops import matmul, sparse_matmul
from .. import activations
from ..engine import base_layer_utils as blu
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec
from ..utils import conv_output_length, normalize_data_format, normalize_padding, normalize_tuple
from ._config import _merge_config

__all__ = ["LocallyConnected1D", "LocallyConnected2D"]


def _local_conv(inputs, kernel, kernel_size, strides, output_shape, data_format):
    """TF 1.14's keras.backend.local_conv: each output position's window, flattened to
    [1, batch, window * channels] (in the input's dim order), stacked and batch-multiplied
    by the kernel [positions, window * channels, filters]."""
    feature_dim = kernel.shape.as_list()[1]
    channels_out = kernel.shape.as_list()[-1]
    ndims = len(output_shape)
    spatial = list(range(ndims))
    xs = []
    for position in itertools.product(*[range(n) for n in output_shape]):
        slices = [slice(None)]
        if data_format == "channels_first":
            slices.append(slice(None))
        slices.extend(slice(position[d] * strides[d], position[d] * strides[d] + kernel_size[d])
                      for d in spatial)
        if data_format == "channels_last":
            slices.append(slice(None))
        xs.append(array_ops.reshape(inputs[tuple(slices)], (1, -1, feature_dim)))
    x_aggregate = array_ops.concat(xs, axis=0)
    output = matmul(x_aggregate, kernel)
    output = array_ops.reshape(output, tuple(output_shape) + (-1, channels_out))
    if data_format == "channels_first":
        permutation = [ndims, ndims + 1] + spatial
    else:
        permutation = [ndims] + spatial + [ndims + 1]
    return array_ops.transpose(output, permutation)


def _conv_kernel_mask(input_shape, kernel_shape, strides, padding):
    """TF's conv_utils.conv_kernel_mask: bool [inputs..., outputs...], True where an
    input position lies in an output position's window."""
    in_dims = len(input_shape)
    out_shape = tuple(conv_output_length(input_shape[d], kernel_shape[d], padding, strides[d])
                      for d in range(in_dims))
    mask = np.zeros(tuple(input_shape) + out_shape, np.bool_)
    for out_pos in itertools.product(*[range(n) for n in out_shape]):
        ranges = []
        for d in range(in_dims):
            left = kernel_shape[d] // 2 if padding == "same" else 0
            center = out_pos[d] * strides[d] + (kernel_shape[d] // 2 - left)
            start = max(0, center - kernel_shape[d] // 2)
            end = min(input_shape[d], center + (kernel_shape[d] - kernel_shape[d] // 2))
            ranges.append(range(start, end))
        for in_pos in itertools.product(*ranges):
            mask[in_pos + out_pos] = True
    return mask


def _locally_connected_mask(input_shape, kernel_shape, strides, padding, data_format):
    mask = _conv_kernel_mask(input_shape, kernel_shape, strides, padding)
    ndims = mask.ndim // 2
    if data_format == "channels_first":
        mask = np.expand_dims(np.expand_dims(mask, 0), -ndims - 1)
    else:
        mask = np.expand_dims(np.expand_dims(mask, ndims), -1)
    return mask


def _local_conv_matmul(inputs, kernel, kernel_mask, output_shape):
    """TF 1.14's local_conv_matmul: flattened inputs times the masked kernel reshaped to
    [input size, output size] (SparseMatMul, b_is_sparse)."""
    inputs_flat = array_ops.reshape(inputs, (array_ops.shape(inputs)[0], -1))
    kernel = kernel_mask * kernel   # the variable's __rmul__: ReadVariableOp, mul/x, mul
    kernel = _make_2d(kernel, kernel.shape.ndims // 2)
    output_flat = sparse_matmul(inputs_flat, kernel, b_is_sparse=True)
    return array_ops.reshape(output_flat,
                             [array_ops.shape(output_flat)[0]] + list(output_shape[1:]))


def _make_2d(tensor, split_dim):
    shape = array_ops.shape(tensor)
    in_dims, out_dims = shape[:split_dim], shape[split_dim:]
    in_size = math_ops.reduce_prod(in_dims)
    out_size = math_ops.reduce_prod(out_dims)
    return array_ops.reshape(tensor, (in_size, out_size))


def _bias_add(x, bias, data_format):
    """keras.backend.bias_add for a bias of x's rank - 1, as TF 1.14 (channels_first
    reshapes the bias [positions..., filters] to [1, filters, positions...] in memory
    order, without transposing)."""
    bias_shape = tuple(bias.shape.as_list())
    if data_format == "channels_first":
        return x + array_ops.reshape(bias, (1, bias_shape[-1]) + bias_shape[:-1])
    return x + array_ops.reshape(bias, (1,) + bias_shape)


class _LocallyConnected(Layer):
    rank = None

    def __init__(self, filters, kernel_size, strides, padding, data_format, activation,
                 use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                 bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint,
                 implementation, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, self.rank, "kernel_size")
        self.strides = normalize_tuple(strides, self.rank, "strides")
        self.padding = normalize_padding(padding)
        if self.padding != "valid" and implementation == 1:
            raise ValueError(f"Invalid border mode for {type(self).__name__} (only \"valid\" "
                             f"is supported if implementation is 1): {padding}")
        self.data_format = normalize_data_format(data_format)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = blu.get_initializer(kernel_initializer)
        self.bias_initializer = blu.get_initializer(bias_initializer)
        self.kernel_regularizer = blu.get_regularizer(kernel_regularizer)
        self.bias_regularizer = blu.get_regularizer(bias_regularizer)
        self.activity_regularizer = blu.get_regularizer(activity_regularizer)
        self.kernel_constraint = blu.get_constraint(kernel_constraint)
        self.bias_constraint = blu.get_constraint(bias_constraint)
        self.implementation = implementation
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _spatial_and_channels(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        if self.data_format == "channels_first":
            return dims[2:], dims[1]
        return dims[1:-1], dims[-1]

    def _build(self, spatial, channels):
        out = [conv_output_length(spatial[d], self.kernel_size[d], self.padding,
                                  self.strides[d]) for d in range(self.rank)]
        if self.implementation == 1:
            kernel_shape = (int(np.prod(out)), int(np.prod(self.kernel_size)) * channels,
                            self.filters)
        elif self.implementation == 2:
            if self.data_format == "channels_first":
                kernel_shape = (channels,) + tuple(spatial) + (self.filters,) + tuple(out)
            else:
                kernel_shape = tuple(spatial) + (channels,) + tuple(out) + (self.filters,)
        else:
            raise ValueError("Unrecognized implementation mode: %d." % self.implementation)
        self.kernel_shape = kernel_shape
        self.kernel = self.add_weight(shape=kernel_shape, initializer=self.kernel_initializer,
                                      name="kernel", regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.implementation == 2:
            self.kernel_mask = _locally_connected_mask(tuple(spatial), self.kernel_size,
                                                       self.strides, self.padding,
                                                       self.data_format)
        if self.use_bias:
            self.bias = self.add_weight(shape=tuple(out) + (self.filters,),
                                        initializer=self.bias_initializer, name="bias",
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        axis = 1 if self.data_format == "channels_first" else -1
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={axis: channels})
        self.built = True
        return out

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).as_list()
        spatial = input_shape[2:] if self.data_format == "channels_first" else input_shape[1:-1]
        out = [conv_output_length(spatial[d], self.kernel_size[d], self.padding,
                                  self.strides[d]) for d in range(self.rank)]
        if self.data_format == "channels_first":
            return TensorShape([input_shape[0], self.filters] + out)
        return TensorShape([input_shape[0]] + out + [self.filters])

    def call(self, inputs):
        if self.implementation == 1:
            output = _local_conv(inputs, self.kernel, self.kernel_size, self.strides,
                                 tuple(self._output_spatial), self.data_format)
        elif self.implementation == 2:
            output = _local_conv_matmul(inputs, self.kernel, self.kernel_mask,
                                        self.compute_output_shape(inputs.shape).as_list())
        else:
            raise ValueError("Unrecognized implementation mode: %d." % self.implementation)
        if self.use_bias:
            output = _bias_add(output, self.bias, self.data_format)
        return self.activation(output)

    def get_config(self):
        return _merge_config(super().get_config(), {
            "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
            "padding": self.padding, "data_format": self.data_format,
            "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
            "kernel_initializer": self.kernel_initializer,
            "bias_initializer": self.bias_initializer,
            "kernel_regularizer": self.kernel_regularizer,
            "bias_regularizer": self.bias_regularizer,
            "activity_regularizer": self.activity_regularizer,
            "kernel_constraint": self.kernel_constraint,
            "bias_constraint": self.bias_constraint, "implementation": self.implementation})


class LocallyConnected1D(_LocallyConnected):
    """A 1-D convolution with unshared weights: output position i has a kernel of its own.

    Input [batch, steps, channels] (channels_last) or [batch, channels, steps]; kernel
    [out_steps, kernel_size * channels, filters] (implementation 1) or
    [steps, channels, out_steps, filters] (implementation 2; channels_first
    [channels, steps, filters, out_steps]); bias [out_steps, filters].
    """
    rank = 1

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 implementation=1, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, activation,
                         use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint,
                         bias_constraint, implementation, **kwargs)

    def build(self, input_shape):
        spatial, channels = self._spatial_and_channels(input_shape)
        if channels is None:
            raise ValueError("Axis 2 of input should be fully-defined. Found shape:",
                             TensorShape(input_shape).as_list())
        out = self._build(spatial, channels)
        self.output_length = out[0]
        self._output_spatial = out


class LocallyConnected2D(_LocallyConnected):
    """A 2-D convolution with unshared weights: each output position has a kernel of its
    own. Kernel [out_rows * out_cols, kh * kw * channels, filters] (implementation 1) or
    [rows, cols, channels, out_rows, out_cols, filters] (implementation 2); bias
    [out_rows, out_cols, filters]."""
    rank = 2

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format=None, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, implementation=1, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, activation,
                         use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint,
                         bias_constraint, implementation, **kwargs)

    def build(self, input_shape):
        spatial, _ = self._spatial_and_channels(input_shape)
        if spatial[0] is None or spatial[1] is None:
            raise ValueError("The spatial dimensions of the inputs to  a LocallyConnected2D "
                             "layer should be fully-defined, but layer received the inputs "
                             "shape " + str(tuple(TensorShape(input_shape).as_list())))
        _, channels = self._spatial_and_channels(input_shape)
        out = self._build(spatial, channels)
        self.output_row, self.output_col = out
        self._output_spatial = out
