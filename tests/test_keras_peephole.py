"""tf.keras.experimental.PeepholeLSTMCell against TF 1.14 (tests/golden/keras/gen_peephole.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "peephole")
GEN = generator("keras", "peephole")


@pytest.mark.parametrize("implementation", [1, 2])
def test_peephole_lstm_cell_as_tf(implementation):
    _compare(GEN._case(tf, implementation), GOLD["implementation_%d" % implementation])
