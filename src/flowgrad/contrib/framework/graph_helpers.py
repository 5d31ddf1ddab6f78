"""tf.contrib.framework's graph helpers: get_graph_from_inputs, get_placeholders,
prepend_name_scope / strip_name_scope (TF's ops.py), smart_cond / smart_constant_value /
smart_case (TF's framework/smart_cond.py), assert_or_get_global_step and VariableDeviceChooser."""
from __future__ import annotations

import re

from ... import logging
from ...engine.ops._array_util import smart_constant_value as _tensor_constant_value
from ...engine.framework.graph import Graph, Tensor, _graph_of
from ...ops import control_flow_ops
from ...train.training_util import assert_global_step, get_global_step

__all__ = ["get_graph_from_inputs", "get_placeholders", "prepend_name_scope",
           "strip_name_scope", "smart_cond", "smart_constant_value", "smart_case",
           "assert_or_get_global_step", "VariableDeviceChooser"]


def get_graph_from_inputs(op_input_list, graph=None):
    """The graph of the tensors/operations in op_input_list (or `graph`, checked).

    Raises:
      TypeError: op_input_list is not iterable, or graph is not a Graph.
      ValueError: the inputs come from different graphs (or not from `graph`).
    """
    op_input_list = tuple(op_input_list)   # a Tensor raises TF's TypeError here
    if graph is not None and not isinstance(graph, Graph):
        raise TypeError("Input graph needs to be a Graph: %s" % graph)
    found = _graph_of(list(op_input_list))
    if graph is None:
        return found
    for v in op_input_list:
        vg = getattr(v, "graph", None)
        if vg is not None and vg is not graph:
            raise ValueError("%s is not from the passed-in graph." % v)
    return graph


def get_placeholders(graph):
    """The outputs of the graph's Placeholder ops.

    Raises:
      TypeError: graph is not a Graph.
    """
    if not isinstance(graph, Graph):
        raise TypeError("Input graph needs to be a Graph: %s" % graph)
    return [op.outputs[0] for op in graph._flowgrad_operations() if op.type == "Placeholder"]


def strip_name_scope(name, export_scope):
    """`name` without the leading `export_scope/` (also after '^' or 'loc:@')."""
    if export_scope:
        if export_scope[-1] == "/":
            export_scope = export_scope[:-1]
        try:
            str_to_replace = r"([\^]|loc:@|^)" + export_scope + r"[\/]+(.*)"
            return re.sub(str_to_replace, r"\1\2", _as_str(name), count=1)
        except TypeError as e:
            logging.warning(e)
            return name
    return name


def prepend_name_scope(name, import_scope):
    """`import_scope/name` (after a leading '^' or 'loc:@')."""
    if import_scope:
        if import_scope[-1] == "/":
            import_scope = import_scope[:-1]
        try:
            str_to_replace = r"([\^]|loc:@|^)(.*)"
            return re.sub(str_to_replace, r"\1" + import_scope + r"/\2", _as_str(name))
        except TypeError as e:
            logging.warning(e)
            return name
    return name


def _as_str(name):
    if isinstance(name, bytes):
        return name.decode("utf-8")
    if isinstance(name, str):
        return name
    raise TypeError("Expected binary or unicode string, got %r" % (name,))


def smart_cond(pred, true_fn=None, false_fn=None, name=None):
    """true_fn() or false_fn() when `pred` is known now (smart_constant_value), else
    tf.cond (TF's framework/smart_cond.py)."""
    if not callable(true_fn):
        raise TypeError("`true_fn` must be callable.")
    if not callable(false_fn):
        raise TypeError("`false_fn` must be callable.")
    value = smart_constant_value(pred)
    if value is not None:
        return true_fn() if value else false_fn()
    return control_flow_ops.cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)


def smart_constant_value(pred):
    """The Python bool of `pred` (a bool, 0/1, or a Tensor whose value is known when the
    graph is built), else None.

    Raises:
      TypeError: pred is none of those.
    """
    if isinstance(pred, Tensor):   # constant_value, then TF_TryEvaluateConstant
        return _tensor_constant_value(pred)
    if pred in {0, 1}:
        return bool(pred)
    if isinstance(pred, bool):
        return pred
    raise TypeError("`pred` must be a Tensor, or a Python bool, or 1 or 0. Found instead: %s"
                    % pred)


def smart_case(pred_fn_pairs, default=None, exclusive=False, name="smart_case"):
    """tf.case, deciding at graph-building time where the predicates are known: the pairs
    before the first unknown predicate are resolved now (the first known True wins, known
    False ones are dropped); the rest become a tf.case."""
    if isinstance(pred_fn_pairs, dict):
        pred_fn_pairs = list(pred_fn_pairs.items())
    pairs = list(pred_fn_pairs)
    if not exclusive:
        while pairs:
            value = smart_constant_value(pairs[0][0])
            if value is None:
                break
            if value:
                return pairs[0][1]()
            pairs.pop(0)
        if not pairs:
            if default is None:
                return pred_fn_pairs[-1][1]()
            return default()
    return control_flow_ops.case(pairs, default=default, exclusive=exclusive, name=name)


def assert_or_get_global_step(graph=None, global_step_tensor=None):
    """global_step_tensor, checked (TypeError unless an integer scalar), or the graph's
    global step (None if it has none)."""
    if global_step_tensor is None:
        return get_global_step(graph)
    assert_global_step(global_step_tensor)
    return global_step_tensor


class VariableDeviceChooser:
    """A device function placing variables round-robin on `num_tasks` tasks of `job_name`
    (or on one device when num_tasks is 0): "/job:ps/task:1/device:CPU:0"."""

    def __init__(self, num_tasks=0, job_name="ps", device_type="CPU", device_index=0,
                 replica=None):
        self._job_name = job_name
        self._device_type = device_type
        self._device_index = device_index
        self._replica = replica
        self._num_tasks = num_tasks
        self._next_task_id = 0

    def __call__(self, op):
        job = task = None
        if self._num_tasks > 0:
            task = self._next_task_id
            self._next_task_id = (self._next_task_id + 1) % self._num_tasks
            job = self._job_name
        # DeviceSpec.to_string's order: job, replica, task, device
        parts = []
        if job is not None:
            parts.append("/job:" + job)
        if self._replica is not None:
            parts.append("/replica:" + str(self._replica))
        if task is not None:
            parts.append("/task:" + str(task))
        if self._device_type is not None:
            index = "*" if self._device_index is None else str(self._device_index)
            parts.append("/device:%s:%s" % (self._device_type, index))
        return "".join(parts)
