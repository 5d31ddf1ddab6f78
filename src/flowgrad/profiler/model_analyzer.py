"""`tf.profiler.profile`: float operations, trainable parameters and, with traced
RunMetadata, execution time, bytes and run counts per op, as TF 1.14's tfprof reports them:
cmd "scope" (a GraphNodeProto tree by name scope) and cmd "op" (a MultiGraphNodeProto per
op type, as a chain), with TF's text report (stdout: "Parsing Inputs...", the options,
"Model Analysis Report", Doc, Profile; a file: Doc and Profile).

Float operations follow TF's RegisterStatistics("flops") table (engine/runtime/cost.py's
op_flops) from static shapes; an op whose shapes are not fully known counts 0, as in TF.
"""
from __future__ import annotations

import math
import re
import sys

from ..engine.framework.graph import GraphKeys, get_default_graph
from ..engine.framework.errors import InvalidArgumentError
from ..engine.framework.tensor_shape import TensorShape
from .tfprof_logger import _flops, merge_default_with_oplog, report_missing_shapes

__all__ = ["GraphNodeProto", "MultiGraphNodeProto", "profile"]

_ROOT = "_TFProfRoot"

_STATS = ("float_ops", "params", "micros", "bytes", "occurrence")


class GraphNodeProto:
    """One node of tfprof's scope tree (the fields of TF's GraphNodeProto it fills)."""

    def __init__(self, name):
        self.name = name
        self.float_ops = self.total_float_ops = 0
        self.parameters = self.total_parameters = 0
        self.exec_micros = self.total_exec_micros = 0
        self.accelerator_exec_micros = self.total_accelerator_exec_micros = 0
        self.cpu_exec_micros = self.total_cpu_exec_micros = 0
        self.requested_bytes = self.total_requested_bytes = 0
        self.run_count = self.total_run_count = 0
        self.total_definition_count = 0
        self.shapes = []
        self.children = []

    def __repr__(self):
        return (f"{type(self).__name__}(name={self.name!r}, "
                f"total_float_ops={self.total_float_ops}, "
                f"total_parameters={self.total_parameters}, children={len(self.children)})")


class MultiGraphNodeProto(GraphNodeProto):
    """One op type of tfprof's op view (TF's MultiGraphNodeProto): the stats of the graph
    nodes of that type (`graph_nodes`, GraphNodeProtos); `children` is a chain."""

    def __init__(self, name):
        super().__init__(name)
        self.graph_nodes = []


def _numel(shape):
    dims = shape.as_tuple() if shape is not None else None
    if dims is None or None in dims:
        return None
    return math.prod(dims)


def _shape_vec(op):
    """TF's TFGraphNode shape: the op's "shape" attr as a list (-1 for an unknown
    dimension, [1] for a scalar, [] for an unknown rank), or None when it has none."""
    if op.type == "VariableV2":
        shape = op.outputs[0].shape
    else:
        try:
            shape = op._get_attr("shape")
        except ValueError:
            return None
        shape = shape if isinstance(shape, TensorShape) else TensorShape(shape)
    dims = shape.as_list() if shape.dims is not None else None
    if dims is None:
        return []
    return [-1 if d is None else d for d in dims] or [1]


def _params(op) -> int:
    """TF counts as parameters the elements of any op's complete "shape" attr
    (variables, and placeholders too)."""
    vec = _shape_vec(op)
    return math.prod(vec) if vec and min(vec) >= 0 else 0


class _Node:
    __slots__ = ("name", "op", "children", "types", "stats", "shape", "full", "full_ops",
                 "in_tree")

    def __init__(self, name, op=None):
        self.name = name
        self.op = op
        self.children = {}
        self.types = [""]           # a scope with no op of its own: only ".*" accounts it
        self.stats = dict.fromkeys(_STATS, 0)
        self.shape = None


def step_stats(run_metas):
    """({op name: micros}, {op name: bytes}, {op name: runs}) averaged over the steps
    (TF's step -1: the average of all steps added)."""
    times, nbytes, runs = {}, {}, {}
    metas = [m for m in run_metas if m is not None]
    for md in metas:
        for dev in md.step_stats.dev_stats:
            for ns in dev.node_stats:
                n = ns.node_name
                times[n] = times.get(n, 0) + ns.all_end_rel_micros
                nbytes[n] = nbytes.get(n, 0) + ns.output_bytes
                runs[n] = runs.get(n, 0) + 1
    k = len(metas) or 1
    return ({n: v // k for n, v in times.items()}, {n: v // k for n, v in nbytes.items()},
            {n: -(-v // k) for n, v in runs.items()})


def _build_tree(graph, run_metas, op_log=None):
    times, nbytes, runs = step_stats(run_metas)
    trainable = {getattr(v, "op", None) for v in graph.get_collection(
        GraphKeys.TRAINABLE_VARIABLES)}
    root = _Node(_ROOT)
    nodes = {}
    for op in graph._flowgrad_operations():
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
                      "occurrence": runs.get(op.name, 0)}
        node.shape = _shape_vec(op)
    for entry in (op_log.log_entries if op_log is not None else ()):
        node = nodes.get(entry.name)
        if node is None or node.op is None:
            continue
        node.types = node.types + list(entry.types)
        if entry.float_ops:
            node.stats["float_ops"] = entry.float_ops
    return root


def fmt_num(n):
    if n < 1000:
        return "%d" % n
    if n < 1e6:
        return "%.2fk" % (n / 1e3)
    if n < 1e9:
        return "%.2fm" % (n / 1e6)
    return "%.2fb" % (n / 1e9)


def fmt_time(us):
    if us < 1000:
        return "%dus" % us
    if us < 1e6:
        return "%.2fms" % (us / 1e3)
    return "%.2fsec" % (us / 1e6)


def fmt_bytes(b):
    if b < 1000:
        return "%dB" % b
    if b < 1e6:
        return "%.2fKB" % (b / 1e3)
    if b < 1e9:
        return "%.2fMB" % (b / 1e6)
    return "%.2fGB" % (b / 1e9)


# TF's select names flowgrad reports; others raise
_SELECTABLE = frozenset({"params", "float_ops", "bytes", "micros", "accelerator_micros",
                         "cpu_micros", "occurrence"})
# the legend's (and the scope rows') column order, as TF's
_LEGEND = [("params", "# parameters"), ("float_ops", "# float_ops"),
           ("bytes", "requested bytes"), ("micros", "total execution time"),
           ("accelerator_micros", "accelerator execution time"),
           ("cpu_micros", "cpu execution time"), ("occurrence", "op count (run|defined)")]
_DOC = {"bytes": ["requested bytes: The memory requested by the operation, accumulatively."],
        "float_ops": ["flops: Number of float operations. Note: Please read the "
                      "implementation for the math behind it."],
        "micros": ["total execution time: Sum of accelerator execution time and cpu "
                   "execution time.",
                   "cpu execution time: The time from the start to the end of the operation. "
                   "It's the sum of actual cpu run time plus the time that it spends waiting "
                   "if part of computation is launched asynchronously.",
                   "accelerator execution time: Time spent executing on the accelerator. "
                   "This is normally measured by the actual hardware library."],
        "accelerator_micros": ["accelerator execution time: Time spent executing on the "
                               "accelerator. This is normally measured by the actual "
                               "hardware library."],
        "cpu_micros": ["cpu execution time: The time from the start to the end of the "
                       "operation. It's the sum of actual cpu run time plus the time that it "
                       "spends waiting if part of computation is launched asynchronously."],
        "occurrence": ["occurrence: The number of times it occurs"],
        "params": ["param: Number of parameters (in the Variable)."]}
_CMD_DOC = {"scope": "scope: The nodes in the model graph are organized by their names, "
                     "which is hierarchical like filesystem.",
            "op": "op: The nodes are operation kernel type, such as MatMul, Conv2D. Graph "
                  "nodes belonging to the same type are aggregated together.",
            "graph": "scope: The nodes in the model graph are organized by their names, "
                     "which is hierarchical like filesystem.",   # TF 1.14 prints scope's doc
            "code": "code: When python trace is available, the nodes are python lines and "
                    "their are organized by the python call stack."}
_OPTION_KEYS = ["max_depth", "min_bytes", "min_peak_bytes", "min_residual_bytes",
                "min_output_bytes", "min_micros", "min_accelerator_micros", "min_cpu_micros",
                "min_params", "min_float_ops", "min_occurrence", "step", "order_by",
                "account_type_regexes", "start_name_regexes", "trim_name_regexes",
                "show_name_regexes", "hide_name_regexes", "account_displayed_op_only",
                "select", "output"]
_MIN = {"float_ops": "min_float_ops", "params": "min_params", "micros": "min_micros",
        "bytes": "min_bytes", "occurrence": "min_occurrence"}
_TOTAL = {"float_ops": "total_float_ops", "params": "total_parameters",
          "micros": "total_exec_micros", "bytes": "total_requested_bytes",
          "occurrence": "total_run_count"}


def profile(graph=None, run_meta=None, op_log=None, cmd="scope", options=0):
    """Profiles `graph` (default: the default graph) and returns the root: a
    GraphNodeProto ("_TFProfRoot") tree for cmd "scope", a MultiGraphNodeProto whose
    children chain the op types for cmd "op"; prints TF's report where options["output"]
    says ("stdout", "file:outfile=PATH", "none").

    >>> x = tf.placeholder(tf.float32, [8, 3]); w = tf.ones([3, 4])
    >>> y = tf.matmul(x, w, name="mm")
    >>> opts = tf.profiler.ProfileOptionBuilder(tf.profiler.ProfileOptionBuilder
    ...     .float_operation()).with_empty_output().build()
    >>> tf.profiler.profile(options=opts).total_float_ops
    Parsing Inputs...
    192
    """
    from .option_builder import ProfileOptionBuilder  # lazy: only its defaults are needed
    if cmd not in ("scope", "op", "graph", "code"):
        raise InvalidArgumentError(None, None, f"unknown cmd: {cmd}\n")
    if isinstance(options, int) and options == 0 or options is None:   # TF's default
        options = ProfileOptionBuilder.trainable_variables_parameter()
    graph = graph if graph is not None else get_default_graph()
    if run_meta is None:
        report_missing_shapes(graph)
    return profile_steps(graph, [run_meta] if run_meta is not None else [], cmd, options,
                         op_log)


def profile_steps(graph, run_metas, cmd, options, op_log=None):
    """The report of `cmd` over `run_metas` (one RunMetadata per step); `op_log` (an
    OpLogProto) adds op types and sets float ops as TF merges it."""
    options = build_options(options)
    check_supported(options)
    sys.stdout.write("Parsing Inputs...\n")
    tree = _build_tree(graph, run_metas, op_log)
    if cmd == "scope":
        result, lines = _show_scope(tree, options)
    elif cmd == "code":
        log = merge_default_with_oplog(graph, op_log, add_trace=True)
        result, lines = _show_scope(_code_tree(tree, log), options, MultiGraphNodeProto)
    elif cmd == "graph":
        result, lines = _show_graph(tree, options)
    else:
        result, lines = _show_op(tree, options)
    emit(options, cmd, lines)
    return result


# TF's _build_options: an option a dict leaves out takes these values (which are not
# always ProfileOptionBuilder's: max_depth 10, no regexes, nothing selected)
_BUILD_DEFAULTS = {"max_depth": 10, "min_bytes": 0, "min_peak_bytes": 0,
                   "min_residual_bytes": 0, "min_output_bytes": 0, "min_micros": 0,
                   "min_accelerator_micros": 0, "min_cpu_micros": 0, "min_params": 0,
                   "min_float_ops": 0, "min_occurrence": 0, "step": -1, "order_by": "name",
                   "account_type_regexes": [], "start_name_regexes": [],
                   "trim_name_regexes": [], "show_name_regexes": [], "hide_name_regexes": [],
                   "account_displayed_op_only": False, "select": [], "output": "stdout"}


def build_options(options):
    """The options dict as TF's OptionsProto holds it: every option, TF's defaults for
    those left out; the old `dump_to_file` (tf.contrib.tfprof's dicts) names the file
    the report goes to, as TF's tfprof reads it."""
    opts = dict(_BUILD_DEFAULTS)
    opts.update({k: v for k, v in options.items() if k != "dump_to_file"})
    if options.get("dump_to_file"):
        sys.stderr.write("-dump_to_file option is deprecated. Please use -output "
                         "file:outfile=<filename>\n")
        if opts["output"]:
            sys.stderr.write(f"-output {opts['output']} is overwritten with -output "
                             f"file:outfile={options['dump_to_file']}\n")
        opts["output"] = "file:outfile=" + options["dump_to_file"]
    return opts


def check_supported(opts):
    """Options flowgrad does not implement raise rather than being ignored."""
    for key in ("min_peak_bytes", "min_residual_bytes", "min_output_bytes",
                "min_accelerator_micros", "min_cpu_micros"):
        if opts.get(key, 0):
            raise NotImplementedError(f"tf.profiler.profile: option {key} is not supported by "
                                      "flowgrad")
    bad = [s for s in opts.get("select", ["micros"]) if s not in _SELECTABLE]
    if bad:
        raise NotImplementedError(f"tf.profiler.profile: select {bad[0]!r} is not supported "
                                  f"by flowgrad (supported: {', '.join(sorted(_SELECTABLE))})")
    if opts.get("order_by", "name") not in ("name", *_TOTAL):
        raise NotImplementedError(f"tf.profiler.profile: order_by {opts['order_by']!r} is not "
                                  "supported by flowgrad")


def _matches(regexes, name):
    return any(re.fullmatch(r, name) for r in regexes)


def _starts(opts):
    """start_name_regexes, or None when it is TF's default (start at the roots)."""
    start = list(opts.get("start_name_regexes", [".*"]))
    return None if start == [".*"] else start


def _search_roots(nodes, regexes, children, visited=None):
    """TF's SearchRoot: depth first through the accounted tree, the first nodes on each
    branch whose name matches a start regex (their subtrees are not searched further);
    `visited` (the graph view) skips a node reached twice."""
    found = []
    for n in nodes:
        if visited is not None:
            if n.name in visited:
                continue
            visited.add(n.name)
        if _matches(regexes, n.name):
            found.append(n)
        else:
            found.extend(_search_roots(children(n), regexes, children, visited))
    return found


def _legend(select):
    cols = [h for k, h in _LEGEND if k in select or
            (k in ("accelerator_micros", "cpu_micros") and "micros" in select)]
    return "node name | " + " | ".join(cols)


def _fill_times(p):
    p.cpu_exec_micros, p.total_cpu_exec_micros = p.exec_micros, p.total_exec_micros


def _show_scope(tree, opts, proto=GraphNodeProto):
    account_re = opts.get("account_type_regexes", [".*"])
    show_re = opts.get("show_name_regexes", [".*"])
    hide_re = opts.get("hide_name_regexes", [])
    max_depth = opts.get("max_depth", 100)
    select = set(opts.get("select", ["micros"]))
    order = opts.get("order_by", "name")
    displayed_only = opts.get("account_displayed_op_only", False)

    def accounted(node):
        return any(_matches(account_re, t) for t in node.types)

    def passes(node):
        # the code view filters a frame by what runs under it (TF shows "0/384 flops")
        stats = node.full if proto is MultiGraphNodeProto else node.stats
        return all(stats[k] >= opts.get(m, 0) for k, m in _MIN.items())

    trim_re = opts.get("trim_name_regexes", [])

    def full_totals(node):
        """Totals of every accounted op under node (shown or not), and op counts;
        node.in_tree: the node is accounted or has accounted ops under it (TF's Account
        keeps it)."""
        tot = dict.fromkeys(_STATS, 0)
        tot["defined"] = 1 if node.op is not None else 0
        node.in_tree = accounted(node) and node.name != _ROOT
        if node.in_tree:
            for k in _STATS:
                tot[k] += node.stats[k]
        for child in node.children.values():
            for k, v in full_totals(child).items():
                tot[k] += v
            node.in_tree = node.in_tree or child.in_tree
        node.full = tot
        return tot

    full_totals(tree)

    def visit(node, depth):
        shown_children = []
        trimmed = node.name != _ROOT and _matches(trim_re, node.name)
        if not trimmed:     # a trimmed node is shown without what is under it
            for child in starts if node is tree and starts is not None else \
                    node.children.values():
                shown_children.extend(visit(child, depth + 1))
        acc = accounted(node) and node.name != _ROOT
        show = node.name == _ROOT or (
            depth <= max_depth and _matches(show_re, node.name) and
            not _matches(hide_re, node.name) and passes(node) and
            (acc or shown_children or (trimmed and node.in_tree)))
        if not show:
            return shown_children
        p = proto(node.name)
        if proto is MultiGraphNodeProto:
            p.graph_nodes = list(getattr(node, "full_ops", ()))
        if acc:
            p.float_ops = node.stats["float_ops"]
            p.parameters = node.stats["params"]
            p.exec_micros = node.stats["micros"]
            p.requested_bytes = node.stats["bytes"]
            p.run_count = node.stats["occurrence"]
        p._shape = node.shape
        p._accounted = acc
        p._defined = 1 if node.op is not None else 0
        p.children = _sorted(shown_children, order)
        for k, attr in _TOTAL.items():
            own = {"float_ops": p.float_ops, "params": p.parameters, "micros": p.exec_micros,
                   "bytes": p.requested_bytes, "occurrence": p.run_count}[k]
            if displayed_only:
                setattr(p, attr, own + sum(getattr(c, attr) for c in p.children))
            else:
                setattr(p, attr, node.full[k])
        p.total_definition_count = (p._defined + sum(c.total_definition_count
                                                     for c in p.children)) \
            if displayed_only else node.full["defined"]
        _fill_times(p)
        return [p]

    start = _starts(opts)
    starts = None if start is None else _search_roots(
        [c for c in tree.children.values() if c.in_tree], start,
        lambda n: [c for c in n.children.values() if c.in_tree])
    [root] = visit(tree, 0)
    return root, _render(root, select)


def _render(root, select):
    """The report's lines for a tree of GraphNodeProto (TF's FormatNode, indented 2 per
    level)."""
    lines = [_legend(select)]

    def render(p, indent):
        cols = []
        acc = p._accounted

        def pair(fmt, own, tot):
            return f"{fmt(own) if acc else '--'}/{fmt(tot)}"
        if "params" in select:
            text = pair(fmt_num, p.parameters, p.total_parameters) + " params"
            if getattr(p, "_shape", None):
                text = "x".join(str(d) for d in p._shape) + ", " + text
            cols.append(text)
        if "float_ops" in select:
            cols.append(pair(fmt_num, p.float_ops, p.total_float_ops) + " flops")
        if "bytes" in select:
            cols.append(pair(fmt_bytes, p.requested_bytes, p.total_requested_bytes))
        timed = "micros" in select
        if timed:
            cols.append(pair(fmt_time, p.exec_micros, p.total_exec_micros))
        if timed or "accelerator_micros" in select:
            cols.append(pair(fmt_time, 0, 0))
        if timed or "cpu_micros" in select:
            cols.append(pair(fmt_time, p.cpu_exec_micros, p.total_cpu_exec_micros))
        if "occurrence" in select:
            cols.append(pair(str, p.run_count, p.total_run_count) + "|" +
                        f"{p._defined if acc else '--'}/{p.total_definition_count}")
        lines.append(" " * indent + f"{p.name} ({', '.join(cols)})")
        for c in p.children:
            render(c, indent + 2)

    render(root, 0)
    return lines


def _show_graph(tree, opts):
    """TF's graph view (tfprof_graph.cc): an op's children are the ops it reads (data
    inputs, then control inputs, in input order), the roots are the ops nothing reads (by
    name); accounting goes depth first and counts an op once, at its first visit; a node
    that is not accounted, or not shown, hands its children up."""
    account_re = opts.get("account_type_regexes", [".*"])
    show_re = opts.get("show_name_regexes", [".*"])
    hide_re = opts.get("hide_name_regexes", [])
    trim_re = opts.get("trim_name_regexes", [])
    max_depth = opts.get("max_depth", 100)
    order = opts.get("order_by", "name")
    displayed_only = opts.get("account_displayed_op_only", False)
    ops = {}
    stack = list(tree.children.values())
    while stack:
        node = stack.pop()
        stack.extend(node.children.values())
        if node.op is not None:
            ops[node.name] = node
    reads = {name: [t.op.name for t in n.op.inputs] + [c.name for c in n.op.control_inputs]
             for name, n in ops.items()}
    read = {r for rs in reads.values() for r in rs}
    protos = {}
    own = (("float_ops", "float_ops"), ("parameters", "params"),
           ("exec_micros", "micros"), ("requested_bytes", "bytes"), ("run_count", "occurrence"))

    def reset(p, with_self):
        for attr, k in own:
            setattr(p, "total_" + attr, getattr(p, attr) if with_self else 0)
        p.total_definition_count = 1 if with_self else 0

    def add(p, c):
        for attr, _ in own:
            setattr(p, "total_" + attr, getattr(p, "total_" + attr) + getattr(c, "total_" + attr))
        p.total_definition_count += c.total_definition_count

    def proto(name):
        p = protos.get(name)
        if p is None:
            n = ops[name]
            p = protos[name] = GraphNodeProto(name)
            for attr, k in own:
                setattr(p, attr, n.stats[k])
            p._shape = n.shape
            p._accounted, p._defined = True, 1
        return p

    def account(names, visits):
        acted = []
        for name in names:
            if name in visits or name not in ops:
                continue
            visits.add(name)
            kids = account(reads[name], visits)
            if any(_matches(account_re, t) for t in ops[name].types):
                p = proto(name)
                reset(p, True)
                p._show = list(kids)
                for c in kids:
                    add(p, c)
                acted.append(p)
            else:
                acted.extend(kids)
        return acted

    def should_show(p, depth):
        return (p.total_requested_bytes >= opts.get("min_bytes", 0) and
                p.total_exec_micros >= opts.get("min_micros", 0) and
                p.parameters >= opts.get("min_params", 0) and
                p.float_ops >= opts.get("min_float_ops", 0) and
                p.run_count >= opts.get("min_occurrence", 0) and depth <= max_depth and
                _matches(show_re, p.name) and not _matches(hide_re, p.name))

    def show(nodes, depth, visits):
        shown = []
        for p in nodes:
            if p.name in visits:
                continue
            visits.add(p.name)
            kids = show(p._show, depth + 1, visits) \
                if depth <= max_depth and not _matches(trim_re, p.name) else []
            if should_show(p, depth):
                p.children = _sorted(kids, order, kept=True)
                if displayed_only:
                    reset(p, True)
                    for c in p.children:
                        add(p, c)
                _fill_times(p)
                shown.append(p)
            else:
                shown.extend(kids)
        return shown

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 3 * len(ops) + 1000))
    try:
        roots = account(sorted(n for n in ops if n not in read), set())
        root = GraphNodeProto(_ROOT)
        root._accounted, root._defined = False, 0
        reset(root, False)
        for p in roots:
            add(root, p)
        start = _starts(opts)
        if start is not None:
            roots = _search_roots(roots, start, lambda p: p._show, set())
        root.children = _sorted(show(roots, 2, set()), order, kept=True)
        if displayed_only:
            reset(root, False)
            for c in root.children:
                add(root, c)
        _fill_times(root)
        return root, _render(root, set(opts.get("select", ["micros"])))
    finally:
        sys.setrecursionlimit(old)


def _show_op(tree, opts):
    """TF's op view: accounted graph nodes grouped by op type, sorted, as a chain."""
    account_re = opts.get("account_type_regexes", [".*"])
    show_re = opts.get("show_name_regexes", [".*"])
    hide_re = opts.get("hide_name_regexes", [])
    max_depth = opts.get("max_depth", 100)
    select = set(opts.get("select", ["micros"]))
    order = opts.get("order_by", "name")
    groups = {}
    stack = list(tree.children.values())
    while stack:
        node = stack.pop()
        stack.extend(node.children.values())
        if node.op is None or not any(_matches(account_re, t) for t in node.types):
            continue
        m = groups.get(node.op.type)
        if m is None:
            m = groups[node.op.type] = MultiGraphNodeProto(node.op.type)
        g = GraphNodeProto(node.name)
        g.float_ops, g.parameters = node.stats["float_ops"], node.stats["params"]
        g.exec_micros, g.requested_bytes = node.stats["micros"], node.stats["bytes"]
        g.run_count = node.stats["occurrence"]
        _fill_times(g)
        m.graph_nodes.append(g)
        m.float_ops += g.float_ops
        m.parameters += g.parameters
        m.exec_micros += g.exec_micros
        m.requested_bytes += g.requested_bytes
        m.run_count += g.run_count
    nodes = sorted(groups.values(), key=lambda m: m.name)
    for m in nodes:
        m.graph_nodes.sort(key=lambda g: g.name)
        _fill_times(m)
    own = {"float_ops": "float_ops", "params": "parameters", "micros": "exec_micros",
           "bytes": "requested_bytes", "occurrence": "run_count"}
    if order != "name":
        nodes.sort(key=lambda m: -getattr(m, own[order]))
    shown = []
    start = _starts(opts)
    first = 0 if start is None else next(
        (i for i, m in enumerate(nodes) if _matches(start, m.name)), len(nodes))
    trim_re = opts.get("trim_name_regexes", [])
    for depth, m in enumerate(nodes[first:]):
        if depth > max_depth or _matches(trim_re, m.name):
            break
        if _matches(show_re, m.name) and not _matches(hide_re, m.name) and \
                all(getattr(m, own[k]) >= opts.get(v, 0) for k, v in _MIN.items()):
            shown.append(m)
    chain = shown if opts.get("account_displayed_op_only", False) else nodes
    running = dict.fromkeys(own, 0)
    for m in reversed(chain):
        for k, attr in own.items():
            running[k] += getattr(m, attr)
            setattr(m, _TOTAL[k], running[k])
        m.total_definition_count = len(m.graph_nodes)
        _fill_times(m)
    root = MultiGraphNodeProto(_ROOT)
    for k in own:
        setattr(root, _TOTAL[k], running[k])
    _fill_times(root)
    pre = root
    for m in shown:
        m.children = []
        pre.children = [m]
        pre = m
    lines = [_legend(select)]

    def cell(text, tot, root_tot, self_v, memory=False):
        accu = pct = 0.0
        if (self_v if memory else tot) > 0 and root_tot:
            accu, pct = 100.0 * tot / root_tot, 100.0 * self_v / root_tot
        return "%30s" % ("%s (%.2f%%, %.2f%%)" % (text, accu, pct))

    for m in shown:
        attrs = []
        if "bytes" in select:
            attrs.append(cell(fmt_bytes(m.requested_bytes), m.total_requested_bytes,
                              root.total_requested_bytes, m.requested_bytes, memory=True))
        timed = "micros" in select
        if timed:
            attrs.append(cell(fmt_time(m.exec_micros), m.total_exec_micros,
                              root.total_exec_micros, m.exec_micros))
        if timed or "accelerator_micros" in select:
            attrs.append(cell(fmt_time(0), 0, 0, 0))
        if timed or "cpu_micros" in select:
            attrs.append(cell(fmt_time(m.cpu_exec_micros), m.total_cpu_exec_micros,
                              root.total_cpu_exec_micros, m.cpu_exec_micros))
        if "params" in select:
            attrs.append(cell(fmt_num(m.parameters) + " params", m.total_parameters,
                              root.total_parameters, m.parameters))
        if "float_ops" in select:
            attrs.append(cell(fmt_num(m.float_ops) + " float_ops", m.total_float_ops,
                              root.total_float_ops, m.float_ops))
        if "occurrence" in select:
            attrs.append("%10s" % f"{m.run_count}|{len(m.graph_nodes)}")
        lines.append("%-25s%s" % (m.name, ", ".join(attrs)))
    return root, lines


def _trace_name(fn, line, func):
    import os  # lazy: only the code view names files
    func = func if len(func) < 20 else func[:17] + "..."
    return f"{os.path.basename(fn)}:{line}:{func}"


def _log_frames(entry, id_to_string):
    """(file, line, function) of each frame of an op log entry's CodeDef, outermost
    first: strings by id from the merged log's id_to_string (as TF reads them: the ids of
    a caller's op_log name the strings of the log TF merged it into, its own
    id_to_string is not kept); an id that names none is the empty string."""
    return [(id_to_string.get(t.file_id, ""), t.lineno, id_to_string.get(t.function_id, ""))
            for t in entry.code_def.traces]


def _code_tree(scope_tree, log):
    """The code view's tree from the merged op log (`log`, an OpLogProto: the traces
    flowgrad recorded, or a caller's op_log's where it has them): one node per Python
    frame of the stack that created each op (outermost first); a gradient op
    (gradients/X_grad/...) is placed under its forward op X's frames, each named with a
    " (gradient)" suffix, as TF does."""
    by_name = {}
    stack = list(scope_tree.children.values())
    while stack:
        n = stack.pop()
        stack.extend(n.children.values())
        if n.op is not None:
            by_name[n.op.name] = n
    ids = dict(log.id_to_string)
    traces = {e.name: _log_frames(e, ids) for e in log.log_entries if e.code_def.traces}
    root = _Node(_ROOT)
    for name, src in sorted(by_name.items()):
        key_name, suffix = name, ""
        i, j = name.find("gradients/"), name.find("_grad/")
        if i >= 0 and j > i:
            fwd = name[i + len("gradients/"):j]
            if fwd in by_name:
                key_name, suffix = fwd, " (gradient)"
        frames = traces.get(key_name)
        if not frames:
            continue
        parent = root
        for fn, line, func in frames:
            key = _trace_name(fn, line, func) + suffix
            node = parent.children.get(key)
            if node is None:
                node = parent.children[key] = _Node(key)
                node.full_ops = []
            parent = node
        if parent.types == [""]:
            parent.types = []
        parent.types.extend(t for t in src.types if t not in parent.types)
        for k in _STATS:
            parent.stats[k] += src.stats[k]
        g = GraphNodeProto(name)
        g.float_ops, g.parameters = src.stats["float_ops"], src.stats["params"]
        g.exec_micros, g.requested_bytes = src.stats["micros"], src.stats["bytes"]
        g.run_count = src.stats["occurrence"]
        _fill_times(g)
        parent.full_ops.append(g)
        parent.op = parent.op or src.op
    return root


def _sorted(children, order, kept=False):
    """TF's SortNodes: by name, or a stable sort by a total, largest first; ties keep the
    order given (kept=True: the graph view's input order) or else name order."""
    by_name = sorted(children, key=lambda p: p.name)
    if order == "name":
        return by_name
    return sorted(children if kept else by_name, key=lambda p: -getattr(p, _TOTAL[order]))


def _option_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return ",".join(str(x) for x in v)
    return str(v)


def emit(opts, cmd, lines):
    """Writes TF's report: a file gets Doc and Profile; stdout also the options and the
    report's frame."""
    out = opts.get("output", "stdout")
    select = sorted(set(opts.get("select", ["micros"])))
    docs = [_CMD_DOC[cmd]] + [d for s in select for d in _DOC.get(s, [])]
    body = "\nDoc:\n" + "\n".join(docs) + "\n\nProfile:\n" + "\n".join(lines) + "\n"
    if out == "stdout":
        shown = dict(opts)
        shown["output"] = "stdout:"
        shown["select"] = select
        opt_lines = "".join(
            "%-28s%s\n" % ("-" + k, _option_value(shown.get(k, 0 if k[:4] == "min_" else "")))
            for k in _OPTION_KEYS)
        sys.stdout.write("\n=========================Options=============================\n"
                         + opt_lines + "\n==================Model Analysis Report"
                         "======================\n" + body +
                         "\n======================End of Report==========================\n")
    elif out.startswith("file:outfile="):
        with open(out[len("file:outfile="):], "w") as f:
            f.write(body)
    elif out != "none":
        raise NotImplementedError(f"tf.profiler.profile: output {out!r} is not supported by "
                                  "flowgrad (stdout, file:outfile=..., none)")
