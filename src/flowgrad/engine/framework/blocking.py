"""The hook a blocking kernel calls before it waits (a queue's enqueue on a full queue, a
dequeue from an empty one, an accumulator's take): the plan runner that started the
kernel on a thread of its own (runtime/interleave.py) learns that it waits and goes on
with the run's other ops, as TF's executor does; a run that fails cancels it."""
from __future__ import annotations

import threading
import time

from . import errors

__all__ = ["POLL", "RUN_CANCELLED", "TIMED_OUT", "WouldWait", "check_run", "local", "note_wait",
           "poll_wait"]

POLL = 0.05     # seconds between checks for a closed session while a kernel waits
# TF 1.14's DirectSession: a run in flight when its session closes (its step's cancellation
# callback ran), and a run past RunOptions.timeout_in_ms (WaitForNotification)
RUN_CANCELLED = "Run call was cancelled"
TIMED_OUT = "Timed out waiting for notification"

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
    if session is not None:
        check_run(session, cancelled or f"{what} operation was cancelled")


def check_run(session, cancelled):
    """Where TF's kernels read the step's cancellation (a blocking kernel's wait, a while
    loop's LoopCond before each iteration): CancelledError(`cancelled`) once `session` is
    closed, DeadlineExceededError past this thread's run's RunOptions.timeout_in_ms."""
    if session._closed:
        raise errors.CancelledError(None, None, cancelled)
    deadline = getattr(session._ctx.deadline, "at", None)
    if deadline is not None and time.monotonic() > deadline:
        raise errors.DeadlineExceededError(None, None, TIMED_OUT)
