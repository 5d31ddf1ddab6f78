"""TF 1.14's tf.keras weights an output's loss and metrics by its Keras mask: an
Embedding(mask_zero=True) -> LSTM(return_sequences=True) -> TimeDistributed(Dense) model
(the padded steps carry mask 0) fit with and without sample weights (per sample); the loss and metric
histories, evaluate's values and the op count of compile (the mask's Cast, and the
weights' product when both are given).

    python tools/goldens.py regen keras/output_masks
"""
import numpy as np


def _data():
    rs = np.random.RandomState(0)
    x = rs.randint(1, 7, (12, 5)).astype("int32")
    for i, n in enumerate([5, 3, 2, 4, 5, 1, 3, 2, 4, 5, 2, 3]):
        x[i, n:] = 0   # padding: masked steps
    y = np.eye(3, dtype="float32")[rs.randint(0, 3, (12, 5))]
    return x, y


def _one(tf, weighted, temporal):
    L = tf.keras.layers
    x, y = _data()
    out = {}
    with tf.Graph().as_default() as g:
        tf.set_random_seed(3)
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            m = tf.keras.Sequential([
                L.Embedding(7, 4, mask_zero=True, input_length=5),
                L.LSTM(6, return_sequences=True),
                L.TimeDistributed(L.Dense(3, activation="softmax"))])
            last = g._last_id
            m.compile(tf.keras.optimizers.Adam(0.05), "categorical_crossentropy",
                      metrics=["acc", "mae"], weighted_metrics=["mse"] if weighted else None,
                      sample_weight_mode="temporal" if temporal else None)
            out["compile_count"] = g._last_id - last
            kw = {}
            if weighted:
                kw["sample_weight"] = (np.linspace(0.5, 2., 60).reshape(12, 5) if temporal
                                       else np.linspace(0.5, 2., 12)).astype("float32")
            h = m.fit(x, y, batch_size=4, epochs=3, verbose=0, shuffle=False, **kw)
            out["history"] = {k: np.asarray(v, "float32") for k, v in h.history.items()}
            out["evaluate"] = np.asarray(m.evaluate(x, y, batch_size=6, verbose=0),
                                         "float32")
            out["metrics_names"] = list(m.metrics_names)
            out["predict"] = m.predict(x[:2])
            out["random_after"] = sess.run(tf.random_uniform([3]))
    return out


def cases(tf):
    return {"plain": _one(tf, False, False), "sample_weight": _one(tf, True, False)}
