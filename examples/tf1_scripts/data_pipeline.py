"""A TF 1.x input-pipeline tutorial: write tf.train.Examples to a TFRecord file, read them
back with tf.data (parse, shuffle, batch, repeat), train a softmax classifier from an
initializable iterator, and evaluate through a feedable (string-handle) iterator.

Runs unchanged under TensorFlow 1.14 and `flowgrad run`, printing the same numbers.
"""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf


def make_examples(path, n, seed):
    centers = np.random.RandomState(0).randn(3, 4).astype(np.float32) * 3
    rs = np.random.RandomState(seed)
    with tf.python_io.TFRecordWriter(path) as writer:
        for i in range(n):
            label = i % 3
            x = centers[label] + rs.randn(4).astype(np.float32)
            ex = tf.train.Example(features=tf.train.Features(feature={
                "x": tf.train.Feature(float_list=tf.train.FloatList(value=x)),
                "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[label])),
            }))
            writer.write(ex.SerializeToString())


def parse(record):
    feats = tf.parse_single_example(record, {
        "x": tf.FixedLenFeature([4], tf.float32),
        "label": tf.FixedLenFeature([], tf.int64),
    })
    return feats["x"], feats["label"]


def main():
    tmp = tempfile.mkdtemp()
    try:
        train_file = os.path.join(tmp, "train.tfrecord")
        test_file = os.path.join(tmp, "test.tfrecord")
        make_examples(train_file, 300, 0)
        make_examples(test_file, 60, 1)

        tf.set_random_seed(42)
        train = tf.data.TFRecordDataset(train_file).map(parse).shuffle(100, seed=7) \
            .batch(32).repeat()
        test = tf.data.TFRecordDataset(test_file).map(parse).batch(60)

        handle = tf.placeholder(tf.string, shape=[])
        iterator = tf.data.Iterator.from_string_handle(handle, train.output_types,
                                                       train.output_shapes)
        x, y = iterator.get_next()
        train_it = train.make_one_shot_iterator()
        test_it = test.make_initializable_iterator()

        w = tf.Variable(tf.zeros([4, 3]))
        b = tf.Variable(tf.zeros([3]))
        logits = tf.matmul(x, w) + b
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=y, logits=logits))
        accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            train_h, test_h = sess.run([train_it.string_handle(), test_it.string_handle()])
            for i in range(60):
                l, _ = sess.run([loss, step], {handle: train_h})
                if i % 20 == 0:
                    print("step %d loss %.4f" % (i, l))
            sess.run(test_it.initializer)
            print("test accuracy %.4f" % sess.run(accuracy, {handle: test_h}))
            try:
                sess.run(accuracy, {handle: test_h})
            except tf.errors.OutOfRangeError:
                print("test set exhausted")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
