"""TF 1.14's float sums bit for bit: Sum, Mean and L2Loss follow Eigen's order (packets of 8
float32 / 4 float64 / 8 float16 / 4 complex64, a tree above 1024 packets, the full
reduction split over the intra-op pool). Results only; the inputs come from `data`.

Each group runs in a session with an explicit intra_op_parallelism_threads; TF sizes its
intra-op pool once per process unless TF_OVERRIDE_GLOBAL_THREADPOOL is set, hence that
variable and a process of its own. Read by tests/test_reduce_order.py.
"""
from __future__ import absolute_import

import os

import numpy as np

ISOLATE = True
os.environ["TF_OVERRIDE_GLOBAL_THREADPOOL"] = "1"

DTYPES = ["float32", "float64", "float16", "complex64"]
SMALL = list(range(1, 21)) + [31, 64, 100, 1000, 4097]
LARGE = [8193, 20000, 150000, 300000, 1000003]
SEEDS = 3  # inputs per large size (a thread count changes some sums, not all)
THREADS = [1, 2, 4]
# (shape, axes) of the reductions that keep some dims
PARTIAL = [((3, 5), [1]), ((7, 8), [1]), ((7, 8), [0]), ((256, 1000), [1]),
           ((5, 9000), [1]), ((3, 20001), [1]), ((9, 8193), [1]), ((2, 3, 17), [0, 2]),
           ((2, 3, 17), [1, 2]), ((2, 3, 17), [1]), ((2, 3, 17), [0]),
           ((2, 3, 4, 5), [1, 3]), ((2, 3, 4, 5), [0, 2]), ((4, 1, 6, 1, 3), [0, 2]),
           ((3, 1, 2049), [1, 2]), ((1, 1, 40), [2]), ((), []), ((1,), [0]), ((4, 1), [1])]


def data(shape, dtype, seed):
    rng = np.random.RandomState(seed)
    x = np.asarray(rng.randn(*shape) * 3)
    if dtype.startswith("complex"):
        x = x + 1j * rng.randn(*shape)
    return x.astype(dtype)


def _run(tf, threads, builders):
    """{name: value} of builders {name: (x, fn(placeholder))} in one session."""
    out = {}
    with tf.Graph().as_default():
        feeds, fetches = {}, {}
        for name, (x, fn) in builders.items():
            p = tf.placeholder(x.dtype, x.shape)
            feeds[p] = x
            fetches[name] = fn(p)
        config = tf.ConfigProto(intra_op_parallelism_threads=threads)
        with tf.Session(config=config) as sess:
            out.update(sess.run(fetches, feeds))
    return out


def cases(tf):
    out = {}
    for threads in THREADS:
        builders = {}
        for di, dtype in enumerate(DTYPES):
            sizes = LARGE if threads > 1 else SMALL + LARGE
            for n in sizes:
                for seed in range(SEEDS if n in LARGE else 1):
                    x = data((n,), dtype, 1000 * di + n + seed)
                    key = "full/%s/%d/%d/t%d/" % (dtype, n, seed, threads)
                    builders[key + "sum"] = (x, tf.reduce_sum)
                    builders[key + "mean"] = (x, tf.reduce_mean)
                    if not dtype.startswith("complex"):
                        builders[key + "l2_loss"] = (x, tf.nn.l2_loss)
        if threads == 2:
            for di, dtype in enumerate(DTYPES[:3]):
                for si, (shape, axes) in enumerate(PARTIAL):
                    x = data(shape, dtype, 7 + 100 * di + si)
                    key = "partial/%s/%s/%s" % (dtype, "x".join(map(str, shape)),
                                                "".join(map(str, axes)))
                    builders[key + "/sum"] = (x, lambda p, a=axes: tf.reduce_sum(p, a))
                    builders[key + "/mean"] = (x, lambda p, a=axes: tf.reduce_mean(p, a))
                    builders[key + "/sum_keep"] = (
                        x, lambda p, a=axes: tf.reduce_sum(p, a, keepdims=True))
        out.update(_run(tf, threads, builders))
    return out
