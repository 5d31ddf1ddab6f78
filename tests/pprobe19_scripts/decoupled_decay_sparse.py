"""Decoupled weight decay on sparse and partitioned variables:
extend_with_decoupled_weight_decay over Adam, Momentum and RMSProp with decay_var_list and
a weight decay that follows the learning-rate schedule (wd * lr / lr0), AdamW and LazyAdam
on an embedding split by tf.fixed_size_partitioner, Nadam on the same graph; the
gradients are computed in one run and applied from feeds in the next (TF's decay is
unordered with the forward reads); losses, slot names and variable hashes."""

import hashlib

import numpy as np
import tensorflow as tf

co = tf.contrib.opt


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1904)
IDS = rs.randint(0, 16, size=(12, 4)).astype(np.int32)
LAB = rs.randint(0, 3, size=12).astype(np.int32)

MomentumWD = co.extend_with_decoupled_weight_decay(tf.train.MomentumOptimizer)
RMSPropWD = co.extend_with_decoupled_weight_decay(tf.train.RMSPropOptimizer)
AdamWD = co.extend_with_decoupled_weight_decay(tf.train.AdamOptimizer)


def sched(gs):
    return tf.train.exponential_decay(0.05, gs, 2, 0.8)


makers = [
    ("momentum_wd", lambda lr, wd, dl: MomentumWD(wd, learning_rate=lr, momentum=0.9,
                                                  use_nesterov=True)),
    ("rmsprop_wd", lambda lr, wd, dl: RMSPropWD(wd, learning_rate=lr, decay=0.8,
                                                momentum=0.5, centered=True)),
    ("adam_wd_list", lambda lr, wd, dl: AdamWD(wd, learning_rate=lr)),
    ("adamw_part", lambda lr, wd, dl: co.AdamWOptimizer(wd, learning_rate=lr, beta1=0.8)),
    ("lazyadam_part", lambda lr, wd, dl: co.LazyAdamOptimizer(lr, beta2=0.99)),
    ("nadam_part", lambda lr, wd, dl: co.NadamOptimizer(lr, epsilon=1e-4)),
]

for name, make in makers:
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(194)
        part = tf.fixed_size_partitioner(2) if name.endswith("part") else None
        emb = tf.get_variable("emb", [16, 6], initializer=tf.random_normal_initializer(seed=7),
                              partitioner=part)
        w = tf.get_variable("w", [6, 3], initializer=tf.glorot_uniform_initializer(seed=8))
        b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
        h = tf.reduce_mean(tf.nn.embedding_lookup(emb, IDS), 1)
        logits = tf.matmul(tf.nn.tanh(h), w) + b
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=LAB, logits=logits))
        gs = tf.train.get_or_create_global_step()
        lr = sched(gs)
        wd = 0.01 * lr / 0.05
        opt = make(lr, wd, None)
        gv = opt.compute_gradients(loss)
        fetch, feeds, fed = [], [], []
        for gg, vv in gv:
            if isinstance(gg, tf.IndexedSlices):
                fetch += [gg.values, gg.indices]
                pv = tf.placeholder(tf.float32, [None, 6])
                pi = tf.placeholder(tf.int32, [None])
                feeds += [pv, pi]
                gg = tf.IndexedSlices(pv, pi, gg.dense_shape)
            else:
                fetch.append(gg)
                p = tf.placeholder(tf.float32, vv.shape)
                feeds.append(p)
                gg = p
            fed.append((gg, vv))
        if name == "adam_wd_list":
            train = opt.apply_gradients(fed, global_step=gs, decay_var_list=[w])
        else:
            train = opt.apply_gradients(fed, global_step=gs)
        print(name, len(g.get_operations()), sorted(opt.get_slot_names()))
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for i in range(5):
                out = s.run([loss] + fetch)
                s.run(train, dict(zip(feeds, out[1:])))
                print(i, repr(float(out[0])))
            for v in tf.global_variables():
                print(" ", v.op.name, H(s.run(v)))
