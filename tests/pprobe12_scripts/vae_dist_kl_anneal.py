"""A VAE in the style of TF 1.x reference code built on tf.distributions: an encoder giving a
tf.distributions.Normal posterior, a standard-Normal prior, tf.distributions.kl_divergence
summed over latent dims, a Bernoulli decoder's log_prob, KL annealing with a weight from the
global step (tf.minimum of a linear warm-up), multi-sample reconstructions with sample(k)
and an importance-weighted bound with reduce_logsumexp; op counts, losses and hashes."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1201)
rs = np.random.RandomState(1202)
X = (rs.rand(32, 12) > 0.6).astype(np.float32)
tfd = tf.distributions
x = tf.placeholder(tf.float32, [None, 12], name="x")
gs = tf.train.get_or_create_global_step()
n0 = len(tf.get_default_graph().get_operations())
with tf.variable_scope("encoder"):
    h = tf.layers.dense(x, 10, tf.nn.softplus,
                        kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    loc = tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
    pre = tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=3))
    scale = tf.nn.softplus(pre + 0.5413) + 1e-5
    q = tfd.Normal(loc=loc, scale=scale, name="q_z")
print("ops encoder", len(tf.get_default_graph().get_operations()) - n0)
prior = tfd.Normal(loc=tf.zeros(2), scale=tf.ones(2), name="prior")
n0 = len(tf.get_default_graph().get_operations())
z = q.sample(seed=4)
print("ops sample", len(tf.get_default_graph().get_operations()) - n0, z.shape)


def decoder(z):
    with tf.variable_scope("decoder", reuse=tf.AUTO_REUSE):
        d = tf.layers.dense(z, 10, tf.nn.softplus,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=5), name="h")
        return tf.layers.dense(d, 12, kernel_initializer=tf.glorot_uniform_initializer(seed=6),
                               name="logits")


logits = decoder(z)
px = tfd.Bernoulli(logits=logits, dtype=tf.float32)
n0 = len(tf.get_default_graph().get_operations())
rec = tf.reduce_sum(px.log_prob(x), axis=-1)
print("ops log_prob", len(tf.get_default_graph().get_operations()) - n0)
n0 = len(tf.get_default_graph().get_operations())
kl = tf.reduce_sum(tfd.kl_divergence(q, prior), axis=-1)
print("ops kl", len(tf.get_default_graph().get_operations()) - n0, kl.shape)
beta = tf.minimum(1.0, tf.cast(gs, tf.float32) / 5.0)
elbo = tf.reduce_mean(rec - beta * kl)
loss = -elbo
train = tf.train.AdamOptimizer(0.02).minimize(loss, global_step=gs)
K = 5
zk = q.sample(K, seed=7)
print("zk", zk.shape)
logits_k = decoder(zk)
log_w = (tf.reduce_sum(tfd.Bernoulli(logits=logits_k).log_prob(x), -1)
         + tf.reduce_sum(prior.log_prob(zk), -1) - tf.reduce_sum(q.log_prob(zk), -1))
iwae = tf.reduce_mean(tf.reduce_logsumexp(log_w, 0) - np.log(K).astype(np.float32))
mean_ent = tf.reduce_mean(tf.reduce_sum(q.entropy(), -1))
print("ops total", len(tf.get_default_graph().get_operations()))
print("vars", [v.name for v in tf.global_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(8):
        _, lv, b, k = sess.run([train, loss, beta, kl], {x: X})
        print(step, repr(float(lv)), repr(float(b)), H(k))
    print("iwae", repr(float(sess.run(iwae, {x: X}))))
    print("ent", repr(float(sess.run(mean_ent, {x: X}))))
    print("z", H(sess.run(z, {x: X[:4]})))
    print("mean", sess.run(px.mean(), {x: X[:1]}).tolist())
    print("stddev", sess.run(q.stddev(), {x: X[:2]}).tolist())
    print("gs", sess.run(gs))
