"""TF 1.14's queue-based input pipelines (`tf.train.string_input_producer`, `batch`,
`shuffle_batch`, ...): the queues, queue runners, epoch counters and summaries TF builds.

    filenames = tf.train.string_input_producer(files, num_epochs=2)
    key, line = tf.TextLineReader().read(filenames)
    xs = tf.train.shuffle_batch([parse(line)], batch_size=32, capacity=1000,
                                min_after_dequeue=500)
    # after tf.local_variables_initializer() and tf.train.start_queue_runners(sess, coord)

`limit_epochs` counts epochs in a local variable ("epochs"); the producer's queue
runner then closes its queue, and the consumers see OutOfRangeError.
A SparseTensor goes through the queue as an int64 handle into a SparseTensorsMap
(AddSparseToTensorsMap, AddManySparseToTensorsMap with enqueue_many) and comes back with
TakeManySparseFromTensorsMap, as TF's _store_sparse_tensors/_restore_sparse_tensors. A
`keep_input` tensor enqueues through a tf.cond (a scalar) or DynamicPartition (a vector),
as TF.
"""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework import tensor_shape
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.ops._array_util import smart_constant_value
from ..engine.framework.graph import GraphKeys, Tensor, control_dependencies, name_scope
from ..engine.ops.array_extra import dynamic_partition
from ..engine.ops.cast import cast
from ..engine.ops.comparison import greater
from ..engine.ops.construction import range as _range
from ..engine.ops.elementwise import maximum
from ..engine.ops.indexing import gather
from ..engine.ops.construction import ones
from ..engine.ops.shape import expand_dims, identity, shape, size, squeeze
from ..ops import sparse_ops
from ..ops.control_flow_ops import cond, no_op, with_dependencies
from ..ops.sparse_tensor import SparseTensor, SparseTensorValue
from ..ops.data_flow_ops import FIFOQueue, PaddingFIFOQueue, RandomShuffleQueue
from ..ops.logging_ops import Assert
from ..ops.random_ops import random_shuffle
from ..ops.variables import Variable
from ..summary import summary_ops
from .queue_runner import QueueRunner, add_queue_runner

__all__ = ["limit_epochs", "input_producer", "string_input_producer", "range_input_producer",
           "slice_input_producer", "batch", "maybe_batch", "batch_join", "maybe_batch_join",
           "shuffle_batch", "maybe_shuffle_batch", "shuffle_batch_join",
           "maybe_shuffle_batch_join"]


def limit_epochs(tensor, num_epochs=None, name=None):
    """`tensor`, until it has been evaluated `num_epochs` times; then OutOfRangeError."""
    if num_epochs is None:
        return tensor
    if num_epochs <= 0:
        raise ValueError("num_epochs must be > 0 not %d." % num_epochs)
    with name_scope(name, "limit_epochs", [tensor]) as name:
        zero64 = constant(0, dtype=_dt.int64)
        epochs = Variable(zero64, name="epochs", trainable=False,
                          collections=[GraphKeys.LOCAL_VARIABLES])
        counter = epochs.count_up_to(num_epochs)
        with control_dependencies([counter]):
            return identity(tensor, name=name)


def _scalar_summary(name, value):
    summary_ops.scalar(name, value)


def input_producer(input_tensor, element_shape=None, num_epochs=None, shuffle=True, seed=None,
                   capacity=32, shared_name=None, summary_name=None, name=None, cancel_op=None):
    """A FIFOQueue fed with the rows of `input_tensor` (shuffled each epoch) by a runner."""
    with name_scope(name, "input_producer", [input_tensor]):
        input_tensor = convert_to_tensor(input_tensor, name="input_tensor")
        element_shape = input_tensor.shape[1:].merge_with(element_shape)
        if not element_shape.is_fully_defined():
            raise ValueError("Either `input_tensor` must have a fully defined shape "
                             "or `element_shape` must be specified")
        if shuffle:
            input_tensor = random_shuffle(input_tensor, seed=seed)
        input_tensor = limit_epochs(input_tensor, num_epochs)
        q = FIFOQueue(capacity=capacity, dtypes=[input_tensor.dtype.base_dtype],
                      shapes=[element_shape], shared_name=shared_name, name=name)
        enq = q.enqueue_many([input_tensor])
        add_queue_runner(QueueRunner(q, [enq], cancel_op=cancel_op))
        if summary_name is not None:
            _scalar_summary(summary_name, cast(q.size(), _dt.float32) * (1. / capacity))
        return q


def string_input_producer(string_tensor, num_epochs=None, shuffle=True, seed=None, capacity=32,
                          shared_name=None, name=None, cancel_op=None):
    """A queue of the strings (file names) of `string_tensor`, for a reader."""
    not_null_err = "string_input_producer requires a non-null input tensor"
    if not isinstance(string_tensor, Tensor) and not string_tensor:
        raise ValueError(not_null_err)
    with name_scope(name, "input_producer", [string_tensor]) as name:
        string_tensor = convert_to_tensor(string_tensor, dtype=_dt.string)
        # (Assert converts its data twice, as TF: Assert/Const, Assert/Assert/data_0)
        with control_dependencies([Assert(greater(size(string_tensor), 0), [not_null_err])]):
            string_tensor = identity(string_tensor)
        return input_producer(input_tensor=string_tensor, element_shape=[],
                              num_epochs=num_epochs, shuffle=shuffle, seed=seed,
                              capacity=capacity, shared_name=shared_name, name=name,
                              summary_name="fraction_of_%d_full" % capacity,
                              cancel_op=cancel_op)


def range_input_producer(limit, num_epochs=None, shuffle=True, seed=None, capacity=32,
                         shared_name=None, name=None):
    """A queue of the integers 0 .. limit-1."""
    with name_scope(name, "input_producer", [limit]) as name:
        range_tensor = _range(limit)
        return input_producer(range_tensor, [], num_epochs, shuffle, seed, capacity,
                              shared_name, "fraction_of_%d_full" % capacity, name)


def slice_input_producer(tensor_list, num_epochs=None, shuffle=True, seed=None, capacity=32,
                         shared_name=None, name=None):
    """One slice (along dimension 0) of every tensor of `tensor_list` at a time."""
    with name_scope(name, "input_producer", tensor_list):
        tensor_list = [convert_to_tensor(t) for t in tensor_list]
        if not tensor_list:
            raise ValueError("Expected at least one tensor in slice_input_producer().")
        range_size = shape(tensor_list[0])[0]
        queue = range_input_producer(range_size, num_epochs=num_epochs, shuffle=shuffle,
                                     seed=seed, capacity=capacity, shared_name=shared_name)
        index = queue.dequeue()
        return [gather(t, index) for t in tensor_list]


# -- batching ----------------------------------------------------------------------------
def _as_tensor_list(tensors):
    if isinstance(tensors, dict):
        return [tensors[k] for k in sorted(tensors, key=str)]
    return tensors


def _as_tensor_list_list(tensors_list):
    if not tensors_list:
        raise ValueError("Expected at least one set of tensors")
    if isinstance(tensors_list[0], dict):
        keys = set(tensors_list[0].keys())
        for tl in tensors_list[1:]:
            if set(tl.keys()) != keys:
                raise ValueError("All dictionaries in tensors_list must have the same keys")
        return [_as_tensor_list(tl) for tl in tensors_list]
    return tensors_list


def _as_original_type(original_tensors, tensor_list):
    if isinstance(original_tensors, dict):
        if len(original_tensors) == 1:
            tensor_list = [tensor_list]    # as TF: one component came back as a tensor
        return {k: tensor_list[i] for i, k in enumerate(sorted(original_tensors, key=str))}
    return tensor_list


def _convert_all(tensor_list):
    return [SparseTensor.from_value(t) if isinstance(t, SparseTensorValue) else
            t if isinstance(t, SparseTensor) else convert_to_tensor(t) for t in tensor_list]


def _validate(tensor_list):
    tensor_list = _convert_all(tensor_list)
    if not tensor_list:
        raise ValueError("Expected at least one tensor in batch().")
    return tensor_list


def _validate_join(tensor_list_list):
    tensor_list_list = [_convert_all(tl) for tl in tensor_list_list]
    if not tensor_list_list:
        raise ValueError("Expected at least one input in batch_join().")
    return tensor_list_list


def _validate_keep_input(keep_input, enqueue_many):
    keep_input = convert_to_tensor(keep_input)
    if keep_input.shape.ndims is None:
        raise ValueError("`keep_input` dimensions must be known at graph construction.")
    if not enqueue_many and keep_input.shape.ndims == 1:
        raise ValueError("`keep_input` cannot be a vector when `enqueue_many=False`.")
    if keep_input.shape.ndims > 1:
        raise ValueError("`keep_input` must be 0 or 1 dimensions.")
    return keep_input


def _dtypes(tensor_list_list):
    all_types = [[t.dtype for t in tl] for tl in tensor_list_list]
    types = all_types[0]
    for other in all_types[1:]:
        if other != types:
            raise TypeError("Expected types to be consistent: %s vs. %s." %
                            (", ".join(x.name for x in types),
                             ", ".join(x.name for x in other)))
    return types


def _merge_shapes(shape_list, enqueue_many):
    shape_list = [tensor_shape.as_shape(s) for s in shape_list]
    if enqueue_many:
        shape_list = [s.with_rank_at_least(1)[1:] for s in shape_list]
    merged = shape_list[0]
    for s in shape_list[1:]:
        merged.merge_with(s)     # as TF: checks compatibility, keeps the first shape
    return merged.as_list()


def _shapes(tensor_list_list, shapes, enqueue_many):
    if shapes is None:
        len0 = len(tensor_list_list[0])
        for tl in tensor_list_list:
            for i in range(len0):
                if tl[i].shape.ndims is None:
                    raise ValueError("Cannot infer Tensor's rank: %s" % tl[i])
        shapes = [_merge_shapes([tl[i].shape.as_list() for tl in tensor_list_list],
                                enqueue_many) for i in range(len0)]
    return shapes


class _SparseMetaData:
    """TF's: is a component sparse, the op whose map stores it, and its rank (an int or
    None) as it comes out of the queue, less the batch dimension."""

    def __init__(self, sparse, map_op, rank):
        self.sparse, self.map_op, self.rank = sparse, map_op, rank

    def __eq__(self, other):
        if self.sparse != other.sparse:
            return False
        if not self.sparse:
            return True
        return self.map_op is other.map_op and (
            self.rank is None or other.rank is None or self.rank == other.rank)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __str__(self):
        rank = "?" if self.rank is None else self.rank
        return "[SparseMetaData(%s, %s, %s)]" % (self.sparse, self.map_op.name, rank)

    def merge_with(self, other):
        if self != other:   # (TF merges the ranks into a Dimension it drops)
            raise ValueError("SparseMetaData objects are incompatible: %s vs. %s"
                             % (self, other))
        return self


def _smart_cond(pred, true_fn, false_fn):
    keep = smart_constant_value(pred)   # TF's smart_cond
    if keep is None:
        return cond(pred, true_fn, false_fn)
    return true_fn() if bool(keep) else false_fn()


def _store_sparse_tensors(tensor_list, enqueue_many, keep_input, shared_map_ops=None):
    """Each SparseTensor of `tensor_list` as its handles (TF's _store_sparse_tensors): one
    handle (a [1] vector) per element, or one per row with enqueue_many; -1 where
    keep_input is False. Returns (stored list, [_SparseMetaData])."""
    shared = shared_map_ops or [None] * len(tensor_list)
    adds = {}   # stored tensor's position -> the Add op made for it (TF finds it among
    #             the inputs of the tf.cond's Merge)

    def store(k, t, shared_op):
        if not isinstance(t, SparseTensor):
            return t
        name = shared_op.name if shared_op else None

        def add(fn, t):
            out = fn(t, shared_name=name)
            adds[k] = out.op
            return out
        if keep_input.shape.ndims == 1:
            keep = gather(keep_input, t.indices[:, 0])   # per value, from its row
            t = sparse_ops.sparse_retain(t, keep)
            return add(sparse_ops._add_many_sparse_to_tensors_map, t)
        if enqueue_many:
            out = _smart_cond(keep_input,
                              lambda: add(sparse_ops._add_many_sparse_to_tensors_map, t),
                              lambda: -1 * ones(sparse_ops._shape(t)[0:1], _dt.int64))
            out.set_shape([None])
            return out
        return _smart_cond(keep_input, lambda: add(sparse_ops._add_sparse_to_tensors_map, t),
                           lambda: constant(-1, _dt.int64))

    stored = [store(k, t, op) for k, (t, op) in enumerate(zip(tensor_list, shared))]

    def meta(k, t, s, shared_op):
        if not isinstance(t, SparseTensor):
            return _SparseMetaData(False, None, None)
        rank = t.dense_shape.shape.with_rank(1)[0]
        rank = None if rank is None else rank - int(enqueue_many)
        return _SparseMetaData(True, shared_op or adds.get(k, s.op), rank)

    infos = [meta(k, t, s, op) for k, (t, s, op) in enumerate(zip(tensor_list, stored,
                                                                    shared))]
    return [expand_dims(s, [-1]) if i.sparse else s for s, i in zip(stored, infos)], infos


def _store_sparse_tensors_join(tensor_list_list, enqueue_many, keep_input):
    """_store_sparse_tensors for each list, all storing into the first list's maps."""
    s0, infos = _store_sparse_tensors(tensor_list_list[0], enqueue_many, keep_input)
    stored = [s0]
    for tl in tensor_list_list[1:]:
        s, cand = _store_sparse_tensors(tl, enqueue_many, keep_input,
                                        [i.map_op for i in infos])
        if infos != cand:
            raise ValueError("Inconsistent SparseTensors list: %s vs. %s"
                             % (tensor_list_list[0], tl))
        infos = [i.merge_with(c) for i, c in zip(infos, cand)]
        stored.append(s)
    return stored, infos


def _restore_sparse_tensors(stored_list, infos):
    """The dequeued handles back as SparseTensors (TF's _restore_sparse_tensors): with any
    sparse component, every output waits for all the values (control_dependency)."""
    seq = isinstance(stored_list, (list, tuple))
    if not seq:
        stored_list = (stored_list,)
    tensors = [sparse_ops._take_many_sparse_from_tensors_map(
        i.map_op, squeeze(s, [1]), rank=None if i.rank is None else i.rank + 1)
        if i.sparse else s for s, i in zip(stored_list, infos)]
    if not any(isinstance(x, SparseTensor) for x in tensors):
        return tensors if seq else tensors[0]
    deps = [x.values if isinstance(x, SparseTensor) else x for x in tensors]
    out = [SparseTensor(with_dependencies(deps, x.indices), with_dependencies(deps, x.values),
                        with_dependencies(deps, x.dense_shape))
           if isinstance(x, SparseTensor) else with_dependencies(deps, x) for x in tensors]
    return out if seq else tensors[0]


def _select_which_to_enqueue(tensor_list, keep_input):
    """The rows whose keep_input is True (TF: DynamicPartition's second partition)."""
    select_i = cast(keep_input, _dt.int32)
    return [dynamic_partition(x, select_i, num_partitions=2)[1] for x in tensor_list]


def _enqueue_ops(queue, tensor_list_list, enqueue_many, keep_input):
    """One enqueue op per tensor list, as TF: a vector keep_input selects rows, a scalar
    one is TF's smart_cond (the enqueue itself when constant, else a tf.cond)."""
    fn = queue.enqueue_many if enqueue_many else queue.enqueue
    if keep_input.shape.ndims == 1:
        return [fn(_select_which_to_enqueue(tl, keep_input)) for tl in tensor_list_list]
    keep = smart_constant_value(keep_input)   # TF's smart_cond
    if keep is None:
        return [cond(keep_input, lambda tl=tl: fn(tl), no_op) for tl in tensor_list_list]
    if bool(keep):
        return [fn(tl) for tl in tensor_list_list]
    return [no_op() for _ in tensor_list_list]


def _dequeue(queue, batch_size, allow_smaller_final_batch, name):
    if allow_smaller_final_batch:
        return queue.dequeue_up_to(batch_size, name=name)
    return queue.dequeue_many(batch_size, name=name)


def _batch(tensors, batch_size, keep_input, num_threads=1, capacity=32, enqueue_many=False,
           shapes=None, dynamic_pad=False, allow_smaller_final_batch=False, shared_name=None,
           name=None):
    tensor_list = _as_tensor_list(tensors)
    with name_scope(name, "batch", list(tensor_list) + [keep_input]) as name:
        tensor_list = _validate(tensor_list)
        keep_input = _validate_keep_input(keep_input, enqueue_many)
        tensor_list, sparse_info = _store_sparse_tensors(tensor_list, enqueue_many, keep_input)
        types = _dtypes([tensor_list])
        shapes = _shapes([tensor_list], shapes, enqueue_many)
        queue = (PaddingFIFOQueue if dynamic_pad else FIFOQueue)(
            capacity=capacity, dtypes=types, shapes=shapes, shared_name=shared_name)
        ops = _enqueue_ops(queue, [tensor_list], enqueue_many, keep_input)
        add_queue_runner(QueueRunner(queue, ops * num_threads))
        _scalar_summary("fraction_of_%d_full" % capacity,
                        cast(queue.size(), _dt.float32) * (1. / capacity))
        dequeued = _dequeue(queue, batch_size, allow_smaller_final_batch, name)
        dequeued = _restore_sparse_tensors(dequeued, sparse_info)
        return _as_original_type(tensors, dequeued)


def _batch_join(tensors_list, batch_size, keep_input, capacity=32, enqueue_many=False,
                shapes=None, dynamic_pad=False, allow_smaller_final_batch=False,
                shared_name=None, name=None):
    tensor_list_list = _as_tensor_list_list(tensors_list)
    flat = [t for tl in tensor_list_list for t in tl]
    with name_scope(name, "batch_join", flat + [keep_input]) as name:
        tensor_list_list = _validate_join(tensor_list_list)
        keep_input = _validate_keep_input(keep_input, enqueue_many)
        tensor_list_list, sparse_info = _store_sparse_tensors_join(tensor_list_list,
                                                                   enqueue_many, keep_input)
        types = _dtypes(tensor_list_list)
        shapes = _shapes(tensor_list_list, shapes, enqueue_many)
        queue = (PaddingFIFOQueue if dynamic_pad else FIFOQueue)(
            capacity=capacity, dtypes=types, shapes=shapes, shared_name=shared_name)
        add_queue_runner(QueueRunner(queue, _enqueue_ops(queue, tensor_list_list,
                                                         enqueue_many, keep_input)))
        _scalar_summary("fraction_of_%d_full" % capacity,
                        cast(queue.size(), _dt.float32) * (1. / capacity))
        dequeued = _dequeue(queue, batch_size, allow_smaller_final_batch, name)
        dequeued = _restore_sparse_tensors(dequeued, sparse_info)
        return _as_original_type(tensors_list[0], dequeued)


def _shuffle_summary(queue, capacity, min_after_dequeue):
    full = cast(maximum(0, queue.size() - min_after_dequeue), _dt.float32) * (
        1. / (capacity - min_after_dequeue))
    _scalar_summary("fraction_over_%d_of_%d_full" % (min_after_dequeue,
                                                     capacity - min_after_dequeue), full)


def _shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, keep_input, num_threads=1,
                   seed=None, enqueue_many=False, shapes=None, allow_smaller_final_batch=False,
                   shared_name=None, name=None):
    tensor_list = _as_tensor_list(tensors)
    with name_scope(name, "shuffle_batch", list(tensor_list) + [keep_input]) as name:
        if capacity <= min_after_dequeue:
            raise ValueError("capacity %d must be bigger than min_after_dequeue %d."
                             % (capacity, min_after_dequeue))
        tensor_list = _validate(tensor_list)
        keep_input = _validate_keep_input(keep_input, enqueue_many)
        tensor_list, sparse_info = _store_sparse_tensors(tensor_list, enqueue_many, keep_input)
        types = _dtypes([tensor_list])
        shapes = _shapes([tensor_list], shapes, enqueue_many)
        queue = RandomShuffleQueue(capacity=capacity, min_after_dequeue=min_after_dequeue,
                                   seed=seed, dtypes=types, shapes=shapes,
                                   shared_name=shared_name)
        ops = _enqueue_ops(queue, [tensor_list], enqueue_many, keep_input)
        add_queue_runner(QueueRunner(queue, ops * num_threads))
        _shuffle_summary(queue, capacity, min_after_dequeue)
        dequeued = _dequeue(queue, batch_size, allow_smaller_final_batch, name)
        dequeued = _restore_sparse_tensors(dequeued, sparse_info)
        return _as_original_type(tensors, dequeued)


def _shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, keep_input,
                        seed=None, enqueue_many=False, shapes=None,
                        allow_smaller_final_batch=False, shared_name=None, name=None):
    tensor_list_list = _as_tensor_list_list(tensors_list)
    flat = [t for tl in tensor_list_list for t in tl]
    with name_scope(name, "shuffle_batch_join", flat + [keep_input]) as name:
        tensor_list_list = _validate_join(tensor_list_list)
        keep_input = _validate_keep_input(keep_input, enqueue_many)
        tensor_list_list, sparse_info = _store_sparse_tensors_join(tensor_list_list,
                                                                   enqueue_many, keep_input)
        types = _dtypes(tensor_list_list)
        shapes = _shapes(tensor_list_list, shapes, enqueue_many)
        queue = RandomShuffleQueue(capacity=capacity, min_after_dequeue=min_after_dequeue,
                                   seed=seed, dtypes=types, shapes=shapes,
                                   shared_name=shared_name)
        add_queue_runner(QueueRunner(queue, _enqueue_ops(queue, tensor_list_list,
                                                         enqueue_many, keep_input)))
        _shuffle_summary(queue, capacity, min_after_dequeue)
        dequeued = _dequeue(queue, batch_size, allow_smaller_final_batch, name)
        dequeued = _restore_sparse_tensors(dequeued, sparse_info)
        return _as_original_type(tensors_list[0], dequeued)


def batch(tensors, batch_size, num_threads=1, capacity=32, enqueue_many=False, shapes=None,
          dynamic_pad=False, allow_smaller_final_batch=False, shared_name=None, name=None):
    """Batches `tensors` through a FIFOQueue (PaddingFIFOQueue with dynamic_pad) and
    `num_threads` enqueue threads."""
    return _batch(tensors, batch_size, True, num_threads, capacity, enqueue_many, shapes,
                  dynamic_pad, allow_smaller_final_batch, shared_name, name)


def maybe_batch(tensors, keep_input, batch_size, num_threads=1, capacity=32,
                enqueue_many=False, shapes=None, dynamic_pad=False,
                allow_smaller_final_batch=False, shared_name=None, name=None):
    """`batch` that enqueues only when `keep_input` (a constant here) is true."""
    return _batch(tensors, batch_size, keep_input, num_threads, capacity, enqueue_many, shapes,
                  dynamic_pad, allow_smaller_final_batch, shared_name, name)


def batch_join(tensors_list, batch_size, capacity=32, enqueue_many=False, shapes=None,
               dynamic_pad=False, allow_smaller_final_batch=False, shared_name=None, name=None):
    """Batches several tensor lists (one enqueue thread each) into one queue."""
    return _batch_join(tensors_list, batch_size, True, capacity, enqueue_many, shapes,
                       dynamic_pad, allow_smaller_final_batch, shared_name, name)


def maybe_batch_join(tensors_list, keep_input, batch_size, capacity=32, enqueue_many=False,
                     shapes=None, dynamic_pad=False, allow_smaller_final_batch=False,
                     shared_name=None, name=None):
    """`batch_join` that enqueues only when `keep_input` (a constant here) is true."""
    return _batch_join(tensors_list, batch_size, keep_input, capacity, enqueue_many, shapes,
                       dynamic_pad, allow_smaller_final_batch, shared_name, name)


def shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, num_threads=1, seed=None,
                  enqueue_many=False, shapes=None, allow_smaller_final_batch=False,
                  shared_name=None, name=None):
    """Batches `tensors` in random order through a RandomShuffleQueue."""
    return _shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, True, num_threads,
                          seed, enqueue_many, shapes, allow_smaller_final_batch, shared_name,
                          name)


def maybe_shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, keep_input,
                        num_threads=1, seed=None, enqueue_many=False, shapes=None,
                        allow_smaller_final_batch=False, shared_name=None, name=None):
    """`shuffle_batch` that enqueues only when `keep_input` (a constant here) is true."""
    return _shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, keep_input,
                          num_threads, seed, enqueue_many, shapes, allow_smaller_final_batch,
                          shared_name, name)


def shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, seed=None,
                       enqueue_many=False, shapes=None, allow_smaller_final_batch=False,
                       shared_name=None, name=None):
    """shuffle_batch over several tensor lists (one enqueue thread each)."""
    return _shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, True,
                               seed, enqueue_many, shapes, allow_smaller_final_batch,
                               shared_name, name)


def maybe_shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, keep_input,
                             seed=None, enqueue_many=False, shapes=None,
                             allow_smaller_final_batch=False, shared_name=None, name=None):
    """`shuffle_batch_join` that enqueues only when `keep_input` (a constant) is true."""
    return _shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue,
                               keep_input, seed, enqueue_many, shapes,
                               allow_smaller_final_batch, shared_name, name)
