"""The NumPy backend: emits a Program as one straight-line Python function.

The generated function takes the feed list and returns the fetch tuple; each
node is one line `rOUT = K<i>(rIN, ...)`. Nothing else runs per op: no
dictionaries, no dispatch. The memory planner decides, once per plan:

- constants become globals of the generated code (no line, no call);
- every intermediate buffer is released right after its last reader: the
  output of a node takes over the local name of an input that dies there
  (rebinding frees it), other dying inputs get a `del`;
- in place: an elementwise ufunc node writes into an input buffer that dies at
  that node (`r3 = K7(r3, r5, out=r3)`) when that buffer is a fresh
  intermediate (made by a ufunc or fused kernel, so never a variable's
  buffer, a constant, a feed, or a view of one), nothing else can still see
  it (no view of it is read later), it is not fetched, and its static shape
  and dtype are the output's.

`estimate_memory` walks the same plan over static shapes (peak bytes known
before running); `CompiledProgram.run_traced` executes the plan node by node,
recording time and bytes per node and the measured peak (RunOptions
FULL_TRACE).
"""
from __future__ import annotations

import dataclasses
import functools
import itertools
import linecache
import sys
import time

import numpy as np

from ...framework import errors
from .. import interleave
from ..kernel_errors import decorate, op_error

_counter = itertools.count()


def bind_kernel(node, ctx):
    od = node.op_def
    if od.bind is not None:
        return od.bind(node, ctx)
    if od.props.get("intra_op_threads"):
        # Kernels whose numbers depend on how TF splits their work over the session's
        # intra-op pool (Sum, Mean, L2Loss); called without one (e.g. by flowgrad's
        # constant folding) they assume a pool of the schedulable CPUs.
        return functools.partial(od.kernel, **node.attrs, intra_threads=_intra_threads(ctx))
    if node.attrs:
        return functools.partial(od.kernel, **node.attrs)
    return od.kernel


def _plan_marked(program):
    """`program` with the nodes whose op marks itself from the plan it runs in (props
    "plan_mark": fn(node, program) -> attrs; a While runs only what the plan reads of it)
    given those attrs."""
    nodes = None
    for i, n in enumerate(program.nodes):
        mark = n.op_def.props.get("plan_mark") if n.op_def is not None else None
        if mark is not None:
            if nodes is None:
                nodes = list(program.nodes)
            nodes[i] = dataclasses.replace(n, attrs=dict(n.attrs, **mark(n, program)))
    return program if nodes is None else program.copy(nodes=nodes)


def _intra_threads(ctx):
    """The size of the intra-op pool the session's kernels run on (0: not set): its
    ConfigProto.intra_op_parallelism_threads, or the first session's (Session._intra_op)."""
    return int(getattr(getattr(ctx, "session", None), "_intra_op", 0) or 0)


_UFUNC_DEF = {}


def _ufunc_def(od):
    r = _UFUNC_DEF.get(id(od))
    if r is None:
        r = _UFUNC_DEF[id(od)] = (od, isinstance(od.kernel, np.ufunc) and od.bind is None
                                  and od.kernel.nout == 1)
    return r[1]


def _is_ufunc_node(n):
    return not n.attrs and len(n.outputs) == 1 and _ufunc_def(n.op_def)


def _fresh(n):
    """Does the node always return newly allocated arrays (never views of its inputs)?
    (MatMul's kernel is np.matmul or threads.matmul's block product: a new array.)"""
    return _is_ufunc_node(n) or "fused" in n.op_def.props or n.type == "TanhGrad" or \
        "fresh_output" in n.op_def.props or \
        (n.type == "MatMul" and n.op_def.bind is None and n.op_def.name == "MatMul")


def _static_nbytes(program, v):
    s = program.shapes.get(v)
    dt = program.dtypes.get(v)
    t = s.as_tuple() if s is not None else None
    if t is None or None in t or dt is None:
        return None
    try:
        item = np.dtype(dt.as_numpy_dtype).itemsize
    except TypeError:
        return None
    size = 1
    for d in t:
        size *= d
    return size * item


class _Analysis:
    """Last uses, dying values and in-place choices of a program (shared by emit,
    estimate and trace)."""

    def __init__(self, program, inplace=True):
        nodes = program.nodes
        fetch_set = set(program.fetches)
        end = len(nodes)
        last = {}
        for i, n in enumerate(nodes):
            for v in n.inputs:
                last[v] = i
        for v in fetch_set:
            last[v] = end
        self.last = last
        # alias_last[v]: the last read of v or of anything that may be a view of v.
        ufunc = [_is_ufunc_node(n) for n in nodes]
        alias_last = dict(last)
        producer_fresh = set()
        for i in range(end - 1, -1, -1):
            n = nodes[i]
            if ufunc[i] or _fresh(n):
                producer_fresh.update(n.outputs)
                continue
            lo = -1
            for o in n.outputs:
                a = alias_last.get(o, -1)
                lo = max(lo, a)
            if lo >= 0:
                for x in n.inputs:
                    if alias_last.get(x, -1) < lo:
                        alias_last[x] = lo
        self.inplace = {}
        persistent = program.persistent
        shapes, dtypes = program.shapes, program.dtypes
        if inplace:
            for i, n in enumerate(nodes):
                if not ufunc[i]:
                    continue
                cands = [j for j, v in enumerate(n.inputs)
                         if alias_last.get(v) == i and v in producer_fresh and
                         v not in persistent and v not in fetch_set]
                if not cands:
                    continue
                out = n.outputs[0]
                ob = shapes.get(out)
                ot = ob.as_tuple() if ob is not None else None
                if not ot or None in ot:
                    continue
                for j in cands:
                    v = n.inputs[j]
                    vs = shapes.get(v)
                    if vs is None or vs.as_tuple() != ot or dtypes.get(v) != dtypes.get(out):
                        continue
                    self.inplace[i] = j
                    break
        # scratch[i] = j: node i's kernel may overwrite input j (its `scratch_input` prop:
        # an optimizer update writing lr * grad into the gradient's buffer), which it reads
        # last, once, as a fresh array nobody else holds
        self.scratch = {}
        if inplace:
            for i, n in enumerate(nodes):
                j = n.op_def.props.get("scratch_input")
                if j is None or j >= len(n.inputs):
                    continue
                v = n.inputs[j]
                if alias_last.get(v) == i and v in producer_fresh and n.inputs.count(v) == 1 \
                        and v not in persistent and v not in fetch_set:
                    self.scratch[i] = j
        # dying[i]: values read last by node i, then outputs of node i nobody reads
        # (one pass over `last` rather than a scan of every node's inputs)
        self.dying = dying = [[] for _ in range(end)]
        for v, i in last.items():
            if i < end:
                dying[i].append(v)
        for i, n in enumerate(nodes):
            for v in n.outputs:
                if v not in last:
                    dying[i].append(v)
        self.dead_feeds = [v for v in program.feeds if v not in last]


class CompiledProgram:
    """A callable plan: `fn(feeds) -> tuple(fetched values)`.

    Two tiers. Kernels are bound and the memory plan made at construction;
    `interpret(feeds)` runs that plan node by node from a list of values (a
    few hundred nanoseconds per node, nothing to compile). `compile()` emits
    the straight-line function `fn` (one line per kernel call); generating
    and compiling it costs ~10 us per node, so the session runs a plan's first
    call through `interpret` and compiles on the second (docs/performance.md).
    """

    def __init__(self, program, ctx, inplace=True):
        program = _plan_marked(program)
        self.program = program
        self.ctx = ctx
        nodes = program.nodes
        self.analysis = an = _Analysis(program, inplace)
        self.kernels = kernels = [bind_kernel(n if i not in an.scratch else
                                              n.with_scratch(an.scratch[i]), ctx)
                                  for i, n in enumerate(nodes)]
        self.fn = None
        self.filename = None
        self.line_node = {}
        self.line_args = {}
        self._source = None
        # interpreter steps: (kernel, input ids, output ids, ids to drop, in-place input)
        template = [None] * program.next_value
        steps = []
        fetch_set = set(program.fetches)
        for i, n in enumerate(nodes):
            if n.type == "Const" and not n.inputs and n.op_def.bind is None:
                template[n.outputs[0]] = kernels[i]()
                continue
            drop = tuple(v for v in an.dying[i] if v not in fetch_set)
            steps.append((kernels[i], tuple(n.inputs), tuple(n.outputs), drop,
                          an.inplace.get(i), i))
        self._template = template
        self._steps = steps
        # queue/accumulator ops that may wait for a later one: a kernel that would wait
        # yields to the plan's other ops (interleave.py); None for every other plan
        self.blocking = interleave.blocking_plan(program, _Upstream)

    def interpret(self, feeds):
        """Runs the plan without compiling it (the first call of a plan)."""
        if self.blocking:
            return interleave.run(self, feeds)
        R = list(self._template)
        for v, f in zip(self.program.feeds, feeds):
            R[v] = f
        i = -1
        args = None
        try:
            for k, ins, outs, drop, j, i in self._steps:
                args = [R[v] for v in ins]
                res = k(*args) if j is None else k(*args, out=args[j])
                if len(outs) == 1:
                    R[outs[0]] = res
                elif outs:
                    for v, r in zip(outs, res):
                        R[v] = r
                for v in drop:
                    R[v] = None
        except Exception as e:  # noqa: BLE001 - becomes the OpError naming this node
            if i >= 0:
                self._finish_step(i, R)
            raise self.translate_error(e, node=self.program.nodes[i] if i >= 0 else None,
                                       args=args) from None
        return tuple(R[v] for v in self.program.fetches)

    # -- a run that fails part-way -----------------------------------------------------
    def finish_failed_run(self, tb):
        """After the compiled plan raised (traceback `tb`): runs what TF still runs.

        TF's executor does not stop the run's other branches when a kernel fails: only
        the failed node's successors are never scheduled, every node that does not
        depend on it (data or control edge) still executes (an independent assign_add,
        sparse Adam's `m * beta1` beside an exhausted IteratorGetNext), then the run
        returns the first error. The plan's values are read back from the plan frame's
        locals (the names `compile` gave them before the failing line)."""
        while tb is not None and tb.tb_frame.f_code.co_filename != self.filename:
            tb = tb.tb_next
        if tb is None:
            return
        i = self.line_node.get(tb.tb_lineno)
        if i is None:
            return
        loc, glob = tb.tb_frame.f_locals, tb.tb_frame.f_globals
        R = list(self._template)
        for v, nm in self._emit(stop=i)[4].items():
            if nm in loc:
                R[v] = loc[nm]
            elif nm in glob:
                R[v] = glob[nm]
        self._finish_step(i, R)

    def _finish_step(self, failed, R, start=None):
        """Runs the steps after node `failed` (from node `start` on: the parallel plan's
        caller ran some) that do not depend on it (nor on a node that fails in turn,
        whose error TF drops: the run reports the first one)."""
        # TF cancels the run (StartCancel): a kernel that would block (a queue's dequeue
        # from an empty queue, an accumulator's take) fails instead of waiting: a
        # deadline already past makes its wait raise (engine/ops/queues.py's _wait)
        deadline = getattr(self.ctx, "deadline", None)
        if deadline is None:
            self._finish_steps(failed, R, start)
            return
        saved = getattr(deadline, "at", None)
        deadline.at = 0.0
        try:
            self._finish_steps(failed, R, start)
        finally:
            deadline.at = saved

    def _finish_steps(self, failed, R, start):
        nodes = self.program.nodes
        first = failed + 1 if start is None else start
        bad_ops = {nodes[failed].op} - {None}
        tainted = set(nodes[failed].outputs)
        upstream = _Upstream(bad_ops)
        for k, ins, outs, drop, j, i in self._steps:
            if i < first or i == failed:
                continue
            n = nodes[i]
            if any(v in tainted for v in ins) or \
                    (n.op is not None and upstream.depends(n.op)):
                tainted.update(outs)
                if n.op is not None:
                    upstream.bad.add(n.op)
                continue
            args = [R[v] for v in ins]
            try:
                res = k(*args) if j is None else k(*args, out=args[j])
            except Exception:  # noqa: BLE001 - TF reports the first error only
                tainted.update(outs)
                if n.op is not None:
                    upstream.bad.add(n.op)
                continue
            if len(outs) == 1:
                R[outs[0]] = res
            elif outs:
                for v, r in zip(outs, res):
                    R[v] = r
            for v in drop:
                R[v] = None

    @property
    def source(self):
        """The generated Python source of the plan (compiles it if not done yet)."""
        if self._source is None:
            self.compile()
        return self._source

    def _emit(self, stop=None):
        """The plan's lines, {line: node}, {line: argument names}, globals and
        {value: local name}; with `stop`, only up to node `stop` (the names live when its
        line runs)."""
        program = self.program
        nodes = program.nodes
        an = self.analysis
        kernels = self.kernels
        fetch_set = set(program.fetches)
        lines = ["def _plan(F):"]
        line_node = {}
        line_args = {}
        env = {}
        name_of = {}
        free = []
        fresh_names = itertools.count()

        def new_name():
            return free.pop() if free else f"r{next(fresh_names)}"

        feed_names = []
        for v in program.feeds:
            if v in an.last:
                name_of[v] = nm = new_name()
                feed_names.append(nm)
            else:
                feed_names.append("_")
        if program.feeds:
            lines.append(f"    {', '.join(feed_names)}, = F" if len(feed_names) == 1 else
                         f"    {', '.join(feed_names)} = F")
        inplace_at = an.inplace
        template = self._template
        for i, n in enumerate(nodes):
            if i == stop:
                break
            if n.type == "Const" and not n.inputs and n.op_def.bind is None:
                v = n.outputs[0]
                g = f"C{v}"
                env[g] = template[v]
                name_of[v] = g
                continue
            k = f"K{i}"
            env[k] = kernels[i]
            args = [name_of[v] for v in n.inputs]
            dying = [v for v in an.dying[i] if v not in fetch_set and v in name_of
                     and not name_of[v].startswith("C")]
            dying_in = [v for v in dying if v not in n.outputs]
            j = inplace_at.get(i)
            reuse = [name_of[v] for v in dying_in]
            if j is not None:
                target = name_of[n.inputs[j]]
                reuse.remove(target)
                reuse.insert(0, target)
                call = f"{k}({', '.join(args)}, out={target})"
            else:
                call = f"{k}({', '.join(args)})"
            out_names = []
            for v in n.outputs:
                nm = reuse.pop(0) if reuse else new_name()
                name_of[v] = nm
                out_names.append(nm)
            line_node[len(lines) + 1] = i
            line_args[len(lines) + 1] = args
            if not out_names:
                lines.append(f"    {call}")
            elif len(out_names) == 1:
                lines.append(f"    {out_names[0]} = {call}")
            else:
                lines.append(f"    {', '.join(out_names)} = {call}")
            dels = list(reuse) + [name_of[v] for v in n.outputs if v not in an.last]
            if dels:
                lines.append("    del " + ", ".join(dels))
                free.extend(dels)
        return lines, line_node, line_args, env, name_of

    def compile(self):
        """Emits and compiles the straight-line function; returns it."""
        if self.fn is not None:
            return self.fn
        if self.blocking:
            self.fn = functools.partial(interleave.run, self)
            return self.fn
        program = self.program
        ctx = self.ctx
        lines, line_node, line_args, env, name_of = self._emit()
        rets = ", ".join(name_of[v] for v in program.fetches)
        lines.append(f"    return ({rets}{',' if len(program.fetches) == 1 else ''})")
        src = "\n".join(lines) + "\n"
        filename = f"<flowgrad-plan-{next(_counter)}>"
        code = compile(src, filename, "exec")
        exec(code, env)  # noqa: S102 - the generated plan
        self._source = src
        self.filename = filename
        self.line_node = line_node
        self.line_args = line_args
        if ctx is not None and getattr(ctx, "keep_source", False):
            linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
        self.fn = env["_plan"]
        return self.fn

    # -- memory and profiling --------------------------------------------------------
    def estimate_memory(self):
        """Peak bytes of intermediate buffers, from static shapes, before running.

        Returns a dict: peak_bytes, persistent_bytes (feeds, constants, variables
        read), unknown_values (intermediates whose static shape is unknown: not
        counted), peak_node (the node at the peak).
        """
        program = self.program
        an = self.analysis
        persistent = program.persistent
        live = 0
        peak = 0
        peak_node = None
        owner = {}          # value -> buffer key
        buf = {}            # buffer key -> [bytes, live values]
        unknown = 0
        pers = 0
        seen_pers = set()
        for i, n in enumerate(program.nodes):
            j = an.inplace.get(i)
            for k, v in enumerate(n.outputs):
                if v in persistent:
                    if v not in seen_pers:
                        seen_pers.add(v)
                        if not n.op_def.aliases_input:
                            pers += _static_nbytes(program, v) or 0
                    continue
                if j is not None:
                    key = owner.get(n.inputs[j])
                elif n.op_def.aliases_input and n.inputs and n.inputs[0] in owner:
                    key = owner[n.inputs[0]]
                else:
                    key = None
                if key is None:
                    b = _static_nbytes(program, v)
                    if b is None:
                        unknown += 1
                        b = 0
                    key = v
                    buf[key] = [b, 0]
                    live += b
                owner[v] = key
                buf[key][1] += 1
            if live > peak:
                peak, peak_node = live, n.name
            for v in an.dying[i]:
                key = owner.pop(v, None)
                if key is not None:
                    ent = buf[key]
                    ent[1] -= 1
                    if ent[1] == 0:
                        live -= ent[0]
                        del buf[key]
        for v in program.feeds:
            pers += _static_nbytes(program, v) or 0
        return {"peak_bytes": peak, "persistent_bytes": pers, "unknown_values": unknown,
                "peak_node": peak_node}

    def run_traced(self, feeds):
        """Runs the plan node by node; returns (fetches, node records, measured peak bytes).

        A node record is (name, type, start_us, end_us, output_bytes, live_bytes,
        [(dtype, shape, nbytes) of each array output]).
        The peak counts distinct buffers of intermediate values (not variables,
        constants or feeds) alive at once, as the generated code keeps them.
        """
        program = self.program
        an = self.analysis
        persistent = program.persistent
        env = dict(zip(program.feeds, feeds))
        pers_bases = set()
        for v in program.feeds:
            pers_bases.add(id(_base(env[v])))
        bufs = {}           # id(base) -> [bytes, count, base]
        owner = {}
        live = 0
        peak = 0
        records = []
        clock = time.perf_counter
        t_start = clock()
        for i, n in enumerate(program.nodes):
            k = self.kernels[i]
            args = [env[v] for v in n.inputs]
            j = an.inplace.get(i)
            t0 = clock()
            try:
                res = k(*args, out=args[j]) if j is not None else k(*args)
            except Exception as e:  # noqa: BLE001 - becomes the OpError naming this node
                raise self.translate_error(e, node=n) from None
            t1 = clock()
            outs = res if len(n.outputs) > 1 else (res,)
            out_bytes = 0
            descs = []
            for v, r in zip(n.outputs, outs):
                env[v] = r
                if isinstance(r, (np.ndarray, np.generic)):
                    descs.append((r.dtype, r.shape, r.nbytes))
                if not isinstance(r, np.ndarray):
                    continue
                b = _base(r)
                if v in persistent:
                    pers_bases.add(id(b))
                    continue
                key = id(b)
                if key in pers_bases:
                    continue
                ent = bufs.get(key)
                if ent is None:
                    ent = bufs[key] = [b.nbytes, 0, b]
                    live += b.nbytes
                    out_bytes += b.nbytes
                ent[1] += 1
                owner[v] = key
            peak = max(peak, live)
            records.append((n.name, n.type, (t0 - t_start) * 1e6, (t1 - t_start) * 1e6,
                            out_bytes, live, descs))
            for v in an.dying[i]:
                env.pop(v, None)
                key = owner.pop(v, None)
                if key is not None:
                    ent = bufs[key]
                    ent[1] -= 1
                    if ent[1] == 0:
                        live -= ent[0]
                        del bufs[key]
        return tuple(env[v] for v in program.fetches), records, peak

    # -- errors ----------------------------------------------------------------------
    def _failing_line(self, tb):
        """(node, kernel arguments) of the plan line where the kernel raised, from the
        traceback: its line number gives the node, the plan frame's variables the values."""
        if self.filename is None:
            return None, None
        while tb is not None:
            frame = tb.tb_frame
            if frame.f_code.co_filename == self.filename:
                idx = self.line_node.get(tb.tb_lineno)
                if idx is None:
                    return None, None
                names = self.line_args.get(tb.tb_lineno)
                args = None
                if names is not None:
                    loc, glob = frame.f_locals, frame.f_globals
                    try:
                        args = [loc[n] if n in loc else glob[n] for n in names]
                    except KeyError:
                        args = None
                return self.program.nodes[idx], args
            tb = tb.tb_next
        return None, None

    def failing_node(self, tb):
        """The node whose kernel raised, found from the traceback's line number."""
        return self._failing_line(tb)[0]

    def translate_error(self, exc, node=None, args=None):
        """Turns a kernel exception into the OpError TF would raise, naming the op, where
        it was defined and the user's stack when it was created."""
        if node is None:
            node, args = self._failing_line(sys.exc_info()[2] or exc.__traceback__)
        if not isinstance(exc, errors.OpError):
            exc = op_error(exc, node, args)
        return decorate(exc, node)


class _Upstream:
    """Whether a graph op depends, through data or control edges, on an op of `bad`."""

    def __init__(self, bad):
        self.bad = bad
        self._memo = {}

    def depends(self, op):
        memo, bad = self._memo, self.bad
        if op in memo:
            return memo[op] or op in bad
        stack = [(op, False)]
        while stack:
            o, done = stack.pop()
            if done:
                memo[o] = o in bad or any(
                    memo.get(p, False) for p in _parents(o))
                continue
            if o in memo:
                continue
            memo[o] = False   # (a loop's back edge: not yet known, read as independent)
            stack.append((o, True))
            stack.extend((p, False) for p in _parents(o) if p not in memo)
        return memo[op]


def _parents(op):
    return [t._op for t in op._inputs] + list(op._control_inputs)


def _base(a):
    while isinstance(getattr(a, "base", None), np.ndarray):
        a = a.base
    return a


errstate = np.errstate
