"""Per-run cost of computing with FTZ|DAZ (engine/framework/fpenv.py), in one process: a
100-op chain of small Relu/Maximum ops ([16] float32) and a 1024x1024 float32 MatMul, each
timed with fpenv on and off (fpenv.AVAILABLE toggled), alternating which goes first, the
minimum over 8 rounds; then fpenv.start + restore alone.

Run: PYTHONPATH=src .venv/bin/python bench/denormals.py
"""
import time

import numpy as np

import flowgrad as tf
from flowgrad.engine.framework import fpenv


def per_call(fn, n):
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def main():
    x = tf.placeholder(tf.float32, [16])
    h = x
    for _ in range(50):
        h = tf.maximum(tf.nn.relu(h), x)          # 100 ops
    a = tf.placeholder(tf.float32, [1024, 1024])
    m = tf.matmul(a, a)
    xs = np.random.RandomState(0).randn(16).astype(np.float32)
    big = np.random.RandomState(1).randn(1024, 1024).astype(np.float32)
    sess = tf.Session()

    def chain():
        return sess.run(h, {x: xs})

    def product():
        return sess.run(m, {a: big})

    for _ in range(3):   # both tiers compiled
        chain()
        product()
    available = fpenv.AVAILABLE
    times = {False: [], True: []}
    for rnd in range(8):
        for on in ((False, True) if rnd % 2 else (True, False)):
            fpenv.AVAILABLE = on and available
            times[on].append((per_call(chain, 500), per_call(product, 3)))
    fpenv.AVAILABLE = available
    for on in (False, True):
        c = min(t[0] for t in times[on])
        g = min(t[1] for t in times[on])
        print(f"FTZ|DAZ {'on ' if on else 'off'}: 100-op chain {c * 1e6:.1f} us/run, "
              f"MatMul 1024^2 {g * 1e3:.2f} ms/run")
    once = min(per_call(lambda: fpenv.restore(fpenv.start()), 20000) for _ in range(5))
    print(f"fpenv.start + restore: {once * 1e6:.2f} us (available: {available})")


if __name__ == "__main__":
    main()
