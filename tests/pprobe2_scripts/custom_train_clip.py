"""Custom training loop: exponential_decay, clip_by_global_norm, apply_gradients, GradientDescent
and Adagrad."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


tf.set_random_seed(77)
g = tf.get_default_graph()
X = np.random.RandomState(9).randn(10, 5).astype(np.float32)
Y = np.random.RandomState(10).randn(10, 2).astype(np.float32)
x = tf.constant(X)
W1 = tf.Variable(tf.truncated_normal([5, 16], stddev=0.5), name="W1")
b1 = tf.Variable(tf.zeros([16]))
W2 = tf.get_variable("W2", [16, 2], initializer=tf.glorot_uniform_initializer())
h = tf.nn.elu(tf.matmul(x, W1) + b1)
h = tf.nn.dropout(h, rate=0.2)
pred = tf.matmul(h, W2)
loss = tf.losses.huber_loss(Y, pred) + 1e-3 * tf.add_n([tf.nn.l2_loss(v) for v in [W1, W2]])
gs = tf.Variable(0, trainable=False)
lr = tf.train.exponential_decay(0.5, gs, 1, 0.9)
params = tf.trainable_variables()
grads = tf.gradients(loss, params)
clipped, norm = tf.clip_by_global_norm(grads, 1.0)
train = tf.train.GradientDescentOptimizer(lr).apply_gradients(zip(clipped, params), global_step=gs)
gv = tf.train.AdagradOptimizer(0.1).compute_gradients(loss)
gv = [(tf.clip_by_norm(g_, 0.5), v) for g_, v in gv]
train2 = tf.train.AdagradOptimizer(0.1).apply_gradients(gv)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        lv, n, _ = s.run([loss, norm, train])
        print(repr(float(lv)), repr(float(n)))
    s.run(train2)
    for v in params:
        print(v.name, H(s.run(v)))
