"""A 2-D mixture density network on tf.contrib.distributions: MixtureSameFamily of
MultivariateNormalTriL components (fill_triangular of a dense head, softplus diagonal via
tfd.fill_triangular / matrix_set_diag), Categorical mixture weights; negative log-likelihood
trained a few RMSProp steps; mixture mean, seeded samples, the component log-probs and
the Mixture (list of components) of MultivariateNormalDiag on the same inputs."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4211)
rs = np.random.RandomState(4212)
tfd = tf.contrib.distributions
N, K, D = 16, 3, 2
xs = rs.uniform(-1, 1, (N, 1)).astype(np.float32)
ys = np.concatenate([np.sin(3 * xs), xs ** 2], 1) + 0.1 * rs.randn(N, D)
ys = ys.astype(np.float32)
x = tf.placeholder(tf.float32, [None, 1], name="x")
y = tf.placeholder(tf.float32, [None, D], name="y")
init = tf.glorot_uniform_initializer(seed=11)
h = tf.layers.dense(x, 10, tf.nn.tanh, kernel_initializer=init, name="h")
logits = tf.layers.dense(h, K, kernel_initializer=init, name="pi")
loc = tf.reshape(tf.layers.dense(h, K * D, kernel_initializer=init, name="mu"), [-1, K, D])
tri = tf.reshape(tf.layers.dense(h, K * D * (D + 1) // 2, kernel_initializer=init, name="L"),
                 [-1, K, D * (D + 1) // 2])
L = tfd.fill_triangular(tri)
L = tf.matrix_set_diag(L, tf.nn.softplus(tf.matrix_diag_part(L)) + 1e-3)
n0 = len(tf.get_default_graph().get_operations())
mix = tfd.MixtureSameFamily(
    mixture_distribution=tfd.Categorical(logits=logits),
    components_distribution=tfd.MultivariateNormalTriL(loc=loc, scale_tril=L))
nll = -tf.reduce_mean(mix.log_prob(y))
print("ops mixture+nll", len(tf.get_default_graph().get_operations()) - n0)
print("shapes", mix.batch_shape, mix.event_shape, mix.name)
train = tf.train.RMSPropOptimizer(1e-2).minimize(nll)
mean = mix.mean()
n1 = len(tf.get_default_graph().get_operations())
samp = mix.sample(2, seed=4213)
print("ops sample", len(tf.get_default_graph().get_operations()) - n1, samp.shape)
comp_lp = mix.components_distribution.log_prob(y[:, None, :])
cov = mix.components_distribution.covariance()
diag = tfd.Mixture(
    cat=tfd.Categorical(logits=logits),
    components=[tfd.MultivariateNormalDiag(loc=loc[:, k], scale_diag=tf.exp(0.1 * loc[:, k]))
                for k in range(K)])
dlp = diag.log_prob(y)
dsamp = diag.sample(seed=4214)
print("ops total", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    fd = {x: xs, y: ys}
    for i in range(5):
        lv, _ = sess.run([nll, train], fd)
        print(i, repr(float(lv)))
    m, s, c, cv = sess.run([mean, samp, comp_lp, cov], fd)
    print("mean", m[:2].tolist())
    print("samp", H(s), s[:, 0].tolist())
    print("comp_lp", c[:2].tolist())
    print("cov", H(cv), cv[0, 0].tolist())
    a, b = sess.run([dlp, dsamp], fd)
    print("mixture", a[:4].tolist(), H(b))
