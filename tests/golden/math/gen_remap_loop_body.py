"""Grappler's remapper inside tf.while_loop bodies: TF 1.x keeps a loop's body in the main
graph, so a float32 MatMul with one output column read only by a BiasAdd in the body runs
as _FusedMatMul (the contraction's fused multiply-adds, not the matrix-vector kernel's
sums), and a BiasAdd read only by an Elu fuses the Elu too: dynamic_rnn with
tf.contrib.rnn.OutputProjectionWrapper (outputs, and after SGD steps), a hand-written
while loop of a one-column dense layer, one of an Elu dense layer, and the same one-column
loop with the MatMul read twice (not fused) or with remapping off (not fused). With the
host's CPU vendor (`host`). Read by tests/test_remap_loop_body.py."""
from __future__ import absolute_import

import numpy as np

from goldenio import host_vendor


def _session(tf, remap):
    if remap:
        return tf.Session()
    cfg = tf.ConfigProto()
    cfg.graph_options.rewrite_options.remapping = 2   # RewriterConfig.OFF
    return tf.Session(config=cfg)


def projection(tf, remap=True):
    """dynamic_rnn of OutputProjectionWrapper(BasicRNNCell(relu), 1): outputs, then the
    outputs after three SGD steps on a squared error."""
    rs = np.random.RandomState(31)
    with tf.Graph().as_default():
        tf.set_random_seed(32)
        x = tf.placeholder(tf.float32, [None, 6, 1])
        y = tf.placeholder(tf.float32, [None, 6, 1])
        cell = tf.contrib.rnn.OutputProjectionWrapper(
            tf.contrib.rnn.BasicRNNCell(num_units=9, activation=tf.nn.relu), output_size=1)
        out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        loss = tf.reduce_mean(tf.square(out - y))
        train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
        xb = (rs.randn(7, 6, 1) * 3).astype(np.float32)
        yb = (rs.randn(7, 6, 1) * 3).astype(np.float32)
        with _session(tf, remap) as s:
            s.run(tf.global_variables_initializer())
            first = s.run(out, {x: xb})
            for _ in range(3):
                s.run(train, {x: xb, y: yb})
            return [first, s.run(out, {x: xb})]


def loops(tf, remap=True):
    """{case: value} of hand-written while loops: acc + bias_add(matmul(h, w), b) with one
    output column (fused), the MatMul also read by a Mul (not fused), and an Elu dense layer
    fed back as h = elu(bias_add(matmul(h, w2), b2)) (fused with its Elu)."""
    rs = np.random.RandomState(33)
    out = {}
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float32, [None, 11])
        w = tf.constant(rs.randn(11, 1).astype(np.float32))
        b = tf.constant(rs.randn(1).astype(np.float32))
        w2 = tf.constant((rs.randn(11, 11) * 0.4).astype(np.float32))
        b2 = tf.constant(rs.randn(11).astype(np.float32))
        acc0 = tf.zeros_like(a[:, :1])

        def one_column(i, acc):
            return i + 1, acc + tf.nn.bias_add(tf.matmul(a * tf.to_float(i + 1), w), b)

        def read_twice(i, acc):
            mm = tf.matmul(a * tf.to_float(i + 1), w)
            return i + 1, acc + tf.nn.bias_add(mm, b) + mm * 0.5

        def elu_layer(i, h):
            return i + 1, tf.nn.elu(tf.nn.bias_add(tf.matmul(h, w2), b2))

        cond = lambda i, _: i < 4  # noqa: E731
        fused = tf.while_loop(cond, one_column, [tf.constant(0), acc0])[1]
        twice = tf.while_loop(cond, read_twice, [tf.constant(0), acc0])[1]
        elu = tf.while_loop(cond, elu_layer, [tf.constant(0), a])[1]
        av = (rs.randn(13, 11) * 2).astype(np.float32)
        with _session(tf, remap) as s:
            out["one_column"], out["read_twice"], out["elu"] = s.run(
                [fused, twice, elu], {a: av})
    return out


def cases(tf):
    out = {"host": host_vendor(), "projection": projection(tf),
           "projection_remap_off": projection(tf, False)}
    for k, v in loops(tf).items():
        out[k] = v
    for k, v in loops(tf, False).items():
        out[k + "_remap_off"] = v
    return out
