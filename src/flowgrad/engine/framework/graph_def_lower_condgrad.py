"""The gradient of a tf.cond written as TF 1.14 writes it (CondPlan, graph_def_lower.py).

flowgrad differentiates a Cond op into another Cond op (ops/control_flow.py, _cond_grad)
whose branches hold each branch's gradient ops, built by a gradients() call of their own
(named `<S>/gradients/...` under the gradient cond's scope S). TF 1.14 builds no cond:
_MergeGrad switches each output's gradient on the forward cond's pred_id
(`<Merge>_grad/cond_grad`), the branch ops' gradients read the true side's output 1 and
the false side's output 0, and each forward Switch of a captured tensor (a branch's read
of it) gets, in _SwitchGrad, the Merge of its gradient and zeros for the other side
(ZerosLikeOutsideLoop: Switch, Identity, Shape, zeros/Const, zeros, in the gradients
scope); the captured tensor's gradient is the AddN of its Switches' Merges (two when both
branches read it). TF's order is its gradient queue's: _GradientsHelper's walk of the
forward cond's ops from its Merges, each op's gradient ops (flowgrad's, renamed into the
gradients scope; the aggregations before them) when it is taken from the queue.

A cond nested in the forward cond's branch (outside loops): flowgrad's gradient of it is
a Cond in the outer gradient Cond's branch, with its own gradients() scope
(`<S>/gradients/<inner>_grad/cond_grad/gradients/...`). TF's is part of the same walk:
the inner Merge's gradient is switched on the inner pred_id (reading the outer Switch's
output), the inner Switches' zeros switch their input (the outer cond's Switch output)
on the inner pred_id, and the sum of an inner Switch output's gradients feeds the outer
Switch's Merge. `_plan` plans the inner gradient Cond first (`parent`: the outer scope,
branch Switches and AddN flattening), then walks the inner cond's nodes (its Merges,
ops and Switches) as nodes of the outer walk, writing the inner nodes where the walk
first meets one of them (TF's order and numbering are then replayed: graph_def.py).

In a loop gradient's frame (a cond in a tf.while_loop's body whose WhileGrad
graph_def_lower_grad writes as TF's: loop_frame), TF's _MergeGrad switches on the popped
predicate (the stack of the forward pred_id, <Merge>_grad/f_acc...), the branch gradients
read the frame's pops and Enters, and _SwitchGrad's zeros are ControlFlowState.ZerosLike's:
a Const of the known shape on the frame's pivot and its Switch on the popped predicate
(gradients/Const, gradients/Switch_<k>: numbered after the frame's nodes, _late_names);
of a shape not fully known (TrainingHelper's [None, E] zero inputs), zeros (Fill) of the
shape a stack keeps: a ZeroShape, whose forward Switch, Shape, push and pop
graph_def_lower_grad writes as one of its stacks.
An IndexedSlices gradient of a capture one branch gathers (`g["slices"]`: three outputs of
the gradient Cond per such x, values, indices, dense shape) is TF's merge() of slices: the
dead side's zeros made slices (_as_indexed_slices: their Shape, the range of its first
dimension) and a Merge per part (<Switch>_grad/cond_grad/Merge, Merge_1, Merge_2:
_slices_merge_loop). A capture both branches gather (g["own"]: each branch's own slices;
flowgrad's branch concatenates them with the other side's zeros, which TF has no node
for): a set of Merges per Switch, summed at the capture's Enter in the gradients scope as
_AggregateIndexedSlicesGradients does (gradients/concat of the values, concat_1 of the
indices, each with its axis on the frame's pivot, named late; the first one's dense
shape: _concat_slices). Of a capture of a shape not fully known, the zeros made slices
are the Fill of the ZeroShape's popped shape.
The values pushed for the branches (a branch's own, or a capture's Switch output, one stack
per branch) are graph_def_lower_grad's (_push_ctx).

A TensorArray gradient op in a branch (TensorArrayGradWrite, ...) is written by
TensorArrayPlan._lower_grad under the copy's name: its TensorArrayGradV3 reads the
branch's Switches of the handle and flow (in a loop gradient's frame: their Enters), and a
flow's zeros are TF's float ones (the side that does not read the array has no node).

`plan(cp, op, infos)` works out the nodes (or returns False: the generic layout); `write`
adds them where the gradient Cond op is.
"""
from __future__ import annotations

import collections
import functools
import re

import numpy as np

from . import branches as _branches
from . import dtypes as _dt
from .tensor_shape import TensorShape

__all__ = ["ZeroShape", "plan", "write"]

_INNER = re.compile(r"gradients(?:_\d+)?/")
_CONTROL_FLOW = ("Cond", "While", "LoopVar", "V1Frames")
_PIVOT = "\x00pivot"   # (the gradient frame's pivot, named when written)
_PIVOT_NAME = (_PIVOT,)


def _ancestors(roots, members):
    """The ops of `members` that `roots` (ops) read, themselves included."""
    seen, stack = set(), [r for r in roots if r in members]
    while stack:
        o = stack.pop()
        if o in seen:
            continue
        seen.add(o)
        stack.extend(t.op for t in o._inputs if t.op in members)
        stack.extend(c for c in o._control_inputs if c in members)
    return seen


def plan(cp, op, infos, lowerings):
    """_plan, the state a nested cond's gradient planned before the refusal changed put
    back where it refuses (CondPlan._plan_cond_grad puts back the rest)."""
    nested = cp.__dict__.setdefault("_nested_steps", {})
    unwritten = cp.__dict__.setdefault("unwritten", set())
    saved = (dict(cp.pivot), dict(cp._grad_steps), dict(cp._grad_blocks),
             set(cp._grad_scopes), dict(cp._copied), list(cp._late_names),
             dict(cp._grad_late), dict(cp._grad_frames), dict(nested), set(unwritten))
    if _plan(cp, op, infos, lowerings):
        return True
    for now, then in zip((cp.pivot, cp._grad_steps, cp._grad_blocks, cp._grad_scopes,
                          cp._copied, cp._late_names, cp._grad_late, cp._grad_frames,
                          nested, unwritten), saved):
        now.clear()
        if isinstance(now, list):
            now.extend(then)
        else:
            now.update(then)
    return False


def _summed_for(m, groups, fside):
    """The forward op of branch `fside` whose output's gradients unread AddN `m` sums (the
    one input every forward op whose gradient `m` reads shares), or None."""
    if m.type != "AddN" or any(t.consumers() for t in m._outputs):
        return None
    common = None
    for t in m._inputs:
        f = next((f for f, ms in groups.items() if t.op in ms and not isinstance(f, tuple)),
                 None)
        if f is None:
            return None
        ins = {i.op for i in f._inputs if i.op in fside}
        common = ins if common is None else common & ins
    return next(iter(common)) if common and len(common) == 1 else None

def _plan(cp, op, infos, lowerings, parent=None):
    """Plans Cond `op` (a gradient cond) as TF's gradient in CondPlan `cp`; False where
    that is not written (not a plain gradient of a cond in TF's own layout, or a branch
    holding control flow or ops lowered otherwise). A cond nested in the forward cond's
    branch (in a loop body too: its zeros on its own popped predicate, _Pred, and its
    stacks switched through the enclosing conds, GradLoopPlan): its gradient Cond, in
    this one's branch, is planned first
    with `parent` (this one's gradients scope and the branch's Switches: TF's gradient
    walk takes the inner cond's Merges, ops and Switches as nodes of the same walk, the
    inner Switches' zeros switching the outer Switch's output); its nodes are written
    where this walk takes the inner forward cond."""
    g = infos[op].get("grad")
    if not isinstance(g, dict) or not (g["plain"] or g.get("slices")) or \
            g["of"] not in cp._tf:
        return False
    # (per x its outputs: an IndexedSlices gradient's values, indices and dense shape,
    # merged part by part, in a loop gradient's frame only)
    nparts = g.get("parts") or [1] * len(g["xs"])
    x_at = [sum(nparts[:j]) for j in range(len(nparts))]

    def x_outs(b, j):
        return [outs[b][x_at[j] + i] for i in range(nparts[j])]
    # (a capture both branches gather: each branch's own slices, its Switch's gradient;
    # flowgrad's concatenation with the other side's zeros has no node in TF's)
    own = g.get("own") or [[None] * len(nparts)] * 2
    both = [own[0][j] is not None for j in range(len(nparts))]
    if any(both[j] and not (g["reached"][0][j] and g["reached"][1][j])
           for j in range(len(nparts))):
        return False

    def mine_outs(b, j):
        return own[b][j] if both[j] else x_outs(b, j)
    fwd = g["of"]
    pre = cp._prefix(op)
    tail = f"/{fwd.name}_grad/cond_grad"
    if not pre.endswith(tail) or op._control_inputs or \
            (cp._tf[fwd]["root"] is not fwd) != (parent is not None):
        return False
    if parent is not None and parent["op"] in cp._grad_frames:   # (a nested cond's in a
        cp._grad_frames[op] = cp._grad_frames[parent["op"]]   # loop gradient's frame)
    if cp._nested(fwd, infos) and fwd in cp._loop_of and op not in cp._grad_frames:
        return False   # (a nested cond in a loop outside a frame written as TF's)
    # (with the ops no branch result reads, named in a branch's gradients scope: a
    # gradient of a tensor that is not an x)
    sides = [set(side) for side in cp._sides(op, infos)]
    inner, aliases = {}, infos[op].get("aliases") or []
    for b, side in enumerate(sides):
        for m in side:
            hit = _INNER.match(m.name, len(pre) + 1) if m.name.startswith(pre + "/") else None
            if hit:
                inner[hit.group(0)] = b
    for o in op.graph._ops:
        if o.type == "ReadVariableOp" and o.name.startswith(pre + "/") and \
                o._inputs[0] in g["xs"] and not o._outputs[0].consumers() and \
                _branches.branch_in(o, op) is None:
            # (flowgrad's read of a resource x for its zeros, folded: TF's zeros read
            # the handle's VariableShape, _zeros_merge)
            cp.lowered.add(o)
            cp._grad_members.add(o)
            continue
        if o is not op and o.name.startswith(pre + "/") and o not in aliases and \
                o not in sides[0] and \
                o not in sides[1] and _branches.branch_in(o, op) is None:
            hit = _INNER.match(o.name, len(pre) + 1)
            if hit is None or (hit.group(0) not in inner and len(set(inner.values())) != 1):
                return False
            # (a side none of whose ops is a branch's: the other one's gradients() scope)
            sides[inner.get(hit.group(0), 1 - next(iter(inner.values()), 1))].add(o)
    # a loop gradient in a branch (a loop in the forward cond, outside loops): its ops are
    # graph_def_lower_grad's frame, the WhileGrad op a step of the walk that writes nothing
    loops = [m for side in sides for m in side if m.type == "WhileGrad"]
    if loops:
        if fwd in cp._loop_of or not all(cp._loop_grads.get(w) for w in loops):
            return False
        scopes = tuple(w.name.rsplit("/", 1)[0] + "/" for w in loops)
        sides = [{m for m in side if m.type == "WhileGrad" or not m.name.startswith(scopes)}
                 for side in sides]
    fsides = cp._sides(fwd, infos)
    caches = [cp._ctx[(fwd, b)]["cache"] for b in (0, 1)]
    gscope = pre[:-len(tail)]   # (the scope flowgrad's gradients() call named it in)
    scope = parent["scope"] if parent else gscope
    # the gradient Conds of the conds nested in the forward cond's branches (their own
    # nested ones inside them): planned now, their ops taken out of the sides
    inner = {}   # forward cond nested here -> its gradient's steps
    feeds = {}   # forward cond nested here -> the ops its gradient's ops read
    walks = {}   # forward cond nested here -> its walk's nodes and their inputs
    flat = {}   # a nested gradient's output -> the Merges TF's AddN sums in its place
    nested = cp._nested(fwd, infos)
    direct = [c for c in nested if not any(
        c in s for d in nested if d is not c for s in cp._sides(d, infos))]
    for b, side in enumerate(sides):
        for m in sorted(side, key=lambda o: o._id):
            gi = infos.get(m, {}).get("grad") if m.type == "Cond" else None
            if not isinstance(gi, dict) or gi["of"] not in direct or \
                    gi["of"] in inner or gi["of"] not in fsides[b]:
                continue
            before = set(cp._grad_members)
            if not _plan(cp, m, infos, lowerings,
                        {"scope": scope, "cache": caches[b], "flat": flat, "op": op,
                         "b": b, "walks": walks, "gate": g["gate"]}):
                return False
            inner[gi["of"]] = cp._grad_steps[m]
            # (its own steps, for the side of each op it copies: GradLoopPlan)
            cp.__dict__.setdefault("_nested_steps", {})[m] = cp._grad_steps[m]
            cp._grad_steps[m] = []   # (written here: TF's form, no node of its own)
            claimed = (cp._grad_members - before) | {m} | {
                o for s in cp._sides(m, infos) for o in s} | set(infos[m].get("aliases") or ())
            feeds[gi["of"]] = {t.op for o in claimed for t in o._inputs} - claimed
            cp.lowered.add(m)
            cp._grad_members.add(m)
            for s in sides:
                s -= claimed
    outs = [infos[op]["true"][0], infos[op]["false"][0]]
    for b, side in enumerate(sides):
        # (a flow's zero gradient on the side that does not read the array: TF's zeros)
        unread = {t.op for j in range(len(nparts)) if not g["reached"][b][j]
                  for t in x_outs(b, j)}
        for m in side:
            if m.type == "TensorArrayZeroGrad" and m in unread:
                continue
            if m.type in _CONTROL_FLOW or m.type in lowerings:
                return False
    loop = op in cp._grad_frames   # (in a loop gradient's frame: loop_frame)
    if loop and _branches.chain(op) and parent is None or \
            not g["plain"] and not loop and (parent is not None or not g.get("slices")):
        return False
    # (a nested cond's: its own popped predicate, GradLoopPlan's pop switched on the
    # enclosing one's)
    pred_id = (_Pred(op) if parent is not None else _PRED) if loop else \
        cp._prefix(fwd) + "/pred_id"
    # (TF gates per tf.gradients call: a nested cond's gradient as the enclosing one's)
    op_gate = parent["gate"] if parent else g["gate"]
    gate = g.get("loop_gate", g["gate"]) if loop else op_gate
    xs = {c.name: j for j, c in enumerate(g["xs"])}
    keep = dict(g["keep"])
    order = {k: i for i, (k, _) in enumerate(g["keep"])}
    outs = [infos[op]["true"][0], infos[op]["false"][0]]
    if any(len(o) != sum(nparts) for o in outs):
        return False
    steps = []
    gy_switch = {}   # gradient tensor name -> its Switch (_MergeGrad)

    # the forward cond as TF's gradient walk sees it: its ops, a Switch per branch read of a
    # captured tensor (("sw", side, name)), its Merges (("merge", k))
    def node_of(t, b):
        if t.op in walks:   # (a nested cond's output: its Merge, a node of its walk)
            return ("in", t.op, ("merge", t.value_index))
        if t.op in fsides[b]:
            return t.op
        return ("sw", b, t.name) if t.name in caches[b] else None

    def inputs_of(n):
        if isinstance(n, tuple) and n[0] == "merge":
            f, t = infos[fwd]["false"][0][n[1]], infos[fwd]["true"][0][n[1]]
            return [node_of(f, 1), node_of(t, 0)]
        if isinstance(n, tuple):
            return []
        b = 0 if n in fsides[0] else 1
        return [node_of(t, b) for t in n._inputs]

    def walk_inputs(n):
        if isinstance(n, tuple) and n[0] == "in":   # (a nested cond's node)
            f, m = n[1], n[2]
            sub_between, sub_inputs = walks[f]
            if isinstance(m, tuple) and m[0] == "sw":   # (its Switch reads this cond's)
                return [node_of(op.graph.get_tensor_by_name(m[2]), 0 if f in fsides[0]
                                else 1)]
            return [("in", f, i) for i in sub_inputs(m) if i in sub_between]
        return inputs_of(n)

    merges = [("merge", k) for k in keep]
    reached = set()
    for b in (0, 1):
        reached.update(("sw", b, name) for name in caches[b] if name in xs)
        for m in sorted(fsides[b], key=lambda o: o._id):
            if any(i in reached for i in inputs_of(m)):
                reached.add(m)
                if m in walks:
                    reached.update(("in", m, i) for i in walks[m][0])
    between, stack = set(), list(merges)
    while stack:
        n = stack.pop()
        if n in between:
            continue
        between.add(n)
        stack.extend(i for i in walk_inputs(n) if i is not None and i in reached)
    if any(c in between for c in direct):
        return False   # (a nested cond on the gradient's path whose gradient is not TF's)
    pending = collections.Counter()
    for n in between:
        for i in walk_inputs(n):
            if i in between:
                pending[i] += 1

    # each side's gradient ops, by the forward op whose gradient they are (an aggregation
    # goes with the next op's; a captured tensor's with its Switch's); the gradients()
    # call's Identity of each gradient and the zeros of a capture the side does not reach
    # are flowgrad's own
    groups, skip, named = {}, set(), set()
    for b, side in enumerate(sides):
        names = sorted((m.name for m in fsides[b]), key=len, reverse=True)
        by_name = {m.name: m for m in fsides[b]}
        reached_outs = [t.op for j in range(len(xs)) if g["reached"][b][j]
                        for t in mine_outs(b, j)]
        live = _ancestors(reached_outs, side)
        dead = _ancestors([t.op for j in range(len(xs)) if not g["reached"][b][j] or
                           both[j] for t in x_outs(b, j)],
                          side) - live
        skip |= dead
        waiting = []
        for m in sorted(side, key=lambda o: o._id):
            if m in dead:
                continue
            if m.type == "Identity" and m._inputs and m._inputs[0].name in \
                    {gy.name for gy in keep.values()}:
                skip.add(m)
                continue
            rest = _rest(m.name, pre)
            if rest is None:
                return False
            fop = next((by_name[n] for n in names if rest.startswith(n + "_grad/")), None)
            if fop is None:
                # (the sum of a nested cond's output gradients: made before its Merges')
                f = next((f for f in feeds if m in feeds[f] and f in fsides[b]), None)
                if f is not None:
                    groups.setdefault(f, []).extend(waiting + [m])
                    waiting = []
                    continue
                waiting.append(m)
                continue
            named.add(m)
            groups.setdefault(fop, []).extend(waiting + [m])
            waiting = []
        for j, c in enumerate(g["xs"]):
            if g["reached"][b][j]:
                mine = [w for w in waiting if w in _ancestors(
                    [t.op for t in mine_outs(b, j)], side)]
                groups[("sw", b, c.name)] = mine
                waiting = [w for w in waiting if w not in mine]
        for m in list(waiting):   # (TF's sum of the gradients of an op it does not
            # differentiate further, a StopGradient's: made when the walk reaches that op)
            f = _summed_for(m, groups, fsides[b])
            if f is not None:
                groups.setdefault(f, []).append(m)
                waiting.remove(m)
        if waiting:
            return False
    owner = {m: f for f, ms in groups.items() for m in ms}
    cp.lowered.update(m for side in sides for m in side if m.type != "WhileGrad")
    cp._grad_members.update(m for side in sides for m in side if m.type != "WhileGrad")

    # TF's names: a forward op's gradient ops keep theirs in the gradients scope; the
    # others (aggregations, ...) are numbered there in TF's order
    firsts = {}
    copied = cp._copied   # (an op without outputs: its control readers' name for it)

    def rename(m, b):
        rest = _rest(m.name, pre)
        first, sep, tail = rest.partition("/")
        if m in named:
            new = f"{scope}/{rest}"
            cp._taken.add(new)
        else:
            key = (b, _INNER.match(m.name[len(pre) + 1:]).group(0), first)
            if key not in firsts:
                firsts[key] = cp._unique(f"{scope}/{re.sub(r'_[0-9]+$', '', first)}")
            new = firsts[key] + sep + tail
        copied[m] = new
        for i, t in enumerate(m._outputs):
            cp.renames[t.name] = new + (f":{i}" if i else "")
        return new

    walked = set()   # the loop gradients the walk reached

    def copy(m, b):
        if m.type == "WhileGrad":   # (written by graph_def_lower_grad: its frame)
            walked.add(m)
            return
        name = rename(m, b)
        if m.type == "AddN" and any(t.name in flat for t in m._inputs):
            # (flowgrad's sum of a nested cond's gradient and others: TF's one AddN of
            # them all, the nested gradient's Merges in its place)
            ins = []
            for t in m._inputs:
                ins.extend(flat.get(t.name) or [gy_switch[t.name][b] if t.name in gy_switch
                                                else t])
            dt = m._outputs[0].dtype.base_dtype
            cp.rewrite.setdefault(m.name, {})
            cp._flat_sums.add(name)
            emit(name, "AddN", ins, [dt] * len(ins), {"N": len(ins)},
                 shapes=[m._outputs[0].shape], colocation=[ins[0]])
            return
        sub = cp.rewrite.setdefault(m.name, {})
        if parent:   # (the generic layout's reads of its Switches: CondPlan._plan's, made
            sub.clear()   # before the enclosing cond's gradient was planned)
            cp.pivot.pop(m.name, None)
        for t in m._inputs:
            if t.name in gy_switch:
                sub[t.name] = gy_switch[t.name][b]
            elif loop:
                continue   # (a popped or entered value: the loop gradient's name)
            elif t.op not in sides[b] and t.name in caches[b]:
                sub[t.name] = caches[b][t.name]
        fop = owner.get(m)
        if fop in grad_sub:   # (a gated Add's input: its own gradient of the tuple's)
            sub.update((t.name, grad_sub[fop][t.name]) for t in m._inputs
                       if t.name in grad_sub[fop])
            sub.update(("^" + c._outputs[0].name, grad_sub[fop][c._outputs[0].name])
                       for c in m._control_inputs
                       if c._outputs and c._outputs[0].name in grad_sub[fop])
        arrays = cp.arrays
        if not loop and arrays is not None and m in arrays.grad_of:
            # (TF's TensorArrayGradV3 reads the forward op's handle and flow: the branch's
            # Switches of them)
            for t in arrays.grad_of[m]:
                if t is not None and t.name in caches[b]:
                    sub[t.name] = caches[b][t.name]
        steps.append(("copy", m, name, b))

    def emit(*args, **kw):
        steps.append(("emit", args, kw))
        return args[0]

    merge_ports, sw_grad, grad_sub, passed_grad = {}, {}, {}, {}

    def _summed(n, b):
        # flowgrad's AddN of the gradients of n's readers (TF's sum of n's output's
        # gradients, made with the next op's gradient)
        readers = {c for c in n._outputs[0].consumers() if c in fsides[b]}
        return next((m._outputs[0] for m in sides[b] if m.type == "AddN" and
                     m not in named and m._inputs and
                     all(owner.get(t.op) in readers for t in m._inputs)), None)

    def _received(n, b):
        # the one gradient output of n's readers' gradient ops that the gradients of n's
        # inputs read (a reader with several: its tuple's, named when written)
        readers = {c for c in n._outputs[0].consumers() if c in fsides[b]}
        cands = {t.name: t for m in sides[b] if owner.get(m) in readers for t in m._outputs}
        got = set()
        for t in n._inputs:
            i = node_of(t, b)
            got.update(x.name for m in groups.get(i, ()) if i is not None
                       for x in m._inputs if x.name in cands)
            if isinstance(i, tuple) and i[0] == "sw" and i[2] in xs:
                got.update(x.name for x in x_outs(b, xs[i[2]])[:1] if x.name in cands)
        return cands[got.pop()] if len(got) == 1 else None

    def _gate_passed(n, b):
        # TF's _AddGrad of equal, fully known shapes (_AddNGrad) returns the output's
        # gradient for each input, gated as a tuple of them: each input's gradient reads
        # its own (a branch result's: its Merge's Switch; else the one gradient op its
        # only reader's gradient has: passed_grad; the sum of its readers' gradients)
        k = next((k for k, t in enumerate(infos[fwd]["true" if b == 0 else "false"][0])
                  if t is n._outputs[0] and k in merge_ports), None)
        summed = _summed(n, b) if k is None and n not in passed_grad else None
        if summed is None and k is None and n not in passed_grad:
            summed = _received(n, b)
        gated = op.graph.__dict__.get("_branch_gated", {}).get(n) or [None]
        if summed is None and k is None and n not in passed_grad and \
                gated[0] is not None and not hasattr(gated[0], "indices") and \
                all(t is gated[0] for t in gated):
            # (a sum's gradient that gradients() gated as a branch's tuple: a nested
            # cond's sum)
            gy = gated[0]
            grads, port = {gy.name}, cp._renamed(gy)
        elif summed is not None:
            gy = summed   # (named when written: copied with the next op's gradient)
            grads, port = {gy.name}, gy
        elif k is not None:
            gy = keep[k]
            grads = {gy.name} | {m._outputs[0].name for m in sides[b] if m in skip and
                                 m.type == "Identity" and m._inputs[0] is gy and
                                 _ys_index(m) in (None, order[k])}
            port = merge_ports[k][b]
        elif n in passed_grad:
            gy = passed_grad[n]
            grads, port = {gy.name}, cp._renamed(gy)
        else:
            return
        ins = [node_of(t, b) for t in n._inputs]
        if len(set(ins)) != len(ins):
            return
        names = _tuple(cp, emit, f"{scope}/{n.name}_grad", [(port, gy)] * len(ins))
        for i, name in zip(ins, names):
            if isinstance(i, tuple) and i[0] == "sw" and \
                    x_outs(b, xs[i[2]])[0].name in grads:
                sw_grad[i] = name
            if i is not None:   # (its gradient ops, or a sum of the Switch's gradients)
                grad_sub[i] = {t: name for t in grads}

    def _gate_kept(n, b, mine_out):
        # TF's gradient of a BiasAdd (or of a Sub of equal, fully known shapes) returns the
        # output's gradient itself for the first input and one op of it for the second,
        # gated as a tuple of both: the first input's gradient reads the tuple's first
        gy = mine_out.op._inputs[0]
        names = _tuple(cp, emit, f"{scope}/{n.name}_grad",
                       [(cp.input_name(mine_out.op, gy), gy),
                        (cp._renamed(mine_out), mine_out)])
        cp.renames[mine_out.name] = names[1]
        grads = {gy.name} | {m._outputs[0].name for m in sides[b] if m in skip and
                             m.type == "Identity" and m._inputs[0] is gy}
        i = node_of(n._inputs[0], b)
        if isinstance(i, tuple) and i[0] == "sw" and i[2] in xs and \
                x_outs(b, xs[i[2]])[0].name in grads:
            sw_grad[i] = names[0]
        if i is not None:
            grad_sub[i] = {t: names[0] for t in grads}

    b_ = _dt.bool_
    got = collections.defaultdict(list)   # x index -> its Switches' Merges
    queue = collections.deque(merges)
    spliced = set()
    while queue:
        n = queue.popleft()
        if isinstance(n, tuple) and n[0] == "in":   # a nested cond's: its nodes written
            if n[1] not in spliced:                 # where the walk first meets one
                spliced.add(n[1])
                for m in groups.get(n[1], ()):
                    copy(m, 0 if n[1] in fsides[0] else 1)
                steps.extend(inner[n[1]])
        elif isinstance(n, tuple) and n[0] == "merge":   # _MergeGrad: the gradient switched
            k = n[1]
            gy = keep[k]
            merge = fwd.name if k == 0 else cp.renames[f"{fwd.name}:{k}"]
            sw = cp._unique(f"{scope}/{merge}_grad/cond_grad")
            if parent is not None and k == 0:   # (a nested one's name, for GradLoopPlan:
                cp.__dict__.setdefault("_nested_sw", {})[op] = sw   # its stacks' scope)
            # (named when written: a loop gradient's output is its Exit, GradLoopPlan's)
            gdt = cp.arrays.dtype(gy) if cp.arrays is not None else gy.dtype.base_dtype
            emit(sw, "Switch", [gy, pred_id], [gdt, b_], {},
                 shapes=[gy.shape] * 2, colocation=gy.op._colocation or [gy])
            ports = [sw + ":1", sw]   # (per side, 0: true)
            if gate:   # (false side first)
                ports = _tuple(cp, emit, f"{scope}/{merge}_grad", [(sw, gy), (sw + ":1", gy)])
                ports.reverse()
            gy_switch[gy.name] = ports
            merge_ports[k] = ports
            for side in sides:
                for m in side:
                    if m in skip and m.type == "Identity" and m._inputs[0] is gy and \
                            _ys_index(m) in (None, order[k]):   # (one gradient for two
                        # outputs: the branch gradients()'s grad_ys_<i> of keep's i-th)
                        b = 0 if m in sides[0] else 1
                        cp.renames[m._outputs[0].name] = ports[b]
        elif isinstance(n, tuple):   # _SwitchGrad: its gradient and zeros merged
            _, b, name = n
            j = xs[name]
            if g["reached"][b][j]:
                for m in groups.get(n, ()):
                    copy(m, b)
                if loop:
                    zm = _zeros_merge_loop
                else:   # (a nested cond's Switch switches the outer one's output)
                    zm = functools.partial(_zeros_merge, data=(parent or {}).get(
                        "cache", {}).get(name), zshape=x_outs(1 - b, j)[0].shape)
                got[j].append(zm(cp, emit, g["xs"][j], b, scope, pred_id,   # (named when
                                 caches[b][name], sw_grad.get(n, x_outs(b, j)[0]) if
                                 nparts[j] == 1 else mine_outs(b, j)))   # written)
        else:
            b = 0 if n in fsides[0] else 1
            mine = groups.get(n, ())
            axis = _branch_axis(n, mine, fsides[b]) if not loop else None
            if axis is not None:   # (TF's _ConcatGradHelper copies a constant axis of
                # another context than its gradient's: concat_grad/Const, before the Rank)
                const = f"{scope}/{n.name}_grad/Const"
                cp._taken.add(const)
                emit(const, "Const", [], [], {"dtype": axis.dtype.base_dtype,
                                              "value": axis.op._attrs["value"]},
                     shapes=[axis.shape])
            for m in mine:
                copy(m, b)
                if axis is not None and m.type == "FloorMod" and m._inputs[0] is axis:
                    cp.rewrite.setdefault(m.name, {})[axis.name] = const
            inside = set(mine)
            # (a PreventGradient: the sparse cross entropy's gradient product reads it, as
            # TF's: not a gradient)
            out = [t for m in sorted(inside & named, key=lambda o: o._id) for t in m._outputs
                   if not any(c in inside for c in t.consumers()) and
                   (t.consumers() or t.value_index < _returned(n)) and
                   m.type != "PreventGradient"]
            # TF's tuple of the op's gradients (in a loop's body flowgrad's branch
            # gradients hold it: loop_gate; a loop's gradient: none, its frame's per op;
            # a gather's: one IndexedSlices, its values' and indices' nodes, no tuple)
            # (an array write's: its value's gradient and the gradient flow it passes on,
            # TF's [None, None, value, flow]; the flow's own readers keep reading it)
            flow = [m._inputs[0] for m in mine if m.type == _TA_WRITES.get(n.type)] \
                if len(out) == 1 else []
            if op_gate and len(out) + len(flow[:1]) > 1 and not walked & inside and \
                    n.type not in _GATHERS:
                names = _tuple(cp, emit, f"{scope}/{n.name}_grad",
                               [(cp._renamed(t), t) for t in out] + [(t, t) for t in flow[:1]])
                for t, name in zip(out, names):
                    cp.renames[t.name] = name
            elif op_gate and not walked & inside and _passed_first(n, out):
                _gate_kept(n, b, out[0])
            elif op_gate and not mine and n.type in ("Add", "AddV2", "AddN") and \
                    len(n._inputs) > 1:
                _gate_passed(n, b)
            if len(out) == 1 and not walked & inside:   # (an input's one gradient)
                for t in n._inputs:
                    f = node_of(t, b)
                    if not isinstance(f, tuple) and f is not None and \
                            [c for o in f._outputs for c in o.consumers()
                             if c in fsides[b]] == [n]:
                        passed_grad[f] = out[0]
        for i in walk_inputs(n):
            if i is None:
                continue
            pending[i] -= 1
            if pending[i] == 0 and i in between:
                queue.append(i)
    if any(m not in skip and m not in walked and m.name not in cp.rewrite and not any(
            t.name in cp.renames for t in m._outputs) for side in sides for m in side):
        return False   # (an op the walk did not reach: not TF's)
    # flowgrad's own ops around the gradient cond, which TF's gradient has no node for: the
    # zeros of an output without a gradient, gradients()'s tuple of the cond's gradients
    # (TF gates each Switch's single gradient: none); their readers read the gradients
    mine, dropped = {o.name: o for o in op.graph._ops}, []
    for o in op.graph._ops:
        if not o.name.startswith(f"{gscope}/{fwd.name}_grad/") or \
                o.name.startswith(pre + "/") or o is op or o in aliases:
            continue
        rest = o.name[len(f"{gscope}/{fwd.name}_grad/"):]
        if o.type == "Const" and rest.startswith("zeros_like") and \
                not o._outputs[0].consumers():
            pass
        elif o.type == "NoOp" and rest.startswith("tuple/group_deps"):
            pass
        elif o.type == "Identity" and rest.startswith("tuple/control_dependency") and \
                o._inputs[0].op in [op] + list(aliases):
            pass
        else:
            continue
        dropped.append(o)
        cp.lowered.add(o)
        cp._grad_members.add(o)
        cp.unwritten.add(o)   # (a node of TF's gradient may take its name: tf_nodes)
        if mine.get(o.name) is o:
            cp._taken.discard(o.name)
    # the captured tensor's gradient: the AddN of its Switches' Merges, made where TF's walk
    # takes the tensor's op: before its op's gradient ops; for an op without any (a read,
    # a placeholder), after those of the captured tensors' ops that have some, before the
    # next op's (or the first op past the gradients call)
    later = [o for o in op.graph._ops if o._id > op._id and o not in cp._grad_members]
    own = {}
    for c in g["xs"]:
        own[c.op] = [o for o in later if o.name.startswith(f"{scope}/{c.op.name}_grad/")]
    last = max((o._id for ops in own.values() for o in ops), default=op._id)
    rest_at = next((o for o in later if o._id > last and not any(
        o in ops for ops in own.values())), None)
    for j, c in enumerate(g["xs"]):
        if nparts[j] > 1 and len(got[j]) == 2:   # (TF's _AggregateIndexedSlicesGradients
            # at the capture's Enter: the values and indices of both Switches' Merges
            # concatenated in the gradients scope, the first one's dense shape; outside
            # loops made where TF's walk takes the capture's op, as a dense sum's AddN)
            if loop:
                got[j] = [_concat_slices(cp, emit, scope, got[j], c)]
            else:
                late = []
                got[j] = [_concat_slices(cp, lambda *a, **k: late.append((a, k)) or a[0],
                                         scope, got[j], c, loop=False,
                                         values=op._outputs[x_at[j]])]
                at = own[c.op][0] if own[c.op] else rest_at
                if at is None:
                    steps.extend(("emit", a, k) for a, k in late)
                else:
                    cp._grad_late[(op, j)] = late
                    cp.before.setdefault(at, []).append((op, ("addn", op, j)))
        if nparts[j] > 1:   # (an IndexedSlices': its Merges, one per part)
            for i, res in enumerate(got[j][0] if got[j] else ()):
                k = x_at[j] + i
                cp.renames[op._outputs[k].name] = res
                if 0 < k <= len(aliases):
                    cp.renames[aliases[k - 1]._outputs[0].name] = res
            for o in dropped:
                if o.type == "Identity" and o._inputs[0].name in cp.renames:
                    cp.renames[o._outputs[0].name] = cp.renames[o._inputs[0].name]
            continue
        jo = x_at[j]   # (its output)
        if len(got[j]) == 2:
            dt = cp.arrays.dtype(c) if cp.arrays is not None else c.dtype.base_dtype
            ins = {op._outputs[jo]} | ({aliases[jo - 1]._outputs[0]}
                                       if 0 < jo <= len(aliases) else set())
            ins |= {o._outputs[0] for o in dropped if o.type == "Identity" and
                    o._inputs[0] in ins}
            # (not the Identity named Merge_j itself, which reads output j)
            readers = {r for t in ins for r in t.consumers()
                       if r not in dropped and r not in aliases}
            outer = next(iter(readers), None)
            if parent is not None and len(readers) == 1 and outer.type == "AddN" and \
                    outer in cp._sides(parent["op"], infos)[parent["b"]]:
                parent["flat"].update((t.name, got[j]) for t in ins)
                continue
            if parent is None and len(readers) == 1 and outer.type == "AddN" and \
                    re.fullmatch(re.escape(scope) + r"/AddN(?:_[0-9]+)?", outer.name):
                # (flowgrad's sum of this and other gradients of the tensor: TF's one AddN
                # of them all, the Merges in place of this gradient)
                cp._flat.setdefault(outer, {}).update((t.name, got[j]) for t in ins)
                cp.lowered.add(outer)
                continue
            res = cp._unique(f"{scope}/AddN")
            args = ((res, "AddN", got[j], [dt, dt], {"N": 2}),
                    {"shapes": [c.shape], "colocation": [got[j][0]]})
            at = None if loop or parent else own[c.op][0] if own[c.op] else rest_at
            if loop:   # (numbered with the gradients scope's own: node_renames)
                cp._late_names.append((res, _root(scope) + "/AddN"))
                cp._grad_scopes.add(_root(scope))
            if at is None:
                steps.append(("emit",) + args)
            else:
                cp._grad_late[(op, j)] = [args]
                cp.before.setdefault(at, []).append((op, ("addn", op, j)))
        elif got[j]:
            res = got[j][0]
        else:
            continue
        cp.renames[op._outputs[jo].name] = res
        if 0 < jo <= len(aliases):   # (the Identity named Merge_j that reads output j)
            cp.renames[aliases[jo - 1]._outputs[0].name] = res
        for o in dropped:
            if o.type == "Identity" and o._inputs[0].name in cp.renames:
                cp.renames[o._outputs[0].name] = cp.renames[o._inputs[0].name]
    cp._grad_steps[op] = steps
    if parent is not None:
        parent["walks"][fwd] = (between, walk_inputs)
    if loop:   # (the shapes of zeros TF keeps on stacks: GradLoopPlan pushes them; a
        # nested cond's spliced in here are its own)
        theirs = {id(z) for c in inner for m in cp._grad_steps if m is not op and
                  m in cp._grad_frames for z in cp._zero_shapes.get(m, ())}
        cp._zero_shapes[op] = [i for st in steps if st[0] == "emit" for i in st[1][2]
                               if isinstance(i, ZeroShape) and id(i) not in theirs]
    cp._grad_blocks[op] = (infos[op].get("blocks"), fwd)
    cp._grad_scopes.add(scope)
    return True


_PRED = "\x00pred"   # (a loop's gradient cond: its popped predicate, named when written)


class _Pred(tuple):
    """The popped predicate of nested gradient Cond `op` in a loop gradient's frame (named
    when written: _loop_names)."""

    __slots__ = ()

    def __new__(cls, op):
        return tuple.__new__(cls, (op,))

    op = property(lambda self: self[0])


def loop_frame(cp, op, info, loop_info):
    """The WhileGrad whose gradient frame (written as TF's: graph_def_lower_grad) holds
    gradient Cond `op` (`info`: its cond info) of a cond in its forward loop's body,
    outside any other cond, else None: TF's _MergeGrad / _SwitchGrad there switch on the
    popped predicate. Recorded in cp._grad_frames."""
    g = info.get("grad") if info else None
    if not isinstance(g, dict) or _branches.chain(op):
        return None
    fwd = g["of"]
    for gop, ok in cp._loop_grads.items():
        ginfo = loop_info(gop) if ok else None
        if ginfo is not None and ginfo.get("forward") is cp._loop_of.get(fwd) and \
                op.name.startswith(gop.name.rsplit("/", 1)[0] + "/gradients/"):
            cp._grad_frames[op] = gop
            return gop
    return None


def _root(scope):
    """The tf.gradients scope of a loop gradient's inner gradients scope (<root>/<...>/
    While_grad/gradients): TF builds the body's gradients in the call's own scope (under
    the name scope the call was made in: nmt/gradients)."""
    parts = scope.split("/")
    k = next((i for i, part in enumerate(parts) if part.startswith("gradients")), 0)
    return "/".join(parts[:k + 1])


def _zeros_merge_loop(cp, emit, c, b, scope, pred, switch, grad):
    """_SwitchGrad of Switch `switch` of capture `c` (read by side `b`, 0: true) of a cond
    in a loop body: TF's ZerosLike in the gradient frame merged with `grad` (false side
    first). Of a known shape: a Const on the frame's pivot, switched on the popped
    predicate, its other side's output. Else the zeros (Fill, its Const on the pivot) of
    the shape popped from the stack GradLoopPlan adds for it (ZeroShape)."""
    # (a TensorArray's flow: TF's float; planned before the plans know each other)
    dt = cp.arrays.dtype(c) if cp.arrays is not None else c.dtype.base_dtype
    root = _root(scope)
    if not c.shape.is_fully_defined():
        zs = ZeroShape(switch, b, c)   # (recorded by plan: cp._zero_shapes)
        zeros = cp._unique(f"{scope}/loop_zeros")
        const = emit(zeros + "/Const", "Const", [_PIVOT], [],
                     {"dtype": dt, "value": np.asarray(0, dt.as_numpy_dtype)},
                     shapes=[TensorShape([])])
        emit(zeros, "Fill", [zs, const], [_dt.int32, dt], {},
             shapes=[_filled(c) if isinstance(grad, list) else c.shape])
        cp._late_names.append((zeros, root + "/zeros"))
        cp._late_subs.append((const, zeros, "/Const"))
    else:
        zeros = _switched_zeros(cp, emit, c, b, scope, pred, dt, root)
    if isinstance(grad, list):   # (an IndexedSlices gradient: TF's merge of slices)
        return _slices_merge_loop(cp, emit, c, b, scope, switch, grad, dt, zeros)
    ins = [zeros, grad] if b == 0 else [grad, zeros]
    name = cp._unique(f"{scope}/{switch.split(':')[0]}_grad/cond_grad")
    return emit(name, "Merge", ins, [dt, dt], {"N": 2}, shapes=[c.shape, TensorShape([])])


def _switched_zeros(cp, emit, c, b, scope, pred, dt, root):
    """The dead side's zeros of a known shape in a loop frame: a Const switched on the
    popped predicate (named root/Const and root/Switch late); its branch-b output."""
    const = emit(cp._unique(f"{scope}/loop_zeros_Const"), "Const", [_PIVOT], [],
                 {"dtype": dt, "value": np.zeros(c.shape.as_list(), dt.as_numpy_dtype)},
                 shapes=[c.shape])
    cp._late_names.append((const, root + "/Const"))
    sw = emit(cp._unique(f"{scope}/loop_zeros_Switch"), "Switch", [const, pred],
              [dt, _dt.bool_], {}, shapes=[c.shape] * 2)
    cp._late_names.append((sw, root + "/Switch"))
    return sw + (":1" if b == 1 else "")


def _slices_merge_loop(cp, emit, c, b, scope, switch, grad, dt, zeros, cshape=None,
                       pivot=_PIVOT_NAME):
    """_zeros_merge_loop of an IndexedSlices gradient `grad` ([values, indices, dense
    shape]): TF's merge() makes the zeros slices (_as_indexed_slices: their Shape, the
    range of its first dimension) and merges each part (Merge, Merge_1, Merge_2 in the
    Switch's <Switch>_grad/cond_grad scope). Returns the three Merges. `cshape`: the
    zeros' static shape where it is not `c`'s (a resource variable's handle); `pivot`:
    the Consts' control inputs (none outside loops)."""
    i32 = _dt.int32
    name = cp._unique(f"{scope}/{switch.split(':')[0]}_grad/cond_grad")
    cshape = c.shape if cshape is None else cshape
    rank = cshape.ndims
    # (the zeros of a shape not fully known: a Fill of a popped shape, its dimensions
    # unknown)
    first_dim = cshape.as_list()[:1] if cshape.is_fully_defined() else [None]
    shape = emit(name + "/Shape", "Shape", [zeros], [dt], {"out_type": i32},
                 shapes=[TensorShape([rank])])
    ends = [emit(f"{name}/strided_slice/stack{x}", "Const", list(pivot), [],
                 {"dtype": i32, "value": np.asarray([v], np.int32)}, shapes=[TensorShape([1])])
            for x, v in (("", 0), ("_1", 1), ("_2", 1))]
    first = emit(name + "/strided_slice", "StridedSlice", [shape] + ends, [i32] * 4,
                 {"begin_mask": 0, "end_mask": 0, "ellipsis_mask": 0, "new_axis_mask": 0,
                  "shrink_axis_mask": 1}, shapes=[TensorShape([])])
    start, delta = [emit(f"{name}/range/{x}", "Const", list(pivot), [],
                         {"dtype": i32, "value": np.asarray(v, np.int32)},
                         shapes=[TensorShape([])]) for x, v in (("start", 0), ("delta", 1))]
    rng = emit(name + "/range", "Range", [start, first, delta], [i32] * 3, {},
               shapes=[TensorShape(first_dim)])
    out = []
    zshapes = [cshape if cshape.is_fully_defined() else
               TensorShape(None if rank is None else [None] * rank), TensorShape(first_dim),
               TensorShape([rank])]
    for i, (z, t, zs) in enumerate(zip([zeros, rng, shape], grad, zshapes)):
        ins = [z, t] if b == 0 else [t, z]
        d = t.dtype.base_dtype
        out.append(emit(f"{name}/Merge" + (f"_{i}" if i else ""), "Merge", ins, [d, d],
                        {"N": 2}, shapes=[_merge_shape(zs, t.shape), TensorShape([])]))
    return out


def _filled(c):
    """The static shape of TF's zeros (Fill) of the popped shape of capture `c`: its rank
    only (the pop's shape is the Shape's, [rank])."""
    return TensorShape(None if c.shape.ndims is None else [None] * c.shape.ndims)


def _concat_slices(cp, emit, scope, got, c, loop=True, values=None):
    """TF's sum of two slices `got` (each [values, indices, dense shape] Merges):
    concat (values) and concat_1 (indices), each with its axis Const, in the gradients
    scope (in a loop gradient's frame: the axis on the frame's pivot, named late);
    [values, indices, the first one's dense shape]. `values`: a tensor of the values'
    dtype and rank, for a resource handle `c` (TF's Merges of zeros of a VariableShape:
    no dimension known)."""
    i32, root = _dt.int32, _root(scope)
    out = []
    for i in (0, 1):
        if loop:
            name = cp._unique(f"{scope}/loop_concat")
            axis = emit(cp._unique(f"{scope}/loop_concat_axis"), "Const", [_PIVOT], [],
                        {"dtype": i32, "value": np.asarray(0, np.int32)},
                        shapes=[TensorShape([])])
        else:
            name = cp._unique(f"{scope}/concat")
            axis = emit(name + "/axis", "Const", [], [],
                        {"dtype": i32, "value": np.asarray(0, np.int32)},
                        shapes=[TensorShape([])])
        dt = _dt.int32 if i else (cp.arrays.dtype(c) if cp.arrays is not None else
                                  c.dtype.base_dtype)
        shape = TensorShape([None] + (c.shape.as_list()[1:] if i == 0 and
                                      c.shape.ndims is not None else []))
        if i == 0 and c.shape.ndims is None:
            shape = TensorShape(None)
        if i == 0 and c.dtype.base_dtype == _dt.resource:
            rank = values.shape.ndims
            dt, shape = values.dtype.base_dtype, TensorShape(
                None if rank is None else [None] * rank)
        emit(name, "ConcatV2", [got[0][i], got[1][i], axis], [dt, dt, i32],
             {"N": 2}, shapes=[shape])
        if loop:
            cp._late_names.append((name, root + "/concat"))
            cp._late_subs.append((axis, name, "/axis"))
        out.append(name)
    return out + [got[0][2]]


def _merge_shape(a, b):
    """TF's Merge shape function of inputs of shapes a and b: the dimensions they agree
    on, of the rank they agree on."""
    if a.ndims is None or b.ndims is None or a.ndims != b.ndims:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])




class ZeroShape(tuple):
    """The shape TF's ControlFlowState.ZerosLike keeps of the dead output of forward
    Switch `switch` (its name and port) of capture `c`, read by side `b` (0: true), whose
    shape is not fully known: in the forward frame a Switch of the Switch's input on the
    forward pred_id and the Shape of its dead output, pushed on a stack in the cond's
    context (AddForwardAccumulator, dead_branch=True: waited for by the f_sync); popped
    in the gradient frame through the stack's Switch on the popped predicate, its dead
    output (GradLoopPlan: a push of its stack plan; its pop, named when written)."""

    __slots__ = ()

    def __new__(cls, switch, b, c):
        return tuple.__new__(cls, (switch, b, c))

    switch = property(lambda self: self[0])
    b = property(lambda self: self[1])
    c = property(lambda self: self[2])
    dead = property(lambda self: "" if self[1] == 0 else ":1")   # (the other side's port)

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return id(self)


def _loop_names(cp, op, ins):
    """`ins` with a loop gradient's names put in (_PRED, _PIVOT, tensors: the names other
    plans give them, known when the nodes are written)."""
    out, ctl = [], False
    for i in ins:
        if isinstance(i, _CtlOf):   # (control inputs sorted by name, as TF writes them)
            i, ctl = "^" + cp._renamed(i.t).split(":")[0], True
        elif isinstance(i, ZeroShape):   # (its pop: GradLoopPlan's)
            i = next(q for q in cp.others if hasattr(q, "zero_shape_pop")).zero_shape_pop(
                cp._grad_frames[op], i)
        elif isinstance(i, _Pred):   # (GradLoopPlan's pop: not an enclosing generic
            loops = next(q for q in cp.others if hasattr(q, "zero_shape_pop"))   # Switch)
            i = loops.rewrite.get(i.op.name, {}).get(i.op._inputs[0].name) or \
                cp.input_name(i.op, i.op._inputs[0])
        elif i == _PRED:
            i = cp.input_name(op, op._inputs[0])
        elif i == _PIVOT:
            i = "^" + cp._grad_frames[op].name + "/sub"
        elif not isinstance(i, str):
            i = cp._renamed(i)
        out.append(i)
    if ctl:
        out = [i for i in out if not i.startswith("^")] + sorted(
            {i for i in out if i.startswith("^")})
    return out


def write_sum(cp, op, emit):
    """Writes flowgrad's AddN `op` of a tensor's gradients, one of them a cond gradient's,
    as TF's AddN of them all (the cond gradient's Merges in its place)."""
    flat = cp._flat[op]
    ins = []
    for t in op._inputs:
        ins.extend(flat.get(t.name) or [cp.input_name(op, t)])
    dt = op._outputs[0].dtype.base_dtype
    cp._flat_sums.add(op.name)
    return emit(op.name, "AddN", ins, [dt] * len(ins), {"N": len(ins)},
                shapes=[op._outputs[0].shape], colocation=[ins[0].split(":")[0]])


def node_renames(cp, names):
    """{node name: TF's} for the AddNs of the gradients scopes a cond gradient was written
    in: TF numbers them (AddN, AddN_1, ...) in the order it makes them, which is the
    GraphDef's; flowgrad's outer gradients() numbered its own before the cond gradient's."""
    out = {}
    for scope in cp._grad_scopes:
        pat = re.compile(re.escape(scope) + r"/AddN(?:_[0-9]+)?")
        mine = [n for n in names if pat.fullmatch(n)]
        for k, n in enumerate(mine):
            new = f"{scope}/AddN" + (f"_{k}" if k else "")
            if new != n:
                out[n] = new
    return out


# (the ops whose gradient is one IndexedSlices of their params: TF gates no tuple of it)
_GATHERS = ("GatherV2", "Gather", "ResourceGather")


# (an array write op -> the gradient array op reading its gradient flow for the value's
# gradient: TF's _TensorArrayWriteGrad / ScatterGrad / SplitGrad return both, gated)
_TA_WRITES = {"TensorArrayWriteV3": "TensorArrayGradRead",
              "TensorArrayScatterV3": "TensorArrayGradGather",
              "TensorArraySplitV3": "TensorArrayGradConcat"}


def _tuple(cp, emit, where, grads):
    """TF's control_flow_ops.tuple of an op's gradients (gate_gradients) in `where`, its
    gradient scope: group_deps waiting for their ops, an Identity of each after it;
    `grads`: (name, tensor) pairs (the tensor for a name known only when written: a loop
    gradient's output). Returns the Identities' names."""
    scope = where + "/tuple"
    deps = emit(scope + "/group_deps", "NoOp",
                ["^" + c for c in sorted({n.split(":")[0] for n, _ in grads
                                          if isinstance(n, str)})] +
                [_CtlOf(n) for n, _ in grads if not isinstance(n, str)], [], {})
    out = []
    for k, (name, t) in enumerate(grads):
        cd = scope + "/control_dependency" + (f"_{k}" if k else "")
        cp._taken.add(cd)
        dt = _dt.float32 if t.dtype.base_dtype is _dt.variant else t.dtype.base_dtype
        out.append(emit(cd, "Identity", [name, "^" + deps], [dt], {},   # (a flow: TF's float)
                        shapes=[t.shape],
                        colocation=[name.split(":")[0] if isinstance(name, str) else name]))
    return out


class _CtlOf:
    """A control input on the node of tensor `t`, named when written (_loop_names)."""
    __slots__ = ("t",)

    def __init__(self, t):
        self.t = t


# (a forward op -> the op of its second input's gradient, when TF's gradient passes the
# output's gradient on to the first input unchanged: _BiasAddGrad, _SubGrad of equal shapes)
_PASSED_FIRST = {"BiasAdd": "BiasAddGrad", "Sub": "Neg"}


def _passed_first(n, out):
    """Whether flowgrad's gradient ops of `n` (their outputs `out`) are TF's one op of its
    second input's gradient beside the output's gradient passed on to the first."""
    return len(out) == 1 and len(n._inputs) == 2 and \
        _PASSED_FIRST.get(n.type) == out[0].op.type


def _branch_axis(n, mine, side):
    """A concat's constant axis made in its branch (`side`: the branch's ops; an outer one
    is switched in), which its gradient ops (`mine`) read (their FloorMod of it); else
    None."""
    if n.type != "ConcatV2" or n._inputs[-1].op.type != "Const" or \
            n._inputs[-1].op not in side:
        return None
    axis = n._inputs[-1]
    return axis if any(m.type == "FloorMod" and m._inputs[0] is axis for m in mine) \
        else None


def _returned(fop):
    """How many of its gradient op's outputs TF's gradient function of `fop` returns
    (_BaseFusedBatchNormGrad in inference: dx, dscale, doffset)."""
    if fop.type.startswith("FusedBatchNorm") and not fop._attrs.get("is_training", True):
        return 3
    return len(fop._inputs)


def _ys_index(m):
    """The index of the grad_ys a branch gradients() call's Identity `m` is
    (`.../grad_ys_<i>`), None for another name."""
    hit = re.search(r"/grad_ys_([0-9]+)$", m.name)
    return int(hit.group(1)) if hit else None


def _rest(name, pre):
    """A gradient cond's op name past its gradients() scope (`<pre>/gradients_<n>/`)."""
    if not name.startswith(pre + "/"):
        return None
    hit = _INNER.match(name, len(pre) + 1)
    return name[hit.end():] if hit else None


def _zeros_merge(cp, emit, c, b, scope, pred_id, switch, grad, data=None, zshape=None):
    """ZerosLikeOutsideLoop and _SwitchGrad for the Switch `switch` of capture `c` read by
    side `b` (0: true) of a cond: the Merge (false side first) of `grad` and zeros made on
    the other side. `data`: the Switch's input where it is not `c` (a nested cond's: the
    enclosing cond's Switch of `c`). `grad` a list (an IndexedSlices' values, indices and
    dense shape): TF's merge() of slices, the three Merges. A resource handle `c` (its
    variable's gradient, of static shape `zshape`): TF's zeros of its VariableShape, under
    control_dependencies of the Identity, of the gradient's dtype."""
    data = data or cp._renamed(c)
    # (a TensorArray's flow: TF's float)
    dt = cp.arrays.dtype(c) if cp.arrays is not None else c.dtype.base_dtype
    sdt = dt   # (the Switch's)
    resource = c.dtype.base_dtype == _dt.resource
    if resource:
        dt = (grad[0] if isinstance(grad, list) else grad).dtype.base_dtype \
            if not isinstance(grad, str) else _dt.float32
    # (a tensor's zeros: TF's Fill of its Shape, of its static shape)
    zshape = c.shape if zshape is None or not resource else zshape
    i32 = _dt.int32
    if _loop_grad_in_call(cp, scope):   # (TF made the loop's GradLoopState first: its
        # counters' Switches come before this one, numbered after them: _late_names)
        sw = emit(cp._unique(f"{scope}/outer_zeros_Switch"), "Switch",
                  [data, pred_id], [sdt, _dt.bool_], {}, shapes=[c.shape] * 2)
        cp._late_names.append((sw, scope + "/Switch"))
    else:
        sw = emit(cp._unique(f"{scope}/Switch"), "Switch", [data, pred_id],
                  [sdt, _dt.bool_], {}, shapes=[c.shape] * 2)
    other = sw + (":1" if b == 1 else "")
    ident = emit(cp._unique(f"{scope}/Identity"), "Identity", [other], [sdt], {},
                 shapes=[c.shape])
    rank = zshape.ndims
    # (with a loop gradient in the call: named late, in TF's walk order with the loop
    # frame's zeros of a shape not fully known, which share these bases)
    late = "outer_zeros_" if _loop_grad_in_call(cp, scope) else ""
    base = "VariableShape" if resource else "Shape"
    if resource:
        shape = emit(cp._unique(f"{scope}/{late}VariableShape"), "VariableShape",
                     [other, "^" + ident], [sdt], {"out_type": i32},
                     shapes=[TensorShape([rank] if rank is not None else [None])])
    else:
        shape = emit(cp._unique(f"{scope}/{late}Shape"), "Shape", [other], [sdt],
                     {"out_type": i32},
                     shapes=[TensorShape([rank] if rank is not None else [None])])
    zeros = cp._unique(f"{scope}/{late}zeros")
    const = emit(zeros + "/Const", "Const", ["^" + ident], [],
                 {"dtype": dt, "value": np.asarray(0, dt.as_numpy_dtype)},
                 shapes=[TensorShape([])])
    # (TF's Fill of a VariableShape, which shape inference cannot evaluate: its rank only)
    fshape = TensorShape(None if rank is None else [None] * rank) if resource else zshape
    emit(zeros, "Fill", [shape, const], [i32, dt], {}, shapes=[fshape])
    if isinstance(grad, list):   # (an IndexedSlices gradient: TF's merge of slices)
        if late:
            cp._late_names.extend([(shape, f"{scope}/{base}"), (zeros, scope + "/zeros")])
            cp._late_subs.append((const, zeros, "/Const"))
        return _slices_merge_loop(cp, emit, c, b, scope, switch, grad, dt, zeros,
                                  cshape=fshape, pivot=())
    if late:
        cp._late_names.extend([(shape, f"{scope}/{base}"), (zeros, scope + "/zeros")])
        cp._late_subs.append((const, zeros, "/Const"))
    ins = [zeros, grad] if b == 0 else [grad, zeros]
    name = cp._unique(f"{scope}/{switch.split(':')[0]}_grad/cond_grad")
    return emit(name, "Merge", ins, [dt, dt], {"N": 2},
                shapes=[fshape if resource else c.shape, TensorShape([])])


def _call_root(name):
    """The tf.gradients scope `name` is in (its first `gradients...` part and above)."""
    parts = name.split("/")
    for i, part in enumerate(parts):
        if part.startswith("gradients"):
            return "/".join(parts[:i + 1])
    return name


def _loop_grad_in_call(cp, scope):
    """Whether the tf.gradients call whose cond gradient is named in `scope` (outside
    loops) holds a loop gradient written as TF's frame (graph_def_lower_grad): TF makes its
    GradLoopState (counters) before every gradient node."""
    root = _call_root(scope)
    return any(ok and _call_root(g.name) == root for g, ok in cp._loop_grads.items())


def _block(cp, op):
    """TF 1.14's control_dependencies rule for the nodes of gradient Cond `op`, made in
    the blocks its Cond was (a gradients() call under control_dependencies): a node gets a
    block's control inputs unless one of its data inputs is a node made in the block (the
    gradient's own nodes, or an op made there before). Returns (inputs -> their inputs
    with the blocks' "^" names added, the names of the nodes written so far)."""
    blocks, fwd = cp._grad_blocks[op]
    written = set()
    if not blocks:
        return (lambda ins: ins), written
    fwd_pre = cp._prefix(fwd) + "/"
    rules = []
    for ctrl, made in blocks:
        names = {cp._renamed(o._outputs[0]).split(":")[0] if o._outputs else o.name
                 for o in made} | {o.name for o in made}
        fwd_in = fwd in made
        rules.append(([cp._renamed(c._outputs[0]).split(":")[0] if c._outputs else c.name
                       for c in ctrl], names, fwd_in))

    def add(ins):
        data = [i for i in ins if not i.startswith("^")]
        ctl = {i[1:] for i in ins if i.startswith("^")}
        nodes = [i.split(":")[0] for i in data]
        for ctrl, names, fwd_in in rules:
            if not any(n in written or n in names or (fwd_in and n.startswith(fwd_pre))
                       for n in nodes):
                ctl.update(c for c in ctrl if c not in nodes)
        return data + ["^" + c for c in sorted(ctl)]
    return add, written


def write(cp, op, emit):
    """Writes the nodes `plan` worked out for gradient Cond `op` (with the control inputs
    of the control_dependencies blocks it was made in: _block)."""
    block, written = _block(cp, op)
    for step in cp._grad_steps[op]:
        if step[0] == "emit":
            args, kw = list(step[1]), dict(step[2])
            args[2] = block(_loop_names(cp, op, args[2]))
            if kw.get("colocation"):
                kw["colocation"] = [c.split(":")[0]
                                    for c in _loop_names(cp, op, kw["colocation"])]
            written.add(emit(*args, **kw))
            continue
        _, m, name, _b = step
        if m in cp._grad_moved_reads:   # (a Shape / Size of a value of the forward
            # branch: moved into it, read as it is, made where its rule makes it)
            emit.copy(m, name, [emit.input_name(cp._grad_moved_reads[m])])
            written.add(name)
            continue
        if m in cp._grad_moved:   # (a Shape in the forward cond: GradLoopPlan writes it)
            continue
        ins = cp.inputs(m)
        ctl = []
        gated = cp.rewrite.get(m.name, {})   # ("^" + tensor: a gated Add's tuple output)
        for c in m._control_inputs:
            t = c._outputs[0].name if c._outputs else None
            ctl.append(gated.get("^" + t, cp.renames.get(t, c.name)).split(":")[0] if t else
                       cp._copied.get(c, c.name))
        if op in cp._grad_frames and not ins and not ctl:   # (the frame's pivot: TF's
            ctl = [c[1:] if c.startswith("^") else c        # _MaybeAddControlDependency)
                   for c in cp.extra_controls(m)]
        arrays = cp.arrays
        if arrays is not None and (m in arrays.grad_of or m in arrays.grad2_of):
            # (a gradient array op: TF's TensorArrayGradV3 and op on it, TensorArrayPlan's)
            def put(*args, controls=False, **kw):
                return emit(*args, **kw)
            put.input_name = lambda t, _m=m: cp.input_name(_m, t)
            put.plan = getattr(emit, "plan", None)
            arrays._lower_grad(m, put, name)
        else:
            emit.copy(m, name, block(ins + ["^" + c for c in sorted(ctl)]))
        written.add(name)
    return op.name
