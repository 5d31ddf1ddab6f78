"""tf.contrib.seq2seq's Decoder interface, dynamic_decode and BasicDecoder (TF 1.14's
decoder.py and basic_decoder.py): a while_loop stepping a decoder until every batch
entry is finished or maximum_iterations is reached, its outputs gathered in
TensorArrays, composed from the same ops under the same scopes as TF."""
from __future__ import annotations

import abc
import collections

from ...layers.base import Layer as _TFLayer
from ...ops.rnn import _assert_like_rnncell
from ...ops.rnn_cell_impl import _zero_state_tensors
from ._ops import (TensorArray, TensorShape, array_ops, constant_value, constant,
                   convert_to_tensor, dtypes, logical_not, logical_or,
                   math_ops, name_scope, nest, transpose_batch_time, vs, while_loop)
from .helper import Helper

__all__ = ["BasicDecoder", "BasicDecoderOutput", "Decoder", "dynamic_decode"]


class Decoder(abc.ABC):
    """An RNN decoder driven by dynamic_decode: batch_size, output_size, output_dtype,
    initialize() -> (finished, inputs, state), step(time, inputs, state) ->
    (outputs, next_state, next_inputs, finished), and optionally
    finalize(outputs, final_state, sequence_lengths)."""

    @property
    def batch_size(self):
        raise NotImplementedError

    @property
    def output_size(self):
        raise NotImplementedError

    @property
    def output_dtype(self):
        raise NotImplementedError

    @abc.abstractmethod
    def initialize(self, name=None):
        """Returns (finished, initial_inputs, initial_state)."""
        raise NotImplementedError

    @abc.abstractmethod
    def step(self, time, inputs, state, name=None):
        """Returns (outputs, next_state, next_inputs, finished)."""
        raise NotImplementedError

    def finalize(self, outputs, final_state, sequence_lengths):
        raise NotImplementedError

    @property
    def tracks_own_finished(self):
        """True when the decoder's `finished` already accounts for earlier steps."""
        return False


def _create_zero_outputs(size, dtype, batch_size):
    return nest.map_structure(lambda s, d: _zero_state_tensors(s, batch_size, d), size, dtype)


def dynamic_decode(decoder, output_time_major=False, impute_finished=False,
                   maximum_iterations=None, parallel_iterations=32, swap_memory=False,
                   scope=None, **kwargs):
    """Runs `decoder` (initialize once, then step) in a while_loop under variable scope
    `scope` (default "decoder") until all entries are finished or after
    `maximum_iterations` steps.

    impute_finished: zero the outputs of finished entries and copy their state through.
    Returns (final_outputs, final_state, final_sequence_lengths); outputs batch major
    unless output_time_major.
    """
    if not isinstance(decoder, Decoder):
        raise TypeError("Expected decoder to be type Decoder, but saw: %s" % type(decoder))
    if kwargs:
        raise NotImplementedError(
            "dynamic_decode: keyword arguments %s are for the Keras BaseDecoder, which "
            "flowgrad does not provide" % sorted(kwargs))
    with vs.variable_scope(scope, "decoder"):
        if maximum_iterations is not None:
            maximum_iterations = convert_to_tensor(maximum_iterations, dtype=dtypes.int32,
                                                   name="maximum_iterations")
            if maximum_iterations.shape.ndims != 0:
                raise ValueError("maximum_iterations must be a scalar")
        initial_finished, initial_inputs, initial_state = decoder.initialize()
        zero_outputs = _create_zero_outputs(decoder.output_size, decoder.output_dtype,
                                            decoder.batch_size)
        if maximum_iterations is not None:
            # (TF's `0 >= maximum_iterations`: Tensor.__le__, a LessEqual of it and 0)
            initial_finished = logical_or(initial_finished, maximum_iterations <= 0)
        initial_sequence_lengths = array_ops.zeros_like(initial_finished, dtype=dtypes.int32)
        initial_time = constant(0, dtype=dtypes.int32)

        def _shape(batch_size, from_shape):
            if not isinstance(from_shape, TensorShape) or from_shape.ndims == 0:
                return None
            batch = constant_value(convert_to_tensor(batch_size, name="batch_size"))
            batch = None if batch is None else int(batch)
            return TensorShape([batch]).concatenate(from_shape)

        def _create_ta(s, d):
            return TensorArray(dtype=d, size=0, dynamic_size=True,
                               element_shape=_shape(decoder.batch_size, s))

        initial_outputs_ta = nest.map_structure(_create_ta, decoder.output_size,
                                                decoder.output_dtype)

        def condition(unused_time, unused_outputs_ta, unused_state, unused_inputs, finished,
                      unused_sequence_lengths):
            return logical_not(math_ops.reduce_all(finished))

        def body(time, outputs_ta, state, inputs, finished, sequence_lengths):
            next_outputs, decoder_state, next_inputs, decoder_finished = decoder.step(
                time, inputs, state)
            if decoder.tracks_own_finished:
                next_finished = decoder_finished
            else:
                next_finished = logical_or(decoder_finished, finished)
            next_sequence_lengths = array_ops.where(
                logical_not(finished),
                array_ops.fill(array_ops.shape(sequence_lengths), time + 1),
                sequence_lengths)
            nest.assert_same_structure(state, decoder_state)
            nest.assert_same_structure(outputs_ta, next_outputs)
            nest.assert_same_structure(inputs, next_inputs)
            if impute_finished:
                emit = nest.map_structure(lambda out, zero: array_ops.where(finished, zero, out),
                                          next_outputs, zero_outputs)
            else:
                emit = next_outputs

            def _maybe_copy_state(new, cur):
                if isinstance(cur, TensorArray):
                    pass_through = True
                else:
                    new.set_shape(cur.shape)
                    pass_through = new.shape.ndims == 0
                return new if pass_through else array_ops.where(finished, cur, new)

            if impute_finished:
                next_state = nest.map_structure(_maybe_copy_state, decoder_state, state)
            else:
                next_state = decoder_state
            outputs_ta = nest.map_structure(lambda ta, out: ta.write(time, out),
                                            outputs_ta, emit)
            return (time + 1, outputs_ta, next_state, next_inputs, next_finished,
                    next_sequence_lengths)

        res = while_loop(condition, body,
                         loop_vars=(initial_time, initial_outputs_ta, initial_state,
                                    initial_inputs, initial_finished,
                                    initial_sequence_lengths),
                         parallel_iterations=parallel_iterations,
                         maximum_iterations=maximum_iterations, swap_memory=swap_memory)
        final_outputs_ta, final_state, final_sequence_lengths = res[1], res[2], res[5]
        final_outputs = nest.map_structure(lambda ta: ta.stack(), final_outputs_ta)
        try:
            final_outputs, final_state = decoder.finalize(final_outputs, final_state,
                                                          final_sequence_lengths)
        except NotImplementedError:
            pass
        if not output_time_major:
            final_outputs = nest.map_structure(transpose_batch_time, final_outputs)
    return final_outputs, final_state, final_sequence_lengths


class BasicDecoderOutput(collections.namedtuple("BasicDecoderOutput",
                                                ("rnn_output", "sample_id"))):
    """A BasicDecoder step's outputs: the cell's (or output layer's) output and the
    sampled ids."""
    __slots__ = ()


class BasicDecoder(Decoder):
    """Runs `cell` (then `output_layer`, a tf.layers Layer, when given) one step at a time,
    the inputs and finishing decided by `helper`."""

    def __init__(self, cell, helper, initial_state, output_layer=None):
        _assert_like_rnncell("cell", cell)
        if not isinstance(helper, Helper):
            raise TypeError("helper must be a Helper, received: %s" % type(helper))
        if output_layer is not None and not isinstance(output_layer, _TFLayer):
            raise TypeError("output_layer must be a Layer, received: %s" % type(output_layer))
        self._cell = cell
        self._helper = helper
        self._initial_state = initial_state
        self._output_layer = output_layer

    @property
    def batch_size(self):
        return self._helper.batch_size

    def _rnn_output_size(self):
        size = self._cell.output_size
        if self._output_layer is None:
            return size
        shapes = nest.map_structure(lambda s: TensorShape([None]).concatenate(s), size)
        layer_output_shape = self._output_layer.compute_output_shape(shapes)
        return nest.map_structure(lambda s: s[1:], layer_output_shape)

    @property
    def output_size(self):
        return BasicDecoderOutput(rnn_output=self._rnn_output_size(),
                                  sample_id=self._helper.sample_ids_shape)

    @property
    def output_dtype(self):
        dtype = nest.flatten(self._initial_state)[0].dtype
        return BasicDecoderOutput(nest.map_structure(lambda _: dtype, self._rnn_output_size()),
                                  self._helper.sample_ids_dtype)

    def initialize(self, name=None):
        return tuple(self._helper.initialize()) + (self._initial_state,)

    def step(self, time, inputs, state, name=None):
        with name_scope(name, "BasicDecoderStep", (time, inputs, state)):
            cell_outputs, cell_state = self._cell(inputs, state)
            if self._output_layer is not None:
                cell_outputs = self._output_layer(cell_outputs)
            sample_ids = self._helper.sample(time=time, outputs=cell_outputs, state=cell_state)
            finished, next_inputs, next_state = self._helper.next_inputs(
                time=time, outputs=cell_outputs, state=cell_state, sample_ids=sample_ids)
        outputs = BasicDecoderOutput(cell_outputs, sample_ids)
        return outputs, next_state, next_inputs, finished
