"""`tf.estimator.inputs.numpy_input_fn`: an input_fn that feeds numpy arrays through a
queue, as TF 1.14 does (a FIFOQueue or RandomShuffleQueue filled by a feeding QueueRunner;
batches of `batch_size`, the last one short when `num_epochs` is set)."""
from __future__ import annotations

import collections

import numpy as np

from ..engine.framework import errors
from ..engine.framework.graph import get_default_graph
from ..engine.framework.graph_keys import GraphKeys
from ..engine.ops.cast import cast
from ..engine.ops.elementwise import maximum
from ..ops import array_ops
from ..summary import summary_ops
from ..train.queue_runner import QueueRunner

__all__ = ["numpy_input_fn", "pandas_input_fn"]

_TARGET_KEY = "__target_key__"


class _ArrayFeedFn:
    """Feeds `batch_size` rows (with their indexes) per call; OutOfRangeError after
    `num_epochs` epochs."""

    def __init__(self, placeholders, arrays, batch_size, random_start=False, seed=None,
                 num_epochs=None):
        self._placeholders = placeholders
        self._arrays = arrays
        self._n = len(arrays[0])
        self._batch_size = batch_size
        self._num_epochs = num_epochs
        self._epoch = 0
        self._random = np.random.RandomState(seed) if random_start else None
        self._trav = self._random.randint(self._n) if random_start else 0
        self._epoch_end = (self._trav - 1) % self._n

    def __call__(self):
        if self._num_epochs and self._epoch >= self._num_epochs:
            raise errors.OutOfRangeError(None, None,
                                         "Already emitted %s epochs." % self._epoch)
        idx = []
        for _ in range(self._batch_size):
            idx.append(self._trav)
            if self._trav % self._n == self._epoch_end:
                self._epoch += 1
            self._trav = (self._trav + 1) % self._n
            if self._num_epochs and self._epoch >= self._num_epochs:
                break
        idx = np.array(idx, np.int64)
        feed = {self._placeholders[0]: idx}
        for ph, arr in zip(self._placeholders[1:], self._arrays):
            feed[ph] = arr[idx]
        return feed


class _FeedingQueueRunner(QueueRunner):
    """A QueueRunner whose enqueue ops are fed by python feed functions."""

    def __init__(self, queue, enqueue_ops, feed_fns):
        super().__init__(queue=queue, enqueue_ops=enqueue_ops)
        self._feed_fns = list(feed_fns)

    def _run(self, sess, enqueue_op, coord=None):
        feed_fn = self._feed_fns[self._enqueue_ops.index(enqueue_op)]
        decremented = False
        try:
            while not (coord and coord.should_stop()):
                try:
                    sess.run(enqueue_op, feed_dict=feed_fn())
                except self._queue_closed_exception_types:
                    with self._lock:
                        self._runs_per_session[sess] -= 1
                        decremented = True
                        if self._runs_per_session[sess] == 0:
                            try:
                                sess.run(self._close_op)
                            except Exception:  # noqa: BLE001, S110 - as TF: ignored
                                pass
                        return
        except Exception as e:
            if coord:
                coord.request_stop(e)
            else:
                with self._lock:
                    self._exceptions_raised.append(e)
                raise
        finally:
            if not decremented:
                with self._lock:
                    self._runs_per_session[sess] -= 1


def numpy_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None,
                   queue_capacity=1000, num_threads=1):
    """An input_fn returning (features dict, target) batches of the numpy arrays in `x`
    (a dict) and `y` (an array, a dict of arrays, or None)."""
    if not isinstance(shuffle, bool):
        raise ValueError("shuffle must be provided and explicitly set as boolean (it is "
                         "recommended to set it as True for training); got {}".format(shuffle))
    if not isinstance(x, dict):
        raise TypeError("x must be a dict or array; got {}".format(type(x).__name__))

    return _queue_input_fn(collections.OrderedDict(sorted(x.items(), key=lambda kv: kv[0])),
                           y, batch_size, num_epochs, shuffle, queue_capacity, num_threads)


def _queue_input_fn(x, y, batch_size, num_epochs, shuffle, queue_capacity, num_threads,
                    min_after_dequeue=None):
    """The input_fn feeding the columns of `x` (in its order) and `y` through a queue."""
    from ..ops.data_flow_ops import FIFOQueue, RandomShuffleQueue  # lazy: queue ops

    def input_fn():
        ordered = collections.OrderedDict(x)
        if _TARGET_KEY in ordered:
            raise ValueError("{} is a reserved key".format(_TARGET_KEY))
        y_keys = []
        if isinstance(y, dict):
            common = set(ordered) & set(y)
            if common:
                raise ValueError("{} duplicate keys are found in both x and y: {}"
                                 .format(len(common), common))
            y_keys = sorted(y)
            for k in y_keys:
                ordered[k] = y[k]
        elif y is not None:
            ordered[_TARGET_KEY] = y
        if len({len(v) for v in ordered.values()}) != 1:
            raise ValueError("Length of tensors in x and y is mismatched. All elements in x "
                             "and y must have the same length.")
        arrays = [np.asarray(v) for v in ordered.values()]
        graph = get_default_graph()
        # as TF 1.14's feeding_functions._enqueue_data: the queue, per thread placeholders
        # and an enqueue, the feeding runner (its close ops), then the queue's fullness
        # summary, all in 'enqueue_input'; the dequeue outside it
        with graph.name_scope("enqueue_input"):
            from ..engine.framework import dtypes  # lazy: with the queue ops
            dts = [dtypes.int64] + [dtypes.as_dtype(a.dtype) for a in arrays]
            shapes = [()] + [a.shape[1:] for a in arrays]
            if shuffle:
                min_after = int(queue_capacity / 4 if min_after_dequeue is None
                                else min_after_dequeue)
                queue = RandomShuffleQueue(queue_capacity, min_after, dtypes=dts,
                                           shapes=shapes)
            else:
                min_after = 0
                queue = FIFOQueue(queue_capacity, dtypes=dts, shapes=shapes)
            enqueue_ops, feed_fns = [], []
            for _ in range(num_threads):
                placeholders = [array_ops.placeholder(dt) for dt in dts]
                enqueue_ops.append(queue.enqueue_many(placeholders))
                feed_fns.append(_ArrayFeedFn(placeholders, arrays, batch_size,
                                             random_start=shuffle, num_epochs=num_epochs))
            graph.add_to_collection(GraphKeys.QUEUE_RUNNERS,
                                    _FeedingQueueRunner(queue, enqueue_ops, feed_fns))
            full = cast(maximum(0, queue.size() - min_after), dtypes.float32) * (
                1. / (queue_capacity - min_after))
            summary_ops.scalar("queue/%sfraction_over_%d_of_%d_full" % (
                queue.name, min_after, queue_capacity - min_after), full)
        if num_epochs is None:
            batch = queue.dequeue_many(batch_size)
        else:
            batch = queue.dequeue_up_to(batch_size)
        batch = batch[1:]  # the index column
        features = dict(zip(ordered.keys(), batch))
        if y_keys:
            target = {k: features.pop(k) for k in y_keys}
        else:
            target = features.pop(_TARGET_KEY, None)
        return (features, target) if y is not None else features

    return input_fn


def pandas_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None,
                    queue_capacity=1000, num_threads=1, target_column="target"):
    """An input_fn returning (features dict, target) batches of a pandas DataFrame `x`
    (its columns, in order) and `y` (a Series, a DataFrame, or None). Needs pandas (the
    `pandas` extra)."""
    try:
        import pandas as pd  # lazy: optional dependency (extra "pandas")
    except ImportError:
        raise ImportError("pandas_input_fn needs pandas, which is not installed: "
                          "pip install 'flowgrad[pandas]'") from None
    if not isinstance(shuffle, bool):
        raise ValueError("shuffle must be provided and explicitly set as boolean (it is "
                         "recommended to set it as True for training); got {}".format(shuffle))
    if not isinstance(target_column, str):
        raise TypeError("target_column must be a string type")
    columns = collections.OrderedDict((c, x[c].to_numpy()) for c in x.columns)
    target = None
    if y is not None:
        if target_column in x:
            raise ValueError("Cannot use name %s for target column: DataFrame already has a "
                             "column with that name: %s" % (target_column, x.columns))
        if not np.array_equal(x.index, y.index):
            raise ValueError("Index for x and y are mismatched.\nIndex for x: %s\nIndex for "
                             "y: %s\n" % (x.index, y.index))
        if isinstance(y, pd.DataFrame):
            target = collections.OrderedDict((c, y[c].to_numpy()) for c in y.columns)
            clash = set(target) & set(columns)
            if clash:
                raise NotImplementedError("pandas_input_fn: target columns named like feature "
                                          "columns (%s) are not implemented by flowgrad"
                                          % sorted(clash))
        else:
            target = y.to_numpy()
    return _queue_input_fn(columns, target, batch_size, num_epochs, shuffle, queue_capacity,
                           num_threads, min_after_dequeue=max(queue_capacity / 4, 1))
