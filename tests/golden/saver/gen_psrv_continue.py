"""Training continued from a .meta file as TF 1.14 scripts do it (probe psrv;
tests/test_psrv_continue.py runs the same case functions with flowgrad):
import_meta_graph + restore, the train op and inputs from collections, the global step
(its collection holds VariableDefs) stepping on; a Saver's SaverDef fields (max_to_keep
None written as 0, keep_checkpoint_every_n_hours as a float)."""
import os
import shutil
import tempfile

import numpy as np


def _train_and_save(tf, d, X, Y):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    w = tf.get_variable("w", [3, 1], initializer=tf.constant_initializer(0.5))
    b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    pred = tf.add(tf.matmul(x, w), b, name="pred")
    loss = tf.reduce_mean(tf.square(pred - y), name="loss")
    gs = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=gs, name="train")
    tf.add_to_collection("train_op", train_op)
    tf.add_to_collection("inputs", x)
    tf.add_to_collection("inputs", y)
    saver = tf.train.Saver(max_to_keep=2)
    losses = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            losses.append(sess.run([loss, train_op], {x: X, y: Y})[0])
            saver.save(sess, os.path.join(d, "model"), global_step=i)
    return losses


def continued(tf):
    """Three steps, saved; the .meta imported in a new graph, restored, three more."""
    X = np.arange(24, dtype=np.float32).reshape(8, 3) / 10.0
    Y = np.arange(8, dtype=np.float32).reshape(8, 1) / 4.0
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            first = _train_and_save(tf, d, X, Y)
        files = sorted(os.listdir(d))
        with tf.Graph().as_default() as g:
            with tf.Session() as sess:
                saver = tf.train.import_meta_graph(os.path.join(d, "model-2.meta"))
                saver.restore(sess, tf.train.latest_checkpoint(d))
                train_op = tf.get_collection("train_op")[0]
                xi, yi = tf.get_collection("inputs")
                loss = g.get_tensor_by_name("loss:0")
                gs = tf.train.get_global_step()
                step0 = sess.run(gs)
                more = [sess.run([loss, train_op], {xi: X, yi: Y})[0] for _ in range(3)]
                out = {"first": first, "files": files, "step0": int(step0),
                       "more": more, "step": int(sess.run(gs)),
                       "global_step": [v.name for v in tf.get_collection("global_step")],
                       "keys": sorted(g.get_all_collection_keys()),
                       "train_op": [train_op.name, train_op.type],
                       "globals": [v.name for v in tf.global_variables()],
                       "trainable": [v.name for v in tf.trainable_variables()]}
    finally:
        shutil.rmtree(d)
    return out


def saver_defs(tf):
    """SaverDef fields of Savers with max_to_keep None / 3 and integer hours."""
    with tf.Graph().as_default():
        v = tf.Variable(1.0, name="v")
        out = []
        for kwargs in ({"max_to_keep": None, "keep_checkpoint_every_n_hours": 2},
                       {"max_to_keep": 3}, {"var_list": {"vv": v}, "max_to_keep": 0}):
            sd = tf.train.Saver(**kwargs).as_saver_def()
            out.append([sd.max_to_keep, sd.keep_checkpoint_every_n_hours,
                        type(sd.keep_checkpoint_every_n_hours).__name__, sd.version,
                        sd.sharded, sd.filename_tensor_name, sd.save_tensor_name,
                        sd.restore_op_name])
        return out


def cases(tf):
    return {"continued": continued(tf), "saver_defs": saver_defs(tf)}
