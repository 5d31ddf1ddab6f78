"""The tf.contrib.opt optimizers on one small softmax regression: AdamW, LazyAdam (with
sparse embedding gradients), Nadam, PowerSign, AddSign, MomentumW, the
MovingAverageOptimizer; losses and weights per step."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(31)
X = rs.randint(0, 10, size=(12, 3)).astype(np.int32)
Y = rs.randint(0, 4, size=12).astype(np.int32)
co = tf.contrib.opt
makers = [
    ("adamw", lambda: co.AdamWOptimizer(0.01, learning_rate=0.05)),
    ("lazyadam", lambda: co.LazyAdamOptimizer(0.05)),
    ("nadam", lambda: co.NadamOptimizer(0.05)),
    ("powersign", lambda: co.PowerSignOptimizer(0.05)),
    ("addsign", lambda: co.AddSignOptimizer(0.05)),
    ("momentumw", lambda: co.MomentumWOptimizer(0.01, learning_rate=0.05, momentum=0.9)),
    (
        "mavg",
        lambda: co.MovingAverageOptimizer(
            tf.train.GradientDescentOptimizer(0.2), average_decay=0.8
        ),
    ),
]
for name, mk in makers:
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(2)
        x = tf.placeholder(tf.int32, [None, 3])
        y = tf.placeholder(tf.int32, [None])
        emb = tf.get_variable("emb", [10, 5], initializer=tf.random_normal_initializer(seed=3))
        w = tf.get_variable("w", [5, 4], initializer=tf.glorot_uniform_initializer(seed=4))
        h = tf.reduce_mean(tf.nn.embedding_lookup(emb, x), 1)
        loss = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=tf.matmul(h, w))
        )
        gs = tf.train.get_or_create_global_step()
        opt = mk()
        if name.endswith("w"):
            # TF's decoupled weight decay is unordered with the forward reads: the
            # gradients are computed in one run and applied from feeds in the next
            gv = opt.compute_gradients(loss)
            gr = [tf.convert_to_tensor(gg) for gg, _ in gv]
            ph = [tf.placeholder(tf.float32, vv.shape) for _, vv in gv]
            train = opt.apply_gradients(zip(ph, [vv for _, vv in gv]), global_step=gs)
        else:
            train = opt.minimize(loss, global_step=gs)
        print(name, len(g.get_operations()))
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for i in range(5):
                if name.endswith("w"):
                    out = s.run([loss] + gr, {x: X, y: Y})
                    s.run(train, dict(zip(ph, out[1:])))
                else:
                    out = s.run([loss, train], {x: X, y: Y})
                print(i, repr(float(out[0])))
            for v in tf.global_variables():
                print(v.name, H(s.run(v)))
