"""Ising model Gibbs sampling on a periodic 6x6 lattice: checkerboard half-sweeps in a
tf.while_loop (tf.roll neighbours, seeded random_uniform per half-sweep), a tf.cond that
picks a hot or cold random initial state, energy and magnetization per sweep in
TensorArrays; two temperatures through a placeholder, a second Session."""
import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(7)
g = tf.get_default_graph()
L = 6
beta = tf.placeholder(tf.float32, [])
hot = tf.placeholder(tf.bool, [])
ii, jj = np.meshgrid(np.arange(L), np.arange(L), indexing="ij")
masks = tf.constant(np.stack([(ii + jj) % 2 == 0, (ii + jj) % 2 == 1]).astype(np.float32))


def nbrs(s):
    return (tf.roll(s, 1, 0) + tf.roll(s, -1, 0) + tf.roll(s, 1, 1) + tf.roll(s, -1, 1))


spins0 = tf.cond(
    hot,
    lambda: tf.sign(tf.random_uniform([L, L], -1.0, 1.0, seed=1)),
    lambda: tf.where(tf.random_uniform([L, L], seed=2) < 0.9, tf.ones([L, L]), -tf.ones([L, L])))


def body(t, s, ea, ma):
    for k in range(2):
        h = nbrs(s)
        p_up = tf.sigmoid(2.0 * beta * h)
        new = tf.where(tf.random_uniform([L, L], seed=3) < p_up, tf.ones([L, L]), -tf.ones([L, L]))
        s = masks[k] * new + (1.0 - masks[k]) * s
    e = -tf.reduce_sum(s * (tf.roll(s, 1, 0) + tf.roll(s, 1, 1))) / (L * L)
    m = tf.reduce_mean(s)
    return t + 1, s, ea.write(t, e), ma.write(t, m)


_, sf, ea, ma = tf.while_loop(
    lambda t, *a: t < 20, body,
    [tf.constant(0), spins0, tf.TensorArray(tf.float32, 20), tf.TensorArray(tf.float32, 20)],
    parallel_iterations=1)
E, M = ea.stack(), ma.stack()
print(len(g.get_operations()))
with tf.Session() as sess:
    for b, h in ((0.2, True), (0.8, False), (0.2, True)):
        e, m, s = sess.run([E, M, sf], {beta: b, hot: h})
        print(b, h, e.tolist())
        print(m.tolist(), hashlib.md5(s.tobytes()).hexdigest())
with tf.Session() as sess:
    print(sess.run(E, {beta: 0.5, hot: True}).tolist())
