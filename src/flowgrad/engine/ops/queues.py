"""Queues as graph ops (TF 1.14's FIFOQueueV2, RandomShuffleQueueV2, PaddingFIFOQueueV2 and
the QueueEnqueue/Dequeue/Close/Size ops that take their resource handle).

A queue op's kernel returns the session's `_Queue` for it (created on first run,
named `_<n>_<op name>` as TF's resource manager names it, or its shared_name);
the other ops call its methods. Blocking is real: a dequeue on an empty open
queue waits on the queue's condition variable (Session.run may be called from
several threads at once), `close` wakes waiters (OutOfRangeError for dequeues
that cannot be served, CancelledError for enqueues), and closing the session
cancels every waiting op within a polling interval, so no thread is left
hanging. A RandomShuffleQueue picks `word % size` with TF's Philox stream for
its (seed, seed2), swapping the last element into the hole: TF's order.
"""
from __future__ import annotations

import collections
import itertools
import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.blocking import poll_wait
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import whole_value
from .philox import Stream, philox_blocks

__all__ = ["Queue"]

_RESOURCE_IDS = itertools.count()   # TF's ResourceMgr::GenerateUniqueId: process-wide


class _Sampler:
    """TF's SingleSampleAdapter<PhiloxRandom>: the stream's uint32 words one at a time."""

    def __init__(self, seed, seed2):
        self.stream = Stream(seed, seed2)
        self.buf = np.empty(0, np.uint32)
        self.pos = 0

    def __call__(self):
        if self.pos == self.buf.size:
            self.buf = philox_blocks(self.stream.key, self.stream.reserve(64), 64).reshape(-1)
            self.pos = 0
        self.pos += 1
        return int(self.buf[self.pos - 1])


def _dims(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


class Queue:
    """One queue of one session: a list of element tuples guarded by a condition."""

    def __init__(self, kind, name, dtypes, shapes, capacity, min_after=0, seeds=(0, 0),
                 session=None):
        self.kind, self.name = kind, name
        self.dtypes = [np.dtype(d.as_numpy_dtype) for d in dtypes]
        self.shapes = shapes          # list of tuples (None for unknown dims) or None
        self.capacity = capacity if capacity >= 0 else 1 << 62
        self.min_after = min_after
        self.sampler = _Sampler(*seeds) if kind == "RandomShuffleQueue" else None
        self.items = [] if kind == "PriorityQueue" else collections.deque()
        self.closed = False
        self.cond = threading.Condition()
        self.session = session
        self.pending_enqueues = 0
        # dequeue attempts served in arrival order, as TF's QueueBase runs its attempts: the
        # first waiter completes before a later one takes an element (two threads running
        # DequeueUpTo(3) get [3, 100, 101] and [102, 103], not whatever each grabbed)
        self.line = collections.deque()
        self.enqueue_line = collections.deque()   # enqueues (and closes) in arrival order
        self.cancelled = set()     # those close(cancel_pending_enqueues=True) cancelled

    # -- waiting ---------------------------------------------------------------------
    def _wait(self, what):
        """Waits for a change (framework/blocking.py's poll_wait: cancelled with the
        session, failed past the run's deadline)."""
        poll_wait(self.cond, self.session, what)

    # -- enqueue ---------------------------------------------------------------------
    def _check(self, comps, many):
        out = []
        for i, (c, dt) in enumerate(zip(comps, self.dtypes)):
            a = np.array(c, dtype=dt, copy=True)
            if self.shapes is not None:
                want = self.shapes[i]
                got = a.shape[1:] if many else a.shape
                if len(got) != len(want) or any(w is not None and w != g
                                                for w, g in zip(want, got)):
                    msg = (f"Shape mismatch in tuple component {i}. Expected "
                           f"{_dims(want)}, got {_dims(got)}")
                    if many:
                        msg = (f"Shape mismatch in tuple component {i}. Expected "
                               f"{_dims((a.shape[0],) + tuple(want))}, got {_dims(a.shape)}")
                    raise errors.InvalidArgumentError(None, None, msg)
            out.append(a)
        if many:
            n = {a.shape[0] if a.ndim else -1 for a in out}
            if len(n) != 1 or -1 in n:
                raise errors.InvalidArgumentError(
                    None, None, "All components must have the same size in the 0th dimension")
        return out

    def enqueue(self, comps):
        self.enqueue_elements([tuple(self._check(comps, False))])

    def enqueue_many(self, comps):
        arrays = self._check(comps, True)
        # a[i, ...]: 0-d arrays, not NumPy scalars or bytes (np.stack of bytes would make
        # an 'S' array, dropping a string's trailing NULs as a serialized proto's)
        self.enqueue_elements([tuple(a[i, ...] for a in arrays)
                               for i in range(arrays[0].shape[0])])

    def enqueue_elements(self, elements):
        """TF's enqueue attempts: served in arrival order, each whole before the next."""
        me = object()
        with self.cond:
            self.pending_enqueues += 1
            self.enqueue_line.append(me)
            try:
                for element in elements:
                    while True:
                        self._check_cancelled(me)
                        if self.enqueue_line[0] is me:
                            if self.closed:
                                raise errors.CancelledError(
                                    None, None, f"{self.kind} '{self.name}' is closed.")
                            if len(self.items) < self.capacity:
                                self._put(element)
                                self.cond.notify_all()
                                break
                        self._wait("Enqueue")
            finally:
                self.pending_enqueues -= 1
                self._leave(me)

    def _check_cancelled(self, me):
        if me in self.cancelled:
            raise errors.CancelledError(None, None, "Enqueue operation was cancelled")

    def _leave(self, me):
        self.enqueue_line.remove(me)
        self.cancelled.discard(me)
        self.cond.notify_all()

    def _put(self, element):
        if self.kind != "PriorityQueue":
            self.items.append(element)
            return
        # std::priority_queue::push with TF's comparator (greater priority sinks): the
        # smallest priority on top; ties keep libstdc++'s heap order, as TF's
        heap = self.items
        heap.append(element)
        _sift_up(heap, len(heap) - 1, 0, element)

    # -- dequeue ---------------------------------------------------------------------
    def _take(self):
        if self.kind == "PriorityQueue":
            heap = self.items
            top = heap[0]
            last = heap.pop()
            if heap:
                _adjust_heap(heap, 0, len(heap), last)
            return top
        if self.sampler is None:
            return self.items.popleft()
        i = self.sampler() % len(self.items)
        element = self.items[i]
        last = self.items.pop()
        if i < len(self.items):
            self.items[i] = last
        return element

    def _restore(self, got):
        if self.kind == "PriorityQueue":
            for element in got:
                self._put(element)
            return
        if self.sampler is None:
            self.items.extendleft(reversed(got))
        else:
            self.items.extend(reversed(got))

    def dequeue_elements(self, n, allow_small=False, many=True):
        """Takes n elements (as TF: as they arrive, keeping min_after_dequeue until closed)."""
        if many and self.kind != "PaddingFIFOQueue" and (
                self.shapes is None or any(None in s for s in self.shapes)):
            raise errors.InvalidArgumentError(
                None, None, f"{self.kind}'s DequeueMany and DequeueUpTo require the "
                "components to have specified shapes.")
        got = []
        me = object()
        with self.cond:
            self.line.append(me)
            try:
                return self._dequeue_in_turn(me, got, n, allow_small)
            finally:
                self.line.remove(me)
                self.cond.notify_all()

    def _dequeue_in_turn(self, me, got, n, allow_small):
        while len(got) < n:
            if self.line[0] is not me:
                self._wait("Dequeue")
                continue
            size = len(self.items)
            if self.closed and size < n - len(got) and self.kind == "PriorityQueue":
                # TF's PriorityQueue takes what there is first (allow_small or not) and
                # then fails on the empty closed queue: those elements are lost
                while self.items:
                    got.append(self._take())
                raise errors.OutOfRangeError(
                    None, None, f"{self.kind} '{self.name}' is closed and has insufficient "
                    f"elements (requested {n - len(got)}, current size 0)")
            if self.closed and size < n - len(got):
                requested = n - len(got)
                self._restore(got)
                got = []
                if allow_small and self.items:
                    n = len(self.items)
                    continue
                if allow_small and self.pending_enqueues:
                    self._wait("Dequeue")
                    continue
                raise errors.OutOfRangeError(
                    None, None, f"{self.kind} '{self.name}' is closed and has insufficient "
                    f"elements (requested {requested}, current size {size})")
            available = size if self.closed else size - self.min_after
            if available > 0:
                for _ in range(min(available, n - len(got))):
                    got.append(self._take())
                self.cond.notify_all()
                continue
            try:
                self._wait("Dequeue")
            except errors.OpError:
                self._restore(got)    # a timed-out or cancelled dequeue loses nothing
                raise
        return got

    def dequeue(self):
        return self.dequeue_elements(1, many=False)[0]

    def batch(self, elements):
        """Stacks elements per component (PaddingFIFOQueue pads with zeros / b"")."""
        out = []
        for i, dt in enumerate(self.dtypes):
            parts = [e[i] for e in elements]
            if not parts:
                shape = tuple(d or 0 for d in (self.shapes[i] if self.shapes else ()))
                out.append(np.zeros((0,) + shape, dtype=dt))
                continue
            if self.kind == "PaddingFIFOQueue":
                top = np.max([p.shape for p in parts], axis=0) if parts[0].ndim else ()
                full = np.full((len(parts),) + tuple(int(x) for x in top),
                               b"" if dt.kind == "O" else 0, dtype=dt)
                for j, p in enumerate(parts):
                    if p.ndim:
                        full[(j,) + tuple(slice(0, s) for s in p.shape)] = p
                    else:
                        full[j] = p.item()
                out.append(full)
            else:
                out.append(np.stack(parts).astype(dt, copy=False))
        return out

    def close(self, cancel_pending_enqueues=False):
        """TF's QueueBase::Close: with cancel_pending_enqueues, closes now and cancels the
        waiting enqueues; without, closes as an enqueue attempt would, after the enqueues
        that came before it ("already closed" if another close came first)."""
        with self.cond:
            if cancel_pending_enqueues:
                self.closed = True
                self.cancelled.update(self.enqueue_line)
                self.cond.notify_all()
                return
            me = object()
            self.enqueue_line.append(me)
            try:
                while True:
                    self._check_cancelled(me)
                    if self.enqueue_line[0] is me:
                        break
                    self._wait("Enqueue")
                if self.closed:
                    raise errors.CancelledError(
                        None, None, f"Queue '{self.name}' is already closed.")
                self.closed = True
            finally:
                self._leave(me)


def _below(a, b):
    """TF's ComparePriorityTensorPair: a sorts below b when its priority is greater."""
    return int(a[0]) > int(b[0])


def _sift_up(heap, hole, top, value):
    """libstdc++'s __push_heap."""
    parent = (hole - 1) // 2
    while hole > top and _below(heap[parent], value):
        heap[hole] = heap[parent]
        hole = parent
        parent = (hole - 1) // 2
    heap[hole] = value


def _adjust_heap(heap, hole, n, value):
    """libstdc++'s __adjust_heap (what pop_heap runs on the first n slots)."""
    top = hole
    second = hole
    while second < (n - 1) // 2:
        second = 2 * (second + 1)
        if _below(heap[second], heap[second - 1]):
            second -= 1
        heap[hole] = heap[second]
        hole = second
    if n % 2 == 0 and second == (n - 2) // 2:
        second = 2 * (second + 1)
        heap[hole] = heap[second - 1]
        hole = second - 1
    _sift_up(heap, hole, top, value)


# -- ops ---------------------------------------------------------------------------------
def _queue_infer(inputs, attrs):
    return [(_dt.resource, TensorShape([]))]


def _queue_bind(kind):
    def bind(node, ctx):
        attrs = node.attrs
        key = ("queue", attrs.get("container", ""), attrs.get("shared_name") or node.name)

        def make():
            name = attrs.get("shared_name") or f"_{next(_RESOURCE_IDS)}_{node.name}"
            shapes = attrs.get("shapes") or None
            shapes = [tuple(s) for s in shapes] if shapes else None
            types = list(attrs["component_types"])
            if kind == "PriorityQueue":     # the int64 priority comes first
                types = [_dt.int64] + types
                shapes = [()] + shapes if shapes else None
            return Queue(kind, name, types, shapes,
                         attrs.get("capacity", -1), attrs.get("min_after_dequeue", 0),
                         (attrs.get("seed", 0), attrs.get("seed2", 0)), ctx.session)

        def handle():
            return ctx.resource("queues", key, make)
        return handle
    return bind


for _kind in ("FIFOQueue", "RandomShuffleQueue", "PaddingFIFOQueue", "PriorityQueue"):
    register_op(_kind + "V2", infer=_queue_infer, bind=_queue_bind(_kind), stateful=True,
                grad=None)


def _no_outputs(inputs, attrs):
    return []


_TF_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "half", "object": "string"}


def _type_names(types):
    return ", ".join(_TF_TYPE_NAMES.get(t.name, t.name) for t in types)


def _signature(node, n_in, outs=None):
    """TF's MatchSignature of a queue op against its queue's component types: the op's
    (graph) input types after the handle, or its component_types attr for the outputs."""
    ins = [t.dtype.base_dtype for t in node.op._inputs]
    handle = _dt.as_dtype(node.op._inputs[0].dtype).name   # string_ref, or resource
    have_in = [handle] + [_dt.as_dtype(t).name for t in ins[1:n_in]]
    comps = [_dt.as_dtype(t) for t in ins[n_in:]] if outs is None else None
    want_out = [_dt.as_dtype(d) for d in outs] if outs is not None else None

    def check(q):
        theirs = [_dt.as_dtype(d) for d in q.dtypes]
        if (comps if outs is None else want_out) == theirs:
            return
        head = ", ".join(_TF_TYPE_NAMES.get(t, t) for t in have_in)
        if outs is None:
            have = f"{head}, {_type_names(comps)}->" if comps else f"{head}->"
            want = f"{head}, {_type_names(theirs)}->" if theirs else f"{head}->"
        else:
            have, want = f"{head}->{_type_names(want_out)}", f"{head}->{_type_names(theirs)}"
        raise errors.InvalidArgumentError(None, None, f"Signature mismatch, have: {have} "
                                          f"expected: {want}")
    return check


def _enqueue_bind(node, ctx):
    check = _signature(node, 1)

    def enqueue(q, *comps):
        check(q)
        q.enqueue(comps)
    return enqueue


def _enqueue_many_bind(node, ctx):
    check = _signature(node, 1)

    def enqueue_many(q, *comps):
        check(q)
        q.enqueue_many(comps)
    return enqueue_many


register_op("QueueEnqueueV2", infer=_no_outputs, bind=_enqueue_bind, stateful=True,
            grad=None, blocking="atomic")
register_op("QueueEnqueueManyV2", infer=_no_outputs, bind=_enqueue_many_bind, stateful=True,
            grad=None, blocking=True)


def _dequeue_infer(inputs, attrs):
    return [(_dt.as_dtype(d), TensorShape(None)) for d in attrs["component_types"]]


def _one(outs):
    return outs[0] if len(outs) == 1 else tuple(outs)


def _dequeue_bind(node, ctx):
    check = _signature(node, 1, node.attrs["component_types"])

    def dequeue(q):
        check(q)
        return _one([np.array(c) for c in q.dequeue()])
    return dequeue


def _dequeue_many_bind(allow_small):
    kernel = "DequeueUpToOp" if allow_small else "DequeueManyOp"

    def bind(node, ctx):
        check = _signature(node, 2, node.attrs["component_types"])

        def dequeue_many(q, n):
            n = int(n)
            if n < 0:
                raise errors.InvalidArgumentError(None, None,
                                                  f"{kernel} requested {n} < 0 elements")
            check(q)
            return _one(q.batch(q.dequeue_elements(n, allow_small)))
        return dequeue_many
    return bind


register_op("QueueDequeueV2", infer=_dequeue_infer, bind=_dequeue_bind, stateful=True,
            grad=None, blocking="atomic")
def _dequeue_many_infer(inputs, attrs):
    """TF's shape function reads n (input_tensor: its constant subgraph, evaluated whole):
    a negative value is an error at build time."""
    n = whole_value(inputs[1])
    if n is not None and int(n) < 0:
        raise ValueError(f"Input 'n' must be >= 0, but is {int(n)}")
    return _dequeue_infer(inputs, attrs)


register_op("QueueDequeueManyV2", infer=_dequeue_many_infer, bind=_dequeue_many_bind(False),
            stateful=True, grad=None, blocking=True)
register_op("QueueDequeueUpToV2", infer=_dequeue_infer, bind=_dequeue_many_bind(True),
            stateful=True, grad=None, blocking=True)


def _close_bind(node, ctx):
    cancel = node.attrs.get("cancel_pending_enqueues", False)
    return lambda q: q.close(cancel)


register_op("QueueCloseV2", infer=_no_outputs, bind=_close_bind, stateful=True,
            grad=None, blocking="atomic")
register_op("QueueSizeV2", infer=lambda i, a: [(_dt.int32, TensorShape([]))],
            bind=lambda node, ctx: lambda q: np.int32(len(q.items)), stateful=True, grad=None)
register_op("QueueIsClosedV2", infer=lambda i, a: [(_dt.bool_, TensorShape([]))],
            bind=lambda node, ctx: lambda q: np.bool_(q.closed), stateful=True, grad=None)


# -- the reference-typed (v1) forms: the queue is a string_ref handle of shape [2], the
# same queue the resource ops run; TF 1.14's v1 shape functions know no dequeued shapes
# (and do not read n)
def _ref_handle_infer(inputs, attrs):
    return [(_dt.string._as_ref, TensorShape([2]))]


for _kind in ("FIFOQueue", "RandomShuffleQueue", "PaddingFIFOQueue", "PriorityQueue"):
    register_op(_kind, infer=_ref_handle_infer, bind=_queue_bind(_kind), stateful=True,
                grad=None)
register_op("QueueEnqueue", infer=_no_outputs, bind=_enqueue_bind, stateful=True,
            grad=None, blocking="atomic")
register_op("QueueEnqueueMany", infer=_no_outputs, bind=_enqueue_many_bind, stateful=True,
            grad=None, blocking=True)
register_op("QueueDequeue", infer=_dequeue_infer, bind=_dequeue_bind, stateful=True,
            grad=None, blocking="atomic")
register_op("QueueDequeueMany", infer=_dequeue_infer, bind=_dequeue_many_bind(False),
            stateful=True, grad=None, blocking=True)
register_op("QueueDequeueUpTo", infer=_dequeue_infer, bind=_dequeue_many_bind(True),
            stateful=True, grad=None, blocking=True)
register_op("QueueClose", infer=_no_outputs, bind=_close_bind, stateful=True,
            grad=None, blocking="atomic")
register_op("QueueSize", infer=lambda i, a: [(_dt.int32, TensorShape([]))],
            bind=lambda node, ctx: lambda q: np.int32(len(q.items)), stateful=True, grad=None)
register_op("QueueIsClosed", infer=lambda i, a: [(_dt.bool_, TensorShape([]))],
            bind=lambda node, ctx: lambda q: np.bool_(q.closed), stateful=True, grad=None)
