"""The queue feeding of TF 1.14's estimator input functions (feeding_functions.
_enqueue_data): a FIFOQueue or RandomShuffleQueue of an index column and the data columns,
filled by a QueueRunner whose enqueue ops are fed by python feed functions."""
from __future__ import annotations

import numpy as np

from .. import logging
from ..engine.framework import dtypes, errors
from ..engine.framework.graph import get_default_graph
from ..engine.framework.graph_keys import GraphKeys
from ..engine.ops.cast import cast
from ..engine.ops.elementwise import maximum
from ..ops import array_ops
from ..summary import summary_ops
from .feeding_queue_runner import _FeedingQueueRunner


class _ArrayFeedFn:
    """Feeds `batch_size` rows (with their row numbers, or their values of `index`: a
    DataFrame's index) per call; OutOfRangeError after `num_epochs` epochs."""

    def __init__(self, placeholders, arrays, batch_size, random_start=False, seed=None,
                 num_epochs=None, index=None):
        self._placeholders = placeholders
        self._index = index
        self._arrays = arrays
        self._n = len(arrays[0])
        self._batch_size = batch_size
        self._num_epochs = num_epochs
        self._epoch = 0
        self._random = np.random.RandomState(seed) if random_start else None
        self._trav = self._random.randint(self._n) if random_start else 0
        self._epoch_end = (self._trav - 1) % self._n

    def __call__(self):
        if self._num_epochs is not None and self._epoch >= self._num_epochs:
            raise errors.OutOfRangeError(None, None,
                                         "Already emitted %s epochs." % self._epoch)
        idx = []
        for _ in range(self._batch_size):
            idx.append(self._trav)
            if self._trav % self._n == self._epoch_end:
                self._epoch += 1
            self._trav = (self._trav + 1) % self._n
            if self._num_epochs is not None and self._epoch >= self._num_epochs:
                break
        idx = np.array(idx, np.int64)
        feed = {self._placeholders[0]: idx if self._index is None else self._index[idx]}
        for ph, arr in zip(self._placeholders[1:], self._arrays):
            feed[ph] = arr[idx]
        return feed


def _warn_threads(shuffle, num_threads, num_epochs):
    """TF's warnings for a feeding with several threads."""
    if num_threads > 1 and num_epochs is not None:
        logging.warning("enqueue_data was called with num_epochs and num_threads > 1. "
                        "num_epochs is applied per thread, so this will produce more epochs "
                        "than you probably intend. If you want to limit epochs, use one "
                        "thread.")
    if shuffle and num_threads > 1 and num_epochs is not None:
        logging.warning("enqueue_data was called with shuffle=True, num_threads > 1, and "
                        "num_epochs. This will create multiple threads, all reading the "
                        "array/dataframe in order adding to the same shuffling queue; the "
                        "results will likely not be sufficiently shuffled.")
    if not shuffle and num_threads > 1:
        logging.warning("enqueue_data was called with shuffle=False and num_threads > 1. "
                        "This will create multiple threads, all reading the array/dataframe "
                        "in order. If you want examples read in order, use one thread; if "
                        "you want multiple threads, enable shuffling.")


def enqueue_dequeue(arrays, batch_size, num_epochs, shuffle, queue_capacity, num_threads,
                    min_after_dequeue=None, index=None):
    """The batch tensors (without the index column) of a queue fed with the rows of
    `arrays` and their row numbers (or `index`'s values), as TF 1.14's _enqueue_data builds
    it: the queue, per thread placeholders and an enqueue, the feeding runner (its close
    ops), then the queue's fullness summary, all in 'enqueue_input'; the dequeue (of
    `batch_size`, up to it when `num_epochs` is set) outside it."""
    from ..ops.data_flow_ops import FIFOQueue, RandomShuffleQueue  # lazy: queue ops

    graph = get_default_graph()
    with graph.name_scope("enqueue_input"):
        _warn_threads(shuffle, num_threads, num_epochs)
        first = dtypes.int64 if index is None else dtypes.as_dtype(index.dtype)
        dts = [first] + [dtypes.as_dtype(a.dtype) for a in arrays]
        shapes = [()] + [a.shape[1:] for a in arrays]
        if shuffle:
            min_after = int(queue_capacity / 4 if min_after_dequeue is None
                            else min_after_dequeue)
            queue = RandomShuffleQueue(queue_capacity, min_after, dtypes=dts, shapes=shapes)
        else:
            min_after = 0
            queue = FIFOQueue(queue_capacity, dtypes=dts, shapes=shapes)
        enqueue_ops, feed_fns = [], []
        for _ in range(num_threads):
            placeholders = [array_ops.placeholder(dt) for dt in dts]
            enqueue_ops.append(queue.enqueue_many(placeholders))
            feed_fns.append(_ArrayFeedFn(placeholders, arrays, batch_size, random_start=shuffle,
                                         num_epochs=num_epochs, index=index))
        graph.add_to_collection(GraphKeys.QUEUE_RUNNERS,
                                _FeedingQueueRunner(queue=queue, enqueue_ops=enqueue_ops,
                                                    feed_fns=feed_fns))
        full = cast(maximum(0, queue.size() - min_after), dtypes.float32) * (
            1. / (queue_capacity - min_after))
        summary_ops.scalar("queue/%sfraction_over_%d_of_%d_full" % (
            queue.name, min_after, queue_capacity - min_after), full)
    if num_epochs is None:
        batch = queue.dequeue_many(batch_size)
    else:
        batch = queue.dequeue_up_to(batch_size)
    return batch[1:]
