"""A SAGAN-style generator/discriminator on images fed through a [None, 8, 8, 3]
placeholder: a self-attention block (1x1 convs, reshape by tf.shape, matmul with
transpose_b, softmax, a gamma variable starting at 0), tf.nn.conv2d_transpose with an
output_shape built from tf.shape (batch unknown), tf.pad SYMMETRIC, tf.contrib.layers
layer_norm, the hinge loss (tf.nn.relu(1 -/+ D)), TTUR Adam(beta1=0, beta2=0.9) with
different learning rates; op count, losses, the attention map and bytes."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(41)
rs = np.random.RandomState(12)
images = rs.rand(3, 8, 8, 3).astype(np.float32) * 2 - 1
x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="x")
n = tf.shape(x)[0]
init = tf.random_normal_initializer(0, 0.05, seed=17)


def attention(h, name):
    with tf.variable_scope(name):
        c = h.shape[-1].value
        f = tf.layers.conv2d(h, c // 2, 1, kernel_initializer=init, name="f")
        g = tf.layers.conv2d(h, c // 2, 1, kernel_initializer=init, name="g")
        v = tf.layers.conv2d(h, c, 1, kernel_initializer=init, name="v")
        sh = tf.shape(h)

        def flat(t, k):
            return tf.reshape(t, [sh[0], sh[1] * sh[2], k])

        beta = tf.nn.softmax(tf.matmul(flat(g, c // 2), flat(f, c // 2), transpose_b=True))
        o = tf.reshape(tf.matmul(beta, flat(v, c)), sh)
        gamma = tf.get_variable("gamma", [], initializer=tf.zeros_initializer())
        return h + gamma * o, beta


def generator(z):
    with tf.variable_scope("gen"):
        h = tf.reshape(tf.layers.dense(z, 4 * 4 * 6, kernel_initializer=init), [-1, 4, 4, 6])
        h = tf.nn.relu(tf.contrib.layers.layer_norm(h))
        h, beta = attention(h, "attn")
        w = tf.get_variable("up_w", [3, 3, 4, 6], initializer=init)
        h = tf.nn.conv2d_transpose(h, w, tf.stack([n, 8, 8, 4]), [1, 2, 2, 1], "SAME")
        h = tf.nn.relu(tf.reshape(h, [-1, 8, 8, 4]))
        h = tf.pad(h, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="SYMMETRIC")
        return tf.tanh(tf.layers.conv2d(h, 3, 3, kernel_initializer=init, name="out")), beta


def discriminator(img, reuse=False):
    with tf.variable_scope("disc", reuse=reuse):
        h = tf.nn.leaky_relu(tf.layers.conv2d(img, 6, 3, 2, "same", kernel_initializer=init))
        h, _ = attention(h, "attn")
        h = tf.nn.leaky_relu(tf.layers.conv2d(h, 8, 3, 2, "same", kernel_initializer=init))
        return tf.layers.dense(tf.reduce_sum(h, [1, 2]), 1, kernel_initializer=init)


z = tf.random_normal(tf.stack([n, 5]), seed=8)
fake, beta = generator(z)
d_real = discriminator(x)
d_fake = discriminator(fake, reuse=True)
d_loss = tf.reduce_mean(tf.nn.relu(1.0 - d_real)) + tf.reduce_mean(tf.nn.relu(1.0 + d_fake))
g_loss = -tf.reduce_mean(d_fake)
d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "disc")
g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "gen")
d_step = tf.train.AdamOptimizer(4e-3, beta1=0.0, beta2=0.9).minimize(d_loss, var_list=d_vars)
g_step = tf.train.AdamOptimizer(1e-3, beta1=0.0, beta2=0.9).minimize(g_loss, var_list=g_vars)
print(len(tf.get_default_graph().get_operations()), fake.shape, beta.shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        dl, _ = s.run([d_loss, d_step], {x: images})
        gl, _ = s.run([g_loss, g_step], {x: images[:2]})
        print(i, repr(float(dl)), repr(float(gl)))
    f, b = s.run([fake, beta], {x: images[:1]})
    print(H(f), H(b), b.sum(-1).tolist())
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
