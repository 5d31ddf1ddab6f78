"""Image restoration by optimization: a denoised image variable trained with Adam on
squared error + tf.image.total_variation, with tf.image.image_gradients and
tf.image.sobel_edges features, psnr / ssim / ssim_multiscale-free ssim of the result
against the clean image, rgb_to_yuv / yuv_to_rgb and adjust_gamma round trips."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(821)
rs = np.random.RandomState(822)
Hh = W = 24
yy, xx = np.mgrid[0:Hh, 0:W]
clean_np = (
    np.stack(
        [
            (xx > 10).astype(np.float32),
            (yy > 12).astype(np.float32),
            ((xx + yy) % 8 < 4).astype(np.float32),
        ],
        -1,
    )[None]
    * 0.8
    + 0.1
)
noisy_np = np.clip(clean_np + 0.15 * rs.randn(*clean_np.shape), 0, 1).astype(np.float32)
clean = tf.constant(clean_np.astype(np.float32))
noisy = tf.constant(noisy_np)
img = tf.Variable(noisy_np, name="img")
tv = tf.reduce_sum(tf.image.total_variation(img))
fid = tf.reduce_sum(tf.square(img - noisy))
loss = fid + 0.08 * tv
train = tf.train.AdamOptimizer(0.02).minimize(loss)
dy, dx = tf.image.image_gradients(img)
sob = tf.image.sobel_edges(img)
psnr = tf.image.psnr(tf.clip_by_value(img, 0, 1), clean, max_val=1.0)
ssim = tf.image.ssim(tf.clip_by_value(img, 0, 1), clean, max_val=1.0)
psnr0 = tf.image.psnr(noisy, clean, max_val=1.0)
yuv = tf.image.rgb_to_yuv(img)
back = tf.image.yuv_to_rgb(yuv)
gam = tf.image.adjust_gamma(tf.clip_by_value(img, 0, 1), 2.2, 0.9)
gray_edges = tf.reduce_mean(tf.abs(sob), [1, 2, 3])
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(repr(float(s.run(psnr0)[0])))
    for i in range(8):
        lv, t, _ = s.run([loss, tv, train])
        print(i, repr(float(lv)), repr(float(t)))
    p, q = s.run([psnr, ssim])
    print(repr(float(p[0])), repr(float(q[0])))
    a, b, c, d, e, f = s.run([dy, dx, sob, yuv, back, gam])
    for v in (a, b, c, d, e, f):
        print(H(v))
    print(repr(s.run(gray_edges)[0].tolist()))
