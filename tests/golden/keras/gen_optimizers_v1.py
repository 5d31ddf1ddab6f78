"""TF 1.14's Keras v1 optimizer classes (tf.contrib.keras.optimizers.{SGD, RMSprop, Adagrad,
Adadelta, Adam, Adamax, Nadam}, keras/optimizers.py): fit histories, final weights, the
optimizer's weights (names, values) and config after fit, the variables and ops they add
to the graph; get_updates on a loss in a plain graph; their configs, errors, and what
tf.keras.optimizers.get / deserialize return; an HDF5 save / load_model round trip."""
import inspect
import json
import os
import shutil
import tempfile

import numpy as np


def _makers(tf):
    O = tf.contrib.keras.optimizers
    return [("sgd", lambda: O.SGD(0.1)),
            ("sgd_momentum", lambda: O.SGD(lr=0.1, momentum=0.8)),
            ("sgd_nesterov", lambda: O.SGD(0.1, momentum=0.9, nesterov=True)),
            ("sgd_decay", lambda: O.SGD(0.2, decay=0.1)),
            ("rmsprop", lambda: O.RMSprop(0.01)),
            ("rmsprop_decay_clipvalue", lambda: O.RMSprop(0.01, rho=0.8, decay=0.05,
                                                          clipvalue=0.02)),
            ("adagrad", lambda: O.Adagrad(0.1)),
            ("adagrad_eps", lambda: O.Adagrad(0.1, epsilon=1e-3)),
            ("adadelta", lambda: O.Adadelta()),
            ("adadelta_rho", lambda: O.Adadelta(0.5, rho=0.9, decay=0.01)),
            ("adam", lambda: O.Adam(0.05)),
            ("adam_amsgrad", lambda: O.Adam(0.05, amsgrad=True)),
            ("adam_decay_clipnorm", lambda: O.Adam(0.05, beta_1=0.8, beta_2=0.9,
                                                   epsilon=1e-3, decay=0.05, clipnorm=0.1)),
            ("adamax", lambda: O.Adamax(0.05)),
            ("adamax_decay", lambda: O.Adamax(0.05, decay=0.1)),
            ("nadam", lambda: O.Nadam(0.05)),
            ("nadam_schedule", lambda: O.Nadam(0.02, beta_1=0.8, schedule_decay=0.1,
                                               clipnorm=0.5))]


# With decay > 0 TF 1.14 reads `iterations` for the decayed learning rate through an op
# unordered with its increment (keras/optimizers.py): the value read, and so the
# trajectory, changes from run to run in TF itself. Those cases record no values.
RACY = ("sgd_decay", "rmsprop_decay_clipvalue", "adadelta_rho", "adam_decay_clipnorm",
        "adamax_decay")
_VALUES = ("history", "weights", "opt_values", "values")


def _no_values(out):
    return {k: v for k, v in out.items() if k not in _VALUES}


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
    h = m.fit(x, y, batch_size=5, epochs=3, verbose=0)
    g = tf.get_default_graph()
    return {"history": {k: [float(v) for v in vs] for k, vs in sorted(h.history.items())},
            "weights": m.get_weights(), "opt_names": [w.name for w in m.optimizer.weights],
            "opt_values": m.optimizer.get_weights(), "config": m.optimizer.get_config(),
            "iterations": int(tf.keras.backend.get_value(m.optimizer.iterations)),
            "variables": [v.name for v in tf.global_variables()],
            "optimizer_ops": sorted(
                [op.name, op.type] for op in g.get_operations()
                if op.name.startswith(type(opt).__name__ + "/")),
            "update_ops": len([op for op in g.get_operations()
                               if op.name.startswith("training/") and
                               op.type == "AssignVariableOp"])}


def _get_updates(tf, opt):
    """get_updates on a quadratic loss of two K.variables, three steps."""
    K = tf.keras.backend
    w = K.variable(np.array([[0.5, -1.0], [2.0, 0.25]], "float32"), name="w")
    b = K.variable(np.array([0.1, -0.3], "float32"), name="b")
    x = tf.constant(np.array([[1.0, 2.0], [-1.0, 0.5], [0.3, 0.3]], "float32"))
    loss = tf.reduce_sum(tf.square(tf.matmul(x, w) + b - 1.0))
    updates = opt.get_updates(loss, [w, b])
    ops = [u if isinstance(u, tf.Operation) else getattr(u, "op", u) for u in updates]
    sess = K.get_session()
    vals = []
    for _ in range(3):
        sess.run(ops)
        vals.append(sess.run([w, b, loss]))
    return {"values": vals, "n_updates": len(updates),
            "update_types": [type(u).__name__ for u in updates],
            "weights": [v.name for v in opt.weights],
            "grad_names": [t.name for t in opt.get_gradients(loss, [w, b])]}


def _errors(tf):
    O = tf.contrib.keras.optimizers
    out = {}
    for name, fn in [
            ("bad_kwarg", lambda: O.Adam(foo=1)),
            ("negative_clipnorm", lambda: O.SGD(clipnorm=-1.0)),
            ("negative_clipvalue", lambda: O.RMSprop(clipvalue=-0.5)),
            ("learning_rate_kwarg", lambda: O.Adam(learning_rate=0.1)),
            ("base_get_updates", lambda: O.Optimizer().get_updates(None, [])),
            ("set_weights_len", lambda: O.Adam().set_weights([np.zeros(1)])),
    ]:
        try:
            fn()
            out[name] = None
        except Exception as e:  # noqa: BLE001 - the error is the golden
            out[name] = e
    K = tf.keras.backend
    opt = O.SGD(momentum=0.5)
    w = K.variable(np.ones((2,), "float32"))
    opt.get_updates(tf.reduce_sum(w * w), [w])
    try:
        opt.set_weights([np.zeros((), "int64"), np.zeros((3,), "float32")])
    except ValueError as e:
        out["set_weights_shape"] = e
    opt.set_weights([np.array(7, "int64"), np.full((2,), 0.5, "float32")])
    out["set_weights_ok"] = opt.get_weights()
    v = K.variable(np.ones((2,), "float32"))
    try:
        O.Adam().get_gradients(tf.reduce_sum(w), [w, v])
    except ValueError as e:
        out["none_gradient"] = e
    return out


def _configs(tf):
    O = tf.contrib.keras.optimizers
    out = {}
    for cls in (O.SGD, O.RMSprop, O.Adagrad, O.Adadelta, O.Adam, O.Adamax, O.Nadam):
        opt = cls()
        out[cls.__name__] = opt.get_config()
        out[cls.__name__ + "_vars"] = sorted(v.name for v in tf.global_variables()
                                             if v.name.startswith(cls.__name__ + "/"))
        out[cls.__name__ + "_weights"] = len(opt.weights)
        again = cls.from_config(opt.get_config())
        out[cls.__name__ + "_from_config"] = [type(again).__name__, again.get_config()]
        s = O.serialize(opt)
        out[cls.__name__ + "_serialize"] = json.loads(json.dumps(s))
        d = O.deserialize(s)
        out[cls.__name__ + "_after_deserialize"] = s   # TF's deserialize edits it
        out[cls.__name__ + "_deserialize"] = [type(d).__module__.split(".")[-1],
                                              type(d).__name__, sorted(d.get_config())]
    out["clip"] = O.SGD(clipnorm=1.0, clipvalue=0.5).get_config()
    out["base"] = O.Optimizer(clipnorm=2.0).get_config()
    adam = O.Adam()
    out["get_same"] = tf.keras.optimizers.get(adam) is adam
    out["contrib_get_same"] = O.get(adam) is adam
    for name in ("adam", "sgd", "nadam"):
        g = tf.keras.optimizers.get(name)
        out["get_" + name] = [type(g).__module__.split(".")[-1], type(g).__name__]
    out["keras_Adam"] = tf.keras.optimizers.Adam.__module__.split(".")[-1]
    out["contrib_Adam"] = O.Adam.__module__.split(".")[-1]
    out["signatures"] = {name: str(inspect.signature(getattr(O, name))) for name in (
        "Optimizer", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adam", "Adamax", "Nadam")}
    out["methods"] = {name: str(inspect.signature(getattr(O.Optimizer, name))) for name in (
        "get_updates", "get_gradients", "set_weights", "get_weights", "get_config",
        "from_config")}
    out["lr_attr"] = float(tf.keras.backend.get_value(O.Adam(0.25).lr))
    return out


def _save_load(tf):
    """A model compiled with the v1 Adam saved to HDF5 and loaded back (TF 1.14's
    load_model makes tf.keras.optimizers.Adam, OptimizerV2, from the config)."""
    np.random.seed(5)
    x = np.random.rand(10, 3).astype("float32")
    y = np.random.rand(10, 2).astype("float32")
    init = tf.keras.initializers.glorot_uniform
    m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,),
                                                   kernel_initializer=init(seed=1))])
    m.compile(tf.contrib.keras.optimizers.Adam(0.05, decay=0.01, amsgrad=False), "mse")
    m.fit(x, y, batch_size=5, epochs=2, verbose=0, shuffle=False)
    d = tempfile.mkdtemp()
    try:
        path = os.path.join(d, "m.h5")
        m.save(path)
        import h5py
        with h5py.File(path, "r") as f:
            training_config = f.attrs["training_config"]
            if isinstance(training_config, bytes):
                training_config = training_config.decode("utf8")
            opt_names = [n.decode("utf8") if isinstance(n, bytes) else n
                         for n in f["optimizer_weights"].attrs["weight_names"]]
        # the oracle's h5py 3 reads TF's string attributes back as str, which TF 1.14's
        # load_model cannot .decode: store them as fixed-length bytes for it
        def to_bytes(obj):
            for key, value in list(obj.attrs.items()):
                if isinstance(value, str):
                    obj.attrs[key] = np.bytes_(value.encode("utf8"))
                elif (isinstance(value, np.ndarray) and value.size
                      and isinstance(value.flat[0], str)):
                    obj.attrs[key] = np.array([v.encode("utf8") for v in value.flat])

        with h5py.File(path, "r+") as f:
            to_bytes(f)
            f.visititems(lambda name, obj: to_bytes(obj))
        with tf.Graph().as_default():
            with tf.Session():
                m2 = tf.keras.models.load_model(path)
                opt = m2.optimizer
                out = {"training_config": training_config, "saved_opt_names": opt_names,
                       "loaded": [type(opt).__module__.split(".")[-1], type(opt).__name__],
                       "loaded_config": opt.get_config(),
                       "loaded_weights": opt.get_weights()}
                h = m2.fit(x, y, batch_size=5, epochs=1, verbose=0, shuffle=False)
                out["history"] = [float(v) for v in h.history["loss"]]
                out["weights"] = m2.get_weights()
    finally:
        shutil.rmtree(d)
    return out


def cases(tf):
    out = {}
    for i, (name, make) in enumerate(_makers(tf)):
        with tf.Graph().as_default():
            with tf.Session():
                fit = _fit(tf, make(), seed=i)
        with tf.Graph().as_default():
            with tf.Session():
                updates = _get_updates(tf, make())
        if name in RACY:
            fit, updates = _no_values(fit), _no_values(updates)
        out["fit_" + name], out["updates_" + name] = fit, updates
    with tf.Graph().as_default():
        with tf.Session():
            out["errors"] = _errors(tf)
    with tf.Graph().as_default():
        with tf.Session():
            out["configs"] = _configs(tf)
    with tf.Graph().as_default():
        with tf.Session():
            out["save_load"] = _save_load(tf)
    return out
