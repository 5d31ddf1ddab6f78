"""Train a 64-64-10 MLP on scikit-learn's 8x8 handwritten digits (TensorFlow 1.x code).

`flowgrad demo` runs this script (flowgrad/demo/digits.py); so does `flowgrad run`, and
so would TensorFlow 1.x (`python digits.py`). It trains with Adam on
minibatches, shows a progress bar with the loss and accuracy, reports the
accuracy on 360 held-out images, writes a checkpoint and TensorBoard logs
under --logdir, and on the next run resumes from the latest checkpoint.

    flowgrad demo                      # train 1000 steps, save to ./runs/digits
    flowgrad demo                      # resume there, train 1000 more
    flowgrad demo --logdir /tmp/d --steps 500 --noprogress
    tensorboard --logdir ./runs/digits
"""
from __future__ import print_function

import os

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tqdm import tqdm

flags = tf.app.flags
flags.DEFINE_string("logdir", "./runs/digits", "Where checkpoints and TensorBoard logs go.")
flags.DEFINE_integer("steps", 1000, "Training steps in this run.", lower_bound=0)
flags.DEFINE_integer("batch_size", 64, "Images per training step.", lower_bound=1)
flags.DEFINE_float("learning_rate", 0.003, "Adam's learning rate.")
flags.DEFINE_integer("log_every", 20, "Steps between progress and summary updates.",
                     lower_bound=1)
flags.DEFINE_boolean("progress", True, "Show a progress bar.")
FLAGS = flags.FLAGS


def load_data():
    """The 1797 digits as (train, test): 1437 and 360 images, pixels scaled to [0, 1]."""
    digits = load_digits()
    images = (digits.data / 16.0).astype(np.float32)
    labels = digits.target.astype(np.int64)
    order = np.random.RandomState(0).permutation(len(images))
    images, labels = images[order], labels[order]
    return (images[360:], labels[360:]), (images[:360], labels[:360])


def dense(x, n_out, name, activation=None):
    """A fully connected layer with He-initialised weights."""
    n_in = int(x.get_shape()[1])
    with tf.name_scope(name):
        w = tf.Variable(tf.truncated_normal([n_in, n_out], stddev=np.sqrt(2.0 / n_in)),
                        name="weights")
        b = tf.Variable(tf.zeros([n_out]), name="biases")
        y = tf.matmul(x, w) + b
        return activation(y) if activation is not None else y


def build_model():
    images = tf.placeholder(tf.float32, [None, 64], name="images")
    labels = tf.placeholder(tf.int64, [None], name="labels")
    hidden1 = dense(images, 64, "hidden1", tf.nn.relu)
    hidden2 = dense(hidden1, 64, "hidden2", tf.nn.relu)
    logits = dense(hidden2, 10, "logits")
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(
        labels=tf.one_hot(labels, 10), logits=logits))
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32))
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(FLAGS.learning_rate).minimize(
        loss, global_step=global_step)
    tf.summary.scalar("loss", loss)
    tf.summary.scalar("accuracy", accuracy)
    return images, labels, loss, accuracy, train_op, global_step


def main(_):
    (train_x, train_y), (test_x, test_y) = load_data()
    tf.set_random_seed(0)
    images, labels, loss, accuracy, train_op, global_step = build_model()
    summaries = tf.summary.merge_all()
    saver = tf.train.Saver(max_to_keep=3)
    tf.gfile.MakeDirs(FLAGS.logdir)

    with tf.Session() as sess:
        checkpoint = tf.train.latest_checkpoint(FLAGS.logdir)
        if checkpoint:
            saver.restore(sess, checkpoint)
            print("Resumed from %s at step %d" % (checkpoint, sess.run(global_step)))
        else:
            sess.run(tf.global_variables_initializer())
            print("No checkpoint in %s: training from scratch" % FLAGS.logdir)
        start = sess.run(global_step)
        writer = tf.summary.FileWriter(os.path.join(FLAGS.logdir, "train"),
                                       sess.graph if start == 0 else None)

        rng = np.random.RandomState(start)
        n = len(train_x)
        order = rng.permutation(n)
        pos = 0
        bar = tqdm(range(start, start + FLAGS.steps), desc="training", unit="step",
                   disable=not FLAGS.progress)
        for step in bar:
            if pos + FLAGS.batch_size > n:
                order, pos = rng.permutation(n), 0
            batch = order[pos:pos + FLAGS.batch_size]
            pos += FLAGS.batch_size
            feed = {images: train_x[batch], labels: train_y[batch]}
            if (step + 1) % FLAGS.log_every == 0:
                _, loss_v, acc_v, summ = sess.run([train_op, loss, accuracy, summaries], feed)
                writer.add_summary(summ, step + 1)
                bar.set_postfix(loss="%.4f" % loss_v, acc="%.3f" % acc_v)
            else:
                sess.run(train_op, feed)
        bar.close()

        step = sess.run(global_step)
        test_loss, test_acc, summ = sess.run([loss, accuracy, summaries],
                                             {images: test_x, labels: test_y})
        writer.close()
        test_writer = tf.summary.FileWriter(os.path.join(FLAGS.logdir, "test"))
        test_writer.add_summary(summ, step)
        test_writer.close()
        path = saver.save(sess, os.path.join(FLAGS.logdir, "model.ckpt"),
                          global_step=global_step)
        print("Step %d: test loss %.4f, test accuracy %.4f (%d images)"
              % (step, test_loss, test_acc, len(test_x)))
        print("Saved checkpoint %s; TensorBoard logs in %s" % (path, FLAGS.logdir))


if __name__ == "__main__":
    tf.app.run()
