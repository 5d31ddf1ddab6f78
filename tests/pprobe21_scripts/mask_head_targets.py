"""Mask R-CNN mask branch: ROI features by tf.image.crop_and_resize (method bilinear, and
'nearest' for the ground-truth masks at 7x7 thresholded by tf.greater_equal), boxes that
reach outside the image with an extrapolation_value and one box flipped (y2 < y1), a
mask head of two convolutions and a stride-2 tf.layers.conv2d_transpose to 14x14, the
mask of each ROI's class picked by tf.gather_nd after a transpose to [roi, class, h, w],
the mask targets resized to 14x14 by tf.image.resize_bilinear(align_corners=True),
sigmoid cross-entropy over the positive ROIs (tf.boolean_mask) trained with Adam; the
gradient of the crops w.r.t. the boxes and the image."""
import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(2161)
rs = np.random.RandomState(2162)
B, R, C = 2, 6, 3
imgs = rs.uniform(size=(B, 20, 20, 3)).astype(np.float32)
gt_masks = (rs.uniform(size=(B, 20, 20, 1)) > 0.5).astype(np.float32)
y0 = rs.uniform(-0.1, 0.5, (R, 2))
boxes_np = np.concatenate([y0, y0 + rs.uniform(0.3, 0.6, (R, 2))], 1).astype(np.float32)
boxes_np[2] = boxes_np[2][[2, 1, 0, 3]]          # flipped vertically
box_ind = np.array([0, 1, 0, 1, 1, 0], np.int32)
roi_cls = np.array([1, 0, 2, 1, 0, 2], np.int32)   # 0: background

x = tf.constant(imgs)
feat = tf.layers.conv2d(x, 8, 3, padding="same", activation=tf.nn.relu, name="backbone",
                        kernel_initializer=tf.glorot_uniform_initializer(seed=61))
boxes = tf.constant(boxes_np)
bi = tf.constant(box_ind)
rois = tf.image.crop_and_resize(feat, boxes, bi, [7, 7], extrapolation_value=0.25)
m7 = tf.image.crop_and_resize(tf.constant(gt_masks), boxes, bi, [7, 7], method="nearest")
m7 = tf.cast(tf.greater_equal(m7, 0.5), tf.float32)
m14 = tf.image.resize_bilinear(m7, [14, 14], align_corners=True)
net = tf.layers.conv2d(rois, 8, 3, padding="same", activation=tf.nn.relu, name="m1",
                       kernel_initializer=tf.glorot_uniform_initializer(seed=62))
net = tf.layers.conv2d(net, 8, 3, padding="same", activation=tf.nn.relu, name="m2",
                       kernel_initializer=tf.glorot_uniform_initializer(seed=63))
net = tf.layers.conv2d_transpose(net, 8, 2, strides=2, activation=tf.nn.relu, name="up",
                                 kernel_initializer=tf.glorot_uniform_initializer(seed=64))
masks = tf.layers.conv2d(net, C, 1, name="mask_logits",
                         kernel_initializer=tf.glorot_uniform_initializer(seed=65))
per_cls = tf.transpose(masks, [0, 3, 1, 2])                     # [R, C, 14, 14]
pos = tf.constant(roi_cls) > 0
sel = tf.gather_nd(per_cls, tf.stack([tf.range(R), tf.maximum(tf.constant(roi_cls) - 1, 0)], 1))
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
    labels=tf.boolean_mask(m14[..., 0], pos), logits=tf.boolean_mask(sel, pos)))
train = tf.train.AdamOptimizer(0.01).minimize(loss)
bx = tf.Variable(boxes_np, name="bx")
crop_sum = tf.reduce_sum(tf.image.crop_and_resize(x, bx, bi, [5, 5]) * tf.range(
    1.0, 4.0))
g_img, g_box = tf.gradients(crop_sum, [x, bx])

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    r, a7, a14 = s.run([rois, m7, m14])
    print("rois", h(r), repr(float(r.sum())))
    print("m7", h(a7), a7.sum(axis=(1, 2, 3)).tolist())
    print("m14", h(a14))
    gi, gb = s.run([g_img, g_box])
    print("grad image", h(gi), repr(float(gi.sum())))
    print("grad boxes", gb.tolist())
    for i in range(5):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    print("masks", h(s.run(masks)))
print("ops", len(tf.get_default_graph().get_operations()))
