"""Variables kept on the XLA device between runs (resident), brought to the host lazily.

A variable is resident in a clustered plan when only XLA clusters use it there: no host
op of the plan reads it, it is not fetched and no cluster hands its buffer on. Such a
plan uploads the variable once (the first run that owns it) and then passes the device
array to its executables and keeps the updated array they return (the argument donated,
so XLA updates it in place); the host buffer in RunContext.variables is stale meanwhile.

One plan of a session owns the resident copies at a time (`RunContext.xla_resident`).
Before any other plan of the session runs (a fetch of the variable, Saver's save, an
initializer, a NumPy op), Session._execute calls `flush()`: the updated arrays are
copied into the host buffers and dropped; the owner uploads again on its next run. So
every host-side read sees the value the last XLA update left, and reference semantics
hold as on the NumPy backend. Runs of a plan with resident variables, and flushes, hold
LOCK: concurrent runs of the session are serialized around them.

`STATS` counts uploads (host -> device) and downloads (device -> host) of variables.
"""
from __future__ import annotations

import threading

import numpy as np

__all__ = ["LOCK", "STATS", "Resident", "claim", "resident_vars"]

LOCK = threading.RLock()
STATS = {"uploads": 0, "downloads": 0}

# node types a plan may hold beside its clusters and keep its variables resident (no host
# op reads a variable and nothing blocks while the plan holds LOCK)
_HOST_OK = frozenset({"VariableV2", "Const", "NoOp", "Identity"})


class Resident:
    """The device arrays of the variables one plan keeps resident (name -> jax array)."""

    __slots__ = ("ctx", "owner", "arrays", "dirty")

    def __init__(self, ctx, owner):
        self.ctx = ctx
        self.owner = owner
        self.arrays = {}
        self.dirty = set()

    def flush(self):
        """Copies the updated device values into the host buffers; drops the device copies
        and the ownership."""
        with LOCK:
            store = self.ctx.variables
            for name in self.dirty:
                arr = self.arrays.get(name)
                buf = store.get(name)
                if (arr is not None and not arr.is_deleted() and isinstance(buf, np.ndarray)
                        and buf.shape == arr.shape):
                    np.copyto(buf, np.asarray(arr))
                    STATS["downloads"] += 1
            self.arrays.clear()
            self.dirty.clear()
            if getattr(self.ctx, "xla_resident", None) is self:
                self.ctx.xla_resident = None


def claim(ctx, owner):
    """The Resident of `owner` in this session, flushing another plan's first."""
    cur = ctx.xla_resident
    if cur is not None and cur.owner is owner:
        return cur
    if cur is not None:
        cur.flush()
    cur = ctx.xla_resident = Resident(ctx, owner)
    return cur


def resident_vars(nodes, fetches, clusters):
    """{VariableV2 output value -> storage name} of the variables only clusters use.

    `nodes`: the clustered plan's nodes; `clusters`: {id(cluster node) -> Cluster}."""
    if any(n.type not in _HOST_OK and id(n) not in clusters for n in nodes):
        return {}
    readers = {}
    for n in nodes:
        for v in n.inputs:
            readers.setdefault(v, []).append(n)
    fetched = set(fetches)
    out = {}
    for n in nodes:
        if n.type != "VariableV2":
            continue
        v = n.outputs[0]
        users = readers.get(v, [])
        if v in fetched or not users:
            continue
        ok = True
        devs = {getattr(clusters.get(id(u)), "gpu", None) for u in users}
        for u in users:
            c = clusters.get(id(u))
            if c is None or len(devs) > 1 or any(c.var_of.get(o) == v for o in c.outputs):
                ok = False
                break
        if ok:
            out[v] = n.attrs.get("shared_name") or n.name
    return out
