"""TF 1.14's CuDNN parameter formats (contrib/cudnn_rnn/python/ops/cudnn_rnn_ops.py): the
converters between a CuDNN layer's opaque parameter buffer and the canonical weights of
the CuDNN-compatible cells, and the saveables that write a layer's buffer to checkpoints
in that canonical form.

The conversions between the compatible cells' weights and CuDNN's canonical per-gate
weights are ordinary ops (transposes, splits, concats); the step between canonical
weights and the opaque buffer is a CuDNN op (CudnnRNNCanonicalToParams /
CudnnRNNParamsToCanonical), which TF 1.14 has no CPU kernel for: the graphs build as in
TF and a Session that runs them fails as TF's does (engine/ops/cudnn_rnn.py).
"""
from __future__ import annotations

from ...engine.framework.graph import device
from ...engine.ops import cudnn_rnn as _ops
from ...ops import array_ops, random_ops, state_ops
from ...ops import variable_scope as vs
from ...train.saveable_object import SaveableObject, SaveSpec

__all__ = ["CudnnGRUSaveable", "CudnnLSTMSaveable", "CudnnParamsFormatConverterGRU",
           "CudnnParamsFormatConverterLSTM", "CudnnParamsFormatConverterRelu",
           "CudnnParamsFormatConverterTanh", "CudnnRNNReluSaveable", "CudnnRNNTanhSaveable"]

CUDNN_RNN_UNIDIRECTION = "unidirectional"
CUDNN_RNN_BIDIRECTION = "bidirectional"
CUDNN_LSTM = "lstm"
CUDNN_GRU = "gru"
CUDNN_RNN_RELU = "rnn_relu"
CUDNN_RNN_TANH = "rnn_tanh"

# weights per layer and direction: half applied to the input, half to the hidden state
CUDNN_LSTM_PARAMS_PER_LAYER = 8
CUDNN_GRU_PARAMS_PER_LAYER = 6
CUDNN_RNN_TANH_PARAMS_PER_LAYER = 2
CUDNN_RNN_RELU_PARAMS_PER_LAYER = 2

CUDNN_INPUT_LINEAR_MODE = "linear_input"
CUDNN_INPUT_SKIP_MODE = "skip_input"
CUDNN_INPUT_AUTO_MODE = "auto_select"


def check_direction(direction):
    if direction not in (CUDNN_RNN_UNIDIRECTION, CUDNN_RNN_BIDIRECTION):
        raise ValueError("Invalid direction: %s, expecting %s or %s"
                         % (direction, CUDNN_RNN_UNIDIRECTION, CUDNN_RNN_BIDIRECTION))


def check_input_mode(input_mode):
    if input_mode not in (CUDNN_INPUT_LINEAR_MODE, CUDNN_INPUT_SKIP_MODE,
                          CUDNN_INPUT_AUTO_MODE):
        raise ValueError("Invalid input_mode: %s, expect one of (%s, %s, %s)"
                         % (input_mode, CUDNN_INPUT_LINEAR_MODE, CUDNN_INPUT_SKIP_MODE,
                            CUDNN_INPUT_AUTO_MODE))


def check_rnn_mode(rnn_mode):
    if rnn_mode not in (CUDNN_LSTM, CUDNN_GRU, CUDNN_RNN_TANH, CUDNN_RNN_RELU):
        raise ValueError("Invalid rnn_mode: %s, expect one of (%s, %s, %s, %s)"
                         % (rnn_mode, CUDNN_LSTM, CUDNN_GRU, CUDNN_RNN_TANH, CUDNN_RNN_RELU))


def canonical_to_opaque_params(rnn_mode, num_layers, num_units, input_size, weights, biases,
                               input_mode=CUDNN_INPUT_LINEAR_MODE,
                               direction=CUDNN_RNN_UNIDIRECTION, dropout=0, seed=0,
                               name=None):
    """TF's cudnn_rnn_canonical_to_opaque_params: one CudnnRNNCanonicalToParams op."""
    check_rnn_mode(rnn_mode)
    check_direction(direction)
    check_input_mode(input_mode)
    seed, seed2 = random_ops.get_seed(seed)
    return _ops.cudnn_rnn_canonical_to_params(
        num_layers, num_units, input_size, weights, biases, rnn_mode=rnn_mode,
        input_mode=input_mode, direction=direction, dropout=dropout, seed=seed, seed2=seed2,
        name=name)


def _input_width(converter, layer):
    if layer == 0:
        return converter._input_size
    width = converter._num_units
    return width * 2 if converter._direction == CUDNN_RNN_BIDIRECTION else width


class CudnnParamsFormatConverter:
    """Converts between a CuDNN RNN's opaque parameter buffer and the canonical weights
    of the equivalent CuDNN-compatible cells (a base class: see the LSTM, GRU, Tanh and
    Relu converters)."""

    _rnn_mode = None
    _num_params_per_layer = None

    def __init__(self, num_layers, num_units, input_size,
                 input_mode=CUDNN_INPUT_LINEAR_MODE, direction=CUDNN_RNN_UNIDIRECTION):
        self._num_layers = num_layers
        self._input_size = input_size
        self._num_units = num_units
        self._input_mode = input_mode
        self._direction = direction
        self._num_dirs = 1 if self._direction == CUDNN_RNN_UNIDIRECTION else 2
        self._num_params = self._num_params_per_layer * self._num_layers * self._num_dirs

    def tf_canonical_to_opaque(self, tf_canonicals):
        """The opaque buffer (a CudnnRNNCanonicalToParams op) from the cells' weights,
        then biases (per layer, forward before backward)."""
        cu_weights, cu_biases = self._tf_canonical_to_cu_canonical(tf_canonicals)
        cu_weights = [array_ops.reshape(w, [-1]) for w in cu_weights]
        return self._cu_canonical_to_opaque(cu_weights, cu_biases)

    def opaque_to_tf_canonical(self, opaque_param):
        """(weights, biases) of the cells, from the opaque buffer (a
        CudnnRNNParamsToCanonical op)."""
        cu_weights, cu_biases = self._opaque_to_cu_canonical(opaque_param)
        return self._cu_canonical_to_tf_canonical(cu_weights, cu_biases)

    def _opaque_to_cu_canonical(self, opaque_param):
        with device("/gpu:0"):
            return _ops.cudnn_rnn_params_to_canonical(
                self._num_layers, self._num_units, self._input_size, opaque_param,
                self._num_params, rnn_mode=self._rnn_mode, input_mode=self._input_mode,
                direction=self._direction)

    def _cu_canonical_to_opaque(self, cu_weights, cu_biases):
        with device("/gpu:0"):
            return _ops.cudnn_rnn_canonical_to_params(
                self._num_layers, self._num_units, self._input_size, cu_weights, cu_biases,
                rnn_mode=self._rnn_mode, input_mode=self._input_mode,
                direction=self._direction)

    def _cu_canonical_to_tf_canonical(self, cu_weights, cu_biases):
        tf_weights, tf_biases = [], []
        per_layer = self._num_params_per_layer * self._num_dirs
        for i in range(self._num_layers):
            ws = cu_weights[i * per_layer:(i + 1) * per_layer]
            bs = cu_biases[i * per_layer:(i + 1) * per_layer]
            if self._direction == CUDNN_RNN_UNIDIRECTION:
                self._cu_canonical_to_tf_canonical_single_layer(ws, bs, tf_weights, tf_biases)
            else:
                half = len(ws) // 2
                self._cu_canonical_to_tf_canonical_single_layer(
                    ws[:half], bs[:half], tf_weights, tf_biases)
                self._cu_canonical_to_tf_canonical_single_layer(
                    ws[half:], bs[half:], tf_weights, tf_biases)
        return tf_weights, tf_biases

    def _tf_canonical_to_cu_canonical(self, tf_canonicals):
        weights = tf_canonicals[:len(tf_canonicals) // 2]
        biases = tf_canonicals[len(tf_canonicals) // 2:]
        cu_weights, cu_biases = [], []
        nw = len(weights) // self._num_layers
        nb = len(biases) // self._num_layers
        for i in range(self._num_layers):
            ws = weights[i * nw:(i + 1) * nw]
            bs = biases[i * nb:(i + 1) * nb]
            if self._direction == CUDNN_RNN_UNIDIRECTION:
                cu_weights.extend(self._tf_to_cudnn_weights(i, *ws))
                cu_biases.extend(self._tf_to_cudnn_biases(*bs))
            else:
                hw, hb = len(ws) // 2, len(bs) // 2
                cu_weights.extend(self._tf_to_cudnn_weights(i, *ws[:hw]))
                cu_biases.extend(self._tf_to_cudnn_biases(*bs[:hb]))
                cu_weights.extend(self._tf_to_cudnn_weights(i, *ws[hw:]))
                cu_biases.extend(self._tf_to_cudnn_biases(*bs[hb:]))
        return cu_weights, cu_biases


class CudnnParamsFormatConverterLSTM(CudnnParamsFormatConverter):
    """LSTM: CuDNN's gates i, f, c, o; the cell's kernel [input + units, 4 units] holds
    them in the order i, c, f, o, its bias the sums of CuDNN's input and hidden biases."""

    _rnn_mode = CUDNN_LSTM
    _num_params_per_layer = CUDNN_LSTM_PARAMS_PER_LAYER

    def _cudnn_to_tf_gate_params(self, *cu_gate_order):
        i_g, f_g, c_g, o_g = cu_gate_order
        return [i_g, c_g, f_g, o_g]

    def _tf_to_cudnn_gate_params(self, *tf_gate_order):
        i_g, c_g, f_g, o_g = tf_gate_order
        return [i_g, f_g, c_g, o_g]

    def _cudnn_to_tf_weights(self, *cu_weights):
        w_i, w_f, w_c, w_o, r_i, r_f, r_c, r_o = cu_weights
        gates = [array_ops.concat([w, r], axis=1)
                 for w, r in ((w_i, r_i), (w_f, r_f), (w_c, r_c), (w_o, r_o))]
        reordered = self._cudnn_to_tf_gate_params(*gates)
        return (array_ops.transpose(array_ops.concat(reordered, axis=0)),)

    def _tf_to_cudnn_weights(self, layer, *tf_weights):
        width, n = _input_width(self, layer), self._num_units
        (tf_weight,) = tf_weights
        w = array_ops.transpose(tf_weight)
        W_i, W_f, W_c, W_o = self._tf_to_cudnn_gate_params(  # noqa: N806 - TF's names
            *array_ops.split(w, 4, axis=0))
        w_i, r_i = array_ops.split(W_i, [width, n], axis=1)
        w_c, r_c = array_ops.split(W_c, [width, n], axis=1)
        w_f, r_f = array_ops.split(W_f, [width, n], axis=1)
        w_o, r_o = array_ops.split(W_o, [width, n], axis=1)
        return w_i, w_f, w_c, w_o, r_i, r_f, r_c, r_o

    def _cudnn_to_tf_biases(self, *cu_biases):
        b_wi, b_wf, b_wc, b_wo, b_ri, b_rf, b_rc, b_ro = cu_biases
        gates = [b_wi + b_ri, b_wf + b_rf, b_wc + b_rc, b_wo + b_ro]
        return (array_ops.concat(self._cudnn_to_tf_gate_params(*gates), axis=0),)

    def _tf_to_cudnn_biases(self, *tf_biases):
        (tf_bias,) = tf_biases
        B_i, B_f, B_c, B_o = self._tf_to_cudnn_gate_params(  # noqa: N806 - TF's names
            *array_ops.split(tf_bias, 4, axis=0))
        b_wi, b_ri = (B_i * 0.5,) * 2
        b_wf, b_rf = (B_f * 0.5,) * 2
        b_wc, b_rc = (B_c * 0.5,) * 2
        b_wo, b_ro = (B_o * 0.5,) * 2
        return b_wi, b_wf, b_wc, b_wo, b_ri, b_rf, b_rc, b_ro

    def _cu_canonical_to_tf_canonical_single_layer(self, cu_weights, cu_biases, tf_weights,
                                                   tf_biases):
        (w,) = self._cudnn_to_tf_weights(*cu_weights)
        (b,) = self._cudnn_to_tf_biases(*cu_biases)
        tf_weights.append(w)
        tf_biases.append(b)


class CudnnParamsFormatConverterGRU(CudnnParamsFormatConverter):
    """GRU: CuDNN's gates r, u, h; the cell's gates kernel holds r and u, its candidate
    input and hidden projections CuDNN's h weights on the input and the state."""

    _rnn_mode = CUDNN_GRU
    _num_params_per_layer = CUDNN_GRU_PARAMS_PER_LAYER
    _rnn_cell_name = "cudnn_compatible_gru_cell"

    def _cudnn_to_tf_weights(self, *cu_weights):
        w_i, w_r, w_h, r_i, r_r, r_h = cu_weights
        W_i = array_ops.concat([w_i, r_i], axis=1)  # noqa: N806 - TF's names
        W_r = array_ops.concat([w_r, r_r], axis=1)  # noqa: N806
        return (array_ops.transpose(array_ops.concat([W_i, W_r], axis=0)),
                array_ops.transpose(w_h), array_ops.transpose(r_h))

    def _tf_to_cudnn_weights(self, layer, *tf_weights):
        width, n = _input_width(self, layer), self._num_units
        W_ir, w_h, r_h = tf_weights  # noqa: N806 - TF's names
        W_ir = array_ops.transpose(W_ir)  # noqa: N806
        w_h = array_ops.transpose(w_h)
        r_h = array_ops.transpose(r_h)
        W_i, W_r = array_ops.split(W_ir, 2, axis=0)  # noqa: N806
        w_i, r_i = array_ops.split(W_i, [width, n], axis=1)
        w_r, r_r = array_ops.split(W_r, [width, n], axis=1)
        return w_i, w_r, w_h, r_i, r_r, r_h

    def _cudnn_to_tf_biases(self, *biases):
        b_wi, b_wr, b_wh, b_ri, b_rr, b_rh = biases
        return (array_ops.concat([b_wi, b_wr], axis=0) + array_ops.concat([b_ri, b_rr], axis=0),
                b_wh, b_rh)

    def _tf_to_cudnn_biases(self, *tf_biases):
        b_ir, b_wh, b_rh = tf_biases
        bi, br = b_ir * 0.5, b_ir * 0.5
        b_wi, b_wr = array_ops.split(bi, 2, axis=0)
        b_ri, b_rr = array_ops.split(br, 2, axis=0)
        return b_wi, b_wr, b_wh, b_ri, b_rr, b_rh

    def _cu_canonical_to_tf_canonical_single_layer(self, cu_weights, cu_biases, tf_weights,
                                                   tf_biases):
        W_ir, w_h, r_h = self._cudnn_to_tf_weights(*cu_weights)  # noqa: N806 - TF's names
        b_ir, b_wh, b_rh = self._cudnn_to_tf_biases(*cu_biases)
        tf_weights.extend([W_ir, w_h, r_h])
        tf_biases.extend([b_ir, b_wh, b_rh])


class CudnnParamsFormatConverterBasic(CudnnParamsFormatConverterLSTM):
    """A plain RNN (tanh or relu): one weight on the input and one on the state; the
    BasicRNNCell's kernel stacks them, its bias is their biases' sum."""

    def _cudnn_to_tf_weights(self, *cu_weights):
        w_i, w_h = cu_weights
        return (array_ops.transpose(array_ops.concat([w_i, w_h], axis=1)),)

    def _tf_to_cudnn_weights(self, layer, *tf_weights):
        width, n = _input_width(self, layer), self._num_units
        (tf_weight,) = tf_weights
        w = array_ops.transpose(tf_weight)
        w_i, w_h = array_ops.split(w, [width, n], axis=1)
        return w_i, w_h

    def _cudnn_to_tf_biases(self, *cu_biases):
        b_wi, b_wh = cu_biases
        return (b_wi + b_wh,)

    def _tf_to_cudnn_biases(self, *tf_biases):
        (tf_bias,) = tf_biases
        return tf_bias * 0.5, tf_bias * 0.5


class CudnnParamsFormatConverterTanh(CudnnParamsFormatConverterBasic):
    """The tanh RNN's converter."""

    _rnn_mode = CUDNN_RNN_TANH
    _num_params_per_layer = CUDNN_RNN_TANH_PARAMS_PER_LAYER


class CudnnParamsFormatConverterRelu(CudnnParamsFormatConverterBasic):
    """The relu RNN's converter."""

    _rnn_mode = CUDNN_RNN_RELU
    _num_params_per_layer = CUDNN_RNN_RELU_PARAMS_PER_LAYER


class CudnnOpaqueParamsSaveable(SaveableObject):
    """Saves a CuDNN layer's opaque buffer as the compatible cells' canonical weights
    (named as in a MultiRNNCell, or stack_bidirectional_rnn for a bidirectional layer,
    under `scope`) and restores it from them."""

    _format_converter_cls = None
    _rnn_cell_name = None

    def __init__(self, opaque_params, num_layers, num_units, input_size,
                 input_mode=CUDNN_INPUT_LINEAR_MODE, direction=CUDNN_RNN_UNIDIRECTION,
                 scope=None, name="cudnn_rnn_saveable"):
        self._num_layers = num_layers
        self._input_size = input_size
        self._num_units = num_units
        self._input_mode = input_mode
        self._direction = direction
        if scope is not None:
            scope_name = scope.name if isinstance(scope, vs.VariableScope) else scope
            self._scope = scope_name or None
        else:
            self._scope = None
        self._variables = opaque_params
        self._num_dirs = 1 if self._direction == CUDNN_RNN_UNIDIRECTION else 2
        self._format_converter = None
        tf_weights, tf_biases = self.format_converter.opaque_to_tf_canonical(self._variables)
        weight_names, bias_names = self._tf_canonical_names()
        self._weight_names = weight_names
        self._bias_names = bias_names
        self._param_names = weight_names + bias_names
        keys = weight_names + bias_names
        if self._scope:
            keys = ["%s/%s" % (self._scope, k) for k in keys]
        specs = [SaveSpec(p, "", k) for p, k in zip(tf_weights + tf_biases, keys)]
        super().__init__(array_ops.identity(self._variables), specs, name)

    @property
    def format_converter(self):
        if self._format_converter is None:
            self._format_converter = self._format_converter_cls(
                self._num_layers, self._num_units, self._input_size, self._input_mode,
                self._direction)
        return self._format_converter

    def restore(self, restored_tensors, restored_shapes):
        opaque = self.format_converter.tf_canonical_to_opaque(restored_tensors)
        return state_ops.assign(self._variables, opaque, validate_shape=False)

    def _tf_canonical_names(self):
        weights, biases = [], []
        for i in range(self._num_layers):
            if self._direction == CUDNN_RNN_UNIDIRECTION:
                self._tf_canonical_names_single_layer(self._tf_canonical_name_prefix(i),
                                                      weights, biases)
            else:
                for fwd in (True, False):
                    self._tf_canonical_names_single_layer(
                        self._tf_canonical_name_prefix(i, is_fwd=fwd), weights, biases)
        return weights, biases

    def _tf_canonical_name_prefix(self, layer, is_fwd=True):
        if self._direction == CUDNN_RNN_UNIDIRECTION:
            return "rnn/multi_rnn_cell/cell_%d/%s" % (layer, self._rnn_cell_name)
        return "stack_bidirectional_rnn/cell_%d/bidirectional_rnn/%s/%s" % (
            layer, "fw" if is_fwd else "bw", self._rnn_cell_name)


class CudnnLSTMSaveable(CudnnOpaqueParamsSaveable):
    """A CudnnLSTM's buffer as CudnnCompatibleLSTMCell weights (kernel, bias)."""

    _format_converter_cls = CudnnParamsFormatConverterLSTM
    _rnn_cell_name = "cudnn_compatible_lstm_cell"

    def _tf_canonical_names_single_layer(self, prefix, tf_weights_names, tf_bias_names):
        tf_weights_names.append(prefix + "/kernel")
        tf_bias_names.append(prefix + "/bias")


class CudnnGRUSaveable(CudnnOpaqueParamsSaveable):
    """A CudnnGRU's buffer as CudnnCompatibleGRUCell weights."""

    _format_converter_cls = CudnnParamsFormatConverterGRU
    _rnn_cell_name = "cudnn_compatible_gru_cell"

    def _tf_canonical_names_single_layer(self, prefix, tf_weights_names, tf_bias_names):
        for part in ("gates", "candidate/input_projection", "candidate/hidden_projection"):
            tf_weights_names.append(prefix + "/%s/kernel" % part)
        for part in ("gates", "candidate/input_projection", "candidate/hidden_projection"):
            tf_bias_names.append(prefix + "/%s/bias" % part)


class CudnnRNNTanhSaveable(CudnnLSTMSaveable):
    """A CudnnRNNTanh's buffer as BasicRNNCell weights."""

    _format_converter_cls = CudnnParamsFormatConverterTanh
    _rnn_cell_name = "basic_rnn_cell"


class CudnnRNNReluSaveable(CudnnLSTMSaveable):
    """A CudnnRNNRelu's buffer as BasicRNNCell weights."""

    _format_converter_cls = CudnnParamsFormatConverterRelu
    _rnn_cell_name = "basic_rnn_cell"
