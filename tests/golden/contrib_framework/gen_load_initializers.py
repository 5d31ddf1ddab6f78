"""tf.contrib.framework's checkpoint-loading initializers under TF 1.14: an embedding
remapped to a new vocabulary (new words and OOV buckets from ones_initializer, and
from the default truncated normal under a graph seed), a multi-class bias, an optimizer
slot loaded with its primary variable's partition, and the initializers' argument errors.
The checkpoint and the vocabularies are written by `cases` itself (the same with
flowgrad: tests/test_contrib_framework_load_initializers.py)."""
import os
import shutil
import tempfile

import numpy as np


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa
        return [type(e).__name__, str(e)]
    return None


def _write(path, words):
    with open(path, "w") as f:
        f.write("\n".join(words) + "\n")


def _checkpoint(tf, d):
    with tf.Graph().as_default():
        emb = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3), name="emb")
        bias = tf.Variable(np.array([[1.], [2.], [3.]], np.float32), name="bias")
        slot = tf.Variable(np.arange(8, dtype=np.float32).reshape(4, 2) / 10, name="slot")
        del emb, bias, slot
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            return tf.train.Saver().save(s, os.path.join(d, "model"))


def cases(tf):
    fw = tf.contrib.framework
    d = tempfile.mkdtemp()
    out = {}
    try:
        ckpt = _checkpoint(tf, d)
        old_v, new_v = os.path.join(d, "old.txt"), os.path.join(d, "new.txt")
        old_c, new_c = os.path.join(d, "old_c.txt"), os.path.join(d, "new_c.txt")
        _write(old_v, ["a", "b", "c", "d"])
        _write(new_v, ["d", "x", "b", "a", "y"])
        _write(old_c, ["c0", "c1", "c2"])
        _write(new_c, ["c2", "c9", "c0"])
        with tf.Graph().as_default():
            tf.set_random_seed(7)
            e1 = tf.get_variable("e1", shape=[6, 3], initializer=fw.load_embedding_initializer(
                ckpt, "emb", 5, 3, old_v, new_v, num_oov_buckets=1,
                initializer=tf.ones_initializer()))
            e2 = tf.get_variable("e2", shape=[5, 3], initializer=fw.load_embedding_initializer(
                ckpt, "emb", 5, 3, old_v, new_v))
            b = tf.get_variable("b", shape=[4, 1],
                                initializer=fw.load_linear_multiclass_bias_initializer(
                                    ckpt, "bias", 3, old_c, new_c, num_class_oov_buckets=1))
            s = tf.get_variable("s", shape=[5, 2], initializer=fw.load_variable_slot_initializer(
                ckpt, "slot", None, 5, 2, old_row_vocab_file=old_v, new_row_vocab_file=new_v,
                initializer=tf.ones_initializer()))
            m = tf.get_variable("m", shape=[5, 3],
                                initializer=fw.load_and_remap_matrix_initializer(
                                    ckpt, "emb", 5, 3, old_row_vocab_file=old_v,
                                    new_row_vocab_file=new_v, old_col_vocab_file=old_c,
                                    new_col_vocab_file=new_c))
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for name, v in [("embedding", e1), ("embedding_default", e2), ("bias", b),
                                ("slot", s), ("matrix", m)]:
                    out[name] = sess.run(v)
        with tf.Graph().as_default():
            init = fw.load_embedding_initializer(ckpt, "emb", 5, 3, old_v, new_v)
            out["err/dtype"] = _err(lambda: init([5, 3], tf.float64))
            out["err/rank"] = _err(lambda: init([5]))
            out["err/cols"] = _err(lambda: init([5, 4]))
            out["err/initializer"] = _err(lambda: fw.load_and_remap_matrix_initializer(
                ckpt, "emb", 5, 3, initializer=3))
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return out
