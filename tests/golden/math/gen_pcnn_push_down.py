"""TF 1.14 goldens for Grappler's ConstantPushDown (constant folding, on in a Session):
chains of Add/AddV2/Mul with constants run with the constants gathered and folded
(`x * 0.3 * 0.7` as `(0.7 * 0.3) * x`), which changes the last bit of about a third of
the values; not when the inner node is fetched or read twice, nor with the meta optimizer
off. Preprocessing as CNN scripts write it (`images / 255.0 * 2.0`, random_brightness of
a constant image). Output: pcnn_push_down.json, read by tests/test_pcnn_push_down.py.
"""
import numpy as np


def _inputs():
    rng = np.random.RandomState(0)
    return (rng.rand(300) * 255).astype(np.float32), (rng.rand(300) * 3).astype(np.float32)


def build(tf):
    """{name: tensor}, the placeholders x and y."""
    x = tf.placeholder(tf.float32, [300], name="x")
    y = tf.placeholder(tf.float32, [300], name="y")
    inner = x * 0.3
    out = {
        "mul_mul": x * 0.3 * 0.7,
        "add_add": x + 0.1 + 0.7,
        "const_first": 0.1 + (x + 0.7),
        "mul_const_first": 0.3 * (0.7 * x),
        "two_nonconst": 0.3 * (x * x),
        "add_v2": tf.add(tf.add(x, 0.1), 0.7),
        "chain3": x + 0.1 + 0.7 + 0.13,
        "chain3_mul": x * 0.3 * 0.7 * 1.3,
        "mixed": (x + 0.1) * 0.7 + 0.3,
        "sum_plus_const": 1.7 + (x + y),
        "fetched_inner": inner * 0.7,
        "inner": inner,
        "read_twice": (x * 0.11) * 0.7 + (x * 0.11),
        "vector_const": x * tf.constant(np.linspace(0.1, 0.9, 300).astype(np.float32)) * 0.37,
        "with_default": x * tf.placeholder_with_default(np.float32(0.3), []) * 0.7,
        "scale_255": x / 255.0 * 2.0 - 1.0,
        "brightness_const_image": tf.image.random_brightness(
            tf.constant(_inputs()[0] / 255.0), 0.3, seed=4),
    }
    return out, x, y


def run(tf, config=None):
    tf.set_random_seed(3)
    out, x, y = build(tf)
    xv, yv = _inputs()
    with tf.Session(config=config) as sess:
        return sess.run(out, {x: xv, y: yv})


def cases(tf):
    tf.reset_default_graph()
    on = run(tf)
    tf.reset_default_graph()
    from tensorflow.core.protobuf import rewriter_config_pb2
    off = run(tf, tf.ConfigProto(graph_options=tf.GraphOptions(
        rewrite_options=rewriter_config_pb2.RewriterConfig(disable_meta_optimizer=True))))
    return {"on": on, "off": off}
