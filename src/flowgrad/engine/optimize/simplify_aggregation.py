"""Grappler's SimplifyAggregation on an AddN of one tensor repeated, as TF 1.14's
arithmetic optimizer runs it (values change).

TF 1.14 rewrites `AddN(x, x, ..., x)` (N >= 2 data inputs, all the same tensor) into
`Mul(Const(N), x)`, named `scope/ArithmeticOptimizer/SimplifyAggregation_Mul_name` (its
constant `..._Const_name`). For N >= 6 the product rounds otherwise than the AddN
kernel's running sum (`tf.add_n([y] * 6)` gives `6 * y`); below that the two agreed on every
value tried, but the node is a Mul all the same. A fetched AddN is in Grappler's preserve set
and keeps its sum (in a loop body or cond branch the outputs are no such fetches).

Only the case decided exactly here is rewritten: a float32/float64 AddN with no control
edges in or out (the control edges of tf.gradients' gate Identities
aside: Grappler's second round reads through them, so a gated gradient's AddN is
rewritten too), whose repeated input is not a constant, an add (AddOpsRewrite, earlier
in the pipeline, may absorb it) or a Div/Sub (not checked with the oracle), or a Mul read
by this AddN alone and not fetched whose shape Grappler knows (its MinimizeBroadcasts then
takes it into the new Mul's tree: not modelled); where that shape is unknown (below a
feed) the second round's constant folding pushes N down into the product, whose inputs
the arithmetic optimizer has sorted by name (`tf.add_n([tf.tanh(x) * x] * 6)` runs as
`Tanh * (6 * x)`, or `x * (6 * Tanh)` with x named `Placeholder`), and that is done here.
A Mul fetched or read elsewhere is rewritten, and so is
`ones * k` (folded to k first). An AddN read by a Mul/Div/Sub/add is left as it is where
Grappler knows its shape (the new Mul could join the reader's tree in MinimizeBroadcasts,
or AddOpsRewrite absorb the AddN first: not modelled); below a feed neither can, so it is
rewritten, and `grappler_division` then runs the second round's constant push-down
(`tf.add_n([y] * 6) * 0.37` runs as `y * (6 * 0.37)`).
The graph looked at is the one Grappler's arithmetic optimizer deduplicates before its
stages (cse.py, fetched nodes kept): `tf.add_n([tf.tanh(x) for _ in range(7)])` is one
tensor repeated, and readers are counted there.
"""
from __future__ import annotations

import numpy as np

from ..framework.registry import OPS
from ..framework.tensor_shape import TensorShape
from ..runtime.ir import Node
from .cse import common_subexpression_elimination
from ._util import constant_only
from ._util import gradient_ones as _ones
from .minimize_broadcasts import _canonical_inputs, _gate_of
from .symbolic_shapes import symbolic_shapes

_STAGE = "ArithmeticOptimizer/SimplifyAggregation_"
_ADDS = frozenset({"Add", "AddV2", "AddN", "AccumulateNV2"})
_MULS = frozenset({"Mul", "Div", "RealDiv", "DivNoNan", "Sub"})
_SKIP_PRODUCERS = _ADDS | (_MULS - {"Mul"}) | {"Const"}   # (oracle: a Mul is rewritten)
_SKIP_READERS = _ADDS | _MULS
_DTYPES = frozenset({np.dtype(np.float32), np.dtype(np.float64)})


def _npdtype(dtype):
    try:
        return np.dtype(getattr(dtype, "as_numpy_dtype", None))
    except TypeError:
        return None


def _regroupable(p, producer, readers, fetched):
    """Whether Grappler's MinimizeBroadcasts would take the repeated input `p` (a Mul, once
    a multiplication by tf.gradients' ones is folded away) into the new Mul's tree: it is
    then read by the new Mul alone and not fetched (TF: `tf.add_n([t * x] * 6)` runs as
    `(6 * t) * x`, not modelled)."""
    q = p
    if p.type == "Mul" and len(p.inputs) == 2:
        ones = [_ones(producer.get(v), producer) for v in p.inputs]
        if any(ones) and not all(ones):
            q = producer.get(p.inputs[1] if ones[0] else p.inputs[0])
            if q is None:
                return False
    if q.type != "Mul" or len(q.outputs) != 1 or q.outputs[0] in fetched:
        return False
    sole = len(readers.get(q.outputs[0], ())) == 1
    return sole and (q is p or len(readers.get(p.outputs[0], ())) == 1)


def _names(name):
    scope, _, base = name.rpartition("/")
    prefix = f"{scope}/{_STAGE}" if scope else _STAGE
    return prefix + "Const_" + base, prefix + "Mul_" + base


def simplify_aggregation(program, loop_body=False, gated=None):
    """`program` with each AddN of one tensor repeated (see the module docstring) turned
    into Mul(Const(N), x). In a loop body or cond branch (`loop_body`) the outputs are no
    fetches Grappler preserves. The AddNs and readers are those of the graph as Grappler's
    arithmetic optimizer deduplicates it first (the fetched nodes kept): six `tf.tanh(x)`
    written apart are one tensor repeated; `program` itself comes back when nothing is
    rewritten. `gated` (a set), when given, gets the outputs of the new Muls of a gated
    gradient's AddN read by several Muls (a gate's Identity between the Mul and its input
    in the first round: only the second round's constant folding pushes N down)."""
    if not any(n.type == "AddN" and len(n.inputs) >= 2 for n in program.nodes):
        return program
    deduped = common_subexpression_elimination(program, keep=frozenset(program.fetches),
                                               controls=True)
    out = _simplify(deduped, loop_body, set() if gated is None else gated)
    return program if out is deduped else out


def _simplify(program, loop_body, gated_out):
    nodes = program.nodes
    fetched = set() if loop_body else set(program.fetches)
    # Grappler's second round: the dependency optimizer has removed tf.gradients' gate
    # Identities (those not fetched), so the AddN reads their inputs
    through = {n.outputs[0]: n.inputs[0] for n in nodes
               if _gate_of(n) is not None and n.outputs[0] not in fetched}

    def src(v):
        return through.get(v, v)

    cands = [i for i, n in enumerate(nodes)
             if n.type == "AddN" and len(n.inputs) >= 2 and len(n.outputs) == 1
             and len({src(v) for v in n.inputs}) == 1]
    if not cands:
        return program
    producer = {}
    readers = {}
    control = set()
    for n in nodes:
        for v in n.outputs:
            producer[v] = n
        for v in set(n.inputs):
            readers.setdefault(v, []).append(n)
        if n.op is not None:
            control.update(id(c) for c in n.op._control_inputs)
    out = program.copy()
    swap = {}
    gone = set()
    lazy = {}
    for i in cands:
        n = nodes[i]
        x, y = src(n.inputs[0]), n.outputs[0]
        dtype = program.dtypes.get(y)
        p = producer.get(x)
        if y in fetched or n.recompute or n.op is None or n.op._control_inputs \
                or id(n.op) in control or _npdtype(dtype) not in _DTYPES \
                or p is None or p.type in _SKIP_PRODUCERS:
            continue
        if not lazy:
            lazy["sym"] = symbolic_shapes(program)
            lazy["folded"] = constant_only(nodes)
        # a Mul / add reader: its MinimizeBroadcasts / AddOpsRewrite could take the AddN
        # first where Grappler knows the shapes (not modelled); below a feed they cannot
        # a gated gradient's AddN (reading a gate's Identity) read by two Muls or more:
        # no tree takes the new Mul in, nor, in the first round, its input (behind the
        # Identity); the second round pushes N down first (grappler_division)
        gated = n.inputs[0] in through and len(readers.get(y, ())) > 1 and \
            all(r.type == "Mul" for r in readers[y])
        if lazy["sym"].get(y) is not None and not gated and \
                any(r.type in _SKIP_READERS for r in readers.get(y, ())):
            continue
        pushed = None
        if not gated and _regroupable(p, producer, readers, fetched):
            pushed = _pushed_down(program, n, p, readers, control, lazy)
            if pushed is None:
                continue
        cname, mname = _names(n.name)
        c = np.asarray(len(n.inputs), dtype=_npdtype(dtype))
        cv = out.new_value(dtype, TensorShape([]))
        out.persistent.add(cv)
        const = Node("Const", OPS["Const"], {"value": c, "dtype": dtype}, [], [cv], cname, None)
        if pushed is None:
            swap[i] = [const, Node("Mul", OPS["Mul"], {}, [cv, n.inputs[0] if gated else x],
                                   [y], mname, None)]
            if gated:
                gated_out.add(y)
            continue
        k, leaves = pushed
        child_in = list(leaves)
        child_in[k] = cv
        other = program.shapes.get(leaves[1 - k])
        child_v = out.new_value(dtype, other if other is not None else TensorShape(None))
        swap[i] = [const, Node("Mul", OPS["Mul"], {}, child_in, [child_v], p.name, None),
                   Node("Mul", OPS["Mul"], {}, [leaves[k], child_v], [y], mname, None)]
        gone.add(id(p))
    if not swap:
        return program
    new = []
    for i, n in enumerate(nodes):
        if id(n) not in gone:
            new.extend(swap.get(i, (n,)))
    out.nodes = new
    return out


def _pushed_down(program, n, p, readers, control, lazy):
    """Grappler's second round for an AddN of a Mul `p` that only it reads, where its
    MinimizeBroadcasts cannot take the new Mul(N, p) (p's shape unknown: it depends on a
    feed): constant folding then pushes N down into p, whose inputs the arithmetic
    optimizer has sorted by name (`tanh(x) * x` repeated 6 times runs as
    `Tanh * (6 * x)`, with the placeholder named `Placeholder` as `x * (6 * Tanh)`).
    Returns (the index of p's first non-constant input in that order, the inputs so
    ordered), or None to leave the AddN as it is."""
    x = p.outputs[0]
    if p.type != "Mul" or len(p.inputs) != 2 or p.recompute or p.op is None or \
            len(p.op.inputs) != 2 or p.op._control_inputs or id(p.op) in control or \
            x in program.fetches or x in program.unseen_reads or \
            readers.get(x) != [n] or lazy["sym"].get(x) is not None:
        return None
    leaves = _canonical_inputs(p)
    if leaves != list(p.inputs) and leaves != list(reversed(p.inputs)):
        return None
    const = [v in lazy["folded"] for v in leaves]
    if all(const):
        return None
    return (1 if const[0] else 0), leaves
