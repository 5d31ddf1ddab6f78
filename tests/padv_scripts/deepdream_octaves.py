"""DeepDream as the TF1 tutorial writes it: tiled gradients with np.roll jitter, std
normalization, resize_bilinear octaves, tf.roll; then in-graph ascent normalized by
reduce_mean(abs), seeded tf.roll jitter, resize_images."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2)
rng = np.random.RandomState(6)
img0 = rng.rand(1, 20, 20, 3).astype(np.float32)
W1 = tf.constant((rng.randn(3, 3, 3, 6) * 0.3).astype(np.float32))
W2 = tf.constant((rng.randn(3, 3, 6, 8) * 0.3).astype(np.float32))
t_input = tf.placeholder(np.float32, name="input")
t_pre = tf.expand_dims(t_input - 0.5, 0)


def net(t):
    h = tf.nn.relu(tf.nn.conv2d(t, W1, [1, 1, 1, 1], "SAME"))
    return tf.nn.relu(tf.nn.conv2d(h, W2, [1, 2, 2, 1], "SAME"))


layer = net(t_pre)
t_obj = tf.reduce_mean(tf.square(layer[..., 3]))
t_grad = tf.gradients(t_obj, t_input)[0]
t_score = t_obj
# resize helper as in deepdream tutorial
img_ph = tf.placeholder(tf.float32, [None, None, 3])
size_ph = tf.placeholder(tf.int32, [2])
resized = tf.image.resize_bilinear(img_ph[np.newaxis], size_ph)[0, :, :, :]
rolled = tf.roll(img_ph, shift=[2, -3], axis=[0, 1])
print("ops", len(tf.get_default_graph().get_operations()))


def calc_grad_tiled(sess, img, tile_size=8):
    sz = tile_size
    h, w = img.shape[:2]
    sx, sy = np.random.RandomState(1).randint(sz, size=2)
    img_shift = np.roll(np.roll(img, sx, 1), sy, 0)
    grad = np.zeros_like(img)
    for y in range(0, max(h - sz // 2, sz), sz):
        for x in range(0, max(w - sz // 2, sz), sz):
            sub = img_shift[y : y + sz, x : x + sz]
            g = sess.run(t_grad, {t_input: sub})
            grad[y : y + sz, x : x + sz] = g
    return np.roll(np.roll(grad, -sx, 1), -sy, 0)


with tf.Session() as sess:
    img = img0[0].copy()
    for octave in range(2):
        if octave > 0:
            hw = (np.float32(img.shape[:2]) * 1.4).astype(np.int32)
            img = sess.run(resized, {img_ph: img, size_ph: hw})
        for i in range(3):
            g = calc_grad_tiled(sess, img)
            g /= g.std() + 1e-8
            img = img + g * 1.5
            r = sess.run(rolled, {img_ph: img})
            print(
                octave,
                i,
                img.shape,
                repr(float(img.astype(np.float64).sum())),
                repr(float(sess.run(t_score, {t_input: img}))),
                repr(float(r[0, 0, 0])),
            )
# gradient normalized by reduce_mean(abs) within the graph
img_v = tf.Variable(img0, name="dream")
score = tf.reduce_mean(net(img_v - 0.5) ** 2)
gg = tf.gradients(score, img_v)[0]
gg = gg / (tf.reduce_mean(tf.abs(gg)) + 1e-8)
step = img_v.assign_add(gg * 0.01)
jit = tf.roll(img_v, shift=tf.random_uniform([2], -2, 3, dtype=tf.int32, seed=7), axis=[1, 2])
octv = tf.image.resize_images(img_v, [28, 28])
print("ops2", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(3):
        _, sc = sess.run([step, score])
        print(i, repr(float(sc)))
    j, o = sess.run([jit, octv])
    print(j.astype(np.float64).sum().hex(), o.astype(np.float64).sum().hex())
