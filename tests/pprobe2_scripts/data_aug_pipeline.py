"""tf.data: from_tensor_slices + shuffle(seed) + map with tf.image random ops + batch + repeat,
several epochs."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


tf.set_random_seed(42)
rs = np.random.RandomState(1)
imgs = rs.rand(10, 12, 12, 3).astype(np.float32)
labels = np.arange(10, dtype=np.int64)


def aug(im, lb):
    im = tf.image.random_flip_left_right(im)
    im = tf.image.random_flip_up_down(im, seed=3)
    im = tf.image.resize_image_with_crop_or_pad(im, 14, 14)
    im = tf.image.random_crop(im, [10, 10, 3])
    im = tf.image.random_brightness(im, 0.2)
    im = tf.image.random_contrast(im, 0.8, 1.2)
    im = tf.clip_by_value(im, 0.0, 1.0)
    return im, lb


ds = (
    tf.data.Dataset.from_tensor_slices((imgs, labels))
    .shuffle(10, seed=7)
    .map(aug)
    .batch(4)
    .repeat(3)
)
it = ds.make_one_shot_iterator()
nx = it.get_next()
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    for i in range(8):
        im, lb = s.run(nx)
        print(i, lb.tolist(), H(im))
