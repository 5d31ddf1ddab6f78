"""Vanilla saliency, SmoothGrad with seeded noise, integrated gradients over tf.linspace
alphas, Grad-CAM (gradients w.r.t. a conv map, resize_bilinear / resize_images to the
input) and gradient*input."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(7)
rng = np.random.RandomState(1)
X = rng.rand(2, 16, 16, 3).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 16, 16, 3])
with tf.variable_scope("net"):
    c1 = tf.layers.conv2d(
        x,
        4,
        3,
        padding="same",
        activation=tf.nn.relu,
        name="c1",
        kernel_initializer=tf.glorot_uniform_initializer(seed=1),
    )
    c2 = tf.layers.conv2d(
        c1,
        5,
        3,
        strides=2,
        padding="same",
        activation=tf.nn.relu,
        name="c2",
        kernel_initializer=tf.glorot_uniform_initializer(seed=2),
    )
    gap = tf.reduce_mean(c2, axis=[1, 2])
    logits = tf.layers.dense(
        gap, 3, name="fc", kernel_initializer=tf.glorot_uniform_initializer(seed=3)
    )
print("ops0", len(tf.get_default_graph().get_operations()))
cls = tf.argmax(logits, axis=1)
score = tf.reduce_sum(logits * tf.one_hot(cls, 3), axis=1)
# vanilla saliency
sal = tf.gradients(score, x)[0]
sal_map = tf.reduce_max(tf.abs(sal), axis=-1)
print("ops sal", len(tf.get_default_graph().get_operations()))
# SmoothGrad
n = 4
noise = tf.random_normal([n, 16, 16, 3], stddev=0.15, seed=5)
xs = tf.expand_dims(x[0], 0) + noise
with tf.variable_scope("net", reuse=True):
    h = tf.layers.conv2d(xs, 4, 3, padding="same", activation=tf.nn.relu, name="c1")
    h = tf.layers.conv2d(h, 5, 3, strides=2, padding="same", activation=tf.nn.relu, name="c2")
    lg = tf.layers.dense(tf.reduce_mean(h, axis=[1, 2]), 3, name="fc")
sg = tf.reduce_mean(tf.gradients(lg[:, 1], xs)[0], axis=0)
print("ops sg", len(tf.get_default_graph().get_operations()))
# Integrated gradients
steps = 8
alphas = tf.reshape(tf.linspace(0.0, 1.0, steps + 1), [-1, 1, 1, 1])
base = tf.zeros_like(x[:1])
interp = base + alphas * (x[:1] - base)
with tf.variable_scope("net", reuse=True):
    h = tf.layers.conv2d(interp, 4, 3, padding="same", activation=tf.nn.relu, name="c1")
    h = tf.layers.conv2d(h, 5, 3, strides=2, padding="same", activation=tf.nn.relu, name="c2")
    lg2 = tf.layers.dense(tf.reduce_mean(h, axis=[1, 2]), 3, name="fc")
g = tf.gradients(lg2[:, 2], interp)[0]
avg = (g[:-1] + g[1:]) / 2.0
ig = (x[:1] - base) * tf.reduce_mean(avg, axis=0, keepdims=True)
print("ops ig", len(tf.get_default_graph().get_operations()))
# Grad-CAM
gconv = tf.gradients(score, c2)[0]
w = tf.reduce_mean(gconv, axis=[1, 2], keepdims=True)
cam = tf.nn.relu(tf.reduce_sum(w * c2, axis=-1, keepdims=True))
cam_up = tf.image.resize_bilinear(cam, [16, 16])
cam_up2 = tf.image.resize_images(cam, tf.shape(x)[1:3])
cam_n = cam_up / (tf.reduce_max(cam_up, axis=[1, 2, 3], keepdims=True) + 1e-8)
# guided-ish / gradient*input
gxi = sal * x
print("ops cam", len(tf.get_default_graph().get_operations()))
ops = tf.get_default_graph().get_operations()
print([(o.name, o.type) for o in ops[-40:]])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    fd = {x: X}
    for t in [logits, sal_map, sg, ig, cam, cam_up, cam_up2, cam_n, gxi, gconv]:
        v = s.run(t, fd)
        print(v.shape, v.ravel()[:5].tolist(), v.astype(np.float64).sum().hex())
