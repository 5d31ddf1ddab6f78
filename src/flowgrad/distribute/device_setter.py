"""`tf.train.replica_device_setter` and the ps strategies of `tf.contrib.training`.

The device function places each op whose type is one of `ps_ops` (variables, by default)
on a ps task chosen by `ps_strategy` (round-robin unless given) and every other op on
`worker_device`, each merged with the device the op already has, as TF 1.14 does.
"""
from __future__ import annotations

import numpy as np

from ..engine.framework.graph_keys import _device_string, _parse_device
from ..engine.framework.tensor_shape import TensorShape
from .cluster import ClusterSpec

__all__ = ["replica_device_setter", "GreedyLoadBalancingStrategy", "byte_size_load_fn",
           "STANDARD_PS_OPS"]

STANDARD_PS_OPS = ("Variable", "VariableV2", "AutoReloadVariable", "MutableHashTable",
                   "MutableHashTableV2", "MutableHashTableOfTensors",
                   "MutableHashTableOfTensorsV2", "MutableDenseHashTable",
                   "MutableDenseHashTableV2", "VarHandleOp",
                   "BoostedTreesEnsembleResourceHandleOp")


class _RoundRobinStrategy:
    """Tasks 0, 1, ..., num_tasks - 1, 0, ... in turn."""

    def __init__(self, num_tasks):
        self._num_tasks = num_tasks
        self._next_task = 0

    def __call__(self, unused_op):
        task = self._next_task
        self._next_task = (self._next_task + 1) % self._num_tasks
        return task


def _op_type(op):
    t = getattr(op, "type", None)
    return t if t is not None else op.op   # a NodeDef


class _ReplicaDeviceChooser:
    def __init__(self, ps_tasks, ps_device, worker_device, merge_devices, ps_ops, ps_strategy):
        self._ps_tasks = ps_tasks
        self._ps_device = ps_device
        self._worker_device = worker_device
        self._merge_devices = merge_devices
        self._ps_ops = ps_ops
        self._ps_strategy = ps_strategy

    def device_function(self, op):
        """The device of `op`: a ps task for ps ops, else the worker device."""
        if not self._merge_devices and op.device:
            return op.device
        current = _parse_device(op.device or "")
        if self._ps_tasks and self._ps_device and _op_type(op) in self._ps_ops:
            ps = _parse_device(self._ps_device)
            current_job, ps_job = current.get("job"), ps.get("job")
            if ps_job and (not current_job or current_job == ps_job):
                ps["task"] = str(int(self._ps_strategy(op)))
            return _device_string({**ps, **current})
        worker = _parse_device(self._worker_device or "")
        return _device_string({**worker, **current})


def replica_device_setter(ps_tasks=0, ps_device="/job:ps", worker_device="/job:worker",
                          merge_devices=True, cluster=None, ps_ops=None, ps_strategy=None):
    """A device function for `tf.device` that puts variables on ps tasks (TF 1.14).

    Args:
      ps_tasks: the number of ps tasks (ignored when `cluster` is given).
      ps_device, worker_device: where ps ops and other ops go ("/job:ps", "/job:worker").
      merge_devices: merge with the op's device (else an op with a device keeps it).
      cluster: a ClusterSpec, dict or ClusterDef; its ps job gives `ps_tasks`.
      ps_ops: the op types placed on ps tasks (default STANDARD_PS_OPS).
      ps_strategy: a callable op -> ps task index (default round-robin).
    Returns:
      The device function, or None when there are no ps tasks.
    """
    if cluster is not None:
        spec = cluster.as_dict() if isinstance(cluster, ClusterSpec) \
            else ClusterSpec(cluster).as_dict()
        ps_job_name = _parse_device(ps_device).get("job")
        if ps_job_name not in spec or spec[ps_job_name] is None:
            return None
        ps_tasks = len(spec[ps_job_name])
    if ps_tasks == 0:
        return None
    if ps_ops is None:
        ps_ops = list(STANDARD_PS_OPS)
    if ps_strategy is None:
        ps_strategy = _RoundRobinStrategy(ps_tasks)
    if not callable(ps_strategy):
        raise TypeError("ps_strategy must be callable")
    chooser = _ReplicaDeviceChooser(ps_tasks, ps_device, worker_device, merge_devices,
                                    ps_ops, ps_strategy)
    return chooser.device_function


class GreedyLoadBalancingStrategy:
    """Places each op on the ps task with the least load so far (`load_fn(op)` adds to it).

    With `byte_size_load_fn` this balances the ps tasks by variable bytes.
    """

    def __init__(self, num_tasks, load_fn):
        self._num_tasks = num_tasks
        self._load_fn = load_fn
        self._ps_loads = np.zeros(num_tasks)

    def __call__(self, op):
        task = int(np.argmin(self._ps_loads))
        self._ps_loads[task] += self._load_fn(op)
        return task


def byte_size_load_fn(op):
    """The byte size of a single-output op's output (a variable's contents)."""
    if len(op.outputs) != 1:
        raise ValueError(f"Op {op} must have a single output")
    output = op.outputs[0]
    shape = output.get_shape()
    if not shape.is_fully_defined():
        shape = TensorShape(op._get_attr("shape"))
    shape.assert_is_fully_defined()
    return shape.num_elements() * output.dtype.size
