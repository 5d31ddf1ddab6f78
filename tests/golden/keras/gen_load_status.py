"""TF 1.14's graph-mode load_weights of a TF-format checkpoint returns a load status: a
trained Adam model's checkpoint loaded into a model not compiled (its optimizer's values
unresolved: assert_consumed fails, assert_existing_objects_matched passes), into a model
trained the same way (everything consumed), and the AssertionError of a checkpoint that
matches nothing."""
import os
import shutil
import tempfile

import numpy as np

X = np.linspace(-1, 1, 12).reshape(4, 3).astype("float32")
Y = np.ones((4, 2), "float32")


def _model(tf, name="d"):
    return tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,), name=name,
                                                      kernel_initializer="ones")])


def _checks(status):
    out = []
    for check in ("assert_existing_objects_matched", "assert_consumed",
                  "assert_nontrivial_match"):
        try:
            getattr(status, check)()
            out.append(None)
        except AssertionError as e:
            out.append(type(e).__name__)
    return out


def run(tf):
    d = tempfile.mkdtemp()
    out = {}
    try:
        path = os.path.join(d, "w")
        with tf.Graph().as_default():
            with tf.Session():
                model = _model(tf)
                model.compile(tf.keras.optimizers.Adam(0.1), "mse")
                model.fit(X, Y, epochs=2, batch_size=2, verbose=0, shuffle=False)
                model.save_weights(path)
                out["saved"] = model.get_weights()
        with tf.Graph().as_default():
            with tf.Session():
                fresh = _model(tf)
                out["uncompiled"] = _checks(fresh.load_weights(path))
                out["uncompiled_weights"] = fresh.get_weights()
        with tf.Graph().as_default():
            with tf.Session():
                trained = _model(tf)
                trained.compile(tf.keras.optimizers.Adam(0.1), "mse")
                trained.fit(X, Y, epochs=1, batch_size=4, verbose=0)
                out["trained"] = _checks(trained.load_weights(path))
                out["trained_weights"] = trained.get_weights()
                out["optimizer_weights"] = trained.optimizer.get_weights()
        with tf.Graph().as_default():
            with tf.Session():
                other = tf.keras.Sequential([tf.keras.layers.Dropout(0.5, input_shape=(3,))])
                try:
                    other.load_weights(path)
                    out["nothing"] = None
                except AssertionError as e:
                    out["nothing"] = type(e).__name__
    finally:
        shutil.rmtree(d)
    return out


def cases(tf):
    return {"status": run(tf)}
