"""Denoising autoencoder with tied weights: masking noise from random_uniform < keep,
sigmoid encoder, transpose(W) decoder, mean squared error, RMSProp with momentum."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(77)
rs = np.random.RandomState(2)
X = rs.rand(12, 10).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 10])
mask = tf.cast(tf.random_uniform(tf.shape(x)) < 0.7, tf.float32)
xn = x * mask
W = tf.get_variable("W", [10, 4], initializer=tf.contrib.layers.xavier_initializer(seed=3))
bh = tf.Variable(tf.zeros([4]))
bv = tf.Variable(tf.zeros([10]))
h = tf.nn.sigmoid(tf.matmul(xn, W) + bh)
r = tf.nn.sigmoid(tf.matmul(h, tf.transpose(W)) + bv)
loss = tf.reduce_mean(tf.reduce_sum(tf.square(r - x), 1))
train = tf.train.RMSPropOptimizer(0.05, momentum=0.5, centered=True).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {x: X})
        print(i, repr(float(lv)))
    print(H(s.run(h, {x: X})))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
