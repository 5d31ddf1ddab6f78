"""TF 1.14's tf.keras.experimental.export_saved_model / load_from_saved_model (keras/saving/
saved_model.py): the SavedModel TF writes for a functional and a Sequential model (every
file's bytes; the serving meta graph's signature, served on X; the variables' checkpoint
keys; assets/saved_model.json), a compiled model's SavedModel (train, eval and serve meta
graphs) and what load_from_saved_model gives back, and the errors.

    python tools/goldens.py regen keras/saved_model
"""
import base64
import gzip
import json
import os
import shutil
import tempfile

import numpy as np

X = np.linspace(-1, 1, 12).reshape(4, 3).astype("float32")


def _files(d):
    out = {}
    for dp, _, fns in os.walk(d):
        for fn in fns:
            p = os.path.join(dp, fn)
            out[os.path.relpath(p, d)] = open(p, "rb").read()
    return out


def functional(tf):
    L = tf.keras.layers
    x = L.Input((3,), name="features")
    h = L.Dense(4, activation="relu", name="hidden")(x)
    return tf.keras.Model(x, L.Dense(2, name="scores")(h))


def sequential(tf):
    return tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,), name="d"),
                                tf.keras.layers.Activation("tanh")])


def _fixed(model):
    rs = np.random.RandomState(41)
    model.set_weights([(rs.rand(*w.shape) - 0.5).astype("float32")
                       for w in model.get_weights()])


def summary(tf, d, tags=("serve",), values=False):
    """The meta graph `tags` of SavedModel `d` as a loader sees it: its signatures
    (method, inputs' tensor names and dtypes, outputs' tensor names), the serving
    signature's outputs on X; the variables' checkpoint keys and shapes (and values)."""
    out = {}
    with tf.Graph().as_default() as g:
        with tf.Session() as sess:
            meta = tf.saved_model.loader.load(sess, list(tags), d)
            sigs = {}
            for key, sig in meta.signature_def.items():
                sigs[key] = {"method": sig.method_name,
                             "inputs": {k: [v.name, int(v.dtype)] for k, v in sig.inputs.items()},
                             "outputs": {k: v.name for k, v in sig.outputs.items()}}
            out["signatures"] = sigs
            if "serving_default" in meta.signature_def:
                sig = meta.signature_def["serving_default"]
                (name, inp), = sig.inputs.items()
                fetch = {k: g.get_tensor_by_name(v.name) for k, v in sig.outputs.items()}
                out["served"] = sess.run(fetch, {g.get_tensor_by_name(inp.name): X})
    prefix = os.path.join(d, "variables", "variables")
    out["variables"] = sorted([k, list(s)] for k, s in tf.train.list_variables(prefix)
                              if k != "_CHECKPOINTABLE_OBJECT_GRAPH")
    if values:
        reader = tf.train.load_checkpoint(prefix)
        out["values"] = {k: reader.get_tensor(k) for k, _ in out["variables"]}
    return out


def _export(tf, build, compile_args=None):
    root = tempfile.mkdtemp()
    d = os.path.join(root, "m")
    try:
        with tf.Graph().as_default():
            with tf.Session() as sess:
                tf.keras.backend.set_session(sess)
                model = build(tf)
                _fixed(model)
                if compile_args:
                    model.compile(**compile_args)
                tf.keras.experimental.export_saved_model(model, d)
                predicted = model.predict(X)
        out = {"files": _files(d), "predict": predicted, "serve": summary(tf, d)}
        if compile_args:
            out["train"] = summary(tf, d, ("train",))
            out["eval"] = summary(tf, d, ("eval",))
        out["loaded"] = load(tf, d)
        return out
    finally:
        shutil.rmtree(root)


# compiled models exported after some training (the optimizer's state goes with them)
TRAINED = {"adam_mae": {"optimizer": "adam", "loss": "mse", "metrics": ["mae"]},
           "sgd_momentum": {"optimizer": "sgd_momentum", "loss": "mse"}}
FLOWGRAD_FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              "flowgrad_saved_model")


def export_trained(tf, name, d):
    """The functional model compiled as TRAINED[name], fitted 2 epochs, exported to `d`;
    returns its predictions."""
    kw = dict(TRAINED[name])
    if kw["optimizer"] == "sgd_momentum":
        kw["optimizer"] = tf.keras.optimizers.SGD(0.05, momentum=0.9)
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            model = functional(tf)
            _fixed(model)
            model.compile(**kw)
            model.fit(X, np.ones((4, 2), "float32"), epochs=2, batch_size=2, verbose=0,
                      shuffle=False)
            tf.keras.experimental.export_saved_model(model, d)
            return model.predict(X)


def trained_summary(tf, d):
    """What a loader sees of the SavedModel of a trained compiled model: every meta
    graph, the checkpoint's values, load_from_saved_model's model."""
    return {tags[0]: summary(tf, d, tags, values=True)
            for tags in (("train",), ("eval",), ("serve",))}


def _trained_cases(tf):
    out = {}
    for name in sorted(TRAINED):
        root = tempfile.mkdtemp()
        try:
            d = os.path.join(root, "m")
            predicted = export_trained(tf, name, d)
            out["trained_" + name] = dict(trained_summary(tf, d), predict=predicted,
                                          loaded=load(tf, d))
        finally:
            shutil.rmtree(root)
        # the SavedModel flowgrad wrote (make_saved_model.py), as TF 1.14 reads it
        with gzip.open(os.path.join(FLOWGRAD_FILES, name + ".json.gz")) as f:
            files = json.loads(f.read().decode("utf-8"))
        root = tempfile.mkdtemp()
        try:
            d = os.path.join(root, "m")
            for rel, data in files.items():
                p = os.path.join(d, rel)
                if not os.path.isdir(os.path.dirname(p)):
                    os.makedirs(os.path.dirname(p))
                with open(p, "wb") as f:
                    f.write(base64.b64decode(data))
            out["flowgrad_" + name] = dict(trained_summary(tf, d), loaded=load(tf, d))
        finally:
            shutil.rmtree(root)
    return out


def load(tf, d):
    """load_from_saved_model(d) in a fresh graph: its class, weights and predictions."""
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            model = tf.keras.experimental.load_from_saved_model(d)
            return {"class": type(model).__name__, "weights": [w.name for w in model.weights],
                    "values": model.get_weights(), "predict": model.predict(X),
                    "optimizer": model.optimizer is not None}


def _error(tf, fn):
    root = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            try:
                fn(tf, os.path.join(root, "m"))
            except Exception as e:  # noqa: BLE001 - the golden records the error
                return e
            return "no error"
    finally:
        shutil.rmtree(root)


def _err_unbuilt(tf, d):
    tf.keras.experimental.export_saved_model(
        tf.keras.Sequential([tf.keras.layers.Dense(2)]), d)


def _err_subclassed(tf, d):
    class M(tf.keras.Model):
        def __init__(self):
            super(M, self).__init__()
            self.d = tf.keras.layers.Dense(2)

        def call(self, x):
            return self.d(x)
    m = M()
    m.predict(X)
    tf.keras.experimental.export_saved_model(m, d)


def cases(tf):
    return {"functional": _export(tf, functional), "sequential": _export(tf, sequential),
            "compiled": _export(tf, functional, {"optimizer": "sgd", "loss": "mse"}),
            "err_unbuilt": _error(tf, _err_unbuilt),
            "err_subclassed": _error(tf, _err_subclassed), **_trained_cases(tf)}
