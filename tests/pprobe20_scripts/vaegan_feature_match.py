"""A VAE-GAN on 8x8 images: a conv encoder to (mu, log_var) with the reparameterization
(seeded tf.random_normal of tf.shape(mu)), a decoder by resize_nearest_neighbor + conv,
the KL term, a feature-matching loss on the discriminator's hidden features (the real
ones under tf.stop_gradient), WGAN-style weight clipping of the discriminator by a
tf.group of tf.assign(clip_by_value) after RMSProp steps, and the decoder / encoder
trained by Adam(beta1=0.5) on their scoped var_lists; op count, losses and bytes."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(61)
rs = np.random.RandomState(21)
x = tf.constant(rs.rand(4, 8, 8, 1).astype(np.float32) * 2 - 1, name="x")
init = tf.random_normal_initializer(0, 0.1, seed=29)


def encoder(img):
    with tf.variable_scope("enc"):
        h = tf.nn.elu(tf.layers.conv2d(img, 4, 3, 2, "same", kernel_initializer=init))
        h = tf.layers.flatten(h)
        return (tf.layers.dense(h, 3, kernel_initializer=init, name="mu"),
                tf.layers.dense(h, 3, kernel_initializer=init, name="log_var"))


def decoder(z, reuse=False):
    with tf.variable_scope("dec", reuse=reuse):
        h = tf.reshape(tf.layers.dense(z, 4 * 4 * 4, tf.nn.relu, kernel_initializer=init),
                       [-1, 4, 4, 4])
        h = tf.image.resize_nearest_neighbor(h, [8, 8])
        return tf.tanh(tf.layers.conv2d(h, 1, 3, padding="same", kernel_initializer=init))


def discriminator(img, reuse=False):
    with tf.variable_scope("dis", reuse=reuse):
        feat = tf.nn.leaky_relu(tf.layers.conv2d(img, 4, 3, 2, "same", kernel_initializer=init))
        return tf.layers.dense(tf.layers.flatten(feat), 1, kernel_initializer=init), feat


mu, log_var = encoder(x)
z = mu + tf.exp(0.5 * log_var) * tf.random_normal(tf.shape(mu), seed=4)
recon = decoder(z)
prior = decoder(tf.random_normal([4, 3], seed=5), reuse=True)
d_x, f_x = discriminator(x)
d_r, f_r = discriminator(recon, reuse=True)
d_p, _ = discriminator(prior, reuse=True)
kl = -0.5 * tf.reduce_mean(tf.reduce_sum(1 + log_var - tf.square(mu) - tf.exp(log_var), 1))
feat_match = tf.reduce_mean(tf.square(tf.stop_gradient(f_x) - f_r))
d_loss = tf.reduce_mean(d_r) + tf.reduce_mean(d_p) - 2 * tf.reduce_mean(d_x)
dec_loss = feat_match - tf.reduce_mean(d_r) - tf.reduce_mean(d_p)
enc_loss = kl + feat_match
col = tf.GraphKeys.TRAINABLE_VARIABLES
d_vars, e_vars, g_vars = (tf.get_collection(col, s) for s in ("dis", "enc", "dec"))
d_step = tf.train.RMSPropOptimizer(5e-3).minimize(d_loss, var_list=d_vars)
with tf.control_dependencies([d_step]):
    clip = tf.group(*[tf.assign(v, tf.clip_by_value(v, -0.05, 0.05)) for v in d_vars])
e_step = tf.train.AdamOptimizer(2e-3, beta1=0.5).minimize(enc_loss, var_list=e_vars)
g_step = tf.train.AdamOptimizer(2e-3, beta1=0.5).minimize(dec_loss, var_list=g_vars)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        dl = s.run(d_loss)   # (apart: the dense layer's forward is not needed by its
        s.run(clip)          # gradient, so TF's read of it would race with the update)
        el, _ = s.run([enc_loss, e_step])
        gl, fm, _ = s.run([dec_loss, feat_match, g_step])
        print(i, repr(float(dl)), repr(float(el)), repr(float(gl)), repr(float(fm)))
    print(H(s.run(recon)))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
