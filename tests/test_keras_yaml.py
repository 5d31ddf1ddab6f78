"""Keras models' YAML against TF 1.14 (tests/golden/keras/gen_yaml.py), and the
ImportError without PyYAML (the `yaml` extra)."""
import sys

import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("keras", "yaml")
GOLDEN = goldens.load("keras", "yaml")
GOT = {}


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    pytest.importorskip("yaml")   # the `yaml` extra (in `test`)
    if not GOT:
        GOT.update(gen.cases(tf))
    assert GOT[key] == GOLDEN[key]


def test_without_pyyaml_import_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "yaml", None)
    with tf.Graph().as_default():
        model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])
        # TF 1.14's message, then flowgrad's extra
        with pytest.raises(ImportError, match=r"^Requires yaml module installed "
                           r"\(`pip install pyyaml`\)\. \(pip install 'flowgrad\[yaml\]'\)"):
            model.to_yaml()
        with pytest.raises(ImportError, match=r"flowgrad\[yaml\]"):
            tf.keras.models.model_from_yaml("class_name: Sequential")
