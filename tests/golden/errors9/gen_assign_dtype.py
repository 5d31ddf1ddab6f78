"""Assigning a value of another dtype to a variable: TF's op-def TypeErrors."""
import numpy as np


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return e
    return None


def case_int_tensor_to_float(tf):
    v = tf.Variable(1.0)
    return [_err(lambda: v.assign(tf.constant(1))),
            _err(lambda: tf.assign(v, tf.constant(1), name="named")),
            _err(lambda: v.assign_add(tf.constant(1))),
            _err(lambda: tf.assign_sub(v, tf.constant(1)))]


def case_float64_tensor_to_float32(tf):
    v = tf.Variable(1.0)
    return _err(lambda: v.assign(tf.constant(1.0, tf.float64)))


def case_int_variable_to_float(tf):
    v = tf.Variable(1.0)
    w = tf.Variable(1)
    return _err(lambda: v.assign(w))


def case_float_to_int_variable(tf):
    w = tf.Variable(1)
    return [_err(lambda: w.assign(tf.constant(1.5))), _err(lambda: w.assign(1.5))]


def case_numpy_int_converts(tf):
    v = tf.Variable(1.0)
    a = v.assign(np.int64(3))
    with tf.Session() as sess:
        sess.run(v.initializer)
        return sess.run(a)


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
