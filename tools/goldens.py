"""The one golden pipeline: regenerate or check every TF 1.14 golden file.

    python tools/goldens.py list  [AREA|AREA/STEM ...]
    python tools/goldens.py regen [AREA|AREA/STEM ...] [-j N]
    python tools/goldens.py check [AREA|AREA/STEM ...] [-j N] [--rtol R --atol A]

Generators are the modules tests/golden/<area>/gen_<stem>.py (every one found is
run); each defines `cases(tf)` and its output is tests/golden/<area>/<stem>.json
(format: tests/golden/goldenio.py). They run under the TF 1.14 oracle
(tools/oracle/setup.sh builds it, or reuses $TF114_VENV, default /tmp/tf114),
many per oracle process (TensorFlow starts slowly), N processes at once; a
generator that sets `ISOLATE = True` at module level gets a process of its own.
`regen` rewrites the committed files; `check` regenerates into a temporary folder
and compares values with the committed files, printing every difference (exit 1).
"""
import argparse
import glob
import math
import os
import subprocess
import sys
import tempfile
import threading
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden")
sys.path.insert(0, GOLDEN)

import goldenio  # noqa: E402


def discover(selectors=()):
    """Repo-relative paths of the generators selected by AREA or AREA/STEM (all if none)."""
    found = sorted(os.path.relpath(p, ROOT) for p in
                   glob.glob(os.path.join(GOLDEN, "**", "gen_*.py"), recursive=True))
    if not selectors:
        return found
    out = []
    for sel in selectors:
        sel = sel.strip("/")
        hits = [p for p in found if _area_stem(p)[0] == sel or "/".join(_area_stem(p)) == sel]
        if not hits:
            raise SystemExit("no generator matches %r (try `list`)" % sel)
        out += [p for p in hits if p not in out]
    return out


def _area_stem(rel):
    area = os.path.relpath(os.path.dirname(os.path.join(ROOT, rel)), GOLDEN)
    return area.replace(os.sep, "/"), os.path.basename(rel)[len("gen_"):-len(".py")]


def oracle_python():
    setup = os.path.join(ROOT, "tools", "oracle", "setup.sh")
    return subprocess.run([setup], check=True, capture_output=True, text=True).stdout.strip()


def _isolated(rel):
    with open(os.path.join(ROOT, rel)) as f:
        return any(line.startswith("ISOLATE = True") for line in f)


def run_generators(gens, out_dir, jobs):
    """Runs `gens` under the oracle, writing into out_dir; returns {path: (ok, seconds)}."""
    py = oracle_python()
    runner = os.path.join(ROOT, "tools", "oracle", "run_generators.py")
    alone = [[g] for g in gens if _isolated(g)]
    shared = [g for g in gens if not _isolated(g)]
    batches = alone + [b for b in (shared[i::jobs] for i in range(jobs)) if b]
    results, lock = {}, threading.Lock()
    queue = list(batches)

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                batch = queue.pop(0)
            p = subprocess.run([py, runner, out_dir] + batch, cwd=ROOT, capture_output=True,
                               text=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2"))
            seen = set()
            with lock:
                for line in p.stdout.splitlines():
                    parts = line.split()
                    if parts and parts[0] in ("ok", "FAIL") and len(parts) >= 3:
                        seen.add(parts[1])
                        results[parts[1]] = (parts[0] == "ok", float(parts[2]))
                        print(line, flush=True)
                if p.returncode or len(seen) < len(batch):
                    sys.stderr.write(p.stderr[-20000:])
                for g in batch:
                    if g not in seen:
                        results[g] = (False, 0.0)
                        print("FAIL %s (oracle process died, rc=%d)" % (g, p.returncode))

    threads = [threading.Thread(target=worker) for _ in range(max(1, jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


# -- comparing two golden files --------------------------------------------------------------

def diff(a, b, where, rtol=0.0, atol=0.0, out=None):
    """Differences between decoded golden values a (committed) and b (regenerated)."""
    out = [] if out is None else out
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            out.append("%s: %s vs %s" % (where, type(a).__name__, type(b).__name__))
        elif a.dtype != b.dtype or a.shape != b.shape:
            out.append("%s: %s%s vs %s%s" % (where, a.dtype, a.shape, b.dtype, b.shape))
        elif a.dtype.kind in "fc":
            bad = ~np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)
            if bad.any():
                err = np.abs(a.astype(np.complex128) - b.astype(np.complex128))[bad]
                out.append("%s: %d of %d values differ (max abs diff %.3g)"
                           % (where, bad.sum(), a.size, np.nanmax(err) if err.size else 0))
        elif not np.array_equal(a, b):
            out.append("%s: %d of %d values differ" % (where, (a != b).sum(), a.size))
        return out
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and
                                       isinstance(b, (int, float)) and
                                       not isinstance(a, bool) and not isinstance(b, bool)):
        out.append("%s: %s vs %s" % (where, _short(a), _short(b)))
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append("%s[%r]: only in %s" % (where, k, "committed" if k in a else "new"))
            else:
                diff(a[k], b[k], "%s[%r]" % (where, k), rtol, atol, out)
    elif isinstance(a, (list, tuple)):
        if len(a) != len(b):
            out.append("%s: length %d vs %d" % (where, len(a), len(b)))
        else:
            for i, (x, y) in enumerate(zip(a, b)):
                diff(x, y, "%s[%d]" % (where, i), rtol, atol, out)
    elif isinstance(a, float) or isinstance(b, float):
        if not (math.isclose(a, b, rel_tol=rtol, abs_tol=atol) or a == b
                or (math.isnan(a) and math.isnan(b))):
            out.append("%s: %r vs %r" % (where, a, b))
    elif a != b:
        out.append("%s: %s vs %s" % (where, _short(a), _short(b)))
    return out


def _short(x, n=160):
    s = repr(x)
    return s if len(s) <= n else s[:n] + "..."


def compare_file(committed, regenerated, rtol, atol):
    if not os.path.exists(committed):
        return ["no committed file"]
    h1, c1 = goldenio.read(committed)
    h2, c2 = goldenio.read(regenerated)
    out = []
    if h1.get("versions") != h2.get("versions"):
        out.append("note: versions %s vs %s" % (h1.get("versions"), h2.get("versions")))
    return out + diff(c1, c2, "", rtol, atol)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["list", "regen", "check"])
    ap.add_argument("select", nargs="*", help="AREA or AREA/STEM (default: all)")
    ap.add_argument("-j", "--jobs", type=int, default=min(4, os.cpu_count() or 1),
                    help="oracle processes at once")
    ap.add_argument("--rtol", type=float, default=0.0, help="check: relative tolerance")
    ap.add_argument("--atol", type=float, default=0.0, help="check: absolute tolerance")
    args = ap.parse_args(argv)
    gens = discover(args.select)
    if args.command == "list":
        for g in gens:
            area, stem = _area_stem(g)
            print("%s -> tests/golden/%s/%s.json%s" % (g, area, stem,
                                                       "  (isolated)" if _isolated(g) else ""))
        return 0
    t0 = time.time()
    if args.command == "regen":
        res = run_generators(gens, GOLDEN, args.jobs)
        failed = sorted(g for g, (ok, _) in res.items() if not ok)
        print("regenerated %d of %d generators in %.0f s" % (len(gens) - len(failed), len(gens),
                                                            time.time() - t0))
        return 1 if failed else 0
    with tempfile.TemporaryDirectory() as tmp:
        res = run_generators(gens, tmp, args.jobs)
        bad = 0
        for g in gens:
            area, stem = _area_stem(g)
            if not res.get(g, (False,))[0]:
                bad += 1
                continue
            d = compare_file(os.path.join(GOLDEN, area, stem + ".json"),
                             os.path.join(tmp, area, stem + ".json"), args.rtol, args.atol)
            real = [x for x in d if not x.startswith("note:")]
            bad += bool(real)
            print("%s %s/%s.json%s" % ("DIFF" if real else "same", area, stem,
                                       "".join("\n    " + x for x in d[:50])))
            if len(d) > 50:
                print("    ... %d more" % (len(d) - 50))
    print("checked %d generators in %.0f s: %d differ or failed" % (len(gens), time.time() - t0,
                                                                    bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
