"""Arithmetic simplification: algebraic identities that remove or cheapen nodes.

Rewrites (x any value, c a constant, shapes static and equal where it matters):

    Mul(x, 1), Mul(1, x), Add/AddV2(x, 0), Add(0, x), Sub(x, 0), RealDiv/Div(x, 1) -> x
    Neg(Neg(x)), LogicalNot(LogicalNot(x)), Conj(Conj(x))                          -> x
    Transpose(Transpose(x, p), q) with q∘p the identity                            -> x
    Pow(x, 2)                                                                      -> Square(x)
    MatMul(Transpose(a), b) / MatMul(a, Transpose(b)) -> MatMul with transpose_a/_b flipped
    Sum(x, []) (no axes), Reshape(x, s) and BroadcastTo(x, s) to x's own static shape -> x
      (also a Reshape to a constant equal to x's static shape: TF's gradient Reshapes)
    Reshape(x, s) whose static shape is x's but for one unknown dim at the same place -> x
      (the sizes are equal, so the unknown dims are too: TF's flatten/unflatten composites
      around softmax_cross_entropy_with_logits with a dynamic batch)

A rewrite that makes a value read mutable state directly (a variable's buffer)
is skipped when a state-mutating node runs between the removed node and its
last reader (reference-variable semantics). All rewrites are exact except
x + 0, which turns -0.0 into +0.0 without the pass (TF's grappler does the same).

Before/after:

    v2 = Const()  # 1.0
    v3 = Mul(v0, v2)       ->   v4 = Square(v0)
    v4 = Pow(v3, v5)
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..framework.registry import OPS
from ._util import (
    apply_replacements,
    const_of,
    last_uses,
    mutable_values,
    mutating_prefix,
    producers,
    resolve,
    static_shape,
)

_INVOLUTIONS = frozenset({"Neg", "LogicalNot", "Conj"})
_HANDLED = _INVOLUTIONS | {"Mul", "Add", "AddV2", "Sub", "RealDiv", "Div", "Transpose", "Sum",
                           "Reshape", "BroadcastTo", "Pow", "MatMul"}


def _is(c, value):
    if c is None:
        return False
    a = np.asarray(c)
    if a.dtype == object or a.size == 0:
        return False
    return bool(np.all(a == value))


def arithmetic_optimization(program, options=None):
    nodes = program.nodes
    prod = producers(nodes)
    mut = mutable_values(program)
    lazy = {}            # last uses and mutating prefix: only needed for rewrites onto state
    end = len(nodes)
    consts = {}
    for n in nodes:
        c = const_of(n)
        if c is not None:
            consts[n.outputs[0]] = c
    repl = {}
    out_nodes = []
    fetched = set(program.fetches)

    def same_shape(a, b):
        sa, sb = static_shape(program, a), static_shape(program, b)
        return sa is not None and sa == sb

    def same_but_one_unknown(a, b):
        sa, sb = program.shapes.get(a), program.shapes.get(b)
        ta = sa.as_tuple() if sa is not None else None
        tb = sb.as_tuple() if sb is not None else None
        return ta is not None and ta == tb and ta.count(None) <= 1

    def try_replace(i, n, x, shape_ok=same_shape):
        """Replace n's output by x if exact and safe; True when done."""
        out = n.outputs[0]
        if program.dtypes.get(out) is not program.dtypes.get(x) or not shape_ok(out, x):
            return False
        if x in mut:
            if not lazy:
                lazy["last"] = last_uses(program)
                lazy["pref"] = mutating_prefix(nodes)
            lu = min(lazy["last"].get(out, i), end - 1)
            if lazy["pref"][lu + 1] - lazy["pref"][i + 1]:
                return False
        repl[out] = x
        return True

    def source(v):
        p = prod.get(v)
        return p[1] if p is not None else None

    for i, n in enumerate(nodes):
        t = n.type
        if t not in _HANDLED or n.stateful or n.recompute or len(n.outputs) != 1:
            out_nodes.append(n)     # inputs are resolved by apply_replacements at the end
            continue
        ins = [resolve(repl, v) for v in n.inputs]
        if ins != n.inputs:
            n = n.with_inputs(ins)
        done = False
        if t == "Mul" and len(ins) == 2:
            done = (_is(consts.get(ins[1]), 1) and try_replace(i, n, ins[0])) or \
                   (_is(consts.get(ins[0]), 1) and try_replace(i, n, ins[1]))
        elif t in ("Add", "AddV2") and len(ins) == 2:
            done = (_is(consts.get(ins[1]), 0) and try_replace(i, n, ins[0])) or \
                   (_is(consts.get(ins[0]), 0) and try_replace(i, n, ins[1]))
        elif t == "Sub" and len(ins) == 2:
            done = _is(consts.get(ins[1]), 0) and try_replace(i, n, ins[0])
        elif t in ("RealDiv", "Div") and len(ins) == 2:
            done = _is(consts.get(ins[1]), 1) and try_replace(i, n, ins[0])
        elif t in _INVOLUTIONS and len(ins) == 1:
            inner = source(ins[0])
            done = inner is not None and inner.type == t and not inner.recompute and \
                try_replace(i, n, resolve(repl, inner.inputs[0]))
        elif t == "Transpose" and len(ins) == 2:
            inner = source(ins[0])
            q = consts.get(ins[1])
            if inner is not None and inner.type == "Transpose" and q is not None:
                p = consts.get(inner.inputs[1])
                if p is not None and np.ndim(p) == 1 and np.shape(p) == np.shape(q) and \
                        np.array_equal(np.asarray(p)[np.asarray(q)], np.arange(len(q))):
                    done = try_replace(i, n, resolve(repl, inner.inputs[0]))
        elif t in ("Sum", "Reshape", "BroadcastTo") and len(ins) == 2:
            if t == "Sum":
                # no axes: x itself, whatever static shape the graph gave the Sum (TF's
                # gradients sum over BroadcastGradientArgs' folded, often empty, axes)
                c = consts.get(ins[1])
                done = c is not None and np.size(c) == 0 and \
                    try_replace(i, n, ins[0], lambda a, b: True)
            elif t == "Reshape":
                c = consts.get(ins[1])
                sx = static_shape(program, ins[0])
                done = try_replace(i, n, ins[0], same_but_one_unknown) or (
                    c is not None and sx is not None and np.ndim(c) == 1 and
                    tuple(int(d) for d in np.asarray(c)) == sx and
                    try_replace(i, n, ins[0], lambda a, b: True))
            else:
                done = try_replace(i, n, ins[0])
        elif t == "Pow" and len(ins) == 2 and "Square" in OPS:
            c = consts.get(ins[1])
            if c is not None and np.ndim(c) == 0 and _is(c, 2) and same_shape(n.outputs[0], ins[0]):
                n = dataclasses.replace(n, type="Square", op_def=OPS["Square"], attrs={},
                                        inputs=[ins[0]])
        elif t == "MatMul" and len(ins) == 2 and n.outputs[0] not in fetched:
            # (a fetched MatMul keeps its Transposes: transpose_matmul.py)
            attrs = dict(n.attrs)
            new_ins = list(ins)
            for k, flag in ((0, "transpose_a"), (1, "transpose_b")):
                tr = source(ins[k])
                if tr is None or tr.type != "Transpose" or tr.recompute:
                    continue
                perm = consts.get(tr.inputs[1])
                if perm is None or list(np.asarray(perm).reshape(-1)) != [1, 0]:
                    continue
                if static_shape(program, tr.inputs[0]) is None or \
                        len(static_shape(program, tr.inputs[0])) != 2:
                    continue
                new_ins[k] = resolve(repl, tr.inputs[0])
                attrs[flag] = not attrs.get(flag, False)
            if new_ins != ins:
                n = dataclasses.replace(n, attrs=attrs, inputs=new_ins)
        if not done:
            out_nodes.append(n)
    if not repl and all(a is b for a, b in zip(out_nodes, nodes)) and len(out_nodes) == len(nodes):
        return program
    return apply_replacements(program, out_nodes, repl)
