# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""TF 1.14's float32 Cholesky (Eigen's LLT, value by value for matrices of up to 8 rows) and
the multivariate normals built on it: seeded samples, log-densities, stddevs, KLs.
Read by tests/test_pdist_mvn.py; importable under Python 3.7 (the oracle)."""
import numpy as np


def spd(n, batch=3, seed=0):
    """Seeded symmetric positive definite float32 matrices [batch, n, n]; a A A^T + n I of
    eighths, exact in float32 (so no NumPy's matmul order changes them)."""
    a = np.round(np.random.RandomState(seed + n).randn(batch, n, n) * 8) / 8
    return (np.matmul(a, a.transpose(0, 2, 1)) + n * np.eye(n)).astype(np.float32)


BAD = {"nan_diag": [[np.nan, 0.], [0., 1.]], "nan_off": [[1., np.nan], [np.nan, 1.]],
       "indefinite": [[1., 2.], [2., 1.]], "zero_pivot": [[0., 0.], [0., 1.]],
       "upper_ignored": [[4., 9.], [2., 5.]], "batch_one_bad": [[[1.]], [[-1.]]]}


def cases(tf):
    out = {}
    x = tf.placeholder(tf.float32)
    chol = tf.cholesky(x)
    tfd = tf.contrib.distributions
    with tf.Session() as sess:
        for n in range(1, 9):
            out["cholesky/n%d" % n] = sess.run(chol, {x: spd(n)})
        out["cholesky/n3_rank4"] = sess.run(chol, {x: spd(3, 4).reshape(2, 2, 3, 3)})
        for key, m in sorted(BAD.items()):
            try:
                out["cholesky/" + key] = sess.run(chol, {x: m})
            except tf.errors.OpError as e:
                out["cholesky/" + key] = e.__class__(None, None, e.message.split("\n")[0])
        tf.set_random_seed(3)
        fc = tfd.MultivariateNormalFullCovariance(loc=[0., 1., -1.], covariance_matrix=spd(3, 1)[0])
        tril = tfd.MultivariateNormalTriL(loc=[1., 2.], scale_tril=[[1., 0.], [0.5, 2.]])
        diag = tfd.MultivariateNormalDiag(loc=[0., 0.], scale_diag=[1.5, 0.5])
        pts = np.random.RandomState(5).randn(4, 3).astype(np.float32)
        ts = {"fc/sample": fc.sample(2, seed=10), "fc/log_prob": fc.log_prob(pts),
              "fc/stddev": fc.stddev(), "fc/entropy": fc.entropy(),
              "fc/covariance": fc.covariance(), "fc/scale": fc.scale.to_dense(),
              "tril/sample": tril.sample(3, seed=9), "tril/log_prob": tril.log_prob(pts[:, :2]),
              "tril/entropy": tril.entropy(), "kl/tril_diag": tfd.kl_divergence(tril, diag),
              "kl/fc_fc": tfd.kl_divergence(fc, tfd.MultivariateNormalFullCovariance(loc=[0., 0., 0.], covariance_matrix=spd(3, 1, seed=7)[0]))}
        out.update(sess.run(ts))
        out["ops"] = [op.name for op in tf.get_default_graph().get_operations()][-40:]
    return out
