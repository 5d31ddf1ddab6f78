"""TF 1.14's keras ModelCheckpoint(load_weights_on_restart=True): which file it picks at
the start of fit() (tf.train.latest_checkpoint when its name matches, else the matching
file modified last; ties: the largest name), that a TF-format prefix (no file of that
name) or a missing file loads nothing, and the ValueError naming a bad file.
(Loading an HDF5 file is not run here: the oracle's h5py 3 breaks TF 1.14's HDF5
reader; tests/test_keras_ckpt_restart.py checks flowgrad loads the file picked.)"""
from __future__ import absolute_import

import os
import shutil
import tempfile

import numpy as np

X = np.arange(12, dtype=np.float32).reshape(6, 2) / 10.0
Y = np.array([[1.0], [0.0], [1.0], [0.5], [0.0], [1.0]], dtype=np.float32)


def model(tf, k):
    m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])
    m.compile(tf.keras.optimizers.SGD(0.0), "mse")
    m.set_weights([np.full((2, 1), k, np.float32), np.full((1,), -k, np.float32)])
    return m


def fit(tf, m, cb):
    m.fit(X, Y, epochs=1, batch_size=6, verbose=0, callbacks=[cb])
    return [w.tolist() for w in m.get_weights()]


def touch(d, name, t):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(b"x")
    os.utime(path, (t, t))


def pick(tf, d, pattern):
    cb = tf.keras.callbacks.ModelCheckpoint(os.path.join(d, pattern),
                                            load_weights_on_restart=True)
    p = cb._get_most_recently_modified_file_matching_pattern(os.path.join(d, pattern))
    return None if p is None else os.path.relpath(p, d)


def picks(tf, d):
    out = {}
    touch(d, "w.01.h5", 1500000000)
    touch(d, "w.02.h5", 1200000000)
    touch(d, "w.10.h5", 1100000000)
    touch(d, "other.h5", 1900000000)
    out["latest"] = pick(tf, d, "w.{epoch:02d}.h5")
    out["exact"] = pick(tf, d, "w.02.h5")
    out["none"] = pick(tf, d, "v.{epoch}.h5")
    out["no_dir"] = pick(tf, d, os.path.join("nodir", "w.{epoch}.h5"))
    touch(d, "w.01.h5", 1100000000)
    touch(d, "w.02.h5", 1100000000)
    out["tie_largest"] = pick(tf, d, "w.{epoch:02d}.h5")
    out["two_fields"] = pick(tf, d, "w.{epoch:01d}{batch}.h5")
    return out


def programs(tf, d):
    out = {"picks": picks(tf, d)}
    g = tf.Graph()
    with g.as_default(), tf.Session(graph=g).as_default():
        tfd = os.path.join(d, "tf")
        os.makedirs(tfd)
        model(tf, 1.0).save_weights(os.path.join(tfd, "ck.1"))
        out["tf_format_pick"] = pick(tf, tfd, "ck.{epoch}")
        out["tf_format_fit"] = fit(tf, model(tf, 9.0), tf.keras.callbacks.ModelCheckpoint(
            os.path.join(tfd, "ck.{epoch}"), load_weights_on_restart=True,
            save_weights_only=True, save_freq=10 ** 6))
        out["off"] = fit(tf, model(tf, 9.0), tf.keras.callbacks.ModelCheckpoint(
            os.path.join(d, "w.{epoch:02d}.h5"), save_weights_only=True, save_freq=10 ** 6))
        out["missing"] = fit(tf, model(tf, 9.0), tf.keras.callbacks.ModelCheckpoint(
            os.path.join(d, "none", "q.h5"), load_weights_on_restart=True,
            save_weights_only=True, save_freq=10 ** 6))
        bad = os.path.join(d, "bad.h5")
        with open(bad, "wb") as f:
            f.write(b"not hdf5")
        try:
            fit(tf, model(tf, 9.0), tf.keras.callbacks.ModelCheckpoint(
                bad, load_weights_on_restart=True, save_weights_only=True,
                save_freq=10 ** 6))
            out["bad"] = "no error"
        except ValueError as e:
            out["bad"] = str(e).split(" Reason:")[0].replace(d, "DIR")
    return out


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        return programs(tf, d)
    finally:
        shutil.rmtree(d)
