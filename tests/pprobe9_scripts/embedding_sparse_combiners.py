"""Bag-of-features models with tf.nn.embedding_lookup_sparse: sum, mean and sqrtn combiners,
with and without sparse weights, over one variable and a partitioned (fixed_size_partitioner)
one with partition_strategy mod and div, max_norm, empty rows, and the gradients
(IndexedSlices) trained with Adagrad; also tf.contrib.layers.safe_embedding_lookup_sparse
default_id: op counts, values, updated tables."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1051)
rs = np.random.RandomState(1052)
V, E = 10, 3
ids = tf.SparseTensor([[0, 0], [0, 1], [0, 2], [1, 0], [3, 0], [3, 1]],
                      tf.constant([1, 4, 1, 7, 9, 2], tf.int64), [4, 3])
wts = tf.SparseTensor([[0, 0], [0, 1], [0, 2], [1, 0], [3, 0], [3, 1]],
                      tf.constant([0.5, 2.0, 1.0, 3.0, 0.25, 1.5]), [4, 3])
init = tf.random_normal_initializer(seed=1053)
emb = tf.get_variable("emb", [V, E], initializer=init)
pemb = tf.get_variable("pemb", [V, E], initializer=init,
                       partitioner=tf.fixed_size_partitioner(3))
outs = {}
for comb in ("sum", "mean", "sqrtn"):
    outs[comb] = tf.nn.embedding_lookup_sparse(emb, ids, None, combiner=comb)
    outs[comb + "_w"] = tf.nn.embedding_lookup_sparse(emb, ids, wts, combiner=comb)
    for ps in ("mod", "div"):
        outs[comb + "_p" + ps] = tf.nn.embedding_lookup_sparse(
            pemb, ids, wts, partition_strategy=ps, combiner=comb)
outs["maxnorm"] = tf.nn.embedding_lookup_sparse(emb, ids, wts, combiner="mean", max_norm=0.7)
outs["safe"] = tf.contrib.layers.safe_embedding_lookup_sparse(
    pemb, ids, wts, combiner="sqrtn", default_id=0)
print(len(tf.get_default_graph().get_operations()))
target = tf.constant(rs.randn(4, E).astype(np.float32))
loss = tf.add_n([tf.reduce_sum(tf.square(outs[k] - target)) for k in sorted(outs)])
gv = tf.train.AdagradOptimizer(0.1).compute_gradients(loss)
print([type(g).__name__ for g, v in gv])
train = tf.train.AdagradOptimizer(0.1).apply_gradients(gv)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    vals = s.run(outs)
    for k in sorted(vals):
        print(k, vals[k].tolist())
    for i in range(4):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    print(H(s.run(emb)), [H(p) for p in s.run(list(pemb))])
