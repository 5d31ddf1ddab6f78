"""TF 1.14 goldens for Grappler's MinimizeBroadcasts (the arithmetic optimizer, on in a
Session): a tree of Mul whose operands have different shapes runs with its leaves sorted
by size, the smallest multiplied first (a hand-written instance norm
`scale * (x - mean) * rsqrt(var + eps)` runs as `(scale * rsqrt) * (x - mean)`), when
Grappler knows every shape: not below a fed tensor, nor through a fetched or twice-read
inner Mul, nor with the meta optimizer off. Output: padv_broadcasts.json, read by
tests/test_padv_broadcasts.py.
"""
import numpy as np


def _arr(rng, *shape):
    return np.asarray(rng.randn(*shape) * 2 + 0.5, np.float32)


def build(tf):
    """({name: tensor}, feed_dict)."""
    rng = np.random.RandomState(5)
    x = tf.Variable(_arr(rng, 2, 4, 4, 16), name="x")
    scale = tf.Variable(_arr(rng, 16), name="scale")
    offset = tf.Variable(_arr(rng, 16), name="offset")
    mean, var = tf.nn.moments(x, [1, 2], keep_dims=True)
    sub = x - mean
    rs = tf.rsqrt(var + 1e-5)
    a = tf.Variable(_arr(rng), name="a")
    b = tf.Variable(_arr(rng, 2, 3, 4), name="b")
    c = tf.Variable(_arr(rng, 4), name="c")
    d = tf.Variable(_arr(rng, 3, 1), name="d")
    e = tf.Variable(_arr(rng, 2, 3, 4), name="e")
    ph = tf.placeholder(tf.float32, [2, 3, 4], name="ph")
    inner = b * c
    twice = b * d
    ints = tf.Variable(np.arange(24, dtype=np.int32).reshape(2, 3, 4), name="ints")
    pwd = tf.placeholder_with_default(tf.constant(_arr(rng, 2, 4, 4, 16)), [2, 4, 4, 16])
    pmean, pvar = tf.nn.moments(pwd, [1, 2], keep_dims=True)
    norm = scale * sub * rs + offset
    x2 = tf.Variable(_arr(rng, 2, 4, 4, 16), name="x2")
    scale2 = tf.Variable(_arr(rng, 16), name="scale2")
    mean2, var2 = tf.nn.moments(x2, [1, 2], keep_dims=True)
    out = {
        "instance_norm": norm,
        "instance_norm_alone": scale2 * (x2 - mean2) * tf.rsqrt(var2 + 1e-5) + offset,
        "instance_norm_root_fetched": scale * sub * rs,
        "four_leaves": a * b * c * d,
        "five_leaves": b * c * a * e * d,
        "right_nested": b * (c * d),
        "scalar_const": 0.37 * b * c,
        "same_shapes": b * e * b,
        "fetched_inner": inner * d,
        "inner": inner,
        "read_twice": twice * c + twice,
        "fed": ph * c * d,
        "ints": ints * tf.constant([1, 2, 3, 4]) * tf.constant(3),
        "default_const": scale * (pwd - pmean) * tf.rsqrt(pvar + 1e-3),
        "grad_scale": tf.gradients(tf.reduce_sum(norm * norm), scale)[0],
        "grad_x": tf.gradients(tf.reduce_sum(norm * x), x)[0],
    }
    return out, {ph: _arr(rng, 2, 3, 4)}


def run(tf, config=None):
    out, feed = build(tf)
    with tf.Session(config=config) as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(out, feed)


def cases(tf):
    tf.reset_default_graph()
    on = run(tf)
    tf.reset_default_graph()
    from tensorflow.core.protobuf import rewriter_config_pb2
    off = run(tf, tf.ConfigProto(graph_options=tf.GraphOptions(
        rewrite_options=rewriter_config_pb2.RewriterConfig(disable_meta_optimizer=True))))
    return {"on": on, "off": off}
