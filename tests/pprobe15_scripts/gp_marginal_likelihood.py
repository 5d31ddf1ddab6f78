"""Gaussian-process regression in float64: an RBF kernel with log-parameterised lengthscale,
signal and noise variances, the negative log marginal likelihood by tf.cholesky,
tf.linalg.cholesky_solve and the diagonal of L, optimised with Adam; then the predictive
mean and variance by tf.linalg.triangular_solve, the kernel's spectrum by tf.linalg.eigh and
tf.linalg.logdet / slogdet cross-checks; values at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1511)
rs = np.random.RandomState(1512)
X = np.sort(rs.uniform(-3, 3, (20, 1)), 0)
Y = np.sin(X) + 0.1 * rs.randn(20, 1)
Xs = np.linspace(-3, 3, 7)[:, None]

log_ell = tf.Variable(0.0, dtype=tf.float64, name="log_ell")
log_sf2 = tf.Variable(0.0, dtype=tf.float64, name="log_sf2")
log_sn2 = tf.Variable(-2.0, dtype=tf.float64, name="log_sn2")


def rbf(a, b):
    d = tf.reduce_sum(tf.square(a[:, None, :] - b[None, :, :]), -1)
    return tf.exp(log_sf2) * tf.exp(-0.5 * d / tf.exp(2 * log_ell))


Xt, Yt, Xst = tf.constant(X), tf.constant(Y), tf.constant(Xs)
K = rbf(Xt, Xt) + tf.exp(log_sn2) * tf.eye(20, dtype=tf.float64)
L = tf.cholesky(K)
alpha = tf.linalg.cholesky_solve(L, Yt)
nlml = (0.5 * tf.reduce_sum(Yt * alpha) + tf.reduce_sum(tf.log(tf.matrix_diag_part(L)))
        + 10.0 * np.log(2 * np.pi))
train = tf.train.AdamOptimizer(0.05).minimize(nlml)
n_train = len(tf.get_default_graph().get_operations())

Ks = rbf(Xst, Xt)
mu = tf.matmul(Ks, alpha)
v = tf.linalg.triangular_solve(L, tf.transpose(Ks), lower=True)
var = tf.exp(log_sf2) - tf.reduce_sum(tf.square(v), 0)
evals, evecs = tf.linalg.eigh(K)
logdet = tf.linalg.logdet(K)
sign, slogdet = tf.linalg.slogdet(K)
print(n_train, len(tf.get_default_graph().get_operations()))

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(40):
        lv, _ = s.run([nlml, train])
        if i % 8 == 0:
            print(i, repr(lv))
    print([repr(v_) for v_ in s.run([log_ell, log_sf2, log_sn2])])
    m, vv, ev, ld, sg, sld = s.run([mu, var, evals, logdet, sign, slogdet])
    print(np.round(m.ravel(), 10).tolist())
    print(np.round(vv, 10).tolist())
    print(np.round(ev, 9).tolist())
    print(round(float(ld), 9), float(sg), round(float(sld), 9))
