"""Grappler's remapper fuses a float32 NHWC Conv2D + BiasAdd + Elu into _FusedConv2D
(TF 1.14): the output kernel applies the Elu to each output pixel's channels, Eigen's
packets of 8 then libm's expf on the tail, so the Elu's float32 bits differ from the
plain Elu's (fetched alone: fused; fetched with the BiasAdd: not fused). Conv inputs are
variables (constants would fold); 4, 12 and 20 channels. Made on an Intel Xeon (the
convolution's float32 sums depend on the host's cache sizes: engine/ops/host_cpu.py);
the case "host" records its vendor."""
import numpy as np

from goldenio import host_vendor


def _case(tf, channels):
    rs = np.random.RandomState(channels)
    with tf.Graph().as_default():
        x = tf.Variable(rs.randn(2, 6, 6, 3).astype(np.float32), name="x")
        w = tf.Variable(rs.randn(3, 3, 3, channels).astype(np.float32) * 0.5, name="w")
        b = tf.Variable(rs.randn(channels).astype(np.float32) * 0.1, name="b")
        pre = tf.nn.bias_add(tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME"), b)
        y = tf.nn.elu(pre)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            fused = sess.run(y)
            pre_v, plain = sess.run([pre, y])
    return {"fused": fused, "pre": pre_v, "plain": plain}


def cases(tf):
    out = {"c%d" % c: _case(tf, c) for c in (4, 12, 20)}
    out["host"] = host_vendor()
    return out
