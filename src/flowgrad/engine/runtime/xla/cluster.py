"""Clusters of a plan compiled by XLA through `jax.jit`, built in a background thread.

A cluster is a run of consecutive nodes (in the plan's schedule order, so every data
and control dependency and every read/write order of the NumPy plan is kept) that XLA
can take: a lowering in lowering.py, no stateful op except the variable updates of
`lowering.WRITES`, numeric dtypes, fully known static shapes, and the inputs a
lowering needs as constants coming from Const nodes. VariableV2 and Const nodes have
no inputs and are moved to the start of the plan first (a variable's buffer is the same
object all run long), so they never cut a cluster. A cluster node takes the values it
reads (a variable's buffer at the moment the cluster runs, as NumPy kernels read it),
calls the compiled executable and writes the new values of the variables it updates
back into their buffers; a read of a variable inside the cluster after an update sees
the new value (reference semantics, as the NumPy plan). Whatever the executable cannot
take at run time (an uninitialized variable, a buffer whose shape changed) runs the
cluster's own nodes on NumPy instead, which also raises TF's errors.

Executables are cached across plans and sessions by the cluster's signature (op types,
attrs, shapes, dtypes, constants); with FLOWGRAD_XLA_CACHE_DIR set, JAX's persistent
compilation cache keeps them on disk across processes.
"""
from __future__ import annotations

import hashlib
import os
import threading
import time

import numpy as np

from ..backends.numpy import CompiledProgram, bind_kernel
from ..ir import Node, Program
from ...framework import errors
from ...framework.registry import OpDef
from ...framework.tensor_shape import TensorShape
from . import lowering, rolling
from . import resident as _res
from ._core import marks, require_jax, scopes

# Measured (docs/performance.md): one unrolled cluster of W3's 6,000 nodes took XLA 133 s
# to compile and 49 ms per call (NumPy: 2-10 ms); clusters of at most MAX_CLUSTER nodes
# compile in well under a second each and run at XLA's speed.
MAX_CLUSTER = 256
MIN_ELEMENTS = 1 << 14    # average elements per node of a cluster without a matmul
MIN_CLUSTER = 2           # compute nodes: a lone cheap op is not worth a call (~12 us)
MIN_ROLLED = 64           # nodes in rolled loops that make a cluster worth a call

_NUMERIC = frozenset({"float16", "float32", "float64", "int8", "int16", "int32", "int64",
                      "uint8", "uint16", "uint32", "uint64", "bool", "complex64",
                      "complex128"})
_EXES: dict = {}          # cluster signature -> compiled executable
_EXES_LOCK = threading.Lock()


def _static_shape(program, v):
    s = program.shapes.get(v)
    t = s.as_tuple() if s is not None else None
    if t is None or None in t:
        return None
    return t


def _numeric(program, v):
    dt = program.dtypes.get(v)
    return dt is not None and dt.name in _NUMERIC


def _is_source(n):
    return not n.inputs and (n.type == "VariableV2" or
                             (n.type == "Const" and n.op_def.bind is None))


def _hoisted(program):
    """The nodes with VariableV2/Const nodes first (safe: they read nothing and a variable's
    buffer is one object all run long, unless an Assign may replace it)."""
    nodes = program.nodes
    if any(n.type == "Assign" and not n.attrs.get("validate_shape", True) for n in nodes):
        return list(nodes)
    return [n for n in nodes if _is_source(n)] + [n for n in nodes if not _is_source(n)]


class Cluster:
    """One run of nodes: its inputs, outputs, written variables and how to trace it."""

    def __init__(self, nodes, inputs, outputs, consts, var_of, program, regions=()):
        self.nodes = nodes
        self.regions = list(regions)    # rolling.Region, indices into nodes
        self.inputs = inputs            # value ids, the executable's arguments
        self.outputs = outputs          # value ids the rest of the plan reads
        self.consts = consts            # value id -> NumPy constant (embedded)
        self.var_of = var_of            # value id -> input value id of the variable buffer
        self.program = program
        self.written = []               # input value ids of variables written
        self.gpu = None                 # GPU index its ops are placed on (placement.py)
        self.device = None              # the jax device it runs on (None: JAX's default)
        for n in nodes:
            if n.type in lowering.WRITES:
                w = var_of[n.inputs[0]]
                if w not in self.written:
                    self.written.append(w)

    def trace_fn(self):
        nodes, inputs, consts, var_of = self.nodes, self.inputs, self.consts, self.var_of
        writes = lowering.WRITES
        table = lowering.LOWERINGS
        dtypes = self.program.dtypes
        traced_out = [v for v in self.outputs if v not in var_of]
        written = self.written
        regions = {r.start: r for r in self.regions}
        ys_keys = self._stacked_outputs()

        def compute(n, ins):
            res = table[n.type].fn(n, *ins)
            if len(n.outputs) == 1:
                res = (res,)
            out = []
            for v, r in zip(n.outputs, res):
                want = dtypes[v].as_numpy_dtype
                out.append(r if r.dtype == want else r.astype(want))
            return out

        def fn(*args):
            env = _Env(consts)
            env.update(zip(inputs, args))
            i = 0
            while i < len(nodes):
                r = regions.get(i)
                if r is not None:
                    _scan(r, nodes, env, var_of, ys_keys[r.start], compute)
                    i = r.stop
                    continue
                n = nodes[i]
                i += 1
                if n.type == "Identity" and n.outputs[0] in var_of:
                    continue
                ins = [env[var_of.get(v, v)] for v in n.inputs]
                if n.type in writes:
                    w = var_of[n.inputs[0]]
                    env[w] = writes[n.type](n, *ins).astype(dtypes[n.outputs[0]].as_numpy_dtype)
                    continue
                env.update(zip(n.outputs, compute(n, ins)))
            return tuple(env[v] for v in traced_out) + tuple(env[w] for w in written)
        return fn

    def _stacked_outputs(self):
        """Region start -> the (body node, output) pairs whose per-iteration values are
        read after the region (by later nodes, later regions or the cluster's outputs)."""
        keys = {}
        for r in self.regions:
            later = set(self.outputs)
            for n in self.nodes[r.stop:]:
                later.update(n.inputs)
            for other in self.regions:
                if other.start >= r.stop:
                    later.update(v for vals in other.xs.values() for v in vals)
                    later.update(other.init.values())
            keys[r.start] = [(j, o) for j in range(r.period)
                             for o in range(len(self.nodes[r.start + j].outputs))
                             if any(self.nodes[r.start + k * r.period + j].outputs[o] in later
                                    for k in range(r.reps))]
        return keys

    def signature(self):
        """A key naming what the executable computes (op types, attrs, wiring, shapes,
        dtypes, constant bytes)."""
        h = hashlib.sha256()
        local = {v: i for i, v in enumerate(self.inputs)}

        def name(v):
            if v not in local:
                local[v] = len(local)
            return local[v]
        p = self.program
        for v in self.inputs:
            h.update(f"in{name(v)}:{p.dtypes[v].name}{p.shapes[v].as_tuple()};".encode())
        for v, c in sorted(self.consts.items()):
            h.update(f"c{name(v)}:{c.dtype}{c.shape}".encode())
            h.update(np.ascontiguousarray(c).tobytes())
        for n in self.nodes:
            attrs = {k: a for k, a in n.attrs.items() if k != "value"}
            h.update(f"{n.type}{sorted((k, repr(a)) for k, a in attrs.items())}"
                     f"{[name(v) for v in n.inputs]}->{[name(v) for v in n.outputs]}"
                     f"{[p.dtypes[v].name for v in n.outputs]}"
                     f"{[p.shapes[v].as_tuple() for v in n.outputs]};".encode())
        h.update(f"out{[name(v) for v in self.outputs]}w{[name(v) for v in self.written]}"
                 .encode())
        return h.hexdigest()

    def compile(self, donate=(), device=None):
        """The compiled executable (from the cache when one with this signature exists):
        arguments at the positions `donate` donated (resident variables XLA updates in
        place), on `device` (a jax device; None: JAX's default)."""
        jax = require_jax()
        key = (self.signature(), tuple(donate), None if device is None else str(device))
        with _EXES_LOCK:
            exe = _EXES.get(key)
        if exe is not None:
            return exe
        p = self.program
        kw = {}
        if device is not None:
            kw["sharding"] = jax.sharding.SingleDeviceSharding(device)
        specs = [jax.ShapeDtypeStruct(p.shapes[v].as_tuple(), p.dtypes[v].as_numpy_dtype, **kw)
                 for v in self.inputs]
        exe = jax.jit(self.trace_fn(), donate_argnums=tuple(donate)).lower(*specs).compile()
        with _EXES_LOCK:
            _EXES[key] = exe
        return exe


class _Env(dict):
    """Values by id while a cluster is traced; a per-iteration value of a rolled region is
    sliced from the region's stacked output when first read."""

    def __init__(self, *a):
        super().__init__(*a)
        self.stacked = {}     # value id -> (stacked array, iteration)
        self.origin = {}      # value id -> (region id, (j, o), iteration)

    def __missing__(self, v):
        arr, k = self.stacked[v]
        self[v] = val = arr[k]
        return val


def _scanned(env, vals):
    """One per-iteration input of a region, stacked: a slice of an earlier region's stacked
    output (in order or reversed) when the values are that, else jnp.stack."""
    jnp = lowering._jnp
    first = env.origin.get(vals[0])
    if first is not None and all(v in env.origin for v in vals):
        rid, key, k0 = first
        ks = [env.origin[v][2] for v in vals]
        same = all(env.origin[v][:2] == (rid, key) for v in vals)
        if same and len(vals) > 1:
            step = ks[1] - ks[0]
            if step in (1, -1) and all(b - a == step for a, b in zip(ks, ks[1:])):
                arr = env.stacked[vals[0]][0]
                lo, hi = min(ks), max(ks) + 1
                part = arr[lo:hi]
                return part if step == 1 else part[::-1]
    return jnp.stack([env[v] for v in vals])


def _scan(r, nodes, env, var_of, ys_keys, compute):
    """Traces region r as one lax.scan and records its stacked per-iteration outputs."""
    lax = lowering._lax
    body_nodes = nodes[r.start:r.start + r.period]
    cidx = {c: i for i, c in enumerate(r.carries)}
    init = tuple(env[var_of.get(r.init[c], r.init[c])] for c in r.carries)
    xs = tuple(_scanned(env, [var_of.get(v, v) for v in r.xs[m]]) for m in range(len(r.xs)))

    def body(carry, xk):
        local = {}
        for j, n in enumerate(body_nodes):
            ins = []
            for kind, a, b in r.slots[j]:
                if kind == "in":
                    ins.append(local[(a, b)])
                elif kind == "prev":
                    ins.append(carry[cidx[(a, b)]])
                elif kind == "inv":
                    ins.append(env[var_of.get(a, a)])
                else:
                    ins.append(xk[a])
            for o, val in enumerate(compute(n, ins)):
                local[(j, o)] = val
        return tuple(local[c] for c in r.carries), tuple(local[y] for y in ys_keys)

    _, ys = lax.scan(body, init, xs, length=r.reps)
    for (j, o), arr in zip(ys_keys, ys):
        for k in range(r.reps):
            v = nodes[r.start + k * r.period + j].outputs[o]
            env.stacked[v] = (arr, k)
            env.origin[v] = (id(r), (j, o), k)


def _small_work(program, nodes):
    """Fewer than MIN_ELEMENTS elements per node on average and no matrix product: XLA's
    per-op overhead dominates, which rolling into a scan removes. Measured on W4 (64
    layers of 512x512 MatMul): rolling its forward pass stacked the 64 weights each call,
    compiled 10x longer and stepped 1.5x slower than the unrolled cluster."""
    if any(n.type in ("MatMul", "BatchMatMulV2", "BatchMatMul") for n in nodes):
        return False
    work = sum(int(np.prod(_static_shape(program, v) or (0,))) for n in nodes for v in n.outputs)
    return work < MIN_ELEMENTS * len(nodes)


def _worth_it(program, run):
    """Measured: XLA:CPU runs an unfused op of a small array in ~5-8 us (NumPy: ~1 us), so
    an auto cluster needs a matrix product or MIN_ELEMENTS elements of work per node."""
    if any(n.type in ("MatMul", "BatchMatMulV2", "BatchMatMul") for n in run):
        return True
    work = 0
    for n in run:
        for v in n.outputs:
            work += int(np.prod(_static_shape(program, v) or (0,)))
    return work >= MIN_ELEMENTS * len(run)


def _refined_shapes(program, nodes, consts):
    """A copy of `program` whose unknown static shapes are filled in where the inputs'
    shapes are known: a folded constant's from its value, an op with a lowering by
    tracing it abstractly (jax.eval_shape). Graph-level inference leaves gaps that the
    optimizer's folding closes (a gradient's Sum over axes BroadcastGradientArgs computed:
    measured on W4, they cut the backward pass into 64 clusters of 3 nodes)."""
    jax = require_jax()
    shapes = dict(program.shapes)

    def known(v):
        s = shapes.get(v)
        t = s.as_tuple() if s is not None else None
        return t is not None and None not in t
    for n in nodes:
        if n.type == "Const" and n.outputs[0] in consts and not known(n.outputs[0]):
            shapes[n.outputs[0]] = TensorShape(consts[n.outputs[0]].shape)
            continue
        low = lowering.LOWERINGS.get(n.type)
        if (low is None or n.stateful or all(known(v) for v in n.outputs)
                or not all(known(v) and _numeric(program, v) for v in n.inputs)
                or not all(n.inputs[k] in consts for k in low.static)):
            continue
        static = {k % len(n.inputs) for k in low.static}
        specs = [None if k in static else
                 jax.ShapeDtypeStruct(shapes[v].as_tuple(), program.dtypes[v].as_numpy_dtype)
                 for k, v in enumerate(n.inputs)]

        def fn(*args, n=n, low=low, specs=specs):
            it = iter(args)
            ins = [consts[v] if spec is None else next(it) for v, spec in zip(n.inputs, specs)]
            return low.fn(n, *ins)
        try:
            out = jax.eval_shape(fn, *[sp for sp in specs if sp is not None])
        except Exception:  # noqa: BLE001 - a lowering that cannot be traced stays unclustered
            continue
        outs = out if isinstance(out, (tuple, list)) else (out,)
        if len(outs) == len(n.outputs):
            for v, o in zip(n.outputs, outs):
                if not known(v):
                    shapes[v] = TensorShape(o.shape)
    return Program(program.nodes, program.feeds, program.fetches, program.dtypes, shapes,
                   program.persistent, program.next_value)


def _rolled_pieces(run, program, producer, consts):
    """`run` cut into clusters of at most MAX_CLUSTER traced nodes, a rolled region
    (rolling.py) counting as its loop body: [(nodes, regions relative to nodes)]."""
    def plain(n):
        if n.type in lowering.WRITES:
            return False
        src = producer.get(n.inputs[0]) if n.inputs else None
        return not (n.type == "Identity" and src is not None and src.type == "VariableV2")

    def same(v, w):
        if v == w:
            return True
        a, b = consts.get(v), consts.get(w)
        return (a is not None and b is not None and a.dtype == b.dtype
                and a.shape == b.shape and a.tobytes() == b.tobytes())

    def valid(region, run):
        body = run[region.start:region.start + region.period]
        if not _small_work(program, body):
            return False
        for j in range(region.period):
            n = run[region.start + j]
            static = lowering.LOWERINGS[n.type].static
            for k in static:
                kind, v, _ = region.slots[j][k]
                if kind != "inv" or v not in consts:
                    return False
        for (j, o), v in region.init.items():
            out = run[region.start + j].outputs[o]
            if (program.dtypes[v] != program.dtypes[out]
                    or program.shapes[v].as_tuple() != program.shapes[out].as_tuple()):
                return False
        for vals in region.xs.values():
            key = {(program.dtypes[v].name, program.shapes[v].as_tuple()) for v in vals}
            if len(key) != 1:
                return False
        return True

    regions = rolling.find_regions(run, program, plain, same, valid) if len(run) > 1 else []
    pieces, cur, cur_regions, weight = [], [], [], 0
    i, by_start = 0, {r.start: r for r in regions}
    while i < len(run):
        r = by_start.get(i)
        size = r.period if r is not None else 1
        if cur and weight + size > MAX_CLUSTER:
            pieces.append((cur, cur_regions))
            cur, cur_regions, weight = [], [], 0
        if r is not None:
            r.start = len(cur)
            cur_regions.append(r)
            cur.extend(run[i:i + r.period * r.reps])
            i += r.period * r.reps
        else:
            cur.append(run[i])
            i += 1
        weight += size
    if cur:
        pieces.append((cur, cur_regions))
    return pieces


def find_clusters(program, mode, ctx, gpu_ops=None):
    """The clusters of `program` ("auto": every node XLA can take; "scope": marked ops and
    ops placed on a GPU). `gpu_ops` (op -> GPU index, placement.py): ops on different
    devices never share a cluster; Cluster.gpu is the index (None: JAX's default)."""
    gpu_ops = gpu_ops or {}
    nodes = _hoisted(program)
    producer = {}
    for n in nodes:
        for v in n.outputs:
            producer[v] = n
    consts = {}
    for n in nodes:
        if n.type == "Const" and not n.inputs and n.op_def.bind is None:
            val = bind_kernel(n, ctx)()
            if isinstance(val, np.ndarray) and val.dtype.kind in "biufc":
                consts[n.outputs[0]] = val
            elif isinstance(val, np.generic) and val.dtype.kind in "biufc":
                consts[n.outputs[0]] = np.asarray(val)

    program = _refined_shapes(program, nodes, consts)

    def ok_value(v):
        return _numeric(program, v) and _static_shape(program, v) is not None

    def eligible(n):
        mark = marks.get(n.op) if n.op is not None else None
        if mark is None and n.op in gpu_ops:
            mark = True          # placed on a GPU: XLA is flowgrad's GPU backend
        if mark is False or (mode == "scope" and not mark):
            return False
        if n.type in lowering.WRITES:
            src = producer.get(n.inputs[0])
            if src is None or src.type != "VariableV2":
                return False
        elif n.type not in lowering.LOWERINGS or n.stateful:
            return False
        if not all(ok_value(v) for v in n.inputs) or not all(ok_value(v) for v in n.outputs):
            return False
        static = lowering.LOWERINGS.get(n.type)
        for k in (static.static if static is not None else ()):
            if n.inputs[k] not in consts:
                return False
        return True

    def scope(n):
        if n.op is None:
            return None, None
        return scopes.get(n.op, (None,))[0], gpu_ops.get(n.op)

    runs, cur = [], []
    for n in nodes:
        if _is_source(n):
            continue
        if eligible(n):
            if cur and scope(n) != scope(cur[-1]):     # TF: scopes never share a cluster
                runs.append(cur)
                cur = []
            cur.append(n)
            continue
        if cur:
            runs.append(cur)
        cur = []
    if cur:
        runs.append(cur)
    pieces = []
    for run in runs:
        pieces.extend(_rolled_pieces(run, program, producer, consts))
    if mode != "scope":
        pieces = [(r, regs) for r, regs in pieces
                  if sum(g.period * g.reps for g in regs) >= MIN_ROLLED
                  or (len(r) >= MIN_CLUSTER and _worth_it(program, r))]
    if not pieces:
        return nodes, []
    index = {id(n): i for i, n in enumerate(nodes)}
    later_reads = {}      # value -> index of the last node reading it
    for i, n in enumerate(nodes):
        for v in n.inputs:
            later_reads[v] = i
    fetched = set(program.fetches)
    clusters = []
    for run, regions in pieces:
        defined, inputs, seen = set(), [], set()
        var_of = {}
        for n in run:
            for v in n.inputs:
                src = producer.get(v)
                if src is not None and src.type == "VariableV2":
                    var_of[v] = v
                if v not in defined and v not in consts and v not in seen:
                    seen.add(v)
                    inputs.append(v)
            if n.type in lowering.WRITES or (n.type == "Identity" and n.inputs[0] in var_of):
                var_of[n.outputs[0]] = var_of.get(n.inputs[0], n.inputs[0])
            defined.update(n.outputs)
        last = index[id(run[-1])]
        outputs = [v for n in run for v in n.outputs
                   if v in fetched or later_reads.get(v, -1) > last]
        used_consts = {v: consts[v] for n in run for v in n.inputs if v in consts}
        c = Cluster(run, inputs, outputs, used_consts, var_of, program, regions)
        c.gpu = scope(run[0])[1]
        clusters.append(c)
    return nodes, clusters


def _kernel(cluster, exe, ctx, resident=None, owner=None, device=None):
    """The host side of a cluster node: call the executable, write variables back.

    `resident`: {input position -> storage name} of the variables kept on the device
    (resident.py; owned by the plan `owner`): their device arrays are passed instead of
    the host buffers, and their new values kept there."""
    pos = {v: i for i, v in enumerate(cluster.inputs)}
    traced_out = [v for v in cluster.outputs if v not in cluster.var_of]
    n_traced = len(traced_out)
    writes = [(pos[w], n_traced + j) for j, w in enumerate(cluster.written)]
    out_src = []
    for v in cluster.outputs:
        if v in cluster.var_of:
            out_src.append(("a", pos[cluster.var_of[v]]))
        else:
            out_src.append(("r", traced_out.index(v)))
    single = len(out_src) == 1
    fallback = []
    copyto, asarray = np.copyto, np.asarray

    def numpy_run(args):
        if not fallback:
            sub = Program(list(cluster.nodes), list(cluster.inputs), list(cluster.outputs),
                          cluster.program.dtypes, cluster.program.shapes,
                          set(cluster.inputs), cluster.program.next_value)
            sub.nodes = [Node("Const", _const_def(c), {}, [], [v], f"xla_const_{v}")
                         for v, c in cluster.consts.items()] + sub.nodes
            fallback.append(CompiledProgram(sub, ctx, inplace=False))
        try:
            res = fallback[0].interpret(args)
        except errors.OpError as e:
            e._from_xla_cluster = True
            raise
        return res[0] if single else res

    def finish(args, res):
        if single:
            kind, i = out_src[0]
            return asarray(res[i]) if kind == "r" else args[i]
        return tuple(asarray(res[i]) if kind == "r" else args[i] for kind, i in out_src)

    def run(*args):
        try:
            res = exe(*args)
        except Exception:  # noqa: BLE001 - what XLA cannot take runs on NumPy (and raises there)
            return numpy_run(args)
        for k, j in writes:
            copyto(args[k], res[j])
        return finish(args, res)

    if not resident:
        return run
    stats = _res.STATS
    res_in = sorted(resident.items())
    host_writes = [(k, j) for k, j in writes if k not in resident]
    dev_writes = [(resident[k], j) for k, j in writes if k in resident]
    jax = require_jax()

    def run_resident(*args):
        state = _res.claim(ctx, owner)
        arrays = state.arrays
        dev_args = list(args)
        for k, name in res_in:
            a = arrays.get(name)
            if a is None:
                host = args[k]
                if not isinstance(host, np.ndarray):     # uninitialized: NumPy raises TF's error
                    state.flush()
                    return numpy_run(args)
                a = arrays[name] = jax.device_put(host, device)
                stats["uploads"] += 1
            dev_args[k] = a
        try:
            res = exe(*dev_args)
        except Exception:  # noqa: BLE001 - what XLA cannot take runs on NumPy (and raises there)
            state.flush()
            return numpy_run(args)
        for k, j in host_writes:
            copyto(args[k], res[j])
        dirty = state.dirty
        for name, j in dev_writes:
            arrays[name] = res[j]
            dirty.add(name)
        return finish(args, res)
    return run_resident


def _const_def(value):
    return OpDef("Const", None, kernel=lambda: value)


def _cluster_def(kernel, i):
    return OpDef(f"XlaCluster{i}", None, bind=lambda node, ctx: kernel, stateful=True)


def build_program(program, mode, ctx, stop=None, owner=None, gpu_ops=None, gpus=()):
    """The clustered program (clusters compiled) and per-cluster stats; None when no
    cluster was found or none compiled. With `owner` (the plan), variables only clusters
    use stay resident on the device between runs (resident.py). A cluster of ops placed
    on GPU:N (`gpu_ops`, placement.py) runs on `gpus[N]`, the others on JAX's default
    device."""
    nodes, clusters = find_clusters(program, mode, ctx, gpu_ops)
    if not clusters:
        return None, []
    stats = []
    compiled = {}
    for c in clusters:
        if stop is not None and stop.is_set():
            return None, stats
        t0 = time.perf_counter()
        c.device = gpus[c.gpu] if c.gpu is not None else None
        try:
            c.compile(device=c.device)
        except Exception as e:  # noqa: BLE001 - a cluster XLA cannot take stays on NumPy
            stats.append({"nodes": len(c.nodes), "error": f"{type(e).__name__}: {e}"[:300]})
            continue
        stats.append({"nodes": len(c.nodes), "compile_s": time.perf_counter() - t0,
                      "loops": [(r.period, r.reps) for r in c.regions], "gpu": c.gpu})
        compiled[id(c.nodes[0])] = c
    if not compiled:
        return None, stats
    out_nodes, placed = [], {}
    persistent = set(program.persistent)
    skip = set()
    for n in nodes:
        if id(n) in skip:
            continue
        c = compiled.get(id(n))
        if c is None:
            out_nodes.append(n)
            continue
        skip.update(id(m) for m in c.nodes)
        i = len(out_nodes)
        node = Node("XlaCluster", None, {}, list(c.inputs), list(c.outputs),
                    f"xla_cluster_{i}", None, True)
        out_nodes.append(node)
        placed[id(node)] = c
        persistent.update(c.outputs)
    resident = (_res.resident_vars(out_nodes, program.fetches, placed)
                if owner is not None else {})
    for i, node in enumerate(out_nodes):
        c = placed.get(id(node))
        if c is None:
            continue
        mine = {k: resident[v] for k, v in enumerate(c.inputs) if v in resident}
        donate = sorted(k for k in mine if c.inputs[k] in c.written) \
            if _donates(c.device) else []
        exe = c.compile(donate, c.device)
        kernel = _kernel(c, exe, ctx, mine, owner, c.device)
        node.op_def = _cluster_def(kernel, i)
    new = Program(out_nodes, list(program.feeds), list(program.fetches), program.dtypes,
                  program.shapes, persistent, program.next_value)
    new.resident = resident
    return new, stats


def _donates(device) -> bool:
    """Donate the resident variables a cluster updates (XLA writes them in place) on a
    GPU, not on the CPU: measured on W2 (XLA:CPU, one process, alternating blocks, load
    ~11), donation made the step 12% slower (3.19 vs 2.84 ms); on a GPU it saves a copy of
    the parameters in device memory."""
    if device is None:
        device = require_jax().devices()[0]
    return device.platform != "cpu"


def enable_disk_cache():
    """JAX's persistent compilation cache in FLOWGRAD_XLA_CACHE_DIR, when set."""
    path = os.environ.get("FLOWGRAD_XLA_CACHE_DIR")
    if not path:
        return
    jax = require_jax()
    jax.config.update("jax_compilation_cache_dir", path)
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
