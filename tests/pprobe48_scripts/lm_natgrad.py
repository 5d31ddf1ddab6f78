"""Levenberg-Marquardt fitting of an exponential-decay model y = a exp(-k t) + c (float64):
the residual Jacobian by tf.gradients of each residual stacked, the damped Gauss-Newton step
by tf.matrix_solve_ls with l2_regularizer (fast and not fast), applied with tf.assign_sub
from Python; then natural-gradient steps of a float32 logistic regression: the empirical
Fisher built with matmul, a damped Cholesky factor and tf.cholesky_solve; values at full
precision and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(4841)
rs = np.random.RandomState(4842)
t = np.linspace(0.0, 3.0, 12)
y = 2.5 * np.exp(-1.3 * t) + 0.4 + 0.02 * rs.randn(12)

theta = tf.Variable(tf.constant([1.0, 0.5, 0.0], tf.float64), name="theta")
tt = tf.constant(t, name="t")
model = theta[0] * tf.exp(-theta[1] * tt) + theta[2]
resid = model - tf.constant(y)
J = tf.stack([tf.gradients(resid[i], theta)[0] for i in range(12)], name="J")
step_fast = tf.matrix_solve_ls(J, resid[:, None], l2_regularizer=0.01, fast=True)[:, 0]
step_qr = tf.matrix_solve_ls(J, resid[:, None], l2_regularizer=0.0, fast=False)[:, 0]
lm = tf.assign_sub(theta, step_fast)
sse = tf.reduce_sum(tf.square(resid))

X = rs.randn(30, 3).astype(np.float32)
lab = (X[:, 0] - X[:, 1] > 0.2).astype(np.float32)
w = tf.Variable(tf.random_normal([3, 1], stddev=0.1, seed=3), name="w")
xc = tf.constant(X)
logit = tf.matmul(xc, w)[:, 0]
nll = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(lab),
                                                             logits=logit))
per_ex = xc * (tf.sigmoid(logit) - lab)[:, None]
fisher = tf.matmul(per_ex, per_ex, transpose_a=True) / 30.0 + 1e-2 * tf.eye(3)
chol = tf.cholesky(fisher)
gw = tf.gradients(nll, w)[0]
nat = tf.cholesky_solve(chol, gw)
ng = tf.assign_sub(w, 0.5 * nat)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("J0", sess.run(J).tolist())
    print("qr step", sess.run(step_qr).tolist())
    for i in range(5):
        s0 = sess.run(sse)
        th = sess.run(lm)
        print(i, repr(s0), th.tolist())
    print("final sse", repr(sess.run(sse)))
    for i in range(4):
        l0, f = sess.run([nll, fisher])
        wv = sess.run(ng)
        print(i, repr(l0), f.ravel().tolist(), wv.ravel().tolist())
    print("chol", sess.run(chol).tolist())
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print("ls names", sorted(o.name for o in g.get_operations()
                        if o.name.startswith("MatrixSolveLs"))[:10])
