"""A full-covariance Gaussian variational posterior as TF1 VI code writes it: the Cholesky
factor from tf.contrib.distributions.fill_triangular of a flat variable, a
MultivariateNormalTriL with a softplus diagonal (matrix_diag_transform), its seeded samples,
log_prob, entropy and KL to another MVN with its gradient; a WishartCholesky sample and
log_prob; MultivariateNormalDiagPlusLowRank, Logistic, StudentT, Multinomial and
DirichletMultinomial values; the CholeskyOuterProduct and ScaleTriL bijectors; and
fill_triangular's error for a length that is no triangular number."""
import tensorflow as tf

tfd = tf.contrib.distributions
tfb = tfd.bijectors

tf.set_random_seed(3)
flat = tf.Variable([0.5, 0.1, 0.8, -0.2, 0.3, 1.1], name="flat")
L = tfd.fill_triangular(flat)
mvn = tfd.MultivariateNormalTriL(loc=tf.zeros([3]), scale_tril=L)
q = tfd.MultivariateNormalTriL(loc=[0.1, 0.2, 0.3],
                               scale_tril=tfd.matrix_diag_transform(L, tf.nn.softplus))
s = mvn.sample(4, seed=1)
kl = tfd.kl_divergence(q, mvn)
w = tfd.WishartCholesky(df=4.0, scale=tf.eye(3))
lr = tfd.MultivariateNormalDiagPlusLowRank(loc=[0.0, 0.0], scale_diag=[1.0, 2.0],
                                           scale_perturb_factor=[[0.5], [0.2]])
print(L.op.name, s.shape, kl.op.name)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("L", sess.run(L).tolist())
    print("samples", sess.run(s).tolist())
    print("log_prob", sess.run(mvn.log_prob(s)).tolist(), sess.run(kl), sess.run(mvn.entropy()))
    print("kl grad", sess.run(tf.gradients(kl, flat))[0].tolist())
    print("wishart", sess.run(w.sample(seed=2)).tolist(), sess.run(w.log_prob(tf.eye(3) * 2.0)))
    print("softplus_inverse", sess.run(tfd.softplus_inverse(tf.constant([0.5, 2.0]))).tolist())
    print("low rank", sess.run(lr.log_prob([0.3, -0.4])), sess.run(lr.covariance()).tolist())
    print("logistic", sess.run(tfd.Logistic(0.0, 1.0).cdf([0.5])).tolist(),
          "student", sess.run(tfd.StudentT(3.0, 0.0, 1.0).log_prob([0.5])).tolist())
    print("multinomial",
          sess.run(tfd.Multinomial(total_count=5.0, probs=[0.2, 0.8]).sample(2, seed=4)).tolist())
    print("dirichlet multinomial",
          sess.run(tfd.DirichletMultinomial(5.0, [1.0, 2.0]).log_prob([2.0, 3.0])).tolist())
    chol = tfb.CholeskyOuterProduct()
    m = tf.constant([[1.0, 0.0], [0.5, 2.0]])
    print("cholesky outer", sess.run(chol.forward(m)).tolist(),
          sess.run(chol.forward_log_det_jacobian(m, event_ndims=2)))
    st = tfb.ScaleTriL(diag_bijector=tfb.Softplus())
    print("scale tril", st.name, sess.run(st.forward(tf.constant([0.1, 0.2, 0.3]))).tolist())
try:
    tfd.fill_triangular(tf.ones([5]))
except ValueError as e:
    print("ValueError", e)
print("ops", len(tf.get_default_graph().get_operations()))
