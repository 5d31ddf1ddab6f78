"""tf.contrib.keras: every name TF 1.14's contrib.keras exports as tf.keras's own object is
flowgrad's tf.keras object (where flowgrad has it); the names whose TF objects differ from
tf.keras's are TF's (backend.name_scope, metrics.cosine_similarity,
utils.squeeze_or_expand_dimensions, the Keras v1 optimizer classes: tests/
test_keras_optimizers_v1.py) or absent with a clear error (TF 2's TensorBoard callback).
Goldens api/contrib_keras."""
import importlib
import re

import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("api", "contrib_keras")
ABSENT = {"callbacks.TensorBoard"}
V1_OPTIMIZERS = {"optimizers." + n for n in ("Adadelta", "Adagrad", "Adam", "Adamax", "Nadam",
                                             "Optimizer", "RMSprop", "SGD")}


def _get(root, path):
    obj = root
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def test_names_are_tf_keras_objects_as_in_tf():
    checked = 0
    for path, identical in GOLD["identical"].items():
        if path in ABSENT:
            with pytest.raises(AttributeError, match="does not implement"):
                _get(tf.contrib.keras, path)
            continue
        got = _get(tf.contrib.keras, path)
        if path in V1_OPTIMIZERS:   # TF 1.14's keras/optimizers.py classes, not tf.keras's
            assert not identical and got.__module__ == "flowgrad.keras.optimizers_v1", path
            continue
        if identical:
            assert got is _get(tf.keras, path), path
            checked += 1
    assert checked > 390


def test_modules_are_the_api_keras_modules():
    for name in dir(tf.contrib.keras):
        if name != "api":
            assert getattr(tf.contrib.keras, name) is getattr(tf.contrib.keras.api.keras, name)
    mod = importlib.import_module("flowgrad.contrib.keras.api.keras.datasets.mnist")
    assert tf.contrib.keras.datasets.mnist is mod
    with pytest.raises(AttributeError, match="does not implement"):
        tf.contrib.keras.engine


def test_differing_names_are_tfs():
    assert tf.contrib.keras.metrics.cosine_similarity is tf.keras.losses.cosine_similarity
    from flowgrad.keras._losses_utils import squeeze_or_expand_dimensions
    assert tf.contrib.keras.utils.squeeze_or_expand_dimensions is squeeze_or_expand_dimensions
    scope = tf.contrib.keras.backend.name_scope
    with tf.Graph().as_default():
        with scope("outer") as a:
            with scope("inner") as b:
                c = tf.constant(1.0).name
            with scope("outer") as d:
                pass
        assert [a, b, c, d] == GOLD["scopes"]
        want = GOLD["non_string"]
        with pytest.raises(ValueError, match=re.escape(want.message)):
            scope(3)
    assert want.cls == "ValueError"
