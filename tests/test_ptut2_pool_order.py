"""Max pooling's gradients add up as TF 1.14's CPU kernels where windows overlap (golden
nn/ptut2_pool_order): output after output in the gradient's type, for MaxPoolGrad and
MaxPoolGradWithArgmax, bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("nn", "ptut2_pool_order")
GOLD = goldens.load("nn", "ptut2_pool_order")


@pytest.mark.parametrize("name,k,st,pad,dt", GEN.POOL, ids=[c[0] for c in GEN.POOL])
def test_max_pool_gradients_add_in_tf_order(name, k, st, pad, dt):
    g = GOLD[name]
    ks, ss = [1, k[0], k[1], 1], [1, st[0], st[1], 1]
    with tf.Graph().as_default():
        x = tf.placeholder(dt, g["x"].shape)
        dy = tf.placeholder(dt, g["dy"].shape)
        dx = tf.gradients(tf.nn.max_pool(x, ks, ss, pad), x, dy)[0]
        am, _ = tf.nn.max_pool_with_argmax(x, ks, ss, pad)
        dxa = tf.gradients(am, x, dy)[0]
        with tf.Session() as s:
            got = s.run([dx, dxa], {x: g["x"], dy: g["dy"]})
    for key, v in zip(("dx", "dx_argmax"), got):
        assert v.dtype == g[key].dtype
        np.testing.assert_array_equal(v.view(np.uint8), g[key].view(np.uint8), err_msg=key)
