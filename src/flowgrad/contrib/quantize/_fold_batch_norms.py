"""TF 1.14's contrib/quantize batch-norm folding (fold_batch_norms.FoldBatchNorms): fused
batch norms of an eval graph. The training corrections (_ComputeBatchNormCorrections,
freeze_bn_delay, the FoldFusedBatchNormGrad gradient), atrous convolutions and unfused
(`BatchNorm/batchnorm`) batch norms are not implemented: `refusal` says which, and
tf.contrib.quantize refuses such a graph before rewriting anything."""
from __future__ import annotations

import collections
import re

from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import get_default_graph
from ...engine.framework.registry import RegisterGradient
from ...engine.ops import cast, construction, convolution, elementwise, linalg, shape
from ...ops import conv_ops, math_ops
from . import _graph_matcher as gm
from ._quantize import SKIPPED_PREFIXES, reroute_tensor

_BATCHNORM_RE = re.compile(r"^(.*)BatchNorm/batchnorm")


class _FusedMatch(collections.namedtuple("_FusedMatch", [
        "layer_op", "bn_op", "output_tensor", "input_tensor", "weight_tensor", "gamma",
        "beta", "mean", "variance", "batch_to_space_op", "layer_tensor"])):
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
                              m.get_op(batch_to_space), m.get_tensor(layer))


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


def refusal(graph, is_training, freeze_batch_norm_delay):
    """Why flowgrad cannot fold this graph's batch norms as TF does (None if it can: no
    batch norm to fold, or fused ones without freeze_bn_delay)."""
    for m in _fused_batch_norms(graph):
        if m.batch_to_space_op is not None:
            return f"{m.bn_op.name}: a fused batch norm after an atrous convolution"
        if is_training and freeze_batch_norm_delay is not None:
            return f"{m.bn_op.name}: freeze_bn_delay (the frozen moving averages' conds)"
        if is_training and not m.bn_op.get_attr("is_training"):
            return (f"{m.bn_op.name}: a fused batch norm built for inference in a training "
                    "graph")
    if _unfused_batch_norm_groups(graph):
        return "an unfused batch norm (`BatchNorm/batchnorm` ops)"
    return None


class _Stats(collections.namedtuple("_Stats", [
        "mean", "variance", "moving_mean", "moving_variance", "decay_mean", "decay_var"])):
    """A batch norm's statistics as folding reads them."""


def _statistics(graph, m):
    """_GetLayerMatch's statistics: a batch norm built for inference, its mean and
    variance inputs; one in training mode, its batch mean and the batch variance without
    Bessel's correction (`Undo_Bessel_Correction`), the moving averages its update reads
    (Sub(moving, batch) * decay), and its gradient becomes FoldFusedBatchNormGrad."""
    bn = m.bn_op
    if not bn.get_attr("is_training"):
        return _Stats(m.mean, m.variance, None, None, None, None)
    bn._grad_type = "FoldFusedBatchNormGrad"
    scope, sep, _ = bn.name.rpartition("/")
    with graph.as_default(), graph.name_scope(scope + sep):
        n = cast.cast(shape.size(m.layer_tensor) / shape.size(bn.outputs[1]), _dt.float32)
        variance = elementwise.multiply(bn.outputs[2], (n - 1) / n,
                                        name="Undo_Bessel_Correction")
    P = gm.OpTypePattern
    sub = P("Sub", inputs=[P("*"), P("FusedBatchNorm|FusedBatchNormV3")])
    mul = P("Mul", inputs=[sub, P("*")])
    found = {}
    for r in gm.GraphMatcher(mul).match_graph(graph):
        sub_op = r.get_op(sub)
        for k in (1, 2):
            if sub_op.inputs[1].name == bn.outputs[k].name:
                found[k] = (sub_op.inputs[0], r.get_op(mul).inputs[1])
    (moving_mean, decay_mean), (moving_var, decay_var) = (
        found.get(k, (None, None)) for k in (1, 2))
    return _Stats(bn.outputs[1], variance, moving_mean, moving_var, decay_mean, decay_var)


def _corrections(m, stats):
    """_ComputeBatchNormCorrections without freeze_bn_delay: scale sigma_b / sigma_mv on
    the weights, its reciprocal after the layer, offset 0."""
    eps = m.bn_op.get_attr("epsilon")
    with get_default_graph().name_scope("batch_norm_correction"):
        recip_sigma_mv = elementwise.rsqrt(stats.moving_variance + eps)
        recip_sigma = elementwise.rsqrt(stats.variance + eps)
        scale = shape.identity(math_ops.divide(recip_sigma_mv, recip_sigma,
                                               name="scale_compute"),
                               name="correction_scale")
        recip = elementwise.reciprocal(scale, name="reciprocal_compute")
        offset = elementwise.multiply(
            m.gamma, stats.mean * recip_sigma - stats.moving_mean * recip_sigma_mv,
            name="offset_compute")
        # (smart_cond of a False predicate: the decays stay, the offset is zeros)
        return scale, recip, construction.zeros(offset.shape)


def fold_batch_norms(graph, is_training):
    """fold_batch_norms._FoldFusedBatchNorms: each layer is cloned as `<op>_Fold` with its
    weights times gamma / sqrt(variance + epsilon) (`mul_fold`; in training first times
    the correction scale, the layer's output times its reciprocal plus the offset) and
    the bias beta - mean * that (`add_fold`), which the batch norm's consumers read."""
    matches = list(_fused_batch_norms(graph))
    matches = [(m, _statistics(graph, m)) for m in matches]
    for m, stats in matches:
        scope, sep, _ = m.layer_op.name.rpartition("/")
        with graph.as_default(), graph.name_scope(scope + sep):
            with graph.name_scope(scope + sep + "BatchNorm_Fold" + sep):
                multiplier = m.gamma * elementwise.rsqrt(
                    stats.variance + m.bn_op.get_attr("epsilon"))
                bias = elementwise.subtract(m.beta, stats.mean * multiplier, name="bias")
                scale = recip = offset = None
                if is_training:
                    scale, recip, offset = _corrections(m, stats)
                if m.layer_op.type == "DepthwiseConv2dNative":
                    new_shape = m.weight_tensor.get_shape().as_list()[2:4]
                    multiplier = shape.reshape(multiplier, new_shape, name="scale_reshape")
                    if scale is not None:
                        scale = shape.reshape(scale, new_shape, name="correction_reshape")
            weights = m.weight_tensor
            if scale is not None:
                weights = elementwise.multiply(scale, weights, name="correction_mult")
            weights = elementwise.multiply(weights, multiplier, name="mul_fold")
            layer = _clone_with_new_operands(m.layer_op, m.input_tensor, weights)
            if recip is not None:
                layer = elementwise.multiply(recip, layer, name="post_conv_mul")
                layer = elementwise.add(layer, offset, "correction_add")
            folded = elementwise.add(layer, bias, name="add_fold")
            if reroute_tensor(folded, m.output_tensor) == 0:
                raise ValueError(f"Folding batch norms failed, {m.output_tensor.name} had "
                                 "no outputs.")


@RegisterGradient("FoldFusedBatchNormGrad")
def _fold_fused_batch_norm_grad(op, unused_grad_y, grad_mean, grad_var, *unused):
    """The gradient of a folded training batch norm: through its batch mean and variance
    to its input (FusedBatchNormGrad has none for them)."""
    x = op.inputs[0]
    n = cast.cast(shape.size(x) / shape.size(grad_mean), _dt.float32)
    dmean_dx = grad_mean / n
    dvar_dx = 2 * grad_var * (x - op.outputs[1]) / (n - 1)
    return (dmean_dx + dvar_dx), None, None, None, None


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
