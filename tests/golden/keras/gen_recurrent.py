"""TF 1.14's Keras recurrent layers in graph mode: SimpleRNN, LSTM, GRU (reset_after
both ways), RNN over cells (SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells, a list
of cells), return_sequences / return_state / go_backwards / unroll, masking,
Bidirectional (merge modes), TimeDistributed; weights set from a seeded NumPy stream so
values do not depend on initializers; weight names and shapes; a short fit."""
import numpy as np


def _x(n=3, t=5, d=2, seed=0):
    return np.random.RandomState(seed).randn(n, t, d).astype("float32")


def _set(model, seed):
    rs = np.random.RandomState(seed)
    values = [(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in model.weights]
    model.set_weights(values)


def _describe(model, x, seed=1):
    _set(model, seed)
    out = model.predict(x)
    return {"weights": [[w.name, w.shape.as_list()] for w in model.weights],
            "out": out if not isinstance(out, list) else list(out)}


def _layers_case(tf):
    L = tf.keras.layers
    x = _x()
    out = {}
    for name, layer in [("simple", lambda: L.SimpleRNN(3)),
                        ("simple_seq", lambda: L.SimpleRNN(3, return_sequences=True,
                                                           activation="relu")),
                        ("simple_back", lambda: L.SimpleRNN(3, go_backwards=True)),
                        ("lstm", lambda: L.LSTM(4)),
                        ("lstm_seq", lambda: L.LSTM(4, return_sequences=True,
                                                    unit_forget_bias=False)),
                        ("lstm_back", lambda: L.LSTM(2, go_backwards=True,
                                                     return_sequences=True)),
                        ("lstm_unroll", lambda: L.LSTM(3, unroll=True)),
                        ("lstm_sigmoid", lambda: L.LSTM(3, recurrent_activation="sigmoid",
                                                        implementation=2)),
                        ("gru", lambda: L.GRU(3)),
                        ("gru_after", lambda: L.GRU(3, reset_after=True,
                                                    return_sequences=True)),
                        ("gru_nobias", lambda: L.GRU(2, use_bias=False))]:
        m = tf.keras.Sequential([layer()], name="m_" + name)
        m.build((None, 5, 2))
        out[name] = _describe(m, x)
    return out


def _states(tf):
    L = tf.keras.layers
    x = _x(seed=2)
    a = L.Input((5, 2))
    lstm_out, h, c = L.LSTM(3, return_sequences=True, return_state=True)(a)
    gru_out, gh = L.GRU(2, return_state=True)(a)
    s_out, sh = L.SimpleRNN(2, return_state=True)(a, initial_state=[gh])
    m = tf.keras.Model(a, [lstm_out, h, c, gru_out, gh, s_out, sh])
    return _describe(m, x, seed=3)


def _cells(tf):
    L = tf.keras.layers
    x = _x(seed=4)
    out = {}
    for name, make in [("lstm_cell", lambda: L.RNN(L.LSTMCell(3))),
                       ("gru_cell", lambda: L.RNN(L.GRUCell(3), return_sequences=True)),
                       ("simple_cell", lambda: L.RNN(L.SimpleRNNCell(2))),
                       ("stacked", lambda: L.RNN(L.StackedRNNCells(
                           [L.LSTMCell(3), L.GRUCell(2)]))),
                       ("cell_list", lambda: L.RNN([L.SimpleRNNCell(3), L.LSTMCell(2)],
                                                   return_sequences=True))]:
        m = tf.keras.Sequential([make()])
        m.build((None, 5, 2))
        out[name] = _describe(m, x, seed=5)
    return out


def _wrappers(tf):
    L = tf.keras.layers
    x = _x(seed=6)
    out = {}
    for name, make in [("bi_concat", lambda: L.Bidirectional(L.LSTM(3))),
                       ("bi_sum_seq", lambda: L.Bidirectional(
                           L.GRU(2, return_sequences=True), merge_mode="sum")),
                       ("bi_mul", lambda: L.Bidirectional(L.SimpleRNN(2), merge_mode="mul")),
                       ("bi_ave", lambda: L.Bidirectional(L.SimpleRNN(2), merge_mode="ave")),
                       ("td_dense", lambda: L.TimeDistributed(L.Dense(4)))]:
        m = tf.keras.Sequential([make()])
        m.build((None, 5, 2))
        out[name] = _describe(m, x, seed=7)
    a = L.Input((5, 2))
    outs = L.Bidirectional(L.LSTM(2, return_sequences=True), merge_mode=None)(a)
    m = tf.keras.Model(a, outs)
    out["bi_none"] = _describe(m, x, seed=8)
    return out


def _masking(tf):
    L = tf.keras.layers
    tokens = np.array([[3, 1, 2, 0, 0], [1, 0, 0, 0, 0], [4, 4, 1, 2, 3]], "int32")
    out = {}
    for name, rnn in [("lstm", lambda: L.LSTM(3, return_sequences=True)),
                      ("gru", lambda: L.GRU(2)), ("simple", lambda: L.SimpleRNN(2)),
                      ("bi", lambda: L.Bidirectional(L.LSTM(2)))]:
        m = tf.keras.Sequential([L.Embedding(5, 2, mask_zero=True, input_length=5), rnn()])
        out[name] = _describe(m, tokens, seed=9)
    x = _x(seed=10)
    x[0, 3:] = 0.
    m = tf.keras.Sequential([L.Masking(0., input_shape=(5, 2)),
                             L.SimpleRNN(3, return_sequences=True)])
    out["masking_layer"] = _describe(m, x, seed=11)
    return out


def _fit(tf):
    L = tf.keras.layers
    x = _x(n=12, seed=12)
    y = np.eye(2, dtype="float32")[(x.sum((1, 2)) > 0).astype(int)]
    m = tf.keras.Sequential([L.LSTM(4, input_shape=(5, 2)), L.Dense(2, activation="softmax")])
    _set(m, 13)
    m.compile(tf.keras.optimizers.SGD(0.5), "categorical_crossentropy", metrics=["acc"])
    np.random.seed(14)
    h = m.fit(x, y, batch_size=4, epochs=3, verbose=0)
    g = tf.keras.Sequential([L.Bidirectional(L.GRU(3), input_shape=(5, 2)),
                             L.Dense(2, activation="softmax")])
    _set(g, 15)
    g.compile(tf.keras.optimizers.SGD(0.5), "categorical_crossentropy")
    np.random.seed(16)
    h2 = g.fit(x, y, batch_size=6, epochs=2, verbose=0)
    return {"history": {k: [float(v) for v in vs] for k, vs in sorted(h.history.items())},
            "h2": {k: [float(v) for v in vs] for k, vs in sorted(h2.history.items())},
            "weights": m.get_weights(), "w2": g.get_weights()}


def _configs(tf):
    L = tf.keras.layers
    out = {}
    for layer in [L.SimpleRNN(3), L.LSTM(4, return_sequences=True), L.GRU(2),
                  L.Bidirectional(L.LSTM(2)), L.TimeDistributed(L.Dense(3))]:
        c = layer.get_config()
        out[type(layer).__name__] = sorted(c) if "layer" not in c else \
            [sorted(c), sorted(c["layer"]["config"])]
    return out


def cases(tf):
    out = {}
    for name, fn in [("layers", _layers_case), ("states", _states), ("cells", _cells),
                     ("wrappers", _wrappers), ("masking", _masking), ("fit", _fit),
                     ("configs", _configs)]:
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = fn(tf)
    return out
