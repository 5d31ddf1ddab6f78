"""Bootstrap resampling in a tf.while_loop: per-iteration resample indices from
tf.random.categorical (uniform logits) and a tf.random_shuffle permutation test, mean
differences kept in TensorArrays, percentile interval by tf.sort; tf.multinomial
with weighted logits; two runs."""
import hashlib

import numpy as np
import tensorflow as tf

np.random.seed(26)
tf.set_random_seed(4)
g = tf.get_default_graph()
a = np.round(np.random.randn(16) + 0.5, 3).astype(np.float32)
b = np.round(np.random.randn(16), 3).astype(np.float32)
xa, xb = tf.constant(a), tf.constant(b)
both = tf.concat([xa, xb], 0)
B = 40


def body(i, boot, perm):
    ia = tf.random.categorical(tf.zeros([1, 16]), 16, seed=21)[0]
    ib = tf.random.categorical(tf.zeros([1, 16]), 16, seed=22, dtype=tf.int32)[0]
    d = tf.reduce_mean(tf.gather(xa, ia)) - tf.reduce_mean(tf.gather(xb, ib))
    sh = tf.random_shuffle(both, seed=23)
    dp = tf.reduce_mean(sh[:16]) - tf.reduce_mean(sh[16:])
    return i + 1, boot.write(i, d), perm.write(i, dp)


_, boot, perm = tf.while_loop(lambda i, *x: i < B, body,
                              [0, tf.TensorArray(tf.float32, B), tf.TensorArray(tf.float32, B)],
                              parallel_iterations=1)
bs, ps = tf.sort(boot.stack()), perm.stack()
lo, hi = bs[1], bs[B - 2]
obs = tf.reduce_mean(xa) - tf.reduce_mean(xb)
pval = tf.reduce_mean(tf.cast(tf.abs(ps) >= tf.abs(obs), tf.float32))
w = tf.multinomial(tf.log([[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]]), 30, seed=31)
print(len(g.get_operations()))
with tf.Session() as s:
    for _ in range(2):
        o, lo_v, h, p, bb, ww = s.run([obs, lo, hi, pval, bs, w])
        print(repr(o), repr(lo_v), repr(h), repr(p))
        print(hashlib.md5(bb.tobytes()).hexdigest(), ww.tolist())
