"""tf.contrib.training.SequenceQueueingStateSaver and batch_sequences_with_states (TF 1.14
contrib/training/python/training/sequence_queueing_state_saver.py).

Each input sequence (its key, length, sequences, context) is cut into segments of
num_unroll steps. The prefetch op gives every segment a key ("00001_of_00003:key") and
inserts its components into a Barrier; the first segment also gets the initial states.
A segment is complete, and can be taken in a batch, once its state is set: the initial
state for the first segment, `save_state` of the previous segment for the others. A
capacity FIFOQueue holds one token per sequence in flight; the batch dequeues one per
sequence that ends in it.
"""
from __future__ import annotations

import collections
import numbers

from ... import summary
from ...engine.framework import dtypes, errors, tensor_shape
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import Tensor, colocate_with, control_dependencies, name_scope
from ...engine.framework.static_value import constant_value
from ...engine.ops.construction import range as _range
from ...ops import (array_ops, check_ops, comparison_ops, control_flow_ops, math_ops,
                    random_ops, string_ops)
from ...ops.data_flow_ops import Barrier, FIFOQueue
from ...ops.sparse_tensor import SparseTensor, SparseTensorValue
from ...train.queue_runner import QueueRunner, add_queue_runner

__all__ = ["SequenceQueueingStateSaver", "NextQueuedSequenceBatch",
           "batch_sequences_with_states"]

_SPARSE = (SparseTensor, SparseTensorValue)


def _check_keys(what, d):
    for k in d:
        if not isinstance(k, str):
            raise TypeError("%s key must be string: %s" % (what, k))
        if ":" in k:
            raise ValueError("%s key may not have a colon: '%s'" % (what, k))


class _SequenceInputWrapper:
    """One input: its length, key, sequences and context as tensors (TF's checks)."""

    def __init__(self, length, key, sequences, context):
        self.length = convert_to_tensor(length, name="length")
        self.key = convert_to_tensor(key, name="key")
        if not isinstance(sequences, dict):
            raise TypeError("sequences must be a dict")
        if not isinstance(context, dict):
            raise TypeError("context must be a dict")
        if not sequences:
            raise ValueError("must have at least one sequence tensor")
        _check_keys("sequence", sequences)
        _check_keys("context", context)
        self.sequences = {k: convert_to_tensor(v, name="sequence_%s" % k)
                          for k, v in sequences.items()}
        self.context = {k: convert_to_tensor(v, name="context_%s" % k)
                        for k, v in context.items()}


def _asserted(condition, data, value, name):
    """`value` through an Identity named `name` that runs after Assert(condition, data)."""
    with control_dependencies([control_flow_ops.Assert(condition, data)]):
        return array_ops.identity(value, name=name)


def _refine(value, shape_fn, what, label):
    """Sets `value`'s static shape to shape_fn(its shape); TF's ValueError if they clash."""
    try:
        value.set_shape(shape_fn(value.shape))
    except ValueError as e:
        raise ValueError("%s check failed for %s: %s" % (what, label, str(e))) from None


def _check_multiple_of(value, multiple_of):
    cond = comparison_ops.logical_and(
        comparison_ops.equal(math_ops.mod(value, multiple_of), 0),
        comparison_ops.not_equal(value, 0))
    return _asserted(cond, [string_ops.string_join([
        "Tensor %s should be a multiple of: " % value.name, string_ops.as_string(multiple_of),
        ", but saw value: ", string_ops.as_string(value), ". Consider setting pad=True."])],
        value, "multiple_of_checked")


def _check_rank(value, expected_rank):
    new_value = _asserted(
        comparison_ops.equal(expected_rank, array_ops.rank(value)),
        [string_ops.string_join(["Rank of tensor %s should be: " % value.name,
                                 string_ops.as_string(expected_rank), ", shape received:"]),
         array_ops.shape(value)], value, "rank_checked")
    if isinstance(expected_rank, Tensor):
        known = constant_value(expected_rank)
        if known is not None:
            expected_rank = int(known)
    if not isinstance(expected_rank, Tensor):
        _refine(new_value, lambda s: s.with_rank(expected_rank), "Rank", value.name)
    return new_value


def _check_shape(value, expected_shape):
    if isinstance(expected_shape, tensor_shape.TensorShape):
        expected_shape = expected_shape.as_list()
    if isinstance(expected_shape, Tensor):
        known = constant_value(expected_shape)
        if known is not None:
            expected_shape = [int(d) for d in known]
    if isinstance(expected_shape, Tensor):
        value = _check_rank(value, array_ops.size(expected_shape))
    else:
        value = _check_rank(value, len(expected_shape))
    new_value = _asserted(
        math_ops.reduce_all(comparison_ops.equal(expected_shape, array_ops.shape(value))),
        [string_ops.string_join([
            "Shape of tensor %s should be: " % value.name, string_ops.as_string(expected_shape),
            ", shape received: ", string_ops.as_string(array_ops.shape(value))])],
        value, "shape_checked")
    if not isinstance(expected_shape, Tensor):
        _refine(new_value, lambda s: s.merge_with(expected_shape), "Shape", value.name)
    return new_value


def _check_dimensions(value, dimensions, expected_sizes, debug_prefix):
    """`value` (an Identity) after checking its `dimensions` have `expected_sizes`:
    statically where known, else by one Assert per dimension."""
    if len(set(dimensions)) != len(dimensions):
        raise ValueError("dimensions are not unique: %s" % dimensions)
    value_shape = value.shape
    if len(dimensions) != len(expected_sizes):
        raise ValueError("len(dimensions) != len(expected_sizes): %d vs. %d"
                         % (len(dimensions), len(expected_sizes)))
    if value_shape.ndims is not None:
        if value_shape.ndims <= max(dimensions):
            raise ValueError("%s: rank of input is not greater than max(dimensions): %d vs. %d"
                             % (debug_prefix, value_shape.ndims, max(dimensions)))
        value_dims = value_shape.as_list()
        for d, s in zip(dimensions, expected_sizes):
            if not isinstance(s, Tensor):
                value_dims[d] = s
        _refine(value, lambda s: s.merge_with(value_dims), "Dimensions", debug_prefix)
    asserts = [control_flow_ops.Assert(
        comparison_ops.equal(size, array_ops.shape(value)[dim]),
        [string_ops.string_join([
            "Dimension %d of tensor labeled %s should be: " % (dim, debug_prefix),
            string_ops.as_string(size), ", shape received: ",
            string_ops.as_string(array_ops.shape(value))])])
        for dim, size in zip(dimensions, expected_sizes)]
    with control_dependencies(asserts):
        return array_ops.identity(value, name="dims_checked_%s" % debug_prefix)


def _prepare_sequence_inputs(inputs, states):
    """(length, key, states, sequences, context), each dict sorted by name, after TF's
    static checks and the rank checks of length and key."""
    states = {k: convert_to_tensor(v, name="state_%s" % k) for k, v in states.items()}

    def assert_fully_defined(label, d, ignore_first_dimension=False):
        start = 1 if ignore_first_dimension else 0
        for k, v in d.items():
            if not v.shape[start:].is_fully_defined():
                raise ValueError("Shape for %s %s is not fully defined %s: %s" % (
                    label, k, "(ignoring first dimension)" if ignore_first_dimension else "",
                    v.shape))
    assert_fully_defined("state", states)
    assert_fully_defined("context", inputs.context)
    assert_fully_defined("sequence", inputs.sequences, ignore_first_dimension=True)

    def by_name(d):
        return collections.OrderedDict(sorted(d.items(), key=lambda kv: kv[0]))
    length = _check_rank(inputs.length, 0)
    key = _check_rank(inputs.key, 0)
    if length.dtype != dtypes.int32:
        raise TypeError("length dtype must be int32, but received: %s" % length.dtype)
    if key.dtype != dtypes.string:
        raise TypeError("key dtype must be string, but received: %s" % key.dtype)
    return length, key, by_name(states), by_name(inputs.sequences), by_name(inputs.context)


class NextQueuedSequenceBatch:
    """The batch of segments one `next_batch` run takes, and `save_state` for it."""

    def __init__(self, state_saver):
        self._state_saver = state_saver

    @property
    def total_length(self):
        """int32 [batch_size]: each segment's sequence's length before padding."""
        return self._state_saver._received_total_length

    @property
    def length(self):
        """int32 [batch_size]: each segment's unpadded steps (0 to num_unroll)."""
        return self._state_saver._received_length

    @property
    def batch_size(self):
        """int32 scalar: the number of segments in the batch."""
        return self._state_saver._received_batch_size

    @property
    def insertion_index(self):
        """int64 [batch_size]: the Barrier's insertion index of each segment."""
        return self._state_saver._received_indices

    @property
    def key(self):
        """string [batch_size]: each segment's key, "%05d_of_%05d:key"."""
        return self._state_saver._received_keys

    @property
    def next_key(self):
        """string [batch_size]: the next segment's key, "STOP:key" after the last."""
        return self._state_saver._received_next_key

    @property
    def sequence(self):
        """int32 [batch_size]: each segment's index in its sequence."""
        return self._state_saver._received_sequence

    @property
    def sequence_count(self):
        """int32 [batch_size]: the number of segments of each segment's sequence."""
        return self._state_saver._received_sequence_count

    @property
    def context(self):
        """The context tensors by name, [batch_size, ...] each."""
        return self._state_saver._received_context

    @property
    def sequences(self):
        """The sequence segments by name, [batch_size, num_unroll, ...] each."""
        return self._state_saver._received_sequences

    def state(self, state_name):
        """The state `state_name` the segments start from, [batch_size, ...]."""
        return self._state_saver._received_states[state_name]

    def save_state(self, state_name, value, name=None):
        """The op that gives `value` to the next segment of each unfinished sequence
        (a BarrierInsertMany of its rows for those segments' keys)."""
        saver = self._state_saver
        if state_name not in saver._received_states.keys():
            raise KeyError("state was not declared: %s" % state_name)
        with name_scope(name, "InputQueueingStateSaver_SaveState", [value]):
            with colocate_with(saver._capacity_queue.queue_ref):
                not_done = array_ops.reshape(array_ops.where(
                    comparison_ops.logical_not(saver._sequence_is_done)), [-1])
                keeping_next_key = array_ops.gather(saver._received_next_key, not_done)
                value = _check_shape(
                    array_ops.identity(value, name="convert_%s" % state_name),
                    array_ops.shape(saver._received_states[state_name]))
                keeping_state = array_ops.gather(value, not_done)
                return saver._barrier.insert_many(
                    saver._get_barrier_index("state", state_name), keeping_next_key,
                    keeping_state, name="BarrierInsertState_%s" % state_name)


class SequenceQueueingStateSaver:
    """Splits sequences into num_unroll-step segments and batches them, carrying each
    sequence's states from one segment to the next (TF 1.14's state saver)."""

    def __init__(self, batch_size, num_unroll, input_length, input_key, input_sequences,
                 input_context, initial_states, capacity=None, allow_small_batch=False,
                 name=None):
        if capacity is not None and isinstance(batch_size, Tensor):
            with control_dependencies([check_ops.assert_greater_equal(
                    math_ops.cast(capacity, dtype=dtypes.int64),
                    math_ops.cast(batch_size, dtype=dtypes.int64),
                    message="capacity needs to be >= batch_size.")]):
                input_key = array_ops.identity(input_key)
        elif capacity is not None and capacity < batch_size:
            raise ValueError("capacity %d needs to be >= batch_size %d" % (capacity, batch_size))
        self._capacity_queue = FIFOQueue(capacity=capacity, dtypes=[dtypes.int32],
                                         shapes=[[]])
        with colocate_with(self._capacity_queue.queue_ref):
            if not isinstance(initial_states, dict):
                raise TypeError("initial_states must be a dictionary")
            if not initial_states:
                raise ValueError(
                    "initial_states may not be empty: at least one state variable is "
                    "required to properly enqueue split sequences to run in separate "
                    "iterations")
            for k in initial_states:
                if not isinstance(k, str):
                    raise TypeError("state name must be a string: %s" % k)
                if ":" in k:
                    raise ValueError("state name may not have a colon: '%s'" % k)
            op_vars = ([input_length, input_key] + list(input_sequences.values())
                       + list(input_context.values()))
            with name_scope(name, "InputQueueingStateSaver", op_vars) as scope:
                inputs = _SequenceInputWrapper(input_length, input_key, input_sequences,
                                               input_context)
                self._batch_size = batch_size
                self._num_unroll = num_unroll
                self._name = scope
                (self._length, self._key, self._sorted_states, self._sorted_sequences,
                 self._sorted_context) = _prepare_sequence_inputs(inputs, initial_states)
                first = next(iter(self._sorted_sequences.values()))
                self._padded_length = _check_multiple_of(array_ops.identity(
                    array_ops.shape(first)[0], name="padded_length"), num_unroll)
                self._sorted_sequences = collections.OrderedDict(
                    (k, _check_dimensions(v, [0], [self._padded_length],
                                          debug_prefix="sorted_sequences_%s" % k))
                    for k, v in self._sorted_sequences.items())
                self._uninitialized_states = self._sorted_states
                self._store_index_maps(self._sorted_sequences, self._sorted_context,
                                       self._sorted_states)
                self._length = _asserted(
                    comparison_ops.less_equal(self._length, self._padded_length),
                    ["Input length should be <= than length from sequences:", self._length,
                     " vs. ", self._padded_length], self._length, None)
                self._create_barrier()
                self._scope = scope
            self._allow_small_batch = allow_small_batch
            self._prefetch_op = None
            self._next_batch = None

    @property
    def name(self):
        return self._name

    @property
    def barrier(self):
        return self._barrier

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def num_unroll(self):
        return self._num_unroll

    def _in_scope(self, build):
        with name_scope(None), name_scope(self._scope, values=[self._barrier.barrier_ref]):
            build()

    @property
    def prefetch_op(self):
        """The op that reads one input and inserts its segments (a queue runner runs it)."""
        if not self._prefetch_op:
            self._in_scope(self._create_prefetch_op)
        return self._prefetch_op

    @property
    def next_batch(self):
        """The NextQueuedSequenceBatch: running its tensors takes one batch of segments."""
        if not self._prefetch_op:
            self._in_scope(self._create_prefetch_op)
        if not self._next_batch:
            self._in_scope(self._prepare_barrier_reads)
        return self._next_batch

    def close(self, cancel_pending_enqueues=False, name=None):
        """The op that closes the barrier and the capacity queue."""
        with name_scope(name, "SQSSClose", [self._prefetch_op]) as name:
            barrier_close = self.barrier.close(cancel_pending_enqueues, "BarrierClose")
            fifo_close = self._capacity_queue.close(cancel_pending_enqueues, "FIFOClose")
            return control_flow_ops.group(barrier_close, fifo_close, name=name)

    def _store_index_maps(self, sequences, context, states):
        names = (["__length", "__total_length", "__next_key", "__sequence",
                  "__sequence_count"] + ["__sequence__%s" % k for k in sequences]
                 + ["__context__%s" % k for k in context] + ["__state__%s" % k for k in states])
        self._name_to_index = {n: i for i, n in enumerate(names)}
        self._index_to_name = names

    def _get_barrier_index(self, index_type, name):
        return self._name_to_index["__%s__%s" % (index_type, name)]

    def _create_barrier(self):
        types = ([dtypes.int32, dtypes.int32, dtypes.string, dtypes.int32, dtypes.int32]
                 + [v.dtype for v in self._sorted_sequences.values()]
                 + [v.dtype for v in self._sorted_context.values()]
                 + [v.dtype for v in self._sorted_states.values()])
        shapes = ([()] * 5
                  + [[self._num_unroll] + v.shape.as_list()[1:]
                     for v in self._sorted_sequences.values()]
                  + [v.shape.as_list() for v in self._sorted_context.values()]
                  + [v.shape.as_list() for v in self._sorted_states.values()])
        self._barrier = Barrier(types=types, shapes=shapes)

    def _create_prefetch_op(self):
        num_unroll = self._num_unroll
        sequence_count = math_ops.div(self._padded_length, num_unroll)
        ones = array_ops.ones(array_ops.expand_dims(sequence_count, 0), dtype=dtypes.int32)
        sequence = _range(sequence_count)
        expanded_length = math_ops.minimum(num_unroll, math_ops.maximum(
            0, self._length - num_unroll * sequence))
        expanded_total_length = self._length * ones
        expanded_sequence_count = sequence_count * ones
        current_keys = string_ops.string_join(
            [string_ops.as_string(sequence, width=5, fill="0"), "_of_",
             string_ops.as_string(sequence_count, width=5, fill="0"), ":", self._key],
            name="StringJoinCurrentKeys")
        next_keys = array_ops.concat(
            [array_ops.slice(current_keys, [1], [-1]), array_ops.expand_dims(
                string_ops.string_join(["STOP:", self._key], name="StringJoinStop"), 0)],
            0, name="concat_next_keys")
        reshaped_sequences = collections.OrderedDict((k, _check_dimensions(
            array_ops.reshape(v, array_ops.concat(
                [array_ops.expand_dims(sequence_count, 0), array_ops.expand_dims(num_unroll, 0),
                 v.shape.as_list()[1:]], 0, name="concat_sequences_%s" % k),
                name="reshape_sequences_%s" % k),
            [0, 1] + list(range(2, v.shape.ndims + 1)),
            [sequence_count, num_unroll] + v.shape.as_list()[1:],
            debug_prefix="reshaped_sequences_%s" % k))
            for k, v in self._sorted_sequences.items())
        expanded_context = collections.OrderedDict((k, _check_dimensions(
            array_ops.tile(array_ops.expand_dims(v, 0), array_ops.concat(
                [array_ops.expand_dims(sequence_count, 0), [1] * v.shape.ndims], 0,
                name="concat_context_%s" % k), name="tile_context_%s" % k),
            [0] + list(range(1, v.shape.ndims + 1)), [sequence_count] + v.shape.as_list(),
            debug_prefix="expanded_context_%s" % k))
            for k, v in self._sorted_context.items())
        index = self._name_to_index
        insert = self._barrier.insert_many
        insert_sequence = insert(index["__sequence"], current_keys, sequence,
                                 name="BarrierInsertSequence")
        inserts = [insert(index[i], current_keys, v, name=n) for i, v, n in (
            ("__sequence_count", expanded_sequence_count, "BarrierInsertSequenceCount"),
            ("__next_key", next_keys, "BarrierInsertNextKey"),
            ("__length", expanded_length, "BarrierInsertLength"),
            ("__total_length", expanded_total_length, "BarrierInsertTotalLength"))]
        insert_context = [insert(self._get_barrier_index("context", k), current_keys, v,
                                 name="BarrierInsertContext_%s" % k)
                          for k, v in expanded_context.items()]
        insert_sequences = [insert(self._get_barrier_index("sequence", k), current_keys, v,
                                   name="BarrierInsertSequences_%s" % k)
                            for k, v in reshaped_sequences.items()]
        token = self._capacity_queue.enqueue((21051976,))   # TF's ignored token value
        with control_dependencies([insert_sequence, token]):
            insert_states = [insert(self._get_barrier_index("state", k),
                                    array_ops.stack([current_keys[0]]), array_ops.stack([v]),
                                    name="BarrierInitialInsertState_%s" % k)
                             for k, v in self._uninitialized_states.items()]
        self._prefetch_op = control_flow_ops.group(
            *([token, insert_sequence] + inserts + insert_states + insert_context
              + insert_sequences), name="StateSaverPrefetchGroup")

    def _prepare_barrier_reads(self):
        indices, keys, values = self._barrier.take_many(
            self._batch_size, self._allow_small_batch, name="BarrierTakeMany")
        index = self._name_to_index
        self._received_indices, self._received_keys = indices, keys
        self._received_sequence = values[index["__sequence"]]
        self._received_sequence_count = values[index["__sequence_count"]]
        self._received_next_key = values[index["__next_key"]]
        self._received_length = values[index["__length"]]
        self._received_total_length = values[index["__total_length"]]
        self._received_context = collections.OrderedDict(
            (k, values[self._get_barrier_index("context", k)]) for k in self._sorted_context)
        self._received_sequences = collections.OrderedDict(
            (k, values[self._get_barrier_index("sequence", k)])
            for k in self._sorted_sequences)
        self._received_batch_size = array_ops.squeeze(array_ops.shape(self._received_length))
        self._sequence_is_done = self._received_sequence + 1 >= self._received_sequence_count
        finished = math_ops.reduce_sum(math_ops.cast(self._sequence_is_done, dtypes.int32))
        dequeue = self._capacity_queue.dequeue_many(finished)
        with control_dependencies([dequeue]):
            self._received_states = collections.OrderedDict(
                (k, array_ops.identity(values[self._get_barrier_index("state", k)]))
                for k in self._sorted_states)
        self._next_batch = NextQueuedSequenceBatch(self)


def _no_sparse(what, d):
    for k, v in d.items():
        if isinstance(v, _SPARSE):
            raise NotImplementedError(
                f"tf.contrib.training.batch_sequences_with_states: SparseTensor {what} are "
                f"not supported (flowgrad has no AddManySparseToTensorsMap): key {k!r}")


def batch_sequences_with_states(input_key, input_sequences, input_context, input_length,
                                initial_states, num_unroll, batch_size, num_threads=3,
                                capacity=1000, allow_small_batch=True, pad=True,
                                make_keys_unique=False, make_keys_unique_seed=None, name=None):
    """Batches of num_unroll-step segments of the input sequences with their states
    (a NextQueuedSequenceBatch); adds the state saver's QueueRunner (num_threads
    threads running its prefetch op) and a ready-size summary.

    Raises:
      NotImplementedError: a SparseTensor sequence or context.
    """
    _no_sparse("input_sequences", input_sequences)
    _no_sparse("input_context", input_context)
    tensor_list = (list(input_sequences.values()) + list(input_context.values())
                   + list(initial_states.values()))
    with name_scope(name, "batch_sequences_with_states", tensor_list):
        if pad:
            length, input_sequences = _padding(input_sequences, num_unroll)
            input_length = input_length if input_length is not None else length
        elif input_sequences:
            input_sequences = {k: _multiple_of_checked(k, v, num_unroll)
                               for k, v in input_sequences.items()}
        _sequence_length(input_sequences)
        if make_keys_unique:
            input_key = string_ops.string_join([input_key, string_ops.as_string(
                random_ops.random_uniform((), minval=0, maxval=100000000, dtype=dtypes.int32,
                                          seed=make_keys_unique_seed))])
        saver = SequenceQueueingStateSaver(
            batch_size, num_unroll, input_length=input_length, input_key=input_key,
            input_sequences=input_sequences, input_context=input_context,
            initial_states=initial_states, capacity=capacity,
            allow_small_batch=allow_small_batch)
        barrier = saver.barrier
        summary.scalar("queue/%s/ready_segment_batches_" % barrier.name,
                       math_ops.cast(barrier.ready_size(), dtypes.float32))
        add_queue_runner(QueueRunner(
            saver, [saver.prefetch_op] * num_threads,
            queue_closed_exception_types=(errors.OutOfRangeError, errors.CancelledError)))
        return saver.next_batch


def _multiple_of_checked(key, value, num_unroll):
    """pad=False: `value` after asserting its length is a nonzero multiple of num_unroll."""
    if not isinstance(value, Tensor):
        try:
            value = convert_to_tensor(value)
        except TypeError:
            raise TypeError("Unsupported input_sequences expected Tensor or SparseTensor "
                            "values, got: %s for key %s" % (str(type(value)), key)) from None
    value_length = array_ops.shape(value)[0]
    cond = comparison_ops.logical_and(
        comparison_ops.equal(value_length % num_unroll, 0),
        comparison_ops.not_equal(value_length, 0))
    return _asserted(cond, [string_ops.string_join([
        "Tensor %s first dimension should be a multiple of: " % key,
        string_ops.as_string(num_unroll), ", but saw value: ",
        string_ops.as_string(value_length), ". Consider setting pad=True."])],
        value, "multiple_of_checked")


def _sequence_length(input_sequences):
    """The ops TF's _move_sparse_tensor_out_context builds for the int64 sequence length
    even when no context is sparse (unused then)."""
    value_length = constant(1)
    if input_sequences:
        seq = list(input_sequences.values())[0]
        with control_dependencies([seq]):
            value_length = array_ops.shape(seq)[0]
    return math_ops.cast(value_length, dtype=dtypes.int64)


def _padding(sequences, num_unroll):
    """(length, sequences padded with zeros or "" to a multiple of num_unroll steps)."""
    if not isinstance(num_unroll, numbers.Integral):
        raise ValueError("Unsupported num_unroll expected int, got: %s" % str(num_unroll))
    if not isinstance(sequences, dict):
        raise TypeError("Unsupported sequences expected dict, got: %s" % str(sequences))
    for key in sequences:
        if not isinstance(key, str):
            raise TypeError("Unsupported sequences key expected string, got: %s" % str(key))
    if not sequences:
        return 0, {}
    sequences_dict = collections.OrderedDict(
        (k, convert_to_tensor(v)) for k, v in sorted(sequences.items()))
    lengths = [array_ops.shape(v)[0] for v in sequences_dict.values()]
    length = lengths[0]
    all_lengths_equal = [control_flow_ops.Assert(
        comparison_ops.equal(n, length), [string_ops.string_join(
            ["All sequence lengths must match, but received lengths: ",
             string_ops.as_string(lengths)])]) for n in lengths]
    length = control_flow_ops.with_dependencies(all_lengths_equal, length)
    unroll = constant(num_unroll)
    padded_length = length + ((unroll - (length % unroll)) % unroll)
    padded = {}
    for key, value in sequences_dict.items():
        padding_shape = array_ops.concat(
            ([padded_length - array_ops.shape(value)[0]], array_ops.shape(value)[1:]), 0)
        dummy = constant("" if value.dtype == dtypes.string else 0, dtype=value.dtype)
        padded[key] = array_ops.concat([value, array_ops.fill(dims=padding_shape,
                                                              value=dummy)], 0)
    return length, padded
