"""Word2vec the Keras way: make_sampling_table (sampling_factor), skipgrams with a seed
over a sampling table, window sizes, negative_samples 0/1/2, categorical labels, no
shuffle, vocabulary-size bounds and a string-free check of the pairs; then a seeded
skip-gram model (two Embeddings, Dot(normalize) and Dense sigmoid, functional API)
trained with fit_generator on a Python generator of the seeded pairs with
validation_data, class_weight and initial_epoch."""

import hashlib
import random

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


K = tf.keras
S = K.preprocessing.sequence
for size, f in ((10, 1e-5), (25, 1e-2), (3, 0.5)):
    t = S.make_sampling_table(size, sampling_factor=f)
    print(size, H(t), [repr(float(v)) for v in t[:4]])
random.seed(0)
seq = [1, 2, 3, 4, 5, 1, 2, 6, 7, 0, 8, 9, 3, 3]
for kw in (dict(window_size=1, seed=1), dict(window_size=2, negative_samples=2.0, seed=4),
           dict(window_size=3, negative_samples=0., shuffle=False),
           dict(window_size=2, categorical=True, seed=7),
           dict(window_size=2, sampling_table=S.make_sampling_table(10, 0.05), seed=3)):
    couples, labels = S.skipgrams(seq, 10, **kw)
    print(len(couples), couples[:6], labels[:6], labels.count(1), labels.count([0, 1]),
          hashlib.md5(repr((couples, labels)).encode()).hexdigest()[:12])
print(S.skipgrams([], 5, seed=1), S.skipgrams([0, 0], 5, seed=1))

tf.set_random_seed(33)
np.random.seed(1)
rs = np.random.RandomState(5)
corpus = list(rs.randint(1, 12, 60))
couples, labels = S.skipgrams(corpus, 12, window_size=2, negative_samples=1.0, seed=11)
pairs = np.array(couples, "int32")
lab = np.array(labels, "float32")
print(pairs.shape, H(pairs), H(lab), repr(float(lab.mean())))

tgt = K.Input((1,), dtype="int32", name="target")
ctx = K.Input((1,), dtype="int32", name="context")
e1 = K.layers.Embedding(12, 5, name="w_emb",
                        embeddings_initializer=K.initializers.RandomNormal(0., 0.4, seed=3))
e2 = K.layers.Embedding(12, 5, name="c_emb",
                        embeddings_initializer=K.initializers.RandomUniform(-0.3, 0.3, seed=4))
d = K.layers.Dot(axes=2, normalize=True)([e1(tgt), e2(ctx)])
out = K.layers.Dense(1, activation="sigmoid",
                     kernel_initializer=K.initializers.Constant(2.0))(K.layers.Flatten()(d))
model = K.Model([tgt, ctx], out)
model.compile(K.optimizers.SGD(0.3, momentum=0.5, nesterov=True), "binary_crossentropy",
              metrics=["binary_accuracy"])


def batches(bs):
    i = 0
    while True:
        s = np.arange(i, i + bs) % len(pairs)
        yield [pairs[s, :1], pairs[s, 1:]], lab[s]
        i += bs


val = ([pairs[:16, :1], pairs[:16, 1:]], lab[:16])
h = model.fit_generator(batches(16), steps_per_epoch=4, epochs=4, initial_epoch=1,
                        validation_data=val, class_weight={0: 1.0, 1: 2.0}, verbose=0)
print(h.epoch, sorted(h.history))
for k in sorted(h.history):
    print(k, [repr(float(v)) for v in h.history[k]])
print([H(w) for w in model.get_weights()])
w = model.get_layer("w_emb").get_weights()[0]
sim = (w / np.linalg.norm(w, axis=1, keepdims=True))[1:4]
print(H(np.round(sim, 5)))
print(len(tf.get_default_graph().get_operations()))
