"""Batch norm by hand: tf.nn.moments over [0,1,2] of a conv output (keep_dims), weighted_moments,
tf.nn.batch_normalization with scale/offset variables, moving averages kept with
assign_moving_average under control_dependencies, and a tf.cond between train and test stats."""

import hashlib
from tensorflow.python.training import moving_averages
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(121)
rs = np.random.RandomState(122)
x = tf.placeholder(tf.float32, [None, 6, 6, 2])
is_tr = tf.placeholder(tf.bool, [])
c = tf.layers.conv2d(x, 4, 3, use_bias=False)
mean, var = tf.nn.moments(c, [0, 1, 2], keep_dims=False)
wm, wv = tf.nn.weighted_moments(c, [0, 1, 2], tf.ones_like(c[..., :1]) * 0.5)
mm = tf.get_variable("mm", [4], initializer=tf.zeros_initializer(), trainable=False)
mv = tf.get_variable("mv", [4], initializer=tf.ones_initializer(), trainable=False)
gamma = tf.get_variable("gamma", [4], initializer=tf.ones_initializer())
beta = tf.get_variable("beta", [4], initializer=tf.zeros_initializer())


def tr():
    u1 = moving_averages.assign_moving_average(mm, mean, 0.9)
    u2 = moving_averages.assign_moving_average(mv, var, 0.9, zero_debias=False)
    with tf.control_dependencies([u1, u2]):
        return tf.identity(mean), tf.identity(var)


m, v = tf.cond(is_tr, tr, lambda: (mm, mv))
bn = tf.nn.batch_normalization(c, m, v, beta, gamma, 1e-3)
out = tf.reduce_mean(tf.nn.relu(bn), [1, 2])
loss = tf.reduce_mean(tf.square(tf.layers.dense(out, 1) - 1.0))
train = tf.train.AdamOptimizer(0.05).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
X = rs.randn(5, 6, 6, 2).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = s.run([loss, train], {x: X, is_tr: True})
        print(i, repr(float(lv)))
    print(repr(s.run(mm).tolist()), repr(s.run(mv).tolist()))
    print([H(t) for t in s.run([mean, var, wm, wv], {x: X})])
    print(H(s.run(bn, {x: X, is_tr: False})), repr(float(s.run(loss, {x: X, is_tr: False}))))
