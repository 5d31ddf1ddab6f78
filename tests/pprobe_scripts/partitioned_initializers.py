"""Partitioned variables (fixed_size, min_max, variable_axis_size partitioners, axis 1) with
glorot, truncated normal, uniform and orthogonal initializers, and a lookup over one."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(37)
g = tf.get_default_graph()
v1 = tf.get_variable(
    "v1",
    [10, 4],
    initializer=tf.glorot_uniform_initializer(),
    partitioner=tf.fixed_size_partitioner(3),
)
print(len(g.get_operations()))
v2 = tf.get_variable(
    "v2",
    [9, 3],
    initializer=tf.truncated_normal_initializer(seed=4),
    partitioner=tf.min_max_variable_partitioner(max_partitions=2, min_slice_size=8),
)
print(len(g.get_operations()))
v3 = tf.get_variable(
    "v3",
    [7, 5],
    initializer=tf.random_uniform_initializer(-1, 1),
    partitioner=tf.variable_axis_size_partitioner(40),
)
print(len(g.get_operations()))
v4 = tf.get_variable(
    "v4",
    [6, 6],
    initializer=tf.orthogonal_initializer(),
    partitioner=tf.fixed_size_partitioner(2, axis=1),
)
print(len(g.get_operations()))
emb = tf.nn.embedding_lookup(v1, tf.constant([0, 9, 4, 4]))
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in (v1, v2, v3, v4):
        for p in v:
            print(p.name, H(s.run(p)))
    print(H(s.run(emb)))
