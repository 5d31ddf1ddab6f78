"""CTC speed: tf.nn.ctc_loss + its gradient, and ctc_beam_search_decoder (width 10), on
logits [T=100, B=32, C=30] with 20 labels per entry, one Session.run each.

    python bench/ctc.py                               # flowgrad
    /tmp/tf114/bin/python bench/ctc.py tensorflow     # the same program on TF 1.14

Prints milliseconds per run, wall clock and CPU time of all the process's threads (each
the best of a few, after warm-up runs).
"""
from __future__ import annotations

import importlib
import os
import sys
import time

import numpy as np


def main(module="flowgrad"):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    tf = importlib.import_module(module)
    rng = np.random.RandomState(0)
    t_max, batch, classes, n_labels = 100, 32, 30, 20
    x = rng.randn(t_max, batch, classes).astype(np.float32)
    ind = np.array([[b, j] for b in range(batch) for j in range(n_labels)], np.int64)
    vals = rng.randint(0, classes - 1, batch * n_labels).astype(np.int32)
    xi = tf.placeholder(tf.float32, [t_max, batch, classes])
    loss = tf.nn.ctc_loss(tf.SparseTensor(ind, vals, [batch, n_labels]), xi, [t_max] * batch)
    grad = tf.gradients(tf.reduce_sum(loss), xi)[0]
    _, log_prob = tf.nn.ctc_beam_search_decoder(xi, [t_max] * batch, beam_width=10)

    def best(fetch, runs):
        times, cpu = [], []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            sess.run(fetch, {xi: x})
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        return f"{min(times) * 1e3:.1f} ms/run (CPU {min(cpu) * 1e3:.1f} ms)"

    with tf.Session() as sess:
        best([loss, grad], 2)
        t_loss = best([loss, grad], 10)
        t_beam = best(log_prob, 3)
    print(f"{module}: ctc_loss+gradient {t_loss}, ctc_beam_search_decoder(beam_width=10) "
          f"{t_beam}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
