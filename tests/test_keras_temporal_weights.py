"""compile(sample_weight_mode='temporal') and sample weights for some outputs against
TF 1.14 (tests/golden/keras/gen_temporal_weights.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "temporal_weights")
GEN = generator("keras", "temporal_weights")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_temporal_weights_as_tf(case):
    if case == "partial":   # its own graphs
        got = GEN.partial(tf)
    else:
        with tf.Graph().as_default():
            with tf.Session():
                got = getattr(GEN, case)(tf)
    _compare(got, GOLD[case], case)
