"""A Wasserstein GAN with gradient penalty on 2-D points: a generator and a critic MLP
(leaky_relu), interpolates with a seeded tf.random_uniform epsilon, the penalty from
tf.gradients of the critic (gradients of gradients in the critic's update), five critic
steps per generator step with Adam(beta1=0.5, beta2=0.9); prints losses and the penalty.
(The critic's update waits on the printed loss: TF's loss read races with the update
otherwise.)"""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def gen(z):
    with tf.variable_scope("G"):
        h = tf.layers.dense(z, 16, tf.nn.relu)
        return tf.layers.dense(h, 2)


def critic(x, reuse):
    with tf.variable_scope("D", reuse=reuse):
        h = tf.layers.dense(x, 16, lambda v: tf.nn.leaky_relu(v, 0.2))
        h = tf.layers.dense(h, 16, lambda v: tf.nn.leaky_relu(v, 0.2))
        return tf.layers.dense(h, 1)


tf.set_random_seed(761)
rs = np.random.RandomState(762)
B = 16
real = tf.placeholder(tf.float32, [B, 2])
z = tf.random_normal([B, 3])
fake = gen(z)
d_real = critic(real, False)
d_fake = critic(fake, True)
eps = tf.random_uniform([B, 1], 0.0, 1.0)
inter = eps * real + (1 - eps) * fake
d_int = critic(inter, True)
gi = tf.gradients(d_int, [inter])[0]
slopes = tf.sqrt(tf.reduce_sum(tf.square(gi), 1) + 1e-12)
gp = tf.reduce_mean((slopes - 1.0) ** 2)
d_loss = tf.reduce_mean(d_fake) - tf.reduce_mean(d_real) + 10.0 * gp
g_loss = -tf.reduce_mean(d_fake)
dv = tf.trainable_variables("D")
gv = tf.trainable_variables("G")
with tf.control_dependencies([d_loss, gp]):  # (the loss read before the update)
    d_train = tf.train.AdamOptimizer(1e-3, 0.5, 0.9).minimize(d_loss, var_list=dv)
g_train = tf.train.AdamOptimizer(1e-3, 0.5, 0.9).minimize(g_loss, var_list=gv)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for it in range(4):
        for k in range(5):
            ang = rs.rand(B) * 2 * np.pi
            R = np.stack([np.cos(ang), np.sin(ang)], 1).astype(np.float32)
            dl, g, _ = s.run([d_loss, gp, d_train], {real: R})
        gl, _ = s.run([g_loss, g_train])
        print(it, repr(float(dl)), repr(float(g)), repr(float(gl)))
    print(H(s.run(fake)))
    for v in dv:
        print(v.name, H(s.run(v)))
