"""Embeddings in partitioned variables (the wide-and-deep / large vocabulary style):
tf.get_variable with fixed_size_partitioner, tf.nn.embedding_lookup with the mod and div
partition strategies and max_norm, a list of plain tensors as params, the gather's op
types, and a few SGD steps whose gradients are IndexedSlices per partition."""
import collections

import numpy as np
import tensorflow as tf

np.random.seed(5)
tf.set_random_seed(9)
V, D = 11, 4
ids = tf.constant([[0, 3, 10], [7, 3, 5]], dtype=tf.int64)
with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(3)):
    table = tf.get_variable("table", [V, D], initializer=tf.random_normal_initializer(seed=4))
print("parts", [v.name for v in table], [v.shape.as_list() for v in table])
print("table type", type(table).__name__, len(list(table)))
mod = tf.nn.embedding_lookup(table, ids, partition_strategy="mod")
div = tf.nn.embedding_lookup(table, ids, partition_strategy="div")
clipped = tf.nn.embedding_lookup(table, ids, partition_strategy="div", max_norm=1.0)
print("shapes", mod.shape, div.shape, clipped.shape)
g = tf.get_default_graph()
print("mod ops", sorted(collections.Counter(o.type for o in g.get_operations()
                                            if o.name.startswith("embedding_lookup/")).items()))
consts = [tf.constant(np.arange(i * 8, i * 8 + 8, dtype=np.float32).reshape(4, 2))
          for i in range(3)]
c_mod = tf.nn.embedding_lookup(consts, [0, 1, 2, 3, 4, 11])
c_div = tf.nn.embedding_lookup(consts, [0, 1, 2, 3, 4, 11], partition_strategy="div")
target = tf.constant(np.random.randn(2, 3, D).astype(np.float32))
loss = tf.reduce_mean(tf.square(div - target)) + tf.reduce_mean(tf.square(mod))
opt = tf.train.GradientDescentOptimizer(0.2)
gv = opt.compute_gradients(loss)
print("grads", [(type(gr).__name__, v.name) for gr, v in gv])
train = opt.apply_gradients(gv)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("c_mod", sess.run(c_mod).tolist())
    print("c_div", sess.run(c_div).tolist())
    m, d, c = sess.run([mod, div, clipped])
    print("mod", m[0].tolist())
    print("div", d[1].tolist())
    print("clip norms", np.linalg.norm(c, axis=-1).tolist())
    for step in range(4):
        _, lv = sess.run([train, loss])
        print("step", step, repr(float(lv)))
    gi = sess.run(gv[0][0])
    print("slices", gi.indices.tolist(), gi.values.shape, gi.dense_shape)
