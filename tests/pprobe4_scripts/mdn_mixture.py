"""Mixture density network (Bishop; the "MDN in TensorFlow" tutorial): a net predicting
mixture weights, means and scales, the negative log-likelihood through
tf.contrib.distributions Mixture(Categorical, Normal) and by hand with reduce_logsumexp,
Adam; then seeded sampling from the fitted mixture and its mean/stddev."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(101)
rs = np.random.RandomState(102)
ds = tf.contrib.distributions
K = 3
x = tf.placeholder(tf.float32, [None, 1])
y = tf.placeholder(tf.float32, [None])


def net(xin):
    h = tf.layers.dense(xin, 12, tf.nn.tanh, name="h")
    logits = tf.layers.dense(h, K, name="pi")
    mu = tf.layers.dense(h, K, name="mu")
    sigma = tf.exp(tf.layers.dense(h, K, name="sigma"))
    mix = ds.Mixture(
        cat=ds.Categorical(logits=logits),
        components=[ds.Normal(mu[:, k], sigma[:, k]) for k in range(K)],
    )
    return logits, mu, sigma, mix


net = tf.make_template("mdn", net)
logits, mu, sigma, mix = net(x)
nll = -tf.reduce_mean(mix.log_prob(y))
lp = tf.nn.log_softmax(logits) + ds.Normal(mu, sigma).log_prob(y[:, None])
nll2 = -tf.reduce_mean(tf.reduce_logsumexp(lp, 1))
train = tf.train.AdamOptimizer(0.02).minimize(nll)
x5 = tf.placeholder(tf.float32, [5, 1])  # (flowgrad samples a Mixture of static batch shape only)
mix5 = net(x5)[3]
samp = mix5.sample(2, seed=7)
mm, ms = mix5.mean(), mix5.stddev()
print(len(tf.get_default_graph().get_operations()))
Yv = rs.uniform(-3, 3, 20)
X = (np.sin(0.75 * Yv) * 7 + Yv * 0.5 + rs.randn(20)).astype(np.float32)[:, None]
Yv = Yv.astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        a, b, _ = s.run([nll, nll2, train], {x: X, y: Yv})
        print(i, repr(float(a)), repr(float(b)))
    print(H(s.run(samp, {x5: X[:5]})), H(s.run(mm, {x5: X[:5]})), H(s.run(ms, {x5: X[:5]})))
    print(repr(s.run(mm, {x5: X[:5]}).tolist()))
