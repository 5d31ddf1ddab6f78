"""Grappler's HoistCommonFactorOutOfAggregation, as TF 1.14's arithmetic optimizer runs it
(values change).

An aggregation (AddN, Add, AddV2) of two or more inputs that are all Mul nodes sharing
exactly one factor `c` is rewritten to multiply once:

    AddN(Mul(c, y1), Mul(y2, c), ..., Mul(c, yn))   ->   Mul(c, AddN(y1, y2, ..., yn))

The new inner aggregation is a copy of the old one (same op, named
`<scope>/ArithmeticOptimizer/HoistCommonFactor_Add_<sum>` whatever that op: TF's
InnerAddNodeName) reading the other factors in the old inputs' order; the outer Mul
(`..._Mul_<sum>`, `..._Div_<sum>`) writes the old output. For an AddN the other
factors must have equal known shapes (an AddN does not broadcast; Grappler takes a fed
value's shape, and what depends on it, as unknown, as add_ops_rewrite.py does) or equal
symbolic shapes (symbolic_shapes.py: a fed batch); an Add needs no check.
Grappler sees through what its first round removes (an Identity, a Sum over no axes, a
Reshape to the same shape: the gradients of a Mul read that way), so this does too; below
a feed the Sum's axes are a BroadcastGradientArgs of two Shapes of symbolically equal
values (its constant folding materializes it empty) and the Reshape's shapes are compared
symbolically. The other factors come in the order of the AddN's name-sorted inputs
(Grappler canonicalizes before it hoists: addn_order.py), sorted again by their own names
when the terms were Muls as written (hoisted in the first round, sorted in the second):
`n * n / (1 + n * n)`'s gradient sums `add_grad/Reshape_1` twice before
`truediv_grad/RealDiv` twice (golden math/hoist_symbolic).

The new inner AddN has no shape properties in the round that made it: Grappler's second
round sorts its inputs by name and its AddOpsRewrite absorbs the adds it reads into one
flat AddN (add_ops_rewrite.rewrite_new_sums, called by reciprocal_div.grappler_division;
Bayes-by-backprop's rho gradient over 3 draws, golden math/hoist_second_round).

A gated gradient (an optimizer's minimize, gate_gradients=True) reads its terms through
the gates' `tuple/control_dependency` Identities: ModelPruner keeps an Identity with a
control input, so Grappler's first round sees no Muls; its dependency optimizer removes
the gates at the end of that round and the second round hoists (PixelCNN++'s
`inv_stdv * (centered_x + 1/255)`, `inv_stdv * (centered_x - 1/255)`,
`inv_stdv * centered_x` sum centered_x's gradient as `inv_stdv * AddN(AddN_3, AddN_4,
AddN_5)`, the oracle's partition graph). So does a term whose Mul by tf.gradients' ones
(constant folding's Identity: mul_by_ones.identity_muls) hides the Mul or the value below:
`AddN(ones * Sin, ones * (2 * a))` is `AddN(Sin, 2 * a)`, no sum of Muls (golden
math/gated_addn_names). The second round's sum is not sorted or regrouped again (no
third round: `second`; golden math/hoist_gated).

This rounds otherwise: a loop gradient's `dy * x + g * x` (a value read twice, as in a
tf.cond branch that writes `y * x` to a TensorArray and returns `y * x`) runs as
`x * (dy + g)`, which is TF's value bit for bit.

Quotients (Div, RealDiv, FloorDiv, TruncateDiv of floats) over one common denominator
are hoisted too: `AddN(y1 / c, y2 / c)` runs as `AddN(y1, y2) / c`. The outer node is a
copy of the first term's op. Not here: a factor that aliases mutable state when a write
runs between the terms and the sum (the hoisted product would read it later).

Grappler's arithmetic optimizer deduplicates the graph before its stages run (two
`x * 0.11` written apart are one node, so `x * 0.11 + x * 0.11` has two common factors and
is not hoisted): the common factors are found here after the same dedup (cse.py, the
fetched nodes kept). Grappler rewrites by adding the new nodes and moving the sum's readers
to them: a fetched sum, which Grappler preserves, keeps its value (`(x * 0.11) * 0.7 +
x * 0.11` fetched runs as written after the constant push-down, `tf.identity` of it reads
the hoisted `x * (0.077 + 0.11)`: golden math/pcnn_push_down). In a loop body or a cond
branch the outputs are no fetches Grappler preserves.

Before/after:

    v3 = Mul(v0, v1)
    v4 = Mul(v2, v1)       ->   v6 = AddN(v0, v2)
    v5 = AddN(v3, v4)           v5 = Mul(v1, v6)
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..runtime.ir import Node
from ._util import mutable_values, mutating_prefix, shapes_symbolically_equal, static_shape
from .add_ops_rewrite import unknown_values
from .cse import common_subexpression_elimination
from .minimize_broadcasts import _gate_of
from .mul_by_ones import identity_muls
from .symbolic_shapes import symbolic_shapes

_AGGREGATES = frozenset({"AddN", "Add", "AddV2"})
_DIVS = frozenset({"Div", "RealDiv", "FloorDiv", "TruncateDiv"})
_STAGE = "ArithmeticOptimizer/HoistCommonFactor_"
# the new inner sum: a copy of the sum's op (Add, AddN) that TF 1.14 names `..._Add_<sum>`
HOISTED_SUM = _STAGE + "Add_"
# a TensorArray gradient's read is TF's TensorArrayReadV3 too: its shape is the element
# shape attr (the forward array's), fed or not
_ATTR_SHAPED = frozenset({"TensorArrayReadV3", "TensorArrayGradRead"})


def hoist_common_factor(program, unknown=None, loop_body=False, second=None):
    """`program` with the aggregations of products by (or quotients over) one common
    factor hoisted. `unknown`: the feeds whose shapes Grappler does not know (default:
    all; see add_ops_rewrite.py). In a loop body or cond branch (`loop_body`) the
    fetches are no nodes Grappler preserves. `second` (a set, when given) gets the
    names of the new inner sums Grappler makes only in its second round (a term read
    through a tf.gradients gate Identity): no later round regroups them."""
    if not any(n.type in _AGGREGATES for n in program.nodes) or \
            not any(n.type == "Mul" or n.type in _DIVS for n in program.nodes):
        return program
    # Grappler's arithmetic optimizer dedups first (its preserved nodes kept)
    deduped = common_subexpression_elimination(program, keep=frozenset(program.fetches),
                                               controls=True)
    out = _hoist(deduped, unknown, set() if loop_body else set(program.fetches),
                 set() if second is None else second)
    return program if out is deduped else out


def _hoist(program, unknown, fetched, second):
    nodes = program.nodes
    consts = {n.outputs[0]: n.attrs.get("value") for n in nodes
              if n.type == "Const" and not n.inputs and n.outputs}
    producer = {}
    for i, n in enumerate(nodes):
        for v in n.outputs:
            producer[v] = (i, n)
    lazy = {}
    out = program.copy()

    def _same_shape(a, b):
        """Static shapes equal and known to Grappler (its constant folding replaces a
        Reshape whose input's shape is fully defined: not one below a feed it takes as of
        unknown shape), or Grappler's symbolic shapes equal."""
        sa = static_shape(program, a)
        if "tainted" not in lazy:
            lazy["tainted"] = unknown_values(program, unknown, _ATTR_SHAPED)
        return sa is not None and sa == static_shape(program, b) and \
            a not in lazy["tainted"] or _sym_equal(a, b)

    def _sym_equal(a, b):
        if "sym" not in lazy:
            lazy["sym"] = symbolic_shapes(program, unknown)
        return shapes_symbolically_equal(lazy["sym"].get(a), lazy["sym"].get(b))

    def _no_sum(p):
        """A Sum over no axes: a constant empty list, or the reduction indices of a
        BroadcastGradientArgs of two Shapes Grappler knows symbolically equal (its
        constant folding materializes them empty)."""
        if p.type != "Sum" or len(p.inputs) != 2:
            return False
        axes = p.inputs[1]
        if axes in consts:
            return np.size(consts[axes]) == 0
        bga = producer.get(axes, (0, None))[1]
        if bga is None or bga.type != "BroadcastGradientArgs" or len(bga.inputs) != 2:
            return False
        shapes = [producer.get(s, (0, None))[1] for s in bga.inputs]
        return all(s is not None and s.type == "Shape" and s.inputs for s in shapes) and \
            _sym_equal(shapes[0].inputs[0], shapes[1].inputs[0])

    def _past_sums(v):
        p = producer.get(v, (0, None))[1]
        while p is not None and _no_sum(p) and len(p.outputs) == 1 and not p.recompute:
            v = p.inputs[0]
            p = producer.get(v, (0, None))[1]
        return v

    def gated(v):
        """Is `v` a tf.gradients gate Identity's (not fetched)? Grappler's dependency
        optimizer removes it at the end of its first round, so a sum that reads through
        one is hoisted in the second."""
        p = producer.get(v, (0, None))[1]
        return p is not None and v not in fetched and _gate_of(p) is not None

    def through(v, crossed=None):
        """The value `v` is once Grappler's no-op removal ran (its second round's, past
        the gate Identities, as well; those passed appended to `crossed`). A Mul by ones
        is seen through only past a gate: an ungated sum is hoisted in the first round,
        where that Mul is still a term's (pdist_gamma_grad's Beta sample gradient)."""
        past_gate = False
        while True:
            p = producer.get(v, (0, None))[1]
            if p is None or not p.inputs or len(p.outputs) != 1 or p.recompute or \
                    v in fetched or (p.op is not None and p.op._control_inputs
                                     and not gated(v)):
                return v
            if "ones" not in lazy:
                lazy["ones"] = identity_muls(program, unknown)
            k = lazy["ones"].get(v)
            if k is not None and len(p.inputs) == 2 and past_gate:
                # a Mul by ones (an add of zeros): constant folding's Identity, which
                # the dependency optimizer removes at the end of the first round
                if crossed is not None:
                    crossed.append(v)
                v = p.inputs[1 - k]
                continue
            if p.type == "Identity" or _no_sum(p) or (
                    p.type == "Reshape" and _same_shape(_past_sums(p.inputs[0]), v)):
                if p.op is not None and p.op._control_inputs:
                    past_gate = True
                    if crossed is not None:
                        crossed.append(v)
                v = p.inputs[0]
                continue
            return v

    def name(v):
        """The NodeDef name Grappler reads `v` under once its no-ops are gone."""
        v = through(v)
        p = producer.get(v, (0, None))[1]
        if p is None:
            return ""
        k = p.outputs.index(v)
        return p.name if k == 0 else f"{p.name}:{k}"

    def canonical_order(n, unique):
        """The other factors in the order Grappler's AddN has them: it sorts an AddN's
        inputs by name (addn_order.py) before it hoists, and a sum hoisted in its first
        round (the terms Muls as written: _MulGrad of equal static shapes) is sorted
        again, by the other factors' names, in its second."""
        order = sorted(range(len(unique)), key=lambda k: name(n.inputs[k]))
        unique = [unique[k] for k in order]
        if all(through(v) == v for v in n.inputs):
            unique.sort(key=name)
        return unique

    def factors(n):
        """(is_div, common factor, the other factors, the terms' node indices) or None."""
        terms = [producer.get(through(v), (0, None)) for v in n.inputs]
        ops = [t for _, t in terms]
        if any(t is None or len(t.inputs) != 2 or t.recompute for t in ops):
            return None
        if all(t.type == "Mul" for t in ops):
            common = set(ops[0].inputs)
            for t in ops[1:]:
                common &= set(t.inputs)
            if len(common) != 1:
                return None
            c = next(iter(common))
            return False, c, [t.inputs[1] if t.inputs[0] == c else t.inputs[0]
                              for t in ops], [i for i, _ in terms]
        if all(t.type in _DIVS for t in ops) and \
                program.dtypes.get(ops[0].inputs[0]) in (dtypes.float32, dtypes.float64):
            c = ops[0].inputs[1]       # (integer division does not distribute over +)
            if any(t.inputs[1] != c for t in ops):
                return None
            return True, c, [t.inputs[0] for t in ops], [i for i, _ in terms]
        return None

    readers = {}
    for n in nodes:
        for v in n.inputs:
            readers[v] = readers.get(v, 0) + 1
    repl = {}      # a preserved sum's value -> the hoisted value its readers now read
    new = []
    changed = False
    for i, n in enumerate(nodes):
        if repl and not repl.keys().isdisjoint(n.inputs):
            n = n.with_inputs([repl.get(v, v) for v in n.inputs])
            for v in n.outputs:
                producer[v] = (i, n)
        if n.type not in _AGGREGATES or len(n.inputs) < 2 or len(n.outputs) != 1 or \
                n.recompute or n.stateful or \
                program.dtypes.get(n.outputs[0]) in (dtypes.string, dtypes.variant):
            new.append(n)
            continue
        keep = n.outputs[0] in fetched
        if keep and not readers.get(n.outputs[0]):
            new.append(n)        # preserved, and nothing reads a hoisted copy
            continue
        found = factors(n)
        if found is None:
            new.append(n)
            continue
        is_div, c, unique, at = found
        if n.type == "AddN" and len(unique) > 2:
            unique = canonical_order(n, unique)
        if n.type == "AddN":
            if "tainted" not in lazy:
                lazy["tainted"] = unknown_values(program, unknown, _ATTR_SHAPED)
            s0 = static_shape(program, unique[0])
            if (s0 is None or any(static_shape(program, u) != s0 for u in unique[1:]) or
                    not lazy["tainted"].isdisjoint(unique)) and \
                    not all(_sym_equal(unique[0], u) for u in unique[1:]):
                new.append(n)
                continue
        if "mut" not in lazy:
            lazy["mut"] = mutable_values(program)
            lazy["prefix"] = mutating_prefix(nodes)
        # a factor that aliases state is read later now: not past a write
        if (c in lazy["mut"] or not lazy["mut"].isdisjoint(unique)) and \
                lazy["prefix"][i] != lazy["prefix"][min(at) + 1]:
            new.append(n)
            continue
        first = producer[through(n.inputs[0])][1]
        scope, _, base = n.name.rpartition("/")
        prefix = (scope + "/" if scope else "") + _STAGE
        v = out.new_value(program.dtypes.get(n.outputs[0]), program.shapes.get(unique[0]))
        attrs = dict(n.attrs)
        if "N" in attrs:
            attrs["N"] = len(unique)
        inner = Node(n.type, n.op_def, attrs, list(unique), [v], prefix + "Add_" + base,
                     None)
        crossed = []
        for u in n.inputs:
            through(u, crossed)
        if crossed:
            second.add(inner.name)
        result = n.outputs[0]
        if keep:   # Grappler keeps the preserved sum; its readers read the new product
            result = out.new_value(program.dtypes.get(n.outputs[0]),
                                   program.shapes.get(n.outputs[0]))
            repl[n.outputs[0]] = result
            new.append(n)
        outer = Node(first.type, first.op_def, dict(first.attrs),
                     [v, c] if is_div else [c, v], [result],
                     prefix + ("Div_" if is_div else "Mul_") + base, None)
        new.extend((inner, outer))
        producer[result] = (i, outer)
        changed = True
    if not changed:
        return program
    out.nodes = new
    return out
