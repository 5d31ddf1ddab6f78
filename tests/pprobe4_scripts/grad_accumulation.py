"""Gradient accumulation over micro-batches (the "large batch on small memory" recipe):
non-trainable accumulators zeroed by one op, assign_add of each micro-batch's gradients,
apply_gradients of their mean with nesterov Momentum and a global step; compared with
the gradient of the whole batch."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(81)
rs = np.random.RandomState(82)
x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 1])
h = tf.layers.dense(x, 7, tf.nn.elu)
p = tf.layers.dense(h, 1)
loss = tf.losses.huber_loss(y, p, delta=0.5)
tv = tf.trainable_variables()
acc = [tf.Variable(tf.zeros_like(v.initialized_value()), trainable=False) for v in tv]
zero = [a.assign(tf.zeros_like(a)) for a in acc]
grads = tf.gradients(loss, tv)
add = [a.assign_add(g) for a, g in zip(acc, grads)]
n_micro = tf.placeholder(tf.float32, [])
gs = tf.train.get_or_create_global_step()
opt = tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True)
apply = opt.apply_gradients([(a / n_micro, v) for a, v in zip(acc, tv)], global_step=gs)
print(len(tf.get_default_graph().get_operations()))
X = rs.randn(12, 5).astype(np.float32)
Y = (X.astype(np.float64) @ rs.randn(5, 1) * 0.5).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(6):  # (from step 2 on: the huber AddN, math/addn_unknown)
        s.run(zero)
        for k in range(3):
            s.run(add, {x: X[k * 4 : (k + 1) * 4], y: Y[k * 4 : (k + 1) * 4]})
        A = s.run(acc)
        full = s.run(grads, {x: X, y: Y})
        print(
            step, [H(a) for a in A], [repr(float(np.abs(a / 3 - f).max())) for a, f in zip(A, full)]
        )
        s.run(apply, {n_micro: 3.0})
        print(repr(float(s.run(loss, {x: X, y: Y}))), s.run(gs))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
