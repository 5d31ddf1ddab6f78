"""tf.contrib.slim.parallel_reader: several readers filling one common queue of
(key, value) records (TF 1.14 slim/python/slim/data/parallel_reader.py)."""
from __future__ import annotations

from .... import gfile, summary
from ....engine.framework import dtypes as tf_dtypes
from ....engine.framework.graph import name_scope
from ....ops import math_ops
from ....ops.data_flow_ops import FIFOQueue, RandomShuffleQueue
from ....ops.io_ops import ReaderBase
from ....train import input as tf_input
from ....train.queue_runner import QueueRunner, add_queue_runner

__all__ = ["ParallelReader", "parallel_read", "single_pass_read", "get_data_files"]


class ParallelReader(ReaderBase):
    """`num_readers` readers of `reader_class` whose reads a QueueRunner enqueues into
    `common_queue` (dtypes [string, string]); read() dequeues from it."""

    def __init__(self, reader_class, common_queue, num_readers=4, reader_kwargs=None):
        if len(common_queue.dtypes) != 2:
            raise TypeError("common_queue.dtypes must be [tf.string, tf.string]")
        for dtype in common_queue.dtypes:
            if not dtype.is_compatible_with(tf_dtypes.string):
                raise TypeError("common_queue.dtypes must be [tf.string, tf.string]")
        reader_kwargs = reader_kwargs or {}
        self._readers = [reader_class(**reader_kwargs) for _ in range(num_readers)]
        self._common_queue = common_queue

    @property
    def num_readers(self):
        return len(self._readers)

    @property
    def common_queue(self):
        return self._common_queue

    def read(self, queue, name=None):
        """(key, value) of the next record of the files in `queue`."""
        self._configure_readers_by(queue)
        return self._common_queue.dequeue(name=name)

    def read_up_to(self, queue, num_records, name=None):
        """Up to `num_records` (keys, values)."""
        self._configure_readers_by(queue)
        return self._common_queue.dequeue_up_to(num_records, name)

    def _configure_readers_by(self, queue):
        enqueue_ops = [self._common_queue.enqueue(reader.read(queue))
                       for reader in self._readers]
        add_queue_runner(QueueRunner(self._common_queue, enqueue_ops))

    def num_records_produced(self, name=None):
        return math_ops.add_n([r.num_records_produced() for r in self._readers], name=name)

    def num_work_units_completed(self, name=None):
        return math_ops.add_n([r.num_work_units_completed() for r in self._readers],
                              name=name)


def parallel_read(data_sources, reader_class, num_epochs=None, num_readers=4,
                  reader_kwargs=None, shuffle=True, dtypes=None, capacity=256,
                  min_after_dequeue=128, seed=None, scope=None):
    """(key, value) read by a ParallelReader from the files of `data_sources` (names or
    glob patterns), through a filename queue and a common queue (a RandomShuffleQueue
    when shuffle), with the summary fraction_of_<capacity>_full."""
    data_files = get_data_files(data_sources)
    with name_scope(scope, "parallel_read"):
        filename_queue = tf_input.string_input_producer(
            data_files, num_epochs=num_epochs, shuffle=shuffle, seed=seed, name="filenames")
        dtypes = dtypes or [tf_dtypes.string, tf_dtypes.string]
        if shuffle:
            common_queue = RandomShuffleQueue(capacity=capacity,
                                              min_after_dequeue=min_after_dequeue,
                                              dtypes=dtypes, seed=seed, name="common_queue")
        else:
            common_queue = FIFOQueue(capacity=capacity, dtypes=dtypes, name="common_queue")
        summary.scalar("fraction_of_%d_full" % capacity,
                       math_ops.cast(common_queue.size(), tf_dtypes.float32) *
                       (1. / capacity))
        return ParallelReader(reader_class, common_queue, num_readers=num_readers,
                              reader_kwargs=reader_kwargs).read(filename_queue)


def single_pass_read(data_sources, reader_class, reader_kwargs=None, scope=None):
    """(key, value) of one reader reading the files once, in order."""
    data_files = get_data_files(data_sources)
    with name_scope(scope, "single_pass_read"):
        filename_queue = tf_input.string_input_producer(
            data_files, num_epochs=1, shuffle=False, capacity=1, name="filenames")
        reader_kwargs = reader_kwargs or {}
        return reader_class(**reader_kwargs).read(filename_queue)


def get_data_files(data_sources):
    """The file names of `data_sources` (a name, a glob pattern, or a list of them)."""
    if isinstance(data_sources, (list, tuple)):
        data_files = []
        for source in data_sources:
            data_files += get_data_files(source)
    elif "*" in data_sources or "?" in data_sources or "[" in data_sources:
        data_files = gfile.Glob(data_sources)
    else:
        data_files = [data_sources]
    if not data_files:
        raise ValueError("No data files found in %s" % (data_sources,))
    return data_files
