"""Ops whose bodies are function graphs: Case (tf.switch_case), PartitionedCall /
StatefulPartitionedCall (tf.function), and If (TF 1.14's cond_v2: tf.cond in a tf.data
function, or imported from a GraphDef; elsewhere flowgrad's tf.cond builds its Cond op,
a tf.function's body included), as TF 1.14 builds them in graph mode:
the body is traced once into a FuncGraph (engine/ops/dataset_fn.py) and the user's graph
holds one call op, whose inputs are the arguments and the outer tensors the body captures.

Binding compiles each body into a sub-plan of the session (as Cond's branches). The
gradient of a call op is one more call op (TF's "<op>_grad/PartitionedCall", ".../Case")
whose body is a copy of the forward body with its gradient built in (TF instead makes
the forward op output its intermediates: the values are the same, the function library
differs). Stateful ops of a body are run in program order (TF's automatic control
dependencies) even when no output needs them.

A GraphDef writes the bodies as FunctionDefs of its library (framework/
graph_def_functions.py); importing one (TF's tf.function / tf.switch_case graphs too)
rebuilds each body in a FuncGraph from its FunctionDef (_build_partitioned_call,
_build_case).
"""
from __future__ import annotations

import numpy as np

from ..autodiff.gradients import gradients
from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import convert_to_tensor
from ..framework import branches as _branches
from ..framework.graph import (Operation, Tensor, get_default_graph, name_scope,
                               tracing_function_body)
from ..framework.graph_def_functions import (FUNCTION_BODIES, _traced_capture_name,
                                             _tf_unique, function_graph_def)
from ..framework import meta_graph as _meta_graph
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import OPS, register_op
from ..optimize import optimize_program
from ..runtime.backends.numpy import CompiledProgram
from ..runtime.ir import lower
from .construction import placeholder, zeros
from .construction import zeros_like as _zeros_like
from . import control_flow as _cf
from .control_flow import _COND_INFO, _LOOP_INFO, _SubPlan
from .dataset_fn import FuncGraph, next_uid
from .resource import handle_info
from .shape import identity
from ..framework import graph_records as _records

__all__ = ["Body", "call_function", "case", "pack", "trace"]

_INFO = _records.GraphRecords("_INFO")   # call op -> [Body]
# a call op copied into a gradient body -> the op its bodies were traced for (a Case's
# branches capture that op's inputs: its copy's inputs stand for them by position)
_ORIGINAL = _records.GraphRecords("_ORIGINAL")


class Body:
    """A traced function: its FuncGraph, argument placeholders, flat outputs, and the
    outer tensors it captures (in capture order)."""

    def __init__(self, graph, args, outputs):
        self.graph = graph
        self.args = list(args)
        self.outputs = list(outputs)

    @property
    def captures(self) -> list:
        return list(self.graph.captures)

    @property
    def inner_captures(self) -> list:
        return [self.graph.captures[t] for t in self.graph.captures]

    @property
    def stateful(self) -> bool:
        return any(_is_stateful(op) for op in self.graph._ops)


def _is_stateful(op) -> bool:
    if op.type == "Placeholder":
        return False
    d = OPS.get(op.type)
    return bool(d is not None and d.stateful) or any(
        t.dtype.base_dtype is _dt.resource for t in op._inputs)


def _loop_members(graph) -> set:
    """The ops of `graph`'s tf.while_loop bodies and its loop gradients' loop variables
    (stateful ops run by their While / WhileGrad op only)."""
    out = {op for op in graph._ops if op.type == "LoopVar"}
    for op in graph._ops:
        info = _LOOP_INFO.get(op)
        if info is not None:
            out.update(info.get("members_order", ()))
    return out


def _order_stateful(graph) -> None:
    """TF's automatic control dependencies: each stateful op after the one before it."""
    prev = None
    members = _loop_members(graph)
    for op in list(graph._ops):
        if _is_stateful(op) and op not in members:
            if prev is not None and prev not in op._control_inputs:
                op._add_control_inputs([prev])
            prev = op


def _as_output(graph, v):
    if isinstance(v, IndexedSlices):
        v = convert_to_tensor(v)
    if isinstance(v, Tensor):
        return graph.capture(v) if v._op._graph is not graph else v
    return convert_to_tensor(v)


def trace(fn, arg_specs, outer, name, build_args=None, wrap_outputs=False):
    """Traces `fn` into a FuncGraph nested in `outer`.

    arg_specs: (dtype, shape, name) per argument placeholder; build_args(placeholders)
    -> (args, kwargs) for `fn` (default: the placeholders in order). Returns
    (Body, the structure `fn` returned, its flat list of values).
    """
    graph = FuncGraph(outer, name)
    with tracing_function_body(graph):
        phs = [placeholder(d, s, n) for d, s, n in arg_specs]
        args, kwargs = build_args(phs) if build_args is not None else (phs, {})
        result = fn(*args, **kwargs)
        flat = _flatten(result)
        outs = [None if v is None else _as_output(graph, v) for v in flat]
        if wrap_outputs:
            outs = [None if t is None else identity(t) for t in outs]
    _order_stateful(graph)
    return Body(graph, phs, [t for t in outs if t is not None]), result, outs


def _flatten(x):
    if isinstance(x, (list, tuple)):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    if isinstance(x, dict):
        out = []
        for k in sorted(x):
            out.extend(_flatten(x[k]))
        return out
    return [x]


def pack(structure, flat):
    """`flat` (as `_flatten` orders it) in the nesting of `structure`."""
    it = iter(flat)

    def build(x):
        if isinstance(x, (list, tuple)):
            items = [build(v) for v in x]
            return type(x)(*items) if hasattr(x, "_fields") else type(x)(items)
        if isinstance(x, dict):
            return {k: build(x[k]) for k in sorted(x)}
        return next(it)
    return build(structure)


def _compile(body, ctx):
    options = ctx.session._config_options if ctx.session is not None else {}
    members = _loop_members(body.graph)
    targets = [op for op in body.graph._ops if _is_stateful(op) and op not in members]
    prog = optimize_program(lower(body.graph, body.outputs, targets,
                                  body.args + body.inner_captures), options)
    return _SubPlan(CompiledProgram(prog, ctx, inplace=False))


def _run(plan, feeds, n_out):
    try:
        out = plan(feeds)
    except Exception as e:  # noqa: BLE001 - mapped to the failing body op
        raise plan.comp.translate_error(e) from None
    if n_out == 0:
        return None
    return out[0] if n_out == 1 else tuple(out)


def _out_specs(bodies):
    """Each output's dtype and the shape all bodies agree on (unknown where they differ)."""
    specs = []
    for ts in zip(*[b.outputs for b in bodies]):
        shape = ts[0].shape
        for t in ts[1:]:
            if shape.ndims != t.shape.ndims:
                shape = t.shape.__class__(None)
            elif shape.ndims is not None:
                shape = shape.__class__([a if a == b else None
                                         for a, b in zip(shape.as_list(), t.shape.as_list())])
        specs.append((ts[0].dtype.base_dtype, shape))
    return specs


# -- PartitionedCall / StatefulPartitionedCall ----------------------------------------------
def _call_infer(inputs, attrs):
    return list(zip(attrs["Tout"], attrs["_output_shapes"]))


def _call_bind(node, ctx):
    (body,) = _INFO[node.op]
    plan = _compile(body, ctx)
    n_out = len(body.outputs)

    def run_call(*values):
        return _run(plan, list(values), n_out)
    return run_call


def _copy_body(body, graph, mapping):
    """Copies `body`'s ops into `graph` (now the default), its placeholders mapped as
    `mapping` says; returns the copy of each tensor and op."""
    mapping = dict(mapping)
    for op in body.graph._ops:
        if op.type == "Placeholder" and op._outputs[0] in mapping:
            continue
        inputs = [mapping[t] for t in op._inputs]
        new = graph._create_op(op.type, inputs, dict(op._attrs), op._name)
        ctrl = [mapping[c] if c in mapping else mapping[c._outputs[0]]._op
                for c in op._control_inputs
                if c in mapping or (c._outputs and c._outputs[0] in mapping)]
        if ctrl:
            new._add_control_inputs(ctrl)
        mapping[op] = new
        if op in _INFO:    # a call op in the body: the copy calls the same bodies
            _INFO[new] = _INFO[op]
            _ORIGINAL[new] = _ORIGINAL.get(op, op)
        for a, b in zip(op._outputs, new._outputs):
            mapping[a] = b
    _copy_conds(body.graph, graph, mapping)
    _copy_loops(body.graph, mapping)
    return mapping


def _copy_loops(old_graph, mapping):
    """Each copied tf.while_loop's record (its loop variables, captures, cond, body results
    and members) in the copy's tensors, so the copy runs and differentiates as the original."""
    for op in old_graph._ops:
        info = _LOOP_INFO.get(op)
        if info is None or op not in mapping or op.type != "While":
            continue
        new = dict(info)
        new.update(vars=[mapping[t] for t in info["vars"]],
                   captures=[mapping[t] for t in info["captures"]],
                   cond=mapping[info["cond"]], body=[mapping[t] for t in info["body"]],
                   members_order=[mapping[o] for o in info["members_order"]],
                   body_first=mapping.get(info.get("body_first")))
        _LOOP_INFO[mapping[op]] = new


def _copy_conds(old_graph, graph, mapping):
    """Each copied tf.cond's record (its captures, branch results and members), in the copy's
    tensors, so the copy runs and differentiates as the original."""
    for op in old_graph._ops:
        info = _COND_INFO.get(op)
        if info is None:
            continue

        def m(xs):
            return [mapping[x] for x in xs]
        _COND_INFO[mapping[op]] = {
            "captures": m(info["captures"]), "true": tuple(m(x) for x in info["true"]),
            "false": tuple(m(x) for x in info["false"]), "aliases": m(info["aliases"])}
    for member in old_graph._ops:
        e = old_graph._branch_of.get(member)
        if e is not None and e[0] in mapping and member in mapping:
            _branches.set_branch(mapping[member], mapping[e[0]], e[1])
            graph.prevent_fetching(mapping[member])


def _zeros_for(t):
    """Zeros shaped like the value an input `t` (a tensor or a variable's handle) holds."""
    if t.dtype.base_dtype is _dt.resource:
        info = handle_info(t)
        if info is None or not info[1].is_fully_defined():
            raise NotImplementedError("flowgrad cannot make the zero gradient of a captured "
                                      f"resource {t.name} of unknown shape")
        return zeros(info[1].as_list(), info[0])
    return _zeros_like(t)


def _grad_body(body, inputs, grads, name, outer, want, bind):
    """A body taking `inputs` and `grads` that computes the gradient of `body`'s outputs
    (weighted by `grads`) with respect to `inputs`; `bind(placeholders)` maps `body`'s
    placeholders onto the new ones. Zeros where `want` and no gradient, else None."""
    specs = [(t.dtype.base_dtype, t.shape, None) for t in inputs] + \
            [(g.dtype.base_dtype, g.shape, None) for g in grads]
    graph = FuncGraph(outer, name)
    with tracing_function_body(graph):
        phs = [placeholder(d, s) for d, s, _ in specs]
        n = len(inputs)
        for ph, t in zip(phs, inputs):  # a variable's handle: what it holds (as a capture)
            info = handle_info(t) if t.dtype.base_dtype is _dt.resource else None
            if info is not None:
                ph.op._attrs["_handle_data"] = info
        mapping = _copy_body(body, graph, bind(phs[:n]))
        ys = [mapping[t] for t in body.outputs]
        xs = phs[:n]
        got = gradients(ys, xs, grad_ys=phs[n:])
        outs = []
        for g, x, w in zip(got, xs, want):
            if g is None and w:
                g = _zeros_for(x)
            outs.append(None if g is None else convert_to_tensor(g))
    _order_stateful(graph)
    return Body(graph, phs, [t for t in outs if t is not None]), outs


def _call_grad(op, *grads):
    """One call op of the gradient body (TF's <op>_grad/PartitionedCall)."""
    (body,) = _INFO[op]
    inputs = list(op._inputs)
    # a captured resource variable's handle takes the gradient of its reads (TF)
    diff = [i for i, t in enumerate(inputs) if t.dtype._diff or t.dtype.base_dtype is _dt.resource]
    if not diff:
        return [None] * len(inputs)
    gbody, outs = _grad_body(body, inputs, list(grads), op.name + "_grad", op.graph,
                             [False] * len(inputs),
                             lambda phs: zip(body.args + body.inner_captures, phs))
    results = call_function(gbody, inputs + list(grads))  # stateful as its body (TF)
    it = iter(results)
    return [None if o is None else next(it) for o in outs]


def _call_bodies(op):
    """The body of a call op as a GraphDef writes it (graph_def_functions.py)."""
    (body,) = _INFO[op]
    return {"f": [(body.graph, body.args + body.inner_captures, body.outputs)]}


for _type in ("PartitionedCall", "StatefulPartitionedCall"):
    register_op(_type, infer=_call_infer, bind=_call_bind, grad=_call_grad,
                stateful=_type == "StatefulPartitionedCall")
    FUNCTION_BODIES[_type] = _call_bodies


def call_function(body, args, op_type=None, name=None, fname=None, graph=None,
                  return_op=False):
    """A call op of `body` on `args` (then its captures) in `graph` (default: the graph it
    was traced in); returns its outputs (a list), or the op itself with `return_op`."""
    if op_type is None:
        op_type = "StatefulPartitionedCall" if body.stateful else "PartitionedCall"
    inputs = list(args) + body.captures
    graph = graph if graph is not None else body.graph._outer_graph
    attrs = {"Tin": [t.dtype.base_dtype for t in inputs],
             "Tout": [t.dtype.base_dtype for t in body.outputs],
             "_output_shapes": [t.shape for t in body.outputs],
             "f": fname or body.graph.name}
    op = graph._create_op(op_type, inputs, attrs, name or op_type)
    _INFO[op] = [body]
    return op if return_op else list(op._outputs)


# -- Case ----------------------------------------------------------------------------------
def _case_infer(inputs, attrs):
    index = inputs[0]
    if index.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'branch_index' of 'Case' Op has type "
                        f"{index.dtype.base_dtype.name} that does not match expected type of "
                        "int32.")
    if index.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {index.shape.ndims}")
    return list(zip(attrs["Tout"], attrs["_output_shapes"]))


def _case_bind(node, ctx):
    bodies = _INFO[node.op]
    captures = list(_ORIGINAL.get(node.op, node.op).inputs)[1:]
    plans = []
    for body in bodies:
        pos = [captures.index(t) for t in body.captures]
        plans.append((_compile(body, ctx), pos, len(body.args)))
    n_out = len(bodies[0].outputs)
    last = len(plans) - 1

    def run_case(index, *values):
        b = int(index)
        plan, pos, n_args = plans[b if 0 <= b <= last else last]
        feeds = list(values[:n_args]) + [values[n_args + p] for p in pos] if n_args else \
            [values[p] for p in pos]
        return _run(plan, feeds, n_out)
    return run_case


def _case_grad(op, *grads):
    """A Case of the branches' gradient bodies, each taking every capture of the Case."""
    bodies = _INFO[op]
    index, captures = op._inputs[0], list(op._inputs)[1:]
    want = [t.dtype._diff for t in captures]
    gbodies = []
    for b, body in enumerate(bodies):
        def bind(phs, body=body):
            if body.args:           # a gradient Case's branch takes every input as an argument
                return dict(zip(body.args, phs))
            inner = body.graph.captures  # a branch captured a subset of the Case's inputs
            traced = list(_ORIGINAL.get(op, op).inputs)[1:]
            return {inner[t]: p for t, p in zip(traced, phs) if t in inner}
        gbody, outs = _grad_body(body, captures, list(grads), f"{op.name}_grad{b}",
                                 op.graph, want, bind)
        gbodies.append((gbody, outs))
    keep = [i for i in range(len(captures))
            if any(outs[i] is not None for _, outs in gbodies)]
    # every gradient body outputs the kept captures' gradients, zeros where it has none
    final = []
    for (gbody, outs) in gbodies:
        graph = gbody.graph
        with graph.as_default():
            flat = [outs[i] if outs[i] is not None else _zeros_for(gbody.args[i])
                    for i in keep]
        final.append(Body(graph, gbody.args, flat))
    results = [identity(r) for r in case_op(index, final, captures + list(grads), "Case")]
    full = [None] * (1 + len(captures))
    for i, r in zip(keep, results):
        full[1 + i] = r
    return full


def _case_bodies(op):
    """The branches of a Case as a GraphDef writes them: each takes every input (TF's
    Case), a branch that captured a subset leaving the others unused."""
    inputs = list(_ORIGINAL.get(op, op).inputs)[1:]   # (what the branches captured)
    out = []
    for body in _INFO[op]:
        if body.args and body.captures:
            raise NotImplementedError("a Case branch with arguments and captures")
        inner = body.graph.captures
        phs = body.args if body.args else [inner.get(t) for t in inputs]
        out.append((body.graph, phs, body.outputs))
    return {"branches": out}


register_op("Case", infer=_case_infer, bind=_case_bind, grad=_case_grad, stateful=True)
FUNCTION_BODIES["Case"] = _case_bodies


# -- If (TF 1.14's cond_v2, imported) --------------------------------------------------------
def _if_infer(inputs, attrs):
    return list(zip(attrs["Tout"], attrs["_output_shapes"]))


def _truth(value, dtype):
    """TF's If kernel's predicate (ToBool): a scalar is true when nonzero (a string: not
    empty), a tensor of any other shape when it has elements."""
    value = np.asarray(value)
    if value.ndim:
        return value.size > 0
    if dtype is _dt.string:
        return len(value.item()) > 0
    if not (dtype.is_integer or dtype.is_floating or dtype is _dt.bool_):
        raise errors.InvalidArgumentError(None, None,
                                          f"{dtype.name} cannot be converted to a boolean")
    return bool(value)


def _if_bind(node, ctx):
    then_body, else_body = _INFO[node.op]
    plans = (_compile(then_body, ctx), _compile(else_body, ctx))
    dtype = node.op._inputs[0].dtype.base_dtype
    n_out = len(then_body.outputs)

    def run_if(pred, *values):
        taken = _truth(pred, dtype)
        plan = plans[0] if taken else plans[1]
        try:
            out = plan(list(values))
        except Exception as e:  # noqa: BLE001 - mapped to the failing branch op
            raise _lowered_if_error(plan.comp.translate_error(e), node.op, taken) from None
        if n_out == 0:
            return None
        return out[0] if n_out == 1 else tuple(out)
    return run_if


_LOOP_TYPES = frozenset(("While", "LoopVar", "V1Frames", "V1FramesGrad", "WhileGrad"))


def _lowered_if_error(err, op, taken):
    """An error of a branch op of an If in a tf.data function, as TF 1.14 names it: the
    runtime lowers the If into the function, its branches inlined as
    `<If>/then|else/_<k>/<op>`, where k counts the names (Graph::NewName) the lowering of
    the function's earlier Ifs took: 6 + inputs + outputs each, then and else taking the
    first two. (An If nested in a branch, or one after a loop, keeps flowgrad's names.)"""
    graph = op._graph
    if not isinstance(err, errors.OpError) or getattr(err, "_nested_if", False):
        return err
    if getattr(graph, "_outer_graph", None) is None or hasattr(graph, "arg_names"):
        err._nested_if = True    # (an If in a branch: the outer If leaves it as it is)
        return err
    start = err.message.find("[[{{node ")
    if start < 0:
        return err
    k = 0
    for c in graph._ops:
        if c is op:
            break
        if c.type in _LOOP_TYPES or c.type == "Cond":
            return err
        if c.type == "If":
            k += 6 + len(c.inputs) - 1 + len(c.outputs)
    at = start + len("[[{{node ")
    branch = "then/_%d/" % k if taken else "else/_%d/" % (k + 1)
    new = type(err)(err.node_def, err.op, err.message[:at] + op.name + "/" + branch +
                    err.message[at:])
    new._lowered_cond = True     # kernel_errors.decorate: no line of the If op
    return new


def _if_bodies(op):
    """The branches of an If as a GraphDef writes them: each takes every input (TF's
    cond_v2: an input a branch does not read is a placeholder argument of it)."""
    return {attr: [(body.graph, body.args, body.outputs)]
            for attr, body in zip(("then_branch", "else_branch"), _INFO[op])}


def _if_grad(op, *grads):
    """An If of the branches' gradient bodies, each taking every input of the If and the
    output gradients (TF's cond_v2 gradient is an If too; TF makes the forward If output
    its intermediates, here each gradient body recomputes its branch: the same values)."""
    pred, inputs = op._inputs[0], list(op._inputs)[1:]
    want = [t.dtype._diff for t in inputs]
    gbodies = [_grad_body(body, inputs, list(grads), f"{op.name}_grad{b}", op.graph, want,
                          lambda phs, body=body: dict(zip(body.args, phs)))
               for b, body in enumerate(_INFO[op])]
    keep = [i for i in range(len(inputs)) if any(outs[i] is not None for _, outs in gbodies)]
    final = []
    for gbody, outs in gbodies:   # both branches output the kept inputs' gradients
        with gbody.graph.as_default():
            flat = [outs[i] if outs[i] is not None else _zeros_for(gbody.args[i]) for i in keep]
        final.append(Body(gbody.graph, gbody.args, flat))
    specs = _out_specs(final)
    ins = inputs + list(grads)
    attrs = {"Tcond": pred.dtype.base_dtype, "Tin": [t.dtype.base_dtype for t in ins],
             "Tout": [d for d, _ in specs], "_output_shapes": [sh for _, sh in specs],
             "output_shapes": [sh for _, sh in specs],
             "then_branch": final[0].graph.name, "else_branch": final[1].graph.name}
    grad_op = pred._op._graph._create_op("If", [pred] + ins, attrs, "If")
    _INFO[grad_op] = final
    full = [None] * (1 + len(inputs))
    for i, r in zip(keep, grad_op._outputs):
        full[1 + i] = identity(r)
    return full


register_op("If", infer=_if_infer, bind=_if_bind, grad=_if_grad, stateful=True)
FUNCTION_BODIES["If"] = _if_bodies


def case_op(index, bodies, inputs, name):
    """A Case op choosing among `bodies` (each takes `inputs` as arguments, or captures a
    subset of them when it has no arguments); returns its outputs."""
    graph = index._op._graph
    attrs = {"Tin": [t.dtype.base_dtype for t in inputs],
             "Tout": [d for d, _ in _out_specs(bodies)],
             "_output_shapes": [sh for _, sh in _out_specs(bodies)],
             "branches": [b.graph.name for b in bodies]}
    op = graph._create_op("Case", [index] + list(inputs), attrs, name)
    _rekey_captures(bodies, inputs, list(op._inputs)[1:])
    _INFO[op] = list(bodies)
    return list(op._outputs)


def _rekey_captures(bodies, inputs, made):
    """A Case made in a function body captures the outer tensors its branches captured
    (`made`: the op's inputs, in that body); each branch then names them as its op does."""
    moved = {t: m for t, m in zip(inputs, made) if m is not t}
    if not moved:
        return
    for body in bodies:
        caps = body.graph.captures
        if any(t in moved for t in caps):
            body.graph.captures = {moved.get(t, t): ph for t, ph in caps.items()}


def case(index, branch_fns, name):
    """tf.switch_case's graph: one Case op named `name` (in the current scope), its outputs
    through Identity ops; returns (structure of the first branch, flat outputs)."""
    outer = index._op._graph
    bodies = []
    results = []
    for b, fn in enumerate(branch_fns):
        body, result, _ = trace(fn, [], outer, f"branch{b}")
        bodies.append(body)
        results.append(result)
    n = len(bodies[0].outputs)
    for b, body in enumerate(bodies[1:], 1):
        if len(body.outputs) != n or any(
                x.dtype.base_dtype is not y.dtype.base_dtype
                for x, y in zip(bodies[0].outputs, body.outputs)):
            raise TypeError(f"branches[0] and branches[{b}] arguments to tf.case must have "
                            "the same number, type, and overall structure of return values.")
    captures = []
    for body in bodies:
        for t in body.captures:
            if t not in captures:
                captures.append(t)
    outs = case_op(index, bodies, captures, name)
    return results[0], outs


# -- call ops of an imported GraphDef's function library ---------------------------------------
def _imported_body(outer, fname, inputs, library):
    """The body of FunctionDef `fname` of `library`, imported into a FuncGraph of `outer`
    (its arguments placeholders shaped as the call's `inputs`)."""
    from ..framework.graph_def import op_defs, pb  # lazy: graph_def needs the optional protos
    fdef = library.get(fname)
    if fdef is None:
        raise ValueError(f"Function '{fname}' is not in the GraphDef's library")
    gd, rets = function_graph_def(fdef, op_defs(), library)
    mg = pb().meta_graph_pb2.MetaGraphDef()
    mg.graph_def.CopyFrom(gd)
    doc = _meta_graph.from_tf_meta_graph(mg)
    doc.graph_def.library = library
    graph = FuncGraph(outer, fname)
    sig = fdef.signature.input_arg
    if len(sig) != len(inputs):
        raise ValueError(f"Function '{fname}' takes {len(sig)} inputs, the call gives "
                         f"{len(inputs)}")
    with tracing_function_body(graph):
        phs = [placeholder(_dt.as_dtype(a.type), t.shape, a.name) for a, t in zip(sig, inputs)]
        _meta_graph.import_scoped_meta_graph(
            doc, graph=graph, input_map={f"{a.name}:0": ph for a, ph in zip(sig, phs)})
    by_arg = {a.name: ph for a, ph in zip(sig, phs)}
    outs = []
    for r in rets:
        name, _, k = r.partition(":")
        outs.append(by_arg[name] if name in by_arg and not k else
                    graph._get_operation_by_name_unsafe(name)._outputs[int(k or 0)])
    # the ops it must run (TF's control outputs), written again with it (an If's branch)
    graph.control_outputs = [(n, fdef.control_ret[n]) for n in fdef.signature.control_output]
    graph.output_names = [a.name for a in fdef.signature.output_arg]
    return Body(graph, phs, outs)   # (its order: the FunctionDef's control inputs)


def _build_call(graph, inputs, attrs, name, library):
    body = _imported_body(graph, attrs["f"], inputs, library)
    attrs.update(Tin=[t.dtype.base_dtype for t in inputs],
                 Tout=[t.dtype.base_dtype for t in body.outputs],
                 _output_shapes=[t.shape for t in body.outputs])
    return body, attrs


def _build_partitioned_call(op_type):
    def build(graph, inputs, attrs, name, library):
        body, attrs = _build_call(graph, inputs, attrs, name, library)
        op = graph._create_op(op_type, inputs, attrs, name)
        _INFO[op] = [body]
        return op
    return build


def _build_case(graph, inputs, attrs, name, library):
    bodies = [_imported_body(graph, f, inputs[1:], library) for f in attrs["branches"]]
    specs = _out_specs(bodies)
    attrs.update(Tin=[t.dtype.base_dtype for t in inputs[1:]], Tout=[d for d, _ in specs],
                 _output_shapes=[sh for _, sh in specs])
    op = graph._create_op("Case", inputs, attrs, name)
    _INFO[op] = bodies
    return op


def _build_if(graph, inputs, attrs, name, library):
    bodies = [_imported_body(graph, attrs[f], inputs[1:], library)
              for f in ("then_branch", "else_branch")]
    specs = _out_specs(bodies)
    attrs.update(Tcond=inputs[0].dtype.base_dtype, Tin=[t.dtype.base_dtype for t in inputs[1:]],
                 Tout=[d for d, _ in specs], _output_shapes=[sh for _, sh in specs])
    op = graph._create_op("If", inputs, attrs, name)
    _INFO[op] = bodies
    return op


for _type in ("PartitionedCall", "StatefulPartitionedCall"):
    _meta_graph.CALL_BUILDERS[_type] = _build_partitioned_call(_type)
_meta_graph.CALL_BUILDERS["Case"] = _build_case
_meta_graph.CALL_BUILDERS["If"] = _build_if


# -- tf.cond in a tf.data function: TF 1.14's cond_v2 ----------------------------------------
def _cond_branch(fn, pred, outer, name):
    """TF's func_graph_from_py_func of a cond_v2 branch: `fn` traced into a FuncGraph of
    `outer` named `name`; an Operation it returns stands for `pred` (read after it)."""
    graph = FuncGraph(outer, name)
    graph._cond_v2 = True
    with tracing_function_body(graph):
        result = fn()
        flat = _flatten(_expand_composites(result))
        outs = []
        for v in flat:
            if v is None:
                raise NotImplementedError("tf.cond (TF 1.14's cond_v2, in a tf.data function) "
                                          "of a branch returning None")
            if isinstance(v, Operation):
                with graph.control_dependencies([v]):
                    v = identity(pred)
            # (TF's mark_as_return: an Identity of each output, made as it is converted)
            outs.append(identity(_as_output(graph, v)))
    _order_stateful(graph)
    return graph, result, outs


def _same_outputs(t_res, f_res, t_outs, f_outs):
    """TF 1.14's cond_v2._check_same_outputs."""
    def error(detail):
        raise TypeError("true_fn and false_fn arguments to tf.cond must have the same "
                        "number, type, and overall structure of return values.\n\n"
                        f"true_fn output: {t_res}\nfalse_fn output: {f_res}\n\n"
                        f"Error details:\n{detail}")
    try:
        t_x, f_x = _expand_composites(t_res), _expand_composites(f_res)
        pack(t_x, _flatten(f_x))
        same = len(_flatten(t_x)) == len(_flatten(f_x)) and _shape_of(t_x) == _shape_of(f_x)
    except (TypeError, StopIteration):
        same = False
    if not same:
        error("The two structures don't have the same nested structure.")
    for a, b in zip(t_outs, f_outs):
        if a.dtype.base_dtype is not b.dtype.base_dtype:
            error(f"{a} and {b} have different types")


def _shape_of(x):
    if isinstance(x, (list, tuple)):
        return (type(x).__name__ if hasattr(x, "_fields") else "seq",
                tuple(_shape_of(v) for v in x))
    if isinstance(x, dict):
        return ("dict", tuple((k, _shape_of(x[k])) for k in sorted(x)))
    return None


def cond_v2(pred, true_fn, false_fn, name):
    """tf.cond in a tf.data function (TF 1.14's cond_v2): each branch traced into a
    function of its own (cond_true_<uid>, cond_false_<uid>: both numbers taken first), one
    If op (named after the scope) taking the predicate and every tensor a branch captured
    (a branch not reading one takes a placeholder argument for it), an Identity of each of
    its outputs; returns them in true_fn's structure (`strict` has no effect, as in TF)."""
    if isinstance(pred, bool):
        raise TypeError("pred must not be a Python bool", pred)
    outer = get_default_graph()
    with name_scope(name or "cond") as scope:
        true_name = f"{scope}true_{next_uid()}".replace("/", "_")
        false_name = f"{scope}false_{next_uid()}".replace("/", "_")
        pred = convert_to_tensor(pred)
        t_graph, t_res, t_outs = _cond_branch(true_fn, pred, outer, true_name)
        f_graph, f_res, f_outs = _cond_branch(false_fn, pred, outer, false_name)
        _same_outputs(t_res, f_res, t_outs, f_outs)
        if not t_outs:
            raise NotImplementedError("tf.cond (TF 1.14's cond_v2, in a tf.data function) "
                                      "of branches returning nothing")
        # TF's _make_inputs_match orders the inputs as a Python set of the captured
        # tensors (hash order, not reproducible): here the true branch's captures, then the
        # false branch's others
        inputs = list(t_graph.captures)
        inputs += [t for t in f_graph.captures if t not in t_graph.captures]
        bodies = []
        for graph, outs in ((t_graph, t_outs), (f_graph, f_outs)):
            caps = graph.captures
            counts = {}
            names = {ph: _tf_unique(_traced_capture_name(graph, ph, t), counts)
                     for t, ph in caps.items()}
            args, arg_names, dummies = [], [], 0
            for t in inputs:
                ph = caps.get(t)
                if ph is None:   # TF's _create_dummy_input
                    with graph.as_default():
                        ph = placeholder(t.dtype.base_dtype, t.shape)
                    names[ph] = "Placeholder" + (f"_{dummies}" if dummies else "")
                    dummies += 1
                args.append(ph)
                arg_names.append(names[ph])
            graph.captures = {}
            graph.arg_names = arg_names
            bodies.append(Body(graph, args, outs))
        specs = _out_specs(bodies)
        attrs = {"Tcond": pred.dtype.base_dtype, "Tin": [t.dtype.base_dtype for t in inputs],
                 "Tout": [d for d, _ in specs], "_output_shapes": [sh for _, sh in specs],
                 "output_shapes": [sh for _, sh in specs], "then_branch": true_name,
                 "else_branch": false_name, "_lower_using_switch_merge": True}
        op = outer._create_op("If", [pred] + inputs, attrs, scope)
        _INFO[op] = bodies
        outer.prevent_fetching(op)
        results = [identity(t) for t in op._outputs]
    return _rebuild_composites(t_res, pack(_expand_composites(t_res), results))


def _is_sparse(x):
    return hasattr(x, "indices") and hasattr(x, "dense_shape") and hasattr(x, "values") \
        and not isinstance(x, (IndexedSlices, Tensor))


def _expand_composites(x):
    """`x` with each SparseTensor as its components (TF's expand_composites: indices,
    values, dense_shape)."""
    if _is_sparse(x):
        return _Components((x.indices, x.values, x.dense_shape))
    if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
        return type(x)(_expand_composites(v) for v in x)
    if hasattr(x, "_fields"):
        return type(x)(*[_expand_composites(v) for v in x])
    if isinstance(x, dict):
        return {k: _expand_composites(v) for k, v in x.items()}
    return x


class _Components(tuple):
    """A SparseTensor's components in a structure being flattened."""


def _rebuild_composites(structure, x):
    """`x` (in `_expand_composites(structure)`) with each SparseTensor rebuilt."""
    if _is_sparse(structure):
        return type(structure)(*x)
    if isinstance(structure, (list, tuple)) and not hasattr(structure, "_fields"):
        return type(structure)(_rebuild_composites(s, v) for s, v in zip(structure, x))
    if hasattr(structure, "_fields"):
        return type(structure)(*[_rebuild_composites(s, v) for s, v in zip(structure, x)])
    if isinstance(structure, dict):
        return {k: _rebuild_composites(structure[k], x[k]) for k in structure}
    return x


_cf.COND_V2[0] = cond_v2
