"""DeepLab-style segmentation head: a small encoder, atrous spatial pyramid pooling with
tf.nn.atrous_conv2d (rate 2) and tf.layers.conv2d(dilation_rate=3) branches, a 1x1 branch
and an image-pooling branch (reduce_mean keepdims, 1x1 conv, resize_bilinear back up with
align_corners=True), batch normalization with its update ops (training=True), logits
upsampled to the label size by resize_bilinear(align_corners=True), the per-pixel loss
by tf.losses.sparse_softmax_cross_entropy with weights zero on the ignore label (labels
clipped first), Momentum training under the update ops, and tf.metrics.mean_iou with the
same weights plus the per-class IoU read from its confusion matrix."""
import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(2141)
rs = np.random.RandomState(2142)
N, HW, K = 2, 17, 3
imgs = rs.uniform(-1, 1, size=(N, HW, HW, 3)).astype(np.float32)
lab = np.where(imgs[..., 1] > 0.3, 2, np.where(imgs[..., 2] > 0.0, 1, 0)).astype(np.int32)
lab[rs.uniform(size=lab.shape) < 0.1] = 255

x = tf.constant(imgs)
y = tf.constant(lab)
is_training = tf.placeholder_with_default(True, [])


def conv_bn(t, f, k, name, seed, rate=1, stride=1):
    t = tf.layers.conv2d(t, f, k, strides=stride, padding="same", dilation_rate=rate,
                         use_bias=False, name=name,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=seed))
    t = tf.layers.batch_normalization(t, training=is_training, name=name + "_bn")
    return tf.nn.relu(t)


enc = conv_bn(x, 8, 3, "enc1", 41, stride=2)                 # 9x9
enc = conv_bn(enc, 8, 3, "enc2", 42)
aw = tf.get_variable("atrous_w", [3, 3, 8, 6],
                     initializer=tf.glorot_uniform_initializer(seed=43))
b1 = tf.nn.relu(tf.nn.atrous_conv2d(enc, aw, rate=2, padding="SAME"))
b2 = conv_bn(enc, 6, 3, "aspp_r3", 44, rate=3)
b3 = conv_bn(enc, 6, 1, "aspp_1x1", 45)
pool = tf.reduce_mean(enc, [1, 2], keepdims=True)
pool = conv_bn(pool, 6, 1, "aspp_pool", 46)
pool = tf.image.resize_bilinear(pool, tf.shape(enc)[1:3], align_corners=True)
cat = tf.concat([b1, b2, b3, pool], -1)
logits = tf.layers.conv2d(conv_bn(cat, 8, 1, "proj", 47), K, 1, name="logits",
                          kernel_initializer=tf.glorot_uniform_initializer(seed=48))
up = tf.image.resize_bilinear(logits, [HW, HW], align_corners=True)
valid = tf.cast(tf.not_equal(y, 255), tf.float32)
safe_y = tf.where(tf.equal(y, 255), tf.zeros_like(y), y)
loss = tf.losses.sparse_softmax_cross_entropy(safe_y, up, weights=valid)
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train = tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True).minimize(loss)
pred = tf.argmax(up, -1)
miou, miou_up = tf.metrics.mean_iou(safe_y, pred, K, weights=valid)
cm = [v for v in tf.local_variables() if "confusion" in v.op.name][0]
diag = tf.diag_part(cm)
iou = diag / (tf.reduce_sum(cm, 0) + tf.reduce_sum(cm, 1) - diag)

with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    print("update ops", len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
    for i in range(5):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    s.run(miou_up, {is_training: False})
    print("miou", repr(float(s.run(miou))), s.run(iou).tolist(), s.run(cm).tolist())
    mm = [v for v in tf.global_variables() if "moving" in v.op.name]
    print("moving", [(v.op.name, h(s.run(v))) for v in mm[:4]])
    print("up", h(s.run(up, {is_training: False})))
print("ops", len(tf.get_default_graph().get_operations()))
