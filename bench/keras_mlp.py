"""Keras MLP fit on MNIST-like data: flowgrad's tf.keras against TF 1.14's graph-mode
tf.keras and TF 2.x's Keras 3, each in its own process, one run.

    python bench/keras_mlp.py [--tf114-python /tmp/tf114/bin/python]
                              [--tf2-python /work/benchvenv/bin/python] [--n 10000]
                              [--batch 64] [--epochs 3]

The program: 10k examples of 784 float32 features (uniform, seed 0), 10 classes,
Sequential Dense(128, relu) -> Dense(10, softmax), compile('adam',
'sparse_categorical_crossentropy', metrics=['acc']), fit(batch_size=64, verbose=0).
Reported: examples/s of the fastest epoch after the first, seconds from building the
model to the end of the first train_on_batch (time to first batch), peak RSS (MiB).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np


def worker(which, n, batch, epochs):
    t_start = time.perf_counter()
    if which == "flowgrad":
        import flowgrad as tf
        keras = tf.keras
    elif which == "tf114":
        import tensorflow as tf
        keras = tf.keras
    else:
        import keras
    rs = np.random.RandomState(0)
    x = rs.rand(n, 784).astype("float32")
    y = rs.randint(0, 10, n).astype("int32")
    t0 = time.perf_counter()
    model = keras.Sequential([keras.layers.Dense(128, activation="relu", input_shape=(784,)),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["acc"])
    model.train_on_batch(x[:batch], y[:batch])
    first = time.perf_counter() - t0
    times = []
    for _ in range(epochs):
        t1 = time.perf_counter()
        model.fit(x, y, batch_size=batch, epochs=1, verbose=0)
        times.append(time.perf_counter() - t1)
    best = min(times[1:]) if len(times) > 1 else times[0]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.
    print(json.dumps({"examples_per_s": n / best, "first_batch_s": first,
                      "import_s": t0 - t_start, "peak_rss_mib": rss}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tf114-python", default="/tmp/tf114/bin/python")
    ap.add_argument("--tf2-python", default="/work/benchvenv/bin/python")
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--worker")
    a = ap.parse_args()
    if a.worker:
        worker(a.worker, a.n, a.batch, a.epochs)
        return
    here = os.path.abspath(__file__)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", KERAS_BACKEND="tensorflow")
    rows = {}
    for which, py in (("flowgrad", sys.executable), ("tf114", a.tf114_python),
                      ("keras3", a.tf2_python)):
        if not os.path.exists(py):
            print(f"{which}: {py} missing, skipped")
            continue
        p = subprocess.run([py, here, "--worker", which, "--n", str(a.n), "--batch",
                            str(a.batch), "--epochs", str(a.epochs)],
                           capture_output=True, text=True, env=env)
        lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
        if p.returncode or not lines:
            print(f"{which} failed:\n{p.stderr[-1500:]}")
            continue
        rows[which] = json.loads(lines[-1])
    print("peer      | examples/s | first batch s | peak RSS MiB | flowgrad speed ratio")
    fg = rows.get("flowgrad", {}).get("examples_per_s")
    for which, r in rows.items():
        ratio = fg / r["examples_per_s"] if fg else float("nan")
        print(f"{which:9} | {r['examples_per_s']:10.0f} | {r['first_batch_s']:13.2f} | "
              f"{r['peak_rss_mib']:12.0f} | {ratio:5.2f}")


if __name__ == "__main__":
    main()
