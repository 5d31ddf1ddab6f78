"""`tf.CriticalSection` (TF 1.14's ops/critical_section_ops.py, graph mode): a mutex
resource (MutexV2) under which `execute(fn)` runs fn's ops: MutexLock before them (fn's
outside inputs ordered before the lock, so a waiting lock holds no argument back),
ConsumeMutexLock after them, the results returned through Identities that wait for the
release. Building checks what TF checks: fn may not take this section's own mutex, and
two sections may not share a resource unless both executions gave up exclusive access.
"""
from __future__ import annotations

import collections

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor, is_tensor
from ..engine.framework.graph import (Operation, Tensor, add_to_collections, get_collection,
                                      get_default_graph, name_scope)
from ..engine.ops import mutex as _mutex  # noqa: F401 - registers the mutex ops
from ..engine.ops._base import apply
from ..engine.ops.ordering import group
from ..engine.ops.shape import identity
from .. import nest as _nest
from .io_extras import init_scope
from .tensor_array_ops import TensorArray

__all__ = ["CriticalSection"]

CRITICAL_SECTIONS = "critical_sections"
CRITICAL_SECTION_EXECUTIONS = "critical_section_executions"


class _ExecutionSignature(collections.namedtuple(
        "_ExecutionSignature", ("op", "handle", "resources", "exclusive_resource_access"))):
    """An execution's MutexLock op, section handle and the resources its fn reads."""


def _identity(x):
    if isinstance(x, TensorArray):
        return x.identity()
    if isinstance(x, Operation):
        return group(x)
    return identity(x)


def _colocation(op):
    try:
        return op._get_attr("_class")
    except ValueError:
        return None


def _colocation_op(t):
    """TF's ops._op_to_colocate_with: a variable's handle op, else the tensor's op."""
    handle = getattr(t, "handle", None)
    if isinstance(handle, Tensor):
        return handle.op
    return t.op if isinstance(t, Tensor) else convert_to_tensor(t).op


def _control_identity(t, name):
    """TF's control_flow_ops._Identity: a reference tensor passes as a reference."""
    if t.dtype._is_ref_dtype:
        return apply("RefIdentity", [t], {}, name)
    return identity(t, name=name)


def _tuple(tensors):
    """TF's control_flow_ops.tuple: each tensor passed on by an Identity that waits for all
    of them, colocated with the tensor (TF's with_dependencies), an Operation by a group.
    Python values become Consts up front; a variable is read inside its Identity's scope,
    after the gate, and gates by its op (an assign's, for the assign's unread result).
    flowgrad's tf.tuple leaves the colocation out (graphs written with it are pinned by
    tests), so execute uses this one."""
    g = get_default_graph()
    with name_scope(None, "tuple", tensors):
        tensors = [t if t is None or isinstance(t, Operation) or is_tensor(t) else
                   convert_to_tensor(t) for t in tensors]
        gating = {}
        for t in tensors:
            if t is not None:
                op = t if isinstance(t, Operation) else t.op
                gating[op._id] = op
        if not gating:
            raise ValueError("Must have at least one Tensor: %s" % tensors)
        gate = group(*[gating[k] for k in sorted(gating)])
        out = []
        for t in tensors:
            if isinstance(t, Operation):
                with g.control_dependencies([gate]):
                    out.append(group(t))
            elif t is not None:
                with name_scope(None, "control_dependency") as scope, \
                        g.colocate_with(_colocation_op(t)), g.control_dependencies([gate]):
                    out.append(_control_identity(convert_to_tensor(t), scope))
            else:
                out.append(None)
        return out


class CriticalSection:
    """Runs subgraphs serially: executions of one section never overlap, within a run or
    across concurrent runs of a session."""

    def __init__(self, name=None, shared_name=None, critical_section_def=None,
                 import_scope=None):
        if critical_section_def and name is not None:
            raise ValueError("critical_section_def and shared_name are mutually exclusive.")
        if critical_section_def:
            raise NotImplementedError("Not yet implemented")
        with name_scope(name, "CriticalSection", []) as scope:
            with init_scope():
                container = get_default_graph()._container
                if shared_name is None:
                    shared_name = scope
                self._handle = apply("MutexV2", [], {"container": container or "",
                                                     "shared_name": shared_name}, scope)
        add_to_collections(CRITICAL_SECTIONS, self)

    @property
    def name(self):
        return self._handle.op.name

    def execute(self, fn, exclusive_resource_access=True, name=None):
        """Runs `fn()` inside the section; returns its results (structure kept)."""
        with name_scope(name, "critical_section_execute", []):
            lock = apply("MutexLock", [self._handle], {}, "MutexLock")
            g = get_default_graph()
            with g._lock:
                existing = set(g._flowgrad_operations())
                with g.control_dependencies([lock]):
                    r = fn()
                created = [op for op in g._flowgrad_operations() if op not in existing]
            self._add_control_dependencies_to_lock(created, lock.op)
            captured = {t for op in created for t in op.inputs if t.dtype == _dt.resource}
            if any(self._is_self_handle(x) for x in captured):
                raise ValueError("The function fn attempts to directly access the "
                                 "CriticalSection in which it would be running.  This is "
                                 "illegal and would cause deadlocks.")
            self._check_multiple_access_to_resources(captured, exclusive_resource_access)
            r_flat = [_identity(x) for x in _nest.flatten(r)]
            with g.control_dependencies(r_flat):
                with g.colocate_with(self._handle.op):
                    ensure = apply("ConsumeMutexLock", [lock], {}, "ConsumeMutexLock")
                r = _nest.pack_sequence_as(r, _tuple(_nest.flatten(r)))
            with g.control_dependencies([ensure]):
                outputs = _nest.map_structure(_identity, r)
            add_to_collections(CRITICAL_SECTION_EXECUTIONS, _ExecutionSignature(
                op=lock.op, handle=self._handle, resources=list(captured),
                exclusive_resource_access=exclusive_resource_access))
            return outputs

    def _add_control_dependencies_to_lock(self, created, lock_op):
        """fn's inputs from outside fn run before the lock (TF: avoids deadlocks)."""
        args = {t.op._id: t.op for op in created for t in op.inputs}
        args.update((c._id, c) for op in created for c in op._control_inputs)
        for op in created:
            args.pop(op._id, None)
        for op in lock_op._control_inputs:
            args.pop(op._id, None)
        for t in lock_op.inputs:
            args.pop(t.op._id, None)
        args.pop(lock_op._id, None)
        if args:
            lock_op._add_control_input(group(*args.values()))

    def _is_self_handle(self, x):
        mine = self._handle.op
        return (x.op.type == "MutexV2" and bool(x.op._get_attr("shared_name"))
                and x.op._get_attr("shared_name") == mine._get_attr("shared_name")
                and (x.op.device == mine.device
                     or _colocation(x.op) == _colocation(mine)))

    def _check_multiple_access_to_resources(self, captured, exclusive_resource_access):
        for sg in get_collection(CRITICAL_SECTION_EXECUTIONS):
            if self._is_self_handle(sg.handle):
                continue
            if not (exclusive_resource_access or sg.exclusive_resource_access):
                continue
            shared = captured.intersection(sg.resources)
            if shared:
                raise ValueError(
                    "This execution would access resources: %s.  Either this lock "
                    "(CriticalSection: %s) or lock '%s' (CriticalSection: %s) requested "
                    "exclusive resource access of this resource.  Did you mean to call "
                    "execute with keyword argument exclusive_resource_access=False?"
                    % (list(shared), self._handle, sg, sg.handle))


