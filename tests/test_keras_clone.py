"""tf.keras.models.clone_model against TF 1.14 (tests/golden/keras/gen_clone.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "clone")
GEN = generator("keras", "clone")


def test_clone_model_as_tf():
    _compare(GEN.cases(tf), GOLD)


def test_clone_model_unsupported_arguments_name_themselves():
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
        with pytest.raises(NotImplementedError, match="input_tensors"):
            tf.keras.models.clone_model(m, input_tensors=[tf.keras.Input((3,))])
        a = tf.keras.Input((3,))
        f = tf.keras.Model(a, tf.keras.layers.Dense(1)(a))
        with pytest.raises(NotImplementedError, match="clone_function"):
            tf.keras.models.clone_model(f, clone_function=lambda layer: layer)
