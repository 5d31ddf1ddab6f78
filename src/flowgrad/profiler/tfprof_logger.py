"""`tf.profiler.write_op_log` and the op log that `profile` / `Profiler` merge, as TF
1.14's tfprof_logger: for each op its float ops (TF's "flops" statistic, where its shapes
allow one), the trainable variables typed "_trainable_variables", and with `add_trace`
the stack that created it as a CodeDef (flowgrad records the user's frames, not
TensorFlow's own); merged with a caller's OpLogProto, whose entries add op types (for
`account_type_regexes`) and may set an op's float ops.
"""
from __future__ import annotations

import os
import sys

from tensorboard.compat.proto.tfprof_log_pb2 import OpLogEntry, OpLogProto

from ..engine.framework import op_traceback
from ..engine.framework.graph import GraphKeys, get_default_graph
from ..engine.runtime.cost import flops_shape_missing, op_flops
from ..gfile import GFile

__all__ = ["OpLogProto", "merge_default_with_oplog", "write_op_log"]

TRAINABLE_VARIABLES = "_trainable_variables"


def _str_id(s, str_to_id):
    return str_to_id.setdefault(s, len(str_to_id))


def _flops(op) -> int:
    """TF's registered "flops" statistic of `op` (0 where TF registers none or shapes are
    not fully known): engine/runtime/cost.py's op_flops on the op's static shapes."""
    ins, outs = _shapes(op)
    if flops_shape_missing(op.type, ins, outs, op._attrs):   # TF's statistic fails (NCHW)
        return 0
    return op_flops(op.type, ins, outs, op._attrs)


def _shapes(op):
    """The static shapes of the op's inputs and outputs (tuples, None if rank unknown)."""
    def dims(t):
        return t.shape.as_tuple() if t.shape is not None else None
    return [dims(t) for t in op.inputs], [dims(t) for t in op.outputs]


def report_missing_shapes(graph):
    """Writes TF's "N ops no flops stats due to incomplete shapes." to stderr when ops of
    `graph` whose float ops TF counts lack the fully defined shapes that needs (as TF's
    tfprof_logger does for an op log built without RunMetadata)."""
    missing = sum(flops_shape_missing(op.type, *_shapes(op), op._attrs)
                  for op in graph._flowgrad_operations())
    if missing:
        sys.stderr.write("%d ops no flops stats due to incomplete shapes.\n" % missing)


def _logged_ops(graph, add_trace, add_trainable_var):
    logged, str_to_id = {}, {"none": 0}
    for op in graph._flowgrad_operations():
        entry = OpLogEntry(name=op.name)
        add = False
        flops = _flops(op)
        if flops:
            entry.float_ops = int(flops)
            add = True
        if add_trace:
            for fn, line, func, text in op_traceback.frames(getattr(op, "_traceback", None)):
                t = entry.code_def.traces.add()
                t.file_id = _str_id(fn, str_to_id) if fn else 0
                t.lineno = line if line else -1
                t.function_id = _str_id(func, str_to_id) if func else 0
                t.line_id = _str_id(text, str_to_id) if text else 0
                t.func_start_line = -1
            add = True
        if add:
            logged[op.name] = entry
    if add_trainable_var:
        for v in graph.get_collection(GraphKeys.TRAINABLE_VARIABLES):
            entry = logged.setdefault(v.op.name, OpLogEntry(name=v.op.name))
            entry.types.append(TRAINABLE_VARIABLES)
    return logged, str_to_id


def merge_default_with_oplog(graph, op_log=None, run_meta=None, add_trace=True,
                             add_trainable_var=True):
    """The default log of `graph` (float ops, trainable variables, traces) merged with
    `op_log` (an OpLogProto): its entries keep their float ops when nonzero and gain the
    default's types."""
    if run_meta is not None:
        raise NotImplementedError("tf.profiler: run_meta in an op log (shapes completed "
                                  "from a run) is not supported by flowgrad")
    graph = graph if graph is not None else get_default_graph()
    logged, str_to_id = _logged_ops(graph, add_trace, add_trainable_var)
    out = OpLogProto()
    if not op_log:
        out.log_entries.extend(logged.values())
    else:
        merged = {}
        for entry in op_log.log_entries:
            merged[entry.name] = entry
        for name, entry in logged.items():
            if name in merged:
                mine = merged[name]
                mine.types.extend(entry.types)
                if entry.float_ops > 0 and mine.float_ops == 0:
                    mine.float_ops = entry.float_ops
                if entry.code_def.traces and not mine.code_def.traces:
                    mine.code_def.MergeFrom(entry.code_def)
            else:
                merged[name] = entry
        out.log_entries.extend(merged.values())
    for s, i in str_to_id.items():
        out.id_to_string[i] = s
    return out


def write_op_log(graph, log_dir, op_log=None, run_meta=None, add_trace=True):
    """Writes `log_dir`/tfprof_log: the op log of `graph` (default: the default graph)
    merged with `op_log`, an OpLogProto, as TF 1.14 writes it (the file the tfprof
    command-line tool reads).

    >>> import tempfile, os
    >>> w = tf.Variable(tf.ones([3, 4]), name="w")
    >>> d = tempfile.mkdtemp(); tf.profiler.write_op_log(None, d, add_trace=False)
    >>> log = tf.profiler.OpLogProto()
    >>> _ = log.ParseFromString(open(os.path.join(d, "tfprof_log"), "rb").read())
    >>> [(e.name, list(e.types)) for e in log.log_entries]
    [('w', ['_trainable_variables'])]
    """
    log = merge_default_with_oplog(graph, op_log, run_meta, add_trace)
    report_missing_shapes(graph if graph is not None else get_default_graph())
    with GFile(os.path.join(log_dir, "tfprof_log"), "wb") as f:
        f.write(log.SerializeToString())
