"""RetinaNet-style dense detection on two pyramid levels: a class subnet and a box
subnet shared across the levels by variable_scope reuse, the class bias initialised to
the prior -log((1 - pi) / pi), anchors matched by IoU with an ignore band (labels -1
between 0.35 and 0.45) via tf.where, the sigmoid focal loss (alpha 0.25, gamma 2 by
tf.pow) normalised by tf.maximum(1, number of positives), smooth L1 over the positives,
Adam training; then decoding: top_k candidates over all levels and classes with ties,
tf.image.non_max_suppression with a score threshold, tf.image.non_max_suppression_overlaps
on the IoU matrix of the same candidates."""
import hashlib
import math

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(2131)
rs = np.random.RandomState(2132)
C, A = 2, 2
img = rs.uniform(size=(1, 16, 16, 3)).astype(np.float32)
gt = np.array([[0.05, 0.1, 0.45, 0.42], [0.3, 0.45, 0.95, 0.9]], np.float32)
gt_cls = np.array([0, 1], np.int32)


def level_anchors(n, size):
    g = (np.arange(n, dtype=np.float32) + 0.5) / n
    cy, cx = np.meshgrid(g, g, indexing="ij")
    out = []
    for y, x in zip(cy.ravel(), cx.ravel()):
        for r in (0.7, 1.4):
            hh, ww = size * math.sqrt(r), size / math.sqrt(r)
            out.append([y - hh / 2, x - ww / 2, y + hh / 2, x + ww / 2])
    return np.array(out, np.float32)


anchors_np = np.concatenate([level_anchors(4, 0.35), level_anchors(2, 0.7)])
anchors = tf.constant(anchors_np)
NA = anchors_np.shape[0]


def pairwise_iou(a, b):
    amin, amax = tf.split(a, 2, axis=1)
    bmin, bmax = tf.split(b, 2, axis=1)
    lo = tf.maximum(amin[:, None], bmin[None])
    hi = tf.minimum(amax[:, None], bmax[None])
    wh = tf.maximum(hi - lo, 0.0)
    inter = tf.reduce_prod(wh, -1)
    aa = tf.reduce_prod(amax - amin, -1)
    ab = tf.reduce_prod(bmax - bmin, -1)
    return inter / (aa[:, None] + ab[None] - inter)


ov = pairwise_iou(anchors, tf.constant(gt))
m = tf.argmax(ov, 1)
mx = tf.reduce_max(ov, 1)
cls_t = tf.one_hot(tf.gather(tf.constant(gt_cls), m), C)
state = tf.where(mx >= 0.45, tf.ones([NA]), tf.where(mx < 0.35, tf.zeros([NA]), -tf.ones([NA])))
cls_t = cls_t * tf.cast(tf.equal(state, 1.0), tf.float32)[:, None]
num_pos = tf.reduce_sum(tf.cast(tf.equal(state, 1.0), tf.float32))

x = tf.constant(img)
p3 = tf.layers.conv2d(x, 8, 3, strides=4, padding="same", activation=tf.nn.relu, name="p3",
                      kernel_initializer=tf.glorot_uniform_initializer(seed=31))
p4 = tf.layers.conv2d(p3, 8, 3, strides=2, padding="same", activation=tf.nn.relu, name="p4",
                      kernel_initializer=tf.glorot_uniform_initializer(seed=32))
prior = 0.01


def heads(f):
    with tf.variable_scope("heads", reuse=tf.AUTO_REUSE):
        c = tf.layers.conv2d(f, 8, 3, padding="same", activation=tf.nn.relu, name="cls_h",
                             kernel_initializer=tf.random_normal_initializer(0, 0.1, seed=33))
        c = tf.layers.conv2d(c, A * C, 3, padding="same", name="cls_o",
                             kernel_initializer=tf.random_normal_initializer(0, 0.1, seed=34),
                             bias_initializer=tf.constant_initializer(
                                 -math.log((1 - prior) / prior)))
        b = tf.layers.conv2d(f, A * 4, 3, padding="same", name="box_o",
                             kernel_initializer=tf.random_normal_initializer(0, 0.1, seed=35))
    return tf.reshape(c, [-1, C]), tf.reshape(b, [-1, 4])


c3, b3 = heads(p3)
c4, b4 = heads(p4)
cls_logits = tf.concat([c3, c4], 0)
box_out = tf.concat([b3, b4], 0)

p = tf.sigmoid(cls_logits)
ce = tf.nn.sigmoid_cross_entropy_with_logits(labels=cls_t, logits=cls_logits)
pt = cls_t * p + (1 - cls_t) * (1 - p)
alpha = cls_t * 0.25 + (1 - cls_t) * 0.75
focal = alpha * tf.pow(1.0 - pt, 2.0) * ce
care = tf.cast(tf.not_equal(state, -1.0), tf.float32)[:, None]
cls_loss = tf.reduce_sum(focal * care) / tf.maximum(1.0, num_pos)
posm = tf.equal(state, 1.0)
box_t = tf.gather(tf.constant(gt), tf.boolean_mask(m, posm)) - tf.boolean_mask(anchors, posm)
d = tf.abs(tf.boolean_mask(box_out, posm) * 0.1 - box_t)
box_loss = tf.reduce_sum(tf.where(d < 0.11, 0.5 * d * d / 0.11, d - 0.055)) / tf.maximum(
    1.0, num_pos)
loss = cls_loss + box_loss
train = tf.train.AdamOptimizer(0.05).minimize(loss)

scores = tf.reshape(p, [-1])
top_s, top_i = tf.nn.top_k(tf.round(scores * 40) / 40, k=12)
cand = tf.gather(anchors, top_i // C) + tf.gather(box_out, top_i // C) * 0.1
keep = tf.image.non_max_suppression(cand, top_s, 6, iou_threshold=0.3, score_threshold=0.05)
keep_ov = tf.image.non_max_suppression_overlaps(pairwise_iou(cand, cand), top_s, 6,
                                                overlap_threshold=0.3, score_threshold=0.05)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    st, npos = s.run([state, num_pos])
    print("state", st.astype(int).tolist(), npos)
    print("vars", [v.op.name for v in tf.trainable_variables()])
    for i in range(8):
        lv, cl, bl, _ = s.run([loss, cls_loss, box_loss, train])
        print(i, repr(float(lv)), repr(float(cl)), repr(float(bl)))
    ts, ti, k, ko = s.run([top_s, top_i, keep, keep_ov])
    print("top", ts.tolist(), ti.tolist())
    print("keep", k.tolist(), ko.tolist())
    print("box_out", h(s.run(box_out)))
print("ops", len(tf.get_default_graph().get_operations()))
