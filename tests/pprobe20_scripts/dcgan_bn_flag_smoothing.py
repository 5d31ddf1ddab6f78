"""DCGAN with tf.layers.batch_normalization(training=is_training) where is_training is a
tf.placeholder_with_default(False) bool: one-sided label smoothing (real labels 0.9 by
tf.fill) in the discriminator's sigmoid cross-entropy, tf.losses.sigmoid_cross_entropy's
label_smoothing for the generator, the generator's UPDATE_OPS gating its train op, then
samples in inference mode (moving statistics) and training mode; op count and bytes."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(21)
rs = np.random.RandomState(8)
real = tf.constant(rs.rand(4, 8, 8, 1).astype(np.float32) * 2 - 1, name="real")
is_training = tf.placeholder_with_default(False, [], name="is_training")
z = tf.random_uniform([4, 4], -1.0, 1.0, seed=2)
init = tf.random_normal_initializer(stddev=0.02, seed=6)


def generator(z):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 2 * 2 * 8, use_bias=False, kernel_initializer=init)
        h = tf.reshape(h, [-1, 2, 2, 8])
        h = tf.nn.relu(tf.layers.batch_normalization(h, momentum=0.8, training=is_training))
        h = tf.layers.conv2d_transpose(h, 4, 5, 2, "same", use_bias=False,
                                       kernel_initializer=init)
        h = tf.nn.relu(tf.layers.batch_normalization(h, momentum=0.8, training=is_training))
        h = tf.layers.conv2d_transpose(h, 1, 5, 2, "same", kernel_initializer=init)
        return tf.tanh(h)


def discriminator(x, reuse=None):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.nn.leaky_relu(tf.layers.conv2d(x, 4, 5, 2, "same", kernel_initializer=init))
        h = tf.nn.leaky_relu(tf.layers.conv2d(h, 8, 5, 2, "same", kernel_initializer=init))
        return tf.layers.dense(tf.layers.flatten(h), 1, kernel_initializer=init)


fake = generator(z)
d_real = discriminator(real)
d_fake = discriminator(fake, reuse=True)
xent = tf.nn.sigmoid_cross_entropy_with_logits
d_loss = (tf.reduce_mean(xent(labels=tf.fill(tf.shape(d_real), 0.9), logits=d_real))
          + tf.reduce_mean(xent(labels=tf.zeros_like(d_fake), logits=d_fake)))
g_loss = tf.losses.sigmoid_cross_entropy(tf.ones_like(d_fake), d_fake, label_smoothing=0.1)
d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="discriminator")
g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
d_step = tf.train.AdamOptimizer(2e-4 * 10, beta1=0.5).minimize(d_loss, var_list=d_vars)
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope="generator")):
    g_step = tf.train.AdamOptimizer(2e-4 * 10, beta1=0.5).minimize(g_loss, var_list=g_vars)
print(len(tf.get_default_graph().get_operations()), len(g_vars), len(d_vars))
print([op.name for op in tf.get_collection(tf.GraphKeys.UPDATE_OPS)])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        dl, _ = s.run([d_loss, d_step], {is_training: True})
        gl, _ = s.run([g_loss, g_step], {is_training: True})
        print(i, repr(float(dl)), repr(float(gl)))
    print("infer", H(s.run(fake)))
    print("train", H(s.run(fake, {is_training: True})))
    for v in tf.global_variables():
        if "moving" in v.name:
            print(v.name, s.run(v).tolist())
