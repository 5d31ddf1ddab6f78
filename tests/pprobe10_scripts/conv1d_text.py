"""A Conv1D text classifier (the IMDB tutorial shape): Embedding, Dropout(seed), Conv1D with
'same' and 'valid' padding and dilation, MaxPooling1D, GlobalMaxPooling1D and
GlobalAveragePooling1D branches, SpatialDropout1D, categorical labels from to_categorical;
fit with class_weight, evaluate, predict_classes/predict_proba."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(41)
K = tf.keras
rs = np.random.RandomState(12)
X = rs.randint(0, 50, (40, 16))
lab = (X[:, :4].sum(1) % 3)
Y = K.utils.to_categorical(lab, 3)
print(Y.dtype, Y[:3].tolist())
m = K.Sequential([
    K.layers.Embedding(50, 10, input_length=16),
    K.layers.SpatialDropout1D(0.2),
    K.layers.Conv1D(6, 3, padding="same", activation="relu"),
    K.layers.MaxPooling1D(2),
    K.layers.Conv1D(5, 2, dilation_rate=2, activation="relu"),
    K.layers.Dropout(0.25, seed=7),
    K.layers.GlobalMaxPooling1D(),
    K.layers.Dense(3, activation="softmax"),
])
m.compile(K.optimizers.SGD(0.2, momentum=0.5), "categorical_crossentropy", metrics=["acc"])
print([layer.output_shape for layer in m.layers])
h = m.fit(X, Y, batch_size=10, epochs=3, shuffle=False, verbose=0,
          class_weight={0: 1.0, 1: 3.0, 2: 0.7})
print([repr(float(x)) for x in h.history["loss"]], [repr(float(x)) for x in h.history["acc"]])
print([repr(float(x)) for x in m.evaluate(X, Y, batch_size=16, verbose=0)])
print(m.predict_classes(X[:10], verbose=0).tolist())
print(H(m.predict_proba(X[:10], verbose=0)))
inp = K.layers.Input((16,), dtype="int32")
e = K.layers.Embedding(50, 8)(inp)
c = K.layers.Conv1D(4, 5, padding="causal", activation="tanh")(e)
a = K.layers.GlobalAveragePooling1D()(c)
b = K.layers.GlobalMaxPooling1D()(c)
o = K.layers.Dense(1, activation="sigmoid")(K.layers.concatenate([a, b]))
g = K.Model(inp, o)
g.compile("sgd", "binary_crossentropy", metrics=["binary_accuracy"])
h = g.fit(X, (lab > 0).astype(np.float32), batch_size=20, epochs=2, shuffle=False, verbose=0)
print([repr(float(x)) for x in h.history["loss"]])
print(H(g.predict(X)))
print(len(tf.get_default_graph().get_operations()))
