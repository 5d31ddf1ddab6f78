"""Runs every workload on flowgrad and, in the same run, on the peers that are installed.

    python bench/run.py                 # everything (a few minutes; W4 is the long one)
    python bench/run.py --only W1,W3    # some workloads
    python bench/run.py --quick         # shorter timing loops, W4 skipped
    python bench/run.py --peers flowgrad,torch
    python bench/run.py --openblas-coretype SkylakeX   # NumPy's OpenBLAS kernels (AVX-512)
    python bench/run.py --busy 0,1,2 --repeat 7 --only W2   # beside 0, 1, 2 busy processes
    python bench/run.py --busy 1 --busy-threads 2           # a neighbour that runs 2 threads

Peers: TensorFlow (tensorflow.compat.v1 graph mode), PyTorch (eager autograd; torch-compile:
the loss under torch.compile, W2 and W4),
JAX (jit(grad)); `pip install -e .[bench]` installs them. flowgrad-xla is flowgrad
with its XLA backend (FLOWGRAD_XLA=1; needs the `xla` extra), with the background
compile time as `compile_s`; tensorflow-xla is TF with XLA auto-clustering. A peer can
run in another venv: `--peer-python tensorflow=/path/to/venv/bin/python`. Each (peer,
workload, variant) runs in its own fresh subprocess (bench/peers.py). Prints
a markdown table of medians and the ratio to the fastest peer, and writes all
numbers as JSON to bench/results/<UTC time>.json.

Beside busy neighbours, one run's figure is a lottery: a single-threaded step that the
scheduler leaves alone on a core runs at full speed, one that shares a core at half,
and which of the two holds changes every ~100 ms (measured on 2 cores beside two busy
processes, W2 in flowgrad's serial way: 4.9 and 9-10 ms steps alternating). Use
`--repeat 7` or more there; medians of 3 runs still swing by 1.5x.

Workloads:
  W1  the seed's example 1 gradient (d(x^2)/dx at 3): latency of one run, and
      through make_callable.
  W2  one SGD step of an MLP 784-512-512-10, ReLU, softmax cross-entropy,
      batch 128, float32.
  W3  the gradient of a 1,000-step chain h = tanh(h * w + 0.1) on 16-element
      vectors: steady-state run, and time to first result (build + first run).
  W4  one SGD step of a 64-layer tanh MLP, width 512, batch 4096, float32:
      time and whole-process peak RSS (fresh process), without and with
      gradient checkpointing (flowgrad checkpoints='memory', torch
      checkpoint_sequential with sqrt(64) segments, jax.checkpoint per layer).
  W5  a Hessian-vector product of a 32-64-64-1 tanh network's MSE loss.
  W6  tf.data: from_tensor_slices(60k 28x28) -> shuffle(10k) -> map(normalize,
      num_parallel_calls=4) -> batch(128) -> prefetch(1): time to first batch,
      us per element over an epoch, and an MLP SGD step fed by it (bench/pipeline.py).
  W7  TFRecordDataset of 20k Examples -> batch(128) -> map(parse_example) ->
      prefetch(1): time to first batch, us per element (flowgrad and TF only); variant
      "single": map(parse_single_example) -> batch(128) (bench/pipeline.py).
  W8  queues: string_input_producer -> FixedLengthRecordReader -> decode_raw ->
      shuffle_batch(128, 2 threads) under QueueRunners: time to first batch, us per
      element (flowgrad and TF only).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = ["flowgrad", "flowgrad-xla", "tensorflow", "tensorflow-xla", "torch", "torch-compile",
         "jax"]
OURS = ("flowgrad", "flowgrad-xla")
PEER_PYTHON = {}     # peer -> interpreter (--peer-python), else this one

# (workload, variant, metric, label, unit)
ROWS = [
    ("W1", "", "run_s", "W1 example-1 gradient, Session.run", "us"),
    ("W1", "", "callable_s", "W1 example-1 gradient, make_callable", "us"),
    ("W2", "", "step_s", "W2 MLP 784-512-512-10 SGD step", "ms"),
    ("W2", "", "first_s", "W2 build + first step (time to first result)", "s"),
    ("W2", "", "compile_s", "W2 compile (XLA background / jit / torch.compile)", "s"),
    ("W3", "", "steady_s", "W3 1000-step chain gradient, steady run", "ms"),
    ("W3", "", "first_s", "W3 1000-step chain, build + first result", "s"),
    ("W3", "", "compile_s", "W3 XLA compile (background)", "s"),
    ("W4", "", "step_s", "W4 64x512 tanh MLP b4096 SGD step", "s"),
    ("W4", "", "peak_rss", "W4 peak RSS", "MiB"),
    ("W4", "", "first_s", "W4 build + first step (time to first result)", "s"),
    ("W4", "", "compile_s", "W4 compile (XLA background / jit / torch.compile)", "s"),
    ("W4", "ckpt", "step_s", "W4 step, checkpointing", "s"),
    ("W4", "ckpt", "peak_rss", "W4 peak RSS, checkpointing", "MiB"),
    ("W5", "", "hvp_s", "W5 Hessian-vector product", "us"),
    ("W5", "", "first_s", "W5 build + first result (time to first result)", "s"),
    ("W5", "", "compile_s", "W5 compile (XLA background / jit)", "s"),
    ("W6", "", "first_s", "W6 tf.data images: time to first batch", "s"),
    ("W6", "", "elem_s", "W6 tf.data images: per element", "us"),
    ("W6", "", "step_s", "W6 MLP SGD step fed by the pipeline", "ms"),
    ("W7", "", "first_s", "W7 TFRecord+parse_example: first batch", "s"),
    ("W7", "", "elem_s", "W7 TFRecord+parse_example: per element", "us"),
    ("W8", "", "first_s", "W8 queue pipeline: first batch", "s"),
    ("W8", "", "elem_s", "W8 queue pipeline: per element", "us"),
    ("W7", "single", "first_s", "W7 map(parse_single_example)+batch: first batch", "s"),
    ("W7", "single", "elem_s", "W7 map(parse_single_example)+batch: per element", "us"),
]
SCALE = {"us": 1e6, "ms": 1e3, "s": 1.0, "MiB": 1 / 2 ** 20}


def installed(peer):
    mod = {"flowgrad": "flowgrad", "flowgrad-xla": "jax", "tensorflow": "tensorflow",
           "tensorflow-xla": "tensorflow", "torch": "torch", "torch-compile": "torch",
           "jax": "jax"}[peer]
    if peer in PEER_PYTHON:
        return subprocess.run([PEER_PYTHON[peer], "-c", f"import {mod}"], capture_output=True,
                              check=False).returncode == 0
    return importlib.util.find_spec(mod) is not None


BLAS_ENV = {}


def run_one(peer, work, variant, quick, timeout):
    variant_arg = {"ckpt": {"flowgrad": "memory", "flowgrad-xla": "memory", "torch": "1",
                            "torch-compile": "1",
                            "jax": "1", "tensorflow": "1", "tensorflow-xla": "1"}[peer]
                   }.get(variant, variant) if variant else ""
    cmd = [PEER_PYTHON.get(peer, sys.executable), os.path.join(HERE, "peers.py"), peer, work] + \
        ([variant_arg] if variant else [])
    env = dict(os.environ, BENCH_QUICK="1" if quick else "0", TF_CPP_MIN_LOG_LEVEL="3",
               **BLAS_ENV)
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                           check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout}s"}
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        tail = (p.stderr or p.stdout).strip().splitlines()[-1:] or ["?"]
        return {"error": tail[0][:200]}
    return json.loads(lines[-1])


_BUSY_LOOP = "import sys, threading\n" \
    "def spin():\n    x = 0\n    while True:\n        x += 1\n" \
    "ts = [threading.Thread(target=spin, daemon=True) for _ in range(int(sys.argv[1]) - 1)]\n" \
    "[t.start() for t in ts]\nspin()\n"


def start_neighbours(n, threads=1):
    """`n` busy neighbour processes, each spinning `threads` Python threads (GIL-bound: one
    core's worth at most when threads=1; a threaded neighbour contends for the OS scheduler)."""
    return [subprocess.Popen([sys.executable, "-c", _BUSY_LOOP, str(threads)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(n)]


def stop_neighbours(procs):
    for p in procs:
        p.kill()
    for p in procs:
        p.wait()


def median_result(rs):
    """Per-metric medians of several runs' results (errors pass through)."""
    ok = [r for r in rs if "error" not in r and "skipped" not in r]
    if not ok:
        return rs[-1]
    out = dict(ok[0])
    for k, v in ok[0].items():
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out[k] = statistics.median(r[k] for r in ok if k in r)
    out["runs"] = len(ok)
    return out


def fmt(v, unit):
    x = v * SCALE[unit]
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}" if x >= 1 else f"{x:.3f}"


def table(results, peers):
    head = "| workload | unit | " + " | ".join(peers) + \
        " | flowgrad / best peer | flowgrad-xla / jax |"
    out = [head, "|" + "---|" * (len(peers) + 4)]
    for work, variant, metric, label, unit in ROWS:
        vals = {}
        for p in peers:
            r = results.get(p, {}).get(f"{work}{'/' + variant if variant else ''}")
            if r and metric in r:
                vals[p] = r[metric]
        if not vals:
            continue
        peers_only = [v for p, v in vals.items() if p not in OURS]
        best = min(vals.values())
        cells = []
        for p in peers:
            if p in vals:
                mark = "**" if vals[p] == best and len(vals) > 1 else ""
                cells.append(f"{mark}{fmt(vals[p], unit)}{mark}")
            else:
                r = results.get(p, {}).get(f"{work}{'/' + variant if variant else ''}") or {}
                cells.append("skipped" if "skipped" in r else ("error" if "error" in r else "-"))
        ratio = f"{vals['flowgrad'] / min(peers_only):.2f}x" if "flowgrad" in vals and \
            peers_only else "-"
        xla = f"{vals['flowgrad-xla'] / vals['jax']:.2f}x" if "flowgrad-xla" in vals and \
            "jax" in vals else "-"
        out.append(f"| {label} | {unit} | " + " | ".join(cells) + f" | {ratio} | {xla} |")
    return "\n".join(out)


def collect(peers, works, args):
    """{peer: {workload key: result}}, each the median of `args.repeat` interleaved runs."""
    runs = {p: {} for p in peers}
    for rep in range(args.repeat):
        for work in works:
            for variant in {"W4": ["", "ckpt"], "W7": ["", "single"]}.get(work, [""]):
                key = f"{work}{'/' + variant if variant else ''}"
                order = peers if rep % 2 == 0 else peers[::-1]
                for p in order:
                    print(f"  {key:8s} {p:10s} ...", end="", flush=True, file=sys.stderr)
                    r = run_one(p, work, variant, args.quick, args.timeout)
                    runs[p].setdefault(key, []).append(r)
                    print(" " + (r.get("error") or r.get("skipped") or "ok"), file=sys.stderr)
    return {p: {k: median_result(v) for k, v in d.items()} for p, d in runs.items()}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="W1,W2,W3,W4,W5,W6,W7,W8")
    ap.add_argument("--peers", default=",".join(PEERS))
    ap.add_argument("--quick", action="store_true", help="short timing loops; skips W4")
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--openblas-coretype", metavar="NAME",
                    help="set OPENBLAS_CORETYPE for every peer process (NumPy's OpenBLAS; "
                         "e.g. SkylakeX on AVX-512 CPUs that it runs with Haswell kernels)")
    ap.add_argument("--busy", default="0", metavar="N[,N...]",
                    help="run everything beside N busy neighbour processes (one table per N)")
    ap.add_argument("--busy-threads", type=int, default=1, metavar="T",
                    help="threads per busy neighbour (1: a single-threaded Python loop)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per (peer, workload), interleaved across peers; medians reported")
    ap.add_argument("--peer-python", action="append", default=[], metavar="PEER=PYTHON",
                    help="run PEER with another interpreter (e.g. tensorflow=/venv/bin/python)")
    args = ap.parse_args(argv)
    for item in args.peer_python:
        peer, _, py = item.partition("=")
        PEER_PYTHON[peer] = py
    if args.openblas_coretype:
        BLAS_ENV["OPENBLAS_CORETYPE"] = args.openblas_coretype
    works = [w.strip() for w in args.only.split(",") if w.strip()]
    if args.quick and "W4" in works and args.only == ap.get_default("only"):
        works.remove("W4")
    peers = [p for p in args.peers.split(",") if p in PEERS]
    missing = [p for p in peers if not installed(p)]
    peers = [p for p in peers if p not in missing]
    busy_counts = [int(n) for n in args.busy.split(",")]
    by_busy = {}
    for n_busy in busy_counts:
        neighbours = start_neighbours(n_busy, args.busy_threads)
        try:
            by_busy[n_busy] = collect(peers, works, args)
        finally:
            stop_neighbours(neighbours)
    results = by_busy[busy_counts[0]]
    versions = {p: next((r.get("version") for r in results[p].values() if r.get("version")),
                        None) for p in peers}
    now = _dt.datetime.now(_dt.timezone.utc)
    meta = {"date": now.isoformat(timespec="seconds"), "python": platform.python_version(),
            "busy": busy_counts, "busy_threads": args.busy_threads, "repeat": args.repeat,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
            "versions": versions, "not_installed": missing,
            "OPENBLAS_CORETYPE": BLAS_ENV.get("OPENBLAS_CORETYPE",
                                              os.environ.get("OPENBLAS_CORETYPE")),
            "command": " ".join([os.path.basename(sys.executable), "bench/run.py"] +
                                (argv if argv is not None else sys.argv[1:]))}
    print(f"\n{meta['date']} · Python {meta['python']} · {meta['machine']}")
    print("versions: " + ", ".join(f"{p} {v}" for p, v in versions.items()))
    if missing:
        print("not installed (pip install -e .[bench]): " + ", ".join(missing))
    if meta["OPENBLAS_CORETYPE"]:
        print(f"OPENBLAS_CORETYPE={meta['OPENBLAS_CORETYPE']} (NumPy's BLAS kernels; "
              "--openblas-coretype to change)")
    for n_busy, res in by_busy.items():
        print()
        if len(busy_counts) > 1 or n_busy:
            print(f"### beside {n_busy} busy neighbour process(es), {args.busy_threads} "
                  f"thread(s) each; medians of {args.repeat} interleaved run(s)")
        print(table(res, peers))
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, now.strftime("%Y%m%dT%H%M%SZ") + ".json")
    with open(path, "w") as f:
        json.dump({"meta": meta, "results": results,
                   "by_busy": {str(k): v for k, v in by_busy.items()}}, f, indent=1)
    print(f"\nJSON: {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
