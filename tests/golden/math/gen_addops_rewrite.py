"""TF 1.14's Grappler AddOpsRewrite in a Session: a tree of Add/AddN whose inner nodes
have one reader collapses into one AddN per leaf shape (its inputs in name order, the
meta optimizer's second round), and the per-shape sums are added smallest first; only
where Grappler knows the shapes (not below a fed placeholder). LSTMCell's peephole
`(f + forget_bias) + w_f * c` so runs as `forget_bias + (f + w_f * c)`.

Most leaves are variables (their reads share the variable's buffer, so the AddN kernel's
buffer forwarding never moves one to the front; forwarded_leaf has one it does move).
Each case returns float arrays.
Read by tests/test_addops_rewrite.py.
"""
from __future__ import absolute_import

import numpy as np

N = 4000


def _arrays(shapes, dtype=np.float32, seed=0):
    rng = np.random.RandomState(seed)
    return [(rng.randn(*s) * 10 ** rng.uniform(-1, 1, size=s)).astype(dtype)
            for s in shapes]


def _config(tf, arithmetic):
    config = tf.ConfigProto()
    if not arithmetic:
        config.graph_options.rewrite_options.arithmetic_optimization = 2   # OFF
    return config


def _run(tf, fetches, arithmetic=True, feed_dict=None):
    with tf.Session(config=_config(tf, arithmetic)) as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed_dict)


def same_shape_chain(tf, arithmetic=True):
    """((d + c) + b) + a of four [N] variables named against their written order."""
    with tf.Graph().as_default():
        vs = [tf.Variable(v, name=n) for v, n in
              zip(_arrays([(N,)] * 4), ["d", "c", "b", "a"])]
        y = ((vs[0] + vs[1]) + vs[2]) + vs[3]
        return _run(tf, y * 1.0, arithmetic)


def bias_chain(tf, arithmetic=True, dtype=np.float32):
    """LSTMCell's peephole sum: (f + 1.0) + w * c, f and c [8, 500], w [500]."""
    with tf.Graph().as_default():
        f, w, c = [tf.Variable(v) for v in _arrays([(8, 500), (500,), (8, 500)], dtype, 1)]
        y = (f + 1.0) + w * c
        return _run(tf, y * 1.0, arithmetic)


def bias_chain_float16(tf, arithmetic=True):
    return bias_chain(tf, arithmetic, np.float16)


def four_shapes(tf, arithmetic=True):
    """x [8, 500] + b [500] + s [] + y [8, 500] + r [8, 1]: AddN(x, y), then the sums by
    size: s, then r, then b, then the AddN."""
    with tf.Graph().as_default():
        x, b, s, y, r = [tf.Variable(v) for v in
                         _arrays([(8, 500), (500,), (), (8, 500), (8, 1)], seed=2)]
        out = (((x + b) + s) + y) + r
        return _run(tf, out * 1.0, arithmetic)


def add_n_root(tf, arithmetic=True):
    """tf.add_n([e + d, c, b + a]): the AddN absorbs both Adds (five [N] leaves)."""
    with tf.Graph().as_default():
        e, d, c, b, a = [tf.Variable(v, name=n) for v, n in
                         zip(_arrays([(N,)] * 5, seed=3), "edcba")]
        y = tf.add_n([e + d, c, b + a])
        return _run(tf, y * 1.0, arithmetic)


def two_readers(tf, arithmetic=True):
    """An inner add read twice is not absorbed: (d + c) + b stays as written."""
    with tf.Graph().as_default():
        d, c, b = [tf.Variable(v, name=n) for v, n in zip(_arrays([(N,)] * 3, seed=4), "dcb")]
        inner = d + c
        y = inner + b
        return _run(tf, [y * 1.0, inner * 2.0], arithmetic)


def fetched_inner(tf, arithmetic=True):
    """A fetched inner add is not absorbed either."""
    with tf.Graph().as_default():
        d, c, b = [tf.Variable(v, name=n) for v, n in zip(_arrays([(N,)] * 3, seed=4), "dcb")]
        inner = d + c
        y = inner + b
        return _run(tf, [y * 1.0, inner], arithmetic)


def fed_placeholders(tf, arithmetic=True):
    """Below fed placeholders Grappler knows no shape: (f + 1.0) + w * c as written."""
    fv, wv, cv = _arrays([(8, 500), (500,), (8, 500)], seed=1)
    with tf.Graph().as_default():
        f = tf.placeholder(tf.float32, [8, 500])
        w = tf.placeholder(tf.float32, [500])
        c = tf.placeholder(tf.float32, [8, 500])
        y = (f + 1.0) + w * c
        return _run(tf, y * 1.0, arithmetic, {f: fv, w: wv, c: cv})


def with_gradients(tf, arithmetic=True):
    """The forward of a training graph: the gradient's Shape readers do not count."""
    with tf.Graph().as_default():
        f, w, c = [tf.Variable(v) for v in _arrays([(8, 500), (500,), (8, 500)], seed=1)]
        y = (f + 1.0) + w * c
        loss = tf.reduce_sum(tf.sin(y))
        gf, gw, gc = tf.gradients(loss, [f, w, c])
        return _run(tf, [y * 1.0, gf, gw, gc], arithmetic)


def in_loop(tf, arithmetic=True):
    """The peephole sum in a while loop's body (variables captured, the carried state's
    shape known): acc <- tanh((f + 1.0) + w * acc)."""
    with tf.Graph().as_default():
        f, w, c = [tf.Variable(v) for v in _arrays([(8, 500), (500,), (8, 500)], seed=1)]

        def body(i, acc):
            return i + 1, tf.tanh((f + 1.0) + w * acc)

        _, y = tf.while_loop(lambda i, acc: i < 3, body, [tf.constant(0), c * 1.0])
        return _run(tf, y, arithmetic)


def in_loop_fed(tf, arithmetic=True):
    """The same loop started from a fed placeholder: the body's state shape is unknown."""
    fv, wv, cv = _arrays([(8, 500), (500,), (8, 500)], seed=1)
    with tf.Graph().as_default():
        f, w = [tf.Variable(v) for v in (fv, wv)]
        c = tf.placeholder(tf.float32, [8, 500])

        def body(i, acc):
            return i + 1, tf.tanh((f + 1.0) + w * acc)

        _, y = tf.while_loop(lambda i, acc: i < 3, body, [tf.constant(0), c * 1.0])
        return _run(tf, y, arithmetic, {c: cv})


def in_loop_grad(tf, arithmetic=True):
    """in_loop's gradients with respect to f, w and the start (the gradient loop reads the
    forward's rewritten sums; no denormals, which TF's CPU kernels flush)."""
    with tf.Graph().as_default():
        f, w, c = [tf.Variable(v) for v in _arrays([(8, 500), (500,), (8, 500)], seed=1)]

        def body(i, acc):
            return i + 1, tf.tanh((f + 1.0) + w * acc) * 0.5 + acc * 0.25

        _, y = tf.while_loop(lambda i, acc: i < 3, body, [tf.constant(0), c * 1.0])
        return _run(tf, [y] + tf.gradients(tf.reduce_sum(y * y), [f, w, c]), arithmetic)


def in_cond(tf, arithmetic=True):
    """The peephole sum as a taken cond branch's output (read by the Merge, which Grappler
    does not preserve): rewritten; the fed predicate does not hide the captures' shapes."""
    with tf.Graph().as_default():
        f, w, c = [tf.Variable(v) for v in _arrays([(8, 500), (500,), (8, 500)], seed=1)]
        p = tf.placeholder(tf.bool, [])
        y = tf.cond(p, lambda: (f + 1.0) + w * c, lambda: f * 1.0)
        return _run(tf, y, arithmetic, {p: True})


def in_cond_fed(tf, arithmetic=True):
    """The same branch capturing a fed placeholder: as written."""
    fv, wv, cv = _arrays([(8, 500), (500,), (8, 500)], seed=1)
    with tf.Graph().as_default():
        f, w = [tf.Variable(v) for v in (fv, wv)]
        c = tf.placeholder(tf.float32, [8, 500])
        p = tf.placeholder(tf.bool, [])
        y = tf.cond(p, lambda: (f + 1.0) + w * c, lambda: f * 1.0)
        return _run(tf, y, arithmetic, {p: True, c: cv})


def forwarded_leaf(tf, arithmetic=True):
    """AddN(a, b, zz) in name order, where zz = x * 2 is a fresh buffer only the AddN reads:
    the kernel takes it over and sums (zz + b) + a."""
    with tf.Graph().as_default():
        a, b, x = [tf.Variable(v, name=n) for v, n in zip(_arrays([(N,)] * 3, seed=7), "abx")]
        m = tf.multiply(x, 2.0, name="zz")
        return _run(tf, tf.add(tf.add(m, a), b) * 1.0, arithmetic)


def tied_sizes(tf, arithmetic=True):
    """x [64, 64] + r [64, 1] + c [1, 64]: r and c tie in size; they are summed first."""
    with tf.Graph().as_default():
        x, r, c = [tf.Variable(v) for v in _arrays([(64, 64), (64, 1), (1, 64)], seed=8)]
        return _run(tf, [((x + r) + c) * 1.0, ((x + c) + r) * 1.0], arithmetic)


def lstm_peepholes_fed(tf, arithmetic=True):
    """dynamic_rnn over LSTMCell(use_peepholes=True) with x fed: with a dynamic batch the
    state's shape is unknown to Grappler (the peephole sum as written), with batch 3 it is
    known (forget_bias added last). The final c of each."""
    xv = np.random.RandomState(0).randn(3, 40, 5).astype(np.float32)
    out = []
    for batch in (None, 3):
        with tf.Graph().as_default():
            tf.set_random_seed(3)
            x = tf.placeholder(tf.float32, [batch, 40, 5])
            cell = tf.nn.rnn_cell.LSTMCell(
                64, use_peepholes=True, initializer=tf.random_normal_initializer(0, 1.0, seed=1))
            _, st = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
            out.append(_run(tf, st.c, arithmetic, {x: xv}))
    return out


def renamed_leaf(tf, arithmetic=True):
    """zz = (p + q) + r, read twice, is rewritten under the name
    ArithmeticOptimizer/AddOpsRewrite_zz; (zz + s) + t's AddN sorts it by that name: first."""
    with tf.Graph().as_default():
        p, q, r, s, t = [tf.Variable(v, name=n) for v, n in
                         zip(_arrays([(N,)] * 5, seed=9), "pqrst")]
        b = tf.add(tf.add(p, q), r, name="zz")
        return _run(tf, [tf.add(tf.add(b, s), t) * 1.0, b * 2.0], arithmetic)


def through_no_ops(tf, arithmetic=True):
    """identity(f + 1.0) + w * c and reshape(f + 2.0, its own shape) + w * c: rewritten in
    the meta optimizer's second round, once the no-ops between the adds are gone."""
    with tf.Graph().as_default():
        f, w, c = [tf.Variable(v) for v in _arrays([(8, 500), (500,), (8, 500)], seed=1)]
        y = tf.identity(f + 1.0) + w * c
        z = tf.reshape(f + 2.0, [8, 500]) + w * c
        return _run(tf, [y * 1.0, z * 1.0], arithmetic)


def root_reads_twice(tf, arithmetic=True):
    """tf.add_n([s, s]) and s2 + s2, where s = tanh(a) + square(b) and s2 = d + c: the root
    is s's only reader node (Grappler counts reader nodes, not edges), so s is absorbed:
    AddN(Square, Square, Tanh, Tanh) and AddN(c, c, d, d)."""
    with tf.Graph().as_default():
        a, b, d, c = [tf.Variable(v, name=n) for v, n in
                      zip(_arrays([(N,)] * 4, seed=10), "abdc")]
        s = tf.tanh(a) + tf.square(b)
        s2 = d + c
        return _run(tf, [tf.add_n([s, s]) * 3.0, (s2 + s2) * 3.0], arithmetic)


def identity_interleaved(tf, arithmetic=True):
    """tf.identity(mul + mul_1) + m_c: the first round's model pruner removes the user's
    Identity, so the AddN made then is sorted by name in the second: AddN(m_c, mul, mul_1),
    not the tree's order (mul, mul_1, m_c) that a gate Identity's removal leaves."""
    with tf.Graph().as_default():
        x, = [tf.Variable(v) for v in _arrays([(64, 8)], seed=4)]
        p = tf.tanh(x) * 1e3
        q = tf.sin(x) * 1e-3
        r = tf.cos(x, name="m_c")
        s = tf.identity(tf.add(p, q, name="a_add")) + r
        return _run(tf, [tf.tanh(s * 1e-3)], arithmetic)


CASES = ["same_shape_chain", "bias_chain", "bias_chain_float16", "four_shapes", "add_n_root",
         "two_readers", "fetched_inner", "fed_placeholders", "with_gradients", "in_loop",
         "in_loop_fed", "in_loop_grad", "in_cond", "in_cond_fed", "forwarded_leaf",
         "tied_sizes", "lstm_peepholes_fed", "renamed_leaf", "through_no_ops",
         "root_reads_twice", "identity_interleaved"]


def cases(tf):
    out = {}
    for name in CASES:
        fn = globals()[name]
        out[name] = fn(tf)
        out[name + "_arithmetic_off"] = fn(tf, arithmetic=False)
    return out
