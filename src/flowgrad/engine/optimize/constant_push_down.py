"""Grappler's ConstantPushDown, as TF 1.14's constant folding runs it (values change).

For an Add/AddV2 or Mul `parent` with one constant input C whose other input is a node of
the same type (`child`, read by nothing else and not fetched) whose inputs are not both
constant, TF swaps C with the child's first non-constant input X:

    parent(C, child(X, Y))  ->  parent(X, child(C, Y))

and folds child when Y is constant: `x * 0.3 * 0.7` runs as `(0.7 * 0.3) * x`,
`x + 0.1 + 0.7` as `(0.7 + 0.1) + x`, `0.3 * (x * x)` as `x * (0.3 * x)`, which differ
from the written order in the last bit for about a third of the inputs. Each pass visits
the nodes in order (one swap per node), then folds what became constant, until nothing
changes, as Grappler's FoldGraph / SimplifyGraph loop. Devices are not compared (one
device here) and control edges are not moved.

An Identity or StopGradient between parent and child is looked through (and dropped when a
swap bypasses it): Grappler's model pruner removes one before constant folding runs, and
its dependency optimizer one with a control input before the second round's constant
folding (`tf.identity(x * 0.35) * 0.7` runs as `x * (0.7 * 0.35)`; golden
math/push_down_pruned). Not one that is fetched, drives a control edge or reads a
variable's ref output. Readers are counted as the graph is then. The first round runs
before the arithmetic optimizer deduplicates anything, so `(x * 0.11) * 0.7 + x * 0.11`
is pushed down although the two `x * 0.11` become one node later (golden
math/pcnn_push_down read_twice).
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import OPS
from ..framework.tensor_shape import TensorShape
from ..runtime.ir import Node
from ._util import control_sources
from .addn_order import read_name
from .constant_folding import constant_folding
from .symbolic_shapes import symbolic_shapes

_ASSOC = frozenset({"Add", "AddV2", "Mul"})
_PRUNED = frozenset({"Identity", "StopGradient"})   # (Grappler's model pruner)
_MAX_PASSES = 50
_MATERIALIZED = frozenset({"Shape", "Size", "Rank"})   # (MaterializeShapes)
_LIKE = frozenset({"ZerosLike", "OnesLike"})           # (folded where the shape is known)


def _broadcast_shape(a, b):
    """The static broadcast shape of two TensorShapes (unknown rank if not computable)."""
    if a is None or b is None or a.ndims is None or b.ndims is None:
        return TensorShape(None)
    da, db = a.as_tuple(), b.as_tuple()
    n = max(len(da), len(db))
    da, db = (1,) * (n - len(da)) + da, (1,) * (n - len(db)) + db
    out = []
    for x, y in zip(da, db):
        if x == 1:
            out.append(y)
        elif y == 1 or x == y:
            out.append(x)
        elif x is None or y is None:
            out.append(None)
        else:
            return TensorShape(None)
    return TensorShape(out)


def _same_static(program, a, b):
    """Whether values a and b have the same static shape (of known rank; None dims
    compared as they are)."""
    sa, sb = program.shapes.get(a), program.shapes.get(b)
    return sa is not None and sb is not None and sa.ndims is not None and \
        sa.as_list() == sb.as_list()


def tainted_by_default(program, seed=()):
    """Values that depend on a PlaceholderWithDefault (or on `seed`): Grappler never folds
    one, so what depends on one is not constant."""
    tainted = set(seed)
    for n in program.nodes:
        if n.type == "PlaceholderWithDefault" or any(v in tainted for v in n.inputs):
            tainted.update(n.outputs)
    return tainted


def _source(n, through):
    """The input an Identity-like node `n` passes on: its only input, or for one in
    `through` (value -> the position of its constant) the other."""
    k = through.get(n.outputs[0]) if through and n.outputs else None
    return n.inputs[0] if k is None else n.inputs[1 - k]


def _pruned(program, producer, through=None):
    """{value of an Identity / StopGradient that Grappler's model pruner (or, with a
    control input, its dependency optimizer) removes before constant folding runs: its
    source}. Such a node is not fetched, drives no control edge and reads no variable's
    (ref) output. `through` (value -> the position of its constant): the `y - 0`, `y *
    1`, `y / 1` that are such Identities (their source y)."""
    nodes = program.nodes
    fetched = set(program.fetches)
    control = control_sources(nodes)
    alias = {}
    for n in nodes:
        arith = through and n.outputs and n.outputs[0] in through and len(n.inputs) == 2
        if not arith and (n.type not in _PRUNED or len(n.inputs) != 1) or \
                len(n.outputs) != 1 or \
                n.outputs[0] in fetched or n.recompute or n.op is None or \
                id(n.op) in control:
            continue
        y = _source(n, through)
        j = producer.get(y)
        if j is None or nodes[j].stateful:
            continue
        alias[n.outputs[0]] = alias.get(y, y)
    return alias


def _one_pass(program, seed, gated_reads, opaque=(), shape_known=(), through=None,
              squares=False, sorted_gates=False):
    """One SimplifyGraph pass of ConstantPushDown; None when nothing changed."""
    tainted = tainted_by_default(program, seed)
    consts = {n.outputs[0] for n in program.nodes
              if n.type == "Const" and not n.inputs and n.outputs[0] not in tainted}
    producer = {}
    for i, n in enumerate(program.nodes):
        for v in n.outputs:
            producer[v] = i
    alias = _pruned(program, producer, through) \
        if through or any(n.type in _PRUNED for n in program.nodes) else {}
    uses = {}
    # (the gradients only a gate reads still read their inputs; a loop's stack pushes in
    # every round)
    for v, k in (program.unseen_reads if gated_reads else program.lasting_reads).items():
        v = alias.get(v, v)
        uses[v] = uses.get(v, 0) + k
    for n in program.nodes:
        if alias and n.outputs and n.outputs[0] in alias:
            continue                  # pruned: its readers read its source
        for v in n.inputs:
            v = alias.get(v, v)
            uses[v] = uses.get(v, 0) + 1
    fetched = set(program.fetches) - set(shape_known)
    nodes = list(program.nodes)
    out = None
    moved = {}
    for i, n in enumerate(nodes):
        if n.type not in _ASSOC or len(n.inputs) != 2 or n.recompute or \
                opaque and n.outputs[0] in opaque or alias and n.outputs[0] in alias:
            continue
        if n.type == "Add" and program.dtypes.get(n.outputs[0]) is _dt.string:
            continue
        read = n.inputs
        if alias and not alias.keys().isdisjoint(n.inputs):
            n = n.with_inputs([alias.get(v, v) for v in n.inputs])
        kids = [producer.get(v) for v in n.inputs]
        if None in kids or all(nodes[k].type != n.type for k in kids):
            continue
        const_in = [v in consts for v in n.inputs]
        if not any(const_in):
            continue
        pc = 0 if const_in[0] else 1             # the parent's constant input
        j = kids[1 - pc]
        child = nodes[j]
        cv = child.outputs[0] if child.outputs else None
        if len(child.inputs) < 2 or child.recompute or cv in fetched or uses.get(cv, 0) > 1 \
                or cv in opaque:
            continue
        if squares and child.type == "Mul" and child.inputs[0] == child.inputs[1]:
            continue                             # a Square by now: no child of the Mul
        leaf_const = [alias.get(v, v) in consts for v in child.inputs[:2]]
        if all(leaf_const):
            continue                             # the child folds as it is
        k = 1 if leaf_const[0] else 0            # the child's first non-constant input
        if sorted_gates and not any(leaf_const) and \
                _gated(nodes, producer, read[1 - pc], alias):
            k = _first_by_name(child, k)
        materialized = None
        if cv in shape_known and not _same_static(program, cv, child.inputs[1 - k]):
            # the gradient reads cv's shape: from the new value it must agree, unless
            # Grappler knows it (a dict's value): then its Shape is a Const by now
            # (MaterializeShapes), here a Const of that shape fetched in cv's place
            materialized = shape_known.get(cv) if isinstance(shape_known, dict) else None
            if materialized is None:
                continue
        if out is None:
            out = program.copy()
        # the child computes a new value (its shape may change): a new value id
        new_inputs = [alias.get(v, v) for v in child.inputs] if alias else list(child.inputs)
        new_inputs[k] = n.inputs[pc]
        shape = _broadcast_shape(program.shapes.get(new_inputs[0]),
                                 program.shapes.get(new_inputs[1]))
        nv = out.new_value(program.dtypes.get(cv), shape)
        nodes[j] = child.with_inputs(new_inputs)
        nodes[j].outputs = [nv]
        parent_inputs = list(n.inputs)
        parent_inputs[pc] = alias.get(child.inputs[k], child.inputs[k])
        parent_inputs[1 - pc] = nv
        nodes[i] = n.with_inputs(parent_inputs)
        producer[nv] = j
        uses[nv] = 1
        if materialized is not None:
            dtype = program.dtypes.get(cv)
            mv = out.new_value(dtype, TensorShape(list(materialized)))
            value = np.zeros(materialized, dtype=dtype.as_numpy_dtype)
            nodes.append(Node("Const", OPS["Const"], {"value": value, "dtype": dtype}, [],
                              [mv], child.name + "/materialized_shape", None, False))
            out.persistent.add(mv)
            moved[cv] = mv
        elif cv in shape_known:
            moved[cv] = nv
    if out is None:
        return None
    if alias:   # a pruned node whose source a swap replaced reads nothing now: gone
        made = {v for n in nodes for v in n.outputs}
        nodes = [n for n in nodes if not (n.outputs and n.outputs[0] in alias and
                                          alias[n.outputs[0]] not in made)]
    out.nodes = _topological(nodes)
    if moved:
        out.fetches = [moved.get(v, v) for v in out.fetches]
    return out


def _gated(nodes, producer, v, alias):
    """Is `v` (a parent's input) a pruned Identity with a control input (tf.gradients'
    gate, `tuple/control_dependency`)? The model pruner keeps one; the dependency
    optimizer removes it after the arithmetic optimizer's first round, so the push
    through it is the second round's."""
    if v not in alias:
        return False
    op = nodes[producer[v]].op
    return op is not None and bool(op._control_inputs)


def _first_by_name(child, k):
    """The input of `child` (two non-constant inputs) first in the order the arithmetic
    optimizer's CanonicalizeGraph sorts a commutative node's inputs: by their names as
    the NodeDef writes them (`k` where the op's inputs are not the plan's)."""
    op = child.op
    if op is None or len(op.inputs) != 2 or len(child.inputs) != 2:
        return k
    names = [read_name(op, t) for t in op.inputs]
    return 1 if names[1] < names[0] else 0


def _topological(nodes):
    """`nodes` reordered so that each comes after the producers of its inputs (a swap
    can make a node read a constant defined after it), otherwise in their order."""
    producer = {v: i for i, n in enumerate(nodes) for v in n.outputs}
    done = [False] * len(nodes)
    order = []
    for start in range(len(nodes)):
        stack = [(start, False)]
        while stack:
            i, expanded = stack.pop()
            if done[i]:
                continue
            if expanded:
                done[i] = True
                order.append(nodes[i])
                continue
            stack.append((i, True))
            for v in reversed(nodes[i].inputs):
                j = producer.get(v)
                if j is not None and not done[j]:
                    stack.append((j, False))
    return order


def moved_known(known, before, after):
    """`known` (a set of fetched values, or a dict value -> shape) with the fetches
    `before` renamed to `after`."""
    moved = dict(zip(before, after))
    if isinstance(known, dict):
        return {moved.get(v, v): s for v, s in known.items()}
    return frozenset(moved.get(v, v) for v in known)


def constant_push_down(program, seed=None, gated_reads=True, opaque=(), shape_known=(),
                       through=None, squares=False, sorted_gates=False):
    """`program` with Grappler's constant push-down applied until it changes nothing.
    `seed`: the values that depend on a PlaceholderWithDefault, found before anything
    was folded (flowgrad's exact folding turns a PlaceholderWithDefault of a constant into
    a Const, which Grappler's does not). `gated_reads`: Grappler's first round, where the
    pure gradients only a tf.gradients gate reads (Program.unseen_reads) still read their
    inputs (a forward Mul they read is not pushed into); its dependency optimizer then
    removes the gates, so the second round's model pruner drops those gradients (a loop
    body's stack pushes stay: Program.lasting_reads, counted in either round).
    `opaque`: the outputs of Muls that are Identities in this round (Grappler's first:
    a Mul by tf.gradients' ones, mul_by_ones.identity_muls), neither pushed into nor
    from. `through` (value -> the position of its constant): the `y - 0` (and `y * 1`,
    `y / 1` of an Add y) that are Identities in this round, which the dependency
    optimizer removes before the next: read through as the pruned Identities are
    (flowgrad pushes the next round's constants in this one, as through `y + 0`:
    `0.3 + ((x + 0.7) - 0)` runs as `x + 1.0`; mul_by_ones.first_round_identities).
    `squares`: Grappler's second round, after the first round's arithmetic optimizer
    made each Mul of one value by itself a Square (ReplaceMulWithSquare): such a Mul is
    no child to push into (`0.5 * d * d * 0.7`, regrouped by MinimizeBroadcasts into
    `(d * d) * 0.35`, runs as `Square(d) * 0.35`, not `d * (0.35 * d)`)."""
    types = {}
    for n in program.nodes:
        for v in n.outputs:   # (through what the model pruner may remove)
            types[v] = types.get(_source(n, through)) \
                if (n.type in _PRUNED or through and v in through) and n.inputs else n.type
    if not any(n.type in _ASSOC and len(n.inputs) == 2 and
               any(types.get(v) == n.type for v in n.inputs) for n in program.nodes):
        return program   # no Add/Mul reads one of its own type: nothing to push
    if seed is None:
        seed = tainted_by_default(program)
    for _ in range(_MAX_PASSES):
        program = constant_folding(program)
        nxt = _one_pass(program, seed, gated_reads, opaque, shape_known, through, squares,
                        sorted_gates)
        if nxt is not None and shape_known:
            shape_known = moved_known(shape_known, program.fetches, nxt.fetches)
        if nxt is None:
            return program
        program = nxt
    return constant_folding(program)



def push_down_cycle(program, unknown=None, shape_fetches=()):
    """Does TF 1.14's constant folding make a cycle in `program` (a while loop's body), so
    that Grappler fails ("The graph couldn't be sorted in topological order": the session
    then runs the whole graph as written, GraphExecutionState's "Grappler optimization
    failed")?

    MaterializeShapes turns a Shape (Size, Rank) of a value y whose shape Grappler knows
    in full into a Const with a control edge from y; FoldGraph folds what reads only
    constants into a Const that keeps those control edges (`tf.fill(tf.shape(y), c)`;
    a ZerosLike / OnesLike of y is folded so too). ConstantPushDown then swaps such a
    constant C of `parent(y, C)` (an Add or Mul) whose y is a node of the parent's type,
    read by nothing else, with one of y's inputs: y reads C, which waits for y. TF 1.14
    does not check that control edge (later versions move it). So `h + tf.fill(tf.shape(h),
    0.25)` in a dynamic_rnn cell whose `h = (z + 0.71) + 1.37` has a shape Grappler knows
    (a constant sequence_length's Select merges its batch dim) runs unoptimized; with a
    Mul the gradient reads y too (no swap) unless there is no gradient. Shapes: the ranked
    symbolic model (symbolic_shapes.known_shape_fetches); `unknown`: the feeds Grappler
    does not know; `shape_fetches`: fetches read only for their shapes."""
    if not any(n.type in _MATERIALIZED or n.type in _LIKE for n in program.nodes):
        return False
    sym = symbolic_shapes(program, unknown, ranked=True)

    def full(v):
        s = sym.get(v)
        return s is not None and all(d >= 0 for d in s)

    tainted = tainted_by_default(program)
    consts = {n.outputs[0]: n.attrs.get("value") for n in program.nodes
              if n.type == "Const" and not n.inputs and n.outputs}
    waits = {}       # a value that folds to a Const -> the values its Const waits for
    uses = dict(program.unseen_reads)
    producer = {}
    for n in program.nodes:
        for v in n.outputs:
            producer[v] = n
        materialized = (n.type in _MATERIALIZED or n.type in _LIKE) and \
            len(n.inputs) == 1 and full(n.inputs[0])
        if materialized:
            waits[n.outputs[0]] = frozenset(n.inputs)
            continue
        for v in set(n.inputs):
            uses[v] = uses.get(v, 0) + 1
        if n.stateful or n.recompute or not n.outputs or \
                not tainted.isdisjoint(n.outputs):
            continue
        if n.type == "Const" and not n.inputs:
            waits[n.outputs[0]] = frozenset()
        elif n.inputs and len(n.outputs) == 1 and all(v in waits for v in n.inputs):
            waits[n.outputs[0]] = frozenset().union(*(waits[v] for v in n.inputs))
    for v in program.fetches:
        if not (v in shape_fetches and full(v)):
            uses[v] = uses.get(v, 0) + 1
    for n in program.nodes:
        if n.type not in _ASSOC or len(n.inputs) != 2 or len(n.outputs) != 1:
            continue
        for pc in (0, 1):
            c, y = n.inputs[pc], n.inputs[1 - pc]
            child = producer.get(y)
            if c not in waits or y not in waits[c] or y in waits or child is None or \
                    child.type != n.type or len(child.inputs) < 2 or uses.get(y, 0) > 1:
                continue
            if _neutral(producer.get(c), n.type, consts):
                continue     # (`y + 0`, `y * 1`: an Identity of y first; `y * 0` zeros)
            if not all(v in waits for v in child.inputs[:2]):
                return True
    return False


def _neutral(n, op, consts):
    """Is `n` a Fill (ZerosLike, OnesLike) that SimplifyNode rewrites `op` of first: 0
    for an Add, 0 or 1 for a Mul (`y * tf.fill(tf.shape(y), 0.0)`: no cycle)?"""
    if n is None:
        return False
    if n.type in _LIKE:
        value = 0 if n.type == "ZerosLike" else 1
    elif n.type == "Fill" and len(n.inputs) == 2 and n.inputs[1] in consts:
        value = consts[n.inputs[1]]
    else:
        return False
    return bool(value == 0 or op == "Mul" and value == 1)
