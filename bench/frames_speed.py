"""Speed of the frame executor that runs TF's own control flow in imported graphs
(engine/ops/control_flow_v1.py): a tf.while_loop of N iterations (tanh(a * 0.5 + x) *
1.0001 over a SIZE x SIZE float32 state) written as TF's frame by flowgrad's GraphDef
export, imported back and run; with --grad, also flowgrad's gradient through the imported
frame (V1FramesGrad) in the same run.

    python bench/frames_speed.py --iterations 1000 --size 4 [--grad]

Prints the best of --reps runs (after a warm-up run), wall and process CPU time (the fairer
figure on a loaded machine). Compare checkouts with PYTHONPATH=<checkout>/src.
"""
import argparse
import time

import numpy as np


def measure(n, size, grad, reps):
    import flowgrad as tf
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [size, size], name="x")
        _, a = tf.while_loop(lambda i, a: i < n,
                             lambda i, a: (i + 1, tf.tanh(a * 0.5 + x) * 1.0001),
                             [tf.constant(0), x])
        tf.identity(a, name="out")
        gd = g.as_graph_def()
    xv = np.full((size, size), 0.1, np.float32)
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        fetches = ["out:0"]
        if grad:
            fetches.append(tf.gradients(tf.reduce_sum(g.get_tensor_by_name("out:0")),
                                        g.get_tensor_by_name("x:0"))[0])
        with tf.Session() as s:
            s.run(fetches, {"x:0": xv})
            best, cpu = float("inf"), float("inf")
            for _ in range(reps):
                t0, c0 = time.perf_counter(), time.process_time()
                s.run(fetches, {"x:0": xv})
                best = min(best, time.perf_counter() - t0)
                cpu = min(cpu, time.process_time() - c0)
    return best, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=1000)
    ap.add_argument("--size", type=int, default=4)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--grad", action="store_true")
    args = ap.parse_args()
    dt, cpu = measure(args.iterations, args.size, args.grad, args.reps)
    what = "forward and gradient" if args.grad else "forward"
    n = args.iterations
    print(f"{n} iterations, {args.size}x{args.size} state, {what}: wall {dt:.3f} s "
          f"({dt * 1e3 / n:.3f} ms per iteration), CPU {cpu:.3f} s "
          f"({cpu * 1e3 / n:.3f} ms per iteration)")


if __name__ == "__main__":
    main()
