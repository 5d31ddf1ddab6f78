"""Session-based item pooling: tf.nn.embedding_lookup with max_norm (clipping looked-up rows,
a partitioned table too), tf.unsorted_segment_sum / unsorted_segment_mean-style pooling of
the items of each session (segment ids out of order, an empty segment), a dot-product
score against candidate items and a sampled-softmax-free softmax loss, trained with
tf.train.FtrlOptimizer (sparse IndexedSlices update) and tf.train.AdagradOptimizer; values
at full precision and op counts."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(41)
np.random.seed(41)

ITEMS, K, SESS = 9, 3, 4
rs = np.random.RandomState(41)
clicks = tf.constant(rs.randint(0, ITEMS, 10).astype(np.int32))
seg = tf.constant(np.array([2, 0, 0, 2, 1, 2, 0, 1, 1, 2], np.int32))
target = tf.constant(rs.randint(0, ITEMS, SESS).astype(np.int32))

emb = tf.get_variable("emb", [ITEMS, K], initializer=tf.random_normal_initializer(0, 1.0, seed=8))
pemb = tf.get_variable("pemb", [ITEMS, K], initializer=tf.random_normal_initializer(0, 1.0, seed=9),
                       partitioner=tf.fixed_size_partitioner(2))
rows = tf.nn.embedding_lookup(emb, clicks, max_norm=1.5)
prows = tf.nn.embedding_lookup(pemb, clicks, max_norm=1.2)
pooled = tf.unsorted_segment_sum(rows, seg, SESS)
counts = tf.unsorted_segment_sum(tf.ones_like(seg, tf.float32), seg, SESS)
mean_pool = pooled / tf.maximum(counts, 1.0)[:, None]
pmax = tf.unsorted_segment_max(prows, seg, SESS)
psqrt = tf.unsorted_segment_sqrt_n(prows, seg, SESS)
cand = tf.nn.embedding_lookup(emb, tf.range(ITEMS), max_norm=1.5)
logits = tf.matmul(mean_pool + psqrt, cand, transpose_b=True)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target, logits=logits))
ftrl = tf.train.FtrlOptimizer(0.4, l1_regularization_strength=0.02, l2_regularization_strength=0.01)
ada = tf.train.AdagradOptimizer(0.2)
g_emb = tf.gradients(loss, emb)[0]
step = tf.group(ftrl.minimize(loss, var_list=[emb]), ada.minimize(loss, var_list=list(pemb)))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r, pr = sess.run([rows, prows])
    print(repr(np.linalg.norm(r.astype(np.float64), axis=1).round(6).tolist()))
    print(repr(r.tolist()))
    print(repr(pr.tolist()))
    print(repr(sess.run(counts).tolist()), repr(sess.run(pmax).tolist()))
    print(repr(sess.run(psqrt).tolist()))
    print(type(g_emb).__name__, repr(sess.run(g_emb).values.tolist()))
    for i in range(4):
        _, lv = sess.run([step, loss])
        print(i, repr(lv))
    print(repr(sess.run(emb).tolist()))
    print(repr(sess.run(pemb.as_tensor()).tolist()))
    print(len(tf.get_default_graph().get_operations()))
