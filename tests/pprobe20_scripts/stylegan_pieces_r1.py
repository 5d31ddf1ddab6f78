"""StyleGAN / progressive-GAN pieces: a mapping MLP with pixel norm (x * rsqrt(mean(x^2)
+ 1e-8)), AdaIN (tf.nn.moments over [1, 2] keep_dims, style scale and bias from dense
layers), tf.image.resize_bilinear / resize_nearest_neighbor with a fade-in alpha
variable blending two resolutions, a minibatch-stddev feature map in the discriminator,
the non-saturating softplus loss and an R1 penalty by tf.gradients of D on the reals;
Adam(beta1=0, beta2=0.99, epsilon=1e-8); op count, losses and bytes."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(51)
rs = np.random.RandomState(15)
real = tf.constant(rs.rand(4, 8, 8, 3).astype(np.float32) * 2 - 1, name="real")
init = tf.random_normal_initializer(0, 0.1, seed=23)
alpha = tf.Variable(0.25, trainable=False, name="alpha")


def pixel_norm(v, axis):
    return v * tf.rsqrt(tf.reduce_mean(tf.square(v), axis=axis, keepdims=True) + 1e-8)


def adain(h, w, name):
    with tf.variable_scope(name):
        c = h.shape[-1].value
        mean, var = tf.nn.moments(h, [1, 2], keep_dims=True)
        hn = (h - mean) * tf.rsqrt(var + 1e-8)
        ys = tf.layers.dense(w, c, kernel_initializer=init, bias_initializer=tf.ones_initializer(),
                             name="scale")
        yb = tf.layers.dense(w, c, kernel_initializer=init, name="bias")
        return hn * ys[:, None, None, :] + yb[:, None, None, :]


def generator(z):
    with tf.variable_scope("G"):
        w = pixel_norm(z, 1)
        for i in range(2):
            w = tf.layers.dense(w, 6, tf.nn.leaky_relu, kernel_initializer=init, name="map%d" % i)
        const = tf.get_variable("const", [1, 4, 4, 6], initializer=tf.ones_initializer())
        h = tf.tile(const, [tf.shape(z)[0], 1, 1, 1])
        h = tf.nn.leaky_relu(tf.layers.conv2d(h, 6, 3, padding="same", kernel_initializer=init))
        h = adain(h, w, "a0")
        rgb_lo = tf.layers.conv2d(h, 3, 1, kernel_initializer=init, name="rgb_lo")
        h = tf.image.resize_nearest_neighbor(h, [8, 8])
        h = tf.nn.leaky_relu(tf.layers.conv2d(h, 4, 3, padding="same", kernel_initializer=init))
        h = pixel_norm(h, 3)
        h = adain(h, w, "a1")
        rgb_hi = tf.layers.conv2d(h, 3, 1, kernel_initializer=init, name="rgb_hi")
        up = tf.image.resize_bilinear(rgb_lo, [8, 8], align_corners=True)
        return alpha * rgb_hi + (1 - alpha) * up


def discriminator(img, reuse=False):
    with tf.variable_scope("D", reuse=reuse):
        h = tf.nn.leaky_relu(tf.layers.conv2d(img, 4, 1, kernel_initializer=init, name="from_rgb"))
        h = tf.nn.leaky_relu(tf.layers.conv2d(h, 6, 3, padding="same", kernel_initializer=init))
        h = tf.layers.average_pooling2d(h, 2, 2)
        _, var = tf.nn.moments(h, [0])
        sd = tf.reduce_mean(tf.sqrt(var + 1e-8))
        h = tf.concat([h, tf.fill(tf.concat([tf.shape(h)[:3], [1]], 0), sd)], 3)
        h = tf.nn.leaky_relu(tf.layers.conv2d(h, 6, 3, padding="same", kernel_initializer=init))
        return tf.layers.dense(tf.layers.flatten(h), 1, kernel_initializer=init)


z = tf.random_normal([4, 5], seed=3)
fake = generator(z)
d_real = discriminator(real)
d_fake = discriminator(fake, reuse=True)
r1 = tf.reduce_mean(tf.reduce_sum(tf.square(tf.gradients(tf.reduce_sum(d_real), [real])[0]),
                                  [1, 2, 3]))
d_loss = tf.reduce_mean(tf.nn.softplus(d_fake) + tf.nn.softplus(-d_real)) + 5.0 * r1
g_loss = tf.reduce_mean(tf.nn.softplus(-d_fake))


def opt():
    return tf.train.AdamOptimizer(2e-3, beta1=0.0, beta2=0.99, epsilon=1e-8)


d_step = opt().minimize(d_loss, var_list=tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "D"))
g_step = opt().minimize(g_loss, var_list=tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "G"))
grow = tf.assign_add(alpha, 0.25)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        dl, rv, _ = s.run([d_loss, r1, d_step])
        gl, _ = s.run([g_loss, g_step])
        s.run(grow)
        print(i, repr(float(dl)), repr(float(rv)), repr(float(gl)))
    print(H(s.run(fake)))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
