"""Grappler's symbolic shapes in a tf.while_loop body (GraphProperties: a loop variable's
Merge has its Enter's shape, relaxed where the NextIteration's differs; a capture's Enter
its value's shape) decide MinimizeBroadcasts there: capsule routing's squash
`sq / (1 + sq) * s / sqrt(sq + eps)` on s = reduce_sum(c[..., None] * u_hat, 1), c the
softmax of the loop variable b, is regrouped as `(sq / (1 + sq) * rsqrt(sq + eps)) * s`
(SqrtDivToRsqrtMul, then MinimizeBroadcasts) when u_hat's shape is known to Grappler
(computed from a fed u through tf.einsum: `einsum`; a capture of constant shape:
`const`), b's from `tf.zeros([tf.shape(u)[0], NI, NO])`, and `c[..., None]` (a
StridedSlice with ellipsis and new axis) passes its dims on (that alone decides where
u_hat is of constants and b0 of a fed u's batch dim: `fed_batch`); with u_hat itself fed
(its shape unknown to Grappler: `fed_uhat`) MinimizeBroadcasts leaves the chain (the
arithmetic optimizer's other rewrites still change bits). A tf.cond branch's captures
have their values' shapes too (their Switches': `cond_branch`). Per case the forward
values with the arithmetic optimizer on and off (`_off`).
With the host's CPU vendor (`host`). Read by tests/test_loop_symbolic_shapes.py."""
from __future__ import absolute_import

import numpy as np

from goldenio import host_vendor

B, NI, DI, NO, DO = 7, 6, 4, 3, 5


def _session(tf, off):
    if not off:
        return tf.Session()
    cfg = tf.ConfigProto()
    cfg.graph_options.rewrite_options.arithmetic_optimization = 2   # RewriterConfig.OFF
    return tf.Session(config=cfg)


def _squash(tf, s, eps=1e-9):
    sq = tf.reduce_sum(tf.square(s), axis=-1, keepdims=True)
    return sq / (1.0 + sq) * s / tf.sqrt(sq + eps)


def _routing(tf, u_hat, batch):
    b0 = tf.zeros([batch, NI, NO])
    v0 = tf.zeros([batch, NO, DO])

    def body(i, b, v):
        c = tf.nn.softmax(b, axis=2)
        s = tf.reduce_sum(c[..., None] * u_hat, axis=1)
        v = _squash(tf, s)
        return i + 1, b + tf.reduce_sum(u_hat * v[:, None], axis=-1), v

    return tf.while_loop(lambda i, b, v: i < 3, body, [tf.constant(0), b0, v0])[1:]


def _data():
    rs = np.random.RandomState(5461)
    return (rs.randn(B, NI, DI).astype(np.float32),
            (rs.randn(NI, NO, DI, DO) * 0.7).astype(np.float32))


def einsum(tf, off=False):
    """[b, v] after 3 iterations, u fed, u_hat = einsum of u and a constant W."""
    U, W = _data()
    with tf.Graph().as_default():
        u = tf.placeholder(tf.float32, [None, NI, DI], name="u")
        u_hat = tf.einsum("bid,iodk->biok", u, tf.constant(W))
        b, v = _routing(tf, u_hat, tf.shape(u)[0])
        with _session(tf, off) as s:
            return s.run([b, v], {u: U})


def const(tf, off=False):
    """[b, v]: u_hat = einsum of constants (its shape known, [B, NI, NO, DO])."""
    U, W = _data()
    with tf.Graph().as_default():
        u_hat = tf.einsum("bid,iodk->biok", tf.constant(U), tf.constant(W))
        b, v = _routing(tf, u_hat, B)
        with _session(tf, off) as s:
            return s.run([b, v])


def fed_uhat(tf, off=False):
    """[b, v]: u_hat fed (a placeholder [None, NI, NO, DO]): Grappler knows no shape of
    it, the chain runs as written."""
    U, W = _data()
    uh = np.einsum("bid,iodk->biok", U.astype(np.float64), W.astype(np.float64))
    with tf.Graph().as_default():
        u_hat = tf.placeholder(tf.float32, [None, NI, NO, DO], name="u_hat")
        b, v = _routing(tf, u_hat, tf.shape(u_hat)[0])
        with _session(tf, off) as s:
            return s.run([b, v], {u_hat: uh.astype(np.float32)})


def fed_batch(tf, off=False):
    """[b, v]: u_hat = einsum of constants, b0 and v0 of a fed u's batch dim (the loop
    variables' Merges have their Enters' shapes [a, NI, NO], [a, NO, DO]): the ellipsis
    slice alone decides."""
    U, W = _data()
    with tf.Graph().as_default():
        u = tf.placeholder(tf.float32, [None, NI, DI], name="u")
        u_hat = tf.einsum("bid,iodk->biok", tf.constant(U), tf.constant(W))
        b, v = _routing(tf, u_hat, tf.shape(u)[0])
        with _session(tf, off) as s:
            return s.run([b, v], {u: U})


def cond_branch(tf, off=False):
    """[out]: tf.cond's true branch running squash on reduce_sum(c[..., None] * u_hat, 1),
    c and u_hat captures computed from a fed u (their Switches have the values' shapes,
    [a, NI, NO] and [a, NI, NO, DO]): regrouped as in the loop body."""
    U, W = _data()
    with tf.Graph().as_default():
        u = tf.placeholder(tf.float32, [None, NI, DI], name="u")
        u_hat = tf.einsum("bid,iodk->biok", u, tf.constant(W))
        c = tf.nn.softmax(tf.reduce_sum(u_hat, axis=-1), axis=2)
        p = tf.placeholder(tf.bool, [], name="p")
        out = tf.cond(p, lambda: _squash(tf, tf.reduce_sum(c[..., None] * u_hat, axis=1)),
                      lambda: tf.reduce_sum(u_hat, axis=1))
        with _session(tf, off) as s:
            return [s.run(out, {u: U, p: True})]


CASES = {"einsum": einsum, "const": const, "fed_uhat": fed_uhat, "fed_batch": fed_batch,
         "cond_branch": cond_branch}


def cases(tf):
    out = {"host": host_vendor()}
    for name, fn in CASES.items():
        out[name] = fn(tf)
        out[name + "_off"] = fn(tf, off=True)
    return out
