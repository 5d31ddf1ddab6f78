"""Second stage of a two-stage detector: ROI-align by tf.image.crop_and_resize of
proposals from a batch of two feature maps (box_ind picks the image; 2x sampling then
avg_pool), a box head with a softmax classifier and class-specific box regression
selected by tf.gather_nd of [roi, class] pairs, a smooth L1 via tf.losses.huber_loss and
sparse softmax cross-entropy trained with RMSProp (gradients flow to the feature maps and
to the proposal coordinates), then post-processing: softmax scores, per-class
tf.image.non_max_suppression with a score threshold through tf.map_fn and padding."""
import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(2111)
rs = np.random.RandomState(2112)
C, R = 3, 10
images = rs.uniform(size=(2, 12, 12, 3)).astype(np.float32)
c0 = rs.uniform(0.05, 0.55, size=(R, 2))
sz = rs.uniform(0.2, 0.45, size=(R, 2))
props = np.concatenate([c0, c0 + sz], 1).astype(np.float32)
box_ind = np.array([0, 1] * (R // 2), np.int32)
cls = rs.randint(0, C + 1, size=R).astype(np.int32)      # 0 = background
reg_t = rs.normal(0, 0.3, size=(R, 4)).astype(np.float32)

x = tf.constant(images)
feat = tf.layers.conv2d(x, 6, 3, padding="same", activation=tf.nn.relu, name="backbone",
                        kernel_initializer=tf.glorot_uniform_initializer(seed=11))
boxes = tf.Variable(props, name="proposals")
crops = tf.image.crop_and_resize(feat, boxes, tf.constant(box_ind), [8, 8])
pooled = tf.nn.avg_pool(crops, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")       # [R, 4, 4, 6]
flat = tf.layers.flatten(pooled)
fc = tf.layers.dense(flat, 16, tf.nn.relu, name="fc",
                     kernel_initializer=tf.glorot_uniform_initializer(seed=12))
logits = tf.layers.dense(fc, C + 1, name="cls",
                         kernel_initializer=tf.glorot_uniform_initializer(seed=13))
box = tf.reshape(tf.layers.dense(fc, 4 * (C + 1), name="reg",
                                 kernel_initializer=tf.glorot_uniform_initializer(seed=14)),
                 [-1, C + 1, 4])
idx = tf.stack([tf.range(R), tf.constant(cls)], 1)
sel = tf.gather_nd(box, idx)
fg = tf.cast(tf.constant(cls) > 0, tf.float32)
xent = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=tf.constant(cls), logits=logits))
reg = tf.losses.huber_loss(tf.constant(reg_t), sel, weights=fg[:, None], delta=1.0)
loss = xent + reg
g_feat, g_box = tf.gradients(loss, [feat, boxes])
train = tf.train.RMSPropOptimizer(0.01).minimize(loss)

probs = tf.nn.softmax(logits)


def per_class(c):
    sc = probs[:, c]
    keep = tf.image.non_max_suppression(boxes, sc, 4, iou_threshold=0.4,
                                        score_threshold=0.2)
    n = tf.size(keep)
    return tf.pad(keep, [[0, 4 - n]], constant_values=-1), n


kept, nk = tf.map_fn(per_class, tf.range(1, C + 1), dtype=(tf.int32, tf.int32))

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    cr, gf, gb = s.run([crops, g_feat, g_box])
    print("crops", h(cr), repr(float(cr.sum())))
    print("grad feat", h(gf))
    print("grad boxes", gb.tolist())
    for i in range(5):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    k, n, p, b = s.run([kept, nk, probs, boxes])
    print("kept", k.tolist(), n.tolist())
    print("probs", h(p), "boxes", h(b))
print("ops", len(tf.get_default_graph().get_operations()))
