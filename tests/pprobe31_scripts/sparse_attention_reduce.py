"""Attention over a sparse interaction graph kept as SparseTensors: scores on the edges of a
SparseTensor (tf.SparseTensor.from_value of a SparseTensorValue), tf.sparse.softmax per row,
an edge-weighted sum of neighbour features by sparse_tensor_dense_matmul, the sum of two
score tensors with tf.sparse.add and a threshold, tf.sparse.maximum / minimum of two,
tf.sparse.reduce_sum / reduce_max (dense and _sparse, keepdims), tf.sparse.to_dense with a
default, tf.sparse.to_indicator, tf.sparse_add of a sparse and a dense tensor, and
tf.sparse.mask of an IndexedSlices gradient; a regression head on the pooled features trained
with RMSProp through sparse.softmax, sparse.add and sparse.reduce_sum; op counts and values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def show(name, st):
    print(name, st.indices.tolist(), H(st.values), st.dense_shape.tolist())


tf.set_random_seed(5)
rs = np.random.RandomState(5)
N, F = 7, 4
adj = (rs.rand(N, N) < 0.35) | np.eye(N, dtype=bool)
idx = np.array(np.nonzero(adj)).T.astype(np.int64)
E = len(idx)
X = rs.randn(N, F).astype(np.float32)
y = rs.randn(N, 1).astype(np.float32)
graph = tf.SparseTensor.from_value(tf.SparseTensorValue(idx, np.ones(E, np.float32), [N, N]))
feat = tf.constant(X)
Wq = tf.get_variable("Wq", [F, 3], initializer=tf.glorot_normal_initializer(seed=11))
Wk = tf.get_variable("Wk", [F, 3], initializer=tf.glorot_normal_initializer(seed=12))
emb = tf.get_variable("emb", [N, F], initializer=tf.random_normal_initializer(0, 0.2, seed=13))
out_w = tf.get_variable("out", [F, 1], initializer=tf.glorot_uniform_initializer(seed=14))
q = tf.matmul(feat, Wq)
k = tf.matmul(feat, Wk)
ev = tf.reduce_sum(tf.gather(q, graph.indices[:, 0]) * tf.gather(k, graph.indices[:, 1]), 1)
scores = tf.SparseTensor(graph.indices, ev, graph.dense_shape)
prior = tf.SparseTensor(graph.indices, tf.sin(tf.cast(tf.range(E), tf.float32)), [N, N])
mixed = tf.sparse.add(scores, prior, threshold=0.05)
att = tf.sparse.softmax(mixed)
hmax = tf.sparse.maximum(scores, prior)
hmin = tf.sparse.minimum(scores, prior)
rsum = tf.sparse.reduce_sum(mixed, axis=1, keepdims=True)
rsum_sp = tf.sparse.reduce_sum_sparse(mixed, axis=0)
rmax = tf.sparse.reduce_max(hmax, axis=1)
rmax_sp = tf.sparse.reduce_max_sparse(hmin, axis=1, keepdims=True)
dense_att = tf.sparse.to_dense(att, default_value=-1.0, validate_indices=True)
plus_dense = tf.sparse.add(att, tf.ones([N, N]) * 0.25)
ids = tf.SparseTensor(graph.indices, tf.cast(graph.indices[:, 1] % 5, tf.int64), [N, N])
ind = tf.sparse.to_indicator(ids, 5)
e = tf.nn.embedding_lookup(emb, tf.range(N))
pooled = tf.sparse_tensor_dense_matmul(att, feat + e) + 0.1 * rsum
pred = tf.matmul(pooled, out_w)
loss = tf.reduce_mean(tf.squared_difference(pred, y))
g_emb = tf.gradients(loss, emb)[0]
kept = tf.sparse.mask(tf.IndexedSlices(g_emb, tf.range(N), tf.constant([N, F])), [1, 4])
gv = tf.gradients(loss, [Wq, Wk])
train = tf.train.RMSPropOptimizer(0.02, momentum=0.5, centered=True).minimize(loss)
ops = tf.get_default_graph().get_operations()
print(len(ops), sorted(set(o.type for o in ops if "Sparse" in o.type)))
print(mixed.values.name, att.values.name, rsum.shape, rsum_sp.dense_shape.name, rmax.shape)
print(dense_att.shape, plus_dense.shape, ind.shape, kept.values.name, kept.indices.name)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    r = s.run({"mixed": mixed, "att": att, "hmax": hmax, "hmin": hmin, "rsum_sp": rsum_sp,
               "rmax_sp": rmax_sp})
    for name in sorted(r):
        show(name, r[name])
    for v in s.run([rsum, rmax, dense_att, plus_dense, ind, kept.values, kept.indices]):
        print(H(v))
    for v in s.run(gv):
        print(H(v))
    for i in range(8):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    print(H(s.run(Wq)), H(s.run(Wk)), H(s.run(emb)), H(s.run(out_w)))
