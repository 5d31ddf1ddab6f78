"""TF 1.14's tf.keras.optimizers in graph mode: fit histories and final weights for every
optimizer TF 1.14 has (SGD with momentum / Nesterov, RMSprop, Adagrad, Adadelta, Adam
with and without amsgrad, Adamax, Nadam), by object and by name, and their configs."""
import numpy as np


def _fit(tf, opt, seed=0):
    np.random.seed(seed)
    x = np.random.rand(20, 3).astype("float32")
    y = np.eye(2, dtype="float32")[np.random.randint(0, 2, 20)]
    init = tf.keras.initializers.glorot_uniform
    m = tf.keras.Sequential([
        tf.keras.layers.Dense(4, activation="tanh", input_shape=(3,),
                              kernel_initializer=init(seed=seed + 1)),
        tf.keras.layers.Dense(2, activation="softmax", kernel_initializer=init(seed=seed + 2))])
    m.compile(opt, "categorical_crossentropy", metrics=["acc"])
    np.random.seed(seed + 3)
    h = m.fit(x, y, batch_size=5, epochs=4, verbose=0)
    return {"history": {k: [float(v) for v in vs] for k, vs in sorted(h.history.items())},
            "weights": m.get_weights()}


def _cases(tf):
    O = tf.keras.optimizers
    return [("sgd_nesterov", lambda: O.SGD(0.1, momentum=0.9, nesterov=True)),
            ("adadelta", lambda: O.Adadelta(1.0)), ("adadelta_name", lambda: "adadelta"),
            ("adamax", lambda: O.Adamax(0.05)), ("adamax_name", lambda: "adamax"),
            ("nadam", lambda: O.Nadam(0.05)), ("nadam_name", lambda: "nadam"),
            ("amsgrad", lambda: O.Adam(0.05, amsgrad=True)),
            ("adam_eps", lambda: O.Adam(0.02, beta_1=0.8, beta_2=0.9, epsilon=1e-3)),
            ("rms_momentum", lambda: O.RMSprop(0.01, momentum=0.5)),
            ("rms_centered", lambda: O.RMSprop(0.01, centered=True)),
            ("rms_both", lambda: O.RMSprop(0.01, rho=0.8, momentum=0.3, centered=True))]


def _configs(tf):
    O = tf.keras.optimizers
    out = {}
    for opt in [O.Adadelta(), O.Adamax(), O.Nadam(), O.Adam(amsgrad=True)]:
        out[type(opt).__name__] = sorted(opt.get_config())
    return out


def cases(tf):
    out = {}
    for i, (name, make) in enumerate(_cases(tf)):
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = _fit(tf, make(), seed=i)
    with tf.Graph().as_default():
        out["configs"] = _configs(tf)
    return out
