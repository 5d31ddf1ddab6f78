"""Device placement as TF 1.14's placer does it for a local session.

TF places the whole graph when a session first runs it (and the ops added since at a
later run): an op explicitly placed on a GPU that does not exist fails that run with
InvalidArgumentError (even when the op is not part of it), unless the session's
ConfigProto has allow_soft_placement, which moves it to the CPU (or to GPU:0 when
there are GPUs but not that one). With log_device_placement, the session prints
"Device mapping:" when it is created and one line per op as it is placed, in the
placer's order (ops with inputs or a ref output first, in graph order, then the
"generators": no input, one non-ref output).

An op whose type has no kernel on any device (its registration's `no_kernel` prop: a
function giving TF's "No OpKernel was registered" error, e.g. the CuDNN RNN ops, or None
where the op's attrs have one) fails every run of its graph the same way, as TF's placer
does.

flowgrad does the same when a plan is compiled, for the ops of the graph not placed
yet. The GPUs are JAX's (xla/devices.py, looked for only when an op asks for one or
the log is on). An op assigned to GPU:N runs in an XLA cluster on that device (xla/);
an op placed there that XLA cannot take runs on the host, as TF's soft placement would,
and is still logged on the GPU. Ops without a GPU device run on the host (CPU:0).
"""
from __future__ import annotations

import re
import sys

from ..framework import errors
from ..framework import node_summary
from ..framework import op_traceback
from ..framework.registry import OPS
from .xla import devices

__all__ = ["CPU", "cpu_count", "device_mapping", "gpu_list", "parse_full_name", "place"]

CPU = "/job:localhost/replica:0/task:0/device:CPU:0"
_CPU = "/job:localhost/replica:0/task:0/device:CPU:{}"
_GPU = "/job:localhost/replica:0/task:0/device:GPU:{}"


def gpu_list(config=None) -> list:
    return devices.gpus(config)


def cpu_count(config=None) -> int:
    """The session's CPU devices: ConfigProto.device_count["CPU"], at least one (TF 1.14
    makes that many; flowgrad runs them all on the host)."""
    counts = getattr(config, "device_count", None) or {}
    return max(1, counts.get("CPU", 1))


def device_mapping(config) -> str:
    """What TF prints at session creation with log_device_placement."""
    gs = gpu_list(config)
    if not gs:
        return "Device mapping: no known devices."
    lines = [f"{_GPU.format(i)} -> {devices.gpu_name(d, i)}" for i, d in enumerate(gs)]
    return "Device mapping:\n" + "\n".join(lines)


def parse_full_name(name):
    """TF's DeviceNameUtils::ParseFullName: {job, replica, task, type, id} (the parts set;
    None for '*'), or None when `name` is malformed. Stricter than DeviceSpec: every part
    starts with '/', a job name is [A-Za-z][A-Za-z0-9_]*, numbers are digits, the legacy
    '/cpu:N' and '/gpu:N' (any case of the whole word: cpu or CPU) set the type."""
    out = {}
    if name == "/":
        return out
    rest = name
    while rest:
        progress = False
        for key in ("job", "replica", "task"):
            if rest.startswith(f"/{key}:"):
                rest = rest[len(key) + 2:]
                m = (_JOB if key == "job" else _NUMBER).match(rest)
                if rest.startswith("*"):
                    rest, out[key] = rest[1:], None
                elif m is None:
                    return None
                else:
                    out[key] = m.group() if key == "job" else int(m.group())
                    rest = rest[m.end():]
                progress = True
        if rest.startswith("/device:"):
            rest = rest[8:]
            m = _TYPE.match(rest)
            if rest.startswith("*"):
                rest, out["type"] = rest[1:], None
            elif m is None:
                return None
            else:
                out["type"], rest = m.group(), rest[m.end():]
            if rest.startswith(":"):
                rest = rest[1:]
                m = _NUMBER.match(rest)
                if rest.startswith("*"):
                    rest, out["id"] = rest[1:], None
                elif m is None:
                    return None
                else:
                    out["id"], rest = int(m.group()), rest[m.end():]
            progress = True
        for legacy in ("cpu", "gpu"):
            if rest.startswith((f"/{legacy}:", f"/{legacy.upper()}:")):
                rest = rest[5:]
                out["type"] = legacy.upper()
                m = _NUMBER.match(rest)
                if rest.startswith("*"):
                    rest, out["id"] = rest[1:], None
                elif m is None:
                    return None
                else:
                    out["id"], rest = int(m.group()), rest[m.end():]
                progress = True
        if not progress:
            return None
    return out


_JOB = _TYPE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")   # a name: what follows must parse
_NUMBER = re.compile(r"[0-9]+")


def _local(spec):
    """Whether the parsed spec's address space (job, replica, task) is this process's."""
    return spec.get("job") in (None, "localhost") and spec.get("replica") in (None, 0) \
        and spec.get("task") in (None, 0)


def _match(spec, n_gpus, local, n_cpus=1):
    """The local device a parsed spec names: a GPU index, "host" (a CPU below `n_cpus`,
    or XLA_CPU:0, which flowgrad runs on the host), or None when no device matches (TF's
    FindMatchingDevices: types compared case-sensitively). `local`: a session without
    a target, whose devices are this process's only."""
    if local and not _local(spec):
        return None
    kind, idx = spec.get("type"), spec.get("id")
    if kind is None:
        return "host"
    if kind == "CPU":
        return "host" if idx is None or idx < n_cpus else None
    if kind == "XLA_CPU":
        return "host" if idx in (None, 0) else None
    if kind == "GPU":
        idx = 0 if idx is None else idx
        return idx if idx < n_gpus else None
    return None


def _generator(op):
    return not op._inputs and len(op._outputs) == 1 and \
        not op._outputs[0].dtype.is_ref_dtype


_defined = op_traceback.defined_suffix
_sources = op_traceback.placer_sources


def _error(op, config, spec):
    """TF's error for an op whose device names no device of this process: the device as
    the op holds it (a device function's string is not canonical)."""
    gs = gpu_list(config)
    names = [_CPU.format(i) for i in range(cpu_count(config))] + [
        _GPU.format(i) for i in range(len(gs))]
    msg = (f"Cannot assign a device for operation {op.name}: node {op.name}{_defined(op)} "
           f"was explicitly assigned to {op._device} "
           f"but available devices are [ {', '.join(names)} ]. Make sure the device "
           "specification refers to a valid device.")
    if not gs and (spec.get("type") or "").lower() == "gpu":
        msg += " The requested device appears to be a GPU, but CUDA is not enabled."
    msg += f"\n\t [[{op.name}]]" + _sources(op)
    return errors.InvalidArgumentError(None, None, msg)   # TF names no op: str() adds no stack


def _malformed(op):
    """TF's error for a device string its ParseFullName rejects (the node's DebugString:
    its id in the session's graph counts the source and sink nodes first)."""
    node = node_summary.summarize_node_def(op.node_def).replace(
        f"{{{{node {op.name}}}}}", f"node {op.name}{_defined(op)} ", 1)
    msg = (f"Malformed device specification '{op._device}' in node: {{name:'{op.name}' "
           f"id:{op._id + 2} op device:{{}} def:{{{node}}}}}\n\t [[{op.name}]]" + _sources(op))
    return errors.InvalidArgumentError(None, None, msg)


def place(ops, config, assigned, local=True):
    """Places `ops` (not placed before): raises TF's error for a device that does not
    exist without soft placement (with it, for one outside this process too, unless the
    session has a target: `local` False, a tf.train.Server's jobs then), records
    {op: GPU index} in `assigned`, prints the log when asked."""
    log = bool(getattr(config, "log_device_placement", False)) if config is not None else False
    specs = {}
    for op in ops:   # TF's placer starts with each node's kernels, then its device string
        op_def = OPS.get(op.type)
        no_kernel = op_def.props.get("no_kernel") if op_def is not None else None
        err = no_kernel(op) if no_kernel is not None else None
        if err is not None:     # (None: this op's attrs have a kernel)
            raise err
        if op._device:
            spec = parse_full_name(op._device)
            if spec is None:
                raise _malformed(op)
            specs[op] = spec
    if not specs and not log:
        return
    gs = gpu_list(config) if specs or log else []
    n_cpus = cpu_count(config)
    cpu_of = {}   # op: the CPU index its device names (for the log; all run on the host)
    soft = bool(getattr(config, "allow_soft_placement", False)) if config is not None else False
    order = [op for op in ops if not _generator(op)] + [op for op in ops if _generator(op)]
    consumers = {}
    for op in ops:
        for t in op._inputs:
            consumers.setdefault(t.op, op)
    lines = []
    for op in order:
        spec = specs.get(op)
        g = None
        if spec is not None:
            g = _match(spec, len(gs), local, n_cpus)
            if g is None:
                if not soft or (local and not _local(spec)):
                    raise _error(op, config, spec)
                g = 0 if gs and spec.get("type") == "GPU" else "host"
            elif g == "host" and spec.get("type") == "CPU" and spec.get("id"):
                cpu_of[op] = spec["id"]
            if g != "host":
                assigned[op] = g
            else:
                g = None
        elif _generator(op):
            g = assigned.get(consumers.get(op))   # TF: a generator goes with its consumer
            if g is not None:
                assigned[op] = g
            elif consumers.get(op) in cpu_of:
                cpu_of[op] = cpu_of[consumers[op]]
        if log:
            dev = _CPU.format(cpu_of.get(op, 0)) if g is None else _GPU.format(g)
            lines.append(f"{op.name}: ({op.type}): {dev}")
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
