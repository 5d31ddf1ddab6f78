"""A sparsely-gated mixture of experts: a softmax gate, top_k expert choice per example,
tf.dynamic_partition of the batch to the experts, per-expert dense layers, and
tf.dynamic_stitch back in order, weighted by the gate; trained with RMSProp, plus a
load-balancing loss on the gate's importance (cv^2)."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(11)
rs = np.random.RandomState(12)
E = 3
X = rs.randn(20, 5).astype(np.float32)
Y = (X[:, :1] * 2 - X[:, 1:2] ** 2 + 0.5).astype(np.float32)
x = tf.placeholder(tf.float32, [20, 5])
y = tf.placeholder(tf.float32, [20, 1])
gate = tf.nn.softmax(tf.layers.dense(x, E, name="gate"))
top_v, top_i = tf.nn.top_k(gate, 1)
expert = tf.cast(tf.squeeze(top_i, 1), tf.int32)
idx = tf.range(tf.shape(x)[0])
parts = tf.dynamic_partition(x, expert, E)
pidx = tf.dynamic_partition(idx, expert, E)
outs = []
for e in range(E):
    with tf.variable_scope("expert%d" % e):
        hh = tf.layers.dense(parts[e], 8, tf.nn.relu)
        outs.append(tf.layers.dense(hh, 1))
merged = tf.dynamic_stitch(pidx, outs)
pred = merged * top_v
imp = tf.reduce_sum(gate, 0)
mean, var = tf.nn.moments(imp, [0])
cv2 = var / (tf.square(mean) + 1e-10)
loss = tf.reduce_mean(tf.square(pred - y)) + 0.1 * cv2
train = tf.train.RMSPropOptimizer(0.01, momentum=0.5).minimize(loss)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    fd = {x: X, y: Y}
    print("expert", s.run(expert, fd).tolist())
    for i in range(15):
        lv, c, _ = s.run([loss, cv2, train], fd)
        if i % 3 == 0:
            print("step", i, repr(float(lv)), repr(float(c)))
    p, e2 = s.run([pred, expert], fd)
    print("pred", H(p), repr(float(p[0, 0])), e2.tolist())
    print("vars", [H(v) for v in s.run(tf.trainable_variables())[:4]])
