"""tf.image.crop_and_resize over the image dtypes a pipeline feeds it: uint8, int32, float16
and float64 images (bilinear and nearest), boxes partly outside the image, a one-pixel
crop_size ([1, 1] takes the box centre), a box of zero height, box_ind into a batch of
three; the gradients w.r.t. the boxes from a uint8 image (TF has no image gradient there),
w.r.t. the image and the boxes in float16 and float64, and of the nearest method; then an
ROI pooling of the crops (max_pool 2x2) feeding a tiny box head trained three steps by
Momentum with the boxes as variables. Op counts, values at full precision, hashes."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


def r(x):
    return [repr(float(v)) for v in np.ravel(x)]


tf.set_random_seed(5221)
rs = np.random.RandomState(5222)
img = rs.randint(0, 256, size=(3, 9, 11, 2))
bx = np.array([[0.1, 0.2, 0.7, 0.9], [-0.2, 0.3, 0.5, 1.3], [0.4, 0.4, 0.4, 0.8],
               [0.9, 0.8, 0.2, 0.1], [0.25, 0.05, 0.6, 0.45]], np.float32)
ind = tf.constant([0, 2, 1, 2, 0])
boxes = tf.constant(bx)
crops = {}
grads = {}
for dt in (tf.uint8, tf.int32, tf.float16, tf.float64):
    im = tf.constant(img.astype(dt.as_numpy_dtype))
    for method in ("bilinear", "nearest"):
        c = tf.image.crop_and_resize(im, boxes, ind, [4, 3], method=method,
                                     extrapolation_value=-2.0)
        crops[dt.name + "_" + method] = c
        w = tf.constant(rs.uniform(-1, 1, size=(5, 4, 3, 2)).astype(np.float32))
        loss = tf.reduce_sum(c * w)
        xs = [boxes] if dt in (tf.uint8, tf.int32) or method == "nearest" else [im, boxes]
        grads[dt.name + "_" + method] = [gr for gr in tf.gradients(loss, xs) if gr is not None]
one = tf.image.crop_and_resize(tf.constant(img.astype(np.float32)), boxes, ind, [1, 1])
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print("types", sorted(set(op.type for op in g.get_operations())))
print("grad dtypes", {k: [gr.dtype.name for gr in v] for k, v in sorted(grads.items())})

with tf.Session() as sess:
    cv, gv, ov = sess.run([crops, grads, one])
    for k in sorted(cv):
        print("crop", k, cv[k].dtype, h(cv[k]), r(cv[k][1, 0, :, 0]))
    for k in sorted(gv):
        print("grad", k, [h(x) for x in gv[k]], r(gv[k][-1][1]))
    print("one", h(ov), r(ov[:, 0, 0, 0]))

tf.reset_default_graph()
tf.set_random_seed(5223)
feat = tf.constant(rs.uniform(0, 1, size=(2, 12, 12, 4)).astype(np.float32))
props = tf.Variable(np.array([[0.1, 0.1, 0.6, 0.5], [0.3, 0.2, 0.9, 0.8],
                              [0.0, 0.5, 0.4, 1.0], [0.5, 0.0, 1.0, 0.6]], np.float32))
pind = tf.constant([0, 0, 1, 1])
roi = tf.nn.max_pool(tf.image.crop_and_resize(feat, props, pind, [6, 6]), [1, 2, 2, 1],
                     [1, 2, 2, 1], "VALID")
flat = tf.layers.flatten(roi)
logits = tf.layers.dense(flat, 3, kernel_initializer=tf.glorot_uniform_initializer(seed=1))
deltas = tf.layers.dense(flat, 4, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
labels = tf.constant([1, 0, 2, 1])
tdelta = tf.constant(rs.normal(0, 0.2, size=(4, 4)).astype(np.float32))
loss = tf.losses.sparse_softmax_cross_entropy(labels, logits) + \
    tf.losses.huber_loss(tdelta, deltas, delta=1.0)
step = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
print("ops2", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(3):
        lv, _ = sess.run([loss, step])
        print("step", i, repr(float(lv)))
    print("props", r(sess.run(props)))
