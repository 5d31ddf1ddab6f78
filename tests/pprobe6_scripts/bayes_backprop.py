"""Bayes by backprop for a 1-D regression: weight means and rho variables (sigma =
softplus(rho)), seeded tf.random_normal reparameterised samples, a scale-mixture-free
Gaussian prior with the KL written in closed form, a Gaussian likelihood, the ELBO averaged
over 3 Monte Carlo samples, Adam; then the predictive mean and std from 10 samples."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(161)
X = np.linspace(-2, 2, 20).astype(np.float32)[:, None]
Yv = np.array([[math.sin(1.5 * v) + 0.1 * math.cos(7 * v)] for v in X[:, 0].tolist()], np.float32)
x = tf.constant(X)
y = tf.constant(Yv)


def bayes_dense(inp, n_out, name):
    n_in = inp.shape[-1].value
    with tf.variable_scope(name, reuse=tf.AUTO_REUSE):
        mu = tf.get_variable(
            "mu", [n_in, n_out], initializer=tf.random_normal_initializer(0, 0.3, seed=len(name))
        )
        rho = tf.get_variable("rho", [n_in, n_out], initializer=tf.constant_initializer(-3.0))
        bmu = tf.get_variable("bmu", [n_out], initializer=tf.zeros_initializer())
    sigma = tf.nn.softplus(rho)
    w = mu + sigma * tf.random_normal([n_in, n_out])
    kl = tf.reduce_sum(-tf.log(sigma) + (tf.square(sigma) + tf.square(mu)) / 2.0 - 0.5)
    return tf.matmul(inp, w) + bmu, kl


def net():
    h, k1 = bayes_dense(x, 16, "l1")
    out, k2 = bayes_dense(tf.nn.relu(h), 1, "l2")
    return out, k1 + k2


elbos = []
for _ in range(3):
    out, kl = net()
    nll = tf.reduce_sum(0.5 * tf.square(out - y) / 0.01)
    elbos.append(nll + kl / 20.0)
loss = tf.add_n(elbos) / 3.0
train = tf.train.AdamOptimizer(0.02).minimize(loss)
preds = tf.stack([net()[0] for _ in range(10)])
pm, pv = tf.nn.moments(preds, [0])
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(15):
        lv, _ = s.run([loss, train])
        if i % 3 == 0:
            print("step", i, repr(float(lv)))
    m, v = s.run([pm, pv])
    print("pred", H(m), H(v), repr(float(m[5, 0])), repr(float(np.sqrt(v[5, 0]))))
