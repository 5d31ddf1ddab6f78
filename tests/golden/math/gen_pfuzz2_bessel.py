"""TF 1.14's BesselI0e / BesselI1e bits: Eigen's Cephes Chebyshev series evaluated in the
input's precision (float32 with the float tables, float64 with the double ones; half: the
float32 value rounded), denormals read and written as zero. Cases: both ops on `values()` fed through a placeholder in each
dtype, and their first and second gradients (the fuzz class "bessel | order 2 | value":
seed 1200581's second derivative of bessel_i0e at large arguments). Read by
tests/test_pfuzz2_bessel.py.
"""
from __future__ import absolute_import

import numpy as np


def values():
    # no np.exp: NumPy 1.16's and a newer NumPy's differ in the last bit
    rs = np.random.RandomState(7)
    special = [0.0, -0.0, 8.0, -8.0, 8.000001, 1e-30, -1e-30, 1e-40, -1e-40, 1e-310,
               -3e-308, 1e30, -1e30, np.inf, -np.inf, np.nan]
    return np.concatenate([rs.randn(1500) * 3, rs.randn(1000) * 40, rs.uniform(-9, 9, 1000),
                           rs.uniform(-1, 1, 500) * 2.0 ** rs.randint(-40, 9, 500),
                           special])


def grad_values():
    rs = np.random.RandomState(8)
    return np.concatenate([rs.randn(40) * 3, rs.uniform(20, 250, 20), [0.0, 1e-9, -7.5]])


def cases(tf):
    out = {}
    for dt in ("float16", "float32", "float64"):
        with tf.Graph().as_default():
            x = tf.placeholder(dt, [None])
            fetch = {"i0e/" + dt: tf.math.bessel_i0e(x), "i1e/" + dt: tf.math.bessel_i1e(x)}
            g = tf.placeholder(dt, [None])
            for name in ("i0e", "i1e"):
                y = getattr(tf.math, "bessel_" + name)(g)
                d1 = tf.gradients(y, g)[0]
                fetch["grad/%s/%s" % (name, dt)] = d1
                fetch["grad2/%s/%s" % (name, dt)] = tf.gradients(d1, g)[0]
            with np.errstate(over="ignore"):   # half: 1e30 is inf
                feed = {x: values().astype(dt), g: grad_values().astype(dt)}
            with tf.Session() as sess:
                out.update(sess.run(fetch, feed))
    out["values"] = values()     # the test checks that its NumPy draws the same inputs
    return out
