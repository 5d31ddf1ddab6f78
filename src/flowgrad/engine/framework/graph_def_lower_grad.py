"""A tf.while_loop flowgrad differentiated (its WhileGrad op), written as TF 1.14's loop
gradient: the forward frame (graph_def_lower.LoopPlan) also counts its iterations and
pushes, each iteration, the values the gradient reads (the loop variables and the body
tensors flowgrad keeps: StackV2 / StackPushV2); a second frame runs as many iterations,
pops them back (StackPopV2) and runs the gradient ops flowgrad built for the body, with
the gradients of the loop variables as its loop variables and the captures' gradients
summed in accumulators; its Exits are the WhileGrad's outputs (output 0 keeps its name,
k > 0 is <name>/Exit_k). As TF's GetRealValue: a constant of the body a gradient op reads
is copied into the gradient frame (a Const on its pivot), not pushed; the gradient ops
the results do not need (a rule's gradient of a constant input) are written in the frame
too, their forward values pushed. Accumulators of a known shape start from a Const
(b_acc), named after the forward loop's Enter of the capture; an IndexedSlices gradient
(a tf.gather of the capture) is summed as TF's AddBackpropIndexedSlicesAccumulator sums it:
three accumulators (indices, values, dense shape) starting from [0], one row of zeros
(a Const, or zeros of [1] + the capture's Shape[1:]) and a zero dense shape (a Const, or
zeros_like(Shape(capture)) when its shape is not fully known), the indices and values
concatenated each iteration (ConcatV2), the dense shape their Maximum (_sliced_inits,
_sliced_sums, _sliced_names; in a nested frame where its initial values are Consts, on the
enclosing frame's pivot). A gradient op in a cond gradient's branch that no result needs
(its gradients scope, outside flowgrad's branch table) reads a forward branch value
through that cond's stack as TF's does (branch_pushes). The gradient frame is TF's
GradLoopState's WhileContext: named after the forward one in the gradients scope
(gradients/while/while_context), the counters scalars. Under a gated call (an optimizer's
minimize, GATE_OP) the body's gradient rules are gated by gradients() (TF's tuples) and
each loop variable's gradient Switch (TF's _MergeGrad) by a tuple written here: a
group_deps NoOp and a control_dependency Identity per output, which the Exit and the body
read.

TensorArrays: a flow is TF's float (graph_def_lower.ta_flows), so the gradients of flow
loop variables and captures travel and sum as floats, as TF's flows do; flowgrad's
gradient array ops are TF's TensorArrayGradV3 of the forward handle (entered into the
gradient frame) and TF's read/write on it (TensorArrayPlan).

A tf.cond in the body: its gradient cond is written by CondPlan inside the gradient
frame. Written as TF's (graph_def_lower_condgrad.loop_frame): the predicate's stack pushes
the forward pred_id; a value of a branch, or a capture's Switch output a branch's gradient
reads (one stack per branch: _Switched), is pushed through the stack switched into the
forward cond (TF's AddForwardAccumulator in the cond context, waited for by the f_sync)
and popped through the stack switched on the popped predicate (_push_ctx); a Shape its
branch makes of a value the forward branch switches in is moved into that branch and pushed
there (_moved_into_cond); the shape of a Switch's dead output of a shape not fully known
(condgrad.ZeroShape) is pushed in the cond's outer context, waited for by the f_sync, and
popped through the popped predicate's Switch on the dead side. In flowgrad's
generic layout, a kept value from a branch is pushed only when that branch runs and popped
under the gradient cond's pivot of the same branch, each push / pop followed by a Merge
live on either branch, which the counters wait for. A cond in a cond's branch: the same,
one Merge per cond level holding the value.

A loop in the body (its WhileGrad among the gradient ops): a gradient frame nested in
this one, as TF's GradLoopState with an outer_grad_state. Its stacks are made outside
every loop and entered frame by frame (TF's frames take a value only from their parent
frame); the inner forward loop's count starts after the outer iteration's count (its
pushes come before the next run's) and is pushed by the outer loop, popped in the outer
gradient frame as the inner gradient frame's counter; the outer gradient iteration
waits for the inner gradient frame's end (TF's final_zero before grad_sync). An inner
accumulator of a value whose shape is not fully known starts from zeros of that value's
Shape, pushed by the outer forward loop and popped in the outer gradient frame
(_AccShape: TF's AddBackpropAccumulator in a nested frame). A value of the outer body
the nested frame's ops read is pushed on a stack of its own, apart from the outer
gradient ops' reads of it (TF's GradLoopStates keep their own histories: a
TensorArrayGradV3 in each frame pops the array's handle from its own stack), popped in
the outer gradient frame and entered into the nested one right after its pop; a capture
of a fully known shape the nested frame's ops do not read is not entered (its
accumulator starts from a Const). A loop in a
cond's branch in the body: its count is pushed only when the branch runs and popped under
the gradient cond's pivot of the same branch (count_levels), and the nested frame's
constants wait for that pivot: the nested frame is dead where the branch did not run.

An array made in the body (a new one each iteration): its handle and first flow are
pushed each iteration and popped for TF's TensorArrayGradV3, as TF's gradient reads them.

Written for a loop gradient outside any loop (with the nested ones it holds); any other
keeps flowgrad's ops.
"""
from __future__ import annotations

import re

import numpy as np
from . import graph_records as _records

from . import dtypes as _dt
from .tensor_shape import TensorShape
from .branches import branch_in, chain
from .grad_state import is_zero_fill
from .graph_def_lower_condgrad import ZeroShape
from .graph_def_lower import (LOWERINGS, TA_GRAD_OPS, CondPlan, _cond_info, _loop_info,
                              _PlanBase, ta_grad_forward, ta_grad_source, ta_handle_of)

__all__ = ["GradLoopPlan", "grad_lowerable", "grad_verdicts", "uses_grad_arrays"]

_UNSUPPORTED = ("While", "WhileGrad", "V1Frames", "V1FramesGrad")
_SCALAR = TensorShape([])   # (the counters' shape)
_SHAPE_OPS = ("Shape", "Size", "Rank")
_ENTERED = re.compile(r"/Enter_c[0-9]+")   # (a frame's Enter of a value from outside)


def _exit_only(k, ginfo):
    """Whether forward loop variable k is a float one whose value does not depend on the xs
    or reaches no gradient (its Switch is not between the xs and the ys: raw_rnn's next
    input, a cond on the inputs, an AttentionWrapper's alignments): TF's frame has no
    gradient loop variable for it, only the Enter (b_exit) of its unused exit's zeros
    gradient (ZerosLikeForExit)."""
    v = ginfo["grad_vars"][k]
    reached, live = ginfo.get("reached"), ginfo.get("live")
    return (v.dtype.is_floating or v.dtype.is_complex) and (
        (reached is not None and k not in reached) or (live is not None and k not in live))


def _branch_ops(cond_op):
    """The ops in the branches of Cond `cond_op`."""
    table = cond_op.graph._branch_of
    return [o for o, e in list(table.items()) if e[0] is cond_op]


def _pivot(cond_op, branch):
    """The pivot node (live only when `branch` runs) of a Cond written by CondPlan."""
    return CondPlan._prefix(cond_op) + ("/switch_t" if branch == 0 else "/switch_f")


def branch_pushes(gop, ginfo, finfo, members):
    """{kept forward tensor in a cond's branch: ((forward Cond, branch, gradient Cond), ...)
    innermost cond first}: pushed only when its branches run and popped in the gradient
    conds' same branches, as TF's stacks in a cond context; None if one cannot be written
    so (a tensor read elsewhere than through gradient conds on the same predicates)."""
    body = set(finfo["members_order"])
    out = {}
    # (a gradient op no result needs, named in a gradient cond's branch scope: TF's op of
    # that branch, outside flowgrad's branch table, _dead_members)
    scopes = {CondPlan._prefix(m) + "/gradients": m for m in members if m.type == "Cond"}

    def chain_of(m):
        got = chain(m)
        if got:
            return got
        for pre, c in scopes.items():
            if re.match(re.escape(pre) + r"(?:_[0-9]+)?/", m.name):
                return [c] + chain(c)
        return got

    for t in ginfo["saved"]:
        conds = chain(t._op)
        if not conds:
            continue
        if conds[-1] not in body:
            return None
        readers = [m for m in members if t in m._inputs]
        levels, g = [], None
        for c in reversed(conds):   # outermost first: the gradient cond reading it there
            here = [m for m in readers if (chain_of(m)[:1] == [g] if g is not None else
                                           not chain_of(m))]
            if not here:   # (read only by such ops: the gradient cond they are in)
                d = len(levels)
                here = list({tuple(reversed(chain_of(m)))[d] for m in readers
                             if len(chain_of(m)) > d and
                             tuple(reversed(chain_of(m)))[:d] ==
                             tuple(lv[2] for lv in reversed(levels))})
            if len(here) != 1 or here[0].type != "Cond" or here[0].inputs[0] is not \
                    c.inputs[0]:
                return None
            g = here[0]
            levels.insert(0, (c, branch_in(t._op, c), g))
        if any(m not in [lv[2] for lv in levels] and g not in chain_of(m) for m in readers):
            return None   # the rest: ops in the innermost gradient cond's branches
        out[t] = tuple(levels)
    return out


_BODIES = _records.GraphRecords("_BODIES")


def _loop_bodies(graph):
    """The ops of every loop body of `graph` (cached while it gains no op)."""
    got = _BODIES.get(graph)
    if got is None or got[0] != len(graph._ops):
        ops = set()
        for o in graph._flowgrad_operations():
            info = _loop_info(o) if o.type == "While" else None
            if info is not None:
                ops.update(info["members_order"])
        got = _BODIES[graph] = (len(graph._ops), ops)
    return got[1]


def _array_reads(op):
    """[forward handle, flow] TF's TensorArrayGradV3 of gradient array op `op` reads, as
    TensorArrayPlan writes it (a flow made in a loop: the array's first flow)."""
    return [t for t in ta_grad_forward(op, _loop_bodies(op.graph)) if t is not None]


def _outside_reads(gop, ginfo, finfo, members):
    """The tensors WhileGrad `gop`'s gradient ops read from outside its gradient frame
    (entered as constants: Enter_c<i>), in first-read order."""
    member_set = set(members)
    skip = {v.op for v in ginfo["grad_vars"]} | {v.op for v in finfo["vars"]}
    saved, out = set(ginfo["saved"]), []
    caps = set(finfo["captures"])
    for m in members:
        ins = list(m._inputs)
        if _moved_cap_shape(m, caps):
            continue   # (read in the forward frame, from its Enter: GradLoopPlan._plan)
        if m.type in TA_GRAD_OPS:
            ins = [ins[i] for i in TA_GRAD_OPS[m.type][1]] + \
                _array_reads(m)
        elif m.type == "WhileGrad":
            ins = list(m._inputs[:len(_loop_info(_loop_info(m)["forward"])["vars"])]) + \
                _nested_ins(m) + _NESTED_READS.get(m, [])
        for t in ins:
            if t._op in skip or t in saved or t._op in member_set or t in out:
                continue
            out.append(t)
    return out


def _moved_cap_shape(m, caps):
    """Whether gradient op `m` is a Shape / Size / Rank of one of the forward loop's
    captures `caps` that TF's WhileContext.AddOp moves into the forward frame (it reads the
    forward frame's Enter of the capture; its value is pushed)."""
    return m.type in _SHAPE_OPS and bool(m._inputs) and m._inputs[0] in caps and \
        not chain(m) and not chain(m._inputs[0]._op)


def _out_grads(gop):
    """WhileGrad `gop`'s inputs past its forward loop's (initial values and captures): the
    gradients of the loop's outputs. Counted from the forward op's inputs, not from a
    plan's captures: LoopPlan._with_dead adds those only the body's unneeded ops read."""
    return gop._inputs[len(_loop_info(gop)["forward"]._inputs):]


def _nested_ins(gop):
    """The inputs of nested WhileGrad `gop` past its forward initial values that its frame
    reads: the captures it differentiates (not one off the xs' paths: TF enters no
    accumulator for it; nor one made outside every loop: _outside_loops) and its outputs'
    gradients."""
    ginfo = _loop_info(gop)
    finfo = _loop_info(ginfo["forward"])
    n, m = len(finfo["vars"]), len(finfo["captures"])
    caps = gop._inputs[n:n + m]
    return [caps[k] for k in ginfo["diff_caps"] if not _outside_loops(caps[k], gop)] + \
        list(_out_grads(gop))


def _outside_loops(c, gop):
    """Whether capture c of nested WhileGrad `gop`'s forward loop is made outside every
    loop: its accumulator's zeros are a Const, or of its Shape made outside every loop
    (TF's shape_internal of a value no frame holds: no push), so the enclosing gradient
    frame does not enter it for the nested one (a [None, 2] placeholder read by the
    innermost of three loops)."""
    return _home(c._op) not in _loop_bodies(gop.graph)


# nested WhileGrad -> the tensors its gradient frame enters from its parent's (set while
# the parent's members are found: they are read in the parent's frame)
_NESTED_READS = _records.GraphRecords("_NESTED_READS")


def _members(gop, ginfo, finfo):
    """(gradient ops in creation order, the tensors they read from outside them) or None
    when the loop gradient cannot be written as TF's. A WhileGrad among them (a loop in
    the body) is written as a nested gradient frame when its own ops can be."""
    prefix = gop.name.rsplit("/", 1)[0] + "/"   # the scope flowgrad built them in
    body = set(finfo["members_order"])
    stack = [t._op for t in ginfo["grads"]]
    # (the gradient of a back_prop=False loop in the body: no output read, but TF's
    # GradLoopState for it, its nested counters, is in the frame)
    stack.extend(m for m in ginfo.get("inner_grads", ())
                 if not _loop_info(m).get("back_prop", True))
    seen = set()
    while stack:
        op = stack.pop()
        if op in seen or op.type == "LoopVar" or not op.name.startswith(prefix):
            continue
        seen.add(op)
        if op.type == "WhileGrad":
            if count_levels(op) is None or _nested_members(op, body) is None:
                return None
            stack.extend(t._op for t in _NESTED_READS[op])
        elif op.type in _UNSUPPORTED or (op.type.startswith("TensorArray") and
                                         op.type not in TA_GRAD_OPS and
                                         op.type != "TensorArrayZeroGrad"):
            return None   # (a zero flow gradient: TF's float 0, _zero_grad)
        if op.type in TA_GRAD_OPS and ta_grad_forward(op, body) is None:
            return None
        if op.type == "Cond":   # a gradient cond: its branches' ops are written too
            stack.extend(_branch_ops(op))
        stack.extend(t._op for t in op._inputs)
        stack.extend(op._control_inputs)
    block = frozenset(ginfo.get("block_ops", ()))
    dead = _dead_members(gop, prefix, seen, body, block) - _not_tf(ginfo)
    seen |= dead
    saved = set(ginfo["saved"])
    for op in seen:
        ins = list(op._inputs) + (_NESTED_READS[op] if op.type == "WhileGrad" else [])
        for i, t in enumerate(ins):
            if op.type in TA_GRAD_OPS and i not in TA_GRAD_OPS[op.type][1]:
                continue   # the value a gradient array's zeros are shaped like: TF's unused
            if t._op not in seen and t._op in body and t._op.type not in (
                    "LoopVar", "TensorArrayV3") and t not in saved and op not in dead:
                return None   # a forward body value flowgrad does not keep
        for c in op._control_inputs:
            if c not in seen and c not in block:   # (a block's: TF's Identities of it)
                return None
    for t in list(ginfo["saved"]) + list(finfo["vars"]):
        if (t.dtype.base_dtype is _dt.variant and ta_handle_of(t) is not None) or \
                t._op.type == "TensorArrayV3":
            continue   # a TensorArray's flow (TF's float) or handle
        if t.dtype.base_dtype in (_dt.variant, _dt.resource) or t.dtype.is_ref_dtype:
            return None
    order = [op for op in gop.graph._flowgrad_operations() if op in seen]
    if branch_pushes(gop, ginfo, finfo, order) is None:
        return None
    return order


def _not_tf(ginfo):
    """The ops flowgrad built for the body's gradient that TF's walk does not make (the
    gradients of body ops off the path from the xs: ops/control_flow_grad_count.not_tf_ops)
    and that no other op reads: not written."""
    out = set(ginfo.get("not_tf", ()))
    while True:
        bad = {o for o in out if any(c not in out for t in o._outputs for c in t.consumers())
               or any(o in c._control_inputs for c in o.graph._ops if c not in out)}
        if not bad:
            return out
        out -= bad


def _dead_members(gop, prefix, seen, body, block=frozenset()):
    """The gradient ops of the body WhileGrad `gop`'s results do not need (the gradient of
    a constant: TF builds them in its gradient frame, their forward values pushed too):
    plain ops in the scope of its gradients (`prefix`) outside every cond gradient's
    branches and the scopes of the nested loop gradients in `seen` (the ops it needs)."""
    scope = prefix + "gradients/"
    inner = tuple(o.name.rsplit("/", 1)[0] + "/" for o in seen if o.type == "WhileGrad")
    out = set()
    for o in gop.graph._flowgrad_operations():
        if o in seen or o in body or not o.name.startswith(scope) or chain(o) or \
                (inner and o.name.startswith(inner)) or \
                o.type in _UNSUPPORTED or o.type in ("Cond", "LoopVar") or \
                o.type.startswith("TensorArray") or \
                any(d.is_ref_dtype or d.base_dtype in (_dt.variant, _dt.resource)
                    for d in [t.dtype for t in list(o._inputs) + list(o.outputs)]):
            continue
        out.add(o)
    # (a control input: a block's, or a gradient op of the frame, as a gate_gradients
    # tuple's group_deps its Identities wait for: TF builds the tuple in the frame)
    while True:
        bad = {o for o in out if not all(c in block or c in seen or c in out
                                         for c in o._control_inputs)}
        if not bad:
            return out
        out -= bad


def _nested_members(gop, parent_body):
    """_members of WhileGrad `gop` whose forward loop is in `parent_body` (the enclosing
    forward loop's ops), else None; records the tensors it reads from its parent's frame."""
    ginfo = _loop_info(gop)
    fop = ginfo.get("forward") if ginfo else None
    finfo = _loop_info(fop) if fop is not None else None
    if finfo is None or _home(fop) not in parent_body or any(
            d.is_ref_dtype for d, _ in fop._get_attr("Tout")):
        return None
    # (an IndexedSlices accumulator in a nested frame: written where its initial values
    # are Consts, the values' and the dense shape's shapes fully known)
    if any(sp[3] is None or not ginfo["sliced_known"][k][1]
           for k, sp in ginfo.get("sliced", {}).items()):
        return None
    members = _members(gop, ginfo, finfo)
    if members is not None:
        _NESTED_READS[gop] = _outside_reads(gop, ginfo, finfo, members)
        _NESTED_MEMBERS[gop] = members
    return members


_NESTED_MEMBERS = _records.GraphRecords("_NESTED_MEMBERS")


def count_levels(gop):
    """For a loop gradient in gradient conds (a loop in a cond in the body): ((forward Cond,
    branch, gradient Cond), ...) innermost first, its forward loop in the forward conds' same
    branches on the same predicates (its iteration count is pushed only when they run and
    popped in the gradient conds' same branches); () when in no cond; None otherwise."""
    ginfo = _loop_info(gop)
    fop = ginfo.get("forward") if ginfo else None
    if fop is None:
        return None
    fc, gc = chain(fop), chain(gop)
    if len(fc) != len(gc):
        return None
    out = []
    for c, g in zip(fc, gc):
        b = branch_in(fop, c)
        if g.type != "Cond" or g.inputs[0] is not c.inputs[0] or branch_in(gop, g) != b:
            return None
        out.append((c, b, g))
    return tuple(out)


def uses_grad_arrays(gop):
    """Whether WhileGrad `gop`'s gradient ops hold gradient TensorArray ops."""
    prefix = gop.name.rsplit("/", 1)[0] + "/"
    return any(o.type in TA_GRAD_OPS and o.name.startswith(prefix)
               for o in gop.graph._flowgrad_operations())


def _home(op):
    """`op`, or the outermost cond whose branches hold it (what a loop body holds)."""
    conds = chain(op)
    return conds[-1] if conds else op


def _top_level(ops):
    """{WhileGrad: whether its forward loop is in no other loop's body (nor in a cond
    there)} of `ops`."""
    bodies = set()
    for o in ops:
        if o.type == "While":
            info = _loop_info(o)
            if info is not None:
                bodies.update(info["members_order"])
    inner = {o for o in ops if o.type == "While" and _home(o) in bodies}
    out = {}
    for g in ops:
        if g.type == "WhileGrad":
            ginfo = _loop_info(g)
            out[g] = ginfo is not None and ginfo.get("forward") not in inner
    return out


def grad_verdicts(ops, also=None):
    """{WhileGrad op: whether it is written as TF's loop gradient} (module docstring): a
    loop gradient outside any loop when its ops can be written (and `also(op)`), the
    gradients of loops in its body (nested frames) with it; any other, not."""
    out = {}
    for gop, top in _top_level(ops).items():
        out.setdefault(gop, False)
        if not top or not grad_lowerable(gop) or (also is not None and not also(gop)):
            continue
        out[gop] = True
        stack = list(_plan_members(gop))
        while stack:
            m = stack.pop()
            if m.type == "WhileGrad":
                out[m] = True
                stack.extend(_NESTED_MEMBERS[m])
    return out


def _plan_members(gop):
    ginfo = _loop_info(gop)
    return _members(gop, ginfo, _loop_info(ginfo["forward"]))


def grad_lowerable(gop):
    """Whether WhileGrad `gop`'s ops (and those of the loop gradients it holds) can be
    written as TF's loop gradient (module docstring)."""
    ginfo = _loop_info(gop)
    if ginfo is None or "forward" not in ginfo:
        return False
    # (an IndexedSlices accumulator: TF's AddBackpropIndexedSlicesAccumulator, written for
    # a capture with a dense shape of a fully known shape, in a frame nested in none)
    if any(sp[3] is None for k, sp in ginfo.get("sliced", {}).items()):
        return False
    finfo = _loop_info(ginfo["forward"])
    if finfo is None or any(d.is_ref_dtype for d, _ in ginfo["forward"]._get_attr("Tout")):
        return False
    return _members(gop, ginfo, finfo) is not None


class GradLoopPlan(_PlanBase):
    """The WhileGrad ops of a graph written as TF's gradient frames (module docstring).
    `forward_extra(fop, emit, names)` adds the counter and the pushes to the forward
    frame; `lower(op, emit)` writes a WhileGrad (and its grad LoopVars)."""

    def __init__(self, graph, loops, ok=None, conds=None):
        self.rewrite, self.pivot, self.renames, self.lowered = {}, {}, {}, set()
        self._conds = conds   # the CondPlan (its cond gradients written as TF's)
        self._loops = loops
        self.plans = {}
        self._dropped = set()   # ops of flowgrad's gradient TF's frame has no node for
        self._moved = set()   # its Shape / Size / Rank of forward values (TF's forward frame)
        self.forward = {}   # forward While -> [WhileGrad]
        self.frames = {}    # WhileGrad -> TF's frame name (<gradients scope>/<forward's>)
        self._frame_names = {loops._names(f)[1] for f in loops.infos}
        # frame name -> its loop's parallel_iterations (a gradient frame's: its forward's)
        self._parallel = {loops._names(f)[1]: i.get("parallel", 10)
                          for f, i in loops.infos.items()}
        self._gvar = {}     # grad LoopVar op -> (WhileGrad, k)
        self._member_of = {}   # gradient op -> its WhileGrad (one made in blocks)
        self._zs_cond = {}   # condgrad.ZeroShape -> the gradient Cond reading its pop
        self._moved_in = {}   # a moved op of a cond gradient's branch -> (the forward
        #                       cond's Switch it reads, the gradient Cond, its side)
        self.block = {}   # node -> TF's Identities of block control inputs it waits for
        self._sliced_shapes = {}   # (WhileGrad, j) -> an IndexedSlices accumulator's shapes
        self._sliced_sum_shapes = {}   # (WhileGrad, j) -> the shapes of its sums
        top = _top_level(graph._flowgrad_operations())
        for gop in graph._flowgrad_operations():
            if gop.type != "WhileGrad" or not top[gop] or (ok is not None and
                                                             not ok.get(gop)):
                continue
            ginfo = _loop_info(gop)
            fop = ginfo["forward"] if ginfo else None
            if fop is None or fop not in loops.infos:
                continue
            members = _members(gop, ginfo, loops.infos[fop])
            if members is None:
                continue
            self._plan(gop, ginfo, loops.infos[fop], members)

    def constant_pivot(self, names):
        """The pivot a node reading only `names` waits for, when they are all a gradient
        frame's Enters of values from outside (TF's _MaybeAddControlDependency), else None."""
        for gop in self.plans:
            if names and all(re.fullmatch(re.escape(gop.name) + r"/Enter_c\d+", n)
                             for n in names):
                return f"{gop.name}/sub"
        return None

    @staticmethod
    def _w(fop, gop):
        """The scope of the counter and stacks WhileGrad `gop` adds to forward loop `fop`."""
        return f"{fop.name}/{gop.name.replace('/', '_')}"

    def _plan(self, gop, ginfo, finfo, members, parent=None):
        """Plans `gop` (and first the loop gradients among its ops: nested frames)."""
        for m in members:
            if m.type == "WhileGrad":
                mi = _loop_info(m)
                if mi["forward"] not in self._loops.infos:
                    raise ValueError(f"{m.name}: its forward loop is not written as TF's")
                self._plan(m, mi, self._loops.infos[mi["forward"]], _NESTED_MEMBERS[m], gop)
        fop = ginfo["forward"]
        B = gop.name
        member_set = set(members)
        # (gated: the body reads the gradient Switch's tuple, TF's Merge gradient gate)
        gv = (lambda k: f"{B}/gate_g{k}_1") if ginfo.get("gate") else \
            (lambda k: f"{B}/Switch_g{k}:1")
        fvars = {v.op: k for k, v in enumerate(finfo["vars"])}
        gvars = {v.op: k for k, v in enumerate(ginfo["grad_vars"])}
        saved = {t: j for j, t in enumerate(ginfo["saved"])}
        body = set(finfo["members_order"])
        pushes, outside = [], []   # forward tensors pushed; tensors entered as constants
        clones = []   # the body's constants the gradient reads: TF's copies in its frame
        made = []     # ("pop", j) / ("const", i) as first read (TF names them so)
        # (a value a nested frame's ops read, which this one pushes: its own stack, as TF's
        # nested GradLoopState's history is its own: {(nested WhileGrad, id(tensor)): stack
        # index}; None: the reads of this frame's ops)
        nested_of, own = [None], {}
        read_gvars = set()
        # TF's WhileContext.AddOp: a Shape / Size / Rank the gradient makes of a forward
        # body value is moved to the forward frame, its value pushed (not the tensor's)
        # (a capture's: TF's reads the forward frame's Enter of it, waiting for its pivot;
        # in a loop gradient outside every other)
        fcaps = {t: k for k, t in enumerate(finfo["captures"])}
        moved = {m for m in members if m.type in _SHAPE_OPS and m._inputs and not chain(m)
                 and (m._inputs[0]._op in body or m._inputs[0]._op in fvars or
                      m._inputs[0] in fcaps)
                 and not chain(m._inputs[0]._op)}
        for m in moved:
            if m._inputs[0] in fcaps and m._inputs[0]._op not in body:
                self.rewrite.setdefault(m.name, {})[m._inputs[0].name] = \
                    f"{fop.name}/Enter_c{fcaps[m._inputs[0]]}"
                self.pivot.setdefault(m.name, finfo["vars"][0].op.name)
        moved |= self._moved_into_cond(members, body, fvars, fcaps)

        def resolve(t):
            if isinstance(t, _Switched):   # (a TF-layout cond gradient's read of a
                if t not in pushes:          # capture: TF's stack of its Switch output)
                    pushes.append(t)
                    made.append(("pop", len(pushes) - 1))
                return f"{B}/pop_{pushes.index(t)}"
            if not isinstance(t, str) and t._op in moved:
                if t not in pushes:
                    pushes.append(t)
                    made.append(("pop", len(pushes) - 1))
                return f"{B}/pop_{pushes.index(t)}"
            if isinstance(t, str):   # a nested loop's forward iteration count (a node)
                if t not in pushes:
                    pushes.append(t)
                    made.append(("pop", len(pushes) - 1))
                return f"{B}/pop_{pushes.index(t)}"
            if t._op in gvars:   # (TF's body reads the gradient Switch itself)
                read_gvars.add(gvars[t._op])
                return gv(gvars[t._op])
            # (TF's GetRealValue: no stack; a Const of a filled shape, tf.zeros' of a
            # small one, too)
            if (t._op in body or self._branch_const(t, body)) and t._op.type == "Const":
                if t not in clones:
                    clones.append(t)
                    made.append(("const", len(clones) - 1))
                return f"{B}/const_{clones.index(t)}"
            # (an array made in the body: its handle and first flow pushed each iteration,
            # as TF's gradient reads the forward handle through a stack)
            # (a value only the gradient ops the results do not need read: pushed too)
            if t._op in fvars or t in saved or t._op in body:
                key = (nested_of[0], id(t))
                if key not in own:
                    own[key] = len(pushes)
                    pushes.append(t)
                    made.append(("pop", len(pushes) - 1))
                return f"{B}/pop_{own[key]}"
            if t._op in member_set:
                return None
            if t not in outside:
                outside.append(t)
            return f"{B}/Enter_c{outside.index(t)}"

        # (PostProcessing's zeros of the exit gradient's Shape: flowgrad's zeros of the
        # gradient loop variable have no node, _patch_fill writes TF's)
        fill = ginfo.get("fill", frozenset())
        unread = self._unread_zeros(gop, ginfo, finfo) | self._unwritten(members) | {
            ginfo["grads"][k].op for k in fill}
        for m in members:
            sub = self.rewrite.setdefault(m.name, {})
            if m in moved or m in unread:   # (written in the forward frame: forward_extra;
                continue                     # no node: _unread_zeros)
            ins = list(m._inputs)
            if m.type in TA_GRAD_OPS:   # TF's op reads the forward handle (and flow) too
                ins = [ins[i] for i in TA_GRAD_OPS[m.type][1]] + _array_reads(m)
            elif m.type == "WhileGrad":   # what its frame enters from this one (not the
                # forward initial values; nor a capture whose accumulator's zeros are of a
                # pushed shape: _AccShape)
                acc = {id(a.c) for a in self._acc_shapes(m, fop, finfo, body, fvars, fcaps)}
                # (nor a capture of a fully known shape its frame's ops do not read: its
                # accumulator starts from a Const, TF enters nothing)
                nin, nc = _nested_ins(m), len(_loop_info(m)["diff_caps"])
                read = {id(t) for t in _NESTED_READS[m]}
                ins = list(_NESTED_READS[m]) + [
                    t for i, t in enumerate(nin) if id(t) not in acc and (
                        i >= nc or id(t) in read or not t.shape.is_fully_defined())]
                count = self.plans[m]["count"]
                self.plans[m]["count_in"] = resolve(count)
            if self._tf_cond_grad(m):   # (TF's layout reads its predicate only)
                ins = ins[:1]
            reads = {id(t) for t in _NESTED_READS[m]} if m.type == "WhileGrad" else ()
            for t in ins:
                nested_of[0] = m if id(t) in reads else None
                r = resolve(self._switched(t, m, body))
                if r is not None:
                    sub.setdefault(t.name, r)
            nested_of[0] = None
            # (an op reading only values entered from outside: TF's WhileContext waits for
            # the frame's pivot, _MaybeAddControlDependency)
            if ins and not m._control_inputs and m.type not in ("Cond", "WhileGrad") and \
                    all(_ENTERED.fullmatch(sub.get(t.name, "")[len(B):]) for t in ins):
                self.pivot.setdefault(m.name, f"{B}/sub")
            # (TF's pivot control for an op with no input, unless it waits for one of
            # the frame's ops already: a gate's group_deps)
            if not m._inputs and not any(c in member_set for c in m._control_inputs):
                self.pivot.setdefault(m.name, f"{B}/sub")
        for m in members:   # (TF's stacks of the shapes of a cond gradient's zeros)
            for zs in self._zero_shapes_of(m):
                self._zs_cond[zs] = m
                pushes.append(zs)
                made.append(("pop", len(pushes) - 1))
        for m in members:   # (and of a nested frame's accumulators' zeros)
            if m.type == "WhileGrad":
                for acc in self._acc_shapes(m, fop, finfo, body, fvars, fcaps):
                    pushes.append(acc)
                    made.append(("pop", len(pushes) - 1))
        for m in members:   # (TF's body reads the gradient Switch, not tf.gradients' Identity)
            if m.type == "Identity" and m.name.rsplit("/", 1)[-1].startswith("grad_ys_") \
                    and not m._control_inputs:
                r = self.rewrite.get(m.name, {}).get(m._inputs[0].name)
                if r is not None and r.startswith((f"{B}/Switch_g", f"{B}/gate_g")):
                    self.renames[m.outputs[0].name] = r
                    self._dropped.add(m)
        results = [f"{B}/fill_{k}/Enter" if k in fill else resolve(t) or self._name(t)
                   for k, t in enumerate(ginfo["grads"])]
        n = len(finfo["vars"])
        # a loop variable TF does not differentiate (an int counter, a float one whose value
        # does not depend on the xs) has no gradient loop variable in TF's frame: left out
        # when nothing reads its gradient
        skip = {k for k, v in enumerate(ginfo["grad_vars"])
                if (not (v.dtype.is_floating or v.dtype.is_complex) or _exit_only(k, ginfo))
                and k not in read_gvars
                and not gop.outputs[k].consumers() and not v.consumers()}
        # a variable whose value reaches no gradient (its gradient passes through unread):
        # TF's frame has its gradient Enter (b_exit) only
        enter_only = {k for k, v in enumerate(ginfo["grad_vars"])
                      if k not in skip and ginfo["grads"][k] is v and not v.consumers()
                      and not gop.outputs[k].consumers()}
        kept = [k for k in range(len(gop.outputs)) if k not in skip | enter_only]
        # nodes TF's frame lacks: the zeros (initial and per iteration) of a gradient loop
        # variable left out (and above, the Identity tf.gradients makes of a gradient); a
        # float one's initial zeros are TF's unused exit's, entered (b_exit) and no more
        exit_only = {k for k in skip if _exit_only(k, ginfo)
                     and ginfo.get("back_prop", True)}   # (back_prop=False: no Enter)
        for k in skip:
            for t in (_out_grads(gop)[k], ginfo["grads"][k]):
                if k in exit_only and t is _out_grads(gop)[k]:
                    continue
                if t.op.type == "Const" and set(t.consumers()) <= {gop}:
                    self._dropped.add(t.op)
        self._dropped |= unread - self._unwritten(members)
        self._dropped |= _not_tf(ginfo) - member_set
        self._moved |= moved
        self.lowered |= self._dropped | moved
        exits = {k: (B if i == 0 else f"{B}/Exit_{k}") for i, k in enumerate(kept)}
        for k in kept:
            if k != 0:
                self.renames[f"{gop.name}:{k}"] = exits[k]
        for v in ginfo["grad_vars"]:
            self._gvar[v.op] = (gop, gvars[v.op])
            self.renames[v.name] = gv(gvars[v.op])
            self.lowered.add(v.op)
        self.lowered.add(gop)
        W = self._w(fop, gop)
        # TF's gradient WhileContext is named after the forward one, in the gradients scope
        base = ta_grad_source(gop) + "/" + self._loops._names(fop)[1]
        frame, i = base, 0
        while frame in self._frame_names:
            i += 1
            frame = f"{base}_{i}"
        self._frame_names.add(frame)
        self.frames[gop] = frame
        self._parallel[frame] = self._loops.infos[fop].get("parallel", 10)
        self.plans[gop] = {"fop": fop, "n": n, "pushes": pushes, "outside": outside,
                           "clones": clones, "made": made,
                           "results": results, "ginfo": ginfo, "finfo": finfo,
                           "branch": dict(branch_pushes(gop, ginfo, finfo, members),
                               **{self.plans[m]["count"]: count_levels(m) for m in members
                                  if m.type == "WhileGrad" and count_levels(m)}),
                           "parent": parent, "count": W + "/f_count/Exit",
                           "stacks": [f"{W}/stack_{j}" for j in range(len(pushes))],
                           "nested": [m for m in members if m.type == "WhileGrad"],
                           "members": members, "skip": skip, "exits": exits,
                           "exit_only": exit_only, "enter_only": enter_only}
        self.forward.setdefault(fop, []).append(gop)
        if ginfo.get("block_ops"):
            for m in members:
                self._member_of[m] = gop
        self.plans[gop]["idents"] = self._frame_idents(gop, member_set)

    def _frame_idents(self, gop, member_set):
        """[(Identity node name, block value)] TF's gradient frame of `gop` makes
        (WhileContext._AddOpInternal) for each control input of the blocks tf.gradients was
        called in on the frame's ops made without an input from them: its gradient ops'
        (Graph._frame_block_note named them), then each gated Merge gradient's tuple and
        each copied forward constant (their waits recorded in self.block)."""
        p = self.plans[gop]
        if p["parent"] is not None or not p["ginfo"].get("block_ops"):
            return []   # (a nested frame's: not written)
        out = []
        for m, name, t in p["ginfo"].get("block_made", ()):
            if m in member_set and m not in self._dropped and m not in self._gvar and \
                    m not in self._moved:
                self.block.setdefault(m.name, []).append(name)
                out.append((name, t))
        B = gop.name
        vals = p["ginfo"].get("block_values", ())
        extra = [f"{B}/gate_g{k}" for k in range(p["n"])
                 if p["ginfo"].get("gate") and k not in p["skip"] | p["enter_only"]]
        extra += [f"{B}/const_{i}" for i in range(len(p["clones"]))]
        for node in extra:
            for i, t in enumerate(vals):
                name = f"{node}/Identity_{i}"
                self.block.setdefault(node, []).append(name)
                out.append((name, t))
        return out

    def _write_idents(self, gop, emit, frame):
        """The Identities of _frame_idents, each value's Enter into the frame (RefEnter for a
        ref) made after the first Identity reading it."""
        entered = {}
        for name, t in self.plans[gop]["idents"]:
            ref = t.dtype.is_ref_dtype
            key = entered.get(t)
            if key is None:
                key = entered[t] = name + ("/RefEnter" if ref else "/Enter")
                emit(name, "Identity", [key, f"^{gop.name}/sub"], [t.dtype.base_dtype], {})
                emit(key, "RefEnter" if ref else "Enter", [self._renamed(t)],
                     [t.dtype.base_dtype], {"frame_name": frame, "is_constant": True,
                                            "parallel_iterations": self._parallel[frame]})
            else:
                emit(name, "Identity", [key, f"^{gop.name}/sub"], [t.dtype.base_dtype], {})

    def _ancestors(self, gop):
        """The loop gradients holding `gop`, outermost first."""
        out, p = [], self.plans[gop]["parent"]
        while p is not None:
            out.insert(0, p)
            p = self.plans[p]["parent"]
        return out

    def _enter_chain(self, emit, src, name, frames, dtype):
        """`src` entered (as a constant) into each of `frames` in turn, outermost first:
        TF's nested frames take a value only from their parent frame."""
        for d, frame in enumerate(frames):
            last = d == len(frames) - 1
            src = emit(name if last else f"{name}_{d}", "Enter", [src], [dtype],
                       {"frame_name": frame, "is_constant": True,
                        "parallel_iterations": self._parallel[frame]})
        return src

    def _frame_parallel(self, frame):
        """The parallel_iterations gradient frame `frame`'s nodes are written with (its
        forward loop's): with 1, TF's pops wait for no b_sync
        (AddBackpropAccumulatedValue); with more, they must."""
        return self._parallel.get(frame, 10)

    def _name(self, t):
        return self.renames.get(t.name, t._as_node_def_input())

    @staticmethod
    def _sync(emit, node, where, k):
        """`node` itself, or for a push / pop in a cond's branch (`where`: (forward cond,
        branch, gradient cond) per cond holding it, innermost first; `k`: which cond) a
        Merge live whichever branch ran, after `node` when its branch ran (a dead control
        input would end the loop), one per cond level."""
        for d, level in enumerate(where or ()):
            c, b = level[k], level[1]
            name = node + ("/sync" if d == 0 else f"/sync_{d}")
            done = emit(name.replace("/sync", "/done"), "Identity", [_pivot(c, b), "^" + node],
                        [_dt.bool_], {})
            node = emit(name, "Merge", [done, _pivot(c, 1 - b)], [_dt.bool_] * 2, {"N": 2})
        return node

    def _dt(self, t):
        """TF's dtype of `t` (a TensorArray's flow, or its gradient, is a float)."""
        if isinstance(t, (str, ZeroShape, _AccShape)):   # a nested loop's count, a shape
            return _dt.int32
        if isinstance(t, _Switched):
            t = t.t
        arrays = self._loops.arrays
        return arrays.dtype(t) if arrays is not None else t.dtype.base_dtype

    # -- the forward frame: an iteration counter and a push per kept value -----------------
    def forward_extra(self, fop, emit, s, frame, cond_name):
        """Called by LoopPlan.lower for forward While `fop` (`s`: its scope, `frame`: its
        frame name, `cond_name`: its LoopCond)."""
        for gop in self.forward.get(fop, ()):
            p = self.plans[gop]
            W = self._w(fop, gop)
            ups = self._ancestors(gop)
            frames = [self._loops._names(self.plans[a]["fop"])[1] for a in ups] + [frame]
            i32 = _dt.int32
            # a nested loop's count starts after its parent's iteration started (TF's
            # control input): the pushes of one run of it come before the next run's
            # (and, as TF's Const in the parent's frame, for the parent's pivot)
            ctl0 = ["^" + self._w(self.plans[ups[-1]]["fop"], ups[-1]) + "/f_count/add",
                    "^" + self._loops.infos[self.plans[ups[-1]]["fop"]]["vars"][0].op.name] \
                if ups else self._fwd_pivot(gop)
            init = emit(W + "/f_count/init", "Const", ctl0 or self.block_controls(gop), [],
                        {"dtype": i32, "value": np.asarray(0, np.int32)}, shapes=[_SCALAR])
            enter = emit(W + "/f_count/Enter", "Enter", [init], [i32],
                         {"frame_name": frame, "is_constant": False,
                          "parallel_iterations": self._parallel[frame]})
            merge = emit(W + "/f_count/Merge", "Merge", [enter, W + "/f_count/NextIteration"],
                         [i32, i32], {"N": 2})
            sw = emit(W + "/f_count/Switch", "Switch", [merge, cond_name], [i32, _dt.bool_], {})
            pivot = self._loops.infos[fop]["vars"][0].op.name
            idents = self._counter_idents(gop, W)
            one = emit(W + "/f_count/one", "Const",
                       sorted(["^" + pivot] + ["^" + i for i, _ in idents]), [],
                       {"dtype": i32, "value": np.asarray(1, np.int32)}, shapes=[_SCALAR])
            for ident, t in idents:   # (TF makes the Identity, then its Enter when new)
                writes = []
                key = self._loops._block_enter(fop, t, ident, writes)
                emit(ident, "Identity", [key, "^" + pivot], [t.dtype.base_dtype], {})
                for w in writes:
                    emit(*w)
            add = emit(W + "/f_count/add", "Add", [sw + ":1", one], [i32, i32], {},
                       shapes=[_SCALAR])
            ctl, fsync = [], []
            for j, t in enumerate(p["pushes"]):
                d = self._dt(t)
                size = emit(f"{W}/stack_{j}/max_size", "Const", [], [],
                            {"dtype": i32, "value": np.asarray(-1, np.int32)})
                h = emit(f"{W}/stack_{j}", "StackV2", [size], [i32],
                         {"elem_type": d, "stack_name": ""})
                cx = self._push_ctx(gop, j)
                csw = self._cond_stack(gop) if cx is None else None
                if csw is not None:   # (the loop in a cond's branch: its handle switched in)
                    h = emit(f"{W}/stack_{j}/cond_sw", "Switch", [h, csw[0]],
                             [_dt.resource, _dt.bool_], {},
                             shapes=[TensorShape([2])] * 2) + csw[1]
                he = self._enter_chain(emit, h, f"{W}/stack_{j}/Enter", frames, _dt.resource)
                if isinstance(t, ZeroShape):   # (TF's push in the cond's outer context)
                    fsync.append("^" + self._push_zero_shape(emit, t, f"{W}/stack_{j}", he,
                                                             cx, add))
                    continue
                if isinstance(t, _AccShape):   # (the Shape in the forward frame, pushed)
                    rank = t.c.shape.ndims
                    val = emit(f"{W}/stack_{j}/ashape", "Shape",
                               [t.src or (t.c.op.name if t.c._op.type == "LoopVar" else
                                          emit.input_name(t.c))] +
                               (["^" + t.pivot] if t.pivot else []), [self._dt(t.c)],
                               {"out_type": i32},
                               shapes=[TensorShape([rank] if rank is not None else [None])])
                else:
                    val = t if isinstance(t, (str, _Switched)) else t.op.name \
                        if t._op.type == "LoopVar" else emit.input_name(t)
                if cx is not None:   # (TF's: the forward cond's pred_id or Switch output;
                    val = cx["value"] or val   # in its branch, the stack switched in)
                    if cx["port"] is not None:   # (through each enclosing cond's
                        levels = cx.get("outer", []) + [(cx["fpred"], cx["port"])]   # Switch)
                        for k, (fpred, port) in enumerate(levels):
                            he = emit(f"{W}/stack_{j}/push_sw" + (f"_{k}" if k else ""),
                                      "Switch", [he, fpred], [_dt.resource, _dt.bool_], {},
                                      shapes=[TensorShape([2])] * 2) + port
                # pushed after this iteration's count, which waits for the last one's
                # pushes (TF's forward_sync): the stacks hold the iterations in order
                push = emit(f"{W}/stack_{j}/push", "StackPushV2", [he, val, "^" + add],
                            [_dt.resource, d], {"swap_memory": False})
                if cx is not None and cx["port"] is not None:   # (TF's f_sync waits)
                    fsync.append("^" + push)
                    continue
                where = p["branch"].get(t)
                ctl.append("^" + self._sync(emit, push, where, 0))
            if fsync:
                ctl.append("^" + emit(f"{W}/f_sync", "ControlTrigger", fsync, [], {}))
            emit(W + "/f_count/NextIteration", "NextIteration", [add] + ctl, [i32], {})
            emit(W + "/f_count/Exit", "Exit", [sw], [i32], {})

    def _counter_idents(self, gop, W):
        """[(node name, block value)]: TF's Identity per control input of the blocks
        tf.gradients made WhileGrad `gop` in (its output read through an Enter into the
        forward frame, RefEnter for a ref), the forward counter's `1` waits for
        (WhileContext._AddOpInternal). Only for a loop gradient outside every other."""
        if self._ancestors(gop):
            return []
        vals = self.plans[gop]["ginfo"].get("block_values", ())
        return [(f"{W}/f_count/one/Identity_{i}", t) for i, t in enumerate(vals)]

    def block_controls(self, gop):
        """The control inputs (^names) of the nodes `gop`'s plan writes outside every frame
        (the counters' and accumulators' Consts): the blocks tf.gradients was called in."""
        if self._ancestors(gop):
            return []
        return sorted("^" + c.name for c in self.plans[gop]["ginfo"].get("block_ops", ()))

    def _enter_controls(self, gop, t):
        """The control inputs (^names) of the Enter into `gop`'s frame of `t` from outside
        it (TF's _FixControlInputsAndContext): those of the blocks tf.gradients was called
        in that `t`'s op was not made in."""
        if self._ancestors(gop) or isinstance(t, str):
            return []
        out = []
        for c in self.plans[gop]["ginfo"].get("block_stack", ()):
            if t.op not in c.new_ops:
                out.extend(x.name for x in c.control_inputs if x is not t.op and
                           x.name not in out)
        return ["^" + n for n in sorted(out)]

    def dropped_controls(self, op):
        """The control inputs of a loop gradient's op from the blocks tf.gradients was
        called in: TF's frame reads them through Identities, outside it the Consts the plan
        writes hold them (block_controls)."""
        gop = self._member_of.get(op)
        if gop is None:
            return frozenset()
        return frozenset(self.plans[gop]["ginfo"].get("block_ops", ()))

    # -- the gradient frame ---------------------------------------------------------------
    def lower(self, op, emit):
        if op in self._gvar or op in self._dropped:   # read as its gradient Switch (renames)
            return op.name
        if op in self._moved_in:   # in the forward cond's branch, reading its Switch
            src = self._moved_in[op][0]
            if not isinstance(src, str):   # (written with its rule's ops: CondPlan's)
                return self._conds._copied.get(op, op.name)
            return emit.copy(op, self._conds._copied.get(op, op.name), [src])
        if op in self._moved:   # in the forward frame, reading the forward value itself
            t = op._inputs[0]
            piv = self.pivot.get(op.name)
            # (a capture of a nested loop: the forward frame's Enter of it, even of an
            # enclosing loop's variable)
            cap = self.rewrite.get(op.name, {}).get(t.name)
            return emit.copy(op, op.name, [cap or (t.op.name if t._op.type == "LoopVar"
                                                   else emit.input_name(t))] +
                             (["^" + piv] if piv else []))
        p = self.plans[op]
        B, n = op.name, p["n"]
        ginfo, finfo = p["ginfo"], p["finfo"]
        frame = self.frames[op]
        b, i32 = _dt.bool_, _dt.int32
        ent = {"frame_name": frame, "is_constant": False,
               "parallel_iterations": self._parallel[frame]}
        const_ent = dict(ent, is_constant=True)
        diff_caps = ginfo["diff_caps"]
        ups = self._ancestors(op)
        # in a nested frame, constants wait for the parent frame's iteration (and, in a
        # gradient cond's branch, for its pivot: dead when the branch does not run)
        pctl = [f"^{ups[-1].name}/sub"] if ups else []
        pctl += self._fwd_pivot(op) or [f"^{_pivot(g, b)}" for _, b, g in count_levels(op)[:1]]
        pctl = pctl or self.block_controls(op)
        # loop variables: the counter, the loop variables' gradients, the accumulators
        vars_ = [("n", p.get("count_in", p["count"]), i32)]
        for k in range(n):
            if k in p["skip"]:
                continue
            t = _out_grads(op)[k]
            if k in p["enter_only"]:
                emit(f"{B}/Enter_g{k}", "Enter", [emit.input_name(t)],
                     [self._dt(ginfo["grad_vars"][k])], ent)
                continue
            vars_.append((f"g{k}", emit.input_name(t), self._dt(ginfo["grad_vars"][k])))
        offs = _cap_offsets(ginfo, n)
        for j, k in enumerate(diff_caps):
            c = finfo["captures"][k]
            if k in ginfo["sliced"]:   # TF's AddBackpropIndexedSlicesAccumulator
                vars_ += self._sliced_inits(op, emit, j, k, c, pctl)
                continue
            shape = ginfo["grads"][offs[j]].shape
            if self._dt(c) is not c.dtype.base_dtype:   # a flow's: TF's 0.0 accumulator
                z = emit(f"{B}/zeros_{j}", "Const", pctl, [],
                         {"dtype": _dt.float32, "value": np.asarray(0.0, np.float32)},
                         shapes=[_SCALAR])
            elif shape.is_fully_defined():   # TF's b_acc: zeros of the gradient's shape
                d = self._dt(c)
                z = emit(f"{B}/zeros_{j}", "Const", pctl, [],
                         {"dtype": d, "value": np.zeros(shape.as_list(), d.as_numpy_dtype)},
                         shapes=[shape])
            elif not ups and not count_levels(op):   # TF's b_acc: zeros of the value's
                d, i32 = self._dt(c), _dt.int32       # shape (Shape, zeros/Const, Fill)
                rank = c.shape.ndims
                sh = emit(f"{B}/zeros_{j}/Shape", "Shape",
                          [emit.input_name(c)] + self._enter_controls(op, c), [d],
                          {"out_type": i32},
                          shapes=[TensorShape([rank] if rank is not None else [None])])
                val = emit(f"{B}/zeros_{j}/Const", "Const", self.block_controls(op), [],
                           {"dtype": d, "value": np.asarray(0, d.as_numpy_dtype)},
                           shapes=[_SCALAR])
                z = emit(f"{B}/zeros_{j}", "Fill", [sh, val], [i32, d], {}, shapes=[c.shape])
            elif self._acc_pop(op, j) is not None:   # TF's b_acc in a nested frame:
                d = self._dt(c)                          # zeros of the popped shape
                val = emit(f"{B}/zeros_{j}/Const", "Const", pctl, [],
                           {"dtype": d, "value": np.asarray(0, d.as_numpy_dtype)},
                           shapes=[_SCALAR])
                rank = c.shape.ndims   # (of the popped shape: its values not known)
                z = emit(f"{B}/zeros_{j}", "Fill", [self._acc_pop(op, j), val], [i32, d], {},
                         shapes=[TensorShape([None] * rank if rank is not None else None)])
            else:
                z = emit(f"{B}/zeros_{j}", "ZerosLike", [emit.input_name(c)], [self._dt(c)],
                         {})
            vars_.append((f"a{j}", z, self._dt(c)))
        for k in sorted(p["exit_only"]):   # (an unused exit's gradient: its Enter only)
            t = _out_grads(op)[k]
            emit(f"{B}/Enter_g{k}", "Enter", [emit.input_name(t)],
                 [self._dt(ginfo["grad_vars"][k])], ent)
        # (an IndexedSlices accumulator's: TF's shapes set on its Enters, growing)
        vshapes = {f"a{j}s{i}": sh for (g, j), shs in self._sliced_shapes.items() if g is op
                   for i, sh in enumerate(shs)}

        def shaped(key, *more):
            return {"shapes": [vshapes[key]] + list(more)} if key in vshapes else {}
        for key, src, d in vars_:
            ctl = self._enter_controls(op, _out_grads(op)[int(key[1:])]) \
                if key[0] == "g" else []
            emit(f"{B}/Enter_{key}", "Enter", [src] + ctl, [d], ent, **shaped(key))
            emit(f"{B}/Merge_{key}", "Merge", [f"{B}/Enter_{key}", f"{B}/NextIteration_{key}"],
                 [d, d], {"N": 2}, **shaped(key, _SCALAR))
        parent = p["parent"]
        for i, t in enumerate(p["outside"]):
            # (a value the parent frame pops: the pop's shape, the pushed value's, TF's
            # AddBackpropAccumulatedValue; an array's handle (2,), its flow a float ())
            popped = parent is not None and self.rewrite.get(op.name, {}).get(
                t.name, "").startswith(f"{parent.name}/pop_")
            shape = {}
            if popped and t.dtype.base_dtype is _dt.resource and t.op.type == "TensorArrayV3":
                shape = {"shapes": [TensorShape([2])]}
            elif popped and t.dtype.base_dtype is _dt.variant and ta_handle_of(t) is not None:
                shape = {"shapes": [_SCALAR]}
            emit(f"{B}/Enter_c{i}", "Enter", [self._cond_switched(op, t) or emit.input_name(t)] +
                 self._enter_controls(op, t),
                 [self._dt(t)], const_ent, **shape)
        for i, t in enumerate(p["clones"]):
            emit(f"{B}/const_{i}", "Const",
                 sorted([f"^{B}/sub"] + ["^" + x for x in self.block.get(f"{B}/const_{i}",
                                                                          [])]), [],
                 {"dtype": t.op._get_attr("dtype"), "value": t.op._get_attr("value")})
        # TF's backward counter: while n >= 1: n -= 1
        one = emit(f"{B}/one", "Const", pctl, [], {"dtype": i32, "value": np.asarray(1, np.int32)},
                   shapes=[_SCALAR])
        emit(f"{B}/Enter_one", "Enter", [one], [i32], const_ent)
        emit(f"{B}/GreaterEqual", "GreaterEqual", [f"{B}/Merge_n", f"{B}/Enter_one"], [i32, i32],
             {}, shapes=[_SCALAR])
        emit(f"{B}/LoopCond", "LoopCond", [f"{B}/GreaterEqual"], [b], {})
        gated = ginfo.get("gate")
        for key, _, d in vars_:
            emit(f"{B}/Switch_{key}", "Switch", [f"{B}/Merge_{key}", f"{B}/LoopCond"], [d, b],
                 {}, **shaped(key, vshapes.get(key)))
            if gated and key[0] == "g":   # TF's gate of the Merge gradient: a tuple
                sw = f"{B}/Switch_{key}"
                emit(f"{B}/gate_{key}", "NoOp",
                     sorted(["^" + sw] + ["^" + i for i in self.block.get(f"{B}/gate_{key}",
                                                                             [])]), [], {})
                for i in (0, 1):
                    emit(f"{B}/gate_{key}_{i}", "Identity",
                         [sw + (":1" if i else ""), f"^{B}/gate_{key}"], [d], {},
                         colocation=[sw])
        self._write_idents(op, emit, frame)
        syncs, preds = [], []
        for j, t in enumerate(p["pushes"]):
            csw = self._cond_stack(op) if self._push_ctx(op, j) is None else None
            he = self._enter_chain(emit, p["stacks"][j] + ("/cond_sw" + csw[1] if csw else ""),
                                   f"{p['stacks'][j]}/Enter_{B.replace('/', '_')}",
                                   [self.frames[a] for a in ups] + [frame],
                                   _dt.resource)
            where = p["branch"].get(t)   # popped only when its gradient cond's branch runs
            ctl = [f"^{B}/sub"] + ([f"^{_pivot(where[0][2], where[0][1])}"] if where
                                          else [])
            cx = self._push_ctx(op, j)
            if csw is not None:   # (the handle's Switch entered, switched again in the frame
                pred = f"{B}/cond_pred"   # on the pred_id, entered once: TF's external value)
                if not any(x.startswith(pred) for x in preds):
                    preds.append(emit(pred, "Enter", [csw[0]], [_dt.bool_], const_ent))
                he = emit(f"{B}/pop_{j}_csw", "Switch", [he, pred] + ctl,
                          [_dt.resource, _dt.bool_], {},
                          shapes=[TensorShape([2])] * 2) + csw[1]
                ctl = []
            if cx is not None and cx["port"] is not None:   # (TF's: the stack switched on
                he = emit(f"{B}/pop_{j}_sw", "Switch", [he, cx["gpred"]],
                          [_dt.resource, _dt.bool_], {},   # the popped pred)
                          shapes=[TensorShape([2])] * 2) + cx["port"]
                ctl, where = [], None
            # (TF's pop has the pushed value's shape: a count's, a shape's)
            shape = {"shapes": [self._pop_shape(t)]} if self._pop_shape(t) is not None else {}
            pop = emit(f"{B}/pop_{j}", "StackPopV2", [he] + ctl, [_dt.resource],
                       {"elem_type": self._dt(t)}, **shape)
            if self._frame_parallel(frame) > 1:   # (TF's pops wait for none otherwise)
                syncs.append("^" + self._sync(emit, pop, where, 2))
        # a nested loop gradient's pops of this iteration come before the next's (TF's
        # final_zero before grad_sync)
        syncs += [f"^{g.name}/Exit_n" for g in p["nested"]]
        emit(f"{B}/sub", "Sub", [f"{B}/Switch_n:1", f"{B}/Enter_one"], [i32, i32], {},
             shapes=[_SCALAR])
        # the next iteration pops after this one's pops (TF's grad_sync): stack order
        if syncs:   # TF's grad_sync: a ControlTrigger after the pops, before the next count
            syncs = ["^" + emit(f"{B}/b_sync", "ControlTrigger", syncs, [], {})]
        emit(f"{B}/NextIteration_n", "NextIteration", [f"{B}/sub"] + syncs, [i32], {})
        results, dts, exits = self._results(p), {key: d for key, _, d in vars_}, p["exits"]
        cut = p["skip"] | p["enter_only"]
        for k in sorted(ginfo.get("fill", ())):
            self._patch_fill(op, emit, k, ups, const_ent)
        for k in range(n):
            if k not in cut:
                emit(f"{B}/NextIteration_g{k}", "NextIteration", [results[k]] + (
                    [f"^{B}/sub"] if k in ginfo.get("fill", ()) else []),
                     [dts[f"g{k}"]], {})
        for j in range(len(diff_caps)):
            if diff_caps[j] in ginfo["sliced"]:   # (concatenated; the dense shape's maximum)
                self._sliced_sums(op, emit, j, [results[offs[j] + i] for i in
                                                range(ginfo["parts"][j])], dts)
                continue
            d = dts[f"a{j}"]
            sh = ginfo["grads"][offs[j]].shape   # (the accumulator's: its b_acc's, or a flow's)
            c = finfo["captures"][diff_caps[j]]
            if d is not c.dtype.base_dtype:
                sh = [_SCALAR]
            elif sh.is_fully_defined():
                sh = [sh]
            else:   # (TF's: the zeros' of the capture's Shape, the gradient's broadcast)
                sh = [sh.merge_with(c.shape)] if sh.is_compatible_with(c.shape) else None
            emit(f"{B}/acc_{j}", "Add", [f"{B}/Switch_a{j}:1", results[offs[j]]], [d, d], {},
                 shapes=sh)
            emit(f"{B}/NextIteration_a{j}", "NextIteration", [f"{B}/acc_{j}"], [d], {},
                 shapes=sh)
        for k in range(n):   # the first written output keeps the op's name (its controls)
            if k not in cut:
                src = f"{B}/gate_g{k}_0" if gated else f"{B}/Switch_g{k}"
                emit(exits[k], "Exit", [src], [dts[f"g{k}"]], {}, controls=exits[k] == B,
                     **self._exit_shape(op, k))
        for j, k in enumerate(diff_caps):   # (zeros of a popped shape: tf.gradients sets
            # the capture's shape on the accumulator's Exit)
            if k in ginfo["sliced"]:
                for i in range(ginfo["parts"][j]):
                    e = exits[offs[j] + i]
                    emit(e, "Exit", [f"{B}/Switch_a{j}s{i}"], [dts[f"a{j}s{i}"]], {},
                         controls=e == B, **shaped(f"a{j}s{i}"))
                continue
            shape = {"shapes": [finfo["captures"][k].shape]} \
                if self._acc_pop(op, j) is not None else {}
            emit(exits[offs[j]], "Exit", [f"{B}/Switch_a{j}"], [dts[f"a{j}"]], {},
                 controls=exits[offs[j]] == B, **shape)
        emit(f"{B}/Exit_n", "Exit", [f"{B}/Switch_n"], [i32], {})
        return B

    # -- TF's node names --------------------------------------------------------------------
    def node_renames(self, names, taken):
        """{written node name: TF 1.14's name} for the nodes of the loop gradients (`names`:
        every node written, in order; `taken`: the names in use, updated). The gradient ops
        of a body (and of a cond's branches in it), which flowgrad builds in a gradients
        scope under its WhileGrad (its Cond), are named as TF builds them: in the scope of
        the tf.gradients call; the frame nodes as TF's GradLoopState (_tf_names). A name
        another node already has is kept."""
        scopes, loops = {}, set()
        for g, p in self.plans.items():
            root = ta_grad_source(g) + "/"
            scopes[g.name.rsplit("/", 1)[0] + "/gradients/"] = root
            loops.add(g.name.rsplit("/", 1)[0] + "/gradients/")
            for m in p["members"]:
                if m.type == "Cond":
                    scopes[CondPlan._prefix(m) + "/gradients/"] = root
        pattern = re.compile("|".join(re.escape(k[:-len("gradients/")]) + r"gradients(?:_\d+)?/"
                                      for k in sorted(scopes, key=len, reverse=True)))
        out = {}
        late = self._late_names()
        present = set(names)

        def uniq(base):   # TF's unique_name: base, base_1, base_2, ...
            name, i = base, 0
            while name in taken:
                i += 1
                name = f"{base}_{i}"
            taken.add(name)
            return name

        heads = {}   # written op directly in a body's gradients scope -> its TF name
        for name in names if scopes else ():   # (no scopes: an empty pattern matches all)
            if name in late:
                continue
            new, loop = name, []
            for _ in range(100):   # a cond gradient's in a loop gradient's: both stripped
                hit = pattern.match(new)
                if hit is None:
                    break
                key = hit.group(0)
                key = key[:key.rindex("/gradients")] + "/gradients/"
                root, inner = scopes[key], new[:hit.end()]
                loop.append(key in loops)
                new = root + new[hit.end():]
            if new == name:
                continue
            head, sep, tail = new[len(root):].partition("/")
            if loop == [True] and inner + head in present:   # (an op of a body's gradient,
                # and the ops under it: numbered on in the tf.gradients scope, as TF's
                # unique_name numbers the second loop's zeros, Shape, AddN after the first's)
                if inner + head not in heads:
                    heads[inner + head] = root + head if root + head not in taken else \
                        uniq(root + re.sub(r"_[0-9]+$", "", head))
                    taken.add(heads[inner + head])
                new = heads[inner + head] + sep + tail
                if not sep:
                    out[name] = new
                    continue
            if new not in taken:
                taken.add(new)
                out[name] = new
        stripped = set(out)   # (a nested frame's nodes: named in its parent's scope first)
        for g, p in self.plans.items():   # (TF's PostProcessing's zeros: named already)
            for k, (zeros, const, nxt) in p["ginfo"].get("patch", {}).items():
                for old, new in ((zeros, const), (f"{g.name}/NextIteration_g{k}", nxt)):
                    if old in present:   # (a nested frame's too: not renamed again)
                        out[old] = new
                        taken.add(new)
                        stripped.discard(old)
            for k, names in p["ginfo"].get("patch_fill", {}).items():
                for part, new in zip(_FILL_PARTS, names):
                    old = f"{g.name}/fill_{k}/{part}"
                    if old in present:
                        out[old] = new
                        taken.add(new)
                        stripped.discard(old)
                old = f"{g.name}/NextIteration_g{k}"
                if old in present:
                    out[old] = names[3]
                    taken.add(names[3])
                    stripped.discard(old)

        def ren(old, base):
            if old in present and (old not in out or old in stripped):
                stripped.discard(old)
                out[old] = uniq(base)
                return out[old]
            return out.get(old, old)
        subs = {}   # old prefix -> new prefix (the nodes named under a renamed one)
        order = sorted(self.plans, key=lambda g: (len(self._ancestors(g)), g._id))
        for g in order:
            self._tf_names(g, ren, uniq, out, subs)
        for old, base in late.items():   # (a cond gradient's zeros, AddN: after the frames')
            ren(old, base)
        for old, head, suffix in self._late_subs():
            ren(old, out.get(head, head) + suffix)
        for name in names:
            if name in out:
                continue
            head = name
            while "/" in head:
                head = head.rsplit("/", 1)[0]
                if head in subs:
                    new = subs[head] + name[len(head):]
                    if new not in taken:
                        taken.add(new)
                        out[name] = new
                    break
        return out

    def _tf_names(self, gop, ren, uniq, out, subs):
        """TF 1.14's names (GradLoopState's) for the frame nodes of WhileGrad `gop`: the
        counters (gradients/f_count, gradients/Merge, ..., gradients/b_count_3), the
        loop variables' gradients (gradients/while/Exit_1_grad/b_exit, .../Switch_1_grad/
        b_switch, .../Merge_1_grad/Switch, .../Enter_1_grad/Exit), the accumulators
        (gradients/while/mul/Enter_grad/b_acc, ...), the stacks named after the gradient op
        reading them (.../Cos/f_acc, .../Cos/StackPushV2, .../Cos/StackPopV2)."""
        p = self.plans[gop]
        fop, B = p["fop"], gop.name
        R = ta_grad_source(gop) + "/"
        W = self._w(fop, gop)
        s = self._loops._names(fop)[0]
        F = W + "/f_count/"
        for old, base in (("init", "f_count"), ("Enter", "f_count"), ("Merge", "Merge"),
                          ("Switch", "Switch")):
            ren(F + old, R + base)
        add = ren(F + "add", R + "Add")
        ren(F + "one", add + "/y")
        for ident, t in self._counter_idents(gop, W):
            new = ren(ident, add + "/Identity")
            for kind in ("/Enter", "/RefEnter"):
                ren(ident + kind, new + kind)
        ren(F + "NextIteration", R + "NextIteration")
        ren(F + "Exit", R + "f_count")
        ren(f"{B}/one", R + "b_count")
        ren(f"{B}/Enter_n", R + "b_count")
        ren(f"{B}/Merge_n", R + "Merge")
        ge = ren(f"{B}/GreaterEqual", R + "GreaterEqual")
        ren(f"{B}/Enter_one", ge + "/Enter")
        ren(f"{B}/LoopCond", R + "b_count")
        ren(f"{B}/Switch_n", R + "Switch")
        ren(f"{B}/sub", R + "Sub")
        ren(f"{B}/NextIteration_n", R + "NextIteration")
        ren(f"{B}/Exit_n", R + "b_count")
        ginfo = p["ginfo"]
        for k in range(p["n"]):
            x = "" if k == 0 else f"_{k}"
            if k in p["exit_only"]:
                ren(f"{B}/Enter_g{k}", f"{R}{s}Exit{x}_grad/b_exit")
            if k in p["skip"]:
                continue
            ren(f"{B}/Enter_g{k}", f"{R}{s}Exit{x}_grad/b_exit")
            sw = R + self._loops._switch(fop, k)   # (after a cond's Switches in its scope)
            ren(f"{B}/Merge_g{k}", f"{sw}_grad/b_switch")
            mg = ren(f"{B}/Switch_g{k}", f"{R}{s}Merge{x}_grad/Switch")[:-len("/Switch")]
            gd = ren(f"{B}/gate_g{k}", f"{mg}/tuple/group_deps")
            for i in range(len(self.block.get(f"{B}/gate_g{k}", ()))):
                ident = ren(f"{B}/gate_g{k}/Identity_{i}", f"{gd}/Identity")
                for kind in ("/Enter", "/RefEnter"):
                    ren(f"{B}/gate_g{k}/Identity_{i}{kind}", ident + kind)
            ren(f"{B}/gate_g{k}_0", f"{mg}/tuple/control_dependency")
            ren(f"{B}/gate_g{k}_1", f"{mg}/tuple/control_dependency")
            if k in p["exits"]:
                ren(p["exits"][k], f"{R}{s}Enter{x}_grad/Exit")
            ren(f"{B}/NextIteration_g{k}", f"{sw}_grad_1/NextIteration")
        offs = _cap_offsets(ginfo, p["n"])
        for j, k in enumerate(ginfo["diff_caps"]):
            base = self._acc_base(gop, j)
            if k in ginfo["sliced"]:   # (TF's AddBackpropIndexedSlicesAccumulator's)
                self._sliced_names(gop, j, base, offs[j], ren)
                continue
            if ren(f"{B}/zeros_{j}/Shape", base + "Shape") != f"{B}/zeros_{j}/Shape" or \
                    self._acc_pop(gop, j) is not None:
                ren(f"{B}/zeros_{j}", base + "zeros")   # (of a shape not fully known)
                ren(f"{B}/zeros_{j}/Const", base + "zeros/Const")
            ren(f"{B}/zeros_{j}", base + "b_acc")
            ren(f"{B}/Enter_a{j}", base + "b_acc")
            ren(f"{B}/Merge_a{j}", base + "b_acc")
            ren(f"{B}/Switch_a{j}", base + "Switch")
            ren(f"{B}/acc_{j}", base + "Add")
            ren(f"{B}/NextIteration_a{j}", base + "NextIteration")
            ren(p["exits"][offs[j]], base + "b_acc")

        def reader_of(node, g=gop):
            for m in self.plans[g]["members"]:
                sub = self.rewrite.get(m.name, {})
                if node not in sub.values():
                    continue
                if m.type == "WhileGrad":   # entered again into its frame: the reader there
                    for j, t in enumerate(self.plans[m]["outside"]):
                        if sub.get(t.name) == node:
                            return reader_of(f"{m.name}/Enter_c{j}", m)
                    continue
                if m.type in TA_GRAD_OPS and any(sub.get(t.name) == node
                                                 for t in _array_reads(m)):
                    # (TF's TensorArrayGradV3 reads it; a TF-layout cond gradient's copy)
                    gh = self._written(m) + "/TensorArrayGradV3"
                    return out.get(gh, gh)
                w = self._written(m)
                w = out.get(w, w)
                return w[:-len("/cond_grad")] if m.type == "Cond" and \
                    w.endswith("_grad/cond_grad") else w
            return None
        for i in range(len(p["outside"])):
            r = reader_of(f"{B}/Enter_c{i}")
            if r is not None:
                ren(f"{B}/Enter_c{i}", r + "/Enter")
        frames = len(self._ancestors(gop)) + 1
        if any(isinstance(t, str) for t in p["pushes"]):
            # (a nested loop's count, pushed and popped as TF's ControlFlowState makes the
            # nested GradLoopState, before any gradient rule: the b_sync in the call's scope)
            ren(f"{B}/b_sync", R + "b_sync")
        for kind, j in p["made"]:
            if kind == "const":
                r = reader_of(f"{B}/const_{j}") or R[:-1]
                t = p["clones"][j]
                if r.endswith("_grad/mod") and any(c.type == "ConcatV2" and c.inputs[-1] is t
                                                   for c in t.consumers()):
                    r = r[:-len("/mod")]   # (TF's concat gradient copies its axis itself)
                ren(f"{B}/const_{j}", r + "/Const")
                for i in range(len(self.block.get(f"{B}/const_{j}", ()))):
                    ident = ren(f"{B}/const_{j}/Identity_{i}", r + "/Identity")
                    for kind in ("/Enter", "/RefEnter"):
                        ren(f"{B}/const_{j}/Identity_{i}{kind}", ident + kind)
                continue
            if isinstance(p["pushes"][j], ZeroShape):
                continue   # (named with the cond gradient's zeros: _late_names)
            if isinstance(p["pushes"][j], _AccShape):   # (named after the accumulator)
                a = p["pushes"][j]
                r = self._acc_base(a.gop, a.j)
                ren(f"{W}/stack_{j}/ashape", r + "Shape")
                ai = self.plans[a.gop]["ginfo"]
                if ai["diff_caps"][a.j] in ai["sliced"]:   # (an IndexedSlices': its stack
                    r += "strided_slice/"                    # named after the pop's reader)
            else:
                r = reader_of(f"{B}/pop_{j}")
                if r is not None and self._zeros_of_shape(gop, j):
                    # (TF's ControlFlowState.ZerosLike pushes and pops the Shape in the
                    # tf.gradients scope, not under the zeros reading it)
                    r = r.rsplit("/", 1)[0]
                # read by a nested loop's gradient frame only: TF's accumulator in the scope
                r = r + "/" if r is not None else R
            st = p["stacks"][j]
            ren(st + "/max_size", r + "Const")
            ren(st, r + "f_acc")
            for d in range(frames - 1):
                ren(f"{st}/Enter_{d}", r + "Enter")
            ren(st + "/Enter", r + "Enter")
            subs[st + "/push"] = ren(st + "/push", r + "StackPushV2")
            ren(st + "/push_sw", subs[st + "/push"] + "/Switch")
            cx = self._push_ctx(gop, j)
            for k in range(len(cx.get("outer", ())) if cx is not None else 0):
                ren(f"{st}/push_sw_{k + 1}", subs[st + "/push"] + "/Switch")
            ren(st + "/cond_sw", r + "Switch")
            pe = f"{st}/Enter_{B.replace('/', '_')}"
            cx = self._push_ctx(gop, j)
            if cx is not None and cx["port"] is not None:   # (TF's: at the first push
                ren(f"{W}/f_sync", r + "f_sync")             # in a cond)
            if cx is not None and cx["port"] is not None:
                psw = ren(f"{B}/pop_{j}_sw", r + "Switch")
                for d in range(frames - 1):   # (the outer frames' Enters first: TF's)
                    ren(f"{pe}_{d}", psw + "/Enter")
                ren(pe, psw + "/Enter")
            if cx is None and self._cond_stack(gop) is not None:   # (the loop in a
                # TF-layout cond gradient's branch: the handle switched in its frame)
                psw = ren(f"{B}/pop_{j}_csw", r + "Switch")
                ren(pe, psw + "/Enter")
                ren(f"{B}/cond_pred", psw + "/Enter")   # (at its first reader)
            pop = ren(f"{B}/pop_{j}", r + "StackPopV2")
            subs[f"{B}/pop_{j}"] = pop
            for d in range(frames - 1):
                ren(f"{pe}_{d}", pop + "/Enter")
            ren(pe, pop + "/Enter")
            for m in p["members"]:   # (entered into a nested frame: TF's AddValue there,
                if m.type == "WhileGrad" and m in self.plans:   # right after the pop)
                    msub = self.rewrite.get(m.name, {})
                    for i, t in enumerate(self.plans[m]["outside"]):
                        if msub.get(t.name) == f"{B}/pop_{j}":
                            rr = reader_of(f"{m.name}/Enter_c{i}", m)
                            if rr is not None:
                                ren(f"{m.name}/Enter_c{i}", rr + "/Enter")
            ren(f"{B}/b_sync", r + "b_sync")   # (under the first stack's reader, as TF)
        ren(f"{W}/f_sync", R + "f_sync")   # (a ZeroShape's only: in the cond's outer context)


def _cap_offsets(ginfo, n):
    """The WhileGrad output of each differentiated capture's first part (an IndexedSlices'
    gradient is 2 or 3 outputs: indices, values(, dense shape))."""
    out, o = [], n
    for p in ginfo["parts"]:
        out.append(o)
        o += p
    return out


def _sliced_inits(self, gop, emit, j, k, c, pctl=()):
    """The initial values of the j-th accumulator (capture k, `c`), an IndexedSlices', as
    TF's AddBackpropIndexedSlicesAccumulator makes them outside the frame: the values' one
    row of zeros (a Const b_acc when the gradient's values have a fully known shape, else
    zeros of [1] + Shape(c)[1:]), the indices' [0] and the dense shape's zeros. Returns
    the loop variables [(key, initial node, dtype)] (indices, values, dense shape). Its
    Consts wait for `pctl` (in a nested frame: the enclosing frame's pivot)."""
    pctl = list(pctl)
    B = f"{gop.name}/zeros_{j}"
    idt, vdt, tail, sdt = self.plans[gop]["ginfo"]["sliced"][k]
    idt, vdt = _dt.as_dtype(idt), _dt.as_dtype(vdt)
    known = self.plans[gop]["ginfo"]["sliced_known"][k]
    i32 = _dt.int32
    rank = c.shape.ndims
    if known[0] and tail is not None:
        vals = emit(B + "/values", "Const", pctl, [],
                    {"dtype": vdt, "value": np.zeros([1] + list(tail), vdt.as_numpy_dtype)},
                    shapes=[TensorShape([1] + list(tail))])
        vshape = vsum = TensorShape([None] + list(tail))
    else:   # (in a nested frame: the Shape pushed by the parent's forward frame, popped)
        popped = self._acc_pop(gop, j)
        sh = popped or emit(B + "/Shape", "Shape", [emit.input_name(c)], [self._dt(c)],
                            {"out_type": i32}, shapes=[TensorShape([rank])])
        tail_rank = rank - 1 if rank is not None else None
        ends = [emit(f"{B}/stack{x}", "Const", pctl, [],
                     {"dtype": i32, "value": np.asarray([v], np.int32)},
                     shapes=[TensorShape([1])]) for x, v in (("", 1), ("_1", 0), ("_2", 1))]
        sl = emit(B + "/strided_slice", "StridedSlice", [sh] + ends, [i32] * 4,
                  {"begin_mask": 0, "end_mask": 1, "ellipsis_mask": 0, "new_axis_mask": 0,
                   "shrink_axis_mask": 0}, shapes=[TensorShape([tail_rank])])
        v0 = emit(B + "/values_0", "Const", pctl, [],
                  {"dtype": i32, "value": np.asarray([1], np.int32)},
                  shapes=[TensorShape([1])])
        ax = emit(B + "/axis", "Const", pctl, [],
                  {"dtype": i32, "value": np.asarray(0, np.int32)}, shapes=[_SCALAR])
        cc = emit(B + "/concat", "ConcatV2", [v0, sl, ax], [i32, i32, i32], {"N": 2},
                  shapes=[TensorShape([rank])])
        z = emit(B + "/zeros/Const", "Const", pctl, [],
                 {"dtype": vdt, "value": np.asarray(0, vdt.as_numpy_dtype)}, shapes=[_SCALAR])
        # (of a popped shape: its rank only, as TF's Fill of a value not constant)
        dims = None if rank is None else [None] * rank if popped else \
            [1] + c.shape.as_list()[1:]
        vals = emit(B + "/values", "Fill", [cc, z], [i32, vdt], {},
                    shapes=[TensorShape(dims)])
        # (the values' loop variable: a Fill of a popped shape's, merged; its concat's)
        vsum = TensorShape([None] + c.shape.as_list()[1:] if rank is not None else None)
        vshape = TensorShape([None] * rank) if popped and rank is not None else vsum
    ind = emit(B + "/indices", "Const", pctl, [], {"dtype": idt, "value": np.zeros([1],
                                                                               idt.as_numpy_dtype)},
               shapes=[TensorShape([1])])
    out = [(f"a{j}s0", ind, idt, TensorShape([None])), (f"a{j}s1", vals, vdt, vshape)]
    if sdt is not None and known[1]:
        sdt = _dt.as_dtype(sdt)
        ds = emit(B + "/dense_shape", "Const", pctl, [],
                  {"dtype": sdt, "value": np.zeros([rank], sdt.as_numpy_dtype)},
                  shapes=[TensorShape([rank])])
        out.append((f"a{j}s2", ds, sdt, TensorShape(None)))   # (TF sets none on it)
    elif sdt is not None:   # (a dense shape of a shape not fully known: TF's
        sdt = _dt.as_dtype(sdt)   # zeros_like(shape_internal(c, optimize=False)))
        sh = emit(B + "/dense_Shape", "Shape", [emit.input_name(c)], [self._dt(c)],
                  {"out_type": sdt}, shapes=[TensorShape([rank])])
        ds = emit(B + "/dense_zeros", "ZerosLike", [sh], [sdt], {}, shapes=[TensorShape([rank])])
        out.append((f"a{j}s2", ds, sdt, TensorShape(None)))
    self._sliced_shapes[(gop, j)] = [x[3] for x in out]
    self._sliced_sum_shapes[(gop, j)] = [vsum if i == 1 else x[3] for i, x in enumerate(out)]
    return [x[:3] for x in out]


def _sliced_sums(self, gop, emit, j, parts, dts):
    """TF's sums of the j-th accumulator, an IndexedSlices': the indices and the values
    concatenated after the accumulated ones, the dense shape their maximum; each the
    NextIteration of its part."""
    B = gop.name
    i32 = _dt.int32
    shapes = self._sliced_sum_shapes[(gop, j)]
    for i, x in enumerate(parts):
        d = dts[f"a{j}s{i}"]
        if i < 2:
            ax = emit(f"{B}/acc_{j}s{i}/axis", "Const", [f"^{B}/sub"], [],
                      {"dtype": i32, "value": np.asarray(0, np.int32)}, shapes=[_SCALAR])
            node = emit(f"{B}/acc_{j}s{i}", "ConcatV2", [f"{B}/Switch_a{j}s{i}:1", x, ax],
                        [d, d, i32], {"N": 2}, shapes=[shapes[i]])
        else:
            node = emit(f"{B}/acc_{j}s{i}", "Maximum", [x, f"{B}/Switch_a{j}s{i}:1"], [d, d],
                        {}, shapes=[shapes[i]])
        emit(f"{B}/NextIteration_a{j}s{i}", "NextIteration", [node], [d], {},
             shapes=[shapes[i]])


def _sliced_names(self, gop, j, base, first, ren):
    """TF's names of the j-th accumulator of `gop`, an IndexedSlices' (its first output
    `first`), in TF's order of making them (_sliced_inits, _sliced_sums)."""
    B, Z = gop.name, f"{gop.name}/zeros_{j}"
    p = self.plans[gop]
    parts = p["ginfo"]["parts"][j]
    if ren(Z + "/Shape", base + "Shape") == Z + "/Shape" and self._acc_pop(gop, j) is None:
        ren(Z + "/values", base + "b_acc")   # (a Const; else the Fill below)
    sl = ren(Z + "/strided_slice", base + "strided_slice")
    for x in ("", "_1", "_2"):
        ren(f"{Z}/stack{x}", f"{sl}/stack{x}")
    cc = ren(Z + "/concat", base + "concat")
    ren(Z + "/values_0", cc + "/values_0")
    ren(Z + "/axis", cc + "/axis")
    ren(Z + "/zeros/Const", base + "zeros/Const")
    ren(Z + "/values", base + "zeros")
    ren(Z + "/indices", base + "Const")
    ren(Z + "/dense_shape", base + "Const")
    ren(Z + "/dense_Shape", base + "Shape")
    ren(Z + "/dense_zeros", base + "zeros_like")
    for kind in ("Enter", "Merge"):
        for i in range(parts):
            ren(f"{B}/{kind}_a{j}s{i}", base + "b_acc")
    for i in range(parts):
        ren(f"{B}/Switch_a{j}s{i}", base + "Switch")
    for i in range(parts):
        if i < 2:
            c = ren(f"{B}/acc_{j}s{i}", base + "concat")
            ren(f"{B}/acc_{j}s{i}/axis", c + "/axis")
        else:
            ren(f"{B}/acc_{j}s{i}", base + "Maximum")
    for i in range(parts):
        ren(f"{B}/NextIteration_a{j}s{i}", base + "NextIteration")
    for i in range(parts):
        ren(p["exits"][first + i], base + "b_acc")


def _acc_base(self, gop, j):
    """TF's scope of WhileGrad `gop`'s j-th accumulator: named after the forward loop's
    Enter of the capture (<gradients>/<Enter>_grad/)."""
    p = self.plans[gop]
    fop, finfo = p["fop"], p["finfo"]
    k = p["ginfo"]["diff_caps"][j]
    c = finfo["captures"][k]
    R = ta_grad_source(gop) + "/"
    enter = self._loops.enter_names.get(f"{fop.name}/Enter_c{k}")
    if enter is not None:
        return f"{R}{enter}_grad/"
    reader = next((m for m in finfo["members_order"] if c in m._inputs), None)
    if reader is not None:
        return f"{R}{reader.name}/Enter_grad/"
    return f"{R}{self._loops._names(fop)[0]}Enter_grad/"


def _acc_shapes(self, gop, fop, finfo, body, fvars, fcaps):
    """[_AccShape] of nested WhileGrad `gop` (planned; its parent's forward loop `fop`,
    itself in a loop or not: a middle frame pushes them as a top-level one does, TF's
    AddBackpropAccumulator in the parent's forward context): its accumulators of a shape
    not fully known, of a capture the parent's forward frame holds (a body value, a loop
    variable, a capture's Enter)."""
    p = self.plans[gop]
    ginfo, cfinfo = p["ginfo"], p["finfo"]
    if count_levels(gop):
        return []
    out = []
    for j, k in enumerate(ginfo["diff_caps"]):
        c = cfinfo["captures"][k]
        if k in ginfo.get("sliced", {}):   # (the values' zeros of [1] + Shape(c)[1:])
            if ginfo["sliced_known"][k][0] or chain(c._op):
                continue
        elif self._dt(c) is not c.dtype.base_dtype or \
                ginfo["grads"][_cap_offsets(ginfo, p["n"])[j]].shape.is_fully_defined() or \
                chain(c._op):
            continue
        if c._op in body or c._op in fvars:
            out.append(_AccShape(gop, j, c, None, None))
        elif c in fcaps:
            out.append(_AccShape(gop, j, c, f"{fop.name}/Enter_c{fcaps[c]}",
                                 finfo["vars"][0].op.name))
    return out


def _pop_shape(self, t):
    """TF's shape of the pop of push `t` (AddBackpropAccumulatedValue: the pushed value's;
    an inner loop's TensorArray handle a 2-vector, its flow a scalar, a cond's pred_id its
    predicate's), or None where it is left to the writer (a ZeroShape's, a ref's, another
    resource's or variant's)."""
    if isinstance(t, str):   # (a nested loop's count)
        return _SCALAR
    if isinstance(t, _AccShape):
        rank = t.c.shape.ndims
        return TensorShape([rank] if rank is not None else [None])
    if isinstance(t, _Switched):   # (b -1: the cond's pred_id, an Identity of its pred)
        t = t.t
    if t is None or isinstance(t, ZeroShape) or t.dtype.is_ref_dtype:
        return None
    if t.op.type in ("TensorArrayV3", "TensorArrayGradV3") and t.value_index == 0:
        return _TA_HANDLE
    if self._dt(t) is not t.dtype.base_dtype:   # (a flow)
        return _SCALAR
    if t.dtype.base_dtype in (_dt.variant, _dt.resource):
        return None
    return t.shape


_TA_HANDLE = TensorShape([2])


def _exit_shape(self, gop, k):
    """{"shapes": [...]} of WhileGrad `gop`'s Exit of loop variable k's gradient: its
    output's, with the forward initial value's set on it (tf.gradients' set_shape of an
    input's gradient), or {} (a flow's, a shape that does not merge)."""
    t, init = gop.outputs[k], self.plans[gop]["fop"].inputs[k]
    if self._dt(init) is not init.dtype.base_dtype or \
            init.dtype.base_dtype in (_dt.variant, _dt.resource):
        return {}
    try:
        return {"shapes": [t.shape.merge_with(init.shape)]}
    except ValueError:
        return {}


def _acc_pop(self, gop, j):
    """The node name of the pop, in its parent's frame, of the shape of nested WhileGrad
    `gop`'s j-th accumulator (_AccShape), or None."""
    parent = self.plans[gop]["parent"]
    if parent is None:
        return None
    for i, t in enumerate(self.plans[parent]["pushes"]):
        if isinstance(t, _AccShape) and t.gop is gop and t.j == j:
            return f"{parent.name}/pop_{i}"
    return None


def _cond_plan(plan):
    """The CondPlan among `plan`'s others (which writes the cond gradients), or None."""
    return next((o for o in plan.others if isinstance(o, CondPlan)), None)


def _late_names(self):
    """{node: TF's base name} of the nodes a cond gradient in a gradient frame numbers in
    the gradients scope after the frame's (its zeros' Const and Switch, its AddN; the
    Switch, Shape, stack, push and pop of a ZeroShape; the zero flow gradient of an unread
    array a cond gradient's branch made for a loop gradient)."""
    cp = _cond_plan(self)
    out = dict(cp._late_names) if cp is not None else {}
    for gop, p in self.plans.items():
        R = ta_grad_source(gop) + "/"
        W, B = self._w(p["fop"], gop), gop.name
        ups = len(self._ancestors(gop))
        for j, t in enumerate(p["pushes"]):
            if isinstance(t, ZeroShape):   # (a nested frame's Enters: the outer ones first)
                st = f"{W}/stack_{j}"
                for old, base in ((st + "/zsw", "Switch"), (st + "/zshape", "Shape"),
                                  (st + "/max_size", "Const"), (st, "f_acc"),
                                  *((f"{st}/Enter_{d}", "Enter") for d in range(ups)),
                                  (st + "/Enter", "Enter"), (st + "/push", "StackPushV2"),
                                  (f"{B}/pop_{j}_sw", "Switch"), (f"{B}/pop_{j}", "StackPopV2")):
                    out[old] = R + base
        for t in gop._inputs:   # (an unread array's zero flow gradient the cond gradient's
            z = t._op           # branch made: TF's zeros, ZerosLikeForExit's Const)
            if z.type == "TensorArrayZeroGrad" and cp is not None and \
                    not re.fullmatch(re.escape(R) + r"zeros(?:_[0-9]+)?", z.name):
                out[z.name] = R + "zeros"
    return out


def _late_subs(self):
    """[(node, late node, suffix)]: the nodes named under a late node's name (a
    ZeroShape's zeros' Const, its pop Switch's Enter)."""
    cp = _cond_plan(self)
    out = list(cp._late_subs) if cp is not None else []
    for gop, p in self.plans.items():
        W, B = self._w(p["fop"], gop), gop.name
        for j, t in enumerate(p["pushes"]):
            if isinstance(t, ZeroShape):   # (a nested frame's: the outer frames' first)
                st = f"{W}/stack_{j}"   # (a nested cond's: its handle switched in first)
                cx = self._push_ctx(gop, j)
                for k in range(len(cx.get("outer", ())) if cx is not None else 0):
                    out.append((f"{st}/push_sw" + (f"_{k}" if k else ""), st + "/push",
                                "/Switch"))
                pe = f"{W}/stack_{j}/Enter_{B.replace('/', '_')}"
                for d in range(len(self._ancestors(gop))):
                    out.append((f"{pe}_{d}", f"{B}/pop_{j}_sw", "/Enter"))
                out.append((pe, f"{B}/pop_{j}_sw", "/Enter"))
    return out


def _moved_into_cond(self, members, body, fvars, fcaps):
    """The Shape / Size / Rank ops of `members` in a branch of a TF-layout cond gradient
    (outside other conds) of a forward value the forward cond's same branch switches in:
    TF's WhileContext.AddOp moves such an op into the forward cond's branch, reading the
    forward Switch, and its value is pushed there (recorded in self._moved_in; written
    by this plan, not the CondPlan)."""
    out = set()
    cp = self._conds
    if cp is None:
        return out
    for m in members:
        if m.type not in _SHAPE_OPS or not m._inputs:
            continue
        conds, t = chain(m), m._inputs[0]
        if not conds or not all(self._tf_cond_grad(c) for c in conds) or (
                len(conds) > 1 and not self._nested_frame(conds[-1])):
            continue
        g = conds[0]
        b = branch_in(m, g)
        inside = chain(t._op)
        if inside and len(conds) == 1 and inside == [_fwd_cond(g)]:
            # (a value the forward branch itself makes: its rule's ops, the CondPlan's)
            sw = t if branch_in(t._op, inside[0]) == b and inside[0] in body else None
        elif inside:   # (a value made in a cond nested in the same branch: read there)
            sw = self._name(t) if inside[0] is _fwd_cond(g) and \
                branch_in(t._op, inside[0]) == b and inside[-1] in body else None
        elif not (t._op in body or t._op in fvars or t in fcaps or
                  t._op.type == "LoopVar"):
            continue
        else:
            sw = cp._ctx.get((_fwd_cond(g), b), {}).get("cache", {}).get(t.name)
        if sw is None:
            continue
        self._moved_in[m] = (sw, g, b)
        if not isinstance(sw, str):
            cp._grad_moved_reads[m] = sw
        cp.lowered.discard(m)
        cp._grad_moved.add(m)
        out.add(m)
    return out


def _zeros_of_shape(self, gop, j):
    """Is push j of WhileGrad `gop` a moved Shape only the zeros gradients() made for an
    output no gradient reached read (TF's ControlFlowState.ZerosLike of a shape not fully
    known)?"""
    t = self.plans[gop]["pushes"][j]   # (a tensor, or a count, shape or switched read)
    op = None if isinstance(t, (str, tuple)) else getattr(t, "_op", None)
    if op is None or op.type != "Shape" or op not in self._moved:
        return False
    return bool(t.consumers()) and all(
        c.type == "Fill" and is_zero_fill(c._outputs[0]) for c in t.consumers())


def _unread_zeros(self, gop, ginfo, finfo):
    """The ZerosLike ops (of a shape not fully known; a known one's are Consts) flowgrad
    makes as the gradient, initial and per iteration, of a loop variable that is neither
    float nor complex and whose gradient nothing reads (dynamic_decode's finished and
    sequence lengths), or per iteration of a float one TF's frame has its exit's zeros of
    only (_exit_only): TF's frame has no gradient loop variable for it, so no node."""
    out = set()
    for k, v in enumerate(ginfo["grad_vars"]):
        if v.consumers() or gop.outputs[k].consumers():
            continue
        float_ = v.dtype.is_floating or v.dtype.is_complex
        if float_ and not _exit_only(k, ginfo):
            continue
        for t in [ginfo["grads"][k]] + ([] if float_ else [_out_grads(gop)[k]]):
            if t.op.type == "ZerosLike" and set(t.consumers()) <= {gop}:
                out.add(t.op)
    return out


# (the names' order in ginfo["patch_fill"]; a loop in a cond's branch: its Switch too)
_FILL_PARTS = ("Shape", "zeros", "Const", "NextIteration", "Enter", "Switch")


def _patch_fill(self, gop, emit, k, ups, const_ent):
    """TF's PostProcessing zeros of variable k of WhileGrad `gop` whose exit gradient's shape
    is not fully known: Shape of the exit gradient and zeros of it (float32 Fill of
    zeros/Const) in the enclosing frame (an outer loop gradient's: its Const waits for
    that frame's pivot), entered into the gradient frame for its NextIteration."""
    i32, f32 = _dt.int32, _dt.float32
    t = _out_grads(gop)[k]
    rank, P, d = t.shape.ndims, f"{gop.name}/fill_{k}", self._dt(t)
    src, cs = emit.input_name(t), self._cond_stack(gop)
    if cs is not None:   # (in a cond's branch: the forward cond's context, its Switch)
        src = emit(f"{P}/Switch", "Switch", [src, cs[0]], [d, _dt.bool_], {},
                   shapes=[t.shape] * 2,   # (colocated with it: TF's _SwitchRefOrTensor)
                   colocation=t.op._colocation or [src.split(":")[0]]) + cs[1]
    sh = emit(f"{P}/Shape", "Shape", [src], [d], {"out_type": i32},
              shapes=[TensorShape([rank] if rank is not None else [None])])
    ctl = [f"^{ups[-1].name}/sub"] if ups else self._fwd_pivot(gop)
    val = emit(f"{P}/Const", "Const", ctl, [],
               {"dtype": f32, "value": np.asarray(0.0, np.float32)}, shapes=[_SCALAR])
    z = emit(f"{P}/zeros", "Fill", [sh, val], [i32, f32], {}, shapes=[t.shape])
    emit(f"{P}/Enter", "Enter", [z], [f32], const_ent, shapes=[t.shape])


def _unwritten(self, members):
    """The ops of `members` a TF-layout cond gradient has no node for (flowgrad's zeros of
    a capture a side does not reach): their reads enter nothing into the frame."""
    cp = self._conds
    if cp is None:
        return set()
    return {m for m in members if m in cp._grad_members and m not in cp._copied and
            m not in cp._grad_steps and not m.type.startswith("TensorArray") and
            not any(t.name in cp.renames for t in m._outputs)}


def _zero_shapes_of(self, m):
    """The condgrad.ZeroShapes of member `m` (a TF-layout gradient Cond's), else ()."""
    cp = _cond_plan(self) if self._conds is None else self._conds
    return cp._zero_shapes.get(m, ()) if cp is not None else ()


def zero_shape_pop(self, gop, zs):
    """The node name of the pop of ZeroShape `zs` in WhileGrad `gop`'s frame."""
    return f"{gop.name}/pop_{self.plans[gop]['pushes'].index(zs)}"


def _push_zero_shape(self, emit, zs, st, he, cx, add):
    """Writes ZeroShape `zs`'s forward nodes (stack `st`, its Enter `he`): TF's Switch of
    the forward Switch's input on the forward pred_id, the Shape of its dead output and
    its push (after the count's `add`), in the cond's outer context. Returns the push."""
    cp = _cond_plan(self)
    data = cp._switch_data.get(zs.switch.split(":")[0])
    if data is None:
        raise ValueError(f"{zs.switch}: the forward Switch is not written yet")
    c = zs.c
    dt, rank = cp._dt(c), c.shape.ndims
    sw = emit(st + "/zsw", "Switch", [data, cx["fpred"]], [dt, _dt.bool_], {},
              shapes=[c.shape] * 2)
    sh = emit(st + "/zshape", "Shape", [sw + zs.dead], [dt], {"out_type": _dt.int32},
              shapes=[TensorShape([rank] if rank is not None else [None])])
    for k, (fpred, port) in enumerate(cx.get("outer", ())):   # (a nested cond's: the
        he = emit(st + "/push_sw" + (f"_{k}" if k else ""), "Switch", [he, fpred],  # stack
                  [_dt.resource, _dt.bool_], {},   # switched into its enclosing conds)
                  shapes=[TensorShape([2])] * 2) + port
    return emit(st + "/push", "StackPushV2", [he, sh, "^" + add], [_dt.resource, _dt.int32],
                {"swap_memory": False})


def _written(self, m):
    """The node name gradient op `m` is written as: a TF-layout cond gradient's copy of
    it, or (the gradient Cond itself) its _MergeGrad scope, where TF's GetRealValue makes
    the predicate's stack; else its own."""
    cp = _cond_plan(self)
    if cp is not None and m in getattr(cp, "_nested_sw", ()):   # (a nested one: its
        return cp._nested_sw[m]                  # Merge's Switch; its outputs the outer's)
    if cp is not None and m in cp._grad_members and m._outputs and \
            m._outputs[0].name in cp.renames:
        return cp.renames[m._outputs[0].name].split(":")[0]
    if cp is not None and m in cp._grad_steps:
        return CondPlan._prefix(m)   # (renamed: its Switch, <Merge>_grad/cond_grad)
    return m.name


def _results(self, p):
    """The body's results of plan `p` as written (a TF-layout cond gradient's output: the
    Merge or AddN of its Switches' gradients, CondPlan's renames)."""
    return [self._renamed(t) if r == self._name(t) else r
            for r, t in zip(p["results"], p["ginfo"]["grads"])]


def _push_ctx(self, gop, j):
    """How TF pushes the value of stack j of WhileGrad `gop` that TF-layout cond gradients
    read (TF's history_map holds the tensor its gradient ops read): the forward cond's
    pred_id for their predicate ("port" None), else a capture's Switch output in the
    forward cond's branch, pushed there ("port": the handle's Switch output) and popped
    under the gradient's popped predicate ("gpred"); None: as flowgrad keeps it."""
    cache = self.__dict__.setdefault("_push_ctxs", {})
    if (gop, j) in cache:
        return cache[(gop, j)]
    cache[(gop, j)] = None
    cp = _cond_plan(self)
    p = self.plans[gop]
    t = p["pushes"][j]
    if cp is None or not cp._grad_steps or isinstance(t, (str, _AccShape)):
        return None
    if not isinstance(t, (ZeroShape, _Switched)) and t._op in self._moved_in:
        _, g, b = self._moved_in[t._op]   # (a Shape moved into the forward cond's branch:
        got = {"value": None, "port": ":1" if b == 0 else "",   # pushed there)
               "fpred": CondPlan._prefix(_fwd_cond(g)) + "/pred_id",
               "gpred": self.rewrite[g.name][g.inputs[0].name],
               "outer": _enclosing(cp, _fwd_cond(g))}
        cache[(gop, j)] = got
        return got
    if isinstance(t, ZeroShape):   # (pushed in the forward cond's outer context, popped
        g = self._zs_cond[t]        # through its dead side's port)
        got = {"value": None, "port": t.dead,
               "fpred": CondPlan._prefix(_fwd_cond(g)) + "/pred_id",
               "gpred": self.rewrite[g.name][g.inputs[0].name],
               "outer": _enclosing(cp, _fwd_cond(g))}
        cache[(gop, j)] = got
        return got
    if isinstance(t, _Switched) and t.b < 0:
        fwd = _fwd_cond(t.g)
        got = {"value": CondPlan._prefix(fwd) + "/pred_id", "port": None}
        outer = _enclosing(cp, fwd)
        if outer:   # (a nested cond's pred_id: pushed in the enclosing cond's branch,
            *up, (fpred, port) = outer   # popped on its popped predicate)
            g = chain(t.g)[0]
            got.update({"port": port, "fpred": fpred, "outer": up,
                        "gpred": self.rewrite[g.name][g.inputs[0].name]})
        cache[(gop, j)] = got
        return got
    if isinstance(t, _Switched):
        fwd = _fwd_cond(t.g)
        got = {"value": cp._ctx[(fwd, t.b)]["cache"][t.t.name], "port": ":1" if t.b == 0
               else "", "fpred": CondPlan._prefix(fwd) + "/pred_id",
               "gpred": self.rewrite[t.g.name][t.g.inputs[0].name],
               "outer": _enclosing(cp, fwd)}
        cache[(gop, j)] = got
        return got
    where = p["branch"].get(t)
    if where:   # (a value of a forward cond's branch: pushed there, popped in the same
        # branch of its gradient; of a nested cond's, switched in through the enclosing
        # ones, popped on the innermost one's popped pred)
        if any(w[2] not in cp._grad_steps for w in where):
            return None
        c, b, g = where[0]   # (innermost first)
        gpred = self.rewrite.get(g.name, {}).get(g.inputs[0].name)
        if gpred is None:
            return None
        got = {"value": None, "port": ":1" if b == 0 else "",
               "fpred": CondPlan._prefix(c) + "/pred_id", "gpred": gpred,
               "outer": _enclosing(cp, c)}
        cache[(gop, j)] = got
        return got
    node = f"{gop.name}/pop_{j}"
    readers = [m for m in p["members"] if node in self.rewrite.get(m.name, {}).values()]
    conds = [m for m in readers if m in cp._grad_steps]
    if conds and len(conds) == len(readers) and all(
            self.rewrite[m.name].get(m.inputs[0].name) == node and
            m.inputs[0] is _fwd_cond(m).inputs[0] for m in conds) and \
            len({_fwd_cond(m) for m in conds}) == 1:
        got = {"value": CondPlan._prefix(_fwd_cond(conds[0])) + "/pred_id", "port": None}
    else:   # (a TF-layout gradient Cond's capture: read by its branch ops only)
        readers = [m for m in readers if m not in cp._grad_steps or
                   self.rewrite[m.name].get(m.inputs[0].name) == node]
        homes = {(g, branch_in(m, g)) for m in readers
                 for g in chain(m) if g in cp._grad_steps and not chain(g)}
        if len(homes) != 1 or any(not chain(m) for m in readers):
            return None
        (g, b), = homes
        fwd = _fwd_cond(g)
        sw = cp._ctx.get((fwd, b), {}).get("cache", {}).get(t.name)
        if sw is None or self.rewrite.get(g.name, {}).get(g.inputs[0].name) is None:
            return None
        got = {"value": sw, "port": ":1" if b == 0 else "",
               "fpred": CondPlan._prefix(fwd) + "/pred_id",
               "gpred": self.rewrite[g.name][g.inputs[0].name]}
    cache[(gop, j)] = got
    return got


def _enclosing(cp, fwd):
    """[(pred_id, port of the branch holding `fwd`)] of the forward conds of the same loop
    body that `fwd` is nested in, outermost first: TF's AddValue of a stack handle in a
    nested cond context switches it through each of them."""
    out = []
    for c in chain(fwd):   # (up to the cond in the loop body itself: cp._loop_of's)
        out.insert(0, (CondPlan._prefix(c) + "/pred_id",
                       ":1" if branch_in(fwd, c) == 0 else ""))
        if c in cp._loop_of:
            return out
    return []


class _AccShape(tuple):
    """The shape of nested WhileGrad `gop`'s j-th differentiable capture `c` (its shape not
    fully known), pushed by its parent's forward frame: TF's AddBackpropAccumulator in a
    nested gradient frame makes the Shape of the forward value (`src`, the forward frame's
    Enter of a capture, waiting for its pivot `pivot`; None: `c` itself) in the outer
    forward context, pushes it, and the accumulator starts from zeros of the popped shape
    in the outer gradient frame."""

    __slots__ = ()

    def __new__(cls, gop, j, c, src, pivot):
        return tuple.__new__(cls, (gop, j, c, src, pivot))

    gop = property(lambda self: self[0])
    j = property(lambda self: self[1])
    c = property(lambda self: self[2])
    src = property(lambda self: self[3])
    pivot = property(lambda self: self[4])


class _Switched(tuple):
    """A forward value `t` a TF-layout cond gradient `g`'s branch `b` (0: true) reads: TF
    pushes the forward cond's Switch output of it (one stack per branch); b -1: `g`'s
    predicate, TF's stack of the forward cond's pred_id."""

    __slots__ = ()

    def __new__(cls, t, g, b):
        return tuple.__new__(cls, (t, g, b))

    t = property(lambda self: self[0])
    g = property(lambda self: self[1])
    b = property(lambda self: self[2])
    dtype = property(lambda self: self[0].dtype)
    name = property(lambda self: self[0].name)

    def __eq__(self, other):
        return isinstance(other, _Switched) and all(a is b for a, b in zip(self, other))

    def __hash__(self):
        return hash(tuple(id(x) for x in self))


def _tf_cond_grad(self, m):
    """Whether `m` is a gradient Cond the CondPlan writes in TF's layout."""
    return self._conds is not None and m in self._conds._grad_steps


def _fwd_pivot(self, gop):
    """["^" + the forward cond's pivot] for a loop gradient `gop` (outside loops) in a
    TF-layout cond gradient's branch: TF makes its count Consts in the forward cond's
    context (the loop's in that branch); else []."""
    levels = count_levels(gop) or ()
    if len(levels) != 1 or not self._tf_cond_grad(levels[0][2]):
        return []
    c, b, _ = levels[0]
    return ["^" + _pivot(c, b)]


def _cond_stack(self, gop):
    """(the forward cond's pred_id, the port of its branch) for a loop gradient `gop`
    (outside loops) in a TF-layout cond gradient's branch: TF switches each stack handle
    into the forward cond before the loop's Enter, and again in the gradient frame on the
    entered pred_id before its pop; else None."""
    levels = count_levels(gop) or ()
    if len(levels) != 1 or not self._tf_cond_grad(levels[0][2]) or self._ancestors(gop):
        return None
    c, b, _ = levels[0]
    return CondPlan._prefix(c) + "/pred_id", ":1" if b == 0 else ""


def _cond_switched(self, gop, t):
    """The forward cond's Switch output of `t` (a tensor from outside it) that the loop
    gradient `gop` reads in a TF-layout cond gradient's branch (outside loops): TF's Enter
    of it reads the value the forward branch's loop read; else None."""
    levels = count_levels(gop) or ()
    if len(levels) != 1 or not self._tf_cond_grad(levels[0][2]):
        return None
    c, b, _ = levels[0]
    return self._conds._ctx.get((c, b), {}).get("cache", {}).get(t.name)


def _switched(self, t, m, body):
    """`t` as member `m` reads it: a _Switched value when `m` is in a branch of a TF-layout
    cond gradient (outside other conds) and `t`, a forward body value outside the cond,
    is switched into the forward cond's same branch; else `t`."""
    if self._conds is None or isinstance(t, str):
        return t
    if self._tf_cond_grad(m) and m.inputs and t is m.inputs[0]:
        return _Switched(t, m, -1)   # (its predicate: TF's stack of the pred_id)
    if chain(t._op):
        return t
    conds = chain(m)
    if not conds and m in _copied_sides(self._conds):   # (an op no branch result reads:
        g, b = _copied_sides(self._conds)[m]            # the side the cond plan gave it)
    elif not conds or not all(self._tf_cond_grad(c) for c in conds) or (
            len(conds) > 1 and not self._nested_frame(conds[-1])):
        return t
    else:
        g = conds[0]
        b = branch_in(m, g)
    fwd = _fwd_cond(g)
    cache = self._conds._ctx.get((fwd, b), {}).get("cache", {})
    if t.name not in cache or not (t._op in body or t._op.type == "LoopVar"):
        return t
    return _Switched(t, g, b)


_SIDES = _records.GraphRecords("_SIDES")


def _copied_sides(cp):
    """{op: (gradient Cond, side)} for each op a TF-layout cond gradient of CondPlan `cp`
    copies (graph_def_lower_condgrad.plan; those no branch result reads included)."""
    out = _SIDES.get(cp)
    if out is None:
        out = _SIDES[cp] = {step[1]: (g, step[3]) for g, steps in cp._grad_steps.items()
                            for step in steps if step[0] == "copy"}
        # (a nested gradient cond's copies, spliced into its parent's steps: its own side;
        # the innermost one's last)
        for g, steps in reversed(list(getattr(cp, "_nested_steps", {}).items())):
            out.update({step[1]: (g, step[3]) for step in steps if step[0] == "copy"})
    return out


def _branch_const(self, t, body):
    """Whether `t` is a Const of a cond's branch in the forward body (TF's GetRealValue
    clones it into the gradient frame, as a body's), read by a TF-layout cond gradient."""
    conds = chain(t._op)
    return bool(conds) and conds[-1] in body and self._conds is not None and \
        any(self._tf_cond_grad(g) and _fwd_cond(g) is conds[0]
            for g in self._conds._grad_steps)


GradLoopPlan._tf_cond_grad = _tf_cond_grad
GradLoopPlan._nested_frame = lambda self, g: g in self._conds._grad_frames
GradLoopPlan._switched = _switched
GradLoopPlan._fwd_pivot = _fwd_pivot
GradLoopPlan._cond_switched = _cond_switched
GradLoopPlan._cond_stack = _cond_stack
GradLoopPlan._branch_const = _branch_const


def _fwd_cond(g):
    """The forward Cond of gradient Cond `g`."""
    return _cond_info(g)["grad"]["of"]


GradLoopPlan._push_ctx = _push_ctx
GradLoopPlan._results = _results
GradLoopPlan._sliced_inits = _sliced_inits
GradLoopPlan._sliced_sums = _sliced_sums
GradLoopPlan._sliced_names = _sliced_names
GradLoopPlan._late_names = _late_names
GradLoopPlan._late_subs = _late_subs
GradLoopPlan._zero_shapes_of = _zero_shapes_of
GradLoopPlan._acc_base = _acc_base
GradLoopPlan._acc_shapes = _acc_shapes
GradLoopPlan._acc_pop = _acc_pop
GradLoopPlan._pop_shape = _pop_shape
GradLoopPlan._exit_shape = _exit_shape
GradLoopPlan._moved_into_cond = _moved_into_cond
GradLoopPlan._unread_zeros = _unread_zeros
GradLoopPlan._zeros_of_shape = _zeros_of_shape
GradLoopPlan._unwritten = _unwritten
GradLoopPlan._patch_fill = _patch_fill
GradLoopPlan.zero_shape_pop = zero_shape_pop
GradLoopPlan._push_zero_shape = _push_zero_shape
GradLoopPlan._written = _written


def _zero_grad(op, emit):
    """The empty gradient array of a flow nothing reads (TensorArrayZeroGrad), read by loop
    gradients written as TF's: TF's zero flow gradient, a float 0; else kept flowgrad's
    (False: graph_def.py writes the op itself)."""
    plan = getattr(emit, "plan", None)
    cp = plan if isinstance(plan, CondPlan) else _cond_plan(plan) if plan is not None else None
    if cp is not None and op in cp._grad_members:
        return False   # (TF's zeros of a TF-layout cond gradient's side: CondPlan's)
    readers = {c for t in op.outputs for c in t.consumers()}
    ok = grad_verdicts(op.graph._flowgrad_operations())
    # (or, when every loop gradient is written as TF's, its gradient arrays too, any other:
    # a capture's gradient in a loop gradient's body, a cond gradient's branch result)
    if not (ok and all(ok.values())) and (
            not readers or not all(c.type == "WhileGrad" and ok.get(c) for c in readers)):
        return False
    return emit(op.name, "Const", [], [], {"dtype": _dt.float32,
                                           "value": np.asarray(0.0, np.float32)},
                controls=True)


LOWERINGS["TensorArrayZeroGrad"] = _zero_grad
