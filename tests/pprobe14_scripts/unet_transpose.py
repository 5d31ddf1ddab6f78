"""A tiny U-Net for binary segmentation on 12x12 images: two down levels with
tf.layers.conv2d + max_pooling2d, upsampling with tf.layers.conv2d_transpose (strides 2,
'same') and tf.nn.conv2d_transpose with an explicit output_shape ('VALID', odd size),
skip connections through tf.concat, a 1x1 sigmoid head, sigmoid cross-entropy plus a
soft Dice loss trained with Adam; the output shapes, losses and mean IoU of the
thresholded mask (tf.metrics.mean_iou with its local variables)."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1451)
rs = np.random.RandomState(1452)
xs = rs.uniform(size=(4, 12, 12, 1)).astype(np.float32)
masks = (xs > 0.55).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 12, 12, 1])
m = tf.placeholder(tf.float32, [None, 12, 12, 1])


def conv(t, f, name, seed):
    return tf.layers.conv2d(t, f, 3, padding="same", activation=tf.nn.relu, name=name,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=seed))


c1 = conv(x, 4, "c1", 1)
p1 = tf.layers.max_pooling2d(c1, 2, 2)
c2 = conv(p1, 8, "c2", 2)
p2 = tf.layers.max_pooling2d(c2, 2, 2)
b = conv(p2, 8, "bottom", 3)
u2 = tf.layers.conv2d_transpose(b, 8, 2, strides=2, padding="same", name="up2",
                                kernel_initializer=tf.glorot_uniform_initializer(seed=4))
c3 = conv(tf.concat([u2, c2], -1), 8, "c3", 5)
w_up = tf.Variable(tf.glorot_uniform_initializer(seed=6)([3, 3, 4, 8]), name="up1_w")
batch = tf.shape(x)[0]
u1 = tf.nn.conv2d_transpose(c3, w_up, tf.stack([batch, 13, 13, 4]), [1, 2, 2, 1], "VALID")
u1 = u1[:, :12, :12, :]
c4 = conv(tf.concat([u1, c1], 3), 4, "c4", 7)
logits = tf.layers.conv2d(c4, 1, 1, name="head",
                          kernel_initializer=tf.glorot_uniform_initializer(seed=8))
prob = tf.sigmoid(logits)
bce = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=m, logits=logits))
inter = tf.reduce_sum(prob * m, [1, 2, 3])
dice = 1. - tf.reduce_mean((2. * inter + 1.) / (tf.reduce_sum(prob + m, [1, 2, 3]) + 1.))
loss = bce + dice
train = tf.train.AdamOptimizer(0.01).minimize(loss)
pred = tf.cast(prob > 0.5, tf.int32)
miou, miou_up = tf.metrics.mean_iou(tf.cast(m, tf.int32), pred, 2)
print("ops", len(tf.get_default_graph().get_operations()))
print("shapes", u2.shape, u1.shape, c4.shape, logits.shape)
print("locals", [v.name for v in tf.local_variables()])

with tf.Session() as sess:
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    for step in range(10):
        _, lv, bv, dv = sess.run([train, loss, bce, dice], {x: xs, m: masks})
        print(step, repr(float(lv)), repr(float(bv)), repr(float(dv)))
    sess.run(miou_up, {x: xs, m: masks})
    print("miou", repr(float(sess.run(miou))))
    p = sess.run(prob, {x: xs})
    print("prob", h(p), [repr(float(v)) for v in p[1, 3, :4, 0]])
