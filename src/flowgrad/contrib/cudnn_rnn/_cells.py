"""TF 1.14's CuDNN-compatible cells (contrib/cudnn_rnn/python/ops/cudnn_rnn_ops.py): the
platform-independent cells whose variables and math are those of the CuDNN layers, so
that a checkpoint of a CuDNN model (saved in canonical form) loads into them on a CPU."""
from __future__ import annotations

from ...engine.framework.tensor_shape import dimension_value
from ...ops import array_ops, init_ops, math_ops, nn_ops
from ...ops.linalg_ops import matmul
from ...ops.rnn_cell_impl import GRUCell
from ..rnn._block_cells import LSTMBlockCell

__all__ = ["CudnnCompatibleGRUCell", "CudnnCompatibleLSTMCell"]


class CudnnCompatibleLSTMCell(LSTMBlockCell):
    """LSTMBlockCell as CuDNN computes it (no forget bias, no clipping, no peepholes), in
    scope `cudnn_compatible_lstm_cell`: variables `kernel` [input + units, 4 units] and
    `bias` [4 units]."""

    def __init__(self, num_units, reuse=None):
        super().__init__(num_units, forget_bias=0, cell_clip=None, use_peephole=False,
                         reuse=reuse, name="cudnn_compatible_lstm_cell")
        self._names.update({"scope": "cudnn_compatible_lstm_cell"})


class CudnnCompatibleGRUCell(GRUCell):
    r"""A GRU as CuDNN computes it: the candidate is
    tanh(x W_h + b_Wh + r * (h R_h + b_Rh)) (GRUCell's is tanh([x, r * h] W + b)), with
    variables gates/{kernel,bias} and candidate/{input,hidden}_projection/{kernel,bias}."""

    def __init__(self, num_units, reuse=None, kernel_initializer=None):
        super().__init__(num_units, activation=None, reuse=reuse,
                         kernel_initializer=kernel_initializer)

    def build(self, inputs_shape):
        if dimension_value(inputs_shape[1]) is None:
            raise ValueError("Expected inputs.shape[-1] to be known, saw shape: %s"
                             % inputs_shape)
        input_depth = dimension_value(inputs_shape[1])
        n = self._num_units

        def bias_init(default):
            return self._bias_initializer if self._bias_initializer is not None else default

        self._gate_kernel = self.add_variable(
            "gates/kernel", shape=[input_depth + n, 2 * n],
            initializer=self._kernel_initializer)
        self._gate_bias = self.add_variable(
            "gates/bias", shape=[2 * n],
            initializer=bias_init(init_ops.constant_initializer(1.0, dtype=self.dtype)))
        self._candidate_input_kernel = self.add_variable(
            "candidate/input_projection/kernel", shape=[input_depth, n],
            initializer=self._kernel_initializer)
        self._candidate_hidden_kernel = self.add_variable(
            "candidate/hidden_projection/kernel", shape=[n, n],
            initializer=self._kernel_initializer)
        self._candidate_input_bias = self.add_variable(
            "candidate/input_projection/bias", shape=[n],
            initializer=bias_init(init_ops.zeros_initializer(dtype=self.dtype)))
        self._candidate_hidden_bias = self.add_variable(
            "candidate/hidden_projection/bias", shape=[n],
            initializer=bias_init(init_ops.zeros_initializer(dtype=self.dtype)))
        self.built = True

    def call(self, inputs, state):
        gate_inputs = matmul(array_ops.concat([inputs, state], 1), self._gate_kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._gate_bias)
        value = math_ops.sigmoid(gate_inputs)
        r, u = array_ops.split(value=value, num_or_size_splits=2, axis=1)
        candidate = nn_ops.bias_add(matmul(inputs, self._candidate_input_kernel),
                                    self._candidate_input_bias)
        candidate += r * nn_ops.bias_add(matmul(state, self._candidate_hidden_kernel),
                                         self._candidate_hidden_bias)
        candidate = self._activation(candidate)
        new_h = (1 - u) * candidate + u * state
        return new_h, new_h
