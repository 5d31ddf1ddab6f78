"""TF 1.14's Keras HDF5 files and configs: model.save (model_config, training_config,
model_weights with TF's layer and weight names), save_weights, to_json; the files
themselves (base64) so tests load TF-written files in flowgrad. Needs h5py (2.10 in the
oracle)."""
import base64
import json
import os
import tempfile

import numpy as np


def _listing(path, skip=()):
    import h5py
    out = []

    def dec(v):
        if isinstance(v, (bytes, str)):
            v = v.decode("utf8") if isinstance(v, bytes) else v
            if v.startswith("{"):
                return json.loads(v)
            return v
        if isinstance(v, np.ndarray):
            return [dec(x) for x in v.tolist()]
        return v

    def visit(name, obj):
        if any(name.startswith(s) for s in skip):
            return
        attrs = {k: dec(v) for k, v in sorted(obj.attrs.items())}
        shape = list(obj.shape) if hasattr(obj, "shape") else None
        dtype = str(obj.dtype) if hasattr(obj, "dtype") else None
        out.append([name, attrs, shape, dtype])
    with h5py.File(path, "r") as f:
        root = {k: dec(v) for k, v in sorted(f.attrs.items())}
        f.visititems(visit)
    return root, out


def _model(tf):
    init = tf.keras.initializers.glorot_uniform
    m = tf.keras.Sequential([
        tf.keras.layers.Dense(4, activation="relu", input_shape=(3,),
                              kernel_initializer=init(seed=1)),
        tf.keras.layers.Dropout(0.0),
        tf.keras.layers.Dense(2, activation="softmax", kernel_initializer=init(seed=2))])
    return m


def _save(tf):
    d = tempfile.mkdtemp()
    np.random.seed(0)
    x = np.random.rand(12, 3).astype("float32")
    y = np.eye(2, dtype="float32")[np.random.randint(0, 2, 12)]
    m = _model(tf)
    m.compile(tf.keras.optimizers.SGD(0.1), "categorical_crossentropy", metrics=["acc"])
    m.fit(x, y, batch_size=4, epochs=2, verbose=0, shuffle=False)
    path = os.path.join(d, "model.h5")
    m.save(path)
    wpath = os.path.join(d, "weights.h5")
    m.save_weights(wpath)
    root, listing = _listing(path, skip=("optimizer_weights",))
    wroot, wlisting = _listing(wpath)
    with open(path, "rb") as f:
        blob = base64.b64encode(f.read()).decode("ascii")
    with open(wpath, "rb") as f:
        wblob = base64.b64encode(f.read()).decode("ascii")
    training_config = root.pop("training_config")
    return {"json": json.loads(m.to_json()), "root": root, "listing": listing,
            "loss": training_config["loss"], "metrics": training_config["metrics"],
            "optimizer": training_config["optimizer_config"]["class_name"],
            "wroot": wroot, "wlisting": wlisting, "h5": blob, "weights_h5": wblob,
            "x": x, "predict": m.predict(x), "evaluate": m.evaluate(x, y, verbose=0)}


def _checkpoint(tf):
    import contextlib
    import io
    d = tempfile.mkdtemp()
    np.random.seed(1)
    x = np.random.rand(16, 3).astype("float32")
    y = np.eye(2, dtype="float32")[np.random.randint(0, 2, 16)]
    m = _model(tf)
    m.compile(tf.keras.optimizers.SGD(0.5), "categorical_crossentropy", metrics=["acc"])
    best = tf.keras.callbacks.ModelCheckpoint(
        os.path.join(d, "best.{epoch:02d}-{val_loss:.3f}.h5"), save_best_only=True,
        verbose=1)
    weights = tf.keras.callbacks.ModelCheckpoint(
        os.path.join(d, "w{epoch}.h5"), save_weights_only=True, period=2)
    acc = tf.keras.callbacks.ModelCheckpoint(
        os.path.join(d, "acc.h5"), monitor="val_acc", save_best_only=True, mode="max")
    buf = io.StringIO()
    np.random.seed(2)
    with contextlib.redirect_stdout(buf):
        h = m.fit(x, y, batch_size=4, epochs=5, verbose=0, validation_split=0.25,
                  callbacks=[best, weights, acc])
    out = buf.getvalue().replace(d, "DIR")
    wroot, wlisting = _listing(os.path.join(d, "w4.h5"))
    return {"files": sorted(os.listdir(d)), "out": out.splitlines(),
            "history": {k: [float(v) for v in vs] for k, vs in sorted(h.history.items())},
            "best": float(best.best), "acc_best": float(acc.best), "wlisting": wlisting}


def _records(path):
    import struct
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos + 12 <= len(data):
        n = struct.unpack("<Q", data[pos:pos + 8])[0]
        yield data[pos + 12:pos + 12 + n]
        pos += 12 + n + 4


def _events(tf, d):
    out, files = [], 0
    for root, _, names in sorted(os.walk(d)):
        for name in sorted(names):
            if "tfevents" not in name:
                continue
            files += 1
            for rec in _records(os.path.join(root, name)):
                e = tf.summary.Event()
                e.ParseFromString(rec)
                if e.HasField("graph_def"):
                    out.append(["graph", int(e.step)])
                for v in e.summary.value:
                    out.append([v.tag, int(e.step), float(v.simple_value)])
    return out, files


def _tensorboard(tf):
    np.random.seed(3)
    x = np.random.rand(10, 3).astype("float32")
    y = np.eye(2, dtype="float32")[np.random.randint(0, 2, 10)]
    m = _model(tf)
    m.compile(tf.keras.optimizers.SGD(0.1), "categorical_crossentropy", metrics=["acc"])
    d1, d2, d3 = tempfile.mkdtemp(), tempfile.mkdtemp(), tempfile.mkdtemp()
    np.random.seed(4)
    m.fit(x, y, batch_size=4, epochs=2, verbose=0, validation_split=0.2,
          callbacks=[tf.keras.callbacks.TensorBoard(d1, profile_batch=0)])
    m.fit(x, y, batch_size=4, epochs=2, verbose=0, shuffle=False,
          callbacks=[tf.keras.callbacks.TensorBoard(d2, update_freq="batch",
                                                    write_graph=False, profile_batch=0)])
    m.fit(x, y, batch_size=4, epochs=1, verbose=0, shuffle=False,
          callbacks=[tf.keras.callbacks.TensorBoard(d3, update_freq=5, profile_batch=0)])
    e1, f1 = _events(tf, d1)
    e2, f2 = _events(tf, d2)
    e3, f3 = _events(tf, d3)
    return {"epoch": e1, "batch": e2, "samples": e3, "files": [f1, f2, f3]}


def _restore_best(tf):
    np.random.seed(5)
    x = np.random.rand(12, 3).astype("float32")
    y = np.eye(2, dtype="float32")[np.random.randint(0, 2, 12)]
    m = _model(tf)
    m.compile(tf.keras.optimizers.SGD(2.0), "categorical_crossentropy")
    stop = tf.keras.callbacks.EarlyStopping(monitor="val_loss", patience=1,
                                            restore_best_weights=True)
    np.random.seed(6)
    h = m.fit(x, y, batch_size=3, epochs=8, verbose=0, validation_split=0.25,
              callbacks=[stop])
    return {"history": {k: [float(v) for v in vs] for k, vs in sorted(h.history.items())},
            "stopped": stop.stopped_epoch, "best": float(stop.best),
            "weights": m.get_weights()}


def _functional(tf):
    L = tf.keras.layers
    d = tempfile.mkdtemp()
    tokens = L.Input((6,), name="tokens", dtype="int32")
    feats = L.Input((3,), name="feats")
    e = L.Embedding(7, 4, mask_zero=True)(tokens)
    r = L.Bidirectional(L.LSTM(3))(e)
    shared = L.Dense(2, activation="tanh", name="shared")
    h = L.concatenate([r, shared(feats), shared(L.Dense(3)(feats))])
    out = L.Dense(2, activation="softmax", name="out")(h)
    aux = L.Dense(1, name="aux")(h)
    m = tf.keras.Model([tokens, feats], [out, aux], name="two_heads")
    rs = np.random.RandomState(7)
    m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in m.weights])
    m.compile("adam", ["categorical_crossentropy", "mse"], loss_weights=[1., 0.5])
    x1 = np.array([[1, 2, 3, 0, 0, 0], [4, 5, 6, 1, 2, 0]], "int32")
    x2 = np.random.RandomState(8).rand(2, 3).astype("float32")
    path = os.path.join(d, "f.h5")
    m.save(path)
    root, listing = _listing(path, skip=("optimizer_weights",))
    with open(path, "rb") as f:
        blob = base64.b64encode(f.read()).decode("ascii")
    root.pop("training_config")
    return {"json": json.loads(m.to_json()), "root": root, "listing": listing, "h5": blob,
            "x1": x1, "x2": x2, "predict": m.predict([x1, x2]),
            "weights": [w.name for w in m.weights]}


def _tf_format(tf):
    L = tf.keras.layers
    d = os.path.join(tempfile.mkdtemp(), "ckpt")
    m = tf.keras.Sequential([L.Embedding(6, 3, input_length=4), L.Bidirectional(L.LSTM(2)),
                             L.Dropout(0.0), L.Dense(2, activation="softmax")])
    rs = np.random.RandomState(9)
    m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in m.weights])
    m.compile("adam", "categorical_crossentropy")
    x = np.array([[1, 2, 3, 4], [5, 4, 0, 1], [2, 2, 2, 2]], "int32")
    y = np.eye(2, dtype="float32")[[0, 1, 1]]
    m.fit(x, y, verbose=0, shuffle=False)
    prefix = os.path.join(d, "weights")
    m.save_weights(prefix)
    files = {}
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            files[name] = base64.b64encode(f.read()).decode("ascii")
    keys = [k for k, _ in tf.train.list_variables(prefix)]
    with open(os.path.join(d, "checkpoint")) as f:
        state = f.read()
    return {"files": files, "keys": keys, "x": x, "predict": m.predict(x),
            "state": state.replace(d, "DIR")}


def _save_formats(tf):
    # save_format in graph mode: 'tf' refused, any other value written as HDF5; a
    # subclassed model refused
    d = tempfile.mkdtemp()
    m = _model(tf)
    out = {}
    for fmt in ["tf", "foo", "h5", None]:
        path = os.path.join(d, "m_%s.h5" % fmt)
        for how in ("save", "save_model"):
            try:
                if how == "save":
                    m.save(path, save_format=fmt)
                else:
                    tf.keras.models.save_model(m, path, save_format=fmt)
                out["%s/%s" % (how, fmt)] = os.path.isfile(path)
            except Exception as e:  # noqa: BLE001 - the error is the case's value
                out["%s/%s" % (how, fmt)] = [type(e).__name__, str(e)]

    class Sub(tf.keras.Model):
        def __init__(self):
            super(Sub, self).__init__()
            self.d = tf.keras.layers.Dense(2)

        def call(self, x):
            return self.d(x)
    s = Sub()
    s(tf.zeros([1, 3]))
    for fmt in [None, "tf"]:
        try:
            s.save(os.path.join(d, "s.h5"), save_format=fmt)
            out["subclassed/%s" % fmt] = "saved"
        except Exception as e:  # noqa: BLE001 - the error is the case's value
            out["subclassed/%s" % fmt] = [type(e).__name__, str(e)]
    return out


def cases(tf):
    out = {}
    for name, fn in [("save", _save), ("checkpoint", _checkpoint),
                     ("tensorboard", _tensorboard), ("restore_best", _restore_best),
                     ("functional", _functional), ("tf_format", _tf_format),
                     ("save_formats", _save_formats)]:
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = fn(tf)
    return out
