"""tf.contrib.losses.metric_learning on an embedding net: triplet_semihard_loss,
lifted_struct_loss, npairs_loss, npairs_loss_multilabel-free contrastive_loss and
cluster-free pairwise distances; each trained a few Momentum steps on l2-normalized
embeddings from the same seeded net."""

import hashlib
import numpy as np
import tensorflow as tf
from tensorflow.contrib.losses.python.metric_learning.metric_loss_ops import pairwise_distance


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


ml = tf.contrib.losses.metric_learning

tf.set_random_seed(751)
rs = np.random.RandomState(752)
x = tf.placeholder(tf.float32, [12, 6])
lab = tf.placeholder(tf.int32, [12])
x2 = tf.placeholder(tf.float32, [12, 6])
same = tf.placeholder(tf.float32, [12])


def embed(v, reuse):
    with tf.variable_scope("emb", reuse=reuse):
        h = tf.layers.dense(v, 10, tf.nn.relu, name="a")
        return tf.nn.l2_normalize(tf.layers.dense(h, 4, name="b"), axis=1)


e = embed(x, False)
e2 = embed(x2, True)
l_tri = ml.triplet_semihard_loss(lab, e, margin=0.5)
l_lift = ml.lifted_struct_loss(lab, e, margin=1.0)
l_np = ml.npairs_loss(lab[:6], e[:6], e[6:], reg_lambda=0.01)
l_con = ml.contrastive_loss(same, e, e2, margin=0.8)
pd = pairwise_distance(e, squared=False)
total = l_tri + 0.5 * l_lift + 0.2 * l_np + l_con
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(total)
print(len(tf.get_default_graph().get_operations()))
X = rs.randn(12, 6).astype(np.float32)
X2 = rs.randn(12, 6).astype(np.float32)
Lb = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], np.int32)
Sm = (rs.rand(12) < 0.5).astype(np.float32)
fd = {x: X, lab: Lb, x2: X2, same: Sm}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(H(s.run(pd, fd)))
    for i in range(6):
        a, b, c, d, _ = s.run([l_tri, l_lift, l_np, l_con, train], fd)
        print(i, repr(float(a)), repr(float(b)), repr(float(c)), repr(float(d)))
    print(repr(s.run(pd, fd)[0].tolist()))
