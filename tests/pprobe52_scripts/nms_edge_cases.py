"""tf.image.non_max_suppression on the cases a detector's post-processing meets: ties in the
scores (the lower index first), flipped boxes (y2 < y1, x2 < x1), zero-area and identical
boxes, iou_threshold 0 and 1, NaN and -inf scores, max_output_size 0 and larger than the
boxes, float16 boxes and scores, iou/score thresholds fed as tensors, padded with and
without pad_to_max_output_size, non_max_suppression_overlaps with a hand-made IoU matrix,
and an iou_threshold out of [0, 1] (TF's error at run time); op types, indices."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(5201)
rs = np.random.RandomState(5202)
n = 14
ctr = rs.uniform(0.2, 0.8, size=(n, 2))
wh = rs.uniform(0.1, 0.4, size=(n, 2))
bx = np.concatenate([ctr - wh / 2, ctr + wh / 2], -1).astype(np.float32)
bx[3] = bx[3][[2, 3, 0, 1]]           # flipped corners
bx[5] = bx[4]                         # identical boxes
bx[6] = [0.5, 0.5, 0.5, 0.7]          # zero area
bx[7] = bx[8][[0, 3, 2, 1]]           # x flipped copy of box 8
sc = np.round(rs.uniform(0, 1, size=n), 1).astype(np.float32)   # many ties
sc[2] = sc[9]
boxes = tf.constant(bx)
scores = tf.constant(sc)

outs = {}
outs["plain"] = tf.image.non_max_suppression(boxes, scores, 10)
outs["iou0"] = tf.image.non_max_suppression(boxes, scores, 10, iou_threshold=0.0)
outs["iou1"] = tf.image.non_max_suppression(boxes, scores, 20, iou_threshold=1.0)
outs["thr"] = tf.image.non_max_suppression(boxes, scores, 20, 0.3, score_threshold=0.45)
outs["zero"] = tf.image.non_max_suppression(boxes, scores, 0)
sc_nan = sc.copy()
sc_nan[[1, 10]] = [np.nan, -np.inf]
outs["nan"] = tf.image.non_max_suppression(boxes, tf.constant(sc_nan), 20, 0.5)
outs["half"] = tf.image.non_max_suppression(tf.cast(boxes, tf.float16),
                                            tf.cast(scores, tf.float16), 8, 0.4, 0.2)
iou_t = tf.placeholder_with_default(0.35, [])
sco_t = tf.placeholder_with_default(0.25, [])
outs["fed"] = tf.image.non_max_suppression(boxes, scores, tf.constant(6), iou_t, sco_t)
p_idx, p_n = tf.image.non_max_suppression_padded(boxes, scores, 9, 0.4, 0.3,
                                                 pad_to_max_output_size=True)
q_idx, q_n = tf.image.non_max_suppression_padded(boxes, scores, 9, 0.4, 0.3)
ymin = tf.minimum(boxes[:, 0], boxes[:, 2])
xmin = tf.minimum(boxes[:, 1], boxes[:, 3])
ymax = tf.maximum(boxes[:, 0], boxes[:, 2])
xmax = tf.maximum(boxes[:, 1], boxes[:, 3])
ih = tf.maximum(tf.minimum(ymax[:, None], ymax[None]) - tf.maximum(ymin[:, None], ymin[None]), 0.)
iw = tf.maximum(tf.minimum(xmax[:, None], xmax[None]) - tf.maximum(xmin[:, None], xmin[None]), 0.)
inter = ih * iw
area = (ymax - ymin) * (xmax - xmin)
union = area[:, None] + area[None] - inter
ious = tf.where(union > 0, inter / tf.maximum(union, 1e-12), tf.zeros_like(union))
outs["ovl"] = tf.image.non_max_suppression_overlaps(ious, scores, 10, 0.4, 0.2)
bad = tf.image.non_max_suppression(boxes, scores, 5, iou_threshold=tf.constant(1.5))
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print("types", sorted(set(op.type for op in g.get_operations())))
print("names", [t.op.name for t in (outs["plain"], outs["fed"], p_idx, outs["ovl"])])
print("static", {k: v.shape.as_list() for k, v in sorted(outs.items())},
      p_idx.shape.as_list(), q_idx.shape.as_list(), p_n.shape.as_list())

with tf.Session() as sess:
    r = sess.run(outs)
    for k in sorted(r):
        print(k, r[k].dtype, r[k].tolist())
    pi, pn, qi, qn = sess.run([p_idx, p_n, q_idx, q_n])
    print("padded", pi.tolist(), int(pn), qi.tolist(), int(qn))
    print("fed2", sess.run(outs["fed"], {iou_t: 0.9, sco_t: 0.0}).tolist())
    m = sess.run(ious)
    print("ious", h(m), repr(float(m[7, 8])), repr(float(m[4, 5])), repr(float(m[6, 6])))
    try:
        sess.run(bad)
    except tf.errors.InvalidArgumentError as e:
        print("error", type(e).__name__, e.message.splitlines()[0])
