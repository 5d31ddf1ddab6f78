"""Grappler's FoldTransposeIntoMatMul: MatMul(Transpose(a, [1, 0]), b) -> MatMul(a, b) with
transpose_a flipped (and the same for b), as TF 1.14's arithmetic optimizer runs it.

The fold changes values: Eigen contracts a transposed operand along other strides, so the
products' sums round differently (a 2x15 by 15x1 product and its 15x2-transposed form
differ in the last bit in about half of random cases). So, like reciprocal_div.py, every
plan gets it (`grappler_division`, while the arithmetic optimizer is on), not only from
the second call, where arithmetic.py folds the same way. A MatMul whose value is fetched
keeps its operands (Grappler preserves fetched nodes): its other readers read a folded
copy, as Grappler's.

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


def _folded(n, prod, consts):
    """A copy of MatMul `n` reading its Transposes' inputs with the flags flipped, or None."""
    if n.type != "MatMul" or len(n.inputs) != 2 or n.recompute:
        return None
    attrs, ins = dict(n.attrs), list(n.inputs)
    for k, flag in ((0, "transpose_a"), (1, "transpose_b")):
        while True:   # Transpose(Transpose(a)): Grappler's later rounds fold both
            p = prod.get(ins[k])
            x = _inner_transpose_input(p[1] if p is not None else None, consts)
            if x is None:
                break
            ins[k] = x
            attrs[flag] = not attrs.get(flag, False)
    return dataclasses.replace(n, attrs=attrs, inputs=ins) if ins != n.inputs else None


def fold_transpose_matmul(program):
    """`program` with each MatMul reading a [1, 0] Transpose reading its input instead (a
    fetched one: a folded copy for its other readers)."""
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
    read = {v for n in nodes for v in n.inputs}
    out, repl = program.copy(), {}
    new_nodes = []
    for n in nodes:
        if repl and any(v in repl for v in n.inputs):
            n = n.with_inputs([repl.get(v, v) for v in n.inputs])
        f = _folded(n, prod, consts)
        if f is None:
            new_nodes.append(n)
        elif n.outputs[0] not in fetched:
            new_nodes.append(f)
        else:
            # Grappler preserves the fetched node and gives its other readers the copy
            new_nodes.append(n)
            if n.outputs[0] in read:
                v = out.new_value(program.dtypes.get(n.outputs[0]),
                                  program.shapes.get(n.outputs[0]))
                scope, _, base = n.name.rpartition("/")
                new_nodes.append(dataclasses.replace(
                    f, outputs=[v], op=None,
                    name=(scope + "/" if scope else "") +
                    "ArithmeticOptimizer/FoldTransposeIntoMatMul_" + base))
                repl[n.outputs[0]] = v
    if new_nodes == nodes:
        return program
    out.nodes = new_nodes
    return out
