"""random_jpeg_quality (uint8 and float images), random brightness / contrast / saturation /
hue on uint8, batched random flips, rot90 by a random k, random_crop of uint8 and of a
padded image under a graph seed, over two runs."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(71)
g = tf.get_default_graph()
img8 = tf.constant(np.random.RandomState(9).randint(0, 255, (16, 16, 3)).astype(np.uint8))
imgf = tf.image.convert_image_dtype(img8, tf.float32)
outs = {}
for name, fn in [
    ("jpegq", lambda: tf.image.random_jpeg_quality(img8, 30, 90)),
    ("jpegq_s", lambda: tf.image.random_jpeg_quality(imgf, 50, 95, seed=3)),
    ("bright_u8", lambda: tf.image.random_brightness(img8, 0.2)),
    ("contrast_u8", lambda: tf.image.random_contrast(img8, 0.3, 1.7, seed=2)),
    ("sat_u8", lambda: tf.image.random_saturation(img8, 0.3, 1.7)),
    ("hue_u8", lambda: tf.image.random_hue(img8, 0.4, seed=6)),
    (
        "flip_batch",
        lambda: tf.image.random_flip_left_right(tf.stack([imgf, imgf * 0.5, imgf * 2.0])),
    ),
    (
        "flip_ud_batch",
        lambda: tf.image.random_flip_up_down(tf.stack([imgf, imgf * 0.5, imgf * 2.0]), seed=5),
    ),
    ("rot", lambda: tf.image.rot90(imgf, tf.random_uniform([], 0, 4, tf.int32))),
    ("crop_u8", lambda: tf.image.random_crop(img8, [7, 9, 3], seed=8)),
    (
        "pad_crop",
        lambda: tf.image.random_crop(
            tf.image.resize_image_with_crop_or_pad(imgf, 20, 20), [16, 16, 3]
        ),
    ),
]:
    try:
        outs[name] = fn()
        print(name, len(g.get_operations()))
    except Exception as e:
        print(name, type(e).__name__, str(e)[:150])
with tf.Session() as s:
    for r in range(2):
        for k in sorted(outs):
            print(r, k, H(s.run(outs[k])))
