"""Grappler's HoistCWiseUnaryChains on a Concat that reads one unary op twice, as TF 1.14
does it: a cycle, so Grappler fails and the session runs the graph as written.

The arithmetic optimizer hoists the unary ops common to all of a Concat's inputs past it
(`concat([exp(a), exp(b)])` -> `exp(concat([a, b]))`): each chain's last link must be
the same op, unary and element-wise (op_types.cc IsUnaryElementWise), read by nothing
but the Concat. HoistChainForConcat then walks the links in port order: the first
port's link is reused on the Concat's output (it now reads the Concat), and every
other port reads what its link read. When the first port's link is read again at a
later port (`concat([e, e])`, `tf.concat([tb, tb], 0)` of a `tf.random_uniform` whose
`* 1` and `+ 0` constant folding made Identities), that port reads the link's input,
which is the Concat by then: the Concat reads itself. Every later topological sort
fails ("The graph couldn't be sorted in topological order"), so does the meta
optimizer's last one, and the session runs the graph unoptimized (golden
math/concat_hoist_cycle)."""
from __future__ import annotations

from .mul_by_ones import _identity_arith

# op_types.cc IsUnaryElementWise in TF 1.14: its list misses two commas, so "Elu" "Erf"
# and "Tan" "Tanh" are the names EluErf and TanTanh (Elu, Erf, Tan and Tanh are not
# hoisted); then the value-, order- and shape-preserving ops (Identity and Snapshot: what
# constant folding makes of `y * 1` and `y + 0`). Identity, StopGradient and one-input
# AddN nodes of the graph itself the model pruner removed before (not here); Enter and
# Exit modify frame info (never hoisted).
_UNARY = frozenset({
    "Abs", "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "Ceil", "ComplexAbs", "Conj",
    "Cos", "Cosh", "Digamma", "Erfc", "Exp", "Expm1", "Floor", "Inv", "Invert", "Isinf",
    "Isnan", "Isfinite", "Lgamma", "Log", "Log1p", "LogicalNot", "Neg", "Reciprocal",
    "Relu", "Relu6", "Rint", "Round", "Selu", "Rsqrt", "Sigmoid", "Sign", "Sin", "SinH",
    "Softplus", "Softsign", "Sqrt", "Square",
    "CheckNumerics", "DebugGradientIdentity", "PreventGradient", "Snapshot"})

_FOLDED = "(folded Identity)"


def concat_hoist_cycle(program, unknown=None, folding=True) -> bool:
    """Does TF 1.14's HoistCWiseUnaryChains make a Concat of `program` read itself?
    `unknown`: the feeds whose shapes Grappler does not know (default all: a `y * 1` of
    one is no Identity); `folding`: constant folding is on (it makes those Identities)."""
    concats = [n for n in program.nodes if n.type == "ConcatV2" and len(n.inputs) > 2]
    if not concats:
        return False
    # `y * 1`, `y + 0` of a y of the output's shape: an Identity (a Snapshot) by then
    identities = _identity_arith(program, unknown) if folding else {}
    producer = {}
    readers = dict(program.unseen_reads)
    for n in program.nodes:
        for v in n.outputs:
            producer[v] = n
        for v in set(n.inputs):
            readers[v] = readers.get(v, 0) + 1
    fetched = set(program.fetches).union(program.feeds)
    for n in concats:
        values = n.inputs[:-1]
        if n.outputs[0] in fetched or values[0] not in values[1:]:
            continue
        links = [producer.get(v) for v in values]
        if any(m is None or len(m.outputs) != 1 for m in links):
            continue
        # (an Identity of the graph itself the model pruner removed: no link)
        ops = {_FOLDED if m.outputs[0] in identities else m.type for m in links}
        if len(ops) != 1 or not ops <= _UNARY | {_FOLDED}:
            continue
        if all(readers.get(v, 0) == 1 and v not in fetched for v in values):
            return True
    return False
