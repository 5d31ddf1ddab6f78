"""TF 1.14's estimator _FeedingQueueRunner (also tf.contrib.training.FeedingQueueRunner,
the same class in TF): a QueueRunner whose enqueue ops each get a feed_dict from a Python
function on every run."""
from __future__ import annotations

import threading

from ..engine.framework import errors
from ..train.queue_runner import QueueRunner

__all__ = ["_FeedingQueueRunner"]


class _FeedingQueueRunner(QueueRunner):
    """A QueueRunner running enqueue_ops[i] with feed_dict=feed_fns[i]() each time.

    Raises:
      ValueError: feed_fns and enqueue_ops differ in length.
    """

    def __init__(self, queue=None, enqueue_ops=None, close_op=None, cancel_op=None,
                 feed_fns=None, queue_closed_exception_types=None):
        if queue_closed_exception_types is None:
            queue_closed_exception_types = (errors.OutOfRangeError, errors.CancelledError)
        super().__init__(queue, enqueue_ops, close_op, cancel_op,
                         queue_closed_exception_types=queue_closed_exception_types)
        if feed_fns is None:
            self._feed_fns = [None for _ in enqueue_ops]
        else:
            if len(feed_fns) != len(enqueue_ops):
                raise ValueError("If feed_fns is not None, it must have the same length as "
                                 "enqueue_ops.")
            self._feed_fns = feed_fns

    def _run(self, sess, enqueue_op, feed_fn, coord=None):
        if coord:
            coord.register_thread(threading.current_thread())

        def step():
            sess.run(enqueue_op, feed_dict=None if feed_fn is None else feed_fn())
        # as TF: the feeding loop stops on these two, whatever the runner was given
        self._enqueue_loop(sess, lambda: step, coord,
                           (errors.OutOfRangeError, errors.CancelledError))

    def create_threads(self, sess, coord=None, daemon=False, start=False):
        """The threads running the fed enqueue ops ([] if they already run in sess)."""
        with self._lock:
            if self._runs_per_session.get(sess, 0) > 0:
                return []
            self._runs_per_session[sess] = len(self._enqueue_ops)
            self._exceptions_raised = []
        ret_threads = [threading.Thread(target=self._run, args=(sess, op, feed_fn, coord))
                       for op, feed_fn in zip(self._enqueue_ops, self._feed_fns)]
        if coord:
            ret_threads.append(threading.Thread(target=self._close_on_stop,
                                                args=(sess, self._cancel_op, coord)))
        for t in ret_threads:
            if daemon:
                t.daemon = True
            if start:
                t.start()
        return ret_threads

    def _init_from_proto(self, queue_runner_def):
        raise NotImplementedError("{} does not support initialization from proto."
                                  .format(type(self).__name__))

    def to_proto(self):
        raise NotImplementedError("{} does not support serialization to proto."
                                  .format(type(self).__name__))
