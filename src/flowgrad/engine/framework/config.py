"""TF 1.x session configuration messages: ConfigProto, GraphOptions, RewriterConfig, ...

These are plain Python classes spelled as TF 1.x's protocol buffers are
(`tf.ConfigProto(graph_options=tf.GraphOptions(rewrite_options=
tf.RewriterConfig(constant_folding=tf.RewriterConfig.OFF)))`). flowgrad reads
the fields that map to its plan optimizer (see docs/performance.md); the others
are accepted and kept so TF 1.x programs run unchanged.

    >>> cfg = tf.ConfigProto(graph_options=tf.GraphOptions(
    ...     rewrite_options=tf.RewriterConfig(arithmetic_optimization=tf.RewriterConfig.OFF)))
    >>> sess = tf.Session(config=cfg)
"""
from __future__ import annotations

import copy as _copy
from typing import ClassVar

__all__ = [
    "ConfigProto",
    "DeviceStepStats",
    "GPUOptions",
    "GraphOptions",
    "NodeExecStats",
    "OptimizerOptions",
    "RewriterConfig",
    "RunMetadata",
    "RunOptions",
    "StepStats",
]


def _scalar_text(value):
    """A scalar field's value as protobuf's text format writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode().replace('"', '\\"') + '"'
    return repr(value) if isinstance(value, float) else str(value)


class _Message:
    """A protobuf-like record: declared fields with defaults, nested messages built lazily."""

    _FIELDS: ClassVar[dict] = {}
    _ORDER: ClassVar[tuple] = ()    # the fields in TF's field-number order (text format)
    _ENUMS: ClassVar[dict] = {}     # field -> {value: enum name}

    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            if k not in self._FIELDS:
                raise ValueError(f'Protocol message {type(self).__name__} has no "{k}" field.')
            setattr(self, k, v)

    def __getattr__(self, name):
        fields = type(self)._FIELDS
        if name in fields:
            default = fields[name]
            if isinstance(default, type) and issubclass(default, _Message):
                value = default()
                object.__setattr__(value, "_lazy", True)  # read, not set (see _text)
            elif isinstance(default, (list, dict)):
                value = type(default)()
            else:
                return default
            object.__setattr__(self, name, value)
            return value
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name, value):
        if name not in type(self)._FIELDS and not name.startswith("_"):
            raise AttributeError(f'Assignment not allowed (no field "{name}" in protocol '
                                 f'message object).')
        object.__setattr__(self, name, value)

    def HasField(self, name):
        if name not in self._FIELDS:
            raise ValueError(f"Protocol message {type(self).__name__} has no field {name}.")
        value = self.__dict__.get(name)
        if isinstance(value, _Message) and value.__dict__.get("_lazy"):
            return bool(value._text())   # only read, still empty: not set (as protobuf)
        return name in self.__dict__

    def ClearField(self, name):
        self.__dict__.pop(name, None)

    def CopyFrom(self, other):
        self.__dict__.clear()
        self.__dict__.update(_copy.deepcopy(other.__dict__))

    def MergeFrom(self, other):
        for k, v in other.__dict__.items():
            if k == "_lazy":
                continue
            cur = self.__dict__.get(k)
            if isinstance(cur, _Message) and isinstance(v, _Message):
                cur.MergeFrom(v)
            else:
                self.__dict__[k] = _copy.deepcopy(v)

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in self._FIELDS)

    def _text(self, indent=0):
        """The set fields in protobuf text format, as TF's str(message): field-number order
        (`_ORDER`), proto3 scalars only when not the default, enums by name (`_ENUMS`), map
        entries by key, sub-messages when set (one only read, and still empty, is not)."""
        pad = "  " * indent
        names = [n for n in self._ORDER if n in self._FIELDS] + [
            n for n in self._FIELDS if n not in self._ORDER]
        out = []
        for name in names:
            if name not in self.__dict__:
                continue
            value, default = self.__dict__[name], self._FIELDS[name]
            if isinstance(value, dict):
                for k in sorted(value):
                    out.append(f"{pad}{name} {{\n{pad}  key: {_scalar_text(k)}\n"
                               f"{pad}  value: {_scalar_text(value[k])}\n{pad}}}\n")
            elif isinstance(value, (list, tuple)):
                out.extend(self._field_text(name, v, pad, indent) for v in value)
            elif isinstance(value, _Message):
                if not value.__dict__.get("_lazy") or value._text():
                    out.append(self._field_text(name, value, pad, indent))
            elif value is not None and value != default:
                out.append(self._field_text(name, value, pad, indent))
        return "".join(out)

    def _field_text(self, name, value, pad, indent):
        if isinstance(value, _Message):
            return f"{pad}{name} {{\n{value._text(indent + 1)}{pad}}}\n"
        enum = self._ENUMS.get(name)
        text = enum.get(value, value) if enum else _scalar_text(value)
        return f"{pad}{name}: {text}\n"

    def __str__(self):
        return self._text()

    __repr__ = __str__


_TOGGLE = {0: "DEFAULT", 1: "ON", 2: "OFF", 3: "AGGRESSIVE"}   # RewriterConfig.Toggle


class OptimizerOptions(_Message):
    """Classic graph optimizer options; `opt_level=L0` turns CSE off (TF's L0: no CSE)."""
    L1 = 0
    L0 = -1
    DEFAULT = 0
    OFF = -1
    ON_1 = 1
    ON_2 = 2
    _ORDER: ClassVar[tuple] = ("do_common_subexpression_elimination", "do_constant_folding",
                               "opt_level", "do_function_inlining", "global_jit_level",
                               "max_folded_constant_in_bytes")
    _ENUMS: ClassVar[dict] = {"opt_level": {0: "L1", -1: "L0"},
                              "global_jit_level": {0: "DEFAULT", -1: "OFF", 1: "ON_1",
                                                   2: "ON_2"}}
    _FIELDS: ClassVar[dict] = {"do_common_subexpression_elimination": False,
               "do_constant_folding": False,
               "max_folded_constant_in_bytes": 0, "do_function_inlining": False,
               "opt_level": 0, "global_jit_level": 0}


class RewriterConfig(_Message):
    """Grappler's switches. Each flowgrad pass is controlled by one field (Toggle values).

    constant_folding -> constant folding; arithmetic_optimization -> arithmetic
    simplification; common_subgraph_elimination -> CSE; dependency_optimization
    -> Identity and dead-op removal; remapping -> elementwise fusion;
    memory_optimization=NO_MEM_OPT -> no in-place buffer reuse;
    disable_meta_optimizer=True -> all of them off.
    """
    DEFAULT = 0
    ON = 1
    OFF = 2
    AGGRESSIVE = 3
    # MemOptType
    DEFAULT_MEM_OPT = 0
    NO_MEM_OPT = 1
    MANUAL = 2
    SWAPPING_HEURISTICS = 4
    RECOMPUTATION_HEURISTICS = 5
    SCHEDULING_HEURISTICS = 6
    HEURISTICS = 3
    # NumIterationsType
    DEFAULT_NUM_ITERS = 0
    ONE = 1
    TWO = 2
    _ORDER: ClassVar[tuple] = (
        "layout_optimizer", "disable_model_pruning", "constant_folding", "memory_optimization",
        "memory_optimizer_target_node_name_scope", "arithmetic_optimization",
        "dependency_optimization", "loop_optimization", "function_optimization",
        "debug_stripper", "meta_optimizer_iterations", "shape_optimization", "remapping",
        "scoped_allocator_optimization", "min_graph_nodes", "pin_to_host_optimization",
        "disable_meta_optimizer", "meta_optimizer_timeout_ms", "implementation_selector",
        "auto_mixed_precision", "optimizers", "custom_optimizers")
    _ENUMS: ClassVar[dict] = {
        **{f: _TOGGLE for f in ("layout_optimizer", "constant_folding", "arithmetic_optimization",
                                "dependency_optimization", "loop_optimization",
                                "function_optimization", "debug_stripper",
                                "shape_optimization", "remapping",
                                "scoped_allocator_optimization", "pin_to_host_optimization",
                                "implementation_selector", "auto_mixed_precision")},
        "memory_optimization": {0: "DEFAULT_MEM_OPT", 1: "NO_MEM_OPT", 2: "MANUAL",
                                3: "HEURISTICS", 4: "SWAPPING_HEURISTICS",
                                5: "RECOMPUTATION_HEURISTICS", 6: "SCHEDULING_HEURISTICS"},
        "meta_optimizer_iterations": {0: "DEFAULT_NUM_ITERS", 1: "ONE", 2: "TWO"}}
    _FIELDS: ClassVar[dict] = {"layout_optimizer": 0, "constant_folding": 0,
               "shape_optimization": 0,
               "remapping": 0, "arithmetic_optimization": 0, "dependency_optimization": 0,
               "loop_optimization": 0, "function_optimization": 0, "debug_stripper": 0,
               "disable_model_pruning": False, "scoped_allocator_optimization": 0,
               "pin_to_host_optimization": 0, "implementation_selector": 0,
               "auto_mixed_precision": 0, "common_subgraph_elimination": 0,
               "disable_meta_optimizer": False, "meta_optimizer_iterations": 0,
               "min_graph_nodes": 0, "memory_optimization": 0,
               "memory_optimizer_target_node_name_scope": "", "meta_optimizer_timeout_ms": 0,
               "optimizers": [], "custom_optimizers": []}


class GraphOptions(_Message):
    _ORDER: ClassVar[tuple] = ("enable_recv_scheduling", "optimizer_options", "build_cost_model",
                               "infer_shapes", "place_pruned_graph", "enable_bfloat16_sendrecv",
                               "timeline_step", "build_cost_model_after", "rewrite_options")
    _FIELDS: ClassVar[dict] = {"enable_recv_scheduling": False,
               "optimizer_options": OptimizerOptions,
               "build_cost_model": 0, "build_cost_model_after": 0, "infer_shapes": False,
               "place_pruned_graph": False, "enable_bfloat16_sendrecv": False,
               "timeline_step": 0, "rewrite_options": RewriterConfig}


class GPUOptions(_Message):
    _ORDER: ClassVar[tuple] = ("per_process_gpu_memory_fraction", "allocator_type",
                               "deferred_deletion_bytes", "allow_growth", "visible_device_list",
                               "polling_active_delay_usecs", "polling_inactive_delay_msecs",
                               "force_gpu_compatible")
    _FIELDS: ClassVar[dict] = {"per_process_gpu_memory_fraction": 0.0, "allow_growth": False,
               "allocator_type": "", "deferred_deletion_bytes": 0, "visible_device_list": "",
               "polling_active_delay_usecs": 0, "polling_inactive_delay_msecs": 0,
               "force_gpu_compatible": False}


class ConfigProto(_Message):
    _ORDER: ClassVar[tuple] = ("device_count", "intra_op_parallelism_threads", "placement_period",
                               "device_filters", "inter_op_parallelism_threads", "gpu_options",
                               "allow_soft_placement", "log_device_placement",
                               "use_per_session_threads", "graph_options",
                               "operation_timeout_in_ms", "isolate_session_state")
    _FIELDS: ClassVar[dict] = {"device_count": {}, "intra_op_parallelism_threads": 0,
               "inter_op_parallelism_threads": 0, "use_per_session_threads": False,
               "placement_period": 0, "device_filters": [], "gpu_options": GPUOptions,
               "allow_soft_placement": False, "log_device_placement": False,
               "graph_options": GraphOptions, "operation_timeout_in_ms": 0,
               "isolate_session_state": False}


class RunOptions(_Message):
    """Per-run options; `trace_level=FULL_TRACE` records per-op time and bytes in RunMetadata."""
    NO_TRACE = 0
    SOFTWARE_TRACE = 1
    HARDWARE_TRACE = 2
    FULL_TRACE = 3
    _ENUMS: ClassVar[dict] = {"trace_level": {0: "NO_TRACE", 1: "SOFTWARE_TRACE",
                                              2: "HARDWARE_TRACE", 3: "FULL_TRACE"}}
    _FIELDS: ClassVar[dict] = {"trace_level": 0, "timeout_in_ms": 0, "inter_op_thread_pool": 0,
               "output_partition_graphs": False, "debug_options": None,
               "report_tensor_allocations_upon_oom": False}


class AllocationDescription(_Message):
    _FIELDS: ClassVar[dict] = {"requested_bytes": 0, "allocated_bytes": 0, "allocator_name": ""}


class TensorDescription(_Message):
    """An output's dtype (TF's enum name, "DT_FLOAT"), dims and allocation; str() is the
    protobuf text format TF's timeline shows."""
    _FIELDS: ClassVar[dict] = {"dtype": "", "dims": [],
                               "allocation_description": AllocationDescription}

    def __str__(self):
        lines = [f"dtype: {self.dtype}", "shape {"]
        for d in self.dims:
            lines += ["  dim {", f"    size: {d}", "  }"]
        ad = self.allocation_description
        lines += ["}", "allocation_description {", f"  requested_bytes: {ad.requested_bytes}"]
        if ad.allocated_bytes:
            lines.append(f"  allocated_bytes: {ad.allocated_bytes}")
        lines += [f"  allocator_name: {ad.allocator_name}", "}"]
        return "\n".join(lines) + "\n"


class NodeOutput(_Message):
    _FIELDS: ClassVar[dict] = {"slot": 0, "tensor_description": TensorDescription}


class NodeExecStats(_Message):
    """One op's record in a traced run (flowgrad adds `output_bytes` and `op_type`).

    timeline_label is TF's "name = Type(input, ...)"; output holds one NodeOutput per
    output that is an array (its bytes: what the op produced, views included)."""
    _FIELDS: ClassVar[dict] = {"node_name": "", "op_type": "", "all_start_micros": 0,
               "op_start_rel_micros": 0, "op_end_rel_micros": 0, "all_end_rel_micros": 0,
               "timeline_label": "", "output_bytes": 0, "live_bytes": 0, "output": []}


class DeviceStepStats(_Message):
    _FIELDS: ClassVar[dict] = {"device": "", "node_stats": []}


class StepStats(_Message):
    _FIELDS: ClassVar[dict] = {"dev_stats": []}


class CostGraphDef(_Message):
    """TF's cost graph of a run (`RunMetadata.cost_graph`); flowgrad records none, so it
    stays empty, as TF's does on a run without `RunOptions`."""
    _FIELDS: ClassVar[dict] = {"node": []}


class RunMetadata(_Message):
    """Filled by `Session.run(..., run_metadata=md)`.

    Always: `estimated_peak_bytes` (the plan's static estimate) and
    `optimized_ir` (Program.dump() of the plan that ran). With
    RunOptions(trace_level=FULL_TRACE): `step_stats` (per-op times and output
    bytes) and `peak_bytes` (the measured peak of live intermediate buffers).
    """
    _FIELDS: ClassVar[dict] = {"step_stats": StepStats, "cost_graph": CostGraphDef,
               "partition_graphs": [], "function_graphs": [], "estimated_peak_bytes": 0,
               "peak_bytes": 0, "optimized_ir": ""}

    def _to_proto(self):
        """TF's config_pb2.RunMetadata of the step stats (the fields TF's proto has)."""
        from tensorboard.compat.proto import (  # lazy: protobuf classes on use
            config_pb2,
            types_pb2,
        )
        out = config_pb2.RunMetadata()
        for dev in self.step_stats.dev_stats:
            d = out.step_stats.dev_stats.add(device=dev.device)
            for ns in dev.node_stats:
                n = d.node_stats.add(
                    node_name=ns.node_name, all_start_micros=ns.all_start_micros,
                    op_start_rel_micros=ns.op_start_rel_micros,
                    op_end_rel_micros=ns.op_end_rel_micros,
                    all_end_rel_micros=ns.all_end_rel_micros, timeline_label=ns.timeline_label)
                for o in ns.output:
                    td = o.tensor_description
                    no = n.output.add(slot=o.slot)
                    if td.dtype:
                        no.tensor_description.dtype = getattr(types_pb2, td.dtype, 0)
                    for size in td.dims:
                        no.tensor_description.shape.dim.add(size=int(size))
                    ad = td.allocation_description
                    no.tensor_description.allocation_description.requested_bytes = int(
                        ad.requested_bytes)
                    no.tensor_description.allocation_description.allocated_bytes = int(
                        ad.allocated_bytes)
                    no.tensor_description.allocation_description.allocator_name = (
                        ad.allocator_name)
        return out

    def SerializeToString(self):  # noqa: N802 - protobuf's name
        """The step stats as TF's serialized RunMetadata (e.g. for tfprof or a file)."""
        return self._to_proto().SerializeToString()

    def ParseFromString(self, data):  # noqa: N802 - protobuf's name
        """Reads a serialized TF RunMetadata: its step stats replace this one's (and the
        op types come from the timeline labels, "name = Type(...)")."""
        from tensorboard.compat.proto import (  # lazy: protobuf classes on use
            config_pb2,
            types_pb2,
        )
        pb = config_pb2.RunMetadata()
        pb.ParseFromString(data)
        devs = []
        for d in pb.step_stats.dev_stats:
            nodes = []
            for n in d.node_stats:
                label = n.timeline_label
                op_type = label.split(" = ", 1)[1].split("(", 1)[0] if " = " in label else ""
                outs = [NodeOutput(slot=o.slot, tensor_description=TensorDescription(
                    dtype=types_pb2.DataType.Name(o.tensor_description.dtype),
                    dims=[dim.size for dim in o.tensor_description.shape.dim],
                    allocation_description=AllocationDescription(
                        requested_bytes=o.tensor_description.allocation_description
                        .requested_bytes,
                        allocated_bytes=o.tensor_description.allocation_description
                        .allocated_bytes,
                        allocator_name=o.tensor_description.allocation_description
                        .allocator_name))) for o in n.output]
                nodes.append(NodeExecStats(
                    node_name=n.node_name, op_type=op_type,
                    all_start_micros=n.all_start_micros,
                    op_start_rel_micros=n.op_start_rel_micros,
                    op_end_rel_micros=n.op_end_rel_micros,
                    all_end_rel_micros=n.all_end_rel_micros, timeline_label=label,
                    output=outs))
            devs.append(DeviceStepStats(device=d.device, node_stats=nodes))
        self.__dict__.clear()
        if pb.HasField("step_stats"):
            self.step_stats = StepStats(dev_stats=devs)
        return len(data)

    def _record(self, plan):
        self.estimated_peak_bytes = plan.estimated_peak_bytes
        self.optimized_ir = plan.program.dump()

    def profile(self, top=20):
        """A text table of the traced ops, slowest first."""
        rows = [n for d in self.step_stats.dev_stats for n in d.node_stats]
        rows.sort(key=lambda n: -(n.op_end_rel_micros - n.op_start_rel_micros))
        out = [f"{'us':>10} {'bytes':>12}  op"]
        for n in rows[:top]:
            out.append(f"{n.op_end_rel_micros - n.op_start_rel_micros:>10} "
                       f"{n.output_bytes:>12}  {n.node_name} ({n.op_type})")
        return "\n".join(out)
