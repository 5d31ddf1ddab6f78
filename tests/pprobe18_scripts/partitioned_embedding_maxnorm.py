"""Partitioned embeddings: tf.nn.embedding_lookup over variables split by
fixed_size_partitioner (uneven), min_max_variable_partitioner and
variable_axis_size_partitioner, mod and div strategies, 3-D ids with repeats, max_norm,
a list of plain tensors as params, contrib.layers.embed_sequence and
embedding_lookup_unique, and Ftrl / ProximalAdagrad sparse training through the partitions:
op counts, values and updated shards."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1861)
rs = np.random.RandomState(1862)
V, E = 11, 4
init = tf.random_normal_initializer(seed=1863)
p1 = tf.get_variable("p1", [V, E], initializer=init, partitioner=tf.fixed_size_partitioner(4))
p2 = tf.get_variable("p2", [V, E], initializer=init,
                     partitioner=tf.min_max_variable_partitioner(max_partitions=3,
                                                                 min_slice_size=32))
p3 = tf.get_variable("p3", [V, E], initializer=init,
                     partitioner=tf.variable_axis_size_partitioner(max_shard_bytes=64))
print([len(list(p)) for p in (p1, p2, p3)], [v.shape.as_list() for v in p3])
ids = tf.constant(rs.randint(0, V, size=(2, 3, 2)).astype(np.int64))
outs = {}
for n, p in (("p1", p1), ("p2", p2), ("p3", p3)):
    for ps in ("mod", "div"):
        outs[n + ps] = tf.nn.embedding_lookup(p, ids, partition_strategy=ps)
        outs[n + ps + "_mn"] = tf.nn.embedding_lookup(p, ids, partition_strategy=ps,
                                                      max_norm=1.2)
tens = [tf.constant(rs.randn(4, E).astype(np.float32)), tf.constant(
    rs.randn(4, E).astype(np.float32)), tf.constant(rs.randn(3, E).astype(np.float32))]
outs["tens_div"] = tf.nn.embedding_lookup(tens, ids, partition_strategy="div")
outs["tens_mod"] = tf.nn.embedding_lookup(tens, ids)
outs["uniq"] = tf.contrib.layers.embedding_lookup_unique(p1, ids)
outs["embseq"] = tf.contrib.layers.embed_sequence(
    tf.constant([[1, 5, 5], [0, 2, 10]]), vocab_size=V, embed_dim=3,
    initializer=tf.random_uniform_initializer(seed=1864), scope="es")
print(len(tf.get_default_graph().get_operations()))
tgt = tf.constant(rs.randn(2, 3, 2, E).astype(np.float32))
l1 = tf.reduce_sum(tf.square(outs["p1div_mn"] - tgt)) + tf.reduce_sum(
    tf.square(outs["p2mod"] - tgt))
l2 = tf.reduce_sum(tf.abs(outs["p3div"] - tgt))
s1 = tf.train.FtrlOptimizer(0.3, l1_regularization_strength=0.01,
                            l2_regularization_strength=0.02).minimize(l1)
s2 = tf.train.ProximalAdagradOptimizer(0.2, l1_regularization_strength=0.05).minimize(l2)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    v = s.run(outs)
    for k in sorted(v):
        print(k, H(v[k]), v[k].reshape(-1)[:4].tolist())
    for i in range(3):
        r = s.run([l1, l2, s1, s2])
        print(i, repr(float(r[0])), repr(float(r[1])))
    for p in (p1, p2, p3):
        print([H(a) for a in s.run(list(p))])
