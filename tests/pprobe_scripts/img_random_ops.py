"""tf.image random_brightness / contrast / hue / saturation / flips / random_crop under a
graph seed, with and without op seeds, batched and single images, over two runs."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(7)
g = tf.get_default_graph()
img = tf.constant(np.random.RandomState(0).rand(2, 9, 11, 3).astype(np.float32))
img1 = img[0]
outs = {}
outs["bright"] = tf.image.random_brightness(img, 0.3)
print(len(g.get_operations()))
outs["bright_s"] = tf.image.random_brightness(img1, 0.3, seed=4)
print(len(g.get_operations()))
outs["contrast"] = tf.image.random_contrast(img, 0.5, 1.5)
print(len(g.get_operations()))
outs["hue"] = tf.image.random_hue(img1, 0.2, seed=9)
print(len(g.get_operations()))
outs["sat"] = tf.image.random_saturation(img1, 0.4, 1.6)
print(len(g.get_operations()))
outs["flip_lr"] = tf.image.random_flip_left_right(img1)
print(len(g.get_operations()))
outs["flip_ud"] = tf.image.random_flip_up_down(img1, seed=3)
print(len(g.get_operations()))
outs["crop"] = tf.image.random_crop(img1, [5, 6, 3])
print(len(g.get_operations()))
outs["crop_s"] = tf.image.random_crop(img, [2, 4, 4, 2], seed=11)
print(len(g.get_operations()))
with tf.Session() as s:
    for r in range(2):
        for k in sorted(outs):
            v = s.run(outs[k])
            print(r, k, H(v), repr(float(v.ravel()[0])))
