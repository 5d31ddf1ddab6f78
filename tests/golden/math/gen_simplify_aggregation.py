"""TF 1.14's Grappler SimplifyAggregation in a Session: an AddN whose inputs are all one
tensor runs as Mul(Const(N), x) unless it is fetched (preserve set). For N >= 6 the
product rounds otherwise than the running sum, so the cases use N = 6, 7 and 9.
Each case returns float arrays. Read by tests/test_simplify_aggregation.py.
"""
from __future__ import absolute_import

import numpy as np


def _config(tf, arithmetic):
    config = tf.ConfigProto()
    if not arithmetic:
        config.graph_options.rewrite_options.arithmetic_optimization = 2   # OFF
    return config


def _x(seed=0, n=2000):
    return (np.random.RandomState(seed).randn(n) * 100).astype(np.float32)


def repeated_fed(tf, arithmetic=True):
    """tf.add_n([y] * n), y = tanh(x) * x with x a fed placeholder, read by an Identity;
    and the same AddN fetched itself (kept as a sum); then y."""
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2000])
        y = tf.tanh(x) * x
        fetches = []
        for n in (6, 7, 9):
            fetches.append(tf.identity(tf.add_n([y] * n)))
            fetches.append(tf.add_n([y] * n))
        fetches.append(y)
        with tf.Session(config=_config(tf, arithmetic)) as sess:
            return sess.run(fetches, {x: _x()})


def ones_times_add(tf, arithmetic=True):
    """tf.add_n([ones * (y + 1.0)] * 6), ones a [500] constant, read by an Identity: still
    Mul(6, k) (not an AddOpsRewrite of y + 1.0)."""
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [500])
        y = tf.tanh(x) * x
        s = tf.add_n([tf.ones([500]) * (y + 1.0)] * 6)
        with tf.Session(config=_config(tf, arithmetic)) as sess:
            return sess.run([tf.identity(s), y], {x: _x(4, 500)})


def repeated_variable_double(tf, arithmetic=True):
    """A float64 variable's square repeated 7 times, read by a Sqrt."""
    with tf.Graph().as_default():
        v = tf.Variable(_x(1).astype(np.float64) / 50.0)
        y = tf.sqrt(tf.add_n([tf.square(v)] * 7))
        with tf.Session(config=_config(tf, arithmetic)) as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(y * 1.0)


def written_apart(tf, arithmetic=True):
    """tf.add_n of seven `tf.tanh(x)` built apart, read by an Identity: Grappler's
    arithmetic optimizer dedups them first into one tensor repeated, so Mul(7, tanh(x));
    then tanh(x)."""
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2000])
        s = tf.add_n([tf.tanh(x) for _ in range(7)])
        with tf.Session(config=_config(tf, arithmetic)) as sess:
            return sess.run([tf.identity(s), tf.tanh(x)], {x: _x(5) / 50.0})


def written_commuted(tf, arithmetic=True):
    """tf.add_n([a * b, b * a] * 3), a and b fed, read by an Identity: Grappler sorts a
    commutative op's inputs by name before its dedup, so b * a is a * b and the AddN one
    tensor repeated: Mul(6, a * b), which the AddN alone read (a * (6 * b), as in
    repeated_sole_mul). Then a * b."""
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float32, [2000], name="a")
        b = tf.placeholder(tf.float32, [2000], name="b")
        s = tf.add_n([a * b, b * a] * 3)
        with tf.Session(config=_config(tf, arithmetic)) as sess:
            return sess.run([tf.identity(s), a * b], {a: _x(7), b: _x(8) / 100.0})


def repeated_sole_mul(tf, arithmetic=True):
    """tf.add_n([a * b] * N) of a product only the AddN reads, x fed (its shape unknown to
    Grappler, so MinimizeBroadcasts leaves the new Mul(N, a * b)): the second round's
    constant folding pushes N into the product, whose inputs are sorted by name first:
    `Placeholder * (6 * Tanh)`, `Tanh * (7 * x)`, `aa * (6 * zz)`, `Tanh * (6 * 0.37)`.
    Each read by an Identity; then the leaves."""
    out = []
    for name, n, build in (("Placeholder", 6, lambda tf, x: tf.tanh(x) * x),
                           ("x", 7, lambda tf, x: x * tf.tanh(x)),
                           ("x", 6, lambda tf, x: tf.multiply(tf.tanh(x, name="zz"),
                                                              tf.sin(x, name="aa"))),
                           ("x", 6, lambda tf, x: tf.tanh(x) * 0.37)):
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [2000], name=name)
            s = tf.identity(tf.add_n([build(tf, x)] * n))
            with tf.Session(config=_config(tf, arithmetic)) as sess:
                out.extend(sess.run([s, tf.tanh(x), tf.sin(x)], {x: _x(6)}))
    return out


def readers_fed(tf, arithmetic=True):
    """tf.add_n([y] * N) (y = tanh(x) * x fetched, x and z fed) read by a Mul or an add:
    below a feed Grappler's MinimizeBroadcasts and AddOpsRewrite leave the reader, so the
    AddN is N * y, and a reader's constant is pushed down into it by the second round
    (`s * 0.37` runs as `y * (6 * 0.37)`). Then y."""
    builds = (lambda s, z: s * 0.37, lambda s, z: s * z, lambda s, z: s + z,
              lambda s, z: s + 0.37, lambda s, z: s * z * 0.37,
              lambda s, z: tf.add_n([s, z, z * 0.5]), lambda s, z: s / 0.37,
              lambda s, z: s - z, lambda s, z: 0.37 * s)
    out = []
    for k, build in enumerate(builds):
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [2000], name="x")
            z = tf.placeholder(tf.float32, [2000], name="z")
            y = tf.tanh(x) * x
            s = tf.add_n([y] * (7 if k == len(builds) - 1 else 6))
            with tf.Session(config=_config(tf, arithmetic)) as sess:
                out.extend(sess.run([build(s, z), y], {x: _x(1), z: _x(2)}))
    return out


def _grads(tf, arithmetic, gate):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2000])
        v = tf.Variable(_x(2) / 100.0)
        s = tf.tanh(v * x)
        loss = tf.reduce_sum(tf.sin(tf.add_n([s] * 7)))
        g = tf.gradients(loss, [v], gate_gradients=gate)[0]
        with tf.Session(config=_config(tf, arithmetic)) as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(g, {x: _x(3) / 100.0})


def grads_ungated(tf, arithmetic=True):
    """tf.gradients through tf.add_n([s] * 7): s's gradient is AddN(g, ..., g)."""
    return _grads(tf, arithmetic, False)


def grads_gated(tf, arithmetic=True):
    """The same with gate_gradients=True (TF: the same bits; its second round reads through
    the gate Identities)."""
    return _grads(tf, arithmetic, True)


CASES = ["repeated_fed", "ones_times_add", "repeated_variable_double", "grads_ungated", "grads_gated",
         "written_apart", "repeated_sole_mul", "readers_fed", "written_commuted"]


def cases(tf):
    out = {}
    for name in CASES:
        fn = globals()[name]
        out[name] = fn(tf)
        out[name + "_arithmetic_off"] = fn(tf, arithmetic=False)
    return out
