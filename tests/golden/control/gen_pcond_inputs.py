"""The Python view of the ops a tf.cond (v1) builds, as TF 1.14's CondContext makes it:
an op of a branch that reads a tensor made outside the branch reads the Switch the
context inserts for it (`cond/mul/Switch:1` in the true branch, `:0` in the false one),
one Switch per outside tensor per branch, reused by the branch's later uses; nested
conds switch the outer branch's tensor again; a variable read in a branch; a cond in a
while body. Per op of get_operations(): [name, type, [input names]], and each op's
output consumers ([tensor name, [consumer names]], sorted: TF's consumer order is its
edge set's). Structure only (no arithmetic: the same on any host)."""
from goldenio import host_vendor


def _view(tf):
    g = tf.get_default_graph()
    ops = g.get_operations()
    return {"ops": [[o.name, o.type, [i.name for i in o.inputs]] for o in ops],
            "consumers": [[t.name, sorted(c.name for c in t.consumers())]
                          for o in ops for t in o.outputs]}


def cases(tf):
    out = {"vendor": host_vendor()}
    with tf.Graph().as_default():
        p = tf.placeholder(tf.bool, [], "p")
        x = tf.placeholder(tf.float32, [None], "x")
        y = tf.placeholder(tf.float32, [None], "y")
        tf.cond(p, lambda: x * 2.0 + x, lambda: x + y)
        out["twice_both"] = _view(tf)
    with tf.Graph().as_default():
        p = tf.placeholder(tf.bool, [], "p")
        q = tf.placeholder(tf.bool, [], "q")
        x = tf.placeholder(tf.float32, [None], "x")

        def outer_true():
            return tf.cond(q, lambda: x * 3.0, lambda: tf.identity(x) - 1.0)

        tf.cond(p, outer_true, lambda: x + 1.0)
        out["nested"] = _view(tf)
    with tf.Graph().as_default():
        p = tf.placeholder(tf.bool, [], "p")
        v = tf.Variable([1.0, 2.0], name="v")
        x = tf.placeholder(tf.float32, [2], "x")
        tf.cond(p, lambda: v.read_value() * x, lambda: tf.identity(v) + x)
        out["variable"] = _view(tf)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [], "x")

        def body(i, a):
            return i + 1, tf.cond(i < 2, lambda: a * x, lambda: a + 1.0)

        tf.while_loop(lambda i, a: i < 4, body, [tf.constant(0), tf.constant(1.0)])
        out["in_while"] = _view(tf)
    with tf.Graph().as_default():
        p = tf.placeholder(tf.bool, [], "p")
        x = tf.placeholder(tf.float32, [None], "x")
        r = tf.cond(p, lambda: tf.square(x), lambda: x * x)
        tf.gradients(r * 2.0, x)
        out["gradient"] = _view(tf)
        r2 = tf.cond(p, lambda: r * 3.0, lambda: tf.identity(r))
        tf.gradients(r2, x)
        out["gradient"]["result"] = [r.name, [c.name for c in r.consumers()],
                                     [c.name for c in r.op.outputs[0].consumers()]]
    return out
