"""Grappler's division by a constant: Div(x, c) -> Mul(x, Reciprocal(c)), as TF 1.14 runs it.

TF 1.14's constant folding (Grappler, on by default in a Session) strength-reduces a
floating-point RealDiv/Div whose denominator is constant (a Const, or an expression that
folds to one) to a multiplication by the reciprocal, computed once in the operand's dtype:
`p / 7.0` gives `p * float32(1 / 7)`, which differs from the quotient in the last bit for
about half of the inputs. Grappler skips graphs of fewer than 4 nodes, a fed denominator
(or one read through a PlaceholderWithDefault) is not a constant, and a division of two
constants folds to the exact quotient.

Unlike the optimizer passes (exact, run from a plan's second call), this rewrite changes
values, so the session applies it to every plan of a graph with at least MIN_GRAPH_NODES
ops while constant folding is on (RewriterConfig(constant_folding=OFF) and
disable_meta_optimizer keep the exact quotient, as in TF), and so do the sub-plans of
tf.cond branches and tf.while_loop bodies (Grappler sees them in the same graph).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..framework.engine_view import engine_side
from ..framework.registry import OPS
from ..framework.tensor_shape import TensorShape
from ..runtime.ir import Node
from .add_ops_rewrite import add_ops_rewrite, rewrite_new_sums
from .addn_order import canonical_addn
from .commutative_order import canonical_commutative
from .constant_folding import constant_folding
from .constant_push_down import constant_push_down, moved_known, tainted_by_default
from .cse import common_subexpression_elimination
from .hoist_common_factor import HOISTED_SUM, hoist_common_factor
from .partial_split import partial_split
from .implied_rank import implied_rank_folding
from .mul_by_ones import (broadcast_mul_by_ones, first_round_identities, identity_muls,
                          zero_muls)
from .minimize_broadcasts import minimize_broadcasts, without_no_ops
from .convert_pow import convert_pow
from .convert_exp_log import convert_exp_log, log_softmax
from .remap_batch_norm import remap_fused_batch_norm
from .remap_matmul import remap_matmul_bias_add
from .simplify_aggregation import simplify_aggregation
from .stack_pushes import remove_stack_pushes
from .symbolic_shapes import known_shape_fetches
from .transpose_matmul import fold_transpose_matmul

MIN_GRAPH_NODES = 4   # Grappler's default min_graph_nodes
# the ops whose feed shape Grappler reads from their `shape` attr (a Const's from its value)
_FEED_SHAPE_OPS = frozenset({
    "Placeholder", "PlaceholderV2", "PlaceholderWithDefault", "ParallelConcat",
    "ImmutableConst", "_ParallelConcatStart", "InfeedDequeue", "OutfeedDequeue",
    "CollectiveBcastSend", "CollectiveBcastRecv", "AccumulateNV2", "VariableV2", "Variable",
    "TemporaryVariable", "NcclBroadcast", "_ScopedAllocator", "_ScopedAllocatorConcat"})


def grappler_refuses(feed_tensors) -> bool:
    """Does TF 1.14's session skip Grappler for a run feeding these tensors? Its
    GraphExecutionState::OptimizeGraph gives each feed a fake input of the shape the fed
    node declares and fails (the run then uses the graph as written, only the classic
    graph optimizer's exact folding applied) for a feed of an output other than 0
    ("Unsupported feed") or of a node neither a Const nor one of _FEED_SHAPE_OPS
    ("Could not determine shape for feed node": an RNN's zero state, a Fill, fed as
    the previous batch's final state). `grappler_options` then turns the rewrites off."""
    for t in feed_tensors:
        op = getattr(t, "op", None)
        if op is None:
            continue
        if getattr(t, "value_index", 0) != 0 or \
                (op.type != "Const" and op.type not in _FEED_SHAPE_OPS):
            return True
    return False


def grappler_options(options, feed_tensors):
    """`options` for `grappler_division` in a run feeding `feed_tensors`: Grappler's
    value-changing rewrites off where TF skips it (grappler_refuses); the AddN kernel's
    own order stays (addn_order.py, as with the meta optimizer disabled)."""
    if not grappler_refuses(feed_tensors):
        return options
    return grappler_off(options)


def grappler_off(options):
    """`options` with Grappler's value-changing rewrites off."""
    return dict(options, constant_folding=False, arithmetic=False, fusion=False,
                loop_optimization=False)


# a Cond node's attr: {capture position: value} of its captures that Grappler folds into
# its branches (its predicate a constant); a While's / WhileGrad's: {input position:
# value} of its captured constants, Consts in the body (mark_constant_branches)
CONST_CAPTURES = "_grappler_const_captures"


def mark_constant_branches(program, seed):
    """`program` with each Cond whose predicate folds to a constant marked CONST_CAPTURES:
    the values of its captures that fold to constants too. Grappler's constant folding
    folds the Switch of a constant on a constant predicate into a Const, so a branch
    divides by a captured constant as by its own (`tf.cond(True, lambda: v / c, ...)`
    runs `v * (1 / c)`; golden math/push_down_sub cond_*). Each While (and WhileGrad,
    whose replay of the body follows) is marked with its captures that fold to constants:
    MoveConstantsPastEnter (golden math/hessian_loop_push). `seed`: the values that
    depend on a PlaceholderWithDefault (never constant)."""
    if not any(n.type in ("Cond", "While", "WhileGrad") for n in program.nodes):
        return program
    folded = constant_folding(program)
    # only tensors' values: flowgrad's folding also evaluates TensorArray ops (their
    # TensorArrayValue is no constant TF folds: TensorArray ops are stateful)
    consts = {n.outputs[0]: n.attrs["value"] for n in folded.nodes
              if n.type == "Const" and not n.inputs and n.outputs and
              n.outputs[0] not in seed and _is_array(n.attrs["value"])}
    nodes, changed = [], False
    for n in program.nodes:
        if n.type == "Cond" and n.inputs and n.inputs[0] in consts:
            caps = {k: consts[v] for k, v in enumerate(n.inputs[1:]) if v in consts}
            if caps:
                n = dataclasses.replace(n, attrs=dict(n.attrs, **{CONST_CAPTURES: caps}))
                changed = True
        elif n.type in ("While", "WhileGrad"):
            # a loop's captures are `Enter(is_constant=True)`: MoveConstantsPastEnter makes a
            # captured constant a Const in the frame (`ConstantFolding/<name>_enter`), so the
            # body pushes it down as its own (tf.hessians' `gradients/Mean_grad/truediv`);
            # a WhileGrad's inputs start with its While's (its replay of the body takes
            # the captures among them: ops/control_flow._while_grad_bind)
            n_vars = len(n.attrs.get("Tout", ())) if n.type == "While" else 0
            caps = {k: consts[v] for k, v in enumerate(n.inputs) if k >= n_vars and v in consts}
            if caps:
                n = dataclasses.replace(n, attrs=dict(n.attrs, **{CONST_CAPTURES: caps}))
                changed = True
        nodes.append(n)
    return program.copy(nodes=nodes) if changed else program


def _is_array(v) -> bool:
    return isinstance(v, (np.ndarray, np.generic)) and v.dtype.kind != "O"


# a Cond/While/WhileGrad node's attr: its sub-plans run in a plan Grappler skipped
GRAPPLER_OFF = "_grappler_off"
_SUB_PLANNED = frozenset({"Cond", "While", "WhileGrad"})


def mark_grappler_off(program):
    """`program` with its Cond/While/WhileGrad nodes marked GRAPPLER_OFF: TF's Grappler
    sees the loop bodies and cond branches in the one graph it skips."""
    if not any(n.type in _SUB_PLANNED for n in program.nodes):
        return program
    nodes = [dataclasses.replace(n, attrs=dict(n.attrs, **{GRAPPLER_OFF: True}))
             if n.type in _SUB_PLANNED else n for n in program.nodes]
    return program.copy(nodes=nodes)
_DIVS = frozenset({"RealDiv", "Div"})


def _inexact(dtype) -> bool:
    npdt = getattr(dtype, "as_numpy_dtype", None)
    try:
        return npdt is not None and np.dtype(npdt).kind in "fc"
    except TypeError:   # bfloat16 and other dtypes NumPy does not name
        return getattr(dtype, "is_floating", False)


def reciprocal_division(program):
    """`program` with each floating Div/RealDiv by a constant turned into Mul(x, 1/c)."""
    if not any(n.type in _DIVS and n.outputs and _inexact(program.dtypes.get(n.outputs[0]))
               for n in program.nodes):
        return program
    # Grappler never folds a PlaceholderWithDefault: what depends on one is not constant
    tainted = set()
    for n in program.nodes:
        if n.type == "PlaceholderWithDefault" or any(v in tainted for v in n.inputs):
            tainted.update(n.outputs)
    folded = constant_folding(program)   # exact: a denominator expression becomes a Const
    consts = _untainted_consts(folded, tainted)
    # a division of a value read through a PlaceholderWithDefault (flowgrad folds it, exactly)
    # by a constant: Grappler multiplies by the reciprocal, so rewrite before folding
    # (`placeholder_with_default(c) / 255.` is c * float32(1/255), pprobe46)
    early = _reciprocal_muls(program, consts, lambda n: n.inputs[0] in tainted)
    if early is not program:
        folded = constant_folding(early)
        consts = _untainted_consts(folded, tainted)
    return _reciprocal_muls(folded, consts, lambda n: n.inputs[0] not in consts)


def _untainted_consts(program, tainted):
    return {n.outputs[0]: n.attrs["value"] for n in program.nodes
            if n.type == "Const" and not n.inputs and n.outputs[0] not in tainted}


def _reciprocal_muls(program, consts, numerator_ok):
    """`program` with each inexact Div/RealDiv by one of `consts` whose numerator passes
    `numerator_ok` made Mul(x, Reciprocal(c)) (the reciprocal a Const)."""
    out = program.copy()
    nodes = []
    changed = False
    for n in program.nodes:
        if n.type in _DIVS and len(n.inputs) == 2 and not n.recompute and \
                n.inputs[1] in consts and numerator_ok(n) and \
                _inexact(program.dtypes.get(n.outputs[0])):
            dtype = program.dtypes.get(n.outputs[0])
            c = np.asarray(consts[n.inputs[1]])
            with np.errstate(all="ignore"):
                # (complex: TF's Reciprocal kernel, Eigen's pdiv and Smith division)
                r = np.asarray(OPS["Reciprocal"].kernel(c) if c.dtype.kind == "c" else
                               np.reciprocal(c), dtype=c.dtype)
            v = out.new_value(dtype, TensorShape(list(r.shape)))
            nodes.append(Node("Const", OPS["Const"], {"value": r, "dtype": dtype}, [], [v],
                              "ConstantFolding/" + n.name + "_recip", None, False))
            out.persistent.add(v)
            nodes.append(dataclasses.replace(n, type="Mul", op_def=OPS["Mul"], attrs={},
                                             inputs=[n.inputs[0], v]))
            changed = True
        else:
            nodes.append(n)
    if not changed:
        return program
    out.nodes = nodes
    return out


def _pushed(program, known, seed, **kw):
    """(constant_push_down(program, seed, **kw) with shape_known=`known`, `known` as its
    values are then)."""
    out = constant_push_down(program, seed, shape_known=known, **kw)
    if known and out is not program:
        known = moved_known(known, program.fetches, out.fetches)
    return out, known


def _second_push(program, known, seed, unknown, sorted_gates=False):
    """(`program`, `known`) after the second round's push-down through the first round's
    Identities of `y + 0`, `y - 0` (and `y * 1`, `y / 1` of an Add y): the dependency
    optimizer removed them, and the arithmetic optimizer deduplicated the graph before
    (not its fetches), so a child written twice is one read twice, and not pushed into:
    `0.3 + ((x + 0.7) - 0)` runs as `x + 1.0`, but fetched with `0.2 + ((x + 0.7) + 0)`
    both keep their order (golden math/push_down_sub). Run here, in the first round
    (flowgrad models no second round of Add trees), on the deduplicated program where it
    pushes something."""
    found = identity_muls(program, unknown)
    if len(first_round_identities(program, found=found)[0]) == len(found):
        return program, known   # (only Muls by ones of what is no Add: opaque still)
    deduped = common_subexpression_elimination(program, keep=frozenset(program.fetches),
                                               controls=True)
    muls, through = first_round_identities(deduped, unknown)
    out, moved = _pushed(deduped, known, seed, opaque=muls, through=through,
                         sorted_gates=sorted_gates)
    return (program, known) if out is deduped else (out, moved)


def _no_op_push(program, known, seed, unknown):
    """(`program`, `known`) after the second round's constant push-down through the no-ops
    the first round left between Muls, with the arithmetic optimizer off (with it on,
    minimize_broadcasts runs that push-down): constant folding made tf.gradients' Sum over
    no axes and Reshape to the same shape Identities, the dependency optimizer removed
    them (without the dependency optimizer they stay, and so does the chain's order), so
    the second round's ConstantPushDown reaches through (a dropout chain's
    gradient `((g * m2) / 0.7 * m1) / 0.8`, m1 a Const, runs as `g * (m1 / 0.7 / 0.8)`,
    one folded Const; in a loop's gradient body, m1 captured: golden
    math/loop_const_enter). The program as it was where that pushes nothing."""
    second = without_no_ops(constant_folding(program), identity_muls(program, unknown), unknown)
    if second is None:
        return program, known
    out, moved = _pushed(second[0], known, seed, gated_reads=False)
    return (program, known) if out is second[0] else (out, moved)


@engine_side
def grappler_division(program, graph, options, loop_body=False, unknown=None, branch=False,
                      shape_fetches=(), bcast_unknown=None, driven=frozenset()):
    """`program` (lowered from `graph`) as Grappler leaves its divisions and its chains of
    Add/Mul with constants (constant_push_down.py) and its AddNs with constant inputs
    (partial_split.py): rewritten when constant folding is on
    and the graph has at least MIN_GRAPH_NODES ops; then its Pow by 0.5 / -0.5 / -1
    (convert_pow.py), Exp - 1 and Log(x + 1) (convert_exp_log.py), its Mul trees
    (minimize_broadcasts.py; Grappler's second iteration pushes constants down before
    it regroups), its Add trees (add_ops_rewrite.py: `unknown`, the
    feeds whose shapes Grappler does not know, default all; in a loop body or a cond
    `branch` the fetches are no nodes Grappler preserves), its sums of products by one
    common factor (hoist_common_factor.py), its AddNs of one tensor repeated
    (simplify_aggregation.py; constants pushed down again after either, as Grappler's
    second iteration does), its MatMuls of a Transpose (transpose_matmul.py) and its AddN
    inputs' order (addn_order.py) when the arithmetic optimizer is on too; its MatMuls fused with
    their BiasAdd (remap_matmul.py) when remapping is, in a while loop's body too (TF's
    remapper fuses the body's nodes, which live in the main graph:
    OutputProjectionWrapper's one-column projection in dynamic_rnn sums as _FusedMatMul;
    golden math/remap_loop_body); the pushes of stacks nothing pops made Identities
    (stack_pushes.py) when the loop optimizer is on. TF 1.x loop bodies live in the main
    graph, so their AddNs are sorted too (the fused RNN runners follow: lstm_loop.by_name;
    golden rnn/loop_grads).
    `bcast_unknown`: the feeds MinimizeBroadcasts takes as of unknown shape (default
    `unknown`; a sub-plan adds those Grappler knows only symbolically or pops).
    `driven`: the ids of the ops TF gives a control input from a while loop's pivot
    (minimize_broadcasts.pivot_driven).
    `addn_order=False` in `options` keeps tf.gradients' AddN order (the XLA program's: a
    chain's accumulations then roll into one loop)."""
    if len(graph._flowgrad_operations()) < MIN_GRAPH_NODES:
        return program
    if options.get("constant_folding", True):
        seed = tainted_by_default(program)   # before anything folds
        program = mark_constant_branches(program, seed)
        # Rank(x) of a rank x's Transpose reader implies: a Const (implied_rank.py)
        program = implied_rank_folding(program)
        # a Mul by ones of a y of shape unknown to Grappler: BroadcastTo (mul_by_ones.py)
        program = broadcast_mul_by_ones(program)
        program = reciprocal_division(program)
        # a Mul by zeros of a known shape: zeros (SimplifyNode, before the push-down)
        program = zero_muls(program, unknown, loop_body)
        # a Mul by ones of a y of the output's shape: an Identity in the first round
        # a value the loop's gradient reads only for a shape Grappler knows: its Shape
        # reader is materialized into a Const with a control edge from the value, so it is
        # no reader for ConstantPushDown, and the arithmetic optimizer leaves the value
        # alone (it drives a control edge): no shape fetch for add_ops_rewrite
        known = known_shape_fetches(program, unknown, shape_fetches) if loop_body \
            else frozenset()
        # (a push through a tf.gradients gate is the second round's: after the arithmetic
        # optimizer sorted the child's inputs)
        gates = options.get("arithmetic", True)
        program, known = _pushed(program, known, seed, opaque=identity_muls(program, unknown),
                                 sorted_gates=gates)
        program, known = _second_push(program, known, seed, unknown, gates)
        program = partial_split(program)     # AddN(g, c1, c2) -> AddN(g, c1 + c2)
        if not options.get("arithmetic", True) and options.get("dependency", True):
            # (with the arithmetic optimizer: minimize_broadcasts' push_down)
            program, known = _no_op_push(program, known, seed, unknown)
        shape_fetches = frozenset(shape_fetches).difference(known)
    if options.get("arithmetic", True):
        program = canonical_commutative(program)
        program = add_ops_rewrite(program, unknown, loop_body or branch, shape_fetches)
        late = set()     # (sums hoisted in Grappler's second round: no third regroups)
        hoisted = hoist_common_factor(program, unknown, loop_body or branch, late)
        if hoisted is not program and options.get("constant_folding", True):
            # Grappler's second iteration: its constant folding pushes a constant down
            # into the hoisted sum (`c * AddN(a, b) * 1.5` runs as `c * (1.5 * AddN(a, b))`)
            hoisted = constant_push_down(hoisted, seed)
        if hoisted is not program:
            # the hoisted sums' adds regrouped in Grappler's second round
            hoisted = rewrite_new_sums(
                hoisted, [n.name for n in hoisted.nodes
                          if HOISTED_SUM in n.name and n.name not in late],
                unknown, loop_body or branch, shape_fetches)
        program = hoisted
        # SimplifyAggregation, after the hoist as in TF's stage list: AddN(x, .., x) -> N * x
        gated = set()
        simplified = simplify_aggregation(program, loop_body or branch, gated)
        if simplified is not program and options.get("constant_folding", True):
            # Grappler's second round pushes a reader's constant into N * x (a gated
            # one's N in the second round's order: minimize_broadcasts' push_down)
            simplified = constant_push_down(simplified, seed, opaque=gated)
        program = simplified
        regrouped = set()
        folding = options.get("constant_folding", True)
        program = log_softmax(convert_exp_log(convert_pow(program, unknown, folding)))
        program = fold_transpose_matmul(program)   # MatMul(Transpose(a), b): flags flipped
        program = minimize_broadcasts(
            program, regrouped, identity_muls(program, unknown) if folding else None,
            (lambda p: constant_push_down(p, seed, gated_reads=False, squares=True))
            if folding else None, unknown,
            unknown if bcast_unknown is None else bcast_unknown, driven,
            # (a loop body's or branch's outputs: no nodes Grappler preserves)
            preserved=frozenset() if loop_body or branch else None,
            no_ops_removed=options.get("dependency", True))
    if options.get("addn_order", True):
        # Grappler's canonical order (with its arithmetic optimizer), then the AddN
        # kernel's own: it sums from the input whose buffer it takes over
        program = canonical_addn(program, not (loop_body or branch),
                                 options.get("arithmetic", True),
                                 options.get("constant_folding", True))
    if options.get("fusion", True):
        # _FusedMatMul (remap_matmul.py)
        program = remap_matmul_bias_add(program, options.get("arithmetic", True) or
                                        options.get("constant_folding", True))
    if options.get("fusion", True):
        # primitive ops (remap_batch_norm.py)
        program = remap_fused_batch_norm(program, options.get("constant_folding", True))
    if options.get("loop_optimization", True):
        program = remove_stack_pushes(program)   # pushes nothing pops: Identities
    return program
