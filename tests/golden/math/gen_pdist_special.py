"""TF 1.14's float32 Digamma, Lgamma, Tan, Atan and Expm1, bit for bit, on a fixed input set
(special points and their neighbours, negative half-integers and integers, then seeded
values). TF evaluates Digamma with Eigen's float32 Cephes algorithm and the others with
libm's float functions (lgammaf_r, tanf, atanf, expm1f), value by value.
Read by tests/test_pdist_special.py; importable under Python 3.7 (the oracle).
"""
from __future__ import absolute_import

import numpy as np

OPS = ["digamma", "lgamma", "tan", "atan", "expm1"]


def inputs():
    pts = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, 1e-40, 1.1754944e-38, 1e-30, 1e-8,
           0.5, 1.0, 2.0, 3.0, 9.5, 9.999999, 10.0, 10.5, 88.0, 1e7, 1e8, 1.5e8, 1e20,
           3.4028235e38, 1.5707964, 3.1415927]
    pts = np.array(pts + [-p for p in pts[2:]], np.float32)
    with np.errstate(over="ignore"):
        up = np.nextafter(pts, np.float32(np.inf))
        down = np.nextafter(pts, np.float32(-np.inf))
    halves = np.arange(-20, 20, 0.25, dtype=np.float32)
    rng = np.random.RandomState(4321)
    parts = [pts, up, down, halves, rng.uniform(-12, 12, 3000).astype(np.float32),
             rng.uniform(0, 40, 3000).astype(np.float32),
             np.exp(rng.uniform(-30, 30, 2000)).astype(np.float32)]
    return np.concatenate(parts).astype(np.float32)


def cases(tf):
    x = tf.placeholder(tf.float32, [None])   # fed: a constant's ops would be folded
    fns = {"digamma": tf.math.digamma, "lgamma": tf.math.lgamma, "tan": tf.math.tan,
           "atan": tf.math.atan, "expm1": tf.math.expm1}
    out = {}
    with tf.Session() as sess:
        for name in OPS:
            out[name] = sess.run(fns[name](x), {x: inputs()})
            out[name + "/n7"] = sess.run(fns[name](x), {x: inputs()[:7]})
    return out
