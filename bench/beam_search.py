"""tf.contrib.seq2seq.BeamSearchDecoder inference: flowgrad against TF 1.14 (the
oracle), each in its own process, one run.

    python bench/beam_search.py [--tf114-python PY] [--batch 16] [--beam 5]
                                [--vocab 1000] [--hidden 128] [--steps 30] [--reps 5]

An LSTMCell(hidden) decoder over an embedding (vocab x hidden) with an output Dense
projection, start token 1, end token 2, tiled initial state (zero_state), fixed weights
(seeded initializers); dynamic_decode(maximum_iterations=steps). Reported: ms per
decode (median of reps after one warm-up run), the CPU ms of the process over those
runs / reps, and the decoded ids' checksum (both must agree)."""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np


def worker(a):
    if a.worker == "tf114":
        import tensorflow as tf
        seq2seq = tf.contrib.seq2seq
    else:
        import flowgrad as tf
        seq2seq = tf.contrib.seq2seq
    tf.set_random_seed(0)
    init = tf.random_uniform_initializer(-0.1, 0.1, seed=1)
    emb = tf.get_variable("emb", [a.vocab, a.hidden], initializer=init)
    cell = tf.nn.rnn_cell.LSTMCell(a.hidden, initializer=init)
    proj = tf.layers.Dense(a.vocab, kernel_initializer=init)
    state = cell.zero_state(a.batch * a.beam, tf.float32)
    dec = seq2seq.BeamSearchDecoder(cell, emb, tf.fill([a.batch], 1), 2, state, a.beam,
                                    output_layer=proj)
    out, _, _ = seq2seq.dynamic_decode(dec, maximum_iterations=a.steps)
    ids = out.predicted_ids
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        got = s.run(ids)
        times = []
        c0 = time.process_time()
        for _ in range(a.reps):
            t0 = time.perf_counter()
            s.run(ids)
            times.append(time.perf_counter() - t0)
        cpu = (time.process_time() - c0) / a.reps
    print(json.dumps({"ms": 1e3 * float(np.median(times)), "cpu_ms": 1e3 * cpu,
                      "checksum": int(np.asarray(got, np.int64).sum()),
                      "shape": list(np.shape(got))}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tf114-python", default="/tmp/tf114/bin/python")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--beam", type=int, default=5)
    ap.add_argument("--vocab", type=int, default=1000)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--worker")
    a = ap.parse_args()
    if a.worker:
        worker(a)
        return
    rows = {}
    args = ["--batch", str(a.batch), "--beam", str(a.beam), "--vocab", str(a.vocab),
            "--hidden", str(a.hidden), "--steps", str(a.steps), "--reps", str(a.reps)]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    for which, py in (("flowgrad", sys.executable), ("tf114", a.tf114_python)):
        if not os.path.exists(py):
            print(f"{which}: {py} missing, skipped")
            continue
        p = subprocess.run([py, os.path.abspath(__file__), "--worker", which] + args,
                           capture_output=True, text=True, env=env)
        lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
        if p.returncode or not lines:
            print(f"{which} failed:\n{p.stderr[-1500:]}")
            continue
        rows[which] = json.loads(lines[-1])
    print(f"beam search: batch {a.batch}, beam {a.beam}, vocab {a.vocab}, hidden "
          f"{a.hidden}, {a.steps} steps")
    print("peer     | ms / decode | CPU ms | checksum | flowgrad / peer (wall, CPU)")
    fg = rows.get("flowgrad")
    for which, r in rows.items():
        ratio = (fg["ms"] / r["ms"], fg["cpu_ms"] / r["cpu_ms"]) if fg else (np.nan,) * 2
        print(f"{which:8} | {r['ms']:11.1f} | {r['cpu_ms']:6.1f} | {r['checksum']:8d} | "
              f"{ratio[0]:.2f}, {ratio[1]:.2f}")


if __name__ == "__main__":
    main()
