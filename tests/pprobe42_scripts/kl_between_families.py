"""kl_divergence between families of tf.distributions and tf.contrib.distributions (the
registered closed forms): Normal, Bernoulli, Categorical, Beta, Gamma, Dirichlet, Exponential
(if registered), MultivariateNormalDiag vs MultivariateNormalTriL / FullCovariance,
OneHotCategorical; allow_nan_stats, the error for an unregistered pair, gradients of a KL
and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(4221)
rs = np.random.RandomState(4222)
td = tf.distributions
tfd = tf.contrib.distributions
g = tf.get_default_graph()


def count(f, *a):
    n0 = len(g.get_operations())
    out = f(*a)
    return out, len(g.get_operations()) - n0


mu = tf.Variable(rs.randn(3).astype(np.float32), name="mu")
pairs = [
    ("normal", td.Normal(mu, [1.0, 2.0, 0.5]), td.Normal([0.0, 0.5, 1.0], [1.5, 1.0, 1.0])),
    ("bernoulli", td.Bernoulli(logits=mu), td.Bernoulli(probs=[0.2, 0.5, 0.9])),
    ("categorical", td.Categorical(logits=tf.reshape(mu, [1, 3])),
     td.Categorical(probs=[[0.2, 0.3, 0.5]])),
    ("beta", td.Beta(tf.exp(mu), [2.0, 1.0, 0.5]), td.Beta([1.0, 1.0, 1.0], [3.0, 0.7, 2.0])),
    ("gamma", td.Gamma(tf.exp(mu), [1.0, 2.0, 3.0]), td.Gamma([2.0, 1.0, 0.5], [1.0, 1.0, 4.0])),
    ("dirichlet", td.Dirichlet(tf.exp(mu)), td.Dirichlet([1.0, 2.0, 3.0])),
    ("mvn_diag_tril", tfd.MultivariateNormalDiag(mu, [1.0, 2.0, 0.5]),
     tfd.MultivariateNormalTriL([0.1, 0.2, 0.3],
                                [[1.0, 0.0, 0.0], [0.5, 1.2, 0.0], [-0.3, 0.2, 0.8]])),
    ("mvn_full", tfd.MultivariateNormalFullCovariance(
        mu, [[2.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 0.5]]),
     tfd.MultivariateNormalDiag([0.0, 0.0, 0.0], [1.0, 1.0, 1.0])),
    ("onehot", tfd.OneHotCategorical(logits=mu), tfd.OneHotCategorical(probs=[0.1, 0.6, 0.3])),
]
kls = []
for name, p, q in pairs:
    try:
        kl, n = count(td.kl_divergence, p, q)
    except Exception as e:  # noqa: BLE001
        print(name, "error", type(e).__name__, str(e)[:120])
        continue
    print(name, "ops", n, kl.op.name, kl.shape)
    kls.append((name, kl))
try:
    td.kl_divergence(td.Normal(0.0, 1.0), td.Bernoulli(probs=0.5))
except NotImplementedError as e:
    print("unregistered", str(e)[:140])
kl_self = td.kl_divergence(td.Normal(mu, 1.0), td.Normal(mu, 1.0))
total = tf.add_n([tf.reduce_sum(k) for _, k in kls])
grad, n = count(tf.gradients, total, mu)
print("grad ops", n)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for name, kl in kls:
        print(name, sess.run(kl).tolist())
    print("self", sess.run(kl_self).tolist())
    print("grad", sess.run(grad[0]).tolist())
