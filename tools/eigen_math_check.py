"""flowgrad's float32 Exp / Sigmoid / Tanh / Softplus / Log / Sin / Cos against TF 1.14's, bit
for bit,
and their cost.

    python tools/eigen_math_check.py [--oracle /tmp/tf114/bin/python] [--bench]

Runs TF 1.14 (the oracle Python, `dump` mode of this same file) on 1,000,003 float32
inputs (uniform bit patterns, uniform in [-100, 100] and [-20, 20], normal * 3, and the
special points with their neighbours), whole and as slices of sizes 1..40 and a few
larger ones (every scalar-tail length), then counts the elements whose bits differ
(NaN = NaN) for: flowgrad's ops through a Session (tf.exp, tf.sigmoid, tf.tanh,
tf.nn.softplus, tf.math.log, tf.sin, tf.cos: whichever kernels are wired in) and the emulation in
flowgrad.engine.ops.eigen_math. --bench times the emulation against the kernels flowgrad
had before it (np.exp, np.tanh, np.log, the stable sigmoid formula, np.logaddexp(0, x)
for softplus) on 32x1024 and 1e6 elements (one process, alternating, median).
"""
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

OPS = ["exp", "sigmoid", "tanh", "softplus", "log", "sin", "cos"]
SIZES = list(range(1, 41)) + [63, 64, 65, 255, 257, 1023, 4099, 32 * 1024 + 5]


def inputs(n=1000003, seed=0):
    rng = np.random.RandomState(seed)
    k = n // 4
    bits = rng.randint(0, 2 ** 32, size=k, dtype=np.uint64).astype(np.uint32)
    sp = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, -1e-45, 1e-40, -1e-40,
                   1.1754944e-38, -1.1754944e-38, 1e-38, 1e-36, 1e-30, 18, -18, 9, -9, 88,
                   -88, 88.37626, -88.37626, 88.3762626647950, -88.3762626647949, 88.7,
                   -87.5, -103, -104, 15, -17, -17.9, 17.9], np.float32)
    with np.errstate(over="ignore"):
        sp = np.concatenate([sp, np.nextafter(sp, np.float32(np.inf)),
                             np.nextafter(sp, np.float32(-np.inf))])
    parts = [sp, bits.view(np.float32), rng.uniform(-100, 100, k).astype(np.float32),
             rng.uniform(-20, 20, k).astype(np.float32)]
    rest = n - sum(p.size for p in parts)
    parts.append(rng.standard_normal(rest).astype(np.float32) * np.float32(3))
    return np.concatenate(parts).astype(np.float32)


def pieces(x):
    """(name, array) for the whole input and each size's slice."""
    out = [("full", x)]
    for n in SIZES:
        off = (n * 7919) % (x.size - n)
        out.append(("n%d" % n, x[off:off + n]))
    return out


def run_ops(tf, x):
    """{piece name: {op: output}} by one Session."""
    ph = tf.placeholder(tf.float32, [None])
    fetch = {"exp": tf.exp(ph), "sigmoid": tf.sigmoid(ph), "tanh": tf.tanh(ph),
             "softplus": tf.nn.softplus(ph), "log": tf.math.log(ph), "sin": tf.sin(ph),
             "cos": tf.cos(ph)}
    with tf.Session() as sess:
        return {name: sess.run(fetch, {ph: a}) for name, a in pieces(x)}


def dump(path):
    import tensorflow as tf   # the oracle
    res = run_ops(tf, inputs())
    np.savez(path, **{"%s/%s" % (p, k): v for p, d in res.items() for k, v in d.items()})


def mismatches(got, want):
    both_nan = np.isnan(got) & np.isnan(want)
    return int(((got.view(np.uint32) != want.view(np.uint32)) & ~both_nan).sum())


def compare(oracle):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "tf.npz")
        subprocess.run([oracle, os.path.abspath(__file__), "dump", path], check=True,
                       stderr=subprocess.DEVNULL)
        ref = dict(np.load(path))
    import flowgrad as tf
    from flowgrad.engine.ops import eigen_math
    x = inputs()
    with tf.Graph().as_default():
        api = run_ops(tf, x)
    with np.errstate(all="ignore"):
        emu = {p: {k: getattr(eigen_math, k)(a) for k in OPS} for p, a in pieces(x)}
    total = sum(a.size for _, a in pieces(x))
    for label, got in (("flowgrad session", api), ("eigen_math", emu)):
        for k in OPS:
            bad = sum(mismatches(got[p][k], ref["%s/%s" % (p, k)]) for p, _ in pieces(x))
            print("%-17s %-8s %8d / %d differ (%.3f%%)" % (label, k, bad, total,
                                                            100.0 * bad / total))


def bench():
    from flowgrad.engine.ops import eigen_math

    def old_sigmoid(x):   # flowgrad's float32 Sigmoid kernel before eigen_math
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)

    rng = np.random.RandomState(0)
    def old_softplus(x):   # flowgrad's Softplus kernel before eigen_math
        return np.logaddexp(np.zeros((), x.dtype), x)

    pairs = [("exp", np.exp, eigen_math.exp), ("sigmoid", old_sigmoid, eigen_math.sigmoid),
             ("tanh", np.tanh, eigen_math.tanh), ("softplus", old_softplus, eigen_math.softplus),
             ("log", np.log, eigen_math.log)]
    for shape, reps in (((32, 1024), 301), ((1000000,), 41)):
        x = (rng.standard_normal(shape) * 4).astype(np.float32)
        for name, old, new in pairs:
            if name == "log":
                x = np.abs(x)
            t_old, t_new = [], []
            for _ in range(reps):
                t = time.perf_counter()
                old(x)
                t_old.append(time.perf_counter() - t)
                t = time.perf_counter()
                new(x)
                t_new.append(time.perf_counter() - t)
            a, b = np.median(t_old), np.median(t_new)
            print("%-8s %-11s numpy %9.1f us   eigen_math %9.1f us   %.2fx"
                  % (name, "x".join(map(str, shape)), a * 1e6, b * 1e6, b / a))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        dump(sys.argv[2])
    else:
        args = sys.argv[1:]
        oracle = args[args.index("--oracle") + 1] if "--oracle" in args else \
            os.path.join(os.environ.get("TF114_VENV", "/tmp/tf114"), "bin", "python")
        compare(oracle)
        if "--bench" in args:
            bench()
