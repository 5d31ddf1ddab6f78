"""tf.cond and tf.while_loop: the Cond, While, WhileGrad and LoopVar primitives.

Both branches of a cond (the condition and body of a loop) are built once, in
the user's graph. One Cond (While) op takes the predicate (the initial loop
values) and every tensor the branches take from outside them ("captures").
Binding compiles each branch into a sub-plan of the same session; running the
op calls the taken branch's sub-plan, so only its stateful ops run. Branch
information lives here, by op (not in attrs). docs/design.md describes the
gradients and the limits.
"""
from __future__ import annotations

import contextlib

import builtins
import dataclasses as _dataclasses
import re
import threading

import numpy as _np

from ..autodiff import control_flow_state as _cf_state
from ..autodiff.gradients import (gradients, inner_xs, loop_body_xs, register_cond_reach,
                                  register_loop_body)
from ..framework import branches as _branches
from ..framework import cf_contexts as _cf_contexts
from ..framework import dtypes as _dt
from ..framework import errors
from ..framework import threads as _threads
from ..framework.constant_op import convert_to_tensor
from ..framework.grad_state import (BodyWalk, body_walk, gating, mark_concat_slices,
                                    is_zero_fill, loop_reached_outputs, mark_two_terms,
                                    register_loop_reach,
                                    set_body_walk,
                                    set_counting_gates)
from ..framework.graph import Operation, Tensor, _graph_of, get_default_graph, name_scope
from ..framework.graph_def_lower import LOOPVAR_INITS, register_cond_info, register_loop_info
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import OPS, register_op
from ..framework.tensor_shape import TensorShape
from ..optimize import optimize_program
from ..optimize import add_ops_rewrite as _add_ops_rewrite
from ..optimize.constant_push_down import push_down_cycle
from ..optimize.minimize_broadcasts import pivot_driven
from ..optimize.symbolic_shapes import UnknownFeeds
from ..optimize.reciprocal_div import CONST_CAPTURES, GRAPPLER_OFF, grappler_division, \
    grappler_off, mark_grappler_off
from ..runtime.backends.numpy import CompiledProgram
from ..runtime.ir import Node, lower
from .comparison import logical_and
from .reductions import add_n as _add_n
from .construction import placeholder_with_default as _placeholder_with_default
from .construction import zeros as _zeros_shaped
from .construction import zeros_like as _zeros_like
from .shape import identity as _identity
from .state import Uninitialized
from .tensor_array import _zero_grad_kernel as _empty_grad_value
from .tensor_array import replaying as _replaying
from .tensor_array import tensor_array_v3
from . import lstm_loop as _lstm_loop
from . import keras_loop as _keras_loop  # noqa: F401 - registers the Keras loop runners
from . import gru_loop as _gru_loop  # noqa: F401 - registers the GRU loop runner
from . import control_flow_grad_count as _grad_count
from . import control_flow_sliced as _sliced
from . import control_flow_v1 as _control_flow_v1   # TF's frame ops
from . import control_flow_v1_grad as _control_flow_v1_grad  # noqa: F401 - their gradients
from . import control_flow_v1_export as _control_flow_v1_export  # noqa: F401 - (exported)
from ._base import apply
from .resource import handle_info
from .tensor_array import zero_grad as _zero_grad_ta
from ..framework import graph_records as _records

__all__ = ["cond", "while_loop"]


# ---------------------------------------------------------------------------------------
# tf.cond: both branches are built in the graph; one Cond op runs the taken one.
# ---------------------------------------------------------------------------------------
_COND_INFO = _records.GraphRecords("_COND_INFO")


def _cond_infer(inputs, attrs):
    pred = inputs[0]
    if pred.dtype.base_dtype is not _dt.bool_:
        raise TypeError(f"Input 'pred' of 'Switch' Op has type {pred.dtype.base_dtype.name} "
                        "that does not match expected type of bool.")
    if pred.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {pred.shape.ndims}")
    return list(attrs["Tout"])


def _control_info(table, node):
    info = table.get(node.op)
    if info is None:
        raise errors.UnimplementedError(
            None, node.op, f"{node.type} op '{node.name}' has no branch functions: control flow "
            "imported from a GraphDef cannot run in flowgrad (build it with tf.cond / "
            "tf.while_loop in Python)")
    return info


class _SubPlan:
    """Runs a branch's CompiledProgram: interpreted first, compiled from the second call."""

    __slots__ = ("calls", "comp")

    def __init__(self, comp):
        self.comp = comp
        self.calls = 0

    def __call__(self, feeds):
        comp = self.comp
        if comp.fn is not None:
            return comp.fn(feeds)
        self.calls += 1
        if self.calls == 1:
            return comp.interpret(feeds)
        return comp.compile()(feeds)


def _cond_bind(node, ctx):
    info = _control_info(_COND_INFO, node)
    op = node.op
    graph = op.graph
    options = _sub_options(ctx, node.attrs.get(GRAPPLER_OFF))
    captures = info["captures"]
    # tensors of the branches that the plan reads outside the cond (ir.lower): the taken
    # branch computes its own, the other's are dead
    extras = node.attrs.get("_extras", ())
    n_out = len(op._outputs)
    n_all = n_out + len(extras)
    branches = []
    for b, (outs, targets) in enumerate((info["true"], info["false"])):
        mine = [k for k, t in enumerate(extras) if _branches.branch_in(t._op, op) == b]
        prog = lower(graph, outs + [extras[k] for k in mine], targets, captures,
                     satisfied=info.get("outside", ()), context=op)
        folded = [(k, c) for k, c in node.attrs.get(CONST_CAPTURES, {}).items()
                  if k < len(prog.feeds)]
        if folded:   # (a constant predicate: Grappler folds their Switches into Consts)
            prog = _cloned_constants(prog, [(prog.feeds[k], captures[k]) for k, _ in folded],
                                     [c for _, c in folded])
        unknown = node.attrs.get(_add_ops_rewrite.UNKNOWN_ATTR)
        symbolic = node.attrs.get(_add_ops_rewrite.SYMBOLIC_ATTR, ())
        bcast = None
        if unknown is not None:
            # (a capture's Switch has its value's shape in the enclosing plan)
            seeds = {prog.feeds[k]: sh for k, sh in _capture_shapes(
                node, range(len(captures))).items() if k < len(prog.feeds)}
            bcast = UnknownFeeds([prog.feeds[k] for k in set(unknown) | set(symbolic)
                                  if k < len(prog.feeds)], (), seeds)
            unknown = UnknownFeeds([prog.feeds[k] for k in unknown if k < len(prog.feeds)],
                                   (), seeds)
        prog = grappler_division(prog, graph, options, unknown=unknown, branch=True,
                                 bcast_unknown=bcast)
        if node.attrs.get(GRAPPLER_OFF):
            prog = mark_grappler_off(prog)
        prog = optimize_program(prog, options)
        branches.append((_SubPlan(CompiledProgram(prog, ctx, inplace=False)),
                         [n_out + k for k in mine]))
    (t_plan, t_pos), (f_plan, f_pos) = branches
    dead = _branches.DEAD
    # a variable's ref captured uninitialized when the plan read it: TF's RefSwitch
    # forwards the ref, so the taken branch reads the variable as it is now (an initializer
    # that ran since: v.initialized_value() in the run of v's initializer)
    refs = [(k, _ref_var_name(t)) for k, t in enumerate(op._inputs[1:]) if t.dtype.is_ref_dtype]
    refs = [(k, name) for k, name in refs if name is not None]
    store = ctx.variables

    def run_cond(pred, *caps):
        plan, pos = (t_plan, t_pos) if pred else (f_plan, f_pos)
        if refs and any(isinstance(caps[k], Uninitialized) for k, _ in refs):
            caps = list(caps)
            for k, name in refs:
                buf = store.get(name) if isinstance(caps[k], Uninitialized) else None
                if buf is not None:
                    caps[k] = buf
            caps = builtins.tuple(caps)
        try:
            out = plan(caps)
        except Exception as e:  # noqa: BLE001 - mapped to the failing branch op
            raise _lowered_branch_error(plan.comp.translate_error(e), op, pred) from None
        if n_all == n_out:
            if n_out == 0:
                return None
            return out[0] if n_out == 1 else out
        full = list(out[:n_out]) + [dead] * (n_all - n_out)
        for k, v in zip(pos, out[n_out:]):
            full[k] = v
        return full[0] if n_all == 1 else builtins.tuple(full)
    return run_cond


_LOOP_TYPES = frozenset(("LoopVar", "V1Frames", "V1FramesGrad", "WhileGrad"))


def _lowered_branch_error(err, op, pred):
    """An error of a branch op of a tf.cond in a function body (a dataset function's), as
    TF 1.14 names it: there the cond is an If op that the runtime lowers into the body,
    its branches inlined as `<cond>/then|else/_<k>/<op>`, where k counts the names
    (Graph::NewName) the lowering of the body's earlier Ifs took: 6 + inputs + outputs
    each, then and else taking the first two. (A cond nested in a branch, or a loop before
    it, keeps flowgrad's names.)"""
    graph = op._graph
    if getattr(graph, "_outer_graph", None) is None or not isinstance(err, errors.OpError) \
            or graph._branch_of.get(op) is not None:
        return err
    scope = op.name.rsplit("/", 1)[0] + "/"
    start = err.message.find("[[{{node " + scope)
    if start < 0:
        return err
    k = 0
    for c in graph._flowgrad_operations():
        if c is op:
            break
        if c.type in _LOOP_TYPES or (c.type == "Cond" and graph._branch_of.get(c) is not None):
            return err
        if c.type == "Cond":
            k += 6 + len(c.inputs) - 1 + len(c.outputs)
    at = start + len("[[{{node ") + len(scope)
    branch = "then/_%d/" % k if pred else "else/_%d/" % (k + 1)
    msg = err.message[:at] + branch + err.message[at:]
    new = type(err)(err.node_def, err.op, msg)
    new._lowered_cond = True     # kernel_errors.decorate: no line of the cond op
    return new


def _ref_var_name(t):
    """The storage name of the VariableV2 ref tensor t comes from (through Identity)."""
    op = t.op
    while op.type == "Identity" and op._inputs:
        op = op._inputs[0].op
    return (op._attrs.get("shared_name") or op.name) if op.type in ("VariableV2", "Variable") \
        else None


def _var_handle_op(t):
    """The VarHandleOp a resource handle comes from (through Identity), else None."""
    op = t.op
    while op.type == "Identity" and op._inputs:
        op = op._inputs[0].op
    return op if op.type == "VarHandleOp" else None


def _variable_dtype(t):
    """The value dtype of a resource variable's handle (also a function body's capture of
    one), else None."""
    info = handle_info(t)
    return None if info is None else info[0]


def _grad_type(t):
    """(dtype, shape) of t's gradient: a resource handle's is its variable's value."""
    if t.dtype.base_dtype is _dt.resource:
        return handle_info(t)
    return t.dtype.base_dtype, t.shape




def _diff(t):
    """Does a gradient flow through t? (floats, complex, TensorArray flows, and the handles
    of float resource variables: a branch reading one differentiates to its handle, as TF)."""
    d = t.dtype.base_dtype
    if d is _dt.resource:
        v = _variable_dtype(t)
        return v is not None and (v.is_floating or v.is_complex)
    return d.is_floating or d.is_complex or d is _dt.variant


def _zeros(t):
    d = t.dtype.base_dtype
    if d is _dt.variant:
        return _zero_grad_ta()
    if d is _dt.resource:   # a zero gradient for a variable: zeros of its current value
        return _zeros_like(apply("ReadVariableOp", [t], {"dtype": _variable_dtype(t)}))
    return _zeros_like(t)


def _branch_on(t, pred):
    """The branch (0, 1) of a cond on `pred` whose graph builds t, else None."""
    table = t.graph._branch_of
    e = table.get(t.op)
    while e is not None:
        if e[0].inputs[0] is pred:
            return e[1]
        e = table.get(e[0])
    return None


def _cond_grad(op, *grads):
    """Gradients flow to the captures through the taken branch (a cond of the branch grads).

    Gradients that reached tensors inside the branches from outside (a second-order
    gradient through the first-order gradient cond, which reads the forward values) are
    those of extra branch outputs (framework/branches.py)."""
    info = _COND_INFO[op]
    caps = list(op._inputs[1:])
    internal = _branches.get_internal_grads()
    walk = body_walk()
    # as TF, only the captures between the ys and the xs (their Switches) are differentiated
    # (in a loop body, between the xs of the gradients() of the loop)
    diff = [i for i, c in enumerate(caps) if _diff(c) and (internal or
                                                           _grad_count.on_path(c, walk))]
    # the xs of gradients() in the branches: their gradients are the branch gradients'
    xin = inner_xs(op.graph)
    if not diff and not xin:
        return [None] * len(op._inputs)
    g = op.graph
    last_id = g._last_id
    # TF gates each branch op's gradients as the gradients() call does (in a loop body the
    # loop's walk counts the gates)
    outer_gate = gating() or (walk is not None and walk.gate)
    gate = outer_gate and walk is None
    given_outs = sum(1 for gr in grads if gr is not None)
    # TF switches an IndexedSlices gradient part by part (its indices' and dense shape's
    # Switches too)
    slice_parts = sum(1 + (gr.dense_shape is not None) for gr in grads
                      if isinstance(gr, IndexedSlices))
    outs = op.outputs
    # as TF, only the outputs with a gradient are differentiated (their Merges)
    keep = [k for k, o in enumerate(outs) if _diff(o) and grads[k] is not None]
    if walk is not None and keep and \
            builtins.any(caps[i].dtype.base_dtype is _dt.resource for i in diff):
        # TF 1.14 reads a resource handle in a branch through a Switch, whose output the
        # other branch leaves without a gradient; in a loop its zero gradient is a
        # constant(0) of the handle's dtype (ControlFlowState.ZerosLike), which fails
        raise TypeError("Incompatible types: <dtype: 'resource'> vs. int64. Value is 0")
    # (an output without a gradient is not differentiated: TF makes no zeros for it, and
    # its Merge no Switch; zeros of a 1000-element output would be a Fill TF lacks)
    inner = [[(t, g) for t, g in internal.items() if _branches.branch_in(t._op, op) == b]
             for b in (0, 1)]
    transparent = set(_branches.chain(op)) | {op}

    pred = op._inputs[0]

    def zeros(c, b):
        """The zero gradient of capture c in branch b: one that does not read c when c is
        a tensor of the other branch of a cond on the same predicate (dead when b runs;
        its gradient is never used then), so only its static shape."""
        first = len(g._ops)
        other = _branch_on(c, pred)
        if other is not None and other != b:
            dims = c.shape.as_list() if c.shape.ndims is not None else None
            if dims is not None and None not in dims:
                z = _zeros_shaped(dims, c.dtype.base_dtype)
            else:
                default = _zeros_shaped([0 if d is None else d for d in dims] if dims
                                        else [], c.dtype.base_dtype)
                z = _placeholder_with_default(default, c.shape)
        else:
            z = _zeros(c)
        if walk is not None:   # in a loop body: TF's zeros are counted, their reads too,
            walk.dead_zeros.update(g._ops[first:])   # by _grad_count._dead_zeros
        return z

    def branch(b, branch_outs):
        def fn():
            xs = [caps[i] for i in diff] + [x for x in xin if _x_branch(x, op) == b]
            ys = [branch_outs[k] for k in keep] + [t for t, _ in inner[b]]
            gys = [grads[k] for k in keep] + [g for _, g in inner[b]]
            if not ys:
                return flat(b, [None] * len(diff))
            # The captures are independent inputs here: a capture computed from another
            # one gets its own gradient, so no path may run through it twice.
            _branches.set_transparent(transparent)
            first, first_id = len(g._ops), g._last_id
            # the counter moves by the gradient ops only (not by this cond's Switches)
            ctxs = g._cf_contexts
            top = ctxs.pop()
            prev = set_counting_gates(gate)
            try:
                # (an x of the outer call in the branch is no stop: TF's _StopOps)
                gs = gradients(ys, xs, grad_ys=gys, stop_gradients=xs[:len(diff)])
            finally:
                ctxs.append(top)
                set_counting_gates(prev)
            for x, gr in zip(xs[len(diff):], gs[len(diff):]):
                xin[x] = gr
            gs = gs[:len(diff)]
            gset = set(gys)
            # gradients()'s Identity per grad_ys is not TF's
            flowgrad_only = sum(1 for o in g._ops[first:] if o.type == "Identity" and
                                o._inputs[0] in gset)
            moves[b] = (g._last_id - first_id - flowgrad_only, [gr is not None for gr in gs])
            for i, gr in zip(diff, gs):
                parts[b][i] = gr
            if walk is not None:   # (an op of a nested cond's gradient: the innermost)
                for o in g._ops[first:]:
                    walk.cond_ops.setdefault(o, (op, b))
            return flat(b, gs)
        return fn

    def flat(b, gs):
        """A branch's results: per capture its dense gradient, or (as TF merges an
        IndexedSlices part by part) the parts of its slices, a tensor made slices; where
        both branches reach the capture (TF: a Switch each, their gradients' slices
        concatenated, the true branch's first), this branch's and the other's zeros."""
        out = []
        for i, gr in zip(diff, gs):
            if b == 0:   # the first branch built chooses the layout
                sliced_here = isinstance(gr, IndexedSlices) and gr.indices.dtype.base_dtype \
                    is _dt.int32
                n = 1 if not (sliced_here or _sliced.gathered(caps[i], op, 1)) else \
                    3 if not sliced_here or gr.dense_shape is not None else 2
                slots[i] = (n, gr is not None and _sliced.reads(caps[i], op, 1))
            n, two = slots[i]
            if n == 1:
                out.append(zeros(caps[i], b) if gr is None else convert_to_tensor(gr))
                continue
            mine = _sliced.slice_parts(gr, n) if isinstance(gr, IndexedSlices) else None
            if mine is None:
                mine = _sliced.as_slices(zeros(caps[i], b) if gr is None else
                                         convert_to_tensor(gr), n)
            if two:
                own[b][i] = mine   # (this branch's own slices: TF's Switch's gradient)
                other = _sliced.as_slices(zeros(caps[i], b), n)
                mine = _sliced.concat_parts([mine, other] if b == 0 else [other, mine])
            out += mine
        return out

    if not keep and not internal:
        return [None] * len(op._inputs)
    moves = [(0, [False] * len(diff)), (0, [False] * len(diff))]
    parts = [{}, {}]   # per branch: capture -> its gradient there
    slots = {}   # capture -> the cond's outputs for its gradient (1, or slices' parts)
    own = [{}, {}]   # per branch: capture both branches reach -> its own slices' parts
    _GRAD_CONDS[0] += 1   # (TF's gradient Switch/Merge make no CondContext)
    try:
        res = cond(op._inputs[0], branch(0, info["true"][0]), branch(1, info["false"][0]),
                   name="cond_grad", strict=True)
    finally:
        _GRAD_CONDS[0] -= 1
    for x, gr in xin.items():   # (TF fetches them: a dead branch's raises at run time;
        if _branches.branch_in(x._op, op) is None:   # not one of a loop in the branch,
            continue                                 # a tensor of its gradient frame)
        for t in ((gr.values, gr.indices) if isinstance(gr, IndexedSlices) else (gr,)):
            if t is not None:
                g._unfetchable.discard(t._op)
    # (a gradient Cond without results, of xs in the branches only, or one with the
    # gradient of such an x that its results do not read (not its branch's op), is
    # written in flowgrad's layout: graph_def_lower_condgrad plans the others)
    if res and res[0].op in _COND_INFO and all(
            _branches.branch_in((gr.values if isinstance(gr, IndexedSlices) else gr)._op,
                                res[0].op) is not None
            for gr in xin.values() if gr is not None):
        # what a GraphDef writes as TF's gradient (CondPlan)
        _COND_INFO[res[0].op]["grad"] = {
            "of": op, "keep": [(k, grads[k]) for k in keep], "xs": [caps[i] for i in diff],
            "reached": [moves[0][1], moves[1][1]],   # per branch, per x: a gradient there
            "gate": gate,   # gate_gradients: TF's tuple of each op's gradients
            "loop_gate": outer_gate,   # (in a loop body: TF's, counted by the loop's walk)
            "plain": not internal and all(slots[i][0] == 1 for i in diff) and
            all(isinstance(grads[k], Tensor) for k in keep),
            # (per x, the outputs of its gradient: 1, or an IndexedSlices' 3 parts, values,
            # indices, dense shape, which TF merges part by part; "slices": one side's
            # slices and the other's zeros made slices, TF's _SwitchGrad in a loop body)
            "parts": [slots[i][0] for i in diff],
            "slices": not internal and all(isinstance(grads[k], Tensor) for k in keep) and
            all(slots[i][0] == 1 or slots[i] == (3, False) or slots[i] == (3, True) and
                all(i in o for o in own) for i in diff),
            # (a capture both branches gather: per branch its own slices' parts, which TF
            # merges per Switch and concatenates after the Merges, in the loop's frame)
            "own": [[o.get(i) for i in diff] for o in own]}
    sliced = {i: _merged_slices(caps[i], parts[0].get(i), parts[1].get(i)) for i in diff}
    merged, pos = [], 0
    for k, i in enumerate(diff):   # TF's Merge of slices gives slices; of tensors, a tensor
        n, two = slots[i]
        got = res[pos:pos + n]
        pos += n
        if n == 1 or (sliced[i] is None and not two):
            merged.append(got[0])
        elif sliced[i] is None:   # (TF: the sum of the two terms, one of them zeros)
            merged.append(convert_to_tensor(_sliced.slices([got[1], got[0]] + got[2:])))
        elif two != bool(moves[0][1][k] and moves[1][1][k]):
            # (the second branch did not reach the capture as its reads said: the sum)
            merged.append(convert_to_tensor(_sliced.slices([got[1], got[0]] + got[2:])))
        else:
            merged.append(_sliced.slices([got[1], got[0]] + got[2:]))
    res = merged
    # the op counter moves as TF's Switch per output gradient and Merge per captured input
    # would move it (flowgrad's gradient is one cond)
    g._last_id = last_id + slice_parts + _grad_count.tf_cond_grad_ops(
        op, [caps[i] for i in diff], moves, given_outs, outer_gate, walk,
        [sliced.get(i) for i in diff],
        [sum(1 for b in (0, 1) if isinstance(parts[b].get(i), IndexedSlices)) for i in diff])
    out = [None] * len(op._inputs)
    for k, (i, gr) in enumerate(zip(diff, res)):
        reached = moves[0][1][k] + moves[1][1][k]
        # as TF: no path, no gradient (nor for a capture not between the ys and the xs)
        wanted = (reached and _grad_count.on_path(caps[i], walk)) or internal
        out[1 + i] = gr if wanted else None
        if reached == 2 and isinstance(gr, IndexedSlices):
            # TF concatenates its two Switches' gradients (_AggregateIndexedSlicesGradients:
            # a tensor made slices, then ConcatV2 and its axis for values and indices)
            if wanted:
                g._last_id += 4 + 8 * sum(1 for b in (0, 1)
                                          if not isinstance(parts[b].get(i), IndexedSlices))
                mark_concat_slices(gr)   # (summed with others: one concat in TF)
        elif reached == 2:
            mark_two_terms(gr)
    given = sum(1 for r in out if r is not None)
    if outer_gate and given > 1:   # gradients() gates these; TF's Merges give one each
        g._last_id -= 1 + given
    return out


def _merged_slices(c, a, b):
    """Whether the parts of TF's Merge of capture c's branch gradients a and b are
    statically shaped, (values, dense shape) (None without a dense shape), when one is an
    IndexedSlices (TF merges slices part by part: a tensor, or the dead branch's zeros
    shaped like c, made slices with c's shape as the dense shape), else None."""
    if not isinstance(a, IndexedSlices) and not isinstance(b, IndexedSlices):
        return None
    vals, shapes = [], []
    for gr in (a, b):
        if isinstance(gr, IndexedSlices):
            vals.append(gr.values.shape)
            shapes.append(None if gr.dense_shape is None else gr.dense_shape.shape)
        else:
            vals.append(c.shape if gr is None else convert_to_tensor(gr).shape)
            shapes.append(TensorShape([vals[-1].ndims]))
    if a is not None and b is not None:
        # both branches reach c: TF merges each branch's gradient with the dead branch's
        # zeros (shaped like c), then concatenates the two merged slices
        vals = [v.most_specific_compatible_shape(c.shape) for v in vals]
        rows = [v.as_list()[0] if v.ndims else None for v in vals]
        values = TensorShape(None) if None in [v.ndims for v in vals] else \
            TensorShape([None if None in rows else sum(rows)]).concatenate(
                vals[0][1:].most_specific_compatible_shape(vals[1][1:]))
        # (the concat's dense shape is the first term's: TF's walk reaches the branch
        # whose shape is known (no loop's Exit in it) first)
        dense = None if any(sh is None for sh in shapes) else any(
            sh.most_specific_compatible_shape(TensorShape([c.shape.ndims])).is_fully_defined()
            for sh in shapes)
        return values.is_fully_defined(), dense
    values = vals[0].most_specific_compatible_shape(vals[1])
    dense = None if any(sh is None for sh in shapes) else \
        shapes[0].most_specific_compatible_shape(shapes[1]).is_fully_defined()
    return values.is_fully_defined(), dense


def cond_reached_outputs(op, is_reached):
    """The outputs of Cond op `op` that TF's _MarkReachedOps reaches from the xs of
    gradients() when `is_reached(t)` says which tensors from outside its branches (its
    captures; also an x of gradients() in a branch) it reaches: TF reaches each result's
    Merge on its own, from a branch's value on a backpropagatable path from a reached
    capture (a capture returned as it is: its Switch) or x. None for a cond not known."""
    info = _COND_INFO.get(op)
    if info is None:
        return None
    memo = {}

    def inner(o, t):   # (a nested cond's, loop's outputs: each reached on its own)
        outs = (cond_reached_outputs if o._type == "Cond" else loop_reached_outputs)(
            o, reached)
        return t in outs if outs is not None else None

    def reached(t):
        stack = [t]
        while stack:
            u = stack[-1]
            if u in memo:
                stack.pop()
                continue
            o = u._op
            if not u._dtype._diff:
                memo[u] = False
            elif _branches.branch_in(o, op) is None or is_reached(u):
                memo[u] = bool(is_reached(u))   # (an x of gradients() in a branch: itself)
            else:
                todo = [i for i in o._inputs if i not in memo]
                if todo:
                    stack.extend(todo)
                    continue
                r = inner(o, u) if o._type in ("Cond", "While") else None
                memo[u] = r if r is not None else any(memo[i] for i in o._inputs)
            stack.pop()
        return memo[t]
    return {o for o, a, b in zip(op._outputs, info["true"][0], info["false"][0])
            if _diff(o) and (reached(a) or reached(b))}


register_op("Cond", infer=_cond_infer, bind=_cond_bind, grad=_cond_grad, stateful=True)
register_cond_reach(cond_reached_outputs)
register_cond_info(_COND_INFO.get)   # GraphDefs write a Cond as TF's Switch/Merge


def _flatten(x):
    """(leaves, rebuild): nested lists/tuples/namedtuples/dicts of tensors.

    A TensorArray is carried by its flow tensor and rebuilt around the new flow."""
    if hasattr(x, "_with_flow"):
        return [x.flow], lambda vals: x._with_flow(vals[0])
    if isinstance(x, dict):
        keys = sorted(x)
        parts = [_flatten(x[k]) for k in keys]
        leaves = [leaf for p in parts for leaf in p[0]]

        def rebuild(vals, parts=parts):
            out, i = {}, 0
            for k, (lv, rb) in zip(keys, parts):
                out[k] = rb(vals[i:i + len(lv)])
                i += len(lv)
            return type(x)(out) if type(x) is not dict else out
        return leaves, rebuild
    if isinstance(x, (list, builtins.tuple)):
        parts = [_flatten(v) for v in x]
        leaves = [leaf for p in parts for leaf in p[0]]

        def rebuild(vals, parts=parts):
            items, i = [], 0
            for lv, rb in parts:
                items.append(rb(vals[i:i + len(lv)]))
                i += len(lv)
            if hasattr(x, "_fields"):
                return type(x)(*items)
            return type(x)(items)
        return leaves, rebuild
    return [x], lambda vals: vals[0]


def _mismatch(a, b, top=False):
    """None when `a` and `b` nest alike (TF's nest.assert_same_structure), else the error
    class it raises: TypeError for sequences of different types below the top level (a list
    against a tuple), ValueError for a different nesting, length or set of keys."""
    seqs = (list, builtins.tuple, dict)
    if isinstance(a, seqs) != isinstance(b, seqs):
        return ValueError
    if not isinstance(a, seqs):
        return None
    both_maps = isinstance(a, dict) and isinstance(b, dict)
    if not top and type(a) is not type(b) and not both_maps:
        return TypeError
    if len(a) != len(b) or (both_maps and sorted(a) != sorted(b)):
        return ValueError
    if both_maps:
        a, b = [a[k] for k in sorted(a)], [b[k] for k in sorted(b)]
    for x, y in zip(a, b):
        found = _mismatch(x, y)
        if found:
            return found
    return None


def _unpack_if_singleton(res):
    """TF's _UnpackIfSingleton: a one-element list or tuple's element (a non-strict cond)."""
    if isinstance(res, (list, builtins.tuple)) and len(res) == 1:
        return res[0]
    return res


def _structure(x):
    if isinstance(x, dict):
        return ("dict", builtins.tuple((k, _structure(x[k])) for k in sorted(x)))
    if isinstance(x, (list, builtins.tuple)):
        return ("seq", builtins.tuple(_structure(v) for v in x))
    return "leaf"


def _branch_outputs(result):
    """Converts a branch's results: Operations become targets, the rest Tensors."""
    leaves, rebuild = _flatten(result)
    tensors, targets = [], []
    for leaf in leaves:
        if isinstance(leaf, Operation):
            targets.append(leaf)
            tensors.append(None)
        else:
            if _is_variable(leaf):
                leaf = leaf.value()
            tensors.append(convert_to_tensor(leaf))
    return leaves, rebuild, tensors, targets


def _hoisted(ops):
    """Variables made in a body or branch and their plain reads: they live outside it (TF
    builds variables in an init scope), so a loop reads them as captures and a cond's
    untaken branch still initializes them."""
    hoisted = set()
    lifted = ops[0]._graph._cf_lifted if ops else frozenset()
    unframed = ops[0]._graph._cf_unframed if ops else frozenset()
    mine = set(ops) if unframed else ()
    for op in ops:
        # (a resource variable's read made where it is used, not with the variable, is
        # TF's ReadVariableOp in the body, of the handle's Enter: a Keras cell's weights)
        if op.type in _HOISTED or (op.type in ("Identity", "ReadVariableOp") and op._inputs
                                   and all(t._op in hoisted for t in op._inputs)
                                   and not op._control_inputs
                                   and (op.type == "Identity" or op in lifted)):
            hoisted.add(op)
        # (made under control_dependencies(None) of what is outside: TF makes it outside)
        elif op in unframed and all(t._op not in mine or t._op in hoisted
                                    for t in op._inputs) and \
                all(c not in mine or c in hoisted for c in op._control_inputs):
            hoisted.add(op)
    return hoisted


def _branch_members(branch_ops, outs, targets):
    """The ops of a branch (or body) that its results need, except hoisted variables."""
    body = set(branch_ops) - _hoisted(branch_ops)
    needed, stack = set(), [t._op for t in outs if t._op in body]
    stack += [o for o in targets if o in body]
    while stack:
        op = stack.pop()
        if op in needed:
            continue
        needed.add(op)
        for t in op._inputs:
            if t._op in body:
                stack.append(t._op)
        for ci in op._control_inputs:
            if ci in body:
                stack.append(ci)
    return needed


def _is_variable(leaf):
    return (not isinstance(leaf, (Tensor, Operation)) and hasattr(leaf, "value")
            and getattr(leaf, "_as_graph_element", None) is not None)


@contextlib.contextmanager
def _branch_of(g, pred, branch, v1=True):
    """Notes the context just entered as tf.cond's `branch` on `pred` (TF 1.14's Switch,
    through which the shape refiner's constant evaluation passes a value on the live port:
    _array_util._live_switches)."""
    if not v1:
        yield
        return
    conds = getattr(g, "_cf_cond_of", None)
    if conds is None:
        conds = g._cf_cond_of = {}
    key = id(g._cf_contexts[-1])
    conds[key] = (pred, branch)
    try:
        yield
    finally:
        conds.pop(key, None)


def _count_branch_results(g, result, pred_t, branch):
    """A branch's results as TF 1.14's CondContext makes them: its variables read in the
    branch (TF's op counter: a Switch per tensor taken from outside the branch), and each
    Operation replaced by the branch's pivot with a control dependency on it
    (with_dependencies: the Identity `control_dependency`, colocated with the pivot), a
    bool tensor of pred's value, so that a cond of operations returns a bool tensor as
    TF's does. The pivot is the branch's own (TF's switch_t / switch_f, `branch`), not a
    Switch of pred."""
    leaves, rebuild = _flatten(result)
    leaves = [leaf.value() if _is_variable(leaf) else leaf for leaf in leaves]
    g._cf_note([t for t in leaves if isinstance(t, Tensor)])
    # a Python or NumPy result becomes a Const in the branch (TF's _BuildCondTensor
    # converts it there: `cond/Const` with the pivot as control input, no Switch)
    leaves = [leaf if leaf is None or isinstance(leaf, (Tensor, Operation)) or
              hasattr(leaf, "_as_graph_element") or hasattr(leaf, "indices")
              else convert_to_tensor(leaf) for leaf in leaves]
    seen = g._cf_contexts[-1][1]
    out = []
    for leaf in leaves:
        if isinstance(leaf, Operation):
            had = pred_t in seen
            seen.add(pred_t)
            # (with_dependencies colocates it with the pivot, a node of TF's only)
            pivot = f"{g.get_name_scope()}/{branch}"
            with g.control_dependencies([leaf]), g._class_attr_scope(pivot):
                leaf = _identity(pred_t, name="control_dependency")
            if not had:
                seen.discard(pred_t)
        out.append(leaf)
    return rebuild(out)


def _branch_result(result, fn_name):
    """TF 1.14's CondContext.BuildCondBranch: a branch returning None is refused."""
    if result is None:
        raise ValueError(f"{fn_name} must have a return value.")
    return result


_GRAD_CONDS = [0]   # > 0 while a Cond's gradient cond is built
COND_V2 = [None]    # TF 1.14's cond_v2 (engine/ops/functional.py sets it)


def cond(pred, true_fn=None, false_fn=None, strict: bool = False, name: str | None = None,
         fn1=None, fn2=None):
    """Returns `true_fn()` if `pred` is true else `false_fn()` (TF 1.x graph-mode `tf.cond`).

    Both functions are called once, at graph construction, and their ops are
    built in the graph (in the "cond" name scope); when run, only the taken
    branch's ops run, so a stateful op (an assign) in the other branch does not.

    Args:
      pred: a scalar bool tensor.
      true_fn, false_fn: callables returning the same structure of tensors with
        the same dtypes. An Operation returned is run and stands, as in TF, for the
        branch's pivot: a bool tensor of pred's value (a cond of ops returns a bool).
      strict: if False, a branch returning a one-element list returns its element.
      name: the name scope (default "cond").
    Returns:
      The outputs of the taken branch, in true_fn's structure.
    Raises:
      TypeError: a branch is not callable, or pred is not bool.
      ValueError: the branches return different structures or dtypes.

    >>> x = tf.placeholder(tf.float32, [])
    >>> y = tf.cond(x > 0.0, lambda: x * 2.0, lambda: -x)
    """
    true_fn = true_fn if true_fn is not None else fn1
    false_fn = false_fn if false_fn is not None else fn2
    if not callable(true_fn):
        raise TypeError("true_fn must be callable.")
    if not callable(false_fn):
        raise TypeError("false_fn must be callable.")
    d = get_default_graph()
    if getattr(d, "_cond_v2", False) and not d._cf_contexts:
        # in a tf.data function (a FuncGraph) TF 1.14 builds cond_v2: an If op
        # (engine/ops/functional.py)
        return COND_V2[0](pred, true_fn, false_fn, name)
    g = _graph_of([pred]) if isinstance(pred, Tensor) else d
    if isinstance(pred, bool):   # as TF 1.14, which has opened (taken) the scope by then
        with g.as_default(), name_scope(name, "cond", [pred]):
            raise TypeError("pred must not be a Python bool")
    with g.as_default(), g._atomic(), name_scope(name, "cond", [pred]):
        pred_t = convert_to_tensor(pred)
        _cond_infer([pred_t], {"Tout": ()})
        ops = g._ops
        # in a function graph (a tf.data function) TF 1.14 builds cond_v2: the branches are
        # graphs of their own (their op counters start at 0), this one gets an If op and
        # an Identity per result
        v2_base = g._last_id if g.building_function else None
        seed_used = getattr(g, "_seed_used", None)   # (a branch graph's is its own)
        # TF 1.14's op counter (graph-seeded random ops made later depend on it): Switch
        # (pred, pred) [reading pred in the outer contexts], switch_t, switch_f, pred_id
        g._last_id += 1
        g._cf_note([pred_t])
        g._last_id += 3
        start = len(ops)
        # the control_dependencies blocks the cond is made in (TF's nodes of it take their
        # control inputs: graph_def_lower.CondPlan._block_rule)
        blocks = [(c.control_inputs, c.new_ops) for c in g._control_stack]
        # (a loop in a branch is built in those blocks too: Graph._frame_block_note)
        with g._frame_of_blocks(None if v2_base is not None else False):
            with g._cf_context(), _branch_of(g, pred_t, True, v2_base is None):
                if v2_base is not None:
                    g._last_id = 0
                t_res = _count_branch_results(g, _branch_result(true_fn(), "true_fn"), pred_t,
                                              "switch_t")
            mid = len(ops)
            with g._cf_context(), _branch_of(g, pred_t, False, v2_base is None):
                if v2_base is not None:
                    g._last_id = 0
                f_res = _count_branch_results(g, _branch_result(false_fn(), "false_fn"),
                                              pred_t, "switch_f")
            end = len(ops)
        t_leaves, rebuild, t_tensors, t_targets = _branch_outputs(t_res)
        _, _, f_tensors, f_targets = _branch_outputs(f_res)
        # constants made by converting the results belong to no branch: they are captures
        # (TF's nest.assert_same_structure, first line; not strict: of the unpacked singletons)
        mismatch = (_mismatch(t_res, f_res) if strict
                    else _mismatch(_unpack_if_singleton(t_res), _unpack_if_singleton(f_res)))
        if mismatch:
            kind = "types" if mismatch is TypeError else "values"
            raise mismatch(f"Incompatible return {kind} of true_fn and false_fn: The two "
                           "structures don't have the same nested structure.")
        tout, t_outs, f_outs = [], [], []
        for a, b in zip(t_tensors, f_tensors):
            if (a is None) != (b is None):
                raise ValueError("Outputs of true_fn and false_fn must both be operations "
                                 "or both be tensors")
            if a is None:
                continue
            if a.dtype.base_dtype is not b.dtype.base_dtype:
                raise ValueError("Outputs of true_fn and false_fn must have the same type: "
                                 f"{a.dtype.base_dtype.name}, {b.dtype.base_dtype.name}")
            dtype = a.dtype if a.dtype.is_ref_dtype and b.dtype.is_ref_dtype else \
                a.dtype.base_dtype
            tout.append((dtype, a.shape.most_specific_compatible_shape(b.shape)))
            t_outs.append(a)
            f_outs.append(b)
        # each branch's ops in creation order (the sets only answer membership), so the
        # captures, and the Cond op's inputs, come in the same order in every process
        branches = [ops[start:mid], ops[mid:end]]
        # an Operation a branch returns but did not make runs whichever branch is taken (in
        # TF it is a control input of the branch's Identity, outside the cond's frame)
        made = set(ops[start:end])
        outside = [o for o in t_targets + f_targets if o not in made]
        t_targets = [o for o in t_targets if o in made]
        f_targets = [o for o in f_targets if o in made]
        captures = []
        seen = set()

        def capture(t, members):
            if t._op not in members and t not in seen:
                seen.add(t)
                captures.append(t)

        # only the ops each branch's results need run in it (not the variables it made,
        # nor the ops of a loop gradient built in it, which its WhileGrad runs)
        live = [_branch_members(branch, outs, targets) for branch, outs, targets in
                zip(branches, (t_outs, f_outs), (t_targets, f_targets))]
        # a branch op's control input made outside the cond (a returned Operation's, or
        # control_dependencies in a branch) runs whichever branch is taken, once: TF's
        # control edge from outside the cond's frame; the Cond op waits for it and the
        # branch plans take it as done
        for members in live:
            for m in sorted(members, key=lambda o: o._id):
                outside.extend(c for c in m._control_inputs if c not in made)
        for branch, outs, members in zip(branches, (t_outs, f_outs), live):
            for op in branch:
                if op in members:
                    for t in op._inputs:
                        capture(t, members)
            for t in outs:
                capture(t, members)
        # TF's Merge per result: the Cond op is named Merge (its output 0 is TF's
        # cond/Merge:0) and output k > 0 is read through an Identity named Merge_k (TF's
        # cond/Merge_k:0), so names and the op counter are TF's
        g._last_id += len(t_leaves) - builtins.max(len(tout), 1)
        op = g._create_op("Cond", [pred_t] + captures, {"Tout": builtins.tuple(tout)},
                          "Merge")
        if outside:
            op._add_control_inputs(list(dict.fromkeys(outside)))
        aliases = [_identity(t, name="Merge").op for t in op._outputs[1:]]
        if v2_base is not None:
            g._last_id = v2_base + 1 + len(t_leaves)
            g._seed_used = seed_used
        # (the first op each branch made: where a GraphDef writes TF's pivots and the true
        # branch's Switches of captured results, graph_def_lower.CondPlan)
        _COND_INFO[op] = {"captures": captures, "true": (t_outs, t_targets),
                          "false": (f_outs, f_targets), "aliases": aliases,
                          "outside": frozenset(outside), "blocks": blocks,
                          # the input-less ops a branch made that no result needs (TF's
                          # pivot is their control input too: CondPlan._pivot_unread)
                          "unread": tuple(tuple(o for o in branch if o not in members and
                                                not o._inputs and not o._control_inputs)
                                          for branch, members in zip(branches, live)),
                          # the other ops a branch made that no result needs (not its
                          # variables): TF builds them in the cond's context too, reading a
                          # tensor from outside through a Switch (CondPlan._plan_tf)
                          "dead": tuple(tuple(o for o in branch if o not in members and
                                              o not in hoisted)
                                        for branch, members, hoisted in
                                        zip(branches, live, map(_hoisted, branches))),
                          "first": (ops[start] if start < mid else None,
                                    ops[mid] if mid < end else None),
                          # the Identities standing for TF's with_dependencies(op, pivot)
                          # (_count_branch_results): TF's read switch_t / switch_f
                          "pivot_reads": frozenset(
                              o for o in ops[start:end] if o._type == "Identity" and
                              o._control_inputs and o._inputs[0] is pred_t and
                              o._name.rsplit("/", 1)[-1].startswith("control_dependency"))}
        # the ops each branch's results need run only when it is taken: tensors of them
        # read outside come from the Cond op (framework/branches.py); as TF, they cannot be
        # fetched
        for b, members in enumerate(live):
            for m in members:
                _branches.set_branch(m, op, b)
                g.prevent_fetching(m)
        if not g._cf_contexts and not _GRAD_CONDS[0] and v2_base is None:
            # TF adds an outermost cond's two CondContexts (true branch first)
            scope = op._name.rsplit("/", 1)[0] + "/"
            for branch, suffix in ((1, ""), (0, "_1")):
                g.add_to_collection(_cf_contexts.COND_CONTEXT, _cf_contexts.CondContext(
                    g, scope + "cond_text" + suffix, branch))
        outputs = iter(op._outputs[:1] + [a._outputs[0] for a in aliases])
        values = [op if isinstance(leaf, Operation) else next(outputs) for leaf in t_leaves]
        result = rebuild(values)
        return result if strict else _unpack_if_singleton(result)


def guard_initialized_cond(src, value, suffix, new_init=None):
    """TF's copy of `src`, the cond of a ref variable's initialized_value(), made by the
    guard of a variable initialized from it (TF's variables.py,
    _try_guard_against_uninitialized_dependencies) once the variable `src` reads is
    replaced by `value` (that variable's initialized_value() again): TF copies the
    RefSwitch of the variable as a Switch of `value` (`<read>/Switch_<suffix>`, on src's
    pred_id), the read (`<read>_<suffix>`) and the Merge (`<Merge>_<suffix>`, reading src's
    Switch_1 of the initial value; when that initial value is guarded too, `new_init`,
    TF's copy of the Switch_1 reading it first: `<Switch_1>_<suffix>`). Here a Cond op on
    src's predicate, its true branch the read's copy, its false branch the initial value;
    `suffix` is the new variable's name scope (its trailing "/" included). Returns the
    Cond's output."""
    g = src._graph
    info = _COND_INFO[src]
    read_t, init = info["true"][0][0], info["false"][0][0]
    g._last_id += 1 if new_init is None or new_init is init else 2   # TF's Switch(es)
    init = init if new_init is None else new_init
    read = _identity(value, name=f"{read_t.op.name}_{suffix}").op
    op = g._create_op("Cond", [src._inputs[0], value, init], {"Tout": src._attrs["Tout"]},
                      f"{src.name}_{suffix}")
    _COND_INFO[op] = {"captures": [value, init], "true": ([read._outputs[0]], []),
                      "false": ([init], []), "aliases": [], "outside": frozenset(),
                      "first": (read, None), "guard": (src, suffix[:-1])}
    _branches.set_branch(read, op, 0)
    g.prevent_fetching(read)
    return op._outputs[0]


# ---------------------------------------------------------------------------------------
# tf.while_loop: cond and body are built once over LoopVar tensors; one While op iterates.
# ---------------------------------------------------------------------------------------
# Like Cond: the While op's inputs are the initial loop values and the captures; binding
# compiles two sub-plans fed (loop values + captures): the condition and the body. Its
# gradient (WhileGrad) runs the loop forward again keeping every state, then walks the
# iterations backwards through a sub-plan of the body's gradient (which recomputes the
# body from the kept state): memory is one state per iteration.
_LOOP_INFO = _records.GraphRecords("_LOOP_INFO")


def reached_outputs(op, is_reached):
    """The outputs of While op `op` that TF's _MarkReachedOps reaches from the xs of
    gradients() when `is_reached(t)` says which of its inputs it reaches: TF reaches each
    loop variable's Exit separately, along backpropagatable tensors (a comparison's bool
    ends a path), so an output whose value depends on no reached initial value or capture
    (to a fixed point over the body) is not reached. None for a loop not known here."""
    info = _LOOP_INFO.get(op)
    if info is None:
        return None
    lvars, caps = info["vars"], info["captures"]
    n = len(lvars)
    inits = op._inputs[:n]
    xcaps = [c for c, t in zip(caps, op._inputs[n:]) if is_reached(t)]
    members = set(info["members_order"])
    reached = {i for i, (v, t) in enumerate(zip(lvars, inits)) if _diff(v) and is_reached(t)}
    # (an x of gradients() made in the body: TF's walk starts there)
    body_xs = _body_x_seeds({x for x in loop_body_xs(op._graph) if _held(x, members)},
                            members)
    while True:
        given = _grad_count.forward_values({lvars[i] for i in reached} | set(xcaps) | body_xs,
                                           members)
        new = {i for i, (v, b) in enumerate(zip(lvars, info["body"]))
               if i not in reached and _diff(v) and b in given}
        if not new:
            return {op._outputs[i] for i in reached}
        reached |= new


register_loop_reach(reached_outputs)


def _body_x_seeds(xs, members):
    """The xs of gradients() made in a loop body (body ops `members`), with the results of
    the body's conds whose branches hold some that TF's walk reaches from them (it leaves
    a branch through the cond's Merges)."""
    out = set(xs)
    for c in {c for c in map(_member_cond, xs, [members] * len(xs)) if c is not None}:
        out |= cond_reached_outputs(c, out.__contains__) or set()
    return out


def _member_cond(x, members):
    """The cond of body ops `members` whose branch holds tensor x (or a loop holding x),
    else None."""
    o = x._op
    while o is not None:
        chain = _branches.chain(o)
        if chain and chain[-1] in members:
            return chain[-1]
        o = _loop_of(o)
    return None


def _loop_var_infer(inputs, attrs):
    return [(attrs["dtype"], attrs["shape"])]


def _loop_var_kernel(**_):
    raise errors.InvalidArgumentError(
        None, None, "A tensor of a tf.while_loop body was evaluated outside its loop")


register_op("LoopVar", infer=_loop_var_infer, kernel=_loop_var_kernel, grad=None,
            stateful=True)


def _while_infer(inputs, attrs):
    return list(attrs["Tout"])


def _guard_blas(run, ctx, plans):
    """`run` made to set NumPy's BLAS pool as the session's thread budget says when its
    sub-plans multiply matrices (the outer plan sees only the While op, not the MatMuls)."""
    types = {n.type for p in plans for n in p.comp.program.nodes}
    if not _threads.uses_blas(types):
        return run
    intra = ctx.session._intra_op if ctx.session is not None else 0
    guarded = _threads.guard_blas(lambda args: run(*args), intra)
    return lambda *args: guarded(args)


def _sub_options(ctx, off=False):
    """The session's pass options for a sub-plan; Grappler's rewrites off when `off` (the
    enclosing plan is one TF's Grappler skips: reciprocal_div.grappler_refuses)."""
    options = ctx.session._config_options if ctx.session is not None else {}
    return grappler_off(options) if off else options


def _compile_sub(graph, ctx, outs, feeds, satisfied=frozenset(), unknown=None,
                 accumulate=(), popped=(), shape_fetches=(), cloned=(), off=False,
                 ranked=(), const_feeds=None, pushed=(), symbolic=None, invariant=(),
                 shapes=None):
    """`unknown`: the positions of the feeds whose shapes Grappler does not know (those
    that depend on a feed of the enclosing plan: add_ops_rewrite.py); None: all.
    `accumulate`: (output position, TF's name of its accumulator's Switch:1) for the
    outputs summed over the iterations (a loop gradient's captures'): each becomes
    `Add(acc, output)` of a feed `acc` added after `feeds` (in that order), as TF's
    accumulator, which Grappler's AddOpsRewrite may regroup with the output's adds;
    `popped`: the positions of the feeds TF's gradient frame pops from its stacks (their
    shapes are unknown to Grappler there); `shape_fetches`: the positions of the outputs
    read (by the loop's gradient) only for their shapes; `cloned`: the positions of the
    feeds that are constants TF clones into the gradient loop (_cloned_constants).
    `pushed`: body values TF's stacks push that the plan does not fetch (_pushed_reads).
    `symbolic`: the positions of the feeds whose Grappler shape the enclosing plan does not
    know in full (add_ops_rewrite.SYMBOLIC_ATTR): unknown to MinimizeBroadcasts here, as
    the `popped` ones. `invariant`: the positions of the feeds that are the loop's
    captures (TF's constant Enters): an op reading only those waits on the loop's pivot
    (minimize_broadcasts.pivot_driven). `shapes`: {feed position: its Grappler shape in
    the enclosing plan} for the captures (add_ops_rewrite.SHAPES_ATTR)."""
    options = _sub_options(ctx, off)
    prog = lower(graph, outs, [], feeds, satisfied=satisfied)
    if pushed:
        prog = _pushed_reads(prog, pushed)
    if cloned:
        prog = _cloned_constants(prog, [(prog.feeds[k], feeds[k]) for k in cloned
                                        if k < len(prog.feeds)])
    folded = [(k, c) for k, c in (const_feeds or {}).items() if k < len(prog.feeds)]
    if folded and not off:   # (captured constants: MoveConstantsPastEnter)
        prog = _cloned_constants(prog, [(prog.feeds[k], feeds[k]) for k, _ in folded],
                                 [c for _, c in folded])
    if accumulate:
        prog = _accumulators(prog, accumulate, [prog.feeds[k] for k in popped
                                                if k < len(prog.feeds)])
    seeds = {prog.feeds[k]: s for k, s in (shapes or {}).items() if k < len(prog.feeds)}
    if unknown is not None:
        unknown = UnknownFeeds([prog.feeds[k] for k in unknown if k < len(prog.feeds)],
                               [prog.feeds[k] for k in ranked if k < len(prog.feeds)],
                               seeds)
    bcast_unknown = None if unknown is None else UnknownFeeds(
        list(unknown) + [prog.feeds[k] for k in list(symbolic or ()) + list(popped)
                         if k < len(prog.feeds)], unknown.ranked,
        {v: s for v, s in seeds.items()
         if v not in {prog.feeds[k] for k in popped if k < len(prog.feeds)}})
    whole = {v for k, v in enumerate(prog.fetches) if k not in shape_fetches}
    if not off and options.get("constant_folding", True) and push_down_cycle(
            prog, unknown, {prog.fetches[k] for k in shape_fetches
                            if k < len(prog.fetches)} - whole):
        # TF's Grappler fails on the cycle its push-down makes: the graph runs as written
        off = True
        options = _sub_options(ctx, off)
    driven = pivot_driven(prog, [feeds[k] for k in invariant if k < len(feeds)])
    prog = grappler_division(prog, graph, options, loop_body=True, unknown=unknown,
                             bcast_unknown=bcast_unknown, driven=driven,
                             shape_fetches=frozenset(prog.fetches[k] for k in shape_fetches
                                                     if k < len(prog.fetches)) - whole)
    if off:
        prog = mark_grappler_off(prog)
    if accumulate:   # (the marks are no kernel attrs)
        mark = _add_ops_rewrite.ACCUMULATOR_ATTR
        prog = prog.copy(nodes=[_dataclasses.replace(n, attrs={}) if mark in n.attrs else n
                                for n in prog.nodes])
    prog = optimize_program(prog, options)
    return _SubPlan(CompiledProgram(prog, ctx, inplace=False))


def _capture_shapes(node, caps):
    """{feed position: Grappler's shape} of a While's (Cond's) captures `caps` whose shape
    the enclosing plan knows (a capture's Enter, a branch's Switch, has its value's shape:
    GraphProperties)."""
    shapes = node.attrs.get(_add_ops_rewrite.SHAPES_ATTR) or ()
    return {k: shapes[k] for k in caps if k < len(shapes) and shapes[k] is not None}


def _pushed_reads(prog, pushed):
    """`prog` counting a reader (Program.unseen_reads, in every round: lasting_reads) of
    each of the tensors `pushed` it
    computes: TF's StackPushV2 of a forward value a gradient op reads runs whenever the
    loop's gradient does (the pushes are control inputs of the forward counter's f_sync,
    which the gradient's counter reads), even for a gradient op no fetch needs (the Mul
    gradient's of an input off the xs' path: tf.scan's `(x @ a) * (x @ b) * e`), so the
    arithmetic optimizer sees two readers of it (no MinimizeBroadcasts group absorbs it);
    with no gradient fetched the pushes are pruned (IndyGRUCell's `(r * state) * u`
    regrouped). The pushes stay for Grappler's second round, whose constant push-down
    and MinimizeBroadcasts count them too: the variational DropoutWrapper's
    `(h / 0.8 * mask) / 0.9`, whose pushed `h / 0.8 * mask` takes no 1/0.9 (golden
    rnn/plnseq_bits, dropout_all_2)."""
    want = {(t.op, t.value_index) for t in pushed}
    reads, lasting = dict(prog.unseen_reads), dict(prog.lasting_reads)
    for n in prog.nodes:
        for k, v in enumerate(n.outputs):
            if (n.op, k) in want:
                reads[v] = reads.get(v, 0) + 1
                lasting[v] = lasting.get(v, 0) + 1
    if reads == prog.unseen_reads:
        return prog
    out = prog.copy()
    out.unseen_reads, out.lasting_reads = reads, lasting
    return out


def _cloned_constants(prog, pairs, values=None):
    """`prog` reading a Const of its own for each (feed value, forward tensor) in `pairs`:
    a forward Const the gradient loop reads is cloned into it by TF (GradLoopState.
    GetRealValue: `constant_op.is_constant`), not pushed on a stack, so Grappler sees a
    constant there (`grad / keep_prob` of a DropoutWrapper's state becomes a Mul by the
    reciprocal, as the forward `div` does). `values` (one for each of `pairs`): the
    tensors' folded values (a cond's captures under a constant
    predicate: reciprocal_div.mark_constant_branches), for tensors that are no Const."""
    swap = {}
    consts = []
    for i, (v, t) in enumerate(pairs):
        op = t._op
        if values is not None:
            attrs = {"value": _np.asarray(values[i]), "dtype": prog.dtypes.get(v)}
        elif op._type != "Const" or "value" not in op._attrs:
            continue
        else:
            attrs = dict(op._attrs)
        nv = prog.new_value(prog.dtypes.get(v), prog.shapes.get(v))
        swap[v] = nv
        consts.append(Node("Const", OPS["Const"], attrs, [], [nv], op._name, None, False))
    if not swap:
        return prog
    nodes = consts + [n.with_inputs([swap.get(x, x) for x in n.inputs])
                      if not swap.keys().isdisjoint(n.inputs) else n for n in prog.nodes]
    return prog.copy(nodes=nodes, fetches=[swap.get(x, x) for x in prog.fetches])


def _accumulators(prog, accumulate, popped):
    """`prog` with TF's accumulators of the outputs `accumulate` names (_compile_sub)."""
    prog = prog.copy(nodes=list(prog.nodes), fetches=list(prog.fetches))
    prog.feeds = list(prog.feeds)
    for j, switch in accumulate:
        g = prog.fetches[j]
        acc = prog.new_value(prog.dtypes.get(g), prog.shapes.get(g))
        prog.feeds.append(acc)
        out = prog.new_value(prog.dtypes.get(g), prog.shapes.get(g))
        prog.nodes.append(Node("Add", OPS["Add"], {_add_ops_rewrite.ACCUMULATOR_ATTR: switch,
                                                   _add_ops_rewrite.POPPED_ATTR: popped},
                               [acc, g], [out], switch[:-len("Switch:1")] + "Add", None))
        prog.fetches[j] = out
    return prog


_SHAPE_OPS = frozenset({"Shape", "ShapeN", "Size", "Rank"})


def _capture_accumulators(ginfo, info, n):
    """(capture position, output position, TF's name of the accumulator's Switch:1) of
    the captures whose gradients WhileGrad `ginfo` sums as TF's gradient frame does, in
    the gradient body's plan: dense ones of a fully known float shape (TF's b_acc is a
    constant then), named after the body op that first reads the capture (TF enters it
    there: `<reader>/Enter_grad/Switch:1`, in the tf.gradients call's scope)."""
    prefix = ginfo.get("grad_prefix")
    if prefix is None:
        return []
    out = []
    pos = n
    members = info["members_order"]
    for k, p in zip(ginfo["diff_caps"], ginfo["parts"]):
        pos += p
        if p != 1 or k in ginfo["sliced"]:
            continue
        c, g = info["captures"][k], ginfo["grads"][pos - 1]
        if not isinstance(g, Tensor) or not g.shape.is_fully_defined() or \
                not g.dtype.base_dtype.is_floating or (
                    c.dtype.base_dtype is not _dt.resource and c.shape != g.shape):
            continue
        reader = next((o for o in members if c in o._inputs), None)
        if reader is None:
            continue
        out.append((k, pos - 1, f"{prefix}{reader.name}/Enter_grad/Switch:1",
                    builtins.tuple(g.shape.as_list()), g.dtype.base_dtype.as_numpy_dtype))
    return out


def _run_sub(plan, feeds):
    try:
        return plan(feeds)
    except Exception as e:  # noqa: BLE001 - mapped to the failing op of the loop
        raise plan.comp.translate_error(e) from None


def _loop_states(info, cond_plan, body_plan, values, caps, keep, n_saved=0, computed=None,
                 stash=None, nested=(), check=None):
    """Runs the loop; with `keep`, also every iteration's (state, saved values, nested):
    the values of the body's stateful ops (random numbers, ...), which the gradient reuses,
    and the kept iterations the body's loops `nested` (their stash keys, in `stash`) left
    in this iteration, which the gradients of those loops in this loop's gradient reuse.
    `computed`: the positions of the variables the body plan gives (all: None), the others
    keep their initial values (nothing the plan runs reads them)."""
    n = len(info["vars"])
    pick = range(n) if computed is None else computed
    k = len(pick)
    states = []
    values = builtins.tuple(values)
    session, deadline = (None, None) if check is None else check[:2]
    while True:
        if session is not None and (session._closed or deadline.at is not None):
            _control_flow_v1.stop_loop(check)
        (go,) = _run_sub(cond_plan, values + caps)
        if not go:
            break
        out = _run_sub(body_plan, values + caps)
        if keep:
            inner = {key: stash.pop(key) for key in nested if key in stash} \
                if nested else None
            states.append((values, builtins.tuple(out[k:k + n_saved]), inner))
        new = [_np.array(v, copy=True) if isinstance(v, _np.ndarray) else v for v in out[:k]]
        if computed is None:
            values = builtins.tuple(new)
        else:
            values = list(values)
            for i, v in zip(pick, new):
                values[i] = v
            values = builtins.tuple(values)
    return values, states


_run_stash = threading.local()
PLAN_READS, PLAN_GRADS = "_plan_reads", "_plan_grads"   # (_plan_mark)


def _stash(ctx):
    """Per session and thread: this run's kept iterations of each differentiated loop, by
    op (a run's end forgets them: end_run)."""
    stashes = getattr(_run_stash, "by_ctx", None)
    if stashes is None:
        stashes = _run_stash.by_ctx = {}
    stash = stashes.get(id(ctx))
    if stash is None:
        stash = stashes[id(ctx)] = {}
    return stash


def end_run(ctx):
    """A session run's end (session.py): its loops' kept iterations are gone. A later run
    fetching only a loop's gradient runs the loop's forward iterations again, as TF runs
    the forward frame in every run that needs its stacks."""
    stashes = getattr(_run_stash, "by_ctx", None)
    if stashes:
        stashes.pop(id(ctx), None)


_nesting = threading.local()


@contextlib.contextmanager
def _nested_marks(grads):
    """While a loop's body plan is made: `grads`, the gradients of the loops nested in its
    body that the loop's gradients in the plan run (_inner_grads). _plan_mark gives each
    nested While those of its own, so that it keeps its iterations for them: TF's inner
    frame pushes in every outer iteration, and the outer gradient pops those values (the
    numbers the forward drew), it does not run the inner loop again."""
    prev = getattr(_nesting, "grads", frozenset())
    _nesting.grads = grads
    try:
        yield
    finally:
        _nesting.grads = prev


def _inner_grads(graph, info, gops, done):
    """The WhileGrads (of loops nested in the body) that the gradients `gops` of the loop
    `info` run in their gradient bodies (in a branch of a cond there too)."""
    out = set()
    feeds = info["vars"] + info["captures"]
    for gop in gops:
        ginfo = _LOOP_INFO[gop]
        got = ginfo.get("inner_run")
        if got is None:
            made = ginfo.get("inner_grads", ())
            if made:
                prog = lower(graph, ginfo["grads"], [], feeds + ginfo["grad_vars"] +
                             ginfo["saved"], satisfied=done)
                top = {nd.op for nd in prog.nodes if nd.type == "WhileGrad"}
                made = [o for o in made if o in top or _branches.chain(o)]
            got = ginfo["inner_run"] = frozenset(made)
        out |= got
    return frozenset(out)


def _nested_runs(graph, grads):
    """Outputs of the forward loops of the WhileGrads `grads` for a body plan to fetch, so
    that each such loop runs in every iteration even where nothing else the plan computes
    reads it (a run fetching only the gradient: TF's outer frame still runs the inner
    loop for its stack pushes): the variables its gradients need (their condition's)."""
    out = []
    for gop in grads:
        fop = _LOOP_INFO[gop]["forward"]
        finfo = _LOOP_INFO[fop]
        if _branches.chain(fop):   # (in a cond's branch: the cond runs it when it runs)
            continue
        need = _grad_needs(graph, finfo, _LOOP_INFO[gop], finfo.get("outside", frozenset()))[0]
        out += [fop.outputs[k] for k in need or (0,) if fop.outputs[k] not in out]
    return out


def _nested_keys(grads):
    """The stash keys of the forward loops of the WhileGrads `grads` (_loop_states)."""
    fops = {_LOOP_INFO[o]["forward"] for o in grads}
    return builtins.tuple(fops) + builtins.tuple(("lstm", f) for f in fops)


def _nested_kept(stash, key):
    """A nested loop's iterations that the enclosing loop's gradient put back for the
    outer iteration it is at (run_while_grad)."""
    return stash.get(("nested", key))


def loops_fail_grappler(program, graph, depth=0):
    """Does a while loop's body in `program` (nested ones too) hold the cycle TF 1.14's
    ConstantPushDown makes (constant_push_down.push_down_cycle)? Grappler then fails on
    the whole graph and TF runs every op as written, outside the loop too (`o / 7.0`
    is an exact division there; golden math/loopvar_push). Shapes as the loop's body
    sees them with every variable unknown to Grappler but for its rank."""
    for n in program.nodes:
        info = _LOOP_INFO.get(n.op) if n.type == "While" and n.op is not None else None
        if info is None:
            continue
        saved = list(info.get("saved", ()))
        body = lower(graph, info["body"] + saved, [], info["vars"] + info["captures"],
                     satisfied=info.get("outside", frozenset()))
        whole = info.get("read_whole", ())
        shape_only = {body.fetches[len(info["body"]) + i] for i, t in enumerate(saved)
                      if t not in whole and t not in info["body"]}
        shape_only -= {v for k, v in enumerate(body.fetches) if k < len(info["body"])}
        if push_down_cycle(body, None, shape_only) or \
                depth < 8 and loops_fail_grappler(body, graph, depth + 1):
            return True
    return False


def _merge_dtype_error(g, k, init, out):
    """TF 1.14's executor error for loop variable `k` whose body result has another dtype
    than its initial value (TF's `<frame>/Merge_k` reads `<frame>/NextIteration_k`)."""
    scope = g.get_name_scope()
    suffix = f"_{k}" if k else ""
    names = {"float32": "float", "float64": "double", "float16": "half"}
    got, want = (names.get(d.base_dtype.name, d.base_dtype.name)
                 for d in (out.dtype, init.dtype))
    return (f"Input 1 of node {scope}/Merge{suffix} was passed {got} from "
            f"{scope}/NextIteration{suffix}:0 incompatible with expected {want}.")


def _while_bind(node, ctx):
    info = _control_info(_LOOP_INFO, node)
    if info.get("merge_error"):
        def refused(*_):
            raise errors.InvalidArgumentError(None, None, info["merge_error"])
        return refused
    graph = node.op.graph
    feeds = info["vars"] + info["captures"]
    saved = builtins.tuple(info.get("saved", ()))
    done = info.get("outside", frozenset())
    n = len(info["vars"])
    roles = _lstm_loop.match(graph, info, ctx)
    computed, reads = None, node.attrs.get(PLAN_READS)
    unfetched = ()
    # (a While no op reads an output of runs for a control edge or as a target: TF's is
    # to one Exit, which flowgrad's one op does not tell, so every variable is computed)
    if reads and roles is None:
        # as TF prunes the frame: only the variables the plan reads (their Exits), the
        # condition, and the stack pushes of the gradients in the plan need, run
        grads = node.attrs.get(PLAN_GRADS, ())
        pushed = {}
        want = set(reads)
        for gop in grads:
            gv, gs = _grad_needs(graph, info, _LOOP_INFO[gop], done)
            want.update(gv)
            gsaved = _LOOP_INFO[gop]["saved"]
            pushed.update((gsaved[j], None) for j in gs)
        if grads:   # (TF pushes every value its gradient ops read: _pushed_reads)
            unfetched = [t for t in saved if t not in pushed and t.op.type != "Const"
                         and t in info.get("read_whole", ())]
        saved = builtins.tuple(t for t in saved if t in pushed)
        computed = _needed_vars(graph, info, want, saved, done)
        if len(computed) == n:
            computed = None
    inner = _inner_grads(graph, info, node.attrs.get(PLAN_GRADS, ()), done) \
        if node.attrs.get(PLAN_GRADS) else frozenset()
    nested = _nested_keys(inner)
    keep = bool(saved) or bool(nested)
    unknown = node.attrs.get(_add_ops_rewrite.UNKNOWN_ATTR)
    off = bool(node.attrs.get(GRAPPLER_OFF))
    # the variables computed from a feed have their rank (symbolic_shapes.UnknownFeeds)
    fed = node.attrs.get(_add_ops_rewrite.FED_ATTR, ())
    ranked = [k for k in unknown or () if k < len(info["vars"]) and k not in fed]
    caps = range(n, len(feeds))     # (the captures: TF's constant Enters)
    cond_plan = _compile_sub(graph, ctx, [info["cond"]], feeds, done, unknown, off=off,
                             ranked=ranked, invariant=caps)
    # (a kept value the gradient reads only through Shape ops: TF's Shape reads it in the
    # forward frame, a reader Grappler's AddOpsRewrite does not count)
    whole = info.get("read_whole", ())
    results = info["body"] if computed is None else [info["body"][i] for i in computed]
    shape_only = [len(results) + i for i, t in enumerate(saved)
                  if t not in whole and t not in info["body"]]
    with _nested_marks(inner):
        body_plan = _compile_sub(graph, ctx, results + list(saved) +
                                 _nested_runs(graph, inner), feeds, done, unknown,
                                 shape_fetches=shape_only, off=off, ranked=ranked,
                                 const_feeds=node.attrs.get(CONST_CAPTURES),
                                 pushed=unfetched, invariant=caps,
                                 symbolic=node.attrs.get(_add_ops_rewrite.SYMBOLIC_ATTR),
                                 shapes=_capture_shapes(node, caps))
    op = node.op
    known = None if computed is None else frozenset(computed)

    replay = info.get("replay", False)
    fused = _lstm_loop.Runner(roles, cond_plan, _run_sub,
                              _add_ops_rewrite.rewritten_roots(body_plan.comp.program)) \
        if roles is not None else None
    fkey = ("lstm", op)
    check = _control_flow_v1.loop_check(ctx, op)

    def run_while(*args):
        stash = _stash(ctx)
        if fused is not None:
            stash.pop(fkey, None)
            stash.pop(op, None)
            if replay:
                with _replaying():
                    got = fused.forward(args, clear=False)
            else:
                got = fused.forward(args)
            if got is not None:
                if keep:   # WhileGrad reads the gates kept here
                    stash[fkey] = (args, got[1])
                return got[0]
        if replay:
            with _replaying():
                values, states = _loop_states(info, cond_plan, body_plan, args[:n],
                                              builtins.tuple(args[n:]), keep, len(saved),
                                              computed, stash, nested, check)
        else:
            values, states = _loop_states(info, cond_plan, body_plan, args[:n],
                                          builtins.tuple(args[n:]), keep, len(saved),
                                          computed, stash, nested, check)
        if keep:   # the gradient (WhileGrad, later in this run) walks these back
            stash[op] = (args, states, saved, known)
        return values[0] if n == 1 else values
    return _guard_blas(run_while, ctx, [cond_plan, body_plan])


def _while_grad_bind(node, ctx):
    ginfo = _LOOP_INFO[node.op]
    fop = ginfo["forward"]
    info = _LOOP_INFO[fop]
    graph = node.op.graph
    feeds = info["vars"] + info["captures"]
    saved = ginfo["saved"]
    n, m = len(info["vars"]), len(info["captures"])
    done = info.get("outside", frozenset())
    # the WhileGrad's inputs start with the forward While's (its feeds), then the grad_vars'
    unknown = node.attrs.get(_add_ops_rewrite.UNKNOWN_ATTR)
    off = bool(node.attrs.get(GRAPPLER_OFF))
    caps = range(n, n + m)          # (the captures: TF's constant Enters)
    cond_plan = _compile_sub(graph, ctx, [info["cond"]], feeds, done, unknown, off=off,
                             invariant=caps)
    # (the forward body as its While runs it: its captured constants Consts; the gradient
    # body's too: TF enters a capture its gradient reads into the gradient frame again, a
    # constant Enter that MoveConstantsPastEnter makes a Const there, golden
    # math/loop_const_enter)
    consts = {k: c for k, c in node.attrs.get(CONST_CAPTURES, {}).items() if n <= k < n + m}
    # (a run that fetches the gradient without the loop runs only what the gradient needs)
    # and its other gradients in the plan need: TF's frame pushes for all of them at once)
    need_vars, need_saved = _grad_needs(graph, info, ginfo, done)
    want = [saved[j] for j in need_saved]
    run_vars, pushed = set(need_vars), dict.fromkeys(want)
    for gop in node.attrs.get(PLAN_GRADS, ()):
        gv, gs = _grad_needs(graph, info, _LOOP_INFO[gop], done)
        run_vars.update(gv)
        pushed.update((_LOOP_INFO[gop]["saved"][j], None) for j in gs)
    pushed = builtins.tuple(pushed)
    run_vars = _needed_vars(graph, info, run_vars, pushed, done)
    pruned = [info["body"][i] for i in run_vars] + list(pushed)
    inner = _inner_grads(graph, info, (node.op,) + builtins.tuple(
        node.attrs.get(PLAN_GRADS, ())), done)
    nested = _nested_keys(inner)
    symbolic = node.attrs.get(_add_ops_rewrite.SYMBOLIC_ATTR)
    unfetched = [t for t in info.get("saved", ()) if t not in pushed and t.op.type != "Const"
                 and t in info.get("read_whole", ())]   # (TF's pushes: _pushed_reads)
    with _nested_marks(inner):
        body_plan = _compile_sub(graph, ctx, pruned + _nested_runs(graph, inner), feeds, done,
                                 unknown, off=off, const_feeds=consts, pushed=unfetched,
                                 symbolic=symbolic, invariant=caps)
    accs = _capture_accumulators(ginfo, info, n)
    base = len(feeds) + len(ginfo["grad_vars"])
    grad_plan = _compile_sub(graph, ctx, ginfo["grads"],
                             feeds + ginfo["grad_vars"] + saved, done, unknown,
                             [a[1:3] for a in accs],
                             list(range(n)) + list(range(2 * n + m, 2 * n + m + len(saved))),
                             cloned=[base + i for i, t in enumerate(saved)
                                     if t._op._type == "Const"], off=off, symbolic=symbolic,
                             const_feeds=consts, invariant=caps)
    acc_of = {a[0]: i for i, a in enumerate(accs)}
    picks = {}
    parts, specs = ginfo["parts"], ginfo["sliced"]
    # (a fused runner sums dense gradients: an IndexedSlices' loop runs plainly)
    roles = _lstm_loop.match(graph, info, ctx) if not specs else None
    if roles is not None and pruned != info["body"] + saved:   # (the runner's: the whole)
        whole = _compile_sub(graph, ctx, info["body"] + saved, feeds, done, unknown, off=off,
                             const_feeds=consts, invariant=caps)
    else:
        whole = body_plan
    fused = _lstm_loop.Runner(roles, cond_plan, _run_sub,
                              _add_ops_rewrite.rewritten_roots(whole.comp.program)) \
        if roles is not None else None
    if fused is not None:   # the gradient body (a runner may read its sums' orders)
        fused.grad = (graph, ginfo["grads"], feeds + ginfo["grad_vars"] + saved,
                      _sub_options(ctx, off))
    fkey = ("lstm", fop)

    def run_fused(args):
        # the forward's kept gates are taken (freed once this gradient is done); a second
        # gradient of the same loop in this run recomputes them
        stash = _stash(ctx)
        nest = _nested_kept(stash, fkey)   # (this outer iteration's, as the forward ran it)
        kept = stash.pop(fkey, None) if nest is None else nest
        if nest is not None or kept is not None and len(kept[0]) == n + m and all(
                a is b for a, b in zip(kept[0], args[:n + m])):
            kept = kept[1]
        else:
            with _replaying():
                got = fused.forward(args[:n + m], clear=False)
            if got is None:
                return None
            kept = got[1]
        return fused.backward(args, kept, ginfo["diff_caps"])

    def forward_states(args):
        """The forward While's kept iterations from this run (no forward op runs again),
        else the loop run again, pruned to what the plan's gradients of it need (kept
        for the others)."""
        stash = _stash(ctx)
        kept = _nested_kept(stash, fop)   # (kept by the forward of the enclosing loop's
        if kept is None or (kept[3] is not None and   # iteration: its own args)
                            not kept[3].issuperset(need_vars)) or \
                picks.get(kept[2], ()) is None:
            kept = stash.get(fop)
            if kept is None or len(kept[0]) != n + m or not all(
                    a is b for a, b in zip(kept[0], args[:n + m])) or (
                        kept[3] is not None and not kept[3].issuperset(need_vars)) or \
                    picks.get(kept[2], ()) is None:
                states = _loop_states(info, cond_plan, body_plan, args[:n],
                                      builtins.tuple(args[n:n + m]), True, len(pushed),
                                      run_vars, stash, nested,
                                      _control_flow_v1.loop_check(ctx, fop))[1]
                kept = stash[fop] = (args[:n + m], states, pushed, frozenset(run_vars))
        fsaved = kept[2]
        idx = picks.get(fsaved)
        if idx is None:
            pos = {t: i for i, t in enumerate(fsaved)}
            idx = picks[fsaved] = builtins.tuple(pos[t] for t in want) \
                if all(t in pos for t in want) else None
            if idx is None:   # (kept by a plan that needs other values)
                return forward_states(args)
        out = []
        for v, sv, nest in kept[1]:
            got = [None] * len(saved)
            for j, i in zip(need_saved, idx):
                got[j] = sv[i]
            out.append((v, builtins.tuple(got), nest))
        return out

    def run_while_grad(*args):
        if fused is not None:
            outs = run_fused(args)
            if outs is not None:
                return builtins.tuple(outs)
        caps, gys = builtins.tuple(args[n:n + m]), args[n + m:]
        with _replaying():   # the forward reads ran once already: they do not clear again
            states = forward_states(args)
            g_vars = list(gys)
            g_caps = [None] * m
            got = {k: [] for k in specs}   # an IndexedSlices' parts per iteration
            sums = [_np.zeros(a[3], a[4]) for a in accs]
            stash = _stash(ctx) if nested else None
            for state, kept, nest in reversed(states):
                if nest is not None:   # the nested loops' iterations of this iteration
                    for key in nested:
                        stash.pop(("nested", key), None)
                    stash.update((("nested", key), v) for key, v in nest.items())
                out = _run_sub(grad_plan, builtins.tuple(state) + caps +
                               builtins.tuple(g_vars) + kept + builtins.tuple(sums))
                g_vars = list(out[:n])
                pos = n
                for k, p in zip(ginfo["diff_caps"], parts):
                    g, pos = out[pos], pos + p
                    if p > 1:   # (copies: the plan's buffers serve the next iteration)
                        got[k].append([_np.array(x) for x in out[pos - p:pos]])
                        continue
                    if k in acc_of:   # TF's accumulator, in the plan (a copy: see above)
                        sums[acc_of[k]] = g_caps[k] = _np.array(g, copy=True)
                        continue
                    acc = g_caps[k]
                    if acc is None:   # a copy we own: the sums below go into it
                        g_caps[k] = g.copy() if isinstance(g, _np.ndarray) else g
                    elif isinstance(acc, _np.ndarray) and acc.shape == _np.shape(g):
                        _np.add(acc, g, out=acc)
                    else:
                        g_caps[k] = acc + g
            for key in nested:
                stash.pop(("nested", key), None)
        outs = list(g_vars)
        for k in ginfo["diff_caps"]:
            if k in specs:
                outs += _sliced.accumulate(specs[k], got[k], caps[k])
                continue
            if g_caps[k] is None:
                c = caps[k]
                g_caps[k] = _np.zeros_like(c) if isinstance(c, _np.ndarray) else \
                    _empty_grad_value()
            outs.append(g_caps[k])
        return outs[0] if len(outs) == 1 else builtins.tuple(outs)
    return _guard_blas(run_while_grad, ctx, [cond_plan, body_plan, grad_plan])


def _feeds_read(graph, outs, fed, done):
    """The positions in `fed` of the feeds the plan of `outs` reads."""
    prog = lower(graph, outs, [], fed, satisfied=done)
    used = set(prog.fetches)
    for nd in prog.nodes:
        used.update(nd.inputs)
    return {k for k, v in enumerate(prog.feeds) if v in used}


def _needed_vars(graph, info, want, kept, done):
    """The positions of the loop variables a run of the loop computes when it needs the
    variables `want` and the body values `kept`: to a fixed point, those the condition,
    `kept` and the needed variables' next values read (TF prunes the frame so: a stateful
    op of the body none needs does not run, a random op draws no numbers)."""
    n = len(info["vars"])
    feeds = info["vars"] + info["captures"]
    want = set(want) | {k for k in _feeds_read(graph, [info["cond"]], feeds, done) if k < n}
    while True:
        more = {k for k in _feeds_read(graph, [info["body"][i] for i in sorted(want)] +
                                       list(kept), feeds, done) if k < n} - want
        if not more:
            return sorted(want)
        want |= more


def _grad_needs(graph, info, ginfo, done):
    """(loop variable positions, positions in its kept values) that WhileGrad `ginfo`
    needs of the forward iterations: the values its gradient ops read (TF's stacks) and
    the variables (_needed_vars) those and its gradient ops read."""
    got = ginfo.get("needs")
    if got is None:
        n = len(info["vars"])
        feeds = info["vars"] + info["captures"]
        saved = ginfo["saved"]
        base = len(feeds) + len(ginfo["grad_vars"])
        read = _feeds_read(graph, ginfo["grads"], feeds + ginfo["grad_vars"] + saved, done)
        need = sorted(k - base for k in read if k >= base)
        got = ginfo["needs"] = (_needed_vars(graph, info, {k for k in read if k < n},
                                             [saved[j] for j in need], done), need)
    return got


def _plan_mark(node, program):
    """A While (WhileGrad) node's attrs from the plan it runs in: the outputs the plan
    reads (a While's), the (other) WhileGrads of the loop in the plan: TF prunes the loop's
    frame to what those read and their stack pushes."""
    fop = node.op if node.type == "While" else _LOOP_INFO.get(node.op, {}).get("forward")
    used = set(program.fetches)
    grads = []
    for nd in program.nodes:
        used.update(nd.inputs)
        if nd.type == "WhileGrad" and nd.op is not None and nd.op is not node.op and \
                _LOOP_INFO.get(nd.op, {}).get("forward") is fop:
            grads.append(nd.op)
    if fop is not None:   # (a loop gradient built in a branch: its plan is another)
        nesting = getattr(_nesting, "grads", ())
        grads += [o for o in _LOOP_INFO.get(fop, {}).get("grad_ops", ())
                  if o not in grads and o is not node.op and (
                      _branches.chain(o) or node.type == "While" and o in nesting)]
    if node.type != "While":
        return {PLAN_GRADS: builtins.tuple(grads)}
    return {PLAN_READS: builtins.tuple(k for k, v in enumerate(node.outputs) if v in used),
            PLAN_GRADS: builtins.tuple(grads)}


def _counter_in_blocks(g, info):
    """The ops TF 1.14 adds to the forward frame of a loop differentiated in
    control_dependencies blocks: the forward counter's input-less `1` (gradients/Add/y)
    gets their control inputs, each replaced by an Identity of its first output, entered
    into the frame once (Graph._frame_block_note); and those first outputs."""
    ctrl = []
    for c in g._tf_control_stack():
        ctrl.extend(x for x in c.control_inputs if x not in ctrl)
    entered = info.setdefault("entered", set())
    values = [x._outputs[0] for x in ctrl if x._outputs]
    n = len(values) + sum(1 for v in values if v not in entered)
    entered.update(values)
    return n, values, ctrl


def _grad_ys_names(g, op, grad_vars, body_ops):
    """Records (graph attr `_grappler_input_names`: tensor name -> name) the name under
    which Grappler sorts the body gradient's grad_ys_j, tf.gradients' Identity of loop
    variable k's gradient: TF's body reads its gradient loop's `<while>/Merge_k_grad/Switch:1`
    instead (graph_def_lower_grad.py), named in the tf.gradients call's scope as the body's
    gradient ops are (so an AddN of a loop variable's gradient sorts as TF's:
    addn_order._grappler_names)."""
    pos = {v: k for k, v in enumerate(grad_vars)}
    scope = op.name.rsplit("/", 1)[0] + "/" if "/" in op.name else ""
    names = None
    prefix = None
    for o in body_ops:
        if o.type != "Identity" or len(o.inputs) != 1 or o.inputs[0] not in pos:
            continue
        base = o.name.rsplit("/", 1)
        if not base[-1].startswith("grad_ys_"):
            continue
        k = pos[o.inputs[0]]
        if names is None:
            names = g.__dict__.setdefault("_grappler_input_names", {})
        prefix = base[0] + "/" if len(base) == 2 else ""
        names[o.outputs[0].name] = \
            f"{prefix}{scope}Merge{'' if k == 0 else f'_{k}'}_grad/Switch:1"
    return prefix


def _while_grad(op, *grads):
    """Backprop through every iteration (the body's gradient, recomputed per kept state)."""
    info = _LOOP_INFO[op]
    if not info.get("back_prop", True) and body_walk() is not None and _branches.chain(op):
        # (a back_prop=False loop in a cond in a loop body: None, without TF's GradLoopState
        # there, whose counters in the gradient cond the GraphDef writer does not write yet)
        return [None] * len(op._inputs)
    g = op.graph
    lvars, caps = info["vars"], info["captures"]
    n = len(lvars)
    members = info["members_order"]
    member_set = set(members)
    # the body's stateful ops (random numbers, assigns) run once per iteration: the gradient
    # is fed their forward values instead of running them again
    saved = [t for o in members if o.type != "LoopVar" and o._def.stateful
             for t in o._outputs if not t.dtype.is_ref_dtype]
    start = len(g._ops)
    last_id = g._last_id
    blocked, block_values, block_ops = _counter_in_blocks(g, info)
    # the xs of gradients() made in the body (its gradients are the body gradient's)
    xin = {x: None for x in inner_xs(g) if _held(x, member_set)}
    grad_entered = set()   # (the values the gradient frame's Enters hold)

    diff = _diff
    outer = body_walk()   # TF gates the body's gradients as the gradients() call does
    # as TF's walk (only the ops between the xs and the ys get gradients): a capture that
    # does not depend on the xs of gradients() gets none, no accumulator, and the body ops
    # only it reaches no gradient ops (on a path from the enclosing gradients()'s xs; in a
    # cond's branch, from the captures of the cond the branch's gradient asks for, those
    # between its own call's xs and ys: TF's walk reaches no Enter of a value made in the
    # branch from no float x, as an RNN's masking zeros, nor of a capture not asked for).
    # In a cond's branch the body's gradient still stops at every capture (xs_caps: its
    # walk must not leave the body through a branch value into the enclosing cond); the
    # gradients of those off the path are dropped (no output, no accumulator)
    top = not _branches.chain(op)
    xs_caps = [k for k, c in enumerate(caps)
               if diff(c) and (not top or _grad_count.on_path(c, outer))]
    diff_caps = [k for k in xs_caps if top or _grad_count.on_path(caps[k], outer)]
    dropped = set(xs_caps) - set(diff_caps)
    walk = BodyWalk(gating() or (outer is not None and outer.gate), outer, member_set)
    gate = walk.gate
    walk.parallel = info.get("parallel", 10)
    walk.conds = builtins.tuple(_branches.chain(op))
    walk.in_cond = len(walk.conds)
    walk.all_conds = walk.in_cond + (outer.all_conds if outer is not None else 0)
    with name_scope(op.name + "_grad"):
        unused = sum(1 for o, gr in zip(op.outputs, grads) if gr is None and diff(o))
        # as TF, a variable is differentiated when its value depends on the xs and reaches
        # a gradient
        seeds = _body_x_seeds(xin, member_set)
        walk.reached = _grad_count.reached_vars(lvars, op._inputs[:n], info["body"], caps,
                                                member_set, diff, outer, seeds)
        # tf.while_loop(..., back_prop=False): TF's gradients() still makes the loop's
        # GradLoopState (the f_count and b_count loops), but _ExitGrad gives every variable
        # None (no b_exit) and no capture gets a gradient
        walk.back_prop = info.get("back_prop", True)
        if not walk.back_prop:
            walk.reached = set()
        walk.live = _grad_count.live_vars(lvars, info["body"], member_set,
                                          [gr is not None and not is_zero_fill(gr)
                                           for gr in grads], diff) & walk.reached
        walk.captures = frozenset(caps)
        walk.values = _grad_count.between_values(lvars, caps, member_set, walk.reached, outer,
                                                 seeds)
        grads = [_zeros(o) if gr is None else convert_to_tensor(gr)
                 for o, gr in zip(op.outputs, grads)]
        grad_vars = [_loop_var(v.dtype.base_dtype, v.shape, "grad") for v in lvars]
        # as TF, the body's gradient starts from the variables whose values reach a
        # gradient (another's is zeros: the ops only it reads are not between, as TF's)
        ys = [b for i, b in enumerate(info["body"]) if i in walk.live]
        gys = [gv for i, gv in enumerate(grad_vars) if i in walk.live]
        xs = [v for v in lvars if diff(v)] + [caps[k] for k in xs_caps]
        body_start, body_id = len(g._ops), g._last_id
        set_body_walk(walk)
        try:
            # (made in a control_dependencies block, TF's gradient frame is built in it)
            with g._frame_of_blocks(True, clear=False, entered=grad_entered) as grad_blocks:
                # (an x of the outer call in the body is no stop: TF's _StopOps)
                body_grads = gradients(ys, xs + list(xin), grad_ys=gys,
                                       stop_gradients=xs) if ys else [None] * len(xs + list(xin))
        finally:
            set_body_walk(outer)
        for x, gr in zip(xin, body_grads[len(xs):]):
            xin[x] = gr
            for t in ((gr.values, gr.indices) if isinstance(gr, IndexedSlices) else (gr,)):
                if t is not None:   # (a tensor of TF's gradient frame: not fetchable)
                    g.prevent_fetching(t._op)
        inner_xs(g).update(xin)
        body_grads = body_grads[:len(xs)]
        body_ops, body_moved = g._ops[body_start:], g._last_id - body_id
        grad_prefix = _grad_ys_names(g, op, grad_vars, body_ops)
        it = iter(body_grads)
        out_vars = []
        densified = 0   # TF's NextIteration of an IndexedSlices gradient densifies it
        patched = []   # (variables the body gives no gradient: TF's PostProcessing's)
        filled = []    # (those of an exit gradient's shape not fully known)
        for i, v in enumerate(lvars):
            gv = next(it) if diff(v) else None
            if i not in walk.reached and v.dtype.base_dtype is not _dt.variant:
                # (TF's walk reaches no Switch of a variable whose value does not depend
                # on the xs: no gradient rule of an op only it reads, no gradient of it)
                gv = None
            if gv is None and v.dtype.base_dtype is _dt.variant and i not in walk.live:
                gv = grad_vars[i]   # an array no gradient reads: its gradient flow as given
            if gv is None and i in walk.live and grads[i].shape.is_fully_defined():
                patched.append(i)
            elif gv is None and i in walk.live and v.dtype.base_dtype is _dt.float32:
                # (TF's zeros of the exit gradient's Shape, made outside the frame: the
                # zeros of the gradient loop variable, no forward value kept; TF's are
                # float32 whatever the variable's dtype, another's fails in its Merge)
                filled.append(i)
            mark = g._last_id
            out_vars.append(_zeros_like(grad_vars[i]) if i in filled else
                            _zeros(v) if gv is None else convert_to_tensor(gv))
            if isinstance(gv, IndexedSlices) and i in walk.live:
                densified += g._last_id - mark
        out_caps, cap_types = [], []
        parts, specs = [], {}   # per capture WhileGrad's outputs; an IndexedSlices' sum
        unconnected = set()   # captures no body path reaches: None, as TF's pruning gives
        sliced = {}   # capture -> its gradient's (values, dense_shape) shapes fully known
        for k in xs_caps:
            gc = next(it)
            if k in dropped:
                continue
            if gc is None:   # (no WhileGrad output, no accumulator: as TF's, whose
                unconnected.add(k)   # Enter gets no gradient, as when only a Less reads it)
                continue
            if isinstance(gc, IndexedSlices):   # TF accumulates the slices
                ds = gc.dense_shape
                # (TF's values of a body cond's Merges: known as walk.sliced says)
                known = walk.sliced.get(caps[k])
                sliced[k] = (gc.values.shape.is_fully_defined() and (known is None or known[0]),
                             None if ds is None else ds.shape.is_fully_defined()
                             if known is None or known[1] is None else known[1])
                specs[k] = _sliced.spec(gc)
                parts.append(_sliced.parts(gc))
                cap_types += _sliced.out_types(gc)
                out_caps += parts[-1]
                continue
            elif caps[k] in walk.sliced:   # (slices a cond of the body merged)
                sliced[k] = walk.sliced[caps[k]]
            out_caps.append(convert_to_tensor(gc))
            parts.append([out_caps[-1]])
            cap_types.append(_grad_type(caps[k]))
        # the forward values the gradient ops read are kept from the forward iterations
        # (as TF's stacks), so the backward pass does not compute the body again
        seen = set(saved)

        def in_body(o):   # a body op, or one in a branch of a cond of the body
            return o in member_set or any(c in member_set for c in _branches.chain(o))
        full = info.setdefault("read_whole", set())   # (kept values not only shape-read)
        for o in g._ops[start:]:
            for t in o._inputs:
                if o.type not in _SHAPE_OPS:
                    full.add(t)
                # (a stateful op's ref output, AssignAdd's, is kept as TF's stack keeps it:
                # the variable's buffer, read when the gradient runs)
                if t not in seen and t._op.type != "LoopVar" and in_body(t._op) and (
                        not t.dtype.is_ref_dtype or t._op._def.stateful):
                    seen.add(t)
                    saved.append(t)
        for t in out_vars + out_caps:
            if t._op in member_set and t._op.type != "LoopVar" and t not in seen:
                seen.add(t)
                saved.append(t)
        info["saved"] = list(dict.fromkeys(info.get("saved", []) + saved))
        inputs = list(op._inputs) + grads
        tout = builtins.tuple([_grad_type(t) for t in lvars] + cap_types)
        gop = g._create_op("WhileGrad", inputs, {"Tout": tout}, "WhileGrad")
    # the op counter moves as TF's gradient frame's ops would move it
    g._last_id = last_id + blocked + densified + _grad_count.tf_grad_ops(
        lvars, caps, xs_caps, unconnected, member_set, body_ops, body_moved, gys, diff,
        unused, walk, sliced, block_values, grad_entered)
    info.setdefault("grad_ops", []).append(gop)
    summed = [k for k in diff_caps if k not in unconnected]   # (WhileGrad's capture outputs)
    _LOOP_INFO[gop] = {"grads": out_vars + out_caps, "grad_vars": grad_vars,
                       # (flowgrad's gradient ops TF's frame has no node for)
                       "not_tf": frozenset(_grad_count.not_tf_ops(
                           lvars, caps, xs_caps, member_set, diff, walk)[0]),
                       "diff_caps": summed, "forward": op, "saved": saved,
                       # (the gradients of the loops nested in the body it made)
                       "inner_grads": [o for o in body_ops if o.type == "WhileGrad"],
                       "grad_prefix": grad_prefix,
                       "parts": [len(p) for p in parts], "sliced": specs,
                       # (per IndexedSlices capture: its values' and dense shape's static
                       # shapes fully known, as TF's accumulator sees them)
                       "sliced_known": {k: sliced[k] for k in specs},
                       "reached": frozenset(walk.reached), "gate": gate,
                       "back_prop": walk.back_prop,
                       "live": frozenset(walk.live),
                       "fill": frozenset(filled),   # (PostProcessing's zeros of a Shape)
                       # (the control inputs of the blocks it was made in, for GraphDefs)
                       "block_ops": block_ops, "block_values": block_values,
                       "block_stack": g._tf_control_stack() if block_ops else [],
                       "block_made": list(grad_blocks.made) if grad_blocks is not None
                       else []}
    if patched or filled:
        _patch_merges(g, _LOOP_INFO, gop, {k: out_vars[k] for k in patched}, filled,
                      walk.outer is None and len(_branches.chain(op)) == 1)
    res = [None] * len(op._inputs)
    outs = gop.outputs
    for i in range(n):
        # as TF: a variable whose value reaches no gradient (its Switch is not between the
        # ys and the xs) gives its initial value none (Keras' masked RNN with
        # zero_output_for_mask: the previous output no step reads)
        res[i] = outs[i] if diff(lvars[i]) and i in walk.live else None
    pos = n
    for k, p in zip(summed, parts):
        got = outs[pos:pos + len(p)]
        pos += len(p)
        res[n + k] = _sliced.slices(got) if len(p) > 1 else got[0]
    return res


def _patch_merges(g, loop_info, gop, zeros, filled=(), in_cond=False):
    """TF 1.14's ControlFlowState.PostProcessing for WhileGrad `gop`: the gradient Merge of
    a loop variable whose next value does not read it (the body gives it no gradient:
    `zeros`, {k: the zeros flowgrad's gradient frame feeds back}) reads, from the second
    iteration on, a NextIteration of a Const of zeros (the exit gradient's shape fully
    known) made in the gradient frame at the end of the top-level gradients() call, in its
    caller's name scope: the names are taken, and the counter moved, then. For the
    variables `filled` (the exit gradient's shape not fully known) TF makes, in the frame
    enclosing the gradient frame, the exit gradient's Shape and zeros of it (Fill of
    zeros/Const), then the NextIteration and its Enter of those zeros; `in_cond`: the
    forward loop is in a cond's branch outside loops (TF switches the exit gradient into
    that cond for the Shape)."""
    def made():
        info = loop_info[gop]
        info["patch"] = {
            k: (z.op.name, g.unique_name("Const"), g.unique_name("NextIteration"))
            for k, z in zeros.items()}
        fill = info["patch_fill"] = {}
        for k in filled:
            shape = g.unique_name("Shape")
            # (a loop in a cond's branch, outside loops: TF's Shape is made in the forward
            # cond's context, its input switched)
            switch = (_name_under(g, shape, "Switch"),) if in_cond else ()
            z = g.unique_name("zeros")
            const = _name_under(g, z, "Const")
            nxt = g.unique_name("NextIteration")
            fill[k] = (shape, z, const, nxt, _name_under(g, nxt, "Enter")) + switch
            g._last_id += 4 + len(switch)   # (the NextIteration: the frame's, counted)
        g._last_id += len(zeros)
    state = _cf_state.current(g)
    if state is None:   # (a rule called outside gradients(): made now)
        made()
    else:
        state.at_end(made)


def _name_under(g, scope, name):
    """unique_name(name) in name scope `scope` (a full name: TF's op scope)."""
    saved, g._name_stack = g._name_stack, scope
    try:
        return g.unique_name(name)
    finally:
        g._name_stack = saved


register_op("While", infer=_while_infer, bind=_while_bind, grad=_while_grad, stateful=True,
            plan_mark=_plan_mark)
register_loop_info(_LOOP_INFO.get)   # GraphDefs write a While as TF's frame
_BODY_OF = _records.GraphRecords("_BODY_OF")   # a v1 loop's body op -> its While op


def _x_branch(x, cond_op):
    """Which branch of `cond_op` holds tensor x (or the loop x is made in), else None."""
    o = x._op
    while o is not None:
        b = _branches.branch_in(o, cond_op)
        if b is not None:
            return b
        o = _loop_of(o)
    return None


def _held(x, members):
    """Is tensor x made by one of loop body ops `members`, or in a loop nested there?"""
    o = x._op
    while o is not None:
        if o in members or any(c in members for c in _branches.chain(o)):
            return True
        o = _loop_of(o)
    return False


def _loop_of(op):
    """The v1 While op whose body holds `op` (or a cond's branch in that body)."""
    for o in [op] + _branches.chain(op):
        loop = _BODY_OF.get(o)
        if loop is not None:
            return loop
    return None


register_loop_body(_loop_of)


def _call_fn(info, which, values):
    """cond (which=0) or body (1) of a loop called again on `values`: flat tensors."""
    fns = info["fns"]
    packed = fns[2](list(values))
    res = fns[which](*packed) if not fns[3] else fns[which](packed[0])
    if which == 0:
        return convert_to_tensor(res)
    if not isinstance(res, (list, builtins.tuple, dict)):
        res = [res]
    return [convert_to_tensor(t) for t in _flatten(res)[0]]


def _mark_replay(exit_tensor):
    """The twin loops read what the forward loop read: their reads do not clear."""
    _LOOP_INFO[exit_tensor.op._inputs[0].op]["replay"] = True


def _graph_backprop(op):
    """WhileGrad's outputs rebuilt from graph ops: a loop that records every iteration's
    state in TensorArrays, and a loop that walks them back calling the body's gradient.
    Its gradient (first-order loop gradients) is WhileGrad's: so loops differentiate to
    any order (TF 1.14 raises "Second-order gradient for while loops not supported.")."""
    ginfo = _LOOP_INFO[op]
    info = _LOOP_INFO[ginfo["forward"]]
    lvars, caps = info["vars"], info["captures"]
    n, m = len(lvars), len(caps)
    if "fns" not in info:
        raise LookupError(f"No gradient defined for operation '{op.name}' (op type: "
                          "WhileGrad)")
    inits = list(op._inputs[:n])
    gys = list(op._inputs[n + m:])
    dtypes = [v.dtype.base_dtype for v in lvars]
    shapes = [v.shape for v in lvars]
    diff_caps = ginfo["diff_caps"]
    diff_vars = [i for i in range(n) if _diff(lvars[i])]
    with name_scope(op.name + "_graph"):
        flows0 = [tensor_array_v3(0, dt, dynamic_size=True)[1] for dt in dtypes]

        def fwd_body(k, *rest):
            vals, flows = rest[:n], rest[n:]
            flows = [apply("TensorArrayWriteV3", [f, k, v], {}) for f, v in zip(flows, vals)]
            return [k + 1] + _call_fn(info, 1, vals) + flows

        fwd = while_loop(lambda k, *rest: _call_fn(info, 0, rest[:n]), fwd_body,
                         [convert_to_tensor(0)] + inits + flows0,
                         shape_invariants=[TensorShape([])] + shapes + [TensorShape([])] * n)
        _mark_replay(fwd[0])
        count, flows = fwd[0], fwd[1 + n:]

        def bwd_body(k, *rest):
            g, acc = list(rest[:n]), list(rest[n:])
            k = k - 1
            vals = [apply("TensorArrayReadV3", [f, k], {"dtype": dt, "element_shape": sh})
                    for f, dt, sh in zip(flows, dtypes, shapes)]
            outs = _call_fn(info, 1, vals)
            xs = [vals[i] for i in diff_vars] + [caps[j] for j in diff_caps]
            gs = gradients([outs[i] for i in diff_vars], xs,
                           grad_ys=[g[i] for i in diff_vars], stop_gradients=xs)
            new_g = list(g)
            for i, gr in zip(diff_vars, gs):
                new_g[i] = _zeros(vals[i]) if gr is None else convert_to_tensor(gr)
            new_acc, pos = [], 0
            for j, gr in zip(diff_caps, gs[len(diff_vars):]):
                a = acc[pos:pos + len(accs[j])]
                pos += len(a)
                if j in specs:   # an IndexedSlices: concatenated as WhileGrad's
                    new_acc += _sliced.extend(a, gr)
                else:
                    new_acc.append(a[0] if gr is None else _add_n([a[0], convert_to_tensor(gr)]))
            return [k] + new_g + new_acc

        specs = ginfo.get("sliced") or {}
        accs = {j: _sliced.initial(specs[j], caps[j]) if j in specs else [_zeros(caps[j])]
                for j in diff_caps}
        bwd = while_loop(lambda k, *rest: k > 0, bwd_body,
                         [count] + gys + [a for j in diff_caps for a in accs[j]],
                         shape_invariants=[TensorShape([])] + shapes +
                         [TensorShape(None) if j in specs else caps[j].shape
                          for j in diff_caps for _ in accs[j]])
        _mark_replay(bwd[0])
    return list(bwd[1:])


def _while_grad_grad(op, *grads):
    """The gradient of a loop's gradient: that of its graph-built twin (_graph_backprop)."""
    outs = _graph_backprop(op)
    pairs = [(o, g) for o, g in zip(outs, grads) if g is not None and _diff(o)]
    if not pairs:
        return [None] * len(op._inputs)
    # one tensor may feed several inputs (a loop value also captured): its gradient is
    # the total, given once
    xs = list(dict.fromkeys(op._inputs))
    res = dict(zip(xs, gradients([o for o, _ in pairs], xs, grad_ys=[g for _, g in pairs],
                                 stop_gradients=xs)))
    out, seen = [], set()
    for x in op._inputs:
        r = res[x] if x not in seen and _diff(x) else None
        seen.add(x)
        out.append(r)
    return out


register_op("WhileGrad", infer=_while_infer, bind=_while_grad_bind, grad=_while_grad_grad,
            stateful=True, plan_mark=_plan_mark)


# Variables created in a loop body (an RNN cell's weights) live outside the loop, as TF
# lifts them out of the while context: the body reads them as captures, so gradients reach
# them.
_HOISTED = frozenset(("VariableV2", "Variable", "VarHandleOp"))


def _loop_members(body_ops, results):
    """The body's ops that run per iteration: those the results need, except variables and
    what reads them without depending on the loop (which run once, outside)."""
    return _branch_members(body_ops, results, ())


def _dead_body_ops(g, body_ops, members, lvars):
    """The ops built in a loop's body that its results do not need (TF builds them in the
    frame; a GraphDef writes their Enters: graph_def_lower.LoopPlan), in creation order;
    none for a body holding other control flow than conds and loops its results need
    (their branches' and frames' ops are theirs)."""
    own = {v.op for v in lvars}
    # (a loop in the body its results need: its frame's ops are its own)
    inner = {o for o in body_ops if o.type == "While" and o in members}
    nested = set(inner)
    for w in inner:
        info = _LOOP_INFO.get(w) or {}
        nested.update(info.get("members_order", ()), info.get("dead", ()),
                      info.get("exits", ()), (v.op for v in info.get("vars", ())))
    if any(o.type in ("While", "WhileGrad", "V1Frames", "V1FramesGrad") and o not in nested or
           (o.type == "Cond" and o not in members) or
           (o.type == "LoopVar" and o not in own and o not in nested) for o in body_ops):
        return []
    conds = {o for o in body_ops if o.type == "Cond"}
    branch_ops = {o for o, e in list(g._branch_of.items()) if conds and _outermost(g, e[0])
                  in conds}
    skip = members | nested | branch_ops | _hoisted(body_ops) | set(g._cf_lifted)
    return [o for o in body_ops if o not in skip]


def _outermost(g, cond_op):
    """The outermost Cond whose branches hold Cond `cond_op` (itself when in none)."""
    for _ in range(10000):
        e = g._branch_of.get(cond_op)
        if e is None:
            return cond_op
        cond_op = e[0]
    return cond_op


def _v2_outputs(g, outputs, counted, n_out):
    """A function graph's loop results, named as TF's while_v2 names them: Identity,
    Identity_1, ... over its `n_out` While outputs (loop counter, maximum_iterations, the
    loop variables, the captures); `counted`: outputs[0] is the loop counter."""
    exits = []
    for k in range(n_out):
        j = k if counted and k == 0 else k - (1 if counted else 2)
        if 0 <= j < len(outputs) and (k == 0 or j > 0 or not counted):
            exits.append(_identity(outputs[j], name="Identity"))
        else:
            g.unique_name("Identity")   # (an output flowgrad's While does not have)
    return exits


def _v2_captures(g, body_ops, results, start, n_caps, loop_vars):
    """The tensors that TF's while_v2 cond / body graphs built as `body_ops` capture (a
    placeholder each, in first-read order): those made before the loop (op index under
    `start`), lifted out of it, or a function graph's placeholders of outer tensors taken
    since it had `n_caps` captures; not `loop_vars` (TF's maximum_iterations)."""
    new_caps = {t._op for t in list(g.captures.values())[n_caps:]}
    lifted = g._cf_lifted
    seen = {}
    for t in [t for op in body_ops if op not in new_caps for t in op._inputs] + list(results):
        if (t._op._id < start or t._op in lifted or t._op in new_caps) and t not in loop_vars:
            seen.setdefault(t, None)
    return list(seen)


def _names_after_cond(g, lvars, made):
    """TF names the loop variables' Identities after the condition's ops: the Identities of
    a block's control inputs the condition made in the loop's scope (on its input-less
    ops: decoder/while/Const) take the first names, the variables the next ones."""
    scope = lvars[0].op._name.rpartition("/")[0]
    pat = re.compile(re.escape(scope + "/Identity") + r"(_\d+)?$")
    mine = [k for k, (_, name, _) in enumerate(made) if pat.match(name)]
    if not mine or any(not pat.match(v.op._name) for v in lvars):
        return
    names = sorted([made[k][1] for k in mine] + [v.op._name for v in lvars],
                   key=lambda n: int(n.rpartition("_")[2]) if n[-1].isdigit() and
                   "_" in n.rpartition("/")[2] else 0)
    for k, name in zip(mine, names):
        made[k] = (made[k][0], name, made[k][2])
    for v, name in zip(lvars, names[len(mine):]):
        del g._ops_by_name[v.op._name]
        v.op._name = name
        g._ops_by_name[name] = v.op


def _loop_var(dtype, shape, name):
    return get_default_graph()._create_op(
        "LoopVar", [], {"dtype": dtype, "shape": shape}, name)._outputs[0]


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations: int = 10,
               back_prop: bool = True, swap_memory: bool = False, name: str | None = None,
               maximum_iterations=None, return_same_structure: bool = False):
    """Repeats `body` while `cond` is true (TF 1.x graph-mode `tf.while_loop`).

    `cond` and `body` are called once, at graph construction, on tensors that
    stand for the loop variables (named like TF's, "while/Identity"); one While
    op runs the iterations. Stateful ops in the body run once per iteration.

    Args:
      cond: callable(*loop_vars) -> scalar bool tensor.
      body: callable(*loop_vars) -> new loop variables (same structure).
      loop_vars: a tensor, or a (nested) list/tuple of tensors.
      shape_invariants: the shapes the loop variables keep (less specific than
        their initial shapes if they change across iterations).
      maximum_iterations: an optional bound on the number of iterations.
      return_same_structure: if False, a single loop variable is returned bare.
    Returns:
      The loop variables after the last iteration.
    Raises:
      TypeError: cond or body is not callable, or cond does not return a bool.
      ValueError: body returns another structure, or a shape its invariant
        does not allow.

    >>> i = tf.constant(0)
    >>> r = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i])
    """
    if not callable(cond):
        raise TypeError("cond must be callable.")
    if not callable(body):
        raise TypeError("body must be callable.")
    if parallel_iterations < 1:
        raise TypeError("parallel_iterations must be a positive integer.")
    if maximum_iterations is not None:
        orig_cond, orig_body = cond, body
        holder = [maximum_iterations]   # made a tensor in the loop's scope, as TF
        # As TF: a loop of one variable carries (counter, that variable), else (counter,
        # loop_vars), the functions called with the variables unpacked; a bare tensor (an
        # error in TF) is taken as a loop of one
        one = not isinstance(loop_vars, (list, builtins.tuple)) or len(loop_vars) == 1
        loop_vars = (0, loop_vars[0] if isinstance(loop_vars, (list, builtins.tuple)) and one
                     else loop_vars)   # the iteration counter, converted in the loop's scope
        if shape_invariants is not None:
            shape_invariants = (TensorShape([]), shape_invariants)

        def cond(i, lv):
            return logical_and(i < holder[0], orig_cond(lv) if one else orig_cond(*lv))

        def body(i, lv):
            nxt = i + 1   # before the body's ops, as TF
            res = orig_body(lv) if one else orig_body(*lv)
            if v2 and not one and isinstance(res, (list, builtins.tuple)) and \
                    type(res) is not type(lv):
                res = type(lv)(res)   # (TF's while_v2 compares only the list of results)
            return (nxt, res)
    single = not isinstance(loop_vars, (list, builtins.tuple, dict))
    structure = [loop_vars] if single else loop_vars
    leaves, rebuild = _flatten(structure)
    g = get_default_graph()
    v2 = g.building_function   # a tf.data function: TF 1.14 builds while_v2 (its op counter)
    with g._atomic(), name_scope(name, "while", leaves):
        if maximum_iterations is not None:
            holder[0] = convert_to_tensor(holder[0], name="maximum_iterations")
            if holder[0].shape.ndims not in (None, 0):
                raise ValueError("maximum_iterations must be a scalar, saw shape: "
                                 f"{holder[0].shape}")
            leaves = [convert_to_tensor(0, dtype=holder[0].dtype, name="iteration_counter")] + \
                list(leaves[1:])
        inits = [convert_to_tensor(v) for v in leaves]
        if shape_invariants is None:
            invariants = [t.shape for t in inits]
        else:
            inv_leaves, _ = _flatten([shape_invariants] if single else shape_invariants)
            invariants = [TensorShape(s) if not isinstance(s, TensorShape) else s
                          for s in inv_leaves]
            for t, s in zip(inits, invariants):
                if not s.is_compatible_with(t.shape) or (
                        s.ndims is not None and t.shape.ndims is not None and
                        not t.shape.merge_with(s).is_compatible_with(t.shape)):
                    raise ValueError(f"The shape invariant specified for {t.name} is not "
                                     f"compatible with the initial shape of the loop variable. "
                                     f"It enters the loop with shape {t.shape}, but the "
                                     f"specified shape invariant is {s}.")
        ops = g._ops
        start = len(ops)
        n_vars = len(inits)
        if v2:
            # TF's While in a function graph: its cond and body are graphs of their own, whose
            # counters start after a placeholder per loop variable, TF's loop counter and
            # maximum_iterations included (those two are constants made here when absent)
            v2_base = g._last_id + (2 if maximum_iterations is None else 0)
            n_sig = n_vars + (2 if maximum_iterations is None else 1)
            n_caps = len(g.captures)
            seed_used = g._seed_used
            g._last_id = n_sig
            v2_vars = {holder[0]} if maximum_iterations is not None else set()   # a loop var
        # TF 1.14's op counter (graph-seeded random ops depend on it): Enter and Merge per
        # loop variable (flowgrad's LoopVar stands for one), LoopCond, Switch and Identity
        # per variable, an Enter per tensor the loop reads from outside (Graph._cf_note),
        # NextIteration and Exit per variable
        g._cf_note(inits)
        g._last_id += n_vars
        with g._frame_of_blocks(None if v2 else True) as blocked, g._cf_context():
            # (in a function graph the Identity names are the While outputs', as TF's)
            lvars = [_loop_var(t.dtype.base_dtype, s, "loop_var" if v2 else "Identity")
                     for t, s in zip(inits, invariants)]
            for v, t in zip(lvars, inits):
                LOOPVAR_INITS[v.op] = t
            packed = rebuild(lvars)
            args = packed
            c = cond(*args) if not single else cond(packed[0])
            c = convert_to_tensor(c)
            if blocked is not None and blocked.made:
                _names_after_cond(g, lvars, blocked.made)
            mid = len(ops)   # the body's ops from here
            if v2:
                # the body graph captures the cond graph's captures first (a placeholder
                # each); TF adds 1 to its loop counter after the body, flowgrad before
                cond_ext = _v2_captures(g, ops[start:], [c], start, n_caps, v2_vars)
                g._cf_contexts[-1] = (len(ops), set(cond_ext) | set(lvars))
                g._last_id = n_sig + len(cond_ext) - (2 if maximum_iterations is not None else 0)
            else:
                g._last_id += 1
                g._cf_note([c])
                g._last_id += 2 * n_vars
            if c.dtype.base_dtype is not _dt.bool_:
                raise TypeError(f"Input 'input' of 'LoopCond' Op has type "
                                f"{c.dtype.base_dtype.name} that does not match expected type "
                                "of bool.")
            out = body(*args) if not single else body(packed[0])
            if not isinstance(out, (list, builtins.tuple, dict)):
                out = [out]
            mismatch = _mismatch(list(packed), list(out), top=True)
            if mismatch:
                raise mismatch("The two structures don't have the same nested structure.")
            out_leaves, out_rebuild = _flatten(out)
            outs = [convert_to_tensor(o) for o in out_leaves]
            g._cf_note(outs)
            entered = g._cf_contexts[-1][1]   # (the tensors its Enters hold)
        if v2:
            # in the function graph: a placeholder per outer tensor the loop reads, the While
            # op and an Identity per output (loop counter, maximum_iterations, the loop
            # variables and the tensors cond and body read from outside)
            ext = _v2_captures(g, ops[start:], [c] + outs, start, n_caps, v2_vars)
            # (less the While and an Exit per variable, made below)
            g._last_id = v2_base + len(g.captures) - n_caps + n_sig + len(ext) - n_vars
            g._seed_used = seed_used
        else:
            g._last_id += n_vars - 1   # NextIterations; the While op stands for one Exit
        merge_error = None
        for k, (t, o, s) in enumerate(zip(inits, outs, invariants)):
            if o.dtype.base_dtype is not t.dtype.base_dtype and not v2:
                # TF 1.14 builds the loop: its executor refuses the Merge when run
                merge_error = merge_error or _merge_dtype_error(g, k, t, o)
            elif o.dtype.base_dtype is not t.dtype.base_dtype:
                raise TypeError(f"Input tensor '{t.name}' enters the loop with type "
                                f"{t.dtype.base_dtype.name}, but has type "
                                f"{o.dtype.base_dtype.name} after one iteration.")
            if not s.is_compatible_with(o.shape) or (
                    s.ndims is not None and o.shape.ndims is None):
                raise ValueError(f"Input tensor '{t.name}' enters the loop with shape {s}, but "
                                 f"has shape {o.shape} after one iteration. To allow the shape "
                                 "to vary across iterations, use the `shape_invariants` "
                                 "argument of tf.while_loop to specify a less-specific shape.")
        # (a function graph's placeholders of outer tensors the loop read are not its ops)
        fn_caps = {t._op for t in getattr(g, "captures", {}).values()}
        body_ops = [o for o in ops[start:] if o not in fn_caps]
        members = _loop_members(body_ops, [c] + outs)
        captures, seen = [], set(lvars)
        # TF enters a capture once, named in its first reader's scope (`<reader>/Enter`):
        # the name each body reader's NodeDef reads it by (Grappler's canonical order)
        enter_of = {}
        readers = g.__dict__.setdefault("_grappler_enter_names", {})
        for op in body_ops:
            if op not in members:
                continue
            for t in op._inputs:
                if t._op not in members and t not in lvars:
                    name = enter_of.setdefault(t, f"{op._name}/Enter")
                    readers[(op._id, t.name)] = name
                if t._op not in members and t not in seen:
                    seen.add(t)
                    captures.append(t)
        for t in [c] + outs:
            if t._op not in members and t not in seen:
                seen.add(t)
                captures.append(t)
        tout = builtins.tuple((t.dtype.base_dtype, s) for t, s in zip(inits, invariants))
        op = g._create_op("While", inits + captures, {"Tout": tout}, "While")
        # a body op's control input made before the loop runs once, before it (TF: an
        # Identity of its output entered into the frame, WhileContext._AddOpInternal); the
        # While op waits for it and its plans take it as done
        made = set(body_ops)
        outside = list(dict.fromkeys(x for m in body_ops if m in members
                                     for x in m._control_inputs if x not in made))
        if outside:
            op._add_control_inputs([x for x in outside if x not in op._control_inputs])
        _LOOP_INFO[op] = {"vars": lvars, "captures": captures, "cond": c, "body": outs,
                          "merge_error": merge_error,
                          "back_prop": bool(back_prop), "parallel": parallel_iterations,
                          "swap_memory": bool(swap_memory),
                          "max_iter": holder[0].name if maximum_iterations is not None else None,
                          "members_order": [o for o in body_ops if o in members],
                          "fns": (cond, body, rebuild, single), "entered": entered,
                          "block": blocked.made if blocked is not None else [],
                          "blocks": blocked.blocks if blocked is not None else [],
                          "outside": frozenset(outside),
                          "stacks": blocked.stacks if blocked is not None else {}}
        exits = [_identity(t, name="Exit") for t in op._outputs] if not v2 else \
            _v2_outputs(g, op._outputs, maximum_iterations is not None, n_sig + len(ext))
        # (a GraphDef writes TF's Exit nodes by these names, and TF's LoopCond, Switches and
        # Identities before the body's first op: graph_def_lower.LoopPlan)
        _LOOP_INFO[op]["exits"] = [e.op for e in exits]
        if not v2 and not g._cf_contexts:   # TF adds an outermost loop's WhileContext
            g.add_to_collection(_cf_contexts.WHILE_CONTEXT, _cf_contexts.WhileContext(
                g, op._name.rsplit("/", 1)[0] + "/while_context", parallel_iterations,
                back_prop, swap_memory, _LOOP_INFO[op]["max_iter"]))
        _LOOP_INFO[op]["body_first"] = ops[mid] if mid < len(ops) and ops[mid] is not op \
            else None
        _LOOP_INFO[op]["dead"] = _dead_body_ops(g, body_ops, members, lvars)
        if not v2:   # as TF's WhileContext: a body op cannot be fetched, its tensors fed
            lifted = g._cf_lifted
            for m in body_ops:
                if m not in lifted:
                    _BODY_OF.setdefault(m, op)   # (an inner loop's record wins)
                    g.prevent_fetching(m)
                    for t in m._outputs:
                        g.prevent_feeding(t)
    result = out_rebuild(exits)   # packed like the body's result, as TF
    if maximum_iterations is not None:
        result = result[1]
        exits = exits[1:]
    if len(exits) == 1 and not return_same_structure:
        return exits[0]
    return result


def as_function_while(loop_output):
    """Marks the loop whose output (a tensor while_loop returned) is `loop_output` as TF's
    functional While of Defun'd cond and body (ctc_ops' `_scan`, which flowgrad builds as a
    while_loop): Grappler rewrites the body's function on its own, its arguments of unknown
    shape (add_ops_rewrite.FUNCTION_BODY_ATTR)."""
    op = loop_output.op
    while op._type != "While":
        op = op._inputs[0].op
    op._attrs[_add_ops_rewrite.FUNCTION_BODY_ATTR] = True
