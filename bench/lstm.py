"""LSTM language-model step: dynamic_rnn forward + backward, flowgrad against TF compat.v1.

    python bench/lstm.py [--tf-python /work/benchvenv/bin/python] [--sizes 32,64,256 1,200,32]
                         [--threads 0]

Each framework runs in its own process (this file with `--worker`), alternating, on the
same program: a cell with BasicLSTMCell's math on get_variable (TF 2.x's compat.v1 has no
BasicLSTMCell without Keras 2), dynamic_rnn over float32 inputs, d(sum(out^2)) w.r.t. the
weights and the inputs. Prints the median time of a `sess.run` of the gradients.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np


def worker(which, B, T, H, threads, reps):
    if which == "tf":
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
    else:
        import flowgrad as tf

    class Cell(object):
        state_size = (H, H)
        output_size = H

        def zero_state(self, b, dtype):
            return (tf.zeros([b, H], dtype), tf.zeros([b, H], dtype))

        def __call__(self, x, state, scope=None):
            c, h = state
            init = tf.random_uniform_initializer(-0.05, 0.05, seed=1)
            w = tf.get_variable("kernel", [x.shape[1] + H, 4 * H], initializer=init)
            b = tf.get_variable("bias", [4 * H], initializer=tf.zeros_initializer())
            z = tf.nn.bias_add(tf.matmul(tf.concat([x, h], 1), w), b)
            i, j, f, o = tf.split(z, 4, axis=1)
            c = c * tf.sigmoid(f + 1.0) + tf.sigmoid(i) * tf.tanh(j)
            h = tf.tanh(c) * tf.sigmoid(o)
            return h, (c, h)

    x = tf.constant(np.random.RandomState(0).randn(B, T, H).astype(np.float32))
    with tf.variable_scope("rnn", reuse=tf.AUTO_REUSE):
        out, _ = tf.nn.dynamic_rnn(Cell(), x, dtype=tf.float32)
    g = tf.gradients(tf.reduce_sum(out * out), tf.trainable_variables() + [x])
    cfg = tf.ConfigProto(intra_op_parallelism_threads=threads,
                         inter_op_parallelism_threads=threads or 0)
    with tf.Session(config=cfg) as s:
        s.run(tf.global_variables_initializer())
        s.run(g)
        s.run(g)
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter()
            s.run(g)
            ts.append(time.perf_counter() - t0)
    print(json.dumps({"median_ms": 1000 * statistics.median(ts)}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tf-python", default="/work/benchvenv/bin/python")
    ap.add_argument("--sizes", nargs="*", default=["32,64,256", "1,200,32"])
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--worker", nargs=5)
    a = ap.parse_args()
    if a.worker:
        which, B, T, H, threads = a.worker
        worker(which, int(B), int(T), int(H), int(threads), a.reps)
        return
    here = os.path.abspath(__file__)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    print("batch steps hidden | flowgrad ms | TF compat.v1 ms | ratio")
    for size in a.sizes:
        B, T, H = size.split(",")
        res = {"fg": [], "tf": []}
        for _ in range(a.rounds):
            for which, py in (("fg", sys.executable), ("tf", a.tf_python)):
                p = subprocess.run([py, here, "--reps", str(a.reps), "--worker", which, B, T, H,
                                    str(a.threads)], capture_output=True, text=True, env=env)
                lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
                if p.returncode or not lines:
                    sys.exit(f"{which} failed:\n{p.stderr[-2000:]}")
                res[which].append(json.loads(lines[-1])["median_ms"])
        fg, tf_ = min(res["fg"]), min(res["tf"])
        print(f"{B:>5} {T:>5} {H:>6} | {fg:11.1f} | {tf_:15.1f} | {fg / tf_:5.2f}")


if __name__ == "__main__":
    main()
