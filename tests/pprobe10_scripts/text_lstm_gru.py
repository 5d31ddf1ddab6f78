"""Text classification the tutorial way: padded integer sequences (keras pad_sequences),
Embedding with mask_zero into LSTM, and a second model with GRU(reset_after=False) and
recurrent dropout off; SGD with momentum, binary crossentropy, fit/evaluate/predict."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(23)
K = tf.keras
rs = np.random.RandomState(2)
seqs = [list(rs.randint(1, 30, rs.randint(3, 12))) for _ in range(32)]
X = K.preprocessing.sequence.pad_sequences(seqs, maxlen=10, padding="post", truncating="pre")
print(X.dtype, X.shape, X[:3].tolist())
Y = np.array([int(sum(s) % 2) for s in seqs], np.float32)
m = K.Sequential([
    K.layers.Embedding(30, 8, mask_zero=True, input_length=10),
    K.layers.LSTM(6),
    K.layers.Dense(1, activation="sigmoid"),
])
m.compile(K.optimizers.SGD(0.5, momentum=0.9), "binary_crossentropy", metrics=["accuracy"])
h = m.fit(X, Y, batch_size=8, epochs=3, shuffle=False, verbose=0)
print([repr(float(x)) for x in h.history["loss"]], [repr(float(x)) for x in h.history["acc"]])
print([repr(float(x)) for x in m.evaluate(X, Y, verbose=0)])
print(H(m.predict(X)))
for w in m.weights:
    print(w.name, H(K.backend.get_value(w)))
g = K.Sequential([
    K.layers.Embedding(30, 5, input_length=10),
    K.layers.GRU(4, reset_after=False, return_sequences=True),
    K.layers.GRU(3),
    K.layers.Dense(1, activation="sigmoid"),
])
g.compile("sgd", "binary_crossentropy")
h = g.fit(X, Y, batch_size=16, epochs=2, shuffle=False, verbose=0)
print([repr(float(x)) for x in h.history["loss"]])
print(H(g.predict(X, batch_size=32)))
print(len(tf.get_default_graph().get_operations()))
