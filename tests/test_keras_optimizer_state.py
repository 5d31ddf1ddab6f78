"""Optimizer state in Keras HDF5 files against TF 1.14 (tests/golden/keras/
gen_optimizer_state.py): flowgrad writes TF's `optimizer_weights` group (names, order,
shapes, dtypes, values), loads the files TF 1.14 wrote and trains on with TF's numbers, and
TF 1.14 loads the files flowgrad wrote (flowgrad_h5/) and trains on with the numbers
flowgrad gets from them."""
import base64
import gzip
import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load, path
from test_layers import _compare

pytest.importorskip("h5py")
GOLD = load("keras", "optimizer_state")
GEN = generator("keras", "optimizer_state")
NAMES = [name for name, _ in GEN.optimizers(tf)]


def _graph(fn, *args):
    with tf.Graph().as_default():
        with tf.Session():
            return fn(*args)


@pytest.mark.parametrize("name", NAMES)
def test_flowgrad_writes_tf_optimizer_weights(name, tmp_path):
    make = dict(GEN.optimizers(tf))[name]
    target = str(tmp_path / "model.h5")
    names, values = _graph(GEN.train_and_save, tf, make(), target)
    want = GOLD[name]
    assert names == want["names"]
    _compare(values, want["values"], name)
    assert GEN.group_listing(target) == want["listing"]
    # the committed flowgrad file is what flowgrad writes today
    with gzip.open(path("keras", os.path.join("flowgrad_h5", name + ".h5.gz"))) as f:
        committed = tmp_path / "committed.h5"
        committed.write_bytes(f.read())
    assert GEN.group_listing(str(committed)) == want["listing"]


@pytest.mark.parametrize("name", NAMES)
def test_tf_file_loads_and_training_continues_as_tf(name, tmp_path):
    want = GOLD[name]
    target = tmp_path / "tf.h5"
    target.write_bytes(gzip.decompress(base64.b64decode(want["file"])))
    got = _graph(GEN.load_and_continue, tf, str(target))
    _compare(got["loaded_state"], want["values"], name + "/loaded")
    _compare(got, want["continued"], name)


@pytest.mark.parametrize("name", NAMES)
def test_flowgrad_file_continues_as_tf_continues_it(name, tmp_path):
    target = tmp_path / "fg.h5"
    with gzip.open(path("keras", os.path.join("flowgrad_h5", name + ".h5.gz"))) as f:
        target.write_bytes(f.read())
    got = _graph(GEN.load_and_continue, tf, str(target))
    _compare(got, GOLD["from_flowgrad_" + name], name)


def test_mismatched_state_warns_and_starts_fresh(tmp_path, caplog):
    want = GOLD["adam"]
    target = tmp_path / "tf.h5"
    target.write_bytes(gzip.decompress(base64.b64decode(want["file"])))
    import h5py
    with h5py.File(str(target), "a") as f:   # drop one slot: the count no longer matches
        g = f["optimizer_weights"]
        g.attrs["weight_names"] = g.attrs["weight_names"][:-1]
    with tf.Graph().as_default():
        with tf.Session():
            m = tf.keras.models.load_model(str(target))
            state = m.optimizer.get_weights()
    assert "Error in loading the saved optimizer state" in caplog.text
    assert int(state[0]) == 0 and not np.any(state[1])
