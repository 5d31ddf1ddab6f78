"""ResamplerGrad's data gradient multiplies left to right as TF 1.14's CPU kernel does
(contrib/resampler/kernels/resampler_ops.cc: grad_output_value * dx * dy, ...): for this
point every corner's float32 weight differs in its last bit from grad * (dx * dy). The
expected values are TF 1.14's (oracle, any host: scalar float32 products)."""
import numpy as np

import flowgrad as tf


def test_data_gradient_multiplies_left_to_right():
    d = tf.constant(np.arange(4, dtype=np.float32).reshape(1, 2, 2, 1))
    w = tf.constant(np.array([[[0.38210276, 0.41081136]]], np.float32))
    out = tf.contrib.resampler.resampler(d, w)
    gd = tf.gradients(out, d, grad_ys=tf.constant([[[-1.6507213]]], tf.float32))[0]
    with tf.Session() as s:
        got = s.run(gd).ravel().tolist()
    assert got == [-0.6009583473205566, -0.3716278374195099,
                   -0.4190177917480469, -0.2591172754764557]
