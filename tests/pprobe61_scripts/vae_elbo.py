"""A VAE in the style of the classic TF1 tutorials: an MLP encoder gives a diagonal Normal
q(z|x) (softplus scale), z by the reparameterisation trick with a seeded sample, the decoder
gives Bernoulli logits, the ELBO is Bernoulli log_prob summed over pixels minus KL to a
standard Normal (analytic via kl_divergence and via MultivariateNormalDiag); a Normal
likelihood variant; shapes, op names and losses over a few Adam steps."""
import numpy as np
import tensorflow as tf

tfd = tf.contrib.distributions

np.random.seed(0)
tf.set_random_seed(1234)
data = (np.random.rand(16, 12) > 0.5).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 12], name="x")


def encoder(inp):
    with tf.variable_scope("encoder"):
        h = tf.layers.dense(inp, 8, activation=tf.nn.tanh,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=1))
        loc = tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
        pre = tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=3))
        scale = tf.nn.softplus(pre + 1e-4)
        return tfd.MultivariateNormalDiag(loc=loc, scale_diag=scale), loc, scale


def decoder(z):
    with tf.variable_scope("decoder", reuse=tf.AUTO_REUSE):
        h = tf.layers.dense(z, 8, activation=tf.nn.tanh,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=4))
        logits = tf.layers.dense(h, 12, kernel_initializer=tf.glorot_uniform_initializer(seed=5))
        return tfd.Independent(tfd.Bernoulli(logits=logits), reinterpreted_batch_ndims=1)


posterior, loc, scale = encoder(x)
prior = tfd.MultivariateNormalDiag(loc=tf.zeros([2]), scale_diag=tf.ones([2]))
z = posterior.sample(seed=7)
lik = decoder(z)
ll = lik.log_prob(x)
kl = tfd.kl_divergence(posterior, prior)
kl_normal = tf.reduce_sum(tfd.kl_divergence(tfd.Normal(loc, scale), tfd.Normal(0.0, 1.0)), 1)
elbo = tf.reduce_mean(ll - kl)
loss = -elbo
train = tf.train.AdamOptimizer(0.01).minimize(loss)

print("z", z.shape, "ll", ll.shape, "kl", kl.shape)
print("posterior", posterior.batch_shape, posterior.event_shape, posterior.name)
print("lik", lik.batch_shape, lik.event_shape, lik.dtype)
print("z op", z.op.name, z.op.type)
print("kl op", kl.op.name)
print("ops", len(tf.get_default_graph().get_operations()))

samples_img = decoder(prior.sample(3, seed=9)).sample(seed=10)
mean_img = decoder(prior.sample(3, seed=9)).mean()
print("samples", samples_img.shape, samples_img.dtype)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, lv, k, kn = sess.run([train, loss, kl, kl_normal], {x: data})
        print("step", step, repr(lv), repr(float(k[0])), repr(float(kn[0])))
    print("sampled", sess.run(samples_img).tolist())
    print("mean", sess.run(mean_img)[0].tolist())
    print("entropy q", sess.run(posterior.entropy(), {x: data[:3]}).tolist())

# Normal likelihood variant on continuous data
g = tf.Graph()
with g.as_default():
    tf.set_random_seed(5)
    xs = tf.constant(np.random.randn(4, 3).astype(np.float32))
    mu = tf.layers.dense(xs, 3, kernel_initializer=tf.ones_initializer())
    nl = tfd.Normal(loc=mu, scale=tf.fill([4, 3], 0.5))
    lp = tf.reduce_sum(nl.log_prob(xs), axis=-1)
    ind = tfd.Independent(nl, 1).log_prob(xs)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        a, b = s.run([lp, ind])
        print("normal lik", a.tolist(), b.tolist())
    try:
        tfd.Independent(nl, 3)
    except ValueError as e:
        print("ValueError", e)
