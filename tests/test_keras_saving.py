"""Keras HDF5 files against TF 1.14 (tests/golden/keras/gen_saving.py): flowgrad writes
TF's layout (attributes, groups, weight names, configs) and loads files TF wrote."""
import base64
import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

h5py = pytest.importorskip("h5py")
GOLD = load("keras", "saving")["save"]
GEN = generator("keras", "saving")


def _run():
    with tf.Graph().as_default():
        with tf.Session():
            return GEN._save(tf)


def test_written_files_have_tf_layout():
    got = _run()
    for key in ("json", "root", "listing", "wroot", "wlisting", "loss", "metrics",
                "optimizer"):
        _compare(got[key], GOLD[key], key)
    _compare(got["predict"], GOLD["predict"], "predict")
    _compare(got["evaluate"], GOLD["evaluate"], "evaluate")


def test_model_checkpoint():
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._checkpoint(tf)
    _compare(got, load("keras", "saving")["checkpoint"], "checkpoint")


def test_tensorboard_events():
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._tensorboard(tf)
    _compare(got, load("keras", "saving")["tensorboard"], "tensorboard")


def test_early_stopping_restores_best_weights():
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._restore_best(tf)
    _compare(got, load("keras", "saving")["restore_best"], "restore_best")


def test_functional_model_config_and_files(tmp_path):
    gold = load("keras", "saving")["functional"]
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._functional(tf)
    for key in ("json", "root", "listing", "predict", "weights"):
        _compare(got[key], gold[key], key)
    path = os.path.join(str(tmp_path), "tf_functional.h5")
    with open(path, "wb") as f:
        f.write(base64.b64decode(gold["h5"]))
    with tf.Graph().as_default():
        m = tf.keras.models.load_model(path)
        _compare(m.predict([gold["x1"], gold["x2"]]), gold["predict"], "loaded")
        assert m.metrics_names == ["loss", "out_loss", "aux_loss"]


def _write(tmp_path, key, name):
    path = os.path.join(str(tmp_path), name)
    with open(path, "wb") as f:
        f.write(base64.b64decode(GOLD[key]))
    return path


def test_load_model_written_by_tf(tmp_path):
    path = _write(tmp_path, "h5", "tf.h5")
    with tf.Graph().as_default():
        m = tf.keras.models.load_model(path)
        np.testing.assert_allclose(m.predict(GOLD["x"]), GOLD["predict"], rtol=1e-5,
                                   atol=1e-6)
        assert m.metrics_names == ["loss", "acc"]
        assert type(m.optimizer).__name__ == "SGD"
        _compare(__import__("json").loads(m.to_json()), GOLD["json"], "json")


def test_load_weights_written_by_tf(tmp_path):
    path = _write(tmp_path, "weights_h5", "w.h5")
    with tf.Graph().as_default():
        m = GEN._model(tf)
        m.load_weights(path)
        np.testing.assert_allclose(m.predict(GOLD["x"]), GOLD["predict"], rtol=1e-5,
                                   atol=1e-6)
    with tf.Graph().as_default():
        m = GEN._model(tf)
        m.load_weights(path, by_name=True)
        np.testing.assert_allclose(m.predict(GOLD["x"]), GOLD["predict"], rtol=1e-5,
                                   atol=1e-6)
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(4, input_shape=(3,))])
        with pytest.raises(ValueError, match="containing 2 layers into a model with 1 "
                                             "layers"):
            m.load_weights(path)


def test_round_trip_keeps_optimizer_state(tmp_path):
    path = os.path.join(str(tmp_path), "m.h5")
    x = np.random.RandomState(0).rand(8, 3).astype("float32")
    y = np.eye(2, dtype="float32")[[0, 1] * 4]
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,),
                                                       activation="softmax")])
        m.compile("adam", "categorical_crossentropy")
        m.fit(x, y, verbose=0, shuffle=False)
        m.save(path)
        state = m.optimizer.get_weights()
        m.fit(x, y, verbose=0, shuffle=False)
        after = m.predict(x)
    with tf.Graph().as_default():
        m2 = tf.keras.models.load_model(path)
        for a, b in zip(m2.optimizer.get_weights(), state):
            np.testing.assert_array_equal(a, b)
        m2.fit(x, y, verbose=0, shuffle=False)
        np.testing.assert_allclose(m2.predict(x), after, rtol=1e-6)


def test_model_from_json_and_config():
    with tf.Graph().as_default():
        m = GEN._model(tf)
        m2 = tf.keras.models.model_from_json(m.to_json())
        assert [layer.name for layer in m2.layers] == ["dense", "dropout", "dense_1"]
        m3 = tf.keras.Sequential.from_config(m.get_config())
        assert len(m3.weights) == 4
    with pytest.raises(ValueError, match="Unknown layer: Nope"):
        tf.keras.models.model_from_config({"class_name": "Nope", "config": {}})


def test_tf_format_weights(tmp_path):
    gold = load("keras", "saving")["tf_format"]
    d = os.path.join(str(tmp_path), "from_tf")
    os.makedirs(d)
    for name, blob in gold["files"].items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(base64.b64decode(blob))
    with tf.Graph().as_default():
        L = tf.keras.layers
        m = tf.keras.Sequential([L.Embedding(6, 3, input_length=4),
                                 L.Bidirectional(L.LSTM(2)), L.Dropout(0.0),
                                 L.Dense(2, activation="softmax")])
        m.load_weights(os.path.join(d, "weights"))
        _compare(m.predict(gold["x"]), gold["predict"], "predict")
        out = os.path.join(str(tmp_path), "mine", "weights")
        m.save_weights(out)
        keys = [k for k, _ in tf.train.list_variables(out)]
        want = [k for k in gold["keys"]
                if not k.startswith("optimizer/") and ".OPTIMIZER_SLOT" not in k]
        assert keys == want
        with open(os.path.join(os.path.dirname(out), "checkpoint")) as f:
            assert f.read() == 'model_checkpoint_path: "weights"\n' \
                'all_model_checkpoint_paths: "weights"\n'
    with tf.Graph().as_default():
        m2 = tf.keras.Sequential([tf.keras.layers.Embedding(6, 3, input_length=4),
                                  tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(2)),
                                  tf.keras.layers.Dropout(0.0),
                                  tf.keras.layers.Dense(2, activation="softmax")])
        m2.load_weights(out)
        _compare(m2.predict(gold["x"]), gold["predict"], "round trip")


def test_save_formats_as_tf():
    # graph mode: save_format='tf' refused with TF's message, other values written as
    # HDF5 (TF 1.14 sets save_format to 'h5'), a subclassed model refused
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._save_formats(tf)
    _compare(got, load("keras", "saving")["save_formats"], "save_formats")
