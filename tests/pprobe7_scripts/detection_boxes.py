"""Object-detection pieces: anchors, pairwise IoU, anchor matching with argmax/tf.where/
gather_nd, box encoding, smooth L1 (huber) + sigmoid focal-style class loss, a small box head
trained with Momentum, then decoding, non_max_suppression (v1, with score threshold, padded)
and crop_and_resize of the kept boxes with its gradient."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def iou(a, b):
    ya0, xa0, ya1, xa1 = tf.split(a, 4, axis=1)
    yb0, xb0, yb1, xb1 = tf.split(b, 4, axis=1)
    ih = tf.maximum(0.0, tf.minimum(ya1, tf.transpose(yb1)) - tf.maximum(ya0, tf.transpose(yb0)))
    iw = tf.maximum(0.0, tf.minimum(xa1, tf.transpose(xb1)) - tf.maximum(xa0, tf.transpose(xb0)))
    inter = ih * iw
    area_a = (ya1 - ya0) * (xa1 - xa0)
    area_b = (yb1 - yb0) * (xb1 - xb0)
    return inter / (area_a + tf.transpose(area_b) - inter)


tf.set_random_seed(701)
rs = np.random.RandomState(702)
g = np.linspace(0.1, 0.9, 4).astype(np.float32)
cy, cx = np.meshgrid(g, g, indexing="ij")
anchors_np = np.stack([cy - 0.15, cx - 0.15, cy + 0.15, cx + 0.15], -1).reshape(-1, 4)
anchors = tf.constant(anchors_np)
gt = tf.placeholder(tf.float32, [None, 4])
gt_cls = tf.placeholder(tf.int32, [None])
feats = tf.placeholder(tf.float32, [16, 6])
ious = iou(anchors, gt)
best = tf.argmax(ious, axis=1, output_type=tf.int32)
best_iou = tf.reduce_max(ious, axis=1)
pos = best_iou >= 0.15
pos_idx = tf.where(pos)
matched = tf.gather(gt, best)
ha = anchors[:, 2] - anchors[:, 0]
wa = anchors[:, 3] - anchors[:, 1]
ya = anchors[:, 0] + 0.5 * ha
xa = anchors[:, 1] + 0.5 * wa
hg = matched[:, 2] - matched[:, 0]
wg = matched[:, 3] - matched[:, 1]
yg = matched[:, 0] + 0.5 * hg
xg = matched[:, 1] + 0.5 * wg
target = tf.stack([(yg - ya) / ha, (xg - xa) / wa, tf.log(hg / ha), tf.log(wg / wa)], 1)
h = tf.layers.dense(feats, 12, tf.nn.relu)
reg = tf.layers.dense(h, 4)
logit = tf.layers.dense(h, 3)
reg_pos = tf.gather_nd(reg, pos_idx)
tgt_pos = tf.gather_nd(target, pos_idx)
loc_loss = tf.losses.huber_loss(tgt_pos, reg_pos, delta=1.0)
labels = tf.where(pos, tf.gather(gt_cls, best) + 1, tf.zeros_like(best))
cls_loss = tf.reduce_mean(
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logit)
)
loss = loc_loss + cls_loss
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
print(len(tf.get_default_graph().get_operations()))

dy, dx, dh, dw = tf.unstack(reg, axis=1)
pcy = dy * ha + ya
pcx = dx * wa + xa
ph = tf.exp(dh) * ha
pw = tf.exp(dw) * wa
boxes = tf.stack([pcy - ph / 2, pcx - pw / 2, pcy + ph / 2, pcx + pw / 2], 1)
scores = tf.reduce_max(tf.nn.softmax(logit)[:, 1:], axis=1)
keep = tf.image.non_max_suppression(boxes, scores, 5, iou_threshold=0.4)
keep2 = tf.image.non_max_suppression(boxes, scores, 6, iou_threshold=0.6, score_threshold=0.3)
keep3, nvalid = tf.image.non_max_suppression_padded(
    boxes, scores, 6, iou_threshold=0.5, pad_to_max_output_size=True
)
img = tf.placeholder(tf.float32, [2, 10, 10, 3])
kb = tf.gather(boxes, keep)
crops = tf.image.crop_and_resize(img, kb, tf.zeros_like(keep), [4, 4])
cg = tf.gradients(tf.reduce_sum(crops * crops), [img, kb])

GT = np.array([[0.1, 0.1, 0.45, 0.4], [0.5, 0.55, 0.95, 0.9], [0.3, 0.6, 0.6, 0.95]], np.float32)
GC = np.array([0, 1, 1], np.int32)
F = rs.randn(16, 6).astype(np.float32)
IM = rs.rand(2, 10, 10, 3).astype(np.float32)
fd = {gt: GT, gt_cls: GC, feats: F, img: IM}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(best, fd).tolist(), s.run(pos, fd).tolist())
    print(H(s.run(ious, fd)), H(s.run(target, fd)))
    for i in range(6):
        l1, l2, _ = s.run([loc_loss, cls_loss, train], fd)
        print(i, repr(float(l1)), repr(float(l2)))
    k1, k2, k3, nv, sc = s.run([keep, keep2, keep3, nvalid, scores], fd)
    print(k1.tolist(), k2.tolist(), k3.tolist(), int(nv))
    print(repr(sc.tolist()))
    c, gi, gb = s.run([crops] + cg, fd)
    print(H(c), H(gi), H(gb))
    print(repr(float(c.sum())), repr(gb.tolist()))
