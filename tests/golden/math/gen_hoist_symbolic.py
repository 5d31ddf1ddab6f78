"""Grappler's HoistCommonFactorOutOfAggregation on a gradient sum of products by one
factor, with the batch fed as `[None, ...]` (and known, for comparison), against TF 1.14
bit for bit.

For `u = n * n / (1 + n * n)` (n = sqrt(reduce_sum(square(s)))) the gradient with respect
to n is `AddN` of four `Reshape(Sum(Mul(n, g_k), BroadcastGradientArgs:k), Shape)`. TF's
dedup merges the two `n * n`; its constant folding materializes the BroadcastGradientArgs
of two symbolically equal shapes as empty and removes the Reshapes whose shapes are
symbolically equal, so the hoist sees four Muls by `n` and rewrites the sum to
`n * AddN(g...)`, its other factors in the order of the AddN's name-sorted inputs
(`add_grad/Reshape_1` twice before `truediv_grad/RealDiv` twice).
Form "a" (`... * s / n`) is not hoisted (a fifth term is no Mul by n): its AddN kernel
takes over the buffer of `truediv_1_grad/Reshape_1`, a Sum over an axis of size 4 that
only the symbolic shapes show (the batch fed), and sums from it. Capsule routing with
that squash (`caps_*`; its inner product's gradient is a StridedSliceGrad's, of a shape
known only as the broadcast of the two Shapes) sums the same way."""
import numpy as np

B, N, DI = 4, 6, 4
C, DO = 3, 5
CAPS = [(True, True, 3), (False, True, 2), (True, False, 1), (True, True, 2)]

FORMS = ["f", "e", "g", "c", "a"]


def _u(tf, s, form):
    n = tf.sqrt(tf.reduce_sum(tf.square(s), -1, keepdims=True))
    if form == "f":
        return n * n / (1.0 + n * n)
    if form == "e":
        return n * n / (1.0 + n * n) * s
    if form == "g":
        return n * n + n * n
    if form == "c":
        return n * n
    return n * n / (1.0 + n * n) * s / n


def cases(tf):
    rs = np.random.RandomState(7)
    xd = rs.uniform(-1, 1, (B, N * DI)).astype(np.float32)
    out = {}
    for form in FORMS:
        for fed in (True, False):
            with tf.Graph().as_default():
                x = tf.placeholder(tf.float32, [None if fed else B, N * DI])
                u = _u(tf, tf.reshape(x, [-1, N, DI]), form)
                loss = tf.reduce_sum(tf.sin(u))
                g, = tf.gradients(loss, [x])
                with tf.Session() as sess:
                    out["%s_%s" % (form, "fed" if fed else "static")] = \
                        sess.run([u, g], {x: xd})
    wd = rs.normal(0, 0.3, (1, N, C, DO, DI)).astype(np.float32)
    for keep, tile, iters in CAPS:
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [None, N * DI])
            W = tf.Variable(wd)
            u = _u(tf, tf.reshape(x, [-1, N, DI]), "a")
            bs = tf.shape(x)[0]
            u_t = tf.tile(u[:, :, None, :, None], [1, 1, C, 1, 1])
            w = tf.tile(W, [bs, 1, 1, 1, 1]) if tile else W
            u_hat = tf.squeeze(tf.matmul(w, u_t), -1)
            u_stop = tf.stop_gradient(u_hat)
            blog = tf.zeros([bs, N, C, 1])
            for it in range(iters):
                c = tf.nn.softmax(blog, axis=2)
                s = tf.reduce_sum(c * (u_stop if it < iters - 1 else u_hat), 1,
                                  keepdims=keep)
                v = _u(tf, s, "a")
                if not keep:
                    v = v[:, None]
                if it < iters - 1:
                    blog += tf.reduce_sum(u_stop * v, -1, keepdims=True)
            gs = tf.gradients(tf.reduce_sum(tf.sin(v)), [x, W])
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                out["caps_%s_%s_%d" % ("keep" if keep else "nokeep",
                                       "tile" if tile else "bcast", iters)] = \
                    sess.run([v, blog] + gs, {x: xd})
    return out
