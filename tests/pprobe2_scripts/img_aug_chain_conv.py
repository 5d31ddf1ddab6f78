"""Image augmentation chain (flip, crop, brightness/contrast/saturation/hue), resizes with every
method, then a conv and its gradient."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


tf.set_random_seed(31)
g = tf.get_default_graph()
img = tf.constant(np.random.RandomState(4).rand(2, 16, 16, 3).astype(np.float32))
ims = []
for i in range(2):
    im = img[i]
    im = tf.image.random_flip_left_right(im)
    im = tf.image.random_crop(im, [12, 12, 3])
    im = tf.image.random_brightness(im, 32.0 / 255.0)
    im = tf.image.random_saturation(im, 0.5, 1.5)
    im = tf.image.random_hue(im, 0.2)
    im = tf.image.random_contrast(im, 0.5, 1.5)
    ims.append(tf.clip_by_value(im, 0.0, 1.0))
b = tf.stack(ims)
print(len(g.get_operations()))
outs = []
for m in [
    tf.image.ResizeMethod.BILINEAR,
    tf.image.ResizeMethod.NEAREST_NEIGHBOR,
    tf.image.ResizeMethod.BICUBIC,
    tf.image.ResizeMethod.AREA,
]:
    outs.append(tf.image.resize_images(b, [9, 9], method=m))
outs.append(tf.image.resize_images(b, [20, 20], align_corners=True))
outs.append(tf.image.resize_image_with_pad(b, 10, 14))
print(len(g.get_operations()))
w = tf.Variable(tf.random_normal([3, 3, 3, 4], stddev=0.2))
c = tf.nn.conv2d(outs[0], w, [1, 1, 1, 1], "SAME")
loss = tf.reduce_mean(tf.nn.relu(c))
gw = tf.gradients(loss, w)[0]
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    r = s.run([b] + outs + [loss, gw])
    for a in r:
        print(H(a))
    print(repr(float(r[-2])), F(r[-1]))
