"""TF 1.14's tf.keras.optimizers in graph mode: fit histories and final weights for every
optimizer TF 1.14 has (SGD with momentum / Nesterov, RMSprop, Adagrad, Adadelta, Adam
with and without amsgrad, Adamax, Nadam, Ftrl), by object and by name, and their configs;
the optimizer's weights (TF's names and order: iter, then slots) after fit; sparse
gradients (an Embedding) for the optimizers that apply them."""
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
            "weights": m.get_weights(), "opt_names": [w.name for w in m.optimizer.weights],
            "opt_values": m.optimizer.get_weights()}


def _fit_sparse(tf, opt, seed=0):
    """An Embedding (sparse gradients, repeated ids in a batch) under `opt`."""
    L = tf.keras.layers
    m = tf.keras.Sequential([L.Embedding(6, 3, input_length=4), L.Flatten(),
                             L.Dense(2, activation="softmax")])
    rs = np.random.RandomState(seed)
    m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in m.weights])
    m.compile(opt, "categorical_crossentropy")
    x = rs.randint(0, 6, (12, 4)).astype("int32")
    x[:, 0] = x[:, 1]   # duplicate ids in every row
    y = np.eye(2, dtype="float32")[rs.randint(0, 2, 12)]
    h = m.fit(x, y, batch_size=4, epochs=3, verbose=0, shuffle=False)
    return {"history": [float(v) for v in h.history["loss"]], "weights": m.get_weights(),
            "opt_names": [w.name for w in m.optimizer.weights],
            "opt_values": m.optimizer.get_weights()}


def _sparse_cases(tf):
    O = tf.keras.optimizers
    return [("sparse_sgd", lambda: O.SGD(0.5)),
            ("sparse_momentum", lambda: O.SGD(0.5, momentum=0.9)),
            ("sparse_nesterov", lambda: O.SGD(0.5, momentum=0.9, nesterov=True)),
            ("sparse_adam", lambda: O.Adam(0.05)),
            ("sparse_amsgrad", lambda: O.Adam(0.05, amsgrad=True)),
            ("sparse_rmsprop", lambda: O.RMSprop(0.05)),
            ("sparse_rms_centered", lambda: O.RMSprop(0.05, centered=True)),
            ("sparse_rms_momentum", lambda: O.RMSprop(0.05, momentum=0.5, centered=True)),
            ("sparse_adagrad", lambda: O.Adagrad(0.5)),
            ("sparse_ftrl", lambda: O.Ftrl(0.5, l1_regularization_strength=0.01)),
            ("sparse_ftrl_shrink", lambda: O.Ftrl(0.5, l2_shrinkage_regularization_strength=0.1)),
            ("sparse_adadelta", lambda: O.Adadelta(1.0)),
            ("sparse_adamax", lambda: O.Adamax(0.05)),
            ("sparse_nadam", lambda: O.Nadam(0.05))]


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
            ("rms_both", lambda: O.RMSprop(0.01, rho=0.8, momentum=0.3, centered=True)),
            ("sgd", lambda: O.SGD(0.1)), ("sgd_name", lambda: "sgd"),
            ("sgd_momentum", lambda: O.SGD(0.1, momentum=0.8)),
            ("adam", lambda: O.Adam(0.05)), ("adam_name", lambda: "adam"),
            ("rmsprop", lambda: O.RMSprop(0.01)), ("rmsprop_name", lambda: "rmsprop"),
            ("adagrad", lambda: O.Adagrad(0.1)), ("adagrad_name", lambda: "adagrad"),
            ("ftrl", lambda: O.Ftrl(0.2)),
            ("ftrl_l1_l2", lambda: O.Ftrl(0.2, learning_rate_power=-0.7,
                                          initial_accumulator_value=0.5,
                                          l1_regularization_strength=0.01,
                                          l2_regularization_strength=0.02)),
            ("ftrl_shrinkage", lambda: O.Ftrl(0.2, l2_shrinkage_regularization_strength=0.05)),
            ("ftrl_config", lambda: {"class_name": "Ftrl", "config": {"learning_rate": 0.3}}),
            ("sgd_decay", lambda: O.SGD(0.2, decay=0.1)),
            ("adam_decay_clipnorm", lambda: O.Adam(0.05, decay=0.05, clipnorm=0.1)),
            ("rms_clipvalue", lambda: O.RMSprop(0.01, clipvalue=0.02)),
            ("nadam_decay", lambda: O.Nadam(0.05, decay=0.3)),
            ("decay_config", lambda: {"class_name": "Adagrad",
                                      "config": {"learning_rate": 0.3, "decay": 0.2}}),
            ("sgd_exponential", lambda: O.SGD(O.schedules.ExponentialDecay(
                0.2, 3, 0.5, staircase=True), momentum=0.5)),
            ("adam_piecewise", lambda: O.Adam(O.schedules.PiecewiseConstantDecay(
                [4.0, 8.0], [0.05, 0.02, 0.01]))),
            ("rms_polynomial", lambda: O.RMSprop(O.schedules.PolynomialDecay(
                0.02, 10, 0.001, power=2.0))),
            ("adagrad_inverse_time", lambda: O.Adagrad(O.schedules.InverseTimeDecay(
                0.3, 4, 0.5), decay=0.1)),
            ("schedule_config", lambda: {"class_name": "SGD", "config": {"learning_rate": {
                "class_name": "ExponentialDecay", "config": {
                    "initial_learning_rate": 0.3, "decay_steps": 2, "decay_rate": 0.7,
                    "staircase": False, "name": None}}}})]


def _configs(tf):
    O = tf.keras.optimizers
    out = {}
    for opt in [O.Adadelta(), O.Adamax(), O.Nadam(), O.Adam(amsgrad=True)]:
        out[type(opt).__name__] = sorted(opt.get_config())
    out["SGD_schedule"] = O.SGD(O.schedules.PolynomialDecay(0.1, 5, cycle=True),
                                momentum=0.2).get_config()
    return out


def cases(tf):
    out = {}
    for i, (name, make) in enumerate(_cases(tf)):
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = _fit(tf, make(), seed=i)
    for i, (name, make) in enumerate(_sparse_cases(tf)):
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = _fit_sparse(tf, make(), seed=i)
    with tf.Graph().as_default():
        out["configs"] = _configs(tf)
    return out
