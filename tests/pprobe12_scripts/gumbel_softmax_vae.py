"""A categorical VAE with the Gumbel-softmax trick as in Jang et al.'s TF1 reference code:
logits for N categorical latents of K classes, tf.contrib.distributions.RelaxedOneHotCategorical
with a temperature placeholder annealed by exp(-r t) (clipped at a minimum), the hard
straight-through sample tf.stop_gradient(y_hard - y) + y with tf.one_hot of the argmax, a
Bernoulli decoder, the KL to a uniform categorical by hand and via
tf.contrib.distributions.OneHotCategorical / Categorical kl_divergence; sampled codes, losses."""

import hashlib
import math

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1281)
rs = np.random.RandomState(1282)
tfd = tf.contrib.distributions
N, K, D = 3, 4, 10
X = (rs.rand(16, D) > 0.5).astype(np.float32)
x = tf.placeholder(tf.float32, [None, D])
tau = tf.placeholder(tf.float32, [], name="temperature")
hard = tf.placeholder_with_default(False, [], name="hard")
net = tf.layers.dense(x, 12, tf.nn.elu, kernel_initializer=tf.glorot_uniform_initializer(seed=81))
logits_y = tf.reshape(tf.layers.dense(
    net, N * K, kernel_initializer=tf.glorot_uniform_initializer(seed=82)), [-1, N, K])
n0 = len(tf.get_default_graph().get_operations())
q_y = tfd.RelaxedOneHotCategorical(tau, logits=logits_y)
y_soft = q_y.sample(seed=83)
print("ops relaxed sample", len(tf.get_default_graph().get_operations()) - n0, y_soft.shape)
y_hard = tf.cast(tf.one_hot(tf.argmax(y_soft, -1), K), y_soft.dtype)
y = tf.cond(hard, lambda: tf.stop_gradient(y_hard - y_soft) + y_soft, lambda: y_soft)
dec = tf.layers.dense(tf.layers.flatten(y), 12, tf.nn.elu,
                      kernel_initializer=tf.glorot_uniform_initializer(seed=84))
logits_x = tf.layers.dense(dec, D, kernel_initializer=tf.glorot_uniform_initializer(seed=85))
p_x = tfd.Bernoulli(logits=logits_x)
q_probs = tf.nn.softmax(logits_y)
log_q = tf.log(q_probs + 1e-20)
kl_hand = tf.reduce_sum(q_probs * (log_q - tf.log(1.0 / K)), [1, 2])
n0 = len(tf.get_default_graph().get_operations())
kl_lib = tf.reduce_sum(tfd.kl_divergence(tfd.Categorical(logits=logits_y),
                                         tfd.Categorical(logits=tf.zeros_like(logits_y))), 1)
print("ops kl categorical", len(tf.get_default_graph().get_operations()) - n0)
onehot = tfd.OneHotCategorical(logits=logits_y, dtype=tf.float32)
code = onehot.sample(seed=86)
lp_code = onehot.log_prob(code)
elbo = tf.reduce_sum(p_x.log_prob(x), 1) - kl_hand
loss = -tf.reduce_mean(elbo)
train = tf.train.AdamOptimizer(1e-2).minimize(loss)
print("ops total", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    t0, r, tmin = 1.0, 0.3, 0.5
    for i in range(6):
        t = max(t0 * math.exp(-r * i), tmin)   # (libm's exp: NumPy's differs by version)
        lv, _ = sess.run([loss, train], {x: X, tau: t, hard: i % 2 == 1})
        print(i, repr(float(t)), repr(float(lv)))
    kh, kl = sess.run([kl_hand, kl_lib], {x: X})
    print("kl", H(kh), H(kl), repr(float(np.abs(kh - kl).max() < 1e-5)))
    ys, yh = sess.run([y_soft, y], {x: X[:2], tau: 0.5, hard: True})
    print("y_soft", ys.tolist())
    print("y_st", yh.tolist())
    c, lp = sess.run([code, lp_code], {x: X[:3]})
    print("code", c.argmax(-1).tolist(), lp.tolist())
    print("lp_relaxed", H(sess.run(q_y.log_prob(ys), {x: X[:2], tau: 0.5})))
