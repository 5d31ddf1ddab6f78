"""Knowledge distillation: a teacher with a hand-written highway layer and
tf.contrib.layers.maxout is trained first (its own optimizer and var_list), then a small
student learns from the teacher's temperature-softened outputs (stop_gradient, soft labels
through softmax_cross_entropy_with_logits_v2, T^2 scaling) plus the hard labels, with a
second optimizer on the student's variables only."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(151)
rs = np.random.RandomState(152)
X = rs.randn(24, 6).astype(np.float32)
Y = (np.abs(X[:, 0]) + X[:, 1] > 0.8).astype(np.int64) + (X[:, 2] > 0.5).astype(np.int64)
x = tf.constant(X)
y = tf.constant(Y)
T = 3.0
with tf.variable_scope("teacher"):
    h = tf.layers.dense(x, 12, tf.nn.relu)
    t_gate = tf.layers.dense(h, 12, tf.sigmoid, bias_initializer=tf.constant_initializer(-1.0))
    h = t_gate * tf.layers.dense(h, 12, tf.nn.relu) + (1.0 - t_gate) * h
    h = tf.contrib.layers.maxout(h, 4)
    t_logits = tf.layers.dense(h, 3)
with tf.variable_scope("student"):
    s_logits = tf.layers.dense(tf.layers.dense(x, 4, tf.nn.tanh), 3)
t_vars = tf.trainable_variables("teacher")
s_vars = tf.trainable_variables("student")
t_loss = tf.losses.sparse_softmax_cross_entropy(y, t_logits)
t_train = tf.train.AdamOptimizer(0.02).minimize(t_loss, var_list=t_vars)
soft = tf.stop_gradient(tf.nn.softmax(t_logits / T))
kd = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=soft, logits=s_logits / T))
hard = tf.losses.sparse_softmax_cross_entropy(y, s_logits)
s_loss = 0.7 * kd * T * T + 0.3 * hard
s_train = tf.train.RMSPropOptimizer(0.01).minimize(s_loss, var_list=s_vars)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(s_logits, 1), y), tf.float32))
print("vars", [v.name for v in t_vars], len(s_vars), h.shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(12):
        lv, _ = s.run([t_loss, t_train])
        if i % 4 == 0:
            print("teacher", i, repr(float(lv)))
    for i in range(12):
        a, b, _ = s.run([kd, hard, s_train])
        if i % 4 == 0:
            print("student", i, repr(float(a)), repr(float(b)))
    print("acc", s.run(acc), H(s.run(soft)))
