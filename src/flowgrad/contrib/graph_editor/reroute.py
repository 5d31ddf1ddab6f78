"""tf.contrib.graph_editor's reroute: makes consumers read other tensors, swaps the
inputs/outputs of subgraph views, edits control inputs (TF 1.14's
contrib/graph_editor/reroute.py), through Operation._update_input."""
from __future__ import annotations

from ...engine.framework.graph import Operation
from . import subgraph as _subgraph
from . import util as _util

__all__ = ["swap_ts", "reroute_ts", "swap_inputs", "reroute_inputs", "swap_outputs",
           "reroute_outputs", "swap_ios", "reroute_ios", "remove_control_inputs",
           "add_control_inputs"]

_SWAP, _A2B, _B2A = range(3)


def _check_mode(mode):
    """(a2b, b2a) of a reroute mode."""
    if mode not in (_SWAP, _A2B, _B2A):
        raise ValueError(f"Unknown _RerouteMode: {mode}")
    return mode != _B2A, mode != _A2B


def _check_ts_compatibility(ts0, ts1):
    ts0, ts1 = _util.make_list_of_t(ts0), _util.make_list_of_t(ts1)
    if len(ts0) != len(ts1):
        raise ValueError(f"ts0 and ts1 have different sizes: {len(ts0)} != {len(ts1)}")
    for t0, t1 in zip(ts0, ts1):
        if not t0.dtype.is_compatible_with(t1.dtype):
            raise ValueError(f"Dtypes {t0.dtype} and {t1.dtype} are not compatible.")
        s0, s1 = t0.get_shape(), t1.get_shape()
        if not s0.is_compatible_with(s1):
            raise ValueError(f"Shapes {s0} and {s1} are not compatible.")


def _reroute_t(t0, t1, consumers1, can_modify, cannot_modify):
    """Makes the ops `consumers1` (those allowed) read t0 where they read t1."""
    if can_modify is not None:
        consumers1 = [op for op in consumers1 if op in can_modify]
    if cannot_modify is not None:
        consumers1 = [op for op in consumers1 if op not in cannot_modify]
    where = [(op, [i for i, t in enumerate(op.inputs) if t is t1]) for op in consumers1]
    n = 0
    for op, indices in where:
        for i in indices:
            op._update_input(i, t0)
            n += 1
    return n


def _reroute_ts(ts0, ts1, mode, can_modify=None, cannot_modify=None):
    a2b, b2a = _check_mode(mode)
    ts0, ts1 = _util.make_list_of_t(ts0), _util.make_list_of_t(ts1)
    _check_ts_compatibility(ts0, ts1)
    if cannot_modify is not None:
        cannot_modify = frozenset(_util.make_list_of_op(cannot_modify))
    if can_modify is not None:
        can_modify = frozenset(_util.make_list_of_op(can_modify))
    # (the consumers before any change: a swap moves each side's own consumers; TF
    # walks them as a set, flowgrad in consumer order)
    consumers = [(_util.concatenate_unique([], t0.consumers()),
                  _util.concatenate_unique([], t1.consumers())) for t0, t1 in zip(ts0, ts1)]
    n = 0
    for t0, t1, (c0, c1) in zip(ts0, ts1, consumers):
        if t0 is t1:
            continue
        if a2b:
            n += _reroute_t(t0, t1, c1, can_modify, cannot_modify)
        if b2a:
            n += _reroute_t(t1, t0, c0, can_modify, cannot_modify)
    return n


def swap_ts(ts0, ts1, can_modify=None, cannot_modify=None):
    """Swaps the consumers of each pair (t0, t1); returns the number of inputs changed."""
    return _reroute_ts(ts0, ts1, _SWAP, can_modify, cannot_modify)


def reroute_ts(ts0, ts1, can_modify=None, cannot_modify=None):
    """Makes the consumers of each t1 read t0 instead (t0's keep reading it); returns the
    number of inputs changed."""
    return _reroute_ts(ts0, ts1, _A2B, can_modify, cannot_modify)


def _reroute_sgv_remap(sgv0, sgv1, mode):
    """Remaps the two views' inputs in place as the reroute moved them."""
    a2b, b2a = _check_mode(mode)
    for sgv in (sgv0, sgv1):
        if not isinstance(sgv, _subgraph.SubGraphView):
            raise TypeError(f"Expected a SubGraphView, got {type(sgv)}")
    _util.check_graphs(sgv0, sgv1)
    v0, v1 = sgv0.copy(), sgv1.copy()
    if a2b and b2a:
        v0._input_ts, v1._input_ts = v1._input_ts, v0._input_ts
        v0._passthrough_ts, v1._passthrough_ts = v1._passthrough_ts, v0._passthrough_ts
    elif a2b:
        v1._input_ts, v1._passthrough_ts = v0._input_ts[:], v0._passthrough_ts[:]
    else:
        v0._input_ts, v0._passthrough_ts = v1._input_ts[:], v1._passthrough_ts[:]

    def passthrough_outputs(a, b):
        for i, t in enumerate(b._output_ts):
            if t in a._passthrough_ts:
                b._output_ts[i] = b._input_ts[a._input_ts.index(t)]
    if a2b:
        passthrough_outputs(v0, v1)
    if b2a:
        passthrough_outputs(v1, v0)
    sgv0._assign_from(v0)
    sgv1._assign_from(v1)


def _reroute_sgv_inputs(sgv0, sgv1, mode):
    sgv0, sgv1 = _subgraph.make_view(sgv0), _subgraph.make_view(sgv1)
    _util.check_graphs(sgv0, sgv1)
    can_modify = sgv0.ops + sgv1.ops
    can_modify += _util.get_consuming_ops(sgv0.passthroughs)
    can_modify += _util.get_consuming_ops(sgv1.passthroughs)
    _reroute_ts(sgv0.inputs, sgv1.inputs, mode, can_modify=can_modify)
    _reroute_sgv_remap(sgv0, sgv1, mode)
    return sgv0, sgv1


def _reroute_sgv_outputs(sgv0, sgv1, mode):
    sgv0, sgv1 = _subgraph.make_view(sgv0), _subgraph.make_view(sgv1)
    _util.check_graphs(sgv0, sgv1)
    _reroute_ts(sgv0.outputs, sgv1.outputs, mode, cannot_modify=sgv0.ops + sgv1.ops)
    return sgv0, sgv1


def _reroute_sgv(sgv0, sgv1, mode):
    _reroute_sgv_outputs(sgv0, sgv1, mode)
    _reroute_sgv_inputs(sgv0, sgv1, mode)
    return sgv0, sgv1


def swap_inputs(sgv0, sgv1):
    """Swaps the inputs of two subgraph views (their ops read each other's inputs)."""
    return _reroute_sgv_inputs(sgv0, sgv1, _SWAP)


def reroute_inputs(sgv0, sgv1):
    """Makes sgv1's ops read sgv0's inputs."""
    return _reroute_sgv_inputs(sgv0, sgv1, _A2B)


def swap_outputs(sgv0, sgv1):
    """Swaps the outside consumers of two subgraph views' outputs."""
    return _reroute_sgv_outputs(sgv0, sgv1, _SWAP)


def reroute_outputs(sgv0, sgv1):
    """Makes the outside consumers of sgv1's outputs read sgv0's."""
    return _reroute_sgv_outputs(sgv0, sgv1, _A2B)


def swap_ios(sgv0, sgv1):
    """swap_outputs then swap_inputs."""
    return _reroute_sgv(sgv0, sgv1, _SWAP)


def reroute_ios(sgv0, sgv1):
    """reroute_outputs then reroute_inputs."""
    return _reroute_sgv(sgv0, sgv1, _A2B)


def remove_control_inputs(op, cops):
    """Removes the control inputs `cops` of `op` (ValueError if one is none)."""
    if not isinstance(op, Operation):
        raise TypeError("Expected a tf.Operation, got: {}", type(op))
    cops = _util.make_list_of_op(cops, allow_graph=False)
    for cop in cops:
        if cop not in op.control_inputs:
            raise ValueError(f"{op.name} is not a control_input of {cop.name}")
    keep = [c for c in op.control_inputs if c not in cops]
    op._remove_all_control_inputs()
    op._add_control_inputs(keep)


def add_control_inputs(op, cops):
    """Adds the control inputs `cops` to `op` (ValueError if one already is)."""
    if not isinstance(op, Operation):
        raise TypeError("Expected a tf.Operation, got: {}", type(op))
    cops = _util.make_list_of_op(cops, allow_graph=False)
    for cop in cops:
        if cop in op.control_inputs:
            raise ValueError(f"{cop.name} is already a control_input of {op.name}")
    op._add_control_inputs(cops)
