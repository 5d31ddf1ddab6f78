"""tf.contrib.training.bucket and bucket_by_sequence_length (TF 1.14 contrib/training/python/
training/bucket_ops.py): examples go to one queue per bucket; full batches move to a top
queue (with their bucket's index) that the returned tensors dequeue from."""
from __future__ import annotations

import functools

import numpy as np

from ... import summary
from ...engine.framework import dtypes, errors, tensor_shape
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.static_value import constant_value
from ...engine.ops._array_util import smart_constant_value
from ...engine.framework.graph import name_scope
from ...ops import array_ops, comparison_ops, control_flow_ops, math_ops
from ...ops.data_flow_ops import FIFOQueue, PaddingFIFOQueue
from ...train import input as input_py
from ...train.queue_runner import QueueRunner, add_queue_runner

__all__ = ["bucket", "bucket_by_sequence_length"]


def _validate_bucket(tensor_list):
    tensor_list = input_py._convert_all(tensor_list)
    if not tensor_list:
        raise ValueError("Expected at least one tensor in bucket().")
    return tensor_list


def bucket(tensors, which_bucket, batch_size, num_buckets, num_threads=1, capacity=32,
           bucket_capacities=None, shapes=None, dynamic_pad=False,
           allow_smaller_final_batch=False, keep_input=True, shared_name=None, name=None):
    """Batches of `tensors` grouped by `which_bucket` (an int32 scalar in
    [0, num_buckets)); returns (the batch's bucket index, the batch).

    Raises:
      ValueError: batch_size or bucket_capacities is a list without num_buckets entries.
    """
    batch_size_per_bucket = False
    if isinstance(batch_size, (list, tuple)):
        batch_size_per_bucket = True
        if len(batch_size) != num_buckets:
            raise ValueError("If batch_size is a list it must have num_buckets elements")
    else:
        batch_size = [batch_size] * num_buckets
    if bucket_capacities is None:
        bucket_capacities = [capacity] * num_buckets
    if len(bucket_capacities) != num_buckets:
        raise ValueError("The list bucket_capacities (%s) must have exactly num_buckets (%d) "
                         "elements." % (str(bucket_capacities), num_buckets))
    tensor_list = input_py._as_tensor_list(tensors)
    with name_scope(name, "bucket", tensor_list) as name:
        tensor_list = _validate_bucket(tensor_list)
        keep_input = input_py._validate_keep_input(keep_input, enqueue_many=False)
        static_batch_size = None
        for i, bucket_batch_size in enumerate(batch_size):
            bucket_batch_size = convert_to_tensor(bucket_batch_size, dtype=dtypes.int32,
                                                  name="batch_size")
            static_batch_size = constant_value(bucket_batch_size)   # as TF
            batch_size[i] = (int(static_batch_size) if static_batch_size is not None
                             else bucket_batch_size)
        types = input_py._dtypes([tensor_list])
        shapes = input_py._shapes([tensor_list], shapes, enqueue_many=False)
        which_bucket = convert_to_tensor(which_bucket, dtype=dtypes.int32, name="which_bucket")
        queue_creator = PaddingFIFOQueue if dynamic_pad else FIFOQueue
        bucket_queues = []
        for i in range(num_buckets):
            shared_name_i = "%s_%d" % (shared_name, i) if shared_name is not None else None
            bucket_queues.append(queue_creator(
                capacity=bucket_capacities[i], dtypes=types, shapes=shapes,
                shared_name=shared_name_i, name="bucket_queue_%d" % i))
        maybe_static_batch_size = (None if (allow_smaller_final_batch or batch_size_per_bucket)
                                   else static_batch_size)
        if maybe_static_batch_size is not None:
            maybe_static_batch_size = int(maybe_static_batch_size)
        bucket_shapes = [tensor_shape.TensorShape([maybe_static_batch_size]).concatenate(s)
                         for s in bucket_queues[0].shapes]
        top_queue = PaddingFIFOQueue(
            capacity=capacity, dtypes=[dtypes.int32] + types,
            shapes=[tensor_shape.TensorShape([])] + bucket_shapes, shared_name=shared_name,
            name="top_queue")

        def enqueue_which():
            def enqueue_single(i):
                return bucket_queues[i].enqueue(tensor_list)
            enqueues = [control_flow_ops.cond(comparison_ops.equal(which_bucket, i),
                                              functools.partial(enqueue_single, i),
                                              control_flow_ops.no_op)
                        for i in range(num_buckets)]
            return control_flow_ops.group(*enqueues, name="group_enqueues")

        keep = smart_constant_value(keep_input)   # TF's smart_cond
        if keep is None:
            maybe_enqueue = control_flow_ops.cond(keep_input, enqueue_which,
                                                  control_flow_ops.no_op)
        else:
            maybe_enqueue = enqueue_which() if bool(keep) else control_flow_ops.no_op()
        bucket_enqueue_ops = [maybe_enqueue] * num_threads

        def which_dequeue(q):
            return q.dequeue_up_to if allow_smaller_final_batch else q.dequeue_many

        def make_list(t):
            return t if isinstance(t, (list, tuple)) else [t]

        enqueues_to_top = [
            top_queue.enqueue([constant(i)] + make_list(which_dequeue(q)(
                bs, name="read_bucket_%d" % i)), name="enqueue_from_bucket_%d" % i)
            for i, (q, bs) in enumerate(zip(bucket_queues, batch_size))]
        closed = (errors.OutOfRangeError, errors.CancelledError)
        add_queue_runner(QueueRunner(
            bucket_queues[0], enqueues_to_top, close_op=top_queue.close(),
            cancel_op=top_queue.close(cancel_pending_enqueues=True),
            queue_closed_exception_types=closed))
        add_queue_runner(QueueRunner(
            top_queue, bucket_enqueue_ops,
            close_op=control_flow_ops.group(*[q.close() for q in bucket_queues]),
            cancel_op=control_flow_ops.group(
                *[q.close(cancel_pending_enqueues=True) for q in bucket_queues]),
            queue_closed_exception_types=closed))
        for q in bucket_queues:
            summary.scalar("bucket/%s/size" % q.name,
                           math_ops.cast(top_queue.size(), dtypes.float32))
        summary.scalar("bucket/%s/fraction_of_%d_full" % (top_queue.name, capacity),
                       math_ops.cast(top_queue.size(), dtypes.float32) * (1. / capacity))
        dequeued = top_queue.dequeue(name="dequeue_top")
        which_bucket_dequeued = dequeued[0]
        dequeued = dequeued[1:]
        if len(dequeued) == 1:
            dequeued = dequeued[0]
        return (which_bucket_dequeued, input_py._as_original_type(tensors, dequeued))


def bucket_by_sequence_length(input_length, tensors, batch_size, bucket_boundaries,
                              num_threads=1, capacity=32, bucket_capacities=None, shapes=None,
                              dynamic_pad=False, allow_smaller_final_batch=False,
                              keep_input=True, shared_name=None, name=None):
    """bucket() with the bucket chosen by where input_length falls among
    bucket_boundaries; returns (the batch's lengths, the batch).

    Raises:
      TypeError: bucket_boundaries is not a list/tuple of ints.
      ValueError: bucket_boundaries is empty or not increasing.
    """
    tensor_list = input_py._as_tensor_list(tensors)
    if not isinstance(bucket_boundaries, (list, tuple)):
        raise TypeError("bucket_boundaries must be a list or tuple, but received: %s"
                        % bucket_boundaries)
    if not bucket_boundaries:
        raise ValueError("bucket_boundaries must not be empty")
    for (s, e) in zip(bucket_boundaries[:-1], bucket_boundaries[1:]):
        if not isinstance(s, int) or not isinstance(e, int):
            raise TypeError("bucket boundaries must be integers, but saw: %s and %s" % (s, e))
        if s >= e:
            raise ValueError("Buckets must contain sequential increasing lengths, but saw: "
                             "%d before %d" % (s, e))
    with name_scope(name, "bucket_by_sequence_length", [input_length] + list(tensor_list)):
        input_length = convert_to_tensor(input_length, dtype=dtypes.int32,
                                         name="input_length")
        buckets_min = [np.iinfo(np.int32).min] + list(bucket_boundaries)
        buckets_max = list(bucket_boundaries) + [np.iinfo(np.int32).max]
        conditions_c = comparison_ops.logical_and(
            comparison_ops.less_equal(buckets_min, input_length),
            comparison_ops.less(input_length, buckets_max))
        which_bucket = math_ops.reduce_min(array_ops.where(conditions_c))
        which_bucket = math_ops.cast(which_bucket, dtypes.int32)
        if shapes is not None:
            shapes = [tensor_shape.TensorShape([])] + shapes
        _, dequeued = bucket(
            tensors=[input_length] + list(tensor_list), which_bucket=which_bucket,
            batch_size=batch_size, num_buckets=len(bucket_boundaries) + 1,
            num_threads=num_threads, capacity=capacity, bucket_capacities=bucket_capacities,
            shapes=shapes, dynamic_pad=dynamic_pad,
            allow_smaller_final_batch=allow_smaller_final_batch, keep_input=keep_input,
            shared_name=shared_name)
        return (dequeued[0], input_py._as_original_type(tensors, dequeued[1:]))
