"""tf.contrib.rnn's GridLSTMCell and BidirectionalGridLSTMCell (TF 1.14's
contrib/rnn/python/ops/rnn_cell.py; Kalchbrenner et al. 2015, Li et al. 2016): an LSTM
along time and one along frequency per input window, per frequency block. Variables
`W_f_<block>_<shard>`, `B_f_<block>` (and `W_t_*`, `B_t_*` unless time and frequency share
weights), the `W_{F,I,O}_diag_{freq,time}{f,t}_<block>` peepholes; the steps op for op.
TF's quirk is kept: with state_is_tuple=False every block reads the state's first
columns."""
from __future__ import annotations

import collections

from ...engine.framework import dtypes
from ...engine.framework.constant_op import constant
from ...engine.framework.tensor_shape import dimension_value
from ...logging import warning as _warn
from ...ops import array_ops, init_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.linalg_ops import matmul
from ...ops.rnn_cell_impl import RNNCell
from ._lstm_variants import concat_variable

__all__ = ["BidirectionalGridLSTMCell", "GridLSTMCell"]


def _state_names(prefix_fmt, blocks):
    names = ""
    for block_index, count in enumerate(blocks):
        for freq_index in range(count):
            p = prefix_fmt % (freq_index, block_index)
            names += "%s_c, %s_m," % (p, p)
    return names


class _Weights:
    """One block's variables: gate matrices and peepholes (None where absent)."""

    def __init__(self, cell, block, width, dtype):
        n = cell._num_units
        gates = 3 if cell._couple_input_forget_gates else 4

        def diag(name):
            return vs.get_variable("%s_%d" % (name, block), shape=[n], dtype=dtype)

        self.w_f = concat_variable("W_f_%d" % block, [width + 2 * n, gates * n], dtype,
                                   cell._num_unit_shards)
        self.b_f = vs.get_variable("B_f_%d" % block, shape=[gates * n], dtype=dtype,
                                   initializer=init_ops.zeros_initializer())
        shared = cell._share_time_frequency_weights
        if not shared:
            self.w_t = concat_variable("W_t_%d" % block, [width + 2 * n, gates * n], dtype,
                                       cell._num_unit_shards)
            self.b_t = vs.get_variable("B_t_%d" % block, shape=[gates * n], dtype=dtype,
                                       initializer=init_ops.zeros_initializer())
        self.peep = {}
        if cell._use_peepholes:
            kinds = "IO" if cell._couple_input_forget_gates else "FIO"
            for kind in kinds:
                for src in ("freqf", "freqt"):
                    self.peep[kind, "freq", src[-1]] = diag("W_%s_diag_%s" % (kind, src))
                # TF creates the F pair first, then I, then O
            if not shared:
                for kind in kinds:
                    for src in ("timef", "timet"):
                        self.peep[kind, "time", src[-1]] = diag("W_%s_diag_%s" % (kind, src))
            else:
                for key in list(self.peep):
                    self.peep[key[0], "time", key[2]] = self.peep[key]


class GridLSTMCell(RNNCell):
    """Grid LSTM over time and frequency; outputs [m_time, m_freq] per window."""

    def __init__(self, num_units, use_peepholes=False, share_time_frequency_weights=False,
                 cell_clip=None, initializer=None, num_unit_shards=1, forget_bias=1.0,
                 feature_size=None, frequency_skip=None, num_frequency_blocks=None,
                 start_freqindex_list=None, end_freqindex_list=None,
                 couple_input_forget_gates=False, state_is_tuple=True, reuse=None):
        super().__init__(_reuse=reuse)
        if not state_is_tuple:
            _warn("%s: Using a concatenated state is slower and will soon be deprecated.  "
                  "Use state_is_tuple=True.", self)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._share_time_frequency_weights = share_time_frequency_weights
        self._couple_input_forget_gates = couple_input_forget_gates
        self._state_is_tuple = state_is_tuple
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_unit_shards = num_unit_shards
        self._forget_bias = forget_bias
        self._feature_size = feature_size
        self._frequency_skip = frequency_skip
        self._start_freqindex_list = start_freqindex_list
        self._end_freqindex_list = end_freqindex_list
        self._num_frequency_blocks = num_frequency_blocks
        if num_frequency_blocks is None:
            raise ValueError("Must specify num_frequency_blocks")
        self._total_blocks = sum(int(b) for b in num_frequency_blocks)
        if state_is_tuple:
            names = _state_names("state_f%02d_b%02d", num_frequency_blocks)
            self._state_tuple_type = collections.namedtuple("GridLSTMStateTuple",
                                                            names.strip(","))
            self._state_size = self._state_tuple_type(
                *([num_units, num_units] * self._total_blocks))
        else:
            self._state_tuple_type = None
            self._state_size = num_units * self._total_blocks * 2
        self._output_size = num_units * self._total_blocks * 2

    @property
    def output_size(self):
        return self._output_size

    @property
    def state_size(self):
        return self._state_size

    @property
    def state_tuple_type(self):
        return self._state_tuple_type

    def call(self, inputs, state):
        batch_size = dimension_value(inputs.shape[0]) or array_ops.shape(inputs)[0]
        m_out, state_out = [], []
        for block, block_inputs in enumerate(self._make_tf_features(inputs)):
            m, s = self._compute(block_inputs, block, state, batch_size,
                                 state_is_tuple=self._state_is_tuple)
            m_out.extend(m)
            state_out.extend(s)
        if self._state_is_tuple:
            new_state = self._state_tuple_type(*state_out)
        else:
            new_state = array_ops.concat(state_out, 1)
        return array_ops.concat(m_out, 1), new_state

    def _gate(self, kind, x, w, c_f, c_t, direction, extra=None):
        """sigmoid(x [+ forget_bias] [+ peep_f * c_f + peep_t * c_t]) as TF adds it."""
        if extra is not None:
            x = x + extra
        if self._use_peepholes:
            x = x + w.peep[kind, direction, "f"] * c_f + w.peep[kind, direction, "t"] * c_t
        return math_ops.sigmoid(x)

    def _clip(self, c):
        if self._cell_clip is None:
            return c
        return math_ops.clip_by_value(c, -self._cell_clip, self._cell_clip)

    def _compute(self, freq_inputs, block, state, batch_size, state_prefix="state",
                 state_is_tuple=True):
        tanh = math_ops.tanh
        n = self._num_units
        coupled = self._couple_input_forget_gates
        gates = 3 if coupled else 4
        dtype = freq_inputs[0].dtype
        w = _Weights(self, block, freq_inputs[0].shape.as_list()[1], dtype)
        m_prev_freq = array_ops.zeros([batch_size, n], dtype)
        c_prev_freq = array_ops.zeros([batch_size, n], dtype)
        m_out, state_out = [], []
        for freq_index, freq_input in enumerate(freq_inputs):
            if state_is_tuple:
                prefix = "%s_f%02d_b%02d" % (state_prefix, freq_index, block)
                c_prev_time = getattr(state, prefix + "_c")
                m_prev_time = getattr(state, prefix + "_m")
            else:
                c_prev_time = array_ops.slice(state, [0, 2 * freq_index * n], [-1, n])
                m_prev_time = array_ops.slice(state, [0, (2 * freq_index + 1) * n], [-1, n])
            cell_inputs = array_ops.concat([freq_input, m_prev_time, m_prev_freq], 1)
            parts_f = array_ops.split(value=nn_ops.bias_add(matmul(cell_inputs, w.w_f), w.b_f),
                                      num_or_size_splits=gates, axis=1)
            if self._share_time_frequency_weights:
                parts_t = parts_f
            else:
                parts_t = array_ops.split(
                    value=nn_ops.bias_add(matmul(cell_inputs, w.w_t), w.b_t),
                    num_or_size_splits=gates, axis=1)
            if coupled:
                (i_f, j_f, o_f), (i_t, j_t, o_t) = parts_f, parts_t
            else:
                (i_f, j_f, f_f, o_f), (i_t, j_t, f_t, o_t) = parts_f, parts_t
            fb = self._forget_bias
            i_freq_g = self._gate("I", i_f, w, c_prev_freq, c_prev_time, "freq")
            f_freq_g = (1.0 - i_freq_g if coupled else
                        self._gate("F", f_f, w, c_prev_freq, c_prev_time, "freq", fb))
            c_freq = self._clip(f_freq_g * c_prev_freq + i_freq_g * tanh(j_f))
            i_time_g = self._gate("I", i_t, w, c_prev_freq, c_prev_time, "time")
            f_time_g = (1.0 - i_time_g if coupled else
                        self._gate("F", f_t, w, c_prev_freq, c_prev_time, "time", fb))
            c_time = self._clip(f_time_g * c_prev_time + i_time_g * tanh(j_t))
            m_freq = self._gate("O", o_f, w, c_freq, c_time, "freq") * tanh(c_freq)
            m_time = self._gate("O", o_t, w, c_freq, c_time, "time") * tanh(c_time)
            m_prev_freq, c_prev_freq = m_freq, c_freq
            state_out.extend([c_time, m_time])
            m_out.extend([m_time, m_freq])
        return m_out, state_out

    def _make_tf_features(self, input_feat, slice_offset=0):
        input_size = input_feat.shape.with_rank(2).dims[-1].value
        if input_size is None:
            raise ValueError("Cannot infer input_size from static shape inference.")
        if slice_offset > 0:
            inputs = array_ops.pad(input_feat, constant([0, 0, 0, slice_offset], shape=[2, 2],
                                                        dtype=dtypes.int32), "CONSTANT")
        elif slice_offset < 0:
            inputs = array_ops.pad(input_feat, constant([0, 0, -slice_offset, 0],
                                                        shape=[2, 2], dtype=dtypes.int32),
                                   "CONSTANT")
            slice_offset = 0
        else:
            inputs = input_feat
        size, skip = self._feature_size, self._frequency_skip
        if not self._start_freqindex_list:
            if len(self._num_frequency_blocks) != 1:
                raise ValueError("Length of num_frequency_blocks is not 1, but instead is %d"
                                 % len(self._num_frequency_blocks))
            ranges = [(0, input_size)]
        else:
            if len(self._start_freqindex_list) != len(self._end_freqindex_list):
                raise ValueError("Length of start and end freqindex_list does not match %d %d",
                                 len(self._start_freqindex_list),
                                 len(self._end_freqindex_list))
            if len(self._num_frequency_blocks) != len(self._start_freqindex_list):
                raise ValueError("Length of num_frequency_blocks is not equal to "
                                 "start_freqindex_list %d %d",
                                 len(self._num_frequency_blocks),
                                 len(self._start_freqindex_list))
            ranges = list(zip(self._start_freqindex_list, self._end_freqindex_list))
        freq_inputs = []
        for b, (start, end) in enumerate(ranges):
            feats = int((end - start - size) / skip) + 1
            if feats != self._num_frequency_blocks[b]:
                raise ValueError("Invalid num_frequency_blocks, requires %d but gets %d, "
                                 "please check the input size and filter config are correct."
                                 % (self._num_frequency_blocks[b], feats))
            freq_inputs.append([array_ops.slice(inputs, [0, start + slice_offset + f * skip],
                                                [-1, size]) for f in range(feats)])
        return freq_inputs


class BidirectionalGridLSTMCell(GridLSTMCell):
    """Grid LSTM run over the frequency windows forwards (scope `fwd`) and backwards
    (scope `bwd`, its windows optionally shifted by `backward_slice_offset`)."""

    def __init__(self, num_units, use_peepholes=False, share_time_frequency_weights=False,
                 cell_clip=None, initializer=None, num_unit_shards=1, forget_bias=1.0,
                 feature_size=None, frequency_skip=None, num_frequency_blocks=None,
                 start_freqindex_list=None, end_freqindex_list=None,
                 couple_input_forget_gates=False, backward_slice_offset=0, reuse=None):
        super().__init__(num_units, use_peepholes, share_time_frequency_weights, cell_clip,
                         initializer, num_unit_shards, forget_bias, feature_size,
                         frequency_skip, num_frequency_blocks, start_freqindex_list,
                         end_freqindex_list, couple_input_forget_gates, True, reuse)
        self._backward_slice_offset = int(backward_slice_offset)
        names = "".join(_state_names("%s_state_f%%02d_b%%02d" % d, self._num_frequency_blocks)
                        for d in ("fwd", "bwd"))
        self._state_tuple_type = collections.namedtuple("BidirectionalGridLSTMStateTuple",
                                                        names.strip(","))
        self._state_size = self._state_tuple_type(
            *([num_units, num_units] * self._total_blocks * 2))
        self._output_size = 2 * num_units * self._total_blocks * 2

    def call(self, inputs, state):
        batch_size = dimension_value(inputs.shape[0]) or array_ops.shape(inputs)[0]
        fwd_inputs = self._make_tf_features(inputs)
        if self._backward_slice_offset:
            bwd_inputs = self._make_tf_features(inputs, self._backward_slice_offset)
        else:
            bwd_inputs = fwd_inputs
        m_out, state_out = [], []
        for direction, blocks in (("fwd", fwd_inputs), ("bwd", bwd_inputs)):
            with vs.variable_scope(direction):
                for block, block_inputs in enumerate(blocks):
                    if direction == "bwd":
                        block_inputs = block_inputs[::-1]
                    m, s = self._compute(block_inputs, block, state, batch_size,
                                         state_prefix=direction + "_state",
                                         state_is_tuple=True)
                    m_out.extend(m)
                    state_out.extend(s)
        return array_ops.concat(m_out, 1), self._state_tuple_type(*state_out)
