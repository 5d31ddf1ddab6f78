"""uint8 images: convert_image_dtype, random flips, contrib.image.rotate by random angles,
random_shuffle of a batch, central_crop, per_image_standardization, then a conv layer."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(17)
g = tf.get_default_graph()
raw = tf.constant(np.random.RandomState(40).randint(0, 256, size=(4, 12, 12, 3)).astype(np.uint8))
x = tf.image.convert_image_dtype(raw, tf.float32)
x = tf.map_fn(tf.image.random_flip_left_right, x, parallel_iterations=1)
ang = tf.random_uniform([4], -0.5, 0.5, seed=2)
x = tf.contrib.image.rotate(x, ang, interpolation="BILINEAR")
x = tf.random_shuffle(x, seed=3)
x = tf.image.central_crop(x, 0.75)
x = tf.map_fn(tf.image.per_image_standardization, x, parallel_iterations=1)
print(len(g.get_operations()))
y = tf.layers.conv2d(x, 2, 3, kernel_initializer=tf.initializers.lecun_uniform(seed=4))
u8 = tf.image.convert_image_dtype(tf.clip_by_value(x * 0.2 + 0.5, 0, 1), tf.uint8, saturate=True)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(2):
        a, b, c = s.run([x, y, u8])
        print(H(a), H(b), H(c))
