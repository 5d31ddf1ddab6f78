"""Grappler's constant folding of `Rank(x)` by a rank x's readers imply.

TF 1.14's GraphProperties merges shapes symbolically: an Identity's output is its input's
shape handle, and a Transpose by a constant perm of n entries asks its input for rank n
(the shape function's WithRank, which the SymbolicShapeManager merges back into the handle).
So a placeholder of unknown rank read by `Identity -> Transpose(perm=[1, 0, 2])` has rank 3
in Grappler's eyes, and MaterializeShapes folds its `Rank` into a Const 3, even when the
value fed has another rank. tf.image.transpose_image's _AssertAtLeast3DImage then never
fails (`Rank >= 3` is a constant true) and a 2-D feed fails in the Transpose kernel
("transpose expects a vector of size 2. But input(1) is a vector of size 3"), as the oracle
shows; with constant folding off TF reports the assert. A fetched Rank is kept (Grappler
preserves fetches).

Before/after (x fed, of unknown static rank):

    v7 = Rank(v0)                        ->  v7 = Const()   # 3
    v15 = Identity(v0)
    v17 = Transpose(v15, v16)            # v16 = Const [1, 0, 2]
"""
from __future__ import annotations

import numpy as np

from ..framework.registry import OPS
from ..runtime.ir import Node

_SAME_HANDLE = frozenset({"Identity"})


def implied_rank_folding(program):
    parent = {}

    def find(v):
        while parent.get(v, v) != v:
            v = parent[v]
        return v

    consts = {}
    for n in program.nodes:
        if n.type == "Const" and not n.inputs and n.outputs:
            consts[n.outputs[0]] = n.attrs["value"]
        elif n.type in _SAME_HANDLE and n.inputs and n.outputs:
            parent[find(n.outputs[0])] = find(n.inputs[0])
    implied = {}
    for n in program.nodes:
        if n.type == "Transpose" and len(n.inputs) == 2 and n.inputs[1] in consts:
            implied[find(n.inputs[0])] = int(np.size(consts[n.inputs[1]]))
    if not implied:
        return program
    fetched = set(program.fetches)
    nodes = []
    changed = False
    for n in program.nodes:
        shape = program.shapes.get(n.inputs[0]) if n.type == "Rank" and n.inputs else None
        rank = implied.get(find(n.inputs[0])) if n.type == "Rank" and n.inputs else None
        if rank is not None and n.outputs[0] not in fetched and \
                (shape is None or shape.ndims is None):
            nodes.append(Node("Const", OPS["Const"], {"value": np.int32(rank),
                              "dtype": program.dtypes.get(n.outputs[0])},
                              [], [n.outputs[0]], n.name, None, False))
            changed = True
        else:
            nodes.append(n)
    if not changed:
        return program
    out = program.copy(nodes=nodes)
    out.persistent.update(n.outputs[0] for n in nodes if n.type == "Const")
    return out
