"""The graph viewer: one self-contained, offline HTML file (hand-written JS and SVG, no
network) showing a graph with collapsible name scopes, op kinds coloured apart (forward,
gradient, optimizer, summary, initializer), shapes and dtypes on edges, search, a details
panel (attributes, inputs, outputs, the user's source line) and, for a plan (fetches and
feeds), what each optimizer pass did: constant-folded nodes, CSE duplicates merged into
the node they duplicate, ops removed or rewritten, fused ops - highlighted, with counts.

    flowgrad graph SCRIPT.py [args] -o graph.html      (runs the script, captures its plans)
    flowgrad.tools.show_graph(fetches, feed_dict=None, path="graph.html")

`graph_data(...)` returns the JSON-able dict the page embeds (tests read it).
"""
from __future__ import annotations

import html
import json
import os

import numpy as np

from ..engine.framework import op_traceback
from ..engine.framework.graph import Graph, Operation, Tensor, get_default_graph
from ..engine.optimize import PASSES, options_from_config
from ..engine.runtime.cost import memory_timeline
from ..engine.runtime.ir import lower

__all__ = ["graph_data", "render_html", "show_graph", "to_dot"]

_SUMMARY = frozenset({"ScalarSummary", "HistogramSummary", "ImageSummary", "AudioSummaryV2",
                      "TensorSummaryV2", "MergeSummary", "TensorSummary"})
_OPTIMIZER_SCOPES = ("GradientDescent", "Adam", "Adagrad", "Momentum", "RMSProp", "Ftrl",
                     "Adadelta", "ProximalAdagrad", "ProximalGradientDescent", "train",
                     "OptimizeLoss", "AdagradDA")
_PASS_VERB = {"constant_folding": "folded", "arithmetic": "rewritten", "cse": "merged",
              "dependency": "removed", "fusion": "fused", "accumulate": "rewritten"}
_MAX_ATTR = 120


def _kind(op) -> str:
    name, t = op.name, op.type
    first = name.split("/", 1)[0]
    if t in _SUMMARY:
        return "summary"
    if t.startswith(("Apply", "ResourceApply", "SparseApply", "ResourceSparseApply")) or \
            first.startswith(_OPTIMIZER_SCOPES) and not first.startswith("gradients"):
        return "optimizer"
    if first.startswith("gradients") or "/gradients" in name or "_grad/" in name:
        return "gradient"
    if name.endswith(("/Assign", "/Initializer", "/initial_value")) or "/Initializer/" in name \
            or t in ("VariableV2", "VarHandleOp") or first == "init":
        return "init" if t not in ("VariableV2", "VarHandleOp") else "variable"
    return "forward"


def _attr_text(v) -> str:
    if isinstance(v, np.ndarray):
        s = f"array{list(v.shape)} {v.dtype}" if v.size > 8 else np.array2string(v)
    else:
        s = getattr(v, "name", None) if hasattr(v, "as_numpy_dtype") else None
        s = s or repr(v)
    return s if len(s) <= _MAX_ATTR else s[:_MAX_ATTR] + "..."


def _source(op) -> str:
    fr = op_traceback.frames(getattr(op, "_traceback", None))
    if not fr:
        return ""
    fn, line, _, src = fr[-1]
    return f"{os.path.basename(fn)}:{line}" + (f": {src}" if src else "")


def _tensor_desc(t) -> str:
    dims = t.shape.as_tuple() if t.shape is not None else None
    shape = "?" if dims is None else "[" + ",".join("?" if d is None else str(d)
                                                    for d in dims) + "]"
    return f"{t.dtype.base_dtype.name}{shape}"


def _graph_part(graph):
    nodes = []
    for op in graph._flowgrad_operations():
        nodes.append({
            "name": op.name, "type": op.type, "kind": _kind(op),
            "inputs": [t.name for t in op.inputs],
            "control_inputs": [c.name for c in op.control_inputs],
            "outputs": [_tensor_desc(t) for t in op.outputs],
            "attrs": {k: _attr_text(v) for k, v in sorted(op._attrs.items())
                      if not k.startswith("_")},
            "source": _source(op)})
    return nodes


def _as_fetch_list(fetches):
    out = []
    for f in (fetches if isinstance(fetches, (list, tuple)) else [fetches]):
        if isinstance(f, (list, tuple)):
            out.extend(_as_fetch_list(f))
        elif isinstance(f, (Tensor, Operation)):
            out.append(f)
        elif hasattr(f, "op") and isinstance(getattr(f, "op"), Operation):
            out.append(f.value() if hasattr(f, "value") else f.op)
        else:
            raise TypeError(f"show_graph: cannot fetch {f!r} (a Tensor, an Operation, or a "
                            "list of them)")
    return out


def _diff(before, after, verb):
    """What one pass did: [{"node", "what", "into"}] by the user's op names."""
    b_names = {n.name: n for n in before.nodes}
    a_by_name = {}
    for n in after.nodes:
        a_by_name.setdefault(n.name, []).append(n)
    a_prod = {v: n.name for n in after.nodes for v in n.outputs}
    # consumers before: value -> [(consumer name, position)]
    users = {}
    for n in before.nodes:
        for k, v in enumerate(n.inputs):
            users.setdefault(v, []).append((n.name, k))
    a_inputs = {n.name: n.inputs for n in after.nodes}
    events = []
    for name, n in b_names.items():
        now = a_by_name.get(name)
        if now is not None:
            if n.type != "Const" and all(m.type == "Const" for m in now):
                events.append({"node": name, "what": "folded", "into": ""})
            elif {m.type for m in now} != {n.type} and verb != "folded":
                events.append({"node": name, "what": verb,
                               "into": "/".join(sorted({m.type for m in now}))})
            continue
        into = ""
        for v in n.outputs:
            for cname, k in users.get(v, ()):
                ins = a_inputs.get(cname)
                if ins is not None and k < len(ins):
                    into = a_prod.get(ins[k], "(a feed)")
                    break
            if into:
                break
        if not into:
            into = next((a_prod[v] for v in after.fetches
                         if v in a_prod and v not in set(before.fetches)), "")
        what = verb if verb in ("merged", "fused") else ("removed" if not into else verb)
        if verb == "merged" and not into:
            what = "removed"
        events.append({"node": name, "what": what, "into": into})
    for name, ns in a_by_name.items():
        if name not in b_names:
            events.append({"node": name, "what": "added",
                           "into": "/".join(sorted({m.type for m in ns}))})
    return events


def _plan_part(graph, fetches, feed_dict, config):
    fetch_list = _as_fetch_list(fetches)
    targets = [f for f in fetch_list if isinstance(f, Operation)]
    tensors = [f for f in fetch_list if isinstance(f, Tensor)]
    feeds = [graph.as_graph_element(k, allow_tensor=True, allow_operation=False)
             for k in (feed_dict or {})]
    prog = lower(graph, tensors, targets, feeds)
    options = options_from_config(config)
    passes = []
    lowered = [n.name for n in prog.nodes]
    for name, fn in PASSES:
        if not options.get(name, True):
            continue
        after = fn(prog, options)
        events = [] if after is prog else _diff(prog, after, _PASS_VERB[name])
        passes.append({"pass": name, "events": events, "nodes_after": len(after.nodes)})
        prog = after
    mem = memory_timeline(prog, options.get("inplace", True))
    memory = {"live": mem["live"], "peak_bytes": mem["peak_bytes"],
              "peak_index": mem["peak_index"],
              "alive_at_peak": [list(t) for t in mem["alive_at_peak"][:200]],
              "inplace": [list(t) for t in mem["inplace"]],
              "order": [n.name for n in prog.nodes]}
    return {"fetches": [f.name for f in fetch_list], "feeds": [t.name for t in feeds],
            "memory": memory,
            "fed_ops": sorted({t.op.name for t in feeds}),
            "lowered": lowered, "passes": passes, "final": [n.name for n in prog.nodes]}


def _profile_part(run_metas):
    """{op name: [total micros, runs]} over the traced runs (RunMetadata with step_stats)."""
    prof = {}
    for md in run_metas:
        for dev in md.step_stats.dev_stats:
            for ns in dev.node_stats:
                ent = prof.setdefault(ns.node_name, [0, 0])
                ent[0] += int(ns.all_end_rel_micros)
                ent[1] += 1
    return prof


def graph_data(graph=None, plans=(), config=None, run_metadata=None) -> dict:
    """The viewer's data: {"nodes": [...], "plans": [...], "profile": {...}} for `graph`
    (default: the default graph), each (fetches, feed_dict) in `plans` (only the
    feed_dict's keys matter) and the traced RunMetadata (one or a list; their per-op
    time is the profile view's heat).
    """
    graph = graph if graph is not None else get_default_graph()
    if not isinstance(graph, Graph):
        raise TypeError(f"graph must be a tf.Graph, got {type(graph).__name__}")
    metas = [] if run_metadata is None else (
        list(run_metadata) if isinstance(run_metadata, (list, tuple)) else [run_metadata])
    return {"version": 1, "nodes": _graph_part(graph),
            "plans": [_plan_part(graph, f, fd, config) for f, fd in plans],
            "profile": _profile_part(metas)}


def render_html(data, title="flowgrad graph") -> str:
    """The self-contained page for `data` (graph_data's dict)."""
    here = os.path.dirname(os.path.abspath(__file__))
    js = ""
    for name in ("viewer_layout.js", "viewer.js"):
        with open(os.path.join(here, name), encoding="utf-8") as f:
            js += f.read()
    with open(os.path.join(here, "viewer.css"), encoding="utf-8") as f:
        css = f.read()
    payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{css}</style></head><body>"
            "<div id=\"bar\"><b>flowgrad graph</b> <select id=\"view\"></select> "
            "<input id=\"search\" placeholder=\"search ops\"> <span id=\"count\"></span> "
            "<button id=\"expand\">expand all</button> <button id=\"collapse\">collapse all"
            "</button> <span id=\"legend\"></span></div>"
            "<div id=\"main\"><div id=\"canvas\"><svg id=\"svg\" xmlns=\"http://www.w3.org/"
            "2000/svg\"></svg></div><div id=\"side\"><div id=\"summary\"></div>"
            "<div id=\"details\">Click an op for its attributes, inputs, outputs and "
            "source line; click a scope to expand or collapse it.</div></div></div>"
            f"<script id=\"graph-data\" type=\"application/json\">{payload}</script>"
            f"<script>{js}</script></body></html>\n")


_DOT_FILL = {"forward": "#dbe9f6", "gradient": "#f8dcc4", "optimizer": "#d9f2d0",
             "summary": "#eadcf5", "init": "#eeeeee", "variable": "#fff3b0"}
_DOT_EDGE = {"folded": "orange", "merged": "red", "removed": "gray50", "fused": "purple",
             "rewritten": "purple"}


def _dot_id(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(data, plan=0) -> str:
    """Graphviz DOT of graph_data's dict: one box per op (coloured by kind), edges labelled
    with dtype and shape, control edges dashed; with plans, the ops each pass of plan
    `plan` folded, merged, removed or fused get a coloured border. Render with
    `dot -Tsvg graph.dot -o graph.svg` (Graphviz, not needed by flowgrad)."""
    status = {}
    if data["plans"]:
        for p in data["plans"][plan]["passes"]:
            for e in p["events"]:
                status.setdefault(e["node"], e["what"])
    by = {n["name"]: n for n in data["nodes"]}
    lines = ["digraph flowgrad {", "  node [shape=box, style=filled, fontsize=10];",
             "  edge [fontsize=8];"]
    for n in data["nodes"]:
        st = status.get(n["name"])
        extra = f', color="{_DOT_EDGE[st]}", penwidth=3' if st in _DOT_EDGE else ""
        label = _dot_id(n["name"])[:-1] + "\\n" + _dot_id(n["type"] + (f" ({st})" if st
                                                                      else ""))[1:]
        lines.append(f"  {_dot_id(n['name'])} [label={label}, "
                     f"fillcolor=\"{_DOT_FILL.get(n['kind'], '#ffffff')}\"{extra}];")
    for n in data["nodes"]:
        for t in n["inputs"]:
            src, _, k = t.rpartition(":")
            desc = by[src]["outputs"][int(k)] if src in by else ""
            lines.append(f"  {_dot_id(src)} -> {_dot_id(n['name'])} [label={_dot_id(desc)}];")
        for c in n["control_inputs"]:
            lines.append(f"  {_dot_id(c)} -> {_dot_id(n['name'])} [style=dashed];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def show_graph(fetches=None, feed_dict=None, path="graph.html", graph=None, config=None,
               run_metadata=None):
    """Writes the viewer for `graph` (default: the fetches' graph, else the default graph;
    `fetches` may be a tf.Graph itself)
    with the plan of (fetches, feed_dict) when fetches are given and, with traced
    `run_metadata` (RunOptions FULL_TRACE), the profile view; returns the path.

    >>> import os, tempfile
    >>> x = tf.placeholder(tf.float32, [2], name="x")
    >>> y = tf.add(x * 2.0, x * 2.0, name="y")
    >>> p = show_graph(y, {x: None}, os.path.join(tempfile.mkdtemp(), "g.html"))
    >>> os.path.getsize(p) > 1000
    True
    """
    if isinstance(fetches, Graph):       # show_graph(graph): the graph alone
        if graph is not None:
            raise TypeError("show_graph: pass the graph once (as fetches or as graph)")
        fetches, graph = None, fetches
    if graph is None:
        fl = _as_fetch_list(fetches) if fetches is not None else []
        graph = fl[0].graph if fl else get_default_graph()
    plans = [(fetches, feed_dict)] if fetches is not None else []
    data = graph_data(graph, plans, config, run_metadata)
    text = render_html(data)
    with open(os.fspath(path), "w", encoding="utf-8") as f:
        f.write(text)
    return os.fspath(path)
