"""tf.matmul of operands of unknown rank is TF's BatchMatMulV2; on two matrices TF makes it a
batch of one: its tensor contraction when m, k and n are above 1, else Eigen's sequential
product, whose matrix-vector kernels depend on the adjoints (one output row, one output
column, both). float32 and float64, every transpose; the operands are fed."""
import numpy as np

SHAPES = [(1, 6, 3), (8, 13, 1), (5, 40, 1), (3, 6, 1), (1, 20, 4), (4, 20, 1), (1, 9, 1),
          (1, 200, 7), (150, 130, 1), (5, 7, 6), (2, 1, 3)]


def cases(tf):
    rng = np.random.RandomState(5)
    out = {}
    with tf.Graph().as_default():
        pa = tf.placeholder(tf.float32)
        pb = tf.placeholder(tf.float32)
        qa = tf.placeholder(tf.float64)
        qb = tf.placeholder(tf.float64)
        prods = {}
        for ta in (False, True):
            for tb in (False, True):
                prods[ta, tb, "float32"] = tf.matmul(pa, pb, transpose_a=ta, transpose_b=tb)
                prods[ta, tb, "float64"] = tf.matmul(qa, qb, transpose_a=ta, transpose_b=tb)
        with tf.Session() as s:
            for m, k, n in SHAPES:
                for ta in (False, True):
                    for tb in (False, True):
                        for dt, (xa, xb) in (("float32", (pa, pb)), ("float64", (qa, qb))):
                            a = rng.randn(*((k, m) if ta else (m, k))).astype(dt)
                            b = rng.randn(*((n, k) if tb else (k, n))).astype(dt)
                            key = "%s_%dx%dx%d_%d%d" % (dt, m, k, n, ta, tb)
                            out[key] = s.run(prods[ta, tb, dt], {xa: a, xb: b})
    return out
