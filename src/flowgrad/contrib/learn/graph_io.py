"""`tf.contrib.learn.read_batch_examples` and the other queue-based readers of TF 1.14's
contrib/learn/.../learn_io/graph_io.py: file names (gfile.Glob) into a
string_input_producer queue, a reader (read or read_up_to) per thread, batch_join or
shuffle_batch_join of the (key, record) pairs, and for the *_features readers
parse_example and a FIFOQueue of the parsed tensors (queue_parsed_features). The
*_shared_queue readers (contrib.input_pipeline's ObtainNext op) are not implemented."""
from __future__ import annotations

from ... import gfile
from ...engine.framework import dtypes, errors
from ...engine.framework.constant_op import constant
from ...engine.framework.graph import Tensor, name_scope
from ...ops import array_ops, data_flow_ops, math_ops, parsing_ops
from ...ops.sparse_tensor import SparseTensor
from ...summary import summary_ops
from ...train import input as input_ops
from ...train import queue_runner
from ..framework.deprecation import deprecated

__all__ = ["queue_parsed_features", "read_batch_examples", "read_batch_features",
           "read_batch_record_features", "read_keyed_batch_examples",
           "read_keyed_batch_features"]

KEY_FEATURE_NAME = "__key__"


@deprecated(None, "Use tf.data.")
def read_batch_examples(file_pattern, batch_size, reader, randomize_input=True,
                        num_epochs=None, queue_capacity=10000, num_threads=1,
                        read_batch_size=1, parse_fn=None, name=None, seed=None):
    """A batch of records (parsed by parse_fn) read from the files of file_pattern."""
    _, examples = read_keyed_batch_examples(
        file_pattern=file_pattern, batch_size=batch_size, reader=reader,
        randomize_input=randomize_input, num_epochs=num_epochs,
        queue_capacity=queue_capacity, num_threads=num_threads,
        read_batch_size=read_batch_size, parse_fn=parse_fn, name=name, seed=seed)
    return examples


@deprecated(None, "Use tf.data.")
def read_keyed_batch_examples(file_pattern, batch_size, reader, randomize_input=True,
                              num_epochs=None, queue_capacity=10000, num_threads=1,
                              read_batch_size=1, parse_fn=None, name=None, seed=None):
    """(keys, records): read_batch_examples with each record's key ('file:record')."""
    return _read_keyed_batch_examples_helper(
        file_pattern, batch_size, reader, randomize_input=randomize_input,
        num_epochs=num_epochs, queue_capacity=queue_capacity, num_threads=num_threads,
        read_batch_size=read_batch_size, parse_fn=parse_fn, setup_shared_queue=False,
        name=name, seed=seed)


def _get_file_names(file_pattern, randomize_input):
    if isinstance(file_pattern, list):
        if not file_pattern:
            raise ValueError("No files given to dequeue_examples.")
        file_names = []
        for entry in file_pattern:
            file_names.extend(gfile.Glob(entry))
    else:
        file_names = list(gfile.Glob(file_pattern))
    if not file_names:
        raise ValueError("No files match %s." % file_pattern)
    if not randomize_input:
        file_names = sorted(file_names)
    return file_names


def _get_examples(file_name_queue, reader, num_threads, read_batch_size, filter_fn,
                  parse_fn):
    with name_scope("read"):
        example_list = []
        for _ in range(num_threads):
            if isinstance(read_batch_size, Tensor):
                raise NotImplementedError("tf.contrib.learn.read_batch_examples: a Tensor "
                                          "read_batch_size is not implemented by flowgrad")
            if read_batch_size > 1:
                keys, examples_proto = reader().read_up_to(file_name_queue, read_batch_size)
            else:
                keys, examples_proto = reader().read(file_name_queue)
            if filter_fn:
                mask = filter_fn(keys, examples_proto)
                keys = array_ops.boolean_mask(keys, mask)
                examples_proto = array_ops.boolean_mask(examples_proto, mask)
            if parse_fn:
                parsed_examples = parse_fn(examples_proto)
                if isinstance(parsed_examples, dict):
                    parsed_examples[KEY_FEATURE_NAME] = keys
                    example_list.append(parsed_examples)
                else:
                    example_list.append((keys, parsed_examples))
            else:
                example_list.append((keys, examples_proto))
        return example_list


def _read_keyed_batch_examples_helper(file_pattern, batch_size, reader, randomize_input=True,
                                      num_epochs=None, queue_capacity=10000, num_threads=1,
                                      read_batch_size=1, filter_fn=None, parse_fn=None,
                                      setup_shared_queue=False, name=None, seed=None):
    file_names = _get_file_names(file_pattern, randomize_input)
    if (not queue_capacity) or (queue_capacity <= 0):
        raise ValueError("Invalid queue_capacity %s." % queue_capacity)
    if (batch_size is None) or ((not isinstance(batch_size, Tensor)) and
                                (batch_size <= 0 or batch_size >= queue_capacity)):
        raise ValueError("Invalid batch_size %s, with queue_capacity %s." %
                         (batch_size, queue_capacity))
    if (read_batch_size is None) or ((not isinstance(read_batch_size, Tensor)) and
                                     (read_batch_size <= 0)):
        raise ValueError("Invalid read_batch_size %s." % read_batch_size)
    if (not num_threads) or (num_threads <= 0):
        raise ValueError("Invalid num_threads %s." % num_threads)
    if (num_epochs is not None) and (num_epochs <= 0):
        raise ValueError("Invalid num_epochs %s." % num_epochs)
    if setup_shared_queue:
        raise NotImplementedError("tf.contrib.learn's *_shared_queue readers (contrib."
                                  "input_pipeline's seek_next) are not implemented by flowgrad")
    with name_scope(name, "read_batch_examples", [file_pattern]) as scope:
        with name_scope("file_name_queue") as file_name_queue_scope:
            file_name_queue = input_ops.string_input_producer(
                constant(file_names, name="input"), shuffle=randomize_input,
                num_epochs=num_epochs, name=file_name_queue_scope, seed=seed)
        example_list = _get_examples(file_name_queue, reader, num_threads, read_batch_size,
                                     filter_fn, parse_fn)
        enqueue_many = read_batch_size > 1
        allow_smaller_final_batch = num_epochs is not None
        if randomize_input:
            if isinstance(batch_size, Tensor):
                min_after_dequeue = int(queue_capacity * 0.4)
            else:
                min_after_dequeue = max(queue_capacity - (3 * batch_size), batch_size)
            queued = input_ops.shuffle_batch_join(
                example_list, batch_size, capacity=queue_capacity,
                min_after_dequeue=min_after_dequeue, enqueue_many=enqueue_many, name=scope,
                allow_smaller_final_batch=allow_smaller_final_batch, seed=seed)
        else:
            queued = input_ops.batch_join(
                example_list, batch_size, capacity=queue_capacity,
                enqueue_many=enqueue_many, name=scope,
                allow_smaller_final_batch=allow_smaller_final_batch)
        if parse_fn and isinstance(queued, dict):
            queued_keys = queued.pop(KEY_FEATURE_NAME)
            return queued_keys, queued
        return queued


@deprecated(None, "Use tf.data.")
def read_keyed_batch_features(file_pattern, batch_size, features, reader,
                              randomize_input=True, num_epochs=None, queue_capacity=10000,
                              reader_num_threads=1, feature_queue_capacity=100,
                              num_enqueue_threads=2, parse_fn=None, name=None,
                              read_batch_size=None):
    """(keys, {name: Tensor or SparseTensor}): batches of tf.Example records parsed with
    `features` (parse_example's spec) through a queue of the parsed tensors."""
    with name_scope(name, "read_batch_features", [file_pattern]) as scope:
        if read_batch_size is None:
            read_batch_size = batch_size
        keys, examples = read_keyed_batch_examples(
            file_pattern, batch_size, reader, randomize_input=randomize_input,
            num_epochs=num_epochs, queue_capacity=queue_capacity,
            num_threads=reader_num_threads, read_batch_size=read_batch_size,
            parse_fn=parse_fn, name=scope)
        feature_map = parsing_ops.parse_example(examples, features)
        return queue_parsed_features(feature_map, keys=keys,
                                     feature_queue_capacity=feature_queue_capacity,
                                     num_enqueue_threads=num_enqueue_threads, name=scope)


@deprecated(None, "Use tf.data.")
def queue_parsed_features(parsed_features, keys=None, feature_queue_capacity=100,
                          num_enqueue_threads=2, name=None):
    """(keys, features) dequeued from a FIFOQueue that num_enqueue_threads fill."""
    args = list(parsed_features.values())
    if keys is not None:
        args += [keys]
    with name_scope(name, "queue_parsed_features", args):
        tensors_to_enqueue = []
        tensors_mapping = []
        for key in sorted(parsed_features.keys()):
            tensor = parsed_features[key]
            if isinstance(tensor, SparseTensor):
                tensors_mapping.append((key, True))
                tensors_to_enqueue.extend([tensor.indices, tensor.values, tensor.dense_shape])
            else:
                tensors_mapping.append((key, False))
                tensors_to_enqueue.append(tensor)
        if keys is not None:
            tensors_to_enqueue.append(keys)
        queue_dtypes = [x.dtype for x in tensors_to_enqueue]
        input_queue = data_flow_ops.FIFOQueue(feature_queue_capacity, queue_dtypes)
        summary_ops.scalar("queue/parsed_features/%s/fraction_of_%d_full" %
                           (input_queue.name, feature_queue_capacity),
                           math_ops.cast(input_queue.size(), dtypes.float32) *
                           (1. / feature_queue_capacity))
        enqueue_ops = [input_queue.enqueue(tensors_to_enqueue)
                       for _ in range(num_enqueue_threads)]
        queue_runner.add_queue_runner(queue_runner.QueueRunner(
            input_queue, enqueue_ops,
            queue_closed_exception_types=(errors.OutOfRangeError, errors.CancelledError)))
        dequeued_tensors = input_queue.dequeue()
        if not isinstance(dequeued_tensors, list):
            dequeued_tensors = [dequeued_tensors]
        for i in range(len(tensors_to_enqueue)):
            dequeued_tensors[i].set_shape(tensors_to_enqueue[i].get_shape())
        dequeued_parsed_features = {}
        index = 0
        for key, is_sparse_tensor in tensors_mapping:
            if is_sparse_tensor:
                dequeued_parsed_features[key] = SparseTensor(
                    dequeued_tensors[index], dequeued_tensors[index + 1],
                    dequeued_tensors[index + 2])
                index += 3
            else:
                dequeued_parsed_features[key] = dequeued_tensors[index]
                index += 1
        dequeued_keys = None
        if keys is not None:
            dequeued_keys = dequeued_tensors[-1]
        return dequeued_keys, dequeued_parsed_features


@deprecated(None, "Use tf.data.")
def read_batch_features(file_pattern, batch_size, features, reader, randomize_input=True,
                        num_epochs=None, queue_capacity=10000, feature_queue_capacity=100,
                        reader_num_threads=1, num_enqueue_threads=2, parse_fn=None, name=None,
                        read_batch_size=None):
    """read_keyed_batch_features without the keys."""
    _, features = read_keyed_batch_features(
        file_pattern, batch_size, features, reader, randomize_input=randomize_input,
        num_epochs=num_epochs, queue_capacity=queue_capacity,
        reader_num_threads=reader_num_threads, feature_queue_capacity=feature_queue_capacity,
        num_enqueue_threads=num_enqueue_threads, read_batch_size=read_batch_size,
        parse_fn=parse_fn, name=name)
    return features


@deprecated(None, "Use tf.data.")
def read_batch_record_features(file_pattern, batch_size, features, randomize_input=True,
                               num_epochs=None, queue_capacity=10000, reader_num_threads=1,
                               name="dequeue_record_examples"):
    """read_batch_features over TFRecord files."""
    from ...ops.io_ops import TFRecordReader   # lazy: the readers on first use
    return read_batch_features(
        file_pattern=file_pattern, batch_size=batch_size, features=features,
        reader=TFRecordReader, randomize_input=randomize_input, num_epochs=num_epochs,
        queue_capacity=queue_capacity, reader_num_threads=reader_num_threads, name=name)
