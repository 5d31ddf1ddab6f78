"""Image adjustments of a float64 and a float16 variable image in a small fit:
adjust_gamma with a gain, adjust_brightness / adjust_contrast (no gradient in TF),
grayscale round trips, rgb_to_yiq of float64 and 3-D images, total_variation of a single
image, image_gradients and sobel_edges of float64, psnr / ssim of uint8 images;
gradients and values."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12],
            repr(float(a.ravel()[-1])))


tf.set_random_seed(8)
rs = np.random.RandomState(12)
g = tf.get_default_graph()
v = tf.get_variable("v", [2, 6, 5, 3], tf.float64,
                    initializer=tf.random_uniform_initializer(0.1, 0.9, seed=3))
h = tf.Variable(rs.rand(6, 5, 3).astype(np.float16))
n0 = len(g.get_operations())
gam = tf.image.adjust_gamma(v, gamma=1.7, gain=0.8)
print("gamma ops", len(g.get_operations()) - n0, gam.name)
br = tf.image.adjust_brightness(v, 0.1)
ct = tf.image.adjust_contrast(v, 1.6)
gray = tf.image.grayscale_to_rgb(tf.image.rgb_to_grayscale(v))
yiq = tf.image.rgb_to_yiq(h)
tv = tf.image.total_variation(v[0])
dy, dx = tf.image.image_gradients(v)
sob = tf.image.sobel_edges(v)
tvh = tf.image.total_variation(h)
grayh = tf.image.rgb_to_grayscale(h)
u1 = tf.constant(rs.randint(0, 256, (1, 8, 8, 3)).astype(np.uint8))
u2 = tf.constant(rs.randint(0, 256, (1, 8, 8, 3)).astype(np.uint8))
ps = tf.image.psnr(u1, u2, 255)
ss = tf.image.ssim(u1, u2, 255, filter_size=3)
tgt = tf.constant(rs.rand(2, 6, 5, 3))
loss = (tf.reduce_mean(tf.square(gam - tgt)) + 0.01 * tv
        + tf.reduce_mean(tf.abs(sob)) + tf.reduce_mean(gray * br))
lh = tf.reduce_sum(tf.cast(tvh, tf.float32)) + tf.reduce_sum(tf.cast(grayh, tf.float32))
grads = tf.gradients(loss, v) + tf.gradients(lh, h) + tf.gradients(tf.reduce_sum(yiq * yiq), h)
train = tf.train.AdamOptimizer(0.05).minimize(loss)
print("names", br.name, ct.name, gray.name, tv.name, ps.name, ss.name)
print("total ops", len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for a in s.run([gam, br, ct, gray, yiq, tv, dy, dx, sob, tvh, grayh, ps, ss]):
        print(H(a))
    for a in s.run(grads):
        print(H(a))
    for i in range(4):
        print(i, repr(float(s.run([loss, train])[0])))
    print(H(s.run(v)))
