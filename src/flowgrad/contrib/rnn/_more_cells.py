"""tf.contrib.rnn's NASCell, GLSTMCell, IntersectionRNNCell, PhasedLSTMCell and
CompiledWrapper (TF 1.14's contrib/rnn/python/ops/rnn_cell.py): their variables (names,
shapes, initializers), their steps op for op (the op counter after them is TF's)."""
from __future__ import annotations

from ...engine.framework import dtypes
from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import TensorShape, dimension_value
from ...ops import array_ops, init_ops, math_ops, nn_ops, random_ops
from ...ops import variable_scope as vs
from ...ops.linalg_ops import matmul
from ...ops.rnn_cell_impl import LayerRNNCell, LSTMStateTuple, RNNCell
from ...xla.experimental import jit_scope
from ._core import _Linear

__all__ = ["CompiledWrapper", "GLSTMCell", "IntersectionRNNCell", "NASCell",
           "PhasedLSTMCell"]


class NASCell(LayerRNNCell):
    """The recurrent cell found by neural architecture search (Zoph and Le 2016):
    variables recurrent_kernel [proj, 8 units], kernel [depth, 8 units], optional bias
    and projection_weights."""

    _NAS_BASE = 8

    def __init__(self, num_units, num_proj=None, use_bias=False, reuse=None, **kwargs):
        super().__init__(_reuse=reuse, **kwargs)
        self._num_units = num_units
        self._num_proj = num_proj
        self._use_bias = use_bias
        width = num_units if num_proj is None else num_proj
        self._state_size = LSTMStateTuple(num_units, width)
        self._output_size = width

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def build(self, inputs_shape):
        input_size = dimension_value(TensorShape(inputs_shape).with_rank(2)[1])
        if input_size is None:
            raise ValueError("Could not infer input size from inputs.get_shape()[-1]")
        n, base = self._num_units, self._NAS_BASE
        num_proj = n if self._num_proj is None else self._num_proj
        self.recurrent_kernel = self.add_variable("recurrent_kernel", [num_proj, base * n])
        self.kernel = self.add_variable("kernel", [input_size, base * n])
        if self._use_bias:
            self.bias = self.add_variable("bias", shape=[base * n],
                                          initializer=init_ops.zeros_initializer)
        if self._num_proj is not None:
            self.projection_weights = self.add_variable("projection_weights",
                                                        [n, self._num_proj])
        self.built = True

    def call(self, inputs, state):
        sigmoid, tanh, relu = math_ops.sigmoid, math_ops.tanh, nn_ops.relu
        c_prev, m_prev = state
        m_matrix = matmul(m_prev, self.recurrent_kernel)
        inputs_matrix = matmul(inputs, self.kernel)
        if self._use_bias:
            m_matrix = nn_ops.bias_add(m_matrix, self.bias)
        m = array_ops.split(axis=1, num_or_size_splits=self._NAS_BASE, value=m_matrix)
        x = array_ops.split(axis=1, num_or_size_splits=self._NAS_BASE, value=inputs_matrix)
        layer1 = [sigmoid(x[0] + m[0]), relu(x[1] + m[1]), sigmoid(x[2] + m[2]),
                  relu(x[3] * m[3]), tanh(x[4] + m[4]), sigmoid(x[5] + m[5]),
                  tanh(x[6] + m[6]), sigmoid(x[7] + m[7])]
        l2_0 = tanh(layer1[0] * layer1[1])
        l2_1 = tanh(layer1[2] + layer1[3])
        l2_2 = tanh(layer1[4] * layer1[5])
        l2_3 = sigmoid(layer1[6] + layer1[7])
        l2_0 = tanh(l2_0 + c_prev)
        new_c = l2_0 * l2_1
        l3_1 = tanh(l2_2 + l2_3)
        new_m = tanh(new_c * l3_1)
        if self._num_proj is not None:
            new_m = matmul(new_m, self.projection_weights)
        return new_m, LSTMStateTuple(new_c, new_m)


class GLSTMCell(RNNCell):
    """Group LSTM (Kuchaiev and Ginsburg 2017): the input and output split into
    `number_of_groups` groups, one kernel per group (`group<k>/kernel`), biases
    bias_i/j/f/o and an optional `projection/kernel`."""

    def __init__(self, num_units, initializer=None, num_proj=None, number_of_groups=1,
                 forget_bias=1.0, activation=math_ops.tanh, reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._initializer = initializer
        self._num_proj = num_proj
        self._forget_bias = forget_bias
        self._activation = activation
        self._number_of_groups = number_of_groups
        if num_units % number_of_groups != 0:
            raise ValueError("num_units must be divisible by number_of_groups")
        if num_proj:
            if num_proj % number_of_groups != 0:
                raise ValueError("num_proj must be divisible by number_of_groups")
            self._group_shape = [int(num_proj / number_of_groups),
                                 int(num_units / number_of_groups)]
        else:
            self._group_shape = [int(num_units / number_of_groups)] * 2
        width = num_proj if num_proj else num_units
        self._state_size = LSTMStateTuple(num_units, width)
        self._output_size = width
        self._linear1 = [None] * number_of_groups
        self._linear2 = None

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def _get_input_for_group(self, inputs, group_id, group_size):
        return array_ops.slice(input_=inputs, begin=[0, group_id * group_size],
                               size=[self._batch_size, group_size],
                               name="GLSTM_group%d_input_generation" % group_id)

    def call(self, inputs, state):
        c_prev, m_prev = state
        self._batch_size = dimension_value(inputs.shape[0]) or array_ops.shape(inputs)[0]
        input_size = dimension_value(inputs.shape[1])
        if input_size is None:
            raise ValueError("input size must be statically known")
        groups = self._number_of_groups
        if input_size % groups != 0:
            raise ValueError("input size (%d) must be divisible by number_of_groups (%d)"
                             % (input_size, groups))
        input_group_size = int(input_size / groups)
        dtype = inputs.dtype
        parts = [[], [], [], []]
        with vs.variable_scope(vs.get_variable_scope(), initializer=self._initializer):
            for group_id in range(groups):
                with vs.variable_scope("group%d" % group_id):
                    x_g = array_ops.concat(
                        [self._get_input_for_group(inputs, group_id, input_group_size),
                         self._get_input_for_group(m_prev, group_id, self._group_shape[0])],
                        axis=1)
                    if self._linear1[group_id] is None:
                        self._linear1[group_id] = _Linear(x_g, 4 * self._group_shape[1],
                                                          False)
                    for part, value in zip(parts, array_ops.split(
                            self._linear1[group_id](x_g), 4, 1)):
                        part.append(value)
            biases = [vs.get_variable(name="bias_" + g, shape=[self._num_units], dtype=dtype,
                                      initializer=init_ops.constant_initializer(
                                          0.0, dtype=dtype))
                      for g in "ijfo"]
            i, j, f, o = [nn_ops.bias_add(array_ops.concat(part, axis=1), bias)
                          for part, bias in zip(parts, biases)]
        c = (math_ops.sigmoid(f + self._forget_bias) * c_prev
             + math_ops.sigmoid(i) * math_ops.tanh(j))
        m = math_ops.sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            with vs.variable_scope("projection"):
                if self._linear2 is None:
                    self._linear2 = _Linear(m, self._num_proj, False)
                m = self._linear2(m)
        return m, LSTMStateTuple(c, m)


class IntersectionRNNCell(RNNCell):
    """Intersection RNN (Collins et al. 2017): a state passed through time and an
    output passed through depth, gated; `kernel`, `bias` (and `in_projection/` ones when
    the input is not num_units wide)."""

    def __init__(self, num_units, num_in_proj=None, initializer=None, forget_bias=1.0,
                 y_activation=nn_ops.relu, reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._initializer = initializer
        self._forget_bias = forget_bias
        self._num_input_proj = num_in_proj
        self._y_activation = y_activation
        self._linear1 = None
        self._linear2 = None

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def call(self, inputs, state):
        sigmoid, tanh = math_ops.sigmoid, math_ops.tanh
        input_size = inputs.shape.with_rank(2).dims[1].value
        if input_size is None:
            raise ValueError("Could not infer input size from inputs.get_shape()[-1]")
        with vs.variable_scope(vs.get_variable_scope(), initializer=self._initializer):
            if input_size != self._num_units:
                if not self._num_input_proj:
                    raise ValueError("Must have input size == output size for Intersection "
                                     "RNN. To fix, num_in_proj should be set to num_units "
                                     "at cell init.")
                with vs.variable_scope("in_projection"):
                    if self._linear1 is None:
                        self._linear1 = _Linear(inputs, self._num_units, True)
                    inputs = self._linear1(inputs)
            n = self._num_units
            cell_inputs = array_ops.concat([inputs, state], 1)
            if self._linear2 is None:
                self._linear2 = _Linear(cell_inputs, 4 * n, True)
            rnn_matrix = self._linear2(cell_inputs)
            gh_act = rnn_matrix[:, :n]
            h_act = rnn_matrix[:, n:2 * n]
            gy_act = rnn_matrix[:, 2 * n:3 * n]
            y_act = rnn_matrix[:, 3 * n:4 * n]
            h = tanh(h_act)
            y = self._y_activation(y_act)
            gh = sigmoid(gh_act + self._forget_bias)
            gy = sigmoid(gy_act + self._forget_bias)
            new_state = gh * state + (1.0 - gh) * h
            new_y = gy * inputs + (1.0 - gy) * y
        return new_y, new_state


class CompiledWrapper(RNNCell):
    """Runs `cell` inside an XLA jit scope (its stateless ops only unless
    `compile_stateful`)."""

    def __init__(self, cell, compile_stateful=False):   # no RNNCell.__init__, as TF
        self._cell = cell
        self._compile_stateful = compile_stateful

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return self._cell.output_size

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            return self._cell.zero_state(batch_size, dtype)

    def __call__(self, inputs, state, scope=None):
        if self._compile_stateful:
            compile_ops = True
        else:
            def compile_ops(op):
                return not op._def.stateful
        with jit_scope(compile_ops=compile_ops):
            return self._cell(inputs, state, scope=scope)


def _random_exp_initializer(minval, maxval, seed=None, dtype=dtypes.float32):
    """exp of a uniform sample in [log(minval), log(maxval))."""

    def _initializer(shape, dtype=dtype, partition_info=None):
        del partition_info
        return math_ops.exp(random_ops.random_uniform(
            shape, math_ops.log(minval), math_ops.log(maxval), dtype, seed=seed))

    return _initializer


class PhasedLSTMCell(RNNCell):
    """Phased LSTM (Neil et al. 2016): inputs (time, x); an LSTM whose updates are
    gated by a per-unit time oscillation (variables period, phase, ratio_on)."""

    def __init__(self, num_units, use_peepholes=False, leak=0.001, ratio_on=0.1,
                 trainable_ratio_on=True, period_init_min=1.0, period_init_max=1000.0,
                 reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._leak = leak
        self._ratio_on = ratio_on
        self._trainable_ratio_on = trainable_ratio_on
        self._period_init_min = period_init_min
        self._period_init_max = period_init_max
        self._linear1 = None
        self._linear2 = None
        self._linear3 = None

    @property
    def state_size(self):
        return LSTMStateTuple(self._num_units, self._num_units)

    @property
    def output_size(self):
        return self._num_units

    def _mod(self, x, y):
        return array_ops.stop_gradient(math_ops.mod(x, y) - x) + x

    def _get_cycle_ratio(self, time, phase, period):
        phase_casted = math_ops.cast(phase, dtype=time.dtype)
        period_casted = math_ops.cast(period, dtype=time.dtype)
        shifted_time = time - phase_casted
        cycle_ratio = self._mod(shifted_time, period_casted) / period_casted
        return math_ops.cast(cycle_ratio, dtype=dtypes.float32)

    def call(self, inputs, state):
        c_prev, h_prev = state
        time, x = inputs
        n = self._num_units
        in_mask_gates = [x, h_prev] + ([c_prev] if self._use_peepholes else [])
        with vs.variable_scope("mask_gates"):
            if self._linear1 is None:
                self._linear1 = _Linear(in_mask_gates, 2 * n, True)
            mask_gates = math_ops.sigmoid(self._linear1(in_mask_gates))
            input_gate, forget_gate = array_ops.split(axis=1, num_or_size_splits=2,
                                                      value=mask_gates)
        with vs.variable_scope("new_input"):
            if self._linear2 is None:
                self._linear2 = _Linear([x, h_prev], n, True)
            new_input = math_ops.tanh(self._linear2([x, h_prev]))
        new_c = c_prev * forget_gate + input_gate * new_input
        in_out_gate = [x, h_prev] + ([new_c] if self._use_peepholes else [])
        with vs.variable_scope("output_gate"):
            if self._linear3 is None:
                self._linear3 = _Linear(in_out_gate, n, True)
            output_gate = math_ops.sigmoid(self._linear3(in_out_gate))
        new_h = math_ops.tanh(new_c) * output_gate
        period = vs.get_variable("period", [n], initializer=_random_exp_initializer(
            self._period_init_min, self._period_init_max))
        phase = vs.get_variable("phase", [n], initializer=init_ops.random_uniform_initializer(
            0., period.initial_value))
        ratio_on = vs.get_variable("ratio_on", [n],
                                   initializer=init_ops.constant_initializer(self._ratio_on),
                                   trainable=self._trainable_ratio_on)
        cycle_ratio = self._get_cycle_ratio(time, phase, period)
        k_up = 2 * cycle_ratio / ratio_on
        k_down = 2 - k_up
        k_closed = self._leak * cycle_ratio
        k = array_ops.where(cycle_ratio < ratio_on, k_down, k_closed)
        k = array_ops.where(cycle_ratio < 0.5 * ratio_on, k_up, k)
        new_c = k * new_c + (1 - k) * c_prev
        new_h = k * new_h + (1 - k) * h_prev
        return new_h, LSTMStateTuple(new_c, new_h)
