"""tf.contrib.crf on its own: crf_log_likelihood with a learned transition matrix trained by
GradientDescent (no RNN), crf_decode and viterbi_decode of the learned parameters,
crf_unary_score / crf_binary_score printed separately."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(151)
rs = np.random.RandomState(152)
B, T, N = 4, 6, 3
x = tf.placeholder(tf.float32, [B, T, 5])
tags = tf.placeholder(tf.int32, [B, T])
lens = tf.placeholder(tf.int32, [B])
un = tf.layers.dense(x, N, use_bias=False)
ll, trans = tf.contrib.crf.crf_log_likelihood(un, tags, lens)
loss = -tf.reduce_mean(ll)
us = tf.contrib.crf.crf_unary_score(tags, lens, un)
bs = tf.contrib.crf.crf_binary_score(tags, lens, trans)
dec, dsc = tf.contrib.crf.crf_decode(un, trans, lens)
print(len(tf.get_default_graph().get_operations()))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
X = rs.randn(B, T, 5).astype(np.float32)
Tg = rs.randint(0, N, (B, T)).astype(np.int32)
Lv = np.array([6, 4, 2, 5], np.int32)
fd = {x: X, tags: Tg, lens: Lv}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        u, b_ = s.run([us, bs], fd)
        lv, _ = s.run([loss, train], fd)
        print(i, repr(float(lv)), repr(u.tolist()), repr(b_.tolist()))
    d, sc, U, Tr = s.run([dec, dsc, un, trans], fd)
    print(d.tolist(), repr(sc.tolist()))
    vs, vsc = tf.contrib.crf.viterbi_decode(U[0, : Lv[0]], Tr)
    print(vs, repr(float(vsc)))
    print(H(Tr))
