"""Keras Sequential compile/fit under a graph seed: Conv2D, BatchNormalization, Dropout, Dense; few
steps."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


np.random.seed(0)
tf.set_random_seed(11)
K = tf.keras
X = np.random.RandomState(6).rand(16, 8, 8, 1).astype(np.float32)
Y = np.random.RandomState(7).randint(0, 3, size=16)
m = K.Sequential(
    [
        K.layers.Conv2D(4, 3, activation="relu", input_shape=(8, 8, 1)),
        K.layers.BatchNormalization(),
        K.layers.MaxPooling2D(),
        K.layers.Flatten(),
        K.layers.Dropout(0.25, seed=3),
        K.layers.Dense(10, activation="relu", kernel_initializer="he_normal"),
        K.layers.Dense(3, activation="softmax"),
    ]
)
m.compile(
    optimizer=K.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
print(len(tf.get_default_graph().get_operations()))
for w in m.get_weights():
    print(H(w))
h = m.fit(X, Y, batch_size=8, epochs=2, shuffle=False, verbose=0)
print([repr(float(v)) for v in h.history["loss"]])
for w in m.get_weights():
    print(H(w))
print(H(m.predict(X[:4])))
