"""run_classifier.py's warm start: a "pretraining" graph (embeddings, a dense layer with
layer_norm, global step, Adam slots) trains a few steps and saves a checkpoint; a fine-tuning
graph adds a classifier and maps the pretrained variables with modeling.py's
get_assignment_map_from_checkpoint (tf.train.list_variables, the "^(.*):\\d+$" regex) and
tf.train.init_from_checkpoint, printing the *INIT_FROM_CKPT* table; also a scope-to-scope
map ("bert/": "student/"), a partitioned variable initialized from an unpartitioned tensor,
tf.train.load_variable, and the ValueErrors of a missing tensor and a shape mismatch."""
import collections
import os
import re
import shutil
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(4)
rs = np.random.RandomState(6)
IDS = rs.randint(0, 10, size=(4, 3)).astype(np.int32)
Y = rs.randn(4, 5).astype(np.float32)
LAB = np.array([0, 1, 2, 1], np.int32)
tmp = tempfile.mkdtemp()
ckpt_prefix = os.path.join(tmp, "model.ckpt")


def encoder(ids, scope="bert", partitioned=False):
    with tf.variable_scope(scope):
        part = tf.fixed_size_partitioner(2) if partitioned else None
        table = tf.get_variable("word_embeddings", [10, 5], partitioner=part,
                                initializer=tf.truncated_normal_initializer(stddev=0.5, seed=1))
        emb = tf.nn.embedding_lookup(table, ids)
        h = tf.reduce_mean(emb, axis=1)
        h = tf.layers.dense(h, 5, activation=tf.tanh, name="dense",
                            kernel_initializer=tf.glorot_uniform_initializer(seed=2))
        return tf.contrib.layers.layer_norm(h, begin_norm_axis=-1, begin_params_axis=-1,
                                            scope="LayerNorm")


def get_assignment_map_from_checkpoint(tvars, init_checkpoint):
    assignment_map = {}
    initialized_variable_names = {}
    name_to_variable = collections.OrderedDict()
    for var in tvars:
        name = var.name
        m = re.match("^(.*):\\d+$", name)
        if m is not None:
            name = m.group(1)
        name_to_variable[name] = var
    init_vars = tf.train.list_variables(init_checkpoint)
    assignment_map = collections.OrderedDict()
    for x in init_vars:
        (name, var) = (x[0], x[1])
        if name not in name_to_variable:
            continue
        assignment_map[name] = name
        initialized_variable_names[name] = 1
        initialized_variable_names[name + ":0"] = 1
    return (assignment_map, initialized_variable_names)


with tf.Graph().as_default():
    tf.set_random_seed(3)
    ids = tf.placeholder(tf.int32, [None, 3])
    out = encoder(ids)
    gs = tf.train.get_or_create_global_step()
    loss = tf.reduce_mean(tf.square(out - Y))
    train = tf.train.AdamOptimizer(0.05).minimize(loss, global_step=gs)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(3):
            print("pretrain", step, repr(sess.run([loss, train], {ids: IDS})[0]))
        print(saver.save(sess, ckpt_prefix, global_step=gs) == ckpt_prefix + "-3")
        pre = {v.op.name: sess.run(v) for v in tf.global_variables()}

ckpt = tf.train.latest_checkpoint(tmp)
print(os.path.basename(ckpt))
for name, shape in tf.train.list_variables(ckpt):
    print(name, shape)
print(tf.train.load_variable(ckpt, "global_step"),
      tf.train.load_variable(ckpt, "bert/dense/bias").tolist())

with tf.Graph().as_default() as g:
    tf.set_random_seed(9)
    ids = tf.placeholder(tf.int32, [None, 3])
    labels = tf.placeholder(tf.int32, [None])
    pooled = encoder(ids)
    logits = tf.layers.dense(pooled, 3, name="classifier",
                             kernel_initializer=tf.truncated_normal_initializer(stddev=0.02,
                                                                                seed=4))
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    tvars = tf.trainable_variables()
    assignment_map, initialized_variable_names = get_assignment_map_from_checkpoint(tvars, ckpt)
    print(list(assignment_map.items()))
    tf.train.init_from_checkpoint(ckpt, assignment_map)
    for var in tvars:
        init_string = ""
        if var.name in initialized_variable_names:
            init_string = ", *INIT_FROM_CKPT*"
        print("  name = %s, shape = %s%s" % (var.name, var.shape, init_string))
    gs = tf.train.get_or_create_global_step()
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss, global_step=gs)
    init = tvars[0].initializer
    print(type(init).__name__, init.name, [i.name for i in getattr(init, "op", init).inputs],
          tvars[0].initial_value.op.type)
    print(len(g.get_operations()))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for v in tvars[:5]:
            print(v.op.name, np.array_equal(sess.run(v), pre[v.op.name]))
        print(sess.run(gs))
        for step in range(3):
            print("finetune", step, repr(sess.run([loss, train], {ids: IDS, labels: LAB})[0]))

with tf.Graph().as_default():
    ids = tf.placeholder(tf.int32, [None, 3])
    out = encoder(ids, scope="student", partitioned=True)
    tf.train.init_from_checkpoint(ckpt, {"bert/": "student/"})
    parts = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, "student/word_embeddings")
    print([(v.name, v.shape.as_list()) for v in parts])
    print([(type(v.initializer).__name__, v.initializer.op.inputs[1].op.type) for v in parts])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        full = np.concatenate([sess.run(v) for v in parts])
        print(np.array_equal(full, pre["bert/word_embeddings"]))
        print(sess.run(out, {ids: IDS})[0].tolist())

for bad in ({"bert/dense/kernel": "bert/missing"}, {"bert/missing": "bert/dense/kernel"},
            {"bert/dense/bias": "bert/dense/kernel"}, {"bert/": "nothere/"}):
    with tf.Graph().as_default():
        encoder(tf.placeholder(tf.int32, [None, 3]))
        try:
            tf.train.init_from_checkpoint(ckpt, bad)
            print("no error", bad)
        except (ValueError, tf.errors.OpError) as e:
            print(type(e).__name__, str(e).replace(tmp, "TMP"))
shutil.rmtree(tmp)
