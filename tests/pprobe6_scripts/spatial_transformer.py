"""A spatial transformer: a localisation net predicts an affine theta (initialised to the
identity), a sampling grid from tf.meshgrid, bilinear sampling written with gather_nd and
clipped floor/ceil corners, and a classifier on the warped images; gradients flow into theta
through the bilinear weights; trained with SGD."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(51)
rs = np.random.RandomState(52)
B, S = 3, 10
IM = rs.rand(B, S, S, 1).astype(np.float32)
LB = np.array([0, 1, 1], np.int64)
im = tf.constant(IM)
flat = tf.reshape(im, [B, S * S])
loc = tf.layers.dense(
    flat,
    6,
    kernel_initializer=tf.zeros_initializer(),
    bias_initializer=tf.constant_initializer([1.0, 0, 0, 0, 1.0, 0]),
)
loc = loc + tf.layers.dense(
    flat, 6, kernel_initializer=tf.random_normal_initializer(0, 0.01, seed=3), use_bias=False
)
theta = tf.reshape(loc, [B, 2, 3])
xs, ys = tf.meshgrid(tf.linspace(-1.0, 1.0, S), tf.linspace(-1.0, 1.0, S))
grid = tf.stack([tf.reshape(xs, [-1]), tf.reshape(ys, [-1]), tf.ones([S * S])], 0)
tg = tf.matmul(theta, tf.tile(grid[None], [B, 1, 1]))
gx = (tg[:, 0] + 1.0) * (S - 1) / 2.0
gy = (tg[:, 1] + 1.0) * (S - 1) / 2.0
x0 = tf.floor(gx)
y0 = tf.floor(gy)
x1, y1 = x0 + 1, y0 + 1


def clipi(a):
    return tf.cast(tf.clip_by_value(a, 0, S - 1), tf.int32)


bidx = tf.tile(tf.range(B)[:, None], [1, S * S])


def px(yy, xx):
    return tf.gather_nd(im[..., 0], tf.stack([bidx, clipi(yy), clipi(xx)], -1))


wa = (x1 - gx) * (y1 - gy)
wb = (x1 - gx) * (gy - y0)
wc = (gx - x0) * (y1 - gy)
wd = (gx - x0) * (gy - y0)
warped = wa * px(y0, x0) + wb * px(y1, x0) + wc * px(y0, x1) + wd * px(y1, x1)
warped = tf.reshape(warped, [B, S, S, 1])
c = tf.layers.conv2d(warped, 4, 3, activation=tf.nn.relu)
logits = tf.layers.dense(tf.layers.flatten(tf.layers.max_pooling2d(c, 2, 2)), 2)
loss = tf.losses.sparse_softmax_cross_entropy(LB, logits)
gth = tf.gradients(loss, theta)[0]
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    w0 = s.run(warped)
    print("identity", H(w0), repr(float(np.abs(w0 - IM).max())))
    print("gtheta", s.run(gth).ravel().tolist())
    for i in range(8):
        lv, _ = s.run([loss, train])
        print("step", i, repr(float(lv)))
    print("theta", s.run(theta)[0].ravel().tolist())
    print("warped", H(s.run(warped)))
