"""flowgrad-only ops written as TF 1.14 ops when a graph is exported (graph_def.py).

flowgrad runs a few ops of its own where TF builds several small ones (the
initialization reports of report_uninitialized_variables and
assert_variables_initialized). A GraphDef or MetaGraph for TF must name only
TF's op types, so each of these is written as the subgraph TF's Python code
builds for it: the last node keeps the op's name (consumers' inputs are
unchanged), helper nodes are named under it. flowgrad imports these subgraphs
back as the ordinary ops they are.

Each lowering is `fn(op, emit)`, where `emit(name, op_type, inputs, in_dtypes,
attrs)` adds one NodeDef (TF's derived attrs filled in from `in_dtypes`) and
returns its name, and `emit.input_name(tensor)` is the name the op reads a tensor
by (inside a lowered tf.cond, a captured tensor is read through its Switch).

tf.cond (flowgrad's Cond op) is written as TF's Switch/Merge dataflow (CondPlan);
tf.while_loop (flowgrad's While op) is not lowered: a graph with one is written
with flowgrad's op, which TF cannot import.
"""
from __future__ import annotations

import numpy as np

from . import dtypes as _dt

__all__ = ["LOWERINGS", "TF_OPS_WRITTEN", "CondPlan", "register_cond_info"]

# TF ops written for flowgrad's own that flowgrad does not register (tools/gen_op_defs.py
# puts their OpDefs in op_defs.json too)
TF_OPS_WRITTEN = ("Switch", "RefSwitch", "Merge")


def _const(emit, name, value, dtype):
    arr = np.asarray(value, dtype=object if dtype is _dt.string else dtype.as_numpy_dtype)
    return emit(name, "Const", [], [], {"dtype": dtype, "value": arr})


def _is_initialized(emit, name, ref):
    if ref.dtype.base_dtype is _dt.resource:
        return emit(name, "VarIsInitializedOp", [emit.input_name(ref)], [_dt.resource], {})
    return emit(name, "IsVariableInitialized", [emit.input_name(ref)],
                [ref.dtype.base_dtype], {"dtype": ref.dtype.base_dtype})


def _scope_of(op, suffix):
    """The name scope a lowered op was made in (its name minus `suffix`)."""
    return op.name[:-len(suffix)] if op.name.endswith(suffix) else op.name + "/"


def _report_uninitialized(op, emit):
    """TF's report_uninitialized_variables: boolean_mask(names, not(stack(initialized)))."""
    scope = _scope_of(op, "boolean_mask/GatherV2")
    names = list(op.get_attr("names"))
    flags = [_is_initialized(emit, scope + ("IsVariableInitialized" if i == 0 else
                                            f"IsVariableInitialized_{i}"), ref)
             for i, ref in enumerate(op.inputs)]
    stacked = emit(scope + "stack", "Pack", flags, [_dt.bool_] * len(flags),
                   {"axis": 0, "N": len(flags)})
    mask = emit(scope + "LogicalNot", "LogicalNot", [stacked], [_dt.bool_], {})
    str_names = _const(emit, scope + "Const", np.array([n.encode() for n in names], object),
                       _dt.string)
    where = emit(scope + "boolean_mask/Where", "Where", [mask], [_dt.bool_], {})
    idx = emit(scope + "boolean_mask/Squeeze", "Squeeze", [where], [_dt.int64],
               {"squeeze_dims": [1]})
    axis = _const(emit, scope + "boolean_mask/GatherV2/axis", 0, _dt.int32)
    return emit(op.name, "GatherV2", [str_names, idx, axis], [_dt.string, _dt.int64, _dt.int32],
                {"batch_dims": 0}, controls=True)


def _assert_initialized(op, emit):
    """TF's assert_variables_initialized: stack([rank(v) for v]) (reading an uninitialized
    variable raises FailedPreconditionError)."""
    scope = _scope_of(op, "stack")
    ranks = []
    for i, ref in enumerate(op.inputs):
        sfx = "" if i == 0 else f"_{i}"
        value, dtype = emit.input_name(ref), ref.dtype.base_dtype
        if dtype is _dt.resource:   # a resource variable is read first, as TF's rank(v)
            dtype = _dt.as_dtype(ref.op.get_attr("dtype")).base_dtype
            value = emit(scope + "ReadVariableOp" + sfx, "ReadVariableOp", [value],
                         [_dt.resource], {"dtype": dtype})
        ranks.append(emit(scope + "Rank" + sfx, "Rank", [value], [dtype], {}))
    return emit(op.name, "Pack", ranks, [_dt.int32] * len(ranks),
                {"axis": 0, "N": len(ranks)}, controls=True)


def _initialized_value(op, emit):
    """TF's Variable.initialized_value(): cond(is_variable_initialized(v), read v, initial
    value) as Switch/Merge; the Merge keeps the op's name, the rest are named under it."""
    ref, init = op.inputs
    b = _dt.bool_
    dtype = op.outputs[0].dtype.base_dtype
    scope = op.name + "/"
    pred = _is_initialized(emit, scope + ("VarIsInitializedOp" if ref.dtype.base_dtype is
                                          _dt.resource else "IsVariableInitialized"), ref)
    c = scope + "cond/"
    emit(c + "Switch", "Switch", [pred, pred], [b, b], {})
    emit(c + "switch_t", "Identity", [c + "Switch:1"], [b], {})
    emit(c + "switch_f", "Identity", [c + "Switch"], [b], {})
    emit(c + "pred_id", "Identity", [pred], [b], {})
    if ref.dtype.base_dtype is _dt.resource:
        sw = emit(c + "Read/ReadVariableOp/Switch", "Switch",
                  [emit.input_name(ref), c + "pred_id"], [_dt.resource, b], {})
        rd = emit(c + "Read/ReadVariableOp", "ReadVariableOp", [sw + ":1"], [_dt.resource],
                  {"dtype": dtype})
        value = emit(c + "Identity", "Identity", [rd], [dtype], {})
    else:
        sw = emit(c + "read/Switch", "RefSwitch", [emit.input_name(ref), c + "pred_id"],
                  [dtype, b], {})
        value = emit(c + "read", "Identity", [sw + ":1"], [dtype], {})
    first = emit(c + "Switch_1", "Switch", [emit.input_name(init), c + "pred_id"], [dtype, b],
                 {})
    return emit(op.name, "Merge", [first, value], [dtype, dtype], {"N": 2}, controls=True)


LOWERINGS = {"ReportUninitialized": _report_uninitialized,
             "AssertVariablesInitialized": _assert_initialized,
             "InitializedValue": _initialized_value}


# ---------------------------------------------------------------------------------------
# tf.cond: flowgrad's Cond op (both branches' ops in the graph, one op running the taken
# one) written as TF's Switch/Merge dataflow (what TF 1.14's cond builds)
# ---------------------------------------------------------------------------------------
_COND_INFO_SOURCES = []


def register_cond_info(fn):
    """`fn(op)`: the branch information of a Cond op (engine/ops/control_flow.py), or None."""
    _COND_INFO_SOURCES.append(fn)


def _cond_info(op):
    for fn in _COND_INFO_SOURCES:
        info = fn(op)
        if info is not None:
            return info
    return None


def _scope(op):
    return op.name.rsplit("/", 1)[0] + "/" if "/" in op.name else ""


def _branch_members(info_branch, captures, scope, cond_members):
    """The ops of one branch: backward from its outputs and targets, through data and
    control inputs inside the cond's name scope, stopping at the captures; a nested
    Cond's branches are members too."""
    outs, targets = info_branch
    stack = [t.op for t in outs if t not in captures] + list(targets)
    seen = set()
    while stack:
        op = stack.pop()
        if op in seen or not op.name.startswith(scope):
            continue
        seen.add(op)
        stack.extend(t.op for t in op._inputs if t not in captures)
        stack.extend(op._control_inputs)
        if op.type == "Cond":
            for side in cond_members(op):
                stack.extend(side)
    return seen


class CondPlan:
    """How the Cond ops of a graph are written: `inputs(op)` the input names of any op
    (captures read through their Switch), `extra_controls(op)` the pivot an input-less
    branch op waits for, and `lower(op, emit)` the Switch/Merge nodes of a Cond."""

    def __init__(self, graph):
        self.rewrite, self.pivot, self.renames, self.lowered = {}, {}, {}, set()
        conds = [op for op in graph.get_operations() if op.type == "Cond"]
        self._members = {}
        infos = {op: _cond_info(op) for op in conds}
        for op in conds:
            info = infos[op]
            if info is None or any(d.is_ref_dtype for d, _ in op.get_attr("Tout")):
                continue
            self.lowered.add(op)
        depth = {op: 0 for op in self.lowered}
        for op in self.lowered:   # inner conds first: their captures win
            for side in self._sides(op, infos):
                for m in side:
                    if m in depth:
                        depth[m] = max(depth[m], depth[op] + 1)
        for op in sorted(self.lowered, key=lambda o: -depth[o]):
            self._plan(op, infos)
        for op in self.lowered:
            for k in range(1, len(op.outputs)):
                self.renames[f"{op.name}:{k}"] = f"{op.name}/Merge_{k}"

    def _sides(self, op, infos):
        got = self._members.get(op)
        if got is None:
            info = infos.get(op) or _cond_info(op)
            caps = set(op.inputs[1:])
            got = [_branch_members(info[side], caps, _scope(op),
                                   lambda o: self._sides(o, infos))
                   for side in ("true", "false")]
            self._members[op] = got
        return got

    def _plan(self, op, infos):
        caps = {t.name: i for i, t in enumerate(op.inputs[1:])}
        for side, (members, port) in enumerate(zip(self._sides(op, infos), (":1", ""))):
            pivot = op.name + ("/switch_t" if side == 0 else "/switch_f")
            for m in members:
                sub = self.rewrite.setdefault(m.name, {})
                for t in m._inputs:
                    if t.name in caps:
                        sub.setdefault(t.name, f"{op.name}/Switch_{caps[t.name]}{port}")
                if not m._inputs:
                    self.pivot.setdefault(m.name, pivot)

    def input_name(self, consumer, t):
        name = t._as_node_def_input()
        sub = self.rewrite.get(consumer.name)
        if sub and t.name in sub:
            return sub[t.name]
        return self.renames.get(t.name, name)

    def inputs(self, op):
        return [self.input_name(op, t) for t in op._inputs]

    def extra_controls(self, op):
        p = self.pivot.get(op.name)
        return [p] if p else []

    def lower(self, op, emit):
        """Switch per capture, Identity per branch output (after the branch's targets),
        a Merge per output: output 0 keeps the Cond's name (N:k for k > 0 becomes
        N/Merge_k)."""
        info = _cond_info(op)
        n = op.name
        pred = self.input_name(op, op.inputs[0])
        b = _dt.bool_
        emit(n + "/Switch", "Switch", [pred, pred], [b, b], {})
        emit(n + "/switch_t", "Identity", [n + "/Switch:1"], [b], {})
        emit(n + "/switch_f", "Identity", [n + "/Switch"], [b], {})
        emit(n + "/pred_id", "Identity", [pred], [b], {})
        caps = list(op.inputs[1:])
        for i, c in enumerate(caps):
            ref = c.dtype.is_ref_dtype
            emit(f"{n}/Switch_{i}", "RefSwitch" if ref else "Switch",
                 [self.input_name(op, c), n + "/pred_id"], [c.dtype.base_dtype, b], {})
        index = {c.name: i for i, c in enumerate(caps)}
        branch_outs = []
        for side, port in (("false", ""), ("true", ":1")):
            outs, targets = info[side]
            controls = ["^" + t.name for t in targets]
            names = []
            for k, t in enumerate(outs):
                src = f"{n}/Switch_{index[t.name]}{port}" if t.name in index else \
                    self.renames.get(t.name, t._as_node_def_input())
                names.append(emit(f"{n}/{side}_out_{k}", "Identity", [src] + controls,
                                  [t.dtype.base_dtype], {}))
            if not outs:
                pivot = n + ("/switch_t" if side == "true" else "/switch_f")
                names.append(emit(f"{n}/{side}_done", "Identity", [pivot] + controls, [b],
                                  {}))
            branch_outs.append(names)
        f_names, t_names = branch_outs
        for k, (f, t) in enumerate(zip(f_names, t_names)):
            dtype = op.outputs[k].dtype.base_dtype if op.outputs else b
            emit(n if k == 0 else f"{n}/Merge_{k}", "Merge", [f, t], [dtype, dtype],
                 {"N": 2}, controls=(k == 0))
