"""Memory of the frame executor that runs TF's own control flow in imported graphs
(engine/ops/control_flow_v1.py): a loop of N iterations over a 256x256 float32 state
(tanh(a * 0.5 + x) * 1.0001), written as TF's frame (Enter/Merge/Switch/NextIteration/
Exit) by flowgrad's GraphDef export, imported back and run.

    python bench/frames_memory.py --iterations 100 1000

Prints, per N, the peak Python-traced memory of one Session.run (tracemalloc, after a
warm-up run) and its time. Compare checkouts with PYTHONPATH=<checkout>/src.
"""
import argparse
import time
import tracemalloc

import numpy as np


def measure(n):
    import flowgrad as tf
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [256, 256], name="x")
        _, a = tf.while_loop(lambda i, a: i < n,
                             lambda i, a: (i + 1, tf.tanh(a * 0.5 + x) * 1.0001),
                             [tf.constant(0), x])
        tf.identity(a, name="out")
        gd = g.as_graph_def()
    xv = np.full((256, 256), 0.1, np.float32)
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        with tf.Session() as s:
            s.run("out:0", {"x:0": xv})
            tracemalloc.start()
            t0 = time.perf_counter()
            s.run("out:0", {"x:0": xv})
            dt = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    return peak, dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, nargs="+", default=[100, 1000])
    args = ap.parse_args()
    for n in args.iterations:
        peak, dt = measure(n)
        print(f"{n} iterations: peak {peak / 1e6:.1f} MB, {dt:.2f} s")


if __name__ == "__main__":
    main()
