"""How fast is a big gradient to build and to run the first time?

    python bench/gradient_build.py                    # sizes 1000, 5000, 20000
    python bench/gradient_build.py --sizes 1000,5000  # some sizes
    python bench/gradient_build.py --no-tf            # flowgrad only

Builds h = tanh(h * w + 0.1) repeated N times on 16-element vectors, then
tf.gradients(reduce_sum(h), w), then runs the gradient once, timing the
three phases. When tensorflow is installed, the identical program runs on
tensorflow.compat.v1 (graph mode) too, and ratios TF / flowgrad are printed
(target: flowgrad 30x faster for the gradients call and for the first run).
Every (framework, size) runs in its own fresh process.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time

import numpy as np


def worker(fw, n):
    if fw == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow.compat.v1 as tf
        tf.disable_eager_execution()
    else:
        import flowgrad as tf
    t0 = time.perf_counter()
    w = tf.Variable(np.linspace(0.1, 0.9, 16).astype(np.float32), name="w")
    h = tf.ones([16])
    for _ in range(n):
        h = tf.tanh(h * w + 0.1)
    loss = tf.reduce_sum(h)
    t1 = time.perf_counter()
    g = tf.gradients(loss, w)[0]
    t2 = time.perf_counter()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    t3 = time.perf_counter()
    val = sess.run(g)
    t4 = time.perf_counter()
    val2 = sess.run(g)
    t5 = time.perf_counter()
    assert np.array_equal(val, val2)
    return {"forward_s": t1 - t0, "gradients_s": t2 - t1, "first_run_s": t4 - t3,
            "second_run_s": t5 - t4, "ops": len(tf.get_default_graph().get_operations()),
            "check": float(np.sum(val))}


def run(fw, n, timeout):
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", fw, str(n)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False,
                           env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    except subprocess.TimeoutExpired:
        return {"error": f"timeout {timeout}s"}
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode or not lines:
        return {"error": ((p.stderr or "").strip().splitlines() or ["?"])[-1][:200]}
    return json.loads(lines[-1])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--no-tf", action="store_true")
    ap.add_argument("--timeout", type=int, default=1800)
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], int(args.worker[1]))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    fws = ["flowgrad"]
    if not args.no_tf and importlib.util.find_spec("tensorflow") is not None:
        fws.append("tensorflow")
    res = {fw: {n: run(fw, n, args.timeout) for n in sizes} for fw in fws}
    print("| N | framework | ops | forward build s | tf.gradients s | first run s | "
          "second run s |")
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        for fw in fws:
            r = res[fw][n]
            if "error" in r:
                print(f"| {n} | {fw} | error: {r['error']} | | | | |")
                continue
            print(f"| {n} | {fw} | {r['ops']} | {r['forward_s']:.3f} | {r['gradients_s']:.3f} | "
                  f"{r['first_run_s']:.3f} | {r['second_run_s']:.4f} |")
    if "tensorflow" in fws:
        print("\nTF / flowgrad (target >= 30x for tf.gradients and first run):\n")
        print("| N | forward build | tf.gradients | first run |")
        print("|---|---|---|---|")
        for n in sizes:
            a, b = res["flowgrad"][n], res["tensorflow"][n]
            if "error" in a or "error" in b:
                print(f"| {n} | - | - | - |")
                continue
            print(f"| {n} | {b['forward_s'] / a['forward_s']:.1f}x | "
                  f"{b['gradients_s'] / a['gradients_s']:.1f}x | "
                  f"{b['first_run_s'] / a['first_run_s']:.1f}x |")
    os.makedirs(os.path.join(os.path.dirname(__file__), "results"), exist_ok=True)
    path = os.path.join(os.path.dirname(__file__), "results",
                        time.strftime("gradient_build-%Y%m%dT%H%M%SZ.json", time.gmtime()))
    with open(path, "w") as f:
        json.dump(res, f, indent=1)
    print(f"\nJSON: {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
