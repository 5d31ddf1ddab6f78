"""BiasAddGrad adds in TF 1.14's order (golden nn/pkeras2_bias_grad): a Dense layer's
bias gradient with one unit is no longer NumPy's pairwise sum."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("nn", "pkeras2_bias_grad")
GOLD = goldens.load("nn", "pkeras2_bias_grad")


@pytest.mark.parametrize("key", sorted(GOLD))
def test_bias_add_grad_bits_match_tf(key):
    i = int(key.split("/")[0])
    fmt, shape, dtype = GEN.SHAPES[i]
    x = GEN.value(i)
    with tf.Graph().as_default():
        p = tf.placeholder(dtype, [None] * len(shape))
        g = tf.raw_ops.BiasAddGrad(out_backprop=p, data_format=fmt)
        with tf.Session() as sess:
            got = sess.run(g, {p: x})
    want = GOLD[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got.view(np.uint8), want.view(np.uint8))
