"""BiLSTM-CRF tagger (NER tutorial style): embeddings, bidirectional_dynamic_rnn with
sequence lengths, dense emissions, contrib.crf log-likelihood and crf_decode, Adam with
clip_by_global_norm."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3)
rs = np.random.RandomState(11)
V, E, Hd, T, NT, B = 20, 8, 6, 7, 5, 4
words = tf.placeholder(tf.int32, [None, None])
tags = tf.placeholder(tf.int32, [None, None])
lens = tf.placeholder(tf.int32, [None])
emb = tf.get_variable("emb", [V, E], initializer=tf.random_uniform_initializer(-0.5, 0.5))
x = tf.nn.embedding_lookup(emb, words)
fw = tf.nn.rnn_cell.LSTMCell(Hd)
bw = tf.nn.rnn_cell.LSTMCell(Hd)
(of, ob), _ = tf.nn.bidirectional_dynamic_rnn(fw, bw, x, sequence_length=lens, dtype=tf.float32)
out = tf.concat([of, ob], axis=-1)
logits = tf.layers.dense(out, NT)
ll, trans = tf.contrib.crf.crf_log_likelihood(logits, tags, lens)
loss = tf.reduce_mean(-ll)
decoded, score = tf.contrib.crf.crf_decode(logits, trans, lens)
# the gradient of crf_log_norm (a dynamic_rnn inside a cond) is not listed in TF's form
print(len(tf.get_default_graph().get_operations()))
opt = tf.train.AdamOptimizer(0.05)
g, v = zip(*opt.compute_gradients(loss))
g, gn = tf.clip_by_global_norm(g, 1.0)
train = opt.apply_gradients(zip(g, v))
W = rs.randint(0, V, size=(B, T)).astype(np.int32)
Tg = rs.randint(0, NT, size=(B, T)).astype(np.int32)
L = np.array([7, 5, 3, 6], np.int32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        # ll is fetched too: without it TF's loss differs in the last bits (see the pprobe4 report)
        lv, lls, n, _ = s.run([loss, ll, gn, train], {words: W, tags: Tg, lens: L})
        print(i, repr(float(lv)), repr(lls.tolist()), repr(float(n)))
    d, sc = s.run([decoded, score], {words: W, lens: L})
    print(d.tolist(), [repr(float(z)) for z in sc])
    print(H(s.run(trans)))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
