"""Loop gradients' accumulators under Grappler's AddOpsRewrite (TF 1.14): the gradient of
a weight read twice in a tf.while_loop / tf.map_fn body sums per iteration as
`Add(AddN(Mul(Tile, StackPopV2), Mul(Tile, StackPopV2_1)), <reader>/Enter_grad/Switch:1)`,
left as written (a Mul of a popped value has no shape for Grappler, nor an AddN of two
of them), while `AddN(Tile, Mul(Tile, StackPopV2))` merges to a known shape and is
regrouped with the accumulator into one AddN. Values chosen so the two orders round
apart (1e8 and small terms); the gradients' float32 bits."""
import numpy as np

XS = [[1e8, 1.0], [1.0, 3.0], [-1e8, 1e-3], [7.0, 1e8]]


def _run(tf, kind):
    w = tf.Variable([1.0, 2.0])
    xs = tf.constant(XS)
    if kind.startswith("map"):
        ys = tf.map_fn(lambda x: tf.reduce_sum(x * w) + tf.reduce_sum((x * 1e-8 + 3.0) * w),
                       xs)
        h = tf.reduce_sum(ys)
    else:
        def body(t, h):
            x = xs[t]
            if kind == "while_cos":
                return t + 1, h + tf.reduce_sum(tf.sin(w) * tf.cos(w)) + tf.reduce_sum(x * w)
            if kind == "while_tile":
                return t + 1, h + tf.reduce_sum(x * w) + tf.reduce_sum(w)
            return t + 1, h + tf.reduce_sum(x * w) + tf.reduce_sum((x * 1e-8 + 3.0) * w)
        _, h = tf.while_loop(lambda t, h: t < 4, body, [tf.constant(0), tf.constant(0.0)])
    g = tf.gradients(h, w)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return np.asarray(sess.run(g)).view(np.uint32).tolist()


KINDS = ("map_two", "while_two", "while_cos", "while_tile")


def cases(tf):
    out = {}
    for kind in KINDS:
        with tf.Graph().as_default():
            out[kind] = _run(tf, kind)
    return out
