"""TF 1.14's tf.pad static shapes when the paddings are partly tensors (detection code
padding a variable number of boxes to a fixed count: [[0, n - k], [0, 0]]): tf.pad
restores the dims whose paddings constant_value(partial=True) knows; inside a while loop
too; and the padded values."""
import numpy as np


def _shapes(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    n = tf.placeholder(tf.int32, [], name="n")
    y = tf.placeholder(tf.float32, [3, None, 2], name="y")
    ts = [tf.pad(x, [[0, n], [0, 0]]),
          tf.pad(x, [[0, 5 - tf.shape(x)[0]], [1, 2]]),
          tf.pad(x, tf.stack([[0, n], [0, 0]])),
          tf.pad(x, [[0, n], [0, 0]], constant_values=-1.0),
          tf.pad(y, [[1, 1], [0, n], [n, 0]]),
          tf.pad(y, [[1, 1], [0, n], [1, 0]], mode="REFLECT"),
          tf.pad(y, [[n, 1], [0, 3], [2, 0]], constant_values=1.0),
          tf.pad(y, tf.concat([[[1, 1]], [[0, n]], [[2, 0]]], 0)),
          tf.pad(x, [[1, 1], [2, 2]])]
    loop = []

    def body(i, acc):
        p = tf.pad(tf.gather(x, tf.range(i)), [[0, 5 - i], [0, 0]])
        loop.append(p)
        return i + 1, acc + tf.reduce_sum(p)
    _, total = tf.while_loop(lambda i, a: i < 3, body, [0, 0.0])
    return x, n, y, ts + loop, total


def cases(tf):
    with tf.Graph().as_default():
        x, n, y, ts, total = _shapes(tf)
        shapes = [str(t.shape) for t in ts]
        with tf.Session() as sess:
            feed = {x: np.arange(8, dtype=np.float32).reshape(2, 4), n: 1,
                    y: np.arange(12, dtype=np.float32).reshape(3, 2, 2)}
            values = sess.run(ts[:8] + [total], feed)
    return {"shapes": shapes, "values": values}
