"""tf.contrib.rnn's CoupledInputForgetGateLSTMCell and TimeFreqLSTMCell (TF 1.14's
contrib/rnn/python/ops/rnn_cell.py): their variables (`W_<shard>`, `B`, the `W_*_diag`
peepholes, `W_P_<shard>`), their steps op for op (the op counter after them is TF's).
TF's quirks are kept: TimeFreqLSTMCell's state holds 2 * num_units per frequency block
although its state_size says 2 * num_units; CoupledInputForgetGateLSTMCell's
`initializer` is never used and its layer norm creates float32 variables."""
from __future__ import annotations

import math

from ...engine.framework.graph import add_to_collection, get_collection
from ...engine.framework.graph_keys import GraphKeys
from ...logging import warning as _warn
from ...ops import array_ops, init_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.linalg_ops import matmul
from ...ops.rnn_cell_impl import LSTMStateTuple, RNNCell
from ..layers.layers import layer_norm as _layer_norm

__all__ = ["CoupledInputForgetGateLSTMCell", "TimeFreqLSTMCell"]


def _sharded_variable(name, shape, dtype, num_shards):
    """`name_0` ... `name_<n-1>`: the rows of a [shape] variable in `num_shards` parts
    (the first ones one row larger when the rows do not divide)."""
    if num_shards > shape[0]:
        raise ValueError("Too many shards: shape=%s, num_shards=%d" % (shape, num_shards))
    unit = int(math.floor(shape[0] / num_shards))
    remaining = shape[0] - unit * num_shards
    return [vs.get_variable(name + "_%d" % i, [unit + (1 if i < remaining else 0)]
                            + shape[1:], dtype=dtype)
            for i in range(num_shards)]


def concat_variable(name, shape, dtype, num_shards):
    """TF's `_get_concat_variable`: the one shard, or the shards concatenated once per
    scope (`<name>/concat`, kept in the CONCATENATED_VARIABLES collection)."""
    shards = _sharded_variable(name, shape, dtype, num_shards)
    if len(shards) == 1:
        return shards[0]
    concat_name = name + "/concat"
    full_name = vs.get_variable_scope().name + "/" + concat_name + ":0"
    for value in get_collection(GraphKeys.CONCATENATED_VARIABLES):
        if value.name == full_name:
            return value
    joined = array_ops.concat(shards, 0, name=concat_name)
    add_to_collection(GraphKeys.CONCATENATED_VARIABLES, joined)
    return joined


def _norm(gain, shift, inp, scope):
    shape = inp.shape[-1:]
    with vs.variable_scope(scope):
        vs.get_variable("gamma", shape=shape, initializer=init_ops.constant_initializer(gain))
        vs.get_variable("beta", shape=shape, initializer=init_ops.constant_initializer(shift))
    return _layer_norm(inp, reuse=True, scope=scope)


def _input_width(inputs):
    size = inputs.shape.with_rank(2).dims[1].value
    if size is None:
        raise ValueError("Could not infer input size from inputs.get_shape()[-1]")
    return size


class CoupledInputForgetGateLSTMCell(RNNCell):
    """LSTM whose input gate is 1 - forget gate (Greff et al. 2015): variables `W_0`
    [depth + num_proj, 3 units] and `B` [3 units] (gates j, f, o), optional peepholes
    `W_F_diag`, `W_O_diag`, projection `W_P_0` and layer normalization."""

    def __init__(self, num_units, use_peepholes=False, initializer=None, num_proj=None,
                 proj_clip=None, num_unit_shards=1, num_proj_shards=1, forget_bias=1.0,
                 state_is_tuple=True, activation=math_ops.tanh, reuse=None,
                 layer_norm=False, norm_gain=1.0, norm_shift=0.0):
        super().__init__(_reuse=reuse)
        if not state_is_tuple:
            _warn("%s: Using a concatenated state is slower and will soon be deprecated.  "
                  "Use state_is_tuple=True.", self)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._num_unit_shards = num_unit_shards
        self._num_proj_shards = num_proj_shards
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = activation
        self._layer_norm = layer_norm
        self._norm_gain = norm_gain
        self._norm_shift = norm_shift
        width = num_proj if num_proj else num_units
        self._state_size = (LSTMStateTuple(num_units, width) if state_is_tuple
                            else num_units + width)
        self._output_size = width

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def call(self, inputs, state):
        sigmoid = math_ops.sigmoid
        n = self._num_units
        num_proj = n if self._num_proj is None else self._num_proj
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev = array_ops.slice(state, [0, 0], [-1, n])
            m_prev = array_ops.slice(state, [0, n], [-1, num_proj])
        dtype = inputs.dtype
        input_size = _input_width(inputs)
        concat_w = concat_variable("W", [input_size + num_proj, 3 * n], dtype,
                                   self._num_unit_shards)
        b = vs.get_variable("B", shape=[3 * n], initializer=init_ops.zeros_initializer(),
                            dtype=dtype)
        lstm_matrix = matmul(array_ops.concat([inputs, m_prev], 1), concat_w)
        if not self._layer_norm:
            lstm_matrix = nn_ops.bias_add(lstm_matrix, b)
        j, f, o = array_ops.split(value=lstm_matrix, num_or_size_splits=3, axis=1)
        if self._layer_norm:
            j = _norm(self._norm_gain, self._norm_shift, j, "transform")
            f = _norm(self._norm_gain, self._norm_shift, f, "forget")
            o = _norm(self._norm_gain, self._norm_shift, o, "output")
        if self._use_peepholes:
            w_f_diag = vs.get_variable("W_F_diag", shape=[n], dtype=dtype)
            w_o_diag = vs.get_variable("W_O_diag", shape=[n], dtype=dtype)
            f_act = sigmoid(f + self._forget_bias + w_f_diag * c_prev)
        else:
            f_act = sigmoid(f + self._forget_bias)
        c = f_act * c_prev + (1 - f_act) * self._activation(j)
        if self._layer_norm:
            c = _norm(self._norm_gain, self._norm_shift, c, "state")
        if self._use_peepholes:
            m = sigmoid(o + w_o_diag * c) * self._activation(c)
        else:
            m = sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            w_proj = concat_variable("W_P", [n, self._num_proj], dtype,
                                     self._num_proj_shards)
            m = matmul(m, w_proj)
            if self._proj_clip is not None:
                m = math_ops.clip_by_value(m, -self._proj_clip, self._proj_clip)
        new_state = (LSTMStateTuple(c, m) if self._state_is_tuple
                     else array_ops.concat([c, m], 1))
        return m, new_state


class TimeFreqLSTMCell(RNNCell):
    """Time-frequency LSTM (Li, Mohamed, Zweig, Gong 2016): one LSTM step per frequency
    window of the input (`feature_size` wide, every `frequency_skip`), each fed the
    previous window's output; variables `W_0`, `B` and optional peepholes."""

    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None,
                 num_unit_shards=1, forget_bias=1.0, feature_size=None, frequency_skip=1,
                 reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_unit_shards = num_unit_shards
        self._forget_bias = forget_bias
        self._feature_size = feature_size
        self._frequency_skip = frequency_skip
        self._state_size = 2 * num_units
        self._output_size = num_units

    @property
    def output_size(self):
        return self._output_size

    @property
    def state_size(self):
        return self._state_size

    def call(self, inputs, state):
        sigmoid, tanh = math_ops.sigmoid, math_ops.tanh
        n = self._num_units
        freq_inputs = self._make_tf_features(inputs)
        dtype = inputs.dtype
        width = freq_inputs[0].shape.as_list()[1]
        concat_w = concat_variable("W", [width + 2 * n, 4 * n], dtype,
                                   self._num_unit_shards)
        b = vs.get_variable("B", shape=[4 * n], initializer=init_ops.zeros_initializer(),
                            dtype=dtype)
        if self._use_peepholes:
            w_f_diag = vs.get_variable("W_F_diag", shape=[n], dtype=dtype)
            w_i_diag = vs.get_variable("W_I_diag", shape=[n], dtype=dtype)
            w_o_diag = vs.get_variable("W_O_diag", shape=[n], dtype=dtype)
        batch = inputs.shape.dims[0].value or inputs.shape[0]
        m_prev_freq = array_ops.zeros([batch, n], dtype)
        for fq, freq_input in enumerate(freq_inputs):
            c_prev = array_ops.slice(state, [0, 2 * fq * n], [-1, n])
            m_prev = array_ops.slice(state, [0, (2 * fq + 1) * n], [-1, n])
            cell_inputs = array_ops.concat([freq_input, m_prev, m_prev_freq], 1)
            lstm_matrix = nn_ops.bias_add(matmul(cell_inputs, concat_w), b)
            i, j, f, o = array_ops.split(value=lstm_matrix, num_or_size_splits=4, axis=1)
            if self._use_peepholes:
                c = (sigmoid(f + self._forget_bias + w_f_diag * c_prev) * c_prev
                     + sigmoid(i + w_i_diag * c_prev) * tanh(j))
            else:
                c = sigmoid(f + self._forget_bias) * c_prev + sigmoid(i) * tanh(j)
            if self._cell_clip is not None:
                c = math_ops.clip_by_value(c, -self._cell_clip, self._cell_clip)
            if self._use_peepholes:
                m = sigmoid(o + w_o_diag * c) * tanh(c)
            else:
                m = sigmoid(o) * tanh(c)
            m_prev_freq = m
            if fq == 0:
                state_out = array_ops.concat([c, m], 1)
                m_out = m
            else:
                state_out = array_ops.concat([state_out, c, m], 1)
                m_out = array_ops.concat([m_out, m], 1)
        return m_out, state_out

    def _make_tf_features(self, input_feat):
        input_size = input_feat.shape.with_rank(2).dims[-1].value
        if input_size is None:
            raise ValueError("Cannot infer input_size from static shape inference.")
        num_feats = int((input_size - self._feature_size) / self._frequency_skip) + 1
        return [array_ops.slice(input_feat, [0, f * self._frequency_skip],
                                [-1, self._feature_size]) for f in range(num_feats)]
