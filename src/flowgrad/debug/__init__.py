"""Debugging a run: where the first NaN/Inf came from, and a dump of every tensor.

`nan_origin(sess, fetches, feed_dict)` reruns the fetches node by node, keeping every
intermediate value, and names the first op in schedule order (forward or backward)
whose output holds NaN or Inf while its inputs do not, with its inputs' statistics and
the user's line that created it. `dump_run(sess, fetches, feed_dict, path)` writes every
tensor of one run to an .npz with a JSON index. Neither adds anything to `Session.run`:
they cost nothing unless called.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from . import _trace

from ..engine.runtime.races import RaceError, RaceWarning
from ..engine.runtime.races import set_policy as set_race_policy

__all__ = ["NanOrigin", "RaceError", "RaceWarning", "nan_origin", "dump_run", "set_race_policy"]


def _fmt_stats(s) -> str:
    if s is None:
        return "(not numeric)"
    bad = [f"{s[k]} {lbl}" for k, lbl in (("nan", "NaN"), ("pos_inf", "+Inf"),
                                          ("neg_inf", "-Inf")) if s[k]]
    rng = ("no finite values" if s["min"] is None else
           f"min {s['min']:.6g} max {s['max']:.6g} mean {s['mean']:.6g}")
    return f"{s['dtype']}{s['shape']} {rng}" + (f", {', '.join(bad)}" if bad else "")


@dataclass
class NanOrigin:
    """The op that first produced NaN/Inf in a run.

    op: its name; type: its op type; phase: "forward", "backward" (an op tf.gradients
    built), "state" (a variable held NaN/Inf before the run) or "feed" (a fed value held
    NaN/Inf; type is then "feed"); outputs:
    [(tensor name, stats)] of its non-finite outputs; inputs: [(tensor name, stats)];
    source: "file.py:LINE: code" where the user created it (None for feeds or unknown);
    traceback: the user's frames (file, line, function, code), outermost first;
    check_failures: CheckNumerics ops that failed during the rerun; affected: how many
    later ops also produced NaN/Inf.
    """

    op: str
    type: str
    phase: str
    outputs: list
    inputs: list
    source: str | None
    traceback: list = field(default_factory=list)
    check_failures: list = field(default_factory=list)
    affected: int = 0

    def __str__(self) -> str:
        if self.phase == "feed":
            head = f"NaN/Inf first appears in the fed value of {self.op}"
        elif self.phase == "state":
            head = (f"NaN/Inf is already held by {self.op} ({self.type}) when the run starts"
                    + (f"; created at {self.source}" if self.source else ""))
        else:
            head = (f"NaN/Inf first produced by {self.phase} op {self.op} ({self.type})"
                    + (f", created at {self.source}" if self.source else ""))
        lines = [head]
        for name, s in self.outputs:
            lines.append(f"  output {name}: {_fmt_stats(s)}")
        for name, s in self.inputs:
            lines.append(f"  input  {name}: {_fmt_stats(s)}")
        if self.affected:
            lines.append(f"  {self.affected} later op(s) also produced NaN/Inf")
        return "\n".join(lines)


def _origin(trace) -> NanOrigin | None:
    vals = trace.values
    name = trace.tensor_of
    for v, t in zip(trace.program.feeds, trace.feed_tensors):
        if _trace.nonfinite(vals[v]):
            return NanOrigin(t.name, "feed", "feed", [(t.name, _trace.stats(vals[v]))], [],
                             None, check_failures=list(trace.check_failures))
    first = None
    affected = 0
    for n in trace.program.nodes:
        bad = [v for v in n.outputs if _trace.nonfinite(vals.get(v))]
        if not bad:
            continue
        if first is not None:
            affected += 1
            continue
        if any(_trace.nonfinite(vals.get(v)) for v in n.inputs):
            continue    # unreachable in schedule order; kept for clarity of the rule
        first = n
        first_bad = bad
    if first is None:
        return None
    op = first.op
    where = "state" if first.stateful and not first.inputs else _trace.phase(first.name)
    return NanOrigin(
        first.name, first.type, where,
        [(name[v].name, _trace.stats(vals[v])) for v in first_bad],
        [(name[v].name if v in name else f"<value {v}>", _trace.stats(vals[v]))
         for v in first.inputs],
        _trace.source_line(op) if op is not None else None,
        op.traceback if op is not None else [],
        list(trace.check_failures), affected)


def nan_origin(sess, fetches, feed_dict=None) -> NanOrigin | None:
    """Reruns `fetches` and returns the first op whose output holds NaN/Inf while its inputs
    do not (a NanOrigin; `print` it), or None when every value is finite.

    The rerun executes the unoptimized plan node by node and keeps every value, so it is
    slower than `sess.run`; stateful ops in the fetches (a train op) run again.

    >>> import flowgrad.debug
    >>> x = tf.placeholder(tf.float32, name="x")
    >>> y = tf.sqrt(x - 1.0) * 2.0
    >>> print(flowgrad.debug.nan_origin(tf.Session(), y, {x: 0.0}))
    NaN/Inf first produced by forward op Sqrt (Sqrt), created at ...
      output Sqrt:0: float32[] no finite values, 1 NaN
      input  sub:0: float32[] min -1 max -1 mean -1
      1 later op(s) also produced NaN/Inf
    """
    return _origin(_trace.run(sess, fetches, feed_dict))


def dump_run(sess, fetches, feed_dict=None, path="run.npz") -> dict:
    """Runs `fetches` once, keeping every tensor, and writes them to `path` (an .npz of
    arrays named t0, t1, ...) and `path` + ".json" (the index: for each key, the tensor
    name, op, op type, phase, dtype and shape, in schedule order). Returns the index.

    Values that are not NumPy arrays of numbers, booleans or strings (resource handles,
    TensorArrays) are listed in the index with "key": None.
    """
    trace = _trace.run(sess, fetches, feed_dict)
    arrays = {}
    entries = []
    order = list(trace.program.feeds) + [v for n in trace.program.nodes for v in n.outputs]
    for v in order:
        t = trace.tensor_of.get(v)
        if t is None or v not in trace.values:
            continue
        val = trace.values[v]
        key = None
        if isinstance(val, (np.ndarray, np.generic)) and np.asarray(val).dtype.kind != "O":
            key = f"t{len(arrays)}"
            arrays[key] = np.asarray(val)
        elif isinstance(val, np.ndarray) and all(isinstance(x, (bytes, str))
                                                 for x in val.reshape(-1)):
            key = f"t{len(arrays)}"
            arrays[key] = val.astype(bytes)
        entries.append({"key": key, "tensor": t.name, "op": t.op.name, "type": t.op.type,
                        "phase": "feed" if v in trace.program.feeds
                        else _trace.phase(t.op.name),
                        "dtype": t.dtype.base_dtype.name,
                        "shape": None if key is None else list(arrays[key].shape)})
    fetched = fetches if isinstance(fetches, (list, tuple)) else [fetches]
    index = {"fetches": [getattr(f, "name", str(f)) for f in fetched],
             "tensors": entries, "check_failures": list(trace.check_failures)}
    path = str(path)
    with open(path, "wb") as f:
        np.savez(f, **arrays)
    with open(path + ".json", "w", encoding="utf-8") as f:
        json.dump(index, f, indent=1)
    return index
