"""word2vec skip-gram with both context words as true labels (num_true=2): pairs built in NumPy
from a seeded corpus, nce_loss with a fixed_unigram_candidate_sampler (distortion 0.75,
num_reserved_ids, unique) passed as sampled_values, sampled_softmax_loss with
remove_accidental_hits and a log_uniform sampler over div-partitioned weights, trained with
Nesterov momentum (sparse updates), then cosine nearest neighbours by l2_normalize / matmul /
top_k: op counts, losses, samples and neighbours."""
import collections
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1851)
rs = np.random.RandomState(1852)
words = ("the king rules the land the queen rules the sea a man walks a woman walks "
         "the king and the queen walk the land").split()
cnt = collections.Counter(words)
vocab = ["UNK"] + sorted(cnt, key=lambda w: (-cnt[w], w))
wid = {w: i for i, w in enumerate(vocab)}
data = np.array([wid[w] for w in words], np.int64)
V, E, NS = len(vocab), 6, 4
cen = data[1:-1]
ctx = np.stack([data[:-2], data[2:]], 1)
perm = rs.permutation(len(cen))
unig = [1] + [cnt[w] for w in vocab[1:]]
x = tf.placeholder(tf.int64, [None])
yl = tf.placeholder(tf.int64, [None, 2])
emb = tf.get_variable("emb", [V, E], initializer=tf.random_uniform_initializer(-1., 1.,
                                                                               seed=1853))
nw = tf.get_variable("nw", [V, E], initializer=tf.truncated_normal_initializer(
    stddev=1.0 / np.sqrt(E), seed=1854))
nb = tf.get_variable("nb", [V], initializer=tf.zeros_initializer())
sw = tf.get_variable("sw", [V, E], initializer=tf.truncated_normal_initializer(
    stddev=0.3, seed=1855), partitioner=tf.fixed_size_partitioner(3))
sb = tf.get_variable("sb", [V], initializer=tf.zeros_initializer(),
                     partitioner=tf.fixed_size_partitioner(3))
xe = tf.nn.embedding_lookup(emb, x)
samp = tf.nn.fixed_unigram_candidate_sampler(yl, 2, NS, True, V, distortion=0.75,
                                             num_reserved_ids=0, unigrams=unig, seed=1856)
nce = tf.reduce_mean(tf.nn.nce_loss(nw, nb, yl, xe, NS, V, num_true=2, sampled_values=samp))
lus = tf.nn.log_uniform_candidate_sampler(yl, 2, NS, True, V, seed=1857)
ssm = tf.reduce_mean(tf.nn.sampled_softmax_loss(
    sw, sb, yl, xe, NS, V, num_true=2, sampled_values=lus, remove_accidental_hits=True,
    partition_strategy="div"))
loss = nce + ssm
step = tf.train.MomentumOptimizer(0.2, 0.9, use_nesterov=True).minimize(loss)
normed = tf.nn.l2_normalize(emb, 1)
q = tf.constant([wid["king"], wid["man"], wid["land"]], tf.int64)
sim = tf.matmul(tf.nn.embedding_lookup(normed, q), normed, transpose_b=True)
nn = tf.nn.top_k(sim, 4)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    sv = s.run(samp, {yl: ctx[:3]})
    print([a.tolist() for a in sv])
    for ep in range(5):
        for b in range(0, len(perm), 8):
            j = perm[b:b + 8]
            lv, _ = s.run([loss, step], {x: cen[j], yl: ctx[j]})
        print(ep, repr(float(lv)))
    r = s.run(nn)
    print(r.indices.tolist(), r.values.tolist())
    print([[vocab[i] for i in row] for row in r.indices.tolist()])
    print(H(s.run(emb)), H(s.run(sw.as_tensor())))
