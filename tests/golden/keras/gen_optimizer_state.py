"""TF 1.14's optimizer state in Keras HDF5 files (model.save with include_optimizer=True):
the `optimizer_weights` group (attribute weight_names, one dataset per weight, TF's names
and order), the file itself (gzip, base64) for the optimizers whose state TF saves, and what
training does after load_model (loss history, weights, optimizer state); and the same
continuation from the files flowgrad wrote (flowgrad_h5/<name>.h5.gz, made by
make_optimizer_state.py with flowgrad), loaded by TF 1.14: the files move both ways. Needs h5py."""
import base64
import gzip
import io
import os
import tempfile

import numpy as np

FLOWGRAD_FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "flowgrad_h5")


def optimizers(tf):
    O = tf.keras.optimizers
    return [("sgd", lambda: O.SGD(0.1)), ("momentum", lambda: O.SGD(0.1, momentum=0.9)),
            ("adam", lambda: O.Adam(0.05)), ("amsgrad", lambda: O.Adam(0.05, amsgrad=True)),
            ("rmsprop", lambda: O.RMSprop(0.01, momentum=0.5, centered=True)),
            ("adagrad", lambda: O.Adagrad(0.1)), ("adadelta", lambda: O.Adadelta(1.0)),
            ("adamax", lambda: O.Adamax(0.05)), ("nadam", lambda: O.Nadam(0.05))]


def data():
    rs = np.random.RandomState(11)
    x = rs.rand(12, 3).astype("float32")
    y = np.eye(2, dtype="float32")[rs.randint(0, 2, 12)]
    return x, y


def model(tf, opt):
    L = tf.keras.layers
    m = tf.keras.Sequential([L.Dense(3, activation="tanh", input_shape=(3,)),
                             L.Dense(2, activation="softmax")])
    rs = np.random.RandomState(12)
    m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in m.weights])
    m.compile(opt, "categorical_crossentropy")
    return m


def train_and_save(tf, opt, path):
    """Two epochs, then model.save(path); returns the optimizer's state."""
    x, y = data()
    m = model(tf, opt)
    m.fit(x, y, batch_size=4, epochs=2, verbose=0, shuffle=False)
    m.save(path)
    return [w.name for w in m.optimizer.weights], m.optimizer.get_weights()


def load_and_continue(tf, path):
    """load_model(path): its optimizer's state, then two more epochs."""
    x, y = data()
    m = tf.keras.models.load_model(path)
    state = m.optimizer.get_weights()
    h = m.fit(x, y, batch_size=4, epochs=2, verbose=0, shuffle=False)
    return {"loaded_state": state, "loss": [float(v) for v in h.history["loss"]],
            "weights": m.get_weights(), "state": m.optimizer.get_weights()}


def group_listing(path):
    import h5py
    out = []
    with h5py.File(path, "r") as f:
        g = f["optimizer_weights"]
        names = [n.decode("utf8") if isinstance(n, bytes) else str(n)
                 for n in g.attrs["weight_names"]]
        for n in names:
            out.append([n, list(g[n].shape), str(g[n].dtype)])
    return out


def _tf_case(tf, make):
    d = tempfile.mkdtemp()
    path = os.path.join(d, "model.h5")
    names, values = train_and_save(tf, make(), path)
    buf = io.BytesIO()
    with open(path, "rb") as f, gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as z:
        z.write(f.read())
    blob = base64.b64encode(buf.getvalue()).decode("ascii")
    listing = group_listing(path)
    with tf.Graph().as_default():
        with tf.Session():
            cont = load_and_continue(tf, path)
    return {"names": names, "values": values, "listing": listing, "file": blob,
            "continued": cont}


def cases(tf):
    out = {}
    for name, make in optimizers(tf):
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = _tf_case(tf, make)
        fg = os.path.join(FLOWGRAD_FILES, name + ".h5.gz")
        if os.path.exists(fg):
            path = os.path.join(tempfile.mkdtemp(), name + ".h5")
            with gzip.open(fg, "rb") as src, open(path, "wb") as dst:
                dst.write(src.read())
            with tf.Graph().as_default():
                with tf.Session():
                    out["from_flowgrad_" + name] = load_and_continue(tf, path)
    return out
