"""A V1FramesGrad op (control_flow_v1_grad.py: flowgrad's gradient of a TF-written loop
imported from a GraphDef/MetaGraph) written as TF 1.14's v1 gradient frame when a graph
is exported, so that TF imports and runs it (e.g. a training op flowgrad added over a
TF-written loop, continued by TF).

What is written, over TF's own forward frame F (its nodes are already in the graph):
- in F: an iteration counter (Enter 0 / Merge / Switch on F's LoopCond / Add 1 /
  NextIteration / Exit) and, per forward value a gradient rule reads, a stack made outside
  the loop (StackV2), entered into F and pushed each iteration after the count (the
  counter's NextIteration waits for the pushes: the stacks hold the iterations in order);
- a gradient frame G (<op>/while_context): the backward counter (while n >= 1: n -= 1),
  one gradient loop variable per loop variable of F (entered with the gradient of its Exit,
  its NextIteration the gradient of the Identity reading F's Switch), one accumulator per
  tensor entered into F as a constant (summed over the iterations), the stacks popped (the
  next iteration waits for the pops: ControlTrigger), and each body op's gradient rule
  built as flowgrad builds it (the rule's ops on placeholders, written with the popped
  forward values and the summed output gradients in their place);
- the op's own name: an IdentityN (Identity for one output) of the captures' gradients.

A cond in the body (TF's Switch / Merge in the frame): a Merge's gradient is a Switch of
it on the popped predicate, a Switch's a Merge of its branches' gradients (zeros for a
branch without one), as TF's control_flow_grad; a value of a branch is pushed only when
the branch ran and popped under the gradient frame's pivot of that branch, each push / pop
followed by a Merge live on either branch (the counters wait for it); each cond's
predicate is pushed, and its pivots (Switch of the predicate on itself) are written in
both frames.

TensorArrays made before the loop and read / written in it (dynamic_rnn's): TF's
TensorArrayGradV3 of the handle entered into G (source: the gradients scope, the array the
gradient of the gather / scatter outside the loop writes or reads), a write of a read's
gradient into it, a read of it for a write's gradient, the flows' gradients as TF's floats
(graph_def_lower.TensorArrayPlan writes the imported arrays' ops in TF's layout, reading
the handle's Enter into their frame).

Written for one loop frame (conds and such TensorArrays in its body allowed) holding no
nested loop, no array made in the loop and no stack (what the module-level `plan`
checks); any other V1FramesGrad keeps flowgrad's op.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.graph_def import op_defs
from ..framework.graph_def_lower import LOWERINGS, ta_grad_source
from ..framework.registry import GRADIENTS
from . import control_flow_v1 as _v1
from . import control_flow_v1_grad as _v1g

__all__ = []

_BAD = ("Stack", "Ref")
_TA = ("TensorArrayReadV3", "TensorArrayWriteV3")   # (of an array made outside the loop)


def _handle(flow):
    """The handle of the TensorArray whose flow `flow` is (flowgrad's array ops read the
    flow where TF's read the handle too), through TF's frame ops, else None."""
    t = flow
    for _ in range(10000):
        op = t._op
        if op.type == "TensorArrayV3":
            return op._outputs[0]
        if not op._inputs or not (op.type in _v1.FRAME_OPS or op.type == "Identity" or
                                  op.type.startswith("TensorArray")):
            return None
        t = op._inputs[0]
    return None


def _tdt(t):
    """TF's dtype of `t` (a TensorArray's flow is TF's float)."""
    d = t.dtype.base_dtype
    return _dt.float32 if d is _dt.variant and _v1g._is_flow(t) else d


def _rule(op):
    """(scratch graph ops in order, {placeholder op: ("in", i) | ("out", k) | ("g", k)},
    [input gradient tensor or None]) of member op `op`'s gradient rule, or None when
    it has none (nothing to differentiate)."""
    if not any(_v1g._diff(t) for t in op._inputs) or GRADIENTS.get(op.type, False) is None:
        return None
    g, phs, twin, gphs, ins = _v1g.scratch_rule(op)
    roles = {p._op: ("in", i) for i, p in enumerate(phs)}
    roles.update({p._op: ("g", k) for k, p in enumerate(gphs)})
    roles[twin] = ("out", None)
    return g._flowgrad_operations(), roles, ins


def _frame_parts(run_ops):
    """{"frame", "vars": [(Enter, Merge, Switch, Exit or None, Identity, NextIteration)],
    "consts": [constant Enter], "order": [body ops and the conds' Switch / Merge in
    order], "ctx": {tensor or op: ((pred, branch), ...) of the conds holding it, outermost
    first}, "merge_ports": {cond Merge: branch of each input}} of a region holding one loop
    frame (conds in its body allowed), else None."""
    frames = {o._attrs.get("frame_name") for o in run_ops if o.type in _v1._ENTERS}
    if len(frames) != 1 or any(o.type.startswith(_BAD) or o.type == "ControlTrigger" or (
            o.type.startswith("TensorArray") and o.type not in _TA) for o in run_ops):
        return None
    inside = set(run_ops)
    vars_, seen = [], set()
    for m in run_ops:
        if m.type != "Merge" or len(m._inputs) != 2 or \
                m._inputs[1]._op.type != "NextIteration":
            continue
        if m._inputs[0]._op.type != "Enter":
            return None
        sw = [c for c in m._outputs[0]._consumers if c.type == "Switch" and c in inside and
              c._inputs[1]._op.type == "LoopCond"]
        if len(sw) != 1:
            return None
        sw = sw[0]
        ex = [c for c in sw._outputs[0]._consumers if c in inside]
        ids = [c for c in sw._outputs[1]._consumers if c in inside]
        if len(ex) > 1 or (ex and ex[0].type != "Exit") or len(ids) != 1 or \
                ids[0].type != "Identity":
            return None
        vars_.append((m._inputs[0]._op, m, sw, ex[0] if ex else None, ids[0],
                      m._inputs[1]._op))
        seen.update((m._inputs[0]._op, m, sw, ids[0], m._inputs[1]._op))
        if ex:
            seen.add(ex[0])
    if not vars_:
        return None
    consts = [o for o in run_ops if o.type == "Enter" and o._attrs.get("is_constant")]
    seen.update(consts)
    seen.update(o for o in run_ops if o.type == "LoopCond")
    ctx, ports = {}, {}
    order = []
    for o in run_ops:   # (creation order: topological but for the back edges)
        if o in seen:
            continue
        if o.type in _v1.FRAME_OPS and o.type not in ("Switch", "Merge"):
            return None   # a second loop, a Ref op, ...
        ins = [ctx.get(t, ()) for t in o._inputs] + [ctx.get(c, ()) for c in
                                                      o._control_inputs]
        here = max(ins, key=len) if ins else ()
        if o.type != "Merge" and any(c != here[:len(c)] for c in ins):
            return None
        if o.type == "Merge":
            a, b_ = (ctx.get(t, ()) for t in o._inputs) if len(o._inputs) == 2 else ((), ())
            if not a or not b_ or a[:-1] != b_[:-1] or a[-1][0] is not b_[-1][0] or \
                    {a[-1][1], b_[-1][1]} != {0, 1}:
                return None
            here = a[:-1]
            ports[o] = (a[-1][1], b_[-1][1])
        elif o.type != "Switch" and here and any(not ctx.get(t, ()) for t in o._inputs):
            return None   # a branch op reading an outer value other than through a Switch
        ctx[o] = here
        for k, t in enumerate(o._outputs):
            ctx[t] = here + ((_v1._pred_key(o._inputs[1]), k),) if o.type == "Switch" \
                else here
        order.append(o)
    for v in vars_:
        if ctx.get(v[5]._inputs[0], ()):
            return None
    for o in order:   # a body op reads only the frame's values
        for t in o._inputs:
            if t._op not in inside:
                return None
    return {"frame": frames.pop(), "vars": vars_, "consts": consts, "order": order,
            "ctx": ctx, "merge_ports": ports}


def plan(gop):
    """What `lower` writes for V1FramesGrad `gop`, or None (module docstring)."""
    info = _v1g._GRAD_INFO.get(gop)
    if info is None:
        try:
            info = _v1g._GRAD_INFO[gop] = _v1g._read_back(gop)
        except NotImplementedError:
            return None
    region = info["region"]
    rinfo = _v1._regions(region._graph)[region]
    seeds = list(info["seeds"])
    run_ops = _v1._needed(rinfo["members"], seeds, [])
    parts = _frame_parts(run_ops)
    if parts is None:
        return None
    exits = {v[3]: k for k, v in enumerate(parts["vars"]) if v[3] is not None}
    if any(t._op not in exits for t in seeds):
        return None
    defs = op_defs()
    rules = {}
    for o in parts["order"]:
        if o.type in ("Switch", "Merge"):
            continue
        if o.type in _TA:   # TF's TensorArrayGradV3 of the handle entered into the loop
            h = _handle(o._inputs[0])
            if h is None or h._op in set(run_ops):
                return None
            rules[o] = h
            continue
        if any(t.dtype.is_ref_dtype or t.dtype.base_dtype in (_dt.variant, _dt.resource)
               for t in list(o._inputs) + list(o._outputs)):
            return None
        r = _rule(o)
        if r is not None:
            if any(s.type not in defs for s in r[0] if s not in r[1]):
                return None
            rules[o] = r
    return {"seeds": seeds, "want": info["want"], "parts": parts, "rules": rules,
            "exits": exits}


def _sum(emit, name, names, dtype):
    if len(names) == 1:
        return names[0]
    return emit(name, "AddN", list(names), [dtype] * len(names), {"N": len(names)})


def _const(emit, name, value, dtype, controls=()):
    return emit(name, "Const", list(controls), [], {"dtype": dtype,
                                                     "value": np.asarray(value,
                                                                         dtype.as_numpy_dtype)})


def lower(gop, emit):
    p = plan(gop)
    if p is None:
        return False
    B = gop.name
    parts, rules = p["parts"], p["rules"]
    ctx = parts["ctx"]
    n_caps = gop._attrs["n_caps"]
    caps = list(gop._inputs[:n_caps])
    seed_of = {t._op: gop._inputs[n_caps + i] for i, t in enumerate(p["seeds"])}
    frame, gframe = parts["frame"], B + "/while_context"
    i32, b = _dt.int32, _dt.bool_
    ent = {"frame_name": gframe, "is_constant": False, "parallel_iterations": 10}
    fent = dict(ent, frame_name=frame)
    cond = parts["vars"][0][2]._inputs[1]._as_node_def_input()
    pivot = parts["vars"][0][4].name   # an op of every forward iteration
    W = B + "/f"
    conds = []   # (outer context, pred): a cond of the body, its pivots written per frame

    def piv(c, side, where):
        """The pivot node ("F": forward, "G": gradient frame) of branch `side` of the cond
        `c[-1]` holds (c: a context)."""
        key = (c[:-1], c[-1][0])
        if key not in conds:
            conds.append(key)
        return f"{B}/{where}{conds.index(key)}/switch_" + ("t" if side else "f")

    def sync(node, c, where):
        """`node`, or for one in a branch a Merge live whichever branch ran, after `node`
        when its branch ran (a dead control input would end the loop), one per level."""
        for d in range(len(c), 0, -1):
            side = c[d - 1][1]
            done = emit(f"{node}/done{d}", "Identity", [piv(c[:d], side, where), "^" + node],
                        [b], {})
            node = emit(f"{node}/sync{d}", "Merge", [done, piv(c[:d], 1 - side, where)],
                        [b, b], {"N": 2})
        return node

    # -- the gradient rules: which forward values they read (pushed, popped) -------------
    pushes = []

    def pop(t):
        if t not in pushes:
            pushes.append(t)
        return f"{B}/pop_{pushes.index(t)}"

    def gctl(c):   # what a gradient op with no input waits for: its branch's pivot
        return "^" + (piv(c, c[-1][1], "G") if c else f"{B}/sub")
    contrib = {}   # forward tensor -> [gradient node names]
    for k, v in enumerate(parts["vars"]):
        contrib.setdefault(v[5]._inputs[0], []).append(f"{B}/Switch_g{k}:1")
    acc_in = {}     # constant Enter -> gradients of its output

    def add_in(t, g):
        if t._op.type == "Enter":   # a constant Enter: summed over the iterations
            acc_in.setdefault(t._op, []).append(g)
        elif t._op.type != "Merge" or t._op in parts["merge_ports"]:
            contrib.setdefault(t, []).append(g)   # (a loop Merge's readers: the condition)
    f32, res = _dt.float32, _dt.resource
    source = ta_grad_source(gop)

    def ta_grad(o, S, gouts, handle):
        """TF's TensorArray read / write gradients: TensorArrayGradV3 of the forward handle
        (entered into the gradient frame), a write / read of the gradient array (flowgrad's
        array ops read (flow, index[, value]))."""
        h = emit(f"{S}/Enter_handle", "Enter", [emit.input_name(handle)], [res],
                 dict(ent, is_constant=True))
        flow = o._inputs[0]
        gh = emit(f"{S}/TensorArrayGrad/TensorArrayGradV3", "TensorArrayGradV3",
                  [h, pop(flow)], [res, f32], {"source": source})
        if o.type == "TensorArrayReadV3":
            v = o._outputs[0]
            g = _sum(emit, f"{S}/dy", gouts[0], v.dtype.base_dtype)
            add_in(flow, emit(f"{S}/TensorArrayWrite/TensorArrayWriteV3", "TensorArrayWriteV3",
                              [gh, pop(o._inputs[1]), g, gh + ":1"],
                              [res, _dt.int32, v.dtype.base_dtype, f32], {}))
        else:
            v = o._inputs[2]
            g = _sum(emit, f"{S}/dy", gouts[0], f32)
            add_in(v, emit(f"{S}/TensorArrayReadV3", "TensorArrayReadV3",
                           [gh, pop(o._inputs[1]), g], [res, _dt.int32, f32],
                           {"dtype": v.dtype.base_dtype}))
            add_in(flow, g)

    for o in reversed(parts["order"]):
        S = f"{B}/{o.name}_grad"
        if o.type == "Merge":   # TF's cond_grad: a Switch of the gradient on the predicate
            gs = contrib.get(o._outputs[0])
            if gs:
                c = ctx[o._inputs[0]]
                d = _tdt(o._outputs[0])
                sw = emit(f"{S}/Switch", "Switch", [_sum(emit, f"{S}/dy", gs, d),
                                                    pop(c[-1][0])], [d, b], {})
                for t, port in zip(o._inputs, parts["merge_ports"][o]):
                    add_in(t, sw + (":1" if port else ""))
            continue
        if o.type == "Switch":   # a Merge of the branches' gradients (zeros for none)
            gs = [contrib.get(t) for t in o._outputs]
            v = o._inputs[0]
            if not any(gs) or not _v1g._diff(v):
                continue
            d = _tdt(v)
            sides = []
            for k, g in enumerate(gs):
                c = ctx[o._outputs[k]]
                sides.append(_sum(emit, f"{S}/dy_{k}", g, d) if g else
                             emit(f"{S}/zeros_{k}", "ZerosLike", [pop(v), gctl(c)], [d], {}))
            add_in(v, emit(f"{S}/Merge", "Merge", sides, [d, d], {"N": 2}))
            continue
        r = rules.get(o)
        gouts = [contrib.get(t) for t in o._outputs]
        if r is None or not any(gouts):
            continue
        if o.type in _TA:
            ta_grad(o, S, gouts, r)
            continue
        ops, roles, ins = r
        gnames = []
        for k, (t, gs) in enumerate(zip(o._outputs, gouts)):
            d = _tdt(t)
            gnames.append(_sum(emit, f"{S}/dy_{k}", gs, d) if gs else
                          emit(f"{S}/dy_{k}", "ZerosLike", [pop(t)], [d], {}))
        names = {}

        def ref(t):
            role = roles.get(t._op)
            if role is None:
                base = names[t._op]
                return base if t._value_index == 0 else f"{base}:{t._value_index}"
            if role[0] == "in":
                return pop(o._inputs[role[1]])
            if role[0] == "out":
                return pop(o._outputs[t._value_index])
            return gnames[role[1]]
        for s_ in ops:
            if s_ in roles:
                continue
            ins_ = [ref(t) for t in s_._inputs]
            ctl = ["^" + names[c] for c in s_._control_inputs if c in names]
            if not s_._inputs:
                ctl.append(gctl(ctx[o]))   # in the gradient frame (and o's branch)
            names[s_] = emit(f"{S}/{s_.name}", s_.type, ins_ + ctl,
                             [t.dtype.base_dtype for t in s_._inputs], dict(s_._attrs))
        for t, gi in zip(o._inputs, ins):
            if gi is not None:
                add_in(t, ref(gi))
    size = None
    while size != (len(pushes), len(conds)):   # every cond's predicate is pushed too
        size = (len(pushes), len(conds))
        for t in list(pushes):
            c = ctx.get(t, ())
            for d in range(1, len(c) + 1):
                piv(c[:d], 0, "G")
        for _, pred in list(conds):
            pop(pred)
    # -- the forward frame: counter and pushes ------------------------------------------
    init = _const(emit, W + "/f_count/init", 0, i32)
    enter = emit(W + "/f_count/Enter", "Enter", [init], [i32], fent)
    merge = emit(W + "/f_count/Merge", "Merge", [enter, W + "/f_count/NextIteration"],
                 [i32, i32], {"N": 2})
    sw = emit(W + "/f_count/Switch", "Switch", [merge, cond], [i32, b], {})
    one = _const(emit, W + "/f_count/one", 1, i32, ["^" + pivot])
    add = emit(W + "/f_count/add", "Add", [sw + ":1", one], [i32, i32], {})
    ctl = []
    for j, t in enumerate(pushes):
        d = _tdt(t)
        size = _const(emit, f"{W}/stack_{j}/max_size", -1, i32)
        h = emit(f"{W}/stack_{j}", "StackV2", [size], [i32], {"elem_type": d, "stack_name": ""})
        he = emit(f"{W}/stack_{j}/Enter", "Enter", [h], [_dt.resource],
                  dict(fent, is_constant=True))
        push = emit(f"{W}/stack_{j}/push", "StackPushV2", [he, emit.input_name(t), "^" + add],
                    [_dt.resource, d], {"swap_memory": False})
        ctl.append("^" + sync(push, ctx.get(t, ()), "F"))
    emit(W + "/f_count/NextIteration", "NextIteration", [add] + ctl, [i32], {})
    count = emit(W + "/f_count/Exit", "Exit", [sw], [i32], {})
    # -- the gradient frame ---------------------------------------------------------------
    vars_ = [("n", count, i32)]
    gvars = []
    for k, v in enumerate(parts["vars"]):
        d = _tdt(v[1]._outputs[0])
        if not (d.is_floating or d.is_complex):
            continue
        ex = v[3]
        if ex is not None and ex in seed_of:
            src = emit.input_name(seed_of[ex])
        else:
            src = emit(f"{B}/zeros_g{k}", "ZerosLike", [emit.input_name(v[0]._inputs[0])],
                       [d], {})
        vars_.append((f"g{k}", src, d))
        gvars.append(k)
    accs = [c for c in parts["consts"] if c in acc_in]
    for j, c in enumerate(accs):
        d = _tdt(c._outputs[0])
        z = emit(f"{B}/zeros_a{j}", "ZerosLike", [emit.input_name(c._inputs[0])], [d], {})
        vars_.append((f"a{j}", z, d))
    for key, src, d in vars_:
        emit(f"{B}/Enter_{key}", "Enter", [src], [d], ent)
        emit(f"{B}/Merge_{key}", "Merge", [f"{B}/Enter_{key}", f"{B}/NextIteration_{key}"],
             [d, d], {"N": 2})
    bone = _const(emit, f"{B}/one", 1, i32)
    emit(f"{B}/Enter_one", "Enter", [bone], [i32], dict(ent, is_constant=True))
    emit(f"{B}/GreaterEqual", "GreaterEqual", [f"{B}/Merge_n", f"{B}/Enter_one"], [i32, i32],
         {})
    emit(f"{B}/LoopCond", "LoopCond", [f"{B}/GreaterEqual"], [b], {})
    for key, _, d in vars_:
        emit(f"{B}/Switch_{key}", "Switch", [f"{B}/Merge_{key}", f"{B}/LoopCond"], [d, b], {})
    emit(f"{B}/sub", "Sub", [f"{B}/Switch_n:1", f"{B}/Enter_one"], [i32, i32], {})
    syncs = []
    for j, t in enumerate(pushes):
        he = emit(f"{W}/stack_{j}/Enter_g", "Enter", [f"{W}/stack_{j}"], [_dt.resource],
                  dict(ent, is_constant=True))
        c = ctx.get(t, ())
        popped = emit(f"{B}/pop_{j}", "StackPopV2", [he, f"^{B}/sub"] + ([gctl(c)] if c else []),
                      [_dt.resource], {"elem_type": _tdt(t)})
        syncs.append("^" + sync(popped, c, "G"))
    if syncs:   # TF's grad_sync: the next iteration pops after this one's pops
        syncs = ["^" + emit(f"{B}/b_sync", "ControlTrigger", syncs, [], {})]
    emit(f"{B}/NextIteration_n", "NextIteration", [f"{B}/sub"] + syncs, [i32], {})
    dts = {key: d for key, _, d in vars_}
    for k in gvars:
        d = dts[f"g{k}"]
        gs = contrib.get(parts["vars"][k][4]._outputs[0])   # its Identity's gradients
        nxt = _sum(emit, f"{B}/next_g{k}", gs, d) if gs else \
            emit(f"{B}/next_g{k}", "ZerosLike", [f"{B}/Switch_g{k}:1"], [d], {})
        emit(f"{B}/NextIteration_g{k}", "NextIteration", [nxt], [d], {})
        emit(f"{B}/Exit_g{k}", "Exit", [f"{B}/Switch_g{k}"], [d], {})
    for j, c in enumerate(accs):
        d = dts[f"a{j}"]
        total = _sum(emit, f"{B}/sum_a{j}", acc_in[c], d)
        emit(f"{B}/acc_{j}", "Add", [f"{B}/Switch_a{j}:1", total], [d, d], {})
        emit(f"{B}/NextIteration_a{j}", "NextIteration", [f"{B}/acc_{j}"], [d], {})
        emit(f"{B}/Exit_a{j}", "Exit", [f"{B}/Switch_a{j}"], [d], {})
    emit(f"{B}/Exit_n", "Exit", [f"{B}/Switch_n"], [i32], {})
    for j, (_, pred) in enumerate(conds):   # each cond's pivots in both frames
        for where, src in (("F", emit.input_name(pred)), ("G", pop(pred))):
            sw = emit(f"{B}/{where}{j}/Switch", "Switch", [src, src], [b, b], {})
            emit(f"{B}/{where}{j}/switch_t", "Identity", [sw + ":1"], [b], {})
            emit(f"{B}/{where}{j}/switch_f", "Identity", [sw], [b], {})
    # -- the captures' gradients: the op's outputs ---------------------------------------
    outs, dtypes = [], []
    for i in p["want"]:
        c = caps[i]
        d = _tdt(c)
        got = [f"{B}/Exit_g{k}" for k in gvars if parts["vars"][k][0]._inputs[0] is c]
        got += [f"{B}/Exit_a{j}" for j, e in enumerate(accs) if e._inputs[0] is c]
        outs.append(_sum(emit, f"{B}/grad_{i}", got, d) if got else
                    emit(f"{B}/grad_{i}", "ZerosLike", [emit.input_name(c)], [d], {}))
        dtypes.append(d)
    if len(outs) == 1:
        emit(B, "Identity", outs, dtypes, {}, controls=True)
    else:
        emit(B, "IdentityN", outs, dtypes, {"T": dtypes}, controls=True)
    return True


LOWERINGS["V1FramesGrad"] = lower
