"""TF 1.14's slim / contrib.framework assign_from_values(_fn), assign_from_checkpoint and
assign_from_checkpoint_fn(ignore_missing_vars=True): the ops built, the values assigned,
the errors. The checkpoint lives in a temporary folder removed afterwards.
Test: tests/test_layers_slim_assign.py."""
import os
import shutil
import tempfile

import numpy as np


def _vars(tf):
    with tf.variable_scope("net"):
        a = tf.get_variable("a", [2, 3], initializer=tf.zeros_initializer())
        b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
    c = tf.Variable(np.zeros(4, np.float32), name="c")
    return a, b, c


def _ops(tf):
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()]


def _values(tf):
    g = tf.Graph()
    with g.as_default():
        a, b, c = _vars(tf)
        op, feed = tf.contrib.framework.assign_from_values(
            {"net/a": np.arange(6, dtype=np.float32), "c": np.ones(4, np.float32)})
        fn = tf.contrib.slim.assign_from_values_fn({"net/b": np.array([1.0, 2.0, 3.0])})
        out = {"ops": _ops(tf), "feed": sorted(t.name for t in feed)}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(op, feed)
            fn(sess)
            out["values"] = sess.run([a, b, c])
    return out


def _checkpoint(tf):
    d = tempfile.mkdtemp()
    try:
        path = os.path.join(d, "model.ckpt")
        g = tf.Graph()
        with g.as_default():
            a, b, c = _vars(tf)
            with tf.Session() as sess:
                sess.run([a.assign(tf.reshape(tf.range(6.0), [2, 3])), b.assign([7.0, 8, 9]),
                          c.initializer])
                tf.train.Saver([a, b]).save(sess, path)
        out = {"list": [[n, list(s)] for n, s in tf.contrib.framework.list_variables(d)],
               "load": tf.contrib.framework.load_variable(d, "net/b"),
               "reader": sorted(tf.contrib.framework.load_checkpoint(path)
                                .get_variable_to_shape_map())}
        g = tf.Graph()
        with g.as_default():
            a, b, c = _vars(tf)
            op, feed = tf.contrib.slim.assign_from_checkpoint(path, [a, b])
            op2, feed2 = tf.contrib.framework.assign_from_checkpoint(
                path, {"net/b": [b], "nope": c}, ignore_missing_vars=True)
            fn = tf.contrib.framework.assign_from_checkpoint_fn(path, [a, c],
                                                                ignore_missing_vars=True)
            none_fn = tf.contrib.slim.assign_from_checkpoint_fn(path, [c],
                                                                ignore_missing_vars=True)
            out["ops"] = [o for o in _ops(tf) if not o[0].startswith("save")]
            out["feeds"] = [sorted(t.name for t in feed), sorted(t.name for t in feed2)]
            out["none_fn"] = none_fn is None
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(op, feed)
                out["values"] = sess.run([a, b])
                sess.run(tf.global_variables_initializer())
                fn(sess)
                out["fn_values"] = sess.run([a, b, c])
            for name, call in (
                    ("missing", lambda: tf.contrib.framework.assign_from_checkpoint(
                        path, [c])),
                    ("shape", lambda: tf.contrib.framework.assign_from_checkpoint(
                        path, {"net/b": tf.get_variable("d", [2])})),
                    ("unknown_var", lambda: tf.contrib.framework.assign_from_values(
                        {"zzz": np.zeros(1)}))):
                try:
                    call()
                    out[name] = "no error"
                except ValueError as e:
                    out[name] = str(e)
        return out
    finally:
        shutil.rmtree(d)


def cases(tf):
    return {"values": _values(tf), "checkpoint": _checkpoint(tf)}
