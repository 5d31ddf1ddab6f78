"""tf.contrib.rnn's ConvLSTMCell and Conv1D/2D/3DLSTMCell (TF 1.14's
contrib/rnn/python/ops/rnn_cell.py, Shi et al. 2015): the LSTM gates from one SAME
convolution of [inputs, hidden] (variables `kernel` [*kernel_shape, in + out channels,
4 out channels] and `biases`), op for op as TF builds them."""
from __future__ import annotations

from ...engine.framework.tensor_shape import TensorShape
from ...engine.ops.convolution import conv2d, conv3d
from ...ops import array_ops, init_ops, math_ops
from ...ops import variable_scope as vs
from ...ops.conv_ops import conv1d
from ...ops.rnn_cell_impl import LSTMStateTuple, RNNCell

__all__ = ["Conv1DLSTMCell", "Conv2DLSTMCell", "Conv3DLSTMCell", "ConvLSTMCell"]


class ConvLSTMCell(RNNCell):
    """Convolutional LSTM cell over [batch, *spatial, channels] inputs. `initializers`
    is accepted and unused, as in TF 1.14 (the kernel takes the scope's initializer)."""

    def __init__(self, conv_ndims, input_shape, output_channels, kernel_shape, use_bias=True,
                 skip_connection=False, forget_bias=1.0, initializers=None,
                 name="conv_lstm_cell"):
        super().__init__(name=name)
        if conv_ndims != len(input_shape) - 1:
            raise ValueError("Invalid input_shape {} for conv_ndims={}.".format(
                input_shape, conv_ndims))
        self._conv_ndims = conv_ndims
        self._input_shape = input_shape
        self._output_channels = output_channels
        self._kernel_shape = list(kernel_shape)
        self._use_bias = use_bias
        self._forget_bias = forget_bias
        self._skip_connection = skip_connection
        self._total_output_channels = output_channels
        if self._skip_connection:
            self._total_output_channels += self._input_shape[-1]
        state_size = TensorShape(list(self._input_shape[:-1]) + [self._output_channels])
        self._state_size = LSTMStateTuple(state_size, state_size)
        self._output_size = TensorShape(list(self._input_shape[:-1]) +
                                        [self._total_output_channels])

    @property
    def output_size(self):
        return self._output_size

    @property
    def state_size(self):
        return self._state_size

    def call(self, inputs, state, scope=None):
        cell, hidden = state
        new_hidden = _conv([inputs, hidden], self._kernel_shape, 4 * self._output_channels,
                           self._use_bias)
        gates = array_ops.split(value=new_hidden, num_or_size_splits=4,
                                axis=self._conv_ndims + 1)
        input_gate, new_input, forget_gate, output_gate = gates
        new_cell = math_ops.sigmoid(forget_gate + self._forget_bias) * cell
        new_cell += math_ops.sigmoid(input_gate) * math_ops.tanh(new_input)
        output = math_ops.tanh(new_cell) * math_ops.sigmoid(output_gate)
        if self._skip_connection:
            output = array_ops.concat([output, inputs], axis=-1)
        return output, LSTMStateTuple(new_cell, output)


class Conv1DLSTMCell(ConvLSTMCell):
    """ConvLSTMCell with conv_ndims=1."""

    def __init__(self, name="conv_1d_lstm_cell", **kwargs):
        super().__init__(conv_ndims=1, name=name, **kwargs)


class Conv2DLSTMCell(ConvLSTMCell):
    """ConvLSTMCell with conv_ndims=2."""

    def __init__(self, name="conv_2d_lstm_cell", **kwargs):
        super().__init__(conv_ndims=2, name=name, **kwargs)


class Conv3DLSTMCell(ConvLSTMCell):
    """ConvLSTMCell with conv_ndims=3."""

    def __init__(self, name="conv_3d_lstm_cell", **kwargs):
        super().__init__(conv_ndims=3, name=name, **kwargs)


def _conv(args, filter_size, num_features, bias, bias_start=0.0):
    """SAME convolution of the channel concat of `args` (3-D, 4-D or 5-D), plus biases."""
    total_depth = 0
    shapes = [a.shape.as_list() for a in args]
    rank = len(shapes[0])
    for shape in shapes:
        if len(shape) not in (3, 4, 5):
            raise ValueError("Conv Linear expects 3D, 4D or 5D arguments: %s" % str(shapes))
        if len(shape) != rank:
            raise ValueError("Conv Linear expects all args to be of same Dimension: %s"
                             % str(shapes))
        total_depth += shape[-1]
    dtype = args[0].dtype
    if rank == 3:
        conv_op, strides = conv1d, 1
    elif rank == 4:
        conv_op, strides = conv2d, rank * [1]
    else:
        conv_op, strides = conv3d, rank * [1]
    kernel = vs.get_variable("kernel", filter_size + [total_depth, num_features], dtype=dtype)
    if len(args) == 1:
        res = conv_op(args[0], kernel, strides, padding="SAME")
    else:
        res = conv_op(array_ops.concat(axis=rank - 1, values=args), kernel, strides,
                      padding="SAME")
    if not bias:
        return res
    bias_term = vs.get_variable("biases", [num_features], dtype=dtype,
                                initializer=init_ops.constant_initializer(bias_start,
                                                                          dtype=dtype))
    return res + bias_term
