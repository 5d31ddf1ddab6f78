"""Gradient accumulation into non-trainable variables over micro-batches, dense grads by
assign_add and the embedding's IndexedSlices by scatter_add, each step ordered by
tf.control_dependencies; the averaged gradients applied by Adam every third step under a
tf.cond on the micro-step counter, then the accumulators zeroed; all inside
tf.train.MonitoredTrainingSession with a checkpoint dir in a temp dir, stopped, restarted
from its checkpoint (global step, accumulators and slots restored) and run on."""

import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1905)
IDS = rs.randint(0, 10, size=(9, 4, 3)).astype(np.int32)
Y = rs.randn(9, 4, 1).astype(np.float32)
tmp = tempfile.mkdtemp()
K = 3


def build():
    tf.set_random_seed(195)
    i = tf.placeholder(tf.int32, [])
    ids = tf.gather(tf.constant(IDS), i)
    y = tf.gather(tf.constant(Y), i)
    emb = tf.get_variable("emb", [10, 5], initializer=tf.random_normal_initializer(seed=1))
    w = tf.get_variable("w", [5, 1], initializer=tf.random_uniform_initializer(-1, 1, seed=2))
    h = tf.reduce_sum(tf.nn.embedding_lookup(emb, ids), 1)
    loss = tf.losses.mean_squared_error(y, tf.matmul(h, w))
    gs = tf.train.get_or_create_global_step()
    opt = tf.train.AdamOptimizer(0.05)
    gv = opt.compute_gradients(loss)
    acc = [tf.get_variable(v.op.name + "_acc", v.shape, trainable=False,
                           initializer=tf.zeros_initializer()) for _, v in gv]
    count = tf.get_variable("micro", [], tf.int32, trainable=False,
                            initializer=tf.zeros_initializer())
    adds = []
    for (gg, v), a in zip(gv, acc):
        if isinstance(gg, tf.IndexedSlices):
            adds.append(tf.scatter_add(a, gg.indices, gg.values))
        else:
            adds.append(tf.assign_add(a, gg))
    with tf.control_dependencies(adds):
        c = tf.assign_add(count, 1)

    def apply():
        mean = [a / float(K) for a in acc]
        up = opt.apply_gradients(zip(mean, [v for _, v in gv]), global_step=gs)
        with tf.control_dependencies([up]):
            zs = [tf.assign(a, tf.zeros_like(a)) for a in acc]
            return tf.group(*zs)

    with tf.control_dependencies([c]):
        step = tf.cond(tf.equal(c % K, 0), lambda: tf.group(apply()), tf.no_op)
    return i, loss, step, gs, emb, w, acc, count


class Report(tf.train.SessionRunHook):
    def __init__(self, tensors):
        self.tensors = tensors

    def end(self, session):
        a, e, ww = session.run(self.tensors)
        print("acc", [H(x) for x in a])
        print("emb", H(e), "w", H(ww))


for run in range(2):
    g = tf.Graph()
    with g.as_default():
        i, loss, step, gs, emb, w, acc, count = build()
        if run == 0:
            print("ops", len(g.get_operations()))
        hooks = [tf.train.StopAtStepHook(last_step=2 + 2 * run), Report([acc, emb, w])]
        with tf.train.MonitoredTrainingSession(checkpoint_dir=tmp, hooks=hooks,
                                               save_checkpoint_secs=None,
                                               save_checkpoint_steps=1,
                                               save_summaries_steps=None,
                                               save_summaries_secs=None,
                                               log_step_count_steps=None) as s:
            st, m = s.run([gs, count])
            print("start", run, st, m)
            while not s.should_stop():
                lv, _, n = s.run([loss, step, gs], {i: m % 9})
                print(run, m, repr(float(lv)), n)
                m += 1
    print(sorted(os.path.basename(p) for p in
                 tf.train.get_checkpoint_state(tmp).all_model_checkpoint_paths))
for name, shape in tf.train.list_variables(tmp):
    print(name, shape)
shutil.rmtree(tmp)
