"""`Profiler.serialize_to_string()`: TF 1.14's ProfileProto (tensorflow/core/profiler/
tfprof_log.proto), the file the tfprof command-line tool and its UI load.

One ProfileNode per graph op, keyed by its position in the GraphDef (`id`): name, op,
the op types (the op's type, the op log's types such as "_trainable_variables" and, once
a step ran it, its device; sorted, as TF's set), float ops and code trace from the
merged op log, the NodeDef's attrs (GraphDef with `_output_shapes`), the "shape" attr as
`shape`, `_output_shapes` as `output_shapes`, inputs (input position -> the input op's
id, control inputs included) and src_output_index (input op id -> output index). Each
step added with add_step gives the ops it ran an ExecProfile: run count, start and end,
CPU time on the device, and the output bytes (flowgrad's RunMetadata records what each
op's outputs hold; TF's allocator records requested, peak and residual bytes too, and
an output's address). The ops are those of flowgrad's optimized plan: an Identity read
of a variable that the plan folds away has no ExecProfile where TF has one, and TF's
own _arg_/_retval_ nodes of a step are not there.
"""
from __future__ import annotations

from tensorboard.compat.proto.tfprof_log_pb2 import ProfileProto

from .tfprof_logger import merge_default_with_oplog

__all__ = ["profile_proto"]


def _dims(shape_proto):
    """TF's ShapeProtoToVec: dims (-1 unknown), [1] for a scalar; an unknown rank is no
    dims."""
    if shape_proto.unknown_rank:
        return []
    return [d.size for d in shape_proto.dim] or [1]


def _output_bytes(ns):
    """Bytes of an op's outputs in a step: its outputs' allocations, else output_bytes."""
    sizes = [o.tensor_description.allocation_description.requested_bytes
             for o in getattr(ns, "output", ()) or ()]
    return sum(sizes) if sizes else ns.output_bytes


# ops TF's executor runs without a host allocation record (their outputs are a constant
# tensor or a forwarded input): their ExecProfile lists only the op's device
_NO_HOST = frozenset({"Const", "Identity"})


def _canonical(device):
    """The device name as tfprof canonicalizes it (the device type lower case)."""
    head, sep, tail = device.rpartition("/device:")
    if not sep:
        return device
    kind, _, index = tail.partition(":")
    return f"{head}/device:{kind.lower()}:{index}"


def profile_proto(graph, op_log, steps) -> ProfileProto:
    """The ProfileProto of `graph` with `op_log` merged as Profiler merges it and `steps`
    ({step: RunMetadata})."""
    log = merge_default_with_oplog(graph, op_log, add_trace=True)
    entries = {e.name: e for e in log.log_entries}
    gdef = graph.as_graph_def(add_shapes=True)
    ids = {n.name: i for i, n in enumerate(gdef.node)}
    out = ProfileProto()
    for k, text in log.id_to_string.items():
        out.id_to_string[k] = text
    runs = {}
    for step in sorted(steps):
        md = steps[step]
        if md is None:
            continue
        out.steps.append(step)
        for dev in md.step_stats.dev_stats:
            for ns in dev.node_stats:
                runs.setdefault(ns.node_name, []).append((step, _canonical(dev.device), ns))
    has_trace = False
    for i, nd in enumerate(gdef.node):
        p = out.nodes[i]
        p.name, p.op, p.id = nd.name, nd.op, i
        types = {nd.op}
        entry = entries.get(nd.name)
        if entry is not None:
            types.update(entry.types)
            p.float_ops = entry.float_ops
            if entry.code_def.traces:
                p.trace.CopyFrom(entry.code_def)
                has_trace = True
        for key in nd.attr:
            if key == "_output_shapes" and not nd.attr[key].list.shape:
                continue        # an op without outputs: TF's GraphDef has no such attr
            p.attrs[key].CopyFrom(nd.attr[key])
        if "shape" in nd.attr and nd.attr["shape"].HasField("shape"):
            p.shape.extend(_dims(nd.attr["shape"].shape))
        if "_output_shapes" in nd.attr:
            for k, s in enumerate(nd.attr["_output_shapes"].list.shape):
                p.output_shapes[k].int64_values.extend(_dims(s))
        for k, name in enumerate(nd.input):
            src, _, index = name.lstrip("^").partition(":")
            if src in ids:
                p.inputs[k] = ids[src]
                p.src_output_index[ids[src]] = int(index) if index else 0
        for step, device, ns in runs.get(nd.name, ()):
            types.add(device)
            p.canonical_device = p.host_device = device
            ex = p.execs[step]
            start, dur = ns.all_start_micros, ns.all_end_rel_micros
            ex.run_count += 1
            ex.all_start_micros = start if not ex.all_start_micros else \
                min(ex.all_start_micros, start)
            ex.latest_end_micros = max(ex.latest_end_micros, start + dur)
            ex.cpu_execs[device].times.add().int64_values.extend([start, dur])
            for d in (device,) if nd.op in _NO_HOST else ("/host:cpu", device):
                if d not in ex.devices:
                    ex.devices.append(d)
            mem = ex.memory_execs.add()
            mem.memory_micros = start + dur
            mem.output_bytes = _output_bytes(ns)
        p.op_types.extend(sorted(types))
    out.has_trace = has_trace
    return out
