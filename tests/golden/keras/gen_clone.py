"""TF 1.14's tf.keras.models.clone_model: a Sequential (with and without an input shape,
with a clone_function) and a functional model with shared layers; the clone's layer
names, weight names and shapes, its predictions with the original's weights, and that
its weights are new variables.

    python tools/goldens.py regen keras/clone
"""
import numpy as np


def _describe(m, x):
    return {"layers": [[type(layer).__name__, layer.name] for layer in m.layers],
            "weights": [[w.name, w.shape.as_list()] for w in m.weights],
            "predict": m.predict(x), "name": m.name}


def _fix(m, rs):
    m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in m.weights])


def cases(tf):
    L = tf.keras.layers
    out = {}
    rs = np.random.RandomState(2)
    x = rs.rand(3, 4).astype("float32")
    with tf.Graph().as_default():
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            m = tf.keras.Sequential([L.Dense(3, activation="relu", input_shape=(4,)),
                                     L.Dropout(0.5), L.Dense(2)], name="seq")
            _fix(m, rs)
            c = tf.keras.models.clone_model(m)
            c.set_weights(m.get_weights())
            out["sequential"] = _describe(c, x)
            out["new_variables"] = not any(a is b for a, b in zip(m.weights, c.weights))

            def wider(layer):
                conf = layer.get_config()
                if "units" in conf:
                    conf["units"] += 1
                return layer.__class__.from_config(conf)
            c2 = tf.keras.models.clone_model(m, clone_function=wider)
            c2.set_weights([np.ones(w.shape.as_list(), "float32") for w in c2.weights])
            out["clone_function"] = _describe(c2, x)
            a = L.Input((4,), name="a")
            b = L.Input((4,), name="b")
            shared = L.Dense(3, name="shared")
            y = L.concatenate([shared(a), shared(b)])
            f = tf.keras.Model([a, b], L.Dense(1, name="head")(y), name="func")
            _fix(f, rs)
            fc = tf.keras.models.clone_model(f)
            fc.set_weights(f.get_weights())
            d = _describe(fc, [x, x[::-1]])
            d["inputs"] = [t.name for t in fc.inputs]
            out["functional"] = d
    return out
