"""Optical-flow style unsupervised training: contrib.image.dense_image_warp of a second frame
by a trainable flow field, a Charbonnier photometric loss plus a first-order smoothness term,
the gradients with respect to the flow and to the image, and a few Adam steps: op counts,
values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(41)
rs = np.random.RandomState(41)
f1 = rs.rand(2, 7, 6, 3).astype(np.float32)
f2 = np.roll(f1, 1, axis=2) + 0.05 * rs.randn(2, 7, 6, 3).astype(np.float32)
g = tf.get_default_graph()
img1 = tf.constant(f1, name="frame1")
img2 = tf.placeholder(tf.float32, [2, 7, 6, 3], name="frame2")
flow = tf.Variable(tf.random_uniform([2, 7, 6, 2], -0.7, 0.7, seed=3), name="flow")
n0 = len(g.get_operations())
warped = tf.contrib.image.dense_image_warp(img2, flow)
print("warp ops", len(g.get_operations()) - n0, warped.shape, warped.op.name)
diff = warped - img1
photo = tf.reduce_mean(tf.pow(tf.square(diff) + 1e-6, 0.45))
dx = flow[:, :, 1:, :] - flow[:, :, :-1, :]
dy = flow[:, 1:, :, :] - flow[:, :-1, :, :]
smooth = tf.reduce_mean(tf.abs(dx)) + tf.reduce_mean(tf.abs(dy))
loss = photo + 0.1 * smooth
gflow, gimg = tf.gradients(loss, [flow, img2])
n1 = len(g.get_operations())
train = tf.train.AdamOptimizer(0.05).minimize(loss)
print("adam ops", len(g.get_operations()) - n1)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    w, gf, gi = sess.run([warped, gflow, gimg], {img2: f2})
    print("warped", H(w), repr(float(w[0, 3, 2, 1])), repr(float(w[1, 6, 5, 0])))
    print("gflow", H(gf), repr(float(gf[0, 2, 2, 0])), repr(float(gf[1, 4, 1, 1])))
    print("gimg", H(gi), repr(float(gi.sum())))
    for step in range(4):
        lv, _ = sess.run([loss, train], {img2: f2})
        print(step, repr(float(lv)))
    fv = sess.run(flow)
    print("flow", H(fv), repr(float(fv[0, 0, 0, 0])), repr(float(fv[1, 5, 3, 1])))
