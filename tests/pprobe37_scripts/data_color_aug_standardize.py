"""A tf.data pipeline of uint8 images: map with seeded random_brightness,
random_contrast, random_hue and random_saturation, per_image_standardization and a
batch; then a classifier on the batches and the gradient of per_image_standardization
of a variable image (a flat image hits its stddev floor)."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12],
            repr(float(a.ravel()[-1])))


tf.set_random_seed(21)
rs = np.random.RandomState(4)
imgs = rs.randint(0, 256, size=(6, 5, 4, 3)).astype(np.uint8)
labels = rs.randint(0, 2, size=6).astype(np.int64)


def aug(im, lab):
    im = tf.image.convert_image_dtype(im, tf.float32)
    im = tf.image.random_brightness(im, 0.2, seed=1)
    im = tf.image.random_contrast(im, 0.5, 1.5, seed=2)
    im = tf.image.random_hue(im, 0.1, seed=3)
    im = tf.image.random_saturation(im, 0.6, 1.4, seed=4)
    im = tf.image.per_image_standardization(im)
    return im, lab


ds = tf.data.Dataset.from_tensor_slices((imgs, labels)).map(aug).batch(3).repeat(2)
it = ds.make_one_shot_iterator()
bx, by = it.get_next()
print("shapes", bx.shape, by.shape)
logits = tf.layers.dense(tf.layers.flatten(bx), 2,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=6))
loss = tf.losses.sparse_softmax_cross_entropy(by, logits)
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

v = tf.Variable(np.concatenate([rs.rand(1, 3, 3, 2),
                                np.full((1, 3, 3, 2), 0.5)]).astype(np.float32))
g = tf.get_default_graph()
n0 = len(g.get_operations())
std = tf.map_fn(tf.image.per_image_standardization, v)
n1 = len(g.get_operations())
std1 = tf.image.per_image_standardization(v[0])
print("pis ops", len(g.get_operations()) - n1, std1.name)
w = tf.constant(rs.randn(1, 3, 3, 2).astype(np.float32))
gv = tf.gradients(tf.reduce_sum(std * w), v)[0]
g1 = tf.gradients(tf.reduce_sum(std1 * w[0]), v)[0]
print("total ops", len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        xb, lv, _ = s.run([bx, loss, train])
        print(i, H(xb), repr(float(lv)))
    for a in s.run([std, gv, std1, g1]):
        print(H(a))
