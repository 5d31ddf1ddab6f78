"""flowgrad Graph → TF `GraphDef` protobuf (`Graph.as_graph_def`, TensorBoard, write_graph).

Each op becomes a NodeDef: name, op type, inputs (`name:i`, `^ctrl`), device
and attrs mapped to AttrValue (DType → type, shapes → shape, NumPy arrays →
tensor, ints/floats/bools/strings and lists of them). Colocation becomes TF's
`_class: ["loc:@op"]`, and `add_shapes` adds `_output_shapes`. Needs the
`summary` extra (the protobuf classes come from the tensorboard package).
"""
from __future__ import annotations

import inspect
import re

import numpy as np

from . import dtypes as _dt
from .engine_view import engine_side
from .errors import c_escape
from .graph_def_functions import (DATASET_FUNCTIONS, DEFUN_CALLS, FUNCTION_BODIES,
                                   ONE_SHOT_FACTORIES, FunctionLibrary)
from .graph_def_lower import (LOWERINGS, V1_FLOW_OPS, CondPlan, LoopPlan, TensorArrayPlan,
                              ta_grad_renames, ta_grad_source)
from .graph_def_grad_order import (b_sync_names, block_enter_names, enter_names, stack_names,
                                   tf_order)
from .graph_def_lower_grad import GradLoopPlan, grad_verdicts, uses_grad_arrays
from .grad_state import exit_states, gradients_calls
from .proto import (_VALS_OF_ENUM, filled_tensor_proto, pb, shape_proto, tensor_from_proto,
                    tensor_proto, tf_text)
from .registry import OPS, op_defs  # noqa: F401 - op_defs: imported from here too
from .tensor_shape import TensorShape
from .tf_hash import content_form, function_def_hash, hash_suffix

__all__ = ["attr_from_node", "graph_def_versions", "graph_to_graph_def", "rename_nodes",
           "node_def_proto", "node_def_text"]

_SHAPE_ATTRS = {"shape", "element_shape", "output_shape", "_output_shapes", "shapes",
                "output_shapes", "_shapes"}
_PRODUCER = 38  # TF 1.14's GraphDef version
# Private attrs only flowgrad's kernel reads, never written (TF's node has none): the
# Saver's RestoreV2 checks every variable's shape before it returns any value.
_KERNEL_ONLY_ATTRS = {"RestoreV2": frozenset({"_shapes", "_reshape"}),
                      "If": frozenset({"_output_shapes"})}
# private attrs of a TF NodeDef an op keeps when imported, to write them again (cond_v2's If:
# TF 1.14's lowering pass reads _lower_using_switch_merge)
_IMPORTED_PRIVATE_ATTRS = {"If": frozenset({"_lower_using_switch_merge"})}


def _is_shape_like(v):
    return v is None or (isinstance(v, (tuple, list))
                         and all(d is None or (isinstance(d, (int, np.integer))
                                               and not isinstance(d, bool)) for d in v))


def _attr_value(key, v, p):
    """An AttrValue for a flowgrad attr value, or None to leave the attr out."""
    av = p.attr_value_pb2.AttrValue()
    if isinstance(v, _dt.DType):
        av.type = v.base_dtype.as_datatype_enum
    elif isinstance(v, TensorShape):
        av.shape.CopyFrom(shape_proto(v.as_list() if v.ndims is not None else None))
    elif key in _SHAPE_ATTRS and _is_shape_like(v):
        av.shape.CopyFrom(shape_proto(None if v is None else tuple(v)))
    elif isinstance(v, (bool, np.bool_)):
        av.b = bool(v)
    elif isinstance(v, (int, np.integer)):
        av.i = int(v)
    elif isinstance(v, (float, np.floating)):
        av.f = float(v)
    elif isinstance(v, str):
        av.s = v.encode()
    elif isinstance(v, bytes):
        av.s = v
    elif isinstance(v, np.ndarray):
        av.tensor.CopyFrom(tensor_proto(v))
    elif isinstance(v, (tuple, list)):
        items = list(v)
        lst = av.list
        lst.SetInParent()
        if key in _SHAPE_ATTRS and all(_is_shape_like(x) or isinstance(x, TensorShape)
                                       for x in items):
            for x in items:
                dims = x.as_list() if isinstance(x, TensorShape) and x.ndims is not None \
                    else (None if isinstance(x, TensorShape) or x is None else tuple(x))
                lst.shape.add().CopyFrom(shape_proto(dims))
        elif all(isinstance(x, _dt.DType) for x in items):
            lst.type.extend(x.base_dtype.as_datatype_enum for x in items)
        elif all(isinstance(x, (bool, np.bool_)) for x in items):
            lst.b.extend(bool(x) for x in items)
        elif all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in items):
            lst.i.extend(int(x) for x in items)
        elif all(isinstance(x, (float, int, np.floating, np.integer)) for x in items):
            lst.f.extend(float(x) for x in items)
        elif all(isinstance(x, (str, bytes)) for x in items):
            lst.s.extend(x.encode() if isinstance(x, str) else x for x in items)
        else:
            av.ClearField("list")
            av.s = repr(v).encode()
    elif v is None:
        return None
    else:
        av.s = repr(v).encode()
    return av


# ---------------------------------------------------------------------------------------
# TF 1.14's OpDefs (op_defs.json, made by tools/gen_op_defs.py): which attrs a NodeDef
# must carry, and how to derive the ones flowgrad does not store (T, Tidx, N, ...)
# ---------------------------------------------------------------------------------------
_OP_DEF_PROTOS = {}


def op_def_proto(op_type):
    """TF 1.14's OpDef proto of `op_type` as TF's op registry holds it (without docs, as
    the stripped_op_list of a meta graph); None for an op type TF does not have. The
    caller gets its own copy."""
    od = _OP_DEF_PROTOS.get(op_type)
    if od is None:
        d = op_defs().get(op_type)
        if d is None:
            return None
        from google.protobuf import json_format  # lazy: optional (summary extra)
        p = pb()
        od = p.op_def_pb2.OpDef(name=op_type)
        for field, args in (("input_arg", d["in"]), ("output_arg", d["out"])):
            for name, typ, type_attr, number_attr, type_list_attr, is_ref in args:
                getattr(od, field).add(name=name, type=typ, type_attr=type_attr,
                                       number_attr=number_attr, type_list_attr=type_list_attr,
                                       is_ref=is_ref)
        x = d.get("x", {})
        for name, typ, default in d["attr"]:
            a = od.attr.add(name=name, type=typ)
            if default is not None:
                json_format.ParseDict(default, a.default_value)
            e = x.get("attr", {}).get(name, {})
            if "allowed" in e:
                json_format.ParseDict(e["allowed"], a.allowed_values)
            if "min" in e:
                a.has_minimum = True
                a.minimum = e["min"]
        for flag in x.get("flags", ()):
            setattr(od, flag, True)
        if "dep" in x:
            od.deprecation.version, od.deprecation.explanation = x["dep"]
        _OP_DEF_PROTOS[op_type] = od
    copy = type(od)()
    copy.CopyFrom(od)
    return copy


def _split_args(args, tensors, attrs):
    """[(arg, tensors of that arg)] for OpDef args over an op's inputs or outputs."""
    def count(a):
        if not (a[3] or a[4]):
            return 1
        known = attrs.get(a[3]) if a[3] else attrs.get(a[4])
        if a[4] and known is not None:
            return len(known)
        return known if a[3] and isinstance(known, int) else None

    counts = [count(a) for a in args]
    unknown = [i for i, n in enumerate(counts) if n is None]
    if len(unknown) > 1:
        return None
    if unknown:   # the one list whose length no attr gives holds the tensors left
        counts[unknown[0]] = len(tensors) - sum(n for n in counts if n is not None)
        if counts[unknown[0]] < 0:
            return None
    out, pos = [], 0
    for a, n in zip(args, counts):
        out.append((a, tensors[pos:pos + n]))
        pos += n
    return out if pos == len(tensors) else None


def _derived_attrs(op, od):
    """Type, number and type-list attrs TF derives from the op's inputs and outputs."""
    got = {}
    for args, tensors in ((od["in"], op._inputs), (od["out"], op._outputs)):
        split = _split_args(args, list(tensors), op._attrs)
        if split is None:
            continue
        for (name, _, type_attr, number_attr, type_list_attr, _), ts in split:
            if number_attr:
                got.setdefault(number_attr, len(ts))
            if type_list_attr:
                got.setdefault(type_list_attr, [t.dtype.base_dtype for t in ts])
            if type_attr and ts:
                got.setdefault(type_attr, ts[0].dtype.base_dtype)
    return got


def _default_value(d, p):
    from google.protobuf import json_format  # lazy: optional dependency (summary extra)
    av = p.attr_value_pb2.AttrValue()
    json_format.ParseDict(d, av)
    return av


def _typed_attr(atype, key, v, p):
    """An AttrValue of OpDef type `atype` for flowgrad's value `v` (None: leave out)."""
    if v is None and atype not in ("shape",):
        return None
    av = p.attr_value_pb2.AttrValue()
    if atype == "type":
        av.type = _dt.as_dtype(v).base_dtype.as_datatype_enum
    elif atype == "int":
        av.i = int(v)
    elif atype == "float":
        av.f = float(v)
    elif atype == "bool":
        av.b = bool(v)
    elif atype == "string":
        av.s = v.encode() if isinstance(v, str) else bytes(v)
    elif atype == "shape":
        if isinstance(v, TensorShape):
            v = v.as_list() if v.ndims is not None else None
        av.shape.CopyFrom(shape_proto(None if v is None else tuple(v)))
    elif atype == "tensor":
        av.tensor.CopyFrom(tensor_proto(np.asarray(v) if not isinstance(v, np.ndarray) else v,
                                        canonical=True))
    elif atype == "list(type)":
        av.list.SetInParent()
        av.list.type.extend(_dt.as_dtype(x).base_dtype.as_datatype_enum for x in v)
    elif atype == "list(int)":
        av.list.SetInParent()
        av.list.i.extend(int(x) for x in v)
    elif atype == "list(float)":
        av.list.SetInParent()
        av.list.f.extend(float(x) for x in v)
    elif atype == "list(string)":
        av.list.SetInParent()
        av.list.s.extend(x.encode() if isinstance(x, str) else x for x in v)
    elif atype == "list(shape)":   # (an empty list is `list {}`, not a scalar's shape)
        av.list.SetInParent()
        for x in v:
            if isinstance(x, TensorShape):
                x = x.as_list() if x.ndims is not None else None
            av.list.shape.add().CopyFrom(shape_proto(None if x is None else tuple(x)))
    else:
        return _attr_value(key, v, p)
    return av


def _node_attrs(op, defs, node, p):
    """node.attr of `op`: TF's OpDef's attrs (_canonical_node_attrs) where TF has the op
    type, else each of flowgrad's attrs that an AttrValue can hold; `_gradient_op_type`
    for an op made under gradient_override_map (TF's Graph._create_op_helper sets it)."""
    if op._grad_type:
        node.attr["_gradient_op_type"].s = op._grad_type.encode()
    od = defs.get(op.type)
    if od is not None:
        _canonical_node_attrs(op, od, node, p)
        if op.type == "SymbolicGradient":   # TF's _SymGrad: f names the call, its attrs
            node.attr["f"].func.name = op._attrs["f"]
            node.attr["f"].func.attr["_disable_call_shape_inference"].b = True
        return
    for k, v in op._attrs.items():
        av = _attr_value(k, v, p)
        if av is not None:
            node.attr[k].CopyFrom(av)


def _canonical_node_attrs(op, od, node, p):
    """Fills node.attr with every attr of TF's OpDef: flowgrad's value, else derived from the
    inputs/outputs, else the OpDef default; private (_x) attrs are kept, others dropped."""
    derived = _derived_attrs(op, od)
    for name, atype, default in od["attr"]:
        v = op._attrs.get(name)
        av = _typed_attr(atype, name, v, p) if name in op._attrs else None
        if name == "value" and "fill_values" in op._attrs:   # Const of a filled shape
            av.tensor.CopyFrom(filled_tensor_proto(op._attrs["fill_values"], v.shape,
                                                   op._attrs["dtype"]))
        elif name == "value" and op._attrs.get("dtype") is _dt.bfloat16:   # held as float32
            av.tensor.CopyFrom(tensor_proto(np.asarray(v), dtype=_dt.bfloat16, canonical=True))
        if av is None and name in derived:
            av = _typed_attr(atype, name, derived[name], p)
        if av is None and default is not None:
            av = _default_value(default, p)
        if av is not None:
            node.attr[name].CopyFrom(av)
    kernel_only = _KERNEL_ONLY_ATTRS.get(getattr(op, "type", None), ())
    for k, v in op._attrs.items():
        if k.startswith("_") and k not in node.attr and k not in kernel_only:
            av = _attr_value(k, v, p)
            if av is not None:
                node.attr[k].CopyFrom(av)


class _Arg:
    """What _derived_attrs reads of a tensor: its dtype."""
    __slots__ = ("dtype",)

    def __init__(self, dtype):
        self.dtype = _dt.as_dtype(dtype)


class _NodeSpec:
    """What _canonical_node_attrs reads of an op, for a node a lowering adds."""
    __slots__ = ("_inputs", "_outputs", "_attrs")

    def __init__(self, in_dtypes, attrs):
        self._inputs = [_Arg(d) for d in in_dtypes]
        self._outputs = []
        self._attrs = attrs


def _lower(op, gd, p, defs, add_shapes, plan, lowering):
    """Adds the TF-op subgraph of flowgrad-only `op` (graph_def_lower.py) to `gd`."""
    def emit(name, op_type, inputs, in_dtypes, attrs, controls=False, shapes=None,
             colocation=None):
        """(`shapes`: the outputs' TensorShapes, written with add_shapes; `colocation`: the
        `_class` op names)"""
        node = gd.node.add()
        node.name = name
        node.op = op_type
        node.input.extend(inputs)
        if controls:
            node.input.extend(_control_inputs(op, plan))
        if op.device:
            node.device = op.device
        _canonical_node_attrs(_NodeSpec(in_dtypes, attrs), defs[op_type], node, p)
        if add_shapes and name == op.name and op.type in LOWERINGS:   # (a Merge: not)
            _add_output_shapes(op, node)
        elif add_shapes and shapes is not None:
            lst = node.attr["_output_shapes"].list
            for sh in shapes:
                lst.shape.add().CopyFrom(shape_proto(sh.as_list() if sh.ndims is not None
                                                     else None))
        if colocation:
            node.attr["_class"].list.s.extend(b"loc:@" + c.encode() for c in colocation)
        return name
    def copy(src, name, inputs):
        """Writes graph op `src` as node `name` reading `inputs` (its own attrs, device,
        colocation and shapes)."""
        node = gd.node.add()
        node.name = name
        node.op = src.type
        node.input.extend(inputs)
        if src.device:
            node.device = src.device
        _node_attrs(src, defs, node, p)
        if src._colocation:
            node.attr["_class"].list.s.extend(b"loc:@" + c.encode() for c in src._colocation)
        if add_shapes:
            _add_output_shapes(src, node)
        return name
    emit.copy = copy
    emit.plan = plan
    emit.input_name = (lambda t: plan.input_name(op, t)) if plan else \
        (lambda t: t._as_node_def_input())
    return lowering(op, emit)


def _control_inputs(op, plan):
    """`op`'s control inputs as "^name" strings, sorted by name as TF's ToGraphDef writes them
    (an op a lowering writes under another node's name, or leaves out for the tensor it
    forwards: a loop gradient's grad_ys Identity, that node)."""
    if plan is None:
        names = [c.name for c in op._control_inputs]
    else:
        names = []
        dropped = plan.all_dropped_controls(op)
        for c in op._control_inputs:
            if c in dropped:   # (read through another node: a loop's Identity of it)
                continue
            # (a tuple's group_deps waiting for an op written as several nodes, a loop
            # gradient: TF's waits for the nodes of the outputs the tuple gates)
            outs = _gated_outputs(op, c) if len(c._outputs) > 1 else []
            # (or the output given to control_dependencies: a rule's grad of a loop's)
            given = op._graph._control_tensors.get(op, {}).get(c) if not outs else None
            names += [plan._renamed(t).split(":")[0]
                      for t in outs or ([given] if given is not None else c._outputs[:1])] \
                if c._outputs else [c.name]
        names = list(dict.fromkeys(names))
    if plan is not None:
        names.extend(plan.extra_controls(op))
    return ["^" + n for n in sorted(names)]


def _gated_outputs(gate, op):
    """The outputs of `op` that tuple gate `gate` (a NoOp group_deps) gates: those its
    control_dependency Identities read."""
    if gate._type != "NoOp" or not gate._name.endswith("group_deps"):
        return []
    return [t for t in op._outputs for c in t._consumers
            if c._type == "Identity" and gate in c._control_inputs]


# TF's handles that are 2-vectors (its shape functions) where flowgrad's are scalars: an
# imported _output_shapes must agree with TF's shape function.
_TF_HANDLE_SHAPES = {"TensorArrayV3": {0: [2]}, "TensorArrayGradV3": {0: [2]},
                     "TensorArrayGradWithShape": {0: [2]}, "StackV2": {0: [2]}}


def _add_output_shapes(op, node):
    if not op.outputs:      # TF extends an empty list: no attr at all
        return
    lst = node.attr["_output_shapes"].list
    lst.SetInParent()
    handles = _TF_HANDLE_SHAPES.get(node.op, {})
    for i, t in enumerate(op.outputs):
        s = t.shape
        s = handles[i] if i in handles else s.as_list() if s.ndims is not None else None
        lst.shape.add().CopyFrom(shape_proto(s))


@engine_side
def graph_to_graph_def(graph, add_shapes=False, library=None, outputs=None, report=None):
    """The GraphDef proto of `graph` in TF 1.14's canonical form.

    Every attribute TF's OpDef declares is present (flowgrad's value, else
    derived from the inputs and outputs as TF does: T, Tidx, N, ..., else the
    OpDef's default), so TF's import_graph_def accepts the graph; constants of
    at most one element are written as float_val/int_val, larger ones as
    tensor_content, as tf.constant does. Serialize with deterministic=True
    (or text format) for sorted attrs. flowgrad's own ops that stand for
    several of TF's (graph_def_lower.py) are written as those TF ops; any
    other op TF 1.14 does not have keeps flowgrad's attrs. The bodies of call
    ops (Case, PartitionedCall) are the FunctionDefs of its library
    (graph_def_functions.py; `library`: the one a body being written adds to;
    with `outputs`, a function body's, returns (GraphDef, the node input naming
    each output)). Needs the `summary` extra. `report` (a dict) gets "tf_form": whether
    every cond was written in TF's own layout (CondPlan._plan_tf) and every node is an op
    TF 1.14 has, and "renames": {name a node was written under: TF's name it was given}.
    """
    p = pb()
    defs = op_defs()
    top = library is None
    if top:
        library = FunctionLibrary(p, defs, graph_to_graph_def)
        library.add_shapes = add_shapes
    gd = p.graph_pb2.GraphDef()
    gd.versions.CopyFrom(graph.graph_def_versions)   # (producer 38 unless an import lowered it)
    ops = graph._flowgrad_operations()
    arrays = TensorArrayPlan(graph) if any(op.type == "TensorArrayV3" for op in ops) else None
    grad_ok = grad_verdicts(ops)
    if arrays is not None and arrays.grad_of and not all(grad_ok.values()):
        # a loop gradient kept as flowgrad's op: gradient arrays stay flowgrad's, and so do
        # the loop gradients that use them
        arrays = TensorArrayPlan(graph, grads=False)
        grad_ok = grad_verdicts(ops, lambda op: not uses_grad_arrays(op))
    conds = CondPlan(graph, arrays, grad_ok) if any(op.type == "Cond" for op in ops) else None
    loops = LoopPlan(graph, arrays, grad_ok.get) if any(op.type == "While" for op in ops) \
        else None
    grads = GradLoopPlan(graph, loops, grad_ok, conds) if loops is not None and grad_ok else None
    if grads is not None:
        loops.grad_plan = grads
        if arrays is not None:   # (a gradient array op TF's frame has no node for)
            arrays.lowered -= grads._dropped
    plans = [q for q in (conds, loops, arrays, grads) if q is not None]
    for q in plans:
        q.others = [o for o in plans if o is not q]
    plan = plans[0] if plans else None

    # the parts of TF's layout of loops and conds written before and after an op (an
    # outer loop's before a cond's)
    staged = [q for q in (loops, conds) if q is not None]

    def stages(op, where):
        for q in staged:
            for sop, stage in getattr(q, where).get(op, ()):
                _lower(sop, gd, p, defs, add_shapes, q,
                       lambda o, emit, q=q, stage=stage: q.emit_stage(o, stage, emit))

    counted = exit_states(graph) if loops is not None else {}
    for op in ops:
        stages(op, "before")
        _write_op(op, gd, p, defs, add_shapes, plan, plans, arrays, library)
        stages(op, "after")
        if op in counted:
            _write_exit_states(counted[op], loops, gd, p, defs, add_shapes)
    if loops is not None or arrays is not None:   # TF's names of loops, loop gradients
        names = [n.name for n in gd.node]           # and gradient arrays
        taken = set(names)
        renames = loops.node_renames(names, taken) if loops is not None else {}
        if grads is not None:
            renames.update(grads.node_renames(names, taken))
        if arrays is not None and arrays.grad_of:
            mid = [renames.get(n, n) for n in names]
            more = ta_grad_renames(mid, taken)
            renames = {n: more.get(m, m) for n, m in zip(names, mid) if more.get(m, m) != n}
        rename_nodes(gd, renames, sort_controls=True)
    else:
        renames = {}
    if conds is not None and conds._grad_scopes:   # TF's numbering of gradients' AddNs
        more = conds.node_renames([n.name for n in gd.node])
        if more:
            rename_nodes(gd, more)
            renames = {**{k: more.get(v, v) for k, v in renames.items()},
                       **{k: v for k, v in more.items() if k not in renames}}
    roots = {ta_grad_source(g) for g in grads.plans} if grads is not None else set()
    if conds is not None:   # (a cond's gradient written as TF's: its nodes in TF's queue
        roots |= {ta_grad_source(g) for g in conds._grad_steps}   # among the call's)
    if roots:   # a loop or cond gradient's nodes in TF's walk order
        renames = _tf_walk_order(graph, gd, grads, renames, roots)
    if conds is not None and conds._flat_sums:
        _terms_as_made(gd, {renames.get(n, n) for n in conds._flat_sums})
    if plan is not None:
        _known_colocations(gd)
    if report is not None:
        funcs = {f.signature.name for f in library.functions}   # (calls of Defuns: swish)
        report["tf_form"] = (conds is None or conds.tf_form()) and \
            all(n.op in defs or n.op in funcs for n in gd.node)
        report["renames"] = renames
        # (flowgrad's own ops a lowering left out, whose names TF's nodes may take)
        report["unwritten"] = {o.name for o in getattr(conds, "unwritten", ())}
    if top and library.one_shots:   # (TF's _make_dataset Defuns: the written pipelines)
        nodes = {n.name: n for n in gd.node}
        pending, library.one_shots = library.one_shots, []
        for op, node in pending:
            library.write_one_shot(op, node, nodes, lambda f: hash_suffix(function_def_hash(
                f, lambda t: content_form(t, p.tensor_pb2, tensor_from_proto(t)))))
    if top and library.functions:
        if library.defun_order and gd.versions.min_consumer < 12:
            gd.versions.min_consumer = 12   # (TF's Graph::AddFunctionLibrary)
        functions, gradients = library.tf_order()
        gd.library.function.extend(functions)
        for name, grad in gradients:
            entry = gd.library.gradient.add()
            entry.function_name, entry.gradient_func = name, grad
    if outputs is None:
        return gd
    names = []
    for t in outputs:
        name, _, idx = (plan._renamed(t) if plan is not None else t._as_node_def_input()) \
            .partition(":")
        name = renames.get(name, name)
        names.append(f"{name}:{idx}" if idx else name)
    return gd, names



def _write_exit_states(states, loops, gd, p, defs, add_shapes):
    """The GradLoopState counters a tf.gradients call made for loops whose Exit only was
    between its ys and xs ([(While op, TF's 18 names)], grad_state.note_exit_state): TF's
    AddForwardLoopCounter (in the loop's frame; its Consts, in an enclosing loop's body,
    wait for that loop's pivot) and AddBackpropLoopCounter (in the call's gradient frame)."""
    i32, b = _dt.int32, _dt.bool_

    def emit(name, op_type, inputs, in_dtypes, attrs, n_out=1):
        node = gd.node.add()
        node.name, node.op = name, op_type
        node.input.extend(inputs)
        _canonical_node_attrs(_NodeSpec(in_dtypes, attrs), defs[op_type], node, p)
        if add_shapes:
            node.attr["_output_shapes"].list.shape.extend([shape_proto([])] * n_out)
        return name

    def const(name, value, controls):
        return emit(name, "Const", controls, [], {"dtype": i32,
                                                  "value": np.asarray(value, np.int32)})
    for w, names in states:
        s, frame = loops._names(w)
        info = loops.infos[w]
        par = info.get("parallel", 10)
        fwd = {"frame_name": frame, "is_constant": False, "parallel_iterations": par}
        if len(names) == 3:   # an unused Exit's zeros entered into the gradient frame
            name, g, scope = names
            emit(name, "Enter", [g._as_node_def_input()], [g.dtype.base_dtype],
                 dict(fwd, frame_name=scope + "/" + frame))
            continue
        fc, fe, fm, fs, add, one, fn, fx, bc, be, bm, ge, gee, lc, bs, sub, bn, bx = names
        outer = loops._outer.get(w)
        ctl = ["^" + loops.infos[outer]["vars"][0].op.name] if outer is not None else []
        grad = dict(fwd, frame_name=fc.rsplit("/", 1)[0] + "/" + frame)
        const(fc, 0, ctl)
        emit(fe, "Enter", [fc], [i32], fwd)
        emit(fm, "Merge", [fe, fn], [i32, i32], {"N": 2}, 2)
        emit(fs, "Switch", [fm, s + "LoopCond"], [i32, b], {}, 2)
        const(one, 1, ["^" + info["vars"][0].op.name])
        emit(add, "Add", [fs + ":1", one], [i32, i32], {})
        emit(fn, "NextIteration", [add], [i32], {})
        emit(fx, "Exit", [fs], [i32], {})
        const(bc, 1, ctl)
        emit(be, "Enter", [fx], [i32], grad)
        emit(bm, "Merge", [be, bn], [i32, i32], {"N": 2}, 2)
        emit(ge, "GreaterEqual", [bm, gee], [i32, i32], {})
        emit(gee, "Enter", [bc], [i32], dict(grad, is_constant=True))
        emit(lc, "LoopCond", [ge], [b], {})
        emit(bs, "Switch", [bm, lc], [i32, b], {}, 2)
        emit(sub, "Sub", [bs + ":1", gee], [i32, i32], {})
        emit(bn, "NextIteration", [sub], [i32], {})
        emit(bx, "Exit", [bs], [i32], {})


def _terms_as_made(gd, names):
    """Orders the terms of the AddNs `names` (a nested cond gradient's Merges summed with a
    tensor's other gradients) as TF 1.14 lists them: in the order its walk made them,
    which is the GraphDef's (the Tanh's gradient before the inner cond's Merges where the
    walk reaches the Tanh first)."""
    at = {n.name: i for i, n in enumerate(gd.node)}
    for n in gd.node:
        if n.op == "AddN" and n.name in names:
            data = [i for i in n.input if not i.startswith("^")]
            order = sorted(data, key=lambda i: at.get(i.partition(":")[0], -1))
            if order != data:
                del n.input[:len(data)]
                n.input[0:0] = order


def _tf_walk_order(graph, gd, grads, renames, roots):
    """Puts the nodes of each tf.gradients call (named in one of `roots`) holding a loop
    or cond gradient in TF 1.14's order (graph_def_grad_order.py), its AddNs numbered so;
    returns `renames` updated."""
    calls = gradients_calls(graph)
    for i, (scope, xs, ys) in enumerate(calls):
        if scope not in roots:
            continue
        def order():
            return tf_order(list(gd.node), scope + "/", [renames.get(x, x) for x in xs],
                            [renames.get(y, y) for y in ys],
                            tuple(c[0] + "/" for c in calls[i + 1:]))
        got = order()
        if got is None:
            continue
        # each renaming puts TF's names on nodes numbered in TF's order, then orders again:
        # a stack read twice (named after its first reader) and a block's control input
        # entered for the gradient frame's Identities (after the first); the syncs (named
        # at their first pop); the Enters
        for names_of in (lambda ns: {**stack_names(ns, scope + "/"),
                                     **block_enter_names(ns, scope + "/")},
                         lambda ns: b_sync_names(ns, scope + "/"),
                         lambda ns: enter_names(ns, scope + "/")):
            new = names_of(got[0])
            if new:
                rename_nodes(gd, new, sort_controls=True)
                renames = {**{k: new.get(v, v) for k, v in renames.items()},
                           **{k: v for k, v in new.items() if k not in renames}}
                got = order()
                if got is None:
                    break
        if got is None:
            continue
        nodes, more = got
        pos = {n.name: i for i, n in enumerate(nodes)}
        gd.node.sort(key=lambda n: pos[n.name])
        late = _late_renumbered(gd, grads, renames, scope)   # (in TF's walk order)
        if late:   # (control inputs sorted by the new names: TF's ToGraphDef)
            rename_nodes(gd, late, sort_controls=True)
            renames = {**{k: late.get(v, v) for k, v in renames.items()},
                       **{k: v for k, v in late.items() if k not in renames}}
        if more:
            rename_nodes(gd, more)
            renames = {**{k: more.get(v, v) for k, v in renames.items()},
                       **{k: v for k, v in more.items() if k not in renames}}
    return renames


def _late_renumbered(gd, grads, renames, scope):
    """{node: TF's name} of the nodes a cond gradient in a loop gradient's frame numbers
    after the frame's (its zeros' Const and Switch, the Switch, Shape, stack, pop and zeros
    of a shape not fully known: GradLoopPlan._late_names), numbered in their order in `gd`
    (TF's walk order), which is the order TF makes them, and the nodes named under them;
    of the tf.gradients call named `scope` (its nodes now in TF's order). (A cond's zeros
    outside the loop are named late too: graph_def_lower_condgrad._zeros_merge.)"""
    groups = {}
    for old, base in (grads._late_names() if grads is not None else {}).items():
        name = renames.get(old, old)
        if base.endswith("/AddN") or not base.startswith(scope + "/"):
            continue   # (numbered with the scope's own AddNs; another call's)
        groups.setdefault(base, set()).add(name)
    names = [n.name for n in gd.node]
    # (slices summed in a frame, TF's concat and concat_1, and a cond's zeros in a frame:
    # numbered with the call's own concats and zeros, in TF's order)
    for base, late in groups.items():
        kinds = {"/concat": ("ConcatV2",), "/zeros": ("Fill", "Const")}.get(
            base[base.rfind("/"):])
        if kinds:
            late.update(n.name for n in gd.node if n.op in kinds and
                        re.fullmatch(re.escape(base) + r"(?:_[0-9]+)?", n.name))
    out = {}
    for base, late in groups.items():
        def num(n, base=base):
            return int(n[len(base) + 1:]) if n != base and n[len(base) + 1:].isdigit() else 0
        order = [n for n in names if n in late]
        for old, new in zip(order, sorted(order, key=num)):
            if old != new:
                out[old] = new
    for n in names if out else ():   # (zeros_k/Const, Switch_k/Enter: under their node)
        head = n
        while "/" in head and n not in out:
            head = head.rsplit("/", 1)[0]
            if head in out:
                out[n] = out[head] + n[len(head):]
    return out


def _write_op(op, gd, p, defs, add_shapes, plan, plans, arrays, library):
    """Adds `op`'s node (or the nodes a lowering writes for it) to `gd`."""
    if op._type == "V1Frames":   # how flowgrad runs imported TF control flow
        return
    # (a lowering that cannot write `op` returns False before adding any node)
    if op.type in LOWERINGS and _lower(op, gd, p, defs, add_shapes, plan,
                                       LOWERINGS[op.type]) is not False:
        return
    owner = next((q for q in plans if op in q.lowered), None)
    if owner is not None:
        _lower(op, gd, p, defs, add_shapes, owner, owner.lower)
        return
    node = gd.node.add()
    node.name = op.name
    node.op = op.type
    if plan is None:
        node.input.extend(t._as_node_def_input() for t in op._inputs)
    else:
        node.input.extend(plan.inputs(op))
    node.input.extend(_control_inputs(op, plan))
    if op.device:
        node.device = op.device
    _node_attrs(op, defs, node, p)
    if arrays is not None and op._inputs and (
            (op.type in ("Identity", "AddN") and all(t in arrays.flows for t in op._inputs))
            or (op.type in V1_FLOW_OPS and op._inputs[0] in arrays.flows)):
        node.attr["T"].type = _dt.float32.as_datatype_enum   # TF's flow is a float
    if op.type in FUNCTION_BODIES:
        library.write_call(op, node)
    if op.type in DEFUN_CALLS:
        library.write_defun(op)
    if op.type in DATASET_FUNCTIONS:
        library.write_dataset(op, node)
    if op in ONE_SHOT_FACTORIES:
        library.one_shots.append((op, node))
    if op._colocation:
        node.attr["_class"].list.s.extend(
            b"loc:@" + c.encode() for c in _colocation_names(op, plan))
    if add_shapes:
        _add_output_shapes(op, node)


def _known_colocations(gd):
    """Drops `_class` entries naming no node of `gd` (a colocation with an op a control-flow
    plan wrote under another name or left out): TF's importer refuses them."""
    names = {n.name for n in gd.node}
    for node in gd.node:
        if "_class" not in node.attr:
            continue
        locs = node.attr["_class"].list.s
        keep = [c for c in locs if not c.startswith(b"loc:@") or c[5:].decode() in names]
        if len(keep) != len(locs):
            del locs[:]
            locs.extend(keep)
            if not keep:
                del node.attr["_class"]


def _colocation_names(op, plan):
    """`op`'s colocation group names; under a control-flow plan, an op it writes under
    another name, or drops for another node (a gradient's grad_ys Identity), by the node
    its output 0 is written as (as _control_inputs)."""
    if plan is None:
        return op._colocation
    names = []
    for c in op._colocation:
        src = op._graph._ops_by_name.get(c)
        name = plan._renamed(src._outputs[0]).split(":")[0] if src is not None and \
            src._outputs else c
        if name not in names:
            names.append(name)
    return names


def defun_hash_suffix(inst) -> str:
    """The suffix TF 1.14 gives the name of a Defun instance defined without func_name:
    its FunctionDef's FunctionDefHash, base64 (tf_hash.py)."""
    p = pb()
    fdef = FunctionLibrary(p, op_defs(), graph_to_graph_def).defun_def(inst)
    return hash_suffix(function_def_hash(
        fdef, lambda t: content_form(t, p.tensor_pb2, tensor_from_proto(t))))


def defun_function_def(inst):
    """The FunctionDef of a Defun instance as a GraphDef's library holds it (named, its
    attrs; nested functions and the gradient function are not included)."""
    library = FunctionLibrary(pb(), op_defs(), graph_to_graph_def)
    library.write_defun_instance(inst)
    return library.function_named(inst.name)


def graph_def_versions():
    """The VersionDef flowgrad's GraphDefs carry (TF 1.14's producer)."""
    v = pb().versions_pb2.VersionDef()
    v.producer = _PRODUCER
    return v


def node_def_proto(op):
    """TF's NodeDef of one op (Operation.node_def): its name, type, inputs (control inputs
    as "^name", in the order added), device and attrs as as_graph_def writes a node that
    needs no lowering (every attr of TF's OpDef, defaults included; `_class` for
    colocation)."""
    p = pb()
    node = p.node_def_pb2.NodeDef()
    node.name = op.name
    node.op = op.type
    node.input.extend(t._as_node_def_input() for t in op._inputs)
    node.input.extend("^" + c.name for c in op._control_inputs)
    if op.device:
        node.device = op.device
    _node_attrs(op, op_defs(), node, p)
    if op._colocation:
        node.attr["_class"].list.s.extend(b"loc:@" + c.encode() for c in op._colocation)
    return node


def node_def_text(node):
    """str(NodeDef) as TF 1.14's protobuf prints it: the attr map sorted by key (newer
    protobuf releases print a map in its own order)."""
    head = pb().node_def_pb2.NodeDef()
    head.CopyFrom(node)
    head.ClearField("attr")
    parts = [tf_text(head)]
    for key in sorted(node.attr):
        value = tf_text(node.attr[key], indent=4)
        parts.append(f'attr {{\n  key: "{c_escape(key)}"\n  value {{\n{value}  }}\n}}\n')
    return "".join(parts)


_FIELDS = ("s", "i", "f", "b", "type", "shape", "tensor", "func")


def attr_from_node(op, name, node=None):
    """TF 1.14's Operation.get_attr: the AttrValue of the op's NodeDef (`node`, else the
    one node_def_proto writes) decoded as TF's Python does (bytes, int, float, bool,
    DType, TensorShapeProto, TensorProto, NameAttrList; a list of one of them; [] for an
    empty value)."""
    attrs = (node if node is not None else node_def_proto(op)).attr
    if name not in attrs:
        raise ValueError(f"Operation '{op.name}' has no attr named '{name}'.")
    x = attrs[name]
    which = x.WhichOneof("value")
    if which is None:
        return []
    if which == "list":
        for f in _FIELDS:
            if getattr(x.list, f):
                if f == "type":
                    return [_dt.as_dtype(t) for t in x.list.type]
                return list(getattr(x.list, f))
        return []
    if which == "type":
        return _dt.as_dtype(x.type)
    return getattr(x, which)


def rename_nodes(gd, renames, sort_controls=False):
    """Renames nodes of `gd` ({old: new}) and every input and colocation naming them
    (`sort_controls`: each node's control inputs sorted by their new names, as TF's
    ToGraphDef writes them)."""
    if not renames:
        return
    for node in gd.node:
        node.name = renames.get(node.name, node.name)
        ins, ctls = [], []
        for i in node.input:
            ctl = i.startswith("^")
            base, sep, port = i[1:].partition(":") if ctl else i.partition(":")
            if ctl:
                ctls.append("^" + renames.get(base, base))
            else:
                ins.append(renames.get(base, base) + sep + port)
        del node.input[:]
        node.input.extend(ins + (sorted(ctls) if sort_controls else ctls))
        if "_class" in node.attr:
            locs = [b"loc:@" + renames.get(c[5:].decode(), c[5:].decode()).encode()
                    if c.startswith(b"loc:@") else c for c in node.attr["_class"].list.s]
            del node.attr["_class"].list.s[:]
            node.attr["_class"].list.s.extend(locs)


# ---------------------------------------------------------------------------------------
# GraphDef protobuf -> flowgrad attrs (TF-written .meta / .pb files)
# ---------------------------------------------------------------------------------------
def _attr_from_proto(av):
    """flowgrad's value for an AttrValue (ValueError for one flowgrad cannot hold)."""
    kind = av.WhichOneof("value")
    if kind == "s":
        try:
            return av.s.decode("utf-8")
        except UnicodeDecodeError:
            return av.s
    if kind in ("i", "f", "b"):
        return getattr(av, kind)
    if kind == "type":
        return _dt.as_dtype(av.type)
    if kind == "shape":
        return _shape_from_proto(av.shape)
    if kind == "tensor":
        return tensor_from_proto(av.tensor)
    if kind == "func":   # a function of the GraphDef's library, by name (flowgrad's attr)
        return av.func.name
    if kind == "list":
        lst = av.list
        if lst.func:
            return tuple(f.name for f in lst.func)
        for field in ("s", "i", "f", "b", "type", "shape", "tensor"):
            items = list(getattr(lst, field))
            if items:
                if field == "type":
                    return tuple(_dt.as_dtype(x) for x in items)
                if field == "shape":
                    return tuple(_shape_from_proto(x) for x in items)
                if field == "tensor":
                    return tuple(tensor_from_proto(x) for x in items)
                if field == "s":
                    return tuple(x.decode("utf-8", "replace") for x in items)
                return tuple(items)
        return ()
    if kind is None:
        return None
    raise ValueError(f"an attr of kind {kind!r} (functions and placeholders are not supported)")


def _shape_from_proto(s):
    if s.unknown_rank:
        return None
    return tuple(None if d.size < 0 else d.size for d in s.dim)


def _accepted_attrs(op_type):
    """Names of the attrs flowgrad's kernel for `op_type` takes (None: any)."""
    entry = OPS.get(op_type)
    if entry is None or entry.bind is not None or entry.kernel is None:
        return None  # a bind function reads the attrs it needs by name
    fn = entry.kernel
    if isinstance(fn, np.ufunc):
        return set()
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return None
    return {p.name for p in params}


def node_attrs_from_proto(op_type, attr_map):
    """flowgrad's attrs of a TF NodeDef: each AttrValue decoded; the attrs TF derives from
    the inputs (T, Tidx, ...) and private ones (_class, _output_shapes) left out unless
    flowgrad's op takes them."""
    od = op_defs().get(op_type)
    derived = set()
    if od is not None:
        for _, _, type_attr, number_attr, type_list_attr, _ in od["in"]:
            derived.update(x for x in (type_attr, number_attr, type_list_attr) if x)
        # a NodeDef written with its default attrs stripped (strip_default_attrs, as
        # Keras' export_saved_model writes): TF's importer adds the OpDef's defaults
        missing = [(name, default) for name, _, default in od["attr"]
                   if default is not None and name not in attr_map]
        if missing:
            attr_map = dict(attr_map)
            for name, default in missing:
                attr_map[name] = _default_value(default, pb())
    accepted = _accepted_attrs(op_type)
    kept = _IMPORTED_PRIVATE_ATTRS.get(op_type, ())
    # derived attrs flowgrad stores all the same (ParseExample's kernel takes its counts)
    keep_derived = {"N", "SrcT", "dtypes", "dtype", "Nsparse", "Ndense", "Tdense"}
    out = {}
    for k in sorted(attr_map):
        if k.startswith("_") and (accepted is None or k not in accepted) and k not in kept:
            continue
        if k in derived and k not in keep_derived and (accepted is None or k not in accepted):
            continue
        if accepted is not None and k not in accepted and k not in ("dtype", "shape"):
            continue
        out[k] = _attr_from_proto(attr_map[k])
    if op_type == "Const" and "value" in out:
        given = _given_values(attr_map["value"].tensor, out["value"])
        if given is not None:
            out["fill_values"] = given
    return out


def _given_values(t, full):
    """The values a Const's TensorProto holds when they are fewer than its shape's (TF
    fills the rest with the last), else None."""
    if t.tensor_content or full.size <= 1:
        return None
    field = _VALS_OF_ENUM.get(t.dtype, "string_val")
    count = len(getattr(t, field))
    if field in ("scomplex_val", "dcomplex_val"):
        count //= 2
    if not 0 < count < full.size:
        return None
    given = np.ascontiguousarray(full.reshape(-1)[:count])
    given.flags.writeable = False
    return given
