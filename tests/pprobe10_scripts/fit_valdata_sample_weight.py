"""Keras Sequential fit with validation_data carrying sample weights, per-sample
sample_weight, shuffle=True under a NumPy seed, SGD with momentum/nesterov and decay, two
metrics; History's params/epoch/history, evaluate with sample_weight, predict."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


np.random.seed(3)
tf.set_random_seed(5)
K = tf.keras
rs = np.random.RandomState(21)
X = rs.randn(48, 5).astype(np.float32)
Y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(np.float32)
W = rs.uniform(0.5, 2.0, 48).astype(np.float32)
Xv = rs.randn(16, 5).astype(np.float32)
Yv = (Xv[:, 0] > 0).astype(np.float32)
Wv = rs.uniform(0.5, 2.0, 16).astype(np.float32)
m = K.Sequential([
    K.layers.Dense(8, activation="relu", input_shape=(5,)),
    K.layers.Dense(1, activation="sigmoid"),
])
m.compile(K.optimizers.SGD(0.1, momentum=0.9, decay=0.01, nesterov=True),
          "binary_crossentropy", metrics=["accuracy", "mse"])
print(len(tf.get_default_graph().get_operations()))
h = m.fit(X, Y, batch_size=10, epochs=4, sample_weight=W,
          validation_data=(Xv, Yv, Wv), shuffle=True, verbose=0)
print(h.epoch)
print(sorted((k, v) for k, v in h.params.items() if k != "metrics"), sorted(h.params["metrics"]))
for k in sorted(h.history):
    print(k, [repr(float(x)) for x in h.history[k]])
print(m.metrics_names)
print([repr(float(x)) for x in m.evaluate(Xv, Yv, sample_weight=Wv, batch_size=5, verbose=0)])
print(H(m.predict(X, batch_size=7)))
for w in m.get_weights():
    print(H(w))
print(len(tf.get_default_graph().get_operations()))
