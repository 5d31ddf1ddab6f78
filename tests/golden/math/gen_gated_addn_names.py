"""TF 1.14's AddN order for tf.gradients(gate_gradients=True) contributions that pass
straight through an op's gradient: `x - y` and `x + y` of fully defined equal shapes
return the incoming gradient itself (and its Neg), so the gate Identity of the Sub/Add
gradient reads the gate Identity of the gradient before it. Grappler's dependency
optimizer removes both Identities, and the arithmetic optimizer's second round sorts the
AddN's inputs by the names of the nodes they then read (`gradients/mul_3_grad/Mul` before
`gradients/sub_1_grad/Neg`), as in the ungated graph. Each case returns float arrays.
Also (sobel_l1_minimize) a gradient AddN with a MirrorPadGrad input (tf.image.sobel_edges
pads reflectively): its output is a fresh buffer the AddN kernel may take over, so the
order AddOpsRewrite's group sums in is known and Grappler regroups the nested AddN.
Read by tests/test_gated_addn_names.py.
"""
from __future__ import absolute_import

import numpy as np


def _bilinear_weights(tf, gate):
    """d/dgx of sum((wa + wb + wc + wd) ** 2) with bilinear-sampling weights
    wa = (x1 - gx) * p0, wb = (x1 - gx) * p1, wc = (gx - x0) * p2, wd = (gx - x0) * p3."""
    with tf.Graph().as_default():
        rs = np.random.RandomState(1)
        v = tf.Variable(rs.randn(3, 7).astype(np.float32))
        gx = v * 3.0
        x0 = tf.floor(gx)
        x1 = x0 + 1
        p = [tf.constant(rs.randn(3, 7).astype(np.float32)) for _ in range(4)]
        w = [(x1 - gx) * p[0], (x1 - gx) * p[1], (gx - x0) * p[2], (gx - x0) * p[3]]
        loss = tf.reduce_sum(tf.square(w[0] + w[1] + w[2] + w[3]))
        g = tf.gradients(loss, [gx, v], gate_gradients=gate)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            return s.run(g)


def bilinear_weights_gated(tf):
    return _bilinear_weights(tf, True)


def bilinear_weights_ungated(tf):
    return _bilinear_weights(tf, False)


def add_sub_fanout_gated(tf):
    """A value read by two Adds, a Sub (both sides) and a Mul, all of one static shape:
    four gated contributions, two of them the incoming gradients themselves."""
    with tf.Graph().as_default():
        rs = np.random.RandomState(2)
        v = tf.Variable(rs.randn(4, 9).astype(np.float32))
        h = tf.tanh(v)
        c = [tf.constant(rs.randn(4, 9).astype(np.float32)) for _ in range(4)]
        a = (h + c[0]) * c[1]
        b = tf.sin(h + c[2])
        d = (c[3] - h) * (h - c[1])
        e = h * c[2]
        loss = tf.reduce_sum(a * b + d * e + tf.square(a))
        return _run(tf, tf.gradients(loss, [h, v], gate_gradients=True))


def _run(tf, ts):
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        return s.run(ts)


def bilinear_sampler_minimize(tf):
    """A spatial transformer's bilinear sampling (floor corners, gather_nd, the four
    weights) behind an affine theta from a dense layer, 3 GradientDescent steps by
    minimize (GATE_OP): theta's layer's kernel and bias after each step."""
    B, S = 3, 6
    rs = np.random.RandomState(52)
    with tf.Graph().as_default():
        tf.set_random_seed(51)
        im = tf.constant(rs.rand(B, S, S).astype(np.float32))
        flat = tf.reshape(im, [B, S * S])
        loc = tf.layers.dense(flat, 6, kernel_initializer=tf.random_normal_initializer(
            0, 0.01, seed=3), bias_initializer=tf.constant_initializer([1.0, 0, 0, 0, 1.0, 0]))
        theta = tf.reshape(loc, [B, 2, 3])
        xs, ys = tf.meshgrid(tf.linspace(-1.0, 1.0, S), tf.linspace(-1.0, 1.0, S))
        grid = tf.stack([tf.reshape(xs, [-1]), tf.reshape(ys, [-1]), tf.ones([S * S])], 0)
        tg = tf.matmul(theta, tf.tile(grid[None], [B, 1, 1]))
        gx = (tg[:, 0] + 1.0) * (S - 1) / 2.0
        gy = (tg[:, 1] + 1.0) * (S - 1) / 2.0
        x0, y0 = tf.floor(gx), tf.floor(gy)
        x1, y1 = x0 + 1, y0 + 1
        bidx = tf.tile(tf.range(B)[:, None], [1, S * S])

        def px(yy, xx):
            ii = [tf.cast(tf.clip_by_value(a, 0, S - 1), tf.int32) for a in (yy, xx)]
            return tf.gather_nd(im, tf.stack([bidx] + ii, -1))
        out = (x1 - gx) * (y1 - gy) * px(y0, x0) + (x1 - gx) * (gy - y0) * px(y1, x0) + \
            (gx - x0) * (y1 - gy) * px(y0, x1) + (gx - x0) * (gy - y0) * px(y1, x1)
        loss = tf.reduce_mean(tf.square(out - 0.5))
        train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        res = []
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(3):
                s.run(train)
                res.extend(s.run(tf.trainable_variables()))
        return res


def sobel_l1_minimize(tf):
    """An image through a clip, then an L1 loss, an ssim-like moment term (x * y, x * x,
    a depthwise blur), Sobel edges and image gradients of it, 2 Adam steps by minimize
    (GATE_OP); the conv's kernel and bias after each step."""
    rs = np.random.RandomState(7)
    with tf.Graph().as_default():
        tf.set_random_seed(5)
        hr = tf.constant(rs.rand(2, 8, 8, 3).astype(np.float32))
        h = tf.layers.conv2d(hr, 3, 3, padding="same")
        sr = tf.clip_by_value(h + hr, 0.0, 1.0)
        img = tf.identity(sr)
        k = tf.constant(rs.rand(3, 3, 3, 1).astype(np.float32))
        mu = tf.nn.depthwise_conv2d(img, k, [1, 1, 1, 1], "VALID")
        mom = tf.reduce_mean(mu * mu) + tf.reduce_mean(img * tf.stop_gradient(h)) + \
            tf.reduce_mean(tf.square(img))
        e1 = tf.image.sobel_edges(sr)
        dy, dx = tf.image.image_gradients(sr)
        loss = tf.reduce_mean(tf.abs(sr - hr)) + mom + 0.1 * tf.reduce_mean(tf.abs(e1)) + \
            0.01 * tf.reduce_mean(tf.square(dx) + tf.square(dy)) + \
            1e-4 * tf.reduce_mean(tf.image.total_variation(sr))
        train = tf.train.AdamOptimizer(0.01).minimize(loss)
        res = []
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(2):
                s.run(train)
                res.extend(s.run(tf.trainable_variables()))
        return res


def two_sigmoid_losses_minimize(tf):
    """Two sigmoid_cross_entropy losses of constant labels, each minimized (GATE_OP) on
    its own variables, run together (wide & deep). Each xentropy's `mul_grad` gate
    Identity is constant (labels * a folded gradient), so Grappler's constant folding
    makes it a Const of its own name, sorted last in its AddN; the plan merges the two
    losses' `mul_grad/Mul`, read under `gradients/...`, which sorts first in
    `gradients_1/AddN` if taken for the Identity's name. Losses and variables after
    each of 4 steps."""
    N = 16
    rs = np.random.RandomState(61)
    with tf.Graph().as_default():
        x = tf.constant(rs.randn(N, 5).astype(np.float32))
        y = tf.constant(rs.randint(0, 2, (N, 1)).astype(np.float32))
        w1 = tf.Variable(rs.randn(5, 1).astype(np.float32))
        w2 = tf.Variable(rs.randn(5, 1).astype(np.float32) * 3)
        loss1 = tf.losses.sigmoid_cross_entropy(y, tf.matmul(x, w1))
        loss2 = tf.losses.sigmoid_cross_entropy(y, tf.matmul(tf.tanh(x), w2) + 0.3)
        tr1 = tf.train.GradientDescentOptimizer(0.7).minimize(loss1, var_list=[w1])
        tr2 = tf.train.GradientDescentOptimizer(0.9).minimize(loss2, var_list=[w2])
        res = []
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(4):
                res.extend(s.run([loss1, loss2, tr1, tr2])[:2])
                res.extend(s.run([w1, w2]))
        return [np.asarray(r, np.float32) for r in res]


CASES = ["bilinear_weights_gated", "bilinear_weights_ungated", "add_sub_fanout_gated",
         "bilinear_sampler_minimize", "sobel_l1_minimize", "two_sigmoid_losses_minimize"]


def cases(tf):
    return {name: globals()[name](tf) for name in CASES}
