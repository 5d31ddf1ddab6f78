"""TF 1.14's stateful Keras RNNs: states carried across predict / evaluate / fit calls,
reset_states, the state variables' names."""
import numpy as np


def _stateful(tf):
    L = tf.keras.layers
    m = tf.keras.Sequential([L.GRU(3, stateful=True, batch_input_shape=(2, 4, 2)),
                             L.Dense(1)])
    rs = np.random.RandomState(0)
    m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in m.weights])
    x = rs.rand(4, 4, 2).astype("float32")
    y = rs.rand(4, 1).astype("float32")
    out = {"p1": m.predict(x[:2]), "p2": m.predict(x[:2])}
    m.reset_states()
    out["p3"] = m.predict(x[:2])
    m.compile(tf.keras.optimizers.SGD(0.1), "mse")
    out["eval"] = m.evaluate(x, y, batch_size=2, verbose=0)
    h = m.fit(x, y, batch_size=2, epochs=2, shuffle=False, verbose=0)
    out["history"] = [float(v) for v in h.history["loss"]]
    out["p4"] = m.predict(x, batch_size=2)
    out["names"] = sorted(v.name for v in tf.global_variables() if "Variable" in v.name)
    out["n_state_updates"] = len(m.state_updates)
    return out


def cases(tf):
    with tf.Graph().as_default():
        with tf.Session():
            return {"stateful": _stateful(tf)}
