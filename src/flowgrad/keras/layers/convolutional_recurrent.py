"""tf.keras.layers.ConvLSTM2D (TF 1.14 keras/layers/convolutional_recurrent.py): an LSTM
whose input and recurrent transformations are 2-D convolutions, over [batch, time, rows,
cols, channels] inputs (or channels_first [batch, time, channels, rows, cols]).

As TF 1.14's: the cell's weights `kernel` [kh, kw, input_channels, 4 * filters] and
`recurrent_kernel` [kh, kw, filters, 4 * filters] (gates i, f, c, o along the last axis),
`bias` [4 * filters] (the forget gate's quarter initialized to ones with
unit_forget_bias); the input convolution takes the layer's strides, padding and dilation,
the recurrent one stride 1 and 'same' padding; the initial state is the input convolution
of zeros with a zero kernel; dropout masks are drawn once per call, one per gate;
`stateful` keeps 4-D states in variables; return_state through keyword arguments.
"""
import numpy as np

from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops
from ...ops.variables import Variable
from .. import activations, backend as K
from ..engine import base_layer_utils as blu
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec
from ..utils import (conv_output_length, normalize_data_format, normalize_padding,
                     normalize_tuple)
from ._config import _merge_config
from .recurrent import RNN, _Cell, _ser

__all__ = ["ConvRNN2D", "ConvLSTM2DCell", "ConvLSTM2D"]


class ConvLSTM2DCell(_Cell):
    """One ConvLSTM2D step: i, f, o = recurrent_activation(conv(x) + conv(h)), c = f * c +
    i * activation(conv(x) + conv(h)), h = o * activation(c)."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0., recurrent_dropout=0., **kwargs):
        Layer.__init__(self, **kwargs)
        self._dropout_mask = None
        self._recurrent_dropout_mask = None
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, 2, "kernel_size")
        self.strides = normalize_tuple(strides, 2, "strides")
        self.padding = normalize_padding(padding)
        self.data_format = normalize_data_format(data_format)
        self.dilation_rate = normalize_tuple(dilation_rate, 2, "dilation_rate")
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = blu.get_initializer(kernel_initializer)
        self.recurrent_initializer = blu.get_initializer(recurrent_initializer)
        self.bias_initializer = blu.get_initializer(bias_initializer)
        self.unit_forget_bias = unit_forget_bias
        self.kernel_regularizer = blu.get_regularizer(kernel_regularizer)
        self.recurrent_regularizer = blu.get_regularizer(recurrent_regularizer)
        self.bias_regularizer = blu.get_regularizer(bias_regularizer)
        self.kernel_constraint = blu.get_constraint(kernel_constraint)
        self.recurrent_constraint = blu.get_constraint(recurrent_constraint)
        self.bias_constraint = blu.get_constraint(bias_constraint)
        self.dropout = min(1., max(0., dropout))
        self.recurrent_dropout = min(1., max(0., recurrent_dropout))
        self.state_size = (self.filters, self.filters)

    def build(self, input_shape):
        channel_axis = 1 if self.data_format == "channels_first" else -1
        input_dim = TensorShape(input_shape).as_list()[channel_axis]
        if input_dim is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found "
                             "`None`.")
        self.kernel_shape = self.kernel_size + (input_dim, self.filters * 4)
        self.kernel = self.add_weight(shape=self.kernel_shape,
                                      initializer=self.kernel_initializer, name="kernel",
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=self.kernel_size + (self.filters, self.filters * 4),
            initializer=self.recurrent_initializer, name="recurrent_kernel",
            regularizer=self.recurrent_regularizer, constraint=self.recurrent_constraint)
        self.bias = None
        if self.use_bias:
            bias_initializer = self.bias_initializer
            if self.unit_forget_bias:
                base, filters = self.bias_initializer, self.filters
                ones = blu.get_initializer("ones")

                def bias_initializer(_, *args, **kwargs):
                    return K.concatenate([base((filters,), *args, **kwargs),
                                          ones((filters,), *args, **kwargs),
                                          base((filters * 2,), *args, **kwargs)])
            self.bias = self.add_weight(shape=(self.filters * 4,), name="bias",
                                        initializer=bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        self.built = True

    def call(self, inputs, states, training=None):
        h_tm1, c_tm1 = states[0], states[1]
        dp, rec_dp = self._masks(inputs, h_tm1, 4, training)
        xs = [inputs * dp[i] for i in range(4)] if dp is not None and self.dropout < 1. \
            else [inputs] * 4
        hs = [h_tm1 * rec_dp[i] for i in range(4)] \
            if rec_dp is not None and self.recurrent_dropout < 1. else [h_tm1] * 4
        kernels = self._split("kernel", 3)
        recurrent = self._split("recurrent_kernel", 3)
        biases = self._split("bias", 0) if self.use_bias else [None] * 4
        x_i, x_f, x_c, x_o = [self.input_conv(x, k, b, padding=self.padding)
                              for x, k, b in zip(xs, kernels, biases)]
        h_i, h_f, h_c, h_o = [self.recurrent_conv(h, k) for h, k in zip(hs, recurrent)]
        i = self.recurrent_activation(x_i + h_i)
        f = self.recurrent_activation(x_f + h_f)
        c = f * c_tm1 + i * self.activation(x_c + h_c)
        o = self.recurrent_activation(x_o + h_o)
        h = o * self.activation(c)
        return h, [h, c]

    def _masks(self, inputs, h_tm1, count, training):
        """TF 1.14's DropoutRNNCellMixin masks: K.dropout of ones (an op seed drawn from
        NumPy's global generator), one per gate, made on the first step (outside the
        loop) and kept for the call."""
        def masks(ones, rate):
            return [K.in_train_phase(lambda: K.dropout(ones, rate), ones, training=training)
                    for _ in range(count)]
        if self.dropout > 0 and self._dropout_mask is None:
            self._dropout_mask = masks(array_ops.ones_like(inputs), self.dropout)
        if self.recurrent_dropout > 0 and self._recurrent_dropout_mask is None:
            self._recurrent_dropout_mask = masks(array_ops.ones_like(h_tm1),
                                                 self.recurrent_dropout)
        return self._dropout_mask, self._recurrent_dropout_mask

    def _snapshot(self):
        self._reads = {}

    def _split(self, name, axis):
        """The weight's four gate slices. TF 1.14 splits the variable in each step; the
        first split (K.rnn's step at time zero, outside the loop: the same ops as TF's
        there) serves the loop's steps too (flowgrad's while_loop gradients need the
        reads outside the loop body)."""
        reads = getattr(self, "_reads", None)
        if reads is not None and name in reads:
            return reads[name]
        parts = array_ops.split(getattr(self, name), 4, axis=axis)
        if reads is not None:
            reads[name] = parts
        return parts

    def input_conv(self, x, w, b=None, padding="valid"):
        conv_out = K.conv2d(x, w, strides=self.strides, padding=padding,
                            data_format=self.data_format, dilation_rate=self.dilation_rate)
        if b is not None:
            conv_out = K.bias_add(conv_out, b, data_format=self.data_format)
        return conv_out

    def recurrent_conv(self, x, w):
        return K.conv2d(x, w, strides=(1, 1), padding="same", data_format=self.data_format)

    def _conv_config(self):
        return {"filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate,
                "activation": activations.serialize(self.activation),
                "recurrent_activation": activations.serialize(self.recurrent_activation),
                "use_bias": self.use_bias,
                "kernel_initializer": _ser(self.kernel_initializer),
                "recurrent_initializer": _ser(self.recurrent_initializer),
                "bias_initializer": _ser(self.bias_initializer),
                "unit_forget_bias": self.unit_forget_bias,
                "kernel_regularizer": _ser(self.kernel_regularizer),
                "recurrent_regularizer": _ser(self.recurrent_regularizer),
                "bias_regularizer": _ser(self.bias_regularizer),
                "kernel_constraint": _ser(self.kernel_constraint),
                "recurrent_constraint": _ser(self.recurrent_constraint),
                "bias_constraint": _ser(self.bias_constraint),
                "dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout}

    def get_config(self):
        return _merge_config(Layer.get_config(self), self._conv_config())


class ConvRNN2D(RNN):
    """The RNN layer of convolutional cells (5-D inputs, 4-D states)."""

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, **kwargs):
        if unroll:
            raise TypeError("Unrolling isn't possible with convolutional RNNs.")
        if isinstance(cell, (list, tuple)):
            raise TypeError("It is not possible at the moment tostack convolutional cells.")
        super().__init__(cell, return_sequences, return_state, go_backwards, stateful, unroll,
                         **kwargs)
        self.input_spec = [InputSpec(ndim=5)]
        self._num_constants = None

    def _rows_cols(self, input_shape):
        cell = self.cell
        first = cell.data_format == "channels_first"
        rows, cols = (input_shape[3], input_shape[4]) if first else \
            (input_shape[2], input_shape[3])
        rows = conv_output_length(rows, cell.kernel_size[0], padding=cell.padding,
                                  stride=cell.strides[0], dilation=cell.dilation_rate[0])
        cols = conv_output_length(cols, cell.kernel_size[1], padding=cell.padding,
                                  stride=cell.strides[1], dilation=cell.dilation_rate[1])
        return rows, cols

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        input_shape = tuple(TensorShape(input_shape).as_list())
        cell = self.cell
        rows, cols = self._rows_cols(input_shape)
        first = cell.data_format == "channels_first"
        step = (cell.filters, rows, cols) if first else (rows, cols, cell.filters)
        output_shape = input_shape[:2] + step
        if not self.return_sequences:
            output_shape = output_shape[:1] + output_shape[2:]
        if self.return_state:
            return [TensorShape(output_shape)] + [TensorShape((input_shape[0],) + step)
                                                  for _ in range(2)]
        return TensorShape(output_shape)

    def build(self, input_shape):
        with_states = isinstance(input_shape, list)
        if with_states:
            input_shape = input_shape[0]
        input_shape = tuple(TensorShape(input_shape).as_list())
        if not with_states:
            batch_size = input_shape[0] if self.stateful else None
            self.input_spec = [InputSpec(shape=(batch_size, None) + input_shape[2:5])]
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build((input_shape[0],) + input_shape[2:])
            self.cell.built = True
        if self.stateful:
            self.reset_states()
        self.built = True

    def get_initial_state(self, inputs):
        initial_state = K.sum(K.zeros_like(inputs), axis=1)
        shape = list(self.cell.kernel_shape)
        shape[-1] = self.cell.filters
        initial_state = self.cell.input_conv(initial_state, array_ops.zeros(tuple(shape)),
                                             padding=self.cell.padding)
        return [initial_state for _ in self.cell.state_size]

    def reset_states(self, states=None):
        if not self.stateful:
            raise AttributeError("Layer must be stateful.")
        input_shape = self.input_spec[0].shape
        state_shape = self.compute_output_shape(input_shape)
        if self.return_state:
            state_shape = state_shape[0]
        state_shape = state_shape.as_list()
        if self.return_sequences:
            state_shape = state_shape[:1] + state_shape[2:]
        if None in state_shape:
            # TF 1.14's check for this (a ValueError asking for the batch size) never fires:
            # its TensorShape's unknown dimensions do not equal None; K.zeros then fails
            raise TypeError("__int__ returned non-int (type NoneType)")

        def tuple_shape(channels):
            result = list(state_shape)
            result[1 if self.cell.data_format == "channels_first" else 3] = channels
            return tuple(result)
        sizes = self.cell.state_size
        if self._state_vars is None:
            self._state_vars = [Variable(np.zeros(tuple_shape(dim), "float32"),
                                         use_resource=True) for dim in sizes]
            for v in self._state_vars:
                K.track_variable(v)
            return
        if states is None:
            values = [np.zeros(tuple_shape(dim), "float32") for dim in sizes]
        else:
            values = states if isinstance(states, (list, tuple)) else [states]
            if len(values) != len(self._state_vars):
                raise ValueError("Layer " + self.name + " expects " +
                                 str(len(self._state_vars)) + " states, but it received " +
                                 str(len(values)) + " state values. Input received: " +
                                 str(states))
            for index, (value, dim) in enumerate(zip(values, sizes)):
                if value.shape != tuple_shape(dim):
                    raise ValueError("State " + str(index) + " is incompatible with layer " +
                                     self.name + ": expected shape=" + str(tuple_shape(dim)) +
                                     ", found shape=" + str(value.shape))
        for var, value in zip(self._state_vars, values):
            K.set_value(var, value)


_CELL_ARGS = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
              "activation", "recurrent_activation", "use_bias", "kernel_initializer",
              "recurrent_initializer", "bias_initializer", "unit_forget_bias",
              "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
              "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
              "recurrent_dropout")


class ConvLSTM2D(ConvRNN2D):
    """Convolutional LSTM over [batch, time, rows, cols, channels] (channels_last) inputs."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, return_sequences=False,
                 go_backwards=False, stateful=False, dropout=0., recurrent_dropout=0.,
                 **kwargs):
        args = dict(locals())
        cell = ConvLSTM2DCell(**{k: args[k] for k in _CELL_ARGS})
        super().__init__(cell, return_sequences=return_sequences, go_backwards=go_backwards,
                         stateful=stateful, **kwargs)
        self.activity_regularizer = blu.get_regularizer(activity_regularizer)

    def get_config(self):
        config = {}
        for key, value in self.cell._conv_config().items():   # TF's key order: the
            config[key] = value                                 # activity regularizer
            if key == "bias_regularizer":                       # after the bias's
                config["activity_regularizer"] = _ser(self.activity_regularizer)
        base = super().get_config()
        del base["cell"]
        return _merge_config(base, config)

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _cell_property(key):
    return property(lambda self: getattr(self.cell, key), doc="The cell's `%s`." % key)


for _key in _CELL_ARGS:
    setattr(ConvLSTM2D, _key, _cell_property(_key))
