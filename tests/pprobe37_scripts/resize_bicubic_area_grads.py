"""resize_bicubic and resize_area up and down, align_corners both ways (and
half_pixel_centers for bicubic), in float32 / float64 / uint8, with the gradients
TF 1.14 has (ResizeBicubicGrad; ResizeArea has none); a tiny fit
of a variable image through bicubic."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12],
            repr(float(a.ravel()[-1])))


tf.set_random_seed(11)
rs = np.random.RandomState(2)
img = rs.rand(2, 5, 6, 2).astype(np.float32)
g = tf.get_default_graph()
x = tf.Variable(img, name="img")
outs, grads = [], []
for size in ([9, 4], [3, 11], [1, 1]):
    for ac in (False, True):
        b = tf.image.resize_bicubic(x, size, align_corners=ac)
        a = tf.image.resize_area(x, size, align_corners=ac)
        outs += [b, a]
        grads += tf.gradients(tf.reduce_sum(b * b), [x])
    hp = tf.image.resize_bicubic(x, size, half_pixel_centers=True)
    outs.append(hp)
    grads += tf.gradients(tf.reduce_sum(tf.sin(hp)), [x])
print("names", [o.name for o in outs[:5]])
print("grad ops", sorted({o.type for o in g.get_operations() if "Grad" in o.type}))
x64 = tf.constant(img.astype(np.float64))
u8 = tf.constant((img * 255).astype(np.uint8))
outs += [tf.image.resize_bicubic(x64, [7, 8], align_corners=True),
         tf.image.resize_area(x64, [4, 3]),
         tf.image.resize_bicubic(u8, [7, 8]),
         tf.image.resize_area(u8, [2, 9], align_corners=True)]
tgt = tf.constant(rs.rand(2, 8, 9, 2).astype(np.float32))
loss = tf.reduce_mean(tf.square(tf.image.resize_bicubic(x, [8, 9], align_corners=True) - tgt))
train = tf.train.MomentumOptimizer(0.3, 0.9).minimize(loss)
print("total ops", len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in s.run(outs):
        print(H(v))
    for v in s.run(grads):
        print(H(v))
    for i in range(4):
        print(i, repr(float(s.run([loss, train])[0])))
    print(H(s.run(x)))
