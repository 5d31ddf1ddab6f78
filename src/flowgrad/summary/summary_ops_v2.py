"""TF 1.14's summary_ops_v2 in graph mode (`tf.contrib.summary`, `tf.summary.initialize`).

A `SummaryWriter` op makes a resource handle (shared by name in the session);
`CreateSummaryFileWriter` opens its event file (once per session); the write ops
(`WriteScalarSummary`, `WriteHistogramSummary`, `WriteImageSummary`,
`WriteAudioSummary`, `WriteSummary`, `WriteGraphSummary`, `ImportEvent`) append
events to it, written on flush, when `max_queue` are pending, every
`flush_millis`, on `CloseSummaryWriter`, or when the session closes. Files are
named `events.out.tfevents.<time>.<hostname><filename_suffix>` (default ".v2").

Each summary function builds its write op under `smart_cond(should_record_summaries(),
...)` as TF does: with a constant condition (`always_record_summaries`,
`never_record_summaries`) only the taken branch is built; otherwise a `tf.cond`.
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
import time

import numpy as np

from .. import logging as tf_logging
from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import (Tensor, add_to_collection, control_dependencies,
                                      device, get_collection, get_default_graph,
                                      get_default_session, get_name_scope, name_scope)
from ..engine.framework.registry import register_op
from ..engine.framework.proto import pb, tensor_proto
from . import summary_ops as _v1
from ._description import _SUMMARY_COLLECTION
from ._description import all_v2_summary_ops
from .writer import EventFileWriter
from ..train.training_util import get_or_create_global_step
from ..ops.tensor_util import constant_value
from ..engine.ops.shape import identity
from ..engine.ops.ordering import no_op
from ..engine.ops.control_flow import cond
from ..engine.ops.construction import placeholder
from ..engine.ops.comparison import logical_and
from ..engine.ops.comparison import equal
from ..engine.framework.tensor_shape import TensorShape
from ..engine.framework.graph import Graph

__all__ = ["SummaryWriter", "all_v2_summary_ops", "always_record_summaries", "audio",
           "create_db_writer", "create_file_writer", "create_summary_file_writer", "eval_dir",
           "flush", "generic", "graph", "histogram", "image", "import_event", "initialize",
           "never_record_summaries", "record_summaries_every_n_global_steps", "scalar",
           "should_record_summaries", "summary_writer_initializer_op"]

_log = tf_logging   # TF logs these through tf.logging ("tensorflow" logger)
_SUMMARY_WRITER_INIT_COLLECTION_NAME = "_SUMMARY_WRITER_V2"


# ---------------------------------------------------------------------------------------
# Thread state (TF's eager context fields summary_writer / summary_recording)
# ---------------------------------------------------------------------------------------
class _State(threading.local):
    writer = None
    recording = None


_state = _State()


# ---------------------------------------------------------------------------------------
# Ops
# ---------------------------------------------------------------------------------------
class _WriterResource:
    """A session's summary writer resource: `writer` is None until CreateSummaryFileWriter."""

    def __init__(self, name, ctx):
        self.name = name
        self.writer = None
        self.ctx = ctx


def _resources(ctx):
    store = ctx.__dict__.get("summary_writers")
    if store is None:
        with ctx.lock:
            store = ctx.__dict__.setdefault("summary_writers", {})
            closers = ctx.__dict__.setdefault("on_close", [])
            closers.append(functools.partial(_close_all, store))
    return store


def _close_all(store):
    for r in list(store.values()):
        if r.writer is not None:
            r.writer.close()
            r.writer = None
    store.clear()


def _resource_infer(inputs, attrs):
    return [(_dt.resource, TensorShape([]))]


def _no_outputs(inputs, attrs):
    return []


def _writer_bind(node, ctx):
    name = node.attrs.get("shared_name") or node.name

    def handle():
        store = _resources(ctx)
        with ctx.lock:
            r = store.get(name)
            if r is None:
                r = store[name] = _WriterResource(name, ctx)
        return r
    return handle


register_op("SummaryWriter", infer=_resource_infer, bind=_writer_bind, stateful=True,
            grad=None)


def _item(x):
    x = np.asarray(x)
    return x.reshape(-1)[0] if x.size == 1 else x


def _str(x):
    x = _item(x)
    return x.decode() if isinstance(x, bytes) else str(x)


def _create_bind(node, ctx):
    def run(res, logdir, max_queue, flush_millis, filename_suffix):
        with ctx.lock:
            if res.writer is None:
                # TF's resource manager: the container exists from its first resource on
                ctx.summary_container = True
                res.writer = EventFileWriter(_str(logdir), int(_item(max_queue)),
                                             int(_item(flush_millis)) / 1000.0,
                                             _str(filename_suffix))
    return run


register_op("CreateSummaryFileWriter", infer=_no_outputs, bind=_create_bind, stateful=True,
            grad=None)


def _writer_of(res):
    if res.writer is None:
        if not getattr(res.ctx, "summary_container", False):
            raise errors.NotFoundError(
                None, None, "Container localhost does not exist. (Could not find resource: "
                f"localhost/{res.name})")
        raise errors.NotFoundError(
            None, None, f"Resource localhost/{res.name}/"
            "N10tensorflow22SummaryWriterInterfaceE does not exist.")
    return res.writer


def _write_summary_event(res, step, serialized_summary):
    p = pb()
    w = _writer_of(res)
    s = p.summary_pb2.Summary()
    s.ParseFromString(serialized_summary.item() if isinstance(serialized_summary, np.ndarray)
                      else serialized_summary)
    w.add_event(p.event_pb2.Event(wall_time=time.time(), step=int(_item(step)), summary=s))


def _scalar_bind(node, ctx):
    def run(res, step, tag, value):
        # TF's SummaryFileWriter::WriteScalar writes the tensor's first element
        value = np.asarray(value).reshape(-1)
        if value.size == 0:
            return   # TF 1.14 writes no event and reports no error
        _write_summary_event(res, step, _v1._scalar_kernel(np.asarray(tag), value[0]))
    return run


def _hist_bind(node, ctx):
    kernel = _v1._histogram_bind(node, ctx)

    def run(res, step, tag, values):
        _writer_of(res)
        _write_summary_event(res, step, kernel(tag, values))
    return run


def _image_bind(node, ctx):
    max_images = node.attrs.get("max_images", 3)

    def run(res, step, tag, tensor, bad_color):
        _writer_of(res)
        _write_summary_event(res, step, _v1._image_kernel(tag, tensor, max_images, bad_color))
    return run


def _audio_bind(node, ctx):
    max_outputs = node.attrs.get("max_outputs", 3)

    def run(res, step, tag, tensor, sample_rate):
        _writer_of(res)
        _write_summary_event(res, step, _v1._audio_kernel(tag, tensor, sample_rate,
                                                          max_outputs))
    return run


def _generic_bind(node, ctx):
    def run(res, step, tensor, tag, summary_metadata):
        w = _writer_of(res)
        p = pb()
        s = p.summary_pb2.Summary()
        v = s.value.add(tag=_str(tag))
        meta = _item(summary_metadata)
        if meta:
            v.metadata.ParseFromString(meta)
        v.tensor.CopyFrom(tensor_proto(np.asarray(tensor)))
        w.add_event(p.event_pb2.Event(wall_time=time.time(), step=int(_item(step)), summary=s))
    return run


def _graph_bind(node, ctx):
    def run(res, step, tensor):
        w = _writer_of(res)
        p = pb()
        w.add_event(p.event_pb2.Event(wall_time=time.time(), step=int(_item(step)),
                                      graph_def=_item(tensor)))
    return run


def _import_bind(node, ctx):
    def run(res, event):
        w = _writer_of(res)
        p = pb()
        for b in np.asarray(event, dtype=object).reshape(-1):
            e = p.event_pb2.Event()
            try:
                e.ParseFromString(b)
            except Exception:  # noqa: BLE001 - protobuf's DecodeError
                raise errors.DataLossError(None, None, "Bad tf.Event binary proto") from None
            w.add_event(e)
    return run


def _flush_bind(node, ctx):
    def run(res):
        _writer_of(res).flush()
    return run


def _close_bind(node, ctx):
    def run(res):
        w = _writer_of(res)
        with ctx.lock:
            w.close()
            res.writer = None
            _resources(ctx).pop(res.name, None)
    return run


for _type, _bind in (("WriteScalarSummary", _scalar_bind),
                     ("WriteHistogramSummary", _hist_bind),
                     ("WriteImageSummary", _image_bind),
                     ("WriteAudioSummary", _audio_bind),
                     ("WriteSummary", _generic_bind),
                     ("WriteGraphSummary", _graph_bind),
                     ("ImportEvent", _import_bind),
                     ("FlushSummaryWriter", _flush_bind),
                     ("CloseSummaryWriter", _close_bind)):
    register_op(_type, infer=_no_outputs, bind=_bind, stateful=True, grad=None)


def _gen_op(op_type, inputs, attrs=None, name=None, t_arg=()):
    """Creates one op as TF's generated wrapper does: `inputs` are (arg name, value,
    dtype) converted in the op's name scope; the input named in `t_arg` sets attr T;
    returns the Operation."""
    with name_scope(name, op_type) as scope:
        ts = [v if isinstance(v, Tensor) else convert_to_tensor(v, dtype=dt, name=arg)
              for arg, v, dt in inputs]
        for (arg, _, dt), t in zip(inputs, ts):
            if dt is not None and dt is not _dt.resource and t.dtype.base_dtype is not dt:
                raise TypeError(f"Input '{arg}' of '{op_type}' Op has type "
                                f"{t.dtype.base_dtype.name} that does not match expected "
                                f"type of {dt.name}.")
        attrs = dict(attrs or {})
        for arg, t in zip((a for a, _, _ in inputs), ts):
            if arg in t_arg:   # the op's type attr T (TF's OpDef)
                attrs["T"] = t.dtype.base_dtype
        return get_default_graph()._create_op(op_type, ts, attrs, scope)


# ---------------------------------------------------------------------------------------
# Recording conditions
# ---------------------------------------------------------------------------------------
def _logical_and(x, y):
    return logical_and(x, y)


def _should_record_summaries_internal(default_state):
    cond = _state.recording
    cond = cond() if callable(cond) else cond
    if cond is None:
        cond = default_state
    return _logical_and(True, cond)


def should_record_summaries():
    """A bool tensor: whether summaries record (False unless a recording context says
    otherwise).

    >>> tf.contrib.summary.should_record_summaries().op.type
    'LogicalAnd'
    """
    return _should_record_summaries_internal(default_state=False)


@contextlib.contextmanager
def _record_if(condition):
    old = _state.recording
    try:
        _state.recording = condition
        yield
    finally:
        _state.recording = old


def record_summaries_every_n_global_steps(n, global_step=None):
    """A context in which summaries record when `global_step % n == 0`."""
    if global_step is None:
        global_step = get_or_create_global_step()
    with device("cpu:0"):
        should = equal(global_step % n, 0)
    return _record_if(should)


def always_record_summaries():
    """A context in which summaries always record."""
    return _record_if(True)


def never_record_summaries():
    """A context in which summaries never record."""
    return _record_if(False)


def _constant_bool(pred):
    """TF's smart_constant_value: pred's value when it folds to a constant, else None."""
    if isinstance(pred, (bool, np.bool_)):
        return bool(pred)
    v = constant_value(pred)
    if v is not None:
        return bool(v)
    if pred.op.type == "LogicalAnd":
        a, b = (_constant_bool(t) for t in pred.op.inputs)
        if a is False or b is False:
            return False
        if a is None or b is None:
            return None
        return True
    return None


def _smart_cond(pred, true_fn, false_fn, name=None):
    value = _constant_bool(pred)
    if value is not None:
        return true_fn() if value else false_fn()
    return cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)


# ---------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------
class SummaryWriter:
    """Interface of a stateful summary writer (TF's summary_ops_v2.SummaryWriter)."""

    def set_as_default(self):
        """Enables this summary writer for the current thread."""
        raise NotImplementedError()

    def as_default(self):
        """A context manager that enables summary writing."""
        raise NotImplementedError()

    def init(self):
        """Initializes the summary writer."""
        raise NotImplementedError()

    def flush(self):
        """Flushes any buffered data."""
        raise NotImplementedError()

    def close(self):
        """Flushes and closes the summary writer."""
        raise NotImplementedError()


class ResourceSummaryWriter(SummaryWriter):
    """A SummaryWriter on a `SummaryWriter` resource op."""

    def __init__(self, shared_name, init_op_fn, name=None, v2=False):
        g = get_default_graph()
        with name_scope(name, "SummaryWriter") as scope:
            self._resource = g._create_op("SummaryWriter", [], {
                "shared_name": shared_name, "container": ""}, scope).outputs[0]
        self._init_op_fn = init_op_fn
        self._init_op = init_op_fn(self._resource)
        self._v2 = v2
        self._closed = False
        add_to_collection(_SUMMARY_WRITER_INIT_COLLECTION_NAME, self._init_op)

    def set_as_default(self):
        """Enables this summary writer for the current thread."""
        _state.writer = self

    @contextlib.contextmanager
    def as_default(self):
        """A context manager in which this writer is the default; its flush op is made on
        exit."""
        old = _state.writer
        try:
            _state.writer = self
            yield self
            self.flush()
        finally:
            _state.writer = old

    def init(self):
        """A new op creating the writer (the first one made is in the writer
        initializer collection)."""
        if self._v2:
            return self._init_op
        return self._init_op_fn(self._resource)

    def flush(self):
        """A FlushSummaryWriter op."""
        return flush(writer=self)

    def close(self):
        """A CloseSummaryWriter op (after a flush)."""
        with control_dependencies([self.flush()]):
            with device("cpu:0"):
                return _gen_op("CloseSummaryWriter", [("writer", self._resource, None)])


class NoopSummaryWriter(SummaryWriter):
    """A summary writer that does nothing (create_file_writer(None))."""

    def set_as_default(self):
        pass

    @contextlib.contextmanager
    def as_default(self):
        yield

    def init(self):
        pass

    def flush(self):
        pass

    def close(self):
        pass


def _create_summary_file_writer_op(writer, logdir, max_queue, flush_millis, filename_suffix,
                                   name=None):
    return _gen_op("CreateSummaryFileWriter", [
        ("writer", writer, None), ("logdir", logdir, _dt.string),
        ("max_queue", max_queue, _dt.int32), ("flush_millis", flush_millis, _dt.int32),
        ("filename_suffix", filename_suffix, _dt.string)], name=name)


def create_file_writer(logdir, max_queue=None, flush_millis=None, filename_suffix=None,
                       name=None):
    """A summary writer to an event file in `logdir` (a no-op writer if logdir is None).

    Args:
      logdir: the directory; max_queue: pending events before a write (default 10);
      flush_millis: the longest time between writes (default 120000);
      filename_suffix: the event file name's end (default ".v2");
      name: the resource's shared name (default "logdir:" + logdir).

    >>> w = tf.contrib.summary.create_file_writer("/tmp/logs")
    >>> w.init().type
    'CreateSummaryFileWriter'
    """
    if logdir is None:
        return NoopSummaryWriter()
    logdir = str(logdir)
    with device("cpu:0"):
        if max_queue is None:
            max_queue = constant(10)
        if flush_millis is None:
            flush_millis = constant(2 * 60 * 1000)
        if filename_suffix is None:
            filename_suffix = constant(".v2")
        if name is None:
            name = "logdir:" + logdir
        return ResourceSummaryWriter(
            shared_name=name,
            init_op_fn=functools.partial(
                _create_summary_file_writer_op, logdir=logdir, max_queue=max_queue,
                flush_millis=flush_millis, filename_suffix=filename_suffix))


def create_summary_file_writer(*args, **kwargs):
    """Deprecated: `create_file_writer`."""
    _log.warning("Deprecation Warning: create_summary_file_writer was renamed to "
                 "create_file_writer")
    return create_file_writer(*args, **kwargs)


_EXPERIMENT_NAME_PATTERNS = re.compile(r"^[^\x00-\x1F<>]{0,256}$")
_RUN_NAME_PATTERNS = re.compile(r"^[^\x00-\x1F<>]{0,512}$")
_USER_NAME_PATTERNS = re.compile(r"^[a-z]([-a-z0-9]{0,29}[a-z0-9])?$", re.I)


def _cleanse_string(name, pattern, value):
    if isinstance(value, str) and pattern.search(value) is None:
        raise ValueError("%s (%s) must match %s" % (name, value, pattern.pattern))


def create_db_writer(db_uri, experiment_name=None, run_name=None, user_name=None, name=None):
    """Not implemented: flowgrad has no SQLite summary writer (CreateSummaryDbWriter).

    Raises:
      ValueError: a name TF refuses (as TF, checked first).
      NotImplementedError: otherwise.
    """
    if experiment_name is not None:
        _cleanse_string("experiment_name", _EXPERIMENT_NAME_PATTERNS, experiment_name)
    if run_name is not None:
        _cleanse_string("run_name", _RUN_NAME_PATTERNS, run_name)
    if user_name is not None:
        _cleanse_string("user_name", _USER_NAME_PATTERNS, user_name)
    raise NotImplementedError(
        "tf.contrib.summary.create_db_writer: flowgrad does not implement SQLite summary "
        "database writers (the CreateSummaryDbWriter op)")


def summary_writer_initializer_op():
    """The ops creating every summary writer of the default graph."""
    return get_collection(_SUMMARY_WRITER_INIT_COLLECTION_NAME)


def initialize(graph=None, session=None):  # noqa: A002 - TF's name
    """Runs the writer initializers (and writes `graph` at step 0) with `session`.

    Raises:
      RuntimeError: no default writer.
      ValueError: no session given and no default session.
    """
    if _state.writer is None:
        raise RuntimeError("No default tf.contrib.summary.SummaryWriter found")
    if session is None:
        session = get_default_session()
        if session is None:
            raise ValueError("session must be passed if no default session exists")
    session.run(summary_writer_initializer_op())
    if graph is not None:
        data = _serialize_graph(graph)
        x = placeholder(_dt.string)
        session.run(_graph(x, 0), feed_dict={x: data})


def _serialize_graph(arbitrary_graph):
    if isinstance(arbitrary_graph, Graph):
        return arbitrary_graph.as_graph_def(add_shapes=True).SerializeToString()
    return arbitrary_graph.SerializeToString()


def eval_dir(model_dir, name=None):
    """The logdir of an eval summary writer: model_dir/eval or model_dir/eval_<name>."""
    return os.path.join(model_dir, "eval" if not name else "eval_" + name)


# ---------------------------------------------------------------------------------------
# Summary functions
# ---------------------------------------------------------------------------------------
def _nothing():
    return constant(False)


def _choose_step(step):
    if step is None:
        return get_or_create_global_step()
    if not isinstance(step, Tensor):
        return convert_to_tensor(step, _dt.int64)
    return step


def _identity(x):
    return identity(x)


def _no_op():
    return no_op()


def summary_writer_function(name, tensor, function, family=None):
    """Builds `function(tag, scope)` under the recording condition; the bool result
    tensor goes into the _SUMMARY_V2 collection."""
    scope_prefix = get_name_scope()
    if scope_prefix:
        scope_prefix += "/"

    def record():
        with name_scope(scope_prefix), _v1._SummaryScope(name, family, values=[tensor]) \
                as (tag, scope):
            with control_dependencies([function(tag, scope)]):
                return constant(True)

    if _state.writer is None:
        return _no_op()
    with device("cpu:0"):
        op = _smart_cond(should_record_summaries(), record, _nothing, name="")
        add_to_collection(_SUMMARY_COLLECTION, op)
    return op


def _resource():
    return _state.writer._resource


def generic(name, tensor, metadata=None, family=None, step=None):
    """Writes `tensor` whole (a WriteSummary op) with optional SummaryMetadata."""
    def function(tag, scope):
        if metadata is None:
            serialized_metadata = constant("")
        elif hasattr(metadata, "SerializeToString"):
            serialized_metadata = constant(metadata.SerializeToString())
        else:
            serialized_metadata = metadata
        return _gen_op("WriteSummary", [
            ("writer", _resource(), None), ("step", _choose_step(step), _dt.int64),
            ("tensor", _identity(tensor), None), ("tag", tag, _dt.string),
            ("summary_metadata", serialized_metadata, _dt.string)], name=scope,
            t_arg=("tensor",))
    return summary_writer_function(name, tensor, function, family=family)


def _check_real(arg, t, allowed):
    t = convert_to_tensor(t)
    _v1._check_dtype(arg, allowed, t)
    return t


def scalar(name, tensor, family=None, step=None):
    """Writes a scalar summary (WriteScalarSummary) if recording.

    >>> w = tf.contrib.summary.create_file_writer("/tmp/logs")
    >>> with w.as_default(), tf.contrib.summary.always_record_summaries():
    ...     s = tf.contrib.summary.scalar("loss", 0.5, step=1)
    """
    def function(tag, scope):
        return _gen_op("WriteScalarSummary", [
            ("writer", _resource(), None), ("step", _choose_step(step), _dt.int64),
            ("tag", tag, _dt.string),
            ("value", _check_real("value", _identity(tensor), _v1._REAL), None)], name=scope,
            t_arg=("value",))
    return summary_writer_function(name, tensor, function, family=family)


def histogram(name, tensor, family=None, step=None):
    """Writes a histogram summary (WriteHistogramSummary) if recording."""
    def function(tag, scope):
        return _gen_op("WriteHistogramSummary", [
            ("writer", _resource(), None), ("step", _choose_step(step), _dt.int64),
            ("tag", tag, _dt.string),
            ("values", _check_real("values", _identity(tensor), _v1._REAL), None)], name=scope,
            t_arg=("values",))
    return summary_writer_function(name, tensor, function, family=family)


_IMAGE_V2 = (_dt.uint8, _dt.float32, _dt.float16)   # WriteImageSummary's T (no float64)


def image(name, tensor, bad_color=None, max_images=3, family=None, step=None):
    """Writes an image summary (WriteImageSummary) if recording."""
    def function(tag, scope):
        bad_color_ = (constant([255, 0, 0, 255], dtype=_dt.uint8)
                      if bad_color is None else bad_color)
        return _gen_op("WriteImageSummary", [
            ("writer", _resource(), None), ("step", _choose_step(step), _dt.int64),
            ("tag", tag, _dt.string),
            ("tensor", _check_real("tensor", _identity(tensor), _IMAGE_V2), None),
            ("bad_color", bad_color_, _dt.uint8)], {"max_images": int(max_images)},
            name=scope, t_arg=("tensor",))
    return summary_writer_function(name, tensor, function, family=family)


def audio(name, tensor, sample_rate, max_outputs, family=None, step=None):
    """Writes an audio summary (WriteAudioSummary) if recording."""
    def function(tag, scope):
        return _gen_op("WriteAudioSummary", [
            ("writer", _resource(), None), ("step", _choose_step(step), _dt.int64),
            ("tag", tag, _dt.string), ("tensor", _identity(tensor), _dt.float32),
            ("sample_rate", sample_rate, _dt.float32)], {"max_outputs": int(max_outputs)},
            name=scope)
    return summary_writer_function(name, tensor, function, family=family)


def graph(param, step=None, name=None):
    """Writes a serialized GraphDef (a string tensor) as the run's graph; no recording
    condition applies.

    Raises:
      TypeError: `param` is not a Tensor.
    """
    if not isinstance(param, Tensor):
        raise TypeError("graph() needs a tf.Tensor (e.g. tf.placeholder) in graph mode, but "
                        "was: %s" % type(param))
    writer = _state.writer
    if writer is None:
        return _no_op()
    with device("cpu:0"):
        tensor = _identity(param)
        return _gen_op("WriteGraphSummary", [
            ("writer", writer._resource, None), ("step", _choose_step(step), _dt.int64),
            ("tensor", tensor, _dt.string)], name=name)


_graph = graph


def import_event(tensor, name=None):
    """Writes serialized `Event` protos (a string tensor) as they are."""
    if _state.writer is None:
        raise AttributeError("'NoneType' object has no attribute '_resource'")
    return _gen_op("ImportEvent", [("writer", _state.writer._resource, None),
                                   ("event", tensor, _dt.string)], name=name)


def flush(writer=None, name=None):
    """A FlushSummaryWriter op for `writer` (default: the thread's; a no_op if none)."""
    if writer is None:
        writer = _state.writer
        if writer is None:
            return _no_op()
    resource = writer._resource if isinstance(writer, ResourceSummaryWriter) else writer
    with device("cpu:0"):
        return _gen_op("FlushSummaryWriter", [("writer", resource, None)], name=name)
