"""Skip-gram pairs made in the graph by text.skip_gram_sample: fixed and random
window sizes (min_skips < max_skips, seeded), start / limit, emit_self_as_target, batching
into a tf.train.batch-free path, and frequency subsampling through a vocab_freq_table
(HashTable) with vocab_min_count / vocab_subsampling, then a tiny word2vec step on the pairs
with tf.nn.nce_loss and a learned_unigram_candidate_sampler; tf.nn.compute_accidental_hits
on the samples: op counts and values."""
import hashlib
import numpy as np
import tensorflow as tf
from tensorflow.contrib import text


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1881)
toks = tf.constant("the quick brown fox jumps over the lazy dog and the quick cat".split())
a_in, a_lab = text.skip_gram_sample(toks, min_skips=1, max_skips=1)
b_in, b_lab = text.skip_gram_sample(toks, min_skips=1, max_skips=3, seed=1882)
c_in, c_lab = text.skip_gram_sample(toks, min_skips=0, max_skips=2, start=2,
                                               limit=6, emit_self_as_target=True, seed=1883)
keys = tf.constant(["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and",
                    "cat"])
freqs = tf.constant([3, 2, 1, 1, 1, 1, 1, 1, 1, 1], tf.int64)
ftab = tf.contrib.lookup.HashTable(tf.contrib.lookup.KeyValueTensorInitializer(keys, freqs), -1)
d_in, d_lab = text.skip_gram_sample(
    toks, min_skips=2, max_skips=2, vocab_freq_table=ftab, vocab_min_count=2,
    vocab_subsampling=0.3, corpus_size=13, seed=1884)
itab = tf.contrib.lookup.index_table_from_tensor(keys)
ids = tf.constant(np.arange(13, dtype=np.int64) % 7)
e_in, e_lab = text.skip_gram_sample(ids, min_skips=1, max_skips=2, seed=1885)
V, E = 10, 4
emb = tf.get_variable("emb", [V, E], initializer=tf.random_uniform_initializer(-1, 1, seed=1886))
nw = tf.get_variable("nw", [V, E], initializer=tf.truncated_normal_initializer(0.0, 0.5,
                                                                              seed=1887))
nb = tf.get_variable("nb", [V], initializer=tf.zeros_initializer())
xi = itab.lookup(b_in)
yi = tf.expand_dims(itab.lookup(b_lab), 1)
samp = tf.nn.learned_unigram_candidate_sampler(yi, 1, 5, False, V, seed=1888)
hits = tf.nn.compute_accidental_hits(yi, samp.sampled_candidates, 1)
loss = tf.reduce_mean(tf.nn.nce_loss(nw, nb, yi, tf.nn.embedding_lookup(emb, xi), 5, V,
                                     sampled_values=samp))
step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.tables_initializer()])
    for n, t in (("a", (a_in, a_lab)), ("b", (b_in, b_lab)), ("c", (c_in, c_lab)),
                 ("d", (d_in, d_lab)), ("e", (e_in, e_lab))):
        for r in range(2):
            v = s.run(t)
            print(n, r, v[0].tolist(), v[1].tolist())
    for i in range(4):
        r = s.run([loss, samp, hits, step])
        print(i, repr(float(r[0])), [x.tolist() for x in r[1]], [x.tolist() for x in r[2]])
    print(H(s.run(emb)))
