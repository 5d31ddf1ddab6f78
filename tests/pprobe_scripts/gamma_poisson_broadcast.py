"""random_gamma with alpha/beta shapes broadcasting (float16/32/64) and random_poisson /
random.poisson (rate shapes, int and float dtypes, a zero rate), over two runs."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (
        a.dtype.name,
        a.shape,
        hashlib.md5(a.tobytes()).hexdigest()[:12],
        repr(a.ravel()[-1].item()),
    )


tf.set_random_seed(31)
g = tf.get_default_graph()
outs = {}
outs["g1"] = tf.random_gamma([3], alpha=[[0.5], [2.0]], beta=[1.0, 3.0])
print(len(g.get_operations()))
outs["g2"] = tf.random_gamma(
    [2, 2], alpha=tf.constant([0.1, 1.0, 7.5], tf.float64), seed=4, dtype=tf.float64
)
print(len(g.get_operations()))
outs["g3"] = tf.random_gamma([5], alpha=1.5)
print(len(g.get_operations()))
outs["g16"] = tf.random_gamma([4], alpha=[2.0, 3.0], dtype=tf.float16, seed=2)
print(len(g.get_operations()))
outs["p1"] = tf.random_poisson([[1.0, 4.0], [20.0, 0.3]], [3])
print(len(g.get_operations()))
outs["p2"] = tf.random.poisson([0.5, 50.0, 200.0], [2, 2], seed=8, dtype=tf.int64)
print(len(g.get_operations()))
outs["p3"] = tf.random.poisson(3.0, [6], dtype=tf.int32)
print(len(g.get_operations()))
outs["pt"] = tf.random.poisson([0.0, 2.0], [4], dtype=tf.float64, seed=1)
print(len(g.get_operations()))
with tf.Session() as s:
    for r in range(2):
        for k in sorted(outs):
            print(r, k, H(s.run(outs[k])))
