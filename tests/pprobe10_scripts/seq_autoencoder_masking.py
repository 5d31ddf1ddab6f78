"""An LSTM sequence autoencoder with Masking, RepeatVector and TimeDistributed, GRU with
reset_after=True, keras.layers.Attention over a Conv1D encoding with ZeroPadding1D,
Cropping1D, UpSampling1D and LocallyConnected1D; fit with SGD, predict, weights."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(43)
K = tf.keras
rs = np.random.RandomState(44)
X = rs.randn(16, 6, 3).astype(np.float32)
X[::3, 4:] = 0.0
ae = K.Sequential([
    K.layers.Masking(0.0, input_shape=(6, 3)),
    K.layers.LSTM(5),
    K.layers.RepeatVector(6),
    K.layers.GRU(4, return_sequences=True, reset_after=True),
    K.layers.TimeDistributed(K.layers.Dense(3)),
])
ae.compile(K.optimizers.SGD(0.1, momentum=0.5), "mse")
h = ae.fit(X, X, batch_size=8, epochs=3, shuffle=False, verbose=0)
print([repr(float(x)) for x in h.history["loss"]])
print(H(ae.predict(X)))
for w in ae.weights:
    print(w.name, H(K.backend.get_value(w)))
q_in = K.layers.Input((6, 3))
v_in = K.layers.Input((6, 3))
enc = K.layers.Conv1D(4, 3, padding="same")
q = enc(q_in)
v = enc(K.layers.Cropping1D((1, 1))(K.layers.ZeroPadding1D(1)(v_in)))
att = K.layers.Attention(use_scale=True)([q, v])
up = K.layers.UpSampling1D(2)(att)
lc = K.layers.LocallyConnected1D(2, 3)(up)
o = K.layers.Dense(1)(K.layers.GlobalAveragePooling1D()(lc))
m = K.Model([q_in, v_in], o)
m.compile(K.optimizers.SGD(0.05), "mse")
Y = X.sum((1, 2))[:, None].astype(np.float32)
h = m.fit([X, X[::-1]], Y, batch_size=4, epochs=2, shuffle=False, verbose=0)
print([repr(float(x)) for x in h.history["loss"]])
print(H(m.predict([X, X[::-1]])), [layer.output_shape for layer in m.layers[2:]])
print(len(tf.get_default_graph().get_operations()))
