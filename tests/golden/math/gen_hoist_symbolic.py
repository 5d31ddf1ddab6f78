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
only the symbolic shapes show (the batch fed), and sums from it."""
import numpy as np

B, N, DI = 4, 6, 4

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
    return out
