"""TF 1.14's Lambda layer config: the function (a lambda or def: its marshalled bytecode
in base64 with defaults and closure; another callable by name), output_shape and mask
entries, arguments; from_config / model_from_json rebuild a working layer. The bytecode
itself is the interpreter's, so the cases keep its type, not its text."""
import numpy as np


def _scaled(x, factor=3.0):
    return x * factor


def _shape(s):
    return s


def _plain(config):
    out = []
    for key, value in config.items():
        if key in ("function", "output_shape", "mask") and isinstance(value, tuple) and \
                len(value) == 3 and isinstance(value[0], str):
            value = ["<code %s>" % type(value[0]).__name__, value[1], value[2]]
        elif isinstance(value, dict):
            value = sorted(value.items())
        elif key.endswith("module") and value == __name__:
            value = "<this module>"   # its name depends on who imports it
        out.append([key, value])
    return out


def cases(tf):
    L = tf.keras.layers
    offset = 0.5
    layers = {
        "lambda": L.Lambda(lambda t: t + 1.0),
        "closure": L.Lambda(lambda t: t * offset),
        "def_defaults": L.Lambda(_scaled, output_shape=_shape),
        "raw_shape": L.Lambda(lambda t: -t, output_shape=(3,)),
        "arguments": L.Lambda(lambda t, k: t * k, arguments={"k": 2.0},
                              mask=lambda t, m: None),
    }
    out = {}
    x = np.array([[-1., 0.5, 2.]], np.float32)
    for name, layer in sorted(layers.items()):
        config = layer.get_config()
        config.pop("name")
        again = type(layer).from_config(layer.get_config())
        with tf.Graph().as_default():
            with tf.Session() as sess:
                value = sess.run(again(tf.constant(x)))
        out[name] = {"config": _plain(config), "rebuilt": value}
    with tf.Graph().as_default():
        with tf.Session() as sess:
            inp = tf.keras.Input((3,))
            y = L.Dense(2, kernel_initializer="ones", name="d")(
                L.Lambda(lambda t: t * offset + 1.0, name="lam")(inp))
            m = tf.keras.Model(inp, y)
            m2 = tf.keras.models.model_from_json(m.to_json())
            m2.set_weights(m.get_weights())
            out["model_json"] = [[layer.__class__.__name__ for layer in m2.layers],
                                 m2.predict(x)]
    return out
