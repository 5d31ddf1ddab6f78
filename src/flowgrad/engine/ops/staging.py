"""TF 1.14's staging ops (kernels/stage_op.cc), which tf.contrib.staging.StagingArea uses:
Stage, Unstage, StagePeek, StageSize, StageClear.

A staging area is the session's resource (one per container and shared_name, else the
op's name), made by whichever of its ops runs first with that op's capacity and
memory_limit: a FIFO of tuples. Stage appends a tuple, first waiting (with no timeout, as
TF) while the area is bounded and full: `capacity` tuples held, or the tuple's bytes
would take the held bytes over `memory_limit`; a tuple bigger than the limit by itself
fails at once (ResourceExhaustedError). Unstage takes the first tuple, waiting while the
area is empty; StagePeek(i) copies tuple i, waiting until there are more than i; both
fail if the tuple's length is not the op's number of outputs. StageSize counts the tuples;
StageClear drops them. Messages are TF's.

Stage, Unstage, StagePeek and StageClear are `blocking` ops (runtime/interleave.py): TF's
executor runs ready ops at once, so a put into a full area fetched beside a get (either
order) completes, as a get or peek beside the put it waits for. Their waits poll and call
note_wait before any effect ("atomic"). TF's waits know no cancellation: a run past
RunOptions.timeout_in_ms that waits in one never returns, so they read no deadline.
"""
from __future__ import annotations

import collections
import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.blocking import POLL as _POLL
from ..framework.blocking import note_wait
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape

__all__ = []   # (Area, area_resource, outputs_infer, total_bytes: engine/ops/map_staging.py)

_STRING_BYTES = 32   # sizeof(std::string): TF's TotalBytes of a string tensor counts it


def total_bytes(value):
    """TF's Tensor::TotalBytes: a string tensor's elements and their bytes."""
    value = np.asarray(value)
    if value.dtype != object:
        return value.nbytes
    return sum(_STRING_BYTES + len(v if isinstance(v, bytes) else str(v).encode())
               for v in value.reshape(-1))


class Area:
    """What TF's staging areas (Buffer, StagingMap) share: the bounds, the held bytes and
    the condition their waits poll."""

    def __init__(self, capacity, memory_limit):
        self.capacity, self.memory_limit = capacity, memory_limit
        self.nbytes = 0
        self.cond = threading.Condition()

    def _wait(self, what):
        note_wait(what)   # (a kernel the plan runner tries raises WouldWait: nothing done)
        self.cond.wait(_POLL)

    def _check_memory_limit(self, size):
        """TF's sanity check: a tuple bigger than the limit by itself never fits."""
        if self.memory_limit > 0 and size > self.memory_limit:
            raise errors.ResourceExhaustedError(
                None, None, f"Attempted to insert tensors with combined size of '{size}' bytes "
                f"into Staging Area with a memory limit of '{self.memory_limit}'.")


class Buffer(Area):
    """One staging area of one session (TF's Buffer)."""

    def __init__(self, capacity, memory_limit):
        super().__init__(capacity, memory_limit)
        self.items = collections.deque()

    def _bounded(self):
        return self.capacity > 0 or self.memory_limit > 0

    def put(self, values):
        size = sum(total_bytes(v) for v in values)
        self._check_memory_limit(size)
        with self.cond:
            while self._bounded() and not (
                    (self.memory_limit <= 0 or size + self.nbytes <= self.memory_limit)
                    and (self.capacity <= 0 or len(self.items) < self.capacity)):
                self._wait("Stage")
            self.nbytes += size
            self.items.append(tuple(np.array(v, copy=True) for v in values))
            self.cond.notify_all()

    def get(self):
        with self.cond:
            while not self.items:
                self._wait("Unstage")
            values = self.items.popleft()
            self.nbytes -= sum(total_bytes(v) for v in values)
            self.cond.notify_all()
            return values

    def peek(self, index):
        with self.cond:
            while index >= len(self.items):
                self._wait("StagePeek")
            return self.items[index]

    def clear(self):
        with self.cond:
            self.items.clear()
            self.nbytes = 0
            self.cond.notify_all()


def area_resource(node, ctx, table, make):
    """The session's staging area of `node` in `table` (TF's ResourceMgr: by container and
    shared_name, else the op's name), made by `make(capacity, memory_limit)` from the
    attrs of the op that runs first."""
    attrs = node.attrs
    key = (table, attrs.get("container", ""), attrs.get("shared_name") or node.name)
    return ctx.resource(table, key, lambda: make(attrs.get("capacity", 0),
                                                 attrs.get("memory_limit", 0)))


def _buffer(node, ctx):
    """The session's Buffer of `node`."""
    return area_resource(node, ctx, "staging", Buffer)


def _outputs(values, n):
    if len(values) != n:
        raise errors.InvalidArgumentError(None, None, f"Mismatch stage/unstage: "
                                                      f"{len(values)} vs. {n}")
    return tuple(values) if n != 1 else values[0]   # (one output: its value)


def _stage_bind(node, ctx):
    return lambda *values: _buffer(node, ctx).put(values)


def _unstage_bind(node, ctx):
    n = len(node.attrs["dtypes"])
    return lambda: _outputs(_buffer(node, ctx).get(), n)


def _peek_bind(node, ctx):
    n = len(node.attrs["dtypes"])

    def peek(index):
        buf = _buffer(node, ctx)
        if np.ndim(index) != 0:
            raise errors.InvalidArgumentError(None, None, "index must be scalar")
        return _outputs(buf.peek(int(index)), n)
    return peek


def _size_bind(node, ctx):
    return lambda: np.int32(len(_buffer(node, ctx).items))


def _clear_bind(node, ctx):
    return lambda: _buffer(node, ctx).clear()


def outputs_infer(inputs, attrs):
    return [(_dt.as_dtype(d), TensorShape(None)) for d in attrs["dtypes"]]


register_op("Stage", infer=lambda inputs, attrs: [], bind=_stage_bind, stateful=True,
            grad=None, blocking="atomic")
register_op("Unstage", infer=outputs_infer, bind=_unstage_bind, stateful=True, grad=None,
            blocking="atomic")
register_op("StagePeek", infer=outputs_infer, bind=_peek_bind, stateful=True, grad=None,
            blocking="atomic")
register_op("StageSize", infer=lambda inputs, attrs: [(_dt.int32, TensorShape([]))],
            bind=_size_bind, stateful=True, grad=None)
register_op("StageClear", infer=lambda inputs, attrs: [], bind=_clear_bind, stateful=True,
            grad=None, blocking="atomic")   # (never waits; wakes a waiting Stage)
