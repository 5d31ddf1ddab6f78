"""TF 1.14's contrib.layers.recompute_grad: a function (with resource variables, or none)
whose gradient recomputes its forward pass: values, gradients of the inputs and the
variables, every op (name, type), a later seeded random op's numbers, and the errors."""
from __future__ import absolute_import

import numpy as np


def _x(shape, seed=0):
    return (np.sin(np.arange(np.prod(shape)) * 0.9 + seed)).reshape(shape).astype(np.float32)


def _with_vars(tf):
    def block(x, y):
        w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer(_x([3, 2], 1)))
        return tf.tanh(tf.matmul(x, w)) * y

    fn = tf.contrib.layers.recompute_grad(block)
    x = tf.constant(_x([4, 3]))
    y = tf.constant(_x([4, 2], 2))
    with tf.variable_scope("blk", use_resource=True):
        out = fn(x, y)
    return [out] + tf.gradients(tf.reduce_sum(out * out), [x, y] + tf.trainable_variables())


def _no_vars(tf):
    def block(a, is_recomputing=False):
        return [tf.sin(a) * a, tf.exp(a * 0.5)]

    fn = tf.contrib.layers.recompute_grad(tupleize_grads=True)(block)
    a = tf.constant(_x([2, 3]))
    o1, o2 = fn(a)
    return [o1, o2] + tf.gradients(tf.reduce_sum(o1) + tf.reduce_sum(o2 * o1), [a])


def _data_dep(tf):
    def block(a):
        return tf.square(a) + 1.

    fn = tf.contrib.layers.recompute_grad(use_data_dep=True,
                                          tupleize_grads=True)(block)
    a = tf.constant(_x([3, 2]))
    out = fn(a)
    return [out] + tf.gradients(tf.reduce_sum(out * a), [a])


CASES = {"with_variables": _with_vars, "no_variables": _no_vars, "data_dep": _data_dep}


def run(tf, fn):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        r = [tf.convert_to_tensor(t) for t in fn(tf)]
        after = tf.random_uniform([2])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            v, a = sess.run([r, after])
        return [[np.asarray(x) for x in v], [[o.name, o.type] for o in g.get_operations()], a]


def _error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        return [type(e).__name__, str(e)]
    return None


def _errors(tf):
    def closes():
        with tf.Graph().as_default():
            t = tf.constant(1.)
            tf.contrib.layers.recompute_grad(lambda x: x * t)

    def not_tensor():
        with tf.Graph().as_default():
            tf.contrib.layers.recompute_grad(lambda x: x * 2.)(3.)

    return {"closes_over_tensor": _error(closes), "not_tensor": _error(not_tensor)}


def cases(tf):
    out = {name: run(tf, fn) for name, fn in sorted(CASES.items())}
    out["errors"] = _errors(tf)
    return out
