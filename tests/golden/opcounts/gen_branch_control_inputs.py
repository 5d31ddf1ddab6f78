"""TF 1.14's Operation.control_inputs of the ops built inside a tf.cond branch or a
tf.while_loop body (control_flow_ops' _AddOpInternal: an op with no inputs gets the
branch's pivot switch_t / switch_f, or the loop's pivot, unless it has a control input
from inside; external control inputs of such an op are dropped), and the values the
graphs compute (tests/test_tf_nodes.py). Structure only: no host arithmetic."""


def _cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def true_fn():
        tf.no_op(name="nop")
        tf.constant(1.0, name="c")
        a = tf.add(x, 1.0, name="a")
        with tf.control_dependencies([a]):
            d = tf.identity(x, name="d")
            tf.no_op(name="nop2")
        tf.group(a, d, name="grp")
        with tf.control_dependencies([tf.debugging.Assert(x > -100.0, [x], name="as")]):
            return tf.identity(x * 2.0)

    def false_fn():
        tf.no_op(name="nopf")
        return x - 1.0
    return x, tf.cond(x > 0, true_fn, false_fn)


def _while(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def body(i, a):
        tf.no_op(name="nop")
        c = tf.constant(1.0, name="c")
        with tf.control_dependencies([x.op]):
            e = tf.constant(2.0, name="e")
        return i + 1, a + c + e
    return x, tf.while_loop(lambda i, a: i < 3, body, [0, x])[1]


CALLS = [("cond", _cond), ("while", _while)]


def describe(tf, fn):
    """{"control_inputs": {op: [names]} of the ops that have some, "values": [...]}."""
    g = tf.Graph()
    with g.as_default():
        x, y = fn(tf)
        ctrl = dict((op.name, [c.name for c in op.control_inputs])
                    for op in g.get_operations() if op.control_inputs)
        with tf.Session() as s:
            values = [float(s.run(y, {x: v})) for v in (2.0, -2.0)]
    return {"control_inputs": ctrl, "values": values}


def cases(tf):
    return dict((name, describe(tf, fn)) for name, fn in CALLS)
