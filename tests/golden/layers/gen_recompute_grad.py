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


def _rev(tf, efficient=True, side=False):
    x1 = tf.constant(_x([3, 4], 4))
    x2 = tf.constant(_x([3, 4], 5))
    s = tf.constant(_x([3, 4], 6))

    def f(x, side_inputs=None):
        y = tf.layers.dense(x, 4, activation=tf.tanh, use_bias=False,
                            kernel_initializer=tf.constant_initializer(_x([4, 4], 7) * 0.5))
        return y + side_inputs[0] if side_inputs else y

    def g(x):
        return tf.layers.dense(x, 4, kernel_initializer=tf.constant_initializer(
            _x([4, 4], 8) * 0.5), bias_initializer=tf.constant_initializer(0.1))

    y1, y2 = tf.contrib.layers.rev_block(x1, x2, f, g, num_layers=2,
                                         f_side_input=[s] if side else None,
                                         is_training=efficient)
    loss = tf.reduce_sum(y1 * y2)
    xs = [x1, x2] + ([s] if side else []) + sorted(tf.trainable_variables(),
                                                    key=lambda v: v.name)
    return [y1, y2] + tf.gradients(loss, xs)


def _rev_backward(tf):
    block = tf.contrib.layers.RevBlock(lambda x: tf.sin(x) * 0.5, lambda x: tf.cos(x),
                                       num_layers=2, name="rb")
    # (TF refuses a custom_gradient taking `variables` without any outside such a scope)
    with tf.variable_scope("outer", use_resource=True):
        y1, y2 = block.forward(tf.constant(_x([2, 3], 1)), tf.constant(_x([2, 3], 2)))
        x1, x2 = block.backward(y1, y2)
    return [y1, y2, x1, x2]


CASES.update({"rev_block": _rev, "rev_block_side_input": lambda tf: _rev(tf, side=True),
              "rev_block_plain_backprop": lambda tf: _rev(tf, efficient=False),
              "rev_block_backward": _rev_backward})
