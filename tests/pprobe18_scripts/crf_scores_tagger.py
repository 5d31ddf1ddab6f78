"""A BiLSTM-CRF tagger (peephole LSTMCell with num_proj, bidirectional_dynamic_rnn with
sequence_length) and the tf.contrib.crf pieces around it: crf_sequence_score, crf_log_norm,
crf_unary_score, crf_binary_score, crf_multitag_sequence_score, crf_log_likelihood with a
given transition matrix, crf_decode against viterbi_decode in NumPy, and a length-1 sequence;
trained with RMSProp: op counts, losses and tag paths."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1831)
rs = np.random.RandomState(1832)
B, T, V, E, K = 4, 6, 15, 5, 4
X = rs.randint(1, V, size=(B, T)).astype(np.int32)
L = np.array([6, 3, 1, 5], np.int32)
Y = tf.constant(rs.randint(0, K, size=(B, T)).astype(np.int32))
emb = tf.get_variable("emb", [V, E], initializer=tf.random_normal_initializer(seed=1833))
xe = tf.nn.embedding_lookup(emb, X)
init = tf.glorot_uniform_initializer(seed=1834)
fw = tf.nn.rnn_cell.LSTMCell(6, use_peepholes=True, num_proj=4, initializer=init)
bw = tf.nn.rnn_cell.LSTMCell(6, use_peepholes=True, num_proj=4, initializer=init)
(of, ob), _ = tf.nn.bidirectional_dynamic_rnn(fw, bw, xe, sequence_length=L, dtype=tf.float32)
h = tf.concat([of, ob], -1)
u = tf.layers.dense(h, K, kernel_initializer=tf.glorot_uniform_initializer(seed=1835))
ll, trans = tf.contrib.crf.crf_log_likelihood(u, Y, L)
loss = -tf.reduce_mean(ll)
step = tf.train.RMSPropOptimizer(0.05, decay=0.9, momentum=0.1).minimize(loss)
dec, dscore = tf.contrib.crf.crf_decode(u, trans, L)
seqs = tf.contrib.crf.crf_sequence_score(u, Y, L, trans)
lnorm = tf.contrib.crf.crf_log_norm(u, L, trans)
una = tf.contrib.crf.crf_unary_score(Y, L, u)
bina = tf.contrib.crf.crf_binary_score(Y, L, trans)
mask = tf.constant(rs.rand(B, T, K) > 0.4)
multi = tf.contrib.crf.crf_multitag_sequence_score(u, mask, L, trans)
fixed = tf.constant(rs.randn(K, K).astype(np.float32))
ll2, _ = tf.contrib.crf.crf_log_likelihood(u, Y, L, transition_params=fixed)
u1 = tf.constant(rs.randn(2, 1, K).astype(np.float32))
d1, s1 = tf.contrib.crf.crf_decode(u1, fixed, tf.constant([1, 1]))
ls1 = tf.contrib.crf.crf_sequence_score(u1, tf.constant([[2], [0]]), tf.constant([1, 1]), fixed)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, step])
        print(i, repr(float(lv)))
    v = s.run(dict(dec=dec, dscore=dscore, seqs=seqs, lnorm=lnorm, una=una, bina=bina,
                   multi=multi, ll2=ll2, d1=d1, s1=s1, ls1=ls1))
    for k in sorted(v):
        print(k, v[k].tolist())
    uv, tv = s.run([u, trans])
    for b in range(B):
        path, sc = tf.contrib.crf.viterbi_decode(uv[b, :L[b]], tv)
        print(path, repr(float(sc)), v["dec"][b, :L[b]].tolist() == path)
    print(H(tv))
