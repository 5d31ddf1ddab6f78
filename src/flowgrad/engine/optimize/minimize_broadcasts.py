"""Grappler's MinimizeBroadcasts on chains of Mul and of Add, as TF 1.14's arithmetic
optimizer runs it.

TF 1.14 regroups a tree of Mul nodes whose operands broadcast (values change): from a
root Mul it absorbs each input that is a Mul read by nothing else (not fetched, no control
edges in or out), collects the leaves left to right (each Mul's two inputs sorted by their
graph names, as Grappler canonicalizes them), sorts them by size (stable), and rebuilds
the tree: the two smallest first, each product put back at the front of the list
when the next two are still in increasing order (a product counts as a scalar there), else
at the back; with an odd number of leaves the largest is multiplied last. A hand-written
instance norm `scale * (x - mean) * rsqrt(var + eps)` (scale [C], x [N, H, W, C], the
rsqrt [N, 1, 1, C]) runs as `(scale * rsqrt) * (x - mean)`, which differs from the written
order in the last bit for about a third of the elements. A group whose leaves all have one
shape is left as it is.

Grappler does this only where its shape inference gives every shape involved a known
rank, on its symbolic shapes (symbolic_shapes.py): a fed tensor's shape is unknown (feeds
need not match a placeholder's shape), so an elementwise op of a feed is never regrouped,
but a Conv2D or MatMul of one gives the rank back with symbolic dims ([a, b, c, 16]); the
sizes then compare as CompareSymbolicallyShapedTensorSizes does (symbols both sides have
cancel), which is not a total order, so the leaves are sorted as libstdc++'s
std::stable_sort sorts. Grappler's second round runs its constant folding before its
arithmetic optimizer: with the gates gone and each Mul's inputs in the canonical order
the first round gave them (a division by a constant is a Mul by then, its reciprocal
named `ConstantFolding/<div>_recip`), constants are pushed down (`push_down`, given by
`grappler_division`: constant_push_down.py), and only then does MinimizeBroadcasts
regroup (`Exp * (b * 0.3s)` for `exp(h * 0.1) * b * 3.0`'s gated gradient; the
attention's `(recip * Softmax) * sub`; golden math/gated_grads *_round2).
In a while loop's body or a cond's branch (TF 1.x keeps them in the main graph) the
sub-plan's feeds have the shapes Grappler infers there (`shapes_unknown`: those it does
not know in the enclosing plan, in full or at all, and those TF's gradient frame pops; a
TensorArray read has its handle data's: symbolic_shapes), so
IndyGRUCell's `(r * state) * u` (u [1, N]) runs with u multiplied first when only forward
values are fetched; a body value TF's stack pushes for the loop's gradient has a second
reader while that gradient runs (control_flow._pushed_reads), and is absorbed by no group
(golden math/loop_min_broadcasts); nor is a while body's op that reads only the loop's
captures: TF gives it a control input from the pivot (pivot_driven; normalized Bahdanau's
`g * v`).
Like reciprocal_div.py, applied to every plan by `grappler_division` while the
arithmetic optimizer is on, after the Add trees' rewrite (Grappler's AddOpsRewrite,
add_ops_rewrite.py, which runs first).

tf.gradients(gate_gradients=True) (Optimizer.minimize's GATE_OP) wraps each op's input
gradients in a tuple: TF then runs every input gradient, even one only the gate reads
(which the plan does not compute; lowering counts its reads in Program.unseen_reads, so a
forward Mul it reads is not absorbed), and the gate's Identities stop the first round.
Grappler's dependency optimizer then removes them, so the second round sees the chain,
with the gate's control edges left only where no data path already orders them. A Mul
by tf.gradients' ones of a y of the output's shape is such an Identity too (made by the
first round's constant folding: mul_by_ones.identity_muls), a leaf in the first round.
A Mul's inputs are canonicalized by the names of what it reads now, after constant
folding pushed constants down.

The stage takes Add / AddV2 chains by the same rules (a group absorbs only nodes of its
root's op: no AddV2 in an Add chain), but AddOpsRewrite (add_ops_rewrite.py) is tried
first on each node and takes every add root it can: MinimizeBroadcasts regroups an add
root only where AddOpsRewrite leaves it, one that is fetched (outside a loop body or
branch: `preserved`) or that an op waits for; `(a + b) + c` fetched, c [16], runs as
`(c + a) + b` (golden math/add_min_broadcasts; the gated layer's sum before an assign
waits on it in pprobe46's wavenet_state_vars). No root, Mul or add, has a control
input: the stage asks every input's shape, and a control input has none.

Before/after (s [16], r [2, 1, 1, 16], x [2, 4, 4, 16]):

    v3 = Mul(s, x)          ->   v5 = Mul(s, r)
    v4 = Mul(v3, r)              v4 = Mul(v5, x)
"""
from __future__ import annotations

import numpy as np

from . import addn_order
from ._util import (constant_only, control_sources, mutating_prefix, shapes_broadcastable,
                    shapes_symbolically_equal, symbolic_size_less)
from .constant_folding import constant_folding
from .cse import common_subexpression_elimination
from .constant_push_down import _broadcast_shape
from .symbolic_shapes import symbolic_shapes


def _less(a, b):
    return symbolic_size_less(a[1], b[1])


def _insertion_sort(run):
    """std::__insertion_sort: each element moved before those it is smaller than."""
    out = []
    for e in run:
        if out and _less(e, out[0]):
            out.insert(0, e)
            continue
        j = len(out)
        while j > 0 and _less(e, out[j - 1]):
            j -= 1
        out.insert(j, e)
    return out


def _merge(a, b):
    """std::__move_merge: the right run's head first only if smaller."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if _less(b[j], a[i]):
            out.append(b[j])
            j += 1
        else:
            out.append(a[i])
            i += 1
    return out + a[i:] + b[j:]


def _merge_backward(a, b):
    """std::__move_merge_adaptive_backward: from the back, the left run's tail last
    only if the right's is smaller."""
    i, j, tail = len(a) - 1, len(b) - 1, []
    while i >= 0 and j >= 0:
        if _less(b[j], a[i]):
            tail.append(a[i])
            i -= 1
        else:
            tail.append(b[j])
            j -= 1
    return a[:i + 1] + b[:j + 1] + tail[::-1]


def _merge_sort(run):
    """std::__merge_sort_with_buffer: runs of 7 by insertion, then merged pairwise."""
    runs = [_insertion_sort(run[k:k + 7]) for k in range(0, len(run), 7)]
    while len(runs) > 1:
        runs = [_merge(runs[k], runs[k + 1]) if k + 1 < len(runs) else runs[k]
                for k in range(0, len(runs), 2)]
    return runs[0] if runs else []


def _stable_sort(ops):
    """std::stable_sort (libstdc++, with its buffer) of (value, shape) by
    CompareSymbolicallyShapedTensorSizes: each half merge-sorted, then the halves merged
    (forward if the first is not longer, else from the back). Symbolic sizes are not
    totally ordered, so the algorithm matters."""
    if len(ops) < 2:
        return list(ops)
    mid = (len(ops) + 1) // 2
    a, b = _merge_sort(ops[:mid]), _merge_sort(ops[mid:])
    return _merge(a, b) if len(a) <= len(b) else _merge_backward(a, b)


def _canonical_inputs(n, names=None):
    """A Mul's inputs in Grappler's canonical order: sorted by their graph names (the
    arithmetic optimizer sorts a commutative op's inputs before anything else). `names`
    (value -> the name of the node in the plan that makes it) gives the names of the
    inputs the Mul reads now: constant folding, which runs first, may have pushed a
    constant down into it (`(g * Exp) * 0.1` is `(0.1 * Exp) * g` by then, and sorts
    `gradients/AddN` before `gradients/Exp_grad/mul`); without, or for an input no node
    makes (a feed), the names of the graph op's inputs in place."""
    op = n.op
    if op is not None and (op.type in _MULS and n.type == "Mul" or
                           op.type == n.type and n.type in _ADDS) \
            and len(op.inputs) == 2 and len(n.inputs) == 2:
        a, b = (addn_order.read_name(op, t) for t in op.inputs)
        if names is not None:
            a, b = names.get(n.inputs[0], a), names.get(n.inputs[1], b)
        elif op.type != n.type:
            return list(n.inputs)
        if b < a:
            return [n.inputs[1], n.inputs[0]]
    return list(n.inputs)


# a Mul, or a division by a constant that constant folding made one (reciprocal_div.py)
_MULS = frozenset({"Mul", "RealDiv", "Div"})
# Grappler's IsAdd (not of strings): MinimizeBroadcasts' other binary associative ops
_ADDS = frozenset({"Add", "AddV2"})
_ASSOCIATIVE = _ADDS | {"Mul"}
# the names of the nodes AddOpsRewrite makes (add_ops_rewrite.py): its tag
ADD_OPS_STAGE = "ArithmeticOptimizer/AddOpsRewrite_"


def _node_names(nodes):
    """value -> its NodeDef spelling as an input: the name of the node that makes it,
    ":k" added for its output k > 0."""
    return {v: n.name if k == 0 else f"{n.name}:{k}"
            for n in nodes for k, v in enumerate(n.outputs)}


_NO_OPS = frozenset({"Identity", "Sum", "Reshape"})


def minimize_broadcasts(program, regrouped=None, ones=None, push_down=None, unknown=None,
                        shapes_unknown=None, driven=frozenset(), preserved=None,
                        no_ops_removed=True):
    """`program` with Grappler's MinimizeBroadcasts applied to its Mul trees: once on the
    graph as written, then once more with the no-op Identity / Sum / Reshape between Muls
    gone (Grappler's second round, after constant folding made tf.gradients' Sum over no
    axes and Reshape to the same shape Identities and the dependency optimizer removed
    them); a node regrouped in the first round is left alone in the second. The roots of
    the trees rebuilt are added to `regrouped` (a set) when given. `ones`: the Muls by
    tf.gradients' ones that Grappler's constant folding made Identities
    (mul_by_ones.identity_muls: value -> the position of the ones), leaves in the first
    round and gone in the second. `push_down(program)`: the second round's constant
    folding, run before its MinimizeBroadcasts (where there is no second round here,
    on the trees the first rebuilt). `shapes_unknown`: the feeds whose shapes the groups
    take as unknown (default `unknown`). `driven`: the ids of the graph ops TF gives a
    control input (a while body's ops reading only loop invariants: pivot_driven), which
    no tree absorbs. `no_ops_removed`: whether the dependency optimizer runs (without it
    the no-ops stay in the second round: no tree and no push-down reaches through them)."""
    if shapes_unknown is None:
        shapes_unknown = unknown
    src = {}
    ones = ones or {}
    for n in program.nodes:
        for v in n.outputs:
            if v in ones:       # an Identity by the second round: what it reads
                y = n.inputs[1 - ones[v]]
                src[v] = src.get(y, "")
                continue
            src[v] = src.get(n.inputs[0], n.type) if n.type in _NO_OPS and n.inputs else n.type
    if not any(n.type in _ASSOCIATIVE and any(src.get(v) == n.type for v in n.inputs)
               for n in program.nodes):
        return program
    # Grappler dedups the graph first (not its fetched nodes): a Mul written twice is
    # one node read twice, which no tree absorbs
    deduped = common_subexpression_elimination(program, keep=frozenset(program.fetches),
                                               controls=True)
    order = _processing_order(program, deduped)
    program = deduped
    tags = set()
    done = set() if regrouped is None else regrouped
    built = set()
    program = _regroup(program, tags, done, order, opaque=ones, built=built,
                       unknown=shapes_unknown, driven=driven, preserved=preserved)
    if push_down is not None:
        # the first round's arithmetic optimizer put each Mul it did not rebuild in
        # canonical order (before MinimizeBroadcasts ran), which the second round's
        # constant folding sees, and pushes constants down on, before its own
        # MinimizeBroadcasts
        program = _canonical_order(program, built, ones)
    second = without_no_ops(constant_folding(program), ones, unknown) \
        if no_ops_removed else None
    if second is None:
        # no second round of MinimizeBroadcasts here; its constant folding still
        # pushes a constant leaf of a rebuilt tree down (`(m * n) * C` runs as
        # `m * (C * n)`)
        return push_down(program) if push_down is not None and built else program
    nxt = second[0] if push_down is None else push_down(second[0])
    return _regroup(nxt, tags, done, ctrl=second[1], unknown=shapes_unknown, driven=driven,
                    preserved=preserved)


def pivot_driven(program, invariant):
    """The ids of the graph ops of `program` (a while loop's condition, body or gradient
    body) that TF 1.14's WhileContext._MaybeAddControlDependency gives a control input
    from the loop's pivot: those with inputs, all loop invariants (`invariant`: the
    tensors the loop captures, read through constant Enters), and no control input of
    their own. Such a Mul is driven by a control dependency, so no MinimizeBroadcasts
    group absorbs it (`(p * q) * h` with p, q captured runs as written; golden
    math/loop_min_broadcasts, case invariant)."""
    keys = {(t.op, t.value_index) for t in invariant}
    return frozenset(id(n.op) for n in program.nodes
                     if n.op is not None and n.op.inputs and not n.op._control_inputs
                     and all((t.op, t.value_index) in keys for t in n.op.inputs))


def _canonical_order(program, skip, ones):
    """`program` with each Mul not named in `skip` reading its two inputs in Grappler's
    canonical order (sorted by their names; the values are the same). Not a Mul by ones
    in `ones` (an Identity by then; `ones` gives the position of its ones)."""
    names = _node_names(program.nodes)
    nodes, changed = [], False
    for n in program.nodes:
        if n.type == "Mul" and len(n.inputs) == 2 and n.name not in skip and \
                n.outputs[0] not in ones:
            ins = _canonical_inputs(n, names)
            if ins != list(n.inputs):
                n = n.with_inputs(ins)
                changed = True
        nodes.append(n)
    return program.copy(nodes=nodes) if changed else program


def _processing_order(program, deduped):
    """node name -> the position from which Grappler's arithmetic optimizer pops it (0
    first). It sorts the graph topologically (Kahn, ready nodes first in first out), dedups
    it, erasing each duplicate by swapping the current last node into its slot
    (EraseNodesFromGraph), and pops nodes from the back: a graph with something deduped
    (even two equal constants) moves the last nodes, a Mul chain's root among them, to be
    visited after the inner Muls, which then become a group's root first."""
    nodes = program.nodes
    kept = {n.name for n in deduped.nodes}
    gone = [i for i, n in enumerate(nodes) if n.name not in kept]
    if not gone:
        return None
    producer = {v: i for i, n in enumerate(nodes) for v in n.outputs}
    fanin = [len({producer[v] for v in n.inputs if v in producer}) for n in nodes]
    fanout = [[] for _ in nodes]
    for i, n in enumerate(nodes):
        for j in sorted({producer[v] for v in n.inputs if v in producer}):
            fanout[j].append(i)
    ready = [i for i in range(len(nodes)) if fanin[i] == 0]
    seen = [0] * len(nodes)
    k = 0
    while k < len(ready):
        for j in fanout[ready[k]]:
            seen[j] += 1
            if seen[j] == fanin[j]:
                ready.append(j)
        k += 1
    if len(ready) != len(nodes):
        return None
    pos = {i: p for p, i in enumerate(ready)}
    slots = list(ready)
    last = len(slots) - 1
    for p in sorted((pos[i] for i in gone), reverse=True):
        slots[p], slots[last] = slots[last], slots[p]
        last -= 1
    slots = slots[:last + 1]
    return {nodes[i].name: len(slots) - 1 - p for p, i in enumerate(slots)}


def _root_order(nodes, order):
    """Indices of `nodes` in the order Grappler visits them as roots: from the back of the
    plan, or as `order` (names -> rank) says."""
    if order is None:
        return range(len(nodes) - 1, -1, -1)
    far = len(order)
    return sorted(range(len(nodes)), key=lambda i: (order.get(nodes[i].name, far), -i))


def _gate_of(n):
    """The tf.gradients gate (tuple/group_deps NoOp) whose Identity `n` is, or None."""
    if n.type != "Identity" or n.op is None or len(n.op._control_inputs) != 1:
        return None
    c = n.op._control_inputs[0]
    return c if c._id in (getattr(c._graph, "_grad_gates", None) or ()) else None


def _gate_controls(program, alias):
    """Grappler's dependency optimizer removes a gate's NoOp and its Identities that
    nothing fetches (`alias`: their values), giving each Identity's readers (or the
    Identity, when kept) the NoOp's control inputs, less those it already depends on
    through data (its transitive reduction; a gradient that only the gate reads, which the
    plan does not compute, leaves none). Returns (ids of the ops that so keep a control
    input, ids of the ops they wait for)."""
    nodes = program.nodes
    producer = {v: i for i, n in enumerate(nodes) for v in n.outputs}
    index = {id(n.op): i for i, n in enumerate(nodes) if n.op is not None}
    readers = {}
    for i, n in enumerate(nodes):
        for v in n.inputs:
            readers.setdefault(v, []).append(i)
    ancestors = {}

    def above(i):
        got = ancestors.get(i)
        if got is None:
            got, stack = set(), [i]
            while stack:
                for v in nodes[stack.pop()].inputs:
                    j = producer.get(v)
                    if j is not None and j not in got:
                        got.add(j)
                        stack.append(j)
            ancestors[i] = got
        return got

    def _source(m):
        """A member removed as a no-op: the node it read (the dependency optimizer moves
        the control edge there; the Mul gradient's Reshape -> its Mul)."""
        v = nodes[m].outputs[0] if nodes[m].outputs else None
        j = producer.get(alias.get(v)) if v in alias else None
        return m if j is None or nodes[j].op is None else j

    waiting, waited = set(), set()
    for i, n in enumerate(nodes):
        gate = _gate_of(n)
        if gate is None:
            continue
        members = [index[id(c)] for c in gate._control_inputs if id(c) in index]
        receivers = readers.get(n.outputs[0], []) if n.outputs[0] in alias else [i]
        for r in receivers:
            late = [m for m in members if m != r and m not in above(r)]
            if late:
                waiting.add(id(nodes[r].op))
                waited.update(id(nodes[_source(m)].op) for m in late)
    return waiting, waited


def without_no_ops(program, ones=None, unknown=None):
    """`program` without the Identity, Sum over no axes and Reshape to the same shape that
    read a Mul (through others of them), their readers reading the Mul, and the control
    edges left (`_gate_controls`); None if none. Not those fetched or with control inputs,
    but for tf.gradients' gate Identities (Grappler's dependency optimizer removes them).
    One that an op waits for goes too: the dependency optimizer moves the control edge to
    its source (the Square gradient's Const waits on its incoming gradient, a Reshape to
    its own shape; golden math/gated_grads reshape_with_control_output).
    `ones` (value -> position): Muls by ones (Adds of zeros) that are Identities, their
    readers reading the other input, whatever makes it; only where every reader is a Mul
    or another of them (a tree's leaf then has the other input's name; an AddN's
    canonical order already reads through one: addn_order)."""
    nodes = program.nodes
    consts = {n.outputs[0]: n.attrs["value"] for n in nodes if n.type == "Const" and not n.inputs}
    types = {v: n.type for n in nodes for v in n.outputs}
    fetched = set(program.fetches)
    control = _control_sources(nodes, gates=False)
    sym = symbolic_shapes(program, unknown)
    alias = {}
    if ones:
        reader_types = {}
        for n in nodes:
            for v in n.inputs:
                # (a reader that is such an Identity itself counts by its value)
                reader_types.setdefault(v, set()).add(
                    n.outputs[0] if n.outputs and n.outputs[0] in ones else n.type)
    for n in nodes:
        if ones and n.outputs and n.outputs[0] in ones and len(n.inputs) == 2 and \
                all(r == "Mul" or r in ones for r in reader_types.get(n.outputs[0], ("",))):
            y = n.inputs[1 - ones[n.outputs[0]]]
            alias[n.outputs[0]] = alias.get(y, y)
            continue
        if n.type not in _NO_OPS or len(n.outputs) != 1 or not n.inputs or n.recompute \
                or n.outputs[0] in fetched or n.op is None \
                or n.op._control_inputs and _gate_of(n) is None:
            continue
        source = alias.get(n.inputs[0], n.inputs[0])
        if types.get(source) != "Mul":
            continue
        if n.type == "Sum" and not (n.inputs[1] in consts and np.size(consts[n.inputs[1]]) == 0):
            continue
        if n.type == "Reshape" and not shapes_symbolically_equal(sym.get(n.inputs[0]),
                                                                  sym.get(n.outputs[0])):
            continue
        alias[n.outputs[0]] = source
    if not alias:
        return None
    kept = [n.with_inputs([alias.get(v, v) for v in n.inputs])
            if not alias.keys().isdisjoint(n.inputs) else n
            for n in nodes if not (n.outputs and n.outputs[0] in alias)]
    out = program.copy(nodes=kept)
    waiting, waited = _gate_controls(program, alias)
    return out, (waiting, waited | control)


def _control_sources(nodes, gates=True):
    """The ops some node waits for (`gates`: with the gradients a gate's NoOp waits for)."""
    return control_sources(nodes, None if gates else
                           lambda n: n.type == "NoOp" and _gate_of_noop(n.op) is not None)


def _gate_of_noop(op):
    return op if op._id in (getattr(op._graph, "_grad_gates", None) or ()) else None


def _regroup(program, tags, regrouped, order=None, ctrl=None, opaque=(), built=None,
             unknown=None, driven=frozenset(), preserved=None):
    """One round of MinimizeBroadcasts; `tags` (node names) grows by the nodes it grouped,
    `regrouped` by the names of the roots of the trees it rebuilt; the values `opaque`
    are Identities by now (Muls by ones): no Mul of a tree."""
    nodes = program.nodes
    producer = {}
    for i, n in enumerate(nodes):
        for v in n.outputs:
            producer[v] = i
    sym = symbolic_shapes(program, unknown)   # Grappler's: a fed tensor's shape is unknown
    # Grappler's constant folding runs first: a Mul computed from constants only is a
    # Const by the time the arithmetic optimizer looks (a distribution's covariance
    # from constant parameters keeps its written order)
    folded = constant_only(nodes)
    # TF's gated pure gradients read them too, in the first round: the dependency
    # optimizer then removes their gate, and the second round's model pruner them (a
    # loop body's stack pushes stay: Program.lasting_reads)
    uses = dict(program.unseen_reads if ctrl is None else program.lasting_reads)
    for n in nodes:
        for v in n.inputs:
            uses[v] = uses.get(v, 0) + 1
    fetched = set(program.fetches)
    preserved = fetched if preserved is None else preserved
    if ctrl is None:
        control = _control_sources(nodes)
        waiting = ()
    else:       # the second round: the gates' control edges as Grappler leaves them
        waiting, control = ctrl

    def known(v):
        return sym.get(v)

    def supported(i):
        """A Mul or Add whose shape and inputs' shapes are known and broadcast together
        (not an add AddOpsRewrite made)."""
        n = nodes[i]
        if n.type not in _ASSOCIATIVE or len(n.inputs) != 2 or len(n.outputs) != 1 \
                or n.recompute or n.outputs[0] in folded or n.outputs[0] in opaque:
            return False
        if n.type in _ADDS and (ADD_OPS_STAGE in n.name or
                                getattr(program.dtypes.get(n.outputs[0]), "name", None)
                                == "string"):
            return False
        out = known(n.outputs[0])
        return out is not None and all(shapes_broadcastable(out, known(v)) for v in n.inputs)

    def controlled(n):
        """Has a control input (Grappler's IsDrivenByControlDependency), the pivot's of a
        loop body included (`driven`: pivot_driven)."""
        return n.op is not None and (bool(n.op._control_inputs) or id(n.op) in waiting
                                     or id(n.op) in driven)

    def root(i):
        """A Mul root; an add only where AddOpsRewrite, which runs first, left it: one
        Grappler preserves (fetched) or that an op waits for. Not one with a control
        input: the stage asks every input's shape (HasAllInputsBroadcastableToShape), and
        a control input has none."""
        n = nodes[i]
        return n.name not in tags and supported(i) and not controlled(n) and (
            n.type == "Mul" or n.outputs[0] in preserved or id(n.op) in control)

    def absorbable(i, kind):
        n = nodes[i]
        return (n.type == kind and n.name not in tags and supported(i)
                and n.outputs[0] not in fetched and uses.get(n.outputs[0], 0) == 1
                and n.op is not None and not controlled(n) and id(n.op) not in control)

    names = _node_names(nodes)
    groups = []
    for i in _root_order(nodes, order):
        if not root(i):
            continue
        kind = nodes[i].type
        leaves, members = [], []
        for v in _canonical_inputs(nodes[i], names):
            queue = [v]
            while queue:
                t = queue.pop(0)
                j = producer.get(t)
                if j is not None and absorbable(j, kind):
                    members.append(j)
                    queue[0:0] = _canonical_inputs(nodes[j], names)
                else:
                    leaves.append(t)
        if not members:
            continue
        tags.add(nodes[i].name)
        tags.update(nodes[j].name for j in members)
        if len({known(v) for v in leaves}) > 1:
            groups.append((i, members, leaves))
    if not groups:
        return program
    prefix = mutating_prefix(nodes)
    out = program.copy()
    rebuilt = {}                        # root index -> the group's new nodes, root last
    dropped = set()
    for root, members, leaves in groups:
        if prefix[root] != prefix[min(members)]:
            continue                    # a write between them: reading later could differ
        dtype = program.dtypes.get(nodes[root].outputs[0])
        ops = _stable_sort([(v, known(v)) for v in leaves])
        leftover = ops.pop() if len(ops) % 2 else None
        spare = list(members)
        new_nodes = []

        def rebuild(j, lhs, rhs, final):
            v = nodes[j].outputs[0] if final else out.new_value(
                dtype, _broadcast_shape(out.shapes.get(lhs[0]), out.shapes.get(rhs[0])))
            node = nodes[j].with_inputs([lhs[0], rhs[0]])
            node.outputs = [v]
            new_nodes.append(node)
            return (v, ())              # Grappler gives a rebuilt node an empty shape

        while True:
            lhs, rhs = ops.pop(0), ops.pop(0)
            j = spare.pop() if spare else root
            done = not ops and leftover is None
            made = rebuild(j, lhs, rhs, j == root)
            if done:
                break
            if len(ops) >= 2 and symbolic_size_less(ops[0][1], ops[1][1]):
                ops.insert(0, made)
            else:
                ops.append(made)
            if len(ops) == 1 and leftover is not None:
                rebuild(root, ops[0], leftover, True)
                break
        rebuilt[root] = new_nodes
        regrouped.add(nodes[root].name)
        if built is not None:
            built.update(n.name for n in new_nodes)
        dropped.update(members)
    if not rebuilt:
        return program
    new = []
    for i, n in enumerate(nodes):
        if i in rebuilt:
            new.extend(rebuilt[i])
        elif i not in dropped:
            new.append(n)
    out.nodes = new
    return out
