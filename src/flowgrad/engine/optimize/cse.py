"""Common-subexpression elimination: one node per (type, inputs, attrs).

Stateful nodes and recomputation copies (gradient checkpointing) are never
merged. `b * a` is merged with `a * b` (and so for Add, AddV2, Maximum, Minimum of
numbers): Grappler's arithmetic optimizer sorts a commutative op's inputs before it
dedups, so TF 1.14 computes one node there (`tf.add_n([a * b, b * a] * 3)` is one
tensor repeated for simplify_aggregation.py). A pure node that reads mutable state (a
variable's buffer or a view of it) is only merged with an identical node that no
state-mutating node (Assign, AssignAdd, ...) separates from it: with reference
variables, `x * 2` before and after an assign are different values (a random op between
them changes no variable: Bayes-by-backprop's `softplus(rho)` per weight sample is one
node in TF, its gradient's terms read three times).

Before/after:

    v2 = Mul(v0, v1)           v2 = Mul(v0, v1)
    v3 = Mul(v0, v1)     ->    v4 = Add(v2, v2)
    v4 = Add(v2, v3)
"""
from __future__ import annotations

from ..framework import dtypes as _dt
from ._util import apply_replacements, hashable, mutable_values, resolve

# stateful ops that write no variable (a random op advances its own generator only): a
# read of a variable on either side of one is the same value
_NO_WRITE = frozenset({"VariableV2", "Variable", "Placeholder", "IsVariableInitialized",
                       "RandomStandardNormal", "RandomUniform", "RandomUniformInt",
                       "TruncatedNormal", "ParameterizedTruncatedNormal", "RandomGamma",
                       "RandomPoisson", "RandomPoissonV2", "Multinomial", "RandomShuffle"})
# binary ops whose two inputs commute exactly: b * a is a * b
_COMMUTATIVE = frozenset({"Mul", "Add", "AddV2", "Maximum", "Minimum"})


def common_subexpression_elimination(program, options=None, keep=frozenset(),
                                     controls=False):
    """`keep`: values whose nodes are neither merged nor merged into (Grappler's dedup
    leaves the nodes it must preserve, the fetched ones, as they are). `controls`: nodes
    waiting for other ops are merged only where they wait for the same ones (Grappler's
    dedup compares control inputs too: tf.gradients' `Square_grad/Const`, built under
    `control_dependencies([grad])`, stays apart from another Square gradient's)."""
    nodes, repl = duplicates(program, keep, controls)
    if not repl:
        return program
    return apply_replacements(program, nodes, repl)


def duplicates(program, keep=frozenset(), controls=False):
    """(the nodes CSE keeps, {merged value: the value it is merged into})."""
    mut = mutable_values(program)
    seen = {}
    repl = {}
    nodes = []
    epoch = 0
    op_value = None
    for n in program.nodes:
        if n.stateful:
            if n.type not in _NO_WRITE:
                epoch += 1
            nodes.append(n)
            continue
        if n.recompute or not n.outputs or (keep and not keep.isdisjoint(n.outputs)):
            nodes.append(n)
            continue
        ins = tuple([resolve(repl, v) for v in n.inputs]) if repl else tuple(n.inputs)
        if n.type in _COMMUTATIVE and len(ins) == 2 and ins[1] < ins[0] and \
                program.dtypes.get(n.outputs[0]) is not _dt.string:
            ins = (ins[1], ins[0])      # (Grappler sorts a commutative op's inputs first)
        try:
            key = (n.type, ins, hashable(n.attrs) if n.attrs else (),
                   -1 if mut.isdisjoint(ins) else epoch)
            if controls and n.op is not None and n.op._control_inputs:
                # (Grappler compares them once deduped and folded: waiting for either of
                # two merged nodes is waiting for the same one, and a node folded into a
                # constant, gone from the plan as an op, orders nothing)
                if op_value is None:
                    op_value = {id(m.op): m.outputs[0] if m.outputs else id(m.op)
                                for m in program.nodes if m.op is not None}
                key += (frozenset(resolve(repl, op_value[id(c)]) for c in n.op._control_inputs
                                  if id(c) in op_value),)
            hash(key)
        except TypeError:
            nodes.append(n)
            continue
        prev = seen.get(key)
        if prev is not None and len(prev.outputs) == len(n.outputs):
            for a, b in zip(n.outputs, prev.outputs):
                repl[a] = b
            continue
        seen[key] = n
        nodes.append(n)
    return nodes, repl
