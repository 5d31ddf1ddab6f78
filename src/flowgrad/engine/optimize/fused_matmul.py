"""Grappler's remapper: MatMul + BiasAdd -> _FusedMatMul, as TF 1.14 runs it.

TF 1.14's remapper (on by default in a Session) fuses a float32 MatMul whose only reader
is a BiasAdd (and whose value is not fetched) into one _FusedMatMul, which always runs
the tensor contraction (MKL-DNN's sgemm: fused multiply-adds), never the matrix-vector
kernel a plain MatMul with one output column takes. A dense layer with one unit -- the
logit of every binary classifier and CTR model -- therefore prints other last bits than
its MatMul alone. This pass marks such MatMuls (attr `_fused_bias`); the MatMul kernel
(ops/linalg.py) computes a marked product with one output column in the contraction's
order. Products with more columns run the contraction either way (no change).

Like reciprocal_div.py (values change, so every plan gets it), applied by
`grappler_division` while remapping is on (RewriterConfig(remapping=OFF) and
disable_meta_optimizer keep the plain MatMul) and the graph has at least
MIN_GRAPH_NODES ops; not in while-loop bodies, whose fused RNN runners compute their
products as the plain MatMul does.

Before/after:

    v2 = MatMul(v0, v1)                v2 = MatMul[_fused_bias](v0, v1)
    v4 = BiasAdd(v2, v3)       ->      v4 = BiasAdd(v2, v3)
"""
from __future__ import annotations

import dataclasses

from ..framework import dtypes as _dt


def fuse_matmul_bias(program):
    """`program` with each MatMul that Grappler would fuse with its BiasAdd marked."""
    readers = {}
    for n in program.nodes:
        for v in n.inputs:
            readers[v] = readers.get(v, 0) + 1
    fetched = set(program.fetches)
    fused = set()
    for n in program.nodes:
        if n.type == "BiasAdd" and n.inputs:
            fused.add(n.inputs[0])
    nodes, changed = [], False
    for n in program.nodes:
        if n.type == "MatMul" and len(n.outputs) == 1 and not n.recompute:
            v = n.outputs[0]
            if v in fused and readers.get(v) == 1 and v not in fetched and \
                    getattr(program.dtypes.get(v), "base_dtype", None) == _dt.float32 and \
                    not n.attrs.get("_fused_bias"):
                n = dataclasses.replace(n, attrs=dict(n.attrs, _fused_bias=True))
                changed = True
        nodes.append(n)
    return program.copy(nodes=nodes) if changed else program
