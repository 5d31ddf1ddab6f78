"""Deep Q-learning with a target network: online and target MLPs in separate variable
scopes, a soft (Polyak) target update built from tf.assign ops grouped with tf.group, a
hard copy op, targets r + gamma * (1 - done) * max_a Q_target with tf.stop_gradient, the
chosen-action Q gathered with one_hot, huber loss, Adam with gradient clipping by value;
a numpy replay buffer drives it."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def qnet(s, scope):
    with tf.variable_scope(scope):
        h = tf.layers.dense(s, 16, tf.nn.relu, name="h1")
        h = tf.layers.dense(h, 16, tf.nn.tanh, name="h2")
        return tf.layers.dense(h, 3, name="q")


tf.set_random_seed(741)
rs = np.random.RandomState(742)
S = tf.placeholder(tf.float32, [None, 4])
A = tf.placeholder(tf.int32, [None])
R = tf.placeholder(tf.float32, [None])
S2 = tf.placeholder(tf.float32, [None, 4])
Dn = tf.placeholder(tf.float32, [None])
q = qnet(S, "online")
q2 = qnet(S2, "target")
ov = tf.trainable_variables("online")
tv = tf.trainable_variables("target")
tau = 0.1
soft = tf.group(*[tf.assign(t, tau * o + (1 - tau) * t) for o, t in zip(ov, tv)])
hard = tf.group(*[t.assign(o) for o, t in zip(ov, tv)])
y = tf.stop_gradient(R + 0.9 * (1.0 - Dn) * tf.reduce_max(q2, 1))
qa = tf.reduce_sum(q * tf.one_hot(A, 3), 1)
loss = tf.losses.huber_loss(y, qa, delta=1.0)
opt = tf.train.AdamOptimizer(0.005)
gv = opt.compute_gradients(loss, var_list=ov)
train = opt.apply_gradients([(tf.clip_by_value(g, -0.5, 0.5), v) for g, v in gv])
greedy = tf.argmax(q, 1)
print(len(tf.get_default_graph().get_operations()))
N = 64
buf_s = rs.randn(N, 4).astype(np.float32)
buf_a = rs.randint(0, 3, N).astype(np.int32)
buf_r = rs.randn(N).astype(np.float32)
buf_s2 = rs.randn(N, 4).astype(np.float32)
buf_d = (rs.rand(N) < 0.2).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    s.run(hard)
    for i in range(12):
        idx = rs.randint(0, N, 16)
        fd = {S: buf_s[idx], A: buf_a[idx], R: buf_r[idx], S2: buf_s2[idx], Dn: buf_d[idx]}
        lv, _ = s.run([loss, train], fd)
        s.run(soft)
        print(i, repr(float(lv)))
    print(s.run(greedy, {S: buf_s[:10]}).tolist())
    for v in tv:
        print(v.name, H(s.run(v)))
