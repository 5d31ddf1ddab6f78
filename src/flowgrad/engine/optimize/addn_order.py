"""Grappler's canonical order of an AddN's inputs, as TF 1.14 runs it.

TF 1.14's arithmetic optimizer (on by default in a Session) canonicalizes every node of
a commutative op before deduplicating computations: it sorts the node's data inputs by
their names as the NodeDef writes them ("scope/op", or "scope/op:k" for output k). The
AddN kernel then sums the sorted inputs left to right, so a gradient summed from several
contributions rounds in the order of their names, not in the order tf.gradients listed
them: sigmoid_cross_entropy_with_logits' gradient adds `.../Neg_grad/Neg` first and
`.../mul_grad/Reshape` last, which moves its last bit for some logits (and so every
later step of a classifier trained on it).

Only AddN of three or more inputs changes values (two summands commute exactly). Like
reciprocal_div.py and convert_pow.py (values change, so every plan gets it), applied by
`grappler_division` while the arithmetic optimizer is on and the graph has at least
MIN_GRAPH_NODES ops (RewriterConfig(arithmetic_optimization=OFF) and
disable_meta_optimizer keep tf.gradients' order, as in TF). Not applied: in while-loop
bodies (the fused RNN runners standing in for them sum in tf.gradients' order, and both
must give the same bits), and to a plan with checkpointed gradients' recomputations
(flowgrad's `checkpoints=`, which TF has not: a running sum in the order contributions
appear keeps its memory bound).

Before/after (inputs named b/x, a/y, c/z):

    v4 = AddN(v1, v2, v3)   ->   v4 = AddN(v2, v1, v3)
"""
from __future__ import annotations

_SORTED = frozenset({"AddN"})


def _input_name(t) -> str:
    """The NodeDef spelling of a graph tensor as an input: "op", or "op:k" for k > 0."""
    return t.op.name if t.value_index == 0 else f"{t.op.name}:{t.value_index}"


def canonical_addn(program):
    """`program` with each AddN of 3+ inputs reading them sorted by their graph names."""
    if any(n.recompute for n in program.nodes):
        return program
    nodes, changed = [], False
    for n in program.nodes:
        op = n.op
        if n.type in _SORTED and len(n.inputs) > 2 and op is not None and \
                len(op.inputs) == len(n.inputs):
            names = [_input_name(t) for t in op.inputs]
            order = sorted(range(len(names)), key=names.__getitem__)
            if order != list(range(len(names))):
                n = n.with_inputs([n.inputs[i] for i in order])
                changed = True
        nodes.append(n)
    return program.copy(nodes=nodes) if changed else program
