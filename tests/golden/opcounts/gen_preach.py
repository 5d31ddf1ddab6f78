"""TF 1.14's nodes (name, type, inputs and control inputs, in creation order) of
tf.gradients calls through a while_loop some of whose outputs depend on the xs through
no backpropagatable tensor (a cast comparison): TF's walk reaches each loop variable's
Exit on its own, so an output the xs reach only through a bool is not between and gets
no gradient ops; with and without a tf.cond in the graph (the walk that routes branches);
an unreached output read next to a reached one; a loop in a loop's body and in a cond's
branch; an unreached output as a y (its gradient summed with TF's ZerosLikeForExit);
which gradients are None and the op counter after (a random op's seed2)
(tests/test_preach.py). One fresh graph per call."""
import numpy as np


def _loop(tf, w, h0=None):
    def body(i, h, acc):
        h2 = tf.tanh(h * w)
        hard = tf.cast(h2 > 0.1, tf.float32)
        return i + 1, h2, acc + hard * 2.0
    return tf.while_loop(lambda i, h, a: i < 3, body,
                         [0, tf.constant(1.0) if h0 is None else h0, tf.constant(0.0)])


def _hard_only(tf):
    w = tf.Variable(np.float32(0.5), name="w")
    _, _, acc = _loop(tf, w)
    g = tf.gradients(acc, [w])
    g2 = tf.gradients(acc * w, [w])
    return g + g2


def _hard_and_soft(tf):
    w = tf.Variable(np.float32(0.5), name="w")
    _, h, acc = _loop(tf, w)
    return tf.gradients(h * acc, [w])


def _hard_in_cond(tf, soft=False):
    w = tf.Variable(np.float32(0.5), name="w")
    p = tf.placeholder_with_default(True, (), name="p")
    _, h, acc = _loop(tf, w)
    y = tf.cond(p, lambda: acc * w, lambda: acc + 1.0)
    return tf.gradients(y + h if soft else y, [w])


def _hard_in_cond_soft(tf):
    return _hard_in_cond(tf, True)


def _nested(tf):
    w = tf.Variable(np.float32(0.5), name="w")

    def outer(j, s, t):
        _, h, acc = _loop(tf, w, s)
        return j + 1, h, t + acc
    _, s, t = tf.while_loop(lambda j, s, t: j < 2, outer,
                            [0, tf.constant(1.0), tf.constant(0.0)])
    return tf.gradients(t * w, [w]) + tf.gradients(s * t, [w])


def _in_branch(tf):
    w = tf.Variable(np.float32(0.5), name="w")
    p = tf.placeholder_with_default(True, (), name="p")
    y = tf.cond(p, lambda: _loop(tf, w)[2], lambda: w)
    return tf.gradients(y, [w])


def _x_is_init(tf):
    x = tf.placeholder_with_default(1.0, (), name="x")
    w = tf.Variable(np.float32(0.5), name="w")
    _, h, acc = _loop(tf, w, x)
    return tf.gradients(acc + h, [x, w])


def _ys_both(tf):
    w = tf.Variable(np.float32(0.5), name="w")
    _, h, acc = _loop(tf, w)
    return tf.gradients([acc, h], [w])


CALLS = [("hard_only", _hard_only), ("hard_and_soft", _hard_and_soft),
         ("hard_in_cond", _hard_in_cond), ("hard_in_cond_soft", _hard_in_cond_soft),
         ("nested", _nested), ("in_branch", _in_branch), ("x_is_init", _x_is_init),
         ("ys_both", _ys_both)]


def nodes_of(tf, fn):
    """[[name, type, [inputs, ^control inputs]], ...] of a fresh graph's GraphDef,
    [[name, type], ...] of its get_operations(), which gradients are None, and the
    seed2 of a random op made after the calls."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        grads = fn(tf)
        tf.random_uniform((2,), name="r")   # seed2: the op counter after the calls
        ops = g.get_operations()
        seed2 = [int(o.get_attr("seed2")) for o in ops if o.type == "RandomUniform"]
    return {"graph_def": [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node],
            "ops": [[o.name, o.type] for o in ops],
            "none": [x is None for x in grads], "seed2": seed2}


def cases(tf):
    return {name: nodes_of(tf, fn) for name, fn in CALLS}
