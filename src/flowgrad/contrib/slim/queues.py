"""tf.contrib.slim.queues: a context that starts the graph's queue runners and stops
them on exit (TF 1.14 slim/python/slim/queues.py)."""
from __future__ import annotations

import threading
from contextlib import contextmanager

from ...engine.framework.graph import GraphKeys, get_collection
from ...train.coordinator import Coordinator

__all__ = ["NestedQueueRunnerError", "QueueRunners"]

_queue_runner_lock = threading.Lock()


class NestedQueueRunnerError(Exception):
    """A QueueRunners context entered inside another."""


@contextmanager
def QueueRunners(session):
    """Starts the threads of every runner in QUEUE_RUNNERS (daemons) and, on exit, asks them
    to stop and joins them (closing `session` if they do not stop in 120 s)."""
    if not _queue_runner_lock.acquire(False):
        raise NestedQueueRunnerError("QueueRunners cannot be nested")
    coord = Coordinator()
    threads = []
    for qr in get_collection(GraphKeys.QUEUE_RUNNERS):
        threads.extend(qr.create_threads(session, coord=coord, daemon=True, start=True))
    try:
        yield
    finally:
        coord.request_stop()
        try:
            coord.join(threads, stop_grace_period_secs=120)
        except RuntimeError:
            session.close()
        _queue_runner_lock.release()
