"""tf.contrib.seq2seq attention (TF 1.14's attention_wrapper.py): Bahdanau and Luong
attention (with their monotonic variants), and AttentionWrapper, an RNNCell that runs
a cell and attends over a memory at each step. Variables are named as TF names them
(`memory_layer/kernel`, `<decoder>/attention_wrapper/bahdanau_attention/attention_v`,
`.../attention_layer/kernel`), so TF checkpoints map onto them."""
from __future__ import annotations

import collections
import functools
import math

import numpy as np

from ...engine.framework import errors
from ..framework import tensor_checks as _tensor_checks
from ...layers.base import Layer as _TFLayer
from ...layers.core import Dense
from ...ops import check_ops
from ...ops.functional_ops import scan
from ...ops.logging_ops import Assert
from ...ops.rnn import _assert_like_rnncell
from ...ops.rnn_cell_impl import RNNCell, _zero_state_tensors
from ._ops import (Tensor, TensorArray, TensorShape, array_ops, constant_value,
                   convert_to_tensor, dimension_value, dtypes, equal, get_default_graph,
                   greater, init_ops, math_ops, matmul, name_scope, nest, nn_ops, random_ops,
                   vs)

__all__ = ["AttentionMechanism", "AttentionWrapper", "AttentionWrapperState",
           "BahdanauAttention", "BahdanauMonotonicAttention", "LuongAttention",
           "LuongMonotonicAttention", "hardmax", "monotonic_attention", "safe_cumprod"]


def _assert_equal(x, y, message):
    """check_ops.assert_equal as TF 1.14 builds it: a static mismatch raises
    InvalidArgumentError at once, otherwise an Assert op (returned in a list)."""
    with name_scope(None, "assert_equal", [x, y]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y")
        xs, ys = constant_value(x), constant_value(y)
        if xs is not None and ys is not None and not np.all(np.equal(xs, ys)):
            raise errors.InvalidArgumentError(
                None, None, "\n".join([message, "Condition x == y did not hold element-wise:",
                                       "x (%s) = " % x.name, str(xs),
                                       "y (%s) = " % y.name, str(ys)]))
        cond = math_ops.reduce_all(equal(x, y))
        return Assert(cond, [message, "Condition x == y did not hold element-wise:",
                             "x (%s) = " % x.name, x, "y (%s) = " % y.name, y])


class AttentionMechanism:
    """Base class of the attention mechanisms AttentionWrapper accepts."""

    @property
    def alignments_size(self):
        raise NotImplementedError

    @property
    def state_size(self):
        raise NotImplementedError


def _prepare_memory(memory, memory_sequence_length, check_inner_dims_defined):
    memory = nest.map_structure(lambda m: convert_to_tensor(m, name="memory"), memory)
    if memory_sequence_length is not None:
        memory_sequence_length = convert_to_tensor(memory_sequence_length,
                                                   name="memory_sequence_length")
    if check_inner_dims_defined:
        def _check_dims(m):
            if not m.shape[2:].is_fully_defined():
                raise ValueError("Expected memory %s to have fully defined inner dims, "
                                 "but saw shape: %s" % (m.name, m.shape))
        nest.map_structure(_check_dims, memory)
    if memory_sequence_length is None:
        return memory
    first = nest.flatten(memory)[0]
    seq_len_mask = array_ops.sequence_mask(memory_sequence_length,
                                           maxlen=array_ops.shape(first)[1],
                                           dtype=first.dtype)

    def _maybe_mask(m):
        rank = m.shape.ndims
        rank = rank if rank is not None else array_ops.rank(m)
        extra_ones = array_ops.ones(rank - 2, dtype=dtypes.int32)
        mask = array_ops.reshape(seq_len_mask,
                                 array_ops.concat((array_ops.shape(seq_len_mask), extra_ones),
                                                  0))
        return m * mask
    return nest.map_structure(_maybe_mask, memory)


def _maybe_mask_score(score, memory_sequence_length, score_mask_value):
    if memory_sequence_length is None:
        return score
    message = "All values in memory_sequence_length must be greater than zero."
    with get_default_graph().control_dependencies(
            [check_ops.assert_positive(memory_sequence_length, message=message)]):
        memory_mask = array_ops.sequence_mask(memory_sequence_length,
                                              maxlen=array_ops.shape(score)[1])
    score_mask_values = score_mask_value * array_ops.ones_like(score)
    return array_ops.where(memory_mask, score, score_mask_values)


class _BaseAttentionMechanism(AttentionMechanism):
    """Keys = memory_layer(masked memory); the probability function maps a score (masked
    past each memory's length with `score_mask_value`, -inf by default) to alignments."""

    def __init__(self, query_layer, memory, probability_fn, memory_sequence_length=None,
                 memory_layer=None, check_inner_dims_defined=True, score_mask_value=None,
                 custom_key_value_fn=None, name=None):
        if query_layer is not None and not isinstance(query_layer, _TFLayer):
            raise TypeError("query_layer is not a Layer: %s" % type(query_layer).__name__)
        if memory_layer is not None and not isinstance(memory_layer, _TFLayer):
            raise TypeError("memory_layer is not a Layer: %s" % type(memory_layer).__name__)
        self._query_layer = query_layer
        self._memory_layer = memory_layer
        self.dtype = memory_layer.dtype
        if not callable(probability_fn):
            raise TypeError("probability_fn must be callable, saw type: %s" %
                            type(probability_fn).__name__)
        if score_mask_value is None:
            score_mask_value = dtypes.as_dtype(self._memory_layer.dtype).as_numpy_dtype(-np.inf)
        self._probability_fn = lambda score, prev: probability_fn(
            _maybe_mask_score(score, memory_sequence_length, score_mask_value), prev)
        with name_scope(name, "BaseAttentionMechanismInit", nest.flatten(memory)):
            self._values = _prepare_memory(memory, memory_sequence_length,
                                           check_inner_dims_defined)
            self._keys = (self.memory_layer(self._values) if self.memory_layer
                          else self._values)
            if custom_key_value_fn is not None:
                self._keys, self._values = custom_key_value_fn(self._keys, self._values)
            self._batch_size = (dimension_value(self._keys.shape[0]) or
                                array_ops.shape(self._keys)[0])
            self._alignments_size = (dimension_value(self._keys.shape[1]) or
                                     array_ops.shape(self._keys)[1])

    @property
    def memory_layer(self):
        return self._memory_layer

    @property
    def query_layer(self):
        return self._query_layer

    @property
    def values(self):
        return self._values

    @property
    def keys(self):
        return self._keys

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def alignments_size(self):
        return self._alignments_size

    @property
    def state_size(self):
        return self._alignments_size

    def initial_alignments(self, batch_size, dtype):
        """Zeros [batch_size, max_time]."""
        return _zero_state_tensors(self._alignments_size, batch_size, dtype)

    def initial_state(self, batch_size, dtype):
        return self.initial_alignments(batch_size, dtype)


def _luong_score(query, keys, scale):
    depth = query.shape[-1]
    key_units = keys.shape[-1]
    if dimension_value(depth) != dimension_value(key_units):
        raise ValueError(
            "Incompatible or unknown inner dimensions between query and keys.  Query (%s) "
            "has units: %s.  Keys (%s) have units: %s.  Perhaps you need to set num_units "
            "to the keys' dimension (%s)?" % (query, depth, keys, key_units, key_units))
    query = array_ops.expand_dims(query, 1)
    score = matmul(query, keys, transpose_b=True)
    score = array_ops.squeeze(score, [1])
    if scale is not None:
        score = scale * score
    return score


def _default_dtype(dtype):
    return dtypes.float32 if dtype is None else dtype


class LuongAttention(_BaseAttentionMechanism):
    """Multiplicative attention: score = query . keys (times a learned scalar
    `attention_g` when `scale`); keys = memory_layer(memory), num_units wide."""

    def __init__(self, num_units, memory, memory_sequence_length=None, scale=False,
                 probability_fn=None, score_mask_value=None, dtype=None,
                 custom_key_value_fn=None, name="LuongAttention"):
        probability_fn = nn_ops.softmax if probability_fn is None else probability_fn
        dtype = _default_dtype(dtype)
        super().__init__(
            query_layer=None,
            memory_layer=Dense(num_units, name="memory_layer", use_bias=False, dtype=dtype),
            memory=memory, probability_fn=lambda score, _: probability_fn(score),
            memory_sequence_length=memory_sequence_length, score_mask_value=score_mask_value,
            custom_key_value_fn=custom_key_value_fn, name=name)
        self._num_units = num_units
        self._scale = scale
        self._name = name

    def __call__(self, query, state):
        with vs.variable_scope(None, "luong_attention", [query]):
            attention_g = None
            if self._scale:
                attention_g = vs.get_variable("attention_g", dtype=query.dtype,
                                              initializer=init_ops.ones_initializer, shape=())
            score = _luong_score(query, self._keys, attention_g)
        alignments = self._probability_fn(score, state)
        return alignments, alignments


def _bahdanau_score(processed_query, keys, attention_v, attention_g=None, attention_b=None):
    processed_query = array_ops.expand_dims(processed_query, 1)
    if attention_g is not None and attention_b is not None:
        normed_v = attention_g * attention_v * math_ops.rsqrt(
            math_ops.reduce_sum(math_ops.square(attention_v)))
        return math_ops.reduce_sum(normed_v * math_ops.tanh(keys + processed_query
                                                            + attention_b), [2])
    return math_ops.reduce_sum(attention_v * math_ops.tanh(keys + processed_query), [2])


def _bahdanau_variables(num_units, normalize, dtype):
    attention_v = vs.get_variable("attention_v", [num_units], dtype=dtype)
    if not normalize:
        return attention_v, None, None
    attention_g = vs.get_variable(
        "attention_g", dtype=dtype,
        initializer=init_ops.constant_initializer(math.sqrt(1. / num_units)), shape=())
    attention_b = vs.get_variable("attention_b", [num_units], dtype=dtype,
                                  initializer=init_ops.zeros_initializer())
    return attention_v, attention_g, attention_b


class BahdanauAttention(_BaseAttentionMechanism):
    """Additive attention: score = v . tanh(keys + query_layer(query)) (weight-normalized
    v with a bias when `normalize`)."""

    def __init__(self, num_units, memory, memory_sequence_length=None, normalize=False,
                 probability_fn=None, score_mask_value=None, dtype=None,
                 custom_key_value_fn=None, name="BahdanauAttention"):
        probability_fn = nn_ops.softmax if probability_fn is None else probability_fn
        dtype = _default_dtype(dtype)
        super().__init__(
            query_layer=Dense(num_units, name="query_layer", use_bias=False, dtype=dtype),
            memory_layer=Dense(num_units, name="memory_layer", use_bias=False, dtype=dtype),
            memory=memory, probability_fn=lambda score, _: probability_fn(score),
            custom_key_value_fn=custom_key_value_fn,
            memory_sequence_length=memory_sequence_length, score_mask_value=score_mask_value,
            name=name)
        self._num_units = num_units
        self._normalize = normalize
        self._name = name

    def __call__(self, query, state):
        with vs.variable_scope(None, "bahdanau_attention", [query]):
            processed_query = self.query_layer(query) if self.query_layer else query
            v, g, b = _bahdanau_variables(self._num_units, self._normalize, query.dtype)
            score = _bahdanau_score(processed_query, self._keys, v, attention_g=g,
                                    attention_b=b)
        alignments = self._probability_fn(score, state)
        return alignments, alignments


def safe_cumprod(x, *args, **kwargs):
    """cumprod computed as exp(cumsum(log(clip(x, tiny, 1)))) (stable gradients)."""
    with name_scope(None, "SafeCumprod", [x]):
        x = convert_to_tensor(x, name="x")
        tiny = np.finfo(x.dtype.as_numpy_dtype).tiny
        return math_ops.exp(math_ops.cumsum(
            math_ops.log(math_ops.clip_by_value(x, tiny, 1)), *args, **kwargs))


def monotonic_attention(p_choose_i, previous_attention, mode):
    """The expected monotonic alignment from choosing probabilities `p_choose_i` and the
    previous step's attention; `mode` is 'recursive', 'parallel' or 'hard'."""
    p_choose_i = convert_to_tensor(p_choose_i, name="p_choose_i")
    previous_attention = convert_to_tensor(previous_attention, name="previous_attention")
    if mode == "recursive":
        batch_size = dimension_value(p_choose_i.shape[0]) or array_ops.shape(p_choose_i)[0]
        shifted_1mp_choose_i = array_ops.concat(
            [array_ops.ones((batch_size, 1)), 1 - p_choose_i[:, :-1]], 1)
        attention = p_choose_i * array_ops.transpose(scan(
            lambda x, yz: array_ops.reshape(yz[0] * x + yz[1], (batch_size,)),
            [array_ops.transpose(shifted_1mp_choose_i),
             array_ops.transpose(previous_attention)],
            array_ops.zeros((batch_size,))))
    elif mode == "parallel":
        cumprod_1mp_choose_i = safe_cumprod(1 - p_choose_i, axis=1, exclusive=True)
        attention = p_choose_i * cumprod_1mp_choose_i * math_ops.cumsum(
            previous_attention / math_ops.clip_by_value(cumprod_1mp_choose_i, 1e-10, 1.),
            axis=1)
    elif mode == "hard":
        p_choose_i *= math_ops.cumsum(previous_attention, axis=1)
        attention = p_choose_i * math_ops.cumprod(1 - p_choose_i, axis=1, exclusive=True)
    else:
        raise ValueError("mode must be 'recursive', 'parallel', or 'hard'.")
    return attention


def _monotonic_probability_fn(score, previous_alignments, sigmoid_noise, mode, seed=None):
    if sigmoid_noise > 0:
        noise = random_ops.random_normal(array_ops.shape(score), dtype=score.dtype, seed=seed)
        score += sigmoid_noise * noise
    if mode == "hard":
        p_choose_i = math_ops.cast(greater(score, 0), score.dtype)
    else:
        p_choose_i = math_ops.sigmoid(score)
    return monotonic_attention(p_choose_i, previous_alignments, mode)


class _BaseMonotonicAttentionMechanism(_BaseAttentionMechanism):
    def initial_alignments(self, batch_size, dtype):
        """One-hot on the first memory entry: [batch_size, max_time]."""
        return array_ops.one_hot(array_ops.zeros((batch_size,), dtype=dtypes.int32),
                                 self._alignments_size, dtype=dtype)


def _monotonic_fn(sigmoid_noise, mode, seed):
    return functools.partial(_monotonic_probability_fn, sigmoid_noise=sigmoid_noise,
                             mode=mode, seed=seed)


class BahdanauMonotonicAttention(_BaseMonotonicAttentionMechanism):
    """Bahdanau attention with a monotonic alignment (Raffel et al. 2017)."""

    def __init__(self, num_units, memory, memory_sequence_length=None, normalize=False,
                 score_mask_value=None, sigmoid_noise=0., sigmoid_noise_seed=None,
                 score_bias_init=0., mode="parallel", dtype=None,
                 name="BahdanauMonotonicAttention"):
        dtype = _default_dtype(dtype)
        super().__init__(
            query_layer=Dense(num_units, name="query_layer", use_bias=False, dtype=dtype),
            memory_layer=Dense(num_units, name="memory_layer", use_bias=False, dtype=dtype),
            memory=memory, probability_fn=_monotonic_fn(sigmoid_noise, mode,
                                                        sigmoid_noise_seed),
            memory_sequence_length=memory_sequence_length, score_mask_value=score_mask_value,
            name=name)
        self._num_units = num_units
        self._normalize = normalize
        self._name = name
        self._score_bias_init = score_bias_init

    def __call__(self, query, state):
        with vs.variable_scope(None, "bahdanau_monotonic_attention", [query]):
            processed_query = self.query_layer(query) if self.query_layer else query
            v, g, b = _bahdanau_variables(self._num_units, self._normalize, query.dtype)
            score = _bahdanau_score(processed_query, self._keys, v, attention_g=g,
                                    attention_b=b)
            score_bias = vs.get_variable("attention_score_bias", dtype=processed_query.dtype,
                                         initializer=self._score_bias_init)
            score += score_bias
        alignments = self._probability_fn(score, state)
        return alignments, alignments


class LuongMonotonicAttention(_BaseMonotonicAttentionMechanism):
    """Luong attention with a monotonic alignment (Raffel et al. 2017)."""

    def __init__(self, num_units, memory, memory_sequence_length=None, scale=False,
                 score_mask_value=None, sigmoid_noise=0., sigmoid_noise_seed=None,
                 score_bias_init=0., mode="parallel", dtype=None,
                 name="LuongMonotonicAttention"):
        dtype = _default_dtype(dtype)
        super().__init__(
            query_layer=None,
            memory_layer=Dense(num_units, name="memory_layer", use_bias=False, dtype=dtype),
            memory=memory, probability_fn=_monotonic_fn(sigmoid_noise, mode,
                                                        sigmoid_noise_seed),
            memory_sequence_length=memory_sequence_length, score_mask_value=score_mask_value,
            name=name)
        self._num_units = num_units
        self._scale = scale
        self._score_bias_init = score_bias_init
        self._name = name

    def __call__(self, query, state):
        with vs.variable_scope(None, "luong_monotonic_attention", [query]):
            attention_g = None
            if self._scale:
                attention_g = vs.get_variable("attention_g", dtype=query.dtype,
                                              initializer=init_ops.ones_initializer, shape=())
            score = _luong_score(query, self._keys, attention_g)
            score_bias = vs.get_variable("attention_score_bias", dtype=query.dtype,
                                         initializer=self._score_bias_init)
            score += score_bias
        alignments = self._probability_fn(score, state)
        return alignments, alignments


class AttentionWrapperState(collections.namedtuple(
        "AttentionWrapperState", ("cell_state", "attention", "time", "alignments",
                                  "alignment_history", "attention_state"))):
    """AttentionWrapper's state: the wrapped cell's state, the last attention, the step,
    the alignments, their history (a TensorArray, or () when not kept) and the attention
    mechanisms' state."""
    __slots__ = ()

    def clone(self, **kwargs):
        """A copy with the fields given replaced (tensors keep the old static shapes)."""
        def with_same_shape(old, new):   # TF's contrib tensor_util.with_same_shape
            if isinstance(old, Tensor) and isinstance(new, Tensor):
                return _tensor_checks.with_same_shape(old, new)
            return new
        return nest.map_structure(with_same_shape, self, super()._replace(**kwargs))


def hardmax(logits, name=None):
    """One-hot of the argmax along the last axis, in `logits`' dtype."""
    with name_scope(name, "Hardmax", [logits]):
        logits = convert_to_tensor(logits, name="logits")
        depth = dimension_value(logits.shape[-1])
        if depth is None:
            depth = array_ops.shape(logits)[-1]
        return array_ops.one_hot(math_ops.argmax(logits, -1), depth, dtype=logits.dtype)


def _compute_attention(attention_mechanism, cell_output, attention_state, attention_layer):
    alignments, next_attention_state = attention_mechanism(cell_output, state=attention_state)
    expanded_alignments = array_ops.expand_dims(alignments, 1)
    context_ = matmul(expanded_alignments, attention_mechanism.values)
    context_ = array_ops.squeeze(context_, [1])
    if attention_layer is not None:
        attention = attention_layer(array_ops.concat([cell_output, context_], 1))
    else:
        attention = context_
    return attention, alignments, next_attention_state


_BEAM_HINT = ("Are you using the BeamSearchDecoder?  ")


class AttentionWrapper(RNNCell):
    """Wraps `cell` with attention: each step feeds cell_input_fn(inputs, previous
    attention) to the cell, queries the mechanism(s) with the cell output, and outputs the
    attention (attention_layer(concat(cell_output, context)) or the context) or, when not
    output_attention, the cell output."""

    def __init__(self, cell, attention_mechanism, attention_layer_size=None,
                 alignment_history=False, cell_input_fn=None, output_attention=True,
                 initial_cell_state=None, name=None, attention_layer=None, attention_fn=None):
        super().__init__(name=name)
        _assert_like_rnncell("cell", cell)
        if isinstance(attention_mechanism, (list, tuple)):
            self._is_multi = True
            attention_mechanisms = attention_mechanism
            for m in attention_mechanisms:
                if not isinstance(m, AttentionMechanism):
                    raise TypeError("attention_mechanism must contain only instances of "
                                    "AttentionMechanism, saw type: %s" % type(m).__name__)
        else:
            self._is_multi = False
            if not isinstance(attention_mechanism, AttentionMechanism):
                raise TypeError("attention_mechanism must be an AttentionMechanism or list of "
                                "multiple AttentionMechanism instances, saw type: %s" %
                                type(attention_mechanism).__name__)
            attention_mechanisms = (attention_mechanism,)
        if cell_input_fn is None:
            def cell_input_fn(inputs, attention):
                return array_ops.concat([inputs, attention], -1)
        elif not callable(cell_input_fn):
            raise TypeError("cell_input_fn must be callable, saw type: %s" %
                            type(cell_input_fn).__name__)
        if attention_layer_size is not None and attention_layer is not None:
            raise ValueError("Only one of attention_layer_size and attention_layer should be "
                             "set")
        if attention_layer_size is not None:
            sizes = tuple(attention_layer_size if isinstance(attention_layer_size,
                                                             (list, tuple))
                          else (attention_layer_size,))
            if len(sizes) != len(attention_mechanisms):
                raise ValueError(
                    "If provided, attention_layer_size must contain exactly one integer per "
                    "attention_mechanism, saw: %d vs %d" % (len(sizes),
                                                            len(attention_mechanisms)))
            self._attention_layers = tuple(
                Dense(size, name="attention_layer", use_bias=False,
                      dtype=attention_mechanisms[i].dtype) for i, size in enumerate(sizes))
            self._attention_layer_size = sum(sizes)
        elif attention_layer is not None:
            self._attention_layers = tuple(attention_layer if isinstance(
                attention_layer, (list, tuple)) else (attention_layer,))
            if len(self._attention_layers) != len(attention_mechanisms):
                raise ValueError(
                    "If provided, attention_layer must contain exactly one layer per "
                    "attention_mechanism, saw: %d vs %d" % (len(self._attention_layers),
                                                            len(attention_mechanisms)))
            self._attention_layer_size = sum(
                dimension_value(TensorShape(layer.compute_output_shape(TensorShape(
                    [None, cell.output_size + dimension_value(m.values.shape[-1])])))[-1])
                for layer, m in zip(self._attention_layers, attention_mechanisms))
        else:
            self._attention_layers = None
            self._attention_layer_size = sum(dimension_value(m.values.shape[-1])
                                             for m in attention_mechanisms)
        self._attention_fn = _compute_attention if attention_fn is None else attention_fn
        self._cell = cell
        self._attention_mechanisms = attention_mechanisms
        self._cell_input_fn = cell_input_fn
        self._output_attention = output_attention
        self._alignment_history = alignment_history
        with name_scope(name, "AttentionWrapperInit"):
            if initial_cell_state is None:
                self._initial_cell_state = None
            else:
                final = nest.flatten(initial_cell_state)[-1]
                state_batch_size = dimension_value(final.shape[0]) or \
                    array_ops.shape(final)[0]
                msg = ("When constructing AttentionWrapper %s: " % self._base_name +
                       "Non-matching batch sizes between the memory (encoder output) and "
                       "initial_cell_state.  " + _BEAM_HINT + "You may need to tile your "
                       "initial state via the tf.contrib.seq2seq.tile_batch function with "
                       "argument multiple=beam_width.")
                with get_default_graph().control_dependencies(
                        self._batch_size_checks(state_batch_size, msg)):
                    self._initial_cell_state = nest.map_structure(
                        lambda s: array_ops.identity(s, name="check_initial_cell_state"),
                        initial_cell_state)

    def _batch_size_checks(self, batch_size, error_message):
        return [_assert_equal(batch_size, m.batch_size, error_message)
                for m in self._attention_mechanisms]

    def _item_or_tuple(self, seq):
        t = tuple(seq)
        return t if self._is_multi else t[0]

    @property
    def output_size(self):
        return self._attention_layer_size if self._output_attention else \
            self._cell.output_size

    @property
    def state_size(self):
        return AttentionWrapperState(
            cell_state=self._cell.state_size, time=TensorShape([]),
            attention=self._attention_layer_size,
            alignments=self._item_or_tuple(a.alignments_size
                                           for a in self._attention_mechanisms),
            attention_state=self._item_or_tuple(a.state_size
                                                for a in self._attention_mechanisms),
            alignment_history=self._item_or_tuple(
                a.alignments_size if self._alignment_history else ()
                for a in self._attention_mechanisms))

    def zero_state(self, batch_size, dtype):
        """The initial AttentionWrapperState: the cell's zero (or initial_cell_state)
        state, zero attention, the mechanisms' initial alignments and states."""
        with name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            if self._initial_cell_state is not None:
                cell_state = self._initial_cell_state
            else:
                cell_state = self._cell.get_initial_state(batch_size=batch_size, dtype=dtype)
            msg = ("When calling zero_state of AttentionWrapper %s: " % self._base_name +
                   "Non-matching batch sizes between the memory (encoder output) and the "
                   "requested batch size.  " + _BEAM_HINT + "If so, make sure your encoder "
                   "output has been tiled to beam_width via tf.contrib.seq2seq.tile_batch, "
                   "and the batch_size= argument passed to zero_state is "
                   "batch_size * beam_width.")
            with get_default_graph().control_dependencies(
                    self._batch_size_checks(batch_size, msg)):
                cell_state = nest.map_structure(
                    lambda s: array_ops.identity(s, name="checked_cell_state"), cell_state)
            initial_alignments = [m.initial_alignments(batch_size, dtype)
                                  for m in self._attention_mechanisms]
            return AttentionWrapperState(
                cell_state=cell_state, time=array_ops.zeros([], dtype=dtypes.int32),
                attention=_zero_state_tensors(self._attention_layer_size, batch_size, dtype),
                alignments=self._item_or_tuple(initial_alignments),
                attention_state=self._item_or_tuple(m.initial_state(batch_size, dtype)
                                                    for m in self._attention_mechanisms),
                alignment_history=self._item_or_tuple(
                    TensorArray(dtype, size=0, dynamic_size=True,
                                element_shape=alignment.shape)
                    if self._alignment_history else () for alignment in initial_alignments))

    def call(self, inputs, state):
        if not isinstance(state, AttentionWrapperState):
            raise TypeError("Expected state to be instance of AttentionWrapperState. "
                            "Received type %s instead." % type(state))
        cell_inputs = self._cell_input_fn(inputs, state.attention)
        cell_output, next_cell_state = self._cell(cell_inputs, state.cell_state)
        cell_batch_size = dimension_value(cell_output.shape[0]) or \
            array_ops.shape(cell_output)[0]
        msg = ("When applying AttentionWrapper %s: " % self.name +
               "Non-matching batch sizes between the memory (encoder output) and the query "
               "(decoder output).  " + _BEAM_HINT + "You may need to tile your memory input "
               "via the tf.contrib.seq2seq.tile_batch function with argument "
               "multiple=beam_width.")
        with get_default_graph().control_dependencies(
                self._batch_size_checks(cell_batch_size, msg)):
            cell_output = array_ops.identity(cell_output, name="checked_cell_output")
        if self._is_multi:
            previous_attention_state = state.attention_state
            previous_alignment_history = state.alignment_history
        else:
            previous_attention_state = [state.attention_state]
            previous_alignment_history = [state.alignment_history]
        all_alignments, all_attentions, all_attention_states, histories = [], [], [], []
        for i, m in enumerate(self._attention_mechanisms):
            attention, alignments, next_attention_state = self._attention_fn(
                m, cell_output, previous_attention_state[i],
                self._attention_layers[i] if self._attention_layers else None)
            history = previous_alignment_history[i].write(state.time, alignments) \
                if self._alignment_history else ()
            all_attention_states.append(next_attention_state)
            all_alignments.append(alignments)
            all_attentions.append(attention)
            histories.append(history)
        attention = array_ops.concat(all_attentions, 1)
        next_state = AttentionWrapperState(
            time=state.time + 1, cell_state=next_cell_state, attention=attention,
            attention_state=self._item_or_tuple(all_attention_states),
            alignments=self._item_or_tuple(all_alignments),
            alignment_history=self._item_or_tuple(histories))
        if self._output_attention:
            return attention, next_state
        return cell_output, next_state
