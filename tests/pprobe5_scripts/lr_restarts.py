"""Learning-rate schedules driving training: piecewise_constant, polynomial_decay with
cycle=True (warm restarts), cosine_decay_restarts, linear_cosine_decay and noisy_linear_cosine
decay (seeded), inverse_time_decay staircase; each step prints the rates and the loss."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(81)
rs = np.random.RandomState(82)
gs = tf.train.get_or_create_global_step()
lr1 = tf.train.piecewise_constant(gs, [2, 5], [0.1, 0.05, 0.01])
lr2 = tf.train.polynomial_decay(0.1, gs, 3, 0.001, power=2.0, cycle=True)
lr3 = tf.train.cosine_decay_restarts(0.1, gs, 2, t_mul=2.0, m_mul=0.8, alpha=0.01)
lr4 = tf.train.linear_cosine_decay(0.1, gs, 7)
lr5 = tf.train.noisy_linear_cosine_decay(0.1, gs, 7)
lr6 = tf.train.inverse_time_decay(0.1, gs, 2, 0.5, staircase=True)
x = tf.constant(rs.randn(8, 3).astype(np.float32))
yv = tf.constant(rs.randn(8, 1).astype(np.float32))
w = tf.Variable(tf.zeros([3, 1]))
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - yv))
lr = (lr1 + lr2 + lr3 + lr4 + lr6) / 5
train = tf.train.GradientDescentOptimizer(lr).minimize(loss, global_step=gs)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(9):
        r = s.run([lr1, lr2, lr3, lr4, lr5, lr6])
        lv, _ = s.run([loss, train])
        print(i, [repr(float(v)) for v in r], repr(float(lv)))
    print(H(s.run(w)))
