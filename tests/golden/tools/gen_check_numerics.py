"""tf.check_numerics and tf.add_check_numerics_ops under TF 1.14: error classes and first
lines, op names/types/inputs/control inputs/messages. test_debug.py reruns the case
functions with flowgrad and compares."""
import numpy as np


def _first_line(tf, fetch, feeds):
    with tf.Session() as sess:
        try:
            out = sess.run(fetch, feeds)
            return ["ok", out]
        except tf.errors.OpError as e:
            return [type(e).__name__, str(e.message).split("\n")[0]]


def _ops(graph, start=0):
    out = []
    for op in graph.get_operations()[start:]:
        msg = op.get_attr("message") if op.type == "CheckNumerics" else None
        if isinstance(msg, bytes):
            msg = msg.decode("utf-8")
        out.append([op.name, op.type, [t.name for t in op.inputs],
                    [c.name for c in op.control_inputs], msg])
    return out


def case_messages(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    y = tf.check_numerics(x, "bad x")
    out = []
    for v in ([1.0, np.nan, np.inf], [1.0, np.inf, 2.0], [np.nan, 1.0, 2.0],
              [1.0, -np.inf, 3.0], [1.0, 2.0, 3.0]):
        out.append(_first_line(tf, y, {x: np.array(v, np.float32)}))
    return out


def case_float64_named(tf):
    x = tf.placeholder(tf.float64, [2], name="x")
    y = tf.check_numerics(x, "d", name="chk")
    return [y.name, _first_line(tf, y, {x: np.array([0.0, np.nan])})]


def case_int_input(tf):
    try:
        tf.check_numerics(tf.constant([1, 2]), "int")
    except TypeError as e:
        return ["TypeError", str(e)]
    return None


def case_gradient(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    y = tf.check_numerics(x * 2.0, "m")
    g = tf.gradients(tf.reduce_sum(tf.log(y)), x)[0]
    ops = [o for o in _ops(tf.get_default_graph()) if o[1] == "CheckNumerics"]
    return [ops, _first_line(tf, g, {x: np.array([1.0, 2.0, 3.0], np.float32)}),
            _first_line(tf, g, {x: np.array([1.0, 0.0, 3.0], np.float32)})]


def _model(tf):
    x = tf.placeholder(tf.float32, [2, 2], name="x")
    w = tf.Variable(tf.ones([2, 2]), name="w")
    i = tf.constant(3, name="i")
    y = tf.matmul(x, w) + tf.cast(i, tf.float32)
    z = tf.reduce_sum(tf.log(y), name="z")
    return x, z


def case_add_check_numerics_ops(tf):
    g = tf.get_default_graph()
    x, z = _model(tf)
    n = len(g.get_operations())
    check = tf.add_check_numerics_ops()
    ops = _ops(g, n)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        ok = sess.run([z, check], {x: np.ones((2, 2), np.float32)})[0]
        try:
            sess.run([z, check], {x: -10 * np.ones((2, 2), np.float32)})
            bad = None
        except tf.errors.OpError as e:
            bad = [type(e).__name__, str(e.message).split("\n")[0]]
    return [check.name, check.type, ops, ok, bad]


def case_add_check_numerics_ops_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    tf.cond(x > 0, lambda: x * 2.0, lambda: x * 3.0)
    try:
        tf.add_check_numerics_ops()
    except ValueError as e:
        return ["ValueError", str(e)]
    return None



def _checks_left(tf, build):
    """add_check_numerics_ops after `build`: its control inputs or its error, and the ops it
    left in the graph (TF raises at the first float output in a cond / while context, the
    CheckNumerics made before it kept)."""
    with tf.Graph().as_default() as g:
        build()
        n = len(g.get_operations())
        try:
            r = ["ok", [o.name for o in tf.add_check_numerics_ops().control_inputs]]
        except ValueError as e:
            r = ["ValueError", str(e)]
        return r + [[o.name for o in g.get_operations()[n:]]]


def case_add_check_numerics_ops_contexts(tf):
    def cond_after_log():
        x = tf.placeholder(tf.float32, [2], name="x")
        tf.log(x)
        tf.cond(x[0] > 0, lambda: x * 2.0, lambda: x)
        tf.exp(x)

    def int_loop_then_float():
        i = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])
        tf.cast(i, tf.float32) * 2.0

    def float_loop():
        x = tf.constant(1.5, name="x")
        tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * x), [0, x])

    def int_loop_float_body():
        x = tf.constant(1.5, name="x")
        tf.while_loop(lambda i: i < 3, lambda i: i + tf.cast(tf.square(x) > 1.0, tf.int32),
                      [0])

    def assert_after_vars():
        x = tf.placeholder(tf.float32, [None], name="x")
        tf.Variable(tf.ones([2]), name="v")
        tf.assert_positive(x)

    return [_checks_left(tf, f) for f in (cond_after_log, int_loop_then_float, float_loop,
                                          int_loop_float_body, assert_after_vars)]

def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            with tf.Graph().as_default():
                out[name[5:]] = fn(tf)
    return out
