"""embedding_lookup with max_norm and mod/div partitions, embedding_lookup_sparse's three
combiners and safe_embedding_lookup_sparse in one graph; its weighted mean divides
exactly (Grappler folds no Sparse* op, so no reciprocal), gradients and Momentum steps."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(5)
rng = np.random.RandomState(3)
V, E = 12, 4
params = tf.get_variable("p", [V, E], initializer=tf.random_normal_initializer(seed=2))
p_parts = [
    tf.get_variable("q%d" % i, [s, E], initializer=tf.random_normal_initializer(seed=10 + i))
    for i, s in enumerate([4, 4, 4])
]
ids = tf.constant(rng.randint(0, V, (3, 5)))
outs = {
    "max_norm": tf.nn.embedding_lookup(params, ids, max_norm=1.0),
    "mod": tf.nn.embedding_lookup(p_parts, ids, partition_strategy="mod"),
    "div": tf.nn.embedding_lookup(p_parts, ids, partition_strategy="div"),
}
sp = tf.SparseTensor(
    indices=[[0, 0], [0, 1], [1, 0], [2, 0], [2, 2]],
    values=tf.constant([3, 7, 1, 5, 3], tf.int64),
    dense_shape=[3, 3],
)
spw = tf.SparseTensor(
    indices=sp.indices, values=tf.constant([1.0, 0.5, 2.0, 1.0, -1.0]), dense_shape=sp.dense_shape
)
for comb in ["sum", "mean", "sqrtn"]:
    outs["sparse_" + comb] = tf.nn.embedding_lookup_sparse(params, sp, spw, combiner=comb)
    outs["sparse_parts_" + comb] = tf.nn.embedding_lookup_sparse(
        p_parts, sp, None, combiner=comb, partition_strategy="div"
    )
outs["safe"] = tf.nn.safe_embedding_lookup_sparse(p_parts, sp, spw, combiner="mean", default_id=2)
print(len(tf.get_default_graph().get_operations()))
tot = tf.add_n([tf.reduce_sum(o**2) for o in outs.values()])
grads = tf.gradients(tot, [params] + p_parts)
train = tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True).minimize(tot)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for k in sorted(outs):
        print(k, s.run(outs[k]).astype(np.float64).ravel()[:6].tolist())
    for g in grads:
        g = s.run(tf.convert_to_tensor(g))
        print(g.astype(np.float64).ravel()[:6].tolist())
    for i in range(2):
        print(repr(float(s.run([tot, train])[0])))
