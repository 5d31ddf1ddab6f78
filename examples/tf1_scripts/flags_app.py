"""Fit a quadratic with tf.app.flags + tf.app.run, writing a report with tf.gfile.

    python flags_app.py --learning_rate=0.1 --steps=300 --output_dir=/tmp/fit
"""
from __future__ import print_function

import os

import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_float('learning_rate', 0.1, 'Initial learning rate.')
flags.DEFINE_integer('steps', 300, 'Number of steps to run trainer.')
flags.DEFINE_string('output_dir', '/tmp/flags_app', 'Directory for the report.')
flags.DEFINE_boolean('verbose', False, 'Print the loss while training.')
FLAGS = flags.FLAGS


def main(argv):
    if len(argv) > 1:
        print('Extra arguments:', ' '.join(argv[1:]))
    xs = np.linspace(-1.0, 1.0, 21).astype(np.float32)
    ys = 2.0 * xs ** 2 - 0.5 * xs + 1.0

    x = tf.placeholder(tf.float32, [None])
    y = tf.placeholder(tf.float32, [None])
    coeffs = tf.Variable([0.0, 0.0, 0.0], name='coeffs')
    pred = coeffs[0] * tf.square(x) + coeffs[1] * x + coeffs[2]
    loss = tf.reduce_mean(tf.square(pred - y))
    train = tf.train.MomentumOptimizer(FLAGS.learning_rate, momentum=0.9).minimize(loss)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(FLAGS.steps):
            _, l = sess.run([train, loss], {x: xs, y: ys})
            if FLAGS.verbose and step % 100 == 0:
                print('step %d loss %.6f' % (step, l))
        a, b, c = sess.run(coeffs)

    if not tf.gfile.Exists(FLAGS.output_dir):
        tf.gfile.MakeDirs(FLAGS.output_dir)
    report = os.path.join(FLAGS.output_dir, 'fit.txt')
    with tf.gfile.GFile(report, 'w') as f:
        f.write('y = %.3f x^2 + %.3f x + %.3f\n' % (a, b, c))
    with tf.gfile.GFile(report) as f:
        print('Fit after %d steps: %s' % (FLAGS.steps, f.read().strip()))
    print('Files:', tf.gfile.ListDirectory(FLAGS.output_dir))


if __name__ == '__main__':
    tf.app.run()
