"""keras.layers.RNN `constants` against TF 1.14 (tests/golden/keras/gen_rnn_constants.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "rnn_constants")
GEN = generator("keras", "rnn_constants")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_rnn_constants_as_tf(case):
    with tf.Graph().as_default():
        with tf.Session().as_default():
            tf.keras.backend.set_session(tf.get_default_session())
            got = getattr(GEN, case)(tf)
    _compare(got, GOLD[case], case)
