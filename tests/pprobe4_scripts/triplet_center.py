"""Metric learning: an embedding net trained with tf.contrib.losses.metric_learning's
triplet_semihard_loss plus a center loss whose class centers are updated with
tf.scatter_sub (alpha-weighted, unique counts), with lifted_struct_loss and npairs_loss
evaluated alongside; RMSProp."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(91)
rs = np.random.RandomState(92)
C, D = 3, 4
x = tf.placeholder(tf.float32, [None, 6])
y = tf.placeholder(tf.int32, [None])
e = tf.layers.dense(tf.layers.dense(x, 10, tf.nn.relu), D)
en = tf.nn.l2_normalize(e, 1)
ml = tf.contrib.losses.metric_learning
trip = ml.triplet_semihard_loss(y, en, margin=0.5)
lifted = ml.lifted_struct_loss(y, en, margin=1.0)
centers = tf.get_variable("centers", [C, D], initializer=tf.zeros_initializer(), trainable=False)
cb = tf.gather(centers, y)
center_loss = tf.reduce_mean(tf.reduce_sum(tf.square(e - cb), 1))
uy, idx, cnt = tf.unique_with_counts(y)
diff = (cb - e) / tf.cast(1 + tf.gather(cnt, idx), tf.float32)[:, None] * 0.5
upd = tf.scatter_sub(centers, y, diff)
loss = trip + 0.1 * center_loss
with tf.control_dependencies([upd]):
    train = tf.train.RMSPropOptimizer(0.01).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
X = rs.randn(12, 6).astype(np.float32)
Yv = np.array([0, 1, 2] * 4, np.int32)
X[Yv == 1] += 1.0
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        t, lf, c = s.run([trip, lifted, center_loss], {x: X, y: Yv})
        s.run(train, {x: X, y: Yv})
        print(i, repr(float(t)), repr(float(lf)), repr(float(c)))
    print(H(s.run(centers)), H(s.run(en, {x: X})))
