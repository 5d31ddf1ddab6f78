"""tf.contrib.keras.optimizers' Keras v1 optimizer classes against TF 1.14
(tests/golden/keras/gen_optimizers_v1.py): Model.fit histories and weights, the
optimizer's weights, variables and ops, get_updates in a plain graph, configs, errors,
tf.keras.optimizers.get / deserialize, and an HDF5 save / load_model round trip."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from goldenio import GoldenError  # noqa: E402 - on sys.path once goldens is imported

GOLD = load("keras", "optimizers_v1")
GEN = generator("keras", "optimizers_v1")
MAKERS = GEN._makers(tf)
NAMES = [name for name, _ in MAKERS]


def _compare(got, want, path="", rtol=1e-6, atol=1e-7):
    if isinstance(want, GoldenError):
        assert isinstance(got, Exception), path
        assert (type(got).__name__, str(got)) == (want.cls, want.message), path
    elif isinstance(want, dict):
        assert sorted(got) == sorted(want), path
        for k in want:
            _compare(got[k], want[k], f"{path}/{k}", rtol, atol)
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), path
        for i, (a, b) in enumerate(zip(got, want)):
            _compare(a, b, f"{path}[{i}]", rtol, atol)
    elif isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=path)
        if isinstance(want, np.ndarray) and isinstance(got, np.ndarray):
            assert got.dtype == want.dtype, path
    elif isinstance(want, float):
        assert got == pytest.approx(want, rel=rtol, abs=atol), path
    else:
        assert got == want, path


@pytest.mark.parametrize("case", NAMES)
def test_fit(case):
    seed = NAMES.index(case)
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._fit(tf, dict(MAKERS)[case](), seed=seed)
    if case in GEN.RACY:   # TF's values change from run to run: the structure only
        got = GEN._no_values(got)
    # the model's forward and backward pass differ from TF's in the last bits
    _compare(got, GOLD["fit_" + case], case, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("case", NAMES)
def test_get_updates(case):
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._get_updates(tf, dict(MAKERS)[case]())
    if case in GEN.RACY:
        got = GEN._no_values(got)
    _compare(got, GOLD["updates_" + case], case, rtol=0, atol=0)   # bit for bit


def test_errors():
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._errors(tf)
    _compare(got, GOLD["errors"], "errors")


def test_configs_and_get():
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._configs(tf)
    want = GOLD["configs"]
    # flowgrad's modules: keras/optimizers.py holds the OptimizerV2 classes
    # (TF's optimizer_v2/adam.py ...), keras/optimizers_v1.py TF's keras/optimizers.py
    modules = {"optimizers": "optimizers_v1", "adam": "optimizers", "nadam": "optimizers",
               "gradient_descent": "optimizers", "adadelta": "optimizers",
               "adagrad": "optimizers", "adamax": "optimizers", "rmsprop": "optimizers"}
    for key, value in list(want.items()):
        if isinstance(value, list) and (key.endswith("_deserialize") or key.startswith("get_")):
            value = [modules[value[0]]] + list(value[1:])
        elif key in ("keras_Adam", "contrib_Adam"):
            value = modules[value]
        want[key] = value
    _compare(got, want, "configs")


def test_save_load_model():
    with tf.Graph().as_default():
        with tf.Session():
            got = GEN._save_load(tf)
    want = dict(GOLD["save_load"])
    want["loaded"] = ["optimizers", want["loaded"][1]]   # flowgrad's OptimizerV2 module
    import json
    got["training_config"] = json.loads(got["training_config"])
    want["training_config"] = json.loads(want["training_config"])
    _compare(got, want, "save_load", rtol=2e-6, atol=1e-7)


def test_classes_are_not_tf_keras_optimizers():
    opts = tf.contrib.keras.optimizers
    assert not issubclass(opts.Adam, tf.keras.optimizers.Optimizer)
    assert tf.keras.optimizers.Adam is not opts.Adam
