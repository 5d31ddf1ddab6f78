"""@tf.custom_gradient over variables (grad_fn(dy, variables=...)), compute_gradients +
apply_gradients."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
np.set_printoptions(precision=5, suppress=True)

with tf.variable_scope("m", use_resource=True):
    w = tf.get_variable("w", [3, 2], initializer=tf.ones_initializer())


@tf.custom_gradient
def layer(x):
    y = tf.matmul(x, w) + 1.0

    def grad(dy, variables=None):
        gx = tf.matmul(dy, w, transpose_b=True)
        # (one variable: TF 1.14 orders `variables` as a set)
        gvs = [tf.matmul(x, dy, transpose_a=True) * 0.5]
        return gx, gvs

    return y, grad


x = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
y = layer(x)
loss = tf.reduce_sum(y * y)
opt = tf.train.GradientDescentOptimizer(0.1)
gvs = opt.compute_gradients(loss)
print([(g.name if g is not None else None, v.name) for g, v in gvs])
train = opt.apply_gradients(gvs)
print(len(tf.get_default_graph().get_operations()))
print([op.name for op in tf.get_default_graph().get_operations()][-25:])
n = tf.random_normal([2])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run([g for g, v in gvs]))
    s.run(train)
    print(s.run(w))
    print(s.run(n))
