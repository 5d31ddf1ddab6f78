"""Inter-op parallelism on the NumPy backend: independent heavy ops of a plan run at once.

TF runs ready ops on an inter-op thread pool (ConfigProto.inter_op_parallelism_threads).
flowgrad's plans are straight-line code whose per-op cost is a few hundred nanoseconds,
far below a thread hand-off (tens of microseconds), so only *heavy* ops are worth moving
to another thread: BLAS ops (MatMul, BatchMatMul) and convolutions with their gradients
(GEMMs inside) whose static size is at least `MIN_PARALLEL` multiply-adds, and only
when the caller has other heavy work to do while one runs. NumPy releases the GIL inside
BLAS and ufunc loops, so two GEMMs on two threads run on two cores.

The choice, per plan, from static shapes (`async_nodes`): a heavy pure node `i` runs on
the pool when another heavy node `j` comes after it and before `i`'s first reader, with
no barrier between them (below); the caller runs the nodes in between, `j` included,
meanwhile. Plans with no such pair (most plans, every small one) keep the generated
straight-line function: `ParallelPlan` is built only for plans that have one.

Exactness. Each node runs its own kernel on the same input arrays as in sequential
order, so the values are bit for bit the sequential ones. The order of effects is kept
by barriers: the caller waits for every pending node before a stateful node (variable
writes and reads with side effects, random ops, queues, prints: their order among
themselves and against every read is the plan's, which encodes the graph's control
dependencies) and before a node that writes into an input buffer in place (a pending
node may still read that buffer); a node reading a pending node's output waits for
it; the fetches are returned after everything finished. An error raised on the pool
is raised by the caller as the OpError of the node that failed.
"""
from __future__ import annotations

import os
import threading

from ..framework import fpenv

__all__ = ["MIN_PARALLEL", "ParallelPlan", "async_nodes", "pool"]

MIN_PARALLEL = 1 << 22     # multiply-adds below which an op is not worth a thread hand-off
_MATMULS = frozenset(("MatMul", "BatchMatMul", "BatchMatMulV2"))


def _dims(program, v):
    s = program.shapes.get(v)
    t = s.as_tuple() if s is not None else None
    return None if t is None or None in t else t


# conv op type -> (input position of the tensor whose size times the filter's window and
# input depth counts the multiply-adds, input position of the filter or its shape)
_CONVS = {"Conv2D": ("out", 1), "Conv2DBackpropInput": (2, 1), "Conv3D": ("out", 1),
          "Conv2DBackpropFilter": (2, "out"), "DepthwiseConv2dNative": ("out", 1),
          "Conv3DBackpropInputV2": (2, 1), "Conv3DBackpropFilterV2": (2, "out")}


def _prod(t):
    size = 1
    for d in t:
        size *= d
    return size


def _conv_cost(program, n):
    """Static multiply-adds of a convolution or one of its gradients: the output size
    (the forward op's) times the filter's window and input depth."""
    big, filt = _CONVS[n.type]
    out = _dims(program, n.outputs[0]) if big == "out" else _dims(program, n.inputs[big])
    f = _dims(program, n.outputs[0]) if filt == "out" else _dims(program, n.inputs[filt])
    if out is None or f is None or len(f) < 3:
        return 0
    window = _prod(f[:-1]) if n.type != "DepthwiseConv2dNative" else _prod(f[:-2])
    return _prod(out) * window


def _cost(program, n):
    """Static multiply-adds of a MatMul-like or convolution node (0 when unknown or not
    one)."""
    if n.type in _CONVS and len(n.outputs) == 1:
        return _conv_cost(program, n)
    if n.type not in _MATMULS or len(n.inputs) != 2 or len(n.outputs) != 1:
        return 0
    a, out = _dims(program, n.inputs[0]), _dims(program, n.outputs[0])
    if a is None or out is None or len(a) < 2:
        return 0
    adj = n.attrs.get("transpose_a") or n.attrs.get("adj_x")
    k = a[-2] if adj else a[-1]
    return _prod(out) * k


def _pure(n):
    od = n.op_def
    return not (n.stateful or od.stateful or od.aliases_input)


def async_nodes(program, analysis, min_cost=None):
    """Indices of the nodes a parallel run hands to the pool (empty: run sequentially)."""
    if min_cost is None:
        min_cost = MIN_PARALLEL
    nodes = program.nodes
    heavy = [i for i, n in enumerate(nodes) if _pure(n) and _cost(program, n) >= min_cost]
    if len(heavy) < 2:
        return frozenset()
    barrier = barriers(program, analysis)
    first_reader = {}
    for i, n in enumerate(nodes):
        for v in n.inputs:
            first_reader.setdefault(v, i)
    fetched = set(program.fetches)
    out = set()
    for a, i in enumerate(heavy):
        reads = [first_reader.get(v, len(nodes)) for v in nodes[i].outputs]
        if any(v in fetched for v in nodes[i].outputs):
            reads.append(len(nodes))
        until = min(reads) if reads else len(nodes)
        for j in heavy[a + 1:]:
            if j >= until:
                break
            if not any(barrier[i + 1:j + 1]):
                out.add(i)
            break
    return frozenset(out)


def barriers(program, analysis):
    """barrier[i]: node i must wait for every pending node (stateful, or writes in place)."""
    inplace = analysis.inplace
    return [n.stateful or n.op_def.stateful or i in inplace
            for i, n in enumerate(program.nodes)]


_pools = {}
_pools_lock = threading.Lock()


def pool(workers):
    """The process's inter-op pool of `workers` threads (a new one after fork)."""
    key = (os.getpid(), workers)
    p = _pools.get(key)
    if p is None:
        with _pools_lock:
            p = _pools.get(key)
            if p is None:
                from concurrent.futures import ThreadPoolExecutor  # lazy: parallel plans only
                p = _pools[key] = ThreadPoolExecutor(workers,
                                                     thread_name_prefix="flowgrad-inter-op",
                                                     initializer=fpenv.flush_this_thread)
    return p


class ParallelPlan:
    """Runs a CompiledProgram's steps with its `async_nodes` on the inter-op pool."""

    def __init__(self, compiled, async_set, workers):
        self.compiled = compiled
        self.workers = max(1, int(workers))
        program = compiled.program
        barrier = barriers(program, compiled.analysis)
        producer = {}
        for i in async_set:
            for v in program.nodes[i].outputs:
                producer[v] = i
        steps = []
        for k, ins, outs, drop, j, i in compiled._steps:
            waits = tuple(sorted({producer[v] for v in ins if v in producer}))
            steps.append((k, ins, outs, drop, j, i, i in async_set, barrier[i], waits))
        self._steps = steps
        self._fetch_waits = tuple(sorted({producer[v] for v in program.fetches
                                          if v in producer}))
        self.async_set = async_set

    def __call__(self, feeds):
        compiled = self.compiled
        program = compiled.program
        R = list(compiled._template)
        for v, f in zip(program.feeds, feeds):
            R[v] = f
        submit = pool(self.workers).submit
        pending = {}        # node index -> (future, outputs)
        i = -1
        args = None
        try:
            for k, ins, outs, drop, j, i, run_async, barrier, waits in self._steps:
                if pending:
                    if barrier:
                        _collect_all(pending, R, compiled)
                    elif waits:
                        for w in waits:
                            if w in pending:
                                _collect(pending, w, R, compiled)
                args = [R[v] for v in ins]
                if run_async:
                    pending[i] = (submit(k, *args), outs, args)
                else:
                    res = k(*args) if j is None else k(*args, out=args[j])
                    if len(outs) == 1:
                        R[outs[0]] = res
                    elif outs:
                        for v, r in zip(outs, res):
                            R[v] = r
                for v in drop:
                    R[v] = None
            if pending:
                _collect_all(pending, R, compiled)
        except _PoolError as e:
            # (TF still runs what does not depend on the failed node; node i has not run)
            compiled._finish_step(e.node, R, start=i)
            raise e.error from None
        except Exception as e:  # noqa: BLE001 - becomes the OpError naming this node
            _drain(pending, R)
            if i >= 0:
                compiled._finish_step(i, R)
            raise compiled.translate_error(e, node=program.nodes[i] if i >= 0 else None,
                                           args=args) from None
        return tuple(R[v] for v in program.fetches)


class _PoolError(Exception):
    def __init__(self, error, node):
        super().__init__(str(error))
        self.error = error
        self.node = node    # the index of the node that failed on the pool


def _collect(pending, i, R, compiled):
    fut, outs, args = pending.pop(i)
    try:
        res = fut.result()
    except Exception as e:  # noqa: BLE001 - the OpError of the node that ran on the pool
        _drain(pending, R)
        raise _PoolError(compiled.translate_error(e, node=compiled.program.nodes[i],
                                                  args=args), i) from None
    if len(outs) == 1:
        R[outs[0]] = res
    else:
        for v, r in zip(outs, res):
            R[v] = r


def _collect_all(pending, R, compiled):
    for i in sorted(pending):
        if i in pending:
            _collect(pending, i, R, compiled)


def _drain(pending, R):
    """Waits for nodes still running (their buffers stay valid until they finish); keeps
    their values in R (a failed run still runs the nodes that read them)."""
    for fut, outs, _ in pending.values():
        try:
            res = fut.result()
        except Exception:  # noqa: BLE001, S112 - the first error is the one reported
            continue
        if len(outs) == 1:
            R[outs[0]] = res
        else:
            for v, r in zip(outs, res):
                R[v] = r
    pending.clear()
