"""Grappler's AddOpsRewrite on trees of Add/AddV2/AddN, as TF 1.14's arithmetic optimizer
runs it (values change).

TF 1.14 collapses a tree of adds: from a root Add/AddV2/AddN (taken last to first) it
absorbs each input that is an Add/AddV2/AddN read by nothing else (Shape, ShapeN, Rank and
Size readers do not count; not fetched, no control edges in or out, not already rewritten)
and collects the leaves. Leaves of one shape are summed by one AddN (a single leaf stays
as it is); when the leaves have several shapes, those AddNs are sorted by size (smallest
first) and added left to right: `sum_0 + sum_1`, then that `+ sum_2`, ... So LSTMCell's
peephole `(f + forget_bias) + w_f_diag * c_prev` runs as
`forget_bias + AddN(f, w_f_diag * c_prev)`, which rounds otherwise than the written order.
The meta optimizer's second round sorts each new AddN's inputs by name (the canonical
order of a commutative node, addn_order.py), which the AddNs made here take at once; the
AddN kernel then sums from the first input whose buffer it takes over (a fresh one that
it alone reads once the readers it depends on have run: a running sum `g = g + o;
h = h + o` sums in the written order), swapped to the front. A root with nothing to
absorb is left as it is.
A second round (the meta optimizer's) runs once the Identity, Reshape to the same shape and
Sum over no axes between two adds are gone (Grappler's dependency optimizer and constant
folding remove them): `identity(f + 1.0) + w * c` is rewritten then.

Grappler does this only where its shape inference gives the root and every node's inputs
a (symbolically) defined shape, broadcastable with the node's. Here: fully defined static
shapes, or below a feed the symbolic shapes symbolic_shapes.py gives (Grappler takes a fed
tensor's shape as unknown, a MatMul of it is [s, n]; a TensorArray read keeps the element
shape its array was made with), and what depends on a feed is not known statically except
where the shape comes from elsewhere: a Reshape / StridedSliceGrad / Fill / BroadcastTo
has its shape input's, and a broadcasting elementwise op (or a SigmoidGrad, TanhGrad...)
with an input of the output's own shape has that one (the oracle: in TF's gradient frame
`Mul(grad [6], Cos(popped))` is known [6], `MatMul(popped, grad)` is not). A tree
whose leaves' shapes tie in size without being equal (Grappler's order then follows a
hash map) is left as written unless the tie is the first two sums (which commute), and
so is one whose AddN of 3+ leaves may start from a buffer not known to be forwarded or
not (a feed, ...) at its third input or later (the first two commute). A reduction
(Mean, Sum, ...) writes a fresh buffer, except one that reduces nothing, which, like an
Identity or Reshape, passes its input's on (TF's ReductionOp): so the common
`reduce_mean(...) + add_n([l1, l2])` of a loss and its regularization terms sums as
`AddN(Mean, mul, mul_1)`, `(Mean + mul) + mul_1`.

In a while loop's body the loop variables and captures are feeds of the body's plan, and
so are a cond branch's captures: `add_ops_rewrite` marks each While / WhileGrad / Cond
node with the positions of those that depend on a feed of the enclosing plan (attr
`_grappler_unknown`), and the body's or branch's plan takes only those as unknown (its
outputs, read by Grappler's NextIteration / Merge, are no fetches it preserves). A value the
loop's gradient keeps only for its shape (`shape_fetches`: TF computes that Shape in the
forward frame) is a Shape reader there, not a use.

A loop gradient's body plan holds TF's accumulator of each captured weight's gradient,
`Add(acc, g)` (ops/control_flow.py marks it: ACCUMULATOR_ATTR, the name TF's acc has,
`<reader>/Enter_grad/Switch:1`, a buffer the AddN takes over), so a g summed by adds is
regrouped with acc into one AddN as TF does (Keras RNN([GRUCell, LSTMCell]): `AddN(
ReadVariableOp_9/Enter_grad/Switch:1, strided_slice_10_grad, .._11, .._12, .._9)`). There
the values TF's frame pops from its stacks (the loop variables, the kept forward values:
POPPED_ATTR) count as unknown too, but for the values whose shapes Grappler's symbolic
shape inference resolves all the same (_merged_known: a MatMul's inner dimension merges
a dim with a known one, an AddN its inputs' shapes; the MAML meta-gradient through
map_fn regroups its w3 accumulator so).

Before/after (b a scalar constant, f and m [1, 4]):

    v3 = Add(f, b)         ->   v5 = AddN(f, m)
    v4 = Add(v3, m)             v4 = AddV2(b, v5)
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from ..framework.registry import OPS
from ..runtime.ir import Node
from . import addn_order
from ._util import (constant_only, control_sources, mutable_values, mutating_prefix,
                    snapshots)
from .cse import common_subexpression_elimination
from .dependency import remove_dead_nodes
from .minimize_broadcasts import ADD_OPS_STAGE, _control_sources, _gate_controls, _gate_of
from .mul_by_ones import _identity_arith
from .simplify_aggregation import _ones
from .symbolic_shapes import UnknownFeeds, dequeued_unknown, symbolic_shapes

_ADDS = frozenset({"Add", "AddV2", "AddN"})
_SHAPE_READERS = frozenset({"Shape", "ShapeN", "Rank", "Size"})
_NO_OPS = frozenset({"Identity", "Reshape", "Sum"})   # (when they change nothing)
# ops whose output is a buffer of their own (or one they took over from a sole reader)
_FRESH = frozenset({"Mul", "Add", "AddV2", "AddN", "Sub", "RealDiv", "Div", "Neg", "Square",
                    "Tanh", "Sigmoid", "Exp", "Log", "Sqrt", "Rsqrt", "Relu", "Abs", "Sin",
                    "Cos", "Maximum", "Minimum", "SquaredDifference", "Reciprocal", "MatMul",
                    "BiasAdd", "Pow", "SigmoidGrad", "TanhGrad", "ReluGrad", "Relu6Grad",
                    "EluGrad", "SeluGrad", "SoftplusGrad", "SoftsignGrad", "RsqrtGrad",
                    "SqrtGrad", "ReciprocalGrad", "StridedSliceGrad", "BiasAddGrad",
                    "MirrorPad", "MirrorPadGrad"})
# ops whose output is a buffer a Const or a variable holds (never taken over)
_HELD = frozenset({"Const", "HostConst", "ReadVariableOp", "VariableV2", "VarHandleOp"})
# ops whose output shape Grappler takes from attrs whatever its inputs' shapes
_ATTR_SHAPED = frozenset({"TensorArrayReadV3"})
UNKNOWN_ATTR = "_grappler_unknown"
# positions of a sub-plan's inputs whose Grappler shape is not fully known in the enclosing
# plan (symbolic_shapes: a symbol or no rank, though flowgrad's static shape is known:
# dynamic_rnn's outputs gathered from a TensorArray); MinimizeBroadcasts in the body takes
# them as unknown (minimize_broadcasts.py)
SYMBOLIC_ATTR = "_grappler_symbolic"
# a While's (a Cond's captures') inputs' shapes in the enclosing plan (symbolic_shapes: a
# tuple, symbols <= -2 shared where Grappler's are, or None): the body's captures have
# them (their Enters', a branch's Switches')
SHAPES_ATTR = "_grappler_shapes"
FED_ATTR = "_grappler_fed"
# a While that stands for TF's functional While of Defun'd cond and body (ctc_ops' _scan):
# Grappler optimizes the function's body as a graph of its own, whose _Arg inputs have no
# shape, so all its inputs are unknown (and of unknown rank) to the body's rewrites
FUNCTION_BODY_ATTR = "_grappler_function_body"
_NOT_SUMMED = frozenset({"string", "variant", "resource"})   # (Add of strings concatenates)
_SUBPLANS = frozenset({"While", "WhileGrad", "Cond"})
_STAGE = ADD_OPS_STAGE
# a loop gradient's accumulator `Add(acc, g)` (ops/control_flow.py: _accumulators): attr
# ACCUMULATOR_ATTR is TF's name of its `acc` (`<reader>/Enter_grad/Switch:1`), a buffer the
# AddN takes over; POPPED_ATTR the feeds TF's gradient frame pops from its stacks, whose
# shapes Grappler does not know there (a leaf that depends on one declines the group)
ACCUMULATOR_ATTR = "_grappler_accumulator"
POPPED_ATTR = "_grappler_popped"
# ops whose output shape is their shape input's value (position): known where it is
_SHAPED_BY = {"Reshape": 1, "StridedSliceGrad": 0, "Fill": 0, "BroadcastTo": 1}
# broadcasting elementwise ops: known where an input of the output's shape is
_BROADCASTING = frozenset({"Mul", "Add", "AddV2", "Sub", "RealDiv", "Div", "Maximum",
                           "Minimum", "SquaredDifference", "Pow", "SigmoidGrad", "TanhGrad",
                           "ReluGrad", "Relu6Grad", "EluGrad", "SeluGrad", "SoftplusGrad",
                           "SoftsignGrad", "RsqrtGrad", "SqrtGrad", "ReciprocalGrad"})

# the cwise gradients' shape function merges both inputs' shapes (MergeBothInputsShapeFn):
# known where one input's is, whatever the other's rank
_MERGE_BOTH = frozenset(t for t in _BROADCASTING if t.endswith("Grad"))


def _size(shape):
    """Grappler's size for ordering (CompareSymbolicallyShapedTensorSizes on known dims:
    the product of the dims above 0)."""
    return math.prod(d for d in shape if d > 0)


def _elements(program, v):
    """v's number of elements where its static shape is fully defined, else None."""
    s = program.shapes.get(v)
    return s.num_elements() if s is not None and s.is_fully_defined() else None


def _broadcastable(a, b):
    return all(x == y or x == 1 or y == 1 for x, y in zip(reversed(a), reversed(b)))


def unknown_values(program, unknown=None, attr_shaped=_ATTR_SHAPED):
    """The values whose shape Grappler does not know: those depending on the feeds in
    `unknown` (default: every feed), except the outputs of `attr_shaped` ops."""
    feeds = program.feeds if unknown is None else unknown
    ranked = getattr(unknown, "ranked", ())
    dequeued, unranked = dequeued_unknown(program, unknown)
    return _popped_values(program, feeds, dequeued, attr_shaped,
                          _unranked(program, [v for v in feeds if v not in ranked])
                          | _unranked(program, unranked))


def _popped_values(program, popped, tainted, attr_shaped=_ATTR_SHAPED, unranked=frozenset()):
    """The values whose shape Grappler does not know in TF's gradient frame: those that
    depend on `popped` or `tainted` (a Reshape / StridedSliceGrad / Fill / BroadcastTo
    takes its shape from its shape input, a Shape is known when its input's is).
    `unranked`: the values whose rank Grappler does not know either (_unranked): a
    broadcasting op reading one has no shape (TF's BroadcastBinaryOpOutputShapeFn: an
    input of unknown rank gives an unknown shape), so `(acc + Sum(fed)) + c` is no tree
    to regroup. An AddN or a cwise gradient (SigmoidGrad...) merges its inputs' shapes
    (AddN's shape function, MergeBothInputsShapeFn), and Grappler's GraphProperties
    unifies merged shapes: one known input makes the others known too (the oracle, a
    loop gradient's accumulator: `AddN(Tile [2], Mul(Tile, StackPopV2))` is [2] and its
    Mul too, `AddN(Mul(Tile, StackPopV2), Mul(Tile, StackPopV2_1))` of unknown rank);
    but a cwise gradient has its first input's shape, known only where that is, whatever
    its second (`SigmoidGrad(Sigmoid(x * 2), Const [3, 7])` of a fed x: unknown rank in
    the oracle's GraphProperties, `SigmoidGrad(Sigmoid(Reshape(x, [3, -1])), Const)`
    [3, ?], `SigmoidGrad(Const, Sigmoid(x * 2))` and `ReluGrad(Const, x)` [3, 7] and x
    too; golden math/hoist_gated's three_*_fed)."""
    out = set(tainted) | set(popped)
    for n in program.nodes:
        if n.type in attr_shaped:
            continue
        k = _SHAPED_BY.get(n.type)
        ins = [n.inputs[k]] if k is not None and k < len(n.inputs) else n.inputs
        if out.isdisjoint(ins):
            continue
        if n.type in _BROADCASTING and len(n.outputs) == 1:
            # (the oracle: Mul(grad [6], Cos(popped)) is known [6]; MatMul(popped, g) not)
            s = program.shapes.get(n.outputs[0])
            # (a cwise gradient has its first input's shape: known where that is, and
            # then its other input's too; SigmoidGrad(Sigmoid(x * 2), Const [3, 7]) of a
            # fed x has no rank, the oracle's GraphProperties)
            known = n.inputs[:1] if n.type in _MERGE_BOTH else n.inputs
            if s is not None and s.is_fully_defined() and (
                    n.type in _MERGE_BOTH or unranked.isdisjoint(n.inputs)) and any(
                        v not in out and program.shapes.get(v) == s for v in known):
                if n.type in _MERGE_BOTH:
                    out.difference_update(n.inputs)
                continue
        if n.type == "AddN" and any(v not in out and _elements(program, v) is not None
                                    for v in n.inputs):
            out.difference_update(n.inputs)   # (merged with a known input: see above)
            continue
        out.update(n.outputs)
    return out


def _merged_known(program, popped, unknown):
    """The values of a loop gradient's body plan whose shapes Grappler's symbolic shape
    inference resolves in full though they depend on the `popped` values (of unknown
    rank there): each MatMul reading a popped value sees dims of its own (WithRank's
    fresh [?, ?], not shared with the value's other readers), but the dims a tensor of
    known rank passes on are one symbol everywhere, and a MatMul's inner dimension or an
    AddN merges them with known ones (SymbolicShapeManager). The oracle (the MAML
    meta-gradient through map_fn): `ReluGrad(AddN(Tile, Tile), StackPopV2)` is [?, ?]
    (Tile by multiples of known length), `MatMul(it, w3 [8, 1])` makes its second dim 8,
    so `MatMul(it, StackPopV2, transpose_a)` is [8, ?] and the AddN it feeds [8, 1] with
    its other leaves, regrouped with the accumulator; while `MatMul(StackPopV2, g,
    transpose_a)` twice stays [?, 1] (golden math/loop_accum_matmul)."""
    feeds = list(program.feeds if unknown is None else unknown)
    feeds += [v for v in popped if v not in set(feeds)]
    sym = symbolic_shapes(program, UnknownFeeds(feeds, getattr(unknown, "ranked", ())))
    return {v for v, s in sym.items() if s is not None and all(d >= 0 for d in s)}


def _unranked(program, fed):
    """The values whose rank Grappler does not know: the `fed` ones (a fed value has no
    shape for Grappler) and those an op computes from one, but for the ops whose rank is
    their own (MatMul, Pack, ConcatV2) or their shape input's length (a dynamic_rnn's
    zero_state, a Fill of `concat([b], [3])`: [?, ?] to Grappler). A rank-only model of
    the enclosing plan's shapes (a loop nested in a body treats its ranked variables as
    fed: not modelled further)."""
    out = set(fed)
    for n in program.nodes:
        k = _SHAPED_BY.get(n.type)
        if n.type in _RANK_FIXED:
            continue
        ins = [n.inputs[k]] if k is not None and k < len(n.inputs) else n.inputs
        if not out.isdisjoint(ins):
            out.update(n.outputs)
    return out


_RANK_FIXED = frozenset({"MatMul", "Pack", "ConcatV2"})


def _mark_loops(program, tainted, fed=frozenset(), sym=None):
    """`program` with each While (WhileGrad) node naming the positions of its tainted
    inputs, each Cond node those of its tainted captures (its inputs after the predicate);
    a While also those of its inputs in `fed` (FED_ATTR: of unknown rank to Grappler:
    _unranked)."""
    nodes, changed = [], False
    for n in program.nodes:
        if n.type in _SUBPLANS:
            ins = n.inputs[1:] if n.type == "Cond" else n.inputs
            if n.attrs.get(FUNCTION_BODY_ATTR):
                everything = tuple(range(len(ins)))
                nodes.append(dataclasses.replace(n, attrs=dict(
                    n.attrs, **{UNKNOWN_ATTR: everything, SYMBOLIC_ATTR: everything,
                                FED_ATTR: everything, SHAPES_ATTR: (None,) * len(ins)})))
                changed = True
                continue
            pos = tuple(k for k, v in enumerate(ins) if v in tainted)
            attrs = {UNKNOWN_ATTR: pos}
            if sym is not None:
                attrs[SYMBOLIC_ATTR] = tuple(
                    k for k, v in enumerate(ins)
                    if v in tainted or sym.get(v) is None or any(d < 0 for d in sym[v]))
            if n.type == "While":
                attrs[FED_ATTR] = tuple(k for k, v in enumerate(ins) if v in fed)
            if n.type != "WhileGrad" and sym is not None:
                attrs[SHAPES_ATTR] = tuple(None if v in fed else sym.get(v) for v in ins)
            if any(n.attrs.get(a) != b for a, b in attrs.items()):
                n = dataclasses.replace(n, attrs=dict(n.attrs, **attrs))
                changed = True
        nodes.append(n)
    return program.copy(nodes=nodes) if changed else program


def rewritten_roots(program):
    """The names of the add roots this pass regrouped in `program` (the fused RNN loops
    add as the plain body does)."""
    out = set()
    for n in program.nodes:
        scope, sep, base = n.name.rpartition(_STAGE)
        if sep and not base.startswith(("Leaf_", "Internal_")):
            out.add(scope + base)
    return out


def _once(vs, forwards):
    """`forwards` for the inputs of an AddN of `vs`: a leaf it reads twice (`AddN(s, s)`
    absorbed) holds two references, so its buffer is never taken over."""
    def f(v):
        return False if vs.count(v) > 1 else forwards(v, vs)
    return f


def _order_known(vs, forwards):
    """Is the order the AddN kernel sums `vs` (sorted) in known: no input whose buffer it
    may or may not take over comes before the first one it surely takes over, but for
    the first two (the kernel swaps the one it takes over with the first input, and the
    first two commute: `AddN(Sum, mul, mul_1)` sums `(Sum + mul) + mul_1` whether it takes
    Sum's buffer or mul's)?"""
    possible = set()        # the positions the kernel may swap to the front
    for k, v in enumerate(vs):
        f = forwards(v)
        if f is None or f:
            possible.add(k)
        if f:
            break
    else:
        possible.add(0)     # (none taken over: a fresh output, summed in order)
    return len(possible) == 1 or max(possible) < 2


def add_ops_rewrite(program, unknown=None, loop_body=False, shape_fetches=()):
    """`program` with Grappler's AddOpsRewrite applied to its Add/AddN trees. `unknown`:
    the feeds whose shapes Grappler does not know (default: all). In a loop body
    (`loop_body`) the body's outputs are no fetches Grappler must preserve;
    `shape_fetches`: fetched values read only for their shapes."""
    tainted = unknown_values(program, unknown)
    if any(n.type in _SUBPLANS for n in program.nodes):
        program = _mark_loops(program, tainted,
                              _unranked(program, program.feeds if unknown is None
                                        else unknown),
                              symbolic_shapes(program, unknown, gathers=True))
    types = {}
    producer = {}
    for n in program.nodes:
        for v in n.outputs:
            producer[v] = n
            if n.type in _NO_OPS and n.inputs:
                types[v] = types.get(n.inputs[0], n.type)
            elif n.type == "Mul" and _by_ones(n, producer, program.shapes) is not None:
                types[v] = types.get(_by_ones(n, producer, program.shapes), n.type)
            else:
                types[v] = n.type
    if not any(n.type in _ADDS and any(types.get(v) in _ADDS for v in n.inputs)
               for n in program.nodes):
        return program
    # Grappler dedups first: an add written twice is one node read twice (not absorbed)
    program = common_subexpression_elimination(program, keep=frozenset(program.fetches),
                                               controls=True)
    tags = set()
    program = _rewrite(program, tainted, loop_body, tags, unknown=unknown,
                       shape_fetches=shape_fetches)
    # the meta optimizer's second round, once the dependency optimizer removed the no-op
    # Identity / Reshape / Sum between adds (a node rewritten in the first stays as it is)
    second = _without_no_ops(program, tainted)
    if second is None:
        return program
    again = _rewrite(second[0], tainted, loop_body, tags, second[1], unknown=unknown,
                     shape_fetches=shape_fetches)
    return program if again is second[0] else again


def rewrite_new_sums(program, roots, unknown=None, loop_body=False, shape_fetches=()):
    """`program` with the adds named in `roots` (sums a first-round stage made, such as
    HoistCommonFactor's inner AddN) regrouped as Grappler's second round does: their shapes
    are known only then (a new node has no properties in the round that made it), so
    AddOpsRewrite absorbs their add inputs in the second round's canonical (name-sorted)
    order, the gate Identities gone, and nothing sorts the new AddN again (no third
    round); the kernel then sums from the first input whose buffer it takes over."""
    if not roots:
        return program
    tainted = unknown_values(program, unknown)
    # (the terms the stage replaced read the adds no more: gone by the second round)
    pruned = remove_dead_nodes(program)
    second = _without_no_ops(pruned, tainted)
    if second is None:
        base, ctrl = pruned, (None, control_sources(pruned.nodes))
    else:
        base, ctrl = second
    tags = {n.name for n in base.nodes if _STAGE in n.name}
    again = _rewrite(base, tainted, loop_body, tags, (ctrl[0] or (), ctrl[1]),
                     unknown=unknown, shape_fetches=shape_fetches, roots=frozenset(roots))
    return program if again is base else again


def _by_ones(n, producer, shapes):
    """The input a Mul multiplies by tf.gradients' ones (the other input, of the Mul's own
    static shape: Grappler's constant folding makes the Mul an Identity of it), or None."""
    if len(n.inputs) != 2 or len(n.outputs) != 1:
        return None
    out = shapes.get(n.outputs[0])
    if out is None or not out.is_fully_defined():
        return None
    for one, other in ((0, 1), (1, 0)):
        if _ones(producer.get(n.inputs[one]), producer):
            s = shapes.get(n.inputs[other])
            ok = s is not None and s.is_fully_defined() and s.as_list() == out.as_list()
            return n.inputs[other] if ok else None
    return None


def _without_no_ops(program, tainted):
    """(`program` without the Identity, Reshape to the same known shape and Sum over no
    axes (a constant) that read an add (through others of them), their readers reading
    the add, and the control edges the second round sees); None if there is none. Not
    those fetched or with control edges, but for tf.gradients' gate Identities (and the
    Mul by tf.gradients' ones they read, an Identity since Grappler's first constant
    folding, unless the plan has ops with ref inputs: then a Snapshot, which stays, see
    _util.snapshots): the dependency optimizer removes them, leaving the gate's control
    edges only where no data path orders them (minimize_broadcasts._gate_controls)."""
    nodes = program.nodes
    types = {v: n.type for n in nodes for v in n.outputs}
    consts = {n.outputs[0]: n.attrs.get("value") for n in nodes
              if n.type == "Const" and not n.inputs and n.outputs}
    fetched = set(program.fetches)
    control = _control_sources(nodes, gates=False)
    producer = {v: n for n in nodes for v in n.outputs}
    ones_of = {}
    if not snapshots(program) and any(_gate_of(n) is not None for n in nodes):
        for n in nodes:
            if n.type == "Mul" and not n.recompute and n.outputs and n.outputs[0] not in fetched:
                x = _by_ones(n, producer, program.shapes)
                if x is not None:
                    ones_of[n.outputs[0]] = x

    def shape(v):
        s = program.shapes.get(v)
        return None if v in tainted or s is None or not s.is_fully_defined() \
            else s.as_list()

    alias = {}
    gates = False
    for n in nodes:
        gate = _gate_of(n) is not None
        if n.type not in _NO_OPS or len(n.outputs) != 1 or not n.inputs or n.recompute \
                or n.outputs[0] in fetched or n.op is None \
                or n.op._control_inputs and not gate or id(n.op) in control:
            continue
        x = ones_of.get(n.inputs[0], n.inputs[0]) if gate else n.inputs[0]
        source = alias.get(x, x)
        if types.get(source) not in _ADDS:
            continue
        if n.type == "Sum" and not (len(n.inputs) == 2 and n.inputs[1] in consts and
                                    np.size(consts[n.inputs[1]]) == 0):
            continue
        if n.type == "Reshape" and (shape(n.outputs[0]) is None or
                                    shape(n.inputs[0]) != shape(n.outputs[0])):
            continue
        alias[n.outputs[0]] = source
        gates = gates or gate
    if not alias:
        return None
    kept = [n.with_inputs([alias.get(v, v) for v in n.inputs])
            if not alias.keys().isdisjoint(n.inputs) else n
            for n in nodes if not (n.outputs and n.outputs[0] in alias)]
    if ones_of:     # a Mul by ones only removed gate Identities read is gone with them
        read = {v for n in kept for v in n.inputs}
        kept = [n for n in kept if not (n.outputs and n.outputs[0] in ones_of
                                        and n.outputs[0] not in read)]
    out = program.copy(nodes=kept)
    if not gates:       # (a user's Identity is gone already: the model pruner's)
        return out, (None, control_sources(nodes))
    waiting, waited = _gate_controls(program, alias)
    return out, (waiting, control | waited)


def _square_names(nodes, fetched):
    """value -> ReplaceMulWithSquare's name for a Mul of a value by itself (not fetched)."""
    out = {}
    for n in nodes:
        if n.type == "Mul" and len(n.inputs) == 2 and n.inputs[0] == n.inputs[1] \
                and n.outputs and n.outputs[0] not in fetched:
            scope, _, base = n.name.rpartition("/")
            out[n.outputs[0]] = (scope + "/" if scope else "") + \
                "ArithmeticOptimizer/ReplaceMulWithSquare_" + base
    return out


def _canonical_names(program, fetched):
    """value -> the name Grappler's second round sorts it by: its source's once the
    first round's no-ops are gone (addn_order._grappler_names), a Mul of a value by itself
    renamed by ReplaceMulWithSquare."""
    renamed = addn_order._grappler_names(program)
    names = {}
    for n in program.nodes:
        for k, v in enumerate(n.outputs):
            names[v] = n.name if k == 0 else f"{n.name}:{k}"
    names.update(_square_names(program.nodes, fetched))

    def key(v):
        return renamed.get(v) or names.get(v) or ""
    return key


def _broadcast_claims(nodes, producer, known, fetched, loop_body, control, tags):
    """f(i): where node i is an Add / AddV2 that AddOpsRewrite leaves (fetched outside a
    loop body, or an op waits for it; no control input) and MinimizeBroadcasts regroups
    (minimize_broadcasts.py: leaves of several shapes), `tags` grows by i and the adds
    it absorbs, which this pass then neither roots nor absorbs: Grappler visits i first,
    from the back. (The adds it rebuilt, visited later, AddOpsRewrite may still take
    where one reads another: not modelled, the sums mostly the same.)"""
    edges = {}
    for n in nodes:
        for v in n.inputs:
            edges[v] = edges.get(v, 0) + 1

    def zero(v):
        j = producer.get(v)
        value = nodes[j].attrs.get("value") if j is not None and nodes[j].type == "Const" \
            else None
        return value is not None and not np.any(value)

    def supported(n, kind):
        if n.type != kind or len(n.inputs) != 2 or len(n.outputs) != 1 or n.recompute \
                or n.op is None or n.op._control_inputs or n.name in tags:
            return False
        out = known(n.outputs[0])
        if out is None or not all(known(v) is not None and _broadcastable(out, known(v))
                                  for v in n.inputs):
            return False
        # `x + 0` (Python's sum() starts so) of x's shape: constant folding made it a
        # Snapshot of x before the arithmetic optimizer runs, no add of the chain
        return not any(zero(a) and known(b) == out
                       for a, b in (n.inputs, n.inputs[::-1]))

    def claim(i):
        n = nodes[i]
        if n.type not in ("Add", "AddV2") or not supported(n, n.type) or not (
                n.outputs[0] in fetched and not loop_body or id(n.op) in control):
            return
        members, leaves, queue = [], set(), list(n.inputs)
        while queue:
            v = queue.pop()
            j = producer.get(v)
            m = nodes[j] if j is not None else None
            if m is not None and supported(m, n.type) and m.outputs[0] not in fetched \
                    and edges.get(m.outputs[0], 0) == 1 and id(m.op) not in control:
                members.append(m.name)
                queue.extend(m.inputs)
            else:
                leaves.add(known(v))
        # leaves of one shape: the stage tags the nodes and leaves them as they are,
        # and AddOpsRewrite (which ignores its tag) takes the adds below when it visits
        # them
        if members and len(leaves) > 1:
            tags.add(n.name)
            tags.update(members)
    return claim


def _rewrite(program, tainted, loop_body, tags, ctrl=None, unknown=None, shape_fetches=(),
             roots=None):
    """One round of AddOpsRewrite; `tags` (node names) grows by the nodes it grouped.
    `ctrl`: the second round's (ids of the ops with a control input, ids of the ops some
    op waits for). `shape_fetches`: fetches read only for their shapes (Shape readers,
    not uses). `roots`: only the adds of these names are roots (made by an earlier
    stage: no graph op of their own)."""
    nodes = program.nodes
    producer = {}
    for i, n in enumerate(nodes):
        for v in n.outputs:
            producer[v] = i
    # Grappler's constant folding runs first: an add of constants only is a Const by then,
    # and in a plan with a ref-input op an Add of zeros a Snapshot (no Identity the
    # dependency optimizer removes), a leaf of its own name: a running sum started from
    # 0.0 beside an Assign sums `AddN(MatMul_1, MatMul_2, MatMul_3, add)`, add = 0.0 + MatMul
    folded = constant_only(nodes)
    snapped = frozenset()
    if snapshots(program):
        adds = {n.outputs[0] for n in nodes if n.type in _ADDS and n.outputs}
        snapped = adds.intersection(_identity_arith(program, unknown))
    uses = dict(program.unseen_reads)   # (TF's gated pure gradients read them too)
    shape_read = set()
    for n in nodes:
        if n.type in _SHAPE_READERS:
            shape_read.update(n.inputs)
            continue
        # Grappler's NumNonControlDataOutputs counts reader nodes: `AddN(s, s)` is one
        for v in set(n.inputs):
            uses[v] = uses.get(v, 0) + 1
    shape_read.update(shape_fetches)
    fetched = set(program.fetches) - set(shape_fetches)
    for v in fetched:
        uses[v] = uses.get(v, 0) + 1
    if ctrl is None:
        control, waiting = control_sources(nodes), ()
    else:
        waiting, control = ctrl
        waiting = waiting or ()

    known_shape = {}
    sym = []

    def known(v):
        """v's shape as Grappler knows it: static, or symbolic below a feed (symbols are
        ints <= -2: symbolic_shapes.py), else None."""
        if v in known_shape:
            return known_shape[v]
        s = program.shapes.get(v)
        t = None if v in tainted or s is None or not s.is_fully_defined() \
            else tuple(s.as_list())
        if t is None and v in tainted:
            if not sym:
                sym.append(symbolic_shapes(program, unknown))
            t = sym[0].get(v)
        known_shape[v] = t
        return t

    eligible = {}

    def can_optimize(i):
        n = nodes[i]
        if n.type not in _ADDS or n.name in tags:
            return False
        ok = eligible.get(i)
        if ok is None:
            ok = eligible[i] = _eligible(n)
        return ok

    def _eligible(n):
        if len(n.outputs) != 1 or n.recompute or n.outputs[0] in folded \
                or n.outputs[0] in snapped:
            return False
        if n.op is None:
            if ACCUMULATOR_ATTR not in n.attrs and (roots is None or n.name not in roots):
                return False
        elif n.op._control_inputs or id(n.op) in control or id(n.op) in waiting:
            return False
        if getattr(program.dtypes.get(n.outputs[0]), "name", None) in _NOT_SUMMED:
            return False
        out = known(n.outputs[0])
        return out is not None and all(known(v) is not None and _broadcastable(out, known(v))
                                       for v in n.inputs)

    def absorbable(i):
        return can_optimize(i) and uses.get(nodes[i].outputs[0], 0) == 1

    second = ctrl is not None and ctrl[0] is not None
    if second:
        # the second round's graph once gate Identities are gone (nothing earlier removes
        # them): each add's inputs sorted by name (Grappler canonicalizes commutative
        # nodes first), the new AddNs not sorted again (no third round). Elsewhere the
        # first round's model pruner removed a user's Identity, so the AddN made in the
        # first round is sorted in the second
        canonical = _canonical_names(program, fetched)

        def ins(n):
            return sorted(n.inputs, key=canonical)
    else:
        def ins(n):
            return list(n.inputs)
    groups = []
    stack_shapes = None
    claims = _broadcast_claims(nodes, producer, known, fetched, loop_body, control, tags) \
        if ctrl is None and roots is None else None
    for i in range(len(nodes) - 1, -1, -1):
        if roots is not None and nodes[i].name not in roots:
            continue
        if claims is not None:
            # a root only MinimizeBroadcasts takes (the next stage of the node's visit)
            # keeps its chain from the roots below it, visited later
            claims(i)
        if not can_optimize(i) or (nodes[i].outputs[0] in fetched and not loop_body):
            continue
        leaves, members = [], []
        queue = ins(nodes[i])
        while queue:
            t = queue.pop(0)
            j = producer.get(t)
            if j is not None and absorbable(j):
                members.append(j)
                queue[0:0] = ins(nodes[j])
            else:
                leaves.append(t)
        if not members:
            continue
        if ACCUMULATOR_ATTR in nodes[i].attrs:
            if stack_shapes is None:
                # (StackPopV2's shape is of unknown rank to Grappler; what it feeds
                # may have its shape resolved by merges all the same)
                popped = nodes[i].attrs[POPPED_ATTR]
                stack_shapes = _popped_values(program, popped, tainted,
                                              unranked=_unranked(program, popped)) \
                    - _merged_known(program, popped, unknown)
            if not stack_shapes.isdisjoint(leaves) or any(
                    nodes[j].outputs[0] in stack_shapes for j in members):
                continue
        tags.add(nodes[i].name)
        tags.update(nodes[j].name for j in members)
        groups.append((i, members, leaves))
    if not groups:
        return program
    names = {}
    accumulated = set()
    for n in nodes:
        for k, v in enumerate(n.outputs):
            names[v] = n.name if k == 0 else f"{n.name}:{k}"
        if ACCUMULATOR_ATTR in n.attrs:
            names[n.inputs[0]] = n.attrs[ACCUMULATOR_ATTR]
            accumulated.add(n.inputs[0])
    renamed = addn_order._grappler_names(program)
    squares = _square_names(nodes, fetched)

    def sort_key(v):
        # a Mul of a value by itself sorts by ReplaceMulWithSquare's name (pprobe43)
        if v in accumulated:
            return renamed.get(v) or names.get(v) or ""
        return renamed.get(v) or squares.get(v) or names.get(v) or ""

    consts_of = {n.outputs[0]: n.attrs.get("value") for n in nodes
                 if n.type == "Const" and not n.inputs and n.outputs}

    readers = {}
    for i, n in enumerate(nodes):
        if n.type not in _SHAPE_READERS:
            for v in set(n.inputs):
                readers.setdefault(v, []).append(i)

    def done_before(v, vs):
        """How many of v's readers surely ran before the AddN of `vs` (TF's executor clears
        a node's inputs once it has run, so they hold no reference any more): those that
        write a buffer of their own (never v's: the AddN holds v from the start) and that
        an input of the AddN depends on. A running sum `g = g + o; h = h + o` fetching g
        only: AddN(MatMul, .., MatMul_3) takes over MatMul's buffer, `add` having read it
        before MatMul_1 ran, and sums in the written order."""
        others = [j for j in readers.get(v, ()) if nodes[j].type in _FRESH]
        if not others or v in program.unseen_reads:
            return 0
        lo = min(others)
        seen, stack = set(), [producer[x] for x in vs if x in producer]
        while stack:
            j = stack.pop()
            if j in seen or j < lo:
                continue
            seen.add(j)
            stack.extend(producer[x] for x in nodes[j].inputs if x in producer)
        return sum(j in seen for j in others)

    def forwards(v, vs=()):
        """Can the AddN of `vs` take over v's buffer (True), never (False), or not known
        (None)? (TF's forward_input: a fresh buffer that this AddN alone reads once its
        other readers have run: done_before.)"""
        if v in fetched or uses.get(v, 0) - (done_before(v, vs) if vs else 0) > 1:
            return False
        if v in accumulated:   # (the last iteration's sum; zeros in the first)
            return True
        if v in shape_read or v not in producer or v not in names:
            return None
        n = nodes[producer[v]]
        if n.type in _FRESH:
            return True
        if n.type in _HELD:
            return False    # (a Const's, a variable's buffer; an Identity of one below)
        alias = n.type in addn_order._ALIAS
        if n.type in addn_order._SPACE_BATCH and len(n.inputs) == 3:
            same = addn_order.moves_nothing(n, lambda c: consts_of.get(c))
            if same is None:
                return None
            if not same:
                return True
            alias = True
        if n.type in addn_order._ALIAS_SAME_SIZE and n.inputs:
            # a reduction (broadcast, tile) to fewer (more) elements writes a fresh
            # buffer; one that reduces nothing shares its input's (TF's ReductionOp
            # "reduces nothing" case, BroadcastTo / Tile to the input's shape)
            size_in, size_out = _elements(program, n.inputs[0]), _elements(program, v)
            if size_in is None or size_out is None:
                return None
            if size_in != size_out:
                return True
            alias = True
        if alias and n.inputs:
            # the buffer is the input's: taken over where the input's is and nothing
            # else reads the input (the kernels keep no reference of their own)
            x = n.inputs[0]
            if uses.get(x, 0) > 1 or x in fetched:
                return False
            return forwards(x)
        return None
    prefix = mutating_prefix(nodes)
    mut = None
    out = program.copy()
    rebuilt, dropped, sums = {}, set(), []
    for root, members, leaves in groups:
        if prefix[root] != prefix[min(members)]:
            # a write between them: a leaf that aliases state (a ref variable's read) could
            # differ when read later (a batch norm's moving-average updates between a loss
            # and its regularization terms change nothing the sum reads)
            if mut is None:
                mut = mutable_values(program)
            if not mut.isdisjoint(leaves):
                continue
        by_shape = {}
        for v in leaves:
            by_shape.setdefault(known(v), []).append(v)
        shapes = sorted(by_shape, key=_size)
        sizes = [_size(s) for s in shapes]
        if any(sizes[k] == sizes[k - 1] for k in range(2, len(sizes))):
            continue    # Grappler's order of tied sizes (a hash map's) changes the sum
        if any(len(vs) > 2 and (not all(map(sort_key, vs)) or  # (a feed: where it sorts?)
                                not _order_known(sorted(vs, key=sort_key), _once(vs, forwards)))
               for vs in by_shape.values()):
            continue
        r = nodes[root]
        dtype = program.dtypes.get(r.outputs[0])
        scope, _, base = r.name.rpartition("/")
        prefix_name = (scope + "/" if scope else "") + _STAGE
        new_nodes = []

        def addn(vs, name, final):
            if len(vs) == 1:
                return vs[0]
            v = r.outputs[0] if final else out.new_value(dtype, program.shapes.get(vs[0]))
            new_nodes.append(Node("AddN", OPS["AddN"], {}, list(vs),
                                  [v], name, None))
            sums.append(new_nodes[-1])
            return v

        if len(shapes) == 1:
            addn(by_shape[shapes[0]], prefix_name + base, True)
            names[r.outputs[0]] = prefix_name + base
        else:
            parts = [addn(by_shape[s], f"{prefix_name}Leaf_{k}_{base}", False)
                     for k, s in enumerate(shapes)]
            acc = parts[0]
            for k, p in enumerate(parts[1:]):
                final = k == len(parts) - 2
                name = prefix_name + (base if final else f"Internal_{k}_{base}")
                v = r.outputs[0] if final else out.new_value(dtype)
                new_nodes.append(Node("AddV2", OPS["AddV2"], {}, [acc, p], [v],
                                      name, None))
                names[v] = name
                acc = v
        rebuilt[root] = new_nodes
        # an absorbed add whose shape something reads stays (as in Grappler, where the
        # old nodes remain for their other readers), with the absorbed adds it reads
        kept = [j for j in members if nodes[j].outputs[0] in shape_read]
        while kept:
            j = kept.pop()
            if j in members:
                members = [k for k in members if k != j]
                kept.extend(producer[v] for v in nodes[j].inputs if v in producer)
        dropped.update(members)
    if not rebuilt:
        return program
    # the second round's canonical order of the new AddNs: their inputs sorted by the
    # names Grappler sees (after its no-op removal, addn_order.py); the kernel then moves
    # the first input whose buffer it takes over to the front
    order = {}
    for s in sums:
        if len(s.inputs) > 2:
            vs = list(s.inputs) if second else sorted(s.inputs, key=sort_key)
            k = next((k for k, v in enumerate(vs) if _once(vs, forwards)(v)), 0)
            vs[0], vs[k] = vs[k], vs[0]
            order[id(s)] = vs
    new = []
    for i, n in enumerate(nodes):
        if i in rebuilt:
            new.extend(n2.with_inputs(order[id(n2)]) if id(n2) in order else n2
                       for n2 in rebuilt[i])
        elif i not in dropped:
            new.append(n)
    out.nodes = new
    return out
