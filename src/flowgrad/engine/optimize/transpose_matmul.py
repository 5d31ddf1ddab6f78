"""Grappler's FoldTransposeIntoMatMul: MatMul(Transpose(a, [1, 0]), b) -> MatMul(a, b) with
transpose_a flipped (and the same for b), as TF 1.14's arithmetic optimizer runs it.

The fold changes values: Eigen contracts a transposed operand along other strides, so the
products' sums round differently (a 2x15 by 15x1 product and its 15x2-transposed form
differ in the last bit in about half of random cases). So, like reciprocal_div.py, every
plan gets it (`grappler_division`, while the arithmetic optimizer is on), not only from
the second call, where arithmetic.py folds the same way. A MatMul whose value is fetched
keeps its operands (Grappler preserves fetched nodes; its folded copy that feeds the
other readers is not reproduced).

Before/after:

    v3 = Transpose(v1, v2)  # v2 = Const [1, 0]
    v5 = MatMul(v3, v4)            ->   v5 = MatMul(v1, v4, transpose_a=True)
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ._util import const_of, producers


def _inner_transpose_input(node, consts):
    """The input of `node` when it is a Transpose of a rank-2 value by the constant [1, 0]."""
    if node is None or node.type != "Transpose" or node.recompute or len(node.inputs) != 2:
        return None
    perm = consts.get(node.inputs[1])
    if perm is None or np.asarray(perm).reshape(-1).tolist() != [1, 0]:
        return None
    return node.inputs[0]


def fold_transpose_matmul(program):
    """`program` with each MatMul reading a [1, 0] Transpose reading its input instead."""
    nodes = program.nodes
    if not any(n.type == "MatMul" for n in nodes):
        return program
    consts = {}
    for n in nodes:
        c = const_of(n)
        if c is not None:
            consts[n.outputs[0]] = c
    prod = producers(nodes)
    fetched = set(program.fetches)
    out, changed = [], False
    for n in nodes:
        if n.type == "MatMul" and len(n.inputs) == 2 and not n.recompute and \
                n.outputs[0] not in fetched:
            attrs, ins = dict(n.attrs), list(n.inputs)
            for k, flag in ((0, "transpose_a"), (1, "transpose_b")):
                p = prod.get(ins[k])
                x = _inner_transpose_input(p[1] if p is not None else None, consts)
                if x is not None:
                    ins[k] = x
                    attrs[flag] = not attrs.get(flag, False)
            if ins != n.inputs:
                n = dataclasses.replace(n, attrs=attrs, inputs=ins)
                changed = True
        out.append(n)
    return program.copy(nodes=out) if changed else program
