"""pix2pix with tf.contrib.layers: a U-Net generator of contrib conv2d (stride 2,
normalizer_fn=batch_norm with is_training, leaky_relu) and conv2d_transpose with skip
concats, a PatchGAN discriminator on concat([input, target]), the generator's loss
GAN + 100 * L1 (tf.losses.absolute_difference), contrib batch_norm's UPDATE_OPS by
tf.contrib.layers.optimize_loss's update_ops; op count, losses and bytes."""
import hashlib

import numpy as np
import tensorflow as tf

layers = tf.contrib.layers


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5)
rs = np.random.RandomState(9)
inp = tf.constant(rs.rand(2, 8, 8, 2).astype(np.float32) * 2 - 1, name="input")
tgt = tf.constant(rs.rand(2, 8, 8, 1).astype(np.float32) * 2 - 1, name="target")
init = tf.random_normal_initializer(0, 0.02, seed=13)
bn = {"is_training": True, "decay": 0.9, "scale": True}


def unet(x):
    with tf.variable_scope("generator"):
        e1 = layers.conv2d(x, 4, 4, 2, activation_fn=tf.nn.leaky_relu, weights_initializer=init,
                           scope="e1")
        e2 = layers.conv2d(e1, 8, 4, 2, activation_fn=tf.nn.leaky_relu,
                           normalizer_fn=layers.batch_norm,
                           normalizer_params=bn, weights_initializer=init, scope="e2")
        e3 = layers.conv2d(e2, 8, 4, 2, activation_fn=tf.nn.relu, weights_initializer=init,
                           scope="e3")
        d3 = layers.conv2d_transpose(e3, 8, 4, 2, normalizer_fn=layers.batch_norm,
                                     normalizer_params=bn, weights_initializer=init, scope="d3")
        d3 = tf.concat([d3, e2], axis=3)
        d2 = layers.conv2d_transpose(d3, 4, 4, 2, normalizer_fn=layers.batch_norm,
                                     normalizer_params=bn, weights_initializer=init, scope="d2")
        d2 = tf.concat([d2, e1], axis=3)
        return layers.conv2d_transpose(d2, 1, 4, 2, activation_fn=tf.tanh,
                                       weights_initializer=init, scope="d1")


def patch_disc(x, y, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.concat([x, y], axis=3)
        h = layers.conv2d(h, 4, 4, 2, activation_fn=tf.nn.leaky_relu, weights_initializer=init,
                          scope="c1")
        h = layers.conv2d(h, 8, 4, 1, activation_fn=tf.nn.leaky_relu, weights_initializer=init,
                          scope="c2")
        return layers.conv2d(h, 1, 4, 1, activation_fn=None, weights_initializer=init, scope="c3")


out = unet(inp)
d_real = patch_disc(inp, tgt)
d_fake = patch_disc(inp, out, reuse=True)
eps = 1e-12
d_loss = tf.reduce_mean(-(tf.log(tf.sigmoid(d_real) + eps) + tf.log(1 - tf.sigmoid(d_fake) + eps)))
gan = tf.reduce_mean(-tf.log(tf.sigmoid(d_fake) + eps))
l1 = tf.losses.absolute_difference(tgt, out)
g_loss = gan + 100.0 * l1
step = tf.train.get_or_create_global_step()
d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "discriminator")
g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "generator")
d_train = tf.train.AdamOptimizer(2e-3, 0.5).minimize(d_loss, var_list=d_vars)
g_train = layers.optimize_loss(g_loss, step, 2e-3, lambda lr: tf.train.AdamOptimizer(lr, 0.5),
                               variables=g_vars, summaries=[],
                               update_ops=tf.get_collection(tf.GraphKeys.UPDATE_OPS, "generator"))
print(len(tf.get_default_graph().get_operations()), out.shape, d_fake.shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        dl, _ = s.run([d_loss, d_train])
        gl, ll, _ = s.run([g_loss, l1, g_train])
        print(i, repr(float(dl)), repr(float(gl)), repr(float(ll)))
    print(s.run(step), H(s.run(out)))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
