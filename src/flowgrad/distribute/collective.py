"""Collectives between the ranks of a Horovod job: a ring all-reduce over a transport.

`RingBackend(rank, size, transport)` implements the backend interface of
engine/ops/collective.py (allreduce, allgather, broadcast, keyed by the op's name and a
per-name count, so the n-th run of an op meets the n-th run of it on every rank):

- allreduce: tensors of at most SMALL_BYTES are sent whole to every rank and summed
  in rank order (one round of messages: latency-bound sizes); larger ones go round a
  ring: reduce-scatter (size-1 steps, each rank sends one chunk to the next and adds
  the chunk it receives) then all-gather (size-1 steps). Every chunk's sum is made on
  one rank and copied to the others, so all ranks hold the same bits.
- allgather: every rank sends its tensor to every other; concatenated in rank order.
- broadcast: the root sends; the others receive.

A transport moves arrays: `send(dst, key, array)` returns at once, `recv(src, key)`
blocks until that message is in. `RayTransport` (distribute/horovod_ray.py) carries
them through Ray's object store; tests use an in-process one.
"""
from __future__ import annotations

import collections

import numpy as np

from ..engine.framework import errors

__all__ = ["RingBackend", "SMALL_BYTES"]

SMALL_BYTES = 1 << 16


class RingBackend:
    """Rank `rank` of `size`, exchanging arrays through `transport`."""

    def __init__(self, rank, size, transport, local_rank=None, local_size=None):
        self.rank, self.size = int(rank), int(size)
        self.local_rank = self.rank if local_rank is None else int(local_rank)
        self.local_size = self.size if local_size is None else int(local_size)
        self._transport = transport
        self._counts = collections.Counter()

    def _key(self, kind, name):
        self._counts[kind, name] += 1
        return f"{kind}:{name}:{self._counts[kind, name]}"

    def _send(self, dst, key, value):
        self._transport.send(dst, f"{key}<{self.rank}", value)

    def _recv(self, src, key):
        return self._transport.recv(src, f"{key}<{src}")

    # -- collectives -----------------------------------------------------------------
    def allreduce(self, name, value):
        value = np.asarray(value, order="C")
        if value.dtype == object or value.dtype.kind in "SUb":
            raise errors.InvalidArgumentError(
                None, None, f"HorovodAllreduce does not support dtype {value.dtype}")
        key = self._key("allreduce", name)
        if self.size == 1:
            return value.copy()
        if value.nbytes <= SMALL_BYTES or value.size < self.size:
            return self._allreduce_direct(key, value)
        return self._allreduce_ring(key, value)

    def allreduce_many(self, name, values):
        """Sums of several arrays of one dtype, exchanged as one flat buffer."""
        values = [np.asarray(v, order="C") for v in values]
        if not values:
            return []
        flat = np.concatenate([v.reshape(-1) for v in values]) if len(values) > 1 \
            else values[0].reshape(-1)
        total = self.allreduce(name, flat)
        out, at = [], 0
        for v in values:
            out.append(total[at:at + v.size].reshape(v.shape))
            at += v.size
        return out

    def _allreduce_direct(self, key, value):
        for dst in range(self.size):
            if dst != self.rank:
                self._send(dst, key, value)
        parts = [value if src == self.rank else self._recv(src, key) for src in range(self.size)]
        for p in parts:
            self._check_shape(p, value, key)
        total = parts[0].copy()
        for p in parts[1:]:
            total += p
        return total

    def _allreduce_ring(self, key, value):
        n, r = self.size, self.rank
        flat = value.reshape(-1).copy()
        bounds = np.linspace(0, flat.size, n + 1).astype(np.int64)
        chunk = [flat[bounds[i]:bounds[i + 1]] for i in range(n)]
        nxt, prev = (r + 1) % n, (r - 1) % n
        for s in range(n - 1):       # reduce-scatter: chunk (r+1)%n ends up whole here
            self._send(nxt, f"{key}/rs{s}", chunk[(r - s) % n])
            got = self._recv(prev, f"{key}/rs{s}")
            c = chunk[(r - s - 1) % n]
            if got.shape != c.shape:
                self._check_shape(got, c, key)
            c += got
        for s in range(n - 1):       # all-gather: pass the whole chunks on
            self._send(nxt, f"{key}/ag{s}", chunk[(r + 1 - s) % n])
            chunk[(r - s) % n][...] = self._recv(prev, f"{key}/ag{s}")
        return flat.reshape(value.shape)

    def allgather(self, name, value):
        value = np.asarray(value, order="C")
        key = self._key("allgather", name)
        if self.size == 1:
            return value.copy()
        for dst in range(self.size):
            if dst != self.rank:
                self._send(dst, key, value)
        parts = [value if src == self.rank else self._recv(src, key) for src in range(self.size)]
        for p in parts:
            if p.shape[1:] != value.shape[1:] or p.dtype != value.dtype:
                raise errors.InvalidArgumentError(
                    None, None, f"Mismatched allgather tensor shapes: rank {self.rank} has "
                    f"{list(value.shape)} ({value.dtype}), another rank "
                    f"{list(p.shape)} ({p.dtype}) (dimensions after the first must agree)")
        return np.concatenate(parts, axis=0)

    def broadcast(self, name, value, root_rank):
        value = np.asarray(value, order="C")
        key = self._key("broadcast", name)
        if self.size == 1:
            return value.copy()
        if self.rank == root_rank:
            for dst in range(self.size):
                if dst != self.rank:
                    self._send(dst, key, value)
            return value.copy()
        got = self._recv(root_rank, key)
        self._check_shape(got, value, key)
        return np.array(got, copy=True)

    def _check_shape(self, got, mine, key):
        if got.shape != mine.shape or got.dtype != mine.dtype:
            raise errors.InvalidArgumentError(
                None, None, f"Mismatched {key.split(':')[0]} tensor shapes for "
                f"{key.split(':')[1]!r}: rank {self.rank} has {list(mine.shape)} "
                f"({mine.dtype}), another rank {list(got.shape)} ({got.dtype})")

    def shutdown(self):
        close = getattr(self._transport, "close", None)
        if close is not None:
            close()
