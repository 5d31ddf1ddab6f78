"""TF 1.14's random_gamma and random_poisson streams (see gen_streams.py for the format)."""
from __future__ import absolute_import

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_streams import _program  # noqa: E402



def builders(tf):
    """{case name: Lazy case}."""
    out = {}
    for dt in ("float16", "float32", "float64"):
        for alpha in ([0.5, 1.0, 2.5], [[0.1], [7.0]], 1.0, 0.01, 30.0):
            name = "gamma/%s/%s" % (dt, np.asarray(alpha).tolist())
            out[name] = _program(tf, lambda tf, alpha=alpha, dt=dt: tf.random_gamma(
                [5, 3], alpha, dtype=getattr(tf, dt), seed=4))
    out["gamma/beta"] = _program(tf, lambda tf: tf.random_gamma(
        [4], [1.5, 3.0], beta=[2.0, 0.5], seed=1))
    out["gamma/large"] = _program(tf, lambda tf: tf.random_gamma([2000], [0.3, 1.0, 4.0],
                                                                  seed=9))
    out["gamma/graph_seed"] = _program(tf, lambda tf: tf.random_gamma([6], 2.0), graph_seed=8)
    for rate_dt in ("float32", "float64"):
        for out_dt in ("float32", "float64", "int32", "int64"):
            name = "poisson/%s_%s" % (rate_dt, out_dt)
            out[name] = _program(tf, lambda tf, r=rate_dt, o=out_dt: tf.random_poisson(
                tf.constant([0.5, 3.0, 9.9, 10.0, 25.0, 1000.0], getattr(tf, r)), [7],
                dtype=getattr(tf, o), seed=6))
    out["poisson/float16"] = _program(tf, lambda tf: tf.random_poisson(
        tf.constant([2.0, 40.0], tf.float16), [5], dtype=tf.float16, seed=2))
    out["poisson/large"] = _program(tf, lambda tf: tf.random_poisson([0.7, 12.0, 150.0],
                                                                    [3000], seed=3))
    out["poisson/graph_seed"] = _program(tf, lambda tf: tf.random_poisson(4.0, [6]),
                                         graph_seed=8)
    return out


def cases(tf):
    return dict((name, case()) for name, case in builders(tf).items())
