"""Mixed-precision preprocessing: tf.image.adjust_contrast and random_contrast on float16
images. TF 1.14's CPU device has no float16 AdjustContrastv2 kernel, so a Session places
the op on the XLA_CPU device, whose compiled kernel computes the per-channel mean in
float32 and the blend in half precision; the values and the placement-independent
float32 path for comparison."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1481)
rs = np.random.RandomState(1482)
img = rs.uniform(size=(2, 6, 7, 3)).astype(np.float16)
x16 = tf.constant(img)
c16 = tf.image.adjust_contrast(x16, 1.7)
r16 = tf.image.random_contrast(x16, 0.3, 1.8, seed=9)
c32 = tf.image.adjust_contrast(tf.cast(x16, tf.float32), 1.7)
print("ops", len(tf.get_default_graph().get_operations()), c16.dtype, r16.dtype)

with tf.Session() as sess:
    a, b, c = sess.run([c16, r16, c32])
    print("half", h(a), [repr(float(v)) for v in a[0, 0, :3, 0]])
    print("random", h(b), [repr(float(v)) for v in b[1, 2, 3]])
    print("float", h(c), [repr(float(v)) for v in c[0, 0, :3, 0]])
