"""A VAE with a full-covariance Gaussian posterior on tf.contrib.distributions: the encoder
gives loc and a fill_triangular scale (MultivariateNormalTriL), a MultivariateNormalDiag
prior, reparameterised samples (sample(2, seed)), an Independent(Bernoulli) decoder with
reinterpreted_batch_ndims=1, the KL in closed form and by
tf.contrib.bayesflow.monte_carlo.expectation; trained a few Adam steps; reparameterization_type,
the ELBO, samples and op counts."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4231)
rs = np.random.RandomState(4232)
tfd = tf.contrib.distributions
mc = tf.contrib.bayesflow.monte_carlo
X = (rs.rand(8, 10) > 0.5).astype(np.float32)
Z = 2
x = tf.placeholder(tf.float32, [None, 10], name="x")
init = tf.glorot_uniform_initializer(seed=31)
with tf.variable_scope("enc"):
    h = tf.layers.dense(x, 8, tf.nn.relu, kernel_initializer=init)
    loc = tf.layers.dense(h, Z, kernel_initializer=init)
    tri = tf.layers.dense(h, Z * (Z + 1) // 2, kernel_initializer=init)
    scale = tfd.fill_triangular(tri)
    scale = tf.matrix_set_diag(scale, tf.nn.softplus(tf.matrix_diag_part(scale)) + 1e-4)
n0 = len(tf.get_default_graph().get_operations())
q = tfd.MultivariateNormalTriL(loc=loc, scale_tril=scale, name="q")
prior = tfd.MultivariateNormalDiag(loc=tf.zeros(Z), scale_diag=tf.ones(Z), name="prior")
z = q.sample(2, seed=4233)
print("ops q+sample", len(tf.get_default_graph().get_operations()) - n0, z.shape)
print("reparam", q.reparameterization_type, prior.reparameterization_type)
with tf.variable_scope("dec"):
    hd = tf.layers.dense(z, 8, tf.nn.relu, kernel_initializer=init)
    out = tf.layers.dense(hd, 10, kernel_initializer=init)
lik = tfd.Independent(tfd.Bernoulli(logits=out), reinterpreted_batch_ndims=1)
print("lik", lik.batch_shape, lik.event_shape, lik.name)
ll = tf.reduce_mean(lik.log_prob(x), 0)
n1 = len(tf.get_default_graph().get_operations())
kl = tfd.kl_divergence(q, prior)
print("ops kl", len(tf.get_default_graph().get_operations()) - n1)
n2 = len(tf.get_default_graph().get_operations())
kl_mc = mc.expectation(lambda s: q.log_prob(s) - prior.log_prob(s), samples=q.sample(
    16, seed=4234), log_prob=q.log_prob, use_reparametrization=True)
print("ops kl_mc", len(tf.get_default_graph().get_operations()) - n2)
elbo = tf.reduce_mean(ll - kl)
train = tf.train.AdamOptimizer(1e-2).minimize(-elbo)
print("ops total", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(5):
        e, _ = sess.run([elbo, train], {x: X})
        print(i, repr(float(e)))
    a, b, c = sess.run([kl, kl_mc, z], {x: X[:3]})
    print("kl", a.tolist())
    print("kl_mc", b.tolist())
    print("z", H(c), c[:, 0].tolist())
    print("lik", H(sess.run(lik.sample(seed=4235), {x: X[:2]})))
