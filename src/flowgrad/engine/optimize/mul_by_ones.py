"""Grappler's constant folding of a Mul by tf.gradients' ones into a BroadcastTo (values
change downstream).

TF 1.14's SimplifyArithmeticOperations, which its constant folding runs on each node
before ConstantPushDown, rewrites `Mul(ones, y)` (or `Mul(y, ones)`), the ones a
constant, by the shapes its GraphProperties infers: where y's shape is symbolically the
output's, an Identity or a Snapshot (flowgrad folds the ones away instead, with the same
values); where it is not proven equal but the ones' shape is the output's, a
`BroadcastTo(y, <the ones' shape>)` named `ConstantFolding/<mul>-broadcastto_shape-1`
for its shape. The BroadcastTo is no Mul: ConstantPushDown and MinimizeBroadcasts stop
at it, so a reader's constant is not pushed into y's chain. A dynamic_rnn output's time
dim is unknown to Grappler (TensorArrayGatherV3), so in
`tf.gradients(reduce_sum(square(out * 1.5)))` the Square gradient `ones * (out * 3.0)`
becomes a BroadcastTo and the chain runs as `(3 * out) * 1.5`, not `4.5 * out`
(golden math/gated_grads mul_by_ones_broadcast_to).

Before/after (out's Grappler shape [3, ?, 8], static [3, 7, 8]):

    v5 = Mul(v_ones, v4)        ->  v9 = Const()  # [3, 7, 8]
                                    v5 = BroadcastTo(v4, v9)
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import OPS
from ..framework.tensor_shape import TensorShape
from ..runtime.ir import Node
from .simplify_aggregation import _ones
from .symbolic_shapes import symbolic_shapes

_UNKNOWN_OPS = frozenset({"TensorArrayGatherV3"})


def broadcast_mul_by_ones(program, unknown=None):
    """`program` with each Mul by constant ones whose other input Grappler cannot prove of
    the output's shape made a BroadcastTo (module docstring). `unknown`: the feeds whose
    shapes Grappler does not know (symbolic_shapes)."""
    if not any(n.type == "TensorArrayGatherV3" for n in program.nodes):
        return program    # (the one source of such unknown dims modelled here)
    producer = {v: n for n in program.nodes for v in n.outputs}
    fetched = set(program.fetches)
    sym = None
    out = None
    nodes = []
    for n in program.nodes:
        if n.type != "Mul" or len(n.inputs) != 2 or n.recompute or len(n.outputs) != 1 \
                or n.outputs[0] in fetched:
            nodes.append(n)
            continue
        v = n.outputs[0]
        shape = program.shapes.get(v)
        if shape is None or not shape.is_fully_defined():
            nodes.append(n)
            continue
        target = tuple(shape.as_list())
        y = None
        for one, other in ((0, 1), (1, 0)):
            o = program.shapes.get(n.inputs[one])
            y_shape = program.shapes.get(n.inputs[other])
            if o is not None and o.is_fully_defined() and tuple(o.as_list()) == target and \
                    y_shape is not None and y_shape.ndims == len(target) and \
                    _ones(producer.get(n.inputs[one]), producer):
                y = n.inputs[other]
                break
        if y is None:
            nodes.append(n)
            continue
        if sym is None:
            sym = symbolic_shapes(program, unknown, _UNKNOWN_OPS)
        if sym.get(y) == target:
            nodes.append(n)    # an Identity / Snapshot: the ones fold away as they do
            continue
        if out is None:
            out = program.copy()
        sv = out.new_value(_dt.int32, TensorShape([len(target)]))
        const = np.asarray(target, dtype=np.int32)
        nodes.append(Node("Const", OPS["Const"], {"value": const, "dtype": _dt.int32}, [],
                          [sv], f"ConstantFolding/{n.name}-broadcastto_shape-1", None, False))
        out.persistent.add(sv)
        nodes.append(Node("BroadcastTo", OPS["BroadcastTo"], {}, [y, sv], [v],
                          n.name, None, False))
    if out is None:
        return program
    out.nodes = nodes
    return out
