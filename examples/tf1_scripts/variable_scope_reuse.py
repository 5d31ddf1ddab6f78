"""Sharing variables with tf.variable_scope and tf.get_variable: one two-layer
encoder applied to two inputs (a siamese network), the TF 1.x way.
"""
from __future__ import print_function

import numpy as np
import tensorflow as tf


def encoder(x, reuse=None):
    with tf.variable_scope('encoder', reuse=reuse):
        with tf.variable_scope('layer1'):
            w = tf.get_variable('w', [4, 8], initializer=tf.constant_initializer(0.1))
            b = tf.get_variable('b', [8], initializer=tf.zeros_initializer())
            h = tf.nn.tanh(tf.matmul(x, w) + b)
        with tf.variable_scope('layer2'):
            w = tf.get_variable('w', [8, 2],
                                initializer=tf.random_normal_initializer(stddev=0.5, seed=3))
            b = tf.get_variable('b', [2], initializer=tf.zeros_initializer())
            return tf.matmul(h, w) + b


left = tf.placeholder(tf.float32, [None, 4], name='left')
right = tf.placeholder(tf.float32, [None, 4], name='right')
same = tf.placeholder(tf.float32, [None], name='same')

out_left = encoder(left)
out_right = encoder(right, reuse=True)
with tf.variable_scope('encoder', reuse=tf.AUTO_REUSE):
    again = tf.get_variable('layer1/w')

print('variables:')
for v in tf.trainable_variables():
    print(' ', v.name, v.get_shape().as_list())
print('get_variable with reuse returns the same variable:', again is tf.trainable_variables()[0])

try:
    encoder(left)
except ValueError as e:
    print('defining it again without reuse fails:', str(e).split('.')[0] + '.')

# contrastive loss: pull pairs labelled same together, push the others apart
dist = tf.reduce_sum(tf.square(out_left - out_right), axis=1)
loss = tf.reduce_mean(same * dist + (1.0 - same) * tf.maximum(0.0, 1.0 - dist))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

rng = np.random.RandomState(0)
a = rng.randn(64, 4).astype(np.float32)
b = np.where(rng.rand(64, 1) < 0.5, a + 0.05 * rng.randn(64, 4), rng.randn(64, 4))
labels = (np.abs(a - b).max(axis=1) < 0.5).astype(np.float32)
feed = {left: a, right: b.astype(np.float32), same: labels}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    first = sess.run(loss, feed)
    for _ in range(200):
        sess.run(train, feed)
    last = sess.run(loss, feed)
    print('loss went down: %s' % (last < first))
