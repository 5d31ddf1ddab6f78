"""TF 1.14's AddN kernel takes over the buffer of its first input that nothing else holds
and sums from it: it swaps that input with input 0 (aggregate_ops.cc). An input's
buffer is taken over when it is a fresh result read only by this AddN, once, at the
time the AddN runs: not a feed (the call frame keeps a copy), a Const (also one
Grappler folds), a variable's read, a fetched value (the _Retval keeps a copy), an input
read twice, or a value that an op depending on the AddN still has to read; a reader the
AddN depends on has run and let go of it; a Reshape / Identity passes its input's
buffer on, and Grappler's dedup makes `a * b` and `b * a` one buffer. With more than 9
inputs the kernel sums the first n % 8 (8 or 9) and adds each next 8 summed.

The swap only changes bits when the input taken over is at position 2 or later (the
first two commute), so each case puts two inputs that are not taken over first in the
order Grappler sorts them in (by name), or in tf.gradients' order with the arithmetic
optimizer off (`_arithmetic_off`, `_folding_off`, `_meta_off`: the swap is the kernel's,
whatever Grappler does).

The gradient cases are pgate2's g1h (an AddN of `add_2, add_2, SigmoidGrad`), with and
without gate_gradients, and ptaval2's `AddN(a*b, b*a, a*b*c) + 0.5`.
Read by tests/test_addn_forwarding.py.
"""
from __future__ import absolute_import

import numpy as np

N = 257


def _feeds(seed=11, n=4):
    rs = np.random.RandomState(seed)
    return [(rs.randn(N) * 10 ** rs.uniform(-2, 2, N)).astype(np.float32) for _ in range(n)]


def _config(tf, mode):
    config = tf.ConfigProto()
    ro = config.graph_options.rewrite_options
    if mode == "arithmetic_off":
        ro.arithmetic_optimization = 2   # OFF
    elif mode == "folding_off":
        ro.constant_folding = 2
    elif mode == "meta_off":
        ro.disable_meta_optimizer = True
    return config


def _run(tf, build, mode="on", n=4, seed=11):
    vals = _feeds(seed, n)
    with tf.Graph().as_default():
        ps = [tf.placeholder(tf.float32, [N], name="p%d" % k) for k in range(n)]
        with tf.Session(config=_config(tf, mode)) as sess:
            return sess.run(build(tf, ps), dict(zip(ps, vals)))


def feeds_first(tf, ps):
    """Feeds are never taken over: the Tanh (third) is, and goes first."""
    return [tf.add_n([ps[0], ps[1], tf.tanh(ps[2], name="z/t")])]


def reader_after(tf, ps):
    """q/t is read again after the AddN: r/m (fourth) is taken over."""
    t = tf.multiply(ps[2], 0.3, name="q/t")
    s = tf.add_n([ps[0], ps[1], t, tf.multiply(ps[3], 3.0, name="r/m")])
    return [s * t]


def reader_before(tf, ps):
    """q/t's other reader r/u runs before the AddN (which reads it): q/t is taken over."""
    t = tf.multiply(ps[2], 0.3, name="q/t")
    u = tf.multiply(t, ps[1], name="r/u")
    return [tf.add_n([ps[0], ps[1], t, u])]


def fetched(tf, ps):
    """q/t is fetched too: r/m is taken over."""
    t = tf.multiply(ps[2], 0.3, name="q/t")
    s = tf.add_n([ps[0], ps[1], t, tf.multiply(ps[3], 3.0, name="r/m")])
    return [s, t]


def constant(tf, ps):
    c = tf.constant(_feeds(3, 1)[0], name="q/c")
    return [tf.add_n([ps[0], ps[1], c, tf.multiply(ps[3], 3.0, name="r/m")])]


def identity_chain(tf, ps):
    """Grappler removes the Identity, so the AddN reads (and sorts) `Reshape`, whose
    buffer it takes over (the Reshape of a feed's product stays: its shape is unknown)."""
    t = tf.identity(tf.reshape(tf.multiply(ps[2], 0.3, name="q/t"), [N]), name="q/i")
    return [tf.add_n([ps[0], ps[1], t, tf.multiply(ps[3], 3.0, name="r/m")])]


def shared_reshapes(tf, ps):
    """Two Reshapes of one product share its buffer: c/r (third) is taken over."""
    m = tf.multiply(ps[0], ps[1], name="b/m")
    r1 = tf.reshape(m, [N, 1], name="b/r1")
    r2 = tf.reshape(m, [N, 1], name="b/r2")
    c = tf.reshape(tf.multiply(ps[2], 3.0, name="c/m"), [N, 1], name="c/r")
    return [tf.add_n([r1, r2, c])]


def ones_product(tf, ps):
    """`ones * tanh` folds to the Tanh (read twice, so not taken over) when Grappler's
    constant folding is on; a Mul of its own otherwise."""
    t = tf.tanh(ps[2], name="q/t")
    o = tf.ones([N]) * t
    return [tf.add_n([ps[0], ps[1], o, tf.multiply(ps[3], 3.0, name="r/m")]), t * 2.0]


def ten_inputs(tf, ps):
    """10 inputs: the taken-over one first, then 2 summed, then 8 summed and added."""
    xs = [tf.multiply(ps[k % 3], float(k + 1), name="a%d/m" % k) for k in range(9)]
    xs[1] = ps[3]
    return [tf.add_n(xs + [xs[2]])]


def many_feeds(tf, n):
    """Feeds only (none taken over): the kernel's blocks of 8 alone."""
    return _run(tf, lambda tf, ps: [tf.add_n(ps)], n=n, seed=n)


def products(tf, ps):
    """ptaval2's cm.py: dedup makes a*b and b*a one buffer, read twice: a*b*c goes first."""
    a, b, c = ps[:3]
    return [tf.add_n([a * b, b * a, a * b * c]) + 0.5]


def gated_sigmoid_square(tf, gate):
    """pgate2's g1h: `gradients/AddN = AddN(add_2, add_2, SigmoidGrad)` runs as
    `(SigmoidGrad + add_2) + add_2`."""
    rng = np.random.RandomState(0)
    with tf.Graph().as_default():
        x = tf.constant(rng.randn(4, 5).astype(np.float32))
        w = tf.Variable(rng.randn(5, 5).astype(np.float32))
        b = tf.Variable(rng.randn(5).astype(np.float32))
        c = tf.Variable(rng.randn(5).astype(np.float32))
        h = tf.matmul(x, w) + b
        h2 = h * c + h
        h3 = tf.tanh(h2) + h2 * h2
        k = tf.sigmoid(h3)
        loss = tf.reduce_sum(h3 * h3) + tf.reduce_sum(k)
        opt = tf.train.GradientDescentOptimizer(1.0)
        gv = opt.compute_gradients(loss, gate_gradients=gate)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run([g for g, _ in gv])


def huber(tf):
    """prl's Huber loss gradient (its AddN reads two Consts Grappler folds and a product)."""
    rs = np.random.RandomState(0)
    with tf.Graph().as_default():
        lab = tf.placeholder(tf.float32, [4, 64])
        x = tf.constant(rs.uniform(-1, 1, [4, 5]).astype(np.float32))
        w = tf.Variable(rs.uniform(-1, 1, [5, 64]).astype(np.float32))
        p = tf.matmul(x, w)
        g = tf.gradients(tf.losses.huber_loss(lab, p), [p, w])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(g, {lab: rs.uniform(-1.5, 1.5, [4, 64]).astype(np.float32)})


def huber_variable(tf, mode):
    """The Huber gradient into a variable: the AddN's Sub_1_grad/Neg is folded to a Const
    (by Grappler, or by the classic graph optimizer when Grappler's folding is off), so
    nothing is swapped."""
    rs = np.random.RandomState(0)
    with tf.Graph().as_default():
        lab = tf.constant(rs.uniform(-1, 1, [4, 64]).astype(np.float32))
        p = tf.Variable(rs.uniform(-1, 1, [4, 64]).astype(np.float32))
        g = tf.gradients(tf.losses.huber_loss(lab, p), p)[0]
        with tf.Session(config=_config(tf, mode)) as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(g)


_BUILDS = (feeds_first, reader_after, reader_before, fetched, constant, identity_chain,
           shared_reshapes, ones_product, ten_inputs, products)


def cases(tf):
    out = {}
    for f in _BUILDS:
        out[f.__name__] = _run(tf, f)
        for mode in ("arithmetic_off", "folding_off", "meta_off"):
            out[f.__name__ + "_" + mode] = _run(tf, f, mode)
    for n in (10, 17, 26):
        out["many_feeds_%d" % n] = many_feeds(tf, n)
    out["gated_sigmoid_square"] = gated_sigmoid_square(tf, 1)
    out["ungated_sigmoid_square"] = gated_sigmoid_square(tf, 0)
    out["huber"] = huber(tf)
    for mode in ("on", "arithmetic_off", "folding_off", "meta_off"):
        out["huber_variable_" + mode] = huber_variable(tf, mode)
    return out
