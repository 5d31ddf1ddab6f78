"""Keras functional model with BatchNormalization (fused 4-D and 2-D) and Dropout: fit, then
evaluate and predict (inference statistics), train_on_batch and test_on_batch."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


np.random.seed(3)
tf.set_random_seed(13)
K = tf.keras
X = np.random.RandomState(21).rand(12, 6, 6, 2).astype(np.float32)
Y = np.random.RandomState(22).rand(12, 2).astype(np.float32)
inp = K.Input((6, 6, 2))
h = K.layers.Conv2D(3, 3, padding="same", kernel_initializer=K.initializers.he_uniform(seed=1))(inp)
h = K.layers.BatchNormalization(momentum=0.8, epsilon=1e-3)(h)
h = K.layers.Activation("relu")(h)
h = K.layers.GlobalAveragePooling2D()(h)
h = K.layers.Dense(6, kernel_initializer=K.initializers.lecun_normal(seed=2))(h)
h = K.layers.BatchNormalization(center=False)(h)
h = K.layers.Dropout(0.3, seed=5)(h)
out = K.layers.Dense(2)(h)
m = K.Model(inp, out)
m.compile(K.optimizers.RMSprop(0.01), "mse", metrics=["mae"])
print(len(tf.get_default_graph().get_operations()))
hist = m.fit(X, Y, batch_size=4, epochs=2, shuffle=False, verbose=0)
print([repr(float(v)) for v in hist.history["loss"]])
print([repr(float(v)) for v in m.evaluate(X, Y, batch_size=6, verbose=0)])
print(H(m.predict(X, batch_size=5)))
print([repr(float(v)) for v in m.train_on_batch(X[:4], Y[:4])])
print([repr(float(v)) for v in m.test_on_batch(X[4:8], Y[4:8])])
for w in m.get_weights():
    print(H(w))
