"""A tiny video classifier / autoencoder on fake clips: conv3d (SAME and VALID, strides),
max_pool3d and avg_pool3d, tf.layers.conv3d_transpose back to the input size, a
reconstruction + classification loss trained with Momentum; op count and values."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(31)
rs = np.random.RandomState(32)
V = rs.rand(2, 4, 8, 8, 2).astype(np.float32)
L = np.array([0, 1], np.int64)
v = tf.constant(V)
w1 = tf.get_variable("w1", [2, 3, 3, 2, 4], initializer=tf.glorot_uniform_initializer(seed=1))
c1 = tf.nn.relu(tf.nn.conv3d(v, w1, [1, 1, 1, 1, 1], "SAME"))
p1 = tf.nn.max_pool3d(c1, [1, 1, 2, 2, 1], [1, 1, 2, 2, 1], "VALID")
c2 = tf.layers.conv3d(p1, 6, 3, strides=(1, 2, 2), padding="valid", activation=tf.nn.elu)
a2 = tf.nn.avg_pool3d(p1, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "SAME")
logits = tf.layers.dense(
    tf.layers.flatten(tf.concat([tf.reduce_mean(c2, [1, 2, 3]), tf.reduce_mean(a2, [1, 2, 3])], 1)),
    2,
)
up = tf.layers.conv3d_transpose(p1, 2, (1, 2, 2), strides=(1, 2, 2), padding="same")
rec = tf.reduce_mean(tf.square(up - v))
cls = tf.losses.sparse_softmax_cross_entropy(L, logits)
loss = rec + cls
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
print("shapes", c1.shape, p1.shape, c2.shape, a2.shape, up.shape)
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print("fwd", H(s.run(c1)), H(s.run(c2)), H(s.run(a2)), H(s.run(up)))
    for i in range(6):
        a, b, _ = s.run([rec, cls, train])
        print("step", i, repr(float(a)), repr(float(b)))
    print("w1", H(s.run(w1)))
