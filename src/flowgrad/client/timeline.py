"""`tensorflow.python.client.timeline`: a traced run's step stats as a Chrome trace.

    md = tf.RunMetadata()
    sess.run(train, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
             run_metadata=md)
    trace = timeline.Timeline(md.step_stats).generate_chrome_trace_format()
    open("timeline.json", "w").write(trace)      # chrome://tracing or ui.perfetto.dev

The JSON has TF 1.14's shape: {"traceEvents": [...]} with "M" process_name events
("Allocators", "<device> Compute", "<device> Tensors"), one "X" event per op (cat "Op",
name = op type, args name/op/input0...), "s"/"f" flow events from a tensor's producer to
a consumer in another lane, and with show_memory the tensors' "N"/"O"/"D" object events
and "C" counters of bytes live per allocator. As in TF, each call adds its events to the
same trace (the process ids grow from call to call).
"""
from __future__ import annotations

import collections
import json
import re

__all__ = ["AllocationMaximum", "StepStatsAnalysis", "Timeline"]

AllocationMaximum = collections.namedtuple("AllocationMaximum",
                                           ("timestamp", "num_bytes", "tensors"))
StepStatsAnalysis = collections.namedtuple("StepStatsAnalysis",
                                           ("chrome_trace", "allocator_maximums"))
_LABEL = re.compile(r"(.*) = (.*)\((.*)\)")


class _ChromeTraceFormatter:
    """The list of trace events and their JSON."""

    def __init__(self, show_memory=False):
        self._show_memory = show_memory
        self._events = []
        self._metadata = []

    def _event(self, ph, category, name, pid, tid, timestamp):
        return {"ph": ph, "cat": category, "name": name, "pid": pid, "tid": tid,
                "ts": timestamp}

    def emit_pid(self, name, pid):
        self._metadata.append({"name": "process_name", "ph": "M", "pid": pid,
                               "args": {"name": name}})

    def emit_region(self, timestamp, duration, pid, tid, category, name, args):
        event = self._event("X", category, name, pid, tid, timestamp)
        event["dur"] = duration
        event["args"] = args
        self._events.append(event)

    def emit_obj_create(self, category, name, timestamp, pid, tid, object_id):
        event = self._event("N", category, name, pid, tid, timestamp)
        event["id"] = object_id
        self._events.append(event)

    def emit_obj_delete(self, category, name, timestamp, pid, tid, object_id):
        event = self._event("D", category, name, pid, tid, timestamp)
        event["id"] = object_id
        self._events.append(event)

    def emit_obj_snapshot(self, category, name, timestamp, pid, tid, object_id, snapshot):
        event = self._event("O", category, name, pid, tid, timestamp)
        event["id"] = object_id
        event["args"] = {"snapshot": snapshot}
        self._events.append(event)

    def emit_flow_start(self, name, timestamp, pid, tid, flow_id):
        event = self._event("s", "DataFlow", name, pid, tid, timestamp)
        event["id"] = flow_id
        self._events.append(event)

    def emit_flow_end(self, name, timestamp, pid, tid, flow_id):
        event = self._event("t", "DataFlow", name, pid, tid, timestamp)
        event["id"] = flow_id
        self._events.append(event)

    def emit_counter(self, category, name, pid, timestamp, counter, value):
        event = self._event("C", category, name, pid, 0, timestamp)
        event["args"] = {counter: value}
        self._events.append(event)

    def format_to_string(self, pretty=False):
        trace = {"traceEvents": self._metadata + self._events}
        return json.dumps(trace, indent=4, separators=(",", ": ")) if pretty \
            else json.dumps(trace, separators=(",", ":"))


class _TensorTracker:
    def __init__(self, name, object_id, timestamp, pid, allocator, num_bytes):
        self.name = name
        self.object_id = object_id
        self.create_time = timestamp
        self.pid = pid
        self.allocator = allocator
        self.num_bytes = num_bytes
        self.last_unref = timestamp

    def add_ref(self, timestamp):
        pass

    def add_unref(self, timestamp):
        self.last_unref = max(self.last_unref, timestamp)


def _parse_label(label):
    m = _LABEL.match(label or "")
    if m is None:
        return "unknown", "unknown", []
    name, op, inputs = m.groups()
    return name, op, inputs.split(", ") if inputs else []


def _outputs(ns):
    """[(requested bytes, allocator, description text)] of a node's outputs."""
    out = []
    for o in getattr(ns, "output", None) or []:
        td = o.tensor_description
        ad = td.allocation_description
        out.append((int(ad.requested_bytes), ad.allocator_name or "cpu", str(td)))
    return out


class Timeline:
    """A traced run's step stats (`RunMetadata.step_stats`) as a Chrome trace."""

    def __init__(self, step_stats, graph=None):
        self._step_stats = step_stats
        self._graph = graph
        self._chrome_trace = _ChromeTraceFormatter()
        self._next_pid = 0
        self._device_pids = {}
        self._tensor_pids = {}
        self._tensors = {}
        self._next_flow_id = 0
        self._flow_starts = {}
        self._allocator_maximums = {}
        self._lanes = {}

    def _alloc_pid(self):
        pid = self._next_pid
        self._next_pid += 1
        return pid

    def _allocate_pids(self):
        self._allocators_pid = self._alloc_pid()
        self._chrome_trace.emit_pid("Allocators", self._allocators_pid)
        for dev in self._step_stats.dev_stats:
            self._device_pids[dev.device] = self._alloc_pid()
            self._tensor_pids[dev.device] = self._alloc_pid()
            self._chrome_trace.emit_pid(dev.device + " Compute", self._device_pids[dev.device])
            self._chrome_trace.emit_pid(dev.device + " Tensors", self._tensor_pids[dev.device])

    def _assign_lanes(self):
        """Non-overlapping lanes (tids) per device, first fit in start order, as TF."""
        for dev in self._step_stats.dev_stats:
            lanes = [0]
            for ns in dev.node_stats:
                lane = -1
                for i, busy_until in enumerate(lanes):
                    if ns.all_start_micros > busy_until:
                        lane = i
                        lanes[i] = ns.all_start_micros + ns.all_end_rel_micros
                        break
                if lane < 0:
                    lane = len(lanes)
                    lanes.append(ns.all_start_micros + ns.all_end_rel_micros)
                self._lanes[id(ns)] = lane

    def _analyze_tensors(self, show_memory):
        for dev in self._step_stats.dev_stats:
            device_pid = self._device_pids[dev.device]
            tensors_pid = self._tensor_pids[dev.device]
            for ns in dev.node_stats:
                tid = self._lanes[id(ns)]
                start = ns.all_start_micros
                end = start + ns.all_end_rel_micros
                for index, (nbytes, allocator, desc) in enumerate(_outputs(ns)):
                    name = f"{ns.node_name}:{index}" if index else ns.node_name
                    tensor = _TensorTracker(name, len(self._tensors), start, tensors_pid,
                                            allocator, nbytes)
                    self._tensors[name] = tensor
                    tensor.add_unref(end)
                    self._flow_starts[name] = (end, device_pid, tid)
                    if show_memory:
                        self._chrome_trace.emit_obj_create("Tensor", name, start, tensors_pid,
                                                           tid, tensor.object_id)
                        self._chrome_trace.emit_obj_snapshot(
                            "Tensor", name, end - 1, tensors_pid, tid, tensor.object_id,
                            {"tensor_description": desc.replace('"', "")})

    def _show_compute(self, show_dataflow):
        for dev in self._step_stats.dev_stats:
            device_pid = self._device_pids[dev.device]
            for ns in dev.node_stats:
                tid = self._lanes[id(ns)]
                start = ns.all_start_micros
                end = start + ns.all_end_rel_micros
                _, op, inputs = _parse_label(ns.timeline_label)
                args = {"name": ns.node_name, "op": op}
                for i, iname in enumerate(inputs):
                    args[f"input{i}"] = iname
                self._chrome_trace.emit_region(start, ns.all_end_rel_micros, device_pid, tid,
                                               "Op", op, args)
                for iname in inputs:
                    tensor = self._tensors.get(iname)
                    if tensor is None:
                        continue
                    tensor.add_unref(end - 1)
                    if show_dataflow:
                        t0, pid0, tid0 = self._flow_starts[iname]
                        if pid0 != device_pid or tid0 != tid:
                            fid = self._next_flow_id
                            self._next_flow_id += 1
                            self._chrome_trace.emit_flow_start(iname, t0, pid0, tid0, fid)
                            self._chrome_trace.emit_flow_end(iname, start, device_pid, tid, fid)

    def _show_memory_counters(self):
        allocations = {}
        for name, tensor in self._tensors.items():
            self._chrome_trace.emit_obj_delete("Tensor", name, tensor.last_unref, tensor.pid, 0,
                                               tensor.object_id)
            allocs = allocations.setdefault(tensor.allocator, [])
            allocs.append((tensor.create_time, tensor.num_bytes, name))
            allocs.append((tensor.last_unref, -tensor.num_bytes, name))
        maxes = {}
        for allocator, allocs in allocations.items():
            total = 0
            live = set()
            maxes[allocator] = AllocationMaximum(timestamp=0, num_bytes=0, tensors=set())
            for time, nbytes, name in sorted(allocs, key=lambda a: a[0]):
                total += nbytes
                if nbytes < 0:
                    live.discard(name)
                else:
                    live.add(name)
                if total > maxes[allocator].num_bytes:
                    maxes[allocator] = AllocationMaximum(time, total, set(live))
                self._chrome_trace.emit_counter("Memory", allocator, self._allocators_pid, time,
                                                allocator, total)
        self._allocator_maximums = maxes

    def analyze_step_stats(self, show_dataflow: bool = True,
                           show_memory: bool = True) -> StepStatsAnalysis:
        """Builds the trace events; returns (chrome_trace, allocator_maximums)."""
        self._allocate_pids()
        self._assign_lanes()
        self._analyze_tensors(show_memory)
        self._show_compute(show_dataflow)
        if show_memory:
            self._show_memory_counters()
        return StepStatsAnalysis(chrome_trace=self._chrome_trace,
                                 allocator_maximums=self._allocator_maximums)

    def generate_chrome_trace_format(self, show_dataflow: bool = True,
                                     show_memory: bool = False) -> str:
        """The trace as a JSON string (Chrome Trace Format, pretty-printed as TF's)."""
        analysis = self.analyze_step_stats(show_dataflow=show_dataflow,
                                           show_memory=show_memory)
        return analysis.chrome_trace.format_to_string(pretty=True)
