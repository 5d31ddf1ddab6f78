"""TF 1.14's programmatic profiler (tensorflow/python/eager/profiler.py) for graph mode:
`start()`, `stop()` -> the serialized `tensorflow.profiler.Trace`, and `save(logdir,
result)` -> `<logdir>/plugins/profile/<%Y-%m-%d_%H-%M-%S>/local.trace` plus the empty
`events.out.tfevents.<time>.<host>.profile-empty` file that tells TensorBoard the logdir has
profiles. The Keras TensorBoard callback uses it around `profile_batch`.

The trace, as TF's: device 0 "/host:CPU"; one event per op run, named
"<node name>:<op type>", on a "tf_Compute" resource (flowgrad runs a graph's ops on the
thread that calls Session.run; the resource id is that thread's), and one "SessionRun "
(TF's name, with its trailing space) event per run on a "python" resource; timestamps in
picoseconds from the profiler's start; args {"label": "id=<run number>"}. A trace of no
runs has no device, as TF's.
"""
from __future__ import annotations

import datetime
import os
import socket
import time

from ..engine.runtime import trace_session
from ..engine.runtime.trace_session import ProfilerAlreadyRunningError, ProfilerNotRunningError

__all__ = ["ProfilerAlreadyRunningError", "ProfilerNotRunningError", "maybe_create_event_file",
           "save", "start", "stop"]

_EVENT_FILE_SUFFIX = ".profile-empty"


def start():
    """Starts profiling every Session.run of the process (ProfilerAlreadyRunningError if
    a profiler runs)."""
    trace_session.start()


def _trace_proto(session):
    from ..protos import trace_events_pb2  # lazy: protobuf classes load when a trace is saved
    trace = trace_events_pb2.Trace()
    if not session.runs:   # TF's trace of no runs has no device
        return trace
    device = trace.devices[0]
    device.name = "/host:CPU"
    device.resources[0].name = "0"
    t0 = session.start_micros
    for step, start, end, thread, md in session.runs:
        compute = thread & 0xFFFFFFFF
        python = (thread + 1) & 0xFFFFFFFF
        device.resources[compute].name = "tf_Compute"
        device.resources[compute].resource_id = compute
        device.resources[python].name = "python"
        device.resources[python].resource_id = python
        label = "id=%d" % step
        for dev in md.step_stats.dev_stats:
            for n in dev.node_stats:
                ev = trace.trace_events.add(device_id=0, resource_id=compute,
                                            name="%s:%s" % (n.node_name, n.op_type),
                                            timestamp_ps=max(0, n.all_start_micros - t0) *
                                            1000000,
                                            duration_ps=max(0, n.all_end_rel_micros) * 1000000)
                ev.args["label"] = label
        ev = trace.trace_events.add(device_id=0, resource_id=python, name="SessionRun ",
                                    timestamp_ps=max(0, start - t0) * 1000000,
                                    duration_ps=max(0, end - start) * 1000000)
        ev.args["label"] = label
    return trace


def stop():
    """Stops profiling; returns the serialized `tensorflow.profiler.Trace` (bytes) of the
    runs since start() (ProfilerNotRunningError if none runs)."""
    return _trace_proto(trace_session.stop()).SerializeToString()


def maybe_create_event_file(logdir):
    """Writes `events.out.tfevents.<time>.<host>.profile-empty` (one file_version event)
    unless the logdir has such a file."""
    from ..engine.framework.proto import pb  # lazy: tensorboard's protos
    from ..summary.writer import encode_record  # lazy: the event record framing
    for name in os.listdir(logdir):
        if name.endswith(_EVENT_FILE_SUFFIX):
            return
    stamp = int(time.time())
    event = pb().event_pb2.Event(wall_time=float(stamp), file_version="brain.Event:2")
    path = os.path.join(logdir, "events.out.tfevents.%010d.%s%s" % (
        stamp, socket.gethostname(), _EVENT_FILE_SUFFIX))
    with open(path, "wb") as f:
        f.write(encode_record(event.SerializeToString()))


def save(logdir, result):
    """Writes `result` (from stop()) to <logdir>/plugins/profile/<time>/local.trace."""
    if not isinstance(result, bytes):
        raise TypeError("result must be the bytes stop() returns, got %s"
                        % type(result).__name__)
    plugin_dir = os.path.join(os.fspath(logdir), "plugins", "profile",
                              datetime.datetime.now().strftime("%Y-%m-%d_%H-%M-%S"))
    os.makedirs(plugin_dir, exist_ok=True)
    maybe_create_event_file(os.fspath(logdir))
    with open(os.path.join(plugin_dir, "local.trace"), "wb") as f:
        f.write(result)


