"""Reparameterised gradients and Monte Carlo estimators the way variational-inference code in
TF1 repos writes them: implicit reparameterisation gradients of seeded Gamma / Beta /
Dirichlet samples (a variational Gamma posterior fitted by a Monte Carlo ELBO),
tf.contrib.bayesflow.monte_carlo.expectation with and without the score-function trick,
the reparameterization_type of each family, Normal's cdf / survival_function / quantile,
RelaxedBernoulli samples, a Mixture's log_prob and its errors."""
import numpy as np
import tensorflow as tf

tfd = tf.contrib.distributions
mc = tf.contrib.bayesflow.monte_carlo

np.random.seed(5)
tf.set_random_seed(21)

for d in (tfd.Normal(0.0, 1.0), tfd.Gamma(1.0, 1.0), tfd.Beta(1.0, 1.0),
          tfd.Dirichlet([1.0, 1.0]), tfd.Categorical(logits=[0.0, 1.0]),
          tfd.RelaxedOneHotCategorical(0.5, logits=[0.0, 1.0]), tfd.Bernoulli(probs=0.3)):
    print(type(d).__name__, d.reparameterization_type)

conc = tf.Variable(2.0, name="conc")
rate = tf.Variable(1.5, name="rate")
q = tfd.Gamma(concentration=conc, rate=rate)
z = q.sample(50, seed=3)
g_conc, g_rate = tf.gradients(tf.reduce_mean(z), [conc, rate])
beta = tfd.Beta(tf.constant([2.0, 0.5]), tf.constant([3.0, 1.5]))
bz = beta.sample(4, seed=4)
g_beta = tf.gradients(tf.reduce_sum(bz), [beta.concentration1, beta.concentration0])
dirc = tf.constant([1.0, 2.0, 3.0])
dz = tfd.Dirichlet(dirc).sample(3, seed=5)
g_dir = tf.gradients(tf.reduce_sum(dz[:, 0]), dirc)

# a variational Gamma posterior for a Poisson rate, ELBO by Monte Carlo
counts = tf.constant([3.0, 5.0, 4.0, 6.0, 2.0])
prior = tfd.Gamma(2.0, 0.5)
lam = q.sample(20, seed=7)
loglik = tf.reduce_sum(tfd.Poisson(rate=lam[:, None]).log_prob(counts), axis=1)
elbo = tf.reduce_mean(loglik + prior.log_prob(lam) - q.log_prob(lam))
train = tf.train.AdamOptimizer(0.1).minimize(-elbo)

n = tfd.Normal(loc=tf.constant([0.0, 1.0]), scale=tf.constant([1.0, 2.0]))
e_rep = mc.expectation(f=lambda x: x * x, samples=n.sample(100, seed=8),
                       use_reparametrization=True)
e_sf = mc.expectation(f=lambda x: x * x, samples=n.sample(100, seed=8),
                      log_prob=n.log_prob, use_reparametrization=False)
g_sf = tf.gradients(tf.reduce_sum(e_sf), [n.loc, n.scale])

rb = tfd.RelaxedBernoulli(temperature=0.5, logits=[-1.0, 0.0, 2.0])
mix = tfd.Mixture(cat=tfd.Categorical(probs=[0.3, 0.7]),
                  components=[tfd.Normal(-1.0, 0.5), tfd.Normal(2.0, 1.0)])

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("gamma grads", sess.run([g_conc, g_rate]))
    print("beta grads", [a.tolist() for a in sess.run(g_beta)])
    print("dirichlet grad", sess.run(g_dir)[0].tolist())
    for step in range(5):
        e = sess.run(elbo)
        sess.run(train)
        print("elbo", step, repr(e), sess.run([conc, rate]))
    print("expectation", sess.run(e_rep).tolist(), sess.run(e_sf).tolist())
    print("score grads", [a.tolist() for a in sess.run(g_sf)])
    print("cdf", sess.run(n.cdf([0.5, 0.5])).tolist(),
          sess.run(n.survival_function([0.5, 0.5])).tolist(),
          sess.run(n.quantile([0.1, 0.9])).tolist(),
          sess.run(n.log_cdf([-3.0, -20.0])).tolist())
    print("relaxed bernoulli", sess.run(rb.sample(2, seed=9)).tolist(),
          sess.run(rb.log_prob([0.3, 0.5, 0.9])).tolist())
    print("mixture", sess.run(mix.log_prob([-1.0, 0.0, 2.5])).tolist(),
          sess.run(mix.sample(4, seed=10)).tolist(), sess.run(mix.mean()))

try:
    tfd.Mixture(cat=tfd.Categorical(probs=[0.3, 0.7]), components=[tfd.Normal(0.0, 1.0)])
except ValueError as e:
    print("ValueError", e)
try:
    mc.expectation(f=lambda x: x, samples=tf.ones([2]), use_reparametrization=False)
except ValueError as e:
    print("ValueError", e)
print("ops", len(tf.get_default_graph().get_operations()))
