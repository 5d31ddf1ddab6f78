"""Multi-tower data parallelism without SyncReplicas: two towers share variables through
variable_scope reuse, each computes compute_gradients on its batch split, the gradients are
averaged by hand (expand_dims/concat/reduce_mean) and applied once with Momentum."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(91)
rs = np.random.RandomState(92)
x = tf.placeholder(tf.float32, [8, 5])
y = tf.placeholder(tf.int32, [8])
opt = tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True)


def tower(xx, yy):
    h = tf.layers.dense(xx, 7, tf.nn.tanh, name="h")
    lo = tf.layers.dense(h, 3, name="o")
    return tf.losses.sparse_softmax_cross_entropy(yy, lo, loss_collection=None)


grads, losses = [], []
xs, ys = tf.split(x, 2), tf.split(y, 2)
for i in range(2):
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE), tf.name_scope("tower_%d" % i):
        lv = tower(xs[i], ys[i])
        losses.append(lv)
        grads.append(opt.compute_gradients(lv))
avg = []
for gv in zip(*grads):
    g = tf.reduce_mean(tf.concat([tf.expand_dims(g, 0) for g, _ in gv], 0), 0)
    avg.append((g, gv[0][1]))
train = opt.apply_gradients(avg)
loss = tf.add_n(losses) / 2
print(len(tf.get_default_graph().get_operations()), len(tf.trainable_variables()))
X = rs.randn(8, 5).astype(np.float32)
Y = rs.randint(0, 3, 8).astype(np.int32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {x: X, y: Y})
        print(i, repr(float(lv)))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
