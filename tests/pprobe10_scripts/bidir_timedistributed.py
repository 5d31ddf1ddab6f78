"""Sequence tagging the Keras way: Embedding, Bidirectional(LSTM) with return_sequences and
each merge_mode (concat, sum, ave, mul, None), TimeDistributed(Dense) softmax over tags,
sparse categorical crossentropy with per-timestep sample weights (sample_weight_mode
"temporal"), SGD with momentum; predictions and weights."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(31)
K = tf.keras
rs = np.random.RandomState(5)
X = rs.randint(1, 20, (24, 7))
T = (X % 3).astype(np.int64)[..., None]
SW = (rs.rand(24, 7) > 0.2).astype(np.float32)
for mode in ["concat", "sum", "ave", "mul"]:
    m = K.Sequential([
        K.layers.Embedding(20, 6, input_length=7),
        K.layers.Bidirectional(K.layers.LSTM(5, return_sequences=True), merge_mode=mode),
        K.layers.TimeDistributed(K.layers.Dense(3, activation="softmax")),
    ])
    m.compile(K.optimizers.SGD(0.3, momentum=0.9), "sparse_categorical_crossentropy",
              sample_weight_mode="temporal", metrics=["sparse_categorical_accuracy"])
    print(mode, m.output_shape, m.count_params())
    h = m.fit(X, T, sample_weight=SW, batch_size=8, epochs=2, shuffle=False, verbose=0)
    for k in sorted(h.history):
        print(k, [repr(float(x)) for x in h.history[k]])
    print(H(m.predict(X[:5])))
    print([w.name for w in m.weights])
inp = K.layers.Input((7,))
e = K.layers.Embedding(20, 4)(inp)
fw_bw = K.layers.Bidirectional(K.layers.GRU(3, return_sequences=True, return_state=False),
                               merge_mode=None)(e)
print([t.shape.as_list() for t in fw_bw])
out = K.layers.TimeDistributed(K.layers.Dense(2))(K.layers.concatenate(fw_bw))
m = K.Model(inp, out)
print(H(m.predict(X[:4])))
print(len(tf.get_default_graph().get_operations()))
