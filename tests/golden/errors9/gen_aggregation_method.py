"""tf.gradients(aggregation_method=...): TF's three methods, anything else a ValueError."""


def _err(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        return e


def _grad_value(tf, method):
    x = tf.constant([1.0, 2.0])
    g = tf.gradients(x * x + x, x, aggregation_method=method)
    with tf.Session() as sess:
        return sess.run(g[0])


def case_valid(tf):
    return [_grad_value(tf, m) for m in (None, 0, 1, 2, True, 1.0)]


def case_invalid_int(tf):
    return _err(lambda: _grad_value(tf, 7))


def case_invalid_str(tf):
    return _err(lambda: _grad_value(tf, "foo"))


def case_invalid_list(tf):
    return _err(lambda: _grad_value(tf, [1]))


def case_y_is_x(tf):
    x = tf.constant([1.0])
    return _err(lambda: tf.gradients(x, x, aggregation_method=7))


def case_unconnected_unchecked(tf):
    x = tf.constant([1.0])
    y = tf.constant([2.0])
    return tf.gradients(y * 2.0, x, aggregation_method=7)


def case_hessians(tf):
    x = tf.constant([1.0])
    return _err(lambda: tf.hessians(x * x, x, aggregation_method=9))


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
