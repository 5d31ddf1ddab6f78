"""CycleGAN-style: two generators (A->B, B->A) of reflect-padded convs (tf.pad mode
REFLECT) with tf.contrib.layers.instance_norm and a residual block, LSGAN
discriminators, cycle-consistency and identity L1 terms, separate var_lists by scope
and Adam(beta1=0.5) with a shared learning-rate variable; op count, losses and bytes."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(11)
rs = np.random.RandomState(3)
A = tf.constant(rs.rand(2, 8, 8, 3).astype(np.float32) * 2 - 1, name="A")
B = tf.constant(rs.rand(2, 8, 8, 3).astype(np.float32) * 2 - 1, name="B")
init = tf.truncated_normal_initializer(stddev=0.02, seed=4)


def conv(x, ch, k, stride=1, name=None):
    if stride == 1 and k > 1:
        p = k // 2
        x = tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]], mode="REFLECT")
        return tf.layers.conv2d(x, ch, k, 1, "valid", kernel_initializer=init, name=name)
    return tf.layers.conv2d(x, ch, k, stride, "same", kernel_initializer=init, name=name)


def generator(x, scope, reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        h = tf.nn.relu(tf.contrib.layers.instance_norm(conv(x, 4, 5, name="c0")))
        h = tf.nn.relu(tf.contrib.layers.instance_norm(conv(h, 6, 3, 2, name="down")))
        with tf.variable_scope("res"):
            r = tf.nn.relu(tf.contrib.layers.instance_norm(conv(h, 6, 3, name="r0")))
            r = tf.contrib.layers.instance_norm(conv(r, 6, 3, name="r1"))
            h = h + r
        h = tf.layers.conv2d_transpose(h, 4, 3, 2, "same", kernel_initializer=init, name="up")
        h = tf.nn.relu(tf.contrib.layers.instance_norm(h))
        return tf.tanh(conv(h, 3, 5, name="out"))


def discriminator(x, scope, reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        h = tf.nn.leaky_relu(conv(x, 4, 4, 2, name="c0"), 0.2)
        h = tf.nn.leaky_relu(tf.contrib.layers.instance_norm(conv(h, 8, 4, 2, name="c1")), 0.2)
        return conv(h, 1, 3, name="patch")


fake_B = generator(A, "G_AB")
fake_A = generator(B, "G_BA")
cyc_A = generator(fake_B, "G_BA", reuse=True)
cyc_B = generator(fake_A, "G_AB", reuse=True)
id_B = generator(B, "G_AB", reuse=True)
d_B_real = discriminator(B, "D_B")
d_B_fake = discriminator(fake_B, "D_B", reuse=True)
d_A_real = discriminator(A, "D_A")
d_A_fake = discriminator(fake_A, "D_A", reuse=True)


def l1(a, b):
    return tf.reduce_mean(tf.abs(a - b))


cycle = l1(A, cyc_A) + l1(B, cyc_B)
g_loss = (tf.reduce_mean(tf.squared_difference(d_B_fake, 1.0))
          + tf.reduce_mean(tf.squared_difference(d_A_fake, 1.0))
          + 10.0 * cycle + 5.0 * l1(B, id_B))
d_loss = 0.5 * (tf.reduce_mean(tf.square(d_B_real - 1)) + tf.reduce_mean(tf.square(d_B_fake))
                + tf.reduce_mean(tf.square(d_A_real - 1)) + tf.reduce_mean(tf.square(d_A_fake)))
g_vars = (tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "G_AB")
          + tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "G_BA"))
d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "D_")
lr = tf.Variable(2e-3, trainable=False, name="lr")
g_step = tf.train.AdamOptimizer(lr, beta1=0.5, name="AdamG").minimize(g_loss, var_list=g_vars)
d_step = tf.train.AdamOptimizer(lr, beta1=0.5, name="AdamD").minimize(d_loss, var_list=d_vars)
decay = tf.assign(lr, lr * 0.5)
print(len(g_vars), len(d_vars), len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        gl, cl, _ = s.run([g_loss, cycle, g_step])
        dl, _ = s.run([d_loss, d_step])
        print(i, repr(float(gl)), repr(float(cl)), repr(float(dl)))
        s.run(decay)
    print(H(s.run(fake_B)), H(s.run(cyc_A)))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
