"""tf.fake_quant_with_min_max_vars(_per_channel) where dividing by the scale and
multiplying by its reciprocal round differently (TF 1.14's Vars functors divide, its Args
functor multiplies: 2.0 in [-6, 6] quantizes to 1.9764705 by Vars, 2.0235295 by Args),
and a range with min == max == 0 (Vars: zeros, the whole gradient to the input; per
channel: that channel's). Made on the host it records (an Intel Xeon when first made):
its test runs flowgrad with FLOWGRAD_CPU of that vendor. Valid Python 3.7."""
import numpy as np

from goldenio import host_vendor


def ties(tf):
    rng = np.random.RandomState(5)
    x = (rng.randn(400) * 4).astype(np.float32)
    x[:5] = np.float32(2.0)
    with tf.Session() as sess:
        return sess.run([
            tf.fake_quant_with_min_max_vars(x, -6.0, 6.0),
            tf.fake_quant_with_min_max_args(x, -6.0, 6.0),
            tf.fake_quant_with_min_max_vars_per_channel(
                x.reshape(-1, 4), [-6.0, -1.0, -3.0, -0.5], [6.0, 2.0, 1.0, 7.5]),
            tf.fake_quant_with_min_max_vars(x, -3.3, 2.9, num_bits=5, narrow_range=True)])


def zero_range(tf):
    x = tf.constant(np.array([[1.5, -2.0], [0.3, 4.0]], np.float32))
    mn, mx = tf.constant(0.0), tf.constant(0.0)
    pmn, pmx = tf.constant([0.0, -1.0]), tf.constant([0.0, 1.0])
    y = tf.fake_quant_with_min_max_vars(x, mn, mx)
    p = tf.fake_quant_with_min_max_vars_per_channel(x, pmn, pmx)
    g = tf.gradients(tf.reduce_sum(y * 3.0), [x, mn, mx])
    gp = tf.gradients(tf.reduce_sum(p * 3.0), [x, pmn, pmx])
    with tf.Session() as sess:
        return sess.run([y, p, g, gp])


def cases(tf):
    out = {"vendor": host_vendor()}
    for fn in (ties, zero_range):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out
