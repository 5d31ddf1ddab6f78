"""Keras recurrent layers and wrappers against TF 1.14 (tests/golden/keras/gen_recurrent.py):
values with weights from a seeded stream, weight names and shapes, masking, a fit."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "recurrent")
GEN = generator("keras", "recurrent")
FNS = {"layers": "_layers_case"}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_keras_recurrent_case(case):
    with tf.Graph().as_default():
        with tf.Session():
            result = getattr(GEN, FNS.get(case, "_" + case))(tf)
    _compare(result, GOLD[case], case)
