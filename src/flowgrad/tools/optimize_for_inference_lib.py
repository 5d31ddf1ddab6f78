"""TF 1.14's `tensorflow.python.tools.optimize_for_inference_lib`: a frozen GraphDef made
lighter for serving: cut to what the outputs need from Placeholders (strip_unused_lib),
training-only nodes removed (graph_util.remove_training_nodes), batch normalization after
a Conv2D folded into its weights and a BiasAdd, and MirrorPad / ResizeBilinear before a
Conv2D fused into FusedPadConv2D / FusedResizeAndPadConv2D nodes (TF's ops; flowgrad runs
them: engine/ops/fused_pad_conv.py)."""
from __future__ import annotations

import collections
import re

import numpy as np

from .. import flags as flags_lib
from .. import graph_util
from .. import logging as tf_logging
from ..engine.framework import dtypes
from ..engine.framework.proto import pb
from ..ops.tensor_util import make_ndarray, make_tensor_proto
from . import strip_unused_lib

__all__ = ["EPSILON_ATTR", "INPUT_ORDER", "ensure_graph_is_valid", "fold_batch_norms",
           "fuse_resize_and_conv", "node_from_map", "node_name_from_input",
           "optimize_for_inference", "scale_after_normalization", "values_from_const"]

flags = flags_lib
FLAGS = flags.FLAGS

# the inputs of the two batch normalization ops folded, and their epsilon attrs
INPUT_ORDER = {
    "BatchNormWithGlobalNormalization": ["conv_op", "mean_op", "var_op", "beta_op",
                                         "gamma_op"],
    "FusedBatchNorm": ["conv_op", "gamma_op", "beta_op", "mean_op", "var_op"]}
EPSILON_ATTR = {"BatchNormWithGlobalNormalization": "variance_epsilon",
                "FusedBatchNorm": "epsilon"}


def optimize_for_inference(input_graph_def, input_node_names, output_node_names,
                           placeholder_type_enum, toco_compatible=False):
    """The passes above in TF's order (fuse_resize_and_conv only without
    `toco_compatible`), the graph checked before and after (ensure_graph_is_valid)."""
    ensure_graph_is_valid(input_graph_def)
    gd = strip_unused_lib.strip_unused(input_graph_def, input_node_names, output_node_names,
                                       placeholder_type_enum)
    gd = graph_util.remove_training_nodes(gd, output_node_names)
    gd = fold_batch_norms(gd)
    if not toco_compatible:
        gd = fuse_resize_and_conv(gd, output_node_names)
    ensure_graph_is_valid(gd)
    return gd


def _node_map(graph_def):
    nodes = {}
    for node in graph_def.node:
        if node.name in nodes:
            raise ValueError("Duplicate node names detected for ", node.name)
        nodes[node.name] = node
    return nodes


def ensure_graph_is_valid(graph_def):
    """ValueError (TF's tuple arguments) for a duplicate node name or an input naming no
    node."""
    nodes = _node_map(graph_def)
    for node in graph_def.node:
        for input_name in node.input:
            if node_name_from_input(input_name) not in nodes:
                raise ValueError("Input for ", node.name, " not found: ", input_name)


def node_name_from_input(node_name):
    """The node name of an input string ("^a" and "a:1" are "a")."""
    if node_name.startswith("^"):
        node_name = node_name[1:]
    m = re.search(r"(.*):\d+$", node_name)
    return m.group(1) if m else node_name


def node_from_map(node_map, name):
    """The NodeDef an input string names (ValueError if it is not in `node_map`)."""
    stripped = node_name_from_input(name)
    if stripped not in node_map:
        raise ValueError("No node named '%s' found in map." % name)
    return node_map[stripped]


def values_from_const(node_def):
    """The value of a Const NodeDef as an ndarray (ValueError for another op)."""
    if node_def.op != "Const":
        raise ValueError("Node named '%s' should be a Const op for values_from_const." %
                         node_def.name)
    return make_ndarray(node_def.attr["value"].tensor)


def scale_after_normalization(node):
    """Whether the batch norm multiplies by gamma (always, but for
    BatchNormWithGlobalNormalization's attr saying not)."""
    if node.op == "BatchNormWithGlobalNormalization":
        return node.attr["scale_after_normalization"].b
    return True


def _folding_inputs(node, nodes):
    """The Conv2D, its weights' Const and the mean/var/beta/gamma values a batch norm
    reads, or None after TF's warning where one is not as folding needs."""
    order = INPUT_ORDER[node.op]
    conv = node_from_map(nodes, node.input[order.index("conv_op")])
    if conv.op != "Conv2D":
        tf_logging.warning("Didn't find expected Conv2D input to '%s'" % node.name)
        return None
    weights_op = node_from_map(nodes, conv.input[1])
    if weights_op.op != "Const":
        tf_logging.warning("Didn't find expected conv Constant input to '%s', found %s "
                           "instead. Maybe because freeze_graph wasn't run first?" %
                           (conv.name, weights_op))
        return None
    weights = values_from_const(weights_op)
    channels = weights.shape[3]
    got = {"conv": conv, "weights_op": weights_op, "weights": weights}
    for part in ("mean", "var", "beta", "gamma"):
        op = node_from_map(nodes, node.input[order.index(part + "_op")])
        if op.op != "Const":
            tf_logging.warning("Didn't find expected %s Constant input to '%s', found %s "
                               "instead. Maybe because freeze_graph wasn't run first?" %
                               (part, node.name, op))
            return None
        value = values_from_const(op)
        if value.shape != (channels,):
            tf_logging.warning("Incorrect shape for %s, found %s, expected %s, for node %s"
                               % (part, str(value.shape), str((channels,)), node.name))
            return None
        got[part + "_op"], got[part] = op, value
    return got


def fold_batch_norms(input_graph_def):
    """Each BatchNormWithGlobalNormalization / FusedBatchNorm of a Conv2D with constant
    weights and statistics replaced by the Conv2D of scaled weights and a BiasAdd (named
    as the batch norm) of an offset Const (<conv>_bn_offset), these four nodes after the
    rest; others are left, with TF's warning. ValueError for duplicate node names."""
    p = pb()
    nodes = _node_map(input_graph_def)
    skip, new_ops = set(), []
    for node in input_graph_def.node:
        if node.op not in INPUT_ORDER:
            continue
        f = _folding_inputs(node, nodes)
        if f is None:
            continue
        conv, weights_op = f["conv"], f["weights_op"]
        skip.update((node.name, weights_op.name, f["mean_op"].name, f["var_op"].name,
                     f["beta_op"].name, f["gamma_op"].name, conv.name))
        eps = node.attr[EPSILON_ATTR[node.op]].f
        # (TF: 1 / math.sqrt of each element, in double, times gamma)
        scale = 1.0 / np.sqrt((f["var"] + eps).astype(np.float64))
        if scale_after_normalization(node):
            scale = scale * f["gamma"]
        offset = (-f["mean"] * scale) + f["beta"]
        weights = f["weights"]
        scaled = (weights * scale).astype(weights.dtype)   # per output channel (last axis)
        w_node = p.node_def_pb2.NodeDef(op="Const", name=weights_op.name)
        w_node.attr["dtype"].CopyFrom(weights_op.attr["dtype"])
        w_node.attr["value"].CopyFrom(p.attr_value_pb2.AttrValue(
            tensor=make_tensor_proto(scaled, weights.dtype.type, weights.shape)))
        new_conv = p.node_def_pb2.NodeDef()
        new_conv.CopyFrom(conv)
        off_node = p.node_def_pb2.NodeDef(op="Const", name=conv.name + "_bn_offset")
        off_node.attr["dtype"].CopyFrom(f["mean_op"].attr["dtype"])
        off_node.attr["value"].CopyFrom(p.attr_value_pb2.AttrValue(
            tensor=make_tensor_proto(offset, f["mean"].dtype.type, offset.shape)))
        bias = p.node_def_pb2.NodeDef(op="BiasAdd", name=node.name)
        bias.attr["T"].CopyFrom(conv.attr["T"])
        bias.attr["data_format"].CopyFrom(conv.attr["data_format"])
        bias.input.extend([new_conv.name, off_node.name])
        new_ops.extend([w_node, new_conv, off_node, bias])
    out = p.graph_pb2.GraphDef()
    for node in input_graph_def.node:
        if node.name not in skip:
            out.node.add().CopyFrom(node)
    out.node.extend(new_ops)
    return out


def fuse_resize_and_conv(input_graph_def, output_node_names):
    """Each Conv2D reading a MirrorPad (of a ResizeBilinear) or a ResizeBilinear replaced
    by one FusedPadConv2D / FusedResizeAndPadConv2D node of its name (after the rest; a
    REFLECT padding of zeros, <conv>_dummy_paddings, where there was no MirrorPad); the
    fused ops are dropped when nothing else reads them. ValueError for duplicate names."""
    p = pb()
    nodes = _node_map(input_graph_def)
    refs = collections.defaultdict(int)
    for node in input_graph_def.node:
        for input_name in node.input:
            refs[node_name_from_input(input_name)] += 1
    for name in output_node_names:
        refs[name] += 1
    new_ops = []
    for conv in input_graph_def.node:
        if conv.op != "Conv2D":
            continue
        src = node_from_map(nodes, conv.input[0])
        pad, resize = (src, None) if src.op == "MirrorPad" else (None, None)
        if pad is not None:
            inner = node_from_map(nodes, pad.input[0])
            resize = inner if inner.op == "ResizeBilinear" else None
        elif src.op == "ResizeBilinear":
            resize = src
        if pad is None and resize is None:
            continue
        refs[conv.name] = 0
        for fused in (pad, resize):
            if fused is not None:
                refs[fused.name] -= 1
        node = p.node_def_pb2.NodeDef(
            op="FusedResizeAndPadConv2D" if resize is not None else "FusedPadConv2D",
            name=conv.name)
        if pad is not None:
            paddings, mode = pad.input[1], pad.attr["mode"]
        else:
            dummy = p.node_def_pb2.NodeDef(op="Const", name=conv.name + "_dummy_paddings")
            dummy.attr["dtype"].CopyFrom(
                p.attr_value_pb2.AttrValue(type=dtypes.int32.as_datatype_enum))
            dummy.attr["value"].CopyFrom(p.attr_value_pb2.AttrValue(
                tensor=make_tensor_proto([0] * 8, dtypes.int32, [4, 2])))
            new_ops.append(dummy)
            paddings, mode = dummy.name, p.attr_value_pb2.AttrValue(s=b"REFLECT")
        if resize is not None:
            node.input.extend([resize.input[0], resize.input[1], paddings, conv.input[1]])
            node.attr["resize_align_corners"].CopyFrom(resize.attr["align_corners"])
        else:
            node.input.extend([pad.input[0], paddings, conv.input[1]])
        node.attr["T"].CopyFrom(conv.attr["T"])
        node.attr["mode"].CopyFrom(mode)
        node.attr["strides"].CopyFrom(conv.attr["strides"])
        node.attr["padding"].CopyFrom(conv.attr["padding"])
        new_ops.append(node)
    out = p.graph_pb2.GraphDef()
    for node in input_graph_def.node:
        if refs[node.name] >= 1:
            out.node.add().CopyFrom(node)
    out.node.extend(new_ops)
    return out
