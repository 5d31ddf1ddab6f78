"""Indexing ops in a small trained model: tf.gather with axis and batch_dims (per-row
embedding lookups), tf.batch_gather, tf.gather_nd on [batch, k] index pairs,
tf.tensor_scatter_add / tf.tensor_scatter_update into a state tensor and tf.scatter_nd
with duplicate indices (summed), trained with AdamOptimizer so every gradient
(UnsortedSegmentSum / IndexedSlices / ScatterNd / GatherNd) feeds an update; op counts,
op types of the gradient graph, per-step losses and hashes of the trained bytes."""

import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(3501)
rs = np.random.RandomState(3502)
B, T, V, D = 3, 4, 7, 5

table = tf.get_variable("table", [B, V, D], initializer=tf.random_normal_initializer(seed=1))
proj = tf.get_variable("proj", [D, 2], initializer=tf.glorot_uniform_initializer(seed=2))
state = tf.get_variable("state", [6, D], initializer=tf.random_uniform_initializer(-1, 1, seed=3))
ids = tf.placeholder(tf.int32, [B, T], "ids")
pairs = tf.placeholder(tf.int32, [B, 2], "pairs")
rows = tf.placeholder(tf.int32, [4, 1], "rows")
y = tf.placeholder(tf.float32, [B, 2], "y")

g1 = tf.gather(table, ids, axis=1, batch_dims=1)            # [B, T, D]
g2 = tf.batch_gather(table, ids)                              # same
g3 = tf.gather(table, ids[:, :2], axis=1, batch_dims=1)
picked = tf.gather_nd(table, pairs)                           # [B, D]
upd = tf.tensor_scatter_add(state, rows, tf.tile(picked[:1], [4, 1]))
upd2 = tf.tensor_scatter_update(upd, [[5]], picked[1:2] * 2.0)
sc = tf.scatter_nd(rows, tf.ones([4, D]) * picked[2:3], [6, D])   # duplicate rows add
h = (tf.reduce_mean(g1, 1) + tf.reduce_sum(g2 * g2, 1) * 0.1 + tf.reduce_max(g3, 1)
     + picked + tf.reduce_sum(upd2, 0) * 0.05 + tf.reduce_sum(sc[::2], 0) * 0.01)
out = tf.matmul(tf.tanh(h), proj)
loss = tf.reduce_mean(tf.square(out - y))
opt = tf.train.AdamOptimizer(0.05)
gv = opt.compute_gradients(loss)
train = opt.apply_gradients(gv)
g = tf.get_default_graph()
print(len(g.get_operations()), g1.shape.as_list(), g2.shape.as_list(), picked.shape.as_list(),
      upd2.shape.as_list(), sc.shape.as_list())
print([type(gr).__name__ for gr, _ in gv], [gr.op.type for gr, _ in gv if hasattr(gr, "op")])
print(sorted(set(o.type for o in g.get_operations() if o.name.startswith("gradients/"))))

fd = {ids: rs.randint(0, V, (B, T)).astype(np.int32),
      pairs: np.stack([np.arange(B), rs.randint(0, V, B)], 1).astype(np.int32),
      rows: np.array([[1], [3], [1], [0]], np.int32),
      y: rs.randn(B, 2).astype(np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    a, b, s = sess.run([g1, g2, sc], fd)
    print(bool((a == b).all()), s[1].tolist(), s[2].tolist())
    for it in range(8):
        lv, _ = sess.run([loss, train], fd)
        print(it, repr(lv))
    for v in tf.trainable_variables():
        print(v.op.name, hashlib.md5(sess.run(v).tobytes()).hexdigest())
    print(sess.run(upd2, fd)[5].tolist())
