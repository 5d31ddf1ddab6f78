"""Siamese network: a shared tower through variable_scope reuse, euclidean distance,
contrastive loss with margin, MomentumOptimizer with use_nesterov; l2_normalize embeddings."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(8)
rs = np.random.RandomState(6)
x1 = tf.placeholder(tf.float32, [None, 10])
x2 = tf.placeholder(tf.float32, [None, 10])
y = tf.placeholder(tf.float32, [None])


def tower(x, reuse):
    with tf.variable_scope("siamese", reuse=reuse):
        h = tf.contrib.layers.fully_connected(x, 16, scope="fc1")
        h = tf.contrib.layers.fully_connected(h, 16, scope="fc2")
        return tf.contrib.layers.fully_connected(h, 4, activation_fn=None, scope="fc3")


o1 = tower(x1, False)
o2 = tower(x2, True)
d2 = tf.reduce_sum(tf.pow(o1 - o2, 2), 1)
d = tf.sqrt(d2 + 1e-6)
margin = 1.0
loss = tf.reduce_mean(y * d2 + (1 - y) * tf.square(tf.maximum(margin - d, 0.0))) / 2
train = tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True).minimize(loss)
e1 = tf.nn.l2_normalize(o1, axis=1)
cos = tf.reduce_sum(e1 * tf.nn.l2_normalize(o2, axis=1), 1)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        a = rs.randn(8, 10).astype(np.float32)
        same = rs.rand(8) > 0.5
        b = np.where(same[:, None], a + 0.1 * rs.randn(8, 10), rs.randn(8, 10)).astype(np.float32)
        lv, c, _ = s.run([loss, cos, train], {x1: a, x2: b, y: same.astype(np.float32)})
        print(i, repr(float(lv)), np.asarray(c, np.float64)[:3].tolist())
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
