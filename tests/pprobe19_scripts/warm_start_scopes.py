"""Warm starts of a fine-tuning graph from a pretrained checkpoint: tf.train.init_from_checkpoint
with a scope map ('pre/' -> 'fine/') and a partitioned target, tf.train.warm_start with a
regex, var_name_to_prev_var_name and a partitioned embedding, and slim's
assign_from_checkpoint_fn with ignore_missing_vars; each graph's op count, the restored
values' hashes and the fine-tuned losses."""

import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

slim = tf.contrib.slim


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tmp = tempfile.mkdtemp()
rs = np.random.RandomState(1903)
IDS = rs.randint(0, 12, size=(10, 3)).astype(np.int64)
Y = rs.randn(10, 2).astype(np.float32)


def net(scope, part=None):
    with tf.variable_scope(scope):
        emb = tf.get_variable("emb", [12, 4], initializer=tf.random_normal_initializer(seed=1),
                              partitioner=part)
        w = tf.get_variable("w", [4, 2], initializer=tf.glorot_uniform_initializer(seed=2))
        b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
        h = tf.reduce_mean(tf.nn.embedding_lookup(emb, IDS), 1)
        return tf.matmul(h, w) + b


# pretraining
g = tf.Graph()
with g.as_default():
    tf.set_random_seed(3)
    out = net("pre")
    loss = tf.reduce_mean(tf.square(out - Y))
    train = tf.train.AdagradOptimizer(0.3).minimize(loss)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(5):
            print("pre", i, repr(float(s.run([loss, train])[0])))
        pre = {v.op.name: s.run(v) for v in tf.trainable_variables()}
        ck = tf.train.Saver().save(s, os.path.join(tmp, "pre"))
for k in sorted(pre):
    print(k, H(pre[k]))
print([n for n, _ in tf.train.list_variables(ck)])

# init_from_checkpoint: scope map onto a partitioned graph under another scope
g = tf.Graph()
with g.as_default():
    tf.set_random_seed(4)
    out = net("fine", tf.fixed_size_partitioner(3))
    n0 = len(g.get_operations())
    tf.train.init_from_checkpoint(ck, {"pre/": "fine/"})
    print("init_from_checkpoint ops", n0, len(g.get_operations()))
    loss = tf.reduce_mean(tf.square(out - Y))
    train = tf.train.GradientDescentOptimizer(0.2).minimize(loss)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        emb = [v for v in tf.global_variables() if "emb" in v.op.name]
        print([v.op.name for v in emb])
        print("emb", H(np.concatenate(s.run(emb))), H(pre["pre/emb"]))
        for i in range(3):
            print("fine", i, repr(float(s.run([loss, train])[0])))

# tf.train.warm_start: regex and a renamed variable, partitioned embedding
g = tf.Graph()
with g.as_default():
    tf.set_random_seed(5)
    out = net("pre", tf.fixed_size_partitioner(2))
    with tf.variable_scope("head"):
        w2 = tf.get_variable("w2", [4, 2], initializer=tf.ones_initializer())
    n0 = len(g.get_operations())
    tf.train.warm_start(ck, vars_to_warm_start="(pre/(emb|b)|head).*",
                        var_name_to_prev_var_name={"head/w2": "pre/w"})
    print("warm_start ops", n0, len(g.get_operations()))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for v in tf.global_variables():
            print(v.op.name, H(s.run(v)))

# slim.assign_from_checkpoint_fn, missing variables ignored
g = tf.Graph()
with g.as_default():
    out = net("pre")
    extra = tf.get_variable("pre/extra", [3], initializer=tf.ones_initializer())
    vs = slim.get_variables_to_restore(exclude=["pre/b"])
    print("restore", [v.op.name for v in vs])
    fn = slim.assign_from_checkpoint_fn(ck, vs, ignore_missing_vars=True)
    print("assign ops", len(g.get_operations()))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        fn(s)
        o = s.run(out)
        print("slim out", H(o), repr(float(o.sum())), s.run(extra).tolist())
shutil.rmtree(tmp)
