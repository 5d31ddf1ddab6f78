"""An auxiliary-classifier GAN on 2-D points with tf.contrib.gan.losses.wargs: the
discriminator's two heads (real/fake and class logits), acgan_discriminator_loss /
acgan_generator_loss on the real batch's one-hot labels (the generator is conditioned on
them, shuffled by a seeded tf.random_shuffle), least_squares losses beside them,
combine_adversarial_loss with a gradient-ratio weight;
Adam(beta1=0.5) on scoped var_lists; the losses collection, op count and values."""
import hashlib

import numpy as np
import tensorflow as tf

tfgan = tf.contrib.gan


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(31)
rs = np.random.RandomState(4)
centers = np.array([[1, 0], [0, 1], [-1, -1]], np.float32)
lab = rs.randint(0, 3, 8)
real = tf.constant(centers[lab] + 0.1 * rs.randn(8, 2).astype(np.float32), name="real")
real_y = tf.one_hot(tf.constant(lab.astype(np.int32)), 3)
perm = tf.random_shuffle(tf.range(8), seed=5)
real = tf.gather(real, perm)
real_y = tf.gather(real_y, perm)
z = tf.random_normal([8, 3], seed=6)
init = tf.glorot_uniform_initializer(seed=7)


def generator(z, y):
    with tf.variable_scope("gen"):
        h = tf.layers.dense(tf.concat([z, y], 1), 8, tf.nn.relu, kernel_initializer=init)
        return tf.layers.dense(h, 2, kernel_initializer=init)


def discriminator(x, reuse=False):
    with tf.variable_scope("disc", reuse=reuse):
        h = tf.layers.dense(x, 8, tf.nn.leaky_relu, kernel_initializer=init, name="h")
        return (tf.layers.dense(h, 1, kernel_initializer=init, name="src"),
                tf.layers.dense(h, 3, kernel_initializer=init, name="cls"))


fake = generator(z, real_y)
src_r, cls_r = discriminator(real)
src_f, cls_f = discriminator(fake, reuse=True)
d_ls = tfgan.losses.wargs.least_squares_discriminator_loss(src_r, src_f)
g_ls = tfgan.losses.wargs.least_squares_generator_loss(src_f)
d_ac = tfgan.losses.wargs.acgan_discriminator_loss(cls_r, cls_f, real_y)
g_ac = tfgan.losses.wargs.acgan_generator_loss(cls_f, real_y)
g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "gen")
d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "disc")
g_total = tfgan.losses.wargs.combine_adversarial_loss(
    g_ac, g_ls, gradient_ratio=0.5, gradient_summaries=False, variables=g_vars)
d_total = d_ls + d_ac
print([t.op.name for t in tf.get_collection(tf.GraphKeys.LOSSES)])
d_step = tf.train.AdamOptimizer(5e-3, beta1=0.5).minimize(d_total, var_list=d_vars)
g_step = tf.train.AdamOptimizer(5e-3, beta1=0.5).minimize(g_total, var_list=g_vars)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(perm).tolist())
    for i in range(4):
        v = s.run([d_ls, d_ac, d_step])
        w = s.run([g_ls, g_ac, g_total, g_step])
        print(i, [repr(float(x)) for x in v[:2]], [repr(float(x)) for x in w[:3]])
    print(H(s.run(fake)))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
