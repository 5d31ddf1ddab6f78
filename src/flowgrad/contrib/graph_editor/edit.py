"""tf.contrib.graph_editor's edit: detach, connect and bypass subgraph views (TF 1.14's
contrib/graph_editor/edit.py)."""
from __future__ import annotations

from ...engine.ops.construction import placeholder
from . import reroute, select, subgraph, util

__all__ = ["detach_control_inputs", "detach_control_outputs", "detach_inputs",
           "detach_outputs", "detach", "connect", "bypass"]


def detach_control_inputs(sgv):
    """Removes the control inputs the view's ops take from outside it."""
    sgv = subgraph.make_view(sgv)
    for op in sgv.ops:
        reroute.remove_control_inputs(op, [c for c in op.control_inputs if c not in sgv.ops])


def detach_control_outputs(sgv, control_outputs):
    """Removes the view's ops from the control inputs of the ops outside it."""
    if not isinstance(control_outputs, util.ControlOutputs):
        raise TypeError("Expected a util.ControlOutputs, got: {}", type(control_outputs))
    control_outputs.update()
    sgv = subgraph.make_view(sgv)
    for op in sgv.ops:
        for cop in control_outputs.get(op):
            if cop not in sgv.ops:
                reroute.remove_control_inputs(cop, op)


def detach_inputs(sgv, control_inputs=False):
    """Makes the view's ops read new placeholders (dtype only, named by
    placeholder_name) instead of its inputs; returns (view, placeholders)."""
    sgv = subgraph.make_view(sgv)
    with sgv.graph.as_default():
        phs = [placeholder(dtype=t.dtype, name=util.placeholder_name(t)) for t in sgv.inputs]
    reroute.swap_inputs(sgv, phs)
    if control_inputs:
        detach_control_inputs(sgv)
    return sgv, phs


def detach_outputs(sgv, control_outputs=None):
    """Makes the outside consumers of the view's outputs read new placeholders (dtype and
    shape of each output); returns (view of the consumed outputs, placeholders)."""
    sgv = subgraph.make_view(sgv)
    sgv_ = sgv.remap_outputs([i for i, t in enumerate(sgv.outputs) if t.consumers()])
    consumers = subgraph.SubGraphView(sgv_.consumers())
    consumers = consumers.remap_inputs(
        [i for i, t in enumerate(consumers.inputs) if t in sgv_.outputs])
    with sgv_.graph.as_default():
        phs = [util.make_placeholder_from_tensor(t) for t in consumers.inputs]
    reroute.swap_outputs(sgv_, phs)
    if control_outputs is not None:
        detach_control_outputs(sgv_, control_outputs)
    return sgv_, phs


def detach(sgv, control_inputs=False, control_outputs=None, control_ios=None):
    """detach_inputs and detach_outputs; returns (view, input phs, output phs)."""
    control_inputs, control_outputs = select.check_cios(control_inputs, control_outputs,
                                                        control_ios)
    _, ins = detach_inputs(sgv, control_inputs)
    _, outs = detach_outputs(sgv, control_outputs)
    return sgv, ins, outs


def connect(sgv0, sgv1, disconnect_first=False):
    """Makes sgv1's ops read sgv0's outputs in place of sgv1's inputs."""
    sgv0, sgv1 = subgraph.make_view(sgv0), subgraph.make_view(sgv1)
    util.check_graphs(sgv0, sgv1)
    if disconnect_first:
        detach_outputs(sgv0)
    reroute.reroute_inputs(subgraph.SubGraphView(passthrough_ts=sgv0.outputs), sgv1)
    return sgv0, sgv1


def bypass(sgv):
    """Makes the readers of the view's outputs read its inputs (the view's ops read new
    placeholders); returns (view, placeholders)."""
    sgv = subgraph.make_view(sgv)
    inputs = list(sgv.inputs)
    sgv, phs = detach_inputs(sgv)
    reroute.reroute_ts(inputs, sgv.outputs)
    return sgv, phs
