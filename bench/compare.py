"""flowgrad against flowgrad: two source trees, workloads interleaved, medians compared.

    python bench/compare.py --a /tmp/old/src --b src --rounds 5 --only W1,W2,W3,W5

Each round runs every workload once per tree, alternating A and B (in their own
fresh processes, through bench/peers.py with PYTHONPATH at the tree), so
drifts in machine load hit both alike. Prints the median of each metric for A
and B and the ratio B/A. Used to check that a refactoring keeps speed (issue 8:
no workload more than 5% slower on medians).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
METRICS = {"W1": ["run_s", "callable_s"], "W2": ["step_s"], "W3": ["steady_s", "first_s"],
           "W4": ["step_s", "peak_rss"], "W5": ["hvp_s"]}


def run(src, work, timeout):
    env = dict(os.environ, PYTHONPATH=os.path.abspath(src), TF_CPP_MIN_LOG_LEVEL="3")
    p = subprocess.run([sys.executable, os.path.join(HERE, "peers.py"), "flowgrad", work],
                       capture_output=True, text=True, timeout=timeout, env=env, check=False)
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        raise RuntimeError(f"{work} at {src}: {(p.stderr or p.stdout).strip()[-300:]}")
    return json.loads(lines[-1])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--a", required=True, help="src/ of the baseline tree")
    ap.add_argument("--b", required=True, help="src/ of the tree under test")
    ap.add_argument("--only", default="W1,W2,W3,W5")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--timeout", type=int, default=900)
    args = ap.parse_args(argv)
    works = [w.strip() for w in args.only.split(",") if w.strip()]
    samples = {(side, w, m): [] for side in "ab" for w in works for m in METRICS[w]}
    for r in range(args.rounds):
        for w in works:
            order = "ab" if r % 2 == 0 else "ba"
            for side in order:
                res = run(getattr(args, side), w, args.timeout)
                for m in METRICS[w]:
                    if m in res:
                        samples[(side, w, m)].append(res[m])
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    print(f"| workload | metric | A median | B median | B / A |   (A = {args.a}, B = {args.b}, "
          f"{args.rounds} interleaved rounds)")
    print("|---|---|---|---|---|")
    for w in works:
        for m in METRICS[w]:
            a, b = samples[("a", w, m)], samples[("b", w, m)]
            if a and b:
                ma, mb = statistics.median(a), statistics.median(b)
                print(f"| {w} | {m} | {ma:.4g} | {mb:.4g} | {mb / ma:.3f} |")


if __name__ == "__main__":
    main()
