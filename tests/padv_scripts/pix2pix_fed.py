"""pix2pix pieces with the images fed (feed_dict): reflect pad, convs, contrib instance_norm
and a hand-written instance norm below the fed placeholders, 3 Adam steps, then the
generated image and image metrics. Grappler regroups the hand-written norm's Mul tree on
its symbolic shapes (the conv gives the rank back), which flowgrad follows."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
rng = np.random.RandomState(2)
A = rng.rand(2, 16, 16, 3).astype(np.float32) * 2 - 1
B = rng.rand(2, 16, 16, 3).astype(np.float32) * 2 - 1
x = tf.placeholder(tf.float32, [None, 16, 16, 3], name="A")
t = tf.placeholder(tf.float32, [None, 16, 16, 3], name="B")
init = tf.random_normal_initializer(0, 0.02, seed=11)


def lrelu(v, a=0.2):
    return tf.nn.leaky_relu(v, alpha=a)


def inorm(v, name):
    with tf.variable_scope(name):
        mean, var = tf.nn.moments(v, [1, 2], keep_dims=True)
        depth = v.get_shape()[3]
        scale = tf.get_variable(
            "scale", [depth], initializer=tf.random_normal_initializer(1.0, 0.02, seed=4)
        )
        offset = tf.get_variable("offset", [depth], initializer=tf.constant_initializer(0.0))
        return scale * (v - mean) * tf.rsqrt(var + 1e-5) + offset


def gen(inp):
    with tf.variable_scope("gen"):
        p = tf.pad(inp, [[0, 0], [1, 1], [1, 1], [0, 0]], "REFLECT")
        e1 = tf.layers.conv2d(p, 8, 3, padding="valid", kernel_initializer=init, name="e1")
        e2 = tf.layers.conv2d(
            lrelu(e1), 16, 4, strides=2, padding="same", kernel_initializer=init, name="e2"
        )
        e2 = tf.contrib.layers.instance_norm(e2)
        e3 = tf.layers.conv2d(
            lrelu(e2), 16, 4, strides=2, padding="same", kernel_initializer=init, name="e3"
        )
        e3 = inorm(e3, "in3")
        d1 = tf.layers.conv2d_transpose(
            tf.nn.relu(e3), 16, 4, strides=2, padding="same", kernel_initializer=init, name="d1"
        )
        d1 = tf.layers.dropout(d1, 0.5, training=True, seed=9)
        d1 = tf.concat([d1, e2], axis=3)
        filt = tf.get_variable("d2w", [4, 4, 8, 32], initializer=init)
        d2 = tf.nn.conv2d_transpose(
            tf.nn.relu(d1),
            filt,
            output_shape=[tf.shape(inp)[0], 16, 16, 8],
            strides=[1, 2, 2, 1],
            padding="SAME",
        )
        d2 = tf.nn.dropout(d2, keep_prob=0.5, seed=10)
        up = tf.image.resize_nearest_neighbor(d2, [32, 32])
        sub = tf.layers.conv2d(up, 12, 3, padding="same", kernel_initializer=init, name="sub")
        ps = tf.depth_to_space(sub, 2)
        sd = tf.space_to_depth(ps, 4)
        out = tf.layers.conv2d(sd, 3, 1, kernel_initializer=init, name="out")
        return tf.tanh(out), ps, sd


def disc(inp, tgt, reuse):
    with tf.variable_scope("disc", reuse=reuse):
        h = tf.concat([inp, tgt], 3)
        h = lrelu(
            tf.layers.conv2d(h, 8, 4, strides=2, padding="same", kernel_initializer=init, name="d1")
        )
        h = tf.layers.conv2d(h, 1, 4, strides=1, padding="same", kernel_initializer=init, name="d2")
        return tf.sigmoid(h)


fake, ps, sd = gen(x)
print("ops gen", len(tf.get_default_graph().get_operations()))
dr = disc(x, t, False)
df = disc(x, fake, True)
EPS = 1e-12
d_loss = tf.reduce_mean(-(tf.log(dr + EPS) + tf.log(1 - df + EPS)))
g_gan = tf.reduce_mean(-tf.log(df + EPS))
g_l1 = tf.reduce_mean(tf.abs(t - fake))
g_loss = g_gan + 100.0 * g_l1
print("ops loss", len(tf.get_default_graph().get_operations()))
dv = [v for v in tf.trainable_variables() if v.name.startswith("disc")]
gv = [v for v in tf.trainable_variables() if v.name.startswith("gen")]
d_train = tf.train.AdamOptimizer(2e-4, 0.5).minimize(d_loss, var_list=dv)
with tf.control_dependencies([d_train]):
    g_train = tf.train.AdamOptimizer(2e-4, 0.5).minimize(g_loss, var_list=gv)
ema = tf.train.ExponentialMovingAverage(decay=0.99)
upd = ema.apply([d_loss, g_gan, g_l1])
train = tf.group(upd, g_train)
print("ops train", len(tf.get_default_graph().get_operations()))
# image ops
img = (fake + 1) / 2
u8 = tf.image.convert_image_dtype(img, tf.uint8, saturate=True)
back = tf.image.convert_image_dtype(u8, tf.float32)
psnr = tf.image.psnr(back, (t + 1) / 2, max_val=1.0)
ssim = tf.image.ssim(
    tf.image.resize_images(back, [32, 32]),
    tf.image.resize_images((t + 1) / 2, [32, 32]),
    max_val=1.0,
)
crop = tf.image.random_crop(x[0], [12, 12, 3], seed=21)
flip = tf.image.random_flip_left_right(x[0], seed=22)
print("ops img", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    fd = {x: A, t: B}
    for i in range(3):
        _, a, b, c = s.run([train, d_loss, g_gan, g_l1], fd)
        print(i, repr(float(a)), repr(float(b)), repr(float(c)))
    for v in s.run([fake, ps, sd, u8, psnr, ssim, crop, flip], fd):
        print(v.shape, v.dtype, v.ravel()[:4].tolist(), v.astype(np.float64).sum().hex())
