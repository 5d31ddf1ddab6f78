"""contrib and nn safe_embedding_lookup_sparse over a variable and a partitioned list, sum /
mean / sqrtn, with weights, default_id, pruned negative ids, max_norm, and gradients."""
import tensorflow as tf

tf.set_random_seed(61)
g = tf.get_default_graph()
V, E = 10, 3
p = tf.get_variable("p", [V, E], initializer=tf.random_normal_initializer())
parts = [tf.get_variable("q%d" % i, [s, E]) for i, s in enumerate([4, 3, 3])]
sp = tf.SparseTensor(
    indices=[[0, 0], [0, 1], [1, 0], [3, 1], [3, 2]],
    values=tf.constant([3, -1, 1, 9, 3], tf.int64),
    dense_shape=[4, 3],
)
spw = tf.SparseTensor(
    indices=sp.indices, values=tf.constant([1.0, 0.5, -2.0, 1.5, 0.25]), dense_shape=sp.dense_shape
)
outs = {}
for c in ["sum", "mean", "sqrtn"]:
    outs["s_" + c] = tf.contrib.layers.safe_embedding_lookup_sparse(p, sp, spw, combiner=c)
    print(len(g.get_operations()))
    outs["n_" + c] = tf.nn.safe_embedding_lookup_sparse(parts, sp, None, combiner=c, default_id=1)
    print(len(g.get_operations()))
    outs["w_" + c] = tf.nn.safe_embedding_lookup_sparse(parts, sp, spw, combiner=c, max_norm=0.8)
    print(len(g.get_operations()))
tot = tf.add_n([tf.reduce_sum(v * v) for v in outs.values()])
gr = tf.gradients(tot, [p] + parts)
# (TF's shape refiner evaluates the constant ids through Unique and DynamicPartition, so
# the max_norm clip of a partitioned lookup has static shapes and _MulGrad its fast path)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for k in sorted(outs):
        print(k, [repr(float(v)) for v in s.run(outs[k]).ravel()])
    for x in s.run([tf.convert_to_tensor(t) for t in gr]):
        print([repr(float(v)) for v in x.ravel()[:9]])
