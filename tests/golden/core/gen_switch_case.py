"""tf.switch_case under TF 1.14 (switch_case.json) and flowgrad (tests/test_switch_case.py):
the ops built, values for in- and out-of-range indices, errors, and the ops of the
gradient (TF 1.14 builds them but cannot run them; flowgrad runs them). Python 3.7."""


def _new(tf, n0):
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()[n0:]]


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return "no error"


def build(tf):
    g = tf.get_default_graph()
    x = tf.constant([1.0, 2.0])
    v = tf.constant(3.0)
    i = tf.placeholder(tf.int32, [])
    n0 = len(g.get_operations())
    r = tf.switch_case(i, [lambda: x * 2.0, lambda: (x * v, tf.sin(v)), lambda: (x, v)][1:])
    r1 = tf.switch_case(i, {1: lambda: {"a": x * 2.0}, 0: lambda: {"a": x}},
                        default=lambda: {"a": x + v}, name="sc")
    ops = _new(tf, n0)
    n0 = len(g.get_operations())
    grads = tf.gradients([r[0], r1["a"]], [x, v])
    grad_ops = _new(tf, n0)
    out = {"ops": ops, "grad_ops": grad_ops, "values": []}
    with tf.Session() as sess:
        for k in (-3, 0, 1, 2, 5):
            out["values"].append(sess.run([list(r), r1["a"]], {i: k}))
    out["errors"] = {
        "empty": _err(lambda: tf.switch_case(i, [])),
        "float_index": _err(lambda: tf.switch_case(1.0, [lambda: x])),
        "float_tensor": _err(lambda: tf.switch_case(tf.constant(1.0), [lambda: x])),
        "gap": _err(lambda: tf.switch_case(i, {0: lambda: x, 2: lambda: x})),
        "key": _err(lambda: tf.switch_case(i, {0: lambda: x, 0.5: lambda: x})),
        "types": _err(lambda: tf.switch_case(i, [lambda: x, lambda: tf.constant(1)])),
        "count": _err(lambda: tf.switch_case(i, [lambda: x, lambda: (x, x)])),
        "not_callable": _err(lambda: tf.switch_case(i, [lambda: x, 3])),
        "set": _err(lambda: tf.switch_case(i, {lambda: x})),
        "int64_index": _err(lambda: tf.switch_case(tf.constant(1, tf.int64), [lambda: x])),
    }
    return out


def nested(tf):
    """A switch_case in a branch of another, its branches capturing the outer graph's
    placeholder and variable; values, gradients and a second-order gradient."""
    g = tf.get_default_graph()
    x = tf.placeholder(tf.float32, [3])
    w = tf.Variable([1.0, 2.0, 3.0])
    i = tf.placeholder(tf.int32, [])
    n0 = len(g.get_operations())
    y = tf.switch_case(i, [lambda: tf.switch_case(i, [lambda: x * w * x,
                                                      lambda: tf.sin(x) * w]),
                           lambda: x * 2.0])
    ops = _new(tf, n0)
    gx, gw = tf.gradients(tf.reduce_sum(y), [x, w])
    hx = tf.gradients(tf.reduce_sum(gx * gx), [x])[0]
    out = {"ops": ops, "values": []}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for k in (0, 1, 2):
            out["values"].append(sess.run([y, gx, gw, hx], {x: [1.0, 2.0, 3.0], i: k}))
    return out


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        out["build"] = build(tf)
    with tf.Graph().as_default():
        out["nested"] = nested(tf)
    return out
