"""float32 Sin and Cos bits: TF 1.14 runs Eigen's psincos_float on packets of 8 (a
rounding-trick quadrant, a four-constant reduction without FMA, degree 3 / 4 polynomials;
an exact Payne-Hanek reduction from 25966 (sin) / 18838 (cos) on) and libm's sinf / cosf
on the last size % 8 values; denormals read as zero. As a spatial transformer's rotation
(tf.contrib.image.rotate builds cos / sin of the angles) and sinusoidal position
encodings use them. Read by tests/test_presearch_trig.py.
"""
import numpy as np


def values():
    rs = np.random.RandomState(0)
    return np.concatenate([
        rs.randn(400) * 3, rs.randn(200) * 100, rs.rand(100) * 4e4,
        np.ldexp(rs.rand(80) + 0.5, rs.randint(14, 127, 80)),   # exact, unlike np.exp
        [0., -0., 1e-40, -1e-40, 1e-30, np.pi / 2, np.pi, 25966, 25965.99, 18838, 18837.99,
         3e38, np.inf, -np.inf, np.nan]]).astype(np.float32)


def cases(tf):
    v = values()
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for n in (len(v), 8, 5, 2):
            out["sin/%d" % n], out["cos/%d" % n] = sess.run([tf.sin(v[:n]), tf.cos(v[:n])])
        x = tf.constant(np.array([0.3, -1.0, 2.5], np.float32))
        out["grads"] = sess.run(tf.gradients(tf.reduce_sum(tf.sin(x) * tf.cos(x * 3.0)), x))
        pos = np.arange(12, dtype=np.float32)[:, None]
        # 10000^(-2i/16) written out: NumPy's exp differs between versions
        div = np.array([1.0, 0.31622776, 0.1, 0.031622775, 0.01, 0.0031622776, 0.001,
                        0.00031622776], np.float32)
        angles = tf.constant(pos) * tf.constant(div)
        out["position_encoding"] = sess.run(tf.concat([tf.sin(angles), tf.cos(angles)], 1))
        out["rotate_transforms"] = sess.run(tf.contrib.image.angles_to_projective_transforms(
            tf.constant(np.array([0.3, -1.0, 2.0], np.float32)), 5, 6))
    return out
