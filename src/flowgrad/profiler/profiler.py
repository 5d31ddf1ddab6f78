"""`tf.profiler.Profiler` (steps of RunMetadata, then the scope, op and code views) and
`tf.profiler.advise` with TF 1.14's open-source checkers: ExpensiveOperationChecker (top
op types, top scopes, hot code paths), OperationChecker (BatchNorm that is not fused;
NHWC on an accelerator - never on flowgrad's CPU) and AcceleratorUtilizationChecker
(accelerator kernels only: no report on a CPU). TF's JobChecker is Google-internal (its
open-source build runs nothing); so does flowgrad.
"""
from __future__ import annotations

import sys

from ..engine.framework.graph import Graph, get_default_graph
from . import model_analyzer as ma
from .tfprof_logger import report_missing_shapes

__all__ = ["ALL_ADVICE", "AdviceProto", "Profiler", "advise"]

ALL_ADVICE = {"ExpensiveOperationChecker": {}, "AcceleratorUtilizationChecker": {},
              "JobChecker": {}, "OperationChecker": {}}
_KNOWN = ("AcceleratorUtilizationChecker", "OperationChecker", "ExpensiveOperationChecker",
          "JobChecker")


class AdviceProto:
    """TF's AdviceProto: `checkers` maps a checker's name to a Checker with `reports`."""

    class Checker:
        def __init__(self):
            self.reports = []

        def __repr__(self):
            return f"Checker(reports={self.reports!r})"

    def __init__(self):
        self.checkers = {}


class Profiler:
    """TF 1.14's tf.profiler.Profiler: add RunMetadata step by step, then profile.

    >>> x = tf.placeholder(tf.float32, [4, 4], name="x")
    >>> y = tf.matmul(x, x, name="mm")
    >>> prof = tf.profiler.Profiler()
    >>> B = tf.profiler.ProfileOptionBuilder
    >>> prof.profile_operations(B(B.float_operation()).with_empty_output().build()
    ...                         ).children[0].name
    Parsing Inputs...
    'MatMul'
    """

    def __init__(self, graph=None, op_log=None):
        graph = graph if graph is not None else get_default_graph()
        if not isinstance(graph, Graph):
            raise TypeError(f"graph must be a tf.Graph, got {type(graph).__name__}")
        self._graph = graph
        if op_log is not None:
            op_log.log_entries        # noqa: B018 - TF merges the log here: a bad one fails now
        self._op_log = op_log
        self._steps = {}
        report_missing_shapes(graph)   # TF merges the graph's op log here

    def add_step(self, step, run_meta):
        """Adds the RunMetadata of training step `step` (a later add of the same step
        replaces it)."""
        self._steps[int(step)] = run_meta

    def _metas(self, options):
        step = options.get("step", -1)
        if step is None or step < 0:
            return [self._steps[k] for k in sorted(self._steps)]
        return [self._steps[step]] if step in self._steps else []

    def _profile(self, cmd, options):
        return ma.profile_steps(self._graph, self._metas(options), cmd, options, self._op_log)

    def profile_name_scope(self, options):
        """The scope view (GraphNodeProto tree by name scope)."""
        return self._profile("scope", options)

    def profile_graph(self, options):
        """The graph view (GraphNodeProto tree: each op under the ops that read it)."""
        return self._profile("graph", options)

    def profile_operations(self, options):
        """The op view (MultiGraphNodeProto per op type, as a chain)."""
        return self._profile("op", options)

    def profile_python(self, options):
        """The code view (MultiGraphNodeProto tree by the Python call stack that created
        each op; the frames flowgrad records are the user's, not the library's)."""
        return self._profile("code", options)

    def serialize_to_string(self):
        """TF's ProfileProto of the graph, its op log and the steps added, serialized
        (profiler/profile_proto.py)."""
        from .profile_proto import profile_proto  # lazy: protobuf work only when asked
        return profile_proto(self._graph, self._op_log, self._steps).SerializeToString()

    def advise(self, options):
        """Runs the checkers named in `options` (a dict like ALL_ADVICE) over the steps
        added; prints and returns the AdviceProto."""
        return _advise(self._graph, [self._steps[k] for k in sorted(self._steps)], options)


def advise(graph=None, run_meta=None, options=0):
    """Runs TF's checkers (options: a dict like ALL_ADVICE; 0: all of them) on `graph`
    (default: the default graph) and `run_meta`; prints and returns an AdviceProto."""
    graph = graph if graph is not None else get_default_graph()
    if run_meta is None:
        report_missing_shapes(graph)
    if options == 0 or options is None:
        options = ALL_ADVICE
    return _advise(graph, [run_meta] if run_meta is not None else [], options)


def _quiet(cmd, graph, metas, opts):
    opts = dict(opts, output="none")
    out, sys.stdout = sys.stdout, _Null()
    try:
        return ma.profile_steps(graph, metas, cmd, opts)
    finally:
        sys.stdout = out


class _Null:
    def write(self, s):
        return len(s)

    def flush(self):
        pass


def _options(max_depth, min_micros, select):
    return {"max_depth": max_depth, "min_bytes": 0, "min_micros": min_micros, "min_params": 0,
            "min_float_ops": 0, "min_occurrence": 0, "order_by": "micros",
            "account_type_regexes": [".*"], "start_name_regexes": [".*"],
            "trim_name_regexes": [], "show_name_regexes": [".*"], "hide_name_regexes": [],
            "account_displayed_op_only": False, "select": select, "step": -1,
            "output": "none"}


def _expensive(graph, metas):
    reports = []
    if not metas:
        sys.stderr.write("Missing RunMetadata info. Skip ExpensiveOperationChecker\n")
        sys.stderr.write("Missing run_meta for ExpensiveOperationChecker\n")
    else:
        root = _quiet("op", graph, metas, _options(3, 1, ["micros", "occurrence"]))
        outs = []
        node = root
        for i in range(3):
            if not node.children:
                break
            node = node.children[0]
            outs.append("top %d operation type: %s, cpu: %s, accelerator: %s, total: %s "
                        "(%.2f%%)" % (i + 1, node.name, ma.fmt_time(node.cpu_exec_micros),
                                      ma.fmt_time(0), ma.fmt_time(node.exec_micros),
                                      100.0 * node.exec_micros /
                                      (root.total_exec_micros + 1e-10)))
        if root.children:
            reports.append("\n".join(outs))
    root = _quiet("scope", graph, metas, _options(100, 100, ["micros"]))
    if root.children:
        reports.append("\n".join(
            "top %d graph node: %s, cpu: %s, accelerator: %s, total: %s"
            % (i + 1, c.name, ma.fmt_time(c.cpu_exec_micros), ma.fmt_time(0),
               ma.fmt_time(c.exec_micros)) for i, c in enumerate(root.children[:3])))
    root = _quiet("code", graph, metas, _options(100, 1, ["micros"]))
    node = root
    while len(node.children) == 1:
        node = node.children[0]
    if node.children:
        outs = []

        def helper(n, depth):
            if len(n.children) <= 1 or depth > 3:
                return
            for c in n.children[:3]:
                if c.total_exec_micros < 1000:
                    continue
                outs.append("%s%s, cpu: %s, accelerator: %s, total: %s"
                            % (" " * (2 * depth), c.name, ma.fmt_time(c.total_cpu_exec_micros),
                               ma.fmt_time(0), ma.fmt_time(c.total_exec_micros)))
                helper(c, depth + 1)
        helper(node, 0)
        reports.append("\n".join(outs))
    return reports


def _operation(graph):
    names = [op.name for op in graph._flowgrad_operations()]
    types = {op.type for op in graph._flowgrad_operations()}
    if any("BatchNorm" in n for n in names) and "FusedBatchNorm" not in types and \
            "FusedBatchNormV2" not in types and "FusedBatchNormV3" not in types:
        return ["Maybe use faster FusedBatchNorm instead of BatchNorm"]
    return []   # NHWC on an accelerator: flowgrad places every op on the CPU


def _advise(graph, metas, options):
    bad = [k for k in options if k not in _KNOWN]
    if bad:
        raise NotImplementedError(f"tf.profiler.advise: unknown checker {bad[0]!r} "
                                  f"(TF 1.14 has {', '.join(_KNOWN)})")
    sys.stdout.write("Parsing Inputs...\n")
    result = AdviceProto()
    if "AcceleratorUtilizationChecker" in options:
        result.checkers["AcceleratorUtilizationChecker"] = AdviceProto.Checker()
    if "OperationChecker" in options:
        result.checkers["OperationChecker"] = c = AdviceProto.Checker()
        c.reports = _operation(graph)
    if "ExpensiveOperationChecker" in options:
        result.checkers["ExpensiveOperationChecker"] = c = AdviceProto.Checker()
        c.reports = _expensive(graph, metas)
    for name in ("ExpensiveOperationChecker", "OperationChecker",
                 "AcceleratorUtilizationChecker"):
        if name in result.checkers:
            sys.stdout.write(f"\n{name}:\n" + "".join(
                r + "\n" for r in result.checkers[name].reports))
    sys.stdout.flush()
    return result
