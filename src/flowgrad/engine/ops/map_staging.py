"""TF 1.14's map staging ops (kernels/map_stage_op.cc), which MapStagingArea uses:
MapStage, MapUnstage, MapUnstageNoKey, MapPeek, MapSize, MapIncompleteSize, MapClear and
their Ordered* twins.

A map staging area is the session's resource (one per kind, container and shared_name),
made by whichever of its ops runs first with that op's dtypes, capacity and memory_limit:
tuples by int64 key, in a hash map (TF's std::unordered_map; MapUnstageNoKey takes the
first element of its iteration, modelled by _HashOrder) or, ordered, a tree (the
smallest key first), beside a map of incomplete tuples. MapStage with as many indices as
dtypes puts a tuple, waiting (no timeout, as TF) while `capacity` tuples are held or its
bytes would take the held bytes over `memory_limit`; fewer indices fill the key's
incomplete tuple (waiting for memory only), moved to the map when complete; a duplicate
key is ignored (map insert). MapUnstage / MapPeek take / copy the key's components at
`indices`, waiting until the key is in the map; an entry leaves when its last component
is taken. MapSize / MapIncompleteSize count the tuples; MapClear drops both maps.

TF's byte count is kept as TF keeps it: a put adds the bytes of its last component only
(TF's accumulate over optional tensors), a take or a peek subtracts those of every
component it returns, in size_t arithmetic (mod 2**64). Messages are TF's.

Every op but the sizes is `blocking` (runtime/interleave.py; see engine/ops/staging.py).
"""
from __future__ import annotations

import bisect
import math

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.libstdcxx import next_bucket_count
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .staging import Area, area_resource, outputs_infer, total_bytes

__all__ = []

_SIZE_T = 2 ** 64


class _HashOrder:
    """The iteration order of TF's std::unordered_map<int64 key> (libstdc++: identity
    hash, one list of nodes, a bucket's nodes adjacent; a key whose bucket is empty goes
    first, else first in its bucket; a rehash (the prime policy, load factor 1) relinks
    the nodes so, in their order)."""

    def __init__(self):
        self.keys = []
        self.buckets = 1
        self.next_resize = 0

    def _link(self, keys, key, buckets):
        bucket = (key % _SIZE_T) % buckets
        for i, k in enumerate(keys):
            if (k % _SIZE_T) % buckets == bucket:
                keys.insert(i, key)
                return
        keys.insert(0, key)

    def _next_buckets(self, n):
        count = next_bucket_count(n)
        self.next_resize = count
        return count

    def insert(self, key):
        n = len(self.keys) + 1
        if n > self.next_resize:
            least = max(n, 0 if self.next_resize else 11)
            if least >= self.buckets:
                buckets = self._next_buckets(max(math.floor(least) + 1, self.buckets * 2))
                keys = []
                for k in self.keys:
                    self._link(keys, k, buckets)
                self.keys, self.buckets = keys, buckets
            else:
                self.next_resize = self.buckets
        self._link(self.keys, key, self.buckets)

    def remove(self, key):
        self.keys.remove(key)

    def first(self):
        return self.keys[0]

    def clear(self):
        self.keys.clear()   # (the buckets stay)


class _TreeOrder:
    """std::map's order: by key."""

    def __init__(self):
        self.keys = []

    def insert(self, key):
        bisect.insort(self.keys, key)

    def remove(self, key):
        self.keys.remove(key)

    def first(self):
        return self.keys[0]

    def clear(self):
        self.keys.clear()


class StagingMap(Area):
    """One map staging area of one session (TF's StagingMap)."""

    def __init__(self, dtypes, ordered, capacity, memory_limit):
        super().__init__(capacity, memory_limit)
        self.ndtypes = len(dtypes)
        self.map, self.incomplete = {}, {}
        self.key_values = {}   # (the key tensor each map entry was put with: its shape)
        self.order = _TreeOrder() if ordered else _HashOrder()

    def _add_bytes(self, n):
        self.nbytes = (self.nbytes + n) % _SIZE_T

    def _would_exceed(self, size):
        return self.memory_limit > 0 and (size + self.nbytes) % _SIZE_T > self.memory_limit

    def _check_index(self, key, index):
        if index >= self.ndtypes:
            raise errors.InvalidArgumentError(
                None, None, f"Index '{index}' for key '{key}' was out of bounds "
                f"'{self.ndtypes}'.")

    @staticmethod
    def _check_ordering(indices):
        if any(a >= b for a, b in zip(indices[:-1], indices[1:])):
            raise errors.InvalidArgumentError(None, None, "Indices are not strictly ordered")

    def _insert(self, key, key_value, values):
        if key not in self.map:   # (a duplicate key: the insert does nothing)
            self.map[key] = values
            self.key_values[key] = key_value
            self.order.insert(key)
        self.cond.notify_all()

    def put(self, key_value, indices, values, what):
        key = _key(key_value)
        values = [np.array(v, copy=True) for v in values]
        size = total_bytes(values[-1]) if values else 0   # (TF's sum: the last one's)
        with self.cond:
            self._check_ordering(indices)
            self._check_memory_limit(size)
            if len(indices) == self.ndtypes:
                while self._would_exceed(size) or (
                        self.capacity > 0 and len(self.map) >= self.capacity):
                    self._wait(what)
                self._insert(key, key_value, list(values))
                self._add_bytes(size)
                return
            while self._would_exceed(size):
                self._wait(what)
            present = self.incomplete.get(key)
            if present is None:
                tuple_ = [None] * self.ndtypes
                for index, value in zip(indices, values):
                    self._check_index(key, index)
                    tuple_[index] = value
                self.incomplete[key] = tuple_
                self._add_bytes(size)
                return
            for index, value in zip(indices, values):
                self._check_index(key, index)
                if present[index] is not None:
                    raise errors.InvalidArgumentError(
                        None, None, f"The tensor for index '{index}' for key '{key}' was "
                        f"already initialized '{self.ndtypes}'.")
                present[index] = value
            self._add_bytes(size)
            if all(v is not None for v in present):
                del self.incomplete[key]
                self._insert(key, key_value, present)

    def _take(self, key, indices, copy):
        """The components at `indices` of the key's tuple, taken unless `copy` (those
        before an error taken too, as TF)."""
        entry, out = self.map[key], []
        for index in indices:
            self._check_index(key, index)
            if entry[index] is None:
                raise errors.InvalidArgumentError(
                    None, None, f"Tensor at index '{index}' for key '{key}' has already "
                    "been removed.")
            out.append(entry[index])
            if not copy:
                entry[index] = None
        if not copy and all(v is None for v in entry):
            del self.map[key], self.key_values[key]
            self.order.remove(key)
        self._add_bytes(-sum(total_bytes(v) for v in out))
        if not copy:
            self.cond.notify_all()
        return out

    def get(self, key, indices, copy, what):
        with self.cond:
            self._check_ordering(indices)
            while key not in self.map:
                self._wait(what)
            return self._take(key, indices, copy)

    def popitem(self, indices, what):
        with self.cond:
            self._check_ordering(indices)
            while not self.map:
                self._wait(what)
            key = self.order.first()
            key_value = self.key_values[key]
            return key_value, self._take(key, indices, False)

    def clear(self):
        with self.cond:
            self.map.clear()
            self.key_values.clear()
            self.incomplete.clear()
            self.order.clear()
            self.nbytes = 0
            self.cond.notify_all()


def _map(node, ctx):
    """The session's StagingMap of `node` (an Ordered* op's: a tree)."""
    ordered = node.type.startswith("Ordered")
    return area_resource(node, ctx, "staging_map_ordered" if ordered else "staging_map",
                         lambda capacity, memory_limit: StagingMap(
                             node.attrs["dtypes"], ordered, capacity, memory_limit))


def _key(key):
    """A key tensor's int64 (TF's scalar<int64>(): one element, of any shape)."""
    key = np.asarray(key)
    if key.size != 1:
        raise NotImplementedError(f"MapStagingArea keys of {key.size} elements (TF 1.14 "
                                  "aborts on reading one)")
    return int(key.reshape(-1)[0])


def _indices(indices):
    return [int(i) for i in np.asarray(indices).reshape(-1)]


def _one_or_tuple(values):
    return tuple(values) if len(values) != 1 else values[0]   # (one output: its value)


def _stage_bind(node, ctx):
    return lambda key, indices, *values: _map(node, ctx).put(
        np.array(key, copy=True), _indices(indices), values, node.type)


def _unstage_bind(node, ctx, copy=False):
    return lambda key, indices: _one_or_tuple(_map(node, ctx).get(
        _key(key), _indices(indices), copy, node.type))


def _peek_bind(node, ctx):
    return _unstage_bind(node, ctx, copy=True)


def _unstage_no_key_bind(node, ctx):
    def unstage(indices):
        key, values = _map(node, ctx).popitem(_indices(indices), node.type)
        return (key, *values)
    return unstage


def _size_bind(node, ctx):
    return lambda: np.int32(len(_map(node, ctx).map))


def _incomplete_size_bind(node, ctx):
    return lambda: np.int32(len(_map(node, ctx).incomplete))


def _clear_bind(node, ctx):
    return lambda: _map(node, ctx).clear()


def _no_key_infer(inputs, attrs):
    return [(_dt.int64, TensorShape(None))] + outputs_infer(inputs, attrs)


def _size_infer(inputs, attrs):
    return [(_dt.int32, TensorShape([]))]


for _prefix in ("", "Ordered"):
    register_op(_prefix + "MapStage", infer=lambda inputs, attrs: [], bind=_stage_bind,
                stateful=True, grad=None, blocking="atomic")
    register_op(_prefix + "MapUnstage", infer=outputs_infer, bind=_unstage_bind,
                stateful=True, grad=None, blocking="atomic")
    register_op(_prefix + "MapPeek", infer=outputs_infer, bind=_peek_bind, stateful=True,
                grad=None, blocking="atomic")
    register_op(_prefix + "MapUnstageNoKey", infer=_no_key_infer, bind=_unstage_no_key_bind,
                stateful=True, grad=None, blocking="atomic")
    register_op(_prefix + "MapSize", infer=_size_infer, bind=_size_bind, stateful=True,
                grad=None)
    register_op(_prefix + "MapIncompleteSize", infer=_size_infer, bind=_incomplete_size_bind,
                stateful=True, grad=None)
    register_op(_prefix + "MapClear", infer=lambda inputs, attrs: [], bind=_clear_bind,
                stateful=True, grad=None, blocking="atomic")   # (wakes a waiting put)
