"""TF 1.14's float32 Exp, Sigmoid, Tanh, Softplus, Log and SoftplusGrad bit for bit, on a
fixed input set.

TF evaluates these with Eigen's packet functions on packets of 8 floats and with the
functor's scalar path on the last size % 8 elements, so the cases cover sizes with
every tail length. Case names: "<op>/n<size>" (the first <size> values of inputs()
rotated by ROTATE[size], so that the tails fall on different values); "<op>/all" is
every value. Importable under Python 3.7 (the oracle); read by tests/test_eigen_math.py.
"""
from __future__ import absolute_import

import numpy as np

OPS = ["exp", "sigmoid", "tanh", "softplus", "log"]
SIZES = list(range(1, 18)) + [64, 67]


def _special():
    pts = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, 1e-40, 1.1754944e-38, 1e-37, 3e-36,
           1e-30, 1e-20, 1e-10, 0.5, 1.0, 9.0, 17.0, 17.9, 18.0, 15.0, 20.0, 87.0, 87.7, 88.0,
           88.3762626647950, 88.7, 89.0, 103.0, 104.0, 1e10, 3.4028235e38]
    pts = np.array(pts + [-p for p in pts[2:]], np.float32)
    with np.errstate(over="ignore"):   # the neighbours of +-3.4e38 are +-inf
        up = np.nextafter(pts, np.float32(np.inf))
        down = np.nextafter(pts, np.float32(-np.inf))
    return np.concatenate([pts, up, down])


def inputs():
    """The special points, then 20,000 float32 values from a seeded generator: uniform
    bit patterns, uniform in [-100, 100], uniform in [-20, 20], normal * 4."""
    rng = np.random.RandomState(1234)
    bits = rng.randint(0, 2 ** 32, size=5000, dtype=np.uint64).astype(np.uint32)
    parts = [_special(), bits.view(np.float32),
             rng.uniform(-100, 100, 5000).astype(np.float32),
             rng.uniform(-20, 20, 5000).astype(np.float32),
             (rng.standard_normal(5000) * 4).astype(np.float32)]
    return np.concatenate(parts).astype(np.float32)


def sized(size):
    """A size-element input: inputs() rotated so each size's tail meets other values."""
    x = inputs()
    start = (size * 2654435761) % x.size
    return np.roll(x, -start)[:size]


def op_fn(tf, name):
    return {"softplus": tf.nn.softplus, "log": tf.math.log}.get(name) or getattr(tf, name)


def run(tf, name, x):
    """op(x) for a float32 placeholder fed with x, in a fresh graph."""
    with tf.Graph().as_default():
        ph = tf.placeholder(tf.float32, [None])
        y = op_fn(tf, name)(ph)
        with tf.Session() as sess:
            return sess.run(y, {ph: x})


def grads(size):
    """SoftplusGrad's upstream gradient for sized(size) (all: size None): seeded normals,
    the first 40 of them inputs() values (denormals, infs, NaN)."""
    x = inputs()
    g = np.random.RandomState(99).standard_normal(x.size).astype(np.float32)
    g[:40] = x[40:80]
    if size is None:
        return g
    start = (size * 2654435761) % x.size
    return np.roll(g, -start)[:size]


def run_softplus_grad(tf, g, x):
    """SoftplusGrad(g, x) (tf.raw_ops) for float32 placeholders fed with g and x."""
    with tf.Graph().as_default():
        pg = tf.placeholder(tf.float32, [None])
        px = tf.placeholder(tf.float32, [None])
        y = tf.raw_ops.SoftplusGrad(gradients=pg, features=px)
        with tf.Session() as sess:
            return sess.run(y, {pg: g, px: x})


def cases(tf):
    out = {}
    for name in OPS:
        out[name + "/all"] = run(tf, name, inputs())
        for n in SIZES:
            out["%s/n%d" % (name, n)] = run(tf, name, sized(n))
    out["softplus_grad/all"] = run_softplus_grad(tf, grads(None), inputs())
    for n in SIZES:
        out["softplus_grad/n%d" % n] = run_softplus_grad(tf, grads(n), sized(n))
    return out
