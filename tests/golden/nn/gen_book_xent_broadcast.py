"""SoftmaxCrossEntropyWithLogits broadcasting its labels as TF 1.14 does (probe book;
tests/test_book_xent_broadcast.py runs the same case functions with flowgrad): the
static shapes of labels [1, C], [B, 1], [C] against logits [B, C], the shape errors, the
kernel's broadcast values and its run-time errors."""
import numpy as np

SHAPES = [([2, 3], [1, 3]), ([2, 3], [2, 1]), ([1, 3], [2, 3]), ([2, 3], [3, 3]),
          ([2, 3], [2, 4]), ([2, 3], [3]), ([2, 3], [1, 2]), ([None, 3], [2, 3]),
          ([None, 3], [None, 4]), ([2, 3, 1], [2, 3]), ([2, 3], None), (None, [2, 3]),
          (None, None), ([2, 3, 4], [2, 3, 4]), ([3], [3])]


def _xent(tf, a, b):
    return tf.raw_ops.SoftmaxCrossEntropyWithLogits(features=a, labels=b)


def static_shapes(tf):
    out = []
    with tf.Graph().as_default():
        for ls, bs in SHAPES:
            a, b = tf.placeholder(tf.float32, ls), tf.placeholder(tf.float32, bs)
            try:
                loss, backprop = _xent(tf, a, b)
                out.append([loss.shape.as_list() if loss.shape.ndims is not None else None,
                            backprop.shape.as_list()])
            except ValueError as e:
                out.append(str(e).split(" for '")[0])
    return out


def runs(tf):
    feeds = [(np.array([[1., 2., 3.], [1., 1., 0.]], np.float32),
              np.array([[0.2, 0.3, 0.5]], np.float32)),
             (np.array([[1., 2., 3.], [1., 1., 0.]], np.float32),
              np.array([[0.5], [0.25]], np.float32)),
             (np.array([[1., 2., 3.], [1., 1., 0.]], np.float32),
              np.array([0.1, 0.6, 0.3], np.float32)),
             (np.ones((2, 3), np.float32), np.ones((4, 3), np.float32)),
             (np.ones((2, 3, 1), np.float32), np.ones((2, 3, 1), np.float32)),
             (np.ones((3,), np.float32), np.ones((3,), np.float32))]
    out = []
    with tf.Graph().as_default():
        a, b = tf.placeholder(tf.float32, None), tf.placeholder(tf.float32, None)
        loss, backprop = _xent(tf, a, b)
        with tf.Session() as sess:
            for x, y in feeds:
                try:
                    out.append(sess.run([loss, backprop], {a: x, b: y}))
                except tf.errors.InvalidArgumentError as e:
                    out.append(e.message.splitlines()[0])
    return out


def cases(tf):
    return {"static_shapes": static_shapes(tf), "runs": runs(tf)}
