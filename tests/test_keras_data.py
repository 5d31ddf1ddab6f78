"""tf.keras fit/evaluate/predict on datasets, iterator tensors, generators and Sequences
against TF 1.14 (tests/golden/keras/gen_data.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "data")
GEN = generator("keras", "data")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_keras_data_case(case):
    with tf.Graph().as_default():
        with tf.Session():
            result = getattr(GEN, "_" + case)(tf)
    _compare(result, GOLD[case], case)


def test_sequence_is_exported():
    assert issubclass(tf.keras.utils.Sequence, object)
    with pytest.raises(NotImplementedError):
        len(tf.keras.utils.Sequence())
