"""tf.cond's predicate: a Python bool is a TypeError; a NumPy bool and a bool tensor are not."""
import numpy as np


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return e
    return None


def case_python_bool(tf):
    out = [_err(lambda: tf.cond(True, lambda: tf.constant(1), lambda: tf.constant(2))),
           _err(lambda: tf.cond(False, lambda: tf.constant(1), lambda: tf.constant(2)))]
    # the failed call took the name scope "cond", as TF's does
    out.append(tf.cond(tf.constant(True), lambda: tf.constant(1),
                       lambda: tf.constant(2)).name.split("/")[0])
    return out


def case_numpy_bool(tf):
    y = tf.cond(np.bool_(False), lambda: tf.constant(1), lambda: tf.constant(2))
    with tf.Session() as sess:
        return sess.run(y)


def case_not_callable_first(tf):
    return _err(lambda: tf.cond(True, 1, lambda: tf.constant(2)))


def case_int_pred(tf):
    return _err(lambda: tf.cond(1, lambda: tf.constant(1), lambda: tf.constant(2)))


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
