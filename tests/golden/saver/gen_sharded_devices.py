"""TF 1.14's Saver(sharded=True) with variables on more than one device: one shard per
device (a partitioned resource variable's saved read is on CPU:0, so it shards apart
from unplaced reference variables, as in every canned estimator's checkpoint), the save
and restore graph per shard, and the files a save writes."""
from __future__ import absolute_import

import os
import shutil
import tempfile

import numpy as np


def _graph(tf, build):
    g = tf.Graph()
    with g.as_default():
        variables = build(tf)
        n0 = len(g.get_operations())
        saver = tf.train.Saver(sharded=True)
        ops = [[o.name, o.type, o.device, [t.name for t in o.inputs],
                [c.name for c in o.control_inputs]] for o in g.get_operations()[n0:]]
        d = tempfile.mkdtemp()
        try:
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                path = saver.save(sess, os.path.join(d, "m"), global_step=7)
                want = sess.run(variables)
                sess.run([tf.assign(v, tf.zeros_like(v)) for v in variables])
                saver.restore(sess, path)
                got = sess.run(variables)
            files = sorted(os.listdir(d))
            listed = tf.train.list_variables(path)
        finally:
            shutil.rmtree(d)
    return {"ops": ops, "saver_def": [saver.saver_def.save_tensor_name,
                                      saver.saver_def.restore_op_name],
            "files": files, "list_variables": [[n, list(s)] for n, s in listed],
            "restored": all(np.array_equal(a, b) for a, b in zip(want, got))}


def _mixed(tf):
    gs = tf.train.get_or_create_global_step()
    with tf.variable_scope("dnn", partitioner=tf.min_max_variable_partitioner(
            max_partitions=1)):
        k = tf.get_variable("k", [3, 2], use_resource=True,
                            initializer=tf.ones_initializer())
    r = tf.get_variable("r", [2], use_resource=True, initializer=tf.ones_initializer())
    w = tf.get_variable("w", [2], initializer=tf.constant_initializer([3.0, 4.0]))
    with tf.device("/cpu:0"):
        c = tf.get_variable("c", [1], initializer=tf.constant_initializer(5.0))
    return [gs, list(k)[0], r, w, c]


def _cpu_placed(tf):
    # a word2vec-style embedding placed on the CPU beside unplaced variables
    with tf.device("/cpu:0"):
        emb = tf.get_variable("embedding", [4, 2], initializer=tf.ones_initializer())
    w = tf.get_variable("w", [2, 1], initializer=tf.ones_initializer())
    return [emb, w]


def _partitioned_only(tf):
    with tf.variable_scope("p", partitioner=tf.fixed_size_partitioner(2)):
        v = tf.get_variable("v", [4, 2], use_resource=True,
                            initializer=tf.ones_initializer())
    return list(v)


def _one_device(tf):
    a = tf.get_variable("a", [2], initializer=tf.ones_initializer())
    b = tf.get_variable("b", [2], use_resource=True, initializer=tf.ones_initializer())
    return [a, b]


def cases(tf):
    return {"mixed": _graph(tf, _mixed), "cpu_placed": _graph(tf, _cpu_placed),
            "partitioned_only": _graph(tf, _partitioned_only),
            "one_device": _graph(tf, _one_device)}
