"""tf.contrib.seq2seq beam search (TF 1.14's beam_search_decoder.py): BeamSearchDecoder,
tile_batch, gather_tree, with TF's length and coverage penalties, composed from the same
ops as TF."""
from __future__ import annotations

import collections

import numpy as np

from ...engine.ops.beam_search import gather_tree as _gather_tree_op
from ...layers.base import Layer as _TFLayer
from ...logging import warning as _warn
from ...ops.logging_ops import Assert
from ...ops.rnn import _assert_like_rnncell
from ._ops import (Tensor, TensorArray, TensorShape, array_ops, cond, constant_value,
                   convert_to_tensor, dimension_value, dtypes, equal, get_default_graph,
                   logical_and, logical_not, logical_or, math_ops, name_scope, nest, nn_ops)
from .attention_wrapper import AttentionWrapperState
from .decoder import Decoder

__all__ = ["BeamSearchDecoder", "BeamSearchDecoderOutput", "BeamSearchDecoderState",
           "FinalBeamSearchDecoderOutput", "gather_tree", "tile_batch"]


class BeamSearchDecoderState(collections.namedtuple(
        "BeamSearchDecoderState", ("cell_state", "log_probs", "finished", "lengths",
                                   "accumulated_attention_probs"))):
    """The beam search's loop state: cell state, beam log-probs, finished flags, lengths
    and (with a coverage penalty) the accumulated attention."""
    __slots__ = ()


class BeamSearchDecoderOutput(collections.namedtuple(
        "BeamSearchDecoderOutput", ("scores", "predicted_ids", "parent_ids"))):
    """One beam search step's output: beam scores, word ids and parent beam ids."""
    __slots__ = ()


class FinalBeamSearchDecoderOutput(collections.namedtuple(
        "FinalBeamDecoderOutput", ["predicted_ids", "beam_search_decoder_output"])):
    """The decoded beams (traced back by gather_tree) and the per-step outputs."""
    __slots__ = ()


def gather_tree(step_ids, parent_ids, max_sequence_lengths, end_token, name=None):
    """Traces the beams [max_time, batch, beam] back from the last step through
    `parent_ids`; after a beam's first `end_token` the rest is end_token."""
    return _gather_tree_op(step_ids, parent_ids, max_sequence_lengths, end_token, name=name)


def _tile_batch(t, multiplier):
    t = convert_to_tensor(t, name="t")
    shape_t = array_ops.shape(t)
    if t.shape.ndims is None or t.shape.ndims < 1:
        raise ValueError("t must have statically known rank")
    tiling = [1] * (t.shape.ndims + 1)
    tiling[1] = multiplier
    first = dimension_value(t.shape[0])
    tiled_static_batch_size = first * multiplier if first is not None else None
    tiled = array_ops.tile(array_ops.expand_dims(t, 1), tiling)
    tiled = array_ops.reshape(tiled, array_ops.concat(([shape_t[0] * multiplier],
                                                       shape_t[1:]), 0))
    tiled.set_shape(TensorShape([tiled_static_batch_size]).concatenate(t.shape[1:]))
    return tiled


def tile_batch(t, multiplier, name=None):
    """Each batch entry of `t` (a nested structure) repeated `multiplier` times in place:
    [batch, ...] -> [batch * multiplier, ...]."""
    flat_t = nest.flatten(t)
    with name_scope(name, "tile_batch", flat_t + [multiplier]):
        return nest.map_structure(lambda t_: _tile_batch(t_, multiplier), t)


def gather_tree_from_array(t, parent_ids, sequence_length):
    """`t` [max_time, batch*beam, ...] reordered along the beams found by gather_tree."""
    max_time = dimension_value(parent_ids.shape[0]) or array_ops.shape(parent_ids)[0]
    batch_size = dimension_value(parent_ids.shape[1]) or array_ops.shape(parent_ids)[1]
    beam_width = dimension_value(parent_ids.shape[2]) or array_ops.shape(parent_ids)[2]
    beam_ids = array_ops.expand_dims(array_ops.expand_dims(array_ops.range(beam_width), 0), 0)
    beam_ids = array_ops.tile(beam_ids, [max_time, batch_size, 1])
    max_sequence_lengths = math_ops.cast(math_ops.reduce_max(sequence_length, axis=1),
                                         dtypes.int32)
    sorted_beam_ids = gather_tree(step_ids=beam_ids, parent_ids=parent_ids,
                                  max_sequence_lengths=max_sequence_lengths,
                                  end_token=beam_width + 1)
    in_bound_steps = array_ops.transpose(
        array_ops.sequence_mask(sequence_length, maxlen=max_time), perm=[2, 0, 1])
    sorted_beam_ids = array_ops.where(in_bound_steps, sorted_beam_ids, beam_ids)
    time_ind = array_ops.tile(array_ops.reshape(array_ops.range(max_time), [-1, 1, 1]),
                              [1, batch_size, beam_width])
    batch_ind = array_ops.tile(array_ops.reshape(array_ops.range(batch_size), [-1, 1, 1]),
                               [1, max_time, beam_width])
    batch_ind = array_ops.transpose(batch_ind, perm=[1, 0, 2])
    indices = array_ops.stack([time_ind, batch_ind, sorted_beam_ids], -1)
    final_shape = array_ops.shape(t)
    gather_from = array_ops.reshape(t, [max_time, batch_size, beam_width, -1])
    ordered = array_ops.gather_nd(gather_from, indices)
    return array_ops.reshape(ordered, final_shape)


def _check_ndims(t):
    if t.shape.ndims is None:
        raise ValueError("Expected tensor (%s) to have known rank, but ndims == None." % t)


def _check_static_batch_beam_maybe(shape, batch_size, beam_width):
    reshaped_shape = TensorShape([batch_size, beam_width, None])
    d0 = dimension_value(shape[0])
    if batch_size is not None and d0 is not None and (
            d0 != batch_size * beam_width or (
                shape.ndims >= 2 and dimension_value(shape[1]) is not None and
                (d0 != batch_size or dimension_value(shape[1]) != beam_width))):
        _warn("TensorArray reordering expects elements to be reshapable to %s which is "
              "incompatible with the current shape %s. Consider setting "
              "reorder_tensor_arrays to False to disable TensorArray reordering during the "
              "beam search." % (reshaped_shape, shape))
        return False
    return True


def _check_batch_beam(t, batch_size, beam_width):
    message = ("TensorArray reordering expects elements to be reshapable to [batch_size, "
               "beam_size, -1] which is incompatible with the dynamic shape of %s elements. "
               "Consider setting reorder_tensor_arrays to False to disable TensorArray "
               "reordering during the beam search." % t.name)
    shape = array_ops.shape(t)
    if t.shape.ndims == 2:
        condition = equal(shape[1], batch_size * beam_width)
    else:
        condition = logical_or(equal(shape[1], batch_size * beam_width),
                               logical_and(equal(shape[1], batch_size),
                                           equal(shape[2], beam_width)))
    return Assert(condition, [message])


def _static(x):
    v = constant_value(x) if isinstance(x, Tensor) else x
    return None if v is None else int(v)


class BeamSearchDecoder(Decoder):
    """Beam search over `cell` (whose state and memories are tiled to batch*beam_width,
    see tile_batch): each step keeps the beam_width best continuations of every batch
    entry by length-penalized log-probability; finalize traces the beams back."""

    def __init__(self, cell, embedding, start_tokens, end_token, initial_state, beam_width,
                 output_layer=None, length_penalty_weight=0.0, coverage_penalty_weight=0.0,
                 reorder_tensor_arrays=True):
        _assert_like_rnncell("cell", cell)
        if output_layer is not None and not isinstance(output_layer, _TFLayer):
            raise TypeError("output_layer must be a Layer, received: %s" % type(output_layer))
        self._cell = cell
        self._output_layer = output_layer
        self._reorder_tensor_arrays = reorder_tensor_arrays
        self._beam_width = beam_width
        self._length_penalty_weight = length_penalty_weight
        self._coverage_penalty_weight = coverage_penalty_weight
        if callable(embedding):
            self._embedding_fn = embedding
        else:
            self._embedding_fn = lambda ids: nn_ops.embedding_lookup(embedding, ids)
        self._start_tokens = convert_to_tensor(start_tokens, dtype=dtypes.int32,
                                               name="start_tokens")
        if self._start_tokens.shape.ndims != 1:
            raise ValueError("start_tokens must be a vector")
        self._end_token = convert_to_tensor(end_token, dtype=dtypes.int32, name="end_token")
        if self._end_token.shape.ndims != 0:
            raise ValueError("end_token must be a scalar")
        self._batch_size = array_ops.size(start_tokens)
        self._initial_cell_state = nest.map_structure(
            self._maybe_split_batch_beams, initial_state, self._cell.state_size)
        self._start_tokens = array_ops.tile(array_ops.expand_dims(self._start_tokens, 1),
                                            [1, self._beam_width])
        self._start_inputs = self._embedding_fn(self._start_tokens)
        self._finished = array_ops.one_hot(
            array_ops.zeros([self._batch_size], dtype=dtypes.int32), depth=self._beam_width,
            on_value=False, off_value=True, dtype=dtypes.bool_)

    @property
    def batch_size(self):
        return self._batch_size

    def _rnn_output_size(self):
        size = self._cell.output_size
        if self._output_layer is None:
            return size
        shapes = nest.map_structure(lambda s: TensorShape([None]).concatenate(s), size)
        layer_output_shape = self._output_layer.compute_output_shape(shapes)
        return nest.map_structure(lambda s: s[1:], layer_output_shape)

    @property
    def tracks_own_finished(self):
        return True

    @property
    def output_size(self):
        return BeamSearchDecoderOutput(scores=TensorShape([self._beam_width]),
                                       predicted_ids=TensorShape([self._beam_width]),
                                       parent_ids=TensorShape([self._beam_width]))

    @property
    def output_dtype(self):
        dtype = nest.flatten(self._initial_cell_state)[0].dtype
        return BeamSearchDecoderOutput(
            scores=nest.map_structure(lambda _: dtype, self._rnn_output_size()),
            predicted_ids=dtypes.int32, parent_ids=dtypes.int32)

    def initialize(self, name=None):
        finished, start_inputs = self._finished, self._start_inputs
        dtype = nest.flatten(self._initial_cell_state)[0].dtype
        log_probs = array_ops.one_hot(
            array_ops.zeros([self._batch_size], dtype=dtypes.int32), depth=self._beam_width,
            on_value=convert_to_tensor(0.0, dtype=dtype),
            off_value=convert_to_tensor(-np.inf, dtype=dtype), dtype=dtype)
        init_attention_probs = _get_attention_probs(self._initial_cell_state,
                                                    self._coverage_penalty_weight)
        if init_attention_probs is None:
            init_attention_probs = ()
        initial_state = BeamSearchDecoderState(
            cell_state=self._initial_cell_state, log_probs=log_probs, finished=finished,
            lengths=array_ops.zeros([self._batch_size, self._beam_width],
                                    dtype=dtypes.int64),
            accumulated_attention_probs=init_attention_probs)
        return finished, start_inputs, initial_state

    def finalize(self, outputs, final_state, sequence_lengths):
        """The beams traced back (FinalBeamSearchDecoderOutput) and the final state, its
        TensorArrays reordered along the beams when reorder_tensor_arrays."""
        max_sequence_lengths = math_ops.cast(math_ops.reduce_max(final_state.lengths, axis=1),
                                             dtypes.int32)
        predicted_ids = gather_tree(outputs.predicted_ids, outputs.parent_ids,
                                    max_sequence_lengths=max_sequence_lengths,
                                    end_token=self._end_token)
        if self._reorder_tensor_arrays:
            final_state = final_state._replace(cell_state=nest.map_structure(
                lambda t: self._maybe_sort_array_beams(t, outputs.parent_ids,
                                                       final_state.lengths),
                final_state.cell_state))
        outputs = FinalBeamSearchDecoderOutput(beam_search_decoder_output=outputs,
                                               predicted_ids=predicted_ids)
        return outputs, final_state

    def _merge_batch_beams(self, t, s=None):
        s = TensorShape(constant_value(s)) if isinstance(s, Tensor) else TensorShape(s)
        t_shape = array_ops.shape(t)
        static_batch_size = _static(self._batch_size)
        merged = None if static_batch_size is None else static_batch_size * self._beam_width
        reshaped_t = array_ops.reshape(
            t, array_ops.concat(([self._batch_size * self._beam_width], t_shape[2:]), 0))
        reshaped_t.set_shape(TensorShape([merged]).concatenate(s))
        return reshaped_t

    def _split_batch_beams(self, t, s=None):
        s = TensorShape(constant_value(s)) if isinstance(s, Tensor) else TensorShape(s)
        t_shape = array_ops.shape(t)
        reshaped_t = array_ops.reshape(
            t, array_ops.concat(([self._batch_size, self._beam_width], t_shape[1:]), 0))
        expected = TensorShape([_static(self._batch_size), self._beam_width]).concatenate(s)
        if not reshaped_t.shape.is_compatible_with(expected):
            raise ValueError(
                "Unexpected behavior when reshaping between beam width and batch size.  The "
                "reshaped tensor has shape: %s.  We expected it to have shape (batch_size, "
                "beam_width, depth) == %s.  Perhaps you forgot to create a zero_state with "
                "batch_size=encoder_batch_size * beam_width?" % (reshaped_t.shape, expected))
        reshaped_t.set_shape(expected)
        return reshaped_t

    def _maybe_split_batch_beams(self, t, s):
        if isinstance(t, TensorArray):
            return t
        _check_ndims(t)
        return self._split_batch_beams(t, s) if t.shape.ndims >= 1 else t

    def _maybe_merge_batch_beams(self, t, s):
        if isinstance(t, TensorArray):
            return t
        _check_ndims(t)
        return self._merge_batch_beams(t, s) if t.shape.ndims >= 2 else t

    def _maybe_sort_array_beams(self, t, parent_ids, sequence_length):
        if not isinstance(t, TensorArray):
            return t
        element_shape = t.element_shape
        if element_shape.ndims is None or element_shape.ndims < 1:
            _warn("The TensorArray %s in the cell state is not amenable to sorting based on "
                  "the beam search result. For a TensorArray to be sorted, its elements "
                  "shape must be defined and have at least a rank of 1, but saw shape: %s"
                  % (t.handle.name, element_shape))
            return t
        if not _check_static_batch_beam_maybe(element_shape, _static(self._batch_size),
                                              self._beam_width):
            return t
        t = t.stack()
        with get_default_graph().control_dependencies(
                [_check_batch_beam(t, self._batch_size, self._beam_width)]):
            return gather_tree_from_array(t, parent_ids, sequence_length)

    def step(self, time, inputs, state, name=None):
        batch_size = self._batch_size
        beam_width = self._beam_width
        with name_scope(name, "BeamSearchDecoderStep", (time, inputs, state)):
            cell_state = state.cell_state
            inputs = nest.map_structure(lambda inp: self._merge_batch_beams(inp, inp.shape[2:]),
                                        inputs)
            cell_state = nest.map_structure(self._maybe_merge_batch_beams, cell_state,
                                            self._cell.state_size)
            cell_outputs, next_cell_state = self._cell(inputs, cell_state)
            cell_outputs = nest.map_structure(
                lambda out: self._split_batch_beams(out, out.shape[1:]), cell_outputs)
            next_cell_state = nest.map_structure(self._maybe_split_batch_beams,
                                                 next_cell_state, self._cell.state_size)
            if self._output_layer is not None:
                cell_outputs = self._output_layer(cell_outputs)
            beam_search_output, beam_search_state = _beam_search_step(
                time=time, logits=cell_outputs, next_cell_state=next_cell_state,
                beam_state=state, batch_size=batch_size, beam_width=beam_width,
                end_token=self._end_token, length_penalty_weight=self._length_penalty_weight,
                coverage_penalty_weight=self._coverage_penalty_weight)
            finished = beam_search_state.finished
            sample_ids = beam_search_output.predicted_ids
            next_inputs = cond(math_ops.reduce_all(finished), lambda: self._start_inputs,
                               lambda: self._embedding_fn(sample_ids))
        return beam_search_output, beam_search_state, next_inputs, finished


def _beam_search_step(time, logits, next_cell_state, beam_state, batch_size, beam_width,
                      end_token, length_penalty_weight, coverage_penalty_weight):
    static_batch_size = _static(batch_size)
    prediction_lengths = beam_state.lengths
    previously_finished = beam_state.finished
    not_finished = logical_not(previously_finished)
    step_log_probs = nn_ops.log_softmax(logits)
    step_log_probs = _mask_probs(step_log_probs, end_token, previously_finished)
    total_probs = array_ops.expand_dims(beam_state.log_probs, 2) + step_log_probs
    vocab_size = dimension_value(logits.shape[-1]) or array_ops.shape(logits)[-1]
    lengths_to_add = array_ops.one_hot(
        indices=array_ops.fill([batch_size, beam_width], end_token), depth=vocab_size,
        on_value=math_ops.to_int64(0), off_value=math_ops.to_int64(1), dtype=dtypes.int64)
    add_mask = math_ops.cast(not_finished, dtypes.int64)
    lengths_to_add *= array_ops.expand_dims(add_mask, 2)
    new_prediction_lengths = lengths_to_add + array_ops.expand_dims(prediction_lengths, 2)
    accumulated_attention_probs = None
    attention_probs = _get_attention_probs(next_cell_state, coverage_penalty_weight)
    if attention_probs is not None:
        attention_probs *= array_ops.expand_dims(math_ops.cast(not_finished, dtypes.float32),
                                                 2)
        accumulated_attention_probs = beam_state.accumulated_attention_probs + attention_probs
    scores = _get_scores(log_probs=total_probs, sequence_lengths=new_prediction_lengths,
                         length_penalty_weight=length_penalty_weight,
                         coverage_penalty_weight=coverage_penalty_weight,
                         finished=previously_finished,
                         accumulated_attention_probs=accumulated_attention_probs)
    time = convert_to_tensor(time, name="time")
    scores_flat = array_ops.reshape(scores, [batch_size, -1])
    next_beam_size = convert_to_tensor(beam_width, dtype=dtypes.int32, name="beam_width")
    next_beam_scores, word_indices = nn_ops.top_k(scores_flat, k=next_beam_size)
    next_beam_scores.set_shape([static_batch_size, beam_width])
    word_indices.set_shape([static_batch_size, beam_width])
    next_beam_probs = _tensor_gather_helper(
        gather_indices=word_indices, gather_from=total_probs, batch_size=batch_size,
        range_size=beam_width * vocab_size, gather_shape=[-1], name="next_beam_probs")
    raw_next_word_ids = math_ops.mod(word_indices, vocab_size, name="next_beam_word_ids")
    next_word_ids = math_ops.cast(raw_next_word_ids, dtypes.int32)
    next_beam_ids = math_ops.cast(word_indices / vocab_size, dtypes.int32,
                                  name="next_beam_parent_ids")
    previously_finished = _tensor_gather_helper(
        gather_indices=next_beam_ids, gather_from=previously_finished, batch_size=batch_size,
        range_size=beam_width, gather_shape=[-1])
    next_finished = logical_or(previously_finished, equal(next_word_ids, end_token),
                               name="next_beam_finished")
    lengths_to_add = math_ops.cast(logical_not(previously_finished), dtypes.int64)
    next_prediction_len = _tensor_gather_helper(
        gather_indices=next_beam_ids, gather_from=beam_state.lengths, batch_size=batch_size,
        range_size=beam_width, gather_shape=[-1])
    next_prediction_len += lengths_to_add
    next_accumulated_attention_probs = ()
    if accumulated_attention_probs is not None:
        next_accumulated_attention_probs = _tensor_gather_helper(
            gather_indices=next_beam_ids, gather_from=accumulated_attention_probs,
            batch_size=batch_size, range_size=beam_width,
            gather_shape=[batch_size * beam_width, -1],
            name="next_accumulated_attention_probs")
    next_cell_state = nest.map_structure(
        lambda gather_from: _maybe_tensor_gather_helper(
            gather_indices=next_beam_ids, gather_from=gather_from, batch_size=batch_size,
            range_size=beam_width, gather_shape=[batch_size * beam_width, -1]),
        next_cell_state)
    next_state = BeamSearchDecoderState(
        cell_state=next_cell_state, log_probs=next_beam_probs, lengths=next_prediction_len,
        finished=next_finished, accumulated_attention_probs=next_accumulated_attention_probs)
    output = BeamSearchDecoderOutput(scores=next_beam_scores, predicted_ids=next_word_ids,
                                     parent_ids=next_beam_ids)
    return output, next_state


def _attention_probs_from_attn_state(attention_state):
    attention_probs = attention_state.alignments
    if isinstance(attention_probs, tuple):
        attention_probs = array_ops.concat(
            [array_ops.expand_dims(p, -1) for p in attention_probs], -1)
        attention_probs = math_ops.reduce_mean(attention_probs, -1)
    return attention_probs


def _get_attention_probs(next_cell_state, coverage_penalty_weight):
    if coverage_penalty_weight == 0.0:
        return None
    probs_per_attn_layer = []
    if isinstance(next_cell_state, AttentionWrapperState):
        probs_per_attn_layer = [_attention_probs_from_attn_state(next_cell_state)]
    elif isinstance(next_cell_state, tuple):
        for state in next_cell_state:
            if isinstance(state, AttentionWrapperState):
                probs_per_attn_layer.append(_attention_probs_from_attn_state(state))
    if not probs_per_attn_layer:
        raise ValueError("coverage_penalty_weight must be 0.0 if no cell is attentional.")
    if len(probs_per_attn_layer) == 1:
        return probs_per_attn_layer[0]
    attention_probs = array_ops.concat(
        [array_ops.expand_dims(p, -1) for p in probs_per_attn_layer], -1)
    return math_ops.reduce_mean(attention_probs, -1)


def _get_scores(log_probs, sequence_lengths, length_penalty_weight, coverage_penalty_weight,
                finished, accumulated_attention_probs):
    length_penalty_ = _length_penalty(sequence_lengths=sequence_lengths,
                                      penalty_factor=length_penalty_weight)
    length_penalty_ = math_ops.cast(length_penalty_, dtype=log_probs.dtype)
    scores = log_probs / length_penalty_
    coverage_penalty_weight = convert_to_tensor(coverage_penalty_weight,
                                                name="coverage_penalty_weight")
    if coverage_penalty_weight.shape.ndims != 0:
        raise ValueError("coverage_penalty_weight should be a scalar, but saw shape: %s" %
                         coverage_penalty_weight.shape)
    if constant_value(coverage_penalty_weight) == 0.0:
        return scores
    if accumulated_attention_probs is None:
        raise ValueError("accumulated_attention_probs can be None only if coverage penalty "
                         "is disabled.")
    accumulated_attention_probs = array_ops.where(
        equal(accumulated_attention_probs, 0.0),
        array_ops.ones_like(accumulated_attention_probs), accumulated_attention_probs)
    coverage_penalty = math_ops.reduce_sum(
        math_ops.log(math_ops.minimum(accumulated_attention_probs, 1.0)), 2)
    coverage_penalty *= math_ops.cast(finished, dtypes.float32)
    weighted_coverage_penalty = coverage_penalty * coverage_penalty_weight
    weighted_coverage_penalty = array_ops.expand_dims(weighted_coverage_penalty, 2)
    return scores + weighted_coverage_penalty


def _length_penalty(sequence_lengths, penalty_factor):
    """((5 + length) / 6) ** penalty_factor (Wu et al. 2016); 1.0 for a zero factor."""
    penalty_factor = convert_to_tensor(penalty_factor, name="penalty_factor")
    penalty_factor.set_shape(())
    static_penalty = constant_value(penalty_factor)
    if static_penalty is not None and static_penalty == 0:
        return 1.0
    return math_ops.div((5. + math_ops.cast(sequence_lengths, dtypes.float32)) **
                        penalty_factor, (5. + 1.) ** penalty_factor)


def _mask_probs(probs, eos_token, finished):
    vocab_size = array_ops.shape(probs)[2]
    finished_row = array_ops.one_hot(eos_token, vocab_size, dtype=probs.dtype,
                                     on_value=convert_to_tensor(0., dtype=probs.dtype),
                                     off_value=probs.dtype.min)
    finished_probs = array_ops.tile(array_ops.reshape(finished_row, [1, 1, -1]),
                                    array_ops.concat([array_ops.shape(finished), [1]], 0))
    finished_mask = array_ops.tile(array_ops.expand_dims(finished, 2), [1, 1, vocab_size])
    return array_ops.where(finished_mask, finished_probs, probs)


def _maybe_tensor_gather_helper(gather_indices, gather_from, batch_size, range_size,
                                gather_shape):
    if isinstance(gather_from, TensorArray):
        return gather_from
    _check_ndims(gather_from)
    if gather_from.shape.ndims >= len(gather_shape):
        return _tensor_gather_helper(gather_indices=gather_indices, gather_from=gather_from,
                                     batch_size=batch_size, range_size=range_size,
                                     gather_shape=gather_shape)
    return gather_from


def _tensor_gather_helper(gather_indices, gather_from, batch_size, range_size, gather_shape,
                          name=None):
    with name_scope(name, "tensor_gather_helper"):
        range_ = array_ops.expand_dims(array_ops.range(batch_size) * range_size, 1)
        gather_indices = array_ops.reshape(gather_indices + range_, [-1])
        output = array_ops.gather(array_ops.reshape(gather_from, gather_shape), gather_indices)
        final_shape = array_ops.shape(gather_from)[:1 + len(gather_shape)]
        final_static_shape = TensorShape([_static(batch_size)]).concatenate(
            gather_from.shape[1:1 + len(gather_shape)])
        output = array_ops.reshape(output, final_shape, name="output")
        output.set_shape(final_static_shape)
        return output
