"""Prototypical networks (Snell et al.) on synthetic 5-way 3-shot episodes: a conv embedding
(tf.layers.conv2d + batch norm in training mode + max-pool, flattened), class prototypes by
tf.reduce_mean over the support embeddings, pairwise squared Euclidean distances by
broadcasting and the ||a||^2 - 2ab + ||b||^2 expansion (tf.matmul(transpose_b=True)), logits
-d into tf.nn.sparse_softmax_cross_entropy_with_logits, trained with MomentumOptimizer
(use_nesterov) under a control dependency on the support batch's UPDATE_OPS (the query
batch's updates of the same moving statistics would race with them); op counts, per-episode
losses and accuracies, the two distance forms' difference and the trained moving statistics."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2241)
rs = np.random.RandomState(2242)
WAY, SHOT, QUERY = 5, 3, 2
CENTERS = rs.randn(8, 6, 6, 1)

sup = tf.placeholder(tf.float32, [WAY * SHOT, 6, 6, 1], "support")
qry = tf.placeholder(tf.float32, [WAY * QUERY, 6, 6, 1], "query")
qlab = tf.placeholder(tf.int64, [WAY * QUERY], "qlab")


def embed(v, reuse):
    with tf.variable_scope("embed", reuse=reuse):
        h = tf.layers.conv2d(v, 8, 3, padding="same", name="c1",
                             kernel_initializer=tf.glorot_uniform_initializer(seed=11))
        h = tf.layers.batch_normalization(h, training=True, name="bn1")
        h = tf.nn.relu(h)
        h = tf.layers.max_pooling2d(h, 2, 2)
        return tf.layers.flatten(h)


es = embed(sup, False)
# the moving statistics follow the support batch only: the query's updates of the same
# variables would race with these
bn_updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
eq = embed(qry, True)
protos = tf.reduce_mean(tf.reshape(es, [WAY, SHOT, -1]), 1)
d_b = tf.reduce_sum(tf.square(eq[:, None, :] - protos[None, :, :]), -1)
d_m = (tf.reduce_sum(tf.square(eq), 1, keepdims=True)
       - 2.0 * tf.matmul(eq, protos, transpose_b=True)
       + tf.reduce_sum(tf.square(protos), 1)[None, :])
xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=qlab, logits=-d_b)
loss = tf.reduce_mean(xent)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(-d_b, 1), qlab), tf.float32))
with tf.control_dependencies(bn_updates):
    train = tf.train.MomentumOptimizer(0.01, 0.9, use_nesterov=True).minimize(loss)
g = tf.get_default_graph()
print(len(g.get_operations()), len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)),
      es.shape.as_list(), d_b.shape.as_list())


def episode():
    cls = rs.choice(8, WAY, replace=False)
    s = CENTERS[np.repeat(cls, SHOT)] + 2.0 * rs.randn(WAY * SHOT, 6, 6, 1)
    q = CENTERS[np.repeat(cls, QUERY)] + 2.0 * rs.randn(WAY * QUERY, 6, 6, 1)
    return {sup: s.astype(np.float32), qry: q.astype(np.float32),
            qlab: np.repeat(np.arange(WAY), QUERY)}


with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(16):
        fd = episode()
        lv, a, db, dm = sess.run([loss, acc, d_b, d_m], fd)
        sess.run(train, fd)
        if it % 4 == 0:
            print(it, repr(lv), repr(a), repr(float(np.abs(db - dm).max())), db[0].tolist())
    mv = [v for v in tf.global_variables() if "moving" in v.op.name]
    print([v.op.name for v in mv])
    for v in sess.run(mv):
        print(v[:4].tolist())
    print(sess.run(tf.trainable_variables()[0])[0, 0, 0, :4].tolist())
