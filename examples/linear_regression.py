"""Linear regression with TensorFlow 1.x: fit y = w*x + b by gradient descent.

Runs unchanged under TensorFlow 1.x (`python linear_regression.py`) and under
flowgrad (`flowgrad run examples/linear_regression.py`).
"""
from __future__ import print_function

import numpy as np
import tensorflow as tf

# 100 noisy points on y = 3x + 2
rng = np.random.RandomState(0)
train_x = rng.uniform(-1.0, 1.0, size=100).astype(np.float32)
train_y = (3.0 * train_x + 2.0 + 0.1 * rng.randn(100)).astype(np.float32)

X = tf.placeholder(tf.float32, shape=[None], name="x")
Y = tf.placeholder(tf.float32, shape=[None], name="y")
W = tf.Variable(0.0, name="weight")
b = tf.Variable(0.0, name="bias")

pred = W * X + b
cost = tf.reduce_mean(tf.square(pred - Y)) / 2.0
train_op = tf.train.GradientDescentOptimizer(learning_rate=0.5).minimize(cost)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {X: train_x, Y: train_y}
    for epoch in range(1, 201):
        sess.run(train_op, feed_dict=feed)
        if epoch % 50 == 0:
            c, w_val, b_val = sess.run([cost, W, b], feed_dict=feed)
            print("Epoch: %04d cost=%.6f W=%.4f b=%.4f" % (epoch, c, w_val, b_val))
    print("Fitted: y = %.3f * x + %.3f" % tuple(sess.run([W, b])))
