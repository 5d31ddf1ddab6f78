"""Edges of the sampled losses and lookups: nce_loss with num_true=2 and partitioned weights
(div strategy), sampled_softmax_loss over a list of weight shards, fixed_unigram with
distortion and num_reserved_ids, unique samplers asked for more than
range_max, candidate samplers with labels of the wrong num_true or dtype, compute_accidental_hits
with num_true=2, contrib.layers.safe_embedding_lookup_sparse with invalid ids and a default_id,
embedding_lookup on an empty params list; and Adagrad's sparse updates with repeated ids."""
import numpy as np
import tensorflow as tf

np.random.seed(17)
tf.set_random_seed(19)
V, D, B = 10, 4, 3
x = tf.constant(np.random.randn(B, D).astype(np.float32))
lab2 = tf.constant([[1, 2], [3, 3], [9, 0]], tf.int64)
with tf.variable_scope("out", partitioner=tf.fixed_size_partitioner(3)):
    W = tf.get_variable("w", [V, D], initializer=tf.random_normal_initializer(seed=2))
bias = tf.get_variable("b", [V], initializer=tf.constant_initializer(0.1))
s2 = tf.nn.fixed_unigram_candidate_sampler(lab2, 2, 5, False, V, seed=3, distortion=0.5,
                                           num_reserved_ids=2, unigrams=[1.0] * 8)
nce = tf.nn.nce_loss(W, bias, lab2, x, 5, V, num_true=2, sampled_values=s2,
                     partition_strategy="div")
print("nce", nce.shape, nce.op.name)
shards = [tf.constant(np.random.randn(5, D).astype(np.float32)) for _ in range(2)]
ssm = tf.nn.sampled_softmax_loss(shards, tf.zeros([V]), lab2[:, :1], x, 3, V,
                                 sampled_values=tf.nn.uniform_candidate_sampler(
                                     lab2[:, :1], 1, 3, True, V, seed=4))
hits = tf.nn.compute_accidental_hits(lab2, tf.constant([3, 1, 0, 7], tf.int64), 2)
for bad in [lambda: tf.nn.uniform_candidate_sampler(lab2, 1, 3, True, V),
            lambda: tf.nn.log_uniform_candidate_sampler(tf.constant([[1]]), 1, 3, True, V),
            lambda: tf.nn.learned_unigram_candidate_sampler([[1.5]], 1, 3, True, V),
            lambda: tf.nn.embedding_lookup([], [0]),
            lambda: tf.nn.nce_loss(W, bias, lab2, x, 5, V, num_true=3)]:
    try:
        bad()
        print("no error at construction")
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
too_many = tf.nn.uniform_candidate_sampler(lab2[:, :1], 1, 12, True, V, seed=6)
sp = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0]], tf.constant([2, -1, 4, -3], tf.int64),
                     [3, 2])
safe = tf.contrib.layers.safe_embedding_lookup_sparse(W, sp, combiner="mean", default_id=5)
safe0 = tf.contrib.layers.safe_embedding_lookup_sparse(list(W), sp, max_norm=0.5)
emb = tf.get_variable("emb", [V, D], initializer=tf.random_uniform_initializer(seed=7))
ids = tf.constant([1, 1, 4, 1, 9])
loss = tf.reduce_sum(tf.nn.embedding_lookup(emb, ids)
                     * tf.constant(np.random.randn(5, D).astype(np.float32))) \
    + tf.reduce_mean(nce[1:2])
opt = tf.train.AdagradOptimizer(0.1, initial_accumulator_value=0.2)
train = opt.minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("s2", [a.tolist() for a in sess.run(s2)])
    print("nce", sess.run(nce).tolist())
    print("ssm", sess.run(ssm).tolist())
    print("hits", [a.tolist() for a in sess.run(hits)])
    try:
        sess.run(too_many)
    except Exception as e:
        print(type(e).__name__, e.message.splitlines()[0])
    print("safe", sess.run(safe).tolist())
    print("safe0", sess.run(safe0).tolist())
    for step in range(4):
        _, lv = sess.run([train, loss])
        print("step", step, repr(float(lv)))
    print("acc", sess.run(opt.get_slot(emb, "accumulator"))[[0, 1, 4]].tolist())
