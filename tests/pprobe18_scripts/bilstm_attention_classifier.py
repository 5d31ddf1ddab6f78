"""A BiLSTM attention classifier: tokens embedded by contrib.layers.embed_sequence and a
bag-of-words branch by bow_encoder (dense ids and dense_to_sparse with an EOS token), a
bidirectional_dynamic_rnn of a LayerNormBasicLSTMCell with seeded recurrent dropout (fw)
and an LSTMBlockCell with peepholes (bw) over sequence lengths, additive attention masked
to -inf past each length, a weighted sparse_softmax_cross_entropy, Adam with per-gradient
clip_by_norm and a global step, and a hashed embedding_column (sqrtn): op counts, losses,
attention weights."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(31)
rs = np.random.RandomState(32)
X = tf.constant(rs.randint(0, 12, (3, 7)).astype(np.int64))
L = tf.constant([7, 4, 2])
bow = tf.contrib.layers.bow_encoder(
    X, 12, 4, initializer=tf.random_uniform_initializer(seed=33), scope="bow")
bow2 = tf.contrib.layers.bow_encoder(tf.contrib.layers.dense_to_sparse(X, eos_token=0), 12, 4,
                                     scope="bow", reuse=True)
xe = tf.contrib.layers.embed_sequence(
    X, 12, 5, initializer=tf.random_uniform_initializer(seed=34), scope="es")
fw = tf.contrib.rnn.LayerNormBasicLSTMCell(6, dropout_keep_prob=0.8, dropout_prob_seed=35)
bw = tf.contrib.rnn.LSTMBlockCell(6, use_peephole=True)
(of, ob), st = tf.nn.bidirectional_dynamic_rnn(fw, bw, xe, sequence_length=L, dtype=tf.float32)
h = tf.concat([of, ob], 2)
u = tf.tanh(tf.layers.dense(h, 4, kernel_initializer=tf.glorot_uniform_initializer(seed=36)))
score = tf.squeeze(tf.layers.dense(
    u, 1, use_bias=False, kernel_initializer=tf.glorot_uniform_initializer(seed=37)), 2)
mask = tf.sequence_mask(L, 7)
score = tf.where(mask, score, tf.fill(tf.shape(score), -np.inf))
att = tf.nn.softmax(score)
ctx = tf.reduce_sum(h * att[:, :, None], 1)
logits = tf.layers.dense(tf.concat([ctx, bow], 1), 3,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=38))
y = tf.constant([0, 2, 1])
loss = tf.losses.sparse_softmax_cross_entropy(y, logits, weights=tf.constant([1.0, 0.5, 2.0]))
opt = tf.train.AdamOptimizer(0.02)
gv = opt.compute_gradients(loss)
gv = [(tf.clip_by_norm(g, 0.5) if g is not None else g, v) for g, v in gv]
step = opt.apply_gradients(gv, global_step=tf.train.get_or_create_global_step())
cols = [tf.feature_column.embedding_column(
    tf.feature_column.categorical_column_with_hash_bucket("w", 10), 3, combiner="sqrtn",
    initializer=tf.random_normal_initializer(seed=39))]
feats = {"w": tf.SparseTensor([[0, 0], [0, 1], [2, 0]], ["a", "b", "c"], [3, 2])}
inp = tf.feature_column.input_layer(feats, cols)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        r = s.run([loss, step])
        print(i, repr(float(r[0])))
    print(s.run(att).tolist())
    print(H(s.run(bow)), H(s.run(bow2)), s.run(inp).tolist())
