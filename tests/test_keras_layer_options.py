"""Keras layer options against TF 1.14 (tests/golden/keras/gen_layer_options.py)."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("keras", "layer_options")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    assert goldens.flowgrad_cases("keras", "layer_options", tf)[key] == GOLDEN[key]


def test_stacked_reverse_state_order_with_multi_state_cells_is_not_implemented():
    # TF 1.14's RNN fails on the nested state_size these make; flowgrad says so
    with tf.Graph().as_default():
        cells = [tf.keras.layers.LSTMCell(2), tf.keras.layers.LSTMCell(2)]
        stack = tf.keras.layers.StackedRNNCells(cells, reverse_state_order=True)
        x = tf.placeholder(tf.float32, (None, 4, 3))
        with pytest.raises(NotImplementedError, match="reverse_state_order"):
            tf.keras.layers.RNN(stack)(x)
