"""TF 1.14's contrib/quantize batch-norm folding (fold_batch_norms.FoldBatchNorms): fused
batch norms of an eval graph. The training corrections (_ComputeBatchNormCorrections,
freeze_bn_delay, the FoldFusedBatchNormGrad gradient), atrous convolutions and unfused
(`BatchNorm/batchnorm`) batch norms are not implemented: `refusal` says which, and
tf.contrib.quantize refuses such a graph before rewriting anything."""
from __future__ import annotations

import collections
import re

from ...engine.ops import convolution, elementwise, linalg, shape
from ...ops import conv_ops
from . import _graph_matcher as gm
from ._quantize import SKIPPED_PREFIXES, reroute_tensor

_BATCHNORM_RE = re.compile(r"^(.*)BatchNorm/batchnorm")


class _FusedMatch(collections.namedtuple("_FusedMatch", [
        "layer_op", "bn_op", "output_tensor", "input_tensor", "weight_tensor", "gamma",
        "beta", "mean", "variance", "batch_to_space_op"])):
    """One FusedBatchNorm TF folds into the layer before it."""


def _fused_batch_norms(graph):
    """fold_batch_norms._FindFusedBatchNorms: the FusedBatchNorm(V3) ops of a conv /
    depthwise conv / matmul (through an Identity, BatchToSpaceND or Reshape) TF folds: a
    MatMul's only with the Reshape of its output, and only an output with consumers. (TF's
    other matcher, an Identity of two inputs, matches no graph.)"""
    P, Oneof = gm.OpTypePattern, gm.OneofPattern
    inp, weight, gamma, beta, mean, variance = (P("*") for _ in range(6))
    layer = P("Conv2D|DepthwiseConv2dNative|MatMul", inputs=[inp, weight])
    batch_to_space = P("BatchToSpaceND", inputs=[layer, P("*"), P("*")])
    with_identity = P("Identity", inputs=[Oneof([batch_to_space, layer])])
    layer_output = Oneof([with_identity, layer, batch_to_space])
    matmul_reshape = P("Reshape", inputs=[layer_output, P("*")])
    batch_norm = P("FusedBatchNorm|FusedBatchNormV3", inputs=[
        Oneof([matmul_reshape, layer_output]), gamma, beta, mean, variance])
    output_reshape = P("Reshape", inputs=[batch_norm, P("*")])
    matched = set()
    for m in gm.GraphMatcher(Oneof([output_reshape, batch_norm])).match_graph(graph):
        output = m.get_op(batch_norm).outputs[0]
        if m.get_op(layer).type == "MatMul":
            if m.get_op(output_reshape) is None:
                continue
            output = m.get_op(output_reshape).outputs[0]
        if output.consumers() and m.get_op(layer) not in matched:
            matched.add(m.get_op(layer))
            yield _FusedMatch(m.get_op(layer), m.get_op(batch_norm), output,
                              m.get_tensor(inp), m.get_tensor(weight), m.get_tensor(gamma),
                              m.get_tensor(beta), m.get_tensor(mean), m.get_tensor(variance),
                              m.get_op(batch_to_space))


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


def refusal(graph, is_training):
    """Why flowgrad cannot fold this graph's batch norms as TF does (None if it can: no
    batch norm to fold, or fused ones in an eval graph, built for inference)."""
    for m in _fused_batch_norms(graph):
        if is_training or m.bn_op.get_attr("is_training"):
            return (f"{m.bn_op.name}: a fused batch norm in a training graph (or built "
                    "with is_training=True): the batch-statistics corrections")
        if m.batch_to_space_op is not None:
            return f"{m.bn_op.name}: a fused batch norm after an atrous convolution"
    if _unfused_batch_norm_groups(graph):
        return "an unfused batch norm (`BatchNorm/batchnorm` ops)"
    return None


def fold_batch_norms(graph):
    """fold_batch_norms._FoldFusedBatchNorms for an eval graph: each layer is cloned as
    `<op>_Fold` with its weights times gamma / sqrt(variance + epsilon) (`mul_fold`) and
    the bias beta - mean * that (`add_fold`), which the batch norm's consumers read."""
    for m in list(_fused_batch_norms(graph)):
        scope, sep, _ = m.layer_op.name.rpartition("/")
        with graph.as_default(), graph.name_scope(scope + sep):
            with graph.name_scope(scope + sep + "BatchNorm_Fold" + sep):
                multiplier = m.gamma * elementwise.rsqrt(
                    m.variance + m.bn_op.get_attr("epsilon"))
                bias = elementwise.subtract(m.beta, m.mean * multiplier, name="bias")
                if m.layer_op.type == "DepthwiseConv2dNative":
                    multiplier = shape.reshape(
                        multiplier, m.weight_tensor.get_shape().as_list()[2:4],
                        name="scale_reshape")
            weights = elementwise.multiply(m.weight_tensor, multiplier, name="mul_fold")
            layer = _clone_with_new_operands(m.layer_op, m.input_tensor, weights)
            folded = elementwise.add(layer, bias, name="add_fold")
            if reroute_tensor(folded, m.output_tensor) == 0:
                raise ValueError(f"Folding batch norms failed, {m.output_tensor.name} had "
                                 "no outputs.")


def _clone_with_new_operands(layer_op, input_tensor, weight_tensor):
    name = layer_op.name.split("/")[-1] + "_Fold"

    def attr(key):
        value = layer_op.get_attr(key)
        return value.decode() if isinstance(value, bytes) else value
    if layer_op.type == "Conv2D":
        return convolution.conv2d(
            input_tensor, weight_tensor, strides=attr("strides"), padding=attr("padding"),
            use_cudnn_on_gpu=attr("use_cudnn_on_gpu"), data_format=attr("data_format"),
            name=name)
    if layer_op.type == "MatMul":
        return linalg.matmul(input_tensor, weight_tensor, transpose_a=attr("transpose_a"),
                             transpose_b=attr("transpose_b"), name=name)
    return conv_ops.depthwise_conv2d(input_tensor, weight_tensor, strides=attr("strides"),
                                     padding=attr("padding"), name=name)
