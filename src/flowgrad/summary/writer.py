"""`tf.summary.FileWriter`: event files that TensorBoard reads.

Records use TF's framing: uint64 length, masked CRC-32C of the length, the
serialized `Event`, masked CRC-32C of the data (all little-endian; CRC-32C
from engine/framework/crc32c.py). Files are named as TF 1.14
names them: `events.out.tfevents.<10-digit time>.<hostname><suffix>`.
"""
from __future__ import annotations

import atexit
import os
import socket
import struct
import threading
import time
import weakref
import warnings

import numpy as np

from ..engine.framework.crc32c import crc32c, masked_crc32c  # noqa: F401 - re-exported
from ..engine.framework import meta_graph
from ..engine.framework.graph import Graph, get_default_graph
from ..engine.framework.proto import pb

__all__ = ["FileWriter", "FileWriterCache"]


def encode_record(data: bytes) -> bytes:
    header = struct.pack("<Q", len(data))
    return (header + struct.pack("<I", masked_crc32c(header)) + data
            + struct.pack("<I", masked_crc32c(data)))


# ---------------------------------------------------------------------------------------
# The event file
# ---------------------------------------------------------------------------------------
_OPEN_WRITERS: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _flush_all_at_exit():
    for w in list(_OPEN_WRITERS):
        try:
            w.close()
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass


class EventFileWriter:
    """Writes Event protos to one new event file, batching up to `max_queue` records.

    Pending records are written when the queue is full, every `flush_secs`
    (a daemon thread), on flush()/close(), and at interpreter exit.
    """

    def __init__(self, logdir, max_queue=10, flush_secs=120, filename_suffix=""):
        self._logdir = os.fspath(logdir)
        if self._logdir:   # as TF: "" is the working directory (no directory to make)
            os.makedirs(self._logdir, exist_ok=True)
        stamp, suffix = int(time.time()), filename_suffix or ""
        while True:
            path = os.path.join(self._logdir, "events.out.tfevents.%010d.%s%s" % (
                stamp, socket.gethostname(), suffix))
            try:
                self._file = open(path, "xb")  # noqa: SIM115 - closed by close()
                break
            except FileExistsError:
                # Never overwrite another writer's file; a later stamp keeps name order
                # equal to time order (TensorBoard reads files in name order).
                stamp += 1
        self._path = path
        self._max_queue = max(1, int(max_queue))
        self._queue = []
        self._lock = threading.Lock()
        self._closed = False
        self._stop = threading.Event()
        p = pb()
        self.add_event(p.event_pb2.Event(wall_time=time.time(), file_version="brain.Event:2"))
        self.flush()
        self._thread = None
        if flush_secs and flush_secs > 0:
            self._thread = threading.Thread(target=self._run, args=(float(flush_secs),),
                                            daemon=True, name="flowgrad-event-flush")
            self._thread.start()
        _OPEN_WRITERS.add(self)

    def _run(self, secs):
        while not self._stop.wait(secs):
            try:
                self.flush()
            except (OSError, ValueError):
                return

    def get_logdir(self):
        return self._logdir

    @property
    def path(self):
        return self._path

    def add_event(self, event):
        data = event.SerializeToString()
        with self._lock:
            if self._closed:
                return
            self._queue.append(encode_record(data))
            full = len(self._queue) >= self._max_queue
        if full:
            self.flush()

    def flush(self):
        with self._lock:
            if self._closed:
                return
            if self._queue:
                self._file.write(b"".join(self._queue))
                self._queue = []
            self._file.flush()
            os.fsync(self._file.fileno())

    def close(self):
        if self._closed:
            return
        self.flush()
        with self._lock:
            self._closed = True
            self._file.close()
        self._stop.set()
        _OPEN_WRITERS.discard(self)


# ---------------------------------------------------------------------------------------
# FileWriter
# ---------------------------------------------------------------------------------------
class FileWriter:
    """Writes summaries, graphs and session logs to an event file in `logdir`.

    >>> import tempfile
    >>> sess = tf.Session()
    >>> writer = tf.summary.FileWriter(tempfile.mkdtemp(), sess.graph)
    >>> writer.add_summary(sess.run(tf.summary.scalar("loss", 0.5)), global_step=1)
    >>> writer.close()
    """

    def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None,
                 filename_suffix=None, session=None):
        pb()
        self._logdir = os.fspath(logdir)
        self._max_queue = max_queue
        self._flush_secs = flush_secs
        self._filename_suffix = filename_suffix
        self._writer = EventFileWriter(self._logdir, max_queue, flush_secs, filename_suffix)
        self._seen_summary_tags = set()
        self._closed = False
        if graph is not None or graph_def is not None:
            self.add_graph(graph=graph, graph_def=graph_def)
            # as TF 1.14: the meta graph too
            self.add_meta_graph(tf_meta_graph_def(graph if graph is not None else graph_def))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def get_logdir(self):
        return self._logdir

    def _warn_if_closed(self):
        """TF's warning for a write or flush after close() (which then does nothing)."""
        if self._closed:
            warnings.warn("Attempting to use a closed FileWriter. The operation will be a "
                          "noop unless the FileWriter is explicitly reopened.", stacklevel=3)

    def _add_event(self, event, step):
        self._warn_if_closed()
        event.wall_time = time.time()
        if step is not None:
            event.step = int(step)
        self._writer.add_event(event)

    def add_event(self, event):
        """Writes an `Event` proto as it is."""
        self._warn_if_closed()
        if not self._closed:
            self._writer.add_event(event)

    def add_summary(self, summary, global_step=None):
        """Writes a `Summary` (proto or serialized bytes, as `sess.run` returns them).

        As TF does, a plugin's metadata is kept only on the first value of each tag.
        """
        p = pb()
        if isinstance(summary, (bytes, np.bytes_)):
            summ = p.summary_pb2.Summary()
            summ.ParseFromString(bytes(summary))
            summary = summ
        elif isinstance(summary, np.ndarray) and summary.dtype == object:
            return self.add_summary(summary.item(), global_step)
        for value in summary.value:
            if not value.HasField("metadata"):
                continue
            if value.tag in self._seen_summary_tags:
                value.ClearField("metadata")
                continue
            self._seen_summary_tags.add(value.tag)
        self._add_event(p.event_pb2.Event(summary=summary), global_step)

    def add_session_log(self, session_log, global_step=None):
        """Writes a `SessionLog` proto (START / STOP / CHECKPOINT)."""
        p = pb()
        self._add_event(p.event_pb2.Event(session_log=session_log), global_step)

    def add_graph(self, graph=None, global_step=None, graph_def=None):
        """Writes the graph (a flowgrad Graph, or a GraphDef proto) for TensorBoard's graph tab.

        Raises:
          ValueError: both or neither of `graph` and `graph_def` are given.
        """
        if graph is not None and graph_def is not None:
            raise ValueError("Please pass only graph, or graph_def (deprecated), but not both.")
        p = pb()
        if graph is not None:
            if isinstance(graph, Graph):
                gd = graph.as_graph_def(add_shapes=True)
            elif isinstance(graph, p.graph_pb2.GraphDef):
                gd = graph
            else:
                raise TypeError("graph must be a tf.Graph or a GraphDef proto, got "
                                f"{type(graph).__name__}")
        elif graph_def is not None:
            gd = graph_def
        else:
            raise ValueError("Must pass either graph or graph_def")
        self._add_event(p.event_pb2.Event(graph_def=gd.SerializeToString()), global_step)

    def add_meta_graph(self, meta_graph_def, global_step=None):
        """Writes a MetaGraphDef (TF's `meta_graph_pb2.MetaGraphDef`) for TensorBoard.

        Raises:
          TypeError: `meta_graph_def` is not a MetaGraphDef proto.
        """
        p = pb()
        if not isinstance(meta_graph_def, p.meta_graph_pb2.MetaGraphDef):
            raise TypeError("meta_graph_def must be type MetaGraphDef, saw type: %s"
                            % type(meta_graph_def))
        self._add_event(p.event_pb2.Event(meta_graph_def=meta_graph_def.SerializeToString()),
                        global_step)

    def add_run_metadata(self, run_metadata, tag, global_step=None):
        """Writes a traced run's RunMetadata (its step stats) under `tag`.

        Raises:
          ValueError: `tag` was used before by this writer.
        """
        p = pb()
        if not hasattr(self, "_seen_run_tags"):
            self._seen_run_tags = set()
        if tag in self._seen_run_tags:
            raise ValueError("The provided tag was already used for this event type")
        self._seen_run_tags.add(tag)
        data = run_metadata_to_tf(run_metadata).SerializeToString()
        self._add_event(p.event_pb2.Event(tagged_run_metadata=p.event_pb2.TaggedRunMetadata(
            tag=tag, run_metadata=data)), global_step)

    def flush(self):
        """Writes pending events to disk."""
        self._warn_if_closed()
        if not self._closed:
            self._writer.flush()

    def close(self):
        """Flushes and closes the file; `reopen()` starts a new one."""
        if not self._closed:
            self._writer.close()
            self._closed = True

    def reopen(self):
        """After close(), continues in a new event file in the same logdir."""
        if self._closed:
            self._writer = EventFileWriter(self._logdir, self._max_queue, self._flush_secs,
                                           self._filename_suffix)
            self._closed = False


def tf_meta_graph_def(graph, saver_def=None):
    """TF's `meta_graph_pb2.MetaGraphDef` of a flowgrad Graph (or a GraphDef proto), with
    `saver_def` (a flowgrad SaverDef) when given."""
    p = pb()
    if not isinstance(graph, Graph):
        return p.meta_graph_pb2.MetaGraphDef(graph_def=graph)
    mg = meta_graph.export_scoped_meta_graph(graph=graph, saver_def=saver_def)
    return meta_graph.to_tf_meta_graph(mg, graph)


def run_metadata_to_tf(run_metadata):
    """TF's `config_pb2.RunMetadata` of a flowgrad RunMetadata (its step stats)."""
    from tensorboard.compat.proto import config_pb2  # lazy: optional (summary extra)
    if isinstance(run_metadata, config_pb2.RunMetadata):
        return run_metadata
    return run_metadata._to_proto()


class FileWriterCache:
    """One FileWriter per logdir (TF's `tf.summary.FileWriterCache`)."""

    _cache: dict = {}
    _lock = threading.RLock()

    @staticmethod
    def clear():
        """Closes and forgets every cached writer."""
        with FileWriterCache._lock:
            for w in FileWriterCache._cache.values():
                w.close()
            FileWriterCache._cache = {}

    @staticmethod
    def get(logdir):
        """The cached FileWriter for `logdir`, created with the default graph."""
        with FileWriterCache._lock:
            w = FileWriterCache._cache.get(logdir)
            if w is None:
                w = FileWriterCache._cache[logdir] = FileWriter(logdir,
                                                                graph=get_default_graph())
            return w
