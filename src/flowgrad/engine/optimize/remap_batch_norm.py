"""Grappler's remapper: a FusedBatchNorm in inference runs as primitive ops.

TF 1.14's remapper (RewriterConfig.remapping, on by default) replaces a float32
FusedBatchNorm with is_training=False by Add(variance, epsilon) -> Rsqrt -> Mul(., scale)
= s, then Add(Mul(x, s), Sub(offset, Mul(mean, s))), when its scale and variance are
constants (or at least 4 of its 5 inputs are) and nothing in the graph of the run (pruned
to its fetches) reads its outputs other than y. The kernel itself computes
(x - mean) * s + offset, so the two round differently: a tf.layers or keras
BatchNormalization reading its variables in inference is never remapped, a
tf.nn.fused_batch_norm of constant statistics is. Like remap_matmul.py, the node gets
`remapped=True`, which its kernel reads.
"""
from __future__ import annotations

from ..framework import dtypes as _dt
from ._util import constant_only, with_attr

_TYPES = frozenset({"FusedBatchNorm", "FusedBatchNormV2"})


def remap_fused_batch_norm(program, folding=True):
    """`program` with each FusedBatchNorm that Grappler remaps into primitive ops marked.
    With constant folding on (`folding`), one of constant inputs only that the run does
    not fetch is folded first, by the kernel."""
    if not any(n.type in _TYPES for n in program.nodes):
        return program
    read = set()
    for n in program.nodes:
        read.update(n.inputs)
    consts = constant_only(program.nodes)
    fetched = set(program.fetches)
    marked = set()
    for n in program.nodes:
        if n.type not in _TYPES or n.attrs.get("is_training", True) or n.recompute \
                or len(n.inputs) != 5 or program.dtypes.get(n.outputs[0]) != _dt.float32:
            continue
        const = [v in consts for v in n.inputs]
        if not (const[1] and const[4] or sum(const) >= 4):
            continue
        if folding and all(const) and not fetched.intersection(n.outputs):
            continue     # constant folding, which runs first, folds it
        if any(v in read for v in n.outputs[1:]):
            continue     # the primitive ops give y only
        marked.add(id(n))
    return with_attr(program, marked, "remapped")
