"""NoOp, `group` and `tuple`: the ordering primitives of TF 1.x control flow."""
from __future__ import annotations

import builtins

from ..framework.constant_op import convert_to_tensor, is_tensor
from ..framework.graph import Operation, Tensor, _graph_of, get_default_graph, name_scope
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import register_op
from ._base import apply_op
from .shape import identity

__all__ = ["group", "no_op", "tuple"]

register_op("NoOp", infer=lambda ins, a: [], kernel=lambda: None, grad=None)


def no_op(name: str | None = None) -> Operation:
    """An op that does nothing; useful as a control-dependency target."""
    return apply_op("NoOp", [], None, name or "NoOp")


def _as_op(x):
    if not isinstance(x, (Tensor, Operation)) and hasattr(x, "_handle") and hasattr(x, "op"):
        return x.op   # as TF's control_dependencies: a resource variable is not read
    conv = getattr(x, "_as_graph_element", None)
    if conv is not None and not isinstance(x, (Tensor, Operation)):
        x = conv()
    if isinstance(x, Tensor):
        return x.op
    if isinstance(x, Operation):
        return x
    raise TypeError("Expected tf.group() expected Tensor arguments not '%s' with type '%s'"
                    % (x, type(x)))


def group(*inputs, **kwargs) -> Operation:
    """An op that runs after all `inputs` (a NoOp with control inputs)."""
    name = kwargs.pop("name", None)
    if kwargs:
        raise TypeError(f"Unknown keyword arguments: {', '.join(kwargs)}")
    ops = []
    for x in inputs:
        if isinstance(x, (list, builtins.tuple)):
            ops.extend(_as_op(i) for i in x)
        elif x is not None:
            ops.append(_as_op(x))
    g = _graph_of(ops) if ops else get_default_graph()
    # as TF: the inputs grouped by device; one device: one NoOp there; several: a NoOp
    # per device (sorted) under the group's scope, and the group's NoOp after them
    by_device = {}
    for op in ops:
        by_device.setdefault(op._device, []).append(op)
    with g.as_default():
        if len(by_device) <= 1:
            dev = next(iter(by_device), "")
            with g.control_dependencies(ops), g.device(dev or ""):
                return no_op(name=name or "group_deps")
        with name_scope(name, "group_deps", ops) as scope:
            deps = []
            for dev in sorted(by_device):
                with g.control_dependencies(by_device[dev]), g.device(dev):
                    deps.append(no_op())
            with g.control_dependencies(deps):
                return no_op(name=scope)


def tuple(tensors, name=None, control_inputs=None) -> list:
    """Returns `tensors` gated so that each is ready only after all of them are."""
    with name_scope(name, "tuple", tensors):
        # as TF: values that are not tensors or ops converted; an Operation gates itself,
        # an IndexedSlices through its op (its values' op); the gating ops uniquified and
        # sorted by creation
        tensors = [t if t is None or isinstance(t, (Operation, IndexedSlices)) or is_tensor(t)
                   else convert_to_tensor(t) for t in tensors]
        gating = [t if isinstance(t, Operation) else
                  t.values.op if isinstance(t, IndexedSlices) else t.op
                  for t in tensors if t is not None]
        for c in control_inputs or []:
            if isinstance(c, Tensor):
                c = c.op
            elif not isinstance(c, Operation):
                raise TypeError("Control input must be Operation or Tensor: %s" % c)
            gating.append(c)
        gating = sorted(set(gating), key=lambda op: op._id)
        if not gating:
            raise ValueError("Must have at least one Tensor: %s" % tensors)
        gate = group(*gating, name="group_deps")
        out = []
        for t in tensors:
            if t is None:
                out.append(None)
                continue
            if isinstance(t, Operation):   # TF: group(t) under the gate
                with get_default_graph().control_dependencies([gate]):
                    out.append(group(t))
                continue
            # TF's with_dependencies: the Identity is named by a `control_dependency` scope
            # and colocated with the tensor it passes on.
            g = get_default_graph()
            with name_scope(None, "control_dependency") as scope, \
                    g.colocate_with(t.values.op if isinstance(t, IndexedSlices) else t.op), \
                    g.control_dependencies([gate]):
                if isinstance(t, IndexedSlices):
                    out.append(IndexedSlices(identity(t.values, name=scope), t.indices,
                                             t.dense_shape))
                else:
                    out.append(identity(t, name=scope))
        return out
