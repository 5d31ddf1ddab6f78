"""TF 1.14's fit_generator / evaluate_generator / train_on_batch with generators and
Sequences yielding (x, y, sample_weight): the loss and metric histories (weighted metrics
weighted, plain ones not), validation from a weighted generator, evaluate's values, and
the op counter's advance in fit (sample weights make TF recompile the loss and the
weighted metrics before the train function).

    python tools/goldens.py regen keras/generator_weights
"""
import numpy as np


def _data():
    rs = np.random.RandomState(0)
    x = rs.randn(24, 3).astype("float32")
    y = (x[:, :2] * 0.5 + 0.1).astype("float32")
    w = np.linspace(0.2, 2.0, 24).astype("float32")
    return x, y, w


def _gen(with_weights=True):
    x, y, w = _data()
    while True:
        for i in range(0, 24, 8):
            if with_weights:
                yield x[i:i + 8], y[i:i + 8], w[i:i + 8]
            else:
                yield x[i:i + 8], y[i:i + 8]


def _sequence(tf):
    x, y, w = _data()

    class Batches(tf.keras.utils.Sequence):
        def __len__(self):
            return 4

        def __getitem__(self, i):
            s = slice(6 * i, 6 * i + 6)
            return x[s], y[s], w[s][::-1].copy()
    return Batches()


def _one(tf, kind):
    L = tf.keras.layers
    out = {}
    with tf.Graph().as_default() as g:
        tf.set_random_seed(1)
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            m = tf.keras.Sequential([L.Dense(4, activation="tanh", input_shape=(3,)),
                                     L.Dense(2)])
            m.compile(tf.keras.optimizers.SGD(0.1), "mse", metrics=["mae"],
                      weighted_metrics=["mse"])
            last = g._last_id
            if kind == "generator":
                h = m.fit_generator(_gen(), steps_per_epoch=3, epochs=3, verbose=0)
            elif kind == "validation":
                h = m.fit_generator(_gen(False), steps_per_epoch=3, epochs=2, verbose=0,
                                    validation_data=_gen(), validation_steps=3)
            elif kind == "sequence":
                h = m.fit_generator(_sequence(tf), epochs=2, verbose=0, shuffle=False)
            else:   # unweighted fit first, then weighted batches
                h = m.fit_generator(_gen(False), steps_per_epoch=3, epochs=1, verbose=0)
                x, y, w = _data()
                out["train_on_batch"] = np.asarray(
                    m.train_on_batch(x[:8], y[:8], sample_weight=w[:8]), "float32")
            out["fit_count"] = g._last_id - last
            out["history"] = {k: np.asarray(v, "float32") for k, v in h.history.items()}
            out["evaluate"] = np.asarray(m.evaluate_generator(_gen(), steps=3), "float32")
            out["evaluate_unweighted"] = np.asarray(
                m.evaluate_generator(_gen(False), steps=3), "float32")
            out["weights"] = m.get_weights()
    return out


def cases(tf):
    return {k: _one(tf, k) for k in ("generator", "validation", "sequence", "mixed")}
