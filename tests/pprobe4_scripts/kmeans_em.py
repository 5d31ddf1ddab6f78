"""Clustering by hand in graph mode: k-means with tf.argmin over pairwise distances,
unsorted_segment_sum/bincount center updates assigned each iteration, and one
Gaussian-mixture EM loop (responsibilities by softmax of log densities, weighted means
and variances) inside tf.while_loop."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(141)
K = 3
pts = np.concatenate([rs.randn(10, 2) * 0.4 + c for c in ([0, 0], [3, 1], [1, 4])]).astype(
    np.float32
)
X = tf.constant(pts)
cent = tf.Variable(tf.constant(pts[[0, 11, 25]]))
d2 = tf.reduce_sum(tf.square(X[:, None, :] - cent[None, :, :]), 2)
assign = tf.argmin(d2, 1, output_type=tf.int32)
sums = tf.unsorted_segment_sum(X, assign, K)
counts = tf.cast(tf.bincount(assign, minlength=K), tf.float32)
step = tf.assign(cent, sums / tf.maximum(counts, 1.0)[:, None])
inertia = tf.reduce_sum(tf.reduce_min(d2, 1))


def em_body(i, mu, var, pi):
    logp = (
        -0.5 * tf.reduce_sum(tf.square(X[:, None, :] - mu[None]) / var[None], 2)
        - tf.reduce_sum(tf.log(var), 1)[None]
        + tf.log(pi)[None]
    )
    r = tf.nn.softmax(logp, 1)
    nk = tf.reduce_sum(r, 0)
    mu = tf.matmul(r, X, transpose_a=True) / nk[:, None]
    var = tf.matmul(r, tf.square(X), transpose_a=True) / nk[:, None] - tf.square(mu) + 1e-3
    return i + 1, mu, var, nk / tf.reduce_sum(nk)


_, mu, var, pi = tf.while_loop(
    lambda i, *a: i < 5,
    em_body,
    [0, tf.constant(pts[[1, 12, 26]]), tf.ones([K, 2]), tf.fill([K], 1.0 / K)],
)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        print(i, repr(float(s.run(inertia))), s.run(assign).tolist())
        print(repr(s.run(step).ravel().tolist()))
    m, v, p = s.run([mu, var, pi])
    print(repr(m.ravel().tolist()), repr(v.ravel().tolist()), repr(p.tolist()))
