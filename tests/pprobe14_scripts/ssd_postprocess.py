"""SSD-style post-processing: pairwise IoU written by hand (broadcast min/max) checked
against non_max_suppression_overlaps on the same matrix, per-class
combined_non_max_suppression (pad_per_class, clip_boxes both ways, score threshold),
non_max_suppression_padded, crop_and_resize of the kept boxes with box_ind from a
batch, and draw_bounding_boxes; counts, indices and values at full precision."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1421)
rs = np.random.RandomState(1422)
n, ncls, batch = 24, 3, 2
ctr = rs.uniform(0.1, 0.9, size=(batch, n, 2))
wh = rs.uniform(0.05, 0.5, size=(batch, n, 2))
bx = np.concatenate([ctr - wh / 2, ctr + wh / 2], -1).astype(np.float32)
sc = rs.uniform(0, 1, size=(batch, n, ncls)).astype(np.float32)
boxes = tf.constant(bx)
scores = tf.constant(sc)


def iou(a, b):
    ymin = tf.maximum(a[:, None, 0], b[None, :, 0])
    xmin = tf.maximum(a[:, None, 1], b[None, :, 1])
    ymax = tf.minimum(a[:, None, 2], b[None, :, 2])
    xmax = tf.minimum(a[:, None, 3], b[None, :, 3])
    inter = tf.maximum(ymax - ymin, 0.) * tf.maximum(xmax - xmin, 0.)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter / (area_a[:, None] + area_b[None, :] - inter)


ov = iou(boxes[0], boxes[0])
sel_ov = tf.image.non_max_suppression_overlaps(ov, scores[0, :, 0], 10,
                                               overlap_threshold=0.3, score_threshold=0.2)
sel_v = tf.image.non_max_suppression(boxes[0], scores[0, :, 0], 10, iou_threshold=0.3,
                                     score_threshold=0.2)
cnms = []
for pad_pc in (False, True):
    for clip in (True, False):
        cnms.append(tf.image.combined_non_max_suppression(
            tf.expand_dims(boxes * 1.2 - 0.1, 2), scores, 4, 7, iou_threshold=0.4,
            score_threshold=0.3, pad_per_class=pad_pc, clip_boxes=clip))
shared = tf.image.combined_non_max_suppression(
    tf.tile(tf.expand_dims(boxes, 2), [1, 1, ncls, 1]), scores, 5, 12, 0.5, 0.1)
idx_pad, nvalid = tf.image.non_max_suppression_padded(
    boxes[1], scores[1, :, 1], 8, iou_threshold=0.35, score_threshold=0.25,
    pad_to_max_output_size=True)
kept = tf.gather(boxes[1], idx_pad[:3])
images = tf.constant(rs.uniform(0, 1, size=(batch, 16, 16, 3)).astype(np.float32))
crops = tf.image.crop_and_resize(images, kept, tf.constant([1, 0, 1]), [5, 5])
crops_nn = tf.image.crop_and_resize(images, kept, tf.constant([0, 0, 1]), [4, 6],
                                    method="nearest", extrapolation_value=-1.0)
drawn = tf.image.draw_bounding_boxes(images, cnms[0].nmsed_boxes[:, :3])
print("ops", len(tf.get_default_graph().get_operations()))
print("static", sel_ov.shape, idx_pad.shape, cnms[1].nmsed_boxes.shape,
      shared.valid_detections.shape)

with tf.Session() as sess:
    o, a, b = sess.run([ov, sel_ov, sel_v])
    print("iou", h(o), repr(float(o[0, 1])), repr(float(np.where(o < 1, o, 0).max())))
    print("sel", a.tolist(), b.tolist())
    for k, c in enumerate(sess.run(cnms + [shared])):
        print("cnms", k, c.valid_detections.tolist(), c.nmsed_classes.tolist())
        print("  scores", [repr(float(v)) for v in c.nmsed_scores.ravel()[:6]])
        print("  boxes", h(c.nmsed_boxes), [repr(float(v)) for v in c.nmsed_boxes[0, 0]])
    i, nv, k, c1, c2, d = sess.run([idx_pad, nvalid, kept, crops, crops_nn, drawn])
    print("padded", i.tolist(), int(nv), h(k))
    print("crops", h(c1), h(c2), h(d), repr(float(c1[0, 2, 3, 1])))
