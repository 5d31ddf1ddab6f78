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

tf.cond (flowgrad's Cond op) is written as TF's Switch/Merge dataflow (CondPlan): a
forward cond outside conds node for node as TF 1.14 writes it (with the conds nested in
it; in a loop's body inside the loop's frame, a tensor from outside the loop Entered
first), and the gradient of one outside loops as TF's Switch/Merge gradient
(graph_def_lower_condgrad.py); others (a gradient's in a loop gradient's frame, a
gradient's of another cond) in a generic layout TF runs the same;
tf.while_loop (flowgrad's While op) as TF's frame (LoopPlan), its nodes in TF 1.14's order
(LoopPlan._order); its WhileGrad as TF's
loop gradient (graph_def_lower_grad.py), where that module can write it.
"""
from __future__ import annotations

import re
import sys

import numpy as np

from . import branches as _branches
from . import dtypes as _dt
from . import graph_def_lower_condgrad as _condgrad
from .tensor_shape import TensorShape
from . import graph_records as _records

__all__ = ["LOWERINGS", "TF_OPS_WRITTEN", "CondPlan", "LoopPlan", "register_cond_info",
           "register_loop_info", "ta_handle_data"]

# TF's frame ops a TensorArray flow passes through in a graph TF wrote (its T is TF's float)
V1_FLOW_OPS = ("Enter", "Exit", "Switch", "Merge", "NextIteration")

# TF ops written for flowgrad's own that flowgrad does not register (tools/gen_op_defs.py
# puts their OpDefs in op_defs.json too)
TF_OPS_WRITTEN = ("Switch", "RefSwitch", "Merge", "Enter", "Exit", "NextIteration", "LoopCond",
                  "ControlTrigger")


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
    names = list(op._get_attr("names"))
    flags = [_is_initialized(emit, scope + ("IsVariableInitialized" if i == 0 else
                                            f"IsVariableInitialized_{i}"), ref)
             for i, ref in enumerate(op._inputs)]
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


def _decode_image(op, emit):
    """TF 1.14's tf.image.decode_image: a cond over the magic bytes (JPEG, else PNG, else
    GIF, else BMP after an Assert that it is one), each branch decoding and converting to
    `dtype` (Cast and Mul, as convert_image_dtype); the last Merge keeps the op's name, the
    rest are named under it. A channels value TF rejects for a format is TF's failing
    Assert in that branch."""
    channels = int(op._get_attr("channels"))
    dtype = _dt.as_dtype(op._get_attr("dtype"))
    expand = bool(op._get_attr("expand_animations"))
    if dtype is not _dt.uint8 and not dtype.is_floating:
        raise NotImplementedError(f"writing tf.image.decode_image with dtype={dtype.name} as "
                                  "TF's ops (uint8 and floating dtypes are written)")
    b, s, i32 = _dt.bool_, _dt.string, _dt.int32
    pre = op.name + "/"
    contents = emit.input_name(op._inputs[0])

    def substr(name, src, n, pivot=None):
        ctl = ["^" + pivot] if pivot else []
        pos = emit(name + "/pos", "Const", ctl, [], {"dtype": i32,
                                                       "value": np.asarray(0, np.int32)})
        ln = emit(name + "/len", "Const", ctl, [], {"dtype": i32,
                                                     "value": np.asarray(n, np.int32)})
        return emit(name, "Substr", [src, pos, ln], [s, i32, i32], {"unit": "BYTE"})

    def equal(name, x, magic, pivot=None):
        ctl = ["^" + pivot] if pivot else []
        y = emit(name + "/y", "Const", ctl, [], {"dtype": s, "value": np.asarray(magic, object)})
        return emit(name, "Equal", [x, y], [s, s], {})

    def cond(name, data, pred):
        """TF's Switch of the predicate and its pivots, and the data's Switch."""
        emit(name + "/Switch", "Switch", [pred, pred], [b, b], {})
        emit(name + "/switch_t", "Identity", [name + "/Switch:1"], [b], {})
        emit(name + "/switch_f", "Identity", [name + "/Switch"], [b], {})
        emit(name + "/pred_id", "Identity", [pred], [b], {})
        emit(name + "/data/Switch", "Switch", [data, name + "/pred_id"], [s, b], {})
        return name + "/data/Switch", name + "/data/Switch:1", name + "/switch_f", \
            name + "/switch_t"

    def check(name, ok, message, pivot):
        """An Assert that fails in this branch (only a channels value TF rejects)."""
        if ok:
            return []
        ctl = ["^" + pivot]
        pred = emit(name + "/Const", "Const", ctl, [], {"dtype": b, "value": np.asarray(False)})
        data = emit(name + "/data_0", "Const", ctl, [],
                    {"dtype": s, "value": np.asarray(message.encode(), object)})
        return ["^" + emit(name, "Assert", [pred, data], [b, s], {"T": [s], "summarize": 3})]

    def convert(name, x, src, pivot):
        if dtype is src:
            return x
        cast = emit(name + "/Cast", "Cast", [x], [src], {"DstT": dtype, "Truncate": False})
        scale = emit(name + "/y", "Const", ["^" + pivot], [],
                     {"dtype": dtype, "value": np.asarray(1.0 / src.max,
                                                          dtype.as_numpy_dtype)})
        return emit(name, "Mul", [cast, scale], [dtype, dtype], {})

    def done(name, x):
        return emit(name, "Identity", [x], [dtype], {})

    sub3 = substr(pre + "Substr", contents, 3)
    is_jpeg = equal(pre + "is_jpeg", sub3, b"\xff\xd8\xff")
    is_png = equal(pre + "is_png", sub3, b"\x89PN")
    is_gif = equal(pre + "is_gif", sub3, b"GIF")
    cj = pre + "cond_jpeg"
    f1, t1, _, pt = cond(cj, contents, is_jpeg)
    ctl = check(cj + "/Assert", channels != 4, "Channels must be in (None, 0, 1, 3) when "
                "decoding JPEG images", pt)
    jpeg = emit(cj + "/DecodeJpeg", "DecodeJpeg", [t1] + ctl, [s], {"channels": channels})
    jpeg = done(cj + "/Identity", convert(cj + "/convert", jpeg, _dt.uint8, pt))
    cp = pre + "cond_png"
    png_dt = _dt.uint8 if dtype is _dt.uint8 else _dt.uint16
    f2, t2, _, pt = cond(cp, f1, is_png)
    png = emit(cp + "/DecodePng", "DecodePng", [t2], [s], {"channels": channels,
                                                         "dtype": png_dt})
    png = done(cp + "/Identity", convert(cp + "/convert", png, png_dt, pt))
    cg = pre + "cond_gif"
    f3, t3, pf, pt = cond(cg, f2, is_gif)
    ctl = check(cg + "/Assert", channels not in (1, 4), "Channels must be in (None, 0, 3) "
                "when decoding GIF images", pt)
    gif = emit(cg + "/DecodeGif", "DecodeGif", [t3] + ctl, [s], {})
    gif = convert(cg + "/convert", gif, _dt.uint8, pt)
    if not expand:
        idx = emit(cg + "/GatherV2/indices", "Const", ["^" + pt], [],
                   {"dtype": i32, "value": np.asarray(0, np.int32)})
        axis = emit(cg + "/GatherV2/axis", "Const", ["^" + pt], [],
                    {"dtype": i32, "value": np.asarray(0, np.int32)})
        gif = emit(cg + "/GatherV2", "GatherV2", [gif, idx, axis], [dtype, i32, i32],
                   {"batch_dims": 0})
    gif = done(cg + "/Identity", gif)
    is_bmp = equal(cg + "/is_bmp", substr(cg + "/Substr", f3, 2, pf), b"BM", pf)
    msg = emit(cg + "/Assert_1/data_0", "Const", ["^" + pf], [],
               {"dtype": s, "value": np.asarray(b"Unable to decode bytes as JPEG, PNG, GIF, "
                                                b"or BMP", object)})
    ctl = ["^" + emit(cg + "/Assert_1", "Assert", [is_bmp, msg], [b, s],
                      {"T": [s], "summarize": 3})]
    ctl += check(cg + "/Assert_2", channels != 1, "Channels must be in (None, 0, 3) when "
                 "decoding BMP images", pf)
    bmp = emit(cg + "/DecodeBmp", "DecodeBmp", [f3] + ctl, [s], {"channels": channels})
    bmp = done(cg + "/Identity_1", convert(cg + "/convert_1", bmp, _dt.uint8, pf))
    m3 = emit(cg + "/Merge", "Merge", [bmp, gif], [dtype, dtype], {"N": 2})
    m2 = emit(cp + "/Merge", "Merge", [m3, png], [dtype, dtype], {"N": 2})
    return emit(op.name, "Merge", [m2, jpeg], [dtype, dtype], {"N": 2}, controls=True)


def _print_v2(op, emit):
    """PrintV2 with its output_stream as TF writes it (a stream object, kept by flowgrad,
    as its name)."""
    return emit(op.name, "PrintV2", [emit.input_name(op._inputs[0])], [_dt.string],
                {"output_stream": _stream_name(op._get_attr("output_stream")),
                 "end": op._get_attr("end")}, controls=True)


def _stream_name(stream):
    """TF's output_stream string of tf.print's `output_stream`."""
    if isinstance(stream, str):
        return stream
    if stream is sys.stdout:
        return "stdout"
    name = getattr(stream, "__name__", "")
    return f"log({name})" if name in ("info", "warning", "error") else "stderr"


LOWERINGS = {"DecodeImage": _decode_image, "ReportUninitialized": _report_uninitialized,
             "PrintV2": _print_v2}


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


_VARIABLE_OPS = frozenset(("VariableV2", "Variable", "VarHandleOp"))


def _made_in(op, cond_op):
    """Whether `op` was built in a branch of `cond_op` as an op TF builds in the cond's
    context: not a variable or its `read` snapshot (TF makes those under init_scope)."""
    if _branches.branch_in(op, cond_op) is None or op.type in _VARIABLE_OPS:
        return False
    return not (op.type == "Identity" and op._inputs and
                op._inputs[0].op.type in _VARIABLE_OPS)


def _branch_members(info_branch, captures, scope, cond_members, cond_op=None):
    """The ops of one branch: backward from its outputs and targets, through data and
    control inputs inside the cond's name scope (or built in the branch under another
    scope: an RNN cell's ops named after its first call's scope), stopping at the
    captures; a nested Cond's branches are members too."""
    outs, targets = info_branch
    stack = [t.op for t in outs if t not in captures] + list(targets)
    seen = set()
    while stack:
        op = stack.pop()
        if op in seen or not (op.name.startswith(scope) or
                              (cond_op is not None and _made_in(op, cond_op))):
            continue
        seen.add(op)
        stack.extend(t.op for t in op._inputs if t not in captures)
        stack.extend(op._control_inputs)
        if op.type == "Cond":
            for side in cond_members(op):
                stack.extend(side)
    return seen


def _in_context(where, op, key):
    """Whether `op` was made in the branch `key` ((cond, side)) or a cond nested in it
    (`where`: op -> its branch)."""
    seen = set()
    while op in where and op not in seen:
        seen.add(op)
        if where[op] == key:
            return True
        op = where[op][0]
    return False


class _PlanBase:
    """Input names of any op under every control-flow plan of a graph (`others`: the
    other plans, whose rewrites and renames count too)."""

    others = ()

    def _own(self, consumer, t):
        sub = self.rewrite.get(consumer.name)
        if sub and t.name in sub:
            return sub[t.name]
        return None

    def input_name(self, consumer, t):
        for p in (self,) + tuple(self.others):
            got = p._own(consumer, t)
            if got is not None:
                return got
        for p in (self,) + tuple(self.others):
            if t.name in p.renames:
                return p.renames[t.name]
        return t._as_node_def_input()

    def inputs(self, op):
        return [self.input_name(op, t) for t in op._inputs]

    def _renamed(self, t):
        """The node name `t` is written as under every plan (a loop gradient's output k > 0
        is its Exit_k), without a consumer's rewrites."""
        for p in (self,) + tuple(self.others):
            if t.name in p.renames:
                return p.renames[t.name]
        return t._as_node_def_input()

    def dropped_controls(self, op):
        return frozenset()

    def all_dropped_controls(self, op):
        """The control inputs of `op` its node does not hold, under every plan."""
        out = frozenset()
        for p in (self,) + tuple(self.others):
            out |= p.dropped_controls(op)
        return out

    def extra_controls(self, op):
        out = []
        for p in (self,) + tuple(self.others):
            out.extend(getattr(p, "block", {}).get(op.name, ()))
        for p in (self,) + tuple(self.others):
            got = p.pivot.get(op.name)
            if got:
                return out + [got]
        return out


class CondPlan(_PlanBase):
    """How the Cond ops of a graph are written: `inputs(op)` the input names of any op
    (captures read through their Switch), `extra_controls(op)` the pivot an input-less
    branch op waits for, and `lower(op, emit)` the Switch/Merge nodes of a Cond."""

    def __init__(self, graph, arrays=None, loop_grads=None):
        self.rewrite, self.pivot, self.renames, self.lowered = {}, {}, {}, set()
        self._loop_grads = loop_grads or {}   # WhileGrad -> written as TF's (grad_verdicts)
        self._late_names = []   # (node, TF's base name): numbered after the loop frames'
        self._grad_frames = {}   # gradient Cond in a loop gradient's body -> its WhileGrad
        self._late_subs = []   # (node, late node, suffix): named under the late one's name
        self._zero_shapes = {}   # such a gradient Cond -> its condgrad.ZeroShapes
        self._switch_data = {}   # a Switch written: its data input (ZeroShape's Switch)
        self._grad_moved = set()   # branch ops GradLoopPlan moves to the forward cond
        self._grad_moved_reads = {}   # those reading a value of the forward branch: the
        #                              value (written with the branch's gradient ops)
        self._copied = {}   # a cond gradient's op -> the node name it is written as
        self.block = {}   # node -> the control inputs of the block a TF-layout cond is in
        self.arrays = arrays   # the TensorArrayPlan: a branch's array op reads its handle
        conds = [op for op in graph._flowgrad_operations() if op.type == "Cond"]
        self._members = {}
        self._tf_sw = {}   # Cond -> TF's Switch names (_tf_switches)
        infos = {op: _cond_info(op) for op in conds}
        for op in conds:
            info = infos[op]
            if info is None:
                continue
            self.lowered.add(op)
        depth = {op: 0 for op in self.lowered}
        changed = True
        while changed:   # inner conds first (however deep): their captures win
            changed = False
            for op in self.lowered:
                for side in self._sides(op, infos):
                    for m in side:
                        if m in depth and depth[m] < depth[op] + 1:
                            depth[m] = depth[op] + 1
                            changed = True
        # conds written node for node as TF 1.14 writes them (_plan_tf); the others in
        # flowgrad's generic layout (a Switch per capture shared by both branches, an
        # Identity per branch result)
        self.before, self.after, self._tf, self._stages_done = {}, {}, {}, set()
        self.loop_switches = {}   # a loop in a branch -> the Switches named under its scope
        self._enter_switches = {}   # (While, capture name) -> the stage of its Switch
        self._loop_of = {}   # a cond in a loop's body -> its innermost While (_entered)
        for w in sorted((o for o in graph._flowgrad_operations() if o.type == "While"),
                        key=lambda o: -o._id):   # (an inner loop's While: made first)
            for m in (_loop_info(w) or {}).get("members_order", ()):
                if m.type == "Cond":
                    self._loop_of[m] = w
        self._guards = {}
        self._taken = {o.name for o in graph._flowgrad_operations()}   # (TF's unique names)
        roots = [op for op in self.lowered if depth[op] == 0 and
                 not infos[op].get("guard") and self._tf_layout_ok(op, infos)]
        in_tree = {c for r in roots for c in self._nested(r, infos)}
        self._ctx, self._grad_steps, self._grad_members, grads = {}, {}, set(), []
        self._grad_late, self._grad_scopes, self._flat = {}, set(), {}
        self._flat_sums = set()   # the AddNs written with a nested gradient's Merges
        self._grad_blocks = {}   # gradient Cond -> (its blocks, the forward cond)
        for op in sorted(self.lowered, key=lambda o: (-depth[o], o._id)):
            if isinstance(infos[op].get("grad"), dict) and depth[op] == 0 and \
                    infos[op]["grad"]["of"] in roots and \
                    (infos[op]["grad"]["of"] not in self._loop_of or
                     _condgrad.loop_frame(self, op, infos[op], _loop_info) is not None):
                grads.append(op)   # (after the renames below: _plan_cond_grad)
            elif infos[op].get("guard"):
                self._plan_guard(op, infos)
            elif op in in_tree:
                continue   # planned with its outermost cond
            elif op in roots:
                self._plan_tf(op, infos)
            else:
                self._plan(op, infos)
        self._alias_of = {}   # Identity named Merge_k reading Cond:k -> the Merge it is
        for op in list(self.lowered):
            aliases = (infos[op] or {}).get("aliases") or []
            for k in range(1, len(op.outputs)):
                name = aliases[k - 1].name if k - 1 < len(aliases) else f"{op.name}/Merge_{k}"
                self.renames[f"{op.name}:{k}"] = name
            for a in aliases:
                self._alias_of[a] = op
                self.lowered.add(a)
        for op in grads:
            self._plan_cond_grad(op, infos)

    def node_renames(self, names):
        """{written node name: TF 1.14's} (the AddNs of cond gradients' scopes)."""
        return _condgrad.node_renames(self, names)

    def _plan_cond_grad(self, op, infos):
        """A cond's gradient as TF's (graph_def_lower_condgrad.py), else the generic layout."""
        saved = (dict(self.renames), {k: dict(v) for k, v in self.rewrite.items()},
                 set(self._taken), set(self.lowered), set(self._grad_members),
                 {k: dict(v) for k, v in self._flat.items()}, set(self._flat_sums))
        if not _condgrad.plan(self, op, infos, LOWERINGS):
            self.renames, self.rewrite, self._taken, self.lowered, self._grad_members, \
                self._flat, self._flat_sums = saved
            self._grad_steps.pop(op, None)
            self._plan(op, infos)

    def _sides(self, op, infos):
        got = self._members.get(op)
        if got is None:
            info = infos.get(op) or _cond_info(op)
            caps = set(op._inputs[1:])
            got = [_branch_members(info[side], caps, _scope(op),
                                   lambda o: self._sides(o, infos), op)
                   for side in ("true", "false")]
            self._members[op] = got
        return got

    @staticmethod
    def _prefix(op):
        """Where a Cond's Switch/pivot nodes are named: its scope (TF's names) for a Cond
        named Merge, else under its own name (older graphs' Cond ops)."""
        return _scope(op)[:-1] if op.name.rsplit("/", 1)[-1] == "Merge" else op.name

    def _tf_switches(self, op, infos):
        """TF's own nodes for the cond of a variable's initialized_value() (predicate
        IsVariableInitialized / VarIsInitializedOp, the true branch reading the variable, the
        false branch the captured initial value): {capture index: TF's Switch name} (the
        Switch of a capture a branch op reads is named under that op, X/Switch; the one
        of a capture the branch returns, Switch_1), else None (the generic layout)."""
        if op in self._tf_sw:
            return self._tf_sw[op]
        got = None
        info = infos.get(op) or _cond_info(op)
        caps = list(op._inputs[1:])
        if info is not None and len(op.outputs) == 1 and len(caps) == 2 and \
                op._inputs[0].op.type in ("IsVariableInitialized", "VarIsInitializedOp") and \
                not info["true"][1] and not info["false"][1] and \
                info["false"][0][0] is caps[1] and info["true"][0][0] is not caps[0]:
            members = self._sides(op, infos)[0]
            reader = next((m for m in members if caps[0] in m._inputs), None)
            if reader is not None:
                got = {0: f"{reader.name}/Switch", 1: self._prefix(op) + "/Switch_1"}
        self._tf_sw[op] = got
        return got

    def _plan(self, op, infos):
        caps = {t.name: i for i, t in enumerate(op._inputs[1:])}
        n = self._prefix(op)
        tf_sw = self._tf_switches(op, infos)
        for side, (members, port) in enumerate(zip(self._sides(op, infos), (":1", ""))):
            pivot = n + ("/switch_t" if side == 0 else "/switch_f")
            for m in members:
                sub = self.rewrite.setdefault(m.name, {})
                for t in m._inputs:
                    if t.name in caps:
                        sw = tf_sw[caps[t.name]] if tf_sw else f"{n}/Switch_c{caps[t.name]}"
                        sub.setdefault(t.name, sw + port)
                if not m._inputs:
                    self.pivot.setdefault(m.name, pivot)

    def _tf_layout_ok(self, op, infos, root=True):
        """Whether TF's own layout (_plan_tf) writes `op`: a forward cond (not a gradient's)
        in no loop or cond, holding none, its branches returning tensors (no Operation,
        no predicate), no control inputs from outside (but those of a control_dependencies
        block the outermost cond is made in, and a control input from outside of one of
        the outermost cond's branch ops), no op lowered otherwise."""
        info = infos[op]
        # (a branch op's control input from outside the cond: TF keeps it on that op, the
        # Merges have none; only the outermost cond's is written so: `outside`)
        if info.get("grad") or info.get("first") is None or info["true"][1] or \
                info["false"][1] or ((info.get("outside") or op._control_inputs) and
                                     not root):
            return False
        for side in self._sides(op, infos):
            for m in side:
                if m.type == "Cond" and m in self.lowered and infos.get(m) is not None and \
                        not infos[m].get("guard") and self._tf_layout_ok(m, infos, False):
                    continue   # a nested cond: TF's layout, inside this one's (_plan_tf)
                if m.type in TA_LAYOUTS and self.arrays is not None and \
                        m in self.arrays.handles:
                    continue   # an array op: its handle switched in too (_tf_inputs)
                if m.type == "TensorArrayV3" and self.arrays is not None:
                    continue   # an array made in the branch (tf.map_fn's)
                if m.type == "LoopVar" or (m.type == "While" and self._loop_ok(m, side)):
                    continue   # a loop in a branch: its initial values switched in
                if m.type in ("Cond", "While", "LoopVar", "V1Frames") or m.type in LOWERINGS \
                        or m.type.startswith("TensorArray"):
                    return False
        return True

    @classmethod
    def _loop_ok(cls, w, members):
        """Whether a loop in a branch (`members`: its ops) is written inside TF's layout:
        each tensor from outside the cond its body reads is one of its initial values too
        (TF's body reads that one's Switch), or an op of its body reads it first (TF
        switches it then: _body_reader)."""
        info = _loop_info(w)
        if info is None:
            return False
        inits = set(w.inputs[:len(info["vars"])])
        return all(c.op in members or c in inits or cls._body_reader(w, c) is not None
                   for c in info["captures"])

    @staticmethod
    def _body_reader(w, t, ops_only=False):
        """The op of While `w` (its condition, body, conds and inner loops there) that reads
        tensor `t` from outside first: TF's WhileContext.AddValue switches `t` into the
        cond holding the loop then, named under that op (X/Switch), before the loop's Enter
        of it; the LoopCond's or a NextIteration's node name when that reads it first (the
        condition or a body result is `t` itself); None when nothing reads it."""
        info = _loop_info(w)
        if info is None:
            return None
        got = [m for m in info["members_order"]
               if m.type not in ("While", "LoopVar", "Cond") and t in m._inputs]
        for m in info["members_order"]:
            if m.type == "Cond" and t in m.inputs:   # an op of a cond in the body
                got.extend(o for o in _cond_branch_ops(m) if t in o._inputs and
                           o.type not in ("While", "LoopVar", "Cond"))
            if m.type == "While" and t in m.inputs:   # an inner loop's op
                r = CondPlan._body_reader(m, t, True)
                if r is not None:
                    got.append(r)
        first = min(got, key=lambda o: o._id) if got else None
        if ops_only:
            return first
        s, body_first = LoopPlan._names(w)[0], info.get("body_first")
        if info["cond"] is t and (first is None or (
                body_first is not None and first._id >= body_first._id)):
            return s + "LoopCond"
        if first is not None:
            return first
        k = next((k for k, b in enumerate(info["body"]) if b is t), None)
        return None if k is None else f"{s}NextIteration{_sfx(k)}"

    def _handle_readers(self, w):
        """{TensorArray handle from outside While `w`: the first op of its body (inner loops
        included) reading it}: TF enters the handle into the loop, switched into a cond
        holding the loop first, under that op's name (LoopPlan's Enter_h)."""
        info, out = _loop_info(w), {}
        if info is None or self.arrays is None:
            return out
        members = set(info["members_order"])
        for m in info["members_order"]:
            h = self.arrays.handles.get(m) if m.type in TA_LAYOUTS else None
            if h is not None and h.op not in members and h not in out:
                out[h] = m
        return out

    def before_enter(self, w, t, emit):
        """Writes the Switch of tensor `t` into the cond holding While `w` when a body op
        reads `t` first (_plan_tf): just before the loop's Enter of it."""
        got = self._enter_switches.get((w, t.name))
        if got is not None:
            self.emit_stage(got[0], got[1], emit)

    def _tf_inputs(self, op):
        """`op`'s inputs in TF's order (a TensorArray op's: its handle first)."""
        if self.arrays is not None and op in self.arrays.handles and op.type in TA_LAYOUTS:
            h = self.arrays.handles[op]
            return [h if i < 0 else op._inputs[i] for i in TA_LAYOUTS[op.type]]
        return list(op._inputs)

    def tf_form(self):
        """Whether every Cond is written in TF's own layout (a forward cond's or its
        gradient's; no generic one's Switch_c<i>, false_out_<k> nodes)."""
        return all(op in self._tf or op in self._guards or op in self._alias_of or
                   op in self._grad_steps for op in self.lowered if op.type == "Cond")

    def _nested(self, op, infos):
        """The conds inside Cond `op`'s branches, however deep (in creation order)."""
        return sorted({m for side in self._sides(op, infos) for m in side if m.type == "Cond"},
                      key=lambda o: o._id)

    def _plan_guard(self, op, infos):
        """A variable guard's copy of the cond of a ref variable's initialized_value()
        (control_flow.guard_initialized_cond): TF's Switch of the new value
        (`<read>/Switch_<suffix>`, on the source cond's pred_id) before the read's copy,
        which reads its output 1, and the Merge of the source's Switch_1 and that read."""
        src, suffix = infos[op]["guard"]
        read = infos[op]["true"][0][0].op
        n = self._prefix(src)
        switch = f"{infos[src]['true'][0][0].op.name}/Switch_{suffix}"
        self.rewrite.setdefault(read.name, {})[op._inputs[1].name] = switch + ":1"
        var = src.inputs[1]
        colocation = tuple(op._colocation or var.op._colocation or [var.op.name])
        self.before.setdefault(read, []).append(
            (op, ("guard", switch, n + "/pred_id", colocation)))
        init = infos[src]["false"][0][0]
        if op._inputs[2] is init:
            self._guards[op] = (n + "/Switch_1", read.name)
            return
        # the initial value guarded too: TF's copy of src's Switch_1 reading it (its _class,
        # the initial value's), made before the replacing variable's cond (its
        # IsVariableInitialized)
        self.before.setdefault(op._inputs[1].op._inputs[0].op, []).append(
            (op, ("guard_init", f"{n}/Switch_1_{suffix}", n + "/pred_id",
                  tuple(init.op._colocation or [init.op.name]))))
        self._guards[op] = (f"{n}/Switch_1_{suffix}", read.name)

    def _plan_tf(self, root, infos):
        """TF 1.14's conds, node for node: Cond `root` and the conds nested in it. Per cond
        S: its pivots (S/Switch, S/switch_t, S/switch_f, S/pred_id) before its branches'
        ops, a predicate from outside the enclosing cond switched into it (S/Switch/Switch,
        after S/Switch); per branch, a Switch of each tensor from outside read there, made
        when an op first reads it and named under that op (X/Switch, X/Switch_1, ...,
        written after it; TF's CondContext.AddValue): a tensor from outside the enclosing
        cond too is switched into that one first, and a later reader in the same branch
        reuses the Switch. The true branch reads output 1, the false output 0. A branch
        result from outside is switched the same way under S (S/Switch_<n>), after that
        branch's ops; the Merges (false result first) are where the Cond op is."""
        conds = [root] + self._nested(root, infos)
        inside = {c: sum(c in side for d in conds for side in self._sides(d, infos))
                  for c in conds}   # how many conds hold it
        order = sorted(conds, key=lambda c: (inside[c], c._id))
        ctx, where = {}, {}
        for c in order:   # outer conds first: an op's context is its innermost cond's
            for side, members in enumerate(self._sides(c, infos)):
                ctx[(c, side)] = {"parent": where.get(c), "members": members, "cache": {},
                                  "pred_id": self._prefix(c) + "/pred_id",
                                  "port": ":1" if side == 0 else ""}
                for m in members:
                    where[m] = (c, side)
        self._dead_members(ctx, where, infos)
        self._ctx.update(ctx)
        # each cond's blocks (a nested cond made in a control_dependencies block of its
        # branch too) rule the nodes of the conds under it, its own included
        rules = []
        for d in conds:
            if infos[d].get("blocks"):
                sub = {d, *self._nested(d, infos)}
                tree = sub | {m for e in sub for side in self._sides(e, infos) for m in side}
                rules.append((sub, self._block_rule(infos[d]["blocks"], tree)))

        def in_block(inputs, c):
            """The block controls of a node of cond `c` made with `inputs`."""
            out = {n for sub, rule in rules if c in sub for n in rule(inputs)}
            return tuple(sorted(out))
        events = []   # (position in TF's creation order, what)
        for c in order:
            t_first, f_first = infos[c]["first"]
            head = t_first or f_first
            events.append((head._id - 0.5 if head is not None else c._id - 0.75, 0, c))
            events.append((f_first._id - 0.25 if f_first is not None else c._id - 0.5, 1, c))
            events.append((c._id - 0.25, 2, c))
            self._tf[c] = {"outs": [None, None], "out_switches": [(), ()], "head": head,
                           "f_first": f_first, "pred": None, "pred_switches": (),
                           "root": root, "block": in_block(c.inputs[:1], c)}
        events.extend((m._id, 3, m) for m in where if m.type not in ("Cond", "While",
                                                                     "LoopVar"))
        events.extend((_loop_info(m)["vars"][0].op._id - 0.5, 4, m) for m in where
                      if m.type == "While")
        self._pivot_unread(root, ctx, where, infos)
        ops = None
        for _, kind, x in sorted(events, key=lambda e: (e[0], e[1])):
            if kind == 4:   # a loop in a branch: TF's BuildLoop switches in its initial
                c, side = where[x]   # values from outside, named under its scope
                made = []
                info = _loop_info(x)
                scope = LoopPlan._names(x)[0][:-1]
                sub = self.rewrite.setdefault(x.name, {})
                inits = list(x.inputs[:len(info["vars"])])
                readers = self._handle_readers(x)
                outside = list(info["captures"])
                if readers:   # (in TF's order of reads: a handle before its op's other inputs)
                    first = {t: self._body_reader(x, t, True) for t in outside}
                    outside = sorted(outside + list(readers), key=lambda t: (
                        (readers[t] if t in readers else first[t] or x)._id, t not in readers))
                for t in inits + outside:
                    if t.op in ctx[(c, side)]["members"]:
                        continue
                    reader = None if t in inits else readers[t] if t in readers else \
                        self._body_reader(x, t)
                    if reader is None:
                        sub[t.name] = self._switched(root, ctx, (c, side), t, scope, made)
                        continue
                    late = []   # (TF's AddValue: switched when a body op first reads it)
                    sub[t.name] = self._switched(root, ctx, (c, side), t,
                                                 getattr(reader, "name", reader), late)
                    if late and len(late) == 1 and not isinstance(reader, str):
                        sub[t.name] = self._before_inner(reader, t, late) + ctx[(c, side)][
                            "port"]
                    if late:
                        self._enter_switches[(x, t.name)] = (root, ("sw", tuple(late)))
                if made:   # (after the op made before its loop variables: before its Enters)
                    if ops is None:
                        ops = x.graph._flowgrad_operations()
                    prev = ops[ops.index(info["vars"][0].op) - 1]
                    self.after.setdefault(prev, []).append((root, ("sw", tuple(made))))
                    self.loop_switches[x] = len(made)
                continue
            if kind == 3:   # an op of a branch reads tensors from outside it
                c, side = where[x]
                made = []
                sub = self.rewrite.setdefault(x.name, {})
                pivot = self._prefix(c) + ("/switch_t" if side == 0 else "/switch_f")
                reads_pivot = False
                for t in self._tf_inputs(x):
                    if x in infos[c].get("pivot_reads", ()) and t is c.inputs[0]:
                        sub[t.name] = pivot   # TF's with_dependencies(op, pivot)
                        reads_pivot = True
                    elif t.op not in ctx[(c, side)]["members"]:
                        sub[t.name] = self._switched(root, ctx, (c, side), t, x.name, made)
                if made:
                    self.after.setdefault(x, []).append((root, ("sw", tuple(made))))
                # (an input of the pivot, a node of the cond made in the blocks, dominates
                # them all: TF gives the node none of their control inputs)
                if not reads_pivot and in_block(x._inputs, c):
                    self.block[x.name] = in_block(x._inputs, c)
                if not x._inputs and not any(_in_context(where, ci, (c, side))
                                             for ci in x._control_inputs):
                    # (TF's CondContext: the pivot unless a control input is in the cond)
                    self.pivot.setdefault(x.name, pivot)
            elif kind == 0:   # the pivots, the predicate switched into the enclosing cond
                plan, made = self._tf[x], []
                parent, pred = where.get(x), x.inputs[0]
                if parent is not None and pred.op not in ctx[parent]["members"]:
                    plan["pred"] = self._switched(root, ctx, parent, pred,
                                                  self._prefix(x) + "/Switch", made)
                elif parent is None and root in self._loop_of:
                    plan["pred"] = ("loop", self._prefix(x) + "/Switch", pred)
                plan["pred_switches"] = tuple(made)
                self._taken.update(self._prefix(x) + s for s in
                                   ("/Switch", "/switch_t", "/switch_f", "/pred_id"))
                head = plan["head"]
                if head is not None and head.type == "LoopVar":
                    # (a branch starting with a loop whose initial values are all from
                    # outside: the pivots before the Switches of them and the loop's Enters,
                    # after the op made before the loop)
                    if ops is None:
                        ops = x.graph._flowgrad_operations()
                    prev = ops[ops.index(head) - 1]
                    self.after.setdefault(prev, []).append((root, ("header", x)))
                elif head is not None:
                    self.before.setdefault(head, []).append((root, ("header", x)))
            else:   # a branch's results (1: true, after its ops; 2: false)
                side = 0 if kind == 1 else 1
                outs, made = [], []
                for t in infos[x]["true" if side == 0 else "false"][0]:
                    if t.op in ctx[(x, side)]["members"]:
                        outs.append(t)
                    else:
                        outs.append(self._switched(root, ctx, (x, side), t,
                                                   self._prefix(x), made))
                plan = self._tf[x]
                plan["outs"][side] = outs
                if side == 0 and made and plan["f_first"] is not None:
                    self.before.setdefault(plan["f_first"], []).append((root, ("sw", tuple(made))))
                else:
                    plan["out_switches"][side] = tuple(made)

    def _dead_members(self, ctx, where, infos):
        """Adds to each branch's context the ops it made that no result needs (an op
        whose value is dropped: `tf.zeros(s + 1)` in a branch returning something else),
        so that they read tensors from outside through a Switch as TF's (TF builds every
        op of a branch in the cond's context; CondContext.AddValue). A branch whose such
        ops hold control flow, a variable's initializer or a loop's ops keeps them
        outside (flowgrad's own layout for them)."""
        ops = None
        for (c, side), got in reversed(list(ctx.items())):   # (inner conds first)
            dead = [o for o in (infos[c].get("dead") or ((), ()))[side]
                    if o not in where and o.type not in _VARIABLE_OPS]
            if not dead:
                continue
            if ops is None:
                ops = c.graph._flowgrad_operations()
                looped = {m for w in ops if w.type == "While"
                          for key in ("members_order", "dead")
                          for m in (_loop_info(w) or {}).get(key, ())}
            if any(o.type in ("Cond", "While", "LoopVar", "V1Frames") or
                   o.type in LOWERINGS or o.type.startswith("TensorArray") or
                   o in looped or self._initializes(o, c, infos[c]) for o in dead):
                continue
            got["members"] = set(got["members"]) | set(dead)
            for o in dead:
                where[o] = (c, side)

    @staticmethod
    def _initializes(op, cond_op, info):
        """Whether `op`'s value reaches the Assign of a variable made in a branch of
        `cond_op` (its initializer, which TF makes under init_scope, outside the cond);
        an assign to a variable made before the cond is a branch op."""
        start = min((f._id for f in info["first"] if f is not None), default=cond_op._id)
        stack, seen = [op], set()
        while stack:
            o = stack.pop()
            if o in seen:
                continue
            seen.add(o)
            if o.type in _VARIABLE_OPS:
                return True
            if o.type in ("Assign", "AssignVariableOp"):
                var = o._inputs[0].op
                if var.type not in _VARIABLE_OPS or var._id >= start:
                    return True
                continue
            stack.extend(c for t in o._outputs for c in t.consumers())
        return False

    def _pivot_unread(self, root, ctx, where, infos):
        """The input-less ops made in a branch of the conds under `root` that no branch
        result needs (a seq2seq helper's unused constants; not a variable's initial value,
        TF's init_scope, nor an op of a loop in the branch): TF's pivot too (the control
        input of every op made in the cond's context)."""
        ops = root.graph._flowgrad_operations()
        looped = {m for w in ops if w.type == "While" for key in ("members_order", "dead")
                  for m in (_loop_info(w) or {}).get(key, ())}
        for c, side in ctx:
            for op in (infos[c].get("unread") or ((), ()))[side]:
                if op in where or op in looped or op.type in _VARIABLE_OPS or \
                        self._feeds_variable(op):
                    continue
                self.pivot.setdefault(
                    op.name, self._prefix(c) + ("/switch_t" if side == 0 else "/switch_f"))

    @staticmethod
    def _feeds_variable(op):
        """Whether `op`'s value reaches a variable's Assign (an initializer's constant)."""
        stack, seen = [op], set()
        while stack:
            o = stack.pop()
            if o in seen:
                continue
            seen.add(o)
            if o.type in ("Assign", "AssignVariableOp") or o.type in _VARIABLE_OPS:
                return True
            stack.extend(c for t in o._outputs for c in t.consumers())
        return False

    def _before_inner(self, reader, t, late):
        """The name of the Switch of `t` into the cond holding a loop (`late`: it, just
        made) whose first reader is an op of a cond in the loop's body, planned before: TF
        makes it while that cond switches in the loop's Enter of `t` (after the Switches
        of the reader's earlier inputs, before that cond's Switch of the Enter), so it
        takes that one's name, and the cond's later Switches under the reader the next
        ones."""
        e = reader.graph._branch_of.get(reader)
        inner = self._ctx.get(e) if e is not None and e[0] in self._loop_of else None
        name = late[0][0]
        got = inner["cache"].get(t.name) if inner is not None else None
        base = reader.name + "/Switch"
        if got is None or not got.startswith(base):
            return name

        def index(n):
            tail = n[len(base):]
            return 0 if not tail else int(tail[1:]) if re.fullmatch(r"_\d+", tail) else None
        k = index(got.split(":")[0])
        last = index(name)
        if k is None or last is None:
            return name
        names = {base + _sfx(i): base + _sfx(i + 1) for i in range(k, last)}
        self._rename_switches(names)
        late[0] = (base + _sfx(k),) + late[0][1:]
        return late[0][0]

    def _rename_switches(self, names):
        """Renames planned Switches (`names`: {old: new}) wherever the plan holds them."""
        def sub(v):
            if isinstance(v, str):
                n, sep, port = v.partition(":")
                return names.get(n, n) + sep + port
            return v

        def made(m):
            return tuple((names.get(x[0], x[0]), sub(x[1])) + tuple(x[2:]) for x in m)
        for d in self.rewrite.values():
            for key in d:
                d[key] = sub(d[key])
        for c in self._ctx.values():
            for key in c["cache"]:
                c["cache"][key] = sub(c["cache"][key])
        for where in (self.before, self.after):
            for op, stages in where.items():
                where[op] = [(r, ("sw", made(st[1])) if st[0] == "sw" else st)
                             for r, st in stages]
        for plan in self._tf.values():
            plan["out_switches"] = [made(m) for m in plan["out_switches"]]
            plan["pred_switches"] = made(plan["pred_switches"])
            plan["outs"] = [[sub(o) for o in outs] if outs is not None else None
                            for outs in plan["outs"]]
            plan["pred"] = sub(plan["pred"])
        for key, (r, st) in self._enter_switches.items():
            self._enter_switches[key] = (r, ("sw", made(st[1])))

    def _block_rule(self, blocks, tree):
        """TF 1.14's control_dependencies rule for the nodes of a cond made in blocks
        (`blocks`: (control inputs, ops made in the block) each): a node gets a block's
        control inputs unless one of the inputs it was made with is an op of the block
        (the conds' own nodes, or an op made in the block before). Returns inputs -> the
        "^"-less names, or ()."""
        if not blocks:
            return lambda inputs: ()
        blocks = [(tuple(self._renamed(c._outputs[0]).split(":")[0] if c._outputs else c.name
                         for c in ctrl), made) for ctrl, made in blocks]

        def names(inputs):
            out = []
            for ctrl, made in blocks:
                if not any(t.op in tree or t.op in made for t in inputs):
                    out.extend(n for n in ctrl if n not in out)
            return tuple(sorted(out))
        return names

    def _unique(self, base):
        """TF's unique_name: `base`, else base_1, base_2, ... (names taken so far)."""
        name, i = base, 0
        while name in self._taken:
            i += 1
            name = f"{base}_{i}"
        self._taken.add(name)
        return name

    def _switched(self, root, ctx, key, t, scope, made):
        """The name branch `key` reads tensor `t` from outside by: its Switch (made now,
        named scope/Switch..., after `t` is switched into the enclosing cond when it is from
        outside that one too), or the one an earlier reader made."""
        c = ctx[key]
        if t.name in c["cache"]:
            return c["cache"][t.name]
        parent = c["parent"]
        if parent is not None and t.op not in ctx[parent]["members"]:
            src = self._switched(root, ctx, parent, t, scope, made)
        elif parent is None and root in self._loop_of:
            src = ("loop", scope, t)   # (through the loop's Enter when from outside it)
        else:
            src = t
        name = self._unique(scope + "/Switch")
        made.append((name, src, c["pred_id"], t))
        c["cache"][t.name] = name + c["port"]
        return c["cache"][t.name]

    def _dt(self, t):
        """TF's dtype of `t` (a TensorArray's flow is a float: TensorArrayPlan)."""
        for q in self.others:
            if isinstance(q, TensorArrayPlan):
                return q.dtype(t)
        return t.dtype.base_dtype

    def emit_stage(self, op, stage, emit):
        """Writes one part of TF's layout of the conds under Cond `op` (_plan_tf):
        ("header", cond) its pivots, ("sw", switches) the Switches a reader or a branch's
        results made (or a variable guard's, _plan_guard)."""
        if (op, stage) in self._stages_done:
            return op.name
        self._stages_done.add((op, stage))
        if stage[0] == "addn":   # a cond gradient's sum, an AddN or a concat of slices
            for args, kw in self._grad_late[stage[1:]]:   # (graph_def_lower_condgrad.py)
                emit(*args, **kw)
            return op.name
        b = _dt.bool_
        if stage[0] == "guard":   # _plan_guard's Switch (TF copies the RefSwitch's _class)
            c = op._inputs[1]
            emit(stage[1], "Switch", [self.input_name(op, c), stage[2]],
                 [self._dt(c), b], {}, shapes=[c.shape] * 2, colocation=list(stage[3]))
            return op.name
        if stage[0] == "guard_init":   # _plan_guard's copy of the Switch_1
            c = op._inputs[2]
            emit(stage[1], "Switch", [self.input_name(op, c), stage[2]], [self._dt(c), b], {},
                 shapes=[c.shape] * 2, colocation=list(stage[3]))
            return op.name
        if stage[0] == "header":
            c = stage[1]
            n, plan = self._prefix(c), self._tf[c]
            pred, ctl, enter = plan["pred"], [], None
            if isinstance(pred, tuple):   # in a loop: a predicate from outside it entered
                pred, enter = self._entered(op, pred[1], pred[2], emit, later=True)
                if enter is not None:   # (TF's Switch of Enters only waits for the frame)
                    ctl = ["^" + self._loop_plan().infos[self._loop_of[op]]["vars"][0]
                           .op.name]
            pred = pred or self.input_name(c, c.inputs[0])
            sh, co = c.inputs[0].shape, c._colocation   # (TF's colocate_with scope)
            # (a control_dependencies block's inputs: made with pred, before its Switch
            # into an outer cond: _block_rule)
            ctl = sorted(set(ctl) | {"^" + name for name in plan["block"]})
            emit(n + "/Switch", "Switch", [pred, pred] + ctl, [b, b], {}, shapes=[sh, sh],
                 colocation=co)
            if enter is not None:
                enter()
            if plan["pred_switches"]:
                self.emit_stage(op, ("sw", plan["pred_switches"]), emit)
            emit(n + "/switch_t", "Identity", [n + "/Switch:1"], [b], {}, shapes=[sh],
                 colocation=co)
            emit(n + "/switch_f", "Identity", [n + "/Switch"], [b], {}, shapes=[sh],
                 colocation=co)
            emit(n + "/pred_id", "Identity", [pred] + ctl, [b], {}, shapes=[sh],
                 colocation=co)
            return op.name
        for name, src, pred_id, t in stage[1]:   # (TF makes them colocated with the data)
            if isinstance(src, tuple):   # in a loop: a tensor from outside it entered first
                src = self._entered(op, src[1], t, emit)[0]
            data = src if isinstance(src, str) else self.input_name(op, t)
            # (TF's TensorArray handle is a 2-vector)
            sh = TensorShape([2]) if t.value_index == 0 and t.op.type in (
                "TensorArrayV3", "TensorArrayGradV3") else t.shape
            self._switch_data[name] = data
            emit(name, "RefSwitch" if t.dtype.is_ref_dtype else "Switch", [data, pred_id],
                 [self._dt(t), b], {}, shapes=[sh] * 2,
                 colocation=t.op._colocation or [self.input_name(op, t).split(":")[0]])
        return op.name

    def _loop_plan(self):
        return next((q for q in self.others if isinstance(q, LoopPlan)), None)

    def _entered(self, root, scope, t, emit, later=False):
        """(name, None) the tensor `t` from outside the loop whose body holds Cond `root` is
        read by in it: the loop's Enter of it (TF's WhileContext.AddValue), written now
        when no op of the loop read `t` before, and then named under `scope` (TF's
        <reader>/Enter), else `t` itself, also when it is made in the loop. `later`: the
        Enter is written by the function returned second (TF makes it after the op
        reading it: a cond's Switch of the predicate)."""
        loops, w = self._loop_plan(), self._loop_of.get(root)
        key = loops.enter_key(w, root, t) if loops is not None else None
        if key is None:
            return self.input_name(root, t), None
        if (w, ("enter", key)) not in loops._done:
            loops._readers[(w, key)] = scope

        def write():
            loops.emit_stage(w, ("enter", key), emit)
        if later:
            return key, write
        write()
        return key, None

    def _lower_tf(self, op, emit):
        plan = self._tf[op]
        self.emit_stage(plan["root"], ("header", op), emit)
        for side in (0, 1):
            if plan["out_switches"][side]:
                self.emit_stage(plan["root"], ("sw", plan["out_switches"][side]), emit)
        t_outs, f_outs = ([o if isinstance(o, str) else self._renamed(o) for o in outs]
                          for outs in plan["outs"])
        for k, (f, t) in enumerate(zip(f_outs, t_outs)):
            dtype = self._dt(op.outputs[k])
            ref = op.outputs[k].dtype.is_ref_dtype   # (both branches return a ref: RefMerge)
            emit(op.name if k == 0 else self.renames[f"{op.name}:{k}"],
                 "RefMerge" if ref else "Merge", [f, t],
                 [dtype._as_ref if ref else dtype] * 2, {"N": 2},
                 shapes=[op.outputs[k].shape, TensorShape([])], colocation=op._colocation)

    def lower(self, op, emit):
        """TF's layout (_plan_tf), or the generic one: TF's names under the cond's scope
        S: S/Switch, S/switch_t, S/switch_f, S/pred_id, a Switch per capture
        (S/Switch_c<i>), an Identity per branch output (after the branch's targets), a
        Merge per output: output 0 is the Cond op itself (named S/Merge), output k the
        Identity named S/Merge_k that reads it."""
        if op in self._alias_of:
            return op.name   # its Merge is written with its Cond
        if op in self._grad_steps:
            return _condgrad.write(self, op, emit)
        if op in self._grad_members:
            return op.name   # written with its gradient cond, in TF's order
        if op in self._flat:
            return _condgrad.write_sum(self, op, emit)
        if op in self._tf:
            return self._lower_tf(op, emit)
        if op in self._guards:
            dtype = self._dt(op.outputs[0])
            emit(op.name, "Merge", list(self._guards[op]), [dtype, dtype], {"N": 2},
                 shapes=[op.outputs[0].shape, TensorShape([])], colocation=op._colocation)
            return op.name
        info = _cond_info(op)
        n = self._prefix(op)
        pred = self.input_name(op, op._inputs[0])
        b = _dt.bool_
        emit(n + "/Switch", "Switch", [pred, pred], [b, b], {})
        emit(n + "/switch_t", "Identity", [n + "/Switch:1"], [b], {})
        emit(n + "/switch_f", "Identity", [n + "/Switch"], [b], {})
        emit(n + "/pred_id", "Identity", [pred], [b], {})
        caps = list(op._inputs[1:])
        tf_sw = self._tf_switches(op, {})
        for i, c in enumerate(caps):
            ref = c.dtype.is_ref_dtype
            emit(tf_sw[i] if tf_sw else f"{n}/Switch_c{i}", "RefSwitch" if ref else "Switch",
                 [self.input_name(op, c), n + "/pred_id"], [self._dt(c), b], {})
        if tf_sw:   # TF's Merge reads the branches' results themselves
            t_out = info["true"][0][0]
            emit(op.name, "Merge", [tf_sw[1], self._renamed(t_out)],
                 [self._dt(op.outputs[0])] * 2, {"N": 2}, controls=True)
            return
        index = {c.name: i for i, c in enumerate(caps)}
        branch_outs = []
        for side, port in (("false", ""), ("true", ":1")):
            outs, targets = info[side]
            controls = ["^" + t.name for t in targets]
            names = []
            for k, t in enumerate(outs):
                src = f"{n}/Switch_c{index[t.name]}{port}" if t.name in index else \
                    self._renamed(t)
                names.append(emit(f"{n}/{side}_out_{k}", "Identity", [src] + controls,
                                  [self._dt(t)], {}))
            if not outs:
                pivot = n + ("/switch_t" if side == "true" else "/switch_f")
                names.append(emit(f"{n}/{side}_done", "Identity", [pivot] + controls, [b],
                                  {}))
            branch_outs.append(names)
        f_names, t_names = branch_outs
        for k, (f, t) in enumerate(zip(f_names, t_names)):
            dtype = self._dt(op.outputs[k]) if op.outputs else b
            emit(op.name if k == 0 else self.renames[f"{op.name}:{k}"], "Merge", [f, t],
                 [dtype, dtype], {"N": 2}, controls=(k == 0))


# ---------------------------------------------------------------------------------------
# tf.while_loop: flowgrad's While op (condition and body ops in the graph over LoopVar
# tensors, one op iterating) written as TF's frame: Enter, Merge, LoopCond, Switch,
# Identity (the LoopVar keeps its name), NextIteration, Exit (named as the Identity
# while_loop returns for it, when no gradient reads the loop); an Enter (is_constant) per
# capture, after the op first reading it; nodes in TF 1.14's order (LoopPlan._order). A
# loop differentiated by flowgrad (a WhileGrad reads it) is not lowered.
# ---------------------------------------------------------------------------------------
_LOOP_INFO_SOURCES = []


def register_loop_info(fn):
    """`fn(op)`: the loop information of a While op (engine/ops/control_flow.py), or None."""
    _LOOP_INFO_SOURCES.append(fn)


def _loop_info(op):
    for fn in _LOOP_INFO_SOURCES:
        info = fn(op)
        if info is not None:
            return info
    return None


def _cond_branch_ops(cond_op):
    """The ops in the branches of Cond `cond_op` and of the conds there."""
    table = cond_op.graph._branch_of
    out, todo = [], [cond_op]
    while todo:
        c = todo.pop()
        for o, e in list(table.items()):
            if e[0] is c:
                out.append(o)
                if o.type == "Cond":
                    todo.append(o)
    return out


def _sfx(k):
    return "" if k == 0 else f"_{k}"


class LoopPlan(_PlanBase):
    """How the While ops of a graph are written (as CondPlan): `rewrite` {consumer name:
    {tensor name: input name}}, `pivot` {op name: pivot}, `renames` {W:k: Exit node},
    `lowered` (While and LoopVar ops), `lower(op, emit)`."""

    def __init__(self, graph, arrays=None, grad_ok=None):
        self.rewrite, self.pivot, self.renames, self.lowered = {}, {}, {}, set()
        # a loop made in a control_dependencies block: {frame op name: TF's Identities of
        # the block's control inputs}, their (While, Identity, input, pivot) per frame op and
        # {(While, input): its Enter}
        self.block, self._block_of, self._block_enters = {}, {}, {}
        self._block_names = set()
        self.arrays = arrays   # the TensorArrayPlan: handles entered into loops
        self.extra = {}        # While op -> handles it enters (Enter_h<j>)
        ops = graph._flowgrad_operations()
        self.grad_plan = None   # the GradLoopPlan writing the WhileGrads (graph_def.py)
        graded = set()   # loops differentiated by a WhileGrad TF's ops cannot express
        for o in ops:
            if o.type == "WhileGrad" and not (grad_ok is not None and grad_ok(o)):
                graded |= {t.op for t in o.inputs}
        self.infos = {}
        differentiated = {t.op for o in ops if o.type == "WhileGrad" for t in o.inputs}
        for op in ops:
            if op.type != "While" or op in graded:
                continue
            info = _loop_info(op)
            if info is None:
                continue
            if info.get("dead") and op not in differentiated:
                info = self._with_dead(info)
            self.infos[op] = info
        self._var_of = {}
        for op, info in self.infos.items():
            self.lowered.add(op)
            for k, v in enumerate(info["vars"]):
                self.lowered.add(v.op)
                self._var_of[v.op] = (op, k)
        members = {op: set(info["members_order"]) for op, info in self.infos.items()}
        depth = {op: 0 for op in self.infos}
        for op in self.infos:   # inner loops first: their captures win
            inner = set(members[op])   # (a loop in a cond of the body is inner too)
            for m in members[op]:
                if m.type == "Cond":
                    inner.update(_cond_branch_ops(m))
            for m in inner:
                if m in depth and m is not op:
                    depth[m] = max(depth[m], depth[op] + 1)
        self._depth = depth
        self._outer = {}   # While -> the While whose body (not a cond there) holds it
        for op in self.infos:
            for m in members[op]:
                if m in self.infos and m is not op:
                    self._outer[m] = op
        self._in_loops = set().union(*members.values()) if members else set()
        for op in sorted(self.infos, key=lambda o: (-depth[o], o._id)):
            self._plan(op, members[op], self.infos[op]["members_order"])
        for op in self.infos:
            for k in range(1, len(op.outputs)):
                self.renames[f"{op.name}:{k}"] = f"{op.name}/Exit_{k}"
        # the Identities tf.while_loop returns (TF's while/Exit, while/Exit_k) are written
        # as the Exit nodes themselves, for a loop no gradient reads
        self._exit_of = {}
        grad_read = {t.op for o in ops if o.type == "WhileGrad" for t in o.inputs}
        present = set(ops)
        for op, info in self.infos.items():
            exits = info.get("exits") or []
            if op in grad_read or len(exits) != len(op.outputs) or not all(
                    e in present and e.type == "Identity" and not e._control_inputs and
                    e._inputs[0] is op.outputs[k] for k, e in enumerate(exits)):
                continue
            for k, e in enumerate(exits):
                self.renames[f"{op.name}:{k}"] = e.name
                self._exit_of[e] = op
                self.lowered.add(e)
        # TF 1.14's node order (_order): `before` / `after` {op: [(While, stage)]}, the
        # stages emit_stage writes around that op
        self.before, self.after, self._done = {}, {}, set()
        self.enter_names = {}    # Enter node (W/Enter_c<i>) -> TF's name (node_renames)
        self._enter_stage = {}   # Enter node (W/Enter_c<i>, W/Enter_h<j>) -> (While, stage)
        self._readers = {}       # (While, Enter node) -> op (or node name) reading it first
        for op in sorted(self.infos, key=lambda o: (depth[o], o._id)):   # outer loops first
            self._order(op, present)

    @staticmethod
    def _with_dead(info):
        """`info` with the body's ops its results do not need (TF builds them in the frame)
        among its members, and the tensors from outside only they read among its captures
        (each written as an Enter, as TF's: while/strided_slice/Enter)."""
        dead = info["dead"]
        inside = set(info["members_order"]) | set(dead)
        caps = list(info["captures"])
        known = set(caps) | set(info["vars"])
        for m in dead:
            for t in m._inputs:
                if t.op not in inside and t not in known:
                    known.add(t)
                    caps.append(t)
        order = sorted(inside, key=lambda o: o._id)
        return dict(info, members_order=order, captures=caps)

    @staticmethod
    def _names(op):
        s = op.name.rsplit("/", 1)[0] + "/" if "/" in op.name else ""
        return s, s + "while_context"

    def _plan(self, op, members, order):
        info = self.infos[op]
        s, _ = self._names(op)
        lvars = {t.name: k for k, t in enumerate(info["vars"])}
        caps = {t.name: i for i, t in enumerate(info["captures"])}
        # the condition's ops read the Merges; the body's the Identities (LoopVars)
        cond_side, stack = set(), [info["cond"].op]
        while stack:
            m = stack.pop()
            if m in cond_side or m not in members or m.type == "LoopVar":
                continue
            cond_side.add(m)
            stack.extend(t.op for t in m._inputs)
            stack.extend(m._control_inputs)
        extra = self.extra.setdefault(op, [])
        handles = self.arrays.handles if self.arrays is not None else {}
        for m in order:   # TensorArray handles from outside the loop: entered too
            hs = [(m, handles[m])] if m in handles else \
                [(m, h) for h in self.extra.get(m, [])] if m is not op else []
            if m.type == "Cond":   # (the arrays its branches' ops read; a loop there
                # enters the Switch of this loop's Enter: CondPlan._handle_readers)
                hs = [(b, handles[b]) for b in _cond_branch_ops(m) if b in handles] + \
                    [(None, h) for b in _cond_branch_ops(m) if b.type == "While"
                     for h in self.extra.get(b, [])]
            for r, h in hs:
                if h.op in members:
                    continue
                if h not in extra:
                    extra.append(h)
                if r is not None:
                    self.rewrite.setdefault(r.name, {}).setdefault(
                        h.name, f"{op.name}/Enter_h{extra.index(h)}")
        # TF's Identity per control input of the blocks the loop was made in, on the frame
        # ops made without an input from them (a loop outside every other loop and cond)
        if self._in_loops_only(op):
            for m, ident, t in info.get("block", ()):
                if m in members:
                    self.block.setdefault(m.name, []).append(ident)
                    self._block_of.setdefault(m, []).append(
                        (op, ident, t, f"{s}Merge" if m in cond_side else
                         info["vars"][0].op.name))
        for m in order:
            if m.type == "LoopVar":
                continue
            sub = self.rewrite.setdefault(m.name, {})
            for t in m._inputs:
                if t.name in caps:
                    sub.setdefault(t.name, f"{op.name}/Enter_c{caps[t.name]}")
                elif t.name in lvars and m in cond_side:
                    sub.setdefault(t.name, f"{s}Merge{_sfx(lvars[t.name])}")
            # TF's pivot: an op of no inputs (and no control input from the frame: a
            # control_dependencies block in the body), or (of no control inputs) one
            # reading only tensors from outside (through their Enters), waits for the frame
            consts = set(sub.values()) & set(self._enter_keys(op))
            own = [c for c in m._control_inputs if c in members] if m in self._block_of \
                else m._control_inputs   # (those from outside: read through Identities)
            if (not m._inputs and not any(c in members for c in m._control_inputs)) or (
                    not own and m.type not in ("While", "Cond") and
                    all(sub.get(t.name) in consts for t in m._inputs)):
                self.pivot.setdefault(m.name, f"{s}Merge" if m in cond_side else
                                      info["vars"][0].op.name)

    def _in_loops_only(self, op):
        """Whether While `op` is in loops only, or in a branch of a cond in none."""
        for _ in range(10000):
            e = op.graph._branch_of.get(op)
            if e is not None:
                return e[0] not in op.graph._branch_of and e[0] not in self._in_loops
            op = self._outer.get(op)
            if op is None:
                return True
        return False

    def _block_switch(self, e, t, ident, writes):
        """The output of the Switch of `t` into branch e[1] of Cond e[0] (TF's
        CondContext.AddValue: <ident>/Switch on the cond's pred_id) the Enter of a loop there
        reads, its writing appended to `writes` when there is none yet."""
        key = self._block_enters.get((e, t))
        if key is not None:
            return key
        base = name = ident + "/Switch"
        i = 0
        while name in self._block_names:
            i += 1
            name = f"{base}_{i}"
        self._block_names.add(name)
        ref = t.dtype.is_ref_dtype
        writes.append((name, "RefSwitch" if ref else "Switch",
                       [t._as_node_def_input(), CondPlan._prefix(e[0]) + "/pred_id"],
                       [t.dtype.base_dtype, _dt.bool_], {}))
        key = self._block_enters[(e, t)] = f"{name}:{1 if e[1] == 0 else 0}"
        return key

    def _block_enter(self, op, t, ident, writes):
        """The Enter into While `op` of `t` (a block control input's output) its Identities
        read, named after `ident` when none is yet: its writing (the enclosing loops' Enters
        first) appended to `writes`."""
        key = self._block_enters.get((op, t))
        if key is not None:
            return key
        outer, e = self._outer.get(op), op.graph._branch_of.get(op)
        src = self._block_enter(outer, t, ident, writes) if outer is not None else \
            self._block_switch(e, t, ident, writes) if e is not None else \
            t._as_node_def_input()
        ref = t.dtype.is_ref_dtype
        base = key = ident + ("/RefEnter" if ref else "/Enter")
        i = 0
        while key in self._block_names:
            i += 1
            key = f"{base}_{i}"
        self._block_names.add(key)
        self._block_enters[(op, t)] = key
        _, frame = self._names(op)
        writes.append((key, "RefEnter" if ref else "Enter", [src], [t.dtype.base_dtype],
                       {"frame_name": frame, "is_constant": True,
                        "parallel_iterations": self.infos[op].get("parallel", 10)}))
        return key

    def _outermost(self, op):
        """Whether While `op` is in no other loop nor cond."""
        return self._depth.get(op, 0) == 0 and op not in op.graph._branch_of

    def _enter_controls(self, op, t, key=None):
        """The control inputs of While `op`'s Enter of `t` (TF's _FixControlInputsAndContext:
        those of the blocks open when the op reading it first (`key`: the Enter's) was made,
        else those the loop was made in, that `t` was not made in, from outside the loop)."""
        e = op.graph._branch_of.get(op)
        switched = False   # (a loop in a cond: `t` from outside it enters through a Switch,
        if e is not None and op not in self._outer and self._in_loops_only(op):
            if _branches.branch_in(t.op, e[0]) is not None:   # made in no block; a branch's
                return []                                    # op is made in them)
            switched = True
        elif not self._outermost(op):
            return []
        info = self.infos[op]
        reader = self._readers.get((op, key)) if key is not None else None
        stack = info.get("stacks", {}).get(reader, info.get("blocks", ()))
        made = set(info["members_order"])
        out = []
        for c in stack:
            if switched:
                out.extend(x.name for x in c.control_inputs if x not in made and
                           x.name not in out)
            elif t.op not in c.new_ops:
                out.extend(x.name for x in c.control_inputs if x is not t.op and
                           x not in made and x.name not in out)
        return ["^" + n for n in sorted(out)]

    def dropped_controls(self, op):
        """The control inputs of `op` not written: a frame op's from outside its loop (TF
        reads them through its Identities: self.block), the While op's (outside)."""
        if op in self.infos:
            return self.infos[op].get("outside", frozenset()) if self._outermost(op) \
                else frozenset()
        got = self._block_of.get(op)
        if not got:
            return frozenset()
        made = set(self.infos[got[0][0]]["members_order"])
        return frozenset(c for c in op._control_inputs if c not in made)

    def _ref_enter(self, op, key):
        """Whether While `op`'s Enter `key` holds a ref tensor (a variable): TF's RefEnter."""
        j = key.rsplit("/Enter_", 1)[1]
        return j[0] == "c" and self.infos[op]["captures"][int(j[1:])].dtype.is_ref_dtype

    def _enter_keys(self, op):
        """The Enter nodes of While `op`'s tensors from outside, as first written."""
        info = self.infos[op]
        return [f"{op.name}/Enter_c{i}" for i in range(len(info["captures"]))] + \
            [f"{op.name}/Enter_h{j}" for j in range(len(self.extra.get(op, ())))]

    def _order(self, op, present):
        """Plans TF 1.14's order of While `op`'s nodes: its Enters and Merges before its
        first op (the first LoopVar), then the condition's ops, the LoopCond, Switches and
        Identities before the body's first op, an Enter of a tensor from outside right after
        the first op reading it (an inner loop's reader: before that loop's Enter of it;
        the LoopCond or a NextIteration reading it: after that node), then the body's ops,
        the NextIterations and Exits where the While op is."""
        info = self.infos[op]
        self.before.setdefault(info["vars"][0].op, []).append((op, "head"))
        first = info.get("body_first")
        if first is not None and first in present:
            self.before.setdefault(first, []).append((op, "switch"))
        keys = self._enter_keys(op)
        for key in keys:
            self._enter_stage[key] = (op, ("enter", key))
        for m in info["members_order"]:
            if m.type == "LoopVar":
                continue
            sub = self.rewrite.get(m.name, {})
            names = [t.name for t in m._inputs]   # (a TensorArray handle first: TF's input 0)
            for key in [v for k, v in sub.items() if k not in names] + \
                    [sub.get(n) for n in names]:
                if key in self._enter_stage and self._enter_stage[key][0] is op and \
                        (op, key) not in self._readers:
                    self._readers[(op, key)] = m
                    self.after.setdefault(m, []).append((op, ("enter", key)))
            if m in self._block_of:   # (after the Enters of its inputs, as TF)
                self.after.setdefault(m, []).append((op, ("block", m)))
        s, _ = self._names(op)
        ends = [(info["cond"], f"{s}LoopCond")] + [
            (t, f"{s}NextIteration{_sfx(k)}") for k, t in enumerate(info["body"])]
        for i, c in enumerate(info["captures"]):   # read by the LoopCond or a NextIteration
            key = f"{op.name}/Enter_c{i}"
            if (op, key) not in self._readers:
                self._readers[(op, key)] = next((n for t, n in ends if t is c), None)

    def emit_stage(self, op, stage, emit):
        """Writes one part of While `op`'s nodes (_order): "head" (the Enters and Merges of
        its variables), "switch" (LoopCond, Switches, the variables' Identities), or
        ("enter", node) (the Enter of a tensor from outside, after the outer loop's Enter
        it reads when that is not written yet)."""
        if (op, stage) in self._done:
            return op.name
        self._done.add((op, stage))
        info = self.infos[op]
        s, frame = self._names(op)
        n, b = len(info["vars"]), _dt.bool_
        inits = op._inputs[:n]

        def source(t):   # the name `t` is read by, its outer loop's Enter written first
            name = self.input_name(op, t)
            if name in self._enter_stage:
                self.emit_stage(*self._enter_stage[name], emit)
            return name
        if stage[0] == "block":   # an Identity per block control input, its Enter first made
            for _, ident, t, pivot in self._block_of[stage[1]]:
                # (TF makes the Identity, then the Enter(s) of its input)
                writes = []
                key = self._block_enter(op, t, ident, writes)
                emit(ident, "Identity", [key, "^" + pivot], [t.dtype.base_dtype], {})
                for w in writes:
                    emit(*w)
        elif stage == "head":
            names = [source(t) for t in inits]
            for k, t in enumerate(inits):
                # (reading an outer loop's constant only: TF's Enter waits for that frame)
                outer = self._enter_stage.get(names[k], (None,))[0]
                ctl = [f"^{self.infos[outer]['vars'][0].op.name}"] if outer is not None else []
                ctl += self._enter_controls(op, t)
                # (the loop variable's shape: its shape invariant, TF's _SetShapeInvariants)
                v = info["vars"][k].shape
                emit(f"{s}Enter{_sfx(k)}", "Enter", [names[k]] + ctl, [self._dt(t)],
                     {"frame_name": frame, "is_constant": False,
                      "parallel_iterations": info.get("parallel", 10)},
                     **({"shapes": [v]} if self._dt(t) is t.dtype.base_dtype and
                        t.dtype.base_dtype is not _dt.variant and str(v) != str(t.shape) else {}))
            for k, t in enumerate(inits):
                d = self._dt(t)
                emit(f"{s}Merge{_sfx(k)}", "Merge",
                     [f"{s}Enter{_sfx(k)}", f"{s}NextIteration{_sfx(k)}"], [d, d], {"N": 2})
        elif stage == "switch":
            c = info["cond"]
            ctl = [f"^{s}Merge"] if c in info["captures"] else []
            emit(f"{s}LoopCond", "LoopCond", [self._value_name(op, c, True)] + ctl, [b], {})
            self._emit_read_enters(op, c, emit)
            for k, t in enumerate(inits):
                emit(self._switch(op, k), "Switch", [f"{s}Merge{_sfx(k)}", f"{s}LoopCond"],
                     [self._dt(t), b], {})
            for k, v in enumerate(info["vars"]):
                emit(v.op.name, "Identity", [self._switch(op, k) + ":1"], [self._dt(v)], {})
        else:
            key = stage[1]
            j = key.rsplit("/Enter_", 1)[1]
            t = info["captures"][int(j[1:])] if j[0] == "c" else self.extra[op][int(j[1:])]
            for q in self.others:   # (a loop in a cond: the Switch of `t` into it first)
                if isinstance(q, CondPlan):
                    q.before_enter(op, t, emit)
            emit(key, "RefEnter" if self._ref_enter(op, key) else "Enter",
                 [source(t)] + self._enter_controls(op, t, key),
                 [self._dt(t) if j[0] == "c" else _dt.resource],
                 {"frame_name": frame, "is_constant": True,
                  "parallel_iterations": info.get("parallel", 10)})
        return op.name

    def _switch(self, op, k):
        """The name of While `op`'s Switch of variable k: S/Switch, S/Switch_1, ... after
        the Switches a cond holding the loop named under its scope S first (TF's BuildLoop
        switches its initial values into the cond before making its own)."""
        off = sum(q.loop_switches.get(op, 0) for q in self.others if isinstance(q, CondPlan))
        s, _ = self._names(op)
        return f"{s}Switch{_sfx(k + off)}"

    def enter_key(self, op, cond, t):
        """The Enter node (as first written) of tensor `t` from outside While `op` that Cond
        `cond` of its body (or an op of its branches) reads, else None."""
        if op not in self.infos:
            return None
        for i, c in enumerate(self.infos[op]["captures"]):
            if c is t:
                return f"{op.name}/Enter_c{i}"
        extra = self.extra.get(op, [])
        return f"{op.name}/Enter_h{extra.index(t)}" if t in extra else None

    def _emit_read_enters(self, op, t, emit):
        """The Enter of `t` when it is a tensor from outside the LoopCond or a
        NextIteration reads first (written after that node)."""
        for i, c in enumerate(self.infos[op]["captures"]):
            if c is t:
                self.emit_stage(op, ("enter", f"{op.name}/Enter_c{i}"), emit)

    def node_renames(self, names, taken):
        """{written node name: TF 1.14's name}: a loop's Enter of a tensor from outside is
        named after the first body op reading it (TF's while/mul/Enter), not
        while/While/Enter_c<i> (`taken`: the names in use, updated)."""
        present, out = set(names), {}
        pos = {n: i for i, n in enumerate(names)}   # TF names Enters in creation order
        for w in self.infos:   # an inner loop's initial value from outside the outer loop
            s, _ = self._names(w)   # read first there: TF's S/Enter, the loop's own after it
            inits = w.inputs[:len(self.infos[w]["vars"])]
            keys = list(dict.fromkeys(
                k for k in (self.input_name(w, t) for t in inits) if k in self._enter_stage and
                self._readers.get((self._enter_stage[k][0], k)) is w and k in present))
            own = [f"{s}Enter{_sfx(k)}" for k in range(len(inits))]
            new = [f"{s}Enter{_sfx(j)}" for j in range(len(keys) + len(inits))]
            if not keys or (set(new) - set(own)) & taken:
                continue
            taken.difference_update(own)
            taken.update(new)
            out.update(zip(keys + own, new))
        # (in the order written, loops nested or not: an inner loop's Enter of a value
        # from outside both right after the outer loop's, as TF's AddValue makes them)
        keys = sorted(((self._depth[o], o._id, k) for o in self.infos
                       for k in self._enter_keys(o)),
                      key=lambda e: (pos.get(e[2], len(pos)), e[0], e[1]))
        by_key = {k: o for o in self.infos for k in self._enter_keys(o)}
        for _, _, old in keys:
            op = by_key[old]
            reader = self._reader_name(op, old)
            if old not in present or reader is None or old in out:
                continue
            base = name = reader + ("/RefEnter" if self._ref_enter(op, old) else "/Enter")
            i = 0
            while name in taken:
                i += 1
                name = f"{base}_{i}"
            taken.add(name)
            out[old] = name
        self.enter_names = out   # (a loop gradient's accumulators are named after them)
        return out

    def _reader_name(self, op, key):
        """The node Enter `key` of While `op` is named under (TF: the op first reading the
        tensor, an inner loop's op when that loop reads it first)."""
        m = self._readers.get((op, key))
        if m is None or isinstance(m, str):
            return m
        if m in self.infos:   # an inner loop: the reader of its own Enter of the tensor
            sub = self.rewrite.get(m.name, {})
            for i, c in enumerate(self.infos[m]["captures"]):
                if sub.get(c.name) == key:
                    return self._reader_name(m, f"{m.name}/Enter_c{i}") or m.name
        return m.name

    def _value_name(self, op, t, cond_side):
        """The node a condition result / body result `t` is read from inside the frame."""
        info = self.infos[op]
        s, _ = self._names(op)
        for i, c in enumerate(info["captures"]):
            if c is t:
                return f"{op.name}/Enter_c{i}"
        for k, v in enumerate(info["vars"]):
            if v is t:
                return f"{s}Merge{_sfx(k)}" if cond_side else v.op.name
        return self.input_name(op, t)

    def _dt(self, t):
        """TF's dtype of `t` (a TensorArray flow is a float)."""
        if self.arrays is not None:
            return self.arrays.dtype(t)
        return t.dtype.base_dtype

    def lower(self, op, emit):
        if op in self._exit_of:
            return op.name   # written as its loop's Exit
        if op.type == "LoopVar":
            return op.name   # its Identity: written with its loop's Switches
        info = self.infos[op]
        s, frame = self._names(op)
        inits = op._inputs[:len(info["vars"])]
        # (the stages not written before: a loop of no body ops, Enters no op reads)
        for stage in ["head", "switch"] + [("enter", key) for key in self._enter_keys(op)
                                           if not isinstance(self._readers.get((op, key)), str)
                                           and self._readers.get((op, key)) is not None]:
            self.emit_stage(op, stage, emit)
        if self.grad_plan is not None:   # its iteration count and the values it keeps
            self.grad_plan.forward_extra(op, emit, s, frame, f"{s}LoopCond")
        for k, t in enumerate(info["body"]):
            ctl = [f"^{info['vars'][0].op.name}"] if t in info["captures"] else []
            emit(f"{s}NextIteration{_sfx(k)}", "NextIteration",
                 [self._value_name(op, t, False)] + ctl, [self._dt(t)], {})
            self._emit_read_enters(op, t, emit)
        for key in self._enter_keys(op):   # (read by no node: as first written)
            self.emit_stage(op, ("enter", key), emit)
        for k, t in enumerate(inits):
            name = op.name if k == 0 else f"{op.name}/Exit_{k}"
            emit(self.renames.get(f"{op.name}:{k}", name), "Exit",
                 [self._switch(op, k)], [self._dt(t)], {}, controls=(k == 0))


# ---------------------------------------------------------------------------------------
# TensorArrays: flowgrad's ops carry the array in the flow and take (flow, ...); TF's
# take (handle, ..., flow_in), the flow a float scalar. Written in TF's layout, with the
# handle of the TensorArrayV3 the flow comes from (entered into the loops that use it).
# ---------------------------------------------------------------------------------------
# op: flowgrad's input positions in TF's order (-1: the handle)
TA_LAYOUTS = {"TensorArrayWriteV3": (-1, 1, 2, 0), "TensorArrayReadV3": (-1, 1, 0),
              "TensorArrayGatherV3": (-1, 1, 0), "TensorArrayScatterV3": (-1, 1, 2, 0),
              "TensorArrayConcatV3": (-1, 0), "TensorArraySplitV3": (-1, 1, 2, 0),
              "TensorArraySizeV3": (-1, 0), "TensorArrayCloseV3": (-1,)}
_TA_FLOWS_OUT = ("TensorArrayWriteV3", "TensorArrayScatterV3", "TensorArraySplitV3")


def ta_handle_of(t):
    """The handle tensor of the TensorArrayV3 flow `t` comes from, else None."""
    seen = 0
    while t is not None and seen < 100000:
        seen += 1
        op = t.op
        if op.type == "TensorArrayV3":
            return op.outputs[0]
        if op.type in _TA_FLOWS_OUT or op.type == "Identity" or (op.type in V1_FLOW_OPS and
                                                                  op._inputs):
            t = op._inputs[0]   # (V1_FLOW_OPS: through the frame of a graph TF wrote)
        elif op.type == "LoopVar":
            w = _loop_of_var(op)
            t = w.inputs[_loop_info(w)["vars"].index(op.outputs[0])] if w is not None else \
                LOOPVAR_INITS.get(op)
        elif op.type == "While":
            t = op._inputs[t.value_index]
        elif op.type == "Cond" and _cond_info(op) is not None:
            t = _cond_info(op)["true"][0][t.value_index]   # (a flow through a cond)
        else:
            return None
    return None


def ta_handle_data(flow):
    """TF's handle data of the array whose flow is `flow` (the element shape its shape
    functions carry on the handle, which TensorArrayReadV3's gives its value; Grappler's
    shapes: optimize/symbolic_shapes.py): TensorArrayV3's element_shape where fully defined or
    identical_element_shapes; TensorArrayGradWithShape's: as many unknown dims as
    shape_to_prepend has, then the forward's; else unknown."""
    op = getattr(flow, "op", None)
    while op is not None and op.type in ("TensorArrayWriteV3", "TensorArrayScatterV3",
                                         "TensorArraySplitV3"):
        op = op._inputs[0].op
    if op is None or op.type not in ("TensorArrayV3", "TensorArrayGradWithShape"):
        return TensorShape(None)
    if op.type == "TensorArrayGradWithShape":
        prepend = op._inputs[2].shape
        fwd = ta_handle_data(op._inputs[0].op.outputs[-1])
        if fwd.dims is None or prepend.ndims != 1 or prepend.as_list()[0] is None:
            return TensorShape(None)
        return TensorShape([None] * prepend.as_list()[0]).concatenate(fwd)
    elem = TensorShape(op.get_attr("element_shape"))
    return elem if elem.is_fully_defined() or op.get_attr("identical_element_shapes") \
        else TensorShape(None)


_VAR_LOOPS = _records.GraphRecords("_VAR_LOOPS")
# LoopVar op -> the initial value it stands for (set by tf.while_loop while it builds)
LOOPVAR_INITS = _records.GraphRecords("LOOPVAR_INITS")
# gradient array op (TensorArrayGradWrite, ...) -> the forward array's flow it is the
# gradient of (set by the TensorArray gradient rules, engine/ops/tensor_array.py)
TA_GRAD_FORWARD = _records.GraphRecords("TA_GRAD_FORWARD")
# gradient array op -> the control_dependencies blocks open when it was made (TF's
# TensorArrayGradV3 and gradient_flow get their control inputs, by ops.py's rule)
TA_GRAD_BLOCKS = _records.GraphRecords("TA_GRAD_BLOCKS")
# flowgrad's gradient array ops written as TF's: {op: (TF op, flowgrad inputs TF reads,
# whether it takes the gradient flow (input 0))}
TA_GRAD_OPS = {"TensorArrayGradWrite": ("TensorArrayWriteV3", (0, 1), False),
               "TensorArrayGradScatter": ("TensorArrayScatterV3", (0, 1), False),
               "TensorArrayGradRead": ("TensorArrayReadV3", (0, 1), True),
               "TensorArrayGradGather": ("TensorArrayGatherV3", (0, 1), True),
               "TensorArrayGradSplit": ("TensorArraySplitV3", (0, 1), False),
               "TensorArrayGradConcat": ("TensorArrayConcatV3", (0,), True)}
_TA_GRAD_FLOWS = ("TensorArrayGradWrite", "TensorArrayGradScatter", "TensorArrayGradSplit")


# flowgrad's gradient array op names (under <op>_grad) -> TF 1.14's names for the op its
# gradient rule builds there (TF's TensorArrayGradV3 under "TensorArrayGrad")
_TA_GRAD_NAMES = {"TensorArrayGradRead": "TensorArrayReadV3",
                  "TensorArrayGradWrite": "TensorArrayWrite/TensorArrayWriteV3",
                  "TensorArrayGradScatter": "TensorArrayScatter/TensorArrayScatterV3",
                  "TensorArrayGradGather": "TensorArrayGatherV3",
                  "TensorArrayGradSplit": "TensorArraySplit/TensorArraySplitV3",
                  "TensorArrayGradConcat": "TensorArrayConcatV3"}
_TA_GRAD_NAME = re.compile(r"/(" + "|".join(_TA_GRAD_NAMES) +
                           r")(/TensorArrayGradV3|/gradient_flow|_grad)?(?=/|$)")


def ta_grad_renames(names, taken):
    """{node name: TF 1.14's name} for the gradient array nodes among `names` (and the
    nodes named under them): .../TensorArrayReadV3_grad/TensorArrayGradWrite is TF's
    .../TensorArrayReadV3_grad/TensorArrayWrite/TensorArrayWriteV3, its
    TensorArrayGradV3 TF's .../TensorArrayGrad/TensorArrayGradV3, and the scope of its
    gradient (second order) TF's .../TensorArrayWrite/TensorArrayWriteV3_grad (`taken`
    updated)."""
    out = {}

    def sub(m):
        if m.group(2) in ("/TensorArrayGradV3", "/gradient_flow"):
            return "/TensorArrayGrad" + m.group(2)
        return "/" + _TA_GRAD_NAMES[m.group(1)] + (m.group(2) or "")
    for name in names:
        new = _TA_GRAD_NAME.sub(sub, name)
        if new != name and new not in taken:
            taken.add(new)
            out[name] = new
    return out


def ta_grad_source(op):
    """TF's `source` of a gradient array built under `op`'s name (its gradients scope)."""
    parts = op.name.split("/")
    for i, part in enumerate(parts):
        if part.startswith("gradients"):
            return "/".join(parts[:i + 1])
    return "gradients"


def ta_grad_forward(op, body=()):
    """(forward handle, flow TensorArrayGradV3 reads) of gradient array op `op`, else None.
    A flow inside `body` (a forward loop's ops) is replaced by the array's first flow."""
    fwd = TA_GRAD_FORWARD.get(op)
    h = ta_handle_of(fwd) if fwd is not None else None
    src = fwd
    for _ in range(1000 if h is None and fwd is not None else 0):
        # a flow out of TF's own frame (a graph TF wrote): through its Exit, Switch, Merge
        # (the loop's Enter) and Enter to the array made before the loop
        if src.op.type not in ("Exit", "Switch", "Merge", "Enter", "Identity") or \
                not src.op._inputs:
            break
        src = src.op._inputs[0]
        if src.op.type == "TensorArrayV3":
            h = src.op.outputs[0]
            break
    if h is None:
        return None
    if TA_GRAD_OPS[op.type][2]:
        return h, None
    return h, (h.op.outputs[1] if fwd.op in body and fwd.op.type == "LoopVar" else fwd)


def _grad_array_op_of(flow):
    """The gradient array op (TensorArrayGradWrite, ...) whose array `flow` is, through
    Identity and AddN, else None."""
    t = flow
    for _ in range(1000 if t is not None else 0):
        if t.op.type in TA_GRAD_OPS:
            return t.op
        if t.op.type not in ("Identity", "AddN") or not t.op._inputs:
            return None
        t = t.op._inputs[0]
    return None


def _entered_handle(flow, h):
    """Handle `h` as an op reading `flow` in a frame of a graph TF wrote reads it: TF's
    Enter of the handle into the flow's innermost frame (TF writes one per reader), else
    `h` itself."""
    t = flow
    for _ in range(100000):
        op = t.op
        if op.type == "Enter":
            frame = op._get_attr("frame_name")
            for c in h.consumers():
                if c.type == "Enter" and c._get_attr("frame_name") == frame:
                    return c.outputs[0]
            return h
        if op.type not in V1_FLOW_OPS + ("Identity",) or op.type == "Exit" or not op._inputs:
            return h   # (out of a frame: the handle made outside it)
        t = op._inputs[0]
    return h


def _loop_of_var(var_op):
    return _VAR_LOOPS.get(var_op)


def ta_flows(graph, grads=True):
    """The TensorArray flow tensors of `graph` (their dtype is TF's float)."""
    flows = set()
    for op in graph._flowgrad_operations():
        if op.type == "TensorArrayV3" or op.type in _TA_FLOWS_OUT or (
                grads and op.type in _TA_GRAD_FLOWS + ("TensorArrayZeroGrad",)):
            flows.add(op.outputs[-1])
    changed = True
    while changed:
        changed = False
        for op in graph._flowgrad_operations():
            outs = []
            if op.type in ("Identity", "AddN") and op._inputs and all(
                    t in flows for t in op._inputs):
                outs = [op.outputs[0]]
            elif op.type in V1_FLOW_OPS and op._inputs and op._inputs[0] in flows:
                outs = list(op.outputs[:2 if op.type == "Switch" else 1])   # TF's own frame
            elif op.type == "WhileGrad" and grads:
                outs = _grad_flows(op, flows)
            elif op.type == "Cond":   # a merge of flows (a cond gradient's)
                info = _cond_info(op)
                if info is not None:
                    outs = [op.outputs[k] for k, (t, f) in enumerate(
                        zip(info["true"][0], info["false"][0])) if t in flows or f in flows]
            elif op.type == "While":
                info = _loop_info(op)
                if info is not None:
                    n = len(info["vars"])
                    for k in range(n):
                        if op._inputs[k] in flows or info["body"][k] in flows:
                            outs += [op.outputs[k], info["vars"][k]]
            for t in outs:
                if t not in flows:
                    flows.add(t)
                    changed = True
    return flows


def _grad_flows(gop, flows):
    """The flows of WhileGrad `gop`: its grad loop variables and outputs of flows."""
    ginfo = _loop_info(gop)
    fop = ginfo.get("forward") if ginfo else None
    finfo = _loop_info(fop) if fop is not None else None
    if finfo is None:
        return []
    n, out = len(finfo["vars"]), []
    for k in range(n):
        if fop._inputs[k] in flows or finfo["body"][k] in flows:
            out += [gop.outputs[k], ginfo["grad_vars"][k]]
    pos = n
    for k, p in zip(ginfo["diff_caps"], ginfo.get("parts") or [1] * len(ginfo["diff_caps"])):
        if finfo["captures"][k] in flows:
            out.append(gop.outputs[pos])
        pos += p   # (an IndexedSlices gradient: its parts)
    return out


class TensorArrayPlan(_PlanBase):
    """TF's layout for flowgrad's TensorArray ops (`lowered`, `lower`); `flows` the flow
    tensors (written as float); `handles` {op: handle tensor}."""

    def __init__(self, graph, grads=True):
        self.rewrite, self.pivot, self.renames, self.lowered = {}, {}, {}, set()
        for op in graph._flowgrad_operations():
            if op.type == "While":
                info = _loop_info(op)
                if info is not None:
                    for v in info["vars"]:
                        _VAR_LOOPS[v.op] = op
        self.flows = ta_flows(graph, grads)
        self.handles = {}
        self.grad_of = {}   # gradient array op -> (forward handle, flow) (ta_grad_forward)
        body = set()
        for op in graph._flowgrad_operations():
            if op.type == "While":
                info = _loop_info(op)
                if info is not None:
                    body.update(info["members_order"])
        for op in graph._flowgrad_operations():
            if op.type in TA_LAYOUTS and op._inputs:
                h = ta_handle_of(op._inputs[0])
                if h is not None:
                    self.handles[op] = _entered_handle(op._inputs[0], h)
                    self.lowered.add(op)
            elif op.type in TA_GRAD_OPS and grads:
                got = ta_grad_forward(op, body)
                if got is not None:
                    self.grad_of[op] = got
                    self.lowered.add(op)
        # second-order gradient arrays: TF's TensorArrayGradV3 of the gradient array (the
        # TensorArrayGradV3 written for a first-order op on it)
        self.grad2_of = {}
        for op in graph._flowgrad_operations():
            if op.type in TA_GRAD_OPS and grads and op not in self.grad_of and \
                    op not in body:
                first = _grad_array_op_of(TA_GRAD_FORWARD.get(op))
                if first in self.grad_of:
                    self.grad2_of[op] = first
                    self.lowered.add(op)

    def dtype(self, t):
        return _dt.float32 if t in self.flows else t.dtype.base_dtype

    def _grad_block_controls(self, op, srcs):
        """The control inputs (^names) TF gives a node of gradient array op `op` outside
        every frame: those of the control_dependencies blocks `op` was
        made in that none of `srcs` (the flowgrad ops the nodes read) was made in."""
        blocks = TA_GRAD_BLOCKS.get(op, ())
        if not blocks or op.graph._branch_of.get(op) is not None or any(
                op in p["members"] for q in getattr(self, "others", ())
                for p in getattr(q, "plans", {}).values()):
            return []
        out = []
        for c in blocks:
            if any(o in c.new_ops for o in srcs):
                continue
            out.extend(x.name for x in c.control_inputs if x not in srcs and
                       x.name not in out)
        return ["^" + n for n in sorted(out)]

    def _lower_grad(self, op, emit, name=None):
        """TF's gradient array: TensorArrayGradV3 of the forward handle (the same array for
        every op of one gradients scope), then TF's op on it (written as node `name`: a
        TF-layout cond gradient's copy of `op`, else its own)."""
        name = name or op.name
        tf_type, used, reads_grad = TA_GRAD_OPS[op.type]
        f32, res = _dt.float32, _dt.resource
        if op in self.grad2_of:
            h = self.grad2_of[op].name + "/TensorArrayGradV3"
            fwd = TA_GRAD_FORWARD[op]
            srcs = None   # (a second-order array: TF's controls not written)
        else:
            h, fwd = self.grad_of[op]
            srcs = [h.op]
            h = emit.input_name(h)
        flow_t = op._inputs[0] if reads_grad else fwd
        flow_in = emit.input_name(flow_t)
        blocked = self._grad_block_controls(op, srcs + [flow_t.op]) if srcs else []
        blocked_flow = self._grad_block_controls(op, [flow_t.op]) if srcs else []
        # (reading only a gradient frame's Enters: it waits for the frame's pivot, as TF's)
        ctl = [p for q in getattr(self, "others", ()) if hasattr(q, "constant_pivot")
               for p in [q.constant_pivot([h, flow_in])] if p is not None]
        gh = emit(name + "/TensorArrayGradV3", "TensorArrayGradV3",
                  [h, flow_in] + ["^" + p for p in ctl[:1]] + blocked, [res, f32],
                  {"source": ta_grad_source(op)})
        # (TF's TensorArray.grad: the flow read after the gradient array is made)
        flow = emit(name + "/gradient_flow", "Identity",
                    [flow_in] + sorted(["^" + gh] + blocked_flow),
                    [f32], {})
        args = [op._inputs[i] for i in used][1 if reads_grad else 0:]
        names = [gh] + [emit.input_name(t) for t in args] + [flow]
        dtypes = [res] + [t.dtype.base_dtype for t in args] + [f32]
        attrs = {}
        if reads_grad:
            attrs["dtype"] = op.outputs[0].dtype.base_dtype
        # (the flow TF's write / scatter / split makes: a float scalar)
        shapes = None if reads_grad else [TensorShape([])]
        if tf_type in ("TensorArrayReadV3", "TensorArrayGatherV3"):
            # (TF's: the gradient array's handle shape, the forward value's)
            shapes = [op.outputs[0].shape]
        elif tf_type == "TensorArrayConcatV3":
            shapes = [op.outputs[0].shape, TensorShape([None])]   # (and the lengths)
        return emit(name, tf_type, names, dtypes, attrs, controls=True, shapes=shapes)

    def lower(self, op, emit):
        if op in self.grad_of or op in self.grad2_of:
            return self._lower_grad(op, emit)
        h = self.handles[op]
        names, dtypes = [], []
        for i in TA_LAYOUTS[op.type]:
            t = h if i < 0 else op._inputs[i]
            names.append(emit.input_name(t))
            dtypes.append(self.dtype(t))
        attrs = dict(op._attrs)
        return emit(op.name, op.type, names, dtypes, attrs, controls=True)
