"""A DeepFM / Wide&Deep tower on multi-valent categorical fields: per-field
tf.nn.embedding_lookup_sparse with sparse weights and combiners sum / mean / sqrtn (and
unweighted), the FM second-order part from the field embeddings (square of sum minus sum
of squares), a deep MLP tower, trained with tf.train.AdagradOptimizer on IndexedSlices
gradients of the embedding tables; values at full precision and op counts."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(21)
np.random.seed(21)

BATCH, VOCAB, K = 4, 10, 4
rs = np.random.RandomState(21)


def field(name, n_per_row, combiner, weighted):
    idx, ids, wts = [], [], []
    for b in range(BATCH):
        for j in range(n_per_row[b]):
            idx.append([b, j])
            ids.append(rs.randint(0, VOCAB))
            wts.append(rs.uniform(0.2, 2.0))
    shape = [BATCH, max(n_per_row)]
    sp_ids = tf.SparseTensor(np.array(idx, np.int64), np.array(ids, np.int64), shape)
    sp_w = (tf.SparseTensor(np.array(idx, np.int64), np.array(wts, np.float32), shape)
            if weighted else None)
    table = tf.get_variable(name, [VOCAB, K],
                            initializer=tf.random_uniform_initializer(-0.2, 0.2, seed=len(name)))
    return table, tf.nn.embedding_lookup_sparse(table, sp_ids, sp_w, combiner=combiner,
                                                name=name + "_lookup")


specs = [("genre", [2, 1, 3, 2], "sum", True), ("tags", [1, 3, 2, 2], "mean", True),
         ("cast", [3, 2, 1, 1], "sqrtn", True), ("city", [1, 2, 1, 2], "mean", False),
         ("site", [2, 2, 3, 1], "sqrtn", False)]
tables, embs = zip(*[field(*s) for s in specs])
stack = tf.stack(embs, axis=1)                       # [B, F, K]
sum_sq = tf.square(tf.reduce_sum(stack, axis=1))
sq_sum = tf.reduce_sum(tf.square(stack), axis=1)
fm = 0.5 * tf.reduce_sum(sum_sq - sq_sum, axis=1, keepdims=True)
flat = tf.reshape(stack, [BATCH, len(specs) * K])
h = tf.layers.dense(flat, 8, activation=tf.nn.relu,
                    kernel_initializer=tf.glorot_uniform_initializer(seed=4), name="deep1")
h = tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=5), name="deep2")
logits = fm + h
y = tf.constant(rs.randint(0, 2, (BATCH, 1)).astype(np.float32))
loss = tf.losses.sigmoid_cross_entropy(y, logits)
opt = tf.train.AdagradOptimizer(0.5, initial_accumulator_value=0.05)
grads = opt.compute_gradients(loss)
step = opt.apply_gradients(grads)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for e, s in zip(sess.run(list(embs)), specs):
        print(s[0], s[2], repr(e.tolist()))
    print(repr(sess.run(fm).ravel().tolist()), repr(sess.run(logits).ravel().tolist()))
    print([type(g).__name__ for g, _ in grads])
    gi = sess.run(grads[0][0])
    print(repr(gi.indices.tolist()), repr(gi.values.tolist()), gi.dense_shape)
    for i in range(4):
        _, lv = sess.run([step, loss])
        print(i, repr(lv))
    print(repr(sess.run(tables[1]).tolist()))
    print(repr(sess.run(opt.get_slot(tables[2], "accumulator")).tolist()))
    print(embs[0].name, embs[1].name, embs[3].name)
    print(len(tf.get_default_graph().get_operations()))
