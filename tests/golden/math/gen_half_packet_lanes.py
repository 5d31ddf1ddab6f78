"""TF 1.14's float16 Asinh, Atanh and Rint at every flat position of tensors of 1 to 40
(and a few larger) elements, on the machine that made this golden (its CPU vendor is
recorded): TF's CPU executor evaluates Eigen::half in packets of 8 on AVX, and on the
packet part Asinh's odd indices and, in the 4-packet unrolled part, Rint's odd indices
differ from the scalar path's (engine/ops/eigen_math.half_asinh, half_rint). Read by
tests/test_half_packet_lanes.py.
"""
from __future__ import absolute_import

import numpy as np
from goldenio import host_vendor

OPS = ["asinh", "atanh", "rint"]
SIZES = list(range(1, 41)) + [47, 63, 64, 65, 96, 127, 128, 129, 200, 257]


def values():
    """A cycle of halves that shows each rule: rint's halves and .6s, its tiny negatives,
    signed zeros, infinities, NaN, atanh's and asinh's tiny and large values."""
    v = [0.77, 1.6, 0.5, -0.3, -6e-08, -0.0, 0.0, 2.5, -1.5, 3.0000001e-07, 1.0, -0.6,
         np.inf, -np.inf, np.nan, 65504.0, -2.75, 0.5005, 1e-4, -0.999, 0.999, 7.5, -3.0,
         2.0, 1.79e-07]
    return np.array(v, np.float16)


def inputs(n, shift):
    v = values()
    return np.roll(np.resize(v, n), shift)


def cases(tf):
    out = {"vendor": host_vendor()}
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float16, [None])
        ts = [getattr(tf.math, name)(p) for name in OPS]
        with tf.Session() as sess:
            for n in SIZES:
                for shift in (0, 1):
                    got = sess.run(ts, {p: inputs(n, shift)})
                    for name, r in zip(OPS, got):
                        out["%s/%d/%d" % (name, n, shift)] = r.view(np.uint16).tolist()
    return out
