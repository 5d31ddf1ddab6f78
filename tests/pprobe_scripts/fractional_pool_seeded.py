"""fractional_max_pool / fractional_avg_pool with seeds (deterministic, overlapping,
pseudo-random), keras random_binomial, and the pools' gradient, over two runs."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(97)
g = tf.get_default_graph()
x = tf.constant(np.random.RandomState(1).rand(2, 9, 10, 2).astype(np.float32))
outs = {}
outs["fmp"] = tf.nn.fractional_max_pool(
    x, [1.0, 1.44, 1.73, 1.0], pseudo_random=True, overlapping=True, seed=3, deterministic=True
)
print(len(g.get_operations()))
outs["fap"] = tf.nn.fractional_avg_pool(
    x, [1.0, 1.5, 1.5, 1.0], pseudo_random=False, seed=5, deterministic=True
)
print(len(g.get_operations()))
outs["bin"] = tf.keras.backend.random_binomial([3, 4], 0.3, seed=2)
print(len(g.get_operations()))
grads = tf.gradients(tf.reduce_sum(outs["fmp"][0] ** 2) + tf.reduce_sum(outs["fap"][0] ** 2), x)[0]
print(len(g.get_operations()))
with tf.Session() as s:
    for r in range(2):
        for k in sorted(outs):
            v = s.run(outs[k])
            print(r, k, [H(t) for t in v] if isinstance(v, tuple) else H(v))
    print(H(s.run(grads)))
