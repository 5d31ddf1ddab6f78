"""tf.nn.dropout with noise_shape (keep_prob and rate, float64), tf.layers / contrib dropout,
keras AlphaDropout, GaussianNoise, GaussianDropout, SpatialDropout1D, truncated_normal,
random.shuffle of 3-D tensors, a contrib Normal sample, over two runs."""
import hashlib
import numpy as np

import tensorflow as tf

np.random.seed(1234)  # keras' unseeded noise layers draw their op seed from NumPy


def H(a):
    a = np.asarray(a)
    return (
        a.dtype.name,
        a.shape,
        hashlib.md5(a.tobytes()).hexdigest()[:12],
        repr(a.ravel()[-1].item()),
    )


tf.set_random_seed(47)
g = tf.get_default_graph()
x = tf.constant(np.random.RandomState(7).rand(3, 4, 5).astype(np.float32))
outs = {}
outs["d1"] = tf.nn.dropout(x, 0.6, noise_shape=[3, 1, 5])
print(len(g.get_operations()))
outs["d2"] = tf.nn.dropout(x, rate=0.25, noise_shape=[1, 4, 1], seed=2)
print(len(g.get_operations()))
outs["d3"] = tf.nn.dropout(tf.cast(x, tf.float64), keep_prob=0.5)
print(len(g.get_operations()))
outs["d4"] = tf.layers.dropout(x, 0.3, noise_shape=[3, 4, 1], training=True)
print(len(g.get_operations()))
outs["d5"] = tf.contrib.layers.dropout(x, 0.7, noise_shape=[1, 1, 5], is_training=True)
print(len(g.get_operations()))
outs["an"] = tf.keras.layers.AlphaDropout(0.3, seed=4)(x, training=True)
print(len(g.get_operations()))
outs["gn"] = tf.keras.layers.GaussianNoise(0.5)(x, training=True)
print(len(g.get_operations()))
outs["gd"] = tf.keras.layers.GaussianDropout(0.4)(x, training=True)
print(len(g.get_operations()))
outs["sd"] = tf.keras.layers.SpatialDropout1D(0.5)(x, training=True)
print(len(g.get_operations()))
outs["ptn"] = tf.random.truncated_normal([4, 3], 1.0, 2.0, seed=5)
print(len(g.get_operations()))
outs["sh3"] = tf.random.shuffle(tf.reshape(tf.range(24), [4, 3, 2]))
print(len(g.get_operations()))
outs["sh3s"] = tf.random.shuffle(tf.reshape(tf.range(60.0), [6, 5, 2]), seed=9)
print(len(g.get_operations()))
outs["ptn2"] = (
    tf.contrib.distributions.Normal(0.0, 1.0).sample([3], seed=3)
    if hasattr(tf.contrib, "distributions")
    else outs["ptn"]
)
print(len(g.get_operations()))
with tf.Session() as s:
    for r in range(2):
        for k in sorted(outs):
            print(r, k, H(s.run(outs[k])))
