"""TF 1.14's Qr (Eigen's HouseholderQR on a row-major copy) where Eigen blocks it: from
48 columns (min(m, n) >= 48) the factorization runs householder_qr_inplace_blocked (block
48, the trailing columns updated by apply_block_householder_on_the_left) and the reduced
Q (householderQ() * Identity) is applied by blocks; with m < n the columns right of the
first m get the blocked update at any size. tf.orthogonal_initializer and
tf.keras.initializers.Orthogonal take their Q from this op. Each case holds the shape,
the SHA-256 of the result's bytes and its first values; cases below 48 columns are
controls. tf.keras.initializers.Orthogonal (gain 1.5) takes the same path. Sizes up to
1152 x 128 (the (3, 3, 128, 128) conv kernel), 576 x 64, 256 x 256 and 130 x 400, both dtypes, full
and reduced. Read by tests/test_orthogonal_blocked.py.
"""
from __future__ import absolute_import

import hashlib

import numpy as np

INIT_SHAPES = [(47, 47), (48, 48), (64, 64), (100, 50), (50, 100), (128, 256),
               (3, 3, 64, 64), (128, 128), (256, 256), (96, 200), (3, 3, 32, 64),
               (3, 3, 128, 128)]
KERAS_SHAPES = [(64, 64), (128, 128), (256, 64), (3, 3, 64, 64)]
QR_SHAPES = [(30, 20), (47, 47), (48, 48), (60, 49), (64, 64), (100, 50), (50, 100),
             (40, 45), (49, 49), (57, 57), (72, 60), (80, 80), (93, 92), (90, 49), (30, 70),
             (96, 96), (10, 90),
             (128, 128), (256, 256), (576, 64), (200, 100), (97, 97), (130, 400), (70, 95),
             (150, 60), (333, 97), (1, 50), (50, 1), (51, 51), (61, 68)]


def digest(a):
    a = np.ascontiguousarray(a)
    return [list(a.shape), str(a.dtype), hashlib.sha256(a.tobytes()).hexdigest(),
            [float(v) for v in a.ravel()[:6]]]


def blocked(shape, qr=False):
    """Whether TF's Qr takes Eigen's blocked path: for an initializer of `shape` (which
    factors [max(rows, cols), min(rows, cols)], rows the product of all but the last
    dimension), or for tf.linalg.qr of an [m, n] matrix (`qr`: m < n is blocked too)."""
    rows = int(np.prod(shape[:-1]))
    cols = shape[-1]
    if qr and rows < cols:
        return True
    return min(rows, cols) >= 48


def qr_inputs(dtype):
    rs = np.random.RandomState(7)
    return [rs.randn(*s).astype(dtype) for s in QR_SHAPES]


def cases(tf):
    out = {}
    for dt in (np.float32, np.float64):
        name = np.dtype(dt).name
        for shape in INIT_SHAPES:
            tf.reset_default_graph()
            init = tf.orthogonal_initializer(seed=3, dtype=tf.as_dtype(dt))
            v = init(list(shape))
            with tf.Session() as sess:
                out["init_%s_%s" % (name, "x".join(map(str, shape)))] = digest(sess.run(v))
        for shape in KERAS_SHAPES:
            tf.reset_default_graph()
            init = tf.keras.initializers.Orthogonal(gain=1.5, seed=5)
            v = init(list(shape), dtype=tf.as_dtype(dt))
            with tf.Session() as sess:
                out["keras_%s_%s" % (name, "x".join(map(str, shape)))] = digest(sess.run(v))
        for x in qr_inputs(dt):
            for full in (False, True):
                tf.reset_default_graph()
                q, r = tf.linalg.qr(tf.constant(x), full_matrices=full)
                with tf.Session() as sess:
                    qv, rv = sess.run([q, r])
                kind = "full" if full else "reduced"
                key = "qr_%s_%dx%d_%s" % (name, x.shape[0], x.shape[1], kind)
                out[key] = [digest(qv), digest(rv)]
    return out
