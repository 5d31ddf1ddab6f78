"""A super-resolution net with sub-pixel convolution (depth_to_space) trained on a mixed
loss: 1 - tf.image.ssim, an L1 term, tf.image.total_variation and a Sobel edge loss
(tf.image.sobel_edges, tf.image.image_gradients); PSNR and ssim_multiscale-free metrics
printed; space_to_depth used for the input downsampling; Adam."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(91)
S = 16
hr_np = np.array(
    [
        [[0.5 + 0.4 * math.sin(0.4 * i + 0.3 * j + c) for c in range(3)] for j in range(S)]
        for i in range(S)
    ],
    np.float32,
)[None]
hr_np = np.concatenate([hr_np, hr_np[:, ::-1]], 0)
hr = tf.constant(hr_np)
lr = tf.reduce_mean(tf.reshape(tf.space_to_depth(hr, 2), [2, S // 2, S // 2, 4, 3]), 3)
h = tf.layers.conv2d(lr, 16, 3, padding="same", activation=tf.nn.relu)
h = tf.layers.conv2d(h, 12, 3, padding="same")
sr = tf.clip_by_value(
    tf.depth_to_space(h, 2) + tf.image.resize_nearest_neighbor(lr, [S, S]), 0.0, 1.0
)
ssim = tf.image.ssim(sr, hr, max_val=1.0, filter_size=5)
psnr = tf.image.psnr(sr, hr, max_val=1.0)
tv = tf.reduce_mean(tf.image.total_variation(sr))
e1 = tf.image.sobel_edges(sr)
e2 = tf.image.sobel_edges(hr)
dy, dx = tf.image.image_gradients(sr)
loss = (
    (1.0 - tf.reduce_mean(ssim))
    + tf.reduce_mean(tf.abs(sr - hr))
    + 1e-4 * tv
    + 0.1 * tf.reduce_mean(tf.abs(e1 - e2))
    + 0.01 * tf.reduce_mean(tf.square(dx) + tf.square(dy))
)
train = tf.train.AdamOptimizer(0.005).minimize(loss)
print("ops", len(tf.get_default_graph().get_operations()), e1.shape, dy.shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print("init", s.run(ssim).tolist(), s.run(psnr).tolist(), repr(float(s.run(tv))))
    for i in range(8):
        lv, _ = s.run([loss, train])
        if i % 2 == 0:
            print("step", i, repr(float(lv)))
    print("final", s.run(ssim).tolist(), s.run(psnr).tolist())
    print("sr", H(s.run(sr)), H(s.run(e1)))
