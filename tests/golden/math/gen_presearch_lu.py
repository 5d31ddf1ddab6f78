"""float32 MatrixSolve / MatrixInverse bits (Eigen's unblocked PartialPivLU and its
triangular solves, n <= 16), and what uses them in research code: the gradient of
tf.contrib.image.transform (the transform by the inverse matrices) and
tf.contrib.image.interpolate_spline (a solve of the spline system). Read by
tests/test_presearch_lu.py.
"""
import numpy as np

SIZES = [(2, 1), (3, 3), (4, 2), (5, 1), (8, 3), (12, 1), (16, 4)]


def operands(n, m):
    rs = np.random.RandomState(n * 10 + m)
    return rs.randn(n, n).astype(np.float32), rs.randn(n, m).astype(np.float32)


def cases(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for n, m in SIZES:
            a, b = operands(n, m)
            out["solve/%d,%d" % (n, m)] = sess.run(
                [tf.matrix_solve(a, b), tf.matrix_inverse(a), tf.linalg.solve(a[None], b[None])])
        a = tf.constant(np.stack([operands(3, 1)[0], operands(3, 2)[0]]))
        out["batch"] = sess.run([tf.matrix_inverse(a), tf.matrix_solve(a, tf.ones([2, 3, 2]))])
        for key, m in [("singular", [[1., 2.], [2., 4.]]), ("nan_pivot", [[np.nan, 1.], [2., 3.]]),
                       ("nan_later", [[1., np.nan], [2., 3.]])]:
            try:
                out[key] = sess.run(tf.matrix_solve(tf.constant(np.array(m, np.float32)),
                                                    tf.ones([2, 1])))
            except tf.errors.InvalidArgumentError as e:
                out[key] = e.message.split("\n")[0]
        rs = np.random.RandomState(0)
        img = tf.constant(rs.rand(2, 5, 6, 3).astype(np.float32))
        t = tf.contrib.image.transform(img, [1, 0.1, 0.5, 0.05, 1, -0.3, 0.001, 0.0],
                                       interpolation="BILINEAR")
        out["transform_grad"] = sess.run(tf.gradients(tf.reduce_sum(t * t), img))
        pts = tf.constant(rs.rand(2, 4, 2).astype(np.float32) * 4)
        vals = tf.constant(rs.randn(2, 4, 1).astype(np.float32))
        q = tf.constant(rs.rand(2, 3, 2).astype(np.float32) * 4)
        out["spline"] = sess.run([tf.contrib.image.interpolate_spline(pts, vals, q, order)
                                  for order in (1, 2, 3)])
    return out
