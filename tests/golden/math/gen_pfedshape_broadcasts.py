"""TF 1.14's MinimizeBroadcasts below a feed (golden math/pfedshape_broadcasts).

Grappler takes a fed tensor's shape as unknown, but the shape functions after it give
symbolic dims: a Conv2D of a fed placeholder is [a, b, c, 16], its moments over [1, 2]
[a, 1, 1, 16], so a hand-written instance norm `scale * (v - mean) * rsqrt(var + eps)`
of a fed image (CycleGAN / pix2pix feed_dict code) runs as `(scale * rsqrt) * (v -
mean)`; a dense layer of a fed batch is [a, 16]. An elementwise op of the fed tensor
itself has unknown rank: nothing to regroup. A constant leaf of a rebuilt tree is then
pushed down by Grappler's second constant folding (`(m * n) * C` runs as `m * (C * n)`).
Where anything in the graph is deduplicated (two equal constants, two reductions' axes),
Grappler visits a chain's root after its inner Muls, which then form the group. Each case
with the meta optimizer on and off.
"""
import numpy as np


def _arr(rng, *shape, scale=1.0):
    return np.asarray(rng.randn(*shape) * scale + 0.5, np.float32)


def build(tf):
    """({name: tensor}, feed_dict)."""
    rng = np.random.RandomState(7)
    x4, x16, x2 = _arr(rng, 2, 4, 4, 3, scale=3), _arr(rng, 2, 4, 4, 16, scale=3), \
        _arr(rng, 6, 8, scale=3)
    w4 = tf.constant(_arr(rng, 3, 3, 3, 16, scale=0.3))
    w2 = tf.constant(_arr(rng, 8, 16, scale=0.3))
    w256 = tf.constant(_arr(rng, 256, 16, scale=0.1))
    s = _arr(rng, 16, scale=0.5)
    img = tf.placeholder(tf.float32, [2, 4, 4, 3], name="img")
    img_none = tf.placeholder(tf.float32, [None, 4, 4, 3], name="img_none")
    raw = tf.placeholder(tf.float32, [2, 4, 4, 16], name="raw")
    batch = tf.placeholder(tf.float32, [None, 8], name="batch")
    feed = {img: x4, img_none: x4, raw: x16, batch: x2}
    scale = tf.Variable(s, name="scale")
    d_var = tf.Variable(_arr(rng, 6, 16), name="d") * tf.Variable(_arr(rng, 6, 16), name="e")
    d_var2 = tf.Variable(_arr(rng, 6, 16), name="d2") * tf.Variable(_arr(rng, 6, 16), name="e2")

    def norm(v, axes):
        mean, var = tf.nn.moments(v, axes, keep_dims=True)
        return scale * (v - mean) * tf.rsqrt(var + 1e-5)

    def conv(x, strides=(1, 1, 1, 1), padding="SAME"):
        return tf.nn.conv2d(x, w4, list(strides), padding)

    dense = tf.matmul(batch, w2)
    relu = tf.nn.relu(dense)
    c = conv(img)
    flat = tf.matmul(tf.reshape(c, [-1, 256]), w256)
    out = {
        "conv_norm": norm(c, [1, 2]),
        "conv_norm_none_batch": norm(conv(img_none), [1, 2]),
        "conv_norm_strided": norm(conv(img_none, (1, 2, 2, 1), "VALID"), [1, 2]),
        "reshape_conv_norm": norm(conv(tf.reshape(img, [-1, 4, 4, 3])), [1, 2]),
        "raw_norm": norm(raw * tf.ones([16]), [1, 2]),
        "reshape_const_norm": norm(tf.reshape(raw, [2, 4, 4, 16]) * tf.ones([16]), [1, 2]),
        "dense_batch_norm": norm(tf.nn.bias_add(dense, s), [0]),
        "dense_relu": tf.constant(s) * relu * tf.reduce_mean(relu, 1, keepdims=True) * 0.5,
        "conv_scalars": c * tf.reduce_sum(c) * tf.reduce_mean(c, [0, 1, 2]) * 0.3,
        "reshape_to_shape": tf.constant(s + 1) * tf.reshape(c * 1.5, tf.shape(c))
        * tf.reduce_mean(c, [1, 2], keepdims=True),
        "flatten_dense": tf.constant(s + 2) * flat * tf.reduce_mean(flat, 0, keepdims=True)
        * tf.reduce_mean(flat, 1, keepdims=True),
        "const_pushed_down": tf.reduce_mean(d_var, 1, keepdims=True) * tf.constant(s + 3) * d_var
        * tf.reduce_mean(d_var, 0, keepdims=True),
        "const_pushed_down_2": tf.constant(s[::-1].copy()) * d_var2
        * tf.reduce_mean(d_var2, 0, keepdims=True) * tf.reduce_mean(d_var2, 1, keepdims=True),
    }
    # with anything deduplicated in the graph Grappler visits a chain's root after its
    # inner Muls (its dedup swaps the last nodes into the erased slots)
    red = tf.Variable(_arr(rng, 2, 4, 16), name="red")
    v16, v21 = tf.Variable(_arr(rng, 16), name="v16"), tf.Variable(_arr(rng, 2, 1), name="v21")
    va, vb = tf.Variable(_arr(rng, 2, 16), name="va"), tf.Variable(_arr(rng, 2, 16), name="vb")
    m = tf.reduce_mean(c, [1, 2])
    out.update({
        "dedup_two_reductions": v16 * tf.reduce_mean(red, 1) * tf.reduce_max(red, 1) * v21,
        "dedup_equal_consts": v16 * (va + tf.constant(1.5)) * (vb + tf.constant(1.5)) * v21,
        "no_dedup_consts": v16 * (va + tf.constant(1.5)) * (vb + tf.constant(2.5)) * v21,
        "no_dedup_axes": v16 * tf.reduce_mean(red, 1) * tf.reduce_max(red, -2) * v21,
        "fed_conv_two_reductions": tf.constant(s + 4) * m * tf.reduce_max(c, [1, 2])
        * tf.reduce_sum(m, 1, keepdims=True),
    })
    # (each case has constants of its own: Grappler's dedup of one constant read by
    # several rebuilt trees, then its second push-down, is not emulated)
    return out, feed


def run(tf, config=None):
    """Each case fetched by a run of its own (fetched together, Grappler's second iteration
    dedups across the rebuilt trees, which flowgrad does not emulate)."""
    out, feed = build(tf)
    with tf.Session(config=config) as sess:
        sess.run(tf.global_variables_initializer())
        return {k: sess.run(v, feed) for k, v in out.items()}


def cases(tf):
    tf.reset_default_graph()
    on = run(tf)
    tf.reset_default_graph()
    from tensorflow.core.protobuf import rewriter_config_pb2
    off = run(tf, tf.ConfigProto(graph_options=tf.GraphOptions(
        rewrite_options=rewriter_config_pb2.RewriterConfig(disable_meta_optimizer=True))))
    return {"on": on, "off": off}
