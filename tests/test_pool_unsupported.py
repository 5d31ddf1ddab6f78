"""tf.nn.max_pool's TF 1.14 cases flowgrad does not implement raise NotImplementedError
naming them (the NCHW_VECT_C layout and quantized inputs), before any op is made."""
import numpy as np
import pytest

import flowgrad as tf


def test_nchw_vect_c_is_named():
    with tf.Graph().as_default() as g:
        x = tf.constant(np.zeros((1, 1, 4, 4, 4), np.int8))
        n = len(g.get_operations())
        with pytest.raises(NotImplementedError, match="NCHW_VECT_C"):
            tf.nn.max_pool(x, [1, 1, 2, 2], [1, 1, 2, 2], "VALID", data_format="NCHW_VECT_C")
        assert all(op.type != "MaxPool" for op in g.get_operations()[n:])


def test_quantized_input_is_named():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.qint8, [1, 4, 4, 1])
        with pytest.raises(NotImplementedError, match="qint8"):
            tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
