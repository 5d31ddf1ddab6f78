"""`flowgrad graph SCRIPT [ARGS] -o graph.html`: runs a TF 1.x script, records the
(graph, fetches, feeds) of each distinct Session.run plan it builds, and writes the viewer
(tools/graph_viewer.py) for the graph of its largest plan, with up to `max_plans` plans of
that graph (largest first) and what each optimizer pass did to them; an output ending in
.dot gets Graphviz DOT instead (tools/graph_viewer.py's to_dot).

Recording wraps `BaseSession._compile` only while the script runs: a plan is recorded
when it is built, so a loop of runs costs nothing extra. With `profile`, every run is
traced (RunOptions FULL_TRACE, as `flowgrad profile` does) and the page gets the profile
view: time per op as heat.
"""
from __future__ import annotations

import sys

from ..engine.framework.config import RunMetadata, RunOptions
from ..engine.runtime.session import BaseSession
from .graph_viewer import graph_data, render_html, to_dot


def main(script, args, run_script, output="graph.html", max_plans=4, profile=False) -> int:
    plans = []      # (graph, fetches, feed keys, config, number of ops lowered)
    original = BaseSession._compile

    def recording(self, fetches, feed_keys):
        plan = original(self, fetches, feed_keys)
        if getattr(self.graph, "_flowgrad_internal", False):     # e.g. the cost model's probe
            return plan
        n = len(plan._lowered.nodes) if plan._lowered is not None else len(plan.program.nodes)
        plans.append((self.graph, plan.mapper.elements + plan.mapper.targets,
                      list(plan.feed_tensors), self._config, n))
        return plan

    metas = []
    original_run = BaseSession.run

    def traced_run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        md = run_metadata if run_metadata is not None else RunMetadata()
        if options is None or getattr(options, "trace_level", 0) < RunOptions.FULL_TRACE:
            options = RunOptions(trace_level=RunOptions.FULL_TRACE)
        result = original_run(self, fetches, feed_dict, options, md)
        metas.append((self.graph, md))
        return result

    BaseSession._compile = recording
    if profile:
        BaseSession.run = traced_run
    try:
        code = run_script(script, args)
    finally:
        BaseSession._compile = original
        BaseSession.run = original_run
    sys.stdout.flush()
    if not plans:
        print(f"flowgrad graph: {script} ran no Session.run; nothing written", file=sys.stderr)
        return code or 1
    graph = max(plans, key=lambda p: p[4])[0]
    mine = sorted((p for p in plans if p[0] is graph), key=lambda p: -p[4])[:max_plans]
    data = graph_data(graph, [(f, dict.fromkeys(k)) for _, f, k, _, _ in mine],
                      config=mine[0][3] if mine else None,
                      run_metadata=[md for g, md in metas if g is graph])
    with open(output, "w", encoding="utf-8") as f:
        if output.endswith(".dot"):
            f.write(to_dot(data))
        else:
            f.write(render_html(data, title=f"flowgrad graph: {script}"))
    print(f"flowgrad graph: wrote {output} ({len(data['nodes'])} ops, "
          f"{len(data['plans'])} plan(s))", file=sys.stderr)
    return code
