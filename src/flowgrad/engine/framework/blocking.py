"""The hook a blocking kernel calls before it waits (a queue's enqueue on a full queue, a
dequeue from an empty one, an accumulator's take): the plan runner that started the
kernel on a thread of its own (runtime/interleave.py) learns that it waits and goes on
with the run's other ops, as TF's executor does; a run that fails cancels it."""
from __future__ import annotations

import threading
import time

from . import errors

__all__ = ["POLL", "WouldWait", "local", "note_wait", "poll_wait"]

POLL = 0.05     # seconds between checks for a closed session while a kernel waits

# .job: the interleave runner's job this thread runs; .trying: the runner calls an
# "atomic" blocking kernel (one that waits before any effect) on its own thread, and
# starts it on a thread of its own only if it would wait
local = threading.local()


class WouldWait(Exception):
    """An atomic blocking kernel run with `local.trying` would wait (nothing was done)."""


def note_wait(what):
    """Called at each wait of a blocking kernel (every polling interval)."""
    if getattr(local, "trying", False):
        raise WouldWait(what)
    job = getattr(local, "job", None)
    if job is None:
        return
    job.waiting.set()
    if job.cancelled:
        raise errors.CancelledError(None, None, f"{what} operation was cancelled")


def poll_wait(cond, session, what, cancelled=None):
    """One wait of a blocking kernel on `cond` (held by the caller), at most POLL seconds;
    then, as TF cancels a step's waiting kernels, CancelledError (`cancelled`, else "<what>
    operation was cancelled") once `session` is closed and DeadlineExceededError past the
    run's RunOptions.timeout_in_ms, so no wait outlives its session or run."""
    note_wait(what)
    cond.wait(POLL)
    if session is None:
        return
    if session._closed:
        raise errors.CancelledError(None, None, cancelled or f"{what} operation was cancelled")
    deadline = getattr(session._ctx.deadline, "at", None)
    if deadline is not None and time.monotonic() > deadline:
        raise errors.DeadlineExceededError(None, None, "Timed out waiting for notification")
