"""tf.image pipeline: resize_images (bilinear, nearest, bicubic, area), crop_and_resize with
boxes, per_image_standardization, seeded random flips/brightness/contrast/hue/saturation,
central_crop, pad_to_bounding_box, rgb_to_grayscale, then a small conv trained on it."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(51)
rs = np.random.RandomState(52)
img = tf.placeholder(tf.float32, [2, 9, 11, 3])
r1 = tf.image.resize_images(img, [6, 7])
r2 = tf.image.resize_images(img, [13, 5], method=tf.image.ResizeMethod.NEAREST_NEIGHBOR)
r3 = tf.image.resize_images(img, [7, 7], method=tf.image.ResizeMethod.BICUBIC)
r4 = tf.image.resize_images(img, [4, 5], method=tf.image.ResizeMethod.AREA, align_corners=False)
boxes = tf.constant([[0.1, 0.2, 0.8, 0.9], [0.0, 0.0, 1.0, 0.5], [0.3, 0.1, 0.6, 0.95]])
cr = tf.image.crop_and_resize(img, boxes, [0, 1, 1], [5, 5])
st = tf.map_fn(tf.image.per_image_standardization, img)
a = tf.image.random_flip_left_right(img[0], seed=3)
a = tf.image.random_brightness(a, 0.2, seed=4)
a = tf.image.random_contrast(a, 0.7, 1.3, seed=5)
a = tf.image.random_hue(tf.clip_by_value(a, 0, 1), 0.1, seed=6)
a = tf.image.random_saturation(a, 0.8, 1.2, seed=7)
cc = tf.image.central_crop(img, 0.6)
pd = tf.image.pad_to_bounding_box(img, 1, 2, 12, 14)
gr = tf.image.rgb_to_grayscale(img)
feat = tf.layers.conv2d(
    tf.concat([r1, r4[:, :1, :1, :] + r1[:, :, :, :]], 3), 4, 3, activation=tf.nn.relu
)
loss = tf.reduce_mean(tf.square(feat)) + tf.reduce_mean(cr) * 0.1
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
IM = rs.uniform(0, 1, (2, 9, 11, 3)).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for t in s.run([r1, r2, r3, r4, cr, st, cc, pd, gr], {img: IM}):
        print(H(t))
    for i in range(3):
        print(H(s.run(a, {img: IM})))
    for i in range(3):
        lv, _ = s.run([loss, train], {img: IM})
        print(i, repr(float(lv)))
