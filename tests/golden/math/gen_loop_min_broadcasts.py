"""Grappler's MinimizeBroadcasts (arithmetic optimizer) inside a tf.while_loop body: TF
1.x keeps the body in the main graph and its shape inference gives the body's values
their shapes (the loop variable's through its Merge, the captures' through their Enters),
so a Mul chain `(r * h) * u` with u [1, N] and r, h [B, N] is regrouped as `(u * r) * h`
when only forward values are fetched (the inner Mul has one reader), as IndyGRUCell's
`(r * state) * candidate_u`; with a gradient fetched the inner Mul is also pushed for the
gradient (two readers) and the chain runs as written, even where no fetch needs that
push (a gradient w.r.t. w only). A TensorArray read has the shape its handle carries
(the array's element_shape): none unless given. In a tf.cond branch too. A Mul of two
captures only waits on the loop's pivot (a control input): no group absorbs it. Per case
the values with the arithmetic optimizer on and off (`off`), so the test can see the
regrouping changes bits.
With the host's CPU vendor (`host`: the MatMuls' bits depend on it). Read by
tests/test_loop_min_broadcasts.py."""
from __future__ import absolute_import

import numpy as np

from goldenio import host_vendor

T, B, D, N = 4, 6, 5, 16


def _session(tf, off):
    if not off:
        return tf.Session()
    cfg = tf.ConfigProto()
    cfg.graph_options.rewrite_options.arithmetic_optimization = 2   # RewriterConfig.OFF
    return tf.Session(config=cfg)


def _loop(tf):
    rs = np.random.RandomState(5241)
    x = tf.constant(rs.randn(T, B, D).astype(np.float32), name="x")
    w = tf.Variable(rs.randn(D, N).astype(np.float32) * 0.5, name="w")
    v = tf.Variable(rs.randn(D, N).astype(np.float32) * 0.5, name="v")
    u = tf.Variable(rs.uniform(-1, 1, (1, N)).astype(np.float32), name="u")
    h0 = tf.constant(rs.randn(B, N).astype(np.float32), name="h0")

    def body(t, h):
        xt = tf.gather(x, t)
        r = tf.sigmoid(tf.matmul(xt, w))
        return t + 1, tf.tanh(tf.matmul(xt, v) + (r * h) * u)

    _, h = tf.while_loop(lambda t, h: t < T, body, [tf.constant(0), h0])
    return h, u


def forward(tf, off=False):
    """The final h only: the body's (r * h) * u regrouped."""
    with tf.Graph().as_default():
        h, _ = _loop(tf)
        with _session(tf, off) as s:
            s.run(tf.global_variables_initializer())
            return s.run(h)


def with_grad(tf, off=False):
    """The final h and the gradient of its sum w.r.t. u: the inner Mul is read twice,
    nothing is regrouped."""
    with tf.Graph().as_default():
        h, u = _loop(tf)
        g = tf.gradients(tf.reduce_sum(h), [u])[0]
        with _session(tf, off) as s:
            s.run(tf.global_variables_initializer())
            return s.run([h, g])


def grad_of_w(tf, off=False):
    """The final h and the gradient of its sum w.r.t. w only: the gradient needs no
    (r * h) (u is no x), but TF's Mul gradient still reads it for u's, through a stack
    push that runs with the gradient (the forward counter waits for every push): two
    readers, nothing regrouped."""
    with tf.Graph().as_default():
        h, _ = _loop(tf)
        w = [x for x in tf.global_variables() if x.op.name == "w"][0]
        g = tf.gradients(tf.reduce_sum(h), [w])[0]
        with _session(tf, off) as s:
            s.run(tf.global_variables_initializer())
            return s.run([h, g])


def ta_reads(tf, off=False):
    """{element_shape: final h} of a loop reading r = sigmoid(ta.read(t)) [B, N] from a
    TensorArray made with element_shape [B, N] (Grappler's read has it: regrouped) and
    without (its handle data unknown, whatever unstack inferred: as written)."""
    rs = np.random.RandomState(5243)
    out = {}
    with tf.Graph().as_default():
        x = tf.constant(rs.randn(T, B, N).astype(np.float32))
        u = tf.Variable(rs.uniform(-1, 1, (1, N)).astype(np.float32), name="u")
        h0 = tf.constant(rs.randn(B, N).astype(np.float32))
        for name, kw in (("unknown", {}), ("known", {"element_shape": [B, N]})):
            ta = tf.TensorArray(tf.float32, size=T, **kw).unstack(x)

            def body(t, h, ta=ta):
                r = tf.sigmoid(ta.read(t))
                return t + 1, tf.tanh((r * h) * u)

            out[name] = tf.while_loop(lambda t, h: t < T, body, [tf.constant(0), h0])[1]
        with _session(tf, off) as s:
            s.run(tf.global_variables_initializer())
            return s.run(out)


def cond_branch(tf, off=False):
    """tf.cond's true branch computing exp((r * h) * u) of values from outside (their
    Switches have the values' shapes): regrouped as in a loop body."""
    rs = np.random.RandomState(5242)
    with tf.Graph().as_default():
        x = tf.constant(rs.randn(B, D).astype(np.float32), name="x")
        w = tf.Variable(rs.randn(D, N).astype(np.float32), name="w")
        u = tf.Variable(rs.uniform(-1, 1, (1, N)).astype(np.float32), name="u")
        h = tf.tanh(tf.matmul(x, w * 0.7))
        r = tf.sigmoid(tf.matmul(x, w))
        p = tf.placeholder(tf.bool, [])
        out = tf.cond(p, lambda: tf.exp((r * h) * u), lambda: h)
        with _session(tf, off) as s:
            s.run(tf.global_variables_initializer())
            return s.run(out, {p: True})


def invariant(tf, off=False):
    """{variant: final y} of a loop computing y = tanh((p * q) * h), p and q [B, N]
    captured, the loop variable h [1, N]: `p * q` reads only loop invariants, so TF's
    WhileContext gives it a control input from the pivot and the chain runs as written
    (`captured`); with q read through an Identity in the body (`identity`) the Mul reads
    a body value and the chain is regrouped as `(h * p) * q`."""
    out = {}
    for name in ("captured", "identity"):
        rs = np.random.RandomState(5244)
        with tf.Graph().as_default():
            p = tf.Variable(rs.randn(B, N).astype(np.float32), name="p")
            q = tf.Variable(rs.randn(B, N).astype(np.float32), name="q")
            h0 = tf.constant(rs.uniform(-1, 1, (1, N)).astype(np.float32), name="h0")

            def body(t, h, y, name=name):
                qq = tf.identity(q) if name == "identity" else q
                y = tf.tanh((p * qq) * h)
                return t + 1, tf.reduce_mean(y, 0, keepdims=True), y

            y = tf.while_loop(lambda t, h, y: t < T, body,
                              [tf.constant(0), h0, tf.zeros([B, N])])[2]
            with _session(tf, off) as s:
                s.run(tf.global_variables_initializer())
                out[name] = s.run(y)
    return out


def pushed_chain(tf, off=False):
    """The final h and the gradient of its sum w.r.t. w of a loop whose body runs a
    variational-dropout-like chain: `(xt * 1.3) * s` (s a [1, D] variable: regrouped as
    `xt * (1.3 * s)`), then `o = (c / 0.8) * m1`, `(o / 0.7) * m2` with masks m1, m2
    [1, N] of zeros and ones (`floor(0.8 + n1)`, n1 a variable: a DropoutWrapper's). The division gradients read `o` and `c / 0.8` through
    stack pushes, which stay in Grappler's second round: its constant folding does not
    push 1/0.7 into `o` (no `c * (1/0.8 * 1/0.7)`), nor does MinimizeBroadcasts absorb
    `o`."""
    rs = np.random.RandomState(5245)
    with tf.Graph().as_default():
        x = tf.constant(rs.randn(T, B, D).astype(np.float32), name="x")
        w = tf.Variable(rs.randn(D, N).astype(np.float32) * 0.5, name="w")
        s = tf.Variable(rs.uniform(0.5, 1.5, (1, D)).astype(np.float32), name="s")
        n1 = tf.Variable(rs.uniform(0, 1, (1, N)).astype(np.float32), name="n1")
        n2 = tf.Variable(rs.uniform(0, 1, (1, N)).astype(np.float32), name="n2")
        h0 = tf.constant(rs.randn(B, N).astype(np.float32), name="h0")

        def body(t, h):
            xin = (tf.gather(x, t) * 1.3) * s
            c = tf.tanh(tf.matmul(xin, w) + h)
            o = tf.div(c, 0.8) * tf.floor(0.8 + n1)
            return t + 1, tf.div(o, 0.7) * tf.floor(0.7 + n2)

        h = tf.while_loop(lambda t, h: t < T, body, [tf.constant(0), h0])[1]
        g = tf.gradients(tf.reduce_sum(h), [w])[0]
        with _session(tf, off) as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run([h, g])


CASES = {"forward": forward, "with_grad": with_grad, "grad_of_w": grad_of_w,
         "ta_reads": ta_reads, "cond_branch": cond_branch,
         "invariant": invariant, "pushed_chain": pushed_chain}


def cases(tf):
    out = {"host": host_vendor()}
    for name, fn in CASES.items():
        out[name] = fn(tf)
        out[name + "_off"] = fn(tf, off=True)
    return out
