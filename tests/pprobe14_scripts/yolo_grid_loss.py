"""A YOLOv2-style detector head on a 4x4 grid with two anchors: a conv backbone, the head
reshaped to [batch, 4, 4, 2, 5 + classes], sigmoid offsets plus a meshgrid cell grid and
exp-scaled anchors, IoU of every predicted box against the ground truth computed by hand
(reduce_max over the truths for the no-object mask), the weighted coordinate, objectness
and class losses trained with Adam under clip_by_global_norm, then decoding with
boolean_mask, per-class score thresholds and non_max_suppression, and
draw_bounding_boxes of the kept boxes."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1491)
rs = np.random.RandomState(1492)
G, A, C, B = 4, 2, 3, 4
anchors = np.array([[1.0, 1.5], [2.0, 1.0]], np.float32)
images = rs.uniform(size=(B, 16, 16, 3)).astype(np.float32)
# ground truth: one object per image in (cy, cx, h, w) grid units, its cell and anchor
truth = np.zeros((B, G, G, A, 5 + C), np.float32)
gt_boxes = np.zeros((B, 2, 4), np.float32)
for b in range(B):
    for k in range(2):
        cy, cx = rs.uniform(0.2, 3.8, 2)
        hh, ww = rs.uniform(0.6, 2.2, 2)
        a = int(np.argmin(np.abs(anchors[:, 0] / anchors[:, 1] - hh / ww)))
        truth[b, int(cy), int(cx), a, :5] = [cy, cx, hh, ww, 1.0]
        truth[b, int(cy), int(cx), a, 5 + rs.randint(C)] = 1.0
        gt_boxes[b, k] = [cy - hh / 2, cx - ww / 2, cy + hh / 2, cx + ww / 2]

x = tf.placeholder(tf.float32, [None, 16, 16, 3])
y = tf.placeholder(tf.float32, [None, G, G, A, 5 + C])
gt = tf.placeholder(tf.float32, [None, 2, 4])
net = tf.layers.conv2d(x, 8, 3, 2, "same", activation=tf.nn.leaky_relu,
                       kernel_initializer=tf.glorot_uniform_initializer(seed=1))
net = tf.layers.conv2d(net, 8, 3, 2, "same", activation=tf.nn.leaky_relu,
                       kernel_initializer=tf.glorot_uniform_initializer(seed=2))
raw = tf.layers.conv2d(net, A * (5 + C), 1,
                       kernel_initializer=tf.glorot_uniform_initializer(seed=3))
raw = tf.reshape(raw, [-1, G, G, A, 5 + C])
gy, gx = tf.meshgrid(tf.range(G, dtype=tf.float32), tf.range(G, dtype=tf.float32),
                     indexing="ij")
grid = tf.stack([gy, gx], -1)[None, :, :, None, :]
pred_c = tf.sigmoid(raw[..., 0:2]) + grid
pred_hw = tf.exp(raw[..., 2:4]) * anchors
pred_obj = tf.sigmoid(raw[..., 4])
pred_cls = raw[..., 5:]
pred_box = tf.concat([pred_c - pred_hw / 2, pred_c + pred_hw / 2], -1)


def iou(b1, b2):
    lo = tf.maximum(b1[..., :2], b2[..., :2])
    hi = tf.minimum(b1[..., 2:], b2[..., 2:])
    inter = tf.reduce_prod(tf.maximum(hi - lo, 0.0), -1)
    a1 = tf.reduce_prod(b1[..., 2:] - b1[..., :2], -1)
    a2 = tf.reduce_prod(b2[..., 2:] - b2[..., :2], -1)
    return inter / (a1 + a2 - inter + 1e-9)


ious = iou(pred_box[:, :, :, :, None, :], gt[:, None, None, None, :, :])
best = tf.reduce_max(ious, axis=-1)
obj_mask = y[..., 4]
noobj_mask = (1.0 - obj_mask) * tf.cast(best < 0.6, tf.float32)
coord = tf.reduce_sum(obj_mask[..., None] * (
    tf.square(pred_c - y[..., 0:2]) +
    tf.square(tf.sqrt(pred_hw) - tf.sqrt(tf.maximum(y[..., 2:4], 1e-9)))))
obj_l = tf.reduce_sum(obj_mask * tf.square(1.0 - pred_obj))
noobj_l = 0.5 * tf.reduce_sum(noobj_mask * tf.square(pred_obj))
cls_l = tf.reduce_sum(obj_mask * tf.nn.softmax_cross_entropy_with_logits_v2(
    labels=y[..., 5:], logits=pred_cls))
loss = (5.0 * coord + obj_l + noobj_l + cls_l) / tf.cast(tf.shape(x)[0], tf.float32)
opt = tf.train.AdamOptimizer(3e-3)
gv = opt.compute_gradients(loss)
grads, norm = tf.clip_by_global_norm([g for g, _ in gv], 5.0)
train = opt.apply_gradients(zip(grads, [v for _, v in gv]))

scores = pred_obj[0][..., None] * tf.nn.softmax(pred_cls[0])
boxes0 = tf.reshape(pred_box[0] / G, [-1, 4])
flat_scores = tf.reshape(scores, [-1, C])
cls_id = tf.argmax(flat_scores, -1)
cls_score = tf.reduce_max(flat_scores, -1)
mask = cls_score > 0.05
kept_boxes = tf.boolean_mask(boxes0, mask)
kept_scores = tf.boolean_mask(cls_score, mask)
kept_cls = tf.boolean_mask(cls_id, mask)
sel = tf.image.non_max_suppression(kept_boxes, kept_scores, 5, 0.45)
final = tf.gather(kept_boxes, sel)
drawn = tf.image.draw_bounding_boxes(x[:1], final[None])
print("ops", len(tf.get_default_graph().get_operations()))
print("shapes", raw.shape, ious.shape, kept_boxes.shape, drawn.shape)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: images, y: truth, gt: gt_boxes}
    for step in range(10):
        _, lv, nv, parts = sess.run([train, loss, norm, [coord, obj_l, noobj_l, cls_l]], feed)
        print(step, repr(float(lv)), repr(float(nv)), [repr(float(p)) for p in parts])
    b, s, c, i, fb, d = sess.run([kept_boxes, kept_scores, kept_cls, sel, final, drawn], feed)
    print("kept", len(s), h(b), c.tolist(), i.tolist())
    print("final", [repr(float(v)) for v in fb.ravel()[:8]], h(d))
