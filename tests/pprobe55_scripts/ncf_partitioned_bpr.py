"""Neural collaborative filtering (GMF + MLP) with partitioned embedding tables
(tf.fixed_size_partitioner and tf.min_max_variable_partitioner) looked up with
tf.nn.embedding_lookup (partition_strategy mod and div), trained with a BPR loss on
negatives sampled by a seeded tf.random.uniform, by tf.train.AdagradOptimizer on the
IndexedSlices gradients; values at full precision and op counts."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(31)
np.random.seed(31)

USERS, ITEMS, K, BATCH = 11, 13, 4, 6
rs = np.random.RandomState(31)
users = tf.constant(rs.randint(0, USERS, BATCH).astype(np.int64))
pos = tf.constant(rs.randint(0, ITEMS, BATCH).astype(np.int64))
neg = tf.random.uniform([BATCH], 0, ITEMS, dtype=tf.int64, seed=7)

with tf.variable_scope("gmf", partitioner=tf.fixed_size_partitioner(3)):
    ue = tf.get_variable("user", [USERS, K],
                         initializer=tf.random_normal_initializer(0, 0.1, seed=1))
    ie = tf.get_variable("item", [ITEMS, K],
                         initializer=tf.random_normal_initializer(0, 0.1, seed=2))
with tf.variable_scope("mlp", partitioner=tf.min_max_variable_partitioner(
        max_partitions=4, min_slice_size=64)):
    um = tf.get_variable("user", [USERS, K],
                         initializer=tf.truncated_normal_initializer(0, 0.1, seed=3))
    im = tf.get_variable("item", [ITEMS, K],
                         initializer=tf.truncated_normal_initializer(0, 0.1, seed=4))


def score(items, reuse):
    g = tf.nn.embedding_lookup(ue, users) * tf.nn.embedding_lookup(ie, items)
    m = tf.concat([tf.nn.embedding_lookup(um, users, partition_strategy="div"),
                   tf.nn.embedding_lookup(im, items, partition_strategy="div")], 1)
    with tf.variable_scope("tower", reuse=reuse):
        m = tf.layers.dense(m, 6, tf.nn.relu,
                            kernel_initializer=tf.glorot_normal_initializer(seed=5))
        out = tf.layers.dense(tf.concat([g, m], 1), 1, use_bias=False,
                              kernel_initializer=tf.glorot_normal_initializer(seed=6))
    return tf.squeeze(out, 1)


sp, sn = score(pos, False), score(neg, True)
bpr = -tf.reduce_mean(tf.log_sigmoid(sp - sn))
reg = 1e-3 * tf.add_n([tf.nn.l2_loss(t)
                       for t in ue._get_variable_list() + ie._get_variable_list()])
loss = bpr + reg
opt = tf.train.AdagradOptimizer(0.3)
step = opt.minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print([p.name for p in ue], [p.get_shape().as_list() for p in ie])
    print([p.name for p in um], len(list(im)))
    print(sess.run(neg).tolist(), sess.run(neg).tolist())
    print(repr(sess.run(sp).tolist()))
    for i in range(5):
        _, lv, b = sess.run([step, loss, bpr])
        print(i, repr(lv), repr(b))
    print(repr(sess.run(ie.as_tensor()).tolist()))
    print(repr(sess.run(um.as_tensor()).tolist()))
    print(sorted(v.op.name for v in tf.global_variables())[:8])
    print(len(tf.get_default_graph().get_operations()))
