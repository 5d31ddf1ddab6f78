"""TF 1.14's restore with reshape: tf.train.Saver(reshape=True) (a Reshape of each value
read to the variable's shape before its assign, ref and resource variables) and
slim.assign_from_checkpoint_fn(reshape_variables=True): the ops, the values, the error
when the element counts differ. tests/test_pslim_reshape_restore.py runs the same cases
with flowgrad."""
import os
import shutil
import tempfile

import numpy as np


def _save(tf, path):
    with tf.Graph().as_default():
        tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3), name="a")
        tf.Variable([1.0, 2.0], name="b")
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            tf.train.Saver().save(s, path)


def _run(tf, body):
    d = tempfile.mkdtemp()
    try:
        path = os.path.join(d, "m.ckpt")
        _save(tf, path)
        return body(path)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def saver_reshape(tf):
    def body(path):
        with tf.Graph().as_default() as g:
            a = tf.get_variable("a", [3, 2])
            b = tf.get_variable("b", [2, 1], use_resource=True)
            n = len(g.get_operations())
            saver = tf.train.Saver([a, b], reshape=True)
            ops = [[o.name, o.type, [i.name for i in o.inputs]]
                   for o in g.get_operations()[n:] if "RestoreV2" not in o.name]
            with tf.Session() as s:
                saver.restore(s, path)
                return {"ops": ops, "values": s.run([a, b]), "version": g.version}
    return _run(tf, body)


def slim_reshape(tf):
    def body(path):
        out = {}
        with tf.Graph().as_default() as g:
            a = tf.get_variable("a", [6])
            fn = tf.contrib.slim.assign_from_checkpoint_fn(path, {"a": a},
                                                           reshape_variables=True)
            with tf.Session() as s:
                fn(s)
                out["values"] = s.run(a)
            out["version"] = g.version
        with tf.Graph().as_default():
            a = tf.get_variable("a", [3, 3])
            fn = tf.contrib.slim.assign_from_checkpoint_fn(path, [a], reshape_variables=True)
            with tf.Session() as s:
                try:
                    fn(s)
                except tf.errors.InvalidArgumentError as e:
                    out["error"] = [type(e).__name__, str(e).splitlines()[0]]
        return out
    return _run(tf, body)


def cases(tf):
    return {"saver_reshape": saver_reshape(tf), "slim_reshape": slim_reshape(tf)}
