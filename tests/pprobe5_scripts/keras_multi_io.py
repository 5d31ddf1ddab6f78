"""Keras functional API with two inputs and two outputs (softmax head and regression head),
compile with loss dicts and loss_weights, fit for a few epochs, evaluate and predict."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(11)
rs = np.random.RandomState(12)
K = tf.keras
a = K.Input((5,), name="a")
b = K.Input((3,), name="b")
h = K.layers.concatenate(
    [K.layers.Dense(8, activation="relu")(a), K.layers.Dense(4, activation="tanh")(b)]
)
h = K.layers.Dense(6, activation="relu")(h)
cls = K.layers.Dense(3, activation="softmax", name="cls")(h)
reg = K.layers.Dense(1, name="reg")(h)
m = K.Model([a, b], [cls, reg])
m.compile(
    K.optimizers.Adam(0.01),
    loss={"cls": "sparse_categorical_crossentropy", "reg": "mse"},
    loss_weights={"cls": 1.0, "reg": 0.3},
    metrics={"cls": "accuracy"},
)
print(len(tf.get_default_graph().get_operations()))
A = rs.randn(24, 5).astype(np.float32)
B = rs.randn(24, 3).astype(np.float32)
Y = rs.randint(0, 3, 24)
R = rs.randn(24, 1).astype(np.float32)
hist = m.fit([A, B], {"cls": Y, "reg": R}, batch_size=8, epochs=3, shuffle=False, verbose=0)
for k in sorted(hist.history):
    print(k, [repr(float(v)) for v in hist.history[k]])
print([repr(float(v)) for v in m.evaluate([A, B], [Y, R], batch_size=8, verbose=0)])
p = m.predict([A, B], batch_size=8)
print(H(p[0]), H(p[1]))
print(repr(p[1][:3].tolist()))
for w in m.get_weights():
    print(H(w))
