"""`tf.train.QueueRunner`, `add_queue_runner`, `start_queue_runners`: threads that keep
running a queue's enqueue ops (TF 1.14's queue_runner_impl).

Each enqueue op gets a thread that runs it until the queue closes (then the
last such thread closes the queue) or the coordinator stops; with a
coordinator, one more thread waits for the stop and cancels pending enqueues.
An error other than the queue being closed is reported to the coordinator.
"""
from __future__ import annotations

import threading
import weakref

from .. import logging
from ..engine.framework import errors, meta_graph
from ..engine.framework.graph import (GraphKeys, add_to_collection, get_collection,
                                      get_default_graph, get_default_session)
from ..engine.runtime.session import BaseSession

__all__ = ["QueueRunner", "add_queue_runner", "start_queue_runners"]


class QueueRunner:
    """Holds a list of enqueue ops for a queue, each to be run in a thread."""

    def __init__(self, queue=None, enqueue_ops=None, close_op=None, cancel_op=None,
                 queue_closed_exception_types=None, queue_runner_def=None, import_scope=None):
        self._lock = threading.Lock()
        self._runs_per_session = weakref.WeakKeyDictionary()
        self._exceptions_raised = []
        if queue_runner_def is not None:
            if queue or enqueue_ops:
                raise ValueError("queue_runner_def and queue are mutually exclusive.")
            self._init_from_def(queue_runner_def, import_scope)
            return
        if not queue or not enqueue_ops:
            raise ValueError("Must provide queue and enqueue_ops.")
        if queue_closed_exception_types is None:
            queue_closed_exception_types = (errors.OutOfRangeError,)
        elif (not isinstance(queue_closed_exception_types, tuple)
              or not queue_closed_exception_types
              or not all(issubclass(t, errors.OpError) for t in queue_closed_exception_types)):
            # (TF formats with the tuple itself: a 1-tuple shows its element, a longer one
            # fails in the formatting, "not all arguments converted")
            raise TypeError("queue_closed_exception_types, when provided, must be a tuple of "
                            "tf.error types, but saw: %s" % queue_closed_exception_types)
        self._queue = queue
        self._enqueue_ops = list(enqueue_ops)
        self._close_op = close_op if close_op is not None else queue.close()
        self._cancel_op = cancel_op if cancel_op is not None else \
            queue.close(cancel_pending_enqueues=True)
        self._queue_closed_exception_types = queue_closed_exception_types

    def _init_from_def(self, d, import_scope):
        g = get_default_graph()
        pre = import_scope + "/" if import_scope else ""
        self._queue = g.as_graph_element(pre + d["queue_name"])
        self._enqueue_ops = [g.as_graph_element(pre + n) for n in d["enqueue_op_name"]]
        self._close_op = g.as_graph_element(pre + d["close_op_name"])
        self._cancel_op = g.as_graph_element(pre + d["cancel_op_name"])
        codes = d.get("queue_closed_exception_types") or [errors.OUT_OF_RANGE]
        self._queue_closed_exception_types = tuple(
            errors.exception_type_from_error_code(c) for c in codes)

    @property
    def queue(self):
        return self._queue

    @property
    def enqueue_ops(self):
        return self._enqueue_ops

    @property
    def close_op(self):
        return self._close_op

    @property
    def cancel_op(self):
        return self._cancel_op

    @property
    def queue_closed_exception_types(self):
        return self._queue_closed_exception_types

    @property
    def exceptions_raised(self):
        """Exceptions the threads raised when no coordinator was given."""
        return self._exceptions_raised

    @property
    def name(self):
        return self._queue.name

    def _run(self, sess, enqueue_op, coord=None):
        self._enqueue_loop(sess, lambda: sess.make_callable(enqueue_op), coord,
                           self._queue_closed_exception_types)

    def _enqueue_loop(self, sess, make_step, coord, closed):
        """Runs `make_step()`'s step until the coordinator stops or the queue closes
        (`closed` raised): the last thread of `sess` to see it closed runs the close op."""
        decremented = False
        try:
            step = make_step()
            while True:
                if coord and coord.should_stop():
                    break
                try:
                    step()
                except closed:
                    with self._lock:
                        self._runs_per_session[sess] -= 1
                        decremented = True
                        if self._runs_per_session[sess] == 0:
                            try:
                                sess.run(self._close_op)
                            except Exception as e:  # noqa: BLE001 - as TF: ignored
                                logging.debug("Ignored exception: %s", str(e))
                        return
        except Exception as e:
            if coord:
                coord.request_stop(e)
            else:
                logging.error("Exception in QueueRunner: %s", str(e))
                with self._lock:
                    self._exceptions_raised.append(e)
                raise
        finally:
            if not decremented:
                with self._lock:
                    self._runs_per_session[sess] -= 1

    def _close_on_stop(self, sess, cancel_op, coord):
        coord.wait_for_stop()
        try:
            sess.run(cancel_op)
        except Exception as e:  # noqa: BLE001 - as TF: ignored (the session may be closed)
            logging.debug("Ignored exception: %s", str(e))

    def create_threads(self, sess, coord=None, daemon=False, start=False):
        """The threads that run the enqueue ops in `sess` ([] if they already run there)."""
        with self._lock:
            if self._runs_per_session.get(sess, 0) > 0:
                return []
            self._runs_per_session[sess] = len(self._enqueue_ops)
            self._exceptions_raised = []
        threads = [threading.Thread(target=self._run, args=(sess, op, coord),
                                    name=f"QueueRunnerThread-{self.name}-{op.name}")
                   for op in self._enqueue_ops]
        if coord:
            threads.append(threading.Thread(target=self._close_on_stop,
                                            args=(sess, self._cancel_op, coord),
                                            name=f"QueueRunnerThread-{self.name}-close_on_stop"))
        for t in threads:
            if coord:
                coord.register_thread(t)
            if daemon:
                t.daemon = True
            if start:
                t.start()
        return threads

    def to_proto(self, export_scope=None):
        """TF's QueueRunnerDef proto of this runner (names relative to `export_scope`)."""
        from ..protos import queue_runner_pb2  # lazy: protobuf loads on first use
        return queue_runner_pb2.QueueRunnerDef(**self._to_proto_dict(export_scope))

    def _to_proto_dict(self, export_scope=None):
        """TF's QueueRunnerDef fields as a dict (flowgrad's JSON meta graphs)."""
        def strip(n):
            if export_scope and n.startswith(export_scope + "/"):
                return n[len(export_scope) + 1:]
            return n
        return {"queue_name": strip(self._queue.name),
                "enqueue_op_name": [strip(op.name) for op in self._enqueue_ops],
                "close_op_name": strip(self._close_op.name),
                "cancel_op_name": strip(self._cancel_op.name),
                "queue_closed_exception_types": [t.error_code for t in
                                                 self._queue_closed_exception_types]}

    @staticmethod
    def from_proto(queue_runner_def, import_scope=None):
        """A QueueRunner over the ops a QueueRunnerDef proto (or its dict) names, in the
        default graph."""
        if not isinstance(queue_runner_def, dict):
            queue_runner_def = _def_dict(queue_runner_def)
        return QueueRunner(queue_runner_def=queue_runner_def, import_scope=import_scope)


def _check_queue_runner_def(d, has_node):
    if not isinstance(d, dict):
        raise ValueError(f"holds a {type(d).__name__}, expected a QueueRunnerDef")
    names = [d.get("queue_name"), d.get("close_op_name"), d.get("cancel_op_name")]
    names += list(d.get("enqueue_op_name") or [])
    for n in names:
        if not isinstance(n, str) or not has_node(n.split(":")[0]):
            raise ValueError(f"names {n!r}, which is not a node of the meta graph")
    for c in d.get("queue_closed_exception_types") or []:
        errors.exception_type_from_error_code(c)


def _to_tf_bytes(d):
    """A QueueRunnerDef dict as the serialized proto TF's MetaGraphDef holds."""
    from ..protos import queue_runner_pb2  # lazy: protobuf loads on first use
    return queue_runner_pb2.QueueRunnerDef(**d).SerializeToString()


def _from_tf_bytes(b):
    from ..protos import queue_runner_pb2  # lazy: protobuf loads on first use
    m = queue_runner_pb2.QueueRunnerDef()
    m.ParseFromString(b)
    return _def_dict(m)


def _def_dict(m):
    return {"queue_name": m.queue_name, "enqueue_op_name": list(m.enqueue_op_name),
            "close_op_name": m.close_op_name, "cancel_op_name": m.cancel_op_name,
            "queue_closed_exception_types": list(m.queue_closed_exception_types)}


meta_graph.register_collection_kind(
    "queue_runners", lambda x: isinstance(x, QueueRunner),
    lambda qr, scope: QueueRunner._to_proto_dict(qr, scope),   # as TF: the base class's, always
    lambda d, scope: QueueRunner.from_proto(d, import_scope=scope), _check_queue_runner_def,
    tf_bytes=(_to_tf_bytes, _from_tf_bytes))


def add_queue_runner(qr, collection=GraphKeys.QUEUE_RUNNERS):
    """Adds `qr` to the graph collection `collection` (QUEUE_RUNNERS)."""
    add_to_collection(collection, qr)


def start_queue_runners(sess=None, coord=None, daemon=True, start=True,
                        collection=GraphKeys.QUEUE_RUNNERS):
    """Starts the threads of every queue runner in `collection` of sess's graph."""
    if sess is None:
        sess = get_default_session()
        if not sess:
            raise ValueError("Cannot start queue runners: No default session is registered. Use "
                             "`with sess.as_default()` or pass an explicit session to "
                             "tf.start_queue_runners(sess=sess)")
    if not isinstance(sess, BaseSession):
        if sess.__class__.__name__ in ("MonitoredSession", "SingularMonitoredSession"):
            return []
        raise TypeError("sess must be a `tf.Session` object. Given class: {}"
                        .format(sess.__class__))
    with sess.graph.as_default():
        threads = []
        for qr in get_collection(collection):
            threads.extend(qr.create_threads(sess, coord=coord, daemon=daemon, start=start))
    return threads
