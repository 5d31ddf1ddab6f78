"""Gradients of tf.image ops of a variable image: total_variation, sobel_edges,
image_gradients, crops and pads, resize with align_corners / half_pixel_centers,
colour conversions, adjust_gamma, psnr and ssim."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (
        a.dtype.name,
        a.shape,
        hashlib.md5(a.tobytes()).hexdigest()[:12],
        repr(float(a.ravel()[-1])),
    )


g = tf.get_default_graph()
rs = np.random.RandomState(3)
x = tf.Variable(rs.rand(2, 8, 7, 3).astype(np.float32))
outs = {}
for name, fn in [
    ("tv", lambda: tf.image.total_variation(x)),
    ("sobel", lambda: tf.image.sobel_edges(x)),
    ("igrad", lambda: tf.image.image_gradients(x)[0] + tf.image.image_gradients(x)[1]),
    ("central", lambda: tf.image.central_crop(x, 0.6)),
    ("cbb", lambda: tf.image.crop_to_bounding_box(x, 1, 2, 5, 4)),
    ("pbb", lambda: tf.image.pad_to_bounding_box(x, 1, 2, 10, 10)),
    ("rwcp", lambda: tf.image.resize_image_with_crop_or_pad(x, 5, 9)),
    ("rwp", lambda: tf.image.resize_image_with_pad(x, 5, 9)),
    ("bilinear_ac", lambda: tf.image.resize_bilinear(x, [11, 3], align_corners=True)),
    ("nearest_ac", lambda: tf.image.resize_nearest_neighbor(x, [11, 3], align_corners=True)),
    ("nearest_hp", lambda: tf.image.resize_nearest_neighbor(x, [5, 12], half_pixel_centers=True)),
    (
        "resize_area_api",
        lambda: tf.image.resize_images(x, [4, 4], method=tf.image.ResizeMethod.BICUBIC),
    ),
    ("gray", lambda: tf.image.rgb_to_grayscale(x)),
    ("yiq", lambda: tf.image.rgb_to_yiq(x)),
    ("yuv", lambda: tf.image.yuv_to_rgb(tf.image.rgb_to_yuv(x))),
    ("adj_gamma", lambda: tf.image.adjust_gamma(x, 1.5, 0.8)),
    ("psnr", lambda: tf.image.psnr(x, x * 0.9, 1.0)),
    (
        "ssim",
        lambda: tf.image.ssim(
            tf.image.resize_bilinear(x, [16, 16]),
            tf.image.resize_bilinear(x * 0.8, [16, 16]),
            1.0,
            filter_size=5,
        ),
    ),
]:
    try:
        y = fn()
        n0 = len(g.get_operations())
        gr = tf.gradients(tf.reduce_sum(y * y), x)[0]
        print(name, n0, len(g.get_operations()), gr is None)
        outs[name] = (y, gr if gr is not None else y)
    except Exception as e:
        print(name, type(e).__name__, str(e)[:150], len(g.get_operations()))
init = tf.global_variables_initializer()
with tf.Session() as s:
    s.run(init)
    for k in sorted(outs):
        a, b = s.run(outs[k])
        print(k, H(a), H(b))
