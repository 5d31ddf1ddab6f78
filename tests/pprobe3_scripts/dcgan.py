"""DCGAN-style: generator with dense + conv2d_transpose + batch_norm, discriminator with
strided conv2d + leaky_relu, shared by reuse; two Adam optimizers with var_list and
the generator's UPDATE_OPS as control dependencies; random_uniform noise."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(2019)
rs = np.random.RandomState(1)
real = tf.constant(rs.rand(4, 8, 8, 1).astype(np.float32) * 2 - 1)
z = tf.random_uniform([4, 5], -1.0, 1.0)
init = tf.truncated_normal_initializer(stddev=0.02)


def generator(z, training=True):
    with tf.variable_scope("gen"):
        h = tf.layers.dense(z, 2 * 2 * 8, kernel_initializer=init)
        h = tf.reshape(h, [-1, 2, 2, 8])
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=training))
        h = tf.layers.conv2d_transpose(h, 4, 4, 2, "same", kernel_initializer=init)
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=training))
        h = tf.layers.conv2d_transpose(h, 1, 4, 2, "same", kernel_initializer=init)
        return tf.tanh(h)


def discriminator(x, reuse=False):
    with tf.variable_scope("disc", reuse=reuse):
        h = tf.nn.leaky_relu(tf.layers.conv2d(x, 4, 4, 2, "same", kernel_initializer=init), 0.2)
        h = tf.layers.conv2d(h, 8, 4, 2, "same", kernel_initializer=init)
        h = tf.nn.leaky_relu(tf.layers.batch_normalization(h, training=True), 0.2)
        return tf.layers.dense(tf.layers.flatten(h), 1)


fake = generator(z)
d_real = discriminator(real)
d_fake = discriminator(fake, reuse=True)
xent = tf.nn.sigmoid_cross_entropy_with_logits
d_loss = tf.reduce_mean(xent(labels=tf.ones_like(d_real), logits=d_real)) + \
    tf.reduce_mean(xent(labels=tf.zeros_like(d_fake), logits=d_fake))
g_loss = tf.reduce_mean(xent(labels=tf.ones_like(d_fake), logits=d_fake))
tv = tf.trainable_variables()
dv = [v for v in tv if v.name.startswith("disc")]
gv = [v for v in tv if v.name.startswith("gen")]
# Only the generator's moving statistics are updated: the discriminator runs twice per step,
# and two updates of one moving average in one run come in either order in TF.
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS, "gen")):
    d_opt = tf.train.AdamOptimizer(2e-3, beta1=0.5).minimize(d_loss, var_list=dv)
    g_opt = tf.train.AdamOptimizer(2e-3, beta1=0.5).minimize(g_loss, var_list=gv)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        dl, _ = s.run([d_loss, d_opt])
        gl, _ = s.run([g_loss, g_opt])
        print(i, repr(float(dl)), repr(float(gl)))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
