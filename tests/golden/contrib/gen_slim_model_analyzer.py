"""TF 1.14's tf.contrib.slim.model_analyzer over a small slim model: analyze_vars and
analyze_ops, their totals and the lines they print. tests/test_slim_model_analyzer.py
runs the same program with flowgrad."""
from __future__ import absolute_import

import contextlib
import io


def _model(tf):
    slim = tf.contrib.slim
    x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="images")
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        weights_regularizer=slim.l2_regularizer(0.001)):
        net = slim.conv2d(x, 4, [3, 3], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
        net = slim.batch_norm(net, is_training=True, scope="bn")
        net = slim.flatten(net)
        slim.fully_connected(net, 10, activation_fn=None, scope="logits")
    tf.Variable(tf.zeros([3], tf.int64), name="counter")


def analyze(tf):
    ma = tf.contrib.slim.model_analyzer
    with tf.Graph().as_default() as g:
        _model(tf)
        out = {}
        for name, fn in (("vars", lambda: ma.analyze_vars(tf.global_variables(), True)),
                         ("model_vars", lambda: ma.analyze_vars(
                             tf.contrib.slim.get_model_variables())),
                         ("ops", lambda: ma.analyze_ops(g, print_info=True))):
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                res = fn()
            out[name] = [list(res) if isinstance(res, tuple) else res,
                         buf.getvalue().split("\n")]
        out["description"] = ma.tensor_description(g.get_tensor_by_name("images:0"))
    return out


def cases(tf):
    return {"analyze": analyze(tf)}
