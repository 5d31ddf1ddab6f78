"""tf.layers CNN: conv2d + batch_normalization(training=True) + dropout + dense, Adam, 3 steps."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


tf.set_random_seed(1234)
g = tf.get_default_graph()
rs = np.random.RandomState(0)
X = rs.rand(8, 10, 10, 3).astype(np.float32)
Y = rs.randint(0, 5, size=8).astype(np.int64)
x = tf.placeholder(tf.float32, [None, 10, 10, 3])
y = tf.placeholder(tf.int64, [None])
training = tf.placeholder_with_default(True, [])
h = tf.layers.conv2d(x, 8, 3, padding="same", activation=tf.nn.relu)
h = tf.layers.batch_normalization(h, training=training)
h = tf.layers.max_pooling2d(h, 2, 2)
h = tf.layers.conv2d(
    h, 6, 3, activation=tf.nn.relu, kernel_initializer=tf.glorot_normal_initializer()
)
print(len(g.get_operations()))
h = tf.layers.flatten(h)
h = tf.layers.dropout(h, 0.3, training=training)
print(len(g.get_operations()))
logits = tf.layers.dense(h, 5)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
upd = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(upd):
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in tf.global_variables()[:6]:
        print(v.name, H(s.run(v)))
    for i in range(3):
        lv, _ = s.run([loss, train], {x: X, y: Y})
        print(repr(float(lv)))
    print(F(s.run(tf.trainable_variables()[0])))
    print(H(s.run(tf.global_variables()[3])))
    print(H(s.run(logits, {x: X, training: False})))
