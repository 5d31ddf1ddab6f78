"""A masked sequence tagger as NER repositories write it: Embedding(mask_zero=True) over
zero-padded ids, Bidirectional(GRU) and LSTM with return_sequences, a Lambda that keeps the
mask, TimeDistributed(Dense) softmax, the masks the layers compute, masked training losses
and the op names the mask creates."""

import numpy as np
import tensorflow as tf

np.random.seed(7)
tf.set_random_seed(11)
K = tf.keras
L = K.layers

rs = np.random.RandomState(3)
X = rs.randint(1, 15, (12, 6))
for i, n in enumerate([6, 4, 3, 5, 2, 6, 1, 4, 6, 3, 5, 2]):
    X[i, n:] = 0
Y = (X % 4).astype(np.int64)[..., None]

inp = L.Input(shape=(6,), dtype="int32", name="words")
emb = L.Embedding(15, 5, mask_zero=True,
                  embeddings_initializer=K.initializers.RandomUniform(-0.5, 0.5, seed=1),
                  name="emb")(inp)
print("emb mask", emb._keras_mask)
h = L.Bidirectional(L.GRU(4, return_sequences=True,
                          kernel_initializer=K.initializers.glorot_uniform(seed=2),
                          recurrent_initializer=K.initializers.orthogonal(seed=3)),
                    name="bigru")(emb)
print("bigru", h.shape, h._keras_mask is not None)
h = L.Lambda(lambda t: t * 2.0, name="double")(h)
print("lambda mask", getattr(h, "_keras_mask", None))
h = L.LSTM(3, return_sequences=True, kernel_initializer=K.initializers.he_normal(seed=4),
           recurrent_initializer=K.initializers.orthogonal(seed=5), name="lstm")(h)
out = L.TimeDistributed(L.Dense(4, activation="softmax",
                                kernel_initializer=K.initializers.glorot_uniform(seed=6)),
                        name="tags")(h)
model = K.Model(inp, out)
model.compile(K.optimizers.Adam(0.01), "sparse_categorical_crossentropy",
              metrics=["sparse_categorical_accuracy"])
model.summary()
hist = model.fit(X, Y, batch_size=4, epochs=3, shuffle=False, verbose=0)
for k in sorted(hist.history):
    print(k, [round(float(v), 6) for v in hist.history[k]])
print("eval", [round(float(v), 6) for v in model.evaluate(X, Y, batch_size=6, verbose=0)])
p = model.predict(X[:2])
print(p.shape, np.round(p[0, :2], 5).tolist())
print(np.round(model.get_layer("lstm").get_weights()[1][0], 5).tolist())
g = tf.get_default_graph()
names = [op.name for op in g.get_operations()]
print(len(names), sorted(n for n in names if n.startswith("emb/")))
print(sorted(set(op.type for op in g.get_operations() if "mask" in op.name.lower()))[:12])
m2 = K.Model(inp, model.get_layer("bigru").output)
print(m2.output_shape, np.round(m2.predict(X[:1])[0, -1], 5).tolist())
