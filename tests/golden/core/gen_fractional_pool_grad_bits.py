"""The bits of FractionalMaxPoolGrad and FractionalAvgPoolGrad under TF 1.14
(tests/test_fractional_pool.py::test_grad_bits_match_tf114): overlapping regions whose
shared maximum takes several output gradients (TF adds them in T, in the output's flat
order) and average-pool gradients TF divides in double (double(dy) / double(n)). float32
and float64 inputs, ties from a ReLU. Host-independent arithmetic (scalar adds and
divisions); the case "host" records the vendor all the same. Valid Python 3.7."""
import numpy as np

from goldenio import host_vendor

# 10 ** -3 .. 10 ** 3 as literals (NumPy 1.25's SVML float64 power is not correctly rounded)
_POW10 = np.array([1e-3, 1e-2, 1e-1, 1.0, 1e1, 1e2, 1e3])


def build(tf):
    rs = np.random.RandomState(57)
    out = []
    for dt in (np.float32, np.float64):
        x = tf.constant(np.maximum(rs.randn(1, 9, 11, 2), 0.0).astype(dt))
        for fn, ratio, pseudo, seeds in (
                (tf.nn.fractional_max_pool, [1.0, 1.44, 1.6, 1.0], True, (3, 9)),
                (tf.nn.fractional_max_pool, [1.0, 1.3, 1.9, 1.0], False, (5, 1)),
                (tf.nn.fractional_avg_pool, [1.0, 1.44, 1.6, 1.0], True, (3, 9)),
                (tf.nn.fractional_avg_pool, [1.0, 2.5, 1.7, 1.0], False, (2, 6))):
            r = fn(x, ratio, pseudo_random=pseudo, overlapping=True, deterministic=True,
                   seed=seeds[0], seed2=seeds[1])
            w = tf.constant((rs.randn(*r[0].shape.as_list()) *
                             _POW10[rs.randint(-3, 4, r[0].shape.as_list()) + 3]).astype(dt))
            out.append(tf.gradients(r[0] * w, x)[0])
    with tf.Session() as sess:
        return [v.tolist() for v in sess.run(out)]


def cases(tf):
    with tf.Graph().as_default():
        return {"grads": build(tf), "host": host_vendor()}
