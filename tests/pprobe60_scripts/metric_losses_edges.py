"""tf.contrib.losses.metric_learning on a small embedding net (the facenet / deep metric
learning tutorials' style): pairwise_distance squared and not (with a duplicated row, whose
distance gradient is masked to zero), triplet_semihard_loss with a custom margin (labels
of shape [n, 1] fail its assert, as lifted_struct_loss's), lifted_struct_loss, npairs_loss
with its reg_lambda, npairs_loss_multilabel on SparseTensor labels, contrastive_loss on
integer labels; each trained a few steps with GradientDescent, the op counts of each
loss, and the errors TF raises for bad labels."""
import numpy as np
import tensorflow as tf
from tensorflow.contrib.losses.python.metric_learning.metric_loss_ops import pairwise_distance

ml = tf.contrib.losses.metric_learning

np.random.seed(7)
tf.set_random_seed(21)
X = np.random.randn(8, 5).astype(np.float32)
X[5] = X[2]           # a duplicated row: a zero distance
labels = np.array([0, 1, 2, 0, 1, 2, 0, 1], np.int32)

x = tf.placeholder(tf.float32, [None, 5], name="x")
lab = tf.placeholder(tf.int32, [None], name="labels")
h = tf.layers.dense(x, 6, activation=tf.nn.tanh,
                    kernel_initializer=tf.glorot_uniform_initializer(seed=1), name="fc1")
emb = tf.nn.l2_normalize(tf.layers.dense(h, 4, kernel_initializer=tf.glorot_uniform_initializer(
    seed=2), name="fc2"), axis=1)

g = tf.get_default_graph()
pd_sq = pairwise_distance(x, squared=True)
pd = pairwise_distance(x, squared=False)
gpd = tf.gradients(tf.reduce_sum(pd), x)[0]

losses = {}
n0 = len(g.get_operations())
losses["triplet"] = ml.triplet_semihard_loss(lab, emb, margin=0.5)
n1 = len(g.get_operations())
losses["lifted"] = ml.lifted_struct_loss(lab, emb, margin=0.8)
n2 = len(g.get_operations())
anchors, positives = emb[0::2], emb[1::2]
pair_lab = tf.constant([0, 1, 0, 2], tf.int32)
losses["npairs"] = ml.npairs_loss(pair_lab, anchors, positives, reg_lambda=0.004)
n3 = len(g.get_operations())
sp = [tf.SparseTensor(indices=[[0, 0], [0, 1]], values=[1, 2], dense_shape=[1, 3]),
      tf.SparseTensor(indices=[[0, 2]], values=[1], dense_shape=[1, 3]),
      tf.SparseTensor(indices=[[0, 0]], values=[1], dense_shape=[1, 3]),
      tf.SparseTensor(indices=[[0, 1], [0, 2]], values=[1, 1], dense_shape=[1, 3])]
losses["npairs_ml"] = ml.npairs_loss_multilabel(sp, anchors, positives)
n4 = len(g.get_operations())
same = tf.cast(tf.equal(lab[0::2], lab[1::2]), tf.int32)
dist = tf.norm(anchors - positives + 1e-12, axis=1)
losses["contrastive"] = ml.contrastive_loss(same, anchors, positives, margin=1.2)
n5 = len(g.get_operations())
print("op counts", n1 - n0, n2 - n1, n3 - n2, n4 - n3, n5 - n4)
print("names", [losses[k].name for k in sorted(losses)])
print("shapes", [losses[k].shape.as_list() for k in sorted(losses)])
trains = {k: tf.train.GradientDescentOptimizer(0.1).minimize(v) for k, v in losses.items()}

with tf.Session() as sess:
    a, b, c = sess.run([pd_sq, pd, gpd], {x: X})
    print("pd_sq diag", np.diag(a).tolist(), repr(float(a[2, 5])), repr(float(a[0, 7])))
    print("pd row2", b[2].tolist())
    print("grad row2", c[2].tolist(), "row5", c[5].tolist())
    for k in sorted(losses):
        sess.run(tf.global_variables_initializer())
        vals = []
        for step in range(3):
            lv, _ = sess.run([losses[k], trains[k]], {x: X, lab: labels})
            vals.append(repr(float(lv)))
        print(k, vals)
    print("emb", sess.run(emb, {x: X})[:2].tolist())

for bad in (lambda: ml.triplet_semihard_loss(tf.zeros([3, 1], tf.int32), tf.zeros([3, 4])),
            lambda: ml.lifted_struct_loss(tf.zeros([3, 1], tf.int32), tf.zeros([3, 4])),
            lambda: ml.npairs_loss(tf.zeros([3], tf.int32), tf.zeros([3, 4]), tf.zeros([2, 4])),
            lambda: ml.contrastive_loss(tf.zeros([3], tf.int32), tf.zeros([3, 4]),
                                        tf.zeros([3, 5]))):
    try:
        out = bad()
        with tf.Session() as sess:
            print("ran", sess.run(out))
    except (AssertionError, ValueError, TypeError, tf.errors.InvalidArgumentError) as e:
        print(type(e).__name__, (str(e).splitlines() or [""])[0])
