"""word2vec skip-gram (the TensorFlow tutorial's word2vec_basic style): a tiny corpus, a
seeded skip-gram batch generator, embeddings trained with tf.nn.nce_loss (a seeded
log_uniform sampler, with and without remove_accidental_hits) by SGD for a few steps
(sparse IndexedSlices updates), then
normalized embeddings, cosine similarity against validation words and nearest neighbours with
tf.nn.top_k. Prints losses, shapes and the op types of the loss."""
import collections

import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(7)
words = ("the quick brown fox jumps over the lazy dog the dog barks at the fox "
         "and the fox runs over the hill a quick dog chases a brown fox").split()
count = [["UNK", -1]] + collections.Counter(words).most_common(15)
vocab = {w: i for i, (w, _) in enumerate(count)}
data = [vocab.get(w, 0) for w in words]
V = len(vocab)
print("vocab", V, count[:4])


def batch(bs, skip):
    b = np.zeros(bs, np.int32)
    lab = np.zeros((bs, 1), np.int32)
    for i in range(bs):
        c = np.random.randint(1, len(data) - 1)
        b[i] = data[c]
        lab[i, 0] = data[c + np.random.choice([-1, 1])]
    return b, lab


emb_size, ns = 8, 4
train_inputs = tf.placeholder(tf.int32, [None])
train_labels = tf.placeholder(tf.int32, [None, 1])
embeddings = tf.Variable(tf.random_uniform([V, emb_size], -1.0, 1.0, seed=1))
embed = tf.nn.embedding_lookup(embeddings, train_inputs)
nce_w = tf.Variable(tf.truncated_normal([V, emb_size], stddev=1.0 / np.sqrt(emb_size), seed=2))
nce_b = tf.Variable(tf.zeros([V]))
sampled = tf.nn.log_uniform_candidate_sampler(tf.cast(train_labels, tf.int64), 1, ns, True, V,
                                               seed=5)
loss = tf.reduce_mean(tf.nn.nce_loss(weights=nce_w, biases=nce_b, labels=train_labels,
                                     inputs=embed, num_sampled=ns, num_classes=V,
                                     sampled_values=sampled))
loss2 = tf.reduce_mean(tf.nn.nce_loss(nce_w, nce_b, train_labels, embed, ns, V, num_true=1,
                                      remove_accidental_hits=True, sampled_values=sampled))
print("loss op", loss.op.name, loss.shape)
ops = tf.get_default_graph().get_operations()
print("nce ops", sorted(collections.Counter(o.type for o in ops
                                            if o.name.startswith("nce_loss")).items()))
opt = tf.train.GradientDescentOptimizer(0.5)
gv = opt.compute_gradients(loss)
print("grad types", [type(g).__name__ for g, _ in gv])
train = opt.apply_gradients(gv)
norm = tf.sqrt(tf.reduce_sum(tf.square(embeddings), 1, keepdims=True))
normalized = embeddings / norm
valid = tf.constant([1, 2, 3], dtype=tf.int32)
sim = tf.matmul(tf.nn.embedding_lookup(normalized, valid), normalized, transpose_b=True)
top_v, top_i = tf.nn.top_k(sim, k=4)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        bi, bl = batch(12, 1)
        _, lv = sess.run([train, loss], {train_inputs: bi, train_labels: bl})
        print("step", step, repr(float(lv)))
    print("loss2", repr(float(sess.run(loss2, {train_inputs: bi, train_labels: bl}))))
    s, tv, ti = sess.run([sim, top_v, top_i])
    print("sim", s.shape, s[0, :5].tolist())
    print("top", tv.tolist())
    print("nearest", [[count[j][0] for j in row[1:]] for row in ti])
