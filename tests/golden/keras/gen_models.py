"""TF 1.14's tf.keras models in graph mode: Sequential and functional Models, compile,
fit (loss/metric histories with shuffling from np.random.seed, validation, sample and
class weights), evaluate, predict, *_on_batch, names, callback order."""
import numpy as np


def _data(n=40, d=3, k=2, seed=0):
    np.random.seed(seed)
    x = np.random.rand(n, d).astype("float32")
    labels = np.random.randint(0, k, n)
    return x, labels


def _dense(tf, units, seed, **kw):
    return tf.keras.layers.Dense(
        units, kernel_initializer=tf.keras.initializers.glorot_uniform(seed=seed), **kw)


def _hist(h):
    return {k: [float(v) for v in vals] for k, vals in sorted(h.history.items())}


def _seq_fit(tf):
    x, labels = _data()
    y = tf.keras.utils.to_categorical(labels, 2)
    m = tf.keras.Sequential()
    m.add(_dense(tf, 4, 1, activation="relu", input_shape=(3,)))
    m.add(_dense(tf, 2, 2, activation="softmax"))
    m.compile("sgd", "categorical_crossentropy", metrics=["accuracy"])
    np.random.seed(1)
    h = m.fit(x, y, batch_size=8, epochs=3, verbose=0, validation_split=0.25)
    return {"history": _hist(h), "params": sorted(h.params["metrics"]),
            "epoch": h.epoch, "evaluate": m.evaluate(x, y, verbose=0),
            "predict": m.predict(x[:5]), "names": m.metrics_names,
            "weights": [w.name for w in m.weights], "name": m.name,
            "inputs": [t.name for t in m.inputs], "outputs": [t.name for t in m.outputs],
            "layers": [layer.name for layer in m.layers]}


def _functional(tf):
    x, labels = _data(n=30)
    L = tf.keras.layers
    a = L.Input((3,))
    h = _dense(tf, 5, 3, activation="tanh")(a)
    o1 = _dense(tf, 2, 4, name="o1")(h)
    o2 = _dense(tf, 1, 5, activation="sigmoid", name="o2")(h)
    m = tf.keras.Model(a, [o1, o2])
    m.compile(tf.train.GradientDescentOptimizer(0.1), ["mse", "binary_crossentropy"],
              metrics=["acc"], loss_weights=[0.5, 2.0])
    y1 = np.stack([x[:, 0], x[:, 1]], 1)
    y2 = (labels[:, None] > 0).astype("float32")
    np.random.seed(2)
    hist = m.fit(x, [y1, y2], batch_size=7, epochs=2, verbose=0,
                 validation_data=(x[:10], [y1[:10], y2[:10]]))
    t = tf.placeholder(tf.float32, (None, 3))
    outs = m(t)
    return {"history": _hist(hist), "names": m.metrics_names,
            "layers": [layer.name for layer in m.layers],
            "evaluate": m.evaluate(x, [y1, y2], batch_size=4, verbose=0),
            "predict": m.predict(x[:4]),
            "called": [o.name for o in outs], "get_layer": m.get_layer("o2").name,
            "trainable": [w.name for w in m.trainable_weights]}


def _weights(tf):
    x, labels = _data(n=24, seed=3)
    m = tf.keras.Sequential([_dense(tf, 3, 6, activation="softmax", input_shape=(3,))])
    m.compile(tf.keras.optimizers.SGD(0.5, momentum=0.9), "sparse_categorical_crossentropy",
              metrics=["accuracy"])
    sw = np.linspace(0.5, 2.0, 24).astype("float32")
    np.random.seed(4)
    h1 = m.fit(x, labels, batch_size=5, epochs=2, verbose=0, sample_weight=sw)
    h2 = m.fit(x, labels, batch_size=5, epochs=2, verbose=0, class_weight={0: 1., 1: 3.})
    return {"h1": _hist(h1), "h2": _hist(h2),
            "evaluate": m.evaluate(x, labels, verbose=0, sample_weight=sw)}


def _adam_batches(tf):
    x, labels = _data(n=16, seed=5)
    y = x.sum(1, keepdims=True)
    m = tf.keras.Sequential([_dense(tf, 4, 7, activation="relu", input_shape=(3,)),
                             _dense(tf, 1, 8)])
    m.compile("adam", "mse", metrics=["mae"])
    out = {"train": [m.train_on_batch(x[:8], y[:8]) for _ in range(3)],
           "test": m.test_on_batch(x[8:], y[8:]),
           "predict": m.predict_on_batch(x[:3])}
    np.random.seed(6)
    out["history"] = _hist(m.fit(x, y, epochs=3, batch_size=4, verbose=0))
    out["names"] = m.metrics_names
    return out


def _deferred(tf):
    x, labels = _data(n=10, seed=7)
    m = tf.keras.Sequential([_dense(tf, 2, 9)])
    m.compile("sgd", "mse")
    before = list(m.metrics_names) if hasattr(m, "metrics_names") else None
    np.random.seed(8)
    h = m.fit(x, x[:, :2], verbose=0, epochs=2, batch_size=4)
    return {"history": _hist(h), "inputs": [t.name for t in m.inputs],
            "outputs": [t.name for t in m.outputs],
            "weights": [w.name for w in m.weights], "before": str(before)}


def _callbacks(tf):
    x, labels = _data(n=12, seed=9)
    y = tf.keras.utils.to_categorical(labels, 2)
    m = tf.keras.Sequential([_dense(tf, 2, 10, activation="softmax", input_shape=(3,))])
    m.compile("sgd", "categorical_crossentropy")
    calls = []

    class Rec(tf.keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            calls.append("train_begin")

        def on_epoch_begin(self, epoch, logs=None):
            calls.append("epoch_begin %d" % epoch)

        def on_batch_begin(self, batch, logs=None):
            calls.append("batch_begin %d %s" % (batch, sorted(logs)))

        def on_batch_end(self, batch, logs=None):
            calls.append("batch_end %d %s" % (batch, sorted(logs)))

        def on_epoch_end(self, epoch, logs=None):
            calls.append("epoch_end %d %s" % (epoch, sorted(logs)))

        def on_train_end(self, logs=None):
            calls.append("train_end")

    np.random.seed(10)
    lam = tf.keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: calls.append("lambda %d" % epoch))
    stop = tf.keras.callbacks.EarlyStopping(monitor="loss", min_delta=10., patience=1)
    h = m.fit(x, y, batch_size=5, epochs=5, verbose=0, callbacks=[Rec(), lam, stop])
    return {"calls": calls, "epochs": h.epoch, "stopped": stop.stopped_epoch}


def _utils(tf):
    return {"cat": tf.keras.utils.to_categorical([[1], [0], [3]]),
            "cat4": tf.keras.utils.to_categorical(np.array([2, 0]), num_classes=4,
                                                   dtype="int32"),
            "norm": tf.keras.utils.normalize(np.array([[3., 4.], [0., 0.]])),
            "norm1": tf.keras.utils.normalize(np.array([[3., -1.]]), order=1)}


def _summary(tf):
    lines = []
    L = tf.keras.layers
    m = tf.keras.Sequential([L.Dense(64, activation="relu", input_shape=(784,)),
                             L.Dropout(0.2), L.Dense(10)])
    m.summary(print_fn=lines.append)
    a = L.Input((3,))
    b = L.Dense(2, name="o1")(a)
    c = L.Dense(1, name="o2")(a)
    d = L.concatenate([b, c])
    f = tf.keras.Model(a, [d, c])
    f.summary(print_fn=lines.append)
    g = tf.keras.Model(a, L.Dense(3)(L.Dense(4)(a)), name="chain")
    g.summary(print_fn=lines.append, line_length=80)
    return lines


def _subclassed(tf):
    class M(tf.keras.Model):
        def __init__(self):
            super(M, self).__init__()
            self.d1 = _dense(tf, 4, 11)
            self.d2 = _dense(tf, 2, 12)

        def call(self, x):
            return self.d2(tf.nn.relu(self.d1(x)))

    s = M()
    s.compile("sgd", "mse")
    x, _ = _data(n=10, seed=13)
    np.random.seed(14)
    h = s.fit(x, x[:, :2], verbose=0, epochs=2, batch_size=4)
    lines = []
    s.summary(print_fn=lines.append)
    t = tf.placeholder(tf.float32, (None, 3))
    return {"history": _hist(h), "name": s.name, "inputs": [t.name for t in s.inputs],
            "outputs": [o.name for o in s.outputs], "output_names": s.output_names,
            "weights": [w.name for w in s.weights], "layers": [x.name for x in s.layers],
            "summary": lines, "called": s(t).name, "predict": s.predict(x[:3])}


def _csv_logger(tf):
    import os
    import tempfile
    x, labels = _data(n=12, seed=15)
    y = tf.keras.utils.to_categorical(labels, 2)
    m = tf.keras.Sequential([_dense(tf, 2, 16, activation="softmax", input_shape=(3,))])
    m.compile("sgd", "categorical_crossentropy", metrics=["acc"])
    path = os.path.join(tempfile.mkdtemp(), "log.csv")
    np.random.seed(17)
    m.fit(x, y, batch_size=5, epochs=2, verbose=0, validation_split=0.25,
          callbacks=[tf.keras.callbacks.CSVLogger(path)])
    m.fit(x, y, batch_size=5, epochs=1, verbose=0,
          callbacks=[tf.keras.callbacks.CSVLogger(path, separator=";", append=True)])
    with open(path) as f:
        text = f.read()
    rows = [r.split(",") if "," in r else r.split(";") for r in text.splitlines()]
    return {"header": [r for r in rows if r[0] == "epoch"],
            "rows": [[float(v) for v in r] for r in rows if r[0] != "epoch"]}


def _lr_schedule(tf):
    x, labels = _data(n=12, seed=18)
    y = tf.keras.utils.to_categorical(labels, 2)
    out = {}
    for opt in ["sgd", "adam"]:
        m = tf.keras.Sequential([_dense(tf, 2, 19, activation="softmax", input_shape=(3,))])
        m.compile(opt, "categorical_crossentropy")
        np.random.seed(20)
        sched = tf.keras.callbacks.LearningRateScheduler(lambda e, lr: lr * 0.5 if e else lr)
        h = m.fit(x, y, batch_size=4, epochs=3, verbose=0, callbacks=[sched])
        out[opt] = _hist(h)
        out[opt + "_lr"] = float(tf.keras.backend.get_value(m.optimizer.lr))
        out[opt + "_lr_name"] = m.optimizer.lr.name
    return out


def _progbar(tf):
    import contextlib
    import io
    import re
    np.random.seed(0)
    m = tf.keras.Sequential([_dense(tf, 1, 21, input_shape=(2,))])
    m.compile("sgd", "mse", metrics=["mae"])
    x = np.arange(12, dtype="float32").reshape(6, 2) / 10
    y = np.ones((6, 1), "float32")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        m.fit(x, y, batch_size=2, epochs=2, validation_split=0.5, verbose=2)
        m.fit(x, y, batch_size=2, epochs=2, verbose=2)
        m.fit(x, y, batch_size=4, epochs=1, verbose=1)
    text = re.sub(r" - \d+s( \d+[mu]?s/sample)?", " - T", buf.getvalue())
    # the dynamic bar: the text after the last carriage return of each line
    return [line.split("\r")[-1] for line in text.split("\n")]


def _optimizers(tf):
    x, labels = _data(n=20, seed=22)
    y = tf.keras.utils.to_categorical(labels, 2)
    out = {}
    for opt in ["rmsprop", "adagrad", "adam", "sgd"]:
        m = tf.keras.Sequential([_dense(tf, 3, 23, activation="tanh", input_shape=(3,)),
                                 _dense(tf, 2, 24, activation="softmax")])
        m.compile(opt, "categorical_crossentropy", metrics=["acc"])
        np.random.seed(25)
        out[opt] = _hist(m.fit(x, y, batch_size=6, epochs=4, verbose=0))
    m = tf.keras.Sequential([_dense(tf, 2, 26, input_shape=(3,))])
    m.compile(tf.keras.optimizers.RMSprop(learning_rate=0.01, rho=0.8), "mse")
    np.random.seed(27)
    out["rmsprop_args"] = _hist(m.fit(x, y, batch_size=6, epochs=3, verbose=0))
    m = tf.keras.Sequential([_dense(tf, 2, 28, input_shape=(3,))])
    m.compile(tf.keras.optimizers.Adagrad(0.05, initial_accumulator_value=0.5), "mse")
    np.random.seed(29)
    out["adagrad_args"] = _hist(m.fit(x, y, batch_size=6, epochs=3, verbose=0))
    return out


def _plateau(tf):
    x, labels = _data(n=12, seed=30)
    y = tf.keras.utils.to_categorical(labels, 2)
    m = tf.keras.Sequential([_dense(tf, 2, 31, activation="softmax", input_shape=(3,))])
    m.compile(tf.keras.optimizers.SGD(0.5), "categorical_crossentropy")
    np.random.seed(32)
    cb = tf.keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1,
                                              min_delta=0.05, cooldown=1, min_lr=0.1)
    h = m.fit(x, y, batch_size=4, epochs=7, verbose=0, callbacks=[cb])
    return {"history": _hist(h), "lr": float(tf.keras.backend.get_value(m.optimizer.lr))}


def _multi_input(tf):
    L = tf.keras.layers
    np.random.seed(33)
    x1 = np.random.rand(20, 3).astype("float32")
    x2 = np.random.rand(20, 3).astype("float32")
    y = (x1.sum(1) > x2.sum(1)).astype("float32")[:, None]
    a = L.Input((3,), name="a")
    b = L.Input((3,), name="b")
    shared = _dense(tf, 4, 34, activation="relu",
                    kernel_regularizer=tf.keras.regularizers.l2(0.01))
    h = L.concatenate([shared(a), shared(b)])
    out = _dense(tf, 1, 35, activation="sigmoid", name="out")(h)
    m = tf.keras.Model([a, b], out)
    m.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    np.random.seed(36)
    h1 = m.fit([x1, x2], y, batch_size=8, epochs=3, verbose=0)
    h2 = m.fit({"a": x1, "b": x2}, {"out": y}, batch_size=8, epochs=2, verbose=0)
    return {"h1": _hist(h1), "h2": _hist(h2), "n_losses": len(m.losses),
            "layers": [x.name for x in m.layers], "inputs": [t.name for t in m.inputs],
            "predict": m.predict([x1[:4], x2[:4]]), "weights": [w.name for w in m.weights],
            "evaluate": m.evaluate([x1, x2], y, verbose=0)}


def _batchnorm(tf):
    L = tf.keras.layers
    x, labels = _data(n=16, seed=37)
    m = tf.keras.Sequential([_dense(tf, 4, 38, input_shape=(3,)), L.BatchNormalization(),
                             L.Activation("relu"), _dense(tf, 2, 39, activation="softmax")])
    m.compile("sgd", "sparse_categorical_crossentropy", metrics=["acc"])
    np.random.seed(40)
    h = m.fit(x, labels, batch_size=4, epochs=2, verbose=0)
    return {"history": _hist(h), "n_updates": len(m.updates),
            "bn": tf.keras.backend.get_session().run(m.layers[1].weights),
            "evaluate": m.evaluate(x, labels, verbose=0)}


def cases(tf):
    out = {}
    for name, fn in [("seq_fit", _seq_fit), ("functional", _functional),
                     ("weights", _weights), ("adam_batches", _adam_batches),
                     ("deferred", _deferred), ("callbacks", _callbacks),
                     ("utils", _utils), ("summary", _summary),
                     ("subclassed", _subclassed), ("csv_logger", _csv_logger),
                     ("lr_schedule", _lr_schedule), ("progbar", _progbar),
                     ("optimizers", _optimizers), ("plateau", _plateau),
                     ("multi_input", _multi_input), ("batchnorm", _batchnorm)]:
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = fn(tf)
    return out
