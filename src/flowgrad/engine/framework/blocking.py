"""The hook a blocking kernel calls before it waits (a queue's enqueue on a full queue, a
dequeue from an empty one, an accumulator's take): the plan runner that started the
kernel on a thread of its own (runtime/interleave.py) learns that it waits and goes on
with the run's other ops, as TF's executor does; a run that fails cancels it."""
from __future__ import annotations

import threading

from . import errors

__all__ = ["WouldWait", "local", "note_wait"]

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
