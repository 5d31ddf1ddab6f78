"""Bag-of-words embeddings: tf.nn.embedding_lookup_sparse with the sum / mean / sqrtn
combiners, with and without sparse weights, over a partitioned table; tf.contrib.layers.
embed_sequence (its variable, reuse); a small classifier trained by Adagrad; and the errors
TF raises for a bad combiner and a bad partition strategy."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(4)
V, D = 9, 3
sp_ids = tf.SparseTensor(indices=[[0, 0], [0, 1], [1, 0], [2, 0], [2, 1], [2, 2]],
                         values=tf.constant([1, 4, 8, 0, 4, 4], tf.int64), dense_shape=[3, 3])
sp_w = tf.SparseTensor(indices=sp_ids.indices, values=[1.0, 2.0, 0.5, 1.0, 3.0, 1.0],
                       dense_shape=sp_ids.dense_shape)
params = tf.get_variable("params", [V, D], initializer=tf.random_uniform_initializer(-1, 1, seed=6),
                         partitioner=tf.fixed_size_partitioner(2))
outs = {}
for comb in ("sum", "mean", "sqrtn"):
    outs[comb] = tf.nn.embedding_lookup_sparse(params, sp_ids, None, combiner=comb)
    outs[comb + "_w"] = tf.nn.embedding_lookup_sparse(params, sp_ids, sp_w, combiner=comb,
                                                      partition_strategy="div")
print("names", sorted(t.op.name for t in outs.values()))
seq = tf.constant([[1, 2, 3, 0], [4, 4, 5, 6]])
es = tf.contrib.layers.embed_sequence(seq, vocab_size=V, embed_dim=5, scope="words",
                                      initializer=tf.random_normal_initializer(seed=8))
es2 = tf.contrib.layers.embed_sequence(seq, vocab_size=V, embed_dim=5, scope="words", reuse=True)
print("embed_sequence", es.shape, es.op.name, [v.name for v in tf.trainable_variables()])
pooled = tf.reduce_mean(es, 1)
logits = tf.layers.dense(tf.concat([pooled, outs["mean"][:2]], 1), 2,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=10))
loss = tf.losses.sparse_softmax_cross_entropy([0, 1], logits)
train = tf.train.AdagradOptimizer(0.5).minimize(loss)
for bad in [lambda: tf.nn.embedding_lookup_sparse(params, sp_ids, None, combiner="max"),
            lambda: tf.nn.embedding_lookup(params, [1], partition_strategy="foo")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for k in sorted(outs):
        print(k, sess.run(outs[k]).tolist())
    a, b = sess.run([es, es2])
    print("same", bool((a == b).all()), a[1, 0].tolist())
    for step in range(5):
        _, lv = sess.run([train, loss])
        print("step", step, repr(float(lv)))
