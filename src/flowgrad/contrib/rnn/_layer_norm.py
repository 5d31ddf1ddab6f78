"""tf.contrib.rnn.LayerNormBasicLSTMCell (TF 1.14's contrib/rnn/python/ops/rnn_cell.py):
BasicLSTMCell with layer normalization of the gates and the cell state (variables
kernel, input/gamma, input/beta, ... state/beta) and recurrent dropout of the candidate."""
from __future__ import annotations

from ...ops import array_ops, init_ops, math_ops, nn_ops
from ..layers import layers as _layers
from ...ops import variable_scope as vs
from ...ops.linalg_ops import matmul
from ...ops.rnn_cell_impl import LSTMStateTuple, RNNCell

__all__ = ["LayerNormBasicLSTMCell"]


class LayerNormBasicLSTMCell(RNNCell):
    """LSTM with layer normalization (Ba et al. 2016) and recurrent dropout."""

    def __init__(self, num_units, forget_bias=1.0, input_size=None, activation=math_ops.tanh,
                 layer_norm=True, norm_gain=1.0, norm_shift=0.0, dropout_keep_prob=1.0,
                 dropout_prob_seed=None, reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._activation = activation
        self._forget_bias = forget_bias
        self._keep_prob = dropout_keep_prob
        self._seed = dropout_prob_seed
        self._layer_norm = layer_norm
        self._norm_gain = norm_gain
        self._norm_shift = norm_shift

    @property
    def state_size(self):
        return LSTMStateTuple(self._num_units, self._num_units)

    @property
    def output_size(self):
        return self._num_units

    def _norm(self, inp, scope, dtype):
        shape = inp.shape[-1:]
        with vs.variable_scope(scope):
            vs.get_variable("gamma", shape=shape, dtype=dtype,
                            initializer=init_ops.constant_initializer(self._norm_gain))
            vs.get_variable("beta", shape=shape, dtype=dtype,
                            initializer=init_ops.constant_initializer(self._norm_shift))
        # TF's ops and names: contrib.layers.layer_norm on those variables (nn.moments,
        # nn.batch_normalization in `scope`_1), so Grappler rewrites the same nodes
        return _layers.layer_norm(inp, reuse=True, scope=scope)

    def _linear(self, args):
        out_size = 4 * self._num_units
        weights = vs.get_variable("kernel", [args.shape[-1], out_size], dtype=args.dtype)
        out = matmul(args, weights)
        if not self._layer_norm:
            bias = vs.get_variable("bias", [out_size], dtype=args.dtype)
            out = nn_ops.bias_add(out, bias)
        return out

    def call(self, inputs, state):
        c, h = state
        args = array_ops.concat([inputs, h], 1)
        concat = self._linear(args)
        dtype = args.dtype
        i, j, f, o = array_ops.split(value=concat, num_or_size_splits=4, axis=1)
        if self._layer_norm:
            i = self._norm(i, "input", dtype)
            j = self._norm(j, "transform", dtype)
            f = self._norm(f, "forget", dtype)
            o = self._norm(o, "output", dtype)
        g = self._activation(j)
        if not isinstance(self._keep_prob, float) or self._keep_prob < 1:
            g = nn_ops.dropout(g, self._keep_prob, seed=self._seed)
        new_c = c * math_ops.sigmoid(f + self._forget_bias) + math_ops.sigmoid(i) * g
        if self._layer_norm:
            new_c = self._norm(new_c, "state", dtype)
        new_h = self._activation(new_c) * math_ops.sigmoid(o)
        return new_h, LSTMStateTuple(new_c, new_h)
