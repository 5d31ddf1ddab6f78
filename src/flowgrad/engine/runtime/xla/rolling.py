"""Loops kept as loops: repeated stretches of a cluster rolled into `lax.scan`.

A Python loop that builds a graph (`for _ in range(1000): h = tanh(h * w + 0.1)`) and
its gradient leave a plan that repeats a few nodes a thousand times. Unrolled, XLA takes
minutes to compile it and then runs each tiny op as a step of its own (measured in
docs/performance.md); JAX users write `lax.fori_loop`. `find_regions` finds such
stretches in a run of cluster nodes and `trace` lowers each as one `lax.scan` whose body
is one period of the stretch.

A region is `reps` consecutive iterations of `period` nodes in which iteration k's node j
has the same op type, attrs, dtypes and shapes as iteration 1's, and reads each input
the same way iteration 1 does:
- "in": an output of an earlier node j' of the same iteration;
- "prev": an output of node j' of iteration k - 1 (a carry; iteration 0 reads its
  initial value from before the region);
- "ext": a value from before the region, the same for every iteration (invariant) or one
  per iteration (a scanned input; when those are the per-iteration outputs of an earlier
  region in order or reversed, the scan reads that region's stacked outputs directly).
Values of the region read after it come from the scan's stacked per-iteration outputs.
The nodes and their order are the plan's own; only the way XLA is told about them
changes, so results equal the unrolled cluster's (the same ops on the same values).
"""
from __future__ import annotations

__all__ = ["Region", "find_regions", "MIN_REPS", "MAX_PERIOD"]

MIN_REPS = 8          # fewer iterations are left unrolled
MAX_PERIOD = 64       # the longest loop body looked for (nodes)


class Region:
    """`reps` iterations of `period` nodes starting at `start` (indices into the run)."""

    def __init__(self, start, period, reps, slots, init, xs):
        self.start, self.period, self.reps = start, period, reps
        # slots[j][i]: ("in"|"prev", j2, out), ("inv", value, None) or ("xs", m, None)
        self.slots = slots
        self.init = init      # (j', out) -> the value iteration 0 reads for that carry
        self.xs = xs          # m -> [value read by iteration k for k in range(reps)]
        self.carries = sorted(init)

    @property
    def stop(self):
        return self.start + self.period * self.reps


def _token(n, program, plain):
    if not plain(n):
        return ("node", id(n))
    attrs = tuple(sorted((k, repr(a)) for k, a in n.attrs.items()))
    return (n.type, attrs, len(n.inputs),
            tuple((program.dtypes[v].name, program.shapes[v].as_tuple()) for v in n.outputs))


def _periodic(tokens, i, p):
    """How many whole periods of length p repeat from tokens[i]."""
    n = len(tokens)
    reps = 1
    while i + (reps + 1) * p <= n:
        base = i + reps * p
        if tokens[base:base + p] != tokens[i:i + p]:
            break
        reps += 1
    return reps


def _wiring(run, start, period, reps, where, same):
    """The region's slots, initial carries and scanned inputs, checking every iteration
    against iteration 1; returns (reps kept, slots, init, xs) or None."""
    def ref(k, j, i):
        v = run[start + k * period + j].inputs[i]
        at = where.get(v)
        if at is not None and start <= at[0] < start + reps * period:
            kk, jj = divmod(at[0] - start, period)
            if kk == k:
                return ("in", jj, at[1])
            if kk == k - 1:
                return ("prev", jj, at[1])
            return ("far", None, None)
        return ("ext", v, None)

    slots = []
    for j in range(period):
        row = []
        for i in range(len(run[start + period + j].inputs)):
            kind, a, b = ref(1, j, i)
            if kind == "far":
                return None
            row.append((kind, a, b))
        slots.append(row)
    kept = reps
    for k in range(2, reps):
        ok = all(
            (ref(k, j, i) == s if s[0] != "ext" else ref(k, j, i)[0] == "ext")
            for j, row in enumerate(slots) for i, s in enumerate(row))
        if not ok:
            kept = k
            break
    if kept < 2:
        return None
    init, xs, out_slots = {}, {}, []
    for j, row in enumerate(slots):
        out_row = []
        for i, (kind, a, b) in enumerate(row):
            k0 = ref(0, j, i)
            if kind == "in":
                if k0 != (kind, a, b):
                    return None
                out_row.append(("in", a, b))
            elif kind == "prev":
                if k0[0] != "ext" or init.get((a, b), k0[1]) != k0[1]:
                    return None
                init[(a, b)] = k0[1]
                out_row.append(("prev", a, b))
            else:
                vals = [ref(k, j, i)[1] for k in range(kept)]
                if any(ref(k, j, i)[0] != "ext" for k in range(kept)):
                    return None
                if all(same(v, vals[0]) for v in vals):
                    out_row.append(("inv", vals[0], None))
                else:
                    xs[len(xs)] = vals
                    out_row.append(("xs", len(xs) - 1, None))
        out_slots.append(out_row)
    return kept, out_slots, init, xs


def find_regions(run, program, plain, same=None, valid=None):
    """The regions of `run` (a list of cluster nodes in plan order), in order and
    disjoint. `plain(node)` says whether a node may sit in a loop body, `same(v, w)`
    whether two values from before a region are the same value (equal constants),
    `valid(region, run)` whether the caller can lower a region found."""
    same = same or (lambda v, w: v == w)
    tokens = [_token(n, program, plain) for n in run]
    where = {v: (idx, o) for idx, n in enumerate(run) for o, v in enumerate(n.outputs)}
    regions, i, n = [], 0, len(run)
    while i < n - MIN_REPS:
        best = None
        for p in range(1, min(MAX_PERIOD, (n - i) // MIN_REPS) + 1):
            if tokens[i + p] != tokens[i] or tokens[i] == ("node", id(run[i])):
                continue
            reps = _periodic(tokens, i, p)
            if reps >= MIN_REPS and (best is None or reps * p > best[0] * best[1]):
                best = (reps, p)
        if best is not None:
            reps, p = best
            wired = _wiring(run, i, p, reps, where, same)
            if wired is not None and wired[0] >= MIN_REPS:
                kept, slots, init, xs = wired
                region = Region(i, p, kept, slots, init, xs)
                if valid is None or valid(region, run):
                    regions.append(region)
                    i += kept * p
                    continue
        i += 1
    return regions
