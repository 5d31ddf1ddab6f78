"""A conv autoencoder with tf.layers.conv2d / separable_conv2d / max_pooling2d on the way down
and conv2d_transpose (same and valid padding, strides 2) on the way up; Adam for a few steps."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(61)
rs = np.random.RandomState(62)
x = tf.placeholder(tf.float32, [None, 12, 12, 2])
h = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu)
h = tf.layers.max_pooling2d(h, 2, 2)
h = tf.layers.separable_conv2d(h, 6, 3, padding="same", depth_multiplier=2, activation=tf.nn.relu)
h = tf.layers.average_pooling2d(h, 2, 2, padding="same")
u = tf.layers.conv2d_transpose(h, 4, 3, strides=2, padding="same", activation=tf.nn.relu)
u = tf.layers.conv2d_transpose(u, 2, 2, strides=2, padding="valid")
loss = tf.reduce_mean(tf.square(u - x))
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(len(tf.get_default_graph().get_operations()), u.shape)
X = rs.randn(3, 12, 12, 2).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {x: X})
        print(i, repr(float(lv)))
    print(H(s.run(u, {x: X})))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
