"""Linear and ridge regression by the normal equations, the tutorial-repo way: theta =
(X^T X)^-1 X^T y by tf.matrix_inverse, by tf.matrix_solve, by tf.cholesky + tf.cholesky_solve
and by tf.linalg.triangular_solve on a QR (tf.qr), and by tf.matrix_solve_ls /
tf.linalg.lstsq (the fast Cholesky route, with and without an l2_regularizer, in float32 and
float64, batched, over- and underdetermined); residuals, R^2, and gradients of the fit through
matrix_solve_ls with respect to the targets and the regularized design."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(2431)
tf.set_random_seed(2432)
m, d = 30, 4
Xn = rs.randn(m, d)
w_true = np.array([[1.5], [-2.0], [0.5], [3.0]])
yn = (Xn * w_true.T).sum(1, keepdims=True) + 0.7 + rs.randn(m, 1) * 0.3

X = tf.placeholder(tf.float32, [m, d], name="X")
y = tf.placeholder(tf.float32, [m, 1], name="y")
A = tf.concat([tf.ones([m, 1]), X], axis=1)
AtA = tf.matmul(A, A, transpose_a=True)
Aty = tf.matmul(A, y, transpose_a=True)
th_inv = tf.matmul(tf.matrix_inverse(AtA), Aty)
th_solve = tf.matrix_solve(AtA, Aty)
L = tf.cholesky(AtA)
th_chol = tf.cholesky_solve(L, Aty)
th_tri = tf.matrix_triangular_solve(tf.transpose(L), tf.matrix_triangular_solve(L, Aty),
                                    lower=False)
q, r = tf.qr(A)
th_qr = tf.linalg.triangular_solve(r, tf.matmul(q, y, transpose_a=True), lower=False)
th_ls = tf.matrix_solve_ls(A, y)
th_ridge = tf.linalg.lstsq(A, y, l2_regularizer=0.5)
fit = tf.matmul(A, th_ls)
resid = y - fit
r2 = 1.0 - tf.reduce_sum(tf.square(resid)) / tf.reduce_sum(tf.square(y - tf.reduce_mean(y)))
g_y, g_X = tf.gradients(tf.reduce_sum(tf.square(tf.matmul(A, th_ridge))), [y, X])

# float64, batched (two bootstrap resamples)
idx = tf.random_uniform([2, m], 0, m, dtype=tf.int32, seed=11)
A64 = tf.gather(tf.cast(A, tf.float64), idx)
y64 = tf.gather(tf.cast(y, tf.float64), idx)
th64 = tf.matrix_solve_ls(A64, y64, l2_regularizer=0.1)
logdet = tf.linalg.logdet(tf.matmul(A64, A64, transpose_a=True))
slog = tf.linalg.slogdet(tf.matmul(A64, A64, transpose_a=True))

# underdetermined (minimum-norm) system
th_under = tf.matrix_solve_ls(tf.transpose(A)[:, :3], tf.ones([d + 1, 1]), l2_regularizer=0.0)

feed = {X: Xn.astype(np.float32), y: yn.astype(np.float32)}
with tf.Session() as sess:
    r_ = sess.run({"inv": th_inv, "solve": th_solve, "chol": th_chol, "tri": th_tri,
                   "qr": th_qr, "ls": th_ls, "ridge": th_ridge,
                   "r2": r2, "gy": g_y, "gX": g_X,
                   "th64": th64, "logdet": logdet, "slog": slog,
                   "under": th_under, "q": q, "r": r}, feed)
for k in sorted(r_):
    print(k, H(r_[k]))
for k in ("inv", "solve", "chol", "tri", "qr", "ls", "ridge", "th64", "under"):
    print(k, np.asarray(r_[k]).ravel().tolist())
print("r2", repr(float(r_["r2"])), "logdet", r_["logdet"].tolist(),
      "slog", [x.tolist() for x in r_["slog"]])
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print(sorted({o.type for o in g.get_operations()}))
print([o.name for o in g.get_operations() if o.name.startswith("matrix_solve_ls_1/")][:40])
