"""tf.contrib.seq2seq helpers (TF 1.14's helper.py): what a BasicDecoder feeds its cell at
each step and how it samples ids from the cell's outputs, composed from the same ops
under the same name scopes as TF."""
from __future__ import annotations

import abc

from ._ops import (Tensor, TensorArray, TensorShape, array_ops, cond, convert_to_tensor,
                   dtypes, equal, greater, greater_equal, less, less_equal, logical_not,
                   logical_or, math_ops, name_scope, nest, nn_ops, random_ops,
                   transpose_batch_time)

__all__ = ["CustomHelper", "GreedyEmbeddingHelper", "Helper", "InferenceHelper",
           "SampleEmbeddingHelper", "ScheduledEmbeddingTrainingHelper",
           "ScheduledOutputTrainingHelper", "TrainingHelper"]


def _call_sampler(sample_n_fn, sample_shape, name=None):
    """Draws reduce_prod(sample_shape) samples with `sample_n_fn` and reshapes them to
    sample_shape + batch/event shape (TF's distribution sampling, op for op). The static
    shape is the Reshape's own inference, as in TF: inside a while loop the shape tensor,
    read through an Enter, has no constant value, and the draws' shape is unknown."""
    with name_scope(name, "call_sampler", [sample_shape]):
        sample_shape = convert_to_tensor(sample_shape, dtype=dtypes.int32,
                                         name="sample_shape")
        pad = math_ops.cast(equal(array_ops.rank(sample_shape), 0), dtypes.int32)
        sample_shape = array_ops.reshape(
            sample_shape, array_ops.pad(array_ops.shape(sample_shape), paddings=[[pad, 0]],
                                        constant_values=1))
        samples = sample_n_fn(math_ops.reduce_prod(sample_shape))
        batch_event_shape = array_ops.shape(samples)[1:]
        final_shape = array_ops.concat([sample_shape, batch_event_shape], 0)
        return array_ops.reshape(samples, final_shape)


def bernoulli_sample(probs=None, logits=None, dtype=dtypes.int32, sample_shape=(), seed=None):
    """Bernoulli draws (uniform < probs) shaped sample_shape + probs' shape."""
    if probs is None:
        probs = math_ops.sigmoid(logits, name="probs")
    else:
        probs = convert_to_tensor(probs, name="probs")
    batch_shape_tensor = array_ops.shape(probs)

    def _sample_n(n):
        new_shape = array_ops.concat([[n], batch_shape_tensor], 0)
        uniform = random_ops.random_uniform(new_shape, seed=seed, dtype=probs.dtype)
        return math_ops.cast(less(uniform, probs), dtype)
    return _call_sampler(_sample_n, sample_shape)


def categorical_sample(logits, dtype=dtypes.int32, sample_shape=(), seed=None):
    """Categorical draws from `logits` (multinomial), shaped sample_shape + batch shape."""
    logits = convert_to_tensor(logits, name="logits")
    event_size = array_ops.shape(logits)[-1]
    batch_shape_tensor = array_ops.shape(logits)[:-1]

    def _sample_n(n):
        if logits.shape.ndims == 2:
            logits_2d = logits
        else:
            logits_2d = array_ops.reshape(logits, [-1, event_size])
        sample_dtype = dtypes.int64 if logits.dtype.size > 4 else dtypes.int32
        draws = random_ops.multinomial(logits_2d, n, seed=seed, output_dtype=sample_dtype)
        draws = array_ops.reshape(array_ops.transpose(draws),
                                  array_ops.concat([[n], batch_shape_tensor], 0))
        return math_ops.cast(draws, dtype)
    return _call_sampler(_sample_n, sample_shape)


def _unstack_ta(inp):
    return TensorArray(dtype=inp.dtype, size=array_ops.shape(inp)[0],
                       element_shape=inp.shape[1:]).unstack(inp)


def _embedding_fn(embedding):
    if callable(embedding):
        return embedding
    return lambda ids: nn_ops.embedding_lookup(embedding, ids)


class Helper(abc.ABC):
    """Interface of the helpers a BasicDecoder drives: batch_size, sample_ids_shape,
    sample_ids_dtype, initialize(), sample(time, outputs, state) and
    next_inputs(time, outputs, state, sample_ids) -> (finished, next_inputs, next_state)."""

    @property
    @abc.abstractmethod
    def batch_size(self):
        raise NotImplementedError("batch_size has not been implemented")

    @property
    @abc.abstractmethod
    def sample_ids_shape(self):
        raise NotImplementedError("sample_ids_shape has not been implemented")

    @property
    @abc.abstractmethod
    def sample_ids_dtype(self):
        raise NotImplementedError("sample_ids_dtype has not been implemented")

    @abc.abstractmethod
    def initialize(self, name=None):
        """Returns (initial_finished, initial_inputs)."""

    @abc.abstractmethod
    def sample(self, time, outputs, state, name=None):
        """Returns sample_ids."""

    @abc.abstractmethod
    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        """Returns (finished, next_inputs, next_state)."""


class CustomHelper(Helper):
    """A Helper whose initialize, sample and next_inputs are the callables given."""

    def __init__(self, initialize_fn, sample_fn, next_inputs_fn, sample_ids_shape=None,
                 sample_ids_dtype=None):
        self._initialize_fn = initialize_fn
        self._sample_fn = sample_fn
        self._next_inputs_fn = next_inputs_fn
        self._batch_size = None
        self._sample_ids_shape = TensorShape(sample_ids_shape or [])
        self._sample_ids_dtype = sample_ids_dtype or dtypes.int32

    @property
    def batch_size(self):
        if self._batch_size is None:
            raise ValueError("batch_size accessed before initialize was called")
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return self._sample_ids_shape

    @property
    def sample_ids_dtype(self):
        return self._sample_ids_dtype

    def initialize(self, name=None):
        with name_scope(name, "%sInitialize" % type(self).__name__):
            finished, next_inputs = self._initialize_fn()
            if self._batch_size is None:
                self._batch_size = array_ops.size(finished)
        return finished, next_inputs

    def sample(self, time, outputs, state, name=None):
        with name_scope(name, "%sSample" % type(self).__name__, (time, outputs, state)):
            return self._sample_fn(time=time, outputs=outputs, state=state)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        with name_scope(name, "%sNextInputs" % type(self).__name__, (time, outputs, state)):
            return self._next_inputs_fn(time=time, outputs=outputs, state=state,
                                        sample_ids=sample_ids)


class TrainingHelper(Helper):
    """Teacher forcing: step t's input is inputs[:, t] (batch major unless time_major);
    a sequence is finished once t reaches its length; sample ids are the argmax."""

    def __init__(self, inputs, sequence_length, time_major=False, name=None):
        with name_scope(name, "TrainingHelper", [inputs, sequence_length]):
            inputs = convert_to_tensor(inputs, name="inputs")
            self._inputs = inputs
            if not time_major:
                inputs = nest.map_structure(transpose_batch_time, inputs)
            self._input_tas = nest.map_structure(_unstack_ta, inputs)
            self._sequence_length = convert_to_tensor(sequence_length, name="sequence_length")
            if self._sequence_length.shape.ndims != 1:
                raise ValueError("Expected sequence_length to be a vector, but received "
                                 "shape: %s" % self._sequence_length.shape)
            self._zero_inputs = nest.map_structure(
                lambda inp: array_ops.zeros_like(inp[0, :]), inputs)
            self._batch_size = array_ops.size(sequence_length)

    @property
    def inputs(self):
        return self._inputs

    @property
    def sequence_length(self):
        return self._sequence_length

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return TensorShape([])

    @property
    def sample_ids_dtype(self):
        return dtypes.int32

    def initialize(self, name=None):
        with name_scope(name, "TrainingHelperInitialize"):
            finished = equal(0, self._sequence_length)
            all_finished = math_ops.reduce_all(finished)
            next_inputs = cond(
                all_finished, lambda: self._zero_inputs,
                lambda: nest.map_structure(lambda inp: inp.read(0), self._input_tas))
            return finished, next_inputs

    def sample(self, time, outputs, name=None, **unused_kwargs):
        with name_scope(name, "TrainingHelperSample", [time, outputs]):
            return math_ops.cast(math_ops.argmax(outputs, axis=-1), dtypes.int32)

    def next_inputs(self, time, outputs, state, name=None, **unused_kwargs):
        with name_scope(name, "TrainingHelperNextInputs", [time, outputs, state]):
            next_time = time + 1
            finished = greater_equal(next_time, self._sequence_length)
            all_finished = math_ops.reduce_all(finished)
            next_inputs = cond(
                all_finished, lambda: self._zero_inputs,
                lambda: nest.map_structure(lambda inp: inp.read(next_time),
                                           self._input_tas))
            return finished, next_inputs, state


def _check_probability(p):
    p = convert_to_tensor(p, name="sampling_probability")
    if p.shape.ndims not in (0, 1):
        raise ValueError("sampling_probability must be either a scalar or a vector. "
                         "saw shape: %s" % p.shape)
    return p


class ScheduledEmbeddingTrainingHelper(TrainingHelper):
    """A TrainingHelper that, with probability `sampling_probability` per sequence and
    step, feeds the embedding of an id sampled from the outputs instead of the input
    (sample_ids are -1 where it did not sample)."""

    def __init__(self, inputs, sequence_length, embedding, sampling_probability,
                 time_major=False, seed=None, scheduling_seed=None, name=None):
        with name_scope(name, "ScheduledEmbeddingSamplingWrapper",
                        [embedding, sampling_probability]):
            self._embedding_fn = _embedding_fn(embedding)
            self._sampling_probability = _check_probability(sampling_probability)
            self._seed = seed
            self._scheduling_seed = scheduling_seed
            super().__init__(inputs=inputs, sequence_length=sequence_length,
                             time_major=time_major, name=name)

    def initialize(self, name=None):
        return super().initialize(name=name)

    def sample(self, time, outputs, state, name=None):
        with name_scope(name, "ScheduledEmbeddingTrainingHelperSample",
                        [time, outputs, state]):
            select_sample = bernoulli_sample(probs=self._sampling_probability,
                                             dtype=dtypes.bool_, sample_shape=self.batch_size,
                                             seed=self._scheduling_seed)
            return array_ops.where(select_sample,
                                   categorical_sample(logits=outputs, seed=self._seed),
                                   array_ops.fill([self.batch_size], -1))

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        with name_scope(name, "ScheduledEmbeddingTrainingHelperNextInputs",
                        [time, outputs, state, sample_ids]):
            finished, base_next_inputs, state = super().next_inputs(
                time=time, outputs=outputs, state=state, sample_ids=sample_ids, name=name)

            def maybe_sample():
                where_sampling = math_ops.cast(array_ops.where(greater(sample_ids, -1)),
                                               dtypes.int32)
                where_not_sampling = math_ops.cast(
                    array_ops.where(less_equal(sample_ids, -1)), dtypes.int32)
                sample_ids_sampling = array_ops.gather_nd(sample_ids, where_sampling)
                inputs_not_sampling = array_ops.gather_nd(base_next_inputs,
                                                          where_not_sampling)
                sampled_next_inputs = self._embedding_fn(sample_ids_sampling)
                base_shape = array_ops.shape(base_next_inputs)
                return (array_ops.scatter_nd(indices=where_sampling,
                                             updates=sampled_next_inputs, shape=base_shape)
                        + array_ops.scatter_nd(indices=where_not_sampling,
                                               updates=inputs_not_sampling,
                                               shape=base_shape))
            all_finished = math_ops.reduce_all(finished)
            next_inputs = cond(all_finished, lambda: base_next_inputs, maybe_sample)
            return finished, next_inputs, state


class ScheduledOutputTrainingHelper(TrainingHelper):
    """A TrainingHelper that, with probability `sampling_probability`, feeds the cell's
    output (through `next_inputs_fn`, with `auxiliary_inputs` concatenated) instead of
    the input; sample_ids are booleans saying where it did."""

    def __init__(self, inputs, sequence_length, sampling_probability, time_major=False,
                 seed=None, next_inputs_fn=None, auxiliary_inputs=None, name=None):
        with name_scope(name, "ScheduledOutputTrainingHelper",
                        [inputs, auxiliary_inputs, sampling_probability]):
            self._sampling_probability = _check_probability(sampling_probability)
            if auxiliary_inputs is None:
                maybe_concatenated_inputs = inputs
            else:
                inputs = convert_to_tensor(inputs, name="inputs")
                auxiliary_inputs = convert_to_tensor(auxiliary_inputs,
                                                     name="auxiliary_inputs")
                maybe_concatenated_inputs = nest.map_structure(
                    lambda x, y: array_ops.concat((x, y), -1), inputs, auxiliary_inputs)
                if not time_major:
                    auxiliary_inputs = nest.map_structure(transpose_batch_time,
                                                          auxiliary_inputs)
            self._auxiliary_input_tas = (nest.map_structure(_unstack_ta, auxiliary_inputs)
                                         if auxiliary_inputs is not None else None)
            self._seed = seed
            self._next_inputs_fn = next_inputs_fn
            super().__init__(inputs=maybe_concatenated_inputs,
                             sequence_length=sequence_length, time_major=time_major,
                             name=name)

    def initialize(self, name=None):
        return super().initialize(name=name)

    def sample(self, time, outputs, state, name=None):
        with name_scope(name, "ScheduledOutputTrainingHelperSample", [time, outputs, state]):
            return bernoulli_sample(probs=self._sampling_probability,
                                    sample_shape=self.batch_size, seed=self._seed)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        with name_scope(name, "ScheduledOutputTrainingHelperNextInputs",
                        [time, outputs, state, sample_ids]):
            finished, base_next_inputs, state = super().next_inputs(
                time=time, outputs=outputs, state=state, sample_ids=sample_ids, name=name)
            sample_ids = math_ops.cast(sample_ids, dtypes.bool_)

            def maybe_sample():
                def maybe_concatenate_auxiliary_inputs(outputs_, indices=None):
                    if self._auxiliary_input_tas is None:
                        return outputs_
                    next_time = time + 1
                    auxiliary_inputs = nest.map_structure(lambda ta: ta.read(next_time),
                                                          self._auxiliary_input_tas)
                    if indices is not None:
                        auxiliary_inputs = array_ops.gather_nd(auxiliary_inputs, indices)
                    return nest.map_structure(lambda x, y: array_ops.concat((x, y), -1),
                                              outputs_, auxiliary_inputs)
                if self._next_inputs_fn is None:
                    return array_ops.where(sample_ids,
                                           maybe_concatenate_auxiliary_inputs(outputs),
                                           base_next_inputs)
                where_sampling = math_ops.cast(array_ops.where(sample_ids), dtypes.int32)
                where_not_sampling = math_ops.cast(array_ops.where(logical_not(sample_ids)),
                                                   dtypes.int32)
                outputs_sampling = array_ops.gather_nd(outputs, where_sampling)
                inputs_not_sampling = array_ops.gather_nd(base_next_inputs,
                                                          where_not_sampling)
                sampled_next_inputs = maybe_concatenate_auxiliary_inputs(
                    self._next_inputs_fn(outputs_sampling), where_sampling)
                base_shape = array_ops.shape(base_next_inputs)
                return (array_ops.scatter_nd(indices=where_sampling,
                                             updates=sampled_next_inputs, shape=base_shape)
                        + array_ops.scatter_nd(indices=where_not_sampling,
                                               updates=inputs_not_sampling,
                                               shape=base_shape))
            all_finished = math_ops.reduce_all(finished)
            no_samples = logical_not(math_ops.reduce_any(sample_ids))
            next_inputs = cond(logical_or(all_finished, no_samples),
                               lambda: base_next_inputs, maybe_sample)
            return finished, next_inputs, state


class GreedyEmbeddingHelper(Helper):
    """Inference: feeds the embedding of the argmax id of each step's outputs, starting
    from `start_tokens`; a sequence is finished when it emits `end_token`."""

    def __init__(self, embedding, start_tokens, end_token):
        self._embedding_fn = _embedding_fn(embedding)
        self._start_tokens = convert_to_tensor(start_tokens, dtype=dtypes.int32,
                                               name="start_tokens")
        self._end_token = convert_to_tensor(end_token, dtype=dtypes.int32, name="end_token")
        if self._start_tokens.shape.ndims != 1:
            raise ValueError("start_tokens must be a vector")
        self._batch_size = array_ops.size(start_tokens)
        if self._end_token.shape.ndims != 0:
            raise ValueError("end_token must be a scalar")
        self._start_inputs = self._embedding_fn(self._start_tokens)

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return TensorShape([])

    @property
    def sample_ids_dtype(self):
        return dtypes.int32

    def initialize(self, name=None):
        finished = array_ops.tile([False], [self._batch_size])
        return finished, self._start_inputs

    def sample(self, time, outputs, state, name=None):
        if not isinstance(outputs, Tensor):
            raise TypeError("Expected outputs to be a single Tensor, got: %s" % type(outputs))
        return math_ops.argmax(outputs, axis=-1, output_type=dtypes.int32)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        finished = equal(sample_ids, self._end_token)
        all_finished = math_ops.reduce_all(finished)
        next_inputs = cond(all_finished, lambda: self._start_inputs,
                           lambda: self._embedding_fn(sample_ids))
        return finished, next_inputs, state


class SampleEmbeddingHelper(GreedyEmbeddingHelper):
    """GreedyEmbeddingHelper that samples ids from softmax(outputs / temperature)."""

    def __init__(self, embedding, start_tokens, end_token, softmax_temperature=None,
                 seed=None):
        super().__init__(embedding, start_tokens, end_token)
        self._softmax_temperature = softmax_temperature
        self._seed = seed

    def sample(self, time, outputs, state, name=None):
        if not isinstance(outputs, Tensor):
            raise TypeError("Expected outputs to be a single Tensor, got: %s" % type(outputs))
        logits = outputs if self._softmax_temperature is None else \
            outputs / self._softmax_temperature
        return categorical_sample(logits=logits, seed=self._seed)


class InferenceHelper(Helper):
    """Inference with the callables given: sample_fn(outputs) -> ids, end_fn(ids) ->
    finished, next_inputs_fn(ids) -> next inputs (the ids themselves when None)."""

    def __init__(self, sample_fn, sample_shape, sample_dtype, start_inputs, end_fn,
                 next_inputs_fn=None):
        self._sample_fn = sample_fn
        self._end_fn = end_fn
        self._sample_shape = TensorShape(sample_shape)
        self._sample_dtype = sample_dtype
        self._next_inputs_fn = next_inputs_fn
        self._batch_size = array_ops.shape(start_inputs)[0]
        self._start_inputs = convert_to_tensor(start_inputs, name="start_inputs")

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return self._sample_shape

    @property
    def sample_ids_dtype(self):
        return self._sample_dtype

    def initialize(self, name=None):
        finished = array_ops.tile([False], [self._batch_size])
        return finished, self._start_inputs

    def sample(self, time, outputs, state, name=None):
        return self._sample_fn(outputs)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        next_inputs = sample_ids if self._next_inputs_fn is None else \
            self._next_inputs_fn(sample_ids)
        finished = self._end_fn(sample_ids)
        return finished, next_inputs, state
