"""TF 1.14's RNN cells (`tf.nn.rnn_cell`, `tensorflow.python.ops.rnn_cell_impl`).

In TF 1.14 the cells are tf.layers Layers. Here they carry the part of the
Layer that decides variable names: a cell's name is its snake-case class name
made unique per graph (`basic_lstm_cell`, `basic_lstm_cell_1`, ...), and its
first call opens `variable_scope(None, default_name=<that base name>)` inside
the caller's scope (so `rnn/basic_lstm_cell/kernel:0`); later calls re-enter
that scope with reuse. Variables come from `get_variable` with TF's names,
shapes and default initializers, so TF checkpoints map onto them.
"""
from __future__ import annotations

import collections
import hashlib
import numbers
import re

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import graph_records as _records
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.static_value import constant_value
from ..engine.framework.graph import Tensor, device as _device, get_default_graph, name_scope
from ..engine.framework.tensor_shape import TensorShape, dimension_value
from ..module import Module
from . import _nest as nest
from . import array_ops, init_ops, math_ops, nn_ops, random_ops
from . import variable_scope as vs
from .linalg_ops import matmul as _matmul

__all__ = ["BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell",
           "LSTMCell", "LSTMStateTuple", "LayerRNNCell", "MultiRNNCell", "RNNCell",
           "ResidualWrapper"]

_BIAS_VARIABLE_NAME = "bias"
_WEIGHTS_VARIABLE_NAME = "kernel"


def _snake(name):
    s1 = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    insecure = re.sub("([a-z])([A-Z])", r"\1_\2", s1).lower()
    if insecure[0] != "_":
        return insecure
    return "private" + insecure


_LAYER_NAMES = _records.GraphRecords("_LAYER_NAMES")   # graph -> Counter of layer names


def _unique_layer_name(base):
    g = get_default_graph()
    counts = _LAYER_NAMES.setdefault(g, collections.Counter())
    counts[base] += 1
    return f"{base}_{counts[base]}"    # tf.layers names are one-based: basic_lstm_cell_1


def _concat(prefix, suffix, static=False):
    """TF's rnn_cell_impl._concat: [prefix] + suffix as an int32 tensor, or (static) as a
    list; like TF it converts a non-Tensor prefix/suffix to constants either way."""
    def part(v, what):
        if isinstance(v, Tensor):
            st = constant_value(v)   # TF's tensor_util.constant_value
            if v.shape.ndims == 0:
                v = array_ops.expand_dims(v, 0)
            elif v.shape.ndims != 1:
                raise ValueError(f"{what} tensor must be either a scalar or vector, but saw "
                                 f"tensor: {v}")
            return v, (None if st is None else np.asarray(st).reshape(-1).tolist())
        sh = TensorShape(v)
        st = sh.as_list() if sh.ndims is not None else None
        return (constant(sh.as_list(), dtype=_dt.int32) if sh.is_fully_defined() else None), st
    p, p_static = part(prefix, "prefix")
    s, s_static = part(suffix, "suffix")
    if static:
        out = TensorShape(p_static).concatenate(TensorShape(s_static))
        return out.as_list() if out.ndims is not None else None
    if p is None or s is None:
        raise ValueError(f"Provided a prefix or suffix of None: {prefix} and {suffix}")
    return array_ops.concat((p, s), 0)


def _zero_state_tensors(state_size, batch_size, dtype):
    """Zeros of shape [batch_size] + s for each s of `state_size` (TF's ops: ConcatV2, Fill)."""
    def get_state_shape(s):
        c = _concat(batch_size, s)
        size = array_ops.zeros(c, dtype=dtype)
        size.set_shape(TensorShape(_concat(batch_size, s, static=True)))
        return size
    return nest.map_structure(get_state_shape, state_size)


class RNNCell(Module):
    """Abstract RNN cell: subclasses define `state_size`, `output_size` and
    `call(inputs, state)` (or `__call__`), and `build(inputs_shape)` to make variables.
    A tf.Module, as TF 1.14's cells (tf.layers layers) are."""

    def _tracked_children(self):
        raise NotImplementedError(
            "tf.train.Checkpoint of an RNN cell (or of a tf.Module holding one): flowgrad "
            "does not write TF's object graph for layers; save it with tf.train.Saver")

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        allowed = {"_reuse", "_scope"}
        for k in kwargs:
            if k not in allowed:
                # TF's keras validate_kwargs: the message and the name as two args
                raise TypeError("Keyword argument not understood:", k)
        self.trainable = trainable
        self._reuse = kwargs.get("_reuse")
        self._dtype = None if dtype is None else _dt.as_dtype(dtype)
        if name is None:
            self._base_name = _snake(type(self).__name__)
            self._name = _unique_layer_name(self._base_name)
        else:
            self._base_name = name
            self._name = name
        self._scope = kwargs.get("_scope")
        self.built = False
        self._trainable_weights = []
        self._non_trainable_weights = []

    # -- Layer surface ---------------------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def scope_name(self):
        if not self._scope:
            raise ValueError("No name available for layer scope because the layer \"" +
                             self._name + "\" has not been used yet. The scope name " +
                             " is determined the first time the layer instance is " +
                             "called. You must therefore call the layer before " +
                             "querying `scope_name`.")
        return self._scope.name

    @property
    def trainable_weights(self):
        return list(self._trainable_weights) if self.trainable else []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return list(self._non_trainable_weights)
        return list(self._trainable_weights) + list(self._non_trainable_weights)

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights
    variables = weights

    def add_variable(self, name, shape=None, dtype=None, initializer=None, regularizer=None,
                     trainable=None, constraint=None, partitioner=None, **kwargs):
        """A variable of this cell (get_variable in the cell's scope)."""
        if trainable is None:
            trainable = True
        dtype = dtype or self._dtype or _dt.float32
        v = vs.get_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                            regularizer=regularizer, trainable=trainable and self.trainable,
                            constraint=constraint, partitioner=partitioner)
        if trainable and self.trainable:
            self._trainable_weights.append(v)
        else:
            self._non_trainable_weights.append(v)
        return v

    add_weight = add_variable

    def build(self, inputs_shape):
        self.built = True

    def call(self, inputs, state):
        raise NotImplementedError("Abstract method")

    # -- calling ---------------------------------------------------------------------------
    def __call__(self, inputs, state, scope=None):
        """Runs the cell on `inputs` (batch x input_size) from `state`: (output, new state)."""
        if scope is not None:
            with vs.variable_scope(scope) as captured:
                return self._call_in_scope(inputs, state, captured)
        if isinstance(self, LayerRNNCell):
            return self._call_in_scope(inputs, state, None)
        # TF's RNNCell (not a LayerRNNCell: MultiRNNCell, a user's cell) re-enters the
        # variable scope it was first called in, once made and kept: the name scope gets
        # that scope's last name again ("rnn/while/rnn/multi_rnn_cell/...")
        reentry = getattr(self, "_rnncell_scope", None)
        if reentry is None:
            reentry = vs.variable_scope(vs.get_variable_scope())
            self._rnncell_scope = reentry
        with reentry:
            return self._call_in_scope(inputs, state, None)

    def _call_in_scope(self, inputs, state, outer):
        if self._scope is None:
            if self._reuse:
                cm = vs.variable_scope(self._base_name)
            else:
                cm = vs.variable_scope(None, default_name=self._base_name)
            with cm as captured:
                self._scope = captured
                return self._build_and_call(inputs, state)
        with vs.variable_scope(self._scope, reuse=True, auxiliary_name_scope=False):
            with name_scope(self._scope.original_name_scope
                            if hasattr(self._scope, "original_name_scope") else None):
                return self._build_and_call(inputs, state)

    def _build_and_call(self, inputs, state):
        ndim = getattr(self, "_input_ndim", None)
        if ndim is not None:   # TF's InputSpec(ndim=2), checked before the cell builds
            shape = convert_to_tensor(nest.flatten(inputs)[0]).shape
            if shape.ndims is not None and shape.ndims != ndim:
                raise ValueError(f"Input 0 of layer {self.name} is incompatible with the "
                                 f"layer: expected ndim={ndim}, found ndim={shape.ndims}. "
                                 f"Full shape received: {shape.as_list()}")
        if self._dtype is None:
            first = nest.flatten(inputs)[0]
            if isinstance(first, Tensor):
                self._dtype = first.dtype.base_dtype
        if not self.built:
            shapes = nest.map_structure(
                lambda x: convert_to_tensor(x).shape, inputs)
            self.build(shapes if nest.is_sequence(inputs) else shapes)
            self.built = True
        return self.call(inputs, state)

    # -- sizes and initial state -----------------------------------------------------------
    @property
    def state_size(self):
        raise NotImplementedError("Abstract method")

    @property
    def output_size(self):
        raise NotImplementedError("Abstract method")

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        """TF 1.14's: a given batch_size (read with constant_value(partial=True)) and
        dtype must agree with the inputs'; the batch size is the inputs' static one, else
        its Shape's first element (also for a static 0, as TF's `or`)."""
        if inputs is not None:
            inputs = convert_to_tensor(inputs, name="inputs")
            static = inputs.shape.dims[0].value
            if batch_size is not None:
                given = (constant_value(batch_size, partial=True)
                         if isinstance(batch_size, Tensor) else batch_size)
                if static != given:
                    raise ValueError("batch size from input tensor is different from the input "
                                     f"param. Input tensor batch: {static}, batch_size: "
                                     f"{batch_size}")
            if dtype is not None and inputs.dtype != dtype:
                raise ValueError("dtype from input tensor is different from the input param. "
                                 f"Input tensor dtype: {inputs.dtype}, dtype: {dtype}")
            batch_size = static or array_ops.shape(inputs)[0]
            dtype = inputs.dtype
        if batch_size is None or dtype is None:
            raise ValueError("batch_size and dtype cannot be None while constructing initial "
                             f"state: batch_size={batch_size}, dtype={dtype}")
        return self.zero_state(batch_size, dtype)

    def zero_state(self, batch_size, dtype):
        """Zero-filled state tensor(s) for a batch of `batch_size`."""
        state_size = self.state_size
        with name_scope(type(self).__name__ + "ZeroState"):
            return _zero_state_tensors(state_size, batch_size, dtype)


class LayerRNNCell(RNNCell):
    """An RNNCell whose variables are made in `build` (TF's LayerRNNCell)."""


class _Rank2Cell(LayerRNNCell):
    """TF 1.14's BasicRNNCell, GRUCell, BasicLSTMCell and LSTMCell take inputs of rank 2
    (their input_spec); another rank is a ValueError naming the layer."""
    _input_ndim = 2


def _check_rnn_cell_input_dtypes(inputs):
    for t in nest.flatten(inputs):
        t = convert_to_tensor(t)
        if not (t.dtype.base_dtype.is_floating or t.dtype.base_dtype.is_complex):
            raise ValueError(f"RNN cell only supports floating point inputs, but saw dtype: "
                             f"{t.dtype}")


def _input_depth(inputs_shape, cls):
    if inputs_shape[-1] is None or dimension_value(inputs_shape[-1]) is None:
        # TF's build gets the shape as a tuple (tf_utils.shape_type_conversion)
        shown = tuple(TensorShape(inputs_shape).as_list()) \
            if TensorShape(inputs_shape).ndims is not None else inputs_shape
        raise ValueError(f"Expected inputs.shape[-1] to be known, saw shape: {shown}")
    return dimension_value(inputs_shape[-1])


class BasicRNNCell(_Rank2Cell):
    """The most basic RNN cell: output = new_state = act(W * [input, state] + b)."""

    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None,
                 **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._activation = activation or math_ops.tanh

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        input_depth = _input_depth(inputs_shape, self)
        self._kernel = self.add_variable(_WEIGHTS_VARIABLE_NAME,
                                         shape=[input_depth + self._num_units, self._num_units])
        self._bias = self.add_variable(_BIAS_VARIABLE_NAME, shape=[self._num_units],
                                       initializer=init_ops.zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        _check_rnn_cell_input_dtypes([inputs, state])
        gate_inputs = _matmul(array_ops.concat([inputs, state], 1), self._kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
        output = self._activation(gate_inputs)
        return output, output


class GRUCell(_Rank2Cell):
    """Gated Recurrent Unit cell (Cho et al. 2014)."""

    def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None,
                 bias_initializer=None, name=None, dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._activation = activation or math_ops.tanh
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        input_depth = _input_depth(inputs_shape, self)
        n = self._num_units
        self._gate_kernel = self.add_variable(
            "gates/" + _WEIGHTS_VARIABLE_NAME, shape=[input_depth + n, 2 * n],
            initializer=self._kernel_initializer)
        self._gate_bias = self.add_variable(
            "gates/" + _BIAS_VARIABLE_NAME, shape=[2 * n],
            initializer=(self._bias_initializer if self._bias_initializer is not None
                         else init_ops.constant_initializer(1.0, dtype=self.dtype)))
        self._candidate_kernel = self.add_variable(
            "candidate/" + _WEIGHTS_VARIABLE_NAME, shape=[input_depth + n, n],
            initializer=self._kernel_initializer)
        self._candidate_bias = self.add_variable(
            "candidate/" + _BIAS_VARIABLE_NAME, shape=[n],
            initializer=(self._bias_initializer if self._bias_initializer is not None
                         else init_ops.zeros_initializer(dtype=self.dtype)))
        self.built = True

    def call(self, inputs, state):
        _check_rnn_cell_input_dtypes([inputs, state])
        gate_inputs = _matmul(array_ops.concat([inputs, state], 1), self._gate_kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._gate_bias)
        value = math_ops.sigmoid(gate_inputs)
        r, u = array_ops.split(value=value, num_or_size_splits=2, axis=1)
        r_state = r * state
        candidate = _matmul(array_ops.concat([inputs, r_state], 1),
                                    self._candidate_kernel)
        candidate = nn_ops.bias_add(candidate, self._candidate_bias)
        c = self._activation(candidate)
        new_h = u * state + (1 - u) * c
        return new_h, new_h


_LSTMStateTuple = collections.namedtuple("LSTMStateTuple", ("c", "h"))


class LSTMStateTuple(_LSTMStateTuple):
    """(c, h): the state of an LSTM cell with state_is_tuple=True."""

    __slots__ = ()

    @property
    def dtype(self):
        c, h = self
        if c.dtype != h.dtype:
            raise TypeError(f"Inconsistent internal state: {c.dtype} vs {h.dtype}")
        return c.dtype


class BasicLSTMCell(_Rank2Cell):
    """Basic LSTM cell (no peepholes, no projection; forget_bias added to the forget gate)."""

    def __init__(self, num_units, forget_bias=1.0, state_is_tuple=True, activation=None,
                 reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = activation or math_ops.tanh

    @property
    def state_size(self):
        n = self._num_units
        return LSTMStateTuple(n, n) if self._state_is_tuple else 2 * n

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        input_depth = _input_depth(inputs_shape, self)
        h_depth = self._num_units
        self._kernel = self.add_variable(_WEIGHTS_VARIABLE_NAME,
                                         shape=[input_depth + h_depth, 4 * self._num_units])
        self._bias = self.add_variable(_BIAS_VARIABLE_NAME, shape=[4 * self._num_units],
                                       initializer=init_ops.zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        _check_rnn_cell_input_dtypes([inputs, state])
        sigmoid = math_ops.sigmoid
        one = constant(1, dtype=_dt.int32)
        if self._state_is_tuple:
            c, h = state
        else:
            c, h = array_ops.split(value=state, num_or_size_splits=2, axis=one)
        gate_inputs = _matmul(array_ops.concat([inputs, h], 1), self._kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
        i, j, f, o = array_ops.split(value=gate_inputs, num_or_size_splits=4, axis=one)
        forget_bias_tensor = constant(self._forget_bias, dtype=f.dtype)
        add, multiply = math_ops.add, math_ops.multiply
        new_c = add(multiply(c, sigmoid(add(f, forget_bias_tensor))),
                    multiply(sigmoid(i), self._activation(j)))
        new_h = multiply(self._activation(new_c), sigmoid(o))
        if self._state_is_tuple:
            new_state = LSTMStateTuple(new_c, new_h)
        else:
            new_state = array_ops.concat([new_c, new_h], 1)
        return new_h, new_state


class LSTMCell(_Rank2Cell):
    """LSTM cell with optional peepholes, cell clipping and a projection layer."""

    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None,
                 num_proj=None, proj_clip=None, num_unit_shards=None, num_proj_shards=None,
                 forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None, name=None,
                 dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        if num_unit_shards is not None or num_proj_shards is not None:
            raise NotImplementedError("LSTMCell: num_unit_shards and num_proj_shards "
                                      "(deprecated partitioned variables) are not supported")
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = activation or math_ops.tanh
        if num_proj:
            self._state_size = (LSTMStateTuple(num_units, num_proj) if state_is_tuple
                                else num_units + num_proj)
            self._output_size = num_proj
        else:
            self._state_size = (LSTMStateTuple(num_units, num_units) if state_is_tuple
                                else 2 * num_units)
            self._output_size = num_units

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def build(self, inputs_shape):
        input_depth = _input_depth(inputs_shape, self)
        h_depth = self._num_units if self._num_proj is None else self._num_proj
        n = self._num_units
        self._kernel = self.add_variable(_WEIGHTS_VARIABLE_NAME,
                                         shape=[input_depth + h_depth, 4 * n],
                                         initializer=self._initializer)
        if self.dtype is None:
            bias_init = init_ops.zeros_initializer
        else:
            bias_init = init_ops.zeros_initializer(dtype=self.dtype)
        self._bias = self.add_variable(_BIAS_VARIABLE_NAME, shape=[4 * n],
                                       initializer=bias_init)
        if self._use_peepholes:
            self._w_f_diag = self.add_variable("w_f_diag", shape=[n],
                                               initializer=self._initializer)
            self._w_i_diag = self.add_variable("w_i_diag", shape=[n],
                                               initializer=self._initializer)
            self._w_o_diag = self.add_variable("w_o_diag", shape=[n],
                                               initializer=self._initializer)
        if self._num_proj is not None:
            self._proj_kernel = self.add_variable("projection/%s" % _WEIGHTS_VARIABLE_NAME,
                                                  shape=[n, self._num_proj],
                                                  initializer=self._initializer)
        self.built = True

    def call(self, inputs, state):
        _check_rnn_cell_input_dtypes([inputs, state])
        num_proj = self._num_units if self._num_proj is None else self._num_proj
        sigmoid = math_ops.sigmoid
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev = array_ops.slice(state, [0, 0], [-1, self._num_units])
            m_prev = array_ops.slice(state, [0, self._num_units], [-1, num_proj])
        input_size = dimension_value(inputs.shape.with_rank(2)[1])
        if input_size is None:
            raise ValueError("Could not infer input size from inputs.get_shape()[-1]")
        lstm_matrix = _matmul(array_ops.concat([inputs, m_prev], 1), self._kernel)
        lstm_matrix = nn_ops.bias_add(lstm_matrix, self._bias)
        i, j, f, o = array_ops.split(value=lstm_matrix, num_or_size_splits=4, axis=1)
        if self._use_peepholes:
            c = (sigmoid(f + self._forget_bias + self._w_f_diag * c_prev) * c_prev +
                 sigmoid(i + self._w_i_diag * c_prev) * self._activation(j))
        else:
            c = sigmoid(f + self._forget_bias) * c_prev + sigmoid(i) * self._activation(j)
        if self._cell_clip is not None:
            c = math_ops.clip_by_value(c, -self._cell_clip, self._cell_clip)
        if self._use_peepholes:
            m = sigmoid(o + self._w_o_diag * c) * self._activation(c)
        else:
            m = sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            m = _matmul(m, self._proj_kernel)
            if self._proj_clip is not None:
                m = math_ops.clip_by_value(m, -self._proj_clip, self._proj_clip)
        new_state = LSTMStateTuple(c, m) if self._state_is_tuple else \
            array_ops.concat([c, m], 1)
        return m, new_state


class MultiRNNCell(RNNCell):
    """Cells stacked in layers: layer i runs in variable scope `cell_i`."""

    def __init__(self, cells, state_is_tuple=True):
        super().__init__()
        if not cells:
            raise ValueError("Must specify at least one cell for MultiRNNCell.")
        if not nest.is_sequence(cells):
            raise TypeError(f"cells must be a list or tuple, but saw: {cells}.")
        self._cells = cells
        self._state_is_tuple = state_is_tuple
        if not state_is_tuple:
            if any(nest.is_sequence(c.state_size) for c in self._cells):
                raise ValueError("Some cells return tuples of states, but the flag "
                                 f"state_is_tuple is not set.  State sizes are: "
                                 f"{[c.state_size for c in self._cells]}")

    @property
    def state_size(self):
        if self._state_is_tuple:
            return tuple(cell.state_size for cell in self._cells)
        return sum(cell.state_size for cell in self._cells)

    @property
    def output_size(self):
        return self._cells[-1].output_size

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState"):
            if self._state_is_tuple:
                return tuple(cell.zero_state(batch_size, dtype) for cell in self._cells)
            return super().zero_state(batch_size, dtype)

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return [w for cell in self._cells for w in cell.trainable_weights]

    @property
    def non_trainable_weights(self):
        weights = [w for cell in self._cells for w in cell.non_trainable_weights]
        if not self.trainable:
            weights = [w for cell in self._cells for w in cell.trainable_weights] + weights
        return weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    variables = weights

    def build(self, inputs_shape):
        self.built = True

    def call(self, inputs, state):
        cur_state_pos = 0
        cur_inp = inputs
        new_states = []
        for i, cell in enumerate(self._cells):
            with vs.variable_scope("cell_%d" % i):
                if self._state_is_tuple:
                    if not nest.is_sequence(state):
                        raise ValueError(f"Expected state to be a tuple of length "
                                         f"{len(self.state_size)}, but received: {state}")
                    cur_state = state[i]
                else:
                    cur_state = array_ops.slice(state, [0, cur_state_pos],
                                                [-1, cell.state_size])
                    cur_state_pos += cell.state_size
                cur_inp, new_state = cell(cur_inp, cur_state)
                new_states.append(new_state)
        new_states = tuple(new_states) if self._state_is_tuple else \
            array_ops.concat(new_states, 1)
        return cur_inp, new_states


class _Wrapper(RNNCell):
    """A cell around another: no scope of its own (TF's wrappers override __call__)."""

    def __init__(self, cell):
        super().__init__()
        self._cell = cell

    @property
    def wrapped_cell(self):
        return self._cell

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return self._cell.output_size

    @property
    def trainable_weights(self):
        return self._cell.trainable_weights

    @property
    def non_trainable_weights(self):
        return self._cell.non_trainable_weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @property
    def weights(self):
        return self._cell.weights

    variables = weights

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState"):
            return self._cell.zero_state(batch_size, dtype)


def _default_dropout_state_filter_visitor(substate):
    if isinstance(substate, LSTMStateTuple):
        return LSTMStateTuple(c=False, h=True)
    if type(substate).__name__ == "TensorArray":
        return False
    return True


def _enumerated_map(fn, *structures):
    index = [0]

    def enumerated_fn(*inner):
        r = fn(index[0], *inner)
        index[0] += 1
        return r
    return nest.map_structure(enumerated_fn, *structures)


class DropoutWrapper(_Wrapper):
    """Dropout on a cell's inputs, outputs and state (TF's seeded streams)."""

    def __init__(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0,
                 variational_recurrent=False, input_size=None, dtype=None, seed=None,
                 dropout_state_filter_visitor=None):
        super().__init__(cell)
        if dropout_state_filter_visitor is not None and not callable(
                dropout_state_filter_visitor):
            raise TypeError("dropout_state_filter_visitor must be callable")
        self._dropout_state_filter = (dropout_state_filter_visitor or
                                      _default_dropout_state_filter_visitor)
        with name_scope("DropoutWrapperInit"):
            for prob, attr in [(input_keep_prob, "input_keep_prob"),
                               (state_keep_prob, "state_keep_prob"),
                               (output_keep_prob, "output_keep_prob")]:
                tensor_prob = convert_to_tensor(prob)
                const_prob = constant_value(tensor_prob)
                if const_prob is not None:
                    if const_prob < 0 or const_prob > 1:
                        raise ValueError("Parameter %s must be between 0 and 1: %d"
                                         % (attr, const_prob))
                    setattr(self, "_%s" % attr, float(const_prob))
                else:
                    setattr(self, "_%s" % attr, tensor_prob)
        self._variational_recurrent = variational_recurrent
        self._seed = seed
        self._recurrent_input_noise = None
        self._recurrent_state_noise = None
        self._recurrent_output_noise = None
        if variational_recurrent:
            if dtype is None:
                raise ValueError("When variational_recurrent=True, dtype must be provided")

            def batch_noise(s, inner_seed):
                shape = array_ops.concat(([1], TensorShape(s).as_list()), 0)
                return random_ops.random_uniform(shape, seed=inner_seed, dtype=dtype)

            if not isinstance(self._input_keep_prob, numbers.Real) or \
                    self._input_keep_prob < 1.0:
                if input_size is None:
                    raise ValueError("When variational_recurrent=True and input_keep_prob < "
                                     "1.0 or is unknown, input_size must be provided")
                self._recurrent_input_noise = _enumerated_map(
                    lambda i, s: batch_noise(s, inner_seed=self._gen_seed("input", i)),
                    input_size)
            self._recurrent_state_noise = _enumerated_map(
                lambda i, s: batch_noise(s, inner_seed=self._gen_seed("state", i)),
                cell.state_size)
            self._recurrent_output_noise = _enumerated_map(
                lambda i, s: batch_noise(s, inner_seed=self._gen_seed("output", i)),
                cell.output_size)

    def _gen_seed(self, salt_prefix, index):
        if self._seed is None:
            return None
        salt = "%s_%d" % (salt_prefix, index)
        string = (str(self._seed) + salt).encode("utf-8")
        return int(hashlib.md5(string).hexdigest()[:8], 16) & 0x7FFFFFFF

    def _variational(self, value, noise, keep_prob):
        random_tensor = keep_prob
        random_tensor += noise
        binary_tensor = math_ops.floor(random_tensor)
        ret = math_ops.div(value, keep_prob) * binary_tensor
        ret.set_shape(value.shape)
        return ret

    def _dropout(self, values, salt_prefix, recurrent_noise, keep_prob, filt=None):
        if filt is None:
            filt = nest.map_structure(lambda _: True, values)
        flat_v = nest.flatten(values)
        flat_f = _flatten_filter(filt, values)
        flat_n = nest.flatten(recurrent_noise) if recurrent_noise is not None else None
        out = []
        for i, (v, keep) in enumerate(zip(flat_v, flat_f)):
            if not keep:
                out.append(v)
            elif self._variational_recurrent:
                out.append(self._variational(v, flat_n[i], keep_prob))
            else:
                out.append(nn_ops.dropout(v, rate=1. - keep_prob,
                                          seed=self._gen_seed(salt_prefix, i)))
        return nest.pack_sequence_as(values, out)

    def __call__(self, inputs, state, scope=None):
        def should_dropout(p):
            return (not isinstance(p, float)) or p < 1

        if should_dropout(self._input_keep_prob):
            inputs = self._dropout(inputs, "input", self._recurrent_input_noise,
                                   self._input_keep_prob)
        output, new_state = self._cell(inputs, state, scope=scope)
        if should_dropout(self._state_keep_prob):
            filt = _traverse_filter(self._dropout_state_filter, new_state)
            new_state = self._dropout(new_state, "state", self._recurrent_state_noise,
                                      self._state_keep_prob, filt)
        if should_dropout(self._output_keep_prob):
            output = self._dropout(output, "output", self._recurrent_output_noise,
                                   self._output_keep_prob)
        return output, new_state


def _traverse_filter(visitor, structure):
    """TF's get_traverse_shallow_structure: which parts of a state dropout applies to."""
    r = visitor(structure)
    if not nest.is_sequence(structure):
        return bool(r)
    children = [structure[k] for k in sorted(structure)] if isinstance(structure, dict) \
        else list(structure)
    if isinstance(r, bool):
        flags = [r] * len(children)
    else:
        flags = [r[k] for k in sorted(r)] if isinstance(r, dict) else list(r)
    items = []
    for c, f in zip(children, flags):
        if f is True:
            items.append(_traverse_filter(visitor, c))
        elif f is False:
            items.append(nest.map_structure(lambda _: False, c))
        else:
            items.append(f)
    return nest.pack_sequence_as(structure, nest.flatten(items))


def _flatten_filter(filt, values):
    if isinstance(filt, bool):
        return [filt] * len(nest.flatten(values))
    return nest.flatten(filt)


class ResidualWrapper(_Wrapper):
    """Adds the cell's inputs to its outputs (or applies `residual_fn(inputs, outputs)`)."""

    def __init__(self, cell, residual_fn=None):
        super().__init__(cell)
        self._residual_fn = residual_fn

    def __call__(self, inputs, state, scope=None):
        outputs, new_state = self._cell(inputs, state, scope=scope)

        def default_residual_fn(inputs, outputs):
            nest.assert_same_structure(inputs, outputs)
            return nest.map_structure(lambda inp, out: inp + out, inputs, outputs)
        res_outputs = (self._residual_fn or default_residual_fn)(inputs, outputs)
        return res_outputs, new_state


class DeviceWrapper(_Wrapper):
    """Runs the cell under `tf.device(device)`."""

    def __init__(self, cell, device):
        super().__init__(cell)
        self._device = device

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState"):
            with _device(self._device):
                return self._cell.zero_state(batch_size, dtype)

    def __call__(self, inputs, state, scope=None):
        with _device(self._device):
            return self._cell(inputs, state, scope=scope)

