"""TF 1.14's contrib/quantize rewrite (quantize.py, common.py, input_to_ops.py): finds the
conv / fully connected layers of a graph and reroutes their weights, activations and
bypass adds through fake-quant ops."""
from __future__ import annotations

import collections
import re

from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import get_default_graph
from ...engine.framework.graph_keys import GraphKeys
from ...engine.ops.comparison import greater_equal
from ...engine.ops.control_flow import cond
from ...engine.ops.shape import identity
from ...ops import init_ops, state_ops, variable_scope
from ...ops.variables import VariableAggregation
from . import _graph_matcher as gm
from . import _quant_ops as quant_ops


SKIPPED_PREFIXES = ("gradients/", "RMSProp/", "Adagrad/", "Const_", "HistogramSummary",
                    "ScalarSummary")
_QUANTIZABLE_TYPES = "Conv2D|MatMul|DepthwiseConv2dNative"
_ACTIVATION_TYPES = {"Relu", "Relu6", "Identity"}
_RELU_TYPES = {"Relu", "Relu6"}
_VALID_SRC_OP = {"Add", "Mul"}
_PASS_THROUGH_OP = {"Reshape", "Identity", "BatchToSpaceND", "SpaceToBatchND"}


# -- common.py / input_to_ops.py ------------------------------------------------------------

class _Consumers:
    """input_to_ops.InputToOps: the ops (outside SKIPPED_PREFIXES) consuming each tensor,
    as the graph was when made (TF does not update it as the rewrite inserts ops)."""

    def __init__(self, graph):
        self.mapping = collections.defaultdict(set)
        for op in graph.get_operations():
            if not op.name.startswith(SKIPPED_PREFIXES):
                for t in op.inputs:
                    self.mapping[t].add(op)

    def of(self, producer_op):
        out = set()
        for t in producer_op.outputs:
            out.update(self.mapping[t])
        return out


def quantization_step():
    """common.CreateOrGetQuantizationStep: `fake_quantization_step` (int64, counted up by
    one each run through the AssignAdd) read as `fake_quantization_step/Identity:0`."""
    g = get_default_graph()
    try:
        return g.get_tensor_by_name("fake_quantization_step/Identity:0")
    except KeyError:
        pass
    with g.name_scope(None):
        step = variable_scope.get_variable(
            "fake_quantization_step", shape=[], dtype=_dt.int64,
            initializer=init_ops.zeros_initializer(), trainable=False,
            collections=[GraphKeys.GLOBAL_VARIABLES],
            aggregation=VariableAggregation.ONLY_FIRST_REPLICA)
        with g.name_scope(step.op.name + "/"):
            return identity(state_ops.assign_add(step, 1))


def reroute_tensor(t0, t1, can_modify=None):
    """common.RerouteTensor: `t1`'s consumers (those in `can_modify`) read `t0` instead;
    the number of inputs changed."""
    consumers = [c for c in t1.consumers() if can_modify is None or c in can_modify]
    indices = {c: [i for i, t in enumerate(c.inputs) if t is t1] for c in consumers}
    count = 0
    for c in consumers:
        for i in indices[c]:
            c._update_input(i, t0)
            count += 1
    return count


def _context(name):
    found = re.search(r"^(.*)/([^/]+)", name)
    return found.group(1) if found else ""


# -- the layer patterns ---------------------------------------------------------------------

class _LayerMatch(collections.namedtuple("_LayerMatch", [
        "layer_op", "weight_tensor", "activation_op", "bypass_op",
        "post_activation_bypass_op", "bias_add_op"])):
    """One matched layer: the ops the rewrite quantizes around."""


def _find_layers_to_quantize(graph):
    """quantize._FindLayersToQuantize: the layers, largest match first (a post-activation
    bypass, then up to an activation, then a final bias add, then separable convs)."""
    P, Oneof = gm.OpTypePattern, gm.OneofPattern
    weight_var = P("Variable|VariableV2")
    weight_partition_identity = P("Identity", inputs=[weight_var])
    weight_partition_concat = P("ConcatV2", inputs=[weight_partition_identity, "*", "*"])
    weight_identity = P("Identity", inputs=[
        Oneof([weight_partition_identity, weight_partition_concat, weight_var])])
    weight_resource_var = P("ReadVariableOp")
    folded_weight = P("Mul")
    layer = P(_QUANTIZABLE_TYPES, inputs=[
        P("*"), Oneof([weight_identity, weight_resource_var, folded_weight])],
        ordered_inputs=False)
    batch_to_space = P("BatchToSpaceND", inputs=[layer, P("*"), P("*")])
    layer_output = Oneof([batch_to_space, layer])
    sep_conv = P(_QUANTIZABLE_TYPES, inputs=[Oneof([layer_output]), P("*")],
                 ordered_inputs=False)
    folded_bias_mul = P("Mul", inputs=[P("*"), layer_output], ordered_inputs=False)
    post_layer_correction = P("Add", inputs=[folded_bias_mul, P("*")], ordered_inputs=False)
    folded_bias_add = P("Add", inputs=[post_layer_correction, P("*")], ordered_inputs=False)
    batch_norm_identity = P("Identity", inputs=[folded_bias_add])
    bias_add = P("Add|BiasAdd", inputs=[layer_output, "*"], ordered_inputs=False)
    bypass = P("Add", inputs=[Oneof([bias_add, folded_bias_add, batch_norm_identity]), "*"],
               ordered_inputs=False)
    activation = P("Relu|Relu6|Identity", inputs=[
        Oneof([bias_add, folded_bias_add, batch_norm_identity, bypass, layer])])
    post_activation_bypass = P("Add", inputs=["*", activation], ordered_inputs=False)

    def weight(m, folded=True):
        t = m.get_tensor(weight_identity)
        if t is None:
            t = m.get_tensor(weight_resource_var)
        if t is None and folded:
            t = m.get_tensor(folded_weight)
        return t

    def bias(m):
        op = m.get_op(bias_add)
        return op if op is not None else m.get_op(folded_bias_add)

    matches, matched = [], set()

    def add(layer_op, *rest):
        matched.add(layer_op)
        matches.append(_LayerMatch(layer_op, *rest))

    for m in gm.GraphMatcher(post_activation_bypass).match_graph(graph):
        if m.get_op(layer) not in matched:
            add(m.get_op(layer), weight(m), m.get_op(activation), m.get_op(bypass),
                m.get_op(post_activation_bypass), bias(m))
    for m in gm.GraphMatcher(activation).match_graph(graph):
        if m.get_op(layer) not in matched and not _is_skip_layer(m.get_op(activation)):
            add(m.get_op(layer), weight(m), m.get_op(activation), m.get_op(bypass), None,
                bias(m))
    for m in gm.GraphMatcher(Oneof([bias_add, folded_bias_add])).match_graph(graph):
        if m.get_op(layer) not in matched:
            add(m.get_op(layer), weight(m), bias(m), None, None, None)
    for m in gm.GraphMatcher(sep_conv).match_graph(graph):
        if m.get_op(layer) not in matched:
            add(m.get_op(layer), weight(m, folded=False), m.get_op(layer), None, None, None)
    return matches


def _is_skip_layer(activation_op):
    """A conv/fc -> Identity -> FusedBatchNorm (the statistics of a folded batch norm)."""
    if activation_op.type == "Identity" and len(activation_op.outputs) == 1:
        consumers = activation_op.outputs[0].consumers()
        return len(consumers) == 1 and consumers[0].type in ("FusedBatchNorm",
                                                             "FusedBatchNormV3")
    return False


# -- the rewrite ----------------------------------------------------------------------------

def quantize(graph, is_training, weight_bits=8, activation_bits=8, symmetric=False,
             ema_decay=0.999, quant_delay=None, vars_collection=GraphKeys.GLOBAL_VARIABLES,
             scope=None):
    """quantize.Quantize: fake-quant ops after each matched layer's weights (last-value
    range, narrow), activation (moving-average range from 0), bypass inputs and outputs,
    then after the Adds / Muls of quantized values."""
    if scope and not scope.endswith("/"):
        scope += "/"
    consumers = _Consumers(graph)
    quantized = set()
    common = dict(is_training=is_training, ema_decay=ema_decay, quant_delay=quant_delay,
                  vars_collection=vars_collection, bits=activation_bits,
                  symmetric=symmetric)
    for m in _find_layers_to_quantize(graph):
        context = _context(m.layer_op.name)
        if m.weight_tensor is not None:
            _insert_quant_op(context, "weights_quant", m.weight_tensor.op,
                             consumers.of(m.weight_tensor.op), **dict(
                                 common, moving_avg=False, narrow_range=True,
                                 bits=weight_bits), consumer_scope=scope)
        add_context = _context(context) if m.bypass_op else context
        if m.activation_op is not None:
            _insert_quant_op(add_context, "act_quant", m.activation_op,
                             consumers.of(m.activation_op), init_min=0.0,
                             producer_scope=scope, **common)
            quantized.add(m.activation_op)
        if m.bypass_op is not None:
            _insert_quant_op(context, "conv_quant", m.bias_add_op, consumers.of(m.bias_add_op),
                             producer_scope=scope, consumer_scope=scope, **common)
            quantized.add(m.bias_add_op)
            # (an activation after the bypass is fused into the Add at inference)
            if not any(c.type in _ACTIVATION_TYPES for c in consumers.of(m.bypass_op)):
                _insert_quant_op(add_context, "add_quant", m.bypass_op,
                                 consumers.of(m.bypass_op), producer_scope=scope,
                                 consumer_scope=scope, **common)
                quantized.add(m.bypass_op)
        post = m.post_activation_bypass_op
        if post is not None:
            post_consumers = consumers.of(post)
            if not any(c.type in _RELU_TYPES for c in post_consumers):
                _insert_quant_op(_context(post.name), "post_activation_bypass_quant", post,
                                 post_consumers, producer_scope=scope, **common)
                quantized.add(post)
    common.pop("symmetric")
    consumers = _Consumers(graph)
    for op in graph.get_operations():
        if _is_quantizable_add_or_mul(op, quantized):
            _insert_quant_op(op.name, f"activation_{op.type}_quant", op, consumers.of(op),
                             producer_scope=scope, **common)


def _is_quantizable_add_or_mul(op, quantized):
    """quantize._CheckIfQuantizableOp: an Add / Mul not yet quantized nor followed by a
    Relu, with an input (through pass-through ops) that is a fake quant or such an op."""
    if op in quantized or op.type not in _VALID_SRC_OP:
        return False
    if len(op.outputs) == 1 and len(op.outputs[0].consumers()) == 1:
        if op.outputs[0].consumers()[0].type in _RELU_TYPES:
            return False
    for t in op.inputs:
        src = t.op
        while src.type in _PASS_THROUGH_OP:
            src = src.inputs[0].op
        if src.type == "FakeQuantWithMinMaxVars" or src.name.find("delayed_quant/Merge") > 0:
            return True
        if src.type in _VALID_SRC_OP:
            if any(_is_quantizable_add_or_mul(i.op, quantized) for i in src.inputs):
                return True
    return False


def _followed_by_fake_quant(tensor):
    consumers = tensor.consumers()
    while consumers:
        c = consumers.pop()
        if c.type in ("FakeQuantWithMinMaxVars", "FakeQuantWithMinMaxArgs",
                      "FakeQuantWithMinMaxVarsPerChannel"):
            return True
        if c.type in ("Reshape", "Identity"):
            for out in c.outputs:
                consumers.extend(out.consumers())
    return False


def _insert_quant_op(context, name, producer, consumers, is_training, moving_avg=True,
                     init_min=-6.0, init_max=6.0, bits=8, symmetric=False, ema_decay=0.999,
                     quant_delay=None, vars_collection=GraphKeys.GLOBAL_VARIABLES,
                     narrow_range=False, producer_scope=None, consumer_scope=None):
    """quantize._InsertQuantOp: a fake quant of `producer`'s output (behind a cond on the
    quantization step when `quant_delay` > 0) that `consumers` read instead."""
    if producer_scope and not producer.name.startswith(producer_scope):
        return
    if consumer_scope:
        if any(not c.name.startswith(consumer_scope) for c in consumers):
            return
    prefix = f"{context}/{name}" if context else name
    name_scope = get_default_graph().get_name_scope()
    if name_scope and prefix.startswith(name_scope + "/"):
        prefix = prefix[len(name_scope) + 1:]
    inputs = producer.outputs[0]
    if _followed_by_fake_quant(inputs):
        return
    kwargs = dict(init_min=init_min, init_max=init_max, is_training=is_training,
                  num_bits=bits, symmetric=symmetric, narrow_range=narrow_range,
                  vars_collection=vars_collection, name_prefix=prefix)
    if moving_avg:
        quant = quant_ops.moving_avg_quantize(inputs, ema_decay=ema_decay, **kwargs)
    else:
        quant = quant_ops.last_value_quantize(inputs, **kwargs)
    if quant_delay and quant_delay > 0:
        activate = greater_equal(quantization_step(), quant_delay,
                                 name=prefix + "/activate_quant")
        quant = cond(activate, lambda: quant, lambda: inputs, name=prefix + "/delayed_quant")
    if consumers and reroute_tensor(quant, inputs, can_modify=consumers) < len(consumers):
        raise ValueError("No inputs quantized for ops: [%s]" % ", ".join(
            c.name for c in consumers))
