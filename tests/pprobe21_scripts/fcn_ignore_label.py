"""FCN-style semantic segmentation with an ignore label: a stride-4 conv encoder,
upsampling by tf.nn.conv2d_transpose with a bilinear kernel made in NumPy (trainable),
a skip branch brought to size by tf.image.resize_bilinear(align_corners=True), per-pixel
sparse softmax cross-entropy over the pixels whose label is not 255 (tf.boolean_mask),
Momentum training, and streaming tf.metrics.mean_iou / tf.metrics.accuracy over the
valid pixels with their local variables reset between two evaluation passes."""
import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(2121)
rs = np.random.RandomState(2122)
N, HW, K = 3, 16, 3
imgs = rs.uniform(size=(N, HW, HW, 3)).astype(np.float32)
lab = (imgs[..., 0] * 2.999).astype(np.int32)
lab[rs.uniform(size=lab.shape) < 0.15] = 255


def bilinear_kernel(size, ch):
    f = (size + 1) // 2
    c = f - 1 if size % 2 == 1 else f - 0.5
    og = np.ogrid[:size, :size]
    k = (1 - abs(og[0] - c) / f) * (1 - abs(og[1] - c) / f)
    w = np.zeros((size, size, ch, ch), np.float32)
    for i in range(ch):
        w[:, :, i, i] = k
    return w


x = tf.placeholder(tf.float32, [None, HW, HW, 3])
y = tf.placeholder(tf.int32, [None, HW, HW])
c1 = tf.layers.conv2d(x, 8, 3, strides=2, padding="same", activation=tf.nn.relu, name="c1",
                      kernel_initializer=tf.glorot_uniform_initializer(seed=21))
c2 = tf.layers.conv2d(c1, 8, 3, strides=2, padding="same", activation=tf.nn.relu, name="c2",
                      kernel_initializer=tf.glorot_uniform_initializer(seed=22))
score4 = tf.layers.conv2d(c2, K, 1, name="score4",
                          kernel_initializer=tf.glorot_uniform_initializer(seed=23))
up_w = tf.Variable(bilinear_kernel(8, K), name="up_w")
up = tf.nn.conv2d_transpose(score4, up_w, tf.stack([tf.shape(x)[0], HW, HW, K]),
                            [1, 4, 4, 1], padding="SAME")
skip = tf.layers.conv2d(c1, K, 1, name="score2",
                        kernel_initializer=tf.glorot_uniform_initializer(seed=24))
skip_up = tf.image.resize_bilinear(skip, [HW, HW], align_corners=True)
logits = up + skip_up
valid = tf.not_equal(y, 255)
v_logits = tf.boolean_mask(logits, valid)
v_labels = tf.boolean_mask(y, valid)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=v_labels, logits=v_logits))
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
pred = tf.argmax(v_logits, -1, output_type=tf.int32)
miou, miou_up = tf.metrics.mean_iou(v_labels, pred, K)
acc, acc_up = tf.metrics.accuracy(v_labels, pred)
local_init = tf.variables_initializer(tf.local_variables())

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print("local", sorted(v.op.name for v in tf.local_variables()))
    for i in range(6):
        lv, _ = s.run([loss, train], {x: imgs, y: lab})
        print(i, repr(float(lv)))
    for p in range(2):
        s.run(local_init)
        for b in range(N):
            s.run([miou_up, acc_up], {x: imgs[b:b + 1], y: lab[b:b + 1]})
        cm = s.run(tf.local_variables()[0])
        print("pass", p, repr(float(s.run(miou))), repr(float(s.run(acc))), cm.tolist())
    lg, w = s.run([logits, up_w], {x: imgs, y: lab})
    print("logits", h(lg), "up_w", h(w))
print("ops", len(tf.get_default_graph().get_operations()))
