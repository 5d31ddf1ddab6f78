"""tf.contrib.crf (TF 1.14's contrib/crf/python/ops/crf.py): the log-likelihood of tag
sequences under a linear-chain CRF (forward algorithm over dynamic_rnn), Viterbi
decoding in the graph (crf_decode) and in NumPy (viterbi_decode). As in TF 1.14, the
forward recursions run in float32."""
from __future__ import annotations

import numpy as np

from ...engine.framework import dtypes
from ...engine.framework.constant_op import const_value, constant
from ...engine.framework.tensor_shape import dimension_value
from ...engine.ops.comparison import equal, less_equal
from ...engine.ops.control_flow import cond
from ...ops import array_ops, math_ops
from ...ops import variable_scope as vs
from ...ops.rnn import _reverse_sequence, dynamic_rnn
from ...ops.rnn_cell_impl import RNNCell

__all__ = ["CrfDecodeBackwardRnnCell", "CrfDecodeForwardRnnCell", "CrfForwardRnnCell",
           "crf_binary_score", "crf_decode", "crf_log_likelihood", "crf_log_norm",
           "crf_multitag_sequence_score", "crf_sequence_score", "crf_unary_score",
           "viterbi_decode"]


def _smart_cond(pred, true_fn, false_fn):
    """layers.utils.smart_cond: the branch itself when `pred` (a (tensor, static value)
    pair) is known statically (TF evaluates the constant predicate), else tf.cond."""
    pred, value = pred
    if value is None:
        value = const_value(pred)
    if value is not None:
        return true_fn() if bool(value) else false_fn()
    return cond(pred, true_fn, false_fn)


def _single_step(inputs):
    steps = dimension_value(inputs.shape[1])
    pred = equal(steps or array_ops.shape(inputs)[1], 1)
    return pred, (None if steps is None else steps == 1)


def crf_sequence_score(inputs, tag_indices, sequence_lengths, transition_params):
    """Unnormalized scores [batch] of the tag sequences `tag_indices` [batch, max_seq_len]
    given unary potentials `inputs` [batch, max_seq_len, num_tags] and
    `transition_params` [num_tags, num_tags]."""
    def _single_seq_fn():
        batch_size = array_ops.shape(inputs, out_type=tag_indices.dtype)[0]
        example_inds = array_ops.reshape(
            array_ops.range(batch_size, dtype=tag_indices.dtype), [-1, 1])
        sequence_scores = array_ops.gather_nd(array_ops.squeeze(inputs, [1]),
                                              array_ops.concat([example_inds, tag_indices],
                                                               axis=1))
        return array_ops.where(less_equal(sequence_lengths, 0),
                               array_ops.zeros_like(sequence_scores), sequence_scores)

    def _multi_seq_fn():
        unary_scores = crf_unary_score(tag_indices, sequence_lengths, inputs)
        binary_scores = crf_binary_score(tag_indices, sequence_lengths, transition_params)
        return unary_scores + binary_scores
    return _smart_cond(_single_step(inputs), _single_seq_fn, _multi_seq_fn)


def crf_multitag_sequence_score(inputs, tag_bitmap, sequence_lengths, transition_params):
    """Scores [batch] of all sequences whose tag at each step is allowed by `tag_bitmap`
    [batch, max_seq_len, num_tags] (bool)."""
    def _filtered():
        return array_ops.where(tag_bitmap, inputs,
                               array_ops.fill(array_ops.shape(inputs), float("-inf")))

    def _single_seq_fn():
        return math_ops.reduce_logsumexp(_filtered(), axis=[1, 2], keepdims=False)

    def _multi_seq_fn():
        return crf_log_norm(inputs=_filtered(), sequence_lengths=sequence_lengths,
                            transition_params=transition_params)
    return _smart_cond(_single_step(inputs), _single_seq_fn, _multi_seq_fn)


def crf_log_norm(inputs, sequence_lengths, transition_params):
    """The log partition function [batch] (forward algorithm)."""
    first_input = array_ops.slice(inputs, [0, 0, 0], [-1, 1, -1])
    first_input = array_ops.squeeze(first_input, [1])

    def _single_seq_fn():
        log_norm = math_ops.reduce_logsumexp(first_input, [1])
        return array_ops.where(less_equal(sequence_lengths, 0),
                               array_ops.zeros_like(log_norm), log_norm)

    def _multi_seq_fn():
        rest_of_input = array_ops.slice(inputs, [0, 1, 0], [-1, -1, -1])
        forward_cell = CrfForwardRnnCell(transition_params)
        lengths_less_one = math_ops.maximum(constant(0, dtype=sequence_lengths.dtype),
                                            sequence_lengths - 1)
        _, alphas = dynamic_rnn(cell=forward_cell, inputs=rest_of_input,
                                sequence_length=lengths_less_one, initial_state=first_input,
                                dtype=dtypes.float32)
        log_norm = math_ops.reduce_logsumexp(alphas, [1])
        return array_ops.where(less_equal(sequence_lengths, 0),
                               array_ops.zeros_like(log_norm), log_norm)
    return _smart_cond(_single_step(inputs), _single_seq_fn, _multi_seq_fn)


def crf_log_likelihood(inputs, tag_indices, sequence_lengths, transition_params=None):
    """(log_likelihood [batch], transition_params); without `transition_params` a
    [num_tags, num_tags] variable `transitions` is made in the current scope."""
    num_tags = dimension_value(inputs.shape[2])
    if transition_params is None:
        transition_params = vs.get_variable("transitions", [num_tags, num_tags])
    sequence_scores = crf_sequence_score(inputs, tag_indices, sequence_lengths,
                                         transition_params)
    log_norm = crf_log_norm(inputs, sequence_lengths, transition_params)
    return sequence_scores - log_norm, transition_params


def crf_unary_score(tag_indices, sequence_lengths, inputs):
    """The sum of the unary potentials of the tags, within each sequence's length."""
    batch_size = array_ops.shape(inputs)[0]
    max_seq_len = array_ops.shape(inputs)[1]
    num_tags = array_ops.shape(inputs)[2]
    flattened_inputs = array_ops.reshape(inputs, [-1])
    offsets = array_ops.expand_dims(array_ops.range(batch_size) * max_seq_len * num_tags, 1)
    offsets += array_ops.expand_dims(array_ops.range(max_seq_len) * num_tags, 0)
    if tag_indices.dtype == dtypes.int64:
        offsets = math_ops.cast(offsets, dtypes.int64)
    flattened_tag_indices = array_ops.reshape(offsets + tag_indices, [-1])
    unary_scores = array_ops.reshape(array_ops.gather(flattened_inputs, flattened_tag_indices),
                                     [batch_size, max_seq_len])
    masks = array_ops.sequence_mask(sequence_lengths, maxlen=array_ops.shape(tag_indices)[1],
                                    dtype=dtypes.float32)
    return math_ops.reduce_sum(unary_scores * masks, 1)


def crf_binary_score(tag_indices, sequence_lengths, transition_params):
    """The sum of the transition scores between consecutive tags, within each length."""
    num_tags = dimension_value(transition_params.shape[0])
    num_transitions = array_ops.shape(tag_indices)[1] - 1
    start_tag_indices = array_ops.slice(tag_indices, [0, 0], [-1, num_transitions])
    end_tag_indices = array_ops.slice(tag_indices, [0, 1], [-1, num_transitions])
    flattened_transition_indices = start_tag_indices * num_tags + end_tag_indices
    flattened_transition_params = array_ops.reshape(transition_params, [-1])
    binary_scores = array_ops.gather(flattened_transition_params, flattened_transition_indices)
    masks = array_ops.sequence_mask(sequence_lengths, maxlen=array_ops.shape(tag_indices)[1],
                                    dtype=dtypes.float32)
    truncated_masks = array_ops.slice(masks, [0, 1], [-1, -1])
    return math_ops.reduce_sum(binary_scores * truncated_masks, 1)


class _TransitionCell(RNNCell):
    def __init__(self, transition_params):
        super().__init__()
        self._transition_params = array_ops.expand_dims(transition_params, 0)
        self._num_tags = dimension_value(transition_params.shape[0])

    @property
    def state_size(self):
        return self._num_tags

    @property
    def output_size(self):
        return self._num_tags


class CrfForwardRnnCell(_TransitionCell):
    """One step of the forward algorithm: alphas' = inputs + logsumexp(alphas + T)."""

    def __call__(self, inputs, state, scope=None):
        state = array_ops.expand_dims(state, 2)
        transition_scores = state + self._transition_params
        new_alphas = inputs + math_ops.reduce_logsumexp(transition_scores, [1])
        return new_alphas, new_alphas


class CrfDecodeForwardRnnCell(_TransitionCell):
    """One Viterbi step: the best previous tag per tag (backpointers) and the scores."""

    def __call__(self, inputs, state, scope=None):
        state = array_ops.expand_dims(state, 2)
        transition_scores = state + self._transition_params
        new_state = inputs + math_ops.reduce_max(transition_scores, [1])
        backpointers = math_ops.cast(math_ops.argmax(transition_scores, 1), dtype=dtypes.int32)
        return backpointers, new_state


class CrfDecodeBackwardRnnCell(RNNCell):
    """One step back through the backpointers."""

    def __init__(self, num_tags):
        super().__init__()
        self._num_tags = num_tags

    @property
    def state_size(self):
        return 1

    @property
    def output_size(self):
        return 1

    def __call__(self, inputs, state, scope=None):
        state = array_ops.squeeze(state, axis=[1])
        batch_size = array_ops.shape(inputs)[0]
        b_indices = array_ops.range(batch_size)
        indices = array_ops.stack([b_indices, state], axis=1)
        new_tags = array_ops.expand_dims(array_ops.gather_nd(inputs, indices), axis=-1)
        return new_tags, new_tags


def viterbi_decode(score, transition_params):
    """The best tag sequence (a list) and its score for one sequence, in NumPy:
    `score` [seq_len, num_tags], `transition_params` [num_tags, num_tags]."""
    trellis = np.zeros_like(score)
    backpointers = np.zeros_like(score, dtype=np.int32)
    trellis[0] = score[0]
    for t in range(1, score.shape[0]):
        v = np.expand_dims(trellis[t - 1], 1) + transition_params
        trellis[t] = score[t] + np.max(v, 0)
        backpointers[t] = np.argmax(v, 0)
    viterbi = [np.argmax(trellis[-1])]
    for bp in reversed(backpointers[1:]):
        viterbi.append(bp[viterbi[-1]])
    viterbi.reverse()
    return viterbi, np.max(trellis[-1])


def crf_decode(potentials, transition_params, sequence_length):
    """Viterbi decoding in the graph: (decode_tags [batch, max_seq_len] int32,
    best_score [batch])."""
    def _single_seq_fn():
        squeezed = array_ops.squeeze(potentials, [1])
        decode_tags = array_ops.expand_dims(math_ops.argmax(squeezed, axis=1), 1)
        best_score = math_ops.reduce_max(squeezed, axis=1)
        return math_ops.cast(decode_tags, dtype=dtypes.int32), best_score

    def _multi_seq_fn():
        num_tags = dimension_value(potentials.shape[2])
        crf_fwd_cell = CrfDecodeForwardRnnCell(transition_params)
        initial_state = array_ops.slice(potentials, [0, 0, 0], [-1, 1, -1])
        initial_state = array_ops.squeeze(initial_state, axis=[1])
        inputs = array_ops.slice(potentials, [0, 1, 0], [-1, -1, -1])
        lengths_less_one = math_ops.maximum(constant(0, dtype=sequence_length.dtype),
                                            sequence_length - 1)
        backpointers, last_score = dynamic_rnn(crf_fwd_cell, inputs=inputs,
                                               sequence_length=lengths_less_one,
                                               initial_state=initial_state, time_major=False,
                                               dtype=dtypes.int32)
        backpointers = _reverse_sequence(backpointers, lengths_less_one, 1, 0)
        crf_bwd_cell = CrfDecodeBackwardRnnCell(num_tags)
        initial_state = math_ops.cast(math_ops.argmax(last_score, axis=1), dtype=dtypes.int32)
        initial_state = array_ops.expand_dims(initial_state, axis=-1)
        decode_tags, _ = dynamic_rnn(crf_bwd_cell, inputs=backpointers,
                                     sequence_length=lengths_less_one,
                                     initial_state=initial_state, time_major=False,
                                     dtype=dtypes.int32)
        decode_tags = array_ops.squeeze(decode_tags, axis=[2])
        decode_tags = array_ops.concat([initial_state, decode_tags], axis=1)
        decode_tags = _reverse_sequence(decode_tags, sequence_length, 1, 0)
        best_score = math_ops.reduce_max(last_score, axis=1)
        return decode_tags, best_score
    return _smart_cond(_single_step(potentials), _single_seq_fn, _multi_seq_fn)
