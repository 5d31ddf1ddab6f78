"""TF's mutex ops (tf.CriticalSection's, ops/critical_section_ops.py): MutexV2 makes the
session's mutex (one per container and shared_name), MutexLock waits for it and takes it,
outputting the held lock (variant), ConsumeMutexLock releases it. As in TF, where the lock
is freed with its tensor, a lock a run took and never consumed is released when that run
ends (`release_run_locks`). Stateful nodes of a plan run on the caller's thread in plan
order (engine/runtime/interop.py), so the thread that took a mutex is the one running
that step; a second take by the same run (its order interleaved two executions) counts
instead of waiting on itself. A take that waits is cancelled as TF's (mutex_ops.cc's
AcquireAsync; the run's error is TF's "[_Derived_]Lock acquisition cancelled.") when its
session closes, and fails past the
run's RunOptions.timeout_in_ms, so a closed session or a timed-out run leaves no thread
waiting.
"""
from __future__ import annotations

import threading

from ..framework import dtypes as _dt
from ..framework.blocking import poll_wait
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape

__all__ = ["release_run_locks"]


class _Mutex:
    def __init__(self, name):
        self.name = name
        self.cond = threading.Condition()
        self.owner = None
        self.depth = 0
        self.waiting = 0     # takes waiting for it now


class _Held:
    """A MutexLock's output: the taken mutex until consumed or the run ends."""

    def __init__(self, mutex):
        self.mutex = mutex
        self.released = False

    def release(self):
        m = self.mutex
        with m.cond:
            if self.released:
                return
            self.released = True
            m.depth -= 1
            if m.depth == 0:
                m.owner = None
                m.cond.notify_all()


def _held_list(ctx):
    local = ctx.__dict__.get("mutex_held")
    if local is None:
        with ctx.lock:
            local = ctx.__dict__.setdefault("mutex_held", threading.local())
    items = getattr(local, "items", None)
    if items is None:
        items = local.items = []
    return items


def release_run_locks(ctx):
    """Releases the locks this thread's run took and did not consume (run end)."""
    local = ctx.__dict__.get("mutex_held")
    items = getattr(local, "items", None) if local is not None else None
    if items:
        local.items = []
        for h in items:
            h.release()


def _mutex_bind(node, ctx):
    attrs = node.attrs
    key = (attrs.get("container", ""), attrs.get("shared_name") or node.name)

    def kernel():
        return ctx.resource("mutexes", key, lambda: _Mutex(key[1]))
    return kernel


def _lock_bind(node, ctx):
    def kernel(mutex):
        me = threading.get_ident()
        with mutex.cond:
            if mutex.owner != me:
                mutex.waiting += 1
                try:
                    while mutex.owner is not None:
                        poll_wait(mutex.cond, ctx.session, "MutexLock",
                                  "[_Derived_]Lock acquisition cancelled.")
                finally:
                    mutex.waiting -= 1
                mutex.owner = me
            mutex.depth += 1
        held = _Held(mutex)
        _held_list(ctx).append(held)
        return held
    return kernel


def _consume_bind(node, ctx):
    def kernel(held):
        held.release()
        items = _held_list(ctx)
        if held in items:
            items.remove(held)
    return kernel


register_op("MutexV2", infer=lambda inputs, attrs: [(_dt.resource, TensorShape([]))],
            bind=_mutex_bind, stateful=True, grad=None)
register_op("MutexLock", infer=lambda inputs, attrs: [(_dt.variant, TensorShape([]))],
            bind=_lock_bind, stateful=True, grad=None)
register_op("ConsumeMutexLock", infer=lambda inputs, attrs: [], bind=_consume_bind,
            stateful=True, grad=None)
