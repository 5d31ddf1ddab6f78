"""Hamiltonian Monte Carlo in a tf.while_loop: a correlated 2-D Gaussian target, its
potential's gradient by tf.gradients inside the loop body, leapfrog steps in a nested
tf.while_loop, seeded momenta (tf.random_normal) and a Metropolis test
(tf.random_uniform) per iteration, samples collected in a TensorArray; float64 chain
values at full precision, acceptance rate and op counts."""

import hashlib

import tensorflow as tf

tf.set_random_seed(1531)
prec = tf.constant([[1.0, -0.8], [-0.8, 1.0]], tf.float64) / 0.36  # inv([[1, .8], [.8, 1]])
eps, n_leap, n_samp = 0.15, 8, 60


def U(q):
    return 0.5 * tf.reduce_sum(q * tf.linalg.matvec(prec, q))


def dU(q):
    return tf.gradients(U(q), q)[0]


def leapfrog(q, p):
    p = p - 0.5 * eps * dU(q)

    def body(i, q, p):
        q = q + eps * p
        p = p - eps * dU(q)
        return i + 1, q, p

    _, q, p = tf.while_loop(lambda i, q, p: i < n_leap - 1, body, [0, q, p])
    q = q + eps * p
    p = p - 0.5 * eps * dU(q)
    return q, p


def step(i, q, acc, ta):
    p0 = tf.random_normal([2], dtype=tf.float64, seed=5)
    q1, p1 = leapfrog(q, p0)
    h0 = U(q) + 0.5 * tf.reduce_sum(p0 * p0)
    h1 = U(q1) + 0.5 * tf.reduce_sum(p1 * p1)
    accept = tf.log(tf.random_uniform([], dtype=tf.float64, seed=6)) < h0 - h1
    qn = tf.where(accept, q1, q)
    return i + 1, qn, acc + tf.cast(accept, tf.int32), ta.write(i, qn)


ta = tf.TensorArray(tf.float64, n_samp)
_, qf, acc, ta = tf.while_loop(lambda i, *a: i < n_samp, step,
                               [0, tf.constant([2.0, -2.0], tf.float64), 0, ta],
                               parallel_iterations=1)  # the draws in iteration order
samples = ta.stack()
print(len(tf.get_default_graph().get_operations()), samples.shape)
with tf.Session() as s:
    sm, a = s.run([samples, acc])
    sm2 = s.run(samples)
print(a, sm[:5].tolist())
print(sm.mean(0).tolist(), hashlib.sha1(sm.tobytes()).hexdigest())
print(sm2[-3:].tolist())
