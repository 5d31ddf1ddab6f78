"""Faster R-CNN region-proposal targets: anchors of three scales and two aspect ratios
tiled over a 4x4 feature map, IoU against the ground truth, labels by thresholds with
tf.where, every truth's best anchor forced positive through unsorted_segment_max and
top_k, a balanced minibatch of anchors drawn by a seeded tf.random_shuffle of the
positive and negative indices, box targets encoded and a smooth L1 (sigma 3) written with
tf.where, sigmoid objectness over the sampled anchors only, trained with Momentum."""
import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(2101)
rs = np.random.RandomState(2102)
F, S = 4, 16.0
feat_in = rs.uniform(size=(1, 16, 16, 3)).astype(np.float32)
gt = np.array([[2.0, 1.5, 9.0, 7.5], [6.0, 8.0, 14.5, 15.0], [1.0, 9.0, 6.0, 14.0]],
              np.float32)

# anchors [F*F*6, 4] as (ymin, xmin, ymax, xmax)
scales = tf.constant([3.0, 6.0, 10.0])
ratios = tf.constant([0.5, 2.0])
sc, ra = tf.meshgrid(scales, ratios)
hs = tf.reshape(sc * tf.sqrt(ra), [-1])
ws = tf.reshape(sc / tf.sqrt(ra), [-1])
cy, cx = tf.meshgrid(tf.range(F, dtype=tf.float32) * (S / F) + S / F / 2,
                     tf.range(F, dtype=tf.float32) * (S / F) + S / F / 2, indexing="ij")
cy = tf.reshape(cy, [-1, 1])
cx = tf.reshape(cx, [-1, 1])
anchors = tf.reshape(tf.stack([cy - hs / 2, cx - ws / 2, cy + hs / 2, cx + ws / 2], -1),
                     [-1, 4])
num_a = F * F * 6


def iou(a, b):
    ya0, xa0, ya1, xa1 = tf.unstack(a[:, None, :], axis=-1)
    yb0, xb0, yb1, xb1 = tf.unstack(b[None, :, :], axis=-1)
    ih = tf.nn.relu(tf.minimum(ya1, yb1) - tf.maximum(ya0, yb0))
    iw = tf.nn.relu(tf.minimum(xa1, xb1) - tf.maximum(xa0, xb0))
    inter = ih * iw
    union = (ya1 - ya0) * (xa1 - xa0) + (yb1 - yb0) * (xb1 - xb0) - inter
    return inter / union


gtb = tf.constant(gt)
ov = iou(anchors, gtb)                       # [A, G]
best_gt = tf.argmax(ov, axis=1, output_type=tf.int32)
best_ov = tf.reduce_max(ov, axis=1)
labels = tf.where(best_ov >= 0.5, tf.ones([num_a], tf.int32),
                  tf.where(best_ov < 0.3, tf.zeros([num_a], tf.int32),
                           -tf.ones([num_a], tf.int32)))
# every truth's best anchor is positive
_, top_idx = tf.nn.top_k(tf.transpose(ov), k=1)
forced = tf.scatter_nd(top_idx, tf.ones([3], tf.int32), [num_a])
seg = tf.unsorted_segment_max(tf.transpose(ov), tf.range(3), 3)
labels = tf.where(forced > 0, tf.ones_like(labels), labels)
pos = tf.reshape(tf.where(tf.equal(labels, 1)), [-1])
neg = tf.reshape(tf.where(tf.equal(labels, 0)), [-1])
n_pos = tf.minimum(tf.size(pos), 4)
pos_s = tf.random_shuffle(pos, seed=7)[:n_pos]
neg_s = tf.random_shuffle(neg, seed=8)[:8 - n_pos]
sampled = tf.concat([pos_s, neg_s], 0)
samp_lab = tf.cast(tf.gather(labels, sampled), tf.float32)

# box targets for the positives
def encode(b, a):
    ah, aw = a[:, 2] - a[:, 0], a[:, 3] - a[:, 1]
    acy, acx = a[:, 0] + ah / 2, a[:, 1] + aw / 2
    bh, bw = b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]
    bcy, bcx = b[:, 0] + bh / 2, b[:, 1] + bw / 2
    return tf.stack([(bcy - acy) / ah, (bcx - acx) / aw, tf.log(bh / ah), tf.log(bw / aw)], 1)


tgt = encode(tf.gather(gtb, tf.gather(best_gt, pos_s)), tf.gather(anchors, pos_s))

x = tf.constant(feat_in)
net = tf.layers.conv2d(x, 8, 3, strides=2, padding="same", activation=tf.nn.relu,
                       kernel_initializer=tf.glorot_uniform_initializer(seed=1), name="c1")
net = tf.layers.conv2d(net, 8, 3, strides=2, padding="same", activation=tf.nn.relu,
                       kernel_initializer=tf.glorot_uniform_initializer(seed=2), name="c2")
obj = tf.reshape(tf.layers.conv2d(net, 6, 1, name="obj",
                                  kernel_initializer=tf.glorot_uniform_initializer(seed=3)),
                 [-1])
deltas = tf.reshape(tf.layers.conv2d(net, 24, 1, name="box",
                                     kernel_initializer=tf.glorot_uniform_initializer(seed=4)),
                    [-1, 4])
cls_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
    labels=samp_lab, logits=tf.gather(obj, sampled)))


def smooth_l1(d, sigma=3.0):
    ad = tf.abs(d)
    s2 = sigma * sigma
    return tf.where(ad < 1.0 / s2, 0.5 * s2 * tf.square(d), ad - 0.5 / s2)


box_loss = tf.reduce_sum(smooth_l1(tf.gather(deltas, pos_s) - tgt)) / 8.0
loss = cls_loss + box_loss
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    a, lb, sg = s.run([anchors, labels, seg])
    print("anchors", h(a), a[:3].tolist())
    print("labels", lb.tolist())
    print("seg", h(sg), sg.max(1).tolist())
    for i in range(4):
        ps, ns, t, lv, _ = s.run([pos_s, neg_s, tgt, loss, train])
        print(i, ps.tolist(), ns.tolist(), h(t), repr(float(lv)))
    print("final", repr(float(s.run(loss))), h(s.run(deltas)))
print("ops", len(tf.get_default_graph().get_operations()))
