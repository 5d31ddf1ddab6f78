"""TF 1.14's tf.keras fit/evaluate/predict on data that is not NumPy arrays, in graph
mode: tf.data datasets (known, repeated and unknown sizes, sample weights as a third
element, validation datasets), iterators' tensors with steps_per_epoch, Python
generators and keras.utils.Sequence (fit_generator, evaluate_generator,
predict_generator), initial_epoch, and the errors of wrong step counts."""
import contextlib
import io
import random
import re

import numpy as np


def _data(n=20, d=3, seed=0):
    np.random.seed(seed)
    x = np.random.rand(n, d).astype("float32")
    y = np.eye(2, dtype="float32")[np.random.randint(0, 2, n)]
    return x, y


def _model(tf, seed):
    init = tf.keras.initializers.glorot_uniform
    m = tf.keras.Sequential([
        tf.keras.layers.Dense(4, activation="tanh", input_shape=(3,),
                              kernel_initializer=init(seed=seed)),
        tf.keras.layers.Dense(2, activation="softmax", kernel_initializer=init(seed=seed + 1))])
    m.compile(tf.keras.optimizers.SGD(0.5), "categorical_crossentropy", metrics=["acc"])
    return m


def _hist(h):
    return {k: [float(v) for v in vals] for k, vals in sorted(h.history.items())}


class _Rec(object):
    pass


def _recorder(tf, calls):
    class Rec(tf.keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            calls.append("epoch_begin %d" % epoch)

        def on_batch_end(self, batch, logs=None):
            calls.append("batch_end %d size=%s" % (batch, logs.get("size")))

        def on_epoch_end(self, epoch, logs=None):
            calls.append("epoch_end %d %s" % (epoch, sorted(logs)))

        def on_test_batch_end(self, batch, logs=None):
            calls.append("test_batch_end %d" % batch)
    return Rec()


def _dataset_fit(tf):
    x, y = _data()
    m = _model(tf, 1)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(6)
    calls = []
    h = m.fit(ds, epochs=3, verbose=0, callbacks=[_recorder(tf, calls)])
    return {"history": _hist(h), "calls": calls, "params": h.params["steps"],
            "evaluate": m.evaluate(tf.data.Dataset.from_tensor_slices((x, y)).batch(7),
                                   verbose=0),
            "predict": m.predict(tf.data.Dataset.from_tensor_slices(x[:5]).batch(2)),
            "predict_steps": m.predict(tf.data.Dataset.from_tensor_slices(x).batch(4),
                                       steps=2)}


def _dataset_repeat(tf):
    x, y = _data(seed=1)
    m = _model(tf, 3)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(4).repeat()
    val = tf.data.Dataset.from_tensor_slices((x[:8], y[:8])).batch(3)
    calls = []
    h = m.fit(ds, epochs=2, steps_per_epoch=3, verbose=0, validation_data=val,
              callbacks=[_recorder(tf, calls)])
    h2 = m.fit(ds, epochs=2, steps_per_epoch=2, verbose=0, validation_data=ds,
               validation_steps=2)
    return {"history": _hist(h), "calls": calls, "h2": _hist(h2),
            "evaluate": m.evaluate(ds, steps=3, verbose=0)}


def _dataset_weights(tf):
    x, y = _data(seed=2)
    w = np.linspace(0.2, 2.0, 20).astype("float32")
    m = _model(tf, 5)
    ds = tf.data.Dataset.from_tensor_slices((x, y, w)).batch(5)
    h = m.fit(ds, epochs=2, verbose=0)
    return {"history": _hist(h), "evaluate": m.evaluate(ds, verbose=0)}


def _dataset_unknown(tf):
    x, y = _data(seed=3)
    m = _model(tf, 7)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).filter(
        lambda a, b: a[0] > 0.2).batch(4)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        h = m.fit(ds, epochs=2, verbose=2)
    text = re.sub(r" - \d+s( \d+[mu]?s/step)?", " - T", buf.getvalue())
    return {"history": _hist(h), "out": text.splitlines()}


def _dataset_errors(tf):
    x, y = _data(seed=4)
    m = _model(tf, 9)
    out = {}
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(5)
    for name, kw in [("infinite", dict(x=ds.repeat())),
                     ("too_many", dict(x=ds, steps_per_epoch=5)),
                     ("too_many_epochs", dict(x=ds, steps_per_epoch=3, epochs=2)),
                     ("with_y", dict(x=ds, y=y)),
                     ("split", dict(x=ds, validation_split=0.5))]:
        try:
            m.fit(verbose=0, **kw)
            out[name] = "ok"
        except ValueError as e:
            out[name] = re.sub(r"<[^>]*>|0x[0-9a-f]+", "X", str(e))[:200]
    try:
        m.fit_generator((b for b in [(x, y)]), verbose=0)
    except ValueError as e:
        out["gen_steps"] = str(e)
    return out


def _tensors(tf):
    x, y = _data(seed=5)
    m = _model(tf, 11)
    it = tf.data.Dataset.from_tensor_slices((x, y)).batch(5).repeat() \
        .make_one_shot_iterator()
    xt, yt = it.get_next()
    h = m.fit(xt, yt, steps_per_epoch=2, epochs=2, verbose=0)
    out = {"history": _hist(h), "evaluate": m.evaluate(xt, yt, steps=2, verbose=0)}
    try:
        m.fit(xt, yt, epochs=1, verbose=0)
    except ValueError as e:
        out["no_steps"] = str(e)
    return out


def _generator(tf):
    x, y = _data(n=24, seed=6)
    m = _model(tf, 13)

    def gen():
        i = 0
        while True:
            s = slice(i % 20, i % 20 + 5)
            yield x[s], y[s]
            i += 5
    calls = []
    h = m.fit_generator(gen(), steps_per_epoch=3, epochs=3, verbose=0,
                        validation_data=(x[:10], y[:10]), callbacks=[_recorder(tf, calls)],
                        initial_epoch=1, class_weight={0: 1.0, 1: 2.0})
    ev = m.evaluate_generator(gen(), steps=2)
    pr = m.predict_generator((x[i:i + 3] for i in range(0, 9, 3)), steps=3)
    m2 = _model(tf, 14)
    h2 = m2.fit(gen(), steps_per_epoch=2, epochs=1, verbose=0)
    return {"history": _hist(h), "calls": calls, "evaluate": ev, "predict": pr,
            "h2": _hist(h2)}


def _sequence(tf):
    x, y = _data(n=16, seed=7)

    class Seq(tf.keras.utils.Sequence):
        def __len__(self):
            return 4

        def __getitem__(self, i):
            return x[i * 4:(i + 1) * 4], y[i * 4:(i + 1) * 4]

    m = _model(tf, 15)
    random.seed(3)
    h = m.fit_generator(Seq(), epochs=2, verbose=0, shuffle=False, workers=0)
    h2 = m.fit_generator(Seq(), epochs=2, verbose=0, validation_data=Seq(), workers=0)
    return {"history": _hist(h), "h2": _hist(h2),
            "evaluate": m.evaluate_generator(Seq()), "predict": m.predict_generator(Seq()),
            "predict_fit": m.predict(Seq()), "evaluate_fit": m.evaluate(Seq(), verbose=0),
            "h3": _hist(m.fit(Seq(), epochs=1, verbose=0, workers=0))}


def _initial_epoch(tf):
    x, y = _data(seed=8)
    m = _model(tf, 17)
    np.random.seed(9)
    calls = []
    h = m.fit(x, y, batch_size=8, epochs=3, initial_epoch=1, verbose=0,
              callbacks=[_recorder(tf, calls)])
    return {"history": _hist(h), "epoch": h.epoch, "calls": calls}


def _validation_freq(tf):
    x, y = _data(n=16, seed=12)
    m = _model(tf, 23)
    np.random.seed(13)
    calls = []
    out = {}
    # every second epoch; the epochs of a list (1-based); arrays, a dataset, a generator
    out["int"] = _hist(m.fit(x, y, batch_size=8, epochs=4, verbose=0, validation_freq=2,
                             validation_split=0.25, callbacks=[_recorder(tf, calls)]))
    out["list"] = _hist(m.fit(x, y, batch_size=8, epochs=3, verbose=0, validation_freq=[1, 3],
                              validation_data=(x[:6], y[:6]), shuffle=False))
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
    out["dataset"] = _hist(m.fit(ds, epochs=3, verbose=0, validation_data=ds,
                                 validation_freq=(2,)))

    def gen():
        while True:
            yield x[:8], y[:8]
    out["generator"] = _hist(m.fit_generator(gen(), steps_per_epoch=2, epochs=2, verbose=0,
                                             validation_data=(x[8:], y[8:]),
                                             validation_freq=2))
    out["calls"] = calls
    for bad in (0, 1.5, "2"):
        try:
            m.fit(x, y, epochs=1, verbose=0, validation_split=0.5, validation_freq=bad)
            out["bad %r" % (bad,)] = "no error"
        except (ValueError, TypeError) as e:
            out["bad %r" % (bad,)] = "%s: %s" % (type(e).__name__, e)
    # without validation data the frequency is not looked at
    out["unused"] = _hist(m.fit(x, y, epochs=1, verbose=0, shuffle=False, validation_freq=0))
    return out


def _steps_arrays(tf):
    # NumPy arrays with a step count: every step feeds the whole arrays
    x, y = _data(n=12, seed=14)
    m = _model(tf, 25)
    calls = []
    out = {"fit": _hist(m.fit(x, y, steps_per_epoch=3, epochs=2, verbose=0,
                              callbacks=[_recorder(tf, calls)]))}
    out["calls"] = calls
    out["evaluate"] = m.evaluate(x, y, steps=2, verbose=0)
    out["predict"] = m.predict(x, steps=2)
    out["val_data"] = _hist(m.fit(x, y, steps_per_epoch=2, epochs=2, verbose=0,
                                  validation_data=(x[:4], y[:4]), validation_steps=1))
    out["val_split"] = _hist(m.fit(x, y, steps_per_epoch=2, epochs=1, verbose=0,
                                   validation_split=0.25, validation_steps=2))
    # weighted (a fresh model: TF 1.14 keeps a test function made without sample weights)
    m2 = _model(tf, 27)
    out["val_split_weights"] = _hist(m2.fit(x, y, steps_per_epoch=2, epochs=1, verbose=0,
                                            validation_split=0.25, validation_steps=2,
                                            sample_weight=np.arange(12.0),
                                            class_weight={0: 1., 1: 3.}))
    try:
        m.fit(x, y, steps_per_epoch=1, epochs=1, verbose=0, validation_data=(x, y))
        out["no_val_steps"] = "no error"
    except TypeError as e:
        out["no_val_steps"] = str(e).split(" (")[0]
    return out


def _shuffle_batch(tf):
    x, y = _data(n=14, seed=15)
    m = _model(tf, 29)
    np.random.seed(16)
    seen = []

    class Rec(tf.keras.callbacks.Callback):
        def on_batch_end(self, batch, logs=None):
            seen.append(float(logs["loss"]))
    h = m.fit(x, y, batch_size=4, epochs=3, verbose=0, shuffle="batch", callbacks=[Rec()],
              validation_data=(x[:5], y[:5]))
    return {"history": _hist(h), "batch_losses": seen}


def _progbar_steps(tf):
    x, y = _data(seed=10)
    m = _model(tf, 19)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        m.fit(ds, epochs=2, verbose=2)
        m.fit(ds, epochs=1, verbose=1)
    text = re.sub(r" - \d+s( \d+[mu]?s/step)?", " - T", buf.getvalue())
    return [line.split("\r")[-1] for line in text.split("\n")]


def _progbar_eval(tf):
    x, y = _data(n=10, seed=11)
    m = _model(tf, 21)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print(m.evaluate(x, y, batch_size=4))
        print(m.evaluate(x, y, batch_size=4, verbose=2))
        print(m.predict(x, batch_size=4, verbose=1).shape)
        print(m.evaluate(tf.data.Dataset.from_tensor_slices((x, y)).batch(4)))
        print(m.predict(tf.data.Dataset.from_tensor_slices(x).batch(3), verbose=2).shape)
    text = re.sub(r" - \d+s( \d+[mu]?s/(step|sample))?", " - T", buf.getvalue())
    text = re.sub(r"\[[0-9.e-]+, [0-9.e-]+\]", "[values]", text)
    return [line.split("\r")[-1] for line in text.split("\n")]


def cases(tf):
    out = {}
    for name, fn in [("dataset_fit", _dataset_fit), ("dataset_repeat", _dataset_repeat),
                     ("dataset_weights", _dataset_weights),
                     ("dataset_unknown", _dataset_unknown),
                     ("dataset_errors", _dataset_errors), ("tensors", _tensors),
                     ("generator", _generator), ("sequence", _sequence),
                     ("initial_epoch", _initial_epoch), ("progbar_steps", _progbar_steps),
                     ("validation_freq", _validation_freq), ("steps_arrays", _steps_arrays),
                     ("shuffle_batch", _shuffle_batch),
                     ("progbar_eval", _progbar_eval)]:
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = fn(tf)
    return out
