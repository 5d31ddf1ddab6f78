"""tf.contrib.rnn's SRUCell, IndRNNCell, IndyGRUCell, IndyLSTMCell and UGRNNCell (TF
1.14's contrib/rnn/python/ops/rnn_cell.py): their variables (names, shapes, initializers), their
steps op for op (the op counter after them is TF's)."""
from __future__ import annotations

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant
from ...engine.framework.tensor_shape import dimension_value
from ...ops import array_ops, init_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.linalg_ops import matmul
from ...ops.rnn_cell_impl import (_BIAS_VARIABLE_NAME, _WEIGHTS_VARIABLE_NAME, LayerRNNCell,
                                  LSTMStateTuple, RNNCell, _input_depth)
from ._core import _Linear

__all__ = ["IndRNNCell", "IndyGRUCell", "IndyLSTMCell", "SRUCell", "UGRNNCell"]


def _unit_uniform(dtype):
    return init_ops.random_uniform_initializer(minval=-1, maxval=1, dtype=dtype)


class _Cell(LayerRNNCell):
    def __init__(self, num_units, activation, reuse, name, dtype, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._activation = activation or math_ops.tanh

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units


class SRUCell(_Cell):
    """Simple recurrent unit (Lei et al. 2017): c = f * c + (1 - f) * x~,
    h = r * act(c) + (1 - r) * x'; kernel [depth, 4 units], bias [2 units]."""

    def __init__(self, num_units, activation=None, reuse=None, name=None, **kwargs):
        super().__init__(num_units, activation, reuse, name, None, **kwargs)

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, self)
        self._kernel = self.add_variable(_WEIGHTS_VARIABLE_NAME,
                                         shape=[depth, 4 * self._num_units])
        self._bias = self.add_variable(_BIAS_VARIABLE_NAME, shape=[2 * self._num_units],
                                       initializer=init_ops.zeros_initializer)
        self.built = True

    def call(self, inputs, state):
        u = matmul(inputs, self._kernel)
        x_bar, f_i, r_i, x_tx = array_ops.split(value=u, num_or_size_splits=4, axis=1)
        f_r = math_ops.sigmoid(nn_ops.bias_add(array_ops.concat([f_i, r_i], 1), self._bias))
        f, r = array_ops.split(value=f_r, num_or_size_splits=2, axis=1)
        c = f * state + (1.0 - f) * x_bar
        h = r * self._activation(c) + (1.0 - r) * x_tx
        return h, c


class IndRNNCell(_Cell):
    """Independently recurrent cell (Li et al. 2018): h = act(W x + u * h + b), u a
    per-unit weight [1, units] (uniform in [-1, 1])."""

    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None):
        super().__init__(num_units, activation, reuse, name, dtype)

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, self)
        self._kernel_w = self.add_variable("%s_w" % _WEIGHTS_VARIABLE_NAME,
                                           shape=[depth, self._num_units])
        self._kernel_u = self.add_variable("%s_u" % _WEIGHTS_VARIABLE_NAME,
                                           shape=[1, self._num_units],
                                           initializer=_unit_uniform(self.dtype))
        self._bias = self.add_variable(_BIAS_VARIABLE_NAME, shape=[self._num_units],
                                       initializer=init_ops.zeros_initializer(
                                           dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        gate_inputs = matmul(inputs, self._kernel_w) + (state * self._kernel_u)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
        output = self._activation(gate_inputs)
        return output, output


class IndyGRUCell(_Cell):
    """GRU whose recurrent weights are per-unit vectors (Gonnet et al. 2018)."""

    def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None,
                 bias_initializer=None, name=None, dtype=None):
        super().__init__(num_units, activation, reuse, name, dtype)
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, self)
        n, w = self._num_units, _WEIGHTS_VARIABLE_NAME
        bi = self._bias_initializer
        self._gate_kernel_w = self.add_variable("gates/%s_w" % w, shape=[depth, 2 * n],
                                                initializer=self._kernel_initializer)
        self._gate_kernel_u = self.add_variable("gates/%s_u" % w, shape=[1, 2 * n],
                                                initializer=_unit_uniform(self.dtype))
        self._gate_bias = self.add_variable(
            "gates/%s" % _BIAS_VARIABLE_NAME, shape=[2 * n],
            initializer=bi if bi is not None else
            init_ops.constant_initializer(1.0, dtype=self.dtype))
        self._candidate_kernel_w = self.add_variable("candidate/%s" % w, shape=[depth, n],
                                                     initializer=self._kernel_initializer)
        self._candidate_kernel_u = self.add_variable("candidate/%s_u" % w, shape=[1, n],
                                                     initializer=_unit_uniform(self.dtype))
        self._candidate_bias = self.add_variable(
            "candidate/%s" % _BIAS_VARIABLE_NAME, shape=[n],
            initializer=bi if bi is not None else init_ops.zeros_initializer(
                dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        gate_inputs = matmul(inputs, self._gate_kernel_w) + (
            array_ops.tile(state, [1, 2]) * self._gate_kernel_u)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._gate_bias)
        value = math_ops.sigmoid(gate_inputs)
        r, u = array_ops.split(value=value, num_or_size_splits=2, axis=1)
        r_state = r * state
        candidate = matmul(inputs, self._candidate_kernel_w) + (
            r_state * self._candidate_kernel_u)
        candidate = nn_ops.bias_add(candidate, self._candidate_bias)
        c = self._activation(candidate)
        new_h = u * state + (1 - u) * c
        return new_h, new_h


class IndyLSTMCell(_Cell):
    """LSTM whose recurrent weights are per-unit vectors (Gonnet et al. 2018): gates
    i, j, f, o from W x + tile(h, 4) * u + b."""

    def __init__(self, num_units, forget_bias=1.0, activation=None, reuse=None,
                 kernel_initializer=None, bias_initializer=None, name=None, dtype=None):
        super().__init__(num_units, activation, reuse, name, dtype)
        self._forget_bias = forget_bias
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    @property
    def state_size(self):
        return LSTMStateTuple(self._num_units, self._num_units)

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, self)
        n = self._num_units
        self._kernel_w = self.add_variable("%s_w" % _WEIGHTS_VARIABLE_NAME,
                                           shape=[depth, 4 * n],
                                           initializer=self._kernel_initializer)
        self._kernel_u = self.add_variable("%s_u" % _WEIGHTS_VARIABLE_NAME, shape=[1, 4 * n],
                                           initializer=_unit_uniform(self.dtype))
        bi = self._bias_initializer
        self._bias = self.add_variable(
            _BIAS_VARIABLE_NAME, shape=[4 * n],
            initializer=bi if bi is not None else init_ops.zeros_initializer(
                dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        sigmoid = math_ops.sigmoid
        one = constant(1, dtype=_dt.int32)
        c, h = state
        gate_inputs = matmul(inputs, self._kernel_w)
        gate_inputs += array_ops.tile(h, [1, 4]) * self._kernel_u
        gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
        i, j, f, o = array_ops.split(value=gate_inputs, num_or_size_splits=4, axis=one)
        forget_bias_tensor = constant(self._forget_bias, dtype=f.dtype)
        add, multiply = math_ops.add, math_ops.multiply
        new_c = add(multiply(c, sigmoid(add(f, forget_bias_tensor))),
                    multiply(sigmoid(i), self._activation(j)))
        new_h = multiply(self._activation(new_c), sigmoid(o))
        return new_h, LSTMStateTuple(new_c, new_h)


class UGRNNCell(RNNCell):
    """Update-gate RNN (Collins et al. 2017): g = sigmoid(g~ + forget_bias),
    h = g * h + (1 - g) * act(c~), [g~, c~] = [x, h] @ kernel + bias."""

    def __init__(self, num_units, initializer=None, forget_bias=1.0,
                 activation=math_ops.tanh, reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._initializer = initializer
        self._forget_bias = forget_bias
        self._activation = activation
        self._reuse = reuse
        self._linear = None

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def call(self, inputs, state):
        sigmoid = math_ops.sigmoid
        if dimension_value(inputs.shape.with_rank(2)[1]) is None:
            raise ValueError("Could not infer input size from inputs.get_shape()[-1]")
        with vs.variable_scope(vs.get_variable_scope(), initializer=self._initializer):
            cell_inputs = array_ops.concat([inputs, state], 1)
            if self._linear is None:
                self._linear = _Linear(cell_inputs, 2 * self._num_units, True)
            rnn_matrix = self._linear(cell_inputs)
            g_act, c_act = array_ops.split(axis=1, num_or_size_splits=2, value=rnn_matrix)
            c = self._activation(c_act)
            g = sigmoid(g_act + self._forget_bias)
            new_state = g * state + (1.0 - g) * c
        return new_state, new_state
