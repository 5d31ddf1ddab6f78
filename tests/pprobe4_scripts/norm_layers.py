"""Normalization layers and tricks in one small CNN: contrib layer_norm, instance_norm,
group_norm, weight normalization by hand (g * v / ||v||), spectral normalization with a
power-iteration vector updated by tf.assign under control_dependencies, trained with
Momentum and gradient clipping by value."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(71)
rs = np.random.RandomState(72)
x = tf.placeholder(tf.float32, [None, 6, 6, 3])
y = tf.placeholder(tf.float32, [None, 2])
h = tf.layers.conv2d(x, 8, 3, padding="same")
h = tf.contrib.layers.instance_norm(h, activation_fn=tf.nn.relu)
h = tf.layers.conv2d(h, 8, 3, padding="same")
h = tf.contrib.layers.group_norm(h, groups=4, activation_fn=tf.nn.relu)
h = tf.reduce_mean(h, [1, 2])
h = tf.contrib.layers.layer_norm(h, begin_norm_axis=1)
v = tf.get_variable("wn_v", [8, 6])
gn = tf.get_variable("wn_g", [6], initializer=tf.ones_initializer())
h = tf.nn.tanh(tf.matmul(h, gn * tf.nn.l2_normalize(v, 0)))
Wsn = tf.get_variable("sn_w", [6, 2])
u = tf.get_variable(
    "sn_u", [1, 2], initializer=tf.random_normal_initializer(seed=5), trainable=False
)
v_ = tf.nn.l2_normalize(tf.matmul(u, Wsn, transpose_b=True), 1)
u_ = tf.nn.l2_normalize(tf.matmul(v_, Wsn), 1)
sigma = tf.squeeze(
    tf.matmul(tf.matmul(tf.stop_gradient(v_), Wsn), tf.stop_gradient(u_), transpose_b=True)
)
with tf.control_dependencies([u.assign(u_)]):
    out = tf.matmul(h, Wsn / sigma)
loss = tf.losses.softmax_cross_entropy(y, out)
opt = tf.train.MomentumOptimizer(0.1, 0.8)
gv = [(tf.clip_by_value(g, -0.1, 0.1), v) for g, v in opt.compute_gradients(loss)]
train = opt.apply_gradients(gv)
print(len(tf.get_default_graph().get_operations()))
X = rs.randn(5, 6, 6, 3).astype(np.float32)
Y = np.eye(2, dtype=np.float32)[rs.randint(0, 2, 5)]
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, sg, _ = s.run([loss, sigma, train], {x: X, y: Y})
        print(i, repr(float(lv)), repr(float(sg)))
    for var in tf.global_variables():
        print(var.name, H(s.run(var)))
