"""contrib.opt optimizers on sparse gradients of resource and partitioned embeddings with
repeated ids: AddSign and PowerSign (sparse paths of reference variables, with sign-decay
functions; TF 1.14 has none for resource variables: NotImplementedError),
LazyAdam, AdaMax, AdamGS and LazyAdamGS (their step counter is the global step), Nadam;
losses per step and the embeddings' and slots' hashes."""

import hashlib

import numpy as np
import tensorflow as tf
from tensorflow.contrib.opt.python.training import sign_decay

co = tf.contrib.opt


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1908)
IDS = rs.randint(0, 9, size=(6, 5)).astype(np.int32)
IDS[:, 0] = 2   # a repeated id in every row
Y = rs.randn(6, 3).astype(np.float32)

makers = [
    ("addsign", False, None, lambda gs: co.AddSignOptimizer(
        0.05, alpha=0.5, sign_decay_fn=sign_decay.get_linear_decay_fn(5))),
    ("powersign", False, None, lambda gs: co.PowerSignOptimizer(
        0.05, base=3.0, sign_decay_fn=sign_decay.get_restart_decay_fn(4, num_periods=2))),
    ("powersign_part", False, 3, lambda gs: co.PowerSignOptimizer(0.04, beta=0.7)),
    ("lazyadam", True, None, lambda gs: co.LazyAdamOptimizer(0.03, epsilon=1e-3)),
    ("adamax", True, None, lambda gs: co.AdaMaxOptimizer(0.03, beta1=0.8)),
    ("adamgs", False, None, lambda gs: co.AdamGSOptimizer(gs, learning_rate=0.03)),
    ("lazyadamgs", True, 2, lambda gs: co.LazyAdamGSOptimizer(gs, learning_rate=0.03)),
    ("nadam", True, None, lambda gs: co.NadamOptimizer(0.03)),
]

g = tf.Graph()
with g.as_default():
    emb = tf.get_variable("emb", [9, 4], use_resource=True)
    loss = tf.reduce_sum(tf.nn.embedding_lookup(emb, IDS))
    try:
        co.AddSignOptimizer(0.1).minimize(loss)
    except NotImplementedError as e:
        print("resource sparse AddSign", type(e).__name__, len(g.get_operations()))

for name, res, parts, make in makers:
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(198)
        emb = tf.get_variable("emb", [9, 4], initializer=tf.random_normal_initializer(seed=3),
                              use_resource=res,
                              partitioner=tf.fixed_size_partitioner(parts) if parts else None)
        w = tf.get_variable("w", [4, 3], initializer=tf.random_normal_initializer(seed=4),
                            use_resource=res)
        h = tf.reduce_sum(tf.nn.embedding_lookup(emb, IDS), 1)
        loss = tf.reduce_mean(tf.square(tf.matmul(h, w) - Y))
        gs = tf.train.get_or_create_global_step()
        opt = make(gs)
        train = opt.minimize(loss, global_step=gs)
        print(name, len(g.get_operations()), sorted(opt.get_slot_names()))
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for i in range(5):
                print(i, repr(float(s.run([loss, train])[0])))
            for v in tf.global_variables():
                print(" ", v.op.name, H(s.run(v)))
