"""tf.keras.layers.CuDNNLSTM and CuDNNGRU (TF 1.14 keras/layers/cudnn_recurrent.py).

The layers are TF 1.14's: signature, weights (`kernel` [input_dim, gates * units],
`recurrent_kernel` [units, gates * units], `bias` [2 * gates * units]: the input biases,
then the recurrent ones), their seeded initial values, config, states, `stateful`,
`go_backwards`, `time_major` (a keyword argument), and 'Masking is not supported for CuDNN
RNNs.'

Where they run differs, on purpose: TF 1.14 builds a CudnnRNN op, which has no CPU kernel
(on a machine without a GPU, a session over the graph fails with "No OpKernel was
registered to support Op 'CudnnRNN'"). flowgrad computes cuDNN's equations on the CPU with
ordinary ops, so weights trained with these layers on a GPU load and give the same results:
- the weights are cuDNN's canonical layout as TF 1.14's layer hands them over: each gate's
  slice of `kernel` ([input_dim, units], flattened row-major) is cuDNN's [units, input_dim]
  matrix, so the step uses transpose(reshape(slice, [units, input_dim])); the recurrent
  slices are used transposed;
- LSTM (gates i, f, c, o): sigmoid gates, tanh cell; the input and recurrent biases add up;
- GRU (gates z, r, h): r multiplies the recurrent projection *after* its bias
  (h~ = tanh(W_h x + b_Wh + r * (R_h h + b_Rh))), h = z * h_prev + (1 - z) * h~ — Keras's
  GRU(reset_after=True, recurrent_activation='sigmoid'), not the default Keras GRU.
This is the equivalence TF 1.14 itself states when it loads CuDNN weights into LSTM / GRU
(keras/saving/hdf5_format.py); the goldens check the outputs and gradients through it. The
graph holds a while loop, not TF's one CudnnRNN op, so op counts after these layers differ
from TF's.
"""
import collections

from ...engine.framework.constant_op import constant
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, math_ops
from ...ops.linalg_ops import matmul
from .. import backend as K
from ..engine import base_layer_utils as blu
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec
from .recurrent import RNN, _ser

__all__ = ["CuDNNLSTM", "CuDNNGRU"]


class _CuDNNRNN(RNN):
    """What both layers share: states, the call, the RNN part of the config."""

    _gates = None

    def __init__(self, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, time_major=False, **kwargs):
        Layer.__init__(self, **kwargs)   # TF 1.14 skips RNN.__init__ (no cell object)
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.time_major = time_major
        self.unroll = False
        self.zero_output_for_mask = False
        self.supports_masking = False
        self.input_spec = [InputSpec(ndim=3)]
        sizes = self.cell.state_size if hasattr(self.cell.state_size, "__len__") else \
            [self.cell.state_size]
        self.state_spec = [InputSpec(shape=(None, dim)) for dim in sizes]
        self.constants_spec = None
        self._state_vars = None
        self._num_constants = None
        self._layers = []
        # TF 1.14 makes this constant (an op 'Const') when the layer is constructed
        self._vector_shape = constant([-1])

    def _init_weights(self, kernel_initializer, recurrent_initializer, bias_initializer,
                      kernel_regularizer, recurrent_regularizer, bias_regularizer,
                      activity_regularizer, kernel_constraint, recurrent_constraint,
                      bias_constraint):
        self.kernel_initializer = blu.get_initializer(kernel_initializer)
        self.recurrent_initializer = blu.get_initializer(recurrent_initializer)
        self.bias_initializer = blu.get_initializer(bias_initializer)
        self.kernel_regularizer = blu.get_regularizer(kernel_regularizer)
        self.recurrent_regularizer = blu.get_regularizer(recurrent_regularizer)
        self.bias_regularizer = blu.get_regularizer(bias_regularizer)
        self.activity_regularizer = blu.get_regularizer(activity_regularizer)
        self.kernel_constraint = blu.get_constraint(kernel_constraint)
        self.recurrent_constraint = blu.get_constraint(recurrent_constraint)
        self.bias_constraint = blu.get_constraint(bias_constraint)

    @property
    def cell(self):
        return self._cell

    def build(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        input_shape = TensorShape(input_shape)
        batch = input_shape.as_list()[0] if self.stateful else None
        self.input_spec = [InputSpec(shape=[batch, None] + input_shape.as_list()[2:])]
        if self.stateful:
            self.reset_states()
        input_dim = int(input_shape[-1])
        g, u = self._gates, self.units
        self.kernel = self.add_weight(shape=(input_dim, u * g), name="kernel",
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=(u, u * g), name="recurrent_kernel", initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer, constraint=self.recurrent_constraint)
        self.bias = self.add_weight(shape=(u * g * 2,), name="bias",
                                    initializer=self._bias_init(),
                                    regularizer=self.bias_regularizer,
                                    constraint=self.bias_constraint)
        self.built = True

    def _bias_init(self):
        return self.bias_initializer

    def __call__(self, inputs, initial_state=None, **kwargs):
        if initial_state is not None:
            states = initial_state if isinstance(initial_state, list) else [initial_state]
            return Layer.__call__(self, [inputs] + list(states), **kwargs)
        return Layer.__call__(self, inputs, **kwargs)

    def call(self, inputs, mask=None, training=None, initial_state=None):
        if isinstance(mask, list):
            mask = mask[0]
        if mask is not None:
            raise ValueError("Masking is not supported for CuDNN RNNs.")
        if isinstance(inputs, list):
            initial_state = inputs[1:]
            inputs = inputs[0]
        elif initial_state is not None:
            pass
        elif self.stateful:
            initial_state = self.states
        else:
            initial_state = self.get_initial_state(inputs)
        if len(initial_state) != len(self.states):
            raise ValueError("Layer has " + str(len(self.states)) + " states but was passed " +
                             str(len(initial_state)) + " initial states.")
        if self.go_backwards:
            inputs = K.reverse(inputs, 1)
        output, states = self._process_batch(inputs, list(initial_state))
        if self.stateful:
            self.add_update([v.assign(s) for v, s in zip(self._state_vars, states)], inputs)
        if self.return_state:
            return [output] + states
        return output

    def _canonical(self, input_dim):
        """cuDNN's matrices from the layer's weights: the input kernel [input_dim, g*u] and
        recurrent kernel [u, g*u] as x @ W, h @ R use them, and the two bias halves."""
        g, u = self._gates, self.units
        kernels = [array_ops.transpose(array_ops.reshape(self.kernel[:, i * u:(i + 1) * u],
                                                         [u, input_dim])) for i in range(g)]
        recurrent = [array_ops.transpose(self.recurrent_kernel[:, i * u:(i + 1) * u])
                     for i in range(g)]
        return (array_ops.concat(kernels, 1), array_ops.concat(recurrent, 1),
                self.bias[:g * u], self.bias[g * u:])

    def _process_batch(self, inputs, initial_state):
        input_dim = int(inputs.shape[-1])
        w, r, b_in, b_rec = self._canonical(input_dim)
        g, u = self._gates, self.units
        shape = array_ops.shape(inputs)
        projected = array_ops.reshape(
            matmul(array_ops.reshape(inputs, [-1, input_dim]), w) + b_in,
            array_ops.concat([shape[:2], [g * u]], 0))
        step = self._step(r, b_rec)
        last, outputs, states = K.rnn(step, projected, initial_state,
                                      time_major=self.time_major)
        output = outputs if self.return_sequences else last
        return output, list(states)

    def get_config(self):
        config = {"return_sequences": self.return_sequences,
                  "return_state": self.return_state, "go_backwards": self.go_backwards,
                  "stateful": self.stateful, "time_major": self.time_major}
        base = Layer.get_config(self)
        return dict(list(base.items()) + list(config.items()))

    def _weights_config(self):
        return {"units": self.units,
                "kernel_initializer": _ser(self.kernel_initializer),
                "recurrent_initializer": _ser(self.recurrent_initializer),
                "bias_initializer": _ser(self.bias_initializer),
                "kernel_regularizer": _ser(self.kernel_regularizer),
                "recurrent_regularizer": _ser(self.recurrent_regularizer),
                "bias_regularizer": _ser(self.bias_regularizer),
                "activity_regularizer": _ser(self.activity_regularizer),
                "kernel_constraint": _ser(self.kernel_constraint),
                "recurrent_constraint": _ser(self.recurrent_constraint),
                "bias_constraint": _ser(self.bias_constraint)}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    @property
    def trainable_weights(self):
        if self.trainable and self.built:
            return [self.kernel, self.recurrent_kernel, self.bias]
        return []

    @property
    def non_trainable_weights(self):
        if not self.trainable and self.built:
            return [self.kernel, self.recurrent_kernel, self.bias]
        return []

    @property
    def losses(self):
        return Layer.losses.fget(self)


class CuDNNGRU(_CuDNNRNN):
    """cuDNN's GRU (see the module docstring for what runs on the CPU)."""

    _gates = 3

    def __init__(self, units, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, **kwargs):
        self.units = units
        self._cell = collections.namedtuple("cell", "state_size")(state_size=self.units)
        super().__init__(return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, **kwargs)
        self._init_weights(kernel_initializer, recurrent_initializer, bias_initializer,
                           kernel_regularizer, recurrent_regularizer, bias_regularizer,
                           activity_regularizer, kernel_constraint, recurrent_constraint,
                           bias_constraint)

    def _step(self, r, b_rec):
        u = self.units

        def step(x, states):
            h_tm1 = states[0]
            hr = matmul(h_tm1, r) + b_rec
            z = math_ops.sigmoid(x[:, :u] + hr[:, :u])
            reset = math_ops.sigmoid(x[:, u:2 * u] + hr[:, u:2 * u])
            hh = math_ops.tanh(x[:, 2 * u:] + reset * hr[:, 2 * u:])
            h = z * h_tm1 + (1. - z) * hh
            return h, [h]
        return step

    def get_config(self):
        return dict(list(super().get_config().items()) +
                    list(self._weights_config().items()))


class CuDNNLSTM(_CuDNNRNN):
    """cuDNN's LSTM (see the module docstring for what runs on the CPU)."""

    _gates = 4

    def __init__(self, units, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, return_sequences=False,
                 return_state=False, go_backwards=False, stateful=False, **kwargs):
        self.units = units
        self._cell = collections.namedtuple("cell", "state_size")(
            state_size=(self.units, self.units))
        super().__init__(return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, **kwargs)
        self._init_weights(kernel_initializer, recurrent_initializer, bias_initializer,
                           kernel_regularizer, recurrent_regularizer, bias_regularizer,
                           activity_regularizer, kernel_constraint, recurrent_constraint,
                           bias_constraint)
        self.unit_forget_bias = unit_forget_bias

    def _bias_init(self):
        if not self.unit_forget_bias:
            return self.bias_initializer
        base, units = self.bias_initializer, self.units
        ones = blu.get_initializer("ones")

        def bias_initializer(_, *args, **kwargs):
            return array_ops.concat([base((units * 5,), *args, **kwargs),
                                     ones((units,), *args, **kwargs),
                                     base((units * 2,), *args, **kwargs)], axis=0)
        return bias_initializer

    def _step(self, r, b_rec):
        u = self.units

        def step(x, states):
            h_tm1, c_tm1 = states[0], states[1]
            z = x + matmul(h_tm1, r) + b_rec
            i = math_ops.sigmoid(z[:, :u])
            f = math_ops.sigmoid(z[:, u:2 * u])
            c = f * c_tm1 + i * math_ops.tanh(z[:, 2 * u:3 * u])
            o = math_ops.sigmoid(z[:, 3 * u:])
            h = o * math_ops.tanh(c)
            return h, [h, c]
        return step

    def get_config(self):
        config = {}
        for key, value in self._weights_config().items():   # TF's order: after the
            config[key] = value                               # initializers
            if key == "bias_initializer":
                config["unit_forget_bias"] = self.unit_forget_bias
        return dict(list(super().get_config().items()) + list(config.items()))


def convert_rnn_weights(layer, weights):
    """Saved weights (NumPy arrays) for `layer`, converted between CuDNNLSTM and LSTM and
    between CuDNNGRU and GRU(reset_after=True) as TF 1.14's HDF5 loading does
    (hdf5_format._convert_rnn_weights): each gate's input kernel changes between cuDNN's
    and Keras' layout, the recurrent ones are transposed, the LSTM's two biases are summed
    (or split in halves), the GRU's reshaped. Other layers' weights come back as given."""
    import numpy as np  # lazy: only HDF5 loading converts

    def transform_kernels(kernels, func, n_gates):
        return np.hstack([func(k) for k in np.hsplit(kernels, n_gates)])

    def transpose_input(from_cudnn):
        order = "F" if from_cudnn else "C"
        return lambda kernel: kernel.T.reshape(kernel.shape, order=order)

    target_class = layer.__class__.__name__
    if target_class in ("LSTM", "CuDNNLSTM") and len(weights) == 3:
        units, bias_shape, n_gates = weights[1].shape[0], weights[2].shape, 4
        if bias_shape == (2 * units * n_gates,):
            source = "CuDNNLSTM"
        elif bias_shape == (units * n_gates,):
            source = "LSTM"
        else:
            raise ValueError("Invalid bias shape: " + str(bias_shape))
        if source != target_class:
            from_cudnn = source == "CuDNNLSTM"
            kernels = transform_kernels(weights[0], transpose_input(from_cudnn), n_gates)
            recurrent = transform_kernels(weights[1], lambda k: k.T, n_gates)
            biases = np.sum(np.split(weights[2], 2, axis=0), axis=0) if from_cudnn else \
                np.tile(0.5 * weights[2], 2)
            weights = [kernels, recurrent, biases]
    if target_class in ("GRU", "CuDNNGRU") and len(weights) == 3:
        units, bias_shape, n_gates = weights[1].shape[0], weights[2].shape, 3
        if bias_shape == (2 * units * n_gates,):
            source = "CuDNNGRU"
        elif bias_shape == (2, units * n_gates):
            source = "GRU(reset_after=True)"
        elif bias_shape == (units * n_gates,):
            source = "GRU(reset_after=False)"
        else:
            raise ValueError("Invalid bias shape: " + str(bias_shape))
        if target_class == "CuDNNGRU":
            target = "CuDNNGRU"
        elif layer.reset_after:
            target = "GRU(reset_after=True)"
        else:
            target = "GRU(reset_after=False)"
        if source != target:
            if "GRU(reset_after=False)" in (source, target):
                raise ValueError("%s is not compatible with %s" % (source, target))
            from_cudnn = source == "CuDNNGRU"
            kernels = transform_kernels(weights[0], transpose_input(from_cudnn), n_gates)
            recurrent = transform_kernels(weights[1], lambda k: k.T, n_gates)
            biases = np.array(weights[2]).reshape((2, -1) if from_cudnn else -1)
            weights = [kernels, recurrent, biases]
    return weights
