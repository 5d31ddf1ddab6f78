"""Logistic (softmax) regression with TensorFlow 1.x on two Gaussian blobs.

Runs unchanged under TensorFlow 1.x and under flowgrad
(`flowgrad run examples/logistic_regression.py`).
"""
from __future__ import print_function

import numpy as np
import tensorflow as tf

# two classes in 2-D: class 0 around (-1, -1), class 1 around (1, 1)
rng = np.random.RandomState(1)
n = 200
points = np.concatenate([rng.randn(n, 2) - 1.0, rng.randn(n, 2) + 1.0]).astype(np.float32)
labels = np.concatenate([np.zeros(n, np.int64), np.ones(n, np.int64)])
one_hot = np.eye(2, dtype=np.float32)[labels]

x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 2])
W = tf.Variable(tf.zeros([2, 2]))
b = tf.Variable(tf.zeros([2]))

pred = tf.nn.softmax(tf.matmul(x, W) + b)
cost = tf.reduce_mean(-tf.reduce_sum(y * tf.log(pred), reduction_indices=1))
optimizer = tf.train.GradientDescentOptimizer(0.5).minimize(cost)

correct = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(1, 101):
        _, c = sess.run([optimizer, cost], feed_dict={x: points, y: one_hot})
        if epoch % 25 == 0:
            print("Epoch: %04d cost=%.5f" % (epoch, c))
    acc = sess.run(accuracy, feed_dict={x: points, y: one_hot})
    print("Accuracy: %.4f" % acc)
    print("P(class 1 | (2, 2)) = %.3f" % sess.run(pred, {x: [[2.0, 2.0]]})[0, 1])
