"""Minimise the Rosenbrock function f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 with
TensorFlow 1.x: its gradient from tf.gradients, then plain gradient descent and
Adam. The minimum is f(1, 1) = 0.

Runs unchanged under TensorFlow 1.x and under flowgrad
(`flowgrad run examples/rosenbrock.py`).
"""
from __future__ import print_function

import tensorflow as tf


def rosenbrock(x, y):
    return tf.square(1.0 - x) + 100.0 * tf.square(y - tf.square(x))


start = [-1.5, 2.0]
x = tf.Variable(start[0], dtype=tf.float64, name="x")
y = tf.Variable(start[1], dtype=tf.float64, name="y")
f = rosenbrock(x, y)
grad_x, grad_y = tf.gradients(f, [x, y])
reset = tf.group(tf.assign(x, start[0]), tf.assign(y, start[1]))

sgd = tf.train.GradientDescentOptimizer(learning_rate=0.001).minimize(f)
adam = tf.train.AdamOptimizer(learning_rate=0.05).minimize(f)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("f(%.1f, %.1f) = %.4f, gradient = (%.4f, %.4f)"
          % tuple(start + sess.run([f, grad_x, grad_y])))
    for name, step, steps in [("GradientDescent", sgd, 5000), ("Adam", adam, 2000)]:
        sess.run(reset)
        for _ in range(steps):
            sess.run(step)
        print("%s, %d steps: x = %.4f, y = %.4f, f = %.6f"
              % ((name, steps) + tuple(sess.run([x, y, f]))))
