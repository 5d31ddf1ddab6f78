"""Helpers the passes share: value replacement, last uses, mutable state, constants."""
from __future__ import annotations

import dataclasses
import math

import numpy as np

# Stateful ops that never change a buffer another op reads: they do not order reads.
_NON_MUTATING = frozenset({"VariableV2", "Variable", "VarHandleOp", "Placeholder",
                           "IsVariableInitialized", "NoOp", "CheckNumerics"})


def with_attr(program, marked, attr):
    """`program` with `attr` set to True on the nodes whose id() is in `marked` (the
    remapper's marks: remap_matmul.py, remap_batch_norm.py); `program` itself if none."""
    if not marked:
        return program
    return program.copy(nodes=[
        dataclasses.replace(n, attrs={**n.attrs, attr: True})
        if id(n) in marked else n for n in program.nodes])


def mutating(node) -> bool:
    """May this node write into state (a variable's buffer) that pure ops read?"""
    return node.stateful and node.type not in _NON_MUTATING


def mutating_prefix(nodes):
    """prefix[i] = number of mutating nodes among nodes[:i] (len(nodes)+1 entries)."""
    out = [0] * (len(nodes) + 1)
    c = 0
    for i, n in enumerate(nodes):
        if n.stateful and n.type not in _NON_MUTATING:
            c += 1
        out[i + 1] = c
    return out


def mutable_values(program):
    """Values that are (views of) mutable state: stateful outputs and their aliases, and
    resource handles fed in (a branch's or loop body's plan reads its captured variables'
    handles as feeds: a read before and after an assign are different values)."""
    mut = {v for v in program.feeds
           if getattr(program.dtypes.get(v), "name", None) == "resource"}
    for n in program.nodes:
        if n.stateful:
            mut.update(n.outputs)
        elif n.op_def.aliases_input and n.inputs and n.inputs[0] in mut and n.outputs:
            mut.add(n.outputs[0])
    return mut


def last_uses(program):
    """value -> index of the last node reading it (len(nodes) for fetched values), through
    the nodes that alias their input (an Identity's readers read the value too: the
    gradient a tf.gradients tuple's control_dependency Identity passes to an optimizer's
    update runs after the other variables' updates)."""
    last = {}
    for i, n in enumerate(program.nodes):
        for v in n.inputs:
            last[v] = i
    end = len(program.nodes)
    for v in program.fetches:
        last[v] = end
    for n in reversed(program.nodes):
        if n.op_def.aliases_input and n.inputs and n.outputs and n.outputs[0] in last:
            v = n.inputs[0]
            last[v] = max(last.get(v, -1), last[n.outputs[0]])
    return last


def resolve(repl, v):
    while v in repl:
        v = repl[v]
    return v


def apply_replacements(program, nodes, repl):
    """A new Program whose nodes/fetches read `repl`-resolved values."""
    if repl:
        out = []
        isdisjoint = repl.keys().isdisjoint
        for n in nodes:
            ins = n.inputs
            if not isdisjoint(ins):
                n = n.with_inputs([resolve(repl, v) for v in ins])
            out.append(n)
        nodes = out
        fetches = [resolve(repl, v) for v in program.fetches]
    else:
        fetches = program.fetches
    return program.copy(nodes=nodes, fetches=fetches)


def producers(nodes):
    """value -> (node index, node)."""
    prod = {}
    for i, n in enumerate(nodes):
        for v in n.outputs:
            prod[v] = (i, n)
    return prod


def unfoldable_type(op_type: str) -> bool:
    """Grappler's IsFoldable refusal by op name: an op named Sparse* or *Quantized*."""
    return op_type.startswith("Sparse") or "Quantized" in op_type


def constant_only(nodes):
    """The values Grappler's constant folding has made Consts before its arithmetic
    optimizer looks: Consts, and the outputs of pure ops (no placeholder, none it refuses
    by name: unfoldable_type) of them only."""
    folded = set()
    for n in nodes:
        if n.type == "Const" and not n.inputs or (
                n.inputs and n.type not in ("Placeholder", "PlaceholderWithDefault")
                and not unfoldable_type(n.type)
                and n.op_def is not None and not n.op_def.stateful
                and folded.issuperset(n.inputs)):
            folded.update(n.outputs)
    return folded


def control_sources(nodes, skip=None):
    """The id()s of the ops some node of `nodes` waits for (`skip(node)`: leave that node's
    control inputs out)."""
    control = set()
    for n in nodes:
        if n.op is not None and (skip is None or not skip(n)):
            control.update(id(c) for c in n.op._control_inputs)
    return control


def snapshots(program) -> bool:
    """Does Grappler's constant folding make a Mul by ones (or an Add of zeros) a Snapshot
    rather than an Identity in this plan? It does when the graph holds an op that may
    change its input in place: one with a ref input (Assign, ApplyGradientDescent, ... as
    Optimizer.minimize builds for reference variables) or an in-place op. The dependency
    optimizer removes an Identity, never a Snapshot."""
    for n in program.nodes:
        if "inplace" in n.type.lower():
            return True
        op = n.op
        if n.stateful and op is not None and any(t._dtype.is_ref_dtype for t in op._inputs):
            return True
    return False


def reader_indices(nodes):
    """value -> the set of indices of the nodes that read it."""
    readers = {}
    for i, n in enumerate(nodes):
        for v in n.inputs:
            readers.setdefault(v, set()).add(i)
    return readers


def const_of(node):
    """The value of a Const node, else None."""
    if node.type == "Const" and not node.inputs:
        return node.attrs.get("value")
    return None


def static_shape(program, v):
    s = program.shapes.get(v)
    if s is None:
        return None
    t = s.as_tuple()
    if t is None or None in t:
        return None
    return t


def hashable(x):
    """A hashable stand-in for an attr value; raises TypeError if there is none."""
    if type(x) is dict:
        if not x:
            return ()
        return tuple([(k, hashable(v)) for k, v in x.items()])
    if isinstance(x, np.ndarray):
        if x.nbytes > 1 << 16:
            raise TypeError("large array")
        return ("nd", x.dtype.str, x.shape, x.tobytes())
    if isinstance(x, np.generic):
        return ("np", x.dtype.str, x.tobytes())
    if isinstance(x, (list, tuple)):
        return (type(x).__name__,) + tuple(hashable(i) for i in x)
    if isinstance(x, dict):
        return ("dict",) + tuple([(k, hashable(v)) for k, v in x.items()])
    if isinstance(x, float) and math.isnan(x):
        return ("nan",)
    hash(x)
    return (type(x).__name__, x)


# Grappler's predicates on symbolic shapes (symbolic_shapes.py: a tuple, dims <= -2 are
# symbols, None unknown), as grappler/utils/symbolic_shapes.cc decides them.

def shapes_symbolically_equal(a, b) -> bool:
    """ShapesSymbolicallyEqual: both known in rank, the same dims (equal symbols match)."""
    return a is not None and b is not None and tuple(a) == tuple(b)


def shapes_broadcastable(a, b) -> bool:
    """ShapesBroadcastable: BCast of the two dim lists (a symbol matches itself or 1)."""
    if a is None or b is None:
        return False
    return all(x == y or x == 1 or y == 1 for x, y in zip(reversed(a), reversed(b)))


def symbolic_size_less(a, b) -> bool:
    """CompareSymbolicallyShapedTensorSizes: `a` surely smaller than `b` (known dims above 0
    multiplied; symbols both have cancel; `a` is smaller if its known size is <= and only
    `b` keeps symbols)."""
    if a is None or b is None:
        return False
    sa, sb = math.prod(d for d in a if d > 0), math.prod(d for d in b if d > 0)
    ua = [d for d in a if d < 0]
    ub = [d for d in b if d < 0]
    for d in list(ua):
        if d in ub:
            ua.remove(d)
            ub.remove(d)
    if not ua and not ub:
        return sa < sb
    return sa <= sb and not ua and bool(ub)


_ONES_RESHAPES = frozenset({"Tile", "Reshape", "ExpandDims", "BroadcastTo", "Identity"})


def gradient_ones(n, producer, depth=0, value=1):
    """Whether `n` computes constant ones (Grappler folds it to a Const of ones), as
    tf.gradients' Sum gradient does: a Tile of a Reshape of a Fill or Const. `value=0`:
    constant zeros instead (Grappler's IsZeros)."""
    if n is None or depth > 8:
        return False
    if n.type == "Const" and not n.inputs:
        return bool(np.all(np.asarray(n.attrs.get("value")) == value))
    if n.type == "Fill" and len(n.inputs) == 2:
        n, rest = producer.get(n.inputs[1]), [producer.get(n.inputs[0])]
    elif n.type in _ONES_RESHAPES and n.inputs:
        n, rest = producer.get(n.inputs[0]), [producer.get(v) for v in n.inputs[1:]]
    else:
        return False
    return all(r is not None and r.type == "Const" for r in rest) and \
        gradient_ones(n, producer, depth + 1, value)
