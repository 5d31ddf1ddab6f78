"""TF 1.14's float32 Zeta, Polygamma and Xlogy, bit for bit, on fed inputs: Zeta/Polygamma
over the poles, NaN domain and seeded values (Eigen's float32 Cephes zeta); Xlogy at sizes
with every packet tail (Eigen's plog on packets of 8, libm's logf on the rest).
Read by tests/test_pdist_zeta.py; importable under Python 3.7 (the oracle)."""
from __future__ import absolute_import

import numpy as np

SIZES = [1, 3, 7, 8, 9, 17, 3001]


def inputs():
    rng = np.random.RandomState(5)
    x = np.concatenate([rng.uniform(1, 6, 2000), np.round(rng.uniform(1, 6, 500)),
                        [1., 0.5, 2., 3., np.nan, np.inf, 2., 1e-40, 4.]]).astype(np.float32)
    q = np.concatenate([np.exp(rng.uniform(-4, 4, 2000)), rng.uniform(-5, 5, 500),
                        [1., 1., -2., -1.5, 1., 2., np.inf, 1., 1e-40]]).astype(np.float32)
    n = np.concatenate([np.round(rng.uniform(0, 4, 2500)),
                        [1., 1.5, 2., 0., -1., 3., 1., 1e-40, np.nan]]).astype(np.float32)
    xl = np.concatenate([rng.uniform(-2, 2, 3000), [0.]]).astype(np.float32)
    yl = np.concatenate([rng.uniform(0, 3, 3000), [0.]]).astype(np.float32)
    return x, q, n, xl, yl


def cases(tf):
    x, q, n, xl, yl = inputs()
    pa, pb = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    out = {}
    with tf.Session() as sess:
        out["zeta"] = sess.run(tf.math.zeta(pa, pb), {pa: x, pb: q})
        out["polygamma"] = sess.run(tf.math.polygamma(pa, pb), {pa: n, pb: q})
        for size in SIZES:
            out["xlogy/n%d" % size] = sess.run(tf.math.xlogy(pa, pb), {pa: xl[:size], pb: yl[:size]})
    return out
