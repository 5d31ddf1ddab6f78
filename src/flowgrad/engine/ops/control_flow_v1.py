"""TF 1.x's own control flow, as TF-written graphs hold it: Switch, Merge, Enter, Exit,
NextIteration, LoopCond (and their Ref forms), ControlTrigger and the stacks of loop
gradients (StackV2, StackPushV2, StackPopV2).

flowgrad builds tf.cond / tf.while_loop as its own Cond / While ops (control_flow.py).
A GraphDef or MetaGraph written by TF holds the dataflow form instead: values flow
through frames (one per loop, one instance per iteration of the enclosing loops) and
an untaken branch's values are "dead". Importing such a graph (meta_graph.py calls
`make_regions`) keeps every node as an op of the user's graph, with its name; the
nodes that can see a dead value or live in a loop frame (the frame ops, what runs in a
frame, what reads a branch's value before its Merge) are grouped, per connected part,
under one `V1Frames` op. The plan runs that op instead of them (framework/branches.py:
a tensor of the region read outside comes from the V1Frames op as an extra output, a
region op that is a target or a control input is run by it), and its kernel is a small
dataflow executor with TF's rules: tags (frame, iteration) per value, dead values
propagated (a Merge is dead only when all its inputs are), loop invariants (constant
Enters) seen by every iteration, an Exit giving its frame's last value to the parent.
Every other node is run by its own flowgrad kernel.
"""
from __future__ import annotations

import collections
import gc
import itertools
import threading

import numpy as _np

from ..framework import branches as _branches
from ..framework import dtypes as _dt
from ..framework import blocking as _blocking
from ..framework import errors
from ..framework.graph_def_lower import LoopPlan
from ..framework.meta_graph import register_import_hook
from ..framework.registry import OPS, register_op
from ..framework.tensor_shape import TensorShape
from ..runtime.backends.numpy import CompiledProgram
from ..runtime.ir import lower
from ..runtime.kernel_errors import Named, decorate
from . import tensor_array as _ta

__all__ = ["FRAME_OPS", "in_region", "make_regions"]

FRAME_OPS = frozenset(("Switch", "RefSwitch", "Merge", "RefMerge", "Enter", "RefEnter",
                       "Exit", "RefExit", "NextIteration", "RefNextIteration", "LoopCond",
                       "ControlTrigger"))
_MERGES = ("Merge", "RefMerge")
_NEXTS = ("NextIteration", "RefNextIteration")
_ENTERS = ("Enter", "RefEnter")
_EXITS = ("Exit", "RefExit")
_SWITCHES = ("Switch", "RefSwitch")


def _outside(op_type):
    def kernel(*args, **attrs):
        raise errors.InvalidArgumentError(
            None, None, f"{op_type} ran outside the frame executor of its imported graph")
    return kernel


def _same(ref):
    def infer(inputs, attrs):
        t = inputs[0]
        dtype = t.dtype if ref else t.dtype.base_dtype
        return [(dtype, t.shape)]
    return infer


def _loose(t):
    """A loop value's static shape: its rank (the dims may change per iteration)."""
    s = t.shape
    return TensorShape(None) if s.ndims is None else TensorShape([None] * s.ndims)


def _switch_infer(ref):
    def infer(inputs, attrs):
        data, pred = inputs
        if pred.dtype.base_dtype is not _dt.bool_:
            raise TypeError(f"Input 'pred' of 'Switch' Op has type {pred.dtype.base_dtype.name}"
                            " that does not match expected type of bool.")
        dtype = data.dtype if ref else data.dtype.base_dtype
        return [(dtype, data.shape), (dtype, data.shape)]
    return infer


def _merge_infer(ref):
    def infer(inputs, attrs):
        t = inputs[0]
        shape = t.shape
        for o in inputs[1:]:
            shape = shape if o.shape == shape else TensorShape(None)
        dtype = t.dtype if ref else t.dtype.base_dtype
        return [(dtype, shape), (_dt.int32, TensorShape([]))]
    return infer


def _enter_infer(ref):
    def infer(inputs, attrs):
        t = inputs[0]
        dtype = t.dtype if ref else t.dtype.base_dtype
        return [(dtype, t.shape if attrs.get("is_constant") else _loose(t))]
    return infer


for _name, _infer in (("Switch", _switch_infer(False)), ("RefSwitch", _switch_infer(True)),
                      ("Merge", _merge_infer(False)), ("RefMerge", _merge_infer(True)),
                      ("Enter", _enter_infer(False)), ("RefEnter", _enter_infer(True)),
                      ("Exit", _same(False)), ("RefExit", _same(True)),
                      ("NextIteration", _same(False)), ("RefNextIteration", _same(True)),
                      ("LoopCond", _same(False))):
    register_op(_name, infer=_infer, kernel=_outside(_name), grad=None, stateful=True)
register_op("ControlTrigger", infer=lambda inputs, attrs: [], kernel=_outside("ControlTrigger"),
            grad=None, stateful=True)


# ---------------------------------------------------------------------------------------
# Stacks (TF's while-loop gradients push each iteration's values and pop them backwards)
# ---------------------------------------------------------------------------------------
class _Stack:
    __slots__ = ("items", "max_size", "name")

    def __init__(self, max_size, name):
        self.items, self.max_size, self.name = [], max_size, name

    def fetched(self):   # TF's value of a v1 stack's handle (session.py): [container, name]
        return _np.array([b"_stacks", self.name.encode()], object)


_stacks_made = itertools.count()


def _stack_kernel(max_size, elem_type=None, stack_name=""):
    return _Stack(int(max_size), f"{stack_name}_{next(_stacks_made)}")   # (TF's name)


def _stack_push_kernel(handle, elem, swap_memory=False):
    if 0 <= handle.max_size <= len(handle.items):
        raise errors.InvalidArgumentError(
            None, None, f"Stack[{handle.name}] overflowed its max_size ({handle.max_size})")
    elem = _np.array(elem, copy=True) if isinstance(elem, _np.ndarray) else elem
    handle.items.append(elem)
    return elem


def _stack_pop_kernel(handle, elem_type=None):
    if not handle.items:
        raise errors.InvalidArgumentError(
            None, None, f"Stack[{handle.name}] is empty when calling Pop().")
    return handle.items.pop()


register_op("StackV2", infer=lambda inputs, attrs: [(_dt.resource, TensorShape([2]))],
            kernel=_stack_kernel, grad=None, stateful=True)
register_op("StackPushV2", infer=lambda inputs, attrs: [(inputs[1].dtype.base_dtype,
                                                          inputs[1].shape)],
            kernel=_stack_push_kernel, grad=None, stateful=True)
register_op("StackPopV2", infer=lambda inputs, attrs: [(_dt.as_dtype(attrs["elem_type"]),
                                                         TensorShape(None))],
            kernel=_stack_pop_kernel, grad=None, stateful=True)
# the v1 forms of old GraphDefs: a string_ref handle, no max_size; each run makes a stack
# named as TF's step resource (`stack_name` and a process-wide count); StackCloseV2 closes
# a StackV2 (nothing to release here)
register_op("Stack", infer=lambda inputs, attrs: [(_dt.string._as_ref, TensorShape([2]))],
            kernel=lambda elem_type=None, stack_name="": _Stack(
                -1, f"{stack_name}_{next(_stacks_made)}"), grad=None, stateful=True)
register_op("StackPush", infer=OPS["StackPushV2"].infer, kernel=_stack_push_kernel, grad=None,
            stateful=True)
register_op("StackPop", infer=OPS["StackPopV2"].infer, kernel=_stack_pop_kernel, grad=None,
            stateful=True)
for _close in ("StackClose", "StackCloseV2"):
    register_op(_close, infer=lambda inputs, attrs: [], kernel=lambda handle: None, grad=None,
                stateful=True)


# ---------------------------------------------------------------------------------------
# Regions: which imported nodes the frame executor runs
# ---------------------------------------------------------------------------------------
def _regions(graph):
    """{V1Frames op: {"members", "captures"}} of `graph` (kept on the graph: the info
    holds the graph's ops, so a module-level table would keep every graph alive)."""
    table = graph.__dict__.get("_v1_regions")
    if table is None:
        table = graph.__dict__["_v1_regions"] = {}
    return table


def in_region(op) -> bool:
    """Whether `op` is a V1Frames op or already runs under one."""
    e = op._graph._branch_of.get(op)
    return op.type == "V1Frames" or (e is not None and e[0].type == "V1Frames")


def _is_back_edge(op, t):
    return op.type in _MERGES and t._op.type in _NEXTS


def _pred_key(t):
    while t._op.type in ("Identity", "RefIdentity") and t._op._inputs:
        t = t._op._inputs[0]
    return t


def _rewire_gradient_flows(ops):
    """TF's TensorArray.grad() gives the gradient array the flow it was given, through an
    Identity ("gradient_flow") that waits for TensorArrayGradV3; flowgrad's gradient array
    lives in the grad op's flow output, so that Identity reads it instead."""
    for op in ops:
        if op.type != "Identity" or len(op._inputs) != 1:
            continue
        for c in op._control_inputs:
            if c.type == "TensorArrayGradV3" and c._inputs[1] is op._inputs[0]:
                old, new = op._inputs[0], c._outputs[1]
                op._inputs = (new,)
                if op in old._consumers:
                    old._consumers.remove(op)
                new._consumers.append(op)
                break


def make_regions(graph, ops):
    """Groups the imported `ops` (creation order, back edges already added) that TF's
    frame rules run under V1Frames ops; the rest run as ordinary ops."""
    if any(op.type == "TensorArrayGradV3" for op in ops):
        _rewire_gradient_flows(ops)
    if not any(op.type in FRAME_OPS for op in ops):
        return []
    frame = {}
    for op in ops:   # creation order is a topological order without the back edges
        srcs = [t._op for t in op._inputs if not _is_back_edge(op, t)]
        srcs = srcs or list(op._control_inputs)
        f = next((frame[s] for s in srcs if s in frame and frame[s]), ())
        if op.type in _ENTERS:
            f = f + (op._attrs.get("frame_name", ""),)
        elif op.type in _EXITS:
            f = f[:-1]
        frame[op] = f
    # liveness labels: the (pred, branch) a value needs to be live (frozenset; empty: always)
    label, op_label = {}, {}
    empty = frozenset()
    for op in ops:
        ins = [label.get(t, empty) for t in op._inputs if not _is_back_edge(op, t)]
        ins += [op_label.get(c, empty) for c in op._control_inputs]
        if op.type in _MERGES:
            got = frozenset.intersection(*ins) if ins else empty
        else:
            got = frozenset().union(*ins) if ins else empty
        op_label[op] = got
        if op.type in _SWITCHES and frame[op] == ():
            key = _pred_key(op._inputs[1])
            label[op._outputs[0]] = got | {(key, 0)}
            label[op._outputs[1]] = got | {(key, 1)}
        elif op.type in _EXITS:
            for t in op._outputs:
                label[t] = empty if frame[op] == () else got
        else:
            for t in op._outputs:
                label[t] = got
    members = [op for op in ops if op.type in FRAME_OPS or frame[op] or op.type in _EXITS or
               any(label.get(t) for t in op._inputs) or
               any(op_label.get(c) for c in op._control_inputs)]
    if not members:
        return []
    # connected parts
    parent = {op: op for op in members}

    def find(o):
        while parent[o] is not o:
            parent[o] = parent[parent[o]]
            o = parent[o]
        return o
    for op in members:
        for s in [t._op for t in op._inputs] + list(op._control_inputs):
            if s in parent:
                a, b = find(op), find(s)
                if a is not b:
                    parent[a] = b
    # an op outside the parts that both reads one and feeds one joins it (else the plan
    # would have a cycle): strongly connected units, a part being one unit
    unit = {op: (find(op) if op in parent else op) for op in ops}
    for comp in _sccs(ops, unit):
        if len(comp) > 1:
            heads = [u for u in comp if u in parent]
            head = heads[0] if heads else comp[0]
            if head not in parent:
                parent[head] = head
            for u in comp:
                if u not in parent:
                    parent[u] = u
                    members.append(u)
                a, b = find(u), find(head)
                if a is not b:
                    parent[a] = b
    order = {op: i for i, op in enumerate(ops)}
    members.sort(key=order.__getitem__)
    parts = collections.defaultdict(list)
    for op in members:
        parts[find(op)].append(op)
    regions = []
    for part in parts.values():
        inside = set(part)
        caps, seen, ctrls = [], set(), []
        for op in part:
            for t in op._inputs:
                if t._op not in inside and t not in seen:
                    seen.add(t)
                    caps.append(t)
            for c in op._control_inputs:
                if c not in inside and c not in ctrls:
                    ctrls.append(c)
        last_id = graph._last_id
        with graph.control_dependencies(None):
            region = graph._create_op("V1Frames", caps, {}, "flowgrad_v1_frames", ctrl=ctrls)
        graph._last_id = last_id   # not one of the graph's ops for seeds (TF has none)
        graph._has_hidden_ops = True   # nor of get_operations()
        _regions(graph)[region] = {"members": part, "captures": caps}
        for op in part:
            _branches.set_branch(op, region, 0)
        regions.append(region)
    return regions


def _sccs(ops, unit):
    """Strongly connected components (lists of units) of the imported ops' dependency
    graph with each op replaced by its unit (Tarjan, iterative)."""
    succ = collections.defaultdict(set)
    for op in ops:
        u = unit[op]
        for s in [t._op for t in op._inputs] + list(op._control_inputs):
            su = unit.get(s)
            if su is not None and su is not u:
                succ[su].add(u)
    units = list(dict.fromkeys(unit[op] for op in ops))
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = 0
    for root in units:
        if root in index:
            continue
        work = [(root, iter(succ[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(succ[nxt])))
                elif nxt in on:
                    low[v] = min(low[v], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w is v:
                        break
                out.append(comp)
    return out


def region_of(op):
    """The V1Frames op running imported op `op`, else None."""
    e = op._graph._branch_of.get(op)
    return e[0] if e is not None and e[0] in _regions(op._graph) else None


def is_region(op):
    return op in _regions(op._graph)


# ---------------------------------------------------------------------------------------
# The frame executor
# ---------------------------------------------------------------------------------------
DEAD = _branches.DEAD


class _Kernel:
    """One member op run alone: its inputs fed, its control inputs satisfied."""

    __slots__ = ("comp", "n_out")

    def __init__(self, op, region, ctx):
        graph = op._graph
        prog = lower(graph, list(op._outputs), [] if op._outputs else [op], list(op._inputs),
                     satisfied=frozenset(op._control_inputs), context=region)
        self.comp = CompiledProgram(prog, ctx, inplace=False)
        self.n_out = len(op._outputs)

    def __call__(self, args):
        return self.comp.interpret(args)


def _needed(members, extras, targets):
    inside = set(members)
    stack = [t._op for t in extras if t._op in inside] + [o for o in targets if o in inside]
    need = set()
    while stack:
        op = stack.pop()
        if op in need:
            continue
        need.add(op)
        stack.extend(t._op for t in op._inputs if t._op in inside)
        stack.extend(c for c in op._control_inputs if c in inside)
    return [op for op in members if op in need]


def _frames_bind(node, ctx):
    op = node.op
    info = _regions(op._graph)[op]
    extras = list(node.attrs.get("_extras", ()))
    targets = list(node.attrs.get("_extra_targets", ()))
    run_ops = _needed(info["members"], extras, targets)
    kernels = {o: _Kernel(o, op, ctx) for o in run_ops if o.type not in FRAME_OPS}
    capture_pos = {t: i for i, t in enumerate(info["captures"])}
    inside = set(run_ops)
    consumers = collections.defaultdict(list)
    for o in run_ops:
        for t in o._inputs:
            if t._op in inside:
                consumers[t._op].append(o)
        for c in o._control_inputs:
            if c in inside:
                consumers[c].append(o)
    for k in consumers:
        consumers[k] = list(dict.fromkeys(consumers[k]))
    const_enter = {o for o in run_ops if o.type in _ENTERS and o._attrs.get("is_constant")}

    # per op, how many distinct member ops read each of its outputs (by data edges): a
    # value is dropped once that many readers have fired at its tag
    readers = {}
    for o in run_ops:
        for t in dict.fromkeys(o._inputs):
            if t._op in inside:
                readers[t] = readers.get(t, 0) + 1

    stash = tape_stash(ctx)
    run_set = frozenset(run_ops)
    taped = {"on": False}   # set by a V1FramesGrad of this region bound in the same plan
    bound_frames(ctx)[op] = taped

    check = loop_check(ctx, op)

    def run(*caps):
        key = (op, threading.get_ident())   # runs in other threads keep their own
        stash.pop(key, None)
        if not taped["on"]:
            return _execute(run_ops, kernels, consumers, const_enter, capture_pos, caps,
                            extras, readers, check=check)
        # a V1FramesGrad of this region exists: the firings are kept for it (TF's stacks),
        # so the gradient reads this run's forward values instead of running the region again
        tape = []
        out = _execute(run_ops, kernels, consumers, const_enter, capture_pos, caps, extras,
                       readers, tape=tape, check=check)
        stash[key] = (caps, run_set, tape)
        return out

    def run_frames(*caps):
        vals = run(*caps)
        if not extras:
            return None
        return vals[0] if len(extras) == 1 else tuple(vals)
    return run_frames


def bound_frames(ctx):
    """Per session: {V1Frames op: its last bound kernel's switch for keeping firings} (a
    plan binds its ops in order: a V1FramesGrad turns on the one of its own plan)."""
    got = getattr(ctx, "v1_bound", None)
    if got is None:
        got = ctx.v1_bound = {}
    return got


def tape_stash(ctx):
    """Per session: {(V1Frames op, thread): (capture values, ops run, tape)} of the last run
    that ran it while a V1FramesGrad of it exists (the gradient takes it in the same run)."""
    stash = getattr(ctx, "v1_tapes", None)
    if stash is None:
        stash = ctx.v1_tapes = {}
    return stash


def _inv_tag(tag):
    """The tag a loop invariant (constant Enter) has for a node at `tag`."""
    return tag[:-1] + ((tag[-1][0], 0),) if tag else tag


STATS = {"peak_values": 0}   # the most values one run held at once (tests, measurements)


# kinds of member ops in the executor's loop
_K_MERGE, _K_ENTER, _K_EXIT, _K_NEXT, _K_SWITCH, _K_COND, _K_TRIGGER, _K_OTHER = range(8)


def _kind(typ):
    if typ in _MERGES:
        return _K_MERGE
    if typ in _ENTERS:
        return _K_ENTER
    if typ in _EXITS:
        return _K_EXIT
    if typ in _NEXTS:
        return _K_NEXT
    if typ in _SWITCHES:
        return _K_SWITCH
    if typ == "LoopCond":
        return _K_COND
    if typ == "ControlTrigger":
        return _K_TRIGGER
    return _K_OTHER


def _static(run_ops, consumers, const_enter):
    """Per member op what the executor reads at every firing, computed once per run:
    (kind, inputs, distinct inputs, control inputs, back-edge input positions, other
    input positions, outputs, consumers, whether a frame op, frame name); and per tensor
    the member ops reading it."""
    table, t_readers = {}, {}
    for o in run_ops:
        ins = tuple(o._inputs)
        uniq = tuple(dict.fromkeys(ins))
        kind = _kind(o.type)
        back = tuple(i for i, t in enumerate(ins) if _is_back_edge(o, t)) \
            if kind == _K_MERGE else ()
        fwd = tuple(i for i in range(len(ins)) if i not in back)
        table[o] = (kind, ins, uniq, tuple(o._control_inputs), back, fwd, tuple(o._outputs),
                    tuple(consumers.get(o, ())), o.type in FRAME_OPS,
                    o._attrs.get("frame_name", "") if kind == _K_ENTER else "")
    members = set(run_ops)
    for o in run_ops:
        for t in table[o][2]:
            if t._op in members:
                t_readers.setdefault(t, []).append(o)
    const_t = {t for o in const_enter for t in o._outputs}
    return table, t_readers, const_t


LOOP_CANCELLED = "[_Derived_]Loop execution was cancelled."


def loop_check(ctx, op):
    """What a loop run in `ctx`'s session checks before each iteration (None outside a
    session): (session, this thread's run deadline, While op). TF's LoopCond fails with the
    derived "Loop execution was cancelled." once the step is cancelled (Session.close from
    another thread), naming the loop's LoopCond; a run past its RunOptions.timeout_in_ms
    ends with the session's DeadlineExceededError (TF's WaitForNotification)."""
    session = getattr(ctx, "session", None)
    if session is None or not hasattr(session, "_closed"):
        return None
    return session, session._ctx.deadline, op


def stop_loop(check, cond_op=None):
    """A loop's iteration check (`loop_check`) found its session closed or a run deadline
    set: raises when the run is cancelled (naming `cond_op`, else the While's LoopCond) or
    past the deadline."""
    session, _, op = check
    try:
        _blocking.check_run(session, LOOP_CANCELLED)
    except errors.CancelledError as e:
        raise decorate(e, Named(cond_op or _loop_cond_op(op))) from None


def _loop_cond_op(op):
    """The LoopCond op of While `op` in the graph's TF view (the While when it has none),
    created where the While was (TF's while_loop creates it: its traceback)."""
    try:
        cond = op.graph.get_operation_by_name(LoopPlan._names(op)[0] + "LoopCond")
    except (KeyError, ValueError):
        return op
    if getattr(cond, "_traceback", None) is None:
        cond._traceback = getattr(op, "_traceback", None)
    return cond


def _execute(run_ops, kernels, consumers, const_enter, capture_pos, caps, extras, readers,
             tape=None, check=None):
    """Runs the region's ops by TF's frame rules. A value (tensor, tag) is kept only until
    every member op reading it has fired at that tag (loop invariants, the region's
    outputs and what stacks hold for gradients stay), so a long loop holds one
    iteration's values, not all of them. `tape` (a list, for gradients): every live
    firing is appended as (op, tag, args or the Merge's input index, results). `check`:
    what each LoopCond firing checks first (loop_check)."""
    gc_on = gc.isenabled()
    gc.disable()   # the run allocates many small tuples and keeps none in cycles
    try:
        return _run(run_ops, kernels, consumers, const_enter, capture_pos, caps, extras,
                    readers, tape, check)
    finally:
        if gc_on:
            gc.enable()


def _run(run_ops, kernels, consumers, const_enter, capture_pos, caps, extras, readers, tape,
         check=None):
    table, t_readers, const_t = _static(run_ops, consumers, const_enter)
    session, deadline = (None, None) if check is None else check[:2]
    vals = {}     # (tensor, tag) -> value or DEAD
    left = {}     # (tensor, tag) -> readers that have not fired yet
    keep = set(extras)
    peak = 0
    done = {}     # (op, tag) -> dead? (for control edges)
    fired = set()
    iters = collections.defaultdict(int)          # frame instance -> last iteration
    invariants = collections.defaultdict(list)    # frame instance -> constant Enters run
    dead_exits = []
    live_exits = set()
    work = collections.deque()
    work.extend((o, ()) for o in run_ops)   # what cannot run yet waits for its inputs
    members = set(run_ops)
    vget, dget = vals.get, done.get

    def value(t, tag):
        pos = capture_pos.get(t)
        if pos is not None:
            return caps[pos]
        if t in const_t:
            return vget((t, _inv_tag(tag)))
        return vget((t, tag))

    def ctrl_state(c, tag):
        if c not in members:
            return False
        return dget((c, _inv_tag(tag) if c in const_enter else tag))

    def consumed(uniq, tag):
        """An op reading `uniq` fired at `tag`: the values it read there lose a reader."""
        for t in uniq:
            key = (t, tag)
            n = left.get(key)
            if n is None:
                continue
            if n <= 1:
                del left[key]
                vals.pop(key, None)
            else:
                left[key] = n - 1

    def emit(o, tag, outs, dead, rec):
        nonlocal peak
        done[(o, tag)] = dead
        const = o in const_enter
        for t, v in zip(rec[6], outs):
            key = (t, tag)
            vals[key] = v
            if not const and t not in keep:
                n = readers.get(t, 0)
                for c in t_readers.get(t, ()):
                    if (c, tag) in fired:
                        n -= 1
                if n > 0:
                    left[key] = n
                else:
                    del vals[key]
        if len(vals) > peak:
            peak = len(vals)
        if const:
            inst = tag[:-1] + (tag[-1][0],)
            invariants[inst].append(o)
            tags = [tag[:-1] + ((tag[-1][0], i),) for i in range(iters[inst] + 1)]
            for c in rec[7]:
                for tg in tags:
                    work.append((c, tg))
        else:
            for c in rec[7]:
                work.append((c, tag))

    while True:
        while work:
            o, tag = work.popleft()
            if (o, tag) in fired:
                continue
            rec = table[o]
            kind, ins = rec[0], rec[1]
            if kind == _K_MERGE:
                back = rec[4]
                idx = back if back and tag and tag[-1][1] > 0 else rec[5]
                got = [value(ins[i], tag) for i in idx]
                if any(ctrl_state(c, tag) is None for c in rec[3]):
                    continue
                live = [(i, v) for i, v in zip(idx, got) if v is not None and v is not DEAD]
                if live:
                    i, v = live[0]
                    fired.add((o, tag))
                    consumed(rec[2], tag)
                    if tape is not None:
                        tape.append((o, tag, i, None))
                    emit(o, tag, [v, _np.int32(i)], False, rec)
                elif all(v is not None for v in got):
                    fired.add((o, tag))
                    consumed(rec[2], tag)
                    emit(o, tag, [DEAD, DEAD], True, rec)
                continue
            args = [value(t, tag) for t in ins]
            ready = True
            for a in args:
                if a is None:
                    ready = False
                    break
            if not ready:
                continue
            dead = False
            for c in rec[3]:
                st = ctrl_state(c, tag)
                if st is None:
                    break
                dead = dead or st
            else:
                st = False
            if st is None:
                continue
            fired.add((o, tag))
            consumed(rec[2], tag)
            dead = dead or any(a is DEAD for a in args)
            if tape is not None and not dead and rec[8]:
                tape.append((o, tag, None, None))
            if kind == _K_TRIGGER:
                emit(o, tag, [], False, rec)
            elif kind == _K_ENTER:
                emit(o, tag + ((rec[9], 0),), [DEAD if dead else args[0]], dead, rec)
            elif kind == _K_EXIT:
                if dead:
                    dead_exits.append((o, tag))
                else:
                    live_exits.add((o, tag[:-1]))
                    emit(o, tag[:-1], [args[0]], False, rec)
            elif kind == _K_NEXT:
                if not dead:
                    nxt = tag[:-1] + ((tag[-1][0], tag[-1][1] + 1),)
                    inst = tag[:-1] + (tag[-1][0],)
                    if nxt[-1][1] > iters[inst]:
                        iters[inst] = nxt[-1][1]
                        for e in invariants[inst]:   # loop invariants reach the iteration
                            for c in table[e][7]:
                                work.append((c, nxt))
                    emit(o, nxt, [args[0]], False, rec)
            elif dead:
                emit(o, tag, [DEAD] * len(rec[6]), True, rec)
            elif kind == _K_SWITCH:
                outs = [DEAD, args[0]] if args[1] else [args[0], DEAD]
                emit(o, tag, outs, False, rec)
            elif kind == _K_COND:
                if session is not None and (session._closed or deadline.at is not None):
                    stop_loop(check, o)
                emit(o, tag, [args[0]], False, rec)
            else:
                k = kernels[o]
                try:
                    res = k(args)
                except Exception as e:  # noqa: BLE001 - the failing op's OpError
                    raise k.comp.translate_error(e) from None
                if tape is not None:
                    tape.append((o, tag, args, res))
                emit(o, tag, list(res), False, rec)
        flushed = False
        for o, tag in dead_exits:    # a frame that ended without a live value: dead
            if (o, tag[:-1]) not in live_exits and (o, tag[:-1]) not in done:
                emit(o, tag[:-1], [DEAD], True, table[o])
                flushed = True
        dead_exits = []
        if not flushed:
            break
    STATS["peak_values"] = peak
    return [vals.get((t, ()), DEAD) for t in extras]


# its gradient rule: control_flow_v1_grad.py
register_op("V1Frames", infer=lambda inputs, attrs: [], bind=_frames_bind, grad=None,
            stateful=True)

register_import_hook(make_regions)


# ---------------------------------------------------------------------------------------
# TensorArrayGradV3 of TF-written gradients: flowgrad's arrays travel in their flows, so the
# gradient array does too: a flow that already holds a gradient array is passed on (the
# loop's writes and reads of it chain through the flows), any other flow (a forward array,
# TF's zero flow) starts an empty gradient array of the forward array's size; gradient
# arrays add up where TF's backprop sums flows.
# ---------------------------------------------------------------------------------------
def _ta_grad_kernel(handle, flow, source=""):
    if isinstance(flow, _ta.TensorArrayValue) and flow.meta.grad:
        return handle, flow
    fwd = handle if isinstance(handle, _ta._Meta) else None
    meta = _ta._Meta(f"{fwd.name if fwd else 'TensorArray'}@{source}",
                     fwd.dtype if fwd else None, True, False, False,
                     fwd.shape if fwd else None, grad=True)
    size = flow.size if isinstance(flow, _ta.TensorArrayValue) else 0
    return meta, _ta.TensorArrayValue({}, size, meta)


def _ta_grad_infer(inputs, attrs):
    return [(_dt.resource, TensorShape([2])), (inputs[1].dtype.base_dtype, TensorShape([]))]


register_op("TensorArrayGradV3", infer=_ta_grad_infer, kernel=_ta_grad_kernel, grad=None,
            stateful=True)


def _ta_grad_with_shape_kernel(handle, flow, shape_to_prepend, source=""):
    """TF's TensorArrayGradWithShape (while_v2's gradients): a gradient array whose element
    shape is `shape_to_prepend`'s dims, then the forward's (the shape its writes are
    checked against); an unwritten index reads as zeros of `shape_to_prepend` and the
    forward's value there (TF's CopyShapesFrom), else of that element shape if known."""
    prepend = _np.asarray(shape_to_prepend)
    if prepend.ndim != 1:
        raise errors.InvalidArgumentError(
            None, None, "shape must be a vector of {int32,int64}, got shape "
            f"[{','.join(map(str, prepend.shape))}]")
    if isinstance(flow, _ta.TensorArrayValue) and flow.meta.grad:
        return handle, flow
    fwd = handle.check if isinstance(handle, _ta._Meta) else None
    check = TensorShape(None) if fwd is None else TensorShape(prepend.tolist()).concatenate(fwd)
    meta, value = _ta_grad_kernel(handle, flow, source)
    meta.check = None if check.dims is None else check
    meta.shape = tuple(check.as_list()) if check.is_fully_defined() else None
    if isinstance(flow, _ta.TensorArrayValue):
        meta.like = {i: tuple(prepend.tolist()) + _np.shape(v) for i, v in flow.elems.items()}
    return meta, value


register_op("TensorArrayGradWithShape", infer=_ta_grad_infer, kernel=_ta_grad_with_shape_kernel,
            grad=None, stateful=True)
