"""A text classifier from raw strings: Tokenizer(num_words, oov_token, lower) fitted on a
seeded corpus, texts_to_sequences, pad_sequences(maxlen, padding='post',
truncating='pre'), hashing_trick(md5) as a second feature; an Embedding -> Conv1D ->
GlobalMaxPooling1D two-input functional model with seeded weights trained by
fit_generator on a Sequence with workers=2, use_multiprocessing=True and shuffle=True
(Python's random seeded), on_epoch_end reshuffling the Sequence's own sample order from
NumPy's seed; evaluate_generator / predict_generator with use_multiprocessing."""

import hashlib
import random

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


K = tf.keras
T = K.preprocessing.text
rs = np.random.RandomState(21)
pos = ["good", "great", "fine", "happy", "nice", "love"]
neg = ["bad", "awful", "sad", "poor", "hate", "ugly"]
filler = ["the", "a", "movie", "was", "it", "and", "plot", "very", "so", "Really"]
texts, ys = [], []
for i in range(40):
    y = int(rs.rand() < 0.5)
    words = list(rs.choice(filler, rs.randint(3, 9)))
    for _ in range(rs.randint(1, 3)):
        words.insert(rs.randint(0, len(words) + 1), rs.choice(pos if y else neg))
    texts.append(" ".join(words) + rs.choice([".", "!", " ?", ""]))
    ys.append(y)
print(texts[:3], ys[:10])
tok = T.Tokenizer(num_words=15, oov_token="<oov>", lower=True)
tok.fit_on_texts(texts)
print(sorted(tok.word_index.items(), key=lambda kv: kv[1])[:16])
seqs = tok.texts_to_sequences(texts)
X = K.preprocessing.sequence.pad_sequences(seqs, maxlen=7, padding="post", truncating="pre")
Hs = K.preprocessing.sequence.pad_sequences(
    [T.hashing_trick(t, 32, hash_function="md5") for t in texts], maxlen=7)
Y = np.array(ys, "float32")
print(H(X), X[:3].tolist(), H(Hs), Hs[:2].tolist())


class Docs(K.utils.Sequence):
    def __init__(self, bs):
        self.bs, self.order, self.passes = bs, np.arange(len(X)), 0

    def __len__(self):
        return len(X) // self.bs

    def __getitem__(self, i):
        s = self.order[i * self.bs:(i + 1) * self.bs]
        return [X[s], Hs[s]], Y[s]

    def on_epoch_end(self):
        self.passes += 1
        np.random.shuffle(self.order)


tf.set_random_seed(33)
np.random.seed(9)
a = K.Input((7,), dtype="int32")
b = K.Input((7,), dtype="int32")
ea = K.layers.Embedding(15, 6, embeddings_initializer=K.initializers.RandomUniform(seed=1))(a)
eb = K.layers.Embedding(32, 3, embeddings_initializer=K.initializers.RandomNormal(seed=2))(b)
c = K.layers.Conv1D(5, 3, padding="same", activation="relu",
                    kernel_initializer=K.initializers.glorot_uniform(seed=3))(
    K.layers.Concatenate()([ea, eb]))
out = K.layers.Dense(1, activation="sigmoid",
                     kernel_initializer=K.initializers.glorot_uniform(seed=4))(
    K.layers.GlobalMaxPooling1D()(c))
model = K.Model([a, b], out)
model.compile(K.optimizers.Adam(0.03), "binary_crossentropy", metrics=["accuracy"])
docs = Docs(8)
random.seed(2)
h = model.fit_generator(docs, epochs=3, shuffle=True, workers=2, use_multiprocessing=True,
                        verbose=0)
for k in sorted(h.history):
    print(k, [repr(float(v)) for v in h.history[k]])
# (whether the last pass's on_epoch_end runs before fit stops the enqueuer is a race)
print(docs.passes >= 2)
print([repr(float(v)) for v in model.evaluate_generator(Docs(10), workers=2,
                                                         use_multiprocessing=True)])
p = model.predict_generator(Docs(5), workers=1, use_multiprocessing=True)
print(H(p), [repr(float(v)) for v in p.ravel()[:4]])
print([H(w) for w in model.get_weights()])
print(len(tf.get_default_graph().get_operations()))
