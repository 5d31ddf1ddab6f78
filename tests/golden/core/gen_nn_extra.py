"""tf.nn.conv_transpose, atrous_conv2d_transpose, conv3d_backprop_filter and
collapse_repeated under TF 1.14 (nn_extra.json) and flowgrad (tests/test_nn_extra.py):
ops, values, gradients, errors. Python 3.7."""
import numpy as np


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return "no error"


def _c(tf, shape, seed):
    return tf.constant(np.random.RandomState(seed).randn(*shape).astype(np.float32))


def build(tf):
    g = tf.get_default_graph()
    x1, f1 = _c(tf, [1, 3, 2], 0), _c(tf, [2, 4, 2], 1)
    x2, f2 = _c(tf, [1, 3, 3, 2], 2), _c(tf, [2, 2, 4, 2], 3)
    x3, f3 = _c(tf, [1, 2, 3, 3, 2], 4), _c(tf, [2, 2, 2, 4, 2], 5)
    outs = []
    n0 = len(g.get_operations())
    outs.append(tf.nn.conv_transpose(x2, f2, [1, 6, 6, 4], 2))
    outs.append(tf.nn.conv_transpose(x1, f1, [1, 6, 4], 2))
    outs.append(tf.nn.conv_transpose(x1, f1, tf.constant([1, 6, 4]), 2, padding="VALID"))
    outs.append(tf.nn.conv_transpose(x3, f3, [1, 4, 6, 6, 4], [1, 2, 2, 2, 1],
                                     padding="VALID"))
    outs.append(tf.nn.atrous_conv2d_transpose(x2, f2, [1, 3, 3, 4], 2, "SAME"))
    outs.append(tf.nn.atrous_conv2d_transpose(x2, f2, [1, 5, 5, 4], 2, "VALID"))
    outs.append(tf.nn.atrous_conv2d_transpose(x2, f2, [1, 3, 3, 4], 1, "SAME"))
    outs.append(tf.nn.atrous_conv2d_transpose(x2, _c(tf, [3, 2, 4, 2], 8), [1, 3, 3, 4], 3,
                                              "SAME"))
    outs.append(tf.nn.conv3d_backprop_filter(x3, [2, 2, 2, 2, 4], tf.ones([1, 2, 3, 3, 4]),
                                             [1, 1, 1, 1, 1], "SAME"))
    labels = tf.placeholder(tf.int32, [3, 7])
    lens = tf.placeholder(tf.int32, [3])
    feed = {labels: [[1, 1, 2, 2, 2, 3, 0], [4, 4, 4, 5, 5, 5, 5], [7, 7, 7, 7, 7, 7, 7]],
            lens: [6, 5, 0]}
    cl, cn = tf.nn.collapse_repeated(labels, lens)
    ops = [[o.name, o.type] for o in g.get_operations()[n0:]]
    grads = tf.gradients([tf.reduce_sum(o * o) for o in outs[:8]], [x1, x2, f2, x3])
    out = {"ops": ops,
           "errors": [
               _err(lambda: tf.nn.conv_transpose(x1, f1, [1, 4], 2)),
               _err(lambda: tf.nn.conv_transpose(x1, f1, 5, 2)),
               _err(lambda: tf.nn.conv_transpose(x1, f1, [1, 6, 4], 2, data_format="NHWC")),
               _err(lambda: tf.nn.atrous_conv2d_transpose(x2, f2, [1, 3, 3, 4], 0, "SAME")),
               _err(lambda: tf.nn.atrous_conv2d_transpose(x2, f2, [1, 3, 3, 4], 2, "FOO")),
               _err(lambda: tf.nn.atrous_conv2d_transpose(x2, f2, [1, 3, 3, 3], 2, "SAME")),
               _err(lambda: tf.nn.atrous_conv2d_transpose(x2, f2, [1, 3, 3], 2, "SAME")),
               _err(lambda: tf.nn.atrous_conv2d_transpose(x2, _c(tf, [2, 2, 4, 3], 9),
                                                          [1, 3, 3, 4], 2, "SAME"))]}
    with tf.Session() as sess:
        out["values"] = sess.run(outs + [cl, cn], feed)
        out["grads"] = sess.run(grads)
    return out


def cases(tf):
    with tf.Graph().as_default():
        return {"build": build(tf)}
