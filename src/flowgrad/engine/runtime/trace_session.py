"""A process-wide profiling session: TF 1.14's profiler `start()` / `stop()` (the one the
Keras TensorBoard callback opens around `profile_batch`) for graph-mode sessions.

While a session is active every `Session.run` in the process runs traced, node by node
(as with RunOptions(trace_level=FULL_TRACE)), and its step stats are kept with the run's
wall-clock start and end and the calling thread. `stop()` returns the session; the
surface (flowgrad/profiler/trace.py) writes it as TF's `Trace` proto.
"""
from __future__ import annotations

import threading
import time

__all__ = ["ProfilerAlreadyRunningError", "ProfilerNotRunningError", "ProfilerSession",
           "active", "start", "stop"]

_LOCK = threading.Lock()
ACTIVE = None   # the running ProfilerSession, read by Session.run on every call


class ProfilerAlreadyRunningError(Exception):
    """TF's profiler.ProfilerAlreadyRunningError."""


class ProfilerNotRunningError(Exception):
    """TF's profiler.ProfilerNotRunningError."""


class ProfilerSession:
    """The runs traced while the session was active: `runs` holds one
    (step id, start micros, end micros, thread ident, RunMetadata) a run."""

    def __init__(self):
        self.start_micros = int(time.time() * 1e6)
        self.runs = []
        self._lock = threading.Lock()

    def add(self, start_micros, end_micros, run_metadata):
        with self._lock:
            self.runs.append((len(self.runs) + 1, start_micros, end_micros,
                              threading.get_ident(), run_metadata))


def active():
    return ACTIVE


def start():
    """Starts the process's profiling session (ProfilerAlreadyRunningError if one runs)."""
    global ACTIVE
    with _LOCK:
        if ACTIVE is not None:
            raise ProfilerAlreadyRunningError("Another profiler is running.")
        ACTIVE = ProfilerSession()


def stop():
    """Stops the running session and returns it (ProfilerNotRunningError if none)."""
    global ACTIVE
    with _LOCK:
        if ACTIVE is None:
            raise ProfilerNotRunningError("Cannot stop profiling. No profiler is running.")
        session, ACTIVE = ACTIVE, None
    return session
