"""SRGAN pieces fed by tf.data: PReLU, a residual block with batch norm, subpixel upsampling
(depth_to_space), MSE plus a hand-built VGG-style perceptual loss, Adam, psnr."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(8)
rng = np.random.RandomState(9)
LR = rng.rand(2, 8, 8, 3).astype(np.float32)
HR = rng.rand(2, 16, 16, 3).astype(np.float32)
ds = tf.data.Dataset.from_tensor_slices((LR, HR)).repeat().batch(2)
lr, hr = ds.make_one_shot_iterator().get_next()
init = tf.truncated_normal_initializer(stddev=0.02, seed=3)


def prelu(x, name):
    a = tf.get_variable(name, x.get_shape()[-1], initializer=tf.constant_initializer(0.2))
    return tf.maximum(0.0, x) + a * tf.minimum(0.0, x)


def gen(x):
    with tf.variable_scope("g"):
        h = prelu(
            tf.layers.conv2d(x, 8, 3, padding="same", kernel_initializer=init, name="c0"), "a0"
        )
        r = tf.layers.conv2d(h, 8, 3, padding="same", kernel_initializer=init, name="r1")
        r = tf.layers.batch_normalization(r, training=True, name="bn1")
        h = h + r
        up = tf.layers.conv2d(h, 12, 3, padding="same", kernel_initializer=init, name="up")
        up = tf.depth_to_space(up, 2)
        return tf.nn.tanh(up)


def vgg(x, reuse):
    with tf.variable_scope("vgg", reuse=reuse):
        mean = tf.constant([0.485, 0.456, 0.406]) * 255.0
        x = x * 255.0 - mean
        h = tf.layers.conv2d(
            x,
            4,
            3,
            padding="same",
            activation=tf.nn.relu,
            kernel_initializer=tf.constant_initializer(0.01),
            trainable=False,
            name="v1",
        )
        h = tf.layers.max_pooling2d(h, 2, 2)
        return tf.layers.conv2d(
            h,
            4,
            3,
            padding="same",
            activation=tf.nn.relu,
            kernel_initializer=tf.constant_initializer(-0.02),
            trainable=False,
            name="v2",
        )


sr = gen(lr)
mse = tf.reduce_mean(tf.square(sr - hr))
perc = tf.reduce_mean(tf.squared_difference(vgg((sr + 1) / 2, False), vgg(hr, True)))
loss = mse + 6e-3 * perc
upd = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(upd):
    train = tf.train.AdamOptimizer(1e-3).minimize(loss)
psnr = tf.reduce_mean(tf.image.psnr((sr + 1) / 2, hr, 1.0))
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        _, a, b, c = s.run([train, mse, perc, psnr])
        print(i, repr(float(a)), repr(float(b)), repr(float(c)))
