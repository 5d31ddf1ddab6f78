"""TF 1.14's fused cells (contrib/rnn lstm_ops.py, gru_ops.py) with their variable names.

LSTMBlockCell and GRUBlockCell(V2) run each step as TF's LSTMBlockCell / GRUBlockCell op
(engine/ops/lstm_block_cell.py, gru_block_cell.py: their gradients are TF's
LSTMBlockCellGrad / GRUBlockCellGrad, which have none, as in TF). The variables are TF's."""
from __future__ import annotations

from ...engine.framework.tensor_shape import dimension_value
from ...engine.ops.gru_block_cell import gru_block_cell
from ...engine.ops.lstm_block_cell import lstm_block_cell
from ...ops import array_ops, init_ops
from ...ops.rnn_cell_impl import LayerRNNCell, LSTMStateTuple

__all__ = ["GRUBlockCell", "GRUBlockCellV2", "LSTMBlockCell"]


class LSTMBlockCell(LayerRNNCell):
    """TF's fused LSTM cell: LSTMCell's math and variable names (kernel, bias, w_*_diag in
    scope `lstm_cell`), optional peepholes and cell clipping."""

    def __init__(self, num_units, forget_bias=1.0, cell_clip=None, use_peephole=False,
                 dtype=None, reuse=None, name="lstm_cell"):
        super().__init__(_reuse=reuse, dtype=dtype, name=name)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._use_peephole = use_peephole
        self._cell_clip = cell_clip if cell_clip is not None else -1
        # TF's table of variable names (a subclass may rename them, as
        # tf.contrib.cudnn_rnn.CudnnCompatibleLSTMCell renames its scope entry)
        self._names = {"W": "kernel", "b": "bias", "wci": "w_i_diag", "wcf": "w_f_diag",
                       "wco": "w_o_diag", "scope": "lstm_cell"}

    @property
    def state_size(self):
        return LSTMStateTuple(self._num_units, self._num_units)

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        input_size = dimension_value(inputs_shape[1])
        if not input_size:
            raise ValueError(f"Expecting inputs_shape[1] to be set: {inputs_shape}")
        n = self._num_units
        names = self._names
        self._kernel = self.add_variable(names["W"], [input_size + n, n * 4])
        self._bias = self.add_variable(names["b"], [n * 4],
                                       initializer=init_ops.constant_initializer(0.0))
        if self._use_peephole:
            self._w_i_diag = self.add_variable(names["wci"], [n])
            self._w_f_diag = self.add_variable(names["wcf"], [n])
            self._w_o_diag = self.add_variable(names["wco"], [n])
        self.built = True

    def call(self, inputs, state):
        if len(state) != 2:
            raise ValueError("Expecting state to be a tuple with length 2.")
        if self._use_peephole:
            wci, wcf, wco = self._w_i_diag, self._w_f_diag, self._w_o_diag
        else:
            wci = wcf = wco = array_ops.zeros([self._num_units], dtype=self.dtype)
        cs_prev, h_prev = state
        _, cs, _, _, _, _, h = lstm_block_cell(
            inputs, cs_prev, h_prev, self._kernel, self._bias, wci, wcf, wco,
            forget_bias=self._forget_bias, cell_clip=self._cell_clip,
            use_peephole=self._use_peephole)
        return h, LSTMStateTuple(cs, h)


class GRUBlockCell(LayerRNNCell):
    """TF's fused GRU cell: GRUCell's math, variables w_ru, b_ru, w_c, b_c (scope gru_cell)."""

    def __init__(self, num_units=None, cell_size=None, reuse=None, name="gru_cell"):
        super().__init__(_reuse=reuse, name=name)
        if (cell_size is None) == (num_units is None):
            raise ValueError("Exactly one of num_units or cell_size must be provided.")
        self._cell_size = num_units if num_units is not None else cell_size

    @property
    def state_size(self):
        return self._cell_size

    @property
    def output_size(self):
        return self._cell_size

    def build(self, input_shape):
        input_size = dimension_value(input_shape[1])
        if input_size is None:
            raise ValueError("Expecting input_size to be set.")
        n = self._cell_size
        self._gate_kernel = self.add_variable("w_ru", [input_size + n, n * 2])
        self._gate_bias = self.add_variable("b_ru", [n * 2],
                                            initializer=init_ops.constant_initializer(1.0))
        self._candidate_kernel = self.add_variable("w_c", [input_size + n, n])
        self._candidate_bias = self.add_variable("b_c", [n],
                                                 initializer=init_ops.constant_initializer(0.0))
        self.built = True

    def call(self, inputs, h_prev):
        cell_size = h_prev.shape.with_rank(2)[1]
        if cell_size != self._cell_size:
            raise ValueError("Shape of h_prev[1] incorrect: cell_size %i vs %s"
                             % (self._cell_size, cell_size))
        _, _, _, new_h = gru_block_cell(inputs, h_prev, self._gate_kernel,
                                        self._candidate_kernel, self._gate_bias,
                                        self._candidate_bias)
        return new_h, new_h


class GRUBlockCellV2(GRUBlockCell):
    """GRUBlockCell with GRUCell's variable names (gates/kernel, ..., candidate/bias)."""

    def build(self, input_shape):
        input_size = dimension_value(input_shape[1])
        if input_size is None:
            raise ValueError("Expecting input_size to be set.")
        n = self._cell_size
        self._gate_kernel = self.add_variable("gates/kernel", [input_size + n, n * 2])
        self._gate_bias = self.add_variable("gates/bias", [n * 2],
                                            initializer=init_ops.constant_initializer(1.0))
        self._candidate_kernel = self.add_variable("candidate/kernel", [input_size + n, n])
        self._candidate_bias = self.add_variable("candidate/bias", [n],
                                                 initializer=init_ops.constant_initializer(0.0))
        self.built = True
