"""tf.custom_gradient in graph mode and variables (TF 1.14's _graph_mode_decorator): a
non-resource variable made inside f is refused (TypeError); only trainable resource
variables that f reads reach grad_fn's `variables` (a ref variable's or an untrainable
one's read is not watched by the tape)."""
import numpy as np


def _x(tf):
    return tf.constant(np.array([[1.0, 2.0]], np.float32))


def _run(tf, ts):
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        return [None if t is None else s.run(t) for t in ts]


def ref_variable_made_inside(tf):
    with tf.Graph().as_default():
        @tf.custom_gradient
        def f(t):
            v = tf.get_variable("inside", [2, 2], initializer=tf.ones_initializer())
            return tf.matmul(t, v), lambda dy, variables=None: (dy, [dy])
        try:
            f(_x(tf))
        except TypeError as e:
            return e
        return "no error"


def ref_variable_made_inside_scope(tf):
    with tf.Graph().as_default():
        @tf.custom_gradient
        def f(t):
            v = tf.Variable(np.ones((2, 2), np.float32), name="plain")
            return tf.matmul(t, v), lambda dy, variables=None: (dy, [dy])
        with tf.variable_scope("outer"):
            try:
                f(_x(tf))
            except TypeError as e:
                return e
        return "no error"


def ref_variable_read(tf):
    with tf.Graph().as_default():
        v = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="refv")

        @tf.custom_gradient
        def f(t):
            return tf.matmul(t, v), lambda dy: dy * 2.0
        x = _x(tf)
        y = f(x)
        gs = tf.gradients(tf.reduce_sum(y), [x, v])
        return {"names": [None if g is None else g.name for g in gs],
                "values": _run(tf, gs)}


def untrainable_resource_read(tf):
    with tf.Graph().as_default():
        r = tf.get_variable("r", initializer=tf.constant([[1.0, 0.5], [0.5, 1.0]]),
                            use_resource=True, trainable=False)

        @tf.custom_gradient
        def f(t):
            return tf.matmul(t, r), lambda dy: dy * 3.0
        x = _x(tf)
        gs = tf.gradients(tf.reduce_sum(f(x)), [x, r])
        return {"names": [None if g is None else g.name for g in gs],
                "values": _run(tf, gs)}


def trainable_resource_read(tf):
    with tf.Graph().as_default():
        r = tf.get_variable("r", initializer=tf.constant([[1.0, 0.5], [0.5, 1.0]]),
                            use_resource=True)

        @tf.custom_gradient
        def f(t):
            def grad(dy, variables=None):
                return dy * 3.0, [tf.ones_like(r) * 7.0]
            return tf.matmul(t, r), grad
        x = _x(tf)
        gs = tf.gradients(tf.reduce_sum(f(x)), [x, r])
        return {"names": [None if g is None else g.name for g in gs],
                "values": _run(tf, gs)}


def trainable_resource_no_variables_arg(tf):
    with tf.Graph().as_default():
        r = tf.get_variable("r", initializer=tf.constant([[1.0, 0.5], [0.5, 1.0]]),
                            use_resource=True)

        @tf.custom_gradient
        def f(t):
            return tf.matmul(t, r), lambda dy: dy
        try:
            f(_x(tf))
        except TypeError as e:
            return e
        return "no error"


CASES = [ref_variable_made_inside, ref_variable_made_inside_scope, ref_variable_read,
         untrainable_resource_read, trainable_resource_read,
         trainable_resource_no_variables_arg]


def cases(tf):
    return {c.__name__: c(tf) for c in CASES}
