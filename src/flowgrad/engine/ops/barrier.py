"""TF 1.14's Barrier ops (Barrier, BarrierInsertMany, BarrierTakeMany, BarrierClose,
BarrierReadySize, BarrierIncompleteSize), which tf.contrib.training's state saver uses.

A barrier holds tuples by string key: BarrierInsertMany sets one component of each key's
tuple; a tuple whose components are all set is complete and moves to the ready queue, a
TF PriorityQueue (queues.py) of (insertion index, key, components), whose priority is the
index of the insert call that first saw the key (int64 min, then one more for each call
that brought a new key). BarrierTakeMany takes from it, blocking as a queue's
DequeueMany does. Closing refuses new keys; a take then fails once fewer tuples are ready
(or incomplete, unless allow_small_batch) than it asks for. Messages are TF's
(barrier_ops.cc). The barrier is the session's resource, named as TF's (`_<id>_<op>`).

BarrierInsertMany, BarrierTakeMany and BarrierClose are `blocking` ops
(runtime/interleave.py): a take fetched beside the insert that completes its tuples
completes (either order), as in TF's executor; a take waits as a DequeueMany (partial
effects: not "atomic") and fails past RunOptions.timeout_in_ms (DeadlineExceededError).
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .queues import _RESOURCE_IDS, Queue, _signature, _type_names

__all__ = []

_INT64_MIN = np.iinfo(np.int64).min


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


class Barrier:
    """One barrier of one session: the incomplete tuples and the ready queue."""

    def __init__(self, name, dtypes, shapes, session, container=""):
        self.name, self.container = name, container or "localhost"
        self.dtypes = [np.dtype(d.as_numpy_dtype) for d in dtypes]
        self.incomplete = {}   # key -> [index, component or None, ...]
        self.index = _INT64_MIN
        self.closed = self.cancelled = False
        self.ready = Queue("PriorityQueue", name + "_queue", [_dt.int64, _dt.string] +
                           list(dtypes), [(), ()] + shapes, -1, session=session)

    def fetched(self):   # TF's value of the handle (session.py): [container, name]
        return np.array([self.container.encode(), self.name.encode()], object)

    def insert_many(self, keys, values, component):
        keys = np.asarray(keys).reshape(-1)
        values = np.asarray(values)
        if len(keys) and values.size == 0:
            raise _invalid(f"Tensors with no elements are not supported {self.name}: "
                           f"received shape [{','.join(map(str, values.shape))}]")
        with self.ready.cond:
            if self.closed and (self.cancelled or (len(keys) and not self.incomplete)):
                raise errors.CancelledError(
                    None, None, f"Barrier {self.name} is closed.  Pending enqueues cancelled: "
                    f"{int(self.cancelled)}.  Number of new insertions: {len(keys)}.  Number "
                    f"of incomplete keys: {len(self.incomplete)}.")
            ready, new = [], False
            for i, key in enumerate(keys.tolist()):   # (a failure loses what it completed)
                new |= self._insert_one(key, values[i], component, i, ready)
            if new:
                self.index += 1
        if ready:
            self.ready.enqueue_elements(ready)

    def _insert_one(self, key, value, component, i, ready):
        """Sets `component` of `key`'s tuple (TF's InsertOneLocked); True for a new key."""
        element = self.incomplete.get(key)
        new = element is None
        if new:
            if self.closed:
                raise errors.CancelledError(
                    None, None, f"Barrier {self.name} is closed, but attempted to insert a "
                    f"brand new key: {key.decode()}.  Pending enqueues cancelled: "
                    f"{int(self.cancelled)}.  Insertion index: {i}.  Number of incomplete "
                    f"keys: {len(self.incomplete)}.")
            element = self.incomplete[key] = [np.int64(self.index)] + [None] * len(self.dtypes)
        if element[1 + component] is not None:
            raise _invalid(f"Key {key.decode()} already has a value for component "
                           f"{component} in barrier {self.name}")
        element[1 + component] = np.array(value, copy=True)
        if all(c is not None for c in element):
            del self.incomplete[key]
            for k, (c, want) in enumerate(zip(element[1:], self.ready.shapes[2:]), 2):
                if c.shape != want:   # (TF's ValidateTuple, once the key is out)
                    raise _invalid(f"Shape mismatch in tuple component {k}. Expected "
                                   f"[{','.join(map(str, want))}], got "
                                   f"[{','.join(map(str, c.shape))}]")
            ready.append(tuple([element[0], np.array(key, object)] + element[1:]))
        return new

    def take_many(self, n, allow_small):
        deliver = n
        with self.ready.cond:
            if self.closed:
                available = len(self.ready.items)
                if allow_small:
                    deliver = min(n, available)
                else:
                    available += len(self.incomplete)
                if available < max(deliver, 1):
                    raise errors.OutOfRangeError(
                        None, None, f"Barrier '{self.name}' is closed and has insufficient "
                        f"elements (requested {deliver}, total size {available})")
        return self.ready.batch(self.ready.dequeue_elements(deliver, allow_small))

    def close(self, cancel):
        with self.ready.cond:
            if self.closed and (self.cancelled or not cancel):
                raise errors.CancelledError(None, None,
                                            f"Barrier '{self.name}' is already closed.")
            self.cancelled, self.closed = cancel, True
            if not (cancel or not self.incomplete):
                return
            self.incomplete.clear()
        if not self.ready.closed or cancel:
            self.ready.close(cancel)


def _barrier_bind(node, ctx):
    attrs = node.attrs
    key = ("barrier", attrs.get("container", ""), attrs.get("shared_name") or node.name)
    types = list(attrs["component_types"])
    shapes = [tuple(TensorShape(s).as_list()) for s in attrs.get("shapes") or ()]

    def handle():
        if len(shapes) != len(types):
            raise _invalid("All of the component shapes must be specified")
        if attrs.get("capacity", -1) != -1:
            raise _invalid("Barrier only accepts capacity=-1.  Feed the inputs to your "
                           "Barrier through a queue to enforce a limited capacity.")
        def make():
            name = attrs.get("shared_name") or f"_{next(_RESOURCE_IDS)}_{node.name}"
            return Barrier(name, types, shapes, ctx.session, key[1])
        return ctx.resource("queues", key, make)
    return handle


def _insert_infer(inputs, attrs):
    keys, values = inputs[1], inputs[2]
    if keys.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {keys.shape.ndims}")
    if values.shape.ndims == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    return []


def _insert_bind(node, ctx):
    index = node.attrs["component_index"]
    check = _signature(node, 2)

    def insert(b, keys, values):
        if index >= len(b.dtypes):
            raise _invalid(f"The component ID is out of range {index} > num_components "
                           f"(= {len(b.dtypes)})")
        check(_Components([b.dtypes[index]]))
        b.insert_many(keys, values, index)
    return insert


class _Components:   # what _signature checks: the component types an op must match
    def __init__(self, dtypes):
        self.dtypes = dtypes


def _take_infer(inputs, attrs):
    return [(_dt.int64, TensorShape(None)), (_dt.string, TensorShape(None))] + [
        (_dt.as_dtype(t), TensorShape(None)) for t in attrs["component_types"]]


def _take_bind(node, ctx):
    small = node.attrs.get("allow_small_batch", False)
    timeout = node.attrs.get("timeout_ms", -1)
    outs = [_dt.as_dtype(t) for t in node.attrs["component_types"]]

    def take(b, n):
        if timeout != -1:
            raise _invalid("Timeout not supported yet.")
        if np.ndim(n) != 0:
            raise _invalid("num_elements must be a scalar.")
        theirs = [_dt.as_dtype(d) for d in b.dtypes]
        if outs != theirs:
            head = "string_ref, int32->int64, string"
            raise _invalid(f"Signature mismatch, have: {head}, {_type_names(outs)} expected: "
                           f"{head}, {_type_names(theirs)}")
        got = b.take_many(int(n), small)
        return tuple([got[0], got[1]] + got[2:])
    return take


def _size_infer(inputs, attrs):
    return [(_dt.int32, TensorShape([]))]


register_op("Barrier", infer=lambda inputs, attrs: [(_dt.string._as_ref, TensorShape([2]))],
            bind=_barrier_bind, stateful=True, grad=None)
register_op("BarrierInsertMany", infer=_insert_infer, bind=_insert_bind, stateful=True,
            grad=None, blocking="atomic")   # (never waits; wakes a take)
register_op("BarrierTakeMany", infer=_take_infer, bind=_take_bind, stateful=True, grad=None,
            blocking=True)
register_op("BarrierClose", infer=lambda inputs, attrs: [],
            bind=lambda node, ctx: lambda b: b.close(
                node.attrs.get("cancel_pending_enqueues", False)), stateful=True, grad=None,
            blocking="atomic")
register_op("BarrierReadySize", infer=_size_infer,
            bind=lambda node, ctx: lambda b: np.int32(len(b.ready.items)), stateful=True,
            grad=None)
register_op("BarrierIncompleteSize", infer=_size_infer,
            bind=lambda node, ctx: lambda b: np.int32(len(b.incomplete)), stateful=True,
            grad=None)
