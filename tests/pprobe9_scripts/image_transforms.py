"""tf.contrib.image geometric augmentation as in public data pipelines: rotate (NEAREST and
BILINEAR, per-image angles), translate, transform with composed projective transforms from
angles_to_projective_transforms/translations_to_projective_transforms/compose_transforms,
matrices_to_flat_transforms, flat_transforms_to_matrices, and the gradient of transform with
respect to the image, inside a tiny CNN trained with SGD: op counts, values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(991)
rs = np.random.RandomState(992)
ci = tf.contrib.image
B, S = 3, 7
img = tf.placeholder(tf.float32, [B, S, S, 2])
ang = tf.random_uniform([B], -0.6, 0.6, seed=993)
r_near = ci.rotate(img, ang)
r_bil = ci.rotate(img, 0.3, interpolation="BILINEAR")
tr = ci.translate(img, [[1.5, -0.5], [0.0, 2.0], [-1.0, 1.0]], interpolation="BILINEAR")
t1 = ci.angles_to_projective_transforms(ang, S, S)
t2 = ci.translations_to_projective_transforms([[1.0, 1.0]] * B)
comp = ci.compose_transforms(t1, t2)
mats = ci.flat_transforms_to_matrices(comp)
back = ci.matrices_to_flat_transforms(mats)
warped = ci.transform(img, comp, interpolation="BILINEAR")
single = ci.rotate(img[0], 1.0)
print("aug", len(tf.get_default_graph().get_operations()))
h = tf.layers.conv2d(warped, 3, 3, activation=tf.nn.relu,
                     kernel_initializer=tf.glorot_uniform_initializer(seed=994))
logits = tf.layers.dense(tf.layers.flatten(h), 2,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=995))
Y = tf.placeholder(tf.int32, [B])
loss = tf.losses.sparse_softmax_cross_entropy(Y, logits)
gimg = tf.gradients(loss, img)[0]
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
x = rs.rand(B, S, S, 2).astype(np.float32)
y = np.array([0, 1, 1], np.int32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    outs = s.run([ang, r_near, r_bil, tr, comp, mats, back, warped, single], {img: x})
    for o in outs:
        print(H(o))
    print(outs[4].tolist())
    for i in range(4):
        lv, g = s.run([loss, gimg], {img: x, Y: y})
        s.run(train, {img: x, Y: y})
        print(i, repr(float(lv)), H(g))
