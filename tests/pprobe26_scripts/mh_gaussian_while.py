"""Metropolis-Hastings sampling of a correlated 2-D Gaussian in a tf.while_loop: seeded
random_normal proposals and random_uniform acceptance draws advance per iteration; the
chain is collected in a TensorArray; two session.run calls and a second Session."""
import hashlib

import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(26)
g = tf.get_default_graph()
prec = tf.constant(np.linalg.inv(np.array([[1.0, 0.6], [0.6, 2.0]])), tf.float32)


def logp(x):
    return -0.5 * tf.reduce_sum(x * tf.linalg.matvec(prec, x))


def body(i, x, lp, acc, ta):
    prop = x + 0.7 * tf.random_normal([2], seed=11)
    lp_new = logp(prop)
    u = tf.random_uniform([], seed=12)
    ok = tf.log(u) < lp_new - lp
    x2 = tf.where(ok, prop, x)
    lp2 = tf.where(ok, lp_new, lp)
    return i + 1, x2, lp2, acc + tf.cast(ok, tf.int32), ta.write(i, x2)


x0 = tf.constant(np.random.randn(2).astype(np.float32))
ta = tf.TensorArray(tf.float32, size=50)
_, xf, lpf, nacc, ta = tf.while_loop(lambda i, *a: i < 50, body,
                                     [0, x0, logp(x0), 0, ta], parallel_iterations=1)
chain = ta.stack()
mean = tf.reduce_mean(chain[10:], axis=0)
print(len(g.get_operations()))
for run in range(2):
    with tf.Session() as s:
        for r in range(2):
            c, m, n, lp = s.run([chain, mean, nacc, lpf])
            print(run, r, n, m.tolist(), repr(lp), hashlib.md5(c.tobytes()).hexdigest())
            print(c[:4].ravel().tolist())
