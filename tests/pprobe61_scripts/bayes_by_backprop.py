"""A Bayes-by-backprop MLP (Blundell et al. 2015) as public TF1 repos write it: each dense layer
holds a mean and a softplus-parameterised scale, weights are drawn by the reparameterisation
trick (mu + sigma * eps with seeded tf.random_normal), the complexity cost is the closed-form
KL to a N(0, 1) prior by tf.contrib.distributions.kl_divergence and also a Monte Carlo
estimate (log q - log p of the sample); Adam for a few steps on a seeded toy regression."""
import numpy as np
import tensorflow as tf

tfd = tf.contrib.distributions

np.random.seed(3)
tf.set_random_seed(11)
X = np.random.uniform(-1.0, 1.0, size=(32, 2)).astype(np.float32)
Y = (X[:, :1] * X[:, :1] * X[:, :1] - X[:, :1] + 0.5 * X[:, 1:]).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 2], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")


def bayes_dense(inp, n_in, n_out, name, seed):
    with tf.variable_scope(name):
        w_mu = tf.get_variable("w_mu", [n_in, n_out],
                               initializer=tf.truncated_normal_initializer(stddev=0.1, seed=seed))
        w_rho = tf.get_variable("w_rho", [n_in, n_out], initializer=tf.constant_initializer(-3.0))
        b_mu = tf.get_variable("b_mu", [n_out], initializer=tf.zeros_initializer())
        b_rho = tf.get_variable("b_rho", [n_out], initializer=tf.constant_initializer(-3.0))
        w_sigma = tf.nn.softplus(w_rho)
        b_sigma = tf.nn.softplus(b_rho)
        eps_w = tf.random_normal([n_in, n_out], seed=seed + 1)
        eps_b = tf.random_normal([n_out], seed=seed + 2)
        w = w_mu + w_sigma * eps_w
        b = b_mu + b_sigma * eps_b
        q_w = tfd.Normal(loc=w_mu, scale=w_sigma, name="q_w")
        q_b = tfd.Normal(loc=b_mu, scale=b_sigma, name="q_b")
        prior = tfd.Normal(loc=0.0, scale=1.0, name="prior")
        kl = (tf.reduce_sum(tfd.kl_divergence(q_w, prior))
              + tf.reduce_sum(tfd.kl_divergence(q_b, prior)))
        mc_kl = (tf.reduce_sum(q_w.log_prob(w) - prior.log_prob(w))
                 + tf.reduce_sum(q_b.log_prob(b) - prior.log_prob(b)))
        return tf.matmul(inp, w) + b, kl, mc_kl


h, kl1, mc1 = bayes_dense(x, 2, 16, "layer1", 100)
h = tf.nn.relu(h)
out, kl2, mc2 = bayes_dense(h, 16, 1, "layer2", 200)
kl = kl1 + kl2
mc_kl = mc1 + mc2
lik = tfd.Normal(loc=out, scale=0.1)
nll = -tf.reduce_sum(lik.log_prob(y))
elbo_loss = nll + kl / 32.0
train = tf.train.AdamOptimizer(0.01).minimize(elbo_loss)

print("kl shape", kl.shape, kl.dtype)
print("lik batch_shape", lik.batch_shape, "event_shape", lik.event_shape)
print("ops", len(tf.get_default_graph().get_operations()))
print("trainable", [v.name for v in tf.trainable_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: X, y: Y}
    for step in range(6):
        lv, k, m = sess.run([elbo_loss, kl, mc_kl], feed)
        sess.run(train, feed)
        print("step", step, repr(lv), repr(k), repr(m))
    preds = np.stack([sess.run(out, {x: X[:4]}) for _ in range(5)])
    print("pred mean", preds.mean(0).ravel().tolist())
    print("pred std", preds.std(0).ravel().tolist())
    print("w_sigma", sess.run(tf.nn.softplus(tf.get_default_graph()
                                             .get_tensor_by_name("layer2/w_rho:0")))[:3].ravel().tolist())
