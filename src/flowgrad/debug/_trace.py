"""One run of a session's fetches, node by node, keeping every intermediate value.

The plan is the pruned, *unoptimized* lowering of the user's graph (runtime/ir.py:
lower), so every value belongs to a tensor of the graph; kernels are the session's own
(bound to its variables and RNG state), in-place updates are off and values that may
alias state are copied, so each recorded value is the one its op produced. Stateful ops
(assigns, optimizer updates) run, as in the run being debugged. A CheckNumerics op that
fails passes its input on (the value is recorded; `Trace.check_failures` names it).
"""
from __future__ import annotations

import os
import re

import numpy as np

from ..engine.framework import op_traceback
from ..engine.ops.control_flow import end_run
from ..engine.runtime.backends.numpy import CompiledProgram
from ..engine.runtime.ir import lower
from ..engine.runtime.session import _convert_feed, _FetchMapper

_GRAD_SCOPE = re.compile(r"^gradients(_\d+)?$")


def phase(op_name: str) -> str:
    """"backward" for ops tf.gradients built (a `gradients`/`gradients_N` name scope),
    else "forward"."""
    parts = op_name.split("/")[:-1]
    return "backward" if any(_GRAD_SCOPE.match(p) for p in parts) else "forward"


def source_line(op) -> str | None:
    """`file.py:14: y = tf.log(x)`: the user's line that created `op` (None if unknown)."""
    frames = op_traceback.frames(getattr(op, "_traceback", None))
    if not frames:
        return None
    fn, line, _, src = frames[-1]
    return f"{os.path.basename(fn)}:{line}" + (f": {src}" if src else "")


def stats(value) -> dict | None:
    """min/max/mean over the finite elements, and the count of NaN, +Inf and -Inf (None for
    values that are not numeric arrays)."""
    a = np.asarray(value) if not isinstance(value, np.ndarray) else value
    if a.dtype.kind not in "biufc":
        return None
    out = {"dtype": a.dtype.name, "shape": list(a.shape), "size": int(a.size),
           "nan": 0, "pos_inf": 0, "neg_inf": 0, "min": None, "max": None, "mean": None}
    if a.dtype.kind in "fc":
        nan = np.isnan(a)
        inf = np.isinf(a)
        re_part = a.real if a.dtype.kind == "c" else a
        out["nan"] = int(nan.sum())
        out["pos_inf"] = int((inf & (re_part > 0)).sum())
        out["neg_inf"] = int((inf & ~(re_part > 0)).sum())
        fin = a[~(nan | inf)]
    else:
        fin = a.reshape(-1)
    if fin.size:
        if a.dtype.kind == "c":
            fin = np.abs(fin)
        out["min"] = fin.min().item()
        out["max"] = fin.max().item()
        out["mean"] = float(fin.astype(np.float64).mean())
    return out


def nonfinite(value) -> bool:
    """Does `value` (an array or NumPy scalar) hold NaN or Inf?"""
    return isinstance(value, (np.ndarray, np.generic)) and value.dtype.kind in "fc" and \
        not np.isfinite(value).all()


class Trace:
    """The values of one run: `nodes` in schedule order, `value(v)` by value id,
    `tensor_of[v]` the graph Tensor of each value, feeds by value id."""

    def __init__(self, program, values, feed_tensors, check_failures):
        self.program = program
        self.values = values
        self.feed_tensors = feed_tensors
        self.check_failures = check_failures
        self.tensor_of = {}
        for v, t in zip(program.feeds, feed_tensors):
            self.tensor_of[v] = t
        for n in program.nodes:
            if n.op is not None:
                for v, t in zip(n.outputs, n.op.outputs):
                    self.tensor_of.setdefault(v, t)


def run(sess, fetches, feed_dict=None) -> Trace:
    """Runs `fetches` once node by node (see the module docstring); returns the Trace."""
    if sess._closed:
        raise RuntimeError("Attempted to use a closed Session.")
    graph = sess.graph
    mapper = _FetchMapper(graph, fetches)
    keys = tuple(feed_dict) if feed_dict else ()
    feed_tensors = sess._resolve_feed_keys(keys)
    feeds = [_convert_feed(t, t.dtype.base_dtype.as_numpy_dtype, val)
             for t, val in zip(feed_tensors, feed_dict.values())] if keys else []
    prog = lower(graph, mapper.elements, mapper.targets, feed_tensors)
    comp = CompiledProgram(prog, sess._ctx, inplace=False)
    live = dict(zip(prog.feeds, feeds))     # what the kernels read (variables by reference)
    values = dict(live)                      # what each op produced, as it produced it
    failures = []
    try:   # (a run: its loops' kept iterations are gone after it, engine/ops/control_flow)
        with np.errstate(all="ignore"):
            for n, k in zip(prog.nodes, comp.kernels):
                args = [live[v] for v in n.inputs]
                try:
                    res = k(*args)
                except Exception as e:  # noqa: BLE001 - a failing check passes on; else OpError
                    if n.type == "CheckNumerics" and args:
                        failures.append(n.name)
                        res = args[0]
                    else:
                        raise comp.translate_error(e, node=n, args=args) from None
                outs = res if len(n.outputs) > 1 else (res,)
                copy = n.stateful or n.op_def.aliases_input
                for v, r in zip(n.outputs, outs):
                    live[v] = r
                    values[v] = np.array(r, copy=True) if copy and isinstance(r, np.ndarray) else r
    finally:
        end_run(sess._ctx)
    return Trace(prog, values, feed_tensors, failures)
