"""A conditional LSGAN: one-hot labels (tf.one_hot) reshaped and tiled to the feature
maps and concatenated to them (generator and discriminator), upsampling by
tf.image.resize_nearest_neighbor then a 3x3 conv, least-squares losses by
tf.losses.mean_squared_error, var_lists by tf.get_collection(TRAINABLE_VARIABLES, scope)
and Adam(beta1=0.5); the graph's op count, losses and the variables' bytes."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(7)
rs = np.random.RandomState(5)
real = tf.constant(rs.rand(4, 8, 8, 1).astype(np.float32) * 2 - 1, name="real")
labels = tf.constant(np.array([0, 2, 1, 2], np.int32), name="labels")
y = tf.one_hot(labels, 3)
z = tf.random_normal([4, 6], seed=3)
init = tf.random_normal_initializer(0.0, 0.05, seed=9)


def tile_labels(y, h):
    side = h.shape[1].value
    return tf.tile(tf.reshape(y, [-1, 1, 1, 3]), [1, side, side, 1])


def generator(z, y):
    with tf.variable_scope("G"):
        h = tf.layers.dense(tf.concat([z, y], 1), 2 * 2 * 6, kernel_initializer=init)
        h = tf.nn.relu(tf.reshape(h, [-1, 2, 2, 6]))
        for i, ch in enumerate([4, 3]):
            side = h.shape[1].value * 2
            h = tf.image.resize_nearest_neighbor(h, [side, side])
            h = tf.concat([h, tile_labels(y, h)], 3)
            h = tf.layers.conv2d(h, ch, 3, padding="same", kernel_initializer=init,
                                 name="up%d" % i)
            h = tf.nn.relu(h)
        return tf.tanh(tf.layers.conv2d(h, 1, 1, kernel_initializer=init, name="out"))


def discriminator(x, y, reuse=False):
    with tf.variable_scope("D", reuse=reuse):
        h = tf.concat([x, tile_labels(y, x)], 3)
        h = tf.nn.leaky_relu(tf.layers.conv2d(h, 4, 3, 2, "same", kernel_initializer=init), 0.2)
        h = tf.concat([h, tile_labels(y, h)], 3)
        h = tf.nn.leaky_relu(tf.layers.conv2d(h, 6, 3, 2, "same", kernel_initializer=init), 0.2)
        return tf.layers.dense(tf.layers.flatten(h), 1, kernel_initializer=init)


fake = generator(z, y)
d_real = discriminator(real, y)
d_fake = discriminator(fake, y, reuse=True)
d_loss = 0.5 * (tf.losses.mean_squared_error(tf.ones_like(d_real), d_real)
                + tf.losses.mean_squared_error(tf.zeros_like(d_fake), d_fake))
g_loss = 0.5 * tf.losses.mean_squared_error(tf.ones_like(d_fake), d_fake)
d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="D")
g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="G")
print([v.name for v in d_vars])
print([v.name for v in g_vars])
d_step = tf.train.AdamOptimizer(1e-3, beta1=0.5).minimize(d_loss, var_list=d_vars)
g_step = tf.train.AdamOptimizer(1e-3, beta1=0.5).minimize(g_loss, var_list=g_vars)
print(len(tf.get_default_graph().get_operations()))
print(fake.shape, d_real.shape, len(tf.get_collection(tf.GraphKeys.LOSSES)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        dl, _ = s.run([d_loss, d_step])
        gl, _ = s.run([g_loss, g_step])
        print(i, repr(float(dl)), repr(float(gl)))
    print(H(s.run(fake)))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
