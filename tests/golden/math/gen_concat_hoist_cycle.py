"""TF 1.14's HoistCWiseUnaryChains on a Concat that reads one unary op twice, against TF
1.14 bit for bit (src/flowgrad/engine/optimize/hoist_unary_chains.py).

When the Concat's first input is read again at a later port and every input is the same
unary op read by nothing else, the hoist makes the Concat read itself: Grappler fails
("The graph couldn't be sorted in topological order") and the session runs the graph as
written, so `concat / 7.0` is an exact division; otherwise constant folding makes it a
Mul by 1/7. A Tanh is no unary op for TF 1.14 (a comma missing in op_types.cc); a
Variable's `* 1.0` and `+ 0.0` are Identities (unary) after constant folding, a fed
placeholder's are not (its shape is unknown to Grappler); a tf.identity is gone (the
model pruner) before the arithmetic optimizer runs."""
import numpy as np
from goldenio import host_vendor

N = 64


FORMS = ("neg_twice", "neg_first_again", "neg_repeat_later", "neg_mixed_ops", "tanh_twice",
         "exp_sin_twice", "var_times_one", "fed_times_one", "identity_twice", "neg_read_twice")


def _forms(tf, p, q, v):
    neg = tf.negative
    return {
        "neg_twice": lambda: [neg(p)] * 2,
        "neg_first_again": lambda: (lambda e: [e, neg(q), e])(neg(p)),
        "neg_repeat_later": lambda: (lambda e: [neg(q), e, e])(neg(p)),
        "neg_mixed_ops": lambda: (lambda e: [e, tf.sin(q), e])(neg(p)),
        "tanh_twice": lambda: [tf.tanh(p)] * 2,
        "exp_sin_twice": lambda: [tf.exp(tf.sin(p))] * 2,
        "var_times_one": lambda: [v * 1.0 + 0.0] * 2,
        "fed_times_one": lambda: [p * 1.0 + 0.0] * 2,
        "identity_twice": lambda: [tf.identity(p)] * 2,   # (the model pruner removes it)
    }


def cases(tf):
    xs = (np.arange(1, N + 1, dtype=np.float32) / np.float32(3)).reshape(N, 1)
    out = {"host": host_vendor()}
    for name in FORMS:
        g = tf.Graph()
        with g.as_default():
            p = tf.placeholder(tf.float32, [N, 1], name="p")
            q = tf.placeholder(tf.float32, [N, 1], name="q")
            v = tf.Variable(xs, name="v")
            if name == "neg_read_twice":   # the Neg has another reader: no hoist
                e = tf.negative(p)
                y = tf.concat([e, e], 0) / 7.0 + tf.reduce_sum(e)
            else:
                y = tf.concat(_forms(tf, p, q, v)[name](), 0) / 7.0
            with tf.Session() as s:
                s.run(v.initializer)
                out[name] = s.run(y, {p: xs, q: xs + 1})
    return out
