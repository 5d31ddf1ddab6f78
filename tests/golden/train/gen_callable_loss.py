"""TF 1.14's Optimizer.minimize / compute_gradients given a callable loss in graph mode
(a GradientTape runs it): the pairs or the error, the graph's ops, one step's values
(test_optimizers.py)."""
import re

import numpy as np


def _res(tf, name, value, **kw):
    return tf.get_variable(name, initializer=value, use_resource=True, **kw)


def _pairs(gv):
    return [[None if g is None else g.name, v.name] for g, v in gv]


def _sgd(tf):
    return tf.train.GradientDescentOptimizer(0.1)


def _train_tape_variables(tf):
    v, w = _res(tf, "v", 2.0), _res(tf, "w", 3.0)
    op = _sgd(tf).minimize(lambda: v * v)
    ones = tf.get_default_graph().get_operation_by_name("ones")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(op)
        return {"values": np.array(sess.run([v, w])),
                "ones_control_inputs": [c.name for c in ones.control_inputs]}


def _train_adam_var_list(tf):
    v, w = _res(tf, "v", [1.0, -2.0]), _res(tf, "w", 3.0)
    op = tf.train.AdamOptimizer(0.1).minimize(lambda: tf.reduce_sum(v * v * w),
                                              var_list=[v])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(2):
            sess.run(op)
        return np.array(sess.run(v))


def _grad_loss(tf):
    v = _res(tf, "v", 2.0)
    gv = _sgd(tf).compute_gradients(lambda: v * v, grad_loss=tf.constant(3.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [_pairs(gv), float(sess.run(gv[0][0]))]


def _bad_gate(tf):
    v, w = _res(tf, "v", 2.0), _res(tf, "w", 3.0)
    return _pairs(_sgd(tf).compute_gradients(lambda: w * w, var_list=[v, w],
                                             gate_gradients=7))


def _int_variable(tf):
    v = _res(tf, "v", 2)
    return _pairs(_sgd(tf).compute_gradients(lambda: v * 2, var_list=[v]))


def _non_trainable(tf):
    v, u = _res(tf, "v", 2.0), _res(tf, "u", 2.0, trainable=False)
    return _pairs(_sgd(tf).compute_gradients(lambda: v * u))


def _ref_variable_compute(tf):
    v = tf.Variable(2.0, name="v")
    return _pairs(_sgd(tf).compute_gradients(lambda: v * 2.0))


def _ref_variable(tf):
    v = tf.Variable(2.0, name="v")
    _sgd(tf).minimize(lambda: v * 2.0)


def _ref_variable_var_list(tf):
    v = tf.Variable(2.0, name="v")
    _sgd(tf).minimize(lambda: v * 2.0, var_list=[v])


def _built_before(tf):
    loss = _res(tf, "v", 2.0) * 2.0
    _sgd(tf).minimize(lambda: loss)


def _built_before_var_list(tf):
    v = _res(tf, "v", 2.0)
    loss = v * 2.0
    _sgd(tf).minimize(lambda: loss, var_list=[v])


def _built_before_compute(tf):
    v = _res(tf, "v", 2.0)
    loss = v * 2.0
    return _pairs(_sgd(tf).compute_gradients(lambda: loss, var_list=[v]))


def _not_read(tf):
    v, w = _res(tf, "v", 2.0), _res(tf, "w", 3.0)
    _sgd(tf).minimize(lambda: v * 2.0, var_list=[w])


CALLS = {
    "train/tape_variables": _train_tape_variables,
    "train/adam_var_list": _train_adam_var_list,
    "compute/grad_loss": _grad_loss,
    "compute/non_trainable_not_watched": _non_trainable,
    "compute/var_list_and_bad_gate": _bad_gate,
    "compute/int_variable": _int_variable,
    "compute/ref_variable": _ref_variable_compute,
    "compute/tensor_built_before_var_list": _built_before_compute,
    "minimize/ref_variable": _ref_variable,
    "minimize/ref_variable_var_list": _ref_variable_var_list,
    "minimize/tensor_built_before": _built_before,
    "minimize/tensor_built_before_var_list": _built_before_var_list,
    "minimize/resource_variable_not_read": _not_read,
}


def run(tf, fn):
    """{'result' or 'error'/'message', 'ops'} of fn(tf) in a fresh graph (a function's
    address in a message written as 0x)."""
    with tf.Graph().as_default() as g:
        try:
            result = fn(tf)
            out = {"result": None if isinstance(result, tf.Operation) else result}
        except Exception as e:  # noqa: BLE001 - the case is the error
            out = {"error": type(e).__name__,
                   "message": re.sub(r" at 0x[0-9a-f]+>", " at 0x>", str(e))}
        out["ops"] = [op.name for op in g.get_operations()]
    return out


def cases(tf):
    return {name: run(tf, fn) for name, fn in CALLS.items()}
