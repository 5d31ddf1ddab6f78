"""Where TF 1.14's contrib/quantize folds batch norms (fold_batch_norms.FoldBatchNorms),
which flowgrad does not implement yet: tf.contrib.quantize refuses such a graph before
rewriting anything."""
from __future__ import annotations

import re

from . import _graph_matcher as gm
from ._quantize import SKIPPED_PREFIXES

_BATCHNORM_RE = re.compile(r"^(.*)BatchNorm/batchnorm")


def _fused_batch_norms(graph):
    """fold_batch_norms._FindFusedBatchNorms: the FusedBatchNorm(V3) ops of a conv /
    depthwise conv / matmul (through an Identity, BatchToSpaceND or Reshape) TF folds: a
    MatMul's only with the Reshape of its output, and only an output with consumers. (TF's
    other matcher, an Identity of two inputs, matches no graph.)"""
    P, Oneof = gm.OpTypePattern, gm.OneofPattern
    layer = P("Conv2D|DepthwiseConv2dNative|MatMul", inputs=[P("*"), P("*")])
    batch_to_space = P("BatchToSpaceND", inputs=[layer, P("*"), P("*")])
    with_identity = P("Identity", inputs=[Oneof([batch_to_space, layer])])
    layer_output = Oneof([with_identity, layer, batch_to_space])
    matmul_reshape = P("Reshape", inputs=[layer_output, P("*")])
    batch_norm = P("FusedBatchNorm|FusedBatchNormV3", inputs=[
        Oneof([matmul_reshape, layer_output]), P("*"), P("*"), P("*"), P("*")])
    output_reshape = P("Reshape", inputs=[batch_norm, P("*")])
    for m in gm.GraphMatcher(Oneof([output_reshape, batch_norm])).match_graph(graph):
        output = m.get_op(batch_norm).outputs[0]
        if m.get_op(layer).type == "MatMul":
            if m.get_op(output_reshape) is None:
                continue
            output = m.get_op(output_reshape).outputs[0]
        if output.consumers():
            yield m.get_op(batch_norm)


def _unfused_batch_norm_groups(graph):
    """common.BatchNormGroups, kept where TF would fold them (_IsValidUnfusedBatchNorm:
    the batch norm's output has consumers)."""
    groups = []
    for op in graph.get_operations():
        found = _BATCHNORM_RE.search(op.name)
        if found and not found.group(1).startswith(SKIPPED_PREFIXES):
            if found.group(1) not in groups:
                groups.append(found.group(1))
    out = []
    for bn in groups:
        try:
            add_shift = graph.get_operation_by_name(bn + "BatchNorm/batchnorm_1/add_1")
        except KeyError:
            out.append(bn)  # (TF's get_operation_by_name raises here: not supported either)
            continue
        if add_shift.outputs[0].consumers():
            out.append(bn)
    return out


def batch_norm_to_fold(graph):
    """"fused" or "unfused" where TF's FoldBatchNorms would fold a batch norm, else None."""
    if any(True for _ in _fused_batch_norms(graph)):
        return "fused"
    return "unfused" if _unfused_batch_norm_groups(graph) else None
