"""TF 1.14's Pow by a constant 0.5 / -0.5 / -1: Grappler's arithmetic optimizer runs it as
Sqrt / Rsqrt / Reciprocal (float32 Sqrt and Rsqrt are Eigen's fast packet functions, not
powf), unless the base folds to a constant, the exponent is fed, or the optimizer is off.

Each case returns the float32 results of one session run on the [3, 7, 5] values `base`
makes. Read by tests/test_pxfmr_pow.py.
"""
from __future__ import absolute_import

import numpy as np


def base():
    return (np.random.RandomState(11).rand(3, 7, 5) * 4 + 0.05).astype(np.float32)


def _layer_norm(tf, x):
    # Kyubyong/transformer's ln: (x - mean) / ((variance + epsilon) ** .5)
    mean, variance = tf.nn.moments(x, [-1], keep_dims=True)
    return (x - mean) / ((variance + 1e-8) ** .5)


def _run(tf, build, config=None):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 7, 5])
        outs = build(tf, x)
        with tf.Session(config=config) as sess:
            return sess.run(outs, {x: base()})


def fed_exponent(tf, x):
    e = tf.placeholder_with_default(tf.constant(0.5), [])
    return [tf.pow(x, e), tf.pow(x, -e)]


def sqrt_div(tf, x):
    # x / sqrt(y): Mul by Rsqrt unless the Sqrt is fetched or used twice
    m = tf.reduce_mean(x, -1, keepdims=True)
    s2 = tf.sqrt(m + 2.0)
    return [x / tf.sqrt(m + 1.0), x / s2, s2, x / tf.sqrt(m + 3.0) + tf.sqrt(m + 3.0)]


def cases(tf):
    off = tf.ConfigProto()
    off.graph_options.rewrite_options.arithmetic_optimization = 2   # RewriterConfig.OFF
    powers = lambda tf, x: [x ** 0.5, x ** -0.5, x ** -1.0, tf.pow(x, [0.5] * 5),
                            x ** 1.5, tf.reduce_sum(x, -1) ** 0.5]
    return {
        "layer_norm": _run(tf, lambda tf, x: [_layer_norm(tf, x)]),
        "powers": _run(tf, powers),
        "powers_arithmetic_off": _run(tf, powers, off),
        "fed_exponent": _run(tf, fed_exponent),
        "sqrt_div": _run(tf, sqrt_div),
        "constant_base": _run(tf, lambda tf, x: [x * 1.0, tf.constant(base()) ** 0.5,
                                                 tf.constant(base())[:2] ** -0.5]),
    }
