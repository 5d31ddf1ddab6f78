"""TF 1.14's tf.keras.experimental.PeepholeLSTMCell in an RNN: weights (names, shapes,
order), predictions with fixed weights, a fit's losses and the weights after it, both
implementations, with dropout off, and a model rebuilt from its JSON.

    python tools/goldens.py regen keras/peephole
"""
import numpy as np


def _case(tf, implementation):
    L = tf.keras.layers
    rs = np.random.RandomState(7)
    x = rs.rand(6, 4, 3).astype("float32")
    y = rs.rand(6, 2).astype("float32")
    with tf.Graph().as_default():
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            cell = tf.keras.experimental.PeepholeLSTMCell(5, implementation=implementation)
            m = tf.keras.Sequential([L.RNN(cell, input_shape=(4, 3)), L.Dense(2)])
            m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32")
                           for w in m.weights])
            before = m.predict(x)
            m.compile(tf.keras.optimizers.SGD(0.3), "mse")
            h = m.fit(x, y, batch_size=3, epochs=2, verbose=0, shuffle=False)
            js = m.to_json()
            rebuilt = tf.keras.models.model_from_json(js)
            rebuilt.set_weights(m.get_weights())
            return {"weights": [[w.name, w.shape.as_list()] for w in m.weights],
                    "before": before, "loss": [float(v) for v in h.history["loss"]],
                    "after": m.get_weights(), "rebuilt": rebuilt.predict(x),
                    "config": sorted(cell.get_config())}


def cases(tf):
    return {"implementation_1": _case(tf, 1), "implementation_2": _case(tf, 2)}
