"""Keras functional model fit on a tf.data dataset (shuffle seed, map with random noise),
steps_per_epoch, SGD momentum."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


np.random.seed(1)
tf.set_random_seed(21)
K = tf.keras
X = np.random.RandomState(15).randn(12, 6).astype(np.float32)
Y = np.random.RandomState(16).randn(12, 1).astype(np.float32)
ds = (
    tf.data.Dataset.from_tensor_slices((X, Y))
    .shuffle(12, seed=2)
    .map(lambda a, b: (a + tf.random_normal([6], stddev=0.1), b))
    .batch(4)
    .repeat()
)
inp = K.Input((6,))
h = K.layers.Dense(8, activation="tanh", kernel_initializer=K.initializers.glorot_normal(seed=4))(
    inp
)
h = K.layers.GaussianDropout(0.2)(h)
h = K.layers.Dense(1, kernel_initializer=K.initializers.RandomUniform(-0.3, 0.3))(h)
m = K.Model(inp, h)
m.compile(K.optimizers.SGD(0.05, momentum=0.9, nesterov=True), "mse")
hist = m.fit(ds, epochs=2, steps_per_epoch=3, verbose=0)
print([repr(float(v)) for v in hist.history["loss"]])
for w in m.get_weights():
    print(H(w))
