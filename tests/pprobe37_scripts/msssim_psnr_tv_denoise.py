"""A two-layer conv denoiser trained on 1 - ssim_multiscale (two small power_factors,
filter_size 3) plus total_variation, with psnr and sobel_edges / image_gradients
metrics of its output; Adam, four steps; values and op counts."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12],
            repr(float(a.ravel()[-1])))


tf.set_random_seed(3)
rs = np.random.RandomState(9)
clean = rs.rand(2, 12, 12, 3).astype(np.float32)
noisy = np.clip(clean + 0.1 * rs.randn(2, 12, 12, 3), 0, 1).astype(np.float32)
g = tf.get_default_graph()
inp = tf.placeholder(tf.float32, [None, 12, 12, 3])
ref = tf.placeholder(tf.float32, [None, 12, 12, 3])
h = tf.layers.conv2d(inp, 4, 3, padding="same", activation=tf.nn.relu,
                     kernel_initializer=tf.glorot_uniform_initializer(seed=4))
out = tf.nn.sigmoid(tf.layers.conv2d(h, 3, 3, padding="same",
                                     kernel_initializer=tf.glorot_uniform_initializer(seed=5)))
n0 = len(g.get_operations())
ms = tf.image.ssim_multiscale(out, ref, 1.0, power_factors=(0.6, 0.4), filter_size=3)
print("msssim ops", len(g.get_operations()) - n0, ms.name)
n0 = len(g.get_operations())
tv = tf.image.total_variation(out)
print("tv ops", len(g.get_operations()) - n0, tv.name)
ps = tf.image.psnr(out, ref, max_val=1.0)
ss = tf.image.ssim(out, ref, 1.0, filter_size=5, filter_sigma=1.0)
sob = tf.image.sobel_edges(out)
dy, dx = tf.image.image_gradients(out)
loss = tf.reduce_mean(1.0 - ms) + 1e-4 * tf.reduce_mean(tv)
gin = tf.gradients(loss, inp)[0]
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print("names", ps.name, ss.name, sob.name, dy.name, dx.name)
print("total ops", len(g.get_operations()))
fd = {inp: noisy, ref: clean}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in s.run([ms, tv, ps, ss, sob, dy, dx, gin], fd):
        print(H(v))
    print("psnr noisy", s.run(tf.image.psnr(noisy, clean, 1.0)).tolist())
    for i in range(4):
        lv, _ = s.run([loss, train], fd)
        print(i, repr(float(lv)))
    print(H(s.run(out, fd)), s.run(ms, fd).tolist())
