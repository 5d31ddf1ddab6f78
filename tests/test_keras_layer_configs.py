"""Keras layers' get_config() as TF 1.14 returns them (tests/golden/keras/gen_layer_configs.py):
the keys in TF's order, initializers, regularizers and constraints serialized."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("keras", "layer_configs")


@pytest.fixture(scope="module")
def got():
    with tf.Graph().as_default():
        return generator("keras", "layer_configs").cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_get_config_as_tf(got, case):
    assert got[case] == GOLD[case]
