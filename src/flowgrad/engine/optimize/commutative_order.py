"""Grappler's canonical input order of the commutative ops, as TF 1.14 runs it.

TF 1.14's arithmetic optimizer (on by default in a Session, for a graph of at least
MIN_GRAPH_NODES ops) first canonicalizes every node of a commutative op: it sorts the
node's data inputs by their names as the NodeDef writes them ("scope/op", "scope/op:k").
The swap shows in a kernel's error: `ApproximateEqual(zeros, PlaceholderWithDefault)` fed
shapes [3] and [2] fails with "x shape: [2]. y shape: [3]", and a SquaredDifference,
Equal, NotEqual, Logical/Bitwise And, Or (Xor) whose inputs are out of order fails with
"Incompatible shapes: [y] vs. [x]" (checked with the oracle; a Mul too: sequence_loss's
`crossent * Reshape_2(weights)` names the weights first in TF, not here: below).
Their values do not depend on the order.
(The commutative ops whose order changes values, AddN, are addn_order.py's. Maximum and
Minimum TF leaves as they are. Add, AddV2 and Mul are not sorted here: the constant
push-downs, add_ops_rewrite.py, hoist_common_factor.py and minimize_broadcasts.py read
their order as modelled before the sort (sorting Mul here changed four bit-exact goldens:
math/hessian_loop_push, simplify_aggregation's repeated_sole_mul, pprobe15's
newton_hessians), so a lone Add's or Mul's shape error still names x first where TF names
the sorted first input.)

Before/after (x read from `zeros`, y from `PlaceholderWithDefault`):

    v3 = ApproximateEqual(v1, v2)   ->   v3 = ApproximateEqual(v2, v1)
"""
from __future__ import annotations

from .addn_order import _input_name

_SORTED = frozenset({"ApproximateEqual", "SquaredDifference", "Equal", "NotEqual",
                     "LogicalAnd", "LogicalOr", "BitwiseAnd", "BitwiseOr", "BitwiseXor"})


def canonical_commutative(program):
    """`program` with each node of _SORTED reading its two inputs sorted by their graph
    names (the op's own inputs: the names Grappler sees before it removes anything)."""
    nodes, changed = [], False
    for n in program.nodes:
        op = n.op
        if n.type in _SORTED and len(n.inputs) == 2 and op is not None and \
                len(op.inputs) == 2 and _input_name(op.inputs[1]) < _input_name(op.inputs[0]):
            n = n.with_inputs([n.inputs[1], n.inputs[0]])
            changed = True
        nodes.append(n)
    return program.copy(nodes=nodes) if changed else program
