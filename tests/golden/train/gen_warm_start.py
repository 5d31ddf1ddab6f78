"""TF 1.14's tf.train.warm_start (and tf.train.VocabInfo): a checkpoint written by the
library's own Saver, then a new graph warm-started from it: plain variables (renamed with
var_name_to_prev_var_name, a partitioned one), vocabulary-remapped rows (with OOV buckets,
a backup initializer, an old vocabulary size, a partitioned variable) and columns (axis
1); the initial values, every op (name, type), a later seeded random op's numbers; and
the errors users can cause."""
from __future__ import absolute_import

import os
import shutil
import tempfile

import numpy as np

_OLD = ["a", "b", "c", "d"]
_NEW = ["c", "x", "a", "e", "b"]


def _files(tf, tag):
    d = os.path.join(tempfile.gettempdir(), "flowgrad_golden_warm_start_" + tag + "_" +
                     ("tf" if hasattr(tf, "raw_ops") else "fg"))
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for name, words in (("old.txt", _OLD), ("new.txt", _NEW)):
        with open(os.path.join(d, name), "w") as f:
            f.write("\n".join(words) + "\n")
    return d


def _save(tf, d):
    g = tf.Graph()
    with g.as_default():
        tf.Variable(np.arange(12.).reshape(4, 3).astype(np.float32), name="emb")
        tf.Variable(np.arange(8.).reshape(2, 4).astype(np.float32) + 100., name="cols")
        tf.Variable(np.arange(6.).reshape(3, 2).astype(np.float32) - 10., name="old_dense")
        tf.Variable(np.arange(8.).reshape(4, 2).astype(np.float32) * 3., name="part")
        tf.Variable([7., 8.], name="bias")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return saver.save(sess, os.path.join(d, "model"))


def _remap(tf):
    d = _files(tf, "remap")
    prefix = _save(tf, d)
    values, ops = _warm_remapped(tf, d)
    shutil.rmtree(d, ignore_errors=True)
    return [values, ops, prefix.endswith("model")]


def _warm_remapped(tf, d):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        emb = tf.get_variable("emb", [6, 3], initializer=tf.ones_initializer())
        cols = tf.get_variable("cols", [2, 6], initializer=tf.ones_initializer())
        small = tf.get_variable("small", [3, 3], initializer=tf.ones_initializer())
        part = tf.get_variable("part", [5, 2], initializer=tf.ones_initializer(),
                               partitioner=tf.fixed_size_partitioner(2))
        dense = tf.get_variable("dense", [3, 2], initializer=tf.ones_initializer())
        bias = tf.get_variable("bias", [2], initializer=tf.zeros_initializer())
        keep = tf.get_variable("keep", [2], initializer=tf.ones_initializer())
        new, old = os.path.join(d, "new.txt"), os.path.join(d, "old.txt")
        infos = {
            "emb": tf.train.VocabInfo(new, 5, 1, old,
                                      backup_initializer=tf.random_uniform_initializer(-1., 1.)),
            "cols": tf.train.VocabInfo(new, 5, 1, old, axis=1),
            "small": tf.train.VocabInfo(new, 3, 0, old, old_vocab_size=2),
            "part": tf.train.VocabInfo(new, 5, 0, old),
        }
        tf.train.warm_start(d, vars_to_warm_start=["emb", "cols", "small", "part", "dense",
                                                   "bias"],
                            var_name_to_vocab_info=infos,
                            var_name_to_prev_var_name={"dense": "old_dense",
                                                       "small": "emb"})
        after = tf.random_uniform([2])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run([emb, cols, small, tf.convert_to_tensor(part), dense, bias, keep,
                               after])
        ops = [[o.name, o.type] for o in g.get_operations()]
    return values, ops


def tf_checkpoint(tf):
    """TF's checkpoint files (bytes) and the values TF warm-starts from them: flowgrad's
    test warm-starts from the same files."""
    d = _files(tf, "tf_files")
    _save(tf, d)
    files = {}
    for name in sorted(os.listdir(d)):
        if name.startswith("model") or name == "checkpoint":
            with open(os.path.join(d, name), "rb") as f:
                files[name] = f.read()
    values, _ = _warm_remapped(tf, d)
    shutil.rmtree(d, ignore_errors=True)
    return [files, values]


def _plain(tf):
    d = _files(tf, "plain")
    _save(tf, d)
    g = tf.Graph()
    with g.as_default():
        emb = tf.get_variable("emb", [4, 3])
        bias = tf.get_variable("bias", [2])
        other = tf.get_variable("other", [2], trainable=False)
        tf.train.warm_start(d)   # trainable variables only
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run([emb, bias])
            other_shape = sess.run(other).shape
        ops = [[o.name, o.type] for o in g.get_operations()]
    shutil.rmtree(d, ignore_errors=True)
    return [values, ops, list(other_shape)]


def _error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        return [type(e).__name__, str(e).replace(fn.path, "<dir>")
                if hasattr(fn, "path") else str(e)]
    return None


def _errors(tf):
    d = _files(tf, "errors")
    _save(tf, d)
    new, old = os.path.join(d, "new.txt"), os.path.join(d, "old.txt")

    def in_graph(f):
        def run():
            with tf.Graph().as_default():
                f()
        run.path = d
        return run

    def unused_vocab():
        tf.get_variable("emb", [5, 3])
        tf.train.warm_start(d, var_name_to_vocab_info={
            "nope": tf.train.VocabInfo(new, 5, 0, old)})

    def unused_prev():
        tf.get_variable("emb", [4, 3])
        tf.train.warm_start(d, var_name_to_prev_var_name={"nope": "emb"})

    def bad_type():
        tf.train.warm_start(d, vars_to_warm_start=3)

    def mixed_list():
        v = tf.get_variable("emb", [4, 3])
        tf.train.warm_start(d, vars_to_warm_start=[v, "emb"])

    def bad_cols():
        tf.get_variable("emb", [5, 4])
        tf.train.warm_start(d, var_name_to_vocab_info={
            "emb": tf.train.VocabInfo(new, 5, 0, old, axis=1)})

    def too_many_rows():
        tf.get_variable("emb", [7, 3])
        tf.train.warm_start(d, var_name_to_vocab_info={
            "emb": tf.train.VocabInfo(new, 5, 1, old)})

    def no_vocab():
        tf.get_variable("emb", [5, 3])
        tf.train.warm_start(d, var_name_to_vocab_info={
            "emb": tf.train.VocabInfo("", 5, 0, old)})

    def missing_var():
        tf.get_variable("zz", [2])
        tf.train.warm_start(d, vars_to_warm_start="zz")

    out = {
        "axis": _error(lambda: tf.train.VocabInfo(new, 5, 0, old, axis=2)),
        # init_from_checkpoint's error names the path as given (the directory)
        "missing_var": _error(in_graph(missing_var)),
        "unused_vocab": _error(in_graph(unused_vocab)),
        "unused_prev": _error(in_graph(unused_prev)),
        "bad_type": _error(in_graph(bad_type)),
        # the message goes on to name the classes of the list's items
        "mixed_list": _error(in_graph(mixed_list))[1].split("  Given")[0],
        "bad_cols": _error(in_graph(bad_cols)),
        "too_many_rows": _error(in_graph(too_many_rows)),
        "no_vocab": _error(in_graph(no_vocab)),
    }
    shutil.rmtree(d, ignore_errors=True)
    return out


def cases(tf):
    return {"remap": _remap(tf), "plain": _plain(tf), "errors": _errors(tf),
            "tf_checkpoint": tf_checkpoint(tf)}
