"""Sparse features into embeddings as TF1 recommenders write them: embedding_lookup_sparse
(combiner sum / mean / sqrtn, sp_weights, a partitioned table), sparse_segment_sum / mean /
sqrt_n with num_segments, and the IndexedSlices gradients of tf.gather / embedding lookups
applied by Adam, Adagrad and Momentum (sparse updates), with tf.convert_to_tensor of an
IndexedSlices and the warning TF gives for a dense shape it does not know: losses, table
rows, gradient types and op counts."""
import warnings

import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(5)
rng = np.random.RandomState(3)
ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [2, 1], [2, 2]],
                      tf.constant([1, 4, 2, 0, 4, 3], tf.int64), [4, 3])
wts = tf.SparseTensor(ids.indices, [1.0, 2.0, 0.5, 1.0, 1.0, 3.0], ids.dense_shape)
table = tf.get_variable("emb", [6, 3], initializer=tf.random_uniform_initializer(-1, 1, seed=4))
ptab = tf.get_variable("pemb", [6, 3], initializer=tf.random_normal_initializer(seed=6),
                       partitioner=tf.fixed_size_partitioner(2))
e_sum = tf.nn.embedding_lookup_sparse(table, ids, None, combiner="sum")
e_mean = tf.nn.embedding_lookup_sparse(table, ids, wts, combiner="mean")
e_sqrt = tf.nn.embedding_lookup_sparse(ptab, ids, wts, combiner="sqrtn")
data = tf.constant(rng.randn(5, 2).astype(np.float32))
segi = tf.constant([0, 2, 3, 3])
segs = tf.constant([0, 0, 2, 2])
ss = tf.sparse.segment_sum(data, segi, segs, num_segments=4)
sm = tf.sparse.segment_mean(data, segi, segs, num_segments=3)
sq = tf.sparse.segment_sqrt_n(data, segi, segs)
sq_n = tf.sparse_segment_sqrt_n(data, segi, segs, num_segments=4, name="sqn")
gseg = tf.gradients(tf.reduce_sum(ss * ss) + tf.reduce_sum(sm) + tf.reduce_sum(sq_n), data)[0]
print([t.name for t in (e_sum, e_mean, e_sqrt, ss, sm, sq, sq_n, gseg)])
print(e_sum.get_shape(), e_mean.get_shape(), ss.get_shape(), sq.get_shape())
g_tab = tf.gradients(tf.reduce_sum(e_mean), table)[0]
g_p = tf.gradients(tf.reduce_sum(e_sqrt), list(ptab))
print(type(g_tab).__name__, g_tab.values.name, g_tab.indices.name, [type(g).__name__ for g in g_p])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for v in sess.run([e_sum, e_mean, e_sqrt, ss, sm, sq, sq_n, gseg]):
        print(v.tolist())
    gv = sess.run(g_tab)
    print(gv.indices.tolist(), gv.values.tolist(), gv.dense_shape.tolist())

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    p = tf.placeholder(tf.float32, [None, 3])
    gat = tf.gather(p, [0, 2])
    gp = tf.gradients(tf.reduce_sum(gat), p)[0]
    dense_gp = tf.convert_to_tensor(gp)
    known = tf.gradients(tf.reduce_sum(tf.gather(table, [1, 1, 5])), table)[0]
    dense_known = tf.convert_to_tensor(known)
print(type(gp).__name__, dense_gp.name, dense_gp.op.type, dense_known.op.type)
print([str(w.message) for w in caught])

for name, make in [("adam", lambda: tf.train.AdamOptimizer(0.1)),
                   ("adagrad", lambda: tf.train.AdagradOptimizer(0.5)),
                   ("momentum", lambda: tf.train.MomentumOptimizer(0.2, 0.9, use_nesterov=True))]:
    with tf.Graph().as_default():
        tf.set_random_seed(7)
        emb = tf.get_variable("emb", [8, 4],
                              initializer=tf.truncated_normal_initializer(seed=1))
        w = tf.get_variable("w", [4, 1], initializer=tf.glorot_uniform_initializer(seed=2))
        idx = tf.placeholder(tf.int32, [None])
        tgt = tf.placeholder(tf.float32, [None])
        h = tf.nn.embedding_lookup(emb, idx)
        pred = tf.squeeze(tf.matmul(h, w), 1)
        loss = tf.reduce_mean(tf.square(pred - tgt))
        opt = make()
        gvs = opt.compute_gradients(loss)
        train = opt.apply_gradients(gvs)
        print(name, [type(g).__name__ for g, _ in gvs],
              sorted(set(o.type for o in tf.get_default_graph().get_operations()
                         if o.type.startswith(("Apply", "SparseApply", "Resource",
                                               "ScatterAdd", "ScatterSub",
                                               "ScatterUpdate")))))
        print(len(tf.get_default_graph().get_operations()))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for step in range(4):
                ii = rng.randint(0, 8, size=5).astype(np.int32)
                tt = rng.randn(5).astype(np.float32)
                lv, _ = sess.run([loss, train], {idx: ii, tgt: tt})
                print(step, repr(float(lv)))
            print(sess.run(emb)[:3].tolist())
            print([v.op.name for v in opt.variables()][:4])
