"""A dense VAE: encoder to mu/log-variance, reparameterization with random_normal, Bernoulli
decoder with sigmoid cross entropy, KL term, Adam; sampling from the prior."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(123)
rs = np.random.RandomState(0)
X = (rs.rand(20, 16) > 0.5).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 16])
h = tf.layers.dense(x, 12, tf.nn.relu, name="enc")
mu = tf.layers.dense(h, 3, name="mu")
logvar = tf.layers.dense(h, 3, name="logvar")
eps = tf.random_normal(tf.shape(mu), seed=4)
z = mu + tf.exp(0.5 * logvar) * eps
dh = tf.layers.dense(z, 12, tf.nn.relu, name="dec")
logits = tf.layers.dense(dh, 16, name="out")
rec = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=logits), 1)
kl = -0.5 * tf.reduce_sum(1 + logvar - tf.square(mu) - tf.exp(logvar), 1)
loss = tf.reduce_mean(rec + kl)
train = tf.train.AdamOptimizer(0.01).minimize(loss)
zp = tf.random_normal([4, 3])
with tf.variable_scope("", reuse=True):
    gen = tf.nn.sigmoid(tf.layers.dense(tf.layers.dense(zp, 12, tf.nn.relu, name="dec"), 16,
                                        name="out"))
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, r, k, _ = s.run([loss, tf.reduce_mean(rec), tf.reduce_mean(kl), train], {x: X})
        print(i, repr(float(lv)), repr(float(r)), repr(float(k)))
    print(H(s.run(gen)))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
