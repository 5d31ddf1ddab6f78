"""Grappler's canonical AddN: its inputs sorted by name, as TF 1.14 adds them.

TF 1.14's arithmetic optimizer canonicalizes every node before deduplicating computations
(`CanonicalizeNode`): the regular inputs of a commutative op are sorted as strings
("op" for output 0, "op:k" for output k). For two operands the order changes nothing, but
AddN adds its inputs left to right, so for three or more the sum is rounded in the sorted
order: the gradient of a sigmoid cross-entropy, AddN(Select_grad, mul_grad,
Select_1_grad, Neg_grad), is added from Neg_grad on (1 - 1 + 0 + d is d, but
d + 0 + 1 - 1 is not, in float32).

TF's AddN kernel then adds into the buffer of the first input it may take over (one no
other tensor holds: a temporary this AddN reads last, not a constant, a feed, a variable
or a fetched value; an Identity's or Reshape's output only when its source is dead too):
when that is input r > 0, inputs 0 and r swap places before the sum.

The names are those of the graph Grappler leaves: an input read through Identity ops (the
gradients' tuple/control_dependency, which the dependency optimizer removes) is named by
the op the Identity forwards, except a variable's read or a Switch's output (kept by TF).
Like the other value-changing rewrites (reciprocal_div.py), the session applies the sort
to every plan of a graph with at least 4 ops while the arithmetic optimizer is on; the
forwarding swap (the kernel's, not Grappler's) to every plan.
"""
from __future__ import annotations

from .cse import common_subexpression_elimination

_KEPT_SOURCES = frozenset({"VariableV2", "Variable", "VarHandleOp", "Switch", "RefSwitch",
                           "_Recv", "Recv"})


def grappler_input_name(t) -> str:
    """The input string Grappler sorts `t` (a graph Tensor) by, after its Identity ops go."""
    while t.op.type == "Identity" and t.op.inputs:
        src = t.op.inputs[0]
        if src.dtype._is_ref_dtype or src.op.type in _KEPT_SOURCES:
            break
        t = src
    return t.op.name if t.value_index == 0 else f"{t.op.name}:{t.value_index}"


# TF kernels whose output shares its input's buffer (forwardable when the input dies here)
_ALIASING = frozenset({"Identity", "Reshape", "Squeeze", "ExpandDims", "StopGradient"})
_HELD = frozenset({"Const", "HostConst", "Placeholder", "PlaceholderWithDefault"})


def _forwardable(program, v, at, last, prod, fetched):
    """Whether TF may take over value v's buffer at node `at` (its last reader)."""
    while True:
        if v in fetched or last.get(v) != at:
            return False
        p = prod.get(v)
        if p is None or p.stateful or p.type in _HELD:
            return False
        if p.type not in _ALIASING or not p.inputs:
            return True
        v, at = p.inputs[0], id(p)


def _readers(program):
    """(value -> id of its last reader, value -> producer node, fetched values)."""
    last, prod = {}, {}
    for m in program.nodes:
        for v in m.inputs:
            last[v] = id(m)
        for v in m.outputs:
            prod[v] = m
    return last, prod, set(program.fetches)


def sorted_addn(program, sort=True, cse=True):
    """`program` with each AddN of three or more inputs reading them in the order TF adds
    them: Grappler's sorted order (when `sort`), then the forwarded input swapped to the
    front. Which buffers are free is judged on the program after common-subexpression
    elimination (when `cse`: TF's graph optimizer merges equal ops before they run, and a
    merged value read by a later op is not free)."""
    todo = [i for i, n in enumerate(program.nodes)
            if n.type == "AddN" and len(n.inputs) >= 3 and not n.recompute and
            (not sort or (n.op is not None and len(n.op.inputs) == len(n.inputs)))]
    if not todo:
        return program
    view = common_subexpression_elimination(program) if cse else program
    merged = {n.name: n for n in view.nodes if n.type == "AddN" and not n.recompute}
    last, prod, fetched = _readers(view)
    nodes = None
    for i in todo:
        n = program.nodes[i]
        seen = merged.get(n.name)
        if seen is None or len(seen.inputs) != len(n.inputs):
            continue
        order = list(range(len(n.inputs)))
        if sort:
            keys = [grappler_input_name(t) for t in n.op.inputs]
            order.sort(key=keys.__getitem__)
        vals = [seen.inputs[j] for j in order]
        for r, v in enumerate(vals):
            if vals.count(v) == 1 and _forwardable(view, v, id(seen), last, prod, fetched):
                order[0], order[r] = order[r], order[0]
                break
        if order == sorted(order):
            continue
        if nodes is None:
            nodes = list(program.nodes)
        nodes[i] = n.with_inputs([n.inputs[j] for j in order])
    return program if nodes is None else program.copy(nodes=nodes)
