"""A CIFAR-style training-time augmentation chain with op seeds: batched (4-D) random
flips left/right and up/down, random_crop of a padded image, random brightness, contrast,
saturation and hue in a fixed order, convert_image_dtype between uint8, float32 and
uint16 (saturating), per_image_standardization and central_crop of 3-D and 4-D images,
run three times; hashes of the bytes and a few values at full precision."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1401)
rs = np.random.RandomState(1402)
imgs_u8 = rs.randint(0, 256, size=(4, 12, 12, 3)).astype(np.uint8)

x = tf.constant(imgs_u8)
xf = tf.image.convert_image_dtype(x, tf.float32)
flipped = tf.image.random_flip_left_right(xf, seed=7)
flipped = tf.image.random_flip_up_down(flipped, seed=8)
padded = tf.image.resize_image_with_crop_or_pad(flipped, 16, 16)


def one(img, k):
    img = tf.random_crop(img, [10, 10, 3], seed=20 + k)
    img = tf.image.random_brightness(img, max_delta=32. / 255., seed=30 + k)
    img = tf.image.random_saturation(img, lower=0.5, upper=1.5, seed=40 + k)
    img = tf.image.random_hue(img, max_delta=0.2, seed=50 + k)
    img = tf.image.random_contrast(img, lower=0.5, upper=1.5, seed=60 + k)
    return tf.clip_by_value(img, 0.0, 1.0)


chain = tf.stack([one(padded[k], k) for k in range(4)])
std = tf.image.per_image_standardization(chain[0])
std_b = tf.map_fn(tf.image.per_image_standardization, chain)
cc3 = tf.image.central_crop(chain[1], 0.5)
cc4 = tf.image.central_crop(chain, 0.75)
back_u8 = tf.image.convert_image_dtype(chain, tf.uint8, saturate=True)
over = tf.image.convert_image_dtype(chain * 1.5 - 0.2, tf.uint8, saturate=True)
u16 = tf.image.convert_image_dtype(x, tf.uint16)
u16_f = tf.image.convert_image_dtype(u16, tf.float64)
print("ops", len(tf.get_default_graph().get_operations()))
print("shapes", cc3.shape, cc4.shape, std_b.shape)

with tf.Session() as sess:
    for run in range(3):
        r = sess.run([flipped, chain, std, std_b, cc3, cc4, back_u8, over, u16, u16_f])
        print("run", run, [h(a) for a in r])
        print(" chain[0,0,0]", [repr(float(v)) for v in r[1][0, 0, 0]])
        print(" std[1,2]", [repr(float(v)) for v in r[2][1, 2]])
        print(" u8 sum", int(r[6].astype(np.int64).sum()), int(r[7].astype(np.int64).sum()))
