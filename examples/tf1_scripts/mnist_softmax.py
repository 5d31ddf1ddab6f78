"""A very simple classifier: the TF 1.x "MNIST for ML beginners" tutorial
(mnist_softmax.py), on scikit-learn's 8x8 digits instead of MNIST downloads.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import argparse
import sys

import numpy as np
from sklearn.datasets import load_digits

import tensorflow as tf

FLAGS = None


def read_data_sets():
    digits = load_digits()
    images = (digits.data / 16.0).astype(np.float32)
    labels = np.eye(10, dtype=np.float32)[digits.target]
    order = np.random.RandomState(42).permutation(len(images))
    images, labels = images[order], labels[order]
    return (images[:1500], labels[:1500]), (images[1500:], labels[1500:])


def main(_):
    (train_images, train_labels), (test_images, test_labels) = read_data_sets()

    # Create the model
    x = tf.placeholder(tf.float32, [None, 64])
    W = tf.Variable(tf.zeros([64, 10]))
    b = tf.Variable(tf.zeros([10]))
    y = tf.matmul(x, W) + b

    # Define loss and optimizer
    y_ = tf.placeholder(tf.float32, [None, 10])
    cross_entropy = tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
    train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)

    sess = tf.InteractiveSession()
    tf.global_variables_initializer().run()
    # Train
    rng = np.random.RandomState(0)
    for _ in range(FLAGS.steps):
        idx = rng.randint(0, len(train_images), 100)
        sess.run(train_step, feed_dict={x: train_images[idx], y_: train_labels[idx]})

    # Test trained model
    correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    print("test accuracy %g" % sess.run(accuracy, feed_dict={x: test_images,
                                                             y_: test_labels}))


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--steps', type=int, default=1000, help='Training steps')
    FLAGS, unparsed = parser.parse_known_args()
    tf.app.run(main=main, argv=[sys.argv[0]] + unparsed)
