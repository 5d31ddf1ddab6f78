"""Box utilities of a small detector: anchors from meshgrid, IoU computed in the graph,
box encoding/decoding, a smooth-L1 (huber) box regression plus a sigmoid objectness loss
trained with Momentum; then tf.image.non_max_suppression (with a score threshold) of the
decoded boxes and of the anchors, and draw_bounding_boxes of the kept boxes."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(101)
rs = np.random.RandomState(102)
G = 4
cy, cx = tf.meshgrid(tf.range(G, dtype=tf.float32), tf.range(G, dtype=tf.float32), indexing="ij")
ctr = tf.stack([(tf.reshape(cy, [-1]) + 0.5) / G, (tf.reshape(cx, [-1]) + 0.5) / G], 1)
sizes = tf.constant([0.2, 0.35])
anchors = tf.reshape(
    tf.concat(
        [ctr[:, None, :] - sizes[None, :, None] / 2, ctr[:, None, :] + sizes[None, :, None] / 2], 2
    ),
    [-1, 4],
)
gt = tf.constant([[0.1, 0.1, 0.4, 0.45], [0.55, 0.5, 0.9, 0.85]])


def iou(a, b):
    y1 = tf.maximum(a[:, None, 0], b[None, :, 0])
    x1 = tf.maximum(a[:, None, 1], b[None, :, 1])
    y2 = tf.minimum(a[:, None, 2], b[None, :, 2])
    x2 = tf.minimum(a[:, None, 3], b[None, :, 3])
    inter = tf.maximum(y2 - y1, 0) * tf.maximum(x2 - x1, 0)

    def area(z):
        return (z[:, 2] - z[:, 0]) * (z[:, 3] - z[:, 1])

    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


ious = iou(anchors, gt)
best = tf.argmax(ious, 1)
pos = tf.cast(tf.reduce_max(ious, 1) > 0.3, tf.float32)
mg = tf.gather(gt, best)
ah, aw = anchors[:, 2] - anchors[:, 0], anchors[:, 3] - anchors[:, 1]
ay, ax = anchors[:, 0] + ah / 2, anchors[:, 1] + aw / 2
gh, gw = mg[:, 2] - mg[:, 0], mg[:, 3] - mg[:, 1]
target = tf.stack(
    [
        (mg[:, 0] + gh / 2 - ay) / ah,
        (mg[:, 1] + gw / 2 - ax) / aw,
        tf.log(gh / ah),
        tf.log(gw / aw),
    ],
    1,
)
feat = tf.constant(rs.randn(G * G * 2, 8).astype(np.float32))
hid = tf.layers.dense(feat, 16, tf.nn.relu)
deltas = tf.layers.dense(hid, 4)
obj = tf.squeeze(tf.layers.dense(hid, 1), 1)
reg = tf.losses.huber_loss(target, deltas, weights=pos[:, None], delta=1.0)
cls = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=pos, logits=obj))
loss = reg + cls
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
dy = deltas[:, 0] * ah + ay
dx = deltas[:, 1] * aw + ax
dh = tf.exp(deltas[:, 2]) * ah
dw = tf.exp(deltas[:, 3]) * aw
boxes = tf.stack([dy - dh / 2, dx - dw / 2, dy + dh / 2, dx + dw / 2], 1)
scores = tf.sigmoid(obj)
keep = tf.image.non_max_suppression(boxes, scores, 5, iou_threshold=0.5, score_threshold=0.3)
keep2 = tf.image.non_max_suppression(anchors, tf.reduce_max(ious, 1), 4, 0.2)
img = tf.ones([1, 12, 12, 3]) * 0.5
drawn = tf.image.draw_bounding_boxes(img, tf.gather(boxes, keep)[None])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print("ious", H(s.run(ious)), s.run(pos).tolist())
    print("keep2", s.run(keep2).tolist())
    for i in range(10):
        a, b, _ = s.run([reg, cls, train])
        if i % 3 == 0:
            print("step", i, repr(float(a)), repr(float(b)))
    k, bx = s.run([keep, boxes])
    print("keep", k.tolist(), H(bx))
    print("drawn", H(s.run(drawn)))
