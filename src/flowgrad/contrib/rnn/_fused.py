"""tf.contrib.rnn's fused-RNN interface (TF 1.14's contrib/rnn/python/ops/fused_rnn_cell.py
and lstm_ops.py): FusedRNNCell (a cell called on a whole time-major sequence),
FusedRNNCellAdaptor (an RNNCell run by dynamic_rnn or static_rnn), TimeReversedFusedRNN
and LSTMBlockWrapper (the sequence_length masking and final-state gathering around a
subclass's `_call_cell`) and LSTMBlockFusedCell (one BlockLSTM op)."""
from __future__ import annotations

import abc

from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.ops.block_lstm import block_lstm
from ...engine.ops.construction import range as _range
from ...layers.base import InputSpec, Layer
from ...ops import array_ops, init_ops, math_ops
from ...ops import rnn as _rnn
from ...ops.rnn_cell_impl import LSTMStateTuple

__all__ = ["FusedRNNCell", "FusedRNNCellAdaptor", "LSTMBlockFusedCell", "LSTMBlockWrapper",
           "TimeReversedFusedRNN"]


class FusedRNNCell(abc.ABC):
    """A cell run on a whole sequence: __call__(inputs [time, batch, depth] or a list of
    [batch, depth], initial_state, dtype, sequence_length, scope) -> (outputs, state)."""

    @abc.abstractmethod
    def __call__(self, inputs, initial_state=None, dtype=None, sequence_length=None,
                 scope=None):
        pass


class FusedRNNCellAdaptor(FusedRNNCell):
    """Runs an RNNCell as a FusedRNNCell: dynamic_rnn (time major) or static_rnn; a list
    in gives a list out."""

    def __init__(self, cell, use_dynamic_rnn=False):
        self._cell = cell
        self._use_dynamic_rnn = use_dynamic_rnn

    def __call__(self, inputs, initial_state=None, dtype=None, sequence_length=None,
                 scope=None):
        is_list = isinstance(inputs, list)
        if self._use_dynamic_rnn:
            if is_list:
                inputs = array_ops.stack(inputs)
            outputs, state = _rnn.dynamic_rnn(self._cell, inputs,
                                              sequence_length=sequence_length,
                                              initial_state=initial_state, dtype=dtype,
                                              time_major=True, scope=scope)
            if is_list:
                outputs = array_ops.unstack(outputs)
        else:
            if not is_list:
                inputs = array_ops.unstack(inputs)
            outputs, state = _rnn.static_rnn(self._cell, inputs, initial_state=initial_state,
                                             dtype=dtype, sequence_length=sequence_length,
                                             scope=scope)
            if not is_list:
                outputs = array_ops.stack(outputs)
        return outputs, state


class TimeReversedFusedRNN(FusedRNNCell):
    """Runs a FusedRNNCell on the time-reversed sequence (each sequence's first
    `sequence_length` steps reversed) and reverses its outputs back."""

    def __init__(self, cell):
        self._cell = cell

    def _reverse(self, t, lengths):
        if isinstance(t, list):
            return list(reversed(t))
        if lengths is None:
            return array_ops.reverse_v2(t, [0])
        return array_ops.reverse_sequence(t, lengths, 0, 1)

    def __call__(self, inputs, initial_state=None, dtype=None, sequence_length=None,
                 scope=None):
        inputs = self._reverse(inputs, sequence_length)
        outputs, state = self._cell(inputs, initial_state=initial_state, dtype=dtype,
                                    sequence_length=sequence_length, scope=scope)
        return self._reverse(outputs, sequence_length), state


class LSTMBlockWrapper(Layer, metaclass=abc.ABCMeta):
    """Base of the fused LSTM layers: call(inputs [time, batch, depth] or a list,
    initial_state, dtype, sequence_length) zeroes the outputs past each sequence's
    length and gathers the final (cell state, output) at it; subclasses give
    `num_units` and `_call_cell(inputs, initial_cell_state, initial_output, dtype,
    sequence_length) -> (cell_states, outputs)`."""

    @property
    @abc.abstractmethod
    def num_units(self):
        """This cell's output size."""

    @abc.abstractmethod
    def _call_cell(self, inputs, initial_cell_state, initial_output, dtype,
                   sequence_length):
        """The cell states and outputs [time, batch, num_units] of the whole sequence."""

    def call(self, inputs, initial_state=None, dtype=None, sequence_length=None):
        is_list = isinstance(inputs, list)
        if is_list:
            inputs = array_ops.stack(inputs)
        inputs_shape = inputs.shape.with_rank(3)
        if not inputs_shape[2]:
            raise ValueError("Expecting inputs_shape[2] to be set: %s" % inputs_shape)
        batch_size = inputs_shape.dims[1].value
        if batch_size is None:
            batch_size = array_ops.shape(inputs)[1]
        time_len = inputs_shape.dims[0].value
        if time_len is None:
            time_len = array_ops.shape(inputs)[0]
        if initial_state is None:
            if dtype is None:
                raise ValueError("Either initial_state or dtype needs to be specified")
            z = array_ops.zeros(array_ops.stack([batch_size, self.num_units]), dtype=dtype)
            initial_state = z, z
        else:
            if len(initial_state) != 2:
                raise ValueError("Expecting initial_state to be a tuple with length 2 or None")
            if dtype is None:
                dtype = initial_state[0].dtype
        if sequence_length is not None:
            sequence_length = convert_to_tensor(sequence_length)
        initial_cell_state, initial_output = initial_state
        cell_states, outputs = self._call_cell(inputs, initial_cell_state, initial_output,
                                               dtype, sequence_length)
        if sequence_length is not None:
            mask = array_ops.transpose(
                array_ops.sequence_mask(sequence_length, time_len, dtype=dtype), [1, 0])
            mask = array_ops.tile(array_ops.expand_dims(mask, [-1]), [1, 1, self.num_units])
            outputs *= mask
            mod_cell_states = array_ops.concat(
                [array_ops.expand_dims(initial_cell_state, [0]), cell_states], 0)
            mod_outputs = array_ops.concat(
                [array_ops.expand_dims(initial_output, [0]), outputs], 0)
            final_cell_state = self._gather_states(mod_cell_states, sequence_length,
                                                   batch_size)
            final_output = self._gather_states(mod_outputs, sequence_length, batch_size)
        else:
            final_cell_state = cell_states[-1]
            final_output = outputs[-1]
        if is_list:
            outputs = array_ops.unstack(outputs)
        return outputs, LSTMStateTuple(final_cell_state, final_output)

    def _gather_states(self, data, indices, batch_size):
        return array_ops.gather_nd(
            data, array_ops.stack([indices, _range(batch_size)], axis=1))


class LSTMBlockFusedCell(LSTMBlockWrapper):
    """TF's fused LSTM over a whole time-major sequence: one BlockLSTM op; variables
    kernel [depth + units, 4 units], bias and optional w_i/f/o_diag (scope
    `lstm_fused_cell`); the gates are LSTMBlockCell's."""

    def __init__(self, num_units, forget_bias=1.0, cell_clip=None, use_peephole=False,
                 reuse=None, dtype=None, name="lstm_fused_cell"):
        super().__init__(_reuse=reuse, name=name, dtype=dtype)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._cell_clip = cell_clip if cell_clip is not None else -1
        self._use_peephole = use_peephole
        self.input_spec = InputSpec(ndim=3)

    @property
    def num_units(self):
        return self._num_units

    def build(self, input_shape):
        input_size = input_shape.dims[2].value
        n = self._num_units
        self._kernel = self.add_variable("kernel", [input_size + n, n * 4])
        self._bias = self.add_variable("bias", [n * 4],
                                       initializer=init_ops.constant_initializer(0.0))
        if self._use_peephole:
            self._w_i_diag = self.add_variable("w_i_diag", [n])
            self._w_f_diag = self.add_variable("w_f_diag", [n])
            self._w_o_diag = self.add_variable("w_o_diag", [n])
        self.built = True

    def _call_cell(self, inputs, initial_cell_state=None, initial_output=None, dtype=None,
                   sequence_length=None):
        time_len = inputs.shape.with_rank(3).dims[0].value
        if time_len is None:
            time_len = array_ops.shape(inputs)[0]
        if self._use_peephole:
            wci, wco, wcf = self._w_i_diag, self._w_o_diag, self._w_f_diag
        else:
            wci = wcf = wco = array_ops.zeros([self._num_units], dtype=dtype)
        if sequence_length is None:
            max_seq_len = math_ops.cast(time_len, dtypes.int64)
        else:
            max_seq_len = math_ops.cast(math_ops.reduce_max(sequence_length), dtypes.int64)
        _, cs, _, _, _, _, h = block_lstm(
            seq_len_max=max_seq_len, x=inputs, cs_prev=initial_cell_state,
            h_prev=initial_output, w=self._kernel, wci=wci, wcf=wcf, wco=wco, b=self._bias,
            forget_bias=self._forget_bias, cell_clip=self._cell_clip,
            use_peephole=self._use_peephole)
        return cs, h
