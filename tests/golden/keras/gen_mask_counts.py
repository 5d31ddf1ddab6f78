"""Keras masks as TF 1.14 builds them: the op counter after each layer of a masked model
(Embedding builds its mask at its call, Masking in call, Bidirectional's layers output
zeros at masked steps when returning sequences, TimeDistributed reshapes the mask), and
the masked Bidirectional / TimeDistributed outputs with fixed weights."""
import numpy as np


def _counts(tf):
    K = tf.keras
    g = tf.get_default_graph()
    out = []
    inp = K.layers.Input((10,))
    e = K.layers.Embedding(50, 8, mask_zero=True)(inp)
    out.append(g._last_id)
    b = K.layers.Bidirectional(K.layers.LSTM(6, return_sequences=True))(e)
    out.append(g._last_id)
    t = K.layers.TimeDistributed(K.layers.Dense(4))(b)
    out.append(g._last_id)
    K.layers.GRU(5)(t)
    out.append(g._last_id)
    x = tf.placeholder(tf.int32, [None, 10])
    K.layers.Embedding(50, 8, mask_zero=True)(x)   # no Keras layer after it
    out.append(g._last_id)
    K.layers.Masking()(tf.zeros([2, 3, 4]))
    out.append(g._last_id)
    return out


def _values(tf):
    K = tf.keras
    rng = np.random.RandomState(0)
    ids = np.array([[3, 5, 0, 0], [7, 0, 2, 0]], np.int32)
    inp = K.layers.Input((4,), dtype="int32")
    e = K.layers.Embedding(10, 3, mask_zero=True,
                           embeddings_initializer=K.initializers.Constant(
                               rng.uniform(-1, 1, (10, 3))))(inp)
    b = K.layers.Bidirectional(K.layers.SimpleRNN(
        2, return_sequences=True,
        kernel_initializer=K.initializers.Constant(rng.uniform(-1, 1, (3, 2))),
        recurrent_initializer=K.initializers.Constant(rng.uniform(-1, 1, (2, 2)))))(e)
    t = K.layers.TimeDistributed(K.layers.Dense(
        2, kernel_initializer=K.initializers.Constant(rng.uniform(-1, 1, (4, 2)))))(b)
    m = K.models.Model(inp, [b, t])
    return [np.asarray(a) for a in m.predict(ids)]


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        out["counts"] = _counts(tf)
    with tf.Graph().as_default():
        out["values"] = _values(tf)
    return out
