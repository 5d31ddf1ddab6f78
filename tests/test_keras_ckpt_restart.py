"""keras ModelCheckpoint(load_weights_on_restart=True) against TF 1.14
(tests/golden/keras/gen_ckpt_restart.py), and flowgrad loading the HDF5 file it picks."""
import os

import numpy as np
import pytest

from goldens import generator, load
from test_data import _same

import flowgrad as tf

pytest.importorskip("h5py")
G = generator("keras", "ckpt_restart")
GOLD = load("keras", "ckpt_restart")


def test_load_weights_on_restart_as_tf(tmp_path):
    got = G.programs(tf, str(tmp_path))
    assert sorted(got) == sorted(GOLD)
    for k in sorted(GOLD):
        _same(got[k], GOLD[k])


def test_loads_the_latest_hdf5_file(tmp_path):
    d = str(tmp_path)
    with tf.Graph().as_default(), tf.Session().as_default():
        for k, name, t in ((1.0, "w.01.h5", 1500000000), (2.0, "w.02.h5", 1200000000)):
            G.model(tf, k).save_weights(os.path.join(d, name))
            os.utime(os.path.join(d, name), (t, t))
        got = G.fit(tf, G.model(tf, 9.0), tf.keras.callbacks.ModelCheckpoint(
            os.path.join(d, "w.{epoch:02d}.h5"), load_weights_on_restart=True,
            save_weights_only=True, save_freq=10 ** 6))
        assert got == [[[1.0], [1.0]], [-1.0]]
        os.utime(os.path.join(d, "w.02.h5"), (1600000000, 1600000000))
        got = G.fit(tf, G.model(tf, 9.0), tf.keras.callbacks.ModelCheckpoint(
            os.path.join(d, "w.{epoch:02d}.h5"), load_weights_on_restart=True,
            save_weights_only=True, save_freq=10 ** 6))
        assert np.allclose(got[0], 2.0) and np.allclose(got[1], -2.0)
