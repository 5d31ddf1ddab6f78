"""tf.keras.preprocessing.text.Tokenizer end to end: fit_on_texts with the default filters,
custom filters, lower=False, a split string, num_words and oov_token; word_counts,
word_index, document counts; texts_to_sequences, sequences_to_texts, texts_to_matrix
and sequences_to_matrix in every mode (binary, count, tfidf, freq); char_level;
fit_on_sequences; to_json; then a seeded bag-of-words Dense model on the tfidf matrix
trained with fit_generator over a Python generator."""

import hashlib
import json

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


K = tf.keras
T = K.preprocessing.text
texts = ["The cat sat on the mat.", "The dog ate my homework!", "A cat, a dog; a mat?",
         "Dogs and cats: friends or foes", "the THE The end\ttab\nnewline",
         "mat mat mat cat", "", "Numbers 1 2 3 and 1.5 and 2"]
tok = T.Tokenizer(num_words=8, oov_token="<unk>")
tok.fit_on_texts(texts)
print(list(tok.word_counts.items()))
print(sorted(tok.word_index.items(), key=lambda kv: kv[1]))
print(sorted(tok.word_docs.items()), sorted(tok.index_docs.items()), tok.document_count)
seqs = tok.texts_to_sequences(texts + ["unseen words the cat"])
print(seqs)
print(tok.sequences_to_texts(seqs))
for mode in ("binary", "count", "tfidf", "freq"):
    m = tok.texts_to_matrix(texts, mode=mode)
    print(mode, H(m), [repr(float(v)) for v in m[0]], [repr(float(v)) for v in m[3]])
    m2 = tok.sequences_to_matrix(seqs, mode=mode)
    print(mode, "seq", H(m2), repr(float(m2.sum())))
# no num_words: the whole vocabulary
full = T.Tokenizer(filters="!.", lower=False, split=" ")
full.fit_on_texts(texts)
print(len(full.word_index), sorted(full.word_index.items(), key=lambda kv: kv[1])[:12])
print(full.texts_to_sequences(["The cat, sat\ton the mat"]))
print(H(full.texts_to_matrix(texts, mode="tfidf")))
# char level
ch = T.Tokenizer(char_level=True, oov_token="?")
ch.fit_on_texts(["abracadabra", "banana!"])
print(sorted(ch.word_index.items(), key=lambda kv: kv[1]))
print(ch.texts_to_sequences(["cabbage", "zz"]))
print(H(ch.texts_to_matrix(["cabbage", "zz"], mode="count")))
# fit_on_sequences alone gives the document counts for tfidf
sq = T.Tokenizer(num_words=6)
sq.fit_on_sequences([[1, 2, 2, 3], [3, 4], [5, 1, 1]])
print(sorted(sq.index_docs.items()), sq.document_count)
print(sq.sequences_to_matrix([[1, 2, 2, 3, 5], [4]], mode="tfidf").tolist())
cfg = json.loads(tok.to_json())
print(cfg["class_name"], sorted(cfg["config"].keys()))
print(cfg["config"]["num_words"], cfg["config"]["oov_token"], cfg["config"]["filters"],
      cfg["config"]["word_counts"])
print(sorted(json.loads(cfg["config"]["word_index"]).items()))
print(T.text_to_word_sequence("Hello, World! It's a -- test.\tTab"),
      T.text_to_word_sequence("a-b_c d", filters="-", lower=False, split="_"))
print(T.hashing_trick("the cat sat on the mat", 50, hash_function="md5"),
      T.one_hot("The Cat sat, on the mat", 20, filters="", split=" "
                ) == T.hashing_trick("The Cat sat, on the mat", 20, hash_function=hash,
                                     filters="", split=" "))

# a bag-of-words classifier on the tfidf matrix
tf.set_random_seed(33)
X = tok.texts_to_matrix(texts, mode="tfidf").astype(np.float32)
Y = np.array([0, 1, 0, 1, 0, 0, 1, 1], np.float32)


def gen():
    i = 0
    while True:
        idx = np.arange(i, i + 4) % len(X)
        yield X[idx], Y[idx]
        i += 4


model = K.Sequential([K.layers.Dense(4, activation="relu", input_shape=(8,),
                                     kernel_initializer=K.initializers.glorot_uniform(seed=1)),
                      K.layers.Dense(1, activation="sigmoid",
                                     kernel_initializer=K.initializers.glorot_normal(seed=2))])
model.compile(K.optimizers.Adam(0.05), "binary_crossentropy", metrics=["accuracy"])
h = model.fit_generator(gen(), steps_per_epoch=2, epochs=3, verbose=0)
print([repr(float(v)) for v in h.history["loss"]], [repr(float(v)) for v in h.history["acc"]])
print([H(w) for w in model.get_weights()])
print([repr(float(v)) for v in model.predict(X).ravel()])
print(len(tf.get_default_graph().get_operations()))
