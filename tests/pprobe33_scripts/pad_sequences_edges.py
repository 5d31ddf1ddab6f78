"""tf.keras.preprocessing.sequence.pad_sequences in all its corners: padding and truncating
pre/post, maxlen shorter and longer than the sequences, a float value with an int dtype,
float32/float64/int64/bool dtypes, empty sequences (first and in the middle), sequences
of vectors (sample shape), NumPy array rows, strings with dtype=object, and the errors;
then an Embedding(mask_zero) + GlobalAveragePooling1D model fed the padded batches by a
keras.utils.Sequence through fit_generator / evaluate_generator / predict_generator."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


K = tf.keras
pad = K.preprocessing.sequence.pad_sequences
seqs = [[1, 2, 3], [4, 5, 6, 7, 8], [], [9], [10, 11]]
for p in ("pre", "post"):
    for t in ("pre", "post"):
        for ml in (None, 2, 4, 7):
            out = pad(seqs, maxlen=ml, padding=p, truncating=t)
            print(p, t, ml, out.dtype.name, out.tolist())
print(pad(seqs, maxlen=3, value=-1).tolist(), pad(seqs, maxlen=3, value=2.7).tolist())
for dt in ("float32", "float64", "int64", "bool", "int8"):
    out = pad([[0.5, 1.5], [2.25], [300]], maxlen=3, dtype=dt, value=0.25)
    print(dt, out.dtype.name, out.tolist())
print(pad([[], [1, 2]]).tolist(), pad([[], []], maxlen=2).tolist(), pad([[], []]).shape)
vec = [np.ones((2, 3)), np.arange(9).reshape(3, 3) * 0.5, np.zeros((0, 3))]
out = pad(vec, maxlen=4, dtype="float32", padding="post", value=-0.5)
print(out.shape, out.dtype.name, out.tolist())
arr = np.arange(12).reshape(3, 4)
print(pad(arr, maxlen=3).tolist(), pad(arr, maxlen=6, truncating="post").tolist())
print(pad([["a", "bb"], ["ccc"]], maxlen=3, dtype=object, value="").tolist())
print(pad(((1, 2), (3,)), maxlen=2, padding="post").tolist(), pad([range(3), range(5)]).tolist())
for bad in [dict(padding="mid"), dict(truncating="mid"), dict(value="x"),
            dict(sequences=[[1], 3]), dict(sequences=5),
            dict(sequences=[np.ones((2, 3)), np.ones((2, 2))])]:
    kw = dict(sequences=seqs, maxlen=3)
    kw.update(bad)
    try:
        pad(**kw)
        print("no error", bad)
    except Exception as e:
        print(type(e).__name__, e)

tf.set_random_seed(7)
rs = np.random.RandomState(3)
raw = [list(rs.randint(1, 20, rs.randint(2, 9))) for _ in range(20)]
X = pad(raw, maxlen=6, padding="post", truncating="post")
Y = np.array([float(len(s) > 5) for s in raw], np.float32)
print(X.tolist()[:4], Y.tolist())


class Batches(K.utils.Sequence):
    def __init__(self, n, bs):
        self.n, self.bs, self.epochs = n, bs, 0

    def __len__(self):
        return (self.n + self.bs - 1) // self.bs

    def __getitem__(self, i):
        s = slice(i * self.bs, (i + 1) * self.bs)
        return X[s], Y[s]

    def on_epoch_end(self):
        self.epochs += 1


seq = Batches(len(X), 6)
model = K.Sequential([
    K.layers.Embedding(20, 4, mask_zero=True, input_length=6,
                       embeddings_initializer=K.initializers.RandomUniform(-0.5, 0.5, seed=4)),
    K.layers.GlobalAveragePooling1D(),
    K.layers.Dense(1, activation="sigmoid",
                   kernel_initializer=K.initializers.TruncatedNormal(stddev=0.3, seed=5))])
model.compile(K.optimizers.RMSprop(0.05), "binary_crossentropy", metrics=["accuracy"])
h = model.fit_generator(seq, epochs=3, shuffle=False, verbose=0, workers=0)
print(len(seq), seq.epochs, sorted(h.history))
print([repr(float(v)) for v in h.history["loss"]], [repr(float(v)) for v in h.history["acc"]])
print([repr(float(v)) for v in model.evaluate_generator(seq, workers=0)])
p = model.predict_generator(seq, workers=0)
print(H(p), [repr(float(v)) for v in p.ravel()[:5]])
print([H(w) for w in model.get_weights()])
print(len(tf.get_default_graph().get_operations()))
