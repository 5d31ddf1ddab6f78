"""TF 1.14's contrib/rnn/python/ops/core_rnn_cell.py: `_Linear` (the `kernel`/`bias`
pair the contrib cells and legacy_seq2seq create in the current variable scope) and the
EmbeddingWrapper, InputProjectionWrapper and OutputProjectionWrapper cells, and
rnn_cell.py's HighwayWrapper."""
from __future__ import annotations

import math

from ...engine.framework.constant_op import constant
from ...engine.framework.graph import device as _device
from ...engine.framework.graph import name_scope
from ...engine.framework import dtypes
from ...logging import warning as _warn
from ...ops import _nest as nest
from ...ops import array_ops, init_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.linalg_ops import matmul
from ...ops.rnn import _assert_like_rnncell
from ...ops.rnn_cell_impl import RNNCell

__all__ = ["EmbeddingWrapper", "HighwayWrapper", "InputProjectionWrapper",
           "OutputProjectionWrapper"]


class _Linear:
    """`kernel` [sum of input widths, output_size] and `bias` (zeros) in the current
    variable scope; __call__(args) = concat(args) @ kernel + bias."""

    def __init__(self, args, output_size, build_bias, bias_initializer=None,
                 kernel_initializer=None):
        self._build_bias = build_bias
        if args is None or (nest.is_sequence(args) and not args):
            raise ValueError("`args` must be specified")
        if not nest.is_sequence(args):
            args = [args]
            self._is_sequence = False
        else:
            self._is_sequence = True
        total = 0
        shapes = [a.shape for a in args]
        for shape in shapes:
            if shape.ndims != 2:
                raise ValueError("linear is expecting 2D arguments: %s" % shapes)
            if shape.as_list()[1] is None:
                raise ValueError("linear expects shape[1] to be provided for shape %s, but "
                                 "saw %s" % (shape, shape[1]))
            total += shape.as_list()[1]
        dtype = args[0].dtype
        # TF re-enters the current variable scope (and, for the bias, that scope again,
        # unpartitioned): each entry opens a name scope named after the scope's last
        # component, so later ops in the scope (a cell's) get `<name>_1`, ...
        with vs.variable_scope(vs.get_variable_scope()) as outer_scope:
            self._weights = vs.get_variable("kernel", [total, output_size], dtype=dtype,
                                            initializer=kernel_initializer)
            if build_bias:
                with vs.variable_scope(outer_scope) as inner_scope:
                    inner_scope.set_partitioner(None)
                    if bias_initializer is None:
                        bias_initializer = init_ops.constant_initializer(0.0, dtype=dtype)
                    self._biases = vs.get_variable("bias", [output_size], dtype=dtype,
                                                   initializer=bias_initializer)

    def __call__(self, args):
        if not self._is_sequence:
            args = [args]
        if len(args) == 1:
            res = matmul(args[0], self._weights)
        else:
            res = matmul(array_ops.concat(args, constant(1, dtype=dtypes.int32)),
                         self._weights)
        return nn_ops.bias_add(res, self._biases) if self._build_bias else res


class _PassThroughWrapper(RNNCell):
    def __init__(self, cell, reuse):
        super().__init__(_reuse=reuse)
        _assert_like_rnncell("cell", cell)
        self._cell = cell

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return self._cell.output_size

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            return self._cell.zero_state(batch_size, dtype)


class EmbeddingWrapper(_PassThroughWrapper):
    """Feeds `cell` the embeddings (an `embedding` variable [embedding_classes,
    embedding_size]) of integer inputs."""

    def __init__(self, cell, embedding_classes, embedding_size, initializer=None,
                 reuse=None):
        super().__init__(cell, reuse)
        if embedding_classes <= 0 or embedding_size <= 0:
            raise ValueError("Both embedding_classes and embedding_size must be > 0: %d, %d."
                             % (embedding_classes, embedding_size))
        self._embedding_classes = embedding_classes
        self._embedding_size = embedding_size
        self._initializer = initializer

    def call(self, inputs, state):
        with _device("/cpu:0"):
            if self._initializer:
                initializer = self._initializer
            elif vs.get_variable_scope().initializer:
                initializer = vs.get_variable_scope().initializer
            else:
                sqrt3 = math.sqrt(3)   # Uniform(-sqrt(3), sqrt(3)) has variance 1
                initializer = init_ops.random_uniform_initializer(-sqrt3, sqrt3)
            data_type = state[0].dtype if isinstance(state, tuple) else state.dtype
            embedding = vs.get_variable("embedding",
                                        [self._embedding_classes, self._embedding_size],
                                        initializer=initializer, dtype=data_type)
            embedded = nn_ops.embedding_lookup(embedding, array_ops.reshape(inputs, [-1]))
            return self._cell(embedded, state)


class InputProjectionWrapper(_PassThroughWrapper):
    """Projects the inputs to `num_proj` units (kernel, bias; then `activation`)."""

    def __init__(self, cell, num_proj, activation=None, input_size=None, reuse=None):
        super().__init__(cell, reuse)
        if input_size is not None:
            _warn("%s: The input_size parameter is deprecated.", self)
        self._num_proj = num_proj
        self._activation = activation
        self._linear = None

    def call(self, inputs, state):
        if self._linear is None:
            self._linear = _Linear(inputs, self._num_proj, True)
        projected = self._linear(inputs)
        if self._activation:
            projected = self._activation(projected)
        return self._cell(projected, state)


class OutputProjectionWrapper(_PassThroughWrapper):
    """Projects the cell's output to `output_size` units (kernel, bias; `activation`)."""

    def __init__(self, cell, output_size, activation=None, reuse=None):
        super().__init__(cell, reuse)
        if output_size < 1:
            raise ValueError("Parameter output_size must be > 0: %d." % output_size)
        self._output_size = output_size
        self._activation = activation
        self._linear = None

    @property
    def output_size(self):
        return self._output_size

    def call(self, inputs, state):
        output, res_state = self._cell(inputs, state)
        if self._linear is None:
            self._linear = _Linear(output, self._output_size, True)
        projected = self._linear(output)
        if self._activation:
            projected = self._activation(projected)
        return projected, res_state


class HighwayWrapper(RNNCell):
    """Highway connections around `cell` (Srivastava et al. 2015): output =
    input * carry + cell_output * transform, carry = sigmoid(x W_c + b_c) (variables
    carry_w, carry_b; transform_w, transform_b unless the gates are coupled,
    transform = 1 - carry). Input and output sizes must match."""

    def __init__(self, cell, couple_carry_transform_gates=True, carry_bias_init=1.0):
        super().__init__()
        self._cell = cell
        self._couple_carry_transform_gates = couple_carry_transform_gates
        self._carry_bias_init = carry_bias_init

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return self._cell.output_size

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            return self._cell.zero_state(batch_size, dtype)

    def _highway(self, inp, out):
        input_size = inp.shape.with_rank(2).as_list()[1]
        carry_weight = vs.get_variable("carry_w", [input_size, input_size])
        carry_bias = vs.get_variable(
            "carry_b", [input_size],
            initializer=init_ops.constant_initializer(self._carry_bias_init))
        carry = math_ops.sigmoid(nn_ops.xw_plus_b(inp, carry_weight, carry_bias))
        if self._couple_carry_transform_gates:
            transform = 1 - carry
        else:
            transform_weight = vs.get_variable("transform_w", [input_size, input_size])
            transform_bias = vs.get_variable(
                "transform_b", [input_size],
                initializer=init_ops.constant_initializer(-self._carry_bias_init))
            transform = math_ops.sigmoid(nn_ops.xw_plus_b(inp, transform_weight,
                                                          transform_bias))
        return inp * carry + out * transform

    def __call__(self, inputs, state, scope=None):
        outputs, new_state = self._cell(inputs, state, scope=scope)
        nest.assert_same_structure(inputs, outputs)
        nest.map_structure(lambda i, o: i.shape.assert_is_compatible_with(o.shape),
                           inputs, outputs)
        res_outputs = nest.map_structure(self._highway, inputs, outputs)
        return res_outputs, new_state
