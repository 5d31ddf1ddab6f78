"""Grappler's remapper fuses MatMul + BiasAdd + Elu into one _FusedMatMul under TF 1.14:
its output kernel applies the Elu row by row, so the Exp takes Eigen's packets of 8 from
each row's start and libm's expf on each row's tail. Cases: fused (several widths, some
not a multiple of 8), the BiasAdd fetched too or read twice (the Elu stays a separate op
over the flat tensor), and a dense(elu) layer's training steps."""
import numpy as np

SHAPES = [(12, 5, 7), (6, 5, 12), (5, 3, 20), (9, 4, 37), (3, 6, 16), (40, 8, 130)]


def _graph(tf, m, k, n, seed):
    rs = np.random.RandomState(seed)
    x = tf.placeholder(tf.float32, [None, k])
    W = tf.constant(rs.randn(k, n).astype(np.float32))
    b = tf.constant((rs.randn(n) * 0.1).astype(np.float32))
    pre = tf.nn.bias_add(tf.matmul(x, W), b)
    return x, pre, rs.randn(m, k).astype(np.float32)


def _fused(tf, m, k, n, how):
    g = tf.Graph()
    with g.as_default():
        x, pre, X = _graph(tf, m, k, n, m * 100 + n)
        y = tf.nn.elu(pre)
        with tf.Session() as s:
            if how == "alone":
                return s.run(y, {x: X})
            if how == "with_pre":
                return s.run([y, pre], {x: X})
            return s.run(y + tf.reduce_sum(pre), {x: X})     # "read_twice"


def _train(tf):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        rs = np.random.RandomState(4)
        x = tf.placeholder(tf.float32, [None, 5])
        y = tf.placeholder(tf.float32, [None, 1])
        h = tf.layers.dense(x, 11, tf.nn.elu)
        p = tf.layers.dense(h, 1)
        loss = tf.reduce_mean(tf.square(p - y))
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        X = rs.randn(9, 5).astype(np.float32)
        Y = rs.randn(9, 1).astype(np.float32)
        out = []
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(3):
                out.append(s.run([loss, train], {x: X, y: Y})[0])
            out.append(s.run(tf.trainable_variables()))
        return out


def cases(tf):
    out = {}
    for m, k, n in SHAPES:
        for how in ("alone", "with_pre", "read_twice"):
            out["%s/%dx%dx%d" % (how, m, k, n)] = _fused(tf, m, k, n, how)
    out["train/dense_elu"] = _train(tf)
    return out
