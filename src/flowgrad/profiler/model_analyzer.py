"""`tf.profiler.profile` (cmd "scope"): float operations, trainable parameters and, with a
traced RunMetadata, execution time and bytes per op, organized by name scope as TF 1.14's
tfprof reports them (a GraphNodeProto-like tree: name, float_ops, total_float_ops,
parameters, total_parameters, exec_micros, total_exec_micros, requested_bytes,
total_requested_bytes, children).

Float operations follow TF's RegisterStatistics("flops") table (tensorflow/python/profiler/
internal/flops_registry.py) from static shapes; an op whose shapes are not fully known
counts 0, as in TF.
"""
from __future__ import annotations

import math
import re
import sys

from ..engine.framework.graph import GraphKeys, get_default_graph
from ..engine.runtime.cost import op_flops

__all__ = ["GraphNodeProto", "profile"]

_ROOT = "_TFProfRoot"
_VARIABLE_OPS = frozenset({"VariableV2", "Variable", "VarHandleOp"})


class GraphNodeProto:
    """One node of tfprof's scope tree (the fields of TF's GraphNodeProto it fills)."""

    def __init__(self, name):
        self.name = name
        self.float_ops = 0
        self.total_float_ops = 0
        self.parameters = 0
        self.total_parameters = 0
        self.exec_micros = 0
        self.total_exec_micros = 0
        self.requested_bytes = 0
        self.total_requested_bytes = 0
        self.run_count = 0
        self.total_run_count = 0
        self.shapes = []
        self.children = []

    def __repr__(self):
        return (f"GraphNodeProto(name={self.name!r}, total_float_ops={self.total_float_ops}, "
                f"total_parameters={self.total_parameters}, children={len(self.children)})")


def _numel(shape):
    dims = shape.as_tuple() if shape is not None else None
    if dims is None or None in dims:
        return None
    return math.prod(dims)


def _flops(op) -> int:
    """TF's registered "flops" statistic of `op` (0 where TF registers none or shapes are
    not fully known): engine/runtime/cost.py's op_flops on the op's static shapes."""
    def dims(t):
        return t.shape.as_tuple() if t.shape is not None else None
    return op_flops(op.type, [dims(t) for t in op.inputs], [dims(t) for t in op.outputs],
                    op._attrs)


def _params(op) -> int:
    if op.type not in _VARIABLE_OPS:
        return 0
    shape = op.get_attr("shape") if op.type != "VariableV2" else op.outputs[0].shape
    n = _numel(shape)
    return n or 0


class _Node:
    __slots__ = ("name", "op", "children", "types", "stats", "shape", "full")

    def __init__(self, name, op=None):
        self.name = name
        self.op = op
        self.children = {}
        self.types = []
        self.stats = {"float_ops": 0, "params": 0, "micros": 0, "bytes": 0, "occurrence": 0}
        self.shape = None


def _build_tree(graph, run_meta):
    times, nbytes = {}, {}
    if run_meta is not None:
        for dev in run_meta.step_stats.dev_stats:
            for ns in dev.node_stats:
                times[ns.node_name] = times.get(ns.node_name, 0) + ns.all_end_rel_micros
                nbytes[ns.node_name] = nbytes.get(ns.node_name, 0) + ns.output_bytes
    trainable = {getattr(v, "op", None) for v in graph.get_collection(
        GraphKeys.TRAINABLE_VARIABLES)}
    root = _Node(_ROOT)
    nodes = {}
    for op in graph.get_operations():
        parts = op.name.split("/")
        parent = root
        for i in range(1, len(parts) + 1):
            name = "/".join(parts[:i])
            node = nodes.get(name)
            if node is None:
                node = nodes[name] = _Node(name)
                parent.children[name] = node
            parent = node
        node = nodes[op.name]
        node.op = op
        node.types = [op.type] + (["_trainable_variables"] if op in trainable else [])
        node.stats = {"float_ops": _flops(op), "params": _params(op),
                      "micros": times.get(op.name, 0), "bytes": nbytes.get(op.name, 0),
                      "occurrence": 1 if op.name in times else 0}
        if op.type in _VARIABLE_OPS:
            node.shape = op.outputs[0].shape
    return root


_ORDER = {"name": None, "float_ops": "float_ops", "params": "params", "micros": "micros",
          "bytes": "bytes", "occurrence": "occurrence"}


def _fmt_num(n):
    if n < 1000:
        return "%d" % n
    if n < 1e6:
        return "%.2fk" % (n / 1e3)
    if n < 1e9:
        return "%.2fm" % (n / 1e6)
    return "%.2fb" % (n / 1e9)


def _fmt_time(us):
    if us < 1000:
        return "%dus" % us
    if us < 1e6:
        return "%.2fms" % (us / 1e3)
    return "%.2fsec" % (us / 1e6)


def _fmt_bytes(b):
    if b < 1000:
        return "%dB" % b
    if b < 1e6:
        return "%.2fKB" % (b / 1e3)
    if b < 1e9:
        return "%.2fMB" % (b / 1e6)
    return "%.2fGB" % (b / 1e9)


_FMT = {"float_ops": (lambda v: _fmt_num(v), "flops", "# float_ops"),
        "params": (lambda v: _fmt_num(v), "params", "# parameters"),
        "micros": (_fmt_time, "", "total execution time"),
        "bytes": (_fmt_bytes, "", "requested bytes"),
        "occurrence": (lambda v: "%d" % v, "", "op occurrence (run|defined)")}
_MIN = {"float_ops": "min_float_ops", "params": "min_params", "micros": "min_micros",
        "bytes": "min_bytes", "occurrence": "min_occurrence"}


def profile(graph=None, run_meta=None, op_log=None, cmd="scope", options=0):
    """Profiles `graph` (default: the default graph) by name scope and returns the root
    GraphNodeProto ("_TFProfRoot"); prints the report where options["output"] says
    ("stdout", "file:outfile=PATH", "none").

    >>> x = tf.placeholder(tf.float32, [8, 3]); w = tf.ones([3, 4])
    >>> y = tf.matmul(x, w, name="mm")
    >>> opts = tf.profiler.ProfileOptionBuilder(tf.profiler.ProfileOptionBuilder
    ...     .float_operation()).with_empty_output().build()
    >>> tf.profiler.profile(options=opts).total_float_ops
    192
    """
    from .option_builder import ProfileOptionBuilder  # lazy: only its defaults are needed
    if cmd != "scope":
        raise NotImplementedError(f"tf.profiler.profile: flowgrad implements cmd='scope' only, "
                                  f"not {cmd!r}")
    if op_log is not None:
        raise NotImplementedError("tf.profiler.profile: op_log is not supported by flowgrad")
    if options == 0 or options is None:
        options = ProfileOptionBuilder().build()
    _check_supported(options)
    graph = graph if graph is not None else get_default_graph()
    tree = _build_tree(graph, run_meta)
    result, lines = _show(tree, options)
    _emit(options, lines)
    return result


def _check_supported(opts):
    """Options flowgrad does not implement raise rather than being ignored."""
    for key in ("min_peak_bytes", "min_residual_bytes", "min_output_bytes",
                "min_accelerator_micros", "min_cpu_micros"):
        if opts.get(key, 0):
            raise NotImplementedError(f"tf.profiler.profile: option {key} is not supported by "
                                      "flowgrad")
    if list(opts.get("start_name_regexes", [".*"])) != [".*"]:
        raise NotImplementedError("tf.profiler.profile: option start_name_regexes is not "
                                  "supported by flowgrad")
    if opts.get("trim_name_regexes"):
        raise NotImplementedError("tf.profiler.profile: option trim_name_regexes is not "
                                  "supported by flowgrad")


def _matches(regexes, name):
    return any(re.fullmatch(r, name) for r in regexes)


def _show(tree, opts):
    account_re = opts.get("account_type_regexes", [".*"])
    show_re = opts.get("show_name_regexes", [".*"])
    hide_re = opts.get("hide_name_regexes", [])
    max_depth = opts.get("max_depth", 100)
    select = [s for s in opts.get("select", ["micros"]) if s in _FMT]
    order = _ORDER.get(opts.get("order_by", "name"))

    def accounted(node):
        return node.op is not None and any(_matches(account_re, t) for t in node.types)

    def passes(node):
        return all(node.stats[k] >= opts.get(m, 0) for k, m in _MIN.items())

    displayed_only = opts.get("account_displayed_op_only", False)

    def full_totals(node):
        """Totals of every accounted op under node (shown or not)."""
        tot = dict.fromkeys(("float_ops", "params", "micros", "bytes", "occurrence"), 0)
        if accounted(node):
            for k in tot:
                tot[k] += node.stats[k]
        for child in node.children.values():
            for k, v in full_totals(child).items():
                tot[k] += v
        node.full = tot
        return tot

    if not displayed_only:
        full_totals(tree)

    def visit(node, depth):
        """(displayed GraphNodeProtos under node incl. itself, whether anything accounted)."""
        shown_children = []
        for child in node.children.values():
            shown_children.extend(visit(child, depth + 1))
        acc = accounted(node)
        show = node.name == _ROOT or (
            depth <= max_depth and _matches(show_re, node.name) and
            not _matches(hide_re, node.name) and passes(node) and (acc or shown_children))
        if not show:
            return shown_children
        p = GraphNodeProto(node.name)
        if acc:
            p.float_ops = node.stats["float_ops"]
            p.parameters = node.stats["params"]
            p.exec_micros = node.stats["micros"]
            p.requested_bytes = node.stats["bytes"]
            p.run_count = node.stats["occurrence"]
        if node.shape is not None and node.shape.as_tuple() is not None:
            p.shapes = [list(node.shape.as_tuple())]
        p._accounted = acc
        p.children = _sorted(shown_children, order)
        p.total_float_ops = p.float_ops + sum(c.total_float_ops for c in p.children)
        p.total_parameters = p.parameters + sum(c.total_parameters for c in p.children)
        p.total_exec_micros = p.exec_micros + sum(c.total_exec_micros for c in p.children)
        p.total_requested_bytes = p.requested_bytes + sum(c.total_requested_bytes
                                                          for c in p.children)
        p.total_run_count = p.run_count + sum(c.total_run_count for c in p.children)
        if not displayed_only:
            f = node.full
            p.total_float_ops, p.total_parameters = f["float_ops"], f["params"]
            p.total_exec_micros, p.total_requested_bytes = f["micros"], f["bytes"]
            p.total_run_count = f["occurrence"]
        return [p]

    [root] = visit(tree, 0)
    header = "node name | " + " | ".join(_FMT[s][2] for s in select)
    lines = [header]

    def render(p, indent):
        cols = []
        for s in select:
            fmt, unit, _ = _FMT[s]
            self_v = {"float_ops": p.float_ops, "params": p.parameters, "micros": p.exec_micros,
                      "bytes": p.requested_bytes, "occurrence": p.run_count}[s]
            tot_v = {"float_ops": p.total_float_ops, "params": p.total_parameters,
                     "micros": p.total_exec_micros, "bytes": p.total_requested_bytes,
                     "occurrence": p.total_run_count}[s]
            own = fmt(self_v) if p._accounted else "--"
            text = f"{own}/{fmt(tot_v)}" + (f" {unit}" if unit else "")
            if s == "params" and p.shapes and p._accounted:
                text = "x".join(str(d) for d in p.shapes[0]) + ", " + text
            cols.append(text)
        lines.append(" " * indent + f"{p.name} ({', '.join(cols)})")
        for c in p.children:
            render(c, indent + 2)

    render(root, 0)
    return root, lines


def _sorted(children, order):
    by_name = sorted(children, key=lambda p: p.name)
    if order is None:
        return by_name
    key = {"float_ops": "total_float_ops", "params": "total_parameters",
           "micros": "total_exec_micros", "bytes": "total_requested_bytes",
           "occurrence": "total_run_count"}[order]
    return sorted(by_name, key=lambda p: -getattr(p, key))


def _emit(opts, lines):
    out = opts.get("output", "stdout")
    text = "\n".join(lines) + "\n"
    if out == "stdout":
        sys.stdout.write(text)
    elif out.startswith("file:outfile="):
        with open(out[len("file:outfile="):], "w") as f:
            f.write(text)
    elif out != "none":
        raise NotImplementedError(f"tf.profiler.profile: output {out!r} is not supported by "
                                  "flowgrad (stdout, file:outfile=..., none)")
