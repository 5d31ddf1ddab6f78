"""Grappler's ConvertPowStage: Pow(x, c) -> Square / Sqrt / Rsqrt / Reciprocal(x), and its
SqrtDivToRsqrtMulStage: x / Sqrt(y) -> x * Rsqrt(y), as TF 1.14 runs them.

TF 1.14's arithmetic optimizer (on by default in a Session) replaces a Pow whose exponent
is a constant with every element 2, 0.5, -0.5 or -1 by Square, Sqrt, Rsqrt or Reciprocal
of the base, in place (a fetched Pow too: the node keeps its name).
For float32 the Sqrt and Rsqrt kernels (Eigen's packet rsqrt estimate and Newton step)
round differently from powf, so `(variance + epsilon) ** 0.5` in a hand-written layer norm
prints other digits than the Pow kernel gives. Constant folding runs first: a base that
folds to a constant keeps powf's value, as does a fed exponent (or one read through a
PlaceholderWithDefault). Square is x * x, which differs from powf(x, 2) near a float32
rounding midpoint (`x ** 2` of -1.2746413: 1.6247103, powf 1.6247104; golden
math/pprobe12_pow_shapes).
Then a RealDiv/Div by a Sqrt (an op, or a Pow just converted) whose value is neither
fetched nor used elsewhere becomes a Mul by the Rsqrt: `(x - mean) / tf.sqrt(var + eps)`
gives the rounding of x times TF's rsqrt estimate, not of the quotient. Not a division of
ones by a y of the output's shape: with constant folding on, Grappler made it a
Reciprocal(y) before (mul_by_ones.ones_divisions), so `1.0 / tf.sqrt(var + eps)` of a
variable's or a moment's shape runs as 1 / Sqrt (golden math/div_ones_sqrt).

Like reciprocal_div.py (values change, so every plan gets it, not only from the second
call), applied by `grappler_division` while the arithmetic optimizer is on and the graph
has at least MIN_GRAPH_NODES ops. The exponent must not broadcast the base (a scalar, or
each of its dims 1 or the base's known dim).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..framework.registry import OPS
from .constant_folding import constant_folding
from .cse import common_subexpression_elimination
from .mul_by_ones import ones_divisions

_AS = ((2.0, "Square"), (0.5, "Sqrt"), (-0.5, "Rsqrt"), (-1.0, "Reciprocal"))
_DIVS = frozenset({"RealDiv", "Div"})


def _target(c):
    """The op Pow by the constant `c` becomes, or None."""
    c = np.asarray(c)
    if c.size == 0 or c.dtype.kind not in "fc":
        return None
    for value, op in _AS:
        if bool(np.all(c == value)):
            return op
    return None


def _keeps_shape(program, x, c_shape):
    """Whether broadcasting x against an exponent of shape `c_shape` leaves x's shape."""
    if not c_shape:
        return True
    sx = program.shapes.get(x)
    sx = sx.as_tuple() if sx is not None else None
    if sx is None or len(c_shape) > len(sx):
        return False
    return all(c == 1 or c == d for c, d in zip(c_shape[::-1], sx[::-1]))


def convert_pow(program, unknown=None, folding=True):
    """`program` with each Pow by a constant 2 / 0.5 / -0.5 / -1 turned into Square / Sqrt /
    Rsqrt / Reciprocal of its base, and its divisions by a Sqrt into Muls by an Rsqrt
    (`unknown`: the feeds of shapes Grappler does not know, as identity_muls'; `folding`:
    Grappler's constant folding is on)."""
    if not any(n.type in ("Pow", "Sqrt") for n in program.nodes):
        return program
    tainted = set()
    for n in program.nodes:
        if n.type == "PlaceholderWithDefault" or any(v in tainted for v in n.inputs):
            tainted.update(n.outputs)
    given = program
    program = constant_folding(program)   # exact: constant bases and exponents become Consts
    consts = {n.outputs[0]: n.attrs["value"] for n in program.nodes
              if n.type == "Const" and not n.inputs and n.outputs[0] not in tainted}
    nodes, changed = [], False
    for n in program.nodes:
        op = None
        if n.type == "Pow" and len(n.inputs) == 2 and not n.recompute and \
                n.inputs[1] in consts and n.inputs[0] not in consts:
            op = _target(consts[n.inputs[1]])
            if op is not None and not _keeps_shape(program, n.inputs[0],
                                                   np.shape(consts[n.inputs[1]])):
                op = None
        if op is not None and op in OPS:
            nodes.append(dataclasses.replace(n, type=op, op_def=OPS[op], attrs={},
                                             inputs=[n.inputs[0]]))
            changed = True
        else:
            nodes.append(n)
    out = program.copy(nodes=nodes) if changed else program
    # exact: Grappler dedups before these stages, so two equal Sqrt ops are one, used twice
    out = common_subexpression_elimination(out)
    nodes, rsqrt = _sqrt_div(out, out.nodes,
                             ones_divisions(out, unknown) if folding else frozenset())
    if not changed and not rsqrt:
        return given
    return out.copy(nodes=nodes)


def _sqrt_div(program, nodes, reciprocals):
    """Grappler's SqrtDivToRsqrtMulStage on `nodes`: Div/RealDiv(x, Sqrt(y)) -> Mul(x,
    Rsqrt(y)) when the Sqrt's value is not fetched and has no other use, and the division
    is none of `reciprocals` (constant folding's Reciprocals). Returns (nodes, whether any
    changed)."""
    sqrt_at = {n.outputs[0]: i for i, n in enumerate(nodes) if n.type == "Sqrt" and n.outputs}
    if not sqrt_at:
        return nodes, False
    uses = {}
    for n in nodes:
        for v in n.inputs:
            if v in sqrt_at:
                uses[v] = uses.get(v, 0) + 1
    fetched = set(program.fetches)
    out, changed = list(nodes), False
    for i, n in enumerate(nodes):
        if n.type in _DIVS and len(n.inputs) == 2 and not n.recompute and \
                n.outputs[0] not in reciprocals:
            v = n.inputs[1]
            j = sqrt_at.get(v)
            if j is None or uses[v] != 1 or v in fetched or nodes[j].recompute:
                continue
            out[j] = dataclasses.replace(nodes[j], type="Rsqrt", op_def=OPS["Rsqrt"])
            out[i] = dataclasses.replace(n, type="Mul", op_def=OPS["Mul"], attrs={})
            changed = True
    return out, changed
