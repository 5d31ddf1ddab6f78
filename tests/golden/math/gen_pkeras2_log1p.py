"""TF 1.14's float32 Log1p bit for bit (its Eigen has no packet log1p for float: glibc's
log1pf on every value, which NumPy's log1p misses by an ulp for some values), alone and
inside tf.nn.sigmoid_cross_entropy_with_logits (Keras' binary_crossentropy of a sigmoid
output). Read by tests/test_pkeras2_log1p.py."""
from __future__ import absolute_import

import numpy as np


def inputs():
    """Special points (zeros, denormals, -1 and below, infinities, NaN), then seeded
    values: exp(-|normal| * 3) (the softplus term of the logistic loss), uniform in
    [-1, 10], uniform bit patterns."""
    pts = [0.0, -0.0, 1e-45, -1e-45, 1e-40, 1.1754944e-38, 1e-30, 1e-10, 1e-7, 1e-4, 0.5,
           1.0, 2.0, 1e10, 3.4028235e38, np.inf, -np.inf, np.nan, -0.5, -0.9999999, -1.0,
           -1.5]
    rng = np.random.RandomState(7)
    parts = [np.array(pts, np.float32),
             np.exp(-np.abs(rng.standard_normal(4000)) * 3).astype(np.float32),
             rng.uniform(-1, 10, 3000).astype(np.float32),
             rng.randint(0, 2 ** 32, size=3000, dtype=np.uint64).astype(np.uint32)
             .view(np.float32)]
    return np.concatenate(parts).astype(np.float32)


def logits():
    """Seeded logits and 0/1 labels for the logistic loss cases."""
    rng = np.random.RandomState(11)
    z = (rng.standard_normal(5000) * 3).astype(np.float32)
    y = (rng.uniform(size=5000) > 0.5).astype(np.float32)
    return z, y


def cases(tf):
    out = {}
    x = inputs()
    for n in (1, 7, 8, 9, 64, x.size):
        with tf.Graph().as_default():
            ph = tf.placeholder(tf.float32, [None])
            with tf.Session() as sess:
                out["log1p/n%d" % n] = sess.run(tf.log1p(ph), {ph: x[:n]})
    z, y = logits()
    with tf.Graph().as_default():
        pz = tf.placeholder(tf.float32, [None])
        py = tf.placeholder(tf.float32, [None])
        loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=py, logits=pz)
        with tf.Session() as sess:
            out["logistic_loss"] = sess.run(loss, {pz: z, py: y})
    return out
