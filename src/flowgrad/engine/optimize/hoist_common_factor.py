"""Grappler's HoistCommonFactorOutOfAggregation, as TF 1.14's arithmetic optimizer runs it
(values change).

An aggregation (AddN, Add, AddV2) of two or more inputs that are all Mul nodes sharing
exactly one factor `c` is rewritten to multiply once:

    AddN(Mul(c, y1), Mul(y2, c), ..., Mul(c, yn))   ->   Mul(c, AddN(y1, y2, ..., yn))

The new inner aggregation is a copy of the old one (same op) reading the other factors in
the old inputs' order; the outer Mul writes the old output. For an AddN the other
factors must have equal known shapes (an AddN does not broadcast; Grappler takes a fed
value's shape, and what depends on it, as unknown, as add_ops_rewrite.py does); an Add
needs no check.
Grappler sees through what its first round removes (an Identity, a Sum over no axes, a
Reshape to the same shape: the gradients of a Mul read that way), so this does too.

This rounds otherwise: a loop gradient's `dy * x + g * x` (a value read twice, as in a
tf.cond branch that writes `y * x` to a TensorArray and returns `y * x`) runs as
`x * (dy + g)`, which is TF's value bit for bit.

Not here: TF 1.14's rewrite of common denominators (AddN of Div nodes), a Mul whose
factors alias mutable state (the hoisted product would read it later).

Before/after:

    v3 = Mul(v0, v1)
    v4 = Mul(v2, v1)       ->   v6 = AddN(v0, v2)
    v5 = AddN(v3, v4)           v5 = Mul(v1, v6)
"""
from __future__ import annotations

import numpy as np

from ..framework.registry import OPS
from ..runtime.ir import Node
from ._util import mutable_values, static_shape
from .add_ops_rewrite import unknown_values

_AGGREGATES = frozenset({"AddN", "Add", "AddV2"})
_STAGE = "ArithmeticOptimizer/HoistCommonFactor_"
# a TensorArray gradient's read is TF's TensorArrayReadV3 too: its shape is the element
# shape attr (the forward array's), fed or not
_ATTR_SHAPED = frozenset({"TensorArrayReadV3", "TensorArrayGradRead"})


def hoist_common_factor(program, unknown=None):
    """`program` with the aggregations of products by one common factor hoisted.
    `unknown`: the feeds whose shapes Grappler does not know (default: all; see
    add_ops_rewrite.py)."""
    nodes = program.nodes
    if not any(n.type in _AGGREGATES for n in nodes) or \
            not any(n.type == "Mul" for n in nodes):
        return program
    consts = {n.outputs[0]: n.attrs.get("value") for n in nodes
              if n.type == "Const" and not n.inputs and n.outputs}
    producer = {}
    for n in nodes:
        for v in n.outputs:
            producer[v] = n
    mut = tainted = None
    out = program.copy()

    def through(v):
        """The value `v` is once Grappler's no-op removal ran."""
        while True:
            p = producer.get(v)
            if p is None or not p.inputs or len(p.outputs) != 1 or p.recompute or \
                    (p.op is not None and p.op._control_inputs):
                return v
            if p.type == "Identity" or (
                    p.type == "Sum" and len(p.inputs) == 2 and p.inputs[1] in consts and
                    np.size(consts[p.inputs[1]]) == 0) or (
                    p.type == "Reshape" and static_shape(program, p.inputs[0]) is not None
                    and static_shape(program, p.inputs[0]) == static_shape(program, v)):
                v = p.inputs[0]
                continue
            return v

    new = []
    changed = False
    for n in nodes:
        if n.type not in _AGGREGATES or len(n.inputs) < 2 or len(n.outputs) != 1 or \
                n.recompute or n.stateful or str(program.dtypes.get(n.outputs[0])) in (
                    "<dtype: 'string'>", "string"):
            new.append(n)
            continue
        muls = [producer.get(through(v)) for v in n.inputs]
        if any(m is None or m.type != "Mul" or len(m.inputs) != 2 for m in muls):
            new.append(n)
            continue
        common = set(muls[0].inputs)
        for m in muls[1:]:
            common &= set(m.inputs)
        if len(common) != 1:
            new.append(n)
            continue
        c = next(iter(common))
        unique = [m.inputs[1] if m.inputs[0] == c else m.inputs[0] for m in muls]
        if n.type == "AddN":
            if tainted is None:
                tainted = unknown_values(program, unknown, _ATTR_SHAPED)
            s0 = static_shape(program, unique[0])
            if s0 is None or any(static_shape(program, u) != s0 for u in unique[1:]) or \
                    not tainted.isdisjoint(unique):
                new.append(n)
                continue
        if mut is None:
            mut = mutable_values(program)
        if c in mut or not mut.isdisjoint(unique):
            new.append(n)
            continue
        scope, _, base = n.name.rpartition("/")
        prefix = (scope + "/" if scope else "") + _STAGE
        v = out.new_value(program.dtypes.get(n.outputs[0]), program.shapes.get(unique[0]))
        attrs = dict(n.attrs)
        if "N" in attrs:
            attrs["N"] = len(unique)
        inner = Node(n.type, n.op_def, attrs, list(unique), [v], prefix + "AddV2_" + base,
                     None)
        outer = Node("Mul", OPS["Mul"], dict(muls[0].attrs), [c, v], list(n.outputs),
                     prefix + "Mul_" + base, None)
        new.extend((inner, outer))
        producer[n.outputs[0]] = outer
        changed = True
    if not changed:
        return program
    out.nodes = new
    return out
