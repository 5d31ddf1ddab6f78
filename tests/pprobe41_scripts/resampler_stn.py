"""Spatial transformer with tf.contrib.resampler.resampler: a localisation net predicts a 2x3
affine theta per image, an affine grid of sampling points in pixel coordinates (some outside
the image), resampler's output and its gradients with respect to data and warp, then a few
SGD steps of a classifier on the resampled images: op counts, values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf
from tensorflow.contrib import resampler as rsm


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(7)
rs = np.random.RandomState(7)
x_np = rs.rand(3, 8, 8, 2).astype(np.float32)
y_np = np.array([0, 2, 1], np.int64)
g = tf.get_default_graph()
x = tf.placeholder(tf.float32, [3, 8, 8, 2], name="x")
y = tf.placeholder(tf.int64, [3], name="y")
feat = tf.layers.flatten(x)
theta = tf.layers.dense(feat, 6, kernel_initializer=tf.random_normal_initializer(0., 0.01, seed=2),
                        bias_initializer=tf.constant_initializer([1.1, 0.1, 0., -0.1, 0.9, 0.]))
theta = tf.reshape(theta, [3, 2, 3])
ys, xs = np.meshgrid(np.linspace(-1., 1., 6), np.linspace(-1., 1., 6), indexing="ij")
grid = np.stack([xs.ravel(), ys.ravel(), np.ones(36)], 0).astype(np.float32)
pts = tf.einsum("bij,jk->bik", theta, tf.constant(grid))
pts = tf.transpose(pts, [0, 2, 1])
warp = (pts + 1.0) * 0.5 * 8.0 - 0.5
warp = tf.reshape(warp, [3, 6, 6, 2])
n0 = len(g.get_operations())
out = rsm.resampler(x, warp, name="stn_sample")
print("resampler ops", len(g.get_operations()) - n0, out.shape, out.op.name, out.op.type)
gd, gw = tf.gradients(tf.reduce_sum(out * out), [x, warp])
logits = tf.layers.dense(tf.layers.flatten(out), 3,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=4))
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
n1 = len(g.get_operations())
train = tf.train.GradientDescentOptimizer(0.3).minimize(loss)
print("sgd ops", len(g.get_operations()) - n1)
fd = {x: x_np, y: y_np}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    o, a, b, wv = sess.run([out, gd, gw, warp], fd)
    print("warp", H(wv), repr(float(wv.min())), repr(float(wv.max())))
    print("out", H(o), repr(float(o[0, 0, 0, 0])), repr(float(o[2, 5, 5, 1])), repr(float(o.sum())))
    print("gdata", H(a), repr(float(a.sum())))
    print("gwarp", H(b), repr(float(b[1, 2, 3, 0])), repr(float(b[1, 2, 3, 1])))
    for step in range(4):
        lv, _ = sess.run([loss, train], fd)
        print(step, repr(float(lv)))
