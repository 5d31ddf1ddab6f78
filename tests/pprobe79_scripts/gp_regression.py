"""Gaussian-process regression written in TF1 (as GPflow-era tutorials do): an RBF kernel
matrix, cholesky, cholesky_solve and matrix_triangular_solve for the posterior, the
log marginal likelihood maximised with Adam over log hyperparameters; printed values."""
import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(1)
rs = np.random.RandomState(7)
Xtr = np.linspace(-3.0, 3.0, 12).reshape(-1, 1)
Ytr = np.sin(Xtr) + 0.1 * rs.randn(12, 1)
Xte = np.linspace(-3.5, 3.5, 5).reshape(-1, 1)

X = tf.placeholder(tf.float64, [None, 1], name="X")
Y = tf.placeholder(tf.float64, [None, 1], name="Y")
Xs = tf.placeholder(tf.float64, [None, 1], name="Xs")
with tf.variable_scope("gp"):
    log_ls = tf.get_variable("log_lengthscale", [], tf.float64, tf.constant_initializer(0.0))
    log_sf = tf.get_variable("log_signal", [], tf.float64, tf.constant_initializer(0.0))
    log_sn = tf.get_variable("log_noise", [], tf.float64, tf.constant_initializer(-1.0))


def rbf(a, b):
    ls = tf.exp(log_ls)
    sq = (tf.reduce_sum(tf.square(a), 1)[:, None] - 2.0 * tf.matmul(a, b, transpose_b=True)
          + tf.reduce_sum(tf.square(b), 1)[None, :])
    return tf.exp(2.0 * log_sf) * tf.exp(-0.5 * sq / tf.square(ls))


n = tf.shape(X)[0]
K = rbf(X, X) + tf.exp(2.0 * log_sn) * tf.eye(n, dtype=tf.float64)
L = tf.cholesky(K, name="chol")
alpha = tf.cholesky_solve(L, Y)
lml = (-0.5 * tf.reduce_sum(Y * alpha) - tf.reduce_sum(tf.log(tf.matrix_diag_part(L)))
       - 0.5 * tf.cast(n, tf.float64) * np.log(2 * np.pi))
Ks = rbf(X, Xs)
mean = tf.matmul(Ks, alpha, transpose_a=True)
v = tf.matrix_triangular_solve(L, Ks, lower=True)
var = tf.exp(2.0 * log_sf) - tf.reduce_sum(tf.square(v), 0)
train = tf.train.AdamOptimizer(0.05).minimize(-lml)
print(L.op.name, L.op.type, alpha.op.type, v.op.type, alpha.shape, v.shape, mean.shape)
grads = tf.gradients(lml, [log_ls, log_sf, log_sn])
feed = {X: Xtr, Y: Ytr, Xs: Xte}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("grads", sess.run(grads, feed))
    for step in range(40):
        lv, _ = sess.run([lml, train], feed)
        if step % 8 == 0:
            print(step, repr(lv))
    print("hyp", sess.run([log_ls, log_sf, log_sn]))
    m, s = sess.run([mean, var], feed)
    print("mean", m.ravel().tolist())
    print("var", s.tolist())
    Kv, Lv = sess.run([K, L], feed)
    print("chol err", float(np.abs(Lv.dot(Lv.T) - Kv).max()) < 1e-10, Lv.shape)
    try:
        sess.run(tf.cholesky(tf.constant([[1.0, 2.0], [2.0, 1.0]], tf.float64)))
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError:", e.message.splitlines()[0])
# float32 path: triangular solve with adjoint and batch cholesky
A = tf.constant(rs.randn(2, 3, 3).astype(np.float32))
spd = tf.matmul(A, A, transpose_b=True) + 3.0 * tf.eye(3, batch_shape=[2])
Lb = tf.cholesky(spd)
rhs = tf.constant(rs.randn(2, 3, 2).astype(np.float32))
sol = tf.matrix_triangular_solve(Lb, rhs, lower=True, adjoint=True)
cs = tf.cholesky_solve(Lb, rhs)
g = tf.gradients(tf.reduce_sum(cs), A)[0]
with tf.Session() as sess:
    print(sess.run(Lb).tolist())
    print(sess.run(sol).tolist())
    print(sess.run(cs).tolist())
    print(sess.run(g).tolist())
