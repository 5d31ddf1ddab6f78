"""TF 1.14's CuDNN RNN layers (contrib/cudnn_rnn/python/layers/cudnn_rnn.py): CudnnLSTM,
CudnnGRU, CudnnRNNTanh, CudnnRNNRelu.

Each keeps all its layers' weights in one opaque variable `opaque_kernel` (shape unknown),
initialized from canonical weights by a CudnnRNNCanonicalToParams op, registers a
saveable that writes it in the compatible cells' canonical form, and runs as one
CudnnRNN (or CudnnRNNV3, with sequence lengths or batch-major input) op. These ops have
no CPU kernel in TF 1.14: the graph builds as TF builds it, and every Session.run of it
fails with TF's InvalidArgumentError ("No OpKernel was registered to support Op
'CudnnRNNCanonicalToParams' ..."). On a CPU, TF's answer is the CuDNN-compatible cells,
which load the checkpoints these layers write.
"""
from __future__ import annotations

from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import GraphKeys, add_to_collection, device
from ...engine.framework.tensor_shape import TensorShape, dimension_value
from ...engine.ops import cudnn_rnn as _ops
from ...keras.engine.input_spec import InputSpec
from ...layers import base as base_layer
from ... import logging
from ...ops import array_ops, init_ops, random_ops
from ...ops import variable_scope as vs
from . import _ops as cudnn_rnn_ops
from ._ops import (CUDNN_GRU, CUDNN_GRU_PARAMS_PER_LAYER, CUDNN_INPUT_LINEAR_MODE, CUDNN_LSTM,
                   CUDNN_LSTM_PARAMS_PER_LAYER, CUDNN_RNN_BIDIRECTION, CUDNN_RNN_RELU,
                   CUDNN_RNN_RELU_PARAMS_PER_LAYER, CUDNN_RNN_TANH,
                   CUDNN_RNN_TANH_PARAMS_PER_LAYER, CUDNN_RNN_UNIDIRECTION)

__all__ = ["CudnnGRU", "CudnnLSTM", "CudnnRNNRelu", "CudnnRNNTanh"]


def _cudnn_rnn(inputs, input_h, input_c, params, is_training, rnn_mode, sequence_lengths,
               time_major, input_mode, direction, dropout, seed):
    """TF's cudnn_rnn_ops._cudnn_rnn: CudnnRNNV3 with sequence lengths or batch-major
    input, else CudnnRNN; (outputs, output_h, output_c)."""
    cudnn_rnn_ops.check_rnn_mode(rnn_mode)
    cudnn_rnn_ops.check_direction(direction)
    cudnn_rnn_ops.check_input_mode(input_mode)
    seed, seed2 = random_ops.get_seed(seed)
    kw = dict(rnn_mode=rnn_mode, input_mode=input_mode, direction=direction, dropout=dropout,
              seed=seed, seed2=seed2, is_training=is_training)
    if sequence_lengths is None and time_major is False:
        batch_size = array_ops.shape(inputs)[0]
        max_time = array_ops.shape(inputs)[1]
        sequence_lengths = array_ops.fill([batch_size], max_time)
    if sequence_lengths is not None:
        outs = _ops.cudnn_rnnv3(inputs, input_h, input_c, params, sequence_lengths,
                                time_major=time_major, **kw)
    else:
        outs = _ops.cudnn_rnn(inputs, input_h, input_c, params, **kw)
    return outs[0], outs[1], outs[2]


class _CudnnRNN(base_layer.Layer):
    """A multi-layer RNN run by CuDNN, its parameters in one opaque buffer."""

    _rnn_mode = None
    _num_params_per_layer = None
    _saveable_cls = None

    def __init__(self, num_layers, num_units, input_mode=CUDNN_INPUT_LINEAR_MODE,
                 direction=CUDNN_RNN_UNIDIRECTION, dropout=0., seed=None,
                 dtype=dtypes.float32, kernel_initializer=None, bias_initializer=None,
                 name=None):
        super().__init__(dtype=dtype, name=name)
        cudnn_rnn_ops.check_direction(direction)
        cudnn_rnn_ops.check_input_mode(input_mode)
        if dtype not in [dtypes.float16, dtypes.float32, dtypes.float64]:
            raise ValueError("Only support float16, float32, float64, provided %s" % dtype)
        self._plain_dtype = dtype
        self._num_layers = num_layers
        self._num_units = num_units
        self._input_mode = input_mode
        self._direction = direction
        self._dropout = dropout
        self._seed = seed
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer
        self._input_size = None
        self._saveable = None

    @property
    def num_layers(self):
        return self._num_layers

    @property
    def num_units(self):
        return self._num_units

    @property
    def input_mode(self):
        """'linear_input', 'skip_input' or 'auto_select'."""
        return self._input_mode

    @property
    def input_size(self):
        if not self._input_size:
            raise ValueError("'input_size' is unknown since layer has not been built.")
        return self._input_size

    @property
    def rnn_mode(self):
        """'lstm', 'gru', 'rnn_relu' or 'rnn_tanh'."""
        return self._rnn_mode

    @property
    def direction(self):
        return self._direction

    @property
    def num_dirs(self):
        return 1 if self._direction == CUDNN_RNN_UNIDIRECTION else 2

    @property
    def saveable(self):
        return self._saveable

    @property
    def canonical_weight_shapes(self):
        """Shapes of the CuDNN canonical weights, layer by layer."""
        if not self._input_size:
            raise RuntimeError("%s.canonical_weight_shapes invoked before input shape is known"
                               % type(self).__name__)
        shapes = []
        for i in range(self._num_layers):
            shapes.extend(self._canonical_weight_shape(i))
        return shapes

    @property
    def canonical_bias_shapes(self):
        """Shapes of the CuDNN canonical biases."""
        return self._canonical_bias_shape(0) * self._num_layers

    def _update_trainable_weights(self, getter, *args, **kwargs):
        variable = getter(*args, **kwargs)
        trainable = kwargs.get("trainable", True)
        if trainable and variable not in self._trainable_weights:
            self._trainable_weights.append(variable)
        elif not trainable and variable not in self._non_trainable_weights:
            self._non_trainable_weights.append(variable)
        return variable

    def build(self, input_shape):
        """Creates `opaque_kernel` from canonical weights (glorot uniform) and biases
        (zeros), and the layer's saveable."""
        if self.built:
            return
        input_shape = TensorShape(input_shape)
        if input_shape.ndims != 3:
            raise ValueError("Expecting input_shape with 3 dims, got %d" % input_shape.ndims)
        if dimension_value(input_shape[-1]) is None:
            raise ValueError("The last dimension of the inputs to `CudnnRNN` should be "
                             "defined. Found `None`.")
        self._input_size = dimension_value(input_shape[-1])
        self.input_spec = InputSpec(ndim=3, axes={-1: self._input_size})
        self._set_scope(None)
        with vs.variable_scope(self._scope, reuse=self.built,
                               custom_getter=self._update_trainable_weights):
            if self._kernel_initializer is None:
                self._kernel_initializer = init_ops.glorot_uniform_initializer(
                    seed=self._seed, dtype=self._plain_dtype)
            if self._bias_initializer is None:
                self._bias_initializer = init_ops.constant_initializer(
                    0.0, dtype=self._plain_dtype)
            weights = [self._kernel_initializer(sp, dtype=self._plain_dtype)
                       for sp in self.canonical_weight_shapes]
            biases = [self._bias_initializer(sp, dtype=self._plain_dtype)
                      for sp in self.canonical_bias_shapes]
            opaque_params_t = self._canonical_to_opaque(weights, biases)
            if vs.get_variable_scope().partitioner is not None:
                logging.warning(
                    "Partitioner is not supported for Cudnn RNN layer variables, using it "
                    "will create forward-compatibility issues with future CUDA/CuDNN "
                    "generations.")
            self.kernel = vs.get_variable("opaque_kernel", dtype=self._plain_dtype,
                                          initializer=opaque_params_t, validate_shape=False)
        if not (self.built or vs.get_variable_scope().reuse is True):
            self._create_saveable()
        self.built = True

    def _gather_saveables_for_checkpoint(self):
        raise NotImplementedError("This cell does not yet support object-based saving. File "
                                  "a feature request if this limitation bothers you.")

    def call(self, inputs, initial_state=None, sequence_lengths=None, time_major=True,
             training=True):
        """(outputs, output_states): outputs [time, batch, dirs * units] (time_major) or
        [batch, time, dirs * units]; the states a tuple (h, c) for an LSTM, (h,) else,
        each [layers * dirs, batch, units]."""
        if initial_state is not None and not isinstance(initial_state, tuple):
            raise TypeError("Invalid initial_state type: %s, expecting tuple." % initial_state)
        dtype = self.dtype
        inputs = convert_to_tensor(inputs, dtype=dtype)
        batch_size = array_ops.shape(inputs)[1]
        if initial_state is None:
            initial_state = self._zero_state(batch_size)
        if self._rnn_mode == CUDNN_LSTM:
            h, c = initial_state
        else:
            h, = initial_state
        h = convert_to_tensor(h, dtype=dtype)
        if self._rnn_mode == CUDNN_LSTM:
            c = convert_to_tensor(c, dtype=dtype)
        else:
            c = array_ops.constant([], dtype=dtype)
        outputs, (output_h, output_c) = self._forward(inputs, h, c, self.kernel,
                                                      sequence_lengths, time_major, training)
        if self._rnn_mode == CUDNN_LSTM:
            return outputs, (output_h, output_c)
        return outputs, (output_h,)

    def _zero_state(self, batch_size):
        return tuple(array_ops.zeros(sp, dtype=self.dtype)
                     for sp in self.state_shape(batch_size))

    def _canonical_weight_shape(self, layer):
        if layer < 0 or layer >= self._num_layers:
            raise ValueError("'layer' is not valid, got %s, expecting [%d, %d]"
                             % (layer, 0, self._num_layers - 1))
        if not self._input_size:
            raise RuntimeError("%s._canonical_weight_shape invoked before input shape is "
                               "known" % type(self).__name__)
        n = self._num_units
        gates = self._num_params_per_layer // 2
        bidi = self._direction == CUDNN_RNN_BIDIRECTION
        if layer == 0:
            on_inputs = [(n, self._input_size)] * gates
        else:
            on_inputs = [(n, 2 * n if bidi else n)] * gates
        shapes = on_inputs + [(n, n)] * gates
        return shapes * 2 if bidi else shapes

    def _canonical_bias_shape(self, unused_layer):
        return [[self._num_units]] * self.num_dirs * self._num_params_per_layer

    def _canonical_to_opaque(self, cu_weights, cu_biases):
        if not self._input_size:
            raise RuntimeError("%s._canonical_to_opaque invoked before input shape is known"
                               % type(self).__name__)
        with device("/gpu:0"):
            return cudnn_rnn_ops.canonical_to_opaque_params(
                rnn_mode=self._rnn_mode, num_layers=self._num_layers,
                num_units=self._num_units, input_size=self._input_size, weights=cu_weights,
                biases=cu_biases, input_mode=self._input_mode, seed=self._seed,
                dropout=self._dropout, direction=self._direction)

    def _forward(self, inputs, h, c, opaque_params, sequence_lengths, time_major, training):
        output, output_h, output_c = _cudnn_rnn(
            inputs, h, c, opaque_params, training, self._rnn_mode,
            sequence_lengths=sequence_lengths, time_major=time_major,
            input_mode=self._input_mode, direction=self._direction, dropout=self._dropout,
            seed=self._seed)
        return output, (output_h, output_c)

    def _create_saveable(self):
        """The layer's saveable (canonical weights in checkpoints), in SAVEABLE_OBJECTS."""
        if self._saveable is not None:
            raise RuntimeError("Cudnn saveable already created.")
        kernel = self.trainable_variables[0]
        self._saveable = self._saveable_cls(
            opaque_params=kernel, num_layers=self.num_layers, num_units=self.num_units,
            input_size=self.input_size, input_mode=self.input_mode,
            direction=self.direction, scope=vs.get_variable_scope(),
            name="%s_saveable" % kernel.name.split(":")[0])
        # TF's saveable then tracks the canonical weights for object-based checkpoints
        # (which these layers refuse), placing them on `opaque_params[0].device`: that
        # index is a StridedSlice op in TF's graph, made here too.
        kernel[0]
        add_to_collection(GraphKeys.SAVEABLE_OBJECTS, self._saveable)


class CudnnLSTM(_CudnnRNN):
    """CuDNN's LSTM layer."""

    _rnn_mode = CUDNN_LSTM
    _num_params_per_layer = CUDNN_LSTM_PARAMS_PER_LAYER
    _saveable_cls = cudnn_rnn_ops.CudnnLSTMSaveable

    def state_shape(self, batch_size):
        """([layers * dirs, batch, units], the same) for h and c."""
        shape = [self.num_layers * self.num_dirs, batch_size, self.num_units]
        return (shape, list(shape))


class _CudnnRNNNoInputC(_CudnnRNN):
    """A CuDNN RNN whose state is h alone."""

    def state_shape(self, batch_size):
        """([layers * dirs, batch, units],)."""
        return [self.num_layers * self.num_dirs, batch_size, self.num_units],


class CudnnGRU(_CudnnRNNNoInputC):
    """CuDNN's GRU layer."""

    _rnn_mode = CUDNN_GRU
    _num_params_per_layer = CUDNN_GRU_PARAMS_PER_LAYER
    _saveable_cls = cudnn_rnn_ops.CudnnGRUSaveable


class CudnnRNNTanh(_CudnnRNNNoInputC):
    """CuDNN's RNN-tanh layer."""

    _rnn_mode = CUDNN_RNN_TANH
    _num_params_per_layer = CUDNN_RNN_TANH_PARAMS_PER_LAYER
    _saveable_cls = cudnn_rnn_ops.CudnnRNNTanhSaveable


class CudnnRNNRelu(_CudnnRNNNoInputC):
    """CuDNN's RNN-relu layer."""

    _rnn_mode = CUDNN_RNN_RELU
    _num_params_per_layer = CUDNN_RNN_RELU_PARAMS_PER_LAYER
    _saveable_cls = cudnn_rnn_ops.CudnnRNNReluSaveable
