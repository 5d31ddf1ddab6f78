"""Qr bits (Eigen's unblocked HouseholderQR on a row-major matrix, min(m, n) < 48, m >= n;
reduced and full Q) and what uses them in RL code: tf.orthogonal_initializer (baselines-style
PPO/A2C policy layers, [obs, hidden] kernels and small gains), tf.keras's Orthogonal, and
a QR decomposition's gradient. Read by tests/test_prl_qr.py.
"""
import numpy as np

SHAPES = [(1, 1), (2, 1), (4, 4), (5, 3), (16, 4), (32, 5), (47, 47), (60, 12), (130, 6),
          (200, 3)]


def operand(m, n, dtype=np.float32):
    return np.random.RandomState(m * 100 + n).randn(m, n).astype(dtype)


def cases(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for m, n in SHAPES:
            x = tf.constant(operand(m, n))
            out["qr/%d,%d" % (m, n)] = sess.run([tf.linalg.qr(x), tf.linalg.qr(x, True)])
        out["float64"] = sess.run(tf.linalg.qr(tf.constant(operand(6, 4, np.float64))))
        out["batch"] = sess.run(tf.linalg.qr(tf.constant(
            np.stack([operand(5, 3), operand(5, 3) * 2, np.zeros((5, 3), np.float32)]))))
        out["rank_deficient"] = sess.run(tf.linalg.qr(tf.constant(np.array(
            [[1., 0, 0], [0, 0, 0], [0, 0, 2], [0, 1, 0]], np.float32))))
        a = tf.constant(operand(8, 3))
        q, r = tf.linalg.qr(a)
        out["grad"] = sess.run(tf.gradients(tf.reduce_sum(q * q[:, :1]) + tf.reduce_sum(r), a))
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        inits = []
        for i, (shape, gain) in enumerate([((5, 32), np.sqrt(2)), ((32, 16), 1.0),
                                           ((16, 4), 0.01), ((16, 1), 1.0),
                                           ((3, 3, 2, 8), 1.0)]):
            inits.append(tf.get_variable("w%d" % i, shape,
                                         initializer=tf.orthogonal_initializer(gain)))
        k = tf.keras.initializers.Orthogonal(gain=0.5, seed=4)
        inits.append(tf.get_variable("keras", (6, 20), initializer=k))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["orthogonal_init"] = sess.run(inits)
    return out
