"""A distributed step: which task runs each op, and the step as stages of per-task parts.

Placement (TF 1.14's rules, as far as flowgrad keeps them): an op runs on the task its
device names (`/job:ps/task:1`); ops colocated with one another (`colocate_with`, the
`_class` groups: a variable's Assign, read and optimizer updates) and ops joined by a
resource edge run together, on the task the first of them with a job names. An op with
no job in its device, or with this session's own job and task (or `/job:localhost`),
runs in the session's process; a job with no task means task 0 (this task, for this
task's own job). Other device fields (`/device:GPU:0`, `/replica:k`) do not change
where an op runs: flowgrad runs every op on the task's CPU.

A step (fetches, feeds) is cut into levels: an op's level is the highest level of its
inputs and control inputs, plus one where that input runs on another task. Each level
runs the part of every task in it (remote parts in parallel), passing the tensors that
cross tasks as feeds: nothing runs twice and every edge is respected.
"""
from __future__ import annotations

import itertools
import uuid

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors, op_traceback
from ..engine.framework.graph_keys import _parse_device
from ..engine.framework.tensor_shape import TensorShape
from ..engine.runtime.session import _FetchMapper, _fetch_key

__all__ = ["Placement", "StepPlan"]

_VARIABLE_OPS = ("VariableV2", "Variable", "VarHandleOp")
# ops that read their ref inputs' values only (the session's task writes the checkpoint)
_VALUE_READERS = ("SaveV2", "Save", "SaveSlices", "Identity")
# ops whose kernels run Python-built branch or body functions: they run in the session's
# process (a task's actor rebuilds ops from their types and attrs only), reading what they
# capture from other tasks as values (a tf.cond over a ps variable: initialized_value)
_LOCAL_ONLY = ("Cond", "While", "WhileGrad", "Case")


class Placement:
    """The task (job, index) of every op of `graph` for a session on `local_task`
    (None: the session's own process)."""

    def __init__(self, graph, local_task, cluster):
        self.version = graph._version
        self._local = local_task
        self._cluster = cluster
        ops = self._ops = list(graph._ops)
        parent = list(range(len(ops)))
        index = {id(op): i for i, op in enumerate(ops)}
        by_name = graph._ops_by_name

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(a, b):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        for i, op in enumerate(ops):
            for c in op._colocation or ():
                other = by_name.get(c)
                if other is not None and id(other) in index:
                    union(i, index[id(other)])
            for t in op._inputs:
                if t._dtype is _dt.resource and id(t._op) in index:
                    union(i, index[id(t._op)])
        group_device = {}
        for i, op in enumerate(ops):
            r = find(i)
            if r not in group_device and "job:" in (op._device or ""):
                group_device[r] = op._device
        self._task = {}
        for i, op in enumerate(ops):
            device = group_device.get(find(i))
            if op.type in _LOCAL_ONLY:
                self._task[id(op)] = None
                continue
            if op.type not in _VALUE_READERS:
                # an op taking refs of one task's variables runs there: its kernel uses the
                # variable's buffer (IsVariableInitialized, updates)
                homes = {self._task[id(t._op)] for t in op._inputs if t._dtype.is_ref_dtype}
                if len(homes) == 1:
                    self._task[id(op)] = homes.pop()
                    continue
            self._task[id(op)] = self._resolve(device or op._device or "", op)

    def _resolve(self, device, op):
        spec = _parse_device(device) if device else {}
        job = spec.get("job")
        if job is None or job == "localhost":
            return None
        if "task" in spec:
            task = int(spec["task"])
        else:
            task = self._local[1] if self._local and job == self._local[0] else 0
        if self._local is not None and (job, task) == tuple(self._local):
            return None
        if job not in self._cluster.jobs or task not in self._cluster.task_indices(job):
            devices = ", ".join(f"/job:{j}/replica:0/task:{k}/device:CPU:0"
                                for j in self._cluster.jobs
                                for k in self._cluster.task_indices(j))
            where = op_traceback.defined_at(getattr(op, "_traceback", None))
            node = f"node {op.name} (defined at {where})" if where else f"node {op.name}"
            raise errors.InvalidArgumentError(
                None, op, f"Cannot assign a device for operation {op.name}: {node} was "
                f"explicitly assigned to {device} but available devices are [ {devices} ]. "
                "Make sure the device specification refers to a valid device.")
        return job, task

    def task(self, op):
        return self._task[id(op)]

    def variables_on(self, task):
        """The names of the variables this graph places on `task`."""
        return sorted(op.name for op in self._ops_of(task) if op.type in _VARIABLE_OPS)

    def _ops_of(self, task):
        return [op for op in self._ops if self._task[id(op)] == task]


def _pack_attr(v):
    """An attr value as plain data Ray can carry (dtypes and shapes by value)."""
    if isinstance(v, _dt.DType):
        return ("__dtype__", v._base.name, v.is_ref_dtype)
    if isinstance(v, TensorShape):
        return ("__shape__", None if v.ndims is None else v.as_list())
    if isinstance(v, list):
        return [_pack_attr(x) for x in v]
    if isinstance(v, tuple):
        return ("__tuple__", [_pack_attr(x) for x in v])
    return v


def unpack_attr(v):
    if isinstance(v, tuple) and v and v[0] == "__dtype__":
        d = _dt.as_dtype(v[1])
        return d._as_ref if v[2] else d
    if isinstance(v, tuple) and v and v[0] == "__shape__":
        return TensorShape(v[1])
    if isinstance(v, tuple) and v and v[0] == "__tuple__":
        return tuple(unpack_attr(x) for x in v[1])
    if isinstance(v, list):
        return [unpack_attr(x) for x in v]
    return v


def _is_handle_op(op):
    """A variable, queue or accumulator op: no inputs, a ref or resource out, looked up by
    name in its task's store (so every part of that task may run its own copy)."""
    return not op._inputs and op._outputs and all(
        o._dtype.is_ref_dtype or o._dtype is _dt.resource for o in op._outputs)


class _Part:
    """One task's ops at one level of a step."""

    def __init__(self, task, ops, feeds, fetches, satisfied):
        self.task = task
        self.ops = ops
        self.feeds = feeds
        self.fetches = fetches
        self.satisfied = satisfied
        self.key = uuid.uuid4().hex
        self.local_fn = None

    def spec(self):
        """The part as data a task's actor rebuilds as a graph: its ops in order (name,
        type, attrs, inputs, control inputs inside the part), its feeds as placeholders."""
        feed_pos = {id(t): i for i, t in enumerate(self.feeds)}
        inside = {id(op) for op in self.ops}
        nodes = []
        for op in self.ops:
            ins = [("feed", feed_pos[id(t)]) if id(t) in feed_pos
                   else ("op", t._op.name, t._value_index) for t in op._inputs]
            ctrl = [c.name for c in op._control_inputs if id(c) in inside]
            nodes.append((op.name, op.type, {k: _pack_attr(v) for k, v in op._attrs.items()},
                          ins, ctrl))
        feeds = [(t._dtype._base.name, None if t._shape.ndims is None else t._shape.as_list())
                 for t in self.feeds]
        fetches = [(t._op.name, t._value_index) for t in self.fetches]
        return {"nodes": nodes, "feeds": feeds, "fetches": fetches,
                "targets": [op.name for op in self.ops]}


class StepPlan:
    """The parts of a step, by level."""

    def __init__(self, session, placement, fetches, feed_tensors):
        self.mapper = _FetchMapper(session.graph, fetches)
        self.feed_tensors = feed_tensors
        fed = {id(t) for t in feed_tensors}
        needed = {}
        stack = [t._op for t in self.mapper.elements if id(t) not in fed] + \
            list(self.mapper.targets)
        while stack:
            op = stack.pop()
            if id(op) in needed:
                continue
            needed[id(op)] = op
            stack.extend(t._op for t in op._inputs if id(t) not in fed)
            stack.extend(c for c in op._control_inputs
                         if not (c._outputs and all(id(o) in fed for o in c._outputs)))
        order = sorted(needed.values(), key=lambda op: op._id)
        task = placement.task
        level = {}
        for op in order:
            p, lv = task(op), 0
            for q in itertools.chain((t._op for t in op._inputs if id(t) not in fed),
                                     (c for c in op._control_inputs if id(c) in needed)):
                if id(q) in level:
                    lv = max(lv, level[id(q)] + (task(q) != p))
            level[id(op)] = lv
        self.all_local = all(task(op) is None for op in order)
        # A variable (queue, accumulator) op only names its buffer: each part of its task
        # that uses it gets its own copy (a ref or handle never crosses parts); it is a
        # part of its own only when another task uses it, or it is fetched, or run.
        wanted_ops = {id(t._op) for t in self.mapper.elements} | \
            {id(op) for op in self.mapper.targets}
        variables = {id(op) for op in order if _is_handle_op(op)}
        alone = {id(op) for op in order if id(op) in variables and (
            id(op) in wanted_ops or any(task(c) != task(op) for c in itertools.chain(
                *(o._consumers for o in op._outputs)) if id(c) in needed))}
        groups = {}
        for op in order:
            if id(op) not in variables or id(op) in alone:
                groups.setdefault((level[id(op)], task(op)), []).append(op)
        for (_, part_task), ops in groups.items():
            inside = {id(op) for op in ops}
            copies = []
            for op in ops:
                for t in op._inputs:
                    if id(t._op) in variables and id(t._op) not in inside and \
                            task(t._op) == part_task:
                        inside.add(id(t._op))
                        copies.append(t._op)
            ops[:0] = copies
        wanted = {id(t) for t in self.mapper.elements}
        self.levels = []
        for lv in sorted({k[0] for k in groups}):
            parts = []
            for (lv2, t), ops in groups.items():
                if lv2 != lv:
                    continue
                inside = {id(op) for op in ops}
                feeds, seen = [], set()
                for op in ops:
                    for x in op._inputs:
                        if (id(x) in fed or id(x._op) not in inside) and id(x) not in seen:
                            seen.add(id(x))
                            feeds.append(x)
                satisfied = {c for op in ops for c in op._control_inputs
                             if id(c) not in inside}
                fetches = []
                for op in ops:
                    for out in op._outputs:
                        if id(out) in fed:
                            continue
                        if id(out) in wanted or any(id(c) in needed and id(c) not in inside
                                                    for c in out._consumers):
                            fetches.append(out)
                parts.append(_Part(t, ops, feeds, fetches, satisfied))
            self.levels.append(parts)

    def run(self, session, runtime, feed_values, timeout):
        """Runs the step; returns the fetched values, shaped as the fetches."""
        values = {id(t): v for t, v in zip(self.feed_tensors, feed_values)}
        for parts in self.levels:
            pending = []
            for part in parts:
                args = [values[id(t)] for t in part.feeds]
                if part.task is None:
                    continue
                pending.append((part, runtime.submit(part, args)))
            for part in parts:   # the local part runs while the remote ones do
                if part.task is None:
                    if part.local_fn is None:
                        part.local_fn = session.partition_callable(
                            part.fetches, part.ops, part.feeds, part.satisfied)
                    out = part.local_fn([values[id(t)] for t in part.feeds])
                    values.update(zip((id(t) for t in part.fetches), out))
            for part, ref in pending:
                out = runtime.result(part, ref, timeout)
                values.update(zip((id(t) for t in part.fetches), out))
        return self.mapper.build([values[id(t)] for t in self.mapper.elements])


def convert_feed(t, v):
    if isinstance(v, np.ndarray) and v.dtype == t.dtype.base_dtype.as_numpy_dtype:
        return v
    return np.asarray(v, dtype=t.dtype.base_dtype.as_numpy_dtype)


class DistributedRunner:
    """Runs a session's steps across the cluster of its target's Server."""

    def __init__(self, session, server):
        self._session = session
        self._server = server
        self._placement = None
        self._plans = {}

    def _plan(self, fetches, keys):
        graph = self._session.graph
        if self._placement is None or self._placement.version != graph._version:
            self._placement = Placement(graph, self._server.task, self._server.cluster_spec)
            self._plans.clear()
        key = (_fetch_key(fetches), keys)
        try:
            plan = self._plans.get(key)
        except TypeError:
            plan, key = None, None
        if plan is None:
            feeds = self._session._resolve_feed_keys(keys)
            plan = StepPlan(self._session, self._placement, fetches, feeds)
            if key is not None:
                self._plans[key] = plan
        return plan

    def run(self, fetches, feed_dict, options, run_metadata):
        keys = tuple(feed_dict) if feed_dict else ()
        plan = self._plan(fetches, keys)
        if plan.all_local:
            return self._session._local_run(fetches, feed_dict, options, run_metadata)
        if any(hasattr(k, "_feed_components") for k in keys):
            raise NotImplementedError("feeding a SparseTensor in a step that runs ops on "
                                      "other tasks")
        values = [convert_feed(t, v) for t, v in zip(plan.feed_tensors, feed_dict.values())] \
            if keys else []
        timeout = getattr(options, "timeout_in_ms", 0) if options is not None else 0
        if not timeout and self._session._config is not None:
            timeout = getattr(self._session._config, "operation_timeout_in_ms", 0)
        runtime = self._server.runtime()
        return plan.run(self._session, runtime.client(self._placement, self._session), values,
                        timeout / 1000.0 if timeout and timeout > 0 else None)

    def close(self):
        self._plans.clear()
