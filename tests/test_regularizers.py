"""Regularizers against TF 1.14 (contrib.layers' and tf.keras.regularizers): the golden
generator's case functions run here with flowgrad."""
import pytest
from test_losses import same

import flowgrad as tf
import goldens

GEN = goldens.generator("regularizers", "regularizers")
GOLD = goldens.load("regularizers", "regularizers")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    same(got, GOLD[name], name)
