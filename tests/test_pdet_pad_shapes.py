"""tf.pad's static shape from partly known paddings (TF 1.14 restores it from
constant_value(partial=True)) and the padded values, against TF 1.14."""
import numpy as np

import flowgrad as tf
from goldens import generator, load

GEN = generator("array", "pdet_pad_shapes")
GOLD = load("array", "pdet_pad_shapes")


def test_pad_shapes_and_values():
    got = GEN.cases(tf)
    assert got["shapes"] == GOLD["shapes"]
    assert len(got["values"]) == len(GOLD["values"])
    for g, w in zip(got["values"], GOLD["values"]):
        np.testing.assert_array_equal(g, w)


def test_get_static_value_partial():
    with tf.Graph().as_default():
        n = tf.placeholder(tf.int32, [])
        v = tf.get_static_value(tf.convert_to_tensor([[0, n], [1, 2]]), partial=True)
        assert v.tolist() == [[0, None], [1, 2]]
