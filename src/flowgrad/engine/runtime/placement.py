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
function giving TF's "No OpKernel was registered" error, e.g. the CuDNN RNN ops) fails
every run of its graph the same way, as TF's placer does.

flowgrad does the same when a plan is compiled, for the ops of the graph not placed
yet. The GPUs are JAX's (xla/devices.py, looked for only when an op asks for one or
the log is on). An op assigned to GPU:N runs in an XLA cluster on that device (xla/);
an op placed there that XLA cannot take runs on the host, as TF's soft placement would,
and is still logged on the GPU. Ops without a GPU device run on the host (CPU:0).
"""
from __future__ import annotations

import sys

from ..framework import errors
from ..framework.device_spec import DeviceSpec
from ..framework import op_traceback
from ..framework.registry import OPS
from .xla import devices

__all__ = ["CPU", "device_mapping", "gpu_list", "place"]

CPU = "/job:localhost/replica:0/task:0/device:CPU:0"
_GPU = "/job:localhost/replica:0/task:0/device:GPU:{}"


def gpu_list(config=None) -> list:
    return devices.gpus(config)


def device_mapping(config) -> str:
    """What TF prints at session creation with log_device_placement."""
    gs = gpu_list(config)
    if not gs:
        return "Device mapping: no known devices."
    lines = [f"{_GPU.format(i)} -> {devices.gpu_name(d, i)}" for i, d in enumerate(gs)]
    return "Device mapping:\n" + "\n".join(lines)


def _requested_gpu(op):
    """The GPU index op.device asks for (-1: any), None when not a local GPU."""
    dev = op._device
    if not dev or "GPU" not in dev.upper():
        return None
    try:
        spec = DeviceSpec.from_string(dev)
    except ValueError:
        return None
    if spec.device_type != "GPU" or spec.job not in (None, "localhost"):
        return None
    return -1 if spec.device_index is None else spec.device_index


def _generator(op):
    return not op._inputs and len(op._outputs) == 1 and \
        not op._outputs[0].dtype.is_ref_dtype


def _defined(op):
    where = op_traceback.defined_at(getattr(op, "_traceback", None))
    return f" (defined at {where})" if where else ""


def _error(op, config):
    gs = gpu_list(config)
    names = [CPU] + [_GPU.format(i) for i in range(len(gs))]
    msg = (f"Cannot assign a device for operation {op.name}: node {op.name}{_defined(op)} "
           f"was explicitly assigned to {DeviceSpec.from_string(op._device).to_string()} "
           f"but available devices are [ {', '.join(names)} ]. Make sure the device "
           "specification refers to a valid device.")
    if not gs:
        msg += " The requested device appears to be a GPU, but CUDA is not enabled."
    msg += f"\n\t [[{op.name}]]"
    own = _defined(op)
    seen, sources = {own}, []
    for t in op._inputs:
        d = _defined(t.op)
        if d not in seen:
            seen.add(d)
            sources.append(f" {t.op.name}{d}")
    if sources:
        msg += ("\n\nErrors may have originated from an input operation.\n"
                f"Input Source operations connected to node {op.name}:\n" + "\t\n".join(sources))
    return errors.InvalidArgumentError(None, None, msg)   # TF names no op: str() adds no stack


def place(ops, config, assigned):
    """Places `ops` (not placed before): raises TF's error for a missing GPU without soft
    placement, records {op: GPU index} in `assigned`, prints the log when asked."""
    log = bool(getattr(config, "log_device_placement", False)) if config is not None else False
    for op in ops:   # an op type with no kernel on any device fails first (TF's placer)
        op_def = OPS.get(op.type)
        no_kernel = op_def.props.get("no_kernel") if op_def is not None else None
        if no_kernel is not None:
            raise no_kernel(op)
    asked = {}
    for op in ops:
        g = _requested_gpu(op)
        if g is not None:
            asked[op] = g
    if not asked and not log:
        return
    gs = gpu_list(config) if asked or log else []
    soft = bool(getattr(config, "allow_soft_placement", False)) if config is not None else False
    order = [op for op in ops if not _generator(op)] + [op for op in ops if _generator(op)]
    consumers = {}
    for op in ops:
        for t in op._inputs:
            consumers.setdefault(t.op, op)
    lines = []
    for op in order:
        g = asked.get(op)
        if g is not None:
            if g == -1:
                g = 0
            if g >= len(gs):
                if not soft:
                    raise _error(op, config)
                g = 0 if gs else None
            if g is not None:
                assigned[op] = g
        elif _generator(op) and not op._device:
            g = assigned.get(consumers.get(op))   # TF: a generator goes with its consumer
            if g is not None:
                assigned[op] = g
        if log:
            dev = CPU if g is None else _GPU.format(g)
            lines.append(f"{op.name}: ({op.type}): {dev}")
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
