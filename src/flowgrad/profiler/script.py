"""`flowgrad profile SCRIPT [ARGS]`: runs a TF 1.x script with every `Session.run` traced
(RunOptions FULL_TRACE) and prints the ops that took the most time and produced the most
bytes over the whole script, with the user's source line that created each.

Tracing is switched on only for this command, by wrapping `Session.run` while the script
runs; an ordinary `Session.run` pays nothing for it.
"""
from __future__ import annotations

import os
import sys

from ..engine.framework import op_traceback
from ..engine.framework.config import RunMetadata, RunOptions
from ..engine.runtime.session import BaseSession


class _Totals:
    def __init__(self):
        self.ops = {}       # (graph id, op name) -> [type, micros, bytes, runs, source]
        self.runs = 0

    def add(self, graph, md):
        self.runs += 1
        for dev in md.step_stats.dev_stats:
            for ns in dev.node_stats:
                key = (id(graph), ns.node_name)
                ent = self.ops.get(key)
                if ent is None:
                    ent = self.ops[key] = [ns.op_type, 0, 0, 0, _source(graph, ns.node_name)]
                ent[1] += ns.all_end_rel_micros
                ent[2] += ns.output_bytes
                ent[3] += 1


def _source(graph, name):
    try:
        op = graph.get_operation_by_name(name)
    except (KeyError, ValueError, TypeError):
        return ""
    frames = op_traceback.frames(getattr(op, "_traceback", None))
    if not frames:
        return ""
    fn, line, _, src = frames[-1]
    return f"{os.path.basename(fn)}:{line}" + (f"  {src}" if src else "")


def _fmt_bytes(b):
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if b >= size:
            return f"{b / size:.1f}{unit}"
    return f"{b}B"


def report(totals, top=15, out=None) -> None:
    """Prints the top ops by total time and by total output bytes."""
    out = out or sys.stdout
    rows = [(name, *ent) for (_, name), ent in totals.ops.items()]
    total_us = sum(r[2] for r in rows) or 1
    print(f"flowgrad profile: {totals.runs} traced Session.run call(s), {len(rows)} ops",
          file=out)
    print(f"\nTop {top} ops by total time", file=out)
    print(f"{'time':>10} {'%':>6} {'runs':>6}  op (type)  source", file=out)
    for name, ty, us, _, runs, src in sorted(rows, key=lambda r: -r[2])[:top]:
        print(f"{us / 1000:>8.2f}ms {100 * us / total_us:>5.1f}% {runs:>6}  {name} ({ty})  {src}",
              file=out)
    print(f"\nTop {top} ops by output bytes", file=out)
    print(f"{'bytes':>10} {'runs':>6}  op (type)  source", file=out)
    for name, ty, _, nbytes, runs, src in sorted(rows, key=lambda r: -r[3])[:top]:
        print(f"{_fmt_bytes(nbytes):>10} {runs:>6}  {name} ({ty})  {src}", file=out)


def main(script, args, run_script, top=15) -> int:
    """Runs `script` through `run_script` (flowgrad.cli's) with tracing on; prints the
    report; returns the script's exit status."""
    totals = _Totals()
    original = BaseSession.run

    def traced_run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        if getattr(self.graph, "_flowgrad_internal", False):   # e.g. the cost model's probe
            return original(self, fetches, feed_dict, options, run_metadata)
        md = run_metadata if run_metadata is not None else RunMetadata()
        opts = options if options is not None else RunOptions(trace_level=RunOptions.FULL_TRACE)
        if getattr(opts, "trace_level", 0) < RunOptions.FULL_TRACE:
            opts = RunOptions(trace_level=RunOptions.FULL_TRACE)
        result = original(self, fetches, feed_dict, opts, md)
        totals.add(self.graph, md)
        return result

    BaseSession.run = traced_run
    try:
        code = run_script(script, args)
    finally:
        BaseSession.run = original
    sys.stdout.flush()
    report(totals, top)
    return code
