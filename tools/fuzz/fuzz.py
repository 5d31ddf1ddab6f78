"""Differential fuzzer: random TF 1.x programs on the TF 1.14 oracle and on flowgrad.

    python tools/fuzz/fuzz.py --n 2000              # programs with seeds 0..1999
    python tools/fuzz/fuzz.py --n 500 --start 10000 --save

Each program (tools/fuzz/programs.py) is generated once here, run by one
long-lived oracle process (TF's start-up dominates otherwise) and by flowgrad in
this process, and the results compared (errors by class; values by shape, dtype
and per-dtype tolerance). A mismatch is minimized (fewer ops, a single output,
lower gradient order) and, with --save, appended to tools/fuzz/regression_specs.json;
`python tools/goldens.py regen fuzz` (or the gen module) then records TF's
results, and tests/test_fuzz_regressions.py runs them on every suite run.
Not run by CI: it needs the oracle (tools/oracle/setup.sh or the shared script).

Mismatches are counted by class, "culprit op | where | kind" (programs.mismatch_class),
not by value, so "nothing new in the last N programs" is measurable. Long runs go in
chunks sharing one --known file, seeded with the recorded cases' classes:

    python tools/fuzz/known_classes.py /tmp/known.json
    python tools/fuzz/fuzz.py --n 1000 --start 850000 --known /tmp/known.json --out /tmp/new.json

It accumulates the classes (with the seed and value detail that found each), the op
types exercised and the number of programs run since the last new class.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import queue
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "golden"))

import goldenio  # noqa: E402
import programs  # noqa: E402

SPECS = os.path.join(HERE, "regression_specs.json")


class OracleCrash:
    """TF 1.14 aborted the process on this program (a CHECK failure in its C++)."""
    cls = "OracleCrash"
    message = "TF 1.14 aborted the process"


class OracleTimeout(OracleCrash):
    """TF 1.14 did not answer within the time limit (the process is killed and restarted)."""
    cls = "OracleTimeout"
    message = "TF 1.14 did not answer in time"


class Oracle:
    """One TF 1.14 process answering specs line by line; restarted when TF aborts or hangs."""

    def __init__(self, python, timeout=120.0):
        self.python = python
        self.p = None
        self.crashes = 0
        self.timeout = timeout
        self.lines = None

    def _start(self):
        self.p = subprocess.Popen([self.python, os.path.join(HERE, "oracle_worker.py")],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self.lines = queue.Queue()

        def pump(out, lines):
            for line in out:
                lines.put(line)
            lines.put("")
        threading.Thread(target=pump, args=(self.p.stdout, self.lines), daemon=True).start()

    @staticmethod
    def _send(p, specs):
        try:
            for s in specs:
                p.stdin.write(json.dumps(s) + "\n")
            p.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass

    def run_many(self, specs):
        out = []
        while len(out) < len(specs):
            if self.p is None or self.p.poll() is not None:
                self._start()
            todo = specs[len(out):]
            # Written from a thread: results come back while specs still go in (a full
            # pipe in both directions would otherwise deadlock).
            threading.Thread(target=self._send, args=(self.p, todo), daemon=True).start()
            for _ in todo:
                try:
                    line = self.lines.get(timeout=self.timeout)
                except queue.Empty:  # hung (e.g. a loop that never ends under TF)
                    self.p.kill()
                    self.p.wait()
                    self.p = None
                    out.append(OracleTimeout())
                    break
                if not line:  # the process died on the program it was running
                    self.p.wait()
                    self.p = None
                    self.crashes += 1
                    out.append(OracleCrash())
                    break
                out.append(goldenio.decode(json.loads(line)["result"]))
        return out

    def close(self):
        if self.p is not None:
            self.p.stdin.close()
            self.p.wait()


def _needed(spec, out):
    """Indices of the ops that value `out` depends on."""
    n_in = len(spec["inputs"])
    need, stack = set(), [out]
    while stack:
        v = stack.pop()
        if v >= n_in and v - n_in not in need:
            need.add(v - n_in)
            stack.extend(a["v"] for a in spec["ops"][v - n_in][1]
                         if isinstance(a, dict) and "v" in a)
    return need


def _restrict(spec, out, grad_order):
    """`spec` computing only value `out` (the inputs and ops it needs, renumbered)."""
    n_in = len(spec["inputs"])
    keep = sorted(_needed(spec, out))
    used = {a["v"] for k in keep for a in spec["ops"][k][1] if isinstance(a, dict) and "v" in a}
    used.add(out)
    ins = [i for i in range(n_in) if i in used]
    new_index = {i: j for j, i in enumerate(ins)}
    ops = []
    for k in keep:
        name, args, kw = spec["ops"][k]
        args = [{"v": new_index[a["v"]]} if isinstance(a, dict) and "v" in a else a
                for a in args]
        new_index[n_in + k] = len(ins) + len(ops)
        ops.append([name, args, kw])
    return dict(spec, inputs=[spec["inputs"][i] for i in ins], ops=ops,
                outputs=[new_index[out]], grad_order=grad_order)


def minimize(spec, oracle, local):
    """The smallest variant of `spec` that still mismatches (one oracle call per round)."""
    n_in = len(spec["inputs"])
    orders = [spec.get("grad_order", 0)] if spec.get("train") else \
        list(range(spec.get("grad_order", 0) + 1))
    cands = [_restrict(spec, v, o) for o in orders
             for v in range(n_in, n_in + len(spec["ops"]))]
    cands.sort(key=lambda s: (len(s["ops"]), s["grad_order"]))
    wants = oracle.run_many(cands)
    for c, w in zip(cands, wants):
        if isinstance(w, OracleCrash):
            continue
        got = local(c)
        why = programs.compare(got, w)
        if why:
            return c, why, programs.mismatch_class(c, got, w)
    return spec, None, None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--seeds", help="comma-separated seeds to run instead of --start/--n")
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--oracle", default=os.environ.get("TF114_PYTHON", "/tmp/tf114/bin/python"))
    ap.add_argument("--save", action="store_true", help="append minimized mismatches to specs")
    ap.add_argument("--out", help="also write the minimized mismatches (JSON list) to this file")
    ap.add_argument("--known", help="JSON file of mismatch classes seen by earlier runs (read, "
                    "then updated): 'new' means new to all of them; also accumulates the op "
                    "types exercised")
    args = ap.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import flowgrad as tf
    from flowgrad.engine.framework.registry import GRADIENTS, OPS
    seen = collections.Counter()

    def local(spec, record=False):
        return programs.run(tf, spec, on_graph=(
            lambda g: seen.update({op.type for op in g.get_operations()})) if record else None)

    oracle = Oracle(args.oracle)
    found, reasons, last_new = [], collections.Counter(), None
    known = {"classes": {}, "ops": [], "programs": 0}
    if args.known and os.path.exists(args.known):
        with open(args.known) as f:
            known = json.load(f)
    since_new = known.get("since_new", known["programs"])
    t0 = time.time()
    seeds = [int(x) for x in args.seeds.split(",")] if args.seeds else \
        list(range(args.start, args.start + args.n))
    for b in range(0, len(seeds), args.batch):
        specs = [programs.generate(s) for s in seeds[b:b + args.batch]]
        wants = oracle.run_many(specs)
        for spec, want in zip(specs, wants):
            if isinstance(want, OracleCrash):
                print(f"seed {spec['seed']}: {want.message} (skipped)", flush=True)
                continue
            got = local(spec, record=True)
            why = programs.compare(got, want)
            since_new += 1
            if why:
                key = programs.mismatch_class(spec, got, want)
                small, small_why, small_key = minimize(spec, oracle, local)
                key = small_key or key
                if key not in reasons and key not in known["classes"]:
                    last_new = spec["seed"]
                    since_new = 0
                    print(f"seed {spec['seed']}: NEW [{key}] {small_why or why}\n"
                          f"  {json.dumps(small)[:400]}", flush=True)
                    found.append(dict(small, note=small_why or why, mismatch_class=key))
                    known["classes"][key] = {"seed": spec["seed"], "detail": small_why or why}
                reasons[key] += 1
        print(f"... {b + len(specs)} programs, {len(reasons)} distinct mismatches, "
              f"{time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    oracle.close()
    diff = {k for k, v in GRADIENTS.items() if v is not None and k in OPS}
    print(f"\n{len(seeds)} programs, {sum(reasons.values())} mismatching, {len(reasons)} "
          f"classes; last new class at seed {last_new}; {since_new} programs since a new class "
          f"(counting earlier runs in --known)")
    print(f"op types exercised: {len(seen)} of {len(OPS)} registered; differentiable: "
          f"{len(diff & set(seen))} of {len(diff)}")
    if args.known:
        allseen = set(known["ops"]) | set(seen)
        known.update(ops=sorted(allseen), programs=known["programs"] + len(seeds),
                     since_new=since_new)
        with open(args.known, "w") as f:
            json.dump(known, f, indent=1, sort_keys=True)
        print(f"all runs in {args.known}: {known['programs']} programs, {len(known['classes'])} "
              f"classes; op types {len(allseen & set(OPS))} of {len(OPS)}, differentiable "
              f"{len(diff & allseen)} of {len(diff)}; differentiable never exercised: "
              f"{' '.join(sorted(diff - allseen))}")
    for k, v in reasons.most_common():
        print(f"  {v:4d}  {k}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(found, f, indent=1)
    if args.save and found:
        os.makedirs(os.path.dirname(SPECS), exist_ok=True)
        old = json.load(open(SPECS)) if os.path.exists(SPECS) else []
        def key(s):
            return json.dumps([s[k] for k in ("inputs", "ops", "outputs", "grad_order", "train")])
        known = {key(s) for s in old}
        new = [s for s in found if key(s) not in known]
        with open(SPECS, "w") as f:
            json.dump(old + new, f, indent=1)
        print(f"saved {len(new)} new cases to {os.path.relpath(SPECS, ROOT)}")


if __name__ == "__main__":
    main()
