"""Capsule dynamic routing by agreement (a batch fed as `[None, ...]`), against TF 1.14
bit for bit.

Grappler's MinimizeBroadcasts reorders the routing's squash `n2 / (1 + n2) * s /
sqrt(n2 + eps)` to `s * (rsqrt * truediv)` where it can prove the shapes' batch dims
equal: its symbolic shapes go through the capsules' StridedSlice (`u[:, :, None, :,
None]`), Tile by `[bs, 1, ...]` (a packed shape tensor), BatchMatMulV2's broadcast batch
dims, Squeeze, the coupling logits' `tf.zeros([bs, ...])` (Fill of a Pack) and the
reductions with keep_dims. Variants: 1-3 routing iterations, the squash's norm written
as `sqrt(n2 + eps)`, `sqrt(n2)`, `tf.norm` or `sqrt(reduce_sum(square))`, the routing sums with or
without keep_dims, W tiled to the batch or broadcast by BatchMatMulV2 itself."""
import numpy as np

B, N, C, DO, DI = 4, 6, 3, 5, 4

CASES = [("written", True, True, 3), ("written", True, True, 1), ("written", True, True, 2),
         ("norm", True, True, 3), ("sqrt_sum", True, True, 3), ("written", False, True, 3),
         ("norm", False, True, 2), ("written", True, False, 3), ("sqrt_sum", False, False, 2),
         ("norm", True, False, 1),
         ("sqrt_norm", True, True, 3), ("sqrt_norm", False, True, 2)]


def _squash(tf, s, form, axis=-1):
    if form == "sqrt_sum":
        n2 = tf.reduce_sum(tf.square(s), axis, keepdims=True)
        return n2 / (1.0 + n2) * s / tf.sqrt(n2)
    if form == "written":
        n2 = tf.reduce_sum(tf.square(s), axis, keepdims=True)
        return n2 / (1.0 + n2) * s / tf.sqrt(n2 + 1e-7)
    if form == "norm":
        n = tf.norm(s, axis=axis, keepdims=True)
        return tf.square(n) / (1.0 + tf.square(n)) * s / n
    n = tf.sqrt(tf.reduce_sum(tf.square(s), axis, keepdims=True))
    return tf.square(n) / (1.0 + tf.square(n)) * s / n


def cases(tf):
    rs = np.random.RandomState(7)
    xd = rs.uniform(-1, 1, (B, N * DI)).astype(np.float32)
    wd = rs.normal(0, 0.3, (1, N, C, DO, DI)).astype(np.float32)
    out = {}
    for form, keep, tile, iters in CASES:
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [None, N * DI])
            W = tf.Variable(wd)
            u = _squash(tf, tf.reshape(x, [-1, N, DI]), form)
            bs = tf.shape(x)[0]
            u_t = tf.tile(u[:, :, None, :, None], [1, 1, C, 1, 1])
            w = tf.tile(W, [bs, 1, 1, 1, 1]) if tile else W
            u_hat = tf.squeeze(tf.matmul(w, u_t), -1)
            u_stop = tf.stop_gradient(u_hat)
            blog = tf.zeros([bs, N, C, 1])
            for it in range(iters):
                c = tf.nn.softmax(blog, axis=2)
                uu = u_stop if it < iters - 1 else u_hat
                s = tf.reduce_sum(c * uu, 1, keepdims=keep)
                v = _squash(tf, s, form)
                if not keep:
                    v = v[:, None]
                if it < iters - 1:
                    blog += tf.reduce_sum(u_stop * v, -1, keepdims=True)
            loss = tf.reduce_sum(tf.sin(v))
            gs = tf.gradients(loss, [x, W])
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                key = "%s_%s_%s_%d" % (form, "keep" if keep else "nokeep",
                                       "tile" if tile else "bcast", iters)
                out[key] = sess.run([v, blog] + gs, {x: xd})
    return out
