"""Initializers in other dtypes under a graph seed: glorot_normal and random_normal in
float16, uniform_unit_scaling, keras Orthogonal / Identity / lecun / he, truncated normal
and contrib variance_scaling in float64, an int32 uniform, Variables of random tensors,
and a second run of the initializer."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(113)
g = tf.get_default_graph()
vs = []
for name, shape, init, dt in [
    ("a", [3, 4], tf.glorot_normal_initializer(), tf.float16),
    ("b", [5, 2], tf.initializers.uniform_unit_scaling(1.5), tf.float32),
    ("c", [4, 3], tf.keras.initializers.Orthogonal(gain=0.5, seed=2), tf.float64),
    ("d", [3, 3], tf.keras.initializers.Identity(2.0), tf.float32),
    ("e", [2, 3, 4], tf.initializers.truncated_normal(1.0, 0.5), tf.float64),
    ("f", [6], tf.initializers.random_normal(dtype=tf.float16), tf.float16),
    (
        "g",
        [2, 2, 3, 5],
        tf.contrib.layers.variance_scaling_initializer(2.0, "FAN_AVG", True, seed=4),
        tf.float64,
    ),
    ("h", [7, 1], tf.keras.initializers.lecun_uniform(), tf.float32),
    ("i", [3, 5], tf.random_uniform_initializer(-3, 3, dtype=tf.int32), tf.int32),
    ("j", [2, 8], tf.orthogonal_initializer(seed=7), tf.float32),
    ("k", [3, 3, 2, 2], tf.keras.initializers.he_uniform(), tf.float32),
]:
    try:
        vs.append(tf.get_variable(name, shape, dtype=dt, initializer=init))
        print(name, len(g.get_operations()))
    except Exception as e:
        print(name, type(e).__name__, str(e)[:120], len(g.get_operations()))
rv = tf.Variable(tf.random_normal([3, 3], seed=1), name="rv")
rv2 = tf.Variable(tf.truncated_normal([4], dtype=tf.float64))
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in vs + [rv, rv2]:
        print(v.name, H(s.run(v)))
    s.run(tf.global_variables_initializer())
    print(H(s.run(rv)), H(s.run(vs[0])))
