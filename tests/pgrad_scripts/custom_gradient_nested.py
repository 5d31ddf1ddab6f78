"""@tf.custom_gradient: clipping, log1pexp, two inputs, nested; op names and a graph-seeded
sample after the gradients."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
np.set_printoptions(precision=5, suppress=True)


@tf.custom_gradient
def clip_grad(x):
    def grad(dy):
        return tf.clip_by_norm(dy, 1.0)

    return tf.identity(x), grad


@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)

    def grad(dy):
        return dy * (1 - 1 / (1 + e))

    return tf.log(1 + e), grad


@tf.custom_gradient
def two_in(x, y):
    z = x * y

    def grad(dz):
        return dz * y * 2.0, dz * x * 3.0

    return z, grad


@tf.custom_gradient
def nested(x):
    y = log1pexp(x) * 2.0

    def grad(dy):
        return dy * 10.0

    return y, grad


x = tf.constant([[1.0, -2.0, 3.0], [0.5, 100.0, -4.0]])
y = tf.constant([[2.0, 2.0, 2.0], [1.0, 1.0, 1.0]])
a = clip_grad(x * 3.0)
b = log1pexp(x)
c = two_in(x, y)
d = nested(x)
loss = tf.reduce_sum(a) + tf.reduce_sum(b) + tf.reduce_sum(c) + tf.reduce_sum(d)
g = tf.gradients(loss, [x, y])
print([op.name for op in tf.get_default_graph().get_operations()])
print(len(tf.get_default_graph().get_operations()))
n = tf.random_uniform([3])
with tf.Session() as s:
    print(s.run(g))
    print(s.run(n))
